"""`policebench score` output: ranked scorecards as a table, JSON, CSV or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policebench.i18n import label, paren, t
from policebench.models import Dimension, Rubric
from policebench.models.base import localized
from policebench.render.common import (
    md_cell,
    md_table,
    num,
    pct,
    rank_cell,
    ranked_count,
    ranking_notes,
    rich_to_text,
    to_csv,
    to_json,
)
from policebench.report.parts import rnd
from policebench.report.scores import rubric_ref, scored_place
from policebench.scoring import Scorecard, ranks


def _stage(card: Scorecard, lang: str) -> str:
    return localized(card.stage, "name", lang) if card.stage else t("unknown", lang)


def _name(card: Scorecard, lang: str) -> str:
    return localized(card, "city_name", lang)


def render_json(rubric: Rubric, cards: list[Scorecard]) -> str:
    """The JSON contract, ``cards`` in ranking order: the text of ``score_data``'s data,
    joined from each place's part (``place_json``) as a warm run joins the kept parts."""
    return joined_json(
        rubric, [(n, *place_json(c)) for n, c in zip(ranks(cards), cards, strict=True)]
    )


#: Where a place's rank stands in its JSON text: its keys are sorted, 'rank' before 'stage'.
_RANK_AT = '\n      "rank": 0,'
#: What the document writes before the first place and after the last one.
_OPEN, _CLOSE = '{\n  "places": [\n    ', "\n  ]\n}\n"


def place_json(card: Scorecard) -> tuple[str, str]:
    """A place's part of the score JSON, as the whole document writes it (indented for its
    place in the list), cut where its rank goes: the text before it and after it. It depends
    on the card alone, so the cache keeps it (``Workspace.score_json``) and a run that
    finds every place's part joins them without a card (``joined_json``); either way the
    document is the one ``to_json(score_data(...))`` writes (tests/render/test_scores.py)."""
    text = to_json({"places": [scored_place(card, 0)]})  # indented as in the document
    assert text.startswith(_OPEN) and text.endswith(_CLOSE), "orjson's indentation"
    head, tail = text[len(_OPEN) : -len(_CLOSE)].split(_RANK_AT, 1)
    return head, tail


def joined_json(rubric: Rubric, parts: Sequence[tuple[int | None, str, str]]) -> str:
    """The score JSON from each place's rank and parts (``place_json``), in ranking order:
    one join of the pieces (20 MB for 3,000 places, copied once)."""
    document = to_json({"places": [], "rubric": rubric_ref(rubric)})
    if not parts:
        return document
    at = document.index('"places": []')
    pieces = [document[:at], '"places": [\n    ']
    for n, (rank, head, tail) in enumerate(parts):
        if n:
            pieces.append(",\n    ")
        pieces += (head, '\n      "rank": ', "null" if rank is None else str(rank), ",", tail)
    pieces += ("\n  ]", document[at + len('"places": []') :])
    return "".join(pieces)


def render_csv(rubric: Rubric, cards: list[Scorecard], lang: str = "en") -> str:
    """One row per place: rank, ids, overall, stage, coverage, each dimension's score."""
    header = ["rank", "id", "name", "assessed", "overall", "stage", "coverage", "provisional"]
    header += [d.id for d in rubric.dimensions]
    rows = []
    for n, card in zip(ranks(cards), cards, strict=True):
        row: list[Any] = [
            n,
            card.city_id,
            _name(card, lang),
            card.assessed.isoformat(),
            rnd(card.overall),
            _stage(card, lang) if card.stage else None,
            rnd(card.coverage, 4),
            "; ".join(card.provisional),
        ]
        row += [
            rnd(card.dimensions[d.id].score) if card.dimensions[d.id].applicable else "n/a"
            for d in rubric.dimensions
        ]
        rows.append(row)
    return to_csv(header, rows)


def _short(dim: Dimension, lang: str) -> str:
    """A column header for a dimension: its Chinese name, or its id capitalised."""
    return dim.name_zh if lang == "zh" and dim.name_zh else dim.id.replace("-", " ").capitalize()


def _ranking_rows(
    rubric: Rubric, cards: list[Scorecard], lang: str
) -> tuple[list[str], list[list[str]]]:
    header = ["#", t("city", lang), t("overall", lang), t("stage", lang), t("coverage", lang)]
    header += [_short(d, lang) for d in rubric.dimensions]
    rows = []
    numbers = ranks(cards)
    ranked = ranked_count(numbers)
    for n, card in zip(numbers, cards, strict=True):
        rank = rank_cell(n, ranked)
        row = [
            f"{rank}*" if card.provisional else rank,
            _name(card, lang),
            num(card.overall, lang=lang),
            _stage(card, lang),
            pct(card.coverage, lang),
        ]
        row += [_dimension_score(card, d.id, lang) for d in rubric.dimensions]
        rows.append(row)
    return header, rows


def _dimension_score(card: Scorecard, dim_id: str, lang: str) -> str:
    """A dimension's score, or n/a when none of its indicators applies to the place."""
    dim = card.dimensions[dim_id]
    return num(dim.score, lang=lang) if dim.applicable else t("not_applicable", lang)


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
            if not s.applicable:
                level = t("not_applicable", lang)
            elif s.level is None:
                level = t("unknown", lang)
            else:
                level = f"{s.level} {rubric.scale.name_of(s.level, lang)}"  # "1 起步"
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


def render_markdown(rubric: Rubric, cards: list[Scorecard], lang: str = "en") -> str:
    title = t("scores_title", lang).format(
        rubric=md_cell(localized(rubric, "name", lang)), version=md_cell(rubric.version)
    )
    out = [
        f"# {title}\n",
        f"{label(t('rubric', lang), lang)}{md_cell(localized(rubric, 'name', lang))}"
        f"{paren(f'{md_cell(rubric.id)} {md_cell(rubric.version)}', lang)}\n",
    ]
    header, rows = _ranking_rows(rubric, cards, lang)
    out.append(md_table(header, rows, "rlrlr" + "r" * len(rubric.dimensions)))
    out += [md_cell(note) + "\n" for note in _captions(cards, lang)]
    if len(cards) == 1:
        header, rows = _indicator_rows(rubric, cards[0], lang)
        out.append("\n" + md_table(header, rows))
    return "\n".join(out)


def _captions(cards: list[Scorecard], lang: str) -> list[str]:
    """What the ranking's marks mean: "*" provisional, "—" one place (no rank)."""
    notes = [t("provisional_note", lang)] if any(card.provisional for card in cards) else []
    notes += ranking_notes(ranks(cards), lang)
    return notes + ([t("compared_alone", lang)] if len(cards) == 1 else [])


def render_table(
    rubric: Rubric,
    cards: list[Scorecard],
    lang: str = "en",
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    """A table ranked by overall; with one place, its indicators too. Narrower than the
    ranking, the dimensions go to a second table (the rank and place repeated)."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, resolve_width, table

    w = resolve_width(width)
    header, rows = _ranking_rows(rubric, cards, lang)
    places = [_name(c, lang) for c in cards]
    ranking = Grid(
        [
            Column(header[0], "right", key=True),
            Column(header[1], key=True),
            *(Column(h, "left" if n == 1 else "right") for n, h in enumerate(header[2:])),
        ],
        [list(r) for r in rows],
        title=t("scores_title", lang).format(
            rubric=localized(rubric, "name", lang), version=rubric.version
        ),
        caption="\n".join(_captions(cards, lang)) or None,
        keep=places,
    )
    parts: list[Any] = table(ranking, width=w, lang=lang, color=color)
    if len(cards) == 1:
        header, rows = _indicator_rows(rubric, cards[0], lang)
        previous = ""
        shown: list[list[Any]] = []
        grouped: list[list[Any]] = []  # the narrow layout: a line per dimension above its rows
        styles: list[str | None] = []
        grouped_styles: list[str | None] = []
        for row in rows:
            style = (
                "dim"
                if row[2] == t("unknown", lang)
                else ("yellow" if row[5] == t("opinion", lang) else None)
            )
            if row[0] != previous:
                grouped.append([row[0], "", "", "", ""])
                grouped_styles.append("bold")
            shown.append([row[0] if row[0] != previous else "", *row[1:]])
            styles.append(style)
            grouped.append(["  " + row[1], *row[2:]])
            grouped_styles.append(style)
            previous = row[0]
        atoms = [Column(header[2]), Column(header[3], "right"), Column(header[4])]
        atoms.append(Column(header[5]))
        detail = Grid(
            [Column(header[0], wrap=True, min=8), Column(header[1], wrap=True, min=12), *atoms],
            shown,
            row_styles=styles,
        )
        narrow = Grid(
            [Column(f"{header[0]} / {header[1]}", wrap=True, min=12), *atoms],
            grouped,
            row_styles=grouped_styles,
        )
        parts += table(detail, narrow, width=w, lang=lang, color=color)
    return rich_to_text(Group(*parts), color=color, width=w)
