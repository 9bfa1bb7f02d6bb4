"""Program records → the pandas tables of the data contract (DESIGN.md §4).

Tidy: one row per measure per year, units in column names. Column order and types come
from :mod:`zhytomyr_kpi.tables.metadata`; rows keep the document's order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from zhytomyr_kpi.checks.findings import column_labels, whole_term
from zhytomyr_kpi.document.model import Cell, CellKind
from zhytomyr_kpi.document.passport import passport_text
from zhytomyr_kpi.document.reference import rating_for
from zhytomyr_kpi.tables.metadata import TABLE_COLUMNS, columns

if TYPE_CHECKING:
    from zhytomyr_kpi.checks.parsed import ParsedProgramme

_PANDAS_TYPES = {"str": "str", "int": "int64", "float": "float64", "bool": "bool"}


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def typed_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows → a frame with the registry's columns, in order and with their types."""
    frame = pd.DataFrame(rows, columns=list(TABLE_COLUMNS[table]))
    for f in columns(table):
        if f.dtype == "int" and f.nullable:
            frame[f.name] = frame[f.name].astype("Int64")
        elif f.dtype == "str":
            frame[f.name] = frame[f.name].astype("str")  # pandas 3: missing stays missing
        else:
            frame[f.name] = frame[f.name].astype(_PANDAS_TYPES[f.dtype])
    return frame


def _lines(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def measures_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = []
    for m in program.document.annex_a.measures:
        role = program.roles[m.measure_id]
        unlabelled: Cell | None = m.amounts.get("unlabelled")
        rows.append({
            "measure_id": m.measure_id, "printed_id": m.printed_id, "section": str(m.section),
            "parent_id": role.parent_id, "task": m.task, "content": m.content, "term": m.term,
            "executors": m.executors, "funding_source": m.funding_source,
            "expected_result": m.expected_result, "counts_in_total": role.counts_in_total,
            "is_breakdown_parent": role.breakdown_parent,
            "total_stated_kuah": _num(m.amounts["total"].value),
            "total_cell_text": m.amounts["total"].text,
            "unlabelled_kuah": _num(unlabelled.value) if unlabelled else None,
            "source_line": m.source_line, "source_lines": _lines(m.lines),
        })
    return typed_frame("measures", rows)


def funding_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = []
    for m in program.document.annex_a.measures:
        for year in program.years:
            cell = m.amounts[year]
            rows.append({"measure_id": m.measure_id, "section": str(m.section), "year": year,
                         "amount_kuah": _num(cell.value), "cell_text": cell.text,
                         "counts_in_total": program.roles[m.measure_id].counts_in_total,
                         "source_line": cell.source_line})
    return typed_frame("funding", rows)


def section_totals_frame(program: ParsedProgramme) -> pd.DataFrame:
    annex = program.document.annex_a
    titles = {str(s.number): s.title for s in annex.sections}
    rows = []
    for row in [*annex.totals, annex.grand_total]:
        members = [m for m in annex.measures if program.roles[m.measure_id].counts_in_total
                   and (row.section == "total" or str(m.section) == row.section)]
        for column in column_labels(program.years):
            if column not in row.amounts or row.amounts[column].kind is CellKind.ABSENT:
                continue  # no «Всього» column in the table: nothing stated, nothing to add up
            stated = row.amounts[column].value
            if column == "total":  # the rows' years, as the check adds them
                computed = sum((whole_term(m, program.years) or Decimal(0) for m in members),
                               Decimal(0))
            else:
                computed = sum((m.amounts[column].value for m in members
                                if m.amounts[column].value is not None), Decimal(0))
            rows.append({
                "section": row.section, "title": titles.get(row.section, "РАЗОМ"),
                "year": column, "stated_kuah": _num(stated), "computed_kuah": _num(computed),
                "delta_kuah": _num(stated - computed) if stated is not None else None,
                "source_line": row.source_line})
    return typed_frame("section_totals", rows)


def resources_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = [{"source": r.source, "label": r.label, "year": column, "amount_kuah": _num(c.value),
             "cell_text": c.text, "source_line": r.source_line}
            for r in program.document.resources for column, c in r.amounts.items()]
    return typed_frame("resources", rows)


def indicators_frame(program: ParsedProgramme) -> pd.DataFrame:
    import re

    rows = []
    for ind in program.document.indicators:
        rating = rating_for(ind.name) if ind.group == "quality" else None
        for period, cell in ind.values.items():
            top = re.match(r"^ТОП[\s-]*([0-9]{1,4})$", cell.text, re.I)
            rows.append({
                "indicator_id": f"{ind.group}-{ind.number}", "group": ind.group,
                "number": ind.number, "name": ind.name, "unit": ind.unit,
                "unit_code": ind.unit_code, "rating": rating.rating if rating else None,
                "period": period, "value": _num(cell.value), "value_text": cell.text,
                "rank_max": int(top.group(1)) if top else None, "source_line": ind.source_line})
    return typed_frame("indicators", rows)


def kpi_targets_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = []
    for kpi in program.document.kpi_targets:
        rating = rating_for(kpi.name)
        rows.append({"rating": rating.rating if rating else None, "name": kpi.name,
                     "target_text": kpi.target_text, "rank_max": kpi.rank_max,
                     "score_min": _num(kpi.score_min), "target_year": kpi.year,
                     "source_line": kpi.source_line})
    frame = typed_frame("kpi_targets", rows)
    return frame


def passport_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = [{"item": i.item, "label": i.label, "value_full": passport_text(i),
             "source_line": i.source_line} for i in program.document.passport]
    return typed_frame("passport", rows)


def findings_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = []
    for f in program.all_findings:
        rows.append({
            "check": f.check, "severity": f.severity, "location": f.location,
            "measure_ref": f.measure_id, "year_ref": f.year, "stated": _num(f.stated),
            "computed": _num(f.computed), "delta": _num(f.delta), "stated_text": f.stated_text,
            "computed_text": f.computed_text, "message": f.message, "line": f.source_line})
    return typed_frame("findings", rows)


def checks_frame(program: ParsedProgramme) -> pd.DataFrame:
    rows = [{"check": r.check, "title": r.title, "status": r.outcome, "checked": r.checked,
             "errors": r.count("error"), "warnings": r.count("warning"),
             "infos": r.count("info")} for r in program.check_results]
    return typed_frame("checks", rows)


def build_frames(program: ParsedProgramme) -> dict[str, pd.DataFrame]:
    """The tables read from the document, by name."""
    return {
        "measures": measures_frame(program), "funding": funding_frame(program),
        "section_totals": section_totals_frame(program), "resources": resources_frame(program),
        "indicators": indicators_frame(program), "kpi_targets": kpi_targets_frame(program),
        "passport": passport_frame(program), "findings": findings_frame(program),
        "checks": checks_frame(program),
    }
