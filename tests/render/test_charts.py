"""The inline SVG charts: escaping, well-formed XML, unknown values, accessibility, determinism.

The checks every chart shares, and the radar and the bars; the heatmap and the trend chart
have their own tests in test_heatmap.py and test_trend_chart.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from markupsafe import Markup

from policebench.render import charts, heatmap, trend_chart
from policebench.render.svg import COLOURS, GRID, INK, clip, wrap

HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
AXES = ["Planning", "Integration", "Platform", "Security", "Talent"]


def radar_data(*series: tuple[str, list[float | None]]) -> dict[str, Any]:
    return {
        "axes": list(AXES),
        "series": [
            {"name": name, "role": "city" if n == 0 else "peer", "values": values}
            for n, (name, values) in enumerate(series)
        ],
    }


def heat_rows(names: list[str]) -> list[dict[str, Any]]:
    return [
        {
            "indicator": "a",
            "name": names[0],
            "dimension": "d1",
            "dimension_name": names[1],
            "levels": [{"place": "p", "level": 2}, {"place": "q", "level": None}],
        },
        {
            "indicator": "b",
            "name": "Second",
            "dimension": "d2",
            "dimension_name": "Other",
            "levels": [{"place": "p", "level": 4}, {"place": "q", "level": 0}],
        },
    ]


def trend_rows() -> list[dict[str, Any]]:
    return [
        {"assessed": "2024-06-30", "overall": 20.0, "dimensions": {"d1": 10.0}},
        {"assessed": "2025-06-30", "overall": 30.0, "dimensions": {"d1": None}},
        {"assessed": "2026-06-30", "overall": 45.5, "dimensions": {"d1": 40.0}},
    ]


def parse(svg: Markup) -> ET.Element:
    assert isinstance(svg, Markup)
    return ET.fromstring(str(svg))


def all_charts(name: str) -> list[Markup]:
    data = radar_data((name, [10.0, None, 30.0, 40.0, 50.0]), ("Peer", [50.0] * 5))
    data["axes"][0] = name
    return [
        charts.radar(data),
        charts.bars(data, bands=[[(5.0, 15.0), None, None, None, None]]),
        heatmap.heatmap(
            heat_rows([name, name]),
            [{"id": "p", "name": name}, {"id": "q", "name": "Q"}],
            levels={"0": name, "1": "b", "2": "c", "3": "d", "4": "e"},
        ),
        trend_chart.trend(trend_rows(), [{"id": "d1", "name": name}]),
    ]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_names_are_escaped_and_the_svg_stays_well_formed(hostile: str) -> None:
    for svg in all_charts(hostile):
        text = str(svg)
        assert "<script" not in text and "<img" not in text
        assert "&lt;" in text  # the name is there, as text
        root = parse(svg)  # escaping kept the document well formed
        # The parsed text gives the hostile name back verbatim: shown, not run.
        assert any(hostile in (el.text or "") for el in root.iter())


def test_every_chart_is_an_accessible_scalable_image() -> None:
    for svg in all_charts("Name"):
        root = parse(svg)
        assert root.tag == "svg"
        assert root.get("role") == "img"
        assert root.get("aria-label")
        assert re.fullmatch(r"0 0 \d+\.\d \d+\.\d", root.get("viewBox", ""))
        assert "width" not in root.attrib and "height" not in root.attrib
        assert [child.tag for child in root][:2] == ["title", "desc"]


def test_charts_are_deterministic() -> None:
    assert [str(s) for s in all_charts("A")] == [str(s) for s in all_charts("A")]


def test_radar_geometry_hand_checked() -> None:
    # Centre (280, 215), radius 135: 100 on the first axis (straight up) is at (280, 80);
    # 50 on it is half way, at (280, 147.5).
    root = parse(charts.radar(radar_data(("Full", [100.0] * 5), ("Half", [50.0] * 5))))
    grid = [p.get("points", "") for p in root.iter("polygon") if p.get("stroke") == GRID]
    assert [p.split()[0] for p in grid] == [
        "280.0,181.2",
        "280.0,147.5",
        "280.0,113.8",
        "280.0,80.0",
    ]
    series = [p.get("points", "") for p in root.iter("polygon") if p.get("stroke") != GRID]
    assert [p.split()[0] for p in series] == ["280.0,80.0", "280.0,147.5"]
    # The second axis is 72 degrees clockwise: 280 + 135 * cos(-18 deg) = 408.4.
    assert series[0].split()[1] == "408.4,173.3"


def test_radar_draws_an_unknown_as_a_gap_and_names_it_in_the_legend() -> None:
    svg = charts.radar(radar_data(("J City", [25.0, 25.0, 25.0, None, 25.0])))
    root = parse(svg)
    # No closed outline for the series (that would pass through the centre as a 0) ...
    series_polygons = [p for p in root.iter("polygon") if p.get("stroke") != GRID]
    assert series_polygons == []
    # ... but the three sides between known neighbours (1-2, 2-3, 5-1): not 3-4 or 4-5.
    sides = [ln for ln in root.iter("line") if ln.get("stroke") == COLOURS[0]]
    sides = [ln for ln in sides if ln.get("x1") != "20.0"]  # not the legend's sample
    assert len(sides) == 3
    hollow = [c for c in root.iter("circle") if c.get("fill") == "#fff"]
    assert len(hollow) == 1
    texts = " ".join(el.text or "" for el in root.iter("text"))
    assert "J City (unknown: Security)" in texts
    assert "Security unknown" in (root.find("desc").text or "")  # type: ignore[union-attr]


def test_radar_legend_in_chinese_sets_its_brackets_and_list_as_chinese() -> None:
    data = radar_data(("某市", [25.0, 25.0, 25.0, None, None]))
    data["axes"] = ["统筹规划", "数据整合与共享", "平台建设", "安全与合规", "人才队伍与合作"]
    texts = " ".join(el.text or "" for el in parse(charts.radar(data, lang="zh")).iter("text"))
    assert "某市（未知：安全与合规、人才队伍与合作）" in texts


def test_radar_with_nothing_known_is_still_an_image() -> None:
    root = parse(charts.radar(radar_data(("Nowhere", [None] * 5))))
    assert len([c for c in root.iter("circle") if c.get("fill") == "#fff"]) == 5


def test_bars_show_unknown_as_a_word_not_a_zero_bar() -> None:
    data = radar_data(("J City", [25.0, None, 50.0, 0.0, 100.0]))
    root = parse(charts.bars(data, lang="zh"))
    filled = [r for r in root.iter("rect") if r.get("fill") == COLOURS[0]]
    # 4 known values get a bar (0 is a known zero: a bar of no width); 340 = full scale.
    assert [r.get("width") for r in filled] == ["85.0", "170.0", "0.0", "340.0"]
    texts = [el.text or "" for el in root.iter("text")]
    assert "? 未知" in texts
    assert "25.0" in texts and "100.0" in texts


def test_bars_draw_error_bands_from_the_argument_or_the_series() -> None:
    data = radar_data(("J City", [25.0, 40.0, None, None, None]))
    plain = parse(charts.bars(data))
    ink = [ln for ln in plain.iter("line") if ln.get("stroke") == INK]
    assert ink == []
    # (p5, median, p95) on the first dimension: one span, two caps, one median tick.
    banded = parse(charts.bars(data, bands=[[(20.0, 25.0, 35.0), None, None, None, None]]))
    ink = [ln for ln in banded.iter("line") if ln.get("stroke") == INK]
    assert len(ink) == 4
    span = ink[0]
    # x = 8 + 340 * value / 100: 20 -> 76, 35 -> 127
    assert (span.get("x1"), span.get("x2")) == ("76.0", "127.0")
    # The same band given inside the series, and a (low, high) pair: span and two caps.
    data["series"][0]["bands"] = [None, (30.0, 50.0), None, None, None]
    inside = parse(charts.bars(data))
    assert len([ln for ln in inside.iter("line") if ln.get("stroke") == INK]) == 3
    # The band data of `policebench sensitivity` is taken as it is.
    band = {"point": 25.0, "p5": 20.0, "median": 25.0, "p95": 35.0, "share": 1.0}
    data["series"][0]["bands"] = [band, None, None, None, None]
    sens = parse(charts.bars(data))
    ink = [ln for ln in sens.iter("line") if ln.get("stroke") == INK]
    assert len(ink) == 4 and (ink[0].get("x1"), ink[0].get("x2")) == ("76.0", "127.0")


def test_wrap_breaks_words_and_cjk_text() -> None:
    assert wrap("Data integration and sharing", 8) == ["Data", "integration", "and sharing"]
    assert wrap("数据整合与共享", 4) == ["数据整合", "与共享"]
    assert clip("A very long indicator name", 8).endswith("…")


@pytest.mark.parametrize("n", [1, 2, 3, 8])
def test_any_number_of_dimensions_draws(n: int) -> None:
    data = {
        "axes": [f"Dimension {i}" for i in range(n)],
        "series": [{"name": "A", "role": "city", "values": [50.0] * (n - 1) + [None]}],
    }
    for svg in (charts.radar(data), charts.bars(data)):
        assert parse(svg).get("role") == "img"


def test_empty_inputs_still_give_an_image() -> None:
    assert parse(heatmap.heatmap([], [])).get("role") == "img"
    assert parse(trend_chart.trend([])).get("role") == "img"
    assert parse(charts.radar({"axes": [], "series": []})).get("role") == "img"
