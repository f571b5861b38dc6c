"""Scoring: figures checked by hand, the bundled J City worked out from its YAML, and the laws.

The rules (README, issue 2):
* indicator = 100 * (level - min) / (max - min); unknown has no score;
* dimension = weighted mean of its known indicators; coverage = known weight / all weight;
* overall = weighted mean of the known dimensions; coverage = sum(w_d * cov_d) / sum(w_d);
* stage = the last stage whose min is at or below the overall score.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policebench.models import Profile, Rubric
from policebench.scoring import aggregate, indicator_score, levels_of, rank, ranks, score


def rubric_from(
    dims: list[tuple[str, float, list[tuple[str, float]]]],
    low: int = 0,
    high: int = 4,
    metric: dict[str, dict[int, float]] | None = None,
) -> Rubric:
    """A rubric from (dimension id, weight, [(indicator id, weight)]) with a low..high scale."""
    span = range(low, high + 1)
    metric = metric or {}
    dimensions = []
    for dim_id, dim_weight, indicators in dims:
        items = []
        for ind_id, weight in indicators:
            item: dict[str, Any] = {
                "id": ind_id,
                "name": ind_id.upper(),
                "weight": weight,
                "levels": {n: f"{ind_id} at {n}" for n in span},
            }
            if ind_id in metric:
                item |= {"kind": "metric", "unit": "per 100", "thresholds": metric[ind_id]}
            items.append(item)
        dimensions.append(
            {"id": dim_id, "name": dim_id.upper(), "weight": dim_weight, "indicators": items}
        )
    return Rubric.model_validate(
        {
            "id": "r",
            "version": "1",
            "name": "R",
            "scale": {"min": low, "max": high, "levels": {n: str(n) for n in span}},
            "default_target": high,
            "stages": [
                {"min": 0, "name": "Initial"},
                {"min": 40, "name": "Developing"},
                {"min": 65, "name": "Advanced"},
            ],
            "dimensions": dimensions,
        }
    )


def profile_from(entries: dict[str, dict[str, Any]]) -> Profile:
    return Profile.model_validate(
        {
            "id": "p",
            "name": "P",
            "rubric": "r",
            "assessed": dt.date(2024, 1, 1),
            "indicators": entries,
        }
    )


def levels(**given: int | None) -> dict[str, dict[str, Any]]:
    return {k: {"level": v, "confidence": "low"} for k, v in given.items()}


# --- hand-checked figures -------------------------------------------------------------------

HAND = [
    ("a", 2.0, [("a1", 1.0), ("a2", 3.0)]),
    ("b", 1.0, [("b1", 2.0), ("b2", 2.0)]),
    ("c", 1.0, [("c1", 1.0)]),
]


def test_hand_checked_case() -> None:
    # Scale 0..4, so a level is worth 25 points a step.
    #   a1 = 4 -> 100, a2 = 1 -> 25
    #   a  = (1 * 100 + 3 * 25) / (1 + 3) = 175 / 4 = 43.75, coverage 4 / 4 = 1
    #   b1 = 2 -> 50, b2 unknown
    #   b  = 50 (b2 left out), coverage 2 / 4 = 0.5
    #   c1 unknown -> c has no score, coverage 0
    # overall = (2 * 43.75 + 1 * 50) / (2 + 1) = 137.5 / 3 = 45.8333...  (c left out)
    # coverage = (2 * 1 + 1 * 0.5 + 1 * 0) / (2 + 1 + 1) = 2.5 / 4 = 0.625
    # stage: 40 <= 45.83 < 65 -> Developing
    rubric = rubric_from(HAND)
    card = score(rubric, profile_from(levels(a1=4, a2=1, b1=2, b2=None)))
    assert card.indicators["a1"].score == 100.0
    assert card.indicators["a2"].score == 25.0
    assert card.indicators["b2"].score is None
    assert card.indicators["c1"].level is None  # absent from the profile: unknown
    assert card.dimensions["a"].score == 43.75
    assert card.dimensions["a"].coverage == 1.0
    assert card.dimensions["b"].score == 50.0
    assert card.dimensions["b"].coverage == 0.5
    assert card.dimensions["c"].score is None
    assert card.dimensions["c"].coverage == 0.0
    assert card.overall == pytest.approx(137.5 / 3, abs=1e-12)
    assert card.coverage == 0.625
    assert card.stage is not None and card.stage.name == "Developing"
    assert card.indicators["a2"].dimension == "a"
    assert card.indicators["a2"].weight == 3.0


def test_indicator_score_on_a_scale_not_starting_at_zero() -> None:
    # Scale 1..3: 100 * (2 - 1) / (3 - 1) = 50; the minimum is 0 points, the maximum 100.
    rubric = rubric_from([("d", 1.0, [("i", 1.0)])], low=1, high=3)
    assert indicator_score(rubric, 1) == 0.0
    assert indicator_score(rubric, 2) == 50.0
    assert indicator_score(rubric, 3) == 100.0
    assert indicator_score(rubric, None) is None


def test_nothing_known() -> None:
    rubric = rubric_from(HAND)
    card = score(rubric, profile_from({"a1": {"level": None, "note": "no source"}}))
    assert card.overall is None
    assert card.stage is None
    assert card.coverage == 0.0
    assert all(d.score is None for d in card.dimensions.values())


def test_unknowns_are_excluded_not_zero() -> None:
    # b1 = 4 alone: b = 100, not (100 + 0) / 2 = 50.
    rubric = rubric_from(HAND)
    card = score(rubric, profile_from(levels(b1=4)))
    assert card.dimensions["b"].score == 100.0
    assert card.overall == 100.0  # a and c have nothing known: left out
    assert card.coverage == 0.5 * 1 / 4  # (1 * 0.5) / 4


@pytest.mark.parametrize(
    ("overall", "stage"),
    [
        (0.0, "Initial"),
        (39.99, "Initial"),
        (40.0, "Developing"),
        (64.999, "Developing"),
        (65.0, "Advanced"),
        (100.0, "Advanced"),
    ],
)
def test_stage_boundaries(overall: float, stage: str) -> None:
    found = rubric_from(HAND).stage_for(overall)
    assert found is not None and found.name == stage


def test_stage_boundary_tolerates_float_noise() -> None:
    # A weighted mean that is 65 on paper can come out a float step below it; the place has
    # still reached the stage whose min is 65. A real shortfall (65 - 0.001) has not.
    rubric = rubric_from(HAND)
    assert [rubric.stage_for(x) for x in (65 - 1e-12, 65 - 1e-3)] == [
        rubric.stages[2],
        rubric.stages[1],
    ]


def test_metric_value_gives_the_level() -> None:
    # thresholds {1: 0.5, 2: 1, 3: 2, 4: 3}: a value reaches the highest level whose
    # threshold it meets; below the first it is the scale minimum.
    thresholds = {1: 0.5, 2: 1.0, 3: 2.0, 4: 3.0}
    rubric = rubric_from([("d", 1.0, [("m", 1.0)])], metric={"m": thresholds})
    for value, level in [(0.0, 0), (0.49, 0), (0.5, 1), (1.99, 2), (2.5, 3), (3.0, 4), (9, 4)]:
        card = score(rubric, profile_from({"m": {"value": value, "confidence": "high"}}))
        assert card.indicators["m"].level == level, value
        assert card.indicators["m"].value == value
        assert card.indicators["m"].score == 25.0 * level
    # A stated level is what counts (validate refuses one that disagrees with the value).
    stated = profile_from({"m": {"value": None, "level": 2, "confidence": "low"}})
    assert levels_of(rubric, stated) == {"m": 2}


def test_evidence_and_source_flags() -> None:
    rubric = rubric_from(HAND)
    entries = levels(a1=1, a2=2)
    entries["a1"] |= {
        "evidence": "seen",
        "sources": [{"title": "t", "reliability": "primary"}],
    }
    entries["a2"] |= {"evidence": "heard"}
    card = score(rubric, profile_from(entries))
    assert (card.indicators["a1"].has_evidence, card.indicators["a1"].has_source) == (True, True)
    assert (card.indicators["a2"].has_evidence, card.indicators["a2"].has_source) == (True, False)
    assert card.indicators["a1"].confidence == "low"


def test_evidence_written_only_in_chinese_is_evidence_not_an_opinion() -> None:
    rubric = rubric_from(HAND)
    entries = levels(a1=1, a2=2)
    entries["a1"] |= {"evidence_zh": "市局印发了建设规划（2024 年）"}
    card = score(rubric, profile_from(entries))
    assert card.indicators["a1"].has_evidence and not card.indicators["a2"].has_evidence
    assert card.opinions == 1


def test_rank_orders_best_first_unknown_last_ties_by_id() -> None:
    rubric = rubric_from(HAND)
    cards = []
    for city, level in [("zeta", 2), ("alpha", 2), ("mid", 3), ("none", None)]:
        profile = profile_from(levels(a1=level)).model_copy(update={"id": city})
        cards.append(score(rubric, profile))
    assert [c.city_id for c in rank(cards)] == ["mid", "alpha", "zeta", "none"]
    assert ranks(rank(cards)) == [1, 2, 3, None]  # nothing known: no rank, not 4th


@given(st.lists(st.one_of(st.none(), st.integers(0, 4)), max_size=8))
def test_ranks_number_the_known_places_and_only_them(places: list[int | None]) -> None:
    """Whatever the mix: the places with an overall are ranked 1..k in ranking order, a
    higher overall never below a lower one, and every place with nothing known has no rank."""
    rubric = rubric_from(HAND)
    cards = rank(
        [
            score(rubric, profile_from(levels(a1=level)).model_copy(update={"id": f"p{n}"}))
            for n, level in enumerate(places)
        ]
    )
    numbers = ranks(cards)
    known = sum(1 for level in places if level is not None)
    assert numbers == [*range(1, known + 1), *[None] * (len(places) - known)]
    overalls = [c.overall for c in cards if c.overall is not None]
    assert overalls == sorted(overalls, reverse=True)


# --- the bundled data -----------------------------------------------------------------------

#: J City as read from cities/j-city.yaml and rubrics/smart-policing.yaml (weights in
#: brackets, level after the arrow, '?' = unknown). If the data changes, the first assertion
#: of the test below fails and names what changed; redo the arithmetic then.
J_CITY = {
    "planning": {
        "top-level-design": (2.0, 1),
        "coordination-mechanism": (1.5, 1),
        "leadership-understanding": (1.0, 1),
        "policing-reform": (1.0, None),
    },
    "integration": {
        "data-governance": (2.0, 1),
        "data-sharing": (2.0, 1),
        "network-interconnection": (1.0, None),
        "data-utilisation": (1.0, 1),
    },
    "platform": {
        "storage-compute": (1.0, None),
        "platform-systematisation": (1.5, 1),
        "operational-application": (2.0, 1),
        "usability": (1.0, 1),
        "operations-maintenance": (1.0, 1),
    },
    "security": {
        "mlps-compliance": (1.5, None),
        "data-security-lifecycle": (1.5, None),
        "privacy-oversight": (1.0, None),
        "incident-response": (1.0, None),
    },
    "talent": {
        "specialist-headcount": (2.0, 1),
        "training-literacy": (1.0, None),
        "recruitment-retention": (1.0, None),
        "partnerships": (1.0, None),
    },
}


def test_j_city_by_hand(rubric: Rubric, profiles: dict[str, Profile]) -> None:
    profile = profiles["j-city"]
    read = {
        dim.id: {ind.id: (ind.weight, levels_of(rubric, profile)[ind.id]) for ind in dim.indicators}
        for dim in rubric.dimensions
    }
    assert read == J_CITY, (
        "the bundled rubric or cities/j-city.yaml changed (weights or levels differ from "
        "J_CITY); redo the hand arithmetic in this test"
    )
    assert all(dim.weight == 1.0 for dim in rubric.dimensions)
    assert (rubric.scale.min, rubric.scale.max) == (0, 4)

    # Every known level is 1 on a 0..4 scale: 100 * (1 - 0) / 4 = 25 points. So each
    # dimension with anything known scores 25, and overall = 25 (security, all unknown, is
    # left out): stage Initial (0 <= 25 < 40).
    # Coverage per dimension = known weight / all weight:
    #   planning     (2 + 1.5 + 1) / (2 + 1.5 + 1 + 1)        = 4.5 / 5.5 = 9/11
    #   integration  (2 + 2 + 1) / (2 + 2 + 1 + 1)            = 5 / 6
    #   platform     (1.5 + 2 + 1 + 1) / (1 + 1.5 + 2 + 1 + 1) = 5.5 / 6.5 = 11/13
    #   security     0 / 5                                    = 0
    #   talent       2 / (2 + 1 + 1 + 1)                      = 2/5
    # overall coverage = (9/11 + 5/6 + 11/13 + 0 + 2/5) / 5 (all dimension weights 1)
    #   over 4290 = 11 * 6 * 13 * 5: (3510 + 3575 + 3630 + 0 + 1716) / 4290 = 12431 / 4290
    #   / 5 = 12431 / 21450 = 0.57953...
    card = score(rubric, profile)
    assert card.overall == 25.0
    assert card.stage is not None and card.stage.name == "Initial"
    assert card.dimensions["planning"].coverage == pytest.approx(9 / 11, abs=1e-12)
    assert card.dimensions["security"].score is None
    assert card.dimensions["talent"].coverage == pytest.approx(2 / 5, abs=1e-12)
    assert card.coverage == pytest.approx(12431 / 21450, abs=1e-12)


def test_every_bundled_place_scores(rubric: Rubric, profiles: dict[str, Profile]) -> None:
    for profile in profiles.values():
        card = score(rubric, profile)
        assert card.overall is not None and 0 <= card.overall <= 100, profile.id
        assert set(card.indicators) == set(rubric.indicators)
        assert set(card.dimensions) == {d.id for d in rubric.dimensions}


# --- laws (hypothesis) ----------------------------------------------------------------------

_WEIGHT = st.floats(min_value=0.01, max_value=100, allow_nan=False, allow_infinity=False)


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, int | None]]:
    """A random rubric (as the dict it is built from) and random levels for it."""
    low = draw(st.integers(-3, 3))
    high = low + draw(st.integers(1, 6))
    dims: list[tuple[str, float, list[tuple[str, float]]]] = []
    n = 0
    for d in range(draw(st.integers(1, 4))):
        indicators = []
        for _ in range(draw(st.integers(1, 5))):
            indicators.append((f"i{n}", draw(_WEIGHT)))
            n += 1
        dims.append((f"d{d}", draw(_WEIGHT), indicators))
    chosen = {
        ind: draw(st.none() | st.integers(low, high)) for _, _, inds in dims for ind, _ in inds
    }
    return {"dims": dims, "low": low, "high": high}, chosen


def build(spec: dict[str, Any], ind_factor: float = 1.0, dim_factor: float = 1.0) -> Rubric:
    dims = [
        (d, w * dim_factor, [(i, iw * ind_factor) for i, iw in inds]) for d, w, inds in spec["dims"]
    ]
    return rubric_from(dims, spec["low"], spec["high"])


def oracle(spec: dict[str, Any], chosen: dict[str, int | None]) -> tuple[Any, Fraction]:
    """The rules again, in exact fractions: (overall or None, coverage)."""
    low, high = spec["low"], spec["high"]
    weighted = known = cover = total = Fraction(0)
    for _, dim_weight, inds in spec["dims"]:
        dw = Fraction(dim_weight)
        num = den = all_w = Fraction(0)
        for ind, weight in inds:
            w = Fraction(weight)
            all_w += w
            level = chosen.get(ind)
            if level is not None:
                num += w * Fraction(100 * (level - low), high - low)
                den += w
        total += dw
        cover += dw * den / all_w
        if den:
            weighted += dw * num / den
            known += dw
    return (weighted / known if known else None), cover / total


@settings(max_examples=300, deadline=None)
@given(cases())
def test_scores_follow_the_rules_exactly(
    case: tuple[dict[str, Any], dict[str, int | None]],
) -> None:
    spec, chosen = case
    overall, coverage, _ = aggregate(build(spec), chosen)
    expected_overall, expected_coverage = oracle(spec, chosen)
    if expected_overall is None:
        assert overall is None
    else:
        assert overall == pytest.approx(float(expected_overall), rel=1e-9, abs=1e-9)
    assert coverage == pytest.approx(float(expected_coverage), rel=1e-9, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_scores_stay_in_range(case: tuple[dict[str, Any], dict[str, int | None]]) -> None:
    spec, chosen = case
    rubric = build(spec)
    profile = profile_from(levels(**chosen))
    card = score(rubric, profile)
    for ind in card.indicators.values():
        assert ind.score is None or 0 <= ind.score <= 100
    for dim in card.dimensions.values():
        assert dim.score is None or 0 <= dim.score <= 100
        assert 0 <= dim.coverage <= 1
    assert card.overall is None or 0 <= card.overall <= 100
    assert 0 <= card.coverage <= 1
    assert (card.overall is None) == (card.stage is None)


@settings(max_examples=200, deadline=None)
@given(cases(), st.floats(min_value=0.001, max_value=1000), st.booleans())
def test_scaling_all_weights_changes_nothing(
    case: tuple[dict[str, Any], dict[str, int | None]], factor: float, indicators: bool
) -> None:
    spec, chosen = case
    before = aggregate(build(spec), chosen)
    scaled = build(spec, ind_factor=factor) if indicators else build(spec, dim_factor=factor)
    after = aggregate(scaled, chosen)
    if before[0] is None:
        assert after[0] is None
    else:
        assert after[0] == pytest.approx(before[0], rel=1e-9, abs=1e-9)
    assert after[1] == pytest.approx(before[1], rel=1e-9, abs=1e-12)
    for dim_id, dim in before[2].items():
        again = after[2][dim_id]
        assert (dim.score is None) == (again.score is None)
        if dim.score is not None:
            assert again.score == pytest.approx(dim.score, rel=1e-9, abs=1e-9)
        assert again.coverage == pytest.approx(dim.coverage, rel=1e-9, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_raising_one_level_never_lowers_a_score(
    case: tuple[dict[str, Any], dict[str, int | None]], data: st.DataObject
) -> None:
    spec, chosen = case
    rubric = build(spec)
    raisable = sorted(k for k, v in chosen.items() if v is not None and v < spec["high"])
    if not raisable:
        return
    target = data.draw(st.sampled_from(raisable))
    current = chosen[target]
    assert current is not None
    raised = dict(chosen, **{target: data.draw(st.integers(current + 1, spec["high"]))})
    before = score(rubric, profile_from(levels(**chosen)))
    after = score(rubric, profile_from(levels(**raised)))
    dim = rubric.dimension_of[target]
    assert after.indicators[target].score > before.indicators[target].score  # type: ignore[operator]
    assert after.dimensions[dim].score >= before.dimensions[dim].score  # type: ignore[operator]
    assert after.overall >= before.overall  # type: ignore[operator]
    assert after.coverage == before.coverage
    for other, d in before.dimensions.items():
        if other != dim:
            assert after.dimensions[other] == d


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_unknowns_are_excluded_and_counted_in_coverage(
    case: tuple[dict[str, Any], dict[str, int | None]], data: st.DataObject
) -> None:
    spec, chosen = case
    rubric = build(spec)
    target = data.draw(st.sampled_from(sorted(chosen)))
    known = dict(chosen, **{target: data.draw(st.integers(spec["low"], spec["high"]))})
    unknown = dict(chosen, **{target: None})
    with_it = aggregate(rubric, known)
    without = aggregate(rubric, unknown)
    # Making a level unknown lowers coverage by exactly its share of the weights.
    assert without[1] < with_it[1]
    # And leaves it out of the mean: the dimension scores as if the indicator were not there.
    dim = rubric.dimension_of[target]
    others = [
        (ind.weight, unknown[ind.id])
        for d in rubric.dimensions
        if d.id == dim
        for ind in d.indicators
        if unknown[ind.id] is not None
    ]
    if not others:
        assert without[2][dim].score is None
    else:
        span = spec["high"] - spec["low"]
        mean = sum(w * 100 * (lv - spec["low"]) / span for w, lv in others) / sum(
            w for w, _ in others
        )
        assert without[2][dim].score == pytest.approx(mean, rel=1e-9, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_provisional_follows_its_rule(
    case: tuple[dict[str, Any], dict[str, int | None]], data: st.DataObject
) -> None:
    """Law: provisional exactly when coverage is below the rubric's provisional_below, or when
    more than half of the known levels have no evidence; the reasons say which."""
    spec, chosen = case
    rubric = build(spec)
    evidenced = {k: data.draw(st.booleans()) for k, v in chosen.items() if v is not None}
    # Evidence in English, in Chinese only, or both: either language is evidence.
    written = st.sampled_from(
        [
            {"evidence": "seen"},
            {"evidence_zh": "见到批准文件"},
            {"evidence": "x", "evidence_zh": "见"},
        ]
    )
    entries = {
        k: {"level": v, "confidence": "low", **(data.draw(written) if evidenced.get(k) else {})}
        for k, v in chosen.items()
    }
    card = score(rubric, profile_from(entries))
    _, coverage = oracle(spec, chosen)
    opinions = sum(1 for seen in evidenced.values() if not seen)
    expected = ("coverage",) if coverage < Fraction(1, 2) else ()
    if opinions * 2 > len(evidenced):
        expected += ("opinions",)
    if abs(float(coverage) - 0.5) > 1e-6:  # not at the threshold, where floats may differ
        assert card.provisional == expected
    assert (card.known, card.opinions) == (len(evidenced), opinions)


def test_provisional_threshold_is_the_rubric_s(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    """Hangzhou knows 48% of the weight: provisional at the default 50%, not at 30%."""
    hangzhou = profiles["hangzhou"]
    assert score(rubric, hangzhou).provisional == ("coverage",)
    lenient = rubric.model_copy(update={"provisional_below": 0.3})
    assert score(lenient, hangzhou).provisional == ()
    assert score(rubric, profiles["j-city"]).provisional == ()  # 58%, every level evidenced


# --- not applicable (issue 15) --------------------------------------------------------------


def test_not_applicable_by_hand() -> None:
    # HAND with a2 n/a and c1 n/a (c then has no applicable indicator: the dimension is n/a):
    #   a = a1 alone = 100, coverage 1 / 1 = 1;  b = 50, coverage 2 / 4 = 0.5;  c n/a
    #   overall = (2 * 100 + 1 * 50) / 3 = 83.33...; coverage = (2 * 1 + 1 * 0.5) / 3 = 0.8333
    rubric = rubric_from(HAND)
    entries = levels(a1=4, b1=2, b2=None)
    entries["a2"] = {"applicable": False, "reason": "regional"}
    entries["c1"] = {"applicable": False, "reason": "regional"}
    card = score(rubric, profile_from(entries))
    assert card.dimensions["a"].score == 100.0
    assert card.dimensions["a"].coverage == 1.0
    assert card.dimensions["c"].applicable is False
    assert card.dimensions["c"].score is None
    assert card.overall == pytest.approx(250 / 3, abs=1e-12)
    assert card.coverage == pytest.approx(2.5 / 3, abs=1e-12)
    assert card.indicators["a2"].applicable is False
    assert card.indicators["a2"].level is None
    assert (card.known, card.not_applicable, card.applicable) == (2, 2, 3)


def _na_oracle(
    spec: dict[str, Any], chosen: dict[str, int | None], na: set[str]
) -> tuple[Any, Fraction]:
    """The rules with n/a, in exact fractions: an n/a indicator is dropped from the rubric,
    a dimension left with no indicator is dropped too."""
    dims = []
    for d, w, inds in spec["dims"]:
        kept = [(i, iw) for i, iw in inds if i not in na]
        if kept:
            dims.append((d, w, kept))
    if not dims:
        return None, Fraction(0)
    return oracle({**spec, "dims": dims}, chosen)


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_not_applicable_follows_the_rules_exactly(
    case: tuple[dict[str, Any], dict[str, int | None]], data: st.DataObject
) -> None:
    spec, chosen = case
    na = set(data.draw(st.lists(st.sampled_from(sorted(chosen)), unique=True)))
    overall, coverage, dims = aggregate(build(spec), chosen, na)
    expected_overall, expected_coverage = _na_oracle(spec, chosen, na)
    if expected_overall is None:
        assert overall is None
    else:
        assert overall == pytest.approx(float(expected_overall), rel=1e-9, abs=1e-9)
    assert coverage == pytest.approx(float(expected_coverage), rel=1e-9, abs=1e-12)
    for d, _, inds in spec["dims"]:
        assert dims[d].applicable == any(i not in na for i, _ in inds)


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_marking_an_unknown_n_a_never_changes_a_score_and_never_lowers_coverage(
    case: tuple[dict[str, Any], dict[str, int | None]], data: st.DataObject
) -> None:
    spec, chosen = case
    rubric = build(spec)
    target = data.draw(st.sampled_from(sorted(chosen)))
    unknown = dict(chosen, **{target: None})
    entries: dict[str, dict[str, Any]] = levels(**unknown)
    as_unknown = score(rubric, profile_from(entries))
    entries[target] = {"applicable": False, "reason": "does not apply"}
    as_na = score(rubric, profile_from(entries))
    assert as_na.overall == as_unknown.overall
    for d, dim in as_unknown.dimensions.items():
        assert as_na.dimensions[d].score == dim.score
    assert as_na.coverage >= as_unknown.coverage - 1e-12
    assert as_na.known == as_unknown.known
    assert as_na.not_applicable == as_unknown.not_applicable + 1


@settings(max_examples=300, deadline=None)
@given(cases(), st.data())
def test_adding_an_n_a_indicator_to_the_rubric_changes_nothing(
    case: tuple[dict[str, Any], dict[str, int | None]], data: st.DataObject
) -> None:
    spec, chosen = case
    d = data.draw(st.integers(0, len(spec["dims"]) - 1))
    dim_id, dim_w, inds = spec["dims"][d]
    grown = {**spec, "dims": [*spec["dims"]]}
    grown["dims"][d] = (dim_id, dim_w, [*inds, ("extra", data.draw(_WEIGHT))])
    before = aggregate(build(spec), chosen)
    after = aggregate(build(grown), chosen, {"extra"})
    assert after[0] == before[0]
    assert after[1] == pytest.approx(before[1], rel=1e-12, abs=1e-12)
    for key, dim in before[2].items():
        assert after[2][key].score == dim.score
        assert after[2][key].coverage == pytest.approx(dim.coverage, rel=1e-12, abs=1e-12)


def test_a_cards_levels_are_the_profiles(rubric: Rubric, profiles: dict[str, Profile]) -> None:
    for profile in profiles.values():
        assert score(rubric, profile).levels == levels_of(rubric, profile), profile.id
