"""analysis.sensitivity.tables: groups, table entries, and exactness with the rubric's weights."""

from __future__ import annotations

import math
from typing import Any

from policebench.analysis.sensitivity import run
from policebench.analysis.sensitivity.draws import draw, prepare
from policebench.analysis.sensitivity.tables import WHOLE, build
from policebench.models import Profile, Rubric, Uncertainty
from policebench.scoring import score
from tests.analysis.sensitivity.test_run import OFF, place, rubric


def _tables(r: Rubric, settings: dict[str, Any], *places: Profile) -> Any:
    uncertainty = Uncertainty.model_validate(settings)
    model = prepare(r, [score(r, p) for p in places], uncertainty)
    return model, build(model, draw(model, uncertainty, 6, 0, 0).take(range(6)))


def test_rubric_weights_look_a_whole_dimension_up_at_once() -> None:
    _, tables = _tables(rubric(3), OFF, place("x", a=(1, "low")))
    assert not tables.per_sample
    (group,) = tables.groups[0]
    assert group.cols == (0, 1, 2)
    assert group.powers == (36, 6, 1) and group.size == 6**3
    # Digits: a level's offset from the scale's minimum; 5 = left out. A whole dimension's
    # table holds its mean as scoring.aggregate takes it.
    arithmetic = tables.values[0][0][0]
    assert arithmetic[4 * 36 + 0 * 6 + 5] == (100.0 * 1 + 0.0 * 1) / (1 + 1)
    assert math.isnan(arithmetic[5 * 36 + 5 * 6 + 5])  # nothing known
    geometric = tables.values[1][0][0]
    assert geometric[2 * 36 + 2 * 6 + 2] == math.log(50 + 25.0)  # equal levels: exactly


def test_a_whole_dimensions_mean_stays_within_its_values_as_scoring_keeps_it() -> None:
    # Weights whose sum of weight x 100 divided by their sum is not 100 in floats.
    weighted = rubric(3)
    weights = [33.22, 5.49, 8.27]
    assert (33.22 * 100 + 5.49 * 100 + 8.27 * 100) / (33.22 + 5.49 + 8.27) != 100.0
    dims = weighted.model_dump()["dimensions"]
    for ind, w in zip(dims[0]["indicators"], weights, strict=True):
        ind["weight"] = w
    weighted = Rubric.model_validate({**weighted.model_dump(), "dimensions": dims})
    x = place("x", a=(4, "high"), b=(4, "high"), c=(4, "high"))
    band = run(weighted, [x], samples=20, seed=1).place("x")
    assert band.overall is not None and band.overall.max == 100.0 == score(weighted, x).overall


def test_a_dimension_too_large_for_one_table_is_looked_up_an_indicator_at_a_time() -> None:
    eight = rubric(8)  # 6^8 patterns > WHOLE
    assert WHOLE < 6**8
    _, tables = _tables(eight, OFF, place("x", a=(1, "low")))
    assert [g.cols for g in tables.groups[0]] == [(i,) for i in range(8)]


def test_drawn_weights_give_per_sample_tables_of_pairs() -> None:
    model, tables = _tables(rubric(5), {**OFF, "concentration": 20.0}, place("x", a=(1, "low")))
    assert tables.per_sample
    assert [g.cols for g in tables.groups[0]] == [(0, 1), (2, 3), (4,)]
    pair = tables.values[0][0][0].reshape(6, 36)
    samples = draw(model, Uncertainty.model_validate({**OFF, "concentration": 20.0}), 6, 0, 0)
    w = samples.take(range(6)).w_ind
    for s in range(6):
        # pattern 3*6 + 1: a at level 3 (75 points), b at level 1 (25 points)
        assert pair[s, 3 * 6 + 1] == w[0, s] * 75.0 + w[1, s] * 25.0


def test_everything_off_is_exact_for_a_dimension_looked_up_term_by_term() -> None:
    # Eight indicators: the tables hold one indicator each; the sum is still the rubric's.
    eight = rubric(8)
    levels = dict(zip("abcdefgh", [0, 1, 2, 3, 4, 3, None, 1], strict=True))
    x = place("x", **{k: (v, "low") for k, v in levels.items()})
    settings = Uncertainty.model_validate(OFF)
    band = run(eight, [x], samples=50, seed=1, settings=settings).place("x").overall
    point = score(eight, x).overall
    assert band is not None and point is not None
    assert band.min == band.max == band.median == point
