"""Executors' actual figures: templates, a safe intake, the store with history, who reported.

Modules: :mod:`.template` (the workbooks, one per executor), :mod:`.package` and
:mod:`.intake` (checks that trust nothing), :mod:`.store` (accepted submissions, never
deleted), :mod:`.status` (who has reported), :mod:`.example` (a marked example set).
``from zhytomyr_kpi import actuals`` gives the names below.
"""

from __future__ import annotations

from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.example import example_store, example_workbook, write_example_store
from zhytomyr_kpi.actuals.intake import MAX_AMOUNT, MAX_VALUE, Check, check_workbook, safe_text
from zhytomyr_kpi.actuals.package import MAX_BYTES, read_package
from zhytomyr_kpi.actuals.store import (
    ACTUALS_DIR,
    check_store,
    history,
    ingest,
    list_submissions,
    read_store,
    who,
)
from zhytomyr_kpi.actuals.template import (
    EXAMPLE_MARK,
    GROUP_NAMES,
    INDICATOR_HEADERS,
    MEASURE_HEADERS,
    NOT_TO_FILL,
    SHEET_INDICATORS,
    SHEET_INFO,
    SHEET_MEASURES,
    SHEET_META,
    TEMPLATE_VERSION,
    WHOLE_PROGRAMME,
    departments,
    indicator_leads,
    measure_assignments,
    period_label,
    template_bytes,
    template_file_name,
    template_indicators,
    template_measures,
    write_template,
    write_templates,
)

__all__ = [
    "ACTUALS_DIR",
    "EXAMPLE_MARK",
    "GROUP_NAMES",
    "INDICATOR_HEADERS",
    "MAX_AMOUNT",
    "MAX_BYTES",
    "MAX_VALUE",
    "MEASURE_HEADERS",
    "NOT_TO_FILL",
    "SHEET_INDICATORS",
    "SHEET_INFO",
    "SHEET_MEASURES",
    "SHEET_META",
    "TEMPLATE_VERSION",
    "WHOLE_PROGRAMME",
    "ActualsError",
    "Check",
    "check_store",
    "check_workbook",
    "departments",
    "example_store",
    "example_workbook",
    "history",
    "indicator_leads",
    "ingest",
    "list_submissions",
    "measure_assignments",
    "period_label",
    "read_package",
    "read_store",
    "safe_text",
    "template_bytes",
    "template_file_name",
    "template_indicators",
    "template_measures",
    "who",
    "write_example_store",
    "write_template",
    "write_templates",
]
