"""`rubric diff`: the changes between two small rubrics and the effects, checked by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from policebench.analysis.rubric_diff import (
    KINDS,
    Change,
    diff,
    place_effect,
    renamed_dimensions,
    rubric_diff,
    score_under,
)
from policebench.i18n import LABELS
from policebench.models import Profile, Rubric
from policebench.workspace import bundled, load_rubric

V09 = Path(__file__).resolve().parent.parent / "fixtures" / "rubric-v0.9.yaml"


def ind(ind_id: str, weight: float = 1.0, **extra: Any) -> dict[str, Any]:
    """An indicator with a descriptor for every level 0..4 unless ``levels`` is given."""
    levels = {n: f"{ind_id} level {n}" for n in range(5)}
    return {"id": ind_id, "name": ind_id.upper(), "weight": weight, "levels": levels} | extra


def rubric(rubric_id: str, version: str, dims: list[dict[str, Any]], **extra: Any) -> Rubric:
    data: dict[str, Any] = {
        "id": rubric_id,
        "version": version,
        "name": "Small",
        "scale": {"min": 0, "max": 4, "levels": {n: f"L{n}" for n in range(5)}},
        "default_target": 3,
        "stages": [{"min": 0, "name": "Initial"}, {"min": 50, "name": "Advanced"}],
        "dimensions": dims,
    }
    return Rubric.model_validate(data | extra)


def dim(dim_id: str, weight: float, indicators: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": dim_id, "name": dim_id.upper(), "weight": weight, "indicators": indicators}


# Every indicator weighs 1 in OLD. Going to NEW: dimension a is re-weighted 1 -> 2 and a1
# 1 -> 3; b3 moves from b to a; b is renamed c (it keeps b1 and b2, 2 of its 3 indicators)
# and b2 is re-weighted 1 -> 2; c1 is added; x and its x1 are removed; two descriptors of a2
# change; the rubric id, version, default target and stages change.
OLD = rubric(
    "small",
    "1",
    [
        dim("a", 1, [ind("a1"), ind("a2")]),
        dim("b", 1, [ind("b1"), ind("b2"), ind("b3")]),
        dim("x", 1, [ind("x1")]),
    ],
)
A2_LEVELS = {n: f"a2 level {n}" for n in range(5)} | {3: "new 3", 4: "new 4"}
NEW = rubric(
    "small-v2",
    "2",
    [
        dim("a", 2, [ind("a1", 3), ind("a2", levels=A2_LEVELS), ind("b3")]),
        dim("c", 1, [ind("b1"), ind("b2", 2), ind("c1")]),
    ],
    default_target=2,
    stages=[{"min": 0, "name": "Initial"}, {"min": 40, "name": "Developing"}],
)


def profile(date: str, levels: dict[str, int | None], **values: float) -> Profile:
    entries: dict[str, Any] = {
        k: {"level": v, "confidence": "medium" if v is not None else None}
        for k, v in levels.items()
    }
    entries |= {k: {"value": v, "confidence": "medium"} for k, v in values.items()}
    return Profile.model_validate(
        {
            "id": "demo",
            "name": "Demo",
            "rubric": "small",  # the old rubric's id: still scored under the new one
            "assessed": dt.date.fromisoformat(date),
            "indicators": entries,
        }
    )


P0 = profile("2025-01-01", {"a1": 2, "a2": 4, "b1": 0, "b2": 4, "b3": 2, "x1": 4})
P1 = profile("2026-01-01", {"a1": 3, "a2": 4, "b1": 2, "b2": 4, "b3": 2, "c1": 1, "x1": None})


def test_changes_between_two_small_rubrics() -> None:
    assert renamed_dimensions(OLD, NEW) == {"b": "c"}
    assert diff(OLD, NEW) == [
        Change("rubric-id", "rubric", "", "small", "small-v2"),
        Change("version", "rubric", "", "1", "2"),
        Change("default-target", "rubric", "", 3, 2),
        Change("stages", "rubric", "", "0 Initial, 50 Advanced", "0 Initial, 40 Developing"),
        Change("dimension-removed", "dimension", "x", 1.0, None),
        Change("dimension-renamed", "dimension", "c", "b", "c"),
        Change("dimension-name", "dimension", "c", "B", "C"),
        Change("dimension-reweighted", "dimension", "a", 1.0, 2.0),
        Change("indicator-added", "indicator", "c1", None, "c"),
        Change("indicator-removed", "indicator", "x1", "x", None),
        # b1 and b2 stay in their (renamed) dimension: not moved.
        Change("indicator-moved", "indicator", "b3", "b", "a"),
        Change("indicator-reweighted", "indicator", "a1", 1.0, 3.0),
        Change("indicator-reweighted", "indicator", "b2", 1.0, 2.0),
        Change("levels", "indicator", "a2", count=2),
    ]


def test_identical_rubrics_have_no_changes() -> None:
    assert diff(OLD, OLD) == []


def test_a_dimension_keeping_half_its_indicators_is_not_a_rename() -> None:
    # b keeps only b1 of b1, b2 in d: a split, reported as removed + added.
    old = rubric("r", "1", [dim("b", 1, [ind("b1"), ind("b2")])])
    new = rubric("r", "1", [dim("d", 1, [ind("b1")]), dim("e", 1, [ind("b2")])])
    kinds = [(c.kind, c.item) for c in diff(old, new)]
    assert ("dimension-renamed", "d") not in kinds
    assert ("dimension-removed", "b") in kinds and ("dimension-added", "d") in kinds
    assert ("indicator-moved", "b1") in kinds


def test_kind_unit_and_thresholds() -> None:
    metric = {"kind": "metric", "unit": "per 100", "thresholds": {1: 1.0, 2: 2.0, 3: 3.0, 4: 4.0}}
    old = rubric("r", "1", [dim("a", 1, [ind("a1"), ind("m", **metric)])])
    # a1 becomes a metric like m; m changes its unit and its two top thresholds.
    changed = metric | {"unit": "per 1000", "thresholds": {1: 1.0, 2: 2.0, 3: 5.0, 4: 8.0}}
    new = rubric("r", "1", [dim("a", 1, [ind("a1", **metric), ind("m", **changed)])])
    kinds = {(c.kind, c.item): (c.old, c.new) for c in diff(old, new)}
    assert kinds[("indicator-kind", "a1")] == ("level", "metric")
    assert kinds[("unit", "a1")] == (None, "per 100")
    assert kinds[("thresholds", "a1")] == (None, "1: 1, 2: 2, 3: 3, 4: 4")
    assert kinds[("unit", "m")] == ("per 100", "per 1000")
    assert kinds[("thresholds", "m")] == ("1: 1, 2: 2, 3: 3, 4: 4", "1: 1, 2: 2, 3: 5, 4: 8")


def test_same_assessment_under_both_rubrics() -> None:
    # OLD, P0: a = (50 + 100)/2 = 75; b = (0 + 100 + 50)/3 = 50; x = 100;
    #          overall = (75 + 50 + 100)/3 = 75
    # NEW, P0: a = (3*50 + 1*100 + 1*50)/5 = 60; c = (1*0 + 2*100)/3 = 66.667 (c1 unknown);
    #          overall = (2*60 + 1*66.667)/3 = 62.222; x1 is not in NEW
    effect = place_effect(OLD, NEW, [P0])
    assert effect.before.overall == pytest.approx(75.0)
    assert effect.rescored.overall == pytest.approx(62.2222, abs=1e-4)
    assert effect.after == effect.rescored
    assert effect.rescored.ignored == {"x1": "not in rubric"}
    assert effect.before.ignored == {}
    # The whole change is the rubric's: 62.222 - 75 = -12.778
    assert effect.rubric_effect == pytest.approx(-12.7778, abs=1e-4)
    assert effect.place_effect == 0.0
    assert effect.total == effect.rubric_effect
    assert effect.old_assessed == effect.new_assessed == dt.date(2025, 1, 1)


def test_decomposition_with_a_newer_assessment() -> None:
    # NEW, P1: a = (3*75 + 1*100 + 1*50)/5 = 75; c = (1*50 + 2*100 + 1*25)/4 = 68.75;
    #          overall = (2*75 + 68.75)/3 = 72.917
    # total = 72.917 - 75 = -2.083 = rubric effect -12.778 + place effect (72.917 - 62.222)
    #       = -12.778 + 10.694
    effect = place_effect(OLD, NEW, [P1, P0])
    assert (effect.old_assessed, effect.new_assessed) == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert effect.after.overall == pytest.approx(72.9167, abs=1e-4)
    assert effect.rubric_effect == pytest.approx(-12.7778, abs=1e-4)
    assert effect.place_effect == pytest.approx(10.6944, abs=1e-4)
    assert effect.total == pytest.approx(-2.0833, abs=1e-4)
    assert effect.rubric_effect is not None and effect.place_effect is not None
    assert effect.total == pytest.approx(effect.rubric_effect + effect.place_effect)
    # With three assessments, the old one is the one before the newest.
    older = profile("2024-01-01", {"a1": 0})
    assert place_effect(OLD, NEW, [older, P0, P1]) == effect


def test_levels_a_rubric_cannot_use_are_listed() -> None:
    one_to_five = {n: "x" for n in range(1, 6)}
    five = rubric(
        "r",
        "2",
        [dim("a", 1, [ind("a1", levels=one_to_five), ind("a2", levels=one_to_five)])],
        scale={"min": 1, "max": 5, "levels": one_to_five},
    )
    # a1 = 0 is below the new scale; a2 = 3 scores 100*(3-1)/4 = 50; b9 has a value only.
    scored = score_under(five, profile("2025-01-01", {"a1": 0, "a2": 3}, b9=2.0))
    assert scored.overall == pytest.approx(50.0)
    assert scored.coverage == pytest.approx(0.5)
    assert scored.ignored == {"a1": "level 0 outside 1..5", "b9": "not in rubric"}
    value_only = profile("2025-01-01", {}, a2=3.0)
    assert score_under(five, value_only).ignored == {"a2": "a value, but not a metric indicator"}
    assert ("rescaled", "0..4", "1..5") in [(c.kind, c.old, c.new) for c in diff(OLD, five)]


def test_nothing_known_gives_unknown_effects() -> None:
    only_x = profile("2025-01-01", {"x1": 4})
    effect = place_effect(OLD, NEW, [only_x])
    assert effect.before.overall == pytest.approx(100.0)
    assert effect.rescored.overall is None
    assert effect.rubric_effect is None and effect.total is None


def test_every_kind_has_a_label_in_both_languages() -> None:
    for kind in KINDS:
        en, zh = LABELS[f"diff:{kind}"]
        assert en and zh


def test_the_v09_fixture_against_the_bundled_rubric() -> None:
    old = load_rubric(V09)[0]
    new = load_rubric(bundled("rubrics") / "smart-policing.yaml")[0]
    found = {(c.kind, c.item, c.old, c.new) for c in diff(old, new)}
    # The changes the fixture's header promises (the bundled rubric may gain others).
    assert {
        ("indicator-added", "privacy-oversight", None, "security"),
        ("indicator-removed", "video-coverage", "platform", None),
        ("indicator-reweighted", "data-sharing", 1.0, 2.0),
        ("indicator-moved", "data-utilisation", "platform", "integration"),
        ("dimension-renamed", "talent", "people", "talent"),
        ("dimension-name", "talent", "People and skills", "Talent and partnerships"),
    } <= found
    assert any(c[0] == "stages" for c in found)
    result = rubric_diff(old, new, [[P0]])
    assert result.places[0].rescored.ignored  # P0's indicators are unknown to both
    assert result.places[0].rescored.overall is None
