"""Checks of the cells and the layout: printed ids, amount cells that are not one number,
numbers outside the amount columns, money outside a measure's term, footnotes."""

from __future__ import annotations

import re
from decimal import Decimal

from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.checks.findings import Context, Finding
from zhytomyr_kpi.checks.findings import fmt as _fmt
from zhytomyr_kpi.checks.findings import where as _where
from zhytomyr_kpi.document.numbers import CellKind


def check_duplicate_ids(ctx: Context) -> tuple[int, list[Finding]]:
    findings = []
    first = {}
    for m in ctx.measures:
        first.setdefault(m.printed_id, m)
        if m.occurrence > 1 and m.funding_part_of is None:  # a source's row is no repeat
            original = first[m.printed_id]
            findings.append(Finding(
                "duplicate_ids", "warning", _where(m),
                f"номер {m.printed_id} надруковано вдруге (вперше — рядок "
                f"{original.source_line}, «{clip(original.content, 40)}»); у таблицях цей захід має "
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
        elif cell.kind is CellKind.EMPTY:  # a dash «-» is the author's «no money», said
            message = f"клітинка {label} заходу {m.measure_id} порожня"
        elif cell.value is not None and cell.value < 0:
            message = (f"у клітинці {label} заходу {m.measure_id} від'ємна сума «{cell.text}»: "
                       "запланованих коштів не може бути менше нуля")
        else:
            continue
        findings.append(Finding("non_numeric_amounts", "warning", f"{_where(m)}, {label}",
                                message, cell.source_line, m.measure_id, column,
                                stated_text=cell.text))
    printed = [p for r in ctx.document.resources for p in r.printed]
    for row in printed + [d for p in printed for d in p.details]:
        for column, cell in row.amounts.items():
            checked += 1
            negative = cell.value is not None and cell.value < 0
            if cell.kind in (CellKind.NUMBER, CellKind.DASH, CellKind.ABSENT) and not negative:
                continue  # a dash «-» is the author's «no money», said
            label = ctx.labels.get(column, column)
            said = ("має від'ємну суму «" + cell.text + "»" if negative else "порожня"
                    if cell.kind is CellKind.EMPTY else f"без числа: «{cell.text}»")
            findings.append(Finding(
                "non_numeric_amounts", "warning", f"таблиця 6.1, «{row.label}» (рядок "
                f"{row.source_line})", f"у таблиці 6.1 клітинка «{clip(row.label, 40)}» за {label} "
                f"{said}", row.source_line, None, column, stated_text=cell.text))
    return checked, findings


def check_stray_numbers(ctx: Context) -> tuple[int, list[Finding]]:
    findings = []
    annex = ctx.document.annex_a
    by_line: dict[int, list] = {}
    for stray in annex.stray_numbers:
        by_line.setdefault(stray.source_line, []).append(stray)
    # looked up, not searched: a scan of every measure for every stray line made a long
    # document quadratic
    by_id = {m.measure_id: m for m in reversed(ctx.measures)}
    by_amounts: dict[tuple, list] = {}
    for m in ctx.measures if by_line else ():
        same = by_amounts.setdefault(tuple(m.amounts[c].value for c in (*ctx.years, "total")), [])
        if len(same) < 2:  # the first measure with these amounts, and the next one
            same.append(m)
    for line, strays in sorted(by_line.items()):
        values = [s.value for s in strays]
        texts = "; ".join(s.text for s in strays)
        owner = by_id.get(strays[0].measure_id)
        own_total = owner.amounts["total"].value if owner else None
        if owner and all(s.where == "after_amounts" for s in strays) and all(
                v == own_total for v in values):
            severity = "info"
            message = (f"після сум заходу {owner.measure_id} ще раз надруковано "
                       f"«Всього» ({texts}); число не належить жодному заходу і не враховується")
        else:
            severity = "warning"
            twin = next((m for m in by_amounts.get(tuple(values), []) if m is not owner), None)
            host = (f"рядку без номера після заходу {owner.measure_id}" if owner
                    else "рядку поза заходами")
            message = (f"числа {texts} стоять на {host} і не належать жодному "
                       "заходу")
            if twin is not None:
                message += (f"; вони повторюють суми заходу {twin.measure_id} (рядок "
                            f"{twin.source_line})")
        # several numbers of one line are years and a total, not addends: no one «stated»
        # amount is made of them (their texts are kept)
        stated = values[0] if len(set(values)) == 1 else None
        findings.append(Finding("stray_numbers", severity, f"рядок {line}", message, line,
                                owner.measure_id if owner else None,
                                stated=stated, stated_text=texts))
    for text in annex.text_outside:
        findings.append(Finding("stray_numbers", "warning", f"рядок {text.source_line}",
                                f"текст «{clip(text.text, 60)}» не належить жодному заходу",
                                text.source_line, stated_text=text.text))
    # every line of Annex A is searched: a table with no stray number has passed, not skipped
    return annex.last_line - annex.first_line + 1, findings


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
    return len(ctx.measures), findings  # every measure's row is searched


def term_years(term: str, words=None, programme_years: tuple[str, ...] = ()) -> set[int] | None:
    """Years a term of execution covers («2018-2020» or «2018–2020» → 2018, 2019, 2020; «І–ІV
    квартали 2021 року» → 2021; a vocabulary wording meaning ``whole`` — «постійно» — every
    year of the programme); None if unreadable."""
    if words is not None and programme_years and words.meaning("term", term) == "whole":
        return {int(y) for y in programme_years}
    years: set[int] = set()
    for start, end in re.findall(r"([0-9]{4})\s*(?:[-–—]\s*([0-9]{4})?)?", term):
        first = int(start)
        last = int(end) if end else first
        years.update(range(first, last + 1))
    return years or None


def check_term_vs_money(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    # a term in words no vocabulary knows is already a «wordings» warning that says its years
    # were not compared: not warned about twice, not counted as checked
    unknown = {(u.line, u.text) for u in ctx.document.unknown_wordings if u.kind == "term"}
    for m in ctx.measures:
        funded = [y for y in ctx.years if (m.amounts[y].value or 0) > 0]
        if not funded or any((line, m.term) in unknown for line in m.lines):
            continue
        checked += 1
        years = term_years(m.term, ctx.document.wordings, ctx.years)
        if years is None:
            said = (f"термін виконання «{m.term}» не називає років" if m.term.strip()
                    else "термін виконання не вказано")
            findings.append(Finding(
                "term_vs_money", "warning", _where(m), f"захід {m.measure_id} має кошти у "
                f"{', '.join(funded)}, але {said}", m.source_line,
                m.measure_id, stated_text=m.term, computed_text=", ".join(funded)))
            continue
        outside = [y for y in funded if int(y) not in years]
        if outside:
            # stated: the money the document plans outside the term; computed: what the term
            # allows there (nothing); the term itself is the stated text
            money = sum((m.amounts[y].value for y in outside), Decimal(0))
            amounts = "; ".join(f"{y}: {_fmt(m.amounts[y].value)}" for y in outside)
            together = f"; разом {_fmt(money)}" if len(outside) > 1 else ""
            findings.append(Finding(
                "term_vs_money", "warning", _where(m), f"термін заходу {m.measure_id} — "
                f"«{m.term}», але кошти заплановано і на {', '.join(outside)} ({amounts}"
                f"{together})", m.amounts[outside[0]].source_line or m.source_line,
                m.measure_id, ",".join(outside), money, Decimal(0),
                stated_text=m.term, computed_text=", ".join(funded)))
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
