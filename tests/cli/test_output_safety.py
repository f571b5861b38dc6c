"""Issue 12: the one output-safety rule and the I/O faults, through the real CLI.

Each case states its outcome exactly: the exit code, the phrase of the message (with the path
it names), and the files left untouched (compared byte for byte, and no temporary left).
Signals and the file-size limit need a real process: those run ``python -m policebench``.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policebench import exitcodes
from policebench.cli.app import app
from policebench.cli.output import marked
from policebench.workspace import bundled

OLD = marked("previous report\n").encode()  # a report policebench wrote


@pytest.fixture
def workdir(in_tmp: Path) -> Path:
    """A working folder with ./cities (two bundled profiles) and a copy of the templates."""
    cities = in_tmp / "cities"
    cities.mkdir()
    for name in ("j-city.yaml", "hangzhou.yaml"):
        shutil.copy(bundled("cities") / name, cities / name)
    shutil.copytree(bundled("templates"), in_tmp / "tpl")
    return in_tmp


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (names relative), with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


# --- never over an input, a template in use, a read-only file, a folder ---------------------


@pytest.mark.parametrize(
    "target",
    [
        "tpl/report.md.j2",  # the template the command reads
        "tpl/_gaps.md.j2",  # one it includes
        "tpl/_style.css.j2",
        "tpl/../tpl/report.html.j2",
        "tpl/new-part.md.j2",  # a new name a lookup would find
        "tpl/notes.txt",  # any file already there
    ],
)
def test_a_report_never_replaces_a_file_of_the_template_folder_in_use(
    runner: CliRunner, workdir: Path, target: str
) -> None:
    (workdir / "tpl" / "notes.txt").write_bytes(OLD)
    before = snapshot(workdir)
    code, err = run(
        runner, "report", "j-city", "--template-dir", "tpl", "-f", "markdown", "-o", target
    )
    assert code == exitcodes.BAD_INPUT
    assert "is inside the template folder in use (tpl) and is, or would be taken for, a " in err
    assert "template; refusing to write it" in err
    assert snapshot(workdir) == before


def test_a_new_report_beside_the_templates_is_written(runner: CliRunner, workdir: Path) -> None:
    """A new, non-template name in the template folder replaces nothing: it is written (and
    a template folder that is the working folder, --template-dir ., stays usable)."""
    code, err = run(runner, "report", "j-city", "--template-dir", "tpl", "-o", "tpl/out.md")
    assert code == exitcodes.OK, err
    code, err = run(runner, "report", "j-city", "--template-dir", ".", "-o", "out.md")
    assert code == exitcodes.OK, err
    assert (workdir / "out.md").read_text(encoding="utf-8").startswith("#")


def test_the_template_folder_refusal_in_chinese(runner: CliRunner, workdir: Path) -> None:
    code, err = run(
        runner,
        "compare",
        "--template-dir",
        "tpl",
        "-f",
        "markdown",
        "-o",
        "tpl/compare.md.j2",
        "--lang",
        "zh",
    )
    assert code == exitcodes.BAD_INPUT
    assert "位于正在使用的模板文件夹（tpl）中，是模板或会被当作模板，拒绝写入" in err


def test_a_report_beside_the_template_folder_is_written(runner: CliRunner, workdir: Path) -> None:
    code, err = run(runner, "report", "j-city", "--template-dir", "tpl", "-o", "report.md")
    assert code == exitcodes.OK, err
    assert (workdir / "report.md").read_text(encoding="utf-8").startswith("#")


def test_a_read_only_report_is_not_replaced(runner: CliRunner, workdir: Path) -> None:
    kept = workdir / "scores.md"
    kept.write_bytes(OLD)
    kept.chmod(0o444)
    code, err = run(runner, "score", "-o", "scores.md")
    assert code == exitcodes.BAD_INPUT
    assert "scores.md is read-only; refusing to replace it" in err
    assert "chmod u+w" in err
    assert kept.read_bytes() == OLD
    assert sorted(p.name for p in workdir.iterdir()) == ["cities", "scores.md", "tpl"]


def test_a_report_written_again_replaces_its_own_untouched_copy(
    runner: CliRunner, workdir: Path
) -> None:
    assert run(runner, "report", "j-city", "-o", "r.docx")[0] == 0
    first = (workdir / "r.docx").read_bytes()
    (workdir / "cities" / "hangzhou.yaml").unlink()  # the report changes: J City ranked alone
    assert run(runner, "report", "j-city", "-o", "r.docx")[0] == 0
    assert (workdir / "r.docx").read_bytes() != first


def _edited(package: bytes) -> bytes:
    """``package`` as an Office program saves it: every part rewritten, the time it was saved
    stamped in its properties, no zip comment."""
    import io
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = body.replace(b"2000-01-01T00:00:00Z", b"2026-12-04T09:30:00Z")
            dst.writestr(info.filename, body)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "name", "content"),
    [
        (["report", "j-city"], "r.docx", "edited"),  # saved again in Word
        (["score"], "s.xlsx", "edited"),  # saved again in Excel
        (["report", "j-city"], "r.docx", "foreign"),  # the planner's own document
        (["report", "j-city", "--format", "docx"], "notes.doc", "old"),  # Word 97-2003
        (["score", "--format", "xlsx"], "table.et", "old"),  # WPS's spreadsheet
        (["report", "j-city"], "r.html", "foreign"),  # a zip under another name, by its bytes
    ],
)
def test_an_office_document_policebench_did_not_leave_as_is_is_never_replaced(
    runner: CliRunner, workdir: Path, args: list[str], name: str, content: str
) -> None:
    target = workdir / name
    if content == "edited":
        assert run(runner, *args, "-o", name)[0] == 0
        target.write_bytes(_edited(target.read_bytes()))
    elif content == "foreign":
        target.write_bytes(_edited(_zip_of("word/document.xml", b"<w:document/>")))
    else:
        target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1016))
    kept = snapshot(workdir)
    code, err = run(runner, *args, "-o", name)
    assert code == exitcodes.BAD_INPUT
    assert f"{name} has no mark of a report policebench wrote, or was changed since" in err
    assert "choose another --output name" in err
    assert snapshot(workdir) == kept  # nothing written, no temporary left


def _zip_of(name: str, body: bytes) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(name, body)
    return out.getvalue()


def test_the_office_refusal_in_chinese(runner: CliRunner, workdir: Path) -> None:
    (workdir / "r.docx").write_bytes(_zip_of("word/document.xml", b"<w:document/>"))
    code, err = run(runner, "report", "j-city", "-o", "r.docx", "--lang", "zh")
    assert code == exitcodes.BAD_INPUT
    assert "错误：r.docx 没有 policebench 报告的写入标记，或写出后已被改动（可能是其他程序" in err
    assert "提示：请用 --output 另选文件名；如果其中的内容已不再需要，先删除该文件或给它改名" in err


@pytest.mark.parametrize("name", ["r.md", "r.html"])
def test_a_text_report_edited_since_is_never_replaced(
    runner: CliRunner, workdir: Path, name: str
) -> None:
    """A Markdown or HTML report ends with a mark of what policebench wrote: written again,
    its own copy is replaced; edited (one word, or line endings an editor's save changed),
    it is the planner's, and refused."""
    assert run(runner, "report", "j-city", "-o", name)[0] == 0
    written = (workdir / name).read_bytes()
    assert written.splitlines()[-1].startswith(b"<!-- policebench sha256:")
    stdout = runner.invoke(
        app, ["report", "j-city", "--format", name.split(".")[1].replace("md", "markdown")]
    ).stdout
    assert b"policebench sha256" not in stdout.encode()  # stdout is the report alone
    assert run(runner, "report", "j-city", "-o", name)[0] == 0
    assert (workdir / name).read_bytes() == written
    for edited in (written.replace(b"J City", b"J  City", 1), written.replace(b"\n", b"\r\n")):
        (workdir / name).write_bytes(edited)
        kept = snapshot(workdir)
        code, err = run(runner, "report", "j-city", "-o", name, "--lang", "zh")
        assert code == exitcodes.BAD_INPUT
        assert (
            f"{name} 没有 policebench 报告的写入标记，或写出后已被改动（可能是其他程序或早期版本"
            "写出的文件，或编辑后保存过），不会覆盖它" in err
        )
        assert snapshot(workdir) == kept


def test_a_planners_own_notes_are_never_replaced_but_a_table_or_data_file_is(
    runner: CliRunner, workdir: Path
) -> None:
    (workdir / "notes.md").write_text("# 我的笔记\n", encoding="utf-8")
    code, err = run(runner, "score", "-o", "notes.md")
    assert code == exitcodes.BAD_INPUT
    assert "notes.md has no mark of a report policebench wrote, or was changed since" in err
    assert (workdir / "notes.md").read_text(encoding="utf-8") == "# 我的笔记\n"
    for name in ("scores.csv", "scores.json", "scores.txt"):  # data: -o names the output
        (workdir / name).write_text("old\n", encoding="utf-8")
        assert run(runner, "score", "-o", name)[0] == 0
        assert (workdir / name).read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("name", ["r.md", "r.html", "r.docx", "s.xlsx"])
def test_a_copy_holding_what_is_about_to_be_written_or_nothing_is_replaced(
    runner: CliRunner, workdir: Path, name: str
) -> None:
    """No mark, nothing lost: the same report sent to stdout and redirected (or written by an
    earlier release, without a mark), and an empty file (a shell's '>' made it), are
    replaced; a different one without a mark is not."""
    args = ["score"] if name.endswith(".xlsx") else ["report", "j-city"]
    fmt = {"md": "markdown", "html": "html", "docx": "docx", "xlsx": "xlsx"}[name.split(".")[1]]

    def unmarked() -> bytes:
        """The report on stdout; a package as an earlier release wrote it: no comment."""
        data = runner.invoke(app, [*args, "--format", fmt]).stdout_bytes
        if fmt not in ("docx", "xlsx"):
            return data
        import io
        import zipfile

        buffer = io.BytesIO(data)
        with zipfile.ZipFile(buffer, "a") as package:
            package.comment = b""
        return buffer.getvalue()

    for existing in (unmarked(), b""):
        (workdir / name).write_bytes(existing)
        assert run(runner, *args, "-o", name)[0] == 0
    (workdir / "cities" / "hangzhou.yaml").unlink()  # another report: J City ranked alone
    (workdir / name).write_bytes(unmarked())
    (workdir / "cities" / "other.yaml").write_bytes(
        (bundled("cities") / "qingdao.yaml").read_bytes()
    )
    kept = snapshot(workdir)
    code, _ = run(runner, *args, "-o", name)
    assert code == exitcodes.BAD_INPUT
    assert snapshot(workdir) == kept


def test_a_link_named_as_a_report_guards_the_file_it_points_at(
    runner: CliRunner, workdir: Path
) -> None:
    (workdir / "notes.txt").write_text("我的笔记\n", encoding="utf-8")
    (workdir / "link.md").symlink_to(workdir / "notes.txt")
    code, err = run(runner, "report", "j-city", "-o", "link.md")
    assert code == exitcodes.BAD_INPUT and "notes.txt has no mark" in err  # the file it guards
    assert (workdir / "notes.txt").read_text(encoding="utf-8") == "我的笔记\n"


def test_a_report_that_cannot_be_read_is_not_replaced(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whose it is cannot be told: refused (a colleague's 0220 file, say; root reads all, so
    the read is made to fail)."""
    target = workdir / "r.md"
    assert run(runner, "report", "j-city", "-o", "r.md")[0] == 0
    kept = target.read_bytes()
    real_open = Path.open

    def unreadable(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == target.resolve() and "r" in (args[0] if args else kwargs.get("mode", "r")):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", unreadable)
    code, err = run(runner, "report", "j-city", "-o", "r.md")
    assert code == exitcodes.BAD_INPUT and "r.md has no mark" in err
    monkeypatch.undo()
    assert target.read_bytes() == kept


@pytest.mark.parametrize("raw", ["reports/", "reports//", "new/reports/"])
def test_a_trailing_slash_names_a_folder_that_must_exist(
    runner: CliRunner, workdir: Path, raw: str
) -> None:
    code, err = run(runner, "score", "-o", raw)
    assert code == exitcodes.BAD_INPUT
    flat = " ".join(err.replace("│", " ").split())  # the usage error comes in a box
    assert f"{raw}: no such folder (a name ending in '/' names a folder)" in flat
    assert not (workdir / "reports").exists() and not (workdir / "new").exists()


def test_a_trailing_slash_on_an_existing_folder_is_a_folder(
    runner: CliRunner, workdir: Path
) -> None:
    (workdir / "reports").mkdir()
    code, err = run(runner, "score", "-o", "reports/")
    assert code == exitcodes.BAD_INPUT
    assert "reports is a folder" in err
    assert list((workdir / "reports").iterdir()) == []


def test_new_with_a_trailing_slash_writes_no_file(runner: CliRunner, workdir: Path) -> None:
    code, err = run(runner, "new", "my-city", "--name", "My City", "-o", "drafts/")
    assert code == exitcodes.BAD_INPUT
    assert "drafts/: no such folder" in err
    assert not (workdir / "drafts").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_replaced_by_a_file(runner: CliRunner, workdir: Path) -> None:
    os.mkfifo(workdir / "pipe.txt")
    code, err = run(runner, "score", "-o", "pipe.txt")
    assert code == exitcodes.BAD_INPUT
    assert "pipe.txt is not a regular file" in err
    assert (workdir / "pipe.txt").is_fifo()


# --- I/O faults: a message naming the path, exit 2, the previous output intact --------------


def test_a_folder_that_cannot_be_listed(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """./cities unreadable (chmod 000; root reads it anyway, so the listing is made to fail
    as it does for a planner)."""
    real = os.scandir

    def scandir(path: Path):  # type: ignore[no-untyped-def]
        if Path(path).name == "cities":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, err = run(runner, "score")
    assert code == exitcodes.BAD_INPUT
    assert "error: permission denied: " in err and err.rstrip().count("\n") == 0
    assert str(workdir / "cities") in err
    assert "Traceback" not in err and "internal error" not in err


def test_a_folder_that_is_not_there_says_why_in_chinese(runner: CliRunner, workdir: Path) -> None:
    """The system's reason in the planner's words, not its English ("No such file or
    directory" in a Chinese message)."""
    result = runner.invoke(
        app, ["score", "-o", "/proc/scores.txt", "--lang", "zh"], env={"LANG": "zh_CN.UTF-8"}
    )
    assert result.exit_code == exitcodes.BAD_INPUT
    assert (
        "错误：/proc/scores.txt：文件或文件夹不存在（提示：请检查路径、磁盘和权限；未替换任何文件）"
        in result.stderr
    )
    assert "No such file" not in result.stderr


@pytest.mark.parametrize(
    ("err_no", "phrase"),
    [
        (errno.ENOSPC, "no space left on the disk while writing scores.txt"),
        (errno.EFBIG, "scores.txt: the output is larger than the file-size limit (ulimit -f)"),
        (errno.EACCES, "permission denied: scores.txt"),
        (errno.EROFS, "scores.txt is on a read-only disk or file system"),
    ],
)
def test_a_write_that_fails_keeps_the_previous_report(
    runner: CliRunner,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    err_no: int,
    phrase: str,
) -> None:
    (workdir / "scores.txt").write_bytes(OLD)
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            raise OSError(err_no, os.strerror(err_no))

    monkeypatch.setattr(
        "policebench.cli.output.os.fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode))
    )
    code, err = run(runner, "score", "-o", "scores.txt")
    assert code == exitcodes.BAD_INPUT
    assert phrase in err
    assert (workdir / "scores.txt").read_bytes() == OLD
    assert sorted(p.name for p in workdir.iterdir()) == ["cities", "scores.txt", "tpl"]


def test_a_read_only_output_folder(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file cannot be made (EACCES from mkstemp, as a planner's 0555 folder
    gives): the message names the report, not the hidden temporary."""
    out = workdir / "out"
    out.mkdir()

    def denied(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}x{suffix}")

    monkeypatch.setattr("policebench.cli.output.tempfile.mkstemp", denied)
    code, err = run(runner, "score", "-o", "out/scores.txt")
    assert code == exitcodes.BAD_INPUT
    assert "permission denied: out/scores.txt" in err and ".tmp" not in err
    assert list(out.iterdir()) == []


def test_an_unknown_os_error_is_still_a_bug(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the faults of the machine are translated: an errno policebench does not expect
    (EINVAL here) stays an internal error, so that a bug is not hidden."""

    def invalid(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr("policebench.cli.output.os.replace", invalid)
    result = runner.invoke(app, ["score", "-o", "scores.txt"])
    assert isinstance(result.exception, OSError)
    assert not (workdir / "scores.txt").exists()


def _policebench(args: list[str], cwd: Path, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "LANG": "en_US.UTF-8"}
    env.pop("LC_ALL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "policebench", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_a_file_size_limit_is_a_message_not_a_core_dump(workdir: Path) -> None:
    """``ulimit -f 1`` (1 KiB): SIGXFSZ would kill the process and leave the temporary."""
    (workdir / "report.md").write_bytes(OLD)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    proc = _policebench(["report", "j-city", "-o", "report.md"], workdir, preexec_fn=limit)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == exitcodes.BAD_INPUT, err
    assert b"report.md: the output is larger than the file-size limit (ulimit -f)" in err
    assert (workdir / "report.md").read_bytes() == OLD
    assert sorted(p.name for p in workdir.iterdir()) == ["cities", "report.md", "tpl"]


def test_a_full_disk_on_stdout(workdir: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "policebench", "score"],
            cwd=workdir,
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1", "LANG": "en_US.UTF-8"},
            timeout=120,
        )
    assert proc.returncode == exitcodes.BAD_INPUT
    assert b"no space left on the disk while writing standard output" in proc.stderr
    assert b"Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs SIGTERM")
def test_sigterm_mid_write_removes_the_temporary(workdir: Path) -> None:
    """A SIGTERM (``kill PID``, a closed terminal's SIGHUP alike) while the report is being
    written: the temporary file is removed and the previous report kept; exit 143."""
    target = workdir / "report.csv"
    target.write_bytes(OLD)
    ready = workdir / "ready"
    code = f"""
import os, pathlib, time
from policebench.cli import output
real = os.fdopen
class Slow:
    def __init__(self, h): self.h = h
    def __enter__(self): return self
    def __exit__(self, *e): self.h.close()
    def write(self, data):
        for i in range(0, len(data), 1 << 20):
            self.h.write(data[i : i + (1 << 20)]); self.h.flush()
            if i == 2 << 20: pathlib.Path({str(ready)!r}).touch()
            time.sleep(0.02)
    def flush(self): self.h.flush()
    def fileno(self): return self.h.fileno()
output.os.fdopen = lambda fd, mode: Slow(real(fd, mode))
output.write_atomic(pathlib.Path({str(target)!r}), "x" * 50_000_000)
"""
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.01)
    temporaries = [p for p in workdir.iterdir() if p.name.endswith(".tmp")]
    assert len(temporaries) == 1 and temporaries[0].stat().st_size >= 2 << 20
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in workdir.iterdir()) == ["cities", "ready", "report.csv", "tpl"]


def test_ctrl_c_mid_write_removes_the_temporary(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "scores.txt").write_bytes(OLD)
    real_fdopen = os.fdopen

    class Interrupted:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Interrupted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            self.handle.write(data[:100])  # type: ignore[attr-defined]
            raise KeyboardInterrupt

    monkeypatch.setattr(
        "policebench.cli.output.os.fdopen", lambda fd, mode: Interrupted(real_fdopen(fd, mode))
    )
    code, err = run(runner, "score", "-o", "scores.txt")
    assert code == exitcodes.INTERRUPTED
    assert "interrupted" in err
    assert (workdir / "scores.txt").read_bytes() == OLD
    assert sorted(p.name for p in workdir.iterdir()) == ["cities", "scores.txt", "tpl"]


def test_the_leftover_of_a_killed_run_goes_at_the_next_write(
    runner: CliRunner, workdir: Path
) -> None:
    """A SIGKILL leaves its hidden temporary (tests/cli/test_output.py shows that); the next
    write of the same report removes it once it is 10 minutes old, and a fresh one (a write
    that may still be running) is left alone."""
    stale = workdir / ".scores.txt.abc123.tmp"
    stale.write_bytes(b"x" * 2 * 1_048_576)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = workdir / ".scores.txt.def456.tmp"
    fresh.write_bytes(b"y")
    other = workdir / ".other.txt.abc123.tmp"
    other.write_bytes(b"z")
    os.utime(other, (old, old))
    code, err = run(runner, "score", "-o", "scores.txt")
    assert code == exitcodes.OK, err
    assert not stale.exists()
    assert fresh.exists() and other.exists()
