"""`policebench evidence` output: the source register as a table, JSON, CSV or Markdown.

Three parts: every source (where it is cited, its reliability, age and flags); every level
with a flag (stale, resting on reposts only, no source); and each place's evidence quality
in a line. The JSON holds every level, flagged or not.
"""

from __future__ import annotations

from typing import Any

from policebench.analysis.evidence import (
    RELIABILITY_ORDER,
    LevelEvidence,
    Quality,
    Register,
    SourceEntry,
    age_years,
)
from policebench.i18n import age_limit, join_list, label, paren, sentence_sep, t
from policebench.models import Profile, Rubric
from policebench.models.base import localized
from policebench.render.common import (
    md_cell,
    md_table,
    rich_to_text,
    to_csv,
    to_json,
)


def age_text(days: int | float | None, lang: str) -> str:
    """An age for people: years with one decimal ("4.2 y", "4.2年"), or "undated"."""
    if days is None:
        return t("ev_undated", lang)
    return t("ev_age_years", lang).format(years=f"{days / 365.25:.1f}")


def flag_text(flags: tuple[str, ...], lang: str) -> str:
    return join_list((t(f"ev_flag_{f.replace('-', '_')}", lang) for f in flags), lang)


def _place(names: dict[str, Profile], pid: str, lang: str) -> str:
    profile = names.get(pid)
    return localized(profile, "name", lang) if profile else pid


def _ind(rubric: Rubric, ind_id: str, lang: str) -> str:
    return localized(rubric.indicators[ind_id], "name", lang)


def supports_text(rubric: Rubric, entry: SourceEntry, names: dict[str, Profile], lang: str) -> str:
    """ "Hangzhou: Top-level design, Data sharing; Qingdao: ..." (places in id order)."""
    parts = []
    for pid in entry.places:
        inds = [_ind(rubric, i, lang) for p, i in entry.supports if p == pid]
        parts.append(f"{label(_place(names, pid, lang), lang)}{join_list(inds, lang)}")
    return sentence_sep(lang).join(parts)


def _reliability_text(entry: SourceEntry, lang: str) -> str:
    return " / ".join(t(r, lang) for r in entry.reliabilities)


def rule_text(rubric: Rubric, register: Register, lang: str) -> str:
    max_age = rubric.evidence_max_age
    limit = age_limit(max_age, lang) if max_age else t("ev_no_limit", lang)
    return t("ev_rule", lang).format(max_age=limit, many=register.many)


def _flagged(register: Register) -> list[LevelEvidence]:
    return [lv for lv in register.levels if lv.flags]


def quality_text(q: Quality, lang: str) -> str:
    """A place's evidence quality in one line (shares by best reliability, median age...)."""
    shares = join_list(
        (
            f"{t(r if r != 'none' else 'ev_flag_no_source', lang)} {round(100 * q.share(r))}%"
            for r in (*RELIABILITY_ORDER, "none")
        ),
        lang,
    )
    undated = t("ev_undated", lang)  # as the report says it
    median = age_text(q.median_age_days, lang) if q.median_age_days is not None else undated
    return t("ev_quality_line", lang).format(
        known=q.known,
        shares=shares,
        median=median,
        opinions=q.opinions,
        stale=q.stale,
        reposts=q.repost_only,
        unsourced=q.no_source,
    )


# --------------------------------------------------------------------------- data


def register_data(
    rubric: Rubric, register: Register, qualities: dict[str, Quality]
) -> dict[str, Any]:
    """The machine contract of `evidence --format json`."""
    return {
        "rubric": {"id": rubric.id, "version": rubric.version},
        "many_levels": register.many,
        "sources": [
            {
                "key": e.key,
                "title": e.title,
                "title_zh": e.title_zh,
                "url": e.url,
                "reliabilities": list(e.reliabilities),
                "date": e.date.isoformat() if e.date else None,
                "accessed": e.accessed.isoformat() if e.accessed else None,
                "age_days": e.age_days,
                "age_years": age_years(e.age_days),
                "places": list(e.places),
                "indicators": list(e.indicators),
                "supports": [{"place": p, "indicator": i} for p, i in e.supports],
                "flags": list(e.flags),
            }
            for e in register.sources
        ],
        "levels": [_level_data(lv) for lv in register.levels],
        "places": {pid: _quality_data(q) for pid, q in qualities.items()},
    }


def _level_data(lv: LevelEvidence) -> dict[str, Any]:
    return {
        "place": lv.place,
        "indicator": lv.indicator,
        "level": lv.level,
        "applicable": lv.applicable,
        "confidence": lv.confidence,
        "effective_confidence": lv.effective_confidence,
        "evidence": lv.has_evidence,
        "best_reliability": lv.best_reliability,
        "newest": lv.newest.isoformat() if lv.newest else None,
        "age_days": lv.age_days,
        "age_years": age_years(lv.age_days),
        "max_age": lv.max_age,
        "sources": list(lv.sources),
        "flags": list(lv.flags),
    }


def _quality_data(q: Quality) -> dict[str, Any]:
    return {
        "known": q.known,
        "by_reliability": dict(q.by_reliability),
        "median_age_days": q.median_age_days,
        "median_age_years": age_years(
            None if q.median_age_days is None else round(q.median_age_days)
        ),
        "opinions": q.opinions,
        "stale": q.stale,
        "repost_only": q.repost_only,
        "no_source": q.no_source,
        "not_applicable": q.not_applicable,
    }


def render_json(rubric: Rubric, register: Register, qualities: dict[str, Quality]) -> str:
    return to_json(register_data(rubric, register, qualities))


# --------------------------------------------------------------------------- csv


def render_csv(
    rubric: Rubric, register: Register, names: dict[str, Profile], lang: str = "en"
) -> str:
    """One row per level and source it cites (a level without a source: one row, empty
    source columns): a long table a spreadsheet filters."""
    by_key = {e.key: e for e in register.sources}
    header = [
        "place",
        "indicator",
        "level",
        "confidence",
        "level_age_years",
        "level_flags",
        "source",
        "url",
        "reliability",
        "date",
        "accessed",
        "source_age_years",
        "source_flags",
    ]
    rows: list[list[Any]] = []
    for lv in register.levels:
        if not lv.known:
            continue
        head = [
            _place(names, lv.place, lang),
            _ind(rubric, lv.indicator, lang),
            lv.level,
            lv.confidence,
            age_years(lv.age_days),
            "; ".join(lv.flags),
        ]
        if not lv.sources:
            rows.append([*head, None, None, None, None, None, None, None])
        for key in lv.sources:
            e = by_key[key]
            rows.append(
                [
                    *head,
                    localized(e, "title", lang),
                    e.url,
                    "; ".join(e.reliabilities),
                    e.date.isoformat() if e.date else None,
                    e.accessed.isoformat() if e.accessed else None,
                    age_years(e.age_days),
                    "; ".join(e.flags),
                ]
            )
    return to_csv(header, rows)


# --------------------------------------------------------------------------- table, markdown


def _source_rows(
    rubric: Rubric, register: Register, names: dict[str, Profile], lang: str
) -> tuple[list[str], list[list[str]]]:
    header = [
        "#",
        t("ev_source", lang),
        t("reliability", lang),
        t("ev_date", lang),
        t("ev_age", lang),
        t("ev_levels", lang),
        t("ev_supports", lang),
        t("ev_flags", lang),
    ]
    rows = []
    for n, e in enumerate(register.sources, 1):
        shown = localized(e, "title", lang)
        title = shown if not e.url else f"{shown}\n{e.url}"
        rows.append(
            [
                str(n),
                title,
                _reliability_text(e, lang),
                e.date.isoformat() if e.date else "—",
                age_text(e.age_days, lang),
                str(len(e.supports)),
                supports_text(rubric, e, names, lang),
                flag_text(e.flags, lang),
            ]
        )
    return header, rows


def _level_rows(
    rubric: Rubric, register: Register, names: dict[str, Profile], lang: str
) -> tuple[list[str], list[list[str]]]:
    header = [
        t("city", lang),
        t("indicator", lang),
        t("level", lang),
        t("ev_best", lang),
        t("ev_age", lang),
        t("ev_flags", lang),
    ]
    rows = []
    for lv in _flagged(register):
        rows.append(
            [
                _place(names, lv.place, lang),
                _ind(rubric, lv.indicator, lang),
                str(lv.level),
                t(lv.best_reliability, lang) if lv.best_reliability else "—",
                age_text(lv.age_days, lang),
                flag_text(lv.flags, lang),
            ]
        )
    return header, rows


def _quality_rows(qualities: dict[str, Quality], names: dict[str, Profile], lang: str) -> list[str]:
    return [
        f"{label(_place(names, pid, lang), lang)}{quality_text(q, lang)}"
        for pid, q in qualities.items()
    ]


def render_markdown(
    rubric: Rubric,
    register: Register,
    qualities: dict[str, Quality],
    names: dict[str, Profile],
    lang: str = "en",
) -> str:
    header, rows = _source_rows(rubric, register, names, lang)
    rows = [[r[0], r[1].replace("\n", " · "), *r[2:]] for r in rows]
    out = [f"# {t('ev_title', lang)}\n", f"{md_cell(rule_text(rubric, register, lang))}\n"]
    out.append(f"## {t('ev_quality', lang)}\n")
    out += [f"- {md_cell(line)}" for line in _quality_rows(qualities, names, lang)]
    out.append("")
    out.append(f"## {t('ev_sources', lang)}{paren(str(len(register.sources)), lang)}\n")
    out.append(md_table(header, rows) if rows else t("none", lang))
    out.append("")
    header, rows = _level_rows(rubric, register, names, lang)
    out.append(f"## {t('ev_flagged_levels', lang)}{paren(str(len(rows)), lang)}\n")
    out.append(md_table(header, rows) if rows else t("none", lang))
    return "\n".join(out).rstrip() + "\n"


def render_table(
    rubric: Rubric,
    register: Register,
    qualities: dict[str, Quality],
    names: dict[str, Profile],
    lang: str = "en",
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    """The evidence in the terminal, laid out as every table is (render.terminal): cells
    wrapped where a line may break, no header cut, names never split."""
    from rich.console import Group
    from rich.text import Text

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    keep = [_place(names, pid, lang) for pid in names]
    header, rows = _source_rows(rubric, register, names, lang)
    # A web address is one piece a line cannot break in (120 characters, some): under the
    # table, each on a line of its own after its source's number, not in a column.
    rows = [
        [row[0], localized(e, "title", lang), *row[2:]]
        for row, e in zip(rows, register.sources, strict=True)
    ]
    urls = [f"{n}. {e.url}" for n, e in enumerate(register.sources, 1) if e.url]
    sources = Grid(
        [
            Column(header[0], "right", key=True),
            Column(header[1], wrap=True, min=12, weight=2),
            Column(header[2], wrap=True, min=4),
            Column(header[3]),
            Column(header[4], wrap=True, min=4),
            Column(header[5], "right", wrap=True, min=4),
            Column(header[6], wrap=True, min=12, weight=3),
            Column(header[7], wrap=True, min=8),
        ],
        rows,
        title=t("ev_sources", lang) + paren(str(len(register.sources)), lang),
        caption=rule_text(rubric, register, lang),
        show_lines=True,
        row_styles=["yellow" if row[-1] else None for row in rows],
        keep=keep,
    )
    header, rows = _level_rows(rubric, register, names, lang)
    levels = Grid(
        [
            Column(header[0], wrap=True, min=6),
            Column(header[1], wrap=True, min=10, weight=2),
            Column(header[2], "right"),
            Column(header[3], wrap=True, min=4),
            Column(header[4], wrap=True, min=4),
            Column(header[5], wrap=True, min=8),
        ],
        rows,
        title=t("ev_flagged_levels", lang) + paren(str(len(rows)), lang),
        keep=keep,
    )
    parts: list[Any] = [paragraph(t("ev_quality", lang), w, style="bold")]
    parts += [paragraph(line, w, keep=keep) for line in _quality_rows(qualities, names, lang)]
    for grid in (sources, levels):
        if grid.rows:
            parts += table(grid, width=w, lang=lang, color=color)
        else:  # no table of nothing: its title, and "none"
            parts += [paragraph(grid.title or "", w, style="italic"), paragraph(t("none", lang), w)]
        if grid is sources and urls:
            parts += [Text(url, overflow="fold") for url in urls]
    return rich_to_text(Group(*parts), color=color, width=w)
