"""A rubric: dimensions of indicators, each with weighted level descriptors and actions."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from policebench.models.base import Id, Level, Model, Text, Weight

Effort = Literal["low", "medium", "high"]
#: How old evidence may be: a whole number of years or months, e.g. "3y" or "18m".
AGE_PATTERN = r"^[1-9][0-9]{0,2}[ym]$"


def _age_form(value: str) -> str:
    if not re.fullmatch(AGE_PATTERN, value):
        raise PydanticCustomError("age_form", "expected an age such as 3y or 18m")
    return value


MaxAge = Annotated[
    str, AfterValidator(_age_form), WithJsonSchema({"type": "string", "pattern": AGE_PATTERN})
]


def age_months(max_age: str) -> int:
    """``"3y"`` -> 36, ``"18m"`` -> 18."""
    number = int(max_age[:-1])
    return number * 12 if max_age.endswith("y") else number


Aggregation = Literal["arithmetic", "geometric"]
#: The one place effort becomes a number: roadmap ordering divides impact by this cost.
EFFORT_COST: dict[str, float] = {"low": 1.0, "medium": 2.0, "high": 4.0}


class Action(Model):
    """Something a place can do to move an indicator up to the level it is listed under."""

    do: Text = Field(description="What to do, in a sentence a planner would act on.")
    do_zh: str | None = Field(None, description="The same in Chinese.")
    effort: Effort = Field(description="Relative effort: low, medium or high.")
    needs: dict[Id, Level] = Field(
        default_factory=dict,
        description="Other indicators and the level each must have reached before this action.",
    )


class Scale(Model):
    """The whole-number levels every indicator is rated on, each with a name."""

    min: Level = Field(0, description="The lowest level (usually 0).")
    max: Level = Field(4, description="The highest level (usually 4).")
    levels: dict[Level, Text] = Field(description="A name for every level from min to max.")
    levels_zh: dict[Level, Text] = Field(default_factory=dict, description="Chinese level names.")

    @property
    def span(self) -> range:
        """Every level from min to max."""
        return range(self.min, self.max + 1)

    def name_of(self, level: int, lang: str = "en") -> str:
        """The name of ``level`` (Chinese when asked for and given)."""
        if lang == "zh" and level in self.levels_zh:
            return self.levels_zh[level]
        return self.levels.get(level, str(level))


class Stage(Model):
    """An overall maturity stage: reached when the overall score is at least ``min``."""

    min: float = Field(ge=0, le=100, description="Lowest overall score (0-100) of this stage.")
    name: Text = Field(description="The stage's name, e.g. 'Developing'.")
    name_zh: str | None = Field(None, description="The stage's name in Chinese.")


class Indicator(Model):
    """One thing assessed, rated on the rubric's scale (or measured, for metric indicators)."""

    id: Id = Field(description="Unique across the whole rubric; profiles refer to it.")
    name: Text = Field(description="A short name of what is assessed.")
    name_zh: str | None = Field(None, description="The name in Chinese.")
    weight: Weight = Field(1.0, description="Relative weight within its dimension (> 0).")
    kind: Literal["level", "metric"] = Field(
        "level", description="'level' (rated by the assessor) or 'metric' (a measured value)."
    )
    unit: str | None = Field(None, description="Metric indicators: the unit of the value.")
    unit_zh: str | None = Field(None, description="The unit in Chinese.")
    thresholds: dict[Level, float] | None = Field(
        None, description="Metric indicators: the value needed for each level above the minimum."
    )
    question: str | None = Field(None, description="The question an assessor answers.")
    question_zh: str | None = Field(None, description="The question in Chinese.")
    evidence: list[Text] = Field(default_factory=list, description="What shows the level.")
    evidence_zh: list[Text] = Field(
        default_factory=list, description="The same kinds of evidence, in Chinese."
    )
    origin: list[Text] = Field(
        default_factory=list, description="The seed problem or lesson this indicator answers."
    )
    levels: dict[Level, Text] = Field(description="A descriptor for every level of the scale.")
    levels_zh: dict[Level, Text] = Field(
        default_factory=dict, description="The level descriptors in Chinese."
    )
    actions: dict[Level, list[Action]] = Field(
        default_factory=dict,
        description="Under level N: the actions that move a place from level N-1 up to N.",
    )
    references: list[Text] = Field(default_factory=list, description="Frameworks it maps to.")
    allow_not_applicable: bool = Field(
        True,
        description="false: a profile may not mark this indicator not applicable (where "
        "'applicable: false' would be an escape hatch).",
    )
    evidence_max_age: MaxAge | None = Field(
        None,
        description="How old this indicator's newest source may be at the assessment date "
        'before its level is stale, e.g. "2y" or "18m" (default: the rubric\'s).',
    )

    def level_for_value(self, value: float) -> int | None:
        """The level a measured value reaches under ``thresholds`` (None below the first)."""
        reached: int | None = None
        for level, needed in sorted((self.thresholds or {}).items()):
            if value >= needed:
                reached = level
        return reached


class Dimension(Model):
    """A group of indicators (planning, integration, platform, security, talent)."""

    id: Id
    name: Text = Field(description="The dimension's name, e.g. 'Planning and coordination'.")
    name_zh: str | None = Field(None, description="The name in Chinese.")
    weight: Weight = Field(1.0, description="Relative weight in the overall score (> 0).")
    indicators: list[Indicator] = Field(
        min_length=1, description="The indicators of this dimension, at least one."
    )


class Uncertainty(Model):
    """How `policebench sensitivity` varies the choices behind a score (docs/sensitivity.md).

    Every field is optional. To switch a source of uncertainty off: ``concentration: null``
    (weights fixed), ``aggregations: [arithmetic]``, ``impute_unknown: false``,
    ``low_shift: 0`` and ``medium_shift: 0``; with all five the band is the point score.
    """

    concentration: Annotated[float, Strict()] | None = Field(
        50.0,
        gt=0,
        allow_inf_nan=False,
        description="Dirichlet concentration of the weight draws around the rubric's weights "
        "(dimension weights, and indicator weights within each dimension): larger = tighter; "
        "null keeps the rubric's weights fixed.",
    )
    aggregations: list[Aggregation] = Field(
        default_factory=lambda: list[Aggregation](["arithmetic", "geometric"]),
        min_length=1,
        description="Aggregations a sample may draw from, each equally likely: 'arithmetic' "
        "(weighted mean, as `score` uses) or 'geometric' (weighted geometric mean of the "
        "scores plus one level step, minus that step, so a zero does not zero the whole).",
    )
    impute_unknown: bool = Field(
        False,
        description="When true, each sample treats unknown levels in one of three ways, "
        "equally likely: left out (as `score` does), all at impute_min, or all at impute_max. "
        "When false, unknown levels are always left out.",
    )
    impute_min: Level | None = Field(
        None, description="Lowest plausible level of an unknown (default: the scale's min)."
    )
    impute_max: Level | None = Field(
        None, description="Highest plausible level of an unknown (default: the scale's max)."
    )
    low_shift: Annotated[float, Strict()] = Field(
        2 / 3,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Probability that a low-confidence level moves by one level, down or up "
        "with equal chance (a move off the scale stays put); the default 2/3 makes the level "
        "one lower, the same or one higher with equal chance.",
    )
    medium_shift: Annotated[float, Strict()] = Field(
        1 / 3,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Probability that a medium-confidence level moves by one level, as for "
        "low_shift (at most low_shift). High-confidence levels never move.",
    )


class Rubric(Model):
    """A planner's maturity rubric."""

    id: Id
    version: Text = Field(description='A version label; quote it in YAML, e.g. "1.0".')
    name: Text = Field(description="The rubric's name, e.g. 'Smart policing maturity'.")
    name_zh: str | None = Field(None, description="The name in Chinese.")
    description: str | None = Field(None, description="What the rubric measures, for readers.")
    description_zh: str | None = Field(None, description="The description in Chinese.")
    scale: Scale = Field(description="The levels every indicator is rated on.")
    default_target: Level = Field(description="The level a place should reach by default.")
    stages: list[Stage] = Field(min_length=1, description="Overall score bands, ascending.")
    provisional_below: float = Field(
        0.5,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="A place whose coverage (known weight / all weight) is below this share has "
        "its overall, stage and rank marked provisional; so has a place whose known levels are "
        "mostly opinions (levels without evidence).",
    )
    dimensions: list[Dimension] = Field(
        min_length=1, description="The dimensions, each a weighted group of indicators."
    )
    uncertainty: Uncertainty = Field(
        default_factory=Uncertainty, description="Settings of `policebench sensitivity`."
    )
    evidence_max_age: MaxAge | None = Field(
        None,
        description="How old a level's newest source may be at the assessment date before "
        'the level is stale, e.g. "3y" or "36m"; a stale level\'s confidence is lowered '
        "one step in `policebench sensitivity`. An indicator may set its own. None: never stale.",
    )

    def max_age_of(self, indicator_id: str) -> str | None:
        """The evidence age limit of an indicator: its own, else the rubric's."""
        own = self.indicators[indicator_id].evidence_max_age
        return own if own is not None else self.evidence_max_age

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        """Every indicator by id, in rubric order."""
        return {i.id: i for d in self.dimensions for i in d.indicators}

    @cached_property
    def dimension_of(self) -> dict[str, str]:
        """The dimension id of every indicator id."""
        return {i.id: d.id for d in self.dimensions for i in d.indicators}

    def stage_for(self, overall: float | None) -> Stage | None:
        """The last stage whose ``min`` is at or below ``overall``."""
        if overall is None:
            return None
        found: Stage | None = None
        for stage in self.stages:
            if stage.min <= overall + 1e-9:
                found = stage
        return found
