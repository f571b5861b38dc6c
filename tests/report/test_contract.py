"""Every command's JSON is what its published schema (schemas/NAME.schema.json) says.

The schemas are made from the TypedDicts of :mod:`policebench.report.contract` with every
object closed (``additionalProperties: false``), so a key a builder adds without the
contract, a key it drops, or a value of another type fails here; the real command line is
driven, with the options that change the shape (one place or many, a peer, no target,
--uncertainty, Chinese, a history, rubric diff with places).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.cli.commands.schema import INPUTS, SchemaFormat
from policebench.report.contract import CONTRACTS
from policebench.workspace import bundled

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HISTORY = FIXTURES / "history"
OLD_RUBRIC = FIXTURES / "rubric-v0.9.yaml"
RUBRIC = bundled("rubrics") / "smart-policing.yaml"
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EXPERTS = [str(p) for p in sorted((EXAMPLES / "weights").glob("expert-*.yaml"))]
ASSESSORS = [str(p) for p in sorted((EXAMPLES / "consensus").glob("assessor-*.yaml"))]

CASES: list[tuple[str, list[str]]] = [
    ("score", ["score"]),
    ("score", ["score", "j-city", "--lang", "zh"]),
    ("report", ["report", "j-city"]),
    ("report", ["report", "j-city", "--against", "hangzhou", "--lang", "zh"]),
    ("report", ["report", "j-city", "--against", "none", "--top", "3"]),
    ("report", ["report", "j-city", "--uncertainty", "--samples", "300"]),
    ("report", ["report", "qingdao", "--with-opinions"]),
    ("gaps", ["gaps", "j-city"]),
    ("gaps", ["gaps", "hangzhou", "--against", "qingdao", "--lang", "zh"]),
    ("gaps", ["gaps", "j-city", "--against", "none", "--target", "3"]),
    ("recommend", ["recommend", "j-city", "--top", "5"]),
    ("recommend", ["recommend", "inner-mongolia", "--against", "hangzhou"]),
    ("compare", ["compare"]),
    ("compare", ["compare", "j-city", "hangzhou", "--lang", "zh"]),
    ("compare", ["compare", "--uncertainty", "--samples", "300"]),
    ("trend", ["trend", "demo-county", *[str(p) for p in sorted(HISTORY.glob("*.yaml"))]]),
    ("sensitivity", ["sensitivity", "--samples", "300"]),
    ("sensitivity", ["sensitivity", "--samples", "300", "--weights", "entropy"]),
    ("rubric-diff", ["rubric", "diff", str(OLD_RUBRIC), str(RUBRIC)]),
    ("rubric-diff", ["rubric", "diff", str(OLD_RUBRIC), str(RUBRIC), "j-city", "hangzhou"]),
    ("weights-ahp", ["weights", "ahp", *EXPERTS]),
    ("weights-entropy", ["weights", "entropy"]),
    ("consensus", ["consensus", *ASSESSORS]),
    ("consensus", ["consensus", *ASSESSORS, "--override", "data-sharing=null: not settled"]),
]


def _schema(name: str) -> dict[str, Any]:
    return json.loads((bundled("schemas") / f"{name}.schema.json").read_text("utf-8"))


def test_every_contract_is_published_and_exercised() -> None:
    outputs = {f.value for f in SchemaFormat} - {f.value for f in INPUTS}
    assert outputs == set(CONTRACTS)
    assert {name for name, _ in CASES} == set(CONTRACTS)


@pytest.mark.parametrize(("name", "args"), CASES, ids=[" ".join(a) for _, a in CASES])
def test_command_json_follows_its_schema(runner: CliRunner, name: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    validator = Draft202012Validator(_schema(name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_a_key_outside_the_contract_fails() -> None:
    """The check has teeth: the score JSON with one unknown key, or one key missing, fails."""
    validator = Draft202012Validator(_schema("score"))
    good = {"rubric": {"id": "r", "version": "1"}, "places": []}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "cities": []}))
    assert list(validator.iter_errors({"rubric": good["rubric"]}))
    assert list(validator.iter_errors({**good, "rubric": {"id": "r", "version": 1}}))
