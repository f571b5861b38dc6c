"""gaps, recommend, compare and report through the CLI: exit codes, formats, golden files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Profile
from policebench.workspace import bundled


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.usefixtures("in_tmp")
class TestGaps:
    def test_table_lists_gaps_and_unknowns(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "gaps", "j-city", "--against", "frontier")
        assert code == 0
        assert "Top-level design" in out
        assert "Unknown levels (10)" in out

    def test_json_contract(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "gaps", "j-city", "--against", "hangzhou", "-f", "json")
        assert code == 0
        data = json.loads(out)
        assert data["against"] == "hangzhou"
        assert len(data["gaps"]) + len(data["unknown"]) == 21
        impacts = [g["impact"] for g in data["gaps"]]
        assert impacts == sorted(impacts, reverse=True)
        assert all(g["gap"] >= 0 for g in data["gaps"])
        # Hangzhou knows 7 levels; targets elsewhere fall back to the rubric default (3).
        sources = {g["target_source"] for g in data["gaps"]}
        assert sources == {"peer", "default"}

    def test_target_option_wins(self, runner: CliRunner) -> None:
        code, out, _ = run(
            runner, "gaps", "j-city", "--against", "frontier", "--target", "4", "-f", "json"
        )
        assert code == 0
        assert {g["target"] for g in json.loads(out)["gaps"]} == {4}

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_target_option_is_said_and_no_frontier_claimed(
        self, runner: CliRunner, lang: str
    ) -> None:
        # The frontier is neither the heading nor "missing": --target set every target.
        code, out, _ = run(runner, "gaps", "j-city", "--target", "4", "--lang", lang)
        assert code == 0
        said = {
            "en": "Every indicator's target is 4 (Optimising), one target for all; peers set none.",
            "zh": "所有指标的目标统一为 4 优化，不参照对标地区。",
        }
        assert said[lang] in out
        for wrong in ("Frontier", "frontier", "先进前沿"):
            assert wrong not in out.splitlines()[0]
        assert "there is no frontier" not in out and "不存在先进前沿" not in out
        code, out, _ = run(runner, "gaps", "j-city", "--target", "4", "-f", "json")
        report = json.loads(out)
        assert report["against_name"] is None and "one target for all" in report["targets"]["note"]

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_targets_not_from_the_peer_are_counted(self, runner: CliRunner, lang: str) -> None:
        # Closing every gap "against Hangzhou" lifts J City above Hangzhou: most targets are
        # the rubric's default, where Hangzhou is not known; the note says how many.
        code, out, _ = run(runner, "gaps", "j-city", "--against", "hangzhou", "-f", "json")
        data = json.loads(out)
        others = [r for r in data["targets"]["indicators"] if r["source"] != "peer"]
        assert code == 0 and others
        code, out, _ = run(runner, "gaps", "j-city", "--against", "hangzhou", "--lang", lang)
        said = {
            "en": f"{len(others)} of the 21 targets are not Hangzhou's",
            "zh": f"21 项目标中有 {len(others)} 项并非取自杭州市",
        }
        assert said[lang] in " ".join(out.split()).replace("档 案", "档案")

    def test_csv_rows_and_bom(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "gaps", "j-city", "-f", "csv")
        assert code == 0 and out.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
        assert len(rows) == 21

    @pytest.mark.parametrize(
        "args,phrase",
        [
            (["gaps", "nowhere"], "unknown city 'nowhere'"),
            (["gaps", "j-city", "--against", "hangzou"], "did you mean 'hangzhou'"),
            (["gaps", "j-city", "--target", "7"], "0..4 (hint: give a level from 0 to 4"),
            (["gaps", "j-city", "--against", "j-city"], "compared with itself"),
            (["gaps", "missing.yaml"], "no such file"),
        ],
    )
    def test_bad_input_exits_2(self, runner: CliRunner, args: list[str], phrase: str) -> None:
        code, _, err = run(runner, *args)
        assert code == 2
        assert phrase in err


@pytest.mark.usefixtures("in_tmp")
class TestRecommend:
    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_a_prerequisite_the_roadmap_cannot_reach_is_not_called_current(
        self, runner: CliRunner, lang: str
    ) -> None:
        # J City's platform integration is at 1 today; the roadmap takes it to 2 only (its
        # next step is blocked), so usability 3, which needs it at 3, cannot be scheduled.
        code, out, _ = run(runner, "recommend", "j-city", "-f", "json", "--lang", lang)
        assert code == 0
        (reason,) = [
            b["reason"]
            for b in json.loads(out)["roadmap"]["blocked"]
            if b["indicator"] == "usability"
        ]
        said = {
            "en": "which the roadmap takes only to 2",
            "zh": "而路线图只能使其达到 2",
        }
        assert said[lang] in reason and "目前为" not in reason

    def test_roadmap_json(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "recommend", "j-city", "--against", "frontier", "-f", "json")
        assert code == 0
        data = json.loads(out)
        phases = data["roadmap"]["phases"]
        assert phases and phases[0]["phase"] == 1
        placed = {(a["indicator"], a["level"]) for p in phases for a in p["actions"]}
        # Every need of an action is met by the current level or by an earlier phase.
        reached: dict[str, int] = {}
        for phase in phases:
            for action in phase["actions"]:
                for need in action["needs"]:
                    assert (
                        reached.get(need["indicator"], 0) >= need["level"]
                        or (need["indicator"], need["level"]) not in placed
                    )
            for action in phase["actions"]:
                reached[action["indicator"]] = max(
                    reached.get(action["indicator"], 0), action["level"]
                )
        assert data["lessons"], "J City has peers to learn from"

    def test_top_limits_the_plan(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "recommend", "j-city", "--top", "1", "-f", "json")
        assert code == 0
        data = json.loads(out)
        assert len(data["lessons"]) == 1

    def test_markdown_and_csv(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "recommend", "j-city", "-f", "markdown")
        assert code == 0 and "### Phase 1" in out
        code, out, _ = run(runner, "recommend", "j-city", "-f", "csv")
        assert code == 0 and out.startswith("\ufeffphase,indicator")


@pytest.mark.usefixtures("in_tmp")
class TestCompare:
    def test_all_formats(self, runner: CliRunner) -> None:
        for fmt in ("table", "markdown", "json", "csv"):
            code, out, _ = run(runner, "compare", "-f", fmt)
            assert code == 0, fmt
            assert "Qingdao" in out
        data = json.loads(run(runner, "compare", "-f", "json")[1])
        assert [p["rank"] for p in data["places"]] == [1, 2, 3, 4]
        assert len(data["heatmap"]) == 21

    def test_subset_of_places(self, runner: CliRunner) -> None:
        data = json.loads(run(runner, "compare", "j-city", "qingdao", "-f", "json")[1])
        assert {p["id"] for p in data["places"]} == {"j-city", "qingdao"}


@pytest.mark.usefixtures("in_tmp")
class TestReport:
    def test_golden_markdown(self, runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
        code, out, _ = run(runner, "report", "j-city", "--against", "frontier")
        assert code == 0
        golden("report-j-city-frontier.md", out)

    def test_golden_json(self, runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
        code, out, _ = run(runner, "report", "j-city", "--against", "frontier", "-f", "json")
        assert code == 0
        golden("report-j-city-frontier.json", out)
        data = json.loads(out)
        shas = {p["id"]: p["sha256"] for p in data["provenance"]["profiles"]}
        assert set(shas) == {"j-city", "hangzhou", "qingdao", "inner-mongolia"}
        assert all(len(s) == 64 for s in shas.values())

    def test_deterministic_output_file(self, runner: CliRunner, in_tmp: Path) -> None:
        first, second = in_tmp / "a.md", in_tmp / "b.md"
        assert run(runner, "report", "j-city", "-o", str(first))[0] == 0
        assert run(runner, "report", "j-city", "-o", str(second))[0] == 0
        assert first.read_bytes() == second.read_bytes()

    def test_never_overwrites_an_input(self, runner: CliRunner, in_tmp: Path) -> None:
        (in_tmp / "cities").mkdir()
        profile = in_tmp / "cities" / "j-city.yaml"
        original = (bundled("cities") / "j-city.yaml").read_bytes()
        profile.write_bytes(original)
        code, _, err = run(runner, "report", "j-city", "-f", "markdown", "-o", str(profile))
        assert code == 2 and "refusing to overwrite" in err
        assert profile.read_bytes() == original
        # Without --format a .yaml name says no format a report has: refused before reading.
        code, _, err = run(runner, "report", "j-city", "-o", str(profile))
        assert code == 2 and "cannot tell the output format" in err
        assert profile.read_bytes() == original

    def test_template_dir_overrides_a_template(self, runner: CliRunner, in_tmp: Path) -> None:
        own = in_tmp / "mine"
        own.mkdir()
        (own / "report.md.j2").write_text(
            "Overall {{ r.summary.overall }} for {{ r.place.name }}\n", encoding="utf-8"
        )
        code, out, _ = run(runner, "report", "j-city", "--template-dir", str(own))
        assert (code, out) == (0, "Overall 25.0 for J City\n")

    def test_template_cannot_reach_python_internals(self, runner: CliRunner, in_tmp: Path) -> None:
        own = in_tmp / "evil"
        own.mkdir()
        (own / "report.md.j2").write_text(
            "{{ r.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
        )
        code, out, err = run(runner, "report", "j-city", "--template-dir", str(own))
        assert code == 2
        assert "unsafe" in err and "subclasses" not in out

    def test_chinese_report(self, runner: CliRunner) -> None:
        code, out, _ = run(runner, "report", "j-city", "--lang", "zh")
        assert code == 0
        assert out.startswith("# J市 — 智慧警务建设成熟度评估报告")
        assert "建设路线图" in out

    def test_chinese_report_shows_chinese_notes(
        self, runner: CliRunner, profiles: dict[str, Profile]
    ) -> None:
        city = profiles["j-city"]
        code, out, _ = run(runner, "report", "j-city", "--lang", "zh", "-f", "markdown")
        assert code == 0
        assert city.notes and city.notes_zh and city.assessor_zh
        assert f"> {city.notes_zh}" in out
        assert city.assessor_zh in out
        assert city.notes not in out
        notes = [e.note_zh for e in city.indicators.values() if e.level is None and e.note_zh]
        assert notes and all(note in out for note in notes)


@pytest.mark.usefixtures("in_tmp")
def test_golden_chinese_markdown_report(runner: CliRunner, golden) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(runner, "report", "j-city", "--against", "frontier", "--lang", "zh")
    assert code == 0
    golden("report-j-city-frontier.zh.md", out)


@pytest.mark.usefixtures("in_tmp")
def test_report_takes_earlier_assessments_for_the_trend(runner: CliRunner) -> None:
    history = Path(__file__).resolve().parent.parent / "fixtures" / "history"
    newest = sorted(history.glob("*.yaml"))[-1]
    code, out, _ = run(runner, "report", str(newest), "-f", "json")
    assert code == 0 and json.loads(out)["trend"] == []
    code, out, _ = run(runner, "report", str(newest), str(history), "-f", "json")
    assert code == 0
    trend = json.loads(out)["trend"]
    assert [p["assessed"] for p in trend] == sorted(p["assessed"] for p in trend)
    assert len(trend) == len(list(history.glob("*.yaml")))
    assert trend[0]["overall_change"] is None
    code, out, _ = run(runner, "report", str(newest), str(history), "-f", "markdown")
    assert "over the 6 indicators known at both dates, +12.9." in out


def test_bundled_peers_join_a_planners_own_folder(runner: CliRunner, in_tmp: Path) -> None:
    (in_tmp / "cities").mkdir()
    text = (bundled("cities") / "j-city.yaml").read_text(encoding="utf-8")
    own = text.replace("id: j-city", "id: my-city", 1)
    (in_tmp / "cities" / "my-city.yaml").write_text(own, encoding="utf-8")
    everyone = {"my-city", "j-city", "hangzhou", "qingdao", "inner-mongolia"}
    # Alone in its folder, a place is compared with the bundled places, and told so.
    alone = json.loads(run(runner, "compare", "-f", "json")[1])
    assert {p["id"] for p in alone["places"]} == everyone
    assert alone["compared"]["origin"] == "fallback"
    assert "bundled with policebench" in alone["compared"]["text"]
    for args in (["my-city"], ["my-city", "@bundled"], ["my-city", "--peers", "@bundled"]):
        code, out, err = run(runner, "report", *args, "-f", "json")
        assert code == 0, err
        report = json.loads(out)
        assert {p["id"] for p in report["ranking"]} == everyone, args
        assert {p["id"] for p in report["peers"]["places"]} == everyone - {"my-city"}
    # --peers none: no ranking among places, no frontier, and the output says so.
    code, out, err = run(runner, "report", "my-city", "--peers", "none", "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    assert [p["id"] for p in report["ranking"]] == ["my-city"]
    assert report["peers"]["origin"] == "none" and "Peers: none" in report["peers"]["text"]
    assert {t["source"] for t in report["targets"]["indicators"]} <= {"profile", "default"}


def test_a_place_with_nothing_known_is_told_so_not_that_it_has_no_gaps(
    runner: CliRunner, in_tmp: Path
) -> None:
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    code, out, _ = run(runner, "gaps", "my-city", "--peers", "@bundled")
    assert "No level is known yet, so no gap can be measured" in out
    assert "No open gaps" not in out


def test_a_place_with_nothing_known_is_ranked_nowhere_in_compare_and_report(
    runner: CliRunner, in_tmp: Path
) -> None:
    """A new profile beside the four bundled ones is not 5th of 5: compare and report give it
    no rank (null in JSON, "—" with its caption for people), and the others are of 4."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    code, out, err = run(runner, "compare", "my-city", "@bundled", "-f", "json")
    assert code == 0, err
    places = json.loads(out)["places"]
    assert [p["rank"] for p in places] == [1, 2, 3, 4, None]
    assert places[-1]["id"] == "my-city"
    code, out, err = run(runner, "compare", "my-city", "@bundled", "-f", "markdown")
    assert code == 0, err
    assert "| — | My City |" in out.replace("\\*", "")
    assert "—: no level known, so no overall and no rank." in out
    table = runner.invoke(app, ["compare", "my-city", "@bundled"], env={"COLUMNS": "200"})
    row = next(line for line in table.stdout.splitlines() if "│" in line and "My City" in line)
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[1:5] == ["—*", "My City", "unknown", "unknown"], row  # no overall, no stage
    code, out, err = run(runner, "compare", "my-city", "@bundled", "-f", "csv")
    assert code == 0, err
    assert [r["rank"] for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))][-1] == ""
    code, out, err = run(runner, "report", "my-city", "--peers", "@bundled", "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["summary"]["rank"], report["summary"]["of"]) == (None, 4)
    assert [p["rank"] for p in report["ranking"]][-1] is None
    code, out, err = run(runner, "report", "my-city", "--peers", "@bundled", "-f", "markdown")
    assert code == 0, err
    assert "not ranked: no level known" in out and "5 / 5" not in out


def test_a_bundled_place_not_in_use_is_named_as_bundled_not_mistaken_for_another(
    runner: CliRunner, in_tmp: Path
) -> None:
    """README's order: `new my-city`, then `gaps j-city`: j-city is bundled, and the hint
    says how to use it, not "did you mean 'my-city'?"."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    code, _, err = run(runner, "gaps", "j-city")
    assert code == 2
    assert "'j-city' is a place bundled with policebench" in err and "j-city @bundled" in err
    assert "did you mean" not in err
    code, _, err = run(runner, "gaps", "j-city", "@bundled")
    assert code == 0, err


def test_the_one_place_with_a_score_is_not_ranked_first_of_one(
    runner: CliRunner, in_tmp: Path
) -> None:
    """J City beside a place with nothing known: the summary and the ranking agree that
    there is no ranking ('—' for both, each with its caption), and the odds table of
    --uncertainty is left out when no place has a rank."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City")
    assert code == 0, err
    code, out, err = run(
        runner, "report", "j-city", "@bundled", "--peers", "my-city", "-f", "markdown"
    )
    assert code == 0, err
    assert "— (no other place with a score)" in out
    rows = [line for line in out.splitlines() if line.startswith("| —")]
    assert len(rows) == 2, rows
    assert "—: only one place has a score, so there is no ranking." in out
    code, out, err = run(
        runner,
        "report",
        "my-city",
        "--peers",
        "none",
        "--uncertainty",
        "--samples",
        "100",
        "-f",
        "markdown",
    )
    assert code == 0, err
    assert "P(this rank)" not in out  # no empty table of rank odds
