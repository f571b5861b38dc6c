"""The planner-facing formats: rubric and profile. Strict (unknown keys refused) and frozen."""

from policebench.models.profile import Assessment, Profile, Source
from policebench.models.rubric import (
    EFFORT_COST,
    Action,
    Dimension,
    Indicator,
    Rubric,
    Scale,
    Stage,
    Uncertainty,
)

__all__ = [
    "EFFORT_COST",
    "Action",
    "Assessment",
    "Dimension",
    "Indicator",
    "Profile",
    "Rubric",
    "Scale",
    "Source",
    "Stage",
    "Uncertainty",
]
