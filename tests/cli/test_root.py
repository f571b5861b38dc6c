"""cli.root: a run registers only the command it names, and that changes nothing it shows."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.cli.root import COMMANDS, command_in

_ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "POLICEBENCH_NO_CACHE": "1"}


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=_ENV,
        timeout=120,
        check=False,
    )


def test_every_command_is_found_in_the_module_named_for_it() -> None:
    found = {
        info.name or info.callback.__name__: info.callback.__module__
        for info in app.registered_commands
        if info.callback
    }
    for group in app.registered_groups:
        (first, *_) = group.typer_instance.registered_commands
        assert first.callback is not None
        found[str(group.name)] = first.callback.__module__
    assert {name: module.rsplit(".", 1)[-1] for name, module in found.items()} == COMMANDS


def test_the_command_is_the_first_word_that_is_not_an_option() -> None:
    assert command_in(["--no-cache", "score", "j-city", "-f", "json"]) == "score"
    assert command_in(["--lang", "zh", "gaps", "j-city"]) == "gaps"
    assert command_in(["--lang=zh", "--no-cache", "trend"]) == "trend"
    assert command_in(["--help"]) is None
    assert command_in([]) is None


MAIN = "import sys; from policebench.cli import main; sys.argv[0] = 'policebench'; main()"
FULL = (
    "import sys; from policebench.cli.app import app; from policebench.cli.common import run_app;"
    " sys.argv[0] = 'policebench'; run_app(app)"
)


def test_a_run_registers_only_its_command() -> None:
    code = (
        "import sys; from policebench.cli.root import app, command_in, register;"
        " register(command_in(sys.argv[1:]));"
        " print(len(app.registered_commands), len(app.registered_groups))"
    )
    assert _run(code, "score", "--help").stdout.split() == ["1", "0"]
    assert _run(code, "--lang", "zh", "score").stdout.split() == ["1", "0"]
    assert _run(code, "weights", "ahp").stdout.split() == ["0", "1"]
    assert _run(code, "--help").stdout.split() == ["15", "2"]


@pytest.mark.parametrize(
    "args",
    [
        ["score", "--help"],
        ["weights", "--help"],
        ["report", "--lang", "zh", "--help"],
        ["--help"],
        ["--lang", "zh", "--help"],
        ["scroe"],
        ["score", "--format", "nope"],
    ],
)
def test_what_a_run_shows_is_what_the_whole_app_shows(args: list[str]) -> None:
    one, whole = _run(MAIN, *args), _run(FULL, *args)
    assert (one.returncode, one.stdout, one.stderr) == (
        whole.returncode,
        whole.stdout,
        whole.stderr,
    )
    assert one.stdout or one.stderr


def test_the_global_options_hold_for_the_run_and_leave_the_environment_as_it_was(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--lang and --no-cache set what POLICEBENCH_LANG and POLICEBENCH_NO_CACHE would, for
    the command run, and put them back after it (the next run in the same process)."""
    monkeypatch.delenv("POLICEBENCH_LANG", raising=False)
    monkeypatch.setenv("POLICEBENCH_NO_CACHE", "0")
    seen: dict[str, str | None] = {}

    @app.command("peek-env", hidden=True)
    def _peek() -> None:
        seen.update(
            lang=os.environ.get("POLICEBENCH_LANG"), cache=os.environ.get("POLICEBENCH_NO_CACHE")
        )

    try:
        result = runner.invoke(app, ["--lang", "zh", "--no-cache", "peek-env"])
    finally:
        app.registered_commands.pop()
    assert result.exit_code == 0, result.output
    assert seen == {"lang": "zh", "cache": "1"}
    assert "POLICEBENCH_LANG" not in os.environ
    assert os.environ["POLICEBENCH_NO_CACHE"] == "0"
