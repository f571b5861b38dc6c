"""Writing reports: atomically, and never over a planner's input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from policebench.errors import UserError
from policebench.paths import YAML_SUFFIXES, display


def write_atomic(path: Path, data: str | bytes, *, protected: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader (or a crash) sees the old file or the new one, never half of one. Refuses to
    replace an input file, or any existing YAML file (reports are never YAML, so one that
    exists is somebody's data).
    """
    target = path.resolve()
    if any(target == Path(p).resolve() for p in protected):
        raise UserError(
            f"{display(path)} is one of the input files; refusing to overwrite it",
            "choose another --output path",
        )
    if target.exists() and target.suffix.lower() in YAML_SUFFIXES:
        raise UserError(
            f"{display(path)} already exists and is a YAML file; refusing to overwrite it",
            "choose another --output path or remove the file first",
        )
    if target.is_dir():
        raise UserError(f"{display(path)} is a folder", "give a file name to --output")
    if not target.parent.is_dir():
        raise UserError(f"{display(path.parent)}: no such folder", "create it first")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
