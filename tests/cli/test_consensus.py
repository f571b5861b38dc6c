"""`policebench consensus`, review status and `validate --require-approved`; the assessors'
spread reaching the uncertainty analysis."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from policebench.analysis.sensitivity.draws import prepare
from policebench.cli.app import app
from policebench.models import Profile, Rubric
from policebench.readers.yaml import load

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = [str(p) for p in sorted((ROOT / "examples" / "consensus").glob("assessor-*.yaml"))]


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_consensus_profile_is_valid_and_reads_back(runner: CliRunner, in_tmp: Path) -> None:
    code, out, err = _run(
        runner,
        "consensus",
        *FILES,
        "--override",
        "data-sharing=3: the meeting saw the signed agreement",
        "-o",
        "test-city.yaml",
    )
    assert code == 0, err
    assert out == "" and "wrote test-city.yaml" in err
    profile = Profile.model_validate(load(in_tmp / "test-city.yaml")[0].data)
    levels = {i: a.level for i, a in profile.indicators.items() if a.level is not None}
    assert levels == {
        "top-level-design": 2,
        "data-sharing": 3,
        "platform-systematisation": 2,
        "specialist-headcount": 1,
    }
    sharing = profile.indicators["data-sharing"].consensus
    assert sharing is not None and sharing.decided == "meeting"
    assert sharing.rationale == "the meeting saw the signed agreement"
    assert profile.review is not None and profile.review.status == "draft"
    code, _, err = _run(runner, "validate", "test-city.yaml")
    assert code == 0, err
    code, _, err = _run(runner, "validate", "test-city.yaml", "--require-approved")
    assert code == 2
    assert "test-city.yaml:" in err and "is not approved (status draft)" in err
    text = (in_tmp / "test-city.yaml").read_text(encoding="utf-8")
    approved = text.replace(
        "  status: draft", "  status: approved\n  by: Deputy director\n  date: 2026-12-01"
    )
    (in_tmp / "test-city.yaml").write_text(approved, encoding="utf-8")
    code, _, err = _run(runner, "validate", "test-city.yaml", "--require-approved")
    assert code == 0, err
    code, out, err = _run(runner, "report", "./test-city.yaml", "--peers", "@bundled")
    assert code == 0, err
    assert "Review: approved (Deputy director, 2026-12-01)" in out
    code, out, err = _run(
        runner, "report", "./test-city.yaml", "--peers", "@bundled", "--lang", "zh"
    )
    assert code == 0, err
    assert "审核状态：已批准 (Deputy director, 2026-12-01)" in out


def test_the_meeting_overview_json(runner: CliRunner) -> None:
    code, out, err = _run(runner, "consensus", *FILES, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["assessors"] == ["Science and technology unit", "Data office", "Patrol branch"]
    assert [d["id"] for d in data["disagreements"]] == [
        "data-sharing",
        "top-level-design",
        "platform-systematisation",
        "specialist-headcount",
    ]
    first = data["disagreements"][0]["opinions"]
    assert [o["level"] for o in first] == [1, 3, 2]
    assert first[1]["evidence"] == "A sharing agreement with four departments was signed in 2026."


def _copy(in_tmp: Path, name: str, old: str, new: str) -> str:
    text = Path(FILES[1]).read_text(encoding="utf-8")
    assert old in text
    (in_tmp / name).write_text(text.replace(old, new), encoding="utf-8")
    return name


def test_profiles_of_different_places_or_dates_are_refused(runner: CliRunner, in_tmp: Path) -> None:
    other = _copy(in_tmp, "b.yaml", "id: test-city", "id: other-city")
    code, out, err = _run(runner, "consensus", FILES[0], other)
    assert code == 2 and out == ""
    assert "b.yaml:2:5: this profile is of 'other-city'" in err
    later = _copy(in_tmp, "c.yaml", "assessed: 2026-11-30", "assessed: 2026-12-30")
    code, _, err = _run(runner, "consensus", FILES[0], later)
    assert code == 2
    assert "c.yaml:6:11: this profile was assessed on 2026-12-30" in err


def test_bad_overrides(runner: CliRunner) -> None:
    for given, said in [
        ("data-sharing=2", "is not INDICATOR=LEVEL: rationale"),
        ("data-shring=2: seen", "did you mean 'data-sharing'?"),
        ("data-sharing=7: seen", "outside the scale 0..4"),
    ]:
        code, _, err = _run(runner, "consensus", *FILES, "--override", given)
        assert code == 2 and said in err, err
    code, _, err = _run(runner, "consensus", FILES[0])
    assert code == 2 and "two or more profiles" in err


def test_the_spread_reaches_the_uncertainty_analysis(rubric: Rubric) -> None:
    data = yaml.safe_load(Path(FILES[0]).read_text(encoding="utf-8"))
    entry = data["indicators"]["data-sharing"]
    assert entry["confidence"] == "high"
    plain = Profile.model_validate(data)
    entry["consensus"] = {"assessors": {"A": 1, "B": 3}, "agreement": 0.67, "spread": 2}
    spread = Profile.model_validate(data)
    column = list(rubric.indicators).index("data-sharing")
    settings = rubric.uncertainty
    assert prepare(rubric, [plain], settings).moves[0, column] == 0  # high: never moves
    assert prepare(rubric, [spread], settings).moves[0, column] == 1  # taken as low
