"""`policebench recommend`: the rubric's actions for each gap, as a phased roadmap."""

from __future__ import annotations

from policebench.cli.common import (
    LangOpt,
    OutputOpt,
    PeersOpt,
    RubricOpt,
    SheetFormatOpt,
    finish,
    handle_errors,
    lang_of,
    load_or_exit,
    resolve_format,
    style_for,
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
from policebench.cli.root import app
from policebench.render import registry


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
    format: SheetFormatOpt = None,
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

      policebench recommend j-city -o roadmap.xlsx   # a workbook
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "recommend", language)

    ws, failed = load_or_exit([city], rubric, extra=more, peers=peers)
    report = city_report(ws, against, target, top, language, opinions=with_opinions)
    text = registry.render("recommend", fmt, report, style_for(output, language))
    finish(text, output, ws, failed)
