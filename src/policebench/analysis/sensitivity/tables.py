"""Value tables of :mod:`policebench.analysis.sensitivity`: one lookup per group of indicators.

In a sample, a dimension's numerator is the sum over its indicators, in rubric order, of
weight x value(level). Done indicator by indicator that is a lookup, a multiply and an add
over every (place, sample) pair per indicator. Instead the indicators of a dimension are
taken in groups, and a table holds the group's partial sum for every combination of its
levels (a *pattern*: one digit per indicator, see :class:`~.draws.Model`), so a
place costs one lookup per group.

* With the rubric's weights (no weight draws) a table serves every sample of an
  aggregation, and a whole dimension is one group when its table has at most
  :data:`WHOLE` rows (6^5 = 7,776 for five indicators on a 0-4 scale): the lookup is then
  the rubric-order sum itself, bit for bit ``scoring.aggregate``. A larger dimension is
  looked up an indicator at a time, which is that sum term by term.
* With drawn weights a table has a row per sample, so groups are pairs (36 entries per
  sample on a 0-4 scale) and the pair sums are added in rubric order; that may differ from
  the term-by-term sum in the last bit, which no figure shows (drawn weights never equal the
  rubric's, so no sample is compared with the point score).

:class:`Lookup` computes the patterns of a block of places and samples and looks them up.
Internal: the API is :func:`policebench.analysis.sensitivity.run`. NumPy is imported inside
the functions, so importing this module stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policebench.analysis.sensitivity.draws import Draws, Model

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]

#: Most rows of a table shared by all samples (patterns fit in 16 bits).
WHOLE = 2**16
#: Most entries per sample of a per-sample table (patterns fit in 8 bits).
PAIR = 2**8


@dataclass(frozen=True)
class Group:
    """Indicator columns looked up together: pattern = sum of digit_j * powers[j]."""

    cols: tuple[int, ...]
    powers: tuple[int, ...]
    #: Entries of the group's table (per sample, for per-sample tables).
    size: int


@dataclass(frozen=True)
class Tables:
    """Per dimension, its groups and their tables.

    ``values[a][d][k]`` is the flat table of group k of dimension d for aggregation a (0
    arithmetic, 1 geometric) when ``per_sample`` is false. When it is true, ``values[0]``
    holds every sample's entries, sample-major (entry ``s * size + pattern``), each sample
    with its own aggregation, and ``offsets[size]`` is ``arange(samples) * size``.
    """

    groups: list[list[Group]]
    per_sample: bool
    values: list[list[list[Any]]]
    offsets: dict[int, Any]
    #: The dtype of patterns: the smallest unsigned integer that holds every pattern.
    dtype: Any

    def mean(self, d: int) -> bool:
        """Dimension ``d``'s table holds its mean itself, not a numerator: a whole dimension
        with the rubric's weights (the mean as ``scoring.aggregate`` takes it)."""
        return not self.per_sample and len(self.groups[d]) == 1


def _groups(model: Model, per_sample: bool) -> list[list[Group]]:
    base = model.digit_count
    out = []
    for _, cols in model.dims:
        if not per_sample and base ** len(cols) <= WHOLE:
            size = len(cols)
        elif per_sample and base**2 <= PAIR:
            size = 2
        else:
            size = 1
        chunks = [tuple(cols[j : j + size]) for j in range(0, len(cols), size)]
        out.append(
            [
                Group(c, tuple(base ** (len(c) - 1 - j) for j in range(len(c))), base ** len(c))
                for c in chunks
            ]
        )
    return out


def _group_sum(model: Model, group: Group, weight: Any, value: Any) -> Any:
    """The rubric-order sum of weight x value of the group's digits, for every pattern.

    ``weight(col)`` is a number, or a (samples, 1) column; ``value`` is (digits,), or
    (samples, digits) for per-sample values."""
    import numpy as np

    total = None
    for col, power in zip(group.cols, group.powers, strict=True):
        digit = (np.arange(group.size) // power) % model.digit_count
        term = weight(col) * value[..., digit]
        total = term if total is None else np.add(total, term, out=total)
    return total


def _group_mean(model: Model, group: Group, value: Any) -> Any:
    """A whole dimension's mean for every pattern, exactly as ``scoring.aggregate`` takes
    it: the rubric-order sums of weight x value and of the known weights, divided, and kept
    within the smallest and largest value averaged (NaN where nothing is known)."""
    import numpy as np

    left_out = model.digit_count - 1
    num: Any = None
    den: Any = None
    low: Any = None
    high: Any = None
    for col, power in zip(group.cols, group.powers, strict=True):
        digit = (np.arange(group.size) // power) % model.digit_count
        weight = model.ind_weights[col]
        known = digit != left_out
        term, counted = weight * value[digit], np.where(known, weight, 0.0)
        shown = np.where(known, value[digit], np.nan)
        if num is None:
            num, den, low, high = term, counted, shown, shown
        else:
            num, den = num + term, den + counted
            low, high = np.fmin(low, shown), np.fmax(high, shown)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.minimum(np.maximum(num / den, low), high)


def _shared(model: Model, groups: list[Group], value: Any) -> list[Any]:
    """A dimension's tables for every sample of an aggregation (the rubric's weights)."""
    if len(groups) == 1:
        return [_group_mean(model, groups[0], value)]
    return [_group_sum(model, g, lambda col: model.ind_weights[col], value) for g in groups]


def build(model: Model, draws: Draws) -> Tables:
    """The tables of ``draws``' samples (in the draws' sorted order)."""
    import numpy as np

    per_sample = draws.w_ind is not None
    groups = _groups(model, per_sample)
    arith, geo = (np.array(v) for v in model.values)
    offsets: dict[int, Any] = {}
    if per_sample:
        # (samples, digits): each sample's value of every digit, by its aggregation.
        value = np.where(draws.geometric[:, None], geo[None, :], arith[None, :])
        samples = len(value)
        values = [
            [
                [
                    _group_sum(model, g, lambda col: draws.w_ind[col][:, None], value).reshape(-1)
                    for g in dim_groups
                ]
                for dim_groups in groups
            ]
        ]
        for size in {g.size for dim_groups in groups for g in dim_groups}:
            offsets[size] = np.arange(samples, dtype=np.intp) * size
    else:
        values = [
            [_shared(model, dim_groups, table) for dim_groups in groups] for table in (arith, geo)
        ]
    largest = max(g.size for dim_groups in groups for g in dim_groups)
    dtype = np.uint8 if largest <= 2**8 else np.uint16 if largest <= 2**16 else np.uint32
    return Tables(groups, per_sample, values, offsets, dtype)


@dataclass
class Lookup:
    """One block's lookups (for the engine's scoring loop): the pattern of each (place,
    sample) for a group of indicators, then its value in the group's table."""

    model: Model
    tables: Tables
    digits: Any  # (rows, I): each place's digits in this block (unknowns as the block says)
    moving: Any  # (I,) bool: some place of the chunk may move the indicator
    p0: int
    p1: int
    uniforms: Any
    sl: slice
    index: Any
    pattern: Any
    mask: Any

    def lookup(self, group: Group, table: Any, out: Floats) -> None:
        import numpy as np

        tables, index, pattern, mask = self.tables, self.index, self.pattern, self.mask
        t_down, t_up = self.model.t_down[self.p0 : self.p1], self.model.t_up[self.p0 : self.p1]
        # pattern = sum of (digit + c - 1) * power, c = 0 down, 1 stay, 2 up. The constant
        # part (digits, and c = 1 where nothing moves) per place; the moves per sample.
        const = np.zeros(len(self.digits), dtype=np.int64)
        moves = []
        for col, power in zip(group.cols, group.powers, strict=True):
            if self.moving[col]:
                const += (self.digits[:, col] - 1) * power
                moves.append((col, power))
            else:
                const += self.digits[:, col] * power
        offsets = tables.offsets[group.size][self.sl] if tables.per_sample else None
        if not moves:
            # Every sample of a place looks up the same pattern.
            if offsets is None:
                index[...] = const[:, None]
            else:
                np.add(const[:, None], offsets, out=index)
        else:
            as_int = pattern.dtype == np.uint8
            last = 0
            for col, power in moves:
                u = self.uniforms[:, col, self.sl]
                if last:
                    np.multiply(pattern, last // power, out=pattern)
                np.greater_equal(u, t_down[:, col, None], out=mask)
                if last:
                    np.add(pattern, mask.view(np.uint8) if as_int else mask, out=pattern)
                else:
                    np.copyto(pattern, mask)
                np.greater(u, t_up[:, col, None], out=mask)
                np.add(pattern, mask.view(np.uint8) if as_int else mask, out=pattern)
                last = power
            if last != 1:
                np.multiply(pattern, last, out=pattern)
            # Negative constants (a digit 0 that may only move up) wrap around: the pattern
            # itself is never negative, so the sum modulo 2^bits is right.
            wrapped = (const % (1 << (8 * pattern.itemsize))).astype(pattern.dtype)
            np.add(pattern, wrapped[:, None], out=pattern)
            if offsets is None:
                np.copyto(index, pattern)
            else:
                np.add(pattern, offsets, out=index)
        # mode="clip": with the default "raise" NumPy buffers ``out`` (about 1.7x slower);
        # every index is in range, so clipping never changes one.
        np.take(table, index, out=out, mode="clip")
