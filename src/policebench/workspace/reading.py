"""Reading many profiles fast: a pool of processes, the garbage collector paused, JSON transfer.

Apart from ``workspace`` because it is machinery, tuned for speed (docs/performance.md), that
has nothing to say about which files are read or what is done with them: it takes paths and
gives back each profile valid in itself, or its problems, in the order of the paths. For
``validate`` (``keep_documents``) it also gives back the documents of rubrics and of profiles
whose model failed; a valid profile's document is let go of (positions on demand) either way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policebench.errors import InvalidInput
from policebench.models import Assessment, Rubric
from policebench.parallel import requested_workers, usable_cores
from policebench.paths import display
from policebench.problems import Problem, sort_problems
from policebench.readers.yaml import Document, MendedInput, detach, detached
from policebench.validation.build import CHECKED_KEYS, build_profile, evidence_warnings
from policebench.validation.forms import level_names
from policebench.workspace import cache
from policebench.workspace.inputs import Loaded, LoadedProfile, is_weights, read_input


def profile_docs(paths: Iterable[Path]) -> tuple[list[tuple[Document, Loaded]], list[Problem]]:
    docs: list[tuple[Document, Loaded]] = []
    problems: list[Problem] = []
    with gc_paused():
        for path in paths:
            try:
                docs.append(read_input(path))
            except InvalidInput as exc:
                problems += exc.problems
    return docs, problems


@contextlib.contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while reading many files: the one GC policy.

    Reading allocates millions of small objects and creates no reference cycles, yet each
    allocation burst makes the collector walk everything loaded so far: with thousands of
    profiles that walk took a third of the run. Memory is still freed by reference counting.
    ``freeze``: what was read lives until the command ends, so it is frozen out of the
    collector's sight before it wakes; it is then not walked by the collection that waking
    would set off, nor by any later one (0.3 s and 0.5 s with thousands of profiles).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


#: From this many profiles on, they are read by a pool of processes, one per core.
PARALLEL_MIN = 200


@dataclass(frozen=True)
class ProfileRead:
    """What reading one profile file gave (picklable: it crosses from a worker process)."""

    #: The profile when it is valid in itself (not yet checked against the rubric).
    loaded: LoadedProfile | None
    #: Its problems: errors when ``loaded`` is None, else the evidence warnings.
    problems: list[Problem]
    #: The ``id`` and ``rubric`` the file gives, even when it is invalid (for hints and the
    #: choice of rubric).
    raw_id: str | None
    raw_rubric: str | None
    #: The whole document with its positions, read only for checks (``keep_documents``) and
    #: kept only where it is needed: a rubric, or a profile whose model failed (its raw
    #: indicator ids are checked against the rubric once that is known). Without
    #: ``keep_documents``, a profile whose model failed keeps only its indicator keys and
    #: their positions (:func:`outline`), for the same check. Otherwise None.
    document: Document | None = None
    #: For a profile refused only because a level may be one of the rubric's level names
    #: (``level: Developing``): where it was read from, to build it again with the rubric
    #: (:func:`with_rubric`); its whole ``document`` is kept for that. Otherwise None.
    pending: Loaded | None = None
    #: The JSON a valid profile crossed from a worker as (its model's own dump, which its
    #: ``LoadedProfile`` is made from when used): kept in the cache as it is, not dumped
    #: again. Not sent back to a worker.
    profile_json: str | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # From a worker a profile travels as JSON, which pydantic writes and reads in Rust:
        # pickling its hundred models one by one took a third of a worker's time. JSON holds
        # every valid profile exactly (the models refuse infinite and NaN numbers).
        lp = self.loaded
        if lp is None:
            fields = (lp, self.problems, self.raw_id, self.raw_rubric, self.document, self.pending)
            return (ProfileRead, fields)
        payload = lp.profile.model_dump_json()
        head = (payload, lp.id, lp.assessed.isoformat(), lp.source, lp.document)
        return (_revive, (*head, self.problems, self.raw_id, self.raw_rubric))


def _revive(
    payload: str,
    place_id: str,
    assessed: str,
    source: Loaded,
    document: Document,
    problems: list[Problem],
    raw_id: str | None,
    raw_rubric: str | None,
) -> ProfileRead:
    """A profile from a worker, made a model only when used (``LoadedProfile``): from its
    JSON, which the cache keeps too."""
    loaded = LoadedProfile.cached(
        functools.partial(str, payload), place_id, dt.date.fromisoformat(assessed), source, document
    )
    return ProfileRead(loaded, problems, raw_id, raw_rubric, profile_json=payload)


def is_rubric(doc: Document) -> bool:
    """Whether a document read among profiles is a rubric (``validate`` takes both)."""
    return isinstance(doc.data, dict) and ("dimensions" in doc.data or "scale" in doc.data)


def _read_profile(path: Path, keep_documents: bool = False) -> ProfileRead:
    """Read, parse and validate one profile on its own (no rubric needed).

    With ``keep_documents`` (for ``validate``), a rubric comes back as its document, not
    built as a profile, and a profile whose model fails keeps its document too.
    """
    try:
        doc, source = read_input(path)
    except InvalidInput as exc:
        return _mended_read(exc, keep_documents)
    raw = _raw(doc)
    if keep_documents and is_rubric(doc):
        return ProfileRead(None, [], *raw, doc)
    profile, problems, pending = build_profile(doc)
    if profile is None:
        if pending:
            return ProfileRead(None, problems, *raw, doc, source)
        return ProfileRead(None, problems, *raw, doc if keep_documents else outline(doc))
    warnings = problems + evidence_warnings(profile, doc)
    # The models are kept; the document's positions are read again only if a problem needs them.
    return ProfileRead(LoadedProfile(profile, source, detach(doc, path)), warnings, *raw)


def _raw(doc: Document) -> tuple[str | None, str | None]:
    """The ``id`` and ``rubric`` a profile's document gives, whatever else is wrong in it."""
    raw_id = doc.data.get("id")
    raw_rubric = doc.data.get("rubric") if "rubric" in doc.data else None
    place_id = raw_id if isinstance(raw_id, str) else None
    return place_id, None if raw_rubric is None else str(raw_rubric)


def _mended_read(exc: InvalidInput, keep_documents: bool) -> ProfileRead:
    """A profile that could not be read: its problems; and when its syntax errors were all
    mended with certainty (``：`` for ``:``...), what its models find in the mended copy too,
    so that a misspelt key or a level out of the scale is not held back until the next run.
    The profile is never used (its file has errors); its document goes on to the rubric's
    checks of a broken profile. A copy whose levels may be the rubric's level names (built
    again once the rubric is known) gives its syntax errors only."""
    doc = exc.mended if isinstance(exc, MendedInput) else None
    if doc is None or not isinstance(doc.data, dict) or is_rubric(doc) or is_weights(doc):
        return ProfileRead(None, exc.problems, None, None)
    profile, found, pending = build_profile(doc)
    if pending:
        return ProfileRead(None, exc.problems, None, None)
    if profile is not None:
        found += evidence_warnings(profile, doc)
    # The same place twice is one mistake: the syntax error says it.
    at = {(p.line, p.column) for p in exc.problems}
    problems = sort_problems([*exc.problems, *(p for p in found if (p.line, p.column) not in at)])
    return ProfileRead(None, problems, *_raw(doc), doc if keep_documents else outline(doc))


def with_rubric(read: ProfileRead, path: Path, rubric: Rubric) -> ProfileRead:
    """``read`` built again with ``rubric``'s level names, when it waited for them
    (``pending``); as it was otherwise. Its problems are then the new build's."""
    source, doc = read.pending, read.document
    if source is None or doc is None:
        return read
    names = level_names(rubric.scale.levels, rubric.scale.levels_zh)
    profile, problems, _ = build_profile(doc, names)
    if profile is None:
        return ProfileRead(None, problems, read.raw_id, read.raw_rubric, doc)
    warnings = problems + evidence_warnings(profile, doc)
    loaded = LoadedProfile(profile, source, detach(doc, path))
    return ProfileRead(loaded, warnings, read.raw_id, read.raw_rubric)


def outline(doc: Document) -> Document:
    """A profile document cut down to what the rubric's checks of a broken profile read
    (``broken_against_rubric``, once the rubric is known): its indicator keys, each one's
    level, value, confidence and applicability, and its targets, with where they stand.
    Small to send back from a reading process."""
    data = doc.data if isinstance(doc.data, dict) else {}
    kept_data: dict[str, Any] = {}
    entries, targets = data.get("indicators"), data.get("targets")
    if isinstance(entries, dict):
        kept_data["indicators"] = {
            ind_id: {
                # A collection as [] (invalid there as it was); an unknown key without value.
                k: (v if _scalar(v) else []) if k in _OUTLINED else None
                for k, v in entry.items()
                if k in _OUTLINED or k not in _FIELDS
            }
            if isinstance(entry, dict)
            else None
            for ind_id, entry in entries.items()
        }
    if isinstance(targets, dict):
        kept_data["targets"] = {k: v for k, v in targets.items() if _scalar(v)}

    def kept(path: tuple[str | int, ...]) -> bool:
        if path[:1] == ("targets",):
            return len(path) <= 2
        return path[:1] == ("indicators",) and (
            len(path) <= 2 or (len(path) == 3 and path[2] in _OUTLINED)
        )

    return Document(
        doc.file,
        kept_data,
        {path: at for path, at in doc.values.items() if kept(path)},
        {path: at for path, at in doc.keys.items() if kept(path)},
    )


#: The keys of an indicator's entry an outline keeps: those the rubric's checks read, and
#: (without their values) those the model does not know, which stop those checks.
_OUTLINED = CHECKED_KEYS
_FIELDS = frozenset(Assessment.model_fields)


def _scalar(value: object) -> bool:
    return not isinstance(value, (dict, list))


def _workers(count: int) -> int:
    """How many processes should read ``count`` profiles (1 = in this process)."""
    wanted = requested_workers()
    if wanted is not None:
        return wanted if count > 1 else 1
    return 1 if count < PARALLEL_MIN else usable_cores()


def _worker_init() -> None:
    gc.disable()  # a short-lived reader: see gc_paused


def read_profiles(
    paths: list[Path],
    progress: Callable[[int, int], None] | None,
    *,
    keep_documents: bool = False,
    behind: cache.Behind | None = None,
) -> list[ProfileRead]:
    """Every profile read, in the order of ``paths`` (in parallel when there are many).

    A file validated before with the same bytes comes from the validated-input cache
    (:mod:`policebench.workspace.cache`); the others are read, and those valid in themselves
    are kept there for the next run: before this returns, or, given ``behind``, from its
    thread while the caller goes on. ``keep_documents``: see ``_read_profile``.
    """
    read = functools.partial(_read_profile, keep_documents=keep_documents)
    total = len(paths)
    results: dict[int, ProfileRead] = {}

    def done(index: int, result: ProfileRead) -> None:
        results[index] = result
        if progress is not None:
            progress(len(results), total)

    with gc_paused(), cache.opened() as store:
        for index, hit in _cached(paths, store).items():
            done(index, hit)
        todo = [n for n in range(total) if n not in results]
        workers = _workers(len(todo))
        pool = _pool(workers)
        if pool is None:
            for n in todo:
                done(n, read(paths[n]))
        else:
            chunk = max(1, min(32, len(todo) // (workers * 8)))
            with pool:
                # imap keeps the order of paths, so output stays deterministic.
                for n, result in zip(
                    todo, pool.imap(read, [paths[n] for n in todo], chunk), strict=True
                ):
                    done(n, result)
        if store.active:  # off, no profile is dumped for it
            fresh = [results[n] for n in todo]
            entries = dict(_entry_of(r) for r in fresh if r.loaded is not None)
            (behind or store).put(entries)
    return [results[n] for n in range(total)]


def _entry_of(read: ProfileRead) -> tuple[str, cache.Entry]:
    """The cache key and entry of a valid profile (the JSON it came from a worker as, else
    dumped now)."""
    loaded = read.loaded
    assert loaded is not None
    entry = cache.entry_of(
        read.profile_json or loaded.profile.model_dump_json(),
        read.problems,
        read.raw_id,
        read.raw_rubric,
        loaded.id,
        loaded.assessed.isoformat(),
    )
    return cache.key_of_sha(loaded.source.sha256), entry


def _cached(paths: list[Path], store: cache.Store) -> dict[int, ProfileRead]:
    """The profiles among ``paths`` whose bytes the cache knows, by their index.

    A file that cannot be read here is left to the reader, whose problems say why. When the
    cache holds no profile under this code (a new cache, or the first run after an upgrade),
    the files are not hashed here at all: the readers hash them as they read them.
    """
    if not store.holds_profiles():
        return {}
    keyed: dict[int, tuple[str, str]] = {}
    for n, path in enumerate(paths):
        sha = cache.sha_of_file(path)
        if sha is not None:
            keyed[n] = (cache.key_of_sha(sha), sha)
    found = store.get([key for key, _ in keyed.values()])
    payloads = cache.Payloads([key for key, _ in keyed.values() if key in found])
    hits: dict[int, ProfileRead] = {}
    for n, (key, sha) in keyed.items():
        entry = found.get(key)
        if entry is None or entry.place_id is None or entry.assessed is None:
            continue
        try:
            assessed = dt.date.fromisoformat(entry.assessed)
        except ValueError:  # not what this code writes: read the file instead
            continue
        path = paths[n]
        name = display(path)
        source = Loaded(path, name, sha)
        # Made a model only when a command needs more than its id, date and scorecard.
        loaded = LoadedProfile.cached(
            functools.partial(payloads.take, key),
            entry.place_id,
            assessed,
            source,
            detached(name, path),
        )
        hits[n] = ProfileRead(loaded, entry.problems(name), entry.raw_id, entry.raw_rubric)
    return hits


def _pool(workers: int) -> Any:
    """A pool of ``workers`` reading processes; None for one, or where no pool can start."""
    if workers <= 1:
        return None
    import multiprocessing  # only here: it costs the start of every command 5 ms

    # On Linux, fork starts a worker in milliseconds with policebench already imported;
    # elsewhere the platform's default (spawn) is the safe one.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    try:
        return context.Pool(workers, initializer=_worker_init)
    except (OSError, ImportError):  # no semaphores in some sandboxes: read in this process
        return None
