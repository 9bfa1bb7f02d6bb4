"""The evaluation report (section 8 of the decision): content, conclusions, the document.

Modules: ``periods`` (each programme year and the whole term), ``settings`` (the file the
department edits: who prepared it, dates, signatures), ``execution`` and ``indicators``
(plan vs actual), ``inconsistencies`` (the decision's own errors, located by its structure),
``conclusions`` and ``final`` (summary, proposals, verdicts), ``sections`` and ``document``
(HTML for print), ``charts``; the PDF route is ``pdf``, the audit notebooks ``notebooks``;
``assets/`` holds the print style and the reviewed evidence of the expected results.
The quarterly information to the department (``quarterly``, ``quarterly_sections``) and the
executors' reminders (``reminders``) are documents of section 8 too, kept apart from the
annual report's modules.

The content modules are imported on first use (PEP 562): the notebooks' process imports
``zhytomyr_kpi.report.notebooks`` without pandas, and the report's text needs no matplotlib
(only drawing the charts does, ``document.figures``).
"""

from importlib import import_module

# light (standard library only), and ``periods`` must name the function, not its module
from zhytomyr_kpi.report.periods import Period, PeriodError, period, periods
from zhytomyr_kpi.report.settings import ReportSettings, SettingsError, load_settings

_MODULES = ("audit", "charts", "conclusions", "document", "execution", "final",
            "inconsistencies", "indicators", "markup", "notebooks", "pdf", "quarterly",
            "quarterly_sections", "reminders", "sections")

__all__ = ["Period", "PeriodError", "ReportSettings", "SettingsError", "document", "load_settings",
           "period", "periods", "sections"]


def __getattr__(name: str):
    if name in _MODULES:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
