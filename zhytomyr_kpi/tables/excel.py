"""program.xlsx: one sheet per table, Ukrainian headers from the column registry.

Deterministic: fixed document properties and fixed timestamps inside the zip, so two builds
give byte-identical workbooks.

Text stays text: openpyxl turns any string starting with ``=`` into a live formula, so a note
in the ratings file or an executor's comment could run in the reader's Excel. Every workbook
the project writes goes through :func:`deterministic_bytes`, which stores every such cell of
every sheet as a plain string (:func:`store_text_as_text`); :func:`cell_text` also replaces
the control characters a worksheet cannot hold, which would otherwise stop the save.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from zhytomyr_kpi.tables.metadata import FIELDS, SHEET_NAMES, TABLE_COLUMNS

FIXED_TIME = datetime(2019, 12, 18)  # the decision's date: stable, and meaningful
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
NUMBER_FORMATS = {"float": "#,##0.0##", "int": "0"}


def cell_text(text: str) -> str:
    """Text a worksheet can hold: control characters (other than tab and newlines) → «\ufffd»."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _cell_value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, str):
        return cell_text(value)
    return value


def store_text_as_text(workbook: Workbook) -> int:
    """Make every formula cell of every sheet a plain string; return how many were changed.

    The project's own workbooks contain no formulas, so any formula cell came from text
    (``=HYPERLINK(...)`` in a note, say) and must be shown, not run.
    """
    changed = 0
    for sheet in workbook.worksheets:
        # the cells that exist; iter_rows() would create empty ones and change the file
        for cell in getattr(sheet, "_cells", {}).values():
            if cell.data_type == "f":
                cell.data_type = "s"
                changed += 1
    return changed


def _sheet(workbook: Workbook, table: str, frame: pd.DataFrame) -> None:
    sheet = workbook.create_sheet(SHEET_NAMES[table])
    fields = [FIELDS[name] for name in TABLE_COLUMNS[table]]
    sheet.append([f.label + (f", {f.unit}" if f.unit and f.unit not in f.label else "")
                  for f in fields])
    for row in frame.itertuples(index=False):
        sheet.append([_cell_value(v) for v in row])
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        head = sheet[f"{letter}1"]
        head.font = Font(bold=True)
        head.fill = HEADER_FILL
        head.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = field.width or max(10, min(len(field.label), 24))
        if field.dtype in NUMBER_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[field.dtype]
        elif field.width >= 30:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{max(sheet.max_row, 1)}"


def _about_sheet(workbook: Workbook, source: str, sha256: str, title: str) -> None:
    sheet = workbook.active
    sheet.title = "Про файл"
    sheet.append([cell_text(title or "Міська цільова програма")])
    sheet.append([cell_text(f"Джерело: {source}")])
    sheet.append([f"sha256 джерела: {sha256}"])
    sheet.append(["Файл створено командою `zhytomyr-kpi build`; не редагуйте його вручну — "
                  "він перезаписується з data/raw."])
    sheet.append([])
    sheet.append(["Аркуш", "Стовпець", "Назва", "Одиниця", "Опис"])
    for cell in sheet[6]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    sheet["A1"].font = Font(bold=True, size=13)
    for table, names in TABLE_COLUMNS.items():
        for name in names:
            f = FIELDS[name]
            sheet.append([SHEET_NAMES[table], f.name, f.label, f.unit, f.description])
    for letter, width in zip("ABCDE", (20, 22, 30, 10, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A7"


def workbook_bytes(frames: dict[str, pd.DataFrame], source: str, sha256: str,
                   title: str = "") -> bytes:
    """The workbook as bytes, byte-for-byte reproducible for the same frames."""
    workbook = Workbook()
    _about_sheet(workbook, source, sha256, title)
    for table in TABLE_COLUMNS:
        _sheet(workbook, table, frames[table])
    return deterministic_bytes(workbook)


def deterministic_bytes(workbook: Workbook) -> bytes:
    """Save a workbook with fixed properties and zip timestamps: same content, same bytes.

    Every text cell is stored as text first (:func:`store_text_as_text`).
    """
    store_text_as_text(workbook)
    workbook.properties.creator = "zhytomyr-kpi"
    workbook.properties.lastModifiedBy = "zhytomyr-kpi"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry timestamps (openpyxl stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2019, 12, 18, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps «modified» at save time
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2019-12-18T00:00:00Z",
                                 content)
            target.writestr(fixed, content)
    return out.getvalue()
