"""Shared fixtures: the bundled data, a CLI runner, and golden-file comparison.

Golden files live in tests/golden/. Regenerate them after an intended change with
``pytest --regen-golden`` and review the diff before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from policebench.models import Profile, Rubric
from policebench.readers.yaml import load
from policebench.workspace import bundled, load_rubric

# No test is timed (speed goals live in benchmarks/): Hypothesis's per-example deadline
# would fail a property on a loaded machine, not on a wrong answer.
settings.register_profile("policebench", deadline=None)
settings.load_profile("policebench")

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' validated-input cache is their own, shared by the whole run: commands run
    many times over the same files, so most reads after the first come from it (as a
    planner's do), and nothing is read from or left in the user's cache folder."""
    import os

    os.environ["POLICEBENCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("POLICEBENCH_NO_CACHE", None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current output.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: compare ``text`` with tests/golden/<name> (or rewrite it)."""
    regen = bool(request.config.getoption("--regen-golden"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if regen:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        assert path.exists(), f"missing golden file {path}; run pytest --regen-golden"
        expected = path.read_bytes().decode("utf-8")
        assert text == expected, f"output differs from {path}; if intended, pytest --regen-golden"

    return check


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric(bundled("rubrics") / "smart-policing.yaml")[0]


@pytest.fixture(scope="session")
def profiles() -> dict[str, Profile]:
    out = {}
    for path in sorted(bundled("cities").glob("*.yaml")):
        doc, _ = load(path)
        profile = Profile.model_validate(doc.data)
        out[profile.id] = profile
    return out


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so the bundled data (not ./rubrics, ./cities) is used."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    return tmp_path
