"""analysis.sensitivity (the API, run): hand-checked small cases, exactness, reproducibility,
properties.

The small cases use one dimension of two indicators a and b (weight 1 each, scale 0..4, so
a level is worth 25 points) and two places x and y, and switch on one source at a time, so
every possible sample can be listed by hand. Band ends are percentiles of a finite sample:
where they are compared with a hand-worked value the tolerance says why.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policebench.analysis.sensitivity import SHIFT_RESOLUTION, run
from policebench.analysis.sensitivity.settings import SOURCES
from policebench.errors import UserError
from policebench.models import Profile, Rubric, Uncertainty
from policebench.scoring import rank, score
from policebench.validation.uncertainty import uncertainty_issues

#: Every source switched off: the rubric's weights, arithmetic mean, no moves, unknowns out.
OFF: dict[str, Any] = {
    "concentration": None,
    "aggregations": ["arithmetic"],
    "impute_unknown": False,
    "low_shift": 0.0,
    "medium_shift": 0.0,
}
#: The geometric mean of 0 and 100 points: sqrt((0 + 25) * (100 + 25)) - 25.
GEO_0_100 = math.sqrt(25 * 125) - 25
#: Band ends come from scores rounded to 1/655.35 point before sorting.
KEY = 1 / 655.35


def rubric(indicators: int = 2, weights: list[float] | None = None, **uncertainty: Any) -> Rubric:
    levels = {n: f"level {n}" for n in range(5)}
    names = "abcdefgh"[:indicators]
    weight = dict(zip(names, weights or [1.0] * indicators, strict=True))
    return Rubric.model_validate(
        {
            "id": "tiny",
            "version": "1",
            "name": "Tiny",
            "scale": {"min": 0, "max": 4, "levels": levels},
            "default_target": 3,
            "stages": [{"min": 0, "name": "Low"}],
            "dimensions": [
                {
                    "id": "d",
                    "name": "D",
                    "indicators": [
                        {"id": n, "name": n, "weight": weight[n], "levels": levels} for n in names
                    ],
                }
            ],
            "uncertainty": {**OFF, **uncertainty},
        }
    )


def place(pid: str, **entries: tuple[int | None, str]) -> Profile:
    """``place("x", a=(2, "low"))``: level and confidence per indicator (None = unknown)."""
    return Profile.model_validate(
        {
            "id": pid,
            "name": pid.upper(),
            "rubric": "tiny",
            "assessed": dt.date(2025, 1, 1),
            "indicators": {
                k: {"level": level} if level is None else {"level": level, "confidence": conf}
                for k, (level, conf) in entries.items()
            },
        }
    )


# --- every source off ----------------------------------------------------------------------


def test_everything_off_collapses_to_the_point_score_exactly(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    settings = Uncertainty.model_validate(OFF)
    result = run(rubric, list(profiles.values()), samples=200, seed=3, settings=settings)
    assert result.sources == ()
    cards = {c.city_id: c for c in map(lambda p: score(rubric, p), profiles.values())}
    for place_result in result.places:
        card = cards[place_result.id]
        band = place_result.overall
        assert band is not None
        # Exactly, not approximately: each sample sums in scoring.aggregate's order.
        assert band.point == card.overall
        assert band.p5 == band.median == band.p95 == band.min == band.max == card.overall
        for dim_id, dim_band in place_result.dimensions.items():
            expected = card.dimensions[dim_id].score
            if expected is None:
                assert dim_band is None
            else:
                assert dim_band is not None
                assert dim_band.min == dim_band.max == dim_band.median == expected
        assert place_result.rank.probabilities == {place_result.rank.point: 1.0}
        assert place_result.index == {s: None for s in SOURCES}
    ranked = [c.city_id for c in rank(list(cards.values()))]
    assert [p.id for p in result.places] == ranked
    assert [p.rank.point for p in result.places] == list(range(1, len(ranked) + 1))


# --- one source at a time, by hand ---------------------------------------------------------


def test_aggregation_alone() -> None:
    # x: a=0, b=4 -> arithmetic 50, geometric 30.90; y: a=2, b=2 -> 50 either way.
    # Arithmetic: x and y tie at 50 and ties go by id, so x is first; geometric: y is.
    r = rubric(aggregations=["arithmetic", "geometric"])
    x = place("x", a=(0, "high"), b=(4, "high"))
    y = place("y", a=(2, "high"), b=(2, "high"))
    result = run(r, [y, x], samples=4000, seed=1)
    assert result.sources == ("aggregation",)
    bx, by = result.place("x").overall, result.place("y").overall
    assert bx is not None and by is not None
    assert bx.point == 50.0
    assert bx.max == 50.0
    assert bx.min == pytest.approx(GEO_0_100, abs=1e-9)
    assert bx.p5 == pytest.approx(GEO_0_100, abs=KEY)
    assert bx.p95 == 50.0
    # exp(log(75)) - 25 is 50 only up to rounding, in the geometric samples
    assert by.min == pytest.approx(50.0, abs=1e-9) and by.max == 50.0
    # P(x first) = P(arithmetic) = 1/2; 4000 samples: sd 0.008, so 0.03 is ~4 sd.
    px = result.place("x").rank
    assert px.probability(1) == pytest.approx(0.5, abs=0.03)
    assert px.probability(1) + px.probability(2) == 1.0
    assert result.place("y").rank.probability(1) == px.probability(2)
    # One source: it explains all of x's variance (the paired samples are identical);
    # y does not vary at all.
    assert result.place("x").index["aggregation"] == pytest.approx(1.0)
    assert result.place("y").index["aggregation"] is None
    assert result.index["aggregation"] == pytest.approx(1.0)
    assert result.index["weights"] is None


@pytest.mark.parametrize(
    ("conf", "moves", "p_first"),
    [
        # low: down, stay, up each about 1/3; x is first unless it moved down.
        ("low", 2 / 3, 2 / 3),
        # medium: moves 1/3 of the time, half of that down.
        ("medium", 1 / 3, 5 / 6),
    ],
)
def test_confidence_alone(conf: str, moves: float, p_first: float) -> None:
    # x: a=2 (unsure), b=2 -> 37.5, 50 or 62.5; y: 50 always; a tie puts x (id) first.
    r = rubric(low_shift=2 / 3, medium_shift=1 / 3)
    x = place("x", a=(2, conf), b=(2, "high"))
    y = place("y", a=(2, "high"), b=(2, "high"))
    result = run(r, [x, y], samples=6000, seed=2)
    assert result.sources == ("confidence",)
    band = result.place("x").overall
    assert band is not None
    assert (band.min, band.max) == (37.5, 62.5)
    assert band.median == pytest.approx(50.0, abs=KEY)
    assert band.p5 == pytest.approx(37.5, abs=KEY)
    assert band.p95 == pytest.approx(62.5, abs=KEY)
    # The probabilities are applied as whole counts out of 256.
    moved = round(moves * SHIFT_RESOLUTION) / SHIFT_RESOLUTION
    down = (round(moves * SHIFT_RESOLUTION) // 2) / SHIFT_RESOLUTION
    assert 1 - down == pytest.approx(p_first, abs=1 / SHIFT_RESOLUTION)
    assert result.place("x").rank.probability(1) == pytest.approx(1 - down, abs=0.025)
    assert moved == pytest.approx(moves, abs=1 / SHIFT_RESOLUTION)
    assert result.place("y").overall is not None
    assert result.place("y").overall.min == result.place("y").overall.max == 50.0


def test_a_move_off_the_scale_stays_put() -> None:
    # a=4 (low) can only go down: 87.5 with P 1/3, else 100; high confidence b never moves.
    r = rubric(low_shift=2 / 3, medium_shift=1 / 3)
    result = run(r, [place("x", a=(4, "low"), b=(4, "high"))], samples=3000, seed=4)
    band = result.place("x").overall
    assert band is not None
    assert (band.min, band.max, band.median, band.p95) == (87.5, 100.0, 100.0, 100.0)
    assert band.p5 == pytest.approx(87.5, abs=KEY)


def test_unknowns_imputed() -> None:
    # x: a=4, b unknown -> left out 100, at 0: 50, at 4: 100. y: nothing known -> no score,
    # 0 or 100, always after x in the samples (a tie at 100 goes to x); with no score of its
    # own it has no rank, as in `score`.
    r = rubric(impute_unknown=True)
    x = place("x", a=(4, "high"), b=(None, ""))
    y = place("y", a=(None, ""), b=(None, ""))
    result = run(r, [x, y], samples=3000, seed=5)
    assert result.sources == ("unknowns",)
    bx = result.place("x").overall
    assert bx is not None
    assert (bx.point, bx.min, bx.max, bx.median) == (100.0, 50.0, 100.0, 100.0)
    by = result.place("y").overall
    assert by is not None
    assert by.point is None
    assert (by.min, by.max) == (0.0, 100.0)
    assert by.share == pytest.approx(2 / 3, abs=0.03)
    assert result.place("y").rank is None
    x_rank = result.place("x").rank
    assert x_rank is not None and x_rank.point == 1 and x_rank.probabilities == {1: 1.0}
    assert result.sample_ranks == 2  # both take a rank in the samples: the columns run to 2


def test_unknowns_imputed_between_the_rubrics_bounds() -> None:
    r = rubric(impute_unknown=True, impute_min=1, impute_max=3)
    result = run(r, [place("x", a=(4, "high"), b=(None, ""))], samples=2000, seed=6)
    band = result.place("x").overall
    assert band is not None
    assert (band.min, band.max) == (62.5, 100.0)  # b at 1: (100 + 25) / 2; left out: 100


def test_dirichlet_weights_with_concentration_two_are_uniform() -> None:
    # Two equal weights, concentration 2: w_b ~ Dirichlet(1, 1) = uniform on 0..1, so x
    # (a=0, b=4) scores 100 * w_b, uniform on 0..100. With 8000 samples a percentile's sd
    # is about 0.25 points (0.5 at the median), so 1.5 points is a safe margin.
    r = rubric(concentration=2.0)
    result = run(r, [place("x", a=(0, "high"), b=(4, "high"))], samples=8000, seed=7)
    assert result.sources == ("weights",)
    band = result.place("x").overall
    assert band is not None
    assert band.p5 == pytest.approx(5.0, abs=1.5)
    assert band.median == pytest.approx(50.0, abs=1.5)
    assert band.p95 == pytest.approx(95.0, abs=1.5)


def test_a_zero_lowers_the_geometric_mean_without_zeroing_it() -> None:
    r = rubric(aggregations=["geometric"])
    x = place("x", a=(0, "high"), b=(4, "high"))
    zero = place("z", a=(0, "high"), b=(0, "high"))
    result = run(r, [x, zero], samples=50, seed=8)
    bx, bz = result.place("x").overall, result.place("z").overall
    assert bx is not None and bz is not None
    assert bx.min == pytest.approx(GEO_0_100, abs=1e-9)
    assert bx.max == pytest.approx(GEO_0_100, abs=1e-9)
    assert bz.min == bz.max == 0.0
    # The point score is the arithmetic one: with only the geometric mean drawn, the point
    # lies outside every sample. The choices must include the default for it to be inside.
    assert bx.point == 50.0 > bx.max


def test_index_with_two_sources_matches_the_enumeration() -> None:
    # x: a=2 (low), b=2; arithmetic or geometric. Six equally likely worlds (about 1/3 per
    # level of a times 1/2 per aggregation); the first-order indices follow from them.
    r = rubric(aggregations=["arithmetic", "geometric"], low_shift=2 / 3, medium_shift=0.0)
    x = place("x", a=(2, "low"), b=(2, "high"))
    result = run(r, [x], samples=6000, seed=9, index_samples=6000)
    worlds = {}
    for level in (1, 2, 3):
        s = 25.0 * level
        worlds[(level, "arithmetic")] = (s + 50) / 2
        worlds[(level, "geometric")] = math.sqrt((s + 25) * 75) - 25
    mean = sum(worlds.values()) / 6
    var = sum((v - mean) ** 2 for v in worlds.values()) / 6
    by_agg = [sum(worlds[(k, g)] for k in (1, 2, 3)) / 3 for g in ("arithmetic", "geometric")]
    by_level = [sum(worlds[(k, g)] for g in ("arithmetic", "geometric")) / 2 for k in (1, 2, 3)]
    s_agg = sum((m - mean) ** 2 for m in by_agg) / 2 / var
    s_conf = sum((m - mean) ** 2 for m in by_level) / 3 / var
    assert s_conf > 0.95 > 0.05 > s_agg  # the worked example is lopsided, on purpose
    index = result.place("x").index
    # Janon's estimator with 6000 pairs: standard error about 1/sqrt(6000) = 0.013.
    assert index["confidence"] == pytest.approx(s_conf, abs=0.05)
    assert index["aggregation"] == pytest.approx(s_agg, abs=0.05)
    assert index["weights"] is None and index["unknowns"] is None


# --- reproducibility -------------------------------------------------------------------------


def test_same_seed_same_result_and_threads_change_nothing(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    places = list(profiles.values())
    one = run(rubric, places, samples=1500, seed=11, workers=1)
    two = run(rubric, places, samples=1500, seed=11, workers=2)
    assert one == two
    other = run(rubric, places, samples=1500, seed=12, workers=1)
    assert other != one


def test_a_places_bands_do_not_depend_on_the_other_places(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    alone = run(rubric, [profiles["j-city"]], samples=1500, seed=13)
    together = run(rubric, list(profiles.values()), samples=1500, seed=13)
    a, b = alone.place("j-city"), together.place("j-city")
    assert a.overall == b.overall
    assert a.dimensions == b.dimensions
    assert a.index == b.index
    assert a.rank.probabilities == {1: 1.0}


def test_defaults_vary_weights_aggregation_and_confidence(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    result = run(rubric, list(profiles.values()), samples=2000, seed=0)
    assert result.sources == ("weights", "aggregation", "confidence")
    assert result.index_samples == 1000
    for p in result.places:
        assert sum(p.rank.probabilities.values()) == pytest.approx(1.0)
        assert p.rank.min <= p.rank.median <= p.rank.max
        assert p.rank.min <= p.rank.point <= p.rank.max


# --- properties ----------------------------------------------------------------------------

LEVELS = st.one_of(st.none(), st.integers(0, 4))
CONFIDENCES = st.sampled_from(["high", "medium", "low"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(st.tuples(LEVELS, CONFIDENCES), min_size=3, max_size=3),
    weights=st.lists(
        st.floats(0.01, 50).map(lambda w: round(w, 2)).filter(lambda w: w > 0),
        min_size=3,
        max_size=3,
    ),
    geometric=st.booleans(),
    impute=st.booleans(),
    low=st.sampled_from([0.0, 1 / 3, 2 / 3]),
    medium_share=st.sampled_from([0.0, 0.5, 1.0]),
    seed=st.integers(0, 2**32),
)
def test_point_lies_within_the_samples_when_the_default_world_can_be_drawn(
    entries: list[tuple[int | None, str]],
    weights: list[float],
    geometric: bool,
    impute: bool,
    low: float,
    medium_share: float,
    seed: int,
) -> None:
    """What holds, and what does not.

    The point score need not lie inside the 5-95% band (see the next test). What holds: when
    the default world -- rubric weights, arithmetic mean, no level moved, unknowns left out
    -- has a positive probability and there are enough samples to draw it, one sample *is*
    the point score, bit for bit, so min <= point <= max. Here that world has probability at
    least 1/2 * (85/256)**3 * 1/3, about 1/165, and 3000 samples miss it with probability
    about e**-18. The indicator weights are drawn too: with weights such as 33.22, 5.49 and
    8.27 a mean of equal levels is not that level in floats, and scoring.aggregate keeps a
    mean within its values, so must the samples.
    (With Dirichlet weights the default weights have probability 0, so no such guarantee.)
    """
    r = rubric(
        indicators=3,
        weights=weights,
        aggregations=["arithmetic", "geometric"] if geometric else ["arithmetic"],
        impute_unknown=impute,
        low_shift=low,
        medium_shift=low * medium_share,
    )
    x = place("x", **{k: e for k, e in zip("abc", entries, strict=True)})
    result = run(r, [x], samples=3000, seed=seed, index_samples=200)
    band = result.place("x").overall
    point = score(r, x).overall
    if band is None:
        assert point is None
        return
    assert band.min <= band.p5 <= band.median <= band.p95 <= band.max
    assert band.min >= 0.0 and band.max <= 100.0
    if point is not None:
        assert band.point == point
        assert band.min <= point <= band.max


def test_point_can_lie_outside_the_5_95_band(rubric: Rubric) -> None:
    # Every level at the top with low confidence: levels can only fall, and all 21 stay put
    # with probability (2/3)**21 = 0.0002, so 95% of the samples are below the point score.
    top = Profile.model_validate(
        {
            "id": "top",
            "name": "Top",
            "rubric": rubric.id,
            "assessed": dt.date(2025, 1, 1),
            "indicators": {
                i: (
                    {"value": 1e9, "confidence": "low"}
                    if ind.kind == "metric"
                    else {"level": 4, "confidence": "low"}
                )
                for i, ind in rubric.indicators.items()
            },
        }
    )
    settings_ = rubric.uncertainty.model_copy(update={"aggregations": ["arithmetic"]})
    result = run(rubric, [top], samples=2000, seed=14, settings=settings_)
    band = result.place("top").overall
    assert band is not None
    assert band.point == 100.0
    assert band.p95 < band.point
    assert band.max <= band.point


# --- settings run refuses -------------------------------------------------------------------


def test_impute_bounds_in_the_wrong_order() -> None:
    r = rubric(impute_unknown=True, impute_min=3, impute_max=1)
    assert [m for _, m, _ in uncertainty_issues(r)] == ["impute_min (3) is above impute_max (1)"]
    with pytest.raises(UserError, match="impute_min"):
        run(r, [place("x", a=(1, "low"))], samples=10)


def test_a_run_too_large_for_memory_is_refused_before_it_starts(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    with pytest.raises(UserError, match="GiB of memory"):
        run(rubric, list(profiles.values()), samples=200_000_000)


def test_a_not_applicable_level_is_never_imputed() -> None:
    # x: a=4, b n/a. Imputing unknowns has nothing to impute: every sample is the point 100
    # (were b imputed, the lowest would give 50).
    r = rubric(impute_unknown=True)
    x = Profile.model_validate(
        {
            "id": "x",
            "name": "X",
            "rubric": "tiny",
            "assessed": dt.date(2025, 1, 1),
            "indicators": {
                "a": {"level": 4, "confidence": "high"},
                "b": {"applicable": False, "reason": "not here"},
            },
        }
    )
    y = place("y", a=(2, "high"), b=(None, ""))
    result = run(r, [x, y], samples=2000, seed=5)
    bx = result.place("x").overall
    assert bx is not None
    assert (bx.point, bx.min, bx.max) == (100.0, 100.0, 100.0)
    by = result.place("y").overall
    assert by is not None
    assert (by.point, by.min, by.max) == (50.0, 25.0, 75.0)  # b imputed 0 or 4, or left out
