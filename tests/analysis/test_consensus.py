"""Consensus of several assessors: Krippendorff's alpha against its published worked example,
and the consensus of three assessors' profiles checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from policebench.analysis.consensus import Override, consensus, krippendorff_alpha
from policebench.models import Profile, Rubric
from policebench.models.profile import capped_by_spread
from policebench.readers.yaml import load

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = sorted((ROOT / "examples" / "consensus").glob("assessor-*.yaml"))

# K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011, Annenberg School for
# Communication, University of Pennsylvania), section C: four observers, twelve units, values
# 1-5 with missing data. Published: alpha nominal 0.743, ordinal 0.815, interval 0.849.
N = None
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
UNITS = [list(u) for u in zip(*OBSERVERS, strict=True)]


@pytest.mark.parametrize(
    ("metric", "published"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)]
)
def test_krippendorff_published_example(metric: str, published: float) -> None:
    alpha = krippendorff_alpha(UNITS, metric)
    assert alpha is not None and round(alpha, 3) == published


def test_alpha_edges() -> None:
    assert krippendorff_alpha([[2, 2], [3, 3]]) == pytest.approx(1.0)
    assert krippendorff_alpha([[2, 2], [2, 2]]) is None  # one value only: undefined
    assert krippendorff_alpha([[1, None], [None, 2]]) is None  # nothing pairable


def _profiles() -> list[tuple[str, Profile]]:
    return [(p.name, Profile.model_validate(load(p)[0].data)) for p in FILES]


def test_three_assessors_by_hand(rubric: Rubric) -> None:
    c = consensus(rubric, _profiles())
    assert c.assessors == ("Science and technology unit", "Data office", "Patrol branch")
    by = {i.indicator: i for i in c.indicators}
    # data-sharing: 1, 3, 2 -> median 2; all within one of 2; spread 2 -> low.
    assert [o.level for o in by["data-sharing"].opinions] == [1, 3, 2]
    assert (by["data-sharing"].level, by["data-sharing"].agreement) == (2, 1.0)
    assert (by["data-sharing"].spread, by["data-sharing"].confidence) == (2, "low")
    # top-level-design: 2, 2, 3 -> 2; confidences high, high, medium, spread 1 -> medium.
    assert (by["top-level-design"].level, by["top-level-design"].confidence) == (2, "medium")
    # platform-systematisation: 2, 2, 1 -> sorted 1 2 2 -> 2.
    assert by["platform-systematisation"].level == 2
    # specialist-headcount: 1, unknown, 1 -> 1 (two known: the lower middle); medium and low.
    assert [o.level for o in by["specialist-headcount"].opinions] == [1, None, 1]
    assert (by["specialist-headcount"].level, by["specialist-headcount"].confidence) == (1, "low")
    # Disagreements: largest spread first, then rubric order; "unknown to some" listed too.
    assert [(d.indicator, d.disagreement) for d in c.disagreements] == [
        ("data-sharing", "levels"),
        ("top-level-design", "levels"),
        ("platform-systematisation", "levels"),
        ("specialist-headcount", "unknown"),
    ]
    # 11 known levels, each within one of its consensus level.
    assert c.within_one == 1.0
    alpha = krippendorff_alpha([[o.level for o in i.opinions] for i in c.indicators], "ordinal")
    assert c.alpha == alpha and alpha is not None and -1 <= alpha < 1


def test_evidence_and_sources_merged_without_duplicates(rubric: Rubric) -> None:
    entry = consensus(rubric, _profiles()).profile.indicators["top-level-design"]
    assert entry.evidence == (
        "[Science and technology unit, Data office] The 2025-2027 smart-policing plan is "
        "approved. [Patrol branch] The plan has yearly milestones and a budget."
    )
    assert [s.title for s in entry.sources] == ["Smart-policing plan 2025-2027"]
    assert entry.consensus is not None
    assert entry.consensus.assessors == {
        "Science and technology unit": 2,
        "Data office": 2,
        "Patrol branch": 3,
    }
    sharing = consensus(rubric, _profiles()).profile.indicators["data-sharing"]
    assert [s.title for s in sharing.sources] == [
        "Data office minutes",
        "Sharing agreement 2026",
        "Branch report",
    ]


def test_the_chinese_side_names_the_assessors_in_chinese(rubric: Rubric) -> None:
    """assessor_zh names an assessor in every Chinese text (the merged evidence_zh, the
    profile's assessor_zh, ``names("zh")``); the keys of the levels stay ``assessor``."""
    c = consensus(rubric, _profiles())
    assert c.names("zh") == ("科技信息化部门", "大数据中心", "巡特警支队")
    assert c.names("en") == c.assessors
    entry = c.profile.indicators["top-level-design"]
    assert entry.evidence_zh is not None
    assert entry.evidence_zh.startswith("[科技信息化部门、大数据中心] 2025—2027年")
    assert "[巡特警支队]" in entry.evidence_zh
    assert c.profile.assessor_zh is not None
    assert c.profile.assessor_zh.startswith("科技信息化部门、大数据中心、巡特警支队的共识（取各")
    assert entry.consensus is not None and "Data office" in entry.consensus.assessors


def test_an_assessor_without_a_chinese_name_keeps_their_own(rubric: Rubric) -> None:
    """Without assessor_zh the Chinese side shows ``assessor``; two alike are told apart by
    their files, in brackets of the language."""
    profiles = [
        (file, p.model_copy(update={"assessor_zh": None, "assessor": "Unit"}))
        for file, p in _profiles()
    ]
    c = consensus(rubric, profiles)
    stems = [Path(file).stem for file, _ in profiles]
    assert c.names("zh") == tuple(f"Unit（{s}）" for s in stems)
    assert c.assessors == tuple(f"Unit ({s})" for s in stems)
    # Files alike but for their folders: the whole file tells them apart.
    twins = [(f"{n}/a.yaml", p) for n, (_, p) in enumerate(profiles)]
    assert consensus(rubric, twins).assessors == tuple(f"Unit ({n}/a.yaml)" for n in range(3))


def test_the_meeting_overrides_with_its_rationale(rubric: Rubric) -> None:
    c = consensus(rubric, _profiles(), {"data-sharing": Override(3, "the agreement was seen")})
    entry = c.profile.indicators["data-sharing"]
    assert entry.level == 3
    assert entry.consensus is not None
    assert (entry.consensus.decided, entry.consensus.rationale) == (
        "meeting",
        "the agreement was seen",
    )
    assert entry.consensus.agreement == pytest.approx(0.67)  # 3 and 2 within one of 3; 1 not
    assert c.profile.review is not None and c.profile.review.status == "draft"


def test_spread_caps_confidence() -> None:
    assert capped_by_spread("high", 0) == "high"
    assert capped_by_spread("high", 1) == "medium"
    assert capped_by_spread("medium", 1) == "medium"
    assert capped_by_spread("high", 2) == "low"
    assert capped_by_spread("medium", 3) == "low"
