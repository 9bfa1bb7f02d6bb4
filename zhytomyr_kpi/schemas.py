"""pandera schemas generated from the column registry (:mod:`zhytomyr_kpi.metadata`).

Imported only where needed (build, tests): pandera is heavy and the CLI's ``validate``
must start fast.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa

from .metadata import TABLE_COLUMNS, Field, columns

_DTYPES = {"str": "str", "int": "int64", "float": "float64", "bool": "bool"}
#: Row uniqueness the data contract promises.
UNIQUE = {
    "measures": ["measure_id"],
    "funding": ["measure_id", "year"],
    "section_totals": ["section", "year"],
    "resources": ["source", "year"],
    "indicators": ["group", "number", "period"],
    "checks": ["check"],
}


def _column(field: Field) -> pa.Column:
    dtype = "Int64" if field.dtype == "int" and field.nullable else _DTYPES[field.dtype]
    checks = [pa.Check.isin(list(field.allowed))] if field.allowed else []
    if field.name in ("source_line", "line", "number", "item"):
        checks.append(pa.Check.gt(0))
    return pa.Column(dtype, checks=checks, nullable=field.nullable, title=field.label,
                     description=field.description)


@cache
def schema(table: str) -> pa.DataFrameSchema:
    """The schema of one table: its columns, in order, nothing else."""
    return pa.DataFrameSchema(
        {f.name: _column(f) for f in columns(table)}, strict=True, ordered=True,
        unique=UNIQUE.get(table), name=table)


def validate_frames(frames: dict[str, pd.DataFrame]) -> None:
    """Validate each frame; raises pandera's SchemaErrors listing every violation."""
    for table, frame in frames.items():
        if table in TABLE_COLUMNS:
            schema(table).validate(frame, lazy=True)
