"""The Word report: what the HTML report shows is in the document's text, in the report's
language (n/a indicators with their reasons, evidence quality, stale and repost-only levels,
sources with their dates, where every target comes from, the peers named); real headings,
tables that fit the page, page numbers, charts as images, East Asian fonts; profile text
held inert; reproducible bytes."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.i18n import age_limit, label, paren, t
from policebench.render import word
from tests.places import EVIDENCE_PLACE


def _report(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["report", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _text(data: bytes) -> tuple[str, list[Any]]:
    """All the text of a document (paragraphs and table cells), and its paragraphs."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts), list(doc.paragraphs)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_section_gap_action_and_source_is_in_the_document(
    runner: CliRunner, lang: str
) -> None:
    data = _report(runner, "j-city", "--lang", lang)
    text, paragraphs = _text(word.render_report(data))
    headings = {p.text for p in paragraphs if p.style.name.startswith(("Heading", "Title"))}
    sections = ["summary", "ranking", "dimension_scores", "by_dimension", "gaps", "subtotals",
                "roadmap", "lessons", "evidence_appendix", "provenance"]  # fmt: skip
    for key in sections:
        assert t(key, lang) in headings, key
    assert f"{data['place']['name']} — {t('report_title', lang)}" in headings
    for d in data["dimensions"]:
        assert d["name"] in headings
    assert data["gaps"], "the report has gaps to check"
    for g in data["gaps"]:
        assert g["name"] in text, g["indicator"]
    for u in data["unknown"]:
        assert u["name"] in text
        assert (u["note"] or "") in text
    actions = [a for phase in data["roadmap"]["phases"] for a in phase["actions"]]
    assert actions
    for a in [*actions, *data["roadmap"]["blocked"]]:
        assert a["do"] in text, a["indicator"]
    sources = [s for e in data["evidence"] for s in e["sources"]]
    sources += [s for lesson in data["lessons"] for p in lesson["peers"] for s in p["sources"]]
    assert sources
    for s in sources:
        assert s["title"] in text
        if s["url"]:
            assert s["url"] in text
    for e in data["evidence"]:
        assert e["name"] in text
        if e["evidence"]:
            assert e["evidence"] in text
    for lesson in data["lessons"]:
        for p in lesson["peers"]:
            assert p["evidence"] is None or p["evidence"] in text
    for p in data["provenance"]["profiles"]:
        assert p["sha256"] in text
    assert data["provenance"]["rubric"]["sha256"] in text
    assert data["peers"]["text"] in text
    assert data["place"]["notes"] in text
    # the peers named, and where every target comes from (gaps, levels at target, unknowns)
    assert data["peers"]["places"]
    for peer in data["peers"]["places"]:
        assert peer["name"] in data["peers"]["text"]
    targets = {row["indicator"]: row["from"] for row in data["targets"]["indicators"]}
    for row in [*data["gaps"], *data["unknown"]]:
        assert row["target_from"] == targets[row["indicator"]]
        assert row["target_from"] in text, row["indicator"]
    assert t("target_source", lang) in text
    # evidence quality, as the HTML's block
    assert t("ev_quality", lang) in headings
    quality = data["evidence_quality"]
    assert label(t("ev_quality_known", lang).format(n=quality["known"]), lang) in text
    assert label(t("ev_median_age", lang), lang) in text
    assert label(t("ev_max_age", lang), lang) + age_limit(quality["max_age"], lang) in text


def test_fonts_page_numbers_and_reproducible_bytes(runner: CliRunner) -> None:
    data = _report(runner, "j-city", "--lang", "zh")
    first = word.render_report(data)
    assert word.render_report(data) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        footer = next(package.read(n).decode("utf-8") for n in package.namelist() if "footer" in n)
        body = package.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles
    assert "eastAsiaTheme" not in styles  # a theme's East Asian font would win over ours
    assert 'w:eastAsia="zh-CN"' in styles
    assert " PAGE " in footer and " NUMPAGES " in footer and "第 " in footer
    assert "<w:tblHeader" in body  # header rows repeat on every page


def test_charts_are_images_when_a_cjk_font_is_installed(runner: CliRunner) -> None:
    if word.cjk_font() is None:
        pytest.skip("no font with Chinese characters here (apt-get install fonts-noto-cjk)")
    data = _report(runner, "j-city", "--lang", "zh")
    import docx

    doc = docx.Document(io.BytesIO(word.render_report(data)))
    assert len(doc.inline_shapes) == 2  # radar and bars
    assert word.missing_charts(data) == ""


def test_without_a_cjk_font_the_document_says_so(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word, "cjk_font", lambda: None)
    data = _report(runner, "j-city", "--lang", "zh")
    text, _ = _text(word.render_report(data))
    assert t("docx_no_cjk_font", "zh") in text
    assert word.missing_charts(data) == "docx_no_cjk_font"
    # an English report's charts have no Chinese: drawn with any font
    assert word.missing_charts(_report(runner, "j-city", "--lang", "en")) == ""


def test_trend_and_uncertainty_as_the_html_shows_them(runner: CliRunner) -> None:
    history = str(Path(__file__).resolve().parents[1] / "fixtures" / "history")
    data = _report(runner, "demo-county", history, "--uncertainty", "--samples", "300")
    assert len(data["trend"]) == 3 and data["uncertainty"]
    raw = word.render_report(data)
    text, paragraphs = _text(raw)
    headings = {p.text for p in paragraphs if p.style.name.startswith("Heading")}
    assert {t("trend", "en"), t("unc_heading", "en")} <= headings
    for x in data["uncertainty"]["explanation"]["varied"]:
        assert x["text"] in text
    assert data["uncertainty"]["explanation"]["samples"] in text
    for p in data["ranking"]:
        assert p["rank_band"]["p_point_rank_text"] in text
        band = p["rank_band"]
        assert f"{band['p5']}–{band['p95']}" in text  # the 90% of the ranks, as the HTML
    for run in data["trend"]:
        assert run["assessed"] in text
    assert [(p["like_for_like"], p["compared"]) for p in data["trend"]] == [
        (None, 0),
        (12.95, 6),
        (None, 7),
    ]
    assert "over the 6 indicators known at both dates, +12.9." in text
    import docx

    assert len(docx.Document(io.BytesIO(raw)).inline_shapes) == 3  # radar, bars, trend


def test_a_chinese_report_writes_its_ranges_with_the_wave_dash(runner: CliRunner) -> None:
    data = _report(runner, "j-city", "--uncertainty", "--samples", "300", "--lang", "zh")
    text, _ = _text(word.render_report(data))
    band, rank = data["uncertainty"]["overall"], data["uncertainty"]["rank"]
    assert f"{band['p5']:.0f}～{band['p95']:.0f}" in text
    assert f"{rank['p5']}～{rank['p95']}" in text
    assert not re.findall(r"(?<![\d-])\d{1,3}[-–]\d{1,3}(?![\d-])", text)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_n_a_stale_reposts_opinions_and_source_dates_are_in_the_document(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "old-town.yaml"
    path.write_text(yaml.safe_dump(EVIDENCE_PLACE, allow_unicode=True), encoding="utf-8")
    data = _report(runner, str(path), "--lang", lang)
    status = {e["indicator"]: e["status"] for e in data["evidence"]}
    assert status["mlps-compliance"] == "not-applicable"
    assert status["coordination-mechanism"] == "opinion"
    raw = word.render_report(data)
    text, paragraphs = _text(raw)
    headings = {p.text for p in paragraphs if p.style.name.startswith("Heading")}

    # n/a: in the summary, its dimension, and the appendix with its reason in the language
    (na,) = data["not_applicable"]
    reason = "由省级定级" if lang == "zh" else "graded by the province"
    assert na["reason"] == reason
    assert t("not_applicable_levels", lang) + paren("1", lang) in headings
    assert t("not_applicable_note", lang) in text
    assert reason in text
    assert f"{data['summary']['not_applicable']} {t('not_applicable', lang)}" in text
    security = next(d for d in data["dimensions"] if d["not_applicable"])
    assert security["not_applicable"] == [na["name"]]
    # stale and repost-only levels, flagged where the level is; the newest source's age
    by_id = {e["indicator"]: e for e in data["evidence"]}
    stale, repost = by_id["top-level-design"], by_id["data-sharing"]
    assert stale["stale"] and repost["repost_only"]
    assert f"{stale['level']} {stale['level_name']} {t('ev_flag_stale', lang)}" in text
    assert f"{repost['level']} {repost['level_name']} {t('ev_flag_repost_only', lang)}" in text
    age = t("ev_age_years", lang).format(years=stale["age_years"])
    assert f"{label(t('ev_level_age', lang), lang)}{stale['newest']} · {age}" in text
    # sources: the date described and the date read; only http(s) addresses are links
    assert f"2015-01-01 · {t('ev_accessed', lang)} 2024-05-01" in text
    assert "ftp://mirror.example/x" in text
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    assert 'Target="https://gov.example/plan" TargetMode="External"' in rels
    assert "ftp://" not in rels
    # an opinion: counted and listed with its note
    assert t("opinions", lang) + paren("1", lang) in headings
    assert "told by phone" in text
    # evidence quality in figures
    quality = data["evidence_quality"]
    assert (quality["stale"], quality["repost_only"], quality["opinions"]) == (1, 1, 1)
    assert f"{t('ev_flag_stale', lang)} {quality['stale']} · " in text
    assert f"{t('ev_flag_repost_only', lang)} {quality['repost_only']} · " in text
    assert label(t("ev_flag_no_source", lang), lang) + str(quality["no_source"]) in text
    if lang == "zh":
        assert "2015年的规划。" in text
        assert "Developing" not in text and "Stale" not in text


def _widths_cm(raw: bytes) -> list[float]:
    """The width of every table of the document, in cm (its grid)."""
    import docx
    from docx.shared import Twips

    doc = docx.Document(io.BytesIO(raw))
    return [
        sum(Twips(int(c.get(docx.oxml.ns.qn("w:w")))).cm for c in table._tbl.tblGrid)
        for table in doc.tables
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_table_fits_the_page_and_wide_ones_are_split(runner: CliRunner, lang: str) -> None:
    history = str(Path(__file__).resolve().parents[1] / "fixtures" / "history")
    data = _report(
        runner, "demo-county", history, "--uncertainty", "--samples", "50", "--lang", lang
    )
    raw = word.render_report(data)
    for width in _widths_cm(raw):
        assert width <= word.TEXT_CM + 0.01
    import docx

    tables = docx.Document(io.BytesIO(raw)).tables
    ranking = [tb for tb in tables if tb.rows[0].cells[0].text == "#"]
    (first,) = ranking
    place_col = [row.cells[1].text for row in first.rows[1:]]
    assert place_col == [p["name"] for p in data["ranking"]]
    # every dimension's score of every place is in a ranking table (one, or split in two
    # with the place repeated)
    dims = [d["name"] for d in data["dimensions"]]
    holding = [tb for tb in tables if {c.text for c in tb.rows[0].cells} >= set(dims)]
    assert holding, "a table of the dimension scores"
    assert any(data["place"]["name"] in {row.cells[0].text, row.cells[1].text}
               for tb in holding for row in tb.rows)  # fmt: skip


def test_column_widths_keep_words_whole_when_they_can() -> None:
    rows = [["#", "地区", "阶段", "说明"], ["1", "内蒙古自治区", "发展阶段", "很长的说明文字" * 20]]
    widths = word.auto_widths(rows)
    assert abs(sum(widths) - word.TEXT_CM) < 1e-6
    em = word.TABLE_PT * 2.54 / 72
    assert widths[1] >= 6 * em  # 内蒙古自治区 on one line
    assert widths[2] >= 4 * em
    assert widths[3] == max(widths)  # the long text takes the room
    assert word.fits(rows)
    assert not word.fits([["Coordination mechanism"] * 12])


def test_profile_text_is_held_inert(runner: CliRunner, tmp_path: Path) -> None:
    """Control characters shown as <U+XXXX> (XML could not hold them anyway), a javascript:
    address shown, never linked."""
    place = json.loads(json.dumps(EVIDENCE_PLACE))
    place["name"] = "Old\x1b]0;pwned\x07 Town\u202e"
    place["indicators"]["top-level-design"]["sources"].append(
        {"title": "script", "url": "javascript:alert(1)", "reliability": "secondary"}
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(place, allow_unicode=True), encoding="utf-8")
    raw = word.render_report(_report(runner, str(path)))
    text, _ = _text(raw)
    assert "Old<U+001B>]0;pwned<U+0007> Town<U+202E>" in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "javascript:alert(1)" in text
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "javascript:" not in rels
    assert "Old&lt;U+001B&gt;" in core  # the title in the document properties too


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize(("lang", "prefix"), [("en", "warning: "), ("zh", "警告：")])
def test_report_warns_in_its_language_when_charts_are_left_out(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, lang: str, prefix: str
) -> None:
    monkeypatch.setattr(word, "cjk_font", lambda: None)
    result = runner.invoke(app, ["report", "j-city", "--lang", lang, "-o", "j.docx"])
    assert result.exit_code == 0, result.stderr
    if lang == "zh":
        assert prefix + t("docx_no_cjk_font", "zh") in result.stderr
        assert "warning" not in result.stderr
    else:  # an English report's charts have no Chinese: drawn with any font, no warning
        assert "Chart left out" not in result.stderr


def test_without_cairo_the_document_says_so_and_gives_the_figures(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import cairosvg raises ImportError
    # A Chinese font found, so that Cairo is what is missing, on a machine without one too.
    monkeypatch.setattr(word, "cjk_font", lambda: "Noto Sans CJK SC")
    data = _report(runner, "j-city", "--lang", "zh")
    raw = word.render_report(data)
    text, _ = _text(raw)
    assert t("docx_no_cairo", "zh") in text
    import docx

    doc = docx.Document(io.BytesIO(raw))
    assert len(doc.inline_shapes) == 0
    series = [s["name"] for s in data["radar"]["series"]]
    figures = [
        tb
        for tb in doc.tables
        if [c.text for c in tb.rows[0].cells] == [t("dimension", "zh"), *series]
    ]
    (table,) = figures  # the charts' figures, as a table
    assert [row.cells[0].text for row in table.rows[1:]] == data["radar"]["axes"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Review: approved (Deputy director <b>, 2026-12-01)"),
        ("zh", "审核状态：已批准（Deputy director <b>，2026-12-01）"),
    ],
)
def test_the_review_status_is_shown_as_the_html_shows_it(
    runner: CliRunner, tmp_path: Path, lang: str, line: str
) -> None:
    """Issue 16: reports show who approved the assessment, and when; the Markdown and HTML
    say the same words (escaped there), with Chinese brackets and comma under zh."""
    place = json.loads(json.dumps(EVIDENCE_PLACE))
    place["review"] = {"status": "approved", "by": "Deputy director <b>", "date": "2026-12-01"}
    path = tmp_path / "reviewed.yaml"
    path.write_text(yaml.safe_dump(place, allow_unicode=True), encoding="utf-8")
    text, _ = _text(word.render_report(_report(runner, str(path), "--lang", lang)))
    assert line in text
    for fmt in ("markdown", "html"):
        result = runner.invoke(app, ["report", str(path), "--lang", lang, "--format", fmt])
        assert result.exit_code == 0, result.stderr
        assert line.replace("<b>", "&lt;b&gt;") in result.stdout
