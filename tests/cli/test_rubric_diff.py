"""`policebench rubric diff`: exit codes, outputs, and the decomposition end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.workspace import bundled

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V09 = FIXTURES / "rubric-v0.9.yaml"
BUNDLED = bundled("rubrics") / "smart-policing.yaml"
HISTORY = FIXTURES / "history"

RUBRIC = """\
id: mini
version: "{version}"
name: Mini
scale: {{min: 0, max: 4, levels: {{0: a, 1: b, 2: c, 3: d, 4: e}}}}
default_target: 3
stages: [{{min: 0, name: Initial}}]
dimensions:
  - id: d
    name: D
    indicators:
      - id: i1
        name: I1
        weight: {w1}
        levels: {{0: a, 1: b, 2: c, 3: d, 4: e}}
      - id: i2
        name: I2
        levels: {{0: a, 1: b, 2: c, 3: d, 4: e}}
"""
PROFILE = """\
id: town
name: Town
rubric: mini
assessed: {date}
indicators:
  i1: {{level: 4, confidence: high}}
  i2: {{level: {i2}, confidence: high}}
"""


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["rubric", "diff", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def mini(in_tmp: Path) -> Path:
    """Two versions of a one-dimension rubric (i1 re-weighted 1 -> 3) and two assessments
    of Town in ./cities, so they are the profiles in use."""
    (in_tmp / "old.yaml").write_text(RUBRIC.format(version="1", w1=1), encoding="utf-8")
    (in_tmp / "new.yaml").write_text(RUBRIC.format(version="2", w1=3), encoding="utf-8")
    cities = in_tmp / "cities"
    cities.mkdir()
    (cities / "town-2025.yaml").write_text(PROFILE.format(date="2025-01-01", i2=0), "utf-8")
    (cities / "town-2026.yaml").write_text(PROFILE.format(date="2026-01-01", i2=2), "utf-8")
    return in_tmp


def test_decomposition_end_to_end(runner: CliRunner, mini: Path) -> None:
    # 2025 under old: (1*100 + 1*0)/2 = 50; under new: (3*100 + 1*0)/4 = 75 -> rubric +25
    # 2026 under new: (3*100 + 1*50)/4 = 87.5 -> place +12.5; total 87.5 - 50 = +37.5
    code, out, err = run(runner, "old.yaml", "new.yaml", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["changes"] == [
        {"kind": "version", "scope": "rubric", "item": "", "old": "1", "new": "2", "count": None},
        {
            "kind": "indicator-reweighted",
            "scope": "indicator",
            "item": "i1",
            "old": 1.0,
            "new": 3.0,
            "count": None,
        },
    ]
    (town,) = data["places"]
    assert (town["id"], town["old_assessed"], town["new_assessed"]) == (
        "town",
        "2025-01-01",
        "2026-01-01",
    )
    assert town["before"]["overall"] == 50.0
    assert town["rescored"]["overall"] == 75.0
    assert town["after"]["overall"] == 87.5
    assert (town["rubric_effect"], town["place_effect"], town["total"]) == (25.0, 12.5, 37.5)


def test_markdown_and_table(runner: CliRunner, mini: Path) -> None:
    code, out, _ = run(runner, "old.yaml", "new.yaml", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Rubric changes: Mini mini 1 → mini 2\n")
    assert "| indicator re-weighted | I1 (i1) | 1 | 3 |" in out
    row = "| Town | 2025-01-01 | 2026-01-01 | 50.0 | 75.0 | 87.5 | +25.0 | +12.5 | +37.5 |"
    assert row + " Initial |  |" in out
    assert "Rubric effect = re-scored - old rubric" in out
    code, out, _ = run(runner, "old.yaml", "new.yaml")
    assert code == 0
    assert "indicator re-weighted" in out and "+37.5" in out
    code, out, _ = run(runner, "old.yaml", "new.yaml", "--lang", "zh")
    assert code == 0
    assert "评估框架版本变更" in out and "指标权重调整" in out


def test_v09_fixture_against_the_bundled_rubric(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, str(V09), str(BUNDLED), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["old"]["version"], data["new"]["version"]) == ("0.9", "1.0")
    kinds = {(c["kind"], c["item"]) for c in data["changes"]}
    assert {("indicator-added", "privacy-oversight"), ("dimension-renamed", "talent")} <= kinds
    # Every bundled place was assessed once: the whole change is the rubric's.
    assert {p["id"] for p in data["places"]} == {"hangzhou", "inner-mongolia", "j-city", "qingdao"}
    for place in data["places"]:
        assert place["place_effect"] == 0.0
        assert place["total"] == place["rubric_effect"]


def test_places_named_and_history(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(
        runner, str(V09), str(BUNDLED), "j-city", "demo-county", str(HISTORY), "-f", "json"
    )
    assert code == 0, err
    places = {p["id"]: p for p in json.loads(out)["places"]}
    assert set(places) == {"demo-county", "j-city"}
    demo = places["demo-county"]
    assert (demo["old_assessed"], demo["new_assessed"]) == ("2025-06-30", "2026-06-30")
    # The 2025 assessment scores 37.857 under both: of the changes, only data-sharing's
    # weight touches it, and its level (1) equals data-governance's, the other known
    # indicator of integration, which so still scores 25. The whole change, 37.5 - 37.857,
    # is the place's.
    assert demo["rubric_effect"] == 0.0
    assert demo["place_effect"] == pytest.approx(-0.36, abs=0.01)
    # Yet its stage falls: 37.857 is above 0.9's Developing threshold (35), below 1.0's (40).
    assert demo["before"]["stage"] == "Developing"
    assert demo["rescored"]["stage"] == demo["after"]["stage"] == "Initial"


def test_a_file_named_alone_and_through_its_folder_is_read_once(
    runner: CliRunner, in_tmp: Path
) -> None:
    one = HISTORY / "demo-county-2025.yaml"
    code, out, err = run(runner, str(V09), str(BUNDLED), str(one), str(HISTORY), "-f", "json")
    assert code == 0, err
    assert [p["id"] for p in json.loads(out)["places"]] == ["demo-county"]


def test_output_file(runner: CliRunner, mini: Path) -> None:
    code, out, err = run(runner, "old.yaml", "new.yaml", "-f", "markdown", "-o", "diff.md")
    assert code == 0, err
    assert out == ""
    assert (mini / "diff.md").read_text(encoding="utf-8").startswith("# Rubric changes")
    before = (mini / "old.yaml").read_bytes()
    code, _, err = run(runner, "old.yaml", "new.yaml", "-f", "markdown", "-o", "old.yaml")
    assert code == 2
    assert "refusing to overwrite" in err
    code, _, err = run(runner, "old.yaml", "new.yaml", "-o", "old.yaml")
    assert code == 2
    assert "cannot tell the output format from the file name old.yaml" in err
    assert (mini / "old.yaml").read_bytes() == before


def test_missing_rubric_exits_2(runner: CliRunner, mini: Path) -> None:
    code, out, err = run(runner, "nope.yaml", "new.yaml")
    assert code == 2
    assert out == ""
    assert "nope.yaml: no such file" in err


def test_invalid_rubric_exits_2_with_positions(runner: CliRunner, mini: Path) -> None:
    bad = RUBRIC.format(version="3", w1=-1).replace("    name: D\n", "    nmae: D\n")
    (mini / "bad.yaml").write_text(bad, encoding="utf-8")
    code, out, err = run(runner, "old.yaml", "bad.yaml")
    assert code == 2
    assert out == ""
    # Line 9 holds the misspelt key, line 13 the negative weight.
    assert re.search(r"^bad\.yaml:9:5: unknown key 'nmae'", err, re.M), err
    assert re.search(r"^bad\.yaml:13:17: 'weight' is -1", err, re.M), err


def test_unknown_place_exits_2(runner: CliRunner, mini: Path) -> None:
    code, _, err = run(runner, "old.yaml", "new.yaml", "twon")
    assert code == 2
    assert "unknown city 'twon'" in err and "town" in err


def test_invalid_profile_is_reported_and_exits_2(runner: CliRunner, mini: Path) -> None:
    (mini / "cities" / "broken.yaml").write_text("id: broken\nname: B\n", encoding="utf-8")
    code, out, err = run(runner, "old.yaml", "new.yaml", "-f", "json")
    assert code == 2
    assert "broken.yaml" in err and "missing required key 'rubric'" in err
    assert [p["id"] for p in json.loads(out)["places"]] == ["town"]


def test_values_read_as_meant_are_shown_and_level_names_need_a_rubric(
    runner: CliRunner, in_tmp: Path
) -> None:
    """`２`, `中`, `未知`... are read as in score, with their warnings; a level name cannot be
    read without one rubric, so its profile is refused with a hint to write the number."""
    forms = FIXTURES / "forms" / "profile-forms.yaml"
    old, new = str(FIXTURES / "rubric-v0.9.yaml"), str(bundled("rubrics") / "smart-policing.yaml")
    text = forms.read_text(encoding="utf-8")
    for name, replace in (("numbers.yaml", True), ("names.yaml", False)):
        if replace:
            body = text.replace("level: Developing", "level: 2").replace("level: 发展", "level: 2")
            body = body.replace("data-sharing: 健全", "data-sharing: 3")
        else:
            body = text
        (in_tmp / name).write_text(body, encoding="utf-8")
    result = runner.invoke(app, ["rubric", "diff", old, new, "numbers.yaml"])
    assert result.exit_code == 0, result.stderr
    assert "numbers.yaml:11:12: warning: 'level' is '２' (full-width digits), read as 2" in (
        result.stderr
    )
    result = runner.invoke(app, ["rubric", "diff", old, new, "names.yaml"])
    assert result.exit_code == 2
    assert (
        "names.yaml:31:12: 'level' is 'Developing', expected a whole number (hint: write the"
        in (result.stderr)
    )


def test_unknown_city_in_rubric_diff_offers_the_path_and_bundled(
    runner: CliRunner, in_tmp: Path
) -> None:
    """rubric diff reads places through load_history: the same unknown-city answer."""
    old = str(FIXTURES / "rubric-v0.9.yaml")
    new = str(bundled("rubrics") / "smart-policing.yaml")
    result = runner.invoke(app, ["rubric", "diff", old, new, "atlantis"])
    assert result.exit_code == 2
    assert "unknown city 'atlantis' (places in use:" in result.stderr
    assert "cities/atlantis.yaml" in result.stderr and "@bundled" in result.stderr


def test_the_changes_read_in_chinese_under_zh(runner: CliRunner, in_tmp: Path) -> None:
    """Stages, names and dimensions in the changes table are the rubric's Chinese ones (the
    JSON keeps the English data as it is)."""
    code, out, err = run(runner, str(V09), str(BUNDLED), "--lang", "zh", "--format", "markdown")
    assert code == 0, err
    assert "0 起步阶段、35 发展阶段、65 先进阶段" in out
    assert "0 起步阶段、40 发展阶段、65 先进阶段" in out
    assert "Developing" not in out
    assert "| 维度名称变更 | 人才队伍与合作（talent） | 人员与技能 | 人才队伍与合作 |" in out
    assert "平台建设与实战应用（platform）" in out
    code, out, err = run(runner, str(V09), str(BUNDLED), "--format", "markdown")
    assert code == 0, err
    assert "0 Initial, 40 Developing, 65 Advanced" in out
    assert (
        "| Talent and partnerships (talent) | People and skills | Talent and partnerships |" in out
    )
