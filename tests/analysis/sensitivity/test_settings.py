"""analysis.sensitivity.settings: how far drawn weights stray, as reports say it."""

from __future__ import annotations

import math

import pytest

from policebench.analysis.sensitivity.settings import weight_spread
from policebench.models import Rubric
from tests.analysis.sensitivity.test_run import rubric


def test_weight_spread_is_the_dirichlet_standard_deviation_relative_to_the_weight() -> None:
    # One dimension of weights 3 and 1, concentration 15: means 0.75 and 0.25, variance
    # m(1 - m) / 16, so relative standard deviations sqrt(0.25 / 12) and sqrt(0.75 / 4).
    r = rubric(weights=[3.0, 1.0], concentration=15.0)
    spread = weight_spread(r)
    assert spread["dimensions"] is None  # one dimension: its weight is not drawn
    assert spread["indicators"] == pytest.approx((math.sqrt(0.25 / 12), math.sqrt(0.75 / 4)))
    np = pytest.importorskip("numpy")
    drawn = np.random.default_rng(0).dirichlet([15 * 0.75, 15 * 0.25], size=200_000)
    measured = drawn.std(axis=0) / drawn.mean(axis=0)
    assert sorted(measured) == pytest.approx(spread["indicators"], rel=0.01)
    assert weight_spread(rubric(weights=[3.0, 1.0])) == {"dimensions": None, "indicators": None}


def test_weight_spread_of_the_bundled_rubric(rubric: Rubric) -> None:
    # Five equal dimensions, concentration 50: sqrt(0.8 / (0.2 * 51)) = 0.28 each.
    spread = weight_spread(rubric)
    assert spread["dimensions"] == pytest.approx((0.28006, 0.28006), abs=1e-5)
    low, high = spread["indicators"] or (0.0, 0.0)
    assert 0 < low < high < 1
