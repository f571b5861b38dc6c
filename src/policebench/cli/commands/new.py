"""`policebench new`: scaffold a profile with every indicator of the rubric, still unknown.

The options and the output rules are shared with `policebench survey`, which writes the
same kind of file from questionnaire answers (:mod:`policebench.cli.profile_output`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policebench.cli.common import (
    LangOpt,
    RubricOpt,
    format_of,
    format_option,
    handle_errors,
    lang_of,
    resolve_format,
)
from policebench.cli.profile_output import (
    AssessedOpt,
    Kind,
    KindOpt,
    NameOpt,
    NameZhOpt,
    ProfileOutOpt,
    check_id,
    load_rubric_for,
    make_profile,
    out_of,
    output_path,
    parse_date,
    say_if_unnamed,
    write_profile,
)
from policebench.cli.root import app
from policebench.render import registry
from policebench.render.registry import ProfileFormat


def _format(given: ProfileFormat | None, output: Path | None, lang: str) -> str:
    """--format, else what the file name says (.xlsx: the workbook); a name that says no
    format (``my-city``, ``notes.txt``) is YAML, as `new` has always written."""
    names = [f.value for f in ProfileFormat]
    if given is None and output is not None and format_of(output, names) is None:
        return ProfileFormat.yaml.value
    return resolve_format(given, output, "new", lang)


@app.command()
@handle_errors
def new(
    city_id: Annotated[
        str,
        typer.Argument(
            help="Id of the place: lowercase letters, digits, hyphens.", metavar="CITY_ID"
        ),
    ],
    name: NameOpt = None,
    name_zh: NameZhOpt = None,
    kind: KindOpt = Kind.city,
    rubric: RubricOpt = None,
    assessed: AssessedOpt = None,
    output: ProfileOutOpt = None,
    format: Annotated[ProfileFormat | None, format_option("yaml")] = None,
    lang: LangOpt = None,
) -> None:
    """Scaffold a profile: every indicator of the rubric with `level: null`; or, with
    --format xlsx (or -o NAME.xlsx), the data-collection workbook to fill in Excel or WPS.

    Above each indicator, comments give its question and level descriptors (and, for metric
    indicators, the unit and thresholds) in the chosen language, so the profile can be filled
    in without opening the rubric. The file validates as written; fill in levels, confidence,
    evidence and sources, then run `policebench validate`. The first line points editors at
    ../schemas/profile.schema.json for completion (see `policebench schema`).

    The workbook (default ./CITY_ID.xlsx) has a guide, the place's fields, and one row per
    indicator: its question and level descriptors (protected), drop-downs for level,
    confidence, applicability and source reliability, cells for value, evidence, note, the
    reason an indicator does not apply, target and sources (with the dates they describe
    and were read). It records the rubric's id, version and SHA-256; `policebench import`
    reads it back.

    Exit code 0 when written, 2 on bad options or when the output file already exists.

    Examples:

      policebench new j-city --name "J City" --name-zh J市

      policebench new inner-mongolia --name "Inner Mongolia" --kind region

      policebench new my-city --name "My City" --output - > my-city.yaml

      policebench new my-city --name "My City" --name-zh 某市 -o my-city.xlsx
    """
    language = lang_of(lang)
    fmt = _format(format, out_of(output), language)
    check_id(city_id)
    found, source = load_rubric_for(rubric)
    path = output_path(city_id, output, language, fmt)
    profile = make_profile(
        {
            "id": city_id,
            "name": name or city_id,
            "name_zh": name_zh,
            "kind": kind.value,
            "rubric": found.id,
            "assessed": parse_date(assessed),
        }
    )
    shown = str(path) if path is not None else f"{city_id}.yaml"
    data = registry.ProfileDoc(profile, found, source.sha256, shown)
    text = registry.render("new", fmt, data, registry.Style(language))
    say_if_unnamed(profile, name is not None, language)
    write_profile(text, path, [source.path])
