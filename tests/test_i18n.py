"""i18n: labels in English and Chinese."""

from __future__ import annotations

from policebench.i18n import label, t
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
