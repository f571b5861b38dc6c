"""analysis.sensitivity.stats: the rank order of each sample."""

from __future__ import annotations


def test_rank_order_matches_an_exact_stable_sort() -> None:
    # Near-ties closer than the 32-bit key, exact ties (by id), no score (last).
    import numpy as np

    from policebench.analysis.sensitivity.stats import rank_order as _rank_order

    rng = np.random.default_rng(0)
    scores = np.round(rng.random((300, 40)) * 100, 1)  # many exact ties
    scores[:, 3] = scores[:, 4] + 1e-12  # closer than the key resolution, in wrong order
    scores[::7, 5] = np.nan
    scores[::11, 6] = 100.0
    scores[::13, 7] = 0.0
    exact = np.argsort(-np.where(np.isnan(scores), -np.inf, scores), axis=1, kind="stable")
    assert (_rank_order(scores) == exact).all()
