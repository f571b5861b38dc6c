"""`policebench consensus` output: each assessor's level beside the consensus, the agreement,
and the disagreements for the consensus meeting; or the consensus profile itself (yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policebench.analysis.consensus import Consensus, IndicatorConsensus
from policebench.i18n import join_list, paren, t
from policebench.models import Rubric
from policebench.models.base import localized
from policebench.render.common import md_table, rich_to_text, to_json
from policebench.report.consensus import consensus_data


@dataclass(frozen=True)
class ConsensusResult:
    """What `consensus` renders: the consensus, the rubric, and the file name to show."""

    rubric: Rubric
    result: Consensus
    file: str


def _level(level: int | None) -> str:
    return "—" if level is None else str(level)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def alpha_verdict(alpha: float, lang: str) -> str:
    """What an alpha says, by Krippendorff's thresholds (Content Analysis, 2004, 12.4):
    0.800 and above reliable, 0.667 to 0.800 for tentative conclusions, below that low."""
    if alpha >= 0.800:
        return t("alpha_reliable", lang)
    if alpha >= 0.667:
        return t("alpha_tentative", lang)
    return t("alpha_low", lang)


def _summary(r: ConsensusResult, lang: str) -> list[str]:
    c = r.result
    alpha = "—" if c.alpha is None else f"{c.alpha:.3f}" + paren(alpha_verdict(c.alpha, lang), lang)
    return [
        t("consensus_summary", lang).format(
            place=localized(c.profile, "name", lang),
            date=c.profile.assessed.isoformat(),
            count=len(c.assessors),
            assessors=join_list(c.names(lang), lang),
        ),
        t("consensus_agreement", lang).format(
            within=_share(c.within_one), alpha=alpha, disagree=len(c.disagreements)
        ),
        t("consensus_rule", lang),
    ]


def _grid(r: ConsensusResult, lang: str) -> tuple[list[str], list[list[str]]]:
    c = r.result
    header = [
        t("indicator", lang),
        *c.names(lang),
        t("consensus_level", lang),
        t("consensus_within", lang),
        t("consensus_spread", lang),
        t("confidence", lang),
    ]
    rows = []
    for item in c.indicators:
        if all(o.level is None for o in item.opinions) and item.decided != "meeting":
            continue  # unknown to everyone: nothing to show or discuss
        name = localized(r.rubric.indicators[item.indicator], "name", lang)
        level = _level(item.level) + (" *" if item.decided == "meeting" else "")
        rows.append(
            [
                f"{name} ({item.indicator})",  # a space to wrap at, in a table
                *(_level(o.level) for o in item.opinions),
                level,
                _share(item.agreement),
                _spread(item),
                "—" if item.confidence is None else t(item.confidence, lang),
            ]
        )
    return header, rows


def _spread(item: IndicatorConsensus) -> str:
    """The assessors' spread; "—" when none of them gave a level (a level the meeting set
    alone has no spread, not a spread of 0)."""
    if all(o.level is None for o in item.opinions):
        return "—"
    return str(item.spread)


def _why(item: IndicatorConsensus, lang: str) -> str:
    return t(f"consensus_{item.disagreement}", lang)


def _disagreement_rows(r: ConsensusResult, lang: str) -> tuple[list[str], list[list[str]]]:
    header = [
        t("indicator", lang),
        t("consensus_why", lang),
        t("consensus_assessor", lang),
        t("level", lang),
        t("evidence", lang),
    ]
    rows = []
    names = r.result.names(lang)
    for item in r.result.disagreements:
        for n, o in enumerate(item.opinions):
            first = n == 0
            rows.append(
                [
                    localized(r.rubric.indicators[item.indicator], "name", lang)
                    + paren(f"{t('consensus_spread', lang)} {_spread(item)}", lang)
                    if first
                    else "",
                    _why(item, lang) if first else "",
                    names[n],
                    _level(o.level),
                    localized(o, "evidence", lang) or "—",
                ]
            )
    return header, rows


def consensus_table(
    r: ConsensusResult, lang: str, *, color: bool = False, width: int | None = None
) -> str:
    """The assessors' grid and the disagreements, laid out for the terminal as every table
    is (``render.terminal``): names whole, CJK broken between characters, a table too wide
    split with the indicator repeated, never a header cut short."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    title, agreement, rule = _summary(r, lang)
    parts: list[Any] = [paragraph(title, w, style="bold"), paragraph(agreement, w)]
    header, rows = _grid(r, lang)
    columns = [Column(header[0], wrap=True, key=True, min=14)]
    # An assessor's name (a header over one-digit levels) may wrap between its words.
    names = r.result.names(lang)
    columns += [Column(h, "right", wrap=True, min=6) for h in names]
    columns += [Column(h, "right") for h in header[1 + len(names) :]]
    parts += table(Grid(columns, rows, keep=list(names)), width=w, lang=lang, color=color)
    header, rows = _disagreement_rows(r, lang)
    if rows:
        columns = [
            Column(header[0], key=True),
            Column(header[1], wrap=True),
            Column(header[2], wrap=True),
            Column(header[3], "right"),
            Column(header[4], wrap=True, min=16, weight=3),
        ]
        # An assessor's name stands whole (a column wide enough for the longest).
        grid = Grid(columns, rows, title=t("consensus_disagreements", lang), keep=list(names))
        parts += table(grid, width=w, lang=lang, color=color)
    else:
        parts.append(paragraph(t("consensus_none", lang), w))
    parts.append(paragraph(rule, w, style="dim"))
    return rich_to_text(Group(*parts), color=color, width=w)


def consensus_markdown(r: ConsensusResult, lang: str) -> str:
    title, agreement, rule = _summary(r, lang)
    out = [f"# {title}\n", agreement + "\n"]
    header, rows = _grid(r, lang)
    out.append(md_table(header, rows, "l" + "r" * (len(header) - 1)))
    out.append(f"## {t('consensus_disagreements', lang)}\n")
    header, rows = _disagreement_rows(r, lang)
    out.append(md_table(header, rows) if rows else t("consensus_none", lang) + "\n")
    out.append(rule + "\n")
    return "\n".join(out)


def consensus_json(r: ConsensusResult) -> str:
    return to_json(consensus_data(r.result))


def consensus_yaml(r: ConsensusResult, lang: str) -> str:
    from policebench.render.profile_yaml import render_profile

    return render_profile(r.result.profile, r.rubric, lang, file=r.file)
