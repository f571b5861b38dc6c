"""The roadmap: the rubric's actions for each gap, in phases that respect ``needs``.

Rules (each one a planner can check by hand):

* For every gap, the actions listed under each level from ``current + 1`` up to the target.
* A step (indicator X reaching level L) is done when all its actions are placed. An action is
  placed in a phase only when, by the end of the phase before, X has reached ``L - 1`` and
  every ``needs`` it names is met (by the current levels or by steps completed in earlier
  phases).
* A ``needs`` on a level the plan would not otherwise reach pulls that prerequisite step into
  the roadmap (marked as a prerequisite, with the steps it unlocks).
* Within a phase, actions are ordered by impact per unit of effort: the overall points their
  step is worth (shared equally among the step's actions) divided by the effort cost
  (:data:`policebench.models.EFFORT_COST`); ties by rubric order.
* What can never be placed (a prerequisite whose current level is unknown, or that does not
  apply to the place) is listed as blocked, with the reason.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from policebench.analysis.gaps import Gap, step_gain
from policebench.messages import Msg
from policebench.models import EFFORT_COST, Action, Rubric


@dataclass(frozen=True)
class PlannedAction:
    """One action of the roadmap."""

    indicator: str
    dimension: str
    #: The level this action helps the indicator reach.
    level: int
    action: Action
    #: Overall points of the step, shared among its actions.
    impact: float
    #: Impact per unit of effort: the order within a phase.
    priority: float
    #: The steps ("indicator level") whose ``needs`` this step meets.
    unlocks: tuple[str, ...] = ()
    #: True when the step closes no gap itself and is in the plan only because others need it.
    prerequisite: bool = False


@dataclass(frozen=True)
class Blocked:
    """An action that cannot be scheduled, and why."""

    indicator: str
    level: int
    action: Action
    reason: str


@dataclass
class Roadmap:
    """Phases of actions (phase 1 first), and what could not be placed."""

    phases: list[list[PlannedAction]] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)
    #: Steps the rubric lists no action for: (indicator, level).
    undefined: list[tuple[str, int]] = field(default_factory=list)

    @property
    def actions(self) -> list[PlannedAction]:
        return [a for phase in self.phases for a in phase]


#: An indicator reaching one level, (indicator id, level): what the roadmap's actions achieve.
#: (A trend's Step is another thing: from one assessment to the next.)
LevelStep = tuple[str, int]


def _wanted_steps(
    rubric: Rubric, gaps: Sequence[Gap], current: Mapping[str, int | None]
) -> tuple[dict[LevelStep, set[str]], set[LevelStep]]:
    """Every (indicator, level) step the roadmap needs, the steps each one unlocks, and the
    steps that close a gap (the others are prerequisites only)."""
    steps: dict[LevelStep, set[str]] = {}
    queue: list[LevelStep] = []
    for gap in gaps:
        if gap.current is None or not gap.gap:
            continue
        for level in range(gap.current + 1, gap.target.level + 1):
            steps.setdefault((gap.indicator, level), set())
            queue.append((gap.indicator, level))
    closing = set(steps)
    while queue:
        ind_id, level = queue.pop(0)
        for action in rubric.indicators[ind_id].actions.get(level, []):
            for other, needed in action.needs.items():
                have = current.get(other)
                if have is None:
                    continue  # unknown: reported as blocked later
                for lower in range(have + 1, needed + 1):
                    if (other, lower) not in steps:
                        queue.append((other, lower))
                    steps.setdefault((other, lower), set())
                    if (other, lower) != (ind_id, level):
                        steps[(other, lower)].add(f"{ind_id} {level}")
    return steps, closing


def plan(
    rubric: Rubric,
    gaps: Sequence[Gap],
    current: Mapping[str, int | None],
    not_applicable: Collection[str] = frozenset(),
) -> Roadmap:
    """A phased roadmap closing ``gaps`` from the ``current`` levels (``not_applicable``:
    the indicators n/a for the place, which no step raises)."""
    steps, closing = _wanted_steps(rubric, gaps, current)
    order = {ind_id: n for n, ind_id in enumerate(rubric.indicators)}
    roadmap = Roadmap()
    pending: list[tuple[LevelStep, int, Action, float]] = []
    for (ind_id, level), _ in sorted(steps.items(), key=lambda s: (order[s[0][0]], s[0][1])):
        actions = rubric.indicators[ind_id].actions.get(level, [])
        if not actions:
            roadmap.undefined.append((ind_id, level))
            continue
        gain = step_gain(rubric, {**current, ind_id: level - 1}, ind_id, level)
        for n, action in enumerate(actions):
            pending.append(((ind_id, level), n, action, gain / len(actions)))
    reached: dict[str, int | None] = dict(current)
    remaining = {step: sum(1 for p in pending if p[0] == step) for step, _, _, _ in pending}

    def met(ind_id: str, level: int) -> bool:
        have = reached.get(ind_id)
        return have is not None and have >= level

    while pending:
        ready = [
            p
            for p in pending
            if met(p[0][0], p[0][1] - 1) and all(met(o, lv) for o, lv in p[2].needs.items())
        ]
        if not ready:
            break
        placed = []
        for (ind_id, level), _, action, impact in ready:
            priority = impact / EFFORT_COST[action.effort]
            placed.append(
                PlannedAction(
                    ind_id,
                    rubric.dimension_of[ind_id],
                    level,
                    action,
                    impact,
                    priority,
                    tuple(sorted(steps[(ind_id, level)])),
                    (ind_id, level) not in closing,
                )
            )
            remaining[(ind_id, level)] -= 1
        placed.sort(key=lambda a: (-a.priority, order[a.indicator], a.level))
        roadmap.phases.append(placed)
        pending = [p for p in pending if p not in ready]
        _advance(reached, remaining, rubric)
    for (ind_id, level), _, action, _ in pending:
        why = _why(action, ind_id, level, reached, not_applicable)
        roadmap.blocked.append(Blocked(ind_id, level, action, why))
    return roadmap


def _advance(
    reached: dict[str, int | None], remaining: Mapping[LevelStep, int], rubric: Rubric
) -> None:
    """Raise each indicator through every consecutive step whose actions are all placed."""
    for ind_id in rubric.indicators:
        level = reached.get(ind_id)
        if level is None:
            continue
        while remaining.get((ind_id, level + 1)) == 0:
            level += 1
        reached[ind_id] = level


def _why(
    action: Action,
    ind_id: str,
    level: int,
    reached: Mapping[str, int | None],
    not_applicable: Collection[str],
) -> str:
    """Why a step is blocked, as a catalogue message (worded in the report's language)."""
    missing: list[str] = []
    if (reached.get(ind_id) or 0) < level - 1:
        missing.append(Msg("blocked-first-reach", id=ind_id, level=level - 1))
    for other, needed in sorted(action.needs.items()):
        have = reached.get(other)
        if other in not_applicable:
            missing.append(Msg("blocked-needs-na", id=other, level=needed))
        elif have is None:
            missing.append(Msg("blocked-needs-unknown", id=other, level=needed))
        elif have < needed:
            missing.append(Msg("blocked-needs", id=other, level=needed, have=have))
    if not missing:
        return Msg("blocked-unordered")
    reason = missing[-1]
    for earlier in reversed(missing[:-1]):
        reason = Msg("hint-then", first=earlier, rest=reason)
    return reason
