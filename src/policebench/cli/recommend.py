"""`policebench recommend`: the rubric's actions for each gap, as a phased roadmap."""

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
    TopOpt,
    WithOpinionsOpt,
    city_report,
)


@app.command(epilog=TARGET_RULE)
@handle_errors
def recommend(
    city: CityArg,
    more: MoreArg = None,
    against: AgainstOpt = "frontier",
    peers: PeersOpt = None,
    with_opinions: WithOpinionsOpt = False,
    target: TargetOpt = None,
    top: TopOpt = None,
    rubric: RubricOpt = None,
    format: TableFormatOpt = None,
    output: OutputOpt = None,
    lang: LangOpt = None,
) -> None:
    """Turn the gaps into a phased roadmap of actions, and name the peers to learn from.

    An action is placed in a phase only when every level it needs is reached (now, or by
    earlier phases); within a phase actions are ordered by impact per unit of effort
    (low = 1, medium = 2, high = 4). Needs on levels no gap asks for pull those steps in
    as prerequisites; needs on unknown levels are listed as blocked.

    Examples:

      policebench recommend j-city --against frontier

      policebench recommend j-city --against qingdao --top 5 --format markdown
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, TableFormat, TableFormat.table, language)
    from policebench.render import gaps as render
    from policebench.render.common import to_json
    from policebench.render.templates import render as template

    ws, failed = load_or_exit([city], rubric, extra=more, peers=peers)
    report = city_report(ws, against, target, top, language, opinions=with_opinions)
    if fmt is TableFormat.json:
        text = to_json(render.subset(report, render.RECOMMEND_KEYS))
    elif fmt is TableFormat.csv:
        text = render.recommend_csv(report, language)
    elif fmt is TableFormat.markdown:
        text = template("recommend.md.j2", report)
    else:
        text = render.recommend_table(
            report,
            language,
            color=output is None and use_color(),
            width=None if output is None else 200,
        )
    finish(text, output, ws, failed)
