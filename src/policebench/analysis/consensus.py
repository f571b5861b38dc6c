"""Several assessors' profiles of one place and date -> one consensus profile, how far they
agree, and what the consensus meeting should discuss (docs/consensus.md).

The rules, stated once here, in ``policebench consensus --help`` and in the docs:

* **consensus level** = the median of the assessors' known levels; of two middle levels the
  *lower* (as ``survey`` does: a level is claimed only when more than half of the assessors
  who know put the place at or above it). The meeting may set another level for an
  indicator, with its rationale (``decided: meeting``).
* **agreement** = the share of the known levels within one level of the consensus level;
  **spread** = the highest known level minus the lowest.
* **confidence** = the lowest confidence the assessors gave (medium when none gave one),
  lowered to *medium* when the spread is 1 and to *low* when it is 2 or more: an indicator on
  which assessors are two levels apart is not "high confidence", whatever one of them wrote.
  ``sensitivity`` moves low- and medium-confidence levels, so the spread reaches the
  uncertainty analysis.
* **Krippendorff's alpha** (ordinal) over all indicators and assessors: 1 = perfect
  agreement, 0 = no better than chance (Krippendorff, *Computing Krippendorff's
  Alpha-Reliability*, 2011).
* **evidence, notes and sources** of every assessor are merged: the same text once, with the
  assessors who wrote it; the same source (title and url) once.
* **disagreements** = indicators whose known levels differ, or known to some assessors and
  unknown to others: largest spread first.

Pure: profiles in, a profile and figures out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from policebench.analysis.survey import agreement, lower_median
from policebench.i18n import join_list, paren
from policebench.models import Assessment, Profile, Rubric, Source
from policebench.models.profile import Confidence, ConsensusStats, Review, capped_by_spread
from policebench.scoring import level_of

_RANK: dict[str, int] = {"low": 0, "medium": 1, "high": 2}
_BY_RANK: tuple[Confidence, ...] = ("low", "medium", "high")


# --------------------------------------------------------------------------- Krippendorff


def krippendorff_alpha(
    units: Sequence[Sequence[int | None]], metric: str = "ordinal"
) -> float | None:
    """Krippendorff's alpha of ``units`` (each the values the coders gave it; None = missing)
    with the ``nominal``, ``ordinal`` or ``interval`` difference; None when undefined (fewer
    than two pairable values, or every value the same).

    Built from the coincidence matrix: o_ck = sum over units of (pairs c-k) / (m_u - 1),
    n_c its margins; alpha = 1 - D_o / D_e with D_o = sum o_ck d_ck / n and
    D_e = sum n_c n_k d_ck / (n (n - 1)). Ordinal: d_ck = (sum of n_g for g from c to k
    - (n_c + n_k) / 2) ** 2.
    """
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [u for u in pairable if len(u) >= 2]
    values = sorted({v for u in pairable for v in u})
    if not values:
        return None
    index = {v: k for k, v in enumerate(values)}
    size = len(values)
    o = [[0.0] * size for _ in range(size)]
    for unit in pairable:
        m = len(unit)
        for a, c in enumerate(unit):
            for b, k in enumerate(unit):
                if a != b:
                    o[index[c]][index[k]] += 1 / (m - 1)
    n_c = [sum(row) for row in o]
    n = sum(n_c)

    def delta(i: int, j: int) -> float:
        if metric == "nominal":
            return 0.0 if i == j else 1.0
        if metric == "interval":
            return float((values[i] - values[j]) ** 2)
        low, high = min(i, j), max(i, j)
        return (sum(n_c[low : high + 1]) - (n_c[i] + n_c[j]) / 2) ** 2

    observed = sum(o[i][j] * delta(i, j) for i in range(size) for j in range(size)) / n
    expected = sum(n_c[i] * n_c[j] * delta(i, j) for i in range(size) for j in range(size)) / (
        n * (n - 1)
    )
    if expected == 0:
        return None
    return 1 - observed / expected


# --------------------------------------------------------------------------- consensus


@dataclass(frozen=True)
class Override:
    """A level the consensus meeting decided for one indicator, and why."""

    level: int | None
    rationale: str


@dataclass(frozen=True)
class Opinion:
    """One assessor's view of one indicator."""

    assessor: str
    level: int | None
    confidence: str | None
    evidence: str | None
    evidence_zh: str | None = None


@dataclass(frozen=True)
class IndicatorConsensus:
    indicator: str
    opinions: tuple[Opinion, ...]
    level: int | None
    median: int | None
    agreement: float | None
    spread: int
    confidence: Confidence | None
    decided: str

    @property
    def disagreement(self) -> str | None:
        """ "levels" when the known levels differ, "unknown" when some assessors know and
        others do not, else None."""
        known = [o.level for o in self.opinions if o.level is not None]
        if len(set(known)) > 1:
            return "levels"
        if known and len(known) < len(self.opinions):
            return "unknown"
        return None


@dataclass(frozen=True)
class Consensus:
    profile: Profile
    assessors: tuple[str, ...]
    indicators: tuple[IndicatorConsensus, ...]
    #: Krippendorff's alpha (ordinal) over every indicator; None when undefined.
    alpha: float | None
    #: Share of the (indicator, assessor) known levels within one level of the consensus.
    within_one: float | None
    #: The assessors' names in Chinese (``assessor_zh``, else ``assessor``), in the same order.
    assessors_zh: tuple[str, ...] = ()

    def names(self, lang: str) -> tuple[str, ...]:
        """The assessors' names in ``lang``, in the order of every ``opinions``."""
        return self.assessors_zh if lang == "zh" and self.assessors_zh else self.assessors

    @property
    def disagreements(self) -> list[IndicatorConsensus]:
        """The indicators to discuss: largest spread first, then rubric order."""
        listed = [c for c in self.indicators if c.disagreement]
        order = {c.indicator: n for n, c in enumerate(self.indicators)}
        return sorted(listed, key=lambda c: (-c.spread, order[c.indicator]))


def assessor_names(profiles: Sequence[tuple[str, Profile]], lang: str = "en") -> list[str]:
    """A name per profile: its ``assessor`` (in Chinese its ``assessor_zh`` first; else the
    file's), made unique with the file's name without its folder and extension
    ("科技信息化部门（assessor-a）"; the whole file when even those are alike)."""
    names = [
        (p.assessor_zh if lang == "zh" else None) or p.assessor or file for file, p in profiles
    ]
    stems = [PurePath(file).stem for file, _ in profiles]
    out = []
    for name, stem, (file, _) in zip(names, stems, profiles, strict=True):
        if names.count(name) == 1:
            out.append(name)
            continue
        alike = [s for n, s in zip(names, stems, strict=True) if n == name]
        out.append(f"{name}{paren(stem if alike.count(stem) == 1 else file, lang)}")
    return out


def _confidence(given: Sequence[str | None], spread: int) -> Confidence:
    ranks = [_RANK[c] for c in given if c is not None]
    lowest = _BY_RANK[min(ranks) if ranks else 1]
    return capped_by_spread(lowest, spread) or lowest


def _merged_text(texts: Sequence[tuple[str, str | None]], lang: str = "en") -> str | None:
    """The distinct texts in first-seen order, each after the assessors who wrote it
    ("[A, B] text"; in Chinese "[甲、乙] text")."""
    by_text: dict[str, list[str]] = {}
    for who, text in texts:
        if text and text.strip():
            by_text.setdefault(text.strip(), []).append(who)
    if not by_text:
        return None
    if len(by_text) == 1 and len(next(iter(by_text.values()))) == len(texts):
        return next(iter(by_text))
    return " ".join(f"[{join_list(who, lang)}] {text}" for text, who in by_text.items())


def _merged_sources(entries: Sequence[Assessment]) -> list[Source]:
    seen: set[tuple[str, str | None]] = set()
    merged = []
    for entry in entries:
        for source in entry.sources:
            key = (source.title.strip(), source.url)
            if key not in seen:
                seen.add(key)
                merged.append(source)
    return merged


def consensus(
    rubric: Rubric,
    profiles: Sequence[tuple[str, Profile]],
    overrides: Mapping[str, Override] | None = None,
) -> Consensus:
    """The consensus of ``profiles`` ((file, profile) of one place and date, two or more)."""
    overrides = overrides or {}
    names = assessor_names(profiles)
    names_zh = assessor_names(profiles, "zh")
    first = profiles[0][1]
    low = rubric.scale.min
    found: list[IndicatorConsensus] = []
    entries: dict[str, Assessment] = {}
    units: list[list[int | None]] = []
    close = total = 0
    for ind_id, ind in rubric.indicators.items():
        given = [p.indicators.get(ind_id) for _, p in profiles]
        opinions = tuple(
            Opinion(
                name,
                level_of(ind, entry, low),
                None if entry is None else entry.confidence,
                None if entry is None else entry.evidence,
                None if entry is None else entry.evidence_zh,
            )
            for name, entry in zip(names, given, strict=True)
        )
        known = [o.level for o in opinions if o.level is not None]
        units.append([o.level for o in opinions])
        median = lower_median(known) if known else None
        decided = "median"
        level = median
        if ind_id in overrides:
            level, decided = overrides[ind_id].level, "meeting"
        spread = max(known) - min(known) if known else 0
        share = agreement(known, level) if known and level is not None else None
        if share is not None:
            close += sum(1 for k in known if abs(k - (level or 0)) <= 1)
            total += len(known)
        confidence = (
            None
            if level is None
            else _confidence([o.confidence for o in opinions if o.level is not None], spread)
        )
        item = IndicatorConsensus(
            ind_id, opinions, level, median, share, spread, confidence, decided
        )
        found.append(item)
        present = [(name, e) for name, e in zip(names, given, strict=True) if e is not None]
        present_zh = [(name, e) for name, e in zip(names_zh, given, strict=True) if e is not None]
        if not present and ind_id not in overrides:
            continue
        values = [e.value for _, e in present if e.value is not None]
        entries[ind_id] = Assessment(
            level=level,
            value=None
            if not values or ind.kind != "metric"
            else sorted(values)[(len(values) - 1) // 2],
            confidence=confidence,
            evidence=_merged_text([(n, e.evidence) for n, e in present]),
            evidence_zh=_merged_text([(n, e.evidence_zh) for n, e in present_zh], "zh"),
            sources=_merged_sources([e for _, e in present]),
            note=_merged_text([(n, e.note) for n, e in present]),
            note_zh=_merged_text([(n, e.note_zh) for n, e in present_zh], "zh"),
            consensus=ConsensusStats(
                assessors={o.assessor: o.level for o in opinions},
                agreement=None if share is None else round(share, 2),
                spread=spread,
                decided="meeting" if decided == "meeting" else "median",
                rationale=overrides[ind_id].rationale if ind_id in overrides else None,
            ),
        )
    alpha = krippendorff_alpha(units, "ordinal")
    who = ", ".join(names)
    profile = Profile(
        id=first.id,
        name=first.name,
        name_zh=first.name_zh,
        kind=first.kind,
        rubric=first.rubric,
        assessed=first.assessed,
        assessor=f"Consensus of {who} (the median of their levels, the lower middle one on "
        "ties, unless the meeting decided)",
        assessor_zh=f"{'、'.join(names_zh)}的共识（取各评估人等级的中位数，偶数个时取较低的"
        "中间值；会议另有决定的除外）",
        notes=_merged_text([(n, p.notes) for n, (_, p) in zip(names, profiles, strict=True)]),
        notes_zh=_merged_text(
            [(n, p.notes_zh) for n, (_, p) in zip(names_zh, profiles, strict=True)], "zh"
        ),
        review=Review(status="draft"),
        targets=first.targets,
        indicators=entries,
    )
    return Consensus(
        profile,
        tuple(names),
        tuple(found),
        alpha,
        close / total if total else None,
        tuple(names_zh),
    )
