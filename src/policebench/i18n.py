"""Labels for reports and tables, in English and Chinese.

Every label has an English text; a missing Chinese text falls back to English, never to an
empty string. Planner-written text (names, descriptors, actions) is localised through the
``*_zh`` fields of the models instead (see :func:`policebench.models.base.localized`).
"""

from __future__ import annotations

import locale
import os

LANGS = ("en", "zh")

LABELS: dict[str, tuple[str, str]] = {
    "rank": ("Rank", "排名"),
    "city": ("Place", "地区"),
    "overall": ("Overall", "综合得分"),
    "stage": ("Stage", "阶段"),
    "coverage": ("Coverage", "覆盖率"),
    "indicator": ("Indicator", "指标"),
    "dimension": ("Dimension", "维度"),
    "level": ("Level", "等级"),
    "score": ("Score", "得分"),
    "weight": ("Weight", "权重"),
    "confidence": ("Confidence", "置信度"),
    "evidence": ("Evidence", "证据"),
    "value": ("Value", "数值"),
    "unknown": ("unknown", "未知"),
    "yes": ("yes", "有"),
    "no": ("no", "无"),
    "none": ("none", "无"),
    "opinion": ("no evidence", "无证据"),
    "high": ("high", "高"),
    "medium": ("medium", "中"),
    "low": ("low", "低"),
    "assessed": ("Assessed", "评估日期"),
    "scores_title": ("Smart-policing maturity scores", "智慧警务建设成熟度得分"),
    "rubric": ("Rubric", "评估框架"),
}


def t(key: str, lang: str = "en") -> str:
    """The label ``key`` in ``lang``; English when there is no translation."""
    en, zh = LABELS.get(key, (key, ""))
    return zh if lang == "zh" and zh else en


def default_lang() -> str:
    """``zh`` when the environment's locale is Chinese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        name = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - exotic locale settings
        name = ""
    return "zh" if name.lower().startswith("zh") else "en"
