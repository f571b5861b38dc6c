"""`policebench compare`: places side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from policebench.cli.common import (
    CitiesArg,
    LangOpt,
    OutputOpt,
    PeersOpt,
    RubricOpt,
    finish,
    format_option,
    handle_errors,
    lang_of,
    load_or_exit,
    resolve_format,
    style_for,
)
from policebench.cli.reporting import (
    SamplesOpt,
    SeedOpt,
    TemplateDirOpt,
    UncertaintyOpt,
    provenance,
    sensitivity_of,
)
from policebench.cli.root import app
from policebench.render import registry
from policebench.render.registry import CompareFormat


@app.command()
@handle_errors
def compare(
    cities: CitiesArg = None,
    rubric: RubricOpt = None,
    format: Annotated[CompareFormat | None, format_option("table")] = None,
    output: OutputOpt = None,
    peers: PeersOpt = None,
    template_dir: TemplateDirOpt = None,
    lang: LangOpt = None,
    uncertainty: UncertaintyOpt = False,
    samples: SamplesOpt = 2000,
    seed: SeedOpt = 0,
    strict: Annotated[
        bool, typer.Option(help="Refuse to output anything when any input is bad.")
    ] = False,
) -> None:
    """Compare places side by side: rank, overall, stage, coverage, dimension scores with
    the leader marked, the spread per dimension, and every indicator's level.

    Examples:

      policebench compare

      policebench compare j-city hangzhou qingdao -o cmp.html   # html, by name

      policebench compare --uncertainty -f markdown   # 52.2 (47–58), rank 2 (1–3)
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "compare", language)
    from policebench.report.comparison import build_comparison

    ws, failed = load_or_exit(cities or [], rubric, strict=strict, peers=peers)
    # One place asked for (or --peers given): it is compared with its peers, named in a line.
    joined = ws.peers if len(ws.selected) == 1 or peers is not None else []
    profiles = [lp.profile for lp in [*ws.selected, *joined]]
    data = build_comparison(
        ws.rubric,
        profiles,
        lang=language,
        provenance=provenance(ws, [p.id for p in profiles]),
        origin=ws.peer_origin,
        peers=len(joined),
    )
    if uncertainty:
        from policebench.report.uncertainty import comparison_with_bands

        result = sensitivity_of(ws, [p.id for p in profiles], samples, seed)
        data = comparison_with_bands(data, result, ws.rubric, language)
    text = registry.render("compare", fmt, data, style_for(output, language, template_dir))
    finish(text, output, ws, failed, template_dir)
