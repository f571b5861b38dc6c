"""The trend chart of the report HTML: the overall and dimension scores over a place's assessments.

Drawn as an inline SVG when the report is given the place's history (earlier profiles of
the same ``id``, see docs/trend.md): the overall score as a thick line with its values
printed, each dimension as a thinner line, assessments spaced evenly, oldest first. An
unknown value (``None``) is never drawn as 0: the line breaks there. The rules every chart
keeps (escaping, fixed decimals, ``role="img"``, ``<title>`` and ``<desc>``) are those of
:mod:`policebench.render.charts`; the SVG pieces come from :mod:`policebench.render.svg`.
Templates call it as ``charts.trend(...)``. Not the ``policebench trend`` tables: those are
:mod:`policebench.render.trend`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from markupsafe import Markup

from policebench.i18n import t
from policebench.render.svg import (
    GRID,
    MUTED,
    chart_root,
    clip,
    dash_attr,
    legend_line,
    num,
    score_text,
    series_style,
    text_at,
)


def trend(
    rows: Sequence[Mapping[str, Any]],
    axes: Sequence[Mapping[str, Any]] | None = None,
    *,
    lang: str = "en",
) -> Markup:
    """Overall score (thick line) and, when ``axes`` is given, each dimension over time.

    ``rows`` is the report's ``trend`` (``assessed``, ``overall``, ``dimensions`` by id),
    oldest first; ``axes`` the report's ``dimensions`` (``id``, ``name``). Assessments are
    spaced evenly; a missing value breaks the line.
    """
    left, top, plot_w, plot_h, width = 52.0, 22.0, 500.0, 220.0, 600.0
    count = len(rows)

    def x_of(i: int) -> float:
        return left + (plot_w / 2 if count < 2 else plot_w * i / (count - 1))

    def y_of(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(v, 100.0)) / 100)

    body = []
    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        body.append(
            f'<line x1="{num(left)}" y1="{num(y)}" x2="{num(left + plot_w)}" y2="{num(y)}" '
            f'stroke="{GRID}"/>'
        )
        body.append(text_at(left - 6, y + 4, str(tick), size=10, anchor="end", fill=MUTED))
    for i, row in enumerate(rows):
        anchor = "start" if i == 0 and count > 1 else ("end" if i == count - 1 else "middle")
        body.append(text_at(x_of(i), top + plot_h + 18, row["assessed"], size=11, anchor=anchor))
    lines = [(t("overall", lang), [row["overall"] for row in rows])]
    for axis in axes or ():
        lines.append((str(axis["name"]), [row["dimensions"].get(axis["id"]) for row in rows]))
    legend_y = top + plot_h + 44
    desc = []
    for index, (name, values) in enumerate(lines):
        colour, dash = series_style(index)
        points: list[tuple[float, float | None]] = [(x_of(i), v) for i, v in enumerate(values)]
        stroke = "3" if index == 0 else "1.75"
        for (x0, v0), (x1, v1) in pairwise(points):
            if v0 is not None and v1 is not None:
                body.append(
                    f'<line x1="{num(x0)}" y1="{num(y_of(v0))}" '
                    f'x2="{num(x1)}" y2="{num(y_of(v1))}" '
                    f'stroke="{colour}" stroke-width="{stroke}"{dash_attr(dash)}/>'
                )
        for x, v in points:
            if v is not None:
                body.append(f'<circle cx="{num(x)}" cy="{num(y_of(v))}" r="3.5" fill="{colour}"/>')
                if index == 0:
                    body.append(
                        text_at(
                            x,
                            y_of(v) - 8,
                            f"{v:.1f}",
                            size=11,
                            anchor="middle",
                            extra=' font-weight="600"',
                        )
                    )
        body.append(legend_line(20 + (index % 2) * 290, legend_y, index, clip(name, 30)))
        if index % 2 == 1 or index == len(lines) - 1:
            legend_y += 20
        desc.append(
            f"{name}: "
            + ", ".join(
                f"{r['assessed']} {score_text(v, lang)}"
                for r, (_, v) in zip(rows, points, strict=True)
            )
        )
    return chart_root(
        width, legend_y, t("trend", lang), ". ".join(desc), body, "chart-trend", natural=1.1
    )
