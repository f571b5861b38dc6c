"""libyaml's syntax errors as problems a planner can act on: line, column and a hint.

Apart from the loader because it is a table of known messages and their hints, which grows
with every confusing error met in the field, while the loader itself does not change.
"""

from __future__ import annotations

import yaml

from policebench.messages import CATALOGUE, Msg
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
            Msg("yaml-control-character", code=f"#x{exc.character:04x}")
            if isinstance(exc.character, int)
            else Msg("yaml-syntax", problem=_phrase(exc.reason)),
            Msg("yaml-control-character-hint"),
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
    message = (
        Msg("yaml-syntax-context", problem=_phrase(problem), context=_phrase(context))
        if context
        else Msg("yaml-syntax", problem=_phrase(problem))
    )
    hint: str = ""
    index = getattr(mark, "index", None)
    if isinstance(index, int) and 0 <= index <= len(text):
        # The line in error, found around the mark rather than by splitting a 5 MB file.
        line_start = text.rfind("\n", 0, index) + 1
        bad_line = text[line_start : line_start + column + 1]
    else:
        bad_line = ""
    if "duplicate anchor" in (context or ""):
        first = getattr(exc, "context_mark", None)
        message = (
            Msg("yaml-anchor-twice-at", line=first.line + 1)
            if first is not None
            else Msg("yaml-anchor-twice")
        )
        hint = Msg("yaml-anchor-twice-hint")
    elif "\t" in bad_line[: column + 1] or "\t" in problem:
        hint = Msg("yaml-tab-hint")
    elif "mapping values are not allowed" in problem:
        hint = Msg("yaml-colon-hint")
    elif "unknown escape" in problem:
        hint = Msg("yaml-escape-hint")
    elif "found unexpected end of stream" in problem or "quoted scalar" in (context or ""):
        hint = Msg("yaml-quote-hint")
    elif "expected a single document" in (context or "") + problem:
        hint = Msg("yaml-documents-hint")
    elif "directive" in problem or "incompatible YAML document" in problem:
        hint = Msg("yaml-directive-hint")
    elif "tag handle" in problem:
        hint = Msg("yaml-tag-handle-hint")
    elif "block sequence entries are not allowed" in problem and bad_line.rstrip().endswith(": -"):
        # `level: -` for "not known", as in a questionnaire: YAML reads a list starting.
        return Problem(
            file,
            line,
            column,
            message,
            Msg("yaml-dash-hint"),
            "null-form",
        )
    elif "did not find expected key" in problem or "block end" in problem:
        hint = Msg("yaml-indent-hint")
    elif "found undefined alias" in problem:
        hint = Msg("yaml-alias-hint")
    elif "','" in problem and ("']'" in problem or "'}'" in problem):
        hint = Msg("yaml-bracket-hint")
    return Problem(file, line, column, message, hint, "syntax")


#: libyaml's own phrases (its problem and context texts), worded in the catalogue under
#: ``libyaml-...`` ids with the English kept exactly as libyaml says it.
LIBYAML_PHRASES = {str(Msg(key)): key for key in CATALOGUE if key.startswith("libyaml-")}


def _phrase(text: str | None) -> str:
    """libyaml's phrase ``text`` as a catalogue message when it is a known one."""
    text = text or ""
    key = LIBYAML_PHRASES.get(text)
    return Msg(key) if key else text
