"""The HTML report in a real browser: headless Chromium draws it, runs nothing, loads nothing.

Chromium comes from the system packages (``apt-get install chromium``; ``.ci/run`` installs
it). Without it these tests are skipped, so the rest of the suite still runs anywhere.

The page is J City's report with hostile text injected into a copy of its profile (see
``tests/render/test_html.hostile_profile``), written to a temporary folder and opened as
``file://``. Three runs of the browser:

- ``--screenshot`` at 1280x2400: the PNG is decoded with the standard library (zlib and
  struct, no Pillow) and must have many colours and plenty of ink, so the page is not blank;
- ``--dump-dom``: the DOM after load must hold the charts (``<svg>`` with the radar's
  ``aria-label``), show the hostile strings as escaped text, have no element they tried to
  create, and keep the document title (the payloads set it to ``PWNED`` if they ever ran);
- every run logs its network activity with ``--log-net-log``. How "no network request" is
  checked, robustly: Chromium itself talks to Google services in the background (time sync,
  component updates, account checks) whatever flags it gets, so "no http request at all in
  the log" would fail for reasons that have nothing to do with the page. A request made *by
  the page* is told apart by the net log itself: its network isolation key names the page's
  site (``file://``) and it has a real initiator, while the browser's own requests are
  marked ``initiator: "not an origin"``. The test fails on any request of the page except
  ``file:``/``data:``/``about:``. A control run on a page with one ``<img
  src="http://example.invalid/...">`` proves the check sees such a request, so it cannot
  pass vacuously if the log format changes. ``--host-resolver-rules="MAP * ~NOTFOUND"``
  makes every host name unresolvable as well, so nothing can leave the machine even then.

Set ``POLICEBENCH_SCREENSHOTS=DIR`` to keep the screenshots (desktop and phone widths) for
a human look.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from policebench.models import Profile, Rubric
from policebench.render.templates import render
from policebench.report.place import build_report
from tests.render.test_html import IMG, PROVENANCE, SCRIPT, hostile_profile

CHROMIUM = next((p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install chromium); .ci/run installs it",
)
QUIET = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
PAGE_SCHEMES = ("file:", "data:", "about:", "blob:")


def chromium(tmp: Path, url: str, *args: str) -> tuple[str, list[str]]:
    """Run Chromium on ``url``; its stdout and the URLs the page itself requested."""
    assert CHROMIUM is not None
    profile = tmp / f"chrome-{len(list(tmp.glob('chrome-*')))}"
    netlog = profile.with_suffix(".netlog.json")
    done = subprocess.run(
        [CHROMIUM, *QUIET, f"--user-data-dir={profile}", f"--log-net-log={netlog}", *args, url],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, page_requests(netlog)


def page_requests(netlog: Path) -> list[str]:
    """URLs requested on behalf of a page (not Chromium's own background traffic)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] != start or "url" not in params:
            continue
        by_page = params.get("initiator") != "not an origin" or "file://" in str(
            params.get("network_isolation_key", "")
        )
        if by_page:
            urls.append(str(params["url"]))
    return urls


def png_pixels(data: bytes) -> Iterator[bytes]:
    """The pixels of an 8-bit RGB or RGBA PNG, as bytes per pixel (standard library only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG layout"
    bpp = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        unfilter(kind, line, previous, bpp)
        for x in range(0, stride, bpp):
            yield bytes(line[x : x + 3])
        previous = line


def unfilter(kind: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    """Undo one PNG scanline filter in place (PNG spec, section 9)."""
    if kind == 0:
        return
    if kind == 2:
        line[:] = bytes((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        return
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + prev[i]) // 2) & 0xFF
        elif kind == 4:
            up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
            line[i] = (line[i] + pred) & 0xFF
        else:
            raise AssertionError(f"bad PNG filter {kind}")


@pytest.fixture(scope="module")
def report_page(
    tmp_path_factory: pytest.TempPathFactory, rubric: Rubric, profiles: dict[str, Profile]
) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    city = hostile_profile(tmp)
    data = build_report(rubric, city, list(profiles.values()), provenance=PROVENANCE)
    page = tmp / "report.html"
    page.write_text(render("report.html.j2", data), encoding="utf-8")
    return page


def test_screenshot_is_not_blank(report_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _, requests = chromium(
        tmp_path, report_page.as_uri(), f"--screenshot={shot}", "--window-size=1280,2400"
    )
    assert [u for u in requests if not u.startswith(PAGE_SCHEMES)] == []
    colours: set[bytes] = set()
    ink = total = 0
    for pixel in png_pixels(shot.read_bytes()):
        total += 1
        if pixel != b"\xff\xff\xff":
            ink += 1
            if len(colours) < 5000:
                colours.add(pixel)
    assert total == 1280 * 2400
    # Text, charts, cards and tables: a blank or failed page has one or two colours.
    assert len(colours) > 200, f"only {len(colours)} colours"
    assert ink / total > 0.05, f"only {ink / total:.1%} of the page is not white"
    keep = os.environ.get("POLICEBENCH_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "report-desktop.png")
        chromium(
            tmp_path,
            report_page.as_uri(),
            f"--screenshot={Path(keep) / 'report-phone.png'}",
            "--window-size=390,2400",
        )


def test_dom_has_the_charts_and_the_hostile_text_did_not_run(
    report_page: Path, tmp_path: Path
) -> None:
    dom, requests = chromium(tmp_path, report_page.as_uri(), "--dump-dom")
    assert [u for u in requests if not u.startswith(PAGE_SCHEMES)] == []
    assert dom.count("<svg") >= 2
    assert 'aria-label="Radar chart of dimension scores: Hostile' in dom
    assert 'class="chart chart-bars"' in dom
    # The payloads would have set the title to PWNED; the title is still the report's.
    title = dom.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "PWNED" not in title
    assert title.startswith("Hostile &lt;script&gt;")
    # They are shown as text, and no element they tried to create exists.
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=\"document.title='PWNED'\"&gt;" in dom
    assert "<img" not in dom and "<script" not in dom
    assert SCRIPT not in dom and IMG not in dom


def test_the_network_check_sees_a_request_when_there_is_one(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><title>control</title><img src="http://example.invalid/x.png">',
        encoding="utf-8",
    )
    _, requests = chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert "http://example.invalid/x.png" in requests
