"""How many workers a parallel step may use: the one reading of POLICEBENCH_WORKERS and of
the cores, shared by the profile reader and the sensitivity analysis."""

from __future__ import annotations

import os

#: Never more workers than this, however many cores there are.
MAX_WORKERS = 8


def requested_workers() -> int | None:
    """POLICEBENCH_WORKERS when it is a positive whole number, else None."""
    wanted = os.environ.get("POLICEBENCH_WORKERS", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else None


def usable_cores() -> int:
    """The cores this process may run on, at most :data:`MAX_WORKERS`."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))
