"""`policebench new`: the scaffolded profile lists every indicator and validates as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Profile, Rubric
from policebench.readers.yaml import load


def _new(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["new", *args])
    return result.exit_code, result.stdout, result.stderr


def test_scaffold_lists_every_indicator_and_validates(
    runner: CliRunner, in_tmp: Path, rubric: Rubric
) -> None:
    code, _, err = _new(runner, "my-city", "--name", "My City", "--assessed", "2026-05-01")
    assert code == 0, err
    path = in_tmp / "cities" / "my-city.yaml"  # where the next command finds it
    assert "wrote cities/my-city.yaml" in err
    doc, _ = load(path)
    profile = Profile.model_validate(doc.data)
    assert (profile.id, profile.name, profile.kind) == ("my-city", "My City", "city")
    assert profile.assessed == dt.date(2026, 5, 1)
    assert list(profile.indicators) == list(rubric.indicators)
    assert all(entry.level is None for entry in profile.indicators.values())
    for ind_id, ind in rubric.indicators.items():
        has_value = "value" in doc.data["indicators"][ind_id]
        assert has_value == (ind.kind == "metric"), ind_id
    # The round trip: `validate` accepts the file as written, without a single warning.
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "1 file valid\n"


def test_comments_carry_questions_descriptors_and_thresholds(
    runner: CliRunner, in_tmp: Path, rubric: Rubric
) -> None:
    code, text, _ = _new(runner, "my-city", "--name", "My City", "--output", "-", "--lang", "en")
    assert code == 0
    assert text.startswith("# yaml-language-server: $schema=../schemas/profile.schema.json\n")
    comments = " ".join(
        line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()
    )
    for dim in rubric.dimensions:
        assert f"{dim.name} ({dim.id}," in comments
    for ind in rubric.indicators.values():
        assert " ".join(str(ind.question).split()) in comments, ind.id
        assert f"4 Optimising: {' '.join(ind.levels[4].split())}" in comments, ind.id
    metric = next(i for i in rubric.indicators.values() if i.kind == "metric")
    assert f"Metric, in {metric.unit}: level 1 from 0.5; 2 from 1; 3 from 2; 4 from 3" in comments
    # The comment sits right above its indicator key.
    lines = text.splitlines()
    at = lines.index("  top-level-design:")
    assert lines[at - 1].startswith("  # ")


def test_chinese_comments(runner: CliRunner, in_tmp: Path, rubric: Rubric) -> None:
    code, text, _ = _new(
        runner, "j-city", "--name", "J City", "--name-zh", "J市", "-o", "-", "--lang", "zh"
    )
    assert code == 0
    assert "name_zh: J市\n" in text
    flat = "".join(line.strip().lstrip("#").strip() for line in text.splitlines())
    for ind in rubric.indicators.values():
        assert "问题：" + "".join(str(ind.question_zh).split()) in flat, ind.id
    assert "J市评估档案" in text


def test_default_output_goes_to_cities_when_present(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "cities").mkdir()
    code, _, err = _new(runner, "a-town", "--name", "A Town", "--kind", "county")
    assert code == 0, err
    written = in_tmp / "cities" / "a-town.yaml"
    assert "kind: county\n" in written.read_text(encoding="utf-8")
    assert "policebench validate cities/a-town.yaml" in err


def test_refuses_to_overwrite(runner: CliRunner, in_tmp: Path) -> None:
    target = in_tmp / "mine.txt"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = _new(runner, "x", "--name", "X", "--output", str(target))
    assert code == 2
    assert "already exists; refusing to overwrite it" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, err = _new(runner, "x", "--name", "X", "--output", str(target), "--format", "yaml")
    assert code == 2 and "hint: choose another --output path" in err
    assert _new(runner, "x", "--name", "X")[0] == 0
    # in ./cities another name would hold the same place twice: the hint says how to replace
    code, _, err = _new(runner, "x", "--name", "X")
    assert code == 2
    assert (
        "(hint: to replace it, remove or move it first; written under another name in cities/, "
        "it would be a second profile of the same place" in err
    )


def test_stdout_writes_no_file(runner: CliRunner, in_tmp: Path) -> None:
    code, text, _ = _new(runner, "x", "--name", "X", "--output", "-")
    assert code == 0
    assert "id: x\n" in text
    assert list(in_tmp.iterdir()) == []


def test_bad_options_exit_2(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = _new(runner, "J City", "--name", "J")
    assert code == 2
    assert (
        "'J City' is not a valid place id "
        "(hint: use lowercase letters, digits and hyphens, e.g. 'j-city')" in err
    )
    code, _, err = _new(runner, "J_City", "--name", "J")  # the example is in the hint's words
    assert code == 2 and "e.g. 'j-city')" in err
    code, _, err = _new(runner, "x", "--name", "X", "--assessed", "2026-02-30")
    assert (code, "is not a date" in err) == (2, True)
    assert _new(runner, "x", "--name", "X", "--kind", "planet")[0] == 2
    code, _, err = _new(runner, "x", "--name", "X", "--rubric", "nope.yaml")
    assert (code, "no such rubric" in err) == (2, True)
    assert list(in_tmp.iterdir()) == []


def test_a_name_in_one_language_is_enough(runner: CliRunner, in_tmp: Path) -> None:
    """A Chinese planner gives --name-zh only: the English name is the id, and nothing is
    said in Chinese; without the Chinese name a Chinese run says what the tables will show."""
    code, text, err = _new(runner, "x-city", "--name-zh", "某市", "--lang", "zh", "-o", "-")
    assert code == 0, err
    doc = yaml.safe_load(text)
    assert (doc["name"], doc["name_zh"]) == ("x-city", "某市")
    assert "--name" not in err
    code, text, err = _new(runner, "x-city", "--lang", "zh", "-o", "-")
    assert code == 0 and "未写 --name-zh：档案没有中文名称，中文表格中将显示为 x-city" in err
    code, _, err = _new(runner, "x-city", "--lang", "en", "-o", "-")
    assert code == 0 and "no --name: the place is called by its id, x-city" in err
    # an English name only: Chinese tables show it, and the note says so
    code, _, err = _new(runner, "x-city", "--name", "X City", "--lang", "zh", "-o", "-")
    assert code == 0 and "中文表格中将显示为 X City" in err
    code, _, err = _new(runner, "x-city", "--name", "x-city", "-o", "-")
    assert code == 0 and "no --name" not in err  # given, though the same as the id
    assert list(in_tmp.iterdir()) == []


def test_help_has_examples(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "--help"])
    assert result.exit_code == 0
    assert "policebench new j-city" in result.stdout
