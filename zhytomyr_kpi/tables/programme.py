"""The parsed programme with the document's tables: pandas frames built on first access.

Each room above adds its own tables to the same object by a subclass (the executors' figures
in :mod:`zhytomyr_kpi.actuals.programme`, the analysis in :mod:`zhytomyr_kpi.program`), and
lists them in ``TABLES``: ``frame(name)``, the schema check and the build work on whatever a
class holds.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from zhytomyr_kpi.checks.parsed import ParsedProgramme

if TYPE_CHECKING:
    import pandas as pd

#: The tables read from the decision text itself, in the data contract's order.
DOCUMENT_TABLES = ("measures", "funding", "section_totals", "resources", "indicators",
                   "kpi_targets", "passport", "findings", "checks")


class ProgrammeTables(ParsedProgramme):
    """The programme's records and the document's tables (``measures``, ``funding``, …)."""

    TABLES: ClassVar[tuple[str, ...]] = DOCUMENT_TABLES

    @cached_property
    def _frames(self) -> dict[str, pd.DataFrame]:
        from zhytomyr_kpi.tables.frames import build_frames

        return build_frames(self)

    measures = property(lambda self: self._frames["measures"])
    funding = property(lambda self: self._frames["funding"])
    section_totals = property(lambda self: self._frames["section_totals"])
    resources = property(lambda self: self._frames["resources"])
    indicators = property(lambda self: self._frames["indicators"])
    kpi_targets = property(lambda self: self._frames["kpi_targets"])
    passport = property(lambda self: self._frames["passport"])
    findings = property(lambda self: self._frames["findings"])
    checks = property(lambda self: self._frames["checks"])

    def frame(self, name: str) -> pd.DataFrame:
        """One table of the data contract by name (see ``TABLES``)."""
        if name not in self.TABLES:
            raise KeyError(f"unknown table {name!r}; known: {', '.join(self.TABLES)}")
        return getattr(self, name)

    def validate_schemas(self) -> None:
        """Validate every frame against its pandera schema (raises on a violation)."""
        from zhytomyr_kpi.tables.schemas import validate_frames

        validate_frames({name: self.frame(name) for name in self.TABLES})
