"""Checks of Annex B: efficiency = cost ÷ output, units, values, and the passport's key
indicators against Annex B's targets for the same year."""

from __future__ import annotations

import re
from decimal import Decimal

from zhytomyr_kpi.basics.wording import clip, format_uk
from zhytomyr_kpi.checks.findings import Context, Finding, passport_place
from zhytomyr_kpi.checks.findings import fmt as _fmt
from zhytomyr_kpi.checks.findings import mismatch as _mismatch
from zhytomyr_kpi.document.model import Cell, Indicator
from zhytomyr_kpi.document.numbers import CellKind, decimals_of
from zhytomyr_kpi.document.pairing import pairs_for
from zhytomyr_kpi.document.reference import rating_for, unit_rules
from zhytomyr_kpi.document.units import MONEY_IN_UAH
from zhytomyr_kpi.document.vocabulary import GROUP_GENITIVE, GROUP_LABELS, PERIOD_LABELS
from zhytomyr_kpi.document.wordings import hint


def _indicator(indicators: list[Indicator], group: str, number: int) -> Indicator | None:
    return next((i for i in indicators if i.group == group and i.number == number), None)


def _in_uah(value: Decimal, unit: str | None) -> Decimal:
    return value * MONEY_IN_UAH.get(unit or "", Decimal(1))


def check_efficiency_ratio(ctx: Context) -> tuple[int, list[Finding]]:
    """Efficiency = cost ÷ output, for the reviewed pairs of the document (No. 1685's list) or,
    where it has none, the pairs its Annex B's names give unambiguously
    (:mod:`zhytomyr_kpi.document.pairing`); an indicator left unpaired is said, not passed."""
    findings, checked = [], 0
    indicators = ctx.document.indicators
    pairs, unpaired, derived = pairs_for(ctx.document)
    for lone in unpaired:
        eff = _indicator(indicators, "efficiency", lone.efficiency)
        findings.append(Finding(
            "efficiency_ratio", "info", f"ефективність {eff.number} (рядок {eff.source_line})",
            f"«{clip(eff.name, 60)}»: не вдалося однозначно визначити, які затрати і на який "
            f"продукт ділити ({lone.reason}), тож значення не перевірено", eff.source_line,
            stated_text=eff.name))
    how = "; пару показників визначено за їхніми назвами" if derived else ""
    for pair in pairs:
        eff = _indicator(indicators, "efficiency", pair.efficiency)
        if eff is None:
            continue
        refs_num = [_indicator(indicators, g, n) for g, n in pair.numerator]
        refs_den = [_indicator(indicators, g, n) for g, n in pair.denominator]
        for period, cell in eff.values.items():
            when = PERIOD_LABELS.get(period, period)
            for_when = "за вихідними даними" if period == "baseline" else f"за {when}"
            where = f"ефективність {eff.number}, {when} (рядок {eff.source_line})"
            stated = cell.value
            if not refs_den or None in refs_den or None in refs_num:
                if stated is not None:
                    findings.append(Finding(
                        "efficiency_ratio", "info", where, f"«{clip(eff.name, 60)}»: у додатку Б "
                        "немає показника продукту, на який ділити, тож значення не перевірити",
                        eff.source_line, None, period, stated, stated_text=cell.text))
                continue
            num_cells = [i.values[period] for i in refs_num]
            den_cells = [i.values[period] for i in refs_den]
            missing = [c.text or "порожньо" for c in num_cells + den_cells if c.value is None]
            if missing:
                if stated is not None:
                    findings.append(Finding(
                        "efficiency_ratio", "info", where, f"«{clip(eff.name, 60)}» {for_when}: "
                        f"затрати або продукт не числом ({'; '.join(missing)}), тож не перевірити",
                        eff.source_line, None, period, stated, stated_text=cell.text))
                continue
            numerator = sum((_in_uah(c.value, i.unit_code)
                             for c, i in zip(num_cells, refs_num, strict=True)), Decimal(0))
            denominator = sum((c.value for c in den_cells), Decimal(0))
            if denominator == 0:
                continue
            scale = MONEY_IN_UAH.get(eff.unit_code or "", Decimal(1))
            computed = numerator / denominator / scale
            formula = " + ".join(f"{GROUP_LABELS[g]} {n}" for g, n in pair.denominator)
            if len(pair.denominator) > 1:
                formula = f"({formula})"
            if stated is None:
                findings.append(Finding(
                    "efficiency_ratio", "info", where, f"«{clip(eff.name, 60)}» {for_when}: у "
                    f"документі «{cell.text}», а затрати ÷ продукт дають {format_uk(computed, 3)}",
                    eff.source_line, None, period, None, computed.quantize(Decimal("0.001")),
                    stated_text=cell.text))
                continue
            checked += 1
            tolerance = Decimal(5) / Decimal(10) ** (decimals_of(cell.text) + 1)
            if _mismatch(stated, computed, tolerance):
                implied = numerator / (stated * scale)
                findings.append(Finding(
                    "efficiency_ratio", "error", where, f"«{clip(eff.name, 60)}» {for_when}: у "
                    f"документі {cell.text}, а {GROUP_LABELS[pair.numerator[0][0]]} {pair.numerator[0][1]} ÷ "
                    f"{formula} = {format_uk(computed, 3)}; вказане значення відповідає "
                    f"дільнику {format_uk(implied, 1)} замість {_fmt(denominator)}{how}",
                    eff.source_line, None, period, stated, computed.quantize(Decimal("0.001"))))
    return checked, findings


def check_indicator_units(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    for ind in ctx.document.indicators:
        code = ind.unit_code
        where = f"показник {GROUP_GENITIVE[ind.group]} {ind.number} (рядок {ind.source_line})"
        if code is None:
            findings.append(Finding("indicator_units", "warning", where,
                                    f"невідома одиниця виміру «{ind.unit}». "
                                    f"{hint(ctx.document.wordings, 'unit', ind.unit)}",
                                    ind.source_line,
                                    stated_text=ind.unit))
            continue
        rule = next((r for r in unit_rules() if ind.name.startswith(r.name_starts_with)), None)
        if rule is None:
            continue
        checked += 1
        if code not in rule.allowed_units:
            findings.append(Finding(
                "indicator_units", "warning", where, f"назва «{clip(ind.name, 60)}» каже "
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
                    "indicator_values", "info", f"показник {GROUP_GENITIVE[ind.group]} {ind.number}, "
                    f"{PERIOD_LABELS.get(period, period)} "
                    f"(рядок {ind.source_line})", f"значення «{cell.text}» — правило, а не число; "
                    "порівнювати його з іншими роками не можна", ind.source_line, None, period,
                    stated_text=cell.text))
            elif cell.kind is CellKind.MULTI:
                findings.append(Finding(
                    "indicator_values", "warning", f"показник {GROUP_GENITIVE[ind.group]} {ind.number}",
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
        where = f"{passport_place(ctx.document, kpi.source_line)} (рядок {kpi.source_line})"
        if not kpi.understood:
            findings.append(Finding("kpi_targets", "warning", where, f"не вдалося прочитати "
                                    f"ціль «{clip(kpi.name, 80)}»", kpi.source_line,
                                    stated_text=kpi.name))
            continue
        rating = rating_for(kpi.name)
        indicator = next((i for i in quality if rating and rating_for(i.name) == rating), None)
        if indicator is None:
            findings.append(Finding("kpi_targets", "warning", where, f"для «{clip(kpi.name, 60)}» "
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
