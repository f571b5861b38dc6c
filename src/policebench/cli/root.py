"""The typer application and its global options, with no command yet: :func:`register`
adds the commands, all of them (``cli.app``) or, for a run, only the one it names (``main``),
so that ``policebench score`` imports and builds one command of eighteen."""

from __future__ import annotations

from typing import Annotated

import typer

from policebench import __version__, exitcodes
from policebench.cli.common import Lang

app = typer.Typer(
    name="policebench",
    help="Assess, compare and plan smart-policing maturity from YAML rubrics and profiles.\n\n"
    "Examples:\n\n"
    "  policebench score                      # every bundled place, ranked\n\n"
    "  policebench score j-city --format json\n\n"
    "  policebench validate cities/my-city.yaml",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policebench {__version__}")
        raise typer.Exit(exitcodes.OK)


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Read and validate every file afresh, without the validated-input cache "
        "(also: POLICEBENCH_NO_CACHE=1; POLICEBENCH_CACHE_DIR moves it).",
    ),
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="Language of the command's labels, texts and messages: en or zh, as the "
            "command's own --lang does (which wins when both are given).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Assess, compare and plan smart-policing maturity."""
    if lang is not None:
        from policebench.i18n import LANG_VARIABLE

        _for_this_run(ctx, LANG_VARIABLE, lang.value)
    if no_cache:
        from policebench.workspace.cache import OFF_VARIABLE

        _for_this_run(ctx, OFF_VARIABLE, "1")


def _for_this_run(ctx: typer.Context, name: str, value: str) -> None:
    """Set the environment variable ``name`` while the command runs: a global option says
    what the variable would (the commands read it), and the run leaves the environment as
    it found it (a test's next run, say)."""
    import os

    before = os.environ.get(name)
    os.environ[name] = value

    def restore() -> None:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before

    ctx.call_on_close(restore)


#: Each command (and command group) by the name typed, and the module under
#: ``policebench.cli.commands`` that registers it (tests/cli/test_root.py checks it).
COMMANDS = {
    "compare": "compare",
    "consensus": "consensus",
    "evidence": "evidence",
    "export": "export",
    "gaps": "gaps",
    "import": "import_",
    "new": "new",
    "recommend": "recommend",
    "report": "report",
    "rubric": "rubric",
    "schema": "schema",
    "score": "score",
    "sensitivity": "sensitivity",
    "survey": "survey",
    "trend": "trend",
    "validate": "validate",
    "weights": "weights",
}


def register(only: str | None = None) -> None:
    """Register the command ``only`` names (every command when None, or when it names none:
    then typer's "no such command" can suggest the right one), and the help in the
    locale's language."""
    import importlib

    from policebench.cli.help_texts import install

    modules = [COMMANDS[only]] if only in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"policebench.cli.commands.{module}")
    install(app)


def command_in(args: list[str]) -> str | None:
    """The command a command line names: its first word that is neither an option nor the
    value of one (of the global options, only --lang takes one)."""
    value_of = False
    for arg in args:
        if not value_of and not arg.startswith("-"):
            return arg
        value_of = arg == "--lang"
    return None
