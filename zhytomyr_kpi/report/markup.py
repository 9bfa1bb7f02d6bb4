"""Small HTML builders for the report: escaped text, numbers as printed, real tables.

Tables are real ``<table>`` structure (a caption, ``<thead>`` with ``scope`` headers, group
rows) so the tagged PDF keeps them as tables. Missing figures are «не надано», never 0 or
an empty cell; numbers have non-breaking spaces and «−» (``wording``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from zhytomyr_kpi.basics.markup import esc  # noqa: F401  (the report's sections use markup.esc)
from zhytomyr_kpi.basics.wording import NBSP, number, signed

NOT_GIVEN = "не надано"
DASH = "—"


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or str(value) in ("nan",
                                                                                 "<NA>")
    except TypeError:
        return False


def rounded(value: object, decimals: int) -> float:
    """Half-up rounding as people expect it (4 895,575 → 4 895,58), not float's banker's."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def num(value: object, decimals: int | None = 1, missing: str = NOT_GIVEN) -> str:
    """A figure as printed: «1 340,4»; a missing one as ``missing``."""
    if is_missing(value):
        return missing
    return number(rounded(value, decimals) if decimals is not None else value, decimals)


def kuah_decimals(value: object) -> int:
    """Thousand UAH as the decision prints them: one decimal, two where tens of hryvnias
    matter (15 677,05), three where the hryvnias do (213,546); executors report to the
    hryvnia. Never a trailing zero the decision did not print (not «15 677,050»)."""
    if is_missing(value):
        return 1
    if rounded(value, 1) == rounded(value, 3):
        return 1
    return 2 if rounded(value, 2) == rounded(value, 3) else 3


def kuah(value: object, missing: str = NOT_GIVEN) -> Cell:
    """A cell of thousand UAH (see :func:`kuah_decimals`)."""
    return Cell(num(value, kuah_decimals(value), missing), numeric=True)


def kuah_dev(value: object) -> Cell:
    """A deviation in thousand UAH, with its sign."""
    return Cell(dev(value, kuah_decimals(value)), numeric=True)


def dev(value: object, decimals: int = 1, missing: str = DASH) -> str:
    """A deviation with its sign: «+290,0», «−60,0»."""
    if is_missing(value):
        return missing
    return signed(rounded(value, decimals), decimals)


def pct(value: object, decimals: int = 1, missing: str = DASH, sign: bool = False) -> str:
    """A percentage: «90,0 %» (non-breaking space before the sign)."""
    if is_missing(value):
        return missing
    text = dev(value, decimals) if sign else number(rounded(value, decimals), decimals)
    return f"{text}{NBSP}%"


def top(text: str) -> str:
    """One spelling of place targets: «ТОП 7», «Топ-7», «ТОП-7» → «ТОП-7»."""
    return re.sub(r"(?i)\bтоп\s*[-‑–]?\s*(\d+)", lambda m: f"ТОП-{m.group(1)}", text)


def p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>"


def ul(items: list[str], cls: str = "") -> str:
    body = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{cls}">{body}</ul>' if cls else f"<ul>{body}</ul>"


@dataclass
class Cell:
    text: str  # already HTML
    numeric: bool = False
    cls: str = ""
    colspan: int = 1


@dataclass
class Row:
    cells: list[Cell]
    cls: str = ""  # "group", "subtotal", "total", "part"


@dataclass
class Table:
    """A report table: caption, header rows (cells may span), body rows."""

    caption: str
    headers: list[list[tuple[str, int, int]]]  # rows of (text, colspan, rowspan)
    rows: list[Row] = field(default_factory=list)
    cls: str = ""
    widths: list[str] | None = None  # CSS widths per column

    def add(self, *cells: Cell | str, cls: str = "") -> None:
        self.rows.append(Row([c if isinstance(c, Cell) else Cell(c) for c in cells], cls))

    def group(self, text: str, columns: int) -> None:
        self.rows.append(Row([Cell(text, colspan=columns)], "group"))

    def html(self) -> str:
        cols = ""
        if self.widths:
            cols = "<colgroup>" + "".join(f'<col style="width:{w}">' for w in self.widths) + \
                "</colgroup>"
        head = "".join(
            "<tr>" + "".join(
                f'<th scope="col"{_span(c, r)}>{t}</th>' for t, c, r in row) + "</tr>"
            for row in self.headers)
        body = []
        for row in self.rows:
            cells = []
            for cell in row.cells:
                classes = " ".join(filter(None, ["num" if cell.numeric else "", cell.cls]))
                attr = f' class="{classes}"' if classes else ""
                span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                tag = "th" if row.cls == "group" else "td"
                scope = ' scope="rowgroup"' if tag == "th" else ""
                cells.append(f"<{tag}{scope}{attr}{span}>{cell.text}</{tag}>")
            attr = f' class="{row.cls}"' if row.cls else ""
            body.append(f"<tr{attr}>{''.join(cells)}</tr>")
        cls = f' class="{self.cls}"' if self.cls else ""
        return (f"<table{cls}><caption>{self.caption}</caption>{cols}<thead>{head}</thead>"
                f"<tbody>{''.join(body)}</tbody></table>")


def _span(colspan: int, rowspan: int) -> str:
    return (f' colspan="{colspan}"' if colspan > 1 else "") + \
        (f' rowspan="{rowspan}"' if rowspan > 1 else "")


def n(text: str, decimals: int | None = 1, missing: str = NOT_GIVEN) -> Cell:
    """A numeric cell."""
    return Cell(num(text, decimals, missing), numeric=True)


def d(value: object, decimals: int = 1) -> Cell:
    """A deviation cell."""
    return Cell(dev(value, decimals), numeric=True)
