"""Profiles given to `policebench consensus` must be of one place, one assessment date and
one rubric: each that differs from the first is a problem at its ``id``, ``assessed`` or
``rubric``. Pure: models and documents in, problems out."""

from __future__ import annotations

from collections.abc import Sequence

from policebench.messages import Msg
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
                    Msg(
                        "consensus-other-place",
                        id=profile.id,
                        file=first_doc.file,
                        first=first.id,
                    ),
                    Msg("consensus-other-place-hint"),
                    code="consensus-different-place",
                )
            )
        if profile.assessed != first.assessed:
            problems.append(
                doc.problem(
                    ("assessed",),
                    Msg(
                        "consensus-other-date",
                        date=profile.assessed.isoformat(),
                        file=first_doc.file,
                        first=first.assessed.isoformat(),
                    ),
                    Msg("consensus-other-date-hint"),
                    code="consensus-different-date",
                )
            )
        if profile.rubric != first.rubric:
            problems.append(
                doc.problem(
                    ("rubric",),
                    Msg(
                        "consensus-other-rubric",
                        rubric=profile.rubric,
                        file=first_doc.file,
                        first=first.rubric,
                    ),
                    Msg("consensus-other-rubric-hint"),
                    code="consensus-different-rubric",
                )
            )
    return problems
