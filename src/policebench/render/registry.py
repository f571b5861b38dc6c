"""The format registry: for each command, the formats it writes and the renderer of each.

One place answers "which formats does `score` offer, and what writes its CSV?": a command
takes its ``--format`` choices from here (:func:`formats`) and its text from :func:`render`.
A new format is one renderer here, one entry in ``_REGISTRY`` and one member of the
command's format enum; ``tests/render/test_registry.py`` fails when an enum offers a format
without a renderer or a renderer is not offered.

Every renderer takes the command's result and a :class:`Style` (language, colour, width,
templates) and returns text, or bytes for the Office formats (:data:`BINARY`: xlsx, docx),
which are zip packages written as they are (never to a terminal). Render modules are
imported by the renderer that needs them, never at start-up: ``policebench --version`` and
``score`` stay fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policebench.models import Profile, Rubric
    from policebench.report.contract import Comparison, PlaceReport
    from policebench.scoring import Scorecard


class TableFormat(StrEnum):
    """The formats of the commands that print tables."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class SheetFormat(StrEnum):
    """The formats of the table commands that also write a workbook (score, gaps,
    recommend, evidence, trend, sensitivity)."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


class CompareFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"
    docx = "docx"


class ProfileFormat(StrEnum):
    """What `new` and `export` write: the YAML profile, or the data-collection workbook."""

    yaml = "yaml"
    xlsx = "xlsx"


class ExportFormat(StrEnum):
    """What `export` writes: the workbook filled from a profile (first: its default), or the
    profile again as commented YAML."""

    xlsx = "xlsx"
    yaml = "yaml"


#: Formats whose renderers return bytes (Office packages) rather than text.
BINARY = frozenset({"xlsx", "docx"})


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class AhpFormat(StrEnum):
    """`weights ahp`: yaml is a copy of the rubric carrying the panel's weights."""

    table = "table"
    json = "json"
    yaml = "yaml"


class EntropyFormat(StrEnum):
    """`weights entropy`: yaml is a copy of the rubric carrying the entropy weights."""

    table = "table"
    json = "json"
    yaml = "yaml"


class ConsensusFormat(StrEnum):
    """`consensus`: yaml is the consensus profile; the others the meeting's overview."""

    table = "table"
    yaml = "yaml"
    json = "json"
    markdown = "markdown"


@dataclass(frozen=True)
class Style:
    """How a result is laid out: language, colour (terminal only), width, own templates."""

    lang: str = "en"
    color: bool = False
    #: Width of terminal tables; None = the terminal's.
    width: int | None = None
    #: A folder of jinja2 templates overriding the bundled ones (report, compare).
    template_dir: Path | None = None


@dataclass(frozen=True)
class Scores:
    """What `score` renders: ranked scorecards (with the places' names)."""

    rubric: Rubric
    cards: list[Scorecard]


@dataclass(frozen=True)
class WithRubric:
    """A result that is rendered with the rubric it was computed against (trend,
    sensitivity)."""

    rubric: Rubric
    result: Any
    #: Sensitivity's table and Markdown: the places shown (the best ``top`` by point rank;
    #: None: all). JSON and CSV always have every place.
    top: int | None = None
    #: Sensitivity's JSON: each place's count at every rank it took (``--no-rank-counts``:
    #: left out).
    rank_counts: bool = True
    #: Trend: the input files left out with errors (an assessment of the place may be one).
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """What `evidence` renders: the source register, each place's evidence quality, and the
    profiles (for their names)."""

    rubric: Rubric
    register: Any  # analysis.evidence.Register
    qualities: dict[str, Any]  # place id -> analysis.evidence.Quality
    names: dict[str, Profile]


@dataclass(frozen=True)
class ProfileDoc:
    """What `new` and `export` render: a profile, its rubric (and the SHA-256 of the rubric's
    file, recorded in a workbook), and the file name the YAML's "check with" line names."""

    profile: Profile
    rubric: Rubric
    rubric_sha256: str
    file: str


Renderer = Callable[[Any, Style], str | bytes]

# --------------------------------------------------------------------------- new, export


def _profile_yaml(r: ProfileDoc, s: Style) -> str:
    from policebench.render.profile_yaml import render_profile

    return render_profile(r.profile, r.rubric, s.lang, file=r.file)


def _profile_xlsx(r: ProfileDoc, s: Style) -> bytes:
    from policebench.render.workbook import render_workbook

    return render_workbook(r.profile, r.rubric, r.rubric_sha256, s.lang)


# --------------------------------------------------------------------------- score


def _score_table(r: Scores, s: Style) -> str:
    from policebench.render import scores

    return scores.render_table(r.rubric, r.cards, s.lang, color=s.color, width=s.width)


def _score_json(r: Scores, s: Style) -> str:
    from policebench.render import scores

    return scores.render_json(r.rubric, r.cards)


def _score_csv(r: Scores, s: Style) -> str:
    from policebench.render import scores

    return scores.render_csv(r.rubric, r.cards, s.lang)


def _score_markdown(r: Scores, s: Style) -> str:
    from policebench.render import scores

    return scores.render_markdown(r.rubric, r.cards, s.lang)


def _score_xlsx(r: Scores, s: Style) -> bytes:
    from policebench.render.sheets import scores_workbook

    return scores_workbook(r.rubric, r.cards, s.lang)


# --------------------------------------------------------------------------- gaps, recommend


def _gaps_table(report: PlaceReport, s: Style) -> str:
    from policebench.render import gaps

    return gaps.gaps_table(report, s.lang, color=s.color, width=s.width)


def _gaps_json(report: PlaceReport, s: Style) -> str:
    from policebench.render.common import to_json
    from policebench.report.place import gaps_result

    return to_json(gaps_result(report))


def _gaps_csv(report: PlaceReport, s: Style) -> str:
    from policebench.render import gaps

    return gaps.gaps_csv(report, s.lang)


def _gaps_xlsx(report: PlaceReport, s: Style) -> bytes:
    from policebench.render.sheets import gaps_workbook

    return gaps_workbook(report, s.lang)


def _recommend_table(report: PlaceReport, s: Style) -> str:
    from policebench.render import gaps

    return gaps.recommend_table(report, s.lang, color=s.color, width=s.width)


def _recommend_json(report: PlaceReport, s: Style) -> str:
    from policebench.render.common import to_json
    from policebench.report.place import recommend_result

    return to_json(recommend_result(report))


def _recommend_csv(report: PlaceReport, s: Style) -> str:
    from policebench.render import gaps

    return gaps.recommend_csv(report, s.lang)


def _recommend_xlsx(report: PlaceReport, s: Style) -> bytes:
    from policebench.render.sheets import recommend_workbook

    return recommend_workbook(report, s.lang)


# --------------------------------------------------------------------------- data as is


def _json(data: Any, s: Style) -> str:
    """A result that is its own JSON contract (report, compare, rubric diff data)."""
    from policebench.render.common import to_json

    return to_json(data)


def _template(name: str) -> Renderer:
    """A renderer through the jinja2 template ``name`` (``Style.template_dir`` may override)."""

    def render(data: PlaceReport | Comparison, s: Style) -> str:
        from policebench.render.templates import render as template

        return template(name, data, s.template_dir, s.lang)

    render.__name__ = f"template:{name}"
    return render


def _report_docx(data: PlaceReport, s: Style) -> bytes:
    from policebench.render.word import render_report

    return render_report(data)


# --------------------------------------------------------------------------- compare


def _compare_table(data: Comparison, s: Style) -> str:
    from policebench.render import compare

    return compare.compare_table(data, s.lang, color=s.color, width=s.width)


def _compare_csv(data: Comparison, s: Style) -> str:
    from policebench.render import compare

    return compare.compare_csv(data)


def _compare_xlsx(data: dict[str, Any], s: Style) -> bytes:
    from policebench.render.sheets import compare_workbook

    return compare_workbook(data)


# --------------------------------------------------------------------------- trend


def _trend_table(r: WithRubric, s: Style) -> str:
    from policebench.render import trend

    return trend.render_table(
        r.rubric, r.result, s.lang, color=s.color, width=s.width, left_out=r.left_out
    )


def _trend_json(r: WithRubric, s: Style) -> str:
    from policebench.render import trend

    return trend.render_json(r.rubric, r.result, r.left_out)


def _trend_csv(r: WithRubric, s: Style) -> str:
    from policebench.render import trend

    return trend.render_csv(r.rubric, r.result, s.lang)


def _trend_xlsx(r: WithRubric, s: Style) -> bytes:
    from policebench.render.sheets import trend_workbook

    return trend_workbook(r.rubric, r.result, s.lang, r.left_out)


def _trend_markdown(r: WithRubric, s: Style) -> str:
    from policebench.render import trend

    return trend.render_markdown(r.rubric, r.result, s.lang, r.left_out)


# --------------------------------------------------------------------------- sensitivity


def _sensitivity_table(r: WithRubric, s: Style) -> str:
    from policebench.render import sensitivity

    return sensitivity.render_table(
        r.result, r.rubric, s.lang, color=s.color, width=s.width, top=r.top
    )


def _sensitivity_json(r: WithRubric, s: Style) -> str:
    from policebench.render import sensitivity

    return sensitivity.render_json(r.result, counts=r.rank_counts)


def _sensitivity_csv(r: WithRubric, s: Style) -> str:
    from policebench.render import sensitivity

    return sensitivity.render_csv(r.result, s.lang)


def _sensitivity_xlsx(r: WithRubric, s: Style) -> bytes:
    from policebench.render.sheets import sensitivity_workbook

    return sensitivity_workbook(r.result, r.rubric, s.lang)


def _sensitivity_markdown(r: WithRubric, s: Style) -> str:
    from policebench.render import sensitivity

    return sensitivity.render_markdown(r.result, r.rubric, s.lang, top=r.top)


# --------------------------------------------------------------------------- rubric diff


def _diff_table(result: Any, s: Style) -> str:
    from policebench.render import rubric_diff

    return rubric_diff.render_table(result, s.lang, color=s.color, width=s.width)


def _diff_json(result: Any, s: Style) -> str:
    from policebench.render import rubric_diff

    return rubric_diff.render_json(result)


def _diff_markdown(result: Any, s: Style) -> str:
    from policebench.render import rubric_diff

    return rubric_diff.render_markdown(result, s.lang)


# --------------------------------------------------------------------------- evidence


def _evidence_table(r: Evidence, s: Style) -> str:
    from policebench.render import evidence

    return evidence.render_table(
        r.rubric, r.register, r.qualities, r.names, s.lang, color=s.color, width=s.width
    )


def _evidence_json(r: Evidence, s: Style) -> str:
    from policebench.render import evidence

    return evidence.render_json(r.rubric, r.register, r.qualities)


def _evidence_csv(r: Evidence, s: Style) -> str:
    from policebench.render import evidence

    return evidence.render_csv(r.rubric, r.register, r.names, s.lang)


def _evidence_xlsx(r: Evidence, s: Style) -> bytes:
    from policebench.render.sheets import evidence_workbook

    return evidence_workbook(r.rubric, r.register, r.qualities, r.names, s.lang)


def _evidence_markdown(r: Evidence, s: Style) -> str:
    from policebench.render import evidence

    return evidence.render_markdown(r.rubric, r.register, r.qualities, r.names, s.lang)


# --------------------------------------------------------------------------- weights


def _ahp_table(w: Any, s: Style) -> str:
    from policebench.render import weights

    return weights.ahp_table(w, s.lang, color=s.color, width=s.width)


def _ahp_json(w: Any, s: Style) -> str:
    from policebench.render import weights

    return weights.ahp_json(w)


def _ahp_yaml(w: Any, s: Style) -> str:
    from policebench.render import weights

    return weights.rubric_copy(w, s.lang)


def _entropy_table(w: Any, s: Style) -> str:
    from policebench.render import weights

    return weights.entropy_table(w, s.lang, color=s.color, width=s.width)


def _entropy_json(w: Any, s: Style) -> str:
    from policebench.render import weights

    return weights.entropy_json(w)


def _entropy_yaml(w: Any, s: Style) -> str:
    from policebench.render import weights

    return weights.entropy_rubric_copy(w, s.lang)


# --------------------------------------------------------------------------- consensus


def _consensus_table(r: Any, s: Style) -> str:
    from policebench.render import consensus

    return consensus.consensus_table(r, s.lang, color=s.color, width=s.width)


def _consensus_yaml(r: Any, s: Style) -> str:
    from policebench.render import consensus

    return consensus.consensus_yaml(r, s.lang)


def _consensus_json(r: Any, s: Style) -> str:
    from policebench.render import consensus

    return consensus.consensus_json(r)


def _consensus_markdown(r: Any, s: Style) -> str:
    from policebench.render import consensus

    return consensus.consensus_markdown(r, s.lang)


# --------------------------------------------------------------------------- the registry

#: Per command: its format enum (what ``--format`` offers, in the order ``--help`` lists it)
#: and the renderer of each format; the first is the default when writing to stdout and the
#: file name says nothing.
_REGISTRY: dict[str, tuple[type[StrEnum], dict[str, Renderer]]] = {
    "new": (ProfileFormat, {"yaml": _profile_yaml, "xlsx": _profile_xlsx}),
    "export": (ExportFormat, {"xlsx": _profile_xlsx, "yaml": _profile_yaml}),
    "score": (
        SheetFormat,
        {
            "table": _score_table,
            "json": _score_json,
            "csv": _score_csv,
            "markdown": _score_markdown,
            "xlsx": _score_xlsx,
        },
    ),
    "gaps": (
        SheetFormat,
        {
            "table": _gaps_table,
            "json": _gaps_json,
            "csv": _gaps_csv,
            "markdown": _template("gaps.md.j2"),
            "xlsx": _gaps_xlsx,
        },
    ),
    "recommend": (
        SheetFormat,
        {
            "table": _recommend_table,
            "json": _recommend_json,
            "csv": _recommend_csv,
            "markdown": _template("recommend.md.j2"),
            "xlsx": _recommend_xlsx,
        },
    ),
    "compare": (
        CompareFormat,
        {
            "table": _compare_table,
            "markdown": _template("compare.md.j2"),
            "html": _template("compare.html.j2"),
            "json": _json,
            "csv": _compare_csv,
            "xlsx": _compare_xlsx,
        },
    ),
    "report": (
        ReportFormat,
        {
            "markdown": _template("report.md.j2"),
            "html": _template("report.html.j2"),
            "json": _json,
            "docx": _report_docx,
        },
    ),
    "trend": (
        SheetFormat,
        {
            "table": _trend_table,
            "json": _trend_json,
            "csv": _trend_csv,
            "markdown": _trend_markdown,
            "xlsx": _trend_xlsx,
        },
    ),
    "sensitivity": (
        SheetFormat,
        {
            "table": _sensitivity_table,
            "json": _sensitivity_json,
            "csv": _sensitivity_csv,
            "markdown": _sensitivity_markdown,
            "xlsx": _sensitivity_xlsx,
        },
    ),
    "evidence": (
        SheetFormat,
        {
            "table": _evidence_table,
            "json": _evidence_json,
            "csv": _evidence_csv,
            "markdown": _evidence_markdown,
            "xlsx": _evidence_xlsx,
        },
    ),
    "rubric diff": (
        DiffFormat,
        {
            "table": _diff_table,
            "json": _diff_json,
            "markdown": _diff_markdown,
        },
    ),
    "weights ahp": (AhpFormat, {"table": _ahp_table, "json": _ahp_json, "yaml": _ahp_yaml}),
    "weights entropy": (
        EntropyFormat,
        {"table": _entropy_table, "json": _entropy_json, "yaml": _entropy_yaml},
    ),
    "consensus": (
        ConsensusFormat,
        {
            "table": _consensus_table,
            "yaml": _consensus_yaml,
            "json": _consensus_json,
            "markdown": _consensus_markdown,
        },
    ),
}


def commands() -> Mapping[str, Mapping[str, Renderer]]:
    """Every command in the registry with its renderers by format."""
    return {name: renderers for name, (_, renderers) in _REGISTRY.items()}


def formats(command: str) -> type[StrEnum]:
    """The format enum of ``command``: what its ``--format`` offers."""
    return _REGISTRY[command][0]


def default(command: str) -> StrEnum:
    """The format ``command`` writes when neither ``--format`` nor the file name says one."""
    return next(iter(formats(command)))


def render(command: str, fmt: str, result: Any, style: Style) -> str | bytes:
    """``result`` of ``command`` in the format ``fmt``: text, or bytes for :data:`BINARY`."""
    return _REGISTRY[command][1][str(fmt)](result, style)
