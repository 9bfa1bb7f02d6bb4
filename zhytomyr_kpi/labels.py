"""Ukrainian words for the codes used in tables (groups, periods, severities, statuses)."""

from __future__ import annotations

GROUP_LABELS = {"cost": "затрати", "output": "продукт", "efficiency": "ефективність",
                "quality": "якість"}
class _Periods(dict):
    """Period codes → words; a year (any year of the programme) is its own label."""

    def __missing__(self, key: str) -> str:
        return key


PERIOD_LABELS = _Periods({"baseline": "вихідні дані", "total": "всього"})
SEVERITY_LABELS = {"error": "помилка", "warning": "попередження", "info": "довідка"}
STATUS_LABELS = {"PASS": "узгоджено", "WARN": "увага", "FAIL": "розбіжність"}
SOURCE_LABELS = {"total": "усього", "state": "державний бюджет", "local": "місцевий бюджет",
                 "other": "інші джерела"}
#: Short names of the four directions of Annex A, for chart axes (full titles are in the tables).
SECTION_SHORT = {"1": "Спроможність влади", "2": "Прозорість і підзвітність",
                 "3": "Партисипативні практики", "4": "Інші заходи", "total": "Разом"}
#: Short names of Annex B's efficiency indicators («середні видатки …»), for compact tables.
EFFICIENCY_SHORT = {1: "на навчальний захід", 2: "на захід за участю депутатів",
                    3: "на прийом делегації", 4: "на робоче місце", 5: "на рекламну кампанію",
                    6: "на громадський проект", 7: "на одне нагородження"}
#: Short names of the five ratings, for compact tables.
RATING_SHORT = {"ti_transparent_cities": "Прозорі міста (TI)",
                "imi_media_friendly_council": "Рада дружня до медіа (ІМІ)",
                "opora_publicity_index": "Індекс публічності (ОПОРА)",
                "iri_satisfaction_index": "Індекс задоволеності (МРІ)",
                "focus_comfort_rating": "Комфортність («Фокус»)"}
