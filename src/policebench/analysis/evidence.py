"""Evidence quality: each level's sources, their age, and the register of every source.

Rules (each one a planner can check by hand):

* A level's **age** is counted from the ``date`` of its newest dated source (the date the
  source describes, not the date it was ``accessed``) to the profile's ``assessed`` date.
  A level with no dated source has no age.
* A level is **stale** when the rubric sets ``evidence_max_age`` (per rubric, or per
  indicator, which wins) and its newest source's date plus that age is before the assessment
  date. A stale level's confidence is lowered one step for the uncertainty analysis (high to
  medium, medium to low; low stays low): :func:`effective_confidence`.
* A level rests on **reposts only** when it has sources and every one is a repost.
* A **source** is one URL (or, without a URL, one title); it is flagged when it carries
  ``many`` levels or more (a single point of failure), when it is cited with different
  reliabilities, when its URL is not http(s), when it is undated, when a level it supports
  is stale at that source's date, and when it supports a level that rests on reposts only.
* A known level with no source (and no survey) is listed with the flag ``no-source``.

Pure: models in, results out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from policebench.models import Assessment, Profile, Rubric, Source
from policebench.models.freshness import (
    LOWER,
    is_stale,
    newest_date,
)
from policebench.scoring import level_of

#: Reliability from best to worst.
RELIABILITY_ORDER = ("primary", "secondary", "repost")
#: The default number of levels from which one source is flagged as carrying many.
MANY_LEVELS = 4
#: One step lower confidence, for a stale level.
STALE = "stale"
REPOST_ONLY = "repost-only"
MANY = "many-levels"
CONFLICT = "reliability-conflict"
NOT_HTTP = "not-http"
UNDATED = "undated"
NO_SOURCE = "no-source"
#: Every flag, in the order reports list them.
FLAGS = (STALE, REPOST_ONLY, MANY, CONFLICT, NOT_HTTP, UNDATED, NO_SOURCE)


def age_years(days: int | None) -> float | None:
    """Days as years (365.25 days each), one decimal."""
    return None if days is None else round(days / 365.25, 1)


@dataclass(frozen=True)
class LevelEvidence:
    """One indicator of one place: its level and what stands under it."""

    place: str
    indicator: str
    level: int | None
    applicable: bool
    confidence: str | None
    #: The confidence the uncertainty analysis uses (one step lower when stale).
    effective_confidence: str | None
    has_evidence: bool
    #: Keys of its sources in the register (:attr:`SourceEntry.key`), in profile order.
    sources: tuple[str, ...]
    best_reliability: str | None
    newest: dt.date | None
    #: Days from the newest source's date to the assessment (None: no dated source).
    age_days: int | None
    max_age: str | None
    stale: bool
    repost_only: bool
    no_source: bool

    @property
    def known(self) -> bool:
        return self.applicable and self.level is not None

    @property
    def flags(self) -> tuple[str, ...]:
        on = {STALE: self.stale, REPOST_ONLY: self.repost_only, NO_SOURCE: self.no_source}
        return tuple(f for f in FLAGS if on.get(f))


def level_evidence(rubric: Rubric, profile: Profile) -> list[LevelEvidence]:
    """Every indicator of ``profile`` that has an entry, in rubric order."""
    out = []
    low = rubric.scale.min
    for ind_id, indicator in rubric.indicators.items():
        entry = profile.indicators.get(ind_id)
        if entry is None:
            continue
        out.append(_one(rubric, profile, ind_id, entry, level_of(indicator, entry, low)))
    return out


def _one(
    rubric: Rubric, profile: Profile, ind_id: str, entry: Assessment, level: int | None
) -> LevelEvidence:
    applicable = entry.applicable
    level = level if applicable else None
    newest = newest_date(entry.sources)
    max_age = rubric.max_age_of(ind_id)
    known = level is not None
    stale = known and is_stale(newest, max_age, profile.assessed)
    rels = [s.reliability for s in entry.sources]
    best = min(rels, key=RELIABILITY_ORDER.index) if rels else None
    confidence = entry.confidence if known else None
    effective = LOWER[confidence] if stale and confidence else confidence
    return LevelEvidence(
        place=profile.id,
        indicator=ind_id,
        level=level,
        applicable=applicable,
        confidence=confidence,
        effective_confidence=effective,
        has_evidence=entry.has_evidence,
        sources=tuple(dict.fromkeys(source_key(s) for s in entry.sources)),
        best_reliability=best,
        newest=newest,
        age_days=(profile.assessed - newest).days if newest is not None else None,
        max_age=max_age,
        stale=stale,
        repost_only=known and bool(rels) and all(r == "repost" for r in rels),
        no_source=known and not entry.sources and entry.survey is None,
    )


def source_key(source: Source) -> str:
    """What makes two citations the same source: the URL, else the title."""
    return (source.url or "").strip() or f"title:{source.title.strip()}"


@dataclass(frozen=True)
class SourceEntry:
    """One source of the register: where it is cited, how it is rated, and its flags."""

    key: str
    title: str
    #: The title in Chinese, when one of its citations gives it.
    title_zh: str | None
    url: str | None
    #: Every reliability it is cited with, best first (more than one: a conflict).
    reliabilities: tuple[str, ...]
    date: dt.date | None
    accessed: dt.date | None
    #: (place, indicator) pairs it is cited on, places then rubric order.
    supports: tuple[tuple[str, str], ...]
    #: The largest age at the assessment of a place it supports (None: undated).
    age_days: int | None
    flags: tuple[str, ...]

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for p, _ in self.supports))

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for _, i in self.supports))


@dataclass(frozen=True)
class Register:
    """Every source of some places, and every level with its evidence."""

    places: tuple[str, ...]
    sources: list[SourceEntry]
    levels: list[LevelEvidence]
    many: int

    @property
    def unsourced(self) -> list[LevelEvidence]:
        """Known levels with no source (and no survey)."""
        return [lv for lv in self.levels if lv.no_source]


def register(rubric: Rubric, profiles: Sequence[Profile], many: int = MANY_LEVELS) -> Register:
    """The source register of ``profiles`` (places by id; sources by title, then key)."""
    places = sorted(profiles, key=lambda p: p.id)
    levels: list[LevelEvidence] = []
    cited: dict[str, list[tuple[Source, Profile, str]]] = {}
    for profile in places:
        rows = level_evidence(rubric, profile)
        levels.extend(rows)
        for row in rows:
            entry = profile.indicators[row.indicator]
            for source in entry.sources:
                cited.setdefault(source_key(source), []).append((source, profile, row.indicator))
    by_level = {(lv.place, lv.indicator): lv for lv in levels}
    entries = []
    for key, uses in cited.items():
        first = uses[0][0]
        rels = tuple(r for r in RELIABILITY_ORDER if any(s.reliability == r for s, _, _ in uses))
        dates = [s.date for s, _, _ in uses if s.date is not None]
        date = max(dates) if dates else None
        accessed = max((s.accessed for s, _, _ in uses if s.accessed), default=None)
        supports = tuple(dict.fromkeys((p.id, ind) for _, p, ind in uses))
        ages = [(p.assessed - date).days for _, p, _ in uses] if date else []
        supported = [by_level[pair] for pair in supports]
        stale = any(
            by_level[(p.id, ind)].known
            and is_stale(s.date, by_level[(p.id, ind)].max_age, p.assessed)
            for s, p, ind in uses
        )
        known_levels = sum(1 for lv in supported if lv.known)
        url = (first.url or "").strip() or None
        on = {
            STALE: stale,
            REPOST_ONLY: any(lv.repost_only for lv in supported),
            MANY: known_levels >= many,
            CONFLICT: len(rels) > 1,
            NOT_HTTP: url is not None and not url.lower().startswith(("http://", "https://")),
            UNDATED: date is None,
        }
        entries.append(
            SourceEntry(
                key=key,
                title=first.title,
                title_zh=next((s.title_zh for s, _, _ in uses if s.title_zh), None),
                url=url,
                reliabilities=rels,
                date=date,
                accessed=accessed,
                supports=supports,
                age_days=max(ages) if ages else None,
                flags=tuple(f for f in FLAGS if on.get(f)),
            )
        )
    entries.sort(key=lambda e: (e.title.casefold(), e.key))
    return Register(tuple(p.id for p in places), entries, levels, many)


@dataclass(frozen=True)
class Quality:
    """A place's evidence in a few figures (the reports' "evidence quality" summary)."""

    known: int
    #: Known levels by their best source's reliability ("none": no source), every key present.
    by_reliability: dict[str, int]
    #: Median age in days of the known levels' newest sources (None: no dated level).
    median_age_days: float | None
    opinions: int
    stale: int
    repost_only: int
    no_source: int
    not_applicable: int

    def share(self, reliability: str) -> float:
        return self.by_reliability[reliability] / self.known if self.known else 0.0


def quality(rubric: Rubric, profile: Profile) -> Quality:
    """The evidence quality of ``profile``'s known levels."""
    rows = level_evidence(rubric, profile)
    known = [r for r in rows if r.known]
    counts = {r: 0 for r in (*RELIABILITY_ORDER, "none")}
    for row in known:
        counts[row.best_reliability or "none"] += 1
    ages = [r.age_days for r in known if r.age_days is not None]
    return Quality(
        known=len(known),
        by_reliability=counts,
        median_age_days=statistics.median(ages) if ages else None,
        opinions=sum(1 for r in known if not r.has_evidence),
        stale=sum(1 for r in known if r.stale),
        repost_only=sum(1 for r in known if r.repost_only),
        no_source=sum(1 for r in known if r.no_source),
        not_applicable=sum(1 for r in rows if not r.applicable),
    )
