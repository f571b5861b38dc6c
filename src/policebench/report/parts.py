"""The vocabulary shared by the report and comparison builders.

Localised names, rounding, the rubric head, sources and provenance: small pieces both
:mod:`policebench.report.place` and :mod:`policebench.report.comparison` put into their
data. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from policebench.i18n import t
from policebench.models import Assessment, Profile, Rubric, Source
from policebench.models.base import localized
from policebench.scoring import Scorecard

if TYPE_CHECKING:  # types only: the contract's TypedDicts cost a command's start 14 ms
    from policebench.report.contract import ProvenanceData, Provisional, RubricHead, SourceData


@dataclass(frozen=True)
class Provenance:
    """What the report was computed from: the tool version and a hash of every input."""

    version: str
    rubric_file: str
    rubric_sha256: str
    #: (profile id, file name, sha256) of each profile used.
    profiles: tuple[tuple[str, str, str], ...]


#: Rows of the ranking shown in a report (the place itself is always shown).
RANKING_ROWS = 10
#: Peers shown under each gap (the best first); the rest are counted.
PEER_EXAMPLES = 5


@overload
def rnd(value: float, digits: int = 2) -> float: ...
@overload
def rnd(value: float | None, digits: int = 2) -> float | None: ...
def rnd(value: float | None, digits: int = 2) -> float | None:
    """``value`` rounded for the data and machine output (None stays None): the one
    rounding of every JSON, CSV and report figure."""
    return None if value is None else round(value, digits)


class Names:
    """Localised names of the rubric's parts and of places."""

    def __init__(self, rubric: Rubric, profiles: Sequence[Profile], lang: str) -> None:
        self.rubric = rubric
        self.lang = lang
        self.places = {p.id: localized(p, "name", lang) for p in profiles}
        self.dims = {d.id: localized(d, "name", lang) for d in rubric.dimensions}
        self.inds = {i.id: localized(i, "name", lang) for i in rubric.indicators.values()}

    def level(self, level: int | None) -> str:
        if level is None:
            return t("unknown", self.lang)
        return self.rubric.scale.name_of(level, self.lang)

    def place(self, place_id: str) -> str:
        return self.places.get(place_id, place_id)


def source_data(source: Source, lang: str = "en") -> SourceData:
    """A source as data, its title in ``lang`` (the Chinese title when there is one)."""
    return {
        "title": localized(source, "title", lang),
        "url": source.url,
        "reliability": source.reliability,
        "date": source.date.isoformat() if source.date else None,
        "accessed": source.accessed.isoformat() if source.accessed else None,
    }


def evidence_text(entry: Assessment, lang: str) -> str | None:
    """The evidence in ``lang`` when given, else in the other language: evidence written
    only in Chinese is still the evidence of an English report."""
    if lang == "zh" and entry.evidence_zh:
        return entry.evidence_zh
    return entry.evidence or entry.evidence_zh


def rubric_head(rubric: Rubric, lang: str) -> RubricHead:
    """The rubric's id, version, name and scale, localised."""
    return {
        "id": rubric.id,
        "version": rubric.version,
        "name": localized(rubric, "name", lang),
        "scale": {
            "min": rubric.scale.min,
            "max": rubric.scale.max,
            "levels": {str(k): rubric.scale.name_of(k, lang) for k in rubric.scale.span},
        },
        "default_target": rubric.default_target,
    }


def provenance_data(provenance: Provenance | None) -> ProvenanceData | None:
    """The provenance as data (None when not given)."""
    if provenance is None:
        return None
    return {
        "policebench": provenance.version,
        "rubric": {"file": provenance.rubric_file, "sha256": provenance.rubric_sha256},
        "profiles": [
            {"id": pid, "file": name, "sha256": sha} for pid, name, sha in provenance.profiles
        ],
    }


def provisional_data(card: Scorecard, rubric: Rubric, lang: str) -> Provisional:
    """Whether a place's overall, stage and rank are provisional, and why, in ``lang``."""
    return {
        "provisional": bool(card.provisional),
        "provisional_reasons": list(card.provisional),
        "provisional_why": provisional_text(card, rubric, lang),
    }


def provisional_text(card: Scorecard, rubric: Rubric, lang: str) -> str | None:
    """Why the overall is provisional, as a sentence ("coverage 33%, below the 50% ...")."""
    if not card.provisional:
        return None
    parts = []
    if "coverage" in card.provisional:
        parts.append(
            t("provisional_coverage", lang).format(
                coverage=round(card.coverage * 100), below=round(rubric.provisional_below * 100)
            )
        )
    if "opinions" in card.provisional:
        parts.append(
            t("provisional_opinions", lang).format(opinions=card.opinions, known=card.known)
        )
    return t("list_sep", lang).join(parts)
