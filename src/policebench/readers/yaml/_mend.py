"""After a syntax error, mend what can be mended and read on, so every mistake shows at once.

libyaml stops at its first error. A planner with a Chinese input method left on types ``：``
for ``:`` on every line, or indents with a tab now and then: reported one per run, ten such
mistakes take ten runs. The mistakes whose mending is certain are mended in a copy of the
text (``：`` becomes ``: ``, ``，`` and ``、`` become ``,``, ``－`` becomes ``-``), and the copy
is read again. An indentation made with tabs or ideographic spaces is a guess: each of a few
likely indentations (a child of the key above, a block's text, the neighbours', the tabs
expanded) is tried, and the one kept is the one under which a line that looks like a key or
a list item stays one, the copy reads with the fewest problems, and the reading gets
furthest, in that order (a wrong guess tends to fold a key into the text above, or to make
a duplicate key). Reading on stops at the first mistake that cannot be mended (a quote left
open, say), when a guess does not get past its line, or when the work allowed is spent: the
copy is read again at most :data:`ROUNDS` times, never past :data:`BUDGET` characters in
all, and at most :data:`MAX_PROBLEMS` problems are gathered, so a large file costs no more
than a few readings.

What the copy shows is reported where the planner's file has it: the mendings add no lines,
and columns on a mended line are mapped back to the original's. When the copy reads through,
the checks of the values (duplicate keys, impossible dates) run on it too; and when it reads
through without a problem after mendings that were all certain (no indentation guessed), the
copy itself is handed on (:class:`Mended`), so that the checks of the models and the rubric
run in the same run as well, each problem placed where the planner's file has it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from policebench.messages import Msg
from policebench.problems import Problem
from policebench.readers.yaml._builder import TooLarge, YamlBuilder, YamlParser
from policebench.readers.yaml._document import mark_of
from policebench.readers.yaml._fullwidth import (
    CHARACTERS,
    COLON,
    COMMA,
    DASH,
    LIST_COMMA,
    MOST,
    SPACE,
    in_block,
    in_scalar,
    looks_like_structure,
    opens_block,
)
from policebench.readers.yaml._libyaml import CParser
from policebench.readers.yaml._syntax import SAID_ABOVE_THE_STOP, yaml_problems

#: The most times a mended copy is read again.
ROUNDS = 40
#: The most characters read again in all: a 30 KB profile gets every round, a 5 MB file none.
BUDGET = 4_000_000
#: The most problems gathered: past them, a planner has enough to fix before running again.
MAX_PROBLEMS = MOST
#: The most lines given a new indentation in one round, and how far up a neighbour is sought.
MAX_INDENTS = 20
_LOOK_UP = 200

#: A line's columns in the copy mapped to the original's (0-based), for mended lines only.
_Columns = dict[int, list[int]]
#: Where a reading stopped: (0-based line, column) of its first problem, or None if it read.
_Reach = tuple[int, int] | None


@dataclasses.dataclass(frozen=True)
class Mended:
    """A copy of a file in which every syntax error was mended with certainty and which then
    read without a problem: its text, and its mended lines' columns in the original's."""

    text: str
    columns: _Columns

    def back(self, at: tuple[int, int]) -> tuple[int, int]:
        """A 1-based (line, column) of the copy, where the original has it."""
        line, column = at
        cols = self.columns.get(line - 1)
        if not cols or column < 1:
            return at
        c = column - 1
        return line, (cols[c] if c < len(cols) else cols[-1] + (c - len(cols) + 1)) + 1


def read_on(exc: yaml.YAMLError, file: str, text: str) -> tuple[list[Problem], Mended | None]:
    """Every problem found by mending ``text`` after ``exc`` and reading on, first ``exc``'s,
    and the mended copy when it read through cleanly after certain mendings only."""
    problems = yaml_problems(exc, file, text)
    found = list(problems)
    #: Where each of ``problems`` (in the copy's columns) stands in ``found``.
    places = list(range(len(found)))
    lines = text.split("\n")
    columns: _Columns = {}
    budget = BUDGET
    certain, clean = True, False
    for _ in range(ROUNDS):
        if budget < len(text) or len(found) >= MAX_PROBLEMS:
            break
        mendings, indents = _mendings(lines, problems)
        if not mendings:
            break
        certain = certain and not indents
        best: tuple[tuple[Any, ...], list[str], _Columns, list[Problem], _Reach] | None = None
        for mended, moved in mendings:
            # A reading, and for a guess the walk that says what its lines became.
            budget -= len(text) * (2 if indents else 1)
            if budget < 0:
                return found, None
            copy = "\n".join(mended)
            result, reach = _read(copy, file)
            score = _score(copy, (lines, mended), indents, result, reach) if indents else ()
            if best is None or score > best[0]:
                best = (score, mended, moved, result, reach)
        assert best is not None
        _, mended, moved, result, reach = best
        if indents and reach is not None and reach[0] <= max(indents):
            # An indentation is a guess: one that does not get past its line explains nothing,
            # and what the copy shows next would be the guess's fault, not the planner's.
            break
        for problem, place in zip(problems, places, strict=True):
            if _is_tab_problem(problem) and problem.line - 1 in indents:
                found[place] = _tab_indent(found[place], mended[problem.line - 1])
        lines = mended
        columns = _compose(columns, moved)
        # A place reported once is not reported again (a mending that mended nothing there,
        # or the same mistake seen under another name): reading on would go round.
        known = {(p.line, p.column): i for i, p in enumerate(found)}
        problems, places = [], []
        for problem in result:
            shown = _back(problem, columns)
            at = known.get((shown.line, shown.column))
            if at is not None:
                if _is_tab_problem(found[at]) and not _is_tab_problem(shown):
                    # `level: -<tab>`: with the tab gone, what is wrong there is the '-'.
                    found[at] = shown
                continue
            known[shown.line, shown.column] = len(found)
            problems.append(problem)
            places.append(len(found))
            found.append(shown)
        clean = reach is None and not result
        if reach is None or not problems:
            break
    if certain and clean and len(found) < MAX_PROBLEMS:
        return found, Mended("\n".join(lines), columns)
    return found[:MAX_PROBLEMS], None


def _score(
    copy: str,
    lines: tuple[list[str], list[str]],
    indents: list[int],
    result: list[Problem],
    reach: _Reach,
) -> tuple[Any, ...]:
    """How good a guess of indentation is (higher is better): the lines of ``indents`` that
    look like a key or a list item and stay one (none folded into the text above), a key
    that opens a mapping left less indented than its children below, then a copy that
    reads, with the fewest problems, then the furthest reading."""
    before, mended = lines
    starts, stop = _structure(copy)
    lost = misplaced = 0
    for index in indents:
        if not looks_like_structure(before[index]):
            continue
        if index not in starts and (stop is None or stop > index):
            lost += 1
        if before[index].rstrip().endswith(":"):
            below = _neighbour(mended, range(index + 1, min(index + _LOOK_UP, len(mended))))
            spaces = len(mended[index]) - len(mended[index].lstrip(" "))
            if below is not None and below[0] <= spaces:
                misplaced += 1  # `d:` as deep as the `c: 2` under it: a sibling, not its key
    read = reach is None
    return (-lost, -misplaced, read, -len(result) if read else 0, reach or (len(before), 0))


def _structure(text: str) -> tuple[set[int], int | None]:
    """The 0-based lines where a key or a list item starts in ``text``, as far as it reads,
    and the line where its reading stopped (None: it read through)."""
    parser = CParser(text)
    starts: set[int] = set()
    #: Per open collection: is it a mapping, and is its next node a key.
    stack: list[list[bool]] = []
    node = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return starts, None
            if isinstance(event, node):
                if stack:
                    top = stack[-1]
                    if not top[0] or top[1]:  # a list item, or a mapping's key
                        starts.add(mark_of(event)[0] - 1)
                    if top[0]:
                        top[1] = not top[1]
                if isinstance(event, yaml.MappingStartEvent):
                    stack.append([True, True])
                elif isinstance(event, yaml.SequenceStartEvent):
                    stack.append([False, False])
            elif isinstance(event, ends) and stack:
                stack.pop()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        return starts, mark.line if mark is not None else 0
    finally:
        parser.dispose()


def _read(text: str, file: str) -> tuple[list[Problem], _Reach]:
    """The problems of ``text`` read again, and where its syntax stopped (None: it read)."""
    parser = YamlParser(text)
    try:
        node = parser.get_single_node()
    except yaml.YAMLError as exc:
        problems = yaml_problems(exc, file, text)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reach = (mark.line, mark.column) if mark is not None else (0, 0)
        # Where a problem is said before libyaml's mark, reading stopped there; but a key
        # without its colon is said on its line while libyaml read past it (to the next
        # key): a guess of indentation that leaves it there did get past its line.
        said = [p for p in problems if getattr(p.message, "id", "") not in SAID_ABOVE_THE_STOP]
        if said:
            reach = min(reach, min((p.line - 1, p.column - 1) for p in said))
        return problems, reach
    except RecursionError:
        return [], (0, 0)
    finally:
        parser.dispose()
    if node is None:
        return [], None
    builder = YamlBuilder(file)
    try:
        builder.build(node, (), 0)
    except TooLarge:
        return [], None  # reported by the reading of the file itself once it is mended
    # What the checks of the models would find next run: a key typed with full-width
    # structure in it ('　　level' indented with U+3000 reads as a key of its own).
    keyed = [
        problem
        for path, at in builder.keys.items()
        if path and isinstance(path[-1], str) and CHARACTERS.intersection(path[-1])
        for problem in in_scalar(file, text, at, path[-1])
    ]
    return builder.problems + keyed, None


#: A mended copy of the lines, and how its columns map to the original's on mended lines.
_Mending = tuple[list[str], _Columns]


def _mendings(lines: list[str], problems: list[Problem]) -> tuple[list[_Mending], list[int]]:
    """The copies of ``lines`` in which ``problems`` are mended, best guess first (none when
    one of them cannot be mended with certainty), and the lines given a new indentation.
    Each line is rebuilt once, whatever the number of its problems (a line of 5,000 '，')."""
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        by_line.setdefault(problem.line - 1, []).append(problem)
    fixed: dict[int, tuple[str, list[int]]] = {}
    indents: list[int] = []
    for index, group in by_line.items():
        if not 0 <= index < len(lines):
            return [], []
        line = lines[index]
        lead = _lead(line)
        edits: dict[int, str] = {}
        for problem in group:
            column = problem.column - 1
            char = line[column] if 0 <= column < len(line) else ""
            if problem.code.startswith("fullwidth-") and char in _PUNCTUATION and column >= lead:
                new = _PUNCTUATION[char]
                # ': ' and '- ' need their space ('－title: B' is a list item, as its hint says)
                if char in (COLON, DASH) and line[column + 1 : column + 2] not in ("", " ", "\t"):
                    new += " "
                edits[column] = new
            elif _is_tab_problem(problem) or (problem.code == "fullwidth-space" and char == SPACE):
                if not set(line[:lead]) - {" "} and "\t" in line:
                    edits[line.index("\t")] = " "  # a tab after the indentation: one space does
                elif index not in indents and len(indents) < MAX_INDENTS:
                    indents.append(index)
            else:
                return [], []
        if edits:
            fixed[index] = _edited(line, edits)
    if not fixed and not indents:
        return [], []
    base = list(lines)
    for index, (line, _cols) in fixed.items():
        base[index] = line
    choices = [_indentations(base, index) for index in indents]
    width = max((len(c) for c in choices), default=1)
    result: list[_Mending] = []
    for k in range(width):
        mended = list(base)
        moved = {index: cols for index, (_line, cols) in fixed.items()}
        for index, options in zip(indents, choices, strict=True):
            spaces = options[min(k, len(options) - 1)]
            line, cols = fixed.get(index, (lines[index], list(range(len(lines[index])))))
            lead = _lead(line)
            mended[index] = " " * spaces + line[lead:]
            moved[index] = [0] * spaces + cols[lead:]
        result.append((mended, moved))
    return result, indents


def _lead(line: str) -> int:
    """How many characters of ``line`` are its indentation (spaces, tabs, U+3000)."""
    return len(line) - len(line.lstrip(" \t" + SPACE))


def _edited(line: str, edits: dict[int, str]) -> tuple[str, list[int]]:
    """``line`` with the character at each column of ``edits`` replaced by its text, and the
    new line's columns mapped to the old one's: in one pass."""
    chars: list[str] = []
    cols: list[int] = []
    for column, char in enumerate(line):
        new = edits.get(column, char)
        chars.append(new)
        cols.extend([column] * len(new))
    return "".join(chars), cols


_PUNCTUATION = {COLON: ":", COMMA: ",", LIST_COMMA: ",", DASH: "-"}


def _is_tab_problem(problem: Problem) -> bool:
    return isinstance(problem.hint, Msg) and problem.hint.id == "yaml-tab-hint"


def _tab_indent(problem: Problem, mended: str) -> Problem:
    """A tab problem that says how many spaces the line wants: those its mending found."""
    spaces = len(mended) - len(mended.lstrip(" "))
    return dataclasses.replace(
        problem,
        message=Msg("yaml-tab-indent"),
        hint=Msg("yaml-tab-indent-hint", spaces=spaces)
        if spaces
        else Msg("yaml-tab-unindent-hint"),
    )


def _indentations(lines: list[str], index: int) -> list[int]:
    """The likely indentations of line ``index``, whose own is made of tabs or ideographic
    spaces, most likely first: a block's text under a ``key: >-`` above; a child of the key
    above (else the line above's own); the line below's, and above it for a key whose own
    children follow; the tabs expanded to 2, 4 or 8 columns."""
    line = lines[index]
    lead = line[: _lead(line)]
    above = _neighbour(lines, range(index - 1, max(index - _LOOK_UP, 0) - 1, -1))
    below = _neighbour(lines, range(index + 1, min(index + _LOOK_UP, len(lines))))
    options: list[int] = []
    if above is not None:
        spaces, at = above
        text = lines[at].lstrip(" ")
        # Under `key: >-` a block's text; under `key:` a child (prose ending ':' is neither);
        # under `- title: A` the item's own keys, in its content column.
        opens = text.rstrip().endswith(":") and not in_block(lines, at)
        if opens_block(text) or opens:
            options.append(spaces + 2)
        if text.startswith("- ") and not line.lstrip(" \t" + SPACE).startswith("-"):
            options.append(spaces + len(text) - len(text[1:].lstrip(" ")))
        options.append(spaces)
        # The levels open above, nearest first: a sibling of an item or a key further up.
        options += _open_levels(lines, at, spaces)
    if below is not None:
        options.append(below[0])
        if line.rstrip().endswith(":") and below[0] >= 2:
            options.append(below[0] - 2)
    for width in (2, 4, 8):
        options.append(sum(width if c == "\t" else 2 if c == SPACE else 1 for c in lead))
    return list(dict.fromkeys(options)) or [0]


def _open_levels(lines: list[str], at: int, spaces: int, most: int = 6) -> list[int]:
    """The indentations, less than ``spaces``, of the lines above ``at`` that open them
    (each level of the structure around it, innermost first), up to ``most``."""
    levels: list[int] = []
    for j in range(at - 1, max(at - _LOOK_UP, 0) - 1, -1):
        text = lines[j]
        body = text.lstrip(" ")
        if not body.strip() or body[0] in "\t#" + SPACE:
            continue
        indent = len(text) - len(body)
        if indent < spaces:
            levels.append(indent)
            spaces = indent
            if len(levels) >= most or indent == 0:
                break
    return levels


def _neighbour(lines: list[str], order: range) -> tuple[int, int] | None:
    """The indentation and the index of the first line in ``order`` that has text and is
    indented with spaces only."""
    for i in order:
        text = lines[i]
        body = text.lstrip(" ")
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        if body[0] in "\t" + SPACE:
            continue
        return len(text) - len(body), i
    return None


def _compose(columns: _Columns, moved: _Columns) -> _Columns:
    """The map of a copy mended twice: ``moved`` (copy 2 to copy 1), then ``columns``."""
    result = dict(columns)
    for index, cols in moved.items():
        earlier = columns.get(index)
        result[index] = [earlier[c] if c < len(earlier) else c for c in cols] if earlier else cols
    return result


def _back(problem: Problem, columns: _Columns) -> Problem:
    """``problem`` (in the mended copy) placed where the original has it."""
    _, column = Mended("", columns).back((problem.line, problem.column))
    return problem if column == problem.column else dataclasses.replace(problem, column=column)
