"""`gaps` and `recommend` output: rich tables and CSV from the report data.

JSON and Markdown come from the same report data (JSON directly, Markdown through the
``gaps.md.j2`` and ``recommend.md.j2`` templates), so every format says the same thing.
"""

from __future__ import annotations

from typing import Any

from policebench.i18n import t
from policebench.render.common import add_row, num, plain, rich_to_text, to_csv
from policebench.report.contract import GapRow, PlaceReport, UnknownRow


def _target(g: GapRow | UnknownRow, lang: str) -> str:
    return f"{g['target']} {g['target_name']}{t('paren', lang).format(g['target_from'])}"


def context_lines(report: PlaceReport, lang: str) -> list[str]:
    """The lines every output of a place's analysis carries: who the peers are, and, when
    the overall is provisional, why."""
    lines = [report["peers"]["text"]]
    if report["targets"]["note"]:
        lines.append(report["targets"]["note"])
    summary = report["summary"]
    if summary["provisional"]:
        lines.append(
            t("provisional_because", lang).format(why=summary["provisional_why"])
            + " "
            + t("provisional_may_move", lang)
        )
    return lines


def gaps_table(
    report: PlaceReport, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """The gap table, the unknowns and the dimension subtotals."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = f"{t('gaps_title', lang)} · {report['place']['name']}"
    if report["against_name"]:
        title += f" · {t('compared_with', lang)} {report['against_name']}"
    table = Table(header_style="bold")
    for n, head in enumerate(
        [
            "#",
            t("dimension", lang),
            t("indicator", lang),
            t("current", lang),
            t("target", lang),
            t("gap", lang),
            t("impact", lang),
        ]
    ):
        table.add_column(plain(head), justify="right" if n in (0, 5, 6) else "left")
    open_gaps = [g for g in report["gaps"] if g["gap"]]
    for n, g in enumerate(open_gaps, 1):
        add_row(
            table,
            str(n),
            g["dimension_name"],
            g["name"],
            f"{g['current']} {g['current_name']}",
            _target(g, lang),
            str(g["gap"]),
            f"+{num(g['impact'], 2)}",
        )
    parts: list[Any] = [Text(title, style="bold")]
    parts += [Text(line) for line in context_lines(report, lang)]
    parts.append(table)
    if not open_gaps:
        parts.append(Text(t("no_gaps", lang)))
    if report["unknown"]:
        parts.append(
            Text(
                f"{t('unknown_levels', lang)} ({len(report['unknown'])}) — "
                f"{t('unknown_levels_note', lang)}",
                style="dim",
            )
        )
        unknown = Table(header_style="bold")
        for head in (t("dimension", lang), t("indicator", lang), t("target", lang)):
            unknown.add_column(plain(head))
        for u in report["unknown"]:
            add_row(unknown, u["dimension_name"], u["name"], _target(u, lang))
        parts.append(unknown)
    sub = Table(title=plain(t("subtotals", lang)), title_justify="left", header_style="bold")
    for n, head in enumerate(
        [
            t("dimension", lang),
            t("open_gaps", lang),
            t("levels_to_climb", lang),
            t("impact_all", lang),
            t("unknown", lang).capitalize(),
        ]
    ):
        sub.add_column(plain(head), justify="left" if n == 0 else "right")
    for s in report["subtotals"]:
        add_row(
            sub,
            s["name"],
            str(s["open"]),
            str(s["levels"]),
            f"+{num(s['impact'], 2)}",
            str(s["unknown"]),
        )
    parts.append(sub)
    summary = report["summary"]
    parts.append(
        Text(
            f"{t('overall', lang)} {num(summary['overall'], 1, lang)} → "
            f"{t('if_closed', lang)} {num(report['overall_if_closed'], 1, lang)}"
        )
    )
    return rich_to_text(Group(*parts), color=color, width=width)


def gaps_csv(report: PlaceReport, lang: str) -> str:
    """One row per indicator: known gaps first (by impact), then the unknowns."""
    header = [
        "indicator",
        "name",
        "dimension",
        "current",
        "target",
        "target_source",
        "holders",
        "target_from",
        "gap",
        "impact",
    ]
    rows: list[list[Any]] = [
        [
            g["indicator"],
            g["name"],
            g["dimension"],
            g["current"],
            g["target"],
            g["target_source"],
            "; ".join(g["holders"]),
            g["target_from"],
            g["gap"],
            g["impact"],
        ]
        for g in report["gaps"]
    ]
    rows += [
        [
            u["indicator"],
            u["name"],
            u["dimension"],
            None,
            u["target"],
            u["target_source"],
            "; ".join(u["holders"]),
            u["target_from"],
            None,
            None,
        ]
        for u in report["unknown"]
    ]
    return to_csv(header, rows)


def recommend_table(
    report: PlaceReport, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """The phased roadmap, what is blocked, and the peers to learn from."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [
        Text(
            f"{t('recommend_title', lang)} · {report['place']['name']}"
            + (
                f" · {t('compared_with', lang)} {report['against_name']}"
                if report["against_name"]
                else ""
            ),
            style="bold",
        ),
        *(Text(line) for line in context_lines(report, lang)),
    ]
    for phase in report["roadmap"]["phases"]:
        table = Table(
            title=plain(f"{t('phase', lang)} {phase['phase']}"),
            title_justify="left",
            header_style="bold",
            show_lines=True,
        )
        for n, head in enumerate(
            [
                t("indicator", lang),
                t("to_level", lang),
                t("action", lang),
                t("effort", lang),
                t("impact", lang),
                t("needs", lang),
            ]
        ):
            table.add_column(
                plain(head), justify="right" if n == 4 else "left", ratio=4 if n == 2 else None
            )
        for a in phase["actions"]:
            name = a["name"] + (f" ({t('prerequisite', lang)})" if a["prerequisite"] else "")
            needs = "; ".join(f"{n['name']} ≥ {n['level']}" for n in a["needs"])
            add_row(
                table,
                name,
                f"{a['level']} {a['level_name']}",
                a["do"],
                a["effort_name"],
                f"+{num(a['impact'], 2)}",
                needs,
            )
        parts.append(table)
    if not report["roadmap"]["phases"]:
        parts.append(Text(t("no_actions", lang)))
    if report["roadmap"]["blocked"]:
        parts.append(Text(f"{t('blocked', lang)} — {t('blocked_note', lang)}", style="bold"))
        for b in report["roadmap"]["blocked"]:
            parts.append(Text(f"  • {b['name']} → {b['level']}: {b['reason']}", style="yellow"))
    if report["lessons"]:
        parts.append(Text(t("lessons", lang), style="bold"))
        for lesson in report["lessons"]:
            peers = ", ".join(f"{p['name']} ({p['level']})" for p in lesson["peers"])
            parts.append(
                Text(f"  • {lesson['name']} → {lesson['target']}: {peers or t('no_peer', lang)}")
            )
    return rich_to_text(Group(*parts), color=color, width=width)


def recommend_csv(report: PlaceReport, lang: str) -> str:
    """One row per roadmap action (phase order), then the blocked actions (phase empty)."""
    header = [
        "phase",
        "indicator",
        "name",
        "level",
        "action",
        "effort",
        "impact",
        "priority",
        "needs",
        "prerequisite",
        "blocked_reason",
    ]
    rows: list[list[Any]] = []
    for phase in report["roadmap"]["phases"]:
        for a in phase["actions"]:
            needs = "; ".join(f"{n['indicator']}>={n['level']}" for n in a["needs"])
            rows.append(
                [
                    phase["phase"],
                    a["indicator"],
                    a["name"],
                    a["level"],
                    a["do"],
                    a["effort"],
                    a["impact"],
                    a["priority"],
                    needs,
                    "yes" if a["prerequisite"] else "",
                    "",
                ]
            )
    for b in report["roadmap"]["blocked"]:
        rows.append(
            [
                None,
                b["indicator"],
                b["name"],
                b["level"],
                b["do"],
                "",
                None,
                None,
                "",
                "",
                b["reason"],
            ]
        )
    return to_csv(header, rows)
