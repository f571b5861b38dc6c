"""The assessment report of one place, as plain data.

Everything the HTML and Markdown reports show comes from this one structure, and the JSON
report is this structure itself; so "JSON carries everything the HTML shows" holds by
construction. Texts are already in the chosen language (planner text through the ``*_zh``
fields with English fallback). Pure: models in, a dict out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policebench.analysis.compare import compare
from policebench.analysis.gaps import (
    FRONTIER,
    GapAnalysis,
    Target,
    analyse,
    frontier_levels,
    peer_levels,
    resolve_targets,
)
from policebench.analysis.peers import lessons
from policebench.analysis.roadmap import Roadmap, plan
from policebench.i18n import t
from policebench.models import Assessment, Profile, Rubric, Source
from policebench.models.base import localized
from policebench.scoring import Scorecard, aggregate, levels_of


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


def _r(value: float | None, digits: int = 2) -> float | None:
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


def _source(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "url": source.url,
        "reliability": source.reliability,
        "date": source.date.isoformat() if source.date else None,
    }


def _evidence_text(entry: Assessment, lang: str) -> str | None:
    if lang == "zh" and entry.evidence_zh:
        return entry.evidence_zh
    return entry.evidence


def _card(card: Scorecard, names: Names, rank: int | None = None) -> dict[str, Any]:
    return {
        "id": card.city_id,
        "name": names.place(card.city_id),
        "rank": rank,
        "overall": _r(card.overall),
        "stage": localized(card.stage, "name", names.lang) if card.stage else None,
        "coverage": _r(card.coverage, 4),
        "dimensions": {d: _r(s.score) for d, s in card.dimensions.items()},
        "band": None,
        "rank_band": None,
    }


def build_report(
    rubric: Rubric,
    city: Profile,
    pool: Sequence[Profile],
    *,
    against: str | None = FRONTIER,
    target_level: int | None = None,
    top: int | None = None,
    lang: str = "en",
    provenance: Provenance | None = None,
    history: Sequence[Profile] = (),
) -> dict[str, Any]:
    """The full report of ``city`` against ``against`` (a peer id, ``frontier`` or None).

    ``pool`` is every place in use (peers for ranking, frontier and lessons); ``history``
    the earlier assessments of ``city``, oldest first, for the trend.
    """
    everyone = _with(pool, city)
    names = Names(rubric, everyone, lang)
    comparison = compare(rubric, everyone)
    card = next(c for c in comparison.cards if c.city_id == city.id)
    targets_from = _against(rubric, everyone, against)
    targets = resolve_targets(rubric, city, level=target_level, against=targets_from)
    gaps = analyse(rubric, city, targets, against)
    chosen = [g for g in gaps.gaps if g.gap][: top if top else None]
    roadmap = plan(rubric, chosen, levels_of(rubric, city))
    return {
        "policebench": provenance.version if provenance else None,
        "lang": lang,
        "rubric": _rubric_head(rubric, lang),
        "city": _city_head(city, lang),
        "against": against,
        "against_name": _against_name(against, names),
        "summary": _summary(card, comparison.rank_of(city.id), len(comparison.cards), gaps, lang),
        "ranking": [
            _card(c, names, n)
            for n, c in enumerate(comparison.cards, 1)
            if n <= RANKING_ROWS or c.city_id == city.id
        ],
        "dimensions": _dimensions(rubric, card, gaps, comparison.cards, names),
        "radar": _radar(rubric, card, targets_from, comparison.cards, against, names),
        "gaps": [_gap(g, names) for g in gaps.gaps],
        "top": top,
        "unknown": [_unknown(g, city, names) for g in gaps.unknown],
        "subtotals": [
            {
                "dimension": s.dimension,
                "name": names.dims[s.dimension],
                "open": s.open,
                "levels": s.levels,
                "impact": _r(s.impact),
                "unknown": s.unknown,
            }
            for s in gaps.subtotals
        ],
        "overall_if_closed": _r(gaps.overall_if_closed),
        "roadmap": _roadmap(roadmap, names),
        "lessons": _lessons(rubric, city, chosen, everyone, names),
        "evidence": _evidence(rubric, city, names),
        "trend": _trend(rubric, [*history, city]) if history else [],
        "provenance": _provenance(provenance),
        # Filled by render.uncertainty when bands are asked for (--uncertainty).
        "uncertainty": None,
    }


def _with(pool: Sequence[Profile], city: Profile) -> list[Profile]:
    return [city, *[p for p in pool if p.id != city.id]]


def _against(
    rubric: Rubric, everyone: Sequence[Profile], against: str | None
) -> Mapping[str, Target] | None:
    if against is None:
        return None
    if against == FRONTIER:
        return frontier_levels(rubric, everyone)
    peer = next(p for p in everyone if p.id == against)
    return peer_levels(rubric, peer)


def _against_name(against: str | None, names: Names) -> str | None:
    if against is None:
        return None
    if against == FRONTIER:
        return t("frontier", names.lang)
    return names.place(against)


def _rubric_head(rubric: Rubric, lang: str) -> dict[str, Any]:
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


def _city_head(city: Profile, lang: str) -> dict[str, Any]:
    return {
        "id": city.id,
        "name": localized(city, "name", lang),
        "kind": city.kind,
        "assessed": city.assessed.isoformat(),
        "assessor": city.assessor,
        "notes": city.notes,
    }


def _summary(card: Scorecard, rank: int, of: int, gaps: GapAnalysis, lang: str) -> dict[str, Any]:
    known = sum(1 for i in card.indicators.values() if i.level is not None)
    opinions = sum(
        1 for i in card.indicators.values() if i.level is not None and not i.has_evidence
    )
    return {
        "overall": _r(card.overall),
        "stage": localized(card.stage, "name", lang) if card.stage else None,
        "coverage": _r(card.coverage, 4),
        "rank": rank,
        "of": of,
        "known": known,
        "indicators": len(card.indicators),
        "without_evidence": opinions,
        "open_gaps": sum(1 for g in gaps.gaps if g.gap),
        "overall_if_closed": _r(gaps.overall_if_closed),
    }


def _dimensions(
    rubric: Rubric,
    card: Scorecard,
    gaps: GapAnalysis,
    cards: Sequence[Scorecard],
    names: Names,
) -> list[dict[str, Any]]:
    out = []
    subtotal = {s.dimension: s for s in gaps.subtotals}
    for dim in rubric.dimensions:
        own = card.dimensions[dim.id]
        scored: list[tuple[float, str]] = sorted(
            (value, c.city_id) for c in cards if (value := c.dimensions[dim.id].score) is not None
        )
        best = scored[-1][0] if scored else None
        rank = None
        if own.score is not None:
            threshold = own.score + 1e-9
            rank = 1 + sum(1 for s, _ in scored if s > threshold)
        levels = [(card.indicators[i.id].level, i.id) for i in dim.indicators]
        known = [(lv, i) for lv, i in levels if lv is not None]
        low = min((lv for lv, _ in known), default=None)
        high = max((lv for lv, _ in known), default=None)
        out.append(
            {
                "id": dim.id,
                "name": names.dims[dim.id],
                "weight": dim.weight,
                "score": _r(own.score),
                "coverage": _r(own.coverage, 4),
                "rank": rank,
                "of": len(scored),
                "best": _r(best),
                "leaders": [
                    names.place(cid) for s, cid in scored if best is not None and s == best
                ],
                "strongest": [names.inds[i] for lv, i in known if lv == high and high != low],
                "weakest": [names.inds[i] for lv, i in known if lv == low],
                "unknown": [names.inds[i] for lv, i in levels if lv is None],
                "open_gaps": subtotal[dim.id].open,
                "impact": _r(subtotal[dim.id].impact),
            }
        )
    return out


def _radar(
    rubric: Rubric,
    card: Scorecard,
    targets_from: Mapping[str, Target] | None,
    cards: Sequence[Scorecard],
    against: str | None,
    names: Names,
) -> dict[str, Any]:
    """Dimension scores of the place and of what it is compared with (None = unknown)."""
    series = [
        {
            "name": names.place(card.city_id),
            "role": "city",
            "values": [_r(card.dimensions[d.id].score) for d in rubric.dimensions],
        }
    ]
    if against == FRONTIER and targets_from is not None:
        _, _, dims = aggregate(rubric, {k: v.level for k, v in targets_from.items()})
        series.append(
            {
                "name": t("frontier", names.lang),
                "role": "frontier",
                "values": [_r(dims[d.id].score) for d in rubric.dimensions],
            }
        )
    elif against is not None:
        peer = next(c for c in cards if c.city_id == against)
        series.append(
            {
                "name": names.place(against),
                "role": "peer",
                "values": [_r(peer.dimensions[d.id].score) for d in rubric.dimensions],
            }
        )
    return {"axes": [names.dims[d.id] for d in rubric.dimensions], "series": series}


def _gap(gap: Any, names: Names) -> dict[str, Any]:
    return {
        "indicator": gap.indicator,
        "name": names.inds[gap.indicator],
        "dimension": gap.dimension,
        "dimension_name": names.dims[gap.dimension],
        "current": gap.current,
        "current_name": names.level(gap.current),
        "target": gap.target.level,
        "target_name": names.level(gap.target.level),
        "target_source": gap.target.source,
        "holders": [names.place(h) for h in gap.target.holders],
        "gap": gap.gap,
        "impact": _r(gap.impact),
    }


def _unknown(gap: Any, city: Profile, names: Names) -> dict[str, Any]:
    entry = city.indicators.get(gap.indicator)
    return {
        "indicator": gap.indicator,
        "name": names.inds[gap.indicator],
        "dimension_name": names.dims[gap.dimension],
        "target": gap.target.level,
        "target_name": names.level(gap.target.level),
        "note": entry.note if entry else None,
    }


def _roadmap(roadmap: Roadmap, names: Names) -> dict[str, Any]:
    lang = names.lang
    return {
        "phases": [
            {
                "phase": n,
                "actions": [
                    {
                        "indicator": a.indicator,
                        "name": names.inds[a.indicator],
                        "dimension_name": names.dims[a.dimension],
                        "level": a.level,
                        "level_name": names.level(a.level),
                        "do": localized(a.action, "do", lang),
                        "effort": a.action.effort,
                        "effort_name": t(a.action.effort, lang),
                        "impact": _r(a.impact),
                        "priority": _r(a.priority, 3),
                        "needs": [
                            {"indicator": k, "name": names.inds[k], "level": v}
                            for k, v in sorted(a.action.needs.items())
                        ],
                        "unlocks": list(a.unlocks),
                        "prerequisite": a.prerequisite,
                    }
                    for a in phase
                ],
            }
            for n, phase in enumerate(roadmap.phases, 1)
        ],
        "blocked": [
            {
                "indicator": b.indicator,
                "name": names.inds[b.indicator],
                "level": b.level,
                "do": localized(b.action, "do", lang),
                "reason": b.reason,
            }
            for b in roadmap.blocked
        ],
        "undefined": [
            {"indicator": i, "name": names.inds[i], "level": lv} for i, lv in roadmap.undefined
        ],
    }


def _lessons(
    rubric: Rubric, city: Profile, chosen: Sequence[Any], everyone: Sequence[Profile], names: Names
) -> list[dict[str, Any]]:
    out = []
    for lesson in lessons(rubric, city, chosen, everyone):
        out.append(
            {
                "indicator": lesson.indicator,
                "name": names.inds[lesson.indicator],
                "target": lesson.target,
                "more": max(0, len(lesson.examples) - PEER_EXAMPLES),
                "peers": [
                    {
                        "id": e.peer,
                        "name": names.place(e.peer),
                        "level": e.level,
                        "level_name": names.level(e.level),
                        "confidence": e.assessment.confidence,
                        "evidence": _evidence_text(e.assessment, names.lang),
                        "sources": [_source(s) for s in e.assessment.sources],
                    }
                    for e in lesson.examples[:PEER_EXAMPLES]
                ],
            }
        )
    return out


def _evidence(rubric: Rubric, city: Profile, names: Names) -> list[dict[str, Any]]:
    levels = levels_of(rubric, city)
    out = []
    for ind_id, indicator in rubric.indicators.items():
        entry = city.indicators.get(ind_id) or Assessment()
        level = levels[ind_id]
        out.append(
            {
                "indicator": ind_id,
                "name": names.inds[ind_id],
                "dimension_name": names.dims[rubric.dimension_of[ind_id]],
                "level": level,
                "level_name": names.level(level),
                "value": entry.value,
                "unit": localized(indicator, "unit", names.lang) if indicator.unit else None,
                "confidence": entry.confidence,
                "evidence": _evidence_text(entry, names.lang),
                "note": entry.note,
                "sources": [_source(s) for s in entry.sources],
                "survey": entry.survey.model_dump(mode="json") if entry.survey else None,
                "status": "unknown"
                if level is None
                else ("opinion" if not entry.evidence else "evidenced"),
            }
        )
    return out


def _trend(rubric: Rubric, runs: Sequence[Profile]) -> list[dict[str, Any]]:
    """Scores per assessment (oldest first), with the change from the one before."""
    from policebench.analysis.trend import trend

    return [
        {
            "assessed": point.assessed.isoformat(),
            "overall": _r(point.overall),
            "overall_change": _r(point.overall_change),
            "coverage": _r(point.coverage, 4),
            "dimensions": {d: _r(s.score) for d, s in point.card.dimensions.items()},
        }
        for point in trend(rubric, runs).points
    ]


def _provenance(provenance: Provenance | None) -> dict[str, Any] | None:
    if provenance is None:
        return None
    return {
        "policebench": provenance.version,
        "rubric": {"file": provenance.rubric_file, "sha256": provenance.rubric_sha256},
        "profiles": [
            {"id": pid, "file": name, "sha256": sha} for pid, name, sha in provenance.profiles
        ],
    }
