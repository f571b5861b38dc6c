"""`policebench schema`: the JSON Schema of the rubric or profile format, for editors.

The schemas in the repository's ``schemas/`` folder are this command's output (a test keeps
them equal); the bundled YAML files point at them with a ``# yaml-language-server: $schema=``
first line, so editors with the YAML extension complete keys and flag mistakes as one types.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from policebench.cli.app import app
from policebench.cli.common import OutputOpt, check_output_name, emit, handle_errors, lang_of

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
    """The JSON Schema of the rubric or profile format, generated from the models."""
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
    return {**schema, "$schema": DRAFT, "title": title, "description": description}


def schema_text(which: SchemaFormat) -> str:
    """The schema as deterministic JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(json_schema(which), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@app.command()
@handle_errors
def schema(
    which: Annotated[
        SchemaFormat, typer.Argument(help="Which format: rubric, profile or weights.")
    ],
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of the rubric, profile or weights format (for editor completion).

    Editors with a YAML language server (VS Code's YAML extension, for instance) read a first
    line such as `# yaml-language-server: $schema=../schemas/profile.schema.json` and then
    complete keys, show each key's description and flag unknown keys as you type. The
    repository ships these schemas in schemas/; this command prints the same text.

    Examples:

      policebench schema profile

      policebench schema rubric --output schemas/rubric.schema.json
    """
    check_output_name(output, "json", lang_of(None))  # no --lang: the locale's language
    emit(schema_text(which), output)
