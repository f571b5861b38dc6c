"""analysis.sensitivity.workers: forked processes give the result threads give, to the bit."""

from __future__ import annotations

import os
import sys

import pytest

from policebench.analysis.sensitivity import run, workers
from policebench.analysis.sensitivity.workers import (
    PROCESS_MIN,
    matrix,
    use_processes,
    worker_count,
)
from policebench.models import Profile, Rubric

_TEST_PROCESS = os.getpid()


def test_only_large_runs_with_several_workers_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    linux = sys.platform.startswith("linux")
    assert use_processes(PROCESS_MIN, 2) is linux
    assert not use_processes(PROCESS_MIN - 1, 2)
    assert not use_processes(PROCESS_MIN, 1)
    # A process running other threads (a program embedding policebench) never forks.
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    assert not use_processes(PROCESS_MIN, 2)


def test_a_shared_matrix_is_writable_and_typed() -> None:
    import numpy as np

    scores = matrix(3, 4, np.float64, shared=True)
    scores[2, 3] = 1.5
    assert scores.shape == (3, 4) and scores.dtype == np.float64 and scores[2, 3] == 1.5
    ranks = matrix(4, 3, np.uint16, shared=True)
    assert ranks.shape == (4, 3) and ranks.dtype == np.uint16


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_processes_give_the_threads_result(
    rubric: Rubric, profiles: dict[str, Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    places = list(profiles.values())
    alone = run(rubric, places, samples=3000, seed=5, workers=1)
    forked: list[bool] = []
    real = workers.in_processes

    def spy(*args: object) -> object:
        out = real(*args)  # type: ignore[arg-type]
        forked.append(out is not None)
        return out

    monkeypatch.setattr(workers, "PROCESS_MIN", 0)
    monkeypatch.setattr(workers, "in_processes", spy)
    together = run(rubric, places, samples=3000, seed=5, workers=2)
    assert forked == [True]
    assert together == alone


def test_policebench_workers_sets_the_default_number_of_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POLICEBENCH_WORKERS", "1")
    assert worker_count(None) == 1
    assert worker_count(3) == 3  # an explicit request wins
    monkeypatch.setenv("POLICEBENCH_WORKERS", "not a number")
    assert worker_count(None) >= 1


def _die(*args: object) -> None:
    """Stands in for ``evaluate_stripe`` in a forked worker: dies there, as if killed."""
    if os.getpid() == _TEST_PROCESS:  # threads, not processes: never kill the test run
        raise AssertionError("the stripe was scored in the test's process, not a forked one")
    os._exit(9)  # as if the system had killed the worker


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_a_killed_worker_is_an_error_with_a_hint_not_a_hang(
    rubric: Rubric, profiles: dict[str, Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    from policebench.errors import UserError

    monkeypatch.setattr(workers, "PROCESS_MIN", 0)
    # A forked worker scores its stripe with evaluate_stripe: make that die instead.
    monkeypatch.setattr(workers, "evaluate_stripe", _die)
    with pytest.raises(UserError, match="worker process") as raised:
        run(rubric, list(profiles.values()), samples=500, seed=1, workers=2)
    assert "POLICEBENCH_WORKERS=1" in (raised.value.hint or "")
