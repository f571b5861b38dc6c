"""What a planner means by a value typed another way.

Profiles are typed by hand, often with a Chinese input method on. Here: the valid id made
from an id typed as a name (``My City`` -> ``my-city``), proposed in the hint and never
applied (ids are keys and file names).
"""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str | None:
    """A valid id made from what was typed (``My City`` -> ``my-city``), None if none can be
    (Chinese, say: an id is in Latin letters)."""
    plain = unicodedata.normalize("NFKC", text).strip().lower()
    made = re.sub(r"[^a-z0-9_]+", "-", plain).strip("-_")
    if not made or not plain.isascii():
        return None
    return made[:80].rstrip("-_")
