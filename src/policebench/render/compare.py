"""`compare` output: a rich table and CSV from the comparison data (Markdown and HTML
come from templates, JSON is the data itself)."""

from __future__ import annotations

from typing import Any

from policebench.i18n import t
from policebench.render.common import add_row, num, pct, plain, rich_to_text, to_csv
from policebench.report.contract import Comparison


def compare_table(
    data: Comparison, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """Ranking with the leader of each dimension marked, spreads, and the level heatmap."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    caption = t("leader_mark", lang)
    if any(p["provisional"] for p in data["places"]):
        caption += "\n" + t("provisional_note", lang)
    ranking = Table(
        title=plain(t("compare_title", lang)),
        title_justify="left",
        header_style="bold",
        caption=plain(caption),
        caption_justify="left",
    )
    heads = ["#", t("city", lang), t("overall", lang), t("stage", lang), t("coverage", lang)]
    for n, head in enumerate(heads + [d["name"] for d in data["dimensions"]]):
        ranking.add_column(plain(head), justify="left" if n in (1, 3) else "right")
    for p in data["places"]:
        cells: list[str | Text] = [
            str(p["rank"]) + ("*" if p["provisional"] else ""),
            p["name"],
            num(p["overall"], 1, lang),
            p["stage"] or "",
            pct(p["coverage"], lang),
        ]
        for d in data["dimensions"]:
            cell = p["dimensions"][d["id"]]
            mark = " ★" if cell["leader"] else ""
            cells.append(
                Text(num(cell["score"], 1, lang) + mark, style="bold green" if mark else "")
            )
        add_row(ranking, *cells)
    spread = Table(title=plain(t("spread", lang)), title_justify="left", header_style="bold")
    for n, head in enumerate(
        [
            t("dimension", lang),
            t("leader", lang),
            t("best", lang),
            t("worst", lang),
            t("spread", lang),
        ]
    ):
        spread.add_column(plain(head), justify="left" if n < 2 else "right")
    for d in data["dimensions"]:
        add_row(
            spread,
            d["name"],
            ", ".join(d["leaders"]),
            num(d["best"], 1, lang),
            num(d["worst"], 1, lang),
            num(d["spread"], 1, lang),
        )
    heat = Table(
        title=plain(t("heatmap", lang)),
        title_justify="left",
        header_style="bold",
        caption=plain(t("heatmap_note", lang)),
        caption_justify="left",
    )
    heat.add_column(plain(t("indicator", lang)))
    for p in data["places"]:
        heat.add_column(plain(p["name"]), justify="center")
    styles = ["red", "dark_orange", "yellow", "green", "bold green"]
    for row in data["heatmap"]:
        marks: list[Any] = [row["name"]]
        for c in row["levels"]:
            level = c["level"]
            if level is None:
                marks.append(Text("?", style="dim"))
            else:
                span = data["rubric"]["scale"]["max"] - data["rubric"]["scale"]["min"]
                step = round((level - data["rubric"]["scale"]["min"]) * 4 / max(span, 1))
                marks.append(Text(str(level), style=styles[max(0, min(4, step))]))
        add_row(heat, *marks)
    parts: list[Any] = [Text(data["compared"]["text"]), ranking]
    if data.get("uncertainty"):
        parts += _uncertainty_parts(data, lang)
    return rich_to_text(Group(*parts, spread, heat), color=color, width=width)


def _uncertainty_parts(data: Comparison, lang: str) -> list[Any]:
    """With --uncertainty: each place's score band and how likely its rank is, then what the
    samples varied and what not, and the samples and seed (report.uncertainty's texts)."""
    from rich.table import Table
    from rich.text import Text

    u = data["uncertainty"]
    assert u is not None, "called only for a comparison with bands"
    table = Table(title=plain(t("unc_heading", lang)), title_justify="left", header_style="bold")
    heads = [
        t("city", lang),
        t("rank", lang),
        t("sens_score", lang),
        t("sens_p_point_rank", lang),
        t("unc_most_likely", lang),
        t("rank_range", lang).capitalize(),
    ]
    for n, head in enumerate(heads):
        table.add_column(plain(head), justify="left" if n == 0 else "right")
    for p in data["places"]:
        rank = p["rank_band"]
        assert rank is not None, "every place of a comparison with bands has its rank band"
        open_, close = ("（", "）") if lang == "zh" else (" (", ")")
        add_row(
            table,
            p["name"],
            str(p["rank"]),
            p["band"]["text"] if p["band"] else t("unknown", lang),
            rank["p_point_rank_text"],
            f"{rank['most_likely_rank']}{open_}{rank['p_most_likely_rank_text']}{close}",
            f"{rank['min']}-{rank['max']}",
        )
    colon = "：" if lang == "zh" else ":"
    notes: list[Any] = [table]
    explained = u["explanation"]
    for label, sentences in (
        ("unc_varied", explained["varied"]),
        ("unc_not_varied", explained["not_varied"]),
    ):
        if sentences:
            notes.append(Text(t(label, lang) + colon, style="bold"))
            items = Table.grid(padding=(0, 1))
            items.add_column(no_wrap=True)
            items.add_column()
            for x in sentences:
                add_row(items, "  -", x["text"])
            notes.append(items)
    notes.append(Text(u["explanation"]["samples"]))
    return notes


def compare_csv(data: Comparison) -> str:
    """One row per place: rank, scores, and every indicator's level (blank = unknown)."""
    dims = [d["id"] for d in data["dimensions"]]
    inds = [row["indicator"] for row in data["heatmap"]]
    header = ["rank", "id", "name", "assessed", "overall", "stage", "coverage", "provisional"]
    header += [*dims, *inds]
    levels = {
        row["indicator"]: {c["place"]: c["level"] for c in row["levels"]} for row in data["heatmap"]
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
