"""Messages a planner can act on (issue 12): each case under ``tests/fixtures/messages/`` with
the exact lines ``validate`` prints, in English (``NAME.expected``) and in Chinese
(``NAME.zh.expected``).

Each case is one of the ways a message used to fail the planner: the value repeated as its
own name (quoted, full-width and worded level keys), Python's words (a date shown as
``datetime.date(...)``, pydantic's "String should have at most 80 characters"), a number the
planner never wrote (YAML 1.1's ``010`` = 8 and ``1:30`` = 90), no hint for a quoted number,
full-width digits or ``1.5e2``, look-alike characters (a Cyrillic ``е``, the hyphen U+2010)
not named, a list of URLs where sources go, and an out-of-scale target not reported beside
its neighbours' type errors. The rubric cases are checked alone, the profiles against the
bundled rubric, each in an empty folder. The questionnaire case (a mixed-separator CSV) is in
``tests/cli/test_survey.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app

CASES = Path(__file__).resolve().parent / "fixtures" / "messages"
YAMLS = sorted(CASES.glob("*.yaml"))


def _stderr(runner: CliRunner, source: Path, folder: Path, lang: str) -> list[str]:
    shutil.copyfile(source, folder / source.name)
    result = runner.invoke(app, ["validate", source.name, "--lang", lang])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr.splitlines()


def test_every_case_has_both_expectations() -> None:
    assert len(YAMLS) >= 5
    for source in YAMLS:
        assert source.with_suffix(".expected").is_file(), source.name
        assert source.with_suffix(".zh.expected").is_file(), source.name


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("source", YAMLS, ids=lambda p: p.stem)
def test_the_exact_lines(source: Path, lang: str, runner: CliRunner, in_tmp: Path) -> None:
    suffix = ".expected" if lang == "en" else ".zh.expected"
    wanted = source.with_suffix(suffix).read_text(encoding="utf-8").splitlines()
    assert _stderr(runner, source, in_tmp, lang) == wanted


def test_no_message_repeats_the_value_as_its_name(runner: CliRunner, in_tmp: Path) -> None:
    lines = _stderr(runner, CASES / "rubric-level-keys.yaml", in_tmp, "en")
    assert not any("'1' is '1'" in line or "'２' is '２'" in line for line in lines)
    assert sum("the key" in line for line in lines) == 3


@pytest.mark.parametrize("source", YAMLS, ids=lambda p: p.stem)
def test_no_python_words(source: Path, runner: CliRunner, in_tmp: Path) -> None:
    printed = "\n".join(_stderr(runner, source, in_tmp, "en"))
    for word in ("datetime", "String should", "Input should", "dict object", "Undefined"):
        assert word not in printed
