"""Issue 12: a template given with --template-dir is untrusted and fully bounded.

Every file in ``tests/fixtures/hostile/templates/`` is tried as the report template (named
``report.md.j2`` or ``report.html.j2`` in a template folder of its own) through the real CLI:
each ends in exit 2, the one message below naming the template file (and line where there is
one), and the previous report intact. Links out of the folder are made in a temporary folder.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.cli.output import marked
from policebench.render import templates

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile" / "templates"
OLD = b"previous report\n"

#: fixture -> (the "FILE:LINE" the message starts with, a phrase of the message)
CASES: dict[str, tuple[str, str]] = {
    "encoding-gbk.md.j2": (
        "report.md.j2:1:3",
        "the template is not UTF-8 text (it looks like GBK)",
    ),
    "division-by-zero.md.j2": ("report.md.j2:3", "division by zero in the template"),
    "extends-itself.md.j2": (
        "report.md.j2:1",
        "the template extends, includes or calls itself without end",
    ),
    "includes-itself.md.j2": (
        "report.md.j2:3",
        "the template extends, includes or calls itself without end",
    ),
    "macro-recursion.md.j2": (
        "report.md.j2:1",
        "the template extends, includes or calls itself without end",
    ),
    "nested-range.md.j2": (
        "report.md.j2:3",
        "the template's loops over range() go past 1000000 numbers in all",
    ),
    "range-budget-in-all.md.j2": (
        "report.md.j2:1",
        "the template's loops over range() go past 1000000 numbers in all",
    ),
    "repeat-huge.md.j2": ("report.md.j2:2", "the template builds a value larger than 1000000"),
    "width-huge.md.j2": ("report.md.j2:4", "the template builds a value larger than 1000000"),
    "method-width-huge.md.j2": (
        "report.md.j2:2",
        "the template builds a value larger than 1000000",
    ),
    "power-huge.md.j2": ("report.md.j2:2", "the template builds a value larger than 1000000"),
    "output-huge.md.j2": ("report.md.j2", "the template writes more than 64 MB"),
    "chart-wrong-args.html.j2": (
        "report.html.j2:2",
        "the template failed here: radar() missing 1 required positional argument",
    ),
    "undefined-name.md.j2": (
        "report.md.j2:3",
        "uses 'no_such_key', which the report data does not have",
    ),
    "percent-width-huge.md.j2": (
        "report.md.j2:2",
        "the template builds a value larger than 1000000",
    ),
    "format-width-huge.md.j2": (
        "report.md.j2:3",
        "the template builds a value larger than 1000000",
    ),
    "format-filter-width-huge.md.j2": (
        "report.md.j2:2",
        "the template builds a value larger than 1000000",
    ),
    "namespace-doubling.md.j2": (
        "report.md.j2:2",
        "the template builds a value larger than 1000000",
    ),
    "macro-doubling.md.j2": ("report.md.j2:1", "the template builds a value larger than 1000000"),
    "lipsum-huge.md.j2": ("report.md.j2:2", "uses 'lipsum', which the report data does not have"),
    "list-repeat-huge.md.j2": (
        "report.md.j2:2",
        "the template builds a value larger than 1000000",
    ),
}


def _folder(tmp: Path, fixture: str) -> tuple[Path, str]:
    """A template folder holding ``fixture`` as the report template; the format it writes."""
    folder = tmp / "tpl"
    folder.mkdir()
    fmt = "html" if ".html." in fixture else "markdown"
    name = "report.html.j2" if fmt == "html" else "report.md.j2"
    shutil.copy(HOSTILE / fixture, folder / name)
    return folder, fmt


def _report(runner: CliRunner, folder: Path, fmt: str, *more: str) -> tuple[int, str]:
    suffix = ".html" if fmt == "html" else ".md"
    result = runner.invoke(
        app, ["report", "j-city", "--template-dir", str(folder), "-o", f"out{suffix}", *more]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def test_every_hostile_template_is_in_the_table() -> None:
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted([*CASES, "include-parent.md.j2"])


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_a_hostile_template_ends_in_one_positioned_message(
    runner: CliRunner, in_tmp: Path, fixture: str
) -> None:
    folder, fmt = _folder(in_tmp, fixture)
    out = in_tmp / ("out.html" if fmt == "html" else "out.md")
    out.write_bytes(OLD)
    started = time.monotonic()
    code, err = _report(runner, folder, fmt)
    where, phrase = CASES[fixture]
    assert code == 2
    assert err.startswith(f"error: {folder}/{where}: ") or err.startswith(
        f"error: {folder / where}: "
    ), err
    assert phrase in err
    assert "Traceback" not in err
    assert err.count("\n") == 1  # one message
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in in_tmp.iterdir()) == [out.name, "tpl"]
    assert time.monotonic() - started < 30  # bounded, far below the limit of 30 s


def test_the_messages_in_chinese(runner: CliRunner, in_tmp: Path) -> None:
    folder, fmt = _folder(in_tmp, "nested-range.md.j2")
    code, err = _report(runner, folder, fmt, "--lang", "zh")
    assert code == 2
    assert "模板中 range() 循环的次数合计超过 1000000" in err
    assert "请遍历报告数据" in err


def test_an_include_out_of_the_folder_by_name_is_not_found(runner: CliRunner, in_tmp: Path) -> None:
    folder, fmt = _folder(in_tmp, "include-parent.md.j2")
    code, err = _report(runner, folder, fmt)
    assert code == 2
    assert "template ../../../etc/passwd not found" in err
    assert "root:" not in err


@pytest.mark.parametrize("kind", ["file", "folder-link"])
def test_an_include_through_a_link_out_of_the_folder_is_refused(
    runner: CliRunner, in_tmp: Path, kind: str
) -> None:
    secret = in_tmp / "secret"
    secret.mkdir()
    (secret / "passwd").write_text("root:x:0:0:secret\n", encoding="utf-8")
    folder = in_tmp / "tpl"
    folder.mkdir()
    if kind == "file":
        (folder / "leak.md.j2").symlink_to(secret / "passwd")
        include = "leak.md.j2"
    else:
        (folder / "parts").symlink_to(secret)
        include = "parts/passwd"
    (folder / "report.md.j2").write_text(
        f'# Report\n{{% include "{include}" %}}\n', encoding="utf-8"
    )
    code, err = _report(runner, folder, "markdown")
    assert code == 2
    assert f"template '{include}' leads out of the template folder" in err
    assert not (in_tmp / "out.md").exists()
    assert "root:x" not in err


def test_a_link_inside_the_folder_is_followed(runner: CliRunner, in_tmp: Path) -> None:
    folder = in_tmp / "tpl"
    folder.mkdir()
    (folder / "part.md.j2").write_text("{{ r.place.name }}\n", encoding="utf-8")
    (folder / "alias.md.j2").symlink_to(folder / "part.md.j2")
    (folder / "report.md.j2").write_text('{% include "alias.md.j2" %}', encoding="utf-8")
    code, err = _report(runner, folder, "markdown")
    assert code == 0, err
    assert (in_tmp / "out.md").read_text(encoding="utf-8") == marked("J City\n")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_null_in_a_planners_template_reads_as_a_dash_not_none(
    runner: CliRunner, in_tmp: Path, fmt: str
) -> None:
    """J City's security score is unknown (null): a template that prints it as it is shows
    "—", as the bundled ones do, never Python's "None"."""
    folder = in_tmp / "tpl"
    folder.mkdir()
    name = "report.html.j2" if fmt == "html" else "report.md.j2"
    (folder / name).write_text(
        "{% for d in r.dimensions %}{{ d.id }}={{ d.score }};{% endfor %}\n", encoding="utf-8"
    )
    code, err = _report(runner, folder, fmt)
    assert code == 0, err
    out = (in_tmp / ("out.html" if fmt == "html" else "out.md")).read_text(encoding="utf-8")
    assert "security=—;" in out and "None" not in out


def test_a_template_that_is_a_folder(runner: CliRunner, in_tmp: Path) -> None:
    folder = in_tmp / "tpl"
    (folder / "report.md.j2").mkdir(parents=True)
    code, err = _report(runner, folder, "markdown")
    assert code == 2
    assert "report.md.j2: not a template file" in err


def test_a_slow_template_is_stopped_by_the_clock(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wall-clock bound, shortened to 0.3 s: a loop within every other bound (900,000
    numbers) takes longer than that."""
    monkeypatch.setattr(templates, "MAX_SECONDS", 0.3)
    folder = in_tmp / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_text(
        "# Report\n{% for i in range(900000) %}{% set x = i ~ i %}{% endfor %}\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    code, err = _report(runner, folder, "markdown")
    assert code == 2
    assert "the template took longer than 0.3 seconds; stopped" in err
    assert time.monotonic() - started < 10


def test_a_large_template_file_is_refused_before_reading(runner: CliRunner, in_tmp: Path) -> None:
    folder = in_tmp / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_bytes(b"x" * (templates.MAX_TEMPLATE_BYTES + 1))
    code, err = _report(runner, folder, "markdown")
    assert code == 2
    assert f"the template is {templates.MAX_TEMPLATE_BYTES + 1} bytes" in err


def test_an_unreadable_template_is_a_message_naming_it(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod 000 on the template (root reads it anyway, so the read is made to fail as it
    does for a planner): the I/O fault is said with the template's path, exit 2."""
    import errno

    folder = in_tmp / "tpl"
    folder.mkdir()
    (folder / "report.md.j2").write_text("# {{ r.place.name }}\n", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "report.md.j2" and self.parent.name == "tpl":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, err = _report(runner, folder, "markdown")
    assert code == 2
    assert f"error: permission denied: {folder / 'report.md.j2'}" in err
    assert not (in_tmp / "out.md").exists()


def test_punctuation_filters_keep_markdown_safe_text_escaped_once(tmp_path: Path) -> None:
    # `(x|md)|paren(lang)`: the brackets are plain, so the escaped text is not escaped again.
    (tmp_path / "t.md.j2").write_text(
        "{{ (name|md)|paren(lang) }} {{ names|map('md')|join_list(lang) }} "
        "{{ (name|md)|label(lang) }} {{ name|paren(lang) }}",
        encoding="utf-8",
    )
    env = templates.environment(tmp_path, "zh")
    out = env.get_template("t.md.j2").render(name="a|*b*", names=["x|y", "z"], lang="zh")
    once = "a\\|\\*b\\*"
    assert out == f"（{once}） x\\|y、z {once}： （{once}）"
