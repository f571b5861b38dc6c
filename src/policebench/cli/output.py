"""Writing reports: atomically, and never over a planner's input.

The one rule (:func:`check_target`): a report never replaces an input of the command, a file
inside a protected folder (the ``--template-dir`` in use: any file there, and any new name a
template lookup would find, ``*.j2``), a read-only file, an existing YAML file, an Office
document, Markdown or HTML file other than a report policebench wrote and nobody changed
since (a report edited in Word or a text editor is the planner's now:
:func:`policebench.render.office.untouched`, :func:`untouched_text`) or a folder; a name
ending in ``/`` names a folder. A Markdown or HTML report written to a file ends with a
comment holding the digest of what comes before it (:func:`marked`), invisible where the
report is shown; what goes to stdout is the report alone. The temporary file is removed when
the write fails, on Ctrl-C, and on SIGTERM/SIGHUP; a SIGKILL cannot be caught: what it leaves
is a hidden ``.NAME.*.tmp`` beside the report (never a half-written report), removed by the
next write of that report once it is :data:`STALE_SECONDS` old. A file-size
limit (``ulimit -f``) ends the write with EFBIG instead of killing the process (SIGXFSZ).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from policebench.errors import UserError
from policebench.i18n import default_lang, t
from policebench.messages import Msg
from policebench.paths import YAML_SUFFIXES, display, real_path

#: The names a template lookup finds: a new file so named in the template folder would be one.
TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2"})
#: Names of Office documents (and WPS's own): one is replaced only when policebench wrote it
#: and nobody changed it since.
OFFICE_SUFFIXES = frozenset(
    {".docx", ".docm", ".dotx", ".doc", ".xlsx", ".xlsm", ".xltx", ".xlsb", ".xls"}
    | {".odt", ".ods", ".wps", ".et", ".pptx", ".ppt"}
)
#: Reports a text editor may have changed since: marked when written (:func:`marked`), and
#: replaced only when the mark still holds.
TEXT_MARKED = frozenset({".md", ".markdown", ".html", ".htm"})
_TEXT_MARK = re.compile(rb"<!-- policebench sha256:([0-9a-f]{64}) -->\n\Z")
#: The first bytes of a zip package (OOXML, ODF) and of an OLE2 file (.doc, .xls, .wps).
_OFFICE_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
#: An Office file larger than this is not one policebench wrote (nor read to find out).
_OFFICE_MAX_BYTES = 256 * 2**20
#: The signals that end a run politely; during a write each removes the temporary file first.
_POLITE = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def ends_in_separator(raw: str) -> bool:
    """True when the path as typed ends in ``/`` (or ``\\`` on Windows): a folder's name."""
    seps = (os.sep, os.altsep) if os.altsep else (os.sep,)
    return raw.endswith(tuple(s for s in seps if s))


def _inside(target: Path, folder: Path) -> bool:
    try:
        target.relative_to(folder)
    except ValueError:
        return False
    return True


def check_target(
    path: Path,
    protected: Iterable[Path] = (),
    lang: str | None = None,
    *,
    raw: str | None = None,
    data: bytes | None = None,
) -> None:
    """Refuse ``path`` as the place of a report (see the module's rule); ``raw`` is the path as
    typed, when known (``Path`` drops a trailing ``/``); ``data``, what is to be written
    there (a file already holding exactly that is replaced, marked or not)."""
    lang = lang or default_lang()
    shown = display(path)
    if raw is not None and ends_in_separator(raw) and not path.is_dir():
        raise UserError(
            t("out_trailing_sep", lang).format(path=raw), t("out_trailing_sep_hint", lang)
        )
    target = path.resolve()
    for item in protected:
        guarded = real_path(Path(item))  # inputs were resolved as they were read
        if target == guarded and not guarded.is_dir():
            raise UserError(Msg("out-is-input", path=shown), Msg("out-choose-other"))
        if (
            _inside(target, guarded)
            and guarded.is_dir()
            and (target.exists() or target.suffix.lower() in TEMPLATE_SUFFIXES)
        ):
            raise UserError(
                t("out_in_protected", lang).format(path=shown, folder=display(Path(item))),
                t("out_in_protected_hint", lang),
            )
    if target.exists() and target.suffix.lower() in YAML_SUFFIXES:
        raise UserError(Msg("out-yaml-exists", path=display(path)), Msg("out-yaml-exists-hint"))
    if target.is_dir():
        raise UserError(Msg("out-is-folder", path=display(path)), Msg("out-is-folder-hint"))
    if not target.parent.is_dir():
        blocker = _file_in_the_way(path.parent)
        if blocker is not None:
            raise UserError(
                Msg("out-parent-is-file", path=display(blocker)), Msg("out-parent-is-file-hint")
            )
        raise UserError(Msg("out-no-folder", path=display(path.parent)), Msg("out-no-folder-hint"))
    if target.exists() and not target.is_file():
        # A FIFO, a device: a rename would replace it with a file.
        raise UserError(t("out_not_regular", lang).format(path=shown), t("out_hint_other", lang))
    if target.exists() and _read_only(target):
        raise UserError(t("out_read_only", lang).format(path=shown), t("out_read_only_hint", lang))
    refusal = _planners_own(path, target, data) if target.exists() else None
    if refusal is not None:
        raise UserError(Msg(refusal, path=shown), Msg("out-office-changed-hint"))


def marked(text: str) -> str:
    """``text`` (a Markdown or HTML report) with a last line saying policebench wrote it:
    an HTML comment holding the SHA-256 of everything before it."""
    body = text if text.endswith("\n") else text + "\n"
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return f"{body}<!-- policebench sha256:{digest} -->\n"


def untouched_text(data: bytes) -> bool:
    """Whether ``data`` is a report :func:`marked` made, unchanged since (a byte edited, a
    line ending converted by an editor's save, the mark removed: False)."""
    mark = _TEXT_MARK.search(data)
    if mark is None:
        return False
    return hashlib.sha256(data[: mark.start()]).hexdigest() == mark.group(1).decode("ascii")


def _planners_own(path: Path, target: Path, data: bytes | None) -> str | None:
    """Why ``target`` (an existing file; ``path`` as given, maybe a link to it) is not to be
    replaced by ``data``: the message id, or None. An Office document (by either name, or by
    its first bytes) or a Markdown or HTML file is replaced only when it is policebench's
    untouched copy (its mark holds), when it holds exactly what is about to be written (a
    copy without a mark: from an earlier release, or the same report sent to stdout and
    redirected), or when it is empty. One that cannot be read cannot be told: refused."""
    from policebench.render.office import same_parts, untouched

    names = {path.suffix.lower(), target.suffix.lower()}
    office = "out-office-changed" if names & OFFICE_SUFFIXES else None
    text = "out-report-changed" if names & TEXT_MARKED else None
    try:
        size = target.stat().st_size
        if size == 0:
            return None  # nothing to lose
        with target.open("rb") as handle:
            head = handle.read(4)
            if office is None and head in _OFFICE_MAGIC:
                office = "out-office-changed"
            if office is None and text is None:
                return None
            if size > _OFFICE_MAX_BYTES:
                return office or text
            existing = head + handle.read()
    except OSError:
        return office or text
    if office is not None:
        if untouched(existing) or (data is not None and same_parts(existing, data)):
            return None
        return office
    if untouched_text(existing) or (data is not None and existing in _text_copies(data)):
        return None
    return text


def _text_copies(data: bytes) -> tuple[bytes, ...]:
    """``data`` (a marked report) and the report without its mark, as stdout gave it."""
    mark = _TEXT_MARK.search(data)
    return (data,) if mark is None else (data, data[: mark.start()])


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing part of ``folder`` when it is a file, not a folder
    (``README.md/x.html``): "no such folder" would send the planner to create one."""
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None


def _read_only(target: Path) -> bool:
    """No write bit for anybody, or not writable by this user (root writes anything, so the
    mode bits decide there: a planner's 0444 is a "keep this")."""
    mode = target.stat().st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK)


def write_atomic(
    path: Path,
    data: str | bytes,
    *,
    protected: Iterable[Path] = (),
    lang: str | None = None,
    raw: str | None = None,
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader (or a crash) sees the old file or the new one, never half of one. Refuses what
    :func:`check_target` refuses, before anything is written.
    """
    target = path.resolve()
    if isinstance(data, str) and {path.suffix.lower(), target.suffix.lower()} & TEXT_MARKED:
        data = marked(data)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_target(path, protected, lang, raw=raw, data=payload)
    try:
        with _temporary(target) as (fd, tmp):
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():
                with contextlib.suppress(OSError):
                    os.chmod(tmp, target.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        _sweep(target)
    except OSError as exc:
        if exc.errno is None:
            raise
        # Said with the report's name, not the hidden temporary's (or none, from write()).
        raise OSError(exc.errno, exc.strerror, display(path)) from exc


#: A temporary file of a report older than this is a leftover of a killed run (SIGKILL,
#: a power cut): no write takes that long, so none still being written is removed.
STALE_SECONDS = 600.0


def _sweep(target: Path) -> None:
    """Remove the leftovers of earlier runs killed while writing ``target`` (a SIGKILL
    cannot be caught: its hidden ``.NAME.*.tmp`` goes at the next write of NAME)."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and now - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()


@contextlib.contextmanager
def _temporary(target: Path) -> Iterator[tuple[int, str]]:
    """A temporary file beside ``target``, removed unless renamed, whatever ends the write."""
    previous = _take_signals()
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        yield fd, tmp
    except BaseException:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    finally:
        _restore_signals(previous)


class Terminated(SystemExit):
    """A polite signal (SIGTERM, SIGHUP) during a write: exit 128 + its number."""


def _on_signal(signum: int, frame: Any) -> None:
    raise Terminated(128 + signum)


def _take_signals() -> dict[int, Any]:
    """Handlers that unwind (and so remove the temporary file) on SIGTERM/SIGHUP, and SIGXFSZ
    ignored so that a file-size limit is an EFBIG error; only the main thread may."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {}
    for sig in _POLITE:
        handler = signal.getsignal(sig)
        if handler in (signal.SIG_DFL, None):
            previous[sig] = signal.signal(sig, _on_signal)
    if hasattr(signal, "SIGXFSZ"):
        previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return previous


def _restore_signals(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)
