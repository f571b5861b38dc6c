"""Bad workbooks end with a clear message at their cell (or file) and exit 2; nothing is
computed, nothing is written; what is too big is refused before openpyxl opens it."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.errors import InvalidInput
from policebench.models import Profile, Rubric
from policebench.readers import workbook as reader
from policebench.render.workbook import render_workbook

SHA = "a" * 64


def _problems(path: Path, rubric: Rubric) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        reader.read_workbook(path, path.name, rubric, SHA)
    return [f"{p.code} {p}" for p in caught.value.problems]


@pytest.fixture
def made(tmp_path: Path, rubric: Rubric, profiles: dict[str, Profile]) -> Path:
    path = tmp_path / "j.xlsx"
    path.write_bytes(render_workbook(profiles["j-city"], rubric, SHA, "en"))
    return path


def _edit(path: Path, change: Callable[[Any], Any]) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb["Indicators"])
    wb.save(path)


def test_the_workbook_as_made_reads_back(made: Path, rubric: Rubric, profiles: dict) -> None:
    profile, warnings = reader.read_workbook(made, made.name, rubric, SHA)
    assert profile.indicators["data-sharing"] == profiles["j-city"].indicators["data-sharing"]
    assert all(p.severity == "warning" for p in warnings)


def test_levels_typed_another_way_are_read_with_a_warning(made: Path, rubric: Rubric) -> None:
    def change(ws: Any) -> None:
        ws.cell(2, 11).value = "3级"
        ws.cell(3, 11).value = "三"
        ws.cell(4, 11).value = 2.0  # a number as Excel stores it

    _edit(made, change)
    assert [c.value for c in openpyxl.load_workbook(made)["Indicators"][1]][10] == "Level"
    profile, warnings = reader.read_workbook(made, made.name, rubric, SHA)
    levels = [profile.indicators[i].level for i in list(rubric.indicators)[:3]]
    assert levels == [3, 3, 2]
    shown = [str(w) for w in warnings]
    assert (
        "j.xlsx!Indicators!K2: warning: 'Level' is '3级' (a level written the Chinese way), "
        "read as 3 (hint: pick it from the cell's drop-down list instead)" in shown
    )
    assert any(s.startswith("j.xlsx!Indicators!K3: warning: 'Level' is '三'") for s in shown)


def test_every_problem_at_its_cell_at_once(made: Path, rubric: Rubric) -> None:
    def change(ws: Any) -> None:
        ws.cell(4, 11).value = 9
        ws.cell(5, 1).value = "top-level-desing"
        ws.cell(6, 14).value = "=1+1"
        ws.merge_cells("N8:O8")

    _edit(made, change)
    found = _problems(made, rubric)
    assert found == [
        "workbook-missing-row j.xlsx!Indicators: 1 indicator of the rubric has no row: "
        "policing-reform (hint: do not delete rows; copy them back from a new workbook "
        "(policebench export))",
        "level-range j.xlsx!Indicators!K4: level 9 is outside the scale 0..4 (hint: choose a "
        "level from 0 to 4 in the cell's drop-down list; leave it empty if unknown)",
        "workbook-id j.xlsx!Indicators!A5: unknown indicator id 'top-level-desing' (not in "
        "rubric 'smart-policing') (hint: rows follow the rubric's order: this row is "
        "'policing-reform', whose id is missing; restore it (ids link each row to the rubric))",
        "workbook-formula j.xlsx!Indicators!N6: a formula; policebench reads values, not "
        "formulas (it never computes them) (hint: type the value itself (copy the cell, then "
        "Paste Special, Values))",
        "workbook-merged j.xlsx!Indicators!N8: merged cells N8:O8; every row and column must "
        "stay separate (hint: unmerge them (Home, Merge, Unmerge Cells / 取消合并) and fill "
        "each cell)",
    ]


@pytest.fixture
def made_zh(tmp_path: Path, rubric: Rubric, profiles: dict[str, Profile]) -> Path:
    path = tmp_path / "j.xlsx"
    path.write_bytes(render_workbook(profiles["j-city"], rubric, SHA, "zh"))
    return path


def test_a_source_with_only_its_chinese_title_reads(made_zh: Path, rubric: Rubric) -> None:
    """The 中文标题 column filled and 标题 left empty: the source's title is the Chinese."""
    wb = openpyxl.load_workbook(made_zh)
    ws = wb["指标"]
    header = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, header["来源1：标题"]).value)
    ws.cell(row, header["来源1：标题"]).value = None
    ws.cell(row, header["来源1：中文标题"]).value = "某市公安局工作报告"
    wb.save(made_zh)
    profile, _ = reader.read_workbook(made_zh, made_zh.name, rubric, SHA)
    entry = profile.indicators[ws.cell(row, 1).value]
    assert entry.sources[0].title == entry.sources[0].title_zh == "某市公安局工作报告"


def test_a_chinese_workbook_of_an_earlier_release_still_reads(
    made_zh: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    """Workbooks sent out before the id column was called 指标标识 said 指标编号."""
    wb = openpyxl.load_workbook(made_zh)
    (cell,) = [c for c in wb["指标"][1] if c.value == "指标标识"]
    cell.value = "指标编号"
    wb.save(made_zh)
    profile, _ = reader.read_workbook(made_zh, made_zh.name, rubric, SHA)
    assert profile.indicators == profiles["j-city"].indicators


def test_a_level_outside_the_scale_comes_with_the_mistakes_that_stop_the_profile(
    made: Path, rubric: Rubric
) -> None:
    """A date that is no date stops the profile's model; the level 9 beside it is reported
    in the same import, not on the next one."""
    wb = openpyxl.load_workbook(made)
    place = wb[wb.sheetnames[2]]
    (row,) = [r for r in range(1, place.max_row + 1) if place.cell(r, 1).value == "assessed"]
    place.cell(row, 3).value = "yesterday"
    wb["Indicators"].cell(4, 11).value = 9
    wb.save(made)
    found = _problems(made, rubric)
    assert [f.split(":")[0] for f in found] == [
        f"not-a-date j.xlsx!{place.title}!C{row}",
        "level-range j.xlsx!Indicators!K4",
    ]


def test_a_level_typed_as_text_outside_the_scale_and_a_day_that_does_not_exist(
    made: Path, rubric: Rubric
) -> None:
    """The walk-through's case: '5' typed as text beside a date of 2026-02-30. The 5 was
    read as 5 and said to be so, not checked against the scale until the date was fixed;
    the date was told to be written YYYY-MM-DD, which it was."""
    wb = openpyxl.load_workbook(made)
    place = wb[wb.sheetnames[2]]
    (row,) = [r for r in range(1, place.max_row + 1) if place.cell(r, 1).value == "assessed"]
    place.cell(row, 3).value = "2026-02-30"
    wb["Indicators"].cell(4, 11).value = "5"
    wb.save(made)
    found = _problems(made, rubric)
    assert [f.split(":")[0] for f in found] == [
        f"not-a-date j.xlsx!{place.title}!C{row}",
        "level-range j.xlsx!Indicators!K4",
    ]
    assert "cannot read the date '2026-02-30': month 2 of 2026 has no day 30" in found[0]
    assert "(hint: give a day that exists, as YYYY-MM-DD)" in found[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_required_cell_is_named_by_its_header_not_as_a_yaml_key(
    tmp_path: Path, rubric: Rubric, profiles: dict[str, Profile], lang: str
) -> None:
    """A source with its address but no title (in neither language): "missing required key
    'title' (hint: add 'title:' here)" is YAML; the planner reads the column's header and
    fills the cell."""
    path = tmp_path / "j.xlsx"
    path.write_bytes(render_workbook(profiles["j-city"], rubric, SHA, lang))
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[3]]
    headers = [c.value for c in ws[1]]
    title = next(n for n, h in enumerate(headers, 1) if str(h).startswith(("Source 1", "来源1")))
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, title).value)
    ws.cell(row, title).value = None
    assert "Chinese" in headers[title] or "中文" in headers[title]
    ws.cell(row, title + 1).value = None
    wb.save(path)
    (found,) = [p for p in _raised(path, rubric) if p.code == "missing-key"]
    assert found.cell == f"{ws.title}!{reader.cell_name(row, title)}"
    assert found.render(lang, code=False).endswith(
        f"'{headers[title - 1]}' is required but empty (hint: fill in this cell)"
        if lang == "en"
        else f"'{headers[title - 1]}' 为必填项，但未填写（提示：请填写此单元格）"
    )


def test_a_word_outside_a_drop_down(made: Path, rubric: Rubric) -> None:
    _edit(made, lambda ws: setattr(ws.cell(9, 13), "value", "very"))
    (found,) = _problems(made, rubric)
    # The cell is named by its header and the choices are its drop-down's words.
    assert found.endswith(
        "j.xlsx!Indicators!M9: 'Confidence' is 'very', expected one of 'high', 'medium' or 'low' "
        "(hint: choose one from the cell's drop-down list)"
    )


def test_a_level_without_confidence_points_at_the_confidence_cell(
    made: Path, rubric: Rubric
) -> None:
    _edit(made, lambda ws: setattr(ws.cell(5, 11), "value", "2 Developing"))  # policing-reform
    # and, as for a YAML profile, the warning that the level has no evidence, at its cell
    assert _problems(made, rubric) == [
        "no-confidence j.xlsx!Indicators!M5: 'policing-reform' has a level but no confidence "
        "(hint: pick the confidence from the cell's drop-down list (high, medium or low))",
        "no-evidence j.xlsx!Indicators!N5: warning: 'policing-reform' has a level but no "
        "evidence; reports show it as an opinion (hint: write the evidence in this cell)",
    ]


def test_deleted_rows_and_columns(made: Path, rubric: Rubric) -> None:
    _edit(made, lambda ws: (ws.delete_rows(3), ws.delete_cols(11)))
    found = _problems(made, rubric)
    assert any("the column 'Level' / '等级' is missing" in f for f in found)
    assert any("has no row: coordination-mechanism" in f for f in found)


def test_a_workbook_not_made_by_policebench(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    (found,) = _problems(path, rubric)
    assert found.startswith("workbook-not-ours other.xlsx: this workbook was not made by ")


def _ole2(path: Path, *streams: str) -> None:
    """An OLE2 compound file's signature and the names of its streams (what .xls, .et and
    password-encrypted OOXML files are; only the signature and names are looked at)."""
    names = b"".join(name.encode("utf-16-le") for name in streams)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + names + b"\0" * 1024)


@pytest.mark.parametrize(
    ("name", "streams", "said"),
    [
        ("old.xls", ("Workbook",), "this is an old-format workbook (.xls, or WPS .et), not .xlsx"),
        ("wps.et", ("Workbook",), "this is an old-format workbook (.xls, or WPS .et), not .xlsx"),
        (
            "locked.xlsx",
            ("EncryptionInfo", "EncryptedPackage"),
            "the workbook is protected with a password (encrypted); it cannot be read",
        ),
    ],
)
def test_old_formats_and_passwords(
    tmp_path: Path, rubric: Rubric, name: str, streams: tuple[str, ...], said: str
) -> None:
    path = tmp_path / name
    _ole2(path, *streams)
    (found,) = _problems(path, rubric)
    assert found.startswith(f"workbook-format {name}: {said} (hint: ")


def test_a_workbook_encrypted_with_a_password(made: Path, tmp_path: Path, rubric: Rubric) -> None:
    """Encrypted as Excel and WPS do it (ECMA-376 agile encryption), by msoffcrypto-tool."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    locked = tmp_path / "locked.xlsx"
    with made.open("rb") as plain, locked.open("wb") as out:
        ooxml.OOXMLFile(plain).encrypt("secret", out)
    (found,) = _problems(locked, rubric)
    assert found.startswith(
        "workbook-format locked.xlsx: the workbook is protected with a password (encrypted); "
        "it cannot be read (hint: open it in Excel or WPS, remove the password"
    )


def test_not_a_zip_and_a_zip_that_is_no_workbook(tmp_path: Path, rubric: Rubric) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("id,level\n", encoding="utf-8")
    assert _problems(text, rubric) == [
        "workbook-format notes.xlsx: this is not an .xlsx workbook (hint: save it from Excel "
        "or WPS as Excel Workbook (*.xlsx))"
    ]
    other = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("a.txt", "x")
    (found,) = _problems(other, rubric)
    assert found.startswith("workbook-format photos.xlsx: this zip file is not an .xlsx")


def test_a_profile_or_a_csv_given_to_import_names_the_command_that_reads_it(
    tmp_path: Path, rubric: Rubric
) -> None:
    for name, text, command in [
        ("j-city.yaml", "id: j-city\n", "policebench export j-city.yaml -o FILE.xlsx"),
        ("answers.csv", "respondent,data-sharing\nA,2\n", "policebench survey answers.csv"),
    ]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(InvalidInput) as caught:
            reader.read_workbook(tmp_path / name, name, rubric, SHA)
        (problem,) = caught.value.problems
        assert (problem.code, command in problem.hint) == ("other-command", True), problem


def test_a_workbook_cut_short_is_said_to_be_so_in_the_planner_s_words(
    made: Path, rubric: Rubric
) -> None:
    """A download or a copy that stopped half-way: zipfile's "File is not a zip file" is
    worded, in both languages, with what to do."""
    cut = made.with_name("cut.xlsx")
    cut.write_bytes(made.read_bytes()[:5000])
    with pytest.raises(InvalidInput) as caught:
        reader.read_workbook(cut, cut.name, rubric, SHA)
    (problem,) = caught.value.problems
    assert problem.render("zh") == (
        "cut.xlsx: 工作簿已损坏：文件末尾缺失，常见于下载或复制中途中断"
        "（提示：请重新下载或复制该文件；如果 Excel 或 WPS 仍能打开，请重新另存为 .xlsx） "
        "[workbook-format]"
    )
    assert "zip" not in problem.render("en")


def _package(path: Path, parts: dict[str, bytes], stream: tuple[str, int] | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        for name, body in parts.items():
            z.writestr(name, body)
        if stream is not None:  # a part written in chunks of zeros: a zip bomb
            name, megabytes = stream
            with z.open(name, "w") as part:
                chunk = b"\0" * (1 << 20)
                for _ in range(megabytes):
                    part.write(chunk)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, rubric: Rubric) -> None:
    bomb = tmp_path / "bomb.xlsx"
    _package(bomb, {}, ("xl/worksheets/sheet1.xml", 120))
    assert bomb.stat().st_size < 1_000_000  # 120 MB of zeros, packed to some 100 kB
    (found,) = _problems(bomb, rubric)
    assert found.startswith("workbook-size bomb.xlsx: the workbook unpacks to 120 MB (a zip bomb")
    dense = tmp_path / "dense.xlsx"
    _package(dense, {}, ("xl/worksheets/sheet1.xml", 5))
    (found,) = _problems(dense, rubric)
    assert "part xl/worksheets/sheet1.xml unpacks 1" in found and "a zip bomb?" in found


def test_too_many_cells(tmp_path: Path, rubric: Rubric) -> None:
    rows = b"".join(
        b'<c r="A%d"><v>%d</v></c>' % (n, int.from_bytes(os.urandom(3), "big"))
        for n in range(reader.MAX_CELLS + 10)
    )
    path = tmp_path / "cells.xlsx"
    _package(path, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData>" + rows + b"</sheetData>"})
    (found,) = _problems(path, rubric)
    assert found.startswith("workbook-size cells.xlsx: the workbook has more than 200,000 cells")


def test_a_50_mb_workbook(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "big.xlsx"
    _package(path, {"xl/media/image1.png": os.urandom(50 * 1024 * 1024)})
    assert path.stat().st_size > 50 * 1024 * 1024
    (found,) = _problems(path, rubric)
    assert found.startswith("workbook-size big.xlsx: the workbook is 50.0 MB; a filled ")


def test_a_dtd_is_refused(made: Path, tmp_path: Path, rubric: Rubric) -> None:
    """Entities are how XML bombs ("billion laughs") expand: no part may declare them."""
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(evil, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + body
            dst.writestr(info, body)
    (found,) = _problems(evil, rubric)
    assert found.startswith("workbook-format evil.xlsx: part xl/workbook.xml declares a DTD")


def test_the_cli_exits_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _ole2(tmp_path / "old.xls", "Workbook")
    result = runner.invoke(app, ["import", "old.xls", "-o", "x.yaml"])
    assert result.exit_code == 2
    assert result.stderr.startswith("old.xls: this is an old-format workbook")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.xls"]


def _column(ws: Any, key: str, lang: str = "en") -> int:
    """The column of ``key`` (a FILL_COLUMNS or source key) by its header, as import reads it."""
    from policebench.models.workbook import FILL_COLUMNS, source_headers

    headers = FILL_COLUMNS | source_headers(1)
    wanted = headers[key][1 if lang == "zh" else 0]
    return next(c.column for c in ws[1] if c.value == wanted)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_not_applicable_and_source_dates_are_checked_at_their_cells(
    tmp_path: Path, rubric: Rubric, profiles: dict[str, Profile], lang: str
) -> None:
    path = tmp_path / "j.xlsx"
    path.write_bytes(render_workbook(profiles["j-city"], rubric, SHA, lang))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[3]
    col = {key: _column(ws, key, lang) for key in ("applicable", "reason", "reason_zh")}
    col |= {key: _column(ws, key, lang) for key in ("src1_date", "src1_accessed")}
    ws.cell(2, col["applicable"]).value = "不适用"  # either language's word; it has a level
    ws.cell(2, col["reason"]).value = "Run by the province."
    ws.cell(4, col["src1_date"]).value = dt.date(2024, 6, 1)
    ws.cell(4, col["src1_accessed"]).value = dt.date(2024, 5, 1)
    ws.cell(5, col["applicable"]).value = "not applicable"  # no reason
    wb.save(path)
    sheet = ws.title
    reason = "T" if lang == "zh" else "S"  # the reason to write: in the workbook's language
    assert [(p.code, p.cell, p.severity) for p in _raised(path, rubric)] == [
        ("not-applicable-with-level", f"{sheet}!K2", "error"),
        ("source-accessed-before-date", f"{sheet}!AA4", "warning"),
        ("not-applicable-no-reason", f"{sheet}!{reason}5", "error"),
    ]
    assert [c.value for c in ws[1]][col["reason"] - 1] == (
        "不适用原因（英文）" if lang == "zh" else "Why not applicable"
    )


def _raised(path: Path, rubric: Rubric) -> list[Any]:
    with pytest.raises(InvalidInput) as caught:
        reader.read_workbook(path, path.name, rubric, SHA)
    return caught.value.problems


def test_not_applicable_read_back_and_a_word_outside_the_drop_down(
    made: Path, rubric: Rubric
) -> None:
    wb = openpyxl.load_workbook(made)
    ws = wb["Indicators"]
    applicable, reason_zh = _column(ws, "applicable"), _column(ws, "reason_zh")
    ws.cell(5, applicable).value = "否"  # policing-reform, unknown: typed by hand
    ws.cell(5, reason_zh).value = "由省厅负责。"
    ws.cell(6, applicable).value = True  # TRUE, as a spreadsheet stores it
    wb.save(made)
    profile, _ = reader.read_workbook(made, made.name, rubric, SHA)
    entry = profile.indicators["policing-reform"]
    assert (entry.applicable, entry.reason, entry.reason_zh) == (False, None, "由省厅负责。")
    assert profile.indicators["data-governance"].applicable is True
    ws.cell(5, applicable).value = "maybe"
    wb.save(made)
    assert [str(p) for p in _raised(made, rubric)] == [
        "j.xlsx!Indicators!R5: 'Applicable (blank: yes)' is 'maybe', expected one of "
        "'applicable' or 'not applicable' (hint: choose one from the cell's drop-down list)"
    ]


def test_an_indicator_the_rubric_keeps_applicable(
    tmp_path: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    """``allow_not_applicable: false``: its applicability cell is protected, and marked n/a
    anyway (protection has no password) it is refused at that cell."""
    import copy

    from policebench.readers.yaml import load
    from policebench.workspace import bundled

    data = copy.deepcopy(load(bundled("rubrics") / "smart-policing.yaml")[0].data)
    data["dimensions"][0]["indicators"][0]["allow_not_applicable"] = False
    strict = Rubric.model_validate(data)
    path = tmp_path / "j.xlsx"
    path.write_bytes(render_workbook(profiles["j-city"], strict, SHA, "en"))
    wb = openpyxl.load_workbook(path)
    ws = wb["Indicators"]
    applicable = _column(ws, "applicable")
    assert ws.cell(2, applicable).protection.locked  # top-level-design
    assert not ws.cell(3, applicable).protection.locked
    ws.cell(2, applicable).value = "not applicable"
    ws.cell(2, _column(ws, "reason")).value = "No plan is made here."
    ws.cell(2, 11).value = None  # no level
    ws.cell(2, 13).value = None  # nor confidence
    wb.save(path)
    assert [(p.code, p.cell) for p in _raised(path, strict)] == [
        ("not-applicable-forbidden", "Indicators!R2")
    ]


def test_problems_print_in_chinese_under_lang_zh(
    runner: CliRunner, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language of the command, never English only: a formula at its cell and an .xls,
    with their hints; the code stays the same."""
    monkeypatch.chdir(made.parent)
    _edit(made, lambda ws: setattr(ws.cell(6, 14), "value", "=1+1"))
    result = runner.invoke(app, ["import", "j.xlsx", "-o", "j.yaml", "--lang", "zh"])
    assert result.exit_code == 2
    assert (
        "j.xlsx!Indicators!N6: 这是公式；policebench 只读取数值，不读取公式（也从不计算公式）"
        "（提示：请直接填写数值（复制该单元格，再“选择性粘贴 → 数值”）） [workbook-formula]\n"
    ) in result.stderr
    assert "a formula" not in result.stderr
    _ole2(made.parent / "old.xls", "Workbook")
    result = runner.invoke(app, ["import", "old.xls", "--lang", "zh"])
    assert (result.exit_code, result.stderr) == (
        2,
        "old.xls: 这是旧格式的工作簿（.xls 或 WPS 的 .et），不是 .xlsx（提示：请在 Excel 或 WPS "
        "中打开，另存为“Excel 工作簿（*.xlsx）”，再导入另存的文件） [workbook-format]\n"
        "共 1 个文件中有 1 个错误\n",
    )
    result = runner.invoke(app, ["import", "old.xls", "--lang", "en"])
    assert result.stderr.startswith(
        "old.xls: this is an old-format workbook (.xls, or WPS .et), not .xlsx (hint: open it "
        "in Excel or WPS and Save As Excel Workbook (*.xlsx), then import that file) "
        "[workbook-format]\n"
    )
    assert not (made.parent / "j.yaml").exists()


def test_a_workbook_of_another_rubric_version_in_chinese(
    runner: CliRunner, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(made.parent)
    wb = openpyxl.load_workbook(made)
    wb["_policebench"].cell(3, 2).value = "0.9"
    wb["Indicators"].cell(3, 1).value = "old-indicator"
    wb["Indicators"].cell(4, 1).value = "older-indicator"
    wb.save(made)
    result = runner.invoke(app, ["import", "j.xlsx", "--lang", "zh"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "j.xlsx: 此工作簿是按评估框架 smart-policing 0.9 生成的；当前使用的评估框架是 "
        "smart-policing 1.0（评估框架中已没有的指标：old-indicator、older-indicator；新增的指标："
        "coordination-mechanism、leadership-understanding）（提示：请用 --rubric"
    )


def _reviewed_and_agreed(profile: Profile) -> Profile:
    """``profile`` with a review and one indicator that is several assessors' consensus."""
    from policebench.models import Assessment
    from policebench.models.profile import Review

    agreed = Assessment.model_validate(
        {
            "level": 2,
            "confidence": "medium",
            "evidence": "Two of three assessors saw the platform in use.",
            "sources": [{"title": "Site visit", "reliability": "primary"}],
            "consensus": {
                "assessors": {"alice": 2, "bob": 3, "carol": None},
                "agreement": 1.0,
                "spread": 1,
            },
        }
    )
    return profile.model_copy(
        update={
            "review": Review(status="draft", by="王科长"),
            "indicators": {**profile.indicators, "platform-systematisation": agreed},
        }
    )


def _row(ws: Any, key: str) -> int:
    """The row whose column A is ``key`` (a Place field, an indicator id)."""
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == key)


def _header(ws: Any, key: str, lang: str) -> int:
    from policebench.models.workbook import CONSENSUS_COLUMNS

    wanted = CONSENSUS_COLUMNS[key][1 if lang == "zh" else 0]
    return next(c.column for c in ws[1] if c.value == wanted)


@pytest.fixture(params=["en", "zh"])
def agreed(request: Any, tmp_path: Path, rubric: Rubric, profiles: dict[str, Profile]) -> Path:
    path = tmp_path / f"agreed-{request.param}.xlsx"
    profile = _reviewed_and_agreed(profiles["j-city"])
    path.write_bytes(render_workbook(profile, rubric, SHA, request.param))
    return path


def test_review_and_consensus_are_written_as_made(agreed: Path, rubric: Rubric) -> None:
    lang = "zh" if agreed.stem.endswith("zh") else "en"
    wb = openpyxl.load_workbook(agreed)
    place, sheet = wb.worksheets[2], wb.worksheets[3]
    status = place.cell(_row(place, "review.status"), 3)
    assert status.value == {"en": "draft", "zh": "草稿"}[lang]
    assert not status.protection.locked
    (validation,) = [
        dv for dv in place.data_validations.dataValidation if status.coordinate in dv.sqref
    ]
    lists = wb["_lists"]
    column = validation.formula1.split("!")[1].split(":")[0].strip("$").split("$")[0]
    words = [lists[f"{column}{n}"].value for n in (1, 2, 3)]
    expected = {"en": ["draft", "reviewed", "approved"], "zh": ["草稿", "已审核", "已批准"]}
    assert words == expected[lang]
    row = _row(sheet, "platform-systematisation")
    cell = sheet.cell(row, _header(sheet, "consensus_assessors", lang))
    unknown = {"en": "unknown", "zh": "未知"}[lang]
    assert cell.value == f"alice: 2, bob: 3, carol: {unknown}"
    for key in ("consensus_assessors", "consensus_agreement", "consensus_spread"):
        assert sheet.cell(row, _header(sheet, key, lang)).protection.locked, key
    profile, _ = reader.read_workbook(agreed, agreed.name, rubric, SHA)
    assert profile.review is not None and profile.review.by == "王科长"
    stats = profile.indicators["platform-systematisation"].consensus
    assert stats is not None
    assert (stats.assessors, stats.spread, stats.decided) == (
        {"alice": 2, "bob": 3, "carol": None},
        1,
        "median",
    )


def test_review_words_and_assessors_typed_by_hand(agreed: Path, rubric: Rubric) -> None:
    """Either language's status (also the reports' longer words), and the assessors with
    full-width punctuation, a level by its drop-down label, a name with a comma."""
    lang = "zh" if agreed.stem.endswith("zh") else "en"
    wb = openpyxl.load_workbook(agreed)
    place, sheet = wb.worksheets[2], wb.worksheets[3]
    row = _row(sheet, "platform-systematisation")
    assessors = sheet.cell(row, _header(sheet, "consensus_assessors", lang))
    assessors.value = "alice：2 发展，Zhang, Li: 3; bob: 未知"
    typed = {"approved": "approved", "已审核": "reviewed", "草稿，尚未审核": "draft"}
    for word, status in typed.items():
        place.cell(_row(place, "review.status"), 3).value = word
        wb.save(agreed)
        profile, _ = reader.read_workbook(agreed, agreed.name, rubric, SHA)
        assert profile.review is not None
        assert profile.review.status == status
        stats = profile.indicators["platform-systematisation"].consensus
        assert stats is not None
        assert stats.assessors == {"alice": 2, "Zhang, Li": 3, "bob": None}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_status_and_bad_consensus_cells_at_their_cells(
    runner: CliRunner,
    tmp_path: Path,
    rubric: Rubric,
    profiles: dict[str, Profile],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    from policebench.render.profile_yaml import render_profile

    monkeypatch.chdir(tmp_path)
    profile = _reviewed_and_agreed(profiles["j-city"])
    (tmp_path / "a.yaml").write_text(render_profile(profile, rubric), encoding="utf-8")
    result = runner.invoke(app, ["export", "a.yaml", "--lang", lang, "-o", "a.xlsx"])
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(tmp_path / "a.xlsx")
    place, sheet = wb.worksheets[2], wb.worksheets[3]
    status_row = _row(place, "review.status")
    place.cell(status_row, 3).value = {"en": "signed off", "zh": "已签发"}[lang]
    row = _row(sheet, "platform-systematisation")
    assessors = _header(sheet, "consensus_assessors", lang)
    sheet.cell(row, assessors).value = "alice=2, bob=3"
    sheet.cell(row + 1, assessors).value = "alice: 2, alice: 3"  # a row without consensus
    sheet.cell(row + 1, _header(sheet, "consensus_spread", lang)).value = 1
    wb.save(tmp_path / "a.xlsx")
    result = runner.invoke(app, ["import", "a.xlsx", "-o", "b.yaml", "--lang", lang])
    assert result.exit_code == 2
    from openpyxl.utils import get_column_letter

    at = f"a.xlsx!{sheet.title}!{get_column_letter(assessors)}"
    said = {
        "en": [
            f"a.xlsx!{place.title}!C{status_row}: 'Review status' is 'signed off', expected one "
            "of 'draft', 'reviewed' or 'approved' (hint: choose one from the cell's drop-down "
            "list) [not-one-of]",
            f"{at}{row}: 'alice=2, bob=3' is not a list of assessor: level (hint: write it as "
            "alice: 2, bob: 3, carol: unknown (a name with a colon in double quotes); "
            "policebench consensus writes these cells) [workbook-consensus]",
            f"{at}{row + 1}: assessor 'alice' is listed twice (hint: list each assessor once) "
            "[workbook-consensus]",
            "3 errors in 1 file",
        ],
        "zh": [
            f"a.xlsx!{place.title}!C{status_row}: '审核状态' 为 '已签发'，应为以下之一："
            "'草稿'、'已审核' 或 '已批准'（提示：请从单元格的下拉列表中选择） [not-one-of]",
            f"{at}{row}: 'alice=2, bob=3' 不是“评估人: 等级”的列表（提示：请写作 张三: 2, "
            "李四: 3, 王五: 未知（姓名中有冒号的，请用英文双引号括起来）；这些单元格由 policebench "
            "consensus 填写） [workbook-consensus]",
            f"{at}{row + 1}: 评估人 'alice' 重复列出（提示：每位评估人只列一次） "
            "[workbook-consensus]",
            "共 1 个文件中有 3 个错误",
        ],
    }[lang]
    assert result.stderr.splitlines() == said
    assert not (tmp_path / "b.yaml").exists()


def test_assessors_written_are_read_back_whatever_their_names() -> None:
    from policebench.models.workbook import assessors_text, parse_assessors

    names = {
        "alice": 2,
        "Zhang, Li": 3,
        "Wang: data office": None,
        ' "quoted" ': 1,
        "line\nbreak": 0,
        "": 4,
        "李四（规划办）": 2,
    }
    for lang in ("en", "zh"):
        text = assessors_text(names, lang)
        assert text is not None
        unknown = {"en": "unknown", "zh": "未知"}[lang]
        pairs = parse_assessors(text)
        assert pairs == [
            (name, unknown if level is None else str(level)) for name, level in names.items()
        ]
    assert assessors_text({}, "en") is None
    for bad in ("alice=2", "alice: 2, bob", '"unclosed: 2', ": 2"):
        assert parse_assessors(bad) is None, bad


def test_the_workbook_words_are_the_tools_words() -> None:
    """The status drop-down and the unknown level say what reports say (i18n)."""
    from policebench.i18n import t
    from policebench.models.workbook import REVIEW_STATUSES, UNKNOWN

    for status, (en, zh) in REVIEW_STATUSES.items():
        assert t(f"review_{status}", "en").startswith(en)
        assert t(f"review_{status}", "zh").startswith(zh)
    assert (t("unknown", "en"), t("unknown", "zh")) == UNKNOWN


def test_a_chinese_workbook_s_problems_are_in_its_own_words(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cell is named by its label, its choices are its drop-down's words and a number typed
    as text is called that (a cell has no quotes): not the YAML keys and codes of a profile."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "j-city", "--lang", "zh", "-o", "j.xlsx"])
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(tmp_path / "j.xlsx")
    place, sheet = wb.worksheets[2], wb.worksheets[3]
    place.cell(_row(place, "kind"), 3).value = "镇"
    row = _row(sheet, "top-level-design")
    column = {c.value: c.column for c in sheet[1]}
    sheet.cell(row, column["等级"]).value = " 2 "
    sheet.cell(row, column["置信度"]).value = "很高"
    sheet.cell(row, column["来源1：可靠性"]).value = "官方"
    sheet.cell(row + 1, column["等级"]).value = "无"
    wb.save(tmp_path / "j.xlsx")
    result = runner.invoke(app, ["import", "j.xlsx", "-o", "j.yaml", "--lang", "zh"])
    assert result.exit_code == 2
    said = "\n".join(line.split(": ", 1)[1] for line in result.stderr.splitlines()[:-1])
    assert said == (
        "'类型' 为 '镇'，应为以下之一：'市'、'省'、'自治区/地区' 或 '县'"
        "（提示：请从单元格的下拉列表中选择） [not-one-of]\n"
        "警告：'等级' 为 '2'（以文本格式存储的数字），已读作 2"
        "（提示：请改为从单元格的下拉列表中选择） [level-form]\n"
        "警告：'置信度' 为 '很高'（不在下拉列表中），已读作高"
        "（提示：请改为从单元格的下拉列表中选择） [confidence-form]\n"
        "'来源1：可靠性' 为 '官方'，应为以下之一：'一手（官方原文）'、'二手（媒体、论文）' 或 "
        "'转载'（提示：请从单元格的下拉列表中选择） [not-one-of]\n"
        "'等级' 为 '无'，应为整数（提示：'无' 既可能表示“完全没有”，也可能表示“未知”："
        "完全没有请选 0 级，未知请将单元格留空） [level-form]"
    )
