"""Uncertainty and sensitivity of scores and ranks (OECD/JRC handbook, step 7). Pure.

A composite score hides choices: the weights, how scores are aggregated, what the assessor's
doubtful levels really are, and what unknowns count as. Each Monte Carlo sample redraws them
all, under the rubric's :class:`~policebench.models.Uncertainty` settings; the spread of the
samples says how sure "J City ranks 4th" is. The method, for planners: docs/sensitivity.md.

What one sample draws (each source from its own seeded stream):

* **weights**: dimension weights ~ Dirichlet(c * w / sum w) around the rubric's, and so are the
  indicator weights within each dimension (c = ``concentration``; null keeps them fixed);
* **aggregation**: arithmetic or geometric mean, one of ``aggregations`` with equal chance, used
  for both steps (indicators -> dimension, dimensions -> overall). The geometric mean is taken of
  ``score + step`` and ``step`` is taken off again (``step`` = 100 / number of level steps, one
  level), so a level at the scale's minimum lowers the score without zeroing it;
* **confidence**: a low-confidence level moves by one level with probability ``low_shift``
  (down or up, equally likely; a move off the scale stays put), a medium-confidence one with
  probability ``medium_shift``; high-confidence levels never move. Probabilities are applied
  as whole counts out of 256 (one random byte per level and sample). A known level without
  a confidence counts as low;
* **unknowns**: with ``impute_unknown``, all unknown levels are left out, all at
  ``impute_min`` or all at ``impute_max`` (equal chance); otherwise always left out.

For the other engineers' reports, the API is :func:`run`::

    result = run(rubric, profiles, samples=10_000, seed=0)
    place = result.place("j-city")
    place.overall        # Band(point, p5, median, p95, min, max, share) or None
    place.rank           # RankBand(point, median, min, max, probabilities={rank: p})
    place.dimensions     # {dimension id: Band | None}
    result.index         # {source: first-order index over all places, or None}

and :func:`policebench.render.sensitivity.band_text` turns a band into ``"52 (47-58)"``.
The same seed gives the same result to the last bit; a place's bands do not depend on which
other places are analysed (its level draws are keyed by its id), only its ranks do.

First-order sensitivity index of a source k (per place, for the overall score): the share of
the score's variance that k alone explains, Var(E[score | k]) / Var(score). For the two
discrete sources (aggregation, unknowns: two or three values) it is computed directly from the
main samples grouped by k's value (the correlation ratio). For the weights and the confidence
moves (many draws per sample) it is estimated with Janon et al.'s (2014) pick-freeze estimator
from ``index_samples`` pairs of samples that share k and redraw everything else, with an error
of roughly 1/sqrt(index_samples). Clipped to 0..1. ``SensitivityResult.index`` pools the
places: sum of the explained variances over the sum of the variances. Sources switched off
get None.

NumPy is imported only inside :func:`run`. The settings' cross-checks live in
:mod:`policebench.analysis.sensitivity_settings`, which ``validate`` uses.
"""

from __future__ import annotations

import hashlib
import math
import os
from array import array
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from policebench.analysis.sensitivity_settings import (
    SOURCES,
    active_sources,
    impute_bounds,
    uncertainty_issues,
)
from policebench.errors import UserError
from policebench.models import Profile, Rubric, Uncertainty
from policebench.scoring import levels_of, rank, score

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]

#: The sources of uncertainty, in the order they are reported.
#: The band: 5th, 50th and 95th percentiles (linear interpolation between samples).
QUANTILES = (0.05, 0.5, 0.95)
#: Move probabilities are applied as whole counts out of this (one random byte per level).
SHIFT_RESOLUTION = 256
_STREAM_MAIN, _STREAM_OTHER = 0, 1
_LEFT_OUT = ("omit", "lowest", "highest")
#: Sorting keys per point of score (0..100 onto 0..65535).
_KEYS = 655.35
#: Place chunks hold about this many (place, sample) pairs: small enough to stay in cache.
_CHUNK = 2**18
#: Work arrays hold about this many (place, sample) pairs.
_BLOCK = 2**15
#: At most this many bytes for the matrix of overall scores (places x samples).
_MEMORY = 4 * 2**30


@dataclass(frozen=True)
class Band:
    """Where a score lies across the samples; ``point`` is the score `score` prints.

    ``p5``/``median``/``p95`` are over the samples in which the score exists (``share`` of
    them: less than 1 only when unknowns left out leave a dimension or place with nothing).
    """

    point: float | None
    p5: float
    median: float
    p95: float
    min: float
    max: float
    share: float


@dataclass(frozen=True)
class RankBand:
    """A place's rank across the samples (1 = best; ties broken by id, as `score` does).

    ``median`` is the smallest rank r with P(rank <= r) >= 1/2. ``counts[k]`` is the number
    of samples with rank ``min + k`` (kept compact: with thousands of places the full table
    of probabilities is large; :attr:`probabilities` builds it on demand).
    """

    point: int
    median: int
    min: int
    max: int
    samples: int
    counts: array[int]

    def probability(self, rank: int) -> float:
        """The share of samples in which the place has ``rank``."""
        if self.min <= rank <= self.max:
            return self.counts[rank - self.min] / self.samples
        return 0.0

    @cached_property
    def probabilities(self) -> dict[int, float]:
        """Every rank that occurred, with its share of the samples, best rank first."""
        return {self.min + k: count / self.samples for k, count in enumerate(self.counts) if count}


@dataclass(frozen=True)
class PlaceResult:
    """One place: its overall and dimension bands, its rank, and what moves its score."""

    id: str
    name: str
    name_zh: str | None
    overall: Band | None
    rank: RankBand
    dimensions: dict[str, Band | None]
    #: First-order index of each source for this place's overall score (None: not varied,
    #: or the score does not vary at all).
    index: dict[str, float | None]


@dataclass(frozen=True)
class SensitivityResult:
    """What :func:`run` returns: places in point-rank order, and the settings used."""

    rubric_id: str
    rubric_version: str
    samples: int
    seed: int
    index_samples: int
    settings: Uncertainty
    #: The sources that vary under ``settings`` (a subset of :data:`SOURCES`).
    sources: tuple[str, ...]
    places: tuple[PlaceResult, ...]
    #: Pooled over places: share of the summed variance of the overall scores that each
    #: source explains alone (None when not varied or nothing varies).
    index: dict[str, float | None]

    def place(self, place_id: str) -> PlaceResult:
        """The result of the place with id ``place_id``."""
        for place in self.places:
            if place.id == place_id:
                return place
        raise KeyError(place_id)


# --------------------------------------------------------------------------- settings checks


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class _Model:
    """The rubric and places as arrays, places in id order."""

    ids: list[str]
    keys: list[int]
    dims: list[tuple[float, list[int]]]
    ind_weights: list[float]
    base: Any  # (P, I) table index of each level; unknown entries are overwritten per sample
    known: Any  # (P, I) bool
    moves: Any  # (P, I) int8: 0 never moves, 1 low confidence, 2 medium
    shiftable: list[Any]  # per place: the indicator columns that may move
    unknown_index: tuple[int, int, int]  # table index of an unknown: left out, lowest, highest
    tables: tuple[Any, Any]  # arithmetic scores, logs for the geometric mean (by table index)
    #: The value of a level after a random byte u, flat over (move kind, table index, u).
    luts: tuple[Any, Any]
    step: float
    #: Per dimension: the distinct patterns of known indicators (k, |d|) and each place's one.
    patterns: list[tuple[Any, Any]]
    #: Per dimension: (P,) bool, the place knows at least one of its indicators.
    counted: list[Any]


def _prepare(rubric: Rubric, profiles: Sequence[Profile], settings: Uncertainty) -> _Model:
    import numpy as np

    scale = rubric.scale
    low, high = scale.min, scale.max
    count = high - low + 1
    # Table index: 0 = one below the scale (scores as min), 1..count = min..max, count + 1 =
    # one above (scores as max), count + 2 = left out. Clipping a moved level is a lookup.
    arith = [100.0 * (level - low) / (high - low) for level in scale.span]
    step = 100.0 / (high - low)
    table_a = [arith[0], *arith, arith[-1], 0.0]
    table_g = [*(math.log(s + step) for s in [arith[0], *arith, arith[-1]]), 0.0]
    dtype = np.int8 if count + 3 <= 127 else np.int32
    columns = {ind_id: n for n, ind_id in enumerate(rubric.indicators)}
    dims = [(d.weight, [columns[i.id] for i in d.indicators]) for d in rubric.dimensions]
    places = sorted(profiles, key=lambda p: p.id)
    n_places, n_ind = len(places), len(columns)
    base = np.zeros((n_places, n_ind), dtype=dtype)
    known = np.zeros((n_places, n_ind), dtype=bool)
    moves = np.zeros((n_places, n_ind), dtype=np.int8)
    # A byte below t1 moves the level down, one in [t1, t2) up, t2 and above leaves it.
    shares = [0, round(settings.low_shift * SHIFT_RESOLUTION)]
    shares.append(round(settings.medium_shift * SHIFT_RESOLUTION))
    thresholds = [(share // 2, share) for share in shares]
    kind = {"low": 1, None: 1, "medium": 2, "high": 0}
    shiftable = []
    for p, profile in enumerate(places):
        for ind_id, level in levels_of(rubric, profile).items():
            if level is None:
                continue
            if level not in scale.span:
                raise UserError(
                    f"'{profile.id}': level {level} of '{ind_id}' is outside the scale "
                    f"{low}..{high}",
                    "run policebench validate on the profile",
                )
            i = columns[ind_id]
            base[p, i] = level - low + 1
            known[p, i] = True
            entry = profile.indicators.get(ind_id)
            k = kind[entry.confidence if entry else None]
            moves[p, i] = k if shares[k] else 0
        shiftable.append(np.flatnonzero(moves[p]))
    imp_low, imp_high = impute_bounds(rubric, settings)
    return _Model(
        ids=[p.id for p in places],
        keys=[int.from_bytes(hashlib.sha256(p.id.encode()).digest()[:8], "big") for p in places],
        dims=dims,
        ind_weights=[rubric.indicators[i].weight for i in columns],
        base=base,
        known=known,
        moves=moves,
        shiftable=shiftable,
        unknown_index=(count + 2, imp_low - low + 1, imp_high - low + 1),
        tables=(np.array(table_a), np.array(table_g)),
        luts=(_lut(table_a, thresholds), _lut(table_g, thresholds)),
        step=step,
        patterns=[np.unique(known[:, cols], axis=0, return_inverse=True) for _, cols in dims],
        counted=[known[:, cols].any(axis=1) for _, cols in dims],
    )


def _lut(table: list[float], thresholds: list[tuple[int, int]]) -> Any:
    """Per move kind and table index, the value a random byte gives: one lookup replaces
    two comparisons and the index arithmetic in the innermost loop."""
    import numpy as np

    top = len(table) - 1
    u = np.arange(SHIFT_RESOLUTION)
    out = np.empty((len(thresholds), len(table), SHIFT_RESOLUTION))
    for k, (t1, t2) in enumerate(thresholds):
        for b in range(len(table)):
            down, up = table[max(b - 1, 0)], table[min(b + 1, top)]
            out[k, b] = np.where(u < t1, down, np.where(u < t2, up, table[b]))
    return out.reshape(-1)


def _generator(seed: int, *key: int) -> Any:
    import numpy as np

    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


@dataclass(frozen=True)
class _Draws:
    """The per-sample choices of a set of samples, sorted so that samples sharing an
    aggregation and an unknowns rule are contiguous (``groups``: start, end, geometric,
    unknowns). ``order[j]`` is the drawn sample at position j. Level draws come separately."""

    w_dim: Any  # (D, n) or None: the rubric's weights
    w_ind: Any  # (I, n) or None
    geometric: Any  # (n,) bool
    unknowns: Any  # (n,) int8: index into _LEFT_OUT
    order: Any  # (n,) intp
    groups: list[tuple[int, int, bool, int]]
    #: Denominator sums per (first sample, samples, unknowns, dimension), filled as needed.
    sums: dict[tuple[int, int, int, int], Any] = field(default_factory=dict, compare=False)

    def head(self, n: int) -> _Draws:
        """The first ``n`` samples, in drawing order (for draws not yet sorted)."""
        return _Draws(
            None if self.w_dim is None else self.w_dim[:, :n],
            None if self.w_ind is None else self.w_ind[:, :n],
            self.geometric[:n],
            self.unknowns[:n],
            self.order[:n],
            [],
        )

    def take(self, positions: Any) -> _Draws:
        """The samples at ``positions`` (in that order), regrouped."""
        return _sorted(
            None if self.w_dim is None else self.w_dim[:, positions],
            None if self.w_ind is None else self.w_ind[:, positions],
            self.geometric[positions],
            self.unknowns[positions],
        )


def _sorted(w_dim: Any, w_ind: Any, geometric: Any, unknowns: Any) -> _Draws:
    import numpy as np

    code = geometric.astype(np.int8) * len(_LEFT_OUT) + unknowns
    order = np.argsort(code, kind="stable")
    code = code[order]
    starts = np.flatnonzero(np.diff(code, prepend=-1))
    ends = [*starts[1:], len(code)]
    groups = [
        (int(s), int(e), bool(code[s] >= len(_LEFT_OUT)), int(code[s] % len(_LEFT_OUT)))
        for s, e in zip(starts, ends, strict=True)
    ]
    return _Draws(
        None if w_dim is None else w_dim[:, order],
        None if w_ind is None else w_ind[:, order],
        geometric[order],
        unknowns[order],
        order,
        groups,
    )


def _draw(model: _Model, settings: Uncertainty, n: int, seed: int, stream: int) -> _Draws:
    """``n`` samples of the per-sample choices from ``stream``, in drawing order."""
    import numpy as np

    w_dim = w_ind = None
    if settings.concentration is not None:
        rng = _generator(seed, stream, SOURCES.index("weights"))
        c = settings.concentration
        total = sum(w for w, _ in model.dims)
        w_dim = rng.dirichlet([c * w / total for w, _ in model.dims], size=n).T
        w_ind = np.ones((len(model.ind_weights), n))
        for _, cols in model.dims:
            if len(cols) > 1:
                weights = [model.ind_weights[i] for i in cols]
                alpha = [c * w / sum(weights) for w in weights]
                w_ind[cols] = rng.dirichlet(alpha, size=n).T
    names = settings.aggregations
    rng = _generator(seed, stream, SOURCES.index("aggregation"))
    picks = rng.integers(0, len(names), size=n) if len(names) > 1 else np.zeros(n, dtype=int)
    geometric = np.array([name == "geometric" for name in names])[picks]
    if settings.impute_unknown:
        rng = _generator(seed, stream, SOURCES.index("unknowns"))
        unknowns = rng.integers(0, len(_LEFT_OUT), size=n).astype(np.int8)
    else:
        unknowns = np.zeros(n, dtype=np.int8)
    identity = np.arange(n)
    return _Draws(w_dim, w_ind, geometric, unknowns, identity, [])


def _mixed(source: str, main: _Draws, other: _Draws) -> _Draws:
    """``source`` from ``main``, every other per-sample choice from ``other`` (same length)."""
    return _sorted(
        (main if source == "weights" else other).w_dim,
        (main if source == "weights" else other).w_ind,
        (main if source == "aggregation" else other).geometric,
        (main if source == "unknowns" else other).unknowns,
    )


def _level_draws(model: _Model, seed: int, p0: int, p1: int, stream: int, out: Any) -> None:
    """Uniform random bytes into ``out`` (places, indicators, samples) for levels that may
    move, each place from its own stream keyed by its id. Raw 64-bit outputs are cut into
    eight bytes: several times cheaper than ``Generator.integers`` at millions per chunk."""
    import numpy as np

    n = out.shape[2]
    for p in range(p0, p1):
        cols = model.shiftable[p]
        if len(cols):
            bits = np.random.PCG64(
                np.random.SeedSequence(
                    seed, spawn_key=(stream, SOURCES.index("confidence"), model.keys[p])
                )
            )
            raw = np.asarray(bits.random_raw(-(-len(cols) * n // 8)), dtype="<u8")
            out[p - p0, cols] = raw.view(np.uint8)[: len(cols) * n].reshape(len(cols), n)


class _Scratch:
    """Work arrays of one worker, reused from chunk to chunk: fresh memory is slow to touch.

    ``view(name, rows, n)`` is a contiguous (rows, n) array over the start of a flat buffer;
    contiguous, because ``np.take`` into a strided ``out`` takes a slow path."""

    def __init__(self, size: int) -> None:
        import numpy as np

        self.buffers = {
            name: np.empty(size, dtype=dtype)
            for name, dtype in (
                ("num", np.float64),
                ("den", np.float64),
                ("tmp", np.float64),
                ("total", np.float64),
                ("weight", np.float64),
                ("index", np.intp),
            )
        }

    def view(self, name: str, rows: int, n: int) -> Any:
        return self.buffers[name][: rows * n].reshape(rows, n)


def _evaluate(
    model: _Model,
    p0: int,
    p1: int,
    draws: _Draws,
    uniforms: Any,
    out: Floats,
    scratch: _Scratch,
    dims_out: Any = None,
) -> None:
    """Overall scores of places p0..p1 into ``out``; dimension scores into ``dims_out``.

    The sums run indicator by indicator in rubric order, exactly as ``scoring.aggregate``
    does, so with the rubric's weights, no moves and the arithmetic mean a sample is
    bit-for-bit the point score.
    """
    import numpy as np

    rows = p1 - p0
    known = model.known[p0:p1]
    kinds = model.moves[p0:p1].astype(np.intp)
    moving = kinds.any(axis=0) & (uniforms is not None)
    # Blocks of samples small enough for the work arrays to stay in the CPU cache.
    block = max(64, _BLOCK // max(rows, 1))
    blocks = [
        (b0, min(b0 + block, s1), geometric, unknowns)
        for s0, s1, geometric, unknowns in draws.groups
        for b0 in range(s0, s1, block)
    ]
    for s0, s1, geometric, unknowns in blocks:
        n = s1 - s0
        sl = slice(s0, s1)
        table = model.tables[geometric]
        base = np.where(known, model.base[p0:p1], model.unknown_index[unknowns])
        # Per place and indicator: the value if the level stays, and where its lookup starts.
        stay = table[base]
        lut = model.luts[geometric]
        offset = ((kinds * len(table) + base) * SHIFT_RESOLUTION)[:, :, None]
        w_ind = model.ind_weights if draws.w_ind is None else draws.w_ind[:, sl]
        w_dim = [w for w, _ in model.dims] if draws.w_dim is None else draws.w_dim[:, sl]
        num, den, tmp, total, weight, index = (
            scratch.view(name, rows, n) for name in scratch.buffers
        )
        total.fill(0.0)
        # Where every place has every dimension (the usual case) the overall denominator is
        # one sum per sample, not per place: rows, not samples x places, of work.
        everywhere = unknowns != 0 or all(c[p0:p1].all() for c in model.counted)
        if everywhere:
            weight = weight[0]
        weight.fill(0.0)
        for d, (_, cols) in enumerate(model.dims):
            for j, i in enumerate(cols):
                # The first term is written, not added to zeros: the same value, one pass less.
                acc = tmp if j else num
                if moving[i]:
                    np.add(uniforms[:, i, sl], offset[:, i], out=index)
                    np.take(lut, index, out=acc)
                    np.multiply(acc, w_ind[i], out=acc)
                else:
                    np.multiply(stay[:, i, None], w_ind[i], out=acc)
                if j:
                    np.add(num, tmp, out=num)
            _denominators(model, draws, d, p0, p1, unknowns, sl, den)
            # arithmetic: the dimension score; geometric: the mean log of (score + step)
            with np.errstate(invalid="ignore", divide="ignore"):
                np.divide(num, den, out=num)
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
                counts = model.counted[d][p0:p1, None]
                np.add(total, tmp, out=total, where=counts)
                wide = np.broadcast_to(w_dim[d], (rows, n))
                np.add(weight, wide, out=weight, where=counts)
        target = out[:, sl]
        with np.errstate(invalid="ignore", divide="ignore"):
            np.divide(total, weight, out=target)
        if geometric:
            np.exp(target, out=target)
            np.subtract(target, model.step, out=target)
            np.clip(target, 0.0, 100.0, out=target)


def _denominators(
    model: _Model, draws: _Draws, d: int, p0: int, p1: int, unknowns: int, sl: slice, out: Floats
) -> None:
    """Sum of the weights of the counted indicators of dimension ``d``, into ``out``.

    Places sharing a pattern of known indicators share the sum, so it is computed once per
    pattern and block of samples (in rubric order, as ``scoring.aggregate`` sums; kept with
    the draws for the other place chunks) and copied to their rows. With unknowns imputed
    every indicator counts."""
    import numpy as np

    key = (sl.start, sl.stop, unknowns, d)
    sums = draws.sums.get(key)
    patterns, inverse = model.patterns[d]
    if unknowns:
        patterns, inverse = np.ones((1, patterns.shape[1]), dtype=bool), None
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
        np.take(sums, inverse.reshape(-1)[p0:p1], axis=0, out=out)


# --------------------------------------------------------------------------- summaries


def _bands(values: Floats) -> list[tuple[float, ...] | None]:
    """(p5, median, p95, min, max, share) of each row of ``values`` (None: never exists).

    Percentiles interpolate linearly between order statistics (NumPy's default method),
    found by sorting the scores rounded to 1/655.35 of a point: a 16-bit radix sort is
    several times faster than selecting on floats, and the rounding (at most 0.0008 points)
    is far below what any report shows. Rows whose samples all agree get that value exactly;
    every band is kept within the exact min and max.
    """

    rows = values.reshape(-1, values.shape[-1])
    # A few rows at a time: temporaries that fit the cache are not fresh memory each time.
    step = max(1, _BLOCK // rows.shape[1])
    out: list[tuple[float, ...] | None] = []
    for r0 in range(0, len(rows), step):
        out += _bands_block(rows[r0 : r0 + step])
    return out


def _bands_block(rows: Floats) -> list[tuple[float, ...] | None]:
    import numpy as np

    n = rows.shape[1]
    exists = ~np.isnan(rows)
    share = exists.mean(axis=1)
    out: list[tuple[float, ...] | None] = [None] * len(rows)
    full = np.flatnonzero(share == 1.0)
    if len(full):
        sub = rows if len(full) == len(rows) else rows[full]
        lows, highs = sub.min(axis=1), sub.max(axis=1)
        # Scores lie in 0..100 (up to rounding): + 0.5 and truncation round to nearest.
        scaled = sub * _KEYS
        scaled += 0.5
        keys = scaled.astype(np.uint16)
        del scaled
        keys.sort(axis=1, kind="stable")
        found = []
        for q in QUANTILES:
            h = q * (n - 1)
            k = math.floor(h)
            upper = keys[:, min(k + 1, n - 1)].astype(np.float64)
            lower = keys[:, k].astype(np.float64)
            found.append(np.clip((lower + (h - k) * (upper - lower)) / _KEYS, lows, highs))
        same = lows == highs
        for j, r in enumerate(full):
            qs = (lows[j],) * 3 if same[j] else tuple(float(f[j]) for f in found)
            out[r] = (*qs, float(lows[j]), float(highs[j]), 1.0)
    for r in np.flatnonzero((share > 0) & (share < 1)):
        row = rows[r][exists[r]]
        qs = tuple(float(x) for x in np.quantile(row, QUANTILES))
        out[r] = (*qs, float(row.min()), float(row.max()), float(share[r]))
    return out


def _first_order(y: Floats, y_k: Floats) -> tuple[Floats, Floats]:
    """Janon et al. (2014): explained variance and variance, per row, from paired samples.

    Row by row, so that a place's figures do not depend on the other places in its chunk.
    """
    import numpy as np

    explained, variance = np.zeros(len(y)), np.zeros(len(y))
    for r, (a, b) in enumerate(zip(y, y_k, strict=True)):
        mean = ((a + b) / 2).mean()
        explained[r] = (a * b).mean() - mean**2
        variance[r] = ((a * a + b * b) / 2).mean() - mean**2
    return explained, variance


def _correlation_ratio(y: Floats, labels: Any) -> tuple[Floats, Floats]:
    """Between-group variance and variance, per row, of samples grouped by ``labels``.

    For a source with a few discrete values this is Var(E[score | source]) / Var(score)
    itself, from all the main samples: no paired run needed, and less noise than one.
    Row by row, so that a place's figures do not depend on the other places in its chunk.
    """
    import numpy as np

    groups = [(labels == value) for value in np.unique(labels)]
    explained, variance = np.zeros(len(y)), np.zeros(len(y))
    for r, row in enumerate(y):
        mean = row.mean()
        for members in groups:
            explained[r] += members.mean() * (row[members].mean() - mean) ** 2
        variance[r] = row.var()
    return explained, variance


@dataclass(frozen=True)
class _Chunk:
    overall: list[tuple[float, ...] | None]
    dims: list[tuple[float, ...] | None]  # place-major
    explained: dict[str, Floats]
    variance: dict[str, Floats]


@dataclass(frozen=True)
class _Plan:
    """Everything the workers share (read-only), and the matrix they fill."""

    model: _Model
    seed: int
    main: _Draws
    #: Per source: the paired samples (source from main, the rest from the other stream)
    #: and the positions in ``main`` of the main samples they pair with.
    pairs: dict[str, tuple[_Draws, Any]]
    #: Per discrete source (aggregation, unknowns): its value in each main sample.
    discrete: dict[str, Any]
    n_index: int
    overall: Floats  # (places, samples): filled by the workers


def _stripe(plan: _Plan, spans: list[tuple[int, int]]) -> list[_Chunk]:
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
            _level_draws(model, plan.seed, p0, p1, _STREAM_MAIN, main_u)
            if plan.pairs:
                other_u = level_other[:n]
                _level_draws(model, plan.seed, p0, p1, _STREAM_OTHER, other_u)
        overall = plan.overall[p0:p1]
        _evaluate(model, p0, p1, plan.main, main_u, overall, scratch, dims[:n])
        explained: dict[str, Floats] = {}
        variance: dict[str, Floats] = {}
        for source, (draws, positions) in plan.pairs.items():
            uniforms = other_u
            if source == "confidence" and main_u is not None:
                uniforms = main_u[:, :, positions]
            _evaluate(model, p0, p1, draws, uniforms, paired[:n], scratch)
            y = overall[:, positions]
            explained[source], variance[source] = _first_order(y, paired[:n])
        for source, labels in plan.discrete.items():
            explained[source], variance[source] = _correlation_ratio(overall, labels)
        out.append(_Chunk(_bands(overall), _bands(dims[:n]), explained, variance))
    return out


def _rank_order(scores: Floats) -> Any:
    """Per row (a sample), the columns (places in id order) best first; ties and no score
    as in ``scoring.rank``: equal scores by id, no score last.

    A float sort is slow here, so scores are first ordered by a 32-bit key (two passes of
    NumPy's 16-bit radix sort, stable); equal scores have equal keys and keep id order. Only
    distinct scores closer than the key's resolution (2e-8 points) can share a key in the
    wrong order: the rows where that happened are sorted again on the exact scores.
    """
    import numpy as np

    missing = np.isnan(scores)
    key = np.subtract(100.0, scores)
    key *= (2**32 - 2) / 100.0
    key += 0.5
    np.clip(key, 0.0, 2**32 - 2, out=key)
    key[missing] = 2**32 - 1
    key32 = key.astype(np.uint32)
    low = (key32 & 0xFFFF).astype(np.uint16)
    first = np.argsort(low, axis=1, kind="stable")
    high = np.take_along_axis((key32 >> 16).astype(np.uint16), first, axis=1)
    order = np.take_along_axis(first, np.argsort(high, axis=1, kind="stable"), axis=1)
    exact = np.where(missing, -np.inf, scores)
    ordered = np.take_along_axis(exact, order, axis=1)
    wrong = (ordered[:, 1:] > ordered[:, :-1]).any(axis=1)
    if wrong.any():
        order[wrong] = np.argsort(-exact[wrong], axis=1, kind="stable")
    return order


def _rank_counts(overall: Floats, spans: list[tuple[int, int]]) -> Any:
    """counts[p, r]: samples (in ``spans``) in which place p (id order) has rank r + 1."""
    import numpy as np

    places = overall.shape[0]
    counts = np.zeros(places * places, dtype=np.int32)
    one = np.ones(1, dtype=np.int32)
    column = np.arange(places)
    for s0, s1 in spans:
        order = _rank_order(overall[:, s0:s1].T)
        ranks = np.empty_like(order)
        np.put_along_axis(ranks, order, column[None, :], axis=1)
        ranks += column * places
        np.add.at(counts, ranks.reshape(-1), one)  # same dtype: the fast path of add.at
    return counts.reshape(places, places)


def _rank_band(counts: Any, point: int) -> RankBand:
    import numpy as np

    total = int(counts.sum())
    seen = np.flatnonzero(counts)
    low, high = int(seen[0]), int(seen[-1])
    median = int(np.searchsorted(np.cumsum(counts), (total + 1) // 2)) + 1
    compact = array("q", counts[low : high + 1].astype(np.int64).tobytes())
    return RankBand(point, median, low + 1, high + 1, total, compact)


def _band(row: tuple[float, ...] | None, point: float | None) -> Band | None:
    if row is None:
        return None
    p5, median, p95, low, high, share = row
    return Band(point, p5, median, p95, low, high, share)


def _workers(requested: int | None) -> int:
    if requested is not None:
        return max(1, requested)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _spans(total: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def _pooled(chunks: Iterable[_Chunk], sources: Iterable[str]) -> dict[str, float | None]:
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


def _place_index(chunk: _Chunk, k: int, sources: Iterable[str]) -> dict[str, float | None]:
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


# --------------------------------------------------------------------------- the API


def require_numpy() -> None:
    """Raise the UserError that tells how to install NumPy, when it is missing."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise UserError(
            "policebench sensitivity needs NumPy", "pip install 'policebench[sensitivity]'"
        ) from None


def run(
    rubric: Rubric,
    profiles: Sequence[Profile],
    *,
    samples: int = 10_000,
    seed: int = 0,
    settings: Uncertainty | None = None,
    index_samples: int | None = None,
    workers: int | None = None,
) -> SensitivityResult:
    """Bands, rank probabilities and sensitivity indices of ``profiles`` under ``rubric``.

    ``settings`` defaults to ``rubric.uncertainty``; ``index_samples`` (default: the smaller
    of ``samples`` and 1000) is the number of sample pairs behind the pick-freeze indices;
    ``workers`` threads share the work (default: the CPU cores, at most 8) without changing
    the result. Ranks are among ``profiles``. Raises UserError for bad settings, an empty or
    duplicated list of places, or when NumPy is not installed.
    """
    require_numpy()
    import numpy as np

    settings = settings or rubric.uncertainty
    for _, message, hint in uncertainty_issues(rubric, settings)[:1]:
        raise UserError(f"rubric '{rubric.id}' uncertainty: {message}", hint)
    if samples < 1 or seed < 0:
        raise UserError("samples must be at least 1 and seed at least 0")
    if not profiles:
        raise UserError("no places to analyse")
    ids = [p.id for p in profiles]
    if len(set(ids)) != len(ids):
        raise UserError("a place is listed twice", "give each place once")
    # The one array that grows with places x samples: every overall score, for the ranks.
    if len(profiles) * samples * 8 > _MEMORY:
        need = len(profiles) * samples * 8 / 2**30
        raise UserError(
            f"{len(profiles)} places x {samples} samples need about {need:.0f} GiB of memory",
            "use fewer --samples: 10000 already place band ends within a few tenths of a point",
        )
    sources = active_sources(rubric, settings)
    n_index = min(samples, 1000) if index_samples is None else max(1, min(index_samples, samples))
    model = _prepare(rubric, profiles, settings)
    drawn = _draw(model, settings, samples, seed, _STREAM_MAIN)
    main = drawn.take(np.arange(samples))
    # The first n_index drawn samples pair with the index runs; find them in sorted main.
    where = np.empty(samples, dtype=np.intp)
    where[main.order] = np.arange(samples)
    head = drawn.head(n_index)
    other = _draw(model, settings, n_index, seed, _STREAM_OTHER)
    pairs: dict[str, tuple[_Draws, Any]] = {}
    for source in ("weights", "confidence"):
        if source in sources and n_index >= 2:  # one pair estimates nothing
            mixed = _mixed(source, head, other)
            pairs[source] = (mixed, where[mixed.order])
    discrete: dict[str, Any] = {
        s: main.geometric if s == "aggregation" else main.unknowns
        for s in ("aggregation", "unknowns")
        if s in sources
    }
    places = len(model.ids)
    plan = _Plan(model, seed, main, pairs, discrete, n_index, np.empty((places, samples)))
    threads = _workers(workers)
    spans = _spans(places, max(1, min(64, _CHUNK // samples)))
    stripes = [spans[k::threads] for k in range(threads) if spans[k::threads]]
    sample_spans = _spans(samples, max(1, _BLOCK // places))
    rank_stripes = [sample_spans[k::threads] for k in range(threads)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        done = list(pool.map(lambda stripe: _stripe(plan, stripe), stripes))
        counts = sum(pool.map(lambda stripe: _rank_counts(plan.overall, stripe), rank_stripes))
    by_start = {
        span[0]: chunk
        for stripe, chunks in zip(stripes, done, strict=True)
        for span, chunk in zip(stripe, chunks, strict=True)
    }
    chunks = [by_start[start] for start, _ in spans]
    return _result(rubric, profiles, settings, samples, seed, n_index, sources, chunks, counts)


def _result(
    rubric: Rubric,
    profiles: Sequence[Profile],
    settings: Uncertainty,
    samples: int,
    seed: int,
    n_index: int,
    sources: tuple[str, ...],
    chunks: list[_Chunk],
    counts: Any,
) -> SensitivityResult:
    by_id = {p.id: p for p in profiles}
    ordered = sorted(by_id)
    cards = rank([score(rubric, by_id[i]) for i in ordered])
    point_rank = {card.city_id: n for n, card in enumerate(cards, 1)}
    card_of = {card.city_id: card for card in cards}
    rows = [(c, k) for c in chunks for k in range(len(c.overall))]
    dim_ids = [d.id for d in rubric.dimensions]
    results = {}
    for p, place_id in enumerate(ordered):
        chunk, k = rows[p]
        card = card_of[place_id]
        profile = by_id[place_id]
        dims = chunk.dims[k * len(dim_ids) : (k + 1) * len(dim_ids)]
        results[place_id] = PlaceResult(
            id=place_id,
            name=profile.name,
            name_zh=profile.name_zh,
            overall=_band(chunk.overall[k], card.overall),
            rank=_rank_band(counts[p], point_rank[place_id]),
            dimensions={
                d: _band(row, card.dimensions[d].score)
                for d, row in zip(dim_ids, dims, strict=True)
            },
            index=_place_index(chunk, k, sources),
        )
    return SensitivityResult(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        samples=samples,
        seed=seed,
        index_samples=n_index,
        settings=settings,
        sources=sources,
        places=tuple(results[c.city_id] for c in cards),
        index=_pooled(chunks, sources),
    )
