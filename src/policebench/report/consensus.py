"""The data of `policebench consensus` (its JSON contract)."""

from __future__ import annotations

from policebench.analysis.consensus import Consensus
from policebench.report.contract import ConsensusData
from policebench.report.parts import rnd


def consensus_data(c: Consensus) -> ConsensusData:
    """The machine contract of `consensus --format json`."""
    return {
        "id": c.profile.id,
        "assessed": c.profile.assessed.isoformat(),
        "assessors": list(c.assessors),
        "assessors_zh": list(c.names("zh")),
        "rule": "median of the known levels, the lower middle one on ties",
        "alpha_ordinal": rnd(c.alpha, 4),
        "within_one": rnd(c.within_one, 4),
        "indicators": [
            {
                "id": item.indicator,
                "levels": {o.assessor: o.level for o in item.opinions},
                "level": item.level,
                "median": item.median,
                "decided": item.decided,
                "agreement": rnd(item.agreement, 4),
                "spread": item.spread,
                "confidence": item.confidence,
            }
            for item in c.indicators
        ],
        "disagreements": [
            {
                "id": item.indicator,
                "kind": item.disagreement,
                "spread": item.spread,
                "opinions": [
                    {"assessor": o.assessor, "level": o.level, "evidence": o.evidence}
                    for o in item.opinions
                ],
            }
            for item in c.disagreements
        ],
    }
