"""Sections of a place's report: when the peers were assessed (``peer_dates``)."""

from __future__ import annotations

import datetime as dt

from policebench.models import Profile, Rubric
from policebench.report.parts import Names
from policebench.report.sections import APART_DAYS, DATED_PEERS, peer_dates, peers


def _on(profile: Profile, day: dt.date, id: str | None = None) -> Profile:
    update: dict[str, object] = {"assessed": day}
    if id is not None:
        update |= {"id": id, "name": id, "name_zh": None}
    return profile.model_copy(update=update)


def test_each_peer_is_dated_and_the_old_ones_are_named(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    city = profiles["j-city"]
    others = [profiles[p] for p in ("hangzhou", "inner-mongolia", "qingdao")]
    names = Names(rubric, [city, *others], "zh")
    text = peer_dates(others, city, names)
    assert text is not None
    assert text.startswith(
        "评估日期：杭州市 2021-10-18，内蒙古自治区 2022-09-06，青岛市 2026-01-22；J市 2026-11-24。"
    )
    # Hangzhou and Inner Mongolia are more than two years older than J City; Qingdao is not.
    assert "杭州市、内蒙古自治区的评估与J市相隔两年以上" in text
    en = peer_dates(others, city, Names(rubric, [city, *others], "en"))
    assert en is not None
    assert "Hangzhou and Inner Mongolia were assessed more than two years" in en
    data = peers(others, "bundled", names, city)
    assert data["dates"] == text
    assert [p["assessed"] for p in data["places"]] == ["2021-10-18", "2022-09-06", "2026-01-22"]


def test_peers_within_two_years_get_only_their_dates(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    city = profiles["j-city"]
    near = _on(profiles["hangzhou"], city.assessed - dt.timedelta(days=APART_DAYS))
    far = _on(profiles["hangzhou"], city.assessed + dt.timedelta(days=APART_DAYS + 1))
    names = Names(rubric, [city, near], "en")
    assert peer_dates([near], city, names) == (
        f"Assessed: Hangzhou {near.assessed}; J City {city.assessed}."
    )
    one = peer_dates([far], city, names)
    assert one is not None and "Hangzhou was assessed more than two years" in one
    assert peer_dates([], city, names) is None


def test_many_peers_are_dated_by_their_span_and_counted(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    city = profiles["j-city"]
    base = profiles["qingdao"]
    start = dt.date(2020, 1, 1)
    others = [
        _on(base, start + dt.timedelta(days=200 * n), id=f"county-{n}")
        for n in range(DATED_PEERS + 4)
    ]
    names = Names(rubric, [city, *others], "zh")
    text = peer_dates(others, city, names)
    assert text is not None
    last = others[-1].assessed
    assert text.startswith(f"10 个对标地区的评估日期为 2020-01-01 至 {last}；J市 2026-11-24。")
    apart = [p for p in others if (city.assessed - p.assessed).days > APART_DAYS]
    assert f"其中 {len(apart)} 个对标地区（county-0、county-1、" in text
    assert "county-4等）" in text
