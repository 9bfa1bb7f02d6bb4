"""Raw decision text → records with their source line numbers.

The text is what a PDF/DOCX extraction gave: cells separated by tabs, table rows broken by
the page layout. This module finds the parts of the document (passport, Table 6.1, Annex A,
Annex B) and reads each into plain records; it never adds up or judges anything
(that is :mod:`zhytomyr_kpi.validate`). Every record keeps the line it came from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import ParseError
from .numbers import CellKind, classify, is_number, parse_number
from .quirks import Quirks

YEARS = ("2018", "2019", "2020")
DEFAULT_LAYOUT = ("2018", "2019", "2020", "total")
ANNEX_B_PERIODS = ("baseline", "2018", "2019", "2020")
ANNEX_B_GROUPS = {
    "ПОКАЗНИКИ ЗАТРАТ": "cost",
    "ПОКАЗНИКИ ПРОДУКТУ": "output",
    "ПОКАЗНИКИ ЕФЕКТИВНОСТІ": "efficiency",
    "ПОКАЗНИКИ ЯКОСТІ": "quality",
}

MARKERS = {
    "passport": (re.compile(r"^1\.\s*ПАСПОРТ ПРОГРАМИ$"), "розділ «1. ПАСПОРТ ПРОГРАМИ»"),
    "problem": (re.compile(r"^2\.\s*ВИЗНАЧЕННЯ ПРОБЛЕМИ"), "розділ «2. ВИЗНАЧЕННЯ ПРОБЛЕМИ…»"),
    "resources": (re.compile(r"^Таблиця 6\.1\.?$"), "«Таблиця 6.1» (ресурсне забезпечення)"),
    "annex_a": (re.compile(r"^НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ"),
                "додаток А «НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ»"),
    "annex_b": (re.compile(r"^ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ$"),
                "додаток Б «ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ»"),
}

MEASURE_ID = re.compile(r"^(\d+(?:\.\d+)+)\.?(?:\s+(.*))?$")
SECTION_HEADING = re.compile(r"^([1-9])\.\s+(\S.*)$")
TERM = re.compile(r"^(?:\d{4}(?:\s*-\s*(?:\d{4})?)?)(?:\s+\d{4}(?:\s*-\s*\d{4})?)*$")
SOURCE = re.compile(
    r"^(?:(?:місцевий|державний|обласний|районний)(?:\s+бюджет)?|бюджет"
    r"|(?:кошти\s+)?(?:інші|позабюджетні|небюджетні)\s+(?:джерела|кошти))"
    r"(?:\s+(?:місцевий|державний|обласний|районний)\s+бюджет)*$",
    re.IGNORECASE,
)
TOP_N = re.compile(r"^ТОП[\s-]*(\d+)$", re.IGNORECASE)
RESOURCE_SOURCES = (
    (re.compile(r"всього|разом", re.I), "total"),
    (re.compile(r"державн", re.I), "state"),
    (re.compile(r"місцев", re.I), "local"),
    (re.compile(r"небюджет|позабюджет|інш", re.I), "other"),
)


@dataclass(frozen=True)
class Line:
    """One line of the document: its 1-based number, text and tab-separated cells."""

    number: int
    text: str

    @property
    def cells(self) -> list[str]:
        return [cell.strip() for cell in self.text.split("\t")]

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Cell:
    """An amount or value cell as printed, what it holds and the line it is on."""

    text: str
    kind: CellKind
    values: list[Decimal]
    source_line: int

    @property
    def value(self) -> Decimal | None:
        return self.values[0] if self.kind is CellKind.NUMBER else None


@dataclass
class StrayNumber:
    """A number printed outside the amount columns of a measure (belongs to no measure)."""

    source_line: int
    value: Decimal
    text: str
    measure_id: str | None
    where: str  # "continuation" or "after_amounts"


@dataclass
class Measure:
    """One numbered row of Annex A, merged from its first line and continuation lines."""

    printed_id: str
    measure_id: str
    occurrence: int
    section: int
    source_line: int
    lines: list[int]
    task: str = ""
    content: str = ""
    term: str = ""
    executors: str = ""
    funding_source: str = ""
    expected_result: str = ""
    amounts: dict[str, Cell] = field(default_factory=dict)
    field_map: dict[int, str] = field(default_factory=dict)
    amount_layout: tuple[str, ...] = DEFAULT_LAYOUT


@dataclass
class Section:
    number: int
    title: str
    source_line: int


@dataclass
class TotalRow:
    """A ВСЬОГО row (``section`` 1-4) or the РАЗОМ row (``section`` "total")."""

    section: str
    label: str
    amounts: dict[str, Cell]
    source_line: int


@dataclass
class Footnote:
    text: str
    source_line: int


@dataclass
class TextOutside:
    """Text in Annex A that belongs to no measure (e.g. before the first measure)."""

    text: str
    source_line: int


@dataclass
class AnnexA:
    sections: list[Section]
    measures: list[Measure]
    totals: list[TotalRow]
    grand_total: TotalRow
    stray_numbers: list[StrayNumber]
    text_outside: list[TextOutside]
    footnotes: list[Footnote]
    first_line: int
    last_line: int


@dataclass
class ResourceRow:
    source: str
    label: str
    amounts: dict[str, Cell]
    source_line: int


@dataclass
class PassportItem:
    item: int
    label: str
    value: str
    source_line: int
    lines: list[Line]


@dataclass
class PassportFunding:
    source: str
    label: str
    cell: Cell


@dataclass
class KpiTarget:
    name: str
    target_text: str
    rank_max: int | None
    score_min: Decimal | None
    year: int | None
    source_line: int
    understood: bool


@dataclass
class Indicator:
    group: str
    number: int
    name: str
    unit: str
    values: dict[str, Cell]
    source_line: int


@dataclass
class Document:
    """Everything read from one decision text, still as records."""

    path: Path
    encoding: str
    sha256: str
    lines: list[Line]
    passport: list[PassportItem]
    passport_funding: list[PassportFunding]
    kpi_targets: list[KpiTarget]
    resources: list[ResourceRow]
    resources_lines: tuple[int, int]
    annex_a: AnnexA
    indicators: list[Indicator]
    annex_b_lines: tuple[int, int]


# ---------------------------------------------------------------- reading the file


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode the bytes: UTF-8 (with or without BOM), else Windows-1251; say which."""
    if not raw.strip():
        raise ParseError(path, "файл порожній")
    if b"\x00" in raw[:4096]:
        raise ParseError(path, "це не текстовий файл (двійкові дані)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise ParseError(path, "не вдається декодувати ні як UTF-8, ні як Windows-1251",
                         line=line) from None
    if not re.search("[А-Яа-яІіЇїЄєҐґ]{4}", text):
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise ParseError(path, "не UTF-8 і не схоже на український текст у Windows-1251",
                         line=line)
    return text, "cp1251"


def split_lines(text: str) -> list[Line]:
    """Split on \\n, \\r\\n or \\r only (not on form feeds), numbering lines from 1."""
    return [Line(number, body) for number, body in enumerate(re.split(r"\r\n|\r|\n", text), 1)]


def find_markers(lines: list[Line], path: Path) -> dict[str, int]:
    """Index of the first line of each part; a clear error names what is missing."""
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        if "\t" in line.text:
            continue
        for key, (pattern, _) in MARKERS.items():
            if key not in found and pattern.match(line.stripped):
                found[key] = index
    if not found:
        raise ParseError(path, "це не рішення про міську цільову програму: не знайдено "
                         "ні паспорта, ні таблиці 6.1, ні додатків А і Б", line=1)
    for key in ("passport", "problem", "resources", "annex_a", "annex_b"):
        if key not in found:
            last = lines[-1].number
            raise ParseError(path, f"не знайдено {MARKERS[key][1]} (файл обрізано або це "
                             "інший документ?)", line=last)
    order = ["passport", "problem", "resources", "annex_a", "annex_b"]
    for before, after in itertools.pairwise(order):
        if found[before] > found[after]:
            raise ParseError(path, f"{MARKERS[after][1]} стоїть перед {MARKERS[before][1]}",
                             line=lines[found[after]].number)
    return found


def amount_cell(text: str, line: int, path: Path, what: str) -> Cell:
    """Classify an amount cell; a malformed number (e.g. «12,3,4») is a ParseError."""
    kind, values = classify(text)
    if kind is CellKind.MALFORMED:
        raise ParseError(path, f"{what}: неправильне число «{text}»", line=line)
    return Cell(text, kind, values, line)


# ---------------------------------------------------------------- passport


def read_passport(lines: list[Line], path: Path) -> list[PassportItem]:
    """Items 1-12 of the passport; lines without an item number continue the item above."""
    items: list[PassportItem] = []
    for line in lines:
        cells = line.cells
        if not any(cells):
            continue
        match = re.match(r"^(\d{1,2})\.$", cells[0])
        if match and len(cells) >= 3:
            items.append(PassportItem(int(match.group(1)), cells[1], cells[2], line.number,
                                      [line]))
        elif items:
            items[-1].lines.append(line)
    if not items:
        raise ParseError(path, "паспорт програми без пунктів", line=lines[0].number)
    return items


def _strip_html(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


def passport_text(item: PassportItem) -> str:
    """All text of a passport item (continuation lines included), HTML tags removed."""
    parts = [item.value]
    for line in item.lines[1:]:
        parts.extend(c for c in line.cells if c and c.strip("-"))
    return _strip_html(" ".join(parts))


def read_passport_funding(item: PassportItem, path: Path) -> list[PassportFunding]:
    """Item 10: the total in its text, and the small table local / state / other below it."""
    result = []
    total = re.search(r"–\s*(\d{1,3}(?: \d{3})*(?:, ?\d+)?)\s*тис\.?\s*грн", item.value)
    if total:
        cell = amount_cell(total.group(1), item.source_line, path, "паспорт, п. 10")
        result.append(PassportFunding("total", "Загальний обсяг фінансових ресурсів", cell))
    labels: list[str] = []
    for line in item.lines[1:]:
        cells = [c for c in line.cells[2:] if c]
        if cells and all(is_number(c) or classify(c)[0] is CellKind.MALFORMED for c in cells):
            for label, text in zip(labels, cells, strict=False):
                cell = amount_cell(text, line.number, path, "паспорт, п. 10")
                result.append(PassportFunding(resource_source(label, line.number, path),
                                              label, cell))
        elif cells:
            labels = cells
    return result


def read_kpi_targets(item: PassportItem) -> list[KpiTarget]:
    """Item 12: the key KPI targets («… – ТОП 3 (за 2020 рік)», «… – не нижче 3,5 …»)."""
    text = passport_text(item)
    pattern = re.compile(
        r"^(?P<name>.+?)\s+[–-]\s+(?P<target>(?:ТОП[\s-]*(?P<rank>\d+))|"
        r"(?:не нижче\s+(?P<score>\d+(?:,\d+)?)(?:\s*бал\w*)?))"
        r"\s*\(за\s+(?P<year>\d{4})\s*рік\)"
    )
    targets = []
    for chunk in re.split(r"(?:^|;)\s*-\s+", text):
        chunk = chunk.strip(" .;")
        if not chunk:
            continue
        match = pattern.match(chunk)
        if match:
            targets.append(KpiTarget(
                name=match["name"].strip(), target_text=match["target"].strip(),
                rank_max=int(match["rank"]) if match["rank"] else None,
                score_min=parse_number(match["score"]) if match["score"] else None,
                year=int(match["year"]), source_line=item.source_line, understood=True))
        else:
            targets.append(KpiTarget(chunk, "", None, None, None, item.source_line, False))
    return targets


# ---------------------------------------------------------------- Table 6.1


def resource_source(label: str, line: int, path: Path) -> str:
    """Map a funding-source label (Table 6.1, passport) to total/state/local/other."""
    for pattern, code in RESOURCE_SOURCES:
        if pattern.search(label):
            return code
    raise ParseError(path, f"невідоме джерело фінансування «{label}»", line=line)


def read_resources(lines: list[Line], path: Path) -> list[ResourceRow]:
    """Table 6.1: one row per source, amounts for the three stages and the total."""
    header_index = next((i for i, line in enumerate(lines) if "ЕТАП" in line.text), None)
    if header_index is None:
        raise ParseError(path, "таблиця 6.1 без заголовка з етапами", line=lines[0].number)
    header = lines[header_index].cells
    columns = []
    for text in header[1:]:
        year = re.search(r"\((\d{4})", text)
        columns.append(year.group(1) if year else "total")
    rows = []
    for line in lines[header_index + 1:]:
        cells = line.cells
        if not any(cells):
            if rows:
                break
            continue
        if len(cells) < len(columns) + 1:
            raise ParseError(path, f"таблиця 6.1: очікується {len(columns) + 1} клітинок, "
                             f"знайдено {len(cells)}", line=line.number)
        amounts = {col: amount_cell(text, line.number, path, "таблиця 6.1")
                   for col, text in zip(columns, cells[1:], strict=False)}
        rows.append(ResourceRow(resource_source(cells[0], line.number, path), cells[0],
                                amounts, line.number))
    if not rows:
        raise ParseError(path, "таблиця 6.1 без рядків", line=lines[header_index].number)
    return rows


# ---------------------------------------------------------------- Annex A


def _find_source(cells: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(cells)) if SOURCE.match(cells[i])), None)


def _is_term(text: str) -> bool:
    return bool(TERM.match(text))


def _join(old: str, new: str) -> str:
    return f"{old} {new}".strip() if old else new


class AnnexAReader:
    """Reads Annex A line by line; state is the current section and measure."""

    def __init__(self, lines: list[Line], path: Path, quirks: Quirks) -> None:
        self.lines = lines
        self.path = path
        self.quirks = quirks
        self.sections: list[Section] = []
        self.measures: list[Measure] = []
        self.totals: list[TotalRow] = []
        self.grand_total: TotalRow | None = None
        self.stray: list[StrayNumber] = []
        self.outside: list[TextOutside] = []
        self.footnotes: list[Footnote] = []
        self.occurrences: dict[str, int] = {}
        self.current: Measure | None = None

    def read(self) -> AnnexA:
        last = self.lines[-1].number
        for line in self.lines:
            if self.grand_total is not None:
                if line.stripped.startswith("*"):
                    self.footnotes.append(Footnote(line.stripped, line.number))
                continue
            self._read_line(line)
        if self.grand_total is None:
            raise ParseError(self.path, "додаток А закінчується без рядка РАЗОМ (файл обрізано?)",
                             line=last)
        if not self.measures:
            raise ParseError(self.path, "у додатку А немає жодного заходу",
                             line=self.lines[0].number)
        return AnnexA(self.sections, self.measures, self.totals, self.grand_total, self.stray,
                      self.outside, self.footnotes, self.lines[0].number,
                      self.grand_total.source_line)

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
            if role["role"] == "continuation":
                cells[0] = ""
                self._continue(line, cells)
            else:
                self._start_measure(line, cells, role["printed_id"], "")
            return
        if not any(cells):
            return
        if "РАЗОМ" in cells:
            self.grand_total = self._total_row(line, cells, cells.index("РАЗОМ"), "total")
            return
        if "ВСЬОГО" in cells:
            if not self.sections:
                raise ParseError(self.path, "рядок ВСЬОГО до першого напряму", line=line.number)
            self.totals.append(self._total_row(line, cells, cells.index("ВСЬОГО"),
                                               str(self.sections[-1].number)))
            self.current = None
        heading = SECTION_HEADING.match(cells[0])
        if heading and not MEASURE_ID.match(cells[0]):
            self.sections.append(Section(int(heading.group(1)), heading.group(2).strip(),
                                         line.number))
            self.current = None
            return
        if "ВСЬОГО" in cells:
            return
        match = MEASURE_ID.match(cells[0])
        if match:
            self._start_measure(line, cells, match.group(1), (match.group(2) or "").strip())
        elif self.sections or self.measures:
            self._continue(line, cells)
        # lines before the first direction are the table header

    def _total_row(self, line: Line, cells: list[str], at: int, section: str) -> TotalRow:
        values = [text for text in cells[at + 1:] if text]
        if len(values) < 4:
            raise ParseError(self.path, f"рядок {cells[at]}: очікується 4 суми (2018, 2019, "
                             f"2020, всього), знайдено {len(values)}", line=line.number)
        amounts = {col: amount_cell(text, line.number, self.path, cells[at])
                   for col, text in zip(DEFAULT_LAYOUT, values, strict=False)}
        for text in values[4:]:
            self._stray_cell(text, line.number, None, "after_amounts")
        return TotalRow(section, cells[at], amounts, line.number)

    # -- measures

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
        measure_id, occurrence = self._measure_id(printed_id, line.number)
        if any(m.measure_id == measure_id for m in self.measures):
            raise ParseError(self.path, f"ідентифікатор заходу {measure_id} вже є", line=line.number)
        layout_row = self.quirks.amount_layouts.get(measure_id)
        layout = DEFAULT_LAYOUT
        if layout_row is not None:
            layout_row.used = True
            layout = tuple(layout_row["columns"].split(";"))
        measure = Measure(printed_id=printed_id, measure_id=measure_id, occurrence=occurrence,
                          section=int(printed_id.split(".")[0]), source_line=line.number,
                          lines=[line.number], amount_layout=layout)
        source = _find_source(cells, 1)
        if source is None or source < 2:
            raise ParseError(self.path, f"захід {printed_id}: не знайдено клітинку «Джерела "
                             "фінансування» (напр. «Місцевий бюджет»)", line=line.number)
        fmap = {0: "task", source - 1: "executors", source: "funding_source"}
        measure.executors = cells[source - 1]
        measure.funding_source = cells[source]
        term_at = source - 2 if source - 2 >= 1 and (
            not cells[source - 2] or _is_term(cells[source - 2])) else None
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
        measure.field_map = fmap
        for text in padded[source + 1 + len(layout):]:
            if classify(text)[0] in (CellKind.NUMBER, CellKind.MULTI, CellKind.MALFORMED):
                self._stray_cell(text, line.number, measure_id, "after_amounts")
            elif text and text not in ("-", "–"):
                measure.expected_result = _join(measure.expected_result, text)
        self.measures.append(measure)
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

    def _continue(self, line: Line, cells: list[str]) -> None:
        """A line without an id: its text continues the measure above; numbers are strays."""
        measure = self.current
        if measure is None:
            for text in cells:
                if classify(text)[0] in (CellKind.NUMBER, CellKind.MULTI):
                    self._stray_cell(text, line.number, None, "continuation")
                elif text:
                    self.outside.append(TextOutside(text, line.number))
            return
        measure.lines.append(line.number)
        source = _find_source(cells, 0)
        if source is not None:
            fmap = {source: "funding_source"}
            if source >= 1:
                fmap[source - 1] = "executors"
            term_at = source - 2 if source - 2 >= 0 and (
                not cells[source - 2] or _is_term(cells[source - 2])) else None
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
                    fmap.get(index) == "term" and _is_term(text)):
                self._stray_cell(text, line.number, measure.measure_id, "continuation")
                continue
            target = fmap.get(index, "expected_result" if index >= amounts_from else "content")
            if target == "amount":
                target = "expected_result"
            self._merge_text(measure, target, text)

    def _merge_text(self, measure: Measure, target: str, text: str) -> None:
        if target == "term":
            if not _is_term(text):
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
            raise ParseError(self.path, f"неправильне число «{text}»", line=line)
        for value in values:
            self.stray.append(StrayNumber(line, value, text, measure_id, where))


# ---------------------------------------------------------------- Annex B


def read_indicators(lines: list[Line], path: Path) -> tuple[list[Indicator], int]:
    """Annex B: the four groups of indicators; returns them and the table's last line."""
    indicators: list[Indicator] = []
    group: str | None = None
    seen_groups: list[str] = []
    last = lines[0].number
    for line in lines:
        cells = line.cells
        if not any(cells):
            continue
        head = cells[0].upper()
        if head in ANNEX_B_GROUPS:
            group = ANNEX_B_GROUPS[head]
            seen_groups.append(group)
            last = line.number
            continue
        if cells[0].startswith("№"):
            continue
        if re.fullmatch(r"\d{1,2}\.?", cells[0]) and group is not None:
            if len(cells) < 7:
                raise ParseError(path, f"додаток Б: очікується 7 клітинок (№, назва, одиниця, "
                                 f"вихідні дані, 2018, 2019, 2020), знайдено {len(cells)}",
                                 line=line.number)
            values = {}
            for period, text in zip(ANNEX_B_PERIODS, cells[3:7], strict=True):
                values[period] = amount_cell(text, line.number, path,
                                             f"додаток Б, показник {cells[0]}")
            indicators.append(Indicator(group, int(cells[0].rstrip(".")), cells[1], cells[2],
                                        values, line.number))
            last = line.number
            continue
        if indicators and "\t" not in line.text:
            break
    missing = [g for g in ANNEX_B_GROUPS.values() if g not in seen_groups]
    if missing:
        names = [k for k, v in ANNEX_B_GROUPS.items() if v in missing]
        raise ParseError(path, f"додаток Б без груп: {', '.join(names)} (файл обрізано?)",
                         line=last)
    for group_name in ANNEX_B_GROUPS.values():
        if not any(i.group == group_name for i in indicators):
            raise ParseError(path, f"додаток Б: група «{group_name}» без показників", line=last)
    return indicators, last


# ---------------------------------------------------------------- the whole document


def read_document(path: Path, quirks: Quirks, raw: bytes | None = None) -> Document:
    """Read a decision text into records; raise ParseError on anything unreadable."""
    import hashlib

    if raw is None:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ParseError(path, "файл не знайдено") from None
        except IsADirectoryError:
            raise ParseError(path, "це тека, а не файл") from None
        except OSError as exc:
            raise ParseError(path, f"не вдається прочитати: {exc.strerror}") from None
    text, encoding = decode(raw, path)
    lines = split_lines(text)
    marks = find_markers(lines, path)
    passport = read_passport(lines[marks["passport"] + 1: marks["problem"]], path)
    by_item = {item.item: item for item in passport}
    for needed in (10, 12):
        if needed not in by_item:
            raise ParseError(path, f"у паспорті немає пункту {needed}",
                             line=lines[marks["passport"]].number)
    resources_block = lines[marks["resources"] + 1: marks["annex_a"]]
    resources = read_resources(resources_block, path)
    annex_a = AnnexAReader(lines[marks["annex_a"] + 1: marks["annex_b"]], path, quirks).read()
    indicators, annex_b_last = read_indicators(lines[marks["annex_b"] + 1:], path)
    return Document(
        path=path, encoding=encoding, sha256=hashlib.sha256(raw).hexdigest(), lines=lines,
        passport=passport, passport_funding=read_passport_funding(by_item[10], path),
        kpi_targets=read_kpi_targets(by_item[12]), resources=resources,
        resources_lines=(resources[0].source_line, resources[-1].source_line),
        annex_a=annex_a, indicators=indicators,
        annex_b_lines=(lines[marks["annex_b"]].number, annex_b_last),
    )
