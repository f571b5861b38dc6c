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
