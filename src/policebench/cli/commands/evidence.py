"""`policebench evidence`: the source register of the places, with ages and flags."""

from __future__ import annotations

from typing import Annotated

import typer

from policebench.cli.common import (
    CitiesArg,
    LangOpt,
    OutputOpt,
    RubricOpt,
    SheetFormatOpt,
    finish,
    handle_errors,
    lang_of,
    load_or_exit,
    resolve_format,
    style_for,
)
from policebench.cli.root import app
from policebench.render import registry


@app.command()
@handle_errors
def evidence(
    cities: CitiesArg = None,
    rubric: RubricOpt = None,
    format: SheetFormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    many: Annotated[
        int,
        typer.Option(
            min=2,
            help="Flag a source cited on this many levels or more (a single point of failure).",
        ),
    ] = 4,
    strict: Annotated[
        bool, typer.Option(help="Refuse to output anything when any input is bad.")
    ] = False,
) -> None:
    """List every source of the places: the levels and places it supports, its reliability,
    its age at the assessment date, and its flags (stale, reposts only, carries many levels,
    rated differently, not an http(s) URL, undated); then every flagged level (also: no
    source) and each place's evidence quality.

    Examples:

      policebench evidence

      policebench evidence hangzhou qingdao --format markdown

      policebench evidence @bundled --output sources.csv

      policebench evidence @bundled -o sources.xlsx   # to check, source by source
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "evidence", language)
    from policebench.analysis.evidence import quality, register

    ws, failed = load_or_exit(cities or [], rubric, strict=strict)
    profiles = sorted((lp.profile for lp in ws.selected), key=lambda p: p.id)
    result = registry.Evidence(
        ws.rubric,
        register(ws.rubric, profiles, many),
        {p.id: quality(ws.rubric, p) for p in profiles},
        {p.id: p for p in profiles},
    )
    text = registry.render("evidence", fmt, result, style_for(output, language))
    finish(text, output, ws, failed)
