"""--help in Chinese: every command and option has its Chinese in cli/help_texts (and the
English it translates has not changed since), and with a Chinese locale `policebench --help`
and every `policebench CMD --help` hold no English sentence."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from policebench.cli import help_texts
from policebench.cli.app import app


def commands() -> list[tuple[str, Any]]:
    """(path, click command) of the app and every command below it."""
    found: list[tuple[str, Any]] = []

    def walk(cmd: Any, path: str) -> None:
        found.append((path, cmd))
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


PATHS = [path for path, _ in commands()]


@pytest.mark.parametrize("path", PATHS)
def test_every_command_and_option_has_its_chinese_help(path: str) -> None:
    cmd = dict(commands())[path]
    entry = help_texts.COMMANDS.get(path)
    assert entry is not None, f"no Chinese help for {path!r} in cli/help_texts.COMMANDS"
    assert entry[0] == help_texts.fingerprint(cmd.help or ""), (
        f"the English help of {path!r} changed: update its Chinese (and fingerprint)"
    )
    if cmd.epilog:
        epilog = help_texts.COMMANDS.get(f"{path}#epilog")
        assert epilog is not None and epilog[0] == help_texts.fingerprint(cmd.epilog)
    for param in cmd.params:
        found = help_texts.option_zh(path, param)
        key = help_texts.param_key(param)
        assert found is not None, f"no Chinese help for {path} {key}"
        assert found[0] == help_texts.fingerprint(param.help or ""), (
            f"the English help of {path} {key} changed: update its Chinese (and fingerprint)"
        )
        assert re.search(r"[\u4e00-\u9fff]", found[1])


def test_the_chinese_keeps_the_option_names_the_english_gives() -> None:
    for path, cmd in commands():
        texts = [(cmd.help or "", help_texts.COMMANDS[path][1])]
        texts += [
            (p.help or "", found[1])
            for p in cmd.params
            if (found := help_texts.option_zh(path, p)) is not None
        ]
        for en, zh in texts:
            assert set(re.findall(r"--[a-z][\w-]*", en)) <= set(re.findall(r"--[a-z][\w-]*", zh))


#: Words that may stay as they are in Chinese help: names of commands, formats, values to
#: type, file formats, products.
ALLOWED = set(
    [
        "policebench",
        "score",
        "compare",
        "gaps",
        "recommend",
        "report",
        "trend",
        "sensitivity",
        "validate",
        "new",
        "survey",
        "schema",
        "rubric",
        "diff",
        "weights",
        "ahp",
        "entropy",
        "consensus",
        "profile",
        "region",
        "city",
        "bundled",
        "none",
        "frontier",
        "en",
        "zh",
        "table",
        "json",
        "csv",
        "markdown",
        "html",
        "yaml",
        "xlsx",
        "docx",
        "province",
        "county",
        "jinja2",
        "YAML",
        "JSON",
        "Schema",
        "CSV",
        "UTF-8",
        "Excel",
        "WPS",
        "GitHub",
        "VS",
        "Code",
        "HTML",
        "Markdown",
        "CSS",
        "SVG",
        "Dirichlet",
        "respondent",
        "role",
        "comment",
        "default_target",
        "level",
        "null",
        "n/a",
        "hangzhou",
        "qingdao",
        "uncertainty",
    ]
)


def english_sentences(text: str) -> list[str]:
    """Runs of two or more English words left once names, options, paths, metavars,
    examples and code are taken out."""
    found = []
    for line in text.splitlines():
        line = line.strip(" │╭╮╰╯─")
        if line.startswith(("用法", "policebench ")) and "#" not in line:
            continue
        if line.startswith("policebench "):
            line = line.split("#", 1)[1]  # an example's comment
        line = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|<[^>]*>|\[[^\]]*\]|\{[^}]*\}", " ", line)
        words = [
            w
            for w in re.split(r"[\s，、：；。（）()]+", line)
            if w and not re.search(r"[-/.@_$=:0-9\u4e00-\u9fff]|^[A-Z]+$", w)
        ]
        run: list[str] = []
        for w in [*words, ""]:
            if w and re.fullmatch(r"[A-Za-z]+", w) and w not in ALLOWED:
                run.append(w)
                continue
            if len(run) >= 2:
                found.append(" ".join(run))
            run = []
    return found


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", PATHS)
def test_help_under_a_chinese_locale_has_no_english_sentence(runner: CliRunner, path: str) -> None:
    args = [*path.split(), "--help"]
    result = runner.invoke(app, args, env={"LANG": "zh_CN.UTF-8", "COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "用法：" in out and re.search(r"[\u4e00-\u9fff]", out)
    assert "…" not in out
    assert english_sentences(out) == [], english_sentences(out)
    # ... and under an English locale, English.
    english = runner.invoke(app, args, env={"LANG": "en_US.UTF-8", "COLUMNS": "100"}).stdout
    first_zh = help_texts.COMMANDS[path][1].splitlines()[0]
    assert "Usage:" in english and first_zh not in english
    assert english_sentences(english)  # the detector sees English where there is some


def test_the_detector_finds_an_english_sentence() -> None:
    assert english_sentences("Write to this file instead of stdout.") != []
    assert english_sentences("写入此文件（原子写入），而不是标准输出。") == []


def test_lang_zh_on_the_command_line_gives_chinese_help() -> None:
    env = {**os.environ, "LANG": "en_US.UTF-8", "COLUMNS": "100"}
    env.pop("LC_ALL", None)
    out = subprocess.run(
        [sys.executable, "-m", "policebench", "score", "--lang", "zh", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "用法：" in out and "按评估框架为各地区计分" in out


#: What typer would show of Python's types in the help (never what a planner types).
PYTHON_TYPES = re.compile(r"<(?:list\[|Path|path|str|int|float|bool)[^>]*>")


@pytest.mark.parametrize("path", PATHS)
def test_every_value_has_a_placeholder_or_its_choices(path: str) -> None:
    for param in dict(commands())[path].params:
        if getattr(param, "is_flag", False):
            continue
        key = help_texts.param_key(param)
        found = help_texts.placeholder(path, param)
        assert found is not None or help_texts.choices(param), f"no placeholder: {path} {key}"
        if found is not None:
            assert re.search(r"[\u4e00-\u9fff]|^[A-Z]+$", found[1]), found


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("lang", ["zh_CN.UTF-8", "en_US.UTF-8"])
def test_the_help_shows_placeholders_not_python_types(
    runner: CliRunner, path: str, lang: str
) -> None:
    result = runner.invoke(app, [*path.split(), "--help"], env={"LANG": lang, "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert PYTHON_TYPES.findall(result.stdout) == []
    assert "x>=" not in result.stdout and "<=x" not in result.stdout


@pytest.mark.usefixtures("in_tmp")
def test_placeholders_choices_and_ranges_read_in_the_help_language(runner: CliRunner) -> None:
    zh = runner.invoke(app, ["sensitivity", "--help"], env={"LANG": "zh_CN.UTF-8"}).stdout
    flat = re.sub(r"[\s│]+", "", zh)
    assert "用法：policebenchsensitivity[选项][地区]..." in flat
    assert "可选：table、json、csv、markdown、xlsx。" in flat
    assert "蒙特卡洛抽样次数。取值1至1000000。" in flat
    assert re.search(r"--samples\s+-n\s+次数", zh)
    en = runner.invoke(app, ["sensitivity", "--help"], env={"LANG": "en_US.UTF-8"}).stdout
    flat = re.sub(r"[\s│]+", " ", en)
    assert "Usage: policebench sensitivity [OPTIONS] [PLACE]..." in flat
    assert "One of: table, json, csv, markdown, xlsx." in flat
    assert "Monte Carlo samples. From 1 to 1000000." in flat
    assert re.search(r"--samples\s+-n\s+N\s", en)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", ["", "rubric"])
def test_a_group_usage_reads_in_chinese(runner: CliRunner, path: str) -> None:
    zh = runner.invoke(app, [*path.split(), "--help"], env={"LANG": "zh_CN.UTF-8"}).stdout
    flat = re.sub(r"[\s│]+", " ", zh)
    assert f"用法：policebench {path} [选项] 命令 [参数]...".replace("  ", " ") in flat
    assert "COMMAND" not in zh and "ARGS" not in zh
    en = runner.invoke(app, [*path.split(), "--help"], env={"LANG": "en_US.UTF-8"}).stdout
    assert "[OPTIONS] COMMAND [ARGS]..." in en


@pytest.mark.usefixtures("in_tmp")
def test_a_required_variadic_argument_reads_once_in_the_usage(runner: CliRunner) -> None:
    out = runner.invoke(app, ["consensus", "--help"], env={"LANG": "en_US.UTF-8"}).stdout
    assert "{PROFILE}..." in out and "PROFILE..." in out and "{PROFILE...}" not in out


@pytest.mark.usefixtures("in_tmp")
def test_a_usage_error_shows_the_same_placeholders(runner: CliRunner) -> None:
    result = runner.invoke(app, ["sensitivity", "--samples", "x"], env={"LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 2
    assert "policebench sensitivity [选项] [地区]..." in result.output


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", PATHS)
def test_no_line_of_the_chinese_help_starts_with_a_closing_mark(
    runner: CliRunner, path: str
) -> None:
    """rich folds a line of Chinese at its last column, so a line could start with "，" or
    "。"; the help breaks as Chinese is set (render.terminal.break_offsets)."""
    for columns in ("60", "80", "100"):
        env = {"LANG": "zh_CN.UTF-8", "COLUMNS": columns}
        out = runner.invoke(app, [*path.split(), "--help"], env=env).stdout
        starts = [line.strip("│ ")[:1] for line in out.splitlines()]
        assert not [s for s in starts if s and s in "，。、；：！？）」》”"], out


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("lang", ["zh_CN.UTF-8", "en_US.UTF-8"])
def test_every_example_fits_80_columns(runner: CliRunner, path: str, lang: str) -> None:
    """A wrapped example reads as two commands, and copied it runs as two: each one is a
    line of its own at 80 columns (its comment beside it)."""
    env = {"LANG": lang, "COLUMNS": "80"}
    out = runner.invoke(app, [*path.split(), "--help"], env=env).stdout
    start = max(out.find("Examples:"), out.find("示例："))
    examples = out[start:].split("╭")[0].splitlines() if start >= 0 else []
    for line, after in itertools.pairwise(examples):
        if line.strip().startswith("policebench ") and after.strip():
            assert after.strip().startswith("policebench "), (line, after)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("lang", ["zh_CN.UTF-8", "en_US.UTF-8"])
def test_nothing_of_the_help_is_cut_in_a_narrow_terminal(
    runner: CliRunner, path: str, lang: str
) -> None:
    """At 50 columns rich would cut an option's name to "--template-d…" (which names no
    option) and a long word of its help to "--uncertaint…"; they are folded instead."""
    for columns in ("50", "60"):
        out = runner.invoke(app, [*path.split(), "--help"], env={"LANG": lang, "COLUMNS": columns})
        assert out.exit_code == 0
        assert "…" not in out.stdout, out.stdout
