"""libyaml's syntax errors as problems a planner can act on: line, column and a hint.

Apart from the loader because it is a table of known messages and their hints, which grows
with every confusing error met in the field, while the loader itself does not change.
"""

from __future__ import annotations

import yaml

from policebench.problems import Problem
from policebench.readers.yaml._document import too_deep
from policebench.readers.yaml._fullwidth import in_syntax_error
from policebench.readers.yaml._libyaml import is_depth_error


def yaml_problems(exc: yaml.YAMLError, file: str, text: str) -> list[Problem]:
    """The problems to report for a libyaml error: the full-width punctuation that caused it,
    each on its own line (``level： 2`` reads as text and breaks the lines after it), or else
    the error itself with a hint."""
    return in_syntax_error(exc, file, text) or [_yaml_problem(exc, file, text)]


def _yaml_problem(exc: yaml.YAMLError, file: str, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        # Raised before any token, with a character offset instead of a mark.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Problem(
            file,
            line,
            column,
            f"YAML syntax: character #x{exc.character:04x} is not allowed in YAML text"
            if isinstance(exc.character, int)
            else f"YAML syntax: {exc.reason}",
            "remove the control character (text pasted from a PDF or Word may carry one)",
            "syntax",
        )
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in (context or "") and "end of stream" in problem:
        # The end of the file is no place to look for a quote left open: where it opens is.
        mark = getattr(exc, "context_mark", None) or mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if is_depth_error(exc):
        return too_deep(file, (line, column))
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    hint = ""
    index = getattr(mark, "index", None)
    if isinstance(index, int) and 0 <= index <= len(text):
        # The line in error, found around the mark rather than by splitting a 5 MB file.
        line_start = text.rfind("\n", 0, index) + 1
        bad_line = text[line_start : line_start + column + 1]
    else:
        bad_line = ""
    if "duplicate anchor" in (context or ""):
        first = getattr(exc, "context_mark", None)
        where = f" (first defined on line {first.line + 1})" if first is not None else ""
        message = f"YAML syntax: the same anchor (&name) is defined twice{where}"
        hint = "give each anchor its own name"
    elif "\t" in bad_line[: column + 1] or "\t" in problem:
        hint = "YAML indents with spaces; replace the tab characters with spaces"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    elif "unknown escape" in problem:
        hint = "inside double quotes a backslash starts an escape; write \\\\ or use single quotes"
    elif "found unexpected end of stream" in problem or "quoted scalar" in (context or ""):
        hint = "a quote is not closed"
    elif "expected a single document" in (context or "") + problem:
        hint = "a file holds one document; remove the extra '---'"
    elif "directive" in problem or "incompatible YAML document" in problem:
        hint = "remove the %YAML or %TAG line: policebench reads plain YAML 1.1"
    elif "tag handle" in problem:
        hint = "remove the tag (the word starting with '!')"
    elif "block sequence entries are not allowed" in problem and bad_line.rstrip().endswith(": -"):
        # `level: -` for "not known", as in a questionnaire: YAML reads a list starting.
        return Problem(
            file,
            line,
            column,
            message,
            "a '-' starts a list item; for a value that is not known write null",
            "null-form",
        )
    elif "did not find expected key" in problem or "block end" in problem:
        hint = "check the indentation of this line against the lines above"
    elif "found undefined alias" in problem:
        hint = "an alias (*name) needs an anchor (&name) earlier in the file"
    elif "','" in problem and ("']'" in problem or "'}'" in problem):
        hint = "a bracket is not closed, or a comma is missing between items"
    return Problem(file, line, column, message, hint, "syntax")
