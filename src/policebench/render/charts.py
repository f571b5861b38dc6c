"""Inline SVG charts drawn from report data: the radar and the bars, and what all charts share.

Each chart is a pure function from the report's plain data to an SVG string wrapped in
``markupsafe.Markup``, so an HTML template can place it without ``|safe``. Every text in a
chart (place, dimension and indicator names come from planners' YAML) goes through
``markupsafe.escape``; numbers are printed with fixed decimals, so the same data always
gives the same bytes. Charts size themselves with ``viewBox`` only and scale to the width
of their container (phones included); each carries ``role="img"``, an ``aria-label``, a
``<title>`` and a ``<desc>`` that states the data in words for screen readers.

An unknown value (``None``) is never drawn as 0: the radar leaves a gap in the outline and
puts a hollow marker at the centre, the bars print "unknown", the heatmap hatches the cell
and prints "?", the trend breaks the line.

The radar and the bars (report and compare HTML) are here; the heatmap is in
:mod:`policebench.render.heatmap`, the trend chart in :mod:`policebench.render.trend_chart`;
:func:`exported` hands all four to the templates. The SVG pieces every chart shares
(palette, escaping, fixed-decimal numbers, text measure and wrapping, the accessible root
element, legend lines) are in :mod:`policebench.render.svg`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import cos, pi, sin
from typing import Any

from markupsafe import Markup

from policebench.i18n import join_list, paren, t
from policebench.i18n import label as label_of
from policebench.render.heatmap import heatmap
from policebench.render.svg import (
    GRID,
    INK,
    MUTED,
    chart_root,
    clip,
    dash_attr,
    legend_line,
    num,
    score_text,
    series_style,
    text_at,
    text_width,
    wrap,
)
from policebench.render.trend_chart import trend

Band = Sequence[float | None]


def radar(data: Mapping[str, Any], *, lang: str = "en") -> Markup:
    """Radar of dimension scores (0-100): one outline per series of ``data``.

    ``data`` is the report's ``radar``: ``{"axes": [names], "series": [{"name", "role",
    "values"}]}``; the first series is drawn solid and filled, the others dashed.
    """
    axes: Sequence[str] = data["axes"]
    series: Sequence[Mapping[str, Any]] = data["series"]
    n = len(axes)
    cx, cy, radius, width = 280.0, 215.0, 135.0, 560.0

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -pi / 2 + 2 * pi * i / max(n, 1)
        return cx + radius * value / 100 * cos(angle), cy + radius * value / 100 * sin(angle)

    body = []
    for ring in (25, 50, 75, 100):
        ring_pts = " ".join(f"{num(x)},{num(y)}" for x, y in (point(i, ring) for i in range(n)))
        body.append(f'<polygon points="{ring_pts}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        body.append(text_at(cx + 4, cy - radius * ring / 100 - 3, str(ring), size=11, fill=MUTED))
    for i, axis in enumerate(axes):
        x, y = point(i, 100)
        body.append(
            f'<line x1="{num(cx)}" y1="{num(cy)}" x2="{num(x)}" y2="{num(y)}" stroke="{GRID}"/>'
        )
        lx, ly = point(i, 110)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        lines = wrap(axis, 9)
        top = ly - (len(lines) - 1) * 17 if ly < cy - 20 else (ly + 6 if ly > cy + 20 else ly)
        for k, line in enumerate(lines):
            body.append(text_at(lx, top + 17 * k, line, size=15, anchor=anchor))
    legend_y = 415.0
    desc = []
    for s_index, s in enumerate(series):
        colour, dash = series_style(s_index)
        values: Sequence[float | None] = s["values"]
        known = [v is not None for v in values]
        pts = [point(i, v) if v is not None else None for i, v in enumerate(values)]
        if all(known) and pts:
            outline = " ".join(f"{num(p[0])},{num(p[1])}" for p in pts if p)
            fill = colour if s_index == 0 else "none"
            body.append(
                f'<polygon points="{outline}" fill="{fill}" fill-opacity="0.12" '
                f'stroke="{colour}" stroke-width="2.5"{dash_attr(dash)} stroke-linejoin="round"/>'
            )
        else:
            # Only sides between two known values are drawn: an unknown is a gap, not a 0.
            for i in range(n):
                p0, p1 = pts[i], pts[(i + 1) % n]
                if p0 and p1 and n > 1:
                    body.append(
                        f'<line x1="{num(p0[0])}" y1="{num(p0[1])}" x2="{num(p1[0])}" '
                        f'y2="{num(p1[1])}" '
                        f'stroke="{colour}" stroke-width="2.5"{dash_attr(dash)} '
                        f'stroke-linecap="round"/>'
                    )
        for i, p in enumerate(pts):
            if p:
                body.append(f'<circle cx="{num(p[0])}" cy="{num(p[1])}" r="3.5" fill="{colour}"/>')
            else:
                x, y = point(i, 5 + 4 * s_index)
                body.append(
                    f'<circle cx="{num(x)}" cy="{num(y)}" r="4" fill="#fff" stroke="{colour}" '
                    f'stroke-width="1.5"/>'
                )
        unknown = [axes[i] for i, k in enumerate(known) if not k]
        label = s["name"]
        if unknown:
            label += paren(label_of(t("unknown", lang), lang) + join_list(unknown, lang), lang)
        for k, line in enumerate(wrap(label, 36)):
            if k == 0:
                body.append(legend_line(20, legend_y, s_index, line))
            else:
                body.append(text_at(54, legend_y, line, size=13.5))
            legend_y += 21
        desc.append(
            f"{s['name']}: "
            + "; ".join(f"{a} {score_text(v, lang)}" for a, v in zip(axes, values, strict=True))
        )
    label = f"{t('radar_chart', lang)}: " + ", ".join(str(s["name"]) for s in series)
    return chart_root(width, legend_y, label, ". ".join(desc), body, "chart-radar")


def bars(
    data: Mapping[str, Any],
    *,
    bands: Sequence[Sequence[Band | Mapping[str, Any] | None] | None] | None = None,
    lang: str = "en",
) -> Markup:
    """Horizontal bars of dimension scores (0-100), one bar per series in each dimension.

    ``data`` has the shape of the report's ``radar`` (``axes`` and ``series``). Uncertainty
    bands are optional: ``bands[s][d]`` (or a ``"bands"`` list inside series ``s``) is
    ``(low, high)``, ``(low, median, high)`` or a sensitivity band mapping (``p5``,
    ``median``, ``p95``), aligned with ``axes``; it is drawn as an error bar over that bar
    (caps at low and high, a tick at the median); ``None`` draws none.
    """
    axes: Sequence[str] = data["axes"]
    series: Sequence[Mapping[str, Any]] = data["series"]
    left, span, width, bar, gap = 8.0, 340.0, 420.0, 16.0, 4.0
    body = []
    y = 6.0
    # Two legend columns while the names are short, one (wider) column otherwise.
    columns = 2 if max((text_width(str(s["name"])) for s in series), default=0) <= 11 else 1
    for s_index, s in enumerate(series):
        x = left + (s_index % columns) * 200
        body.append(legend_line(x, y + 14, s_index, clip(s["name"], 26 if columns == 1 else 11)))
        if s_index % columns == columns - 1 or s_index == len(series) - 1:
            y += 21
    y += 10
    chart_top = y
    desc = []
    for d_index, axis in enumerate(axes):
        body.append(text_at(left, y + 14, clip(axis, 34), size=14.5, extra=' font-weight="600"'))
        y += 22
        for s_index, s in enumerate(series):
            colour, _ = series_style(s_index)
            value: float | None = s["values"][d_index]
            mid = y + bar / 2
            if value is None:
                body.append(
                    f'<rect x="{num(left)}" y="{num(y)}" width="{num(span)}" height="{num(bar)}" '
                    f'fill="none" stroke="{GRID}" stroke-dasharray="3 3"/>'
                )
                body.append(
                    text_at(
                        left + 6,
                        mid + 4,
                        f"? {t('unknown', lang)}",
                        size=12,
                        fill=MUTED,
                        extra=' font-style="italic"',
                    )
                )
            else:
                end = left + span * max(0.0, min(value, 100.0)) / 100
                opacity = "" if s_index == 0 else ' fill-opacity="0.75"'
                body.append(
                    f'<rect x="{num(left)}" y="{num(y)}" width="{num(end - left)}" '
                    f'height="{num(bar)}" rx="2" fill="{colour}"{opacity}/>'
                )
            band = _band_of(bands, s, s_index, d_index)
            if band is not None:
                body.append(_error_bar(band, left, span, mid))
            if value is not None:
                # The number sits clear of the bar and of its error bar.
                reach = max(value, band[-1] or 0.0) if band is not None else value
                x = left + span * max(0.0, min(reach, 100.0)) / 100
                body.append(text_at(x + 6, mid + 4, f"{value:.1f}", size=12.5))
            y += bar + gap
        y += 10
        desc.append(
            f"{axis}: "
            + ", ".join(f"{s['name']} {score_text(s['values'][d_index], lang)}" for s in series)
        )
    for tick in (0, 25, 50, 75, 100):
        x = left + span * tick / 100
        body.insert(
            0,
            f'<line x1="{num(x)}" y1="{num(chart_top)}" x2="{num(x)}" y2="{num(y - 10)}" '
            f'stroke="{GRID}" stroke-dasharray="2 3"/>',
        )
        body.append(text_at(x, y + 4, str(tick), size=11.5, anchor="middle", fill=MUTED))
    label = f"{t('bar_chart', lang)}: " + ", ".join(str(s["name"]) for s in series)
    return chart_root(width, y + 10, label, ". ".join(desc), body, "chart-bars", natural=1.0)


def _band_of(
    bands: Sequence[Sequence[Band | Mapping[str, Any] | None] | None] | None,
    s: Mapping[str, Any],
    s_index: int,
    d_index: int,
) -> Band | None:
    rows = s.get("bands")
    if rows is None and bands is not None and s_index < len(bands):
        rows = bands[s_index]
    if rows is None or d_index >= len(rows):
        return None
    band: Band | Mapping[str, Any] | None = rows[d_index]
    if isinstance(band, Mapping):
        # The band data of ``policebench sensitivity`` (``p5``, ``median``, ``p95``, ...).
        band = (band.get("p5"), band.get("median"), band.get("p95"))
    if band is None or len(band) not in (2, 3) or band[0] is None or band[-1] is None:
        return None
    return band


def _error_bar(band: Band, left: float, span: float, mid: float) -> str:
    def x(v: float | None) -> float:
        return left + span * max(0.0, min(v or 0.0, 100.0)) / 100

    lo, hi = x(band[0]), x(band[-1])
    parts = [
        f'<line x1="{num(lo)}" y1="{num(mid)}" x2="{num(hi)}" y2="{num(mid)}" stroke="{INK}" '
        f'stroke-width="1.5"/>'
    ]
    ticks = [lo, hi] + ([x(band[1])] if len(band) == 3 and band[1] is not None else [])
    for k, tx in enumerate(ticks):
        half = 6.0 if k < 2 else 4.0
        parts.append(
            f'<line x1="{num(tx)}" y1="{num(mid - half)}" x2="{num(tx)}" y2="{num(mid + half)}" '
            f'stroke="{INK}" stroke-width="{"1.5" if k < 2 else "2.5"}"/>'
        )
    return "".join(parts)


def exported() -> dict[str, Any]:
    """The chart functions templates may call as ``charts.<name>(...)``."""
    return {"radar": radar, "bars": bars, "heatmap": heatmap, "trend": trend}
