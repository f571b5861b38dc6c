"""Writing a profile as YAML text a planner can read and fill in.

Used by ``policebench new`` (every indicator still unknown) and ``policebench survey`` (levels
from a questionnaire). Both write through :func:`render_profile`, so a scaffolded profile and a
surveyed one look the same: every indicator of the rubric in rubric order, grouped under
dimension headers, each preceded by its question, level descriptors (and for metric indicators
the unit and thresholds) as YAML comments in the chosen language.

The text is written by hand rather than with ``yaml.dump`` because a dumper cannot place
comments, and because the key order must follow the rubric, not the alphabet. Scalars are
either plain (when that provably reads back as the same string) or JSON-quoted: a JSON string
is a valid YAML double-quoted scalar. Pure: no I/O, no clock.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping

import yaml

from policebench.i18n import span
from policebench.models import Assessment, Dimension, Indicator, Profile, Rubric, Source
from policebench.models.base import localized
from policebench.models.profile import ConsensusStats, Review, SurveyStats
from policebench.render.common import visible

#: Where the bundled files point editors for completion: ``cities/`` beside ``schemas/``.
PROFILE_SCHEMA_REF = "../schemas/profile.schema.json"

#: Width of comment text, in display columns (a Chinese character counts as two).
_WIDTH = 96

#: Words a YAML reader would not read back as text when written plain.
_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_PLAIN = re.compile(r"[^\W\d_][\w .,()/+'-]*")
#: What YAML reads back unchanged inside double quotes: printable, and not a line break.
_UNSAFE = re.compile(
    r"[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"
#: A space, one Chinese character with the punctuation after it, or a run of anything else.
_TOKEN = re.compile(rf" |[{_IDEOGRAPH}][{_CJK_PUNCT}]*|[^ {_IDEOGRAPH}]+")

# The comment text of a generated file. It is part of a document (like a template), not a
# UI label, so the two languages are kept side by side here.
_TEXT: dict[str, tuple[str, str]] = {
    "title": (
        "Profile of {name} against the rubric {rubric} ({rid} {version}).",
        "{name}评估档案，评估框架：{rubric}（{rid} {version}）。",
    ),
    "how_level": (
        "For each indicator below, replace `level: null` with the level reached "
        "({scale}: {names}); leave null where unknown.",
        "请将下列每项指标的 `level: null` 改为达到的等级（{scale}：{names}）；不清楚的保留 null。",
    ),
    "how_level_filled": (
        "The levels below ({scale}: {names}) are filled in: check each and correct it "
        "where it is wrong; `level: null` is unknown: fill it in once known, else leave it "
        "null.",
        "下列指标已填有等级（{scale}：{names}）：请逐项核对，有误的予以更正；"
        "`level: null` 表示尚不清楚，查明后填写，否则保留 null。",
    ),
    "how_metric": (
        "Metric indicators: give the measured `value` instead; the level follows from the "
        "thresholds.",
        "计量指标：改填实测数值 `value`，等级由阈值自动得出。",
    ),
    "how_rest": (
        "With a level, add `confidence` (high, medium or low), `evidence` (what was seen) and "
        "`sources` (a list of {{title, url, reliability: primary | secondary | repost}}). "
        "Check with `policebench validate {file}`.",
        "填写等级时，请同时填写 `confidence`（high、medium 或 low）、`evidence`（证据）和 "
        "`sources`（来源列表：{{title, url, reliability: primary | secondary | repost}}）。"
        "填好后用 `policebench validate {file}` 检查。",
    ),
    "targets": (
        "targets: indicator-id: level, where this place aims above or below the default "
        "target ({target}).",
        "targets：指标标识: 等级，用于设定不同于框架默认目标（{target}级）的目标等级。",
    ),
    "dimension": ("{name} ({id}, weight {weight})", "{name}（{id}，权重 {weight}）"),
    "indicator": ("{name} (weight {weight})", "{name}（权重 {weight}）"),
    "question": ("Question: {text}", "问题：{text}"),
    "evidence": ("Evidence to look for: {text}", "参考证据：{text}"),
    "metric": (
        "Metric, in {unit}: level {steps}; below {first}: level {low}.",
        "计量指标，单位：{unit}；等级：{steps}；低于 {first}：{low}级。",
    ),
    "step": ("{level} from {value}", "{value} 起为{level}级"),
    "sep": ("; ", "；"),
    "list_sep": ("; ", "；"),
    "names_sep": (", ", "、"),
    "level_line": ("{level} {name}: {text}", "{level} {name}：{text}"),
    "zh_hint": ("{field}: the same in Chinese (optional)", "{field}: 上一项的中文（可选）"),
}


def _tr(key: str, lang: str, **fields: object) -> str:
    en, zh = _TEXT[key]
    return (zh if lang == "zh" else en).format(**fields)


def scalar(value: object) -> str:
    """``value`` as a YAML scalar that reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    text = str(value)
    if _plain_safe(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # JSON leaves a few characters raw that a YAML reader refuses or folds as line breaks.
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def text_field(key: str, text: str | None, pad: str) -> list[str]:
    """``key: text`` at indent ``pad``; a long one-paragraph text as a folded block (``>-``).

    The folded block is used only where it provably reads back unchanged: a single line with
    no leading, trailing or doubled spaces, broken at spaces only.
    """
    width = _WIDTH - len(pad) - 2
    if (
        text is None
        or len(pad) + len(key) + _display_width(text) + 2 <= _WIDTH
        or text != text.strip()
        or "  " in text
        or _UNSAFE.search(text)
    ):
        return [f"{pad}{key}: {scalar(text)}"]
    lines = [f"{pad}{key}: >-"]
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if line and _display_width(joined) > width:
            lines.append(f"{pad}  {line}")
            joined = word
        line = joined
    lines.append(f"{pad}  {line}")
    return lines


def _number(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    # YAML 1.1 readers (PyYAML) read "1e-09" as text: the mantissa needs a dot.
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + (f"e{exponent}" if exponent else "")


def _plain_safe(text: str) -> bool:
    """Whether ``text`` can be written unquoted: proven by reading it back."""
    if not _PLAIN.fullmatch(text) or text != text.strip() or text.lower() in _SPECIAL:
        return False
    if ": " in text or " #" in text:
        return False
    # A final proof against YAML's implicit types (dates, numbers, booleans).
    return bool(yaml.safe_load(f"k: {text}") == {"k": text})


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(text: str, indent: str, hang: str = "", first: str = "") -> list[str]:
    """``text`` as comment lines of at most _WIDTH display columns.

    Words break at spaces; Chinese text, which has none, breaks between characters (never
    before a punctuation mark). ``first`` and ``hang`` indent the first and later lines.
    """
    width = _WIDTH - len(indent) - 2
    lines: list[str] = []
    line = first
    space = False
    for token in _TOKEN.findall(" ".join(text.split())):
        if token == " ":
            space = True
            continue
        joined = line + (" " if space and line.strip() else "") + token
        if _display_width(joined) > width and line.strip():
            lines.append(line)
            joined = hang + token
        line = joined
        space = False
    lines.append(line)
    return [f"{indent}# {part}".rstrip() for part in lines]


def _indicator_comments(rubric: Rubric, ind: Indicator, lang: str) -> list[str]:
    pad = "  "
    lines = _wrap(
        _tr("indicator", lang, name=localized(ind, "name", lang), weight=f"{ind.weight:g}"), pad
    )
    question = localized(ind, "question", lang)
    if question:
        lines += _wrap(_tr("question", lang, text=question), pad, "  ")
    zh_levels = ind.levels_zh if lang == "zh" else {}
    for level in rubric.scale.span:
        text = zh_levels.get(level) or ind.levels.get(level, "")
        name = rubric.scale.name_of(level, lang)
        line = _tr("level_line", lang, level=level, name=name, text=text)
        lines += _wrap(line, pad, "      ", "  ")
    evidence = ind.evidence_zh if lang == "zh" and ind.evidence_zh else ind.evidence
    if evidence:
        joined = _tr("list_sep", lang).join(evidence)
        lines += _wrap(_tr("evidence", lang, text=joined), pad, "  ")
    if ind.kind == "metric" and ind.thresholds:
        steps = _tr("sep", lang).join(
            _tr("step", lang, level=level, value=f"{needed:g}")
            for level, needed in sorted(ind.thresholds.items())
        )
        first = min(ind.thresholds.items())[1]
        lines += _wrap(
            _tr(
                "metric",
                lang,
                unit=localized(ind, "unit", lang),
                steps=steps,
                first=f"{first:g}",
                low=rubric.scale.min,
            ),
            pad,
            "  ",
        )
    return lines


def _zh_lines(key: str, text: str | None, pad: str, lang: str) -> list[str]:
    """``key: text`` (a ``*_zh`` field) when given; else, in a Chinese file, a commented hint
    for it. Called only where the English sibling is written."""
    if text is not None:
        return text_field(key, text, pad)
    return [f"{pad}# {_tr('zh_hint', lang, field=key)}"] if lang == "zh" else []


def _source_lines(sources: list[Source], pad: str) -> list[str]:
    if not sources:
        return [f"{pad}sources: []"]
    lines = [f"{pad}sources:"]
    for source in sources:
        fields = [
            ("title", scalar(source.title)),
            ("title_zh", None if source.title_zh is None else scalar(source.title_zh)),
            ("url", None if source.url is None else scalar(source.url)),
            ("reliability", source.reliability),
            ("date", None if source.date is None else source.date.isoformat()),
            ("accessed", None if source.accessed is None else source.accessed.isoformat()),
        ]
        written = [(key, text) for key, text in fields if text is not None]
        for n, (key, text) in enumerate(written):
            lines.append(f"{pad}  {'  ' if n else '- '}{key}: {text}")
    return lines


def _survey_lines(survey: SurveyStats, pad: str) -> list[str]:
    dist = ", ".join(f"{level}: {count}" for level, count in sorted(survey.distribution.items()))
    return [
        f"{pad}survey:",
        f"{pad}  answers: {survey.answers}",
        f"{pad}  agreement: {scalar(survey.agreement)}",
        f"{pad}  distribution: {{{dist}}}",
    ]


def _consensus_lines(stats: ConsensusStats, pad: str) -> list[str]:
    lines = [f"{pad}consensus:", f"{pad}  assessors:"]
    lines += [f"{pad}    {scalar(who)}: {scalar(level)}" for who, level in stats.assessors.items()]
    lines += [
        f"{pad}  agreement: {scalar(stats.agreement)}",
        f"{pad}  spread: {stats.spread}",
        f"{pad}  decided: {stats.decided}",
    ]
    if stats.rationale is not None:
        lines += text_field("rationale", stats.rationale, pad + "  ")
    return lines


def _review_lines(review: Review) -> list[str]:
    lines = ["review:", f"  status: {review.status}"]
    if review.by is not None:
        lines.append(f"  by: {scalar(review.by)}")
    if review.date is not None:
        lines.append(f"  date: {review.date.isoformat()}")
    if review.note is not None:
        lines += text_field("note", review.note, "  ")
    return lines


def _entry_lines(ind: Indicator, entry: Assessment, lang: str) -> list[str]:
    """An indicator's entry. One that does not apply (``applicable: false``) leads with that
    and its reason, and leaves out the empty level, confidence, evidence and sources that
    invite a level (an n/a has none); every field given is written."""
    pad = "    "
    applies = entry.applicable
    lines = [f"  {ind.id}:"]
    if not applies:
        lines.append(f"{pad}applicable: false")
    if entry.reason is not None:
        lines += text_field("reason", entry.reason, pad)
        lines += _zh_lines("reason_zh", entry.reason_zh, pad, lang)
    elif entry.reason_zh is not None:
        lines += text_field("reason_zh", entry.reason_zh, pad)
    if applies or entry.level is not None:
        lines.append(f"{pad}level: {scalar(entry.level)}")
    if (applies and ind.kind == "metric") or entry.value is not None:
        lines.append(f"{pad}value: {scalar(entry.value)}")
    if applies or entry.confidence is not None:
        lines.append(f"{pad}confidence: {scalar(entry.confidence)}")
    if applies or entry.evidence is not None:
        lines += text_field("evidence", entry.evidence, pad)
    if entry.evidence_zh is not None:
        lines += text_field("evidence_zh", entry.evidence_zh, pad)
    if applies or entry.sources:
        lines += _source_lines(entry.sources, pad)
    if entry.note is not None:
        lines += text_field("note", entry.note, pad)
        lines += _zh_lines("note_zh", entry.note_zh, pad, lang)
    elif entry.note_zh is not None:
        lines += text_field("note_zh", entry.note_zh, pad)
    if entry.survey is not None:
        lines += _survey_lines(entry.survey, pad)
    if entry.consensus is not None:
        lines += _consensus_lines(entry.consensus, pad)
    return lines


def _dimension_header(dim: Dimension, lang: str) -> list[str]:
    title = _tr(
        "dimension", lang, name=localized(dim, "name", lang), id=dim.id, weight=f"{dim.weight:g}"
    )
    rule = "  # " + "=" * (_WIDTH - 4)
    return ["", rule, *_wrap(title, "  "), rule]


def _file_header(profile: Profile, rubric: Rubric, lang: str, file: str) -> list[str]:
    scale = rubric.scale
    names = _tr("names_sep", lang).join(f"{lvl} {scale.name_of(lvl, lang)}" for lvl in scale.span)
    lines = ["#"]
    lines += _wrap(
        _tr(
            "title",
            lang,
            name=_spaced(localized(profile, "name", lang), lang),
            rubric=localized(rubric, "name", lang),
            rid=rubric.id,
            version=rubric.version,
        ),
        "",
    )
    filled = any(a.level is not None for a in profile.indicators.values())
    how = "how_level_filled" if filled else "how_level"
    lines += _wrap(_tr(how, lang, scale=span(scale.min, scale.max, lang), names=names), "")
    if any(ind.kind == "metric" for ind in rubric.indicators.values()):
        lines += _wrap(_tr("how_metric", lang), "")
    lines += _wrap(_tr("how_rest", lang, file=file), "")
    return lines


def render_profile(
    profile: Profile,
    rubric: Rubric,
    lang: str = "en",
    *,
    file: str = "PROFILE.yaml",
    schema_ref: str = PROFILE_SCHEMA_REF,
) -> str:
    """The YAML text of ``profile``, listing every indicator of ``rubric`` in rubric order.

    Indicators the profile does not mention are written as unknown (``level: null``; metric
    indicators also ``value: null``). Entries for ids outside the rubric are not written.
    ``file`` is the path named in the "check with" comment; ``lang`` chooses the language of
    the comments (the rubric's ``*_zh`` texts, English where a translation is missing).
    """
    lines = [f"# yaml-language-server: $schema={schema_ref}"]
    lines += _file_header(profile, rubric, lang, file)
    lines += [
        f"id: {scalar(profile.id)}",
        f"name: {scalar(profile.name)}",
        f"name_zh: {scalar(profile.name_zh)}",
        f"kind: {profile.kind}",
        f"rubric: {scalar(profile.rubric)}",
        f"assessed: {profile.assessed.isoformat()}",
    ]
    lines += text_field("assessor", profile.assessor, "")
    lines += _zh_lines("assessor_zh", profile.assessor_zh, "", lang)
    lines += text_field("notes", profile.notes, "")
    lines += _zh_lines("notes_zh", profile.notes_zh, "", lang)
    if profile.review is not None:
        lines += _review_lines(profile.review)
    lines += _wrap(_tr("targets", lang, target=rubric.default_target), "")
    if profile.targets:
        lines.append("targets:")
        lines += [f"  {key}: {level}" for key, level in profile.targets.items()]
    else:
        lines.append("targets: {}")
    lines.append("indicators:")
    entries: Mapping[str, Assessment] = profile.indicators
    for dim in rubric.dimensions:
        lines += _dimension_header(dim, lang)
        for ind in dim.indicators:
            lines.append("")
            lines += _indicator_comments(rubric, ind, lang)
            lines += _entry_lines(ind, entries.get(ind.id) or Assessment(), lang)
    # Comments hold names as typed; YAML allows no control character even there (an ESC in
    # a name would make the scaffold unreadable): shown as <U+XXXX>, the values keep theirs
    # in escapes (scalar).
    lines = [visible(line) if line.lstrip().startswith("#") else line for line in lines]
    return "\n".join(lines) + "\n"


def _spaced(name: str, lang: str) -> str:
    """``name`` with a space after it when Chinese text follows a Latin letter or digit
    ("My City 评估档案", but "J市评估档案")."""
    return f"{name} " if lang == "zh" and name[-1:].isascii() and name[-1:].isalnum() else name
