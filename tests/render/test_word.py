"""The Word report: everything the JSON report holds is in the document's text; real headings,
tables, page numbers, charts as images, East Asian fonts; reproducible bytes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.i18n import t
from policebench.render import word


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
    assert f"{data['city']['name']} — {t('report_title', lang)}" in headings
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
    assert data["city"]["notes"] in text


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
    for run in data["trend"]:
        assert run["assessed"] in text
    import docx

    assert len(docx.Document(io.BytesIO(raw)).inline_shapes) == 3  # radar, bars, trend
