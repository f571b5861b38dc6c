"""`policebench schema`: the shipped schemas, their descriptions, and the bundled files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.cli.commands.schema import SchemaFormat
from policebench.readers.yaml import load
from policebench.workspace import bundled

SCHEMAS = bundled("schemas")


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("which", [f.value for f in SchemaFormat])
def test_shipped_schema_equals_the_command_output(runner: CliRunner, which: str) -> None:
    shipped = (SCHEMAS / f"{which}.schema.json").read_bytes().decode("utf-8")
    assert _run(runner, which) == shipped, (
        f"schemas/{which}.schema.json is stale; regenerate it with "
        f"`policebench schema {which} --output schemas/{which}.schema.json`"
    )


@pytest.mark.parametrize("which", ["rubric", "profile"])
def test_schema_is_deterministic_and_titled(runner: CliRunner, which: str) -> None:
    text = _run(runner, which)
    assert text == _run(runner, which)
    assert text.endswith("}\n")
    schema = json.loads(text)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"policebench {which}"
    assert text == json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("which", ["rubric", "profile"])
def test_every_field_has_a_description(runner: CliRunner, which: str) -> None:
    schema = json.loads(_run(runner, which))
    objects = {which: schema, **schema["$defs"]}
    missing = [
        f"{name}.{key}"
        for name, obj in objects.items()
        for key, prop in obj.get("properties", {}).items()
        if not prop.get("description")
    ]
    missing += [name for name, obj in objects.items() if not obj.get("description")]
    assert missing == []


def _descriptions(node: Any) -> list[str]:
    """Every description text of a schema (not a property that happens to be named so)."""
    if isinstance(node, list):
        return [d for item in node for d in _descriptions(item)]
    if not isinstance(node, dict):
        return []
    found = []
    for key, value in node.items():
        if key == "description" and isinstance(value, str):
            found.append(value)
        elif key == "properties" and isinstance(value, dict):
            found += [d for item in value.values() for d in _descriptions(item)]
        else:
            found += _descriptions(value)
    return found


def test_the_input_schemas_read_chinese_first_then_english(runner: CliRunner) -> None:
    """What an editor shows a planner over a key is Chinese, then the English; the catalogue
    holds no translation of a description that is gone (it would have been of old English)."""
    import re

    from policebench.models.schema_zh import ZH

    used = set()
    for which in ("rubric", "profile", "weights"):
        for text in _descriptions(json.loads(_run(runner, which))):
            zh, sep, en = text.partition("\n\n")
            assert sep and re.search("[\u4e00-\u9fff]", zh), f"{which}: no Chinese for {text!r}"
            assert ZH[" ".join(en.split())] == zh
            used.add(" ".join(en.split()))
    assert set(ZH) - used == set(), "translations of descriptions no schema has"
    for which in ("score", "report"):  # the outputs are read by programs: English
        assert not any(
            re.search("[\u4e00-\u9fff]", d) for d in _descriptions(json.loads(_run(runner, which)))
        )


def test_integer_keyed_maps_accept_the_strings_editors_see(runner: CliRunner) -> None:
    schema = json.loads(_run(runner, "rubric"))
    levels = schema["$defs"]["Scale"]["properties"]["levels"]
    assert levels["type"] == "object"
    assert levels["propertyNames"] == {"pattern": "^-?[0-9]+$"}
    # The id-keyed map states its pattern for every key, so a misspelt key is flagged.
    needs = schema["$defs"]["Action"]["properties"]["needs"]
    assert needs["propertyNames"]["pattern"] == "^[a-z0-9][a-z0-9_-]*$"


def test_output_file(runner: CliRunner, in_tmp: Path) -> None:
    result = runner.invoke(app, ["schema", "profile", "--output", "p.json"])
    assert result.exit_code == 0
    assert (in_tmp / "p.json").read_text(encoding="utf-8") == _run(runner, "profile")


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["schema", "city"]).exit_code == 2


def _as_json(value: Any) -> Any:
    """What an editor's YAML language server hands the validator: keys as strings, dates text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _bundled_files() -> list[tuple[str, Path]]:
    files = [("rubric", p) for p in sorted(bundled("rubrics").glob("*.yaml"))]
    return files + [("profile", p) for p in sorted(bundled("cities").glob("*.yaml"))]


@pytest.mark.parametrize(("which", "path"), _bundled_files(), ids=lambda v: getattr(v, "name", v))
def test_bundled_files_point_at_the_shipped_schema(which: str, path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{which}.schema.json"
    assert (path.parent / f"../schemas/{which}.schema.json").resolve().is_file()


@pytest.mark.parametrize(("which", "path"), _bundled_files(), ids=lambda v: getattr(v, "name", v))
def test_bundled_files_validate_against_the_shipped_schema(which: str, path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / f"{which}.schema.json").read_text(encoding="utf-8"))
    doc, _ = load(path)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_as_json(doc.data)))
    assert [e.message for e in errors] == []


def test_schema_flags_what_an_editor_should_flag() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / "profile.schema.json").read_text(encoding="utf-8"))
    bad = {
        "id": "x",
        "name": "X",
        "rubric": "smart-policing",
        "assessed": "2026-01-01",
        "levle": 1,
        "indicators": {"top-level-design": {"level": "two"}, "Top": {}},
    }
    messages = sorted(e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert len(messages) == 3
    assert any("'levle' was unexpected" in m for m in messages)
    assert any("'two' is not valid under any of the given schemas" in m for m in messages)
    assert any("'Top' does not match" in m for m in messages)
