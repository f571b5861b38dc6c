"""Tables as an Excel workbook (``score``, ``compare``, ``gaps``, ``recommend``,
``evidence``, ``trend``, ``sensitivity`` with ``--format xlsx``).

One sheet per table a command prints; numbers are written as numbers (scores, coverage as a
percentage, levels, impacts), never as text, so a planner can sort, filter and chart them;
the header row is frozen and filtered; scores and levels carry the heatmap as conditional
formatting (a colour scale over the rubric's range), so the colours follow edited values.
Headers and sheet names are in the language asked for. Returns bytes, reproducible.
openpyxl is imported here only.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from policebench.i18n import label, sentence_sep, t
from policebench.models.base import localized

if TYPE_CHECKING:
    from policebench.analysis.evidence import Quality, Register
    from policebench.analysis.sensitivity import SensitivityResult
    from policebench.analysis.trend import Trend
    from policebench.models import Profile, Rubric
    from policebench.report.contract import PlaceReport
    from policebench.scoring import Scorecard

#: Colour scale of the heatmap: low (red), middle (yellow), high (green), as the HTML's.
_LOW, _MID, _HIGH = "FFF8696B", "FFFFEB84", "FF63BE7B"


@dataclass(frozen=True)
class Column:
    """A column: its header, how its numbers show (an Excel number format), its width."""

    header: str
    number_format: str = "General"
    width: float = 14
    #: The (low, high) of a heatmap colour scale over this column's values.
    heat: tuple[float, float] | None = None


@dataclass(frozen=True)
class Marked:
    """A number shown with a mark after it ("4※"), still a number for Excel (the mark is in
    its number format, so sorting, filters and the colour scale keep working)."""

    value: int | float
    mark: str


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    #: Lines under the table, after an empty row (a legend): outside its filter.
    notes: list[str] = field(default_factory=list)


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of ``sheets``."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from policebench.render.office import stable_zip

    color_scale: Any = ColorScaleRule  # untyped in types-openpyxl
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for spec in sheets:
        ws = wb.create_sheet(_title(spec.title))
        for col, column in enumerate(spec.columns, start=1):
            cell = ws.cell(row=1, column=col, value=column.header)
            cell.data_type = "s"
            cell.font = Font(bold=True, color="FFFFFFFF")
            cell.fill = PatternFill("solid", fgColor="FF1F4E79")
            # A number's header stands over it, on the right as the number is.
            across = "left" if column.number_format == "General" else "right"
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=across)
            ws.column_dimensions[get_column_letter(col)].width = column.width
        ws.row_dimensions[1].height = _height([(c.header, c.width) for c in spec.columns])
        for r, values in enumerate(spec.rows, start=2):
            texts = []
            cells = []
            for col, (column, value) in enumerate(zip(spec.columns, values, strict=True), 1):
                mark = value.mark if isinstance(value, Marked) else ""
                if isinstance(value, Marked):
                    value = value.value
                cell = ws.cell(row=r, column=col, value=value)
                cells.append(cell)
                if isinstance(value, str):
                    cell.data_type = "s"  # a text starting with = stays text, never a formula
                    texts.append((value, column.width))
                    if _lines(value, column.width) > 1:  # longer than its column: wraps
                        cell.alignment = wrapped
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    quoted = mark.replace('"', "")
                    cell.number_format = column.number_format + (f'"{quoted}"' if mark else "")
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
            height = _height(texts)
            if height is not None:  # a row of several lines reads from its top
                ws.row_dimensions[r].height = height
                for cell in cells:  # (ws[r] would look through every row for the width)
                    if cell.value is not None and not cell.alignment.wrap_text:
                        cell.alignment = top
        last = len(spec.rows) + 1
        for n, note in enumerate(spec.notes, start=last + 2):
            ws.cell(row=n, column=1, value=note).data_type = "s"
        ws.freeze_panes = "B2"
        _print_setup(ws)
        if spec.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{last}"
        for col, column in enumerate(spec.columns, start=1):
            if column.heat is None or not spec.rows:
                continue
            low, high = column.heat
            letter = get_column_letter(col)
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{last}",
                color_scale(
                    start_type="num",
                    start_value=low,
                    start_color=_LOW,
                    mid_type="num",
                    mid_value=(low + high) / 2,
                    mid_color=_MID,
                    end_type="num",
                    end_value=high,
                    end_color=_HIGH,
                ),
            )
    wb.properties.creator = "policebench"
    wb.properties.created = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return stable_zip(buffer.getvalue())


#: Points per line of 11-point text, as Excel and LibreOffice space it (their default row);
#: a line of Chinese, in a CJK font (Noto Sans CJK, DengXian), needs more.
_LINE_POINTS = 15.0
_CJK_LINE_POINTS = 18.0


def _height(texts: Sequence[tuple[str, float]]) -> float | None:
    """The height of a row holding ``texts`` (each with its column's width), wrapped: None
    when one line holds each. Set, not left to the program, because neither Excel nor
    LibreOffice nor WPS fits a row to wrapped text it did not write itself: the text beyond
    the first line would be hidden."""
    lines = max((_lines(text, width) for text, width in texts), default=1)
    if lines <= 1:
        return None
    wide = any(not text.isascii() and any(map(_wide, text)) for text, _ in texts)
    return lines * (_CJK_LINE_POINTS if wide else _LINE_POINTS)


def _wide(ch: str) -> bool:
    """A character a CJK font draws two digits wide: Chinese, and the punctuation and symbols
    East Asian fonts draw full width (“ ” — · ≥: Unicode's "ambiguous" width)."""
    import unicodedata

    return unicodedata.east_asian_width(ch) in "WFA"


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (a Chinese
    character is two: a column width counts the widths of the digit 0). An estimate on the
    generous side: a line with Chinese gets a tenth more (a CJK glyph is a little over two
    digits wide in Excel's fonts), a web address too (it breaks anywhere, so unevenly)."""
    room = max(1.0, width)
    if "\n" not in text and (2.2 * len(text) <= room or (text.isascii() and len(text) <= room)):
        return 1  # the usual short cell, without a look at each character
    total = 0
    for line in text.split("\n"):
        wide = 0 if line.isascii() else sum(map(_wide, line))
        cells = len(line) + wide
        if wide or "://" in line:
            cells = -(-cells * 11 // 10)
        total += max(1, -(-cells // int(room)))
    return total


def _print_setup(ws: Any) -> None:
    """Printed (or saved as PDF): A4 landscape, one page wide, the header row on every page
    (a table of a dozen columns otherwise prints a column or two per page)."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


def _about(report: PlaceReport, lang: str, what: str = "gaps_title") -> list[str]:
    """Whose analysis a sheet of a place's gaps (or roadmap) is, against what and among
    which peers."""
    from policebench.render.gaps import context_lines, heading

    assessed = label(t("assessed", lang), lang) + report["place"]["assessed"]
    return [f"{heading(report, what, lang)} · {assessed}", *context_lines(report, lang)]


def _title(text: str) -> str:
    """A valid sheet name: at most 31 characters, none of []:*?/\\."""
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def _place_name(profile: Profile, lang: str) -> str:
    return localized(profile, "name", lang)


def _dimension_name(dim: Any, lang: str) -> str:
    return localized(dim, "name", lang)


def _place_columns(lang: str) -> list[Column]:
    """The columns a ranking of places starts with (score's and compare's sheets)."""
    return [
        Column(t("rank", lang), "0", 7),
        Column(t("xlsx_id", lang), width=16),
        Column(t("city", lang), width=18),
        Column(t("assessed", lang), width=12),
        Column(t("overall", lang), "0.0", 10, (0, 100)),
        Column(t("stage", lang), width=14),
        Column(t("coverage", lang), "0%", 10),
        Column(t("provisional", lang), width=30),
    ]


# --------------------------------------------------------------------------- the commands


def scores_workbook(rubric: Rubric, cards: list[Scorecard], lang: str) -> bytes:
    """`score --format xlsx`: one row per place, as the CSV, with names and headers in
    ``lang``; overall and dimension scores coloured as a heatmap (unknown: an empty cell)."""
    from policebench.report.parts import provisional_text, rnd
    from policebench.scoring import ranks

    columns = _place_columns(lang)
    columns += [Column(_dimension_name(d, lang), "0.0", 14, (0, 100)) for d in rubric.dimensions]
    rows = []
    for n, card in zip(ranks(cards), cards, strict=True):
        stage_name = localized(card.stage, "name", lang) if card.stage else None
        row: list[Any] = [
            n,
            card.city_id,
            localized(card, "city_name", lang),
            card.assessed,
            rnd(card.overall),
            stage_name,
            rnd(card.coverage, 4),
            provisional_text(card, rubric, lang),
        ]
        row += [
            rnd(card.dimensions[d.id].score)
            if card.dimensions[d.id].applicable
            else t("not_applicable", lang)
            for d in rubric.dimensions
        ]
        rows.append(row)
    return workbook([Sheet(t("xlsx_sheet_scores", lang), columns, rows)])


def compare_workbook(data: dict[str, Any]) -> bytes:
    """`compare --format xlsx`: the places (scores by dimension) and the indicator levels
    (one row per indicator, a column per place), each a sheet with its heatmap."""
    lang = str(data.get("lang", "en"))
    dims = data["dimensions"]
    places = data["places"]
    scale = data["rubric"]["scale"]
    low, high = float(scale["min"]), float(scale["max"])
    columns = _place_columns(lang) + [Column(d["name"], "0.0", 14, (0, 100)) for d in dims]
    rows = [
        [
            p["rank"],
            p["id"],
            p["name"],
            dt.date.fromisoformat(p["assessed"]),
            p["overall"],
            p["stage"],
            p["coverage"],
            p["provisional_why"],
            *[p["dimensions"][d["id"]]["score"] for d in dims],
        ]
        for p in places
    ]
    level_columns = [
        Column(t("indicator", lang), width=36),
        Column(t("xlsx_id", lang), width=24),
        Column(t("dimension", lang), width=20),
        *[Column(p["name"], "0", 12, (low, high)) for p in places],
    ]
    levels: list[list[Any]] = []
    mark = t("opinion_mark", lang)
    for row in data["heatmap"]:
        by_place: dict[str, int | Marked | None] = {
            c["place"]: Marked(c["level"], mark)
            if c["level"] is not None and c.get("opinion")
            else c["level"]
            for c in row["levels"]
        }
        levels.append(
            [
                row["name"],
                row["indicator"],
                row["dimension_name"],
                *[by_place.get(p["id"]) for p in places],
            ]
        )
    notes = [t("xlsx_levels_note", lang)]
    return workbook(
        [
            Sheet(t("xlsx_sheet_places", lang), columns, rows),
            Sheet(t("xlsx_sheet_levels", lang), level_columns, levels, notes),
        ]
    )


def gaps_workbook(report: PlaceReport, lang: str) -> bytes:
    """`gaps --format xlsx`: the gaps, the unknown levels and the subtotals, a sheet each,
    and the indicators that do not apply to the place (with their reasons) when there are."""
    gap_columns = [
        Column(t("xlsx_id", lang), width=24),
        Column(t("indicator", lang), width=36),
        Column(t("dimension", lang), width=20),
        Column(t("current", lang), "0", 9),
        Column(t("target", lang), "0", 9),
        Column(t("gap", lang), "0", 7),
        Column(t("impact", lang), "0.00", 9),
        Column(t("target_source", lang), width=40),
    ]
    gaps = [
        [
            g["indicator"],
            g["name"],
            g["dimension_name"],
            g["current"],
            g["target"],
            g["gap"],
            g["impact"],
            g["target_from"],
        ]
        for g in report["gaps"]
    ]
    unknown_columns = [
        Column(t("xlsx_id", lang), width=24),
        Column(t("indicator", lang), width=36),
        Column(t("dimension", lang), width=20),
        Column(t("target", lang), "0", 9),
        Column(t("target_source", lang), width=40),
        Column(t("note", lang), width=60),
    ]
    unknown = [
        [u["indicator"], u["name"], u["dimension_name"], u["target"], u["target_from"], u["note"]]
        for u in report["unknown"]
    ]
    subtotal_columns = [
        Column(t("dimension", lang), width=24),
        Column(t("open_gaps", lang), "0", 10),
        Column(t("levels_to_climb", lang), "0", 12),
        Column(t("impact_all", lang), "0.00", 12),
        Column(t("unknown", lang), "0", 10),
    ]
    subtotals = [
        [s["name"], s["open"], s["levels"], s["impact"], s["unknown"]] for s in report["subtotals"]
    ]
    sheets = [
        # Under the gaps, what they are of: the place, its peers (a file circulates alone).
        Sheet(t("gaps", lang), gap_columns, gaps, _about(report, lang)),
        Sheet(t("unknown_levels", lang), unknown_columns, unknown),
        Sheet(t("subtotals", lang), subtotal_columns, subtotals),
    ]
    if report["not_applicable"]:
        na_columns = [
            Column(t("xlsx_id", lang), width=24),
            Column(t("indicator", lang), width=36),
            Column(t("dimension", lang), width=20),
            Column(t("reason", lang), width=60),
        ]
        na = [
            [u["indicator"], u["name"], u["dimension_name"], u["reason"]]
            for u in report["not_applicable"]
        ]
        sheets.append(Sheet(t("not_applicable_levels", lang), na_columns, na))
    return workbook(sheets)


def recommend_workbook(report: PlaceReport, lang: str) -> bytes:
    """`recommend --format xlsx`: the roadmap's actions, one row each in phase order (with
    two empty columns for the bureau to assign them: who, by when), the actions that cannot
    be scheduled yet and why, and the peers to learn from (their level, evidence, sources)."""
    wide = 60
    action_columns = [
        Column(t("phase", lang), "0", 8),
        Column(t("xlsx_id", lang), width=24),
        Column(t("indicator", lang), width=30),
        Column(t("dimension", lang), width=18),
        Column(t("to_level", lang), "0", 9),
        Column(t("xlsx_level_name", lang), width=10),
        Column(t("action", lang), width=wide),
        Column(t("effort", lang), width=8),
        Column(t("impact", lang), "0.00", 10),
        Column(t("xlsx_priority", lang), "0.00", 12),
        Column(t("needs", lang), width=30),
        Column(t("prerequisite", lang), width=10),
        Column(t("xlsx_owner", lang), width=18),
        Column(t("xlsx_due", lang), width=14),
    ]
    actions = [
        [
            phase["phase"],
            a["indicator"],
            a["name"],
            a["dimension_name"],
            a["level"],
            a["level_name"],
            a["do"],
            a["effort_name"],
            a["impact"],
            a["priority"],
            sentence_sep(lang).join(f"{n['name']} ≥ {n['level']}" for n in a["needs"]),
            t("xlsx_yes", lang) if a["prerequisite"] else None,
            None,
            None,
        ]
        for phase in report["roadmap"]["phases"]
        for a in phase["actions"]
    ]
    notes = [*_about(report, lang, "recommend_title"), t("xlsx_priority_note", lang)]
    if not actions:
        notes.append(t("no_actions", lang))
    undefined = report["roadmap"]["undefined"]
    if undefined:
        steps = [f"{u['name']} → {u['level']}" for u in undefined]
        notes.append(label(t("undefined_steps", lang), lang) + sentence_sep(lang).join(steps))
    sheets = [Sheet(t("xlsx_sheet_roadmap", lang), action_columns, actions, notes)]
    blocked = report["roadmap"]["blocked"]
    if blocked:
        blocked_columns = [
            Column(t("xlsx_id", lang), width=24),
            Column(t("indicator", lang), width=30),
            Column(t("to_level", lang), "0", 9),
            Column(t("action", lang), width=wide),
            Column(t("reason", lang), width=wide),
        ]
        rows = [[b["indicator"], b["name"], b["level"], b["do"], b["reason"]] for b in blocked]
        sheets.append(Sheet(t("blocked", lang), blocked_columns, rows, [t("blocked_note", lang)]))
    if report["lessons"]:
        sheets.append(_lessons_sheet(report, lang))
    return workbook(sheets)


def _lessons_sheet(report: PlaceReport, lang: str) -> Sheet:
    """One row per (indicator, peer at its target): what that peer shows and where it says
    so; an indicator no peer has reached has one row saying so."""
    columns = [
        Column(t("xlsx_id", lang), width=24),
        Column(t("indicator", lang), width=30),
        Column(t("to_level", lang), "0", 9),
        Column(t("xlsx_peer", lang), width=18),
        Column(t("level", lang), "0", 8),
        Column(t("confidence", lang), width=10),
        Column(t("evidence", lang), width=70),
        Column(t("sources", lang), width=60),
    ]
    rows: list[list[Any]] = []
    for lesson in report["lessons"]:
        lead = [lesson["indicator"], lesson["name"], lesson["target"]]
        for peer in lesson["peers"]:
            sources = [s["title"] + (f" {s['url']}" if s["url"] else "") for s in peer["sources"]]
            rows.append(
                [
                    *lead,
                    peer["name"],
                    peer["level"],
                    t(peer["confidence"], lang) if peer["confidence"] else t("unknown", lang),
                    peer["evidence"] or t("opinion", lang),
                    "\n".join(sources) or None,  # a source a line
                ]
            )
        if not lesson["peers"]:
            rows.append([*lead, t("no_peer", lang), None, None, None, None])
        if lesson["more"]:
            more = label(t("more_peers", lang), lang) + str(lesson["more"])
            rows.append([*lead, more, None, None, None, None])
    return Sheet(t("lessons", lang), columns, rows)


def evidence_workbook(
    rubric: Rubric,
    register: Register,
    qualities: dict[str, Quality],
    names: dict[str, Profile],
    lang: str,
) -> bytes:
    """`evidence --format xlsx`: the source register a reviewer checks, one row per source
    (where it is cited, how reliable, how old, its flags) with an empty column for what the
    check found; every known level with each source it cites (the CSV's long table, to
    filter); and each place's evidence quality in figures."""
    from policebench.analysis.evidence import RELIABILITY_ORDER, age_years
    from policebench.render.evidence import flag_text, rule_text, supports_text

    def place(pid: str) -> str:
        return localized(names[pid], "name", lang) if pid in names else pid

    def reliability(values: Sequence[str]) -> str:
        return " / ".join(t(r, lang) for r in values)

    years = t("xlsx_age_years", lang)
    source_columns = [
        Column("#", "0", 5),
        Column(t("ev_source", lang), width=40),
        Column(t("xlsx_url", lang), width=50),
        Column(t("reliability", lang), width=10),
        Column(t("ev_date", lang), width=12),
        Column(t("xlsx_accessed", lang), width=12),
        Column(years, "0.0", 9),
        Column(t("ev_levels", lang), "0", 10),
        Column(t("ev_supports", lang), width=50),
        Column(t("ev_flags", lang), width=20),
        Column(t("xlsx_checked", lang), width=24),
    ]
    sources = [
        [
            n,
            localized(e, "title", lang),
            e.url,
            reliability(e.reliabilities),
            e.date,
            e.accessed,
            age_years(e.age_days),
            len(e.supports),
            supports_text(rubric, e, names, lang),
            flag_text(e.flags, lang) or None,
            None,
        ]
        for n, e in enumerate(register.sources, 1)
    ]
    by_key = {e.key: e for e in register.sources}
    level_columns = [
        Column(t("city", lang), width=16),
        Column(t("xlsx_id", lang), width=24),
        Column(t("indicator", lang), width=30),
        Column(t("level", lang), "0", 7),
        Column(t("confidence", lang), width=9),
        Column(t("xlsx_level_age", lang), "0.0", 12),
        Column(t("xlsx_level_flags", lang), width=18),
        Column(t("ev_source", lang), width=40),
        Column(t("xlsx_url", lang), width=30),
        Column(t("reliability", lang), width=10),
        Column(t("ev_date", lang), width=12),
        Column(t("xlsx_accessed", lang), width=12),
        Column(years, "0.0", 9),
        Column(t("xlsx_source_flags", lang), width=18),
    ]
    levels: list[list[Any]] = []
    for lv in register.levels:
        if not lv.known:
            continue
        head = [
            place(lv.place),
            lv.indicator,
            localized(rubric.indicators[lv.indicator], "name", lang),
            lv.level,
            t(lv.confidence, lang) if lv.confidence else None,
            age_years(lv.age_days),
            flag_text(lv.flags, lang) or None,
        ]
        if not lv.sources:  # a level without a source: its row, the source columns empty
            levels.append([*head, *[None] * 7])
        for key in lv.sources:
            e = by_key[key]
            levels.append(
                [
                    *head,
                    localized(e, "title", lang),
                    e.url,
                    reliability(e.reliabilities),
                    e.date,
                    e.accessed,
                    age_years(e.age_days),
                    flag_text(e.flags, lang) or None,
                ]
            )
    kinds = (*RELIABILITY_ORDER, "none")
    quality_columns = [
        Column(t("city", lang), width=16),
        Column(t("xlsx_known_levels", lang), "0", 10),
        *[Column(t(k if k != "none" else "ev_flag_no_source", lang), "0%", 9) for k in kinds],
        Column(t("xlsx_median_age", lang), "0.0", 14),
        Column(t("xlsx_opinions", lang), "0", 12),
        Column(t("ev_flag_stale", lang), "0", 8),
        Column(t("ev_flag_repost_only", lang), "0", 10),
    ]
    quality = [
        [
            place(pid),
            q.known,
            *[round(q.share(k), 4) for k in kinds],
            None if q.median_age_days is None else round(q.median_age_days / 365.25, 1),
            q.opinions,
            q.stale,
            q.repost_only,
        ]
        for pid, q in qualities.items()
    ]
    return workbook(
        [
            Sheet(
                t("ev_sources", lang), source_columns, sources, [rule_text(rubric, register, lang)]
            ),
            Sheet(t("xlsx_sheet_ev_levels", lang), level_columns, levels),
            Sheet(t("ev_quality", lang), quality_columns, quality, [t("xlsx_quality_note", lang)]),
        ]
    )


#: A change: its sign always shown ("+2.5", "-1.0", "0.0").
_CHANGE = "+0.0;-0.0;0.0"


def trend_workbook(rubric: Rubric, trend: Trend, lang: str, left_out: Sequence[str] = ()) -> bytes:
    """`trend --format xlsx`: one row per assessment (date, overall and its change, like for
    like where what is known changed, stage, coverage, each dimension and its change), the
    notes under it; and the indicators that changed level, one row per change."""
    from policebench.render.trend import left_out_text, like_for_like_notes
    from policebench.report.parts import rnd

    columns = [
        Column(t("assessed", lang), width=12),
        Column(t("overall", lang), "0.0", 10, (0, 100)),
        Column(t("change", lang), _CHANGE, 9),
        Column(t("xlsx_like_for_like", lang), _CHANGE, 10),
        Column(t("stage", lang), width=12),
        Column(t("coverage", lang), "0%", 9),
    ]
    for d in rubric.dimensions:
        name = localized(d, "name", lang)
        columns += [
            Column(name, "0.0", 14, (0, 100)),
            Column(label(name, lang) + t("change", lang), _CHANGE, 12),
        ]
    steps = [None, *trend.steps]  # the step that ends at each assessment
    rows = []
    for point, step in zip(trend.points, steps, strict=True):
        row: list[Any] = [
            point.assessed,
            rnd(point.overall),
            rnd(point.overall_change),
            None if step is None else rnd(step.like_for_like),
            localized(point.stage, "name", lang) if point.stage else None,
            rnd(point.coverage, 4),
        ]
        for d in rubric.dimensions:
            row += [rnd(point.dimension(d.id)), rnd(point.dimension_changes[d.id])]
        rows.append(row)
    title = f"{t('trend_title', lang)} · {localized(trend, 'name', lang)}"
    notes = [f"{title} · {label(t('rubric', lang), lang)}{localized(rubric, 'name', lang)}"]
    notes += like_for_like_notes(rubric, trend, lang)
    missing = left_out_text(left_out, lang)
    if missing:
        notes.append(missing)
    move_columns = [
        Column(t("period", lang), width=26),
        Column(t("dimension", lang), width=18),
        Column(t("xlsx_id", lang), width=24),
        Column(t("indicator", lang), width=30),
        Column(t("before", lang), "0", 8),
        Column(t("after", lang), "0", 8),
        Column(t("xlsx_direction", lang), width=12),
    ]
    dims = {d.id: d for d in rubric.dimensions}
    moves = [
        [
            f"{step.start.isoformat()} → {step.end.isoformat()}",
            localized(dims[move.dimension], "name", lang),
            move.id,
            localized(rubric.indicators[move.id], "name", lang),
            move.before,
            move.after,
            t(f"xlsx_move_{move.direction}", lang),
        ]
        for step in trend.steps
        for move in step.moves
    ]
    return workbook(
        [
            Sheet(t("xlsx_sheet_assessments", lang), columns, rows, notes),
            Sheet(t("indicator_moves", lang), move_columns, moves),
        ]
    )


#: A probability as a whole percentage, and "<1%" for one that rounds to 0% but happened
#: (as ``report.sensitivity.share_text`` writes it in the terminal); the cell keeps the
#: fraction.
PROBABILITY = '[=0]0%;[<0.005]"<1%";0%'


def sensitivity_workbook(result: SensitivityResult, rubric: Rubric, lang: str) -> bytes:
    """`sensitivity --format xlsx`: every place (not only the best shown in the terminal)
    with its score's band and its rank's, and the probability of each rank (of its point
    rank, beyond MAX_RANK_COLUMNS places) and under each weight set; each dimension's band;
    the first-order indices, all places and each; the method under the first sheet."""
    from policebench.analysis.sensitivity.settings import SOURCES
    from policebench.render.sensitivity import (
        MAX_RANK_COLUMNS,
        method_text,
        samples_text,
        set_names,
    )
    from policebench.report.parts import rnd

    places = result.places
    each_rank = len(places) <= MAX_RANK_COLUMNS
    ranks = range(1, result.sample_ranks + 1) if each_rank else range(0)
    columns = [
        Column("#", "0", 6),
        Column(t("xlsx_id", lang), width=18),
        Column(t("city", lang), width=18),
        Column(t("xlsx_point", lang), "0.0", 9, (0, 100)),
        Column("5%", "0.0", 8),
        Column(t("sens_median", lang), "0.0", 9),
        Column("95%", "0.0", 8),
        Column(t("xlsx_lowest", lang), "0.0", 8),
        Column(t("xlsx_highest", lang), "0.0", 8),
        Column(t("xlsx_rank_median", lang), "0", 10),
        Column(t("xlsx_rank_best", lang), "0", 10),
        Column(t("xlsx_rank_worst", lang), "0", 10),
    ]
    columns += [Column(t("sens_p_rank", lang).format(rank=r), PROBABILITY, 10) for r in ranks]
    if not each_rank:
        columns.append(Column(t("sens_p_point_rank", lang), PROBABILITY, 12))
    sets = set_names(result, lang)
    columns += [Column(label(t("rank", lang), lang) + name, "0", 14) for name in sets]
    rows = []
    for place in places:
        band, rank = place.overall, place.rank
        row: list[Any] = [None if rank is None else rank.point, place.id]
        row.append(localized(place, "name", lang))
        row += (
            [None] * 6
            if band is None
            else [rnd(v) for v in (band.point, band.p5, band.median, band.p95, band.min, band.max)]
        )
        wanted = list(ranks) if each_rank else ([] if rank is None else [rank.point])
        if rank is None:
            row += [None] * (3 + (len(ranks) if each_rank else 1))
        else:
            row += [rank.median, rank.min, rank.max]
            # exact: a rank seen once in 50,000 samples is not rounded to "never"
            row += [rank.probability(r) for r in wanted]
        row += [w.rank[place.id] for w in result.weight_sets]
        rows.append(row)
    notes = [method_text(result, rubric, lang) + " " + samples_text(result, lang)]
    dims = rubric.dimensions
    dim_columns = [Column(t("xlsx_id", lang), width=18), Column(t("city", lang), width=18)]
    for d in dims:
        name = localized(d, "name", lang)
        dim_columns += [
            Column(name, "0.0", 12, (0, 100)),
            Column(label(name, lang) + "5%", "0.0", 10),
            Column(label(name, lang) + "95%", "0.0", 10),
        ]
    dim_rows = []
    for place in places:
        cells: list[Any] = [place.id, localized(place, "name", lang)]
        for d in dims:
            b = place.dimensions[d.id]
            cells += [None] * 3 if b is None else [rnd(b.point), rnd(b.p5), rnd(b.p95)]
        dim_rows.append(cells)
    index_columns = [Column(t("xlsx_id", lang), width=18), Column(t("city", lang), width=18)]
    index_columns += [Column(t(f"sens_{s}", lang), "0.00", 12) for s in SOURCES]
    index_rows: list[list[Any]] = [
        [None, t("sens_all_places", lang), *[rnd(result.index[s], 4) for s in SOURCES]]
    ]
    index_rows += [
        [p.id, localized(p, "name", lang), *[rnd(p.index[s], 4) for s in SOURCES]] for p in places
    ]
    index_notes = [t("sens_index_note", lang), t("xlsx_not_varied_note", lang)]
    return workbook(
        [
            Sheet(t("sens_title", lang), columns, rows, notes),
            Sheet(t("sens_dimensions", lang), dim_columns, dim_rows),
            Sheet(t("xlsx_sheet_index", lang), index_columns, index_rows, index_notes),
        ]
    )
