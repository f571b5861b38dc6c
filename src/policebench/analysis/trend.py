"""A place's assessment history: scores per assessment date and what moved between them.

Every assessment is scored against the same rubric, so a change in the trend is a change in
the place, never in the yardstick (``rubric diff`` separates the two when the rubric changes).

For a chart (the HTML report's trend line), :meth:`Trend.series` gives the overall and each
dimension's score per date, aligned with :attr:`Trend.dates`; ``None`` marks an unknown score
(draw a gap, not a zero).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from policebench.models import Assessment, Profile, Rubric, Stage
from policebench.scoring import Scorecard, score


def change(before: float | None, after: float | None) -> float | None:
    """``after - before``; ``None`` when either is unknown (an unknown is not a zero)."""
    if before is None or after is None:
        return None
    return after - before


@dataclass(frozen=True)
class TrendPoint:
    """One assessment: its scores, and the change from the assessment before it.

    The changes are ``None`` for the first assessment and wherever either score is unknown.
    """

    assessed: dt.date
    card: Scorecard
    overall_change: float | None
    coverage_change: float | None
    dimension_changes: dict[str, float | None]

    @property
    def overall(self) -> float | None:
        return self.card.overall

    @property
    def coverage(self) -> float:
        return self.card.coverage

    @property
    def stage(self) -> Stage | None:
        return self.card.stage

    def dimension(self, dim_id: str) -> float | None:
        """The score of dimension ``dim_id`` at this assessment."""
        return self.card.dimensions[dim_id].score


@dataclass(frozen=True)
class IndicatorMove:
    """An indicator whose level differs between two consecutive assessments."""

    id: str
    dimension: str
    before: int | None
    after: int | None

    @property
    def direction(self) -> str:
        """``up``, ``down``, ``known`` (was unknown) or ``unknown`` (no longer known)."""
        if self.before is None:
            return "known"
        if self.after is None:
            return "unknown"
        return "up" if self.after > self.before else "down"


@dataclass(frozen=True)
class Step:
    """From one assessment to the next: the indicators that changed level, in rubric order,
    and the overall change like for like when what is known changed between them."""

    start: dt.date
    end: dt.date
    moves: tuple[IndicatorMove, ...]
    #: The overall change counting only the indicators known at both dates; None when the
    #: same indicators are known at both (the change is like for like already), when none
    #: is known at both, or when either score is unknown. A score can rise only because a
    #: weak indicator became unknown: the difference from the headline change says how much.
    like_for_like: float | None = None
    #: How many indicators are known at both dates.
    compared: int = 0

    def moved(self, direction: str) -> list[str]:
        """The ids of the indicators that moved ``direction`` (up, down, known, unknown)."""
        return [m.id for m in self.moves if m.direction == direction]


@dataclass(frozen=True)
class Trend:
    """A place's assessments, oldest first, scored against one rubric."""

    city_id: str
    #: The names of the newest assessment (a place may be renamed between assessments).
    name: str
    name_zh: str | None
    points: tuple[TrendPoint, ...]
    steps: tuple[Step, ...]

    @property
    def dates(self) -> list[dt.date]:
        """The assessment dates, oldest first."""
        return [p.assessed for p in self.points]

    @property
    def latest(self) -> TrendPoint:
        return self.points[-1]

    def series(self) -> dict[str, list[float | None]]:
        """Scores per date for a chart: ``overall`` and each dimension id, in rubric order.

        Each list lines up with :attr:`dates`; ``None`` is an unknown score.
        """
        out: dict[str, list[float | None]] = {"overall": [p.overall for p in self.points]}
        for dim_id in self.points[0].card.dimensions:
            out[dim_id] = [p.dimension(dim_id) for p in self.points]
        return out


def moves(rubric: Rubric, before: Scorecard, after: Scorecard) -> tuple[IndicatorMove, ...]:
    """The indicators whose level differs between two scorecards, in rubric order."""
    found = []
    for ind_id, dim_id in rubric.dimension_of.items():
        old, new = before.indicators[ind_id].level, after.indicators[ind_id].level
        if old != new:
            found.append(IndicatorMove(ind_id, dim_id, old, new))
    return tuple(found)


def like_for_like(
    rubric: Rubric, before: Profile, after: Profile, cards: tuple[Scorecard, Scorecard]
) -> tuple[float | None, int]:
    """The overall change from ``before`` to ``after`` (scored as ``cards``) over the
    indicators known at both dates, and how many those are; the change is None when the same
    indicators are known at both, or none is (see :attr:`Step.like_for_like`)."""
    known = [{i for i, s in card.indicators.items() if s.level is not None} for card in cards]
    both = known[0] & known[1]
    if known[0] == known[1] or not both:
        return None, len(both)
    unknown = Assessment()
    drop = (known[0] | known[1]) - both

    def restricted(profile: Profile) -> Profile:
        entries = {i: unknown if i in drop else a for i, a in profile.indicators.items()}
        return profile.model_copy(update={"indicators": entries})

    return change(
        score(rubric, restricted(before)).overall, score(rubric, restricted(after)).overall
    ), len(both)


def trend(rubric: Rubric, profiles: Sequence[Profile]) -> Trend:
    """The history of one place from its assessments (any order; sorted by date here).

    Raises ``ValueError`` for no profiles, profiles of different places or two assessments
    on one date: callers (the workspace) rule those out, so they are bugs, not user errors.
    """
    if not profiles:
        raise ValueError("trend needs at least one assessment")
    ordered = sorted(profiles, key=lambda p: p.assessed)
    if len({p.id for p in ordered}) != 1:
        raise ValueError("trend needs the assessments of one place")
    if len({p.assessed for p in ordered}) != len(ordered):
        raise ValueError("two assessments of one place on the same date")
    cards = [score(rubric, p) for p in ordered]
    points: list[TrendPoint] = []
    steps: list[Step] = []
    previous: Scorecard | None = None
    before = ordered[0]
    for card, profile in zip(cards, ordered, strict=True):
        if previous is None:
            points.append(
                TrendPoint(card.assessed, card, None, None, {d: None for d in card.dimensions})
            )
        else:
            points.append(
                TrendPoint(
                    card.assessed,
                    card,
                    change(previous.overall, card.overall),
                    change(previous.coverage, card.coverage),
                    {
                        d: change(previous.dimensions[d].score, s.score)
                        for d, s in card.dimensions.items()
                    },
                )
            )
            same, compared = like_for_like(rubric, before, profile, (previous, card))
            steps.append(
                Step(
                    previous.assessed,
                    card.assessed,
                    moves(rubric, previous, card),
                    same,
                    compared,
                )
            )
        previous, before = card, profile
    latest = ordered[-1]
    return Trend(latest.id, latest.name, latest.name_zh, tuple(points), tuple(steps))
