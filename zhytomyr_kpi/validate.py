"""Reconciliation: a catalogue of checks over the document, each finding traced to a line.

Every check runs every time and reports PASS, WARN or FAIL with counts, so the summary says
what was verified, not only what went wrong. A finding states what the document says
(``stated``), what it adds up to (``computed``) and ``delta = stated - computed``.
Nothing here changes the document's numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from .audit import AUDIT_CHECKS
from .extract import Cell, Document, Indicator, Measure
from .findings import SUM_TOLERANCE_KUAH, CheckResult, Context, Finding  # noqa: F401 (API)
from .findings import fmt as _fmt
from .findings import mismatch as _mismatch
from .findings import total_of as _sum
from .findings import where as _where
from .labels import GROUP_LABELS, PERIOD_LABELS
from .numbers import CellKind, decimals_of, format_uk
from .reference import document_folder, efficiency_pairs, rating_for, unit_rules
from .transform import MeasureRole
from .units import MONEY_IN_UAH, unit_code

# ---------------------------------------------------------------- Annex A sums


def check_row_total(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    for m in ctx.measures:
        total = m.amounts["total"].value
        if total is None:
            continue
        checked += 1
        computed = _sum(m.amounts[y] for y in ctx.years)
        if _mismatch(total, computed):
            findings.append(Finding(
                "row_total", "error", _where(m), f"«Всього» заходу {m.measure_id} — "
                f"{_fmt(total)}, а сума за {ctx.labels['total']} — {_fmt(computed)}", m.source_line,
                m.measure_id, "total", total, computed))
    return checked, findings


def _counted_sum(ctx: Context, measures: Iterable[Measure], column: str) -> Decimal:
    return _sum(m.amounts[column] for m in measures if ctx.roles[m.measure_id].counts_in_total)


def _compare_sums(check: str, amounts: dict[str, Cell], compute: Callable[[str], Decimal],
                  location: Callable[[str], str], describe: Callable[[str, str, str], str],
                  line: int, measure_id: str | None = None,
                  labels: dict[str, str] | None = None) -> tuple[int, list[Finding]]:
    """Stated amounts (per year and total) against what they should add up to."""
    findings, checked = [], 0
    for column, label in (labels or {}).items():
        if column not in amounts:
            continue
        stated = amounts[column].value
        if stated is None:
            continue
        checked += 1
        computed = compute(column)
        if _mismatch(stated, computed):
            findings.append(Finding(check, "error", location(label),
                                    describe(label, _fmt(stated), _fmt(computed)), line,
                                    measure_id, column, stated, computed))
    return checked, findings


def check_section_total(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    totals = {t.section: t for t in ctx.document.annex_a.totals}
    for section in ctx.document.annex_a.sections:
        key = str(section.number)
        members = [m for m in ctx.measures if m.section == section.number]
        row = totals.get(key)
        if row is None:
            findings.append(Finding("section_total", "error", f"напрям {key} (рядок "
                                    f"{section.source_line})", f"напрям {key} не має рядка ВСЬОГО",
                                    section.source_line))
            continue
        n, found = _compare_sums(
            "section_total", row.amounts, lambda c, members=members: _counted_sum(ctx, members, c),
            lambda label, key=key, row=row: f"напрям {key}, {label} (рядок {row.source_line})",
            lambda label, stated, computed, key=key: f"ВСЬОГО напряму {key} за {label} — "
            f"{stated}, а сума його заходів — {computed}", row.source_line, labels=ctx.labels)
        checked += n
        findings += found
    return checked, findings


def check_grand_total(ctx: Context) -> tuple[int, list[Finding]]:
    grand = ctx.document.annex_a.grand_total
    return _compare_sums(
        "grand_total", grand.amounts,
        lambda c: _sum(t.amounts[c] for t in ctx.document.annex_a.totals),
        lambda label: f"РАЗОМ, {label} (рядок {grand.source_line})",
        lambda label, stated, computed: f"РАЗОМ за {label} — {stated}, а сума рядків ВСЬОГО — "
        f"{computed}", grand.source_line, labels=ctx.labels)


def check_grand_total_measures(ctx: Context) -> tuple[int, list[Finding]]:
    grand = ctx.document.annex_a.grand_total
    return _compare_sums(
        "grand_total_measures", grand.amounts, lambda c: _counted_sum(ctx, ctx.measures, c),
        lambda label: f"РАЗОМ, {label} (рядок {grand.source_line})",
        lambda label, stated, computed: f"РАЗОМ за {label} — {stated}, а сума всіх заходів, що "
        f"враховуються, — {computed}", grand.source_line, labels=ctx.labels)


def check_breakdown_sum(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    for parent in ctx.measures:
        if not ctx.roles[parent.measure_id].breakdown_parent:
            continue
        parts = [m for m in ctx.measures if ctx.roles[m.measure_id].breakdown_of
                 == parent.measure_id]
        n, found = _compare_sums(
            "breakdown_sum", parent.amounts,
            lambda c, parts=parts: _sum(m.amounts[c] for m in parts),
            lambda label, parent=parent: f"{_where(parent)}, {label}",
            lambda label, stated, computed, parent=parent, parts=parts: f"захід "
            f"{parent.measure_id} за {label} — {stated}, а сума його {len(parts)} складових "
            f"«в т. ч.» — {computed}", parent.source_line, parent.measure_id, ctx.labels)
        checked += n
        findings += found
    return checked, findings


# ---------------------------------------------------------------- Table 6.1 and passport


def check_resources_internal(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    rows = {r.source: r for r in ctx.document.resources}
    total = rows.get("total")
    parts = [r for r in ctx.document.resources if r.source != "total"]
    for column in (total.amounts if total else {}):
        stated = total.amounts[column].value
        if stated is None or not parts:
            continue
        checked += 1
        computed = _sum(r.amounts[column] for r in parts)
        if _mismatch(stated, computed):
            label = ctx.labels.get(column, column)
            findings.append(Finding(
                "resources_internal", "error", f"таблиця 6.1, {label} (рядок {total.source_line})",
                f"обсяг ресурсів за {label} — {_fmt(stated)}, а сума джерел — {_fmt(computed)}",
                total.source_line, None, column, stated, computed))
    for row in ctx.document.resources:
        stated = row.amounts.get("total")
        if stated is None or stated.value is None:
            continue
        checked += 1
        computed = _sum(row.amounts[c] for c in row.amounts if c != "total")
        if _mismatch(stated.value, computed):
            findings.append(Finding(
                "resources_internal", "error", f"таблиця 6.1, «{row.label}» (рядок "
                f"{row.source_line})", f"«{row.label}»: всього — {_fmt(stated.value)}, а сума "
                f"етапів — {_fmt(computed)}", row.source_line, None, "total", stated.value,
                computed))
    return checked, findings


def _stage_years(column: str, years: tuple[str, ...]) -> list[str]:
    """The programme years a column of Table 6.1 covers («2019», or «2021-2022»)."""
    first, _, last = column.partition("-")
    return [y for y in years if int(first) <= int(y) <= int(last or first)]


def check_resources_vs_annex_a(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    total = next((r for r in ctx.document.resources if r.source == "total"), None)
    grand = ctx.document.annex_a.grand_total
    if not ctx.document.resources:
        return 0, []  # no Table 6.1: reported by the check of the document's parts
    if total is None:
        return 0, [Finding("resources_vs_annex_a", "error", "таблиця 6.1",
                           "у таблиці 6.1 немає рядка «Обсяг ресурсів, всього»")]
    for column in total.amounts:
        cell = total.amounts[column]
        label = ctx.labels.get(column, column)
        computed = _sum(grand.amounts[y] for y in _stage_years(column, ctx.years)) if (
            column != "total") else grand.amounts["total"].value
        if cell is None or cell.value is None or computed is None:
            continue
        checked += 1
        if _mismatch(cell.value, computed):
            findings.append(Finding(
                "resources_vs_annex_a", "error", f"таблиця 6.1, {label} (рядок "
                f"{total.source_line})", f"таблиця 6.1 за {label} — {_fmt(cell.value)}, а РАЗОМ "
                f"додатка А (рядок {grand.source_line}) — {_fmt(computed)}", total.source_line,
                None, column, cell.value, computed))
    return checked, findings


def check_passport_total(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    table = {r.source: r for r in ctx.document.resources}
    if not ctx.document.passport_funding:
        return 0, [Finding("passport_total", "warning", "паспорт, п. 10",
                           "у п. 10 паспорта не знайдено загального обсягу фінансування")]
    for item in ctx.document.passport_funding:
        row = table.get(item.source)
        total_cell = row.amounts.get("total") if row is not None else None
        if total_cell is None or item.cell.value is None or total_cell.value is None:
            continue
        checked += 1
        computed = total_cell.value
        if _mismatch(item.cell.value, computed):
            findings.append(Finding(
                "passport_total", "error", f"паспорт, п. 10 (рядок {item.cell.source_line})",
                f"паспорт: «{item.label}» — {_fmt(item.cell.value)}, а таблиця 6.1 (рядок "
                f"{row.source_line}) — {_fmt(computed)}", item.cell.source_line, None, "total",
                item.cell.value, computed))
    return checked, findings


# ---------------------------------------------------------------- cells and layout


def check_duplicate_ids(ctx: Context) -> tuple[int, list[Finding]]:
    findings = []
    first = {}
    for m in ctx.measures:
        first.setdefault(m.printed_id, m)
        if m.occurrence > 1:
            original = first[m.printed_id]
            findings.append(Finding(
                "duplicate_ids", "warning", _where(m),
                f"номер {m.printed_id} надруковано вдруге (вперше — рядок "
                f"{original.source_line}, «{original.content[:40]}»); у таблицях цей захід має "
                f"ідентифікатор {m.measure_id}", m.source_line, m.measure_id,
                stated_text=m.printed_id, computed_text=m.measure_id))
    return len(ctx.measures), findings


def check_non_numeric_amounts(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    cells = [(m, column, cell) for m in ctx.measures for column, cell in m.amounts.items()]
    for m, column, cell in cells:
        checked += 1
        label = ctx.labels.get(column, column)
        if cell.kind is CellKind.TEXT:
            message = f"у клітинці {label} заходу {m.measure_id} текст замість суми: «{cell.text}»"
        elif cell.kind is CellKind.MULTI:
            message = (f"у клітинці {label} заходу {m.measure_id} кілька чисел: «{cell.text}» "
                       f"(сума {_fmt(sum(cell.values, Decimal(0)))}); схоже на об'єднані рядки")
        elif cell.kind in (CellKind.EMPTY, CellKind.DASH):
            message = f"клітинка {label} заходу {m.measure_id} порожня"
        else:
            continue
        findings.append(Finding("non_numeric_amounts", "warning", f"{_where(m)}, {label}",
                                message, cell.source_line, m.measure_id, column,
                                stated_text=cell.text))
    for row in ctx.document.resources:
        for column, cell in row.amounts.items():
            checked += 1
            if cell.kind is not CellKind.NUMBER:
                findings.append(Finding(
                    "non_numeric_amounts", "warning", f"таблиця 6.1, «{row.label}» (рядок "
                    f"{row.source_line})", f"у таблиці 6.1 клітинка {column} без числа: "
                    f"«{cell.text}»", row.source_line, None, column, stated_text=cell.text))
    return checked, findings


def check_stray_numbers(ctx: Context) -> tuple[int, list[Finding]]:
    findings = []
    annex = ctx.document.annex_a
    by_line: dict[int, list] = {}
    for stray in annex.stray_numbers:
        by_line.setdefault(stray.source_line, []).append(stray)
    for line, strays in sorted(by_line.items()):
        values = [s.value for s in strays]
        texts = "; ".join(s.text for s in strays)
        owner = next((m for m in ctx.measures if m.measure_id == strays[0].measure_id), None)
        own_total = owner.amounts["total"].value if owner else None
        if owner and all(s.where == "after_amounts" for s in strays) and all(
                v == own_total for v in values):
            severity = "info"
            message = (f"рядок {line}: після сум заходу {owner.measure_id} ще раз надруковано "
                       f"«Всього» ({texts}); число не належить жодному заходу і не враховується")
        else:
            severity = "warning"
            twin = next((m for m in ctx.measures if m is not owner and [
                m.amounts[c].value for c in (*ctx.years, "total")] == values), None)
            host = f"рядку-продовженні заходу {owner.measure_id}" if owner else "рядку поза заходами"
            message = (f"рядок {line}: числа {texts} стоять на {host} і не належать жодному "
                       "заходу")
            if twin is not None:
                message += (f"; вони повторюють суми заходу {twin.measure_id} (рядок "
                            f"{twin.source_line})")
        findings.append(Finding("stray_numbers", severity, f"рядок {line}", message, line,
                                owner.measure_id if owner else None,
                                stated=sum(values, Decimal(0)), stated_text=texts))
    for text in annex.text_outside:
        findings.append(Finding("stray_numbers", "warning", f"рядок {text.source_line}",
                                f"текст «{text.text[:60]}» не належить жодному заходу",
                                text.source_line, stated_text=text.text))
    return len(annex.stray_numbers) + len(annex.text_outside), findings


def check_unlabelled_amounts(ctx: Context) -> tuple[int, list[Finding]]:
    findings = []
    for m in ctx.measures:
        cell = m.amounts.get("unlabelled")
        if cell is None:
            continue
        nonzero = cell.value not in (None, Decimal(0))
        findings.append(Finding(
            "unlabelled_amounts", "warning" if nonzero else "info", _where(m),
            f"у рядку заходу {m.measure_id} між {ctx.years[-1]} і «Всього» стоїть непідписана клітинка "
            f"«{cell.text}»; вона не додається ні до року, ні до суми", cell.source_line,
            m.measure_id, None, cell.value, stated_text=cell.text))
    return len(findings), findings


def term_years(term: str) -> set[int] | None:
    """Years a term of execution covers («2018-2020» → 2018, 2019, 2020); None if unreadable."""
    years: set[int] = set()
    for start, end in re.findall(r"([0-9]{4})\s*(?:-\s*([0-9]{4})?)?", term):
        first = int(start)
        last = int(end) if end else first
        years.update(range(first, last + 1))
    return years or None


def check_term_vs_money(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    for m in ctx.measures:
        funded = [y for y in ctx.years if (m.amounts[y].value or 0) > 0]
        if not funded:
            continue
        checked += 1
        years = term_years(m.term)
        if years is None:
            findings.append(Finding(
                "term_vs_money", "warning", _where(m), f"захід {m.measure_id} має кошти у "
                f"{', '.join(funded)}, але термін виконання не вказано", m.source_line,
                m.measure_id, stated_text=m.term, computed_text=", ".join(funded)))
            continue
        outside = [y for y in funded if int(y) not in years]
        if outside:
            amounts = "; ".join(f"{y}: {_fmt(m.amounts[y].value)}" for y in outside)
            findings.append(Finding(
                "term_vs_money", "warning", _where(m), f"термін заходу {m.measure_id} — "
                f"«{m.term}», але кошти заплановано і на {', '.join(outside)} ({amounts})",
                m.source_line, m.measure_id, ",".join(outside), stated_text=m.term,
                computed_text=", ".join(funded)))
    return checked, findings


def check_footnotes(ctx: Context) -> tuple[int, list[Finding]]:
    findings = []
    marked = any("*" in c for m in ctx.measures for c in (m.content, m.task, m.expected_result))
    for note in ctx.document.annex_a.footnotes:
        if not marked:
            findings.append(Finding(
                "footnotes", "info", f"рядок {note.source_line}", f"примітка «{note.text}» "
                "стоїть під додатком А, але в таблиці немає позначки *, до якої вона належить",
                note.source_line, stated_text=note.text))
    return len(ctx.document.annex_a.footnotes), findings


# ---------------------------------------------------------------- Annex B


def _indicator(indicators: list[Indicator], group: str, number: int) -> Indicator | None:
    return next((i for i in indicators if i.group == group and i.number == number), None)


def _in_uah(value: Decimal, unit: str | None) -> Decimal:
    return value * MONEY_IN_UAH.get(unit or "", Decimal(1))


def check_efficiency_ratio(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    indicators = ctx.document.indicators
    for pair in efficiency_pairs(document_folder(ctx.document)):
        eff = _indicator(indicators, "efficiency", pair.efficiency)
        if eff is None:
            continue
        refs_num = [_indicator(indicators, g, n) for g, n in pair.numerator]
        refs_den = [_indicator(indicators, g, n) for g, n in pair.denominator]
        for period, cell in eff.values.items():
            when = PERIOD_LABELS.get(period, period)
            where = f"ефективність {eff.number}, {when} (рядок {eff.source_line})"
            stated = cell.value
            if not refs_den or None in refs_den or None in refs_num:
                if stated is not None:
                    findings.append(Finding(
                        "efficiency_ratio", "info", where, f"«{eff.name[:60]}…»: у додатку Б "
                        "немає показника продукту, на який ділити, тож значення не перевірити",
                        eff.source_line, None, period, stated, stated_text=cell.text))
                continue
            num_cells = [i.values[period] for i in refs_num]
            den_cells = [i.values[period] for i in refs_den]
            missing = [c.text or "порожньо" for c in num_cells + den_cells if c.value is None]
            if missing:
                if stated is not None:
                    findings.append(Finding(
                        "efficiency_ratio", "info", where, f"«{eff.name[:60]}…» за {when}: "
                        f"затрати або продукт не числом ({'; '.join(missing)}), тож не перевірити",
                        eff.source_line, None, period, stated, stated_text=cell.text))
                continue
            numerator = sum((_in_uah(c.value, unit_code(i.unit))
                             for c, i in zip(num_cells, refs_num, strict=True)), Decimal(0))
            denominator = sum((c.value for c in den_cells), Decimal(0))
            if denominator == 0:
                continue
            scale = MONEY_IN_UAH.get(unit_code(eff.unit) or "", Decimal(1))
            computed = numerator / denominator / scale
            formula = " + ".join(f"{GROUP_LABELS[g]} {n}" for g, n in pair.denominator)
            if len(pair.denominator) > 1:
                formula = f"({formula})"
            if stated is None:
                findings.append(Finding(
                    "efficiency_ratio", "info", where, f"«{eff.name[:60]}…» за {when}: у "
                    f"документі «{cell.text}», а затрати ÷ продукт дають {format_uk(computed, 3)}",
                    eff.source_line, None, period, None, computed.quantize(Decimal("0.001")),
                    stated_text=cell.text))
                continue
            checked += 1
            tolerance = Decimal(5) / Decimal(10) ** (decimals_of(cell.text) + 1)
            if _mismatch(stated, computed, tolerance):
                implied = numerator / (stated * scale)
                findings.append(Finding(
                    "efficiency_ratio", "error", where, f"«{eff.name[:60]}…» за {when}: у "
                    f"документі {cell.text}, а {GROUP_LABELS[pair.numerator[0][0]]} {pair.numerator[0][1]} ÷ "
                    f"{formula} = {format_uk(computed, 3)}; вказане значення відповідає "
                    f"дільнику {format_uk(implied, 1)} замість {_fmt(denominator)}",
                    eff.source_line, None, period, stated, computed.quantize(Decimal("0.001"))))
    return checked, findings


def check_indicator_units(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    for ind in ctx.document.indicators:
        code = unit_code(ind.unit)
        where = f"показник {GROUP_LABELS[ind.group]} {ind.number} (рядок {ind.source_line})"
        if code is None:
            findings.append(Finding("indicator_units", "warning", where,
                                    f"невідома одиниця виміру «{ind.unit}»", ind.source_line,
                                    stated_text=ind.unit))
            continue
        rule = next((r for r in unit_rules() if ind.name.startswith(r.name_starts_with)), None)
        if rule is None:
            continue
        checked += 1
        if code not in rule.allowed_units:
            findings.append(Finding(
                "indicator_units", "warning", where, f"назва «{ind.name[:60]}…» каже "
                f"«{rule.name_starts_with}», а одиниця виміру — «{ind.unit}»", ind.source_line,
                stated_text=ind.unit, computed_text=";".join(rule.allowed_units)))
    return checked, findings


def check_indicator_values(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    for ind in ctx.document.indicators:
        for period, cell in ind.values.items():
            checked += 1
            if cell.kind is CellKind.TEXT and not re.match(r"^ТОП[\s-]*[0-9]+$", cell.text, re.I):
                findings.append(Finding(
                    "indicator_values", "info", f"показник {GROUP_LABELS[ind.group]} {ind.number}, "
                    f"{PERIOD_LABELS.get(period, period)} "
                    f"(рядок {ind.source_line})", f"значення «{cell.text}» — правило, а не число; "
                    "порівнювати його з іншими роками не можна", ind.source_line, None, period,
                    stated_text=cell.text))
            elif cell.kind is CellKind.MULTI:
                findings.append(Finding(
                    "indicator_values", "warning", f"показник {GROUP_LABELS[ind.group]} {ind.number}",
                    f"кілька чисел в одній клітинці: «{cell.text}»", ind.source_line, None,
                    period, stated_text=cell.text))
    return checked, findings


def _target_of(cell: Cell) -> tuple[int | None, Decimal | None]:
    match = re.match(r"^ТОП[\s-]*([0-9]+)$", cell.text, re.I)
    if match:
        return int(match.group(1)), None
    return None, cell.value


def check_kpi_targets(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    quality = [i for i in ctx.document.indicators if i.group == "quality"]
    if ctx.document.annex_b_lines is None:
        return 0, []  # no Annex B: reported by the check of the document's parts
    for kpi in ctx.document.kpi_targets:
        where = f"паспорт, п. 12 (рядок {kpi.source_line})"
        if not kpi.understood:
            findings.append(Finding("kpi_targets", "warning", where, f"не вдалося прочитати "
                                    f"ціль «{kpi.name[:80]}»", kpi.source_line,
                                    stated_text=kpi.name))
            continue
        rating = rating_for(kpi.name)
        indicator = next((i for i in quality if rating and rating_for(i.name) == rating), None)
        if indicator is None:
            findings.append(Finding("kpi_targets", "warning", where, f"для «{kpi.name[:60]}» "
                                    "немає показника якості в додатку Б", kpi.source_line,
                                    stated_text=kpi.target_text))
            continue
        year = str(kpi.year)
        cell = indicator.values.get(year)
        if cell is None:
            continue
        checked += 1
        rank_max, score = _target_of(cell)
        agree = (kpi.rank_max is not None and kpi.rank_max == rank_max) or (
            kpi.score_min is not None and score is not None and kpi.score_min == score)
        if not agree:
            stated = Decimal(kpi.rank_max) if kpi.rank_max is not None else kpi.score_min
            computed = Decimal(rank_max) if rank_max is not None else score
            findings.append(Finding(
                "kpi_targets", "error", where, f"{rating.label}: паспорт ставить ціль на {year} "
                f"«{kpi.target_text}», а додаток Б (показник якості {indicator.number}, рядок "
                f"{indicator.source_line}) — «{cell.text}»", kpi.source_line, None, year,
                stated, computed, kpi.target_text, cell.text))
    return checked, findings


# ---------------------------------------------------------------- the document's parts


def check_document_parts(ctx: Context) -> tuple[int, list[Finding]]:
    """Optional parts of the standard form that are missing (the rest is read without them)."""
    findings = [Finding("document_parts", "warning", "документ", f"{part.message}; решту "
                        "прочитано, перевірки цієї частини не виконано", part.source_line,
                        stated_text="немає", computed_text=part.part)
                for part in ctx.document.missing]
    return 4, findings


# ---------------------------------------------------------------- the catalogue

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
    ("passport_total", "Паспорт, п. 10 = таблиця 6.1", check_passport_total),
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
)


CHECKS += AUDIT_CHECKS


def run_checks(document: Document, roles: dict[str, MeasureRole]) -> list[CheckResult]:
    """Run every check of the catalogue, in catalogue order."""
    ctx = Context(document, roles)
    results = []
    for check_id, title, function in CHECKS:
        checked, findings = function(ctx)
        results.append(CheckResult(check_id, title, checked, findings))
    return results
