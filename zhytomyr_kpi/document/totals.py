"""Annex A's total rows: a direction's ВСЬОГО, the programme's РАЗОМ, and rows no wording
names read by their place in the form; what may follow the РАЗОМ row.

A mixin of :class:`~zhytomyr_kpi.document.annex_a.AnnexAReader` (it uses the reader's state:
its directions, totals and layout), kept apart so each file reads as one idea.
"""

from __future__ import annotations

import re

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.wording import clip, plural
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.layout import amount_cell, find_source
from zhytomyr_kpi.document.model import Cell, Line, ResourceRow, TotalRow
from zhytomyr_kpi.document.numbers import CellKind, classify
from zhytomyr_kpi.document.vocabulary import (
    IN_WHICH_PREFIX,
    MEASURE_ID,
    SECTION_HEADING,
    TOTAL_BY_PLACE,
    TOTAL_LIKE,
    source_code,
    total_row_kind,
)


class TotalRows:
    """Reading Annex A's total rows (mixed into the Annex A reader)."""

    def _total_row(self, line: Line, cells: list[str], at: int, section: str) -> TotalRow:
        values = [text for text in cells[at + 1:] if text]
        width = len(self.layout)
        if len(values) < width:
            columns = ", ".join(self.years) + (", всього" if "total" in self.layout else "")
            raise ParseError(self.path, f"рядок {cells[at]}: очікується "
                             f"{width} {plural(width, 'сума', 'суми', 'сум')} ({columns}), знайдено "
                             f"{len(values)}", line=line.number)
        amounts = {col: amount_cell(text, line.number, self.path, cells[at])
                   for col, text in zip(self.layout, values, strict=False)}
        absent_total(amounts, line.number)
        for text in values[width:]:
            self._stray_cell(text, line.number, None, "after_amounts")
        return TotalRow(section, cells[at], amounts, line.number)

    def _total_by_place(self, line: Line, cells: list[str]) -> bool:
        """A row of amounts under one label that reads like a total no wording names
        («Підсумок по напряму 1», «Загалом по Програмі») is read by its place in the form: the
        first in a direction is the direction's ВСЬОГО, one after the direction's ВСЬОГО is
        the programme's РАЗОМ. The label is an unknown wording (a warning with the row that
        names it), and a РАЗОМ read so must end the annex (see :meth:`_after_grand`);
        nothing is guessed beyond the form's order."""
        texts = [c for c in cells if c and classify(c)[0] is CellKind.TEXT]
        numbers = [c for c in cells if classify(c)[0] is CellKind.NUMBER]
        if not (len(texts) == 1 and TOTAL_LIKE.match(texts[0]) and self.sections and numbers):
            return False
        if not TOTAL_BY_PLACE.match(texts[0]):
            # a task's subtotal or a measure's text: its numbers stay strays, the label is an
            # unknown wording the department can name
            wordings.unknown("total_row", texts[0], line.number,
                             "числа рядка не віднесено ні до заходу, ні до підсумку")
            return False
        amounts = [c for c in cells if classify(c)[0] in (CellKind.NUMBER, CellKind.DASH)]
        if len(amounts) < len(self.layout):
            # a total with a cell missing: which column lacks it cannot be told
            raise ParseError(self.path, f"рядок «{clip(texts[0], 60)}» схожий на підсумковий, але "
                             f"має {len(amounts)} {plural(len(amounts), 'суму', 'суми', 'сум')} замість "
                             f"{len(self.layout)}: не видно, якої клітинки бракує", line=line.number)
        self._settle_pending(None)
        label, section = texts[0], str(self.sections[-1].number)
        if any(t.section == section for t in self.totals):
            self.grand_total = self._total_row(line, cells, cells.index(label), "total")
            self.grand_by_place, meaning = True, "grand"
            done = f"прочитано за місцем як РАЗОМ програми (після ВСЬОГО напряму {section})"
        else:
            self.totals.append(self._total_row(line, cells, cells.index(label), section))
            self.by_place[section], meaning = line, "section"
            done = f"прочитано за місцем як ВСЬОГО напряму {section}"
        self.current = None
        wordings.unknown("total_row", label, line.number, done, meaning)
        return True

    def _after_grand(self, line: Line) -> None:
        """A line after the РАЗОМ row. Notes, page numbers and an Annex B whose heading was not
        recognised (reported as a missing part) end the annex. The РАЗОМ's split by source
        («у тому числі: місцевий бюджет …») and a second statement of the total («Всього по
        Програмі») are kept to be compared with the measures. Anything else with money — a
        measure, a row with a source, a ВСЬОГО, bare amounts — means the annex goes on: an
        error naming both lines, never money dropped."""
        cells = line.cells
        if is_page_layout(line) or not any(cells):
            return
        if SECTION_HEADING.match(cells[0]) and not MEASURE_ID.match(cells[0]):
            self.heading_after_grand = True
        width = len(self.layout)
        texts = [c for c in cells if c and classify(c)[0] is CellKind.TEXT]
        numbers = [c for c in cells if classify(c)[0] is CellKind.NUMBER]
        printed = MEASURE_ID.match(cells[0])
        if not printed and len(texts) == 1 and len(numbers) >= width:
            label = IN_WHICH_PREFIX.sub("", texts[0]) or texts[0]
            kind = total_row_kind(label)
            code = source_code(label) if kind is None else None
            if kind == "grand" or code not in (None, "total"):
                row = self._total_row(line, cells, cells.index(texts[0]), "total")
                self.grand_split.append(ResourceRow("total" if kind else code, texts[0],
                                                    row.amounts, line.number))
                return
            if kind != "section":
                return  # an indicator of an Annex B whose heading was not recognised
            what = f"рядок ВСЬОГО «{clip(texts[0], 60)}»"
        elif printed and (find_source(cells, 1) is not None or len(cells) >= width + 5):
            what = f"захід {printed.group(1)}"  # Annex A's columns, not Annex B's fewer
        elif not printed and len(texts) > 1 and numbers and find_source(cells, 0) is not None:
            what = f"рядок «{clip(texts[0], 60)}» з джерелом фінансування і сумами"
        elif not texts and len(numbers) >= width:
            what = f"рядок сум «{clip('; '.join(numbers), 60)}»"
        else:
            return
        grand, first = self.grand_total, self.grand_after
        said = (f"рядок {grand.source_line} «{clip(grand.label, 60)}» стоїть одразу після "
                f"ВСЬОГО напряму {first.section} (рядок {first.source_line}) і прочитаний як "
                "РАЗОМ програми" if first is not None else
                f"рядок {grand.source_line} «{clip(grand.label, 60)}» прочитано за місцем як "
                "РАЗОМ програми" if self.grand_by_place else
                f"рядок {grand.source_line} «{clip(grand.label, 60)}» — РАЗОМ програми")
        # a total row then a new direction: the label closes each direction (a «Разом» after
        # every direction) — the vocabulary can say so; else the document itself goes on (a
        # direction's total printed twice names no wording to add)
        hint = ("" if first is not None else
                wordings.hint(None, "total_row", grand.label, "section")
                if self.heading_after_grand else
                wordings.hint(None, "total_row", grand.label) if self.grand_by_place else "")
        raise ParseError(self.path, f"{said}, але після нього додаток А триває: {what} не "
                         "ввійшов би в жодну суму" + (f". {hint}" if hint else ""),
                         line=line.number)

    def _last_total_hint(self) -> str:
        """Where a missing РАЗОМ may be: the last direction's total row (read by its place,
        or by a wording that gave it to the direction), with the row that makes it the
        programme's."""
        last = self.totals[-1] if self.totals and self.sections and \
            self.totals[-1].section == str(self.sections[-1].number) else None
        by_place = last is not None and last.section in self.by_place
        if last is None or not (by_place or wordings.meaning("total_row", last.label)):
            return " (файл обрізано?)"  # the form's own ВСЬОГО: the РАЗОМ is missing
        how = "за місцем" if by_place else "за формулюванням зі словника"
        return (f": рядок {last.source_line} «{clip(last.label, 60)}» прочитано {how} як ВСЬОГО "
                "останнього напряму. " + wordings.hint(None, "total_row", last.label, "grand"))


def absent_total(amounts: dict[str, Cell], line: int) -> None:
    """A table without a total column: the row's «Всього» is absent (not zero, not a
    finding); it is kept as a cell that holds nothing, so every row has the same columns."""
    if "total" not in amounts:
        amounts["total"] = Cell("", CellKind.ABSENT, [], line)


def is_page_layout(line: Line) -> bool:
    """A line the page layout printed, not the table: a page number alone («7», «- 7 -») or
    the row of column numbers repeated after a page break («1 2 3 … 11»)."""
    if "\t" not in line.text and re.fullmatch(r"[-–—\s]*[0-9]{1,3}[-–—\s]*", line.text.strip()):
        return True
    numbers = [c for c in line.cells if c]
    return len(numbers) >= 5 and numbers == [str(i) for i in range(1, len(numbers) + 1)]
