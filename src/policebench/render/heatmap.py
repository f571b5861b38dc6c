"""The heatmap of the compare HTML: every indicator's level by place, as an inline SVG chart.

Rows are the indicators, grouped by dimension under a rule and a header; columns are the
places; each cell is coloured on a one-hue scale from the rubric's lowest level to its
highest (the order survives greyscale printing) and prints its level. An unknown level is
never drawn as 0: the cell is hatched and prints "?". A legend of the levels closes the
chart. The rules every chart keeps (escaping, fixed decimals, ``role="img"``, ``<title>``
and ``<desc>``) are those of :mod:`policebench.render.charts`; the SVG pieces come from
:mod:`policebench.render.svg`. Templates call it as ``charts.heatmap(...)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from policebench.i18n import t
from policebench.render.svg import (
    GRID,
    HEAT,
    INK,
    MUTED,
    chart_root,
    clip,
    esc,
    num,
    text_at,
    text_width,
    wrap,
)


def heatmap(
    rows: Sequence[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]],
    *,
    levels: Mapping[str, str] | None = None,
    lang: str = "en",
) -> Markup:
    """Indicators (rows, grouped by dimension) by places (columns), coloured by level.

    ``rows`` is the comparison's ``heatmap``; ``places`` its ``places`` (``id``, ``name``);
    ``levels`` the rubric's level names by level (``{"0": "Absent", ...}``) for the legend
    and the colour scale. Each cell prints its level; an unknown cell is hatched with "?".
    """
    scale = sorted(int(k) for k in (levels or {str(k): str(k) for k in range(5)}))
    low, high = scale[0], scale[-1]
    ids = [str(p["id"]) for p in places]
    label_em = min(max((text_width(str(r["name"])) for r in rows), default=10) + 1, 30)
    label_w, cell_w, cell_h = 13 * label_em + 8, 80.0, 28.0
    head_lines = [wrap(str(p["name"]), 6.2)[:3] for p in places]
    head_h = 14.0 * max((len(h) for h in head_lines), default=1) + 12
    width = label_w + cell_w * len(places) + 10
    body = [
        '<defs><pattern id="pb-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f5f6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{GRID}" stroke-width="2"/></pattern></defs>'
    ]
    for c, lines in enumerate(head_lines):
        x = label_w + cell_w * (c + 0.5)
        for k, line in enumerate(lines):
            y = head_h - 8 - 14 * (len(lines) - 1 - k)
            body.append(text_at(x, y, line, size=12.5, anchor="middle", extra=' font-weight="600"'))
    y = head_h
    group = None
    for row in rows:
        if row["dimension"] != group:
            group = row["dimension"]
            y += 6
            body.append(
                f'<line x1="0" y1="{num(y)}" x2="{num(width - 10)}" y2="{num(y)}" '
                f'stroke="{MUTED}" stroke-width="1"/>'
            )
            body.append(
                text_at(
                    0,
                    y + 16,
                    row["dimension_name"],
                    size=12,
                    fill=MUTED,
                    extra=' font-weight="700"',
                )
            )
            y += 22
        name = str(row["name"])
        body.append(text_at(4, y + 18.5, clip(name, label_em - 1), size=13))
        by_place = {str(cell["place"]): cell["level"] for cell in row["levels"]}
        na = {str(cell["place"]) for cell in row["levels"] if not cell.get("applicable", True)}
        opinions = {str(cell["place"]) for cell in row["levels"] if cell.get("opinion")}
        for c, pid in enumerate(ids):
            body.append(
                _cell(
                    label_w + cell_w * c,
                    y,
                    cell_w,
                    cell_h,
                    by_place.get(pid),
                    (low, high),
                    f"{places[c]['name']} · {name}",
                    levels,
                    lang,
                    not_applicable=pid in na,
                    opinion=pid in opinions,
                )
            )
        y += cell_h
    y += 20
    x = 0.0
    for lv in scale:
        lv_name = (levels or {}).get(str(lv), "")
        body.append(_cell(x, y, 24, 20, lv, (low, high), lv_name, levels, lang, hover=False))
        body.append(text_at(x + 30, y + 14, lv_name, size=11))
        x += 46 + 11.5 * text_width(lv_name)
    body.append(_cell(x, y, 24, 20, None, (low, high), "", levels, lang, hover=False))
    body.append(text_at(x + 30, y + 14, t("unknown", lang), size=11))
    width = max(width, x + 100)
    desc = "; ".join(
        f"{row['name']}: "
        + ", ".join(f"{p['name']} {_level_text(row, str(p['id']), lang)}" for p in places)
        for row in rows
    )
    label = f"{t('heatmap', lang)}: " + ", ".join(str(p["name"]) for p in places)
    return chart_root(width, y + 30, label, desc, body, "chart-heatmap", natural=1.2)


def _level_text(row: Mapping[str, Any], place: str, lang: str = "en") -> str:
    cell = next((c for c in row["levels"] if str(c["place"]) == place), None)
    if cell is not None and not cell.get("applicable", True):
        return t("not_applicable", lang)
    level = cell["level"] if cell is not None else None
    return "?" if level is None else str(level)


def _cell(
    x: float,
    y: float,
    w: float,
    h: float,
    level: int | None,
    bounds: tuple[int, int],
    tip: str,
    levels: Mapping[str, str] | None,
    lang: str,
    *,
    hover: bool = True,
    not_applicable: bool = False,
    opinion: bool = False,
) -> str:
    low, high = bounds
    if not_applicable:
        fill, ink, shown = "#ffffff", MUTED, t("not_applicable", lang)
    elif level is None:
        fill, ink, shown = "url(#pb-hatch)", MUTED, "?"
    else:
        step = round((level - low) / max(high - low, 1) * (len(HEAT) - 1))
        fill = HEAT[max(0, min(step, len(HEAT) - 1))]
        ink, shown = ("#ffffff" if step >= 3 else INK), str(level)
        if opinion:  # a level without evidence, marked as the note under the chart says
            shown += t("opinion_mark", lang)
    name = (
        ""
        if not_applicable
        else t("unknown", lang)
        if level is None
        else (levels or {}).get(str(level), "")
    )
    title = f"<title>{esc(f'{tip}: {shown} {name}'.strip())}</title>" if hover else ""
    return (
        f'<g>{title}<rect x="{num(x + 1)}" y="{num(y + 1)}" width="{num(w - 2)}" '
        f'height="{num(h - 2)}" rx="2" fill="{fill}" stroke="#ffffff"/>'
        + text_at(
            x + w / 2,
            y + h / 2 + 4.5,
            shown,
            size=13,
            anchor="middle",
            fill=ink,
            extra=' font-weight="600"',
        )
        + "</g>"
    )
