"""``load_program``: the decision read, structured and reconciled, as one object.

The facade that notebooks, the CLI, the app and the report use. Parsing and checks use plain
Python records (fast, no pandas: :class:`~zhytomyr_kpi.checks.parsed.ParsedProgramme`); the
pandas frames of the data contract (DESIGN.md §4) are built on first access and cached, each
by the room it belongs to: the document's tables (:mod:`zhytomyr_kpi.tables`), the
executors' figures (:mod:`zhytomyr_kpi.actuals`), the analysis (:mod:`zhytomyr_kpi.analysis`).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from zhytomyr_kpi.actuals.programme import ACTUAL_TABLES, ProgrammeWithActuals
from zhytomyr_kpi.analysis.frames import ANALYSIS_TABLES
from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT
from zhytomyr_kpi.checks.findings import CheckResult
from zhytomyr_kpi.checks.parsed import parse_programme
from zhytomyr_kpi.document.model import Document
from zhytomyr_kpi.document.quirks import Quirks
from zhytomyr_kpi.document.quirks import select as select_quirks
from zhytomyr_kpi.document.roles import MeasureRole
from zhytomyr_kpi.tables.programme import DOCUMENT_TABLES

if TYPE_CHECKING:
    import pandas as pd

TABLES = (*DOCUMENT_TABLES, *ANALYSIS_TABLES, *ACTUAL_TABLES)


class Program(ProgrammeWithActuals):
    """The programme as read from one decision text.

    Attributes ``measures``, ``funding``, ``section_totals``, ``resources``, ``indicators``,
    ``kpi_targets``, ``passport``, ``findings``, ``checks``, ``efficiency``, ``allocations``,
    ``ratings``, ``rating_results``, ``actuals`` and ``indicator_actuals`` are pandas
    DataFrames (``TABLES``).
    """

    TABLES: ClassVar[tuple[str, ...]] = TABLES

    def __init__(self, document: Document, roles: dict[str, MeasureRole],
                 results: list[CheckResult], rating_results_path: Path | None = None,
                 actuals_dir: Path | None = None) -> None:
        super().__init__(document, roles, results, actuals_dir=actuals_dir)
        self.rating_results_path = rating_results_path

    @cached_property
    def _analysis_frames(self) -> dict[str, pd.DataFrame]:
        from zhytomyr_kpi.analysis.frames import build_analysis_frames

        return build_analysis_frames(self, self.rating_results_path)

    efficiency = property(lambda self: self._analysis_frames["efficiency"])
    allocations = property(lambda self: self._analysis_frames["allocations"])
    ratings = property(lambda self: self._analysis_frames["ratings"])
    rating_results = property(lambda self: self._analysis_frames["rating_results"])

    def __repr__(self) -> str:
        """In Ukrainian, as analysts see it in a notebook: what was read and what was found."""
        from zhytomyr_kpi.basics.wording import count

        fails = sum(r.status == "FAIL" for r in self.check_results)
        return (f"<Програма {self.path.name}: "
                f"{count(len(self.document.annex_a.measures), 'захід', 'заходи', 'заходів')}, "
                f"{count(len(self.document.indicators), 'показник', 'показники', 'показників')}, "
                f"{count(len(self.all_findings), 'знахідка', 'знахідки', 'знахідок')}, "
                f"{count(fails, 'перевірка', 'перевірки', 'перевірок')} з розбіжностями>")


def load_program(path: str | Path | None = None, *,
                 quirks: Quirks | str | Path | bool | None = None,
                 raw: bytes | None = None, rating_results: str | Path | None = None,
                 actuals: str | Path | None = None) -> Program:
    """Read a decision text (default: ``data/raw/rishennia_1685_2019-12-18.txt``).

    ``rating_results`` is the published ratings file (default ``data/raw/rating_results.csv``);
    it is read when ``program.ratings`` is first used. ``actuals`` is the folder of
    executors' workbooks (default ``data/raw/actuals/``), read when ``program.actuals`` is.

    ``quirks`` is a folder of reviewed quirk files or a :class:`Quirks` object
    (``Quirks.none()`` or ``False`` for none). By default the set that declares this document (by the
    sha256 of its text or an identity, ``reviewed/document.csv``) is used; a document no set
    declares is read without quirks.
    Raises :class:`~zhytomyr_kpi.basics.errors.ParseError` when the input cannot be read.
    """
    path = Path(path) if path is not None else DEFAULT_DOCUMENT
    if quirks is False:
        quirks = Quirks.none()
    elif isinstance(quirks, str | Path):
        quirks = Quirks.load(Path(quirks))
    document, roles, results = parse_programme(
        path, quirks if quirks is not None else select_quirks, raw=raw)
    return Program(document, roles, results,
                   Path(rating_results) if rating_results is not None else None,
                   Path(actuals) if actuals is not None else None)
