"""The audit trail shown in the executed report notebook (never in the PDF): the inputs with
their checksums, and each inconsistency with the line of the decision's text it comes from.
"""

from __future__ import annotations

import pandas as pd

from .sections import ReportData


def inputs(data: ReportData) -> pd.DataFrame:
    """Every input of the report: the decision text, the ratings file, the executors' files."""
    program = data.program
    rows = [{"input": "decision text", "file": str(program.path), "sha256": program.sha256}]
    results = program.rating_results_path
    rows.append({"input": "rating results", "file": str(results) if results else "default",
                 "sha256": ""})
    actuals = program.actuals
    for name in sorted(actuals.source_file.dropna().unique()) if len(actuals) else []:
        example = bool(actuals[actuals.source_file == name].is_example.any())
        rows.append({"input": "executors' submission" + (" (example)" if example else ""),
                     "file": name, "sha256": ""})
    return pd.DataFrame(rows)


def inconsistency_lines(data: ReportData) -> pd.DataFrame:
    """Each inconsistency of the report with the decision's text line it was read from."""
    from ..overview import quote

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
