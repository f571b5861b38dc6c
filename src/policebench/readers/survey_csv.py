"""Reading questionnaire answers from a CSV file or an .xlsx workbook, every bad cell at once.

The layout: one row per respondent; a column per indicator holding the level given (blank =
no answer); optional ``respondent``, ``role`` and ``comment`` columns (or 受访者, 岗位/角色,
备注); a column whose header starts with ``#`` is ignored. A header may also be the
indicator's name, in English or Chinese, as questionnaire tools export the question titles.

How the encoding of a CSV is decided (:func:`decode_answers`; the command prints the one
used): a UTF-8 byte-order mark means UTF-8 (Excel's and WPS's "CSV UTF-8"); else text that
is valid UTF-8 is UTF-8; else text that is valid GB18030 (the superset of GBK, what Excel
and WPS write as "CSV" on Chinese Windows) is GB18030; else the file is refused. A UTF-8 file
is practically never valid GB18030 by accident and the reverse, so the order decides only
for pure ASCII, where both agree. Problems are located as FILE:ROW:COL, where ROW is the
line the record starts on and COL the column number (1 = column A).

An .xlsx workbook (what questionnaire platforms export) is read from its first sheet, or
the sheet named; its cells are read as values (a formula is refused, never computed), after
the zip bounds of :func:`policebench.readers.workbook.prescan`. Problems name their cell:
``answers.xlsx!Sheet1!C3``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from policebench.errors import InvalidInput
from policebench.messages import Msg, os_reason
from policebench.models import Rubric
from policebench.problems import Problem
from policebench.readers.yaml import MAX_BYTES, closest, decode

#: The columns that are not indicators, by the headers each may have.
META_COLUMNS: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "受访者", "答题人"),
    "role": ("role", "岗位", "角色"),
    "comment": ("comment", "comments", "备注", "意见"),
}
#: Cells that mean "no answer", besides a blank one.
NO_ANSWER = {"-", "n/a", "na", "?", "不知道", "不清楚", "不适用"}
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")


@dataclass(frozen=True)
class Response:
    """One respondent's answers: the line the row starts on and a level per indicator."""

    line: int
    respondent: str
    role: str
    comment: str
    levels: dict[str, int]


@dataclass
class SurveyInput:
    """What a CSV file held: the good rows, and the problems of the header and bad rows."""

    file: str
    responses: list[Response] = field(default_factory=list)
    #: Problems that stop the command whatever the options (the header).
    fatal: list[Problem] = field(default_factory=list)
    #: Problems of single rows; ``--skip-bad-rows`` leaves those rows out instead.
    row_problems: list[Problem] = field(default_factory=list)
    #: The bad rows, as (line, respondent) pairs.
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    #: How the file was read: "UTF-8", "UTF-8 with BOM", "GB18030", or "xlsx, sheet NAME".
    read_as: str = ""


def _normal(header: str) -> str:
    return unicodedata.normalize("NFKC", header).strip().lower()


def _header_map(rubric: Rubric) -> dict[str, str]:
    """Every accepted header (normalised) -> the column it stands for."""
    names: dict[str, str] = {}
    for ind in rubric.indicators.values():
        for label in (ind.name, ind.name_zh):
            if label:
                names[_normal(label)] = ind.id
        names[ind.id] = ind.id
    for column, headers in META_COLUMNS.items():
        for header in headers:
            names[_normal(header)] = f"@{column}"
    return names


def _delimiter(first_line: str) -> str:
    """Comma, or the tab or semicolon some spreadsheets write when it is clearly the one."""
    counts = {sep: first_line.count(sep) for sep in (",", "\t", ";")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def _columns(
    header: list[str], rubric: Rubric, file: str
) -> tuple[list[str | None], list[Problem]]:
    """What each column holds (an indicator id, ``@meta`` or None = ignored) and problems."""
    known = _header_map(rubric)
    columns: list[str | None] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for col, raw in enumerate(header, start=1):
        text = _normal(raw)
        if not text or text.startswith("#"):
            columns.append(None)
            continue
        target = known.get(text)
        if target is None:
            choices = list(rubric.indicators) + [h for hs in META_COLUMNS.values() for h in hs]
            hint = closest(text, choices) or Msg("unknown-column-hint")
            problems.append(
                Problem(
                    file, 1, col, Msg("unknown-column", name=raw.strip()), hint, "unknown-column"
                )
            )
            columns.append(None)
            continue
        if target in seen:
            problems.append(
                Problem(
                    file,
                    1,
                    col,
                    Msg("duplicate-column", name=raw.strip(), first=seen[target]),
                    Msg("duplicate-column-hint"),
                    "duplicate-column",
                )
            )
            columns.append(None)
            continue
        seen[target] = col
        columns.append(target)
    return columns, problems


def _level(cell: str, rubric: Rubric) -> tuple[int | None, Msg | None]:
    """The level in ``cell`` (None = no answer) and an error message ('' when fine)."""
    text = unicodedata.normalize("NFKC", cell).strip()
    if not text or text.lower() in NO_ANSWER:
        return None, None
    scale = rubric.scale
    if _WHOLE.fullmatch(text):
        level = int(float(text))
        if level in scale.span:
            return level, None
        return None, Msg("level-range", level=level, min=scale.min, max=scale.max)
    if _NUMBER.fullmatch(text):
        return None, Msg("cell-not-whole", text=text)
    return None, Msg("cell-not-level", text=text)


def _swallowed(cell: str, delimiter: str, width: int) -> int:
    """How many lines inside ``cell`` look like rows of their own (as many separators as the
    header has, less one): the rows an unclosed quote has read as one cell."""
    need = max(1, width - 1)
    return sum(1 for line in cell.split("\n")[1:] if line.count(delimiter) >= need)


#: A record of the answers: the line it starts on, the line it ends on, and its cells.
Record = tuple[int, int, list[str]]


def _csv_records(text: str, file: str) -> Iterator[Record | Problem]:
    """Each record of CSV ``text``; a record the csv module cannot read (a cell past its size
    limit, an unclosed quote running on) ends the reading with a problem at its line."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(
                file,
                reader.line_num,
                1,
                Msg("csv-unreadable-row", reason=str(exc)),
                Msg("csv-unclosed-quote-hint"),
                "csv-syntax",
            )
            return
        yield line, reader.line_num, row
        line = reader.line_num + 1


def parse_responses(text: str, file: str, rubric: Rubric) -> SurveyInput:
    """The responses in CSV ``text`` (already decoded), checked against ``rubric``."""
    first_line = text.split("\n", 1)[0]
    return parse_rows(_csv_records(text, file), file, rubric, _delimiter(first_line))


def parse_rows(
    records: Iterable[Record | Problem], file: str, rubric: Rubric, delimiter: str | None = None
) -> SurveyInput:
    """The responses in ``records`` (the header first), checked against ``rubric``.

    Two faults that would change the result without a word are found: a respondent answering
    twice (``duplicate-respondent``: the second row is a bad row, as --skip-bad-rows sees it)
    and, in a CSV file (``delimiter`` given), a quote never closed (the rows after it read as
    one cell, ``unclosed-quote``) or a row written with another separator. A workbook's cell
    may hold line breaks and commas: those checks are not made on one.
    """
    result = SurveyInput(file)
    rows = iter(records)
    first = next(rows, None)
    if first is None:
        result.fatal.append(Problem(file, 1, 1, Msg("file-empty"), "", "empty"))
        return result
    if isinstance(first, Problem):
        result.fatal.append(first)
        return result
    header = first[2]
    columns, result.fatal = _columns(header, rubric, file)
    hint = Msg("cell-level-hint", min=rubric.scale.min, max=rubric.scale.max)
    #: Rows written with another separator than the header's: (line, the separator).
    other_separator: list[tuple[int, str]] = []
    # Values under no header would be dropped without a word: found, they stop the command.
    headerless: dict[int, int] = {}
    answered: dict[str, int] = {}  # respondent -> the line of their first row
    for record in rows:
        if isinstance(record, Problem):
            result.fatal.append(record)
            break
        start, end, row = record
        if not any(cell.strip() for cell in row):
            continue
        if delimiter is None:
            found = ""
        else:
            for col, cell in enumerate(row, start=1):
                swallowed = _swallowed(cell, delimiter, len(header)) if "\n" in cell else 0
                if swallowed:
                    result.fatal.append(
                        Problem(
                            file,
                            start,
                            col,
                            Msg(
                                "csv-unclosed-quote",
                                column=column_letter(col),
                                end=end,
                                n=swallowed,
                            ),
                            Msg("csv-unclosed-quote-hint"),
                            "unclosed-quote",
                        )
                    )
            found = _other_separator(row, header, delimiter)
        if found:
            # The whole row in one cell: every answer of it would read as blank.
            other_separator.append((start, found))
            continue
        meta = {"@respondent": "", "@role": "", "@comment": ""}
        levels: dict[str, int] = {}
        problems: list[Problem] = []
        for col, cell in enumerate(row, start=1):
            target = columns[col - 1] if col <= len(columns) else None
            if target is None:
                unnamed = col > len(header) or not header[col - 1].strip()
                if unnamed and cell.strip():
                    headerless.setdefault(col, start)
                continue
            if target.startswith("@"):
                meta[target] = cell.strip()
                continue
            level, error = _level(cell, rubric)
            if error:
                problems.append(
                    Problem(
                        file,
                        start,
                        col,
                        Msg("cell-in-column", error=error, column=target),
                        hint,
                        "level",
                    )
                )
            elif level is not None:
                levels[target] = level
        respondent = meta["@respondent"]
        if respondent and respondent in answered:
            col = columns.index("@respondent") + 1
            problems.append(
                Problem(
                    file,
                    start,
                    col,
                    Msg(
                        "csv-duplicate-respondent",
                        respondent=respondent,
                        first=answered[respondent],
                    ),
                    Msg("csv-duplicate-respondent-hint"),
                    "duplicate-respondent",
                )
            )
        elif respondent:
            answered[respondent] = start
        if problems:
            result.row_problems += problems
            result.bad_rows.append((start, respondent))
            continue
        result.responses.append(
            Response(start, respondent, meta["@role"], meta["@comment"], levels)
        )
    for col, at in sorted(headerless.items()):
        result.fatal.append(
            Problem(
                file,
                at,
                col,
                Msg("no-header", column=column_letter(col)),
                Msg("no-header-hint"),
                "no-header",
            )
        )
    if other_separator and delimiter is not None:
        line, found = other_separator[0]
        result.fatal.append(
            Problem(
                file,
                line,
                1,
                Msg(
                    "mixed-separator",
                    found=_SEPARATOR_NAMES[found],
                    used=_SEPARATOR_NAMES[delimiter],
                    n=len(other_separator),
                ),
                Msg("mixed-separator-hint"),
                "mixed-separator",
            )
        )
    return result


_SEPARATOR_NAMES = {",": "','", ";": "';'", "\t": "tab"}


def _other_separator(row: list[str], header: list[str], delimiter: str) -> str:
    """The separator a row is written with when it is not the header's (the row reads as one
    cell holding them); empty when the row is split as the header is."""
    if len(header) < 2 or len(row) != 1:
        return ""
    counts = {sep: row[0].count(sep) for sep in _SEPARATOR_NAMES if sep != delimiter}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ""


def column_letter(col: int) -> str:
    """The spreadsheet name of 1-based column ``col``: 1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_responses(
    path: Path, display: str, rubric: Rubric, sheet: str | None = None
) -> SurveyInput:
    """Read and parse the answers at ``path``: an .xlsx workbook (its first sheet, or
    ``sheet``), else CSV (UTF-8, with or without a byte-order mark, or GB18030/GBK)."""
    if path.suffix.lower() in XLSX_SUFFIXES or _is_zip(path):
        return read_workbook_answers(path, display, rubric, sheet)
    if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
        # A profile given to survey: read as CSV, its lines would be column errors.
        raise InvalidInput(
            [
                Problem(
                    display,
                    0,
                    0,
                    Msg("other-yaml-for-survey"),
                    Msg("other-yaml-for-survey-hint", file=display),
                    "other-command",
                )
            ]
        )
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                [
                    Problem(
                        display, 0, 0, Msg("file-size", size=f"{size / 1_048_576:.1f}"), "", "size"
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(
            [Problem(display, 0, 0, Msg("no-such-file"), Msg("no-such-file-hint"), "io")]
        ) from None
    except IsADirectoryError:
        raise InvalidInput([Problem(display, 0, 0, Msg("is-folder-csv"), "", "io")]) from None
    except OSError as exc:
        raise InvalidInput(
            [Problem(display, 0, 0, Msg("cannot-read", reason=os_reason(exc)), "", "io")]
        ) from None
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            [
                Problem(
                    display,
                    1,
                    1,
                    Msg("not-csv"),
                    Msg("save-csv-hint"),
                    "binary",
                )
            ]
        )
    try:
        text, read_as = decode_answers(raw, display)
    except InvalidInput as exc:
        # The loader's hint speaks of YAML; a questionnaire comes from a spreadsheet.
        raise InvalidInput(
            [
                Problem(
                    p.file,
                    p.line,
                    p.column,
                    p.message,
                    Msg("hint-then", first=p.hint, rest=Msg("save-csv-hint"))
                    if p.hint
                    else Msg("save-csv-hint"),
                    p.code,
                )
                for p in exc.problems
            ]
        ) from None
    return replace(parse_responses(text, display, rubric), read_as=read_as)


_BOM = b"\xef\xbb\xbf"
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def decode_answers(raw: bytes, file: str) -> tuple[str, str]:
    """The text of a CSV and the encoding it was read in (see the module's docstring)."""
    if raw.startswith(_BOM):
        return decode(raw, file), "UTF-8 with BOM"
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("gb18030"), "GB18030"
        except UnicodeDecodeError:
            pass
    return decode(raw, file), "UTF-8"  # raises the loader's message (UTF-16, binary, bad UTF-8)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook_answers(
    path: Path, display: str, rubric: Rubric, sheet: str | None
) -> SurveyInput:
    """The answers on one sheet of an .xlsx workbook, every problem at its cell."""
    from policebench.models.workbook import META_SHEET
    from policebench.readers.workbook import at_cell, cell_name, open_workbook

    wb = open_workbook(path, display)
    if META_SHEET in wb.sheetnames:  # policebench's own workbook: import reads it
        raise InvalidInput(
            [
                Problem(
                    display,
                    0,
                    0,
                    Msg("other-workbook-for-survey"),
                    Msg("other-workbook-for-survey-hint", file=display),
                    "other-command",
                )
            ]
        )
    if sheet is None:
        ws = wb.worksheets[0]
    elif sheet in wb.sheetnames:
        ws = wb[sheet]
    else:
        raise InvalidInput(
            [
                Problem(
                    display,
                    0,
                    0,
                    Msg("wb-no-sheet-named", sheet=sheet, names=tuple(wb.sheetnames)),
                    closest(sheet, wb.sheetnames) or Msg("wb-no-sheet-named-hint"),
                    "no-sheet",
                )
            ]
        )
    formulas: list[Problem] = []
    records: list[Record | Problem] = []
    for row in ws.iter_rows():
        cells: list[str] = []
        for cell in row:
            if cell.data_type == "f":
                formulas.append(
                    at_cell(
                        display,
                        ws.title,
                        int(cell.row or 0),
                        int(cell.column or 0),
                        Msg("wb-formula"),
                        Msg("wb-formula-hint"),
                        code="workbook-formula",
                    )
                )
                cells.append("")
                continue
            cells.append(_cell_text(cell.value))
        if row:
            records.append((int(row[0].row or 0), int(row[0].row or 0), cells))
    for merged in ws.merged_cells.ranges:  # a merged value stands in one cell: the rest are lost
        formulas.append(
            at_cell(
                display,
                ws.title,
                merged.min_row,
                merged.min_col,
                Msg("wb-merged-answers", cells=merged.coord),
                Msg("wb-merged-hint"),
                code="workbook-merged",
            )
        )
    parsed = parse_rows(records, display, rubric)

    def located(problems: list[Problem]) -> list[Problem]:
        return [
            replace(p, cell=f"{ws.title}!{cell_name(p.line, p.column)}" if p.line else ws.title)
            for p in problems
        ]

    return replace(
        parsed,
        fatal=formulas + located(parsed.fatal),
        row_problems=located(parsed.row_problems),
        read_as=f"xlsx, sheet {ws.title}",
    )
