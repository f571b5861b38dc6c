"""`policebench sensitivity`: formats, byte-identical reruns, settings errors, no NumPy.

Runs happen in an empty temporary folder (``in_tmp``), so the bundled data is used.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Profile, Rubric
from policebench.report.sensitivity import band_text, rank_text, share_text
from policebench.scoring import rank, score
from policebench.workspace import bundled

FAST = ("--samples", "1500")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_table_lists_places_in_point_rank_order(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    # Wide enough that no header wraps (the layout at 80 columns: tests/cli/test_terminal.py).
    result = runner.invoke(app, ["sensitivity", *FAST], env={"COLUMNS": "200"})
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert code == 0, err
    order = [c.city_id for c in rank([score(rubric, p) for p in profiles.values()])]
    positions = [out.index(profiles[i].name) for i in order]
    assert positions == sorted(positions)
    for label in ("Score (5–95%)", "Rank (5–95%)", "P(rank 1)", "first-order", "seed 0"):
        assert label in out
    assert "\x1b[" not in out


def test_json_contract_and_byte_identical_reruns(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    code, first, err = run(runner, "sensitivity", *FAST, "--seed", "5", "--format", "json")
    assert code == 0, err
    _, again, _ = run(runner, "sensitivity", *FAST, "--seed", "5", "--format", "json")
    assert again == first
    _, other, _ = run(runner, "sensitivity", *FAST, "--seed", "6", "--format", "json")
    assert other != first
    data = json.loads(first)
    assert data["samples"] == 1500 and data["seed"] == 5
    assert data["sources"] == ["weights", "aggregation", "confidence"]
    assert set(data["index"]) == {"weights", "aggregation", "confidence", "unknowns"}
    assert data["index"]["unknowns"] is None
    ids = [p["id"] for p in data["places"]]
    assert sorted(ids) == sorted(profiles)
    for p in data["places"]:
        card = score(rubric, profiles[p["id"]])
        assert p["overall"]["point"] == round(card.overall or 0, 2)
        o = p["overall"]
        assert o["min"] <= o["p5"] <= o["median"] <= o["p95"] <= o["max"]
        assert sum(p["rank"]["counts"]) == data["samples"]
        assert p["rank"]["counts"][0] > 0 and p["rank"]["counts"][-1] > 0
        assert set(p["dimensions"]) == {d.id for d in rubric.dimensions}


def test_no_rank_counts_leaves_the_counts_out_of_the_json_only(
    runner: CliRunner, in_tmp: Path
) -> None:
    code, full, err = run(runner, "sensitivity", *FAST, "--format", "json")
    assert code == 0, err
    code, lean, err = run(runner, "sensitivity", *FAST, "--format", "json", "--no-rank-counts")
    assert code == 0, err
    assert len(lean) < len(full)
    places = json.loads(lean)["places"]
    assert places and all("counts" not in p["rank"] for p in places)
    assert all(0 < p["rank"]["p_point_rank"] <= 1 for p in places)
    _, table, _ = run(runner, "sensitivity", *FAST)
    _, table_lean, _ = run(runner, "sensitivity", *FAST, "--no-rank-counts")
    assert table_lean == table


def test_csv_and_markdown_and_output_file(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "sensitivity", "j-city", "hangzhou", *FAST, "-f", "csv")
    assert code == 0, err
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == ["hangzhou", "j-city"]
    assert {"p5", "median", "p95", "p_rank_1", "p_rank_2", "index_weights"} <= set(rows[0])
    assert float(rows[0]["p_rank_1"]) + float(rows[1]["p_rank_1"]) == pytest.approx(1.0)

    code, out, err = run(runner, "sensitivity", *FAST, "-f", "markdown", "-o", "s.md")
    assert code == 0, err
    assert out == "" and "wrote s.md" in err
    text = (in_tmp / "s.md").read_text(encoding="utf-8")
    assert text.startswith("# Uncertainty and sensitivity of the scores")
    assert "| Source of uncertainty |" in text


def test_chinese_labels(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "sensitivity", "j-city", *FAST, "--lang", "zh")
    assert code == 0, err
    assert "得分的不确定性与敏感性" in out
    assert "一阶敏感性指数" in out


def test_bad_uncertainty_settings_point_at_the_rubric(runner: CliRunner, in_tmp: Path) -> None:
    text = (bundled("rubrics") / "smart-policing.yaml").read_text(encoding="utf-8")
    bad = in_tmp / "bad.yaml"
    bad.write_text(
        text + "uncertainty:\n  impute_unknown: true\n  impute_min: 3\n  impute_max: 1\n",
        encoding="utf-8",
    )
    line = len(text.splitlines()) + 3  # the impute_min line
    code, out, err = run(runner, "sensitivity", "--rubric", str(bad), *FAST)
    assert code == 2
    assert out == ""
    assert f"bad.yaml:{line}:" in err
    assert "impute_min (3) is above impute_max (1)" in err


def test_one_sample_is_enough_to_run(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = run(runner, "sensitivity", "--samples", "1", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["index"] == {s: None for s in ("weights", "aggregation", "confidence", "unknowns")}
    for p in data["places"]:
        o = p["overall"]
        assert o["p5"] == o["median"] == o["p95"] == o["min"] == o["max"]


def test_bad_options_and_unknown_place(runner: CliRunner, in_tmp: Path) -> None:
    assert run(runner, "sensitivity", "--samples", "0")[0] == 2
    assert run(runner, "sensitivity", "--seed", "-1")[0] == 2
    code, _, err = run(runner, "sensitivity", "atlantis", *FAST)
    assert code == 2
    assert "unknown city 'atlantis'" in err


def test_without_numpy_says_how_to_install_it(
    runner: CliRunner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy -> ImportError
    code, out, err = run(runner, "sensitivity")
    assert code == 2
    assert out == ""
    assert err == (
        "error: policebench sensitivity needs NumPy, which is missing from this Python "
        "environment (hint: NumPy is installed with policebench; reinstall it (pip install "
        "policebench) or install NumPy alone (pip install numpy))\n"
    )


def test_numpy_is_not_imported_by_the_cli_module() -> None:
    # The import-time rule: numpy only inside the command's code path.
    import subprocess

    code = (
        "import sys, policebench.cli.app, policebench.validation.build, "
        "policebench.analysis.sensitivity, policebench.render.sensitivity; "
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# --- the helpers reports use ---------------------------------------------------------------


def test_band_and_rank_text() -> None:
    from array import array

    from policebench.analysis.sensitivity import Band, RankBand

    band = Band(52.2, 47.4, 51.0, 58.1, 40.0, 61.0, 1.0)
    # The point as every table shows a score, the sampled ends in whole points; a range of
    # numbers with an en dash in English, the wave dash of GB/T 15834 in Chinese.
    assert band_text(band) == "52.2 (47–58)"
    assert band_text(None) == "unknown"
    assert band_text(Band(None, 0.0, 50.0, 100.0, 0.0, 100.0, 0.6), lang="zh") == "未知（0～100）"
    assert band_text(band, lang="zh") == "52.2（47～58）"  # full-width brackets in Chinese
    ranks = RankBand(2, 2, 1, 3, 10, array("q", [3, 6, 1]))
    assert rank_text(ranks) == "2 (1–3)"
    assert rank_text(ranks, "zh") == "2（1～3）"
    assert rank_text(None) == "—"  # ranked nowhere: nothing known
    # The ranks of 90% of the samples, not the best and worst of any: once first and twice
    # third in 100 samples is "2 (2–2)", not "2 (1–3)".
    rare = RankBand(2, 2, 1, 3, 100, array("q", [1, 97, 2]))
    assert (rare.min, rare.max) == (1, 3)
    assert rank_text(rare) == "2 (2–2)"
    assert rank_text(RankBand(4, 4, 1, 4, 100, array("q", [1, 3, 20, 76]))) == "4 (3–4)"
    assert ranks.probabilities == {1: 0.3, 2: 0.6, 3: 0.1}
    assert ranks.probability(4) == 0.0
    # as percentages, as compare --uncertainty gives them; exact 0 and 1 only when exact
    assert [share_text(p) for p in (0.0, 0.004, 0.5, 0.996, 1.0)] == [
        "0%",
        "<1%",
        "50%",
        ">99%",
        "100%",
    ]


def test_a_long_run_says_so_on_a_terminal_and_erases_the_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from policebench.cli.commands import sensitivity as command

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with command._working("sampling 3,000 places x 10,000 samples"):
        pass
    err = capsys.readouterr().err
    assert err.startswith("policebench: sampling 3,000 places x 10,000 samples ...")
    assert err.endswith("\r\x1b[K")
    with command._working(None):  # a short run says nothing
        pass
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with command._working("sampling"):  # nor does one whose stderr is not a terminal
        pass
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_top_shows_the_best_ranked_and_says_how_many_more(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile], fmt: str
) -> None:
    order = [c.city_id for c in rank([score(rubric, p) for p in profiles.values()])]
    env = {"COLUMNS": "200"}
    args = ["sensitivity", *FAST, "--top", "2", "-f", fmt]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for shown in order[:2]:
        assert profiles[shown].name in out
    for left in order[2:]:
        assert profiles[left].name not in out
    assert f"The 2 best-ranked of {len(order)} places; {len(order) - 2} more" in out
    assert "--all shows every one" in out
    zh = runner.invoke(app, [*args, "--lang", "zh"], env=env).stdout
    assert f"仅列出 {len(order)} 个地区中排名前 2 的地区，其余 {len(order) - 2} 个" in zh
    every = runner.invoke(app, [*args, "--all"], env=env).stdout
    assert all(profiles[i].name in every for i in order)
    assert "best-ranked" not in every


def test_json_and_csv_have_every_place_whatever_top_says(
    runner: CliRunner, in_tmp: Path, profiles: dict[str, Profile]
) -> None:
    code, out, err = run(runner, "sensitivity", *FAST, "--top", "1", "-f", "json")
    assert code == 0, err
    assert len(json.loads(out)["places"]) == len(profiles)
    code, out, err = run(runner, "sensitivity", *FAST, "--top", "1", "-f", "csv")
    assert code == 0, err
    assert len(list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))) == len(profiles)


def test_a_place_with_nothing_known_is_ranked_nowhere(runner: CliRunner, in_tmp: Path) -> None:
    """A new profile beside the bundled places has no score in any sample: it is not '5 (5-5)'
    with P(rank 5) = 1, but unranked in every format, and the ranks run to 4."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    places = ("my-city", "@bundled", "--samples", "200")
    code, out, err = run(runner, "sensitivity", *places, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [p["id"] for p in data["places"]][-1] == "my-city"
    assert data["places"][-1]["rank"] is None and data["places"][-1]["overall"] is None
    assert [p["rank"]["point"] for p in data["places"][:-1]] == [1, 2, 3, 4]
    code, out, err = run(runner, "sensitivity", *places, "-f", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert "p_rank_4" in rows[0] and "p_rank_5" not in rows[0]
    assert rows[-1]["rank"] == "" and rows[-1]["p_rank_1"] == ""
    code, out, err = run(runner, "sensitivity", *places, "-f", "markdown", "--lang", "zh")
    assert code == 0, err
    assert "| — | My City |" in out and "第5名概率" not in out
    assert "—：没有已知等级，因此没有综合得分，也不参与排名。" in out
    for command in (
        ("compare", "my-city", "@bundled"),
        ("report", "my-city", "--peers", "@bundled"),
    ):
        for fmt in ("json", "markdown", "html"):
            code, out, err = run(runner, *command, "--uncertainty", "--samples", "200", "-f", fmt)
            assert code == 0, (command, fmt, err)
    code, out, err = run(runner, "compare", "my-city", "@bundled", "--uncertainty", "-f", "table")
    assert code == 0 and "My City" in out, err  # the terminal's table of rank odds leaves it out
    data = json.loads(run(runner, "report", "my-city", "--uncertainty", "-f", "json")[1])
    assert data["uncertainty"]["rank"] is None and "my-city" not in data["uncertainty"]["places"]


def test_imputed_samples_do_not_rank_a_place_with_nothing_known(
    runner: CliRunner, in_tmp: Path
) -> None:
    """With unknowns imputed, a place with nothing known has scores in the samples (its band
    shows them, and the others' ranks count it: P(rank 5) is a column) but no score of its
    own, so no rank: not 'None' in the rank odds, not 'rank 5 in 67% of samples'."""
    (in_tmp / "rubrics").mkdir()
    text = (bundled("rubrics") / "smart-policing.yaml").read_text(encoding="utf-8")
    (in_tmp / "rubrics" / "smart-policing.yaml").write_text(
        text + "uncertainty:\n  impute_unknown: true\n", encoding="utf-8"
    )
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    code, out, err = run(
        runner, "sensitivity", "my-city", "@bundled", "--samples", "300", "-f", "json"
    )
    assert code == 0, err
    mine = json.loads(out)["places"][-1]
    assert mine["id"] == "my-city" and mine["rank"] is None and mine["overall"] is not None
    code, out, err = run(
        runner, "sensitivity", "my-city", "@bundled", "--samples", "300", "-f", "csv"
    )
    assert code == 0, err
    assert "p_rank_5" in out.splitlines()[0]
    for command in (
        ("compare", "my-city", "@bundled"),
        ("report", "my-city", "--peers", "@bundled"),
    ):
        for fmt in (
            ("markdown", "html", "table") if command[0] == "compare" else ("markdown", "html")
        ):
            code, out, err = run(runner, *command, "--uncertainty", "--samples", "300", "-f", fmt)
            assert code == 0, err
            assert "None" not in out and "rank 5 in" not in out, (command, fmt)


def test_a_ranking_caption_is_shown_only_under_a_row_it_explains(
    runner: CliRunner, in_tmp: Path
) -> None:
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    top = ("sensitivity", "my-city", "@bundled", "--samples", "200", "-f", "markdown")
    code, out, err = run(runner, *top, "--top", "2")
    assert code == 0, err
    assert "no level known" not in out  # My City is not among the best two
    code, out, err = run(runner, *top)
    assert "—: no level known, so no overall and no rank." in out
