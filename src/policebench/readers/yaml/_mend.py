"""After a syntax error, mend what can be mended and read on, so every mistake shows at once.

libyaml stops at its first error. A planner with a Chinese input method left on types ``：``
for ``:`` on every line, or indents with a tab now and then: reported one per run, ten such
mistakes take ten runs. The mistakes whose mending is certain are mended in a copy of the
text (``：`` becomes ``: ``, ``，`` and ``、`` become ``,``, ``－`` becomes ``-``), and the copy
is read again; an indentation made with tabs or ideographic spaces is replaced by whichever
of a few likely indentations (its neighbours', or the tabs expanded) lets the reading go
furthest. Reading on stops at the first mistake that cannot be mended (a quote left open,
say), when a mending does not get past the mistake, or when the work allowed is spent: the
copy is read again at most :data:`ROUNDS` times and never past :data:`BUDGET` characters in
all, so a large file costs no more than a few readings.

What the copy shows is reported where the planner's file has it: the mendings add no lines,
and columns on a mended line are mapped back to the original's. When the copy reads through,
the checks of the values (duplicate keys, impossible dates) run on it too.
"""

from __future__ import annotations

import dataclasses

import yaml

from policebench.messages import Msg
from policebench.problems import Problem
from policebench.readers.yaml._builder import TooLarge, YamlBuilder, YamlParser
from policebench.readers.yaml._fullwidth import COLON, COMMA, DASH, LIST_COMMA, SPACE
from policebench.readers.yaml._syntax import yaml_problems

#: The most times a mended copy is read again.
ROUNDS = 40
#: The most characters read again in all: a 30 KB profile gets every round, a 5 MB file none.
BUDGET = 4_000_000

#: A line's columns in the copy mapped to the original's (0-based), for mended lines only.
_Columns = dict[int, list[int]]
#: Where a reading stopped: (0-based line, column) of its first problem, or None if it read.
_Reach = tuple[int, int] | None


def read_on(exc: yaml.YAMLError, file: str, text: str) -> list[Problem]:
    """Every problem found by mending ``text`` after ``exc`` and reading on, first ``exc``'s."""
    problems = yaml_problems(exc, file, text)
    found = list(problems)
    #: Where each of ``problems`` (in the copy's columns) stands in ``found``.
    places = list(range(len(found)))
    lines = text.split("\n")
    columns: _Columns = {}
    budget = BUDGET
    for _ in range(ROUNDS):
        if budget < len(text):
            break
        mendings, indents = _mendings(lines, problems)
        if not mendings:
            break
        best: tuple[list[str], _Columns, list[Problem], _Reach] | None = None
        for mended, moved in mendings:
            budget -= len(text)
            if budget < 0:
                return found
            result, reach = _read("\n".join(mended), file)
            if best is None or _further(reach, best[3]):
                best = (mended, moved, result, reach)
        assert best is not None
        mended, moved, result, reach = best
        if indents and reach is not None and reach[0] <= max(indents):
            # An indentation is a guess: one that does not get past its line explains nothing,
            # and what the copy shows next would be the guess's fault, not the planner's.
            break
        for problem, place in zip(problems, places, strict=True):
            if _is_tab_problem(problem) and problem.line - 1 in indents:
                found[place] = _tab_indent(found[place], mended[problem.line - 1])
        lines = mended
        columns = _compose(columns, moved)
        known = {(p.line, p.column, p.code) for p in found}
        problems, places = [], []
        for problem in result:
            shown = _back(problem, columns)
            if (shown.line, shown.column, shown.code) in known:
                continue  # a mending that mended nothing: reading on would go round
            problems.append(problem)
            places.append(len(found))
            found.append(shown)
        if reach is None or not problems:
            break
    return found


def _further(reach: _Reach, best: _Reach) -> bool:
    if best is None:
        return False
    return reach is None or reach > best


def _read(text: str, file: str) -> tuple[list[Problem], _Reach]:
    """The problems of ``text`` read again, and where its syntax stopped (None: it read)."""
    parser = YamlParser(text)
    try:
        node = parser.get_single_node()
    except yaml.YAMLError as exc:
        problems = yaml_problems(exc, file, text)
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        reach = (mark.line, mark.column) if mark is not None else (0, 0)
        if problems:
            reach = min(reach, min((p.line - 1, p.column - 1) for p in problems))
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
    return builder.problems, None


#: A mended copy of the lines, and how its columns map to the original's on mended lines.
_Mending = tuple[list[str], _Columns]


def _mendings(lines: list[str], problems: list[Problem]) -> tuple[list[_Mending], list[int]]:
    """The copies of ``lines`` in which ``problems`` are mended, best guess first (none when
    one of them cannot be mended with certainty), and the lines given a new indentation."""
    fixed: dict[int, tuple[str, list[int]]] = {}
    indents: list[int] = []
    for problem in problems:
        index = problem.line - 1
        if not 0 <= index < len(lines):
            return [], []
        line, cols = fixed.get(index, (lines[index], list(range(len(lines[index])))))
        column = cols.index(problem.column - 1) if problem.column - 1 in cols else -1
        char = line[column] if 0 <= column < len(line) else ""
        lead = len(line) - len(line.lstrip(" \t" + SPACE))
        if problem.code.startswith("fullwidth-") and char in _PUNCTUATION and column >= lead:
            new = _PUNCTUATION[char]
            if char == COLON and line[column + 1 : column + 2] not in ("", " ", "\t"):
                new += " "
            line = line[:column] + new + line[column + 1 :]
            cols = cols[:column] + [cols[column]] * len(new) + cols[column + 1 :]
        elif _is_tab_problem(problem) or (problem.code == "fullwidth-space" and char == SPACE):
            if not set(line[:lead]) - {" "} and "\t" in line:
                tab = line.index("\t")  # a tab after the indentation: one space does
                line, cols = line[:tab] + " " + line[tab + 1 :], cols
            elif index not in indents:
                indents.append(index)
        else:
            return [], []
        fixed[index] = (line, cols)
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
            lead = len(line) - len(line.lstrip(" \t" + SPACE))
            mended[index] = " " * spaces + line[lead:]
            moved[index] = [0] * spaces + cols[lead:]
        result.append((mended, moved))
    return result, indents


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
    spaces, most likely first: a child's of the key above (else the line above's own), the
    line below's, the tabs expanded to 2, 4 or 8 columns."""
    line = lines[index]
    lead = line[: len(line) - len(line.lstrip(" \t" + SPACE))]
    above = _neighbour(lines, range(index - 1, -1, -1))
    below = _neighbour(lines, range(index + 1, len(lines)))
    options: list[int] = []
    if above is not None:
        spaces, opens = above
        options += [spaces + 2, spaces] if opens else [spaces]
    if below is not None:
        options.append(below[0])
    for width in (2, 4, 8):
        options.append(sum(width if c == "\t" else 2 if c == SPACE else 1 for c in lead))
    return list(dict.fromkeys(options)) or [0]


def _neighbour(lines: list[str], order: range) -> tuple[int, bool] | None:
    """The indentation of the first line in ``order`` that has text and is indented with
    spaces only, and whether it ends in ``:`` (opens a mapping)."""
    for i in order:
        text = lines[i]
        body = text.lstrip(" ")
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        if body[0] in "\t" + SPACE:
            continue
        return len(text) - len(body), body.rstrip().endswith(":")
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
    cols = columns.get(problem.line - 1)
    if not cols or problem.column < 1:
        return problem
    at = problem.column - 1
    original = cols[at] if at < len(cols) else cols[-1] + (at - len(cols) + 1)
    return dataclasses.replace(problem, column=original + 1)
