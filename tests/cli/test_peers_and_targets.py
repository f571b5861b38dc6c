"""Conclusions a planner can hand on: peers always named, opinions never targets, provisional
scores marked, one default rule for targets (issue "Conclusions a planner can hand on")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.workspace import bundled


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


EVIDENCED = {
    "top-level-design": 2,
    "data-sharing": 2,
    "platform-systematisation": 1,
}
OPINION = ("storage-compute", 4)


def fill(path: Path) -> None:
    """Three levels with evidence and a source, one (storage-compute 4) without evidence."""
    text = path.read_text(encoding="utf-8")
    empty = "    level: null\n    confidence: null\n    evidence: null\n    sources: []\n"
    for ind, level in EVIDENCED.items():
        block = f"  {ind}:\n{empty}"
        assert block in text
        text = text.replace(
            block,
            f"  {ind}:\n    level: {level}\n    confidence: medium\n"
            f"    evidence: Seen in the bureau's 2025 report ({ind}).\n"
            "    sources:\n      - {title: Bureau report 2025, url: https://example.org/r, "
            "reliability: primary}\n",
        )
    ind, level = OPINION
    text = text.replace(
        f"  {ind}:\n{empty}",
        f"  {ind}:\n    level: {level}\n    confidence: low\n    evidence: null\n    sources: []\n",
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def my_city(runner: CliRunner, in_tmp: Path) -> Path:
    """From an empty folder: `new`, then three evidenced levels and one opinion."""
    code, _, err = run(runner, "new", "my-city", "--name", "My City", "--name-zh", "我的城市")
    assert code == 0, err
    path = in_tmp / "cities" / "my-city.yaml"  # where the next command looks
    assert "wrote cities/my-city.yaml" in err
    fill(path)
    code, _, err = run(runner, "validate", "cities/my-city.yaml")
    assert code == 0, err
    assert "'storage-compute' has a level but no evidence" in err
    return path


def test_the_planner_flow_from_an_empty_folder(runner: CliRunner, my_city: Path) -> None:
    code, out, err = run(runner, "report", "my-city", "--against", "frontier", "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    # Names its peers, and where they came from.
    assert report["peers"]["origin"] == "fallback"
    assert {p["id"] for p in report["peers"]["places"]} == {
        "j-city",
        "hangzhou",
        "qingdao",
        "inner-mongolia",
    }
    assert report["peers"]["text"].startswith("Peers: Hangzhou, Inner Mongolia, J City, Qingdao")
    assert "the working folder holds no other place" in report["peers"]["text"]
    # Provisional: 4 of 21 levels known, coverage far below half the weight.
    summary = report["summary"]
    assert summary["provisional"] is True
    assert summary["provisional_reasons"] == ["coverage"]
    assert summary["provisional_why"].startswith("coverage 22%, below the 50%")
    assert (summary["known"], summary["without_evidence"]) == (4, 1)
    # Every target says where it came from; no target is the place itself.
    for target in report["targets"]["indicators"]:
        assert target["from"]
        assert "My City" not in target["holders"]
        if target["source"] == "default":
            assert target["instead_of"] == "frontier"
            assert "no peer has an evidenced level" in target["from"]
    # gaps and recommend, with their defaults, agree with the report on the top gap.
    top = report["gaps"][0]
    assert top["gap"] and top["indicator"] == "platform-systematisation"
    gaps = json.loads(run(runner, "gaps", "my-city", "-f", "json")[1])
    assert gaps["gaps"][0] == top
    recommend = json.loads(run(runner, "recommend", "my-city", "-f", "json")[1])
    assert recommend["gaps"][0] == top
    assert recommend["peers"] == report["peers"]


def test_the_opinion_sets_no_target_for_anyone(runner: CliRunner, my_city: Path) -> None:
    ind, level = OPINION
    # J City with My City among its peers: My City's unevidenced 4 is no frontier.
    code, out, err = run(runner, "report", "j-city", "@bundled", "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    assert "my-city" in {p["id"] for p in report["peers"]["places"]}
    target = next(t for t in report["targets"]["indicators"] if t["indicator"] == ind)
    assert "My City" not in target["holders"] and target["level"] < level
    lesson_peers = {p["id"] for lesson in report["lessons"] for p in lesson["peers"]}
    assert "my-city" not in lesson_peers or all(
        p["evidence"] for lesson in report["lessons"] for p in lesson["peers"]
    )
    # ... unless opinions are let in, which the output says.
    code, out, err = run(runner, "report", "j-city", "@bundled", "--with-opinions", "-f", "json")
    assert code == 0, err
    report = json.loads(out)
    target = next(t for t in report["targets"]["indicators"] if t["indicator"] == ind)
    assert (target["level"], target["holders"]) == (level, ["My City"])
    assert report["targets"]["opinions"] is True
    # one target for all takes none from an opinion: the report does not say it does
    args = ("report", "j-city", "@bundled", "--with-opinions", "--target", "3")
    code, out, err = run(runner, *args, "-f", "json")
    assert code == 0 and json.loads(out)["targets"]["opinions"] is False, err
    markdown = run(runner, *args, "--lang", "zh", "-f", "markdown")[1]
    assert "也用作目标" not in markdown and "统一为 3 健全" in markdown


def test_provisional_is_marked_in_every_format(runner: CliRunner, my_city: Path) -> None:
    code, md, _ = run(runner, "report", "my-city", "-f", "markdown")
    assert code == 0
    # Rank 1 of 5 since issue 15 (Qingdao, with more levels known, fell to 51.4).
    assert "| 51.7\\* | Developing\\* | 22% | 1\\* / 5 |" in md
    assert "**Provisional: coverage 22%, below the 50% the rubric asks for.**" in md
    assert "Peers: Hangzhou, Inner Mongolia, J City, Qingdao" in md
    html = run(runner, "report", "my-city", "-f", "html")[1]
    assert 'class="callout provisional"' in html and '<sup class="prov"' in html
    assert "Peers: Hangzhou" in html
    zh = run(runner, "report", "my-city", "-f", "markdown", "--lang", "zh")[1]
    assert "暂定：覆盖率 22%，低于评估框架要求的 50%。" in zh
    assert "对标地区：杭州市、内蒙古自治区、J市、青岛市（policebench 自带档案" in zh
    # score and compare: JSON, CSV and the table mark it; a rank is never a plain "1".
    data = json.loads(run(runner, "score", "-f", "json")[1])
    mine = next(c for c in data["places"] if c["id"] == "my-city")
    assert mine["provisional"] is True and mine["provisional_reasons"] == ["coverage"]
    csv_text = run(runner, "score", "-f", "csv")[1]
    assert csv_text.splitlines()[1].split(",")[7] == "coverage"
    table = run(runner, "compare")[1]
    assert "1* " in table or "1*│" in table.replace(" ", "")
    assert "* provisional" in table
    compared = json.loads(run(runner, "compare", "-f", "json")[1])
    assert compared["compared"]["origin"] == "fallback"
    # My City and Hangzhou are provisional; Qingdao (51% known since issue 15) is not.
    assert [p["provisional"] for p in compared["places"]][:3] == [True, False, True]


def test_peers_named_explicitly(runner: CliRunner, my_city: Path) -> None:
    code, out, err = run(runner, "gaps", "my-city", "--peers", "hangzhou", "-f", "json")
    assert code == 2 and "unknown peer 'hangzhou' for --peers" in err
    assert "@bundled" in err
    code, out, err = run(
        runner, "gaps", "my-city", "--peers", "@bundled", "--against", "qingdao", "-f", "json"
    )
    assert code == 0, err
    gaps = json.loads(out)
    assert gaps["peers"]["origin"] == "named" and gaps["against"] == "qingdao"
    assert {g["target_source"] for g in gaps["gaps"]} <= {"peer", "default"}
    code, out, err = run(runner, "gaps", "my-city", "--peers", "none")
    assert code == 0, err
    assert "Peers: none (as asked): no ranking among places and no frontier" in out
    # no frontier to measure against: the heading names none, and no note says it again
    assert out.splitlines()[0] == "Gap analysis · My City"
    assert "there is no frontier" not in out
    code, _, err = run(runner, "gaps", "my-city", "--against", "hangzhuo")
    assert code == 2
    assert "unknown peer 'hangzhuo' for --against" in err and "did you mean 'hangzhou'?" in err
    code, out, err = run(runner, "gaps", "my-city", "--against", "none", "-f", "json")
    assert code == 0, err
    assert {g["target_source"] for g in json.loads(out)["gaps"]} == {"default"}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "the rubric's default; Hangzhou has no evidenced level"),
        ("zh", "框架默认目标，杭州市没有经证据支持的等级"),
    ],
)
def test_a_default_target_names_the_peer_that_has_no_evidence(
    runner: CliRunner, lang: str, said: str
) -> None:
    """Against Hangzhou, a target that falls back to the rubric's default says Hangzhou has
    no evidenced level there (not "the peer", which reads as any of the peers listed)."""
    code, out, err = run(
        runner, "gaps", "j-city", "--against", "hangzhou", "--lang", lang, "-f", "json"
    )
    assert code == 0, err
    froms = {g["target_from"] for g in json.loads(out)["gaps"] if g["target_source"] == "default"}
    assert froms == {said}


def test_a_planners_folder_of_several_places_keeps_its_own_peers(
    runner: CliRunner, my_city: Path
) -> None:
    text = my_city.read_text(encoding="utf-8").replace("id: my-city", "id: our-county", 1)
    (my_city.parent / "our-county.yaml").write_text(text, encoding="utf-8")
    report = json.loads(run(runner, "report", "my-city", "-f", "json")[1])
    assert report["peers"]["origin"] == "folder"
    assert [p["id"] for p in report["peers"]["places"]] == ["our-county"]
    assert report["peers"]["text"] == "Peers: My City (the other profiles in use)"


@pytest.mark.parametrize("command", ["gaps", "recommend", "report"])
def test_help_states_the_one_default_rule(runner: CliRunner, command: str) -> None:
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "else --against: 'frontier' (the default" in flat
    assert "the profile's own targets, then the rubric's default_target" in flat


def test_unknown_city_offers_the_path_and_bundled(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = run(runner, "report", "my-city")
    assert code == 2
    assert "unknown city 'my-city'" in err
    assert "cities/my-city.yaml" in err and "@bundled" in err


def test_an_empty_frontier_is_said_plainly(runner: CliRunner, my_city: Path) -> None:
    """Peers that have evidenced nothing give no frontier: every output says so."""
    bare = my_city.parent / "bare.yaml"
    bare.write_text(
        "id: bare\nname: Bare\nrubric: smart-policing\nassessed: 2026-01-01\n"
        "indicators:\n  usability: {level: 4, confidence: low}\n",  # an opinion only
        encoding="utf-8",
    )
    code, out, err = run(runner, "gaps", "my-city", "--peers", str(bare))
    assert code == 0, err
    assert "Peers: Bare (chosen for this comparison)" in out
    assert "No peer has an evidenced level of any indicator: there is no frontier." in out
    data = json.loads(run(runner, "gaps", "my-city", "--peers", str(bare), "-f", "json")[1])
    assert data["targets"]["note"].startswith("No peer has an evidenced level")
    assert {t["source"] for t in data["targets"]["indicators"]} <= {"profile", "default"}
    md = run(runner, "gaps", "my-city", "--peers", str(bare), "-f", "markdown")[1]
    assert "**No peer has an evidenced level of any indicator: there is no frontier.**" in md


def test_no_peers_means_no_rank_not_first_of_one(runner: CliRunner, my_city: Path) -> None:
    md = run(runner, "report", "my-city", "--peers", "none", "-f", "markdown")[1]
    assert "— (no other place with a score)" in md and "1\\* / 1" not in md and "1 / 1" not in md
    html = run(runner, "report", "my-city", "--peers", "none", "-f", "html")[1]
    # the card's "—" once, the reason under it
    assert (
        '<div class="value word">—</div><div class="sub">no other place with a score</div>' in html
    )


def test_peers_a_planner_may_not_mean_are_said(runner: CliRunner, in_tmp: Path) -> None:
    """Files made while following the README join the peers of ./cities: a template not yet
    filled in, and a survey of the same place under another id. Both are said, once each;
    chosen with --peers, without the advice to choose with --peers; and the bundled peers
    give no word."""
    cities = in_tmp / "cities"
    cities.mkdir()
    shutil.copy(bundled("cities") / "j-city.yaml", cities)
    assert run(runner, "new", "my-city", "--name-zh", "我的城市")[0] == 0
    survey = (Path(__file__).resolve().parents[2] / "examples" / "survey-j-city.zh.csv").as_posix()
    args = ("survey", survey, "--city", "j-survey", "--name", "J City", "--name-zh", "J市")
    assert run(runner, *args)[0] == 0
    code, _, err = run(runner, "gaps", "j-city", "--lang", "zh")
    assert code == 0
    assert err.splitlines() == [
        "警告：对标地区 J市（j-survey）与被评估地区同名：是否是同一地区的另一份档案？"
        "（可用 --peers 指定对标地区）",
        "警告：对标地区我的城市（my-city）尚无已知等级：不参与排名，也不设定任何目标"
        "（是否是尚未填写的档案？可用 --peers 指定对标地区）",
    ]
    code, _, err = run(runner, "gaps", "j-city", "--peers", "cities/my-city.yaml", "--lang", "zh")
    assert code == 0 and err.splitlines() == [
        "警告：对标地区我的城市（my-city）尚无已知等级：不参与排名，也不设定任何目标"
        "（是否是尚未填写的档案？）"
    ]
    code, _, err = run(runner, "gaps", "j-city", "--peers", "@bundled")
    assert (code, err) == (0, "")


def test_many_unfilled_peers_are_said_in_one_line(runner: CliRunner, in_tmp: Path) -> None:
    """A folder of templates does not flood stderr: one line names the first five."""
    cities = in_tmp / "cities"
    cities.mkdir()
    shutil.copy(bundled("cities") / "j-city.yaml", cities)
    for n in range(1, 8):
        assert run(runner, "new", f"t{n}-city", "--name-zh", f"模板{n}")[0] == 0
    code, _, err = run(runner, "gaps", "j-city", "--lang", "zh")
    assert code == 0
    assert err.splitlines() == [
        "警告：7 个对标地区尚无已知等级：模板1（t1-city）、模板2（t2-city）、模板3（t3-city）、"
        "模板4（t4-city）、模板5（t5-city）等；它们不参与排名，也不设定任何目标（是否是尚未填写的"
        "档案？可用 --peers 指定对标地区）"
    ]
    for n in range(3, 8):
        (cities / f"t{n}-city.yaml").unlink()
    code, _, err = run(runner, "gaps", "j-city")
    assert err == (
        "warning: 2 peers have no known level yet: t1-city, t2-city; they are not ranked and "
        "set no target (profiles not filled in yet? --peers chooses the peers)\n"
    )
