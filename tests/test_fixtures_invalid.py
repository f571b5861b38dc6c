"""Broken planner files must produce exactly the problems listed beside them.

Each ``tests/fixtures/invalid/NAME.yaml`` has a ``NAME.expected`` with one line per problem:
``LINE:COL: phrase``, where the phrase must appear in the printed message (hint included).
Several lines may name the same position (a message and its hint, say). ``validate`` must
exit 2, report every expected problem at exactly that line and column, and report no error
that is not expected. Files whose name starts with ``rubric-`` are rubrics; the others are
profiles, checked against the bundled rubric (the run happens in an empty folder).

``tests/fixtures/valid/`` holds edge cases (BOM, CRLF, Chinese text, a minimal rubric) that
must validate clean.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"

#: Fixtures whose expectation is right but whose behaviour lives in code another engineer owns;
#: each names the bug. Strict: when the bug is fixed the marker must go.
#: Fixtures that fail for a known bug: fixture name -> the bug (strict xfail until fixed).
KNOWN_BUGS: dict[str, str] = {}

_LINE = re.compile(
    r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<warn>warning: )?(?P<text>.*)$"
)


@dataclass(frozen=True)
class Reported:
    line: int
    column: int
    text: str
    warning: bool


def expectations(path: Path) -> list[tuple[int, int, str]]:
    """The ``LINE:COL: phrase`` lines of ``path``."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        line, column, phrase = raw.split(":", 2)
        out.append((int(line), int(column), phrase.strip()))
    assert out, f"{path.name} lists no problem"
    return out


def reported(stderr: str, name: str) -> list[Reported]:
    """Every problem line printed about ``name``; a line about it in another shape fails."""
    found = []
    for raw in stderr.splitlines():
        if not raw.startswith(f"{name}:"):
            continue
        match = _LINE.match(raw)
        assert match, f"problem line not in FILE:LINE:COL: message form: {raw!r}"
        found.append(
            Reported(int(match["line"]), int(match["col"]), match["text"], bool(match["warn"]))
        )
    return found


def _param(path: Path) -> object:
    marks = []
    if path.stem in KNOWN_BUGS:
        marks.append(pytest.mark.xfail(reason=KNOWN_BUGS[path.stem], strict=True))
    return pytest.param(path, id=path.stem, marks=marks)


def test_every_fixture_has_expectations() -> None:
    yamls = {p.stem for p in INVALID.glob("*.yaml")}
    expected = {p.stem for p in INVALID.glob("*.expected")}
    assert yamls == expected
    assert len(yamls) >= 20


@pytest.mark.parametrize("source", [_param(p) for p in sorted(INVALID.glob("*.yaml"))])
def test_invalid_fixture(source: Path, runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(source, in_tmp / source.name)
    result = runner.invoke(app, ["validate", source.name])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    problems = reported(result.stderr, source.name)
    wanted = expectations(source.with_suffix(".expected"))

    for line, column, phrase in wanted:
        at = [p for p in problems if (p.line, p.column) == (line, column)]
        assert any(phrase in p.text for p in at), (
            f"expected {line}:{column}: ...{phrase}... in\n{result.stderr}"
        )
    # Every error printed is one of those expected: at an expected place, with its phrase.
    unexpected = [
        p
        for p in problems
        if not p.warning
        and not any(
            (p.line, p.column) == (line, column) and phrase in p.text
            for line, column, phrase in wanted
        )
    ]
    assert not unexpected, f"unexpected errors: {unexpected}"
    # Every problem is reported at once, in the order of the file.
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)


def test_several_problems_are_all_reported(runner: CliRunner, in_tmp: Path) -> None:
    """The two 'several' fixtures really hold several problems, not one after a fix."""
    for stem, least in (("profile-several-model", 7), ("profile-several-checks", 5)):
        shutil.copyfile(INVALID / f"{stem}.yaml", in_tmp / f"{stem}.yaml")
        result = runner.invoke(app, ["validate", f"{stem}.yaml"])
        errors = [p for p in reported(result.stderr, f"{stem}.yaml") if not p.warning]
        assert len(errors) >= least
        assert f"{len(errors)} errors" in result.stderr


def test_gbk_fixture_really_is_gbk() -> None:
    raw = (INVALID / "profile-gbk.yaml").read_bytes()
    assert "测试市".encode("gbk") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize("name", sorted(p.name for p in VALID.glob("profile-*.yaml")))
def test_valid_profile_alone(name: str, runner: CliRunner, in_tmp: Path) -> None:
    """Each valid profile validates clean, against the rubric it names."""
    shutil.copytree(VALID, in_tmp / "valid")
    args = ["validate", f"valid/{name}"]
    if name == "profile-minimal.yaml":
        args += ["--rubric", "valid/rubric-minimal.yaml"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert "1 file valid" in result.stderr
    assert "warning" not in result.stderr


def test_valid_folder_is_clean(runner: CliRunner, in_tmp: Path) -> None:
    """The whole folder at once: the minimal profile finds the minimal rubric beside it."""
    shutil.copytree(VALID, in_tmp / "valid")
    result = runner.invoke(app, ["validate", "valid"])
    assert result.exit_code == 0, result.stderr
    count = len(list(VALID.glob("*.yaml")))
    assert result.stderr.strip() == f"{count} files valid"


def test_valid_edge_cases_are_what_they_claim() -> None:
    assert (VALID / "profile-bom.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    crlf = (VALID / "profile-crlf.yaml").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 5
    assert "测试市" in (VALID / "profile-chinese.yaml").read_text(encoding="utf-8")


def test_minimal_rubric_scores(runner: CliRunner, in_tmp: Path) -> None:
    """1 dimension, 1 indicator, scale 1..3: level 3 is 100 = 100 * (3 - 1) / (3 - 1)."""
    shutil.copytree(VALID, in_tmp / "valid")
    (in_tmp / "cities").mkdir()
    shutil.copyfile(VALID / "profile-minimal.yaml", in_tmp / "cities" / "minimal-city.yaml")
    result = runner.invoke(
        app, ["score", "minimal-city", "--rubric", "valid/rubric-minimal.yaml", "-f", "csv"]
    )
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.lstrip("\ufeff").splitlines()
    assert rows[1] == "1,minimal-city,Minimal City,2024-01-01,100.0,Only,1.0,,100.0"


def english_left(line: str) -> str | None:
    """Three English words in a row in ``line`` outside what the planner typed (quoted), the
    position, the code, options and paths: an English sentence left in a Chinese message."""
    text = re.sub(r"^\S+?:(\d+:\d+:)? ", "", line)
    text = re.sub(r" \[[a-z0-9-]+\]$", "", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "", text)
    text = re.sub(r"--?[a-z][a-z-]*|\S*/\S*|\S+\.(yaml|csv)\b", "", text)
    found = re.search(r"[A-Za-z]{2,}(?:[ ,:;()]+[A-Za-z]{2,}){2,}", text)
    return found.group(0) if found else None


def test_english_left_finds_a_sentence() -> None:
    assert english_left("f.yaml:1:2: unknown key 'x' (hint: remove it) [unknown-key]")
    assert english_left("f.yaml:1:2: the file is empty [empty]") == "the file is empty"
    assert english_left("f.yaml:1:2: 未知的键 'the key you typed' [unknown-key]") is None
    assert english_left("f.yaml:1:2: 请用 --rubric PATH 指定 [x]") is None


@pytest.mark.parametrize("source", [_param(p) for p in sorted(INVALID.glob("*.yaml"))])
def test_invalid_fixture_in_chinese(source: Path, runner: CliRunner, in_tmp: Path) -> None:
    """The same problems, at the same places with the same codes, worded in Chinese: no
    English sentence left, in the problem lines or the count below them."""
    shutil.copyfile(source, in_tmp / source.name)
    en = runner.invoke(app, ["validate", source.name, "--lang", "en"])
    zh = runner.invoke(app, ["validate", source.name, "--lang", "zh"])
    assert zh.exit_code == en.exit_code == 2
    assert "Traceback" not in zh.output

    def codes(stderr: str) -> list[tuple[int, int, str]]:
        return [
            (p.line, p.column, p.text.rsplit(" [", 1)[-1]) for p in reported(stderr, source.name)
        ]

    assert codes(zh.stderr) == codes(en.stderr)
    assert all(p.text.endswith("]") for p in reported(zh.stderr, source.name))
    left = [(line, english_left(line)) for line in zh.stderr.splitlines() if english_left(line)]
    assert left == []
    assert zh.stderr.splitlines()[-1].startswith("共 ")


def test_locale_chooses_the_language(runner: CliRunner, in_tmp: Path) -> None:
    shutil.copyfile(INVALID / "profile-key-typo.yaml", in_tmp / "typo.yaml")
    result = runner.invoke(app, ["validate", "typo.yaml"], env={"LC_ALL": "zh_CN.UTF-8"})
    assert "未知的键 'confidance'（提示：您是否想写 'confidence'？） [unknown-key]" in result.stderr
    result = runner.invoke(
        app, ["validate", "typo.yaml", "--lang", "en"], env={"LC_ALL": "zh_CN.UTF-8"}
    )
    assert "unknown key 'confidance' (hint: did you mean 'confidence'?)" in result.stderr
