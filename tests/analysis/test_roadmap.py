"""Roadmap phases, ordering, prerequisites and blocking, checked by hand (see small.py)."""

from __future__ import annotations

import pytest

from policebench.analysis.gaps import analyse, resolve_targets
from policebench.analysis.roadmap import plan
from policebench.scoring import levels_of
from tests.analysis.small import place, small_rubric


def roadmap_for(levels: dict[str, int | None], **extra: object):  # type: ignore[no-untyped-def]
    rubric = small_rubric()
    city = place("city", levels, **extra)
    gaps = analyse(rubric, city, resolve_targets(rubric, city)).gaps
    return plan(rubric, gaps, levels_of(rubric, city))


def test_phases_respect_needs_and_order_by_impact_per_effort() -> None:
    # From a1 = 1, a2 = 2 (b1 unknown) to the default target 3:
    #  step a2 -> 3: A (25 + 150)/4 = 43.75 -> (25 + 225)/4 = 62.5: +18.75, medium (2): 9.375
    #  step a1 -> 2: A 43.75 -> (50 + 150)/4 = 50: +6.25, low (1): 6.25
    #  step a1 -> 3 (from a1 = 2): 50 -> 56.25: +6.25, high (4): 1.5625; needs a2 >= 3
    roadmap = roadmap_for({"a1": 1, "a2": 2, "b1": None})
    phases = [[a.action.do for a in phase] for phase in roadmap.phases]
    assert phases == [["a2-3", "a1-2"], ["a1-3"]]
    first = roadmap.phases[0]
    assert first[0].priority == pytest.approx(9.375)
    assert first[1].priority == pytest.approx(6.25)
    assert roadmap.phases[1][0].priority == pytest.approx(1.5625)
    assert roadmap.blocked == []


def test_prerequisite_steps_are_pulled_in() -> None:
    # Target a1 = 3 only (a2 already at its target 2): a1-3 needs a2 >= 3, so the step
    # a2 -> 3 joins the plan as a prerequisite that unlocks "a1 3".
    roadmap = roadmap_for({"a1": 2, "a2": 2, "b1": 3}, targets={"a2": 2})
    actions = {a.action.do: a for a in roadmap.actions}
    assert actions["a2-3"].prerequisite is True
    assert actions["a2-3"].unlocks == ("a1 3",)
    assert actions["a1-3"].prerequisite is False
    assert [[a.action.do for a in p] for p in roadmap.phases] == [["a2-3"], ["a1-3"]]


def test_needs_on_an_unknown_level_is_blocked_with_the_reason() -> None:
    roadmap = roadmap_for({"a1": 2, "a2": None, "b1": 3})
    assert roadmap.actions == []
    assert len(roadmap.blocked) == 1
    blocked = roadmap.blocked[0]
    assert (blocked.indicator, blocked.level) == ("a1", 3)
    assert "a2" in blocked.reason and "unknown" in blocked.reason


def test_each_level_is_climbed_in_order() -> None:
    # b1 from 0 to 3: three steps with no needs must still come one per phase.
    roadmap = roadmap_for({"a1": 3, "a2": 3, "b1": 0})
    assert [[a.action.do for a in p] for p in roadmap.phases] == [["b1-1"], ["b1-2"], ["b1-3"]]


def test_nothing_to_do() -> None:
    roadmap = roadmap_for({"a1": 3, "a2": 3, "b1": 3})
    assert roadmap.phases == [] and roadmap.blocked == []
