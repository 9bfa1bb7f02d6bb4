"""Table 6.1 «Ресурсне забезпечення»: funding by stage (year or span) and by source."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.wording import clip, plural
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.layout import amount_cell, read_year
from zhytomyr_kpi.document.model import Cell, Line, ResourceRow
from zhytomyr_kpi.document.numbers import CellKind
from zhytomyr_kpi.document.vocabulary import IN_WHICH_PREFIX, NOT_FUNDED, YEAR_SPAN, source_code

_ADDS_NOTHING = frozenset({CellKind.DASH, CellKind.EMPTY, CellKind.ABSENT})


def resource_source(label: str, line: int, path: Path) -> str:
    """Map a funding-source label (Table 6.1, passport) to total/state/local/regional/other.

    A label no wording names is counted as «other» and recorded as an unknown wording (the
    checks report it with its line); nothing is dropped."""
    code = source_code(label)
    if code is not None:
        return code
    if NOT_FUNDED.match(label) or wordings.meaning("source", label) == "none":
        return "other"  # «Не потребує фінансування»: its dashes add nothing, counted as other
    wordings.unknown("source", label, line, "враховано як «інші джерела»", "other")
    return "other"


def _stage_column(text: str, line: int, path: Path) -> str:
    """A column of Table 6.1: a year («ЕТАП I (2018 рік)»), years («2021-2022») or the total."""
    span = YEAR_SPAN.search(text)
    if span:
        first = read_year(span.group(1), line, path, "таблиця 6.1")
        last = read_year(span.group(2), line, path, "таблиця 6.1")
        if last <= first:
            raise ParseError(path, f"таблиця 6.1: етап «{text}» закінчується раніше, ніж "
                             "починається", line=line)
        return f"{first}-{last}"
    year = re.search(r"(?<![0-9])([0-9]{4})(?![0-9])", text)
    if year:
        return str(read_year(year.group(1), line, path, "таблиця 6.1"))
    if re.search(r"всього|усього|разом", text, re.I):
        return "total"
    raise ParseError(path, f"таблиця 6.1: стовпець «{clip(text, 60)}» — ні рік, ні «Всього»",
                     line=line)


def read_resources(lines: list[Line], path: Path, years: tuple[str, ...]) -> list[ResourceRow]:
    """Table 6.1: one row per source, amounts for the stages (years) and the total."""
    header_index = next((i for i, line in enumerate(lines) if "\t" in line.text and any(
        re.search(r"[0-9]{4}", c) for c in line.cells[1:])), None)
    if header_index is None:
        raise ParseError(path, "таблиця 6.1 без заголовка з етапами (роками)",
                         line=lines[0].number if lines else None)
    header = lines[header_index]
    cells = header.cells
    # a header over several lines («I етап» above «2022 рік»; «Усього витрат …» only on the
    # first): the lines with cells right above the years are joined column by column
    for above in reversed(lines[max(0, header_index - 3):header_index]):
        if "\t" not in above.text:
            break
        cells = [f"{a} {b}".strip() for a, b in itertools.zip_longest(above.cells, cells,
                                                                      fillvalue="")]
    columns = [_stage_column(text, header.number, path) for text in cells[1:] if text]
    if len(set(columns)) < len(columns):
        raise ParseError(path, "таблиця 6.1: стовпці в заголовку повторюються", line=header.number)
    for column in columns:
        first, _, last = column.partition("-")
        if column != "total" and not {first, last or first} <= set(years):
            raise ParseError(path, f"таблиця 6.1: етап «{column}» поза роками програми "
                             f"({years[0]}-{years[-1]})", line=header.number)
    rows = []
    for line in lines[header_index + 1:]:
        cells = line.cells
        if not any(cells):
            if rows:
                break
            continue
        if "\t" not in line.text and rows:
            break
        if len(cells) < len(columns) + 1:
            width = len(columns) + 1
            raise ParseError(path, f"таблиця 6.1: очікується {width} "
                             f"{plural(width, 'клітинка', 'клітинки', 'клітинок')}, знайдено "
                             f"{len(cells)}", line=line.number)
        amounts = {col: amount_cell(text, line.number, path, "таблиця 6.1")
                   for col, text in zip(columns, cells[1:], strict=False)}
        parent = next((r for r in reversed(rows) if r.source != "total"), None) if rows else None
        if parent is not None and _is_detail(cells[0], parent, rows[-1]):
            # «у т.ч. загальний фонд міського бюджету» under «міський бюджет»: a part of that
            # row, not another source (it would count its money twice)
            parent.details.append(ResourceRow(parent.source, cells[0], amounts, line.number))
            continue
        label = IN_WHICH_PREFIX.sub("", cells[0]) or cells[0]
        rows.append(ResourceRow(resource_source(label, line.number, path), cells[0],
                                amounts, line.number))
    if not rows:
        raise ParseError(path, "таблиця 6.1 без рядків", line=header.number)
    return one_row_per_source(rows, path)


def _is_detail(label: str, parent: ResourceRow, last: ResourceRow) -> bool:
    """Whether a row is a part of the source row above it: it begins «у т.ч.», «з них», or
    follows such a part naming the same source («спеціальний фонд міського бюджету»). Right
    under the total row, «у тому числі:» introduces the sources themselves."""
    if last.source == "total":
        return False
    if IN_WHICH_PREFIX.match(label):
        return True
    return bool(parent.details) and last is parent and source_code(label) == parent.source


def one_row_per_source(rows: list[ResourceRow], path: Path) -> list[ResourceRow]:
    """Rows that mean the same source summed into one (their parts kept, each with its label
    and line): the department wrote its sources in more detail than the form's five, and the
    table is still compared by source with the passport and Annex A. Two «Обсяг ресурсів,
    всього» rows are not a detail but a contradiction: refused, naming both."""
    by_source: dict[str, list[ResourceRow]] = {}
    for row in rows:
        by_source.setdefault(row.source, []).append(row)
    totals = by_source.get("total", [])
    if len(totals) > 1:
        raise ParseError(path, f"таблиця 6.1: два рядки загального обсягу — "
                         f"«{clip(totals[0].label, 40)}» (рядок {totals[0].source_line}) і "
                         f"«{clip(totals[1].label, 40)}»", line=totals[1].source_line)
    return [group[0] if len(group) == 1 else _summed(group) for group in by_source.values()]


def _summed(parts: list[ResourceRow]) -> ResourceRow:
    """One source's printed rows as one row: each column the sum of its numbers («-» and an
    empty cell add nothing); a column with a cell that is not a number has no sum (its cell is
    reported as it is printed). The text shows the addends, «500,0 + 150,0»."""
    amounts = {}
    for column in parts[0].amounts:
        cells = [p.amounts[column] for p in parts if column in p.amounts]
        text = " + ".join(c.text or "—" for c in cells)
        numbers = [c.value for c in cells if c.kind is CellKind.NUMBER]
        other = next((c.kind for c in cells if c.kind not in _ADDS_NOTHING | {CellKind.NUMBER}),
                     None)
        if other is not None or not numbers:
            amounts[column] = Cell(text, other or cells[0].kind, [], cells[0].source_line)
        else:
            amounts[column] = Cell(text, CellKind.NUMBER, [sum(numbers, Decimal(0))],
                                   cells[0].source_line)
    return ResourceRow(parts[0].source, " + ".join(p.label for p in parts), amounts,
                       parts[0].source_line, tuple(parts))
