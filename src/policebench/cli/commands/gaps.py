"""`policebench gaps`: where a place is behind its targets, and what closing each gap is worth."""

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
    WithOpinionsOpt,
    city_report,
)
from policebench.cli.root import app
from policebench.render import registry


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
    format: SheetFormatOpt = None,
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

      policebench gaps j-city --against hangzhou -o gaps.csv   # csv, by name
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "gaps", language)

    ws, failed = load_or_exit([city], rubric, extra=more, peers=peers)
    report = city_report(ws, against, target, None, language, opinions=with_opinions)
    finish(registry.render("gaps", fmt, report, style_for(output, language)), output, ws, failed)
