"""What the Office writers share: a zip package made byte-for-byte reproducible, and marked.

openpyxl and python-docx stamp the package with the time of saving (in ``docProps/core.xml``
and in every zip entry). Output is deterministic here (the same inputs give the same bytes),
so the package is rewritten with fixed times.

The package's zip comment carries a digest of its parts (:func:`untouched` checks it), so
that a report written again can tell its own earlier copy, which it may replace, from a
document edited since (Word, Excel, WPS and LibreOffice rewrite every part when they save,
and none keeps the comment) or one policebench never wrote. Office ignores zip comments.
Pure: bytes in, bytes out.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable

#: The time written into every entry and into the document properties.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
#: The zip comment of a package policebench wrote: the digest of its parts (:func:`_digest`).
_MARK = re.compile(rb"policebench:sha256=([0-9a-f]{64})")
#: A package whose parts unpack to more than this is not one of ours (nor read to find out).
MAX_UNPACKED = 512 * 2**20


def stable_zip(data: bytes) -> bytes:
    """The package ``data`` with fixed entry times and document-property dates, marked with
    the digest of its parts (see :func:`untouched`)."""
    out = io.BytesIO()
    parts: list[tuple[str, bytes]] = []
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
            parts.append((info.filename, body))
        dst.comment = b"policebench:sha256=" + _digest(parts).encode("ascii")
    return out.getvalue()


def _digest(parts: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 of the parts in package order, each as its name and body with their lengths."""
    h = hashlib.sha256()
    for name, body in parts:
        raw = name.encode("utf-8")
        h.update(len(raw).to_bytes(8, "big") + raw + len(body).to_bytes(8, "big"))
        h.update(body)
    return h.hexdigest()


def untouched(data: bytes) -> bool:
    """Whether ``data`` is a package policebench wrote, unchanged since: its comment holds
    the digest of its parts. False for anything else (another program's document, one saved
    again by an Office program, a file that is no zip at all)."""
    found = _digests(data)
    return found is not None and found[0] is not None and found[0] == found[1]


def same_parts(data: bytes, other: bytes) -> bool:
    """Whether two packages hold the same parts, whatever their comments say (the copy an
    earlier release wrote, without a mark, of the document about to replace it)."""
    mine, theirs = _digests(data), _digests(other)
    return mine is not None and theirs is not None and mine[1] == theirs[1]


def _digests(data: bytes) -> tuple[str | None, str] | None:
    """The digest the package's comment holds (None: no mark) and the digest of its parts;
    None when it is no package this can read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            mark = _MARK.fullmatch(package.comment)
            infos = package.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                return None
            parts = ((i.filename, package.read(i)) for i in infos)
            return (None if mark is None else mark.group(1).decode("ascii")), _digest(parts)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,  # an encrypted part
        NotImplementedError,  # a compression zipfile does not know
        zlib.error,  # a damaged part
    ):
        return None
