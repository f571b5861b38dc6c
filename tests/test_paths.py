"""paths.real_path and real_paths_inside: remembered resolutions that are the real ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policebench.paths import display, forget_real_paths, real_path
from policebench.workspace.inputs import resolved, yaml_files


def test_the_files_of_a_folder_resolve_as_path_resolve_says(tmp_path: Path) -> None:
    """Through a linked folder, with a linked file, a dangling link and a plain file."""
    forget_real_paths()
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.yaml").write_text("id: a\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("id: b\n", encoding="utf-8")
    (real / "b.yaml").symlink_to(elsewhere)
    (real / "c.yaml").symlink_to(tmp_path / "nowhere.yaml")
    linked = tmp_path / "linked"
    linked.symlink_to(real, target_is_directory=True)
    files = yaml_files(linked)
    assert [p.name for p in files] == ["a.yaml", "b.yaml", "c.yaml"]
    for path in files:
        assert resolved(path) == path.resolve()
    assert resolved(linked / "b.yaml") == elsewhere.resolve()


def test_a_changed_link_is_seen_once_paths_are_forgotten(tmp_path: Path) -> None:
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("", encoding="utf-8")
    two.write_text("", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(one)
    forget_real_paths()
    assert real_path(link) == one.resolve()
    link.unlink()
    link.symlink_to(two)
    assert real_path(link) == one.resolve()  # remembered within a command
    forget_real_paths()
    assert real_path(link) == two.resolve()


@given(st.lists(st.sampled_from(["a", "b", "ab", "a b", "城市", ".x"]), max_size=4))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_display_is_relative_to_the_working_folder_as_relative_to_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: list[str]
) -> None:
    """The text shortcut in ``display`` gives what ``Path.relative_to`` gives, inside the
    working folder, at it, beside it (a sibling whose name starts like it) and outside."""
    base = tmp_path / "work"
    (base / "a").mkdir(parents=True, exist_ok=True)
    (tmp_path / "workshop").mkdir(exist_ok=True)
    monkeypatch.chdir(base)
    forget_real_paths()
    cwd = base.resolve()
    for path in (base.joinpath(*parts), tmp_path / "workshop" / "x.yaml", base, tmp_path):
        real = path.resolve()
        try:
            expected = str(real.relative_to(cwd))
        except ValueError:
            expected = str(path)
        assert display(path) == expected
