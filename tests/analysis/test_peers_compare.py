"""Learning from peers and the side-by-side comparison."""

from __future__ import annotations

import pytest

from policebench.analysis.compare import compare
from policebench.analysis.gaps import analyse, resolve_targets
from policebench.analysis.peers import lessons
from tests.analysis.small import place, small_rubric


def test_lessons_name_peers_at_or_above_target() -> None:
    rubric = small_rubric()
    city = place("city", {"a1": 1, "a2": 3, "b1": 3})
    ahead = place("ahead", {"a1": 4, "a2": None, "b1": None})
    level = place("level", {"a1": 3, "a2": None, "b1": None})
    behind = place("behind", {"a1": 2, "a2": None, "b1": None})
    gaps = analyse(rubric, city, resolve_targets(rubric, city)).gaps
    found = lessons(rubric, city, gaps, [city, ahead, level, behind])
    assert [(x.indicator, [e.peer for e in x.examples]) for x in found] == [
        ("a1", ["ahead", "level"])
    ]
    assert found[0].examples[0].assessment.evidence == "ahead a1"


def test_no_peer_is_an_empty_list() -> None:
    rubric = small_rubric()
    city = place("city", {"a1": 1, "a2": 3, "b1": 3})
    gaps = analyse(rubric, city, resolve_targets(rubric, city)).gaps
    assert [x.examples for x in lessons(rubric, city, gaps, [city])] == [()]


def test_compare_ranks_leaders_and_spread() -> None:
    rubric = small_rubric()
    # x: A = (2*... ) a1=4 (100), a2=2 (50): A = (100+150)/4 = 62.5; B = 25; overall 43.75
    # y: a1=2 (50), a2=2 (50): A = 50; B unknown; overall 50
    x = place("x", {"a1": 4, "a2": 2, "b1": 1})
    y = place("y", {"a1": 2, "a2": 2, "b1": None})
    result = compare(rubric, [x, y])
    assert [c.city_id for c in result.cards] == ["y", "x"]
    assert result.rank_of("x") == 2
    a, b = result.dimensions
    assert a.leaders == ("x",) and a.spread == pytest.approx(12.5)
    # B is known for x alone: x leads no one, and nothing is "0 apart".
    assert b.leaders == () and b.spread is None and b.known == 1
    assert b.best == b.worst == pytest.approx(25.0)
    assert a.known == 2
    assert result.heatmap["b1"] == {"y": None, "x": 1}
