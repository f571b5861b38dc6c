"""From parsed YAML to models, with every problem found, not only the first.

The model's own checks (pydantic), each error mapped back to the YAML line and column where
the planner can fix it and worded for them: the message table (:data:`PYDANTIC_CODES` and
:func:`_message`). The checks that need the whole picture are beside it: a profile against its
rubric (:mod:`policebench.validation.profile_checks`) and a rubric's own consistency
(:mod:`policebench.validation.rubric_checks`); both are re-exported here. Pure: documents in,
models and problems out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from policebench.messages import Msg, OneOf
from policebench.models import Profile
from policebench.problems import Problem
from policebench.readers.yaml import (
    Document,
    YamlPath,
    closest,
    fullwidth_in_scalar,
    impossible_date,
)
from policebench.validation.forms import (
    CHOICE_WORDS,
    LOOK_ALIKES,
    look_alikes,
    normalise_profile,
    slug,
)
from policebench.validation.profile_checks import (
    CHECKED_KEYS,
    broken_against_rubric,
    check_profile,
    evidence_warnings,
    unknown_indicators,
    unknown_targets,
)
from policebench.validation.rubric_checks import check_rubric

__all__ = [
    "CHECKED_KEYS",
    "broken_against_rubric",
    "build",
    "build_profile",
    "check_profile",
    "check_rubric",
    "evidence_warnings",
    "unknown_indicators",
    "unknown_targets",
]

M = TypeVar("M", bound=BaseModel)


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc`` inside ``model`` (for a close-spelling hint)."""
    current: Any = model
    # Parts of ``loc`` that are list indexes or dict keys (e.g. an indicator id under a
    # profile's ``indicators:``), not field names: they are stepped over, never looked up.
    skip = 0
    for part in loc:
        if skip:
            skip -= 1
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current, skip = _model_in(info.annotation)
    if skip:  # ``loc`` ends at a list or dict of models, not at a model: no keys of its own
        return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any, depth: int = 0) -> tuple[Any, int]:
    """The model class inside an annotation such as ``list[Action]`` or ``dict[int, list[X]]``.

    Also returns how many list indexes and dict keys lie between the field and the model
    (1 for ``dict[Id, Assessment]``, 2 for ``dict[Level, list[Action]]``).
    """
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, depth
    inner = depth + 1 if get_origin(annotation) in (list, dict) else depth
    for arg in get_args(annotation):
        found, found_depth = _model_in(arg, inner)
        if found is not None:
            return found, found_depth
    return None, 0


def _describe(value: Any) -> str:
    """What the planner typed, in their words: never Python's (``datetime.date(...)``)."""
    if value is None:
        return Msg("value-null")
    if isinstance(value, bool):
        return Msg("value-bool", value=str(value).lower())
    if isinstance(value, dict):
        return Msg("value-mapping")
    if isinstance(value, list):
        if len(value) == 1 and isinstance(value[0], str):
            return Msg("value-list-of-one-text", first=_short(value[0]))
        if value and all(isinstance(v, str) for v in value):
            return Msg("value-list-of-text", first=_short(value[0]), n=len(value))
        return Msg("value-list")
    if isinstance(value, dt.datetime | dt.date):
        return Msg("value-date", date=value.isoformat())
    if isinstance(value, str):
        return _short(value)
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _short(value: str) -> str:
    """Text as the planner typed it, in quotes, cut at 40 characters."""
    shown = value if len(value) <= 37 else value[:34] + "..."
    return "'" + shown.replace("\n", " ") + "'"


def _subject(loc: tuple[Any, ...], is_key: bool, value: Any) -> str:
    """What a message is about: ``'level'``, ``the key '0'``, ``item 2 of 'sources'``.

    Never the value as its own name: a key's error is about the key, and a list index is
    counted from 1 with the list it belongs to.
    """
    if is_key:
        return Msg("subject-key", key=_short(str(value)))
    if loc and isinstance(loc[-1], int):
        parent = str(loc[-2]) if len(loc) > 1 else ""
        return Msg("subject-item", n=loc[-1] + 1, parent=parent)
    return Msg("subject-name", name=str(loc[-1]) if loc else "document")


def _choice_hint(value: Any, options: list[str]) -> Msg | str:
    """What to write for a choice typed another way: the choice a Chinese word means
    ("一手" -> 'primary'), else the nearest choice to a misspelt one."""
    if not isinstance(value, str):
        return ""
    meant = CHOICE_WORDS.get(value.strip())
    if meant in options:
        return Msg("write-id", id=meant)
    return closest(value, options) or ""


def _number_hint(value: Any, whole: bool) -> str:
    """Why text where a number goes is not one: quotes, full-width digits, YAML's ``1.5e2``."""
    if not isinstance(value, str):
        return ""
    plain = unicodedata.normalize("NFKC", value).strip()
    number = _WHOLE if whole else _DECIMAL
    if number.fullmatch(value.strip()):
        return Msg("hint-number-in-quotes", number=value.strip())
    if plain != value.strip() and number.fullmatch(plain):
        return Msg("hint-fullwidth-digits", typed=value.strip(), number=plain)
    if not whole and _EXPONENT.fullmatch(plain):
        return Msg("hint-exponent", typed=plain, number=f"{float(plain):g}")
    level = _LEVEL_WORD.fullmatch(plain)
    if whole and level:
        return Msg("hint-level-word", number=level["n"] or level["m"])
    return ""


_WHOLE = re.compile(r"[-+]?[0-9]{1,9}")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
#: ``1.5e2``: YAML 1.1 reads a number with an exponent as text unless it has a dot and a sign.
_EXPONENT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
_LEVEL_WORD = re.compile(r"(?:第\s*)?(?P<n>-?[0-9]{1,9})\s*(?:级|級)|(?:level|lv|l)\s*(?P<m>[0-9])")


def _message(error: Any, model: type[BaseModel]) -> tuple[str, str, bool]:
    """A planner-readable message, hint and whether to point at the key, for one error."""
    kind = error["type"]
    is_key = "[key]" in error["loc"]
    loc = tuple(p for p in error["loc"] if p != "[key]")
    name = str(loc[-1]) if loc else "document"
    value = error.get("input")
    ctx = error.get("ctx") or {}
    subject = _subject(loc, is_key, value)
    typed = _describe(value)
    if is_key and isinstance(value, str):
        # The key is what was typed: say what kind of text it is, not the same text again.
        typed = _key_form(value)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = closest(name, allowed) or (
            Msg("allowed-keys", keys=tuple(allowed)) if allowed else ""
        )
        return Msg("unknown-key", name=name), hint, True
    if kind == "missing":
        return Msg("missing-key", name=name), Msg("missing-key-hint", name=name), False
    if kind == "literal_error":
        # pydantic words the choices ("'a', 'b' or 'c'"): taken apart, worded per language.
        quoted = re.findall(r"'[^']*'", str(ctx.get("expected", "")))
        choices = OneOf(quoted)
        return (
            Msg("not-one-of", subject=subject, value=typed, expected=choices),
            _choice_hint(value, [q.strip("'") for q in quoted]),
            False,
        )
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        hint = _number_hint(value, whole=True)
        return Msg("not-whole-number", subject=subject, value=typed), hint, False
    if kind == "finite_number":
        return Msg("not-finite", subject=subject, value=typed), "", False
    if kind in {"float_type", "float_parsing"}:
        hint = _number_hint(value, whole=False)
        return Msg("not-a-number", subject=subject, value=typed), hint, False
    if kind == "string_type":
        hint = Msg("hint-quote-it", example=str(value)) if isinstance(value, int | float) else ""
        if isinstance(value, dt.date):
            hint = Msg("hint-quote-it", example=value.isoformat())
        return Msg("not-text", subject=subject, value=typed), hint, False
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        bound = next(iter(ctx.values()), "")
        return (
            Msg(f"bound-{kind.replace('_', '-')}", subject=subject, value=typed, bound=bound),
            "",
            False,
        )
    if kind == "age_form":
        return (
            Msg("age-form", subject=subject, value=typed),
            Msg("age-form-hint"),
            False,
        )
    if kind == "string_pattern_mismatch":
        return _id_message(name, value, is_key)
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return _not_a_mapping(loc, subject, typed, value, model)
    if kind == "list_type":
        return Msg("not-a-list", subject=subject, value=typed), "", False
    if kind == "too_short":
        return Msg("empty-list", subject=subject), "", False
    if kind == "string_too_short":
        return Msg("empty-text", subject=subject), Msg("empty-text-hint"), False
    if kind == "string_too_long":
        limit = ctx.get("max_length", "")
        size = len(value) if isinstance(value, str) else ""
        return Msg("too-long", subject=subject, limit=limit, size=size), Msg("too-long-hint"), False
    if kind in {"bool_type", "bool_parsing"}:
        return Msg("not-true-or-false", subject=subject, value=typed), "", False
    if kind.startswith("date"):
        # `2026-02-30` typed in a cell, or quoted: no such day, not "write YYYY-MM-DD"
        impossible = impossible_date(value.strip()) if isinstance(value, str) else None
        if impossible is not None:
            return impossible, Msg("date-exists-hint"), False
        return Msg("not-a-date", subject=subject, value=typed), Msg("not-a-date-hint"), False
    return Msg("invalid-value", subject=subject, detail=str(error["msg"])), "", False


def _key_form(key: str) -> str:
    """A refused key (where a level's number goes) described by its form: ``'0'`` is a number
    in quotes, ``０`` full-width digits, ``1级`` a level with its word."""
    plain = unicodedata.normalize("NFKC", key).strip()
    if _WHOLE.fullmatch(key.strip()):
        return Msg("form-number-in-quotes")
    if plain != key and _WHOLE.fullmatch(plain):
        return Msg("form-fullwidth-digits")
    if _LEVEL_WORD.fullmatch(plain):
        return Msg("form-level-word")
    return Msg("form-text")


def _not_a_mapping(
    loc: tuple[Any, ...], subject: str, typed: str, value: Any, model: type[BaseModel]
) -> tuple[str, str, bool]:
    """A mapping expected: which keys it takes, and, for a source given as a bare URL (or a
    list of them), how to write it as one."""
    keys = _fields_at(model, loc) if loc else []
    if isinstance(value, str) and _URL.match(value.strip()) and "url" in keys:
        return (
            Msg("source-is-url", subject=subject, value=typed),
            Msg("source-is-url-hint", url=value.strip()[:60]),
            False,
        )
    urls = isinstance(value, list) and all(isinstance(v, str) and _URL.match(v) for v in value)
    if urls and value and "url" in keys:
        return (
            Msg("list-of-urls", subject=subject, n=len(value)),
            Msg("source-is-url-hint", url=str(value[0]).strip()[:60]),
            False,
        )
    if keys:
        return (
            Msg("not-a-mapping-of", subject=subject, value=typed, keys=tuple(keys[:4])),
            "",
            False,
        )
    return Msg("not-a-mapping", subject=subject, value=typed), "", False


_URL = re.compile(r"(?i)(https?|ftp)://|www\.")


def _kind_of_char(char: str) -> Msg:
    """What a look-alike character is, in the planner's words: a Cyrillic or Greek letter, a
    dash, or an invisible character."""
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return Msg("char-cyrillic")
    if name.startswith("GREEK"):
        return Msg("char-greek")
    if not LOOK_ALIKES.get(char):
        return Msg("char-invisible")
    return Msg("char-dash")


def _id_message(name: str, value: Any, is_key: bool) -> tuple[str, str, bool]:
    """An id typed with spaces or capitals: the valid id made from it, never rewritten for
    the planner (ids are keys and file names: a silent change would point elsewhere).

    Characters that look like Latin letters or a hyphen but are not (a Cyrillic ``е``, the
    hyphen U+2010) are named, with their position: nobody can see them."""
    found = look_alikes(value) if isinstance(value, str) else []
    if found:
        fixed = "".join(LOOK_ALIKES.get(c, c) for c in value)
        made = slug(fixed)
        char, position, latin = found[0]
        what = Msg(
            "confusable",
            char=char,
            code=f"U+{ord(char):04X}",
            unicode_name=_kind_of_char(char),
            position=position,
            latin=latin,
        )
        subject = (
            Msg("subject-key", key=_short(value)) if is_key else Msg("subject-name", name=name)
        )
        hint = Msg("write-id", id=made) if made else Msg("id-latin-hint")
        return Msg("id-confusable", subject=subject, value=_short(value), what=what), hint, False
    made = slug(value) if isinstance(value, str) else None
    if is_key:
        message = Msg("id-form-key", value=_describe(value))
    else:
        message = Msg("id-form", name=name, value=_describe(value))
    hint = Msg("write-id", id=made) if made else Msg("id-latin-hint")
    return message, hint, False


#: Errors where a mapping or a list was expected: text there may be full-width structure.
_COLLECTION_ERRORS = frozenset({"dict_type", "model_type", "model_attributes_type", "list_type"})
_FULLWIDTH_KEY = re.compile(r"^[\s\u3000\uff0d-]*(?P<name>[^\s\uff1a]+)\s*\uff1a")


def _fullwidth(doc: Document, error: Any) -> list[Problem]:
    """Full-width punctuation that explains ``error``: an unknown key ``'level： 2'``, or text
    (``'level： 2 confidence： low'``) where a mapping or list belongs."""
    loc = tuple(p for p in error["loc"] if p != "[key]")
    if error["type"] == "extra_forbidden" and loc in doc.keys and isinstance(loc[-1], str):
        return fullwidth_in_scalar(doc.file, doc.text, doc.keys[loc], loc[-1])
    value = error.get("input")
    if error["type"] in _COLLECTION_ERRORS and isinstance(value, str) and loc in doc.values:
        return fullwidth_in_scalar(doc.file, doc.text, doc.values[loc], value)
    return []


def _problems(
    model: type[BaseModel],
    doc: Document,
    errors: list[Any],
    hints: Mapping[YamlPath, tuple[str, str]],
) -> list[Problem]:
    """Every pydantic error as a positioned Problem; ``hints`` replace the hint and the code
    at a path (a level typed in a form that could mean two things, say).

    An error that full-width punctuation explains is reported as that punctuation instead;
    a key ``name： J City`` also means the key 'name' is not missing but mistyped.
    """
    problems: list[Problem] = []
    meant: set[YamlPath] = set()
    rest = []
    for error in errors:
        found = _fullwidth(doc, error)
        if not found:
            rest.append(error)
            continue
        problems += found
        loc = tuple(error["loc"])
        key = _FULLWIDTH_KEY.match(str(loc[-1]))
        if error["type"] == "extra_forbidden" and key:
            meant.add((*loc[:-1], key["name"]))
    for error in rest:
        loc = tuple(p for p in error["loc"] if p != "[key]")
        if error["type"] == "missing" and loc in meant:
            continue
        message, hint, at_key = _message(error, model)
        code = _code(error["type"])
        hint, code = hints.get(loc, (hint, code))
        problems.append(
            doc.problem(loc, message, hint, key=at_key or "[key]" in error["loc"], code=code)
        )
    return problems


#: The code of each kind of pydantic error :func:`_message` words (its ``type``); the kinds
#: beginning ``date`` are ``not-a-date``, any other ``invalid-value``. Our own names, not
#: pydantic's, so that they stay the same when pydantic renames a kind.
PYDANTIC_CODES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "literal_error": "not-one-of",
    "int_type": "not-whole-number",
    "int_parsing": "not-whole-number",
    "int_from_float": "not-whole-number",
    "finite_number": "not-finite",
    "float_type": "not-a-number",
    "float_parsing": "not-a-number",
    "string_type": "not-text",
    "greater_than": "out-of-bounds",
    "greater_than_equal": "out-of-bounds",
    "less_than": "out-of-bounds",
    "less_than_equal": "out-of-bounds",
    "string_pattern_mismatch": "id-form",
    "age_form": "age-form",
    "dict_type": "not-a-mapping",
    "model_type": "not-a-mapping",
    "model_attributes_type": "not-a-mapping",
    "list_type": "not-a-list",
    "too_short": "empty-list",
    "string_too_short": "empty-text",
    "string_too_long": "too-long",
    "bool_type": "not-true-or-false",
    "bool_parsing": "not-true-or-false",
}
#: The code of a pydantic error of a kind not in :data:`PYDANTIC_CODES`.
OTHER_VALUE_CODE = "invalid-value"


def _code(kind: str) -> str:
    if kind.startswith("date"):
        return "not-a-date"
    return PYDANTIC_CODES.get(kind, OTHER_VALUE_CODE)


def build(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """``model`` from ``doc``; on failure, every pydantic error as a positioned Problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, _problems(model, doc, exc.errors(), {})


def build_profile(
    doc: Document, names: Mapping[str, int] | None = None
) -> tuple[Profile | None, list[Problem], bool]:
    """A profile from ``doc``, reading the forms a planner means (``２``, ``2级``, ``中``...).

    Returns the profile (None if invalid), its problems (only warnings, one per form read,
    when there is a profile) and whether it should be built again once the rubric is known:
    ``names`` are the rubric's level names
    (:func:`policebench.validation.forms.level_names`), None before
    a rubric is chosen, and a level typed as a word may be one of them. A valid file costs
    what ``build`` costs: the forms are looked for only in what the model refused.
    """
    try:
        return Profile.model_validate(doc.data), [], False
    except ValidationError as exc:
        errors = exc.errors()
    forms = normalise_profile(doc, errors, names)
    if forms.data is not doc.data:
        try:
            return Profile.model_validate(forms.data), forms.warnings, False
        except ValidationError as exc:
            errors = exc.errors()
        doc.read_as = forms.data  # `level: "5"` is checked against the scale as 5
    return None, _problems(Profile, doc, errors, forms.hints) + forms.warnings, forms.pending
