"""`policebench consensus`: several assessors' profiles of one place -> one consensus profile,
their agreement, and the disagreements for the consensus meeting."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from policebench.cli.common import (
    LangOpt,
    OutputOpt,
    RubricOpt,
    emit,
    format_option,
    handle_errors,
    lang_of,
    print_problems,
    resolve_format,
    style_for,
)
from policebench.cli.root import app
from policebench.errors import InvalidInput, UserError, UserErrors
from policebench.messages import Msg
from policebench.problems import READ_AS, Problem, sort_problems
from policebench.render import registry
from policebench.render.registry import ConsensusFormat

if TYPE_CHECKING:
    from policebench.analysis.consensus import Override
    from policebench.models import Rubric

# "=" and ":" as a Chinese input method types them (＝, ：) are read as well.
_OVERRIDE = re.compile(
    r"^\s*(?P<id>[^=＝\s]+)\s*[=＝]\s*(?P<level>-?\d+|null)\s*[:：]\s*(?P<why>.*\S)\s*$"
)
#: A decision without its rationale: ``data-sharing=2``.
_NO_WHY = re.compile(r"^\s*[^=＝\s]+\s*[=＝]\s*(-?\d+|null)\s*[:：]?\s*$")


@app.command()
@handle_errors
def consensus(
    profiles: Annotated[
        list[Path],
        typer.Argument(
            help="Two or more profiles of one place and date, by different assessors.",
            metavar="PROFILE...",
            show_default=False,
        ),
    ],
    override: Annotated[
        list[str] | None,
        typer.Option(
            "--override",
            help="A level the consensus meeting decided, with its rationale: "
            "'INDICATOR=LEVEL: why' (repeatable; LEVEL may be null).",
            show_default=False,
        ),
    ] = None,
    rubric: RubricOpt = None,
    format: Annotated[ConsensusFormat | None, format_option("table")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Combine several assessors' profiles of one place and assessment date into one.

    Per indicator: the consensus level = the median of the assessors' known levels, the
    lower of the two middle ones on ties (as `survey` does: a level is claimed only when
    more than half of the assessors who know put the place at or above it); agreement = the
    share of known levels within one level of it; spread = highest minus lowest.
    Confidence = the lowest the assessors gave, at most medium when they are one level
    apart, low when two or more (so `sensitivity` treats the spread as uncertainty).
    Over all indicators: Krippendorff's alpha for ordinal data (1 = full agreement, 0 = no
    better than chance). Evidence, notes and sources of every assessor are merged, the same
    text or source once. The disagreements (levels differ, or known to some only) are listed
    for the consensus meeting, largest spread first; --override records the meeting's
    decision and rationale per indicator.

    The consensus profile (--format yaml, or -o FILE.yaml) has review status draft:
    set `review: {status: approved, by: ..., date: ...}` once the bureau approves it, and
    `validate --require-approved` checks that. More in docs/consensus.md.

    Profiles of different places, dates or rubrics are refused at their FILE:LINE:COL
    (exit 2).

    Examples:

      policebench consensus examples/consensus/*.yaml

      policebench consensus a.yaml b.yaml c.yaml -o cities/j-city.yaml

      policebench consensus a.yaml b.yaml --override 'data-sharing=2: MoU seen'
    """
    from policebench.analysis.consensus import consensus as combine
    from policebench.models import Profile
    from policebench.readers.yaml import Document
    from policebench.render.consensus import ConsensusResult
    from policebench.validation.build import build_profile, check_profile
    from policebench.validation.consensus_checks import same_assessment
    from policebench.validation.forms import level_names
    from policebench.workspace import find_rubric
    from policebench.workspace.inputs import read_input

    language = lang_of(lang)
    fmt = resolve_format(format, output, "consensus", language)
    if len(profiles) < 2:
        raise UserError(Msg("consensus-too-few"), Msg("consensus-too-few-hint"))
    problems: list[Problem] = []
    docs: list[tuple[Path, Document]] = []
    first_of: dict[str, str] = {}  # the SHA-256 of each file's bytes -> the file shown first
    for path in profiles:
        try:
            doc, source = read_input(path)
        except InvalidInput as exc:
            problems += exc.problems
            continue
        first = first_of.get(source.sha256)
        if first is not None:
            # The same path twice, or a copy of a file (the bytes say it is the same): one
            # assessor counted twice, agreement and alpha would be made up.
            problems.append(
                Problem(
                    source.name,
                    0,
                    0,
                    Msg("consensus-file-twice")
                    if first == source.name
                    else Msg("consensus-same-file", other=first),
                    Msg("consensus-same-file-hint"),
                    "consensus-same-file",
                )
            )
            continue
        first_of[source.sha256] = source.name
        docs.append((path, doc))
    if problems:
        raise InvalidInput(sort_problems(problems))
    wanted = [str(d.data.get("rubric")) for _, d in docs if d.data.get("rubric")]
    found, source = find_rubric(rubric, wanted)
    names = level_names(found.scale.levels, found.scale.levels_zh)
    read: list[tuple[Profile, Document]] = []
    found_problems: list[Problem] = []
    for _, doc in docs:
        profile, built, _ = build_profile(doc, names)
        found_problems += built
        if profile is not None:
            read.append((profile, doc))
    mismatch = same_assessment(read) if len(read) > 1 else []
    found_problems += mismatch
    # A profile of another rubric than the first's is that, not also one whose rubric id is
    # unknown (as check_profile would word it).
    other_rubric = {p.file for p in mismatch if p.code == "consensus-different-rubric"}
    for profile, doc in read:
        if doc.file not in other_rubric:
            found_problems += check_profile(profile, found, doc)
    problems = [p for p in found_problems if p.severity == "error"]
    shown = [p for p in found_problems if p.severity == "warning" and p.code in READ_AS]
    if problems:
        raise InvalidInput(sort_problems(problems + shown))
    if shown:
        print_problems(shown)
    decided = _decisions(override or [], found)
    result = combine(found, [(doc.file, p) for p, doc in read], decided)
    # The file the profile's header says to validate: the one written, as in `new` and
    # `survey`; on stdout, named by the place, as `new` names it.
    shown_out = str(output) if output is not None else f"{result.profile.id}.yaml"
    text = registry.render(
        "consensus",
        fmt,
        ConsensusResult(found, result, shown_out),
        style_for(output, language),
    )
    emit(text, output, [source.path, *profiles])


def _decisions(given: list[str], rubric: Rubric) -> dict[str, Override]:
    """The meeting's decisions typed as ``--override``, every mistake in them said at once."""
    from policebench.analysis.consensus import Override
    from policebench.readers.yaml import closest_then

    decided: dict[str, Override] = {}
    errors: list[UserError] = []
    for one in given:
        match = _OVERRIDE.match(one)
        if match is None:
            form = "override-no-why" if _NO_WHY.match(one) else "override-form"
            errors.append(UserError(Msg(form, given=one), Msg("override-form-hint")))
            continue
        ind = match["id"]
        if ind not in rubric.indicators:
            errors.append(
                UserError(
                    Msg("override-unknown", id=ind, rubric=rubric.id),
                    closest_then(ind, list(rubric.indicators), Msg("override-unknown-hint")),
                )
            )
            continue
        level = None if match["level"] == "null" else int(match["level"])
        if level is not None and level not in rubric.scale.span:
            low, high = rubric.scale.min, rubric.scale.max
            errors.append(
                UserError(
                    Msg("override-level", id=ind, level=level, min=low, max=high),
                    Msg("override-level-hint", min=low, max=high),
                )
            )
            continue
        if ind in decided:
            first = decided[ind].level
            errors.append(
                UserError(
                    Msg(
                        "override-twice",
                        id=ind,
                        first="null" if first is None else first,
                        then="null" if level is None else level,
                    ),
                    Msg("override-twice-hint", id=ind),
                )
            )
            continue
        decided[ind] = Override(level, match["why"])
    if errors:
        raise UserErrors(errors)
    return decided
