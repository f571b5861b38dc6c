"""The trend's like-for-like sentence: what made the headline change differ, both ways."""

from __future__ import annotations

from policebench.analysis.trend import trend
from policebench.render.trend import like_for_like_notes, trend_note
from tests.analysis.test_trend import P2024, P2025, P2026, SMALL


def test_the_sentence_names_what_became_known_and_what_no_longer_is() -> None:
    history = trend(SMALL, [P2024, P2025, P2026])
    en = like_for_like_notes(SMALL, history, "en")
    assert en == [
        "2024-06-30 → 2025-06-30: overall +34.4; over the 2 indicators known at both dates, "
        "+25.0. The difference comes from B1, newly known (coverage 25% → 100%).",
        "2025-06-30 → 2026-06-30: overall -28.1; over the 2 indicators known at both dates, "
        "-18.8. The difference comes from B1, no longer known (coverage 100% → 25%).",
    ]
    zh = like_for_like_notes(SMALL, history, "zh")
    assert zh[1].endswith("差额来自本期变为未知的B1（覆盖率 100% → 25%）。")


def test_a_report_row_gives_the_same_sentence() -> None:
    history = trend(SMALL, [P2024, P2025])
    rows = [
        {"assessed": "2024-06-30", "overall_change": None, "like_for_like": None, "coverage": 0.25},
        {
            "assessed": "2025-06-30",
            "overall_change": history.points[1].overall_change,
            "like_for_like": history.steps[0].like_for_like,
            "compared": 2,
            "newly_known": ["B1"],
            "newly_unknown": [],
            "coverage": 1.0,
        },
    ]
    assert trend_note(rows, 0) == ""
    assert trend_note(rows, 1) == like_for_like_notes(SMALL, history, "en")[0]
