"""`policebench trend`, and `score` picking the latest of a place's assessments.

The fixtures in tests/fixtures/history/ are three assessments of the fictional Demo County
against the bundled rubric. Hand-checked scores (a level is worth 25 points; the dimensions
weigh alike; weights from rubrics/smart-policing.yaml):

* 2024: planning (2*25 + 1.5*25)/3.5 = 25; integration (2*0 + 2*25)/4 = 12.5; platform 25;
  security 50; talent unknown -> overall (25 + 12.5 + 25 + 50)/4 = 28.125
* 2025: planning (2*50 + 1.5*25)/3.5 = 39.286; integration 25; platform 50; security 50;
  talent 25 -> overall 189.286/5 = 37.857 (change +9.732)
* 2026: planning 50; integration (2*50 + 2*25)/4 = 37.5; platform 50; security 25;
  talent 25 -> overall 187.5/5 = 37.5 (change -0.357)
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app

HISTORY = Path(__file__).resolve().parent.parent / "fixtures" / "history"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_trend_of_a_place_with_history(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "trend", "demo-county", str(HISTORY), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["place"]["id"] == "demo-county"
    runs = data["assessments"]
    assert [r["assessed"] for r in runs] == ["2024-06-30", "2025-06-30", "2026-06-30"]
    assert [r["overall"] for r in runs] == pytest.approx([28.125, 37.857, 37.5], abs=0.01)
    assert runs[0]["overall_change"] is None
    assert runs[1]["overall_change"] == pytest.approx(9.732, abs=0.01)
    assert runs[2]["overall_change"] == pytest.approx(-0.357, abs=0.01)
    assert runs[0]["dimensions"]["talent"] == {"change": None, "coverage": 0.0, "score": None}
    assert runs[2]["dimensions"]["security"]["change"] == pytest.approx(-25.0)
    steps = data["steps"]
    assert [(s["from"], s["to"]) for s in steps] == [
        ("2024-06-30", "2025-06-30"),
        ("2025-06-30", "2026-06-30"),
    ]
    assert [(m["id"], m["from"], m["to"]) for m in steps[1]["indicators"]] == [
        ("coordination-mechanism", 1, 2),
        ("data-governance", 1, 2),
        ("mlps-compliance", 2, 1),
    ]
    assert steps[0]["indicators"][-1] == {
        "id": "training-literacy",
        "dimension": "talent",
        "from": None,
        "to": 1,
        "direction": "known",
    }


def test_single_assessment_gives_a_one_row_trend(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "trend", "j-city", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["assessments"]) == 1
    assert data["steps"] == []
    code, out, _ = run(runner, "trend", "j-city")
    assert code == 0
    assert "Only one assessment so far" in out


def test_city_given_as_a_profile_path(runner: CliRunner, in_tmp: Path) -> None:
    one = HISTORY / "demo-county-2025.yaml"
    code, out, err = run(runner, "trend", str(one), str(HISTORY), "-f", "json")
    assert code == 0, err
    assert len(json.loads(out)["assessments"]) == 3
    code, out, err = run(runner, "trend", str(one), "-f", "json")
    assert code == 0, err
    assert [r["assessed"] for r in json.loads(out)["assessments"]] == ["2025-06-30"]


def test_table_markdown_csv_and_chinese(runner: CliRunner, in_tmp: Path) -> None:
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY))
    assert code == 0
    assert "Demo County" in out and "+9.7" in out and "Indicators that changed level" in out
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY), "-f", "markdown")
    assert code == 0
    assert out.startswith("# Assessment history: Demo County\n")
    assert "| 2025-06-30 | 37.9 | +9.7 | Initial | 42% | 39.3 (+14.3) |" in out
    assert "| 2025-06-30 → 2026-06-30 | Security and compliance |" in out
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY), "-f", "csv")
    assert code == 0
    lines = out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith(
        "id,assessed,overall,overall_change,overall_change_like_for_like,stage,coverage,planning,"
    )
    assert len(lines) == 4
    assert lines[1].startswith("demo-county,2024-06-30,28.12,,,Initial,")
    assert lines[2].startswith("demo-county,2025-06-30,37.86,9.73,12.95,Initial,")
    assert lines[3].startswith("demo-county,2026-06-30,37.5,-0.36,,Initial,")
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY), "--lang", "zh")
    assert code == 0
    assert "评估历史" in out and "示例县" in out


def test_output_file(runner: CliRunner, in_tmp: Path) -> None:
    target = in_tmp / "trend.md"
    code, out, err = run(
        runner, "trend", "demo-county", str(HISTORY), "-f", "markdown", "-o", str(target)
    )
    assert code == 0, err
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("# Assessment history")


def test_score_uses_the_latest_assessment(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "score", str(HISTORY), "--format", "json")
    assert code == 0, err
    cities = json.loads(out)["places"]
    assert [(c["id"], c["assessed"]) for c in cities] == [("demo-county", "2026-06-30")]
    assert cities[0]["overall"] == pytest.approx(37.5)
    code, out, err = run(runner, "score", "demo-county", str(HISTORY), "--format", "json")
    assert code == 0, err
    assert [c["assessed"] for c in json.loads(out)["places"]] == ["2026-06-30"]


def test_unknown_place_exits_2(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "trend", "demo-conty", str(HISTORY))
    assert code == 2
    assert "unknown city 'demo-conty'" in err
    assert "demo-county" in err  # the close spelling


def test_missing_history_path_exits_2(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "trend", "demo-county", "histroy")
    assert code == 2
    assert out == ""
    assert "histroy: no such file or folder" in err


def test_folder_as_city_exits_2(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "trend", str(HISTORY))
    assert code == 2
    assert "is a folder; CITY is one place" in err


def test_same_place_and_date_twice_exits_2(runner: CliRunner, in_tmp: Path) -> None:
    twice = in_tmp / "twice"
    twice.mkdir()
    shutil.copy(HISTORY / "demo-county-2025.yaml", twice / "a.yaml")
    shutil.copy(HISTORY / "demo-county-2025.yaml", twice / "b.yaml")
    code, out, err = run(runner, "trend", "demo-county", str(twice), "-f", "json")
    assert code == 2
    assert "duplicate profile: 'demo-county' assessed on 2025-06-30" in err
    # The rest is still shown (like `score`), from the first of the two files.
    assert len(json.loads(out)["assessments"]) == 1
    code, out, _ = run(runner, "trend", "demo-county", str(twice), "--strict")
    assert code == 2
    assert out == ""


def test_a_change_in_what_is_known_is_set_beside_the_change_like_for_like(
    runner: CliRunner, in_tmp: Path
) -> None:
    """2024 -> 2025: one indicator became known (at level 1), which pulls the headline +9.7
    below the +12.9 of the six indicators known both years; 2025 -> 2026 knew the same
    indicators, so its change is like for like already."""
    code, out, err = run(runner, "trend", "demo-county", str(HISTORY), "-f", "json")
    assert code == 0, err
    steps = json.loads(out)["steps"]
    assert [(s["like_for_like"], s["compared"]) for s in steps] == [(12.95, 6), (None, 7)]
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY), "-f", "markdown")
    assert (
        "2024-06-30 → 2025-06-30: overall +9.7; over the 6 indicators known at both dates, "
        "+12.9. The difference comes from Training and digital literacy, newly known "
        "(coverage 38% → 42%)." in out
    )
    assert out.count("indicators known at both dates") == 1
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY), "--lang", "zh")
    # each number stays with its words when the line wraps
    assert any(
        "只看两期均已知的 6 项指标，同口径变化为 +12.9。" in line for line in out.splitlines()
    )
    assert "差额来自本期新增已知的教育培训与数字素养" in re.sub(r"\s+", "", out)


def test_an_assessment_left_out_with_errors_is_named_in_the_output(
    runner: CliRunner, in_tmp: Path
) -> None:
    """A trend circulated as a file says which inputs were left out: the terminal's errors
    do not travel with it."""
    history = in_tmp / "history"
    shutil.copytree(HISTORY, history)
    broken = history / "demo-county-2025.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("assessed: 2025-06-30", "assessed: 2025-06-31"),
        encoding="utf-8",
    )
    code, out, err = run(runner, "trend", "demo-county", "history", "-f", "markdown")
    assert code == 2 and "2025-06-31" in err
    assert "2025-06-30" not in out
    assert (
        "**1 input file had errors and was left out: history/demo-county-2025.yaml. If it is "
        "an assessment of this place, the history above lacks it.**" in out
    )
    code, out, _ = run(runner, "trend", "demo-county", "history", "-f", "json")
    assert json.loads(out)["left_out"] == ["history/demo-county-2025.yaml"]
    code, out, _ = run(runner, "trend", "demo-county", str(HISTORY), "-f", "json")
    assert (code, json.loads(out)["left_out"]) == (0, [])
