"""render.sensitivity with many places: the CSV keeps one probability column, JSON all."""

from __future__ import annotations

import csv
import io
import json

from policebench.analysis.sensitivity import run
from policebench.models import Profile, Rubric
from policebench.render.sensitivity import MAX_RANK_COLUMNS, render_csv, render_json


def _many(profiles: dict[str, Profile], count: int) -> list[Profile]:
    base = list(profiles.values())
    return [
        base[n % len(base)].model_copy(update={"id": f"place-{n:02d}", "name": f"Place {n}"})
        for n in range(count)
    ]


def test_beyond_max_rank_columns_the_csv_gives_the_point_ranks_probability(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    places = _many(profiles, MAX_RANK_COLUMNS + 2)
    result = run(rubric, places, samples=400, seed=2)
    rows = list(csv.DictReader(io.StringIO(render_csv(result).lstrip("\ufeff"))))
    assert len(rows) == len(places)
    assert "p_rank_1" not in rows[0]
    for row, place in zip(rows, result.places, strict=True):
        assert row["id"] == place.id
        assert float(row["p_point_rank"]) == round(place.rank.probability(place.rank.point), 4)

    data = json.loads(render_json(result))
    for entry, place in zip(data["places"], result.places, strict=True):
        rank = entry["rank"]
        assert len(rank["counts"]) == rank["max"] - rank["min"] + 1
        shown = {rank["min"] + k: n / data["samples"] for k, n in enumerate(rank["counts"]) if n}
        assert shown == place.rank.probabilities
        assert rank["min"] <= rank["p5"] <= rank["median"] <= rank["p95"] <= rank["max"]


def test_json_gives_each_places_rank_odds_and_without_counts_only_those(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    result = run(rubric, _many(profiles, MAX_RANK_COLUMNS + 2), samples=400, seed=3)
    full = json.loads(render_json(result))
    lean = json.loads(render_json(result, counts=False))
    for entry, short, place in zip(full["places"], lean["places"], result.places, strict=True):
        rank = entry["rank"]
        shares = {rank["min"] + k: round(n / 400, 4) for k, n in enumerate(rank["counts"])}
        assert rank["p_point_rank"] == shares[rank["point"]]
        best = max(shares.values())
        assert rank["most_likely_rank"] == min(r for r, p in shares.items() if p == best)
        assert rank["p_most_likely_rank"] == best
        assert "counts" not in short["rank"]
        assert short["rank"] == {k: v for k, v in rank.items() if k != "counts"}
        assert {k: v for k, v in short.items() if k != "rank"} == {
            k: v for k, v in entry.items() if k != "rank"
        }
        assert place.rank.mode == rank["most_likely_rank"]
    assert {k: v for k, v in lean.items() if k != "places"} == {
        k: v for k, v in full.items() if k != "places"
    }


def test_the_method_gives_how_often_a_level_moves_as_a_percentage(
    rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    """As compare --uncertainty says it: "in 67% of the samples", not "with probability 0.67"."""
    from policebench.render.sensitivity import method_text

    result = run(rubric, list(profiles.values()), samples=50, seed=1)
    assert "低置信度等级在 67% 的抽样中上调或下调一级，中置信度等级为 33%" in method_text(
        result, rubric, "zh"
    )
    assert "move one level in 67% of the samples, medium ones in 33%" in method_text(
        result, rubric, "en"
    )
