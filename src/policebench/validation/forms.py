"""What a planner means by a value typed another way: ``２``, ``"2"``, ``2级``, ``发展``, ``中``.

Profiles are typed by hand, often with a Chinese input method on. A value the models refuse
may still say exactly one thing: full-width digits (``２``, as ``survey`` reads them too), a
number in quotes, ``2级`` / ``第2级``, a level's name from the rubric in English or Chinese
(``Developing``, ``发展``), ``高`` / ``中`` / ``低`` for a confidence, ``unknown`` / ``未知`` for
null. Those are read as meant, with a warning at their place saying what to write; what could
mean two things (``无``: level 0 or unknown?) is refused with the choice spelt out.

Pure functions of the refused values, run only after the model refused a profile (never on
the way of a valid file): :func:`normalise_profile` takes the document and pydantic's errors
and gives the data with the forms read, the warnings, and the hints for the forms refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from policebench.messages import Msg
from policebench.problems import Problem
from policebench.readers.yaml import Document, YamlPath

#: Words for "not known", read as null (the ``survey`` command's "no answer" words included).
NULL_WORDS = frozenset(
    {
        "unknown",
        "n/a",
        "na",
        "null",
        "nil",
        "?",
        "-",
        "未知",
        "不详",
        "不知道",
        "不清楚",
        "不适用",
        "待定",
        "待查",
    }
)
#: Words that may mean "nothing of it" (the lowest level) as well as "not known".
AMBIGUOUS_NONE = frozenset({"无", "没有", "暂无", "none"})

CONFIDENCE_WORDS: dict[str, str] = {
    "高": "high",
    "较高": "high",
    "很高": "high",
    "非常高": "high",
    "高度": "high",
    "中": "medium",
    "中等": "medium",
    "一般": "medium",
    "适中": "medium",
    "中度": "medium",
    "低": "low",
    "较低": "low",
    "很低": "low",
    "非常低": "low",
    "低度": "low",
}
_CONFIDENCES = ("high", "medium", "low")

#: The Chinese words planners write for a choice of the formats (the workbook's drop-down
#: words among them), and the choice each means: said in the hint of the refusal.
CHOICE_WORDS: dict[str, str] = {
    **dict.fromkeys(("一手", "一手（官方原文）", "官方", "官方原文", "原文"), "primary"),
    **dict.fromkeys(("二手", "二手（媒体、论文）", "媒体", "媒体报道", "论文"), "secondary"),
    **dict.fromkeys(("转载", "转帖", "转发"), "repost"),
    **dict.fromkeys(("市", "城市", "地级市"), "city"),
    **dict.fromkeys(("省", "省份"), "province"),
    **dict.fromkeys(("自治区", "地区", "自治区/地区", "盟"), "region"),
    **dict.fromkeys(("县", "区县", "县区", "县级"), "county"),
    **dict.fromkeys(("草稿",), "draft"),
    **dict.fromkeys(("已审核", "审核"), "reviewed"),
    **dict.fromkeys(("已批准", "批准"), "approved"),
}

_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
#: Digits enough for any level (and few enough for ``int``: it refuses 4,300 digits and more).
_NUMBER = re.compile(r"-?[0-9]{1,9}")
#: 2级, 第2级, 第二级, 二级, level 2, L2, lv2: the number of a level with its word.
_WORDED = re.compile(
    r"(?:第\s*)?(?P<n>-?[0-9]{1,9}|[零〇一二两三四五六七八九十])\s*(?:级|級)?"
    r"|(?:level|lvl|lv|l)\s*(?P<m>-?[0-9]{1,9})",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’「」『』"


def _plain(text: str) -> str:
    """``text`` as compared: NFKC (full-width to half-width), trimmed, outer quotes dropped."""
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def level_names(levels: Mapping[int, str], levels_zh: Mapping[int, str]) -> dict[str, int]:
    """A rubric's level names (English and Chinese, compared without case) -> the level.

    A name given to two levels means neither, and is left out.
    """
    names: dict[str, int] = {}
    clashes: set[str] = set()
    for table in (levels, levels_zh):
        for level, name in table.items():
            key = _plain(name).casefold()
            if names.get(key, level) != level:
                clashes.add(key)
            names[key] = level
    return {k: v for k, v in names.items() if k not in clashes}


@dataclass(frozen=True)
class Reading:
    """What a typed value was read as, or why it was not.

    ``ok`` with ``value`` (None for null) and ``how`` (the message's description of the form);
    otherwise ``hint`` says what to write instead (empty: nothing to say beyond the error).
    """

    ok: bool
    value: Any = None
    how: str = ""
    hint: str = ""


_NO = Reading(False)


def _number_form(raw: str, text: str) -> str:
    if raw.strip() != text and raw.strip()[:1] in _QUOTES:
        return Msg("how-number-in-quotes")
    if raw != unicodedata.normalize("NFKC", raw):
        return Msg("how-fullwidth-digits")
    return Msg("how-number-in-quotes")


def read_level(raw: str, names: Mapping[str, int] | None, *, nullable: bool = True) -> Reading:
    """The level meant by text ``raw`` given where a level's number goes.

    ``names``: the rubric's level names (:func:`level_names`); None when no rubric is known
    (yet), in which case a word that may be a name is refused.
    """
    text = _plain(raw)
    folded = text.casefold()
    if _NUMBER.fullmatch(text):
        return Reading(True, int(text), _number_form(raw, text))
    worded = _WORDED.fullmatch(text)
    if worded:
        number = worded["n"] or worded["m"]
        level = _CHINESE_DIGITS.get(number)
        return Reading(True, int(number) if level is None else level, Msg("how-level-word"))
    if folded in NULL_WORDS:
        if nullable:
            return Reading(True, None, Msg("how-unknown-word"))
        return Reading(False, hint=Msg("hint-target-null"))
    if folded in AMBIGUOUS_NONE:
        lowest = str(min(names.values())) if names else Msg("lowest-level-number")
        return Reading(False, hint=Msg("hint-ambiguous-none", typed=raw.strip(), lowest=lowest))
    if re.search(r"[0-9]", text):  # 2-3, 2.5, 2级半: not one level
        return Reading(False, hint=Msg("hint-one-number"))
    if names is None:  # read again with the rubric, except where there is none (rubric diff)
        return Reading(False, hint=Msg("hint-level-name-needs-rubric"))
    level = names.get(folded)
    if level is not None:
        return Reading(True, level, Msg("how-level-name"))
    import difflib  # only for a misspelt level name

    near = difflib.get_close_matches(folded, sorted(names), n=1, cutoff=0.6)
    if near:
        return Reading(False, hint=Msg("hint-level-name-near", name=near[0], level=names[near[0]]))
    return _NO


def read_confidence(raw: str) -> Reading:
    """The confidence meant by text ``raw``: high, medium, low (or null for 'not known')."""
    text = _plain(raw)
    folded = text.casefold()
    if folded in _CONFIDENCES:
        if raw != unicodedata.normalize("NFKC", raw):
            how = Msg("how-fullwidth-letters")
        elif raw.strip() != text:
            how = Msg("how-in-quotes")
        else:
            how = Msg("how-capitals")
        return Reading(True, folded, how)
    word = CONFIDENCE_WORDS.get(text)
    if word is not None:
        return Reading(True, word, Msg("how-chinese-word"))
    if folded in NULL_WORDS:
        return Reading(True, None, Msg("how-unknown-word"))
    if text in ("中高", "中低", "较高中", "中偏高", "中偏低"):
        return Reading(False, hint=Msg("hint-one-confidence"))
    return _NO


def read_number(raw: str) -> Reading:
    """A metric value typed in full-width digits, or a word for 'not known'."""
    text = _plain(raw)
    if text.casefold() in NULL_WORDS:
        return Reading(True, None, Msg("how-unknown-word"))
    if text != raw.strip():
        try:
            return Reading(True, float(text), _number_form(raw, text))
        except ValueError:
            return _NO
    return _NO


#: A day written year first another way: 2026年11月24日, 2026/11/24, 2026.11.24, 2026-1-5,
#: ２０２６－１１－２４ (after NFKC), 20261124, 2026-11-24T10:00. Month first or day first
#: (11/24/2026, 24.11.2026) could mean two days and is not read.
_DAY = re.compile(
    r"(?P<y>[0-9]{4})\s*(?:年\s*|(?P<sep>[-./])\s*)(?P<m>[0-9]{1,2})\s*(?:月\s*|(?P=sep)\s*)"
    r"(?P<d>[0-9]{1,2})\s*[日号]?(?:\s*(?:T|\s)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
    r"|(?P<y8>[0-9]{4})(?P<m8>[0-9]{2})(?P<d8>[0-9]{2})"
)


def read_date(raw: str | int) -> Reading:
    """The day meant by ``raw`` where a date goes (``assessed``, a source's ``date``): a
    year-first date written with 年月日, slashes, dots, one-digit months or full-width
    digits, or eight digits; never a day that does not exist."""
    if isinstance(raw, bool):
        return _NO
    text = _plain(str(raw))
    found = _DAY.fullmatch(text)
    if not found:
        return _NO
    year, month, day = (
        found["y"] or found["y8"],
        found["m"] or found["m8"],
        found["d"] or found["d8"],
    )
    try:
        meant = dt.date(int(year), int(month), int(day))
    except ValueError:
        return _NO
    return Reading(True, meant, Msg("how-date-written"))


#: Characters that look like a Latin letter or a hyphen in an id, and the one they look like.
LOOK_ALIKES = {
    **dict(zip("аеорсухіјѕкмнтвАЕОРСХКМНТВ", "aeopcyxijskmhtbaeopcxkmhtb", strict=True)),
    **dict(zip("οαντρκιΑΒΕΗΙΚΜΝΟΡΤΧ", "oavtpkiabehikmnoptx", strict=True)),
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\uff0d": "-",  # full-width hyphen-minus
    "\u00ad": "",  # soft hyphen (invisible)
    "\u200b": "",  # zero-width space
}


def look_alikes(value: str) -> list[tuple[str, int, str]]:
    """The look-alike characters in ``value``: (character, 1-based position, what it looks
    like: a Latin letter, ``-``, or nothing for an invisible one)."""
    return [(c, i, LOOK_ALIKES[c]) for i, c in enumerate(value, 1) if c in LOOK_ALIKES]


def slug(text: str) -> str | None:
    """A valid id made from what was typed (``My City`` -> ``my-city``), None if none can be
    (Chinese, say: an id is in Latin letters)."""
    plain = unicodedata.normalize("NFKC", text).strip().lower()
    made = re.sub(r"[^a-z0-9_]+", "-", plain).strip("-_")
    if not made or not plain.isascii():
        return None
    return made[:80].rstrip("-_")


@dataclass
class Normalised:
    """What :func:`normalise_profile` made of a refused profile."""

    #: The profile's data with every form read as meant (the document's own data, unchanged,
    #: when nothing was read).
    data: Any
    #: A warning per form read, at its place.
    warnings: list[Problem] = field(default_factory=list)
    #: For forms refused: path -> the hint that says what to write, and the problem's code.
    hints: dict[YamlPath, tuple[str, str]] = field(default_factory=dict)
    #: Whether a refused level may be one of the rubric's level names, unknown here: read the
    #: profile again once the rubric is known.
    pending: bool = False


def _is_date(loc: tuple[Any, ...]) -> bool:
    """Whether ``loc`` is where a profile holds a date: ``assessed``, ``review.date``, a
    source's ``date`` or ``accessed``."""
    return loc in (("assessed",), ("review", "date")) or (
        len(loc) == 5
        and loc[0] == "indicators"
        and loc[2] == "sources"
        and loc[4] in ("date", "accessed")
    )


def _replace(data: Any, path: YamlPath, value: Any) -> Any:
    """``data`` with ``value`` at ``path``: the mappings and lists on the way copied, nothing
    else."""
    if not path:
        return value
    copy: Any = list(data) if isinstance(data, list) else dict(data)
    copy[path[0]] = _replace(data[path[0]], path[1:], value)
    return copy


def _at(data: Any, path: YamlPath) -> Any:
    for part in path:
        if isinstance(data, list):
            if not (isinstance(part, int) and 0 <= part < len(data)):
                return None
        elif not (isinstance(data, dict) and part in data):
            return None
        data = data[part]
    return data


def _shown(value: Any) -> str:
    return "null" if value is None else str(value)


def normalise_profile(
    doc: Document, errors: list[Any], names: Mapping[str, int] | None
) -> Normalised:
    """Read the forms among pydantic's ``errors`` for the profile in ``doc``.

    Only text given for a level (``indicators.ID.level``, ``targets.ID``), a confidence or a
    metric value is looked at.
    """
    result = Normalised(doc.data)
    for error in errors:
        loc = tuple(error["loc"])
        raw = error.get("input")
        if _is_date(loc) and isinstance(raw, str | int) and "[key]" not in loc:
            name, reading = str(loc[-1]), read_date(raw)
            if not reading.ok:
                continue
        elif not isinstance(raw, str) or len(loc) < 2 or "[key]" in loc:
            continue
        elif (
            loc[0] == "indicators" and len(loc) == 3 and loc[2] in ("level", "confidence", "value")
        ):
            name = str(loc[2])
            if name == "level":
                reading = read_level(raw, names)
            elif name == "confidence":
                reading = read_confidence(raw)
            else:
                reading = read_number(raw)
        elif loc[0] == "targets" and len(loc) == 2:
            name = Msg("subject-target", id=str(loc[1]))
            reading = read_level(raw, names, nullable=False)
        else:
            continue
        if _at(doc.data, loc) != raw:  # the value as typed is not where pydantic says: leave it
            continue
        code = {"confidence": "confidence-form"}.get(
            name, "date-form" if _is_date(loc) else "level-form"
        )
        if not reading.ok:
            if reading.hint:
                result.hints[loc] = (reading.hint, code)
            # A word may be a level name, and a hint may name levels: wait for the rubric.
            result.pending |= names is None and code == "level-form"
            continue
        if reading.value is None:
            code = "null-form"
        result.data = _replace(result.data, loc, reading.value)
        shown = (
            reading.value.isoformat()
            if isinstance(reading.value, dt.date)
            else _shown(reading.value)
        )
        how = {
            "how-number-in-quotes": "how-without-quotes",
            "how-fullwidth-digits": "how-in-halfwidth",
        }.get(getattr(reading.how, "id", ""))
        label = Msg("subject-name", name=name) if loc[0] != "targets" else name
        result.warnings.append(
            doc.problem(
                loc,
                Msg("read-as", subject=label, typed=str(raw).strip(), how=reading.how, shown=shown),
                Msg("write-as", key=str(loc[-1]), value=shown, how=Msg(how) if how else ""),
                code=code,
                severity="warning",
            )
        )
    return result
