"""Plan vs actual: executors' figures against the programme, per measure, direction, programme.

Deviation = actual − plan; execution % = actual ÷ plan × 100. Actual figures are cumulative
from the start of the year, so a year's actual is its annual report, or else its latest
quarter. A figure nobody sent stays missing (NaN), never 0. A «в т. ч.» parent (3.2) reports
the sum of its parts and is never added again at the direction or programme level. Money of a
measure with several executors comes from its lead only (the intake enforces it), so it is
counted once; the others' comments travel with it (``comment``). Actual unit costs go through
the same efficiency function as the plan (:func:`actual_figures` → ``unit_costs``).
"""

from __future__ import annotations

import pandas as pd

from zhytomyr_kpi.actuals.programme import ProgrammeWithActuals
from zhytomyr_kpi.analysis.efficiency import FIGURE_COLUMNS, unit_costs
from zhytomyr_kpi.document.vocabulary import section_labels


def period_rows(frame: pd.DataFrame, year: str, quarter: int | None) -> pd.DataFrame:
    """Rows of one period: the quarter asked for, or the year's figures.

    A year's figure of an item (a measure's money, an indicator's value) is its annual report;
    where an item has none, its IV quarter report (figures are cumulative from the start of
    the year, so the IV quarter's is the year's). Of these, a row with a figure wins over one
    without, and an executor's own over the consolidated workbook's (as within one period, see
    :func:`~zhytomyr_kpi.actuals.store.read_store`), then the annual over the IV quarter's. A
    year nobody has reported in full yet (no annual, no IV quarter) is shown as of its latest
    reported quarter.
    """
    rows = frame[frame.year == year]
    if rows.empty:
        return rows
    if quarter is not None:
        return rows[rows.quarter == quarter]
    full_year = rows[rows.quarter.isna() | (rows.quarter == 4)]
    if full_year.empty:
        return rows[rows.quarter == rows.quarter.max()]
    from zhytomyr_kpi.actuals.template import WHOLE_PROGRAMME

    key = ["measure_id"] if "measure_id" in rows.columns else ["group", "number"]
    value = "actual_kuah" if "actual_kuah" in rows.columns else "actual_value"
    rank = pd.DataFrame({"figure": full_year[value].isna(),
                         "consolidated": full_year.executor == WHOLE_PROGRAMME,
                         "quarterly": full_year.quarter.notna()}, index=full_year.index)
    order = rank.sort_values(["figure", "consolidated", "quarterly"], kind="stable").index
    return full_year.loc[order].drop_duplicates(key).sort_index()


def has_actuals(program: ProgrammeWithActuals, year: str, quarter: int | None = None) -> bool:
    return not period_rows(program.actuals, year, quarter).empty


def is_example(program: ProgrammeWithActuals, years: tuple[str, ...]) -> bool:
    """Whether any actual figure of these years comes from an example workbook."""
    rows = program.actuals[program.actuals.year.isin(years)]
    return bool(rows.is_example.any())


def _reported(program: ProgrammeWithActuals, year: str, quarter: int | None) -> dict[str, dict]:
    """Measure id → its reported row (amount may be missing); a «в т. ч.» parent gets the sum
    of its reported parts."""
    if year not in program.years:
        return {}
    rows = {r.measure_id: {"actual_kuah": None if pd.isna(r.actual_kuah) else r.actual_kuah,
                           "comment": r.comment, "executor": r.executor}
            for r in period_rows(program.actuals, year, quarter).itertuples()}
    measures = program.measures
    for parent in measures[measures.is_breakdown_parent].measure_id:
        parts = [rows[p]["actual_kuah"] for p in measures[measures.parent_id == parent].measure_id
                 if p in rows and rows[p]["actual_kuah"] is not None]
        if parts:
            rows[parent] = {"actual_kuah": sum(parts), "comment": "", "executor": ""}
    return rows


def plan_vs_actual(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
                   level: str = "measure") -> pd.DataFrame:
    """Plan, actual, deviation and execution % for a year (or quarter).

    ``level``: ``measure``, ``direction`` or ``programme``. At the measure level the previous
    year's actual (where reported) gives the dynamics, and ``comment`` carries the executors'
    explanations (the reason for a deviation), ``executor`` who reported the money.
    """
    from zhytomyr_kpi.actuals import template_measures

    actual = _reported(program, year, quarter)
    previous = _reported(program, str(int(year) - 1), None)
    measures = program.measures.set_index("measure_id")
    rows = []
    for row in template_measures(program, year):
        mid = row["measure_id"]
        reported = actual.get(mid, {})
        rows.append({"measure_id": mid, "section": measures.loc[mid, "section"],
                     "content": row["content"],
                     "counts_in_total": bool(measures.loc[mid, "counts_in_total"]),
                     "plan_kuah": row["plan"], "actual_kuah": reported.get("actual_kuah"),
                     "previous_actual_kuah": previous.get(mid, {}).get("actual_kuah"),
                     "executor": reported.get("executor") or row["lead"] or "",
                     "comment": reported.get("comment") or ""})
    table = pd.DataFrame(rows)
    for column in ("plan_kuah", "actual_kuah", "previous_actual_kuah"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    if level == "direction":
        counted = table[table.counts_in_total]
        table = counted.groupby("section", as_index=False).agg(
            plan_kuah=("plan_kuah", "sum"), actual_kuah=("actual_kuah", lambda s: s.sum(min_count=1)),
            previous_actual_kuah=("previous_actual_kuah", lambda s: s.sum(min_count=1)))
        names = section_labels(program.document)
        table.insert(1, "direction", [names.get(s, s) for s in table.section])
    elif level == "programme":
        counted = table[table.counts_in_total]
        table = pd.DataFrame([{"plan_kuah": counted.plan_kuah.sum(),
                               "actual_kuah": counted.actual_kuah.sum(min_count=1),
                               "previous_actual_kuah": counted.previous_actual_kuah.sum(
                                   min_count=1)}])
    elif level != "measure":
        raise ValueError(f"unknown level {level!r}: measure, direction or programme")
    table["deviation_kuah"] = (table.actual_kuah - table.plan_kuah).round(6)
    plan = table.plan_kuah.where(table.plan_kuah > 0)
    table["execution_pct"] = (table.actual_kuah / plan * 100).round(1)
    table["change_vs_previous_pct"] = (
        (table.actual_kuah - table.previous_actual_kuah) / table.previous_actual_kuah.where(
            table.previous_actual_kuah > 0) * 100).round(1)
    return table


def actual_figures(program: ProgrammeWithActuals, year: str, quarter: int | None = None) -> pd.DataFrame:
    """Reported cost and output indicators as figures of basis ``actual`` (missing ones left
    out: a figure nobody sent is not a zero)."""
    rows = period_rows(program.indicator_actuals, year, quarter)
    rows = rows[rows.actual_value.notna()]
    units = program.indicators.drop_duplicates(["group", "number"]).set_index(
        ["group", "number"]).unit_code
    return pd.DataFrame([{
        "basis": "actual", "group": r.group, "number": int(r.number), "period": year,
        "value": r.actual_value, "value_text": str(r.actual_value),
        "unit_code": units.get((r.group, int(r.number)))}
        for r in rows.itertuples()], columns=FIGURE_COLUMNS)


def actual_unit_costs(program: ProgrammeWithActuals, year: str, quarter: int | None = None) -> pd.DataFrame:
    """Actual unit costs (reported cost ÷ reported output) against the stated plan values."""
    figures = actual_figures(program, year, quarter)
    if figures.empty:
        return unit_costs(program, figures).iloc[0:0]
    return unit_costs(program, figures)


def actual_unit_costs_table(program: ProgrammeWithActuals, year: str,
                            quarter: int | None = None) -> pd.DataFrame:
    """Actual unit costs for people (Ukrainian headers and results), as in notebook 05."""
    from zhytomyr_kpi.analysis.efficiency import RESULT_LABELS

    costs = actual_unit_costs(program, year, quarter)
    return pd.DataFrame({
        "Показник": [f"{n}. {name}" for n, name in zip(costs.number, costs.name, strict=True)],
        "Одиниця": costs.unit,
        "Фактичні затрати": costs.cost,
        "Фактичний продукт": costs.output,
        "Фактичні середні видатки": costs.computed,
        "Затверджено в додатку Б": costs.stated,
        "Різниця, %": costs.delta_pct,
        "Результат": costs.result.map(RESULT_LABELS),
        "Пояснення": costs.note,
    }).reset_index(drop=True)
