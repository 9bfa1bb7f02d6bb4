"""Ukrainian words for the codes used in tables (groups, periods, severities, statuses)."""

from __future__ import annotations

GROUP_LABELS = {"cost": "затрати", "output": "продукт", "efficiency": "ефективність",
                "quality": "якість"}
PERIOD_LABELS = {"baseline": "вихідні дані", "2018": "2018", "2019": "2019", "2020": "2020",
                 "total": "всього"}
SEVERITY_LABELS = {"error": "помилка", "warning": "попередження", "info": "довідка"}
STATUS_LABELS = {"PASS": "узгоджено", "WARN": "увага", "FAIL": "розбіжність"}
SOURCE_LABELS = {"total": "усього", "state": "державний бюджет", "local": "місцевий бюджет",
                 "other": "інші джерела"}
#: Short names of the four directions of Annex A, for chart axes (full titles are in the tables).
SECTION_SHORT = {"1": "Спроможність влади", "2": "Прозорість і підзвітність",
                 "3": "Партисипативні практики", "4": "Інші заходи", "total": "Разом"}
