"""The results commands hand to renderers: a place's report and comparisons, as plain data."""

from __future__ import annotations


class OneLine(tuple[int, ...]):
    """A long run of numbers that JSON shows on one line (``[3,41,7]``) instead of one line
    per number: the rank counts of 3,000 places are millions of numbers. A tuple, so templates
    and every reader take it as the list it is."""

    __slots__ = ()
