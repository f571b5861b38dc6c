"""analysis.sensitivity_workers: forked processes give the result threads give, to the bit."""

from __future__ import annotations

import sys

import pytest

from policebench.analysis import sensitivity_workers
from policebench.analysis.sensitivity import run
from policebench.analysis.sensitivity_workers import PROCESS_MIN, matrix, use_processes
from policebench.models import Profile, Rubric


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
    real = sensitivity_workers._in_processes

    def spy(*args: object) -> object:
        out = real(*args)  # type: ignore[arg-type]
        forked.append(out is not None)
        return out

    monkeypatch.setattr(sensitivity_workers, "PROCESS_MIN", 0)
    monkeypatch.setattr(sensitivity_workers, "_in_processes", spy)
    together = run(rubric, places, samples=3000, seed=5, workers=2)
    assert forked == [True]
    assert together == alone


def test_policebench_workers_sets_the_default_number_of_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from policebench.analysis.sensitivity import _workers

    monkeypatch.setenv("POLICEBENCH_WORKERS", "1")
    assert _workers(None) == 1
    assert _workers(3) == 3  # an explicit request wins
    monkeypatch.setenv("POLICEBENCH_WORKERS", "not a number")
    assert _workers(None) >= 1


def _die(k: int) -> None:
    import os

    os._exit(9)  # as if the system had killed the worker


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_a_killed_worker_is_an_error_with_a_hint_not_a_hang(
    rubric: Rubric, profiles: dict[str, Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    from policebench.errors import UserError

    monkeypatch.setattr(sensitivity_workers, "PROCESS_MIN", 0)
    monkeypatch.setattr(sensitivity_workers, "_stripe", _die)
    with pytest.raises(UserError, match="worker process") as raised:
        run(rubric, list(profiles.values()), samples=500, seed=1, workers=2)
    assert "POLICEBENCH_WORKERS=1" in (raised.value.hint or "")
