"""The data of `policebench rubric diff`: what changed, and each place's score before and after.

Pure.
"""

from __future__ import annotations

from policebench.analysis.rubric_diff import RubricDiff, Scored
from policebench.models import Rubric
from policebench.report.contract import RubricDiffData, RubricRef, ScoredUnder
from policebench.report.parts import rnd


def _rubric_data(rubric: Rubric) -> RubricRef:
    return {"id": rubric.id, "version": rubric.version}


def _scored_data(scored: Scored) -> ScoredUnder:
    return {
        "overall": rnd(scored.overall),
        "coverage": rnd(scored.coverage, 4),
        "stage": scored.stage.name if scored.stage else None,
        "ignored": dict(scored.ignored),
    }


def diff_data(result: RubricDiff) -> RubricDiffData:
    """The machine contract of `rubric diff --format json`."""
    return {
        "old": _rubric_data(result.old),
        "new": _rubric_data(result.new),
        "changes": [
            {
                "kind": c.kind,
                "scope": c.scope,
                "item": c.item,
                "old": c.old,
                "new": c.new,
                "count": c.count,
            }
            for c in result.changes
        ],
        "places": [
            {
                "id": p.city_id,
                "name": p.name,
                "old_assessed": p.old_assessed.isoformat(),
                "new_assessed": p.new_assessed.isoformat(),
                "before": _scored_data(p.before),
                "rescored": _scored_data(p.rescored),
                "after": _scored_data(p.after),
                "rubric_effect": rnd(p.rubric_effect),
                "place_effect": rnd(p.place_effect),
                "total": rnd(p.total),
            }
            for p in result.places
        ],
    }
