"""`policebench report`: the assessment report of one place, to hand on."""

from __future__ import annotations

import sys
from typing import Annotated

from policebench.cli.common import (
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
    TARGET_RULE,
    AgainstOpt,
    CityArg,
    MoreArg,
    SamplesOpt,
    SeedOpt,
    TargetOpt,
    TemplateDirOpt,
    TopOpt,
    UncertaintyOpt,
    WithOpinionsOpt,
    city_report,
    sensitivity_of,
)
from policebench.cli.root import app
from policebench.i18n import t
from policebench.messages import Msg
from policebench.render import registry
from policebench.render.registry import ReportFormat


@app.command(epilog=TARGET_RULE)
@handle_errors
def report(
    city: CityArg,
    more: MoreArg = None,
    against: AgainstOpt = "frontier",
    peers: PeersOpt = None,
    with_opinions: WithOpinionsOpt = False,
    target: TargetOpt = None,
    top: TopOpt = None,
    rubric: RubricOpt = None,
    format: Annotated[ReportFormat | None, format_option("markdown")] = None,
    output: OutputOpt = None,
    template_dir: TemplateDirOpt = None,
    lang: LangOpt = None,
    uncertainty: UncertaintyOpt = False,
    samples: SamplesOpt = 2000,
    seed: SeedOpt = 0,
) -> None:
    """Write the assessment report of one place: summary, radar, findings, gaps, roadmap,
    lessons from peers, evidence appendix and provenance.

    HTML is one self-contained file (inline CSS and SVG, no scripts, printable); Markdown
    renders on GitHub; JSON carries everything the HTML shows; DOCX is the same report as an
    editable Word document (headings, tables, charts as images, page numbers, Chinese fonts).
    Templates can be overridden with --template-dir (copy the bundled templates/ folder and
    edit).

    Examples:

      policebench report j-city --against frontier -o j.html   # html, by name

      policebench report j-city --against hangzhou --lang zh --output j-city.md

      policebench report my-city history/ -o my-city.html   # with the trend

      policebench report j-city --uncertainty -o j-city.html  # with bands

      policebench report j-city --lang zh -o J市评估报告.docx  # Word
    """
    language = lang_of(lang)
    fmt = resolve_format(format, output, "report", language)

    ws, failed = load_or_exit([city], rubric, extra=more, peers=peers)
    data = city_report(ws, against, target, top, language, opinions=with_opinions)
    if uncertainty:
        from policebench.report.uncertainty import report_with_bands

        result = sensitivity_of(ws, [lp.profile.id for lp in ws.pool], samples, seed)
        data = report_with_bands(data, result, ws.rubric, language)
    if fmt == "docx":
        from policebench.render.word import missing_charts

        why = missing_charts(data)
        if why:  # "warning: Chart left out: ...", "警告：图表未插入：..."
            sys.stderr.write(Msg("warning-prefix").render(language) + t(why, language) + "\n")
    text = registry.render("report", fmt, data, style_for(output, language, template_dir))
    finish(text, output, ws, failed, template_dir)
