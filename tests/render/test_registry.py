"""The format registry: a command offers exactly the formats it can render, and each
renderer writes its format (the CLI-level loop is tests/cli/test_common.py)."""

from __future__ import annotations

from typing import Any

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


def test_office_formats_are_office_packages(rubric: Any, profiles: dict[str, Any]) -> None:
    """Every binary format of every command renders bytes that are that format: a zip
    package whose [Content_Types].xml names the main part of a workbook or a document."""
    import io
    import json
    import zipfile

    from typer.testing import CliRunner

    from policebench.cli.app import app

    main_part = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    }
    from policebench.analysis.evidence import quality, register
    from policebench.analysis.sensitivity import run
    from policebench.analysis.trend import trend
    from policebench.scoring import score

    def data(*args: str) -> Any:
        return json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)

    report = data("report", "j-city")
    cards = [score(rubric, p) for p in profiles.values()]
    results = {
        "new": registry.ProfileDoc(profiles["j-city"], rubric, "0" * 64, "j.yaml"),
        "export": registry.ProfileDoc(profiles["j-city"], rubric, "0" * 64, "j.yaml"),
        "report": report,
        "gaps": report,
        "recommend": report,
        "compare": data("compare"),
        "score": registry.Scores(rubric, cards),
        "trend": registry.WithRubric(rubric, trend(rubric, [profiles["j-city"]])),
        "sensitivity": registry.WithRubric(
            rubric, run(rubric, list(profiles.values()), samples=50)
        ),
        "evidence": registry.Evidence(
            rubric,
            register(rubric, list(profiles.values())),
            {pid: quality(rubric, p) for pid, p in profiles.items()},
            dict(profiles),
        ),
    }
    tried = set()
    for command, renderers in registry.commands().items():
        for fmt in renderers:
            if fmt not in registry.BINARY:
                continue
            data = registry.render(command, fmt, results[command], registry.Style())
            assert isinstance(data, bytes), (command, fmt)
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                assert package.testzip() is None
                types = package.read("[Content_Types].xml").decode("utf-8")
            assert main_part[fmt] in types, (command, fmt)
            tried.add((command, fmt))
    assert tried == {
        ("new", "xlsx"),
        ("export", "xlsx"),
        ("report", "docx"),
        ("score", "xlsx"),
        ("compare", "xlsx"),
        ("gaps", "xlsx"),
        ("recommend", "xlsx"),
        ("evidence", "xlsx"),
        ("trend", "xlsx"),
        ("sensitivity", "xlsx"),
    }
