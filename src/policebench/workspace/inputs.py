"""Where inputs are and how one is read: bundled data, the working folder, paths as shown.

Split from ``workspace`` so that the two ways of loading many files (``open_workspace``, and
``validate_paths`` / ``load_history`` in ``checking``) share one resolution of paths, one
reading of a file with its SHA-256 (``read_input``: every input a command uses comes through it),
and one way to find and validate the rubric.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from policebench.errors import InvalidInput, UserError
from policebench.messages import Msg
from policebench.models import Profile, Rubric
from policebench.paths import YAML_SUFFIXES, bundled, display, real_path, real_paths_inside
from policebench.problems import Problem, sort_problems
from policebench.readers.yaml import Document, detached, load
from policebench.validation.build import build, check_rubric


@dataclass(frozen=True)
class Loaded:
    """A file that was read: where it is, and the SHA-256 of its bytes (for provenance)."""

    path: Path
    name: str
    sha256: str
    #: For a rubric chosen from a folder: the problems of the rubric files beside it that could
    #: not be read and were not used, as warnings for the CLI to show (``find_rubric``).
    warnings: tuple[Problem, ...] = ()


class LoadedProfile:
    """A valid profile and where it came from.

    One from the validated-input cache is known by its id and date, and made a model only
    when ``profile`` is first asked for, from the JSON the cache kept (``payload()`` fetches
    it): a command that needs no more of 3,000 cached profiles than their ids, dates and
    cached scorecards (``score``) then fetches and validates none of them (0.8 s). The JSON
    is the model's own dump under this very code (the cache key says so); should it be gone
    or fail all the same, the file is read again.
    """

    __slots__ = ("_payload", "_profile", "assessed", "document", "id", "source")

    def __init__(self, profile: Profile, source: Loaded, document: Document) -> None:
        self._profile: Profile | None = profile
        self._payload: Callable[[], str | None] | None = None
        self.id: str = profile.id
        self.assessed: dt.date = profile.assessed
        self.source = source
        self.document = document

    @classmethod
    def cached(
        cls,
        payload: Callable[[], str | None],
        place_id: str,
        assessed: dt.date,
        source: Loaded,
        document: Document,
    ) -> LoadedProfile:
        """A profile known valid, from its cached JSON (validated when first used)."""
        loaded = cls.__new__(cls)
        loaded._profile, loaded._payload = None, payload
        loaded.id, loaded.assessed = place_id, assessed
        loaded.source, loaded.document = source, document
        return loaded

    def transient(self) -> Profile:
        """The model, not kept: the one kept, else made now and let go of after use. A
        command that needs each profile once (checked and scored while the workspace is
        read: ``score``, ``sensitivity``) then holds one model at a time, not 3,000 (some
        250 MB); asked for later, ``profile`` makes it again."""
        return self._profile if self._profile is not None else self._revived()

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = self._revived()
            self._payload = None
        return self._profile

    def _revived(self) -> Profile:
        payload = self._payload() if self._payload is not None else None
        if payload is not None:
            try:
                return Profile.model_validate_json(payload)
            except ValueError:
                pass
        # Not what this code writes after all (a cache edited by hand): read the file.
        from policebench.validation.build import build_profile

        doc, _ = read_input(self.source.path)
        profile, problems, _ = build_profile(doc)
        if profile is None:
            raise InvalidInput(problems)
        return profile

    def __repr__(self) -> str:
        return f"LoadedProfile({self.id!r}, {self.assessed}, {self.source.name!r})"


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly inside ``folder``, sorted by name; hidden files skipped.

    A link that leads nowhere (dangling, or a loop) is kept: reading it says why, as it does
    for the same path given alone, instead of the file being skipped without a word.
    """
    plain: list[str] = []  # files that are not links
    links: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in YAML_SUFFIXES:
                continue
            if entry.is_symlink():
                if not _is_dir(entry):  # to a file, dangling, or a loop
                    links.append(name)
            elif entry.is_file(follow_symlinks=False):
                plain.append(name)
    found = real_paths_inside(folder, plain) + [folder / name for name in links]
    return sorted(found, key=lambda p: p.name)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a listed link leads to a folder (not when it leads nowhere, or round)."""
    try:
        return entry.is_dir()
    except OSError:  # a loop: reading it says so
        return False


def named_as_file(path: Path) -> bool:
    """A folder named like a YAML file (``x.yaml/``): given as an input, it was meant as the
    file, and reading it says "is a folder", not "0 files"."""
    return path.is_dir() and path.suffix.lower() in YAML_SUFFIXES


def default_dir(kind: str) -> Path:
    """``./<kind>`` when the working folder has one, else the bundled folder."""
    local = Path.cwd() / kind
    return local if local.is_dir() else bundled(kind)


def read_input(path: Path) -> tuple[Document, Loaded]:
    name = display(path)
    doc, raw = load(path, name)
    return doc, Loaded(path, name, hashlib.sha256(raw).hexdigest())


def is_weights(doc: Document) -> bool:
    """Whether a document is one expert's pairwise comparisons (``weights ahp``'s input):
    it names its expert, and has no scale (a rubric) or place id (a profile)."""
    data = doc.data
    return isinstance(data, dict) and "expert" in data and not {"scale", "id"} & set(data)


def load_rubric(path: Path) -> tuple[Rubric, Loaded, Document]:
    """Read and validate one rubric file; every problem in it raised together.

    A rubric whose bytes passed every check under this code before comes from the
    validated-input cache, with its warnings (``cache.Store.get_rubric``); its document is
    read again only if its data or positions are asked for."""
    from policebench.workspace import cache

    sha = cache.sha_of_file(path) if cache.enabled() else None  # no cache, no hashing
    key = None if sha is None else cache.key_of_sha(sha)
    with cache.opened(key is not None) as store:
        kept = store.get_rubric(key) if key is not None else None
    if kept is not None and sha is not None:
        name = display(path)
        warnings = tuple(kept[1].problems(name))
        return kept[0], Loaded(path, name, sha, warnings=warnings), detached(name, path)
    doc, source = read_input(path)
    # A profile, or an expert's comparisons, given where a rubric belongs: one clear line,
    # not a dozen missing keys.
    weights = is_weights(doc)
    if weights or ("rubric" in doc.data and "dimensions" not in doc.data):
        raise InvalidInput(
            [
                doc.problem(
                    ("expert",) if weights else ("rubric",),
                    Msg("not-a-rubric-weights") if weights else Msg("not-a-rubric"),
                    Msg("not-a-rubric-weights-hint") if weights else Msg("not-a-rubric-hint"),
                    key=True,
                    code="not-a-rubric",
                )
            ]
        )
    rubric, problems = build(Rubric, doc)
    if rubric is not None:
        problems = check_rubric(rubric, doc)
    if rubric is None or any(p.severity != "warning" for p in problems):
        raise InvalidInput(sort_problems(problems))
    # Warnings do not stop a command: they are shown, cached or not.
    warnings = tuple(sort_problems(problems))
    if key is not None and source.sha256 == sha:  # the bytes hashed are the bytes read
        with cache.opened() as store:
            store.put_rubric(key, rubric, warnings)
    return rubric, replace(source, warnings=warnings), doc


def find_rubric(rubric_path: Path | None, wanted: Iterable[str]) -> tuple[Rubric, Loaded]:
    """The rubric to use: ``rubric_path`` (a file or folder), else the default folder's.

    From a folder holding several rubrics, the one the profiles name is chosen. A rubric file
    in the folder that cannot be read (a half-edited draft) does not stop the choice: when the
    wanted rubric is among the others, it is used and the draft's problems come back as
    warnings in ``Loaded.warnings``; when it is not, the error says so and lists them (the
    wanted rubric may be the draft).
    """
    where = rubric_path if rubric_path is not None else default_dir("rubrics")
    if not where.exists():
        raise UserError(Msg("no-rubric-path", path=display(where)), Msg("no-rubric-path-hint"))
    if where.is_file():
        rubric, source, _ = load_rubric(where)
        return rubric, source
    files = yaml_files(where)
    if not files:
        raise UserError(Msg("no-rubric-files", path=display(where)))
    rubrics: list[tuple[Rubric, Loaded]] = []
    unread: list[Problem] = []
    id_at: dict[Path, tuple[int, int]] = {}
    for file in files:
        try:
            rubric, source, doc = load_rubric(file)
        except InvalidInput as exc:
            unread += exc.problems
            continue
        rubrics.append((rubric, source))
        id_at[source.path] = doc.position(("id",))
    ids = sorted(set(wanted))
    if len(files) == 1 and rubrics:
        return rubrics[0]
    for rubric, source in rubrics:  # in file-name order: of two with one id, the first
        if rubric.id in ids or (not ids and rubric.id == "smart-policing"):
            twins = [
                Problem(
                    display(other.path),
                    *id_at[other.path],
                    Msg("duplicate-rubric-id", id=rubric.id, used=display(source.path)),
                    Msg("duplicate-rubric-id-hint"),
                    "duplicate-rubric-id",
                )
                for twin, other in rubrics
                if twin.id == rubric.id and other.path != source.path
            ]
            return rubric, _with_warnings(source, unread, twins)
    if not ids and len(rubrics) == 1 and unread:
        # No profile names a rubric: the one readable rubric is used, as when it is alone.
        return rubrics[0][0], _with_warnings(rubrics[0][1], unread, [])
    if unread:
        raise InvalidInput([_not_found(where, ids, rubrics, unread), *sort_problems(unread)])
    raise UserError(
        Msg("several-rubrics", path=display(where), ids=tuple(ids))
        if ids
        else Msg("several-rubrics-unnamed", path=display(where)),
        Msg("pass-rubric-hint"),
    )


def _with_warnings(source: Loaded, unread: list[Problem], twins: list[Problem]) -> Loaded:
    """``source`` carrying, as warnings, the problems of the rubric files that could not be
    read and the files that share its id: none of them was used."""
    if not unread and not twins:
        return source
    warnings = tuple(
        sort_problems(
            [
                *source.warnings,
                *(
                    replace(
                        p, severity="warning", message=Msg("rubric-not-used", problem=p.message)
                    )
                    for p in unread
                ),
                *(replace(p, severity="warning") for p in twins),
            ]
        )
    )
    return replace(source, warnings=warnings)


def _not_found(
    where: Path, ids: list[str], rubrics: list[tuple[Rubric, Loaded]], unread: list[Problem]
) -> Problem:
    """The error when the wanted rubric is not among the readable files of ``where``."""
    files = sorted({p.file for p in unread})
    named = tuple(f"'{i}'" for i in ids) or Msg("default-rubric-named")
    readable = tuple(sorted(f"'{r.id}'" for r, _ in rubrics)) or Msg("none")
    return Problem(
        display(where),
        0,
        0,
        Msg(
            "rubric-not-found" if len(files) == 1 else "rubric-not-found-many",
            named=named,
            readable=readable,
            n=len(files),
            files=tuple(files),
        ),
        Msg("rubric-not-found-hint"),
        "rubric-not-found",
    )


def unknown_city(city_id: str, known: Iterable[str]) -> UserError:
    """The error for a CITY argument that is no place in use: the places that are, the
    nearest id, and the two other ways to name a place (its path, ``@bundled``)."""
    from policebench.readers.yaml import closest_then

    known = sorted(known)
    if (bundled("cities") / f"{city_id}.yaml").is_file():
        # A bundled place, not in use beside a folder of one's own: "did you mean my-city?"
        # would point the wrong way.
        hint: str = Msg("unknown-city-bundled-hint", id=city_id, bundled=BUNDLED_CITIES)
    else:
        hint = closest_then(
            city_id, known, Msg("unknown-city-hint", id=city_id, bundled=BUNDLED_CITIES)
        )
    return UserError(Msg("unknown-city", id=city_id, known=tuple(known) or Msg("none")), hint)


#: A CITY argument naming the profiles bundled with policebench (J City, Hangzhou, Qingdao,
#: Inner Mongolia), so a planner with a ./cities of their own can still compare with them.
BUNDLED_CITIES = "@bundled"


def expand_arg(arg: str, pool_dir: Path) -> list[Path] | None:
    """The files a CITY argument names when it is a path; None when it is an id."""
    if arg == BUNDLED_CITIES:
        return yaml_files(bundled("cities"))
    path = Path(arg)
    if path.is_dir() and not named_as_file(path):
        return yaml_files(path)
    if path.exists() or path.suffix.lower() in YAML_SUFFIXES or "/" in arg or "\\" in arg:
        return [path]
    return None


def named_files(cities: list[str], pool_dir: Path) -> tuple[dict[Path, Path], list[str]]:
    """The files the CITY arguments name, by resolved path in the order given, and the ids."""
    explicit: list[Path] = []
    ids: list[str] = []
    for arg in cities:
        expanded = expand_arg(arg, pool_dir)
        if expanded is None:
            ids.append(arg)
        else:
            explicit += expanded
    # A file named alone and through its folder is read once, not taken for its own duplicate.
    firsts: dict[Path, Path] = {}
    for path in explicit:
        firsts.setdefault(resolved(path), path)
    return firsts, ids


def resolved(path: Path) -> Path:
    """``path`` made absolute with links resolved; as given when it cannot be (a link loop)."""
    try:
        return real_path(path)
    except (OSError, RuntimeError):
        return path.absolute()
