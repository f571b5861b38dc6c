"""The report of one place as an editable Word document (``report --format docx``).

The same content as the HTML report, from the same JSON report data: summary, ranking, the
dimension charts, findings by dimension, trend, gaps, roadmap, lessons from peers, evidence
appendix and provenance. Real headings (Word's navigation pane and table of contents use
them), real tables (header rows repeat across pages), charts as images, page numbers in
the footer, A4 pages.

Fonts: every style names a Latin font and an East Asian one (``w:eastAsia``: 宋体 for text,
黑体 for headings, the faces a Chinese bureau's documents use; a reader without them gets
the nearest installed CJK face, e.g. Noto CJK), and the East Asian language is zh-CN, so
Chinese text never falls back to a Latin font.

Charts: the SVG the HTML shows (``render/charts.py``) rasterised with CairoSVG: one chart
implementation, so the document and the page show the same figure; drawing them again in
another library would be a second copy to keep in step. Text in a chart is set in a CJK
font found by fontconfig (``fc-list :lang=zh``); when a chart has Chinese text and the
machine has no such font, the chart is left out and the document says so (never boxes).
Returns bytes, reproducible (fixed times). python-docx and CairoSVG are imported here only.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from policebench.i18n import label, t
from policebench.render.common import num, pct

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

#: East Asian faces of body text and headings (Windows and WPS names; any CJK reader maps them).
BODY_EAST_ASIA = "宋体"
HEADING_EAST_ASIA = "黑体"
LATIN = "Calibri"
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: CJK families preferred for chart text, best first (fontconfig picks any other it has).
_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Serif CJK SC")


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """A font family on this machine with Chinese characters (fontconfig), or None."""
    if shutil.which("fc-list") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = {name.strip() for line in found.splitlines() for name in line.split(",")}
    families.discard("")
    for name in _PREFERRED:
        if name in families:
            return name
    return min(families) if families else None


def chart_png(svg: str) -> tuple[bytes | None, str]:
    """``svg`` as a PNG, or None and why not (the key of the label saying so)."""
    font = cjk_font()
    if font is None and _CJK.search(svg):
        return None, "docx_no_cjk_font"
    try:
        import cairosvg
    except (ImportError, OSError):  # OSError: the Cairo library itself is missing
        return None, "docx_no_cairo"
    family = f"{font}, sans-serif" if font else "sans-serif"
    svg = svg.replace("<svg ", f'<svg font-family="{family}" ', 1)
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2.5, unsafe=False)
    return bytes(png), ""


def missing_charts(data: Mapping[str, Any]) -> str:
    """The key of the label saying why the charts cannot be drawn here ('' when they can)."""
    from policebench.render import charts

    return chart_png(str(charts.radar(data["radar"], lang=str(data.get("lang", "en")))))[1]


# --------------------------------------------------------------------------- document parts


def _fonts(rpr: Any, east_asia: str, lang: str) -> None:
    """Set the Latin and East Asian fonts and the languages of a ``w:rPr`` element."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), LATIN)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-GB")
    language.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(language)


def _set_fonts(doc: Document, lang: str) -> None:
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _fonts(rpr, BODY_EAST_ASIA, lang)
    from docx.enum.style import WD_STYLE_TYPE

    kinds = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE)
    for style in doc.styles:
        element = style.element
        if style.type not in kinds:
            continue
        name = style.name or ""
        heading = name.startswith(("Heading", "Title")) or name == "Subtitle"
        _fonts(element.get_or_add_rPr(), HEADING_EAST_ASIA if heading else BODY_EAST_ASIA, lang)
    # Fonts set inside other parts of styles (table-style regions): no East Asian theme font
    # (the template's theme names none, so Word would fall back to a Latin one).
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        if fonts.attrib.pop(qn("w:eastAsiaTheme"), None) is not None:
            fonts.set(qn("w:eastAsia"), BODY_EAST_ASIA)


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``; Word and LibreOffice fill it in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1")):
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            run.text = text
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _page_numbers(doc: Document, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, rest = t("docx_page_of", lang).split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)


def _table(
    doc: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] = (),
) -> Table:
    """A table with a bold header row that repeats on every page; ``widths`` in cm (the
    text width is 16 cm), else equal columns."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table: Table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(flag)
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = "" if value is None else str(value)
    if widths:
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    doc.add_paragraph()
    return table


def _bullets(doc: Document, items: Sequence[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def _line(doc: Document, *parts: tuple[str, bool]) -> None:
    """A paragraph of (text, bold) runs."""
    paragraph = doc.add_paragraph()
    for text, bold in parts:
        paragraph.add_run(text).bold = bold


def _level(level: Any, name: Any) -> str:
    return f"{level} {name}" if name else f"{level}"


def _sources(sources: Sequence[Mapping[str, Any]], lang: str) -> str:
    parts = []
    for s in sources:
        text = f"{s['title']} ({t(s['reliability'], lang)})"
        if s.get("url"):
            text += f" {s['url']}"
        if s.get("date"):
            text += f" {s['date']}"
        parts.append(text)
    return ("；" if lang == "zh" else "; ").join(parts)


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


# --------------------------------------------------------------------------- sections


def _head(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    city, rubric = r["city"], r["rubric"]
    doc.add_heading(f"{city['name']} — {t('report_title', lang)}", level=0)
    meta = [
        label(t("rubric", lang), lang) + f"{rubric['name']} ({rubric['id']} {rubric['version']})",
        label(t("assessed", lang), lang) + str(city["assessed"]),
    ]
    if r.get("against_name"):
        meta.append(label(t("compared_with", lang), lang) + str(r["against_name"]))
    doc.add_paragraph(" · ".join(meta))
    doc.add_paragraph(str(r["peers"]["text"]))
    if city.get("assessor"):
        doc.add_paragraph(label(t("assessor", lang), lang) + str(city["assessor"]))
    if city.get("notes"):
        doc.add_paragraph(str(city["notes"]), style="Intense Quote")


def _summary(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    s = r["summary"]
    doc.add_heading(t("summary", lang), level=1)
    star = "*" if s["provisional"] else ""
    rank = f"{s['rank']}{star} / {s['of']}" if s["of"] > 1 else t("no_ranking", lang)
    u = r.get("uncertainty")
    overall = f"{num(s['overall'], 1, lang)}{star}"
    if u and u.get("overall"):
        overall += f" ({num(u['overall']['p5'], 0)}–{num(u['overall']['p95'], 0)})"
        rank += f" ({u['rank']['min']}–{u['rank']['max']})"
    _table(
        doc,
        [t(k, lang) for k in ("overall", "stage", "coverage", "rank", "open_gaps", "if_closed")],
        [
            [
                overall,
                f"{s['stage'] or t('unknown', lang)}{star}",
                pct(s["coverage"], lang),
                rank,
                s["open_gaps"],
                num(s["overall_if_closed"], 1, lang),
            ]
        ],
    )
    if u:
        doc.add_paragraph(t("uncertainty_note", lang) + ("。" if lang == "zh" else "."))
    if s["provisional"]:
        _line(
            doc,
            ("* " + t("provisional_because", lang).format(why=s["provisional_why"]) + " ", True),
            (t("provisional_may_move", lang), False),
        )
    known = label(t("known_levels", lang), lang) + f"{s['known']} / {s['indicators']}"
    if s["without_evidence"]:
        known += " · " + label(t("without_evidence", lang), lang) + str(s["without_evidence"])
    doc.add_paragraph(known)
    doc.add_heading(t("ranking", lang), level=2)
    axes = list(r["radar"]["axes"])
    rows = []
    for p in r["ranking"]:
        overall = num(p["overall"], 1, lang)
        if p.get("band"):
            overall += f" ({num(p['band']['p5'], 0)}–{num(p['band']['p95'], 0)})"
        rows.append(
            [
                f"{p['rank']}{'*' if p['provisional'] else ''}",
                p["name"],
                overall,
                p["stage"] or t("unknown", lang),
                pct(p["coverage"], lang),
                *[num(p["dimensions"][d["id"]], 1, lang) for d in r["dimensions"]],
            ]
        )
    _table(
        doc,
        ["#", t("city", lang), t("overall", lang), t("stage", lang), t("coverage", lang), *axes],
        rows,
    )
    if any(p["provisional"] for p in r["ranking"]):
        doc.add_paragraph(t("provisional_note", lang))
    if u:
        _uncertainty(doc, r, u, lang)


def _uncertainty(doc: Document, r: Mapping[str, Any], u: Mapping[str, Any], lang: str) -> None:
    """What ``--uncertainty`` adds (as the HTML's _uncertainty.html.j2): rank likelihoods,
    what the samples varied and did not, the samples and seed."""
    doc.add_heading(t("unc_heading", lang), level=2)
    stop = "。" if lang == "zh" else "."
    colon = "：" if lang == "zh" else ": "
    if u.get("rank", {}).get("likelihood_text"):
        doc.add_paragraph(f"{r['city']['name']}{colon}{u['rank']['likelihood_text']}{stop}")
    open_paren, close_paren = ("（", "）") if lang == "zh" else (" (", ")")
    rows = [
        [
            p["name"],
            p["rank"],
            p["rank_band"]["p_point_rank_text"],
            f"{p['rank_band']['most_likely_rank']}{open_paren}"
            f"{p['rank_band']['p_most_likely_rank_text']}{close_paren}",
            f"{p['rank_band']['min']}–{p['rank_band']['max']}",
        ]
        for p in r["ranking"]
        if p.get("rank_band")
    ]
    header = [t(k, lang) for k in ("city", "rank", "sens_p_point_rank", "unc_most_likely")]
    _table(doc, [*header, t("rank_range", lang).capitalize()], rows)
    explanation = u.get("explanation") or {}
    for key, items in (("unc_varied", "varied"), ("unc_not_varied", "not_varied")):
        if explanation.get(items):
            _line(doc, (label(t(key, lang), lang), True))
            _bullets(doc, [str(x["text"]) for x in explanation[items]])
    if explanation.get("samples"):
        doc.add_paragraph(str(explanation["samples"]))


def _charts(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    from docx.shared import Cm

    from policebench.render import charts

    doc.add_heading(t("dimension_scores", lang), level=1)
    figures = [
        (str(charts.radar(r["radar"], lang=lang)), t("radar_note", lang), 14),
        (str(charts.bars(r["radar"], lang=lang)), "", 10),
    ]
    for svg, caption, width in figures:
        png, why = chart_png(svg)
        if png is None:
            doc.add_paragraph(t(why, lang))
            continue
        doc.add_picture(io.BytesIO(png), width=Cm(width))
        if caption:
            doc.add_paragraph(caption, style="Caption")
    axes, series = r["radar"]["axes"], r["radar"]["series"]
    _table(
        doc,
        [t("dimension", lang), *[s["name"] for s in series]],
        [[a, *[num(s["values"][i], 1, lang) for s in series]] for i, a in enumerate(axes)],
    )


def _findings(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    doc.add_heading(t("by_dimension", lang), level=1)
    for d in r["dimensions"]:
        doc.add_heading(d["name"], level=2)
        items = []
        if d["score"] is None:
            items.append(
                label(t("score", lang), lang) + f"{t('unknown', lang)} — {t('nothing_known', lang)}"
            )
        else:
            text = label(t("score", lang), lang) + num(d["score"], 1, lang)
            if d["of"] > 1:
                text += (
                    f" ({t('rank', lang).lower()} {d['rank']} / {d['of']}; {t('best', lang)} "
                    f"{num(d['best'], 1, lang)}: {_sep(lang).join(d['leaders'])})"
                )
            items.append(text + f" · {t('coverage', lang).lower()} {pct(d['coverage'], lang)}")
        for key, names in (
            ("weakest", d["weakest"]),
            ("strongest", d["strongest"]),
            ("unknown_levels", d["unknown"]),
        ):
            if names:
                items.append(label(t(key, lang), lang) + _sep(lang).join(names))
        gaps = label(t("open_gaps", lang), lang) + str(d["open_gaps"])
        if d["open_gaps"]:
            gaps += f" ({t('impact_all', lang).lower()} +{num(d['impact'], 2)})"
        items.append(gaps)
        _bullets(doc, items)
    if len(r.get("trend") or []) > 1:
        from docx.shared import Cm

        from policebench.render.trend_chart import trend

        doc.add_heading(t("trend", lang), level=1)
        png, why = chart_png(str(trend(r["trend"], r["dimensions"], lang=lang)))
        if png is None:
            doc.add_paragraph(t(why, lang))
        else:
            doc.add_picture(io.BytesIO(png), width=Cm(15))
        _table(
            doc,
            [t("assessed", lang), t("overall", lang), t("coverage", lang)]
            + [d["name"] for d in r["dimensions"]],
            [
                [p["assessed"], num(p["overall"], 1, lang), pct(p["coverage"], lang)]
                + [num(p["dimensions"][d["id"]], 1, lang) for d in r["dimensions"]]
                for p in r["trend"]
            ],
        )


def _gaps(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    doc.add_heading(t("gaps", lang), level=1)
    targets = r["targets"]
    rule = str(targets["rule"])
    if targets.get("opinions"):
        rule += " " + t("targets_rule_opinions", lang)
    if targets.get("note"):
        rule += " " + str(targets["note"])
    doc.add_paragraph(rule)
    open_gaps = [g for g in r["gaps"] if g["gap"]]
    rows = [
        [
            n,
            g["dimension_name"],
            g["name"],
            _level(g["current"], g["current_name"]),
            _level(g["target"], g["target_name"]) + t("paren", lang).format(g["target_from"]),
            g["gap"],
            f"+{num(g['impact'], 2)}",
        ]
        for n, g in enumerate(open_gaps, start=1)
    ]
    if rows:
        _table(
            doc,
            [
                "#",
                *[
                    t(k, lang)
                    for k in ("dimension", "indicator", "current", "target", "gap", "impact")
                ],
            ],
            rows,
            (0.8, 2.6, 3.6, 2.2, 3.6, 1.2, 2.0),
        )
    else:
        doc.add_paragraph(t("no_gaps", lang))
    closed = [g["name"] for g in r["gaps"] if not g["gap"]]
    if closed:
        doc.add_paragraph(label(t("at_target", lang), lang) + _sep(lang).join(closed))
    if r.get("unknown"):
        doc.add_heading(f"{t('unknown_levels', lang)} ({len(r['unknown'])})", level=2)
        doc.add_paragraph(t("unknown_levels_note", lang))
        _table(
            doc,
            [t(k, lang) for k in ("dimension", "indicator", "target", "note")],
            [
                [
                    u["dimension_name"],
                    u["name"],
                    _level(u["target"], u["target_name"])
                    + t("paren", lang).format(u["target_from"]),
                    u.get("note") or "",
                ]
                for u in r["unknown"]
            ],
            (2.8, 3.5, 4.2, 5.5),
        )
    doc.add_heading(t("subtotals", lang), level=2)
    _table(
        doc,
        [t(k, lang) for k in ("dimension", "open_gaps", "levels_to_climb", "impact_all")]
        + [t("unknown", lang)],
        [
            [s["name"], s["open"], s["levels"], f"+{num(s['impact'], 2)}", s["unknown"]]
            for s in r["subtotals"]
        ],
    )


def _roadmap(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    doc.add_heading(t("roadmap", lang), level=1)
    doc.add_paragraph(t("roadmap_note", lang))
    roadmap = r["roadmap"]
    if not roadmap["phases"]:
        doc.add_paragraph(t("no_actions", lang))
    for phase in roadmap["phases"]:
        doc.add_heading(f"{t('phase', lang)} {phase['phase']}", level=2)
        rows = []
        for a in phase["actions"]:
            name = a["name"] + (f" ({t('prerequisite', lang)})" if a.get("prerequisite") else "")
            needs = "; ".join(f"{n['name']} ≥ {n['level']}" for n in a["needs"])
            rows.append(
                [
                    name,
                    _level(a["level"], a["level_name"]),
                    a["do"],
                    a["effort_name"],
                    f"+{num(a['impact'], 2)}",
                    needs,
                ]
            )
        _table(
            doc,
            [t(k, lang) for k in ("indicator", "to_level", "action", "effort", "impact", "needs")],
            rows,
            (3.0, 2.0, 6.2, 1.4, 1.4, 2.0),
        )
    if roadmap["blocked"]:
        doc.add_heading(t("blocked", lang), level=2)
        doc.add_paragraph(t("blocked_note", lang))
        _bullets(
            doc,
            [f"{b['name']} → {b['level']}: {b['do']} — {b['reason']}" for b in roadmap["blocked"]],
        )
    if roadmap["undefined"]:
        doc.add_heading(t("undefined_steps", lang), level=2)
        _bullets(doc, [f"{u['name']} → {u['level']}" for u in roadmap["undefined"]])


def _lessons(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    doc.add_heading(t("lessons", lang), level=1)
    if not r["lessons"]:
        doc.add_paragraph(t("no_lessons", lang))
    for lesson in r["lessons"]:
        doc.add_heading(f"{lesson['name']} → {lesson['target']}", level=2)
        if not lesson["peers"]:
            doc.add_paragraph(t("no_peer", lang))
        for p in lesson["peers"]:
            confidence = t(p["confidence"], lang) if p["confidence"] else t("unknown", lang)
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(p["name"]).bold = True
            paragraph.add_run(
                f" — {t('level', lang)} {p['level']} ({p['level_name']}), "
                f"{t('confidence', lang).lower()} {confidence}. "
                f"{p['evidence'] or t('opinion', lang)}"
            )
            for s in p["sources"]:
                doc.add_paragraph(_sources([s], lang), style="List Bullet 2")
        if lesson.get("more"):
            doc.add_paragraph(label(t("more_peers", lang), lang) + str(lesson["more"]))


def _evidence(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    doc.add_heading(t("evidence_appendix", lang), level=1)
    evidenced = [e for e in r["evidence"] if e["status"] == "evidenced"]
    opinions = [e for e in r["evidence"] if e["status"] == "opinion"]
    unknowns = [e for e in r["evidence"] if e["status"] == "unknown"]

    def level_of(e: Mapping[str, Any]) -> str:
        text = _level(e["level"], e["level_name"])
        if e.get("value") is not None:
            text += f" ({e['value']} {e.get('unit') or ''})".rstrip()
        return text

    def sources_of(e: Mapping[str, Any]) -> str:
        text = _sources(e["sources"], lang)
        if e.get("survey"):
            text += " " + label(t("survey", lang), lang) + str(e["survey"]["answers"])
        return text.strip()

    doc.add_heading(f"{t('evidenced', lang)} ({len(evidenced)})", level=2)
    _table(
        doc,
        [t(k, lang) for k in ("indicator", "level", "confidence", "evidence", "sources")],
        [
            [
                f"{e['name']} ({e['dimension_name']})",
                level_of(e),
                t(e["confidence"], lang) if e["confidence"] else "",
                e["evidence"],
                sources_of(e),
            ]
            for e in evidenced
        ],
        (3.2, 1.8, 1.4, 6.4, 3.2),
    )
    doc.add_heading(f"{t('opinions', lang)} ({len(opinions)})", level=2)
    if opinions:
        doc.add_paragraph(f"{t('opinion', lang)}: {t('opinions_note', lang)}")
        _table(
            doc,
            [t(k, lang) for k in ("indicator", "level", "confidence", "note", "sources")],
            [
                [
                    f"{e['name']} ({e['dimension_name']})",
                    level_of(e),
                    t(e["confidence"], lang) if e["confidence"] else "",
                    e.get("note") or "",
                    sources_of(e),
                ]
                for e in opinions
            ],
            (3.2, 1.8, 1.4, 6.4, 3.2),
        )
    else:
        doc.add_paragraph(t("none", lang))
    doc.add_heading(f"{t('unknown_levels', lang)} ({len(unknowns)})", level=2)
    if unknowns:
        doc.add_paragraph(t("unknown_levels_note", lang))
        _table(
            doc,
            [t("indicator", lang), t("note", lang)],
            [[f"{e['name']} ({e['dimension_name']})", e.get("note") or ""] for e in unknowns],
        )
    else:
        doc.add_paragraph(t("none", lang))


def _provenance(doc: Document, r: Mapping[str, Any], lang: str) -> None:
    provenance = r.get("provenance")
    if not provenance:
        return
    doc.add_heading(t("provenance", lang), level=1)
    rows = [[t("rubric", lang), provenance["rubric"]["file"], provenance["rubric"]["sha256"]]]
    rows += [[p["id"], p["file"], p["sha256"]] for p in provenance["profiles"]]
    doc.add_paragraph(f"policebench {provenance['policebench']}")
    _table(doc, ["", t("docx_file", lang), "SHA-256"], rows, (2.8, 3.7, 9.5))


def render_report(data: Mapping[str, Any]) -> bytes:
    """The Word document of the JSON report ``data`` (``report --format json``)."""
    from docx import Document as new_document
    from docx.shared import Cm

    from policebench.render.office import stable_zip

    lang = str(data.get("lang", "en"))
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    _set_fonts(doc, lang)
    props = doc.core_properties
    props.title = f"{data['city']['name']} — {t('report_title', lang)}"
    props.author = "policebench"
    props.language = "zh-CN" if lang == "zh" else "en-GB"
    props.comments = f"policebench {data.get('policebench', '')}"
    for part in (_head, _summary, _charts, _findings, _gaps, _roadmap, _lessons, _evidence):
        part(doc, data, lang)
    _provenance(doc, data, lang)
    _page_numbers(doc, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())
