"""Not applicable (issue 15) through the analyses: gaps, roadmap, compare, and validation.

An n/a indicator has no gap, is not unknown, sets no target, and is never raised by the
roadmap; validation asks for its reason and refuses it where the rubric forbids it.
"""

from __future__ import annotations

import yaml

from policebench.analysis.compare import compare
from policebench.analysis.gaps import Target, analyse, peer_levels, resolve_targets
from policebench.analysis.roadmap import plan
from policebench.models import Profile
from policebench.readers.yaml import parse
from policebench.scoring import not_applicable_of, score
from policebench.validation.build import check_profile
from tests.analysis.small import place, rubric_data, small_rubric


def _with_na(pid: str, levels: dict[str, int | None], na: str) -> Profile:
    base = place(pid, levels).model_dump(mode="json", exclude_none=True)
    base["indicators"][na] = {"applicable": False, "reason": "run by the province"}
    return Profile.model_validate(base)


def test_n_a_has_no_gap_and_is_not_unknown() -> None:
    rubric = small_rubric()
    city = _with_na("x", {"a1": 1, "b1": 2}, "a2")
    gaps = analyse(rubric, city, resolve_targets(rubric, city))
    assert {g.indicator for g in gaps.gaps} == {"a1", "b1"}
    assert gaps.unknown == []
    assert gaps.not_applicable == ["a2"]
    # Unknown instead: a2 is listed as unknown, and the scores are the same.
    same = place("x", {"a1": 1, "a2": None, "b1": 2})
    other = analyse(rubric, same, resolve_targets(rubric, same))
    assert [g.indicator for g in other.unknown] == ["a2"]
    assert other.overall == gaps.overall
    assert other.overall_if_closed == gaps.overall_if_closed


def test_a_need_on_an_n_a_indicator_is_blocked_with_its_reason() -> None:
    # a1 -> 3 needs a2 >= 3; a2 is n/a, so a1's step to 3 can never be placed.
    rubric = small_rubric()
    city = _with_na("x", {"a1": 2, "b1": 3}, "a2")
    gaps = analyse(rubric, city, resolve_targets(rubric, city, level=3))
    current = {i: s.level for i, s in score(rubric, city).indicators.items()}
    roadmap = plan(rubric, [g for g in gaps.gaps if g.gap], current, not_applicable_of(city))
    assert [(b.indicator, b.level) for b in roadmap.blocked] == [("a1", 3)]
    assert "does not apply here (n/a)" in roadmap.blocked[0].reason


def test_a_peer_s_n_a_sets_no_target() -> None:
    rubric = small_rubric()
    peer = _with_na("p", {"a1": 4, "b1": 4}, "a2")
    city = place("x", {"a1": 1, "a2": 1, "b1": 1})
    targets = peer_levels(rubric, peer)
    assert "a2" not in targets
    resolved = resolve_targets(rubric, city, against=targets, against_kind="peer")
    assert resolved["a2"] == Target(3, "default", instead_of="peer")


def test_compare_keeps_n_a_apart_from_unknown() -> None:
    rubric = small_rubric()
    result = compare(rubric, [_with_na("x", {"a1": 2}, "a2"), place("y", {"a1": 2})])
    x = next(c for c in result.cards if c.city_id == "x")
    y = next(c for c in result.cards if c.city_id == "y")
    assert x.overall == y.overall
    assert not x.indicators["a2"].applicable and y.indicators["a2"].applicable
    assert x.coverage > y.coverage  # a2 (weight 3) leaves x's denominator only


def _problems(rubric_changes: dict[str, object], entry: dict[str, object]) -> list[str]:
    rubric = small_rubric(**rubric_changes)
    text = yaml.safe_dump(
        {
            "id": "x",
            "name": "X",
            "rubric": "small",
            "assessed": "2024-01-01",
            "indicators": {"a2": entry},
        }
    )
    doc = parse(text, "x.yaml")
    profile = Profile.model_validate(doc.data)
    return [p.code for p in check_profile(profile, rubric, doc)]


def test_validation_asks_for_the_reason_and_refuses_a_level() -> None:
    assert _problems({}, {"applicable": False, "reason": "provincial"}) == []
    assert _problems({}, {"applicable": False}) == ["not-applicable-no-reason"]
    assert _problems({}, {"applicable": False, "reason_zh": "省级"}) == []
    assert _problems({}, {"applicable": False, "reason": "r", "level": 2}) == [
        "not-applicable-with-level"
    ]


def test_a_rubric_can_forbid_n_a() -> None:
    data = rubric_data()
    data["dimensions"][0]["indicators"][1]["allow_not_applicable"] = False
    changes = {"dimensions": data["dimensions"]}
    assert _problems(changes, {"applicable": False, "reason": "r"}) == ["not-applicable-forbidden"]
