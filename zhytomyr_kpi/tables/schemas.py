"""pandera schemas generated from the column registry (:mod:`zhytomyr_kpi.tables.metadata`).

Imported only where needed (build, tests): pandera is heavy and the CLI's ``validate``
must start fast.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa

from zhytomyr_kpi.tables.metadata import TABLE_COLUMNS, Field, columns

_DTYPES = {"str": "str", "int": "int64", "float": "float64", "bool": "bool"}
#: Row uniqueness the data contract promises.
UNIQUE = {
    "measures": ["measure_id"],
    "funding": ["measure_id", "year"],
    "section_totals": ["section", "year"],
    "resources": ["source", "year"],
    "indicators": ["group", "number", "period"],
    "checks": ["check"],
    "efficiency": ["indicator", "basis", "period"],
    "allocations": ["cost_indicator", "year"],
    "ratings": ["rating", "year", "target_source"],
    "rating_results": ["rating", "component", "year"],
    "actuals": ["measure_id", "year", "quarter"],
    "indicator_actuals": ["group", "number", "year", "quarter"],
}


#: Allowed values that are narrower in one table than the field's own.
TABLE_ALLOWED = {
    ("ratings", "status"): ("met", "missed", "unknown", "not_comparable"),
    ("checks", "status"): ("PASS", "WARN", "FAIL", "SKIP"),
}
#: Years are the document's own: any four-digit year; totals and stages where a table has them.
YEAR = r"^\d{4}$"
TABLE_PATTERNS = {
    ("funding", "year"): YEAR,
    ("section_totals", "year"): r"^(?:\d{4}|total)$",
    ("resources", "year"): r"^(?:\d{4}(?:-\d{4})?|total)$",
    ("ratings", "year"): YEAR,
    ("actuals", "year"): YEAR,
    ("indicator_actuals", "year"): YEAR,
    ("indicators", "period"): r"^(?:baseline|\d{4})$",
    ("efficiency", "period"): r"^(?:baseline|\d{4})$",
    ("measures", "section"): r"^\d{1,2}$",
    ("funding", "section"): r"^\d{1,2}$",
    ("section_totals", "section"): r"^(?:\d{1,2}|total)$",
}


def _column(field: Field, table: str) -> pa.Column:
    dtype = "Int64" if field.dtype == "int" and field.nullable else _DTYPES[field.dtype]
    allowed = TABLE_ALLOWED.get((table, field.name), field.allowed)
    checks = [pa.Check.isin(list(allowed))] if allowed else []
    pattern = TABLE_PATTERNS.get((table, field.name))
    if pattern is not None:
        checks.append(pa.Check.str_matches(pattern))
    if field.name in ("source_line", "line", "number", "item", "target_line"):
        checks.append(pa.Check.gt(0))
    return pa.Column(dtype, checks=checks, nullable=field.nullable, title=field.label,
                     description=field.description)


@cache
def schema(table: str) -> pa.DataFrameSchema:
    """The schema of one table: its columns, in order, nothing else."""
    return pa.DataFrameSchema(
        {f.name: _column(f, table) for f in columns(table)}, strict=True, ordered=True,
        unique=UNIQUE.get(table), name=table)


def validate_frames(frames: dict[str, pd.DataFrame]) -> None:
    """Validate each frame; raises pandera's SchemaErrors listing every violation."""
    for table, frame in frames.items():
        if table in TABLE_COLUMNS:
            schema(table).validate(frame, lazy=True)
