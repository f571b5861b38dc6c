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
