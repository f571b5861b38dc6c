"""The shared profile writer: scalars read back unchanged, a profile round-trips."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given
from hypothesis import strategies as st

from policebench.models import Assessment, Profile, Rubric, Source
from policebench.models.profile import SurveyStats
from policebench.readers.yaml import parse
from policebench.render.profile_yaml import render_profile, scalar, text_field
from policebench.validation.build import build, check_profile, evidence_warnings

# Surrogates cannot be encoded at all; everything else must survive the trip.
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(_TEXT)
def test_any_text_reads_back_unchanged(text: str) -> None:
    assert yaml.safe_load(f"k: {scalar(text)}\n") == {"k": text}


@given(st.lists(st.one_of(_TEXT, st.sampled_from(["word", "词语", "# x", "a:", " "])), max_size=40))
def test_long_text_fields_read_back_unchanged(parts: list[str]) -> None:
    text = " ".join(parts)
    lines = text_field("evidence", text, "    ")
    assert yaml.safe_load("k:\n" + "\n".join(lines) + "\n") == {"k": {"evidence": text}}


def test_long_text_is_folded_at_spaces() -> None:
    text = "word " * 40 + "end"
    lines = text_field("evidence", text.strip(), "  ")
    assert lines[0] == "  evidence: >-"
    assert all(line.startswith("    word") for line in lines[1:])
    assert max(len(line) for line in lines) <= 96


@given(st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), st.floats(-1e6, 1e6)))
def test_numbers_and_null_read_back_unchanged(value: object) -> None:
    assert yaml.safe_load(f"k: {scalar(value)}\n") == {"k": value}


def test_plain_where_safe_quoted_otherwise() -> None:
    assert scalar("J City") == "J City"
    assert scalar("J市") == "J市"
    assert scalar("yes") == '"yes"'
    assert scalar("2026-01-01") == '"2026-01-01"'
    assert scalar("a: b") == '"a: b"'
    assert scalar("line\u2028break") == '"line\\u2028break"'


def _full_profile(rubric: Rubric) -> Profile:
    first, second, metric = "top-level-design", "coordination-mechanism", "specialist-headcount"
    return Profile(
        id="x-city",
        name="X City: test",
        name_zh="X市",
        kind="county",
        rubric=rubric.id,
        assessed=dt.date(2026, 3, 1),
        assessor="Team 'A'",
        assessor_zh="A组",
        notes="Line one\nline two",
        notes_zh="第一行\n第二行",
        targets={first: 4},
        indicators={
            first: Assessment(
                level=2,
                confidence="medium",
                evidence="A plan exists: see #3.",
                evidence_zh="已有规划。",
                sources=[
                    Source(title="Plan", url="https://example.org/a?b=c#d", reliability="primary"),
                    Source(title="Press", reliability="secondary", date=dt.date(2025, 1, 2)),
                ],
                note="checked twice",
                note_zh="核对两次",
            ),
            second: Assessment(
                level=1,
                confidence="low",
                evidence="Questionnaire: 3 answers.",
                survey=SurveyStats(answers=3, agreement=0.67, distribution={0: 1, 1: 1, 3: 1}),
            ),
            metric: Assessment(value=1.5, confidence="high", evidence="Staff list.", sources=[]),
        },
    )


def test_a_full_profile_round_trips(rubric: Rubric) -> None:
    profile = _full_profile(rubric)
    text = render_profile(profile, rubric)
    doc = parse(text, "x.yaml")
    again, problems = build(Profile, doc)
    assert problems == []
    assert again is not None
    assert check_profile(again, rubric, doc) == []
    # Every rubric indicator is written; the ones the profile did not mention are unknown.
    assert list(again.indicators) == list(rubric.indicators)
    for ind_id, entry in again.indicators.items():
        expected = profile.indicators.get(ind_id, Assessment())
        assert entry == expected, ind_id
    assert again.model_dump(exclude={"indicators"}) == profile.model_dump(exclude={"indicators"})
    # The survey entry needs no source; the metric one without sources is warned about.
    warned = {p.message.split("'")[1] for p in evidence_warnings(again, doc)}
    assert warned == {"specialist-headcount"}


def test_chinese_file_hints_at_missing_chinese_texts(rubric: Rubric) -> None:
    entry = Assessment(note="unknown")
    bare = Profile(
        id="x",
        name="X",
        rubric=rubric.id,
        assessed=dt.date(2026, 1, 1),
        indicators={"top-level-design": entry},
    )
    zh = render_profile(bare, rubric, "zh").splitlines()
    for key, pad in (("assessor", ""), ("notes", ""), ("note", "    ")):
        at = next(n for n, line in enumerate(zh) if line.startswith(f"{pad}{key}: "))
        assert zh[at + 1].startswith(f"{pad}# {key}_zh: "), key
    assert sum(line.lstrip().startswith("# note_zh:") for line in zh) == 1
    assert "_zh" not in render_profile(bare, rubric, "en").replace("name_zh", "")
    # A Chinese text given is written as the key itself, not as a hint.
    full = render_profile(_full_profile(rubric), rubric, "zh")
    assert "assessor_zh: A组\n" in full and "note_zh: 核对两次\n" in full
    assert "# assessor_zh" not in full and "# notes_zh" not in full


def test_chinese_comments_fall_back_to_english(rubric: Rubric) -> None:
    ind = rubric.indicators["top-level-design"]
    bare = ind.model_copy(update={"question_zh": None, "levels_zh": {}})
    dim = rubric.dimensions[0].model_copy(update={"indicators": [bare]})
    small = rubric.model_copy(update={"dimensions": [dim]})
    profile = Profile(id="x", name="X", rubric=rubric.id, assessed=dt.date(2026, 1, 1))
    text = render_profile(profile, small, "zh")
    assert "问题：" + " ".join(str(ind.question).split()[:4]) in text
    assert "0 缺失：" + str(ind.levels[0])[:20] in text
    assert "# 统筹规划" in text


def test_comment_lines_stay_within_the_width(rubric: Rubric) -> None:
    from policebench.render.profile_yaml import _display_width

    profile = Profile(id="x", name="X", rubric=rubric.id, assessed=dt.date(2026, 1, 1))
    for lang in ("en", "zh"):
        text = render_profile(profile, rubric, lang)
        long = [
            line
            for line in text.splitlines()[1:]
            if line.lstrip().startswith("#")
            and _display_width(line) > 98
            # A single word longer than the line (a URL) may overflow; nothing else does.
            and " " in line.strip("# ").strip()
        ]
        assert long == [], long[:3]
