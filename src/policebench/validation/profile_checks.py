"""A profile against its rubric: ids, levels in range, metric values, missing evidence.

What a profile's model alone cannot refuse because it needs the rubric. Pure: a profile, its
rubric and its document in, problems at their YAML positions out.
"""

from __future__ import annotations

from typing import Any

from policebench.messages import Msg
from policebench.models import Assessment, Profile, Rubric
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest
from policebench.validation.forms import look_alikes, slug


def check_profile(profile: Profile, rubric: Rubric, doc: Document) -> list[Problem]:
    """A profile against its rubric: ids, levels in range, metric values, missing evidence."""
    problems: list[Problem] = []
    scale = rubric.scale
    known = rubric.indicators
    if profile.rubric != rubric.id:
        problems.append(
            doc.problem(
                ("rubric",),
                Msg("unknown-rubric", rubric=profile.rubric, used=rubric.id),
                closest(profile.rubric, [rubric.id]) or Msg("unknown-rubric-hint"),
                code="unknown-rubric",
            )
        )
        return problems
    for ind_id, entry in profile.indicators.items():
        indicator = known.get(ind_id)
        if indicator is None:
            problems.append(_unknown_indicator(doc, ind_id, rubric))
        else:
            problems += _entry_problems(doc, rubric, ind_id, entry)
    for ind_id, level in profile.targets.items():
        if ind_id not in known:
            problems.append(
                doc.problem(
                    ("targets", ind_id),
                    Msg("target-unknown-indicator", id=ind_id),
                    closest(ind_id, list(known)),
                    key=True,
                    code="target-unknown-indicator",
                )
            )
        elif level not in scale.span:
            problems.append(_target_out_of_scale(doc, ind_id, level, rubric))
    return problems


def _entry_problems(doc: Document, rubric: Rubric, ind_id: str, entry: Assessment) -> list[Problem]:
    """What the rubric refuses in the entry of its indicator ``ind_id``: a level outside the
    scale, a value where no metric is, a level its value does not imply, no confidence, and
    the rules of an indicator marked not applicable."""
    path: YamlPath = ("indicators", ind_id)
    indicator = rubric.indicators[ind_id]
    scale = rubric.scale
    problems: list[Problem] = []
    if not entry.applicable:
        return _not_applicable(doc, path, ind_id, entry, indicator.allow_not_applicable)
    if entry.level is not None and entry.level not in scale.span:
        problems.append(_level_out_of_scale(doc, ind_id, entry.level, rubric))
    if entry.value is not None:
        if indicator.kind != "metric":
            problems.append(
                doc.problem(
                    (*path, "value"),
                    Msg("value-not-metric", id=ind_id),
                    Msg("value-not-metric-hint"),
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
                        Msg(
                            "level-disagrees-with-value",
                            level=entry.level,
                            value=f"{entry.value:g}",
                            implied=implied,
                        ),
                        Msg("level-disagrees-with-value-hint"),
                        code="level-disagrees-with-value",
                    )
                )
    if (entry.level is not None or entry.value is not None) and entry.confidence is None:
        problems.append(
            doc.problem(
                path,
                Msg("no-confidence", id=ind_id),
                Msg("no-confidence-hint"),
                key=True,
                code="no-confidence",
            )
        )
    return problems


def _level_out_of_scale(doc: Document, ind_id: str, level: int, rubric: Rubric) -> Problem:
    scale = rubric.scale
    return doc.problem(
        ("indicators", ind_id, "level"),
        Msg("level-range", level=level, min=scale.min, max=scale.max),
        Msg("level-range-hint", min=scale.min, max=scale.max),
        code="level-range",
    )


def _target_out_of_scale(doc: Document, ind_id: str, level: int, rubric: Rubric) -> Problem:
    scale = rubric.scale
    return doc.problem(
        ("targets", ind_id),
        Msg("target-out-of-scale", level=level, min=scale.min, max=scale.max),
        Msg("target-out-of-scale-hint", min=scale.min, max=scale.max),
        code="target-out-of-scale",
    )


def broken_against_rubric(doc: Document, rubric: Rubric) -> list[Problem]:
    """What the rubric refuses in a profile whose model failed, read from the raw document:
    unknown indicator ids, targets outside the scale, and in each entry of a known indicator
    what ``check_profile`` would find in it (a level outside the scale, no confidence, a
    value its metric does not fit...), where the entry is valid on its own. Reported with
    the file's other problems, as ``check_profile`` words them, not a run after those are
    fixed."""
    return unknown_indicators(doc, rubric) + _entries(doc, rubric) + unknown_targets(doc, rubric)


#: The keys of an entry the rubric's checks of it read (``_entry_problems``).
CHECKED_KEYS = ("level", "value", "confidence", "applicable", "reason", "reason_zh")


def _entries(doc: Document, rubric: Rubric) -> list[Problem]:
    """The problems of the known indicators' entries: all of ``check_profile``'s for an
    entry whose checked keys are valid and whose other keys are known (its sources, say, may
    not be valid); for another, a whole-number level outside the scale (a level of another
    type, or a misspelt key, is the model's error already)."""
    problems = []
    for ind_id, raw in _known(doc, "indicators", rubric):
        if not isinstance(raw, dict):
            continue
        entry = _valid_alone(raw)
        if entry is not None:
            problems += _entry_problems(doc, rubric, ind_id, entry)
            continue
        level = raw.get("level")
        applicable = raw.get("applicable") is not False
        # type(...) is int: not True, not 2.5 (the model's errors already)
        if applicable and type(level) is int and level not in rubric.scale.span:
            problems.append(_level_out_of_scale(doc, ind_id, level, rubric))
    return problems


def _valid_alone(raw: dict[Any, Any]) -> Assessment | None:
    """The entry ``raw`` as the checks read it (its CHECKED_KEYS), when those are valid and
    no key is misspelt ('confidance' must not come out as "no confidence" too); else None."""
    from pydantic import ValidationError  # the failure path only: a valid run never needs it

    if not raw.keys() <= Assessment.model_fields.keys():
        return None
    try:
        return Assessment.model_validate({k: raw[k] for k in CHECKED_KEYS if k in raw})
    except ValidationError:
        return None


def unknown_targets(doc: Document, rubric: Rubric) -> list[Problem]:
    """The targets of a profile whose model failed that the rubric refuses too (an unknown
    indicator, a level outside the scale), read from the raw document: reported beside the
    type errors of their neighbours, not a run later. An unknown id is left to the model's
    errors or ``unknown_indicators``."""
    return [
        _target_out_of_scale(doc, ind_id, level, rubric)
        for ind_id, level in _known(doc, "targets", rubric)
        if type(level) is int and level not in rubric.scale.span
    ]


def _known(doc: Document, key: str, rubric: Rubric) -> list[tuple[str, Any]]:
    """The entries of the raw document's mapping ``key`` under an indicator id the rubric
    has, with the forms read as meant (``Document.read_as``) when they were."""
    data = doc.data if doc.read_as is None else doc.read_as
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return []
    return [(k, v) for k, v in entries.items() if isinstance(k, str) and k in rubric.indicators]


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
                Msg("na-forbidden", id=ind_id),
                Msg("na-forbidden-hint"),
                code="not-applicable-forbidden",
            )
        )
    if not (entry.reason or "").strip() and not (entry.reason_zh or "").strip():
        out.append(
            doc.problem(
                (*path, "applicable"),
                Msg("na-no-reason", id=ind_id),
                Msg("na-no-reason-hint"),
                key=True,
                code="not-applicable-no-reason",
            )
        )
    for key in ("level", "value"):
        if getattr(entry, key) is not None:
            out.append(
                doc.problem(
                    (*path, key),
                    Msg("na-with-level", id=ind_id, key=key),
                    Msg("na-with-level-hint", key=key),
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
                    Msg(
                        "source-after-assessment",
                        id=ind_id,
                        date=str(source.date),
                        assessed=str(profile.assessed),
                    ),
                    Msg("source-after-assessment-hint"),
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
                    Msg(
                        "source-accessed-early",
                        id=ind_id,
                        accessed=str(source.accessed),
                        date=str(source.date),
                    ),
                    Msg("source-accessed-early-hint"),
                    code="source-accessed-before-date",
                    severity="warning",
                )
            )
    return out


def approval_problems(profile: Profile, doc: Document) -> list[Problem]:
    """A profile not approved (``review: {status: approved}``), for ``validate
    --require-approved``."""
    if profile.review is not None and profile.review.status == "approved":
        return []
    status = Msg(f"review-is-{'none' if profile.review is None else profile.review.status}")
    return [
        doc.problem(
            ("review", "status") if profile.review is not None else ("id",),
            Msg(
                "not-approved-profile",
                id=profile.id,
                date=profile.assessed.isoformat(),
                status=status,
            ),
            Msg("not-approved-hint"),
            code="not-approved",
        )
    ]


def _unknown_indicator(doc: Document, ind_id: str, rubric: Rubric) -> Problem:
    return doc.problem(
        ("indicators", ind_id),
        Msg("unknown-indicator", id=ind_id, rubric=rubric.id),
        _look_alike_hint(ind_id) or closest(ind_id, list(rubric.indicators)),
        key=True,
        code="unknown-indicator",
    )


def _look_alike_hint(ind_id: str) -> str:
    """An id that differs from a real one by characters that only look Latin: named."""
    found = look_alikes(ind_id)
    if not found:
        return ""
    char, position, latin = found[0]
    return Msg(
        "look-alike-hint", char=char, code=f"U+{ord(char):04X}", position=position, latin=latin
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
    source dates that cannot be right (after the assessment, or read before written), and a
    consensus level more confident than its assessors' spread allows."""
    warnings: list[Problem] = []
    for ind_id, entry in profile.indicators.items():
        warnings.extend(_source_dates(profile, doc, ind_id, entry))
        if (entry.level is None and entry.value is None) or not entry.applicable:
            continue
        if not entry.has_evidence:
            warnings.append(
                doc.problem(
                    ("indicators", ind_id),
                    Msg("no-evidence", id=ind_id),
                    Msg("no-evidence-hint"),
                    key=True,
                    code="no-evidence",
                    severity="warning",
                )
            )
        elif not entry.sources and entry.survey is None:
            warnings.append(
                doc.problem(
                    ("indicators", ind_id),
                    Msg("no-source", id=ind_id),
                    Msg("no-source-hint"),
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
                    Msg(
                        "consensus-too-confident"
                        if spread == 1
                        else "consensus-too-confident-many",
                        id=ind_id,
                        confidence=str(entry.confidence),
                        spread=spread,
                        effective=str(entry.effective_confidence),
                    ),
                    Msg("consensus-too-confident-hint", effective=str(entry.effective_confidence)),
                    code="consensus-confidence",
                    severity="warning",
                )
            )
    return warnings
