"""`policebench import`: a filled data-collection workbook (.xlsx) -> a YAML profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policebench.cli.common import LangOpt, RubricOpt, handle_errors, lang_of, print_problems
from policebench.cli.profile_output import (
    ProfileOutOpt,
    load_rubric_for,
    output_path,
    write_profile,
)
from policebench.cli.root import app
from policebench.messages import Msg


@app.command("import")
@handle_errors
def import_(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="The filled workbook (made by new --format xlsx or export).",
            metavar="WORKBOOK.xlsx",
            show_default=False,
        ),
    ],
    rubric: RubricOpt = None,
    output: ProfileOutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Turn a filled data-collection workbook into a YAML profile (the same YAML, with
    comments, that `policebench new` writes), validating it on the way.

    Every problem names its cell (my-city.xlsx!Indicators!D7), what was expected and a hint,
    all at once; nothing is written while there is one. Headers are read in English or
    Chinese, whatever language the workbook was made in. A workbook made for another rubric,
    or another version of the rubric, is refused with what differs. Cells are read as
    values: formulas are refused, never computed; macros are never run. Levels typed as 3级,
    三 or a level's name are read as meant, with a warning.

    Exit code 0 when written, 2 otherwise.

    Examples:

      policebench import my-city.xlsx   # -> cities/my-city.yaml

      policebench import 某市.xlsx -o cities/mou-shi-2027.yaml --lang zh
    """
    from policebench.readers.workbook import read_workbook
    from policebench.render.profile_yaml import render_profile
    from policebench.workspace import display

    language = lang_of(lang)
    found, source = load_rubric_for(rubric)
    profile, warnings = read_workbook(workbook, display(workbook), found, source.sha256)
    if warnings:
        print_problems(warnings)
    path = output_path(profile.id, output, language)
    shown = str(path) if path is not None else f"{profile.id}.yaml"
    text = render_profile(profile, found, language, file=shown)
    write_profile(text, path, [source.path, workbook], Msg("step-review"))
