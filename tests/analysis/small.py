"""A small rubric and profiles whose gaps, impacts and roadmap are worked out by hand.

Scale 0..4, default target 3. Dimension da (weight 1): a1 (weight 1), a2 (weight 3).
Dimension db (weight 1): b1 (weight 1). Actions:
  a1 -> 2: "a1-2" (low);  a1 -> 3: "a1-3" (high, needs a2 >= 3)
  a2 -> 3: "a2-3" (medium)
  b1 -> 1..4: one low action each
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from policebench.models import Profile, Rubric


def rubric_data(**changes: Any) -> dict[str, Any]:
    levels = {n: f"level {n}" for n in range(5)}
    data: dict[str, Any] = {
        "id": "small",
        "version": "1",
        "name": "Small",
        "scale": {"min": 0, "max": 4, "levels": dict(levels)},
        "default_target": 3,
        "stages": [{"min": 0, "name": "Low"}, {"min": 50, "name": "High"}],
        "dimensions": [
            {
                "id": "da",
                "name": "Dim A",
                "weight": 1,
                "indicators": [
                    {
                        "id": "a1",
                        "name": "A one",
                        "weight": 1,
                        "levels": dict(levels),
                        "actions": {
                            2: [{"do": "a1-2", "effort": "low"}],
                            3: [{"do": "a1-3", "effort": "high", "needs": {"a2": 3}}],
                        },
                    },
                    {
                        "id": "a2",
                        "name": "A two",
                        "weight": 3,
                        "levels": dict(levels),
                        "actions": {
                            3: [{"do": "a2-3", "effort": "medium"}],
                        },
                    },
                ],
            },
            {
                "id": "db",
                "name": "Dim B",
                "weight": 1,
                "indicators": [
                    {
                        "id": "b1",
                        "name": "B one",
                        "weight": 1,
                        "levels": dict(levels),
                        "actions": {n: [{"do": f"b1-{n}", "effort": "low"}] for n in range(1, 5)},
                    },
                ],
            },
        ],
    }
    data.update(changes)
    return data


def small_rubric(**changes: Any) -> Rubric:
    return Rubric.model_validate(rubric_data(**changes))


def place(pid: str, levels: dict[str, int | None], **extra: Any) -> Profile:
    entries = {
        k: (
            {"level": v, "confidence": "low", "evidence": f"{pid} {k}"}
            if v is not None
            else {"level": None}
        )
        for k, v in levels.items()
    }
    return Profile.model_validate(
        {
            "id": pid,
            "name": pid.title(),
            "rubric": "small",
            "assessed": dt.date(2024, 1, 1),
            "indicators": entries,
            **extra,
        }
    )
