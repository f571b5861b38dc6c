"""`policebench new`: scaffold a profile with every indicator of the rubric, still unknown.

The options and the output rules are shared with `policebench survey`, which writes the
same kind of file from questionnaire answers (:mod:`policebench.cli.profile_output`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from policebench.cli.app import app
from policebench.cli.common import LangOpt, RubricOpt, handle_errors, lang_of
from policebench.cli.profile_output import (
    AssessedOpt,
    Kind,
    KindOpt,
    NameZhOpt,
    ProfileOutOpt,
    check_id,
    load_rubric_for,
    make_profile,
    output_path,
    parse_date,
    write_profile,
)


@app.command()
@handle_errors
def new(
    city_id: Annotated[
        str,
        typer.Argument(
            help="Id of the place: lowercase letters, digits, hyphens.", metavar="CITY_ID"
        ),
    ],
    name: Annotated[
        str, typer.Option("--name", help="The place's name in English, e.g. 'J City'.")
    ],
    name_zh: NameZhOpt = None,
    kind: KindOpt = Kind.city,
    rubric: RubricOpt = None,
    assessed: AssessedOpt = None,
    output: ProfileOutOpt = None,
    lang: LangOpt = None,
) -> None:
    """Scaffold a profile: every indicator of the rubric with `level: null`.

    Above each indicator, comments give its question and level descriptors (and, for metric
    indicators, the unit and thresholds) in the chosen language, so the profile can be filled
    in without opening the rubric. The file validates as written; fill in levels, confidence,
    evidence and sources, then run `policebench validate`. The first line points editors at
    ../schemas/profile.schema.json for completion (see `policebench schema`).

    Exit code 0 when written, 2 on bad options or when the output file already exists.

    Examples:

      policebench new j-city --name "J City" --name-zh J市

      policebench new inner-mongolia --name "Inner Mongolia" --kind region --lang zh

      policebench new my-city --name "My City" --output - > my-city.yaml
    """
    from policebench.render.profile_yaml import render_profile

    check_id(city_id)
    found, rubric_file = load_rubric_for(rubric)
    path = output_path(city_id, output, lang_of(lang))
    profile = make_profile(
        {
            "id": city_id,
            "name": name,
            "name_zh": name_zh,
            "kind": kind.value,
            "rubric": found.id,
            "assessed": parse_date(assessed),
        }
    )
    shown = str(path) if path is not None else f"{city_id}.yaml"
    text = render_profile(profile, found, lang_of(lang), file=shown)
    write_profile(text, path, [rubric_file])
