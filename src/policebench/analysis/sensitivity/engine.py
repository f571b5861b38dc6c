"""The scoring loop of :mod:`policebench.analysis.sensitivity`: samples into scores, by chunks.

Split from ``sensitivity`` because it is the hot path: the work arrays, the evaluation of
every sample's overall and dimension scores (bit-for-bit ``scoring.aggregate`` when nothing
varies), and the per-worker loop over place chunks that feeds the bands and indices.
Internal: the API is :func:`policebench.analysis.sensitivity.run`. NumPy is imported inside
the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from policebench.analysis.sensitivity.draws import (
    STREAM_MAIN,
    STREAM_OTHER,
    Draws,
    Model,
    level_draws,
)
from policebench.analysis.sensitivity.settings import SOURCES
from policebench.analysis.sensitivity.stats import bands, correlation_ratio, first_order
from policebench.analysis.sensitivity.tables import Lookup, Tables

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]

#: The scoring loop's work arrays hold about this many (place, sample) pairs. Larger than
#: the L2 cache on purpose: each block costs some 170 NumPy calls whose Python side holds
#: the GIL, and with 2^15 pairs two workers spent a quarter of their time waiting for it;
#: at 2^17 they wait far less and the arrays still fit the L3 cache.
_EVAL_BLOCK = 2**17


class _Scratch:
    """Work arrays of one worker, reused from chunk to chunk: fresh memory is slow to touch.

    ``view(name, rows, n, dtype)`` is a contiguous (rows, n) array over the start of a flat
    buffer; contiguous, because ``np.take`` into a strided ``out`` takes a slow path."""

    NAMES = ("num", "den", "tmp", "total", "weight", "low", "high", "index", "pattern", "mask")

    def __init__(self, size: int) -> None:
        import numpy as np

        self.buffers = {name: np.empty(size * 8, dtype=np.uint8) for name in self.NAMES}

    def view(self, name: str, rows: int, n: int, dtype: Any) -> Any:
        import numpy as np

        width = np.dtype(dtype).itemsize
        return self.buffers[name][: rows * n * width].view(dtype).reshape(rows, n)


def _evaluate(
    model: Model,
    p0: int,
    p1: int,
    draws: Draws,
    tables: Tables,
    uniforms: Any,
    out: Floats,
    scratch: _Scratch,
    dims_out: Any = None,
) -> None:
    """Overall scores of places p0..p1 into ``out``; dimension scores into ``dims_out``.

    Each dimension's numerator is a lookup per group of its indicators (see
    :mod:`~policebench.analysis.sensitivity.tables`), the groups added in rubric order. With
    the rubric's weights, no moves and the arithmetic mean a sample is bit-for-bit the point
    score.
    """
    import numpy as np

    rows = p1 - p0
    known = model.known[p0:p1]
    moving = model.moves[p0:p1].any(axis=0) & (uniforms is not None)
    # Blocks of samples (see _EVAL_BLOCK for the size).
    block = max(64, _EVAL_BLOCK // max(rows, 1))
    blocks = [
        (b0, min(b0 + block, s1), geometric, unknowns)
        for s0, s1, geometric, unknowns in draws.groups
        for b0 in range(s0, s1, block)
    ]
    for s0, s1, geometric, unknowns in blocks:
        n = s1 - s0
        sl = slice(s0, s1)
        # An n/a level keeps its digit (left out) even when unknowns are imputed.
        kept = known | ~model.applicable[p0:p1]
        digits = np.where(kept, model.digits[p0:p1], model.unknown_digit[unknowns])
        values = tables.values[0 if tables.per_sample else int(geometric)]
        w_dim = [w for w, _ in model.dims] if draws.w_dim is None else draws.w_dim[:, sl]
        num, den, tmp, total, weight, low, high = (
            scratch.view(name, rows, n, np.float64)
            for name in ("num", "den", "tmp", "total", "weight", "low", "high")
        )
        work = Lookup(
            model,
            tables,
            digits,
            moving,
            p0,
            p1,
            uniforms,
            sl,
            scratch.view("index", rows, n, np.intp),
            scratch.view("pattern", rows, n, tables.dtype),
            scratch.view("mask", rows, n, np.bool_),
        )
        total.fill(0.0)
        # The overall mean is kept within its smallest and largest dimension score, as
        # scoring.aggregate keeps it (a division can land an ulp outside).
        low.fill(np.inf)
        high.fill(-np.inf)
        # Where every place has every dimension (the usual case) the overall denominator is
        # one sum per sample, not per place: rows, not samples x places, of work.
        counted_of = model.applicable_counted if unknowns else model.counted
        everywhere = all(c[p0:p1].all() for c in counted_of)
        if everywhere:
            weight = weight[0]
        weight.fill(0.0)
        for d, dim_groups in enumerate(tables.groups):
            for k, group in enumerate(dim_groups):
                # The first group is written, not added to zeros: the same value, one pass less.
                work.lookup(group, values[d][k], tmp if k else num)
                if k:
                    np.add(num, tmp, out=num)
            # arithmetic: the dimension score; geometric: the mean log of (score + step)
            if not tables.mean(d):
                _denominators(model, draws, d, p0, p1, unknowns, sl, den)
                with np.errstate(invalid="ignore", divide="ignore"):
                    np.divide(num, den, out=num)
            np.fmin(low, num, out=low)  # fmin and fmax pass over a dimension with no score
            np.fmax(high, num, out=high)
            if dims_out is not None:
                view = dims_out[:, d, sl]
                if geometric:
                    np.exp(num, out=view)
                    np.subtract(view, model.step, out=view)
                    np.clip(view, 0.0, 100.0, out=view)
                else:
                    view[...] = num
            np.multiply(num, w_dim[d], out=tmp)
            if everywhere:
                np.add(total, tmp, out=total)
                np.add(weight, w_dim[d], out=weight)
            else:
                # A dimension counts where it has a counted indicator, as in
                # scoring.aggregate.
                counts = counted_of[d][p0:p1, None]
                np.add(total, tmp, out=total, where=counts)
                wide = np.broadcast_to(w_dim[d], (rows, n))
                np.add(weight, wide, out=weight, where=counts)
        target = out[:, sl]
        with np.errstate(invalid="ignore", divide="ignore"):
            np.divide(total, weight, out=target)
        np.maximum(target, low, out=target)
        np.minimum(target, high, out=target)
        if geometric:
            np.exp(target, out=target)
            np.subtract(target, model.step, out=target)
            np.clip(target, 0.0, 100.0, out=target)


def _denominators(
    model: Model, draws: Draws, d: int, p0: int, p1: int, unknowns: int, sl: slice, out: Floats
) -> None:
    """Sum of the weights of the counted indicators of dimension ``d``, into ``out``.

    Places sharing a pattern of known indicators share the sum, so it is computed once per
    pattern and block of samples (in rubric order, as ``scoring.aggregate`` sums; kept with
    the draws for the other place chunks) and copied to their rows. With unknowns imputed
    every applicable indicator counts."""
    import numpy as np

    key = (sl.start, sl.stop, unknowns, d)
    sums = draws.sums.get(key)
    patterns, inverse = model.patterns[d]
    if unknowns:  # every applicable indicator counts
        patterns, inverse = model.applicable_patterns[d]
    if sums is None:
        cols = model.dims[d][1]
        weights = [
            model.ind_weights[i] if draws.w_ind is None else draws.w_ind[i, sl] for i in cols
        ]
        sums = np.zeros((len(patterns), sl.stop - sl.start))
        for k, pattern in enumerate(patterns):
            for j, w in enumerate(weights):
                sums[k] += w * float(pattern[j])
        draws.sums[key] = sums
    if inverse is None:
        out[...] = sums[0]
    else:
        np.take(sums, inverse.reshape(-1)[p0:p1], axis=0, out=out, mode="clip")


@dataclass(frozen=True)
class Chunk:
    overall: list[tuple[float, ...] | None]
    dims: list[tuple[float, ...] | None]  # place-major
    explained: dict[str, Floats]
    variance: dict[str, Floats]


@dataclass(frozen=True)
class Plan:
    """Everything the workers share (read-only), and the matrix they fill."""

    model: Model
    seed: int
    main: Draws
    tables: Tables  # of main
    #: Per source: the paired samples (source from main, the rest from the other stream),
    #: the positions in ``main`` of the main samples they pair with, and their tables.
    pairs: dict[str, tuple[Draws, Any, Tables]]
    #: Per discrete source (aggregation, unknowns): its value in each main sample.
    discrete: dict[str, Any]
    n_index: int
    overall: Floats  # (places, samples): filled by the workers


def evaluate_stripe(plan: Plan, spans: list[tuple[int, int]]) -> list[Chunk]:
    """One worker's share of the place chunks, with its own reusable work arrays."""
    import numpy as np

    model, samples = plan.model, len(plan.main.geometric)
    rows = max(p1 - p0 for p0, p1 in spans)
    width = len(model.ind_weights)
    scratch = _Scratch(rows * samples)
    dims = np.empty((rows, len(model.dims), samples))
    level_main = np.zeros((rows, width, samples), dtype=np.uint8)
    level_other = np.zeros((rows, width, plan.n_index), dtype=np.uint8)
    paired = np.empty((rows, plan.n_index))
    out = []
    for p0, p1 in spans:
        n = p1 - p0
        moving = any(len(model.shiftable[p]) for p in range(p0, p1))
        main_u = other_u = None
        if moving:
            main_u = level_main[:n]
            level_draws(model, plan.seed, p0, p1, STREAM_MAIN, main_u)
            if plan.pairs:
                other_u = level_other[:n]
                level_draws(model, plan.seed, p0, p1, STREAM_OTHER, other_u)
        overall = plan.overall[p0:p1]
        _evaluate(model, p0, p1, plan.main, plan.tables, main_u, overall, scratch, dims[:n])
        explained: dict[str, Floats] = {}
        variance: dict[str, Floats] = {}
        for source, (draws, positions, tables) in plan.pairs.items():
            uniforms = other_u
            if source == "confidence" and main_u is not None:
                uniforms = main_u[:, :, positions]
            _evaluate(model, p0, p1, draws, tables, uniforms, paired[:n], scratch)
            y = overall[:, positions]
            explained[source], variance[source] = first_order(y, paired[:n])
        for source, labels in plan.discrete.items():
            explained[source], variance[source] = correlation_ratio(overall, labels)
        out.append(Chunk(bands(overall), bands(dims[:n]), explained, variance))
    return out


def pooled(chunks: Iterable[Chunk], sources: Iterable[str]) -> dict[str, float | None]:
    import numpy as np

    chunks = list(chunks)
    out: dict[str, float | None] = {s: None for s in SOURCES}
    for source in sources:
        if source not in chunks[0].explained:
            continue
        explained = np.concatenate([c.explained[source] for c in chunks])
        variance = np.concatenate([c.variance[source] for c in chunks])
        ok = np.isfinite(explained) & np.isfinite(variance)
        total = float(variance[ok].sum())
        if total > 1e-9:
            out[source] = min(1.0, max(0.0, float(explained[ok].sum()) / total))
    return out


def place_index(chunk: Chunk, k: int, sources: Iterable[str]) -> dict[str, float | None]:
    out: dict[str, float | None] = {s: None for s in SOURCES}
    for source in sources:
        if source not in chunk.explained:
            continue
        explained = float(chunk.explained[source][k])
        variance = float(chunk.variance[source][k])
        # A variance below 1e-9 (scores 0-100) is rounding noise: the score does not move.
        if math.isfinite(explained) and math.isfinite(variance) and variance > 1e-9:
            out[source] = min(1.0, max(0.0, explained / variance))
    return out
