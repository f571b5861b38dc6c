"""The data of `policebench weights ahp` and `weights entropy` (their JSON contracts)."""

from __future__ import annotations

from policebench.analysis.ahp import CR_LIMIT, ExpertResult, Panel, Priorities
from policebench.analysis.entropy import EntropyWeights
from policebench.report.contract import AhpData, AhpExpert, AhpPriorities, EntropyData
from policebench.report.parts import rnd


def _priorities_data(p: Priorities) -> AhpPriorities:
    return {
        "weights": {i: rnd(x, 6) for i, x in p.by_item.items()},
        "lambda_max": rnd(p.lambda_max, 6),
        "ci": rnd(p.ci, 6),
        "cr": rnd(p.cr, 6),
        "consistent": p.consistent,
        "most_inconsistent": [
            {
                "row": x.row,
                "column": x.column,
                "given": rnd(x.given, 6),
                "implied": rnd(x.implied, 6),
                "suggested": rnd(x.suggested, 6),
                "factor": rnd(x.factor, 6),
            }
            for x in p.inconsistencies
        ],
    }


def _expert_data(e: ExpertResult) -> AhpExpert:
    return {
        "expert": e.expert,
        "file": e.file,
        "dimensions": None if e.dimensions is None else _priorities_data(e.dimensions),
        "indicators": {d: _priorities_data(p) for d, p in e.indicators.items()},
    }


def ahp_data(panel: Panel) -> AhpData:
    """The machine contract of `weights ahp --format json`."""
    return {
        "method": "ahp",
        "aggregation": "geometric mean of the judgements (AIJ)",
        "cr_limit": CR_LIMIT,
        "rubric": panel.rubric,
        "experts": [_expert_data(e) for e in panel.experts],
        "panel": _expert_data(panel.panel),
        "compared": list(panel.compared),
        "dimension_weights": {d: rnd(x, 6) for d, x in panel.dimension_weights.items()},
        "indicator_weights": {
            d: {i: rnd(x, 6) for i, x in inds.items()}
            for d, inds in panel.indicator_weights.items()
        },
        "global_weights": {i: rnd(x, 6) for i, x in panel.global_weights().items()},
        "rubric_dimension_weights": {
            d: rnd(x, 6) for d, x in panel.rubric_dimension_weights.items()
        },
    }


def entropy_data(result: EntropyWeights, rubric_id: str) -> EntropyData:
    """The machine contract of `weights entropy --format json`."""
    return {
        "method": "entropy",
        "rubric": rubric_id,
        "places": list(result.places),
        "indicators": [
            {
                "id": x.indicator,
                "known": result.known[x.indicator],
                "entropy": rnd(result.entropy[x.indicator], 6),
                "weight": rnd(x.entropy, 6),
                "rubric_weight": rnd(x.rubric, 6),
                "difference": rnd(x.difference, 6),
            }
            for x in result.differences
        ],
        "left_out": dict(result.left_out),
        "dimension_weights": {d: rnd(x, 6) for d, x in result.dimension_weights.items()},
    }
