"""Shared pieces of the models: the strict base class and the field types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

#: An id planners type in YAML and on the command line: lowercase words joined by hyphens.
Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=80,
        description="Lowercase letters, digits and hyphens, e.g. 'top-level-design'.",
    ),
]
#: A maturity level: a whole number (never a bool, never 2.5); its range comes from the rubric.
Level = Annotated[int, Strict()]
#: A relative weight: a positive number.
Weight = Annotated[float, Strict(), Field(gt=0, allow_inf_nan=False)]
Text = Annotated[str, Field(min_length=1)]


def _not_a_number(value: Any) -> Any:
    """Refuse a number where a date goes: pydantic reads ``86400`` as 1970-01-02 (seconds
    since 1970), and ``assessed: 20261124`` typed without hyphens would be a day in 1970 or
    an error that says nothing of dates."""
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


#: A day: a YAML date (``2026-11-24``), or the same in quotes; never a number.
Day = Annotated[dt.date, BeforeValidator(_not_a_number)]


class Model(BaseModel):
    """Base of every planner-facing model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        allow_inf_nan=False,
        defer_build=True,
    )


def localized(obj: object, name: str, lang: str) -> str:
    """``obj.<name>_zh`` when Chinese is asked for and given, else ``obj.<name>``.

    A missing translation falls back to the English text, never to an empty string.
    """
    if lang == "zh":
        text = getattr(obj, f"{name}_zh", None)
        if text:
            return str(text)
    return str(getattr(obj, name) or "")
