"""`policebench sensitivity`: how far scores and ranks move when the choices behind them do."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from policebench.messages import Msg
from policebench.messages import text as worded
from policebench.render import registry

if TYPE_CHECKING:
    from policebench.models import Rubric
    from policebench.scoring import Scorecard


#: The places the table and Markdown show unless --top or --all say otherwise: a screen or
#: two; a province's thousands are read in the CSV or JSON, or with --all.
TOP = 30


@app.command()
@handle_errors
def sensitivity(
    cities: CitiesArg = None,
    samples: Annotated[
        int,
        typer.Option("--samples", "-n", min=1, max=1_000_000, help="Monte Carlo samples."),
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Random seed: the same seed, the same output.")
    ] = 0,
    rubric: RubricOpt = None,
    format: SheetFormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    strict: Annotated[
        bool, typer.Option(help="Refuse to output anything when any input is bad.")
    ] = False,
    weights: Annotated[
        list[str] | None,
        typer.Option(
            "--weights",
            help="An alternative weight set (repeatable): a copy of the rubric with other "
            "weights (policebench weights ahp --format yaml writes one), or 'entropy' (the "
            "entropy weights of the places analysed). Each sample draws one set, the rubric's "
            "included, equally likely; the output adds each place's score and rank under each.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=1,
            help="The table and Markdown show the best-ranked N places and say how many more "
            "there are; JSON and CSV always have every place.",
        ),
    ] = TOP,
    every: Annotated[
        bool, typer.Option("--all", help="The table and Markdown show every place.")
    ] = False,
    rank_counts: Annotated[
        bool,
        typer.Option(
            help="JSON: give each place's number of samples at every rank it took. With "
            "thousands of places these are most of the file; --no-rank-counts leaves them out "
            "and keeps the point rank's probability, the most likely rank and the rank "
            "percentiles.",
        ),
    ] = True,
) -> None:
    """Score bands, rank probabilities and what moves them, under uncertain choices.

    Each sample redraws the weights around the rubric's, the aggregation (arithmetic or
    geometric mean), the levels the assessor was unsure of and, if the rubric says so, what
    unknown levels count as (the rubric's `uncertainty:` section; docs/sensitivity.md).
    Shows each place's score with its 5-95% band, its rank with the range and the
    probability of each rank, the band of every dimension, and a first-order sensitivity
    index per source of uncertainty. Ranks are among the places analysed.

    Examples:

      policebench sensitivity

      policebench sensitivity j-city hangzhou --samples 20000 --seed 7

      policebench sensitivity --output bands.json   # json, from the file name

      policebench sensitivity --weights rubrics/ahp-panel.yaml --weights entropy

      policebench sensitivity province/ --no-rank-counts --output bands.json
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "sensitivity", language)
    from policebench.analysis import sensitivity as analysis

    analysis.require_numpy()

    ws, failed = load_or_exit(cities or [], rubric, strict=strict, profiles=False)
    # Scorecards hold all the analysis needs: cached ones, no profile is validated or kept.
    places = ws.scorecards(ws.selected)
    sets = _weight_sets(weights or [], ws.rubric, places)
    note = worded(Msg("sampling", places=f"{len(places):,}", samples=f"{samples:,}"), language)
    with _working(note if len(places) * samples >= _LONG else None):
        result = analysis.run(ws.rubric, places, samples=samples, seed=seed, weight_sets=sets)
        text = registry.render(
            "sensitivity",
            fmt,
            registry.WithRubric(
                ws.rubric, result, top=None if every else top, rank_counts=rank_counts
            ),
            style_for(output, language),
        )
    finish(text, output, ws, failed)


#: Runs of at least this many place-sample pairs take seconds: say so while they run.
_LONG = 2**22


@contextlib.contextmanager
def _working(note: str | None) -> Iterator[None]:
    """A line on stderr while long work runs, erased after; on a terminal only, so piped
    output and logs stay clean. No spinner: a drawing thread would be alive when the
    analysis forks its worker processes."""
    if note is None or not sys.stderr.isatty():
        yield
        return
    sys.stderr.write(f"policebench: {note} ...")
    sys.stderr.flush()
    try:
        yield
    finally:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _weight_sets(
    given: list[str], rubric: Rubric, places: list[Scorecard]
) -> list[tuple[str, Rubric]]:
    """The alternative weight sets named by --weights: rubric copies, or 'entropy'."""
    from policebench.analysis.entropy import entropy_rubric, entropy_weights
    from policebench.workspace import display, load_rubric

    sets: list[tuple[str, Rubric]] = []
    for name in given:
        if name == "entropy":
            levels = {c.city_id: c.levels for c in places}
            sets.append(("entropy", entropy_rubric(rubric, entropy_weights(rubric, levels))))
        else:
            path = Path(name)
            sets.append((display(path), load_rubric(path)[0]))
    return sets
