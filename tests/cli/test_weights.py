"""`policebench weights ahp|entropy`: a panel of three experts against an independent
computation, the rubric copy scored by the rules, and every kind of bad weights file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.i18n import t
from policebench.models import Profile, Rubric
from policebench.models.base import localized
from policebench.workspace import bundled, load_rubric

ROOT = Path(__file__).resolve().parent.parent.parent
EXPERTS = sorted((ROOT / "examples" / "weights").glob("expert-*.yaml"))
DIMS = ["planning", "integration", "platform", "security", "talent"]
PLANNING = [
    "top-level-design",
    "coordination-mechanism",
    "leadership-understanding",
    "policing-reform",
]


def _judgement(value: object) -> float:
    if isinstance(value, str):
        top, bottom = value.split("/")
        return float(top) / float(bottom)
    assert isinstance(value, int | float)
    return float(value)


def _matrix(upper: dict[str, dict[str, object]], items: list[str]) -> list[list[float]]:
    n = len(items)
    m = [[1.0] * n for _ in range(n)]
    for row, columns in upper.items():
        for column, value in columns.items():
            i, j = items.index(row), items.index(column)
            m[i][j] = _judgement(value)
            m[j][i] = 1 / m[i][j]
    return m


def _power(m: list[list[float]]) -> tuple[list[float], float]:
    """Principal eigenvector by power iteration (not numpy's eig, as the code uses)."""
    n = len(m)
    w = [1 / n] * n
    for _ in range(500):
        v = [sum(m[i][j] * w[j] for j in range(n)) for i in range(n)]
        total = sum(v)
        w = [x / total for x in v]
    lam = sum(sum(m[i][j] * w[j] for j in range(n)) / w[i] for i in range(n)) / n
    return w, lam


def _independent(group: str | None, items: list[str]) -> tuple[list[float], float]:
    """The panel's weights and CR: geometric mean of the three matrices, power iteration."""
    matrices = []
    for path in EXPERTS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        upper = data["dimensions"] if group is None else data["indicators"][group]
        matrices.append(_matrix(upper, items))
    n = len(items)
    mean = [
        [math.prod(m[i][j] for m in matrices) ** (1 / len(matrices)) for j in range(n)]
        for i in range(n)
    ]
    w, lam = _power(mean)
    ri = {4: 0.90, 5: 1.12}[n]
    return w, (lam - n) / (n - 1) / ri


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_panel_of_three_equals_an_independent_computation(runner: CliRunner) -> None:
    code, out, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [e["expert"] for e in data["experts"]] == ["Expert A", "Expert B", "Expert C"]
    w, cr = _independent(None, DIMS)
    assert [data["dimension_weights"][d] for d in DIMS] == pytest.approx(w, abs=1e-5)
    assert data["panel"]["dimensions"]["cr"] == pytest.approx(cr, abs=1e-5)
    w, cr = _independent("planning", PLANNING)
    assert [data["indicator_weights"]["planning"][i] for i in PLANNING] == pytest.approx(
        w, abs=1e-5
    )
    assert data["panel"]["indicators"]["planning"]["cr"] == pytest.approx(cr, abs=1e-5)
    # Each expert's own CR, too; Expert C's dimensions are inconsistent and named.
    for expert, path in zip(data["experts"], EXPERTS, strict=True):
        upper = yaml.safe_load(path.read_text(encoding="utf-8"))["dimensions"]
        mine, lam = _power(_matrix(upper, DIMS))
        assert expert["dimensions"]["cr"] == pytest.approx((lam - 5) / 4 / 1.12, abs=1e-5)
        assert [expert["dimensions"]["weights"][d] for d in DIMS] == pytest.approx(mine, abs=1e-5)
    c = data["experts"][2]["dimensions"]
    assert c["cr"] > 0.1 and not c["consistent"]
    assert (c["most_inconsistent"][0]["row"], c["most_inconsistent"][0]["column"]) == (
        "planning",
        "talent",
    )
    # Indicators of a dimension nobody compared keep the rubric's weights (2 : 2 : 1 : 1).
    assert data["indicator_weights"]["integration"] == {
        "data-governance": pytest.approx(1 / 3, abs=1e-6),
        "data-sharing": pytest.approx(1 / 3, abs=1e-6),
        "network-interconnection": pytest.approx(1 / 6, abs=1e-6),
        "data-utilisation": pytest.approx(1 / 6, abs=1e-6),
    }


def test_the_rubric_copy_scores_as_the_rules_say(
    runner: CliRunner, in_tmp: Path, profiles: dict[str, Profile]
) -> None:
    code, _, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "-o", "ahp.yaml")
    assert code == 0, err
    copy = yaml.safe_load((in_tmp / "ahp.yaml").read_text(encoding="utf-8"))
    Rubric.model_validate(copy)  # a valid rubric
    code, out, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "--format", "json")
    weights = json.loads(out)
    code, out, err = _run(runner, "score", "j-city", "--rubric", "ahp.yaml", "--format", "json")
    assert code == 0, err
    scored = json.loads(out)
    place = next(iter(scored.get("places", scored.get("cities"))))
    # By hand: overall = weighted mean of the known dimension scores, each the weighted mean
    # of its known indicator scores (100 x level / 4), with the panel's weights.
    profile = profiles["j-city"]
    dims = weights["dimension_weights"]
    total = weighted = 0.0
    for dim, inds in weights["indicator_weights"].items():
        known = {
            i: 100 * a.level / 4
            for i, a in profile.indicators.items()
            if i in inds and a.level is not None
        }
        if not known:
            continue
        score = sum(inds[i] * s for i, s in known.items()) / sum(inds[i] for i in known)
        total += dims[dim]
        weighted += dims[dim] * score
    assert place["overall"] == pytest.approx(weighted / total, abs=0.01)
    # The original rubric is never written.
    original = bundled("rubrics") / "smart-policing.yaml"
    code, _, err = _run(
        runner, "weights", "ahp", *map(str, EXPERTS), "--rubric", str(original), "-o", str(original)
    )
    assert code == 2 and "refusing to overwrite" in err


def _file(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return name


GOOD = """expert: Expert X
rubric: smart-policing
dimensions:
  planning: {integration: 3, platform: 3, security: 5, talent: 5}
  integration: {platform: 1, security: 3, talent: 3}
  platform: {security: 3, talent: 3}
  security: {talent: 1}
"""


@pytest.mark.parametrize(
    ("old", "new", "where", "code_name"),
    [
        (
            "security: 5, talent: 5}",
            "security: 0, talent: 5}",
            "x.yaml:4:53",
            "expected a number from 1/9 to 9",
        ),
        (
            "security: 5, talent: 5}",
            "security: 10, talent: 5}",
            "x.yaml:4:53",
            "expected a number from 1/9 to 9",
        ),
        (
            "security: {talent: 1}",
            "security: {talent: a third}",
            "x.yaml:7:22",
            "expected a number or a fraction",
        ),
        ("  security: {talent: 1}\n", "", "x.yaml:3:1", "no comparison of 'security'"),
        ("platform: 1, ", "platfrom: 1, ", "x.yaml:5:17", "did you mean 'platform'"),
        (
            "security: {talent: 1}",
            "security: {talent: 1}\n  talent: {security: 2}",
            "x.yaml:8:22",
            "must be reciprocal",
        ),
        ("rubric: smart-policing", "rubric: other", "x.yaml:2:9", "rubric 'other'"),
    ],
)
def test_bad_judgements_are_placed(
    runner: CliRunner, in_tmp: Path, old: str, new: str, where: str, code_name: str
) -> None:
    assert old in GOOD
    name = _file(in_tmp, "x.yaml", GOOD.replace(old, new))
    code, out, err = _run(runner, "weights", "ahp", name)
    assert code == 2 and out == ""
    assert f"\n{where}: " in f"\n{err}", err
    assert code_name in err


def test_a_full_reciprocal_matrix_is_accepted(runner: CliRunner, in_tmp: Path) -> None:
    name = _file(
        in_tmp,
        "x.yaml",
        GOOD + "  talent: {security: 1}\n  integration_: {}\n".replace("  integration_: {}\n", ""),
    )
    code, _, err = _run(runner, "weights", "ahp", name)
    assert code == 0, err


def test_an_indicator_of_another_dimension_is_unknown(runner: CliRunner, in_tmp: Path) -> None:
    text = GOOD + "indicators:\n  security:\n    mlps-compliance: {data-sharing: 3}\n"
    code, _, err = _run(runner, "weights", "ahp", _file(in_tmp, "x.yaml", text))
    assert code == 2
    assert "x.yaml:10:23: 'data-sharing' is not one of the indicators of 'security'" in err
    assert "(hint: 'data-sharing' is an indicator of 'integration'" in err


def test_experts_comparing_different_sets(runner: CliRunner, in_tmp: Path) -> None:
    other = GOOD.replace("Expert X", "Expert Y") + (
        "indicators:\n  talent:\n"
        "    specialist-headcount:\n"
        "      {training-literacy: 3, recruitment-retention: 3, partnerships: 3}\n"
        "    training-literacy: {recruitment-retention: 1, partnerships: 1}\n"
        "    recruitment-retention: {partnerships: 1}\n"
    )
    a = _file(in_tmp, "a.yaml", GOOD)
    b = _file(in_tmp, "b.yaml", other)
    code, _, err = _run(runner, "weights", "ahp", a, b)
    assert code == 2
    assert err.startswith(
        "b.yaml:9:3: Expert Y (b.yaml) compares the indicators of 'talent', "
        "Expert X (a.yaml) does not"
    ), err


def test_entropy_weights_by_hand(runner: CliRunner, rubric: Rubric) -> None:
    code, out, err = _run(runner, "weights", "entropy", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert sorted(data["places"]) == ["hangzhou", "inner-mongolia", "j-city", "qingdao"]
    weights = {x["id"]: x["weight"] for x in data["indicators"]}
    assert sum(weights.values()) == pytest.approx(1, abs=1e-5)
    # Every weighed indicator has e by the formula from the levels in the JSON of `score`.
    code, out, _ = _run(runner, "score", "--format", "json")
    places = json.loads(out)
    places = places.get("places", places.get("cities"))
    for x in data["indicators"]:
        ind = x["id"]
        levels = [
            p["indicators"][ind]["level"]
            for p in places
            if p["indicators"].get(ind, {}).get("level") is not None
        ]
        assert len(levels) == x["known"] >= 2
        xs = [lv / 4 for lv in levels]
        if sum(xs) == 0:
            assert x["entropy"] == 1
            continue
        ps = [v / sum(xs) for v in xs]
        e = -sum(p * math.log(p) for p in ps if p > 0) / math.log(len(xs))
        assert x["entropy"] == pytest.approx(e, abs=1e-5)
    ranked = [abs(x["difference"]) for x in data["indicators"]]
    assert ranked == sorted(ranked, reverse=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_indicators_left_out_of_entropy_are_named_and_never_cut(
    runner: CliRunner, rubric: Rubric, lang: str
) -> None:
    """The indicators fewer than two places have a level for, by their names (ids are for
    the JSON), each with its count and never cut at the end of a line."""
    code, out, _ = _run(runner, "weights", "entropy", "--format", "json")
    left_out = json.loads(out)["left_out"]
    assert code == 0 and left_out
    code, out, _ = _run(runner, "weights", "entropy", "--lang", lang)
    start = out.index(t("entropy_left_out", lang))
    listed = out[start : out.index(t("entropy_note", lang)[:8], start)]
    lines = listed.splitlines()
    for ind, n in left_out.items():
        item = localized(rubric.indicators[ind], "name", lang) + ("（" if lang == "zh" else " (")
        item += f"{n}{'）' if lang == 'zh' else ')'}"
        assert any(item in line for line in lines), (item, lines)
        assert ind not in listed
    assert len(lines) > 1  # wrapped: the names stood whole on every line


def test_sensitivity_with_the_panel_and_entropy_weight_sets(
    runner: CliRunner, in_tmp: Path
) -> None:
    code, _, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "-o", "panel.yaml")
    assert code == 0, err
    code, out, err = _run(
        runner,
        "sensitivity",
        "@bundled",
        "--samples",
        "400",
        "--weights",
        "panel.yaml",
        "--weights",
        "entropy",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert [w["name"] for w in data["weight_sets"]] == ["smart-policing", "panel.yaml", "entropy"]
    assert "weights" in data["sources"]
    # Under the panel's weights, each place's score and rank are what `score` gives with the
    # rubric copy.
    code, out, err = _run(runner, "score", "@bundled", "--rubric", "panel.yaml", "--format", "json")
    assert code == 0, err
    scored = json.loads(out)
    scored = scored.get("places", scored.get("cities"))
    panel = {p["id"]: p for p in data["weight_sets"][1]["places"]}
    for n, place in enumerate(scored, 1):
        assert panel[place["id"]]["overall"] == pytest.approx(place["overall"], abs=0.01)
        assert panel[place["id"]]["rank"] == n
    code, out, err = _run(runner, "sensitivity", "@bundled", "-n", "200", "--weights", "entropy")
    assert code == 0, err
    assert "Score (rank) under each weight set" in out
    # The sets are named for people in the table (the JSON above keeps the ids).
    code, out, err = _run(
        runner, "sensitivity", "@bundled", "-n", "200", "--weights", "entropy", "--lang", "zh"
    )
    assert code == 0, err
    assert "1. 评估框架权重" in out and "2. 熵权法权重" in out and "smart-policing" not in out


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "security: 5, talent: 5}",
            "security: 0, talent: 5}",
            "x.yaml:4:53: 'planning' 相对于 'security' 的判断值为 0，应为 1/9 到 9 之间的数"
            "（提示：请按 Saaty 1～9 标度填写 1/9 到 9 之间的数：1 同等重要，3 稍微重要，"
            "5 明显重要，7 强烈重要，9 极端重要（2、4、6、8 介于相邻两者之间）；"
            "1/3 表示稍微不重要） [judgement-scale]",
        ),
        (
            "security: {talent: 1}",
            "security: {talent: a third}",
            "x.yaml:7:22: 'security' 相对于 'talent' 的判断值为 'a third'，"
            "应为数字或 1/3 这样的分数",
        ),
        (
            "  security: {talent: 1}\n",
            "",
            "x.yaml:3:1: 缺少 'security' 与 'talent' 的比较（提示：请在 'security:' 下添加 "
            "'talent: N'（N 取 Saaty 标度上 1/9 到 9 之间的数）） [comparison-missing-pair]",
        ),
        (
            "platform: 1, ",
            "platfrom: 1, ",
            "x.yaml:5:17: 'platfrom' 不是此处所比较的维度之一（提示：您是否想写 'platform'？"
            "此处比较的是：planning、integration、platform、security、talent） "
            "[comparison-unknown-item]",
        ),
        (
            "security: {talent: 1}",
            "security: {talent: 1}\n  talent: {security: 2}",
            "x.yaml:8:22: 'talent' 相对于 'security' 为 2，而 'security' 相对于 'talent' 为 1："
            "完整的判断矩阵必须互为倒数（应为 1）",
        ),
        (
            "planning: {integration",
            "planning: {planning: 2, integration",
            "x.yaml:4:24: 'planning' 与自身比较的判断值为 2，应为 1"
            "（提示：请删去对角线上的比较：任何一项与自身同等重要） [comparison-self]",
        ),
    ],
)
def test_a_bad_judgement_file_is_worded_in_chinese(
    runner: CliRunner, in_tmp: Path, old: str, new: str, said: str
) -> None:
    assert old in GOOD
    name = _file(in_tmp, "x.yaml", GOOD.replace(old, new))
    code, out, err = _run(runner, "weights", "ahp", name, "--lang", "zh")
    assert code == 2 and out == ""
    assert said in err, err
    assert "共 1 个文件中有" in err
    assert "expected" not in err and "hint" not in err


def test_another_rubric_and_different_sets_are_worded_in_chinese(
    runner: CliRunner, in_tmp: Path
) -> None:
    original = str(bundled("rubrics") / "smart-policing.yaml")
    other = _file(in_tmp, "o.yaml", GOOD.replace("rubric: smart-policing", "rubric: sp-ahp"))
    code, _, err = _run(runner, "weights", "ahp", other, "--rubric", original, "--lang", "zh")
    assert code == 2
    assert err.startswith(
        "o.yaml:2:9: 此权重文件针对评估框架 'sp-ahp'，而所用的评估框架是 'smart-policing'"
        "（提示：请用 --rubric 指定专家判断时所依据的评估框架，或更正 'rubric:'） "
        "[weights-rubric-mismatch]"
    ), err
    a = _file(in_tmp, "a.yaml", GOOD)
    b = _file(
        in_tmp,
        "b.yaml",
        GOOD.replace("Expert X", "Expert Y") + "indicators:\n  security:\n    mlps-compliance:\n"
        "      {data-security-lifecycle: 1, privacy-oversight: 2, incident-response: 2}\n"
        "    data-security-lifecycle: {privacy-oversight: 2, incident-response: 2}\n"
        "    privacy-oversight: {incident-response: 1}\n",
    )
    code, _, err = _run(runner, "weights", "ahp", a, b, "--lang", "zh")
    assert code == 2
    assert err.startswith(
        "b.yaml:9:3: Expert Y（b.yaml）对 'security' 的指标作了两两比较，Expert X（a.yaml）没有"
        "（提示：同一专家组的每位专家应比较相同的组：请在 a.yaml 中补上这些比较，"
        "或从 b.yaml 中删去） [comparison-sets-differ]"
    ), err


def _ids(rubric: Rubric) -> set[str]:
    """Every word of the rubric's ids: they stay as they are in Chinese."""
    ids = [rubric.id, *(d.id for d in rubric.dimensions), *rubric.indicators]
    return {word for i in ids for word in i.split("-")}


@pytest.mark.parametrize("columns", ["80", "120"])
def test_the_tables_read_as_chinese(runner: CliRunner, rubric: Rubric, columns: str) -> None:
    from tests.cli.test_help import english_sentences

    env = {"COLUMNS": columns}
    ahp = runner.invoke(app, ["weights", "ahp", *map(str, EXPERTS), "--lang", "zh"], env=env)
    entropy = runner.invoke(app, ["weights", "entropy", "--lang", "zh"], env=env)
    assert ahp.exit_code == 0 and entropy.exit_code == 0
    for out in (ahp.stdout, entropy.stdout):
        left = [s for s in english_sentences(out) if not set(s.split()) <= _ids(rubric)]
        assert left == [], out
    # The experts by their Chinese names, the title with a Chinese colon.
    assert ahp.stdout.startswith("专家判断权重（层次分析法）：智慧警务")
    assert "专家C" in ahp.stdout and "Expert C" not in ahp.stdout
    if columns == "120":  # one line to a cell
        assert "统筹规划维度内的指标" in ahp.stdout
    assert entropy.stdout.startswith("熵权法权重，依据以下地区的等级：杭州市、")
    assert "分歧最大：" in entropy.stdout


def test_the_rubric_copy_says_where_its_weights_come_from_in_either_language(
    runner: CliRunner,
) -> None:
    code, out, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "--format", "yaml")
    assert code == 0, err
    assert out.startswith("# Weights from an AHP panel (policebench weights ahp): Expert A (")
    code, zh, err = _run(
        runner, "weights", "ahp", *map(str, EXPERTS), "--format", "yaml", "--lang", "zh"
    )
    assert code == 0, err
    header = [line for line in zh.splitlines() if line.startswith("#")]
    assert header[0].startswith("# 层次分析法专家组权重（policebench weights ahp）：专家A（")
    assert "、专家B（" in header[0]
    assert "原文件未作改动" in header[-1]
    # The same rubric underneath, whatever the language of its header.
    assert yaml.safe_load(zh) == yaml.safe_load(out)


def test_a_weight_set_over_other_indicators_is_refused_in_chinese(
    runner: CliRunner, in_tmp: Path
) -> None:
    code, _, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "-o", "panel.yaml")
    assert code == 0, err
    copy = yaml.safe_load((in_tmp / "panel.yaml").read_text(encoding="utf-8"))
    copy["dimensions"][-1]["indicators"].pop()
    (in_tmp / "fewer.yaml").write_text(yaml.safe_dump(copy, allow_unicode=True), "utf-8")
    code, _, err = _run(
        runner, "sensitivity", "@bundled", "-n", "100", "--weights", "fewer.yaml", "--lang", "zh"
    )
    assert code == 2
    assert "错误：权重组 fewer.yaml 的维度或指标与评估框架 'smart-policing' 不同" in err, err
    assert "policebench weights ahp --format yaml 可生成" in err


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", ["ahp", "entropy"])
def test_the_tables_fit_80_columns_and_cut_nothing(
    runner: CliRunner, lang: str, command: str
) -> None:
    files = [str(p) for p in EXPERTS] if command == "ahp" else []
    result = runner.invoke(app, ["weights", command, *files, "--lang", lang], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def test_entropy_yaml_is_a_rubric_copy_sensitivity_takes(
    runner: CliRunner, in_tmp: Path, rubric: Rubric
) -> None:
    """`weights entropy --format yaml` writes the rubric with the entropy weights (each above
    0, as a rubric's must be), which validates and which `sensitivity --weights` reads."""
    code, _, err = _run(runner, "weights", "entropy", "-f", "yaml", "-o", "entropy.yaml")
    assert code == 0, err
    text = (in_tmp / "entropy.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Entropy weights from the levels of ")
    copy = load_rubric(in_tmp / "entropy.yaml")[0]
    assert [d.id for d in copy.dimensions] == [d.id for d in rubric.dimensions]
    assert copy.indicators.keys() == rubric.indicators.keys()
    assert all(i.weight > 0 for i in copy.indicators.values())
    assert any(copy.indicators[i].weight != x.weight for i, x in rubric.indicators.items())
    assert copy.indicators["top-level-design"].name == rubric.indicators["top-level-design"].name
    code, _, err = _run(runner, "validate", "entropy.yaml")
    assert code == 0, err
    code, out, err = _run(
        runner, "sensitivity", "--samples", "300", "--weights", "entropy.yaml", "-f", "json"
    )
    assert code == 0, err
    assert [w["name"] for w in json.loads(out)["weight_sets"]][1:] == ["entropy.yaml"]
    zh = _run(runner, "weights", "entropy", "-f", "yaml", "--lang", "zh")[1]
    assert zh.startswith("# 依据 ") and "用于检验专家权重，不能替代专家权重" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_consistent_panel_that_includes_an_inconsistent_expert_says_so(
    runner: CliRunner, lang: str
) -> None:
    # Expert C's dimension judgements (CR 0.376) are in the panel's mean, whose CR is fine.
    code, out, _ = _run(runner, "weights", "ahp", *map(str, EXPERTS), "--lang", lang)
    assert code == 0
    flat = " ".join(out.split())
    said = {
        "en": "The panel's weights include judgements to revise: Expert C (the dimensions, "
        "CR 0.376).",
        "zh": "专家组权重包含了需修正的判断：专家C（各维度，CR 0.376）。",
    }
    assert said[lang].replace(" ", "") in flat.replace(" ", "")
    alone = _run(runner, "weights", "ahp", *map(str, EXPERTS[:2]), "--lang", lang)[1]
    assert "include judgements to revise" not in alone and "需修正的判断" not in alone


def test_the_judgments_to_revise_name_what_they_compare(runner: CliRunner) -> None:
    """Expert C's least consistent comparisons are named as the planner reads them (with the
    ids their file writes), not by id alone."""
    code, out, err = _run(runner, "weights", "ahp", *map(str, EXPERTS), "--lang", "zh")
    assert code == 0, err
    assert "统筹规划 (planning) :" in out and "planning : talent" not in out
