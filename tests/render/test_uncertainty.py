"""Bands beside the scores of reports and comparisons (--uncertainty)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from policebench.analysis.comparison import build_comparison
from policebench.analysis.report import build_report
from policebench.analysis.sensitivity import run
from policebench.models import Profile, Rubric
from policebench.render.uncertainty import comparison_with_bands, report_with_bands

pytest.importorskip("numpy")


def test_report_bands_belong_to_the_right_places(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    everyone = list(profiles.values())
    report = build_report(rubric, profiles["j-city"], everyone)
    result = run(rubric, everyone, samples=500, seed=3)
    out = report_with_bands(report, result)
    assert report["uncertainty"] is None, "the input is not changed"
    mine = result.place("j-city")
    assert out["uncertainty"]["overall"]["p5"] == round(mine.overall.p5, 2)  # type: ignore[union-attr]
    assert (
        out["uncertainty"]["rank"]["text"] == f"{mine.rank.point} ({mine.rank.min}-{mine.rank.max})"
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
    out = comparison_with_bands(data, run(rubric, everyone, samples=300, seed=1))
    for row in out["places"]:
        assert row["rank_band"]["min"] <= row["rank"] <= row["rank_band"]["max"]
        assert row["band"]["text"].startswith(f"{row['overall']:.0f} (")


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
    assert "Under each overall score: its 5-95% band" in html.stdout
    plain = runner.invoke(app_(), ["compare", "-f", "html"])
    assert "band</span>" not in plain.stdout and "Under each overall score" not in plain.stdout


def app_():  # type: ignore[no-untyped-def]
    from policebench.cli.app import app

    return app
