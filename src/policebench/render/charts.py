"""Inline SVG charts drawn from report data (being written: see the HTML report work)."""

from __future__ import annotations

from typing import Any


def exported() -> dict[str, Any]:
    """The chart functions templates may call as ``charts.<name>(...)``."""
    return {}
