"""render.terminal: wrapping by display width with CJK line-breaking rules, names kept whole,
and the choice of layout (the first that fits, else split tables, else stacked rows)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from policebench.render.common import rich_to_text
from policebench.render.terminal import (
    Column,
    Grid,
    break_offsets,
    longest_unit,
    resolve_width,
    table,
    wrap,
)


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


# ------------------------------------------------- rich's line breaks, with Chinese rules

_CJK_TEXT = st.text(
    alphabet=st.sampled_from(
        list("数据共享平台安全人才，。、；：！？（）「」《》“”…%abcXYZ019 .,()-")
    ),
    max_size=120,
)
_ASCII_TEXT = st.text(alphabet=st.sampled_from(list("abcdefghij XYZ.,;:()-_/0129")), max_size=200)


def _lines(text: str, offsets: list[int]) -> list[str]:
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


@settings(max_examples=300, deadline=None)
@given(text=_ASCII_TEXT, width=st.integers(1, 40), fold=st.booleans())
def test_text_without_cjk_breaks_where_rich_breaks_it(text: str, width: int, fold: bool) -> None:
    """... unless a word is wider than the line and must be cut: then not before "." or ","."""
    from rich._wrap import divide_line

    # A word is wider than the line with the spaces before it, as rich measures the first
    # one (" 00000000:" at 9 columns is cut: not before the colon, where rich cuts it).
    pieces = re.findall(r"\s*\S+", text)
    if not fold or max(map(len, pieces), default=0) <= width:
        assert break_offsets(text, width, fold) == divide_line(text, width, fold)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_ASCII_TEXT, _CJK_TEXT), width=st.integers(2, 40))
def test_a_piece_wider_than_the_line_is_cut_to_fit_and_not_before_a_closing_mark(
    text: str, width: int
) -> None:
    from policebench.render.terminal import _fold, _glued

    for piece in text.split():
        lines = _fold(piece, width)
        assert "".join(lines) == piece and all(lines)
        assert all(cell_len(line) <= width for line in lines)
        for before, line in itertools.pairwise(lines):
            if _glued(before[-1], line[0]):  # only where no cut further back would fit
                back = len(before) - 1
                while back > 0 and _glued(before[back - 1], before[back]):
                    back -= 1
                assert back == 0 or cell_len(before[back:] + line[0]) > width


@settings(max_examples=300, deadline=None)
@given(text=_CJK_TEXT, width=st.integers(2, 40))
def test_chinese_breaks_fit_and_never_start_a_line_with_a_closing_mark(
    text: str, width: int
) -> None:
    offsets = break_offsets(text, width)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    lines = _lines(text, offsets)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)
    if longest_unit(text) <= width:  # nothing had to be folded
        for before, line in itertools.pairwise(lines):
            if line and not before[-1].isspace():
                assert line[0] not in "，。、；：！？）」》”…%.,)", (before, line)
                assert before[-1] not in "（「《“(", (before, line)


def test_a_line_of_chinese_moves_the_character_before_a_comma_down_with_it() -> None:
    from rich._wrap import divide_line

    text = "根据省厅的统一部署，本市建成了大数据平台。"
    assert _lines(text, divide_line(text, 18)) == [
        "根据省厅的统一部署",
        "，本市建成了大数据",
        "平台。",
    ]
    assert _lines(text, break_offsets(text, 18)) == [
        "根据省厅的统一部",
        "署，本市建成了大数",
        "据平台。",
    ]
