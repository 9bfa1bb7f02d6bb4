"""The parsed programme: the document's records, its measures' roles and the check results.

A plain object, without pandas: what the rooms above (tables, actuals, analysis) start from.
:func:`parse_programme` is the whole of reading and reconciling a decision text; the
friendly facade with the lazy tables (:class:`zhytomyr_kpi.program.Program`) builds on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from zhytomyr_kpi.checks.catalogue import run_checks
from zhytomyr_kpi.checks.findings import CheckResult, Finding
from zhytomyr_kpi.document.heading import programme_name
from zhytomyr_kpi.document.model import Document
from zhytomyr_kpi.document.passport import passport_text
from zhytomyr_kpi.document.quirks import Quirks
from zhytomyr_kpi.document.reader import read_document
from zhytomyr_kpi.document.roles import MeasureRole, apply_text_corrections, measure_roles


class ParsedProgramme:
    """The programme as read from one decision text and checked against itself."""

    def __init__(self, document: Document, roles: dict[str, MeasureRole],
                 results: list[CheckResult]) -> None:
        self.document = document
        self.roles = roles
        self.check_results = results

    @property
    def path(self) -> Path:
        return self.document.path

    @property
    def sha256(self) -> str:
        return self.document.sha256

    @property
    def years(self) -> tuple[str, ...]:
        """The programme's years as text, in order (e.g. ``("2018", "2019", "2020")``).

        Read from the table header of Annex A (else the passport's term); everything outside
        the parser asks the programme for its years; no module holds a year constant.
        """
        return self.document.years

    @property
    def title(self) -> str:
        """The programme's name: the passport's «Назва програми» item, else the decision's
        subject («Про затвердження … програми …», see
        :func:`~zhytomyr_kpi.document.heading.programme_name`); empty when neither names it.
        (Many passports start with the initiator, not the name.)"""
        passport = self.document.passport
        item = next((i for i in passport if i.label.strip().lower().startswith("назва")), None)
        if item is not None:
            return passport_text(item)
        return programme_name(self.document.lines)

    @property
    def term_label(self) -> str:
        """The programme's term as printed in headings: «2018-2020» (or «2021» for one year)."""
        years = self.years
        return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"

    @property
    def all_findings(self) -> list[Finding]:
        return [f for r in self.check_results for f in r.findings]


def parse_programme(path: Path, quirks: Quirks | Callable[[str, str], Quirks],
                    raw: bytes | None = None) -> tuple[Document, dict[str, MeasureRole],
                                                       list[CheckResult]]:
    """Read a decision text, apply its reviewed corrections, find the measures' roles and run
    every check; return the three parts of a :class:`ParsedProgramme`.

    ``quirks`` is a quirk set, or a function choosing one from the text (see
    :func:`zhytomyr_kpi.document.quirks.select`). Raises
    :class:`~zhytomyr_kpi.basics.errors.ParseError` when the input cannot be read, and when a
    reviewed quirk matches nothing in the text.
    """
    document = read_document(path, quirks, raw=raw)
    quirks = document.quirks
    apply_text_corrections(document, quirks)
    roles = measure_roles(document.annex_a.measures, quirks)
    quirks.check_all_used(path)
    return document, roles, run_checks(document, roles)
