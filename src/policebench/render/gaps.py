"""`gaps` and `recommend` output: rich tables and CSV from the report data.

JSON and Markdown come from the same report data (JSON directly, Markdown through the
``gaps.md.j2`` and ``recommend.md.j2`` templates), so every format says the same thing.
"""

from __future__ import annotations

from typing import Any

from policebench.i18n import join_list, label, paren, period, sentence_sep, t
from policebench.render.common import num, rich_to_text, to_csv
from policebench.report.contract import GapRow, PlaceReport, UnknownRow


def _target(g: GapRow | UnknownRow, lang: str) -> str:
    return f"{g['target']} {g['target_name']}{t('paren', lang).format(g['target_from'])}"


def heading(report: PlaceReport, what: str, lang: str) -> str:
    """ "差距分析 · J市 · 目标参照：先进前沿": what (a catalogue key), of which place, and
    against what."""
    title = f"{t(what, lang)} · {report['place']['name']}"
    if report["against_name"]:
        title += f" · {label(t('compared_with', lang), lang)}{report['against_name']}"
    return title


def context_lines(report: PlaceReport, lang: str) -> list[str]:
    """The lines every output of a place's analysis carries: who the peers are, and, when
    the overall is provisional, why."""
    lines = [report["peers"]["text"]]
    if report["peers"]["dates"]:
        lines.append(report["peers"]["dates"])
    if report["targets"]["note"]:
        lines.append(report["targets"]["note"])
    summary = report["summary"]
    if summary["provisional"]:
        lines.append(
            t("provisional_because", lang).format(why=summary["provisional_why"])
            + ("" if lang == "zh" else " ")  # no space after "。"
            + t("provisional_may_move", lang)
        )
    return lines


def _names(report: PlaceReport) -> list[str]:
    """The place names a table must keep whole: the place, its peers, the holders."""
    names = {report["place"]["name"]}
    for g in [*report["gaps"], *report["unknown"]]:
        names.update(g["holders"])
    names.update(p["name"] for p in report["peers"]["places"])
    return sorted(n for n in names if n)


def gaps_table(
    report: PlaceReport, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """The gap table, the unknowns and the dimension subtotals."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    keep = _names(report)
    title = heading(report, "gaps_title", lang)
    open_gaps = [g for g in report["gaps"] if g["gap"]]
    heads = [t("dimension", lang), t("indicator", lang), t("current", lang), t("target", lang)]
    keep += [f"{g['current']} {g['current_name']}" for g in open_gaps]
    keep += [f"{g['target']} {g['target_name']}" for g in [*open_gaps, *report["unknown"]]]
    rows = [
        [
            str(n),
            g["dimension_name"],
            g["name"],
            f"{g['current']} {g['current_name']}",
            _target(g, lang),
            str(g["gap"]),
            f"+{num(g['impact'], 2)}",
        ]
        for n, g in enumerate(open_gaps, 1)
    ]
    tail = [Column(t("gap", lang), "right"), Column(t("impact", lang), "right")]
    full = Grid(
        [
            Column("#", "right"),
            Column(heads[0], wrap=True, min=8),
            Column(heads[1], wrap=True, min=10),
            Column(heads[2], wrap=True, min=6),
            Column(heads[3], wrap=True, min=16, weight=2),
            *tail,
        ],
        rows,
        keep=keep,
    )
    # Narrower: the dimension in brackets under the indicator.
    narrow = Grid(
        [
            Column("#", "right"),
            Column(heads[1] + paren(heads[0], lang), wrap=True, min=10),
            Column(heads[2], wrap=True, min=6),
            Column(heads[3], wrap=True, min=14, weight=2),
            *tail,
        ],
        [[r[0], r[2] + "\n" + paren(r[1], lang).strip(), *r[3:]] for r in rows],
        keep=keep,
    )
    parts: list[Any] = [paragraph(title, w, keep=keep, style="bold")]
    parts += [paragraph(line, w, keep=keep) for line in context_lines(report, lang)]
    if open_gaps:
        parts += table(full, narrow, width=w, lang=lang, color=color)
    else:
        none = "no_gaps" if report["summary"]["known"] else "no_gaps_unknown"
        parts.append(paragraph(t(none, lang), w))
    closed = [g for g in report["gaps"] if not g["gap"]]
    if closed:  # as the reports say it: every target is shown somewhere, and counted
        items = [
            g["name"]
            + paren(f"{g['target']} {g['target_name']}{sentence_sep(lang)}{g['target_from']}", lang)
            for g in closed
        ]
        parts.append(
            paragraph(label(t("at_target", lang), lang) + join_list(items, lang) + period(lang), w)
        )

    def aside(title: str, note: str, last: str, rows: list[list[str]]) -> None:
        """The levels set apart (unknown, or not applicable): a dim line naming them and how
        many, then dimension, indicator and ``last`` for each."""
        label = t(title, lang) + paren(str(len(rows)), lang) + " — " + t(note, lang)
        parts.append(paragraph(label, w, style="dim"))
        grid = Grid(
            [
                Column(t("dimension", lang), wrap=True, min=8),
                Column(t("indicator", lang), wrap=True, min=10),
                Column(t(last, lang), wrap=True, min=16, weight=2),
            ],
            rows,
            keep=keep,
        )
        parts.extend(table(grid, width=w, lang=lang, color=color))

    if report["unknown"]:
        aside(
            "unknown_levels",
            "unknown_levels_note",
            "target",
            [[u["dimension_name"], u["name"], _target(u, lang)] for u in report["unknown"]],
        )
    if report["not_applicable"]:
        aside(
            "not_applicable_levels",
            "not_applicable_note",
            "reason",
            [[u["dimension_name"], u["name"], u["reason"] or ""] for u in report["not_applicable"]],
        )
    sub = Grid(
        [
            Column(t("dimension", lang), wrap=True, min=8, key=True),
            Column(t("open_gaps", lang), "right"),
            Column(t("levels_to_climb", lang), "right"),
            Column(t("impact_all", lang), "right"),
            Column(t("unknown", lang).capitalize(), "right"),
        ],
        [
            [
                s["name"],
                str(s["open"]),
                str(s["levels"]),
                f"+{num(s['impact'], 2)}",
                str(s["unknown"]),
            ]
            for s in report["subtotals"]
        ],
        title=t("subtotals", lang),
    )
    parts += table(sub, width=w, lang=lang, color=color)
    summary = report["summary"]
    parts.append(
        paragraph(
            f"{t('overall', lang)} {num(summary['overall'], 1, lang)} → "
            f"{t('if_closed', lang)} {num(report['overall_if_closed'], 1, lang)}",
            w,
        )
    )
    return rich_to_text(Group(*parts), color=color, width=w)


def gaps_csv(report: PlaceReport, lang: str) -> str:
    """One row per indicator: known gaps first (by impact), then the unknowns, then the
    indicators that do not apply ("n/a" as the current level, no target)."""
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
    rows += [
        [u["indicator"], u["name"], u["dimension"], "n/a", None, None, None, None, None, None]
        for u in report.get("not_applicable", [])
    ]
    return to_csv(header, rows)


def recommend_table(
    report: PlaceReport, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """The phased roadmap, what is blocked, and the peers to learn from."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    keep = _names(report)
    title = heading(report, "recommend_title", lang)
    parts: list[Any] = [paragraph(title, w, keep=keep, style="bold")]
    parts += [paragraph(line, w, keep=keep) for line in context_lines(report, lang)]
    for phase in report["roadmap"]["phases"]:
        rows = []
        for a in phase["actions"]:
            name = a["name"] + (paren(t("prerequisite", lang), lang) if a["prerequisite"] else "")
            needs = sentence_sep(lang).join(f"{n['name']} ≥ {n['level']}" for n in a["needs"])
            rows.append(
                [
                    name,
                    f"{a['level']} {a['level_name']}",
                    a["do"],
                    a["effort_name"],
                    f"+{num(a['impact'], 2)}",
                    needs,
                ]
            )
        heads = [
            t("indicator", lang),
            t("to_level", lang),
            t("action", lang),
            t("effort", lang),
            t("impact", lang),
            t("needs", lang),
        ]
        phase_title = f"{t('phase', lang)} {phase['phase']}"
        keep += [r[1] for r in rows]
        full = Grid(
            [
                Column(heads[0], wrap=True, min=10),
                Column(heads[1], wrap=True, min=6),
                Column(heads[2], wrap=True, min=30, weight=3),
                Column(heads[3]),
                Column(heads[4], "right"),
                Column(heads[5], wrap=True, min=10),
            ],
            rows,
            title=phase_title,
            show_lines=True,
            keep=keep,
        )
        # Narrower: the level after the indicator, the needs under the action.
        narrow = Grid(
            [
                Column(f"{heads[0]} → {heads[1]}", wrap=True, min=10),
                Column(heads[2], wrap=True, min=20, weight=3),
                Column(heads[3]),
                Column(heads[4], "right"),
            ],
            [
                [
                    f"{r[0]} → {r[1]}",
                    r[2] + (f"\n{label(heads[5], lang)}{r[5]}" if r[5] else ""),
                    r[3],
                    r[4],
                ]
                for r in rows
            ],
            title=phase_title,
            show_lines=True,
            keep=keep,
        )
        parts += table(full, narrow, width=w, lang=lang, color=color)
    if not report["roadmap"]["phases"]:
        parts.append(paragraph(t("no_actions", lang), w))
    if report["roadmap"]["blocked"]:
        parts.append(
            paragraph(f"{t('blocked', lang)} — {t('blocked_note', lang)}", w, style="bold")
        )
        for b in report["roadmap"]["blocked"]:
            parts.append(
                paragraph(
                    f"{b['name']} → {b['level']}{label('', lang).strip()} {b['reason']}"
                    if lang != "zh"
                    else f"{b['name']} → {b['level']}：{b['reason']}",
                    w,
                    keep=keep,
                    style="yellow",
                    indent="  • ",
                    hanging="    ",
                )
            )
    if report["lessons"]:
        parts.append(paragraph(t("lessons", lang), w, style="bold"))
        for lesson in report["lessons"]:
            peers = join_list(
                (f"{p['name']}{paren(str(p['level']), lang)}" for p in lesson["peers"]), lang
            )
            sep = "：" if lang == "zh" else ": "
            parts.append(
                paragraph(
                    f"{lesson['name']} → {lesson['target']}{sep}{peers or t('no_peer', lang)}",
                    w,
                    keep=keep,
                    indent="  • ",
                    hanging="    ",
                )
            )
    return rich_to_text(Group(*parts), color=color, width=w)


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
