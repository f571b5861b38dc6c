"""Bytes to text: the size, file-kind and encoding checks made before any YAML is seen.

Kept apart from parsing because ``readers.survey_csv`` reads spreadsheets through ``decode`` and the
same size limit without wanting YAML at all; the messages for UTF-16, GBK and binary files
live here once.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from policebench.errors import InvalidInput
from policebench.messages import Msg, os_reason
from policebench.problems import Problem

#: Inputs are small hand-written text files; anything larger is refused before it is read.
MAX_BYTES = 5 * 1024 * 1024

_BOM_UTF8 = b"\xef\xbb\xbf"


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text from ``raw`` (a UTF-8 BOM is accepted); a clear problem otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            [
                Problem(
                    file,
                    1,
                    1,
                    Msg("utf16"),
                    Msg("utf16-hint"),
                    "encoding",
                )
            ]
        )
    if raw.startswith(_BOM_UTF8):
        raw = raw[len(_BOM_UTF8) :]
    if raw.startswith(b"PK\x03\x04") and b"xl/" in raw[:65536]:
        # A workbook (its parts are named xl/...): import reads policebench's, survey others.
        ours = _is_our_workbook(raw)
        message, hint = {
            True: ("other-our-workbook", "other-our-workbook-hint"),
            False: ("other-xlsx", "other-xlsx-survey-hint"),
            None: ("other-xlsx", "other-xlsx-hint"),
        }[ours]
        raise InvalidInput(
            [Problem(file, 1, 1, Msg(message), Msg(hint, file=file), "other-command")]
        )
    if b"\x00" in raw[:8192]:
        raise InvalidInput(
            [
                Problem(
                    file,
                    1,
                    1,
                    Msg("binary"),
                    Msg("binary-hint"),
                    "binary",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        before = raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start]
        # Columns count characters, as editors do, not the bytes of the Chinese before it.
        column = len(before.decode("utf-8", errors="replace")) + 1
        hint = Msg("save-utf8")
        if _looks_like_gbk(raw):
            hint = Msg("looks-gbk")
        raise InvalidInput(
            [
                Problem(
                    file,
                    line,
                    column,
                    Msg("not-utf8", byte=f"0x{raw[exc.start]:02x}"),
                    hint,
                    "encoding",
                )
            ]
        ) from None


def _is_our_workbook(raw: bytes) -> bool | None:
    """Whether the .xlsx ``raw`` has policebench's hidden sheet (a data-collection workbook);
    None when its list of sheets cannot be read. Read only on this error path, and only
    that list (a few kB)."""
    import io
    import zipfile

    from policebench.models.workbook import META_SHEET

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 1024 * 1024:
                return None
            return f'name="{META_SHEET}"'.encode() in archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None


def _looks_like_gbk(raw: bytes) -> bool:
    """Whether ``raw`` reads as GBK text whose non-ASCII characters are mostly Chinese."""
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if ord(c) > 127]
    chinese = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    return bool(wide) and chinese >= 0.8 * len(wide)


def read_text(path: Path, display: str | None = None) -> tuple[str, bytes]:
    """Read ``path`` as UTF-8 text, refusing what is missing, too large, binary or mis-encoded.

    Returns the text and the raw bytes (the latter for provenance hashes).
    """
    name = display or str(path)
    try:
        if path.is_dir():
            raise InvalidInput([Problem(name, 0, 0, Msg("is-folder"), "", "io")])
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe (/dev/zero, a FIFO) would never end, or never start.
            raise InvalidInput(
                [Problem(name, 0, 0, Msg("not-regular-file"), Msg("not-regular-file-hint"), "io")]
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                [
                    Problem(
                        name,
                        0,
                        0,
                        Msg(
                            "file-too-big",
                            size=f"{size / 1_048_576:.1f}",
                            limit=MAX_BYTES // 1_048_576,
                        ),
                        Msg("file-too-big-hint"),
                        "size",
                    )
                ]
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # bounded, even if the file grows meanwhile
        if len(raw) > MAX_BYTES:
            raise InvalidInput(
                [Problem(name, 0, 0, Msg("file-over", limit=MAX_BYTES // 1_048_576), "", "size")]
            )
    except FileNotFoundError:
        raise InvalidInput(
            [Problem(name, 0, 0, Msg("no-such-file"), Msg("no-such-file-hint"), "io")]
        ) from None
    except OSError as exc:
        hint = Msg("symlink-loop") if exc.errno == errno.ELOOP else ""
        raise InvalidInput(
            [Problem(name, 0, 0, Msg("cannot-read", reason=os_reason(exc)), hint, "io")]
        ) from None
    return decode(raw, name), raw
