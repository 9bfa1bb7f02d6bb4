"""Raw decision text → records with their source line numbers.

The text is what a PDF/DOCX extraction gave: cells separated by tabs, table rows broken by
the page layout. This module finds the parts of the document (passport, Table 6.1, Annex A,
Annex B) and reads each into plain records; it never adds up or judges anything
(that is :mod:`zhytomyr_kpi.validate`). Every record keeps the line it came from.

Nothing here is specific to one programme: the years are those of Annex A's table header
(else the passport's term), headings are matched whatever their case and numbering, Table 6.1
and Annex B may be missing (recorded in ``Document.missing``), and the document's own quirks
come from the reviewed set that declares it (:mod:`zhytomyr_kpi.quirks`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import ParseError
from .numbers import CellKind, classify, is_number, parse_number
from .quirks import Quirks

ANNEX_B_GROUPS = {
    "ПОКАЗНИКИ ЗАТРАТ": "cost",
    "ПОКАЗНИКИ ПРОДУКТУ": "output",
    "ПОКАЗНИКИ ЕФЕКТИВНОСТІ": "efficiency",
    "ПОКАЗНИКИ ЯКОСТІ": "quality",
}
GROUP_HEADINGS = {code: heading for heading, code in ANNEX_B_GROUPS.items()}
PERIOD_WORDS = {"baseline": "вихідні дані"}
#: A plausible programme year (the document's years are read, never assumed).
FIRST_YEAR, LAST_YEAR = 1991, 2100
#: Amounts with more integer digits or decimals than this are not amounts of a budget.
MAX_INTEGER_DIGITS, MAX_DECIMALS = 12, 6

_NUMBERED = r"^(?:[0-9]+(?:\.[0-9]+)*\.?\s*)?"
_AND = r"\s+(?:і|й|та)\s+"
#: Headings of the parts, in document order: key → (pattern, what it is, essential).
#: Matched on lines without tabs, whatever the capitalisation, numbered or not; the common
#: alternative names are listed. A part's heading is looked for after the previous part's.
PARTS = {
    "passport": (re.compile(_NUMBERED + r"паспорт(?:\s+міської)?(?:\s+цільової)?\s+програми"
                            r"\s*$", re.I), "розділ «ПАСПОРТ ПРОГРАМИ»", True),
    "resources": (re.compile(r"^(?:таблиця\s+6\.1\.?|ресурсне\s+забезпечення(?:\s+\S+)*"
                             r"|обсяги" + _AND + r"джерела\s+фінансування\s+заходів.*)$", re.I),
                  "таблицю 6.1 «Ресурсне забезпечення»", False),
    "annex_a": (re.compile(_NUMBERED + r"(?:додаток\s+а\.?\s*)?(?:основні\s+)?(?:"
                           r"напрям(?:и|ки)\s+діяльності" + _AND + r"заходи"
                           r"|перелік\s+(?:завдань,?(?:\s+(?:і|й|та))?\s+)?заходів"
                           r"|завдання" + _AND + r"заходи)(?:\s+\S+)*$", re.I),
                "додаток А «Напрями діяльності і заходи програми»", True),
    "annex_b": (re.compile(_NUMBERED + r"(?:додаток\s+б\.?\s*)?(?:показники\s+"
                           r"результативності|(?:очікувані\s+)?результативні\s+показники)"
                           r"(?:\s+\S+)*$", re.I),
                "додаток Б «Показники результативності програми»", False),
}
#: A line that looks like an entry of the table of contents, not a heading.
_CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|\s-\s*[0-9]+\s*-|\s[0-9]+)\s*$")
#: A numbered heading of the decision's text (ends the passport).
TEXT_HEADING = re.compile(r"^[2-9]\.\s*[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ'’ ]{3}")
YEAR_CELL = re.compile(r"^([0-9]{4})\s*(?:р(?:ік|\.)?)?\.?$")
YEAR_SPAN = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})")
TITLE_SPAN = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})\s*(?:рр\.|рок(?:и|ів)|р\.)", re.I)
TOTAL_LABELS = ("ВСЬОГО", "УСЬОГО")
GRAND_LABELS = ("РАЗОМ",)

MEASURE_ID = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?(?:\s+(.*))?$")
SECTION_HEADING = re.compile(r"^([1-9])\.\s+(\S.*)$")
TERM = re.compile(r"^(?:[0-9]{4}(?:\s*-\s*(?:[0-9]{4})?)?)(?:\s+[0-9]{4}(?:\s*-\s*[0-9]{4})?)*$")
SOURCE = re.compile(
    r"^(?:(?:місцевий|державний|обласний|районний)(?:\s+бюджет)?|бюджет"
    r"|(?:кошти\s+)?(?:інші|позабюджетні|небюджетні)\s+(?:джерела|кошти))"
    r"(?:\s+(?:місцевий|державний|обласний|районний)\s+бюджет)*$",
    re.IGNORECASE,
)
TOP_N = re.compile(r"^ТОП[\s-]*([0-9]{1,4})$", re.IGNORECASE)
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
    amount_layout: tuple[str, ...] = ()


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
    slips: list[LineSlip] = field(default_factory=list)


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
class YearSpan:
    """A span of years printed in the text (a title, the term, a table title)."""

    where: str
    text: str
    first: int
    last: int
    source_line: int


@dataclass
class LineSlip:
    """An id printed on another line than the row it numbers (a reviewed line role)."""

    printed_id: str
    printed_line: int
    measure_line: int


@dataclass
class MissingPart:
    """An optional part of the standard form that the document does not have."""

    part: str
    message: str
    source_line: int | None


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
    resources_lines: tuple[int, int] | None
    annex_a: AnnexA
    indicators: list[Indicator]
    annex_b_lines: tuple[int, int] | None
    years: tuple[str, ...] = ()
    text_sha256: str = ""
    term: YearSpan | None = None
    header_years: tuple[str, ...] = ()
    header_line: int | None = None
    annex_b_periods: tuple[str, ...] = ()
    annex_b_header_line: int | None = None
    spans: list[YearSpan] = field(default_factory=list)
    missing: list[MissingPart] = field(default_factory=list)
    resources_title: str = ""
    quirks: Quirks | None = None

    @property
    def periods(self) -> tuple[str, ...]:
        """Annex B periods: the baseline (where printed), then the years of its header."""
        return self.annex_b_periods or ("baseline", *self.years)

    @property
    def annex_b_years(self) -> tuple[str, ...]:
        return tuple(p for p in self.annex_b_periods if p != "baseline")


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


def is_heading(line: Line) -> bool:
    text = line.stripped
    return bool(text) and "\t" not in line.text and len(text) <= 200 and not (
        _CONTENTS_ENTRY.search(text) and not text.lower().startswith("таблиця"))


def _table_follows(lines: list[Line], index: int, within: int = 15) -> bool:
    """A part's heading is followed by its table (tab-separated cells) within a few lines;
    the same words in a table of contents or in the text are not."""
    for line in lines[index + 1: index + 1 + within]:
        if "\t" in line.text:
            return True
        if is_heading(line) and (TEXT_HEADING.match(line.stripped) or any(
                pattern.match(line.stripped) for pattern, _, _ in PARTS.values())):
            return False  # the next heading comes first: a table of contents
    return False


def find_parts(lines: list[Line], path: Path) -> tuple[dict[str, int], list[MissingPart]]:
    """Index of the first line of each part, in order; missing optional parts are reported.

    A missing essential part (the passport, Annex A) is a ParseError naming it.
    """
    found: dict[str, int] = {}
    missing: list[MissingPart] = []
    start = 0
    for key, (pattern, what, essential) in PARTS.items():
        index = next((i for i in range(start, len(lines)) if is_heading(lines[i])
                      and pattern.match(lines[i].stripped) and _table_follows(lines, i)), None)
        if index is None:
            if not essential:
                missing.append(MissingPart(key, f"не знайдено {what}", None))
            continue
        found[key] = index
        start = index + 1
    absent = [key for key, (_, _, essential) in PARTS.items() if essential and key not in found]
    if len(absent) > 1:
        raise ParseError(path, "це не рішення про міську цільову програму: не знайдено ні "
                         "паспорта програми, ні додатка А", line=1)
    if absent:
        raise ParseError(path, f"не знайдено {PARTS[absent[0]][1]} (файл обрізано або це інший "
                         "документ?)", line=lines[-1].number)
    return found, missing


def _year(text: str, line: int, path: Path, what: str) -> int:
    """A printed year, checked to be plausible («0020» is not)."""
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ParseError(path, f"{what}: рік «{text}» неможливий (очікується "
                         f"{FIRST_YEAR}-{LAST_YEAR})", line=line)
    return year


def header_years(line: Line, path: Path, what: str) -> tuple[str, ...]:
    """The year columns of a table header («2018», «2019 рік»), in order and ascending."""
    years = [str(_year(m.group(1), line.number, path, what)) for cell in line.cells
             if (m := YEAR_CELL.match(cell))]
    if any(int(b) <= int(a) for a, b in itertools.pairwise(years)):
        raise ParseError(path, f"{what}: роки в заголовку не зростають ({', '.join(years)})",
                         line=line.number)
    return tuple(years)


def span_years(span: YearSpan) -> tuple[str, ...]:
    return tuple(str(y) for y in range(span.first, span.last + 1))


def read_span(text: str, line: int, path: Path, where: str) -> YearSpan | None:
    """The first «2018-2020» (or a single year) in a text, as a span."""
    match = YEAR_SPAN.search(text)
    if match:
        first = _year(match.group(1), line, path, where)
        last = _year(match.group(2), line, path, where)
        if last < first:
            raise ParseError(path, f"{where}: період «{match.group(0)}» закінчується раніше, "
                             "ніж починається", line=line)
        return YearSpan(where, match.group(0), first, last, line)
    single = re.search(r"(?<![0-9])([0-9]{4})(?![0-9])", text)
    if single:
        year = _year(single.group(1), line, path, where)
        return YearSpan(where, single.group(1), year, year, line)
    return None


def title_spans(lines: list[Line], path: Path) -> list[YearSpan]:
    """Year spans printed in the text before Annex A («на 2018-2020 роки», «упродовж …»)."""
    spans = []
    for line in lines:
        for match in TITLE_SPAN.finditer(line.text):
            first = int(match.group(1))
            last = int(match.group(2))
            if FIRST_YEAR <= first <= last <= LAST_YEAR:
                spans.append(YearSpan("текст", match.group(0), first, last, line.number))
    return spans


def amount_cell(text: str, line: int, path: Path, what: str) -> Cell:
    """Classify an amount cell; a malformed number (e.g. «12,3,4») is a ParseError."""
    kind, values = classify(text)
    if kind is CellKind.MALFORMED:
        raise ParseError(path, f"{what}: неправильне число «{text[:40]}»", line=line)
    check_magnitude(values, text, line, path, what)
    return Cell(text, kind, values, line)


def check_magnitude(values: list[Decimal], text: str, line: int, path: Path, what: str) -> None:
    """An amount of more than 12 integer digits or 6 decimals is a misprint, not a budget."""
    for value in values:
        _, digits, exponent = value.as_tuple()
        integer_digits = len(digits) + exponent if isinstance(exponent, int) else 99
        if integer_digits > MAX_INTEGER_DIGITS:
            raise ParseError(path, f"{what}: число «{text[:40]}» завелике для суми (понад "
                             f"{MAX_INTEGER_DIGITS} цифр до коми)", line=line)
        if -exponent > MAX_DECIMALS:
            raise ParseError(path, f"{what}: у числі «{text[:40]}» понад {MAX_DECIMALS} цифр "
                             "після коми", line=line)


# ---------------------------------------------------------------- passport


def read_passport(lines: list[Line], path: Path) -> list[PassportItem]:
    """Items 1-12 of the passport; lines without an item number continue the item above."""
    items: list[PassportItem] = []
    for line in lines:
        cells = line.cells
        if not any(cells):
            continue
        match = re.match(r"^([0-9]{1,2})\.$", cells[0])
        if match and len(cells) >= 3:
            items.append(PassportItem(int(match.group(1)), cells[1], cells[2], line.number,
                                      [line]))
        elif items:
            items[-1].lines.append(line)
    if not items:
        raise ParseError(path, "паспорт програми без пунктів",
                         line=lines[0].number if lines else None)
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
    total = re.search(r"–\s*([0-9]{1,3}(?: [0-9]{3})*(?:, ?[0-9]+)?)\s*тис\.?\s*грн", item.value)
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


def read_kpi_targets(item: PassportItem, path: Path) -> list[KpiTarget]:
    """Item 12: the key KPI targets («… – ТОП 3 (за 2020 рік)», «… – не нижче 3,5 …»)."""
    text = passport_text(item)
    pattern = re.compile(
        r"^(?P<name>.+?)\s+[–-]\s+(?P<target>(?:ТОП[\s-]*(?P<rank>[0-9]{1,4}))|"
        r"(?:не нижче\s+(?P<score>[0-9]+(?:,[0-9]+)?)(?:\s*бал\w*)?))"
        r"\s*\(за\s+(?P<year>[0-9]{4})\s*рік\)"
    )
    targets = []
    for chunk in re.split(r"(?:^|;)\s*-\s+", text):
        chunk = chunk.strip(" .;")
        if not chunk:
            continue
        match = pattern.match(chunk)
        if match:
            score = parse_number(match["score"]) if match["score"] else None
            if score is not None:
                check_magnitude([score], match["score"], item.source_line, path, "паспорт, "
                                "ключові показники")
            targets.append(KpiTarget(
                name=match["name"].strip(), target_text=match["target"].strip(),
                rank_max=int(match["rank"]) if match["rank"] else None,
                score_min=score,
                year=_year(match["year"], item.source_line, path, "паспорт, ключові показники"),
                source_line=item.source_line, understood=True))
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


def _stage_column(text: str, line: int, path: Path) -> str:
    """A column of Table 6.1: a year («ЕТАП I (2018 рік)»), years («2021-2022») or the total."""
    span = YEAR_SPAN.search(text)
    if span:
        first = _year(span.group(1), line, path, "таблиця 6.1")
        last = _year(span.group(2), line, path, "таблиця 6.1")
        if last <= first:
            raise ParseError(path, f"таблиця 6.1: етап «{text}» закінчується раніше, ніж "
                             "починається", line=line)
        return f"{first}-{last}"
    year = re.search(r"(?<![0-9])([0-9]{4})(?![0-9])", text)
    if year:
        return str(_year(year.group(1), line, path, "таблиця 6.1"))
    if re.search(r"всього|усього|разом", text, re.I):
        return "total"
    raise ParseError(path, f"таблиця 6.1: стовпець «{text[:60]}» — ні рік, ні «Всього»",
                     line=line)


def read_resources(lines: list[Line], path: Path, years: tuple[str, ...]) -> list[ResourceRow]:
    """Table 6.1: one row per source, amounts for the stages (years) and the total."""
    header_index = next((i for i, line in enumerate(lines) if "\t" in line.text and any(
        re.search(r"[0-9]{4}", c) for c in line.cells[1:])), None)
    if header_index is None:
        raise ParseError(path, "таблиця 6.1 без заголовка з етапами (роками)",
                         line=lines[0].number if lines else None)
    header = lines[header_index]
    columns = [_stage_column(text, header.number, path) for text in header.cells[1:] if text]
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
            raise ParseError(path, f"таблиця 6.1: очікується {len(columns) + 1} клітинок, "
                             f"знайдено {len(cells)}", line=line.number)
        amounts = {col: amount_cell(text, line.number, path, "таблиця 6.1")
                   for col, text in zip(columns, cells[1:], strict=False)}
        rows.append(ResourceRow(resource_source(cells[0], line.number, path), cells[0],
                                amounts, line.number))
    if not rows:
        raise ParseError(path, "таблиця 6.1 без рядків", line=header.number)
    sources = [r.source for r in rows]
    duplicate = next((r for i, r in enumerate(rows) if r.source in sources[:i]), None)
    if duplicate is not None:
        raise ParseError(path, f"таблиця 6.1: джерело «{duplicate.label[:40]}» повторюється",
                         line=duplicate.source_line)
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
            after = "" if self.annex_b_follows else (
                " і після нього немає додатка Б «ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ»")
            raise ParseError(self.path, f"додаток А закінчується без рядка РАЗОМ{after} (файл "
                             "обрізано?)", line=last)
        if not self.measures:
            raise ParseError(self.path, "у додатку А немає жодного заходу",
                             line=self.lines[0].number if self.lines else None)
        return AnnexA(self.sections, self.measures, self.totals, self.grand_total, self.stray,
                      self.outside, self.footnotes, self.lines[0].number,
                      self.grand_total.source_line, self.slips)

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
        grand_at = next((i for i, c in enumerate(cells) if c in GRAND_LABELS), None)
        if grand_at is not None:
            self.grand_total = self._total_row(line, cells, grand_at, "total")
            return
        total_at = next((i for i, c in enumerate(cells) if c in TOTAL_LABELS), None)
        if total_at is not None:
            if not self.sections:
                raise ParseError(self.path, "рядок ВСЬОГО до першого напряму", line=line.number)
            section = str(self.sections[-1].number)
            if any(t.section == section for t in self.totals):
                raise ParseError(self.path, f"другий рядок ВСЬОГО напряму {section}",
                                 line=line.number)
            self.totals.append(self._total_row(line, cells, total_at, section))
            self.current = None
        heading = SECTION_HEADING.match(cells[0])
        if heading and not MEASURE_ID.match(cells[0]):
            self.sections.append(Section(int(heading.group(1)), heading.group(2).strip(),
                                         line.number))
            self.current = None
            return
        if total_at is not None:
            return
        match = MEASURE_ID.match(cells[0])
        if match:
            self._start_measure(line, cells, match.group(1), (match.group(2) or "").strip())
        elif self.sections or self.measures:
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

    def _total_row(self, line: Line, cells: list[str], at: int, section: str) -> TotalRow:
        values = [text for text in cells[at + 1:] if text]
        width = len(self.layout)
        if len(values) < width:
            raise ParseError(self.path, f"рядок {cells[at]}: очікується {width} сум "
                             f"({', '.join(self.years)}, всього), знайдено {len(values)}",
                             line=line.number)
        amounts = {col: amount_cell(text, line.number, self.path, cells[at])
                   for col, text in zip(self.layout, values, strict=False)}
        for text in values[width:]:
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
            raise ParseError(self.path, f"неправильне число «{text[:40]}»", line=line)
        for value in values:
            self.stray.append(StrayNumber(line, value, text, measure_id, where))


# ---------------------------------------------------------------- Annex B


def read_indicators(lines: list[Line], path: Path, years: tuple[str, ...]
                    ) -> tuple[list[Indicator], int, tuple[str, ...], int | None]:
    """Annex B: the four groups of indicators.

    Returns them, the table's last line, its periods (``baseline`` where the header has
    «Вихідні дані», then the header's years; the programme's years when it has no header with
    years) and the header's line.
    """
    indicators: list[Indicator] = []
    group: str | None = None
    seen_groups: list[str] = []
    last = lines[0].number if lines else 0
    periods: tuple[str, ...] | None = None
    header_line = None
    seen: set[tuple[str, int]] = set()
    twice: ParseError | None = None
    for line in lines:
        cells = line.cells
        if not any(cells):
            continue
        head = re.sub(r"\s+", " ", cells[0]).upper().rstrip(":")
        if head in ANNEX_B_GROUPS:
            group = ANNEX_B_GROUPS[head]
            if group in seen_groups:
                raise ParseError(path, f"додаток Б: група «{cells[0]}» вдруге", line=line.number)
            seen_groups.append(group)
            last = line.number
            continue
        if cells[0].startswith("№") or (periods is None and group is None and "\t" in line.text
                                        and any(YEAR_CELL.match(c) for c in cells)):
            if periods is None:
                found = header_years(line, path, "додаток Б")
                if found:
                    baseline = any(re.search(r"вихідн|базов|на\s+початок", c, re.I)
                                   for c in cells)
                    periods = ("baseline", *found) if baseline else found
                    header_line = line.number
            continue
        if re.fullmatch(r"[0-9]{1,2}\.?", cells[0]) and group is not None:
            periods = periods or ("baseline", *years)
            width = 3 + len(periods)
            if len(cells) < width:
                shown = ", ".join(PERIOD_WORDS.get(p, p) for p in periods)
                raise ParseError(path, f"додаток Б: очікується {width} клітинок (№, назва, "
                                 f"одиниця, {shown}), знайдено {len(cells)}", line=line.number)
            number = int(cells[0].rstrip("."))
            if (group, number) in seen and twice is None:
                twice = ParseError(path, f"додаток Б: показник {number} групи «"
                                   f"{GROUP_HEADINGS[group]}» надруковано вдруге",
                                   line=line.number)
            seen.add((group, number))
            values = {}
            for period, text in zip(periods, cells[3:width], strict=True):
                values[period] = amount_cell(text, line.number, path,
                                             f"додаток Б, показник {cells[0]}")
            indicators.append(Indicator(group, number, cells[1], cells[2], values, line.number))
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
            raise ParseError(path, f"додаток Б: група «{GROUP_HEADINGS[group_name]}» без "
                             "показників", line=last)
    if twice is not None:
        raise twice
    return indicators, last, tuple(periods or ("baseline", *years)), header_line


# ---------------------------------------------------------------- the whole document


def _passport_item(passport: list[PassportItem], label: str,
                   number: int | None = None) -> PassportItem | None:
    """A passport item by its label (any numbering), else by its usual number."""
    pattern = re.compile(label, re.I)
    return next((i for i in passport if pattern.search(i.label)),
                next((i for i in passport if i.item == number), None))


def annex_a_header(lines: list[Line], path: Path
                   ) -> tuple[tuple[str, ...], int | None, tuple[str, ...]]:
    """The year columns of Annex A's table header (before the first direction), its line and
    the order of the amount columns («Всього» after the years, or before them)."""
    for line in lines:
        cells = line.cells
        if cells and (SECTION_HEADING.match(cells[0]) or MEASURE_ID.match(cells[0])):
            break
        years = header_years(line, path, "заголовок таблиці додатка А")
        if years:
            at = [i for i, c in enumerate(cells) if YEAR_CELL.match(c)]
            before = cells[at[0] - 1] if at[0] > 0 else ""
            total_first = bool(re.match(r"^(?:всього|усього|разом)\b", before, re.I))
            return years, line.number, ("total", *years) if total_first else (*years, "total")
    return (), None, ()


def read_document(path: Path, quirks: Quirks | Callable[[str, str], Quirks],
                  raw: bytes | None = None) -> Document:
    """Read a decision text into records; raise ParseError on anything unreadable.

    ``quirks`` is a quirk set, or a function choosing one from the text's sha256 and text.
    """
    import hashlib

    if raw is None:
        from .safe_io import read_regular  # regular files only, size checked before reading

        raw = read_regular(path)
    text, encoding = decode(raw, path)
    lines = split_lines(text)
    normalised = "\n".join(line.text for line in lines).encode("utf-8")
    text_sha256 = hashlib.sha256(normalised).hexdigest()
    if callable(quirks):
        quirks = quirks(text_sha256, text)
    marks, missing = find_parts(lines, path)
    end_of_annex_a = marks.get("annex_b", len(lines))
    passport_end = next((i for i in range(marks["passport"] + 1, marks.get(
        "resources", marks["annex_a"])) if is_heading(lines[i])
        and TEXT_HEADING.match(lines[i].stripped)), marks.get("resources", marks["annex_a"]))
    passport = read_passport(lines[marks["passport"] + 1: passport_end], path)
    term_item = _passport_item(passport, r"термін|строк")
    term = None
    if term_item is not None:
        term = read_span(passport_text(term_item), term_item.source_line, path,
                         "паспорт, термін реалізації")
    annex_a_lines = lines[marks["annex_a"] + 1: end_of_annex_a]
    found_years, header_line, layout = annex_a_header(annex_a_lines, path)
    years = found_years or (span_years(term) if term else ())
    if not years:
        raise ParseError(path, "не знайдено років програми: ні в заголовку таблиці додатка А "
                         "(стовпці років), ні в терміні реалізації паспорта",
                         line=lines[marks["annex_a"]].number)
    funding_item = _passport_item(passport, r"обсяг\s+фінансов|фінансових\s+ресурсів", 10)
    kpi_item = _passport_item(passport, r"ключові\s+показники|показники\s+ефективності", 12)
    for item, what in ((funding_item, "загального обсягу фінансових ресурсів"),
                       (kpi_item, "ключових показників ефективності")):
        if item is None:
            missing.append(MissingPart("passport", f"у паспорті не знайдено {what}",
                                       lines[marks["passport"]].number))
    resources: list[ResourceRow] = []
    resources_title = ""
    if "resources" in marks:
        block = lines[marks["resources"]: marks["annex_a"]]
        resources_title = next((ln.stripped for ln in block if ln.stripped and "\t" not in ln.text
                                and YEAR_SPAN.search(ln.text)), "")
        resources = read_resources(block[1:], path, years)
    annex_a = AnnexAReader(annex_a_lines, path, quirks, years, annex_b_follows="annex_b" in marks,
                           layout=layout or None).read()
    indicators: list[Indicator] = []
    annex_b_lines = None
    annex_b_periods: tuple[str, ...] = ()
    annex_b_header = None
    if "annex_b" in marks:
        indicators, annex_b_last, annex_b_periods, annex_b_header = read_indicators(
            lines[marks["annex_b"] + 1:], path, years)
        annex_b_lines = (lines[marks["annex_b"]].number, annex_b_last)
    return Document(
        path=path, encoding=encoding, sha256=hashlib.sha256(raw).hexdigest(), lines=lines,
        passport=passport,
        passport_funding=read_passport_funding(funding_item, path) if funding_item else [],
        kpi_targets=read_kpi_targets(kpi_item, path) if kpi_item else [],
        resources=resources,
        resources_lines=((resources[0].source_line, resources[-1].source_line)
                         if resources else None),
        annex_a=annex_a, indicators=indicators, annex_b_lines=annex_b_lines,
        years=years, text_sha256=text_sha256, term=term, quirks=quirks,
        header_years=found_years, header_line=header_line, annex_b_periods=annex_b_periods,
        annex_b_header_line=annex_b_header,
        spans=title_spans(lines[: marks["annex_a"]], path), missing=missing,
        resources_title=resources_title,
    )
