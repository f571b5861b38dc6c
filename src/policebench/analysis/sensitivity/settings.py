"""The uncertainty settings of a rubric: what they switch on, and how far weights stray.

The settings' own cross-checks (and :func:`~policebench.validation.uncertainty.impute_bounds`, the
plausible range of an unknown) are not here: they check model data, so they live with the
other rubric checks in :mod:`policebench.validation.rubric_checks`, which imports nothing
from analysis.
"""

from __future__ import annotations

import math

from policebench.models import Rubric, Uncertainty

#: The sources of uncertainty, in the order reports list them.
SOURCES = ("weights", "aggregation", "confidence", "unknowns")


def active_sources(
    rubric: Rubric, settings: Uncertainty | None = None, weight_sets: int = 1
) -> tuple[str, ...]:
    """The sources of uncertainty that vary under ``settings``, in :data:`SOURCES` order;
    ``weight_sets`` > 1 (alternative weight sets given) makes the weights vary."""
    settings = settings or rubric.uncertainty
    several = len(rubric.dimensions) > 1 or any(len(d.indicators) > 1 for d in rubric.dimensions)
    on = {
        "weights": (settings.concentration is not None or weight_sets > 1) and several,
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
