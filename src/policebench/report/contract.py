"""The typed contract of every command's result: what renderers receive and JSON carries.

Each command's data is one of these TypedDicts, built once in this package and only turned
into text by :mod:`policebench.render`. At run time they are plain dicts (so jinja2
templates a planner adapts read them as ``r.place.name``); mypy checks every key that a
builder writes and a renderer reads; and ``policebench schema report`` (and its siblings)
publishes each as a JSON Schema, shipped under ``schemas/`` and checked against the real
output of every command in the tests.

One word for a city or region everywhere: a **place** (``place``, ``places``, ``place_id``).

Texts (names, stage names, sentences) are already in the language the data was built in
(``lang``); ids, codes and numbers are language-neutral. Scores are on 0-100 and rounded to
two decimals, coverage and shares to four; ``None`` is unknown, never zero.

``typing_extensions.TypedDict`` rather than ``typing``'s: pydantic, which makes the JSON
Schemas, reads the field descriptions only from it on Python 3.11.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NotRequired

from typing_extensions import TypedDict

# --------------------------------------------------------------------------- shared parts


class RubricRef(TypedDict):
    """Which rubric a result was computed against."""

    id: str
    version: str


class Scale(TypedDict):
    min: int
    max: int
    #: Level (as text, since JSON keys are text) -> its name.
    levels: dict[str, str]


class RubricHead(TypedDict):
    """The rubric's id, version, name and scale, localised."""

    id: str
    version: str
    name: str
    scale: Scale
    default_target: int | None


class SourceData(TypedDict):
    title: str
    url: str | None
    reliability: str
    #: The date the source describes (age counts from it).
    date: str | None
    #: When it was read.
    accessed: str | None


class ProvenanceRubric(TypedDict):
    file: str
    sha256: str


class ProvenanceProfile(TypedDict):
    id: str
    file: str
    sha256: str


class ProvenanceData(TypedDict):
    """What a report was computed from: the tool's version and a hash of every input."""

    policebench: str
    rubric: ProvenanceRubric
    profiles: list[ProvenanceProfile]


class Provisional(TypedDict):
    """Whether a place's overall, stage and rank are provisional, and why."""

    provisional: bool
    #: "coverage" (too few levels known) and/or "opinions" (too many without evidence).
    provisional_reasons: list[str]
    provisional_why: str | None


class PlaceRef(TypedDict):
    id: str
    name: str


class PeerRef(PlaceRef):
    #: The peer's assessment date (ISO), for the reader to weigh an old profile.
    assessed: str


class Peers(TypedDict):
    """Who a place is compared with, where they came from, and the line that says so."""

    #: "folder", "bundled", "named" (--peers) or "none".
    origin: str
    places: list[PeerRef]
    text: str
    #: When each peer was assessed, beside the place's date, and which were assessed more
    #: than two years apart from it; None without peers.
    dates: str | None


class Band(TypedDict):
    """A score's spread over the samples: point score, 5-95% band, median, range."""

    point: float | None
    p5: float | None
    median: float | None
    p95: float | None
    min: float | None
    max: float | None
    #: Share of the samples in which there was a score at all.
    share: float | None


class TextBand(Band):
    #: "52.2 (47–58)": the point score and its 5-95% band (i18n.span).
    text: str


class RankBand(TypedDict):
    point: int
    median: float
    #: The 5th and 95th percentile of the rank (90% of the samples fall between them).
    p5: int
    p95: int
    min: int
    max: int
    #: The share of samples in which the place has its point rank.
    p_point_rank: float
    #: The rank the place has in the most samples (the better rank on a tie), and its share.
    most_likely_rank: int
    p_most_likely_rank: float
    #: ``counts[k]``: the samples in which the place has rank ``min + k`` (every rank from
    #: ``min`` to ``max``); a rank's probability is its count over the result's samples.
    #: Left out by ``sensitivity --no-rank-counts``.
    counts: NotRequired[Sequence[int]]


class RankLikelihood(RankBand):
    """A rank band with its texts: how likely the point rank is, and the most likely rank."""

    text: str
    p_point_rank_text: str
    p_most_likely_rank_text: str
    likelihood_text: str


class RadarSeries(TypedDict):
    id: str
    name: str
    #: "place" (the place of the report; the first of a comparison) or "peer".
    role: Literal["place", "peer"]
    #: One score per axis (None: unknown).
    values: list[float | None]
    #: With --uncertainty: one band per axis.
    bands: NotRequired[list[TextBand | None]]


class Radar(TypedDict):
    axes: list[str]
    series: list[RadarSeries]


class Explained(TypedDict):
    #: A source of uncertainty ("weights", "aggregation", "confidence", "unknowns"); None
    #: when nothing was varied.
    source: str | None
    text: str


class Explanation(TypedDict):
    varied: list[Explained]
    not_varied: list[Explained]
    samples: str


class PlaceRankOdds(TypedDict):
    point_rank: int
    p_point_rank: float
    most_likely_rank: int
    p_most_likely_rank: float
    rank_min: int
    rank_max: int


class UncertaintyHeader(TypedDict):
    """How the bands of a report or comparison were drawn (--uncertainty)."""

    samples: int
    seed: int
    #: The uncertainty settings used, as in the rubric's ``uncertainty:`` block.
    settings: dict[str, Any]
    sources: list[str]
    not_varied: list[str]
    explanation: Explanation
    #: Place id -> how likely its point rank is.
    places: dict[str, PlaceRankOdds]
    #: Source -> its share of the variance of the ranking (None: not varied).
    index: dict[str, float | None]


class PlaceUncertainty(UncertaintyHeader):
    """The header with the bands of the report's own place."""

    overall: TextBand | None
    #: null when the place has nothing known: it is ranked nowhere.
    rank: RankLikelihood | None
    dimensions: dict[str, TextBand | None]
    place_index: dict[str, float | None]


# --------------------------------------------------------------------------- score


class DimensionScore(TypedDict):
    weight: float
    score: float | None
    coverage: float
    #: False when none of its indicators applies to the place.
    applicable: bool


class IndicatorScore(TypedDict):
    dimension: str
    weight: float
    level: int | None
    value: float | None
    score: float | None
    confidence: str | None
    #: Whether the level rests on evidence (False: an opinion, or unknown).
    evidence: bool
    #: False: not applicable to the place (n/a), left out of every average and of coverage.
    applicable: bool


class ScoredPlace(TypedDict):
    #: The place's position in the ranking, 1 = highest overall (ties by id), as the table
    #: and CSV number them; null for a place with no level known (listed last, unranked).
    rank: int | None
    id: str
    name: str
    name_zh: str | None
    assessed: str
    overall: float | None
    stage: str | None
    coverage: float
    provisional: bool
    provisional_reasons: list[str]
    known: int
    not_applicable: int
    opinions: int
    dimensions: dict[str, DimensionScore]
    indicators: dict[str, IndicatorScore]


class ScoreResult(TypedDict):
    """`policebench score --format json`: the places ranked, every dimension and indicator."""

    rubric: RubricRef
    places: list[ScoredPlace]


# --------------------------------------------------------------------------- report


class Review(TypedDict):
    """Where the assessment stands: draft, reviewed or approved, by whom and when."""

    status: str
    by: str | None
    #: YYYY-MM-DD.
    date: str | None


class PlaceHead(TypedDict):
    id: str
    name: str
    #: "city" or "region".
    kind: str
    assessed: str
    assessor: str | None
    notes: str | None
    #: The profile's review status; None when the profile does not state one.
    review: Review | None


#: One indicator's target; ``source`` is "peer", "frontier", "profile" or "default", and
#: ``from`` says where it came from in words (a Python keyword: hence the functional form).
TargetRow = TypedDict(
    "TargetRow",
    {
        "indicator": str,
        "name": str,
        "dimension_name": str,
        "level": int,
        "level_name": str,
        "source": str,
        "holders": list[str],
        "instead_of": str | None,
        "from": str,
    },
)


class Targets(TypedDict):
    against: str | None
    opinions: bool
    rule: str
    note: str | None
    indicators: list[TargetRow]


class Summary(Provisional):
    overall: float | None
    stage: str | None
    coverage: float
    #: The place's rank among the ``of`` places ranked; null when none of its levels is known.
    rank: int | None
    of: int
    known: int
    indicators: int
    #: Indicators that apply to the place (the coverage denominator), and those that do not.
    applicable: int
    not_applicable: int
    without_evidence: int
    open_gaps: int
    overall_if_closed: float | None


class RankingRow(Provisional):
    id: str
    name: str
    rank: int | None
    overall: float | None
    stage: str | None
    coverage: float
    dimensions: dict[str, float | None]
    band: TextBand | None
    rank_band: RankLikelihood | None


class DimensionSection(TypedDict):
    id: str
    name: str
    weight: float
    score: float | None
    coverage: float
    rank: int | None
    of: int
    best: float | None
    leaders: list[str]
    strongest: list[str]
    weakest: list[str]
    unknown: list[str]
    #: The indicators that do not apply to the place (n/a).
    not_applicable: list[str]
    open_gaps: int
    impact: float | None


class GapRow(TypedDict):
    indicator: str
    name: str
    dimension: str
    dimension_name: str
    #: None only in a type's eyes: a gap row's current level is always known.
    current: int | None
    current_name: str
    target: int
    target_name: str
    target_source: str
    holders: list[str]
    target_from: str
    gap: int | None
    impact: float | None


class UnknownRow(TypedDict):
    indicator: str
    name: str
    dimension: str
    dimension_name: str
    target: int
    target_name: str
    target_source: str
    holders: list[str]
    target_from: str
    note: str | None


class Subtotal(TypedDict):
    dimension: str
    name: str
    open: int
    levels: int
    impact: float | None
    unknown: int


class Need(TypedDict):
    indicator: str
    name: str
    level: int


class RoadmapAction(TypedDict):
    indicator: str
    name: str
    dimension_name: str
    level: int
    level_name: str
    do: str
    effort: str
    effort_name: str
    impact: float | None
    priority: float | None
    needs: list[Need]
    unlocks: list[str]
    prerequisite: bool


class Phase(TypedDict):
    phase: int
    actions: list[RoadmapAction]


class Blocked(TypedDict):
    indicator: str
    name: str
    level: int
    do: str
    reason: str


class Undefined(TypedDict):
    indicator: str
    name: str
    level: int


class Roadmap(TypedDict):
    phases: list[Phase]
    blocked: list[Blocked]
    #: Steps the rubric lists no action for.
    undefined: list[Undefined]


class LessonPeer(TypedDict):
    id: str
    name: str
    level: int
    level_name: str
    confidence: str | None
    evidence: str | None
    sources: list[SourceData]


class Lesson(TypedDict):
    indicator: str
    name: str
    target: int
    #: Peers beyond those listed.
    more: int
    peers: list[LessonPeer]


class EvidenceRow(TypedDict):
    indicator: str
    name: str
    dimension_name: str
    level: int | None
    level_name: str
    value: float | None
    unit: str | None
    confidence: str | None
    evidence: str | None
    note: str | None
    sources: list[SourceData]
    #: The questionnaire's statistics when the level came from `survey`.
    survey: dict[str, Any] | None
    status: Literal["not-applicable", "unknown", "opinion", "evidenced"]
    #: Why the indicator does not apply (n/a only).
    reason: str | None
    #: The newest source's date, its age in years at the assessment, the age limit ("5y").
    newest: str | None
    age_years: float | None
    max_age: str | None
    stale: bool
    repost_only: bool
    flags: list[str]


class ReliabilityShare(TypedDict):
    reliability: str
    levels: int
    share: float | None


class EvidenceQuality(TypedDict):
    """A place's evidence in a few figures (analysis.evidence.quality)."""

    known: int
    by_reliability: list[ReliabilityShare]
    median_age_years: float | None
    max_age: str | None
    opinions: int
    stale: int
    repost_only: int
    no_source: int
    not_applicable: int


class NotApplicableRow(TypedDict):
    indicator: str
    name: str
    dimension: str
    dimension_name: str
    reason: str | None


class TrendPointRow(TypedDict):
    assessed: str
    overall: float | None
    overall_change: float | None
    #: The overall change from the assessment before over the ``compared`` indicators known
    #: at both dates; null when the same ones are known (or none is), and for the first.
    like_for_like: float | None
    compared: int
    #: The indicators (by name) known now but not at the assessment before, and the
    #: reverse: what makes the headline change differ from the like-for-like one.
    newly_known: list[str]
    newly_unknown: list[str]
    coverage: float
    dimensions: dict[str, float | None]


class PlaceReport(TypedDict):
    """`policebench report --format json`: everything the HTML and Markdown reports show."""

    policebench: str | None
    lang: str
    rubric: RubricHead
    place: PlaceHead
    #: A peer id, "frontier", or None (no comparison target).
    against: str | None
    against_name: str | None
    peers: Peers
    targets: Targets
    summary: Summary
    ranking: list[RankingRow]
    dimensions: list[DimensionSection]
    radar: Radar
    gaps: list[GapRow]
    top: int | None
    unknown: list[UnknownRow]
    not_applicable: list[NotApplicableRow]
    subtotals: list[Subtotal]
    overall_if_closed: float | None
    roadmap: Roadmap
    lessons: list[Lesson]
    evidence: list[EvidenceRow]
    evidence_quality: EvidenceQuality
    trend: list[TrendPointRow]
    provenance: ProvenanceData | None
    #: With --uncertainty: the bands and how they were drawn.
    uncertainty: PlaceUncertainty | None


class GapsResult(TypedDict):
    """`policebench gaps --format json`: the report's gap sections."""

    place: PlaceHead
    rubric: RubricHead
    against: str | None
    against_name: str | None
    peers: Peers
    targets: Targets
    summary: Summary
    gaps: list[GapRow]
    unknown: list[UnknownRow]
    not_applicable: list[NotApplicableRow]
    subtotals: list[Subtotal]
    overall_if_closed: float | None


class RecommendResult(TypedDict):
    """`policebench recommend --format json`: the report's roadmap sections."""

    place: PlaceHead
    rubric: RubricHead
    against: str | None
    against_name: str | None
    peers: Peers
    targets: Targets
    summary: Summary
    gaps: list[GapRow]
    top: int | None
    roadmap: Roadmap
    lessons: list[Lesson]


# --------------------------------------------------------------------------- compare


class Compared(TypedDict):
    #: "asked" (every place was named), or where the peers that joined came from.
    origin: str
    #: How many of the places are peers that joined those asked for.
    peers: int
    text: str


class ComparedDimension(TypedDict):
    score: float | None
    leader: bool
    band: TextBand | None


class ComparedPlace(Provisional):
    #: 1 = highest overall; null for a place with no level known (listed last, unranked).
    rank: int | None
    id: str
    name: str
    assessed: str
    overall: float | None
    stage: str | None
    coverage: float
    band: TextBand | None
    rank_band: RankLikelihood | None
    dimensions: dict[str, ComparedDimension]


class Spread(TypedDict):
    id: str
    name: str
    #: Empty, and ``spread`` None, when fewer than two places are known (``known``).
    leaders: list[str]
    best: float | None
    worst: float | None
    spread: float | None
    known: int


class HeatCell(TypedDict):
    place: str
    level: int | None
    #: False: the indicator does not apply to the place (n/a, never unknown or zero).
    applicable: bool
    #: A known level without evidence: an assessor's opinion, marked as such wherever shown.
    opinion: bool


class HeatRow(TypedDict):
    indicator: str
    name: str
    dimension: str
    dimension_name: str
    levels: list[HeatCell]


class Comparison(TypedDict):
    """`policebench compare --format json`: ranking, leaders and spreads, level heatmap."""

    policebench: str | None
    lang: str
    rubric: RubricHead
    compared: Compared
    places: list[ComparedPlace]
    dimensions: list[Spread]
    heatmap: list[HeatRow]
    radar: Radar
    unknown_label: str
    provenance: ProvenanceData | None
    uncertainty: UncertaintyHeader | None


# --------------------------------------------------------------------------- trend


class TrendDimension(TypedDict):
    score: float | None
    change: float | None
    coverage: float | None


class Assessment(TypedDict):
    assessed: str
    overall: float | None
    overall_change: float | None
    stage: str | None
    coverage: float | None
    coverage_change: float | None
    dimensions: dict[str, TrendDimension]


#: One indicator that moved between two assessments: its level ``from`` and ``to``.
Move = TypedDict(
    "Move",
    {"id": str, "dimension": str, "from": int | None, "to": int | None, "direction": str},
)

#: Two consecutive assessment dates, the indicators that moved between them, and the
#: overall change over the ``compared`` indicators known at both dates (``like_for_like``:
#: null when the same indicators are known at both, or none is).
TrendStep = TypedDict(
    "TrendStep",
    {
        "from": str,
        "to": str,
        "indicators": list[Move],
        "like_for_like": float | None,
        "compared": int,
    },
)


class TrendPlace(TypedDict):
    id: str
    name: str
    name_zh: str | None


class TrendResult(TypedDict):
    """`policebench trend --format json`: every assessment of a place and every step."""

    rubric: RubricRef
    place: TrendPlace
    assessments: list[Assessment]
    steps: list[TrendStep]
    #: Input files left out with errors: an assessment of the place may be one of them.
    left_out: list[str]


# --------------------------------------------------------------------------- sensitivity


class SensitivityPlace(TypedDict):
    id: str
    name: str
    overall: Band | None
    #: null for a place with no score in any sample (nothing known): ranked nowhere.
    rank: RankBand | None
    dimensions: dict[str, Band | None]
    index: dict[str, float | None]


class SensitivityWeightPlace(TypedDict):
    id: str
    overall: float | None
    rank: int | None


class SensitivityWeightSet(TypedDict):
    """One weight set given with --weights (the rubric's first): each place's point score
    and rank under it."""

    name: str
    #: In the point-rank order of the rubric's weights.
    places: list[SensitivityWeightPlace]


class SensitivityData(TypedDict):
    """`policebench sensitivity --format json`: bands and rank probabilities per place."""

    rubric: RubricRef
    samples: int
    seed: int
    index_samples: int
    settings: dict[str, Any]
    sources: list[str]
    index: dict[str, float | None]
    #: In point-rank order.
    places: list[SensitivityPlace]
    #: With --weights only: the rubric's weight set, then each one given.
    weight_sets: NotRequired[list[SensitivityWeightSet]]


# --------------------------------------------------------------------------- rubric diff


class Change(TypedDict):
    kind: str
    scope: str
    item: str
    old: str | float | int | None
    new: str | float | int | None
    count: int | None


class ScoredUnder(TypedDict):
    overall: float | None
    coverage: float | None
    stage: str | None
    #: Indicators the rubric could not score -> why.
    ignored: dict[str, str]


class DiffPlace(TypedDict):
    id: str
    name: str
    old_assessed: str
    new_assessed: str
    before: ScoredUnder
    rescored: ScoredUnder
    after: ScoredUnder
    rubric_effect: float | None
    place_effect: float | None
    total: float | None


class RubricDiffData(TypedDict):
    """`policebench rubric diff --format json`: the changes, and each place before/after."""

    old: RubricRef
    new: RubricRef
    changes: list[Change]
    places: list[DiffPlace]


# --------------------------------------------------------------------------- weights, consensus


class AhpInconsistency(TypedDict):
    row: str
    column: str
    given: float
    #: w_row / w_column: the judgement the other judgements imply.
    implied: float
    #: ``implied`` rounded to Saaty's scale.
    suggested: float
    #: max(given / implied, implied / given).
    factor: float


class AhpPriorities(TypedDict):
    weights: dict[str, float]
    lambda_max: float
    ci: float
    #: None beyond 10 items (no random index).
    cr: float | None
    consistent: bool
    #: When CR > 0.1: the three judgements most at odds with the rest, worst first.
    most_inconsistent: list[AhpInconsistency]


class AhpExpert(TypedDict):
    expert: str
    file: str
    dimensions: AhpPriorities | None
    indicators: dict[str, AhpPriorities]


class AhpData(TypedDict):
    """`policebench weights ahp --format json`: each expert's priorities and consistency,
    the panel's (geometric mean of the judgements) and the weights."""

    method: str
    aggregation: str
    cr_limit: float
    rubric: str
    experts: list[AhpExpert]
    panel: AhpExpert
    #: "dimensions" and the dimension ids whose indicators were compared.
    compared: list[str]
    dimension_weights: dict[str, float]
    indicator_weights: dict[str, dict[str, float]]
    #: Indicator id -> its share of the overall score.
    global_weights: dict[str, float]
    rubric_dimension_weights: dict[str, float]


class EntropyIndicator(TypedDict):
    id: str
    #: Places with a known level.
    known: int
    entropy: float
    weight: float
    rubric_weight: float
    difference: float


class EntropyData(TypedDict):
    """`policebench weights entropy --format json`: entropy weights against the rubric's,
    the largest difference first."""

    method: str
    rubric: str
    places: list[str]
    indicators: list[EntropyIndicator]
    #: Indicator id -> places with a known level (fewer than two).
    left_out: dict[str, int]
    dimension_weights: dict[str, float]


class ConsensusIndicator(TypedDict):
    id: str
    #: Assessor -> level (None: unknown to them).
    levels: dict[str, int | None]
    level: int | None
    median: int | None
    #: "median" or "meeting".
    decided: str
    agreement: float | None
    spread: int
    confidence: str | None


class ConsensusOpinion(TypedDict):
    assessor: str
    level: int | None
    evidence: str | None


class ConsensusDisagreement(TypedDict):
    id: str
    #: "levels" (known levels differ) or "unknown" (known to some assessors only).
    kind: str | None
    spread: int
    opinions: list[ConsensusOpinion]


class ConsensusData(TypedDict):
    """`policebench consensus --format json`: each assessor's level beside the consensus,
    the agreement, and the disagreements for the consensus meeting."""

    id: str
    assessed: str
    #: The assessors' names (each profile's ``assessor``): the keys of every ``levels``.
    assessors: list[str]
    #: The same names in Chinese (``assessor_zh`` where a profile has one), in that order.
    assessors_zh: list[str]
    rule: str
    alpha_ordinal: float | None
    within_one: float | None
    indicators: list[ConsensusIndicator]
    disagreements: list[ConsensusDisagreement]


#: The published contracts: ``policebench schema NAME`` and ``schemas/NAME.schema.json``.
CONTRACTS: dict[str, type] = {
    "score": ScoreResult,
    "report": PlaceReport,
    "gaps": GapsResult,
    "recommend": RecommendResult,
    "compare": Comparison,
    "trend": TrendResult,
    "sensitivity": SensitivityData,
    "rubric-diff": RubricDiffData,
    "weights-ahp": AhpData,
    "weights-entropy": EntropyData,
    "consensus": ConsensusData,
}
