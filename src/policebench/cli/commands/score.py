"""`policebench score`: rank places by overall maturity."""

from __future__ import annotations

from typing import Annotated

import typer

from policebench.cli.common import (
    CitiesArg,
    LangOpt,
    OutputOpt,
    PeersOpt,
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
def score(
    cities: CitiesArg = None,
    rubric: RubricOpt = None,
    format: SheetFormatOpt = None,
    output: OutputOpt = None,
    peers: PeersOpt = None,
    lang: LangOpt = None,
    strict: Annotated[
        bool, typer.Option(help="Refuse to output anything when any input is bad.")
    ] = False,
) -> None:
    """Score places against the rubric and rank them by overall maturity.

    With one place, the table also lists each indicator's level, score, confidence and
    whether it has evidence.

    Examples:

      policebench score

      policebench score j-city hangzhou --format markdown

      policebench score cities/ -o scores.csv   # csv, from the file name

      policebench score -o scores.out -f json   # --format for any other name
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "score", language)
    from policebench.scoring import rank

    ws, failed = load_or_exit(cities or [], rubric, strict=strict, peers=peers, profiles=False)
    # The places asked for, ranked among themselves; with --peers, among those peers too.
    places = ws.compared if peers is not None else ws.selected
    text: str | bytes
    if fmt == "json":  # each place's part joined, kept in the cache beside its card
        from policebench.render.scores import joined_json, place_json

        text = joined_json(ws.rubric, ws.score_json(places, place_json))
    else:
        cards = rank(ws.scorecards(places))
        result = registry.Scores(ws.rubric, cards)
        text = registry.render("score", fmt, result, style_for(output, language))
    finish(text, output, ws, failed)
