"""The YAML loader: positions, refusals, encodings, and arbitrary text never crashing it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.errors import InvalidInput
from policebench.problems import Problem
from policebench.readers.yaml import (
    MAX_DEPTH,
    MAX_NODES,
    Document,
    MendedInput,
    closest,
    decode,
    load,
    parse,
    read_text,
)


def problems_of(text: str) -> list[Problem]:
    """The problems ``parse`` raises for ``text`` (fails the test if it parses)."""
    with pytest.raises(InvalidInput) as info:
        parse(text, "f.yaml")
    return info.value.problems


def only(text: str) -> Problem:
    found = problems_of(text)
    assert len(found) == 1, found
    return found[0]


# --- positions ------------------------------------------------------------------------------


def test_positions_are_one_based_for_keys_and_values() -> None:
    doc = parse("id: x\nscale:\n  min: 0\n  levels: {0: a, 1: b}\n", "f.yaml")
    assert doc.data == {"id": "x", "scale": {"min": 0, "levels": {0: "a", 1: "b"}}}
    assert doc.keys[("id",)] == (1, 1)
    assert doc.values[("id",)] == (1, 5)
    assert doc.keys[("scale", "min")] == (3, 3)
    assert doc.values[("scale", "min")] == (3, 8)
    # `  levels: {0: a, 1: b}`: the key 1 is the 18th character, its value the 21st.
    assert doc.keys[("scale", "levels", 1)] == (4, 18)
    assert doc.values[("scale", "levels", 1)] == (4, 21)


def test_sequence_items_have_positions() -> None:
    doc = parse("stages:\n  - {min: 0, name: A}\n  - {min: 40, name: B}\n", "f.yaml")
    assert doc.values[("stages", 0)] == (2, 5)
    assert doc.values[("stages", 1, "min")] == (3, 11)


def test_libyaml_counts_columns_in_characters() -> None:
    """What libyaml itself reports for a line with Chinese text before the value."""
    node = yaml.compose("名字: 值\n", Loader=yaml.CSafeLoader)
    assert node is not None
    _, value = node.value[0]
    # Characters: 名 字 : space 值 -> the value is the 5th character (0-based 4); in UTF-8
    # bytes it would be the 9th. libyaml counts characters, so no conversion is needed.
    assert value.start_mark.column == 4


@pytest.mark.parametrize(
    ("line", "target"),
    [
        ("名字: 值", "值"),
        ("k: {名: [x, 中文, y]}", "y"),
        ("k: {名称: 杭州市公安局, id: j-city}", "j-city"),
        ("😀名: [a, 值]", "值"),
    ],
)
def test_columns_after_chinese_text_are_characters(line: str, target: str) -> None:
    doc = parse(line + "\n", "f.yaml")
    column = line.index(target) + 1  # what an editor shows: characters, 1-based
    assert column in {c for (ln, c) in doc.values.values() if ln == 1}


def test_positions_survive_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: x\r\nb: {c: \xe4\xb8\xad, d: y}\r\n")
    doc, raw = load(path, "p.yaml")
    assert raw.startswith(b"\xef\xbb\xbf")  # the raw bytes are kept for provenance hashes
    assert doc.data == {"a": "x", "b": {"c": "中", "d": "y"}}
    assert doc.keys[("a",)] == (1, 1)  # the BOM does not shift the first column
    assert doc.values[("b", "d")] == (2, 14)


def test_position_falls_back_to_the_nearest_parent() -> None:
    doc = parse("a:\n  b:\n    c: 1\n", "f.yaml")
    assert doc.position(("a", "b", "missing", "deeper")) == doc.values[("a", "b")] == (3, 5)
    assert doc.position(("nothing",)) == doc.values[()] == (1, 1)
    assert doc.position(("a", "b", "c")) == (3, 8)
    assert doc.position(("a", "b", "c"), key=True) == (3, 5)
    # A key position is only used where the key itself exists.
    assert doc.position(("a", "b", "zz"), key=True) == (2, 3)


def test_position_of_an_empty_document_path() -> None:
    assert Document("f.yaml", {}).position(("x", 1)) == (1, 1)


def test_problem_is_placed_at_its_path() -> None:
    doc = parse("a:\n  b: 1\n", "f.yaml")
    problem = doc.problem(("a", "b"), "bad", "fix it", key=True, code="c", severity="warning")
    assert (problem.file, problem.line, problem.column) == ("f.yaml", 2, 3)
    assert str(problem) == "f.yaml:2:3: warning: bad (hint: fix it)"


# --- refusals -------------------------------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    problem = only("id: a\nname: A\nid: b\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'id'" in problem.message
    assert "first defined on line 1" in problem.message
    assert problem.code == "duplicate-key"


def test_duplicate_keys_in_flow_and_nested_mappings_are_all_reported() -> None:
    found = problems_of("a: 1\na: 2\nb: {c: 1, c: 2}\n")
    assert [(p.line, p.column, p.code) for p in found] == [
        (2, 1, "duplicate-key"),
        (3, 11, "duplicate-key"),
    ]


def test_integer_and_text_keys_are_different_keys() -> None:
    # `1:` and `"1":` are different keys for YAML; neither is silently dropped.
    assert parse('levels: {1: a, "1": b}\n', "f.yaml").data == {"levels": {1: "a", "1": "b"}}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !!omap [{x: 1}]\n",
        "a: !custom value\n",
        "a: !!python/name:os.system ''\n",
    ],
)
def test_tags_are_refused(text: str) -> None:
    problem = only(text)
    assert problem.code == "tag"
    assert "not allowed" in problem.message
    assert (problem.line, problem.column) == (1, 4)


def test_core_schema_tags_are_accepted() -> None:
    doc = parse("a: !!str 1\nb: !!int '2'\nc: !!float 1\n", "f.yaml")
    assert doc.data == {"a": "1", "b": 2, "c": 1.0}


def test_merge_keys_and_complex_keys_are_refused() -> None:
    assert only("<<: {a: 1}\nb: 2\n").code == "merge"
    assert "plain name" in only("[a, b]: 1\n").message


def test_keys_that_yaml_would_convert_keep_what_was_typed() -> None:
    assert parse("yes: 1\n1.5: 2\n~: 3\n", "f.yaml").data == {"yes": 1, "1.5": 2, "~": 3}


def test_dates_become_dates() -> None:
    assert parse("assessed: 2024-06-01\n", "f.yaml").data == {"assessed": dt.date(2024, 6, 1)}


def test_an_impossible_date_is_a_problem_at_its_place() -> None:
    problem = only("id: x\nassessed: 2024-13-45\n")
    assert (problem.line, problem.column) == (2, 11)
    assert "2024-13-45" in problem.message


def test_alias_bomb_is_refused() -> None:
    # The classic "billion laughs": 10 ** 9 strings if expanded.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        refs = ", ".join([f"*a{n - 1}"] * 10)
        lines.append(f"a{n}: &a{n} [{refs}]")
    problem = only("\n".join(lines) + "\n")
    assert problem.code == "alias-bomb"
    assert f"{MAX_NODES:,}" in problem.message


def test_a_few_aliases_are_fine() -> None:
    doc = parse("base: &b {effort: low}\nx: *b\ny: *b\n", "f.yaml")
    assert doc.data["x"] == doc.data["y"] == {"effort": "low"}


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: *x}\n"])
def test_recursive_alias_is_refused(text: str) -> None:
    problem = only(text)
    assert problem.code == "depth"
    assert str(MAX_DEPTH) in problem.message


@pytest.mark.parametrize("depth", [65, 999, 1001, 3000])
def test_deep_nesting_is_refused_without_recursion_error(depth: int) -> None:
    """Past our limit, and past libyaml's own (about 1,000 in PyYAML >= 6.0.4): one problem,
    ours, on the first line, whichever limit is met first."""
    problem = only("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.code == "depth"
    assert problem.line == 1
    assert str(MAX_DEPTH) in problem.message


def test_libyaml_internals_the_loader_relies_on() -> None:
    """What yamlio._libyaml names: the C parser's methods and marks, and its depth error."""
    import yaml
    from yaml.resolver import Resolver

    from policebench.readers.yaml._libyaml import CParser, is_depth_error

    class Composer(CParser, Resolver):  # as the loader composes: libyaml with a resolver
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Resolver.__init__(self)

    assert yaml.__with_libyaml__
    parser = Composer("a: [1, {b: 2}]\n")
    try:
        node = parser.get_single_node()
    finally:
        parser.dispose()
    assert (node.start_mark.line, node.start_mark.column) == (0, 0)
    value = node.value[0][1]
    assert (value.start_mark.line, value.start_mark.column) == (0, 3)
    events = CParser("- x\n")
    try:
        kinds = [type(events.get_event()).__name__ for _ in range(6)]
    finally:
        events.dispose()
    assert kinds[:3] == ["StreamStartEvent", "DocumentStartEvent", "SequenceStartEvent"]
    deep = Composer("[" * 5000)
    try:
        deep.get_single_node()
    except yaml.YAMLError as exc:
        # Either libyaml's own limit (recognised) or another syntax error (not mistaken for it).
        assert is_depth_error(exc) == ("nesting" in str(exc))
    finally:
        deep.dispose()
    assert not is_depth_error(yaml.YAMLError("found unexpected end of stream"))


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    problem = only(text)
    assert problem.code == "empty"
    assert "empty" in problem.message


@pytest.mark.parametrize(
    ("text", "kind", "where"),
    [
        ("- a\n- b\n", "a list", (1, 1)),
        ("# a comment\n42\n", "a single value", (2, 1)),
        ("just text\n", "a single value", (1, 1)),
    ],
)
def test_document_that_is_not_a_mapping(text: str, kind: str, where: tuple[int, int]) -> None:
    problem = only(text)
    assert problem.code == "not-mapping"
    assert f"the document is {kind}" in problem.message
    assert (problem.line, problem.column) == where


def test_several_documents_are_refused() -> None:
    problem = only("a: 1\n---\nb: 2\n")
    assert problem.line == 2
    assert "remove the extra '---'" in problem.hint


def test_tab_indentation_gets_yamls_position_and_the_spaces_that_mend_it() -> None:
    problem = only("a:\n\tb: 1\n")
    assert (problem.line, problem.column) == (2, 1)
    assert problem.code == "syntax"
    assert problem.message == "the line is indented with a tab; YAML indents with spaces only"
    assert problem.hint.startswith("replace the indentation with 2 spaces")


def test_a_tab_that_only_needs_removing_says_so() -> None:
    problem = problems_of("a: 1\n\tb: 2\n")[0]
    assert (problem.line, problem.column) == (2, 1)
    assert problem.hint.startswith("remove the tab at the start of the line")


def test_a_tab_no_indentation_mends_keeps_yamls_own_words() -> None:
    problem = only("a: [1,\n\t\t- 2\n")
    assert problem.code == "syntax"
    assert problem.hint == "YAML indents with spaces; replace the tab characters with spaces"


def test_unquoted_colon_gets_a_hint() -> None:
    problem = only("evidence: plan: approved\n")
    assert (problem.line, problem.column) == (1, 15)
    assert "quoted" in problem.hint


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    problem = only('id: x\nname: "J City\nrubric: smart-policing\n')
    assert "quote is not closed" in problem.hint
    assert (problem.line, problem.column) == (2, 7)


def test_control_character_is_one_line_at_its_place() -> None:
    problem = only("id: x\nname: a\x01b\n")
    assert "\n" not in problem.message
    assert "<unicode string>" not in problem.message
    assert (problem.line, problem.column) == (2, 8)


# --- full-width punctuation (a Chinese input method left on) --------------------------------

_INDICATOR = "indicators:\n  top-level-design:\n"  # lines 1-2; the entry's keys from line 3


@pytest.mark.parametrize(
    ("body", "where", "code", "phrase"),
    [
        # `level： 2` is text; libyaml fails at the ':' of the next line, which is not the mistake
        ("    level： 2\n    confidence: low\n", (3, 10), "fullwidth-colon", "after 'level'"),
        # the last line: libyaml fails at the end of the file
        ("    level: 2\n    confidence：high\n", (4, 15), "fullwidth-colon", "after 'confidence'"),
        ("    level: 2\n    confidence： high\n    evidence: x\n", (4, 15), "fullwidth-colon", ""),
        ("    level: 2\n  data-sharing：\n    level: 1\n", (4, 15), "fullwidth-colon", ""),
        ("    sources: [{title: a， reliability: primary}]\n", (3, 24), "fullwidth-comma", ""),
        (
            "    sources: [{title: a、 reliability: primary}]\n",
            (3, 24),
            "fullwidth-comma",
            "'、' (U+3001)",
        ),
        ("    sources:\n    － {title: a, reliability: primary}\n", (4, 5), "fullwidth-dash", ""),
        (
            "    sources:\n      － title: a\n        reliability: primary\n",
            (4, 7),
            "fullwidth-dash",
            "",
        ),
    ],
)
def test_fullwidth_punctuation_behind_a_syntax_error_is_named(
    body: str, where: tuple[int, int], code: str, phrase: str
) -> None:
    problem = only(_INDICATOR + body)
    assert (problem.line, problem.column) == where, problem
    assert problem.code == code
    assert phrase in problem.message


def test_fullwidth_colon_hint_names_the_character_and_the_fix() -> None:
    problem = only(_INDICATOR + "    level： 2\n    confidence: low\n")
    assert "'：' (U+FF1A)" in problem.message
    assert problem.hint == "type the half-width ':' followed by a space: 'level: 2'"


def test_the_fix_of_a_fullwidth_colon_has_half_width_digits_too() -> None:
    problem = only(_INDICATOR + "    level：２\n    confidence: low\n")
    assert problem.hint == "type the half-width ':' followed by a space: 'level: 2'"


def test_each_fullwidth_colon_is_reported_on_its_own_line() -> None:
    found = problems_of(_INDICATOR + "    level： 2\n    confidence： low\n    evidence: x\n")
    assert [(p.line, p.column, p.code) for p in found] == [
        (3, 10, "fullwidth-colon"),
        (4, 15, "fullwidth-colon"),
    ]


# --- reading on after a syntax error (readers/yaml/_mend.py) -------------------------------

_ENTRY = "  {id}:\n    level{colon} {level}\n    confidence: low\n"


def test_every_fullwidth_colon_in_a_file_is_reported_at_once() -> None:
    """libyaml stops at the first; each is mended in a copy and the copy read on."""
    body = "".join(
        _ENTRY.format(id=f"i{n}", colon="：" if n in (1, 5, 9) else ":", level=n % 5)
        for n in range(10)
    )
    found = problems_of("indicators:\n" + body)
    assert [(p.line, p.column, p.code) for p in found] == [
        (6, 10, "fullwidth-colon"),
        (18, 10, "fullwidth-colon"),
        (30, 10, "fullwidth-colon"),
    ]


def test_tabs_colons_and_duplicate_keys_after_them_are_all_reported() -> None:
    text = (
        "indicators:\n"
        "  a:\n    level： 2\n    confidence: low\n"  # 3
        "  b:\n\tlevel: 3\n    confidence: low\n"  # 6: a tab
        "  c:\n    level: 1\n    level: 2\n"  # 10: a duplicate, found once the copy reads
    )
    found = problems_of(text)
    assert [(p.line, p.column, p.code) for p in found] == [
        (3, 10, "fullwidth-colon"),
        (6, 1, "syntax"),
        (10, 5, "duplicate-key"),
    ]
    assert found[1].hint.startswith("replace the indentation with 4 spaces")
    assert found[2].message == "duplicate key 'level' (first defined on line 9)"


def test_reading_on_stops_at_a_mistake_it_cannot_mend() -> None:
    text = 'a： 1\nname: "J City\nb： 2\nrubric： x\n'
    found = problems_of(text)
    # both colons inside the quote left open are seen; after them, only the quote
    assert [(p.line, p.column, p.code) for p in found] == [
        (1, 2, "fullwidth-colon"),
        (3, 2, "fullwidth-colon"),
        (4, 7, "fullwidth-colon"),
        (2, 7, "syntax"),
    ]
    assert "quote is not closed" in found[-1].hint


def test_columns_after_a_mending_on_the_same_line_are_the_originals() -> None:
    """``：`` followed by a letter is mended into two characters; what the copy finds later
    on that line is placed where the planner's file has it."""
    found = problems_of("a：b\nc：{x: 1, x: 2}\n")
    duplicate = next(p for p in found if p.code == "duplicate-key")
    assert (duplicate.line, duplicate.column) == (2, 10)
    assert "c：{x: 1, x: 2}"[duplicate.column - 1] == "x"


def test_a_copy_mended_with_certainty_is_handed_on_placed_in_the_original() -> None:
    """After '：' mended, the copy's document comes with the problems: its data as meant and
    every position where the planner's file has it (columns after the mending included)."""
    text = "id: x\nlevel：2\nconfidence：mediun\n"
    with pytest.raises(MendedInput) as info:
        parse(text, "f.yaml")
    doc = info.value.mended
    assert doc.data == {"id": "x", "level": 2, "confidence": "mediun"}
    line, column = doc.values[("confidence",)]
    assert text.split("\n")[line - 1][column - 1 :] == "mediun"
    assert doc.keys[("level",)] == (2, 1) and doc.text == text


def test_a_fullwidth_dash_is_mended_with_its_space() -> None:
    """'－title: B' is a list item, as its hint says: mended to '- title: B', not '-title'
    (a key '-title' and, under it, a syntax error the fix would not give)."""
    text = "sources:\n  －title: B\n    url: https://a.example\n"
    with pytest.raises(MendedInput) as info:
        parse(text, "f.yaml")
    assert [p.code for p in info.value.problems] == ["fullwidth-dash"]
    assert info.value.mended.data == {"sources": [{"title": "B", "url": "https://a.example"}]}


@pytest.mark.parametrize(
    "text",
    [
        "a:\n\tb: 1\n",  # an indentation is a guess: its copy is not handed on
        "a：1\nb: 'open\n",  # a mistake that cannot be mended
        "a：1\na: 2\n",  # the copy reads with a problem (a duplicate key)
    ],
)
def test_no_copy_is_handed_on_after_a_guess_or_what_stays_wrong(text: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse(text, "f.yaml")
    assert not isinstance(info.value, MendedInput)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # an indicator's id after a value line: a child of 'indicators' (2), not a sibling of
        # 'level' (4), which would make the next 'level' a duplicate key
        ("indicators:\n  a:\n    level: 1\n\tb:\n    level: 2\n", [(4, "2 spaces")]),
        (
            "indicators:\n  a:\n    level: 1\n\u3000b:\n    level: 2\n  c:\n    level: 3\n",
            [(4, "fullwidth-space")],
        ),
        # a key after a block's text is a key, not more of the text
        ("a:\n  evidence: >-\n    some text\n\tevidence_zh: x\n", [(4, "2 spaces")]),
        # prose ending ':' opens nothing
        ("a:\n  note: >-\n    Not 3:\n\tno source\n", [(4, "4 spaces")]),
        # a block's text under `key: >-`, two lines of it
        ("a: >-\n\tx\n\ty\nb: 1\n", [(2, "2 spaces"), (3, "2 spaces")]),
        # `level: -<tab>`: once the tab is mended, the '-' is what is wrong there, said once
        ("indicators:\n  a:\n    level: -\t\n", [(3, "null-form")]),
        # two tabs far apart: the first still gets the guess that keeps `d:` above its `c: 2`
        ("a:\n  b:\n    c: 1\n\td:\n    c: 2\ne:\n\tf: 1\n", [(4, "2 spaces"), (7, "2 spaces")]),
        # a key of a list item goes in the item's content column
        (
            "x:\n  sources:\n    - title: A\n\t\treliability: primary\n  level: 1\n",
            [(4, "6 spaces")],
        ),
        # once the copy reads, a key indented with U+3000 (a key of its own) is found too
        (
            "i:\n  a:\n    level: 1\n\u3000b:\n    level: 2\n\tc:\n    level: 3\n",
            [(6, "syntax"), (4, "fullwidth-space")],
        ),
        # '：' in a block's text is Chinese prose, not a key typed with a full-width colon
        (
            "indicators:\n  a:\n    evidence_zh: >-\n      依据：文件\n    level: 1\n   x: y\n",
            [(6, "syntax")],
        ),
    ],
)
def test_a_guess_of_indentation_keeps_keys_keys_and_adds_no_problem(
    text: str, wanted: list[tuple[int, str]]
) -> None:
    found = problems_of(text)
    assert [p.line for p in found] == [line for line, _ in wanted], found
    for problem, (_, what) in zip(found, wanted, strict=True):
        assert what in problem.code or what in problem.hint, problem


def test_a_tab_on_any_line_of_a_real_profile_is_one_problem_with_its_spaces() -> None:
    """Every line of J City's profile indented with a tab instead of its spaces, one at a
    time: one problem, at that line, naming the spaces it had (no key folded into text, no
    duplicate key made by a wrong guess)."""
    from policebench.workspace import bundled

    lines = (bundled("cities") / "j-city.yaml").read_text(encoding="utf-8").split("\n")
    tried = 0
    for i, line in enumerate(lines):
        spaces = len(line) - len(line.lstrip(" "))
        if not spaces or not line.strip():
            continue
        tried += 1
        broken = "\n".join([*lines[:i], "\t" + line.lstrip(" "), *lines[i + 1 :]])
        found = problems_of(broken)
        assert [(p.line, p.code) for p in found] == [(i + 1, "syntax")], (i + 1, found)
        assert f"with {spaces} spaces" in found[0].hint, (i + 1, found[0])
    assert tried > 150


def test_a_line_of_thousands_of_items_gives_at_most_max_problems() -> None:
    """Each '：' of a [...] looked for its value's end to the end of the line (minutes for a
    250 KB line); the ends are found in one pass and the marks said are bounded."""
    from policebench.readers.yaml import _fullwidth

    text = "id: x\ntags: [" + "，".join(f"a{i}：1" for i in range(20_000)) + "]\n\tlevel: 1\n"
    marks = _fullwidth.marks(text.split("\n")[1])
    assert len(marks) == 2 * 20_000 - 1
    assert marks[0].fixed == "a0: 1"  # the value ends at the next "，"
    assert len(problems_of(text)) <= _fullwidth.MOST


def test_reading_on_gathers_at_most_max_problems() -> None:
    from policebench.readers.yaml import _mend

    text = "a: {" + "，".join(f"k{i}: {i}" for i in range(1000)) + "}\n"
    found = problems_of(text)
    assert len(found) == _mend.MAX_PROBLEMS
    assert {p.code for p in found} == {"fullwidth-comma"}


def test_reading_on_is_bounded_by_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    from policebench.readers.yaml import _mend

    body = "".join(_ENTRY.format(id=f"i{n}", colon="：", level=1) for n in range(5))
    text = "indicators:\n" + body
    assert len(problems_of(text)) == 5
    monkeypatch.setattr(_mend, "BUDGET", 2 * len(text))
    assert len(problems_of(text)) == 3  # the first, and one per reading allowed
    monkeypatch.setattr(_mend, "ROUNDS", 1)
    assert len(problems_of(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        # in a value after `key: `, in quotes and in a comment, '：' and '，' are Chinese text
        "a:\n  evidence: 依据：文件，2024\n\tb: 1\n",
        'a:\n  note: "级别：2"  # 备注：x\n\tb: 1\n',
        "a:\n  evidence: |\n    依据：文件\n  b: c: d\n",
    ],
)
def test_fullwidth_text_in_values_is_not_taken_for_structure(text: str) -> None:
    problem = only(text)
    assert problem.code == "syntax"


def test_fullwidth_text_is_kept_in_values() -> None:
    doc = parse("evidence: 依据：文件，2024\nsources: [报告：年度]\n", "f.yaml")
    assert doc.data == {"evidence": "依据：文件，2024", "sources": ["报告：年度"]}


def test_a_lone_dash_for_not_known_gets_a_null_hint() -> None:
    problem = only(_INDICATOR + "    level: -\n")
    assert (problem.line, problem.column) == (3, 12)
    assert problem.code == "null-form"
    assert "write null" in problem.hint


def test_the_document_keeps_its_text() -> None:
    text = "id: x\n"
    assert parse(text, "f.yaml").text is text


_FULLWIDTH_YAMLISH = st.text(alphabet="ab1 :-[]{},'\"\n#：，、－\u3000", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_FULLWIDTH_YAMLISH)
def test_fullwidth_punctuation_gives_a_document_or_problems_inside_the_text(text: str) -> None:
    try:
        parse(text, "f.yaml")
    except InvalidInput as exc:
        lines = text.split("\n")
        for problem in exc.problems:
            assert 1 <= problem.line <= len(lines) + 1
            if problem.code.startswith("fullwidth-"):
                assert lines[problem.line - 1][problem.column - 1] in "：，、－\u3000"
            if problem.message == "the line is indented with a tab; YAML indents with spaces only":
                assert "\t" in lines[problem.line - 1], problem


# --- decoding and reading -------------------------------------------------------------------


def test_decode_accepts_utf8_with_and_without_bom() -> None:
    assert decode("名: x\n".encode(), "f") == "名: x\n"
    assert decode(b"\xef\xbb\xbf" + "名: x\n".encode(), "f") == "名: x\n"


def test_decode_gbk_says_so_and_how_to_fix() -> None:
    raw = "id: x\nname_zh: 杭州市\n".encode("gbk")
    with pytest.raises(InvalidInput) as info:
        decode(raw, "f.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (2, 10)
    assert "not valid UTF-8" in problem.message
    assert "GBK" in problem.hint
    assert "save it as UTF-8" in problem.hint
    assert problem.code == "encoding"


def test_decode_error_column_counts_characters() -> None:
    raw = "名称: ".encode() + b"\xb2\xe2\n"
    with pytest.raises(InvalidInput) as info:
        decode(raw, "f.yaml")
    assert (info.value.problems[0].line, info.value.problems[0].column) == (1, 5)


def test_decode_other_bad_bytes_get_a_plain_hint() -> None:
    with pytest.raises(InvalidInput) as info:
        decode(b"a: \xff\xff\n", "f.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (1, 4)
    assert problem.hint == "save the file as UTF-8"


def test_a_workbook_or_a_csv_given_as_yaml_names_the_command_that_reads_it(
    tmp_path: Path,
) -> None:
    import openpyxl

    book = tmp_path / "answers.xlsx"
    openpyxl.Workbook().save(book)
    with pytest.raises(InvalidInput) as caught:
        load(book, "answers.xlsx")
    (problem,) = caught.value.problems
    assert problem.code == "other-command"
    assert "policebench import" not in problem.hint  # not policebench's: survey reads it
    assert "policebench survey answers.xlsx --city ID" in problem.hint
    ours = tmp_path / "j-city.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["export", "j-city", "-o", str(ours)]).exit_code == 0
    with pytest.raises(InvalidInput) as caught:
        load(ours, "j-city.xlsx")
    (problem,) = caught.value.problems
    assert problem.message == "this is a policebench data-collection workbook, not a YAML profile"
    assert "policebench import j-city.xlsx" in problem.hint
    for name, text in [("answers.csv", "respondent,role\nA,B\n"), ("a.txt", "a,b,c\n1,2,3\n")]:
        with pytest.raises(InvalidInput) as caught:
            parse(text, name)
        (problem,) = caught.value.problems
        assert problem.render("zh") == (
            f"{name}:1:1: 这是 CSV 表格，不是 YAML 档案（提示：问卷答案请用 policebench survey "
            f"{name} --city 地区标识 转为档案） [other-command]"
        )
    assert problems_of("just text, with a comma\n")[0].code == "not-mapping"


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_decode_utf16_is_refused(bom: bytes) -> None:
    with pytest.raises(InvalidInput) as info:
        decode(bom + "a: 1".encode("utf-16-le"), "f.yaml")
    assert "UTF-16" in info.value.problems[0].message


def test_decode_binary_is_refused() -> None:
    with pytest.raises(InvalidInput) as info:
        decode(b"PK\x03\x04\x00\x00", "f.yaml")
    assert info.value.problems[0].code == "binary"


def test_read_text_returns_text_and_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_text(path) == ("a: 1\n", b"\xef\xbb\xbfa: 1\n")


def test_read_text_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as info:
        read_text(tmp_path / "nope.yaml", "nope.yaml")
    assert (
        str(info.value.problems[0])
        == "nope.yaml: no such file (hint: check the spelling of the path)"
    )
    with pytest.raises(InvalidInput) as info:
        read_text(tmp_path)
    assert "is a folder" in info.value.problems[0].message


def test_read_text_refuses_huge_files_without_reading_them(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: nothing is really written
    with pytest.raises(InvalidInput) as info:
        read_text(path)
    assert info.value.problems[0].code == "size"


def test_closest() -> None:
    assert closest("top-level-desing", ["top-level-design", "usability"]) == (
        "did you mean 'top-level-design'?"
    )
    assert closest("zzz", ["top-level-design"]) == ""


# --- arbitrary input ------------------------------------------------------------------------

#: Text made of YAML's own punctuation, so the parser's error paths are really reached.
_YAMLISH = st.text(alphabet="ab1 :-[]{},&*!#'\"\n\r\t|>?%@`名\\\ufeff", max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), _YAMLISH))
def test_arbitrary_text_gives_a_document_or_a_clean_problem(text: str) -> None:
    try:
        doc = parse(text, "f.yaml")
    except InvalidInput as exc:
        assert exc.problems
        lines = text.split("\n")
        for problem in exc.problems:
            assert problem.file == "f.yaml"
            assert problem.line >= 1 and problem.column >= 1
            if problem.message == "the line is indented with a tab; YAML indents with spaces only":
                assert "\t" in lines[problem.line - 1], problem
        return
    assert isinstance(doc.data, dict)
    for line, column in [*doc.values.values(), *doc.keys.values()]:
        assert line >= 1 and column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=80))
def test_arbitrary_bytes_give_a_document_or_a_clean_problem(raw: bytes) -> None:
    try:
        parse(decode(raw, "f.yaml"), "f.yaml")
    except InvalidInput as exc:
        assert exc.problems


@pytest.mark.parametrize(
    "text",
    [
        "id: r\n\tversion: 1\n",  # a tab inside a plain scalar
        "id: &\nname: x\n",  # an anchor without a name
        "id: *\n",  # an alias without a name
        "id: [a, b\nname: x\n",
        "id: {a: b: c}\n",
        "id: !<foo\n",  # a tag not closed
        "id: !!\n",
        "%FOO\n---\nid: x\n",  # an unknown directive
        "%YAML 1.x\n---\nid: x\n",
        "id: |0\n  x\n",  # an indentation indicator of 0
        'id: "\\u12"\n',
        "a: b\n--- c\n",
    ],
)
def test_a_yaml_syntax_error_reads_in_chinese_without_libyaml_s_english(text: str) -> None:
    """libyaml's own phrases ("while scanning a plain scalar") are catalogue messages: a
    Chinese message has none of its English in it."""
    with pytest.raises(InvalidInput) as caught:
        parse(text, "f.yaml")
    for problem in caught.value.problems:
        shown = problem.render("zh")
        assert re.search(r"[\u4e00-\u9fff]", shown)
        english = re.findall(r"\b(?:while|found|did not|expected|could not|not allowed)\b", shown)
        assert english == [], shown


# --- a key without its colon ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "fixed"),
    [
        ("a:\n  level 2\n  confidence: low\n", (2, 3), "level: 2"),  # above a sibling key
        ("a:\n  level: 1\n  confid low\n  evidence: x\n", (3, 3), "confid: low"),  # below one
        ("a:\n  level 2\n  # a comment\n\n  confidence: low\n", (2, 3), "level: 2"),
        ("a:\r\n  level 2\r\n  confidence: low\r\n", (2, 3), "level: 2"),
        ("indicators:\n  top-level-design\n    level: 2\n", (2, 3), "top-level-design:"),
        ("id j-city\nname: x\n", (1, 1), "id: j-city"),
        # inside a list's item, and as its first key
        ("a:\n  - title: x\n    url y\n    reliability: primary\n", (3, 5), "url: y"),
        ("s:\n  - title x\n    url: y\n", (2, 3), "- title: x"),
        # a URL's colon is no key's, a comment is left out of the line as it should read
        (
            "s:\n  - title: x\n    url https://a.example/b\n    n: 1\n",
            (3, 5),
            "url: https://a.example/b",
        ),
        ("a:\n  level 2  # a guess\n  confidence: low\n", (2, 3), "level: 2"),
    ],
)
def test_a_key_without_its_colon_is_said_on_its_own_line(
    text: str, where: tuple[int, int], fixed: str
) -> None:
    """libyaml stops a line after the key that lacks its colon (or says "could not find
    expected ':'" there); the problem is put on the key's line, with the line as it should
    read."""
    problem = only(text)
    assert (problem.line, problem.column, problem.code) == (*where, "syntax")
    assert str(problem.hint) == f"write '{fixed}'"
    assert problem.render("zh").endswith(
        f"缺少冒号：键和值应写作 '键: 值'（提示：请写作 '{fixed}'） [syntax]"
    )


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  evidence: a\n    b\n    c: d\n",  # a value going on, with a colon in it
        "a:\n  level: 1\n   confidence: x\n",  # indented one space too far
        "a:\n  level: 1\n confidence: x\n",  # one space too little
        "a:\n  - x\n  y\n",  # a list's item without its dash
        "a:\n  level： 2\n  confidence: low\n",  # a full-width colon: said as such
    ],
)
def test_other_mistakes_are_not_taken_for_a_missing_colon(text: str) -> None:
    assert all("has no colon" not in str(p.message) for p in problems_of(text))


def test_a_value_wrapped_onto_its_keys_indentation_is_not_made_a_key() -> None:
    """Text wrapped onto a line as deep as its key is said to be the value going on (indent
    it), never "write '和一定成效:'": Chinese text, words that start with no key of the
    formats, a line of a folded (>-) value; a key of the formats, or a misspelt one with one
    word after it, is a key without its colon (with both readings where text is above)."""
    text = (
        "a:\n  level: 1\n  evidence: 摘要提到J市智慧警务已有发展\n  和一定成效\n  confidence: low\n"
    )
    problem = only(text)
    assert (problem.line, problem.column) == (4, 3)
    assert problem.render("zh") == (
        "f.yaml:4:3: '和一定成效' 像是上面 'evidence' 的值的续行，但缩进与 'evidence' 相同"
        "（提示：续行请比 'evidence' 多缩进两格，或把整段值写在同一行） [syntax]"
    )
    continued = "indent the line two spaces more than '{}', or write the value on one line"
    english = only("a:\n  notes: the city has a long\n  history of reform\n  confidence: low\n")
    assert (english.line, str(english.hint)) == (3, continued.format("notes"))
    folded = "a:\n  evidence: >-\n    The source shows\n  written rules for data\n  level: 1\n"
    assert (only(folded).line, str(only(folded).hint)) == (4, continued.format("evidence"))
    # keys: one of the formats', or one misspelt with a word after it
    assert str(only("a:\n  level: 1\n  confid low\n  evidence: x\n").hint) == "write 'confid: low'"
    misspelt = only("a:\n  evidence: >-\n    text\n    more\n  confid 2\n  sources: []\n")
    assert (misspelt.line, str(misspelt.hint)) == (
        5,
        "write 'confid: 2'; or, if the line goes on with the value of 'evidence' above, indent "
        "it two spaces more than 'evidence'",
    )
    known = only("a:\n  notes: the city has a long\n  level 2\n  confidence: low\n")
    assert str(known.hint) == "write 'level: 2'"


def test_a_long_line_is_quoted_short() -> None:
    problem = only("a:\n  level: 1\n  evidence: x y\n  " + "长" * 300 + "\n  confidence: low\n")
    shown = problem.render("zh")
    assert "长" * 59 + "…'" in shown and len(shown) < 200


def test_a_tab_and_a_missing_colon_on_one_line_are_both_said() -> None:
    """The tab's indentation is guessed as the lines around it have it (4 spaces), though
    the line then stops at its missing colon, which is said next, on that line."""
    text = "id: x\nindicators:\n  top-level-design:\n\tlevel 2\n    confidence: low\n"
    found = problems_of(text)
    assert [(p.line, p.column) for p in found] == [(4, 1), (4, 2)]
    assert "4 spaces" in str(found[0].hint) and str(found[1].hint) == "write 'level: 2'"


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        # two spaces too many under a key that has its value: not "quote the value"
        (
            "a:\n  level: 1\n    confidence: low\n  evidence: x\n",
            (3, 5),
            "'confidence' 比上一行的 'level' 多缩进了 2 个空格，而 'level' 已有值"
            "（提示：同一层的键须对齐，请与 'level' 一样缩进 2 个空格）",
        ),
        # two too few between keys at four: said on its own line, not on the next one
        (
            "a:\n  b:\n    level: 1\n  confidence: low\n    evidence: x\n",
            (4, 3),
            "'confidence' 缩进了 2 个空格，而上下的键缩进 4 个空格（提示：请与上下的键对齐，"
            "缩进 4 个空格）",
        ),
        # the first key under an indicator as deep as the indicator
        (
            "a:\n  top-level-design:\n  level: 2\n    confidence: low\n",
            (3, 3),
            "'level' 与上一行的 'top-level-design' 缩进相同，但应写在 'top-level-design' 之下，"
            "与下一行一样缩进 4 个空格（提示：请把这一行多缩进 2 个空格，与下面的键对齐）",
        ),
        # a list item's key, and after a sibling's value folded over lines
        (
            "s:\n  - title: x\n      url: y\n",
            (3, 7),
            "'url' 比上一行的 'title' 多缩进了 2 个空格，而 'title' 已有值"
            "（提示：同一层的键须对齐，请与 'title' 一样缩进 4 个空格）",
        ),
        (
            "a:\n  b:\n    evidence: >-\n      text: more\n  confidence: low\n    n: 1\n",
            (5, 3),
            "'confidence' 缩进了 2 个空格，而上下的键缩进 4 个空格（提示：请与上下的键对齐，"
            "缩进 4 个空格）",
        ),
    ],
)
def test_a_key_indented_wrong_is_said_as_such_on_its_line(
    text: str, where: tuple[int, int], said: str
) -> None:
    problem = only(text)
    assert (problem.line, problem.column) == where
    assert problem.render("zh") == f"f.yaml:{where[0]}:{where[1]}: {said} [syntax]"


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        # the first key under an indicator, a space short of the keys below it
        (
            "a:\n  top-level-design:\n   level: 1\n    confidence: low\n    evidence: x\n",
            (3, 4),
            "'level' 缩进了 3 个空格，而下面的键缩进 4 个空格（提示：请把这一行多缩进 1 个空格，"
            "与下面的键对齐）",
        ),
        # a source's dash as deep as `sources:`, its other keys where they belong
        (
            "a:\n  sources:\n  - title: x\n      url: y\n      reliability: primary\n",
            (3, 5),
            "'title' 缩进了 4 个空格，而下面的键缩进 6 个空格（提示：请把这一行多缩进 2 个空格，"
            "与下面的键对齐）",
        ),
    ],
)
def test_the_first_key_of_a_block_indented_wrong_is_said_not_the_next(
    text: str, where: tuple[int, int], said: str
) -> None:
    """libyaml stops at the second key; following "line it up with the first" would move
    the mistake down the block: the first is the odd one, against the keys below it."""
    problem = only(text)
    assert problem.render("zh") == f"f.yaml:{where[0]}:{where[1]}: {said} [syntax]"


def test_a_value_of_words_may_go_on_with_a_colon_the_hint_says_both() -> None:
    problem = only("a:\n  notes: the plan\n    due: 2026\n")
    assert str(problem.hint) == (
        "if 'due' is a key of its own, indent it as 'notes' is (2 spaces); if the line is "
        "part of the value above, put the value in quotes (it holds ': ')"
    )
