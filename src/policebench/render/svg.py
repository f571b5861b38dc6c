"""Low-level SVG pieces shared by the charts (render.charts, render.heatmap, render.trend_chart).

Split from ``charts`` so that each chart there reads as its geometry and data only, and the
rules every chart keeps live in one place: the palette (colour-blind safe, dashes for grey
print), :func:`esc` for every text that reaches the SVG (names come from planners' YAML),
:func:`num` for every coordinate (fixed decimals: the same data gives the same bytes), a
rough text measure for wrapping and clipping labels (CJK counted wide), :func:`score_text`
for a score in a chart's words (one decimal, or "unknown"), and the root element with its
``role="img"``, ``aria-label``, ``<title>`` and ``<desc>``. Pure: strings in, strings out.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from markupsafe import Markup, escape

from policebench.i18n import t

#: Series colours: Okabe-Ito (distinguishable with the common colour-vision deficiencies),
#: led by a deep blue for the place itself. Dash patterns make series tell apart in grey.
COLOURS = ("#1f4e79", "#c0560f", "#00806a", "#b0578f", "#8a6d00", "#3f8fc4", "#555555")
DASHES = ("", "6 4", "2 3", "9 3 2 3", "4 2", "1 2", "12 4")
#: Levels from low to high: one hue, light to dark, so the order survives greyscale printing.
HEAT = ("#eef3f8", "#c6dbef", "#7fb0d6", "#3b7bb5", "#103f73")
INK = "#1d2733"
MUTED = "#5b6673"
GRID = "#d5dbe1"


def esc(text: Any) -> str:
    """``text`` (anything; None is empty) escaped for SVG text and attributes."""
    return str(escape("" if text is None else str(text)))


def num(value: float) -> str:
    """A coordinate with one fixed decimal (deterministic, compact)."""
    out = f"{value:.1f}"
    return "0.0" if out == "-0.0" else out


def score_text(value: float | None, lang: str) -> str:
    """A score as a chart's description says it: one decimal, or "unknown" in ``lang``."""
    return t("unknown", lang) if value is None else f"{value:.1f}"


def text_width(text: str) -> float:
    """Rough rendered width in em: wide (CJK) characters count one em, others about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in text)


def wrap(text: str, em: float) -> list[str]:
    """Break ``text`` into lines of about ``em`` ems, at spaces, or anywhere for CJK text."""
    lines: list[str] = []
    line = ""
    for word in text.split(" ") if " " in text else list(text):
        glue = " " if line and " " in text else ""
        if line and text_width(line + glue + word) > em:
            lines.append(line)
            line = word
        else:
            line += glue + word
    return [*lines, line] if line else lines


def clip(text: str, em: float) -> str:
    """``text`` cut to about ``em`` ems, with an ellipsis when cut."""
    if text_width(text) <= em:
        return text
    while text and text_width(text + "…") > em:
        text = text[:-1]
    return text.rstrip() + "…"


def chart_root(
    width: float,
    height: float,
    label: str,
    desc: str,
    body: list[str],
    cls: str,
    *,
    natural: float = 0.0,
) -> Markup:
    """The ``<svg>`` element around ``body``, with its accessible name and description."""
    # ``natural``: drawn at most that many times its own size, so a wide page does not blow
    # up the text (0: as wide as the container).
    cap = f' style="max-width:{num(width * natural)}px"' if natural else ""
    head = (
        f'<svg class="chart {cls}"{cap} viewBox="0 0 {num(width)} {num(height)}" role="img" '
        f'aria-label="{esc(label)}" preserveAspectRatio="xMidYMin meet">'
        f"<title>{esc(label)}</title><desc>{esc(desc)}</desc>"
    )
    return Markup(head + "".join(body) + "</svg>")


def text_at(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 12,
    anchor: str = "start",
    fill: str = INK,
    extra: str = "",
) -> str:
    """A ``<text>`` element at (x, y) with ``text`` escaped; ``extra`` adds raw attributes."""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" '
        f'fill="{fill}"{extra}>{esc(text)}</text>'
    )


def series_style(index: int) -> tuple[str, str]:
    """Colour and dash pattern of series ``index`` (the palette repeats)."""
    return COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]


def dash_attr(dash: str) -> str:
    """The ``stroke-dasharray`` attribute for ``dash`` (none for a solid line)."""
    return f' stroke-dasharray="{dash}"' if dash else ""


def legend_line(x: float, y: float, index: int, label: str) -> str:
    """A legend entry at (x, y): a sample of series ``index``'s line, then ``label``."""
    colour, dash = series_style(index)
    return (
        f'<line x1="{num(x)}" y1="{num(y - 4)}" x2="{num(x + 26)}" y2="{num(y - 4)}" '
        f'stroke="{colour}" stroke-width="2.5"{dash_attr(dash)}/>'
        + text_at(x + 34, y, label, size=13.5)
    )
