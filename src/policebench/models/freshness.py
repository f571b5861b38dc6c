"""How fresh a level's evidence is, and the confidence the uncertainty analysis gives it.

Pure functions over the models, below both scoring (a scorecard keeps each indicator's
effective confidence) and the analyses (evidence quality, sensitivity) that use them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from policebench.models.profile import Profile, Source
from policebench.models.rubric import Rubric, age_months

#: One step less sure: what a stale level's confidence counts as.
LOWER = {"high": "medium", "medium": "low", "low": "low"}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def newest_date(sources: Sequence[Source]) -> dt.date | None:
    """The newest ``date`` among ``sources`` (None when none is dated)."""
    return max((s.date for s in sources if s.date is not None), default=None)


def is_stale(newest: dt.date | None, max_age: str | None, assessed: dt.date) -> bool:
    """True when ``newest`` plus ``max_age`` lies before ``assessed``."""
    if newest is None or max_age is None:
        return False
    return add_months(newest, age_months(max_age)) < assessed


def effective_confidence(rubric: Rubric, profile: Profile, ind_id: str) -> str | None:
    """The confidence of ``ind_id`` as the uncertainty analysis uses it: the stated one
    (capped by the assessors' spread when the level is a consensus,
    ``Assessment.effective_confidence``), one step lower when the level is stale."""
    entry = profile.indicators.get(ind_id)
    if entry is None:
        return None
    confidence = entry.effective_confidence
    if confidence is None:  # nothing to lower
        return None
    if not is_stale(newest_date(entry.sources), rubric.max_age_of(ind_id), profile.assessed):
        return confidence
    return LOWER[confidence] if confidence else None
