"""Finding, reading and validating the rubric and profiles a command works on.

Resolution order, for rubrics and for profiles alike: explicit paths first, then ``./rubrics``
and ``./cities`` in the working folder when present, then the data bundled with policebench.

This is one of the two places that touch the file system (the other writes reports).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policebench.errors import InvalidInput, UserError
from policebench.models import Profile, Rubric
from policebench.problems import Problem, sort_problems
from policebench.validate import build, check_profile, check_rubric, evidence_warnings
from policebench.yamlio import Document, closest, detach, load

YAML_SUFFIXES = (".yaml", ".yml")


def bundled(kind: str) -> Path:
    """The folder of bundled ``rubrics``, ``cities``, ``templates`` or ``schemas``.

    Installed from a wheel they live inside the package (``policebench/data``); in a source
    checkout or an editable install, at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    inside = here / "data" / kind
    return inside if inside.is_dir() else here.parent.parent / kind


def display(path: Path) -> str:
    """A path as the user should see it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(_resolved_cwd(os.getcwd())))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a symbolic link loop
        return str(path)


@functools.lru_cache(maxsize=8)
def _resolved_cwd(cwd: str) -> Path:
    # Resolved once per working folder, not once per file read (3,000 files: 0.1 s).
    return Path(cwd).resolve()


@dataclass(frozen=True)
class Loaded:
    """A file that was read: where it is, and the SHA-256 of its bytes (for provenance)."""

    path: Path
    name: str
    sha256: str


@dataclass(frozen=True)
class LoadedProfile:
    """A valid profile and where it came from."""

    profile: Profile
    source: Loaded
    document: Document


@dataclass
class Workspace:
    """Everything a command computes on."""

    rubric: Rubric
    rubric_source: Loaded
    #: The places asked for (latest assessment of each), in the order found.
    selected: list[LoadedProfile]
    #: Every valid profile in use (latest of each id): the peers for comparisons and frontiers.
    pool: list[LoadedProfile]
    #: Every assessment of each place, oldest first.
    history: dict[str, list[LoadedProfile]]
    #: Problems in profiles that were left out, and warnings (levels without evidence).
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def inputs(self) -> list[Path]:
        """Every input file (never to be overwritten by a report)."""
        files = [self.rubric_source.path]
        files += [lp.source.path for runs in self.history.values() for lp in runs]
        return files


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly inside ``folder``, sorted by name; hidden files skipped."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def default_dir(kind: str) -> Path:
    """``./<kind>`` when the working folder has one, else the bundled folder."""
    local = Path.cwd() / kind
    return local if local.is_dir() else bundled(kind)


def _read(path: Path) -> tuple[Document, Loaded]:
    name = display(path)
    doc, raw = load(path, name)
    return doc, Loaded(path, name, hashlib.sha256(raw).hexdigest())


def load_rubric(path: Path) -> tuple[Rubric, Loaded, Document]:
    """Read and validate one rubric file; every problem in it raised together."""
    doc, source = _read(path)
    if "rubric" in doc.data and "dimensions" not in doc.data:
        # A profile given where a rubric belongs: one clear line, not a dozen missing keys.
        raise InvalidInput(
            [
                doc.problem(
                    ("rubric",),
                    "this is a profile (it names the rubric it is assessed against), not a rubric",
                    "give a rubric file, e.g. rubrics/smart-policing.yaml",
                    key=True,
                    code="not-a-rubric",
                )
            ]
        )
    rubric, problems = build(Rubric, doc)
    if rubric is not None:
        problems = check_rubric(rubric, doc)
    if problems or rubric is None:
        raise InvalidInput(sort_problems(problems))
    return rubric, source, doc


def find_rubric(rubric_path: Path | None, wanted: Iterable[str]) -> tuple[Rubric, Loaded]:
    """The rubric to use: ``rubric_path`` (a file or folder), else the default folder's.

    From a folder holding several rubrics, the one the profiles name is chosen.
    """
    where = rubric_path if rubric_path is not None else default_dir("rubrics")
    if not where.exists():
        raise UserError(
            f"{display(where)}: no such rubric file or folder", "check the path given to --rubric"
        )
    if where.is_file():
        rubric, source, _ = load_rubric(where)
        return rubric, source
    files = yaml_files(where)
    if not files:
        raise UserError(f"{display(where)}: no rubric (.yaml) files in this folder")
    rubrics = [load_rubric(f) for f in files]
    ids = sorted(set(wanted))
    if len(rubrics) == 1:
        return rubrics[0][0], rubrics[0][1]
    for rubric, source, _ in rubrics:
        if rubric.id in ids or (not ids and rubric.id == "smart-policing"):
            return rubric, source
    raise UserError(
        f"{display(where)}: several rubrics and none named {', '.join(ids) or 'by the profiles'}",
        "pass one with --rubric PATH",
    )


def _profile_docs(paths: Iterable[Path]) -> tuple[list[tuple[Document, Loaded]], list[Problem]]:
    docs: list[tuple[Document, Loaded]] = []
    problems: list[Problem] = []
    with _gc_paused():
        for path in paths:
            try:
                docs.append(_read(path))
            except InvalidInput as exc:
                problems += exc.problems
    return docs, problems


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while reading many files.

    Reading allocates millions of small objects and creates no reference cycles, yet each
    allocation burst makes the collector walk everything loaded so far: with thousands of
    profiles that walk took a third of the run. Memory is still freed by reference counting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: From this many profiles on, they are read by a pool of processes, one per core.
PARALLEL_MIN = 200


@dataclass(frozen=True)
class _ProfileRead:
    """What reading one profile file gave (picklable: it crosses from a worker process)."""

    #: The profile when it is valid in itself (not yet checked against the rubric).
    loaded: LoadedProfile | None
    #: Its problems: errors when ``loaded`` is None, else the evidence warnings.
    problems: list[Problem]
    #: The ``id`` and ``rubric`` the file gives, even when it is invalid (for hints and the
    #: choice of rubric).
    raw_id: str | None
    raw_rubric: str | None

    def __reduce__(self) -> tuple[Any, ...]:
        # From a worker a profile travels as JSON, which pydantic writes and reads in Rust:
        # pickling its hundred models one by one took a third of a worker's time. JSON holds
        # every valid profile exactly (the models refuse infinite and NaN numbers).
        lp = self.loaded
        if lp is None:
            return (_ProfileRead, (lp, self.problems, self.raw_id, self.raw_rubric))
        payload = lp.profile.model_dump_json()
        rest = (lp.source, lp.document, self.problems, self.raw_id, self.raw_rubric)
        return (_revive, (payload, *rest))


def _revive(
    payload: str,
    source: Loaded,
    document: Document,
    problems: list[Problem],
    raw_id: str | None,
    raw_rubric: str | None,
) -> _ProfileRead:
    profile = Profile.model_validate_json(payload)
    return _ProfileRead(LoadedProfile(profile, source, document), problems, raw_id, raw_rubric)


def _read_profile(path: Path) -> _ProfileRead:
    """Read, parse and validate one profile on its own (no rubric needed)."""
    try:
        doc, source = _read(path)
    except InvalidInput as exc:
        return _ProfileRead(None, exc.problems, None, None)
    raw_id = doc.data.get("id")
    raw_rubric = doc.data.get("rubric") if "rubric" in doc.data else None
    raw = (
        raw_id if isinstance(raw_id, str) else None,
        None if raw_rubric is None else str(raw_rubric),
    )
    profile, problems = build(Profile, doc)
    if profile is None:
        return _ProfileRead(None, problems, *raw)
    warnings = evidence_warnings(profile, doc)
    # The models are kept; the document's positions are read again only if a problem needs them.
    return _ProfileRead(LoadedProfile(profile, source, detach(doc, path)), warnings, *raw)


def _workers(count: int) -> int:
    """How many processes should read ``count`` profiles (1 = in this process)."""
    wanted = os.environ.get("POLICEBENCH_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted) if count > 1 else 1
    if count < PARALLEL_MIN:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _worker_init() -> None:
    gc.disable()  # a short-lived reader: see _gc_paused


def _read_profiles(
    paths: list[Path], progress: Callable[[int, int], None] | None
) -> list[_ProfileRead]:
    """Every profile read, in the order of ``paths`` (in parallel when there are many)."""
    total = len(paths)
    results: list[_ProfileRead] = []

    def done(result: _ProfileRead) -> None:
        results.append(result)
        if progress is not None:
            progress(len(results), total)

    with _gc_paused():
        workers = _workers(total)
        pool = _pool(workers)
        if pool is None:
            for path in paths:
                done(_read_profile(path))
            return results
        chunk = max(1, min(32, total // (workers * 8)))
        with pool:
            # imap keeps the order of paths, so output stays deterministic.
            for result in pool.imap(_read_profile, paths, chunk):
                done(result)
    return results


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


def _expand(arg: str, pool_dir: Path) -> list[Path] | None:
    """The files a CITY argument names when it is a path; None when it is an id."""
    path = Path(arg)
    if path.is_dir():
        return yaml_files(path)
    if path.exists() or path.suffix.lower() in YAML_SUFFIXES or "/" in arg or "\\" in arg:
        return [path]
    return None


def open_workspace(
    cities: Iterable[str] = (),
    rubric_path: Path | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    extra: Iterable[str] = (),
) -> Workspace:
    """Load the rubric and the profiles named by ``cities`` (ids or paths; none = all in use).

    ``extra`` names more profile files or folders (earlier assessments, more peers) that join
    the pool and the history without being selected.

    Invalid profiles are left out and their problems kept in ``Workspace.problems``; an
    invalid rubric, a missing file or an unknown id raise. ``progress(done, total)`` is called
    as profiles are read. Many profiles are read in parallel (see ``PARALLEL_MIN``).
    """
    cities = list(cities)
    pool_dir = default_dir("cities")
    explicit: list[Path] = []
    ids: list[str] = []
    for arg in cities:
        expanded = _expand(arg, pool_dir)
        if expanded is None:
            ids.append(arg)
        else:
            explicit += expanded
    # A file named alone and through its folder is read once, not taken for its own duplicate.
    firsts: dict[Path, Path] = {}
    for path in explicit:
        firsts.setdefault(_resolved(path), path)
    explicit, explicit_set = list(firsts.values()), set(firsts)
    for arg in extra:
        for path in _expand(arg, pool_dir) or [Path(arg)]:
            firsts.setdefault(_resolved(path), path)
    pool_files = yaml_files(pool_dir) if pool_dir.is_dir() else []
    named = list(firsts.values())
    paths = named + [p for p in pool_files if _resolved(p) not in firsts]
    with _gc_paused():  # while the profiles pile up, until the caller decides (see gc.freeze)
        return _open(paths, ids, explicit_set, bool(cities), rubric_path, progress)


def _open(
    paths: list[Path],
    ids: list[str],
    explicit_set: set[Path],
    asked: bool,
    rubric_path: Path | None,
    progress: Callable[[int, int], None] | None,
) -> Workspace:
    """The rest of open_workspace: read, choose the rubric, check against it, select."""
    reads = _read_profiles(paths, progress)
    wanted_rubrics = [r.raw_rubric for r in reads if r.raw_rubric is not None]
    rubric, rubric_source = find_rubric(rubric_path, wanted_rubrics)

    problems: list[Problem] = []
    valid: list[LoadedProfile] = []
    for read in reads:
        if read.loaded is None:
            problems += read.problems
            continue
        found = check_profile(read.loaded.profile, rubric, read.loaded.document)
        if found:
            problems += found
            continue
        problems += read.problems  # its warnings
        valid.append(read.loaded)

    history = _history(valid, problems)
    pool = [runs[-1] for runs in history.values()]
    selected: list[LoadedProfile] = []
    if explicit_set:
        selected += [lp for lp in pool if _resolved(lp.source.path) in explicit_set]
    for city_id in ids:
        if city_id not in history:
            if any(r.raw_id == city_id for r in reads):
                continue  # its file is invalid: the problems say why
            raise UserError(
                f"unknown city '{city_id}'",
                closest(city_id, list(history))
                or f"known: {', '.join(sorted(history)) or 'none'}; "
                "or give the path of a profile file",
            )
        selected.append(history[city_id][-1])
    if not asked:  # no place named: every place in use
        selected = list(pool)
    return Workspace(
        rubric, rubric_source, _unique(selected), pool, history, sort_problems(problems)
    )


def _resolved(path: Path) -> Path:
    """``path`` made absolute with links resolved; as given when it cannot be (a link loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _unique(profiles: list[LoadedProfile]) -> list[LoadedProfile]:
    seen: set[str] = set()
    out = []
    for lp in profiles:
        if lp.profile.id not in seen:
            seen.add(lp.profile.id)
            out.append(lp)
    return out


def _history(valid: list[LoadedProfile], problems: list[Problem]) -> dict[str, list[LoadedProfile]]:
    """Assessments grouped by place, oldest first; the same place and date twice is an error."""
    history: dict[str, list[LoadedProfile]] = {}
    for lp in valid:
        runs = history.setdefault(lp.profile.id, [])
        clash = next((r for r in runs if r.profile.assessed == lp.profile.assessed), None)
        if clash is not None:
            problems.append(
                lp.document.problem(
                    ("id",),
                    f"duplicate profile: '{lp.profile.id}' assessed on "
                    f"{lp.profile.assessed} is also in {clash.source.name}",
                    "give each assessment its own 'assessed' date, or remove one file",
                    code="duplicate-id",
                )
            )
            continue
        runs.append(lp)
    for runs in history.values():
        runs.sort(key=lambda r: r.profile.assessed)
    return dict(sorted(history.items()))


def load_history(
    cities: Iterable[str] = (),
) -> tuple[dict[str, list[LoadedProfile]], list[str], list[Problem]]:
    """Profiles checked against their own format only, never against a rubric, by place.

    For commands that score one profile under several rubrics (``rubric diff``), where a
    profile naming another rubric id, or an indicator one rubric lacks, is expected. Returns
    every assessment of each place (oldest first), the place ids asked for (all, when
    ``cities`` is empty) and the problems of files left out. An unknown id raises.
    """
    cities = list(cities)
    pool_dir = default_dir("cities")
    explicit: list[Path] = []
    ids: list[str] = []
    for arg in cities:
        expanded = _expand(arg, pool_dir)
        if expanded is None:
            ids.append(arg)
        else:
            explicit += expanded
    # A file named alone and through its folder is read once, not taken for its own duplicate.
    firsts: dict[Path, Path] = {}
    for path in explicit:
        firsts.setdefault(_resolved(path), path)
    explicit, seen = list(firsts.values()), set(firsts)
    pool_files = yaml_files(pool_dir) if pool_dir.is_dir() else []
    docs, problems = _profile_docs(explicit + [p for p in pool_files if _resolved(p) not in seen])
    valid: list[LoadedProfile] = []
    for doc, source in docs:
        profile, found = build(Profile, doc)
        problems += found
        if profile is not None:
            valid.append(LoadedProfile(profile, source, doc))
    history = _history(valid, problems)
    wanted = [lp.profile.id for lp in valid if _resolved(lp.source.path) in seen]
    for city_id in ids:
        named = any(isinstance(d.data, dict) and d.data.get("id") == city_id for d, _ in docs)
        if city_id not in history and not named:  # a named but invalid file: problems say why
            raise UserError(
                f"unknown city '{city_id}'",
                closest(city_id, list(history)) or f"known: {', '.join(history) or 'none'}",
            )
        wanted.append(city_id)
    chosen = list(dict.fromkeys(w for w in wanted if w in history))
    return history, (chosen if cities else list(history)), sort_problems(problems)


def _is_rubric(doc: Document) -> bool:
    return isinstance(doc.data, dict) and ("dimensions" in doc.data or "scale" in doc.data)


def validate_paths(paths: list[Path], rubric_path: Path | None) -> tuple[list[Problem], int]:
    """Validate files and folders (default: the rubric and profiles in use).

    Rubrics among the paths are checked first; profiles are then checked against the rubric
    they name (from the paths, ``rubric_path`` or the default). Returns every problem and
    the number of files read.
    """
    if not paths:
        paths = [rubric_path or default_dir("rubrics"), default_dir("cities")]
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files += yaml_files(path)
        elif path.exists() or path.is_symlink():  # a broken link or loop: reading says why
            files.append(path)
        else:
            problems.append(
                Problem(
                    display(path),
                    0,
                    0,
                    "no such file or folder",
                    "check the spelling of the path",
                    "io",
                )
            )
    # A file named twice (alone and through its folder) is one file, not its own duplicate.
    once: dict[Path, Path] = {}
    for file in files:
        once.setdefault(_resolved(file), file)
    files = list(once.values())
    docs, found = _profile_docs(files)
    problems += found
    rubrics: dict[str, Rubric] = {}
    #: Ids of rubrics among the paths that are too broken to build: their profiles wait for
    #: them to be fixed rather than being checked against some other rubric.
    unbuilt: set[str] = set()
    profiles: list[tuple[Profile, Document]] = []
    for doc, _ in docs:
        if _is_rubric(doc):
            rubric, found = build(Rubric, doc)
            if rubric is not None:
                found = check_rubric(rubric, doc)
                rubrics.setdefault(rubric.id, rubric)
            else:
                unbuilt.add(str(doc.data.get("id")))
            problems += found
        else:
            profile, found = build(Profile, doc)
            problems += found
            if profile is not None:
                profiles.append((profile, doc))
    profiles = [(p, d) for p, d in profiles if p.rubric in rubrics or p.rubric not in unbuilt]
    fallback: Rubric | None = None
    if profiles and (rubric_path is not None or any(p.rubric not in rubrics for p, _ in profiles)):
        try:
            fallback = find_rubric(rubric_path, [p.rubric for p, _ in profiles])[0]
        except InvalidInput as exc:
            problems += exc.problems
        except UserError as exc:
            problems.append(
                Problem(
                    display(rubric_path or default_dir("rubrics")),
                    0,
                    0,
                    exc.message,
                    exc.hint,
                    "io",
                )
            )
    seen: dict[tuple[str, object], str] = {}
    for profile, doc in profiles:
        rubric = rubrics.get(profile.rubric) or fallback
        if rubric is None:
            continue
        problems += check_profile(profile, rubric, doc) + evidence_warnings(profile, doc)
        key = (profile.id, profile.assessed)
        if key in seen:
            problems.append(
                doc.problem(
                    ("id",),
                    f"duplicate profile: '{profile.id}' assessed on "
                    f"{profile.assessed} is also in {seen[key]}",
                    "give each assessment its own 'assessed' date",
                    code="duplicate-id",
                )
            )
        seen.setdefault(key, doc.file)
    return sort_problems(problems), len(files)
