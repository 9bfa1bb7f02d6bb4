"""The programme with the executors' figures: the tables ``actuals`` and ``indicator_actuals``.

Read from the store of submitted workbooks (default ``data/raw/actuals/``) on first access;
empty while nobody has reported. What plan vs actual (:mod:`zhytomyr_kpi.analysis.execution`)
and the report start from.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from zhytomyr_kpi.tables.programme import ProgrammeTables

if TYPE_CHECKING:
    import pandas as pd

ACTUAL_TABLES = ("actuals", "indicator_actuals")


class ProgrammeWithActuals(ProgrammeTables):
    """The document's tables plus the executors' current figures from ``actuals_dir``."""

    TABLES: ClassVar[tuple[str, ...]] = (*ProgrammeTables.TABLES, *ACTUAL_TABLES)

    def __init__(self, *args, actuals_dir: Path | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actuals_dir = actuals_dir

    @cached_property
    def _actual_frames(self) -> dict[str, pd.DataFrame]:
        from zhytomyr_kpi.actuals.store import ACTUALS_DIR, read_store
        from zhytomyr_kpi.tables.frames import typed_frame

        measures, indicators = read_store(self, self.actuals_dir or ACTUALS_DIR)
        return {"actuals": typed_frame("actuals", measures),
                "indicator_actuals": typed_frame("indicator_actuals", indicators)}

    actuals = property(lambda self: self._actual_frames["actuals"])
    indicator_actuals = property(lambda self: self._actual_frames["indicator_actuals"])
