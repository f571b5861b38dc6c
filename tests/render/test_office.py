"""The Office package's mark: a package policebench wrote is told from every other file."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policebench.render import office


def _package(parts: list[tuple[str, bytes]], comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, body in parts:
            package.writestr(name, body)
        package.comment = comment
    return out.getvalue()


def _parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(i.filename, package.read(i)) for i in package.infolist()]


PARTS = [
    ("[Content_Types].xml", b"<Types/>"),
    ("docProps/core.xml", b"<dcterms:modified>2026-12-04T03:00:00Z</dcterms:modified>"),
    ("word/document.xml", "<w:t>综合得分</w:t>".encode()),
]


def test_a_package_policebench_wrote_is_untouched_and_stable() -> None:
    written = office.stable_zip(_package(PARTS))
    assert office.untouched(written)
    assert office.stable_zip(_package(PARTS)) == written  # the mark keeps the bytes stable
    assert zipfile.ZipFile(io.BytesIO(written)).comment.startswith(b"policebench:sha256=")


@pytest.mark.parametrize(
    "change",
    [
        "body",  # a part edited (Word rewrites word/document.xml when it saves)
        "renamed",
        "added",  # a part added (comments.xml, say)
        "dropped",
        "no comment",  # saved by a program that keeps every part but not the comment
    ],
)
def test_a_package_changed_in_any_way_is_not_untouched(change: str) -> None:
    written = office.stable_zip(_package(PARTS))
    comment = zipfile.ZipFile(io.BytesIO(written)).comment
    parts = _parts(written)
    if change == "body":
        parts[2] = (parts[2][0], parts[2][1].replace("综合".encode(), "总体".encode()))
    elif change == "renamed":
        parts[2] = ("word/document2.xml", parts[2][1])
    elif change == "added":
        parts.append(("word/comments.xml", b"<w:comments/>"))
    elif change == "dropped":
        parts.pop()
    else:
        comment = b""
    assert not office.untouched(_package(parts, comment))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text, not a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # an OLE2 file (.doc, .xls)
        _package(PARTS),  # another program's package: no mark
        _package(PARTS, b"policebench:sha256=" + b"0" * 64),  # a mark that does not match
        _package(PARTS, b"policebench:sha256=abc"),
    ],
)
def test_anything_else_is_not_untouched(data: bytes) -> None:
    assert not office.untouched(data)


def test_a_package_too_large_to_unpack_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    written = office.stable_zip(_package(PARTS))
    monkeypatch.setattr(office, "MAX_UNPACKED", 10)
    assert not office.untouched(written)


@given(
    st.lists(
        st.tuples(st.from_regex(r"[a-z]{1,8}/[a-z]{1,8}\.xml", fullmatch=True), st.binary()),
        min_size=1,
        max_size=5,
        unique_by=lambda part: part[0],
    ),
    st.data(),
)
def test_the_mark_holds_exactly_the_parts_written(
    parts: list[tuple[str, bytes]], data: st.DataObject
) -> None:
    """Law: what stable_zip writes is untouched; one byte more in any part and it is not."""
    written = office.stable_zip(_package(parts))
    assert office.untouched(written)
    k = data.draw(st.integers(0, len(parts) - 1))
    changed = list(_parts(written))
    changed[k] = (changed[k][0], changed[k][1] + b"x")
    comment = zipfile.ZipFile(io.BytesIO(written)).comment
    assert not office.untouched(_package(changed, comment))


@pytest.mark.parametrize(("offset", "value"), [(8, 1), (10, 98)])  # encrypted; method 98
def test_a_part_that_cannot_be_unpacked_is_not_untouched_nor_an_error(
    offset: int, value: int
) -> None:
    """A marked package whose part is encrypted (zip -e adds one and keeps the comment) or
    compressed in a way zipfile does not know: not ours, said without a traceback."""
    written = bytearray(office.stable_zip(_package(PARTS)))
    central = written.index(b"PK\x01\x02")  # the first part's entry in the central directory
    written[central + offset : central + offset + 2] = value.to_bytes(2, "little")
    assert not office.untouched(bytes(written))
    assert not office.same_parts(bytes(written), office.stable_zip(_package(PARTS)))


def test_same_parts_tells_a_copy_without_its_mark_from_another_document() -> None:
    written = office.stable_zip(_package(PARTS))
    bare = _package(_parts(written))  # the same parts, no comment: an earlier release's copy
    assert not office.untouched(bare) and office.same_parts(bare, written)
    other = _package([*PARTS[:2], ("word/document.xml", b"<w:t>other</w:t>")])
    assert not office.same_parts(other, written)
