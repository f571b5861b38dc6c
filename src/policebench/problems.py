"""Problems found in a planner's input, each pinned to a file, line and column.

A Problem is plain data: the core produces them and never prints; the CLI decides how
they are shown. Lines and columns are 1-based, as editors count them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from policebench.messages import Msg, text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, sortable by position."""

    file: str
    line: int = 0
    column: int = 0
    message: str = field(default="", compare=False)
    hint: str = field(default="", compare=False)
    code: str = field(default="invalid", compare=False)
    #: "error" stops a command; "warning" is shown (a level without evidence) but does not.
    severity: str = field(default="error", compare=False)
    #: In a workbook: the sheet and cell (``Indicators!D7``); the location is then FILE!CELL.
    cell: str = field(default="", compare=False)

    def location(self) -> str:
        """`file:line:col` (`file!Sheet!D7` in a workbook), or just `file` where the
        position is unknown."""
        if self.cell:
            return f"{self.file}!{self.cell}"
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.column, 1)}"

    def __str__(self) -> str:
        """The problem in English, without its code (as tests and logs have always read it)."""
        return self.render("en", code=False)

    def render(self, lang: str, *, code: bool = True) -> str:
        """``file:line:col: message (hint: ...) [code]`` in ``lang``; the code is the same in
        every language, so that a Chinese and an English planner search for the same thing."""
        severity = Msg("warning-prefix") if self.severity == "warning" else ""
        line = text(
            Msg(
                "problem-line",
                where=self.location(),
                severity=severity,
                message=self.message,
            ),
            lang,
        )
        if self.hint:
            line += text(Msg("problem-hint", hint=self.hint), lang)
        if code:
            line += text(Msg("problem-code", code=self.code), lang)
        return line


#: Codes of the warnings for a value typed another way and read as meant (``２`` as 2, ``中``
#: as medium: see :mod:`policebench.validation.forms`). Every command shows them, not only
#: ``validate``:
#: they say what a value was taken to be.
READ_AS = frozenset({"level-form", "confidence-form", "null-form"})


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file, then position; exact repeats removed, and a value's "read as"
    warning where the value it was read as is an error there (``level: 五`` read as 5, out
    of the scale: its hint "write level: 5" would recommend the error)."""
    problems = list(problems)  # read twice below (callers may pass any iterable)
    seen: set[tuple[str, int, int, str]] = set()
    wrong = {(p.file, p.line, p.column) for p in problems if p.severity == "error" and p.line}
    unique: list[Problem] = []
    for p in sorted(problems):
        key = (p.file, p.line, p.column, p.message)
        if p.severity == "warning" and p.code in READ_AS and key[:3] in wrong:
            continue
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
