"""Small formatting helpers shared by the renderers."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from typing import Any

from policebench.i18n import t

#: Characters that make a spreadsheet treat a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def num(value: float | None, digits: int = 1, lang: str = "en") -> str:
    """A score for people: one decimal, or the word for unknown."""
    return t("unknown", lang) if value is None else f"{value:.{digits}f}"


def pct(value: float | None, lang: str = "en") -> str:
    """A share as a whole percentage."""
    return t("unknown", lang) if value is None else f"{100 * value:.0f}%"


#: Objects and lists of more scalar values than this are written on one line by to_json.
ONE_LINE_OVER = 16


def to_json(data: Any) -> str:
    """Deterministic, readable JSON (sorted keys, UTF-8 text kept as is, indented by 2).

    An object or list holding only numbers, text, booleans and nulls, more than
    :data:`ONE_LINE_OVER` of them, is written on one line: the rank probabilities of 3,000
    places would otherwise take millions of lines, and Python's indenting encoder is pure
    Python, several times slower than the compact one that writes those lines."""
    leaves: list[str] = []
    # Stands in for a folded value until the indented text is written; the random part
    # keeps any text in the data from passing for one.
    mark = f"\0{secrets.token_hex(8)}:"

    def fold(value: Any) -> Any:
        if isinstance(value, dict):
            if len(value) > ONE_LINE_OVER and all(map(_scalar, value.values())):
                return _placeholder(value, leaves, mark)
            return {key: fold(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            if len(value) > ONE_LINE_OVER and all(map(_scalar, value)):
                return _placeholder(value, leaves, mark)
            return [fold(item) for item in value]
        return value

    text = json.dumps(fold(data), ensure_ascii=False, indent=2, sort_keys=True)
    if leaves:
        escaped = re.escape(json.dumps(mark)[1:-1])
        pattern = re.compile(f'"{escaped}(\\d+)"')
        text = pattern.sub(lambda match: leaves[int(match.group(1))], text)
    return text + "\n"


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _placeholder(value: Any, leaves: list[str], mark: str) -> str:
    leaves.append(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": ")))
    return f"{mark}{len(leaves) - 1}"


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run as a formula.

    A text starting with ``= + - @`` (or tab/CR) gets a leading apostrophe, as spreadsheets
    expect; numbers are left alone so negative values stay numbers.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(header: list[str], rows: list[list[Any]]) -> str:
    """CSV text with a UTF-8 BOM, so Excel and WPS open Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: pipes escaped, newlines folded, HTML inert."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def md_table(header: list[str], rows: list[list[Any]], align: str = "") -> str:
    """A GitHub-flavoured Markdown table; ``align`` gives 'l' or 'r' per column."""
    aligns = (align or "l" * len(header)).ljust(len(header), "l")
    rule = ["---:" if a == "r" else "---" for a in aligns]
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def add_row(table: Any, *cells: Any, style: str | None = None) -> None:
    """Add a row to a rich table with every string shown as typed, never read as markup.

    Planners' text such as ``[/bold]`` would otherwise be console markup (and may crash).
    """
    from rich.text import Text

    table.add_row(
        *(Text(c, overflow="fold") if isinstance(c, str) else c for c in cells), style=style
    )


def plain(text: str) -> Any:
    """A rich Text of ``text`` (for titles and headers that may carry planners' text)."""
    from rich.text import Text

    return Text(text)


def rich_to_text(renderable: Any, *, color: bool, width: int | None = None) -> str:
    """Render a rich object to a string (with ANSI colour codes when ``color``).

    Without ``width``: the terminal's width, or 160 columns when not on a terminal.
    """
    import shutil

    from rich.console import Console

    if width is None:
        width = shutil.get_terminal_size(fallback=(160, 24)).columns

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        color_system="standard" if color else None,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(renderable)
    return buffer.getvalue()
