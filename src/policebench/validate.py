"""From parsed YAML to models, with every problem found, not only the first.

Two kinds of check: the model's own (pydantic), each mapped back to the YAML line and column
where the planner can fix it; and the checks that need the whole picture (a profile against
its rubric, ids across files, ``needs`` cycles). Pure: documents in, models and problems out.
"""

from __future__ import annotations

import itertools
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from policebench.analysis.sensitivity_settings import check_uncertainty
from policebench.models import Profile, Rubric
from policebench.problems import Problem
from policebench.yamlio import Document, YamlPath, closest

M = TypeVar("M", bound=BaseModel)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (for a close-spelling hint)."""
    current: Any = model
    # Parts of ``loc`` that are list indexes or dict keys (e.g. an indicator id under a
    # profile's ``indicators:``), not field names: they are stepped over, never looked up.
    skip = 0
    for part in loc:
        if skip:
            skip -= 1
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current, skip = _model_in(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any, depth: int = 0) -> tuple[Any, int]:
    """The model class inside an annotation such as ``list[Action]`` or ``dict[int, list[X]]``.

    Also returns how many list indexes and dict keys lie between the field and the model
    (1 for ``dict[Id, Assessment]``, 2 for ``dict[Level, list[Action]]``).
    """
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, depth
    inner = depth + 1 if get_origin(annotation) in (list, dict) else depth
    for arg in get_args(annotation):
        found, found_depth = _model_in(arg, inner)
        if found is not None:
            return found, found_depth
    return None, 0


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(error: Any, model: type[BaseModel]) -> tuple[str, str, bool]:
    """A planner-readable message, hint and whether to point at the key, for one error."""
    kind = error["type"]
    loc = tuple(p for p in error["loc"] if p != "[key]")
    name = str(loc[-1]) if loc else "document"
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = closest(name, allowed) or (f"allowed keys: {', '.join(allowed)}" if allowed else "")
        return f"unknown key '{name}'", hint, True
    if kind == "missing":
        return f"missing required key '{name}'", f"add '{name}:' here", False
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"'{name}' is {_describe(value)}, expected one of {expected}", "", False
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"'{name}' is {_describe(value)}, expected a whole number", "", False
    if kind == "finite_number":
        return f"'{name}' is {_describe(value)}, expected a finite number", "", False
    if kind in {"float_type", "float_parsing"}:
        return f"'{name}' is {_describe(value)}, expected a number", "", False
    if kind == "string_type":
        hint = 'put it in quotes, e.g. "1.0"' if isinstance(value, int | float) else ""
        return f"'{name}' is {_describe(value)}, expected text", hint, False
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        return f"'{name}' is {_describe(value)}, expected a number {words} {bound}", "", False
    if kind == "string_pattern_mismatch":
        return (
            f"'{name}' is {_describe(value)}, expected an id of lowercase letters, digits "
            "and hyphens",
            "e.g. 'top-level-design'",
            False,
        )
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"'{name}' is {_describe(value)}, expected a mapping of keys", "", False
    if kind == "list_type":
        return f"'{name}' is {_describe(value)}, expected a list", "", False
    if kind == "too_short":
        return f"'{name}' is empty, expected at least one entry", "", False
    if kind.startswith("date"):
        return f"'{name}' is {_describe(value)}, expected a date", "write it as YYYY-MM-DD", False
    return f"'{name}': {error['msg']}", "", False


def build(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """``model`` from ``doc``; on failure, every pydantic error as a positioned Problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if p != "[key]")
            message, hint, at_key = _message(error, model)
            problems.append(
                doc.problem(
                    loc, message, hint, key=at_key or "[key]" in error["loc"], code=error["type"]
                )
            )
        return None, problems


def check_rubric(rubric: Rubric, doc: Document) -> list[Problem]:
    """Checks a rubric's model cannot express: ranges, uniqueness, references, cycles."""
    problems: list[Problem] = []
    scale = rubric.scale
    span = set(scale.span)
    if scale.min >= scale.max:
        problems.append(
            doc.problem(
                ("scale", "max"),
                f"scale max ({scale.max}) must be greater than scale min ({scale.min})",
            )
        )
    for level in sorted(span - set(scale.levels)):
        problems.append(
            doc.problem(
                ("scale", "levels"),
                f"level {level} has no name",
                f"add '{level}: <name>' under scale.levels",
            )
        )
    for level in sorted(set(scale.levels) - span):
        problems.append(
            doc.problem(
                ("scale", "levels", level),
                f"level {level} is outside the scale {scale.min}..{scale.max}",
                key=True,
            )
        )
    if rubric.default_target not in span:
        problems.append(
            doc.problem(
                ("default_target",),
                f"default_target {rubric.default_target}"
                f" is outside the scale {scale.min}..{scale.max}",
            )
        )
    for i in range(1, len(rubric.stages)):
        if rubric.stages[i].min <= rubric.stages[i - 1].min:
            problems.append(
                doc.problem(
                    ("stages", i, "min"),
                    "stages must be in ascending order "
                    f"of min ({rubric.stages[i].min} follows "
                    f"{rubric.stages[i - 1].min})",
                )
            )
    seen_dims: dict[str, int] = {}
    seen_inds: dict[str, tuple[int, int]] = {}
    for d, dim in enumerate(rubric.dimensions):
        if dim.id in seen_dims:
            problems.append(
                doc.problem(("dimensions", d, "id"), f"duplicate dimension id '{dim.id}'")
            )
        seen_dims[dim.id] = d
        for i, ind in enumerate(dim.indicators):
            path: YamlPath = ("dimensions", d, "indicators", i)
            if ind.id in seen_inds:
                problems.append(
                    doc.problem(
                        (*path, "id"),
                        f"duplicate indicator id '{ind.id}' "
                        "(indicator ids are unique across the rubric)",
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
                f"indicator '{ind.id}' has no descriptor for level {level}",
                f"add '{level}: <what it looks like>'",
            )
        )
    for key in ("levels", "levels_zh"):
        for level in sorted(set(getattr(ind, key)) - span):
            problems.append(
                doc.problem(
                    (*path, key, level),
                    f"level {level} is outside the scale {scale.min}..{scale.max}",
                    key=True,
                )
            )
    for level in sorted(set(ind.actions) - (span - {scale.min})):
        problems.append(
            doc.problem(
                (*path, "actions", level),
                f"actions for level {level}: "
                f"actions are listed under the level they reach, "
                f"{scale.min + 1}..{scale.max}",
                key=True,
            )
        )
    if ind.kind == "metric":
        problems += _check_thresholds(rubric, doc, path)
    elif ind.thresholds is not None or ind.unit is not None:
        problems.append(
            doc.problem(
                (*path, "thresholds" if ind.thresholds else "unit"),
                "thresholds and unit belong to metric indicators",
                "add 'kind: metric' or remove them",
                key=True,
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
                f"metric indicator '{ind.id}' needs 'thresholds': the value needed for each level",
                "e.g. thresholds: {1: 0.5, 2: 1, 3: 2, 4: 3}",
            )
        ]
    problems: list[Problem] = []
    wanted = set(range(scale.min + 1, scale.max + 1))
    if set(ind.thresholds) != wanted:
        problems.append(
            doc.problem(
                (*path, "thresholds"),
                f"thresholds must give a value for "
                f"each level {scale.min + 1}..{scale.max}, "
                f"got {sorted(ind.thresholds)}",
            )
        )
    values = [v for _, v in sorted(ind.thresholds.items())]
    if any(b <= a for a, b in itertools.pairwise(values)):
        problems.append(doc.problem((*path, "thresholds"), "thresholds must rise with the level"))
    if ind.unit is None:
        problems.append(doc.problem(path, f"metric indicator '{ind.id}' needs a 'unit'"))
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
                                f"needs an unknown indicator '{other}'",
                                closest(other, list(where)),
                                key=True,
                            )
                        )
                    elif needed not in span:
                        problems.append(
                            doc.problem(
                                path, f"needs '{other}' at level {needed}, outside the scale"
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
                f"'needs' form a cycle no roadmap can order: {chain}",
                "remove or lower one of these needs",
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


def check_profile(profile: Profile, rubric: Rubric, doc: Document) -> list[Problem]:
    """A profile against its rubric: ids, levels in range, metric values, missing evidence."""
    problems: list[Problem] = []
    scale = rubric.scale
    known = rubric.indicators
    if profile.rubric != rubric.id:
        problems.append(
            doc.problem(
                ("rubric",),
                f"unknown rubric id '{profile.rubric}'; the rubric in use is '{rubric.id}'",
                closest(profile.rubric, [rubric.id]) or "pass the right rubric with --rubric PATH",
            )
        )
        return problems
    for ind_id, entry in profile.indicators.items():
        path: YamlPath = ("indicators", ind_id)
        indicator = known.get(ind_id)
        if indicator is None:
            problems.append(
                doc.problem(
                    path,
                    f"unknown indicator '{ind_id}' (not in rubric '{rubric.id}')",
                    closest(ind_id, list(known)),
                    key=True,
                    code="unknown-indicator",
                )
            )
            continue
        if entry.level is not None and entry.level not in scale.span:
            problems.append(
                doc.problem(
                    (*path, "level"),
                    f"level {entry.level} is outside the scale {scale.min}..{scale.max}",
                    f"use a whole number from {scale.min} to {scale.max}, or null if unknown",
                    code="level-range",
                )
            )
        if entry.value is not None:
            if indicator.kind != "metric":
                problems.append(
                    doc.problem(
                        (*path, "value"),
                        f"'{ind_id}' is rated by level, "
                        "not measured: 'value' belongs to metric indicators",
                        "give 'level' instead",
                        key=True,
                    )
                )
            elif entry.level is not None:
                implied = indicator.level_for_value(entry.value)
                implied = scale.min if implied is None else implied
                if implied != entry.level:
                    problems.append(
                        doc.problem(
                            (*path, "level"),
                            f"level {entry.level} disagrees"
                            f" with value {entry.value:g}, which reaches "
                            f"level {implied} under the rubric's thresholds",
                            "give the value alone; the level follows",
                        )
                    )
        if (entry.level is not None or entry.value is not None) and entry.confidence is None:
            problems.append(
                doc.problem(
                    path,
                    f"'{ind_id}' has a level but no confidence",
                    "add 'confidence: high | medium | low'",
                    key=True,
                )
            )
    for ind_id, level in profile.targets.items():
        if ind_id not in known:
            problems.append(
                doc.problem(
                    ("targets", ind_id),
                    f"target for unknown indicator '{ind_id}'",
                    closest(ind_id, list(known)),
                    key=True,
                )
            )
        elif level not in scale.span:
            problems.append(
                doc.problem(
                    ("targets", ind_id),
                    f"target {level} is outside the scale {scale.min}..{scale.max}",
                )
            )
    return problems


def evidence_warnings(profile: Profile, doc: Document) -> list[Problem]:
    """Levels given without evidence or without a source: opinions, flagged but not errors."""
    warnings: list[Problem] = []
    for ind_id, entry in profile.indicators.items():
        if entry.level is None and entry.value is None:
            continue
        if not entry.evidence:
            warnings.append(
                doc.problem(
                    ("indicators", ind_id),
                    f"'{ind_id}' has a level but no evidence; reports show it as an opinion",
                    "add 'evidence:'",
                    key=True,
                    code="no-evidence",
                    severity="warning",
                )
            )
        elif not entry.sources and entry.survey is None:
            warnings.append(
                doc.problem(
                    ("indicators", ind_id),
                    f"'{ind_id}' has evidence but no source",
                    "add 'sources:'",
                    key=True,
                    code="no-source",
                    severity="warning",
                )
            )
    return warnings
