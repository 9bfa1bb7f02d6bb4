"""The records a decision text is read into, each with the line(s) it came from.

Plain dataclasses, no pandas: the passport items, Table 6.1 rows, Annex A's directions,
measures and totals, Annex B's indicators, and the whole :class:`Document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from zhytomyr_kpi.document.numbers import CellKind
from zhytomyr_kpi.document.quirks import Quirks
from zhytomyr_kpi.document.wordings import Unknown, Wordings


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

    def in_thousands(self, factor: Decimal) -> None:
        """Convert the values to thousand UAH (``factor`` from
        :func:`zhytomyr_kpi.document.units.money_unit`); the printed text stays as printed."""
        if factor != 1:
            self.values = [value * factor for value in self.values]


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
    #: A row of its own money under a measure, without a number: the measure's share from a
    #: second source («державний бюджет (ДФРР)» under 1.1's «бюджет громади»); the id of the
    #: measure it belongs to. Its id is «1.1#2»; it counts in the totals like any measure.
    funding_part_of: str | None = None


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
    #: Rows under РАЗОМ that split it by source («у тому числі: місцевий бюджет …») or state
    #: it again («Всього по Програмі»): compared with the measures like Table 6.1's rows.
    grand_split: list[ResourceRow] = field(default_factory=list)


@dataclass
class ResourceRow:
    """A source of Table 6.1. Rows printed separately that mean the same source («кошти
    інвесторів» and «інші джерела», both «other») are one row of their sum: ``parts`` are the
    printed rows, each with its label, cells and line; a printed row is its own only part."""

    source: str
    label: str
    amounts: dict[str, Cell]
    source_line: int
    parts: tuple[ResourceRow, ...] = ()
    #: Rows printed under it as its parts («у т.ч. загальний фонд …»): not sources of their
    #: own, not added to anything; checked against it.
    details: list[ResourceRow] = field(default_factory=list)

    @property
    def printed(self) -> tuple[ResourceRow, ...]:
        """The rows as the table prints them (a sum's parts, or the row itself)."""
        return self.parts or (self,)


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
    #: The unit's code («тис. грн» → kuah), resolved once when read: the form's units
    #: (``units.UNIT_CODES``), a ``vocabulary.csv`` row of kind ``unit`` first; None if unknown.
    unit_code: str | None = None


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
    #: The vocabulary wordings in force when it was read, and what no wording named.
    wordings: Wordings | None = None
    unknown_wordings: list[Unknown] = field(default_factory=list)
    #: Places whose amounts are printed in another unit than thousand UAH, with the factor
    #: they were converted by (``units.money_unit``): {"додаток А": Decimal("0.001")}.
    printed_units: dict[str, Decimal] = field(default_factory=dict)

    @property
    def money_note(self) -> str:
        """What a reader of the findings must know when the document prints money in грн or
        млн грн: the amounts of the findings and tables are thousand UAH (empty otherwise)."""
        from zhytomyr_kpi.document.units import factor_label

        if not self.printed_units:
            return ""
        by_unit: dict[str, list[str]] = {}
        for place, factor in self.printed_units.items():
            by_unit.setdefault(factor_label(factor), []).append(place)
        printed = ", ".join(f"в {unit} ({', '.join(places)})" for unit, places in by_unit.items())
        return (f"Суми документа надруковано {printed}; у знахідках і таблицях їх перераховано "
                "в тис. грн")

    @property
    def periods(self) -> tuple[str, ...]:
        """Annex B periods: the baseline (where printed), then the years of its header."""
        return self.annex_b_periods or ("baseline", *self.years)

    @property
    def annex_b_years(self) -> tuple[str, ...]:
        return tuple(p for p in self.annex_b_periods if p != "baseline")
