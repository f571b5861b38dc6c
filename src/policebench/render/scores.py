"""`policebench score` output: ranked scorecards as a table, JSON, CSV or Markdown."""

from __future__ import annotations

from typing import Any

from policebench.i18n import t
from policebench.models import Dimension, Profile, Rubric
from policebench.models.base import localized
from policebench.render.common import (
    add_row,
    md_cell,
    md_table,
    num,
    pct,
    plain,
    rich_to_text,
    to_csv,
    to_json,
)
from policebench.report.parts import rnd
from policebench.report.scores import score_data
from policebench.scoring import Scorecard


def _stage(card: Scorecard, lang: str) -> str:
    return localized(card.stage, "name", lang) if card.stage else t("unknown", lang)


def _name(profile: Profile, lang: str) -> str:
    return localized(profile, "name", lang)


def render_json(rubric: Rubric, cards: list[Scorecard]) -> str:
    return to_json(score_data(rubric, cards))


def render_csv(
    rubric: Rubric, cards: list[Scorecard], names: dict[str, Profile], lang: str = "en"
) -> str:
    """One row per place: rank, ids, overall, stage, coverage, each dimension's score."""
    header = ["rank", "id", "name", "assessed", "overall", "stage", "coverage", "provisional"]
    header += [d.id for d in rubric.dimensions]
    rows = []
    for n, card in enumerate(cards, 1):
        row: list[Any] = [
            n,
            card.city_id,
            _name(names[card.city_id], lang),
            card.assessed.isoformat(),
            rnd(card.overall),
            _stage(card, lang) if card.stage else None,
            rnd(card.coverage, 4),
            "; ".join(card.provisional),
        ]
        row += [rnd(card.dimensions[d.id].score) for d in rubric.dimensions]
        rows.append(row)
    return to_csv(header, rows)


def _short(dim: Dimension, lang: str) -> str:
    """A column header for a dimension: its Chinese name, or its id capitalised."""
    return dim.name_zh if lang == "zh" and dim.name_zh else dim.id.replace("-", " ").capitalize()


def _ranking_rows(
    rubric: Rubric, cards: list[Scorecard], names: dict[str, Profile], lang: str
) -> tuple[list[str], list[list[str]]]:
    header = ["#", t("city", lang), t("overall", lang), t("stage", lang), t("coverage", lang)]
    header += [_short(d, lang) for d in rubric.dimensions]
    rows = []
    for n, card in enumerate(cards, 1):
        row = [
            f"{n}*" if card.provisional else str(n),
            _name(names[card.city_id], lang),
            num(card.overall, lang=lang),
            _stage(card, lang),
            pct(card.coverage, lang),
        ]
        row += [num(card.dimensions[d.id].score, lang=lang) for d in rubric.dimensions]
        rows.append(row)
    return header, rows


def _indicator_rows(
    rubric: Rubric, card: Scorecard, lang: str
) -> tuple[list[str], list[list[str]]]:
    header = [
        t("dimension", lang),
        t("indicator", lang),
        t("level", lang),
        t("score", lang),
        t("confidence", lang),
        t("evidence", lang),
    ]
    rows = []
    for dim in rubric.dimensions:
        for ind in dim.indicators:
            s = card.indicators[ind.id]
            if s.level is None:
                level = t("unknown", lang)
            else:
                level = f"{s.level} · {rubric.scale.name_of(s.level, lang)}"
                if s.value is not None:
                    level += f" ({s.value:g})"
            evidence = (
                ""
                if s.level is None
                else (t("yes", lang) if s.has_evidence else t("opinion", lang))
            )
            rows.append(
                [
                    localized(dim, "name", lang),
                    localized(ind, "name", lang),
                    level,
                    num(s.score, 0, lang),
                    t(s.confidence, lang) if s.confidence else "",
                    evidence,
                ]
            )
    return header, rows


def render_markdown(
    rubric: Rubric, cards: list[Scorecard], names: dict[str, Profile], lang: str = "en"
) -> str:
    title = t("scores_title", lang)
    out = [
        f"# {title}\n",
        f"{t('rubric', lang)}: {md_cell(localized(rubric, 'name', lang))} "
        f"({md_cell(rubric.id)} {md_cell(rubric.version)})\n",
    ]
    header, rows = _ranking_rows(rubric, cards, names, lang)
    out.append(md_table(header, rows, "rlrlr" + "r" * len(rubric.dimensions)))
    if any(card.provisional for card in cards):
        out.append("\\" + md_cell(t("provisional_note", lang)) + "\n")
    if len(cards) == 1:
        header, rows = _indicator_rows(rubric, cards[0], lang)
        out.append("\n" + md_table(header, rows))
    return "\n".join(out)


def render_table(
    rubric: Rubric,
    cards: list[Scorecard],
    names: dict[str, Profile],
    lang: str = "en",
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    """A rich table ranked by overall; with one place, its indicators too."""
    from rich.console import Group
    from rich.table import Table

    header, rows = _ranking_rows(rubric, cards, names, lang)
    ranking = Table(
        title=plain(
            f"{t('scores_title', lang)} · {localized(rubric, 'name', lang)} {rubric.version}"
        ),
        title_justify="left",
        header_style="bold",
        caption=plain(t("provisional_note", lang))
        if any(card.provisional for card in cards)
        else None,
        caption_justify="left",
    )
    for n, column in enumerate(header):
        ranking.add_column(
            plain(column), justify="left" if n in (1, 3) else "right", no_wrap=n in (0, 2)
        )
    for row in rows:
        add_row(ranking, *row)
    parts: list[Any] = [ranking]
    if len(cards) == 1:
        header, rows = _indicator_rows(rubric, cards[0], lang)
        detail = Table(header_style="bold", show_lines=False)
        for n, column in enumerate(header):
            detail.add_column(plain(column), justify="right" if n == 3 else "left")
        previous = ""
        for row in rows:
            dim = row[0] if row[0] != previous else ""
            previous = row[0]
            style = (
                "dim"
                if row[2] == t("unknown", lang)
                else ("yellow" if row[5] == t("opinion", lang) else None)
            )
            add_row(detail, dim, *row[1:], style=style)
        parts.append(detail)
    return rich_to_text(Group(*parts), color=color, width=width)
