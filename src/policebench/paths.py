"""Where policebench's bundled data lives and how a path is shown to the user.

A module of its own, below both the readers (``inputs``, ``workspace``) and the writers
(``render.templates``, ``output``), so that neither side imports the other to find a folder.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

__all__ = ["YAML_SUFFIXES", "bundled", "display"]

YAML_SUFFIXES = (".yaml", ".yml")


def bundled(kind: str) -> Path:
    """The folder of bundled ``rubrics``, ``cities``, ``templates`` or ``schemas``.

    Installed from a wheel they live inside the package (``policebench/data``); in a source
    checkout or an editable install, at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    inside = here / "data" / kind
    return inside if inside.is_dir() else here.parent.parent / kind


def display(path: Path) -> str:
    """A path as the user should see it: relative to the working folder where possible."""
    try:
        return str(path.resolve().relative_to(_resolved_cwd(os.getcwd())))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a symbolic link loop
        return str(path)


@functools.lru_cache(maxsize=8)
def _resolved_cwd(cwd: str) -> Path:
    # Resolved once per working folder, not once per file read (3,000 files: 0.1 s).
    return Path(cwd).resolve()
