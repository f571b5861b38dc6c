"""What `policebench new` and `policebench survey` share: the options of a profile to write
(its names, kind, date, output file) and the rules for writing it.

Both commands write the same kind of file, a profile for one place: here is how its id and
date are checked, where it goes (./cities by default, never over an existing file) and what
is said after it is written.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policebench.cli.common import check_output_name, print_problems
from policebench.errors import UserError
from policebench.i18n import t
from policebench.messages import Msg
from policebench.models import Profile, Rubric

if TYPE_CHECKING:
    from policebench.workspace.inputs import Loaded

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Kind(StrEnum):
    city = "city"
    province = "province"
    region = "region"
    county = "county"


NameOpt = Annotated[
    str | None,
    typer.Option("--name", help="The place's name in English, e.g. 'J City'.", show_default=False),
]
NameZhOpt = Annotated[
    str | None,
    typer.Option("--name-zh", help="The place's name in Chinese, e.g. 'J市'.", show_default=False),
]
KindOpt = Annotated[Kind, typer.Option("--kind", help="What sort of place it is.")]
AssessedOpt = Annotated[
    str | None,
    typer.Option(
        "--assessed",
        help="Date of the assessment, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
]
ProfileOutOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="File to write; '-' prints to stdout (default: cities/CITY_ID.yaml, where every "
        "command looks for profiles; ./cities is created if missing). An existing file is "
        "never overwritten; a name ending in another format's extension (.json, .csv, .md, "
        ".html) is refused.",
        show_default=False,
    ),
]


def parse_date(text: str | None) -> dt.date:
    """``text`` as a YYYY-MM-DD date; today when not given."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            Msg("assessed-not-date", text=repr(text)), Msg("assessed-not-date-hint")
        ) from None


def check_id(city_id: str) -> str:
    """``city_id`` when it is a valid profile id; a clean error otherwise."""
    if not _ID.match(city_id) or len(city_id) > 80:
        # In the hint's own words (letters, digits, hyphens): 'J_City' -> 'j-city'.
        suggestion = re.sub(r"[^a-z0-9-]+", "-", city_id.strip().lower()).strip("-")
        hint = Msg("id-letters-hint")
        if suggestion and _ID.match(suggestion):
            hint = Msg("id-letters-hint-eg", id=suggestion[:80])
        raise UserError(Msg("bad-place-id", id=city_id), hint)
    return city_id


def say_if_unnamed(profile: Profile, named: bool, lang: str) -> None:
    """Without a name in the language of the run (--name-zh in Chinese; --name in English,
    ``named`` says whether it was given), say what every table will show instead: the
    English name in Chinese, the id in English."""
    from policebench.cli.common import say

    if lang == "zh" and profile.name_zh is None:
        say(Msg("place-no-name-zh", shown=profile.name))
    elif lang != "zh" and not named:
        say(Msg("place-no-name", city=profile.id))


def make_profile(fields: dict[str, Any]) -> Profile:
    """A Profile from ``fields``; what the options got wrong becomes one clean error."""
    from policebench.readers.yaml import Document
    from policebench.validation.build import build

    profile, problems = build(Profile, Document("options", fields))
    if profile is None:
        # Worded by the message table, as a file's problems are: never pydantic's words.
        parts = tuple(p.message for p in problems)
        raise UserError(Msg("cannot-make-profile", problems=parts))
    return profile


#: Where ``new`` and ``survey`` write by default, and where every command finds profiles.
PROFILES_FOLDER = Path("cities")


def output_path(city_id: str, output: str | None, lang: str, fmt: str = "yaml") -> Path | None:
    """Where to write: the given path, ``None`` for stdout, else the default file name
    (``cities/CITY_ID.yaml``; a workbook, which no command reads from ./cities, goes to
    ``./CITY_ID.xlsx``).

    A given path named as another format (``my-city.json``) is refused.
    """
    if output == "-":
        return None
    default = PROFILES_FOLDER / f"{city_id}.yaml" if fmt == "yaml" else Path(f"{city_id}.{fmt}")
    path = Path(output) if output is not None else default
    if output is not None:
        from policebench.cli.output import ends_in_separator

        if ends_in_separator(output) and not path.is_dir():
            raise UserError(
                t("out_trailing_sep", lang).format(path=output), t("out_trailing_sep_hint", lang)
            )
    if path.exists():
        # In ./cities another name would hold the same place twice: say how to replace it.
        in_use = fmt == "yaml" and path.parent.resolve() == PROFILES_FOLDER.resolve()
        raise UserError(
            Msg("exists", path=str(path)),
            Msg("exists-profile-hint", folder=f"{PROFILES_FOLDER}/")
            if in_use
            else Msg("exists-hint"),
        )
    check_output_name(path, fmt, lang)
    return path


def out_of(output: str | None) -> Path | None:
    """The --output option as a path for choosing the format (None: stdout or the default)."""
    return None if output in (None, "-") else Path(output)


def write_profile(
    text: str | bytes, path: Path | None, protected: list[Path], step: str = Msg("step-fill-in")
) -> None:
    """The profile (or its workbook, as bytes) to ``path`` (atomically) or stdout, with the
    next step on stderr."""
    from policebench.cli.common import emit, say

    if path is not None and path.parent == PROFILES_FOLDER and not path.parent.exists():
        PROFILES_FOLDER.mkdir()  # the folder the next command reads (policebench report ID)
    emit(text, path, protected)
    if path is not None:
        command = "import" if isinstance(text, bytes) else "validate"
        say(Msg("next-step", step=step, command=command, path=str(path)))


def load_rubric_for(rubric: Path | None) -> tuple[Rubric, Loaded]:
    """The rubric the new profile is assessed against, and its file (path and SHA-256)."""
    from policebench.workspace import find_rubric

    found, source = find_rubric(rubric, [])
    if source.warnings:  # rubric files beside it that could not be read or share its id
        print_problems(source.warnings)
    return found, source
