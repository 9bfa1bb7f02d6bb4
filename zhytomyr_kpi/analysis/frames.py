"""The analysis tables of the data contract: unit costs, Annex B costs vs Annex A money,
ratings against their targets and the published results they were judged by.

The analysis modules (and pandas) are imported when the tables are first asked for, so
that the facade loads fast for ``zhytomyr-kpi validate``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from zhytomyr_kpi.tables.programme import ProgrammeTables

ANALYSIS_TABLES = ("efficiency", "allocations", "ratings", "rating_results")


def build_analysis_frames(program: ProgrammeTables,
                          rating_results: Path | None = None) -> dict[str, pd.DataFrame]:
    """The analysis tables by name; ``rating_results``: the ratings file (default
    ``data/raw/rating_results.csv``)."""
    from zhytomyr_kpi.analysis.efficiency import allocations_vs_costs, unit_costs
    from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS, load_results
    from zhytomyr_kpi.analysis.ratings import ratings_table, results_frame
    from zhytomyr_kpi.tables.frames import typed_frame

    results = load_results(rating_results or DEFAULT_RESULTS)
    if Path(rating_results or DEFAULT_RESULTS) == DEFAULT_RESULTS and not _results_city(program):
        results = []  # the project's file is one city's ratings: not another council's
    return {
        "efficiency": typed_frame("efficiency", unit_costs(program).to_dict("records")),
        "allocations": typed_frame("allocations",
                                   allocations_vs_costs(program).to_dict("records")),
        "ratings": typed_frame("ratings", ratings_table(program, results).to_dict("records")),
        "rating_results": typed_frame("rating_results",
                                      results_frame(results).to_dict("records")),
    }


def _results_city(program: ProgrammeTables) -> bool:
    """Whether the project's ratings file (``data/raw/rating_results.csv``, Zhytomyr's
    published results) is about this programme's city: its decision's heading names
    Zhytomyr's council, or no council at all."""
    from zhytomyr_kpi.analysis.rating_results import RESULTS_COUNCIL
    from zhytomyr_kpi.document.heading import council_name

    council = council_name(program.document.lines)
    return not council or council == RESULTS_COUNCIL
