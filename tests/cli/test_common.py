"""The output format follows the --output file name (cli.common.resolve_format), for every
command that has both --format and --output; and new, survey and schema, which write one
format, refuse a file name that says another."""

from __future__ import annotations

import csv
import inspect
import io
import json
import typing
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.render import registry
from policebench.workspace import bundled

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
RUBRIC = str(bundled("rubrics") / "smart-policing.yaml")
OLD_RUBRIC = str(FIXTURES / "rubric-v0.9.yaml")
ASSESSORS = [str(p) for p in sorted((ROOT / "examples" / "consensus").glob("assessor-*.yaml"))]
EXPERTS = [str(p) for p in sorted((ROOT / "examples" / "weights").glob("expert-*.yaml"))]

#: Each command with --format and --output: the arguments it runs with here. Its formats
#: are the format registry's (render.registry), so every format a command offers is tried.
ARGS: dict[str, list[str]] = {
    "score": ["score"],
    "gaps": ["gaps", "j-city", "--against", "hangzhou"],
    "recommend": ["recommend", "j-city"],
    "compare": ["compare"],
    "report": ["report", "j-city"],
    "trend": ["trend", "j-city"],
    "sensitivity": ["sensitivity", "--samples", "500"],
    "rubric diff": ["rubric", "diff", OLD_RUBRIC, RUBRIC],
    "evidence": ["evidence"],
    "export": ["export", "j-city"],
    "weights ahp": ["weights", "ahp", *EXPERTS],
    "weights entropy": ["weights", "entropy"],
    "consensus": ["consensus", *ASSESSORS],
}
#: `new` has --format (yaml, xlsx) but a file name saying no format is YAML, as it always was:
#: it is tried with the commands that write one format, below.
OWN_RULE = {"new"}
COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    name: (ARGS[name], [f.value for f in registry.formats(name)])
    for name in registry.commands()
    if name not in OWN_RULE
}
SUFFIX = {
    "table": ".txt",
    "json": ".json",
    "csv": ".csv",
    "markdown": ".md",
    "html": ".html",
    "yaml": ".yaml",
    "xlsx": ".xlsx",
    "docx": ".docx",
}
#: The main part of each Office package, as its [Content_Types].xml names it.
OFFICE_TYPE = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}
BOX = {chr(c) for c in range(0x2500, 0x2580)}  # box drawing: ─ │ ┏ ━ ...


def run(runner: CliRunner, args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def read(path: Path, fmt: str) -> str | bytes:
    """What a command wrote: bytes for an Office format, text otherwise."""
    return path.read_bytes() if fmt in registry.BINARY else path.read_text(encoding="utf-8")


def assert_office(fmt: str, data: bytes) -> None:
    """``data`` is an Office package of ``fmt``: a zip whose content types name its main part."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        types = package.read("[Content_Types].xml").decode("utf-8")
    assert OFFICE_TYPE[fmt] in types, types[:300]


def assert_is(fmt: str, text: str | bytes) -> None:
    """``text`` really is ``fmt``."""
    if fmt in registry.BINARY:
        assert isinstance(text, bytes)
        assert_office(fmt, text)
        return
    assert isinstance(text, str)
    boxed = bool(BOX & set(text))
    if fmt == "yaml":
        assert isinstance(yaml.safe_load(text)["id"], str), text[:200]
    elif fmt == "json":
        json.loads(text)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert len(rows) >= 2 and len(rows[0]) >= 2, text[:200]
        assert "," in text.splitlines()[0] and not boxed
    elif fmt == "html":
        assert text.lstrip().lower().startswith("<!doctype html>"), text[:200]
    elif fmt == "yaml":
        assert isinstance(yaml.safe_load(text), dict) and not boxed, text[:200]
    elif fmt == "markdown":
        lines = text.splitlines()
        assert any(line.startswith(("#", "|")) for line in lines), text[:200]
        assert not boxed and not text.lstrip().startswith(("{", "<"))
    else:  # a terminal table
        assert boxed, text[:200]
        assert not text.lstrip().startswith(("{", "<", "#"))


def cases() -> list[tuple[str, str, str]]:
    """(command, format, suffix) for each format each command offers."""
    return [(name, fmt, SUFFIX[fmt]) for name, (_, formats) in COMMANDS.items() for fmt in formats]


def test_every_command_with_format_and_output_is_covered() -> None:
    """A command added with --format and --output is in COMMANDS, with its formats; its
    --format is not defaulted (None: the file name decides) and its help says so."""
    found = {}
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", {"": command})
        for sub, leaf in subcommands.items():
            options = {o: p for p in leaf.params for o in p.opts}
            if "--format" in options and "--output" in options:
                found[f"{name} {sub}".strip()] = (options["--format"], leaf.callback)
    assert sorted(found) == sorted([*COMMANDS, *OWN_RULE])
    for name, (param, callback) in found.items():
        assert param.default is None, name
        assert "from the --output file name, else" in param.help, name
        hint = typing.get_type_hints(inspect.unwrap(callback), include_extras=True)["format"]
        choices = [a for a in typing.get_args(typing.get_args(hint)[0]) if a is not type(None)]
        offered = [f.value for f in registry.formats(name)]
        assert [f.value for f in choices[0]] == offered, name


@pytest.mark.parametrize(("name", "fmt", "suffix"), cases())
def test_the_file_name_picks_the_format(
    runner: CliRunner, in_tmp: Path, name: str, fmt: str, suffix: str
) -> None:
    args = COMMANDS[name][0]
    code, out, err = run(runner, [*args, "-o", f"out{suffix}"])
    assert (code, out, err) == (0, "", f"wrote out{suffix}\n")
    written = read(in_tmp / f"out{suffix}", fmt)
    assert_is(fmt, written)
    # The same text as --format gives (with a file name that agrees).
    code, _, err = run(runner, [*args, "--format", fmt, "-o", f"given{suffix}"])
    assert code == 0, err
    given = read(in_tmp / f"given{suffix}", fmt)
    if name == "consensus" and fmt == "yaml":  # its header names the file to validate
        assert "validate given.yaml" in given
        given = given.replace("given.yaml", "out.yaml")
    assert given == written


@pytest.mark.parametrize(
    ("suffix", "fmt"),
    [(".htm", "html"), (".HTML", "html"), (".markdown", "markdown"), (".TXT", "table")],
)
def test_other_spellings_of_an_extension(
    runner: CliRunner, in_tmp: Path, suffix: str, fmt: str
) -> None:
    code, _, err = run(runner, ["compare", "j-city", "hangzhou", "-o", f"out{suffix}"])
    assert code == 0, err
    assert_is(fmt, (in_tmp / f"out{suffix}").read_text(encoding="utf-8"))


def _contradictions() -> list[tuple[str, str, str]]:
    """(command, --format, the format its file name says), every pair of different formats
    that have their own extension (.txt says table only to a command with tables)."""
    return [
        (name, given, named)
        for name, (_, formats) in COMMANDS.items()
        for given in formats
        for named in ("json", "csv", "markdown", "html", *(["table"] if "table" in formats else []))
        if named != given
    ]


@pytest.mark.parametrize(("name", "given", "named"), _contradictions())
def test_a_contradiction_writes_nothing(
    runner: CliRunner, in_tmp: Path, name: str, given: str, named: str
) -> None:
    file = f"x{SUFFIX[named]}"
    code, out, err = run(runner, [*COMMANDS[name][0], "--format", given, "-o", file])
    assert code == 2
    assert out == ""
    assert f"error: --format {given} does not match the file name {file} " in err
    assert f"({SUFFIX[named]} is {named})" in err
    if named in COMMANDS[name][1]:
        assert f"(hint: drop --format, or name the file x{SUFFIX[given]})" in err
    else:  # dropping --format would not help: the command has no such output
        assert f"(hint: name the file x{SUFFIX[given]})" in err
    assert list(in_tmp.iterdir()) == []


def _lacking() -> list[tuple[str, str]]:
    return [
        (name, fmt)
        for name, (_, formats) in COMMANDS.items()
        for fmt in ("json", "csv", "markdown", "html")
        if fmt not in formats
    ]


@pytest.mark.parametrize(("name", "fmt"), _lacking())
def test_a_file_name_saying_a_format_the_command_lacks(
    runner: CliRunner, in_tmp: Path, name: str, fmt: str
) -> None:
    args, formats = COMMANDS[name]
    file = f"out{SUFFIX[fmt]}"
    code, out, err = run(runner, [*args, "-o", file])
    assert code == 2
    assert out == ""
    assert f"error: this command has no {fmt} output (the file name {file} " in err
    listed = ", ".join(formats[:-1]) + " or " + formats[-1]
    files = ", ".join(f"out{SUFFIX[f]}" for f in formats[:-1]) + f" or out{SUFFIX[formats[-1]]}"
    assert f"(hint: it writes {listed}: name the file {files})" in err
    assert list(in_tmp.iterdir()) == []


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("file", ["report.out", "report", "report.yaml"])
def test_a_file_name_saying_no_format_needs_format(
    runner: CliRunner, in_tmp: Path, name: str, file: str
) -> None:
    args, formats = COMMANDS[name]
    if file.endswith(".yaml") and "yaml" in formats:  # .yaml says yaml to one that writes it
        assert run(runner, [*args, "-o", file])[0] == 0
        return
    code, out, err = run(runner, [*args, "-o", file])
    assert code == 2
    assert out == ""
    assert f"error: cannot tell the output format from the file name {file} " in err
    listed = ", ".join(formats[:-1]) + " or " + formats[-1]
    assert f"(hint: give --format {listed}, or name the file " in err
    assert list(in_tmp.iterdir()) == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_format_given_with_a_name_saying_no_format_is_honoured(
    runner: CliRunner, in_tmp: Path, name: str
) -> None:
    args, formats = COMMANDS[name]
    fmt = formats[-1]  # not the default: markdown, csv or json
    code, _, err = run(runner, [*args, "--format", fmt, "-o", "r.out"])
    assert code == 0, err
    assert_is(fmt, read(in_tmp / "r.out", fmt))


def test_txt_is_any_text_to_a_command_without_tables(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, ["report", "j-city", "--format", "markdown", "-o", "notes.txt"])
    assert code == 0, err
    assert_is("markdown", (in_tmp / "notes.txt").read_text(encoding="utf-8"))
    code, _, err = run(runner, ["report", "j-city", "-o", "notes2.txt"])
    assert code == 2 and "cannot tell the output format from the file name notes2.txt" in err


def test_without_output_the_default_is_unchanged(runner: CliRunner, in_tmp: Path) -> None:
    code, out, _ = run(runner, ["score"])
    assert code == 0
    assert_is("table", out)
    code, out, _ = run(runner, ["report", "j-city"])
    assert code == 0
    assert_is("markdown", out)


def test_the_format_is_checked_before_anything_is_read(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, ["score", "nowhere.yaml", "-f", "json", "-o", "s.csv"])
    assert code == 2
    assert "--format json does not match the file name s.csv" in err
    assert "nowhere" not in err


def test_a_folder_is_not_a_file_name(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "out").mkdir()
    code, _, err = run(runner, ["score", "-o", "out"])
    assert code == 2
    assert "error: out is a folder (hint: give a file name to --output)" in err


def test_messages_in_chinese(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, ["compare", "--lang", "zh", "-f", "html", "-o", "j.csv"])
    assert code == 2
    assert "--format html 与文件名 j.csv 不符（.csv 对应 csv 格式）" in err
    assert "去掉 --format，或将文件命名为 j.html" in err
    code, _, err = run(runner, ["score", "--lang", "zh", "-o", "s.html"])
    assert code == 2
    assert "此命令不提供 html 格式的输出" in err
    assert "s.txt、s.json、s.csv、s.md 或 s.xlsx" in err
    code, _, err = run(runner, ["score", "--lang", "zh", "-o", "s"])
    assert code == 2
    assert "无法从文件名 s 判断输出格式" in err
    assert list(in_tmp.iterdir()) == []


# --- commands that write one format -------------------------------------------------------


SURVEY = str(ROOT / "examples" / "survey-j-city.csv")
ONE_FORMAT = {
    "new": (["new", "my-city", "--name", "My City"], "yaml"),
    "survey": (["survey", SURVEY, "--city", "my-city"], "yaml"),
    "schema": (["schema", "profile"], "json"),
}
#: What the hint offers instead, where a command writes more than its default (new: .xlsx).
OFFERED = {"new": "yaml or xlsx: name the file out.yaml or out.xlsx"}


@pytest.mark.parametrize("name", list(ONE_FORMAT))
@pytest.mark.parametrize("suffix", [".json", ".csv", ".md", ".html", ".yaml"])
def test_one_format_commands_refuse_a_name_of_another(
    runner: CliRunner, in_tmp: Path, name: str, suffix: str
) -> None:
    args, writes = ONE_FORMAT[name]
    file = f"out{suffix}"
    code, _, err = run(runner, [*args, "-o", file])
    # .yaml says yaml to new and survey, and no format at all to schema (it writes no YAML).
    said = {".json": "json", ".csv": "csv", ".md": "markdown", ".html": "html"}.get(suffix)
    if said is None or said == writes:
        assert code == 0, err
        text = (in_tmp / file).read_text(encoding="utf-8")
        if writes == "json":
            assert json.loads(text)["title"] == "policebench profile"
        else:
            assert yaml.safe_load(text)["id"] == "my-city"
        return
    assert code == 2
    assert f"error: this command has no {said} output (the file name {file} " in err
    offered = OFFERED.get(name, f"{writes}: name the file out{SUFFIX.get(writes, '.yaml')}")
    assert f"(hint: it writes {offered})" in err
    assert list(in_tmp.iterdir()) == []


@pytest.mark.parametrize("file", ["my-city.yml", "my-city.txt", "my-city"])
def test_new_writes_yaml_under_other_names(runner: CliRunner, in_tmp: Path, file: str) -> None:
    code, _, err = run(runner, [*ONE_FORMAT["new"][0], "-o", file])
    assert code == 0, err
    assert "  data-sharing:\n    level: null\n" in (in_tmp / file).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_results_without_a_bad_file_say_it_was_left_out(
    runner: CliRunner, tmp_path: Path, lang: str
) -> None:
    # A ranking of three places, J City's file broken: the table must not pass for all four.
    folder = tmp_path / "mix"
    folder.mkdir()
    for path in bundled("cities").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "j-city.yaml":
            text = text.replace("level: 1", "level: 9", 1)
        (folder / path.name).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--lang", lang])
    assert result.exit_code == 2
    said = {
        "en": "the file above with errors is left out of the results",
        "zh": "上述有误的文件未纳入结果",
    }
    assert said[lang] in result.stderr and said[lang] not in result.stdout
    assert "J City" not in result.stdout and "J市" not in result.stdout
    strict = runner.invoke(app, ["score", str(folder), "--strict", "--lang", lang])
    assert strict.exit_code == 2 and said[lang] not in strict.stderr  # nothing written at all
