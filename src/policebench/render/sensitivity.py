"""`policebench sensitivity` output, and the band helpers other reports use.

For reports that show bands beside point scores (``--uncertainty``)::

    from policebench.analysis.sensitivity import run
    from policebench.render.sensitivity import band_text, rank_text

    result = run(rubric, profiles, samples=10_000, seed=0)
    place = result.place("j-city")
    band_text(place.overall)                 # "25.0 (10–36)": point score, 5-95% band
    band_text(place.dimensions["planning"])  # the same for one dimension
    rank_text(place.rank)                    # "4 (3–4)": point rank, 5-95% of the ranks
    (place.overall.p5, place.overall.median, place.overall.p95)  # for error bars

Everything here is pure: results in, strings out.
"""

from __future__ import annotations

from typing import Any

from policebench.analysis.sensitivity import Band, SensitivityResult
from policebench.analysis.sensitivity.settings import SOURCES
from policebench.i18n import join_list, label, paren, span, t
from policebench.models import Rubric
from policebench.models.base import localized
from policebench.render.common import md_cell, md_table, rich_to_text, to_csv, to_json
from policebench.report.parts import rnd
from policebench.report.sensitivity import band_text, rank_text, sensitivity_data, share_text

#: At most this many places get a column per rank in tables and CSV; beyond, P(this rank)
#: only (the JSON always has every rank's probability).
MAX_RANK_COLUMNS = 8


def _source_name(source: str, lang: str) -> str:
    return t(f"sens_{source}", lang)


def set_names(result: SensitivityResult, lang: str) -> list[str]:
    """The weight sets as people call them: the first is the rubric's own, 'entropy' the
    entropy weights of the places analysed, any other its file's name (JSON and CSV keep
    the ids)."""
    names = []
    for n, w in enumerate(result.weight_sets):
        if n == 0:
            names.append(t("sens_set_rubric", lang))
        elif w.name == "entropy":
            names.append(t("sens_set_entropy", lang))
        else:
            names.append(w.name)
    return names


def _index_text(value: float | None, lang: str) -> str:
    return t("sens_not_varied", lang) if value is None else f"{value:.2f}"


def method_text(result: SensitivityResult, rubric: Rubric, lang: str = "en") -> str:
    """One sentence saying what each sample draws (from the settings that were used)."""
    settings = result.settings
    if result.weight_sets:
        sets = join_list(set_names(result, lang), lang)
        if settings.concentration is None:
            weights = t("sens_weights_sets_fixed", lang).format(sets=sets)
        else:
            weights = t("sens_weights_sets", lang).format(
                sets=sets, c=f"{settings.concentration:g}"
            )
    elif settings.concentration is None:
        weights = t("sens_weights_fixed", lang)
    else:
        weights = t("sens_weights_dirichlet", lang).format(c=f"{settings.concentration:g}")
    if settings.impute_unknown:
        low = rubric.scale.min if settings.impute_min is None else settings.impute_min
        high = rubric.scale.max if settings.impute_max is None else settings.impute_max
        unknowns = t("sens_imputed", lang).format(low=low, high=high)
    else:
        unknowns = t("sens_left_out", lang)
    names = [t(name, lang) for name in dict.fromkeys(settings.aggregations)]
    return t("sens_method", lang).format(
        weights=weights,
        aggregations=" / ".join(names),
        low=share_text(settings.low_shift),
        medium=share_text(settings.medium_shift),
        unknowns=unknowns,
    )


def samples_text(result: SensitivityResult, lang: str = "en") -> str:
    """How many samples, which seed, how many pairs behind the indices."""
    return t("sens_samples", lang).format(
        samples=result.samples, seed=result.seed, pairs=result.index_samples
    )


def render_json(result: SensitivityResult, *, counts: bool = True) -> str:
    """The JSON contract (``sensitivity_data``); ``counts=False`` leaves out the counts at
    every rank (``--no-rank-counts``)."""
    return to_json(sensitivity_data(result, counts=counts))


def render_csv(result: SensitivityResult, lang: str = "en") -> str:
    """One row per place: point and band of the overall score, rank and its probabilities
    (each rank's for up to MAX_RANK_COLUMNS places, else the point rank's), each dimension's
    band, and each source's index."""
    each_rank = len(result.places) <= MAX_RANK_COLUMNS
    dims = list(result.places[0].dimensions) if result.places else []
    header = ["rank", "id", "name", "overall", "p5", "median", "p95", "min", "max"]
    header += ["rank_median", "rank_min", "rank_max"]
    if each_rank:
        header += [f"p_rank_{r}" for r in range(1, result.sample_ranks + 1)]
    else:
        header.append("p_point_rank")
    for d in dims:
        header += [f"{d}", f"{d}_p5", f"{d}_median", f"{d}_p95"]
    header += [f"index_{s}" for s in SOURCES]
    header += [f"rank_under_{n}" for n in range(1, len(result.weight_sets) + 1)]
    rows = []
    for place in result.places:
        overall, rank = place.overall, place.rank
        point = None if rank is None else rank.point
        row: list[Any] = [point, place.id, localized(place, "name", lang)]
        row += _band_cells(overall, full=True)
        if rank is None:  # ranked nowhere: its rank cells are empty
            row += [None] * (3 + (result.sample_ranks if each_rank else 1))
        else:
            row += [rank.median, rank.min, rank.max]
            wanted = range(1, result.sample_ranks + 1) if each_rank else [rank.point]
            row += [round(rank.probability(r), 4) for r in wanted]
        for d in dims:
            row += _band_cells(place.dimensions[d], full=False)
        row += [rnd(place.index[s], 4) for s in SOURCES]
        row += [w.rank[place.id] for w in result.weight_sets]
        rows.append(row)
    return to_csv(header, rows)


def _band_cells(band: Band | None, *, full: bool) -> list[Any]:
    if band is None:
        return [None] * (6 if full else 4)
    cells = [rnd(band.point), rnd(band.p5), rnd(band.median), rnd(band.p95)]
    return cells + ([rnd(band.min), rnd(band.max)] if full else [])


def _tables(
    result: SensitivityResult, rubric: Rubric, lang: str, top: int | None = None
) -> list[tuple[str, list[str], list[list[str]], str]]:
    """(title, header, rows, alignment) of the ranking, dimension and index tables; the
    tables of one row per place show the best ``top`` of them (None: all)."""
    everyone = result.places
    places = everyone[:top] if top is not None else everyone
    each_rank = len(everyone) <= MAX_RANK_COLUMNS
    header = ["#", t("city", lang), t("sens_score", lang), t("sens_median", lang)]
    header.append(t("sens_rank", lang))
    if each_rank:
        header += [t("sens_p_rank", lang).format(rank=r) for r in range(1, result.sample_ranks + 1)]
    else:
        header.append(t("sens_p_point_rank", lang))
    rows = []
    for place in places:
        median = "" if place.overall is None else f"{place.overall.median:.1f}"
        rank = place.rank
        row = ["—" if rank is None else str(rank.point), localized(place, "name", lang)]
        row += [band_text(place.overall, lang), median, rank_text(rank, lang)]
        if rank is None:
            row += [""] * (result.sample_ranks if each_rank else 1)
        else:
            wanted = range(1, result.sample_ranks + 1) if each_rank else [rank.point]
            row += [share_text(rank.probability(r)) for r in wanted]
        rows.append(row)
    ranking = (t("sens_title", lang), header, rows, "rlrrr" + "r" * (len(header) - 5))

    dim_header = [t("city", lang)] + [localized(d, "name", lang) for d in rubric.dimensions]
    dim_rows = [
        [localized(p, "name", lang)]
        + [band_text(p.dimensions[d.id], lang) for d in rubric.dimensions]
        for p in places
    ]
    dimensions = (t("sens_dimensions", lang), dim_header, dim_rows, "l" + "r" * len(dim_rows[0]))

    per_place = len(everyone) <= MAX_RANK_COLUMNS
    index_header = [t("sens_source", lang), t("sens_all_places", lang)]
    if per_place:
        index_header += [localized(p, "name", lang) for p in places]
    index_rows = []
    for source in SOURCES:
        row = [_source_name(source, lang), _index_text(result.index[source], lang)]
        if per_place:
            row += [
                _index_text(p.index[source], lang) if source in result.sources else ""
                for p in places
            ]
        index_rows.append(row)
    index = (t("sens_index", lang), index_header, index_rows, "l" + "r" * len(index_header))
    if not result.weight_sets:
        return [ranking, dimensions, index]
    sets_header = [t("city", lang)]
    sets_header += [f"{n}. {name}" for n, name in enumerate(set_names(result, lang), 1)]
    sets_header.append(t("sens_rank_range", lang))
    sets_rows = []
    for p in places:
        cells = [localized(p, "name", lang)]
        for w in result.weight_sets:
            score = w.overall[p.id]
            place_rank = w.rank[p.id]
            cells.append("—" if score is None else f"{score:.1f}" + paren(f"#{place_rank}", lang))
        spread = result.rank_spread(p.id)
        best, worst = spread or (0, 0)
        cells.append(
            "—" if spread is None else str(best) if best == worst else span(best, worst, lang)
        )
        sets_rows.append(cells)
    sets = (
        t("sens_weight_sets", lang),
        sets_header,
        sets_rows,
        "l" + "r" * (len(sets_header) - 1),
    )
    return [ranking, dimensions, index, sets]


def left_out_text(result: SensitivityResult, top: int | None, lang: str) -> str:
    """What the tables leave out when they show the best ``top`` places only ('' if none)."""
    rest = len(result.places) - top if top is not None else 0
    if rest <= 0:
        return ""
    return t("sens_places_left_out", lang).format(top=top, n=len(result.places), rest=rest)


def _unranked(result: SensitivityResult, lang: str, top: int | None) -> list[str]:
    """The caption of the "—" of a place ranked nowhere, if the ranking (its best ``top``
    places) shows one."""
    shown = result.places[:top] if top is not None else result.places
    points = [None if p.rank is None else p.rank.point for p in shown]
    return [t("unranked_unknown", lang)] if len(result.places) > 1 and None in points else []


def render_markdown(
    result: SensitivityResult, rubric: Rubric, lang: str = "en", *, top: int | None = None
) -> str:
    """Three tables (ranking with bands, dimension bands, indices) and the method; the
    tables of one row per place show the best ``top`` places (None: all)."""
    title = t("sens_title", lang)
    out = [
        f"# {title}\n",
        f"{label(t('rubric', lang), lang)}{md_cell(localized(rubric, 'name', lang))}"
        f"{paren(f'{md_cell(rubric.id)} {md_cell(rubric.version)}', lang)}\n",
    ]
    left_out = left_out_text(result, top, lang)
    for n, (heading, header, rows, align) in enumerate(_tables(result, rubric, lang, top)):
        if n:
            out.append(f"## {heading}\n")
        out.append(md_table(header, rows, align[: len(header)]))
        if left_out and heading != t("sens_index", lang):
            out.append(f"*{md_cell(left_out)}*\n")
        out += [md_cell(note) + "\n" for note in _unranked(result, lang, top) if n == 0]
    out.append(t("sens_index_note", lang) + "\n")
    out.append(method_text(result, rubric, lang) + " " + samples_text(result, lang) + "\n")
    return "\n".join(out)


def render_table(
    result: SensitivityResult,
    rubric: Rubric,
    lang: str = "en",
    *,
    color: bool = False,
    width: int | None = None,
    top: int | None = None,
) -> str:
    """Tables for the terminal, then the method in a sentence. The bands and ranks are
    never split; narrower than a table, its columns go to a second one (the place
    repeated). The tables of one row per place show the best ``top`` places (None: all),
    and say how many more there are and how to see them."""
    from rich.console import Group

    from policebench.render.terminal import Column, Grid, paragraph, resolve_width, table

    w = resolve_width(width)
    shown = result.places[:top] if top is not None else result.places
    names = [localized(p, "name", lang) for p in shown]
    left_out = left_out_text(result, top, lang)
    parts: list[Any] = []
    for n, (heading, header, rows, align) in enumerate(_tables(result, rubric, lang, top)):
        keys = 2 if n == 0 else 1  # rank and place; place; source
        columns = [
            Column(h, "right" if align[c] == "r" else "left", key=c < keys)
            for c, h in enumerate(header)
        ]
        grid = Grid(columns, [list(r) for r in rows], title=heading, keep=names)
        parts += table(grid, width=w, lang=lang, color=color)
        if left_out and heading != t("sens_index", lang):
            parts.append(paragraph(left_out, w))
        parts += [paragraph(note, w) for note in _unranked(result, lang, top) if n == 0]
    parts.append(paragraph(t("sens_index_note", lang), w))
    joiner = "" if lang == "zh" else " "
    method = method_text(result, rubric, lang) + joiner + samples_text(result, lang)
    parts.append(paragraph(method, w))
    return rich_to_text(Group(*parts), color=color, width=w)
