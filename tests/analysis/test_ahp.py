"""The AHP arithmetic against Saaty's published worked examples, and the panel's aggregation."""

from __future__ import annotations

from fractions import Fraction

import pytest

from policebench.analysis.ahp import (
    CR_LIMIT,
    RANDOM_INDEX,
    geometric_mean,
    inconsistencies,
    priorities,
)
from policebench.models.weights import Matrix


def matrix(rows: list[str]) -> Matrix:
    values = tuple(tuple(float(Fraction(x)) for x in row.split()) for row in rows)
    return Matrix(tuple(f"i{k}" for k in range(len(rows))), values)


# T. L. Saaty, "How to make a decision: The Analytic Hierarchy Process", European Journal of
# Operational Research 48 (1990) 9-26, the house example: the eight criteria (size of house,
# transportation, neighbourhood, age, yard, modern facilities, general condition, financing).
# Published: priorities .173 .054 .188 .018 .031 .036 .167 .333; lambda_max 9.669,
# CI 0.238, CR 0.169.
HOUSE = [
    "1 5 3 7 6 6 1/3 1/4",
    "1/5 1 1/3 5 3 3 1/5 1/7",
    "1/3 3 1 6 3 4 6 1/5",
    "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
    "1/6 1/3 1/3 3 1 1/2 1/5 1/6",
    "1/6 1/3 1/4 4 2 1 1/5 1/6",
    "3 5 1/6 7 5 5 1 1/2",
    "4 7 5 8 6 6 2 1",
]
# T. L. Saaty, The Analytic Hierarchy Process, McGraw-Hill 1980 (after Saaty and Khouja
# 1976), the relative wealth of nations: US, USSR, China, France, UK, Japan, West Germany.
# Published: .427 .230 .021 .052 .052 .123 .094; lambda_max 7.61, CI 0.10, CR 0.08.
WEALTH = [
    "1 4 9 6 6 5 5",
    "1/4 1 7 5 5 3 4",
    "1/9 1/7 1 1/5 1/5 1/7 1/5",
    "1/6 1/5 5 1 1 1/3 1/3",
    "1/6 1/5 5 1 1 1/3 1/3",
    "1/5 1/3 7 3 3 1 2",
    "1/5 1/4 5 3 3 1/2 1",
]


def test_saaty_house_example_to_the_published_digits() -> None:
    found = priorities(matrix(HOUSE))
    assert [round(w, 3) for w in found.weights] == [
        0.173,
        0.054,
        0.188,
        0.018,
        0.031,
        0.036,
        0.167,
        0.333,
    ]
    assert round(found.lambda_max, 3) == 9.669
    assert round(found.ci, 3) == 0.238
    assert found.cr is not None and round(found.cr, 3) == 0.169
    assert not found.consistent  # 0.169 > 0.1: the comparisons to revise are named
    assert len(found.inconsistencies) == 3


def test_saaty_wealth_of_nations_to_the_published_digits() -> None:
    found = priorities(matrix(WEALTH))
    assert [round(w, 3) for w in found.weights] == [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]
    assert round(found.lambda_max, 2) == 7.61
    assert round(found.ci, 2) == 0.10
    assert found.cr is not None and round(found.cr, 2) == 0.08
    assert found.consistent and found.inconsistencies == ()


def test_random_index_is_saatys() -> None:
    assert [RANDOM_INDEX[n] for n in range(3, 11)] == [
        0.58,
        0.90,
        1.12,
        1.24,
        1.32,
        1.41,
        1.45,
        1.49,
    ]
    assert CR_LIMIT == 0.1


def test_a_consistent_matrix_has_cr_zero_and_its_ratios_as_weights() -> None:
    # w = (4, 2, 1) / 7: every a_ij = w_i / w_j.
    found = priorities(matrix(["1 2 4", "1/2 1 2", "1/4 1/2 1"]))
    assert found.weights == pytest.approx((4 / 7, 2 / 7, 1 / 7))
    assert found.lambda_max == pytest.approx(3)
    assert found.cr == pytest.approx(0, abs=1e-9)


def test_one_and_two_items() -> None:
    assert priorities(Matrix(("a",), ((1.0,),))).weights == (1.0,)
    two = priorities(matrix(["1 3", "1/3 1"]))
    assert two.weights == pytest.approx((0.75, 0.25))
    assert two.cr == pytest.approx(0, abs=1e-9)


def test_the_judgement_against_the_rest_is_named_first() -> None:
    # a > b (3), b > c (3), so a > c strongly is expected; 1/5 says the opposite.
    m = matrix(["1 3 1/5", "1/3 1 3", "5 1/3 1"])
    found = priorities(m)
    assert not found.consistent
    worst = inconsistencies(m, found)
    assert len(worst) == 3
    assert worst[0].factor >= worst[1].factor >= worst[2].factor
    for x in worst:  # factor = max(e, 1/e) with e = given * w_j / w_i
        i, j = m.items.index(x.row), m.items.index(x.column)
        e = m.values[i][j] * found.weights[j] / found.weights[i]
        assert x.factor == pytest.approx(max(e, 1 / e))
        assert x.implied == pytest.approx(found.weights[i] / found.weights[j])


def test_geometric_mean_keeps_the_matrix_reciprocal() -> None:
    a = matrix(["1 3 5", "1/3 1 2", "1/5 1/2 1"])
    b = matrix(["1 1/2 4", "2 1 3", "1/4 1/3 1"])
    mean = geometric_mean([a, b])
    assert mean.values[0][1] == pytest.approx((3 * 0.5) ** 0.5)
    assert mean.values[0][2] == pytest.approx((5 * 4) ** 0.5)
    for i in range(3):
        for j in range(3):
            assert mean.values[i][j] * mean.values[j][i] == pytest.approx(1)
