"""Executors' actual figures: templates, a safe intake, the store with history, who reported.

Modules: :mod:`.template` (the workbooks, one per executor), :mod:`.package` and
:mod:`.intake` (checks that trust nothing), :mod:`.store` (accepted submissions, never
deleted), :mod:`.calendar` (section 8's terms), :mod:`.status` (who has reported, by
when), :mod:`.example` (a marked example set),
:mod:`.programme` (the programme with the executors' figures as tables).
``from zhytomyr_kpi import actuals`` gives the names below, each imported on first use
(PEP 562), so that loading the programme does not load the intake.
"""

from importlib import import_module

#: The names this room offers, by the module that defines them.
_NAMES = {
    "errors": ("ActualsError",),
    "example": ("example_store", "example_workbook", "write_example_store"),
    "intake": ("Check", "MAX_AMOUNT", "MAX_VALUE", "check_workbook", "safe_text"),
    "package": ("MAX_BYTES", "read_package"),
    "store": ("ACTUALS_DIR", "check_store", "history", "ingest", "list_submissions",
              "read_store", "who"),
    "template": ("EXAMPLE_MARK", "GROUP_NAMES", "INDICATOR_HEADERS", "MEASURE_HEADERS",
                 "NOT_TO_FILL", "SHEET_INDICATORS", "SHEET_INFO", "SHEET_MEASURES", "SHEET_META",
                 "TEMPLATE_VERSION", "WHOLE_PROGRAMME", "departments", "indicator_leads",
                 "measure_assignments", "period_label", "template_bytes", "template_file_name",
                 "template_indicators", "template_measures", "write_template",
                 "write_templates"),
}
_HOMES = {name: module for module, names in _NAMES.items() for name in names}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
