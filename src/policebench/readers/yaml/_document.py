"""What parsing gives: a :class:`Document` with the position of every key and value.

Split from the loader so that the reading, pre-scanning and building modules, and everything
downstream that only points at places in a file (``validate``, ``rubric_checks``), share one
definition of a path, a position and the bounds every document is held to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from policebench.messages import Msg
from policebench.problems import Problem

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]

#: Nodes built per document, counting every alias expansion: bounds "billion laughs".
MAX_NODES = 250_000
#: Nesting depth of mappings and sequences.
MAX_DEPTH = 64


@dataclass
class Document:
    """A parsed YAML file: its data and where each part of it stands."""

    file: str
    data: Any
    values: dict[YamlPath, Position] = field(default_factory=dict)
    keys: dict[YamlPath, Position] = field(default_factory=dict)
    #: The text it was parsed from (a reference, not a copy), for problems that need to look
    #: at what was typed around a value; empty for a document made otherwise.
    text: str = field(default_factory=str, repr=False, compare=False)
    #: The data with the forms a planner meant read as meant (``level: "5"`` as 5), when the
    #: model refused the document for something else: what the rubric's checks of a broken
    #: document read (``validation.build.build_profile`` sets it); None otherwise.
    read_as: Any = field(default=None, repr=False, compare=False)

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
        code: str,
        severity: str = "error",
    ) -> Problem:
        """A problem located at ``path`` in this document; ``code`` names its kind (listed,
        with its fix, in docs/problem-codes.md)."""
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, message, hint, code, severity)


def mark_of(node: yaml.Node | yaml.Event) -> Position:
    mark = node.start_mark
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def too_deep(file: str, where: Position) -> Problem:
    """The problem of a file nesting past ``MAX_DEPTH`` (or past libyaml's own limit)."""
    return Problem(
        file,
        *where,
        Msg("too-deep", limit=MAX_DEPTH),
        Msg("too-deep-hint"),
        "depth",
    )
