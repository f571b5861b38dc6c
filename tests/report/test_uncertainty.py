"""Bands beside the scores of reports and comparisons (--uncertainty)."""

from __future__ import annotations

import dataclasses
import json
from array import array

import pytest
from typer.testing import CliRunner

from policebench.analysis.sensitivity import PlaceResult, RankBand, run
from policebench.models import Profile, Rubric, Uncertainty
from policebench.report.comparison import build_comparison
from policebench.report.place import build_report
from policebench.report.sensitivity import rank_data
from policebench.report.uncertainty import (
    comparison_with_bands,
    explanation,
    report_with_bands,
    share_text,
)

pytest.importorskip("numpy")


def test_report_bands_belong_to_the_right_places(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    everyone = list(profiles.values())
    report = build_report(rubric, profiles["j-city"], everyone)
    result = run(rubric, everyone, samples=500, seed=3)
    out = report_with_bands(report, result, rubric)
    assert report["uncertainty"] is None, "the input is not changed"
    mine = result.place("j-city")
    assert out["uncertainty"]["overall"]["p5"] == round(mine.overall.p5, 2)  # type: ignore[union-attr]
    assert (
        out["uncertainty"]["rank"]["text"] == f"{mine.rank.point} ({mine.rank.p5}–{mine.rank.p95})"
    )
    for row in out["ranking"]:
        band = result.place(row["id"]).overall
        assert band is not None and row["band"]["p95"] == round(band.p95, 2)
    city_series = out["radar"]["series"][0]
    assert len(city_series["bands"]) == len(rubric.dimensions)
    security = [d.id for d in rubric.dimensions].index("security")
    assert city_series["bands"][security] is None  # J City knows nothing of security
    # Against the frontier the radar draws real places only (the frontier is a target per
    # indicator, not a place), each with its own bands.
    for series in out["radar"]["series"][1:]:
        assert series["role"] == "peer" and series["id"] in profiles
        assert len(series["bands"]) == len(rubric.dimensions)


def test_comparison_bands(rubric: Rubric, profiles: dict[str, Profile]) -> None:
    everyone = list(profiles.values())
    data = build_comparison(rubric, everyone)
    out = comparison_with_bands(data, run(rubric, everyone, samples=300, seed=1), rubric)
    for row in out["places"]:
        assert row["rank_band"]["min"] <= row["rank"] <= row["rank_band"]["max"]
        assert row["band"]["text"].startswith(f"{row['overall']:.1f} (")


def test_point_rank_probability_is_the_sensitivity_results(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    everyone = list(profiles.values())
    result = run(rubric, everyone, samples=700, seed=4)
    out = comparison_with_bands(build_comparison(rubric, everyone), result, rubric, "zh")
    for row in out["places"]:
        place = result.place(row["id"])
        data = rank_data(place.rank)
        shares = {data["min"] + k: round(n / 700, 4) for k, n in enumerate(data["counts"])}
        band = row["rank_band"]
        assert band["p_point_rank"] == shares[place.rank.point]
        assert band["p_point_rank"] == out["uncertainty"]["places"][row["id"]]["p_point_rank"]
        assert band["p_most_likely_rank"] == max(shares.values())
        assert band["likelihood_text"].startswith(f"在 {band['p_point_rank_text']} 的抽样中")


def _place_with_ranks(point: int, counts: list[int]) -> PlaceResult:
    rank = RankBand(point, 1, 1, len(counts), sum(counts), array("q", counts))
    return PlaceResult("x", "X", None, None, rank, {}, {})


def test_most_likely_rank_and_the_sentence_when_it_is_not_the_point_rank(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    everyone = list(profiles.values())
    result = run(rubric, everyone, samples=50, seed=1)
    # A tie between ranks 1 and 3 goes to the better rank; the point rank 2 is less likely.
    fake = _place_with_ranks(2, [40, 20, 40])
    forged = dataclasses.replace(result, places=(fake,))
    data = comparison_with_bands(
        {"places": [], "dimensions": [], "radar": {"series": []}}, forged, rubric
    )
    assert data["uncertainty"]["places"]["x"] == {
        "point_rank": 2,
        "p_point_rank": 0.2,
        "most_likely_rank": 1,
        "p_most_likely_rank": 0.4,
        "rank_min": 1,
        "rank_max": 3,
    }
    report = build_report(rubric, profiles["j-city"], everyone)
    real = report_with_bands(report, result, rubric)
    assert real["uncertainty"]["rank"]["likelihood_text"].startswith("rank 4 in ")


def test_share_text_never_rounds_a_rare_event_to_nothing() -> None:
    assert [share_text(p) for p in (0.0, 0.004, 0.005, 0.673, 0.995, 0.9999, 1.0)] == [
        "0%",
        "<1%",
        "<1%",
        "67%",
        ">99%",
        ">99%",
        "100%",
    ]


def test_explanation_with_nothing_varied(rubric: Rubric, profiles: dict[str, Profile]) -> None:
    off = Uncertainty.model_validate(
        {"concentration": None, "aggregations": ["arithmetic"], "low_shift": 0, "medium_shift": 0}
    )
    result = run(rubric, list(profiles.values()), samples=20, seed=0, settings=off)
    for lang, nothing in (("en", "Nothing: every sample"), ("zh", "无：每次抽样的结果")):
        text = explanation(result, rubric, lang)
        assert [x["source"] for x in text["varied"]] == [None]
        assert text["varied"][0]["text"].startswith(nothing)
        assert [x["source"] for x in text["not_varied"]] == list(
            ("weights", "aggregation", "confidence", "unknowns")
        )
    medium_fixed = Uncertainty.model_validate({"low_shift": 0.5, "medium_shift": 0})
    result = run(rubric, list(profiles.values()), samples=20, seed=0, settings=medium_fixed)
    levels = explanation(result, rubric, "en")["varied"][-1]["text"]
    assert "in 50% of samples" in levels and "a medium- or high-confidence level never" in levels


@pytest.mark.usefixtures("in_tmp")
def test_cli_uncertainty_is_reproducible(runner: CliRunner) -> None:
    args = ["report", "j-city", "--uncertainty", "--samples", "400", "-f", "json"]
    first = runner.invoke(app_(), args)
    second = runner.invoke(app_(), args)
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert json.loads(first.stdout)["uncertainty"]["samples"] == 400
    html = runner.invoke(app_(), ["compare", "--uncertainty", "--samples", "200", "-f", "html"])
    assert html.exit_code == 0 and "<svg" in html.stdout
    # The band and rank range sit under the score (the ranking table fits 1280 px), and a
    # sentence says what they are.
    assert '<span class="muted band">' in html.stdout
    assert "Under each overall score: the 5–95% bands of the score and of the rank" in html.stdout
    plain = runner.invoke(app_(), ["compare", "-f", "html"])
    assert "band</span>" not in plain.stdout and "Under each overall score" not in plain.stdout


def app_():  # type: ignore[no-untyped-def]
    from policebench.cli.app import app

    return app
