"""`report` and `compare` with --uncertainty: the output says what was varied (from the
rubric's actual settings), the samples and the seed, that unknown levels were not varied,
and how likely each place's point rank is, the same figure as `sensitivity --format json`.

Runs happen in an empty temporary folder (``in_tmp``), so the bundled data is used.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.report.sensitivity import share_text
from policebench.workspace import bundled

pytest.importorskip("numpy")

SAMPLES, SEED = "600", "11"
FAST = ("--uncertainty", "--samples", SAMPLES, "--seed", SEED)

#: What each language must say with the bundled rubric's default settings.
SAYS = {
    "en": [
        "How sure are these results?",
        f"{SAMPLES} samples, seed {SEED}",
        "Varied in each sample",
        "Dirichlet distribution, concentration 50",
        "a dimension's weight typically moves by ±28%",
        "arithmetic mean or geometric mean, equally likely",
        "a low-confidence level moves one level up or down in 67% of samples",
        "a medium-confidence level in 33%",
        "Not varied",
        "Unknown levels stay unknown: every sample leaves them out",
        "P(this rank)",
        "Most likely rank",
    ],
    "zh": [
        "结果有多确定？",
        f"共抽样 {SAMPLES} 次，随机种子为 {SEED}",
        "每次抽样随机变动",
        "狄利克雷分布，集中度 50",
        "维度权重通常在 ±28% 内浮动",
        "在算术平均与几何平均之间等概率选取",
        "低置信度等级在 67% 的抽样中上调或下调一级",
        "中置信度等级为 33%",
        "未变动",
        "未知等级始终保持未知：每次抽样都像计算综合得分时一样将其排除在外，不作任何推测",
        "保持该排名的概率",
        "最可能的名次",
    ],
}


def invoke(runner: CliRunner, *args: str) -> str:
    # Wide enough that no sentence wraps (the layout at 80 columns: tests/cli/test_terminal.py).
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout
    return result.stdout


def sensitivity_probabilities(runner: CliRunner) -> dict[str, tuple[int, float]]:
    """Each place's point rank and its probability, from `sensitivity --format json`."""
    data = json.loads(
        invoke(runner, "sensitivity", "--samples", SAMPLES, "--seed", SEED, "-f", "json")
    )
    return {
        p["id"]: (
            p["rank"]["point"],
            _shares(p["rank"], data["samples"]).get(p["rank"]["point"], 0.0),
        )
        for p in data["places"]
    }


def _shares(rank: dict[str, Any], samples: int) -> dict[int, float]:
    """Each rank from the best to the worst the place took -> its share, as the reports round
    it (4 digits)."""
    return {rank["min"] + k: round(n / samples, 4) for k, n in enumerate(rank["counts"])}


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        ("report", "markdown"),
        ("report", "html"),
        ("compare", "markdown"),
        ("compare", "html"),
        ("compare", "table"),
    ],
)
def test_the_output_says_what_was_varied_and_how_likely_each_rank_is(
    runner: CliRunner, command: str, fmt: str, lang: str
) -> None:
    where = ["j-city"] if command == "report" else []
    out = invoke(runner, command, *where, *FAST, "-f", fmt, "--lang", lang)
    text = html.unescape(out) if fmt == "html" else out
    if fmt == "table":  # a terminal's paragraphs wrap: read them as one line
        text = re.sub(r"\n +", " ", text).replace("\n", " ")
    for phrase in SAYS[lang]:
        assert phrase in text, phrase
    other = "zh" if lang == "en" else "en"
    assert SAYS[other][0] not in text and SAYS[other][2] not in text
    # Each place's point-rank probability, as the sensitivity command computes it (with
    # the bundled places each point rank is also the most likely one).
    figures = sensitivity_probabilities(runner)
    for point, p in figures.values():
        assert p > 0
        if fmt == "html":
            assert f'<td class="num"><strong>{share_text(p)}</strong></td>' in out
        else:
            assert f"{point}{'（' if lang == 'zh' else ' ('}{share_text(p)}" in text
    if command == "report":
        point, p = figures["j-city"]
        sentence = {
            "en": f"rank {point} in {share_text(p)} of samples",
            "zh": f"在 {share_text(p)} 的抽样中排第 {point} 名",
        }[lang]
        assert sentence in text
    plain = invoke(runner, command, *where, "-f", fmt, "--lang", lang)
    assert SAYS[lang][0] not in html.unescape(plain)


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["report", "compare"])
def test_json_carries_the_settings_samples_seed_and_point_rank_probabilities(
    runner: CliRunner, command: str, lang: str
) -> None:
    where = ["j-city"] if command == "report" else []
    data = json.loads(invoke(runner, command, *where, *FAST, "-f", "json", "--lang", lang))
    u = data["uncertainty"]
    assert (u["samples"], u["seed"]) == (int(SAMPLES), int(SEED))
    sens = json.loads(
        invoke(runner, "sensitivity", "--samples", SAMPLES, "--seed", SEED, "-f", "json")
    )
    assert u["settings"] == sens["settings"]
    assert u["settings"]["concentration"] == 50 and u["settings"]["impute_unknown"] is False
    assert u["sources"] == sens["sources"] == ["weights", "aggregation", "confidence"]
    assert u["not_varied"] == ["unknowns"]
    explained = u["explanation"]
    assert [x["source"] for x in explained["varied"]] == u["sources"]
    assert [x["source"] for x in explained["not_varied"]] == ["unknowns"]
    assert explained["samples"].startswith(SAYS[lang][1])
    assert SAYS[lang][9] in explained["not_varied"][0]["text"]
    for place in sens["places"]:
        rank = place["rank"]
        mine = u["places"][place["id"]]
        assert mine["point_rank"] == rank["point"]
        shares = _shares(rank, sens["samples"])
        assert mine["p_point_rank"] == shares[rank["point"]]
        assert (mine["rank_min"], mine["rank_max"]) == (rank["min"], rank["max"])
        best = max(shares.values())
        assert mine["p_most_likely_rank"] == best
        assert shares[mine["most_likely_rank"]] == best
    rows = data["ranking"] if command == "report" else data["places"]
    for row in rows:
        band = row["rank_band"]
        assert band["p_point_rank"] == u["places"][row["id"]]["p_point_rank"]
        assert band["p_point_rank_text"] == share_text(band["p_point_rank"])
    if command == "report":
        assert u["rank"]["p_point_rank"] == u["places"]["j-city"]["p_point_rank"]
    assert json.loads(invoke(runner, command, *where, "-f", "json"))["uncertainty"] is None


def test_other_settings_are_described_as_they_are(runner: CliRunner, in_tmp: Path) -> None:
    """Fixed weights, one aggregation, no moves, unknowns imputed: the text follows."""
    text = (bundled("rubrics") / "smart-policing.yaml").read_text(encoding="utf-8")
    custom = in_tmp / "custom.yaml"
    custom.write_text(
        text + "uncertainty:\n  concentration: null\n  aggregations: [geometric]\n"
        "  low_shift: 0\n  medium_shift: 0\n  impute_unknown: true\n  impute_max: 3\n",
        encoding="utf-8",
    )
    args = ["--rubric", str(custom), *FAST]
    data = json.loads(invoke(runner, "report", "j-city", *args, "-f", "json"))
    u = data["uncertainty"]
    assert u["sources"] == ["unknowns"]
    assert u["not_varied"] == ["weights", "aggregation", "confidence"]
    out = invoke(runner, "report", "j-city", *args, "--lang", "en")
    assert "Weights: the rubric's, fixed." in out
    assert "Aggregation: always the geometric mean." in out
    assert "Known levels: as assessed, whatever their confidence." in out
    assert "all set to level 0 or all set to level 3, equally likely" in out
    assert "Unknown levels stay unknown" not in out
    zh = invoke(runner, "compare", *args, "--lang", "zh", "-f", "markdown")
    assert "权重：固定采用评估框架的权重。" in zh
    assert "汇总方法：始终采用几何平均。" in zh
    assert "全部按 0 级计或全部按 3 级计" in zh
