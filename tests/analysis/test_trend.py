"""The trend of a place: scores per assessment and indicator moves, checked by hand, and
the laws of the like-for-like change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policebench.analysis.trend import change, trend
from policebench.models import Profile, Rubric

# A small rubric: dimension a (weight 1) holds a1 (weight 1) and a2 (weight 3);
# dimension b (weight 3) holds b1 alone. Scale 0..4, so a level is worth 25 points.
SMALL = Rubric.model_validate(
    {
        "id": "small",
        "version": "1",
        "name": "Small",
        "scale": {"min": 0, "max": 4, "levels": {n: f"L{n}" for n in range(5)}},
        "default_target": 3,
        "stages": [{"min": 0, "name": "Initial"}, {"min": 50, "name": "Advanced"}],
        "dimensions": [
            {
                "id": "a",
                "name": "A",
                "weight": 1.0,
                "indicators": [
                    {"id": "a1", "name": "A1", "levels": {n: "x" for n in range(5)}},
                    {"id": "a2", "name": "A2", "weight": 3.0, "levels": {n: "x" for n in range(5)}},
                ],
            },
            {
                "id": "b",
                "name": "B",
                "weight": 3.0,
                "indicators": [{"id": "b1", "name": "B1", "levels": {n: "x" for n in range(5)}}],
            },
        ],
    }
)


def profile(date: str, levels: dict[str, int | None], place: str = "demo") -> Profile:
    data: dict[str, Any] = {
        "id": place,
        "name": "Demo",
        "rubric": "small",
        "assessed": dt.date.fromisoformat(date),
        "indicators": {
            k: {"level": v, "confidence": "medium" if v is not None else None}
            for k, v in levels.items()
        },
    }
    return Profile.model_validate(data)


# 2024: a = (1*0 + 3*50) / 4 = 37.5; b unknown; overall = 37.5 (a alone);
#       coverage = (1 * 4/4 + 3 * 0) / 4 = 0.25
P2024 = profile("2024-06-30", {"a1": 0, "a2": 2, "b1": None})
# 2025: a = (1*100 + 3*50) / 4 = 62.5; b = 75; overall = (1*62.5 + 3*75) / 4 = 71.875;
#       coverage 1.0
P2025 = profile("2025-06-30", {"a1": 4, "a2": 2, "b1": 3})
# 2026: a = (1*100 + 3*25) / 4 = 43.75; b unknown; overall = 43.75; coverage 0.25
P2026 = profile("2026-06-30", {"a1": 4, "a2": 1, "b1": None})


def test_single_assessment_gives_one_point_and_no_steps() -> None:
    result = trend(SMALL, [P2025])
    assert len(result.points) == 1
    assert result.steps == ()
    point = result.points[0]
    assert point.overall == pytest.approx(71.875)
    assert point.overall_change is None
    assert point.coverage_change is None
    assert point.dimension_changes == {"a": None, "b": None}
    assert point.stage is not None and point.stage.name == "Advanced"


def test_scores_and_changes_per_assessment() -> None:
    result = trend(SMALL, [P2024, P2025, P2026])
    assert result.dates == [dt.date(2024, 6, 30), dt.date(2025, 6, 30), dt.date(2026, 6, 30)]
    overall = [p.overall for p in result.points]
    assert overall == pytest.approx([37.5, 71.875, 43.75])
    # 71.875 - 37.5 = 34.375; 43.75 - 71.875 = -28.125
    assert result.points[1].overall_change == pytest.approx(34.375)
    assert result.points[2].overall_change == pytest.approx(-28.125)
    # a: 62.5 - 37.5 = +25, then 43.75 - 62.5 = -18.75; b was unknown, then became unknown:
    # no change can be given either time.
    assert result.points[1].dimension_changes["a"] == pytest.approx(25.0)
    assert result.points[1].dimension_changes["b"] is None
    assert result.points[2].dimension_changes["a"] == pytest.approx(-18.75)
    assert result.points[2].dimension_changes["b"] is None
    assert result.points[1].coverage_change == pytest.approx(0.75)
    assert result.points[2].coverage_change == pytest.approx(-0.75)
    assert [p.stage.name if p.stage else None for p in result.points] == [
        "Initial",
        "Advanced",
        "Initial",
    ]


def test_moves_between_consecutive_assessments() -> None:
    result = trend(SMALL, [P2024, P2025, P2026])
    first, second = result.steps
    assert (first.start, first.end) == (dt.date(2024, 6, 30), dt.date(2025, 6, 30))
    assert [(m.id, m.dimension, m.before, m.after, m.direction) for m in first.moves] == [
        ("a1", "a", 0, 4, "up"),
        ("b1", "b", None, 3, "known"),
    ]
    assert [(m.id, m.before, m.after, m.direction) for m in second.moves] == [
        ("a2", 2, 1, "down"),
        ("b1", 3, None, "unknown"),
    ]


def test_order_of_the_input_does_not_matter() -> None:
    assert trend(SMALL, [P2026, P2024, P2025]) == trend(SMALL, [P2024, P2025, P2026])


def test_series_for_a_chart_lines_up_with_the_dates() -> None:
    result = trend(SMALL, [P2024, P2025, P2026])
    series = result.series()
    assert list(series) == ["overall", "a", "b"]
    assert series["overall"] == pytest.approx([37.5, 71.875, 43.75])
    assert series["a"] == pytest.approx([37.5, 62.5, 43.75])
    assert series["b"] == [None, 75.0, None]
    assert all(len(v) == len(result.dates) for v in series.values())


def test_the_newest_name_is_used() -> None:
    renamed = P2026.model_copy(update={"name": "Demo (new name)"})
    assert trend(SMALL, [P2024, renamed]).name == "Demo (new name)"


def test_bad_calls_are_bugs() -> None:
    with pytest.raises(ValueError):
        trend(SMALL, [])
    with pytest.raises(ValueError):
        trend(SMALL, [P2024, profile("2025-01-01", {}, place="other")])
    with pytest.raises(ValueError):
        trend(SMALL, [P2024, P2024])


def test_change_of_unknowns_is_unknown() -> None:
    assert change(None, 3.0) is None
    assert change(3.0, None) is None
    assert change(1.0, 3.5) == 2.5


def test_like_for_like_by_hand() -> None:
    """2024 -> 2025: b1 became known; over a1 and a2 alone, a went 37.5 -> 62.5 (+25), while
    the headline says +34.375. 2025 -> 2026: b1 became unknown; a alone went 62.5 -> 43.75."""
    steps = trend(SMALL, [P2024, P2025, P2026]).steps
    assert [(s.like_for_like, s.compared) for s in steps] == [(25.0, 2), (-18.75, 2)]
    same = trend(SMALL, [P2024, profile("2025-06-30", {"a1": 1, "a2": 2, "b1": None})])
    assert (same.steps[0].like_for_like, same.steps[0].compared) == (None, 2)
    apart = trend(SMALL, [P2024, profile("2025-06-30", {"a1": None, "a2": None, "b1": 3})])
    assert (apart.steps[0].like_for_like, apart.steps[0].compared) == (None, 0)


_LEVEL = st.one_of(st.none(), st.integers(0, 4))


@settings(max_examples=200, deadline=None)
@given(st.tuples(_LEVEL, _LEVEL, _LEVEL), st.tuples(_LEVEL, _LEVEL, _LEVEL))
def test_like_for_like_is_the_change_of_the_indicators_known_twice(
    first: tuple[int | None, ...], second: tuple[int | None, ...]
) -> None:
    """Laws: the same indicators known twice leave the change as it is (None); otherwise it is
    zero when none of those known twice moved, whatever became known or unknown, and it has
    the sign of their moves when they all moved one way."""
    ids = ("a1", "a2", "b1")
    before = profile("2024-06-30", dict(zip(ids, first, strict=True)))
    after = profile("2025-06-30", dict(zip(ids, second, strict=True)))
    (step,) = trend(SMALL, [before, after]).steps
    known = [
        {i for i, v in zip(ids, levels, strict=True) if v is not None} for levels in (first, second)
    ]
    both = sorted(known[0] & known[1])
    assert step.compared == len(both)
    if known[0] == known[1] or not both:
        assert step.like_for_like is None
        return
    assert step.like_for_like is not None
    moved = [second[ids.index(i)] - first[ids.index(i)] for i in both]  # type: ignore[operator]
    if all(m == 0 for m in moved):
        assert step.like_for_like == pytest.approx(0)
    elif all(m >= 0 for m in moved):
        assert step.like_for_like > 0
    elif all(m <= 0 for m in moved):
        assert step.like_for_like < 0
