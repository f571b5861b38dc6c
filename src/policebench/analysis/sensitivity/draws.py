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
  as whole counts out of 256 (one random byte per level and sample: of a share of s bytes,
  the lowest s // 2 values move the level down and the highest s - s // 2 up). A known
  level without a confidence counts as low; a consensus level's confidence is lowered by
  the assessors' spread (``Assessment.effective_confidence``); a stale level (its newest
  source older than the rubric's ``evidence_max_age``) counts one step lower
  (``models.freshness``, kept in each scorecard as ``effective_confidence``);
* **unknowns**: with ``impute_unknown``, all unknown levels are left out, all at
  ``impute_min`` or all at ``impute_max`` (equal chance); otherwise always left out. A level
  marked not applicable is never imputed: it is always left out.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from policebench.analysis.sensitivity.settings import SOURCES
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.models import Rubric, Uncertainty
from policebench.scoring import Scorecard
from policebench.validation.uncertainty import impute_bounds

#: Move probabilities are applied as whole counts out of this (one random byte per level).
SHIFT_RESOLUTION = 256
#: The two streams of draws: the main samples, and the others that the index pairs mix in.
STREAM_MAIN, STREAM_OTHER = 0, 1
#: What unknown levels become in a sample (an index into this is drawn per sample).
LEFT_OUT = ("omit", "lowest", "highest")


@dataclass(frozen=True)
class Model:
    """The rubric and places as arrays, places in id order.

    A level is held as a *digit*: ``level - scale.min`` (0..count-1), or ``count`` for a
    level left out. A sample moves a level by a random byte u: down when ``u < t_down``,
    up when ``u > t_up``, else it stays. The thresholds are per place and indicator, so
    that a level at the scale's bottom never moves down (``t_down`` 0) nor one at its top
    up (``t_up`` 255), and a level that never moves has both."""

    ids: list[str]
    keys: list[int]
    dims: list[tuple[float, list[int]]]
    ind_weights: list[float]
    digits: Any  # (P, I) int32; unknown entries are ``count`` (left out), replaced per sample
    known: Any  # (P, I) bool
    #: (P, I) bool: False where the indicator is n/a for the place (never imputed).
    applicable: Any
    moves: Any  # (P, I) int8: 0 never moves, 1 low confidence, 2 medium
    t_down: Any  # (P, I) uint8
    t_up: Any  # (P, I) uint8
    shiftable: list[Any]  # per place: the indicator columns that may move
    #: The digit of an unknown level: left out, imputed lowest, imputed highest.
    unknown_digit: tuple[int, int, int]
    #: Per digit (count + 1 of them): the arithmetic score and, for the geometric mean,
    #: log(score + step); the last digit (left out) is worth 0 in both.
    values: tuple[list[float], list[float]]
    step: float
    #: Per dimension: the distinct patterns of known indicators (k, |d|) and each place's one.
    patterns: list[tuple[Any, Any]]
    #: Per dimension: (P,) bool, the place knows at least one of its indicators.
    counted: list[Any]
    #: As ``patterns`` and ``counted`` when unknowns are imputed: the applicable indicators.
    applicable_patterns: list[tuple[Any, Any]]
    applicable_counted: list[Any]
    #: Alternative weight sets, the rubric's first, each (dimension weights, indicator
    #: weights in column order); empty when only the rubric's weights are used. A sample
    #: draws one of them, each equally likely, and then its weights around it.
    weight_sets: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = ()

    @property
    def digit_count(self) -> int:
        return len(self.values[0])


def prepare(
    rubric: Rubric,
    cards: Sequence[Scorecard],
    settings: Uncertainty,
    alternatives: Sequence[Rubric] = (),
) -> Model:
    """The model of the places scored in ``cards`` (their levels, what is n/a, and each
    level's effective confidence: all a card holds, so no profile is needed).
    ``alternatives``: rubrics with the same dimensions and indicators whose weights are
    other weight sets (an AHP panel's, entropy's)."""
    import numpy as np

    scale = rubric.scale
    low, high = scale.min, scale.max
    count = high - low + 1
    arith = [100.0 * (level - low) / (high - low) for level in scale.span]
    step = 100.0 / (high - low)
    values = ([*arith, 0.0], [*(math.log(s + step) for s in arith), 0.0])
    columns = {ind_id: n for n, ind_id in enumerate(rubric.indicators)}
    dims = [(d.weight, [columns[i.id] for i in d.indicators]) for d in rubric.dimensions]
    places = sorted(cards, key=lambda c: c.city_id)
    n_places, n_ind = len(places), len(columns)
    digits = np.full((n_places, n_ind), count, dtype=np.int32)
    known = np.zeros((n_places, n_ind), dtype=bool)
    applicable = np.ones((n_places, n_ind), dtype=bool)
    moves = np.zeros((n_places, n_ind), dtype=np.int8)
    t_down = np.zeros((n_places, n_ind), dtype=np.uint8)
    t_up = np.full((n_places, n_ind), SHIFT_RESOLUTION - 1, dtype=np.uint8)
    # Of the 256 byte values, share // 2 move a level down and the rest of share up.
    shares = [0, round(settings.low_shift * SHIFT_RESOLUTION)]
    shares.append(round(settings.medium_shift * SHIFT_RESOLUTION))
    kind = {"low": 1, None: 1, "medium": 2, "high": 0}
    shiftable = []
    for p, card in enumerate(places):
        for ind_id, scored in card.indicators.items():
            if not scored.applicable:
                applicable[p, columns[ind_id]] = False
            level = scored.level
            if level is None:
                continue
            if level not in scale.span:
                raise UserError(
                    Msg(
                        "draw-level-range",
                        place=card.city_id,
                        level=level,
                        id=ind_id,
                        min=low,
                        max=high,
                    ),
                    Msg("draw-level-range-hint"),
                )
            i = columns[ind_id]
            digits[p, i] = level - low
            known[p, i] = True
            k = kind[scored.effective_confidence]
            share = shares[k]
            moves[p, i] = k if share else 0
            # A move off the scale stays put: no down region at the bottom, no up at the top.
            if level > low:
                t_down[p, i] = share // 2
            if level < high:
                t_up[p, i] = SHIFT_RESOLUTION - 1 - (share - share // 2)
        shiftable.append(np.flatnonzero(moves[p]))
    imp_low, imp_high = impute_bounds(rubric, settings)
    return Model(
        ids=[c.city_id for c in places],
        keys=[
            int.from_bytes(hashlib.sha256(c.city_id.encode()).digest()[:8], "big") for c in places
        ],
        dims=dims,
        ind_weights=[rubric.indicators[i].weight for i in columns],
        digits=digits,
        known=known,
        applicable=applicable,
        moves=moves,
        t_down=t_down,
        t_up=t_up,
        shiftable=shiftable,
        unknown_digit=(count, imp_low - low, imp_high - low),
        values=values,
        step=step,
        patterns=[np.unique(known[:, cols], axis=0, return_inverse=True) for _, cols in dims],
        counted=[known[:, cols].any(axis=1) for _, cols in dims],
        applicable_patterns=[
            np.unique(applicable[:, cols], axis=0, return_inverse=True) for _, cols in dims
        ],
        applicable_counted=[applicable[:, cols].any(axis=1) for _, cols in dims],
        weight_sets=tuple(
            (
                tuple(d.weight for d in r.dimensions),
                tuple(r.indicators[i].weight for i in columns),
            )
            for r in ((rubric, *alternatives) if alternatives else ())
        ),
    )


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
    if model.weight_sets:
        w_dim, w_ind = _set_weights(model, settings, n, seed, stream)
    elif settings.concentration is not None:
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


def _set_weights(
    model: Model, settings: Uncertainty, n: int, seed: int, stream: int
) -> tuple[Any, Any]:
    """The weights of ``n`` samples when there are several weight sets: each sample picks a
    set (equally likely), then draws around it as for the rubric's alone (or takes it as it
    is, when the concentration is null)."""
    import numpy as np

    picks = _generator(seed, stream, SOURCES.index("weights"), 1).integers(
        0, len(model.weight_sets), size=n
    )
    rng = _generator(seed, stream, SOURCES.index("weights"))
    c = settings.concentration
    w_dim = np.empty((len(model.dims), n))
    w_ind = np.ones((len(model.ind_weights), n))
    for k, (dims, inds) in enumerate(model.weight_sets):
        chosen = np.flatnonzero(picks == k)
        if not len(chosen):
            continue
        centre = np.array(dims) / sum(dims)
        if c is None:
            w_dim[:, chosen] = centre[:, None]
        else:
            w_dim[:, chosen] = rng.dirichlet(c * centre, size=len(chosen)).T
        for _, cols in model.dims:
            if len(cols) > 1:
                weights = np.array([inds[i] for i in cols])
                share = weights / weights.sum()
                if c is None:
                    w_ind[np.ix_(np.array(cols), chosen)] = share[:, None]
                else:
                    w_ind[np.ix_(np.array(cols), chosen)] = rng.dirichlet(
                        c * share, size=len(chosen)
                    ).T
    return w_dim, w_ind


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
