"""The evaluation report (section 8 of the decision): content, conclusions, the document.

Modules: ``periods`` (each programme year and the whole term), ``settings`` (the file the
department edits: who prepared it, dates, signatures), ``execution`` and ``indicators``
(plan vs actual), ``inconsistencies`` (the decision's own errors, located by its structure),
``conclusions`` and ``final`` (summary, proposals, verdicts), ``sections`` and ``document``
(HTML for print), ``charts``. The PDF route is :mod:`zhytomyr_kpi.pdf`.

The package imports no matplotlib: only drawing the charts does (``document.figures``).
"""

from . import document, sections
from .periods import Period, PeriodError, period, periods
from .settings import ReportSettings, SettingsError, load_settings

__all__ = ["Period", "PeriodError", "ReportSettings", "SettingsError", "document", "load_settings",
           "period", "periods", "sections"]
