"""Summaries of the samples of :mod:`policebench.analysis.sensitivity`: bands, ranks, indices.

Split from ``sensitivity`` because these are statistics over arrays of scores, whatever
drew them: percentile bands, the rank order of each sample, and the first-order indices.
Internal: the API is :func:`policebench.analysis.sensitivity.run`. NumPy is imported inside
the functions, so importing this module stays cheap.

First-order sensitivity index of a source k (per place, for the overall score): the share of
the score's variance that k alone explains, Var(E[score | k]) / Var(score). For the two
discrete sources (aggregation, unknowns: two or three values) it is computed directly from the
main samples grouped by k's value (the correlation ratio). For the weights and the confidence
moves (many draws per sample) it is estimated with Janon et al.'s (2014) pick-freeze estimator
from ``index_samples`` pairs of samples that share k and redraw everything else, with an error
of roughly 1/sqrt(index_samples). Clipped to 0..1. ``SensitivityResult.index`` pools the
places: sum of the explained variances over the sum of the variances. Sources switched off
get None.
"""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]

#: The band: 5th, 50th and 95th percentiles (linear interpolation between samples).
QUANTILES = (0.05, 0.5, 0.95)
#: Sorting keys per point of score (0..100 onto 0..65535).
_KEYS = 655.35
#: Rank work arrays hold about this many (place, sample) pairs.
BLOCK = 2**15
#: Band work arrays hold about this many scores (2^15 to 2^19 timed: this was fastest).
_BAND_BLOCK = 2**18


def bands(values: Floats) -> list[tuple[float, ...] | None]:
    """(p5, median, p95, min, max, share) of each row of ``values`` (None: never exists).

    Percentiles interpolate linearly between order statistics (NumPy's default method),
    found by sorting the scores rounded to 1/655.35 of a point: a 16-bit radix sort is
    several times faster than selecting on floats, and the rounding (at most 0.0008 points)
    is far below what any report shows. Rows whose samples all agree get that value exactly;
    every band is kept within the exact min and max.
    """

    rows = values.reshape(-1, values.shape[-1])
    # Some rows at a time: temporaries of a bounded size, reused by the allocator.
    step = max(1, _BAND_BLOCK // rows.shape[1])
    out: list[tuple[float, ...] | None] = []
    for r0 in range(0, len(rows), step):
        out += _bands_block(rows[r0 : r0 + step])
    return out


def _bands_block(rows: Floats) -> list[tuple[float, ...] | None]:
    import numpy as np

    n = rows.shape[1]
    lows, highs = rows.min(axis=1), rows.max(axis=1)  # NaN where a sample has no score
    out: list[tuple[float, ...] | None] = [None] * len(rows)
    gaps = np.isnan(lows)
    full = np.flatnonzero(~gaps) if gaps.any() else np.arange(len(rows))
    if len(full):
        sub = rows if len(full) == len(rows) else rows[full]
        lows, highs = lows[full], highs[full]
        # Scores lie in 0..100 (up to rounding): + 0.5 and truncation round to nearest.
        scaled = sub * _KEYS
        scaled += 0.5
        keys = scaled.astype(np.uint16)
        del scaled
        keys.sort(axis=1, kind="stable")
        # The order statistics each quantile interpolates between, all gathered at once.
        at = [q * (n - 1) for q in QUANTILES]
        below = [math.floor(h) for h in at]
        above = [min(k + 1, n - 1) for k in below]
        lower = keys[:, below].astype(np.float64)
        upper = keys[:, above].astype(np.float64)
        fraction = np.array([h - k for h, k in zip(at, below, strict=True)])
        found = (lower + fraction * (upper - lower)) / _KEYS
        found = np.clip(found, lows[:, None], highs[:, None])
        same = lows == highs
        # Rows whose samples all agree get that value exactly.
        found[same] = lows[same, None]
        quantiles = found.T.tolist()
        columns = zip(full.tolist(), *quantiles, lows.tolist(), highs.tolist(), strict=True)
        for r, *qs, low, high in columns:
            out[r] = (*qs, low, high, 1.0)
    for r in np.flatnonzero(gaps):
        exists = ~np.isnan(rows[r])
        if exists.any():
            row = rows[r][exists]
            band = [float(x) for x in np.quantile(row, QUANTILES)]
            out[r] = (*band, float(row.min()), float(row.max()), float(exists.mean()))
    return out


def first_order(y: Floats, y_k: Floats) -> tuple[Floats, Floats]:
    """Janon et al. (2014): explained variance and variance, per row, from paired samples.

    Each row is reduced on its own (means along rows), so that a place's figures do not
    depend on the other places in its chunk.
    """
    mean = ((y + y_k) / 2).mean(axis=1)
    explained = (y * y_k).mean(axis=1) - mean**2
    variance = ((y * y + y_k * y_k) / 2).mean(axis=1) - mean**2
    return explained, variance


def correlation_ratio(y: Floats, labels: Any) -> tuple[Floats, Floats]:
    """Between-group variance and variance, per row, of samples grouped by ``labels``.

    For a source with a few discrete values this is Var(E[score | source]) / Var(score)
    itself, from all the main samples: no paired run needed, and less noise than one.
    Each row is reduced on its own, so that a place's figures do not depend on the other
    places in its chunk.
    """
    import numpy as np

    mean = y.mean(axis=1)
    explained = np.zeros(len(y))
    for value in np.unique(labels):
        members = np.flatnonzero(labels == value)
        # The main samples are sorted by aggregation, so a group is often one slice.
        if members[-1] - members[0] + 1 == len(members):
            group = y[:, members[0] : members[-1] + 1]
        else:
            group = y[:, members]
        explained += len(members) / len(labels) * (group.mean(axis=1) - mean) ** 2
    return explained, y.var(axis=1)


def rank_order(scores: Floats) -> Any:
    """Per row (a sample), the columns (places in id order) best first; ties and no score
    as in ``scoring.rank``: equal scores by id, no score last.

    A float sort is slow here, so scores are first ordered by a 32-bit key (two passes of
    NumPy's 16-bit radix sort over its halves, stable); the key falls as the score rises, so
    equal scores have equal keys and keep id order. Only distinct scores closer than the
    key's resolution (2e-8 points) can share a key in the wrong order: rows where two keys
    are equal are checked on the exact scores, and sorted again on them if need be.
    """
    import numpy as np

    rows, columns = scores.shape
    top = 2**32 - 2
    key = np.multiply(scores, -top / 100.0, out=np.empty((rows, columns)))
    key += top + 0.5
    np.clip(key, 0.0, top, out=key)  # NaN (no score) stays NaN
    missing = np.isnan(key)
    if missing.any():
        key[missing] = top + 1
    key32 = key.astype(np.uint32)
    halves = key32.view(np.uint16).reshape(rows, columns, 2)
    low, high = (0, 1) if sys.byteorder == "little" else (1, 0)
    first = np.argsort(halves[..., low], axis=1, kind="stable")
    high_keys = np.take_along_axis(halves[..., high], first, axis=1)
    order = np.take_along_axis(first, np.argsort(high_keys, axis=1, kind="stable"), axis=1)
    ordered = np.take_along_axis(key32, order, axis=1)
    shared = np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1))
    if len(shared):
        exact = np.where(np.isnan(scores[shared]), -np.inf, scores[shared])
        check = np.take_along_axis(exact, order[shared], axis=1)
        wrong = (check[:, 1:] > check[:, :-1]).any(axis=1)
        if wrong.any():
            order[shared[wrong]] = np.argsort(-exact[wrong], axis=1, kind="stable")
    return order


def rank_positions(overall: Floats, spans: list[tuple[int, int]], ranks: Any) -> None:
    """ranks[s, p] = the rank - 1 of place p (id order) in sample s, for the samples in
    ``spans``. ``order[s, j]`` is the place at rank j + 1, so the ranks are a scatter of
    0..P-1 along it (each sample writes one contiguous row)."""
    import numpy as np

    places = overall.shape[0]
    column = np.arange(places, dtype=ranks.dtype)
    for s0, s1 in spans:
        order = rank_order(overall[:, s0:s1].T)
        order += (np.arange(s1 - s0) * places)[:, None]
        rows = ranks[s0:s1].reshape(-1)
        rows[order.reshape(-1)] = np.broadcast_to(column, order.shape).reshape(-1)


def rank_histograms(ranks: Any, p0: int, p1: int) -> tuple[Any, Any, Any]:
    """For places p0..p1: each one's lowest and highest rank - 1, and the counts of its
    ranks from the lowest to the highest, all places' one after the other (three arrays:
    cheap to send from a process)."""
    import numpy as np

    block = np.ascontiguousarray(ranks[:, p0:p1].T)
    lows, highs = block.min(axis=1), block.max(axis=1)
    out = []
    for row, low, high in zip(block, lows.tolist(), highs.tolist(), strict=True):
        shifted = row - row.dtype.type(low) if low else row
        out.append(np.bincount(shifted, minlength=high - low + 1).astype(np.int32))
    return lows.astype(np.int64), highs.astype(np.int64), np.concatenate(out)
