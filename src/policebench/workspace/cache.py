"""The validated-input cache: a profile whose bytes have not changed is parsed and validated once.

What is kept, per file content: the validated profile (as the JSON pydantic writes and reads
in Rust), its warnings (without the file name, which is the path of the moment), and the
``id`` and ``rubric`` the file gives. Keyed by the SHA-256 of the file's bytes and a
fingerprint of the code that validated it (policebench's version and the bytes of its
modules), so an edited file, an upgrade or a changed checkout is read afresh; nothing else
(rubric, path, time) goes into what is kept. Only profiles valid in themselves are kept:
broken files are rare and their problems are worded from their positions every time.

The store is SQLite from the standard library: one file, safe when two commands run at once
(WAL journal, a busy timeout), and no pickle, so a cache someone else can write can change no
code that runs, only data that is validated again on the way in. A store that is truncated,
corrupted, locked, foreign or unwritable is never an error and never a wrong answer: the
entry or the whole cache is ignored (and a corrupted file replaced), and the files are read
as if there were no cache.

Where: ``$POLICEBENCH_CACHE_DIR``, else the platform's cache folder (``$XDG_CACHE_HOME`` or
``~/.cache`` on Linux, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows) under
``policebench``. Off: ``POLICEBENCH_NO_CACHE=1`` or ``policebench --no-cache COMMAND``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policebench import __version__
from policebench.messages import from_data, to_data
from policebench.problems import Problem

#: The environment variables that move the cache or turn it off.
DIR_VARIABLE = "POLICEBENCH_CACHE_DIR"
OFF_VARIABLE = "POLICEBENCH_NO_CACHE"
FILE_NAME = "validated-v1.sqlite3"
#: Entries beyond this many are dropped, oldest first, when the cache is written.
MAX_ENTRIES = 200_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    key TEXT PRIMARY KEY,
    profile TEXT NOT NULL,
    warnings TEXT NOT NULL,
    raw_id TEXT,
    raw_rubric TEXT
)
"""


def folder() -> Path:
    """Where the cache lives (see the module's documentation)."""
    chosen = os.environ.get(DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "policebench"
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "policebench" / "Cache"
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else home / ".cache") / "policebench"


def enabled() -> bool:
    """Whether the cache is used: not when ``POLICEBENCH_NO_CACHE`` is set to a true value."""
    return os.environ.get(OFF_VARIABLE, "").strip().lower() not in ("1", "true", "yes", "on")


@functools.cache
def fingerprint() -> str:
    """The version and a hash of every module of the installed code: what a cached result
    depends on besides the file itself (computed once, in about 2 ms)."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:32]


def key_of_sha(sha256: str) -> str:
    """The cache key of a file whose bytes have the SHA-256 ``sha256``, under this code."""
    return f"{fingerprint()}:{sha256}"


@dataclass(frozen=True)
class Entry:
    """What the cache keeps of one valid profile file."""

    profile_json: str
    #: The warnings, each as its fields without ``file``.
    warnings: tuple[dict[str, Any], ...]
    raw_id: str | None
    raw_rubric: str | None

    def problems(self, file: str) -> list[Problem]:
        """The warnings again, placed in ``file`` (the name the file is shown by now)."""
        # Message and hint are catalogue data (messages.to_data): worded in --lang when shown.
        return [
            Problem(
                file,
                code=fields["code"],
                **{k: from_data(v) for k, v in fields.items() if k != "code"},
            )
            for fields in self.warnings
        ]


def entry_of(
    profile_json: str, warnings: Iterable[Problem], raw_id: str | None, raw_rubric: str | None
) -> Entry:
    kept = tuple(
        {f.name: to_data(getattr(p, f.name)) for f in dataclasses.fields(p) if f.name != "file"}
        for p in warnings
    )
    return Entry(profile_json, kept, raw_id, raw_rubric)


class Store:
    """An open cache; every method fails soft (a miss, or nothing written)."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @property
    def active(self) -> bool:
        """Whether there is a cache to ask (off, or unusable, is not)."""
        return self._db is not None

    def get(self, keys: list[str]) -> dict[str, Entry]:
        """The entries found for ``keys`` (a missing or unreadable entry is left out)."""
        if self._db is None or not keys:
            return {}
        found: dict[str, Entry] = {}
        try:
            for start in range(0, len(keys), 500):  # SQLite's limit on parameters
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT key, profile, warnings, raw_id, raw_rubric FROM profiles "
                    f"WHERE key IN ({marks})",
                    chunk,
                ).fetchall()
                for key, profile, warnings, raw_id, raw_rubric in rows:
                    entry = _entry(profile, warnings, raw_id, raw_rubric)
                    if entry is not None:
                        found[key] = entry
        except sqlite3.Error:
            self._broken()
            return {}
        return found

    def put(self, entries: dict[str, Entry]) -> None:
        """Keep ``entries`` (written in one transaction; nothing on any failure)."""
        if self._db is None or not entries:
            return
        rows = [
            (key, e.profile_json, json.dumps(e.warnings), e.raw_id, e.raw_rubric)
            for key, e in entries.items()
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO profiles VALUES (?, ?, ?, ?, ?)", rows)
                (count,) = self._db.execute("SELECT count(*) FROM profiles").fetchone()
                if count > MAX_ENTRIES:
                    self._db.execute(
                        "DELETE FROM profiles WHERE rowid IN "
                        "(SELECT rowid FROM profiles ORDER BY rowid LIMIT ?)",
                        (count - MAX_ENTRIES,),
                    )
        except sqlite3.Error:
            self._broken()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _broken(self) -> None:
        """A store that failed mid-run is not used again in this run."""
        self.close()


def _entry(profile: Any, warnings: Any, raw_id: Any, raw_rubric: Any) -> Entry | None:
    """An entry from a row, or None when the row is not what this code writes."""
    if not isinstance(profile, str) or not isinstance(warnings, str):
        return None
    if not all(v is None or isinstance(v, str) for v in (raw_id, raw_rubric)):
        return None
    try:
        fields = json.loads(warnings)
    except ValueError:
        return None
    if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
        return None
    try:  # messages of a catalogue this code does not have: a miss, as any foreign row
        for f in fields:
            from_data(f.get("message")), from_data(f.get("hint"))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
    return Entry(profile, tuple(fields), raw_id, raw_rubric)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=2.0, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(_SCHEMA)
        # A table of another shape under our name (a foreign file): refuse it.
        columns = [row[1] for row in db.execute("PRAGMA table_info(profiles)")]
        if columns != ["key", "profile", "warnings", "raw_id", "raw_rubric"]:
            raise sqlite3.DatabaseError("not a policebench cache")
        db.isolation_level = "DEFERRED"
    except BaseException:
        db.close()
        raise
    return db


@contextlib.contextmanager
def opened(use: bool = True) -> Iterator[Store]:
    """The cache for one command's reading (a store that does nothing when off or broken)."""
    if not (use and enabled()):
        yield Store(None)
        return
    store = Store(_open())
    try:
        yield store
    finally:
        store.close()


def _open() -> sqlite3.Connection | None:
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    path = where / FILE_NAME
    for attempt in range(2):
        try:
            return _connect(path)
        except sqlite3.OperationalError:
            return None  # locked by another command past the timeout, or unwritable: no cache
        except sqlite3.DatabaseError:
            # Corrupted, truncated or foreign: start again from an empty cache, once.
            if attempt == 0:
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        path.with_name(path.name + suffix).unlink()
        except (sqlite3.Error, OSError):
            return None
    return None
