"""The data of `policebench trend`: every assessment of a place and every step between.

Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from policebench.analysis.trend import IndicatorMove, Step, Trend
from policebench.models import Rubric
from policebench.report.contract import Assessment, Move, TrendResult, TrendStep
from policebench.report.parts import rnd


def _move_data(move: IndicatorMove) -> Move:
    return {
        "id": move.id,
        "dimension": move.dimension,
        "from": move.before,
        "to": move.after,
        "direction": move.direction,
    }


def _step_data(step: Step) -> TrendStep:
    return {
        "from": step.start.isoformat(),
        "to": step.end.isoformat(),
        "indicators": [_move_data(m) for m in step.moves],
        "like_for_like": rnd(step.like_for_like),
        "compared": step.compared,
    }


def trend_data(rubric: Rubric, trend: Trend, left_out: Sequence[str] = ()) -> TrendResult:
    """The machine contract of `trend --format json`: every assessment and every step, and
    the input files left out with errors."""
    assessments: list[Assessment] = []
    for p in trend.points:
        assessments.append(
            {
                "assessed": p.assessed.isoformat(),
                "overall": rnd(p.overall),
                "overall_change": rnd(p.overall_change),
                "stage": p.stage.name if p.stage else None,
                "coverage": rnd(p.coverage, 4),
                "coverage_change": rnd(p.coverage_change, 4),
                "dimensions": {
                    d.id: {
                        "score": rnd(p.dimension(d.id)),
                        "change": rnd(p.dimension_changes[d.id]),
                        "coverage": rnd(p.card.dimensions[d.id].coverage, 4),
                    }
                    for d in rubric.dimensions
                },
            }
        )
    return {
        "rubric": {"id": rubric.id, "version": rubric.version},
        "place": {"id": trend.city_id, "name": trend.name, "name_zh": trend.name_zh},
        "assessments": assessments,
        "steps": [_step_data(s) for s in trend.steps],
        "left_out": list(left_out),
    }
