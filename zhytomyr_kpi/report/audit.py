"""The audit trail shown in the executed report notebook (never in the PDF): the inputs with
their checksums, and each inconsistency with the line of the decision's text it comes from.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from zhytomyr_kpi.basics.paths import PROJECT_ROOT
from zhytomyr_kpi.report.sections import ReportData


def shown_path(path: Path | None) -> str:
    """A path as the audit trail shows it: relative to the project where it lies inside it,
    so the executed notebook reads the same on every machine (nbval compares it)."""
    if path is None:
        return ""
    path = Path(path).resolve()
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def inputs(data: ReportData) -> pd.DataFrame:
    """Every input of the report: the decision text, the ratings file, the executors' files."""
    program = data.program
    from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS

    rows = [{"input": "decision text", "file": shown_path(program.path),
             "sha256": program.sha256}]
    results = program.rating_results_path or DEFAULT_RESULTS
    rows.append({"input": "rating results", "file": shown_path(results),
                 "sha256": _sha256(results)})
    actuals = program.actuals
    for name in sorted(actuals.source_file.dropna().unique()) if len(actuals) else []:
        example = bool(actuals[actuals.source_file == name].is_example.any())
        rows.append({"input": "executors' submission" + (" (example)" if example else ""),
                     "file": name, "sha256": ""})
    return pd.DataFrame(rows)


def inconsistency_lines(data: ReportData) -> pd.DataFrame:
    """Each inconsistency of the report with the decision's text line it was read from."""
    from zhytomyr_kpi.views.overview import quote

    return pd.DataFrame([{"place": i.place, "line": i.line,
                          "quote": quote(data.program, i.line) if i.line else ""}
                         for i in data.inconsistencies])


def measure_lines(data: ReportData) -> pd.DataFrame:
    """Each measure of the report: plan, actual and the line of Annex A it comes from."""
    source = data.program.measures.set_index("measure_id").source_line
    return pd.DataFrame([{"measure_id": m.measure_id, "plan_kuah": m.plan,
                          "actual_kuah": m.actual, "state": m.state,
                          "source_line": int(source.get(m.measure_id))}
                         for m in data.lines])
