"""The assessment report of one place, as plain data.

Everything the HTML and Markdown reports show comes from this one structure, and the JSON
report is this structure itself; so "JSON carries everything the HTML shows" holds by
construction. Texts are already in the chosen language (planner text through the ``*_zh``
fields with English fallback). Pure: models in, a dict out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from policebench.analysis.compare import compare
from policebench.analysis.gaps import (
    FRONTIER,
    NO_PEER,
    GapAnalysis,
    Known,
    Target,
    analyse,
    frontier_levels,
    peer_levels,
    resolve_targets,
)
from policebench.analysis.roadmap import plan
from policebench.i18n import t
from policebench.models import Profile, Rubric
from policebench.models.base import localized
from policebench.report import sections
from policebench.report.contract import (
    GapsResult,
    NotApplicableRow,
    PlaceHead,
    PlaceReport,
    RankingRow,
    RecommendResult,
    Subtotal,
    Summary,
)
from policebench.report.parts import (
    RANKING_ROWS,
    Names,
    Provenance,
    provenance_data,
    provisional_data,
    rnd,
    rubric_head,
)
from policebench.scoring import Scorecard, not_applicable_of, ranks

__all__ = ["Names", "Provenance", "build_report", "gaps_result", "recommend_result"]


def _card(card: Scorecard, names: Names, rank: int | None = None) -> RankingRow:
    return {
        "id": card.city_id,
        "name": names.place(card.city_id),
        "rank": rank,
        "overall": rnd(card.overall),
        "stage": localized(card.stage, "name", names.lang) if card.stage else None,
        "coverage": rnd(card.coverage, 4),
        **provisional_data(card, names.rubric, names.lang),
        "dimensions": {d: rnd(s.score) for d, s in card.dimensions.items()},
        "band": None,
        "rank_band": None,
    }


def build_report(
    rubric: Rubric,
    city: Profile,
    peers: Sequence[Profile],
    *,
    against: str | None = FRONTIER,
    target_level: int | None = None,
    top: int | None = None,
    lang: str = "en",
    provenance: Provenance | None = None,
    history: Sequence[Profile] = (),
    opinions: bool = False,
    peer_origin: str = "folder",
) -> PlaceReport:
    """The full report of ``city`` against ``against`` (a peer id, ``frontier``, ``none`` or
    None, which is ``none``).

    ``peers`` are the places it is compared with (ranking, frontier and lessons; ``city``
    itself is left out if among them), ``peer_origin`` where they came from (see
    ``Workspace.peer_origin``); ``history`` the earlier assessments of ``city``, oldest first,
    for the trend. ``opinions`` lets levels without evidence set peer and frontier targets.
    """
    against = None if against == NO_PEER else against
    others = [p for p in peers if p.id != city.id]
    everyone = [city, *others]
    names = Names(rubric, everyone, lang)
    comparison = compare(rubric, everyone)
    card = next(c for c in comparison.cards if c.city_id == city.id)
    # Each place's levels, derived once (by scoring) and passed on to every section.
    known = {c.city_id: c.levels for c in comparison.cards}
    targets_from = _against(rubric, others, against, opinions, known)
    kind = None if against is None else ("frontier" if against == FRONTIER else "peer")
    targets = resolve_targets(
        rubric, city, level=target_level, against=targets_from, against_kind=kind
    )
    gaps = analyse(rubric, city, targets, against, levels=known)
    chosen = [g for g in gaps.gaps if g.gap][: top if top else None]
    roadmap = plan(rubric, chosen, known[city.id], not_applicable_of(city))
    rank, cards = comparison.rank_of(city.id), comparison.cards
    return {
        "policebench": provenance.version if provenance else None,
        "lang": lang,
        "rubric": rubric_head(rubric, lang),
        "place": _place_head(city, lang),
        "against": against,
        # With --target no peer sets a target: the heading names none ("targets" says why).
        # Nor does a frontier of no peers (--peers none): the targets are the profile's own
        # or the rubric's default, which "peers" and "targets" say.
        "against_name": None
        if target_level is not None or (against == FRONTIER and not others)
        else _against_name(against, names),
        "peers": sections.peers(others, peer_origin, names, city),
        "targets": sections.targets(
            rubric, targets, against, opinions, names, target_level, peers=bool(others)
        ),
        "summary": _summary(card, rank, comparison.ranked, gaps, names),
        "ranking": [
            _card(c, names, n)
            for row, (n, c) in enumerate(zip(ranks(cards), cards, strict=True), 1)
            if row <= RANKING_ROWS or c.city_id == city.id
        ],
        "dimensions": sections.dimensions(rubric, card, gaps, comparison.cards, names),
        "radar": sections.radar(rubric, card, comparison.cards, against, names),
        "gaps": [sections.gap(g, names, against) for g in gaps.gaps],
        "top": top,
        "unknown": [sections.unknown(g, city, names, against) for g in gaps.unknown],
        "not_applicable": [
            NotApplicableRow(
                {
                    "indicator": i,
                    "name": names.inds[i],
                    "dimension": rubric.dimension_of[i],
                    "dimension_name": names.dims[rubric.dimension_of[i]],
                    "reason": localized(city.indicators[i], "reason", lang) or None,
                }
            )
            for i in gaps.not_applicable
        ],
        "subtotals": [
            Subtotal(
                {
                    "dimension": s.dimension,
                    "name": names.dims[s.dimension],
                    "open": s.open,
                    "levels": s.levels,
                    "impact": rnd(s.impact),
                    "unknown": s.unknown,
                }
            )
            for s in gaps.subtotals
        ],
        "overall_if_closed": rnd(gaps.overall_if_closed),
        "roadmap": sections.roadmap(roadmap, names),
        "lessons": sections.peer_lessons(rubric, city, chosen, others, names, opinions, known),
        "evidence": sections.evidence(rubric, city, names, known[city.id]),
        "evidence_quality": sections.evidence_quality(rubric, city),
        "trend": sections.trend(rubric, [*history, city], names) if history else [],
        "provenance": provenance_data(provenance),
        # Filled by report.uncertainty when bands are asked for (--uncertainty).
        "uncertainty": None,
    }


def _against(
    rubric: Rubric, peers: Sequence[Profile], against: str | None, opinions: bool, known: Known
) -> Mapping[str, Target] | None:
    if against is None:
        return None
    if against == FRONTIER:
        return frontier_levels(rubric, peers, opinions=opinions, known=known)
    peer = next(p for p in peers if p.id == against)
    return peer_levels(rubric, peer, opinions=opinions, known=known)


def _against_name(against: str | None, names: Names) -> str | None:
    if against is None:
        return None
    if against == FRONTIER:
        return t("frontier", names.lang)
    return names.place(against)


def _place_head(city: Profile, lang: str) -> PlaceHead:
    return {
        "id": city.id,
        "name": localized(city, "name", lang),
        "kind": city.kind,
        "assessed": city.assessed.isoformat(),
        "assessor": localized(city, "assessor", lang) or None,
        "notes": localized(city, "notes", lang) or None,
        "review": None
        if city.review is None
        else {
            "status": city.review.status,
            "by": city.review.by,
            "date": None if city.review.date is None else city.review.date.isoformat(),
        },
    }


def _summary(
    card: Scorecard, rank: int | None, of: int, gaps: GapAnalysis, names: Names
) -> Summary:
    lang = names.lang
    return {
        "overall": rnd(card.overall),
        "stage": localized(card.stage, "name", lang) if card.stage else None,
        "coverage": rnd(card.coverage, 4),
        **provisional_data(card, names.rubric, lang),
        "rank": rank,
        "of": of,
        "known": card.known,
        "indicators": len(card.indicators),
        "applicable": card.applicable,
        "not_applicable": card.not_applicable,
        "without_evidence": card.opinions,
        "open_gaps": sum(1 for g in gaps.gaps if g.gap),
        "overall_if_closed": rnd(gaps.overall_if_closed),
    }


def gaps_result(report: PlaceReport) -> GapsResult:
    """What `gaps --format json` gives: the report's gap sections."""
    return {
        "place": report["place"],
        "rubric": report["rubric"],
        "against": report["against"],
        "against_name": report["against_name"],
        "peers": report["peers"],
        "targets": report["targets"],
        "summary": report["summary"],
        "gaps": report["gaps"],
        "unknown": report["unknown"],
        "not_applicable": report["not_applicable"],
        "subtotals": report["subtotals"],
        "overall_if_closed": report["overall_if_closed"],
    }


def recommend_result(report: PlaceReport) -> RecommendResult:
    """What `recommend --format json` gives: the report's roadmap sections."""
    return {
        "place": report["place"],
        "rubric": report["rubric"],
        "against": report["against"],
        "against_name": report["against_name"],
        "peers": report["peers"],
        "targets": report["targets"],
        "summary": report["summary"],
        "gaps": report["gaps"],
        "top": report["top"],
        "roadmap": report["roadmap"],
        "lessons": report["lessons"],
    }
