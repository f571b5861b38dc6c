"""The data of `policebench score`: ranked scorecards, every dimension and indicator.

Pure: scorecards in, data out (the JSON is this data).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from policebench.models import Rubric
from policebench.report.parts import rnd
from policebench.scoring import Scorecard, ranks

if TYPE_CHECKING:
    from policebench.report.contract import RubricRef, ScoredPlace, ScoreResult


def score_data(rubric: Rubric, cards: list[Scorecard]) -> ScoreResult:
    """The machine contract of `score --format json` (every dimension and indicator present),
    ``cards`` in ranking order."""
    places = [scored_place(card, n) for n, card in zip(ranks(cards), cards, strict=True)]
    return {"rubric": rubric_ref(rubric), "places": places}


def rubric_ref(rubric: Rubric) -> RubricRef:
    """The rubric a score JSON names."""
    return {"id": rubric.id, "version": rubric.version}


def scored_place(card: Scorecard, rank: int | None) -> ScoredPlace:
    """One place of the score JSON: what follows from its card alone, and its ``rank``."""
    return {
        "rank": rank,
        "id": card.city_id,
        "name": card.city_name,
        "name_zh": card.city_name_zh,
        "assessed": card.assessed.isoformat(),
        "overall": rnd(card.overall),
        "stage": card.stage.name if card.stage else None,
        "coverage": rnd(card.coverage, 4),
        "provisional": bool(card.provisional),
        "provisional_reasons": list(card.provisional),
        "known": card.known,
        "not_applicable": card.not_applicable,
        "opinions": card.opinions,
        "dimensions": {
            d.id: {
                "weight": d.weight,
                "score": rnd(d.score),
                "coverage": rnd(d.coverage, 4),
                "applicable": d.applicable,
            }
            for d in card.dimensions.values()
        },
        "indicators": {
            i.id: {
                "dimension": i.dimension,
                "weight": i.weight,
                "level": i.level,
                "value": i.value,
                "score": rnd(i.score),
                "confidence": i.confidence,
                "evidence": i.has_evidence,
                "applicable": i.applicable,
            }
            for i in card.indicators.values()
        },
    }
