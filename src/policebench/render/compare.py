"""`compare` output: a rich table and CSV from the comparison data (Markdown and HTML
come from templates, JSON is the data itself)."""

from __future__ import annotations

from typing import Any

from policebench.i18n import join_list, label, paren, span, t
from policebench.render.common import (
    num,
    pct,
    rank_cell,
    ranked_count,
    ranking_notes,
    rich_to_text,
    to_csv,
)
from policebench.report.contract import Comparison, Spread


def spread_text(d: Spread, lang: str) -> str:
    """A dimension's spread; "1 place known" rather than "unknown" when one place is."""
    if d["spread"] is None and d["known"] == 1:
        return t("spread_one_known", lang)
    return num(d["spread"], 1, lang)


def compare_table(
    data: Comparison, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """Ranking with the leader of each dimension marked, spreads, and the level heatmap."""
    from rich.console import Group

    from policebench.render.terminal import Cell, Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    names = [p["name"] for p in data["places"]]
    leads = any(c["leader"] for p in data["places"] for c in p["dimensions"].values())
    notes = [t("leader_mark", lang)] if leads else []
    if any(p["provisional"] for p in data["places"]):
        notes.append(t("provisional_note", lang))
    numbers = [p["rank"] for p in data["places"]]
    notes += ranking_notes(numbers, lang)
    ranked = ranked_count(numbers)
    caption = "\n".join(notes)
    heads = [t("city", lang), t("overall", lang), t("stage", lang), t("coverage", lang)]
    rows: list[list[str | Cell]] = []
    for p in data["places"]:
        cells: list[str | Cell] = [
            rank_cell(p["rank"], ranked) + ("*" if p["provisional"] else ""),
            p["name"],
            num(p["overall"], 1, lang),
            p["stage"] or t("unknown", lang),  # as score, Markdown and HTML show it
            pct(p["coverage"], lang),
        ]
        for d in data["dimensions"]:
            cell = p["dimensions"][d["id"]]
            mark = " ★" if cell["leader"] else ""
            cells.append(Cell(num(cell["score"], 1, lang) + mark, "bold green" if mark else None))
        rows.append(cells)
    ranking = Grid(
        [
            Column("#", "right", key=True),
            Column(heads[0], key=True),
            Column(heads[1], "right"),
            Column(heads[2]),
            Column(heads[3], "right"),
            *(Column(d["name"], "right") for d in data["dimensions"]),
        ],
        rows,
        title=t("compare_title", lang),
        caption=caption or None,
        keep=names,
    )
    spread = Grid(
        [
            Column(t("dimension", lang), wrap=True, key=True),
            Column(t("leader", lang), wrap=True, min=12),
            Column(t("best", lang), "right"),
            Column(t("worst", lang), "right"),
            Column(t("spread", lang), "right"),
        ],
        [
            [
                d["name"],
                join_list(d["leaders"], lang),
                num(d["best"], 1, lang),
                num(d["worst"], 1, lang),
                spread_text(d, lang),
            ]
            for d in data["dimensions"]
        ],
        title=t("spread", lang),
        keep=names,
    )
    styles = ["red", "dark_orange", "yellow", "green", "bold green"]
    scale = data["rubric"]["scale"]
    heat_rows: list[list[str | Cell]] = []
    for row in data["heatmap"]:
        marks: list[str | Cell] = [row["name"]]
        for c in row["levels"]:
            level = c["level"]
            if not c.get("applicable", True):
                marks.append(Cell(t("not_applicable", lang), "dim italic"))
            elif level is None:
                marks.append(Cell("?", "dim"))
            else:
                levels = scale["max"] - scale["min"]
                step = round((level - scale["min"]) * 4 / max(levels, 1))
                shown = str(level) + (t("opinion_mark", lang) if c.get("opinion") else "")
                marks.append(Cell(shown, styles[max(0, min(4, step))]))
        heat_rows.append(marks)
    heat = Grid(
        [
            Column(t("indicator", lang), wrap=True, key=True, min=12),
            *(Column(name, "center") for name in names),
        ],
        heat_rows,
        title=t("heatmap", lang),
        caption=t("heatmap_note", lang),
        keep=names,
    )
    parts: list[Any] = [paragraph(data["compared"]["text"], w, keep=names)]
    parts += table(ranking, width=w, lang=lang, color=color)
    if data.get("uncertainty"):
        parts += _uncertainty_parts(data, lang, w, color)
    parts += table(spread, width=w, lang=lang, color=color)
    parts += table(heat, width=w, lang=lang, color=color)
    return rich_to_text(Group(*parts), color=color, width=w)


def _uncertainty_parts(data: Comparison, lang: str, width: int, color: bool) -> list[Any]:
    """With --uncertainty: each place's score band and how likely its rank is, then what the
    samples varied and what not, and the samples and seed (report.uncertainty's texts)."""
    from rich.text import Text

    from policebench.render.terminal import Column, Grid, paragraph, table

    u = data["uncertainty"]
    assert u is not None, "called only for a comparison with bands"
    heads = [
        t("city", lang),
        t("rank", lang),
        t("sens_score", lang),
        t("sens_p_point_rank", lang),
        t("unc_most_likely", lang),
        t("rank_range", lang).capitalize(),
    ]
    rows: list[list[Any]] = []
    for p in data["places"]:
        rank = p["rank_band"]
        if rank is None:  # ranked nowhere (nothing known), as the Markdown and HTML leave it
            continue
        rows.append(
            [
                p["name"],
                str(p["rank"]),
                p["band"]["text"] if p["band"] else t("unknown", lang),
                rank["p_point_rank_text"],
                f"{rank['most_likely_rank']}" + paren(rank["p_most_likely_rank_text"], lang),
                span(rank["p5"], rank["p95"], lang),
            ]
        )
    grid = Grid(
        [Column(heads[0], key=True), *(Column(h, "right") for h in heads[1:])],
        rows,
        title=t("unc_heading", lang),
        keep=[p["name"] for p in data["places"]],
    )
    notes: list[Any] = (
        table(grid, width=width, lang=lang, color=color)
        if rows  # no place has a rank (nothing known): the heading, no empty table
        else [Text(t("unc_heading", lang), style="bold")]
    )
    explained = u["explanation"]
    for name, sentences in (
        ("unc_varied", explained["varied"]),
        ("unc_not_varied", explained["not_varied"]),
    ):
        if sentences:
            notes.append(Text(label(t(name, lang), lang).rstrip(), style="bold"))
            for x in sentences:
                notes.append(paragraph(x["text"], width, indent="  - ", hanging="    "))
    notes.append(paragraph(u["explanation"]["samples"], width))
    return notes


def compare_csv(data: Comparison) -> str:
    """One row per place: rank, scores, and every indicator's level (blank = unknown, "n/a"
    = not applicable)."""
    dims = [d["id"] for d in data["dimensions"]]
    inds = [row["indicator"] for row in data["heatmap"]]
    header = ["rank", "id", "name", "assessed", "overall", "stage", "coverage", "provisional"]
    header += [*dims, *inds]
    levels = {
        row["indicator"]: {
            c["place"]: c["level"] if c.get("applicable", True) else "n/a" for c in row["levels"]
        }
        for row in data["heatmap"]
    }
    rows = []
    for p in data["places"]:
        row: list[Any] = [
            p["rank"],
            p["id"],
            p["name"],
            p["assessed"],
            p["overall"],
            p["stage"],
            p["coverage"],
            "; ".join(p["provisional_reasons"]),
        ]
        row += [p["dimensions"][d]["score"] for d in dims]
        row += [levels[i][p["id"]] for i in inds]
        rows.append(row)
    return to_csv(header, rows)
