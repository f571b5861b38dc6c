"""`policebench weights ahp|entropy` output: the weights, where they come from, and how they
differ from the rubric's; as a table, JSON, or a copy of the rubric carrying them (yaml)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from policebench.analysis.ahp import CR_LIMIT, ExpertResult, Panel, Priorities
from policebench.analysis.entropy import EntropyWeights
from policebench.i18n import join_list, label, paren, t
from policebench.models import Profile, Rubric
from policebench.models.base import localized
from policebench.render.common import rich_to_text, to_json
from policebench.report.weights import ahp_data, entropy_data


@dataclass(frozen=True)
class Weighted:
    """What `weights` renders: the result, the rubric, and the rubric file's data as read
    (for the copy carrying the new weights) with its name; for entropy, the places' profiles
    by id (their names in the table)."""

    rubric: Rubric
    result: Panel | EntropyWeights
    data: dict[str, Any]
    file: str
    places: Mapping[str, Profile] = field(default_factory=dict)


def _expert(e: ExpertResult, lang: str) -> str:
    """An expert's name in ``lang`` (``expert_zh`` in Chinese when the file gives one)."""
    return (e.expert_zh or e.expert) if lang == "zh" else e.expert


def _named(name: str, item_id: str, lang: str) -> str:
    """A name with its id after it in a sentence: "Planning (planning)", "统筹规划（planning）"
    (in a table cell "name (id)", a space the cell may wrap at)."""
    return name + paren(item_id, lang)


# --------------------------------------------------------------------------- the rubric copy


def rubric_copy(w: Weighted, lang: str = "en") -> str:
    """The rubric file's data with the AHP panel's dimension and indicator weights, as YAML.

    Comments of the original are not kept (the copy is made from its data); the first lines
    say where the weights came from. The original file is never written.
    """
    panel = w.result
    assert isinstance(panel, Panel)
    experts = join_list((_expert(e, lang) + paren(e.file, lang) for e in panel.experts), lang)
    text = t("ahp_copy_header", lang).format(experts=experts, file=w.file)
    return _copy(w.data, panel.dimension_weights, panel.indicator_weights, text)


def entropy_rubric_copy(w: Weighted, lang: str = "en") -> str:
    """The rubric file's data with the entropy weights (``analysis.entropy.entropy_rubric``'s:
    an indicator no place differs on gets a small floor, as a rubric weight must be above 0),
    as YAML, for ``sensitivity --weights`` or a panel to compare."""
    from policebench.analysis.entropy import entropy_rubric

    result = w.result
    assert isinstance(result, EntropyWeights)
    weighted = entropy_rubric(w.rubric, result)
    dims = {d.id: d.weight for d in weighted.dimensions}
    inds = {d.id: {i.id: i.weight for i in d.indicators} for d in weighted.dimensions}
    text = t("entropy_copy_header", lang).format(places=_places(w, result, lang), file=w.file)
    return _copy(w.data, dims, inds, text)


def _places(w: Weighted, result: EntropyWeights, lang: str) -> str:
    """The places whose levels the entropy weights come from, by name (an id without a
    profile at hand as it is)."""
    return join_list(
        (localized(w.places[p], "name", lang) if p in w.places else p for p in result.places),
        lang,
    )


def _copy(
    source: dict[str, Any],
    dims: Mapping[str, float],
    inds: Mapping[str, Mapping[str, float]],
    header_text: str,
) -> str:
    """``source`` (a rubric file's data) with weights ``dims`` and ``inds``, as YAML under a
    comment of ``header_text``."""
    import yaml

    data = copy.deepcopy(source)
    for dimension in data.get("dimensions", []):
        dimension["weight"] = round(dims[dimension["id"]], 6)
        for indicator in dimension.get("indicators", []):
            indicator["weight"] = round(inds[dimension["id"]][indicator["id"]], 6)
    header = "".join(f"# {line}\n" for line in header_text.splitlines())
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# --------------------------------------------------------------------------- AHP


def _group_name(rubric: Rubric, group: str | None, lang: str) -> str:
    if group is None:
        return t("ahp_dimensions", lang)
    dimension = next(d for d in rubric.dimensions if d.id == group)
    of = t("ahp_indicators_of", lang).format(dimension=localized(dimension, "name", lang))
    return f"{of} ({group})"  # a table cell: a space to wrap at


def _item_name(rubric: Rubric, item: str, lang: str) -> str:
    """A dimension's or an indicator's name, with its id (as the expert's file writes it)."""
    found = next((d for d in rubric.dimensions if d.id == item), None) or rubric.indicators.get(
        item
    )
    return f"{localized(found, 'name', lang)} ({item})" if found is not None else item


def _cr(p: Priorities) -> str:
    return "—" if p.cr is None else f"{p.cr:.3f}"


def _fraction(value: float) -> str:
    if value < 1:
        inverse = 1 / value
        if abs(inverse - round(inverse)) < 1e-6:
            return f"1/{round(inverse)}"
        return f"1/{inverse:.2f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def ahp_table(w: Weighted, lang: str, *, color: bool = False, width: int | None = None) -> str:
    """Each expert's consistency, the comparisons to revise and the weights, laid out as
    every terminal table is (``render.terminal``): nothing cut short, wide tables split."""
    from rich.console import Group

    from policebench.render.terminal import Cell, Column, Grid, paragraph, resolve_width, table

    wd = resolve_width(width)
    panel = w.result
    assert isinstance(panel, Panel)
    names = {**{d.id: localized(d, "name", lang) for d in w.rubric.dimensions}}
    names.update({i: localized(x, "name", lang) for i, x in w.rubric.indicators.items()})
    parts: list[Any] = [
        paragraph(
            f"{label(t('ahp_title', lang), lang)}{localized(w.rubric, 'name', lang)}",
            wd,
            style="bold",
        )
    ]
    rows: list[list[str]] = []
    for expert in [*panel.experts, panel.panel]:
        who = (
            t("ahp_panel", lang)
            if expert is panel.panel
            else f"{_expert(expert, lang)} ({expert.file})"
        )
        for group, p in expert.groups():
            verdict = t("ahp_ok", lang) if p.consistent else t("ahp_revise", lang)
            rows.append(
                [
                    who,
                    _group_name(w.rubric, group, lang),
                    f"{p.lambda_max:.3f}",
                    f"{p.ci:.3f}",
                    _cr(p),
                    verdict,
                ]
            )
    columns = [
        Column(t("ahp_expert", lang), wrap=True, key=True, min=12),
        Column(t("ahp_group", lang), wrap=True, min=10),
        Column("λmax", "right"),
        Column("CI", "right"),
        Column("CR", "right"),
        Column(t("ahp_verdict", lang), wrap=True),
    ]
    parts += table(
        Grid(columns, rows, title=t("ahp_consistency", lang)), width=wd, lang=lang, color=color
    )
    comma = "，" if lang == "zh" else ", "
    flawed = [
        _expert(e, lang) + paren(f"{_group_name(w.rubric, group, lang)}{comma}CR {_cr(p)}", lang)
        for e in panel.experts
        for group, p in e.groups()
        if not p.consistent
    ]
    if flawed:  # the panel's verdict alone would pass judgements that need revising
        warning = t("ahp_panel_includes", lang).format(experts=join_list(flawed, lang))
        parts.append(paragraph(warning, wd, style="bold yellow" if color else "bold"))
    revise = [
        (e, group, x) for e in panel.experts for group, p in e.groups() for x in p.inconsistencies
    ]
    if revise:
        columns = [
            Column(t("ahp_expert", lang), wrap=True, key=True, min=12),
            Column(t("ahp_pair", lang), wrap=True),
            Column(t("ahp_given", lang), "right", wrap=True),
            Column(t("ahp_implied", lang), "right", wrap=True),
            Column(t("ahp_suggested", lang), "right", wrap=True),
        ]
        rows = [
            [
                _expert(e, lang),
                f"{_item_name(w.rubric, x.row, lang)} : {_item_name(w.rubric, x.column, lang)}",
                _fraction(x.given),
                _fraction(x.implied),
                _fraction(x.suggested),
            ]
            for e, _group, x in revise
        ]
        title = t("ahp_most_inconsistent", lang).format(limit=CR_LIMIT)
        parts += table(Grid(columns, rows, title=title), width=wd, lang=lang, color=color)
    global_weights = panel.global_weights()
    rubric_global = {
        i: panel.rubric_dimension_weights[d] * x
        for d, inds in panel.rubric_indicator_weights.items()
        for i, x in inds.items()
    }
    weight_rows: list[list[str | Cell]] = []
    for d in w.rubric.dimensions:
        from_dims = "dimensions" in panel.compared
        weight_rows.append(
            [
                Cell(f"{names[d.id]} ({d.id})", "bold"),
                Cell(f"{panel.dimension_weights[d.id]:.3f}", "bold"),
                Cell(f"{panel.rubric_dimension_weights[d.id]:.3f}", "bold"),
                "",
                t("ahp_from_panel", lang) if from_dims else t("ahp_from_rubric", lang),
            ]
        )
        for i in d.indicators:
            weight_rows.append(
                [
                    f"· {names[i.id]} ({i.id})",
                    f"{panel.indicator_weights[d.id][i.id]:.3f}",
                    f"{panel.rubric_indicator_weights[d.id][i.id]:.3f}",
                    f"{global_weights[i.id]:.3f}" + paren(f"{rubric_global[i.id]:.3f}", lang),
                    t("ahp_from_panel", lang)
                    if d.id in panel.compared
                    else t("ahp_from_rubric", lang),
                ]
            )
    columns = [
        Column(t("item", lang), wrap=True, key=True, min=14),
        Column(t("ahp_panel_weight", lang), "right", wrap=True),
        Column(t("ahp_rubric_weight", lang), "right", wrap=True),
        Column(t("ahp_global", lang), "right", wrap=True),
        Column(t("ahp_from", lang), wrap=True),
    ]
    parts += table(
        Grid(columns, weight_rows, title=t("ahp_weights", lang)), width=wd, lang=lang, color=color
    )
    parts.append(paragraph(t("ahp_note", lang), wd, style="dim"))
    return rich_to_text(Group(*parts), color=color, width=wd)


def ahp_json(w: Weighted) -> str:
    assert isinstance(w.result, Panel)
    return to_json(ahp_data(w.result))


# --------------------------------------------------------------------------- entropy


def entropy_table(w: Weighted, lang: str, *, color: bool = False, width: int | None = None) -> str:
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    wd = resolve_width(width)
    result = w.result
    assert isinstance(result, EntropyWeights)
    title = label(t("entropy_title", lang), lang) + _places(w, result, lang)
    parts: list[Any] = [paragraph(title, wd, style="bold")]
    columns = [
        Column(t("item", lang), wrap=True, key=True, min=14),
        Column(t("entropy_known", lang), "right", wrap=True),
        Column("e", "right"),
        Column(t("entropy_weight", lang), "right", wrap=True),
        Column(t("ahp_rubric_weight", lang), "right", wrap=True),
        Column(t("entropy_difference", lang), "right", wrap=True),
    ]
    rows = [
        [
            f"{localized(w.rubric.indicators[x.indicator], 'name', lang)} ({x.indicator})",
            str(result.known[x.indicator]),
            f"{result.entropy[x.indicator]:.3f}",
            f"{x.entropy:.3f}",
            f"{x.rubric:.3f}",
            f"{x.difference:+.3f}",
        ]
        for x in result.differences
    ]
    parts += table(Grid(columns, rows), width=wd, lang=lang, color=color)
    if result.differences:
        top = result.differences[0]
        indicator = _named(
            localized(w.rubric.indicators[top.indicator], "name", lang), top.indicator, lang
        )
        parts.append(
            paragraph(
                t("entropy_most", lang).format(
                    indicator=indicator, entropy=top.entropy, rubric=top.rubric
                ),
                wd,
            )
        )
    if result.left_out:
        items = [
            localized(w.rubric.indicators[i], "name", lang) + paren(str(n), lang)
            for i, n in result.left_out.items()
        ]
        # An item is never cut in two at the end of a line.
        text = label(t("entropy_left_out", lang), lang) + join_list(items, lang)
        parts.append(paragraph(text, wd, keep=items, style="dim"))
    parts.append(paragraph(t("entropy_note", lang), wd, style="dim"))
    return rich_to_text(Group(*parts), color=color, width=wd)


def entropy_json(w: Weighted) -> str:
    assert isinstance(w.result, EntropyWeights)
    return to_json(entropy_data(w.result, w.rubric.id))
