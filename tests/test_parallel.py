"""parallel: POLICEBENCH_WORKERS and the cores, as the reader and the analysis read them."""

from __future__ import annotations

import pytest

from policebench.parallel import MAX_WORKERS, requested_workers, usable_cores


@pytest.mark.parametrize(("value", "expected"), [("3", 3), ("1", 1), ("0", None), ("x", None)])
def test_requested_workers(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.setenv("POLICEBENCH_WORKERS", value)
    assert requested_workers() == expected


def test_unset_means_not_requested(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICEBENCH_WORKERS", raising=False)
    assert requested_workers() is None
    assert 1 <= usable_cores() <= MAX_WORKERS
