"""Chinese typography in everything --lang zh prints (terminal, Markdown, HTML): full-width
brackets, colons and commas in Chinese text (，、：（）), never ASCII punctuation between
Chinese words ("J市 (未知: 安全与合规)", "杭州市, 青岛市")."""

from __future__ import annotations

import html
import re

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app

#: ASCII ( , ; : beside a Chinese character or a full-width bracket ("2:" and "1/4" aside).
HALF_WIDTH = re.compile(
    r"[\u4e00-\u9fff）] ?[(,;:](?![/\d])|(?<![\d/])[(,;:] ?[\u4e00-\u9fff（]|\) ?[\u4e00-\u9fff]"
)

COMMANDS = [
    ["score"],
    ["score", "j-city"],
    ["compare"],
    ["gaps", "j-city"],
    ["recommend", "j-city"],
    ["report", "j-city", "-f", "markdown"],
    ["report", "j-city", "-f", "html"],
    ["compare", "-f", "markdown"],
    ["compare", "-f", "html"],
    ["gaps", "j-city", "-f", "markdown"],
    ["recommend", "j-city", "-f", "markdown"],
    ["score", "-f", "markdown"],
]


def visible(text: str, is_html: bool) -> str:
    """The text a reader sees: in HTML without style, charts, links (sources' own titles,
    often English) and tags."""
    if not is_html:
        return text
    text = re.sub(r"<style.*?</style>|<svg.*?</svg>|<a [^>]*>.*?</a>", "", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_half_width_punctuation_between_chinese_words(
    runner: CliRunner, args: list[str]
) -> None:
    result = runner.invoke(app, [*args, "--lang", "zh"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    text = visible(result.stdout, "html" in args)
    found = [
        line[max(0, m.start() - 20) : m.end() + 20]
        for line in text.splitlines()
        for m in HALF_WIDTH.finditer(line)
    ]
    assert not found, found
    assert "、" in text or args[0] == "score"  # lists use the enumeration comma


@pytest.mark.usefixtures("in_tmp")
def test_the_english_report_keeps_english_punctuation(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", "j-city", "-f", "markdown", "--lang", "en"])
    assert "（" not in result.stdout and "、" not in result.stdout
    assert "Qingdao, " in result.stdout or "Hangzhou, " in result.stdout
