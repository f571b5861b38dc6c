"""The one YAML loader.

libyaml (``CSafeLoader``) composes the node graph, so parsing runs at C speed; this module then
builds plain Python values from the nodes itself, which lets it

* remember where every key and value stands (1-based line and column), so that a model error
  can be reported at its place in the planner's file;
* refuse what PyYAML would silently accept: a duplicate key (both lines are named), a key that
  is not a plain scalar, merge keys, and any tag outside the YAML core schema;
* bound alias expansion, so a "billion laughs" file is refused after a fixed amount of work;
* walk the event stream of a large or bracket-heavy file first, so that libyaml's recursive
  composer never sees a file that would crash it or make millions of objects (see
  ``_needs_prescan``).

Reading is on the hot path of bulk runs (thousands of profiles): the resolver, the scalar
fast paths and the inlined text values are there for speed; docs/performance.md has figures.

Nothing here touches pydantic or the models: the result is a :class:`Document`.
"""

from __future__ import annotations

import datetime as dt
import errno
import operator
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import Resolver

from policebench.errors import InvalidInput
from policebench.problems import Problem

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]

#: Inputs are small hand-written text files; anything larger is refused before it is read.
MAX_BYTES = 5 * 1024 * 1024
#: Nodes built per document, counting every alias expansion: bounds "billion laughs".
MAX_NODES = 250_000
#: Nesting depth of mappings and sequences.
MAX_DEPTH = 64

_BOM_UTF8 = b"\xef\xbb\xbf"
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
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass
class Document:
    """A parsed YAML file: its data and where each part of it stands."""

    file: str
    data: Any
    values: dict[YamlPath, Position] = field(default_factory=dict)
    keys: dict[YamlPath, Position] = field(default_factory=dict)

    def position(self, path: YamlPath, *, key: bool = False) -> Position:
        """Where ``path`` stands; the nearest enclosing node that is known otherwise.

        With ``key=True`` the position of the mapping key is preferred (the place to point
        at for an unknown or misspelt key).
        """
        probe = tuple(path)
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def problem(
        self,
        path: YamlPath,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        code: str = "invalid",
        severity: str = "error",
    ) -> Problem:
        """A problem located at ``path`` in this document."""
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, message, hint, code, severity)


class _Detached(Document):
    """A document that let go of its data and positions; both are read again on first use.

    Thousands of profiles are kept as models only: the position of every value (a dict per
    document, most of a bulk run's memory) is needed just to place a problem, which is rare
    once a profile has been validated.
    """

    def __init__(self, file: str, path: Path) -> None:
        self.file = file
        self._path = path

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not set yet: data, values and keys until reloaded.
        if name not in ("data", "values", "keys") or "_path" not in self.__dict__:
            raise AttributeError(name)
        try:
            doc = load(self._path, self.file)[0]
        except InvalidInput:  # the file changed since it was read: positions unknown
            doc = Document(self.file, {})
        self.data, self.values, self.keys = doc.data, doc.values, doc.keys
        return getattr(self, name)


def detach(doc: Document, path: Path) -> Document:
    """``doc`` without its data and positions in memory; they are read from ``path`` if used."""
    return _Detached(doc.file, path)


def _mark(node: yaml.Node | yaml.Event) -> Position:
    mark = node.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text from ``raw`` (a UTF-8 BOM is accepted); a clear problem otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            [
                Problem(
                    file,
                    1,
                    1,
                    "the file is UTF-16 encoded; policebench reads UTF-8",
                    "save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
                    "encoding",
                )
            ]
        )
    if raw.startswith(_BOM_UTF8):
        raw = raw[len(_BOM_UTF8) :]
    if b"\x00" in raw[:8192]:
        raise InvalidInput(
            [
                Problem(
                    file,
                    1,
                    1,
                    "this is a binary file, not a YAML text file",
                    "check the path; rubrics and profiles are .yaml text files",
                    "binary",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        before = raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start]
        # Columns count characters, as editors do, not the bytes of the Chinese before it.
        column = len(before.decode("utf-8", errors="replace")) + 1
        hint = "save the file as UTF-8"
        if _looks_like_gbk(raw):
            hint = "it looks like GBK/GB18030 (common on Chinese Windows); save it as UTF-8"
        raise InvalidInput(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} cannot start "
                    "a UTF-8 character here)",
                    hint,
                    "encoding",
                )
            ]
        ) from None


def _looks_like_gbk(raw: bytes) -> bool:
    """Whether ``raw`` reads as GBK text whose non-ASCII characters are mostly Chinese."""
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if ord(c) > 127]
    chinese = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    return bool(wide) and chinese >= 0.8 * len(wide)


def read_text(path: Path, display: str | None = None) -> tuple[str, bytes]:
    """Read ``path`` as UTF-8 text, refusing what is missing, too large, binary or mis-encoded.

    Returns the text and the raw bytes (the latter for provenance hashes).
    """
    name = display or str(path)
    try:
        if path.is_dir():
            raise InvalidInput([Problem(name, 0, 0, "is a folder, expected a YAML file", "", "io")])
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe (/dev/zero, a FIFO) would never end, or never start.
            raise InvalidInput(
                [
                    Problem(
                        name, 0, 0, "is not a regular file", "give the path of a .yaml file", "io"
                    )
                ]
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                [
                    Problem(
                        name,
                        0,
                        0,
                        f"the file is {size / 1_048_576:.1f} MB; policebench inputs are at most "
                        f"{MAX_BYTES // 1_048_576} MB",
                        "check the path: rubrics and profiles are small text files",
                        "size",
                    )
                ]
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # bounded, even if the file grows meanwhile
        if len(raw) > MAX_BYTES:
            raise InvalidInput(
                [Problem(name, 0, 0, f"the file is over {MAX_BYTES // 1_048_576} MB", "", "size")]
            )
    except FileNotFoundError:
        raise InvalidInput(
            [Problem(name, 0, 0, "no such file", "check the spelling of the path", "io")]
        ) from None
    except OSError as exc:
        hint = "a symbolic link points to itself" if exc.errno == errno.ELOOP else ""
        raise InvalidInput(
            [Problem(name, 0, 0, f"cannot be read: {exc.strerror or exc}", hint, "io")]
        ) from None
    return decode(raw, name), raw


def _yaml_problem(exc: yaml.YAMLError, file: str, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        # Raised before any token, with a character offset instead of a mark.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return Problem(
            file,
            line,
            column,
            f"YAML syntax: character #x{exc.character:04x} is not allowed in YAML text"
            if isinstance(exc.character, int)
            else f"YAML syntax: {exc.reason}",
            "remove the control character (text pasted from a PDF or Word may carry one)",
            "syntax",
        )
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in (context or "") and "end of stream" in problem:
        # The end of the file is no place to look for a quote left open: where it opens is.
        mark = getattr(exc, "context_mark", None) or mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    hint = ""
    index = getattr(mark, "index", None)
    if isinstance(index, int) and 0 <= index <= len(text):
        # The line in error, found around the mark rather than by splitting a 5 MB file.
        line_start = text.rfind("\n", 0, index) + 1
        bad_line = text[line_start : line_start + column + 1]
    else:
        bad_line = ""
    if "duplicate anchor" in (context or ""):
        first = getattr(exc, "context_mark", None)
        where = f" (first defined on line {first.line + 1})" if first is not None else ""
        message = f"YAML syntax: the same anchor (&name) is defined twice{where}"
        hint = "give each anchor its own name"
    elif "\t" in bad_line[: column + 1] or "\t" in problem:
        hint = "YAML indents with spaces; replace the tab characters with spaces"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    elif "unknown escape" in problem:
        hint = "inside double quotes a backslash starts an escape; write \\\\ or use single quotes"
    elif "found unexpected end of stream" in problem or "quoted scalar" in (context or ""):
        hint = "a quote is not closed"
    elif "expected a single document" in (context or "") + problem:
        hint = "a file holds one document; remove the extra '---'"
    elif "directive" in problem or "incompatible YAML document" in problem:
        hint = "remove the %YAML or %TAG line: policebench reads plain YAML 1.1"
    elif "tag handle" in problem:
        hint = "remove the tag (the word starting with '!')"
    elif "did not find expected key" in problem or "block end" in problem:
        hint = "check the indentation of this line against the lines above"
    elif "found undefined alias" in problem:
        hint = "an alias (*name) needs an anchor (&name) earlier in the file"
    elif "','" in problem and ("']'" in problem or "'}'" in problem):
        hint = "a bracket is not closed, or a comma is missing between items"
    return Problem(file, line, column, message, hint, "syntax")


class _Parser(CParser, Resolver):
    """libyaml's composer with a faster tag resolver; no constructor (``_Builder`` builds).

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


class _Builder:
    """Builds plain values from composed nodes, recording positions as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[YamlPath, Position] = {}
        self.keys: dict[YamlPath, Position] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        #: The collections being built (an alias inside its own anchor would loop).
        self.open: set[int] = set()
        self.constructor = SafeConstructor()

    def fail(self, node: yaml.Node, message: str, hint: str = "", code: str = "invalid") -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.file, line, column, message, hint, code))

    def build(self, node: yaml.Node, path: YamlPath, depth: int) -> Any:
        """The value of ``node`` (at ``path``, ``depth`` levels down)."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(node)
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is ScalarNode:
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            self.fail(node, f"nesting deeper than {MAX_DEPTH} levels", "", "depth")
            return None
        if id(node) in self.open:
            self.fail(
                node,
                "an alias refers to the list or mapping that contains it, which would nest "
                f"without end (deeper than {MAX_DEPTH} levels)",
                "an alias (*name) can only repeat a value defined before it, not its own parent",
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
            f"the tag {short} is not allowed: policebench reads plain YAML only",
            "remove the tag and write the value as plain text, a number, a list or a mapping",
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
            self.fail(node, f"the number is {len(value):,} characters long", "", "value")
            return None
        shown = value if len(value) <= 40 else value[:37] + "..."
        short = tag.replace("tag:yaml.org,2002:", "!!")
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # a date that does not exist, say
            self.fail(node, f"cannot read the value {shown!r}: {exc}", "", "value")
        except (yaml.YAMLError, TypeError, AttributeError, KeyError, IndexError):
            # SafeConstructor trusts the resolver: a value given a tag it does not fit (an
            # explicit `!!bool maybe`, `!!timestamp soon`, `!!int ""`) fails inside it anyhow.
            self.fail(
                node,
                f"cannot read the value {shown!r} as {short}",
                f"remove the tag {short} or write a value of that kind",
                "value",
            )
        return None

    def mapping(self, node: yaml.Node, path: YamlPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys, values = self.keys, self.values
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.fail(key_node, "a key must be a plain name or number, not a list or mapping")
                continue
            if key_node.tag == _MERGE_TAG:
                self.fail(
                    key_node,
                    "merge keys (<<) are not supported",
                    "write the keys out in full",
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
                    f"duplicate key {_short(key)!r} (first defined on line {line})",
                    "remove one of the two entries or merge them",
                    "duplicate-key",
                )
                continue
            keys[child] = (mark.line + 1, mark.column + 1)
            if type(value_node) is ScalarNode and value_node.tag == _STR_TAG:
                # Most values are text: what build() would do, without a call per value.
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    raise _TooLarge(value_node)
                mark = value_node.start_mark
                values[child] = (mark.line + 1, mark.column + 1)
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, child, depth + 1)
        return result


def _short(key: Any) -> Any:
    if isinstance(key, str) and len(key) > 60:
        return key[:57] + "..."
    return key


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _needs_prescan(text: str) -> bool:
    """Whether ``text`` might be too deep or too many values for libyaml's composer to see.

    The composer recurses in C (it crashed the interpreter near 30,000 levels) and builds a
    Python object per value before any limit of ours applies (a 5 MB file of one-letter items
    took 800 MB). Every collection opens with ``[``, ``{``, ``-``, ``?`` or ``:``, so their
    count bounds the depth, and a value takes at least two characters, so the length bounds
    their number: both are C-speed, and only files past either bound get the exact check.
    """
    if len(text) > _PRESCAN_ABOVE:
        return True
    total = 0
    for char in "[{-?:":
        total += text.count(char)
        if total > _SAFE_OPENERS:
            return True
    return False


#: Openers below which no file can nest deep enough to trouble the composer (with a margin).
_SAFE_OPENERS = 5_000
#: Characters below which a file cannot hold many more values than MAX_NODES / 2.
_PRESCAN_ABOVE = 256 * 1024


def _prescan(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, or more than MAX_NODES values, from the events.

    Walking libyaml's event stream needs no recursion and keeps one event in memory at a time;
    it stops at the first limit passed.
    """
    parser = CParser(text)
    depth = nodes = 0
    start, end = yaml.CollectionStartEvent, yaml.CollectionEndEvent
    node_events = (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return
            if isinstance(event, node_events):
                nodes += 1
                if nodes > MAX_NODES:
                    raise InvalidInput([_too_many(file, _mark(event))])
            if isinstance(event, start):
                depth += 1
                if depth > MAX_DEPTH:
                    line, column = _mark(event)
                    raise InvalidInput(
                        [
                            Problem(
                                file,
                                line,
                                column,
                                f"nesting deeper than {MAX_DEPTH} levels",
                                "rubrics and profiles nest a few levels; check the brackets",
                                "depth",
                            )
                        ]
                    )
            elif isinstance(event, end):
                depth -= 1
    except yaml.YAMLError:
        return  # the composer reports syntax errors with its own message
    finally:
        parser.dispose()


def _too_many(file: str, where: Position) -> Problem:
    return Problem(
        file,
        *where,
        f"the document has more than {MAX_NODES:,} values",
        "a rubric or profile has a few thousand values at most; check the path",
        "too-large",
    )


def parse(text: str, file: str) -> Document:
    """Parse one YAML document from ``text``; every problem in it is raised together."""
    if _needs_prescan(text):
        _prescan(text, file)
    loader = _Parser(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise InvalidInput([_yaml_problem(exc, file, text)]) from None
        except RecursionError:
            raise InvalidInput(
                [Problem(file, 1, 1, f"nesting deeper than {MAX_DEPTH} levels", "", "depth")]
            ) from None
    finally:
        loader.dispose()
    if node is None:
        raise InvalidInput(
            [
                Problem(
                    file,
                    1,
                    1,
                    "the file is empty",
                    "a rubric or profile is a YAML mapping of keys",
                    "empty",
                )
            ]
        )
    builder = _Builder(file)
    try:
        data = builder.build(node, (), 0)
    except _TooLarge as exc:
        line, column = _mark(exc.node)
        raise InvalidInput(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"the document expands to more than {MAX_NODES:,} values "
                    "(aliases expanding without bound?)",
                    "write the values out instead of nesting aliases",
                    "alias-bomb",
                )
            ]
        ) from None
    if builder.problems:
        raise InvalidInput(builder.problems)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InvalidInput(
            [
                Problem(
                    file,
                    *_mark(node),
                    f"the document is {kind}, expected a mapping of keys such as 'id:' and 'name:'",
                    "",
                    "not-mapping",
                )
            ]
        )
    return Document(file, data, builder.values, builder.keys)


def load(path: Path, display: str | None = None) -> tuple[Document, bytes]:
    """Read and parse the YAML file at ``path``. Returns the document and the raw bytes."""
    name = display or str(path)
    text, raw = read_text(path, name)
    return parse(text, name), raw


def closest(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """A ``did you mean`` hint for a misspelt name, or an empty string."""
    import difflib  # only when a name is misspelt: it costs every start a few milliseconds

    matches = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""
