"""A walk of libyaml's event stream that refuses too deep or too large files before composing.

libyaml's composer recurses in C and makes a Python object per value before any limit of ours
applies; this walk needs no recursion and keeps one event at a time. It is a module of its own
because it runs only for the few files ``needs_prescan`` picks out, with its own tuning.
"""

from __future__ import annotations

import yaml

from policebench.errors import InvalidInput
from policebench.messages import Msg
from policebench.problems import Problem
from policebench.readers.yaml._document import MAX_DEPTH, MAX_NODES, Position, mark_of, too_deep
from policebench.readers.yaml._libyaml import CParser


def needs_prescan(text: str) -> bool:
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


def prescan(text: str, file: str) -> None:
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
                    raise InvalidInput([_too_many(file, mark_of(event))])
            if isinstance(event, start):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InvalidInput([too_deep(file, mark_of(event))])
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
        Msg("too-many-values", limit=f"{MAX_NODES:,}"),
        Msg("too-many-values-hint"),
        "too-large",
    )
