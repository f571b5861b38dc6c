"""render.common.to_json: deterministic, indented, marked runs of numbers on one line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from policebench.render.common import to_json
from policebench.report import OneLine


def test_small_objects_are_indented_and_sorted() -> None:
    text = to_json({"b": 1, "a": [1, 2], "c": {"y": None, "x": "é"}})
    assert text == (
        "{\n"
        '  "a": [\n    1,\n    2\n  ],\n'
        '  "b": 1,\n'
        '  "c": {\n    "x": "é",\n    "y": null\n  }\n'
        "}\n"
    )


def test_a_one_line_run_is_written_on_one_line_and_other_lists_are_not() -> None:
    counts = OneLine(range(40))
    values = list(range(40))
    data = {"rank": {"min": 1, "counts": counts}, "values": values}
    text = to_json(data)
    assert json.loads(text) == {"rank": {"min": 1, "counts": values}, "values": values}
    lines = text.splitlines()
    assert f'    "counts": [{",".join(map(str, values))}],' in lines
    # A list not marked is indented, one value per line, as json.dumps(indent=2) writes it.
    assert '  "values": [' in lines
    assert "    39" in lines


def test_text_in_the_data_never_passes_for_a_folded_value() -> None:
    sneaky = {"name": "\x00json0\x00\n]", "values": OneLine(range(20)), "text": OneLine(["a\n"])}
    assert json.loads(to_json(sneaky)) == {
        "name": "\x00json0\x00\n]",
        "values": list(range(20)),
        "text": ["a\n"],
    }


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=40), st.dictionaries(st.text(max_size=5), inner, max_size=40)
    ),
    max_leaves=200,
)


@given(JSON_VALUES)
def test_to_json_round_trips(value: object) -> None:
    text = to_json(value)
    assert json.loads(text) == value
    assert to_json(json.loads(text)) == text


def _small_exponent(value: object) -> bool:
    """Whether ``value`` holds a float Python writes with a negative exponent (``1e-05``),
    which orjson writes out (``0.00001``): the one way the two texts differ."""
    if isinstance(value, dict):
        return any(_small_exponent(item) for item in value.values())
    if isinstance(value, list):
        return any(_small_exponent(item) for item in value)
    return isinstance(value, float) and "e-" in repr(value)


@given(JSON_VALUES)
def test_to_json_is_what_the_standard_indenting_encoder_writes(value: object) -> None:
    """The text is json.dumps(indent=2, sort_keys=True)'s, byte for byte, but for floats that
    Python writes with a negative exponent (both are JSON and read back as the same number)."""
    if _small_exponent(value):
        return
    assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_a_float_with_a_small_exponent_reads_back_as_itself() -> None:
    assert json.loads(to_json({"x": 1e-05}))["x"] == 1e-05


def test_keys_that_are_not_text_are_written_as_text_and_sorted_as_text() -> None:
    numbers = {"x": {10: "b", 9: "a", 2.5: [1], -1: None}}
    assert json.loads(to_json(numbers)) == {"x": {"10": "b", "9": "a", "2.5": [1], "-1": None}}
    assert '"10": "b",\n    "2.5": [' in to_json(numbers)
    assert to_json({True: 1, False: 0}) == '{\n  "false": 0,\n  "true": 1\n}\n'


def test_an_integer_orjson_refuses_is_written_by_the_standard_library() -> None:
    big = {"n": 2**70, "m": [1]}
    assert to_json(big) == json.dumps(big, indent=2, sort_keys=True) + "\n"
