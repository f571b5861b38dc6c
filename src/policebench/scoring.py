"""Scoring: rubric + profile -> Scorecard. Pure; the rules are simple enough to check by hand.

* indicator score = 100 * (level - scale.min) / (scale.max - scale.min); unknown has no score;
  not applicable (``applicable: false``) has no score either, and is not unknown;
* dimension score = weighted mean of its known indicator scores (indicator weights);
  dimension coverage = known indicator weight / applicable indicator weight in it (an n/a
  indicator is in neither); a dimension with nothing known has no score; a dimension whose
  every indicator is n/a is itself n/a;
* overall = weighted mean of the known dimension scores (dimension weights);
  overall coverage = sum(dimension weight * dimension coverage) / sum(dimension weights),
  both sums over the applicable dimensions;
* stage = the last stage whose ``min`` is at or below the overall score;
* provisional: a place whose coverage is below the rubric's ``provisional_below`` (default
  half the weight), or whose known levels are mostly opinions (more than half without
  evidence), has its overall, stage and rank marked provisional, with the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from policebench.models import Assessment, Indicator, Profile, Rubric, Stage
from policebench.models.freshness import effective_confidence


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator of one place, as scored."""

    id: str
    dimension: str
    weight: float
    level: int | None
    value: float | None
    score: float | None
    confidence: str | None
    has_evidence: bool
    has_source: bool
    #: False: the indicator does not apply to this place (n/a), so ``level`` is None and
    #: the indicator counts neither as known nor as unknown.
    applicable: bool = True
    #: The confidence the uncertainty analysis gives the level: ``confidence`` capped by the
    #: assessors' spread, one step lower when the evidence is stale
    #: (:func:`policebench.models.freshness.effective_confidence`).
    effective_confidence: str | None = None


@dataclass(frozen=True)
class DimensionScore:
    """One dimension of one place: weighted mean of its known indicators."""

    id: str
    weight: float
    score: float | None
    coverage: float
    #: False when every indicator of the dimension is n/a for the place.
    applicable: bool = True


@dataclass(frozen=True)
class Scorecard:
    """A place's scores against a rubric."""

    city_id: str
    city_name: str
    assessed: dt.date
    overall: float | None
    stage: Stage | None
    coverage: float
    dimensions: dict[str, DimensionScore]
    indicators: dict[str, IndicatorScore]
    #: Why the overall, stage and rank are provisional (empty: they are not): "coverage"
    #: (below the rubric's ``provisional_below``) and/or "opinions" (most known levels).
    provisional: tuple[str, ...] = ()
    #: The place's Chinese name, when the profile gives one (``localized(card, "city_name")``).
    city_name_zh: str | None = None

    @property
    def levels(self) -> dict[str, int | None]:
        """Every indicator's level (None where unknown or n/a), in rubric order: what
        :func:`levels_of` gives for the profile scored."""
        return {ind_id: scored.level for ind_id, scored in self.indicators.items()}

    @property
    def known(self) -> int:
        """How many indicators have a known level."""
        return sum(1 for i in self.indicators.values() if i.level is not None)

    @property
    def not_applicable(self) -> int:
        """How many indicators do not apply to this place (n/a)."""
        return sum(1 for i in self.indicators.values() if not i.applicable)

    @property
    def applicable(self) -> int:
        """How many indicators apply (known or unknown): the denominator of ``known``."""
        return len(self.indicators) - self.not_applicable

    @property
    def opinions(self) -> int:
        """How many known levels have no evidence (opinions, never facts)."""
        return sum(
            1 for i in self.indicators.values() if i.level is not None and not i.has_evidence
        )


def level_of(indicator: Indicator, entry: Assessment | None, minimum: int) -> int | None:
    """The level an assessment gives: stated, or following from a metric value."""
    if entry is None:
        return None
    if entry.level is not None:
        return entry.level
    if entry.value is not None and indicator.kind == "metric":
        reached = indicator.level_for_value(entry.value)
        return minimum if reached is None else reached
    return None


def levels_of(rubric: Rubric, profile: Profile) -> dict[str, int | None]:
    """Every indicator's level in ``profile`` (None where unknown or n/a), in rubric order."""
    low = rubric.scale.min
    return {
        ind_id: None
        if (entry := profile.indicators.get(ind_id)) is not None and not entry.applicable
        else level_of(ind, entry, low)
        for ind_id, ind in rubric.indicators.items()
    }


def not_applicable_of(profile: Profile) -> frozenset[str]:
    """The indicators ``profile`` marks not applicable (``applicable: false``)."""
    return frozenset(i for i, entry in profile.indicators.items() if not entry.applicable)


def indicator_score(rubric: Rubric, level: int | None) -> float | None:
    """100 * (level - min) / (max - min); None for an unknown level."""
    if level is None:
        return None
    low, high = rubric.scale.min, rubric.scale.max
    return 100.0 * (level - low) / (high - low)


def _mean(weighted: float, weight: float, values: list[float]) -> float:
    """``weighted / weight``, kept within the values that were averaged.

    A weighted mean lies between its smallest and largest value, but in floats the division
    can land just past them (100 * 41.03 / 41.03 == 100.00000000000001): a score above 100,
    or one indicator at 25 giving its dimension 25.000000000000004.
    """
    return min(max(weighted / weight, min(values)), max(values))


def aggregate(
    rubric: Rubric,
    levels: Mapping[str, int | None],
    not_applicable: Collection[str] = frozenset(),
) -> tuple[float | None, float, dict[str, DimensionScore]]:
    """Overall score, overall coverage and dimension scores from indicator levels.

    ``levels`` maps indicator ids to levels (missing or None = unknown); the indicators in
    ``not_applicable`` are left out of everything (a level given them is ignored). This is
    the one implementation of the aggregation rules; gap impacts reuse it with changed levels.
    """
    dimensions: dict[str, DimensionScore] = {}
    weighted = 0.0
    known_weight = 0.0
    coverage_sum = 0.0
    total_weight = 0.0
    dim_scores: list[float] = []
    for dim in rubric.dimensions:
        dim_total = 0.0
        dim_known = 0.0
        dim_weighted = 0.0
        ind_scores: list[float] = []
        for ind in dim.indicators:
            if ind.id in not_applicable:
                continue
            dim_total += ind.weight
            score = indicator_score(rubric, levels.get(ind.id))
            if score is not None:
                dim_known += ind.weight
                dim_weighted += ind.weight * score
                ind_scores.append(score)
        dim_score = _mean(dim_weighted, dim_known, ind_scores) if ind_scores else None
        if not dim_total:  # every indicator n/a: the dimension is n/a, out of coverage too
            dimensions[dim.id] = DimensionScore(dim.id, dim.weight, None, 0.0, applicable=False)
            continue
        coverage = dim_known / dim_total
        dimensions[dim.id] = DimensionScore(dim.id, dim.weight, dim_score, coverage)
        total_weight += dim.weight
        coverage_sum += dim.weight * coverage
        if dim_score is not None:
            weighted += dim.weight * dim_score
            known_weight += dim.weight
            dim_scores.append(dim_score)
    overall = _mean(weighted, known_weight, dim_scores) if dim_scores else None
    return overall, coverage_sum / total_weight if total_weight else 0.0, dimensions


def score(rubric: Rubric, profile: Profile) -> Scorecard:
    """Score ``profile`` against ``rubric``."""
    levels = levels_of(rubric, profile)
    not_applicable = not_applicable_of(profile)
    overall, coverage, dimensions = aggregate(rubric, levels, not_applicable)
    indicators: dict[str, IndicatorScore] = {}
    for dim in rubric.dimensions:
        for ind in dim.indicators:
            entry = profile.indicators.get(ind.id)
            level = levels[ind.id]
            indicators[ind.id] = IndicatorScore(
                id=ind.id,
                dimension=dim.id,
                weight=ind.weight,
                level=level,
                value=entry.value if entry else None,
                score=indicator_score(rubric, level),
                confidence=entry.confidence if entry else None,
                has_evidence=bool(entry and entry.has_evidence),
                has_source=bool(entry and (entry.sources or entry.survey)),
                applicable=ind.id not in not_applicable,
                effective_confidence=effective_confidence(rubric, profile, ind.id),
            )
    return Scorecard(
        city_id=profile.id,
        city_name=profile.name,
        assessed=profile.assessed,
        overall=overall,
        stage=rubric.stage_for(overall),
        coverage=coverage,
        dimensions=dimensions,
        indicators=indicators,
        provisional=provisional_reasons(rubric, coverage, indicators.values()),
        city_name_zh=profile.name_zh,
    )


def provisional_reasons(
    rubric: Rubric, coverage: float, indicators: Iterable[IndicatorScore]
) -> tuple[str, ...]:
    """Why a place's overall is provisional: "coverage", "opinions", both, or neither."""
    known = [i for i in indicators if i.level is not None]
    reasons = []
    if coverage < rubric.provisional_below - 1e-9:
        reasons.append("coverage")
    opinions = sum(1 for i in known if not i.has_evidence)
    if known and opinions * 2 > len(known):
        reasons.append("opinions")
    return tuple(reasons)


def rank_key(overall: float | None, city_id: str) -> tuple[bool, float, str]:
    """The sort key of a place's rank: best first, unknown overall last, ties by id."""
    return (overall is None, -(overall or 0.0), city_id)


class Ranked(Protocol):
    """What a ranking orders: a scorecard, or a place's part of the score JSON kept for it."""

    @property
    def city_id(self) -> str: ...

    @property
    def overall(self) -> float | None: ...


_R = TypeVar("_R", bound=Ranked)


def rank(cards: Iterable[_R]) -> list[_R]:
    """Scorecards best first; unknown overall last; ties by id, so the order is stable."""
    return sorted(cards, key=lambda c: rank_key(c.overall, c.city_id))


def ranks(cards: Sequence[Ranked]) -> list[int | None]:
    """The rank of each of ``cards``, in ranking order: 1, 2 ...; None for a place with no
    overall. A place with nothing known is ranked nowhere, not last: below the places that
    are known it would read as the weakest, which nothing shows."""
    return [n if card.overall is not None else None for n, card in enumerate(cards, 1)]
