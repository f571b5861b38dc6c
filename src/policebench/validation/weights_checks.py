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

from policebench.models import Rubric
from policebench.models.weights import ExpertWeights, Judged, Matrix
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest_then

#: Saaty's scale runs from 1/9 to 9; a little slack for 0.11 written for 1/9.
LOWEST, HIGHEST = 1 / 9, 9.0
#: How far a_ij * a_ji may be from 1 in a full matrix (0.33 written for 1/3 is 1% off).
RECIPROCAL_SLACK = 0.02
_FRACTION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)\s*$")
_SCALE_HINT = (
    "write a number from 1/9 to 9 on Saaty's scale: 1 equal, 3 moderately, 5 strongly, "
    "7 very strongly, 9 extremely more important (2, 4, 6, 8 between); 1/3 = moderately less"
)


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
    what: str,
    elsewhere: dict[str, str] | None = None,
) -> tuple[Matrix | None, list[Problem]]:
    """The matrix of one comparison group (``given`` at ``where``) over ``items``;
    ``elsewhere`` names the dimension of each indicator, for a hint when one is compared in
    another dimension's group."""
    elsewhere = elsewhere or {}

    def unknown_hint(name: str) -> str:
        if name in elsewhere:
            return (
                f"'{name}' is an indicator of '{elsewhere[name]}': compare it under "
                f"'indicators: {elsewhere[name]}:'"
            )
        return closest_then(name, items, f"compare {', '.join(items)}")

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
                    f"'{row}' is not one of the {what} compared here",
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
                    f"'{row}' is {type(columns).__name__}, expected a mapping such as {{other: 3}}",
                    "write the items it is compared with and a judgement each",
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
                        f"'{column}' is not one of the {what} compared here",
                        unknown_hint(column),
                        key=True,
                        code="comparison-unknown-item",
                    )
                )
                continue
            seen.add(frozenset((row, column)))
            value = judgement(raw)
            if isinstance(value, str):
                shown = repr(raw) if not isinstance(raw, bool) else str(raw).lower()
                said = f"the judgement of '{row}' against '{column}' is {shown}, expected "
                if value == "range":
                    problems.append(
                        doc.problem(
                            at,
                            said + "a number from 1/9 to 9",
                            _SCALE_HINT,
                            code="judgement-scale",
                        )
                    )
                else:
                    problems.append(
                        doc.problem(
                            at,
                            said + "a number or a fraction such as 1/3",
                            _SCALE_HINT,
                            code="judgement-not-a-number",
                        )
                    )
                continue
            if row == column:
                if abs(value - 1) > 1e-9:
                    problems.append(
                        doc.problem(
                            at,
                            f"'{row}' compared with itself is {raw}, expected 1",
                            "leave the diagonal out: an item is as important as itself",
                            code="comparison-self",
                        )
                    )
                continue
            back = pairs.get((column, row))
            if back is not None and abs(back * value - 1) > RECIPROCAL_SLACK:
                problems.append(
                    doc.problem(
                        at,
                        f"'{row}' against '{column}' is {raw}, but '{column}' against '{row}' "
                        f"is {_shown(back)}: a full matrix must be reciprocal (expected "
                        f"{_shown(1 / back)})",
                        "write only the upper triangle (each pair once), or make the two "
                        "judgements reciprocal",
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
                        f"no comparison of '{a}' with '{b}'",
                        f"add '{b}: N' under '{a}:' (N on Saaty's scale, 1/9 to 9)",
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
                f"the weights are for rubric '{weights.rubric}', the rubric used is '{rubric.id}'",
                "give the rubric the experts judged with --rubric, or correct 'rubric:'",
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
            "dimensions",
        )
        problems += found
    ids = [d.id for d in rubric.dimensions]
    matrices: dict[str, Matrix] = {}
    for dim in weights.indicators:
        if dim not in ids:
            problems.append(
                doc.problem(
                    ("indicators", dim),
                    f"'{dim}' is not a dimension of rubric '{rubric.id}'",
                    closest_then(dim, ids, f"the dimensions are {', '.join(ids)}"),
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
                f"indicators of '{d.id}'",
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
                "nothing is compared: no 'dimensions:' and no 'indicators:' comparisons",
                "compare the dimensions (dimensions: {planning: {integration: 3, ...}, ...}) "
                "or the indicators of a dimension",
                code="comparison-missing-pair",
            )
        )
        return None, problems
    return Judged(weights.expert, doc.file, dimensions, matrices), []


def same_groups(experts: Sequence[tuple[Judged, Document]]) -> list[Problem]:
    """A panel's experts must compare the same groups: each difference from the first
    expert, placed in the later expert's file (at the group it has, or at its top)."""
    problems: list[Problem] = []
    first = experts[0][0]
    reference = _groups(first)
    for judged, doc in experts[1:]:
        mine = _groups(judged)
        for group in sorted(reference ^ mine):
            label = "the dimensions" if group == "" else f"the indicators of '{group}'"
            has, lacks = (judged, first) if group in mine else (first, judged)
            path: YamlPath = ("dimensions",) if group == "" else ("indicators", group)
            problems.append(
                doc.problem(
                    path if group in mine else (),
                    f"{has.expert} ({has.file}) compares {label}, {lacks.expert} "
                    f"({lacks.file}) does not",
                    "every expert of a panel compares the same groups: add the comparisons "
                    f"to {lacks.file}, or leave them out of {has.file}",
                    key=True,
                    code="comparison-sets-differ",
                )
            )
    return problems


def _groups(judged: Judged) -> set[str]:
    return ({""} if judged.dimensions is not None else set()) | set(judged.indicators)
