"""Bad workbooks end with a clear message at their cell (or file) and exit 2; nothing is
computed, nothing is written; what is too big is refused before openpyxl opens it."""

from __future__ import annotations

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
    assert "j.xlsx!Indicators!K2: warning: 'level' is '3级' (a level with its word), read as 3 " \
        "(hint: write level: 3)" in shown  # fmt: skip
    assert any(s.startswith("j.xlsx!Indicators!K3: warning: 'level' is '三'") for s in shown)


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
        "level-range j.xlsx!Indicators!K4: level 9 is outside the scale 0..4 (hint: use a whole "
        "number from 0 to 4, or null if unknown)",
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


def test_a_word_outside_a_drop_down(made: Path, rubric: Rubric) -> None:
    _edit(made, lambda ws: setattr(ws.cell(9, 13), "value", "very"))
    (found,) = _problems(made, rubric)
    assert found.endswith(
        "j.xlsx!Indicators!M9: 'confidence' is 'very', expected one of 'high', 'medium' or 'low'"
    )


def test_a_level_without_confidence_points_at_the_confidence_cell(
    made: Path, rubric: Rubric
) -> None:
    _edit(made, lambda ws: setattr(ws.cell(5, 11), "value", "2 Developing"))  # policing-reform
    (found,) = _problems(made, rubric)
    assert found == (
        "no-confidence j.xlsx!Indicators!M5: 'policing-reform' has a level but no confidence "
        "(hint: add 'confidence: high | medium | low')"
    )


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
