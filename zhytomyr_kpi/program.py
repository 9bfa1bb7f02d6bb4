"""``load_program``: the decision read, structured and reconciled, as one object.

Parsing and checks use plain Python records (fast, no pandas); the pandas frames of the
data contract (DESIGN.md §4) are built on first access and cached.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .extract import Document, read_document
from .paths import DEFAULT_DOCUMENT
from .quirks import Quirks
from .quirks import select as select_quirks
from .transform import MeasureRole, apply_text_corrections, measure_roles
from .validate import CheckResult, Finding, run_checks

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("measures", "funding", "section_totals", "resources", "indicators", "kpi_targets",
          "passport", "findings", "checks", "efficiency", "allocations", "ratings",
          "rating_results", "actuals", "indicator_actuals")


class Program:
    """The programme as read from one decision text.

    Attributes ``measures``, ``funding``, ``section_totals``, ``resources``, ``indicators``,
    ``kpi_targets``, ``passport``, ``findings`` and ``checks`` are pandas DataFrames.
    """

    def __init__(self, document: Document, roles: dict[str, MeasureRole],
                 results: list[CheckResult], rating_results_path: Path | None = None,
                 actuals_dir: Path | None = None) -> None:
        self.document = document
        self.roles = roles
        self.check_results = results
        self.rating_results_path = rating_results_path
        self.actuals_dir = actuals_dir

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
        """The programme's name as item 1 of its passport gives it (empty when absent)."""
        from .extract import passport_text

        item = next((i for i in self.document.passport if i.item == 1), None)
        return passport_text(item) if item is not None else ""

    @property
    def term_label(self) -> str:
        """The programme's term as printed in headings: «2018-2020» (or «2021» for one year)."""
        years = self.years
        return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"

    @property
    def all_findings(self) -> list[Finding]:
        return [f for r in self.check_results for f in r.findings]

    def frame(self, name: str) -> pd.DataFrame:
        """One table of the data contract by name (see ``TABLES``)."""
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}")
        return getattr(self, name)

    @cached_property
    def _frames(self) -> dict[str, pd.DataFrame]:
        from .frames import build_frames

        return build_frames(self)

    @cached_property
    def _analysis_frames(self) -> dict[str, pd.DataFrame]:
        from .frames import build_analysis_frames

        return build_analysis_frames(self)

    measures = property(lambda self: self._frames["measures"])
    funding = property(lambda self: self._frames["funding"])
    section_totals = property(lambda self: self._frames["section_totals"])
    resources = property(lambda self: self._frames["resources"])
    indicators = property(lambda self: self._frames["indicators"])
    kpi_targets = property(lambda self: self._frames["kpi_targets"])
    passport = property(lambda self: self._frames["passport"])
    findings = property(lambda self: self._frames["findings"])
    checks = property(lambda self: self._frames["checks"])
    efficiency = property(lambda self: self._analysis_frames["efficiency"])
    allocations = property(lambda self: self._analysis_frames["allocations"])
    ratings = property(lambda self: self._analysis_frames["ratings"])
    rating_results = property(lambda self: self._analysis_frames["rating_results"])
    actuals = property(lambda self: self._actual_frames["actuals"])
    indicator_actuals = property(lambda self: self._actual_frames["indicator_actuals"])

    @cached_property
    def _actual_frames(self) -> dict[str, pd.DataFrame]:
        from .frames import build_actual_frames

        return build_actual_frames(self)

    def validate_schemas(self) -> None:
        """Validate every frame against its pandera schema (raises on a violation)."""
        from .schemas import validate_frames

        validate_frames({name: self.frame(name) for name in TABLES})

    def __repr__(self) -> str:
        """In Ukrainian, as analysts see it in a notebook: what was read and what was found."""
        from .wording import count

        fails = sum(r.status == "FAIL" for r in self.check_results)
        return (f"<Програма {self.path.name}: "
                f"{count(len(self.document.annex_a.measures), 'захід', 'заходи', 'заходів')}, "
                f"{count(len(self.document.indicators), 'показник', 'показники', 'показників')}, "
                f"{count(len(self.all_findings), 'знахідка', 'знахідки', 'знахідок')}, "
                f"{count(fails, 'перевірка', 'перевірки', 'перевірок')} з розбіжностями>")


def load_program(path: str | Path | None = None, *, quirks: Quirks | Path | None = None,
                 raw: bytes | None = None, rating_results: str | Path | None = None,
                 actuals: str | Path | None = None) -> Program:
    """Read a decision text (default: ``data/raw/rishennia_1685_2019-12-18.txt``).

    ``rating_results`` is the published ratings file (default ``data/raw/rating_results.csv``);
    it is read when ``program.ratings`` is first used. ``actuals`` is the folder of
    executors' workbooks (default ``data/raw/actuals/``), read when ``program.actuals`` is.

    ``quirks`` is a folder of reviewed quirk files or a :class:`Quirks` object
    (``Quirks.none()`` for none). By default the set that declares this document (by the
    sha256 of its text or an identity, ``reviewed/document.csv``) is used; a document no set
    declares is read without quirks.
    Raises :class:`~zhytomyr_kpi.errors.ParseError` when the input cannot be read.
    """
    path = Path(path) if path is not None else DEFAULT_DOCUMENT
    if isinstance(quirks, Path):
        quirks = Quirks.load(quirks)
    document = read_document(path, quirks if quirks is not None else select_quirks, raw=raw)
    quirks = document.quirks
    apply_text_corrections(document, quirks)
    roles = measure_roles(document.annex_a.measures, quirks)
    quirks.check_all_used(path)
    return Program(document, roles, run_checks(document, roles),
                   Path(rating_results) if rating_results is not None else None,
                   Path(actuals) if actuals is not None else None)
