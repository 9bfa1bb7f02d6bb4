"""The text's layout: decoding, lines, where each part begins, years and amount cells.

The text is what a PDF/DOCX extraction gave: cells separated by tabs, table rows broken by
the page layout. Headings are matched whatever their case and numbering; a heading in the
table of contents is told from the real one by the table that follows it.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.model import Cell, Line, MissingPart, YearSpan
from zhytomyr_kpi.document.numbers import CellKind, classify
from zhytomyr_kpi.document.vocabulary import (
    CONTENTS_ENTRY,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DECIMALS,
    MAX_INTEGER_DIGITS,
    PARTS,
    TEXT_HEADING,
    TITLE_SPAN,
    YEAR_CELL,
    YEAR_SPAN,
    is_source,
    part_of,
)


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode the bytes: UTF-8 (with or without BOM), else Windows-1251; say which."""
    if not raw.strip():
        raise ParseError(path, "файл порожній")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(path, "файл у кодуванні UTF-16; збережіть його як текст UTF-8")
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
        CONTENTS_ENTRY.search(text) and not text.lower().startswith("таблиця"))


def _table_follows(lines: list[Line], index: int, within: int = 15) -> bool:
    """A part's heading is followed by its table (tab-separated cells) within a few lines;
    the same words in a table of contents or in the text are not."""
    for line in lines[index + 1: index + 1 + within]:
        if "\t" in line.text:
            return True
        if is_heading(line) and (TEXT_HEADING.match(line.stripped)
                                 or part_of(line.stripped) is not None):
            return False  # the next heading comes first: a table of contents
    return False


def _part_hint(key: str) -> str:
    """What to do when a part's heading is written in other words: the row to add."""
    return (f"якщо заголовок цієї частини написано інакше, додайте до "
            f"{wordings.extend_target()} рядок «part,<заголовок>,{key},<причина>»")


def find_parts(lines: list[Line], path: Path) -> tuple[dict[str, int], list[MissingPart]]:
    """Index of the first line of each part, in order; missing optional parts are reported.

    A heading is the form's («Паспорт програми», «Додаток А …») or a ``part`` wording of
    ``vocabulary.csv``; a missing part's message says which row would name another heading.
    A missing essential part (the passport, Annex A) is a ParseError naming it.
    """
    found: dict[str, int] = {}
    missing: list[MissingPart] = []
    start = 0
    for key, (pattern, what, essential) in PARTS.items():
        index = next((i for i in range(start, len(lines)) if is_heading(lines[i])
                      and (pattern.match(lines[i].stripped) or part_of(lines[i].stripped) == key)
                      and _table_follows(lines, i)), None)
        if index is None:
            if not essential:
                missing.append(MissingPart(key, f"не знайдено {what} ({_part_hint(key)})", None))
            continue
        found[key] = index
        start = index + 1
    absent = [key for key, (_, _, essential) in PARTS.items() if essential and key not in found]
    if len(absent) > 1:
        raise ParseError(path, "це не рішення про міську цільову програму: не знайдено ні "
                         "паспорта програми, ні додатка А", line=1)
    if absent:
        hint = _part_hint(absent[0])  # capitalised by hand: a path keeps its capitals
        last = next((line.number for line in reversed(lines) if line.stripped), 1)
        raise ParseError(path, f"не знайдено {PARTS[absent[0]][1]} (файл обрізано або це інший "
                         f"документ? {hint[0].upper()}{hint[1:]})", line=last)
    return found, missing


def read_year(text: str, line: int, path: Path, what: str) -> int:
    """A printed year, checked to be plausible («0020» is not)."""
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ParseError(path, f"{what}: рік «{text}» неможливий (очікується "
                         f"{FIRST_YEAR}-{LAST_YEAR})", line=line)
    return year


def header_years(line: Line, path: Path, what: str,
                 pattern: re.Pattern[str] = YEAR_CELL) -> tuple[str, ...]:
    """The year columns of a table header («2018», «2019 рік»), in order and ascending."""
    years = [str(read_year(m.group(1), line.number, path, what)) for cell in line.cells
             if (m := pattern.match(cell))]
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
        first = read_year(match.group(1), line, path, where)
        last = read_year(match.group(2), line, path, where)
        if last < first:
            raise ParseError(path, f"{where}: період «{match.group(0)}» закінчується раніше, "
                             "ніж починається", line=line)
        return YearSpan(where, match.group(0), first, last, line)
    single = re.search(r"(?<![0-9])([0-9]{4})(?![0-9])", text)
    if single:
        year = read_year(single.group(1), line, path, where)
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
        raise ParseError(path, f"{what}: неправильне число «{clip(text, 40)}»", line=line)
    check_magnitude(values, text, line, path, what)
    return Cell(text, kind, values, line)


def check_magnitude(values: list[Decimal], text: str, line: int, path: Path, what: str) -> None:
    """An amount of more than 12 integer digits or 6 decimals is a misprint, not a budget."""
    for value in values:
        _, digits, exponent = value.as_tuple()
        integer_digits = len(digits) + exponent if isinstance(exponent, int) else 99
        if integer_digits > MAX_INTEGER_DIGITS:
            raise ParseError(path, f"{what}: число «{clip(text, 40)}» завелике для суми (понад "
                             f"{MAX_INTEGER_DIGITS} цифр до коми)", line=line)
        if -exponent > MAX_DECIMALS:
            raise ParseError(path, f"{what}: у числі «{clip(text, 40)}» понад {MAX_DECIMALS} цифр "
                             "після коми", line=line)


def find_source(cells: list[str], start: int) -> int | None:
    """The first cell from ``start`` that a wording names as a funding source."""
    return next((i for i in range(start, len(cells)) if is_source(cells[i])), None)


_AMOUNT_LIKE = (CellKind.NUMBER, CellKind.DASH, CellKind.EMPTY)


def source_by_place(cells: list[str], width: int) -> int | None:
    """The source cell of a row whose source no wording names: the text cell right before
    the first run of ``width`` amount cells (the form's order: … executors, source, amounts),
    at the source's earliest place (after the id, a text and the executors)."""
    for start in range(3, len(cells) - width + 1):
        run = cells[start: start + width]
        if classify(cells[start - 1])[0] is CellKind.TEXT and all(
                classify(c)[0] in _AMOUNT_LIKE for c in run) and any(
                classify(c)[0] is CellKind.NUMBER for c in run):
            return start - 1
    return None
