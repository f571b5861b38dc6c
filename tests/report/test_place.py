"""The report data: the profile's free texts (assessor, notes, indicator notes) by language."""

from __future__ import annotations

import pytest

from policebench.models import Profile, Rubric
from policebench.report.place import build_report


def _unknown_note(report: dict[str, object], indicator: str) -> object:
    rows = report["unknown"]
    assert isinstance(rows, list)
    return next(u["note"] for u in rows if u["indicator"] == indicator)


def _evidence_note(report: dict[str, object], indicator: str) -> object:
    rows = report["evidence"]
    assert isinstance(rows, list)
    return next(e["note"] for e in rows if e["indicator"] == indicator)


def test_chinese_texts_shown_in_chinese_english_otherwise(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    city = profiles["j-city"]
    ind = next(k for k, v in city.indicators.items() if v.level is None and v.note_zh)
    entry = city.indicators[ind]
    pool = list(profiles.values())
    zh = build_report(rubric, city, pool, lang="zh")
    en = build_report(rubric, city, pool, lang="en")
    assert city.notes_zh and city.assessor_zh
    assert zh["place"]["notes"] == city.notes_zh
    assert zh["place"]["assessor"] == city.assessor_zh
    assert _unknown_note(zh, ind) == _evidence_note(zh, ind) == entry.note_zh
    assert en["place"]["notes"] == city.notes
    assert en["place"]["assessor"] == city.assessor
    assert _unknown_note(en, ind) == _evidence_note(en, ind) == entry.note


def test_missing_chinese_falls_back_to_english(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    city = profiles["j-city"]
    ind = next(k for k, v in city.indicators.items() if v.level is None and v.note)
    bare = city.model_copy(
        update={
            "notes_zh": None,
            "assessor_zh": None,
            "indicators": city.indicators
            | {ind: city.indicators[ind].model_copy(update={"note_zh": None})},
        }
    )
    zh = build_report(rubric, bare, list(profiles.values()), lang="zh")
    assert zh["place"]["notes"] == city.notes
    assert zh["place"]["assessor"] == city.assessor
    assert _unknown_note(zh, ind) == _evidence_note(zh, ind) == city.indicators[ind].note
    # No text in either language stays null, as before.
    empty = bare.model_copy(update={"notes": None, "assessor": None})
    report = build_report(rubric, empty, list(profiles.values()), lang="zh")
    assert report["place"]["notes"] is None and report["place"]["assessor"] is None


def test_levels_are_derived_once_per_place(
    rubric: Rubric, profiles: dict[str, Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report derives each place's levels once (when scoring it) and passes them on to the
    frontier, the gaps, the roadmap, the lessons and the evidence appendix."""
    from policebench import scoring
    from policebench.analysis import gaps
    from policebench.report import sections as report_sections

    calls: list[str] = []
    real = scoring.levels_of

    def counted(rubric: Rubric, profile: Profile) -> dict[str, int | None]:
        calls.append(profile.id)
        return real(rubric, profile)

    for module in (scoring, gaps, report_sections):
        monkeypatch.setattr(module, "levels_of", counted)
    everyone = list(profiles.values())
    build_report(rubric, profiles["j-city"], everyone, opinions=False)
    assert sorted(calls) == sorted(p.id for p in everyone)
