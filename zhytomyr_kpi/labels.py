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
