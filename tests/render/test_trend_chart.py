"""The trend chart of the report HTML: an unknown value breaks the line."""

from __future__ import annotations

from policebench.render.svg import COLOURS
from policebench.render.trend_chart import trend
from tests.render.test_charts import parse, trend_rows


def test_trend_breaks_the_line_at_an_unknown() -> None:
    root = parse(trend(trend_rows(), [{"id": "d1", "name": "Dim"}]))
    overall = [ln for ln in root.iter("line") if ln.get("stroke") == COLOURS[0]]
    dim = [ln for ln in root.iter("line") if ln.get("stroke") == COLOURS[1]]
    assert len([ln for ln in overall if ln.get("stroke-width") == "3"]) == 2
    # 2024 -> 2025 and 2025 -> 2026 both touch the unknown 2025 value: no segment.
    assert len([ln for ln in dim if ln.get("stroke-width") == "1.75"]) == 0
    labels = [el.text for el in root.iter("text")]
    assert {"20.0", "30.0", "45.5", "2024-06-30", "2026-06-30"} <= set(labels)
