"""Who does the work of :func:`policebench.analysis.sensitivity.run`: threads or processes.

The work is many NumPy calls on blocks of some 10^5 numbers. Two threads running them
contend for the GIL between calls (on this project's 2-core machines a two-thread run used
a third more CPU than a one-thread run, for a 1.2x speed-up); forked processes do not. So a
large run (at least :data:`PROCESS_MIN` place-sample pairs), where ``fork`` exists (Linux),
goes to a pool of forked processes: they inherit the plan (no copying), write the overall
scores into a matrix in shared memory, and send back only their chunks' summaries and rank
counts. A small run, or one where no pool can start, uses threads, as before. Either way the
same chunks are computed the same way, so the result is the same to the last bit.

Internal: the API is :func:`policebench.analysis.sensitivity.run`.
"""

from __future__ import annotations

import mmap
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from policebench.analysis.sensitivity_engine import Chunk, Plan, evaluate_stripe
from policebench.analysis.sensitivity_stats import rank_counts

T = TypeVar("T")

#: Runs of at least this many (place, sample) pairs use processes where fork exists: below
#: it, starting them costs more than the GIL does (the bundled places: 4 x 10,000).
PROCESS_MIN = 2**22

Spans = list[tuple[int, int]]

#: What forked workers read: set just before the pool forks them, cleared after.
_SHARED: tuple[Plan, list[Spans], list[Spans]] | None = None


def use_processes(pairs: int, workers: int) -> bool:
    """Whether a run of ``pairs`` (place, sample) pairs with ``workers`` should fork."""
    return workers > 1 and pairs >= PROCESS_MIN and sys.platform.startswith("linux")


def score_matrix(places: int, samples: int, shared: bool) -> Any:
    """The (places, samples) matrix of overall scores; in shared memory for processes."""
    import numpy as np

    if not shared:
        return np.empty((places, samples))
    buffer = mmap.mmap(-1, max(1, places * samples * 8))  # anonymous, shared with children
    return np.frombuffer(buffer, dtype=np.float64, count=places * samples).reshape(places, samples)


def execute(
    plan: Plan,
    stripes: list[Spans],
    rank_stripes: list[Spans],
    side: Callable[[], T],
    processes: bool,
) -> tuple[list[list[Chunk]], Any, T]:
    """Every stripe's chunks, the summed rank counts, and ``side()`` (run meanwhile here)."""
    if processes:
        out = _in_processes(plan, stripes, rank_stripes, side)
        if out is not None:
            return out
    # One more thread than workers: ``side`` (the point scores) is pure Python and the
    # workers spend most of their time in NumPy with the GIL released.
    with ThreadPoolExecutor(max_workers=len(rank_stripes) + 1) as pool:
        later = pool.submit(side)
        done = list(pool.map(lambda stripe: evaluate_stripe(plan, stripe), stripes))
        counts = sum(pool.map(lambda stripe: rank_counts(plan.overall, stripe), rank_stripes))
        return done, counts, later.result()


def _in_processes(
    plan: Plan, stripes: list[Spans], rank_stripes: list[Spans], side: Callable[[], T]
) -> tuple[list[list[Chunk]], Any, T] | None:
    import multiprocessing

    global _SHARED
    _SHARED = (plan, stripes, rank_stripes)
    try:
        try:
            pool = multiprocessing.get_context("fork").Pool(len(rank_stripes))
        except (OSError, ImportError, ValueError):  # no semaphores or no fork: use threads
            return None
        with pool:
            pending = pool.map_async(_stripe, range(len(stripes)))
            kept = side()
            done = pending.get()
            counts = sum(pool.map(_ranks, range(len(rank_stripes))))
        return done, counts, kept
    finally:
        _SHARED = None


def _stripe(k: int) -> list[Chunk]:
    assert _SHARED is not None
    plan, stripes, _ = _SHARED
    return evaluate_stripe(plan, stripes[k])


def _ranks(k: int) -> Any:
    assert _SHARED is not None
    plan, _, rank_stripes = _SHARED
    return rank_counts(plan.overall, rank_stripes[k])
