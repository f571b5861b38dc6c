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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policebench.errors import UserError
from policebench.messages import Msg
from policebench.models import Rubric
from policebench.paths import YAML_SUFFIXES, bundled, display, forget_real_paths
from policebench.problems import Problem, sort_problems
from policebench.readers.yaml import closest_then
from policebench.scoring import Scorecard, rank, ranks, score
from policebench.validation.build import broken_against_rubric, check_profile
from policebench.workspace import cache
from policebench.workspace.checking import group_history, load_history, validate_paths
from policebench.workspace.inputs import (
    BUNDLED_CITIES,
    Loaded,
    LoadedProfile,
    default_dir,
    expand_arg,
    find_rubric,
    load_rubric,
    named_files,
    resolved,
    unknown_city,
    yaml_files,
)
from policebench.workspace.reading import (
    PARALLEL_MIN,
    ProfileRead,
    gc_paused,
    read_profiles,
    with_rubric,
)

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
    #: The places the selected ones are compared with (ranks, frontier, ``--against``): never
    #: one of the selected places. See :func:`choose_peers` for where they come from.
    peers: list[LoadedProfile] = field(default_factory=list)
    #: Where ``peers`` came from: "folder" (the profiles in use: ./cities and paths given),
    #: "bundled" (the bundled data is the folder in use), "fallback" (bundled, because the
    #: folder in use holds no other place), "named" (``--peers``), "none" (``--peers none``)
    #: or "missing" (no other place, and no bundled place fits the rubric).
    peer_origin: str = "folder"
    #: Scorecards the validated-input cache kept for this rubric, by the SHA-256 of the
    #: profile file (as ``cache.card_text`` wrote them; :meth:`scorecards` reads them).
    kept_cards: dict[str, str] = field(default_factory=dict, repr=False)
    #: Scorecards made while the workspace was read without keeping the models
    #: (``open_workspace(keep_models=False)``), by profile SHA-256; kept in the cache by
    #: :meth:`scorecards`.
    made_cards: dict[str, Scorecard] = field(default_factory=dict, repr=False)

    def scorecards(self, places: Sequence[LoadedProfile]) -> list[Scorecard]:
        """Each place scored against the rubric, in order: the card kept in the cache when
        this rubric scored these very bytes under this code before, else scored now (and
        kept for next time). Either way the same card (tests/workspace/test_cache.py)."""
        cards: list[Scorecard] = []
        new: dict[str, str] = {}
        rubric_sha = self.rubric_source.sha256
        keep = cache.enabled()  # off, no card is written out for it (0.1 s for 3,000)
        # Profiles made models here (no card kept) live on: see load_profiles.
        with gc_paused(freeze=True):
            for lp in places:
                text = self.kept_cards.get(lp.source.sha256)
                card = None if text is None else cache.card_of(text, self.rubric)
                if card is None:
                    card = self.made_cards.get(lp.source.sha256) or score(self.rubric, lp.profile)
                    if keep:
                        new[cache.card_key(lp.source.sha256, rubric_sha)] = cache.card_text(card)
                cards.append(card)
        if new:
            with cache.opened() as store:
                store.put_cards(new)
        return cards

    def score_json(
        self, places: Sequence[LoadedProfile], part_of: Callable[[Scorecard], tuple[str, str]]
    ) -> list[tuple[int | None, str, str]]:
        """Each place's part of the score JSON, in ranking order with its rank: the part kept
        in the cache beside its card (same key: these very bytes scored by this rubric under
        this code), else made by ``part_of`` from its card. A warm run joins the kept text as
        it is: no card revived, no data built (docs/performance.md). A part is kept once its
        card was (the run after the first): writing 20 MB for 3,000 places would add 0.15 s
        to the first run, which already writes every profile and card."""
        rubric_sha = self.rubric_source.sha256
        keys = [cache.card_key(lp.source.sha256, rubric_sha) for lp in places]
        with cache.opened() as store:
            found = store.get_score_json(keys)
        missing = [(key, lp) for key, lp in zip(keys, places, strict=True) if key not in found]
        if missing:
            cards = self.scorecards([lp for _, lp in missing])
            kept: dict[str, cache.ScoreJson] = {}
            for (key, lp), card in zip(missing, cards, strict=True):
                found[key] = cache.ScoreJson(card.city_id, card.overall, *part_of(card))
                if lp.source.sha256 in self.kept_cards:
                    kept[key] = found[key]
            if kept and cache.enabled():
                with cache.opened() as store:
                    store.put_score_json(kept)
        ordered = rank(found[key] for key in keys)
        return [(n, part.head, part.tail) for n, part in zip(ranks(ordered), ordered, strict=True)]

    def load_profiles(self) -> None:
        """Make every profile in use a model (those the cache held are kept as JSON until
        asked for: see ``LoadedProfile``). Call it with the garbage collector paused, as
        ``load_or_exit`` does: validating thousands of profiles with it running costs
        twice the time (each burst of allocations makes it walk all that was loaded)."""
        for runs in self.history.values():
            for lp in runs:
                lp.profile  # noqa: B018 - validates it, once
        for lp in self.peers:
            lp.profile  # noqa: B018

    @property
    def compared(self) -> list[LoadedProfile]:
        """The selected places and their peers: what ranks and comparisons are among."""
        return [*self.selected, *self.peers]

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
    peers: Sequence[str] | None = None,
    keep_models: bool = True,
) -> Workspace:
    """Load the rubric and the profiles named by ``cities`` (ids or paths; none = all in use).

    ``extra`` names more profile files or folders (earlier assessments, more peers) that join
    the pool and the history without being selected.

    Invalid profiles are left out and their problems kept in ``Workspace.problems``; an
    invalid rubric, a missing file or an unknown id raise. ``progress(done, total)`` is called
    as profiles are read. Many profiles are read in parallel (see ``PARALLEL_MIN``).

    ``peers`` (``--peers``): ids, paths or ``@bundled`` naming the places to compare with, or
    ``["none"]``; None = the default rule of :func:`choose_peers`.

    ``keep_models=False``, for a command that works on scorecards only: each profile read
    afresh is checked and, when it may be one of the places asked for, scored as it comes
    (``Workspace.made_cards``), and its model is not kept (``LoadedProfile.transient``).
    """
    forget_real_paths()  # links may have changed since the last workspace was read
    cities = list(cities)
    pool_dir = default_dir("cities")
    firsts, ids = named_files(cities, pool_dir)
    explicit_set = set(firsts)
    peer_files: list[Path] = []
    peer_ids: list[str] = []
    if peers is not None and list(peers) != [NO_PEERS]:
        if NO_PEERS in peers:
            raise UserError(
                Msg("peers-none-with-others"),
                Msg("peers-none-with-others-hint"),
            )
        named_peers, peer_ids = named_files(list(peers), pool_dir)
        peer_files = list(named_peers.values())
        extra = [*extra, *(str(path) for path in peer_files)]
    for arg in extra:
        for path in expand_arg(arg, pool_dir) or [Path(arg)]:
            firsts.setdefault(resolved(path), path)
    pool_files = yaml_files(pool_dir) if pool_dir.is_dir() else []
    named = list(firsts.values())
    defaults = [p for p in pool_files if resolved(p) not in firsts]
    with gc_paused():  # while the profiles pile up, until the caller decides (see gc.freeze)
        ws = _open(
            named + defaults,
            ids,
            explicit_set,
            frozenset(resolved(p) for p in defaults),
            bool(cities),
            rubric_path,
            progress,
            keep_models,
        )
    if peers is not None:
        ws.peers, ws.peer_origin = _named_peers(ws, list(peers), peer_files, peer_ids)
    else:
        ws.peers, ws.peer_origin = choose_peers(ws, pool_dir == bundled("cities"))
    return ws


#: ``--peers none``: compare with no other place.
NO_PEERS = "none"


def choose_peers(ws: Workspace, bundled_folder: bool) -> tuple[list[LoadedProfile], str]:
    """The default peers of the selected places, and where they come from.

    Every other place in use (``./cities`` and the files named); when there is none and one
    place is asked for (a planner's folder holds only their own place), the places bundled
    with policebench that fit the rubric in use, so that no comparison is against nobody.
    """
    chosen = {lp.id for lp in ws.selected}
    others = [lp for lp in ws.pool if lp.id not in chosen]
    if others or len(ws.selected) > 1:  # the places asked for are compared among themselves
        return others, "bundled" if bundled_folder else "folder"
    if bundled_folder:
        return [], "missing"
    fallback = [lp for lp in _bundled_profiles(ws.rubric) if lp.id not in chosen]
    return fallback, "fallback" if fallback else "missing"


def _named_peers(
    ws: Workspace, args: list[str], files: list[Path], ids: list[str]
) -> tuple[list[LoadedProfile], str]:
    """The peers ``--peers`` names (ids of places in use, paths, ``@bundled``), in order."""
    if args == [NO_PEERS]:
        return [], "none"
    chosen = {lp.id for lp in ws.selected}
    wanted = {resolved(path) for path in files}
    found = [lp for lp in ws.pool if resolved(lp.source.path) in wanted]
    for peer_id in ids:
        if peer_id not in ws.history:
            raise UserError(
                Msg("unknown-peer", id=peer_id),
                closest_then(
                    peer_id, list(ws.history), Msg("unknown-peer-hint", bundled=BUNDLED_CITIES)
                ),
            )
        found.append(ws.history[peer_id][-1])
    peers = _unique([lp for lp in found if lp.id not in chosen])
    return peers, "named"


def _bundled_profiles(rubric: Rubric) -> list[LoadedProfile]:
    """The bundled profiles that are valid against ``rubric`` (others are silently not peers:
    they are not the planner's files, and fit only the bundled rubric)."""
    files = yaml_files(bundled("cities"))
    out = []
    for read in read_profiles(files, None):
        if read.loaded is None or read.raw_rubric not in (None, rubric.id):
            continue
        if not check_profile(read.loaded.profile, rubric, read.loaded.document):
            out.append(read.loaded)
    # The latest assessment of each place, as for the places in use.
    return [runs[-1] for runs in group_history(out, []).values()]


def _open(
    paths: list[Path],
    ids: list[str],
    explicit_set: set[Path],
    defaults: frozenset[Path],
    asked: bool,
    rubric_path: Path | None,
    progress: Callable[[int, int], None] | None,
    keep_models: bool = True,
) -> Workspace:
    """The rest of open_workspace: read, choose the rubric, check against it, select.

    ``defaults`` are the files that come from the default folder only (not named).
    """
    # The fresh profiles are kept in the cache (from a thread) while they are checked and
    # scored here; the rubric is found and kept first, so the two writes never wait on each
    # other.
    with cache.Behind() as behind:
        reads = read_profiles(paths, progress, behind=behind)
        wanted_rubrics = [r.raw_rubric for r in reads if r.raw_rubric is not None]
        rubric, rubric_source = find_rubric(rubric_path, wanted_rubrics)
        kept = _kept_cards(reads, rubric_source)
        behind.start()
        problems: list[Problem] = []
        valid: list[LoadedProfile] = []
        made: dict[str, Scorecard] = {}
        wanted_ids = set(ids)
        for path, read in zip(paths, reads, strict=True):  # reads keep the order of paths
            if (
                asked
                and rubric_path is not None
                and read.raw_rubric not in (None, rubric.id)
                and resolved(path) in defaults
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
                    problems += broken_against_rubric(read.document, rubric)
                continue
            # A profile the cache holds a card of for this rubric passed these checks then.
            lp = read.loaded
            if lp.source.sha256 not in kept:
                model = lp.profile if keep_models else lp.transient()
                found = check_profile(model, rubric, lp.document)
                if found:
                    problems += found
                    continue
                if not keep_models and (
                    not asked or lp.id in wanted_ids or resolved(path) in explicit_set
                ):
                    made[lp.source.sha256] = score(rubric, model)
            problems += read.problems  # its warnings
            valid.append(lp)

    history = group_history(valid, problems, defaults)
    pool = [runs[-1] for runs in history.values()]
    selected: list[LoadedProfile] = []
    if explicit_set:
        selected += [lp for lp in pool if resolved(lp.source.path) in explicit_set]
    for city_id in ids:
        if city_id not in history:
            if any(
                r.raw_id == city_id or (r.raw_id is None and Path(p).stem == city_id)
                for p, r in zip(paths, reads, strict=True)
            ):
                # Its file is invalid (known by its id, or by its name when too broken to
                # read one, as `new` names it): the problems say why.
                continue
            raise unknown_city(city_id, history)
        selected.append(history[city_id][-1])
    if not asked:  # no place named: every place in use
        selected = list(pool)
    return Workspace(
        rubric,
        rubric_source,
        _unique(selected),
        pool,
        history,
        sort_problems(problems),
        kept_cards=kept,
        made_cards=made,
    )


def _kept_cards(reads: list[ProfileRead], rubric_source: Loaded) -> dict[str, str]:
    """The scorecards the cache holds of these profiles against this rubric, by profile
    SHA-256 (none when the cache is off)."""
    shas = {r.loaded.source.sha256 for r in reads if r.loaded is not None}
    keys = {cache.card_key(sha, rubric_source.sha256): sha for sha in shas}
    with cache.opened() as store:
        found = store.get_cards(list(keys))
    return {keys[key]: text for key, text in found.items()}


def _unique(profiles: list[LoadedProfile]) -> list[LoadedProfile]:
    seen: set[str] = set()
    out = []
    for lp in profiles:
        if lp.id not in seen:
            seen.add(lp.id)
            out.append(lp)
    return out
