"""Survey aggregation: medians, agreement and confidence, checked against hand computation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policebench.analysis.survey import (
    agreement,
    confidence_for,
    lower_median,
    summarize,
    to_assessment,
)


def test_lower_median_odd_and_even() -> None:
    assert lower_median([3]) == 3
    assert lower_median([2, 0, 1]) == 1  # sorted 0 1 2: the middle one
    # Even counts take the lower of the two middle values: sorted 1 2 3 3 -> 2 (not 2.5, not 3).
    assert lower_median([3, 1, 3, 2]) == 2
    assert lower_median([1, 2]) == 1
    assert lower_median([4, 4, 0, 0]) == 0
    with pytest.raises(ValueError):
        lower_median([])


def test_agreement_is_the_share_within_one_level() -> None:
    # 0 1 2 3 4 around 2: 1, 2 and 3 are within one level -> 3/5.
    assert agreement([0, 1, 2, 3, 4], 2) == pytest.approx(0.6)
    assert agreement([2, 2, 2], 2) == 1.0
    assert agreement([0, 4], 0) == 0.5


@pytest.mark.parametrize(
    ("answers", "share", "expected"),
    [
        (5, 0.8, "high"),
        (9, 1.0, "high"),
        (4, 1.0, "medium"),  # too few answers for high
        (5, 0.79, "medium"),  # too little agreement for high
        (3, 0.6, "medium"),
        (3, 0.59, "low"),
        (2, 1.0, "low"),
        (1, 1.0, "low"),
    ],
)
def test_confidence_rule(answers: int, share: float, expected: str) -> None:
    assert confidence_for(answers, share) == expected


def test_summarize_hand_computed() -> None:
    # Five respondents, three indicators ("a", "b", "c"; "d" is asked about but never answered):
    #   a: 1 2 2 3 4      -> sorted 1 2 2 3 4, median 2; within one level: 1 2 2 3 = 4/5 = 0.8;
    #                        5 answers, agreement 0.8 -> high
    #   b: 0 3 - 1 -      -> 3 answers, sorted 0 1 3, median 1; within one: 0 1 = 2/3 = 0.67;
    #                        3 answers, agreement >= 0.6 -> medium
    #   c: 4 0 4 0 (no 5th) -> sorted 0 0 4 4, lower median 0; within one: 0 0 = 2/4 = 0.5 -> low
    rows: list[dict[str, int | None]] = [
        {"a": 1, "b": 0, "c": 4},
        {"a": 2, "b": 3, "c": 0},
        {"a": 2, "b": None, "c": 4},
        {"a": 3, "b": 1, "c": 0},
        {"a": 4, "unknown": 2},
    ]
    stats = summarize(rows, ["d", "c", "b", "a"])
    assert list(stats) == ["c", "b", "a"]  # the order asked for; nobody answered d
    a, b, c = stats["a"], stats["b"], stats["c"]
    assert (a.level, a.answers, a.confidence) == (2, 5, "high")
    assert a.agreement == pytest.approx(0.8)
    assert a.distribution == {1: 1, 2: 2, 3: 1, 4: 1}
    assert (b.level, b.answers, b.confidence) == (1, 3, "medium")
    assert b.agreement == pytest.approx(2 / 3)
    assert (c.level, c.answers, c.agreement, c.confidence) == (0, 4, 0.5, "low")
    assert c.distribution == {0: 2, 4: 2}


def test_to_assessment_records_the_survey() -> None:
    # 1 2 2 2 2 3 0: sorted 0 1 2 2 2 2 3, median 2; within one: 6/7 = 0.857 -> 86%, high.
    stats = summarize([{"x": v} for v in (1, 2, 2, 2, 2, 3, 0)], ["x"])["x"]
    entry = to_assessment(stats, "answers.csv")
    assert (entry.level, entry.confidence) == (2, "high")
    assert entry.evidence == (
        "Questionnaire answers.csv: 7 answers, median 2, 86% within one level of the median."
    )
    assert entry.evidence_zh is not None and "7份回答" in entry.evidence_zh
    assert entry.survey is not None
    assert (entry.survey.answers, entry.survey.agreement) == (7, 0.86)
    assert entry.survey.distribution == {0: 1, 1: 1, 2: 4, 3: 1}
    assert entry.sources == []


@given(st.lists(st.integers(0, 4), min_size=1, max_size=30))
def test_median_laws(levels: list[int]) -> None:
    level = lower_median(levels)
    assert min(levels) <= level <= max(levels)
    # More than half the answers are at or above the level, and at most half above it.
    assert sum(1 for v in levels if v >= level) > len(levels) / 2
    assert sum(1 for v in levels if v > level) <= len(levels) / 2
    assert 0 < agreement(levels, level) <= 1
    # Raising one answer never lowers the level.
    raised = [min(4, levels[0] + 1), *levels[1:]]
    assert lower_median(raised) >= level
