"""libyaml's syntax errors as problems a planner can act on: line, column and a hint.

Apart from the loader because it is a table of known messages and their hints, which grows
with every confusing error met in the field, while the loader itself does not change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

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
    elif (missed := _missing_colon(exc, text) or _misindented(exc, text)) is not None:
        return Problem(file, *missed, "syntax")
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


def _missing_colon(exc: yaml.YAMLError, text: str) -> tuple[int, int, str, str] | None:
    """``level 2``, a key without its colon: libyaml says so a line too late, or not at all.
    Above ``confidence: low`` it reads the two lines as one key and stops at the second
    colon ("mapping values are not allowed here"); above a comment, at the next key ("did
    not find expected key"); below a sibling key (``level: 1``), at the line after ("could
    not find expected ':'", the key's start as its context mark). The line lacks the colon
    when it has none, is no list item and stands where a key would: at the indentation of
    the next line or less, below a key that opens a block (``top-level-design:``) or a
    sibling key, the lines of a sibling's value skipped; or as a list item's first key
    (``- title x`` above ``  url: y``). Text there that is no key (Chinese words, words
    starting with no key of the formats, below a value of words or a folded one) is that
    value going on, said as such. Its line, column, message and hint; None for anything
    else (``evidence: a`` continued by ``b`` and then ``c: d`` is a value with a colon, the
    usual hint's case). At most :data:`_LOOK_BACK` lines are read."""
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None)
    start_mark = getattr(exc, "context_mark", None)
    if "could not find expected ':'" in problem and "simple key" in context:
        if start_mark is None or not 0 <= start_mark.index <= len(text):
            return None
        begin = text.rfind("\n", 0, start_mark.index) + 1
        end = text.find("\n", start_mark.index)
        candidate = (start_mark.line + 1, text[begin : end if end >= 0 else len(text)])
        lines = _lines_before(text, begin)
        limit = None
    elif "mapping values are not allowed" in problem or "did not find expected key" in problem:
        if mark is None or not 0 <= mark.index <= len(text):
            return None
        begin = text.rfind("\n", 0, mark.index) + 1
        lines = _lines_before(text, begin)
        above = next(lines, None)
        if above is None:
            return None
        candidate = (mark.line + 1 - above[0], above[1])
        limit = _indent(text[begin : mark.index])
    else:
        return None
    number, own = candidate[0], _indent(candidate[1])
    words = _COMMENT.sub("", candidate[1]).strip()  # `level 2  # a guess`: not the comment
    dash = ""
    if words.startswith("- ") and limit is not None:
        # `- title x` above `  url: y`: an item's first key, as deep as the item's next key
        dash = "- "
        words = words[2:].lstrip()
        own = _key_indent(candidate[1])
        if own != limit:
            return None
    if (
        (limit is not None and own > limit)
        or _COLON.search(words)  # `url https://...` has no key's colon in it
        or "\uff1a" in words  # a full-width colon: the full-width reader's case
        or words.startswith(("-", "?", "'", '"', "[", "{", "&", "*", "!", "|", ">", "%"))
    ):
        return None
    sibling = None  # the key above, when the line may be the end of its value
    folded = False  # lines deeper than this one lie between it and that key
    for _, above_line in lines:
        if _indent(above_line) > own:
            folded = True
            continue  # the value of a sibling key, folded over lines
        at = _key_indent(above_line)
        opens_block = above_line.rstrip().endswith(":") and at < own
        if not (opens_block or (at == own and _KEY_LINE.match(above_line))):
            return None  # a list's item (``- x``), a value going on: not a key's place
        if not opens_block:
            above_key, _, above_value = above_line[at:].partition(":")
            value_above = _COMMENT.sub("", above_value).strip()
            if _PROSE.match(value_above) or (folded and value_above[:1] in ("|", ">")):
                sibling = above_key.strip()
        break
    key, _, value = words.partition(" ")
    shown = _short(words)
    # Words that start with no key of the formats (`source shows written rules`), below a
    # value of words: that value going on, not a key. One word alone may be either, and so
    # may a misspelt key with one word after it (`confid 2`).
    keyish = not value or key in _known_keys() or sibling is None
    keyish = keyish or (len(value.split()) == 1 and _near_a_key(key))
    if not _KEY.match(key) or not keyish:
        if sibling is None:
            return None
        return (
            number,
            own + 1,
            Msg("yaml-continued-value", text=shown, key=sibling),
            Msg("yaml-continued-value-hint", key=sibling),
        )
    fixed = _short(dash + (f"{key}: {value.strip()}" if value.strip() else f"{key}:"))
    hint = (
        Msg("yaml-missing-colon-hint", fixed=fixed)
        if sibling is None or key in _known_keys()
        else Msg("yaml-missing-colon-or-continued-hint", fixed=fixed, key=sibling)
    )
    return (number, own + 1 - len(dash), Msg("yaml-missing-colon", text=_short(dash + words)), hint)


def _near_a_key(word: str) -> bool:
    """Whether ``word`` is a key of the formats misspelt (`confid`, `levle`)."""
    import difflib

    return bool(difflib.get_close_matches(word, sorted(_known_keys()), n=1, cutoff=0.6))


@functools.cache
def _known_keys() -> frozenset[str]:
    """Every key the formats have (the properties in the JSON Schemas of a rubric and a
    profile): a word that is one starts a key, not text. On the error path only: it imports
    the models."""
    from policebench import models

    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                found.update(str(k) for k in properties)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    for model in (models.Rubric, models.Profile):
        walk(model.model_json_schema())
    return frozenset(found)


def _misindented(exc: yaml.YAMLError, text: str) -> tuple[int, int, str, str] | None:
    """A key indented deeper than the key above it, which has a value (``level: 1`` above
    ``  confidence: low``): libyaml reads the two as one value and stops at the colon
    ("mapping values are not allowed"), and the usual hint would have the planner quote a
    value that is none. Said where the indentation is wrong: on the line libyaml stopped at;
    or, when that line lines up with the line above the one before it (``level: 1``,
    ``confidence: low`` two spaces less, ``evidence:`` back), on the one between, the odd one
    out. A value of words above may go on with a colon in it (``notes: the plan`` above
    ``  due: 2026``): then the hint gives both readings."""
    problem = getattr(exc, "problem", None) or ""
    mark = getattr(exc, "problem_mark", None)
    if "mapping values are not allowed" not in problem or mark is None:
        return None
    if not 0 <= mark.index <= len(text):
        return None
    begin = text.rfind("\n", 0, mark.index) + 1
    own = _indent(text[begin : mark.index])
    key = text[begin + own : mark.index]
    if not _KEY.match(key) or text[mark.index : mark.index + 1] != ":":
        return None  # the colon is not the one of this line's first key
    lines = _lines_before(text, begin)
    above = next(lines, None)
    if above is None:
        return None
    up, line = above
    at = _key_indent(line)
    above_key, colon, value = line[at:].partition(":")
    value = _COMMENT.sub("", value).strip()
    if not colon or not value or at >= own or not _KEY.match(above_key.strip()):
        return None
    # the line above that, past the lines of a sibling's value folded below it
    before = next(((n, x) for n, x in lines if _indent(x) <= own), None)
    if before is not None and _KEY_LINE.match(before[1]) and not line.lstrip().startswith("-"):
        if _key_indent(before[1]) == own:
            # `confidence` two spaces less than the keys above and below it: the odd one
            return (
                mark.line + 1 - up,
                at + 1,
                Msg("yaml-indent-odd", key=above_key.strip(), spaces=at, others=own),
                Msg("yaml-indent-odd-hint", spaces=own),
            )
        opener = before[1].strip()
        if _key_indent(before[1]) == at and _COMMENT.sub("", opener).endswith(":"):
            # `level: 1` as deep as `top-level-design:` above it, whose keys are deeper
            return (
                mark.line + 1 - up,
                at + 1,
                Msg("yaml-indent-under", key=above_key.strip(), opener=opener[:-1], others=own),
                Msg("yaml-indent-first-hint", more=own - at),
            )
    if (
        before is not None
        and _key_indent(before[1]) < at
        and _COMMENT.sub("", before[1]).rstrip().endswith(":")
        and _next_key_indent(text, mark.index) == own
    ):
        # `level: 1` the first key under `top-level-design:`, one space short of the keys
        # below it (which line up with the line libyaml stopped at): it is the odd one
        return (
            mark.line + 1 - up,
            at + 1,
            Msg("yaml-indent-first", key=above_key.strip(), spaces=at, others=own),
            Msg("yaml-indent-first-hint", more=own - at),
        )
    hint = (
        (
            Msg("yaml-indent-deeper-or-value-hint", key=key, above=above_key.strip(), spaces=at)
            if at
            else Msg("yaml-indent-deeper-or-value-top-hint", key=key, above=above_key.strip())
        )
        if _PROSE.match(value)
        else Msg("yaml-indent-deeper-hint", above=above_key.strip(), spaces=at)
        if at
        else Msg("yaml-indent-deeper-top-hint", above=above_key.strip())
    )
    return (
        mark.line + 1,
        own + 1,
        Msg("yaml-indent-deeper", key=key, above=above_key.strip(), more=own - at),
        hint,
    )


#: A line that starts with a key (`  level: 1`, `  - title: x`, `top-level-design:`).
_KEY_LINE = re.compile(r"\s*(?:-\s+)*[A-Za-z_][A-Za-z0-9_-]*:(?:\s|$)")
#: A key as the formats have them (`level`, `top-level-design`, `name_zh`).
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*$")
#: A colon that makes a key (`key: value`, `key:`), not one in a URL (`https://`).
_COLON = re.compile(r":(?:\s|$)")
#: A comment after a value.
_COMMENT = re.compile(r"\s+#.*$")
#: A value of words (`the plan is published`, `摘要提到…`), which a planner may wrap: not a
#: number, a single word, a quoted or flow value, or a block scalar's indicator.
_PROSE = re.compile(r"""(?![\d"'\[{|>&*!])(?=.*(?:\s|[^\x00-\x7f]))\S.*""")


def _short(text: str, limit: int = 60) -> str:
    """A line quoted in a message: at most ``limit`` characters, the rest an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: How many lines above a syntax error :func:`_missing_colon` reads, at most.
_LOOK_BACK = 200


def _lines_before(text: str, start: int) -> Iterator[tuple[int, str]]:
    """The lines above the one starting at ``start``, nearest first, each with how many
    lines up it is; blank lines and comments left out; at most :data:`_LOOK_BACK`."""
    cut = start - 1
    for up in range(1, _LOOK_BACK + 1):
        if cut < 0:
            return
        begin = text.rfind("\n", 0, cut) + 1
        found = text[begin:cut].rstrip("\r")
        cut = begin - 1
        if found.strip() and not found.lstrip().startswith("#"):
            yield up, found


def _lines_after(text: str, index: int) -> Iterator[str]:
    """The lines below the one holding ``index``, nearest first; blank lines and comments
    left out; at most :data:`_LOOK_BACK` (as :func:`_lines_before` reads up)."""
    start = text.find("\n", index)
    for _ in range(_LOOK_BACK):
        if start < 0:
            return
        end = text.find("\n", start + 1)
        found = text[start + 1 : end if end >= 0 else len(text)].rstrip("\r")
        start = end
        if found.strip() and not found.lstrip().startswith("#"):
            yield found


def _next_key_indent(text: str, index: int) -> int | None:
    """Where the key of the next line (after the line of ``index``) starts; None when that
    line holds no key, or there is none."""
    line = next(_lines_after(text, index), None)
    return _key_indent(line) if line is not None and _KEY_LINE.match(line) else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_indent(line: str) -> int:
    """Where a line's key starts: its indentation, or past the dash of a list item
    (``  - title: x`` holds its key at column 4, as the item's other keys below it)."""
    at = _indent(line)
    rest = line[at:]
    while rest.startswith("- ") or rest == "-":
        step = len(rest) - len(rest[1:].lstrip(" "))
        at, rest = at + step, rest[step:]
    return at


#: The messages said on a line above the one libyaml stopped at, although libyaml read that
#: line: where reading stopped is libyaml's mark, not theirs (``_mend``'s guesses of
#: indentation are scored by how far reading gets).
SAID_ABOVE_THE_STOP = frozenset(
    {
        "yaml-missing-colon",
        "yaml-continued-value",
        "yaml-indent-odd",
        "yaml-indent-under",
        "yaml-indent-first",
    }
)


#: libyaml's own phrases (its problem and context texts), worded in the catalogue under
#: ``libyaml-...`` ids with the English kept exactly as libyaml says it.
LIBYAML_PHRASES = {str(Msg(key)): key for key in CATALOGUE if key.startswith("libyaml-")}


def _phrase(text: str | None) -> str:
    """libyaml's phrase ``text`` as a catalogue message when it is a known one."""
    text = text or ""
    key = LIBYAML_PHRASES.get(text)
    return Msg(key) if key else text
