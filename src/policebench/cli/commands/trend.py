"""`policebench trend`: a place's scores per assessment, and what moved between them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policebench import exitcodes
from policebench.cli.common import (
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
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.render import registry


def _check_paths(city: str, paths: list[Path]) -> None:
    """Refuse a folder as CITY and missing extra paths before anything is loaded.

    Without this a misspelt folder such as ``histroy`` would be taken for a place id.
    """
    if Path(city).is_dir():
        raise UserError(
            Msg("trend-city-folder", path=city),
            Msg("trend-city-folder-hint", path=city),
        )
    for path in paths:
        if not path.exists():
            raise UserError(Msg("path-not-found", path=str(path)), Msg("no-such-file-hint"))


def _inputs(city: str, paths: list[Path]) -> list[str]:
    """CITY and the files of ``paths``, each file once.

    A file named both alone and through its folder would otherwise be read twice and
    reported as a duplicate assessment of itself.
    """
    from policebench.workspace import yaml_files

    files = [Path(city)] if Path(city).is_file() else []
    for path in paths:
        files += yaml_files(path) if path.is_dir() else [path]
    unique = {f.resolve(): str(f) for f in reversed(files)}
    ordered = [unique.pop(f.resolve()) for f in files if f.resolve() in unique]
    return ordered if Path(city).is_file() else [city, *ordered]


@app.command()
@handle_errors
def trend(
    city: Annotated[
        str,
        typer.Argument(
            help="The place: its id (e.g. j-city) or the path of one of its profiles.",
            show_default=False,
        ),
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="More assessments: profile files or folders (e.g. last year's profiles).",
            show_default=False,
        ),
    ] = None,
    rubric: RubricOpt = None,
    format: SheetFormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
    strict: Annotated[
        bool, typer.Option(help="Refuse to output anything when any input is bad.")
    ] = False,
) -> None:
    """Show a place's overall and dimension scores per assessment, and what changed.

    A place's assessments are its profiles with the same id and different 'assessed'
    dates. They are looked for in the profiles in use (./cities, else the bundled ones)
    and in every file or folder given after CITY. Each row is one assessment, with the
    change from the one before; below, the indicators whose level moved. Every assessment
    is scored against the same rubric, so the changes are the place's own (to see what a
    new rubric version does to the scores, use `policebench rubric diff`). More in
    docs/trend.md.

    Examples:

      policebench trend j-city

      policebench trend j-city history/

      policebench trend j-city archive/2024/j-city.yaml archive/2025/j-city.yaml

      policebench trend j-city history/ -o trend.csv   # csv, by name
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "trend", language)
    from policebench.analysis.trend import trend as build_trend

    extra = list(paths or [])
    _check_paths(city, extra)
    ws, failed = load_or_exit(_inputs(city, extra), rubric, strict=strict)
    place = city
    if Path(city).is_file():
        target = Path(city).resolve()
        found = [
            lp.profile.id
            for runs in ws.history.values()
            for lp in runs
            if lp.source.path.resolve() == target
        ]
        place = found[0] if found else ""
    if place not in ws.history:
        # Its file is invalid (load_or_exit has printed why) or not a profile at all.
        if failed:
            raise typer.Exit(exitcodes.BAD_INPUT)
        raise UserError(Msg("no-valid-profile", id=city), Msg("no-valid-profile-hint"))
    result = build_trend(ws.rubric, [lp.profile for lp in ws.history[place]])
    bad = tuple(dict.fromkeys(p.file for p in ws.problems if p.severity == "error"))
    text = registry.render(
        "trend",
        fmt,
        registry.WithRubric(ws.rubric, result, left_out=bad),
        style_for(output, language),
    )
    finish(text, output, ws, failed)
