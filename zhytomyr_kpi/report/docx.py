"""An editable Word copy (DOCX) of a report, made from the same HTML as its PDF.

The department edits the wording in Word before signing; the PDF stays the published copy.
Both are made from one HTML body (:mod:`.document`, :mod:`.quarterly`), so the DOCX has the
same sections, tables (merged header cells included), lists and charts, and no fact of its
own. The HTML is the report's own markup: every input value in it is already escaped
(:func:`basics.markup.esc`), and here it becomes plain Word text again — nothing from an
input becomes a field, a link or a macro. Only the report's embedded PNG charts
(``data:image/png;base64``) become pictures; any other address is ignored.

Wide sections (the measures and indicators tables, class ``wide``) are set on landscape
pages, as in the PDF; an example report carries «ПРИКЛАД» in the header of every page.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: Block tags that start a paragraph of their own.
_BLOCKS = {"p", "h1", "h2", "h3", "li", "caption", "figcaption"}
_PNG = "data:image/png;base64,"


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    header: bool = False


@dataclass
class _Table:
    caption: str = ""
    rows: list[list[_Cell]] = field(default_factory=list)
    classes: str = ""


@dataclass
class _Block:
    kind: str  # "p", "h1", "h2", "h3", "li", "ol-li", "caption", "figcaption", "image",
    # "table", "section", "end-section"
    text: str = ""
    bold: bool = False
    table: _Table | None = None
    image: bytes = b""
    classes: str = ""


class _Reader(HTMLParser):
    """The report's HTML as a flat list of blocks (paragraphs, tables, pictures)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._text: list[str] = []
        self._kind: str | None = None
        self._lists: list[str] = []
        self._table: _Table | None = None
        self._cell: _Cell | None = None
        self._in_caption = False
        self._skip = 0  # <style>, <script>, <title>, the example watermark

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class") or ""
        if tag in ("style", "script", "title") or "example-mark" in classes:
            self._skip += 1
            return
        if self._skip:
            return
        if tag == "section":
            self.blocks.append(_Block("section", classes=classes))
        elif tag in ("ul", "ol"):
            self._lists.append(tag)
        elif tag == "table":
            self._flush()
            self._table = _Table(classes=classes)
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th") and self._table is not None:
            if not self._table.rows:
                self._table.rows.append([])
            self._cell = _Cell(colspan=_int(attributes.get("colspan")),
                               rowspan=_int(attributes.get("rowspan")), header=tag == "th")
            self._table.rows[-1].append(self._cell)
        elif tag == "caption":
            self._in_caption = True
        elif tag == "br":
            self._add("\n")
        elif tag == "img":
            source = attributes.get("src") or ""
            if source.startswith(_PNG):
                with contextlib.suppress(binascii.Error, ValueError):
                    self.blocks.append(_Block("image", image=base64.b64decode(
                        source[len(_PNG):], validate=True)))
        elif tag in _BLOCKS and self._table is None:
            self._flush()
            self._kind = tag

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title") or (self._skip and tag == "div"):
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "caption":
            self._in_caption = False
        elif tag == "table" and self._table is not None:
            self.blocks.append(_Block("table", table=self._table))
            self._table = None
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "section":
            self._flush()
            self.blocks.append(_Block("end-section"))
        elif tag in _BLOCKS and self._table is None:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._add(data)

    def _add(self, text: str) -> None:
        if self._table is not None:
            if self._in_caption:
                self._table.caption += text
            elif self._cell is not None:
                self._cell.text.append(text)
            return
        self._text.append(text)

    def _flush(self) -> None:
        text = _clean("".join(self._text))
        kind = self._kind or "p"
        if kind == "li" and self._lists and self._lists[-1] == "ol":
            kind = "ol-li"
        if text:
            self.blocks.append(_Block(kind, text))
        self._text, self._kind = [], None


def _int(value: str | None) -> int:
    try:
        return max(1, min(50, int(value or 1)))
    except ValueError:
        return 1


def _clean(text: str) -> str:
    """Whitespace folded within lines; the report's line breaks (``<br>``) kept."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def blocks(html: str) -> list[_Block]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader._flush()
    return reader.blocks


def _grid(table: _Table) -> tuple[list[list[tuple[int, int, _Cell]]], int]:
    """Each row's cells with their (row, column) on the grid, and the grid's width."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(table.rows):
        column, out = 0, []
        for cell in row:
            while (r, column) in taken:
                column += 1
            out.append((r, column, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, column + dc))
            column += cell.colspan
            width = max(width, column)
        placed.append(out)
    width = max([width] + [c + 1 for _, c in taken])
    return placed, width


def _landscape(section, wide: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    long, short = Mm(297), Mm(210)
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if wide else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _header(section, example: bool) -> None:
    if example:
        section.header.is_linked_to_previous = False
        section.header.paragraphs[0].text = ("ПРИКЛАД — звіт на вигаданих даних виконавців, "
                                             "не є звітним")


def _write_table(document, table: _Table) -> None:
    from docx.shared import Pt

    if table.caption.strip():
        caption = document.add_paragraph(_clean(table.caption))
        caption.runs[0].bold = True
        caption.paragraph_format.keep_with_next = True
    placed, width = _grid(table)
    if not placed or not width:
        return
    out = document.add_table(rows=len(placed), cols=width)
    out.style = "Table Grid"
    # a cell by its row (``Table.cell`` walks the whole table for each cell: quadratic, a
    # 2 000-row comparative table took a minute); rows stay the same objects while merging
    rows = list(out.rows)
    for row in placed:
        for r, c, cell in row:
            target = rows[r].cells[c]
            last_r = min(r + cell.rowspan, len(placed)) - 1
            last_c = min(c + cell.colspan, width) - 1
            if (last_r, last_c) != (r, c):
                target = target.merge(rows[last_r].cells[last_c])
            text = _clean("".join(cell.text))
            paragraph = target.paragraphs[0]
            for index, line in enumerate(text.split("\n")):
                run = paragraph.add_run(line)
                run.font.size = Pt(8)
                run.bold = cell.header
                if index < len(text.split("\n")) - 1:
                    run.add_break()
    header_rows = sum(1 for row in table.rows if row and all(cell.header for cell in row))
    for index in range(min(header_rows, len(out.rows))):
        _repeat_header(out.rows[index])
    document.add_paragraph()


def _repeat_header(row) -> None:
    """The header rows repeat on every page of a long table (Word's «повторювати рядки»)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    properties.append(mark)


def html_to_docx(html: str, target: Path, title: str = "", example: bool = False) -> Path:
    """Write the report's HTML as an editable DOCX at ``target``."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "uk-UA"
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    _landscape(document.sections[0], False)
    _header(document.sections[0], example)
    wide = False
    for block in blocks(html):
        if block.kind == "section":
            want = "wide" in block.classes.split()
            if want != wide:
                from docx.enum.section import WD_SECTION

                section = document.add_section(WD_SECTION.NEW_PAGE)
                _landscape(section, want)
                wide = want
        elif block.kind in ("h1", "h2", "h3"):
            heading = document.add_heading(block.text, level=int(block.kind[1]))
            heading.paragraph_format.keep_with_next = True
        elif block.kind == "li":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "ol-li":
            document.add_paragraph(block.text, style="List Number")
        elif block.kind == "table" and block.table is not None:
            _write_table(document, block.table)
        elif block.kind == "image":
            document.add_picture(io.BytesIO(block.image),
                                 width=Mm(240) if wide else Mm(170))
        elif block.kind in ("p", "caption", "figcaption"):
            document.add_paragraph(block.text)
    target = Path(target)
    document.save(str(target))
    return target
