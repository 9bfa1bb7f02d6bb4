"""Ukrainian words for the codes used in tables (severities, statuses, ratings, short names).

The words for the form's own codes (groups, periods, sources) live with the form's
vocabulary in :mod:`zhytomyr_kpi.document.vocabulary`.
"""

from __future__ import annotations

from zhytomyr_kpi.document.vocabulary import GROUP_LABELS

SEVERITY_LABELS = {"error": "помилка", "warning": "попередження", "info": "довідка"}


STATUS_LABELS = {"PASS": "узгоджено", "WARN": "увага", "FAIL": "розбіжність",
                 "SKIP": "не застосовано"}


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


#: Rating components (OPORA's index has sub-indices for the mayor, the executive bodies, deputies).
COMPONENT_LABELS = {"overall": "загальний", "mayor": "міський голова",
                    "executive_bodies": "виконавчі органи", "deputies": "депутати"}


#: Red-amber-green ratings of the assumption log and the report.
RAG_LABELS = {"green": "зелений", "amber": "жовтий", "red": "червоний"}


def efficiency_label(indicator: str | int) -> str:
    """A short Ukrainian name for an efficiency indicator: «1. на навчальний захід».

    Accepts the number (``1``) or the id used in tables (``"efficiency-1"``); an indicator
    without a short name keeps its number («8»).
    """
    number = int(str(indicator).rsplit("-", 1)[-1])
    short = EFFICIENCY_SHORT.get(number)
    return f"{number}. {short}" if short else str(number)


def uk(code: object) -> object:
    """The Ukrainian word for a code from any of the tables above; other values unchanged.

    For columns of mixed codes (statuses, evidence levels, target sources, results):
    ``frame[column].map(uk)``.
    """
    from zhytomyr_kpi.analysis.efficiency import RESULT_LABELS
    from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS, STATUS_LABELS, TARGET_SOURCE_LABELS

    if not isinstance(code, str):
        return code
    if code.startswith("efficiency-"):
        return efficiency_label(code)
    for labels in (STATUS_LABELS, EVIDENCE_LABELS, TARGET_SOURCE_LABELS, RESULT_LABELS,
                   COMPONENT_LABELS, RAG_LABELS, GROUP_LABELS, SEVERITY_LABELS):
        if code in labels:
            return labels[code]
    return code
