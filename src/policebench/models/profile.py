"""A profile: one place's assessment, a level per indicator with evidence and sources."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from policebench.models.base import Day, Id, Level, Model, Text

Confidence = Literal["high", "medium", "low"]
Reliability = Literal["primary", "secondary", "repost"]


def _either_title(schema: dict[str, Any]) -> None:
    """In the schema, as in the model: ``title`` or ``title_zh``, at least one."""
    schema["required"] = [k for k in schema.get("required", []) if k != "title"]
    schema["anyOf"] = [{"required": ["title"]}, {"required": ["title_zh"]}]


class Source(Model):
    """Where evidence comes from, and how far it can be trusted."""

    model_config = ConfigDict(json_schema_extra=_either_title)

    title: Text = Field(
        description="Title of the document, page or interview; may be left out when "
        "title_zh is given (the Chinese title is then its title)."
    )
    title_zh: Text | None = Field(
        None,
        description="The title in Chinese, shown in Chinese reports (the document's own "
        "title when it is in Chinese).",
    )
    url: str | None = Field(None, description="Where it can be read, when public.")
    reliability: Reliability = Field(
        description="primary (official text), secondary (press, thesis), repost (mirror)."
    )
    date: Day | None = Field(
        None,
        description="The date the source describes (its publication or effective date), "
        "when known; the evidence's age is counted from it.",
    )
    accessed: Day | None = Field(
        None, description="The date the source was read (collected), when known."
    )

    @model_validator(mode="before")
    @classmethod
    def _title_from_chinese(cls, data: Any) -> Any:
        """A source titled in Chinese only (a Chinese document, a Chinese planner's entry):
        its title is its Chinese title."""
        if isinstance(data, dict) and data.get("title") is None and data.get("title_zh"):
            return {**data, "title": data["title_zh"]}
        return data


class SurveyStats(Model):
    """How a level was reached from questionnaire answers (written by `policebench survey`)."""

    answers: int = Field(ge=0, description="Number of respondents who gave a level.")
    agreement: float = Field(
        ge=0, le=1, description="Share of answers within one level of the median."
    )
    distribution: dict[Level, int] = Field(default_factory=dict, description="Answers per level.")


class ConsensusStats(Model):
    """How a level was reached from several assessors' profiles (written by
    `policebench consensus`)."""

    assessors: dict[str, Level | None] = Field(
        default_factory=dict, description="Each assessor's level (null: unknown to them)."
    )
    agreement: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Share of the known levels within one level of the consensus (null when "
        "the consensus or every level is unknown).",
    )
    spread: int = Field(ge=0, description="Highest minus lowest known level.")
    decided: Literal["median", "meeting"] = Field(
        "median",
        description="median (the lower middle level on ties) or meeting (set by the "
        "consensus meeting, with its rationale).",
    )
    rationale: str | None = Field(None, description="Why the meeting decided this level.")


class Assessment(Model):
    """The assessment of one indicator in one place. ``level: null`` means unknown;
    ``applicable: false`` (with a ``reason``) means the indicator does not apply here."""

    level: Level | None = Field(None, description="The level reached; null when unknown.")
    value: float | None = Field(
        None, description="Metric indicators: the measured value (the level follows from it)."
    )
    confidence: Confidence | None = Field(None, description="The assessor's confidence.")
    evidence: str | None = Field(None, description="What was seen that shows the level.")
    evidence_zh: str | None = Field(None, description="The evidence in Chinese.")
    sources: list[Source] = Field(
        default_factory=list, description="Where the evidence comes from."
    )
    note: str | None = Field(None, description="A remark, e.g. why the level is unknown.")
    note_zh: str | None = Field(None, description="The remark in Chinese.")
    survey: SurveyStats | None = Field(
        None, description="Questionnaire statistics, when the level came from a survey."
    )
    applicable: bool = Field(
        True,
        description="false: the indicator does not apply to this place (give 'reason'); it is "
        "left out of coverage and of every average, and shown as n/a, never as unknown.",
    )

    reason: str | None = Field(None, description="Why the indicator does not apply here.")
    reason_zh: str | None = Field(None, description="The reason in Chinese.")
    consensus: ConsensusStats | None = Field(
        None, description="Assessors' levels, when the level is several assessors' consensus."
    )

    @property
    def effective_confidence(self) -> Confidence | None:
        """The confidence, lowered by the assessors' spread when the level is a consensus
        (:func:`capped_by_spread`): what the uncertainty analysis uses."""
        if self.consensus is None:
            return self.confidence
        return capped_by_spread(self.confidence, self.consensus.spread)

    @property
    def has_evidence(self) -> bool:
        """Whether the level rests on evidence, written in either language (``evidence`` or
        ``evidence_zh``): without any, the level is an opinion."""
        return bool(self.evidence or self.evidence_zh)


def capped_by_spread(confidence: Confidence | None, spread: int) -> Confidence | None:
    """``confidence`` at most medium when assessors are one level apart, low when two or
    more: an indicator on which they disagree by two levels is not high confidence."""
    if spread >= 2:
        return "low"
    if spread == 1 and confidence == "high":
        return "medium"
    return confidence


ReviewStatus = Literal["draft", "reviewed", "approved"]


class Review(Model):
    """Where the assessment stands: a draft, reviewed, or approved (by whom, when)."""

    status: ReviewStatus = Field(description="draft, reviewed or approved.")
    by: str | None = Field(None, description="Who reviewed or approved it.")
    date: Day | None = Field(None, description="When (YYYY-MM-DD).")
    note: str | None = Field(None, description="A remark of the reviewer.")


class Profile(Model):
    """One city or region's assessment against a rubric."""

    id: Id
    name: Text = Field(description="The place's name, e.g. 'J City'.")
    name_zh: str | None = Field(None, description="The name in Chinese, e.g. 'J市'.")
    kind: Literal["city", "province", "region", "county"] = Field(
        "city", description="What sort of place: city, province, region or county."
    )
    rubric: Id = Field(description="The id of the rubric this profile is assessed against.")
    assessed: Day = Field(description="Date of the assessment (YYYY-MM-DD).")
    assessor: str | None = Field(None, description="Who assessed, and how.")
    assessor_zh: str | None = Field(None, description="Who assessed, and how, in Chinese.")
    notes: str | None = Field(None, description="Remarks on the whole assessment.")
    notes_zh: str | None = Field(None, description="The remarks in Chinese.")
    review: Review | None = Field(
        None, description="Review status: draft, reviewed or approved, with who and when."
    )
    targets: dict[Id, Level] = Field(
        default_factory=dict, description="Target levels; otherwise the rubric's default_target."
    )
    indicators: dict[Id, Assessment] = Field(
        default_factory=dict, description="The assessment of each indicator, by indicator id."
    )
