"""``validate_paths`` reads many files as ``score`` does, in a pool of processes, and says the same.

A folder mixing valid profiles with every kind of broken file is validated in one process and in
two worker processes: the problems, their order, the exit code and the count must not change,
and a valid profile must come back without its document (positions are read again only for a
profile a check against the rubric finds wrong).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.readers.yaml import Document
from policebench.workspace import bundled, reading
from policebench.workspace.checking import validate_paths

BROKEN = {
    # The model fails (a misspelt key) and an indicator id is misspelt too: both are reported.
    "b-misspelt-key.yaml": (
        "id: misspelt\nname: Misspelt\nrubric: smart-policing\nassessed: 2024-01-01\n"
        "indicators:\n  top-level-desing:\n    level: 2\n    confidance: low\n"
    ),
    # The model is valid; the checks against the rubric fail (positions read again).
    "b-level-range.yaml": (
        "id: out-of-range\nname: Range\nrubric: smart-policing\nassessed: 2024-01-01\n"
        "indicators:\n  top-level-design:\n    level: 9\n    confidence: low\n"
        "    evidence: x\n    sources: [{title: t, reliability: primary}]\n"
    ),
    "b-unknown-indicator.yaml": (
        "id: unknown-id\nname: Unknown\nrubric: smart-policing\nassessed: 2024-01-01\n"
        "indicators:\n  data-sharng:\n    level: 1\n    confidence: low\n"
    ),
    "b-syntax.yaml": "id: syntax\nname: 'unclosed\nrubric: smart-policing\n",
    "b-tabs.yaml": "id: tabs\nindicators:\n\ttop-level-design: 1\n",
}

EXPECTED = [
    "b-latin1.yaml:1:8: the file is not valid UTF-8",
    "b-level-range.yaml:7:12: level 9 is outside the scale 0..4",
    "b-misspelt-key.yaml:6:3: unknown indicator 'top-level-desing'",
    "b-misspelt-key.yaml:8:5: unknown key 'confidance'",
    "b-syntax.yaml:2:7: YAML syntax",
    "b-tabs.yaml:3:1: the line is indented with a tab",
    "b-unknown-indicator.yaml:6:3: unknown indicator 'data-sharng'",
    "b-unknown-indicator.yaml:6:3: warning: 'data-sharng' has a level but no evidence",
]


@pytest.fixture
def mixed(in_tmp: Path) -> Path:
    """./mixed: 60 valid profiles (copies of the bundled ones), the broken files above, a
    file that is not UTF-8 and a copy of a valid profile under the same id and date."""
    folder = in_tmp / "mixed"
    folder.mkdir()
    sources = sorted(bundled("cities").glob("*.yaml"))
    for n in range(60):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: .*$", f"id: place-{n:03d}", text, count=1)
        (folder / f"place-{n:03d}.yaml").write_text(text, encoding="utf-8")
    (folder / "place-999.yaml").write_text(
        (folder / "place-000.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "b-latin1.yaml").write_bytes("id: caf\u00e9\n".encode("latin-1"))
    return in_tmp


def test_the_pool_reports_exactly_what_one_process_does(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools: list[int] = []
    real_pool = reading._pool

    def counting_pool(workers: int) -> Any:
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(reading, "_pool", counting_pool)
    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
        result = runner.invoke(app, ["validate", "mixed"])
        assert "Traceback" not in result.stdout + result.stderr
        outputs.append((result.exit_code, result.stdout, result.stderr))
    assert pools == [1, 2]  # the second run did read in two worker processes
    assert outputs[0] == outputs[1]
    code, _, stderr = outputs[0]
    assert code == 2
    lines = [line for line in stderr.splitlines() if line.startswith("mixed/")]
    for expected in EXPECTED:
        assert sum(line.startswith(f"mixed/{expected}") for line in lines) == 1, expected
    duplicate = [line for line in lines if "duplicate profile" in line]
    assert len(duplicate) == 1
    assert duplicate[0].startswith("mixed/place-999.yaml:2:5: duplicate profile: 'place-000'")
    errors = [line for line in lines if ": warning: " not in line]
    assert len(errors) == 8 and "8 errors" in stderr  # nothing else: the copies are valid
    positions = [(f, int(ln), int(col)) for f, ln, col, *_ in (x.split(":") for x in lines)]
    assert positions == sorted(positions)  # FILE:LINE:COL order


def test_a_valid_profile_keeps_no_document(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a broken profile (and a rubric) comes back with its positions in memory."""
    monkeypatch.setenv("POLICEBENCH_WORKERS", "2")
    rubric = bundled("rubrics") / "smart-policing.yaml"
    files = [*sorted((mixed / "mixed").glob("*.yaml")), rubric]
    reads = dict(
        zip(
            (f.name for f in files),
            reading.read_profiles(files, None, keep_documents=True),
            strict=True,
        )
    )
    valid = reads["place-001.yaml"]
    assert valid.loaded is not None and valid.document is None
    assert "values" not in valid.loaded.document.__dict__  # detached: positions not held
    for name in ("b-misspelt-key.yaml", "smart-policing.yaml"):
        assert isinstance(reads[name].document, Document)
        assert reads[name].document.values  # the positions crossed from the worker
    assert reads["b-syntax.yaml"].document is None  # nothing was parsed
    # Reading for score keeps only the indicator keys of a broken profile (for the
    # unknown-indicator check once the rubric is known), not its whole document.
    plain = reading.read_profiles([mixed / "mixed" / "b-misspelt-key.yaml"], None)
    outline = plain[0].document
    assert outline is not None and plain[0].problems
    assert list(outline.data) == ["indicators"]
    assert all(path[:1] == ("indicators",) for path in [*outline.values, *outline.keys])


def test_a_rubric_in_the_folder_is_checked_and_used_in_the_pool(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rubric among the files comes back from a worker whole: it is checked as a rubric,
    and the profiles naming it are checked against it, not against the bundled one."""
    monkeypatch.setenv("POLICEBENCH_WORKERS", "2")
    rubric = (bundled("rubrics") / "smart-policing.yaml").read_text(encoding="utf-8")
    renamed = rubric.replace("top-level-design", "top-design")
    (mixed / "mixed" / "rubric.yaml").write_text(renamed, encoding="utf-8")
    problems, count = validate_paths([mixed / "mixed"], None)
    assert count == 68
    assert not [p for p in problems if p.file == "mixed/rubric.yaml"]
    unknown = [p for p in problems if "unknown indicator 'top-level-design'" in p.message]
    assert unknown and all(p.hint == "did you mean 'top-design'?" for p in unknown)
    assert any(p.file == "mixed/place-001.yaml" for p in unknown)


FORMS = {
    # A level typed as the rubric's level name: read once the rubric is known.
    "named.yaml": "    level: Developing\n    confidence: 中\n",
    # A misspelt level name: refused, the hint naming the level it is close to.
    "misspelt.yaml": "    level: Develop\n    confidence: low\n",
    # Full-width digits: read at once, without the rubric.
    "wide.yaml": "    level: ２\n    confidence: low\n",
}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_levels_typed_as_names_are_read_with_the_rubric_here_and_in_the_pool(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setenv("POLICEBENCH_WORKERS", workers)
    folder = in_tmp / "forms"
    folder.mkdir()
    for name, body in FORMS.items():
        head = f"id: {name[:-5]}\nname: X\nrubric: smart-policing\nassessed: 2024-01-01\n"
        text = head + "indicators:\n  top-level-design:\n" + body
        text += "    evidence: x\n    sources: [{title: t, reliability: primary}]\n"
        (folder / name).write_text(text, encoding="utf-8")
    problems, count = validate_paths([folder], None)
    assert count == 3
    got = [(p.file, p.line, p.column, p.code, p.severity) for p in problems]
    assert got == [
        ("forms/misspelt.yaml", 7, 12, "level-form", "error"),
        ("forms/named.yaml", 7, 12, "level-form", "warning"),
        ("forms/named.yaml", 8, 17, "confidence-form", "warning"),
        ("forms/wide.yaml", 7, 12, "level-form", "warning"),
    ]
    assert problems[0].hint == "did you mean 'developing' (level 2)? write the number"


# --- issue 12: accepted without a word ---------------------------------------------------------


def test_a_dangling_or_looping_link_in_a_folder_is_reported_as_given_alone(
    runner: CliRunner, in_tmp: Path
) -> None:
    cities = in_tmp / "cities"
    cities.mkdir()
    shutil.copy(bundled("cities") / "j-city.yaml", cities / "j-city.yaml")
    (cities / "gone.yaml").symlink_to(in_tmp / "nowhere.yaml")
    (cities / "loop.yaml").symlink_to(cities / "loop.yaml")
    through_folder = runner.invoke(app, ["validate", "cities"])
    alone = runner.invoke(app, ["validate", "cities/gone.yaml", "cities/loop.yaml"])
    assert through_folder.exit_code == alone.exit_code == 2
    for result in (through_folder, alone):
        assert "nowhere.yaml: no such file" in result.stderr
        assert "loop.yaml: cannot be read: too many symbolic links" in result.stderr
        assert "a symbolic link points to itself" in result.stderr
    assert "2 errors in 2 files" in alone.stderr
    # score too: the place that can be read is scored, the links said, exit 2
    scored = runner.invoke(app, ["score", "-f", "csv"])
    assert scored.exit_code == 2 and "j-city" in scored.stdout
    assert "nowhere.yaml: no such file" in scored.stderr


def test_a_folder_named_like_a_yaml_file_is_no_empty_success(
    runner: CliRunner, in_tmp: Path
) -> None:
    (in_tmp / "x.yaml").mkdir()
    for command in (["validate", "x.yaml"], ["score", "x.yaml"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert "x.yaml: is a folder, expected a YAML file" in result.stderr
        assert "0 files valid" not in result.stderr + result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_folder_with_no_yaml_file_is_no_empty_success(
    runner: CliRunner, in_tmp: Path, lang: str
) -> None:
    # A folder of subfolders (examples/) or an empty one: nothing was checked, so no "valid".
    (in_tmp / "round-1" / "weights").mkdir(parents=True)
    shutil.copy(bundled("cities") / "j-city.yaml", in_tmp / "round-1" / "weights" / "j.yaml")
    result = runner.invoke(app, ["validate", "round-1", "--lang", lang])
    assert result.exit_code == 2
    said = {
        "en": "round-1: this folder holds no YAML file: nothing was checked",
        "zh": "round-1: 该文件夹中没有 YAML 文件，未检查任何内容",
    }
    assert said[lang] in result.stderr
    assert "valid" not in result.stderr and "有效" not in result.stderr
    # Named beside a valid file, it still fails: it was asked for and not checked.
    both = runner.invoke(app, ["validate", "round-1", "round-1/weights/j.yaml"])
    assert both.exit_code == 2 and "nothing was checked" in both.stderr
    scored = runner.invoke(app, ["score", "round-1", "--lang", lang])
    assert scored.exit_code == 2
    assert ("subfolders are not read" if lang == "en" else "子文件夹不会被读取") in scored.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_experts_comparisons_are_checked_as_weights_ahp_checks_them(
    runner: CliRunner, in_tmp: Path, lang: str
) -> None:
    # Not a rubric missing 'id', 'version' and 'scale': the file weights ahp reads.
    experts = Path(__file__).resolve().parents[2] / "examples" / "weights"
    result = runner.invoke(app, ["validate", str(experts), "--lang", lang])
    assert result.exit_code == 0, result.stderr
    text = (experts / "expert-a.yaml").read_text(encoding="utf-8")
    (in_tmp / "bad.yaml").write_text(
        text.replace("planning: {integration: 3", "planning: {integraton: 3"), encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "bad.yaml", "--lang", lang])
    ahp = runner.invoke(app, ["weights", "ahp", "bad.yaml", "--lang", lang])
    assert result.exit_code == ahp.exit_code == 2
    assert "[comparison-unknown-item]" in result.stderr
    assert result.stderr == ahp.stderr  # the same problems, worded the same
    assert "'scale'" not in result.stderr and "'version'" not in result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_experts_comparisons_given_as_a_rubric_are_one_clear_problem(
    runner: CliRunner, in_tmp: Path, lang: str
) -> None:
    expert = str(Path(__file__).resolve().parents[2] / "examples" / "weights" / "expert-a.yaml")
    for args in (["score", "--rubric", expert], ["sensitivity", "-n", "50", "--weights", expert]):
        result = runner.invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 2
        said = {
            "en": "this is an expert's pairwise comparisons (what weights ahp reads), not a rubric",
            "zh": "这是一位专家的两两比较（weights ahp 读取的文件），不是评估框架",
        }
        assert said[lang] in result.stderr and "weights ahp" in result.stderr
        assert result.stderr.count("[not-a-rubric]") == 1  # not a dozen missing keys
