"""Evidence age, staleness, the source register and evidence quality (issue 15), by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from policebench.analysis.evidence import (
    CONFLICT,
    MANY,
    NO_SOURCE,
    NOT_HTTP,
    REPOST_ONLY,
    STALE,
    UNDATED,
    level_evidence,
    quality,
    register,
)
from policebench.models import Profile, Rubric
from policebench.models.freshness import add_months, effective_confidence, is_stale
from tests.analysis.small import rubric_data


def rubric(max_age: str | None = "2y", **per_indicator: str) -> Rubric:
    data = rubric_data()
    if max_age is not None:
        data["evidence_max_age"] = max_age
    for dim in data["dimensions"]:
        for ind in dim["indicators"]:
            if ind["id"] in per_indicator:
                ind["evidence_max_age"] = per_indicator[ind["id"]]
    return Rubric.model_validate(data)


def src(
    title: str,
    rel: str = "primary",
    date: str | None = None,
    url: str | None = None,
    accessed: str | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"title": title, "reliability": rel}
    if date:
        out["date"] = date
    if url:
        out["url"] = url
    if accessed:
        out["accessed"] = accessed
    return out


def profile(pid: str, assessed: str, **entries: dict[str, Any]) -> Profile:
    return Profile.model_validate(
        {
            "id": pid,
            "name": pid.upper(),
            "rubric": "small",
            "assessed": assessed,
            "indicators": entries,
        }
    )


def entry(level: int | None, *sources: dict[str, Any], confidence: str = "high") -> dict[str, Any]:
    out: dict[str, Any] = {"level": level, "sources": list(sources)}
    if level is not None:
        out |= {"confidence": confidence, "evidence": "seen"}
    return out


def test_add_months_keeps_the_day_or_takes_the_month_s_last() -> None:
    assert add_months(dt.date(2020, 1, 31), 1) == dt.date(2020, 2, 29)
    assert add_months(dt.date(2019, 11, 15), 14) == dt.date(2021, 1, 15)
    assert add_months(dt.date(2020, 2, 29), 12) == dt.date(2021, 2, 28)


def test_stale_is_strictly_older_than_the_limit() -> None:
    assessed = dt.date(2024, 6, 1)
    assert not is_stale(dt.date(2022, 6, 1), "2y", assessed)  # exactly two years: not stale
    assert is_stale(dt.date(2022, 5, 31), "2y", assessed)
    assert is_stale(dt.date(2022, 5, 31), "24m", assessed)
    assert not is_stale(dt.date(2022, 5, 31), None, assessed)  # no limit: never stale
    assert not is_stale(None, "2y", assessed)  # undated: age unknown, not stale


def test_newest_source_sets_the_age_and_accessed_does_not_count() -> None:
    # a1's sources: 2019 and 2023 (accessed 2024): the newest is 2023-01-01, 517 days before
    # the assessment on 2024-06-01, within 2y. a2: only 2020 (accessed 2024): stale.
    r = rubric()
    p = profile(
        "x",
        "2024-06-01",
        a1=entry(2, src("old", date="2019-03-01"), src("new", date="2023-01-01")),
        a2=entry(3, src("old2", date="2020-01-01", accessed="2024-05-01")),
    )
    rows = {row.indicator: row for row in level_evidence(r, p)}
    assert rows["a1"].newest == dt.date(2023, 1, 1)
    assert rows["a1"].age_days == (dt.date(2024, 6, 1) - dt.date(2023, 1, 1)).days == 517
    assert not rows["a1"].stale
    assert rows["a2"].stale
    assert rows["a2"].confidence == "high"
    assert rows["a2"].effective_confidence == "medium"
    assert effective_confidence(r, p, "a2") == "medium"
    assert effective_confidence(r, p, "a1") == "high"


def test_an_indicator_s_own_limit_wins() -> None:
    r = rubric("10y", a2="1y")
    p = profile(
        "x",
        "2024-06-01",
        a1=entry(2, src("s", date="2020-01-01")),
        a2=entry(2, src("t", date="2020-01-01")),
    )
    rows = {row.indicator: row for row in level_evidence(r, p)}
    assert (rows["a1"].stale, rows["a2"].stale) == (False, True)
    assert (rows["a1"].max_age, rows["a2"].max_age) == ("10y", "1y")


@pytest.mark.parametrize(
    ("stated", "used"), [("high", "medium"), ("medium", "low"), ("low", "low")]
)
def test_a_stale_level_is_one_step_less_sure(stated: str, used: str) -> None:
    r = rubric("1y")
    p = profile("x", "2024-06-01", a1=entry(2, src("s", date="2020-01-01"), confidence=stated))
    assert effective_confidence(r, p, "a1") == used


def test_register_flags_every_kind() -> None:
    r = rubric("2y")
    shared = src("Plan", "primary", "2023-01-01", "https://gov.example/plan")
    x = profile(
        "x",
        "2024-06-01",
        a1=entry(2, shared, src("Mirror", "repost", "2023-05-01", "http://mirror.example/1")),
        a2=entry(1, src("Copy", "repost", "2021-01-01", "http://mirror.example/2")),
        b1=entry(2),  # a level with no source
    )
    y = profile(
        "y",
        "2024-01-01",
        a1=entry(3, {**shared, "reliability": "secondary"}),
        a2=entry(2, src("Scan", "secondary", None, "file:///C:/scan.pdf")),
        b1=entry(1, shared),
    )
    reg = register(r, [y, x], many=3)
    assert reg.places == ("x", "y")
    by_title = {e.title: e for e in reg.sources}
    assert set(by_title) == {"Plan", "Mirror", "Copy", "Scan"}
    plan = by_title["Plan"]
    assert plan.supports == (("x", "a1"), ("y", "a1"), ("y", "b1"))
    assert plan.reliabilities == ("primary", "secondary")
    assert MANY in plan.flags and CONFLICT in plan.flags
    assert STALE not in plan.flags
    assert plan.age_days == (dt.date(2024, 6, 1) - dt.date(2023, 1, 1)).days
    copy = by_title["Copy"]
    assert STALE in copy.flags and REPOST_ONLY in copy.flags
    assert REPOST_ONLY not in by_title["Mirror"].flags  # a1 of x also has a primary source
    scan = by_title["Scan"]
    assert NOT_HTTP in scan.flags and UNDATED in scan.flags
    assert [(lv.place, lv.indicator) for lv in reg.unsourced] == [("x", "b1")]
    levels = {(lv.place, lv.indicator): lv for lv in reg.levels}
    assert levels[("x", "b1")].flags == (NO_SOURCE,)
    assert levels[("x", "a2")].flags == (STALE, REPOST_ONLY)


def test_quality_by_best_reliability_and_median_age() -> None:
    r = rubric(None)
    p = profile(
        "x",
        "2024-01-01",
        a1=entry(2, src("p", "primary", "2023-01-01"), src("r", "repost", "2020-01-01")),
        a2=entry(1, src("r2", "repost", "2022-01-01")),
        b1={"level": 2, "confidence": "low"},  # an opinion, no source
    )
    q = quality(r, p)
    assert q.known == 3
    assert q.by_reliability == {"primary": 1, "secondary": 0, "repost": 1, "none": 1}
    assert q.share("primary") == pytest.approx(1 / 3)
    # ages: a1 365 days (newest 2023-01-01), a2 730; median of the two dated levels
    assert q.median_age_days == (365 + 730) / 2
    assert (q.opinions, q.stale, q.repost_only, q.no_source) == (1, 0, 1, 1)


def test_not_applicable_levels_carry_no_flag() -> None:
    r = rubric("1y")
    p = profile("x", "2024-01-01", a1={"applicable": False, "reason": "regional"})
    (row,) = level_evidence(r, p)
    assert not row.applicable and row.flags == ()
    assert quality(r, p).not_applicable == 1
