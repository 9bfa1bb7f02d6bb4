"""Checks of the money: Annex A's row, direction and programme totals, the «в т. ч.»
breakdowns, Table 6.1 and the passport's total. ``delta = stated - computed``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.checks.findings import SUM_TOLERANCE_KUAH, Context, Finding, passport_place, whole_term
from zhytomyr_kpi.checks.findings import fmt as _fmt
from zhytomyr_kpi.checks.findings import mismatch as _mismatch
from zhytomyr_kpi.checks.findings import total_of as _sum
from zhytomyr_kpi.checks.findings import where as _where
from zhytomyr_kpi.document.model import Cell, Measure
from zhytomyr_kpi.document.numbers import CellKind
from zhytomyr_kpi.document.vocabulary import NOT_FUNDED

#: Cells whose value is known: a number, or «-» / empty / no column, which add nothing.
READABLE = frozenset({CellKind.NUMBER, CellKind.DASH, CellKind.EMPTY, CellKind.ABSENT})


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
                m.measure_id, "total", total, computed, stated_text=m.amounts["total"].text))
    return checked, findings


def _counted_sum(ctx: Context, measures: Iterable[Measure], column: str) -> Decimal:
    counted = [m for m in measures if ctx.roles[m.measure_id].counts_in_total]
    if column == "total":  # the rows' years, not their printed «Всього» (see whole_term)
        return sum((whole_term(m, ctx.years) or Decimal(0) for m in counted), Decimal(0))
    return _sum(m.amounts[column] for m in counted)


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
                                    measure_id, column, stated, computed,
                                    stated_text=amounts[column].text))
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
            "breakdown_sum", _with_sources(parent, ctx.measures),
            lambda c, parts=parts: _sum(m.amounts[c] for m in parts),
            lambda label, parent=parent: f"{_where(parent)}, {label}",
            lambda label, stated, computed, parent=parent, parts=parts: f"захід "
            f"{parent.measure_id} за {label} — {stated}, а сума його {len(parts)} складових "
            f"«в т. ч.» — {computed}", parent.source_line, parent.measure_id, ctx.labels)
        checked += n
        findings += found
    return checked, findings


def _with_sources(measure: Measure, measures: list[Measure]) -> dict[str, Cell]:
    """A measure's amounts with its rows of money from other sources added (1.1 + 1.1#2),
    as its parts «в т. ч.» add theirs; its own cells where it has no such rows."""
    rows = [m for m in measures if m.funding_part_of == measure.measure_id]
    if not rows:
        return measure.amounts
    added = {}
    for column, cell in measure.amounts.items():
        cells = [cell, *(r.amounts[column] for r in rows if column in r.amounts)]
        if cell.value is None and all(c.value is None for c in cells):
            added[column] = cell
            continue
        added[column] = Cell(" + ".join(c.text or "-" for c in cells), CellKind.NUMBER,
                             [_sum(cells)], cell.source_line)
    return added


def check_resources_internal(ctx: Context) -> tuple[int, list[Finding]]:
    findings, checked = [], 0
    rows = {r.source: r for r in ctx.document.resources}
    total = rows.get("total")
    parts = [r for r in ctx.document.resources if r.source != "total"]
    for column in (total.amounts if total else {}):
        stated = total.amounts[column].value
        if stated is None or not parts or any(
                p.amounts[column].kind not in READABLE for r in parts for p in r.printed
                if column in p.amounts):
            continue  # a source's cell holds no number: the sum cannot be known (named apart)
        checked += 1
        computed = _sum(r.amounts[column] for r in parts)
        if _mismatch(stated, computed):
            label = ctx.labels.get(column, column)
            findings.append(Finding(
                "resources_internal", "error", f"таблиця 6.1, {label} (рядок {total.source_line})",
                f"обсяг ресурсів за {label} — {_fmt(stated)}, а сума джерел — {_fmt(computed)}",
                total.source_line, None, column, stated, computed,
                stated_text=total.amounts[column].text))
    for row in ctx.document.resources:
        if row.parts:
            findings.append(_summed_rows(row, ctx))
    for row in (p for r in ctx.document.resources for p in r.printed if p.details):
        n, found = _details_vs_row(row, ctx)
        checked += n
        findings += found
    for row in (p for r in ctx.document.resources for p in r.printed):
        stated = row.amounts.get("total")
        if stated is None or stated.value is None:
            continue
        checked += 1
        if any(row.amounts[c].kind not in READABLE for c in row.amounts if c != "total"):
            continue  # a stage without a number: the stages' sum cannot be known
        computed = _sum(row.amounts[c] for c in row.amounts if c != "total")
        if _mismatch(stated.value, computed):
            findings.append(Finding(
                "resources_internal", "error", f"таблиця 6.1, «{row.label}» (рядок "
                f"{row.source_line})", f"«{row.label}»: всього — {_fmt(stated.value)}, а сума "
                f"етапів — {_fmt(computed)}", row.source_line, None, "total", stated.value,
                computed, stated_text=stated.text))
    return checked, findings


def _details_vs_row(row, ctx: Context) -> tuple[int, list[Finding]]:
    """A source row's parts printed under it («у т.ч. загальний фонд …»): they are not added
    to the sources (an info says so); their sum may not exceed the row (a warning if it
    does; less is a part named, not an error)."""
    lines = ", ".join(f"«{clip(d.label, 40)}» (рядок {d.source_line})" for d in row.details)
    said = (f"рядки {lines} — складові" if len(row.details) > 1 else f"рядок {lines} — складова")
    findings = [Finding("resources_internal", "info", f"таблиця 6.1 (рядок {row.source_line})",
                        f"{said} рядка «{clip(row.label, 40)}», не окремі джерела: до суми "
                        "джерел не додано", row.source_line, stated_text=row.label)]
    checked = 0
    for column, cell in row.amounts.items():
        cells = [d.amounts.get(column) for d in row.details]
        if cell.value is None or any(c is None or c.kind not in READABLE for c in cells):
            continue
        checked += 1
        computed = _sum(cells)
        if computed - cell.value > SUM_TOLERANCE_KUAH:
            label = ctx.labels.get(column, column)
            findings.append(Finding(
                "resources_internal", "warning", f"таблиця 6.1, «{clip(row.label, 40)}» (рядок "
                f"{row.source_line})", f"складові «у т.ч.» рядка «{clip(row.label, 40)}» за {label}"
                f" — {_fmt(computed)}, більше за сам рядок ({_fmt(cell.value)})",
                row.source_line, None, column, cell.value, computed))
    return checked, findings


def _summed_rows(row, ctx: Context) -> Finding:
    """The note that Table 6.1's rows of one source were compared as their sum."""
    from zhytomyr_kpi.document.vocabulary import SOURCE_LABELS

    rows = ", ".join(f"«{clip(p.label, 40)}» (рядок {p.source_line})"
                     + (" (без коштів)" if NOT_FUNDED.match(p.label) else "") for p in row.parts)
    total = row.amounts.get("total")
    summed = f" — разом {_fmt(total.value)}" if total is not None and total.value is not None \
        else ""
    return Finding("resources_internal", "info", f"таблиця 6.1 (рядок {row.source_line})",
                   f"рядки {rows} означають одне джерело — «{SOURCE_LABELS[row.source]}»; з "
                   f"паспортом і додатком А порівняно їх суму{summed}", row.source_line,
                   stated_text=row.label, computed_text=row.source)


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
    if not any(i.source == "total" for i in ctx.document.passport_funding):
        # the split by source may be read while the total is not: still said
        findings.append(Finding("passport_total", "warning", "паспорт",
                                "у паспорті не знайдено загального обсягу фінансування"))
    for item in ctx.document.passport_funding:
        row = table.get(item.source)
        total_cell = row.amounts.get("total") if row is not None else None
        if total_cell is None or item.cell.value is None or total_cell.value is None:
            continue
        checked += 1
        computed = total_cell.value
        if _mismatch(item.cell.value, computed):
            findings.append(Finding(
                "passport_total", "error", f"{passport_place(ctx.document, item.cell.source_line)} "
                f"(рядок {item.cell.source_line})",
                f"паспорт: «{item.label}» — {_fmt(item.cell.value)}, а таблиця 6.1 (рядок "
                f"{row.source_line}) — {_fmt(computed)}", item.cell.source_line, None, "total",
                item.cell.value, computed, stated_text=item.cell.text))
    return checked, findings
