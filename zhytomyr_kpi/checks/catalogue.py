"""Reconciliation: a catalogue of checks over the document, each finding traced to a line.

Every check runs every time and reports PASS, WARN or FAIL with counts, so the summary says
what was verified, not only what went wrong. A check that found nothing to verify (0 runs, no
warning) has the outcome SKIP (:attr:`CheckResult.outcome`) and its title says «не
застосовано», so it never reads as a plain PASS. A finding states what the document says
(``stated``), what it adds up to (``computed``) and ``delta = stated - computed``.
Nothing here changes the document's numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.checks.audit import AUDIT_CHECKS
from zhytomyr_kpi.checks.cells import (
    check_duplicate_ids,
    check_footnotes,
    check_non_numeric_amounts,
    check_stray_numbers,
    check_term_vs_money,
    check_unlabelled_amounts,
)
from zhytomyr_kpi.checks.findings import NOT_APPLIED, CheckResult, Context, Finding
from zhytomyr_kpi.checks.indicators import (
    check_efficiency_ratio,
    check_indicator_units,
    check_indicator_values,
    check_kpi_targets,
)
from zhytomyr_kpi.checks.money import (
    check_breakdown_sum,
    check_grand_total,
    check_grand_total_measures,
    check_passport_total,
    check_resources_internal,
    check_resources_vs_annex_a,
    check_row_total,
    check_section_total,
)
from zhytomyr_kpi.document.model import Document
from zhytomyr_kpi.document.roles import MeasureRole


def check_document_parts(ctx: Context) -> tuple[int, list[Finding]]:
    """Optional parts of the standard form that are missing (the rest is read without them)."""
    findings = [Finding("document_parts", "warning", "документ", f"{part.message}; решту "
                        "прочитано, перевірки цієї частини не виконано", part.source_line,
                        stated_text="немає", computed_text=part.part)
                for part in ctx.document.missing]
    return 4, findings


def check_wordings(ctx: Context) -> tuple[int, list[Finding]]:
    """Wordings no vocabulary file names (an unknown source, total row, group or term): each
    with its line, what was done instead, and the file a department extends."""
    from zhytomyr_kpi.document.wordings import KIND_WORDS, hint

    findings = []
    unknown = ctx.document.unknown_wordings
    alike = Counter(_numbered_alike(u) for u in unknown)
    for u in unknown:
        # «Підсумок по напряму 1», «… 2», «… 3»: one row with «*» names them all
        wording = _numbered_alike(u)[2] if alike[_numbered_alike(u)] > 1 else u.text
        findings.append(Finding(
            "wordings", "warning", f"рядок {u.line}", f"{KIND_WORDS[u.kind]} «{clip(u.text, 120)}» "
            f"не знайдено серед формулювань стандартної форми; {u.done}. "
            f"{hint(ctx.document.wordings, u.kind, wording, u.meaning)}", u.line,
            stated_text=u.text, computed_text=u.kind))
    return 4, findings


def _numbered_alike(u) -> tuple[str, str, str]:
    """An unknown wording with its numbers as «*» (the key of wordings that differ only in
    a direction's or group's number), with its kind and meaning."""
    return u.kind, u.meaning, re.sub(r"(?<!\w)(?:[0-9]+|[IVXІ]+)(?:\.[0-9]+)*\.?(?!\w)", "*",
                                     u.text)


CHECKS: tuple[tuple[str, str, Callable[[Context], tuple[int, list[Finding]]]], ...] = (
    ("row_total", "«Всього» заходу = сума за роки програми", check_row_total),
    ("section_total", "ВСЬОГО напряму = сума його заходів (за роками і всього)",
     check_section_total),
    ("grand_total", "РАЗОМ = сума рядків ВСЬОГО усіх напрямів", check_grand_total),
    ("grand_total_measures", "РАЗОМ = сума всіх заходів, що враховуються",
     check_grand_total_measures),
    ("breakdown_sum", "Захід «в т. ч.» = сума його складових", check_breakdown_sum),
    ("resources_internal", "Таблиця 6.1: всього = сума джерел = сума етапів",
     check_resources_internal),
    ("resources_vs_annex_a", "Таблиця 6.1 = РАЗОМ додатка А", check_resources_vs_annex_a),
    ("passport_total", "Загальний обсяг у паспорті = таблиця 6.1", check_passport_total),
    ("duplicate_ids", "Номери заходів не повторюються", check_duplicate_ids),
    ("non_numeric_amounts", "Клітинки сум містять одне число", check_non_numeric_amounts),
    ("stray_numbers", "Числа поза стовпцями сум (не належать жодному заходу)",
     check_stray_numbers),
    ("unlabelled_amounts", "Непідписані стовпці сум", check_unlabelled_amounts),
    ("term_vs_money", "Кошти лише в роки терміну виконання", check_term_vs_money),
    ("footnotes", "Примітки мають позначку в таблиці", check_footnotes),
    ("efficiency_ratio", "Додаток Б: ефективність = затрати ÷ продукт", check_efficiency_ratio),
    ("indicator_units", "Додаток Б: назва показника відповідає одиниці виміру",
     check_indicator_units),
    ("indicator_values", "Додаток Б: значення показників — числа або ТОП-N",
     check_indicator_values),
    ("kpi_targets", "Ключові показники паспорта = цілі додатка Б на той самий рік",
     check_kpi_targets),
    ("document_parts", "Документ має всі частини стандартної форми", check_document_parts),
    ("wordings", "Формулювання джерел, підсумків, груп і термінів відомі словнику",
     check_wordings),
)


CHECKS += AUDIT_CHECKS


def run_checks(document: Document, roles: dict[str, MeasureRole]) -> list[CheckResult]:
    """Run every check of the catalogue, in catalogue order."""
    ctx = Context(document, roles)
    results = []
    for check_id, title, function in CHECKS:
        checked, findings = function(ctx)
        result = CheckResult(check_id, title, checked, findings)
        if not result.applied:
            result.title = f"{title} {NOT_APPLIED}"
        results.append(result)
    return results
