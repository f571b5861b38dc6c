"""`policebench weights ahp|entropy`: indicator weights from experts (AHP) or from the data
(the entropy-weight method), beside the rubric's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policebench.cli.common import (
    CitiesArg,
    LangOpt,
    OutputOpt,
    RubricOpt,
    emit,
    finish,
    format_option,
    handle_errors,
    lang_of,
    load_or_exit,
    resolve_format,
    style_for,
)
from policebench.cli.root import app
from policebench.errors import InvalidInput
from policebench.problems import Problem, sort_problems
from policebench.render import registry
from policebench.render.registry import AhpFormat, EntropyFormat

weights_app = typer.Typer(
    help="Indicator weights from experts' pairwise comparisons (AHP) or from the places' "
    "levels (entropy), beside the rubric's.\n\nExamples:\n\n"
    "  policebench weights ahp experts/a.yaml experts/b.yaml experts/c.yaml\n\n"
    "  policebench weights entropy",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(weights_app, name="weights")


@weights_app.command("ahp")
@handle_errors
def ahp(
    files: Annotated[
        list[Path],
        typer.Argument(help="One weights file per expert (YAML).", show_default=False),
    ],
    rubric: RubricOpt = None,
    format: Annotated[AhpFormat | None, format_option("table")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Weights from a panel of experts' pairwise comparisons (the Analytic Hierarchy Process).

    Each expert's file compares the rubric's dimensions, and the indicators within a
    dimension, on Saaty's 1-9 scale: only the upper triangle (row against column: 3 = the row
    is moderately more important, 1/3 = moderately less), reciprocals implied; a number or a
    fraction such as 1/3. A dimension whose indicators nobody compared keeps the rubric's
    indicator weights; the dimensions, when not compared, keep theirs.

    Per expert and group: the priorities (principal eigenvector), lambda_max, CI and the
    consistency ratio CR = CI / RI (Saaty's random index); above CR 0.1 the comparisons
    most at odds with the rest are named, with the value the rest imply. The panel: the
    geometric mean of the judgements (AIJ), which keeps the matrix reciprocal and acts for
    the bureau as one unit; its own CR is shown too.

    --format yaml writes a copy of the rubric carrying the panel's weights (never over the
    rubric itself): score with it through --rubric. More in docs/weights.md.

    Exit code 0 when computed (also when a CR is above 0.1: that is shown); 2 when a file
    is bad, every problem at its FILE:LINE:COL.

    Examples:

      policebench weights ahp expert-a.yaml expert-b.yaml expert-c.yaml

      policebench weights ahp experts/*.yaml --format json

      policebench weights ahp experts/*.yaml -o rubrics/smart-policing-ahp.yaml
    """
    from policebench.analysis.ahp import panel
    from policebench.models.weights import ExpertWeights, Judged
    from policebench.readers.yaml import Document
    from policebench.render.weights import Weighted
    from policebench.validation.build import build
    from policebench.validation.weights_checks import read_judgements, same_groups
    from policebench.workspace import find_rubric, load_rubric
    from policebench.workspace.inputs import read_input

    language = lang_of(lang)
    fmt = resolve_format(format, output, "weights ahp", language)
    problems: list[Problem] = []
    read: list[tuple[ExpertWeights, Document]] = []
    for path in files:
        try:
            doc = read_input(path)[0]
        except InvalidInput as exc:
            problems += exc.problems
            continue
        model, found = build(ExpertWeights, doc)
        problems += found
        if model is not None:
            read.append((model, doc))
    if problems:
        raise InvalidInput(sort_problems(problems))
    found_rubric, source = find_rubric(rubric, [m.rubric for m, _ in read])
    judged: list[tuple[Judged, Document]] = []
    for model, doc in read:
        matrices, found = read_judgements(model, doc, found_rubric)
        problems += found
        if matrices is not None:
            judged.append((matrices, doc))
    if not problems:
        problems = same_groups(judged)
    if problems:
        raise InvalidInput(sort_problems(problems))
    result = panel(found_rubric, [j for j, _ in judged])
    data = load_rubric(source.path)[2].data
    text = registry.render(
        "weights ahp",
        fmt,
        Weighted(found_rubric, result, data, source.name),
        style_for(output, language),
    )
    emit(text, output, [source.path, *files])


@weights_app.command("entropy")
@handle_errors
def entropy(
    cities: CitiesArg = None,
    rubric: RubricOpt = None,
    format: Annotated[EntropyFormat | None, format_option("table")] = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Entropy weights of the indicators from the places' levels, beside the rubric's.

    The entropy-weight method gives more weight to an indicator the more the places'
    levels differ on it: x = the indicator score (0..1), p = x / sum x over the places,
    e = -sum p ln p / ln m (m places with a known level), weight = (1 - e) / sum (1 - e).
    Indicators known in fewer than two places are left out and listed; the rubric's weights
    are scaled to the same indicators. The indicators on which the two disagree most come
    first. It is a check on the experts' weights, not a replacement: it rewards what differs
    between these places, not what matters. More in docs/weights.md.

    Examples:

      policebench weights entropy

      policebench weights entropy j-city hangzhou qingdao --format json
    """
    from policebench.analysis.entropy import entropy_weights
    from policebench.render.weights import Weighted
    from policebench.scoring import levels_of

    language = lang_of(lang)
    fmt = resolve_format(format, output, "weights entropy", language)
    ws, failed = load_or_exit(cities or [], rubric, minimum=2)
    levels = {lp.profile.id: levels_of(ws.rubric, lp.profile) for lp in ws.selected}
    result = entropy_weights(ws.rubric, levels)
    data = {}
    if fmt == "yaml":  # the rubric file's data as read: the copy carries the entropy weights
        from policebench.workspace import load_rubric

        data = load_rubric(ws.rubric_source.path)[2].data
    text = registry.render(
        "weights entropy",
        fmt,
        Weighted(
            ws.rubric,
            result,
            data,
            ws.rubric_source.name,
            {lp.profile.id: lp.profile for lp in ws.selected},
        ),
        style_for(output, language),
    )
    finish(text, output, ws, failed)
