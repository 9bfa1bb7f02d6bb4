"""The tables as open data: CSV (UTF-8), one XLSX, and a Frictionless ``datapackage.json``.

Which tables: the document's (measures, funding, totals, Table 6.1, indicators, passport,
findings, checks), the analysis tables (unit costs, Annex A vs Annex B, ratings and their
results), and the executors' figures of the period reduced to what the report shows
(measure, period, amount, comment, who reported, whether it is an example). The executors'
cells, file names, submission folders and received times stay in the store: they are the
audit trail, not the result.

Every resource's schema comes from the column registry (:mod:`zhytomyr_kpi.tables.metadata`):
the field's name, its Ukrainian label as ``title``, the description and unit, its type
(``str`` → string, ``int`` → integer, ``float`` → number, ``bool`` → boolean), ``required``
for a non-text column that may not be empty, and ``enum`` where the registry lists values.
"""

from __future__ import annotations

import json

import pandas as pd

from zhytomyr_kpi.tables.metadata import FIELDS, SHEET_NAMES, TABLE_COLUMNS

#: The audit trail of the executors' figures: where in which workbook, which submission, when.
AUDIT_COLUMNS = ("cell", "source_file", "submission", "received")
#: Executors' figures without the audit trail (whatever else the registry gives them — the
#: state of a measure, a change and its ground — is published).
PUBLIC_COLUMNS = {table: tuple(c for c in TABLE_COLUMNS[table] if c not in AUDIT_COLUMNS)
                  for table in ("actuals", "indicator_actuals")}
DOCUMENT = ("measures", "funding", "section_totals", "resources", "indicators", "kpi_targets",
            "passport", "findings", "checks")
ANALYSIS = ("efficiency", "allocations", "ratings", "rating_results")
TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def public_columns(table: str) -> tuple[str, ...]:
    return PUBLIC_COLUMNS.get(table, TABLE_COLUMNS[table])


def public_frames(program, years: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Table name → the frame as published (executors' figures of ``years`` only)."""
    frames = {name: program.frame(name) for name in (*DOCUMENT, *ANALYSIS)}
    for name in PUBLIC_COLUMNS:
        frame = program.frame(name)
        frames[name] = frame[frame.year.isin(years)][list(public_columns(name))].reset_index(
            drop=True)
    return frames


def schema(table: str) -> dict:
    """The Table Schema of a published table, from the column registry."""
    fields = []
    for name in public_columns(table):
        f = FIELDS[name]
        entry = {"name": f.name, "title": f.label, "type": TYPES[f.dtype],
                 "description": f.description + (f" ({f.unit})" if f.unit else "")}
        constraints = {}
        if not f.nullable and f.dtype != "str":
            constraints["required"] = True
        if f.allowed:
            constraints["enum"] = list(f.allowed)
        if constraints:
            entry["constraints"] = constraints
        if f.dtype == "bool":
            entry["trueValues"], entry["falseValues"] = ["True"], ["False"]
        fields.append(entry)
    return {"fields": fields, "missingValues": [""]}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def xlsx_bytes(frames: dict[str, pd.DataFrame], title: str) -> bytes:
    """One workbook, a sheet per table with Ukrainian headers, every text stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from zhytomyr_kpi.tables.excel import cell_text, deterministic_bytes

    workbook = Workbook()
    about = workbook.active
    about.title = "Про файл"
    about.append([cell_text(title)])
    about.append(["Відкриті дані: таблиці звіту; опис стовпців — нижче і в datapackage.json"])
    about.append([])
    about.append(["Аркуш", "Стовпець", "Назва", "Опис"])
    for table, frame in frames.items():
        for name in public_columns(table):
            f = FIELDS[name]
            about.append([SHEET_NAMES[table], f.name, f.label, f.description])
        sheet = workbook.create_sheet(SHEET_NAMES[table])
        sheet.append([FIELDS[name].label for name in public_columns(table)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            sheet.append([_value(v) for v in row])
        sheet.freeze_panes = "A2"
    return deterministic_bytes(workbook)


def _value(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


def open_data_files(program, years: tuple[str, ...], name: str, title: str,
                    description: str) -> dict[str, bytes]:
    """File name → content: ``<table>.csv``, ``tables.xlsx``, ``datapackage.json``."""
    frames = public_frames(program, years)
    files = {f"{table}.csv": csv_bytes(frame) for table, frame in frames.items()}
    files["tables.xlsx"] = xlsx_bytes(frames, title)
    package = {
        "name": name, "title": title, "description": description, "licenses": [LICENSE],
        "resources": [{"name": table.replace("_", "-"), "path": f"{table}.csv",
                       "title": SHEET_NAMES[table], "format": "csv", "mediatype": "text/csv",
                       "encoding": "utf-8", "profile": "tabular-data-resource",
                       "schema": schema(table)} for table in frames],
    }
    files["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=1) +
                                 "\n").encode("utf-8")
    return files


