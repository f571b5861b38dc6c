"""The ``uncertainty:`` settings' cross-checks, and the plausible range of an unknown.

Pure functions of the models alone (no document, no positions), so that the sensitivity
analysis can apply them to settings it is given and the rubric checks can place them in the
YAML (:func:`policebench.validation.rubric_checks.check_uncertainty`).
"""

from __future__ import annotations

from policebench.messages import Msg
from policebench.models import Rubric, Uncertainty


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
    return [
        (path, message, hint)
        for path, message, hint, _ in uncertainty_issues_with_codes(rubric, settings)
    ]


def uncertainty_issues_with_codes(
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
                    Msg("impute-out-of-scale", key=key, level=level, min=scale.min, max=scale.max),
                    Msg("impute-out-of-scale-hint", min=scale.min, max=scale.max),
                    "impute-out-of-scale",
                )
            )
    low, high = impute_bounds(rubric, settings)
    if low > high:
        issues.append(
            (
                ("uncertainty", "impute_min"),
                Msg("impute-min-above-max", low=low, high=high),
                Msg("impute-min-above-max-hint"),
                "impute-min-above-max",
            )
        )
    seen: set[str] = set()
    for name in settings.aggregations:
        if name in seen:
            issues.append(
                (
                    ("uncertainty", "aggregations"),
                    Msg("aggregation-listed-twice", name=name),
                    Msg("aggregation-listed-twice-hint"),
                    "aggregation-listed-twice",
                )
            )
        seen.add(name)
    if settings.medium_shift > settings.low_shift:
        issues.append(
            (
                ("uncertainty", "medium_shift"),
                Msg(
                    "medium-shift-above-low",
                    medium=f"{settings.medium_shift:g}",
                    low=f"{settings.low_shift:g}",
                ),
                Msg("medium-shift-above-low-hint"),
                "medium-shift-above-low",
            )
        )
    return issues
