"""The data-collection workbook's layout: its sheets, columns and headers in both languages.

One definition shared by the writer (``render/workbook.py``: ``new``/``export --format xlsx``)
and the reader (``readers/workbook.py``: ``import``), so that what one writes the other reads.
A workbook is read by its headers, never by column position, and a header is accepted in
either language whatever language the workbook was made in. Pure data, no I/O.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

#: Written to the hidden meta sheet; a workbook without it was not made by policebench.
FORMAT = "policebench-workbook/1"
#: The hidden sheet holding the format, rubric id, version and hash (not translated).
META_SHEET = "_policebench"
#: The hidden sheet of drop-down choices.
LISTS_SHEET = "_lists"

#: Sheet key -> (English name, Chinese name).
SHEETS: dict[str, tuple[str, str]] = {
    "guide": ("Guide", "填写说明"),
    "place": ("Place", "基本信息"),
    "indicators": ("Indicators", "指标"),
}

#: Place sheet: the profile's own fields, in order, with their labels.
PLACE_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("Place id", "地区标识"),
    "name": ("Name", "名称（英文）"),
    "name_zh": ("Name in Chinese", "名称（中文）"),
    "kind": ("Kind", "类型"),
    "rubric": ("Rubric", "评估框架"),
    "assessed": ("Date assessed (YYYY-MM-DD)", "评估日期（YYYY-MM-DD）"),
    "assessor": ("Assessor", "评估人（英文）"),
    "assessor_zh": ("Assessor in Chinese", "评估人（中文）"),
    "notes": ("Notes", "总体说明（英文）"),
    "notes_zh": ("Notes in Chinese", "总体说明（中文）"),
    # ``review:`` in a profile, one row per key (``review.status`` is ``review: {status: ...}``)
    "review.status": ("Review status", "审核状态"),
    "review.by": ("Reviewed or approved by", "审核人或批准人"),
    "review.date": ("Review date (YYYY-MM-DD)", "审核日期（YYYY-MM-DD）"),
    "review.note": ("Reviewer's note", "审核意见"),
}
#: Headers of the place sheet's three columns.
PLACE_HEADERS: dict[str, tuple[str, str]] = {
    "field": ("Field", "字段"),
    "label": ("Label", "说明"),
    "value": ("Value", "填写内容"),
}

#: Words of the drop-downs, by field: the value in a profile -> (English, Chinese).
KINDS: dict[str, tuple[str, str]] = {
    "city": ("city", "市"),
    "province": ("province", "省"),
    "region": ("region", "自治区/地区"),
    "county": ("county", "县"),
}
CONFIDENCES: dict[str, tuple[str, str]] = {
    "high": ("high", "高"),
    "medium": ("medium", "中"),
    "low": ("low", "低"),
}
RELIABILITIES: dict[str, tuple[str, str]] = {
    "primary": ("primary", "一手（官方原文）"),
    "secondary": ("secondary", "二手（媒体、论文）"),
    "repost": ("repost", "转载"),
}
#: The applicability drop-down: ``applicable`` in a profile -> (English, Chinese). A blank
#: cell is applicable (the model's default); only an indicator that does not apply to the
#: place is marked, with its reason.
APPLICABLE: dict[str, tuple[str, str]] = {
    "true": ("applicable", "适用"),
    "false": ("not applicable", "不适用"),
}
#: The review status drop-down, in the words of the tool's review labels (i18n ``review_*``).
REVIEW_STATUSES: dict[str, tuple[str, str]] = {
    "draft": ("draft", "草稿"),
    "reviewed": ("reviewed", "已审核"),
    "approved": ("approved", "已批准"),
}
#: How a consensus level was reached (``decided``), as the consensus statistics show it.
DECIDED: dict[str, tuple[str, str]] = {
    "median": ("median", "中位数"),
    "meeting": ("meeting", "会议决定"),
}
#: An assessor's unknown level in the consensus statistics (the tool's word, i18n ``unknown``).
UNKNOWN = ("unknown", "未知")
#: Other words read as an applicability (typed by hand instead of chosen).
APPLICABLE_ALSO: dict[str, str] = {
    "yes": "true",
    "是": "true",
    "true": "true",
    "no": "false",
    "否": "false",
    "n/a": "false",
    "na": "false",
    "false": "false",
}

#: Source columns per source (``src{n}_{part}``).
SOURCE_PARTS: dict[str, tuple[str, str]] = {
    "title": ("Source {n}: title", "来源{n}：标题"),
    "title_zh": ("Source {n}: title in Chinese", "来源{n}：中文标题"),
    "url": ("Source {n}: URL", "来源{n}：网址"),
    "reliability": ("Source {n}: reliability", "来源{n}：可靠性"),
    "date": ("Source {n}: date", "来源{n}：日期"),
    "accessed": ("Source {n}: accessed", "来源{n}：访问日期"),
}
#: Source column groups a workbook has at least (more when a profile has more sources).
MIN_SOURCES = 2

#: The indicator sheet's columns before the descriptors (read-only: from the rubric).
LEAD_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("Indicator id", "指标标识"),
    "dimension": ("Dimension", "维度"),
    "indicator": ("Indicator", "指标"),
    "question": ("Question", "问题"),
}
#: Headers of earlier releases, still read: header -> its column key (the workbooks already
#: sent out and filled in say 指标编号 where this release writes 指标标识).
FORMER_HEADERS: dict[str, str] = {"指标编号": "id"}
#: The descriptor column of level N.
DESCRIPTOR = ("Level {n}: {name}", "{n}级：{name}")
#: The columns after the descriptors: the metric's unit and thresholds (read-only), then the
#: cells to fill.
FILL_COLUMNS: dict[str, tuple[str, str]] = {
    "metric": ("Metric: unit and thresholds", "计量：单位与阈值"),
    "level": ("Level", "等级"),
    "value": ("Value (metric indicators)", "数值（计量指标）"),
    "confidence": ("Confidence", "置信度"),
    "evidence": ("Evidence", "证据（英文）"),
    "evidence_zh": ("Evidence in Chinese", "证据（中文）"),
    "note": ("Note", "备注（英文）"),
    "note_zh": ("Note in Chinese", "备注（中文）"),
    "applicable": ("Applicable (blank: yes)", "是否适用（空：适用）"),
    "reason": ("Why not applicable", "不适用原因（英文）"),
    "reason_zh": ("Why not applicable, in Chinese", "不适用原因（中文）"),
    "target": ("Target level (blank: default)", "目标等级（空：默认）"),
}
#: Questionnaire statistics (present when a profile has them: made by ``survey``).
SURVEY_COLUMNS: dict[str, tuple[str, str]] = {
    "survey_answers": ("Survey: answers", "问卷：答卷数"),
    "survey_agreement": ("Survey: agreement", "问卷：一致度"),
    "survey_distribution": ("Survey: answers per level", "问卷：各等级答卷数"),
}
#: Several assessors' consensus (present when a profile has it: made by ``consensus``). The
#: assessors' levels are written ``alice: 2, bob: 3, carol: unknown`` (``未知``); a name
#: with a colon, a quote or spaces around it is written in double quotes.
CONSENSUS_COLUMNS: dict[str, tuple[str, str]] = {
    "consensus_assessors": ("Consensus: assessors' levels", "共识：各评估人等级"),
    "consensus_agreement": ("Consensus: agreement", "共识：一致度"),
    "consensus_spread": ("Consensus: spread", "共识：极差"),
    "consensus_decided": ("Consensus: decided by", "共识：确定方式"),
    "consensus_rationale": ("Consensus: the meeting's rationale", "共识：会议决定理由"),
}
#: The cells of an indicator's row that are fields of its entry, in order.
ENTRY_COLUMNS = (
    "level",
    "value",
    "confidence",
    "evidence",
    "evidence_zh",
    "note",
    "note_zh",
    "applicable",
    "reason",
    "reason_zh",
)
#: Columns a respondent fills in (unlocked); every other column is protected.
INPUT_COLUMNS = frozenset({*ENTRY_COLUMNS, "target"})


def pick(pair: tuple[str, str], lang: str) -> str:
    """The English or Chinese member of ``pair``."""
    return pair[1] if lang == "zh" else pair[0]


def source_key(n: int, part: str) -> str:
    return f"src{n}_{part}"


def source_headers(n: int) -> dict[str, tuple[str, str]]:
    """The headers of source group ``n`` (1-based)."""
    return {
        source_key(n, part): (en.format(n=n), zh.format(n=n))
        for part, (en, zh) in SOURCE_PARTS.items()
    }


def level_label(level: int, name: str) -> str:
    """What the level drop-down shows: ``2 Developing`` / ``2 发展``."""
    return f"{level} {name}"


def assessors_text(assessors: Mapping[str, int | None], lang: str) -> str | None:
    """The assessors' levels as one cell: ``alice: 2, bob: 3, carol: unknown`` (``未知``); a
    name :func:`parse_assessors` could not read back plain is written in double quotes."""
    if not assessors:
        return None
    unknown = pick(UNKNOWN, lang)
    return ", ".join(
        f"{_name_text(name)}: {unknown if level is None else level}"
        for name, level in assessors.items()
    )


def _name_text(name: str) -> str:
    plain = (
        name
        and name == name.strip()
        and name.isprintable()
        and not any(c in name for c in ':："\\')
    )
    return name if plain else json.dumps(name, ensure_ascii=False)


#: One ``name: level`` of the assessors' cell: a name without a colon (or in double quotes),
#: a colon (either width), the level up to the next separator (, ; 、 either width, a line).
_ASSESSOR = re.compile(
    r'\s*(?P<name>"(?:[^"\\]|\\.)*"|[^:："]+?)\s*[:：]\s*(?P<level>[^,，;；、\n]*?)\s*'
    r"(?:[,，;；、\n]|\Z)"
)


def parse_assessors(text: str) -> list[tuple[str, str]] | None:
    """The (name, level as written) pairs of an assessors' cell, in order; None when the text
    is not such a list (what :func:`assessors_text` writes, or typed with full-width
    punctuation)."""
    found: list[tuple[str, str]] = []
    text = text.strip()
    pos = 0
    while pos < len(text):
        match = _ASSESSOR.match(text, pos)
        if match is None or match.end() == pos:
            return None
        name = match["name"]
        if name.startswith('"'):
            try:
                name = json.loads(name)
            except ValueError:
                return None
        found.append((name, match["level"]))
        pos = match.end()
    return found or None


@dataclass(frozen=True)
class Meta:
    """What the hidden meta sheet records: which rubric the workbook was made from."""

    format: str
    rubric: str
    version: str
    sha256: str
    lang: str


META_KEYS = ("format", "rubric", "version", "sha256", "lang")
