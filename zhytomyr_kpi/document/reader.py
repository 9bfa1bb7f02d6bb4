"""Raw decision text → the :class:`~zhytomyr_kpi.document.model.Document`, line numbers kept.

This module finds the parts of the document (passport, Table 6.1, Annex A, Annex B) and
hands each to its reader; it never adds up or judges anything (that is
:mod:`zhytomyr_kpi.checks`). Every record keeps the line it came from.

Nothing here is specific to one programme: the years are those of Annex A's table header
(else the passport's term), headings are matched whatever their case and numbering, Table 6.1
and Annex B may be missing (recorded in ``Document.missing``), and the document's own quirks
come from the reviewed set that declares it (:mod:`zhytomyr_kpi.document.quirks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.annex_a import AnnexAReader, annex_a_header
from zhytomyr_kpi.document.annex_b import read_indicators
from zhytomyr_kpi.document.layout import (
    decode,
    find_parts,
    is_heading,
    read_span,
    span_years,
    split_lines,
    title_spans,
)
from zhytomyr_kpi.document.model import (
    Document,
    Indicator,
    Line,
    MissingPart,
    PassportItem,
    ResourceRow,
)
from zhytomyr_kpi.document.numbers import is_number, parse_number
from zhytomyr_kpi.document.passport import (
    passport_text,
    read_kpi_targets,
    read_passport,
    read_passport_funding,
)
from zhytomyr_kpi.document.quirks import Quirks
from zhytomyr_kpi.document.resources import read_resources
from zhytomyr_kpi.document.units import money_unit_above, section_money_unit
from zhytomyr_kpi.document.vocabulary import MEASURE_ID, SECTION_HEADING, TEXT_HEADING, YEAR_SPAN


def _passport_item(passport: list[PassportItem], label: str,
                   number: int | None = None) -> PassportItem | None:
    """A passport item by its label (any numbering), else by its usual number."""
    pattern = re.compile(label, re.I)
    return next((i for i in passport if pattern.search(i.label)),
                next((i for i in passport if i.item == number), None))


def read_document(path: Path, quirks: Quirks | Callable[[str, str], Quirks],
                  raw: bytes | None = None) -> Document:
    """Read a decision text into records; raise ParseError on anything unreadable.

    ``quirks`` is a quirk set, or a function choosing one from the text's sha256 and text.
    The wordings of the vocabulary files that apply to it (:mod:`~zhytomyr_kpi.document.
    wordings`) are in force while it is read; what no wording names is kept in
    ``Document.unknown_wordings`` (the rest is read, the checks report it).
    """
    words = wordings.load(path)
    with wordings.reading(words) as unknown:
        document = _read(path, quirks, raw)
    document.wordings = words
    document.unknown_wordings = list(unknown)
    return document


def _read(path: Path, quirks: Quirks | Callable[[str, str], Quirks],
          raw: bytes | None) -> Document:
    import hashlib

    from zhytomyr_kpi.basics.safe_io import MAX_DECISION_BYTES

    if raw is None:
        from zhytomyr_kpi.basics.safe_io import (
            read_regular,  # regular files only, size checked before reading
        )

        raw = read_regular(path, MAX_DECISION_BYTES)
    elif len(raw) > MAX_DECISION_BYTES:  # text handed over (an upload): the same limit
        def mb(size: int) -> str:
            return f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise ParseError(path, f"файл завеликий ({mb(len(raw))} МБ; межа "
                               f"{mb(MAX_DECISION_BYTES)} МБ)")
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
    funding_item = _passport_item(
        passport, r"обсяг\s+фінансов|фінансових\s+ресурсів|^загальний\s+обсяг", 10)
    kpi_item = _passport_item(passport, r"ключові\s+показники|показники\s+ефективності", 12)
    for item, what in ((funding_item, "загального обсягу фінансових ресурсів"),
                       (kpi_item, "ключових показників ефективності")):
        if item is None:
            missing.append(MissingPart("passport", f"у паспорті не знайдено {what}",
                                       lines[marks["passport"]].number))
    resources: list[ResourceRow] = []
    resources_title = ""
    converted: dict[str, Decimal] = {}  # where amounts were printed in another unit
    if "resources" in marks:
        block = lines[marks["resources"]: marks["annex_a"]]
        resources_title = next((ln.stripped for ln in block if ln.stripped and "\t" not in ln.text
                                and YEAR_SPAN.search(ln.text)), "")
        resources = read_resources(block[1:], path, years)
        factor = money_unit_above([ln.text for ln in block[:_first_row(block)]])
        converted["таблиця 6.1"] = factor
        for row in resources:
            printed = [*row.printed, *(d for r in row.printed for d in r.details)]
            for cell in {id(c): c for r in (row, *printed) for c in r.amounts.values()
                         }.values():  # a sum's own cells, its printed rows' and their parts'
                cell.in_thousands(factor)
    annex_a = AnnexAReader(annex_a_lines, path, quirks, years, annex_b_follows="annex_b" in marks,
                           layout=layout or None).read()
    heading = lines[marks["annex_a"]: marks["annex_a"] + 1 + _first_direction(annex_a_lines)]
    factor = money_unit_above([ln.text for ln in heading])
    # a direction whose heading names its own unit («… (обсяги фінансування – у гривнях)»)
    # is in that unit, its measures and its subtotal; the rest in the table's
    own = {str(s.number): f for s in annex_a.sections if (f := section_money_unit(s.title))}
    converted["додаток А"] = factor
    converted.update({f"напрям {section}": f for section, f in own.items()})
    for row in [*annex_a.measures, *annex_a.totals, annex_a.grand_total]:
        section = str(row.section)
        for cell in row.amounts.values():
            cell.in_thousands(own.get(section, factor))
    for row in annex_a.grand_split:  # in the table's unit, as the РАЗОМ row above it
        for cell in row.amounts.values():
            cell.in_thousands(factor)
    indicators: list[Indicator] = []
    annex_b_lines = None
    annex_b_periods: tuple[str, ...] = ()
    annex_b_header = None
    if "annex_b" in marks:
        indicators, annex_b_last, annex_b_periods, annex_b_header = read_indicators(
            lines[marks["annex_b"] + 1:], path, years)
        annex_b_lines = (lines[marks["annex_b"]].number, annex_b_last)
    passport_funding = read_passport_funding(funding_item, path) if funding_item else []
    for item in passport_funding[:1]:  # the passport's unit, as its total was converted
        if item.cell.value and is_number(item.cell.text):
            converted["паспорт"] = item.cell.value / parse_number(item.cell.text)
    return Document(
        path=path, encoding=encoding, sha256=hashlib.sha256(raw).hexdigest(), lines=lines,
        passport=passport,
        passport_funding=passport_funding,
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
        printed_units={place: f for place, f in converted.items() if f != 1},
    )


def _first_row(block: list[Line]) -> int:
    """Index of Table 6.1's first line with cells (its title and unit are above it)."""
    return next((i for i, line in enumerate(block) if "\t" in line.text), len(block))


def _first_direction(lines: list[Line]) -> int:
    """Index of Annex A's first direction or measure (its heading and header are above)."""
    return next((i for i, line in enumerate(lines) if line.cells and (
        SECTION_HEADING.match(line.cells[0]) or MEASURE_ID.match(line.cells[0]))), len(lines))
