"""What a check finds, and what every check reads: the document, its structure, its years.

Shared by the reconciliation checks (:mod:`zhytomyr_kpi.checks.catalogue`) and the auditor's checks
(:mod:`zhytomyr_kpi.checks.audit`). ``delta = stated - computed``; amounts are exact decimals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from zhytomyr_kpi.basics.wording import format_uk
from zhytomyr_kpi.document.model import Cell, Document, Measure
from zhytomyr_kpi.document.roles import MeasureRole

#: Amounts are exact decimals, so sums need no tolerance; this one only absorbs the
#: smallest printed unit (0,001 тис. грн = 1 грн) should a document print rounded sums.
SUM_TOLERANCE_KUAH = Decimal("0.0005")
STATUS_OF = {"error": "FAIL", "warning": "WARN"}
#: A check that had nothing to verify (``checked == 0``, no error or warning): not a PASS.
SKIPPED = "SKIP"
#: Said after the title of such a check, wherever the catalogue is shown (the console, the
#: checks table, the workbook), until ``checks.status`` of the data contract allows SKIP.
NOT_APPLIED = "(не застосовано)"


def column_labels(years: tuple[str, ...]) -> dict[str, str]:
    """Amount columns → how messages name them: each year, and the total as «2018-2020»."""
    term = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return {**{year: year for year in years}, "total": term}


@dataclass
class Finding:
    """One inconsistency (or notable fact) of the document, with where it is."""

    check: str
    severity: str
    location: str
    message: str
    source_line: int | None = None
    measure_id: str | None = None
    year: str | None = None
    stated: Decimal | None = None
    computed: Decimal | None = None
    stated_text: str = ""
    computed_text: str = ""

    @property
    def delta(self) -> Decimal | None:
        if self.stated is None or self.computed is None:
            return None
        return self.stated - self.computed


@dataclass
class CheckResult:
    check: str
    title: str
    checked: int
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def applied(self) -> bool:
        """Whether the check had anything to verify (a finding counts: it says why not)."""
        return self.checked > 0 or any(f.severity != "info" for f in self.findings)

    @property
    def outcome(self) -> str:
        """FAIL (an error), WARN (a warning), SKIP (nothing verified, «не застосовано») or PASS.

        A check that ran 0 times has verified nothing, so it is never PASS: another programme
        without the part a check reads (no breakdowns, no pairs to divide) must not look as if
        that part had been checked and agreed.
        """
        return self.status if self.applied else SKIPPED

    @property
    def status(self) -> str:
        """The data contract's PASS, WARN or FAIL (its ``checks.status`` allows no more yet);
        a check not applied also carries :data:`NOT_APPLIED` in its title."""
        for severity in ("error", "warning"):
            if self.count(severity):
                return STATUS_OF[severity]
        return "PASS"


@dataclass
class Context:
    document: Document
    roles: dict[str, MeasureRole]
    #: Each measure's funding source code, worked out once per run (``audit.funding_code``).
    source_codes: dict[str, str | None] = field(default_factory=dict)

    @property
    def measures(self) -> list[Measure]:
        return self.document.annex_a.measures

    @property
    def years(self) -> tuple[str, ...]:
        return self.document.years

    @property
    def labels(self) -> dict[str, str]:
        return column_labels(self.document.years)


def fmt(value: Decimal | None) -> str:
    return format_uk(value) if value is not None else "—"


def total_of(cells: Iterable[Cell]) -> Decimal:
    return sum((c.value for c in cells if c.value is not None), Decimal(0))


def whole_term(measure: Measure, years: Iterable[str]) -> Decimal | None:
    """A measure's money over the whole term, as the sums above it add it: its years added
    up, so that a row whose printed «Всього» does not add up is reported once, on its row,
    and not again in every total above it; its printed «Всього» where no year cell holds a
    number."""
    values = [measure.amounts[y].value for y in years
              if y in measure.amounts and measure.amounts[y].value is not None]
    if values:
        return sum(values, Decimal(0))
    cell = measure.amounts.get("total")
    return cell.value if cell is not None else None


def where(measure: Measure) -> str:
    return f"захід {measure.measure_id} (рядок {measure.source_line})"


def passport_place(document, line: int | None) -> str:
    """«паспорт, п. 8»: the passport item a line belongs to, by the number the programme
    gives it (No. 1685's funding is item 10, another programme's may be item 8)."""
    item = next((i for i in document.passport if line is not None and (
        i.source_line == line or any(ln.number == line for ln in i.lines))), None)
    return f"паспорт, п. {item.item}" if item is not None else "паспорт"


def mismatch(stated: Decimal, computed: Decimal, tolerance: Decimal = SUM_TOLERANCE_KUAH) -> bool:
    return abs(stated - computed) > tolerance
