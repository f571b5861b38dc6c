"""A profile against its rubric: ids, levels in range, metric values, missing evidence.

What a profile's model alone cannot refuse because it needs the rubric. Pure: a profile, its
rubric and its document in, problems at their YAML positions out.
"""

from __future__ import annotations

from policebench.models import Profile, Rubric
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest
from policebench.validation.forms import slug


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
                code="unknown-rubric",
            )
        )
        return problems
    for ind_id, entry in profile.indicators.items():
        path: YamlPath = ("indicators", ind_id)
        indicator = known.get(ind_id)
        if indicator is None:
            problems.append(_unknown_indicator(doc, ind_id, rubric))
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
                        code="value-not-metric",
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
                            code="level-disagrees-with-value",
                        )
                    )
        if (entry.level is not None or entry.value is not None) and entry.confidence is None:
            problems.append(
                doc.problem(
                    path,
                    f"'{ind_id}' has a level but no confidence",
                    "add 'confidence: high | medium | low'",
                    key=True,
                    code="no-confidence",
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
                    code="target-unknown-indicator",
                )
            )
        elif level not in scale.span:
            problems.append(
                doc.problem(
                    ("targets", ind_id),
                    f"target {level} is outside the scale {scale.min}..{scale.max}",
                    code="target-out-of-scale",
                )
            )
    return problems


def approval_problems(profile: Profile, doc: Document) -> list[Problem]:
    """A profile not approved (``review: {status: approved}``), for ``validate
    --require-approved``."""
    if profile.review is not None and profile.review.status == "approved":
        return []
    status = "no review status" if profile.review is None else f"status {profile.review.status}"
    return [
        doc.problem(
            ("review", "status") if profile.review is not None else ("id",),
            f"'{profile.id}' assessed {profile.assessed.isoformat()} is not approved ({status})",
            "once the bureau approves it, write review: {status: approved, by: NAME, on: "
            "YYYY-MM-DD}",
            code="not-approved",
        )
    ]


def _unknown_indicator(doc: Document, ind_id: str, rubric: Rubric) -> Problem:
    return doc.problem(
        ("indicators", ind_id),
        f"unknown indicator '{ind_id}' (not in rubric '{rubric.id}')",
        closest(ind_id, list(rubric.indicators)),
        key=True,
        code="unknown-indicator",
    )


def unknown_indicators(doc: Document, rubric: Rubric) -> list[Problem]:
    """Indicator keys of a profile the rubric lacks, read from the raw document.

    For a profile whose model failed: its other problems are reported anyway, and a
    misspelt indicator id should be among them, not wait for the next run.
    """
    entries = doc.data.get("indicators") if isinstance(doc.data, dict) else None
    if not isinstance(entries, dict):
        return []
    return [
        _unknown_indicator(doc, str(ind_id), rubric)
        for ind_id in entries
        if ind_id not in rubric.indicators
        # `Data Sharing`: its id-form problem already says to write 'data-sharing'.
        and not (isinstance(ind_id, str) and slug(ind_id) in rubric.indicators)
    ]


def evidence_warnings(profile: Profile, doc: Document) -> list[Problem]:
    """Levels given without evidence or without a source: opinions, flagged but not errors;
    and a consensus level more confident than its assessors' spread allows."""
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
        if entry.consensus is not None and entry.effective_confidence != entry.confidence:
            spread = entry.consensus.spread
            warnings.append(
                doc.problem(
                    ("indicators", ind_id, "confidence"),
                    f"'{ind_id}' is confidence {entry.confidence}, but its assessors are "
                    f"{spread} level{'s' if spread != 1 else ''} apart: the uncertainty "
                    f"analysis takes it as {entry.effective_confidence}",
                    f"write confidence: {entry.effective_confidence} (the spread of the "
                    "assessors' levels caps it: at most medium one level apart, low two)",
                    code="consensus-confidence",
                    severity="warning",
                )
            )
    return warnings
