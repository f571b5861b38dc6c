"""Gap analysis: how far a place is from its targets, and what closing each gap is worth.

Targets, in order of precedence: a uniform ``--target`` level; then ``--against`` (a peer's
evidenced levels, or the frontier: the best evidenced level per indicator among the peers,
never the place itself); then the profile's own ``targets``; then the rubric's
``default_target``. Where a peer or the frontier has no evidenced level of an indicator, the
next rule down applies, and each gap says where its target came from (``Target.source``) and
what it stands in for (``Target.instead_of``). A level without evidence is an opinion: it sets
no peer or frontier target unless ``opinions=True`` lets it in.

Impact = how many points the overall score would rise if that gap alone were closed, all else
as it is; it follows from the weights through :func:`policebench.scoring.aggregate`.

An indicator the profile marks not applicable has no gap, is not unknown, and sets no target
for anyone (it is listed apart, in ``GapAnalysis.not_applicable``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from policebench.models import Profile, Rubric
from policebench.scoring import aggregate, levels_of, not_applicable_of

FRONTIER = "frontier"
#: ``--against none``: no peer; the profile's targets, then the rubric's default.
NO_PEER = "none"


@dataclass(frozen=True)
class Target:
    """A target level and where it came from."""

    level: int
    #: "option" (--target), "peer", "frontier", "profile" or "default"
    source: str
    #: For peer and frontier targets: the places that hold that level.
    holders: tuple[str, ...] = ()
    #: For a profile or default target standing in where the peer or frontier asked for
    #: (``"peer"`` or ``"frontier"``) has no evidenced level of the indicator.
    instead_of: str | None = None


@dataclass(frozen=True)
class Gap:
    """One indicator of one place against its target."""

    indicator: str
    dimension: str
    current: int | None
    target: Target
    #: target - current, never negative; None when the current level is unknown.
    gap: int | None
    #: Overall points gained by closing this gap alone; None when the current level is unknown.
    impact: float | None


@dataclass(frozen=True)
class DimensionGaps:
    """A dimension's subtotal: open gaps, levels to climb, and closing them all together."""

    dimension: str
    open: int
    levels: int
    impact: float
    unknown: int


@dataclass(frozen=True)
class GapAnalysis:
    """All gaps of one place."""

    city: str
    against: str | None
    overall: float | None
    #: Indicators with a known level, by impact (highest first), then rubric order.
    gaps: list[Gap]
    #: Indicators whose current level is unknown: listed apart, never counted as the minimum.
    unknown: list[Gap]
    subtotals: list[DimensionGaps]
    #: Overall if every known gap were closed at once.
    overall_if_closed: float | None
    #: Indicators that do not apply to the place (n/a), rubric order: no gap, not unknown.
    not_applicable: list[str] = field(default_factory=list)


#: Every place's levels by place id, derived once (``levels_of``) and passed on, so that a
#: report does not derive them again in every section.
Known = Mapping[str, Mapping[str, int | None]]


def known_levels(rubric: Rubric, profile: Profile, known: Known | None) -> dict[str, int | None]:
    """``profile``'s levels: from ``known`` when given, else derived."""
    if known is not None and profile.id in known:
        return dict(known[profile.id])
    return levels_of(rubric, profile)


def evidenced_levels(
    rubric: Rubric, profile: Profile, *, opinions: bool = False, known: Known | None = None
) -> dict[str, int | None]:
    """``profile``'s levels that may set a target: those with evidence (all, with opinions)."""
    levels = known_levels(rubric, profile, known)
    if opinions:
        return levels
    return {
        ind_id: level
        if level is not None and (entry := profile.indicators.get(ind_id)) and entry.has_evidence
        else None
        for ind_id, level in levels.items()
    }


def frontier_levels(
    rubric: Rubric, peers: Sequence[Profile], *, opinions: bool = False, known: Known | None = None
) -> dict[str, Target]:
    """Per indicator, the best evidenced level among ``peers`` and who holds it.

    ``peers`` never include the place assessed (a place is not its own frontier); an
    indicator no peer has evidenced is left out, for the next target rule to fill.
    """
    best: dict[str, Target] = {}
    all_levels = [
        (p.id, evidenced_levels(rubric, p, opinions=opinions, known=known)) for p in peers
    ]
    for ind_id in rubric.indicators:
        held = [(levels[ind_id], pid) for pid, levels in all_levels if levels[ind_id] is not None]
        if not held:
            continue
        top = max(level for level, _ in held if level is not None)
        holders = tuple(sorted(pid for level, pid in held if level == top))
        best[ind_id] = Target(top, FRONTIER, holders)
    return best


def peer_levels(
    rubric: Rubric, peer: Profile, *, opinions: bool = False, known: Known | None = None
) -> dict[str, Target]:
    """A peer's evidenced levels (all known levels, with ``opinions``) as targets."""
    return {
        ind_id: Target(level, "peer", (peer.id,))
        for ind_id, level in evidenced_levels(rubric, peer, opinions=opinions, known=known).items()
        if level is not None
    }


def resolve_targets(
    rubric: Rubric,
    profile: Profile,
    *,
    level: int | None = None,
    against: Mapping[str, Target] | None = None,
    against_kind: str | None = None,
) -> dict[str, Target]:
    """The target of every indicator, by the precedence rules above.

    ``against_kind`` ("peer" or "frontier") is what ``against`` holds; a target filled in
    below it says so in ``instead_of``.
    """
    targets: dict[str, Target] = {}
    missing = against_kind if against is not None else None
    for ind_id in rubric.indicators:
        if level is not None:
            targets[ind_id] = Target(level, "option")
        elif against is not None and ind_id in against:
            targets[ind_id] = against[ind_id]
        elif ind_id in profile.targets:
            targets[ind_id] = Target(profile.targets[ind_id], "profile", instead_of=missing)
        else:
            targets[ind_id] = Target(rubric.default_target, "default", instead_of=missing)
    return targets


def analyse(
    rubric: Rubric,
    profile: Profile,
    targets: Mapping[str, Target],
    against: str | None = None,
    *,
    levels: Known | None = None,
) -> GapAnalysis:
    """Gaps, impacts and dimension subtotals of ``profile`` against ``targets`` (``levels``:
    every place's levels, when already derived)."""
    current = known_levels(rubric, profile, levels)
    na = not_applicable_of(profile)
    overall, _, _ = aggregate(rubric, current, na)
    order = {ind_id: n for n, ind_id in enumerate(rubric.indicators)}
    known: list[Gap] = []
    unknown: list[Gap] = []
    for ind_id, level in current.items():
        if ind_id in na:
            continue
        target = targets[ind_id]
        dimension = rubric.dimension_of[ind_id]
        if level is None:
            unknown.append(Gap(ind_id, dimension, None, target, None, None))
            continue
        gap = max(0, target.level - level)
        impact = _gain(rubric, current, {ind_id: target.level}, na) if gap else 0.0
        known.append(Gap(ind_id, dimension, level, target, gap, impact))
    known.sort(key=lambda g: (-(g.impact or 0.0), order[g.indicator]))
    closed = {g.indicator: g.target.level for g in known if g.gap}
    after, _, _ = aggregate(rubric, {**current, **closed}, na)
    subtotals = []
    for dim in rubric.dimensions:
        in_dim = [g for g in known if g.dimension == dim.id and g.gap]
        raise_to = {g.indicator: g.target.level for g in in_dim}
        subtotals.append(
            DimensionGaps(
                dimension=dim.id,
                open=len(in_dim),
                levels=sum(g.gap or 0 for g in in_dim),
                impact=_gain(rubric, current, raise_to, na) if raise_to else 0.0,
                unknown=sum(1 for g in unknown if g.dimension == dim.id),
            )
        )
    return GapAnalysis(
        profile.id,
        against,
        overall,
        known,
        unknown,
        subtotals,
        after,
        [i for i in rubric.indicators if i in na],
    )


def _gain(
    rubric: Rubric,
    current: Mapping[str, int | None],
    raised: Mapping[str, int],
    not_applicable: Collection[str] = frozenset(),
) -> float:
    """Overall points gained by setting the ``raised`` levels, all else as it is (an n/a
    indicator is never raised: it stays out)."""
    raised = {i: lv for i, lv in raised.items() if i not in not_applicable}
    before, _, _ = aggregate(rubric, current, not_applicable)
    after, _, _ = aggregate(rubric, {**current, **raised}, not_applicable)
    return (after or 0.0) - (before or 0.0)


def step_gain(
    rubric: Rubric, current: Mapping[str, int | None], indicator: str, level: int
) -> float:
    """Overall points gained by raising one indicator to ``level``, all else as it is."""
    if current.get(indicator) is None:
        return 0.0
    return _gain(rubric, current, {indicator: level})
