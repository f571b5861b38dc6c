"""The validated-input cache: a profile whose bytes have not changed is parsed and validated once.

What is kept, per file content: the validated profile (as the JSON pydantic writes and reads
in Rust), its warnings (without the file name, which is the path of the moment), and the
``id`` and ``rubric`` the file gives. Keyed by the SHA-256 of the file's bytes and a
fingerprint of the code that validated it (policebench's version and the bytes of its
modules), so an edited file, an upgrade or a changed checkout is read afresh; nothing else
(rubric, path, time) goes into what is kept. Only profiles valid in themselves are kept:
broken files are rare and their problems are worded from their positions every time.

Beside them, per profile and rubric (keyed by the code's fingerprint and the SHA-256 of both
files), the profile's scorecard, written when a command scores it (``Workspace.scorecards``)
and only for profiles that passed the checks against that rubric: with it a warm ``score``
neither checks, scores nor validates a cached profile (``LoadedProfile`` validates the kept
JSON only when a command asks for the model). And beside the card, the place's part of the
score JSON as ``score --format json`` writes it (``ScoreJson``), so that a warm JSON run
joins text and revives no card (``Workspace.score_json``). A kept card is read back only
when it has exactly the shape this code writes, for this rubric's dimensions and indicators
in order (:func:`card_of`); anything else is a miss, and the place is scored afresh.

And per rubric file, the rubric that passed every check, with its warnings: made again from
its JSON without validating it (:func:`rubric_of`; pydantic would first build the rubric's
validator: loading the rubric took 26-31 ms of a command's start, 5-9 ms now), trusted as a
card is, only when every value has the type its field declares.

The store is SQLite from the standard library: one file, safe when two commands run at once
(WAL journal, a busy timeout), and no pickle, so a cache someone else can write can change no
code that runs, only data, which is validated again on the way in (profiles) or read back
only in the exact shape this code writes (scorecards, rubrics). A store that is truncated,
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
import datetime as dt
import functools
import hashlib
import itertools
import json
import os
import sqlite3
import stat
import sys
import threading
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel

from policebench import __version__
from policebench.messages import from_data, to_data
from policebench.models import Rubric
from policebench.problems import Problem
from policebench.readers.yaml import MAX_BYTES
from policebench.scoring import DimensionScore, IndicatorScore, Scorecard

_T = TypeVar("_T")

#: The environment variables that move the cache or turn it off.
DIR_VARIABLE = "POLICEBENCH_CACHE_DIR"
OFF_VARIABLE = "POLICEBENCH_NO_CACHE"
FILE_NAME = "validated-v3.sqlite3"
#: Files of earlier layouts this code no longer reads: removed when the current one is made.
_OLD_FILES = ("validated-v1.sqlite3", "validated-v2.sqlite3")
#: Entries beyond this many are dropped, oldest first, when the cache is written.
MAX_ENTRIES = 200_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    key TEXT PRIMARY KEY,
    warnings TEXT NOT NULL,
    raw_id TEXT,
    raw_rubric TEXT,
    place_id TEXT,
    assessed TEXT,
    profile TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scorecards (
    key TEXT PRIMARY KEY,
    card TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS score_json (
    key TEXT PRIMARY KEY,
    place TEXT NOT NULL,
    overall REAL,
    head TEXT NOT NULL,
    tail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rubrics (
    key TEXT PRIMARY KEY,
    warnings TEXT NOT NULL,
    rubric TEXT NOT NULL
);
"""
#: A profile's JSON (some 17 KB) comes last: SQLite reads a row's columns in order, through
#: every overflow page of a long one, so the small ones that ``score`` reads for 3,000
#: profiles would otherwise cost reading the 50 MB of JSON it never uses (0.12 s).
_COLUMNS = {
    "profiles": ["key", "warnings", "raw_id", "raw_rubric", "place_id", "assessed", "profile"],
    "scorecards": ["key", "card"],
    "score_json": ["key", "place", "overall", "head", "tail"],
    "rubrics": ["key", "warnings", "rubric"],
}


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
    from pydantic_core import __version__ as pydantic_core_version

    # pydantic-core too: it reads the models' JSON back, and validates it only under the
    # version that wrote it.
    digest = hashlib.sha256(f"{__version__} {pydantic_core_version}".encode())
    package = Path(__file__).resolve().parent.parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:32]


def sha_of_file(path: Path) -> str | None:
    """The SHA-256 of the file at ``path``; None for what the reader would refuse (not a
    plain file, over its size limit) or cannot read: the reader then says why."""
    try:
        info = path.stat()
        if info.st_size > MAX_BYTES or not stat.S_ISREG(info.st_mode):
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def key_of_sha(sha256: str) -> str:
    """The cache key of a file whose bytes have the SHA-256 ``sha256``, under this code."""
    return f"{fingerprint()}:{sha256}"


def card_key(profile_sha256: str, rubric_sha256: str) -> str:
    """The key of the scorecard of the profile file ``profile_sha256`` against the rubric
    file ``rubric_sha256``, under this code."""
    return f"{fingerprint()}:{profile_sha256}:{rubric_sha256}"


@dataclass(frozen=True)
class Entry:
    """What the cache keeps of one valid profile file (``profile_json`` is None as
    :meth:`Store.get` reads it: the JSON is fetched apart, when needed, by ``Payloads``)."""

    profile_json: str | None
    #: The warnings, each as its fields without ``file``.
    warnings: tuple[dict[str, Any], ...]
    raw_id: str | None
    raw_rubric: str | None
    #: The profile's id and date (ISO): what it is known by before it is validated.
    place_id: str | None = None
    assessed: str | None = None
    #: The warnings' fields made values again (``from_data``), when read from the cache.
    revived: tuple[dict[str, Any], ...] | None = field(default=None, compare=False, repr=False)

    def problems(self, file: str) -> list[Problem]:
        """The warnings again, placed in ``file`` (the name the file is shown by now)."""
        # Message and hint are catalogue data (messages.to_data): worded in --lang when shown.
        revived = self.revived if self.revived is not None else _revive(self.warnings)
        return [
            Problem(file, code=fields["code"], **{k: v for k, v in fields.items() if k != "code"})
            for fields in revived
        ]


def entry_of(
    profile_json: str,
    warnings: Iterable[Problem],
    raw_id: str | None,
    raw_rubric: str | None,
    place_id: str | None = None,
    assessed: str | None = None,
) -> Entry:
    kept = tuple(
        {f.name: to_data(getattr(p, f.name)) for f in dataclasses.fields(p) if f.name != "file"}
        for p in warnings
    )
    return Entry(profile_json, kept, raw_id, raw_rubric, place_id, assessed)


class ScoreJson(typing.NamedTuple):
    """A place's part of the score JSON (``render.scores.place_json``: the text before and
    after its rank), with what ranks it. Depends on the scorecard alone: kept beside it."""

    city_id: str
    overall: float | None
    head: str
    tail: str


class Store:
    """An open cache; every method fails soft (a miss, or nothing written)."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @property
    def active(self) -> bool:
        """Whether there is a cache to ask (off, or unusable, is not)."""
        return self._db is not None

    def get(self, keys: list[str]) -> dict[str, Entry]:
        """The entries found for ``keys``, without their profiles' JSON (a missing or
        unreadable entry is left out): 55 MB for 3,000 profiles that ``score`` never needs."""
        columns = "warnings, raw_id, raw_rubric, place_id, assessed"
        found: dict[str, Entry] = {}
        for key, *row in self._rows("profiles", columns, keys):
            entry = _entry(None, *row)
            if entry is not None:
                found[key] = entry
        return found

    def holds_profiles(self) -> bool:
        """Whether any profile is kept under this code (``key_of_sha``'s prefix): none after
        an upgrade or in a new cache, and then there is nothing to look up."""
        if self._db is None:
            return False
        prefix = f"{fingerprint()}:"
        try:  # a range on the primary key: its index answers, whatever the table's size
            query = "SELECT 1 FROM profiles WHERE key >= ? AND key < ? LIMIT 1"
            row = self._db.execute(query, (prefix, prefix[:-1] + ";")).fetchone()
        except sqlite3.Error:
            self._broken()
            return False
        return row is not None

    def payloads(self, keys: list[str]) -> dict[str, str]:
        """The profiles' JSON kept under ``keys`` (what :meth:`get` leaves out)."""
        return {k: text for k, text in self._rows("profiles", "profile", keys) if type(text) is str}

    def _rows(self, table: str, columns: str, keys: list[str]) -> list[tuple[Any, ...]]:
        """The rows of ``table`` under ``keys``: the key, then ``columns`` (none on failure)."""
        if self._db is None or not keys:
            return []
        rows: list[tuple[Any, ...]] = []
        try:
            for start in range(0, len(keys), 500):  # SQLite's limit on parameters
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, {columns} FROM {table} WHERE key IN ({marks})"
                rows += self._db.execute(query, chunk).fetchall()
        except sqlite3.Error:
            self._broken()
            return []
        return rows

    def put(self, entries: dict[str, Entry]) -> None:
        """Keep ``entries`` (written in one transaction; nothing on any failure)."""
        if self._db is None or not entries:
            return
        rows = [
            (
                key,
                json.dumps(e.warnings),
                e.raw_id,
                e.raw_rubric,
                e.place_id,
                e.assessed,
                e.profile_json,
            )
            for key, e in entries.items()
        ]
        self._write("profiles", rows)

    def get_cards(self, keys: list[str]) -> dict[str, str]:
        """The scorecards (as :func:`card_text` wrote them) found for ``keys``."""
        return {k: card for k, card in self._rows("scorecards", "card", keys) if type(card) is str}

    def put_cards(self, cards: dict[str, str]) -> None:
        """Keep scorecards by :func:`card_key` (one transaction; nothing on any failure)."""
        if self._db is not None and cards:
            self._write("scorecards", list(cards.items()))

    def get_score_json(self, keys: list[str]) -> dict[str, ScoreJson]:
        """The places' parts of the score JSON kept under ``keys`` (by :func:`card_key`), each
        only when its values have the types this code writes."""
        rows = self._rows("score_json", "place, overall, head, tail", keys)
        return {
            key: ScoreJson(place, overall, head, tail)
            for key, place, overall, head, tail in rows
            if type(place) is str
            and type(overall) in (float, _NONE)
            and type(head) is str
            and type(tail) is str
        }

    def put_score_json(self, parts: dict[str, ScoreJson]) -> None:
        """Keep places' parts of the score JSON by :func:`card_key` (one transaction)."""
        if self._db is not None and parts:
            self._write("score_json", [(key, *part) for key, part in parts.items()])

    def get_rubric(self, key: str) -> tuple[Rubric, Entry] | None:
        """The rubric kept under ``key``, and its entry (for its warnings: ``problems``);
        None when there is none, or not of the shape this code writes (:func:`rubric_of`)."""
        for _, warnings, text in self._rows("rubrics", "warnings, rubric", [key]):
            entry = _entry(text, warnings, None, None, None, None)
            rubric = None if entry is None else rubric_of(text)
            if entry is not None and rubric is not None:
                return rubric, entry
        return None

    def put_rubric(self, key: str, rubric: Rubric, warnings: Iterable[Problem]) -> None:
        """Keep a rubric that passed every check, and its warnings, under ``key``."""
        if self._db is not None:
            entry = entry_of(rubric.model_dump_json(), warnings, None, None)
            self._write("rubrics", [(key, json.dumps(entry.warnings), entry.profile_json)])

    def _write(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """``rows`` into ``table``, oldest rows beyond MAX_ENTRIES dropped; soft on failure."""
        assert self._db is not None
        marks = ", ".join("?" * len(_COLUMNS[table]))
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", rows)
                (count,) = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()
                if count > MAX_ENTRIES:
                    self._db.execute(
                        f"DELETE FROM {table} WHERE rowid IN "
                        f"(SELECT rowid FROM {table} ORDER BY rowid LIMIT ?)",
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


def _entry(
    profile: Any, warnings: Any, raw_id: Any, raw_rubric: Any, place_id: Any, assessed: Any
) -> Entry | None:
    """An entry from a row, or None when the row is not what this code writes."""
    if not (profile is None or isinstance(profile, str)) or not isinstance(warnings, str):
        return None
    if not all(v is None or isinstance(v, str) for v in (raw_id, raw_rubric, place_id, assessed)):
        return None
    try:
        fields = orjson.loads(warnings)
    except ValueError:
        return None
    if not isinstance(fields, list) or not all(isinstance(f, dict) for f in fields):
        return None
    try:  # messages of a catalogue this code does not have: a miss, as any foreign row
        revived = _revive(fields)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
    return Entry(profile, tuple(fields), raw_id, raw_rubric, place_id, assessed, revived)


def _revive(warnings: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """Each kept warning's fields as ``Problem`` takes them (the code as it is)."""
    return tuple(
        {k: v if k == "code" else from_data(v) for k, v in fields.items()} for fields in warnings
    )


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=2.0, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        # A table of another shape under our name (a foreign file): refuse it.
        for table, expected in _COLUMNS.items():
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            if columns != expected:
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


class Payloads:
    """The JSON of the profiles one reading found in the cache, fetched when one of them is
    first made a model, in batches that double: the key asked for and the next ones (in
    reading order, round to the start) not fetched yet, one, then two, four ... at a time.
    A command that makes a few models (the profiles a warm ``score`` checks again) fetches
    a few rows, not all 3,000 (some 50 MB of JSON); one that makes them all, in any order,
    fetches each once, in a dozen queries. Each is let go of as it is taken."""

    def __init__(self, keys: list[str]) -> None:
        self._keys = list(dict.fromkeys(keys))  # in reading order, each once
        self._place = {key: n for n, key in enumerate(self._keys)}
        self._asked: set[str] = set()
        self._found: dict[str, str] = {}
        self._batch = 1

    def take(self, key: str) -> str | None:
        """The JSON kept under ``key``; None when the cache no longer has it."""
        if key not in self._asked and key in self._place:
            start = self._place[key]
            following = itertools.chain(self._keys[start + 1 :], self._keys[:start])
            more = itertools.islice((k for k in following if k not in self._asked), self._batch - 1)
            batch = [key, *more]
            self._asked.update(batch)
            self._batch *= 2
            with opened() as store:
                self._found |= store.payloads(batch)
        return self._found.pop(key, None)


class Behind:
    """Profiles kept from a thread of their own while the command goes on (``with``: the
    thread is waited for when the block ends, its failure, if any, raised there).

    Writing 3,000 fresh profiles (some 55 MB of JSON) takes a cold ``score`` about 0.5 s,
    spent in SQLite, which lets go of the GIL: from here it overlaps checking and scoring
    them. The thread opens its own connection (one per thread, as sqlite3 wants); a write
    that fails leaves the cache without these entries, as :meth:`Store.put` does.
    """

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    def put(self, entries: dict[str, Entry]) -> None:
        """Keep ``entries`` too, from :meth:`start` (or when the block ends, at the latest)."""
        self._entries |= entries

    def start(self) -> None:
        """Start writing what was put (once; nothing to do for nothing)."""
        if self._thread is None and self._entries:  # put only with the cache on
            self._thread = threading.Thread(target=self._write, name="policebench-cache")
            self._thread.start()

    def _write(self) -> None:
        try:
            with opened() as store:
                store.put(self._entries)
        except BaseException as exc:  # a bug: raised where the block ends, not lost in a thread
            self._failure = exc

    def __enter__(self) -> Behind:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.start()
        if self._thread is not None:
            self._thread.join()
        self._entries = {}
        if self._failure is not None and exc_info[0] is None:
            raise self._failure


def _open() -> sqlite3.Connection | None:
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    path = where / FILE_NAME
    if not path.exists():
        _remove(where, _OLD_FILES)
    for attempt in range(2):
        try:
            return _connect(path)
        except sqlite3.OperationalError:
            return None  # locked by another command past the timeout, or unwritable: no cache
        except sqlite3.DatabaseError:
            # Corrupted, truncated or foreign: start again from an empty cache, once.
            if attempt == 0:
                _remove(where, [FILE_NAME])
        except (sqlite3.Error, OSError):
            return None
    return None


def _remove(where: Path, names: Iterable[str]) -> None:
    """The cache files ``names`` in ``where``, with their journals, where they exist."""
    for name in names:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                (where / (name + suffix)).unlink()


# ----------------------------------------------------------------- scorecards, as kept

_NONE: type = type(None)


def _signatures(*choices: tuple[type, ...]) -> frozenset[tuple[type, ...]]:
    """Every sequence of exact types a kept row may have (one choice per value)."""
    return frozenset(itertools.product(*choices))


#: The exact types of each kept value of a dimension and of an indicator, checked by
#: ``tuple(map(type, row)) in``: in C, and a bool is not taken for a number.
_DIM_TYPES = _signatures((str,), (float,), (float, _NONE), (float,), (bool,))
_IND_TYPES = _signatures(
    (str,),
    (str,),
    (float,),
    (int, _NONE),
    (float, _NONE),
    (float, _NONE),
    (str, _NONE),
    (bool,),
    (bool,),
    (bool,),
    (str, _NONE),
)


def card_text(card: Scorecard) -> str:
    """A scorecard as kept: its dimensions' and indicators' fields in rubric order, without
    the rubric's own parts (the stage follows from the overall score and the rubric, as
    :func:`card_of` finds it). Floats written as JSON read back as the same floats."""
    dims = [[getattr(d, name) for name in _DIM_FIELDS] for d in card.dimensions.values()]
    inds = [[getattr(i, name) for name in _IND_FIELDS] for i in card.indicators.values()]
    head: list[Any] = [card.city_id, card.city_name, card.city_name_zh, card.assessed.isoformat()]
    head += [card.overall, card.coverage]
    return orjson.dumps([*head, list(card.provisional), dims, inds]).decode()


#: The fields of a dimension's and an indicator's score, in the order they are kept.
_DIM_FIELDS = tuple(f.name for f in dataclasses.fields(DimensionScore))
_IND_FIELDS = tuple(f.name for f in dataclasses.fields(IndicatorScore))


def _revived(cls: type[_T], names: tuple[str, ...], values: list[Any]) -> _T:
    """An instance of the frozen dataclass ``cls`` with these field values, made as pickle
    makes one (its ``__dict__`` filled in, ``__init__`` not run): 75,000 indicator scores in
    0.05 s instead of 0.19 s. The values' types are checked by the caller."""
    made = object.__new__(cls)
    made.__dict__.update(zip(names, values, strict=True))
    return made


def card_of(text: str, rubric: Rubric) -> Scorecard | None:
    """The scorecard :func:`card_text` wrote, against ``rubric``; None for anything else (a
    row edited by hand, another rubric's): the place is then scored afresh."""
    try:
        (
            city_id,
            city_name,
            city_name_zh,
            assessed,
            overall,
            coverage,
            provisional,
            dims,
            inds,
        ) = orjson.loads(text)
        dimensions = {
            d[0]: _revived(DimensionScore, _DIM_FIELDS, d)
            for d in dims
            if tuple(map(type, d)) in _DIM_TYPES
        }
        indicators = {
            i[0]: _revived(IndicatorScore, _IND_FIELDS, i)
            for i in inds
            if tuple(map(type, i)) in _IND_TYPES
        }
        if (
            list(dimensions) != [d.id for d in rubric.dimensions]
            or list(indicators) != list(rubric.indicators)
            or len(dims) != len(dimensions)
            or len(inds) != len(indicators)
            or not isinstance(city_id, str)
            or not isinstance(city_name, str)
            or type(city_name_zh) not in (str, _NONE)
            or type(overall) not in (float, _NONE)
            or type(coverage) is not float
            or not isinstance(provisional, list)
            or not all(r in ("coverage", "opinions") for r in provisional)
        ):
            return None
        return Scorecard(
            city_id=city_id,
            city_name=city_name,
            assessed=dt.date.fromisoformat(assessed),
            overall=overall,
            stage=rubric.stage_for(overall),
            coverage=coverage,
            dimensions=dimensions,
            indicators=indicators,
            provisional=tuple(provisional),
            city_name_zh=city_name_zh,
        )
    except (ValueError, TypeError, KeyError):  # orjson.JSONDecodeError is a ValueError
        return None


# -------------------------------------------------------------------- rubrics, as kept


def rubric_of(text: str) -> Rubric | None:
    """The rubric whose JSON :meth:`Store.put_rubric` kept, made as it was without being
    validated again, so pydantic never builds the rubric's validator (in a fresh process,
    ``load_rubric`` 26-31 ms from the file, 5-9 ms from here). As with a kept scorecard,
    the JSON is trusted only when it has exactly the shape of the model's fields
    (:func:`_made`: every type as annotated, no key too many or missing); anything else is
    None, and the file is read and validated."""
    try:
        made = _made(Rubric, orjson.loads(text))
    except (ValueError, TypeError, KeyError):  # orjson.JSONDecodeError is a ValueError
        return None
    return made if isinstance(made, Rubric) else None


def _made(kind: Any, value: Any) -> Any:
    """``value``, as JSON gave it, as the field type ``kind`` holds it: a model made with
    ``model_construct`` from its fields, lists and dicts item by item (a dict's int keys
    from their text), None for an optional field; ValueError for a value of any other shape
    and for a type this does not know (the caller then validates the file)."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is typing.Annotated:
        return _made(args[0], value)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        fields = kind.model_fields
        if type(value) is not dict or value.keys() != fields.keys():
            raise ValueError(f"not the fields of {kind.__name__}")
        made = {name: _made(info.annotation, value[name]) for name, info in fields.items()}
        return kind.model_construct(**made)
    if origin in (typing.Union, types.UnionType):
        if value is None and _NONE in args:
            return None
        (only,) = [a for a in args if a is not _NONE]  # ValueError for a choice of two
        return _made(only, value)
    if origin is list and type(value) is list:
        return [_made(args[0], item) for item in value]
    if origin is dict and type(value) is dict:
        return {_key(args[0], k): _made(args[1], v) for k, v in value.items()}
    if origin is typing.Literal and value in args and type(value) is str:
        return value
    if kind in (str, int, float, bool) and type(value) is kind:
        return value
    raise ValueError(f"{value!r} is not a {kind}")


def _key(kind: Any, text: str) -> Any:
    """A dict key as the model holds it: text, or an int written as JSON writes it."""
    kind = typing.get_args(kind)[0] if typing.get_origin(kind) is typing.Annotated else kind
    if kind is str:
        return text
    if kind is int and text == str(int(text)):
        return int(text)
    raise ValueError(f"{text!r} is not a {kind} key")
