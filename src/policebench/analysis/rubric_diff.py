"""What changed between two versions of a rubric, and what that does to each place's score.

The changes are matched by id: a dimension or indicator with the same id in both rubrics is
the same one (re-weighted, moved, renamed...). A dimension whose id changed is recognised as
renamed when it keeps most of its indicators.

The score change of a place splits into two parts. With S(rubric, assessment) its overall
score, the old assessment A0 and the newest A1 (the same one when the place was assessed once):

* rubric effect = S(new, A0) - S(old, A0): the same assessment, re-scored under the new rubric;
* place effect  = S(new, A1) - S(new, A0): the place's own change, measured with the new rubric;
* total change  = S(new, A1) - S(old, A0) = rubric effect + place effect.

The split depends on the order: measuring the place effect with the old rubric instead can
give other figures when the rubric changed the weights of the indicators that moved.
Scoring ignores the rubric id a profile names, and leaves out the indicators a rubric does not
know (or levels outside its scale), listing them in :attr:`Scored.ignored`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policebench.analysis.trend import change
from policebench.models import Dimension, Indicator, Profile, Rubric, Stage
from policebench.scoring import aggregate, levels_of

#: Every kind of change, in the order they are listed. Labels: ``i18n`` key ``diff:<kind>``.
KINDS = (
    "rubric-id",
    "version",
    "rescaled",
    "scale-names",
    "default-target",
    "stages",
    "dimension-added",
    "dimension-removed",
    "dimension-renamed",
    "dimension-name",
    "dimension-reweighted",
    "indicator-added",
    "indicator-removed",
    "indicator-moved",
    "indicator-reweighted",
    "indicator-name",
    "indicator-kind",
    "unit",
    "thresholds",
    "levels",
)

Value = str | float | int | None


@dataclass(frozen=True)
class Change:
    """One difference between the rubrics.

    ``scope`` is ``rubric``, ``dimension`` or ``indicator``; ``item`` the id concerned (the
    new id of a renamed dimension; empty for the rubric itself); ``old`` and ``new`` the two
    values (None where there is none, e.g. an added indicator has no old dimension);
    ``count`` the number of level names or descriptors that differ.
    """

    kind: str
    scope: str
    item: str
    old: Value = None
    new: Value = None
    count: int | None = None


def _stages(stages: list[Stage]) -> str:
    return ", ".join(f"{s.min:g} {s.name}" for s in stages)


def _texts_differ(old: dict[int, str], new: dict[int, str]) -> set[int]:
    return {level for level in set(old) | set(new) if old.get(level) != new.get(level)}


def _rubric_changes(old: Rubric, new: Rubric) -> list[Change]:
    out: list[Change] = []
    if old.id != new.id:
        out.append(Change("rubric-id", "rubric", "", old.id, new.id))
    if old.version != new.version:
        out.append(Change("version", "rubric", "", old.version, new.version))
    o, n = old.scale, new.scale
    if (o.min, o.max) != (n.min, n.max):
        out.append(Change("rescaled", "rubric", "", f"{o.min}..{o.max}", f"{n.min}..{n.max}"))
    names = _texts_differ(o.levels, n.levels) | _texts_differ(o.levels_zh, n.levels_zh)
    if names:
        out.append(Change("scale-names", "rubric", "", count=len(names)))
    if old.default_target != new.default_target:
        out.append(Change("default-target", "rubric", "", old.default_target, new.default_target))
    if [(s.min, s.name) for s in old.stages] != [(s.min, s.name) for s in new.stages]:
        out.append(Change("stages", "rubric", "", _stages(old.stages), _stages(new.stages)))
    return out


def renamed_dimensions(old: Rubric, new: Rubric) -> dict[str, str]:
    """Old id -> new id of dimensions whose id changed but which kept most of their indicators.

    "Most" is more than half of the old dimension's indicators, so one dimension can match
    at most one new dimension and a split or merge is reported as removed + added instead.
    """
    new_ids = {d.id for d in new.dimensions}
    old_ids = {d.id for d in old.dimensions}
    out: dict[str, str] = {}
    for dim in old.dimensions:
        if dim.id in new_ids:
            continue
        counts: dict[str, int] = {}
        for ind in dim.indicators:
            target = new.dimension_of.get(ind.id)
            if target is not None and target not in old_ids:
                counts[target] = counts.get(target, 0) + 1
        best = max(sorted(counts), key=lambda d: counts[d], default=None)
        if best is not None and 2 * counts[best] > len(dim.indicators):
            out[dim.id] = best
    return out


def _dimension_changes(old: Rubric, new: Rubric, renamed: dict[str, str]) -> list[Change]:
    out: list[Change] = []
    olds = {d.id: d for d in old.dimensions}
    back = {v: k for k, v in renamed.items()}
    for dim in new.dimensions:
        before: Dimension | None = olds.get(back.get(dim.id, dim.id))
        if before is None:
            out.append(Change("dimension-added", "dimension", dim.id, None, dim.weight))
            continue
        if before.id != dim.id:
            out.append(Change("dimension-renamed", "dimension", dim.id, before.id, dim.id))
        if (before.name, before.name_zh) != (dim.name, dim.name_zh):
            out.append(Change("dimension-name", "dimension", dim.id, before.name, dim.name))
        if before.weight != dim.weight:
            out.append(
                Change("dimension-reweighted", "dimension", dim.id, before.weight, dim.weight)
            )
    new_ids = {d.id for d in new.dimensions}
    for dim in old.dimensions:
        if dim.id not in new_ids and dim.id not in renamed:
            out.append(Change("dimension-removed", "dimension", dim.id, dim.weight, None))
    return out


def _indicator_changes(before: Indicator, ind: Indicator) -> list[Change]:
    """Changes of one indicator present in both rubrics (apart from its dimension)."""
    out: list[Change] = []
    i = ind.id
    if before.weight != ind.weight:
        out.append(Change("indicator-reweighted", "indicator", i, before.weight, ind.weight))
    if (before.name, before.name_zh) != (ind.name, ind.name_zh):
        out.append(Change("indicator-name", "indicator", i, before.name, ind.name))
    if before.kind != ind.kind:
        out.append(Change("indicator-kind", "indicator", i, before.kind, ind.kind))
    if before.unit != ind.unit:
        out.append(Change("unit", "indicator", i, before.unit, ind.unit))
    if before.thresholds != ind.thresholds:
        out.append(
            Change(
                "thresholds",
                "indicator",
                i,
                _thresholds(before.thresholds),
                _thresholds(ind.thresholds),
            )
        )
    levels = _texts_differ(before.levels, ind.levels) | _texts_differ(
        before.levels_zh, ind.levels_zh
    )
    if levels:
        out.append(Change("levels", "indicator", i, count=len(levels)))
    return out


def _thresholds(values: dict[int, float] | None) -> str | None:
    if not values:
        return None
    return ", ".join(f"{level}: {v:g}" for level, v in sorted(values.items()))


def diff(old: Rubric, new: Rubric) -> list[Change]:
    """Every change from ``old`` to ``new``: the rubric's own, dimensions', indicators'.

    Within each group, in the new rubric's order, followed by what was removed (in the old
    rubric's order).
    """
    renamed = renamed_dimensions(old, new)
    out = _rubric_changes(old, new) + _dimension_changes(old, new, renamed)
    for ind_id, ind in new.indicators.items():
        before = old.indicators.get(ind_id)
        dim_id = new.dimension_of[ind_id]
        if before is None:
            out.append(Change("indicator-added", "indicator", ind_id, None, dim_id))
            continue
        was = old.dimension_of[ind_id]
        if renamed.get(was, was) != dim_id:
            out.append(Change("indicator-moved", "indicator", ind_id, was, dim_id))
        out += _indicator_changes(before, ind)
    for ind_id in old.indicators:
        if ind_id not in new.indicators:
            out.append(
                Change("indicator-removed", "indicator", ind_id, old.dimension_of[ind_id], None)
            )
    order = {k: n for n, k in enumerate(KINDS)}
    # A stable sort keeps the rubric order within each kind.
    return sorted(out, key=lambda c: order[c.kind])


@dataclass(frozen=True)
class Scored:
    """A profile's overall score under one rubric, and what of it that rubric cannot use."""

    overall: float | None
    coverage: float
    stage: Stage | None
    #: Indicator id -> why its level was left out (assessed indicators only).
    ignored: dict[str, str] = field(default_factory=dict)


def score_under(rubric: Rubric, profile: Profile) -> Scored:
    """Score ``profile`` by the indicator ids ``rubric`` knows, whatever rubric it names."""
    ignored: dict[str, str] = {}
    for ind_id, given in profile.indicators.items():
        if ind_id not in rubric.indicators and (given.level is not None or given.value is not None):
            ignored[ind_id] = "not in rubric"
    levels = levels_of(rubric, profile)
    span = rubric.scale.span
    for ind_id, level in levels.items():
        entry = profile.indicators.get(ind_id)
        if level is not None and level not in span:
            ignored[ind_id] = f"level {level} outside {span.start}..{span.stop - 1}"
            levels[ind_id] = None
        elif level is None and entry is not None and entry.value is not None:
            ignored[ind_id] = "a value, but not a metric indicator"
    overall, coverage, _ = aggregate(rubric, levels)
    return Scored(overall, coverage, rubric.stage_for(overall), dict(sorted(ignored.items())))


@dataclass(frozen=True)
class PlaceEffect:
    """One place's score under the old and new rubric, split into rubric and place effects."""

    city_id: str
    name: str
    name_zh: str | None
    old_assessed: dt.date
    new_assessed: dt.date
    #: The old assessment under the old rubric.
    before: Scored
    #: The old assessment under the new rubric.
    rescored: Scored
    #: The newest assessment under the new rubric (``rescored`` when assessed once).
    after: Scored

    @property
    def rubric_effect(self) -> float | None:
        return change(self.before.overall, self.rescored.overall)

    @property
    def place_effect(self) -> float | None:
        return change(self.rescored.overall, self.after.overall)

    @property
    def total(self) -> float | None:
        return change(self.before.overall, self.after.overall)


def place_effect(old: Rubric, new: Rubric, assessments: Sequence[Profile]) -> PlaceEffect:
    """The score change of one place between rubric versions (see the module docstring).

    The old assessment is the one before the newest; with a single assessment both are the
    same, and the whole change is the rubric's.
    """
    if not assessments:
        raise ValueError("place_effect needs at least one assessment")
    ordered = sorted(assessments, key=lambda p: p.assessed)
    first, last = ordered[max(len(ordered) - 2, 0)], ordered[-1]
    rescored = score_under(new, first)
    after = rescored if last is first else score_under(new, last)
    return PlaceEffect(
        last.id,
        last.name,
        last.name_zh,
        first.assessed,
        last.assessed,
        score_under(old, first),
        rescored,
        after,
    )


@dataclass(frozen=True)
class RubricDiff:
    """Two rubric versions, what changed between them and what it does to each place."""

    old: Rubric
    new: Rubric
    changes: tuple[Change, ...]
    places: tuple[PlaceEffect, ...]


def rubric_diff(
    old: Rubric, new: Rubric, histories: Iterable[Sequence[Profile]] = ()
) -> RubricDiff:
    """The changes from ``old`` to ``new`` and, for each place's assessments, its effects."""
    places = tuple(place_effect(old, new, runs) for runs in histories)
    return RubricDiff(old, new, tuple(diff(old, new)), places)
