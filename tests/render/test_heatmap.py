"""The heatmap of the compare HTML: levels printed and coloured, unknowns hatched."""

from __future__ import annotations

from policebench.render.heatmap import heatmap
from policebench.render.svg import HEAT
from tests.render.test_charts import heat_rows, parse


def test_heatmap_prints_levels_and_hatches_unknowns() -> None:
    svg = heatmap(
        heat_rows(["First", "Dim one"]),
        [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
        levels={"0": "Absent", "1": "Initial", "2": "Developing", "3": "Est", "4": "Opt"},
    )
    root = parse(svg)
    cells = [r for r in root.iter("rect") if r.get("height") == "26.0"]
    fills = [c.get("fill") for c in cells]
    # row 1: 2, unknown; row 2: 4, 0 -- in the sequential palette, light to dark
    assert fills == [HEAT[2], "url(#pb-hatch)", HEAT[4], HEAT[0]]
    cell_texts = [el.text for el in root.iter("text") if el.get("text-anchor") == "middle"]
    assert [x for x in cell_texts if x in {"0", "2", "4", "?"}][:4] == ["2", "?", "4", "0"]
    titles = [el.text for el in root.iter("title")]
    assert "Q · First: ? unknown" in titles
    # One separator line and header per dimension group.
    assert sum(1 for el in root.iter("text") if el.text in {"Dim one", "Other"}) == 2
