"""Who does the work of :func:`policebench.analysis.sensitivity.run`: threads or processes.

The work is many NumPy calls on blocks of some 10^5 numbers. Two threads running them
contend for the GIL between calls (on this project's 2-core machines two threads took
7.2-8.9 s of CPU where one took 6.0-6.6 s, for a 1.1-1.3x speed-up); forked processes do
not. So a large run (at least :data:`PROCESS_MIN` place-sample pairs), where ``fork`` exists
(Linux) and the calling process runs no other thread, goes to a pool of forked processes:
they inherit the plan (no copying), write the overall scores and the ranks into matrices in
shared memory, and send back only their chunks' summaries and rank counts. A small run, or
one where no pool can start, uses threads, as before. Either way the same chunks are
computed the same way, so the result is the same to the last bit.

Internal: the API is :func:`policebench.analysis.sensitivity.run`.
"""

from __future__ import annotations

import mmap
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from policebench.analysis.sensitivity.engine import Chunk, Plan, evaluate_stripe
from policebench.analysis.sensitivity.stats import rank_histograms, rank_positions
from policebench.errors import UserError
from policebench.messages import Msg
from policebench.parallel import requested_workers, usable_cores

T = TypeVar("T")
R = TypeVar("R")

#: Runs of at least this many (place, sample) pairs use processes where fork exists: below
#: it, starting them costs more than the GIL does (the bundled places: 4 x 10,000).
PROCESS_MIN = 2**22

Spans = list[tuple[int, int]]

#: What forked workers read: set just before the pool forks them, cleared after.
_SHARED: tuple[Plan, list[Spans], list[Spans], Any] | None = None
#: Per place: (lowest rank - 1, counts of each rank from there up).
Histograms = list[tuple[int, Any]]
#: Per chunk of places: lowest and highest ranks - 1, and the rank counts one after another.
Packed = tuple[Any, Any, Any]


def worker_count(requested: int | None) -> int:
    """``requested``, else POLICEBENCH_WORKERS (as for reading profiles), else the cores."""
    if requested is not None:
        return max(1, requested)
    return requested_workers() or usable_cores()


def use_processes(pairs: int, workers: int) -> bool:
    """Whether a run of ``pairs`` (place, sample) pairs with ``workers`` should fork.

    Only where this process runs one thread: a fork copies another thread's locks in
    whatever state they are (a program embedding policebench, a web server say, keeps
    threads; it gets threads here too)."""
    return (
        workers > 1
        and pairs >= PROCESS_MIN
        and sys.platform.startswith("linux")
        and threading.active_count() == 1
    )


def matrix(rows: int, columns: int, dtype: Any, shared: bool) -> Any:
    """An uninitialised (rows, columns) matrix; in shared memory for forked processes."""
    import numpy as np

    if not shared:
        return np.empty((rows, columns), dtype=dtype)
    size = rows * columns * np.dtype(dtype).itemsize
    buffer = mmap.mmap(-1, max(1, size))  # anonymous and shared with the children
    return np.frombuffer(buffer, dtype=dtype, count=rows * columns).reshape(rows, columns)


def prefault(*arrays: Any) -> threading.Thread:
    """Touch every page of ``arrays`` in a started thread (join it before using them).

    A page of fresh memory costs the first write a fault (on this project's virtual
    machines, up to 0.5 s for 240 MB); the workers would pay it in their scoring loop, while
    the main thread, preparing the plan, leaves a core idle that can pay it instead."""

    thread = threading.Thread(target=touch, args=arrays, name="policebench-prefault", daemon=True)
    thread.start()
    return thread


def touch(*arrays: Any) -> None:
    """Write to every page of ``arrays``, so that later writes find them mapped."""
    for array in arrays:
        array.reshape(-1).view("u1")[:: mmap.PAGESIZE] = 0


def rank_dtype(places: int) -> Any:
    """The smallest unsigned integer type that holds a rank among ``places``."""
    import numpy as np

    return np.uint16 if places <= 2**16 else np.uint32


def execute(
    plan: Plan,
    stripes: list[Spans],
    rank_stripes: list[Spans],
    ranks: Any,
    side: Callable[[], T],
    processes: bool,
) -> tuple[list[Chunk], Histograms, T]:
    """Every chunk (in place order), every place's rank histogram, and ``side()`` (run
    meanwhile here). Three rounds: score the places (stripes of places), rank them in each sample
    (stripes of samples, into ``ranks``), count each place's ranks (the place stripes)."""
    if processes:
        out = in_processes(plan, stripes, rank_stripes, ranks, side)
        if out is not None:
            return out
    # One more thread than workers: ``side`` (the point scores) is pure Python and the
    # workers spend most of their time in NumPy with the GIL released.
    with ThreadPoolExecutor(max_workers=len(rank_stripes) + 1) as pool:
        later = pool.submit(side)
        done = list(pool.map(lambda stripe: evaluate_stripe(plan, stripe), stripes))
        list(pool.map(lambda stripe: rank_positions(plan.overall, stripe, ranks), rank_stripes))
        counted = pool.map(lambda stripe: _histograms(ranks, stripe), stripes)
        chunks = _in_span_order(stripes, done)
        return chunks, _by_place(stripes, list(counted)), later.result()


def _histograms(ranks: Any, stripe: Spans) -> list[Packed]:
    return [rank_histograms(ranks, p0, p1) for p0, p1 in stripe]


def _in_span_order(stripes: list[Spans], per_stripe: list[list[R]]) -> list[R]:
    """Results of the stripes' spans (one per span, stripe by stripe) in span order."""
    by_start = {
        span[0]: result
        for stripe, results in zip(stripes, per_stripe, strict=True)
        for span, result in zip(stripe, results, strict=True)
    }
    return [by_start[start] for start in sorted(by_start)]


def _by_place(stripes: list[Spans], counted: list[list[Packed]]) -> Histograms:
    out = []
    for lows, highs, flat in _in_span_order(stripes, counted):
        at = 0
        for low, high in zip(lows.tolist(), highs.tolist(), strict=True):
            out.append((low, flat[at : at + high - low + 1]))
            at += high - low + 1
    return out


def in_processes(
    plan: Plan, stripes: list[Spans], rank_stripes: list[Spans], ranks: Any, side: Callable[[], T]
) -> tuple[list[Chunk], Histograms, T] | None:
    """:func:`execute`'s three rounds in a pool of forked processes (None: no pool starts)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _SHARED
    _SHARED = (plan, stripes, rank_stripes, ranks)
    try:
        try:
            # concurrent.futures rather than multiprocessing.Pool: a worker killed from
            # outside (out of memory) breaks the pool with an error instead of a hang.
            pool = ProcessPoolExecutor(
                len(rank_stripes), mp_context=multiprocessing.get_context("fork")
            )
        except (OSError, ImportError, ValueError):  # no semaphores or no fork: use threads
            return None
        try:
            with pool:
                pending = [pool.submit(_stripe, k) for k in range(len(stripes))]
                kept = side()
                touch(ranks)  # while the workers score: this process has nothing else to do
                done = [future.result() for future in pending]
                list(pool.map(_positions, range(len(rank_stripes))))
                counted = list(pool.map(_counts, range(len(stripes))))
        except BrokenProcessPool:
            raise UserError(
                Msg("worker-stopped"),
                Msg("worker-stopped-hint"),
            ) from None
        return _in_span_order(stripes, done), _by_place(stripes, counted), kept
    finally:
        _SHARED = None


def _stripe(k: int) -> list[Chunk]:
    assert _SHARED is not None
    plan, stripes, _, _ = _SHARED
    return evaluate_stripe(plan, stripes[k])


def _positions(k: int) -> None:
    assert _SHARED is not None
    plan, _, rank_stripes, ranks = _SHARED
    rank_positions(plan.overall, rank_stripes[k], ranks)


def _counts(k: int) -> list[Packed]:
    assert _SHARED is not None
    _, stripes, _, ranks = _SHARED
    return _histograms(ranks, stripes[k])
