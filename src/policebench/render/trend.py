"""`policebench trend` output: scores per assessment and the indicators that moved.

CSV holds one row per assessment (scores and changes); the indicator moves, which do not fit
one flat table, are in the table, Markdown and JSON outputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from policebench.analysis.trend import Trend, TrendPoint
from policebench.i18n import join_list, label, paren, t
from policebench.models import Dimension, Rubric
from policebench.models.base import localized
from policebench.render.common import md_cell, md_table, num, pct, rich_to_text, to_csv, to_json
from policebench.report.parts import rnd
from policebench.report.trend import trend_data


def signed(value: float | None, digits: int = 1) -> str:
    """A change for people: ``+3.5``, ``-1.0``, ``0.0``; empty when there is nothing to compare."""
    if value is None:
        return ""
    if round(value, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{value:+.{digits}f}"


def _with_change(score: float | None, delta: float | None, lang: str, sep: str = " ") -> str:
    text = num(score, lang=lang)
    return f"{text}{sep}({signed(delta)})" if delta is not None else text


def _stage(point: TrendPoint, lang: str) -> str:
    return localized(point.stage, "name", lang) if point.stage else t("unknown", lang)


def _short(dim: Dimension, lang: str) -> str:
    """A column header for a dimension: its Chinese name, or its id capitalised."""
    return dim.name_zh if lang == "zh" and dim.name_zh else dim.id.replace("-", " ").capitalize()


def _level(rubric: Rubric, level: int | None, lang: str) -> str:
    if level is None:
        return t("unknown", lang)
    return f"{level} {rubric.scale.name_of(level, lang)}"  # as everywhere: "1 起步"


def _point_rows(
    rubric: Rubric, trend: Trend, lang: str, sep: str = " "
) -> tuple[list[str], list[list[str]]]:
    """One row per assessment; ``sep`` goes between a dimension's score and its change."""
    header = [
        t("assessed", lang),
        t("overall", lang),
        t("change", lang),
        t("stage", lang),
        t("coverage", lang),
    ]
    header += [_short(d, lang) for d in rubric.dimensions]
    rows = []
    for p in trend.points:
        row = [
            p.assessed.isoformat(),
            num(p.overall, lang=lang),
            signed(p.overall_change),
            _stage(p, lang),
            pct(p.coverage, lang),
        ]
        row += [
            _with_change(p.dimension(d.id), p.dimension_changes[d.id], lang, sep)
            for d in rubric.dimensions
        ]
        rows.append(row)
    return header, rows


def _move_rows(rubric: Rubric, trend: Trend, lang: str) -> tuple[list[str], list[list[str]]]:
    header = [
        t("period", lang),
        t("dimension", lang),
        t("indicator", lang),
        t("before", lang),
        t("after", lang),
    ]
    dims = {d.id: d for d in rubric.dimensions}
    rows = []
    for step in trend.steps:
        period = f"{step.start.isoformat()} → {step.end.isoformat()}"
        for move in step.moves:
            rows.append(
                [
                    period,
                    localized(dims[move.dimension], "name", lang),
                    localized(rubric.indicators[move.id], "name", lang),
                    _level(rubric, move.before, lang),
                    _level(rubric, move.after, lang),
                ]
            )
    return header, rows


def _title(rubric: Rubric, trend: Trend, lang: str) -> str:
    return (
        f"{t('trend_title', lang)} · {localized(trend, 'name', lang)} · "
        f"{localized(rubric, 'name', lang)} {rubric.version}"
    )


def _note(trend: Trend, lang: str) -> str | None:
    """A sentence for the cases the moves table cannot show."""
    if not trend.steps:
        return t("one_assessment", lang)
    if not any(step.moves for step in trend.steps):
        return t("no_moves", lang)
    return None


def like_for_like_notes(rubric: Rubric, trend: Trend, lang: str) -> list[str]:
    """A sentence per step whose set of known indicators changed: the headline change beside
    the change over the indicators known at both dates, and the indicators that made the
    difference, so a rise that only comes from a weak indicator becoming unknown is not read
    as progress."""
    notes = []
    pairs = zip(trend.points, trend.points[1:], strict=False)
    for step, (before, after) in zip(trend.steps, pairs, strict=True):
        if step.like_for_like is not None and after.overall_change is not None:
            names = {
                way: [localized(rubric.indicators[i], "name", lang) for i in step.moved(way)]
                for way in ("known", "unknown")
            }
            notes.append(
                _like_for_like(
                    (step.start.isoformat(), step.end.isoformat()),
                    (after.overall_change, step.like_for_like),
                    step.compared,
                    (before.coverage, after.coverage),
                    (names["known"], names["unknown"]),
                    lang,
                )
            )
    return notes


def trend_note(rows: Sequence[Mapping[str, Any]], i: int, lang: str = "en") -> str:
    """The like-for-like sentence of a report's trend row ``i`` (``TrendPointRow``), or an
    empty text when it has none."""
    row = rows[i]
    change, same = row.get("overall_change"), row.get("like_for_like")
    if i == 0 or change is None or same is None:
        return ""
    before = rows[i - 1]
    return _like_for_like(
        (str(before["assessed"]), str(row["assessed"])),
        (float(change), float(same)),
        int(row["compared"]),
        (float(before["coverage"]), float(row["coverage"])),
        ([str(n) for n in row["newly_known"]], [str(n) for n in row["newly_unknown"]]),
        lang,
    )


def _like_for_like(
    dates: tuple[str, str],
    changes: tuple[float, float],
    compared: int,
    coverage: tuple[float, float],
    moved: tuple[list[str], list[str]],
    lang: str,
) -> str:
    what = [
        t(key, lang).format(names=join_list(names, lang))
        for key, names in zip(("like_for_like_known", "like_for_like_unknown"), moved, strict=True)
        if names
    ]
    return t("like_for_like", lang).format(
        start=dates[0],
        end=dates[1],
        change=signed(changes[0]),
        n=compared,
        same=signed(changes[1]),
        what=t("like_for_like_and", lang).join(what),
        before=pct(coverage[0], lang),
        after=pct(coverage[1], lang),
    )


def left_out_text(files: Sequence[str], lang: str) -> str | None:
    """The sentence naming the input files left out with errors (said in the output too, so
    a trend circulated without its terminal does not hide a missing assessment)."""
    if not files:
        return None
    key = "trend_left_out_one" if len(files) == 1 and lang != "zh" else "trend_left_out"
    return t(key, lang).format(n=len(files), files=join_list(files, lang))


def render_table(
    rubric: Rubric,
    trend: Trend,
    lang: str = "en",
    *,
    color: bool = False,
    width: int | None = None,
    left_out: Sequence[str] = (),
) -> str:
    """Scores per assessment (with changes in brackets), then the indicators that moved."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    # The change goes under the score, so five dimensions fit a terminal without wrapping.
    header, rows = _point_rows(rubric, trend, lang, "\n")
    points = Grid(
        [
            Column(header[0], key=True),
            *(Column(h, "left" if n == 2 else "right") for n, h in enumerate(header[1:])),
        ],
        [list(r) for r in rows],
        title=_title(rubric, trend, lang),
    )
    parts: list[Any] = table(points, width=w, lang=lang, color=color)
    parts += [paragraph(note, w) for note in like_for_like_notes(rubric, trend, lang)]
    missing = left_out_text(left_out, lang)
    if missing:
        parts.append(paragraph(missing, w, style="bold"))
    note = _note(trend, lang)
    if note is not None:
        parts.append(paragraph(note, w))
    else:
        header, rows = _move_rows(rubric, trend, lang)
        directions = [m.direction for s in trend.steps for m in s.moves]
        previous = ""
        shown: list[list[str]] = []
        styles: list[str | None] = []
        for row, direction in zip(rows, directions, strict=True):
            styles.append({"up": "green", "down": "red"}.get(direction, "dim"))
            shown.append([row[0] if row[0] != previous else "", *row[1:]])
            previous = row[0]
        moved = Grid(
            [
                Column(header[0], wrap=True, min=10),
                Column(header[1], wrap=True, min=8),
                Column(header[2], wrap=True, min=10),
                Column(header[3]),
                Column(header[4]),
            ],
            shown,
            title=t("indicator_moves", lang),
            row_styles=styles,
        )
        # Narrower: the dimension in brackets under the indicator.
        narrow = Grid(
            [
                Column(header[0], wrap=True, min=10),
                Column(header[2] + paren(header[1], lang), wrap=True, min=12),
                Column(header[3]),
                Column(header[4]),
            ],
            [[r[0], r[2] + "\n" + paren(r[1], lang).strip(), r[3], r[4]] for r in shown],
            title=t("indicator_moves", lang),
            row_styles=styles,
        )
        parts += table(moved, narrow, width=w, lang=lang, color=color)
    return rich_to_text(Group(*parts), color=color, width=w)


def render_markdown(
    rubric: Rubric, trend: Trend, lang: str = "en", left_out: Sequence[str] = ()
) -> str:
    """A heading, the scores per assessment and the indicators that moved."""
    out = [
        f"# {label(t('trend_title', lang), lang)}{md_cell(localized(trend, 'name', lang))}\n",
        f"{label(t('rubric', lang), lang)}{md_cell(localized(rubric, 'name', lang))}"
        f"{paren(f'{md_cell(rubric.id)} {md_cell(rubric.version)}', lang)}\n",
    ]
    header, rows = _point_rows(rubric, trend, lang)
    out.append(md_table(header, rows, "lrrlr" + "r" * len(rubric.dimensions)))
    missing = left_out_text(left_out, lang)
    if missing:
        out.append(f"**{md_cell(missing)}**\n")
    notes = like_for_like_notes(rubric, trend, lang)
    if notes:
        out.append(f"## {t('like_for_like_title', lang)}\n")
        out += [md_cell(note) + "\n" for note in notes]
    out.append(f"## {t('indicator_moves', lang)}\n")
    note = _note(trend, lang)
    if note is not None:
        out.append(note + "\n")
    else:
        header, rows = _move_rows(rubric, trend, lang)
        out.append(md_table(header, rows))
    return "\n".join(out)


def render_json(rubric: Rubric, trend: Trend, left_out: Sequence[str] = ()) -> str:
    return to_json(trend_data(rubric, trend, left_out))


def render_csv(rubric: Rubric, trend: Trend, lang: str = "en") -> str:
    """One row per assessment: scores, changes from the previous one (overall also like for
    like, where what is known changed), each dimension's too."""
    header = [
        "id",
        "assessed",
        "overall",
        "overall_change",
        "overall_change_like_for_like",
        "stage",
        "coverage",
    ]
    for d in rubric.dimensions:
        header += [d.id, f"{d.id}_change"]
    rows = []
    steps = [None, *trend.steps]  # the step that ends at each assessment
    for p, step in zip(trend.points, steps, strict=True):
        row: list[Any] = [
            trend.city_id,
            p.assessed.isoformat(),
            rnd(p.overall),
            rnd(p.overall_change),
            rnd(step.like_for_like) if step else None,
            _stage(p, lang) if p.stage else None,
            rnd(p.coverage, 4),
        ]
        for d in rubric.dimensions:
            row += [rnd(p.dimension(d.id)), rnd(p.dimension_changes[d.id])]
        rows.append(row)
    return to_csv(header, rows)
