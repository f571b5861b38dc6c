"""`policebench score`: formats, selection by id and path, bad inputs, output files.

Every run happens in an empty temporary folder (the ``in_tmp`` fixture), so the bundled
rubric and profiles are used unless a test makes ./rubrics or ./cities.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Profile, Rubric
from policebench.scoring import rank, score
from policebench.workspace import bundled

VALID = Path(__file__).resolve().parent.parent / "fixtures" / "valid"
INVALID = Path(__file__).resolve().parent.parent / "fixtures" / "invalid"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def expected_order(rubric: Rubric, profiles: dict[str, Profile]) -> list[str]:
    return [c.city_id for c in rank([score(rubric, p) for p in profiles.values()])]


# --- the bundled data -----------------------------------------------------------------------


def test_table_ranks_every_bundled_place(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    code, out, err = run(runner, "score")
    assert code == 0, err
    assert err == ""
    names = [profiles[i].name for i in expected_order(rubric, profiles)]
    positions = [out.index(name) for name in names]
    assert positions == sorted(positions)
    for label in ("Overall", "Stage", "Coverage", "Planning", "Talent"):
        assert label in out
    assert "\x1b[" not in out


def test_json_contract(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    code, out, err = run(runner, "score", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["rubric"] == {"id": "smart-policing", "version": rubric.version}
    assert [c["id"] for c in data["places"]] == expected_order(rubric, profiles)
    assert [c["rank"] for c in data["places"]] == list(range(1, len(profiles) + 1))
    for city in data["places"]:
        assert set(city["dimensions"]) == {d.id for d in rubric.dimensions}
        assert set(city["indicators"]) == set(rubric.indicators)
        for dim in city["dimensions"].values():
            assert set(dim) == {"weight", "score", "coverage", "applicable"}
        for ind in city["indicators"].values():
            assert {"dimension", "weight", "level", "score"} <= set(ind)
    j_city = next(c for c in data["places"] if c["id"] == "j-city")
    # Worked out by hand in tests/test_scoring.py: 25 overall, coverage 12431/21450.
    assert (j_city["name"], j_city["name_zh"]) == ("J City", "J市")
    assert j_city["overall"] == 25.0
    assert j_city["stage"] == "Initial"
    assert j_city["coverage"] == round(12431 / 21450, 4)
    assert j_city["dimensions"]["security"]["score"] is None
    assert j_city["indicators"]["policing-reform"]["level"] is None
    assert j_city["indicators"]["policing-reform"]["score"] is None
    top = j_city["indicators"]["top-level-design"]
    assert (top["dimension"], top["weight"], top["level"], top["score"]) == (
        "planning",
        2.0,
        1,
        25.0,
    )


def test_csv_has_a_bom_and_one_row_per_place(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    code, out, err = run(runner, "score", "--format", "csv")
    assert code == 0, err
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert rows[0][:7] == ["rank", "id", "name", "assessed", "overall", "stage", "coverage"]
    assert [r[1] for r in rows[1:]] == expected_order(rubric, profiles)


def test_csv_in_chinese(runner: CliRunner, in_tmp: Path) -> None:
    code, out, _ = run(runner, "score", "j-city", "--format", "csv", "--lang", "zh")
    assert code == 0
    assert "J市" in out
    assert "起步阶段" in out


def test_markdown(runner: CliRunner, in_tmp: Path, profiles: dict[str, Profile]) -> None:
    code, out, err = run(runner, "score", "--format", "markdown")
    assert code == 0, err
    assert out.startswith("# Scores · Smart policing maturity 1.0\n")
    assert "| # | Place | Overall | Stage | Coverage |" in out
    for profile in profiles.values():
        assert f"| {profile.name} |" in out


def test_lang_zh_gives_chinese_names(runner: CliRunner, in_tmp: Path) -> None:
    code, out, _ = run(runner, "score", "--lang", "zh")
    assert code == 0
    for text in ("综合得分", "阶段", "覆盖率", "J市", "统筹规划"):
        assert text in out


def test_no_color_gives_no_ansi_codes(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    code, coloured, _ = run(runner, "score")
    assert code == 0
    assert "\x1b[" in coloured  # FORCE_COLOR alone does colour: the check below means something
    monkeypatch.setenv("NO_COLOR", "1")
    code, plain, _ = run(runner, "score")
    assert code == 0
    assert "\x1b[" not in plain


# --- choosing places ------------------------------------------------------------------------


def test_score_by_id_lists_the_indicators(runner: CliRunner, in_tmp: Path, rubric: Rubric) -> None:
    # Wide enough that no name wraps (the layout at 80 columns: tests/cli/test_terminal.py).
    result = runner.invoke(app, ["score", "j-city"], env={"COLUMNS": "200"})
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code == 0, err
    assert "J City" in out and "Hangzhou" not in out
    for indicator in rubric.indicators.values():
        assert indicator.name in out
    assert "1 Initial" in out


def test_score_by_path(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(VALID / "profile-chinese.yaml", in_tmp / "mine.yaml")
    code, out, err = run(runner, "score", "mine.yaml", "--format", "json")
    assert code == 0, err
    assert [c["id"] for c in json.loads(out)["places"]] == ["zh-city"]


def test_score_by_bundled_path(runner: CliRunner, in_tmp: Path) -> None:
    path = bundled("cities") / "hangzhou.yaml"
    code, out, err = run(runner, "score", str(path), "--format", "json")
    assert code == 0, err
    assert [c["id"] for c in json.loads(out)["places"]] == ["hangzhou"]


def test_score_several_ids_keeps_only_those(runner: CliRunner, in_tmp: Path) -> None:
    code, out, _ = run(runner, "score", "j-city", "hangzhou", "--format", "json")
    assert code == 0
    assert sorted(c["id"] for c in json.loads(out)["places"]) == ["hangzhou", "j-city"]


def test_score_an_edited_copy_of_a_bundled_profile(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(bundled("cities") / "j-city.yaml", in_tmp / "j-city.yaml")
    code, out, err = run(runner, "score", "j-city.yaml", "--format", "json")
    assert (code, err) == (0, "")
    assert [c["id"] for c in json.loads(out)["places"]] == ["j-city"]


def test_score_a_profile_against_its_own_rubric(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copytree(VALID, in_tmp / "valid")
    code, out, err = run(
        runner,
        "score",
        "valid/profile-minimal.yaml",
        "--rubric",
        "valid/rubric-minimal.yaml",
        "-f",
        "csv",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[1].startswith("1,minimal-city,")


# --- bad input ------------------------------------------------------------------------------


def test_unknown_city_id(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "score", "j-citty")
    assert code == 2
    assert out == ""
    assert err == (
        "error: unknown city 'j-citty' (places in use: hangzhou, inner-mongolia, j-city, "
        "qingdao) (hint: did you mean 'j-city'? give the path of its profile (e.g. "
        "cities/j-citty.yaml or a folder), or @bundled for the places bundled with policebench)\n"
    )


def test_unknown_city_id_without_a_close_spelling(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "score", "atlantis")
    assert code == 2
    assert "unknown city 'atlantis'" in err
    assert "hangzhou" in err  # the known ids are listed


def test_missing_file(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "score", "nowhere.yaml")
    assert code == 2
    assert out == ""
    assert "nowhere.yaml: no such file" in err


def test_missing_rubric(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "score", "--rubric", "nowhere.yaml")
    assert code == 2
    assert out == ""
    assert "nowhere.yaml: no such rubric file or folder" in err


def test_invalid_rubric(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(INVALID / "rubric-stages-order.yaml", in_tmp / "r.yaml")
    code, out, err = run(runner, "score", "--rubric", "r.yaml")
    assert code == 2
    assert out == ""
    assert "r.yaml:12:11: stages must be in ascending order" in err


def _folder_with_one_bad(in_tmp: Path) -> Path:
    folder = in_tmp / "mine"
    folder.mkdir()
    shutil.copyfile(VALID / "profile-bom.yaml", folder / "bom.yaml")
    shutil.copyfile(VALID / "profile-chinese.yaml", folder / "chinese.yaml")
    shutil.copyfile(INVALID / "profile-level-range.yaml", folder / "range.yaml")
    return folder


def test_folder_with_one_bad_profile(runner: CliRunner, in_tmp: Path) -> None:
    _folder_with_one_bad(in_tmp)
    code, out, err = run(runner, "score", "mine", "--format", "csv")
    assert code == 2
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert sorted(r[1] for r in rows[1:]) == ["bom-city", "zh-city"]
    assert "mine/range.yaml:7:12: level 7 is outside the scale 0..4" in err
    assert "bom.yaml" not in err and "chinese.yaml" not in err


def test_strict_outputs_nothing(runner: CliRunner, in_tmp: Path) -> None:
    _folder_with_one_bad(in_tmp)
    code, out, err = run(runner, "score", "mine", "--strict")
    assert code == 2
    assert out == ""
    assert "mine/range.yaml:7:12" in err
    assert "--strict" in err


def test_bad_format_is_a_usage_error(runner: CliRunner, in_tmp: Path) -> None:
    code, out, _ = run(runner, "score", "--format", "xml")
    assert code == 2
    assert out == ""


def test_empty_cities_folder(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "cities").mkdir()
    code, out, err = run(runner, "score")
    assert code == 2
    assert out == ""
    assert "no profiles found" in err


# --- output files ---------------------------------------------------------------------------


def test_output_writes_the_file(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "score", "--format", "csv", "--output", "scores.csv")
    assert code == 0
    assert out == ""
    assert err == "wrote scores.csv\n"
    text = (in_tmp / "scores.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeffrank,id,name")
    assert len(text.strip().splitlines()) == 5
    assert not [p for p in in_tmp.iterdir() if p.name.endswith(".tmp")]


def test_output_table_has_no_colour(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, _, _ = run(runner, "score", "--output", "scores.txt")
    assert code == 0
    assert "\x1b[" not in (in_tmp / "scores.txt").read_text(encoding="utf-8")


def test_output_onto_an_input_is_refused(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(VALID / "profile-bom.yaml", in_tmp / "bom.yaml")
    before = (in_tmp / "bom.yaml").read_bytes()
    code, out, err = run(runner, "score", "bom.yaml", "--format", "json", "--output", "bom.yaml")
    assert code == 2
    assert out == ""
    assert "bom.yaml is one of the input files; refusing to overwrite it" in err
    assert (in_tmp / "bom.yaml").read_bytes() == before


def test_output_onto_the_bundled_rubric_is_refused(runner: CliRunner, in_tmp: Path) -> None:
    target = bundled("rubrics") / "smart-policing.yaml"
    before = target.read_bytes()
    code, _, err = run(runner, "score", "--format", "table", "--output", str(target))
    assert code == 2
    assert "refusing to overwrite" in err
    assert target.read_bytes() == before
    code, _, err = run(runner, "score", "--output", str(target))
    assert code == 2
    assert "cannot tell the output format" in err
    assert target.read_bytes() == before


# --- the working folder takes precedence ----------------------------------------------------


def test_local_rubrics_and_cities_take_precedence(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "rubrics").mkdir()
    (in_tmp / "cities").mkdir()
    shutil.copyfile(VALID / "rubric-minimal.yaml", in_tmp / "rubrics" / "minimal.yaml")
    shutil.copyfile(VALID / "profile-minimal.yaml", in_tmp / "cities" / "minimal-city.yaml")
    code, out, err = run(runner, "score", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["rubric"]["id"] == "minimal"
    assert [c["id"] for c in data["places"]] == ["minimal-city"]
    assert data["places"][0]["overall"] == 100.0


# --- never a traceback ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["score"],
        ["score", "--format", "json", "--lang", "zh"],
        ["score", "j-city", "--format", "markdown"],
        ["score", "nowhere"],
        ["score", "nowhere.yaml"],
        ["score", "nowhere/"],
        ["score", "."],
        ["score", "--rubric", "."],
        ["score", "--rubric", "nowhere"],
        ["score", "--output", "."],
        ["score", "--output", "no/such/folder/out.csv"],
        ["score", "--format"],
        ["score", "mine"],
        ["score", "mine/range.yaml", "--strict"],
        ["score", "--rubric", "mine/range.yaml"],
        ["score", "mine/binary.yaml"],
        ["validate", "mine"],
        ["validate", "mine/binary.yaml", "mine/gbk.yaml"],
        ["validate", "--rubric", "mine/gbk.yaml", "mine"],
    ],
)
def test_no_traceback_ever(runner: CliRunner, in_tmp: Path, args: list[str]) -> None:
    folder = _folder_with_one_bad(in_tmp)
    (folder / "binary.yaml").write_bytes(b"\x00\x01\x02PK")
    shutil.copyfile(INVALID / "profile-gbk.yaml", folder / "gbk.yaml")
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_profile_given_as_the_rubric(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(VALID / "profile-bom.yaml", in_tmp / "bom.yaml")
    code, out, err = run(runner, "score", "--rubric", "bom.yaml")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "bom.yaml:3:1: this is a profile (it names the rubric it is assessed against), not a "
        "rubric (hint: give a rubric file, e.g. rubrics/smart-policing.yaml) [not-a-rubric]",
        "1 error in 1 file",
    ]


def test_two_files_of_one_place_and_date_in_the_folder_stay_an_error(
    runner: CliRunner, in_tmp: Path
) -> None:
    (in_tmp / "cities").mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copyfile(bundled("cities") / "j-city.yaml", in_tmp / "cities" / name)
    code, _, err = run(runner, "score", "--format", "json")
    assert code == 2
    assert "duplicate profile: 'j-city'" in err


# --- values typed another way: read as meant, with a warning -----------------------------------

FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "forms"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_forms_score_exactly_as_the_canonical_profile(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    """`２`, `2级`, `Developing`, `中`, `未知`... score as 2, 2, 2, medium, null; the warnings
    say so on stderr (score shows them, unlike the evidence warnings), and the exit is 0."""
    monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
    monkeypatch.setattr("policebench.workspace.reading.PARALLEL_MIN", 1)
    for name in ("profile-forms.yaml", "profile-canonical.yaml"):
        shutil.copyfile(FORMS / name, in_tmp / name)
    outputs = {}
    for name in ("profile-forms.yaml", "profile-canonical.yaml"):
        for fmt in ("json", "csv"):
            code, out, err = run(runner, "score", name, "--format", fmt)
            assert code == 0, err
            outputs[name, fmt] = (out, err)
    for fmt in ("json", "csv"):
        assert outputs["profile-forms.yaml", fmt][0] == outputs["profile-canonical.yaml", fmt][0]
        assert outputs["profile-canonical.yaml", fmt][1] == ""
    err = outputs["profile-forms.yaml", "json"][1]
    assert (
        "profile-forms.yaml:11:12: warning: 'level' is '２' (full-width digits), read as 2" in err
    )
    assert "profile-forms.yaml:31:12: warning: 'level' is 'Developing'" in err
    assert "profile-forms.yaml:12:17: warning: 'confidence' is '中'" in err
    assert err.endswith("18 warnings in 1 file\n")
    (city,) = json.loads(outputs["profile-forms.yaml", "json"][0])["places"]
    assert city["indicators"]["top-level-design"]["level"] == 2
    assert city["indicators"]["policing-reform"]["level"] == 3  # 第３级
    assert city["indicators"]["network-interconnection"]["level"] is None  # 未知


def test_forms_in_a_folder_with_other_places(runner: CliRunner, in_tmp: Path) -> None:
    """Beside the bundled places, a profile with level names ranks as its canonical twin."""
    (in_tmp / "cities").mkdir()
    for name in ("j-city.yaml", "hangzhou.yaml"):
        shutil.copyfile(bundled("cities") / name, in_tmp / "cities" / name)
    shutil.copyfile(FORMS / "profile-forms.yaml", in_tmp / "cities" / "forms-city.yaml")
    code, typed, _ = run(runner, "score", "--format", "csv")
    assert code == 0
    shutil.copyfile(FORMS / "profile-canonical.yaml", in_tmp / "cities" / "forms-city.yaml")
    code, canonical, err = run(runner, "score", "--format", "csv")
    assert code == 0 and err == ""
    assert typed == canonical
    assert "forms-city" in typed


def test_places_with_nothing_known_are_not_ranked(runner: CliRunner, in_tmp: Path) -> None:
    """Two new profiles, nothing filled in: neither is ranked 1 or 2 (no overall to rank
    by), and the caption says why."""
    for place in ("my-city", "other-city"):
        result = runner.invoke(app, ["new", place, "--name", place.title()])
        assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["score", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| —")]
    assert len(rows) == 2
    assert "—: no level known, so no overall and no rank." in result.stdout
    result = runner.invoke(app, ["score", "--format", "json"])
    assert [p["rank"] for p in json.loads(result.stdout)["places"]] == [None, None]
