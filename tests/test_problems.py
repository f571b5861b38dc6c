"""Ordering the problems of a run: by position, once each, no warning that contradicts an
error about the same value."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.problems import Problem, sort_problems
from policebench.workspace import bundled


def test_a_read_as_warning_gives_way_to_an_error_on_the_same_value() -> None:
    read_as = Problem("p.yaml", 22, 12, "'level' is '五', read as 5", code="level-form",
                      severity="warning")  # fmt: skip
    out_of_scale = Problem("p.yaml", 22, 12, "level 5 is outside the scale", code="level-range")
    elsewhere = Problem("p.yaml", 35, 12, "'level' is '二级', read as 2", code="level-form",
                        severity="warning")  # fmt: skip
    assert sort_problems([read_as, elsewhere, out_of_scale]) == [out_of_scale, elsewhere]
    other = Problem("p.yaml", 22, 12, "no evidence", code="no-evidence", severity="warning")
    assert sort_problems([other, out_of_scale]) == [out_of_scale, other]  # only "read as"


def test_a_chinese_numeral_out_of_the_scale_is_one_problem(runner: CliRunner, in_tmp: Path) -> None:
    text = (bundled("cities") / "j-city.yaml").read_text(encoding="utf-8")
    (in_tmp / "p.yaml").write_text(text.replace("level: 1\n", "level: 五\n", 1), "utf-8")
    result = runner.invoke(app, ["validate", "p.yaml", "--lang", "zh"])
    assert result.exit_code == 2
    assert "等级 5 超出 0 到 4 的量表范围" in result.stderr
    assert "请写作 level: 5" not in result.stderr and "带“级”字" not in result.stderr
