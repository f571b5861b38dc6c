"""Learning from peers: for each gap, the places already at or above its target.

This is what the J City study did by hand with Hangzhou and Qingdao: for each weakness, look
at who is ahead, what they did, and how well that is documented.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policebench.analysis.gaps import Gap, Known, evidenced_levels
from policebench.models import Assessment, Profile, Rubric

_CONFIDENCE = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class PeerExample:
    """A peer at or above the target on one indicator, with its evidence."""

    peer: str
    level: int
    assessment: Assessment


@dataclass(frozen=True)
class PeerLesson:
    """The peers to learn from on one gap (empty when nobody is there yet)."""

    indicator: str
    target: int
    examples: tuple[PeerExample, ...]


def lessons(
    rubric: Rubric,
    city: Profile,
    gaps: Sequence[Gap],
    peers: Sequence[Profile],
    *,
    opinions: bool = False,
    known: Known | None = None,
) -> list[PeerLesson]:
    """For each open gap, the peers whose evidenced level is at or above its target.

    Best level first, then higher confidence, then by id; the place itself is never its own
    peer, and a level without evidence is no lesson (unless ``opinions`` lets it in).
    """
    levels = {
        p.id: evidenced_levels(rubric, p, opinions=opinions, known=known)
        for p in peers
        if p.id != city.id
    }
    by_id = {p.id: p for p in peers}
    out = []
    for gap in gaps:
        if not gap.gap:
            continue
        found = []
        for peer_id, peer_levels in levels.items():
            level = peer_levels[gap.indicator]
            if level is not None and level >= gap.target.level:
                entry = by_id[peer_id].indicators.get(gap.indicator, Assessment())
                found.append(PeerExample(peer_id, level, entry))
        # Best level first; among equals, the better documented (higher confidence) first.
        found.sort(
            key=lambda e: (-e.level, _CONFIDENCE.get(e.assessment.confidence or "", 3), e.peer)
        )
        out.append(PeerLesson(gap.indicator, gap.target.level, tuple(found)))
    return out
