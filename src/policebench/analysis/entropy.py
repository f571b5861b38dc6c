"""The entropy-weight method: weights from how much the places' levels differ, as a
data-driven comparison with the rubric's (expert) weights (docs/weights.md).

For each indicator j with a known level in at least two places (m_j of them):

* x_ij = (level - scale.min) / (scale.max - scale.min), the indicator score on 0..1 (the
  levels are on one scale already, so no per-column rescaling);
* p_ij = x_ij / sum_i x_ij; e_j = -(1 / ln m_j) * sum_i p_ij ln p_ij (0 ln 0 = 0); an
  indicator where every known level is the scale's minimum has e_j = 1;
* d_j = 1 - e_j (how much the indicator tells the places apart); w_j = d_j / sum d.

Indicators known in fewer than two places are left out (listed). The rubric's share of the
overall score of each indicator (dimension weight x indicator weight, each normalised) is
scaled to the same indicators, and the two are compared: the largest differences first.
Pure: levels in, weights out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from policebench.analysis.ahp import rubric_weights
from policebench.models import Rubric


@dataclass(frozen=True)
class Difference:
    """One indicator's entropy weight against the rubric's."""

    indicator: str
    entropy: float
    rubric: float

    @property
    def difference(self) -> float:
        return self.entropy - self.rubric


@dataclass(frozen=True)
class EntropyWeights:
    """Entropy weights of the indicators known in at least two places."""

    places: tuple[str, ...]
    #: Indicator id -> e_j, d_j, w_j, m_j.
    entropy: dict[str, float]
    weights: dict[str, float]
    known: dict[str, int]
    #: Indicator id -> places with a known level, for those left out (fewer than two).
    left_out: dict[str, int]
    #: The rubric's shares of the same indicators, scaled to sum to 1.
    rubric_weights: dict[str, float]
    #: Every weighed indicator, the largest |entropy - rubric| first.
    differences: tuple[Difference, ...]
    #: Dimension id -> the sum of its indicators' entropy weights (0 when none is weighed).
    dimension_weights: dict[str, float]
    #: Dimension id -> indicator id -> share within the dimension's entropy weight.
    indicator_weights: dict[str, dict[str, float]]


def entropy_weights(
    rubric: Rubric, levels: Mapping[str, Mapping[str, int | None]]
) -> EntropyWeights:
    """Entropy weights from ``levels`` (place id -> indicator id -> level or None)."""
    span = rubric.scale.max - rubric.scale.min
    entropy: dict[str, float] = {}
    known: dict[str, int] = {}
    left_out: dict[str, int] = {}
    for indicator in rubric.indicators:
        xs = [
            (level - rubric.scale.min) / span
            for place in levels.values()
            if (level := place.get(indicator)) is not None
        ]
        if len(xs) < 2:
            left_out[indicator] = len(xs)
            continue
        known[indicator] = len(xs)
        total = sum(xs)
        if total == 0:
            entropy[indicator] = 1.0
            continue
        h = -sum(p * math.log(p) for x in xs if (p := x / total) > 0)
        entropy[indicator] = h / math.log(len(xs))
    divergence = {i: max(0.0, 1 - e) for i, e in entropy.items()}
    spread = sum(divergence.values())
    weights = {i: (d / spread if spread else 1 / len(divergence)) for i, d in divergence.items()}
    dims, inds = rubric_weights(rubric)
    share = {i: dims[d] * inds[d][i] for d in inds for i in inds[d] if i in weights}
    scale = sum(share.values())
    base = {i: s / scale for i, s in share.items()} if scale else {}
    differences = sorted(
        (Difference(i, weights[i], base[i]) for i in weights),
        key=lambda x: (-abs(x.difference), x.indicator),
    )
    dim_weights: dict[str, float] = {}
    ind_weights: dict[str, dict[str, float]] = {}
    for dimension in rubric.dimensions:
        inside = {i.id: weights.get(i.id, 0.0) for i in dimension.indicators}
        total = sum(inside.values())
        dim_weights[dimension.id] = total
        ind_weights[dimension.id] = {i: (x / total if total else 0.0) for i, x in inside.items()}
    return EntropyWeights(
        tuple(levels),
        entropy,
        weights,
        known,
        left_out,
        base,
        tuple(differences),
        dim_weights,
        ind_weights,
    )


#: In a weight set made from entropy weights, an item the method gives no weight (no spread,
#: or known in fewer than two places) keeps this share of its group's mean weight: weights
#: must be positive, and an indicator without data is not thereby unimportant.
FLOOR = 0.01


def entropy_rubric(rubric: Rubric, result: EntropyWeights) -> Rubric:
    """``rubric`` with the entropy weights (dimension = the sum of its indicators'), each
    zero raised to :data:`FLOOR` of its group's mean: a weight set for ``sensitivity``."""

    def floored(values: list[float]) -> list[float]:
        mean = sum(values) / len(values) if any(values) else 1.0
        return [max(v, FLOOR * mean) for v in values]

    dims = floored([result.dimension_weights[d.id] for d in rubric.dimensions])
    data = rubric.model_dump()
    for dimension, weight, d in zip(data["dimensions"], dims, rubric.dimensions, strict=True):
        dimension["weight"] = weight
        shares = floored([result.indicator_weights[d.id][i.id] for i in d.indicators])
        for indicator, share in zip(dimension["indicators"], shares, strict=True):
            indicator["weight"] = share
    return Rubric.model_validate(data)
