"""The sampling model of :mod:`policebench.analysis.sensitivity`: arrays and random draws.

Split from ``sensitivity`` so that what one sample draws (and from which seeded stream) is
read in one place, apart from how the samples are scored and summarised. Internal: the API
is :func:`policebench.analysis.sensitivity.run`. NumPy is imported inside the functions, so
importing this module stays cheap.

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
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from policebench.analysis.sensitivity_settings import SOURCES, impute_bounds
from policebench.errors import UserError
from policebench.models import Profile, Rubric, Uncertainty
from policebench.scoring import levels_of

#: Move probabilities are applied as whole counts out of this (one random byte per level).
SHIFT_RESOLUTION = 256
#: The two streams of draws: the main samples, and the others that the index pairs mix in.
STREAM_MAIN, STREAM_OTHER = 0, 1
#: What unknown levels become in a sample (an index into this is drawn per sample).
LEFT_OUT = ("omit", "lowest", "highest")


@dataclass(frozen=True)
class Model:
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


def prepare(rubric: Rubric, profiles: Sequence[Profile], settings: Uncertainty) -> Model:
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
    return Model(
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
class Draws:
    """The per-sample choices of a set of samples, sorted so that samples sharing an
    aggregation and an unknowns rule are contiguous (``groups``: start, end, geometric,
    unknowns). ``order[j]`` is the drawn sample at position j. Level draws come separately."""

    w_dim: Any  # (D, n) or None: the rubric's weights
    w_ind: Any  # (I, n) or None
    geometric: Any  # (n,) bool
    unknowns: Any  # (n,) int8: index into LEFT_OUT
    order: Any  # (n,) intp
    groups: list[tuple[int, int, bool, int]]
    #: Denominator sums per (first sample, samples, unknowns, dimension), filled as needed.
    sums: dict[tuple[int, int, int, int], Any] = field(default_factory=dict, compare=False)

    def head(self, n: int) -> Draws:
        """The first ``n`` samples, in drawing order (for draws not yet sorted)."""
        return Draws(
            None if self.w_dim is None else self.w_dim[:, :n],
            None if self.w_ind is None else self.w_ind[:, :n],
            self.geometric[:n],
            self.unknowns[:n],
            self.order[:n],
            [],
        )

    def take(self, positions: Any) -> Draws:
        """The samples at ``positions`` (in that order), regrouped."""
        return _sorted(
            None if self.w_dim is None else self.w_dim[:, positions],
            None if self.w_ind is None else self.w_ind[:, positions],
            self.geometric[positions],
            self.unknowns[positions],
        )


def _sorted(w_dim: Any, w_ind: Any, geometric: Any, unknowns: Any) -> Draws:
    import numpy as np

    code = geometric.astype(np.int8) * len(LEFT_OUT) + unknowns
    order = np.argsort(code, kind="stable")
    code = code[order]
    starts = np.flatnonzero(np.diff(code, prepend=-1))
    ends = [*starts[1:], len(code)]
    groups = [
        (int(s), int(e), bool(code[s] >= len(LEFT_OUT)), int(code[s] % len(LEFT_OUT)))
        for s, e in zip(starts, ends, strict=True)
    ]
    return Draws(
        None if w_dim is None else w_dim[:, order],
        None if w_ind is None else w_ind[:, order],
        geometric[order],
        unknowns[order],
        order,
        groups,
    )


def draw(model: Model, settings: Uncertainty, n: int, seed: int, stream: int) -> Draws:
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
        unknowns = rng.integers(0, len(LEFT_OUT), size=n).astype(np.int8)
    else:
        unknowns = np.zeros(n, dtype=np.int8)
    identity = np.arange(n)
    return Draws(w_dim, w_ind, geometric, unknowns, identity, [])


def mixed_draws(source: str, main: Draws, other: Draws) -> Draws:
    """``source`` from ``main``, every other per-sample choice from ``other`` (same length)."""
    return _sorted(
        (main if source == "weights" else other).w_dim,
        (main if source == "weights" else other).w_ind,
        (main if source == "aggregation" else other).geometric,
        (main if source == "unknowns" else other).unknowns,
    )


def level_draws(model: Model, seed: int, p0: int, p1: int, stream: int, out: Any) -> None:
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
