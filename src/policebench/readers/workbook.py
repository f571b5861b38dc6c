"""Reading a filled data-collection workbook (.xlsx) back into a profile, every problem at once.

The workbook is the one ``new``/``export --format xlsx`` write (layout: ``models/workbook.py``).
Before openpyxl opens it, the file is checked as a zip without unpacking it to memory
(:func:`prescan`): its size, the uncompressed size of its parts, their compression ratio,
the number of cells, and no DTD (no entity expansion): an .xlsx is a zip, and a small one
can unpack to gigabytes. An .xls or WPS .et (an OLE2 compound file) and a password-protected
workbook (also OLE2: encrypted OOXML) are told apart and refused with what to do.

Cells are read as values, never evaluated: a formula is refused (its result is not in the
file unless a spreadsheet saved it, and is never computed here). Headers are matched in
either language. What the cells hold becomes a :class:`Document` whose positions are cells
(:class:`CellDocument`), so the profile is built and checked by the same code as a YAML
profile (``validation.build_profile``, ``check_profile``): ``3级``, ``三`` or ``中`` are read
as meant, with a warning, and every problem names its cell: ``my-city.xlsx!Indicators!D7``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policebench.errors import InvalidInput
from policebench.messages import Msg, OneOf, os_reason
from policebench.models import Profile, Rubric
from policebench.models.workbook import (
    APPLICABLE,
    APPLICABLE_ALSO,
    CONFIDENCES,
    CONSENSUS_COLUMNS,
    DECIDED,
    DESCRIPTOR,
    ENTRY_COLUMNS,
    FILL_COLUMNS,
    FORMAT,
    FORMER_HEADERS,
    KINDS,
    LEAD_COLUMNS,
    META_SHEET,
    PLACE_FIELDS,
    RELIABILITIES,
    REVIEW_STATUSES,
    SHEETS,
    SOURCE_PARTS,
    SURVEY_COLUMNS,
    UNKNOWN,
    level_label,
    parse_assessors,
    pick,
)
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Bounds checked before the workbook is opened (a filled workbook is some hundred kB).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_CELLS = 200_000
MAX_PARTS = 1_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SOURCE_HEADER = re.compile(r"(?:source\s*(\d+)\s*:\s*(.+)|来源\s*(\d+)\s*[:：]\s*(.+))", re.I)


#: Problems a profile check places at an indicator's entry (or its ``applicable`` key), better
#: shown at the cell to fill: code -> (the cell's key in an English workbook, in a Chinese one).
_CELL_OF_CODE = {
    "no-confidence": ("confidence", "confidence"),
    "no-evidence": ("evidence", "evidence_zh"),
    "no-source": ("sources", "sources"),
    "not-applicable-no-reason": ("reason", "reason_zh"),
}


@dataclass
class CellDocument(Document):
    """A document read from a workbook: each path's position is a cell (sheet, row, column)."""

    cells: dict[YamlPath, tuple[str, int, int]] = field(default_factory=dict)
    #: The workbook's language (its meta sheet): which of two cells a problem points at.
    lang: str = "en"
    #: What a cell is called in the workbook, by (sheet, row, 0) on the place sheet (the
    #: row's description) and (sheet, 0, column) on the indicators sheet (its header).
    labels: dict[tuple[str, int, int], str] = field(default_factory=dict)

    def cell_of(self, path: YamlPath) -> tuple[str, int, int]:
        probe = tuple(path)
        while probe and probe not in self.cells:
            probe = probe[:-1]
        return self.cells.get(probe, ("", 0, 0))

    def problem(
        self,
        path: YamlPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        code: str,
        severity: str = "error",
    ) -> Problem:
        if code in _CELL_OF_CODE and len(path) in (2, 3) and path[0] == "indicators":
            en, zh = _CELL_OF_CODE[code]
            path = (*path[:2], zh if self.lang == "zh" else en)  # the empty cell to fill
        sheet, row, col = self.cell_of(path)
        label = self.labels.get((sheet, row, 0)) or self.labels.get((sheet, 0, col))
        if isinstance(message, Msg) and label:
            message, hint = _in_cell_words(message, hint, path, self.lang, label)
        if code == "missing-key" and label and tuple(path) in self.cells:
            # "add 'title:' here" is YAML: in a workbook the key's cell is there, and empty.
            message, hint = Msg("wb-empty-cell", label=label), Msg("wb-empty-cell-hint")
        elif label and isinstance(hint, Msg) and (hint.id, code) in _CELL_HINTS:
            # "write level: 3", "or null": what to type in YAML; a cell has its list.
            hint = Msg(_CELL_HINTS[hint.id, code], **hint.args)
        return at_cell(self.file, sheet, row, col, message, hint, code, severity)


#: Hints worded for YAML, by id and problem code, and the same advice for a workbook's
#: cell (a level, a confidence and a target have drop-down lists; unknown is empty).
_CELL_HINTS = {
    ("write-as", "level-form"): "wb-pick-from-list",
    ("write-as", "confidence-form"): "wb-pick-from-list",
    ("write-as", "null-form"): "wb-leave-empty",
    ("level-range-hint", "level-range"): "wb-level-range-hint",
    ("hint-one-number", "level-form"): "wb-one-level-hint",
    ("hint-one-confidence", "confidence-form"): "wb-pick-from-list",
    ("hint-ambiguous-none", "level-form"): "wb-ambiguous-none-hint",
    ("no-evidence-hint", "no-evidence"): "wb-no-evidence-hint",
    ("no-source-hint", "no-source"): "wb-no-source-hint",
    ("no-confidence-hint", "no-confidence"): "wb-no-confidence-hint",
}


#: The drop-down words of a cell, by the key it fills (``review.status`` for review:).
_DROP_DOWNS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": KINDS,
    "confidence": CONFIDENCES,
    "reliability": RELIABILITIES,
    "review.status": REVIEW_STATUSES,
    "applicable": APPLICABLE,
    "decided": DECIDED,
}
#: How a value was typed, as YAML says it and as a cell does: a cell has no quotes, but a
#: number can be stored as text.
_CELL_HOW = {
    "how-number-in-quotes": "how-number-as-text",
    "how-in-quotes": "how-as-text",
    # '很高' in a Chinese workbook: being Chinese is not what is wrong with it
    "how-chinese-word": "how-not-in-list",
}


def _in_cell_words(
    message: Msg, hint: str, path: YamlPath, lang: str, label: str
) -> tuple[Msg, str]:
    """``message`` and ``hint`` in the words of a workbook's cell: the cell named by its
    ``label`` (its row's or its column's, '类型' rather than 'kind'), the choices of its
    drop-down list in the workbook's language (not the codes a profile stores), and a value
    that is text in the cell rather than in quotes."""
    subject = message.args.get("subject")
    if isinstance(subject, Msg) and subject.id == "subject-name":
        message = Msg(message.id, **{**message.args, "subject": Msg("subject-name", name=label)})
    keys = [k for k in path if isinstance(k, str)]
    key = "review.status" if keys[-2:] == ["review", "status"] else (keys[-1] if keys else "")
    table = _DROP_DOWNS.get(key)
    if message.id in ("not-one-of", "not-true-or-false") and table:
        words = OneOf(f"'{pick(pair, lang)}'" for pair in table.values())
        # The YAML hint names a code ('primary'); a cell's list holds the words of the sheet.
        return Msg("not-one-of", **{**message.args, "expected": words}), Msg("wb-choose-from-list")
    if message.id != "read-as":
        return message, hint
    args = dict(message.args)
    how, shown = args.get("how"), args.get("shown")
    if isinstance(how, Msg) and how.id in _CELL_HOW:
        args["how"] = Msg(_CELL_HOW[how.id])
    if table and isinstance(shown, str) and shown in table:  # read as 'high': as '高' is listed
        args["shown"] = pick(table[shown], lang)
    return Msg("read-as", **args), hint


def cell_name(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def at_cell(
    file: str,
    sheet: str,
    row: int,
    col: int,
    message: str,
    hint: str,
    code: str,
    severity: str = "error",
) -> Problem:
    """A problem at a cell (``file!Sheet!D7``), at a sheet, or at the whole file."""
    where = f"{sheet}!{cell_name(row, col)}" if sheet and row and col else sheet
    return Problem(file, row, col, message, hint, code, severity, cell=where)


class _Refusal:
    """The problem of a workbook refused as a whole (no cell), raised before it is read."""

    @staticmethod
    def fail(file: str, message: str, hint: str = "", *, code: str) -> InvalidInput:
        return InvalidInput([Problem(file, 0, 0, message, hint, code)])


_refuse = _Refusal()


# --------------------------------------------------------------------------- before opening


def prescan(path: Path, file: str) -> None:
    """Refuse what openpyxl should never open: not a workbook, too big, a zip bomb, a DTD."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise _refuse.fail(file, Msg("no-such-file"), Msg("no-such-file-hint"), code="io") from None
    except IsADirectoryError:
        raise _refuse.fail(file, Msg("wb-is-folder"), "", code="io") from None
    except OSError as exc:
        raise _refuse.fail(file, Msg("cannot-read", reason=os_reason(exc)), "", code="io") from None
    if head.startswith(_OLE2):
        message, hint = _ole2_kind(path)
        raise _refuse.fail(file, message, hint, code="workbook-format")
    if size > MAX_FILE_BYTES:
        raise _refuse.fail(
            file,
            Msg("wb-too-big", size=f"{size / 1_048_576:.1f}", limit=MAX_FILE_BYTES // 1_048_576),
            Msg("wb-too-big-hint"),
            code="workbook-size",
        )
    if not head.startswith(b"PK"):
        suffix = path.suffix.lower()
        if suffix in (".yaml", ".yml"):  # a profile given to import: export makes a workbook
            raise _refuse.fail(
                file,
                Msg("other-yaml-for-import"),
                Msg("other-yaml-for-import-hint", file=file),
                code="other-command",
            )
        if suffix in (".csv", ".tsv", ".txt"):  # questionnaire answers: survey reads them
            raise _refuse.fail(
                file,
                Msg("other-csv-for-import"),
                Msg("other-csv-hint", file=file),
                code="other-command",
            )
        raise _refuse.fail(
            file, Msg("wb-not-xlsx"), Msg("wb-save-xlsx-hint"), code="workbook-format"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            _check_parts(archive, file)
    except zipfile.BadZipFile as exc:
        damage, hint = _damage(str(exc))
        raise _refuse.fail(file, damage, hint, code="workbook-format") from None


def _damage(detail: str) -> tuple[Msg, Msg]:
    """What Python's zipfile says of a damaged workbook, in the planner's words when it is
    one of its known phrases (kept, in English, when it is not), and what to do."""
    if detail in ("File is not a zip file", "Truncated file header"):
        # No central directory: the end of the file is missing. Download or copy it again.
        return Msg("wb-damaged-end"), Msg("wb-damaged-end-hint")
    if detail.startswith(("Bad magic number", "Bad CRC-32")):
        return Msg("wb-damaged-part"), Msg("wb-save-again-hint")
    return Msg("wb-damaged", detail=detail), Msg("wb-save-again-hint")


def _ole2_kind(path: Path) -> tuple[Msg, Msg]:
    """What an OLE2 file is: an encrypted (password-protected) workbook, or an .xls/.et."""
    with path.open("rb") as handle:
        body = handle.read(4 * 1024 * 1024)
    if (
        "EncryptionInfo".encode("utf-16-le") in body
        or "EncryptedPackage".encode("utf-16-le") in body
    ):
        return Msg("wb-encrypted"), Msg("wb-encrypted-hint")
    return Msg("wb-old-format"), Msg("wb-old-format-hint")


def _check_parts(archive: zipfile.ZipFile, file: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise _refuse.fail(file, Msg("wb-too-many-parts", n=len(infos)), "", code="workbook-size")
    if "[Content_Types].xml" not in archive.namelist():
        raise _refuse.fail(
            file, Msg("wb-zip-not-xlsx"), Msg("wb-save-xlsx-hint"), code="workbook-format"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise _refuse.fail(
            file,
            Msg("wb-parts-encrypted"),
            Msg("wb-parts-encrypted-hint"),
            code="workbook-format",
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise _refuse.fail(
            file,
            Msg("wb-unpacks-to", size=f"{total / 1_048_576:.0f}"),
            Msg("wb-unpacks-to-hint", limit=MAX_UNPACKED_BYTES // 1_048_576),
            code="workbook-size",
        )
    cells = 0
    for info in infos:
        if (
            info.compress_size
            and info.file_size / info.compress_size > MAX_RATIO
            and (info.file_size > 1_048_576)
        ):
            raise _refuse.fail(
                file,
                Msg(
                    "wb-part-ratio",
                    part=info.filename,
                    ratio=info.file_size // info.compress_size,
                ),
                Msg("wb-new-workbook-hint"),
                code="workbook-size",
            )
        if not info.filename.endswith((".xml", ".rels")):
            continue
        cells += _scan_xml(archive, info, file)
        if cells > MAX_CELLS:
            raise _refuse.fail(
                file,
                Msg("wb-too-many-cells", cells=f"{MAX_CELLS:,}"),
                Msg("wb-too-many-cells-hint"),
                code="workbook-size",
            )


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> int:
    """Cells in one XML part, read in chunks, with the uncompressed size held to its header
    (a lying header is caught) and no DTD (entities are how XML bombs expand)."""
    cells = 0
    read = 0
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(1 << 20):
            read += len(chunk)
            if read > info.file_size or read > MAX_UNPACKED_BYTES:
                raise _refuse.fail(
                    file, Msg("wb-part-larger", part=info.filename), "", code="workbook-size"
                )
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _refuse.fail(
                    file,
                    Msg("wb-dtd", part=info.filename),
                    Msg("wb-save-from-office-hint"),
                    code="workbook-format",
                )
            if info.filename.startswith("xl/worksheets/"):
                cells += (
                    window.count(b"<c ")
                    + window.count(b"<c>")
                    - (tail.count(b"<c ") + tail.count(b"<c>"))
                )
            tail = window[-16:]
    return cells


# --------------------------------------------------------------------------- reading cells


def open_workbook(path: Path, file: str) -> Workbook:
    """The workbook at ``path``, checked first (:func:`prescan`), opened for values as typed."""
    prescan(path, file)
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
            return load_workbook(path, data_only=False, keep_vba=False, keep_links=False)
    except Exception as exc:  # a third-party parser on untrusted input: any failure is the file's
        raise _refuse.fail(
            file,
            Msg("wb-unreadable", detail=f"{type(exc).__name__}: {exc}"),
            Msg("wb-save-again-hint"),
            code="workbook-format",
        ) from None


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _find_sheet(wb: Workbook, key: str) -> Worksheet | None:
    names = {_normal(n) for n in SHEETS[key]}
    for ws in wb.worksheets:
        if _normal(ws.title) in names:
            return ws
    return None


def _words(table: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Every word of a drop-down, in both languages -> the profile's value."""
    return {_normal(w): value for value, pair in table.items() for w in pair}


@dataclass
class _Reader:
    file: str
    rubric: Rubric
    problems: list[Problem] = field(default_factory=list)
    doc: CellDocument = field(init=False)

    def __post_init__(self) -> None:
        self.doc = CellDocument(self.file, {})

    def problem(
        self,
        ws: Worksheet | None,
        row: int,
        col: int,
        message: str,
        hint: str,
        *,
        code: str,
        severity: str = "error",
    ) -> None:
        self.problems.append(
            at_cell(self.file, ws.title if ws else "", row, col, message, hint, code, severity)
        )

    def value(self, ws: Worksheet, row: int, col: int) -> Any:
        """A cell's value as typed; a formula is a problem (and no value)."""
        cell = ws.cell(row=row, column=col)
        value = cell.value
        if cell.data_type == "f" or (
            isinstance(value, str) and value.startswith("=") and cell.data_type == "f"
        ):
            self.problem(
                ws, row, col, Msg("wb-formula"), Msg("wb-formula-hint"), code="workbook-formula"
            )
            return None
        if not isinstance(value, (str, int, float, dt.date, dt.datetime)) and value is not None:
            return str(value)
        if isinstance(value, str):
            value = value if value.strip() else None
        return value

    def merged(self, ws: Worksheet) -> None:
        for ranges in ws.merged_cells.ranges:
            self.problem(
                ws,
                ranges.min_row,
                ranges.min_col,
                Msg("wb-merged", cells=ranges.coord),
                Msg("wb-merged-hint"),
                code="workbook-merged",
            )


def _text_value(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _date_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    return value.strip() if isinstance(value, str) else value


def _level_value(value: Any, labels: dict[str, int]) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        found = labels.get(_normal(value))
        return found if found is not None else value
    return value


def _word_value(value: Any, words: dict[str, str]) -> Any:
    if isinstance(value, str):
        return words.get(_normal(value), value)
    return value


_APPLICABLE_WORDS = _words(APPLICABLE) | {_normal(w): v for w, v in APPLICABLE_ALSO.items()}


def _applicable_value(value: Any) -> Any:
    """``applicable`` from its cell: a word of the drop-down in either language (or yes/no,
    是/否, n/a), TRUE/FALSE as a spreadsheet stores them; anything else is left for the
    model to refuse at its cell."""
    if isinstance(value, str):
        found = _APPLICABLE_WORDS.get(_normal(value))
        return value if found is None else found == "true"
    return value


def read_meta(wb: Workbook, file: str) -> dict[str, str]:
    """What the hidden sheet records (format, rubric, version, sha256, lang)."""
    if META_SHEET not in wb.sheetnames:
        raise _refuse.fail(
            file,
            Msg("wb-not-ours", sheet=META_SHEET),
            Msg("wb-not-ours-hint", file=file),
            code="workbook-not-ours",
        )
    ws = wb[META_SHEET]
    meta: dict[str, str] = {}
    for row in ws.iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            meta[row[0]] = "" if row[1] is None else str(row[1])
    if meta.get("format") != FORMAT:
        raise _refuse.fail(
            file,
            Msg("wb-unknown-format", found=meta.get("format", ""), format=FORMAT),
            Msg("wb-unknown-format-hint"),
            code="workbook-not-ours",
        )
    return meta


def read_workbook(
    path: Path, file: str, rubric: Rubric, rubric_sha256: str
) -> tuple[Profile, list[Problem]]:
    """The profile a filled workbook holds, and its warnings; InvalidInput with every problem
    (each at its cell) when it does not make a valid profile for ``rubric``."""
    from policebench.validation.build import build_profile
    from policebench.validation.forms import level_names
    from policebench.validation.profile_checks import (
        broken_against_rubric,
        check_profile,
        evidence_warnings,
    )

    wb = open_workbook(path, file)
    meta = read_meta(wb, file)
    reader = _Reader(file, rubric)
    reader.doc.lang = "zh" if meta.get("lang") == "zh" else "en"
    place = _find_sheet(wb, "place")
    sheet = _find_sheet(wb, "indicators")
    for key, ws in (("place", place), ("indicators", sheet)):
        if ws is None:
            en, zh = SHEETS[key]
            reader.problem(
                None,
                0,
                0,
                Msg("wb-no-sheet", en=en, zh=zh),
                Msg("wb-no-sheet-hint"),
                code="workbook-sheet",
            )
    if place is None or sheet is None:
        raise InvalidInput(reader.problems)
    warnings = _check_rubric(meta, rubric, rubric_sha256, sheet, reader)
    reader.merged(place)
    reader.merged(sheet)
    data: dict[str, Any] = {}
    _read_place(place, reader, data)
    _read_indicators(sheet, reader, data)
    # What the cells hold is built and checked as a YAML profile is, even when some cells
    # were refused above (those are left out of the data): every problem at once.
    doc = reader.doc
    doc.data = data
    profile, problems, _ = build_profile(
        doc, level_names(rubric.scale.levels, rubric.scale.levels_zh)
    )
    if profile is not None:
        # What a YAML profile is checked for on every read: the rubric, then levels without
        # evidence or source and source dates that cannot be right (warnings).
        problems += check_profile(profile, rubric, doc) + evidence_warnings(profile, doc)
    else:  # a level outside the scale among the other mistakes, not on the next import
        problems += broken_against_rubric(doc, rubric)
    problems = reader.problems + problems
    # A cell refused (a formula) reads as empty: the warning that it is empty says no more.
    refused = {p.cell for p in problems if p.severity == "error" and "!" in p.cell}
    problems = [p for p in problems if p.severity == "error" or p.cell not in refused]
    if profile is None or any(p.severity == "error" for p in problems):
        raise InvalidInput(_ordered(warnings + problems, wb))
    return profile, warnings + problems


def _ordered(problems: list[Problem], wb: Workbook) -> list[Problem]:
    order = {name: n for n, name in enumerate(wb.sheetnames)}
    return sorted(problems, key=lambda p: (order.get(p.cell.split("!")[0], -1), p.line, p.column))


def _check_rubric(
    meta: dict[str, str], rubric: Rubric, sha256: str, sheet: Worksheet, reader: _Reader
) -> list[Problem]:
    """A workbook made for another rubric, or another version of it: what differs."""
    made = f"{meta.get('rubric')} {meta.get('version')}"
    if meta.get("rubric") != rubric.id:
        reader.problem(
            None,
            0,
            0,
            Msg("wb-other-rubric", made=str(meta.get("rubric")), used=rubric.id),
            Msg("wb-other-rubric-hint"),
            code="workbook-rubric",
        )
        raise InvalidInput(reader.problems)
    if meta.get("version") != rubric.version:
        ids = _sheet_ids(sheet)
        removed = tuple(i for i in ids if i not in rubric.indicators)
        added = tuple(i for i in rubric.indicators if i not in ids)
        if removed and added:
            changes = Msg("wb-changes-both", removed=removed, added=added)
        elif removed:
            changes = Msg("wb-changes-removed", removed=removed)
        elif added:
            changes = Msg("wb-changes-added", added=added)
        else:
            changes = Msg("wb-changes-none")
        reader.problem(
            None,
            0,
            0,
            Msg(
                "wb-other-version",
                made=made,
                used=f"{rubric.id} {rubric.version}",
                changes=changes,
            ),
            Msg("wb-other-version-hint"),
            code="workbook-rubric-version",
        )
        raise InvalidInput(reader.problems)
    if meta.get("sha256") and meta.get("sha256") != sha256:
        reader.problem(
            None,
            0,
            0,
            Msg("wb-rubric-changed", version=rubric.version),
            Msg("wb-rubric-changed-hint"),
            code="workbook-rubric-changed",
            severity="warning",
        )
        return [reader.problems.pop()]
    return []


def _sheet_ids(sheet: Worksheet, col: int = 1) -> list[str]:
    ids = []
    for (value,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col, values_only=True):
        if isinstance(value, str) and value.strip():
            ids.append(value.strip())
    return ids


def _id_hint(typed: str, row: int, present: set[str], rubric: Rubric) -> str:
    """What an edited id was: the id the rubric's order puts on this row when that one has
    no row now, else the closest of the ids without a row."""
    order = list(rubric.indicators)
    missing = [i for i in order if i not in present]
    if 0 <= row - 2 < len(order) and order[row - 2] in missing:
        return Msg("wb-id-by-order", id=order[row - 2])
    return closest(typed, missing) or Msg("wb-id-keep")


def _review_words() -> dict[str, str]:
    """The review status in either language: the drop-down's words, and the longer ones the
    tool's reports use (i18n ``review_*``: ``draft, not yet reviewed``, ``草稿，尚未审核``)."""
    from policebench.i18n import t

    words = _words(REVIEW_STATUSES)
    for status in REVIEW_STATUSES:
        for lang in ("en", "zh"):
            words[_normal(t(f"review_{status}", lang))] = status
    return words


def _read_place(ws: Worksheet, reader: _Reader, data: dict[str, Any]) -> None:
    kinds, statuses = _words(KINDS), _review_words()
    seen: set[str] = set()
    for row in range(2, ws.max_row + 1):
        key = reader.value(ws, row, 1)
        if key is None:
            continue
        key = str(key).strip()
        if key not in PLACE_FIELDS:
            reader.problem(
                ws,
                row,
                1,
                Msg("wb-unknown-field", key=key),
                closest(key, list(PLACE_FIELDS)) or Msg("wb-unknown-field-hint"),
                code="workbook-id",
            )
            continue
        seen.add(key)
        value = reader.value(ws, row, 3)
        path: YamlPath = tuple(key.split("."))  # review.status: review's status
        reader.doc.cells[path] = (ws.title, row, 3)
        reader.doc.labels[(ws.title, row, 0)] = str(reader.value(ws, row, 2) or key)
        reader.doc.values[path] = (row, 3)
        if len(path) > 1:  # where a review without its status is shown: the status cell
            reader.doc.cells.setdefault(path[:1], (ws.title, row, 3))
        if value is None:
            continue
        if key == "kind":
            value = _word_value(value, kinds)
        elif key == "review.status":
            value = _word_value(value, statuses)  # another word: refused at its cell
        elif key in ("assessed", "review.date"):
            value = _date_value(value)
        else:
            value = _text_value(value)
        target = data
        for part in path[:-1]:
            target = target.setdefault(str(part), {})
        target[str(path[-1])] = value
    for key in ("id", "name", "rubric", "assessed"):
        if key not in seen:
            reader.problem(
                ws,
                0,
                0,
                Msg("wb-missing-field", key=key),
                Msg("wb-missing-field-hint"),
                code="workbook-missing-row",
            )


def _header_keys(rubric: Rubric) -> dict[str, str]:
    """Every accepted header of the indicator sheet (normalised) -> its column key."""
    scale = rubric.scale
    keys: dict[str, str] = {}
    for table in (LEAD_COLUMNS, FILL_COLUMNS, SURVEY_COLUMNS, CONSENSUS_COLUMNS):
        for key, pair in table.items():
            for header in pair:
                keys[_normal(header)] = key
    keys.update((_normal(header), key) for header, key in FORMER_HEADERS.items())
    for level in scale.span:
        for lang, pattern in (("en", DESCRIPTOR[0]), ("zh", DESCRIPTOR[1])):
            keys[_normal(pattern.format(n=level, name=scale.name_of(level, lang)))] = (
                f"level_{level}"
            )
    return keys


_PARTS = {
    _normal(word): part
    for part, pair in SOURCE_PARTS.items()
    for word in (pair[0].split(": ", 1)[1], pair[1].split("：", 1)[1])
}


def _column_key(header: str, keys: dict[str, str]) -> str | None:
    text = _normal(header)
    if text in keys:
        return keys[text]
    match = _SOURCE_HEADER.fullmatch(text)
    if match:
        n = match.group(1) or match.group(3)
        part = _PARTS.get(_normal(match.group(2) or match.group(4)))
        if part and 0 < int(n) <= 100:
            return f"src{int(n)}_{part}"
    return None


def _read_indicators(ws: Worksheet, reader: _Reader, data: dict[str, Any]) -> None:
    rubric = reader.rubric
    keys = _header_keys(rubric)
    columns: dict[str, int] = {}
    for col in range(1, ws.max_column + 1):
        raw = reader.value(ws, 1, col)
        if raw is None:
            continue
        key = _column_key(str(raw), keys)
        if key is None:
            reader.problem(
                ws,
                1,
                col,
                Msg("unknown-column", name=str(raw)),
                Msg("wb-unknown-column-hint"),
                code="workbook-column",
            )
        elif key in columns:
            reader.problem(
                ws,
                1,
                col,
                Msg("wb-repeated-column", header=str(raw)),
                Msg("wb-repeated-column-hint"),
                code="workbook-column",
            )
        else:
            columns[key] = col
            reader.doc.labels[(ws.title, 0, col)] = str(raw).strip()
    for needed in ("id", "level", "confidence"):
        if needed not in columns:
            en, zh = (LEAD_COLUMNS | FILL_COLUMNS)[needed]
            reader.problem(
                ws,
                1,
                0,
                Msg("wb-missing-column", en=en, zh=zh),
                Msg("wb-missing-column-hint"),
                code="workbook-column",
            )
    if "id" not in columns:
        return
    labels: dict[str, int] = {}
    for level in rubric.scale.span:
        for lang in ("en", "zh"):
            labels[_normal(level_label(level, rubric.scale.name_of(level, lang)))] = level
    confidences, reliabilities = _words(CONFIDENCES), _words(RELIABILITIES)
    sources = sorted({int(k[3:].split("_")[0]) for k in columns if k.startswith("src")})
    if sources:
        first_source = min(c for k, c in columns.items() if k.startswith("src"))
    indicators: dict[str, Any] = {}
    targets: dict[str, Any] = {}
    seen: dict[str, int] = {}
    id_col = columns["id"]
    present = set(_sheet_ids(ws, id_col))
    for row in range(2, ws.max_row + 1):
        values = {key: reader.value(ws, row, col) for key, col in columns.items()}
        ind_id = values.get("id")
        if ind_id is None:
            filled = [k for k, v in values.items() if v is not None]
            if filled:
                reader.problem(
                    ws,
                    row,
                    id_col,
                    Msg("wb-row-without-id"),
                    Msg("wb-row-without-id-hint"),
                    code="workbook-id",
                )
            continue
        ind_id = str(ind_id).strip()
        if ind_id not in rubric.indicators:
            reader.problem(
                ws,
                row,
                id_col,
                Msg("wb-unknown-indicator", id=ind_id, rubric=rubric.id),
                _id_hint(ind_id, row, present, rubric),
                code="workbook-id",
            )
            continue
        if ind_id in seen:
            reader.problem(
                ws,
                row,
                id_col,
                Msg("wb-repeated-indicator", id=ind_id, row=seen[ind_id]),
                Msg("wb-repeated-indicator-hint"),
                code="workbook-id",
            )
            continue
        seen[ind_id] = row
        path: YamlPath = ("indicators", ind_id)
        reader.doc.cells[path] = (ws.title, row, id_col)
        if sources:  # where a level without a source is shown: the first source's cells
            reader.doc.cells[(*path, "sources")] = (ws.title, row, first_source)
        entry: dict[str, Any] = {}

        def put(
            key: str, value: Any, at: YamlPath, col: int, target: dict[str, Any], row: int = row
        ) -> None:
            reader.doc.cells[at] = (ws.title, row, col)
            reader.doc.values[at] = (row, col)
            if value is not None:
                target[key] = value

        for key in ENTRY_COLUMNS:
            if key not in columns:
                continue
            value = values[key]
            if key == "level":
                value = _level_value(value, labels)
            elif key == "value":
                value = value.strip() if isinstance(value, str) else value
            elif key == "confidence":
                value = _word_value(value, confidences)
            elif key == "applicable":
                value = _applicable_value(value)
            else:
                value = _text_value(value)
            put(key, value, (*path, key), columns[key], entry)
        if "target" in columns:
            target = _level_value(values["target"], labels)
            put(ind_id, target, ("targets", ind_id), columns["target"], targets)
        listed: list[dict[str, Any]] = []
        for n in sources:
            group = {
                part: values.get(f"src{n}_{part}")
                for part in SOURCE_PARTS
                if f"src{n}_{part}" in columns
            }
            if all(v is None for v in group.values()):
                continue
            source: dict[str, Any] = {}
            at: YamlPath = (*path, "sources", len(listed))
            first = min(columns[f"src{n}_{part}"] for part in group)
            reader.doc.cells[at] = (ws.title, row, first)
            for part, value in group.items():
                if part == "reliability":
                    value = _word_value(value, reliabilities)
                elif part in ("date", "accessed"):
                    value = _date_value(value)
                else:
                    value = _text_value(value)
                put(part, value, (*at, part), columns[f"src{n}_{part}"], source)
            listed.append(source)
        if listed:
            entry["sources"] = listed
        survey = _survey(values, columns, row, ws, reader, path)
        if survey is not None:
            entry["survey"] = survey
        agreed = _consensus(values, columns, row, ws, reader, path, labels)
        if agreed is not None:
            entry["consensus"] = agreed
        if entry:
            indicators[ind_id] = entry
    missing = [i for i in rubric.indicators if i not in seen]
    if missing:
        reader.problem(
            ws,
            0,
            0,
            Msg(
                "wb-no-row" if len(missing) == 1 else "wb-no-rows",
                n=len(missing),
                ids=tuple(missing),
            ),
            Msg("wb-no-row-hint"),
            code="workbook-missing-row",
        )
    if targets:
        data["targets"] = targets
    data["indicators"] = indicators


def _survey(
    values: dict[str, Any],
    columns: dict[str, int],
    row: int,
    ws: Worksheet,
    reader: _Reader,
    path: YamlPath,
) -> dict[str, Any] | None:
    if "survey_answers" not in columns or values.get("survey_answers") is None:
        return None
    at: YamlPath = (*path, "survey")
    reader.doc.cells[at] = (ws.title, row, columns["survey_answers"])
    survey: dict[str, Any] = {"answers": _level_value(values["survey_answers"], {})}
    if values.get("survey_agreement") is not None:
        survey["agreement"] = values["survey_agreement"]
    text = values.get("survey_distribution")
    distribution: dict[int, int] = {}
    if isinstance(text, str):
        for part in text.split(","):
            level, sep, count = part.partition(":")
            if not sep or not level.strip().isdigit() or not count.strip().isdigit():
                reader.problem(
                    ws,
                    row,
                    columns["survey_distribution"],
                    Msg("wb-survey-distribution", text=text),
                    Msg("wb-survey-distribution-hint"),
                    code="workbook-survey",
                )
                return None
            distribution[int(level)] = int(count)
    survey["distribution"] = distribution
    return survey


_DECIDED_WORDS = _words(DECIDED)
_UNKNOWN_WORDS = {_normal(word) for word in (*UNKNOWN, "null")}


def _consensus(
    values: dict[str, Any],
    columns: dict[str, int],
    row: int,
    ws: Worksheet,
    reader: _Reader,
    path: YamlPath,
    labels: dict[str, int],
) -> dict[str, Any] | None:
    """The consensus statistics of a row (``consensus``'s, protected: read back as written),
    when any of their cells is filled; what the model refuses, it refuses at its cell."""
    present = [key for key in CONSENSUS_COLUMNS if key in columns]
    if not any(values.get(key) is not None for key in present):
        return None
    at: YamlPath = (*path, "consensus")
    reader.doc.cells[at] = (ws.title, row, columns[present[0]])
    stats: dict[str, Any] = {}
    for key in present:
        field_name = key.removeprefix("consensus_")
        value = values[key]
        reader.doc.cells[(*at, field_name)] = (ws.title, row, columns[key])
        reader.doc.values[(*at, field_name)] = (row, columns[key])
        if value is None:
            continue
        if key == "consensus_assessors":
            assessors = _assessors(value, labels, row, columns[key], ws, reader)
            if assessors is None:
                continue  # the problem is told; the rest of the row is still read
            value = assessors
        elif key == "consensus_spread":
            value = _level_value(value, {})
        elif key == "consensus_decided":
            value = _word_value(value, _DECIDED_WORDS)
        elif key == "consensus_rationale":
            value = _text_value(value)
        stats[field_name] = value
    return stats


def _assessors(
    value: Any, labels: dict[str, int], row: int, col: int, ws: Worksheet, reader: _Reader
) -> dict[str, int | None] | None:
    """``alice: 2, bob: 3, carol: unknown`` (``未知``; a level also as its drop-down label,
    ``2 发展``) as the assessors' levels; None, with the problem at its cell, when it is not
    such a list or names an assessor twice."""
    pairs = parse_assessors(value) if isinstance(value, str) else None
    levels: dict[str, int | None] = {}
    for name, typed in pairs or []:
        word = _normal(typed)
        level: int | None
        if word in _UNKNOWN_WORDS:
            level = None
        elif re.fullmatch(r"-?[0-9]{1,9}", word):
            level = int(word)
        elif word in labels:
            level = labels[word]
        else:
            pairs = None
            break
        if name in levels:
            reader.problem(
                ws,
                row,
                col,
                Msg("wb-consensus-repeated", name=name),
                Msg("wb-consensus-repeated-hint"),
                code="workbook-consensus",
            )
            return None
        levels[name] = level
    if pairs is None:
        reader.problem(
            ws,
            row,
            col,
            Msg("wb-consensus-assessors", text=_text_value(value)),
            Msg("wb-consensus-assessors-hint"),
            code="workbook-consensus",
        )
        return None
    return levels
