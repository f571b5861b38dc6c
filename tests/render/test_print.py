"""The HTML report on paper: Chinese headers and names never broken inside a word, no page
forced empty, and a Chinese report about as long as the English one.

The stylesheet's rules are checked everywhere; the printed pages only where headless
Chromium and poppler's pdfinfo/pdftotext are installed (``apt-get install chromium
poppler-utils fonts-noto-cjk``), else those tests are skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policebench.paths import bundled

CHROMIUM = next((p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None)
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")


def stylesheet() -> str:
    return (bundled("templates") / "_style.css.j2").read_text(encoding="utf-8")


def print_rules() -> str:
    css = stylesheet()
    start = css.index("@media print")
    return css[start:]


def test_headers_and_short_labels_never_break_inside_a_word() -> None:
    css = stylesheet()
    rule = re.search(r"\n(th,[^{]*)\{ *word-break: keep-all", css)
    assert rule is not None
    for selector in ("th", "dt", ".badge", ".word"):
        assert selector in rule.group(1)
    assert re.search(r":lang\(zh\) \{ *line-break: strict", css)
    assert re.search(r"td\.name \{ *white-space: nowrap", css)


def test_print_forces_no_page_break_and_keeps_rows_whole() -> None:
    rules = print_rules()
    assert "break-before: page" not in rules
    assert re.search(r"\btr,[^{]*\{ *break-inside: avoid", rules)
    assert "display: table-header-group" in rules
    assert "@page { size: A4" in stylesheet()


def pdf_of(lang: str, folder: Path) -> Path:
    html = folder / f"report-{lang}.html"
    pdf = folder / f"report-{lang}.pdf"
    out = subprocess.run(
        [sys.executable, "-m", "policebench", "report", "j-city", "--lang", lang, "-f", "html"],
        capture_output=True,
        text=True,
        check=True,
        cwd=folder,
    ).stdout
    html.write_text(out, encoding="utf-8")
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    return pdf


def pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.mark.skipif(
    CHROMIUM is None or not POPPLER, reason="needs chromium and poppler-utils (pdfinfo)"
)
def test_the_chinese_report_prints_like_the_english_one(tmp_path: Path) -> None:
    en = pages(pdf_of("en", tmp_path))
    zh = pages(pdf_of("zh", tmp_path))
    assert len(zh) <= len(en) + 1, (len(en), len(zh))
    for name, printed in (("en", en), ("zh", zh)):
        for n, page in enumerate(printed[:-1], 1):  # only the last page may run short
            lines = [line for line in page.splitlines() if line.strip()]
            assert len(lines) >= 20, f"{name} page {n} is nearly empty ({len(lines)} lines)"
    text = "\n".join(zh)
    for word in ("综合得分", "数据整合与共享", "平台建设与实战应用", "发展阶段", "内蒙古自治区"):
        assert word in text, word  # whole on one line: never broken inside
