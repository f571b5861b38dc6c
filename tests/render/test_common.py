"""render.common.to_json: deterministic, indented, long runs of scalars on one line."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from policebench.render.common import ONE_LINE_OVER, to_json


def test_small_objects_are_indented_and_sorted() -> None:
    text = to_json({"b": 1, "a": [1, 2], "c": {"y": None, "x": "é"}})
    assert text == (
        "{\n"
        '  "a": [\n    1,\n    2\n  ],\n'
        '  "b": 1,\n'
        '  "c": {\n    "x": "é",\n    "y": null\n  }\n'
        "}\n"
    )


def test_long_runs_of_scalars_are_written_on_one_line() -> None:
    probabilities = {str(r): r / 1000 for r in range(1, ONE_LINE_OVER + 5)}
    values = list(range(ONE_LINE_OVER + 1))
    data = {"rank": {"min": 1, "probabilities": probabilities}, "values": values}
    text = to_json(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    line = next(line for line in lines if '"probabilities"' in line)
    assert line.strip().startswith('"probabilities": {"1": 0.001, "10": 0.01,')
    assert f'  "values": {json.dumps(values)}' in lines
    # Objects of objects are still indented, one key per line.
    assert '  "rank": {' in lines


def test_text_in_the_data_never_passes_for_a_folded_value() -> None:
    sneaky = {"name": "\x00json0\x00", "values": list(range(ONE_LINE_OVER + 1))}
    assert json.loads(to_json(sneaky)) == sneaky


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False), st.text()
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


def _folded(value: object) -> bool:
    """Whether to_json writes some part of ``value`` on one line (a list or object of more
    than ONE_LINE_OVER scalars)."""
    if isinstance(value, dict):
        items = list(value.values())
    elif isinstance(value, list):
        items = value
    else:
        return False
    flat = not any(isinstance(item, dict | list) for item in items)
    return (flat and len(items) > ONE_LINE_OVER) or any(_folded(item) for item in items)


@given(JSON_VALUES)
def test_to_json_is_what_the_standard_indenting_encoder_writes(value: object) -> None:
    """Apart from the one-line runs, the fast writer's text is json.dumps(indent=2)'s, byte
    for byte: the C encoder it calls for lists and objects of scalars changes no character."""
    if _folded(value):
        return
    assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_keys_that_are_not_text_are_written_as_json_writes_them() -> None:
    numbers = {"x": {10: "b", 9: "a", 2.5: [1], -1: None}}
    expected = json.dumps(numbers, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert to_json(numbers) == expected
    assert '"9": "a",\n    "10": "b"' in to_json(numbers)  # sorted as numbers, as json does
    assert to_json({True: 1, False: 0}) == '{\n  "false": 0,\n  "true": 1\n}\n'
