"""The typer application; importing this module registers every command."""

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


# Command modules register themselves on `app` when imported.
from policebench.cli.commands import compare as _compare  # noqa: E402,F401
from policebench.cli.commands import consensus as _consensus  # noqa: E402,F401
from policebench.cli.commands import evidence as _evidence  # noqa: E402,F401
from policebench.cli.commands import export as _export  # noqa: E402,F401
from policebench.cli.commands import gaps as _gaps  # noqa: E402,F401
from policebench.cli.commands import import_ as _import  # noqa: E402,F401
from policebench.cli.commands import new as _new  # noqa: E402,F401
from policebench.cli.commands import recommend as _recommend  # noqa: E402,F401
from policebench.cli.commands import report as _report  # noqa: E402,F401
from policebench.cli.commands import rubric as _rubric  # noqa: E402,F401
from policebench.cli.commands import schema as _schema  # noqa: E402,F401
from policebench.cli.commands import score as _score  # noqa: E402,F401
from policebench.cli.commands import sensitivity as _sensitivity  # noqa: E402,F401
from policebench.cli.commands import survey as _survey  # noqa: E402,F401
from policebench.cli.commands import trend as _trend  # noqa: E402,F401
from policebench.cli.commands import validate as _validate  # noqa: E402,F401
from policebench.cli.commands import weights as _weights  # noqa: E402,F401

# --help in the locale's language (or --lang's): the Chinese comes from cli/help_texts.
from policebench.cli.help_texts import install as _install_help  # noqa: E402

_install_help(app)
