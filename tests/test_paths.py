"""paths.real_path and real_paths_inside: remembered resolutions that are the real ones."""

from __future__ import annotations

from pathlib import Path

from policebench.paths import forget_real_paths, real_path
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
