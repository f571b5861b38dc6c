"""Questionnaire answers -> one level per indicator, and how far the respondents agree.

The rules, stated once here and in ``docs/survey.md`` and ``policebench survey --help``:

* **level** = the median of the answers. With an even number of answers, the *lower* of the
  two middle answers: the highest level that more than half of the respondents put the place
  at or above. It is conservative on purpose: a level is claimed only when a majority claims
  it (answers 1, 2, 3, 3 give 2, not 2.5 or 3).
* **agreement** = the share of answers within one level of that median (``|answer - level| <= 1``).
* **confidence** = ``high`` with at least 5 answers and agreement of at least 0.8; ``medium``
  with at least 3 answers and agreement of at least 0.6; ``low`` otherwise. Few answers or
  answers spread across the scale lower the confidence, which reports show beside the level.

Pure: answers in, statistics and profile entries out; reading the CSV is in
:mod:`policebench.readers.survey_csv`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from policebench.models import Assessment
from policebench.models.profile import Confidence, SurveyStats

#: Thresholds of the confidence rule: (confidence, least answers, least agreement), best first.
CONFIDENCE_RULE: tuple[tuple[Confidence, int, float], ...] = (
    ("high", 5, 0.8),
    ("medium", 3, 0.6),
)


@dataclass(frozen=True)
class IndicatorSurvey:
    """What the answers about one indicator add up to."""

    indicator: str
    level: int
    answers: int
    agreement: float
    distribution: dict[int, int]
    confidence: Confidence


def lower_median(levels: Sequence[int]) -> int:
    """The median of ``levels``; of the two middle values of an even count, the lower."""
    if not levels:
        raise ValueError("no answers")
    ordered = sorted(levels)
    return ordered[(len(ordered) - 1) // 2]


def agreement(levels: Sequence[int], level: int) -> float:
    """The share of ``levels`` within one level of ``level``."""
    if not levels:
        raise ValueError("no answers")
    return sum(1 for answer in levels if abs(answer - level) <= 1) / len(levels)


def confidence_for(answers: int, share: float) -> Confidence:
    """The confidence that ``answers`` answers with agreement ``share`` give (see the module)."""
    for confidence, least_answers, least_agreement in CONFIDENCE_RULE:
        if answers >= least_answers and share >= least_agreement:
            return confidence
    return "low"


def summarize_one(indicator: str, levels: Sequence[int]) -> IndicatorSurvey:
    """The statistics of one indicator's answers (at least one)."""
    level = lower_median(levels)
    share = agreement(levels, level)
    return IndicatorSurvey(
        indicator=indicator,
        level=level,
        answers=len(levels),
        agreement=share,
        distribution=dict(sorted(Counter(levels).items())),
        confidence=confidence_for(len(levels), share),
    )


def summarize(
    responses: Iterable[Mapping[str, int | None]], indicators: Sequence[str]
) -> dict[str, IndicatorSurvey]:
    """Per-indicator statistics from respondents' answers, in the order of ``indicators``.

    Each response maps indicator ids to the level given (None or absent = no answer).
    Indicators nobody answered are left out: they stay unknown.
    """
    answers: dict[str, list[int]] = {ind: [] for ind in indicators}
    for response in responses:
        for ind, level in response.items():
            if level is not None and ind in answers:
                answers[ind].append(level)
    return {ind: summarize_one(ind, levels) for ind, levels in answers.items() if levels}


def to_assessment(stats: IndicatorSurvey, source: str) -> Assessment:
    """The profile entry for one indicator: level, confidence, evidence and survey figures.

    ``source`` names the questionnaire (e.g. the CSV file's name) in the evidence text.
    """
    share = round(stats.agreement, 2)
    percent = f"{100 * stats.agreement:.0f}%"
    plural = "s" if stats.answers != 1 else ""
    evidence = (
        f"Questionnaire {source}: {stats.answers} answer{plural}, median {stats.level}, "
        f"{percent} within one level of the median."
    )
    evidence_zh = (
        f"问卷调查（{source}）：{stats.answers}份回答，中位数为{stats.level}级，"
        f"{percent}的回答与中位数相差不超过一级。"
    )
    return Assessment(
        level=stats.level,
        confidence=stats.confidence,
        evidence=evidence,
        evidence_zh=evidence_zh,
        survey=SurveyStats(answers=stats.answers, agreement=share, distribution=stats.distribution),
    )
