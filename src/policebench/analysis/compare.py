"""Side-by-side comparison of places: ranks, dimension leaders, spreads, a level heatmap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policebench.models import Profile, Rubric
from policebench.scoring import Scorecard, rank, ranks, score


@dataclass(frozen=True)
class DimensionSpread:
    """One dimension across places: who leads, and how far apart best and worst are."""

    dimension: str
    #: Empty when fewer than two places are known: one known place leads no one.
    leaders: tuple[str, ...]
    best: float | None
    worst: float | None
    #: None when fewer than two places are known (nothing to be apart from).
    spread: float | None
    #: How many of the places have a score in this dimension.
    known: int = 0


@dataclass(frozen=True)
class Comparison:
    """Places ranked by overall, with per-dimension leaders and a level matrix."""

    cards: list[Scorecard]
    dimensions: list[DimensionSpread]
    #: indicator id -> place id -> level (None = unknown), rubric order, ranked places.
    heatmap: dict[str, dict[str, int | None]]

    def rank_of(self, city_id: str) -> int | None:
        """1-based rank of a place; None when nothing of it is known (see ``ranks``)."""
        return next(
            n for n, c in zip(ranks(self.cards), self.cards, strict=True) if c.city_id == city_id
        )

    @property
    def ranked(self) -> int:
        """How many places have a rank (an overall)."""
        return sum(1 for c in self.cards if c.overall is not None)


def compare(rubric: Rubric, profiles: Sequence[Profile]) -> Comparison:
    """Score and rank ``profiles``; find each dimension's leaders and spread."""
    cards = rank([score(rubric, p) for p in profiles])
    spreads = []
    for dim in rubric.dimensions:
        known = [(c.dimensions[dim.id].score, c.city_id) for c in cards]
        values = [s for s, _ in known if s is not None]
        if not values:
            spreads.append(DimensionSpread(dim.id, (), None, None, None))
            continue
        best, worst = max(values), min(values)
        # One known place: "leads" and "0 apart" would compare it with places not known.
        apart = len(values) > 1
        leaders = tuple(cid for s, cid in known if s is not None and abs(s - best) < 1e-9)
        spread = best - worst if apart else None
        spreads.append(
            DimensionSpread(dim.id, leaders if apart else (), best, worst, spread, len(values))
        )
    heatmap = {
        ind_id: {c.city_id: c.indicators[ind_id].level for c in cards}
        for ind_id in rubric.indicators
    }
    return Comparison(cards, spreads, heatmap)
