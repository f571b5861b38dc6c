"""`policebench rubric ...`: commands about rubrics themselves (for now, `rubric diff`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policebench import exitcodes
from policebench.cli.common import (
    CitiesArg,
    LangOpt,
    OutputOpt,
    emit,
    format_option,
    handle_errors,
    lang_of,
    print_problems,
    resolve_format,
    style_for,
)
from policebench.cli.root import app
from policebench.problems import READ_AS
from policebench.render import registry
from policebench.render.registry import DiffFormat

rubric_app = typer.Typer(
    help="Work with rubric versions.\n\nExample:\n\n  policebench rubric diff old.yaml new.yaml",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(rubric_app, name="rubric")


@rubric_app.command("diff")
@handle_errors
def diff(
    old: Annotated[Path, typer.Argument(help="The old rubric file.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The new rubric file.", show_default=False)],
    cities: CitiesArg = None,
    format: Annotated[DiffFormat | None, format_option("table")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """List what changed between two rubric versions, and what that does to each place.

    Changes: dimensions and indicators added, removed, renamed, re-weighted or moved; the
    scale rescaled; level names, level descriptors, thresholds, stages or the default
    target changed.

    For each place (the profiles in use, or the CITY ids and paths given) the overall
    score is split in two, with S(rubric, assessment) the overall score, A0 the place's
    assessment before its newest and A1 the newest (A0 = A1 when it was assessed once):

      rubric effect = S(new, A0) - S(old, A0)   the same assessment re-scored

      place effect  = S(new, A1) - S(new, A0)   the place's own change

      total change  = S(new, A1) - S(old, A0) = rubric effect + place effect

    Profiles are scored by the indicator ids each rubric knows, whatever rubric id they
    name; the indicators a rubric leaves out are listed. Exit code 0 whether or not the
    rubrics differ; 2 when a rubric is missing or invalid (with every problem at its
    FILE:LINE:COL). More in docs/rubric-versions.md.

    Examples:

      policebench rubric diff v0.9.yaml rubrics/smart-policing.yaml

      policebench rubric diff old.yaml new.yaml j-city history/ -f markdown

      policebench rubric diff old.yaml new.yaml -o c.md   # markdown, by name
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "rubric diff", language)
    from policebench.analysis.rubric_diff import rubric_diff
    from policebench.workspace import load_history, load_rubric

    old_rubric = load_rubric(old)[0]
    new_rubric = load_rubric(new)[0]
    history, ids, problems = load_history(cities or [])
    errors = [p for p in problems if p.severity == "error"]
    # Values read as meant though typed another way (`level: ２`) are shown, as by score.
    print_problems([p for p in problems if p.severity == "error" or p.code in READ_AS])
    result = rubric_diff(old_rubric, new_rubric, ([lp.profile for lp in history[i]] for i in ids))
    text = registry.render("rubric diff", fmt, result, style_for(output, language))
    inputs = [old, new, *(lp.source.path for runs in history.values() for lp in runs)]
    emit(text, output, inputs)
    if errors:
        raise typer.Exit(exitcodes.BAD_INPUT)
