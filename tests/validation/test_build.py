"""validate: model errors at their YAML place, and the checks that need the whole picture.

Every test builds its own small rubric from a dict, so the expected problems can be read off
the test itself.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policebench.models import Profile, Rubric, Uncertainty
from policebench.problems import Problem
from policebench.readers.yaml import Document, parse
from policebench.validation.build import (
    build,
    check_profile,
    check_rubric,
    evidence_warnings,
    unknown_indicators,
)
from policebench.validation.rubric_checks import check_uncertainty
from policebench.validation.uncertainty import uncertainty_issues


def small_rubric() -> dict[str, Any]:
    """Two dimensions, three indicators (one a metric), scale 0..2."""
    return {
        "id": "small",
        "version": "1",
        "name": "Small",
        "scale": {"min": 0, "max": 2, "levels": {0: "None", 1: "Some", 2: "Full"}},
        "default_target": 2,
        "stages": [{"min": 0, "name": "Low"}, {"min": 50, "name": "High"}],
        "dimensions": [
            {
                "id": "plan",
                "name": "Plan",
                "weight": 2,
                "indicators": [
                    {
                        "id": "design",
                        "name": "Design",
                        "weight": 1,
                        "levels": {0: "no", 1: "some", 2: "full"},
                        "actions": {
                            1: [{"do": "Draft", "effort": "low"}],
                            2: [{"do": "Approve", "effort": "medium", "needs": {"staff": 1}}],
                        },
                    },
                    {"id": "sharing", "name": "Sharing", "levels": {0: "a", 1: "b", 2: "c"}},
                ],
            },
            {
                "id": "people",
                "name": "People",
                "indicators": [
                    {
                        "id": "staff",
                        "name": "Staff",
                        "kind": "metric",
                        "unit": "per 100 officers",
                        "thresholds": {1: 1.0, 2: 3.0},
                        "levels": {0: "few", 1: "some", 2: "many"},
                    }
                ],
            },
        ],
    }


def small_profile() -> dict[str, Any]:
    return {
        "id": "town",
        "name": "Town",
        "rubric": "small",
        "assessed": "2024-01-01",
        "indicators": {
            "design": {
                "level": 1,
                "confidence": "low",
                "evidence": "A draft exists.",
                "sources": [{"title": "Draft plan", "reliability": "primary"}],
            }
        },
    }


def doc_of(data: dict[str, Any]) -> Document:
    """A Document with real positions: the dict dumped as block YAML and parsed back."""
    return parse(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "t.yaml")


def rubric_of(data: dict[str, Any]) -> tuple[Rubric, Document]:
    doc = doc_of(data)
    rubric, problems = build(Rubric, doc)
    assert rubric is not None, problems
    return rubric, doc


def profile_of(data: dict[str, Any]) -> tuple[Profile, Document]:
    doc = doc_of(data)
    profile, problems = build(Profile, doc)
    assert profile is not None, problems
    return profile, doc


def messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


# --- build ----------------------------------------------------------------------------------


def test_build_valid() -> None:
    rubric, _ = rubric_of(small_rubric())
    assert list(rubric.indicators) == ["design", "sharing", "staff"]
    assert rubric.dimension_of["staff"] == "people"
    profile, _ = profile_of(small_profile())
    assert profile.indicators["design"].level == 1


def test_build_reports_every_error_at_its_place() -> None:
    doc = parse(
        "id: Town\n"  # 1: not an id
        "name: Town\n"
        "rubric: small\n"
        "assessed: soon\n"  # 4: not a date
        "indicators:\n"
        "  design:\n"
        "    level: 1.5\n"  # 7: not a whole number
        "    confidance: low\n",  # 8: misspelt key
        "t.yaml",
    )
    profile, problems = build(Profile, doc)
    assert profile is None
    got = sorted((p.line, p.column, p.code) for p in problems)
    assert got == [
        (1, 5, "id-form"),
        (4, 11, "not-a-date"),
        (7, 12, "not-whole-number"),
        (8, 5, "unknown-key"),
    ]
    typo = next(p for p in problems if p.code == "unknown-key")
    assert typo.message == "unknown key 'confidance'"
    assert typo.hint == "did you mean 'confidence'?"


@pytest.mark.parametrize(
    ("path", "bad", "phrase"),
    [
        (("scale", "max"), True, "'max' is the boolean true, expected a whole number"),
        (("scale", "max"), "four", "'max' is 'four', expected a whole number"),
        (("scale", "max"), 2.5, "'max' is 2.5, expected a whole number"),
        (("version",), 1.0, "'version' is 1.0, expected text"),
        (("dimensions", 0, "weight"), 0, "'weight' is 0, expected a number greater than 0"),
        (("dimensions", 0, "weight"), -2, "'weight' is -2, expected a number greater than 0"),
        (("dimensions", 0, "weight"), "heavy", "'weight' is 'heavy', expected a number"),
        (("dimensions", 0, "indicators"), [], "'indicators' is empty"),
        (("dimensions", 0, "indicators"), {"a": 1}, "'indicators' is a mapping, expected a list"),
        (("stages",), {"min": 0}, "'stages' is a mapping, expected a list"),
        (("scale",), None, "'scale' is nothing (null), expected a mapping"),
        (("stages", 1, "min"), 101, "'min' is 101, expected a number at most 100"),
    ],
)
def test_build_messages(path: tuple[Any, ...], bad: Any, phrase: str) -> None:
    data = small_rubric()
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = bad
    doc = doc_of(data)
    rubric, problems = build(Rubric, doc)
    assert rubric is None
    hit = next(p for p in problems if phrase in p.message)
    assert (hit.line, hit.column) == doc.position(path)


def test_build_unknown_key_hints_deep_in_lists_and_dicts() -> None:
    data = small_rubric()
    data["dimensions"][0]["indicators"][0]["qestion"] = "?"
    data["dimensions"][0]["indicators"][0]["actions"][1][0]["efort"] = "low"
    data["scale"]["lavels_zh"] = {}
    doc = doc_of(data)
    _, problems = build(Rubric, doc)
    hints = {p.message: p.hint for p in problems}
    assert hints["unknown key 'qestion'"] == "did you mean 'question'?"
    assert hints["unknown key 'efort'"] == "did you mean 'effort'?"
    assert hints["unknown key 'lavels_zh'"] == "did you mean 'levels_zh'?"
    typo = next(p for p in problems if "qestion" in p.message)
    # Pointed at the key itself, the place to correct the spelling.
    assert (typo.line, typo.column) == doc.keys[("dimensions", 0, "indicators", 0, "qestion")]


def test_build_unknown_key_without_close_spelling_lists_the_allowed_keys() -> None:
    data = small_profile()
    data["indicators"]["design"]["zzzz"] = 1
    _, problems = build(Profile, doc_of(data))
    assert problems[0].hint.startswith("allowed keys: level, value, confidence")


def test_build_missing_key_points_at_the_enclosing_mapping() -> None:
    data = small_rubric()
    del data["dimensions"][1]["indicators"][0]["name"]
    doc = doc_of(data)
    _, problems = build(Rubric, doc)
    (problem,) = problems
    assert problem.message == "missing required key 'name'"
    assert (problem.line, problem.column) == doc.values[("dimensions", 1, "indicators", 0)]


def test_build_bad_dict_key_points_at_the_key() -> None:
    data = small_profile()
    data["targets"] = {"Design": 2}
    doc = doc_of(data)
    _, problems = build(Profile, doc)
    (problem,) = problems
    assert "'Design'" in problem.message and "expected an id" in problem.message
    assert (problem.line, problem.column) == doc.keys[("targets", "Design")]


# --- full-width punctuation and ids typed as names ------------------------------------------

_HEAD = "id: town\nname: Town\nrubric: small\nassessed: 2024-01-01\nindicators:\n"


def test_text_where_a_mapping_belongs_names_each_fullwidth_colon() -> None:
    """`level： 2` and `confidence： low` read as one text for the indicator: two lines."""
    doc = parse(_HEAD + "  design:\n    level： 2\n    confidence： low\n", "t.yaml")
    _, problems = build(Profile, doc)
    assert [(p.line, p.column, p.code) for p in problems] == [
        (7, 10, "fullwidth-colon"),
        (8, 15, "fullwidth-colon"),
    ]
    assert "after 'level'" in problems[0].message
    assert problems[1].hint == "type the half-width ':' followed by a space: 'confidence: low'"


def test_an_unknown_key_with_a_fullwidth_colon_is_not_also_missing() -> None:
    text = _HEAD + "  design:\n    level: 1\n    sources: [{title：Plan, reliability: primary}]\n"
    _, problems = build(Profile, parse(text, "t.yaml"))
    assert [(p.line, p.column, p.code) for p in problems] == [(8, 21, "fullwidth-colon")]
    assert problems[0].hint.endswith("'title: Plan'")


def test_a_key_indented_with_fullwidth_spaces() -> None:
    text = _HEAD + "  design:\n    level: 1\n\u3000\u3000note: x\n"
    _, problems = build(Profile, parse(text, "t.yaml"))
    assert [(p.line, p.column, p.code) for p in problems] == [(8, 1, "fullwidth-space")]


def test_a_fullwidth_comma_in_a_flow_list() -> None:
    text = _HEAD + "  design:\n    level: 1\n    sources: [a， b]\n"
    _, problems = build(Profile, parse(text, "t.yaml"))
    assert [(p.line, p.column, p.code) for p in problems] == [(8, 16, "fullwidth-comma")]


def test_fullwidth_text_in_a_wrong_value_is_not_taken_for_structure() -> None:
    """`sources: 见：年报` is text where a list belongs, and its '：' is Chinese text."""
    text = _HEAD + "  design:\n    level: 1\n    sources: 见：年报\n"
    _, problems = build(Profile, parse(text, "t.yaml"))
    assert [(p.line, p.code) for p in problems] == [(8, "not-a-list")]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("My City", "write 'my-city'"),
        ("J City", "write 'j-city'"),
        ("Town_1", "write 'town_1'"),
        ("我的城市", "the pinyin of its name"),
    ],
)
def test_an_id_with_spaces_or_capitals_gets_the_id_made_from_it(typed: str, hint: str) -> None:
    doc = parse(_HEAD.replace("id: town", f"id: {typed}") + "  design: {level: 1}\n", "t.yaml")
    _, problems = build(Profile, doc)
    (problem,) = problems
    assert (problem.line, problem.column, problem.code) == (1, 5, "id-form")
    assert hint in problem.hint
    assert "top-level-design" not in problem.hint  # never another field's example


def test_an_indicator_key_typed_as_a_name(rubric: Rubric) -> None:
    doc = parse(
        _HEAD.replace("rubric: small", "rubric: smart-policing") + "  Data Sharing: {level: 1}\n",
        "t.yaml",
    )
    _, problems = build(Profile, doc)
    (problem,) = problems
    assert problem.message.startswith("key 'Data Sharing': expected an id")
    assert problem.hint == "write 'data-sharing'"
    # The rubric has 'data-sharing': the id-form problem says it all, once.
    assert unknown_indicators(doc, rubric) == []


# --- check_rubric ---------------------------------------------------------------------------


def test_check_rubric_clean() -> None:
    rubric, doc = rubric_of(small_rubric())
    assert check_rubric(rubric, doc) == []


def test_check_rubric_scale() -> None:
    data = small_rubric()
    data["scale"] = {"min": 0, "max": 3, "levels": {0: "a", 1: "b", 3: "d", 7: "x"}}
    data["default_target"] = 5
    rubric, doc = rubric_of(data)
    got = messages(check_rubric(rubric, doc))
    assert "level 2 has no name" in got
    assert "level 7 is outside the scale 0..3" in got
    assert "default_target 5 is outside the scale 0..3" in got
    # The scale grew to 0..3 and the indicators only describe 0..2.
    assert "indicator 'design' has no descriptor for level 3" in got


def test_check_rubric_scale_max_not_above_min() -> None:
    data = small_rubric()
    data["scale"]["min"] = 2
    rubric, doc = rubric_of(data)
    problems = check_rubric(rubric, doc)
    assert problems[0].message == "scale max (2) must be greater than scale min (2)"
    assert (problems[0].line, problems[0].column) == doc.values[("scale", "max")]


def test_check_rubric_descriptors_and_actions() -> None:
    data = small_rubric()
    design = data["dimensions"][0]["indicators"][0]
    design["levels"] = {0: "no", 2: "full", 3: "beyond"}
    design["levels_zh"] = {5: "超出"}
    design["actions"][0] = [{"do": "Nothing", "effort": "low"}]
    rubric, doc = rubric_of(data)
    problems = check_rubric(rubric, doc)
    got = messages(problems)
    assert "indicator 'design' has no descriptor for level 1" in got
    assert got.count("level 3 is outside the scale 0..2") == 1
    assert "level 5 is outside the scale 0..2" in got
    assert any(m.startswith("actions for level 0") for m in got)
    beyond = next(p for p in problems if p.message.startswith("level 3"))
    assert (beyond.line, beyond.column) == doc.keys[("dimensions", 0, "indicators", 0, "levels", 3)]


def test_check_rubric_stages_in_order() -> None:
    data = small_rubric()
    data["stages"] = [{"min": 0, "name": "A"}, {"min": 50, "name": "B"}, {"min": 50, "name": "C"}]
    rubric, doc = rubric_of(data)
    (problem,) = check_rubric(rubric, doc)
    assert "ascending" in problem.message
    assert (problem.line, problem.column) == doc.values[("stages", 2, "min")]


def test_check_rubric_duplicate_ids() -> None:
    data = small_rubric()
    data["dimensions"][1]["id"] = "plan"
    data["dimensions"][1]["indicators"][0]["id"] = "design"
    rubric, doc = rubric_of(data)
    problems = check_rubric(rubric, doc)
    got = {p.message: (p.line, p.column) for p in problems}
    assert got["duplicate dimension id 'plan'"] == doc.values[("dimensions", 1, "id")]
    dup = "duplicate indicator id 'design' (indicator ids are unique across the rubric)"
    assert got[dup] == doc.values[("dimensions", 1, "indicators", 0, "id")]


def test_check_rubric_metric_thresholds() -> None:
    data = small_rubric()
    staff = data["dimensions"][1]["indicators"][0]
    staff["thresholds"] = {1: 3.0, 2: 3.0}
    del staff["unit"]
    rubric, doc = rubric_of(data)
    got = messages(check_rubric(rubric, doc))
    assert "thresholds must rise with the level" in got
    assert "metric indicator 'staff' needs a 'unit'" in got

    staff["thresholds"] = {2: 3.0}
    staff["unit"] = "per 100"
    rubric, doc = rubric_of(data)
    got = messages(check_rubric(rubric, doc))
    assert "thresholds must give a value for each level 1..2, got [2]" in got

    del staff["thresholds"]
    rubric, doc = rubric_of(data)
    assert any("needs 'thresholds'" in m for m in messages(check_rubric(rubric, doc)))


def test_check_rubric_thresholds_on_a_level_indicator() -> None:
    data = small_rubric()
    data["dimensions"][0]["indicators"][1]["unit"] = "km"
    rubric, doc = rubric_of(data)
    (problem,) = check_rubric(rubric, doc)
    assert problem.message == "thresholds and unit belong to metric indicators"
    assert problem.hint == "add 'kind: metric' or remove them"


def test_check_rubric_needs_unknown_and_out_of_scale() -> None:
    data = small_rubric()
    actions = data["dimensions"][0]["indicators"][0]["actions"]
    actions[2][0]["needs"] = {"staf": 1, "sharing": 3}
    rubric, doc = rubric_of(data)
    problems = check_rubric(rubric, doc)
    unknown = next(p for p in problems if "unknown indicator" in p.message)
    assert unknown.message == "needs an unknown indicator 'staf'"
    assert unknown.hint == "did you mean 'staff'?"
    path = ("dimensions", 0, "indicators", 0, "actions", 2, 0, "needs", "staf")
    assert (unknown.line, unknown.column) == doc.keys[path]
    assert "needs 'sharing' at level 3, outside the scale" in messages(problems)
    assert len(problems) == 2


def test_check_rubric_needs_cycle_names_the_indicators() -> None:
    data = small_rubric()
    # design 2 needs staff 1 (already there); staff 1 needs sharing 2; sharing 2 needs design 2.
    data["dimensions"][1]["indicators"][0]["actions"] = {
        1: [{"do": "Hire", "effort": "high", "needs": {"sharing": 2}}]
    }
    data["dimensions"][0]["indicators"][1]["actions"] = {
        2: [{"do": "Share", "effort": "low", "needs": {"design": 2}}]
    }
    rubric, doc = rubric_of(data)
    (problem,) = check_rubric(rubric, doc)
    assert problem.code == "needs-cycle"
    assert "design 2" in problem.message
    assert "staff 1" in problem.message
    assert "sharing 2" in problem.message


def test_check_rubric_cycle_through_the_level_below() -> None:
    """A loop closed by the implicit step "level N needs level N-1 of the same indicator".

    design 1 needs sharing 2; sharing 2 needs sharing 1 (implicitly); sharing 1 needs
    design 1. No two explicit needs point at each other, yet no roadmap can order them.
    """
    data = small_rubric()
    design = data["dimensions"][0]["indicators"][0]
    design["actions"] = {1: [{"do": "Draft", "effort": "low", "needs": {"sharing": 2}}]}
    data["dimensions"][0]["indicators"][1]["actions"] = {
        1: [{"do": "Share", "effort": "low", "needs": {"design": 1}}]
    }
    rubric, doc = rubric_of(data)
    (problem,) = check_rubric(rubric, doc)
    assert problem.code == "needs-cycle"
    assert "sharing 2 -> sharing 1" in problem.message

    # Break the loop (sharing 1 needs nothing): design 1 after sharing 2 is a fine order.
    data["dimensions"][0]["indicators"][1]["actions"] = {1: [{"do": "Share", "effort": "low"}]}
    rubric, doc = rubric_of(data)
    assert check_rubric(rubric, doc) == []


def test_check_rubric_the_bundled_rubric_is_clean(rubric: Rubric) -> None:
    # The session fixture loaded it through load_rubric, which raises on any problem.
    assert len(rubric.indicators) >= 15


# --- check_profile --------------------------------------------------------------------------


def check(profile_data: dict[str, Any], rubric_data: dict[str, Any] | None = None) -> list[Problem]:
    rubric, _ = rubric_of(rubric_data or small_rubric())
    profile, doc = profile_of(profile_data)
    return check_profile(profile, rubric, doc)


def test_check_profile_clean() -> None:
    assert check(small_profile()) == []


def test_check_profile_unknown_rubric_stops_there() -> None:
    data = small_profile()
    data["rubric"] = "smal"
    data["indicators"]["nonsense"] = {"level": 9}
    (problem,) = check(data)
    assert problem.message == "unknown rubric id 'smal'; the rubric in use is 'small'"
    assert problem.hint == "did you mean 'small'?"


def test_check_profile_unknown_indicator_hint_and_key_position() -> None:
    data = small_profile()
    data["indicators"]["sharng"] = {"level": 1, "confidence": "low"}
    rubric, _ = rubric_of(small_rubric())
    profile, doc = profile_of(data)
    (problem,) = check_profile(profile, rubric, doc)
    assert problem.code == "unknown-indicator"
    assert problem.hint == "did you mean 'sharing'?"
    assert (problem.line, problem.column) == doc.keys[("indicators", "sharng")]


@pytest.mark.parametrize("level", [-1, 3, 100])
def test_check_profile_level_out_of_range(level: int) -> None:
    data = small_profile()
    data["indicators"]["design"]["level"] = level
    (problem,) = check(data)
    assert problem.code == "level-range"
    assert problem.message == f"level {level} is outside the scale 0..2"


def test_check_profile_level_range_follows_the_rubric_scale() -> None:
    rubric_data = small_rubric()
    rubric_data["scale"] = {"min": 1, "max": 3, "levels": {1: "a", 2: "b", 3: "c"}}
    rubric_data["default_target"] = 2
    for dim in rubric_data["dimensions"]:
        for ind in dim["indicators"]:
            ind["levels"] = {1: "a", 2: "b", 3: "c"}
            ind.pop("actions", None)
    rubric_data["dimensions"][1]["indicators"][0]["thresholds"] = {2: 1.0, 3: 3.0}
    data = small_profile()
    data["indicators"]["design"]["level"] = 0
    assert messages(check(data, rubric_data)) == ["level 0 is outside the scale 1..3"]
    data["indicators"]["design"]["level"] = 3
    assert check(data, rubric_data) == []


def test_check_profile_level_without_confidence() -> None:
    data = small_profile()
    del data["indicators"]["design"]["confidence"]
    (problem,) = check(data)
    assert problem.message == "'design' has a level but no confidence"
    # An unknown level needs no confidence.
    data["indicators"]["design"] = {"level": None, "note": "not known"}
    assert check(data) == []


def test_check_profile_metric_value_and_level() -> None:
    data = small_profile()
    # thresholds {1: 1.0, 2: 3.0}: 2.0 reaches level 1.
    data["indicators"]["staff"] = {"value": 2.0, "level": 2, "confidence": "high"}
    (problem,) = check(data)
    assert problem.message == (
        "level 2 disagrees with value 2, which reaches level 1 under the rubric's thresholds"
    )
    data["indicators"]["staff"]["level"] = 1
    assert check(data) == []
    # Below the first threshold is the scale minimum.
    data["indicators"]["staff"] = {"value": 0.5, "level": 0, "confidence": "high"}
    assert check(data) == []
    # A value alone is fine (the level follows), but it needs a confidence too.
    data["indicators"]["staff"] = {"value": 0.5}
    assert messages(check(data)) == ["'staff' has a level but no confidence"]


def test_check_profile_value_on_a_level_indicator() -> None:
    data = small_profile()
    data["indicators"]["design"]["value"] = 3.0
    (problem,) = check(data)
    assert "'value' belongs to metric indicators" in problem.message


def test_check_profile_targets() -> None:
    data = small_profile()
    data["targets"] = {"design": 5, "desgn": 2, "sharing": 2}
    problems = check(data)
    assert messages(problems) == [
        "target 5 is outside the scale 0..2",
        "target for unknown indicator 'desgn'",
    ]
    assert problems[1].hint == "did you mean 'design'?"


# --- evidence_warnings ----------------------------------------------------------------------


def test_evidence_warnings() -> None:
    data = small_profile()
    data["indicators"]["sharing"] = {"level": 1, "confidence": "low"}
    data["indicators"]["staff"] = {"value": 2.0, "confidence": "low", "evidence": "a list"}
    data["indicators"]["unknown"] = {"level": None}
    profile, doc = profile_of(data)
    warnings = evidence_warnings(profile, doc)
    assert [(w.code, w.severity) for w in warnings] == [
        ("no-evidence", "warning"),
        ("no-source", "warning"),
    ]
    assert warnings[0].message.startswith("'sharing' has a level but no evidence")
    assert (warnings[0].line, warnings[0].column) == doc.keys[("indicators", "sharing")]
    assert warnings[1].message == "'staff' has evidence but no source"


def test_evidence_written_only_in_chinese_is_no_opinion() -> None:
    """'evidence_zh' alone is evidence: no "no evidence" warning; without a source, the
    warning that it has none."""
    data = small_profile()
    data["indicators"]["sharing"] = {"level": 1, "confidence": "low", "evidence_zh": "共享目录"}
    profile, doc = profile_of(data)
    assert [w.code for w in evidence_warnings(profile, doc)] == ["no-source"]


def test_evidence_warnings_survey_counts_as_a_source() -> None:
    data = small_profile()
    entry = copy.deepcopy(data["indicators"]["design"])
    del entry["sources"]
    entry["survey"] = {"answers": 12, "agreement": 0.75}
    data["indicators"]["design"] = entry
    profile, doc = profile_of(data)
    assert evidence_warnings(profile, doc) == []


def test_bundled_profiles_are_clean(rubric: Rubric, profiles: dict[str, Profile]) -> None:
    """Every bundled profile passes check_profile; every known level has evidence and source."""
    assert set(profiles) >= {"j-city", "hangzhou", "qingdao", "inner-mongolia"}
    for profile in profiles.values():
        doc = Document(profile.id, {})
        assert check_profile(profile, rubric, doc) == [], profile.id
        assert evidence_warnings(profile, doc) == [], profile.id


# --- arbitrary input ------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "id",
        "name",
        "rubric",
        "assessed",
        "indicators",
        "targets",
        "level",
        "confidence",
        "evidence",
        "sources",
        "title",
        "reliability",
        "value",
        "scale",
        "min",
        "max",
        "levels",
        "stages",
        "dimensions",
        "weight",
        "actions",
        "needs",
        "do",
        "effort",
        "kind",
        "x",
    ]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "a", "top-level-design", "2024-01-01", "low", "primary", "metric"]),
    st.dates(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(_KEYS | st.integers(-1, 5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=8), st.sampled_from([Profile, Rubric]))
def test_arbitrary_data_gives_a_model_or_positioned_problems(
    data: dict[str, Any], model: type[Profile] | type[Rubric]
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    doc = parse(text, "t.yaml")
    built, problems = build(model, doc)
    if built is None:
        assert problems
        lines = text.count("\n") + 1
        for problem in problems:
            assert 1 <= problem.line <= lines and problem.column >= 1
            assert problem.message
        return
    assert problems == []
    small, _ = rubric_of(small_rubric())
    if isinstance(built, Profile):
        for found in check_profile(built, small, doc) + evidence_warnings(built, doc):
            assert found.line >= 1
    else:
        for found in check_rubric(built, doc):
            assert found.line >= 1


def test_infinite_value_is_refused_with_its_position() -> None:
    from policebench.readers.yaml import parse

    doc = parse(
        "id: x\nname: X\nrubric: r\nassessed: 2024-01-01\nindicators:\n  m:\n    value: .inf\n",
        "p.yaml",
    )
    model, problems = build(Profile, doc)
    assert model is None
    assert [(p.line, p.column) for p in problems] == [(7, 12)]
    assert "expected a finite number" in problems[0].message


# --- the uncertainty: settings (rubric_checks.check_uncertainty) -----------------------------

BAD = """\
id: tiny
version: "1"
name: Tiny
scale: {min: 0, max: 4, levels: {0: a, 1: b, 2: c, 3: d, 4: e}}
default_target: 3
stages: [{min: 0, name: Low}]
dimensions:
  - id: d
    name: D
    indicators:
      - {id: a, name: A, levels: {0: a, 1: b, 2: c, 3: d, 4: e}}
uncertainty:
  aggregations: [arithmetic, arithmetic]
  impute_unknown: true
  impute_min: 3
  impute_max: 7
  low_shift: 0.2
  medium_shift: 0.5
"""


def test_settings_checks_point_at_the_yaml() -> None:
    doc = parse(BAD, "bad.yaml")
    model, problems = build(Rubric, doc)
    assert model is not None and problems == []
    found = {(p.line, p.message) for p in check_uncertainty(model, doc)}
    assert found == {
        (13, "aggregation 'arithmetic' is listed twice; each listed one is equally likely"),
        (16, "impute_max 7 is outside the scale 0..4"),
        (
            18,
            "medium_shift (0.5) is above low_shift (0.2): medium-confidence levels would "
            "move more often than low-confidence ones",
        ),
    }


def test_defaults_are_valid(rubric: Rubric) -> None:
    assert uncertainty_issues(rubric) == []
    assert Uncertainty().low_shift == pytest.approx(2 / 3)
    assert Uncertainty().medium_shift == pytest.approx(1 / 3)
