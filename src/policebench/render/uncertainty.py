"""Uncertainty bands beside the point scores of reports (`report`/`compare --uncertainty`).

Takes the report or comparison data and a :class:`SensitivityResult` of the same places, and
returns the data with bands added: ``"52 (47-58)"`` texts beside scores and ranks, band
mappings for the HTML error bars (``radar.series[i].bands``), and an ``uncertainty``
section saying how the bands were drawn. Pure: no NumPy here (the result is computed by the
caller).
"""

from __future__ import annotations

import copy
from typing import Any

from policebench.analysis.sensitivity import Band, PlaceResult, SensitivityResult
from policebench.render.common import rounded
from policebench.render.sensitivity import band_data, band_text, rank_data, rank_text


def _band(band: Band | None, lang: str) -> dict[str, Any] | None:
    data = band_data(band)
    if data is not None and band is not None:
        data["text"] = band_text(band, 0, lang)
    return data


def _rank(place: PlaceResult) -> dict[str, Any]:
    return {**rank_data(place.rank), "text": rank_text(place.rank)}


def _header(result: SensitivityResult) -> dict[str, Any]:
    return {
        "samples": result.samples,
        "seed": result.seed,
        "sources": list(result.sources),
        "index": {s: rounded(v, 3) for s, v in result.index.items()},
    }


def _series_bands(
    data: dict[str, Any], dims: list[str], result: SensitivityResult, lang: str
) -> None:
    """Bands for each radar series that is a place analysed (not the frontier)."""
    known = {p.id for p in result.places}
    for series in data["radar"]["series"]:
        if series["id"] in known:
            place = result.place(series["id"])
            series["bands"] = [_band(place.dimensions.get(d), lang) for d in dims]


def report_with_bands(
    report: dict[str, Any], result: SensitivityResult, lang: str = "en"
) -> dict[str, Any]:
    """``report`` (see analysis.report) with the bands of its place and peers added."""
    out = copy.deepcopy(report)
    place = result.place(out["city"]["id"])
    dims = [d["id"] for d in out["dimensions"]]
    out["uncertainty"] = {
        **_header(result),
        "overall": _band(place.overall, lang),
        "rank": _rank(place),
        "dimensions": {d: _band(place.dimensions.get(d), lang) for d in dims},
        "place_index": {s: rounded(v, 3) for s, v in place.index.items()},
    }
    ids = {p.id for p in result.places}
    for row in out["ranking"]:
        if row["id"] in ids:
            other = result.place(row["id"])
            row["band"] = _band(other.overall, lang)
            row["rank_band"] = _rank(other)
    _series_bands(out, dims, result, lang)
    return out


def comparison_with_bands(
    data: dict[str, Any], result: SensitivityResult, lang: str = "en"
) -> dict[str, Any]:
    """``data`` (see analysis.comparison) with every place's bands added."""
    out = copy.deepcopy(data)
    out["uncertainty"] = _header(result)
    dims = [d["id"] for d in out["dimensions"]]
    for row in out["places"]:
        place = result.place(row["id"])
        row["band"] = _band(place.overall, lang)
        row["rank_band"] = _rank(place)
        for d in dims:
            row["dimensions"][d]["band"] = _band(place.dimensions.get(d), lang)
    _series_bands(out, dims, result, lang)
    return out
