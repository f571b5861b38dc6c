"""The message catalogue: complete in Chinese, the two languages agreeing on placeholders,
every ``Msg("id", ...)`` of the source naming an id of the catalogue with exactly its
placeholders, and a message that prints in either language and crosses processes intact."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from policebench.messages import CATALOGUE, Msg, placeholders, text
from policebench.problems import Problem

SRC = Path(__file__).resolve().parent.parent / "src" / "policebench"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_chinese_and_the_same_placeholders(key: str) -> None:
    en, zh = CATALOGUE[key]
    assert ID.match(key), key
    assert en.strip() and zh.strip(), key
    assert placeholders(en) == placeholders(zh), key
    # Chinese, not English copied over: Han characters, unless the text is only placeholders,
    # punctuation or names that are the same in both languages (a code, "'{name}'").
    words = re.sub(r"\{[^}]*\}|'[^']*'", "", en)
    if re.search(r"[A-Za-z]{3,} [A-Za-z]{3,}", words):
        assert HAN.search(zh), f"{key}: {zh!r} has no Chinese"


def _calls() -> list[tuple[str, int, str, set[str] | None]]:
    """Every ``Msg(...)`` call of the source: file, line, id and its keyword names (None
    when the keywords are not all written out)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Msg"
                and node.args
            ):
                first = node.args[0]
                names = {k.arg for k in node.keywords if k.arg is not None}
                spread = any(k.arg is None for k in node.keywords)
                where = str(path.relative_to(SRC))
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((where, node.lineno, first.value, None if spread else names))
                elif isinstance(first, ast.IfExp):
                    for branch in (first.body, first.orelse):
                        if isinstance(branch, ast.Constant):
                            found.append((where, node.lineno, branch.value, names))
                elif isinstance(first, ast.JoinedStr):
                    # f"bound-{kind}": every id it can make is checked through the catalogue.
                    prefix = first.values[0]
                    assert isinstance(prefix, ast.Constant)
                    for key in CATALOGUE:
                        if key.startswith(str(prefix.value)):
                            found.append((where, node.lineno, key, names))
    return found


def test_every_message_the_source_makes_is_in_the_catalogue_with_its_placeholders() -> None:
    calls = _calls()
    assert len(calls) > 200
    wrong = []
    for where, line, key, names in calls:
        if key not in CATALOGUE:
            wrong.append(f"{where}:{line}: no message '{key}' in the catalogue")
        elif names is not None and names != placeholders(CATALOGUE[key][0]):
            wrong.append(f"{where}:{line}: '{key}' given {sorted(names)}")
    assert wrong == []


def _constants() -> set[str]:
    """The text constants of the source, but the catalogue's own keys: ids chosen through a
    table (``os_reason``'s, forms.py's) count as used."""
    found: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "CATALOGUE":
                assert isinstance(node.value, ast.Dict)
                skip = {id(k) for k in node.value.keys}
        found |= {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
        }
    return found


def test_no_message_of_the_catalogue_is_left_unused() -> None:
    used = {key for _, _, key, _ in _calls()} | _constants()
    # libyaml's phrases are looked up by their English text (readers/yaml/_syntax.py).
    unused = sorted(k for k in CATALOGUE if k not in used and not k.startswith("libyaml-"))
    assert unused == []


def test_a_message_is_its_english_text_and_words_itself_in_chinese() -> None:
    message = Msg("unknown-key", name="confidance")
    assert message == "unknown key 'confidance'"
    assert isinstance(message, str)
    assert text(message, "zh") == "未知的键 'confidance'"
    assert text("plain text", "zh") == "plain text"
    # Arguments are worded in the same language; tuples are lists in that language.
    nested = Msg("allowed-keys", keys=("level", "confidence"))
    assert text(Msg("hint-then", first=Msg("did-you-mean", name="x"), rest=nested), "zh") == (
        "您是否想写 'x'？允许的键：level、confidence"
    )
    assert text(nested, "en") == "allowed keys: level, confidence"


def test_a_message_crosses_a_process_boundary_whole() -> None:
    message = Msg("level-range", level=7, min=0, max=4)
    back = pickle.loads(pickle.dumps(message))
    assert isinstance(back, Msg)
    assert back == message
    assert back.render("zh") == "等级 7 超出 0 到 4 的量表范围"


def test_a_problem_prints_in_either_language_with_its_code() -> None:
    problem = Problem(
        "cities/x.yaml",
        3,
        5,
        Msg("unknown-key", name="foo"),
        Msg("did-you-mean", name="food"),
        "unknown-key",
    )
    assert problem.render("en") == (
        "cities/x.yaml:3:5: unknown key 'foo' (hint: did you mean 'food'?) [unknown-key]"
    )
    assert problem.render("zh") == (
        "cities/x.yaml:3:5: 未知的键 'foo'（提示：您是否想写 'food'？） [unknown-key]"
    )
    # str() is the English message without the code, as it always was.
    assert str(problem) == "cities/x.yaml:3:5: unknown key 'foo' (hint: did you mean 'food'?)"
    warning = Problem("f.yaml", 1, 1, Msg("no-source", id="x"), "", "no-source", "warning")
    assert warning.render("zh") == "f.yaml:1:1: 警告：'x' 有证据但没有来源 [no-source]"
