"""A profile as a data-collection workbook (.xlsx) a department fills in Excel or WPS.

``policebench new --format xlsx`` writes it empty, ``policebench export --format xlsx`` filled
from a profile; ``policebench import`` reads it back (``readers/workbook.py``). Layout:
``models/workbook.py``. Sheets: a guide; the place (its id, names, date, assessor, notes, and
the review: status as a drop-down, by whom, when, the reviewer's note); one row per indicator
with what the rubric says (id, dimension, question, the descriptor of every level, a metric's
unit and thresholds: protected) and the cells to fill (level and confidence as drop-downs,
value, evidence, note, applicability (a drop-down) and the reason an indicator does not apply,
target, sources with a reliability drop-down and the dates they describe and were read), then
the statistics of a survey and of several assessors' consensus when the profile has them (the
consensus ones protected: computed, not filled in); a hidden sheet recording the rubric's id,
version and SHA-256.

Protection has no password: it keeps a respondent from breaking the link to the rubric by
accident (ids, descriptors, rows), not from a determined editor; ``import`` checks the ids
anyway. Returns bytes, reproducible (fixed times). openpyxl is imported here only.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from policebench.models import Assessment, Indicator, Profile, Rubric
from policebench.models.base import localized
from policebench.models.workbook import (
    APPLICABLE,
    CONFIDENCES,
    CONSENSUS_COLUMNS,
    DECIDED,
    DESCRIPTOR,
    FILL_COLUMNS,
    FORMAT,
    INPUT_COLUMNS,
    KINDS,
    LEAD_COLUMNS,
    LISTS_SHEET,
    META_SHEET,
    MIN_SOURCES,
    PLACE_FIELDS,
    PLACE_HEADERS,
    RELIABILITIES,
    REVIEW_STATUSES,
    SHEETS,
    SURVEY_COLUMNS,
    assessors_text,
    level_label,
    pick,
    source_headers,
    source_key,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# The guide's text: part of the document (like a template), both languages side by side.
_GUIDE: dict[str, tuple[str, str]] = {
    "title": (
        "Assessment workbook: {name}, against {rubric} ({rid} {version})",
        "评估数据采集表：{name}，评估框架：{rubric}（{rid} {version}）",
    ),
    "steps": (
        "1. On the sheet '{place}', check the place's name and date; add the assessor. The "
        "review rows are for whoever reviews or approves the assessment.\n"
        "2. On the sheet '{indicators}', one row per indicator: read the question and the "
        "level descriptors, then choose the level reached from the drop-down (leave it blank "
        "when unknown). Metric indicators: type the measured value instead; the level follows "
        "from the thresholds. An indicator that does not apply to this place: choose "
        "'{na}' in the column '{applicable}', leave the level blank and write why.\n"
        "3. With a level, choose the confidence and write the evidence (what was seen) and at "
        "least one source (title, URL, reliability, the date it describes, the date it was "
        "read).\n"
        "4. Grey cells are protected (the rubric's texts, and statistics policebench computed): "
        "do not edit ids, insert or delete rows; type values, not formulas.\n"
        "5. When it is filled in, send the workbook back to whoever leads the assessment.",
        "1. 在“{place}”表中核对地区名称和评估日期，填写评估人。审核相关各行由审核或批准评估的"
        "人员填写。\n"
        "2. 在“{indicators}”表中，每行一项指标：阅读问题和各级描述，从下拉列表选择达到的等级"
        "（不清楚的留空）。计量指标请填写实测数值，等级由阈值自动得出。某项指标不适用于本地区的，"
        "请在“{applicable}”列选择“{na}”，等级留空，并写明原因。\n"
        "3. 选定等级后，请选择置信度，填写证据（看到了什么）和至少一个来源（标题、网址、"
        "可靠性、来源所述日期、访问日期）。\n"
        "4. 灰色单元格已保护（评估框架的内容，以及 policebench 计算的统计数据）：请勿修改标识、"
        "插入或删除行；请填写数值，不要用公式。\n"
        "5. 填好后请交回评估牵头部门。",
    ),
    "levels": ("Levels", "等级"),
    "rubric": ("Rubric", "评估框架"),
    "version": ("Version", "版本"),
    "sha256": ("Rubric SHA-256", "评估框架 SHA-256"),
    "metric": (
        "{unit}; {steps}; below {first}: level {low}",
        "单位：{unit}；{steps}；低于 {first}：{low}级",
    ),
    "step": ("level {level} from {value}", "{value} 起为{level}级"),
    "sep": ("; ", "；"),
    "distribution_sep": (", ", ", "),
}

_HEADER_FILL = "FF1F4E79"
_LOCKED_FILL = "FFEDEDED"
_WIDTHS = {
    "id": 22,
    "dimension": 18,
    "indicator": 24,
    "question": 40,
    "metric": 26,
    "consensus_assessors": 30,
    "consensus_rationale": 40,
}


def _g(key: str, lang: str, **fields: object) -> str:
    return pick(_GUIDE[key], lang).format(**fields)


def _metric_text(rubric: Rubric, ind: Indicator, lang: str) -> str | None:
    if ind.kind != "metric" or not ind.thresholds:
        return None
    steps = _g("sep", lang).join(
        _g("step", lang, level=level, value=f"{needed:g}")
        for level, needed in sorted(ind.thresholds.items())
    )
    first = min(ind.thresholds.items())[1]
    return _g(
        "metric",
        lang,
        unit=localized(ind, "unit", lang) or "",
        steps=steps,
        first=f"{first:g}",
        low=rubric.scale.min,
    )


def indicator_columns(
    rubric: Rubric, sources: int, survey: bool, *, consensus: bool = False
) -> dict[str, tuple[str, str]]:
    """Every column of the indicator sheet, in order: key -> (English, Chinese) header; the
    survey's and the consensus' statistics only when asked (when a profile has them)."""
    scale = rubric.scale
    columns = dict(LEAD_COLUMNS)
    for level in scale.span:
        columns[f"level_{level}"] = (
            DESCRIPTOR[0].format(n=level, name=scale.name_of(level, "en")),
            DESCRIPTOR[1].format(n=level, name=scale.name_of(level, "zh")),
        )
    columns.update(FILL_COLUMNS)
    for n in range(1, sources + 1):
        columns.update(source_headers(n))
    if survey:
        columns.update(SURVEY_COLUMNS)
    if consensus:
        columns.update(CONSENSUS_COLUMNS)
    return columns


def _text(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write ``value`` into a cell as the value itself: a text starting with ``=`` stays text
    (openpyxl would otherwise store it as a formula)."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _word(table: dict[str, tuple[str, str]], value: str | None, lang: str) -> str | None:
    return None if value is None else pick(table[value], lang)


def _entry_cells(
    rubric: Rubric, ind: Indicator, entry: Assessment, target: int | None, lang: str
) -> dict[str, Any]:
    scale = rubric.scale

    def level(n: int | None) -> str | None:
        return None if n is None else level_label(n, scale.name_of(n, lang))

    cells: dict[str, Any] = {
        "level": level(entry.level),
        "value": entry.value,
        "confidence": _word(CONFIDENCES, entry.confidence, lang),
        "evidence": entry.evidence,
        "evidence_zh": entry.evidence_zh,
        "note": entry.note,
        "note_zh": entry.note_zh,
        "applicable": None if entry.applicable else pick(APPLICABLE["false"], lang),
        "reason": entry.reason,
        "reason_zh": entry.reason_zh,
        "target": level(target),
    }
    for n, source in enumerate(entry.sources, start=1):
        cells[source_key(n, "title")] = source.title
        cells[source_key(n, "title_zh")] = source.title_zh
        cells[source_key(n, "url")] = source.url
        cells[source_key(n, "reliability")] = _word(RELIABILITIES, source.reliability, lang)
        cells[source_key(n, "date")] = source.date
        cells[source_key(n, "accessed")] = source.accessed
    if entry.survey is not None:
        cells["survey_answers"] = entry.survey.answers
        cells["survey_agreement"] = entry.survey.agreement
        cells["survey_distribution"] = ", ".join(
            f"{lv}: {count}" for lv, count in sorted(entry.survey.distribution.items())
        )
    if entry.consensus is not None:
        stats = entry.consensus
        cells["consensus_assessors"] = assessors_text(stats.assessors, lang)
        cells["consensus_agreement"] = stats.agreement
        cells["consensus_spread"] = stats.spread
        cells["consensus_decided"] = pick(DECIDED[stats.decided], lang)
        cells["consensus_rationale"] = stats.rationale
    return cells


def _width_of(key: str) -> float:
    """The width of an indicator-sheet column, in characters."""
    return _WIDTHS.get(key, 40 if key.startswith(("level_", "evidence", "note", "reason")) else 16)


def _height(cells: list[tuple[Any, float]]) -> float:
    """A row height (points) showing every wrapped text in full: spreadsheets do not grow a
    row for text written by a program. A Chinese character takes two columns of width."""
    import unicodedata

    lines = 1
    for value, width in cells:
        if not isinstance(value, str):
            continue
        for part in value.split("\n"):
            used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in part)
            lines = max(lines, -(-used // max(int(width * 0.95), 1)))
    return float(min(15 * lines + 3, 409))


def _print_setup(ws: Worksheet, *, fit: bool) -> None:
    """Printed (or saved as PDF): A4; a short sheet fitted to the page's width, the long one
    in landscape with its header row and id, dimension and name columns on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = 9  # A4
    if fit:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.page_setup.orientation = "landscape"
        ws.print_title_rows = "1:1"
        ws.print_title_cols = "A:C"


def render_workbook(
    profile: Profile, rubric: Rubric, rubric_sha256: str, lang: str = "en"
) -> bytes:
    """The workbook of ``profile`` (every indicator of ``rubric``, in rubric order)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    from policebench.render.office import stable_zip

    scale = rubric.scale
    wb = Workbook()
    header_font = Font(bold=True, color="FFFFFFFF")
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    locked_fill = PatternFill("solid", fgColor=_LOCKED_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)

    # ---------------------------------------------------------------- guide
    guide = wb.active
    assert guide is not None
    guide.title = pick(SHEETS["guide"], lang)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 100
    title = _g(
        "title",
        lang,
        name=localized(profile, "name", lang),
        rubric=localized(rubric, "name", lang),
        rid=rubric.id,
        version=rubric.version,
    )
    _text(guide, 1, 1, title).font = Font(bold=True, size=14)
    steps = _g(
        "steps",
        lang,
        place=pick(SHEETS["place"], lang),
        indicators=pick(SHEETS["indicators"], lang),
        applicable=pick(FILL_COLUMNS["applicable"], lang),
        na=pick(APPLICABLE["false"], lang),
    )
    _text(guide, 3, 1, steps).alignment = wrap
    guide.merge_cells("A3:B3")
    guide.row_dimensions[3].height = 200
    rows = [
        (_g("rubric", lang), f"{localized(rubric, 'name', lang)} ({rubric.id})"),
        (_g("version", lang), rubric.version),
        (_g("sha256", lang), rubric_sha256),
        (_g("levels", lang), ", ".join(level_label(n, scale.name_of(n, lang)) for n in scale.span)),
    ]
    for n, (name, text) in enumerate(rows, start=5):
        _text(guide, n, 1, name).font = Font(bold=True)
        _text(guide, n, 2, text).alignment = wrap
    guide.protection.sheet = True

    # ---------------------------------------------------------------- drop-down choices
    lists = wb.create_sheet(LISTS_SHEET)
    choices = {
        "A": [level_label(n, scale.name_of(n, lang)) for n in scale.span],
        "B": [pick(pair, lang) for pair in CONFIDENCES.values()],
        "C": [pick(pair, lang) for pair in RELIABILITIES.values()],
        "D": [pick(pair, lang) for pair in KINDS.values()],
        "E": [pick(pair, lang) for pair in APPLICABLE.values()],
        "F": [pick(pair, lang) for pair in REVIEW_STATUSES.values()],
    }
    for column, words in choices.items():
        for n, word in enumerate(words, start=1):
            _text(lists, n, ord(column) - 64, word)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True

    def dropdown(column: str) -> DataValidation:
        count = len(choices[column])
        dv = DataValidation(
            type="list",
            formula1=f"{LISTS_SHEET}!${column}$1:${column}${count}",
            allow_blank=True,
            errorStyle="warning",
        )
        return dv

    # ---------------------------------------------------------------- place
    place = wb.create_sheet(pick(SHEETS["place"], lang))
    for col, pair in enumerate(PLACE_HEADERS.values(), start=1):
        cell = _text(place, 1, col, pick(pair, lang))
        cell.font, cell.fill = header_font, header_fill
    review = profile.review
    fields: dict[str, Any] = {
        "id": profile.id,
        "name": profile.name,
        "name_zh": profile.name_zh,
        "kind": _word(KINDS, profile.kind, lang),
        "rubric": profile.rubric,
        "assessed": profile.assessed,
        "assessor": profile.assessor,
        "assessor_zh": profile.assessor_zh,
        "notes": profile.notes,
        "notes_zh": profile.notes_zh,
        "review.status": None if review is None else _word(REVIEW_STATUSES, review.status, lang),
        "review.by": None if review is None else review.by,
        "review.date": None if review is None else review.date,
        "review.note": None if review is None else review.note,
    }
    kind_dv, status_dv = dropdown("D"), dropdown("F")
    place.add_data_validation(kind_dv)
    place.add_data_validation(status_dv)
    for row, (key, pair) in enumerate(PLACE_FIELDS.items(), start=2):
        _text(place, row, 1, key).fill = locked_fill
        _text(place, row, 2, pick(pair, lang)).fill = locked_fill
        cell = _text(place, row, 3, fields[key])
        cell.alignment = wrap
        if isinstance(fields[key], dt.date):
            cell.number_format = "yyyy-mm-dd"
        if key in ("id", "rubric"):
            cell.fill = locked_fill
        else:
            cell.protection = unlocked
        if key == "kind":
            kind_dv.add(cell.coordinate)
        if key == "review.status":
            status_dv.add(cell.coordinate)
    place.column_dimensions["A"].width = 14
    place.column_dimensions["B"].width = 28
    place.column_dimensions["C"].width = 80
    place.freeze_panes = "A2"
    place.protection.sheet = True

    # ---------------------------------------------------------------- indicators
    sheet = wb.create_sheet(pick(SHEETS["indicators"], lang))
    entries = profile.indicators
    most = max((len(e.sources) for e in entries.values()), default=0)
    survey = any(e.survey is not None for e in entries.values())
    agreed = any(e.consensus is not None for e in entries.values())
    columns = indicator_columns(rubric, max(MIN_SOURCES, most), survey, consensus=agreed)
    index = {key: n for n, key in enumerate(columns, start=1)}
    for key, pair in columns.items():
        cell = _text(sheet, 1, index[key], pick(pair, lang))
        cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
    from openpyxl.utils import get_column_letter

    level_dv, conf_dv, rel_dv = dropdown("A"), dropdown("B"), dropdown("C")
    applicable_dv = dropdown("E")
    for dv in (level_dv, conf_dv, rel_dv, applicable_dv):
        sheet.add_data_validation(dv)
    row = 1
    for dim in rubric.dimensions:
        for ind in dim.indicators:
            row += 1
            fixed: dict[str, Any] = {
                "id": ind.id,
                "dimension": localized(dim, "name", lang),
                "indicator": localized(ind, "name", lang),
                "question": localized(ind, "question", lang),
                "metric": _metric_text(rubric, ind, lang),
            }
            zh_levels = ind.levels_zh if lang == "zh" else {}
            for level in scale.span:
                fixed[f"level_{level}"] = zh_levels.get(level) or ind.levels.get(level)
            entry = entries.get(ind.id) or Assessment()
            filled = _entry_cells(rubric, ind, entry, profile.targets.get(ind.id), lang)
            for key, col in index.items():
                value = fixed.get(key) if key in fixed else filled.get(key)
                cell = _text(sheet, row, col, value)
                cell.alignment = wrap
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                editable = key in INPUT_COLUMNS or key.startswith("src") or key in SURVEY_COLUMNS
                if key == "value" and ind.kind != "metric":
                    editable = False
                if key == "applicable" and not ind.allow_not_applicable and entry.applicable:
                    editable = False  # the rubric does not let this indicator be marked n/a
                if editable:
                    cell.protection = unlocked
                else:
                    cell.fill = locked_fill
            sheet.row_dimensions[row].height = _height(
                [(fixed.get(k) if k in fixed else filled.get(k), _width_of(k)) for k in index]
            )
    last = row
    letter = get_column_letter
    assert last > 1
    level_dv.add(f"{letter(index['level'])}2:{letter(index['level'])}{last}")
    level_dv.add(f"{letter(index['target'])}2:{letter(index['target'])}{last}")
    conf_dv.add(f"{letter(index['confidence'])}2:{letter(index['confidence'])}{last}")
    applicable_dv.add(f"{letter(index['applicable'])}2:{letter(index['applicable'])}{last}")
    for key, col in index.items():
        if key.endswith("_reliability"):
            rel_dv.add(f"{letter(col)}2:{letter(col)}{last}")
        sheet.column_dimensions[letter(col)].width = _width_of(key)
    sheet.freeze_panes = sheet.cell(row=2, column=index["indicator"] + 1).coordinate
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # a respondent may widen a column
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False
    sheet.auto_filter.ref = f"A1:{letter(len(index))}{last}"

    # ---------------------------------------------------------------- meta (hidden)
    meta = wb.create_sheet(META_SHEET)
    for n, (key, value) in enumerate(
        [
            ("format", FORMAT),
            ("rubric", rubric.id),
            ("version", rubric.version),
            ("sha256", rubric_sha256),
            ("lang", lang),
        ],
        start=1,
    ):
        _text(meta, n, 1, key)
        _text(meta, n, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True

    _print_setup(guide, fit=True)
    _print_setup(place, fit=True)
    _print_setup(sheet, fit=False)  # 30 columns: across pages, the ids and names on each
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = "policebench"
    wb.properties.created = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    return stable_zip(buffer.getvalue())
