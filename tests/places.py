"""Profiles the tests of several modules write out, as data."""

from __future__ import annotations

from typing import Any

#: A place with each kind of evidence the contract tells apart: a stale level (its newest
#: source from 2015, read in 2024), a level on a repost only (an ftp address: shown, never
#: linked), a level without evidence (an opinion), an indicator that does not apply (with
#: its reason in both languages), and the rest unknown.
EVIDENCE_PLACE: dict[str, Any] = {
    "id": "old-town",
    "name": "Old Town",
    "name_zh": "旧城",
    "rubric": "smart-policing",
    "assessed": "2024-06-01",
    "indicators": {
        "top-level-design": {
            "level": 2,
            "confidence": "high",
            "evidence": "A plan from 2015.",
            "evidence_zh": "2015年的规划。",
            "sources": [
                {
                    "title": "Plan 2015",
                    "url": "https://gov.example/plan",
                    "reliability": "primary",
                    "date": "2015-01-01",
                    "accessed": "2024-05-01",
                }
            ],
        },
        "data-sharing": {
            "level": 1,
            "confidence": "low",
            "evidence": "A mirror says so.",
            "sources": [
                {
                    "title": "Mirror",
                    "url": "ftp://mirror.example/x",
                    "reliability": "repost",
                    "date": "2023-01-01",
                }
            ],
        },
        "coordination-mechanism": {"level": 1, "confidence": "low", "note": "told by phone"},
        "mlps-compliance": {
            "applicable": False,
            "reason": "graded by the province",
            "reason_zh": "由省级定级",
        },
    },
}
