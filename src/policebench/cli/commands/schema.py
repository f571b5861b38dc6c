"""`policebench schema`: the JSON Schema of the input formats and of every command's JSON.

Two kinds: the formats a planner writes (``rubric``, ``profile``), made from the pydantic
models, which the bundled YAML files point at with a ``# yaml-language-server: $schema=``
first line so that editors complete keys and flag mistakes as one types; and the JSON each
command prints (``score``, ``report``, ``gaps``, ...), made from the typed contract in
:mod:`policebench.report.contract`, for whoever reads policebench's output with another
program. The ``schemas/`` folder holds this command's output (a test keeps them equal, and
checks every command's JSON against its schema).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policebench.cli.common import OutputOpt, check_output_name, emit, handle_errors, lang_of
from policebench.cli.root import app

if TYPE_CHECKING:
    from pydantic_core import core_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: A YAML key such as ``0:`` in ``levels: {0: Absent}`` reaches a JSON-Schema validator as the
#: string "0"; this pattern lets editors accept it and flag ``one:`` instead.
INT_KEY = r"^-?[0-9]+$"


class SchemaFormat(StrEnum):
    rubric = "rubric"
    profile = "profile"
    weights = "weights"
    score = "score"
    report = "report"
    gaps = "gaps"
    recommend = "recommend"
    compare = "compare"
    trend = "trend"
    sensitivity = "sensitivity"
    rubric_diff = "rubric-diff"
    weights_ahp = "weights-ahp"
    weights_entropy = "weights-entropy"
    consensus = "consensus"


#: The formats planners write; the other schemas describe the commands' JSON output.
INPUTS = (SchemaFormat.rubric, SchemaFormat.profile, SchemaFormat.weights)


_TITLES = {
    SchemaFormat.rubric: (
        "policebench rubric",
        "A smart-policing maturity rubric: dimensions of indicators, each rated on a scale of "
        "levels with descriptors and actions.",
    ),
    SchemaFormat.profile: (
        "policebench profile",
        "One place's assessment against a rubric: a level (or measured value) per indicator, "
        "with confidence, evidence and sources.",
    ),
    SchemaFormat.weights: (
        "policebench weights",
        "One expert's pairwise comparisons (AHP, Saaty's 1-9 scale) of a rubric's dimensions "
        "and of the indicators within each dimension: the upper triangle, reciprocals implied.",
    ),
}


def json_schema(which: SchemaFormat) -> dict[str, Any]:
    """The JSON Schema of ``which``: an input format (from the models) or a command's JSON
    output (from the report contract)."""
    if which not in INPUTS:
        return _output_schema(which)
    from pydantic import BaseModel
    from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

    from policebench.models import Profile, Rubric
    from policebench.models.weights import ExpertWeights

    class _Generator(GenerateJsonSchema):
        def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
            result = super().dict_schema(schema)
            keys = schema.get("keys_schema")
            if keys is not None and keys.get("type") == "int":
                result["propertyNames"] = {"pattern": INT_KEY}
            patterns = list(result.get("patternProperties", {}))
            if len(patterns) == 1:
                # Pydantic states an id key's pattern only in patternProperties, which lets
                # any other key through; stating it for every key makes editors flag typos.
                result["propertyNames"] = {
                    **result.get("propertyNames", {}),
                    "pattern": patterns[0],
                }
            return result

    models: dict[SchemaFormat, type[BaseModel]] = {
        SchemaFormat.rubric: Rubric,
        SchemaFormat.profile: Profile,
        SchemaFormat.weights: ExpertWeights,
    }
    model = models[which]
    schema = model.model_json_schema(schema_generator=_Generator)
    title, description = _TITLES[which]
    schema = {**schema, "$schema": DRAFT, "title": title, "description": description}
    _in_chinese_first(schema)
    return schema


def _in_chinese_first(node: Any) -> None:
    """Every description of an input schema with its Chinese before it
    (:mod:`policebench.models.schema_zh`): what an editor shows a planner on hover."""
    from policebench.models.schema_zh import bilingual

    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = bilingual(value)
            elif key != "properties" or not isinstance(value, dict):
                _in_chinese_first(value)
            else:  # a property named "description" is a key of the format, not a text
                for item in value.values():
                    _in_chinese_first(item)
    elif isinstance(node, list):
        for value in node:
            _in_chinese_first(value)


def _closed(node: Any) -> None:
    """Every object of an output schema lists all its keys: ``additionalProperties: false``
    wherever properties are named, so a key the contract does not know fails validation."""
    if isinstance(node, dict):
        if "properties" in node and node.get("type") == "object":
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


def _output_schema(which: SchemaFormat) -> dict[str, Any]:
    """The schema of a command's JSON, from its TypedDict in the report contract."""
    from pydantic import TypeAdapter

    from policebench.report.contract import CONTRACTS

    contract = CONTRACTS[which.value]
    schema = TypeAdapter(contract).json_schema()
    _closed(schema)
    command = which.value.replace("-", " ")
    return {
        **schema,
        "$schema": DRAFT,
        "title": f"policebench {command} --format json",
        "description": " ".join((contract.__doc__ or "").split()),
    }


def schema_text(which: SchemaFormat) -> str:
    """The schema as deterministic JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(json_schema(which), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@app.command()
@handle_errors
def schema(
    which: Annotated[
        SchemaFormat,
        typer.Argument(
            help="rubric, profile or weights (the formats you write), or a command whose JSON "
            "output to describe: score, report, gaps, recommend, compare, trend, sensitivity, "
            "rubric-diff, weights-ahp, weights-entropy, consensus."
        ),
    ],
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of a format you write, or of a command's JSON output.

    Editors with a YAML language server (VS Code's YAML extension, for instance) read a first
    line such as `# yaml-language-server: $schema=../schemas/profile.schema.json` and then
    complete keys, show each key's description and flag unknown keys as you type. The
    schemas of the commands' JSON (score, report, gaps, ...) say what a program reading
    `--format json` can rely on. The repository ships all of them in schemas/; this command
    prints the same text.

    Examples:

      policebench schema profile

      policebench schema report --output report.schema.json
    """
    check_output_name(output, "json", lang_of(None))  # no --lang: the locale's language
    emit(schema_text(which), output)
