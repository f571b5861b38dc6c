"""The format registry: a command offers exactly the formats it can render, and each
renderer writes its format (the CLI-level loop is tests/cli/test_common.py)."""

from __future__ import annotations

from policebench.render import registry


def test_every_offered_format_has_a_renderer_and_every_renderer_is_offered() -> None:
    for command, renderers in registry.commands().items():
        offered = [f.value for f in registry.formats(command)]
        assert offered == list(renderers), command
        assert registry.default(command).value == offered[0]
        for fmt, renderer in renderers.items():
            assert callable(renderer), (command, fmt)


def test_the_registry_knows_every_command_with_a_format() -> None:
    import typer

    from policebench.cli.app import app

    with_format = set()
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for sub, leaf in getattr(command, "commands", {"": command}).items():
            if any("--format" in p.opts for p in leaf.params):
                with_format.add(f"{name} {sub}".strip())
    assert with_format == set(registry.commands())
