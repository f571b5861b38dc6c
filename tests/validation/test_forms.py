"""forms: what a planner means by ``２``, ``"2"``, ``2级``, ``发展``, ``中``, ``未知``, ``My City``.

The readings one by one, the normalisation of a refused profile (warnings at their places,
the document's data untouched), and the property that matters: a level typed in any accepted
form scores exactly as the number.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policebench.models import Rubric
from policebench.readers.yaml import parse
from policebench.scoring import score
from policebench.validation.build import build_profile
from policebench.validation.forms import (
    level_names,
    read_confidence,
    read_date,
    read_level,
    read_number,
    slug,
)

NAMES = level_names(
    {0: "Absent", 1: "Initial", 2: "Developing", 3: "Established", 4: "Optimising"},
    {0: "缺失", 1: "起步", 2: "发展", 3: "健全", 4: "优化"},
)


@pytest.mark.parametrize(
    ("typed", "level", "how"),
    [
        ("２", 2, "full-width digits"),
        ("2", 2, "a number in quotes"),  # a str "2" is a quoted 2: plain 2 is an int
        ("“2”", 2, "a number in quotes"),
        ("2级", 2, "a level written the Chinese way"),
        ("２级", 2, "a level written the Chinese way"),
        ("第2级", 2, "a level written the Chinese way"),
        ("第二级", 2, "a level written the Chinese way"),
        ("2 级", 2, "a level written the Chinese way"),
        ("Level 3", 3, "a level written the Chinese way"),
        ("L3", 3, "a level written the Chinese way"),
        ("Developing", 2, "a level name of the rubric"),
        ("developing", 2, "a level name of the rubric"),
        ("发展", 2, "a level name of the rubric"),
        ("缺失", 0, "a level name of the rubric"),
        ("unknown", None, "a word for 'not known'"),
        ("Unknown", None, "a word for 'not known'"),
        ("未知", None, "a word for 'not known'"),
        ("不详", None, "a word for 'not known'"),
        ("N/A", None, "a word for 'not known'"),
        ("n/a", None, "a word for 'not known'"),
        ("null", None, "a word for 'not known'"),
    ],
)
def test_forms_of_a_level_are_read_as_meant(typed: str, level: int | None, how: str) -> None:
    reading = read_level(typed, NAMES)
    assert reading.ok
    assert reading.value == level
    assert reading.how == how


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("无", "write 0 if the place has nothing of it, or null if it is not known"),
        ("none", "write 0 if"),
        ("2-3", "give one whole number"),
        ("2.5", "give one whole number"),
        ("Develop", "did you mean 'developing' (level 2)?"),
        ("发展阶段", "did you mean '发展' (level 2)?"),  # a stage's name, not a level's
    ],
)
def test_ambiguous_forms_of_a_level_are_refused_with_the_choice(typed: str, hint: str) -> None:
    reading = read_level(typed, NAMES)
    assert not reading.ok
    assert hint in reading.hint


def test_without_a_rubric_a_word_is_not_read_as_a_level() -> None:
    assert not read_level("Developing", None).ok
    assert "a level name is read only against a rubric" in read_level("Developing", None).hint
    assert read_level("２", None).value == 2  # what needs no rubric is read all the same
    assert "the lowest level's number" in read_level("无", None).hint


def test_a_target_cannot_be_null() -> None:
    reading = read_level("未知", NAMES, nullable=False)
    assert not reading.ok
    assert "remove the line" in reading.hint


def test_a_name_given_to_two_levels_names_neither() -> None:
    names = level_names({0: "Low", 1: "High"}, {0: "低", 1: "低"})
    assert "低" not in names
    assert names["high"] == 1


@pytest.mark.parametrize(
    ("typed", "confidence"),
    [
        ("高", "high"),
        ("较高", "high"),
        ("中", "medium"),
        ("中等", "medium"),
        ("一般", "medium"),
        ("低", "low"),
        ("较低", "low"),
        ("High", "high"),
        ("ＬＯＷ", "low"),
        ("未知", None),
    ],
)
def test_forms_of_a_confidence_are_read_as_meant(typed: str, confidence: str | None) -> None:
    reading = read_confidence(typed)
    assert reading.ok
    assert reading.value == confidence


def test_a_confidence_between_two_is_refused() -> None:
    reading = read_confidence("中高")
    assert not reading.ok
    assert reading.hint == "choose one of high, medium or low"
    assert not read_confidence("sure").ok


def test_a_metric_value_in_full_width_digits() -> None:
    assert read_number("１.５").value == 1.5
    assert read_number("未知").ok and read_number("未知").value is None
    assert not read_number("abc").ok


@pytest.mark.parametrize(
    ("typed", "made"),
    [
        ("My City", "my-city"),
        ("J City", "j-city"),
        ("Inner  Mongolia ", "inner-mongolia"),
        ("Data_Sharing", "data_sharing"),
        ("ｊ－ｃｉｔｙ", "j-city"),  # full-width letters
        ("--x--", "x"),
        ("我的城市", None),
        ("J市", None),
        ("!!!", None),
    ],
)
def test_slug_proposes_a_valid_id_from_what_was_typed(typed: str, made: str | None) -> None:
    assert slug(typed) == made


# --- a refused profile, normalised -----------------------------------------------------------

PROFILE = """\
id: forms-city
name: Forms City
rubric: smart-policing
assessed: 2024-01-01
indicators:
  top-level-design:
    level: {level}
    confidence: {confidence}
    evidence: 规划已印发
    sources: [{{title: 规划文件, reliability: primary}}]
"""


def test_build_profile_reads_forms_with_warnings_at_their_places() -> None:
    doc = parse(PROFILE.format(level="２级", confidence="中"), "f.yaml")
    data = doc.data
    profile, problems, pending = build_profile(doc)
    assert profile is not None and not pending
    assert profile.indicators["top-level-design"].level == 2
    assert profile.indicators["top-level-design"].confidence == "medium"
    assert [(p.line, p.column, p.code, p.severity) for p in problems] == [
        (7, 12, "level-form", "warning"),
        (8, 17, "confidence-form", "warning"),
    ]
    assert doc.data is data and data["indicators"]["top-level-design"]["level"] == "２级"


def test_build_profile_waits_for_the_rubric_for_a_level_name() -> None:
    doc = parse(PROFILE.format(level="发展", confidence="low"), "f.yaml")
    profile, problems, pending = build_profile(doc)
    assert profile is None and pending
    assert [p.code for p in problems] == ["level-form"]
    assert "read only against a rubric" in problems[0].hint  # as rubric diff reports it
    profile, problems, pending = build_profile(doc, NAMES)
    assert profile is not None and not pending
    assert profile.indicators["top-level-design"].level == 2
    assert [(p.line, p.column, p.code) for p in problems] == [(7, 12, "level-form")]


def test_build_profile_reports_a_null_form() -> None:
    doc = parse(PROFILE.format(level="未知", confidence="未知"), "f.yaml")
    profile, problems, _ = build_profile(doc)
    assert profile is not None
    assert profile.indicators["top-level-design"].level is None
    assert {p.code for p in problems} == {"null-form"}


def test_build_profile_keeps_other_errors_beside_the_warnings() -> None:
    doc = parse(PROFILE.format(level="２", confidence="sure"), "f.yaml")
    profile, problems, _ = build_profile(doc)
    assert profile is None
    assert sorted((p.line, p.severity) for p in problems) == [(7, "warning"), (8, "error")]


@pytest.mark.parametrize(
    "typed",
    [
        "2026年11月24日",
        "2026 年 11 月 24 日",
        "2026年11月24号",
        "2026/11/24",
        "2026.11.24",
        "２０２６－１１－２４",
        "２０２６年１１月２４日",
        "2026-11-24T10:00",
        "20261124",
        20261124,
    ],
)
def test_a_year_first_date_written_another_way_is_read_as_meant(typed: str | int) -> None:
    reading = read_date(typed)
    assert reading.ok and reading.value == dt.date(2026, 11, 24)
    assert reading.how == "a date written another way"


def test_one_digit_months_and_days_are_read() -> None:
    assert read_date("2026-1-5").value == dt.date(2026, 1, 5)
    assert read_date("2026/1/5").value == dt.date(2026, 1, 5)


@pytest.mark.parametrize(
    "typed",
    [
        "11/24/2026",  # month first
        "24.11.2026",  # day first
        "2026年11月",  # no day
        "2026年2月30日",  # no such day
        "20261324",  # no month 13
        "2026/11.24",  # two separators
        "soon",
        86400,  # seconds since 1970, as pydantic would have read it
        True,
    ],
)
def test_what_could_mean_another_day_or_none_is_not_read(typed: str | int) -> None:
    assert not read_date(typed).ok


def test_build_profile_reads_a_date_written_another_way_with_a_warning() -> None:
    text = PROFILE.format(level=2, confidence="low").replace(
        "reliability: primary}", "reliability: primary, date: 2021/9/8}"
    )
    doc = parse(text.replace("assessed: 2024-01-01", "assessed: 2026年11月24日"), "f.yaml")
    profile, problems, _ = build_profile(doc)
    assert profile is not None
    assert profile.assessed == dt.date(2026, 11, 24)
    assert profile.indicators["top-level-design"].sources[0].date == dt.date(2021, 9, 8)
    assert [(p.line, p.code, p.severity) for p in problems] == [
        (4, "date-form", "warning"),
        (10, "date-form", "warning"),
    ]
    assert problems[0].hint == "write assessed: 2026-11-24"


@pytest.mark.parametrize("typed", ["86400", "0", "20261324"])
def test_a_number_is_never_a_date(typed: str) -> None:
    """pydantic reads a number where a date goes as seconds since 1970: 86400 was accepted as
    1970-01-02, and the profile scored as assessed that day."""
    text = PROFILE.format(level=2, confidence="low").replace(
        "assessed: 2024-01-01", f"assessed: {typed}"
    )
    profile, problems, _ = build_profile(parse(text, "f.yaml"))
    assert profile is None
    assert [(p.line, p.code) for p in problems] == [(4, "not-a-date")]


# --- the property: any accepted form of level N scores as N ----------------------------------

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CHINESE = "零一二三四"


def _forms(level: int, rubric: Rubric) -> list[str]:
    digits = str(level)
    wide = digits.translate(_FULLWIDTH)
    forms = [
        f'"{digits}"',
        wide,
        f"'{wide}'",
        f"{digits}级",
        f"{wide}级",
        f"第{digits}级",
        f"第{wide}级",
        f"{_CHINESE[level]}级",
        f"Level {digits}",
        rubric.scale.levels[level],
        rubric.scale.levels[level].upper(),
    ]
    if level in rubric.scale.levels_zh:
        forms.append(rubric.scale.levels_zh[level])
    return forms


@settings(max_examples=60, deadline=None)
@given(level=st.integers(0, 4), which=st.integers(0, 50))
def test_any_accepted_form_of_a_level_scores_as_the_number(
    rubric: Rubric, level: int, which: int
) -> None:
    forms = _forms(level, rubric)
    typed = forms[which % len(forms)]
    canonical = parse(PROFILE.format(level=level, confidence="low"), "f.yaml")
    variant = parse(PROFILE.format(level=typed, confidence="低"), "f.yaml")
    names = level_names(rubric.scale.levels, rubric.scale.levels_zh)
    expected, _, _ = build_profile(canonical, names)
    got, warnings, _ = build_profile(variant, names)
    assert expected is not None and got is not None, warnings
    assert got == expected
    assert score(rubric, got) == score(rubric, expected)
    assert [w.code for w in warnings] == ["level-form", "confidence-form"]
