"""workspace: what `score` and friends report of the profiles they read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.workspace.inputs import bundled


@pytest.fixture
def broken(in_tmp: Path) -> Path:
    """./cities: Hangzhou, and J City with a misspelt key and a misspelt indicator id."""
    (in_tmp / "cities").mkdir()
    shutil.copyfile(bundled("cities") / "hangzhou.yaml", in_tmp / "cities" / "hangzhou.yaml")
    text = (bundled("cities") / "j-city.yaml").read_text(encoding="utf-8")
    assert "  data-governance:" in text and "\nassessed:" in text
    text = text.replace("  data-governance:", "  data-governence:", 1)
    text = text.replace("\nassessed:", "\nasessed:", 1)
    (in_tmp / "cities" / "j-city.yaml").write_text(text, encoding="utf-8")
    return in_tmp


@pytest.mark.parametrize("workers", ["1", "2"])
def test_score_names_a_misspelt_indicator_of_a_broken_profile_as_validate_does(
    runner: CliRunner, broken: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    # With its model broken (a misspelt key), J City's indicator ids are still checked, so
    # both mistakes come out in one run, in score as in validate, read here or in a pool.
    monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
    monkeypatch.setattr("policebench.workspace.reading.PARALLEL_MIN", 1)
    score = runner.invoke(app, ["score"])
    validate = runner.invoke(app, ["validate"])
    assert score.exit_code == validate.exit_code == 2
    assert "Hangzhou" in score.stdout  # the valid place is still scored
    assert "unknown key 'asessed'" in score.stderr
    assert "unknown indicator 'data-governence'" in score.stderr
    assert "did you mean 'data-governance'?" in score.stderr
    mistakes = [line for line in validate.stderr.splitlines() if line.startswith("cities/")]
    assert mistakes == [line for line in score.stderr.splitlines() if line.startswith("cities/")]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_broken_profile_s_levels_and_targets_out_of_scale_come_with_its_other_problems(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    """A model that fails (a key misspelt) still has its levels and targets checked against
    the rubric's scale, in score as in validate, read here or in a pool: a planner fixes all
    in one go, not the level a run later. A level marked not applicable, or not a whole
    number (the model's own error), is left to those checks. An entry valid on its own gets
    all the rubric's checks (no confidence, not applicable without a reason); one with a
    misspelt key only the model's word on it."""
    monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
    monkeypatch.setattr("policebench.workspace.reading.PARALLEL_MIN", 1)
    (in_tmp / "cities").mkdir()
    shutil.copyfile(bundled("cities") / "hangzhou.yaml", in_tmp / "cities" / "hangzhou.yaml")
    (in_tmp / "cities" / "x.yaml").write_text(
        "id: x\nrubric: smart-policing\nassessed: 2026-11-01\nindicators:\n"
        "  data-governance: {level: 7}\n"
        "  top-level-design: {level: 2.5}\n"
        "  partnerships: {applicable: false, level: 9}\n"
        "  data-sharing: {level: 2, sources: [{title: Plan, url: nowhere}]}\n"
        "  usability: {level: 1, confidance: low}\n"
        "targets:\n  data-governance: 8\n",
        encoding="utf-8",
    )
    score = runner.invoke(app, ["score"])
    validate = runner.invoke(app, ["validate"])
    assert score.exit_code == validate.exit_code == 2
    mistakes = [line for line in validate.stderr.splitlines() if line.startswith("cities/")]
    assert mistakes == [line for line in score.stderr.splitlines() if line.startswith("cities/")]
    text = "\n".join(mistakes)
    assert "cities/x.yaml:1:1: missing required key 'name'" in text
    assert "cities/x.yaml:5:28: level 7 is outside the scale 0..4" in text
    assert "cities/x.yaml:11:20: target 8 is outside the scale 0..4" in text
    assert "level 9" not in text and "level 2.5 is outside" not in text
    assert "cities/x.yaml:7:18: 'partnerships' is marked not applicable without a reason" in text
    assert "cities/x.yaml:8:3: 'data-sharing' has a level but no confidence" in text
    assert "cities/x.yaml:9:25: unknown key 'confidance'" in text
    assert "'usability' has a level but no confidence" not in text


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("use_cache", [True, False])
def test_without_keeping_models_the_cards_are_the_same_and_no_model_is_held(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, workers: str, use_cache: bool
) -> None:
    """``open_workspace(keep_models=False)`` (score, sensitivity): each profile read afresh
    is checked and scored as it comes, read here or in a pool, cache on or off; its model
    is not held (one at a time, not thousands), and made again when asked for."""
    from policebench.scoring import score
    from policebench.workspace import cache, open_workspace

    monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
    monkeypatch.setattr("policebench.workspace.reading.PARALLEL_MIN", 1)
    monkeypatch.setenv(cache.DIR_VARIABLE, str(in_tmp / "cache"))
    if use_cache:
        monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    shutil.copytree(bundled("cities"), in_tmp / "cities")
    lean = open_workspace(keep_models=False)
    assert sorted(lean.made_cards) == sorted(lp.source.sha256 for lp in lean.selected)
    if workers == "2":  # from a worker a profile comes as JSON, made a model when used
        assert all(lp._profile is None for lp in lean.selected)
    lean_cards = lean.scorecards(lean.selected)
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    full = open_workspace()
    assert lean_cards == full.scorecards(full.selected)
    assert lean_cards == [score(full.rubric, lp.profile) for lp in full.selected]
    assert [lp.profile for lp in lean.selected] == [lp.profile for lp in full.selected]


def test_without_keeping_models_only_the_places_asked_for_are_scored_as_they_come(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from policebench.workspace import cache, open_workspace

    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    shutil.copytree(bundled("cities"), in_tmp / "cities")
    ws = open_workspace(["hangzhou"], keep_models=False)
    assert [lp.id for lp in ws.selected] == ["hangzhou"]
    assert list(ws.made_cards) == [ws.selected[0].source.sha256]
    # A peer's card, not made then, is made when asked for.
    (peer,) = ws.scorecards(ws.peers[:1])
    assert peer.city_id == ws.peers[0].id


def test_a_place_whose_file_is_too_broken_to_give_its_id_is_not_called_unknown(
    runner: CliRunner, in_tmp: Path
) -> None:
    """`new my-city`, then a full-width colon typed in it: `report my-city` shows that
    problem, not "unknown place 'my-city' (places in use: none)"."""
    assert runner.invoke(app, ["new", "my-city", "--name", "My City"]).exit_code == 0
    path = in_tmp / "cities" / "my-city.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    level: null", "    level：2", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["report", "my-city", "-o", "r.html"])
    assert result.exit_code == 2
    assert "full-width colon" in result.stderr and "unknown city" not in result.stderr
    assert not (in_tmp / "r.html").exists()
