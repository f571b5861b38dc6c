"""`policebench validate`: exit codes, the problem lines, and which rubric and profiles it uses.

The per-problem positions of broken files are covered by tests/test_fixtures_invalid.py; here
the command as a whole: clean, warnings only, errors, several files, and the working folder's
./rubrics and ./cities taking precedence over the bundled data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.workspace import bundled, validate_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"

NO_EVIDENCE = """\
id: opinion-city
name: Opinion City
rubric: smart-policing
assessed: 2024-01-01
indicators:
  top-level-design:
    level: 2
    confidence: low
  data-sharing:
    level: 1
    confidence: low
    evidence: Said in an interview.
"""


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_bundled_data_is_valid(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "validate")
    assert code == 0, err
    assert out == ""
    files = 1 + len(list(bundled("cities").glob("*.yaml")))
    assert err == f"{files} files valid\n"


def test_one_valid_file(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "validate", str(bundled("cities") / "j-city.yaml"))
    assert code == 0
    assert err == "1 file valid\n"


def test_warnings_only_is_success(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "opinion.yaml").write_text(NO_EVIDENCE, encoding="utf-8")
    code, out, err = run(runner, "validate", "opinion.yaml")
    assert code == 0
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(
        "opinion.yaml:6:3: warning: 'top-level-design' has a level but no evidence"
    )
    assert lines[1].startswith(
        "opinion.yaml:9:3: warning: 'data-sharing' has evidence but no source"
    )
    assert lines[2] == "2 warnings in 1 file"
    assert lines[3] == "1 file valid"


def test_quiet_hides_warnings(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "opinion.yaml").write_text(NO_EVIDENCE, encoding="utf-8")
    code, _, err = run(runner, "validate", "--quiet", "opinion.yaml")
    assert code == 0
    assert err == "1 file valid\n"


def test_errors_exit_2_with_every_problem(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(INVALID / "profile-several-checks.yaml", in_tmp / "several.yaml")
    shutil.copyfile(INVALID / "profile-key-typo.yaml", in_tmp / "typo.yaml")
    code, out, err = run(runner, "validate", "several.yaml", "typo.yaml")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == "6 errors and 2 warnings in 2 files"
    # Problems come file by file, in the order of each file.
    files = [line.split(":")[0] for line in lines[:-1]]
    assert files == sorted(files)
    assert (
        "typo.yaml:8:5: unknown key 'confidance' (hint: did you mean 'confidence'?) [unknown-key]"
        in lines
    )
    assert "valid" not in lines[-1]


def test_a_quoted_level_outside_the_scale_is_said_beside_another_mistake(
    runner: CliRunner, in_tmp: Path
) -> None:
    """level: "5" is read as 5; beside a source date that is no day, it is checked against
    the scale in the same run (it was only said to be read as 5)."""
    (in_tmp / "q.yaml").write_text(
        "id: q-city\nname: Q City\nrubric: smart-policing\nassessed: 2026-01-01\n"
        'indicators:\n  top-level-design:\n    level: "5"\n    confidence: low\n'
        "    evidence: x\n  data-sharing:\n    level: 2\n    confidence: low\n"
        "    evidence: y\n    sources:\n      - title: t\n        url: https://a.example\n"
        '        reliability: primary\n        date: "2026-02-30"\n',
        encoding="utf-8",
    )
    code, _, err = run(runner, "validate", "q.yaml", "--lang", "zh")
    assert code == 2
    assert err.splitlines()[:2] == [
        "q.yaml:7:12: 等级 5 超出 0 到 4 的量表范围（提示：请填写 0 到 4 之间的整数；"
        "未知则写 null） [level-range]",
        "q.yaml:18:15: 无法读取日期 '2026-02-30'：2026 年 2 月没有 30 日"
        "（提示：请填写实际存在的日期（YYYY-MM-DD）） [not-a-date]",
    ]


def test_missing_path(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "validate", "nowhere.yaml")
    assert code == 2
    assert err.splitlines()[0] == (
        "nowhere.yaml: no such file or folder (hint: check the spelling of the path) [io]"
    )


def test_a_folder_of_rubric_and_profiles(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copytree(VALID, in_tmp / "valid")
    code, _, err = run(runner, "validate", "valid")
    assert code == 0, err
    assert err == f"{len(list(VALID.glob('*.yaml')))} files valid\n"


def test_explicit_rubric(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copytree(VALID, in_tmp / "valid")
    code, _, err = run(
        runner, "validate", "valid/profile-minimal.yaml", "--rubric", "valid/rubric-minimal.yaml"
    )
    assert code == 0, err
    # The bundled profiles name another rubric: checked against this one, they fail.
    code, _, err = run(
        runner, "validate", "valid/profile-bom.yaml", "--rubric", "valid/rubric-minimal.yaml"
    )
    assert code == 2
    assert "unknown rubric id 'smart-policing'; the rubric in use is 'minimal'" in err


def test_profile_of_a_broken_rubric_is_not_blamed(runner: CliRunner, in_tmp: Path) -> None:
    """A rubric that cannot even be built is reported; its profile is not checked against
    another rubric (the bundled one) and told its rubric id is unknown."""
    shutil.copyfile(INVALID / "rubric-weights.yaml", in_tmp / "weights.yaml")
    (in_tmp / "p.yaml").write_text(
        "id: p\nname: P\nrubric: weights\nassessed: 2024-01-01\n"
        "indicators:\n  a: {level: 1, confidence: low, evidence: x,"
        " sources: [{title: t, reliability: primary}]}\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "validate", "weights.yaml", "p.yaml")
    assert code == 2
    assert "p.yaml" not in err
    assert err.splitlines()[-1] == "2 errors in 1 file"


def test_duplicate_profiles_across_files(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(VALID / "profile-bom.yaml", in_tmp / "a.yaml")
    shutil.copyfile(VALID / "profile-bom.yaml", in_tmp / "b.yaml")
    code, _, err = run(runner, "validate", "a.yaml", "b.yaml")
    assert code == 2
    assert (
        "b.yaml:1:5: duplicate profile: 'bom-city' assessed on 2024-01-01 is also in a.yaml" in err
    )


# --- the working folder takes precedence ----------------------------------------------------


def _local_workspace(in_tmp: Path) -> None:
    """./rubrics holds the bundled rubric with 'usability' renamed 'ease-of-use'."""
    (in_tmp / "rubrics").mkdir()
    (in_tmp / "cities").mkdir()
    text = (bundled("rubrics") / "smart-policing.yaml").read_text(encoding="utf-8")
    assert text.count("- id: usability") == 1
    text = text.replace("- id: usability", "- id: ease-of-use")
    (in_tmp / "rubrics" / "smart-policing.yaml").write_text(text, encoding="utf-8")


def _profile(indicator: str) -> str:
    return (
        "id: local-city\nname: Local City\nrubric: smart-policing\nassessed: 2024-01-01\n"
        f"indicators:\n  {indicator}:\n    level: 2\n    confidence: medium\n"
        "    evidence: Officers were asked.\n"
        "    sources: [{title: Survey, reliability: primary}]\n"
    )


def test_local_rubric_and_cities_take_precedence(runner: CliRunner, in_tmp: Path) -> None:
    _local_workspace(in_tmp)
    (in_tmp / "cities" / "local-city.yaml").write_text(_profile("ease-of-use"), encoding="utf-8")
    code, _, err = run(runner, "validate")
    assert code == 0, err
    # Only the local rubric and the one local profile, not the bundled places.
    assert err == "2 files valid\n"

    # The bundled rubric's 'usability' is unknown to the local rubric.
    (in_tmp / "cities" / "local-city.yaml").write_text(_profile("usability"), encoding="utf-8")
    code, _, err = run(runner, "validate")
    assert code == 2
    assert "cities/local-city.yaml:6:3: unknown indicator 'usability'" in err

    # And score uses them too.
    (in_tmp / "cities" / "local-city.yaml").write_text(_profile("ease-of-use"), encoding="utf-8")
    result = runner.invoke(app, ["score", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert [row.split(",")[1] for row in result.stdout.splitlines()[1:]] == ["local-city"]


def test_local_cities_alone_use_the_bundled_rubric(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "cities").mkdir()
    (in_tmp / "cities" / "local-city.yaml").write_text(_profile("usability"), encoding="utf-8")
    code, _, err = run(runner, "validate")
    assert code == 0, err
    assert err == "2 files valid\n"


def test_a_file_named_twice_is_one_file(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "cities").mkdir()
    shutil.copyfile(VALID / "profile-bom.yaml", in_tmp / "cities" / "bom.yaml")
    code, _, err = run(runner, "validate", "cities", "cities/bom.yaml", "./cities/bom.yaml")
    assert code == 0, err
    assert err == "1 file valid\n"


def test_a_misspelt_indicator_is_reported_beside_the_model_errors(
    runner: CliRunner, in_tmp: Path
) -> None:
    bad = in_tmp / "bad.yaml"
    bad.write_text(
        "id: a\nname: A\nrubric: smart-policing\nassessed: 2024-01-01\n"
        "indicators:\n  top-level-desing: {levle: 5}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(
        ":6:3: unknown indicator 'top-level-desing'" in x and "top-level-design" in x for x in lines
    )
    assert any(":6:22: unknown key 'levle'" in x for x in lines)


# --- values typed another way (a Chinese input method, words for numbers) ---------------------

FORMS = FIXTURES / "forms"


def _expected(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line, column, phrase = raw.split(":", 2)
        out.append((int(line), int(column), phrase.strip()))
    return out


def test_forms_read_as_meant_are_warnings_at_their_places(runner: CliRunner, in_tmp: Path) -> None:
    """`２`, `"2"`, `2级`, `第３级`, `Developing`, `发展`, `中`, `High`, `未知`, `N/A`..."""
    shutil.copyfile(FORMS / "profile-forms.yaml", in_tmp / "profile-forms.yaml")
    code, out, err = run(runner, "validate", "profile-forms.yaml")
    assert code == 0, err
    assert out == ""
    lines = err.splitlines()
    for line, column, phrase in _expected(FORMS / "profile-forms.expected"):
        prefix = f"profile-forms.yaml:{line}:{column}: warning: "
        assert any(x.startswith(prefix) and phrase in x for x in lines), (line, phrase, err)
    assert lines[-1] == "1 file valid"
    assert "error" not in err


def test_forms_read_as_meant_have_stable_codes(in_tmp: Path) -> None:
    problems, _ = validate_paths([FORMS / "profile-forms.yaml"], None)
    codes = {(p.line, p.code) for p in problems}
    assert {(11, "level-form"), (12, "confidence-form"), (31, "level-form")} <= codes
    assert {(41, "null-form"), (42, "null-form"), (48, "level-form")} <= codes
    assert all(p.severity == "warning" for p in problems)


def test_the_canonical_twin_is_clean(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "validate", str(FORMS / "profile-canonical.yaml"))
    assert code == 0
    assert err == "1 file valid\n"


#: The refused forms' fixtures (tests/fixtures/invalid) and the code of each problem.
REFUSED_CODES = {
    "profile-fullwidth-colon": ["fullwidth-colon"],
    "profile-fullwidth-colon-text": ["fullwidth-colon", "fullwidth-colon"],
    "profile-fullwidth-colon-key": ["fullwidth-colon", "fullwidth-colon"],
    "profile-fullwidth-comma": ["fullwidth-comma"],
    "profile-fullwidth-space": ["fullwidth-space"],
    "profile-fullwidth-dash": ["fullwidth-dash"],
    "profile-id-form": ["id-form", "id-form", "id-form"],
    "profile-id-chinese": ["id-form"],
    "profile-level-ambiguous": ["level-form"] * 4 + ["confidence-form", "level-form"],
}


@pytest.mark.parametrize("stem", sorted(REFUSED_CODES))
def test_refused_forms_have_stable_codes(stem: str, in_tmp: Path) -> None:
    problems, _ = validate_paths([INVALID / f"{stem}.yaml"], None)
    errors = [p for p in problems if p.severity == "error"]
    assert [p.code for p in errors] == REFUSED_CODES[stem], errors


def test_a_fullwidth_colon_does_not_hold_back_the_files_other_problems(
    runner: CliRunner, in_tmp: Path
) -> None:
    """A '：' typed with the input method, a misspelt key and a level out of the scale: all
    three in one run, in validate as in score, and the other two exactly as the run after
    the colon is fixed gives them (nothing reported twice, columns those of the file)."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    path = in_tmp / "cities" / "my-city.yaml"
    text = path.read_text(encoding="utf-8")
    entry = "  data-sharing:\n    level: null\n    confidence: null\n"
    assert entry in text
    typed = "  data-sharing:\n    levle: 2\n    confidence：medium\n"
    text = text.replace(entry, typed).replace(
        "  network-interconnection:\n    level: null\n    confidence: null\n",
        "  network-interconnection:\n    level: 5\n    confidence: low\n",
    )
    path.write_text(text, encoding="utf-8")
    code, _, first = run(runner, "validate", str(path))
    assert code == 2
    codes = [line.rsplit("[", 1)[-1] for line in first.splitlines() if line.endswith("]")]
    assert codes == ["unknown-key]", "fullwidth-colon]", "level-range]"], first
    _, _, scored = run(runner, "score")
    assert [line for line in scored.splitlines() if line.endswith("]")] == [
        line for line in first.splitlines() if line.endswith("]")
    ]
    path.write_text(text.replace("confidence：medium", "confidence: medium"), encoding="utf-8")
    _, _, fixed = run(runner, "validate", str(path))
    problems = [line for line in first.splitlines() if line.endswith("]")]
    assert [line for line in problems if "[fullwidth-colon]" not in line] == [
        line for line in fixed.splitlines() if line.endswith("]")
    ]


def test_a_date_that_does_not_exist_does_not_hold_back_the_files_other_problems(
    runner: CliRunner, in_tmp: Path
) -> None:
    """'2026-02-30', a misspelt key and a level out of the scale: all three in one run, the
    date said once (what the reader says of it, not the model's "expected a date" again)."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City", "--assessed", "2026-02-01")
    assert code == 0, err
    path = in_tmp / "cities" / "my-city.yaml"
    text = path.read_text(encoding="utf-8").replace("assessed: 2026-02-01", "assessed: 2026-02-30")
    text = text.replace(
        "  data-sharing:\n    level: null\n    confidence: null\n",
        "  data-sharing:\n    levle: 2\n    confidence: null\n",
    ).replace(
        "  network-interconnection:\n    level: null\n    confidence: null\n",
        "  network-interconnection:\n    level: 5\n    confidence: low\n",
    )
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "score"):
        code, _, said = run(runner, command, str(path), "--lang", "zh")
        assert code == 2
        problems = [line for line in said.splitlines() if line.endswith("]")]
        assert [line.rsplit("[", 1)[-1] for line in problems] == [
            "value]",
            "unknown-key]",
            "level-range]",
        ], said
        assert "无法读取日期 '2026-02-30'：2026 年 2 月没有 30 日" in problems[0]
        assert "应为日期" not in said
