"""Terminal tables that wrap and never cut.

rich would cut a cell that does not fit with "…" and wraps Chinese text anywhere (a line may
start with "，" and a place name may be split). Here the layout is decided before rich draws:

- every column is either an *atom* (a name, a number, a level, a band: never split, as wide
  as its widest cell) or *text* (wrapped by display width, CJK between any two characters
  but never before a closing or after an opening punctuation mark, English at spaces);
- names a planner typed (``J市``, ``内蒙古自治区``) are passed as ``keep`` and never split;
- a table is drawn in the first of its layouts whose columns all fit the width; when none
  fits, its columns are split into several tables (the key columns repeated in each), and
  when even that is too wide, each row is stacked as "header: value" lines.

Cells are pre-wrapped to their column's width, so rich never has to cut or fold them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from policebench.render.common import FILE_WIDTH as FILE_WIDTH
from policebench.render.common import resolve_width as resolve_width
from policebench.render.common import visible

#: Width of text written to a pipe or a file: what reads well in an editor or a pager.

#: No line may start with these (they close what came before) ...
_CLOSE = frozenset("，。、：；！？）」』】〕》〉”’…％%,.;:!?)]}·")
#: ... nor end with these (they open what comes after).
_OPEN = frozenset("（「『【〔《〈“‘([{")


def cell_len(text: str) -> int:
    """Display width of ``text`` (a CJK character takes two columns)."""
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _wide(ch: str) -> bool:
    """A character that is a piece on its own: CJK, or non-ASCII punctuation."""
    return cell_len(ch) == 2 or (ord(ch) > 0x2000 and (ch in _CLOSE or ch in _OPEN))


def _glued(left: str, right: str) -> bool:
    """No line may break between these two characters: ``right`` closes (，。）) or ``left``
    opens (（「)."""
    return right in _CLOSE or left in _OPEN


def _units(text: str, keep: Sequence[str], cjk_breaks: bool) -> list[tuple[str, bool]]:
    """``text`` as (unit, space before) pairs: the pieces a line may break between."""
    keep_re = (
        re.compile("|".join(re.escape(k) for k in sorted(set(keep), key=len, reverse=True) if k))
        if any(keep)
        else None
    )
    units: list[tuple[str, bool]] = []
    i, space, n = 0, False, len(text)
    while i < n:
        if text[i].isspace():
            space = True
            i += 1
            continue
        match = keep_re.match(text, i) if keep_re else None
        if match:
            tok = match.group()
        elif _wide(text[i]):
            tok = text[i]
        else:
            j = i
            while (
                j < n
                and not text[j].isspace()
                and not _wide(text[j])
                and not (keep_re and j > i and keep_re.match(text, j))
            ):
                j += 1
            tok = text[i : max(j, i + 1)]
        i += len(tok)
        if units and not space:
            prev = units[-1][0]
            glue = _glued(prev[-1], tok[0])
            if not cjk_breaks:  # headers: break only at spaces and around brackets
                glue = glue or not (tok[0] in _OPEN or prev[-1] in _CLOSE)
            if glue:
                units[-1] = (prev + tok, units[-1][1])
                continue
        units.append((tok, space))
        space = False
    return units


def _fold_points(tok: str, width: int) -> list[int]:
    """Where the lines of a piece wider than ``width`` start when it has to be cut (the
    last resort, never for a name): at the last column, or a character or more before it
    where the cut would put a closing mark at the start of a line or leave an opening one
    at the end ("./rubrics，" is cut before "s，", not before "，")."""
    points: list[int] = []
    start, used = 0, 0
    for i, ch in enumerate(tok):
        size = cell_len(ch)
        if i > start and used + size > width:
            cut = i
            while (
                cut - 1 > start
                and _glued(tok[cut - 1], tok[cut])
                and cell_len(tok[cut - 1 : i + 1]) <= width
            ):
                cut -= 1
            if _glued(tok[cut - 1], tok[cut]):  # no better place that fits: at the column
                cut = i
            points.append(cut)
            start, used = cut, cell_len(tok[cut:i])
        used += size
    return points


def _fold(tok: str, width: int) -> list[str]:
    """A piece wider than ``width`` cut into lines (see :func:`_fold_points`)."""
    cuts = [0, *_fold_points(tok, width), len(tok)]
    return [tok[a:b] for a, b in itertools.pairwise(cuts)]


def wrap(text: str, width: int, keep: Sequence[str] = (), *, cjk_breaks: bool = True) -> list[str]:
    """``text`` as lines of at most ``width`` columns, broken where a line may break."""
    lines: list[str] = []
    for line in text.split("\n"):
        para = line.lstrip(" ")
        indent = line[: len(line) - len(para)]
        if indent and cell_len(indent) < width:  # an indented line stays indented
            lines += [indent + x for x in wrap(para, width - cell_len(indent), keep)]
            continue
        cur = ""
        for tok, space in _units(para, keep, cjk_breaks):
            piece = (" " if space and cur else "") + tok
            if cell_len(cur + piece) <= width:
                cur += piece
                continue
            if cur:
                lines.append(cur)
            parts = _fold(tok, width) if cell_len(tok) > width else [tok]
            lines += parts[:-1]
            cur = parts[-1]
        lines.append(cur)
    return lines


_WORD = re.compile(r"\s*\S+\s*")


def break_offsets(text: str, width: int, fold: bool = True) -> list[int]:
    """Where each line after the first starts when ``text`` (one line, no newline) is
    wrapped to ``width`` columns: rich's ``divide_line`` contract, with Chinese line
    breaking. rich breaks only at spaces and folds a line of Chinese (which has none) at
    the last column, so a line may start with "，" or "。"; here a line may also break
    between two characters of which one is CJK, but never before a closing or after an
    opening punctuation mark (the character before "，" moves down with it). A piece wider
    than ``width`` is folded (``fold``) or left whole. Text without CJK breaks as rich's."""
    offsets: list[int] = []
    column = 0
    for match in _WORD.finditer(text):
        word = match.group()
        core_end = match.start() + len(word.rstrip())
        cuts = [match.start()]
        cuts += [
            j
            for j in range(match.start() + len(word) - len(word.lstrip()) + 1, core_end)
            if (_wide(text[j - 1]) or _wide(text[j])) and not _glued(text[j - 1], text[j])
        ]
        for start, end in zip(cuts, [*cuts[1:], match.end()], strict=True):
            piece = text[start:end]
            need = cell_len(piece.rstrip())
            if column + need <= width:
                column += cell_len(piece)
                continue
            if start and column:
                offsets.append(start)
            if need <= width or not fold:
                column = cell_len(piece)
                continue
            points = _fold_points(piece, width)
            offsets += [start + point for point in points]
            column = cell_len(piece[points[-1] :] if points else piece)
    return offsets


def longest_unit(text: str, keep: Sequence[str] = (), *, cjk_breaks: bool = True) -> int:
    """The width of the widest piece of ``text`` a line cannot break inside."""
    return max(
        (cell_len(u) for para in text.split("\n") for u, _ in _units(para, keep, cjk_breaks)),
        default=0,
    )


def widest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


@dataclass(frozen=True)
class Cell:
    """A cell's text with a style for the whole of it (colour on a terminal only)."""

    text: str
    style: str | None = None


@dataclass(frozen=True)
class Column:
    """A column: an atom (never split) unless ``wrap``; ``key`` columns are repeated in every
    part of a table split for the width; ``min`` is the narrowest a text column may get."""

    header: str
    justify: Literal["left", "right", "center"] = "left"
    wrap: bool = False
    key: bool = False
    min: int = 8
    weight: int = 1


@dataclass
class Grid:
    """One layout of a table: its columns, rows, title and caption."""

    columns: list[Column]
    rows: Sequence[Sequence[str | Cell]]
    title: str | None = None
    caption: str | None = None
    show_lines: bool = False
    row_styles: list[str | None] | None = None
    keep: Sequence[str] = field(default_factory=tuple)


def _header_unit(col: Column, grid: Grid) -> int:
    """The widest piece of a header: all of it when it is a name (a place's column)."""
    if col.header in grid.keep:
        return widest_line(visible(col.header))
    return longest_unit(visible(col.header), cjk_breaks=False)


def _text(cell: str | Cell) -> str:
    """A cell's text as shown: control and bidi characters as ``<U+XXXX>`` (measured and
    drawn the same way, so the columns stay aligned)."""
    return visible(cell.text if isinstance(cell, Cell) else cell)


def _overhead(n: int) -> int:
    """The columns rich's box and padding take: a rule at each edge and between columns, a
    space either side of each cell."""
    return 3 * n + 1


def _widths(grid: Grid, width: int) -> list[int] | None:
    """Each column's width so that the table fits ``width``; None when it cannot."""
    spans: list[tuple[int, int]] = []  # (narrowest, natural)
    for n, col in enumerate(grid.columns):
        values = [_text(row[n]) for row in grid.rows]
        head = _header_unit(col, grid)
        if col.wrap:
            natural = max([head, widest_line(col.header), *map(widest_line, values)])
            least = max([head, *(longest_unit(v, grid.keep) for v in values)])
            narrowest = max(least, min(col.min, natural))
            spans.append((narrowest, max(natural, narrowest)))
        else:  # its values whole; its header whole too when there is room
            atom = max([head, *map(widest_line, values)])
            spans.append((atom, max(atom, widest_line(col.header))))
    room = width - _overhead(len(spans))
    widths = [least for least, _ in spans]
    if sum(widths) > room:
        return None

    # Water-filling: every text column gets min(natural, max(narrowest, level x weight)) at
    # the highest level that fits, so short columns are whole before long ones grow.
    def at(level: int) -> list[int]:
        return [
            min(natural, max(least, level * grid.columns[n].weight))
            for n, (least, natural) in enumerate(spans)
        ]

    low, high = 0, max(natural for _, natural in spans)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(at(mid)) <= room:
            low = mid
        else:
            high = mid - 1
    widths = at(low)
    spare = room - sum(widths)
    for n, (_, natural) in enumerate(spans):  # what the rounding left, to the first that want
        give = min(spare, natural - widths[n])
        widths[n] += give
        spare -= give
    return widths


def _draw(grid: Grid, widths: list[int], color: bool, width: int) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    if grid.title:
        parts.append(paragraph(grid.title, width, keep=grid.keep, style="bold"))
    table = Table(header_style="bold", show_lines=grid.show_lines, expand=False)
    for col, w in zip(grid.columns, widths, strict=True):
        header = "\n".join(wrap(visible(col.header), w, grid.keep, cjk_breaks=False))
        table.add_column(Text(header), justify=col.justify, width=w, min_width=w, no_wrap=True)
    styles = grid.row_styles or [None] * len(grid.rows)
    for row, style in zip(grid.rows, styles, strict=True):
        cells = []
        for cell, col, w in zip(row, grid.columns, widths, strict=True):
            text = _text(cell)
            lines = wrap(text, w, grid.keep) if col.wrap else text.split("\n")
            cells.append(
                Text(
                    "\n".join(lines),
                    style=(cell.style or "") if isinstance(cell, Cell) else "",
                    no_wrap=True,
                    overflow="fold",
                )
            )
        table.add_row(*cells, style=style)
    parts.append(table)
    if grid.caption:
        parts.append(paragraph(grid.caption, width, keep=grid.keep))
    return parts


def _split(grid: Grid, width: int, lang: str) -> list[Grid] | None:
    """``grid``'s columns in several tables, each with the key columns, each fitting."""
    keys = [n for n, c in enumerate(grid.columns) if c.key]
    rest = [n for n, c in enumerate(grid.columns) if not c.key]
    groups: list[list[int]] = []
    for n in rest:
        if groups and _widths(_subgrid(grid, keys + groups[-1] + [n]), width) is not None:
            groups[-1].append(n)
            continue
        if _widths(_subgrid(grid, [*keys, n]), width) is None:
            return None
        groups.append([n])
    if len(groups) < 2:
        return None
    more = " (continued)" if lang != "zh" else "（续）"
    grids = []
    for g, group in enumerate(groups):
        part = _subgrid(grid, keys + group)
        part.title = (grid.title or "") + more if g and grid.title else grid.title
        part.caption = grid.caption if g == len(groups) - 1 else None
        grids.append(part)
    return grids


def _subgrid(grid: Grid, columns: list[int]) -> Grid:
    ordered = sorted(columns)
    return replace(
        grid,
        columns=[grid.columns[n] for n in ordered],
        rows=[[row[n] for n in ordered] for row in grid.rows],
    )


def _stacked(grid: Grid, width: int, lang: str, color: bool) -> list[Any]:
    """Each row as lines "header: value", for a width no table fits."""
    from rich.text import Text

    parts: list[Any] = []
    if grid.title:
        parts.append(paragraph(grid.title, width, keep=grid.keep, style="bold"))
    colon = "：" if lang == "zh" else ": "
    for row in grid.rows:
        for n, (col, cell) in enumerate(zip(grid.columns, row, strict=True)):
            text = _text(cell).replace("\n", " ")
            if not text:
                continue
            label = f"{col.header.replace(chr(10), ' ')}{colon}"
            indent = "" if n == 0 else "  "
            parts.append(
                paragraph(label + text, width, keep=grid.keep, indent=indent, hanging="    ")
            )
        parts.append(Text(""))
    if grid.caption:
        parts.append(paragraph(grid.caption, width))
    return parts


def table(*layouts: Grid, width: int, lang: str = "en", color: bool = False) -> list[Any]:
    """The renderables of a table: the first layout that fits ``width``; else the last one
    split into parts that fit; else its rows stacked."""
    for grid in layouts:
        widths = _widths(grid, width)
        if widths is not None:
            return _draw(grid, widths, color, width)
    last = layouts[-1]
    parts = _split(last, width, lang)
    if parts is not None:
        out: list[Any] = []
        for part in parts:
            widths = _widths(part, width)
            assert widths is not None  # _split keeps only parts that fit
            out += _draw(part, widths, color, width)
        return out
    return _stacked(last, width, lang, color)


def paragraph(
    text: str,
    width: int,
    *,
    keep: Sequence[str] = (),
    style: str | None = None,
    indent: str = "",
    hanging: str = "",
) -> Any:
    """A rich Text of ``text`` wrapped to ``width`` (``indent`` before the first line,
    ``hanging`` before the others), which rich will not wrap again."""
    from rich.text import Text

    text = visible(text)
    lines = wrap(text, max(1, width - max(cell_len(indent), cell_len(hanging))), keep)
    lines = [indent + lines[0]] + [hanging + line for line in lines[1:]]
    return Text("\n".join(lines), style=style or "", no_wrap=True, overflow="fold")


def paragraphs(texts: Iterable[str], width: int, **kw: Any) -> list[Any]:
    return [paragraph(text, width, **kw) for text in texts]
