"""The sections of a place's report, each built from the analyses as plain data.

:func:`policebench.report.place.build_report` assembles them. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from policebench.analysis.evidence import RELIABILITY_ORDER, level_evidence, quality
from policebench.analysis.gaps import FRONTIER, Gap, GapAnalysis, Known, Target
from policebench.analysis.peers import lessons as find_lessons
from policebench.analysis.roadmap import Roadmap as Plan
from policebench.i18n import between_sentences, join_list, period, t
from policebench.messages import Msg, text
from policebench.models import Assessment, Profile, Rubric
from policebench.models.base import localized
from policebench.report.contract import (
    Blocked,
    DimensionSection,
    EvidenceQuality,
    EvidenceRow,
    GapRow,
    Lesson,
    Peers,
    Phase,
    Radar,
    RadarSeries,
    Roadmap,
    TargetRow,
    Targets,
    TrendPointRow,
    Undefined,
    UnknownRow,
)
from policebench.report.parts import (
    PEER_EXAMPLES,
    Names,
    evidence_text,
    rnd,
    source_data,
)
from policebench.scoring import Scorecard, levels_of


def dimensions(
    rubric: Rubric,
    card: Scorecard,
    gaps: GapAnalysis,
    cards: Sequence[Scorecard],
    names: Names,
) -> list[DimensionSection]:
    """Dimension by dimension: score, rank, leaders, weakest and strongest, unknowns."""
    out: list[DimensionSection] = []
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
                "score": rnd(own.score),
                "coverage": rnd(own.coverage, 4),
                "rank": rank,
                "of": len(scored),
                "best": rnd(best),
                "leaders": [
                    names.place(cid) for s, cid in scored if best is not None and s == best
                ],
                "strongest": [names.inds[i] for lv, i in known if lv == high and high != low],
                "weakest": [names.inds[i] for lv, i in known if lv == low],
                "unknown": [
                    names.inds[i]
                    for lv, i in levels
                    if lv is None and card.indicators[i].applicable
                ],
                "not_applicable": [
                    names.inds[i.id] for i in dim.indicators if not card.indicators[i.id].applicable
                ],
                "open_gaps": subtotal[dim.id].open,
                "impact": rnd(subtotal[dim.id].impact),
            }
        )
    return out


#: Peers drawn beside the place in the radar when it is compared with the frontier.
RADAR_PEERS = 3


def radar(
    rubric: Rubric,
    card: Scorecard,
    cards: Sequence[Scorecard],
    against: str | None,
    names: Names,
) -> Radar:
    """Dimension scores of the place and of real places beside it (None = unknown).

    Against a peer: that peer. Against the frontier: the best-ranked peers (the frontier is a
    target per indicator, shown in ``targets``, not a place with dimension scores).
    """

    def series(c: Scorecard, role: Literal["place", "peer"]) -> RadarSeries:
        return {
            "id": c.city_id,
            "name": names.place(c.city_id),
            "role": role,
            "values": [rnd(c.dimensions[d.id].score) for d in rubric.dimensions],
        }

    out = [series(card, "place")]
    if against == FRONTIER:
        others = [c for c in cards if c.city_id != card.city_id and c.overall is not None]
        out += [series(c, "peer") for c in others[:RADAR_PEERS]]
    elif against is not None:
        out.append(series(next(c for c in cards if c.city_id == against), "peer"))
    return {"axes": [names.dims[d.id] for d in rubric.dimensions], "series": out}


def peers(others: Sequence[Profile], origin: str, names: Names, city: Profile) -> Peers:
    """Who the place is compared with and where they came from, with the one line that says
    so in every output, and the line that says when each was assessed (``dates``)."""
    lang = names.lang
    listed = t("list_sep", lang).join(names.place(p.id) for p in others)
    where = t(f"peers_from_{origin}", lang)
    if others:
        text = t("peers_line", lang).format(places=listed, where=where)
    else:
        text = t("peers_line_none", lang).format(where=where)
    return {
        "origin": origin,
        "places": [
            {"id": p.id, "name": names.place(p.id), "assessed": p.assessed.isoformat()}
            for p in others
        ],
        "text": text,
        "dates": peer_dates(others, city, names),
    }


def _and_list(items: Sequence[str], lang: str) -> str:
    """ "a, b and c" in English, "a、b、c" in Chinese."""
    if lang == "zh" or len(items) < 2:
        return join_list(items, lang)
    return join_list(items[:-1], lang) + " and " + items[-1]


#: Peers assessed further apart from the place than this are said to be: their levels are
#: those of another time (a peer's build-out moves on; its profile does not).
APART_DAYS = 2 * 365
#: Up to this many peers, each one's date is given; beyond, their span.
DATED_PEERS = 6


def peer_dates(others: Sequence[Profile], city: Profile, names: Names) -> str | None:
    """When the peers were assessed, beside the place's own date, and which of them were
    assessed more than two years before or after it: "评估日期：杭州市 2021-10-18，…；J市
    2026-11-24。杭州市的评估与J市相隔两年以上：…". None without peers."""
    if not others:
        return None
    lang = names.lang
    own = names.place(city.id)
    mine = t("dated", lang).format(place=own, date=city.assessed.isoformat())
    if len(others) <= DATED_PEERS:
        each = t("date_sep", lang).join(
            t("dated", lang).format(place=names.place(p.id), date=p.assessed.isoformat())
            for p in others
        )
        text = t("peer_dates", lang).format(peers=each, own=mine)
    else:
        days = sorted(p.assessed for p in others)
        text = t("peer_dates_span", lang).format(
            n=len(others), first=days[0].isoformat(), last=days[-1].isoformat(), own=mine
        )
    text += period(lang)
    apart = [p for p in others if abs((p.assessed - city.assessed).days) > APART_DAYS]
    if not apart:
        return text
    if len(apart) <= PEER_EXAMPLES:
        who = _and_list([names.place(p.id) for p in apart], lang)
        key = "peers_apart_one" if len(apart) == 1 else "peers_apart"
        said = t(key, lang).format(peers=who, place=own)
    else:
        who = join_list((names.place(p.id) for p in apart[:PEER_EXAMPLES]), lang)
        said = t("peers_apart_many", lang).format(n=len(apart), peers=who, place=own)
    return text + between_sentences(lang) + said


def _below_default(target: Target, rubric: Rubric) -> bool:
    """A frontier target below the rubric's default: the peers' best, not an advanced level."""
    return target.source == FRONTIER and target.level < rubric.default_target


def target_from(target: Target, names: Names, against: str | None = None) -> str:
    """Where a target came from, in words: a peer, the frontier's holders, the profile's own
    target or the rubric's default (and what it stands in for: the peer ``against`` names, or
    the frontier). A frontier below the rubric's default target is called the peers' best,
    not "the frontier", and said to be below it."""
    lang = names.lang
    holders = t("list_sep", lang).join(names.place(h) for h in target.holders)
    if _below_default(target, names.rubric):
        # The peers' best, but below what the rubric asks of any place: not "advanced"
        # (the targets' note says so once).
        return t("target_from_frontier_low", lang).format(holders=holders)
    text = t(f"target_from_{target.source}", lang).format(holders=holders)
    if target.instead_of is not None:
        peer = names.place(against) if against not in (None, FRONTIER) else ""
        text += t("instead_sep", lang) + t(f"no_evidenced_{target.instead_of}", lang).format(
            peer=peer
        )
    return text


def targets(
    rubric: Rubric,
    targets: Mapping[str, Target],
    against: str | None,
    opinions: bool,
    names: Names,
    uniform: int | None = None,
    peers: bool = True,
) -> Targets:
    """The target profile: per indicator, the target level and where it came from.

    ``note`` says plainly when one level was set for every indicator (``uniform``:
    ``--target``), or when the frontier asked for is empty (no peer has evidenced any
    indicator), so that every target fell back to the profile's or the rubric's. Without
    ``peers`` (--peers none) the peers' line has said so already.
    """
    empty = peers and against == FRONTIER and all(t.source != FRONTIER for t in targets.values())
    filled = sum(1 for x in targets.values() if x.source not in ("peer", "frontier"))
    if uniform is not None:
        note: str | None = t("targets_uniform", names.lang).format(
            level=uniform, name=names.level(uniform)
        )
    elif empty:
        note = t("no_frontier", names.lang)
    elif low := sum(1 for x in targets.values() if _below_default(x, rubric)):
        note = t("targets_frontier_low", names.lang).format(
            n=low,
            total=len(targets),
            default=rubric.default_target,
            name=names.level(rubric.default_target),
        )
    elif against not in (None, FRONTIER) and filled:
        # The peer's own levels are not all known: the rest of the targets come from
        # elsewhere, and closing every gap can then lift the place above the peer.
        note = t("targets_peer_partly", names.lang).format(
            peer=names.place(str(against)), n=filled, total=len(targets)
        )
    else:
        note = None
    return {
        "against": against,
        # one target for all (--target) takes none from a peer's opinion either
        "opinions": opinions and uniform is None,
        "rule": t("targets_rule", names.lang),
        "note": note,
        "indicators": [
            TargetRow(
                {
                    "indicator": ind_id,
                    "name": names.inds[ind_id],
                    "dimension_name": names.dims[rubric.dimension_of[ind_id]],
                    "level": target.level,
                    "level_name": names.level(target.level),
                    "source": target.source,
                    "holders": [names.place(h) for h in target.holders],
                    "instead_of": target.instead_of,
                    "from": target_from(target, names, against),
                }
            )
            for ind_id, target in targets.items()
        ],
    }


def gap(gap: Gap, names: Names, against: str | None = None) -> GapRow:
    """One gap row (``against``: the peer or frontier its target was to come from)."""
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
        "target_from": target_from(gap.target, names, against),
        "gap": gap.gap,
        "impact": rnd(gap.impact),
    }


def unknown(gap: Gap, city: Profile, names: Names, against: str | None = None) -> UnknownRow:
    """One indicator whose current level is unknown, with its target and where it came from."""
    entry = city.indicators.get(gap.indicator)
    return {
        "indicator": gap.indicator,
        "name": names.inds[gap.indicator],
        "dimension": gap.dimension,
        "dimension_name": names.dims[gap.dimension],
        "target": gap.target.level,
        "target_name": names.level(gap.target.level),
        "target_source": gap.target.source,
        "holders": [names.place(h) for h in gap.target.holders],
        "target_from": target_from(gap.target, names, against),
        "note": (localized(entry, "note", names.lang) or None) if entry else None,
    }


def roadmap(roadmap: Plan, names: Names) -> Roadmap:
    """The phased roadmap, what is blocked and the steps the rubric lists no action for."""
    lang = names.lang
    return {
        "phases": [
            Phase(
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
                            "impact": rnd(a.impact),
                            "priority": rnd(a.priority, 3),
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
            )
            for n, phase in enumerate(roadmap.phases, 1)
        ],
        "blocked": [
            Blocked(
                {
                    "indicator": b.indicator,
                    "name": names.inds[b.indicator],
                    "level": b.level,
                    "do": localized(b.action, "do", lang),
                    "reason": text(_named(b.reason, names) if lang == "zh" else b.reason, lang),
                }
            )
            for b in roadmap.blocked
        ],
        "undefined": [
            Undefined({"indicator": i, "name": names.inds[i], "level": lv})
            for i, lv in roadmap.undefined
        ],
    }


def peer_lessons(
    rubric: Rubric,
    city: Profile,
    chosen: Sequence[Gap],
    peers: Sequence[Profile],
    names: Names,
    opinions: bool = False,
    known: Known | None = None,
) -> list[Lesson]:
    """Per open gap, the best-documented peers at or above its target."""
    out: list[Lesson] = []
    for lesson in find_lessons(rubric, city, chosen, peers, opinions=opinions, known=known):
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
                        "evidence": evidence_text(e.assessment, names.lang),
                        "sources": [source_data(s, names.lang) for s in e.assessment.sources],
                    }
                    for e in lesson.examples[:PEER_EXAMPLES]
                ],
            }
        )
    return out


def evidence(
    rubric: Rubric,
    city: Profile,
    names: Names,
    levels: Mapping[str, int | None] | None = None,
) -> list[EvidenceRow]:
    """The evidence appendix: every indicator with its level, evidence and sources
    (``levels``: the place's levels when already derived)."""
    levels = levels if levels is not None else levels_of(rubric, city)
    ages = {row.indicator: row for row in level_evidence(rubric, city)}
    out: list[EvidenceRow] = []
    for ind_id, indicator in rubric.indicators.items():
        entry = city.indicators.get(ind_id) or Assessment()
        level = levels[ind_id]
        age = ages.get(ind_id)
        out.append(
            {
                "indicator": ind_id,
                "name": names.inds[ind_id],
                "dimension_name": names.dims[rubric.dimension_of[ind_id]],
                "level": level,
                "level_name": names.level(level)
                if entry.applicable
                else t("not_applicable", names.lang),
                "value": entry.value,
                "unit": localized(indicator, "unit", names.lang) if indicator.unit else None,
                "confidence": entry.confidence,
                "evidence": evidence_text(entry, names.lang),
                "note": localized(entry, "note", names.lang) or None,
                "sources": [source_data(s, names.lang) for s in entry.sources],
                "survey": entry.survey.model_dump(mode="json") if entry.survey else None,
                "status": "not-applicable"
                if not entry.applicable
                else "unknown"
                if level is None
                else ("opinion" if not entry.has_evidence else "evidenced"),
                "reason": localized(entry, "reason", names.lang) or None,
                # The level's evidence age and flags (analysis.evidence): the newest source's
                # date, its age in years at the assessment, and stale / repost-only.
                "newest": age.newest.isoformat() if age and age.newest else None,
                "age_years": _years(age.age_days) if age else None,
                "max_age": rubric.max_age_of(ind_id),
                "stale": bool(age and age.stale),
                "repost_only": bool(age and age.repost_only),
                "flags": list(age.flags) if age else [],
            }
        )
    return out


def _years(days: float | None) -> float | None:
    return None if days is None else round(days / 365.25, 1)


def evidence_quality(rubric: Rubric, city: Profile) -> EvidenceQuality:
    """The place's evidence in a few figures: the share of its known levels by their best
    source's reliability, the median age of their newest sources, opinions, stale levels and
    levels resting on reposts only (``analysis.evidence.quality``)."""
    q = quality(rubric, city)
    return {
        "known": q.known,
        "by_reliability": [
            {"reliability": r, "levels": q.by_reliability[r], "share": rnd(q.share(r), 4)}
            for r in (*RELIABILITY_ORDER, "none")
        ],
        "median_age_years": _years(q.median_age_days),
        "max_age": rubric.evidence_max_age,
        "opinions": q.opinions,
        "stale": q.stale,
        "repost_only": q.repost_only,
        "no_source": q.no_source,
        "not_applicable": q.not_applicable,
    }


def trend(rubric: Rubric, runs: Sequence[Profile], names: Names) -> list[TrendPointRow]:
    """Scores per assessment (oldest first), with the change from the one before (like for
    like too, and what became known or unknown)."""
    from policebench.analysis.trend import Step, trend

    def moved(step: Step | None, way: str) -> list[str]:
        return [names.inds[i] for i in step.moved(way)] if step else []

    history = trend(rubric, runs)
    return [
        TrendPointRow(
            {
                "assessed": point.assessed.isoformat(),
                "overall": rnd(point.overall),
                "overall_change": rnd(point.overall_change),
                "like_for_like": rnd(step.like_for_like) if step else None,
                "compared": step.compared if step else 0,
                "newly_known": moved(step, "known"),
                "newly_unknown": moved(step, "unknown"),
                "coverage": rnd(point.coverage, 4),
                "dimensions": {d: rnd(s.score) for d, s in point.card.dimensions.items()},
            }
        )
        for point, step in zip(history.points, [None, *history.steps], strict=True)
    ]


def _named(reason: str, names: Names) -> str:
    """A blocked step's reason with each indicator id (``id`` argument) replaced by the
    indicator's name: in a Chinese sentence a planner reads 网络互联, not an English id."""
    if not isinstance(reason, Msg):
        return reason
    args = {
        key: _named(value, names)
        if isinstance(value, Msg)
        else (names.inds.get(value, value) if key == "id" else value)
        for key, value in reason.args.items()
    }
    return Msg(reason.id, **args)
