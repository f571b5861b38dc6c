"""`policebench rubric diff` output: the changes, then each place's rubric and place effects."""

from __future__ import annotations

from typing import Any

from policebench.analysis.rubric_diff import Change, PlaceEffect, RubricDiff, Scored
from policebench.i18n import join_list, label, paren, t
from policebench.models.base import localized
from policebench.render.common import md_cell, md_table, num, rich_to_text, to_json
from policebench.render.trend import signed
from policebench.report.rubric_diff import diff_data


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _find_dimension(rubric: Any, dim_id: Any) -> Any:
    """The dimension of ``rubric`` with id ``dim_id``, or None."""
    return next((d for d in rubric.dimensions if d.id == dim_id), None)


def _item(result: RubricDiff, change: Change, lang: str) -> str:
    """The changed thing as a planner knows it: its name (new rubric first) and its id."""
    if change.scope == "rubric":
        return ""
    for rubric in (result.new, result.old):
        found: Any = None
        if change.scope == "indicator":
            found = rubric.indicators.get(change.item)
        else:
            found = _find_dimension(rubric, change.item)
        if found is not None:
            return f"{localized(found, 'name', lang)}{paren(change.item, lang)}"
    return change.item


#: Changes whose old and new values are dimension ids (where an indicator was, and is).
_DIMENSION_VALUES = frozenset({"indicator-added", "indicator-removed", "indicator-moved"})


def _shown(result: RubricDiff, change: Change, lang: str) -> tuple[str, str]:
    """The old and new value of ``change`` as a planner reads them in ``lang``: stages and
    names in that language (the change data keeps the English), a dimension by its name."""
    old, new = result.old, result.new
    if change.kind == "stages":

        def stages(rubric: Any) -> str:
            return join_list(
                (f"{s.min:g} {localized(s, 'name', lang)}" for s in rubric.stages), lang
            )

        return stages(old), stages(new)
    if change.kind == "indicator-name":
        return (
            localized(old.indicators[change.item], "name", lang),
            localized(new.indicators[change.item], "name", lang),
        )
    if change.kind == "dimension-name":
        before = next((d for d in old.dimensions if d.name == change.old), None)
        after = _find_dimension(new, change.item)
        if before is not None and after is not None:
            return localized(before, "name", lang), localized(after, "name", lang)
    if change.kind in _DIMENSION_VALUES:
        return (_dimension(old, change.old, lang), _dimension(new, change.new, lang))
    return _value(change.old), (_value(change.new) if change.count is None else f"{change.count}")


def _dimension(rubric: Any, dim_id: Any, lang: str) -> str:
    """A dimension of ``rubric`` by its name and id ('' for none)."""
    if dim_id is None:
        return ""
    found = _find_dimension(rubric, dim_id)
    return f"{localized(found, 'name', lang)}{paren(dim_id, lang)}" if found else str(dim_id)


def _change_rows(result: RubricDiff, lang: str) -> tuple[list[str], list[list[str]]]:
    header = [t("kind", lang), t("item", lang), t("old", lang), t("new", lang)]
    rows = []
    for c in result.changes:
        old, new = _shown(result, c, lang)
        rows.append([t(f"diff:{c.kind}", lang), _item(result, c, lang), old, new])
    return header, rows


def _not_scored(place: PlaceEffect) -> str:
    """The indicators of the place's assessments that the new rubric leaves out, and why."""
    ignored = {**place.rescored.ignored, **place.after.ignored}
    return ", ".join(f"{i} ({why})" for i, why in sorted(ignored.items()))


def _stage_move(place: PlaceEffect, lang: str) -> str:
    """The stage before and after (``Developing → Initial``), or the one stage kept."""

    def name(scored: Scored) -> str:
        return localized(scored.stage, "name", lang) if scored.stage else t("unknown", lang)

    before, after = name(place.before), name(place.after)
    return before if before == after else f"{before} → {after}"


def _place_rows(result: RubricDiff, lang: str) -> tuple[list[str], list[list[str]]]:
    header = [
        t("city", lang),
        t("old_assessment", lang),
        t("new_assessment", lang),
        t("old_rubric_score", lang),
        t("rescored", lang),
        t("new_score", lang),
        t("rubric_effect", lang),
        t("place_effect", lang),
        t("total_change", lang),
        t("stage", lang),
        t("not_scored", lang),
    ]
    rows = []
    for p in result.places:
        rows.append(
            [
                localized(p, "name", lang),
                p.old_assessed.isoformat(),
                p.new_assessed.isoformat(),
                num(p.before.overall, lang=lang),
                num(p.rescored.overall, lang=lang),
                num(p.after.overall, lang=lang),
                signed(p.rubric_effect),
                signed(p.place_effect),
                signed(p.total),
                _stage_move(p, lang),
                _not_scored(p),
            ]
        )
    return header, rows


def _title(result: RubricDiff, lang: str) -> str:
    old, new = result.old, result.new
    return (
        f"{label(t('rubric_diff_title', lang), lang)}{localized(old, 'name', lang)} "
        f"{old.id} {old.version} → {new.id} {new.version}"
    )


def render_table(
    result: RubricDiff, lang: str = "en", *, color: bool = False, width: int | None = None
) -> str:
    """The changes, then (when places were given) each place's effects and how to read them."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    parts: list[Any] = [paragraph(_title(result, lang), w, style="bold")]
    header, rows = _change_rows(result, lang)
    if rows:
        changes = Grid(
            [Column(h, wrap=True, min=10, key=n == 1) for n, h in enumerate(header)],
            [list(r) for r in rows],
        )
        parts += table(changes, width=w, lang=lang, color=color)
    else:
        parts.append(paragraph(t("no_rubric_changes", lang), w))
    if result.places:
        header, rows = _place_rows(result, lang)
        places = Grid(
            [
                Column(h, "right" if 3 <= n <= 8 else "left", key=n == 0, wrap=n > 8, min=10)
                for n, h in enumerate(header)
            ],
            [list(r) for r in rows],
            title=t("effects_title", lang),
            keep=[r[0] for r in rows],
        )
        parts += table(places, width=w, lang=lang, color=color)
        parts.append(paragraph(t("effects_note", lang), w, style="dim"))
    return rich_to_text(Group(*parts), color=color, width=w)


def render_markdown(result: RubricDiff, lang: str = "en") -> str:
    """A heading, the changes table and (when places were given) the effects table."""
    out = [f"# {md_cell(_title(result, lang))}\n"]
    header, rows = _change_rows(result, lang)
    out.append(md_table(header, rows) if rows else t("no_rubric_changes", lang) + "\n")
    if result.places:
        out.append(f"## {t('effects_title', lang)}\n")
        header, rows = _place_rows(result, lang)
        out.append(md_table(header, rows, "lll" + "r" * 6 + "ll"))
        out.append(t("effects_note", lang) + "\n")
    return "\n".join(out)


def render_json(result: RubricDiff) -> str:
    return to_json(diff_data(result))
