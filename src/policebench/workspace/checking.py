"""Loading for checks rather than for scoring: ``validate_paths`` and ``load_history``.

Both read files the user names without one rubric fixed in advance (each profile is checked
against the rubric it names, or against none), so they share the reading and the grouping into
a history, with its duplicate check, with ``workspace`` but not its choice of inputs.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from policebench.errors import InvalidInput, UserError
from policebench.messages import Msg
from policebench.models import Profile, Rubric
from policebench.paths import display
from policebench.problems import Problem, sort_problems
from policebench.readers.yaml import Document
from policebench.validation.build import (
    broken_against_rubric,
    build,
    build_profile,
    check_profile,
    check_rubric,
)
from policebench.validation.profile_checks import approval_problems
from policebench.workspace.inputs import (
    LoadedProfile,
    default_dir,
    find_rubric,
    is_weights,
    named_as_file,
    named_files,
    resolved,
    unknown_city,
    yaml_files,
)
from policebench.workspace.reading import (
    ProfileRead,
    is_rubric,
    profile_docs,
    read_profiles,
    with_rubric,
)


def duplicate_assessment(doc: Document, profile: Profile, other: str) -> Problem:
    """The one error for a second file with the same place and assessment date."""
    return doc.problem(
        ("id",),
        Msg("duplicate-profile", id=profile.id, assessed=str(profile.assessed), other=other),
        Msg("duplicate-profile-hint-remove"),
        code="duplicate-id",
    )


def group_history(
    valid: list[LoadedProfile],
    problems: list[Problem],
    defaults: frozenset[Path] = frozenset(),
) -> dict[str, list[LoadedProfile]]:
    """Assessments grouped by place, oldest first; the same place and date twice is an error.

    A file from the default folder (resolved path in ``defaults``) that repeats a place and
    date of a file named on the command line is shadowed by it, silently: that is a planner
    scoring their edited copy of a profile.
    """
    history: dict[str, list[LoadedProfile]] = {}
    for lp in valid:
        runs = history.setdefault(lp.id, [])
        clash = next((r for r in runs if r.assessed == lp.assessed), None)
        if (
            clash is not None
            and resolved(lp.source.path) in defaults
            and resolved(clash.source.path) not in defaults
        ):
            continue
        if clash is not None:
            problems.append(duplicate_assessment(lp.document, lp.profile, clash.source.name))
            continue
        runs.append(lp)
    for runs in history.values():
        runs.sort(key=lambda r: r.assessed)
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
    firsts, ids = named_files(cities, pool_dir)
    explicit, seen = list(firsts.values()), set(firsts)
    pool_files = yaml_files(pool_dir) if pool_dir.is_dir() else []
    docs, problems = profile_docs(explicit + [p for p in pool_files if resolved(p) not in seen])
    valid: list[LoadedProfile] = []
    for doc, source in docs:
        # No rubric here: a level typed as a level name stays an error (its hint says so).
        profile, found, _ = build_profile(doc)
        problems += found
        if profile is not None:
            valid.append(LoadedProfile(profile, source, doc))
    history = group_history(valid, problems)
    wanted = [lp.profile.id for lp in valid if resolved(lp.source.path) in seen]
    for city_id in ids:
        named = any(isinstance(d.data, dict) and d.data.get("id") == city_id for d, _ in docs)
        if city_id not in history and not named:  # a named but invalid file: problems say why
            raise unknown_city(city_id, history)
        wanted.append(city_id)
    chosen = list(dict.fromkeys(w for w in wanted if w in history))
    return history, (chosen if cities else list(history)), sort_problems(problems)


def _weights_problems(
    docs: list[Document], rubrics: dict[str, Rubric], fallback: Rubric | None
) -> list[Problem]:
    """The problems of experts' comparison files, as `weights ahp` finds them."""
    from policebench.models.weights import ExpertWeights
    from policebench.validation.weights_checks import read_judgements

    problems: list[Problem] = []
    for doc in docs:
        model, found = build(ExpertWeights, doc)
        problems += found
        rubric = None if model is None else rubrics.get(model.rubric) or fallback
        if model is not None and rubric is not None:
            problems += read_judgements(model, doc, rubric)[1]
    return problems


def validate_paths(
    paths: list[Path], rubric_path: Path | None, *, require_approved: bool = False
) -> tuple[list[Problem], int]:
    """Validate files and folders (default: the rubric and profiles in use).

    With ``require_approved``, a profile whose review status is not approved is an error.

    Rubrics among the paths are checked first; profiles are then checked against the rubric
    they name (from the paths, ``rubric_path`` or the default). Returns every problem and
    the number of files read.
    """
    named = bool(paths)
    if not paths:
        paths = [rubric_path or default_dir("rubrics"), default_dir("cities")]
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and not named_as_file(path):
            inside = yaml_files(path)
            if not inside and named:  # "0 files valid" would pass what was never checked
                no_yaml = Problem(
                    display(path), 0, 0, Msg("folder-no-yaml"), Msg("folder-no-yaml-hint"), "io"
                )
                problems.append(no_yaml)
            files += inside
        elif path.exists() or path.is_symlink():  # a broken link or loop: reading says why
            files.append(path)
        else:
            problems.append(
                Problem(
                    display(path),
                    0,
                    0,
                    Msg("os-not-found"),
                    Msg("no-such-file-hint"),
                    "io",
                )
            )
    # A file named twice (alone and through its folder) is one file, not its own duplicate.
    once: dict[Path, Path] = {}
    for file in files:
        once.setdefault(resolved(file), file)
    files = list(once.values())
    # Read as ``score`` reads (a pool of processes for many files): a valid profile comes
    # back as its models with the evidence warnings, its positions read again only if a check
    # against the rubric finds a problem; documents are kept for rubrics and broken profiles.
    reads = read_profiles(files, None, keep_documents=True)
    rubrics: dict[str, Rubric] = {}
    #: Ids of rubrics among the paths that are too broken to build: their profiles wait for
    #: them to be fixed rather than being checked against some other rubric.
    unbuilt: set[str] = set()
    profiles: list[tuple[Profile, Document, list[Problem]]] = []  # with their warnings
    broken: list[Document] = []  # profiles whose model failed: their indicator ids still count
    #: Profiles that may name levels by the rubric's level names: built once it is known.
    pending: list[tuple[Path, ProfileRead]] = []
    #: An expert's pairwise comparisons (`weights ahp`): neither a rubric nor a profile.
    weights: list[Document] = []
    for file, read in zip(files, reads, strict=True):
        doc = read.document
        if read.pending is not None:
            pending.append((file, read))
        elif read.loaded is not None:
            profiles.append((read.loaded.profile, read.loaded.document, read.problems))
        elif doc is not None and is_weights(doc):
            weights.append(doc)  # checked once its rubric is known, as `weights ahp` does
        elif doc is not None and is_rubric(doc):
            rubric, found = build(Rubric, doc)
            if rubric is not None:
                found = check_rubric(rubric, doc)
                rubrics.setdefault(rubric.id, rubric)
            else:
                unbuilt.add(str(doc.data.get("id")))
            problems += found
        else:
            problems += read.problems  # the file could not be read, or its model failed
            if doc is not None:
                broken.append(doc)
    profiles = [t for t in profiles if t[0].rubric in rubrics or t[0].rubric not in unbuilt]
    wanted = [p.rubric for p, _, _ in profiles] + [
        str(d.data.get("rubric"))
        for d in broken + weights + [r.document for _, r in pending if r.document]
    ]
    fallback: Rubric | None = None
    if wanted and (rubric_path is not None or any(w not in rubrics for w in wanted)):
        try:
            fallback = find_rubric(rubric_path, wanted)[0]
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
    for file, read in pending:
        rubric = rubrics.get(str(read.raw_rubric)) or fallback
        if rubric is not None:
            read = with_rubric(read, file, rubric)
        if read.loaded is not None:
            profiles.append((read.loaded.profile, read.loaded.document, read.problems))
            continue
        problems += read.problems
        if read.document is not None:
            broken.append(read.document)
    for doc in broken:
        rubric = rubrics.get(str(doc.data.get("rubric"))) or fallback
        if rubric is not None:
            problems += broken_against_rubric(doc, rubric)
    problems += _weights_problems(weights, rubrics, fallback)
    seen: dict[tuple[str, object], str] = {}
    for profile, doc, warnings in profiles:
        rubric = rubrics.get(profile.rubric) or fallback
        if rubric is None:
            continue
        problems += check_profile(profile, rubric, doc) + warnings
        if require_approved:
            problems += approval_problems(profile, doc)
        key = (profile.id, profile.assessed)
        if key in seen:
            problems.append(duplicate_assessment(doc, profile, seen[key]))
        seen.setdefault(key, doc.file)
    return sort_problems(problems), len(files)
