"""Every problem carries a stable, specific code, and docs/problem-codes.md lists each one.

Three views of the same promise: the codes the source gives (read from its syntax tree, so
that a new check without a code, or with one missing from the doc, fails here); the codes
the broken inputs of the test corpora produce (none left at the default ``invalid``); and a
crafted input for each check of a rubric or profile, producing its own code.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from policebench.problems import Problem
from policebench.validation.build import OTHER_VALUE_CODE, PYDANTIC_CODES
from policebench.workspace import bundled, validate_paths
from tests.test_corpus import (
    PROFILE,
    PROFILE_KEYS,
    RUBRIC,
    RUBRIC_KEYS,
    WRONG,
    _dump,
    _replaced,
)

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "policebench"
DOC = ROOT / "docs" / "problem-codes.md"
FIXTURES = ROOT / "tests" / "fixtures"
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: Where a problem's code is not written out at the call, and why that is fine: each of these
#: is checked another way below.
DYNAMIC = {
    # Document.problem and YamlBuilder.fail pass their own ``code`` parameter on.
    ("readers/yaml/_document.py", "code"),
    ("readers/yaml/_builder.py", "code"),
    # The loader's problems about a questionnaire, re-worded for a spreadsheet: same code.
    ("readers/survey_csv.py", "p.code"),
    # The code of each kind of pydantic error: PYDANTIC_CODES, "not-a-date", OTHER_VALUE_CODE.
    ("validation/build.py", "code"),
    # A value typed another way (validation/forms.py): "level-form", "confidence-form", "null-form".
    ("validation/forms.py", "code"),
    # Full-width punctuation where YAML structure goes: the values of _fullwidth._CODES.
    ("readers/yaml/_fullwidth.py", "code"),
    # The uncertainty settings' codes, the last item of each issue in _issues.
    ("validation/rubric_checks.py", "code"),
    # Warnings kept by the validated-input cache, made again with the code they were made with.
    ("workspace/cache.py", "fields['code']"),
    # A workbook's problems: at_cell, _Reader.problem, CellDocument.problem and _refuse.fail
    # pass on the code their callers give as a keyword (each call is read above).
    ("readers/workbook.py", "code"),
}


def _code_argument(call: ast.Call) -> ast.expr | None:
    """The code given to a call making a Problem (Problem, Document.problem, YamlBuilder.fail)."""
    for keyword in call.keywords:
        if keyword.arg == "code":
            return keyword.value
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    if name == "Problem":
        if any(isinstance(a, ast.Starred) for a in call.args):
            # Problem(file, *position, message, hint, code): the code comes last.
            return call.args[-1]
        return call.args[5] if len(call.args) > 5 else None
    if name == "fail":
        return call.args[3] if len(call.args) > 3 else None
    return None


def _makes_problem(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "Problem"
    return isinstance(func, ast.Attribute) and (func.attr in ("problem", "fail", "Problem"))


def _calls() -> Iterator[tuple[str, int, ast.expr | None]]:
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _makes_problem(node):
                yield str(path.relative_to(SRC)), node.lineno, _code_argument(node)


def _uncertainty_codes() -> set[str]:
    tree = ast.parse((SRC / "validation" / "uncertainty.py").read_text(encoding="utf-8"))
    issues = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef) and n.name == "uncertainty_issues_with_codes"
    )
    return {
        node.elts[-1].value
        for node in ast.walk(issues)
        if isinstance(node, ast.Tuple)
        and len(node.elts) == 4
        and isinstance(node.elts[-1], ast.Constant)
        and isinstance(node.elts[-1].value, str)
    }


def _named_codes() -> set[str]:
    """The codes validation/forms.py and readers/yaml/_fullwidth.py choose among.

    String constants ending in "-form", and the values of _fullwidth's table of characters.
    """
    forms = ast.parse((SRC / "validation" / "forms.py").read_text(encoding="utf-8"))
    codes = {
        n.value
        for n in ast.walk(forms)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.endswith("-form")
    }
    fullwidth = ast.parse((SRC / "readers" / "yaml" / "_fullwidth.py").read_text(encoding="utf-8"))
    for node in ast.walk(fullwidth):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "_CODES" for target in node.targets
        ):
            assert isinstance(node.value, ast.Dict)
            codes |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
    return codes


def source_codes() -> set[str]:
    """Every code the source can give a problem."""
    codes = {*PYDANTIC_CODES.values(), "not-a-date", OTHER_VALUE_CODE, *_uncertainty_codes()}
    codes |= _named_codes()
    for _, _, arg in _calls():
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            codes.add(arg.value)
    return codes


def documented() -> dict[str, str]:
    """The codes of docs/problem-codes.md (its table rows: | `code` | meaning | fix |)."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| `([^`]+)` \|(.*)\|(.*)\|\s*$", line)
        if match:
            assert match[1] not in rows, f"{match[1]} is listed twice"
            assert match[2].strip() and match[3].strip(), line
            rows[match[1]] = line
    return rows


def test_every_problem_made_in_the_source_is_given_a_code() -> None:
    missing = [f"{file}:{line}" for file, line, arg in _calls() if arg is None]
    assert missing == []
    dynamic = {
        (file, ast.unparse(arg))
        for file, _, arg in _calls()
        if arg is not None and not isinstance(arg, ast.Constant)
    }
    assert dynamic == DYNAMIC


def test_the_codes_are_kebab_case_and_none_is_the_default() -> None:
    codes = source_codes()
    assert len(codes) > 60
    assert [c for c in codes if not CODE.match(c)] == []
    assert Problem("f").code == "invalid"  # the dataclass default, which no check leaves
    assert "invalid" not in codes


def test_the_doc_lists_every_code_and_no_other() -> None:
    codes = source_codes()
    listed = set(documented())
    assert sorted(codes - listed) == [], "add these to docs/problem-codes.md"
    assert sorted(listed - codes) == [], "docs/problem-codes.md lists codes no longer used"


def _validate(folder: Path, *names: str) -> list[Problem]:
    problems, _ = validate_paths([folder / n for n in names], None)
    return problems


def _assert_coded(problems: list[Problem], where: str) -> None:
    assert problems, where
    for p in problems:
        assert p.code != "invalid", (where, str(p))
        assert CODE.match(p.code), (where, p.code, str(p))
        # Every pydantic error kind the corpora meet has a code of its own.
        assert p.code != OTHER_VALUE_CODE, (where, str(p))
        assert p.code in documented(), (where, p.code)


#: The broken files of tests/test_fixtures_invalid.py and tests/test_corpus.py (not the
#: corpus's two valid ones).
BROKEN = sorted((FIXTURES / "invalid").glob("*.yaml")) + sorted(
    p for p in (FIXTURES / "corpus").glob("*.yaml") if not p.stem.startswith("valid-")
)


@pytest.mark.parametrize("source", BROKEN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_corpora_give_every_problem_its_code(source: Path, in_tmp: Path) -> None:
    shutil.copyfile(source, in_tmp / source.name)
    _assert_coded(_validate(in_tmp, source.name), source.name)


@pytest.mark.parametrize(
    ("kind", "data", "path"),
    [("profile", PROFILE, p) for p in PROFILE_KEYS] + [("rubric", RUBRIC, p) for p in RUBRIC_KEYS],
    ids=lambda v: ".".join(map(str, v)) if isinstance(v, tuple) else str(v)[:10],
)
def test_a_wrong_type_at_every_key_has_its_code(
    kind: str, data: Any, path: tuple[Any, ...], in_tmp: Path
) -> None:
    for wrong in WRONG:
        (in_tmp / f"{kind}.yaml").write_text(_dump(_replaced(data, path, wrong)), "utf-8")
        _assert_coded(_validate(in_tmp, f"{kind}.yaml"), f"{path} = {wrong!r}")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _indicator(rubric: Any, kind: str = "level") -> Any:
    return next(
        ind
        for dim in rubric["dimensions"]
        for ind in dim["indicators"]
        if ind.get("kind", "level") == kind
    )


def _entry(profile: Any) -> Any:
    """The first indicator of a profile with a level."""
    return next(e for e in profile["indicators"].values() if e.get("level") is not None)


def _set(key: str, value: Any) -> Callable[[Any], None]:
    def change(doc: Any) -> None:
        doc[key] = value

    return change


Change = Callable[[Any], None]
FIRST = "top-level-design"  # an indicator rated by level
METRIC = "specialist-headcount"

#: code -> how to break the bundled rubric to get it.
RUBRIC_CASES: dict[str, Change] = {
    "scale-max-not-above-min": lambda r: r["scale"].update(max=r["scale"]["min"]),
    "level-unnamed": lambda r: r["scale"]["levels"].pop(max(r["scale"]["levels"])),
    "level-name-out-of-scale": lambda r: r["scale"]["levels"].update({9: "Beyond"}),
    "default-target-out-of-scale": _set("default_target", 9),
    "stages-not-ascending": lambda r: r["stages"][1].update(min=r["stages"][0]["min"]),
    # issue 12: a first stage above 0, a scale typo, a rubric past the indicator bound
    "first-stage-above-zero": lambda r: r["stages"][0].update(min=10),
    "scale-too-wide": lambda r: r["scale"].update(max=1_000_000),
    "too-many-indicators": lambda r: r["dimensions"][0]["indicators"].extend(
        {"id": f"extra-{n}", "name": f"Extra {n}", "levels": dict(_indicator(r)["levels"])}
        for n in range(1000)
    ),
    "duplicate-dimension-id": lambda r: r["dimensions"][1].update(id=r["dimensions"][0]["id"]),
    "duplicate-indicator-id": lambda r: r["dimensions"][1]["indicators"][0].update(
        id=r["dimensions"][0]["indicators"][0]["id"]
    ),
    "missing-descriptor": lambda r: _indicator(r)["levels"].pop(4),
    "descriptor-out-of-scale": lambda r: _indicator(r)["levels"].update({9: "Beyond"}),
    "action-level-out-of-range": lambda r: _indicator(r)["actions"].update(
        {0: [{"do": "Start.", "effort": "low"}]}
    ),
    "metric-fields-on-level-indicator": lambda r: _indicator(r).update(unit="people"),
    "metric-no-thresholds": lambda r: _indicator(r, "metric").pop("thresholds"),
    "thresholds-not-every-level": lambda r: _indicator(r, "metric")["thresholds"].pop(4),
    "thresholds-not-rising": lambda r: _indicator(r, "metric").update(
        thresholds={1: 1.0, 2: 1.0, 3: 2.0, 4: 3.0}
    ),
    "metric-no-unit": lambda r: _indicator(r, "metric").pop("unit"),
    "needs-unknown-indicator": lambda r: _indicator(r)["actions"][2][0].update(
        needs={"no-such-indicator": 1}
    ),
    "needs-level-out-of-scale": lambda r: _indicator(r)["actions"][2][0].update(needs={METRIC: 9}),
    "impute-out-of-scale": lambda r: r.setdefault("uncertainty", {}).update(impute_min=9),
    "impute-min-above-max": lambda r: r.setdefault("uncertainty", {}).update(
        impute_min=3, impute_max=1
    ),
    "aggregation-listed-twice": lambda r: r.setdefault("uncertainty", {}).update(
        aggregations=["arithmetic", "arithmetic"]
    ),
    "medium-shift-above-low": lambda r: r.setdefault("uncertainty", {}).update(
        low_shift=0.1, medium_shift=0.5
    ),
    # The model's own, one per kind of pydantic error.
    "unknown-key": _set("versoin", "1.0"),
    "missing-key": lambda r: r.pop("name"),
    "not-one-of": lambda r: _indicator(r).update(kind="scale"),
    "not-whole-number": _set("default_target", 2.5),
    "not-finite": lambda r: r["dimensions"][0].update(weight=float("inf")),
    "not-a-number": lambda r: r["dimensions"][0].update(weight="heavy"),
    "not-text": _set("version", 1.0),
    "out-of-bounds": lambda r: r["dimensions"][0].update(weight=0),
    "id-form": _set("id", "Smart Policing"),
    "not-a-mapping": _set("scale", 4),
    "not-a-list": _set("dimensions", 4),
    "empty-list": _set("stages", []),
    "empty-text": _set("name", ""),
    "too-long": _set("id", "a" * 81),
    "not-true-or-false": lambda r: r.setdefault("uncertainty", {}).update(impute_unknown="often"),
}

#: code -> how to break a bundled profile to get it.
PROFILE_CASES: dict[str, Change] = {
    "unknown-rubric": _set("rubric", "another-rubric"),
    "unknown-indicator": lambda p: p["indicators"].update({"no-such-indicator": {"level": None}}),
    "level-range": lambda p: _entry(p).update(level=9),
    "value-not-metric": lambda p: p["indicators"][FIRST].update(value=1.0),
    "level-disagrees-with-value": lambda p: p["indicators"].update(
        {METRIC: {"level": 4, "value": 0.0, "confidence": "low", "evidence": "A table."}}
    ),
    "no-confidence": lambda p: _entry(p).pop("confidence"),
    "target-unknown-indicator": _set("targets", {"no-such-indicator": 2}),
    "target-out-of-scale": _set("targets", {FIRST: 9}),
    # Evidence in either language is evidence: both go.
    "no-evidence": lambda p: [_entry(p).pop(k, None) for k in ("evidence", "evidence_zh")],
    "no-source": lambda p: _entry(p).pop("sources"),
    "consensus-confidence": lambda p: _entry(p).update(
        confidence="high",
        consensus={"assessors": {"A": 1, "B": 3}, "agreement": 0.5, "spread": 2},
    ),
    "not-a-date": _set("assessed", "soon"),
    "date-form": _set("assessed", "2026年11月24日"),
}


@pytest.mark.parametrize(
    ("kind", "code"),
    [("rubric", c) for c in RUBRIC_CASES] + [("profile", c) for c in PROFILE_CASES],
)
def test_each_check_gives_its_own_code(kind: str, code: str, in_tmp: Path) -> None:
    cases = RUBRIC_CASES if kind == "rubric" else PROFILE_CASES
    data = _load(
        bundled("rubrics") / "smart-policing.yaml"
        if kind == "rubric"
        else bundled("cities") / "hangzhou.yaml"
    )
    cases[code](data)
    (in_tmp / f"{kind}.yaml").write_text(_dump(data), encoding="utf-8")
    problems = _validate(in_tmp, f"{kind}.yaml")
    assert code in {p.code for p in problems}, [(p.code, str(p)) for p in problems]
    _assert_coded(problems, code)


def test_every_check_of_a_rubric_or_profile_is_crafted_above() -> None:
    """A new check in rubric_checks, validate or the uncertainty settings needs a case here."""
    checked = {
        arg.value
        for file, _, arg in _calls()
        if file in ("validation/rubric_checks.py", "validation/build.py")
        and isinstance(arg, ast.Constant)
    } | _uncertainty_codes()
    crafted = set(RUBRIC_CASES) | set(PROFILE_CASES) | {"needs-cycle"}  # see test_validate
    assert sorted(checked - crafted) == []


def examples() -> dict[str, list[str]]:
    """The lines of docs/problem-codes.md's "Examples, as printed", by code."""
    section = DOC.read_text(encoding="utf-8").split("## Examples, as printed", 1)[1]
    found: dict[str, list[str]] = {}
    code = ""
    for line in section.splitlines():
        head = re.match(r"^- `([^`]+)`$", line)
        if head:
            code = head[1]
            found[code] = []
        elif line.startswith("  - `` ") and code:
            found[code].append(line[len("  - `` ") : -len(" ``")])
    return found


def test_every_code_has_an_example_in_english_and_chinese() -> None:
    shown = examples()
    assert sorted(shown) == sorted(documented())
    han = re.compile(r"[\u4e00-\u9fff]")
    for code, (en, zh) in shown.items():
        assert en.endswith(f" [{code}]") and zh.endswith(f" [{code}]"), code
        assert han.search(zh), (code, zh)
