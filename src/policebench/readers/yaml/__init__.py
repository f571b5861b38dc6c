"""The one YAML loader: ``parse`` and ``load`` a file into a :class:`Document`.

libyaml (``CSafeLoader``) composes the node graph, so parsing runs at C speed; this package then
builds plain Python values from the nodes itself, which lets it

* remember where every key and value stands (1-based line and column), so that a model error
  can be reported at its place in the planner's file;
* refuse what PyYAML would silently accept: a duplicate key (both lines are named), a key that
  is not a plain scalar, merge keys, and any tag outside the YAML core schema;
* bound alias expansion, so a "billion laughs" file is refused after a fixed amount of work;
* walk the event stream of a large or bracket-heavy file first, so that libyaml's recursive
  composer never sees a file that would crash it or make millions of objects (see
  ``_prescan.needs_prescan``).

Reading is on the hot path of bulk runs (thousands of profiles): the resolver, the scalar
fast paths and the inlined text values are there for speed; docs/performance.md has figures.

Nothing here touches pydantic or the models: the result is a :class:`Document`.

The parts, each a module of its own: ``_text`` (bytes to text: size, file kind, encoding),
``_prescan`` (the event walk for big files), ``_builder`` (the resolver and the value builder
with positions), ``_syntax`` (libyaml errors as problems with hints), ``_mend`` (after a
syntax error, mending what is certain in a copy and reading on, so that every such mistake
shows at once), ``_fullwidth`` (an input method's full-width punctuation where structure
goes, for syntax and model errors) and ``_document`` (the result and the limits). This module
ties them together and is the only one to import from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from policebench.errors import InvalidInput
from policebench.messages import Msg
from policebench.problems import Problem
from policebench.readers.yaml._builder import TooLarge, YamlBuilder, YamlParser, impossible_date
from policebench.readers.yaml._document import (
    MAX_DEPTH,
    MAX_NODES,
    Document,
    Position,
    YamlPath,
    mark_of,
    too_deep,
)
from policebench.readers.yaml._fullwidth import in_scalar as fullwidth_in_scalar
from policebench.readers.yaml._mend import Mended, read_on
from policebench.readers.yaml._prescan import needs_prescan, prescan
from policebench.readers.yaml._text import MAX_BYTES, decode, read_text

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Document",
    "MendedInput",
    "Position",
    "YamlPath",
    "closest",
    "closest_then",
    "decode",
    "detach",
    "detached",
    "fullwidth_in_scalar",
    "impossible_date",
    "load",
    "parse",
    "read_text",
]


class MendedInput(InvalidInput):
    """A YAML file with syntax errors, every one of them mended with certainty in a copy
    that then read cleanly: its problems, and the document read from that copy (``mended``,
    positions in the planner's file), so that the checks of its values can run in the same
    run."""

    def __init__(self, problems: list[Problem], mended: Document) -> None:
        super().__init__(problems)
        self.mended = mended


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
        # Called only for attributes not set yet: data, values, keys and text until reloaded.
        if name not in ("data", "values", "keys", "text") or "_path" not in self.__dict__:
            raise AttributeError(name)
        try:
            doc = load(self._path, self.file)[0]
        except InvalidInput:  # the file changed since it was read: positions unknown
            doc = Document(self.file, {})
        self.data, self.values, self.keys = doc.data, doc.values, doc.keys
        self.text = doc.text
        return getattr(self, name)


def detach(doc: Document, path: Path) -> Document:
    """``doc`` without its data and positions in memory; they are read from ``path`` if used."""
    return detached(doc.file, path)


def detached(file: str, path: Path) -> Document:
    """The document of ``path`` (shown as ``file``), read only if its data or positions are
    used: for a profile validated before (the validated-input cache)."""
    return _Detached(file, path)


def parse(text: str, file: str) -> Document:
    """Parse one YAML document from ``text``; every problem in it is raised together."""
    if needs_prescan(text):
        prescan(text, file)
    loader = YamlParser(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            problems, mended = read_on(exc, file, text)
            doc = _mended(mended, file, text)
            if doc is not None:
                raise MendedInput(problems, doc) from None
            raise InvalidInput(problems) from None
        except RecursionError:
            raise InvalidInput([too_deep(file, (1, 1))]) from None
    finally:
        loader.dispose()
    if node is None:
        raise InvalidInput(
            [
                Problem(
                    file,
                    1,
                    1,
                    Msg("file-empty"),
                    Msg("file-empty-hint"),
                    "empty",
                )
            ]
        )
    builder = YamlBuilder(file)
    try:
        data = builder.build(node, (), 0)
    except TooLarge as exc:
        line, column = mark_of(exc.node)
        raise InvalidInput(
            [
                Problem(
                    file,
                    line,
                    column,
                    Msg("alias-bomb", limit=f"{MAX_NODES:,}"),
                    Msg("alias-bomb-hint"),
                    "alias-bomb",
                )
            ]
        ) from None
    if builder.problems:
        if builder.passed_on == len(builder.problems) and isinstance(data, dict):
            # Only dates that do not exist: the rest of the file is checked in the same run.
            document = Document(file, data, builder.values, builder.keys, text)
            raise MendedInput(builder.problems, document)
        raise InvalidInput(builder.problems)
    if not isinstance(data, dict):
        if _looks_like_csv(file, text):
            raise InvalidInput(
                [
                    Problem(
                        file,
                        1,
                        1,
                        Msg("other-csv"),
                        Msg("other-csv-hint", file=file),
                        "other-command",
                    )
                ]
            )
        kind = Msg("value-list") if isinstance(data, list) else Msg("value-single")
        raise InvalidInput(
            [
                Problem(
                    file,
                    *mark_of(node),
                    Msg("document-not-mapping", kind=kind),
                    "",
                    "not-mapping",
                )
            ]
        )
    return Document(file, data, builder.values, builder.keys, text)


def _mended(mended: Mended | None, file: str, text: str) -> Document | None:
    """The document of a copy mended with certainty, placed in the original ``text``."""
    if mended is None:
        return None
    try:
        doc = parse(mended.text, file)
    except InvalidInput:  # a value the copy's reading did not check (too large, say)
        return None
    if not mended.columns:
        return Document(file, doc.data, doc.values, doc.keys, text)
    values = {path: mended.back(at) for path, at in doc.values.items()}
    keys = {path: mended.back(at) for path, at in doc.keys.items()}
    return Document(file, doc.data, values, keys, text)


def _looks_like_csv(file: str, text: str) -> bool:
    """Whether a document that is no mapping is a CSV table (questionnaire answers, say):
    named so, or a first line of three or more comma-separated cells and no ``key:``."""
    if file.lower().endswith((".csv", ".tsv")):
        return True
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return first.count(",") >= 2 and ": " not in first


def load(path: Path, display: str | None = None) -> tuple[Document, bytes]:
    """Read and parse the YAML file at ``path``. Returns the document and the raw bytes."""
    name = display or str(path)
    text, raw = read_text(path, name)
    return parse(text, name), raw


def closest_then(word: str, choices: list[str] | set[str] | tuple[str, ...], rest: str) -> str:
    """A hint: ``did you mean 'x'?`` before ``rest`` when a choice is close, else ``rest``."""
    near = closest(word, choices)
    return Msg("hint-then", first=near, rest=rest) if near else rest


def closest(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """A ``did you mean`` hint for a misspelt name, or an empty string."""
    import difflib  # only when a name is misspelt: it costs every start a few milliseconds

    matches = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return Msg("did-you-mean", name=matches[0]) if matches else ""
