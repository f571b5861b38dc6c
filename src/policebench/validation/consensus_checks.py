"""Profiles given to `policebench consensus` must be of one place, one assessment date and
one rubric: each that differs from the first is a problem at its ``id``, ``assessed`` or
``rubric``. Pure: models and documents in, problems out."""

from __future__ import annotations

from collections.abc import Sequence

from policebench.models import Profile
from policebench.problems import Problem
from policebench.readers.yaml import Document


def same_assessment(profiles: Sequence[tuple[Profile, Document]]) -> list[Problem]:
    """Every way a profile differs from the first in place, date or rubric."""
    first, first_doc = profiles[0]
    problems: list[Problem] = []
    for profile, doc in profiles[1:]:
        if profile.id != first.id:
            problems.append(
                doc.problem(
                    ("id",),
                    f"this profile is of '{profile.id}', {first_doc.file} of '{first.id}': a "
                    "consensus is of one place",
                    "give the profiles of one place, by different assessors",
                    code="consensus-different-place",
                )
            )
        if profile.assessed != first.assessed:
            problems.append(
                doc.problem(
                    ("assessed",),
                    f"this profile was assessed on {profile.assessed.isoformat()}, "
                    f"{first_doc.file} on {first.assessed.isoformat()}: a consensus is of one "
                    "assessment date",
                    "give the profiles of one assessment round (the same 'assessed:' date); "
                    "a later assessment is history, for trend",
                    code="consensus-different-date",
                )
            )
        if profile.rubric != first.rubric:
            problems.append(
                doc.problem(
                    ("rubric",),
                    f"this profile is assessed against '{profile.rubric}', {first_doc.file} "
                    f"against '{first.rubric}'",
                    "give profiles assessed against one rubric",
                    code="consensus-different-rubric",
                )
            )
    return problems
