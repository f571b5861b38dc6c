"""Finding, reading and validating the rubric and profiles a command works on.

Resolution order, for rubrics and for profiles alike: explicit paths first, then ``./rubrics``
and ``./cities`` in the working folder when present, then the data bundled with policebench.

This module is the public face: ``open_workspace`` and the ``Workspace`` it returns live here,
and every name other modules import from ``policebench.workspace`` still can be. The parts are
``inputs`` (finding and reading one file, the rubric), ``reading`` (many profiles in a pool of
processes) and ``checking`` (``validate_paths`` and ``load_history``). Together they are one of
the two places that read the file system (the other, ``output``, writes reports).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policebench.checking import _history, load_history, validate_paths
from policebench.errors import UserError
from policebench.inputs import (
    YAML_SUFFIXES,
    Loaded,
    LoadedProfile,
    _expand,
    _named,
    _resolved,
    bundled,
    default_dir,
    display,
    find_rubric,
    load_rubric,
    yaml_files,
)
from policebench.models import Rubric
from policebench.problems import Problem, sort_problems
from policebench.reading import PARALLEL_MIN, _gc_paused, _read_profiles, with_rubric
from policebench.validate import check_profile, unknown_indicators
from policebench.yamlio import closest

__all__ = [
    "PARALLEL_MIN",
    "YAML_SUFFIXES",
    "Loaded",
    "LoadedProfile",
    "Workspace",
    "bundled",
    "default_dir",
    "display",
    "find_rubric",
    "load_history",
    "load_rubric",
    "open_workspace",
    "validate_paths",
    "yaml_files",
]


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
    firsts, ids = _named(cities, pool_dir)
    explicit_set = set(firsts)
    for arg in extra:
        for path in _expand(arg, pool_dir) or [Path(arg)]:
            firsts.setdefault(_resolved(path), path)
    pool_files = yaml_files(pool_dir) if pool_dir.is_dir() else []
    named = list(firsts.values())
    defaults = [p for p in pool_files if _resolved(p) not in firsts]
    with _gc_paused():  # while the profiles pile up, until the caller decides (see gc.freeze)
        return _open(
            named + defaults,
            ids,
            explicit_set,
            frozenset(_resolved(p) for p in defaults),
            bool(cities),
            rubric_path,
            progress,
        )


def _open(
    paths: list[Path],
    ids: list[str],
    explicit_set: set[Path],
    defaults: frozenset[Path],
    asked: bool,
    rubric_path: Path | None,
    progress: Callable[[int, int], None] | None,
) -> Workspace:
    """The rest of open_workspace: read, choose the rubric, check against it, select.

    ``defaults`` are the files that come from the default folder only (not named).
    """
    reads = _read_profiles(paths, progress)
    wanted_rubrics = [r.raw_rubric for r in reads if r.raw_rubric is not None]
    rubric, rubric_source = find_rubric(rubric_path, wanted_rubrics)

    problems: list[Problem] = []
    valid: list[LoadedProfile] = []
    for path, read in zip(paths, reads, strict=True):  # reads keep the order of paths
        if (
            asked
            and rubric_path is not None
            and read.raw_rubric not in (None, rubric.id)
            and _resolved(path) in defaults
        ):
            # Places were named and --rubric given: default-folder profiles assessed against
            # another rubric are not this run's peers, and not this run's mistakes.
            continue
        read = with_rubric(read, path, rubric)  # a level typed as a level name, say
        if read.loaded is None:
            problems += read.problems
            if read.document is not None:
                # A misspelt indicator id comes out with the file's other problems, as in
                # validate, not on the run after they are fixed.
                problems += unknown_indicators(read.document, rubric)
            continue
        found = check_profile(read.loaded.profile, rubric, read.loaded.document)
        if found:
            problems += found
            continue
        problems += read.problems  # its warnings
        valid.append(read.loaded)

    history = _history(valid, problems, defaults)
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


def _unique(profiles: list[LoadedProfile]) -> list[LoadedProfile]:
    seen: set[str] = set()
    out = []
    for lp in profiles:
        if lp.profile.id not in seen:
            seen.add(lp.profile.id)
            out.append(lp)
    return out
