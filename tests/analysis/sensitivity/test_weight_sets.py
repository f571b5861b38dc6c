"""Alternative weight sets (an AHP panel's, entropy's) as a source of uncertainty."""

from __future__ import annotations

import datetime as dt

import pytest

from policebench.analysis.sensitivity import run
from policebench.errors import UserError
from policebench.models import Profile, Rubric, Uncertainty

#: Only the weights vary: no Dirichlet around a set, one aggregation, levels fixed.
ONLY_SETS = Uncertainty(
    concentration=None, aggregations=["arithmetic"], low_shift=0, medium_shift=0
)


def _place(place_id: str, planning: int, integration: int) -> Profile:
    entry = {"confidence": "high", "evidence": "Seen."}
    return Profile.model_validate(
        {
            "id": place_id,
            "name": place_id,
            "rubric": "smart-policing",
            "assessed": dt.date(2026, 1, 1),
            "indicators": {
                "top-level-design": {"level": planning, **entry},
                "data-governance": {"level": integration, **entry},
            },
        }
    )


def _reweighted(rubric: Rubric, dimension: str, weight: float) -> Rubric:
    data = rubric.model_dump()
    for d in data["dimensions"]:
        if d["id"] == dimension:
            d["weight"] = weight
    return Rubric.model_validate(data)


def test_samples_draw_among_the_sets_and_ranks_follow(rubric: Rubric) -> None:
    # Rubric (dimension weights 1 each; only planning and integration known):
    # a = (100 + 25) / 2 = 62.5, b = (25 + 75) / 2 = 50. Integration weight 5:
    # a = (100 + 5 * 25) / 6 = 37.5, b = (25 + 5 * 75) / 6 = 66.7: the ranks swap.
    places = [_place("a", 4, 1), _place("b", 1, 3)]
    other = _reweighted(rubric, "integration", 5.0)
    result = run(
        rubric,
        places,
        samples=2000,
        seed=1,
        settings=ONLY_SETS,
        weight_sets=[("panel", other)],
    )
    assert result.sources == ("weights",)
    assert [w.name for w in result.weight_sets] == ["smart-policing", "panel"]
    assert result.weight_sets[0].overall == {"a": pytest.approx(62.5), "b": pytest.approx(50)}
    assert result.weight_sets[1].overall["a"] == pytest.approx(37.5)
    assert result.weight_sets[1].overall["b"] == pytest.approx(400 / 6)
    assert result.weight_sets[0].rank == {"a": 1, "b": 2}
    assert result.weight_sets[1].rank == {"b": 1, "a": 2}
    assert result.rank_spread("a") == (1, 2)
    a = result.place("a")
    assert a.overall is not None
    # Each sample takes one set as it is: a's scores are 62.5 or 37.5, about half each.
    assert (a.overall.min, a.overall.max) == (pytest.approx(37.5), pytest.approx(62.5))
    assert a.rank.probability(1) == pytest.approx(0.5, abs=0.05)
    # The weights explain all the variance: nothing else varies.
    assert result.index["weights"] == pytest.approx(1, abs=0.1)


def test_without_sets_nothing_changes(rubric: Rubric) -> None:
    places = [_place("a", 4, 1), _place("b", 1, 3)]
    plain = run(rubric, places, samples=500, seed=3)
    same = run(rubric, places, samples=500, seed=3, weight_sets=[])
    assert plain == same and plain.weight_sets == ()


def test_a_set_over_other_indicators_is_refused(rubric: Rubric) -> None:
    data = rubric.model_dump()
    data["dimensions"] = data["dimensions"][:-1]
    smaller = Rubric.model_validate(data)
    with pytest.raises(UserError, match="other dimensions or indicators"):
        run(rubric, [_place("a", 4, 1)], samples=10, weight_sets=[("small", smaller)])
