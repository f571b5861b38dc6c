"""Reports are written atomically and never over a planner's input.

The crash tests run the writer in a child process and SIGKILL it at the worst moments: with
the new report fully written to its temporary file but not yet renamed, and in the middle of
writing a large report. The previous report must be intact either way.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.cli.output import marked, write_atomic
from policebench.errors import UserError
from policebench.workspace import bundled

OLD = marked("previous report\n")  # a report policebench wrote: one it may replace


def _child(script: str, target: Path, signal_file: Path) -> subprocess.Popen[bytes]:
    code = textwrap.dedent(script).format(target=str(target), ready=str(signal_file))
    return subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)


def _wait_for(path: Path, proc: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            assert proc.stderr is not None
            raise AssertionError(f"the writer ended early: {proc.stderr.read().decode()}")
        assert time.monotonic() < deadline, "the writer never got there"
        time.sleep(0.01)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_between_write_and_rename_keeps_the_previous_report(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")
    ready = tmp_path / "ready"
    proc = _child(
        """
        import os, pathlib, time
        from policebench.cli import output

        rename = os.replace

        def stall(src, dst):  # the new report is complete in its temporary file
            # Say so with a file that appears whole (a rename), never half written.
            pathlib.Path({ready!r} + ".part").write_text(open(src).read()[:10])
            rename({ready!r} + ".part", {ready!r})
            time.sleep(60)

        output.os.replace = stall
        output.write_atomic(pathlib.Path({target!r}), "new report\\n" * 1000)
        """,
        target,
        ready,
    )
    _wait_for(ready, proc)
    proc.kill()
    proc.wait()
    assert ready.read_text() == "new report"  # it was killed with the new text written
    assert target.read_text(encoding="utf-8") == OLD
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("report.md", "ready")]
    assert all(n.startswith(".report.md.") and n.endswith(".tmp") for n in leftovers)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_while_writing_a_large_report_keeps_the_previous_report(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text(OLD, encoding="utf-8")
    ready = tmp_path / "ready"
    proc = _child(
        """
        import os, pathlib, time
        from policebench.cli import output

        real_fdopen = os.fdopen

        class Slow:  # writes the report in pieces, slowly, so the kill lands mid-way
            def __init__(self, handle):
                self.handle = handle
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                self.handle.close()
            def write(self, data):
                for i in range(0, len(data), 65536):
                    self.handle.write(data[i : i + 65536])
                    self.handle.flush()
                    if i == 65536 * 4:
                        pathlib.Path({ready!r}).touch()
                    time.sleep(0.01)
            def flush(self):
                self.handle.flush()
            def fileno(self):
                return self.handle.fileno()

        output.os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
        output.write_atomic(pathlib.Path({target!r}), "x" * 50_000_000)
        """,
        target,
        ready,
    )
    _wait_for(ready, proc)
    proc.kill()
    proc.wait()
    assert target.read_text(encoding="utf-8") == OLD


def test_a_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == marked("new\n")
    assert target.stat().st_mode & 0o777 == 0o600  # the reader's permissions are kept
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_a_failed_write_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text(OLD, encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


@pytest.mark.parametrize("name", ["old.yaml", "old.yml", "OLD.YAML"])
def test_an_existing_yaml_file_is_never_replaced(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text("id: mine\n", encoding="utf-8")
    with pytest.raises(UserError, match="is a YAML file"):
        write_atomic(target, "report\n")
    assert target.read_text(encoding="utf-8") == "id: mine\n"


# --- through the CLI ---------------------------------------------------------------------------


@pytest.fixture
def workdir(in_tmp: Path) -> Path:
    """A working folder with its own ./cities (two bundled profiles copied in)."""
    cities = in_tmp / "cities"
    cities.mkdir()
    for name in ("j-city.yaml", "hangzhou.yaml"):
        shutil.copy(bundled("cities") / name, cities / name)
    return in_tmp


def _score(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["score", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("target", ["cities/j-city.yaml", "./cities/../cities/hangzhou.yaml"])
def test_output_over_an_input_is_refused(runner: CliRunner, workdir: Path, target: str) -> None:
    before = {p: p.read_bytes() for p in (workdir / "cities").iterdir()}
    code, err = _score(runner, "--format", "csv", "--output", target)
    assert code == 2
    assert "is one of the input files; refusing to overwrite it" in err
    assert {p: p.read_bytes() for p in (workdir / "cities").iterdir()} == before


def test_output_over_an_input_through_a_link_is_refused(runner: CliRunner, workdir: Path) -> None:
    link = workdir / "report.csv"
    link.symlink_to(workdir / "cities" / "j-city.yaml")
    before = (workdir / "cities" / "j-city.yaml").read_bytes()
    code, err = _score(runner, "--format", "csv", "--output", "report.csv")
    assert code == 2 and "input files" in err
    assert (workdir / "cities" / "j-city.yaml").read_bytes() == before


def test_output_over_another_yaml_is_refused(runner: CliRunner, workdir: Path) -> None:
    (workdir / "notes.yaml").write_text("mine: true\n", encoding="utf-8")
    code, err = _score(runner, "--format", "json", "--output", "notes.yaml")
    assert code == 2 and "already exists and is a YAML file" in err
    assert (workdir / "notes.yaml").read_text(encoding="utf-8") == "mine: true\n"


def test_output_into_a_missing_folder_or_onto_a_folder(runner: CliRunner, workdir: Path) -> None:
    code, err = _score(runner, "--output", "nowhere/scores.txt")
    assert code == 2 and "no such folder" in err
    code, err = _score(runner, "--output", "cities")
    assert code == 2 and "is a folder" in err


def test_output_under_a_file_names_the_file(runner: CliRunner, workdir: Path) -> None:
    # "no such folder (create it first)" would send the planner to make a folder of a file.
    (workdir / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, err = _score(runner, "--output", "notes.txt/sub/scores.txt")
    assert code == 2 and "notes.txt is a file, not a folder" in err
    assert "no such folder" not in err
    assert (workdir / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    code, err = _score(runner, "--lang", "zh", "--output", "notes.txt/scores.txt")
    assert code == 2 and "notes.txt 是文件，不是文件夹" in err


def test_an_existing_report_is_replaced(runner: CliRunner, workdir: Path) -> None:
    (workdir / "scores.csv").write_text(OLD, encoding="utf-8")
    code, err = _score(runner, "--format", "csv", "--output", "scores.csv")
    assert code == 0, err
    text = (workdir / "scores.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("rank,id,name")
    assert sorted(p.name for p in workdir.iterdir()) == ["cities", "scores.csv"]


def test_a_folder_name_that_is_no_folder_is_refused_in_the_command_s_language(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o nodir/` is refused while options are parsed, before --lang is known to the
    command: the language is read from the command line."""
    args = ["score", "--lang", "zh", "-o", "nodir/"]
    monkeypatch.setattr("sys.argv", ["policebench", *args])
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    flat = re.sub(r"[\s│╭╮╰╯─]+", "", result.stderr)  # typer's panel, wrapped
    assert (
        "nodir/：没有此文件夹（以“/”结尾的名称表示文件夹）（提示：请先创建该文件夹，或给出文件名，"
        "例如reports/report.html）" in flat
    )


@given(st.text(min_size=0, max_size=200), st.data())
def test_a_marked_report_is_untouched_until_any_byte_changes(
    text: str, data: st.DataObject
) -> None:
    """Law: what marked() gives is untouched_text; change, add or drop any byte before or in
    the mark and it is not (nor is the text without its mark)."""
    from policebench.cli.output import untouched_text

    written = marked(text).encode("utf-8")
    assert untouched_text(written)
    assert not untouched_text(text.encode("utf-8"))
    k = data.draw(st.integers(0, len(written) - 2))  # any byte but the final newline
    changed = bytearray(written)
    changed[k] = (changed[k] + 1) % 256
    assert not untouched_text(bytes(changed))
    assert not untouched_text(written[:k] + written[k + 1 :])
