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
