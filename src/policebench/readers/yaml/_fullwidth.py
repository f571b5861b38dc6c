"""Full-width punctuation a Chinese input method types into YAML structure, found at its place.

With a Chinese input method on, ``:`` comes out as ``：`` (U+FF1A), ``,`` as ``，``, the space
bar may give the ideographic space U+3000 and ``-`` may give ``－`` (U+FF0D). YAML sees none of
them as structure: ``level： 2`` is a piece of text, not a key and its value, so what libyaml
or the models report (a syntax error a line further down, an unknown key ``'level： 2'``, text
where a mapping is expected) says nothing of the real mistake.

Nothing here runs while a file reads well: only a YAML syntax error (:func:`in_syntax_error`)
or a model error on a key or a text value (:func:`in_scalar`) looks for these characters, and
only on the lines involved. A character counts where it stands for structure: ``：`` right
after a key-like word (not inside a value after ``key: ``, where Chinese text has every right
to it), ``，`` between the items of a ``[...]`` or ``{...}``, U+3000 in the indentation and
``－`` where a list dash goes. Quoted text and comments are never looked at.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from policebench.messages import Msg
from policebench.problems import Problem

COLON = "\uff1a"  # ：
COMMA = "\uff0c"  # ，
LIST_COMMA = "\u3001"  # 、
SPACE = "\u3000"  # ideographic space
DASH = "\uff0d"  # －

#: The most problems said of one syntax error (a line of 16,000 '：' makes as many marks).
MOST = 200

#: Every character looked for, for a quick ``in`` test before any line is read.
CHARACTERS = frozenset((COLON, COMMA, LIST_COMMA, SPACE, DASH))


@dataclass(frozen=True)
class Mark:
    """One full-width character standing for structure: 0-based column, the character and,
    for a colon, the key before it and the line as it should read."""

    column: int
    char: str
    key: str = ""
    fixed: str = ""


def _masked(line: str) -> str:
    """``line`` with quoted text and a comment blanked out (same length, so columns hold)."""
    out = list(line)
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        before = line[i - 1] if i else " "
        if c == "#" and before in " \t" + SPACE:
            out[i:] = " " * (n - i)
            break
        if c in "'\"" and before in " \t[{,:" + SPACE + COMMA:
            j = i + 1
            while j < n:
                if c == '"' and line[j] == "\\":
                    j += 2
                    continue
                if line[j] == c:
                    if c == "'" and j + 1 < n and line[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            out[i + 1 : min(j, n)] = " " * (min(j, n) - i - 1)
            i = j + 1
            continue
        i += 1
    return "".join(out)


def marks(line: str) -> list[Mark]:
    """The full-width characters in ``line`` that stand where YAML structure goes."""
    line = line.rstrip("\r\n")
    if not CHARACTERS.intersection(line):
        return []
    text = _masked(line)
    found: list[Mark] = []
    n = len(text)
    i = 0
    while i < n and text[i] in " \t" + SPACE:  # indentation
        if text[i] == SPACE:
            found.append(Mark(i, SPACE))
            while i < n and text[i] in " \t" + SPACE:
                i += 1
            break
        i += 1
    while i < n and text[i] in "-" + DASH:  # list dashes
        if text[i] == "-" and i + 1 < n and text[i + 1] not in " \t" + SPACE:
            break  # "-x" is text, not a dash
        if text[i] == DASH:
            found.append(Mark(i, DASH))
        i += 1
        while i < n and text[i] in " \t" + SPACE:
            i += 1
    key_from: int | None = i  # where a key may start; None inside a value
    value_start = True  # whether a '[' or '{' here opens a flow collection
    depth = 0
    stops: list[int] | None = None  # made once, if a value inside [...] or {...} needs it
    for j in range(i, n):
        c = text[j]
        if c in " \t":
            continue
        if c in "[{" and (value_start or depth):
            depth += 1
            key_from, value_start = j + 1, True
            continue
        if depth and c in "]}":
            depth -= 1
        elif depth and c == ",":
            key_from, value_start = j + 1, True
            continue
        elif depth and c in (COMMA, LIST_COMMA):
            found.append(Mark(j, c))
            key_from, value_start = j + 1, True
            continue
        elif c == ":" and (j + 1 == n or text[j + 1] in " \t" or (depth and text[j + 1] in ",]}")):
            key_from, value_start = None, True
            continue
        elif c == COLON and key_from is not None and text[key_from:j].strip():
            key = line[key_from:j].strip()
            end = n
            if depth:  # in a [...] or {...}, the value ends at the next separator
                if stops is None:
                    stops = _next_stops(text)
                end = stops[j + 1] if j + 1 < n else n
            rest = line[j + 1 : end].lstrip(" \t" + SPACE).rstrip()
            plain = unicodedata.normalize("NFKC", rest)
            if plain != rest and plain.isascii() and plain.replace(".", "", 1).isdigit():
                rest = plain  # 'level：２' is to be typed 'level: 2', digits half-width too
            fixed = f"{key}: {rest}".rstrip() if rest else f"{key}:"
            found.append(Mark(j, COLON, key, _short(fixed)))
            key_from, value_start = None, True
            continue
        value_start = False
    return found


def _next_stops(text: str) -> list[int]:
    """For each column of ``text``, the column of the next ',', ']', '}' (or their
    full-width forms) at or after it, else its length: one pass, so that a line of
    thousands of items costs no more than its length."""
    stops = [len(text)] * (len(text) + 1)
    for k in range(len(text) - 1, -1, -1):
        stops[k] = k if text[k] in ",]}" + COMMA + LIST_COMMA else stops[k + 1]
    return stops


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


_CODES = {
    COLON: "fullwidth-colon",
    COMMA: "fullwidth-comma",
    LIST_COMMA: "fullwidth-comma",
    SPACE: "fullwidth-space",
    DASH: "fullwidth-dash",
}


def problem(file: str, line: int, mark: Mark) -> Problem:
    """The problem of ``mark`` on 1-based ``line``: what was typed, and the half-width fix."""
    column = mark.column + 1
    code = _CODES[mark.char]
    if mark.char == COLON:
        return Problem(
            file,
            line,
            column,
            Msg("fullwidth-colon", key=_short(mark.key)),
            Msg("fullwidth-colon-hint", fixed=mark.fixed),
            code,
        )
    if mark.char in (COMMA, LIST_COMMA):
        name = Msg("fullwidth-comma-name") if mark.char == COMMA else Msg("list-comma-name")
        return Problem(
            file,
            line,
            column,
            Msg("fullwidth-comma", name=name),
            Msg("fullwidth-comma-hint"),
            code,
        )
    if mark.char == SPACE:
        return Problem(
            file,
            line,
            column,
            Msg("fullwidth-space"),
            Msg("fullwidth-space-hint"),
            code,
        )
    return Problem(
        file,
        line,
        column,
        Msg("fullwidth-dash"),
        Msg("fullwidth-dash-hint"),
        code,
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _has_key(line: str) -> bool:
    text = _masked(line.rstrip("\r\n")).rstrip()
    return text.endswith(":") or ": " in text or ":\t" in text


def looks_like_structure(line: str) -> bool:
    """Whether ``line`` reads as a key (``level: 2``, ``sources:``: a word, no space, then
    ``:``) or a list item (``- x``), whatever it is indented with; prose with a colon in it
    (``level 3 requires: level 2``) does not."""
    body = line.lstrip(" \t" + SPACE)
    return body.startswith(("- ", "? ")) or body.rstrip() == "-" or bool(_KEY.match(body))


_KEY = re.compile(r"""(?:[A-Za-z0-9_][\w.-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)""")


_BLOCK = re.compile(r"(?:^|[ :-])[|>][-+1-9]{0,2}\s*$")


def opens_block(text: str) -> bool:
    """Whether ``text`` (a line) ends with a block scalar's indicator: the lines after it
    more indented are its text (``evidence: >-``, ``- |``)."""
    return bool(_BLOCK.search(_masked(text.rstrip("\r\n"))))


def in_block(lines: list[str], index: int, look: int = 200) -> bool:
    """Whether line ``index`` is the text of a block scalar: the first line above it that is
    less indented (looking at most ``look`` lines up) opens a block."""
    line = lines[index]
    if not line.strip():
        return False
    indent = len(line) - len(line.lstrip(" "))
    for j in range(index - 1, max(index - look, 0) - 1, -1):
        above = lines[j]
        if not above.strip():
            continue
        if len(above) - len(above.lstrip(" ")) < indent:
            return opens_block(above)
    return False


def in_syntax_error(exc: yaml.YAMLError, file: str, text: str) -> list[Problem]:
    """Full-width punctuation on the lines a YAML syntax error involves, if any.

    Those are the lines from where libyaml began the construct it could not finish (its
    context mark) to where it gave up; for "mapping values are not allowed" at a line's first
    ``key:``, also the lines above that are text without a key, up to the line that has one
    (``level： 2`` followed by ``confidence: low`` is one text ending in a misplaced colon).
    """
    if not CHARACTERS.intersection(text):
        return []
    end = getattr(exc, "problem_mark", None)
    if end is None:
        return []
    context = getattr(exc, "context_mark", None)
    lines = text.split("\n")
    last = min(end.line, len(lines) - 1)
    first = min(last, context.line) if context is not None else last
    problem_text = getattr(exc, "problem", None) or ""
    if "mapping values are not allowed" in problem_text and first == last:
        line = lines[last]
        if not _has_key(line[: end.column]):
            indent = _indent(line)
            probe = last - 1
            while probe >= 0 and last - probe <= 50:
                above = lines[probe]
                if above.strip() and _indent(above) > indent:
                    break
                first = probe
                if _has_key(above):
                    break
                probe -= 1
    found: list[Problem] = []
    for number in range(first, last + 1):
        if in_block(lines, number):
            continue  # a block's text (after `evidence: >-`): '：' there is Chinese prose
        for mark in marks(lines[number]):
            if len(found) >= MOST:
                return found
            found.append(problem(file, number + 1, mark))
    return found


def in_scalar(file: str, text: str, at: tuple[int, int], value: str) -> list[Problem]:
    """The full-width structure inside one key or text value, typed at 1-based ``at``.

    For a key or value the models refused (an unknown key ``'level： 2'``, text where a
    mapping or a list belongs). Each character of ``value`` is found in ``text`` in order from
    ``at`` (a plain value may run over several lines), and counts only where it stands for
    structure on its own line.
    """
    wanted = [c for c in value if c in CHARACTERS]
    if not wanted or not text:
        return []
    lines = text.split("\n")
    line, column = at[0] - 1, at[1] - 1
    found: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    for char in wanted:
        while line < len(lines):
            index = lines[line].find(char, column)
            if index >= 0:
                column = index + 1
                break
            line, column = line + 1, 0
        else:
            break
        for mark in marks(lines[line]):
            if mark.column == index and (line, index) not in seen:
                seen.add((line, index))
                found.append(problem(file, line + 1, mark))
    return found
