"""From composed nodes to plain values, with positions, refusals and the fast tag resolver.

This is the hot half of reading (the other is libyaml in C): the scalar fast paths and the
cached resolver are here for speed (docs/performance.md has figures). It refuses what PyYAML
would silently accept: duplicate keys, non-scalar and merge keys, tags outside the core
schema, and alias expansion past ``MAX_NODES``.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import Resolver

from policebench.messages import Msg
from policebench.problems import Problem
from policebench.readers.yaml._document import MAX_DEPTH, MAX_NODES, Position, YamlPath, mark_of
from policebench.readers.yaml._libyaml import CParser

_SAFE_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlParser(CParser, Resolver):
    """libyaml's composer with a faster tag resolver; no constructor (``YamlBuilder`` builds).

    PyYAML's resolver runs in Python for every scalar and tries its regular expressions even
    for long prose; most scalars in our files start with a character no implicit tag can
    start with, so they are plain text at once, and short ones (keys, levels, confidences)
    repeat and are cached. The tags returned are exactly PyYAML's.
    """

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        Resolver.__init__(self)

    # The composer calls these two hooks around every node. We use no path resolvers, so
    # PyYAML's versions do nothing, at the price of a Python frame each; C callables that
    # ignore their arguments do the same nothing a third faster per file.
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not ScalarNode:
            return _SEQ_TAG if kind is SequenceNode else _MAP_TAG
        if not implicit[0]:
            return _STR_TAG
        if value[:1] not in _IMPLICIT_FIRST:
            return _STR_TAG
        tag = _TAG_CACHE.get(value)
        if tag is None:
            tag = str(Resolver.resolve(self, kind, value, implicit))  # type: ignore[no-untyped-call]
            if len(value) <= 64 and len(_TAG_CACHE) < 4096:
                _TAG_CACHE[value] = tag
        return tag


_IMPLICIT_FIRST = frozenset(Resolver.yaml_implicit_resolvers)
_TAG_CACHE: dict[str, str] = {}


class YamlBuilder:
    """Builds plain values from composed nodes, recording positions as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[YamlPath, Position] = {}
        self.keys: dict[YamlPath, Position] = {}
        self.problems: list[Problem] = []
        #: How many of ``problems`` hold back nothing else: a date that does not exist, kept
        #: as its text so that the model's checks of the rest can run (and say it again,
        #: at the same place: said once).
        self.passed_on = 0
        self.nodes = 0
        #: The collections being built (an alias inside its own anchor would loop).
        self.open: set[int] = set()
        self.constructor = SafeConstructor()

    def fail(self, node: yaml.Node, message: str, hint: str, code: str) -> None:
        line, column = mark_of(node)
        self.problems.append(Problem(self.file, line, column, message, hint, code))

    def build(self, node: yaml.Node, path: YamlPath, depth: int) -> Any:
        """The value of ``node`` (at ``path``, ``depth`` levels down)."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise TooLarge(node)
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is ScalarNode:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            self.fail(node, Msg("too-deep", limit=MAX_DEPTH), "", "depth")
            return None
        if id(node) in self.open:
            self.fail(
                node,
                Msg("alias-loop", limit=MAX_DEPTH),
                Msg("alias-loop-hint"),
                "depth",
            )
            return None
        self.open.add(id(node))
        try:
            if kind is SequenceNode:
                if node.tag != _SEQ_TAG:
                    self.bad_tag(node)
                build = self.build
                return [build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
            if node.tag != _MAP_TAG:
                self.bad_tag(node)
            return self.mapping(node, path, depth)
        finally:
            self.open.discard(id(node))

    def bad_tag(self, node: yaml.Node) -> None:
        short = node.tag.replace("tag:yaml.org,2002:", "!!")
        if len(short) > 60:
            short = short[:57] + "..."
        self.fail(
            node,
            Msg("tag", tag=short),
            Msg("tag-hint"),
            "tag",
        )

    def scalar(self, node: yaml.Node) -> Any:
        """The value of a scalar; text and plain decimal numbers without the constructor."""
        tag = node.tag
        value = node.value
        # Fast paths: what SafeConstructor would return, computed without its dispatch.
        if tag == _STR_TAG:
            return value
        if tag == _INT_TAG and value.isdecimal() and value.isascii() and value[0] != "0":
            if len(value) < 4000:  # int() refuses longer digit strings (CVE-2020-10735)
                return int(value)
        elif tag == _NULL_TAG:
            return None
        elif tag == _TIMESTAMP_TAG and len(value) == 10 and value[4] == value[7] == "-":
            try:  # a date, as SafeConstructor makes it; anything odd goes to it below
                return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
            except ValueError:
                pass
        if tag not in _SAFE_TAGS:
            self.bad_tag(node)
            return None
        if tag == _INT_TAG and len(value) > 40:
            # Python refuses to convert very long digit strings, with a message about itself.
            self.fail(node, Msg("number-too-long", size=f"{len(value):,}"), "", "value")
            return None
        shown = value if len(value) <= 40 else value[:37] + "..."
        short = tag.replace("tag:yaml.org,2002:", "!!")
        if (
            tag in (_INT_TAG, _FLOAT_TAG)
            and not getattr(node, "style", None)
            and _YAML11_NUMBER.match(value)
        ):
            # YAML 1.1 reads `010` as 8 (octal), `1:30` as 90 (base 60), `0x1f` as 31: a
            # number the planner never wrote. Refused, saying what was typed.
            self.fail(
                node,
                Msg("yaml11-number", typed=value, read=self.constructor.construct_object(node)),
                _yaml11_hint(value),
                "yaml11-number",
            )
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError):  # a date that does not exist, say
            self.fail(
                node,
                _unreadable(shown),
                Msg("value-unreadable-hint"),
                "value",
            )
            if node.tag == _TIMESTAMP_TAG and _DATE.match(node.value):
                self.passed_on += 1
                return node.value
        except (yaml.YAMLError, TypeError, AttributeError, KeyError, IndexError):
            # SafeConstructor trusts the resolver: a value given a tag it does not fit (an
            # explicit `!!bool maybe`, `!!timestamp soon`, `!!int ""`) fails inside it anyhow.
            self.fail(
                node,
                Msg("value-not-of-tag", value=repr(shown), tag=short),
                Msg("value-not-of-tag-hint", tag=short),
                "value",
            )
        return None

    def mapping(self, node: yaml.Node, path: YamlPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys, values = self.keys, self.values
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.fail(
                    key_node,
                    Msg("complex-key"),
                    "",
                    "complex-key",
                )
                continue
            if key_node.tag == _MERGE_TAG:
                self.fail(
                    key_node,
                    Msg("merge"),
                    Msg("merge-hint"),
                    "merge",
                )
                continue
            self.nodes += 1
            if key_node.tag == _STR_TAG:
                key = key_node.value
            else:
                key = self.scalar(key_node)
                if isinstance(key, float | bool) or key is None:
                    # `yes:` or `1.5:` would silently become True / 1.5; keep what was typed.
                    key = key_node.value
            mark = key_node.start_mark
            child = (*path, key)
            if key in result:
                line = keys[child][0]
                self.fail(
                    key_node,
                    Msg("duplicate-key", key=repr(_short(key)), line=line),
                    Msg("duplicate-key-hint"),
                    "duplicate-key",
                )
                continue
            keys[child] = (mark.line + 1, mark.column + 1)
            if type(value_node) is ScalarNode and value_node.tag == _STR_TAG:
                # Most values are text: what build() would do, without a call per value.
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise TooLarge(value_node)
                mark = value_node.start_mark
                values[child] = (mark.line + 1, mark.column + 1)
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, child, depth + 1)
        return result


#: Numbers YAML 1.1 reads in another base: a leading zero (octal), 0x, 0b, or ``:`` (base 60).
_YAML11_NUMBER = re.compile(r"[-+]?(0[0-9_]+$|0[xXbBoO]|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$)")


def _yaml11_hint(value: str) -> Msg:
    """How to write what a planner most likely meant by a YAML 1.1 number."""
    if ":" in value:
        return Msg("yaml11-colon-hint", typed=value)
    if value.lstrip("+-")[1:2] in ("x", "X", "b", "B", "o", "O"):
        return Msg("yaml11-base-hint", typed=value)
    sign = "-" if value.startswith("-") else ""
    return Msg("yaml11-number-hint", plain=sign + (value.lstrip("+-").lstrip("0_") or "0"))


_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _unreadable(shown: str) -> Msg:
    """Why a value YAML took for a date or number cannot be one: no such month, or day."""
    return impossible_date(shown) or Msg("value-unreadable", value=repr(shown))


def impossible_date(shown: str) -> Msg | None:
    """``2026-02-30`` said as no day 30 in February 2026 (``2026-13-01``: no month 13);
    None for text of another form, or a day that exists."""
    date = _DATE.match(shown)
    if not date:
        return None
    year, month, day = (int(part) for part in date.groups())
    if not 1 <= month <= 12:
        return Msg("date-no-month", value=repr(shown), month=month)
    try:
        dt.date(year, month, day)
    except ValueError:
        return Msg("date-no-day", value=repr(shown), day=day, month=month, year=year)
    return None


def _short(key: Any) -> Any:
    if isinstance(key, str) and len(key) > 60:
        return key[:57] + "..."
    return key


class TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node
