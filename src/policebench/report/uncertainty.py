"""Uncertainty bands beside the point scores of reports (`report`/`compare --uncertainty`).

Takes the report or comparison data and a :class:`SensitivityResult` of the same places, and
returns the data with bands added: ``"52.2 (47–58)"`` texts beside scores and ranks, band
mappings for the HTML error bars (``radar.series[i].bands``), and an ``uncertainty``
section saying how the bands were drawn: the settings, samples and seed, what was varied and
what was not (``explanation``, in the report's language), and how likely each place's point
rank is (``places``; the probabilities are the sensitivity result's, as
``policebench sensitivity --format json`` gives them). Pure: no NumPy here (the result is
computed by the caller).
"""

from __future__ import annotations

import copy

from policebench.analysis.sensitivity import Band, PlaceResult, SensitivityResult
from policebench.analysis.sensitivity.settings import SOURCES, weight_spread
from policebench.i18n import t
from policebench.models import Rubric
from policebench.report.contract import (
    Comparison,
    Explanation,
    PlaceRankOdds,
    PlaceReport,
    RankLikelihood,
    TextBand,
    UncertaintyHeader,
)
from policebench.report.parts import rnd
from policebench.report.sensitivity import (
    band_data,
    band_text,
    rank_data,
    rank_text,
    share_text,
)
from policebench.validation.uncertainty import impute_bounds


def _band(band: Band | None, lang: str) -> TextBand | None:
    data = band_data(band)
    if data is None or band is None:
        return None
    return {**data, "text": band_text(band, lang)}


def _rank(place: PlaceResult, lang: str) -> RankLikelihood | None:
    """The rank band (``rank_data``: the same figures as the sensitivity JSON's) with its
    texts: how likely the point rank is, and the most likely rank; None for a place ranked
    nowhere (nothing known)."""
    if place.rank is None:
        return None
    data = rank_data(place.rank)
    point, p_point = data["point"], data["p_point_rank"]
    mode, p_mode = data["most_likely_rank"], data["p_most_likely_rank"]
    key = "unc_rank_is_mode" if mode == point else "unc_rank_not_mode"
    return {
        **data,
        "text": rank_text(place.rank, lang),
        "p_point_rank_text": share_text(p_point),
        "p_most_likely_rank_text": share_text(p_mode),
        "likelihood_text": t(key, lang).format(
            rank=point, p=share_text(p_point), mode=mode, p_mode=share_text(p_mode)
        ),
    }


def _spread_text(spread: tuple[float, float], lang: str) -> str:
    """``"±28%"``, or ``"±17% to ±33%"`` when the weights differ (one standard deviation of
    a drawn weight, as a share of the weight)."""
    low, high = (f"±{100 * x:.0f}%" for x in spread)
    if low == high:
        return low
    return f"{low} 至 {high}" if lang == "zh" else f"{low} to {high}"


def _source_text(
    source: str, varied: bool, result: SensitivityResult, rubric: Rubric, lang: str
) -> str:
    """One sentence on what ``source`` did in the samples (from the settings used)."""
    settings = result.settings
    if source == "weights":
        if not varied:
            return t("unc_weights_fixed", lang)
        spreads = weight_spread(rubric, settings)
        parts = [
            t(f"unc_spread_{kind}", lang).format(spread=_spread_text(spread, lang))
            for kind, spread in spreads.items()
            if spread is not None
        ]
        c = f"{settings.concentration:g}"
        return t("unc_weights_varied", lang).format(
            c=c, spread=("，" if lang == "zh" else ", ").join(parts)
        )
    if source == "aggregation":
        names = [t(name, lang) for name in dict.fromkeys(settings.aggregations)]
        if not varied:
            return t("unc_aggregation_fixed", lang).format(name=names[0])
        joined = ("与" if lang == "zh" else " or ").join(names)
        return t("unc_aggregation_varied", lang).format(names=joined)
    if source == "confidence":
        if not varied:
            return t("unc_levels_fixed", lang)
        if settings.medium_shift > 0:
            rest = t("unc_levels_medium", lang).format(medium=share_text(settings.medium_shift))
        else:
            rest = t("unc_levels_medium_fixed", lang)
        return t("unc_levels_varied", lang).format(low=share_text(settings.low_shift), rest=rest)
    if not varied:
        return t("unc_unknowns_fixed", lang)
    low, high = impute_bounds(rubric, settings)
    return t("unc_unknowns_varied", lang).format(low=low, high=high)


def explanation(result: SensitivityResult, rubric: Rubric, lang: str = "en") -> Explanation:
    """What the samples varied and what they did not, one sentence per source of
    uncertainty (in :data:`SOURCES` order), and the samples and seed, in ``lang``."""
    out: Explanation = {
        "varied": [],
        "not_varied": [],
        "samples": t("unc_samples", lang).format(samples=result.samples, seed=result.seed),
    }
    for source in SOURCES:
        varied = source in result.sources
        text = _source_text(source, varied, result, rubric, lang)
        out["varied" if varied else "not_varied"].append({"source": source, "text": text})
    if not out["varied"]:
        out["varied"].append({"source": None, "text": t("unc_nothing_varied", lang)})
    return out


def _header(result: SensitivityResult, rubric: Rubric, lang: str) -> UncertaintyHeader:
    """What every --uncertainty output carries: how the samples were drawn, and each
    place's point-rank probability (``places``, keyed by id)."""
    places: dict[str, PlaceRankOdds] = {}
    for place in result.places:
        rank = _rank(place, lang)
        if rank is None:  # ranked nowhere: no odds to give
            continue
        places[place.id] = {
            "point_rank": rank["point"],
            "p_point_rank": rank["p_point_rank"],
            "most_likely_rank": rank["most_likely_rank"],
            "p_most_likely_rank": rank["p_most_likely_rank"],
            "rank_min": rank["min"],
            "rank_max": rank["max"],
        }
    return {
        "samples": result.samples,
        "seed": result.seed,
        "settings": result.settings.model_dump(mode="json"),
        "sources": list(result.sources),
        "not_varied": [s for s in SOURCES if s not in result.sources],
        "explanation": explanation(result, rubric, lang),
        "places": places,
        "index": {s: rnd(v, 3) for s, v in result.index.items()},
    }


def _series_bands(
    data: PlaceReport | Comparison, dims: list[str], result: SensitivityResult, lang: str
) -> None:
    """Bands for each radar series that is a place analysed (not the frontier)."""
    known = {p.id for p in result.places}
    for series in data["radar"]["series"]:
        if series["id"] in known:
            place = result.place(series["id"])
            series["bands"] = [_band(place.dimensions.get(d), lang) for d in dims]


def report_with_bands(
    report: PlaceReport, result: SensitivityResult, rubric: Rubric, lang: str = "en"
) -> PlaceReport:
    """``report`` (see :mod:`policebench.report.place`) with the bands of its place and peers
    added."""
    out = copy.deepcopy(report)
    place = result.place(out["place"]["id"])
    dims = [d["id"] for d in out["dimensions"]]
    out["uncertainty"] = {
        **_header(result, rubric, lang),
        "overall": _band(place.overall, lang),
        "rank": _rank(place, lang),
        "dimensions": {d: _band(place.dimensions.get(d), lang) for d in dims},
        "place_index": {s: rnd(v, 3) for s, v in place.index.items()},
    }
    ids = {p.id for p in result.places}
    for row in out["ranking"]:
        if row["id"] in ids:
            other = result.place(row["id"])
            row["band"] = _band(other.overall, lang)
            row["rank_band"] = _rank(other, lang)
    _series_bands(out, dims, result, lang)
    return out


def comparison_with_bands(
    data: Comparison, result: SensitivityResult, rubric: Rubric, lang: str = "en"
) -> Comparison:
    """``data`` (see :mod:`policebench.report.comparison`) with every place's bands added."""
    out = copy.deepcopy(data)
    out["uncertainty"] = _header(result, rubric, lang)
    dims = [d["id"] for d in out["dimensions"]]
    for row in out["places"]:
        place = result.place(row["id"])
        row["band"] = _band(place.overall, lang)
        row["rank_band"] = _rank(place, lang)
        for d in dims:
            row["dimensions"][d]["band"] = _band(place.dimensions.get(d), lang)
    _series_bands(out, dims, result, lang)
    return out
