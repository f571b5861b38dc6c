"""The Office files in a real office suite: LibreOffice (headless) converts a Chinese Word
report and a Chinese data-collection workbook to PDF, and the Chinese headings survive
(read back with poppler's ``pdftotext``).

LibreOffice and poppler come from the system packages (``apt-get install
libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk``; ``.ci/run``
installs them). Without ``soffice`` or ``pdftotext`` these tests are skipped, saying why.
Each run uses its own LibreOffice profile folder, so it neither needs nor disturbs one
already open. Set ``POLICEBENCH_PDFS=DIR`` to keep the PDFs for a human look.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.i18n import t

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOTEXT is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are not installed: apt-get install "
    "libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils",
)


def _convert(files: list[Path], folder: Path) -> list[Path]:
    """``files`` converted to PDF by headless LibreOffice, into ``folder``."""
    assert SOFFICE is not None
    profile = folder / "lo-profile"
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdfs = [folder / f"{f.stem}.pdf" for f in files]
    for pdf in pdfs:
        assert pdf.exists() and pdf.stat().st_size > 1000, (pdf, result.stdout, result.stderr)
    keep = os.environ.get("POLICEBENCH_PDFS")
    if keep:
        for pdf in pdfs:
            shutil.copy(pdf, Path(keep) / pdf.name)
    return pdfs


def _text(pdf: Path) -> str:
    """The PDF's text without white space (LibreOffice may space Latin from Chinese)."""
    assert PDFTOTEXT is not None
    out = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return re.sub(r"\s+", "", out)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_chinese_report_and_workbook_convert_and_keep_their_headings(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "j-city-report.docx"
    book = tmp_path / "j-city-workbook.xlsx"
    result = runner.invoke(app, ["report", "j-city", "--lang", "zh", "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["export", "j-city", "--lang", "zh", "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    report_pdf, book_pdf = _convert([report, book], tmp_path)

    text = _text(report_pdf)
    assert _flat("J市 — " + t("report_title", "zh")) in text
    for key in ("summary", "ranking", "dimension_scores", "by_dimension", "gaps", "roadmap",
                "lessons", "evidence_appendix", "provenance"):  # fmt: skip
        assert _flat(t(key, "zh")) in text, key
    for heading in ("统筹规划", "数据整合与共享", "安全与合规"):  # dimension headings
        assert heading in text
    assert "第1页，共" in text  # the page-number field, filled in by LibreOffice

    text = _text(book_pdf)
    for heading in ("评估数据采集表", "指标标识", "问题", "置信度", "来源1：标题", "地区标识"):
        assert heading in text, heading
    assert "顶层设计与建设路线图" in text  # an indicator's Chinese name


def test_a_real_xls_saved_by_libreoffice_is_refused_with_what_to_do(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook saved as Excel 97-2003 (.xls) by LibreOffice: told apart, exit 2."""
    assert SOFFICE is not None
    monkeypatch.chdir(tmp_path)
    book = tmp_path / "j.xlsx"
    assert runner.invoke(app, ["export", "j-city", "-o", str(book)]).exit_code == 0
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "xls", "--outdir", str(tmp_path / "old"), str(book)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    old = tmp_path / "old" / "j.xls"
    assert old.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2, as .xls is
    result = runner.invoke(app, ["import", str(old), "-o", "j.yaml"])
    assert result.exit_code == 2
    assert "this is an old-format workbook (.xls, or WPS .et), not .xlsx" in result.stderr
    assert not (tmp_path / "j.yaml").exists()


def test_the_fonts_of_the_chinese_report_are_cjk_fonts(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Chinese text is set in a CJK font, not a Latin one it would be boxes in."""
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    from policebench.render.word import cjk_font

    if cjk_font() is None:
        pytest.skip("no CJK font installed: apt-get install fonts-noto-cjk")
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "r.docx"
    result = runner.invoke(app, ["report", "j-city", "--lang", "zh", "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    (pdf,) = _convert([report], tmp_path)
    fonts = subprocess.run(
        [pdffonts, str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert re.search(r"CJK|Hei|Song|Ming|WenQuanYi|Han", fonts), fonts


@pytest.mark.parametrize(("command", "name", "keep_as"), [
    (["report", "j-city", "--lang", "zh"], "r.docx", "docx:MS Word 2007 XML"),
    (["score"], "s.xlsx", "xlsx:Calc MS Excel 2007 XML"),
])  # fmt: skip
def test_a_report_saved_again_by_an_office_suite_is_never_replaced(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    name: str,
    keep_as: str,
) -> None:
    """A report opened and saved in LibreOffice is the planner's: writing it again is refused
    (exit 2, the file as it was), while writing over policebench's own copy goes through."""
    assert SOFFICE is not None
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, [*command, "-o", name]).exit_code == 0
    first = (tmp_path / name).read_bytes()
    assert runner.invoke(app, [*command, "-o", name]).exit_code == 0  # its own copy: replaced
    assert (tmp_path / name).read_bytes() == first
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", keep_as, "--outdir", str(tmp_path / "saved"), name],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    edited = (tmp_path / "saved" / name).read_bytes()
    (tmp_path / name).write_bytes(edited)
    result = runner.invoke(app, [*command, "-o", name, "--lang", "zh"])
    assert result.exit_code == 2
    assert f"{name} 没有 policebench 报告的写入标记，或写出后已被改动" in result.stderr
    assert "请用 --output 另选文件名" in result.stderr
    assert (tmp_path / name).read_bytes() == edited
    assert not list(tmp_path.glob(f".{name}.*"))  # no temporary left


def test_the_chinese_roadmap_workbook_prints_every_line_of_its_actions(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`recommend -o x.xlsx` in LibreOffice: the headers, and the whole of a long action
    (rows are as tall as their wrapped text: none is cut to its first line)."""
    monkeypatch.chdir(tmp_path)
    book = tmp_path / "roadmap.xlsx"
    result = runner.invoke(app, ["recommend", "j-city", "--lang", "zh", "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    data = runner.invoke(app, ["recommend", "j-city", "--lang", "zh", "--format", "json"])
    import json

    actions = [a["do"] for p in json.loads(data.stdout)["roadmap"]["phases"] for a in p["actions"]]
    (pdf,) = _convert([book], tmp_path)
    text = _text(pdf)
    for heading in ("实施阶段", "措施", "优先级", "责任单位", "对标地区"):
        assert _flat(heading) in text, heading
    longest = max(actions, key=len)
    assert len(longest) > 40 and _flat(longest) in text  # two lines in its cell, both printed
