"""The data of `policebench sensitivity`, and the band texts every report with bands uses.

For reports that show bands beside point scores (``--uncertainty``)::

    from policebench.analysis.sensitivity import run
    from policebench.report.sensitivity import band_text, rank_text

    result = run(rubric, profiles, samples=10_000, seed=0)
    place = result.place("j-city")
    band_text(place.overall)                 # "25.0 (10–36)": point score, 5-95% band
    band_text(place.dimensions["planning"])  # the same for one dimension
    rank_text(place.rank)                    # "4 (3–4)": point rank, 5-95% of the ranks

Pure: results in, data and strings out.
"""

from __future__ import annotations

from policebench.analysis.sensitivity import Band, RankBand, SensitivityResult
from policebench.i18n import paren, span, t
from policebench.report import OneLine
from policebench.report.contract import Band as BandData
from policebench.report.contract import RankBand as RankData
from policebench.report.contract import SensitivityData, SensitivityWeightSet
from policebench.report.parts import rnd


def band_text(band: Band | None, lang: str = "en") -> str:
    """``"51.4 (37–63)"``: the point score as every table shows a score (one decimal), then
    its 5-95% band in whole points (``"51.4（37～63）"`` in Chinese): the ends of a band are
    sampled, and a decimal on them would claim a precision the samples do not have.

    ``None`` (never a score in any sample) is the word for unknown; a band whose point is
    unknown (a score only when unknowns are imputed) shows that word before the band.
    """
    if band is None:
        return t("unknown", lang)
    point = t("unknown", lang) if band.point is None else f"{band.point:.1f}"
    return point + paren(span(f"{band.p5:.0f}", f"{band.p95:.0f}", lang), lang)


def share_text(p: float) -> str:
    """A share of the samples as a whole percentage; "<1%" / ">99%" rather than a rounded
    0% or 100% that did happen or might not, and "0%" / "100%" only when exact."""
    percent = round(100 * p)
    if p > 0 and percent == 0:
        return "<1%"
    if p < 1 and percent == 100:
        return ">99%"
    return f"{percent}%"


def rank_text(rank: RankBand | None, lang: str = "en") -> str:
    """``"2 (1–3)"``: the point rank, then the ranks between which 90% of the samples fall
    (``"2（1～3）"`` in Chinese); "—" for a place ranked nowhere (nothing known).

    Not the best and worst rank of any sample: over 10,000 samples every place of four took
    every rank at least once, and "1–4" beside each said nothing (J City ranked first in 13).
    """
    if rank is None:
        return "—"
    low, high = rank.quantiles(0.05, 0.95)
    return f"{rank.point}" + paren(span(low, high, lang), lang)


def band_data(band: Band | None) -> BandData | None:
    """A band as data (JSON output, and the bands of reports with --uncertainty)."""
    if band is None:
        return None
    return {
        "point": rnd(band.point),
        "p5": rnd(band.p5),
        "median": rnd(band.median),
        "p95": rnd(band.p95),
        "min": rnd(band.min),
        "max": rnd(band.max),
        "share": rnd(band.share, 4),
    }


def rank_data(rank: RankBand, *, counts: bool = True) -> RankData:
    """A rank band as data: point, median, the 5th and 95th percentile, the range, how likely
    the point rank is, the most likely rank (the better one on a tie) and its share, and
    (``counts``) the number of samples at each rank from the best to the worst the place took
    (``counts[k]`` at rank ``min + k``): exact and compact, where a table of every rank's
    probability for 3,000 places would be nine million numbers, nearly all zero. Shares are
    those of the counts, rounded to 4 digits."""
    mode = rank.mode
    p5, p95 = rank.quantiles(0.05, 0.95)  # one running sum for both
    data: RankData = {
        "point": rank.point,
        "median": rank.median,
        "p5": p5,
        "p95": p95,
        "min": rank.min,
        "max": rank.max,
        "p_point_rank": round(rank.probability(rank.point), 4),
        "most_likely_rank": mode,
        "p_most_likely_rank": round(rank.probability(mode), 4),
    }
    if counts:
        data["counts"] = OneLine(rank.counts)
    return data


def sensitivity_data(result: SensitivityResult, *, counts: bool = True) -> SensitivityData:
    """The machine contract of `sensitivity --format json` (places in point-rank order);
    ``counts=False`` (``--no-rank-counts``) leaves out each place's count at every rank."""
    data: SensitivityData = {
        "rubric": {"id": result.rubric_id, "version": result.rubric_version},
        "samples": result.samples,
        "seed": result.seed,
        "index_samples": result.index_samples,
        "settings": result.settings.model_dump(mode="json"),
        "sources": list(result.sources),
        "index": {s: rnd(v, 4) for s, v in result.index.items()},
        "places": [
            {
                "id": place.id,
                "name": place.name,
                "overall": band_data(place.overall),
                "rank": None if place.rank is None else rank_data(place.rank, counts=counts),
                "dimensions": {d: band_data(b) for d, b in place.dimensions.items()},
                "index": {s: rnd(v, 4) for s, v in place.index.items()},
            }
            for place in result.places
        ],
    }
    if result.weight_sets:
        data["weight_sets"] = _weight_sets_data(result)
    return data


def _weight_sets_data(result: SensitivityResult) -> list[SensitivityWeightSet]:
    return [
        {
            "name": w.name,
            "places": [
                {"id": p.id, "overall": rnd(w.overall[p.id]), "rank": w.rank[p.id]}
                for p in result.places
            ],
        }
        for w in result.weight_sets
    ]
