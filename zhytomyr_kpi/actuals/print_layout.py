"""How a template prints and reads on screen: column widths, header style, row heights that
fit the wrapped text, landscape A4 fitted to the page width with the header row repeated.

Row heights are estimated from the text (LibreOffice and Excel do not grow a row that
openpyxl wrote with a height), erring slightly tall so that no wrapped name overlaps the row
below (issue 21, item 6).
"""

from __future__ import annotations

MEASURE_WIDTHS = (9, 48, 28, 13, 15, 26, 15, 30, 26, 26, 26)
INDICATOR_WIDTHS = (10, 5, 60, 10, 14, 18, 30)


def _style_header(sheet, widths, font_class, fill) -> None:
    """Column widths and the header row: bold, filled, wrapped whole (never cut off)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        sheet[f"{letter}1"].font = font_class(bold=True)
        sheet[f"{letter}1"].fill = fill
        sheet[f"{letter}1"].alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "A2"


#: Points per line of wrapped text at the default 11 pt font (Calibri, LibreOffice's Carlito).
_LINE_POINTS = 15.0


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at word
    boundaries as a spreadsheet does. A column's width counts digit «0»s; Cyrillic letters
    are about as wide on average, bold ones wider, and a cell has a little padding — so a
    line holds somewhat fewer characters than the width, and the estimate errs on the tall
    side (a row a line too tall prints fine; one a line too short cuts text off)."""
    per_line = max(1, int(width * (0.9 if bold else 1.0)) - 1)
    lines = 0
    for paragraph in str(text).split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            need = len(word) + (1 if used else 0)
            if used + need <= per_line:
                used += need
                continue
            if used:  # the word starts a new line
                lines += 1
            while len(word) > per_line:  # a word longer than a line breaks anywhere
                word = word[per_line:]
                lines += 1
            used = len(word)
    return max(lines, 1)


def _for_print(sheet, header: bool) -> None:
    """A sheet that prints: each row tall enough for its wrapped text, landscape A4 fitted to
    one page wide (as many pages down as it takes), the header row on every page."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths = {}
    for row in sheet.iter_rows():
        lines, size = 1, 11.0
        for cell in row:
            if row[0].row > 1 or not header:  # the rows read from the top, as the text does
                cell.alignment = Alignment(wrap_text=cell.alignment.wrap_text, vertical="top")
            if cell.value is None or not isinstance(cell.value, str):
                continue
            letter = get_column_letter(cell.column)
            width = widths.setdefault(letter, sheet.column_dimensions[letter].width or 8.43)
            size = max(size, float(cell.font.size or 11))
            if cell.alignment.wrap_text:
                lines = max(lines, wrapped_lines(cell.value, width * 11 / float(
                    cell.font.size or 11), bool(cell.font.bold)))
        sheet.row_dimensions[row[0].row].height = round(lines * _LINE_POINTS * size / 11 + 2, 1)
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_options.gridLines = header
    if header:
        sheet.print_title_rows = "1:1"
