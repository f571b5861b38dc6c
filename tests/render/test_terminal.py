"""render.terminal: wrapping by display width with CJK line-breaking rules, names kept whole,
and the choice of layout (the first that fits, else split tables, else stacked rows)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from policebench.render.common import rich_to_text
from policebench.render.terminal import Column, Grid, resolve_width, table, wrap


def test_cjk_wraps_by_display_width() -> None:
    lines = wrap("补齐专业岗位空缺将具备信息化或数据技能的民警调入该部门", 10)
    assert all(cell_len(line) <= 10 for line in lines)
    assert "".join(lines) == "补齐专业岗位空缺将具备信息化或数据技能的民警调入该部门"
    assert cell_len(lines[0]) == 10


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation() -> None:
    text = "成立领导小组，明确职责。发展（先进前沿：杭州市、内蒙古自治区、青岛市）"
    for width in range(6, 30):
        lines = wrap(text, width)
        assert "".join(lines) == text
        for line in lines:
            assert line[0] not in "，。、：）", (width, lines)
            assert line[-1] not in "（", (width, lines)


def test_names_are_kept_whole() -> None:
    text = "发展（先进前沿：杭州市、内蒙古自治区、青岛市）"
    keep = ["杭州市", "内蒙古自治区", "青岛市"]
    for width in range(14, 30):
        lines = wrap(text, width, keep)
        assert any("内蒙古自治区" in line for line in lines), (width, lines)
        assert all(cell_len(line) <= width for line in lines)


def test_english_wraps_at_spaces_and_a_long_word_is_folded_only_as_a_last_resort() -> None:
    assert wrap("needs network interconnection at level 2", 16) == [
        "needs network",
        "interconnection",
        "at level 2",
    ]
    assert wrap("network-interconnection", 10) == ["network-in", "terconnect", "ion"]
    assert wrap("50.0 (36.4-67.0)", 11) == ["50.0", "(36.4-67.0)"]


def test_an_indented_line_stays_indented() -> None:
    assert wrap("  Cross department sharing", 16) == ["  Cross", "  department", "  sharing"]


def grid() -> Grid:
    return Grid(
        [
            Column("#", "right", key=True),
            Column("地区", key=True),
            *(Column(f"维度{n}", "right") for n in range(8)),
        ],
        [[str(n), name, *(["50.0"] * 8)] for n, name in enumerate(["内蒙古自治区", "J市"], 1)],
        title="得分",
        keep=["内蒙古自治区", "J市"],
    )


def test_a_table_too_wide_is_split_with_its_key_columns_repeated() -> None:
    text = rich_to_text(_group(table(grid(), width=60, lang="zh")), color=False, width=60)
    assert "得分（续）" in text
    assert text.count("内蒙古自治区") == 2  # once in each part
    assert all(cell_len(line) <= 60 for line in text.splitlines())
    assert "…" not in text
    for n in range(8):
        assert f"维度{n}" in text


def test_the_first_layout_that_fits_is_used() -> None:
    wide = Grid([Column("A" * 50), Column("B" * 50)], [["x", "y"]])
    narrow = Grid([Column("AB")], [["x y"]])
    text = rich_to_text(_group(table(wide, narrow, width=80)), color=False, width=80)
    assert "AB" in text and "A" * 50 not in text
    text = rich_to_text(_group(table(wide, narrow, width=120)), color=False, width=120)
    assert "A" * 50 in text


def test_rows_are_stacked_when_no_table_fits() -> None:
    g = Grid(
        [Column("名称", key=True), Column("内蒙古自治区公安厅")],
        [["内蒙古自治区", "50.0"]],
        keep=["内蒙古自治区"],
    )
    text = rich_to_text(_group(table(g, width=30, lang="zh")), color=False, width=30)
    assert text.splitlines()[:2] == ["名称：内蒙古自治区", "  内蒙古自治区公安厅：50.0"]
    assert "…" not in text


def test_width_comes_from_columns_then_the_terminal_else_a_text_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    assert resolve_width(None) == 90
    assert resolve_width(70) == 70
    monkeypatch.delenv("COLUMNS")
    assert resolve_width(None) == 100  # pytest's stdout is not a terminal


def test_no_line_ends_in_spaces() -> None:
    text = rich_to_text(_group(table(grid(), width=120, lang="zh")), color=False, width=120)
    assert all(line == line.rstrip() for line in text.splitlines())


def _group(parts: list[object]) -> object:
    from rich.console import Group

    return Group(*parts)  # type: ignore[arg-type]
