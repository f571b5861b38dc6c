"""The uncertainty settings of a rubric: their cross-checks and what they switch on.

Kept apart from the sampling engine (:mod:`policebench.analysis.sensitivity`) so that
``validate`` can check the settings without loading the engine.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from policebench.models import Rubric, Uncertainty
from policebench.problems import Problem

if TYPE_CHECKING:
    from policebench.yamlio import Document

#: The sources of uncertainty, in the order reports list them.
SOURCES = ("weights", "aggregation", "confidence", "unknowns")


def impute_bounds(rubric: Rubric, settings: Uncertainty | None = None) -> tuple[int, int]:
    """The lowest and highest plausible level of an unknown (defaults: the scale's ends)."""
    settings = settings or rubric.uncertainty
    low = rubric.scale.min if settings.impute_min is None else settings.impute_min
    high = rubric.scale.max if settings.impute_max is None else settings.impute_max
    return low, high


def uncertainty_issues(
    rubric: Rubric, settings: Uncertainty | None = None
) -> list[tuple[tuple[str, ...], str, str]]:
    """Settings the model alone cannot refuse, as (YAML path, message, hint) triples."""
    return [(path, message, hint) for path, message, hint, _ in _issues(rubric, settings)]


def _issues(
    rubric: Rubric, settings: Uncertainty | None = None
) -> list[tuple[tuple[str, ...], str, str, str]]:
    """:func:`uncertainty_issues`, each with its problem code."""
    settings = settings or rubric.uncertainty
    scale = rubric.scale
    issues: list[tuple[tuple[str, ...], str, str, str]] = []
    for key in ("impute_min", "impute_max"):
        level = getattr(settings, key)
        if level is not None and level not in scale.span:
            issues.append(
                (
                    ("uncertainty", key),
                    f"{key} {level} is outside the scale {scale.min}..{scale.max}",
                    f"use a level from {scale.min} to {scale.max}, or leave it out",
                    "impute-out-of-scale",
                )
            )
    low, high = impute_bounds(rubric, settings)
    if low > high:
        issues.append(
            (
                ("uncertainty", "impute_min"),
                f"impute_min ({low}) is above impute_max ({high})",
                "the lowest plausible level of an unknown must not exceed the highest",
                "impute-min-above-max",
            )
        )
    seen: set[str] = set()
    for name in settings.aggregations:
        if name in seen:
            issues.append(
                (
                    ("uncertainty", "aggregations"),
                    f"aggregation '{name}' is listed twice; each listed one is equally likely",
                    "list each aggregation once",
                    "aggregation-listed-twice",
                )
            )
        seen.add(name)
    if settings.medium_shift > settings.low_shift:
        issues.append(
            (
                ("uncertainty", "medium_shift"),
                f"medium_shift ({settings.medium_shift:g}) is above low_shift "
                f"({settings.low_shift:g}): medium-confidence levels would move more often "
                "than low-confidence ones",
                "make medium_shift at most low_shift",
                "medium-shift-above-low",
            )
        )
    return issues


def check_uncertainty(rubric: Rubric, doc: Document) -> list[Problem]:
    """The cross-checks of ``rubric.uncertainty``, as problems at their YAML positions.

    Meant for ``validate.check_rubric``: ``problems += check_uncertainty(rubric, doc)``.
    """
    return [
        doc.problem(path, message, hint, code=code) for path, message, hint, code in _issues(rubric)
    ]


def active_sources(rubric: Rubric, settings: Uncertainty | None = None) -> tuple[str, ...]:
    """The sources of uncertainty that vary under ``settings``, in :data:`SOURCES` order."""
    settings = settings or rubric.uncertainty
    several = len(rubric.dimensions) > 1 or any(len(d.indicators) > 1 for d in rubric.dimensions)
    on = {
        "weights": settings.concentration is not None and several,
        "aggregation": len(set(settings.aggregations)) > 1,
        "confidence": settings.low_shift > 0 or settings.medium_shift > 0,
        "unknowns": settings.impute_unknown,
    }
    return tuple(s for s in SOURCES if on[s])


def weight_spread(
    rubric: Rubric, settings: Uncertainty | None = None
) -> dict[str, tuple[float, float] | None]:
    """How far the drawn weights typically stray from the rubric's, for reports to say.

    A weight drawn from ``Dirichlet(c * w / sum w)`` has mean ``m = w / sum w`` and standard
    deviation ``sqrt(m * (1 - m) / (c + 1))``; relative to its mean that is
    ``sqrt((1 - m) / (m * (c + 1)))``. Returns the lowest and highest of these relative
    deviations for the ``"dimensions"`` weights and for the ``"indicators"`` weights within
    their dimensions (``None`` where nothing is drawn: weights fixed, one dimension, or no
    dimension with more than one indicator).
    """
    settings = settings or rubric.uncertainty
    c = settings.concentration
    groups: dict[str, list[list[float]]] = {
        "dimensions": [[d.weight for d in rubric.dimensions]],
        "indicators": [[i.weight for i in d.indicators] for d in rubric.dimensions],
    }
    out: dict[str, tuple[float, float] | None] = {}
    for kind, weight_groups in groups.items():
        spreads = [
            math.sqrt((1 - w / sum(ws)) / (w / sum(ws) * (c + 1)))
            for ws in weight_groups
            if c is not None and len(ws) > 1
            for w in ws
        ]
        out[kind] = (min(spreads), max(spreads)) if spreads else None
    return out
