"""score, compare and gaps as workbooks: numbers as numbers, frozen and filtered headers,
the heatmap as conditional formatting, Chinese headers under --lang zh, a sheet per table."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.i18n import t


def _run(runner: CliRunner, folder: Path, *args: str) -> tuple[Any, Any]:
    """The workbook a command writes with -o x.xlsx, and its JSON output."""
    out = folder / "x.xlsx"
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = runner.invoke(app, [*args, "--format", "json"]).stdout
    wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    out.unlink()
    return wb, json.loads(data)


def _rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def _heat(ws: Any) -> set[str]:
    """The ranges coloured by a colour scale."""
    return {
        str(cf.sqref)
        for cf in ws.conditional_formatting
        if any(rule.type == "colorScale" for rule in cf.rules)
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_score(runner: CliRunner, tmp_path: Path, lang: str) -> None:
    wb, data = _run(runner, tmp_path, "score", "--lang", lang)
    (ws,) = wb.worksheets
    assert ws.title == t("xlsx_sheet_scores", lang)
    header, *rows = _rows(ws)
    assert header[:5] == [t(k, lang) for k in ("rank", "xlsx_id", "city", "assessed", "overall")]
    if lang == "zh":
        assert "统筹规划" in header and "综合得分" in header
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:M{len(rows) + 1}"
    places = data["cities"] if "cities" in data else data["places"]
    by_id = {p["id"]: p for p in places}
    for row in rows:
        place = by_id[row[1]]
        assert row[4] == place["overall"] and isinstance(row[4], int | float)
        assert isinstance(row[0], int)
    for cells in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        assert cells[0].data_type == "n" and cells[0].number_format == "0.0"
    assert ws.cell(2, 7).number_format == "0%"
    assert _heat(ws) == {f"{c}2:{c}{len(rows) + 1}" for c in ("E", "I", "J", "K", "L", "M")}


def test_compare_has_a_sheet_per_table(runner: CliRunner, tmp_path: Path) -> None:
    wb, data = _run(runner, tmp_path, "compare", "--lang", "zh")
    assert wb.sheetnames == ["地区得分", "各指标等级"]
    places, levels = wb.worksheets
    header, *rows, blank, note = _rows(levels)
    # Under the table, after an empty row and outside its filter: what blank and ※ mean.
    assert blank == [None] * len(header)
    assert note[0] == "空白 = 未知（档案中没有等级）；※ = 无证据的等级（主观判断）。"
    assert levels.auto_filter.ref.endswith(str(len(rows) + 1))
    assert header[:3] == ["指标", "标识", "维度"]
    assert header[3:] == [p["name"] for p in data["places"]]
    expected = {
        r["indicator"]: {c["place"]: c["level"] for c in r["levels"]} for r in data["heatmap"]
    }
    ids = [p["id"] for p in data["places"]]
    for row in rows:
        assert row[3:] == [expected[row[1]].get(i) for i in ids]
    assert all(isinstance(v, int) for row in rows for v in row[3:] if v is not None)
    assert _heat(levels) and _heat(places)
    assert levels.freeze_panes == "B2"


def test_gaps_has_gaps_unknowns_and_subtotals(runner: CliRunner, tmp_path: Path) -> None:
    wb, data = _run(runner, tmp_path, "gaps", "j-city")
    assert wb.sheetnames == [t("gaps", "en"), t("unknown_levels", "en"), t("subtotals", "en")]
    _, *gaps, blank, about, peers, dates, note = _rows(wb.worksheets[0])
    assert [(r[0], r[5], r[6]) for r in gaps] == [
        (g["indicator"], g["gap"], g["impact"]) for g in data["gaps"]
    ]
    # Circulated alone, the sheet still says whose gaps these are and against whom.
    assert blank == [None] * len(blank)
    assert about[0] == "Gap analysis · J City · Measured against: Frontier · Assessed: 2026-11-24"
    assert peers[0] == data["peers"]["text"] and "Hangzhou" in peers[0]
    assert dates[0] == data["peers"]["dates"] and "Hangzhou 2021-10-18" in dates[0]
    assert note[0] == data["targets"]["note"] and "the peers' best" in note[0]
    ws = wb.worksheets[0]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    _, *unknown = _rows(wb.worksheets[1])
    assert [r[0] for r in unknown] == [u["indicator"] for u in data["unknown"]]
    _, *subtotals = _rows(wb.worksheets[2])
    assert [r[1:4] for r in subtotals] == [
        [s["open"], s["levels"], s["impact"]] for s in data["subtotals"]
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_level_without_evidence_is_marked_in_every_compare_format(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    """An opinion is never shown as a fact: "4※" (zh) / "4†" (en) in the terminal, Markdown,
    the HTML heatmap and the workbook (there a number, its mark in its number format)."""
    import yaml

    from policebench.workspace import bundled

    data = yaml.safe_load((bundled("cities") / "qingdao.yaml").read_text(encoding="utf-8"))
    data.update(id="op-city", name="Op City", name_zh="意见市")
    data["indicators"]["storage-compute"] = {"level": 4, "confidence": "high"}
    path = tmp_path / "op-city.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    args = ["compare", str(bundled("cities") / "j-city.yaml"), str(path), "--lang", lang]
    mark = "※" if lang == "zh" else "†"
    for fmt in ("table", "markdown", "html"):
        out = runner.invoke(app, [*args, "--format", fmt]).stdout
        assert f"4{mark}" in out, fmt
        assert out.count(f"{mark}") >= 2  # the level and the legend saying what it means
    wb, _ = _run(runner, tmp_path, *args)
    levels = wb.worksheets[1]
    (cell,) = [row[3] for row in levels.iter_rows(min_row=2) if row[1].value == "storage-compute"]
    assert cell.value == 4 and cell.number_format == f'0"{mark}"'


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_comparison_of_one_place_ranks_and_leads_nothing(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    # "仅一个地区，无排名" above a "1" and a ★ in every dimension contradicted itself.
    out = runner.invoke(
        app, ["compare", "j-city", "--peers", "none", "--lang", "zh", "--format", fmt]
    ).stdout
    assert "仅一个地区，无排名" in out
    assert " ★ |" not in out and 'class="leader"' not in out and "0 ★" not in out
    ranked = {"table": "│ — │ J市", "markdown": "| — | J市 |", "html": '<td class="num">—</td>'}
    assert ranked[fmt] in out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_recommend_has_the_roadmap_what_is_blocked_and_the_peers(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    wb, data = _run(runner, tmp_path, "recommend", "j-city", "--lang", lang)
    assert wb.sheetnames == [t("xlsx_sheet_roadmap", lang), t("blocked", lang), t("lessons", lang)]
    header, *rows = _rows(wb.worksheets[0])
    assert header[-2:] == [t("xlsx_owner", lang), t("xlsx_due", lang)]  # for the bureau
    actions = [(p["phase"], a) for p in data["roadmap"]["phases"] for a in p["actions"]]
    roadmap, (blank, about, *context) = rows[: len(actions)], rows[len(actions) :]
    assert [(r[0], r[1], r[4], r[8], r[9]) for r in roadmap] == [
        (n, a["indicator"], a["level"], a["impact"], a["priority"]) for n, a in actions
    ]
    assert all(isinstance(r[0], int) and isinstance(r[8], float) for r in roadmap)
    assert all(r[-2:] == [None, None] for r in roadmap)
    assert blank == [None] * len(blank)
    assert about[0].startswith(t("recommend_title", lang) + " · ")
    assert context[0][0] == data["peers"]["text"]  # names its peers when circulated alone
    _, *blocked = _rows(wb.worksheets[1])
    assert [(r[0], r[4]) for r in blocked[: len(data["roadmap"]["blocked"])]] == [
        (b["indicator"], b["reason"]) for b in data["roadmap"]["blocked"]
    ]
    _, *lessons = _rows(wb.worksheets[2])
    expected = [
        (lesson["indicator"], peer["name"], peer["level"])
        for lesson in data["lessons"]
        for peer in lesson["peers"]
    ]
    assert [(r[0], r[3], r[4]) for r in lessons if r[4] is not None] == expected
    reached = {lesson["indicator"] for lesson in data["lessons"] if lesson["peers"]}
    nobody = [r for r in lessons if r[4] is None]
    assert nobody and all(r[3] == t("no_peer", lang) and r[0] not in reached for r in nobody)
    cited = next(r for r in lessons if r[7])
    assert "http" in cited[7]


def test_a_row_is_as_tall_as_its_longest_wrapped_text(runner: CliRunner, tmp_path: Path) -> None:
    """Excel, WPS and LibreOffice do not fit rows to wrapped text on opening: each row is
    given the lines its longest cell needs, and the cells of a taller row read from the top."""
    from policebench.render.sheets import _lines

    assert _lines("abc", 10) == 1 and _lines("a" * 11, 10) == 2
    assert _lines("统筹规划统筹", 10) == 2  # a Chinese character is two widths
    assert _lines("一\n二\n三", 10) == 3
    wb, _ = _run(runner, tmp_path, "recommend", "j-city", "--lang", "zh")
    ws = wb.worksheets[2]
    evidence = 7
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row):
        texts = [c for c in row if isinstance(c.value, str)]
        width = ws.column_dimensions["G"].width
        needed = _lines(row[evidence - 1].value or "", width)
        height = ws.row_dimensions[row[0].row].height
        if max((_lines(c.value, ws.column_dimensions[c.column_letter].width) for c in texts),
               default=1) > 1:  # fmt: skip
            assert height is not None and height >= needed * 15
            assert all(c.alignment.vertical == "top" for c in row if c.value is not None)
        else:
            assert height is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_evidence_has_the_sources_to_check_the_levels_and_the_quality(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    wb, data = _run(runner, tmp_path, "evidence", "@bundled", "--lang", lang)
    assert wb.sheetnames == [
        t("ev_sources", lang),
        t("xlsx_sheet_ev_levels", lang),
        t("ev_quality", lang),
    ]
    header, *rows = _rows(wb.worksheets[0])
    assert header[-1] == t("xlsx_checked", lang)  # for the reviewer
    sources = rows[: len(data["sources"])]
    assert [(r[0], r[2], r[6], r[7]) for r in sources] == [
        (n, s["url"], s["age_years"], len(s["supports"])) for n, s in enumerate(data["sources"], 1)
    ]
    assert all(r[-1] is None for r in sources)
    dated = next(r for r in sources if r[4] is not None)
    assert dated[4].year >= 2000  # a date, sortable, not text
    # One row per known level and source it cites (none: one row, empty source columns).
    _, *levels = _rows(wb.worksheets[1])
    known = [lv for lv in data["levels"] if lv["level"] is not None]
    assert len(levels) == sum(max(1, len(lv["sources"])) for lv in known)
    assert {(r[1], r[3]) for r in levels} == {(lv["indicator"], lv["level"]) for lv in known}
    _, *quality = _rows(wb.worksheets[2])
    assert [r[1] for r in quality[: len(data["places"])]] == [
        q["known"] for q in data["places"].values()
    ]
    first = next(iter(data["places"].values()))
    assert quality[0][2] == round(first["by_reliability"]["primary"] / first["known"], 4)


def test_trend_has_the_assessments_and_the_moves(runner: CliRunner, tmp_path: Path) -> None:
    history = Path(__file__).resolve().parents[1] / "fixtures" / "history"
    wb, data = _run(runner, tmp_path, "trend", "demo-county", str(history), "--lang", "zh")
    assert wb.sheetnames == [t("xlsx_sheet_assessments", "zh"), t("indicator_moves", "zh")]
    ws = wb.worksheets[0]
    header, *rows = _rows(ws)
    runs = data["assessments"]
    assert [(r[0].date().isoformat(), r[1], r[2]) for r in rows[: len(runs)]] == [
        (a["assessed"], a["overall"], a["overall_change"]) for a in runs
    ]
    assert rows[1][3] == data["steps"][0]["like_for_like"]  # a change only like for like
    assert ws.cell(3, 3).number_format == "+0.0;-0.0;0.0"  # a change shows its sign
    assert "统筹规划：变化" in header
    notes = [r[0] for r in rows[len(runs) + 1 :]]
    assert notes[0].startswith("评估历史 · ") and "同口径变化为" in notes[1]
    _, *moves = _rows(wb.worksheets[1])
    expected = [(m["id"], m["from"], m["to"]) for s in data["steps"] for m in s["indicators"]]
    assert [(r[2], r[4], r[5]) for r in moves] == expected
    assert {r[6] for r in moves} <= {"上升", "下降", "新增已知", "变为未知"}


def test_sensitivity_has_every_place_its_bands_ranks_and_indices(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = ("sensitivity", "--samples", "500", "--weights", "entropy", "--top", "2")
    wb, data = _run(runner, tmp_path, *args, "--lang", "zh")
    assert wb.sheetnames == [
        t("sens_title", "zh"),
        t("sens_dimensions", "zh"),
        t("xlsx_sheet_index", "zh"),
    ]
    header, *rows = _rows(wb.worksheets[0])
    places = data["places"]
    assert len([r for r in rows if r[1]]) == len(places)  # every place, whatever --top says
    for row, place in zip(rows, places, strict=False):
        assert row[1] == place["id"]
        assert (row[3], row[4], row[6]) == tuple(
            place["overall"][k] for k in ("point", "p5", "p95")
        )
        rank = place["rank"]
        counts = {rank["min"] + k: n for k, n in enumerate(rank["counts"])}
        assert row[12:16] == [counts.get(r, 0) / data["samples"] for r in range(1, 5)]
    # the fractions read as percentages, "<1%" for one that rounds to 0% but happened
    shown = {wb.worksheets[0].cell(row=2, column=c).number_format for c in range(13, 17)}
    assert shown == {'[=0]0%;[<0.005]"<1%";0%'}
    assert header[-2:] == ["排名：评估框架权重", "排名：熵权法权重"]
    _, *index = _rows(wb.worksheets[2])
    assert index[0][1] == "全部地区" and index[0][2] == data["index"]["weights"]
