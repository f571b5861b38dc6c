"""`policebench survey`: questionnaire CSV -> profile, with every bad cell reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.models import Profile
from policebench.readers.yaml import load

HEADER = "respondent,role,top-level-design,data-sharing,usability,partnerships,comment"
# Hand computation, per indicator (blank = no answer):
#   top-level-design  1 2 2 3 0 -> sorted 0 1 2 2 3, median 2; within one level of 2: 1 2 2 3
#                                  = 4/5 = 0.8; 5 answers and 0.8 -> high
#   data-sharing      0 1 1 - 4 -> sorted 0 1 1 4, lower median 1 (even count: the lower of
#                                  1 and 1); within one: 0 1 1 = 3/4 = 0.75; 4 answers -> medium
#   usability         - 3 1 2 - -> sorted 1 2 3, median 2; within one: all = 1.0; 3 -> medium
#   partnerships      2 - - - - -> one answer: level 2, agreement 1.0; 1 answer -> low
ROWS = [
    'R1,patrol officer,1,0,,2,"slow, and data typed twice"',
    "R2,IT section,2,1,3,,",
    "R3,IT section,2,1,1,,",
    "R4,command centre,3,,2,,",
    "R5,leadership office,0,4,,,",
]


def _csv(folder: Path, rows: list[str], *, header: str = HEADER, bom: bool = True) -> Path:
    path = folder / "answers.csv"
    text = "\r\n".join([header, *rows]) + "\r\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def _survey(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["survey", *args])
    return result.exit_code, result.stdout, result.stderr


def test_aggregates_to_a_profile_that_validates_and_scores(runner: CliRunner, in_tmp: Path) -> None:
    path = _csv(in_tmp, ROWS)
    code, _, err = _survey(
        runner, str(path), "--city", "test-town", "--name", "Test Town", "--assessed", "2026-11-01"
    )
    assert code == 0, err
    assert "5 respondents; 4 of 21 indicators answered" in err
    written = in_tmp / "cities" / "test-town.yaml"
    doc, _ = load(written)
    profile = Profile.model_validate(doc.data)
    got = {
        ind: (e.level, e.confidence, e.survey.answers, e.survey.agreement, e.survey.distribution)
        for ind, e in profile.indicators.items()
        if e.survey is not None
    }
    assert got == {
        "top-level-design": (2, "high", 5, 0.8, {0: 1, 1: 1, 2: 2, 3: 1}),
        "data-sharing": (1, "medium", 4, 0.75, {0: 1, 1: 2, 4: 1}),
        "usability": (2, "medium", 3, 1.0, {1: 1, 2: 1, 3: 1}),
        "partnerships": (2, "low", 1, 1.0, {2: 1}),
    }
    assert profile.indicators["data-sharing"].evidence == (
        "Questionnaire answers.csv: 4 answers, median 1, 75% within one level of the median."
    )
    unanswered = [i for i, e in profile.indicators.items() if e.survey is None]
    assert len(unanswered) == 17
    assert all(profile.indicators[i].level is None for i in unanswered)
    assert profile.assessor is not None
    assert "5 respondents (IT section 2, command centre 1" in profile.assessor
    assert profile.assessor_zh is not None  # a Chinese report says who assessed in Chinese
    assert profile.assessor_zh.startswith("问卷调查（answers.csv）：5 位受访者（IT section 2 人")

    result = runner.invoke(app, ["validate", str(written)])
    assert (result.exit_code, result.stderr) == (0, "1 file valid\n")
    result = runner.invoke(app, ["score", str(written), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    card = next(c for c in json.loads(result.stdout)["places"] if c["id"] == "test-town")
    assert card["indicators"]["top-level-design"]["score"] == 50.0


def test_bom_and_no_bom_give_the_same_profile(runner: CliRunner, in_tmp: Path) -> None:
    outputs = []
    for bom in (True, False):
        path = _csv(in_tmp, ROWS, bom=bom)
        code, text, err = _survey(
            runner, str(path), "--city", "t", "--assessed", "2026-11-01", "-o", "-"
        )
        assert code == 0, err
        outputs.append(text)
    assert outputs[0] == outputs[1]


def test_gbk_and_gb18030_files_are_read_and_the_encoding_said(
    runner: CliRunner, in_tmp: Path
) -> None:
    """Excel and WPS on Chinese Windows save plain "CSV" as GBK (GB18030 is its superset)."""
    text = "受访者,岗位,top-level-design,备注\r\n张三,巡警,1,系统卡顿\r\n李四,科技科,2,\r\n"
    outputs = []
    path = in_tmp / "answers.csv"
    for encoding in ("utf-8-sig", "utf-8", "gbk", "gb18030"):
        path.write_bytes(text.encode(encoding))
        code, out, err = _survey(
            runner, str(path), "--city", "t", "--assessed", "2026-11-01", "-o", "-"
        )
        assert code == 0, err
        said = {"utf-8-sig": "UTF-8 with a byte-order mark", "utf-8": "UTF-8"}.get(
            encoding, "GB18030 (not"
        )
        assert f"read {path.name} as {said}" in err
        outputs.append(out)
    assert len(set(outputs)) == 1
    assert "  top-level-design:\n    level: 1\n" in outputs[0]
    # in Chinese
    code, _, err = _survey(runner, str(path), "--city", "t", "-o", "-", "--lang", "zh")
    assert code == 0 and "已按 GB18030（不是有效的 UTF-8" in err


def test_neither_utf8_nor_gb18030_is_refused(runner: CliRunner, in_tmp: Path) -> None:
    path = in_tmp / "answers.csv"
    path.write_bytes(b"respondent,top-level-design\r\nR1,1\x80\x20\r\n")
    code, _, err = _survey(runner, str(path), "--city", "t")
    assert code == 2
    assert "answers.csv:2:5: the file is not valid UTF-8" in err
    assert not (in_tmp / "t.yaml").exists()


def _xlsx(folder: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    other = wb.create_sheet("second")
    other.append(["respondent", "top-level-design"])
    other.append(["X", 4])
    path = folder / "answers.xlsx"
    wb.save(path)
    return path


def test_an_xlsx_export_is_read(runner: CliRunner, in_tmp: Path) -> None:
    """What questionnaire platforms export: the first sheet, numbers as numbers."""
    rows: list[list[object]] = [HEADER.split(",")]
    for line in ROWS:
        cells = next(__import__("csv").reader([line]))
        rows.append([int(c) if c.isdigit() else (c or None) for c in cells])
    path = _xlsx(in_tmp, rows)
    code, out, err = _survey(
        runner, str(path), "--city", "t", "--assessed", "2026-11-01", "-o", "-"
    )
    assert code == 0, err
    assert "read answers.xlsx as an .xlsx workbook, sheet Sheet1" in err
    csv_path = _csv(in_tmp, ROWS)
    code, from_csv, _ = _survey(
        runner, str(csv_path), "--city", "t", "--assessed", "2026-11-01", "-o", "-"
    )

    def levels(text: str) -> dict[str, tuple[object, ...]]:
        entries = Profile.model_validate(yaml.safe_load(text)).indicators
        return {k: (e.level, e.confidence, e.survey) for k, e in entries.items()}

    assert levels(out) == levels(from_csv)
    assert levels(out)["top-level-design"][0] == 2
    # another sheet
    code, out, err = _survey(runner, str(path), "--city", "t", "--sheet", "second", "-o", "-")
    assert code == 0, err
    assert "  top-level-design:\n    level: 4\n" in out
    code, _, err = _survey(runner, str(path), "--city", "t", "--sheet", "Second")
    assert code == 2
    assert "answers.xlsx: no sheet named 'Second' (the sheets: Sheet1, second)" in err


def test_bad_cells_of_an_xlsx_are_named_by_cell(runner: CliRunner, in_tmp: Path) -> None:
    path = _xlsx(
        in_tmp,
        [["respondent", "top-level-design", "data-sharing"], ["R1", 7, "=1+1"], ["R2", 1, 2]],
    )
    code, _, err = _survey(runner, str(path), "--city", "t")
    assert code == 2
    assert "answers.xlsx!Sheet1!C2: a formula; policebench reads values" in err
    assert "answers.xlsx!Sheet1!B2: level 7 is outside the scale 0..4" in err
    assert not (in_tmp / "cities").exists()
    # in Chinese: the formula, a merged range and a sheet that is not there
    import openpyxl

    wb = openpyxl.load_workbook(path)
    wb["Sheet1"].merge_cells("B3:C3")
    wb.save(path)
    code, _, err = _survey(runner, str(path), "--city", "t", "--lang", "zh")
    assert code == 2
    assert (
        "answers.xlsx!Sheet1!C2: 这是公式；policebench 只读取数值，不读取公式（也从不计算公式）"
        "（提示：请直接填写数值（复制该单元格，再“选择性粘贴 → 数值”）） [workbook-formula]"
    ) in err
    assert (
        "answers.xlsx!Sheet1!B3: 合并了单元格 B3:C3；每位受访者的回答都须单独占一个单元格"
        "（提示：请取消合并（开始 → 合并居中 → 取消合并单元格），再逐格填写） [workbook-merged]"
    ) in err
    code, _, err = _survey(runner, str(path), "--city", "t", "--sheet", "Second", "--lang", "zh")
    assert code == 2
    assert (
        "answers.xlsx: 没有名为 'Second' 的工作表（现有工作表：Sheet1、second）"
        "（提示：您是否想写 'second'？） [no-sheet]"
    ) in err


def test_bad_rows_are_all_reported_and_nothing_is_written(runner: CliRunner, in_tmp: Path) -> None:
    rows = [
        ROWS[0],
        "R2,IT section,7,1,3,,",  # line 3, column C: out of range
        "R3,IT section,2,abc,1,,",  # line 4, column D: text
        "R4,command centre,3,,2.5,,",  # line 5, column E: not whole
        "R5,leadership office,0,4,,,,9",  # line 6, column H: beyond the header
    ]
    path = _csv(in_tmp, rows)
    code, out, err = _survey(runner, str(path), "--city", "t")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[:4] == [
        "answers.csv:3:3: level 7 is outside the scale 0..4 (column 'top-level-design') "
        "(hint: use a whole number from 0 to 4, or leave it blank) [level]",
        "answers.csv:4:4: 'abc' is not a level (column 'data-sharing') "
        "(hint: use a whole number from 0 to 4, or leave it blank) [level]",
        "answers.csv:5:5: '2.5' is not a whole number (column 'usability') "
        "(hint: use a whole number from 0 to 4, or leave it blank) [level]",
        "answers.csv:6:8: column H has no header but holds a value (hint: give it an "
        "indicator id as header, start the header with # to ignore it, or delete the value) "
        "[no-header]",
    ]
    assert "nothing written" in err
    assert not (in_tmp / "t.yaml").exists()


def test_skip_bad_rows_lists_them_and_uses_the_rest(runner: CliRunner, in_tmp: Path) -> None:
    rows = [ROWS[0], "R2,IT section,7,1,3,,", ROWS[2], "R4,command centre,x,,,,", ROWS[4]]
    path = _csv(in_tmp, rows)
    code, text, err = _survey(runner, str(path), "--city", "t", "--skip-bad-rows", "-o", "-")
    assert code == 0, err
    assert "skipped 2 rows: 3 (R2), 5 (R4)" in err
    assert "answers.csv:3:3: warning: level 7 is outside the scale" in err
    # Left: R1, R3, R5 -> top-level-design 1 2 0 -> median 1, three answers.
    assert "  top-level-design:\n    level: 1\n" in text
    assert "answers: 3\n" in text


def test_unknown_column_is_always_an_error(runner: CliRunner, in_tmp: Path) -> None:
    header = HEADER.replace("top-level-design", "top-level-desing")
    path = _csv(in_tmp, ["R1,a,1,1,1,1,", "R2,b,9,1,1,1,"], header=header)
    for extra in ([], ["--skip-bad-rows"]):
        code, _, err = _survey(runner, str(path), "--city", "t", *extra)
        assert code == 2
        assert (
            "answers.csv:1:3: unknown column 'top-level-desing' "
            "(hint: did you mean 'top-level-design'?)"
        ) in err
        # Row problems are reported in the same run, not one fix at a time.
        assert "answers.csv:3:4" not in err  # the unknown column's cells are not read
    assert not (in_tmp / "t.yaml").exists()


def test_multi_line_cells_keep_row_numbers_right(runner: CliRunner, in_tmp: Path) -> None:
    rows = ['R1,a,1,1,1,1,"line one\nline two"', "R2,b,1,9,1,1,"]
    path = _csv(in_tmp, rows)
    code, _, err = _survey(runner, str(path), "--city", "t")
    assert code == 2
    assert err.startswith("answers.csv:4:4: level 9 is outside the scale")


def test_chinese_headers_names_and_ignored_columns(runner: CliRunner, in_tmp: Path) -> None:
    header = "受访者,岗位,#提交时间,顶层设计与建设路线图,usability,备注"
    path = _csv(
        in_tmp, ["张三,巡警,2026-01-01,2,1,", "李四,科信,2026-01-02,不知道,2,无"], header=header
    )
    code, text, err = _survey(runner, str(path), "--city", "t", "-o", "-", "--lang", "zh")
    assert code == 0, err
    assert "  top-level-design:\n    level: 2\n" in text
    assert "  usability:\n    level: 1\n" in text  # sorted 1 2 -> the lower middle value
    assert "巡警 1" in text and "科信 1" in text
    assert "# 问题：" in text


def test_tab_delimited(runner: CliRunner, in_tmp: Path) -> None:
    path = _csv(in_tmp, ["R1\ta\t3"], header="respondent\trole\tusability")
    code, text, _ = _survey(runner, str(path), "--city", "t", "-o", "-")
    assert code == 0
    assert "  usability:\n    level: 3\n" in text


def test_cell_forms_and_repeated_columns(runner: CliRunner, in_tmp: Path) -> None:
    path = in_tmp / "answers.csv"
    path.write_text(
        "respondent,usability,partnerships,data-sharing\nR1,\uff12,2.0, n/a \n", encoding="utf-8"
    )
    code, text, err = _survey(runner, str(path), "--city", "t", "-o", "-")
    assert code == 0, err
    assert "1 respondent; 2 of 21 indicators answered" in err
    assert "  usability:\n    level: 2\n" in text
    assert "  partnerships:\n    level: 2\n" in text
    assert "  data-sharing:\n    level: null\n" in text
    path.write_text("respondent,usability,Usability\nR1,1,2\n", encoding="utf-8")
    code, _, err = _survey(runner, str(path), "--city", "t", "-o", "-")
    assert code == 2
    assert "answers.csv:1:3: column 'Usability' repeats column 2" in err


def test_input_and_output_errors(runner: CliRunner, in_tmp: Path) -> None:
    assert _survey(runner, "missing.csv", "--city", "t")[0] == 2
    empty = in_tmp / "empty.csv"
    empty.write_text("", encoding="utf-8")
    code, _, err = _survey(runner, str(empty), "--city", "t")
    assert (code, "the file is empty" in err) == (2, True)
    blank = _csv(in_tmp, ["R1,a,,,,,", ""])
    code, _, err = _survey(runner, str(blank), "--city", "t")
    assert (code, "every answer is blank" in err) == (2, True)
    good = _csv(in_tmp, ROWS)
    code, _, err = _survey(runner, str(good), "--city", "t", "--output", str(good))
    assert (code, "already exists" in err) == (2, True)
    assert _survey(runner, str(good), "--city", "Bad Id")[0] == 2
    assert _survey(runner, str(good))[0] == 2  # --city is required
    xlsx = in_tmp / "answers.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _, err = _survey(runner, str(xlsx), "--city", "t")
    assert (code, "answers.xlsx: the workbook is damaged" in err) == (2, True)
    xls = in_tmp / "answers.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, _, err = _survey(runner, str(xls), "--city", "t")
    assert (code, "neither a CSV text file nor an .xlsx workbook" in err) == (2, True)


def test_bundled_example(runner: CliRunner, in_tmp: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "survey-j-city.csv"
    code, text, err = _survey(
        runner, str(example), "--city", "j-city-survey", "--name", "J City", "-o", "-"
    )
    assert code == 0, err
    assert "7 respondents; 20 of 21 indicators answered" in err
    # operations-maintenance: 2 1 1 2 -> sorted 1 1 2 2 -> the lower middle value, 1.
    assert "  operations-maintenance:\n    level: 1\n    confidence: medium\n" in text


def test_the_chinese_example_is_the_same_survey_in_chinese(runner: CliRunner, in_tmp: Path) -> None:
    """examples/survey-j-city.zh.csv: the English example's answers under Chinese headers
    (受访者, 岗位, 意见), roles and comments, as a Chinese questionnaire platform exports it."""
    folder = Path(__file__).resolve().parents[2] / "examples"
    args = ("--city", "j-city", "--name", "J City", "--assessed", "2026-12-01", "-o", "-")
    code, en, err = _survey(runner, str(folder / "survey-j-city.csv"), *args)
    assert code == 0, err
    code, zh, err = _survey(runner, str(folder / "survey-j-city.zh.csv"), *args, "--lang", "zh")
    assert code == 0, err
    assert "7 位受访者；21 项指标中有 20 项有回答" in err

    def levels(text: str) -> dict[str, Any]:
        doc = yaml.safe_load(text)
        return {k: (v["level"], v.get("confidence")) for k, v in doc["indicators"].items()}

    assert levels(zh) == levels(en)
    assessor = yaml.safe_load(zh)["assessor_zh"]
    assert "巡逻民警 2 人" in assessor and "科技信息化部门 2 人" in assessor


def test_a_place_without_a_name_in_the_language_used_is_said(
    runner: CliRunner, in_tmp: Path
) -> None:
    """Without --name-zh a Chinese run says the profile has no Chinese name (every table
    would show the id); without --name, an English run; with the name, nothing is said."""
    path = _csv(in_tmp, ROWS)
    said = "未写 --name-zh：档案没有中文名称，中文表格中将显示为 t-town"
    _, text, err = _survey(runner, str(path), "--city", "t-town", "--lang", "zh", "-o", "-")
    assert said in err and yaml.safe_load(text)["name_zh"] is None
    _, _, err = _survey(runner, str(path), "--city", "t-town", "--name-zh", "T镇", "--lang", "zh")
    assert "--name-zh" not in err
    _, _, err = _survey(runner, str(path), "--city", "t-town", "--lang", "en", "-o", "-")
    assert "no --name: the place is called by its id, t-town" in err
    _, _, err = _survey(runner, str(path), "--city", "t-town", "--name", "T", "-o", "x.yaml")
    assert "--name" not in err


def test_the_written_profile_asks_to_check_the_levels_it_holds(
    runner: CliRunner, in_tmp: Path
) -> None:
    """The file's header comment says the levels are filled in (to check), not "replace
    level: null" as in the blank profile policebench new writes."""
    path = _csv(in_tmp, ROWS)
    _, text, _ = _survey(runner, str(path), "--city", "t-town", "--lang", "zh", "-o", "-")
    head = "".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    assert "下列指标已填有等级" in head and "请逐项核对" in head
    assert "改为达到的等级" not in head
    made = runner.invoke(app, ["new", "t-town", "--name-zh", "T镇", "--lang", "zh", "-o", "-"])
    assert made.exit_code == 0, made.stderr
    assert "改为达到的等级" in made.stdout and "已填入" not in made.stdout


def test_help_states_the_rules(runner: CliRunner) -> None:
    result = runner.invoke(app, ["survey", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "the lower of the two middle ones" in flat
    assert "policebench survey examples/survey-j-city.csv" in flat


# --- issue 12: faults that would change the result without a word -----------------------------

HOSTILE = Path(__file__).resolve().parent.parent / "fixtures" / "hostile" / "survey"


def test_an_unclosed_quote_that_swallows_rows_is_refused(runner: CliRunner, in_tmp: Path) -> None:
    """One quote opened in a comment cell would read the three rows after it as that cell:
    survey used to exit 0 with 1 answer of 4."""
    code, _, err = _survey(
        runner, str(HOSTILE / "unclosed-quote.csv"), "--city", "x", "-o", "x.yaml"
    )
    assert code == 2
    assert (
        "unclosed-quote.csv:2:4: a quote opened in column D is not closed before line 5: "
        "3 row(s) after it were read as part of this cell" in err
    )
    assert 'write a quote inside a cell as two ("")' in err
    assert not (in_tmp / "x.yaml").exists()
    # Not a bad row that --skip-bad-rows could leave out: the rows are lost, so it stops.
    code, _, err = _survey(
        runner, str(HOSTILE / "unclosed-quote.csv"), "--city", "x", "--skip-bad-rows", "-o", "-"
    )
    assert code == 2 and "not closed before line 5" in err


def test_a_multi_line_comment_is_no_unclosed_quote(runner: CliRunner, in_tmp: Path) -> None:
    code, _, err = _survey(
        runner, str(HOSTILE / "multiline-comment-ok.csv"), "--city", "x", "-o", "-"
    )
    assert code == 0, err
    assert "2 respondents" in err


def test_a_repeated_respondent_is_refused_then_skipped(runner: CliRunner, in_tmp: Path) -> None:
    csv = str(HOSTILE / "repeated-respondent.csv")
    code, _, err = _survey(runner, csv, "--city", "x", "-o", "x.yaml")
    assert code == 2
    assert "repeated-respondent.csv:4:1: respondent 'R1' already answered on line 2" in err
    assert "repeated-respondent.csv:5:1: respondent 'R1' already answered on line 2" in err
    assert not (in_tmp / "x.yaml").exists()
    code, _, err = _survey(runner, csv, "--city", "x", "--skip-bad-rows", "-o", "-", "--lang", "zh")
    assert code == 0
    assert "受访者“R1”已在第 2 行作答" in err
    assert "已略过 2 行：4（R1）、5（R1）" in err
    assert "2 位受访者" in err  # R1 once and R2, not R1 three times


def test_a_cell_past_the_csv_limit_is_a_problem_not_a_crash(
    runner: CliRunner, in_tmp: Path
) -> None:
    """A quote left open before 200,000 characters of text: the csv module's field limit
    (131,072) stops it; that was an internal error (exit 70)."""
    path = in_tmp / "long.csv"
    path.write_text(
        'respondent,top-level-design,comment\nR1,2,"' + "x" * 200_000 + '"\nR2,3,\n',
        encoding="utf-8",
    )
    code, out, err = _survey(runner, str(path), "--city", "x", "-o", "-")
    assert code == 2 and out == ""
    assert (
        "long.csv:2:1: this row cannot be read as CSV (field larger than field limit (131072)); "
        "the rows from here on were not read" in err
    )


def test_rows_with_another_separator_are_diagnosed(runner: CliRunner, in_tmp: Path) -> None:
    """Rows pasted with ';' under a ',' header read as one cell each: said so, in both
    languages, not "every answer is blank" (issue 12)."""
    rows = [row.replace(",", ";") for row in ROWS[1:]]
    path = _csv(in_tmp, [ROWS[0], *rows])
    code, out, err = _survey(runner, str(path), "--city", "t")
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == (
        "answers.csv:3:1: this row is separated by ';', the header row by ',': the answers of "
        f"{len(rows)} such rows would all read as blank (hint: save the whole file with one "
        "separator: in Excel or WPS, Save As, CSV UTF-8 (comma delimited)) [mixed-separator]"
    )
    assert "every answer is blank" not in err
    assert not (in_tmp / "t.yaml").exists()
    code, _, err = _survey(runner, str(path), "--city", "t", "--lang", "zh")
    assert code == 2
    assert err.splitlines()[0] == (
        "answers.csv:3:1: 此行用 ';' 分隔，而表头用 ',' 分隔：这样的 "
        f"{len(rows)} 行回答都会被读成空白（提示：请整个文件只用一种分隔符：在 Excel 或 WPS "
        "中另存为“CSV UTF-8（逗号分隔）”） [mixed-separator]"
    )
    assert err.splitlines()[-1].startswith("未写入任何内容：")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "warning: --sheet Answers is for an .xlsx workbook; answers.csv is a CSV file"),
        ("zh", "警告：--sheet Answers 仅用于 .xlsx 工作簿；answers.csv 是 CSV 文件，已整个读取"),
    ],
)
def test_sheet_given_for_a_csv_file_is_said_not_ignored(
    runner: CliRunner, in_tmp: Path, lang: str, said: str
) -> None:
    good = _csv(in_tmp, ROWS)
    args = [str(good.name), "--city", "t", "--sheet", "Answers", "-o", "-", "--lang", lang]
    code, out, err = _survey(runner, *args)
    assert code == 0, err
    assert said in err
    assert "level:" in out  # the profile is written all the same


def test_a_missing_questionnaire_is_said_before_an_output_that_exists(
    runner: CliRunner, in_tmp: Path
) -> None:
    # "cities/j-city.yaml already exists" sent the planner to the output, then to the input.
    (in_tmp / "cities").mkdir()
    (in_tmp / "cities" / "j-city.yaml").write_text("id: j-city\n", encoding="utf-8")
    result = runner.invoke(app, ["survey", "missing.csv", "--city", "j-city"])
    assert result.exit_code == 2
    assert "missing.csv: no such file" in result.stderr
    assert "already exists" not in result.stderr
    assert (in_tmp / "cities" / "j-city.yaml").read_text(encoding="utf-8") == "id: j-city\n"
