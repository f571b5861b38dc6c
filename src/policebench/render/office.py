"""What the Office writers share: a zip package made byte-for-byte reproducible.

openpyxl and python-docx stamp the package with the time of saving (in ``docProps/core.xml``
and in every zip entry). Output is deterministic here (the same inputs give the same bytes),
so the package is rewritten with fixed times. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import io
import re
import zipfile

#: The time written into every entry and into the document properties.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_zip(data: bytes) -> bytes:
    """The package ``data`` with fixed entry times and document-property dates."""
    out = io.BytesIO()
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
    return out.getvalue()
