"""The HTML report and comparison: escaping, self-containment, language, determinism, golden."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from policebench.models import Profile, Rubric
from policebench.readers.yaml import load
from policebench.render.templates import render
from policebench.report.comparison import build_comparison
from policebench.report.place import Provenance, build_report
from policebench.workspace import bundled

from ..conftest import FIXTURES

#: Fixed provenance, so golden files do not depend on the version or on file contents.
PROVENANCE = Provenance(
    "test",
    "smart-policing.yaml",
    "0" * 64,
    (("j-city", "j-city.yaml", "1" * 64), ("hangzhou", "hangzhou.yaml", "2" * 64)),
)
SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"


def hostile_profile(tmp_path: Path) -> Profile:
    """J City with hostile text where planners write: name, evidence, source, URL, note.

    Written to a YAML file and read back through the project's own loader, as a planner's
    file would be.
    """
    data = yaml.safe_load((bundled("cities") / "j-city.yaml").read_text(encoding="utf-8"))
    data["id"] = "hostile-city"
    data["name"] = "Hostile <script>alert('name')</script>"
    data.pop("name_zh", None)
    entry = data["indicators"]["top-level-design"]
    entry["evidence"] = f"{IMG} {SCRIPT} <script>alert(1)</script>"
    entry.pop("evidence_zh", None)
    entry["sources"] = [
        {
            "title": '"><img src=x onerror=alert(1)>',
            "url": "javascript:alert(1)",
            "reliability": "secondary",
        },
        {
            "title": "Real source",
            "url": "https://example.org/a?b=1&c=<x>",
            "reliability": "primary",
        },
    ]
    data["indicators"]["policing-reform"]["note"] = "</td><svg onload=alert(1)>"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    doc, _ = load(path)
    return Profile.model_validate(doc.data)


def report_html(
    rubric: Rubric, city: Profile, pool: list[Profile], lang: str = "en", **kw: Any
) -> str:
    data = build_report(rubric, city, pool, lang=lang, provenance=PROVENANCE, **kw)
    return render("report.html.j2", data)


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of <style> and <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self.title = ""
        self._in = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.style += data
        elif self._in == "title" and not self.title:
            self.title = data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture
def pool(profiles: dict[str, Profile]) -> list[Profile]:
    return list(profiles.values())


def test_hostile_profile_shows_as_text_and_runs_nothing(
    rubric: Rubric, pool: list[Profile], tmp_path: Path
) -> None:
    html = report_html(rubric, hostile_profile(tmp_path), pool)
    page = parse(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "base"}
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "<svg onload" not in html
    # Shown, escaped, where the planner wrote it: the name in the title, the evidence text.
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;document.title=&#39;PWNED&#39;&#34;&gt;" in html
    assert page.title.startswith("Hostile <script>")  # as text, after decoding entities
    # No attribute was opened by the hostile quotes, and no handler exists anywhere.
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    # Only http(s) addresses become links; the javascript: one stays text.
    hrefs = [attrs["href"] or "" for tag, attrs in page.tags if tag == "a"]
    # < and > percent-encoded (issue 12: a link target cannot end the link or a table row)
    assert "https://example.org/a?b=1&c=%3Cx%3E" in hrefs
    assert all(h.startswith(("https://", "http://", "mailto:", "#")) for h in hrefs)
    assert "javascript:alert(1)" in html  # visible, as text


def test_html_loads_nothing_from_anywhere(rubric: Rubric, pool: list[Profile]) -> None:
    for html in (
        report_html(rubric, pool[0], pool),
        render("compare.html.j2", build_comparison(rubric, pool, provenance=PROVENANCE)),
    ):
        page = parse(html)
        for tag, attrs in page.tags:
            assert "src" not in attrs and "srcset" not in attrs, tag
            assert tag not in {"script", "link", "img", "iframe", "object", "embed"}
            if tag != "a":  # plain links load nothing until followed
                assert not any(v and "://" in v for k, v in attrs.items() if k != "content"), tag
        assert "@import" not in page.style and "url(" not in page.style
        assert "@font-face" not in page.style
        csp = next(a for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy")
        assert (csp["content"] or "").startswith("default-src 'none'")


def test_language_attribute_and_labels(
    rubric: Rubric, profiles: dict[str, Profile], pool: list[Profile]
) -> None:
    en = report_html(rubric, profiles["j-city"], pool)
    zh = report_html(rubric, profiles["j-city"], pool, lang="zh")
    assert '<html lang="en">' in en and "Evidence appendix" in en
    assert '<html lang="zh-CN">' in zh and "证据附录" in zh and "J市" in zh
    compare_zh = render("compare.html.j2", build_comparison(rubric, pool, lang="zh"))
    assert '<html lang="zh-CN">' in compare_zh and "各指标等级" in compare_zh


def test_report_sections_and_charts(
    rubric: Rubric, profiles: dict[str, Profile], pool: list[Profile]
) -> None:
    html = report_html(rubric, profiles["j-city"], pool)
    data = build_report(rubric, profiles["j-city"], pool, provenance=PROVENANCE)
    ids = [a.get("id") for _, a in parse(html).tags if a.get("id")]
    assert ids == ["summary", "scores", "findings", "gaps", "roadmap", "lessons", "evidence"]
    assert html.count('<svg class="chart chart-radar"') == 1
    assert html.count('<svg class="chart chart-bars"') == 1
    # J City's security dimension is unknown: said so in the radar legend, not drawn as 0.
    assert "J City (unknown: Security and compliance)" in html
    assert "Phase 1" in html and "Cannot be scheduled yet" in html
    # At a glance: the three largest gaps (by impact), then phase 1's actions.
    glance = html.split('<div class="glance">', 1)[1].split("</ol>", 2)
    assert glance[0].count("<li>") == 3 and "Top-level design and roadmap" in glance[0]
    assert glance[1].count("<li>") == len(data["roadmap"]["phases"][0]["actions"]) > 0
    assert 'sha256 <span class="hash">' + "0" * 64 in html
    # Every J City indicator is in the appendix: 11 with evidence, 10 unknown.
    assert 'Levels with evidence<span class="muted small"> (11)</span>' in html
    assert 'Unknown levels<span class="muted small"> (10)</span>' in html


def test_trend_chart_only_with_history(rubric: Rubric, pool: list[Profile]) -> None:
    runs = []
    for year in (2024, 2025, 2026):
        doc, _ = load(FIXTURES / "history" / f"demo-county-{year}.yaml")
        runs.append(Profile.model_validate(doc.data))
    with_history = report_html(rubric, runs[-1], pool, history=runs[:-1])
    assert 'id="trend"' in with_history and "chart-trend" in with_history
    assert "2024-06-30" in with_history
    # 2024 -> 2025 knew one indicator more: the change like for like is said under the table
    assert (
        "2024-06-30 → 2025-06-30: overall +9.7; over the 6 indicators known at both dates, "
        "+12.9." in with_history
    )
    assert with_history.count("indicators known at both dates") == 1
    alone = report_html(rubric, runs[-1], pool)
    assert 'id="trend"' not in alone and "chart-trend" not in alone


def test_renders_are_byte_identical(rubric: Rubric, pool: list[Profile], tmp_path: Path) -> None:
    city = hostile_profile(tmp_path)
    assert report_html(rubric, city, pool) == report_html(rubric, city, pool)
    data = build_comparison(rubric, pool, provenance=PROVENANCE)
    assert render("compare.html.j2", data) == render("compare.html.j2", data)


def test_golden_report_j_city_frontier(
    rubric: Rubric,
    profiles: dict[str, Profile],
    pool: list[Profile],
    golden: Callable[[str, str], None],
) -> None:
    html = report_html(rubric, profiles["j-city"], pool, against="frontier")
    golden("report-j-city-frontier.html", html)


def test_golden_compare_bundled(
    rubric: Rubric, pool: list[Profile], golden: Callable[[str, str], None]
) -> None:
    golden(
        "compare-bundled.html",
        render("compare.html.j2", build_comparison(rubric, pool, provenance=PROVENANCE)),
    )
