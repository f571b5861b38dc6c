"""render.scores: the JSON contract, CSV rows, Markdown tables that render, the rich table."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policebench.models import Profile, Rubric
from policebench.render.common import to_json
from policebench.render.scores import render_csv, render_json, render_markdown, render_table
from policebench.report.scores import score_data
from policebench.scoring import Scorecard, rank, score


@pytest.fixture(scope="module")
def cards(rubric: Rubric, profiles: dict[str, Profile]) -> list[Scorecard]:
    return rank([score(rubric, p) for p in profiles.values()])


def test_json_contract(rubric: Rubric, cards: list[Scorecard]) -> None:
    data = json.loads(render_json(rubric, cards))
    assert data["rubric"] == {"id": rubric.id, "version": rubric.version}
    assert [c["id"] for c in data["places"]] == [c.city_id for c in cards]
    for city in data["places"]:
        assert set(city) >= {"id", "name", "overall", "stage", "coverage", "dimensions"}
        assert set(city["dimensions"]) == {d.id for d in rubric.dimensions}
        assert set(city["indicators"]) == set(rubric.indicators)
        for ind_id, ind in city["indicators"].items():
            assert ind["dimension"] == rubric.dimension_of[ind_id]
            assert ind["weight"] == rubric.indicators[ind_id].weight
            assert (ind["level"] is None) == (ind["score"] is None)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_json_joined_from_parts_is_the_document_to_json_writes(
    rubric: Rubric, profiles: dict[str, Profile], data: st.DataObject
) -> None:
    """The score JSON is joined from each place's part (what the cache keeps): whatever the
    places, their names (quotes, newlines, Chinese) and what is known of them, the text is
    the one the whole data dumped at once gives, byte for byte."""
    chosen = data.draw(st.lists(st.sampled_from(sorted(profiles)), unique=True, max_size=4))
    name = data.draw(st.text(alphabet='ab"\\\n 市：', max_size=6))
    blank = data.draw(st.booleans())
    places = [profiles[i] for i in chosen]
    if places and name:
        places[0] = places[0].model_copy(update={"name": name})
    if places and blank:  # a place with nothing known: no rank
        places[-1] = places[-1].model_copy(update={"id": "blank", "indicators": {}})
    cards = rank([score(rubric, p) for p in places])
    assert render_json(rubric, cards) == to_json(score_data(rubric, cards))


def test_json_unknown_is_null(rubric: Rubric, cards: list[Scorecard]) -> None:
    j_city = next(
        c for c in json.loads(render_json(rubric, cards))["places"] if c["id"] == "j-city"
    )
    # J City's sources say nothing about security (see tests/test_scoring.py).
    assert j_city["dimensions"]["security"] == {
        "weight": 1.0,
        "score": None,
        "coverage": 0.0,
        "applicable": True,
    }
    assert j_city["indicators"]["privacy-oversight"]["level"] is None
    assert j_city["indicators"]["privacy-oversight"]["confidence"] is None
    # Unknown, not n/a: the two are told apart in the JSON.
    assert j_city["indicators"]["privacy-oversight"]["applicable"] is True
    assert j_city["not_applicable"] == 0


def test_not_applicable_is_n_a_in_every_format(rubric: Rubric) -> None:
    """An n/a indicator and a dimension with nothing applicable: "n/a" / "不适用" in the
    terminal table and CSV, ``applicable: false`` in JSON; never unknown, never zero."""
    from policebench.scoring import score

    entries: dict[str, dict[str, object]] = {
        i.id: {"applicable": False, "reason": "regional"}
        for i in next(d for d in rubric.dimensions if d.id == "security").indicators
    }
    entries["top-level-design"] = {"level": 2, "confidence": "low", "evidence": "plan"}
    profile = Profile.model_validate(
        {
            "id": "na",
            "name": "NA",
            "rubric": rubric.id,
            "assessed": "2024-01-01",
            "indicators": entries,
        }
    )
    cards = [score(rubric, profile)]
    data = json.loads(render_json(rubric, cards))["places"][0]
    assert data["dimensions"]["security"]["applicable"] is False
    assert data["indicators"]["mlps-compliance"]["applicable"] is False
    assert data["not_applicable"] == 4
    rows = list(csv.reader(io.StringIO(render_csv(rubric, cards).lstrip("\ufeff"))))
    assert rows[1][rows[0].index("security")] == "n/a"
    for lang, word in (("en", "n/a"), ("zh", "不适用")):
        table = render_table(rubric, cards, lang=lang, width=200)
        assert word in table


def test_json_is_deterministic(rubric: Rubric, cards: list[Scorecard]) -> None:
    assert render_json(rubric, cards) == render_json(rubric, list(cards))


def test_csv_rows(rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile]) -> None:
    text = render_csv(rubric, cards)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == [
        "rank",
        "id",
        "name",
        "assessed",
        "overall",
        "stage",
        "coverage",
        "provisional",
        *[d.id for d in rubric.dimensions],
    ]
    assert len(rows) == 1 + len(cards)
    assert [r[1] for r in rows[1:]] == [c.city_id for c in cards]
    assert [r[7] for r in rows[1:]] == ["; ".join(c.provisional) for c in cards]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(cards) + 1)]


def test_csv_chinese_names(
    rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile]
) -> None:
    text = render_csv(rubric, cards, "zh")
    names = {p.name_zh for p in profiles.values() if p.name_zh}
    assert names and all(name in text for name in names)


def _md_tables(text: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def _cells(line: str) -> int:
    return len(line.replace("\\|", "").strip().strip("|").split("|"))


@pytest.mark.parametrize("count", [1, 4])
def test_markdown_tables_have_matching_delimiter_rows(
    rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile], count: int
) -> None:
    """GFM only renders a table whose delimiter row has as many cells as its header."""
    text = render_markdown(rubric, cards[:count])
    tables = _md_tables(text)
    assert len(tables) == (2 if count == 1 else 1)
    for table in tables:
        widths = {_cells(line) for line in table}
        assert len(widths) == 1, table[:2]


def test_markdown_ranking_alignment(
    rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile]
) -> None:
    header, rule = _md_tables(render_markdown(rubric, cards))[0][:2]
    assert header.startswith("| # | Place | Overall | Stage | Coverage |")
    # Numbers right, names left.
    assert rule.startswith("| ---: | --- | ---: | --- | ---: |")


def test_table_names_every_place_in_rank_order(
    rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile]
) -> None:
    text = render_table(rubric, cards, color=False, width=160)
    positions = [text.index(profiles[c.city_id].name) for c in cards]
    assert positions == sorted(positions)
    assert "\x1b[" not in text
    assert "\x1b[" in render_table(rubric, cards, color=True, width=160)


def test_table_for_one_place_lists_its_indicators(
    rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile]
) -> None:
    j_city = [c for c in cards if c.city_id == "j-city"]
    text = render_table(rubric, j_city, color=False, width=200)
    for indicator in rubric.indicators.values():
        assert indicator.name in text
    assert "1 Initial" in text


def test_table_in_chinese(
    rubric: Rubric, cards: list[Scorecard], profiles: dict[str, Profile]
) -> None:
    text = render_table(rubric, cards, "zh", color=False, width=200)
    assert "综合得分" in text
    assert all(d.name_zh and d.name_zh in text for d in rubric.dimensions)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_place_is_given_no_rank(rubric: Rubric, cards: list[Scorecard], lang: str) -> None:
    # "1" beside a place scored alone read as first of all, when it was first of one.
    alone = {
        "en": "one place: no ranking; add places to compare, or @bundled",
        "zh": "仅一个地区，无排名；可加入其他地区或 @bundled",
    }[lang]
    for text in (
        render_table(rubric, cards[:1], lang, width=100),
        render_markdown(rubric, cards[:1], lang),
    ):
        assert alone in text
        assert not re.search(r"[│|]\s+1\*?\s+[│|]", text)
    many = render_table(rubric, cards, lang, width=100)
    assert alone not in many and re.search(r"│\s+1\*?\s+│", many)
    # The provisional note escapes its star once ("\\*"), not twice.
    md = render_markdown(rubric, cards, lang)
    assert "\\\\*" not in md
