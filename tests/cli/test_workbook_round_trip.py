"""The workbook round trip (issue 14's "done"): `new --format xlsx` -> filled by openpyxl ->
`import` gives the YAML a planner would have written by hand; every bundled profile, exported
and imported again, equals the original; headers in the other language are read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Assessment, Profile, Rubric, Source
from policebench.models.profile import ConsensusStats, Review, SurveyStats
from policebench.models.workbook import SHEETS
from policebench.readers.yaml import load, parse
from policebench.render.profile_yaml import render_profile
from policebench.render.workbook import indicator_columns
from policebench.workspace import bundled

#: The profile a planner would write by hand: every field, Chinese ones, a metric, targets,
#: notes, two sources (one with URL, date and the date it was read), an unknown level with a
#: note, two indicators that do not apply (a reason in both languages, in Chinese only).
HAND = """\
id: mou-shi
name: Mou City
name_zh: 某市
kind: region
rubric: smart-policing
assessed: 2026-11-30
assessor: Desk review by the planning office
assessor_zh: 规划办案头评估
notes: "First round: two departments answered"
notes_zh: 第一轮：两个部门作答；数据截至2026年10月。
targets:
  top-level-design: 4
  data-sharing: 2
indicators:
  top-level-design:
    level: 2
    confidence: high
    evidence: The 2025-2027 plan was approved; KPIs are partly defined.
    evidence_zh: 2025—2027年规划已批准，部分指标已定义。
    sources:
      - title: 某市智慧警务建设规划（2025—2027）
        url: https://example.gov.cn/plan.html
        reliability: primary
        date: 2025-03-01
        accessed: 2026-10-15
      - title: Local press report
        title_zh: 当地媒体报道
        reliability: secondary
    note: Funding is ring-fenced only for 2025.
    note_zh: 仅2025年经费单列。
  data-sharing:
    level: 1
    confidence: low
    evidence: Point-to-point exchanges only.
    sources:
      - title: Interview with the data office
        reliability: primary
  specialist-headcount:
    value: 2.5
    confidence: medium
    evidence: 60 specialists for 2,400 officers.
    sources:
      - title: Staffing list 2026
        reliability: primary
  policing-reform:
    note: Not known yet.
    note_zh: 尚不清楚。
  network-interconnection:
    applicable: false
    reason: The police network is built and run by the province.
    reason_zh: 公安网由省厅统一建设和运维。
  partnerships:
    applicable: false
    reason_zh: 本市不与外部单位合作建设。
"""

#: What each field is called in the drop-downs of each language.
WORDS = {
    "en": {"high": "high", "medium": "medium", "low": "low", "primary": "primary",
           "secondary": "secondary", "region": "region", "n/a": "not applicable"},
    "zh": {"high": "高", "medium": "中", "low": "低", "primary": "一手（官方原文）",
           "secondary": "二手（媒体、论文）", "region": "自治区/地区", "n/a": "不适用"},
}  # fmt: skip


def _invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _hand() -> Profile:
    return Profile.model_validate(parse(HAND, "hand.yaml").data)


def _headers(ws: Any) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[1] if c.value is not None}


def fill(path: Path, profile: Profile, rubric: Rubric, lang: str) -> None:
    """Type ``profile`` into the workbook at ``path`` as a respondent would, by openpyxl."""
    wb = openpyxl.load_workbook(path)
    lang_index = 1 if lang == "zh" else 0
    words = WORDS[lang]
    place = wb[SHEETS["place"][lang_index]]
    rows = {place.cell(r, 1).value: r for r in range(2, place.max_row + 1)}
    for key in ("assessor", "assessor_zh", "notes", "notes_zh"):
        place.cell(rows[key], 3).value = getattr(profile, key)
    sheet = wb[SHEETS["indicators"][lang_index]]
    col = _headers(sheet)
    columns = indicator_columns(rubric, 2, False)
    name = {key: pair[lang_index] for key, pair in columns.items()}
    by_id = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    scale = rubric.scale
    for ind_id, entry in profile.indicators.items():
        row = by_id[ind_id]

        def put(key: str, value: Any, row: int = row) -> None:
            sheet.cell(row, col[name[key]]).value = value

        if entry.level is not None:
            put("level", f"{entry.level} {scale.name_of(entry.level, lang)}")
        put("value", entry.value)
        put("confidence", words[entry.confidence] if entry.confidence else None)
        for key in ("evidence", "evidence_zh", "note", "note_zh", "reason", "reason_zh"):
            put(key, getattr(entry, key))
        if not entry.applicable:
            put("applicable", words["n/a"])
        for n, source in enumerate(entry.sources, start=1):
            put(f"src{n}_title", source.title)
            put(f"src{n}_title_zh", source.title_zh)
            put(f"src{n}_url", source.url)
            put(f"src{n}_reliability", words[source.reliability])
            put(f"src{n}_date", source.date)
            put(f"src{n}_accessed", source.accessed)
    for ind_id, target in profile.targets.items():
        sheet.cell(by_id[ind_id], col[name["target"]]).value = target  # a number typed in
    wb.save(path)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_new_fill_import_is_the_yaml_written_by_hand(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, lang: str
) -> None:
    hand = _hand()
    code, _, err = _invoke(
        runner,
        *("new", "mou-shi", "--name", "Mou City", "--name-zh", "某市", "--kind", "region"),
        *("--assessed", "2026-11-30", "--lang", lang, "-o", "mou-shi.xlsx"),
    )
    assert code == 0, err
    said = {
        "en": "wrote mou-shi.xlsx\nnext: fill it in, then run: policebench import mou-shi.xlsx\n",
        "zh": "已写入 mou-shi.xlsx\n下一步：请填写，然后运行：policebench import mou-shi.xlsx\n",
    }
    assert err == said[lang]
    fill(in_tmp / "mou-shi.xlsx", hand, rubric, lang)
    code, _, err = _invoke(runner, "import", "mou-shi.xlsx", "-o", "out.yaml", "--lang", lang)
    assert code == 0, err
    assert err.endswith(
        {
            "en": "wrote out.yaml\nnext: review it, then run: policebench validate out.yaml\n",
            "zh": "已写入 out.yaml\n下一步：请审阅，然后运行：policebench validate out.yaml\n",
        }[lang]
    )
    written = (in_tmp / "out.yaml").read_text(encoding="utf-8")
    assert written == render_profile(hand, rubric, lang, file="out.yaml")
    doc, _ = load(in_tmp / "out.yaml")
    back = Profile.model_validate(doc.data)
    assert _known(back) == _known(hand)
    assert back.targets == {"top-level-design": 4, "data-sharing": 2}
    assert back.indicators["specialist-headcount"].value == 2.5
    assert back.indicators["top-level-design"].sources[0].date == dt.date(2025, 3, 1)
    assert back.notes_zh == "第一轮：两个部门作答；数据截至2026年10月。"
    assert back.indicators["top-level-design"].sources[0].accessed == dt.date(2026, 10, 15)
    na = back.indicators["network-interconnection"]
    assert (na.applicable, na.level, na.reason_zh) == (False, None, "公安网由省厅统一建设和运维。")
    assert back.indicators["partnerships"].reason is None
    # and the file validates as written
    code, _, err = _invoke(runner, "validate", "out.yaml")
    assert code == 0, err


def _known(profile: Profile) -> Profile:
    """``profile`` without its empty entries (``new`` writes every indicator, a hand-written
    profile may leave unknown ones out: the same assessment)."""
    kept = {k: v for k, v in profile.indicators.items() if v != Assessment()}
    return profile.model_copy(update={"indicators": kept})


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("city", ["hangzhou", "inner-mongolia", "j-city", "qingdao"])
def test_bundled_profiles_export_and_import_to_the_originals(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile], city: str,
    lang: str,
) -> None:  # fmt: skip
    code, _, err = _invoke(runner, "export", city, "--lang", lang, "-o", f"{city}.xlsx")
    wrote = {"en": "wrote", "zh": "已写入"}[lang]
    assert (code, err) == (0, f"{wrote} {city}.xlsx\n")
    code, _, err = _invoke(runner, "import", f"{city}.xlsx", "-o", "back.yaml", "--lang", lang)
    assert code == 0, err
    assert err.startswith(f"{wrote} back.yaml\n"), err  # the bundled profiles: no warning
    doc, _ = load(in_tmp / "back.yaml")
    back = Profile.model_validate(doc.data)
    original = profiles[city]
    assert _known(back) == _known(original)
    assert original == Profile.model_validate(load(bundled("cities") / f"{city}.yaml")[0].data)
    text = (in_tmp / "back.yaml").read_text(encoding="utf-8")
    assert text == render_profile(original, rubric, lang, file="back.yaml")


def _every_field() -> Profile:
    """The hand-written profile with questionnaire statistics, a consensus of assessors (one
    unknown to one of them, one named with a colon) and a review too: every field a profile
    can hold, set somewhere (``_fields_set`` checks this against the models)."""
    hand = _hand()
    surveyed = Assessment.model_validate(
        {
            "level": 2,
            "confidence": "medium",
            "evidence": "Median of 5 answers.",
            "sources": [{"title": "Questionnaire", "reliability": "secondary"}],
            "survey": {"answers": 5, "agreement": 0.8, "distribution": {1: 1, 2: 3, 3: 1}},
        }
    )
    agreed = Assessment.model_validate(
        {
            "level": 3,
            "confidence": "medium",
            "evidence": "[alice] The platform serves every district.",
            "sources": [{"title": "Platform inventory", "reliability": "primary"}],
            "consensus": {
                "assessors": {"alice": 3, "李四": 2, "Wang: data office": None},
                "agreement": 1.0,
                "spread": 1,
                "decided": "meeting",
                "rationale": "The meeting saw the 2026 inventory: every district is connected.",
            },
        }
    )
    indicators = {
        **hand.indicators,
        "leadership-understanding": surveyed,
        "platform-systematisation": agreed,
    }
    review = Review(
        status="reviewed", by="王科长", date=dt.date(2026, 12, 5), note="Sources checked."
    )
    return hand.model_copy(update={"indicators": indicators, "review": review})


def _fields_set(profile: Profile) -> set[str]:
    """Every field of the profile models that ``profile`` sets to other than its default
    (``Model.field``), over all its entries and sources."""
    found: set[str] = set()

    def visit(obj: Any) -> None:
        model = type(obj)
        for name, info in model.model_fields.items():
            value = getattr(obj, name)
            if value != info.get_default(call_default_factory=True):
                found.add(f"{model.__name__}.{name}")

    visit(profile)
    if profile.review is not None:
        visit(profile.review)
    for entry in profile.indicators.values():
        visit(entry)
        for source in entry.sources:
            visit(source)
        if entry.survey is not None:
            visit(entry.survey)
        if entry.consensus is not None:
            visit(entry.consensus)
    return found


def _all_fields() -> set[str]:
    return {
        f"{model.__name__}.{name}"
        for model in (Profile, Assessment, Source, SurveyStats, ConsensusStats, Review)
        for name in model.model_fields
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_field_a_profile_can_hold_survives_export_and_import(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, lang: str
) -> None:
    every = _every_field()
    # A field added to the models fails here until the workbook carries it (and this profile
    # sets it).
    assert _fields_set(every) == _all_fields()
    (in_tmp / "every.yaml").write_text(render_profile(every, rubric, "en"), encoding="utf-8")
    code, _, err = _invoke(runner, "export", "every.yaml", "--lang", lang, "-o", "every.xlsx")
    assert code == 0, err
    code, _, err = _invoke(runner, "import", "every.xlsx", "-o", "back.yaml", "--lang", lang)
    assert code == 0, err
    back = Profile.model_validate(load(in_tmp / "back.yaml")[0].data)
    assert _known(back) == _known(every)
    assert (in_tmp / "back.yaml").read_text(encoding="utf-8") == render_profile(
        every, rubric, lang, file="back.yaml"
    )


def test_headers_in_the_other_language_are_read(
    runner: CliRunner, in_tmp: Path, rubric: Rubric, profiles: dict[str, Profile]
) -> None:
    code, _, err = _invoke(runner, "export", "hangzhou", "-o", "h.xlsx")
    assert code == 0, err
    wb = openpyxl.load_workbook(in_tmp / "h.xlsx")
    sheet = wb["Indicators"]
    columns = indicator_columns(rubric, 100, True)
    zh = {en: pair_zh for en, pair_zh in columns.values()}
    for cell in sheet[1]:
        cell.value = zh[cell.value]
    sheet.title = "指标"  # and the sheet's name
    wb.save(in_tmp / "h.xlsx")
    code, _, err = _invoke(runner, "import", "h.xlsx", "-o", "h.yaml")
    assert code == 0, err
    back = Profile.model_validate(load(in_tmp / "h.yaml")[0].data)
    assert _known(back) == _known(profiles["hangzhou"])


def test_a_workbook_of_another_rubric_version_is_told(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = _invoke(runner, "export", "j-city", "-o", "j.xlsx")
    assert code == 0, err
    wb = openpyxl.load_workbook(in_tmp / "j.xlsx")
    meta = wb["_policebench"]
    assert [meta.cell(r, 1).value for r in range(1, 6)] == [
        "format", "rubric", "version", "sha256", "lang",
    ]  # fmt: skip
    meta.cell(3, 2).value = "0.9"
    wb["Indicators"].cell(3, 1).value = "old-indicator"
    wb.save(in_tmp / "j.xlsx")
    code, _, err = _invoke(runner, "import", "j.xlsx", "-o", "j.yaml")
    assert code == 2
    assert "j.xlsx: the workbook was made for rubric smart-policing 0.9; the rubric in use is " \
        "smart-policing 1.0 (indicators no longer in the rubric: old-indicator; indicators " \
        "new in the rubric: coordination-mechanism)" in err  # fmt: skip
    assert "policebench rubric diff OLD.yaml NEW.yaml" in err
    assert not (in_tmp / "j.yaml").exists()
    # the same version from another file (other bytes): a warning, and the profile is written
    meta.cell(3, 2).value = "1.0"
    meta.cell(4, 2).value = "0" * 64
    wb["Indicators"].cell(3, 1).value = "coordination-mechanism"
    wb.save(in_tmp / "j.xlsx")
    code, _, err = _invoke(runner, "import", "j.xlsx", "-o", "j.yaml")
    assert code == 0, err
    assert "warning: the rubric file of version 1.0 has changed" in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_export_never_replaces_a_workbook_that_may_have_come_back_filled(
    runner: CliRunner, in_tmp: Path, lang: str
) -> None:
    code, _, err = _invoke(runner, "export", "j-city", "-o", "j.xlsx")
    assert code == 0, err
    book = openpyxl.load_workbook(in_tmp / "j.xlsx")
    book.active["A1"] = "filled in by the data office"
    book.save(in_tmp / "j.xlsx")
    filled = (in_tmp / "j.xlsx").read_bytes()
    code, _, err = _invoke(runner, "export", "hangzhou", "--lang", lang, "-o", "j.xlsx")
    assert code == 2
    assert ("j.xlsx 已存在；不会覆盖它" if lang == "zh" else "j.xlsx already exists") in err
    assert (in_tmp / "j.xlsx").read_bytes() == filled


@pytest.mark.parametrize(
    ("lang", "sheet", "last"),
    [
        ("zh", "填写说明", "5. 填好后请交回评估牵头部门。"),
        (
            "en",
            "Guide",
            "5. When it is filled in, send the workbook back to whoever leads the assessment.",
        ),
    ],
)
def test_the_guide_a_department_reads_names_no_command(
    runner: CliRunner, in_tmp: Path, lang: str, sheet: str, last: str
) -> None:
    """The workbook goes to departments that never run policebench: its guide tells them to
    send it back, not which command reads it."""
    code, _, err = _invoke(
        runner, "new", "x-city", "--name-zh", "X市", "--lang", lang, "-o", "x.xlsx"
    )
    assert code == 0, err
    text = "\n".join(
        str(c.value)
        for row in openpyxl.load_workbook(in_tmp / "x.xlsx")[sheet].iter_rows()
        for c in row
        if c.value
    )
    assert last in text.splitlines() and "policebench import" not in text
