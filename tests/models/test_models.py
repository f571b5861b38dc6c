"""The planner-facing models: strict, frozen, and the few helpers they carry."""

from __future__ import annotations

import math
from typing import Any

import pytest
from pydantic import ValidationError

from policebench.models import Assessment, Indicator, Profile, Rubric, Scale, Source
from policebench.models.base import localized


def indicator(**extra: Any) -> dict[str, Any]:
    return {"id": "a", "name": "A", "levels": {0: "x", 1: "y", 2: "z"}} | extra


def rubric(**extra: Any) -> dict[str, Any]:
    return {
        "id": "r",
        "version": "1",
        "name": "R",
        "scale": {"min": 0, "max": 2, "levels": {0: "None", 1: "Some", 2: "Full"}},
        "default_target": 2,
        "stages": [{"min": 0, "name": "Low"}, {"min": 50, "name": "High", "name_zh": "高"}],
        "dimensions": [
            {"id": "d1", "name": "D1", "indicators": [indicator()]},
            {"id": "d2", "name": "D2", "indicators": [indicator(id="b"), indicator(id="c")]},
        ],
    } | extra


def error_types(model: Any, data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [e["type"] for e in info.value.errors()]


def test_unknown_keys_are_refused_everywhere() -> None:
    assert error_types(Rubric, rubric(extra=1)) == ["extra_forbidden"]
    assert error_types(Indicator, indicator(qestion="?")) == ["extra_forbidden"]
    assert error_types(Source, {"title": "t", "reliability": "primary", "link": "x"}) == [
        "extra_forbidden"
    ]


def test_models_are_frozen() -> None:
    model = Rubric.model_validate(rubric())
    with pytest.raises(ValidationError):
        model.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize("level", [True, 2.5, 2.0, "2"])
def test_levels_are_strict_whole_numbers(level: Any) -> None:
    # A bool is not a level, nor is 2.0 or "2": what the planner wrote is what is checked.
    assert error_types(Assessment, {"level": level}) == ["int_type"]


def test_null_level_is_unknown() -> None:
    assert Assessment.model_validate({"level": None}).level is None
    assert Assessment.model_validate({}).level is None


@pytest.mark.parametrize("weight", [0, -1, math.inf, math.nan, "2", True])
def test_weights_are_positive_finite_numbers(weight: Any) -> None:
    assert error_types(Indicator, indicator(weight=weight))


def test_weight_accepts_whole_numbers() -> None:
    assert Indicator.model_validate(indicator(weight=2)).weight == 2.0


def test_ids_are_lowercase_words() -> None:
    assert error_types(
        Profile, {"id": "J City", "name": "J", "rubric": "r", "assessed": "2024-01-01"}
    ) == ["string_pattern_mismatch"]


def test_text_is_stripped_and_not_empty() -> None:
    assert Indicator.model_validate(indicator(name="  A  ")).name == "A"
    assert error_types(Indicator, indicator(name="   ")) == ["string_too_short"]


def test_scale_helpers() -> None:
    scale = Scale.model_validate(
        {"min": 1, "max": 3, "levels": {1: "a", 2: "b", 3: "c"}, "levels_zh": {2: "乙"}}
    )
    assert list(scale.span) == [1, 2, 3]
    assert scale.name_of(2) == "b"
    assert scale.name_of(2, "zh") == "乙"
    assert scale.name_of(3, "zh") == "c"  # no translation: English
    assert scale.name_of(9) == "9"


def test_level_for_value() -> None:
    ind = Indicator.model_validate(
        indicator(kind="metric", unit="u", thresholds={2: 1.0, 1: 0.5})  # order does not matter
    )
    assert ind.level_for_value(0.4) is None
    assert ind.level_for_value(0.5) == 1
    assert ind.level_for_value(0.99) == 1
    assert ind.level_for_value(1.0) == 2
    assert Indicator.model_validate(indicator()).level_for_value(5) is None


def test_rubric_lookups_in_order() -> None:
    model = Rubric.model_validate(rubric())
    assert list(model.indicators) == ["a", "b", "c"]
    assert model.dimension_of == {"a": "d1", "b": "d2", "c": "d2"}


def test_stage_for() -> None:
    model = Rubric.model_validate(rubric())
    assert model.stage_for(None) is None
    assert model.stage_for(49.9).name == "Low"  # type: ignore[union-attr]
    assert model.stage_for(50).name == "High"  # type: ignore[union-attr]
    below = Rubric.model_validate(rubric(stages=[{"min": 10, "name": "Ten"}]))
    assert below.stage_for(5) is None


def test_localized_falls_back_to_english() -> None:
    model = Rubric.model_validate(rubric())
    assert localized(model.stages[1], "name", "zh") == "高"
    assert localized(model.stages[0], "name", "zh") == "Low"
    assert localized(model.stages[1], "name", "en") == "High"


def test_profile_defaults() -> None:
    profile = Profile.model_validate(
        {"id": "p", "name": "P", "rubric": "r", "assessed": "2024-01-01"}
    )
    assert profile.kind == "city"
    assert profile.indicators == {}
    assert profile.targets == {}
    assert Assessment.model_validate({}).sources == []


ZH_TEXTS = [
    (Profile, {"id": "x", "name": "X", "rubric": "r", "assessed": "2026-01-01"}, "assessor"),
    (Profile, {"id": "x", "name": "X", "rubric": "r", "assessed": "2026-01-01"}, "notes"),
    (Assessment, {"level": None}, "note"),
]


@pytest.mark.parametrize(("model", "base", "field"), ZH_TEXTS)
def test_free_text_zh_sibling_round_trips_and_is_localized(
    model: Any, base: dict[str, Any], field: str
) -> None:
    both = model.model_validate(base | {field: "English text", f"{field}_zh": "中文说明"})
    assert model.model_validate(both.model_dump()) == both
    assert getattr(both, f"{field}_zh") == "中文说明"
    assert localized(both, field, "zh") == "中文说明"
    assert localized(both, field, "en") == "English text"
    # No Chinese text: Chinese readers get the English one, never an empty string.
    english = model.model_validate(base | {field: "English text"})
    assert getattr(english, f"{field}_zh") is None
    assert localized(english, field, "zh") == "English text"
    # Declared like the English sibling: text or null, nothing else.
    assert error_types(model, base | {f"{field}_zh": 3}) == ["string_type"]


def test_a_source_titled_in_chinese_only_is_titled_so() -> None:
    """A Chinese planner writes the Chinese title only (title_zh, or the workbook's 中文标题
    column): that is the document's title; without either title the source is refused."""
    source = Source.model_validate({"title_zh": "某市公安局工作报告", "reliability": "primary"})
    assert (source.title, source.title_zh) == ("某市公安局工作报告", "某市公安局工作报告")
    english = Source.model_validate({"title": "Annual report", "reliability": "primary"})
    assert (english.title, english.title_zh) == ("Annual report", None)
    with pytest.raises(ValidationError, match="title"):
        Source.model_validate({"reliability": "primary"})
