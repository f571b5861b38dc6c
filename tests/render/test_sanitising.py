"""Issue 12: one text-sanitising rule per output format, tried with hostile planner text.

Markdown: every value escaped (no link, image or HTML made from data, a pipe or newline never
breaks a table row); URL schemes limited to http(s) and mailto in Markdown and HTML (others are
text); control and bidirectional characters shown as <U+XXXX> in the terminal, Markdown,
HTML and CSV; long tokens may break in HTML. A scaffold made from a name holding ESC reads
back.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.render.common import md_cell, md_link, safe_url, visible
from policebench.workspace import bundled

ESC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal's title
ESC_CLEAR = "\x1b[2J"  # clears the screen
BIDI = "\u202e"  # right-to-left override
RAW = ("\x1b", "\x07", "\x00", BIDI)
#: A Markdown link to a script: "](javascript:" not escaped as "\](javascript:".
LIVE_SCRIPT = re.compile(r"(?<!\\)\]\(<?javascript:")
IMAGE = "![x](https://tracker.example/pixel.png)"
LONG = "A" * 4000


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("mailto:office@example.org", "mailto:office@example.org"),
        ("https://a.example/x y|z>", "https://a.example/x%20y%7Cz%3E"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("data:text/html,<script>", ""),
        ("file:///etc/passwd", ""),
        ("vbscript:x", ""),
        ("//evil.example/x", ""),
        ("https://a.example/\nrow", ""),
        ("https://a.example/\u202eexe", ""),
    ],
)
def test_only_http_and_mailto_are_link_targets(url: str, linked: str) -> None:
    assert safe_url(url) == linked


def test_visible_names_every_control_and_bidi_character() -> None:
    assert visible("a\x00b\x1b[2Jc\x07\u202ed\u2066e\x7f\x9bf") == (
        "a<U+0000>b<U+001B>[2Jc<U+0007><U+202E>d<U+2066>e<U+007F><U+009B>f"
    )
    kept = "tab\tand\nnewline stay; 中文 stays; emoji 👩\u200d💻 stays"
    assert visible(kept) == kept


def test_markdown_cells_make_no_link_image_or_html() -> None:
    assert md_cell(IMAGE) == "!\\[x\\](https://tracker.example/pixel.png)"
    assert md_cell("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert md_cell("</title><script>x</script>") == "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"
    assert md_cell("a|b\nc") == "a\\|b c"
    # Emphasis, code and strike-through show as typed: "*星*" keeps its stars.
    assert md_cell("*星* _x_ `c` ~~s~~") == "\\*星\\* \\_x\\_ \\`c\\` \\~\\~s\\~\\~"
    assert md_link("t", "javascript:alert(1)") == "t (javascript:alert(1))"
    assert md_link("t", "https://x.example/a|b") == "[t](<https://x.example/a%7Cb>)"


@pytest.fixture
def hostile(in_tmp: Path) -> Path:
    """./cities: J City with hostile evidence, notes, names and sources; ./rubrics: the
    bundled rubric with a hostile name and version."""
    base: dict[str, Any] = yaml.safe_load(
        (bundled("cities") / "j-city.yaml").read_text(encoding="utf-8")
    )
    base["name"] = f"J{ESC_TITLE} City{BIDI}"
    base["notes"] = f"notes {ESC_CLEAR} {IMAGE}\nsecond line | pipe"
    entry = base["indicators"]["top-level-design"]
    entry["evidence"] = f"{IMAGE} [click](javascript:alert(1)) a|b\nc {LONG}"
    entry["sources"] = [
        {"title": "script", "url": "javascript:alert(1)", "reliability": "secondary"},
        {"title": "pipe", "url": "https://a.example/x|y", "reliability": "secondary"},
        {
            "title": "data",
            "url": "data:text/html,<script>alert(1)</script>",
            "reliability": "secondary",
        },
    ]
    cities = in_tmp / "cities"
    cities.mkdir()
    (cities / "j-city.yaml").write_text(yaml.safe_dump(base, allow_unicode=True), "utf-8")
    shutil.copy(bundled("cities") / "hangzhou.yaml", cities / "hangzhou.yaml")
    rubric: dict[str, Any] = yaml.safe_load(
        (bundled("rubrics") / "smart-policing.yaml").read_text(encoding="utf-8")
    )
    rubric["name"] = "</title><script>alert(1)</script>"
    rubric["version"] = "1.0 | [x](javascript:alert(1))"
    (in_tmp / "rubrics").mkdir()
    (in_tmp / "rubrics" / "r.yaml").write_text(yaml.safe_dump(rubric, allow_unicode=True), "utf-8")
    return in_tmp


def _out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _tables_keep_their_shape(markdown: str) -> None:
    rows: list[str] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            rows.append(line)
            continue
        if rows:
            widths = {len(re.split(r"(?<!\\)\|", row)) for row in rows}
            assert len(widths) == 1, rows
            rows = []


@pytest.mark.usefixtures("hostile")
def test_the_markdown_report_holds_the_text_inert(runner: CliRunner) -> None:
    md = _out(runner, "report", "j-city", "-f", "markdown")
    assert not LIVE_SCRIPT.search(md)
    assert "](<data:" not in md
    assert "![x](" not in md  # no image a viewer would fetch
    assert "!\\[x\\](https://tracker.example/pixel.png)" in md
    assert "<script>" not in md and "</title>" not in md
    assert "[pipe](<https://a.example/x%7Cy>)" in md  # an http link, its pipe encoded
    assert "script (javascript:alert(1))" in md  # the javascript: one as text
    assert not any(c in md for c in RAW)
    assert "J<U+001B>\\]0;pwned<U+0007> City<U+202E>" in md or (
        "J&lt;U+001B&gt;\\]0;pwned&lt;U+0007&gt; City&lt;U+202E&gt;" in md
    )
    _tables_keep_their_shape(md)


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize("command", ["score", "gaps", "recommend", "trend", "evidence", "compare"])
def test_other_markdown_outputs_hold_the_text_inert(runner: CliRunner, command: str) -> None:
    args = [command, "j-city", "-f", "markdown"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 2), result.stderr  # trend of one assessment is fine
    md = result.stdout
    assert "<script>" not in md and not LIVE_SCRIPT.search(md)
    assert not any(c in md for c in RAW)
    _tables_keep_their_shape(md)


@pytest.mark.parametrize("command", ["report", "evidence", "compare", "gaps", "recommend"])
def test_a_place_name_is_markdown_text_in_every_markdown_output(
    runner: CliRunner, in_tmp: Path, command: str
) -> None:
    base: dict[str, Any] = yaml.safe_load(
        (bundled("cities") / "j-city.yaml").read_text(encoding="utf-8")
    )
    base["name_zh"] = "<script>alert(1)</script>*星*市"
    (in_tmp / "cities").mkdir()
    (in_tmp / "cities" / "j-city.yaml").write_text(yaml.safe_dump(base, allow_unicode=True))
    md = _out(runner, command, "j-city", "-f", "markdown", "--lang", "zh")
    assert "<script>" not in md and "*星*" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\*星\\*市" in md


@pytest.mark.usefixtures("hostile")
def test_the_html_report_holds_the_text_inert(runner: CliRunner) -> None:
    html = _out(runner, "report", "j-city", "-f", "html")
    assert not any(c in html for c in RAW)
    assert "&lt;U+001B&gt;" in html and "&lt;U+202E&gt;" in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "<script>" not in html
    assert 'href="https://a.example/x%7Cy"' in html
    assert "overflow-wrap: anywhere" in html  # the 4,000-character token may break
    assert LONG in html


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_the_terminal_and_csv_show_controls_as_codes(runner: CliRunner, fmt: str) -> None:
    out = _out(runner, "score", "j-city", "-f", fmt)
    assert not any(c in out for c in RAW)
    assert "<U+001B>" in out and "<U+202E>" in out


def test_a_message_echoing_a_file_holds_no_escape(runner: CliRunner, in_tmp: Path) -> None:
    """A column header or file name with ESC reaches stderr as <U+001B>."""
    csv = in_tmp / f"answers{ESC_CLEAR}.csv"
    csv.write_text(f"respondent,bad{ESC_TITLE}col\nR1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["survey", str(csv), "--city", "x", "-o", "-"])
    assert result.exit_code == 2
    assert not any(c in result.stderr for c in RAW)
    assert "<U+001B>" in result.stderr


def test_a_scaffold_from_a_name_with_escapes_reads_back(runner: CliRunner, in_tmp: Path) -> None:
    name = f"Evil{ESC_CLEAR}{ESC_TITLE} {BIDI}City"
    made = runner.invoke(app, ["new", "esc-city", "--name", name, "-o", "esc.yaml"])
    assert made.exit_code == 0, made.stderr
    text = (in_tmp / "esc.yaml").read_text(encoding="utf-8")
    assert not any(c in text for c in ("\x1b", "\x07"))
    checked = runner.invoke(app, ["validate", "esc.yaml"])
    assert checked.exit_code == 0, checked.stderr
    data = yaml.safe_load(text)
    assert data["name"] == name  # the value keeps the name as typed, in escapes


@pytest.mark.usefixtures("hostile")
@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "j-city"],
        ["recommend", "j-city"],
        ["compare"],
        ["trend", "j-city"],
        ["compare", "-f", "csv"],
        ["gaps", "j-city", "-f", "csv"],
        ["compare", "-f", "html"],
        ["compare", "-f", "markdown"],
    ],
)
def test_no_command_passes_a_control_character_on(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in RAW), args
    assert not any(c in result.stderr for c in RAW), args
