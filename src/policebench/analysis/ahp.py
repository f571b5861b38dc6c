"""The Analytic Hierarchy Process: priorities from pairwise comparisons, their consistency,
and a panel's weights (docs/weights.md).

* **priorities** = the principal right eigenvector of the reciprocal comparison matrix,
  scaled to sum to 1 (Saaty 1980); **lambda_max** its eigenvalue.
* **consistency**: CI = (lambda_max - n) / (n - 1), CR = CI / RI(n) with Saaty's random
  index :data:`RANDOM_INDEX`; CR <= 0.1 is acceptable (:data:`CR_LIMIT`). Two items are
  always consistent (CR 0).
* **the comparisons that cause an inconsistency**: for each judgement a_ij, the factor by
  which it departs from what the priorities imply, e_ij = a_ij * w_j / w_i (1 = in line);
  the largest max(e, 1/e) first, with the value w_i / w_j the other judgements imply.
* **a panel** is aggregated by the geometric mean of the judgements (AIJ: Aczél and Saaty
  1983; Forman and Peniwati 1998): the bureau's panel acts as one unit reaching one set of
  weights, the geometric mean is the one mean that keeps the matrix reciprocal (the mean of
  a_ij is 1 / the mean of a_ji), and the panel matrix gets a consistency ratio of its own.

Pure: numbers in, numbers out; numpy is imported by the functions that need it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from policebench.models import Rubric
from policebench.models.weights import Judged, Matrix

#: Saaty's random consistency index by matrix size (T. L. Saaty, The Analytic Hierarchy
#: Process, McGraw-Hill 1980, table 1.7); beyond 10 items no CR is given.
RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
#: A consistency ratio above this asks the expert to revise (Saaty's 10%).
CR_LIMIT = 0.1
#: The values of Saaty's scale, for the judgement the rest imply, rounded to the scale.
SCALE = (1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9)


@dataclass(frozen=True)
class Inconsistency:
    """A judgement that departs from what the other judgements imply."""

    row: str
    column: str
    given: float
    implied: float
    #: max(e, 1/e) with e = given / implied: how many times too large or too small.
    factor: float
    #: ``implied`` rounded to Saaty's scale: a judgement to consider instead.
    suggested: float


@dataclass(frozen=True)
class Priorities:
    """The priorities of one comparison matrix and its consistency."""

    items: tuple[str, ...]
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    #: None beyond 10 items (no random index).
    cr: float | None
    #: When cr > CR_LIMIT: the judgements most at odds with the priorities, worst first.
    inconsistencies: tuple[Inconsistency, ...] = ()

    @property
    def by_item(self) -> dict[str, float]:
        return dict(zip(self.items, self.weights, strict=True))

    @property
    def consistent(self) -> bool:
        return self.cr is None or self.cr <= CR_LIMIT


def priorities(matrix: Matrix, top: int = 3) -> Priorities:
    """The principal-eigenvector priorities of ``matrix``, with CI and CR (see the module)."""
    import numpy as np

    n = len(matrix.items)
    if n == 1:
        return Priorities(matrix.items, (1.0,), 1.0, 0.0, 0.0)
    a = np.array(matrix.values, dtype=float)
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    weights = vector / vector.sum()
    lam = float(values[k].real)
    ci = max(0.0, (lam - n) / (n - 1))
    index = RANDOM_INDEX.get(n)
    cr: float | None = None if index is None else (ci / index if index else 0.0)
    found = Priorities(matrix.items, tuple(float(w) for w in weights), lam, ci, cr)
    if found.consistent:
        return found
    return Priorities(
        found.items, found.weights, lam, ci, cr, tuple(inconsistencies(matrix, found)[:top])
    )


def inconsistencies(matrix: Matrix, found: Priorities) -> list[Inconsistency]:
    """Every upper-triangle judgement with how far it departs from ``found``, worst first."""
    w = found.weights
    listed = []
    n = len(matrix.items)
    for i in range(n):
        for j in range(i + 1, n):
            given = matrix.values[i][j]
            implied = w[i] / w[j]
            e = given / implied
            listed.append(
                Inconsistency(
                    matrix.items[i],
                    matrix.items[j],
                    given,
                    implied,
                    max(e, 1 / e),
                    min(SCALE, key=lambda s: abs(math.log(s / implied))),
                )
            )
    return sorted(listed, key=lambda x: (-x.factor, x.row, x.column))


def geometric_mean(matrices: Sequence[Matrix]) -> Matrix:
    """The element-wise geometric mean of matrices over the same items (AIJ)."""
    items = matrices[0].items
    n = len(items)
    count = len(matrices)
    values = tuple(
        tuple(math.exp(sum(math.log(m.values[i][j]) for m in matrices) / count) for j in range(n))
        for i in range(n)
    )
    return Matrix(items, values)


@dataclass(frozen=True)
class ExpertResult:
    """One expert's (or the panel's) priorities per comparison group."""

    expert: str
    file: str
    dimensions: Priorities | None
    indicators: dict[str, Priorities]
    expert_zh: str | None = None

    def groups(self) -> list[tuple[str | None, Priorities]]:
        """(None for the dimensions, else the dimension id, priorities) in rubric order."""
        listed: list[tuple[str | None, Priorities]] = []
        if self.dimensions is not None:
            listed.append((None, self.dimensions))
        listed += list(self.indicators.items())
        return listed


@dataclass(frozen=True)
class Panel:
    """What a panel's comparisons give: each expert's priorities, the panel's, the weights."""

    rubric: str
    experts: list[ExpertResult]
    panel: ExpertResult
    #: Dimension id -> weight (sum 1), from the panel or, when not compared, the rubric's.
    dimension_weights: dict[str, float]
    #: Dimension id -> indicator id -> weight within its dimension (sum 1 per dimension).
    indicator_weights: dict[str, dict[str, float]]
    #: The rubric's weights, normalised the same way, for comparison.
    rubric_dimension_weights: dict[str, float]
    rubric_indicator_weights: dict[str, dict[str, float]]
    #: Which groups the panel compared: "dimensions" and dimension ids.
    compared: tuple[str, ...]

    def global_weights(self) -> dict[str, float]:
        """Indicator id -> its share of the overall score (dimension weight x weight in it)."""
        return {
            ind: self.dimension_weights[dim] * w
            for dim, inds in self.indicator_weights.items()
            for ind, w in inds.items()
        }


def rubric_weights(rubric: Rubric) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """The rubric's dimension weights and indicator weights within each dimension, each
    group scaled to sum to 1."""
    total = sum(d.weight for d in rubric.dimensions)
    dims = {d.id: d.weight / total for d in rubric.dimensions}
    inds = {
        d.id: {i.id: i.weight / sum(x.weight for x in d.indicators) for i in d.indicators}
        for d in rubric.dimensions
    }
    return dims, inds


def _result(judged: Judged) -> ExpertResult:
    return ExpertResult(
        judged.expert,
        judged.file,
        None if judged.dimensions is None else priorities(judged.dimensions),
        {dim: priorities(m) for dim, m in judged.indicators.items()},
        judged.expert_zh,
    )


def panel(rubric: Rubric, experts: Sequence[Judged]) -> Panel:
    """Each expert's priorities and the panel's weights (AIJ); every expert compared the
    same groups (:mod:`policebench.validation.weights_checks` makes sure of it)."""
    first = experts[0]
    aggregated = Judged(
        "panel",
        "",
        None
        if first.dimensions is None
        else geometric_mean([e.dimensions for e in experts if e.dimensions is not None]),
        {
            dim: geometric_mean([e.indicators[dim] for e in experts])
            for d in rubric.dimensions
            if (dim := d.id) in first.indicators
        },
    )
    result = _result(aggregated)
    base_dims, base_inds = rubric_weights(rubric)
    dims = dict(base_dims) if result.dimensions is None else result.dimensions.by_item
    inds = {
        d.id: result.indicators[d.id].by_item if d.id in result.indicators else base_inds[d.id]
        for d in rubric.dimensions
    }
    compared = (("dimensions",) if first.dimensions is not None else ()) + tuple(
        aggregated.indicators
    )
    return Panel(
        rubric.id,
        [_result(e) for e in experts],
        result,
        {d.id: dims[d.id] for d in rubric.dimensions},
        {d.id: {i.id: inds[d.id][i.id] for i in d.indicators} for d in rubric.dimensions},
        base_dims,
        base_inds,
        compared,
    )
