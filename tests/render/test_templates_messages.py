"""A template's mistakes said in the planner's words, not jinja's (issue 12): a name the
report data lacks is named, never "'dict object' has no attribute" or StrictUndefined."""

from __future__ import annotations

from pathlib import Path

import pytest

from policebench.errors import UserError
from policebench.messages import text
from policebench.render.templates import render


@pytest.mark.parametrize("expression", ["r.no_such_thing", "nothing.x", "r.lang.x.y"])
def test_a_missing_name_is_named(expression: str, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ " + expression + " }}\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        render("report.md.j2", {"lang": "en"}, tmp_path)
    message = caught.value.message
    for words in ("dict object", "Undefined", "has no attribute", "is undefined"):
        assert words not in message
    # Placed first (FILE:LINE, as every template problem is), then said in the planner's words.
    assert message.startswith(f"{tmp_path / 'report.md.j2'}:1: template report.md.j2 uses '")
    assert "：模板 report.md.j2 用到了 '" in text(message, "zh")
    assert "JSON" in caught.value.hint
