"""`policebench evidence` and the evidence quality in reports, through the CLI (issue 15)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.workspace import bundled
from tests.places import EVIDENCE_PLACE


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def _bundled_urls() -> set[str]:
    urls = set()
    for path in bundled("cities").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data["indicators"].values():
            for source in (entry or {}).get("sources") or []:
                urls.add(source.get("url") or f"title:{source['title']}")
    return urls


@pytest.mark.usefixtures("in_tmp")
def test_json_names_every_bundled_source_with_its_age_and_flags(runner: CliRunner) -> None:
    code, out, _ = run(runner, "evidence", "@bundled", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert {s["key"] for s in data["sources"]} == _bundled_urls()
    for s in data["sources"]:
        assert s["supports"] and s["reliabilities"]
        assert s["title_zh"]  # every bundled source has its Chinese title
        assert (s["age_days"] is None) == (s["date"] is None) == ("undated" in s["flags"])
    assert set(data["places"]) == {"hangzhou", "inner-mongolia", "j-city", "qingdao"}
    many = [
        s
        for s in data["sources"]
        if len({(x["place"], x["indicator"]) for x in s["supports"]}) >= 4
    ]
    assert all("many-levels" in s["flags"] for s in many)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_markdown_and_csv(runner: CliRunner, lang: str) -> None:
    code, out, _ = run(runner, "evidence", "hangzhou", "--lang", lang)
    assert code == 0
    assert ("Evidence quality" if lang == "en" else "证据质量") in out
    code, out, _ = run(runner, "evidence", "hangzhou", "--lang", lang, "-f", "markdown")
    assert code == 0 and out.startswith("# ")
    # A source's title is shown in the reader's language when the profile gives it.
    title = {
        "en": "Hangzhou Municipal Government reply on City Brain",
        "zh": "杭州市人民政府关于城市大脑的答复",
    }
    assert title[lang] in out and title["zh" if lang == "en" else "en"] not in out
    code, out, _ = run(runner, "evidence", "hangzhou", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["place", "indicator", "level"]
    assert len(rows) > 1


@pytest.mark.usefixtures("in_tmp")
def test_flags_reach_the_register_and_the_html_report(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "old-town.yaml"
    path.write_text(yaml.safe_dump(EVIDENCE_PLACE, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(runner, "evidence", str(path), "-f", "json")
    assert code == 0, out
    data = json.loads(out)
    levels = {lv["indicator"]: lv for lv in data["levels"]}
    assert levels["top-level-design"]["flags"] == ["stale"]
    assert levels["top-level-design"]["effective_confidence"] == "medium"
    assert levels["data-sharing"]["flags"] == ["repost-only"]
    assert levels["mlps-compliance"]["applicable"] is False
    flags = {s["title"]: s["flags"] for s in data["sources"]}
    assert "not-http" in flags["Mirror"]
    assert data["places"]["old-town"]["stale"] == 1
    for lang, stale, repost, na in (
        ("en", "stale", "reposts only", "n/a"),
        ("zh", "过期", "仅有转载", "不适用"),
    ):
        out_html = tmp_path / f"r-{lang}.html"
        code, _, err = run(runner, "report", str(path), "--lang", lang, "-o", str(out_html))
        assert code == 0, err
        html = out_html.read_text(encoding="utf-8")
        assert f'<span class="badge stale">{stale}</span>' in html
        assert f'<span class="badge repost-only">{repost}</span>' in html
        assert na in html
        out_md = tmp_path / f"r-{lang}.md"
        run(runner, "report", str(path), "--lang", lang, "-o", str(out_md))
        assert f"**{stale}**" in out_md.read_text(encoding="utf-8")
    code, out, _ = run(runner, "report", str(path), "-f", "json")
    quality = json.loads(out)["evidence_quality"]
    assert quality["stale"] == 1 and quality["repost_only"] == 1 and quality["not_applicable"] == 1


@pytest.mark.usefixtures("in_tmp")
def test_n_a_is_n_a_in_gaps_and_compare_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "old-town.yaml"
    path.write_text(yaml.safe_dump(EVIDENCE_PLACE, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(runner, "gaps", str(path), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert [u["indicator"] for u in data["not_applicable"]] == ["mlps-compliance"]
    assert "mlps-compliance" not in {u["indicator"] for u in data["unknown"]}
    assert "mlps-compliance" not in {g["indicator"] for g in data["gaps"]}
    code, out, _ = run(runner, "gaps", str(path), "-f", "csv")
    row = next(
        r for r in csv.reader(io.StringIO(out.removeprefix("\ufeff"))) if r[0] == "mlps-compliance"
    )
    assert row[3] == "n/a"
    for fmt, lang, word in (("table", "en", "Not applicable"), ("markdown", "zh", "不适用")):
        code, out, _ = run(runner, "gaps", str(path), "-f", fmt, "--lang", lang)
        assert code == 0 and word in out
    for fmt, lang, word in (
        ("table", "en", "n/a"),
        ("markdown", "zh", "不适用"),
        ("csv", "en", "n/a"),
        ("html", "zh", "不适用"),
    ):
        code, out, _ = run(runner, "compare", str(path), "j-city", "-f", fmt, "--lang", lang)
        assert code == 0 and word in out, fmt
