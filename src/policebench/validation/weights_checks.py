"""An expert's weights file against its rubric: every judgement on Saaty's scale, every pair
compared once (or reciprocally twice), only the rubric's items; and a panel's experts
comparing the same groups. Each problem at its line and column. Pure: documents in,
comparison matrices and problems out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from policebench.messages import Msg
from policebench.models import Rubric
from policebench.models.weights import ExpertWeights, Judged, Matrix
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest_then

#: Saaty's scale runs from 1/9 to 9; a little slack for 0.11 written for 1/9.
LOWEST, HIGHEST = 1 / 9, 9.0
#: How far a_ij * a_ji may be from 1 in a full matrix (0.33 written for 1/3 is 1% off).
RECIPROCAL_SLACK = 0.02
_FRACTION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def judgement(value: Any) -> float | str:
    """A judgement as a number; a string saying what is wrong when it is not one."""
    if isinstance(value, bool) or value is None:
        return "form"
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        match = _FRACTION.match(value)
        if match is None:
            try:
                number = float(value.strip())
            except ValueError:
                return "form"
        else:
            top, bottom = float(match[1]), float(match[2])
            if bottom == 0:
                return "range"
            number = top / bottom
    else:
        return "form"
    if not math.isfinite(number) or not LOWEST - 1e-3 <= number <= HIGHEST:
        return "range"
    return number


def _group(
    doc: Document,
    where: YamlPath,
    given: dict[str, dict[str, Any]],
    items: list[str],
    what: Msg,
    elsewhere: dict[str, str] | None = None,
) -> tuple[Matrix | None, list[Problem]]:
    """The matrix of one comparison group (``given`` at ``where``) over ``items``;
    ``elsewhere`` names the dimension of each indicator, for a hint when one is compared in
    another dimension's group."""
    elsewhere = elsewhere or {}

    def unknown_hint(name: str) -> str:
        if name in elsewhere:
            return Msg("comparison-other-dimension-hint", name=name, dimension=elsewhere[name])
        return closest_then(name, items, Msg("comparison-items-hint", items=tuple(items)))

    problems: list[Problem] = []
    known = set(items)
    pairs: dict[tuple[str, str], float] = {}
    #: Pairs written, valid or not: a bad judgement is not also a missing pair.
    seen: set[frozenset[str]] = set()
    for row, columns in given.items():
        if row not in known:
            problems.append(
                doc.problem(
                    (*where, row),
                    Msg("comparison-unknown", name=row, what=what),
                    unknown_hint(row),
                    key=True,
                    code="comparison-unknown-item",
                )
            )
            continue
        if not isinstance(columns, dict):
            problems.append(
                doc.problem(
                    (*where, row),
                    Msg("comparison-row-not-mapping", name=row, value=_kind(columns)),
                    Msg("comparison-row-not-mapping-hint"),
                    code="not-a-mapping",
                )
            )
            continue
        for column, raw in columns.items():
            at = (*where, row, column)
            if column not in known:
                problems.append(
                    doc.problem(
                        at,
                        Msg("comparison-unknown", name=column, what=what),
                        unknown_hint(column),
                        key=True,
                        code="comparison-unknown-item",
                    )
                )
                continue
            seen.add(frozenset((row, column)))
            value = judgement(raw)
            if isinstance(value, str):
                shown = _kind(raw)
                if value == "range":
                    problems.append(
                        doc.problem(
                            at,
                            Msg("judgement-off-scale", row=row, column=column, value=shown),
                            Msg("judgement-scale-hint"),
                            code="judgement-scale",
                        )
                    )
                else:
                    problems.append(
                        doc.problem(
                            at,
                            Msg("judgement-not-number", row=row, column=column, value=shown),
                            Msg("judgement-scale-hint"),
                            code="judgement-not-a-number",
                        )
                    )
                continue
            if row == column:
                if abs(value - 1) > 1e-9:
                    problems.append(
                        doc.problem(
                            at,
                            Msg("comparison-self-value", name=row, value=str(raw)),
                            Msg("comparison-self-hint"),
                            code="comparison-self",
                        )
                    )
                continue
            back = pairs.get((column, row))
            if back is not None and abs(back * value - 1) > RECIPROCAL_SLACK:
                problems.append(
                    doc.problem(
                        at,
                        Msg(
                            "comparison-not-reciprocal-pair",
                            row=row,
                            column=column,
                            given=str(raw),
                            back=_shown(back),
                            expected=_shown(1 / back),
                        ),
                        Msg("comparison-not-reciprocal-hint"),
                        code="comparison-not-reciprocal",
                    )
                )
                continue
            pairs[(row, column)] = value
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if frozenset((a, b)) not in seen:
                problems.append(
                    doc.problem(
                        (*where, a) if a in given else where,
                        Msg("comparison-no-pair", a=a, b=b),
                        Msg("comparison-no-pair-hint", a=a, b=b),
                        key=True,
                        code="comparison-missing-pair",
                    )
                )
    if problems:
        return None, problems
    n = len(items)
    values = [[1.0] * n for _ in range(n)]
    for i, a in enumerate(items):
        for j, b in enumerate(items):
            if i != j:
                if (a, b) in pairs:
                    values[i][j] = pairs[(a, b)]
                else:
                    values[i][j] = 1 / pairs[(b, a)]
    return Matrix(tuple(items), tuple(tuple(r) for r in values)), []


def _kind(value: Any) -> str:
    """A value as the expert typed it: a number or quoted text; true, null, a list."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return Msg("value-null")
    if isinstance(value, dict):
        return Msg("value-mapping")
    if isinstance(value, list):
        return Msg("value-list")
    return repr(value)


def _shown(value: float) -> str:
    if value < 1 and abs(1 / value - round(1 / value)) < 1e-6:
        return f"1/{round(1 / value)}"
    return f"{value:g}"


def read_judgements(
    weights: ExpertWeights, doc: Document, rubric: Rubric
) -> tuple[Judged | None, list[Problem]]:
    """One expert's matrices from a valid weights model and its document."""
    problems: list[Problem] = []
    if weights.rubric != rubric.id:
        problems.append(
            doc.problem(
                ("rubric",),
                Msg("weights-other-rubric", given=weights.rubric, used=rubric.id),
                Msg("weights-other-rubric-hint"),
                code="weights-rubric-mismatch",
            )
        )
        return None, problems
    dimensions: Matrix | None = None
    if weights.dimensions:
        dimensions, found = _group(
            doc,
            ("dimensions",),
            dict(weights.dimensions),
            [d.id for d in rubric.dimensions],
            Msg("compared-dimensions"),
        )
        problems += found
    ids = [d.id for d in rubric.dimensions]
    matrices: dict[str, Matrix] = {}
    for dim in weights.indicators:
        if dim not in ids:
            problems.append(
                doc.problem(
                    ("indicators", dim),
                    Msg("comparison-not-a-dimension", name=dim, rubric=rubric.id),
                    closest_then(dim, ids, Msg("comparison-dimensions-are", ids=tuple(ids))),
                    key=True,
                    code="comparison-unknown-item",
                )
            )
    for d in rubric.dimensions:  # in rubric order
        if weights.indicators.get(d.id):
            matrix, found = _group(
                doc,
                ("indicators", d.id),
                dict(weights.indicators[d.id]),
                [i.id for i in d.indicators],
                Msg("compared-indicators-of", dimension=d.id),
                rubric.dimension_of,
            )
            problems += found
            if matrix is not None:
                matrices[d.id] = matrix
    if problems:
        return None, problems
    if dimensions is None and not matrices:
        problems.append(
            doc.problem(
                (),
                Msg("comparison-nothing"),
                Msg("comparison-nothing-hint"),
                code="comparison-missing-pair",
            )
        )
        return None, problems
    return Judged(weights.expert, doc.file, dimensions, matrices, weights.expert_zh), []


def same_groups(experts: Sequence[tuple[Judged, Document]]) -> list[Problem]:
    """A panel's experts must compare the same groups: each difference from the first
    expert, placed in the later expert's file (at the group it has, or at its top)."""
    problems: list[Problem] = []
    first = experts[0][0]
    reference = _groups(first)
    for judged, doc in experts[1:]:
        mine = _groups(judged)
        for group in sorted(reference ^ mine):
            what = (
                Msg("compared-dimensions")
                if group == ""
                else Msg("compared-indicators-of", dimension=group)
            )
            has, lacks = (judged, first) if group in mine else (first, judged)
            path: YamlPath = ("dimensions",) if group == "" else ("indicators", group)
            problems.append(
                doc.problem(
                    path if group in mine else (),
                    Msg(
                        "comparison-groups-differ",
                        has=has.expert,
                        has_file=has.file,
                        what=what,
                        lacks=lacks.expert,
                        lacks_file=lacks.file,
                    ),
                    Msg("comparison-groups-differ-hint", has_file=has.file, lacks_file=lacks.file),
                    key=True,
                    code="comparison-sets-differ",
                )
            )
    return problems


def _groups(judged: Judged) -> set[str]:
    return ({""} if judged.dimensions is not None else set()) | set(judged.indicators)
