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
from policebench.render.common import add_row, rich_to_text, to_json
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
    """The rubric file's data with the new dimension and indicator weights, as YAML.

    Comments of the original are not kept (the copy is made from its data); the first lines
    say where the weights came from. The original file is never written.
    """
    import yaml

    panel = w.result
    assert isinstance(panel, Panel)
    data = copy.deepcopy(w.data)
    for dimension in data.get("dimensions", []):
        dimension["weight"] = round(panel.dimension_weights[dimension["id"]], 6)
        for indicator in dimension.get("indicators", []):
            indicator["weight"] = round(
                panel.indicator_weights[dimension["id"]][indicator["id"]], 6
            )
    experts = join_list((_expert(e, lang) + paren(e.file, lang) for e in panel.experts), lang)
    text = t("ahp_copy_header", lang).format(experts=experts, file=w.file)
    header = "".join(f"# {line}\n" for line in text.splitlines())
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return header + body


# --------------------------------------------------------------------------- AHP


def _group_name(rubric: Rubric, group: str | None, lang: str) -> str:
    if group is None:
        return t("ahp_dimensions", lang)
    dimension = next(d for d in rubric.dimensions if d.id == group)
    of = t("ahp_indicators_of", lang).format(dimension=localized(dimension, "name", lang))
    return f"{of} ({group})"  # a table cell: a space to wrap at


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
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    panel = w.result
    assert isinstance(panel, Panel)
    names = {**{d.id: localized(d, "name", lang) for d in w.rubric.dimensions}}
    names.update({i: localized(x, "name", lang) for i, x in w.rubric.indicators.items()})
    parts: list[Any] = [
        Text(
            f"{label(t('ahp_title', lang), lang)}{localized(w.rubric, 'name', lang)}", style="bold"
        )
    ]
    consistency = Table(title=t("ahp_consistency", lang), title_justify="left", header_style="bold")
    for column in (t("ahp_expert", lang), t("ahp_group", lang), "λmax", "CI", "CR", ""):
        consistency.add_column(column)
    for expert in [*panel.experts, panel.panel]:
        who = (
            t("ahp_panel", lang)
            if expert is panel.panel
            else f"{_expert(expert, lang)} ({expert.file})"
        )
        for group, p in expert.groups():
            verdict = t("ahp_ok", lang) if p.consistent else t("ahp_revise", lang)
            add_row(
                consistency,
                who,
                _group_name(w.rubric, group, lang),
                f"{p.lambda_max:.3f}",
                f"{p.ci:.3f}",
                _cr(p),
                verdict,
            )
    parts.append(consistency)
    revise = [
        (e, group, x) for e in panel.experts for group, p in e.groups() for x in p.inconsistencies
    ]
    if revise:
        table = Table(
            title=t("ahp_most_inconsistent", lang).format(limit=CR_LIMIT),
            title_justify="left",
            header_style="bold",
        )
        for column in (
            t("ahp_expert", lang),
            t("ahp_pair", lang),
            t("ahp_given", lang),
            t("ahp_implied", lang),
            t("ahp_suggested", lang),
        ):
            table.add_column(column)
        for e, _group, x in revise:
            add_row(
                table,
                _expert(e, lang),
                f"{x.row} : {x.column}",
                _fraction(x.given),
                _fraction(x.implied),
                _fraction(x.suggested),
            )
        parts.append(table)
    weights = Table(title=t("ahp_weights", lang), title_justify="left", header_style="bold")
    for column in (
        t("item", lang),
        t("ahp_panel_weight", lang),
        t("ahp_rubric_weight", lang),
        t("ahp_global", lang),
        t("ahp_from", lang),
    ):
        weights.add_column(column, justify="left" if column == t("item", lang) else "right")
    global_weights = panel.global_weights()
    rubric_global = {
        i: panel.rubric_dimension_weights[d] * x
        for d, inds in panel.rubric_indicator_weights.items()
        for i, x in inds.items()
    }
    for d in w.rubric.dimensions:
        from_dims = "dimensions" in panel.compared
        add_row(
            weights,
            f"{names[d.id]} ({d.id})",
            f"{panel.dimension_weights[d.id]:.3f}",
            f"{panel.rubric_dimension_weights[d.id]:.3f}",
            "",
            t("ahp_from_panel", lang) if from_dims else t("ahp_from_rubric", lang),
            style="bold",
        )
        for i in d.indicators:
            add_row(
                weights,
                f"  {names[i.id]} ({i.id})",
                f"{panel.indicator_weights[d.id][i.id]:.3f}",
                f"{panel.rubric_indicator_weights[d.id][i.id]:.3f}",
                f"{global_weights[i.id]:.3f} ({rubric_global[i.id]:.3f})",
                t("ahp_from_panel", lang) if d.id in panel.compared else t("ahp_from_rubric", lang),
            )
    parts += [weights, Text(t("ahp_note", lang), style="dim")]
    return rich_to_text(Group(*parts), color=color, width=width)


def ahp_json(w: Weighted) -> str:
    assert isinstance(w.result, Panel)
    return to_json(ahp_data(w.result))


# --------------------------------------------------------------------------- entropy


def entropy_table(w: Weighted, lang: str, *, color: bool = False, width: int | None = None) -> str:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    result = w.result
    assert isinstance(result, EntropyWeights)
    parts: list[Any] = [
        Text(
            label(t("entropy_title", lang), lang)
            + join_list(
                (
                    localized(w.places[p], "name", lang) if p in w.places else p
                    for p in result.places
                ),
                lang,
            ),
            style="bold",
        )
    ]
    table = Table(header_style="bold")
    for n, column in enumerate(
        (
            t("item", lang),
            t("entropy_known", lang),
            "e",
            t("entropy_weight", lang),
            t("ahp_rubric_weight", lang),
            t("entropy_difference", lang),
        )
    ):
        table.add_column(column, justify="left" if n == 0 else "right")
    for x in result.differences:
        indicator = w.rubric.indicators[x.indicator]
        add_row(
            table,
            f"{localized(indicator, 'name', lang)} ({x.indicator})",
            str(result.known[x.indicator]),
            f"{result.entropy[x.indicator]:.3f}",
            f"{x.entropy:.3f}",
            f"{x.rubric:.3f}",
            f"{x.difference:+.3f}",
        )
    parts.append(table)
    if result.differences:
        top = result.differences[0]
        parts.append(
            Text(
                t("entropy_most", lang).format(
                    indicator=_named(
                        localized(w.rubric.indicators[top.indicator], "name", lang),
                        top.indicator,
                        lang,
                    ),
                    entropy=top.entropy,
                    rubric=top.rubric,
                )
            )
        )
    if result.left_out:
        listed = join_list((i + paren(str(n), lang) for i, n in result.left_out.items()), lang)
        parts.append(Text(label(t("entropy_left_out", lang), lang) + listed, style="dim"))
    parts.append(Text(t("entropy_note", lang), style="dim"))
    return rich_to_text(Group(*parts), color=color, width=width)


def entropy_json(w: Weighted) -> str:
    assert isinstance(w.result, EntropyWeights)
    return to_json(entropy_data(w.result, w.rubric.id))
