"""A corpus of broken inputs: each ends in one clear message and exit 2, never a traceback.

The files in ``tests/fixtures/corpus/`` cover the YAML syntax errors libyaml reports (indentation,
quotes, brackets, tabs, escapes, anchors, aliases, documents, directives, tags, control
characters), structures policebench refuses (duplicate and complex keys, merge keys, an alias
bomb, a self-referencing alias), tags that would run code elsewhere, and files that are not
UTF-8 YAML text at all. What is too big or too odd to commit (50 MB, 100,000 brackets, a
symbolic link loop, a FIFO, a link to /dev/zero) is made in a temporary folder.

Each input goes through ``validate FILE`` and ``score FILE`` (the profile is named, so the
bundled profiles are not scored with it). Wrong types at every key of both formats are made
from the bundled files by replacing one value at a time.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from policebench.cli.app import app
from policebench.workspace import bundled

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"

#: file -> (a phrase of the message, "LINE:COL" of the problem or None where no place is
#: meaningful, e.g. a file that cannot be read at all).
CASES: dict[str, tuple[str, str | None]] = {
    "alias-bomb.yaml": ("expands to more than 250,000 values", None),
    "binary-nul-late.yaml": ("binary file", "1:1"),
    "binary-png.yaml": ("binary file", "1:1"),
    "encoding-gbk.yaml": ("GBK", "2:7"),
    "encoding-latin1.yaml": ("not valid UTF-8", "2:8"),
    "encoding-utf16.yaml": ("UTF-16", "1:1"),
    "structure-comment-only.yaml": ("the file is empty", "1:1"),
    "structure-complex-key.yaml": ("a key must be a plain name", "5:3"),
    "structure-duplicate-key-nested.yaml": (
        "duplicate key 'level' (first defined on line 7)",
        "8:5",
    ),
    "structure-duplicate-key.yaml": ("duplicate key 'name' (first defined on line 2)", "5:1"),
    "structure-empty.yaml": ("the file is empty", "1:1"),
    "structure-list-document.yaml": ("the document is a list", "1:1"),
    "structure-merge-key.yaml": ("merge keys (<<) are not supported", "2:1"),
    "structure-null-document.yaml": ("the document is a single value", "1:1"),
    "structure-scalar-document.yaml": ("the document is a single value", "1:1"),
    "structure-self-alias.yaml": ("an alias refers to the list or mapping that contains it", "5:8"),
    "structure-whitespace-only.yaml": ("the file is empty", "1:1"),
    "syntax-anchor-alias-on-key-flow.yaml": ("did not find expected key", "6:1"),
    "syntax-bad-indentation-sequence.yaml": ("check the indentation", "9:4"),
    "syntax-bad-indentation.yaml": ("'name' is indented 2 space(s) deeper than 'id'", "2:3"),
    "syntax-block-scalar-indicator.yaml": ("while scanning a block scalar", "5:9"),
    "syntax-control-character.yaml": ("character #x0007 is not allowed", "5:13"),
    "syntax-directive-duplicate.yaml": ("duplicate %YAML directive", "2:1"),
    "syntax-directive-no-document-start.yaml": ("did not find expected <document start>", "2:1"),
    "syntax-directive-version.yaml": ("incompatible YAML document", "1:1"),
    "syntax-fullwidth-colon.yaml": ("full-width colon '：' (U+FF1A) after 'level'", "7:10"),
    "syntax-fullwidth-comma.yaml": ("full-width comma '，' (U+FF0C)", "9:25"),
    "syntax-level-dash.yaml": ("for a value that is not known write null", "7:12"),
    "syntax-duplicate-anchor.yaml": (
        "anchor (&name) is defined twice (first defined on line 5)",
        "6:11",
    ),
    "syntax-invalid-escape.yaml": ("unknown escape character", "2:10"),
    "syntax-long-simple-key.yaml": ("could not find expected ':'", "5:1101"),
    "syntax-mapping-value-in-plain.yaml": ("must be quoted", "5:16"),
    # a key without its colon, said on its own line (libyaml stops a line later)
    "syntax-missing-colon.yaml": ("'level 2' has no colon: a key and its value", "7:5"),
    "syntax-missing-colon-after-key.yaml": ("(hint: write 'confidence: low')", "8:5"),
    "syntax-multiple-documents.yaml": ("a file holds one document", "5:1"),
    "syntax-sequence-then-mapping.yaml": ("did not find expected '-' indicator", "2:1"),
    "syntax-tab-indentation.yaml": ("replace the indentation with 2 spaces", "6:1"),
    "syntax-unclosed-brace.yaml": ("a bracket is not closed", "6:1"),
    "syntax-unclosed-bracket.yaml": ("a bracket is not closed", "6:1"),
    "syntax-unclosed-double-quote.yaml": ("a quote is not closed", "2:7"),
    "syntax-unclosed-single-quote.yaml": ("a quote is not closed", "2:7"),
    "syntax-undefined-alias.yaml": ("an alias (*name) needs an anchor", "5:8"),
    "syntax-undefined-tag-handle.yaml": ("undefined tag handle", "5:8"),
    "tag-binary.yaml": ("the tag !!binary is not allowed", "5:8"),
    "tag-bool-bad.yaml": ("cannot read the value 'maybe' as !!bool", "5:8"),
    "tag-int-empty.yaml": ("cannot read the value '' as !!int", "7:12"),
    "tag-timestamp-nonsense.yaml": ("cannot read the value 'soon' as !!timestamp", "5:11"),
    "tag-custom-local.yaml": ("the tag !secret is not allowed", "5:8"),
    "tag-float-bad.yaml": ("cannot read the value 'abc'", "5:8"),
    "tag-int-bad.yaml": ("cannot read the value 'twelve'", "5:8"),
    "tag-python-name.yaml": ("the tag !!python/name:os.system is not allowed", "5:8"),
    "tag-python-object-apply.yaml": ("!!python/object/apply:os.system is not allowed", "5:8"),
    "tag-python-object.yaml": ("!!python/object:builtins.dict is not allowed", "5:8"),
    "tag-set.yaml": ("the tag !!set is not allowed", "5:8"),
    "tag-timestamp-bad.yaml": ("there is no month 13 (months are 1 to 12)", "5:11"),
    "type-confidence-bad.yaml": ("expected one of 'high', 'medium' or 'low'", "8:17"),
    "type-id-number.yaml": ("'id' is 12, expected text", "1:5"),
    "type-fullwidth-colon-text.yaml": ("after 'confidence' (hint: type the half-width ':'", "8:15"),
    "type-fullwidth-space.yaml": ("indented with full-width spaces (U+3000)", "9:1"),
    "type-id-spaces.yaml": ("digits and hyphens (hint: write 'x-city')", "1:5"),
    "type-indicators-list.yaml": ("'indicators' is a list", "6:3"),
    "type-level-bool.yaml": ("'level' is the boolean true", "7:12"),
    "type-level-float.yaml": ("'level' is 2.5, expected a whole number", "7:12"),
    "type-level-text.yaml": ("'level' is 'high', expected a whole number", "7:12"),
    "type-sources-mapping.yaml": ("'sources' is a mapping, expected a list", "10:14"),
    "type-unknown-key.yaml": ("did you mean 'indicators'?", "5:1"),
    "value-bad-date.yaml": ("month 2 of 2026 has no day 30", "4:11"),
    "value-huge-int.yaml": ("the number is 5,000 characters long", "7:12"),
}
VALID = ["valid-bom.yaml", "valid-crlf.yaml"]

_LOCATION = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<col>\d+): ", re.MULTILINE)


def invoke(runner: CliRunner, *args: str) -> Result:
    """Run the CLI; a bug (anything but a clean exit) fails the test with its traceback."""
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def check_refused(runner: CliRunner, path: Path, phrase: str, where: str | None) -> None:
    """``validate`` and ``score`` both exit 2 with ``phrase`` at ``where`` in ``path``."""
    for command in ("validate", "score"):
        result = invoke(runner, command, str(path))
        assert result.exit_code == 2, (command, result.stdout, result.stderr)
        assert result.stdout == "", command  # nothing half-made on stdout
        assert phrase in result.stderr, (command, result.stderr)
        if where is not None:
            assert f"{path.name}:{where}: " in result.stderr, (command, result.stderr)


def test_the_corpus_is_complete() -> None:
    """Every committed file is tested (and every case has its file)."""
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted([*CASES, *VALID])


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_input_is_refused_clearly(runner: CliRunner, name: str) -> None:
    phrase, where = CASES[name]
    check_refused(runner, CORPUS / name, phrase, where)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("name", VALID)
def test_bom_and_windows_line_endings_are_valid(runner: CliRunner, name: str) -> None:
    result = invoke(runner, "validate", str(CORPUS / name))
    assert result.exit_code == 0, result.stderr
    result = invoke(runner, "score", str(CORPUS / name), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"name": "X City"' in result.stdout


def test_no_tag_runs_code(runner: CliRunner, in_tmp: Path) -> None:
    """The file asks for os.system("touch pwned-by-policebench"): nothing may happen."""
    for command in ("validate", "score"):
        invoke(runner, command, str(CORPUS / "tag-python-object-apply.yaml"))
    assert not (in_tmp / "pwned-by-policebench").exists()
    assert list(in_tmp.iterdir()) == []


# --- made on the fly --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000,  # unclosed: libyaml's composer would recurse until it crashed
        "a: " + "[" * 50_000 + "]" * 50_000,
        "a: " + "{b: " * 50_000 + "}" * 50_000,
        "- " * 50_000 + "x",  # block sequences nested on one line
    ],
    ids=["unclosed-brackets", "brackets", "braces", "block-sequences"],
)
def test_deep_nesting_is_refused_without_a_crash(
    runner: CliRunner, in_tmp: Path, text: str
) -> None:
    path = in_tmp / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    check_refused(runner, path, "nesting deeper than 64 levels", None)


@pytest.mark.parametrize(
    "text",
    ["items:\n" + "- a\n" * 1_200_000, "items: [" + "a," * 2_400_000 + "]\n"],
    ids=["block", "flow"],
)
def test_millions_of_tiny_values_are_refused_before_they_are_built(
    runner: CliRunner, in_tmp: Path, text: str
) -> None:
    """Under 5 MB, yet millions of values: refused from the event stream, not after libyaml
    built a Python object for each (that took 800 MB)."""
    path = in_tmp / "wide.yaml"
    path.write_text(text, encoding="utf-8")
    check_refused(runner, path, "the document has more than 250,000 values", None)


def test_fifty_megabytes_are_refused_before_reading(runner: CliRunner, in_tmp: Path) -> None:
    path = in_tmp / "huge.yaml"
    line = b"notes: " + b"x" * 1017 + b"\n"
    with path.open("wb") as handle:
        for _ in range(50 * 1024):
            handle.write(line)
    check_refused(runner, path, "the file is 50.0 MB; policebench inputs are at most 5 MB", None)


def test_a_long_line_is_read(runner: CliRunner, in_tmp: Path) -> None:
    """A 1 MB line is valid YAML: refused only where it breaks a rule (a key over 1024)."""
    base = (CORPUS / "valid-crlf.yaml").read_text(encoding="utf-8").replace("\r\n", "\n")
    ok = in_tmp / "long-value.yaml"
    ok.write_text(base + "notes: " + "word " * 200_000 + "\n", encoding="utf-8")
    result = invoke(runner, "validate", str(ok))
    assert result.exit_code == 0, result.stderr
    bad = in_tmp / "long-key.yaml"
    bad.write_text(base + "k" * 1_000_000 + ": 1\n", encoding="utf-8")
    check_refused(runner, bad, "could not find expected ':'", None)


def test_a_symbolic_link_loop_is_reported(runner: CliRunner, in_tmp: Path) -> None:
    loop = in_tmp / "loop.yaml"
    loop.symlink_to(loop)
    check_refused(runner, loop, "cannot be read: too many symbolic links", None)
    a, b = in_tmp / "a.yaml", in_tmp / "b.yaml"
    a.symlink_to(b)
    b.symlink_to(a)
    check_refused(runner, a, "a symbolic link points to itself", None)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_devices_and_pipes_are_not_read(runner: CliRunner, in_tmp: Path) -> None:
    """/dev/zero never ends and a FIFO without a writer never starts: neither is opened."""
    fifo = in_tmp / "pipe.yaml"
    os.mkfifo(fifo)
    check_refused(runner, fifo, "is not a regular file", None)
    zero = in_tmp / "zero.yaml"
    zero.symlink_to("/dev/zero")
    check_refused(runner, zero, "is not a regular file", None)


def test_a_folder_named_like_a_file(runner: CliRunner, in_tmp: Path) -> None:
    folder = in_tmp / "folder.yaml"
    folder.mkdir()
    result = invoke(runner, "score", str(folder))
    assert result.exit_code == 2


# --- wrong types at every key -----------------------------------------------------------------

#: Values no key of either format accepts: a mapping where text, numbers, dates or lists are
#: expected, and a list of numbers where text, a mapping or a model is.
WRONG: list[Any] = [{"wrong": {"type": 1}}, [1, 2]]


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key of every mapping, going into the first item only of lists, of collections
    keyed by id (whose items all have the same shape) and of mappings keyed by level."""
    if isinstance(data, list):
        if data:
            yield from _paths(data[0], (*path, 0))
        return
    if not isinstance(data, dict) or not data:
        return
    values = list(data.values())
    same_shape = len(values) > 1 and all(isinstance(v, dict | list) for v in values)
    if same_shape or all(isinstance(k, int) for k in data):
        first = next(iter(data))
        yield (*path, first)
        yield from _paths(data[first], (*path, first))
        return
    for key, value in data.items():
        yield (*path, key)
        yield from _paths(value, (*path, key))


def _find(data: Any, key: str, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """The path of the first mapping that holds ``key`` (depth first), None if none does."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    if isinstance(data, dict) and key in data:
        return path
    for k, value in items:
        if isinstance(value, dict | list):
            found = _find(value, key, (*path, k))
            if found is not None:
                return found
    return None


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replaced(data[path[0]], path[1:], value)
    return copy


def _key_line(text: str, path: tuple[Any, ...]) -> int:
    """The line of the key at ``path``, found by PyYAML's own composer (not by policebench)."""
    node: Any = yaml.compose(text, Loader=yaml.CSafeLoader)
    line = 1
    for part in path:
        if isinstance(node, yaml.SequenceNode):
            node = node.value[part]
            continue
        key, node = next((k, v) for k, v in node.value if k.value == str(part))
        line = key.start_mark.line + 1
    return line


def _load(path: Path) -> Any:
    with path.open("rb") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


#: Bases that use every key of the formats somewhere (each must be valid: see below).
PROFILE = _load(bundled("cities") / "hangzhou.yaml")
PROFILE["targets"] = {"top-level-design": 4}
PROFILE["indicators"]["specialist-headcount"] = {
    "value": 1.5,
    "confidence": "low",
    "evidence": "A staffing table.",
    "sources": [{"title": "Table", "reliability": "primary"}],
}
PROFILE["indicators"]["top-level-design"]["survey"] = {
    "answers": 3,
    "agreement": 1.0,
    "distribution": {2: 3},
}
RUBRIC = _load(bundled("rubrics") / "smart-policing.yaml")
RUBRIC.setdefault("uncertainty", {"concentration": 40.0}).setdefault("impute_unknown", False)


def _key_cases(data: Any, extra: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Paths of every key: the first of each kind, and the first holder of each ``extra``."""
    paths = set(_paths(data))
    for key in extra:
        holder = _find(data, key)
        assert holder is not None, key
        paths |= {(*holder, k) for k in data_at(data, holder)}
    return sorted(paths, key=lambda p: [str(x) for x in p])


def data_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


PROFILE_KEYS = _key_cases(PROFILE, ("value", "note", "survey", "distribution"))
RUBRIC_KEYS = _key_cases(RUBRIC, ("needs", "thresholds", "unit", "unit_zh", "impute_unknown"))


@pytest.mark.usefixtures("in_tmp")
def test_the_bases_are_valid(runner: CliRunner, in_tmp: Path) -> None:
    """Otherwise every wrong-type case below would pass for the wrong reason."""
    (in_tmp / "profile.yaml").write_text(_dump(PROFILE), encoding="utf-8")
    (in_tmp / "rubric.yaml").write_text(_dump(RUBRIC), encoding="utf-8")
    result = invoke(runner, "validate", "profile.yaml", "rubric.yaml")
    assert result.exit_code == 0, result.stderr
    assert {"value", "note", "survey", "needs", "thresholds", "impute_unknown"} <= {
        str(p[-1]) for p in PROFILE_KEYS + RUBRIC_KEYS
    }


def _check_wrong_type(
    runner: CliRunner, folder: Path, data: Any, path: tuple[Any, ...], args: list[str]
) -> None:
    for wrong in WRONG:
        target = folder / "wrong.yaml"
        text = _dump(_replaced(data, path, wrong))
        target.write_text(text, encoding="utf-8")
        line = _key_line(text, path)
        for command in (["validate", str(target)], [*args, str(target)]):
            result = invoke(runner, *command)
            assert result.exit_code == 2, (command, wrong, result.stderr)
            lines = [int(m["line"]) for m in _LOCATION.finditer(result.stderr)]
            # The problem is at the key, or inside the wrong value just below it.
            assert any(line <= n <= line + 2 for n in lines), (path, wrong, line, result.stderr)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", PROFILE_KEYS, ids=lambda p: ".".join(map(str, p)))
def test_wrong_type_at_every_profile_key(
    runner: CliRunner, in_tmp: Path, path: tuple[Any, ...]
) -> None:
    _check_wrong_type(runner, in_tmp, PROFILE, path, ["score"])


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("path", RUBRIC_KEYS, ids=lambda p: ".".join(map(str, p)))
def test_wrong_type_at_every_rubric_key(
    runner: CliRunner, in_tmp: Path, path: tuple[Any, ...]
) -> None:
    _check_wrong_type(runner, in_tmp, RUBRIC, path, ["score", "hangzhou", "--rubric"])


def test_recursion_limit_is_untouched() -> None:
    """Nothing above raised the interpreter's limit to get through (it would hide a crash)."""
    assert sys.getrecursionlimit() <= 10_000


# --- one bad profile among many -----------------------------------------------------------------


@pytest.fixture
def many(in_tmp: Path) -> Path:
    """./cities with 241 valid profiles (copies of the bundled ones, and one with a metric
    value, which must cross from a reading process unchanged) and one broken file."""
    cities = in_tmp / "cities"
    cities.mkdir()
    sources = sorted(bundled("cities").glob("*.yaml"))
    for n in range(240):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: place-{n:03d}", text, count=1)
        (cities / f"place-{n:03d}.yaml").write_text(text, encoding="utf-8")
    (cities / "place-998.yaml").write_text(
        "id: place-998\nname: Measured\nrubric: smart-policing\nassessed: 2026-01-01\n"
        "indicators:\n  specialist-headcount:\n    value: 2.25\n    confidence: low\n"
        "    evidence: x\n    sources: [{title: t, reliability: primary}]\n",
        encoding="utf-8",
    )
    (cities / "place-999.yaml").write_text(
        (CORPUS / "type-level-text.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return in_tmp


def test_one_bad_profile_among_many_is_reported_and_the_rest_scored(
    runner: CliRunner, many: Path
) -> None:
    result = invoke(runner, "score", "--format", "json")
    assert result.exit_code == 2  # some input was bad
    cities = yaml.safe_load(result.stdout)["places"]
    assert len(cities) == 241
    assert "cities/place-999.yaml:7:12: 'level' is 'high', expected a whole number" in (
        result.stderr
    )
    assert "1 error in 1 file" in result.stderr


def test_strict_outputs_nothing(runner: CliRunner, many: Path) -> None:
    result = invoke(runner, "score", "--format", "json", "--strict")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "place-999.yaml:7:12" in result.stderr
    assert "nothing written: --strict" in result.stderr


def test_parallel_reading_gives_the_same_output(
    runner: CliRunner, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """242 files are read by a pool of processes; the output is that of one process."""
    outputs = []
    for workers in ("2", "1"):
        monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
        result = invoke(runner, "score", "--format", "csv")
        outputs.append((result.exit_code, result.stdout, result.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][1].count("\n") == 242  # header and 241 places
    monkeypatch.setenv("POLICEBENCH_WORKERS", "2")
    json_out = invoke(runner, "score", "place-998", "--format", "json").stdout
    assert '"value": 2.25' in json_out  # the measured value crosses from the worker intact


def test_without_a_process_pool_profiles_are_read_here(
    runner: CliRunner, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some sandboxes have no semaphores for a pool: reading falls back to one process."""
    import multiprocessing.context

    def no_pool(*args: Any, **kwargs: Any) -> Any:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", no_pool)
    monkeypatch.setenv("POLICEBENCH_WORKERS", "2")
    result = invoke(runner, "score", "--format", "csv")
    assert result.exit_code == 2  # the one broken file
    assert result.stdout.count("\n") == 242


def test_gaps_against_the_frontier_of_many(runner: CliRunner, many: Path) -> None:
    result = invoke(runner, "gaps", "place-000", "--against", "frontier", "--format", "json")
    assert result.exit_code == 2  # the broken peer is reported, the gaps still given
    assert "place-999.yaml:7:12" in result.stderr
    assert yaml.safe_load(result.stdout)["gaps"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from policebench.cli.common import _progress_callback

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress_callback() is None  # off a terminal: silent
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    update = _progress_callback()
    assert update is not None
    for done in range(1, 11):
        update(done, 10)  # a handful of files: no bar
    assert terminal.getvalue() == ""
    for done in range(1, 251):
        update(done, 250)
    assert "reading profiles" in terminal.getvalue()


def test_no_progress_bar_in_piped_output(runner: CliRunner, many: Path) -> None:
    result = invoke(runner, "score", "--format", "csv")
    lines = result.stderr.splitlines()
    assert lines == [
        "cities/place-999.yaml:7:12: 'level' is 'high', expected a whole number [not-whole-number]",
        "1 error in 1 file",
        "the file above with errors is left out of the results",
    ]
