"""The side-by-side comparison of several places, as plain data (see report.place)."""

from __future__ import annotations

from collections.abc import Sequence

from policebench.analysis.compare import compare
from policebench.i18n import t
from policebench.models import Profile, Rubric
from policebench.models.base import localized
from policebench.report.contract import (
    Compared,
    ComparedPlace,
    Comparison,
    HeatRow,
    RadarSeries,
    Spread,
)
from policebench.report.parts import (
    Names,
    Provenance,
    provenance_data,
    provisional_data,
    rnd,
    rubric_head,
)
from policebench.scoring import ranks


def build_comparison(
    rubric: Rubric,
    profiles: Sequence[Profile],
    *,
    lang: str = "en",
    provenance: Provenance | None = None,
    origin: str = "folder",
    peers: int = 0,
) -> Comparison:
    """Ranking, dimension leaders and spreads, and the level heatmap of ``profiles``.

    ``origin`` says where the places came from (see ``Workspace.peer_origin``); the last
    ``peers`` of them are peers that joined the places asked for (0: all were asked for).
    """
    names = Names(rubric, profiles, lang)
    result = compare(rubric, profiles)
    spreads = {s.dimension: s for s in result.dimensions}
    return {
        "policebench": provenance.version if provenance else None,
        "lang": lang,
        "rubric": rubric_head(rubric, lang),
        "compared": compared_line(profiles, origin, peers, names),
        "places": [
            ComparedPlace(
                {
                    "rank": n,
                    "id": c.city_id,
                    "name": names.place(c.city_id),
                    "assessed": c.assessed.isoformat(),
                    "overall": rnd(c.overall),
                    "stage": localized(c.stage, "name", lang) if c.stage else None,
                    "coverage": rnd(c.coverage, 4),
                    **provisional_data(c, rubric, lang),
                    "band": None,
                    "rank_band": None,
                    "dimensions": {
                        d.id: {
                            "score": rnd(c.dimensions[d.id].score),
                            "leader": c.city_id in spreads[d.id].leaders,
                            "band": None,
                        }
                        for d in rubric.dimensions
                    },
                }
            )
            for n, c in zip(ranks(result.cards), result.cards, strict=True)
        ],
        "dimensions": [
            Spread(
                {
                    "id": d.id,
                    "name": names.dims[d.id],
                    "leaders": [names.place(x) for x in spreads[d.id].leaders],
                    "best": rnd(spreads[d.id].best),
                    "worst": rnd(spreads[d.id].worst),
                    "spread": rnd(spreads[d.id].spread),
                    "known": spreads[d.id].known,
                }
            )
            for d in rubric.dimensions
        ],
        "heatmap": [
            HeatRow(
                {
                    "indicator": ind_id,
                    "name": names.inds[ind_id],
                    "dimension": rubric.dimension_of[ind_id],
                    "dimension_name": names.dims[rubric.dimension_of[ind_id]],
                    "levels": [
                        {
                            "place": c.city_id,
                            "level": result.heatmap[ind_id][c.city_id],
                            "applicable": c.indicators[ind_id].applicable,
                            "opinion": c.indicators[ind_id].level is not None
                            and not c.indicators[ind_id].has_evidence,
                        }
                        for c in result.cards
                    ],
                }
            )
            for ind_id in rubric.indicators
        ],
        "radar": {
            "axes": [names.dims[d.id] for d in rubric.dimensions],
            "series": [
                RadarSeries(
                    {
                        "id": c.city_id,
                        "name": names.place(c.city_id),
                        "role": "place" if n == 0 else "peer",
                        "values": [rnd(c.dimensions[d.id].score) for d in rubric.dimensions],
                    }
                )
                for n, c in enumerate(result.cards)
            ],
        },
        "unknown_label": t("unknown", lang),
        "provenance": provenance_data(provenance),
        # Filled by report.uncertainty when bands are asked for (--uncertainty).
        "uncertainty": None,
    }


def compared_line(profiles: Sequence[Profile], origin: str, peers: int, names: Names) -> Compared:
    """Which places a comparison is among and where they came from, in one line."""
    lang = names.lang
    listed = t("list_sep", lang).join(names.place(p.id) for p in profiles)
    text = t("compared_line", lang).format(places=listed, count=len(profiles))
    if peers:
        text += t("paren", lang).format(t(f"peers_from_{origin}", lang))
    elif len(profiles) == 1:
        text += t("paren", lang).format(t("compared_alone", lang))
    return {"origin": origin if peers else "asked", "peers": peers, "text": text}
