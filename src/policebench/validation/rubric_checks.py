"""A rubric's own consistency: what its model alone cannot refuse.

The scale and its level names, stages in order, unique ids, a descriptor for every level,
actions under levels that exist, metric thresholds, ``needs`` that point at real indicators
and levels and form no cycle a roadmap could not order, and the uncertainty settings
(:mod:`policebench.validation.uncertainty`, which ``analysis.sensitivity`` also applies to
the settings it is given). Pure: a rubric
and its document in, problems at their YAML positions out. Imports nothing from analysis.
"""

from __future__ import annotations

import itertools

from policebench.messages import Msg
from policebench.models import Rubric
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest
from policebench.validation.uncertainty import (
    uncertainty_issues_with_codes,
)

#: The most levels a scale may have (0..20): maturity scales have 4 to 11; more is a typo
#: (``max: 1000000``) whose levels every check, table and roadmap would then walk.
MAX_SCALE_LEVELS = 21
#: The most indicators a rubric may have: the bundled one has 21; gaps, roadmaps and the
#: sensitivity draws grow with the count (10,000 took 110 s and 9.5 GB).
MAX_INDICATORS = 1000


def size_problems(rubric: Rubric, doc: Document) -> list[Problem]:
    """The rubric's size bounds (:data:`MAX_SCALE_LEVELS`, :data:`MAX_INDICATORS`), checked
    before anything that grows with them; a rubric past one gets no other check."""
    problems: list[Problem] = []
    scale = rubric.scale
    levels = scale.max - scale.min + 1
    if levels > MAX_SCALE_LEVELS:
        problems.append(
            doc.problem(
                ("scale", "max"),
                Msg(
                    "rubric-scale-too-wide",
                    min=scale.min,
                    max=scale.max,
                    levels=levels,
                    limit=MAX_SCALE_LEVELS,
                ),
                Msg("rubric-scale-too-wide-hint"),
                code="scale-too-wide",
            )
        )
    count = sum(len(dim.indicators) for dim in rubric.dimensions)
    if count > MAX_INDICATORS:
        problems.append(
            doc.problem(
                ("dimensions",),
                Msg("rubric-too-many-indicators", count=count, limit=MAX_INDICATORS),
                Msg("rubric-too-many-indicators-hint"),
                key=True,
                code="too-many-indicators",
            )
        )
    return problems


def check_rubric(rubric: Rubric, doc: Document) -> list[Problem]:
    """Checks a rubric's model cannot express: ranges, uniqueness, references, cycles."""
    problems: list[Problem] = size_problems(rubric, doc)
    if problems:
        return problems
    scale = rubric.scale
    span = set(scale.span)
    if scale.min >= scale.max:
        problems.append(
            doc.problem(
                ("scale", "max"),
                Msg("scale-max-not-above-min", max=scale.max, min=scale.min),
                code="scale-max-not-above-min",
            )
        )
    for level in sorted(span - set(scale.levels)):
        problems.append(
            doc.problem(
                ("scale", "levels"),
                Msg("level-unnamed", level=level),
                Msg("level-unnamed-hint", level=level),
                code="level-unnamed",
            )
        )
    for level in sorted(set(scale.levels) - span):
        problems.append(
            doc.problem(
                ("scale", "levels", level),
                Msg("outside-scale", level=level, min=scale.min, max=scale.max),
                key=True,
                code="level-name-out-of-scale",
            )
        )
    if rubric.default_target not in span:
        problems.append(
            doc.problem(
                ("default_target",),
                Msg(
                    "default-target-out-of-scale",
                    level=rubric.default_target,
                    min=scale.min,
                    max=scale.max,
                ),
                code="default-target-out-of-scale",
            )
        )
    if rubric.stages and rubric.stages[0].min > 0:
        problems.append(
            doc.problem(
                ("stages", 0, "min"),
                Msg("rubric-first-stage", min=f"{rubric.stages[0].min:g}"),
                Msg("rubric-first-stage-hint"),
                code="first-stage-above-zero",
            )
        )
    for i in range(1, len(rubric.stages)):
        if rubric.stages[i].min <= rubric.stages[i - 1].min:
            problems.append(
                doc.problem(
                    ("stages", i, "min"),
                    Msg(
                        "stages-not-ascending",
                        min=rubric.stages[i].min,
                        before=rubric.stages[i - 1].min,
                    ),
                    code="stages-not-ascending",
                )
            )
    seen_dims: dict[str, int] = {}
    seen_inds: dict[str, tuple[int, int]] = {}
    for d, dim in enumerate(rubric.dimensions):
        if dim.id in seen_dims:
            problems.append(
                doc.problem(
                    ("dimensions", d, "id"),
                    Msg("duplicate-dimension-id", id=dim.id),
                    code="duplicate-dimension-id",
                )
            )
        seen_dims[dim.id] = d
        for i, ind in enumerate(dim.indicators):
            path: YamlPath = ("dimensions", d, "indicators", i)
            if ind.id in seen_inds:
                problems.append(
                    doc.problem(
                        (*path, "id"),
                        Msg("duplicate-indicator-id", id=ind.id),
                        code="duplicate-indicator-id",
                    )
                )
            seen_inds[ind.id] = (d, i)
            problems += _check_indicator(rubric, doc, path)
    problems += _check_needs(rubric, doc, seen_inds)
    problems += check_uncertainty(rubric, doc)
    return problems


def _check_indicator(rubric: Rubric, doc: Document, path: YamlPath) -> list[Problem]:
    ind = rubric.dimensions[int(path[1])].indicators[int(path[3])]
    scale = rubric.scale
    span = set(scale.span)
    problems: list[Problem] = []
    for level in sorted(span - set(ind.levels)):
        problems.append(
            doc.problem(
                (*path, "levels"),
                Msg("missing-descriptor", id=ind.id, level=level),
                Msg("missing-descriptor-hint", level=level),
                code="missing-descriptor",
            )
        )
    for key in ("levels", "levels_zh"):
        for level in sorted(set(getattr(ind, key)) - span):
            problems.append(
                doc.problem(
                    (*path, key, level),
                    Msg("outside-scale", level=level, min=scale.min, max=scale.max),
                    key=True,
                    code="descriptor-out-of-scale",
                )
            )
    for level in sorted(set(ind.actions) - (span - {scale.min})):
        problems.append(
            doc.problem(
                (*path, "actions", level),
                Msg("action-level-out-of-range", level=level, low=scale.min + 1, max=scale.max),
                key=True,
                code="action-level-out-of-range",
            )
        )
    if ind.kind == "metric":
        problems += _check_thresholds(rubric, doc, path)
    elif ind.thresholds is not None or ind.unit is not None:
        problems.append(
            doc.problem(
                (*path, "thresholds" if ind.thresholds else "unit"),
                Msg("metric-fields-on-level-indicator"),
                Msg("metric-fields-on-level-indicator-hint"),
                key=True,
                code="metric-fields-on-level-indicator",
            )
        )
    return problems


def _check_thresholds(rubric: Rubric, doc: Document, path: YamlPath) -> list[Problem]:
    ind = rubric.dimensions[int(path[1])].indicators[int(path[3])]
    scale = rubric.scale
    if not ind.thresholds:
        return [
            doc.problem(
                path,
                Msg("metric-no-thresholds", id=ind.id),
                Msg("metric-no-thresholds-hint"),
                code="metric-no-thresholds",
            )
        ]
    problems: list[Problem] = []
    wanted = set(range(scale.min + 1, scale.max + 1))
    if set(ind.thresholds) != wanted:
        problems.append(
            doc.problem(
                (*path, "thresholds"),
                Msg(
                    "thresholds-not-every-level",
                    low=scale.min + 1,
                    max=scale.max,
                    got=tuple(sorted(ind.thresholds)),
                ),
                code="thresholds-not-every-level",
            )
        )
    values = [v for _, v in sorted(ind.thresholds.items())]
    if any(b <= a for a, b in itertools.pairwise(values)):
        problems.append(
            doc.problem(
                (*path, "thresholds"),
                Msg("thresholds-not-rising"),
                code="thresholds-not-rising",
            )
        )
    if ind.unit is None:
        problems.append(doc.problem(path, Msg("metric-no-unit", id=ind.id), code="metric-no-unit"))
    return problems


def _check_needs(rubric: Rubric, doc: Document, where: dict[str, tuple[int, int]]) -> list[Problem]:
    """Unknown indicators or levels in ``needs``, and cycles that no roadmap could order."""
    problems: list[Problem] = []
    span = set(rubric.scale.span)
    # Node (indicator, level) depends on (indicator, level - 1) and on every need of its actions.
    edges: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for ind_id, (d, i) in where.items():
        ind = rubric.dimensions[d].indicators[i]
        for level, actions in ind.actions.items():
            for a, action in enumerate(actions):
                for other, needed in action.needs.items():
                    path = ("dimensions", d, "indicators", i, "actions", level, a, "needs", other)
                    if other not in where:
                        problems.append(
                            doc.problem(
                                path,
                                Msg("needs-unknown-indicator", id=other),
                                closest(other, list(where)),
                                key=True,
                                code="needs-unknown-indicator",
                            )
                        )
                    elif needed not in span:
                        problems.append(
                            doc.problem(
                                path,
                                Msg("needs-level-out-of-scale", id=other, level=needed),
                                code="needs-level-out-of-scale",
                            )
                        )
                    else:
                        edges.setdefault((ind_id, level), set()).add((other, needed))
    cycle = _find_cycle(edges, rubric)
    if cycle:
        first = cycle[0][0]
        d, i = where[first]
        chain = " -> ".join(f"{ind} {lvl}" for ind, lvl in cycle)
        problems.append(
            doc.problem(
                ("dimensions", d, "indicators", i, "actions"),
                Msg("needs-cycle", chain=chain),
                Msg("needs-cycle-hint"),
                code="needs-cycle",
            )
        )
    return problems


def _find_cycle(
    edges: dict[tuple[str, int], set[tuple[str, int]]], rubric: Rubric
) -> list[tuple[str, int]]:
    """A cycle among (indicator, level) steps, as the list of its steps; empty if none."""
    low = rubric.scale.min

    def deps(node: tuple[str, int]) -> list[tuple[str, int]]:
        ind, level = node
        out = sorted(edges.get(node, ()))
        if level > low + 1:
            out.append((ind, level - 1))
        return out

    state: dict[tuple[str, int], int] = {}  # 1 = on the stack, 2 = done
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[tuple[str, int], list[tuple[str, int]]]] = [(start, deps(start))]
        state[start] = 1
        while stack:
            node, pending = stack[-1]
            if not pending:
                state[node] = 2
                stack.pop()
                continue
            nxt = pending.pop(0)
            if nxt[1] <= low:
                continue
            if state.get(nxt) == 1:
                path = [n for n, _ in stack]
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, deps(nxt)))
    return []


# --- the uncertainty: block ---------------------------------------------------------------


def check_uncertainty(rubric: Rubric, doc: Document) -> list[Problem]:
    """The cross-checks of ``rubric.uncertainty``, as problems at their YAML positions.

    Part of :func:`check_rubric`; :func:`uncertainty_issues` gives the same issues without
    a document (``analysis.sensitivity.run`` refuses settings given to it with them).
    """
    return [
        doc.problem(path, message, hint, code=code)
        for path, message, hint, code in uncertainty_issues_with_codes(rubric)
    ]
