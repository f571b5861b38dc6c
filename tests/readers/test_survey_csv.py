"""Reading questionnaire CSV: whatever a spreadsheet writes, the answers come back unchanged."""

from __future__ import annotations

import csv
import functools
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policebench.errors import InvalidInput
from policebench.models import Profile, Rubric
from policebench.readers.survey_csv import column_letter, parse_responses, read_responses
from policebench.workspace import bundled, load_rubric


@functools.cache
def _rubric() -> Rubric:
    return load_rubric(bundled("rubrics") / "smart-policing.yaml")[0]


IDS = ["top-level-design", "usability", "partnerships"]
_ANSWER = st.one_of(st.none(), st.integers(0, 4))
_GRID = st.lists(st.tuples(st.text(max_size=12), *[_ANSWER] * len(IDS)), max_size=8)


@settings(max_examples=60)
@given(_GRID, st.sampled_from([",", "\t", ";"]))
def test_answers_read_back(grid: list[tuple[str | int | None, ...]], delimiter: str) -> None:
    # Loaded here, not from the fixture: hypothesis would print the whole rubric on failure.
    rubric = _rubric()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["comment", *IDS])
    for comment, *levels in grid:
        writer.writerow([comment, *["" if v is None else v for v in levels]])
    parsed = parse_responses(buffer.getvalue(), "a.csv", rubric)
    assert parsed.fatal == []
    assert parsed.row_problems == []
    expected = [
        {ind: v for ind, v in zip(IDS, levels, strict=True) if v is not None}
        for comment, *levels in grid
        if str(comment).strip() or any(v is not None for v in levels)
    ]
    assert [r.levels for r in parsed.responses] == expected


def test_header_problems_and_row_positions(rubric: Rubric) -> None:
    text = "respondent,usabilty,,role\nR1,1,,x\n\nR2,2,5,y\n"
    parsed = parse_responses(text, "a.csv", rubric)
    first = parsed.fatal[0]
    assert (first.line, first.column, first.message, first.hint) == (
        1,
        2,
        "unknown column 'usabilty'",
        "did you mean 'usability'?",
    )
    assert [(p.line, p.column) for p in parsed.row_problems] == []
    # A value under no header would be lost: it stops the command, pointed at where it is
    # (line 4: the blank line 3 is skipped but counted), as is one beyond the last column.
    text = "respondent,usability,,role\nR1,1,,x\n\nR2,2,5,y\nR3,1,,z,9\n"
    parsed = parse_responses(text, "a.csv", rubric)
    assert [(p.line, p.column, p.message) for p in parsed.fatal] == [
        (4, 3, "column C has no header but holds a value"),
        (5, 5, "column E has no header but holds a value"),
    ]
    assert [r.levels for r in parsed.responses] == [{"usability": v} for v in (1, 2, 1)]


def test_column_letters() -> None:
    assert [column_letter(c) for c in (1, 2, 26, 27, 52, 703)] == ["A", "B", "Z", "AA", "AZ", "AAA"]


def test_a_file_for_another_command_is_named_with_that_command(
    rubric: Rubric, profiles: dict[str, Profile], tmp_path: Path
) -> None:
    """A profile, or policebench's own data-collection workbook, given to survey: read as
    answers they would be column errors; they are named, with the command that reads them."""
    from policebench.render.workbook import render_workbook

    profile = bundled("cities") / "j-city.yaml"
    with pytest.raises(InvalidInput) as caught:
        read_responses(profile, "j-city.yaml", rubric)
    (problem,) = caught.value.problems
    assert problem.code == "other-command"
    said = problem.render("zh")
    assert said.startswith("j-city.yaml: 这似乎是 YAML 地区档案，不是问卷答案")
    assert "policebench validate j-city.yaml" in problem.hint
    book = tmp_path / "j-city.xlsx"
    book.write_bytes(render_workbook(profiles["j-city"], rubric, "0" * 64, "zh"))
    with pytest.raises(InvalidInput) as caught:
        read_responses(book, "j-city.xlsx", rubric)
    (problem,) = caught.value.problems
    assert problem.code == "other-command"
    assert "policebench import j-city.xlsx" in problem.hint
