"""From parsed YAML to models, with every problem found, not only the first.

The model's own checks (pydantic), each error mapped back to the YAML line and column where
the planner can fix it and worded for them: the message table (:data:`PYDANTIC_CODES` and
:func:`_message`). The checks that need the whole picture are beside it: a profile against its
rubric (:mod:`policebench.validation.profile_checks`) and a rubric's own consistency
(:mod:`policebench.validation.rubric_checks`); both are re-exported here. Pure: documents in,
models and problems out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from policebench.models import Profile
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath, closest, fullwidth_in_scalar
from policebench.validation.forms import normalise_profile, slug
from policebench.validation.profile_checks import (
    check_profile,
    evidence_warnings,
    unknown_indicators,
)
from policebench.validation.rubric_checks import check_rubric

__all__ = [
    "build",
    "build_profile",
    "check_profile",
    "check_rubric",
    "evidence_warnings",
    "unknown_indicators",
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
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(error: Any, model: type[BaseModel]) -> tuple[str, str, bool]:
    """A planner-readable message, hint and whether to point at the key, for one error."""
    kind = error["type"]
    loc = tuple(p for p in error["loc"] if p != "[key]")
    name = str(loc[-1]) if loc else "document"
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = closest(name, allowed) or (f"allowed keys: {', '.join(allowed)}" if allowed else "")
        return f"unknown key '{name}'", hint, True
    if kind == "missing":
        return f"missing required key '{name}'", f"add '{name}:' here", False
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"'{name}' is {_describe(value)}, expected one of {expected}", "", False
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"'{name}' is {_describe(value)}, expected a whole number", "", False
    if kind == "finite_number":
        return f"'{name}' is {_describe(value)}, expected a finite number", "", False
    if kind in {"float_type", "float_parsing"}:
        return f"'{name}' is {_describe(value)}, expected a number", "", False
    if kind == "string_type":
        hint = 'put it in quotes, e.g. "1.0"' if isinstance(value, int | float) else ""
        return f"'{name}' is {_describe(value)}, expected text", hint, False
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than": "greater than",
            "greater_than_equal": "at least",
            "less_than": "less than",
            "less_than_equal": "at most",
        }[kind]
        return f"'{name}' is {_describe(value)}, expected a number {words} {bound}", "", False
    if kind == "age_form":
        return (
            f"'{name}' is {_describe(value)}, expected an age in years or months",
            'write a whole number and y or m, e.g. "3y" or "18m"',
            False,
        )
    if kind == "string_pattern_mismatch":
        return _id_message(name, value, "[key]" in error["loc"])
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"'{name}' is {_describe(value)}, expected a mapping of keys", "", False
    if kind == "list_type":
        return f"'{name}' is {_describe(value)}, expected a list", "", False
    if kind == "too_short":
        return f"'{name}' is empty, expected at least one entry", "", False
    if kind.startswith("date"):
        return f"'{name}' is {_describe(value)}, expected a date", "write it as YYYY-MM-DD", False
    return f"'{name}': {error['msg']}", "", False


def _id_message(name: str, value: Any, is_key: bool) -> tuple[str, str, bool]:
    """An id typed with spaces or capitals: the valid id made from it, never rewritten for
    the planner (ids are keys and file names: a silent change would point elsewhere)."""
    made = slug(value) if isinstance(value, str) else None
    if is_key:
        message = f"key {_describe(value)}: expected an id of lowercase letters, digits and hyphens"
    else:
        message = (
            f"'{name}' is {_describe(value)}, expected an id of lowercase letters, digits "
            "and hyphens"
        )
    if made:
        hint = f"write '{made}'"
    else:
        hint = (
            "write it in Latin letters: lowercase, digits and hyphens (for a place, the pinyin "
            "of its name); a Chinese name goes in 'name_zh'"
        )
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
    return None, _problems(Profile, doc, errors, forms.hints) + forms.warnings, forms.pending
