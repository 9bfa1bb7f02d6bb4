"""Display-ready tables for the notebooks and the report (Ukrainian headers, wide by year).

The tidy tables stay the data; these are views of them for people, so that notebooks only
call and show.
"""

from __future__ import annotations

import pandas as pd

from zhytomyr_kpi.analysis.efficiency import BASIS_LABELS, RESULT_LABELS
from zhytomyr_kpi.basics.wording import count, signed
from zhytomyr_kpi.document.vocabulary import PERIOD_LABELS, SOURCE_LABELS, section_labels
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.views.labels import (
    COMPONENT_LABELS,
    RATING_SHORT,
    SEVERITY_LABELS,
    STATUS_LABELS,
    efficiency_label,
)

YEAR_HEADERS = {"total": "Всього"}


def resources_table(program: Program) -> pd.DataFrame:
    """Table 6.1: sources × stages (тис. грн)."""
    wide = program.resources.pivot(index="source", columns="year", values="amount_kuah")
    order = [s for s in ("total", "local", "state", "regional", "other") if s in wide.index]
    wide = wide.reindex(order)[[*program.years, "total"]].rename(columns=YEAR_HEADERS)
    wide.columns.name = None
    wide.insert(0, "Джерело", [SOURCE_LABELS[s] for s in wide.index])
    return wide.reset_index(drop=True)


def section_totals_table(program: Program, value: str = "stated_kuah") -> pd.DataFrame:
    """Directions × years: what the ВСЬОГО/РАЗОМ rows state (or compute, or the delta)."""
    totals = program.section_totals
    wide = totals.pivot(index="section", columns="year", values=value)
    order = sorted((s for s in wide.index if s != "total"), key=lambda s: (len(s), s)) + (
        ["total"] if "total" in wide.index else [])
    wide = wide.reindex(order)[[*program.years, "total"]].rename(columns=YEAR_HEADERS)
    wide.columns.name = None
    names = section_labels(program.document)
    wide.insert(0, "Напрям", [names.get(s, s) if s != "total" else "РАЗОМ" for s in wide.index])
    return wide.reset_index(drop=True)


def section_reconciliation(program: Program) -> pd.DataFrame:
    """Per direction and year: stated ВСЬОГО, the sum of its measures, the delta."""
    totals = program.section_totals.copy()
    names = section_labels(program.document)
    totals["Напрям"] = [names.get(s, s) if s != "total" else "РАЗОМ" for s in totals.section]
    totals["Рік"] = totals.year.map(PERIOD_LABELS)
    return totals[["Напрям", "Рік", "stated_kuah", "computed_kuah", "delta_kuah", "source_line"]]


def checks_table(program: Program) -> pd.DataFrame:
    """The check catalogue in Ukrainian: what is checked, the verdict, how many items and findings."""
    checks = program.checks
    return pd.DataFrame({
        "Перевірка": checks.title,
        "Результат": checks.status.map(STATUS_LABELS),
        "Перевірено": checks.checked,
        "Помилок": checks.errors,
        "Попереджень": checks.warnings,
        "Довідкових": checks.infos,
    }).reset_index(drop=True)


def program_summary(program: Program) -> pd.DataFrame:
    """What was read, for the top of a notebook (instead of the object's code-like repr)."""
    findings = program.findings.severity.value_counts()
    failed = int((program.checks.status == "FAIL").sum())
    indicators = program.indicators.groupby(["group", "number"]).ngroups
    rows = [
        ("Документ", program.path.name),
        ("Строк програми", program.term_label),
        ("Заходів у додатку А", count(len(program.measures), "захід", "заходи", "заходів")),
        ("Показників у додатку Б", count(indicators, "показник", "показники", "показників")),
        ("Перевірок", f"{count(len(program.checks), 'перевірка', 'перевірки', 'перевірок')}, "
                      f"з розбіжностями — {failed}"),
        ("Знахідок", ", ".join(f"{SEVERITY_LABELS[s]}: {int(findings.get(s, 0))}"
                               for s in ("error", "warning", "info"))),
    ]
    return pd.DataFrame(rows, columns=["Що прочитано", "Значення"])


def departments_table(program: Program) -> pd.DataFrame:
    """Each department named among the executors (reviewed alias list) and its measures."""
    from zhytomyr_kpi.document.executors import department_names, parse_executors

    involved = [parse_executors(text).all for text in program.measures.executors]
    ids = list(program.measures.measure_id)
    rows = []
    for name in department_names(program.measures.executors):
        mine = [i for i, names in zip(ids, involved, strict=True) if name in names]
        rows.append({"Виконавець": name, "Заходів": len(mine),
                     "Заходи": ", ".join(mine[:8]) + (" …" if len(mine) > 8 else "")})
    return pd.DataFrame(rows)


def quote(program: Program, line: int | None, width: int = 140) -> str:
    """The source line as printed (cells separated by « | »), shortened to ``width``."""
    if line is None or pd.isna(line):
        return ""
    text = program.document.lines[int(line) - 1].text
    text = " | ".join(cell.strip() for cell in text.split("\t") if cell.strip())
    return text if len(text) <= width else text[: width - 1] + "…"


def findings_table(program: Program, *, check: str | None = None,
                   severities: tuple[str, ...] = ("error", "warning", "info")) -> pd.DataFrame:
    """Findings with the line of the document they come from, quoted."""
    findings = program.findings
    findings = findings[findings.severity.isin(severities)]
    if check:
        findings = findings[findings.check == check]
    return pd.DataFrame({
        "Важливість": findings.severity.map(SEVERITY_LABELS),
        "Де": findings.location,
        "Зазначено": findings.stated,
        "Обчислено": findings.computed,
        "Різниця": findings.delta,
        "Опис": findings.message,
        "Рядок документа": [quote(program, line) for line in findings.line],
    }).reset_index(drop=True)


def efficiency_table(program: Program, basis: str = "plan") -> pd.DataFrame:
    """Unit costs for people: indicator, period, cost, output, computed, stated, delta, result."""
    eff = program.efficiency
    return unit_costs_table(eff[eff.basis == basis])


def unit_costs_table(eff: pd.DataFrame) -> pd.DataFrame:
    """Any unit-cost frame (``program.efficiency``, ``actual_unit_costs(...)``) in Ukrainian:
    short indicator names, periods and results in words."""
    return pd.DataFrame({
        "Показник": [efficiency_label(n) for n in eff.number],
        "Період": eff.period.map(PERIOD_LABELS),
        "Одиниця": eff.unit,
        "Формула": [f"{a} ÷ ({b})" if "+" in b else f"{a} ÷ {b}" if b else "—"
                    for a, b in zip(eff.numerator, eff.denominator, strict=True)],
        "Затрати": eff.cost,
        "Продукт": eff.output,
        "Обчислено": eff.computed,
        "Зазначено": eff.stated,
        "Різниця": eff.delta,
        "Різниця, %": eff.delta_pct,
        "Результат": eff.result.map(RESULT_LABELS),
        "Пояснення": eff.note,
    }).reset_index(drop=True)


def efficiency_names_table(program: Program) -> pd.DataFrame:
    """The efficiency indicators once each: the short name used in tables and the full name."""
    names = program.efficiency.drop_duplicates("indicator")
    return pd.DataFrame({"Показник": [efficiency_label(n) for n in names.number],
                         "Назва в додатку Б": names.name.values}).reset_index(drop=True)


def allocations_table(program: Program) -> pd.DataFrame:
    """Annex B cost indicators against the Annex A money of the measures they cover."""
    alloc = program.allocations
    return pd.DataFrame({
        "Показник затрат": [f"{c.split('-')[1]}. {n}" for c, n in zip(alloc.cost_indicator,
                                                                      alloc.name, strict=True)],
        "Рік": alloc.year,
        "Додаток Б, тис. грн": alloc.indicator_kuah,
        "Кошти заходів додатка А, тис. грн": alloc.allocated_kuah,
        "Різниця": alloc.delta_kuah,
        "Різниця, %": alloc.delta_pct,
        "Заходи": alloc.measure_ids,
        "Результат": alloc.result.map(RESULT_LABELS),
        "Пояснення": alloc.note,
    }).reset_index(drop=True)


def dynamics_table(program: Program, basis: str = "plan", kind: str = "stated") -> pd.DataFrame:
    """Unit costs against the baseline and the previous period (absolute and %)."""
    from zhytomyr_kpi.analysis.efficiency import unit_cost_dynamics

    eff = program.efficiency
    dyn = unit_cost_dynamics(eff[eff.basis == basis])
    dyn = dyn[dyn.kind == kind]
    names = eff.drop_duplicates("indicator").set_index("indicator").number
    return pd.DataFrame({
        "Показник": [efficiency_label(names[i]) for i in dyn.indicator],
        "Період": dyn.period.map(PERIOD_LABELS),
        "Значення": dyn.value,
        "До вихідних даних": dyn.vs_baseline,
        "До вихідних, %": dyn.vs_baseline_pct,
        "До попереднього періоду": dyn.vs_previous,
        "До попереднього, %": dyn.vs_previous_pct,
    }).reset_index(drop=True)


def execution_table(program: Program, year: str, quarter: int | None = None,
                    level: str = "direction") -> pd.DataFrame:
    """Plan vs actual with Ukrainian headers (level: measure, direction or programme)."""
    from zhytomyr_kpi.analysis.execution import plan_vs_actual

    table = plan_vs_actual(program, year, quarter, level)
    first = {"measure": ["measure_id", "content"], "direction": ["direction"],
             "programme": []}[level]
    last = ["comment"] if level == "measure" else []
    shown = table[[*first, "plan_kuah", "actual_kuah", "deviation_kuah", "execution_pct",
                   "previous_actual_kuah", "change_vs_previous_pct", *last]]
    return shown.rename(columns={
        "measure_id": "№", "content": "Захід", "direction": "Напрям",
        "plan_kuah": "План, тис. грн", "actual_kuah": "Факт, тис. грн",
        "deviation_kuah": "Відхилення, тис. грн", "execution_pct": "Виконання, %",
        "previous_actual_kuah": "Факт попереднього року", "change_vs_previous_pct":
        "До попереднього року, %", "comment": "Пояснення виконавця"}).reset_index(drop=True)


def _note_column(frame: pd.DataFrame) -> str | None:
    """The Ukrainian note column of the ratings file, once it has one (``note_uk``)."""
    return next((c for c in ("note_uk", "result_note_uk") if c in frame.columns), None)


def ratings_table(program: Program) -> pd.DataFrame:
    """Targets against results in Ukrainian: rating, year, whose target, verdict, evidence."""
    from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS, TARGET_SOURCE_LABELS
    from zhytomyr_kpi.analysis.ratings import STATUS_LABELS as VERDICTS

    ratings = program.ratings
    table = pd.DataFrame({
        "Рейтинг": ratings.rating.map(RATING_SHORT).fillna(ratings.label),
        "Рік": ratings.year,
        "Ціль за": ratings.target_source.map(TARGET_SOURCE_LABELS),
        "Ціль": ratings.target,
        "Результат": ratings.actual,
        "Статус": ratings.status.map(VERDICTS),
        "Запас": ratings.margin,
        "Доказовість": ratings.evidence.map(EVIDENCE_LABELS),
        "Пояснення": ratings.reason,
    })
    note = _note_column(ratings)
    if note:
        table["Примітка"] = ratings[note].fillna("")
    return table.reset_index(drop=True)


def rating_components_table(program: Program, rating: str) -> pd.DataFrame:
    """One rating's published results by component and year, in Ukrainian.

    The ratings file's notes are in English; they are shown once the file has a Ukrainian
    note column (``note_uk``), and never in English.
    """
    from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS

    results = program.rating_results
    results = results[results.rating == rating]
    table = pd.DataFrame({
        "Складова": results.component.map(COMPONENT_LABELS).fillna(results.component),
        "Рік": results.year,
        "Місце": results.place,
        "Бали": results.score,
        "З": results.out_of,
        "Доказовість": results.evidence.map(EVIDENCE_LABELS).fillna(results.evidence),
    })
    note = _note_column(results)
    if note:
        table["Примітка"] = results[note].fillna("")
    return table.reset_index(drop=True)


__all__ = [
    "BASIS_LABELS",
    "allocations_table",
    "checks_table",
    "departments_table",
    "dynamics_table",
    "efficiency_names_table",
    "efficiency_table",
    "execution_table",
    "findings_table",
    "program_summary",
    "quote",
    "rating_components_table",
    "ratings_table",
    "resources_table",
    "section_reconciliation",
    "section_totals_table",
    "unit_costs_table",
]


def programme_total_reconciliation(program: Program) -> pd.DataFrame:
    """One programme total with its reconciliation: per year and for the term, what the
    decision's РАЗОМ states, what the counted measures add up to, the difference, and the
    directions whose ВСЬОГО explain it (with their lines); then the passport and Table 6.1."""
    totals = program.section_totals
    grand = totals[totals.section == "total"].set_index("year")
    sections = totals[totals.section != "total"]
    columns = [*program.years, "total"]
    rows = []
    for column in columns:
        if column not in grand.index:
            continue
        row = grand.loc[column]
        off = sections[(sections.year == column) & (sections.delta_kuah.abs() > 0.0005)]
        why = "; ".join(f"напрям {r.section}, рядок ВСЬОГО {int(r.source_line)}: "
                        f"{signed(round(r.delta_kuah, 3))}" for r in off.itertuples())
        rows.append({"Період": PERIOD_LABELS[column],
                     "Зазначено (РАЗОМ)": row.stated_kuah,
                     "Сума заходів": row.computed_kuah, "Різниця": row.delta_kuah,
                     "Рядок документа": int(row.source_line),
                     "Пояснення": why or ("збігається" if abs(row.delta_kuah or 0) <= 0.0005
                                          else "рядки ВСЬОГО збігаються з заходами; різниця — "
                                               "у рядку РАЗОМ")})
    measures_total = grand.loc["total"].computed_kuah if "total" in grand.index else None
    passport = program.document.passport_funding
    stated = next((f.cell for f in passport if f.source == "total"), None) if passport else None
    if stated is not None and measures_total is not None and stated.value is not None:
        value = float(stated.value)
        rows.append({"Період": f"паспорт, {program.term_label}", "Зазначено (РАЗОМ)": value,
                     "Сума заходів": measures_total, "Різниця": round(value - measures_total, 6),
                     "Рядок документа": stated.source_line, "Пояснення": "загальний обсяг "
                     "фінансових ресурсів (пункт паспорта) проти суми заходів"})
    resources = program.resources
    term = resources[(resources.source == "total") & (resources.year == "total")]
    if len(term) and measures_total is not None and pd.notna(term.amount_kuah.iloc[0]):
        value = float(term.amount_kuah.iloc[0])
        rows.append({"Період": f"таблиця 6.1, {program.term_label}", "Зазначено (РАЗОМ)": value,
                     "Сума заходів": measures_total, "Різниця": round(value - measures_total, 6),
                     "Рядок документа": int(term.source_line.iloc[0]),
                     "Пояснення": "обсяг ресурсів, усього, проти суми заходів"})
    return pd.DataFrame(rows)


def money_by_executor(program: Program) -> pd.DataFrame:
    """Money per department and year, each amount counted once, under whoever answers for it.

    A measure's money is its lead's (the fund manager, else the first executor: the one who
    reports it); a «в т. ч.» part's money is the part's lead's, and its parent keeps only what
    its parts do not hold. The column sums equal the programme's sum of counted measures.
    """
    from zhytomyr_kpi.document.executors import parse_executors
    from zhytomyr_kpi.views.explore import breakdown_parents

    measures = program.measures.set_index("measure_id")
    money = program.funding.pivot(index="measure_id", columns="year", values="amount_kuah")
    money = money.reindex(measures.index)[list(program.years)].fillna(0.0)
    holder = breakdown_parents(program.measures).set_axis(program.measures.measure_id)
    own = money.copy()
    for part, parent in holder.dropna().items():
        own.loc[parent] -= money.loc[part]
    lead = pd.Series([parse_executors(text).lead or "не зазначено"
                      for text in measures.executors], index=measures.index)
    table = own.groupby(lead).sum()
    table["Всього"] = table.sum(axis=1)
    counted = lead.groupby(lead).size()
    table.insert(0, "Заходів", counted.reindex(table.index).astype(int))
    table = table.sort_values("Всього", ascending=False, kind="stable")
    table.index.name = "Відповідальний виконавець"
    return table.reset_index()


def money_outside_term(program: Program) -> pd.DataFrame:
    """Measures with money in a year outside their term (the check ``term_vs_money``)."""
    findings = program.findings[program.findings.check == "term_vs_money"]
    measures = program.measures.set_index("measure_id")
    money = program.funding.set_index(["measure_id", "year"]).amount_kuah
    rows = []
    for f in findings.itertuples():
        mid = f.measure_ref
        known = isinstance(mid, str) and mid in measures.index
        year = f.year_ref if isinstance(f.year_ref, str) and f.year_ref in program.years else ""
        amount = money.get((mid, year)) if known and year else None
        rows.append({"№": measures.loc[mid, "printed_id"] if known else "",
                     "Захід": measures.loc[mid, "content"] if known else "",
                     "Термін": (measures.loc[mid, "term"] or "не вказано") if known else "",
                     "Рік": year or "усі роки", "Сума, тис. грн": amount, "Опис": f.message,
                     "Рядок документа": f.line})
    return pd.DataFrame(rows, columns=["№", "Захід", "Термін", "Рік", "Сума, тис. грн", "Опис",
                                       "Рядок документа"])
