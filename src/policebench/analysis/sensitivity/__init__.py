"""Uncertainty and sensitivity of scores and ranks (OECD/JRC handbook, step 7). Pure.

A composite score hides choices: the weights, how scores are aggregated, what the assessor's
doubtful levels really are, and what unknowns count as. Each Monte Carlo sample redraws them
all, under the rubric's :class:`~policebench.models.Uncertainty` settings; the spread of the
samples says how sure "J City ranks 4th" is. The method, for planners: docs/sensitivity.md.

For the other engineers' reports, the API is :func:`run`::

    result = run(rubric, profiles, samples=10_000, seed=0)   # or their scorecards
    place = result.place("j-city")
    place.overall        # Band(point, p5, median, p95, min, max, share) or None
    place.rank           # RankBand(point, median, min, max, samples, counts); p5, p95
    place.dimensions     # {dimension id: Band | None}
    result.index         # {source: first-order index over all places, or None}

and :func:`policebench.render.sensitivity.band_text` turns a band into ``"52.2 (47–58)"``.
The same seed gives the same result to the last bit; a place's bands do not depend on which
other places are analysed (its level draws are keyed by its id), only its ranks do.

How it is built, module by module of this package: :mod:`.draws` holds the model and what one
sample draws, :mod:`.tables` the per-sample tables a group of indicators is looked up in,
:mod:`.engine` scores the samples, one worker's place chunks at a time, :mod:`.stats` turns the
scores into bands, rank positions and first-order indices (what an index means is said there),
:mod:`.workers` runs the work in threads, or in forked processes for large runs, and
:mod:`.settings` says what the rubric's settings switch on. This ``__init__`` keeps the result
types and :func:`run`, which checks the inputs and puts the pieces together: what ``__all__``
names is the API. Outside the package, nothing takes a private (``_x``) name from any of
these modules (tests/test_layering.py checks it).

NumPy is imported only inside functions, never when a module is imported. The settings'
cross-checks are rubric checks
(:func:`policebench.validation.uncertainty.uncertainty_issues`), which
``validate`` runs without loading any of this; what the settings switch on is in
:mod:`policebench.analysis.sensitivity.settings`.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from policebench.analysis.sensitivity.draws import (
    SHIFT_RESOLUTION,
    STREAM_MAIN,
    STREAM_OTHER,
    Draws,
    draw,
    mixed_draws,
    prepare,
)
from policebench.analysis.sensitivity.engine import (
    Chunk,
    Plan,
    place_index,
    pooled,
)
from policebench.analysis.sensitivity.settings import active_sources
from policebench.analysis.sensitivity.stats import BLOCK, QUANTILES
from policebench.analysis.sensitivity.tables import Tables
from policebench.analysis.sensitivity.tables import build as build_tables
from policebench.analysis.sensitivity.workers import (
    Histograms,
    execute,
    matrix,
    prefault,
    rank_dtype,
    use_processes,
    worker_count,
)
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.models import Profile, Rubric, Uncertainty
from policebench.scoring import Scorecard, aggregate, rank_key, score
from policebench.validation.uncertainty import uncertainty_issues

__all__ = [
    "QUANTILES",
    "SHIFT_RESOLUTION",
    "Band",
    "PlaceResult",
    "RankBand",
    "SensitivityResult",
    "WeightSet",
    "require_numpy",
    "run",
]

#: Place chunks hold about this many (place, sample) pairs (with 10,000 samples, 52 places):
#: per chunk a worker holds its level bytes (21 per pair) and dimension scores in memory.
_CHUNK = 2**19
#: ... for rubrics of up to this many indicators; a chunk holds fewer pairs beyond, so that
#: its memory stays the same (a rubric of 1,000 indicators: 2**19 * 32 / 1000 pairs).
_CHUNK_INDICATORS = 32
#: At most this many bytes for the two matrices that grow with places x samples: the overall
#: scores (8 bytes a pair) and the ranks (2 bytes a pair, 4 beyond 65,536 places).
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

    ``median`` is the smallest rank r with P(rank <= r) >= 1/2 (:meth:`quantile`, as
    ``p5`` and ``p95``). ``counts[k]`` is the number of samples with rank ``min + k``: only
    the ranks between the best and the worst the place took are stored (with thousands of
    places the full table of probabilities is large; :attr:`probabilities` builds it on
    demand).
    """

    point: int
    median: int
    min: int
    max: int
    samples: int
    counts: array[int]

    def quantile(self, q: float) -> int:
        """The smallest rank r with P(rank <= r) >= ``q``."""
        return self.quantiles(q)[0]

    def quantiles(self, *qs: float) -> tuple[int, ...]:
        """:meth:`quantile` of each of ``qs``, from one running sum of the counts (made and
        searched by NumPy over the array as it is, and not kept: thousands of places)."""
        import numpy as np

        running = np.cumsum(np.frombuffer(self.counts, dtype=self.counts.typecode), dtype=np.int64)
        found = np.searchsorted(running, [q * self.samples for q in qs])
        return tuple(min(self.min + int(k), self.max) for k in found)

    @property
    def p5(self) -> int:
        return self.quantile(0.05)

    @property
    def p95(self) -> int:
        return self.quantile(0.95)

    def probability(self, rank: int) -> float:
        """The share of samples in which the place has ``rank``."""
        if self.min <= rank <= self.max:
            return self.counts[rank - self.min] / self.samples
        return 0.0

    @property
    def mode(self) -> int:
        """The most likely rank: the one with the most samples, the better rank on a tie
        (NumPy's argmax over the counts as they are: the first maximum)."""
        import numpy as np

        return self.min + int(np.argmax(np.frombuffer(self.counts, dtype=self.counts.typecode)))

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
    #: None when the place has no overall score of its own (nothing known): it is ranked
    #: nowhere, as `score` ranks it (``scoring.ranks``), even when imputed unknowns give it
    #: scores in the samples (its band then shows them; the others' ranks count it).
    rank: RankBand | None
    dimensions: dict[str, Band | None]
    #: First-order index of each source for this place's overall score (None: not varied,
    #: or the score does not vary at all).
    index: dict[str, float | None]


@dataclass(frozen=True)
class WeightSet:
    """The point scores and ranks under one weight set (the rubric's, an AHP panel's...)."""

    name: str
    overall: dict[str, float | None]
    #: None for a place with no overall under this set (nothing known).
    rank: dict[str, int | None]


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
    #: When alternative weight sets were given: the rubric's first, then each, with every
    #: place's point score and rank under it (the samples draw among them).
    weight_sets: tuple[WeightSet, ...] = ()

    def rank_spread(self, place_id: str) -> tuple[int, int] | None:
        """The best and worst rank of a place across the weight sets (None without any, or
        when the place is ranked under none)."""
        ranks = [r for w in self.weight_sets if (r := w.rank[place_id]) is not None]
        return (min(ranks), max(ranks)) if ranks else None

    @property
    def sample_ranks(self) -> int:
        """How many ranks the samples hand out: one per place with a score in some sample
        (a place with nothing known but imputed scores takes ranks there, yet has no rank
        of its own). The ranks a table of probabilities runs to."""
        return sum(1 for place in self.places if place.overall is not None)

    def place(self, place_id: str) -> PlaceResult:
        """The result of the place with id ``place_id``."""
        for place in self.places:
            if place.id == place_id:
                return place
        raise KeyError(place_id)


def _rank_band(low: int, counts: Any, point: int) -> RankBand:
    """From the counts of ranks low + 1, low + 2, ... (both ends occur)."""
    import numpy as np

    total = int(counts.sum())
    median = low + int(np.searchsorted(np.cumsum(counts), (total + 1) // 2)) + 1
    compact = array("i", counts.astype(np.int32).tobytes())  # half of int64's 62 MB
    return RankBand(point, median, low + 1, low + len(counts), total, compact)


def _band(row: tuple[float, ...] | None, point: float | None) -> Band | None:
    if row is None:
        return None
    p5, median, p95, low, high, share = row
    return Band(point, p5, median, p95, low, high, share)


def _spans(total: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(start + size, total)) for start in range(0, total, size)]


# --------------------------------------------------------------------------- the API


def require_numpy() -> None:
    """Raise the UserError that tells how to install NumPy, when it is missing."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise UserError(
            Msg("needs-numpy"),
            Msg("needs-numpy-hint"),
        ) from None


def run(
    rubric: Rubric,
    places: Sequence[Profile | Scorecard],
    *,
    samples: int = 10_000,
    seed: int = 0,
    settings: Uncertainty | None = None,
    index_samples: int | None = None,
    workers: int | None = None,
    weight_sets: Sequence[tuple[str, Rubric]] = (),
) -> SensitivityResult:
    """Bands, rank probabilities and sensitivity indices of ``places`` under ``rubric``:
    their profiles, or their scorecards against ``rubric`` (which hold all the analysis
    needs: a province's thousands of cached cards, with no profile validated or held).

    ``settings`` defaults to ``rubric.uncertainty``; ``index_samples`` (default: the smaller
    of ``samples`` and 1000) is the number of sample pairs behind the pick-freeze indices;
    ``workers`` threads share the work (default: the CPU cores, at most 8) without changing
    the result. Ranks are among ``profiles``. ``weight_sets``: named rubrics with the same
    dimensions and indicators as ``rubric``, whose weights are alternatives to its own (an
    AHP panel's, entropy's): each sample draws one of the sets (the rubric's included),
    equally likely, and its weights around it, so the weights' index includes whose weights
    are used; the result gives each set's point ranks. Raises UserError for bad settings,
    an empty or duplicated list of places, a weight set over other indicators, or when
    NumPy is not installed.
    """
    require_numpy()
    settings = settings or rubric.uncertainty
    for _, message, hint in uncertainty_issues(rubric, settings)[:1]:
        raise UserError(Msg("rubric-uncertainty", id=rubric.id, problem=message), hint)
    if samples < 1 or seed < 0:
        raise UserError(Msg("samples-seed"))
    if not places:
        raise UserError(Msg("no-places"))
    cards = [p if isinstance(p, Scorecard) else score(rubric, p) for p in places]
    ids = [c.city_id for c in cards]
    if len(set(ids)) != len(ids):
        raise UserError(Msg("place-twice"), Msg("place-twice-hint"))
    # The arrays that grow with places x samples: every overall score, and every rank; and
    # those that grow with samples x indicators: the weights drawn for each sample (main,
    # the index pairs, their mixes: about 4 copies of 8 bytes) and, with drawn weights, the
    # per-sample tables (a row per sample for each pair of indicators, (levels + 1)^2
    # entries of 8 bytes; the index runs add two sets of up to 1000 samples). Checked before
    # any is made: a rubric of 1,000 indicators, 10,000 samples needs about 1.8 GB.
    per_pair = 8 + (2 if len(cards) <= 2**16 else 4)
    n_ind = sum(len(dim.indicators) for dim in rubric.dimensions)
    entries = (len(rubric.scale.span) + 1) ** 2
    tabled = samples + 2 * min(samples, 1000)
    growing = (
        len(cards) * samples * per_pair
        + samples * n_ind * 8 * 4
        + tabled * ((n_ind + 1) // 2) * entries * 8
    )
    if growing > _MEMORY:
        need = growing / 2**30
        raise UserError(
            Msg(
                "memory-need",
                places=len(cards),
                samples=samples,
                indicators=n_ind,
                need=f"{need:.0f}",
            ),
            Msg("memory-need-hint"),
        )
    for name, alternative in weight_sets:
        _same_items(rubric, name, alternative)
    sources = active_sources(rubric, settings, 1 + len(weight_sets))
    n_index = min(samples, 1000) if index_samples is None else max(1, min(index_samples, samples))
    levels = {c.city_id: c.levels for c in cards}
    # The matrices of every sample's scores and ranks are gone when it returns: the results
    # (3,000 places' rank counts) are made without 300 MB under them.
    chunks, counts, points = _sampled(
        rubric, cards, settings, samples, seed, workers, weight_sets, sources, n_index, levels
    )
    result = _result(
        rubric, cards, settings, samples, seed, n_index, sources, chunks, counts, points
    )
    if not weight_sets:
        return result
    sets = [_weight_set(rubric.id, points)]
    sets += [_weight_set(name, _points(alt, levels)) for name, alt in weight_sets]
    return replace(result, weight_sets=tuple(sets))


def _sampled(
    rubric: Rubric,
    cards: list[Scorecard],
    settings: Uncertainty,
    samples: int,
    seed: int,
    workers: int | None,
    weight_sets: Sequence[tuple[str, Rubric]],
    sources: tuple[str, ...],
    n_index: int,
    levels: dict[str, dict[str, int | None]],
) -> tuple[list[Chunk], Histograms, list[Point]]:
    """The samples drawn and scored (:func:`run`'s work): each chunk of places' summaries,
    each place's rank counts, and the point scores."""
    import numpy as np

    n_places = len(cards)
    threads = worker_count(workers)
    processes = use_processes(n_places * samples, threads)
    overall = matrix(n_places, samples, np.float64, processes)
    ranks = matrix(samples, n_places, rank_dtype(n_places), processes)
    # Fresh memory is slow to touch; another core does it while this one prepares the plan.
    touched = prefault(overall) if processes else None
    model = prepare(rubric, cards, settings, [r for _, r in weight_sets])
    drawn = draw(model, settings, samples, seed, STREAM_MAIN)
    main = drawn.take(np.arange(samples))
    # The first n_index drawn samples pair with the index runs; find them in sorted main.
    where = np.empty(samples, dtype=np.intp)
    where[main.order] = np.arange(samples)
    head = drawn.head(n_index)
    other = draw(model, settings, n_index, seed, STREAM_OTHER)
    pairs: dict[str, tuple[Draws, Any, Tables]] = {}
    for source in ("weights", "confidence"):
        if source in sources and n_index >= 2:  # one pair estimates nothing
            mixed = mixed_draws(source, head, other)
            pairs[source] = (mixed, where[mixed.order], build_tables(model, mixed))
    discrete: dict[str, Any] = {
        s: main.geometric if s == "aggregation" else main.unknowns
        for s in ("aggregation", "unknowns")
        if s in sources
    }
    if touched is not None:
        touched.join()
    plan = Plan(model, seed, main, build_tables(model, main), pairs, discrete, n_index, overall)
    # A chunk's work arrays grow with its pairs x indicators: fewer pairs with more indicators.
    n_ind = sum(len(dim.indicators) for dim in rubric.dimensions)
    per_chunk = _CHUNK * _CHUNK_INDICATORS // max(_CHUNK_INDICATORS, n_ind)
    spans = _spans(n_places, max(1, min(64, per_chunk // samples)))
    stripes = [spans[k::threads] for k in range(threads) if spans[k::threads]]
    sample_spans = _spans(samples, max(1, BLOCK // n_places))
    rank_stripes = [sample_spans[k::threads] for k in range(threads)]
    return execute(plan, stripes, rank_stripes, ranks, lambda: _points(rubric, levels), processes)


def _same_items(rubric: Rubric, name: str, other: Rubric) -> None:
    """A weight set must weigh the rubric's own dimensions and indicators."""
    mine = [(d.id, [i.id for i in d.indicators]) for d in rubric.dimensions]
    theirs = [(d.id, [i.id for i in d.indicators]) for d in other.dimensions]
    if mine != theirs:
        raise UserError(
            Msg("weight-set-other-items", name=name, id=rubric.id),
            Msg("weight-set-other-items-hint"),
        )


def _weight_set(name: str, points: list[Point]) -> WeightSet:
    return WeightSet(
        name,
        {place_id: overall for place_id, overall, _ in points},
        {
            place_id: None if overall is None else n
            for n, (place_id, overall, _) in enumerate(points, 1)
        },
    )


#: A place's point scores: id, overall, and each dimension's (None where unknown).
Point = tuple[str, float | None, dict[str, float | None]]


def _points(rubric: Rubric, levels: dict[str, dict[str, int | None]]) -> list[Point]:
    """The point scores (``scoring.aggregate``, as `score` prints them), best first."""
    out = []
    for place_id, known in levels.items():
        overall, _, dims = aggregate(rubric, known)
        out.append((place_id, overall, {d: dim.score for d, dim in dims.items()}))
    return sorted(out, key=lambda point: rank_key(point[1], point[0]))


def _result(
    rubric: Rubric,
    cards: Sequence[Scorecard],
    settings: Uncertainty,
    samples: int,
    seed: int,
    n_index: int,
    sources: tuple[str, ...],
    chunks: list[Chunk],
    counts: Histograms,
    points: list[Point],
) -> SensitivityResult:
    by_id = {c.city_id: c for c in cards}
    ordered = sorted(by_id)
    point_rank = {place_id: n for n, (place_id, _, _) in enumerate(points, 1)}
    point_of = {point[0]: point for point in points}
    rows = [(c, k) for c in chunks for k in range(len(c.overall))]
    dim_ids = [d.id for d in rubric.dimensions]
    results = {}
    for p, place_id in enumerate(ordered):
        chunk, k = rows[p]
        _, overall, dim_points = point_of[place_id]
        card = by_id[place_id]
        dims = chunk.dims[k * len(dim_ids) : (k + 1) * len(dim_ids)]
        band = _band(chunk.overall[k], overall)
        results[place_id] = PlaceResult(
            id=place_id,
            name=card.city_name,
            name_zh=card.city_name_zh,
            overall=band,
            rank=None
            if band is None or overall is None
            else _rank_band(*counts[p], point_rank[place_id]),
            dimensions={d: _band(row, dim_points[d]) for d, row in zip(dim_ids, dims, strict=True)},
            index=place_index(chunk, k, sources),
        )
    return SensitivityResult(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        samples=samples,
        seed=seed,
        index_samples=n_index,
        settings=settings,
        sources=sources,
        places=tuple(results[place_id] for place_id, _, _ in points),
        index=pooled(chunks, sources),
    )
