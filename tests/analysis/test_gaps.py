"""Gaps and impacts, checked by hand on the small rubric (see small.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policebench.analysis.gaps import (
    FRONTIER,
    Target,
    analyse,
    frontier_levels,
    peer_levels,
    resolve_targets,
)
from policebench.models import Profile
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


def _opinion(pid: str, levels: dict[str, int | None]) -> Profile:
    """A place whose levels have no evidence (opinions)."""
    return Profile.model_validate(
        {
            "id": pid,
            "name": pid.title(),
            "rubric": "small",
            "assessed": "2024-01-01",
            "indicators": {k: {"level": v} for k, v in levels.items()},
        }
    )


def test_opinions_set_no_frontier_or_peer_target_unless_let_in() -> None:
    rubric = small_rubric()
    evidenced = place("evidenced", {"a1": 2, "a2": 1, "b1": None})
    opinion = _opinion("opinion", {"a1": 4, "a2": None, "b1": 4})
    front = frontier_levels(rubric, [evidenced, opinion])
    assert front["a1"] == Target(2, FRONTIER, ("evidenced",))  # not the opinion's 4
    assert "b1" not in front  # only an opinion knows it
    assert peer_levels(rubric, opinion) == {}
    let_in = frontier_levels(rubric, [evidenced, opinion], opinions=True)
    assert let_in["a1"] == Target(4, FRONTIER, ("opinion",))
    assert let_in["b1"] == Target(4, FRONTIER, ("opinion",))


def test_a_fallback_target_says_what_it_stands_in_for() -> None:
    rubric = small_rubric()
    city = place("city", {"a1": 1, "a2": 1, "b1": 1}, targets={"a2": 2})
    front = frontier_levels(rubric, [place("peer", {"a1": 3, "a2": None, "b1": None})])
    targets = resolve_targets(rubric, city, against=front, against_kind=FRONTIER)
    assert targets["a1"] == Target(3, FRONTIER, ("peer",))
    assert targets["a2"] == Target(2, "profile", instead_of=FRONTIER)
    assert targets["b1"] == Target(3, "default", instead_of=FRONTIER)


@given(
    st.lists(
        st.tuples(
            st.dictionaries(st.sampled_from(["a1", "a2", "b1"]), st.integers(0, 4)),
            st.booleans(),
        ),
        min_size=0,
        max_size=4,
    ),
    st.dictionaries(st.sampled_from(["a1", "a2", "b1"]), st.integers(0, 4)),
)
def test_frontier_targets_come_from_evidenced_peers_only(
    peers: list[tuple[dict[str, int], bool]], own: dict[str, int]
) -> None:
    """Law: every frontier target is the best evidenced level of some peer, held by exactly
    the peers at it; an indicator no peer has evidenced gets the profile's or the rubric's
    target, never the place's own level by way of the frontier."""
    rubric = small_rubric()
    made = [
        place(f"p{n}", dict(levels)) if evidenced else _opinion(f"p{n}", dict(levels))
        for n, (levels, evidenced) in enumerate(peers)
    ]
    city = place("city", dict(own))
    targets = resolve_targets(
        rubric, city, against=frontier_levels(rubric, made), against_kind=FRONTIER
    )
    for ind, target in targets.items():
        known = [(lv[ind], f"p{n}") for n, (lv, ev) in enumerate(peers) if ev and ind in lv]
        if known:
            best = max(level for level, _ in known)
            assert target == Target(
                best, FRONTIER, tuple(sorted(p for lv, p in known if lv == best))
            )
            assert "city" not in target.holders
        else:
            assert target.source == "default" and target.instead_of == FRONTIER


def test_a_peer_s_evidence_written_only_in_chinese_sets_the_frontier() -> None:
    """Evidence in 'evidence_zh' alone is evidence: the peer's level is a fact, not an
    opinion kept out of the frontier."""
    rubric = small_rubric()
    peer = Profile.model_validate(
        {
            "id": "peer",
            "name": "Peer",
            "rubric": "small",
            "assessed": "2024-01-01",
            "indicators": {"a1": {"level": 4, "evidence_zh": "已建成全市统一的数据共享平台"}},
        }
    )
    assert frontier_levels(rubric, [peer])["a1"] == Target(4, FRONTIER, ("peer",))
    assert peer_levels(rubric, peer)["a1"] == Target(4, "peer", ("peer",))
