"""A profile against its rubric: ids, levels in range, metric values, missing evidence.

What a profile's model alone cannot refuse because it needs the rubric. Pure: a profile, its
rubric and its document in, problems at their YAML positions out.
"""

from __future__ import annotations

from policebench.models import Assessment, Profile, Rubric
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
        if not entry.applicable:
            problems.extend(
                _not_applicable(doc, path, ind_id, entry, indicator.allow_not_applicable)
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


def _not_applicable(
    doc: Document, path: YamlPath, ind_id: str, entry: Assessment, allowed: bool
) -> list[Problem]:
    """An indicator marked ``applicable: false``: allowed by the rubric, with a reason and
    no level."""
    out = []
    if not allowed:
        out.append(
            doc.problem(
                (*path, "applicable"),
                f"the rubric does not allow '{ind_id}' to be marked not applicable",
                "give its level, or null if unknown, and remove 'applicable: false'",
                code="not-applicable-forbidden",
            )
        )
    if not (entry.reason or "").strip() and not (entry.reason_zh or "").strip():
        out.append(
            doc.problem(
                (*path, "applicable"),
                f"'{ind_id}' is marked not applicable without a reason",
                "add 'reason:' (why the indicator does not apply to this place)",
                key=True,
                code="not-applicable-no-reason",
            )
        )
    for key in ("level", "value"):
        if getattr(entry, key) is not None:
            out.append(
                doc.problem(
                    (*path, key),
                    f"'{ind_id}' is marked not applicable but has a {key}",
                    f"remove '{key}:' (n/a has no level), or remove 'applicable: false'",
                    key=True,
                    code="not-applicable-with-level",
                )
            )
    return out


def _source_dates(profile: Profile, doc: Document, ind_id: str, entry: Assessment) -> list[Problem]:
    out = []
    for n, source in enumerate(entry.sources):
        path: YamlPath = ("indicators", ind_id, "sources", n)
        if source.date is not None and source.date > profile.assessed:
            out.append(
                doc.problem(
                    (*path, "date"),
                    f"a source of '{ind_id}' is dated {source.date}, after the assessment "
                    f"({profile.assessed}); its age would be negative",
                    "check the date, or move 'assessed' to the date of the newest source",
                    code="source-after-assessment",
                    severity="warning",
                )
            )
        if (
            source.date is not None
            and source.accessed is not None
            and source.accessed < source.date
        ):
            out.append(
                doc.problem(
                    (*path, "accessed"),
                    f"a source of '{ind_id}' was accessed ({source.accessed}) before its date "
                    f"({source.date})",
                    "'date' is the date the source describes, 'accessed' the day it was read",
                    code="source-accessed-before-date",
                    severity="warning",
                )
            )
    return out


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
    and source dates that cannot be right (after the assessment, or read before written)."""
    warnings: list[Problem] = []
    for ind_id, entry in profile.indicators.items():
        warnings.extend(_source_dates(profile, doc, ind_id, entry))
        if (entry.level is None and entry.value is None) or not entry.applicable:
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
