"""`inputs.find_rubric`: a rubric file in the folder that cannot be read (a half-edited draft).

The wanted rubric found among the readable files is used and the draft is a warning (exit 0);
the wanted rubric not found is an error that lists the draft's problems; ``validate`` still
reports the draft as an error. Every run happens in an empty temporary folder (``in_tmp``).
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.errors import InvalidInput, UserError
from policebench.models import Profile
from policebench.readers.yaml import detached
from policebench.workspace.inputs import Loaded, LoadedProfile, bundled, find_rubric

VALID = Path(__file__).resolve().parent.parent / "fixtures" / "valid"
DRAFT = "id: broken\nname: [unclosed\n"
#: Where libyaml stops in DRAFT: the end of the file, line 3, column 1.
DRAFT_AT = "rubrics/draft.yaml:3:1:"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(in_tmp: Path) -> Path:
    """./rubrics with the bundled rubric and a broken draft beside it; ./cities with J City."""
    (in_tmp / "rubrics").mkdir()
    (in_tmp / "cities").mkdir()
    shutil.copyfile(
        bundled("rubrics") / "smart-policing.yaml", in_tmp / "rubrics" / "smart-policing.yaml"
    )
    (in_tmp / "rubrics" / "draft.yaml").write_text(DRAFT, encoding="utf-8")
    shutil.copyfile(bundled("cities") / "j-city.yaml", in_tmp / "cities" / "j-city.yaml")
    return in_tmp


@pytest.mark.parametrize("command", [["score"], ["gaps", "j-city"], ["compare", "j-city"]])
def test_draft_beside_the_wanted_rubric_is_a_warning(
    runner: CliRunner, folder: Path, command: list[str]
) -> None:
    code, out, err = run(runner, *command)
    assert code == 0, err
    assert "J City" in out
    lines = err.splitlines()
    assert lines[0].startswith(f"{DRAFT_AT} warning: rubric file not used: YAML syntax")
    assert "(hint: " in lines[0]
    assert lines[1:] == ["1 warning in 1 file"]


def test_score_with_the_draft_gives_the_same_scores_as_without(
    runner: CliRunner, folder: Path
) -> None:
    code, with_draft, _ = run(runner, "score", "--format", "json")
    assert code == 0
    (folder / "rubrics" / "draft.yaml").unlink()
    code, without, err = run(runner, "score", "--format", "json")
    assert code == 0
    assert err == ""
    assert with_draft == without


def test_strict_is_not_stopped_by_a_rubric_not_used(runner: CliRunner, folder: Path) -> None:
    code, out, err = run(runner, "score", "--strict")
    assert code == 0, err
    assert "J City" in out
    assert "nothing written" not in err


def test_rubric_folder_given_with_option(runner: CliRunner, folder: Path) -> None:
    moved = folder / "elsewhere"
    (folder / "rubrics").rename(moved)
    code, out, err = run(runner, "score", "--rubric", str(moved))
    assert code == 0, err
    assert "J City" in out
    assert err.startswith("elsewhere/draft.yaml:3:1: warning: rubric file not used:")


def test_find_rubric_returns_the_draft_as_warnings(folder: Path) -> None:
    rubric, source = find_rubric(None, ["smart-policing"])
    assert rubric.id == "smart-policing"
    assert source.name == "rubrics/smart-policing.yaml"
    assert [(w.file, w.line, w.column, w.severity) for w in source.warnings] == [
        ("rubrics/draft.yaml", 3, 1, "warning")
    ]
    (folder / "rubrics" / "draft.yaml").unlink()
    assert find_rubric(None, ["smart-policing"])[1].warnings == ()


def test_no_profile_names_a_rubric_the_readable_one_is_used(folder: Path) -> None:
    (folder / "rubrics" / "smart-policing.yaml").unlink()
    shutil.copyfile(VALID / "rubric-minimal.yaml", folder / "rubrics" / "minimal.yaml")
    rubric, source = find_rubric(None, [])
    assert rubric.id == "minimal"
    assert [w.file for w in source.warnings] == ["rubrics/draft.yaml"]


def test_wanted_rubric_not_found_lists_the_unreadable_files(
    runner: CliRunner, folder: Path
) -> None:
    (folder / "rubrics" / "smart-policing.yaml").unlink()
    shutil.copyfile(VALID / "rubric-minimal.yaml", folder / "rubrics" / "minimal.yaml")
    code, out, err = run(runner, "score")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("rubrics: no readable rubric with id 'smart-policing'")
    assert "'minimal'" in lines[0]
    assert "rubrics/draft.yaml" in lines[0]
    assert lines[1].startswith(f"{DRAFT_AT} YAML syntax")  # an error here, not a warning
    assert lines[2:] == ["2 errors in 2 files"]


def test_only_the_draft_wanted_rubric_not_found(folder: Path) -> None:
    (folder / "rubrics" / "smart-policing.yaml").unlink()
    with pytest.raises(InvalidInput) as caught:
        find_rubric(None, ["smart-policing"])
    problems = caught.value.problems
    assert "no readable rubric with id 'smart-policing'" in problems[0].message
    assert [(p.file, p.line, p.column, p.severity) for p in problems[1:]] == [
        ("rubrics/draft.yaml", 3, 1, "error")
    ]


def test_several_readable_rubrics_none_wanted_is_still_a_user_error(folder: Path) -> None:
    (folder / "rubrics" / "draft.yaml").unlink()
    shutil.copyfile(VALID / "rubric-minimal.yaml", folder / "rubrics" / "minimal.yaml")
    with pytest.raises(UserError, match="several rubrics and none named other"):
        find_rubric(None, ["other"])


def test_two_rubrics_with_one_id_the_first_by_name_is_used_and_the_other_named(
    runner: CliRunner, folder: Path
) -> None:
    # The first file by name is used (as before); the other is a warning at its id, since
    # a copy left beside a new version would otherwise be scored with silently.
    (folder / "rubrics" / "draft.yaml").unlink()
    shutil.copyfile(folder / "rubrics" / "smart-policing.yaml", folder / "rubrics" / "a-copy.yaml")
    lines = (folder / "rubrics" / "smart-policing.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("id:"))
    at = f"rubrics/smart-policing.yaml:{line}:5"
    _, source = find_rubric(None, ["smart-policing"])
    assert source.name == "rubrics/a-copy.yaml"
    (twin,) = source.warnings
    assert twin.severity == "warning" and twin.code == "duplicate-rubric-id"
    assert str(twin).startswith(f"{at}: warning: rubric id")
    assert "rubrics/a-copy.yaml, which is used" in twin.message
    code, out, err = run(runner, "score")
    assert code == 0, err
    assert "J City" in out
    assert f"{at}: warning: rubric id 'smart-policing'" in err


def test_validate_still_reports_the_draft_as_an_error(runner: CliRunner, folder: Path) -> None:
    code, _, err = run(runner, "validate")
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith(f"{DRAFT_AT} YAML syntax")
    assert "warning" not in lines[0]
    assert "1 error in 1 file" in err


def test_new_shows_the_draft_as_a_warning_and_writes_the_profile(
    runner: CliRunner, folder: Path
) -> None:
    code, _, err = run(runner, "new", "x-city", "--name", "X City", "-o", "cities/x-city.yaml")
    assert code == 0, err
    assert f"{DRAFT_AT} warning: rubric file not used" in err
    assert (folder / "cities" / "x-city.yaml").exists()


def test_a_rubric_warning_is_passed_on_not_a_stop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rubric check that warns (none does today) must not stop score with exit 2."""
    import policebench.workspace.inputs as inputs
    from policebench.problems import Problem

    warning = Problem("r.yaml", 3, 1, "a warning", "", "some-warning", "warning")
    monkeypatch.setattr(inputs, "check_rubric", lambda rubric, doc: [warning])
    # read afresh: a rubric the run's cache already holds is not checked again
    monkeypatch.setenv("POLICEBENCH_NO_CACHE", "1")
    rubric, source, _ = inputs.load_rubric(bundled("rubrics") / "smart-policing.yaml")
    assert rubric.id == "smart-policing"
    assert source.warnings == (warning,)
    error = Problem("r.yaml", 3, 1, "an error", "", "some-error")
    monkeypatch.setattr(inputs, "check_rubric", lambda rubric, doc: [warning, error])
    with pytest.raises(InvalidInput):
        inputs.load_rubric(bundled("rubrics") / "smart-policing.yaml")


def test_a_transient_model_is_not_kept_and_the_same_as_the_kept_one(
    monkeypatch: pytest.MonkeyPatch, profiles: dict[str, Profile]
) -> None:
    text = profiles["j-city"].model_dump_json()
    made: list[str] = []
    real = Profile.model_validate_json

    def counted(payload: str) -> Profile:
        made.append(payload)
        return real(payload)

    monkeypatch.setattr(Profile, "model_validate_json", counted)
    path = bundled("cities") / "j-city.yaml"
    lp = LoadedProfile.cached(
        functools.partial(str, text),
        "j-city",
        dt.date(2026, 11, 24),
        Loaded(path, "j-city.yaml", ""),
        detached("j-city.yaml", path),
    )
    first = lp.transient()
    assert first == profiles["j-city"]
    assert lp.transient() == first and len(made) == 2  # made each time, never kept
    assert lp.profile == first and len(made) == 3
    assert lp.transient() is lp.profile and len(made) == 3  # once kept, that one
