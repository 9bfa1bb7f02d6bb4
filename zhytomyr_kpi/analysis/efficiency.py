"""Spending efficiency: Annex B unit costs stated vs recomputed, and Annex A money vs Annex B costs.

One code path for every basis of figures. A *figures* frame holds cost and output values
tagged with a ``basis``:

- ``plan`` — Annex B as approved (costs and outputs of the decision);
- ``allocation`` — the costs replaced by the Annex A money of the measures each cost covers
  (``reviewed/cost_measures.csv``), outputs as planned: «what the money in Annex A buys»;
- ``actual`` — executors' reported figures (a later issue) in the same shape.

:func:`unit_costs` divides the pairs of ``reviewed/efficiency_pairs.csv`` (for a programme
without a reviewed list, the pairs read from Annex B's names, :mod:`~zhytomyr_kpi.document.pairing`)
for each basis and
period, normalises units (грн, тис. грн, млн грн) to the efficiency indicator's own unit, and
compares with the unit cost Annex B states. Where a ratio cannot be computed, the row says why.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from zhytomyr_kpi.basics.wording import format_uk
from zhytomyr_kpi.document.numbers import decimals_of
from zhytomyr_kpi.document.pairing import pairs_for
from zhytomyr_kpi.document.reference import (
    EfficiencyPair,
    cost_mappings,
    document_folder,
)
from zhytomyr_kpi.document.units import MONEY_IN_UAH
from zhytomyr_kpi.document.vocabulary import GROUP_LABELS, PERIOD_LABELS
from zhytomyr_kpi.tables.programme import ProgrammeTables

FIGURE_COLUMNS = ["basis", "group", "number", "period", "value", "value_text", "unit_code"]
RESULT_LABELS = {
    "agrees": "збігається",
    "differs": "розбіжність",
    "not_stated": "у документі не вказано",
    "not_computable": "не обчислюється",
}
BASIS_LABELS = {"plan": "план (додаток Б)", "allocation": "кошти додатка А", "actual": "факт"}


def plan_figures(program: ProgrammeTables) -> pd.DataFrame:
    """Annex B cost and output indicators as figures of basis ``plan``."""
    ind = program.indicators
    figures = ind[ind.group.isin(["cost", "output"])].assign(basis="plan")
    return figures[FIGURE_COLUMNS].reset_index(drop=True)


def allocation_figures(program: ProgrammeTables) -> pd.DataFrame:
    """Costs from Annex A (sum of the mapped measures per year, тис. грн), outputs as planned.

    None at all for a programme whose costs are mapped to no measures (no reviewed
    ``cost_measures.csv``): the «allocation» basis would only repeat the plan.
    """
    mapped = {m.cost_indicator: m for m in cost_mappings(document_folder(program.document))}
    if not mapped:
        return pd.DataFrame(columns=FIGURE_COLUMNS)
    plan = plan_figures(program)
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    rows = []
    for figure in plan.itertuples(index=False):
        if figure.period not in program.years:
            continue  # Annex A has no money for the baseline
        mapping = mapped.get(figure.number) if figure.group == "cost" else None
        if mapping is None:
            rows.append(figure._replace(basis="allocation")._asdict())
            continue
        amounts = [funding.get((mid, figure.period)) for mid in mapping.measure_ids]
        total = sum(a for a in amounts if a is not None and pd.notna(a))
        rows.append({"basis": "allocation", "group": "cost", "number": figure.number,
                     "period": figure.period, "value": round(total, 6),
                     "value_text": " + ".join(mapping.measure_ids), "unit_code": "kuah"})
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def _indicator_label(refs: tuple[tuple[str, int], ...]) -> str:
    return " + ".join(f"{GROUP_LABELS[g]} {n}" for g, n in refs)


def _money(value: float, unit: str | None) -> Decimal:
    return Decimal(str(value)) * MONEY_IN_UAH.get(unit or "", Decimal(1))


def _ratio_row(pair: EfficiencyPair, eff, period: str, basis: str, figures: dict) -> dict:
    """One row of the unit-cost table: computed vs stated, or why it cannot be computed."""
    stated_row = eff.get(period)
    row = {
        "indicator": f"efficiency-{pair.efficiency}", "number": pair.efficiency,
        "name": stated_row.name if stated_row is not None else "", "basis": basis,
        "period": period, "unit": stated_row.unit if stated_row is not None else "",
        "numerator": _indicator_label(pair.numerator),
        "denominator": _indicator_label(pair.denominator) if pair.denominator else "",
        "cost": None, "output": None, "computed": None,
        "stated": stated_row.value if stated_row is not None and pd.notna(stated_row.value)
        else None,
        "stated_text": stated_row.value_text if stated_row is not None else "",
        "delta": None, "delta_pct": None, "implied_output": None, "result": "not_computable",
        "note": "",
    }
    if not pair.denominator:
        row["note"] = "у додатку Б немає показника продукту, на який ділити"
        return row
    nums = [figures.get((basis, g, n, period)) for g, n in pair.numerator]
    dens = [figures.get((basis, g, n, period)) for g, n in pair.denominator]
    missing = [f"{GROUP_LABELS[g]} {n}: «{f.value_text if f is not None else 'немає'}»"
               for (g, n), f in zip(pair.numerator + pair.denominator, nums + dens, strict=True)
               if f is None or pd.isna(f.value)]
    if missing:
        row["note"] = "не число: " + "; ".join(missing)
        return row
    cost_uah = sum((_money(f.value, f.unit_code) for f in nums), Decimal(0))
    output = sum((Decimal(str(f.value)) for f in dens), Decimal(0))
    if output == 0:
        row["note"] = "продукт дорівнює нулю"
        return row
    scale = MONEY_IN_UAH.get(stated_row.unit_code or "", Decimal(1))
    cost = cost_uah / scale
    computed = cost / output
    row.update(cost=float(round(cost, 6)), output=float(output),
               computed=float(round(computed, 6)))
    if row["stated"] is None:
        row["result"] = "not_stated"
        row["note"] = f"у документі «{row['stated_text']}»"
        return row
    stated = Decimal(str(row["stated"]))
    delta = stated - computed
    tolerance = Decimal(5) / Decimal(10) ** (decimals_of(row["stated_text"]) + 1)
    row.update(delta=float(round(delta, 6)),
               delta_pct=float(round(delta / computed * 100, 2)) if computed else None,
               implied_output=float(round(cost / stated, 3)) if stated else None,
               result="agrees" if abs(delta) <= tolerance else "differs")
    if row["result"] == "differs" and stated:
        row["note"] = (f"вказане значення відповідає продукту "
                       f"{format_uk(round(cost / stated, 1))} замість {format_uk(output)}")
    return row


def unit_costs(program: ProgrammeTables, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Unit costs per efficiency indicator, basis and period: computed, stated, delta, status.

    ``figures`` defaults to the plan and allocation figures of the programme; pass actual
    figures (same columns, ``basis='actual'``) to get actual unit costs the same way.
    """
    if figures is None:
        figures = pd.concat([plan_figures(program), allocation_figures(program)],
                            ignore_index=True)
    lookup = {(f.basis, f.group, int(f.number), f.period): f
              for f in figures.itertuples(index=False)}
    ind = program.indicators
    efficiency = ind[ind.group == "efficiency"]
    rows = []
    for basis in dict.fromkeys(figures.basis):
        for pair in pairs_for(program.document)[0]:
            stated = {r.period: r for r in efficiency[efficiency.number == pair.efficiency]
                      .itertuples(index=False)}
            if not stated:
                continue
            for period in program.document.periods:
                if basis != "plan" and not any(k[0] == basis and k[3] == period for k in lookup):
                    continue
                rows.append(_ratio_row(pair, stated, period, basis, lookup))
    return pd.DataFrame(rows, columns=EFFICIENCY_COLUMNS)


EFFICIENCY_COLUMNS = ["indicator", "number", "name", "basis", "period", "unit", "numerator",
                      "denominator", "cost", "output", "computed", "stated", "stated_text",
                      "delta", "delta_pct", "implied_output", "result", "note"]


def allocations_vs_costs(program: ProgrammeTables) -> pd.DataFrame:
    """Per Annex B cost indicator and year: the indicator, the mapped Annex A money, the delta."""
    ind = program.indicators.set_index(["group", "number", "period"])
    funding = program.funding.set_index(["measure_id", "year"])
    rows = []
    for mapping in cost_mappings(document_folder(program.document)):
        for year in program.years:
            key = ("cost", mapping.cost_indicator, year)
            if key not in ind.index:
                continue
            indicator = ind.loc[key]
            scale = MONEY_IN_UAH.get(indicator.unit_code or "", Decimal(1000)) / Decimal(1000)
            stated = (float(Decimal(str(indicator.value)) * scale)
                      if pd.notna(indicator.value) else None)
            amounts = [funding.amount_kuah.get((mid, year)) for mid in mapping.measure_ids]
            texts = [funding.cell_text.get((mid, year)) for mid in mapping.measure_ids]
            allocated = round(sum(a for a in amounts if a is not None and pd.notna(a)), 6)
            not_numbers = [f"{mid}: «{t}»" for mid, a, t in zip(mapping.measure_ids, amounts,
                                                                  texts, strict=True)
                           if a is None or pd.isna(a)]
            delta = round(stated - allocated, 6) if stated is not None else None
            rows.append({
                "cost_indicator": f"cost-{mapping.cost_indicator}",
                "name": indicator["name"], "year": year, "indicator_kuah": stated,
                "indicator_text": indicator.value_text, "allocated_kuah": allocated,
                "delta_kuah": delta,
                "delta_pct": round(delta / allocated * 100, 2) if delta is not None and allocated
                else None,
                "measure_ids": ", ".join(mapping.measure_ids),
                "result": ("not_computable" if stated is None else
                           "agrees" if abs(delta) < 0.0005 else "differs"),
                "note": "; ".join(not_numbers) if not_numbers else (
                    "" if stated is not None else f"у додатку Б «{indicator.value_text}»"),
            })
    return pd.DataFrame(rows, columns=ALLOCATION_COLUMNS)


ALLOCATION_COLUMNS = ["cost_indicator", "name", "year", "indicator_kuah", "indicator_text",
                      "allocated_kuah", "delta_kuah", "delta_pct", "measure_ids", "result", "note"]


def unit_cost_dynamics(table: pd.DataFrame) -> pd.DataFrame:
    """Each unit cost against the baseline and the previous period (absolute and %).

    One row per indicator, basis, kind (``stated`` or ``computed``) and period.
    """
    rows = []
    for (indicator, basis), group in table.groupby(["indicator", "basis"], sort=False):
        by_period = group.set_index("period")
        for kind in ("stated", "computed"):
            series = by_period[kind].reindex(["baseline", *sorted(set(by_period.index) - {"baseline"})])
            base = series.get("baseline")
            previous = None
            for period, value in series.items():
                row = {"indicator": indicator, "basis": basis, "kind": kind, "period": period,
                       "value": value, "vs_baseline": None, "vs_baseline_pct": None,
                       "vs_previous": None, "vs_previous_pct": None}
                if pd.notna(value):
                    if period != "baseline" and base is not None and pd.notna(base):
                        row["vs_baseline"] = round(value - base, 6)
                        row["vs_baseline_pct"] = round((value - base) / base * 100, 2) if base \
                            else None
                    if previous is not None and pd.notna(previous):
                        row["vs_previous"] = round(value - previous, 6)
                        row["vs_previous_pct"] = round((value - previous) / previous * 100, 2) \
                            if previous else None
                rows.append(row)
                previous = value
    return pd.DataFrame(rows)


def period_label(period: str) -> str:
    return PERIOD_LABELS.get(period, period)
