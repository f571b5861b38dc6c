"""An expert's pairwise comparisons (AHP, Saaty's 1-9 scale), the weights file of issue 16.

Only the upper triangle is written: ``row: {column: judgement}`` says how much more important
the row item is than the column item (3 = moderately more, 1/3 = moderately less); the
reciprocals are implied. A judgement is a number (``3``, ``0.5``) or a fraction in quotes or
not (``1/3``). Whether the judgements are on the scale, every pair is there and the items are
the rubric's is checked in :mod:`policebench.validation.weights_checks`, where each problem
gets its line and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import Field

from policebench.models.base import Id, Model, Text

#: One judgement: a number from 1/9 to 9, or a fraction such as "1/3".
#: Typed loosely here so that every wrong judgement (``0``, ``10``, ``true``, ``a third``) is
#: worded by the weights checks, at its line and column, not by pydantic.
Judgement = Annotated[
    Any,
    Field(
        description="How much more important the row item is than the column item, on "
        "Saaty's scale 1/9..9: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 "
        "extremely more important; 2, 4, 6, 8 in between; 1/3 = moderately less. A number "
        "or a fraction such as 1/3.",
        json_schema_extra={
            "anyOf": [
                {"type": "number", "minimum": 1 / 9, "maximum": 9},
                {"type": "string", "pattern": r"^\s*[0-9.]+\s*/\s*[0-9.]+\s*$"},
            ]
        },
    ),
]
#: Row item -> column item -> judgement (the upper triangle; a full matrix is accepted when
#: it is reciprocal).
Comparisons = dict[Id, dict[Id, Judgement]]


class ExpertWeights(Model):
    """One expert's pairwise comparisons of a rubric's dimensions and indicators."""

    expert: Text = Field(description="Who judged, e.g. 'Expert A' or a name and unit.")
    expert_zh: str | None = Field(None, description="The same in Chinese.")
    rubric: Id = Field(description="The id of the rubric whose items are compared.")
    dimensions: Comparisons = Field(
        default_factory=dict,
        description="Dimensions against dimensions: row -> {column: judgement}.",
    )
    indicators: dict[Id, Comparisons] = Field(
        default_factory=dict,
        description="Per dimension id, its indicators against each other, the same way; a "
        "dimension left out keeps the rubric's indicator weights.",
    )


@dataclass(frozen=True)
class Matrix:
    """A full reciprocal comparison matrix over ``items`` (row i against column j), as read
    from a weights file (the upper triangle and its reciprocals)."""

    items: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]


@dataclass(frozen=True)
class Judged:
    """One expert's comparison matrices: of the dimensions, and of indicators per dimension
    (by dimension id, in rubric order); None / absent = not compared."""

    expert: str
    file: str
    dimensions: Matrix | None = None
    indicators: Mapping[str, Matrix] = field(default_factory=dict)
    #: The expert's name in Chinese, when the file gives one (``expert_zh``).
    expert_zh: str | None = None
