"""Small formatting helpers shared by the renderers."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
from typing import Any

import orjson

from policebench.i18n import t
from policebench.report import OneLine

#: Characters that make a spreadsheet treat a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def num(value: float | None, digits: int = 1, lang: str = "en") -> str:
    """A score for people: one decimal, or the word for unknown."""
    return t("unknown", lang) if value is None else f"{value:.{digits}f}"


def pct(value: float | None, lang: str = "en") -> str:
    """A share as a whole percentage."""
    return t("unknown", lang) if value is None else f"{100 * value:.0f}%"


def ranked_count(ranks: list[int | None]) -> int:
    """How many of a ranking's places have a rank (``rank_cell``'s ``ranked``)."""
    return sum(r is not None for r in ranks)


def rank_cell(rank: int | None, ranked: int) -> str:
    """A ranking's "#" for people, ``ranked`` places of it having a rank (counted once per
    ranking: ``ranked_count``): the rank, or "—" for a place with nothing known (it has no
    rank) and for the one place with a score (first of one is no rank); ``ranking_notes``
    says which."""
    return "—" if rank is None or ranked < 2 else str(rank)


def ranking_notes(ranks: list[int | None], lang: str) -> list[str]:
    """The captions of a ranking's "—" (``rank_cell``) when it shows several places: for a
    place with nothing known, and for the only one with a score."""
    if len(ranks) < 2:
        return []
    notes = [t("unranked_unknown", lang)] if None in ranks else []
    if ranked_count(ranks) == 1:
        notes.append(t("ranked_alone", lang))
    return notes


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def to_json(data: Any) -> str:
    """Deterministic, readable JSON: sorted keys, UTF-8 text kept as is, indented by 2, each
    :class:`OneLine` on one line.

    Written by orjson (Rust): 20 MB of scores in 0.08 s, where Python's indenting encoder,
    pure Python, took 1.5 s and a hybrid of its C parts 0.9 s. The text is what
    ``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)`` writes for the data
    policebench renders, apart from the one-line runs; orjson differs in corners that data
    never reaches (``1e-05`` is written ``0.00001``; numeric keys are sorted as text; NaN,
    which no model lets in, is ``null``). An integer past 64 bits, which orjson refuses, is
    written by the standard library instead.
    """
    try:
        return orjson.dumps(data, default=_one_line, option=_OPTIONS).decode() + "\n"
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _one_line(value: Any) -> orjson.Fragment:
    """orjson's hook for what it does not write itself: a :class:`OneLine`, on one line."""
    if isinstance(value, OneLine):
        return orjson.Fragment(orjson.dumps(tuple(value)))
    raise TypeError(f"{type(value).__name__} is not JSON data")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run as a formula.

    A text starting with ``= + - @`` (or tab/CR) gets a leading apostrophe, as spreadsheets
    expect; numbers are left alone so negative values stay numbers.
    """
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(_FORMULA_START):
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


#: Characters that move the cursor, clear a terminal, set its title, hide or reorder text:
#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional controls (U+202E
#: shows "exe.txt" for "txt.exe"). The one rule, in every output format: they are shown as
#: ``<U+XXXX>``, never passed on.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control and bidirectional character shown as ``<U+XXXX>``."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def visible_value(value: Any) -> Any:
    """:func:`visible` for text (kept as the same kind of string: jinja2's Markup stays
    Markup), anything else as it is."""
    if isinstance(value, str) and _CONTROL.search(value):
        return type(value)(visible(str(value)))
    return value


#: The URL schemes a report may link to; any other (javascript:, data:, file:, ...) is shown
#: as text, in every format.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_URL_QUOTED = {" ": "%20", "<": "%3C", ">": "%3E", "|": "%7C", '"': "%22", "`": "%60"}


def safe_url(value: Any) -> str:
    """``value`` as a link target when it is an http(s) or mailto URL (spaces, brackets and
    pipes percent-encoded, so that it cannot end the link or a table row); ``""`` when it is
    none: the caller then shows it as text."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    match = _SCHEME.match(text)
    if match is None or match.group(1).lower() not in SAFE_SCHEMES or _CONTROL.search(text):
        return ""
    if "\n" in text or "\\" in text:
        return ""
    return "".join(_URL_QUOTED.get(c, c) for c in text)


class MdSafe(str):
    """Text already made safe for Markdown (by :func:`md_cell` or :func:`md_link`): a Markdown
    template's finalize passes it through instead of escaping it again."""

    __slots__ = ()


#: What Markdown would read as emphasis, code or strike-through: shown as typed instead.
_MD_MARKS = str.maketrans({c: "\\" + c for c in "*_`~"})


def md_cell(value: Any) -> MdSafe:
    """Text safe inside a Markdown table cell, and anywhere in Markdown: pipes escaped,
    newlines folded, HTML inert, no link or image (``[`` and ``]`` escaped, so ``![x](u)``
    shows as typed), no emphasis, code or strike-through (``*星*`` shows its stars),
    control characters made visible."""
    if isinstance(value, MdSafe):
        return value
    text = "" if value is None else visible(str(value))
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    text = text.replace("[", "\\[").replace("]", "\\]").translate(_MD_MARKS)
    return MdSafe(text.replace("<", "&lt;").replace(">", "&gt;"))


def md_em_note(text: Any, lang: str) -> MdSafe:
    """A note after a name, in brackets and emphasised: "（*前置*）", " *(prerequisite)*".
    The emphasis goes inside the full-width brackets: CommonMark does not open ``*``
    between a Chinese character and "（"."""
    inner = md_cell(text)
    return MdSafe(f"（*{inner}*）" if lang == "zh" else f" *({inner})*")


def md_link(title: Any, url: Any) -> MdSafe:
    """A Markdown link to ``url`` when it is an allowed one (:func:`safe_url`); else the
    title with the URL as plain text beside it."""
    target = safe_url(url)
    if target:
        return MdSafe(f"[{md_cell(title)}](<{target}>)")
    if url:
        return MdSafe(f"{md_cell(title)} ({md_cell(url)})")
    return md_cell(title)


def md_finalize(value: Any) -> Any:
    """What a Markdown template writes for ``{{ value }}``: text escaped by :func:`md_cell`
    unless already made safe (the ``md`` filter, :func:`md_link`); numbers as they are."""
    if isinstance(value, str) and not isinstance(value, MdSafe):
        return md_cell(value)
    return value


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
        *(Text(visible(c), overflow="fold") if isinstance(c, str) else c for c in cells),
        style=style,
    )


def plain(text: str) -> Any:
    """A rich Text of ``text`` (for titles and headers that may carry planners' text)."""
    from rich.text import Text

    return Text(visible(text))


class _Controlled:
    """A rich renderable whose text reaches the terminal without a control character: the
    last guard of the terminal format, after layout (cells and titles made by ``add_row`` and
    ``plain`` already show them as <U+XXXX>; what is left, in text no renderer guarded, is
    removed here, where it takes no column, so that the table stays aligned)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        for segment in console.render(self.inner, options):
            if segment.control or not _CONTROL.search(segment.text):
                yield segment
            else:
                yield Segment(_CONTROL.sub("", segment.text), segment.style)


#: The width of text written to a pipe or a file (no terminal to ask).
FILE_WIDTH = 100


def resolve_width(width: int | None) -> int:
    """The width to lay out for: ``width`` if given; else COLUMNS, else the terminal's when
    stdout is one, else :data:`FILE_WIDTH` (a pipe or a file)."""
    if width is not None:
        return width
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if getattr(sys.stdout, "isatty", lambda: False)():
        return shutil.get_terminal_size(fallback=(FILE_WIDTH, 24)).columns
    return FILE_WIDTH


def rich_to_text(renderable: Any, *, color: bool, width: int | None = None) -> str:
    """Render a rich object to a string (with ANSI colour codes when ``color``).

    Without ``width``: COLUMNS, the terminal's width, or 100 columns when not on a terminal
    (:func:`resolve_width`). No line ends in spaces.
    """
    from rich.console import Console

    renderable = _Controlled(renderable)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=resolve_width(width),
        color_system="standard" if color else None,
        legacy_windows=False,
        soft_wrap=False,
    )
    console.print(renderable)
    return _TRAILING.sub(r"\1", buffer.getvalue())


#: Spaces at the end of a line (before any closing colour codes).
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
