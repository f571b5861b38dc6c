"""The real CLI in a pseudo-terminal of 80 and 120 columns, in English and Chinese: no table
cuts a cell ("…"), no line is wider than the terminal, names are never split, and every
cell of the table at full width is found whole in the narrow one (wrapped, never cut).

The oracle is the same command at 400 columns, where nothing wraps: each of its cells (spaces
aside) must be found in one column of the narrow output read top to bottom, whether the
narrow layout wrapped it, moved it into another column or split the table in two.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

HISTORY = Path(__file__).resolve().parent.parent / "fixtures" / "history"

COMMANDS = {
    "score": ["score"],
    "score-one": ["score", "j-city"],
    "compare": ["compare"],
    "gaps": ["gaps", "j-city"],
    "recommend": ["recommend", "j-city"],
    "trend": ["trend", "demo-county", str(HISTORY)],
    "sensitivity": ["sensitivity", "--samples", "300"],
    "evidence": ["evidence"],
}
PLACES = {
    "en": ["Qingdao", "Hangzhou", "Inner Mongolia", "J City"],
    "zh": ["青岛市", "杭州市", "内蒙古自治区", "J市"],
}
LOCALE = {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}


def env(lang: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "LC_ALL")}
    out.update(NO_COLOR="1", LANG=LOCALE[lang], TERM="xterm", PYTHONIOENCODING="utf-8")
    return out


def in_pty(args: list[str], columns: int, lang: str, cwd: Path) -> str:
    """The command's output in a pseudo-terminal ``columns`` wide (stdout is a terminal)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "policebench", *args, "--lang", lang],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env(lang),
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def piped(args: list[str], lang: str, cwd: Path, columns: int | None = None) -> str:
    environ = env(lang)
    if columns:
        environ["COLUMNS"] = str(columns)
    result = subprocess.run(
        [sys.executable, "-m", "policebench", *args, "--lang", lang],
        capture_output=True,
        cwd=cwd,
        env=environ,
        check=True,
    )
    return result.stdout.decode("utf-8")


def tables(text: str) -> list[list[list[str]]]:
    """Each box table of ``text`` as its rows of cells (header and body lines alike)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith(("┏", "┌")):
            current = []
            found.append(current)
        elif line.startswith(("┃", "│")) and current is not None:
            current.append([c.strip() for c in line.replace("┃", "│").split("│")[1:-1]])
        elif line.startswith("└"):
            current = None
    return found


def squeezed(text: str) -> str:
    return "".join(text.split())


def columns_read_down(text: str) -> list[str]:
    """Every column of every table, its lines joined top to bottom, spaces left out."""
    out = []
    for table in tables(text):
        for n in range(max(len(row) for row in table)):
            out.append("".join(squeezed(row[n]) for row in table if n < len(row)))
    return out


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("terminal")  # no ./cities: the bundled places


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_table_cuts_text_at_80_or_120_columns(command: str, lang: str, workdir: Path) -> None:
    args = COMMANDS[command]
    wide = piped(args, lang, workdir, columns=400)
    cells = [squeezed(c) for t in tables(wide) for row in t for c in row if squeezed(c)]
    assert cells, "the wide output has tables"
    for width in (80, 120):
        out = in_pty(args, width, lang, workdir)
        assert "…" not in out
        too_wide = [line for line in out.splitlines() if cell_len(line) > width]
        assert not too_wide, too_wide
        assert not [line for line in out.splitlines() if line.endswith(" ")]
        read_down = columns_read_down(out)
        missing = [c for c in cells if not any(c in column for column in read_down)]
        assert not missing, (width, missing)
        lines = out.splitlines()
        for place in PLACES[lang]:
            if place in wide:  # the place's name is on one line wherever it is shown
                assert any(place in line for line in lines), (width, place)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_place_names_are_never_split_in_any_table(lang: str, workdir: Path) -> None:
    """Wherever a cell holds a place's name at full width, the narrow cell holds all of it."""
    for args in (COMMANDS["score"], COMMANDS["compare"], COMMANDS["sensitivity"]):
        out = in_pty(args, 80, lang, workdir)
        names = {c for t in tables(out) for row in t for c in row}
        for place in PLACES[lang]:
            assert place in names, (args, place)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_piped_output_is_a_text_file_width_without_trailing_spaces(
    lang: str, workdir: Path
) -> None:
    for args in COMMANDS.values():
        out = piped(args, lang, workdir)
        lines = out.splitlines()
        assert max(cell_len(line) for line in lines) <= 100, args
        assert not [line for line in lines if line != line.rstrip()], args
        assert "…" not in out
