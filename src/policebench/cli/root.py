"""The typer application and its global options, with no command yet: :func:`register`
adds the commands, all of them (``cli.app``) or, for a run, only the one it names (``main``),
so that ``policebench score`` imports and builds one command of eighteen."""

from __future__ import annotations

import typer

from policebench import __version__, exitcodes

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
) -> None:
    """Assess, compare and plan smart-policing maturity."""
    if no_cache:
        import os

        from policebench.workspace.cache import OFF_VARIABLE

        os.environ[OFF_VARIABLE] = "1"


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
    """The command a command line names: its first word that is not an option (the global
    options take no value)."""
    return next((arg for arg in args if not arg.startswith("-")), None)
