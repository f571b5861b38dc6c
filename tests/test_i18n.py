"""i18n: labels in English and Chinese."""

from __future__ import annotations

import locale
import re
import sys

import pytest
from typer.testing import CliRunner

from policebench.cli.app import app
from policebench.i18n import default_lang, label, t
from policebench.models import Profile
from policebench.render.templates import environment


def test_label_sets_the_colon_each_language_uses() -> None:
    assert label("Assessor", "en") == "Assessor: "
    assert label("评估人", "zh") == "评估人："
    assert label(t("assessor", "zh"), "zh").endswith("：")


def test_templates_have_the_label_filter() -> None:
    env = environment(None)
    text = env.from_string("{{ t('assessor', lang)|label(lang) }}x").render(lang="zh")
    assert text == t("assessor", "zh") + "：x"


def test_paren_join_list_and_sep_follow_each_languages_typography() -> None:
    from policebench.i18n import join_list, paren, sentence_sep

    assert "J市" + paren("未知：安全与合规", "zh") == "J市（未知：安全与合规）"
    assert "J City" + paren("unknown", "en") == "J City (unknown)"
    assert join_list(["杭州市", "青岛市"], "zh") == "杭州市、青岛市"
    assert join_list(["Hangzhou", "Qingdao"], "en") == "Hangzhou, Qingdao"
    assert sentence_sep("zh") == "；" and sentence_sep("en") == "; "


def test_counts_have_no_plural_in_chinese_and_the_right_one_in_english() -> None:
    from policebench.i18n import count

    assert count(1, "n_without_evidence", "en") == "1 level without evidence"
    assert count(3, "n_without_evidence", "en") == "3 levels without evidence"
    assert count(1, "n_without_evidence", "zh") == "1 个等级无证据"
    assert count(3, "n_without_evidence", "zh") == "3 个等级无证据"


def test_templates_have_the_typography_helpers() -> None:
    env = environment(None)
    source = (
        "{{ 'x'|paren(lang) }}|{{ ['a', 'b']|join_list(lang) }}|{{ sep(lang) }}|"
        "{{ colon(lang) }}|{{ list_sep(lang) }}|{{ period(lang) }}|"
        "{{ count(1, 'n_without_evidence', lang) }}"
    )
    assert env.from_string(source).render(lang="zh") == "（x）|a、b|；|：|、|。|1 个等级无证据"
    assert env.from_string(source).render(lang="en") == (
        " (x)|a, b|; |: |, |.|1 level without evidence"
    )


_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "POLICEBENCH_LANG")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),  # LC_ALL first
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        # POLICEBENCH_LANG before the locale: a server whose locale is C.UTF-8
        ({"POLICEBENCH_LANG": "zh", "LC_ALL": "C.UTF-8"}, "zh"),
        ({"POLICEBENCH_LANG": "zh_CN", "LANG": "en_US.UTF-8"}, "zh"),
        ({"POLICEBENCH_LANG": "EN", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"POLICEBENCH_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),  # neither: the locale's
    ],
)
def test_the_locale_variables_choose_the_language(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in _LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert default_lang() == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zh_CN", "zh"),
        ("Chinese (Simplified)_China", "zh"),  # how Windows names its locales
        ("Chinese (Traditional)_Taiwan", "zh"),
        ("English_United States", "en"),
        (None, "en"),
    ],
)
def test_without_locale_variables_the_process_locale_chooses(
    monkeypatch: pytest.MonkeyPatch, name: str | None, expected: str
) -> None:
    for var in _LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(locale, "getlocale", lambda *a: (name, "936"))
    assert default_lang() == expected


@pytest.mark.parametrize(("langid", "expected"), [(0x0804, "zh"), (0x0404, "zh"), (0x0409, "en")])
def test_on_windows_the_display_language_chooses(
    monkeypatch: pytest.MonkeyPatch, langid: int, expected: str
) -> None:
    """zh-CN (0x0804) and zh-TW (0x0404) are Chinese, en-US (0x0409) is not, whatever the
    locale's formats (set to English here)."""
    import ctypes
    import types

    for var in _LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    kernel32 = types.SimpleNamespace(GetUserDefaultUILanguage=lambda: langid)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("English_United States", "1252"))
    assert default_lang() == expected


def test_an_age_limit_reads_in_words() -> None:
    from policebench.i18n import age_limit

    assert [age_limit(a, "zh") for a in ("5y", "1y", "18m", "1m")] == [
        "5 年",
        "1 年",
        "18 个月",
        "1 个月",
    ]
    assert [age_limit(a, "en") for a in ("5y", "1y", "18m")] == ["5 years", "1 year", "18 months"]
    assert age_limit("soon", "zh") == "soon"  # not a rubric's form: as it is


def test_a_range_of_numbers_has_each_languages_dash() -> None:
    from policebench.i18n import span

    assert span(37, 63, "en") == "37–63"  # en dash
    assert span(37, 63, "zh") == "37～63"  # wave dash (GB/T 15834-2011, 4.13.3)


#: A range of numbers written with a hyphen ("37-63", "1-4"), not a date ("2026-11-24").
_HYPHEN_RANGE = re.compile(r"(?<![\w.-])\d{1,3}(?:\.\d)?-\d{1,3}(?![\w-])")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "args",
    [
        ["report", "j-city", "--uncertainty", "--format", "markdown"],
        ["report", "j-city", "--uncertainty", "--format", "html"],
        ["compare", "--uncertainty"],
        ["compare", "--uncertainty", "--format", "markdown"],
        ["compare", "--uncertainty", "--format", "html"],
        ["sensitivity", "--weights", "entropy", "-n", "300"],
        ["sensitivity", "--format", "markdown", "-n", "300"],
    ],
    ids=" ".join,
)
def test_every_range_of_numbers_is_written_one_way(
    runner: CliRunner, profiles: dict[str, Profile], args: list[str], lang: str
) -> None:
    """Score bands, rank ranges and scales read "37–63" (English) or "37～63" (Chinese) in
    every command and format: never a hyphen beside a dash in the same report."""
    result = runner.invoke(app, [*args, "--lang", lang])
    assert result.exit_code == 0, result.output
    ours = result.stdout  # without the sources' own titles ("arts. 13-15"), as they wrote them
    for profile in profiles.values():
        for entry in profile.indicators.values():
            for source in entry.sources:
                for title in (source.title, source.title_zh):
                    ours = ours.replace(title or "\0", "")
    assert not _HYPHEN_RANGE.findall(ours)
    assert ("～" if lang == "zh" else "–") in result.stdout
    if lang == "zh":  # an English dash in a Chinese range, or the reverse
        assert not re.findall(r"\d–\d", ours)
