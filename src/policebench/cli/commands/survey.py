"""`policebench survey`: questionnaire answers (CSV) -> a profile with a level per indicator."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from policebench import exitcodes
from policebench.cli.common import (
    LangOpt,
    RubricOpt,
    handle_errors,
    lang_of,
    print_problems,
    say,
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
    output_path,
    parse_date,
    say_if_unnamed,
    write_profile,
)
from policebench.cli.root import app
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.problems import sort_problems


def _assessor(file: str, respondents: int, roles: Counter[str]) -> str:
    """Who assessed: the questionnaire, how many answered it, and in which roles."""
    text = f"Questionnaire {file}: {respondents} respondent{'s' if respondents != 1 else ''}"
    if roles:
        listed = ", ".join(f"{role} {count}" for role, count in sorted(roles.items()))
        text += f" ({listed})"
    return text + "; levels are the medians of their answers."


def _assessor_zh(file: str, respondents: int, roles: Counter[str]) -> str:
    """:func:`_assessor` in Chinese."""
    text = f"问卷调查（{file}）：{respondents} 位受访者"
    if roles:
        text += "（" + "、".join(f"{role} {n} 人" for role, n in sorted(roles.items())) + "）"
    return text + "；各等级取回答的中位数。"


def _read_as(how: str) -> Msg:
    """How the answers were read (``SurveyInput.read_as``), worded for the planner."""
    if how.startswith("xlsx, sheet "):
        return Msg("read-as-xlsx", sheet=how.removeprefix("xlsx, sheet "))
    return Msg(
        {"UTF-8 with BOM": "read-as-utf8-bom", "GB18030": "read-as-gb18030"}.get(
            how, "read-as-utf8"
        )
    )


@app.command()
@handle_errors
def survey(
    responses: Annotated[
        Path,
        typer.Argument(
            help="Answers, one row per respondent: CSV (UTF-8 or GB18030/GBK) or .xlsx.",
            metavar="RESPONSES.csv|.xlsx",
            show_default=False,
        ),
    ],
    city: Annotated[str, typer.Option("--city", help="Id of the place surveyed, e.g. j-city.")],
    name: NameOpt = None,
    name_zh: NameZhOpt = None,
    kind: KindOpt = Kind.city,
    rubric: RubricOpt = None,
    assessed: AssessedOpt = None,
    output: ProfileOutOpt = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Leave out rows with bad cells (listed on stderr) instead of writing nothing.",
        ),
    ] = False,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The sheet of an .xlsx workbook to read (default: the first).",
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Turn questionnaire answers (CSV or .xlsx) into a profile: one level per indicator.

    The CSV has one row per respondent and a column per indicator id (as in the profile
    `policebench new` writes) holding the level given; a blank cell (or -, n/a, 不知道) is no
    answer. Optional columns: respondent, role, comment (or 受访者, 岗位, 备注); a header
    starting with # is ignored.

    Encoding of a CSV, decided in this order and printed: a UTF-8 byte-order mark means UTF-8
    (Excel's and WPS's "CSV UTF-8"); else valid UTF-8 is UTF-8; else valid GB18030 (the
    superset of GBK: Excel's and WPS's plain "CSV" on Chinese Windows) is GB18030; else the
    file is refused. An .xlsx export (questionnaire platforms) is read from its first sheet
    or --sheet; formulas are refused, never computed.

    For each indicator: level = the median of the answers; with an even number of answers,
    the lower of the two middle ones (answers 1 2 3 3 give 2: conservative, a level is claimed
    only when more than half the respondents put the place at or above it). Agreement = the
    share of answers within one level of that median. Confidence = high with at least 5
    answers and agreement >= 0.8, medium with at least 3 answers and agreement >= 0.6, low
    otherwise. Indicators nobody answered stay `level: null`.

    Every bad cell is reported as FILE:ROW:COL (in a workbook FILE!SHEET!CELL). Nothing is
    written when there is one, unless --skip-bad-rows leaves those rows out; an unknown
    column header, or a value in a column without one, always stops the command (those
    answers would be lost without a word).
    Exit code 0 when written, 2 otherwise.

    Examples:

      policebench survey examples/survey-j-city.csv --city j-city -o -

      policebench survey answers.csv --city my-city --assessed 2026-11-24

      policebench survey answers.csv --city my-city --skip-bad-rows --lang zh
    """
    from policebench.analysis.survey import summarize, to_assessment
    from policebench.readers.survey_csv import read_responses
    from policebench.render.profile_yaml import render_profile
    from policebench.workspace import display

    check_id(city)
    found, rubric_source = load_rubric_for(rubric)
    rubric_file = rubric_source.path
    shown = display(responses)
    parsed = read_responses(responses, shown, found, sheet)  # a missing input is said first
    if parsed.fatal or (parsed.row_problems and not skip_bad_rows):
        print_problems(sort_problems(parsed.fatal + parsed.row_problems))
        # A header problem would silently drop answers; skipping rows cannot fix it.
        advice = Msg("survey-fix-columns") if parsed.fatal else Msg("survey-fix-cells")
        say(Msg("nothing-written", advice=advice))
        raise typer.Exit(exitcodes.BAD_INPUT)
    if parsed.row_problems:
        print_problems([replace(p, severity="warning") for p in parsed.row_problems])
        listed = tuple(
            Msg("row-of", line=line, who=who) if who else str(line) for line, who in parsed.bad_rows
        )
        skipped = len(parsed.bad_rows)
        say(Msg("skipped-row" if skipped == 1 else "skipped-rows", n=skipped, rows=listed))
    path = output_path(city, output, lang_of(lang))
    if not parsed.responses:
        raise UserError(Msg("no-answers", file=shown), Msg("no-answers-hint"))
    stats = summarize((r.levels for r in parsed.responses), list(found.indicators))
    if not stats:
        raise UserError(Msg("all-blank", file=shown), Msg("all-blank-hint"))
    source = responses.name
    roles = Counter(r.role for r in parsed.responses if r.role)
    profile = make_profile(
        {
            "id": city,
            "name": name or city,
            "name_zh": name_zh,
            "kind": kind.value,
            "rubric": found.id,
            "assessed": parse_date(assessed),
            "assessor": _assessor(source, len(parsed.responses), roles),
            "assessor_zh": _assessor_zh(source, len(parsed.responses), roles),
            "indicators": {ind: to_assessment(s, source) for ind, s in stats.items()},
        }
    )
    shown_out = str(path) if path is not None else f"{city}.yaml"
    text = render_profile(profile, found, lang_of(lang), file=shown_out)
    people = len(parsed.responses)
    say(Msg("survey-read-as", file=shown, how=_read_as(parsed.read_as)))
    if sheet is not None and not parsed.read_as.startswith("xlsx"):
        say(Msg("survey-sheet-not-workbook", prefix=Msg("warning-prefix"), sheet=sheet, file=shown))
    say(
        Msg(
            "survey-summary" if people == 1 else "survey-summary-many",
            people=people,
            answered=len(stats),
            total=len(found.indicators),
        )
    )
    say_if_unnamed(profile, name is not None, lang_of(lang))
    write_profile(text, path, [rubric_file, responses], Msg("step-review"))
