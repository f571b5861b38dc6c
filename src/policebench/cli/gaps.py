"""`policebench gaps`: where a place is behind its targets, and what closing each gap is worth."""

from __future__ import annotations

from policebench.cli.app import app
from policebench.cli.common import (
    LangOpt,
    OutputOpt,
    PeersOpt,
    RubricOpt,
    TableFormat,
    TableFormatOpt,
    finish,
    handle_errors,
    lang_of,
    load_or_exit,
    resolve_format,
    use_color,
)
from policebench.cli.reporting import (
    TARGET_RULE,
    AgainstOpt,
    CityArg,
    MoreArg,
    TargetOpt,
    WithOpinionsOpt,
    city_report,
)


@app.command(epilog=TARGET_RULE)
@handle_errors
def gaps(
    city: CityArg,
    more: MoreArg = None,
    against: AgainstOpt = "frontier",
    peers: PeersOpt = None,
    with_opinions: WithOpinionsOpt = False,
    target: TargetOpt = None,
    rubric: RubricOpt = None,
    format: TableFormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """List every indicator's gap to its target and the overall points closing it would add.

    Targets, by precedence: --target, then --against (a peer's levels or the frontier), then
    the profile's targets, then the rubric's default_target. Unknown current levels are
    listed apart, never counted as the lowest level.

    Examples:

      policebench gaps j-city

      policebench gaps j-city --against frontier

      policebench gaps j-city --against hangzhou --output gaps.csv   # csv, from the name
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, TableFormat, TableFormat.table, language)
    from policebench.render import gaps as render
    from policebench.render.common import to_json
    from policebench.render.templates import render as template

    ws, failed = load_or_exit([city], rubric, extra=more, peers=peers)
    report = city_report(ws, against, target, None, language, opinions=with_opinions)
    if fmt is TableFormat.json:
        text = to_json(render.subset(report, render.GAP_KEYS))
    elif fmt is TableFormat.csv:
        text = render.gaps_csv(report, language)
    elif fmt is TableFormat.markdown:
        text = template("gaps.md.j2", report)
    else:
        text = render.gaps_table(
            report,
            language,
            color=output is None and use_color(),
            width=None if output is None else 200,
        )
    finish(text, output, ws, failed)
