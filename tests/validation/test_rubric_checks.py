"""Issue 12: a rubric's size is bounded before any work that grows with it.

A scale typo (``max: 1000000``) and a rubric of 10,000 indicators are refused by validation
with one positioned problem each, so that ``gaps``, ``recommend`` and ``sensitivity`` never
start on them (they ran 110 s and took 9.5 GB); the sensitivity memory bound counts the
indicators as well as places x samples, before anything is allocated.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.validation.rubric_checks import MAX_INDICATORS, MAX_SCALE_LEVELS
from policebench.workspace import bundled


def _rubric(in_tmp: Path, change: Any, name: str = "r.yaml") -> Path:
    data = yaml.safe_load((bundled("rubrics") / "smart-policing.yaml").read_text("utf-8"))
    change(data)
    path = in_tmp / name
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.write_text(text, "utf-8")
    return path


def _indicators(total: int) -> Any:
    def change(data: Any) -> None:
        have = sum(len(d["indicators"]) for d in data["dimensions"])
        template = data["dimensions"][0]["indicators"][0]
        data["dimensions"][0]["indicators"] += [
            {"id": f"x{n}", "name": f"X{n}", "levels": {lv: "d" for lv in template["levels"]}}
            for n in range(total - have)
        ]

    return change


@pytest.mark.parametrize("command", ["validate", "gaps", "recommend", "sensitivity", "report"])
def test_a_scale_typo_is_refused_at_once(runner: CliRunner, in_tmp: Path, command: str) -> None:
    path = _rubric(in_tmp, lambda r: r["scale"].update(max=1_000_000))
    args = [command, str(path)] if command == "validate" else [command, "j-city", "-r", str(path)]
    started = time.monotonic()
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert time.monotonic() - started < 10
    lines = result.stderr.splitlines()
    assert lines[0].startswith("r.yaml:") and lines[0].split(":")[1:3] != ["0", "0"]
    assert (
        f"the scale 0..1000000 has 1000001 levels; a scale may have at most {MAX_SCALE_LEVELS}"
    ) in lines[0]
    assert lines[1:] == ["1 error in 1 file"]  # not a line per level


def test_a_scale_of_21_levels_is_accepted(runner: CliRunner, in_tmp: Path) -> None:
    def change(r: Any) -> None:
        r["scale"].update(max=20, levels={n: f"L{n}" for n in range(21)})
        r["default_target"] = 2
        for dim in r["dimensions"]:
            for ind in dim["indicators"]:
                ind["levels"] = {n: f"d{n}" for n in range(21)}
                ind.pop("thresholds", None)
                ind["kind"] = "level"
                ind.pop("unit", None)
                ind.pop("unit_zh", None)

    path = _rubric(in_tmp, change)
    result = runner.invoke(app, ["validate", str(path)])
    assert "scale-too-wide" not in result.stderr
    assert "a scale may have at most" not in result.stderr


@pytest.mark.parametrize("command", ["validate", "gaps", "recommend", "sensitivity"])
def test_ten_thousand_indicators_are_refused_before_any_analysis(
    runner: CliRunner, in_tmp: Path, command: str
) -> None:
    path = _rubric(in_tmp, _indicators(10_000))
    args = [command, str(path)] if command == "validate" else [command, "j-city", "-r", str(path)]
    started = time.monotonic()
    result = runner.invoke(app, args)
    elapsed = time.monotonic() - started
    assert result.exit_code == 2
    assert (
        f"the rubric has 10000 indicators; a rubric may have at most {MAX_INDICATORS}"
        in result.stderr
    )
    assert result.stderr.splitlines()[-1] == "1 error in 1 file"
    assert elapsed < 30  # reading and building 10,000 indicators; no analysis


def test_the_bound_is_said_in_chinese(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    path = _rubric(in_tmp, lambda r: r["scale"].update(max=1_000_000))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "量表 0 到 1000000 共有 1000001 个等级，最多允许 21 个" in result.stderr


def test_sensitivity_counts_the_indicators_in_its_memory_bound(
    runner: CliRunner, in_tmp: Path
) -> None:
    """1,000 indicators (the bound) and 40,000 samples would need about 7 GiB of per-sample
    tables: refused before any array is made (places x samples alone is 1 MB)."""
    path = _rubric(in_tmp, _indicators(MAX_INDICATORS))
    started = time.monotonic()
    result = runner.invoke(app, ["sensitivity", "-r", str(path), "-n", "40000"])
    assert result.exit_code == 2
    assert "x 40000 samples x 1000 indicators need about 7 GiB of memory" in result.stderr
    assert time.monotonic() - started < 20
