"""`policebench consensus`, review status and `validate --require-approved`; the assessors'
spread reaching the uncertainty analysis."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from policebench.analysis.sensitivity.draws import prepare
from policebench.cli.app import app
from policebench.models import Profile, Rubric
from policebench.readers.yaml import load
from policebench.scoring import score

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
    assert "审核状态：已批准（Deputy director，2026-12-01）" in out


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
        ("data-sharing=2", "gives no rationale: expected INDICATOR=LEVEL: rationale"),
        ("data sharing is 2", "is not INDICATOR=LEVEL: rationale"),
        ("data-shring=2: seen", "did you mean 'data-sharing'?"),
        ("data-sharing=7: seen", "outside the scale 0..4"),
    ]:
        code, _, err = _run(runner, "consensus", *FILES, "--override", given)
        assert code == 2 and said in err, err
    code, _, err = _run(runner, "consensus", FILES[0])
    assert code == 2 and "two or more profiles" in err


def test_every_bad_override_is_said_in_one_run(runner: CliRunner) -> None:
    code, out, err = _run(
        runner,
        "consensus",
        *FILES,
        "--override",
        "data-sharing=2",
        "--override",
        "data-shring=2: seen",
        "--override",
        "usability=2: the survey",
        "--override",
        "usability=3: the demo",
        "--lang",
        "zh",
    )
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3, err
    assert lines[0].startswith("错误：--override 'data-sharing=2' 缺少理由")
    assert lines[1].startswith("错误：--override 指定的 'data-shring' 不是评估框架")
    assert lines[2] == (
        "错误：--override 对 'usability' 给出了两项决定（先为 2 级，后为 3 级）"
        "（提示：每项指标只保留一个 --override，即会议对 'usability' 的决定）"
    )


def test_the_spread_reaches_the_uncertainty_analysis(rubric: Rubric) -> None:
    data = yaml.safe_load(Path(FILES[0]).read_text(encoding="utf-8"))
    entry = data["indicators"]["data-sharing"]
    assert entry["confidence"] == "high"
    plain = Profile.model_validate(data)
    entry["consensus"] = {"assessors": {"A": 1, "B": 3}, "agreement": 0.67, "spread": 2}
    spread = Profile.model_validate(data)
    column = list(rubric.indicators).index("data-sharing")
    settings = rubric.uncertainty
    cards = [score(rubric, plain)], [score(rubric, spread)]
    assert prepare(rubric, cards[0], settings).moves[0, column] == 0  # high: never moves
    assert prepare(rubric, cards[1], settings).moves[0, column] == 1  # taken as low


def test_bad_overrides_in_chinese(runner: CliRunner) -> None:
    for given, said in [
        (
            "data-sharing=2",
            "错误：--override 'data-sharing=2' 缺少理由，应为“指标标识=等级: 理由”"
            "（提示：例如 --override 'data-sharing=2: 会议审阅了已签署的共享协议'）",
        ),
        (
            "data-shring=2: seen",
            "错误：--override 指定的 'data-shring' 不是评估框架 'smart-policing' 的指标"
            "（提示：您是否想写 'data-sharing'？请使用评估框架中的指标标识）",
        ),
        (
            "data-sharing=7: seen",
            "错误：--override 为 'data-sharing' 指定的等级 7 超出 0 到 4 的量表范围"
            "（提示：请使用 0 到 4 之间的整数，或 null（未知））",
        ),
    ]:
        code, out, err = _run(runner, "consensus", *FILES, "--override", given, "--lang", "zh")
        assert code == 2 and out == ""
        assert said in err, err
    code, _, err = _run(runner, "consensus", FILES[0], "--lang", "zh")
    assert code == 2
    assert "错误：consensus 需要两个或更多评估人的档案（提示：请给出每位评估人的档案）" in err


def test_profiles_of_different_places_dates_or_rubrics_in_chinese(
    runner: CliRunner, in_tmp: Path
) -> None:
    other = _copy(in_tmp, "b.yaml", "id: test-city", "id: other-city")
    later = _copy(in_tmp, "c.yaml", "assessed: 2026-11-30", "assessed: 2026-12-30")
    code, out, err = _run(runner, "consensus", FILES[0], other, later, "--lang", "zh")
    assert code == 2 and out == ""
    first = FILES[0]
    assert (
        f"b.yaml:2:5: 此档案评估的是 'other-city'，{first} 评估的是 'test-city'："
        "共识只能针对同一地区（提示：请给出同一地区、由不同评估人填写的档案） "
        "[consensus-different-place]"
    ) in err, err
    assert (
        f"c.yaml:6:11: 此档案的评估日期为 2026-12-30，{first} 为 2026-11-30："
        "共识只能针对同一评估日期"
    ) in err
    assert "共 2 个文件中有 2 个错误" in err


def test_a_profile_of_another_rubric_is_said_to_be_so(runner: CliRunner, in_tmp: Path) -> None:
    rubric = str(ROOT / "rubrics" / "smart-policing.yaml")
    other = _copy(in_tmp, "b.yaml", "rubric: smart-policing", "rubric: smart-policing-ahp")
    code, _, err = _run(runner, "consensus", FILES[0], other, "--rubric", rubric)
    assert code == 2
    # That, and not also an unknown rubric id for the same file.
    assert err.startswith(
        f"b.yaml:5:9: this profile is assessed against 'smart-policing-ahp', {FILES[0]} "
        "against 'smart-policing' (hint: give profiles assessed against one rubric) "
        "[consensus-different-rubric]\n"
    ), err
    assert "unknown-rubric" not in err
    code, _, err = _run(runner, "consensus", FILES[0], other, "--rubric", rubric, "--lang", "zh")
    assert code == 2
    assert (
        f"b.yaml:5:9: 此档案依据评估框架 'smart-policing-ahp' 评估，{FILES[0]} 依据 "
        "'smart-policing'（提示：请给出依据同一评估框架评估的档案） [consensus-different-rubric]"
    ) in err, err


def test_require_approved_and_a_too_confident_consensus_in_chinese(
    runner: CliRunner, in_tmp: Path
) -> None:
    code, _, err = _run(runner, "consensus", *FILES, "-o", "test-city.yaml")
    assert code == 0, err
    code, _, err = _run(runner, "validate", "test-city.yaml", "--require-approved", "--lang", "zh")
    assert code == 2
    assert (
        "'test-city'（评估日期 2026-11-30）尚未批准（审核状态：草稿）（提示：经本局批准后，"
        "请写 review: {status: approved, by: 批准人, date: YYYY-MM-DD}） [not-approved]"
    ) in err, err
    assert "共 1 个文件中有 1 个错误" in err
    # The English hint names the key the model has: date, not on.
    code, _, err = _run(runner, "validate", "test-city.yaml", "--require-approved")
    assert "write review: {status: approved, by: NAME, date: YYYY-MM-DD}" in err
    # A consensus level more confident than its assessors' spread allows: a warning.
    lines = (in_tmp / "test-city.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("  data-sharing:\n") + 2
    assert lines[at] == "    confidence: low\n"
    lines[at] = "    confidence: high\n"
    (in_tmp / "test-city.yaml").write_text("".join(lines), encoding="utf-8")
    code, _, err = _run(runner, "validate", "test-city.yaml", "--lang", "zh")
    assert code == 0, err
    assert (
        f"test-city.yaml:{at + 1}:17: 警告：'data-sharing' 的置信度为 high，但评估人给出的等级"
        "相差 2 级：不确定性分析按 low 处理"
    ) in err, err
    assert "[consensus-confidence]" in err


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_meeting_overview_reads_as_chinese(runner: CliRunner, rubric: Rubric, fmt: str) -> None:
    from tests.cli.test_help import english_sentences

    args = ["consensus", *FILES, "--format", fmt, "--lang", "zh"]
    result = runner.invoke(app, args, env={"COLUMNS": "160"})  # a line to a row
    out = result.stdout
    assert result.exit_code == 0, result.stderr
    # The assessors' names and evidence are theirs; ids stay as they are.
    theirs = {rubric.id, *(w for i in rubric.indicators for w in i.split("-")), "Krippendorff"}
    for path in FILES:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        texts = [data["assessor"], *(e.get("evidence") or "" for e in data["indicators"].values())]
        theirs |= {w for text in texts for w in re.findall(r"[A-Za-z]+", text)}
    left = [s for s in english_sentences(out) if not set(s.split()) <= theirs]
    assert left == [], out
    # Named in Chinese where the profile says how (assessor_zh), never in English beside it.
    assert "3 位评估人（科技信息化部门、大数据中心、巡特警支队）" in out
    assert "Science and technology unit" not in out and "Patrol branch" not in out
    assert "提交共识会议讨论的分歧" in out and "跨部门数据共享（打破信息壁垒）（极差 2）" in out
    # Confidence in Chinese: the median of 1, 3, 2 with a spread of 2 is low.
    row = next(line for line in out.splitlines() if "(data-sharing)" in line)
    assert "低" in row and "low" not in row


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", ["80", "120"])
def test_the_tables_fit_the_terminal_and_cut_nothing(
    runner: CliRunner, lang: str, columns: str
) -> None:
    """Laid out as every terminal table is: no line wider than the terminal, no header or
    name cut short with an ellipsis, every indicator id whole on a line."""
    result = runner.invoke(app, ["consensus", *FILES, "--lang", lang], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "…" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= int(columns)
    for ind in ("top-level-design", "data-sharing", "platform-systematisation"):
        assert ind in out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_assessor_given_twice_is_refused(runner: CliRunner, in_tmp: Path, lang: str) -> None:
    # The same path twice, or a copy under another name: agreement and alpha would be made up.
    code, out, err = _run(runner, "consensus", FILES[0], FILES[0], "--lang", lang)
    assert code == 2 and out == ""
    said = {"en": "this file is given twice", "zh": "该文件给出了两次"}
    assert said[lang] in err and "[consensus-same-file]" in err
    (in_tmp / "copy.yaml").write_bytes(Path(FILES[0]).read_bytes())
    code, out, err = _run(runner, "consensus", FILES[0], "copy.yaml", FILES[1], "--lang", lang)
    assert code == 2 and out == ""
    said = {"en": "copy.yaml: the same profile as ", "zh": "copy.yaml: 与 "}
    assert said[lang] in err and "assessor-a.yaml" in err


def test_alpha_is_read_by_krippendorffs_thresholds(runner: CliRunner) -> None:
    from policebench.render.consensus import alpha_verdict

    assert alpha_verdict(0.8, "en").startswith("reliable")
    assert alpha_verdict(0.7, "zh").startswith("尚可")
    assert alpha_verdict(0.666, "zh").startswith("偏低")
    # The example panel agrees within one level on every indicator, yet its alpha is low:
    # the summary says so instead of leaving "100%" and "0.223" side by side.
    code, out, _ = _run(runner, "consensus", *FILES, "--lang", "zh")
    assert code == 0
    flat = re.sub(r"\s+", "", out)
    assert "Krippendorffα（序数）0.223（偏低：低于Krippendorff建议的下限0.667" in flat


def test_a_level_the_meeting_set_alone_has_no_spread(runner: CliRunner) -> None:
    """usability is unknown to every assessor: decided by the meeting, its spread is "—",
    not 0 (no assessor agreed on anything)."""
    code, out, err = _run(
        runner, "consensus", *FILES, "--override", "usability=2: the demo", "-f", "markdown"
    )
    assert code == 0, err
    (row,) = [line for line in out.splitlines() if line.startswith("| Usability")]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[-4:] == ["2 \\*", "—", "—", "medium"], row  # * escaped in Markdown


def test_a_decision_typed_with_a_chinese_input_method_is_read(
    runner: CliRunner, in_tmp: Path
) -> None:
    """'＝' and '：' are what a Chinese input method types: the decision is read as meant."""
    code, _, err = _run(
        runner, "consensus", *FILES, "--override", "usability＝2：会议演示", "-o", "c.yaml"
    )
    assert code == 0, err
    data = yaml.safe_load((in_tmp / "c.yaml").read_text(encoding="utf-8"))
    agreed = data["indicators"]["usability"]
    assert agreed["level"] == 2 and agreed["consensus"]["rationale"] == "会议演示"
