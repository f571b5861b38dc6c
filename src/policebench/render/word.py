"""The report of one place as an editable Word document (``report --format docx``).

What the bundled HTML report (``templates/report.html.j2``) shows, in its order, from the
same typed report data (:class:`~policebench.report.contract.PlaceReport`): the head (rubric,
date, the peers named, about the assessment), the summary (key figures, the largest gaps,
where to start, the ranking, the uncertainty), the dimension charts, findings by dimension
(n/a indicators among them), gaps with where each target comes from, the roadmap, lessons
from peers, the trend, and the evidence appendix (evidence quality, each level's sources
with their dates, stale and repost-only levels, opinions, n/a indicators with their
reasons, unknown levels) and provenance. Real headings (Word's navigation pane and table
of contents use them), real tables (header rows repeat across pages; columns sized to what
they hold), charts as images, page numbers in the footer, A4 pages. Every text is in the
report's language; labels come from :func:`policebench.i18n.t`.

Fonts: every style names a Latin font and an East Asian one (``w:eastAsia``: 宋体 for text,
黑体 for headings, the faces a Chinese bureau's documents use; a reader without them gets
the nearest installed CJK face, e.g. Noto CJK), and the East Asian language is zh-CN, so
Chinese text never falls back to a Latin font. Nothing is set in italics (a slanted CJK
face is a distorted one).

Charts: the SVG the HTML shows (``render/charts.py``) rasterised with CairoSVG: one chart
implementation, so the document and the page show the same figure; drawing them again in
another library would be a second copy to keep in step. Text in a chart is set in a CJK
font found by fontconfig (``fc-list :lang=zh``); when a chart has Chinese text and the
machine has no such font, the chart is left out, the document says so (never boxes), and
the chart's figures are given as a table instead.

Text from a profile is written as the HTML shows it: control and bidirectional characters
as ``<U+XXXX>``; only http(s) and mailto addresses become links. Returns bytes,
reproducible (fixed times). python-docx and CairoSVG are imported here only.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from policebench.i18n import (
    age_limit,
    between_sentences,
    count,
    join_list,
    label,
    paren,
    period,
    sentence_sep,
    span,
    t,
)
from policebench.render.common import (
    num,
    pct,
    rank_cell,
    ranked_count,
    ranking_notes,
    safe_url,
    visible,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    from policebench.report.contract import (
        DimensionSection,
        EvidenceRow,
        PlaceReport,
        PlaceUncertainty,
        SourceData,
    )

T = TypeVar("T")

#: East Asian faces of body text and headings (Windows and WPS names; any CJK reader maps them).
BODY_EAST_ASIA = "宋体"
HEADING_EAST_ASIA = "黑体"
LATIN = "Calibri"
#: Body text 10.5 pt (五号, a Chinese document's body size), tables 9 pt (小五), notes under
#: a cell's text 8 pt.
BODY_PT, TABLE_PT, SMALL_PT = 10.5, 9.0, 8.0
#: The text width of an A4 page with 2.5 cm margins.
TEXT_CM = 16.0
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: CJK families preferred for chart text, best first (fontconfig picks any other it has).
_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Serif CJK SC")

#: The HTML report's colours (templates/_style.css.j2): ink, muted, rule lines, soft fill.
INK, MUTED, RULE, SOFT, ACCENT = "1D2733", "5B6673", "D5DBE1", "F4F6F8", "1F4E79"
#: Badge kind -> (text colour, fill), as the HTML's ``.badge.KIND``.
BADGES: dict[str, tuple[str, str]] = {
    "primary": ("0F5E39", "E2F1E8"),
    "high": ("0F5E39", "E2F1E8"),
    "secondary": (ACCENT, "E7EEF6"),
    "medium": (ACCENT, "E7EEF6"),
    "repost": ("7A5200", "FCF1D8"),
    "low": ("7A5200", "FCF1D8"),
    "opinion": ("7A5200", "FCF1D8"),
    "stale": ("7A5200", "FCF1D8"),
    "repost-only": ("7A5200", "FCF1D8"),
    "none": (MUTED, SOFT),
    "unknown": (MUTED, SOFT),
    "na": (MUTED, SOFT),
    "effort": (INK, SOFT),
    "prereq": ("FFFFFF", INK),
}


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """A font family on this machine with Chinese characters (fontconfig), or None."""
    if shutil.which("fc-list") is None:
        return None
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = {name.strip() for line in found.splitlines() for name in line.split(",")}
    families.discard("")
    for name in _PREFERRED:
        if name in families:
            return name
    return min(families) if families else None


def chart_png(svg: str) -> tuple[bytes | None, str]:
    """``svg`` as a PNG, or None and why not (the key of the label saying so)."""
    font = cjk_font()
    if font is None and _CJK.search(svg):
        return None, "docx_no_cjk_font"
    try:
        import cairosvg
    except (ImportError, OSError):  # OSError: the Cairo library itself is missing
        return None, "docx_no_cairo"
    family = f"{font}, sans-serif" if font else "sans-serif"
    svg = svg.replace("<svg ", f'<svg font-family="{family}" ', 1)
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=2.5, unsafe=False)
    return bytes(png), ""


def missing_charts(data: PlaceReport) -> str:
    """The key of the label saying why the charts cannot be drawn here ('' when they can)."""
    from policebench.render import charts

    return chart_png(str(charts.radar(inert(data["radar"]), lang=data["lang"])))[1]


def inert(value: T) -> T:
    """``value`` with every text in it made visible (:func:`visible`): a chart is XML,
    which cannot hold a control character, and CairoSVG refuses one."""
    if isinstance(value, str):
        return cast(T, visible(value))
    if isinstance(value, list):
        return cast(T, [inert(v) for v in value])
    if isinstance(value, dict):
        return cast(T, {k: inert(v) for k, v in value.items()})
    return value


# --------------------------------------------------------------------------- rich text


@dataclass(frozen=True)
class Seg:
    """A piece of text and how it is set: ``""`` plain, ``"b"`` bold, ``"muted"`` grey and
    smaller, ``"link"`` a link to the text itself (an http(s) or mailto address), or
    ``"badge:KIND"`` a coloured label (:data:`BADGES`)."""

    text: str
    kind: str = ""


#: A line of a paragraph or table cell; a cell holds one or more lines.
Line = Sequence[Seg]
CellText = str | Seg | Sequence[Line]


def _b(text: str) -> Seg:
    return Seg(text, "b")


def _muted(text: str) -> Seg:
    return Seg(text, "muted")


def _badge(text: str, kind: str) -> Seg:
    return Seg(text, f"badge:{kind}")


def _lines(value: CellText) -> Sequence[Line]:
    if isinstance(value, str):
        return [[Seg(value)]]
    if isinstance(value, Seg):
        return [[value]]
    return value


#: The width of a Latin character in ems, generously (DejaVu Sans, LibreOffice's stand-in
#: for Calibri where it is missing, is about this wide); a CJK character is 1 em.
LATIN_EM = 0.6


def _width_ems(text: str) -> float:
    """``text``'s width on one line, in ems."""
    return sum(1.0 if _CJK.match(c) else LATIN_EM for c in text)


#: A text at most this wide (six Chinese characters: a place, a stage, a level with its
#: name, a date, a short heading) is kept on one line, as the HTML's ``keep-all`` words.
KEEP_WHOLE_EMS = 6.0
#: A longer Chinese text may break, but keeps four characters to a line at least.
CJK_LINE_EMS = 4.0


def _unbreakable_ems(text: str) -> float:
    """The widest piece of ``text`` a line cannot break, in ems: all of it when it is short
    (:data:`KEEP_WHOLE_EMS`), else its widest Latin word, and four characters of Chinese
    (an address breaks anywhere)."""
    if _width_ems(text) <= KEEP_WHOLE_EMS:
        return _width_ems(text)
    widest = CJK_LINE_EMS if _CJK.search(text) else 0.0
    for word in re.split(r"[\s/]+", text):
        if word.startswith(("http", "mailto", "sha256")):
            continue
        for piece in _CJK.split(word):
            widest = max(widest, _width_ems(piece))
    return widest


# --------------------------------------------------------------------------- document parts


def _fonts(rpr: Any, east_asia: str, lang: str) -> None:
    """Set the Latin and East Asian fonts and the languages of a ``w:rPr`` element."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), LATIN)
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    language = OxmlElement("w:lang")
    # Latin text is English in either (Word's Chinese documents do so: a Latin word is broken
    # between words, never inside one); Chinese text is zh-CN.
    language.set(qn("w:val"), "en-US" if lang == "zh" else "en-GB")
    language.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(language)


def _set_fonts(doc: Document, lang: str) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _fonts(rpr, BODY_EAST_ASIA, lang)
    kinds = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE)
    for style in doc.styles:
        element = style.element
        if style.type not in kinds:
            continue
        name = style.name or ""
        heading = name.startswith(("Heading", "Title")) or name == "Subtitle"
        _fonts(element.get_or_add_rPr(), HEADING_EAST_ASIA if heading else BODY_EAST_ASIA, lang)
        font = getattr(style, "font", None)
        if font is not None and font.italic:
            font.italic = False  # no slanted CJK (Heading 4, Subtitle, Quote, Caption...)
    # Fonts set inside other parts of styles (table-style regions): no East Asian theme font
    # (the template's theme names none, so Word would fall back to a Latin one).
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        if fonts.attrib.pop(qn("w:eastAsiaTheme"), None) is not None:
            fonts.set(qn("w:eastAsia"), BODY_EAST_ASIA)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 12.5), ("Caption", 9)):
        styles[name].font.size = Pt(size)
    caption = styles["Caption"]  # as the HTML's figcaption: grey, not bold, centred
    caption.font.bold = False
    caption.font.color.rgb = RGBColor.from_string(MUTED)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``; Word and LibreOffice fill it in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    steps: tuple[tuple[str | None, str | None], ...] = (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
    )
    for kind, text in steps:
        run = paragraph.add_run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        elif text is not None:
            run.text = text
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _page_numbers(doc: Document, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, rest = t("docx_page_of", lang).split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    footer.add_run(before)
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)


def _shade(element: Any, fill: str) -> None:
    """A background ``fill`` on a run's ``w:rPr`` or a cell's ``w:tcPr``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in element.findall(qn("w:shd")):
        element.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    element.append(shading)


def _no_break_hyphens(run: Any) -> None:
    """The hyphens of a ``w:r``'s text as non-breaking ones (``w:noBreakHyphen``): a date
    stays on one line, and reads back as the same text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    texts = run.findall(qn("w:t"))
    if len(texts) != 1 or "-" not in (texts[0].text or ""):
        return
    first, *rest = (texts[0].text or "").split("-")
    texts[0].text = first
    anchor = texts[0]
    for piece in rest:
        hyphen = OxmlElement("w:noBreakHyphen")
        anchor.addnext(hyphen)
        anchor = OxmlElement("w:t")
        anchor.set(qn("xml:space"), "preserve")
        anchor.text = piece
        hyphen.addnext(anchor)


def _borders(table: Table, color: str = RULE) -> None:
    """Thin ``color`` lines around and inside ``table`` (the HTML's rule colour)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), color)
        borders.append(edge)
    # in the schema's order (Word refuses a document whose elements are out of it)
    tblpr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange",
    )  # fmt: skip


def _needs(
    rows: Sequence[Sequence[CellText]], size: float, header: bool = True
) -> tuple[list[float], list[float]]:
    """Each column's least width (what it cannot break, capped) and the width it would take
    to hold its longest line (capped), in cm at ``size`` points; bold text (the ``header``
    row, bold pieces) is taken as an eighth wider."""
    em, pad, cap_min, cap_want = size * 2.54 / 72, 0.55, 4.0, 9.0  # cm; pad: cell margins
    columns = len(rows[0]) if rows else 0
    least = [0.0] * columns
    want = [0.0] * columns
    for r, row in enumerate(rows):
        for i, value in enumerate(row):
            for line in _lines(value):
                text = "".join(s.text for s in line)
                bold = 1.125 if (header and r == 0) or any(s.kind == "b" for s in line) else 1.0
                ems = _width_ems(text)
                if all(s.kind in ("link", "muted") for s in line) and "://" in text:
                    ems = min(ems, 15.0)  # an address breaks anywhere: it may take 2 lines
                unbreakable = _unbreakable_ems(text) * bold * em + pad
                least[i] = max(least[i], min(cap_min, unbreakable))
                want[i] = max(want[i], min(cap_want, ems * bold * em + pad))
    return least, [max(w, m) for w, m in zip(want, least, strict=True)]


def fits(rows: Sequence[Sequence[CellText]], size: float = TABLE_PT, header: bool = True) -> bool:
    """Whether ``rows`` (the first a ``header``) fit across the page without breaking a word."""
    return sum(_needs(rows, size, header)[0]) <= TEXT_CM


def auto_widths(
    rows: Sequence[Sequence[CellText]],
    size: float = TABLE_PT,
    total: float = TEXT_CM,
    prose: Sequence[int] = (),
    header: bool = True,
) -> list[float]:
    """Column widths in cm for ``rows`` (header included) set in ``size`` points, filling
    ``total``: each column at least as wide as what it cannot break (capped), the rest shared
    by how much more each would need to hold its text on one line, as a browser lays out
    a table; ``prose`` columns (paragraphs of evidence, notes) get three shares; the first
    row is bold when it is the ``header``."""
    least, want = _needs(rows, size, header)
    if sum(want) <= total:
        return [w * total / sum(want) for w in want] if sum(want) else want
    if sum(least) >= total:
        return [m * total / sum(least) for m in least]
    room = total - sum(least)
    extra = [w - m for w, m in zip(want, least, strict=True)]
    extra = [e * 3 if i in prose else e for i, e in enumerate(extra)]
    return [m + room * e / sum(extra) for m, e in zip(least, extra, strict=True)]


# --------------------------------------------------------------------------- the writer


@dataclass
class _Writer:
    """The document being written and its language: labels, paragraphs, tables."""

    doc: Document
    lang: str

    # words
    def t(self, key: str) -> str:
        return t(key, self.lang)

    def label(self, key: str) -> str:
        """The label ``key`` before a value: "Rubric: ", "评估框架："."""
        return label(t(key, self.lang), self.lang)

    def paren(self, text: str) -> str:
        return paren(text, self.lang)

    def join(self, items: Sequence[str]) -> str:
        return join_list(items, self.lang)

    def sep(self) -> str:
        return sentence_sep(self.lang)

    def period(self) -> str:
        return period(self.lang)

    def score(self, value: float | None) -> str:
        return num(value, 1, self.lang)

    def level(self, value: int | None, name: str | None) -> str:
        if value is None:
            return f"? {self.t('unknown')}"
        return f"{value} {name}" if name else str(value)

    # runs and paragraphs
    def put(self, paragraph: Paragraph, line: Line, size: float | None = None) -> None:
        """The pieces of ``line`` as runs of ``paragraph`` in ``size`` points (else the
        paragraph's own), text made visible, links live; notes and badges a little smaller."""
        from docx.shared import Pt, RGBColor

        small = max(7.5, (size or BODY_PT) - 1.5)
        for seg in line:
            text = visible(seg.text)
            if not text:
                continue
            if seg.kind == "link" and safe_url(seg.text):
                self._link(paragraph, safe_url(seg.text), text, small)
                continue
            run = paragraph.add_run(text)
            if size is not None:
                run.font.size = Pt(size)
            if seg.kind == "b":
                run.bold = True
            elif seg.kind in ("muted", "date"):
                run.font.color.rgb = RGBColor.from_string(MUTED)
                run.font.size = Pt(small)
                if seg.kind == "date":
                    _no_break_hyphens(run._r)
            elif seg.kind.startswith("badge:"):
                color, fill = BADGES.get(seg.kind.removeprefix("badge:"), (MUTED, SOFT))
                run.font.color.rgb = RGBColor.from_string(color)
                run.font.size = Pt(small)
                _shade(run._r.get_or_add_rPr(), fill)

    def _link(self, paragraph: Paragraph, url: str, text: str, size: float) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        run = paragraph.add_run(text)
        run.font.color.rgb = RGBColor.from_string(ACCENT)
        run.font.underline = True
        run.font.size = Pt(size)
        link = OxmlElement("w:hyperlink")
        link.set(
            qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        )
        run._r.addprevious(link)
        link.append(run._r)

    def para(
        self, *line: Seg | str, style: str | None = None, keep_next: bool = False
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        self.put(paragraph, [Seg(s) if isinstance(s, str) else s for s in line])
        if keep_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def bullet(self, *line: Seg | str) -> Paragraph:
        return self.para(*line, style="List Bullet")

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Paragraph:
        paragraph: Paragraph = self.doc.add_heading(visible(text), level=level)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def counted(self, key: str, n: int) -> str:
        """A heading with a count: "Evidenced (11)", "已有证据（11）"."""
        return self.t(key) + self.paren(str(n))

    def gap(self) -> None:
        """A little space after a table (an empty paragraph 6 pt high)."""
        from docx.shared import Pt

        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(6)

    # tables
    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[CellText]],
        *,
        widths: Sequence[float] = (),
        right: Sequence[int] = (),
        keep: bool = False,
        highlight: int | None = None,
        size: float = TABLE_PT,
        prose: Sequence[int] = (),
    ) -> Table:
        """A table, its header row bold, shaded and repeated on every page; columns sized
        by :func:`auto_widths` unless ``widths`` (cm) are given; ``right``: the columns of
        numbers; ``keep``: on one page if it fits; ``highlight``: the row of the report's
        own place."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm

        everything: list[Sequence[CellText]] = [header] if header is not None else []
        everything += list(rows)
        columns = len(everything[0])
        table: Table = self.doc.add_table(rows=len(everything), cols=columns)
        table.style = "Table Grid"
        _borders(table)
        table.autofit = False
        sizes = list(widths) or auto_widths(
            everything, size, prose=prose, header=header is not None
        )
        grid = table._tbl.tblGrid
        for column, width in zip(grid.findall(qn("w:gridCol")), sizes, strict=True):
            column.set(qn("w:w"), str(int(Cm(width).twips)))
        for r, (row, values) in enumerate(zip(table.rows, everything, strict=True)):
            is_header = header is not None and r == 0
            if is_header:
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(flag)
            own = highlight is not None and r == highlight + (1 if header is not None else 0)
            for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = Cm(sizes[c])
                lines = _lines(value)
                if is_header or own:
                    lines = [[Seg(s.text, "b") if s.kind == "" else s for s in ln] for ln in lines]
                    _shade(cell._tc.get_or_add_tcPr(), SOFT if is_header else "E7EEF6")
                self._cell(cell, lines, size)
                for paragraph in cell.paragraphs:
                    if c in right:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    if keep and r < len(everything) - 1:
                        paragraph.paragraph_format.keep_with_next = True
        if keep:
            for row in table.rows:
                cant = OxmlElement("w:cantSplit")
                row._tr.get_or_add_trPr().insert(
                    0, cant
                )  # before w:tblHeader, as the schema has it
        self.gap()
        return table

    def wide_table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[CellText]],
        *,
        keys: Sequence[int],
        split_at: int,
        right: Sequence[int],
        highlight: int | None = None,
    ) -> None:
        """A table with a column per dimension after ``split_at`` columns (all numbers):
        one table when it fits across the page (at 8 pt if need be), else two, the
        dimensions in the second with the ``keys`` columns repeated (as the terminal's
        split tables)."""
        numbers = range(split_at, len(header))
        everything = [header, *rows]
        for size in (TABLE_PT, SMALL_PT):
            if fits(everything, size):
                self.table(
                    header, rows, right=[*right, *numbers], keep=True, highlight=highlight,
                    size=size,
                )  # fmt: skip
                return
        self.table(
            header[:split_at], [row[:split_at] for row in rows], right=right, keep=True,
            highlight=highlight,
        )  # fmt: skip
        second = [*keys, *numbers]
        self.table(
            [header[i] for i in second],
            [[row[i] for i in second] for row in rows],
            right=range(len(keys), len(second)),
            keep=True,
            highlight=highlight,
            size=TABLE_PT if fits([[header[i] for i in second]], TABLE_PT) else SMALL_PT,
        )

    def _cell(self, cell: _Cell, lines: Sequence[Line], size: float) -> None:
        from docx.shared import Pt

        cell.text = ""
        for n, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(1)
            paragraph.paragraph_format.line_spacing = 1.0
            self.put(paragraph, line, size)

    def callout(self, fill: str = SOFT) -> _Cell:
        """A shaded box (a one-cell table across the page) to write paragraphs into."""
        table: Table = self.doc.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        _borders(table)
        cell: _Cell = table.rows[0].cells[0]
        _shade(cell._tc.get_or_add_tcPr(), fill)
        self.gap()
        return cell

    def box_para(self, cell: _Cell, *line: Seg | str, first: bool = False) -> Paragraph:
        from docx.shared import Pt

        paragraph: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(3)
        self.put(paragraph, [Seg(s) if isinstance(s, str) else s for s in line])
        return paragraph

    # shared pieces
    def source(self, s: SourceData) -> list[Line]:
        """A source in two lines: its title, reliability, the date it describes and when it
        was read; then its address (the HTML's sources list, the address shown: a printed
        page has no links)."""
        line: list[Seg] = [
            Seg(s["title"] + " "),
            _badge(self.t(s["reliability"]), s["reliability"]),
        ]
        if s["date"]:
            line += [Seg(" "), Seg(s["date"], "date")]
        if s["accessed"]:
            line += [_muted(f" · {self.t('ev_accessed')} "), Seg(s["accessed"], "date")]
        if not s["url"]:
            return [line]
        return [line, [Seg(s["url"], "link" if safe_url(s["url"]) else "muted")]]

    def source_lines(self, sources: Sequence[SourceData]) -> list[Line]:
        """The lines of every source, or "no source given"."""
        if not sources:
            return [[_muted(self.t("no_sources"))]]
        return [line for s in sources for line in self.source(s)]

    def confidence(self, value: str | None) -> Seg:
        if value:
            return _badge(self.t(value), value)
        return _badge(self.t("unknown"), "unknown")

    def named(self, name: str, dimension: str) -> list[Line]:
        """An indicator's name with its dimension under it (the HTML's ``head``/``under``)."""
        return [[Seg(name)], [_muted(dimension)]]


# --------------------------------------------------------------------------- sections


def _head(w: _Writer, r: PlaceReport) -> None:
    place, rubric = r["place"], r["rubric"]
    w.heading(f"{place['name']} — {w.t('report_title')}", 0)
    meta: list[Seg | str] = [
        _b(w.label("rubric")),
        rubric["name"],
        _muted(w.paren(f"{rubric['id']} {rubric['version']}")),
        " · ",
        _b(w.label("assessed")),
        place["assessed"],
    ]
    if r["against_name"]:
        meta += [" · ", _b(w.label("compared_with")), r["against_name"]]
    w.para(*meta)
    w.para(r["peers"]["text"])
    if r["peers"]["dates"]:
        w.para(r["peers"]["dates"])
    review = place["review"]
    if place["notes"] or place["assessor"] or review:
        box = w.callout()
        w.box_para(box, _b(w.t("about_assessment")), first=True)
        if place["notes"]:
            w.box_para(box, place["notes"])
        if place["assessor"]:
            w.box_para(box, w.label("assessor"), place["assessor"])
        if review:
            status = w.t(f"review_{review['status']}")
            if review["by"]:
                comma = "，" if w.lang == "zh" else ", "
                status += w.paren(review["by"] + (comma + review["date"] if review["date"] else ""))
            w.box_para(box, w.label("review_status"), status)


def _summary(w: _Writer, r: PlaceReport) -> None:
    s, u = r["summary"], r["uncertainty"]
    star = "*" if s["provisional"] else ""
    w.heading(w.t("summary"), 1)

    overall_sub = w.t("out_of_100")
    if u and u["overall"]:
        band = span(num(u["overall"]["p5"], 0), num(u["overall"]["p95"], 0), w.lang)
        overall_sub = w.label("band_5_95") + band
    coverage_sub = w.t("by_weight") + w.sep()
    coverage_sub += f"{s['known']} / {s['applicable']} {w.t('indicators_known')}"
    if s["not_applicable"]:
        coverage_sub += w.sep() + f"{s['not_applicable']} {w.t('not_applicable')}"
    if s["without_evidence"]:
        coverage_sub += w.sep() + count(s["without_evidence"], "n_without_evidence", w.lang)
    if s["rank"] is None:
        rank, rank_sub = "—", w.t("unranked")
    elif s["of"] > 1:
        rank, rank_sub = f"{s['rank']}{star} / {s['of']}", ""
    else:
        rank, rank_sub = "—", w.t("no_ranking_why")
    if u and (odds := u["rank"]):
        rank_sub = w.sep().join(
            x
            for x in (
                rank_sub,
                w.label("sens_p_point_rank") + odds["p_point_rank_text"],
                w.label("rank_range") + span(odds["p5"], odds["p95"], w.lang),
            )
            if x
        )
    closed_sub = ""
    if s["overall_if_closed"] is not None and s["overall"] is not None:
        closed_sub = f"+{num(s['overall_if_closed'] - s['overall'], 1)} {w.t('points')}"
    cards: list[tuple[str, str, str]] = [
        ("overall", w.score(s["overall"]) + star, overall_sub),
        ("stage", (s["stage"] or w.t("unknown")) + star, ""),
        ("coverage", pct(s["coverage"], w.lang), coverage_sub),
        ("rank", rank, rank_sub),
        ("open_gaps", str(s["open_gaps"]), w.label("unknown_levels") + str(len(r["unknown"]))),
        ("if_closed", w.score(s["overall_if_closed"]), closed_sub),
    ]
    w.table(
        None,
        [[_b(w.t(key)), _b(value), _muted(sub)] for key, value, sub in cards],
        widths=(4.2, 3.8, 8.0),
        keep=True,
        size=BODY_PT,
    )
    if u:
        w.para(_muted(w.t("uncertainty_note") + w.period()))
    if s["provisional"]:
        box = w.callout("FCF1D8")
        w.box_para(
            box,
            _b(
                "* "
                + w.t("provisional_because").format(why=s["provisional_why"])
                + ("" if w.lang == "zh" else " ")  # no space after "。"
            ),
            w.t("provisional_may_move"),
            first=True,
        )

    open_gaps = [g for g in r["gaps"] if g["gap"]]
    if open_gaps:
        w.para(_b(w.t("largest_gaps")), keep_next=True)
        for n, g in enumerate(open_gaps[:3], start=1):
            w.para(
                f"{n}. {g['name']} ",
                _muted(
                    f"{g['current_name']} → {g['target_name']} · +{num(g['impact'], 2)} "
                    f"{w.t('points')}"
                ),
                keep_next=n < min(3, len(open_gaps)),
            )
    phases = r["roadmap"]["phases"]
    if phases:
        w.para(
            _b(w.t("start_with")), _muted(w.paren(f"{w.t('phase')} {phases[0]['phase']}")),
            keep_next=True,
        )  # fmt: skip
        actions = phases[0]["actions"]
        for n, a in enumerate(actions, start=1):
            w.para(
                f"{n}. {a['do']} ",
                _muted(f"{a['name']} → {a['level']}"),
                keep_next=n < len(actions),
            )

    w.heading(w.t("ranking"), 2)
    rows: list[list[CellText]] = []
    numbers = [p["rank"] for p in r["ranking"]]
    ranked = ranked_count(numbers)
    for p in r["ranking"]:
        overall: list[Line] = [[Seg(w.score(p["overall"]))]]
        if p["band"]:  # its 5-95% band under it: a narrow column breaks no number
            band = span(num(p["band"]["p5"], 0), num(p["band"]["p95"], 0), w.lang)
            overall.append([_muted(w.paren(band).strip())])
        rows.append(
            [
                rank_cell(p["rank"], ranked) + ("*" if p["provisional"] else ""),
                p["name"],
                overall,
                p["stage"] or w.t("unknown"),
                pct(p["coverage"], w.lang),
                *[w.score(p["dimensions"][d["id"]]) for d in r["dimensions"]],
            ]
        )
    own = next((i for i, p in enumerate(r["ranking"]) if p["id"] == r["place"]["id"]), None)
    header = ["#", w.t("city"), w.t("overall"), w.t("stage"), w.t("coverage")]
    header += [d["name"] for d in r["dimensions"]]
    w.wide_table(header, rows, keys=[1], split_at=5, right=[0, 2, 4], highlight=own)
    if any(p["provisional"] for p in r["ranking"]):
        w.para(_muted(w.t("provisional_note")))
    for note in ranking_notes(numbers, w.lang):
        w.para(_muted(note))
    if u:
        _uncertainty(w, r, u)


def _uncertainty(w: _Writer, r: PlaceReport, u: PlaceUncertainty) -> None:
    """What ``--uncertainty`` adds (as the HTML's _uncertainty.html.j2): rank likelihoods,
    what the samples varied and did not, the samples and seed."""
    w.heading(w.t("unc_heading"), 2)
    colon = "：" if w.lang == "zh" else ": "
    if u["rank"]:
        w.para(f"{r['place']['name']}{colon}{u['rank']['likelihood_text']}{w.period()}")
    rows: list[list[CellText]] = []
    own = None
    for p in r["ranking"]:
        band = p["rank_band"]
        if band is None:  # ranked nowhere (nothing known), as the HTML leaves it out
            continue
        if p["id"] == r["place"]["id"]:
            own = len(rows)
        likely = f"{band['most_likely_rank']}" + (
            f"（{band['p_most_likely_rank_text']}）"
            if w.lang == "zh"
            else f" ({band['p_most_likely_rank_text']})"
        )
        rows.append(
            [
                p["name"],
                str(p["rank"]),
                _b(band["p_point_rank_text"]),
                likely,
                span(band["p5"], band["p95"], w.lang),
            ]
        )
    header = [w.t(k) for k in ("city", "rank", "sens_p_point_rank", "unc_most_likely")]
    if rows:
        w.table([*header, w.t("rank_range").capitalize()], rows, right=[1, 2, 3, 4], highlight=own)
    explanation = u["explanation"]
    w.para(_b(w.label("unc_varied")), keep_next=True)
    for x in explanation["varied"]:
        w.bullet(x["text"])
    if explanation["not_varied"]:
        w.para(_b(w.label("unc_not_varied")), keep_next=True)
        for x in explanation["not_varied"]:
            w.bullet(x["text"])
    w.para(explanation["samples"])


def _figure(w: _Writer, svg: str, width_cm: float, caption: str = "") -> bool:
    """A chart as a picture across the page, or the note why it is left out (False)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    png, why = chart_png(svg)
    if png is None:
        w.para(_badge(w.t(why), "na"))
        return False
    w.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    w.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if caption:
        w.para(caption, style="Caption")
    return True


def _charts(w: _Writer, r: PlaceReport) -> None:
    from policebench.render import charts

    w.heading(w.t("dimension_scores"), 1)
    radar = inert(r["radar"])
    drawn = _figure(w, str(charts.radar(radar, lang=w.lang)), 13, w.t("radar_note"))
    drawn = _figure(w, str(charts.bars(radar, lang=w.lang)), 11) and drawn
    if not drawn:  # the figures the charts would show
        axes, series = r["radar"]["axes"], r["radar"]["series"]
        w.table(
            [w.t("dimension"), *[s["name"] for s in series]],
            [[a, *[w.score(s["values"][i]) for s in series]] for i, a in enumerate(axes)],
            right=range(1, 1 + len(series)),
        )


def _dimension(w: _Writer, d: DimensionSection) -> None:
    w.heading(d["name"], 2)
    rows: list[list[CellText]] = []
    if d["score"] is None:
        rows.append([w.t("score"), [[_b(w.t("unknown")), Seg(" — " + w.t("nothing_known"))]]])
    else:
        rows.append([w.t("score"), _b(w.score(d["score"]))])
        if d["of"] > 1:
            rows.append([w.t("rank"), f"{d['rank']} / {d['of']}"])
    leaders: list[Seg] = [Seg(w.join(d["leaders"]) or w.t("none"))]
    if d["best"] is not None:
        leaders.append(_muted(w.paren(w.score(d["best"]))))
    rows.append([w.t("leader"), [leaders]])
    rows.append([w.t("coverage"), pct(d["coverage"], w.lang)])
    for key, names in (
        ("weakest", d["weakest"]),
        ("strongest", d["strongest"]),
        ("unknown_levels", d["unknown"]),
        ("not_applicable_levels", d["not_applicable"]),
    ):
        if names:
            rows.append([w.t(key), [[Seg(n)] for n in names]])
    gaps: list[Seg] = [Seg(str(d["open_gaps"]))]
    if d["open_gaps"]:
        gaps.append(_muted(w.paren(f"{w.t('impact_all')} +{num(d['impact'], 2)}")))
    rows.append([w.t("open_gaps"), [gaps]])
    w.table(None, rows, widths=(4.0, 12.0), keep=True)


def _findings(w: _Writer, r: PlaceReport) -> None:
    w.heading(w.t("by_dimension"), 1)
    for d in r["dimensions"]:
        _dimension(w, d)


def _gaps(w: _Writer, r: PlaceReport) -> None:
    w.heading(w.t("gaps"), 1, new_page=True)
    targets = r["targets"]
    rule: list[Seg | str] = [targets["rule"]]
    if targets["opinions"]:
        rule.append(between_sentences(w.lang) + w.t("targets_rule_opinions"))
    if targets["note"]:
        rule += [between_sentences(w.lang), _b(targets["note"])]
    w.para(*rule)
    open_gaps = [g for g in r["gaps"] if g["gap"]]
    if open_gaps:
        w.table(
            [w.t(k) for k in ("indicator", "current", "target", "gap", "impact", "target_source")],
            [
                [
                    w.named(g["name"], g["dimension_name"]),
                    w.level(g["current"], g["current_name"]),
                    w.level(g["target"], g["target_name"]),
                    str(g["gap"]),
                    f"+{num(g['impact'], 2)}",
                    g["target_from"],
                ]
                for g in open_gaps
            ],
            right=[3, 4],
        )
    else:
        w.para(_muted(w.t("no_gaps" if r["summary"]["known"] else "no_gaps_unknown")))
    closed = [g for g in r["gaps"] if not g["gap"]]
    if closed:
        items = [
            g["name"] + w.paren(w.level(g["target"], g["target_name"]) + w.sep() + g["target_from"])
            for g in closed
        ]
        w.para(_b(w.label("at_target")), w.join(items) + w.period())

    w.heading(w.t("subtotals"), 2)
    w.table(
        [w.t(k) for k in ("dimension", "open_gaps", "levels_to_climb", "impact_all")]
        + [w.t("unknown_levels")],
        [
            [
                s["name"],
                str(s["open"]),
                str(s["levels"]),
                f"+{num(s['impact'], 2)}",
                str(s["unknown"]),
            ]
            for s in r["subtotals"]
        ],
        right=[1, 2, 3, 4],
        keep=True,
    )
    if r["unknown"]:
        w.heading(w.counted("unknown_levels", len(r["unknown"])), 2)
        w.para(_b(w.label("unknown_levels")), w.t("unknown_levels_note"))
        w.table(
            [w.t(k) for k in ("indicator", "target", "target_source", "note")],
            [
                [
                    w.named(u["name"], u["dimension_name"]),
                    w.level(u["target"], u["target_name"]),
                    u["target_from"],
                    u["note"] or "",
                ]
                for u in r["unknown"]
            ],
            prose=[3],
        )


def _roadmap(w: _Writer, r: PlaceReport) -> None:
    w.heading(w.t("roadmap"), 1, new_page=True)
    w.para(w.t("roadmap_note"))
    open_gaps = [g for g in r["gaps"] if g["gap"]]
    if r["top"]:
        w.para(f"{w.t('top_only')} {min(r['top'], len(open_gaps))} / {len(open_gaps)}.")
    roadmap = r["roadmap"]
    if not roadmap["phases"]:
        w.para(_muted(w.t("no_actions")))
    header = [w.t(k) for k in ("indicator", "action", "effort", "impact")]
    tables: list[tuple[int, list[list[CellText]]]] = []
    for phase in roadmap["phases"]:
        rows: list[list[CellText]] = []
        for a in phase["actions"]:
            name: list[Line] = [
                [_b(a["name"])],
                [_muted("→ " + w.level(a["level"], a["level_name"]))],
            ]
            if a["prerequisite"]:
                name.append([_badge(w.t("prerequisite"), "prereq")])
            do: list[Line] = [[Seg(a["do"])]]
            if a["needs"]:
                needs = w.join([f"{n['name']} ≥ {n['level']}" for n in a["needs"]])
                do.append([_muted(w.label("needs") + needs)])
            rows.append([name, do, a["effort_name"], f"+{num(a['impact'], 2)}"])
        tables.append((phase["phase"], rows))
    # one set of column widths for every phase: the tables line up down the pages
    widths = auto_widths([header, *[row for _, rows in tables for row in rows]], prose=[1])
    for number, rows in tables:
        w.heading(f"{w.t('phase')} {number}", 2)
        w.table(header, rows, widths=widths, right=[3])
    if any(a["prerequisite"] for phase in roadmap["phases"] for a in phase["actions"]):
        w.para(_badge(w.t("prerequisite"), "prereq"), " ", _muted(w.t("prerequisite_note")))
    if roadmap["blocked"]:
        w.heading(w.t("blocked"), 2)
        box = w.callout("FCF1D8")
        w.box_para(box, _muted(w.t("blocked_note")), first=True)
        colon = "：" if w.lang == "zh" else ": "
        for b in roadmap["blocked"]:
            w.box_para(box, _b(b["name"]), f" → {b['level']}{colon}{b['do']}")
            w.box_para(box, _muted(w.label("reason") + b["reason"]))
    if roadmap["undefined"]:
        w.heading(w.t("undefined_steps"), 2)
        for u in roadmap["undefined"]:
            w.bullet(f"{u['name']} → {u['level']}")


def _lessons(w: _Writer, r: PlaceReport) -> None:
    w.heading(w.t("lessons"), 1, new_page=True)
    if not r["lessons"]:
        w.para(_muted(w.t("no_lessons")))
    levels = r["rubric"]["scale"]["levels"]
    for lesson in r["lessons"]:
        target = lesson["target"]
        w.heading(f"{lesson['name']} → {w.level(target, levels.get(str(target)))}", 2)
        if not lesson["peers"]:
            w.para(_muted(w.t("no_peer")))
        for p in lesson["peers"]:
            w.para(
                _b(p["name"]),
                "  " + w.level(p["level"], p["level_name"]) + "  ",
                _muted(w.label("confidence")),
                w.confidence(p["confidence"]),
                keep_next=True,
            )
            if p["evidence"]:
                w.para(p["evidence"], keep_next=bool(p["sources"]))
            else:
                w.para(_badge(w.t("opinion"), "opinion"), keep_next=bool(p["sources"]))
            if not p["sources"]:
                w.para(_muted(w.t("no_sources")))
            for source in p["sources"]:
                paragraph = w.doc.add_paragraph(style="List Bullet 2")
                first, *address = w.source(source)
                w.put(
                    paragraph,
                    [*first, *[seg for line in address for seg in (Seg("\n"), *line)]],
                    TABLE_PT,
                )
        if lesson["more"]:
            w.para(_muted(w.label("more_peers") + str(lesson["more"])))


def _trend(w: _Writer, r: PlaceReport) -> None:
    if len(r["trend"]) <= 1:
        return
    from policebench.render.trend_chart import trend

    w.heading(w.t("trend"), 1)
    _figure(w, str(trend(inert(r["trend"]), inert(r["dimensions"]), lang=w.lang)), 15)
    header = [w.t("assessed"), w.t("overall"), w.t("coverage")]
    header += [d["name"] for d in r["dimensions"]]
    rows: list[list[CellText]] = [
        [
            p["assessed"],
            w.score(p["overall"]),
            pct(p["coverage"], w.lang),
            *[w.score(p["dimensions"][d["id"]]) for d in r["dimensions"]],
        ]
        for p in r["trend"]
    ]
    w.wide_table(header, rows, keys=[0], split_at=3, right=[1, 2])
    from policebench.render.trend import trend_note

    for i in range(len(r["trend"])):
        note = trend_note(inert(r["trend"]), i, w.lang)
        if note:
            w.para(note)


def _quality(w: _Writer, r: PlaceReport) -> None:
    q = r["evidence_quality"]
    w.heading(w.t("ev_quality"), 2)
    known = label(w.t("ev_quality_known").format(n=q["known"]), w.lang)
    shares: list[Seg | str] = [known]
    for b in q["by_reliability"]:
        name = w.t("ev_flag_no_source") if b["reliability"] == "none" else w.t(b["reliability"])
        shares += [_badge(f"{name} {pct(b['share'], w.lang)}", b["reliability"]), " "]
    w.para(*shares)
    age = (
        w.t("ev_age_years").format(years=q["median_age_years"])
        if q["median_age_years"] is not None
        else w.t("ev_undated")
    )
    line: list[Seg | str] = [w.label("ev_median_age"), age]
    if q["max_age"]:
        line += [" · ", w.label("ev_max_age"), age_limit(q["max_age"], w.lang)]
    w.para(*line)
    w.para(
        w.label("opinions") + str(q["opinions"]) + " · ",
        _badge(w.t("ev_flag_stale"), "stale"),
        f" {q['stale']} · ",
        _badge(w.t("ev_flag_repost_only"), "repost-only"),
        f" {q['repost_only']} · ",
        w.label("ev_flag_no_source") + str(q["no_source"]),
    )


def _level_cell(w: _Writer, e: EvidenceRow) -> list[Line]:
    """A level with its flags (stale, reposts only), its newest source's date and age, and
    its value (the HTML's level cell)."""
    first: list[Seg] = [Seg(w.level(e["level"], e["level_name"]))]
    if e["stale"]:
        first += [Seg(" "), _badge(w.t("ev_flag_stale"), "stale")]
    if e["repost_only"]:
        first += [Seg(" "), _badge(w.t("ev_flag_repost_only"), "repost-only")]
    lines: list[Line] = [first]
    if e["age_years"] is not None:
        age = w.t("ev_age_years").format(years=e["age_years"])
        newest = e["newest"] or ""
        lines.append([_muted(w.label("ev_level_age")), Seg(newest, "date"), _muted(f" · {age}")])
    if e["value"] is not None:
        unit = f" {e['unit']}" if e["unit"] else ""
        lines.append([_muted(f"{w.label('value')}{e['value']}{unit}")])
    return lines


def _evidence(w: _Writer, r: PlaceReport) -> None:
    w.heading(w.t("evidence_appendix"), 1, new_page=True)
    _quality(w, r)
    rows = r["evidence"]
    evidenced = [e for e in rows if e["status"] == "evidenced"]
    opinions = [e for e in rows if e["status"] == "opinion"]
    nas = [e for e in rows if e["status"] == "not-applicable"]
    unknowns = [e for e in rows if e["status"] == "unknown"]

    w.heading(w.counted("evidenced", len(evidenced)), 2)
    cells: list[list[CellText]] = []
    for e in evidenced:
        evidence: list[Line] = [[Seg(e["evidence"] or "")]]
        if e["survey"]:
            evidence.append([_muted(w.label("survey") + str(e["survey"]["answers"]))])
        cells.append(
            [
                w.named(e["name"], e["dimension_name"]),
                _level_cell(w, e),
                w.confidence(e["confidence"]),
                evidence,
                w.source_lines(e["sources"]),
            ]
        )
    if cells:
        header = [w.t(k) for k in ("indicator", "level", "confidence", "evidence", "sources")]
        w.table(header, cells, prose=[3])
    else:
        w.para(_muted(w.t("none")))

    w.heading(w.counted("opinions", len(opinions)), 2)
    if opinions:
        w.para(_badge(w.t("opinion"), "opinion"), " " + w.t("opinions_note") + w.period())
        header = [w.t(k) for k in ("indicator", "level", "confidence", "note", "sources")]
        w.table(
            header,
            [
                [
                    w.named(e["name"], e["dimension_name"]),
                    w.level(e["level"], e["level_name"]),
                    w.confidence(e["confidence"]) if e["confidence"] else "",
                    e["note"] or "",
                    w.source_lines(e["sources"]),
                ]
                for e in opinions
            ],
            prose=[3],
        )
    else:
        w.para(_muted(w.t("none")))

    if nas:
        w.heading(w.counted("not_applicable_levels", len(nas)), 2)
        w.para(_badge(w.t("not_applicable"), "na"), " " + w.t("not_applicable_note"))
        w.table(
            [w.t("indicator"), w.t("reason")],
            [[w.named(e["name"], e["dimension_name"]), e["reason"] or ""] for e in nas],
            widths=(5.5, 10.5),
        )

    w.heading(w.counted("unknown_levels", len(unknowns)), 2)
    if unknowns:
        w.para(_badge(f"? {w.t('unknown')}", "unknown"), " " + w.t("unknown_levels_note"))
        w.table(
            [w.t("indicator"), w.t("note")],
            [[w.named(e["name"], e["dimension_name"]), e["note"] or ""] for e in unknowns],
            widths=(5.5, 10.5),
        )
    else:
        w.para(_muted(w.t("none")))


def _provenance(w: _Writer, r: PlaceReport) -> None:
    w.heading(w.t("provenance"), 1)
    provenance = r["provenance"]
    if provenance is None:
        w.para(w.t("generated_by") + ".")
        return

    def file(path: str, sha256: str) -> list[Line]:
        return [[Seg(path)], [_muted(f"sha256 {sha256}")]]

    rows: list[list[CellText]] = [
        ["policebench", provenance["policebench"]],
        [w.t("rubric"), file(provenance["rubric"]["file"], provenance["rubric"]["sha256"])],
    ]
    for n, p in enumerate(provenance["profiles"]):
        rows.append([w.t("profiles") if n == 0 else "", file(p["file"], p["sha256"])])
    w.table(None, rows, widths=(3.0, 13.0), keep=True)


def render_report(data: PlaceReport) -> bytes:
    """The Word document of the report ``data`` (what ``report --format json`` writes)."""
    from docx import Document as new_document
    from docx.shared import Cm

    from policebench.render.office import stable_zip

    lang = data["lang"]
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    _set_fonts(doc, lang)
    props = doc.core_properties
    props.title = visible(f"{data['place']['name']} — {t('report_title', lang)}")
    props.author = "policebench"
    props.language = "zh-CN" if lang == "zh" else "en-GB"
    props.comments = f"policebench {data['policebench'] or ''}"
    w = _Writer(doc, lang)
    for part in (
        _head,
        _summary,
        _charts,
        _findings,
        _gaps,
        _roadmap,
        _lessons,
        _trend,
        _evidence,
        _provenance,
    ):
        part(w, data)
    _page_numbers(doc, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())
