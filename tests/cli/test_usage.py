"""Usage errors worded in Chinese (cli/usage.py): the real entry point, in a subprocess, since
typer prints them before any command runs; English stays typer's own."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from policebench.cli.usage import _KNOWN, lang_in, worded
from policebench.messages import CATALOGUE, placeholders, text


def _run(
    *args: str, lang: str = "zh_CN.UTF-8", chosen: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": lang, "LC_ALL": lang, "COLUMNS": "100", "POLICEBENCH_LANG": chosen}
    return subprocess.run(
        [sys.executable, "-m", "policebench", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_every_known_kind_names_a_message_with_its_placeholders() -> None:
    for pattern, key in _KNOWN:
        assert key in CATALOGUE
        assert set(pattern.groupindex) == placeholders(CATALOGUE[key][0]), key


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["score", "--nope"], "错误：没有这个选项：--nope（可能想用的选项：--peers）"),
        (["scor"], "错误：没有命令 'scor'。您是否想用 'score'？"),
        (["--lang", "zh"], "错误：缺少命令，例如 policebench score"),
        (
            ["schema"],
            "错误：缺少参数 '名称'：应为 'rubric'、'profile'、'weights'、'score'、'report'、"
            "'gaps'、'recommend'、'compare'、'trend'、'sensitivity'、'rubric-diff'、"
            "'weights-ahp'、'weights-entropy'、'consensus' 之一",
        ),
        # an option typed in the wrong place is told where it goes
        (["score", "--version"], "错误：--version 须写在命令之前：policebench --version"),
        (
            ["weights", "ahp", "x.yaml", "--no-cache"],
            "错误：--no-cache 须写在命令之前：policebench --no-cache weights ahp",
        ),
        (["schema", "profile", "--lang", "zh"], "错误：没有这个选项：--lang"),
        (["sensitivity", "--samples", "x"], "错误：'--samples' / '-n' 的值无效：应为整数"),
        (["sensitivity", "--top", "0"], "错误：'--top' 的值无效：应不小于 1"),
        (["sensitivity", "-n", "2000000"], "错误：'--samples' / '-n' 的值无效：应不大于 1000000"),
        (
            ["score", "--format", "pdf"],
            "错误：'--format' / '-f' 的值无效：'pdf' 不是 'table'、'json'、'csv'、'markdown'、"
            "'xlsx' 之一。",
        ),
    ],
)
def test_a_usage_error_in_a_chinese_locale(args: list[str], line: str) -> None:
    result = _run(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert (
        lines[0].startswith("用法：") and lines[0].count("用法") == 1 and "policebench" in lines[0]
    )
    assert line in lines
    assert lines[-1].endswith("--help' 查看帮助。")


def test_english_keeps_typers_words() -> None:
    result = _run("score", "--nope", "--lang", "en")
    assert result.returncode == 2
    assert "No such option: --nope" in result.stderr
    assert "用法" not in result.stderr


def test_the_language_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICEBENCH_LANG", "zh")  # what no --lang, or a wrong one, falls to
    assert lang_in(["score", "--lang", "zh"]) == "zh"
    assert lang_in(["score", "--lang=en"]) == "en"
    # the program's --lang, then the command's: the command's is the one it runs in
    assert lang_in(["--lang", "zh", "score", "--lang", "en"]) == "en"
    assert lang_in(["--lang", "en", "score", "--lang=zh"]) == "zh"
    assert lang_in(["score", "--lang", "fr"]) == "zh"  # not a language: the default's
    assert lang_in(["score"]) == "zh"
    assert text(worded("Missing argument 'CITY'."), "zh") == "缺少参数 'CITY'。"
    assert worded("Something click says") == "Something click says"


def test_lang_before_the_command_sets_the_language_of_the_whole_run() -> None:
    """``policebench --lang zh ...`` as ``policebench ... --lang zh``: the help, a usage
    error and the output, on a server whose locale is not Chinese."""
    helped = _run("--lang", "zh", "--help", lang="C.UTF-8")
    assert helped.returncode == 0 and "[选项] 命令 [参数]" in helped.stdout
    assert _run("--help", "--lang", "zh", lang="C.UTF-8").stdout == helped.stdout
    scored = _run("--lang", "zh", "score", lang="C.UTF-8")
    assert scored.returncode == 0 and "综合得分" in scored.stdout, scored.stderr
    assert _run("score", "--lang", "zh", lang="C.UTF-8").stdout == scored.stdout
    wrong = _run("--lang", "zh", "score", "--format", "pdf", lang="C.UTF-8")
    assert wrong.returncode == 2 and "错误：'--format' / '-f' 的值无效" in wrong.stderr
    # the command's own --lang goes first
    english = _run("--lang", "zh", "score", "--lang", "en", lang="C.UTF-8")
    assert "Overall" in english.stdout and "综合得分" not in english.stdout
    unknown = _run("--lang", "fr", "score", lang="C.UTF-8")
    assert unknown.returncode == 2 and "'--lang'" in unknown.stderr


def test_policebench_lang_sets_the_language_on_a_server_whose_locale_is_not_chinese() -> None:
    """POLICEBENCH_LANG=zh under LANG=C.UTF-8: usage errors and output in Chinese; a value
    that is neither zh nor en is said (once, on stderr), and the locale's language used."""
    chinese = _run("score", "--format", "pdf", lang="C.UTF-8", chosen="zh")
    assert chinese.returncode == 2 and "错误：" in chinese.stderr, chinese.stderr
    neither = _run("score", "--format", "pdf", lang="C.UTF-8", chosen="chinese")
    assert neither.returncode == 2
    first, rest = neither.stderr.split("\n", 1)
    assert first == (
        "warning: POLICEBENCH_LANG is 'chinese', expected zh or en; the locale's language is used"
    )
    assert "错误" not in rest and "Invalid value" in rest, rest
