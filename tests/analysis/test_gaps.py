"""Gaps and impacts, checked by hand on the small rubric (see small.py)."""

from __future__ import annotations

import pytest

from policebench.analysis.gaps import (
    FRONTIER,
    Target,
    analyse,
    frontier_levels,
    peer_levels,
    resolve_targets,
)
from tests.analysis.small import place, small_rubric


def test_impacts_by_hand() -> None:
    # a1 = 1 (25), a2 = 2 (50), b1 unknown.  A = (1*25 + 3*50) / 4 = 43.75; B has no score,
    # so overall = 43.75.
    # Closing a1 (-> 3, score 75): A = (75 + 150) / 4 = 56.25: impact 12.5.
    # Closing a2 (-> 3, score 75): A = (25 + 225) / 4 = 62.5: impact 18.75.
    # Both: A = (75 + 225) / 4 = 75.
    rubric = small_rubric()
    city = place("city", {"a1": 1, "a2": 2, "b1": None})
    result = analyse(rubric, city, resolve_targets(rubric, city))
    assert result.overall == pytest.approx(43.75)
    assert [(g.indicator, g.gap) for g in result.gaps] == [("a2", 1), ("a1", 2)]
    assert result.gaps[0].impact == pytest.approx(18.75)
    assert result.gaps[1].impact == pytest.approx(12.5)
    assert result.overall_if_closed == pytest.approx(75.0)
    # The unknown is listed apart, never treated as level 0.
    assert [(g.indicator, g.current, g.gap, g.impact) for g in result.unknown] == [
        ("b1", None, None, None)
    ]
    sub = {s.dimension: s for s in result.subtotals}
    assert (sub["da"].open, sub["da"].levels, sub["da"].unknown) == (2, 3, 0)
    assert sub["da"].impact == pytest.approx(75.0 - 43.75)
    assert (sub["db"].open, sub["db"].unknown, sub["db"].impact) == (0, 1, 0.0)


def test_gap_is_never_negative() -> None:
    rubric = small_rubric()
    city = place("city", {"a1": 4, "a2": 3, "b1": 0})
    result = analyse(rubric, city, resolve_targets(rubric, city, level=2))
    by_id = {g.indicator: g for g in result.gaps}
    assert by_id["a1"].gap == 0 and by_id["a1"].impact == 0.0
    assert by_id["b1"].gap == 2


def test_ties_keep_rubric_order() -> None:
    # Every level at the target: all impacts are 0, so the order is the rubric's.
    rubric = small_rubric()
    city = place("city", {"a1": 3, "a2": 3, "b1": 3})
    result = analyse(rubric, city, resolve_targets(rubric, city))
    assert [g.indicator for g in result.gaps] == ["a1", "a2", "b1"]


def test_target_precedence() -> None:
    rubric = small_rubric()
    city = place("city", {"a1": 1, "a2": 1, "b1": 1}, targets={"a1": 4, "a2": 2})
    peer = place("peer", {"a1": 2, "a2": None, "b1": 4})
    against = peer_levels(rubric, peer)
    # --target beats everything.
    assert {
        k: v.level for k, v in resolve_targets(rubric, city, level=1, against=against).items()
    } == {"a1": 1, "a2": 1, "b1": 1}
    # --against next; where the peer knows nothing (a2) the profile's target applies; b1 peer.
    targets = resolve_targets(rubric, city, against=against)
    assert targets["a1"] == Target(2, "peer", ("peer",))
    assert targets["a2"] == Target(2, "profile")
    assert targets["b1"] == Target(4, "peer", ("peer",))
    # Without --against: profile targets, then the rubric's default.
    plain = resolve_targets(rubric, city)
    assert plain["a1"] == Target(4, "profile")
    assert plain["b1"] == Target(3, "default")


def test_frontier_names_every_holder() -> None:
    rubric = small_rubric()
    one = place("one", {"a1": 3, "a2": 1, "b1": None})
    two = place("two", {"a1": 3, "a2": 2, "b1": None})
    front = frontier_levels(rubric, [one, two])
    assert front["a1"] == Target(3, FRONTIER, ("one", "two"))
    assert front["a2"] == Target(2, FRONTIER, ("two",))
    assert "b1" not in front  # nobody knows it: the next rule down applies
    city = place("city", {"a1": 1, "a2": 1, "b1": 1})
    targets = resolve_targets(rubric, city, against=front)
    assert targets["b1"] == Target(3, "default")
