"""Annex A «Напрями діяльності і заходи»: directions, measures and their totals.

Read line by line: a line with an id starts a measure, a line without one continues it;
the amounts are the cells of the year columns of the table header, whichever line of the
measure they are on. Numbers outside the amount columns are kept as stray numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.layout import amount_cell, find_source, header_years, source_by_place
from zhytomyr_kpi.document.model import (
    AnnexA,
    Footnote,
    Line,
    LineSlip,
    Measure,
    ResourceRow,
    Section,
    StrayNumber,
    TextOutside,
    TotalRow,
)
from zhytomyr_kpi.document.numbers import CellKind, classify
from zhytomyr_kpi.document.quirks import Quirks
from zhytomyr_kpi.document.resources import one_row_per_source
from zhytomyr_kpi.document.totals import TotalRows, absent_total, is_page_layout
from zhytomyr_kpi.document.vocabulary import (
    MEASURE_ID,
    SECTION_HEADING,
    TOTAL_COLUMN,
    YEAR_CELL,
    YEAR_COLUMN,
    is_term,
    section_number,
    source_code,
    total_row_kind,
)


def _join(old: str, new: str) -> str:
    return f"{old} {new}".strip() if old else new


class AnnexAReader(TotalRows):
    """Reads Annex A line by line; state is the current section and measure."""

    def __init__(self, lines: list[Line], path: Path, quirks: Quirks,
                 years: tuple[str, ...], annex_b_follows: bool = True,
                 layout: tuple[str, ...] | None = None) -> None:
        self.lines = lines
        self.path = path
        self.quirks = quirks
        self.years = years
        self.layout = layout or (*years, "total")
        self.annex_b_follows = annex_b_follows
        self.slips: list[LineSlip] = []
        self.sections: list[Section] = []
        self.measures: list[Measure] = []
        self.totals: list[TotalRow] = []
        self.grand_total: TotalRow | None = None
        self.grand_by_place = False  # the РАЗОМ row is a total-like label read by its place
        self.heading_after_grand = False  # a direction's heading follows the РАЗОМ row
        self.grand_after: TotalRow | None = None  # the direction's total a РАЗОМ followed
        self.grand_split: list[ResourceRow] = []  # РАЗОМ by source, or stated again
        self.by_place: dict[str, Line] = {}  # directions' ВСЬОГО read by their place
        self.stray: list[StrayNumber] = []
        self.outside: list[TextOutside] = []
        self.footnotes: list[Footnote] = []
        self.occurrences: dict[str, int] = {}
        self.ids: set[str] = set()  # the measures' ids so far, looked up once per measure
        self.current: Measure | None = None
        #: A numbered row without a source cell, waiting for what follows to say what it is:
        #: a task heading (measures «1.1.1», «1.1.2» follow) or a measure whose cells come on
        #: its next line (a name over several lines, the amounts on the second).
        self.pending: tuple[Line, list[str], str, str] | None = None
        self.task_heading: tuple[str, str] | None = None

    def read(self) -> AnnexA:
        last = self.lines[-1].number
        for line in self.lines:
            if self.grand_total is not None:
                if line.stripped.startswith("*"):
                    self.footnotes.append(Footnote(" ".join(line.text.split()), line.number))
                else:
                    self._after_grand(line)
                continue
            self._read_line(line)
        self._settle_pending(None)
        if self.grand_total is None:
            after = "" if self.annex_b_follows else (
                " і після нього немає додатка Б «ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ»")
            raise ParseError(self.path, f"додаток А закінчується без рядка РАЗОМ{after}"
                             f"{self._last_total_hint()}", line=last)
        if not self.measures:
            raise ParseError(self.path, "у додатку А немає жодного заходу",
                             line=self.lines[0].number if self.lines else None)
        return AnnexA(self.sections, self.measures, self.totals, self.grand_total, self.stray,
                      self.outside, self.footnotes, self.lines[0].number,
                      self.grand_total.source_line, self.slips,
                      one_row_per_source(self.grand_split, self.path))

    # -- one line

    def _read_line(self, line: Line) -> None:
        cells = line.cells
        role = self.quirks.line_roles.get(line.number)
        if role is not None:
            if not line.stripped.startswith(role["starts_with"]):
                raise ParseError(self.quirks.directory / role.file if self.quirks.directory
                                 else role.file, f"рядок {line.number} документа не починається "
                                 f"з «{role['starts_with']}»", line=role.row)
            role.used = True
            self._note_slip(line, role)
            if role["role"] == "continuation":
                cells[0] = ""
                self._continue(line, cells)
            else:
                self._start_measure(line, cells, role["printed_id"], "")
            return
        if not any(cells):
            return
        if is_page_layout(line):
            return
        # before the first direction, a line of years and words is the table's header: its
        # «Разом» / «Всього» names the amounts' column, it is not a total row
        header = not self.sections and not self.measures and all(
            YEAR_CELL.match(c) or not re.search(r"[0-9]", c) for c in cells if c)
        grand_at = None if header else next(
            (i for i, c in enumerate(cells) if total_row_kind(c) == "grand"), None)
        if grand_at is not None:
            self.grand_total = self._total_row(line, cells, grand_at, "total")
            return
        total_at = next((i for i, c in enumerate(cells) if total_row_kind(c) == "section"),
                        None)
        if total_at is not None and header:
            total_at = None  # «Всього» over the amounts' column of a header line
        if total_at is not None:
            if not self.sections:
                raise ParseError(self.path, "рядок ВСЬОГО до першого напряму", line=line.number)
            section = str(self.sections[-1].number)
            first = next((t for t in self.totals if t.section == section), None)
            if first is not None and self.current is None and self.totals[-1] is first \
                    and self.pending is None:
                # right after the direction's own total: the programme's, by the form's order
                # («Разом» closing each direction, «РАЗОМ» the programme, one wording for both)
                self.grand_total = self._total_row(line, cells, total_at, "total")
                self.grand_by_place, self.grand_after = True, first
                return
            if first is not None:
                by_place = section in self.by_place
                raise ParseError(self.path, f"другий рядок ВСЬОГО напряму {section} (перший — "
                                 f"рядок {first.source_line} «{clip(first.label, 60)}»"
                                 + (", прочитаний за місцем); якщо той рядок — не підсумок "
                                    "напряму, його числа не мають стояти в стовпцях сум"
                                    if by_place else ")"), line=line.number)
            self.totals.append(self._total_row(line, cells, total_at, section))
            self.current = None
        heading = SECTION_HEADING.match(cells[0])
        if heading and self.sections and self.current is not None and total_at is None and \
                section_number(heading.group(1)) != self.sections[-1].number + 1 and \
                any(c for c in cells[1:] if classify(c)[0] is CellKind.TEXT):
            # «V. Стуса⇥⇥попередньо ізольованих труб» inside direction 2: a measure's text
            # that begins with an initial, not direction 5
            heading = None
        if heading and not MEASURE_ID.match(cells[0]):
            self.sections.append(Section(section_number(heading.group(1)),
                                         heading.group(2).strip(), line.number))
            self.current = None
            if total_at is None:  # amounts on a direction's heading belong to no measure
                for text in cells[1:]:
                    if classify(text)[0] in (CellKind.NUMBER, CellKind.MULTI):
                        self._stray_cell(text, line.number, None, "continuation")
            return
        if total_at is not None:
            return
        match = MEASURE_ID.match(cells[0])
        if match:
            self._settle_pending(match.group(1))
            self._start_measure(line, cells, match.group(1), (match.group(2) or "").strip())
        elif (self.sections or self.measures) and not self._total_by_place(line, cells):
            self._continue(line, cells)
        # lines before the first direction are the table header

    def _note_slip(self, line: Line, role) -> None:
        """A reviewed line role moves an id to another line: remember it to report it."""
        printed = MEASURE_ID.match(line.cells[0]) if line.cells else None
        if role["role"] == "continuation" and printed:
            self.slips.append(LineSlip(printed.group(1), line.number, 0))
        elif role["role"] == "measure":
            slip = next((s for s in self.slips if s.printed_id == role["printed_id"]
                         and not s.measure_line), None)
            if slip is not None:
                slip.measure_line = line.number
            else:
                self.slips.append(LineSlip(role["printed_id"], 0, line.number))

    def _measure_id(self, printed_id: str, line: int) -> tuple[str, int]:
        occurrence = self.occurrences.get(printed_id, 0) + 1
        self.occurrences[printed_id] = occurrence
        rename = self.quirks.id_renames.get((printed_id, occurrence))
        if rename is not None:
            rename.used = True
            return rename["measure_id"], occurrence
        if occurrence == 1:
            return printed_id, occurrence
        return f"{printed_id}#{occurrence}", occurrence

    def _start_measure(self, line: Line, cells: list[str], printed_id: str, id_text: str) -> None:
        if (find_source(cells, 1) is None and self.pending is None and not any(
                classify(c)[0] in (CellKind.NUMBER, CellKind.MULTI) for c in cells[1:])):
            self.pending = (line, cells, printed_id, id_text)
            self.current = None
            return
        measure_id, occurrence = self._measure_id(printed_id, line.number)
        if measure_id in self.ids:
            raise ParseError(self.path, f"ідентифікатор заходу {measure_id} вже є", line=line.number)
        layout_row = self.quirks.amount_layouts.get(measure_id)
        layout = self.layout
        if layout_row is not None:
            layout_row.used = True
            layout = tuple(layout_row["columns"].split(";"))
            unknown = [c for c in layout if c not in (*self.layout, "unlabelled")]
            if unknown or not set(self.layout) <= set(layout):
                where = (self.quirks.directory / layout_row.file if self.quirks.directory
                         else layout_row.file)
                raise ParseError(where, f"стовпці «{layout_row['columns']}» не відповідають "
                                 f"рокам програми ({', '.join(self.years)})", line=layout_row.row)
        measure = Measure(printed_id=printed_id, measure_id=measure_id, occurrence=occurrence,
                          section=int(printed_id.split(".")[0]), source_line=line.number,
                          lines=[line.number], amount_layout=layout)
        source = find_source(cells, 1)
        if source is None:
            source = source_by_place(cells, len(layout))
            if source is not None:
                wordings.unknown("source", cells[source], line.number,
                                 f"захід {printed_id}: суми прочитано за місцем клітинок")
        if source is None or source < 2:
            raise ParseError(self.path, f"захід {printed_id}: не знайдено клітинку «Джерела "
                             "фінансування» (напр. «Місцевий бюджет»)", line=line.number)
        fmap = {0: "task", source - 1: "executors", source: "funding_source"}
        measure.executors = cells[source - 1]
        measure.funding_source = cells[source]
        term_at = source - 2 if source - 2 >= 1 and (
            not cells[source - 2] or is_term(cells[source - 2])) else None
        if term_at is None and not id_text and source - 2 >= 3 and \
                classify(cells[source - 2])[0] is CellKind.TEXT and all(cells[1:source - 2]):
            # task, content and one more text before the executors: that one stands where
            # the term does, in words no vocabulary knows («постійно») — a term, said so
            term_at = source - 2
            wordings.unknown("term", cells[term_at], line.number,
                             f"захід {printed_id}: прочитано як термін виконання, роки "
                             "його коштів із ним не звірено")
        if term_at is not None:
            measure.term = cells[term_at]
            fmap[term_at] = "term"
        text_at = list(range(1, term_at if term_at is not None else source - 1))
        self._assign_texts(measure, cells, text_at, id_text, fmap)
        padded = cells + [""] * (source + 1 + len(layout) - len(cells))
        for offset, column in enumerate(layout):
            index = source + 1 + offset
            fmap[index] = "amount"
            measure.amounts[column] = amount_cell(padded[index], line.number, self.path,
                                                  f"захід {printed_id}, {column}")
        absent_total(measure.amounts, line.number)
        measure.field_map = fmap
        for text in padded[source + 1 + len(layout):]:
            if classify(text)[0] in (CellKind.NUMBER, CellKind.MULTI, CellKind.MALFORMED):
                self._stray_cell(text, line.number, measure_id, "after_amounts")
            elif text and text not in ("-", "–"):
                measure.expected_result = _join(measure.expected_result, text)
        heading = self.task_heading
        if heading is not None and printed_id.startswith(heading[0] + ".") and not measure.task:
            measure.task = heading[1]
        self.measures.append(measure)
        self.ids.add(measure.measure_id)
        self.current = measure

    def _assign_texts(self, measure: Measure, cells: list[str], text_at: list[int], id_text: str,
                      fmap: dict[int, str]) -> None:
        """Task and content from the text cells before the term (see the module notes)."""
        if id_text:
            measure.task = id_text
            for i in text_at:
                measure.content = _join(measure.content, cells[i])
                fmap[i] = "content"
        elif len(text_at) >= 2:
            measure.task = cells[text_at[0]]
            fmap[text_at[0]] = "task"
            for i in text_at[1:]:
                measure.content = _join(measure.content, cells[i])
                fmap[i] = "content"
        elif len(text_at) == 1:
            role = self.quirks.cell_roles.get(measure.measure_id)
            field_name = "content"
            if role is not None:
                role.used = True
                field_name = role["role"]
            setattr(measure, field_name, cells[text_at[0]])
            fmap[text_at[0]] = field_name

    def _settle_pending(self, next_id: str | None) -> None:
        """A numbered row without a source, once the next numbered row (or the table's end)
        is reached: a task heading when its measures follow, else the missing source."""
        if self.pending is None:
            return
        line, cells, printed_id, id_text = self.pending
        self.pending = None
        if next_id is not None and next_id.startswith(printed_id.rstrip(".") + "."):
            text = " ".join(t for t in [id_text, *cells[1:]] if t)
            self.task_heading = (printed_id.rstrip("."), text)
            return
        raise ParseError(self.path, f"захід {printed_id}: не знайдено клітинку «Джерела "
                         "фінансування» (напр. «Місцевий бюджет»)", line=line.number)

    def _continue_pending(self, line: Line, cells: list[str]) -> None:
        """The next line of a numbered row without a source: with the source, it holds the
        row's cells (the name began on the line above); without, it continues the name."""
        first, first_cells, printed_id, id_text = self.pending
        if find_source(cells, 1) is None and source_by_place(cells, len(self.layout)) is None:
            texts = [c for c in cells if c]
            if any(classify(c)[0] in (CellKind.NUMBER, CellKind.MULTI) for c in texts):
                self._settle_pending(None)
            joined = list(first_cells) + [""] * max(0, 2 - len(first_cells))
            joined[1] = _join(joined[1], " ".join(texts))
            self.pending = (first, joined, printed_id, id_text)
            return
        self.pending = None
        merged = list(cells)
        merged[0] = first_cells[0]
        merged[1] = _join(" ".join(c for c in first_cells[1:] if c), merged[1])
        self._start_measure(line, merged, printed_id, id_text)
        measure = self.current
        measure.source_line = first.number
        measure.lines = [first.number, line.number]

    def _continue(self, line: Line, cells: list[str]) -> None:
        """A line without an id: its text continues the measure above; numbers are strays."""
        if self.pending is not None:
            self._continue_pending(line, cells)
            return
        measure = self.current
        if measure is None:
            for text in cells:
                if classify(text)[0] in (CellKind.NUMBER, CellKind.MULTI):
                    self._stray_cell(text, line.number, None, "continuation")
                elif text and classify(text)[0] is not CellKind.DASH:  # «-»: no money, said
                    self.outside.append(TextOutside(text, line.number))
            return
        source = find_source(cells, 0)
        if source is not None and self._funding_part(line, cells, measure, source):
            return
        measure.lines.append(line.number)
        if source is not None:
            fmap = {source: "funding_source"}
            if source >= 1:
                fmap[source - 1] = "executors"
            term_at = source - 2 if source - 2 >= 0 and (
                not cells[source - 2] or is_term(cells[source - 2])) else None
            if term_at is not None:
                fmap[term_at] = "term"
            text_at = list(range(0, term_at if term_at is not None else max(source - 1, 0)))
            if len(text_at) >= 2:
                fmap[text_at[0]] = "task"
                fmap.update({i: "content" for i in text_at[1:]})
            elif text_at:
                fmap[text_at[0]] = "content"
            amounts_from = source + 1
        else:
            fmap = measure.field_map
            amounts_from = min((i for i, f in fmap.items() if f == "amount"), default=len(cells))
        for index, text in enumerate(cells):
            if not text:
                continue
            kind = classify(text)[0]
            if kind in (CellKind.NUMBER, CellKind.MULTI, CellKind.MALFORMED) and not (
                    fmap.get(index) == "term" and is_term(text)):
                self._stray_cell(text, line.number, measure.measure_id, "continuation")
                continue
            target = fmap.get(index, "expected_result" if index >= amounts_from else "content")
            if target == "amount":
                target = "expected_result"
            self._merge_text(measure, target, text)

    def _funding_part(self, line: Line, cells: list[str], measure: Measure, source: int
                      ) -> bool:
        """A line without an id, with nothing before its source cell but the executors, whose
        source is another than the measure's and whose amount columns hold numbers or «-»
        (dashes only: that source's share, none planned), is the measure's money from that
        source, a row of its own in the table: a measure row «1.1#2» with the measure's texts
        and its own source and amounts, so that no amount is dropped and each is added once.
        The measure's own source again is the page's layout: its numbers stay strays.
        Returns whether the line was such a row."""
        width = len(measure.amount_layout)
        run = (cells + [""] * width)[source + 1: source + 1 + width]
        if not any(c.kind is CellKind.NUMBER for c in measure.amounts.values()):
            return False  # the measure has no money of its own on its line: not a second row
        if any(cells[:max(source - 1, 0)]):
            return False  # the measure's texts go on: the numbers are not a row of their own
        main_source = source_code((measure.funding_source or "").strip())
        if main_source is None or source_code(cells[source]) in (None, main_source):
            return False  # the same source again (a page's layout, not a share): strays
        kinds = [classify(c)[0] for c in run]
        if not any(k in (CellKind.NUMBER, CellKind.DASH) for k in kinds) or not all(
                k in (CellKind.NUMBER, CellKind.DASH, CellKind.EMPTY) for k in kinds):
            return False  # not amounts: text or a malformed cell
        main = self.measures[next(i for i, m in enumerate(self.measures)
                                  if m.measure_id == (measure.funding_part_of
                                                      or measure.measure_id))]
        measure_id, occurrence = self._measure_id(main.printed_id, line.number)
        part = Measure(printed_id=main.printed_id, measure_id=measure_id, occurrence=occurrence,
                       section=main.section, source_line=line.number, lines=[line.number],
                       task=main.task, content=main.content, term=main.term,
                       executors=(cells[source - 1] if source >= 1 and cells[source - 1]
                                  else main.executors),
                       funding_source=cells[source], amount_layout=main.amount_layout,
                       funding_part_of=main.measure_id)
        fmap = {source: "funding_source"}
        for offset, column in enumerate(part.amount_layout):
            fmap[source + 1 + offset] = "amount"
            part.amounts[column] = amount_cell(run[offset], line.number, self.path,
                                               f"захід {part.measure_id}, {column}")
        absent_total(part.amounts, line.number)
        part.field_map = fmap
        for text in cells[source + 1 + width:]:
            if classify(text)[0] in (CellKind.NUMBER, CellKind.MULTI, CellKind.MALFORMED):
                self._stray_cell(text, line.number, measure_id, "after_amounts")
            elif text and text not in ("-", "–"):
                part.expected_result = _join(part.expected_result, text)
        self.measures.append(part)
        self.ids.add(measure_id)
        self.current = part
        return True

    def _merge_text(self, measure: Measure, target: str, text: str) -> None:
        if target == "term":
            if not is_term(text):
                measure.content = _join(measure.content, text)
            elif measure.term.endswith("-"):
                measure.term += text
            elif measure.term != text:
                measure.term = _join(measure.term, text)
        elif target in ("executors", "funding_source"):
            old = getattr(measure, target)
            if not old.endswith(text):
                setattr(measure, target, _join(old, text))
        else:
            setattr(measure, target, _join(getattr(measure, target), text))

    def _stray_cell(self, text: str, line: int, measure_id: str | None, where: str) -> None:
        kind, values = classify(text)
        if kind is CellKind.MALFORMED:
            raise ParseError(self.path, f"неправильне число «{clip(text, 40)}»", line=line)
        for value in values:
            self.stray.append(StrayNumber(line, value, text, measure_id, where))


def annex_a_header(lines: list[Line], path: Path
                   ) -> tuple[tuple[str, ...], int | None, tuple[str, ...]]:
    """The year columns of Annex A's table header (before the first direction), its line and
    the order of the amount columns («Всього» after the years, or before them).

    A header that names no total column («Всього», «Усього», «Разом») on any of its lines —
    a one-year programme's «Обсяг фінансування / на 2021 рік, тис. грн» — has the years
    alone: its rows hold one amount a year and no «Всього»."""
    header: list[Line] = []
    for line in lines:
        cells = line.cells
        if cells and (SECTION_HEADING.match(cells[0]) or MEASURE_ID.match(cells[0])):
            break
        header.append(line)
    for line in header:
        years = header_years(line, path, "заголовок таблиці додатка А", YEAR_COLUMN)
        if years:
            cells = line.cells
            at = [i for i, c in enumerate(cells) if YEAR_COLUMN.match(c)]
            before = cells[at[0] - 1] if at[0] > 0 else ""
            total_first = bool(TOTAL_COLUMN.match(before))
            if not any(TOTAL_COLUMN.match(c) for h in header for c in h.cells):
                return years, line.number, years
            return years, line.number, ("total", *years) if total_first else (*years, "total")
    return (), None, ()
