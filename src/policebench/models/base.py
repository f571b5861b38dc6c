"""Shared pieces of the models: the strict base class and the field types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict

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
