"""`policebench export`: a profile as the data-collection workbook, filled in."""

from __future__ import annotations

from typing import Annotated

import typer

from policebench.cli.common import (
    LangOpt,
    OutputOpt,
    RubricOpt,
    finish,
    format_option,
    handle_errors,
    lang_of,
    load_or_exit,
    resolve_format,
)
from policebench.cli.root import app
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.render import registry
from policebench.render.registry import ExportFormat


@app.command()
@handle_errors
def export(
    city: Annotated[
        str,
        typer.Argument(
            help="Profile id or path; the latest assessment of that place.", metavar="CITY"
        ),
    ],
    rubric: RubricOpt = None,
    format: Annotated[ExportFormat | None, format_option("xlsx")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write a profile as the data-collection workbook (.xlsx), filled in with what was
    assessed: to send a department what was assessed last time, or to start the next round.

    The workbook is the one `policebench new --format xlsx` writes; `policebench import`
    reads it back to the same profile. --format yaml writes the profile again as the
    commented YAML `new` writes.

    An existing file is never replaced (a workbook sent out comes back filled in): exit
    code 0 when written, 2 on a bad profile or option, or when the output file exists.

    Examples:

      policebench export j-city -o j-city.xlsx

      policebench export cities/my-city.yaml --lang zh -o 某市-2027.xlsx
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "export", language)
    if output is not None and output.exists():
        raise UserError(Msg("exists", path=str(output)), Msg("exists-hint"))
    ws, failed = load_or_exit([city], rubric, strict=True)
    place = ws.selected[0]
    data = registry.ProfileDoc(place.profile, ws.rubric, ws.rubric_source.sha256, place.source.name)
    finish(registry.render("export", fmt, data, registry.Style(language)), output, ws, failed)
