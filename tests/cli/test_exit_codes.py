"""Every exit path through the real entry point (``policebench.cli:main`` and ``run_app``).

0 done; 2 bad input or usage, without a traceback; 70 an internal error, with the traceback
for the bug report; 130 on Ctrl-C; a reader that stops early (``| head -1``) is no failure
and prints no traceback. The values are :mod:`policebench.exitcodes`, and README says them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn

import pytest

from policebench import exitcodes, workspace
from policebench.cli import main
from policebench.cli.common import run_app

ROOT = Path(__file__).resolve().parent.parent.parent
SRC = ROOT / "src" / "policebench"


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """``policebench ARGS`` in this process, through ``main``; its exit code."""
    monkeypatch.setattr(sys, "argv", ["policebench", *args])
    with pytest.raises(SystemExit) as info:
        main()
    code = info.value.code
    assert isinstance(code, int), code
    return code


def raising(exc: BaseException) -> Any:
    def fail(*args: object, **kwargs: object) -> NoReturn:
        raise exc

    return fail


def test_the_values() -> None:
    assert (exitcodes.OK, exitcodes.BAD_INPUT, exitcodes.INTERNAL, exitcodes.INTERRUPTED) == (
        0,
        2,
        70,
        130,
    )
    assert exitcodes.BROKEN_PIPE == exitcodes.OK


def test_success_is_0(
    monkeypatch: pytest.MonkeyPatch, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(monkeypatch, "score", "--format", "csv") == exitcodes.OK
    out, err = capsys.readouterr()
    assert "j-city" in out
    assert err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "no-such-file.yaml"],  # bad input: a UserError's problems
        ["gaps", "no-such-place"],  # an unknown id
        ["score", "--format", "pdf"],  # usage: typer refuses the option
        ["score", "-o", "scores.html"],  # usage: a format the command does not write
    ],
)
def test_bad_input_is_2_without_a_traceback(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    in_tmp: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_main(monkeypatch, *args) == exitcodes.BAD_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip()
    assert "Traceback" not in err


def test_an_internal_error_is_70_with_the_traceback(
    monkeypatch: pytest.MonkeyPatch, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(workspace, "open_workspace", raising(RuntimeError("a bug")))
    assert run_main(monkeypatch, "score") == exitcodes.INTERNAL
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("policebench: internal error (a bug in policebench, not in your input)")
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: a bug" in err


def test_ctrl_c_in_a_command_is_130(
    monkeypatch: pytest.MonkeyPatch, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(workspace, "open_workspace", raising(KeyboardInterrupt()))
    assert run_main(monkeypatch, "score") == exitcodes.INTERRUPTED
    out, err = capsys.readouterr()
    assert (out, err) == ("", "interrupted\n")


def test_ctrl_c_outside_a_command_is_130(capsys: pytest.CaptureFixture[str]) -> None:
    """Before typer reaches a command (while it builds the parser, say), run_app answers."""
    with pytest.raises(SystemExit) as info:
        run_app(raising(KeyboardInterrupt()))
    assert info.value.code == exitcodes.INTERRUPTED
    assert capsys.readouterr().err == "interrupted\n"


def test_an_error_outside_a_command_is_70(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_app(raising(ValueError("broken")))
    assert info.value.code == exitcodes.INTERNAL
    err = capsys.readouterr().err
    assert "internal error" in err and "ValueError: broken" in err


class ClosedPipe:
    """A stdout whose reader has gone."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_stdout_in_a_command(
    monkeypatch: pytest.MonkeyPatch, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Caught in the command (typer would exit 1), and stdout has no file to silence."""
    monkeypatch.setattr(sys, "argv", ["policebench", "score"])
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == exitcodes.BROKEN_PIPE
    assert "Traceback" not in capsys.readouterr().err


def test_a_closed_stdout_outside_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run_app(raising(BrokenPipeError(32, "Broken pipe")))
    assert info.value.code == exitcodes.BROKEN_PIPE
    assert capsys.readouterr().err == ""


def _pipe() -> tuple[int, int]:
    """A pipe, made small where the system allows, so the child's output overflows it."""
    read, write = os.pipe()
    try:
        import fcntl

        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux: the 80 kB report still overflows any pipe
    return read, write


def _child(args: list[str], stdout: int, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "policebench", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
    )


def _quiet(child: subprocess.Popen[bytes]) -> None:
    """The child ends with the documented code and nothing about the pipe on stderr."""
    _, err = child.communicate(timeout=120)
    stderr = err.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr
    assert "Exception ignored" not in stderr
    assert child.returncode == exitcodes.BROKEN_PIPE, stderr


@pytest.mark.skipif(os.name != "posix", reason="a broken pipe is a POSIX matter")
@pytest.mark.parametrize(
    "args",
    [
        ["compare"],
        ["report", "j-city", "--format", "html"],  # 80 kB: more than a pipe holds anywhere
    ],
)
def test_a_reader_that_stops_after_one_line(args: list[str], tmp_path: Path) -> None:
    """``policebench ARGS | head -1``: the exit code says done, and stderr stays quiet."""
    read, write = _pipe()
    child = _child(args, write, tmp_path)
    os.close(write)
    with os.fdopen(read, "rb", buffering=0) as reader:
        first = b""
        while not first.endswith(b"\n"):
            byte = reader.read(1)
            if not byte:
                break
            first += byte
    # The reader is gone: what the child writes from now on meets a broken pipe.
    assert first.strip()
    _quiet(child)


@pytest.mark.skipif(os.name != "posix", reason="a broken pipe is a POSIX matter")
@pytest.mark.parametrize("args", [["compare"], ["--version"]])
def test_a_reader_gone_before_the_first_line(args: list[str], tmp_path: Path) -> None:
    """The pipe is broken before anything is written (the fast --version path included)."""
    read, write = os.pipe()
    os.close(read)
    child = _child(args, write, tmp_path)
    os.close(write)
    _quiet(child)


def test_readme_says_the_exit_codes() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    line = readme[readme.index("Exit codes:") :].split("**")[0]
    for code, words in [
        (exitcodes.OK, "done"),
        (exitcodes.BAD_INPUT, "bad input or usage"),
        (exitcodes.INTERNAL, "an internal error"),
        (exitcodes.INTERRUPTED, "interrupted"),
    ]:
        assert f"{code} {words}" in line, (code, words, line)
    assert "stops early" in line  # the broken pipe, which exits OK


def test_every_exit_names_its_code() -> None:
    """No literal number in an exit: each comes from policebench.exitcodes."""
    literal = re.compile(r"(?:Exit|sys\.exit|SystemExit)\(\s*-?\d")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "exitcodes.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []
