"""«Результативні показники»: Annex B's four groups, plan vs actual, for one year.

Cost and output: the plan of Annex B and the executors' actual. Efficiency: the stated value,
the value recomputed from the plan (cost ÷ output) and from the actual figures. Quality:
the ratings' verdicts. Every row carries its unit in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS, STATUS_LABELS
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.markup import top

GROUP_TITLES = {"cost": "Показники затрат", "output": "Показники продукту",
                "efficiency": "Показники ефективності", "quality": "Показники якості"}
UNITS = {"kuah": "тис. грн", "muah": "млн грн", "uah": "грн", "persons": "осіб",
         "units": "од.", "place": "місце", "points": "балів"}


#: Printed spellings of a unit that the report writes in its own words (a decision's «Одиниць»,
#: «Осіб», «Бали» in a table cell read «од.», «осіб», «балів»); any other spelling is shown as
#: printed («шт.», «Гкал»).
_USUAL = {"units": {"од", "одиниць", "одиниці", "одиниця"}, "persons": {"осіб", "особи", "чол"},
          "place": {"місце", "місця"}, "points": {"бал", "бали", "балів"}}


def unit_words(unit_code: str | None, unit: str = "") -> str:
    """The unit as printed in the report: money in the report's words («тис. грн», «млн грн»,
    never «млн.»); a count, persons, a place or points in the report's words where the
    programme spells them so (:data:`_USUAL`); any other unit as the programme printed it
    («шт.», «Гкал»), else the unit's usual words."""
    if unit_code in ("kuah", "muah", "uah"):
        return UNITS[unit_code]
    printed = " ".join(str(unit or "").replace("млн.", "млн").replace("Млн.", "млн").split())
    if unit_code in UNITS and (not printed or printed.lower().rstrip(".") in
                               _USUAL.get(unit_code, ())):
        return UNITS[unit_code]
    return printed or UNITS.get(unit_code or "", "")


@dataclass
class IndicatorLine:
    group: str
    number: int
    name: str
    unit: str
    plan: float | None
    plan_text: str
    actual: float | None = None
    comment: str = ""
    recomputed_plan: float | None = None  # efficiency: plan cost ÷ plan output
    recomputed_actual: float | None = None  # efficiency: actual cost ÷ actual output
    status: str = ""  # quality: the verdict in words
    evidence: str = ""
    reason: str = ""

    @property
    def deviation(self) -> float | None:
        if self.actual is None or self.plan is None:
            return None
        return self.actual - self.plan


def _float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _actuals(program: Program, year: str) -> dict[tuple[str, int], tuple[float, str]]:
    from zhytomyr_kpi.analysis.execution import period_rows

    rows = period_rows(program.indicator_actuals, year, None)
    return {(r.group, int(r.number)): (_float(r.actual_value),
                                       " ".join(str(r.comment).split())
                                       if isinstance(r.comment, str) else "")
            for r in rows.itertuples()}


def indicator_lines(program: Program, year: str) -> dict[str, list[IndicatorLine]]:
    """The four groups of Annex B for one programme year."""
    from zhytomyr_kpi.analysis.execution import actual_unit_costs

    ind = program.indicators
    ind = ind[ind.period == year]
    actual = _actuals(program, year)
    eff = program.efficiency
    plan_eff = eff[(eff.basis == "plan") & (eff.period == year)].set_index("number")
    actual_eff = actual_unit_costs(program, year)
    actual_eff = actual_eff.set_index("number") if len(actual_eff) else actual_eff
    ratings = program.ratings
    ratings = ratings[(ratings.year == year) & (ratings.target_source == "annex_b")]
    ratings = ratings.set_index("rating")
    groups: dict[str, list[IndicatorLine]] = {g: [] for g in GROUP_TITLES}
    for r in ind.itertuples():
        line = IndicatorLine(r.group, int(r.number), " ".join(str(r.name).split()),
                             unit_words(r.unit_code, r.unit), _float(r.value),
                             top(str(r.value_text)))
        if (r.group, line.number) in actual:
            line.actual, line.comment = actual[(r.group, line.number)]
        if r.group == "efficiency":
            if line.number in plan_eff.index:
                line.recomputed_plan = _float(plan_eff.loc[line.number, "computed"])
            if len(actual_eff) and line.number in actual_eff.index:
                line.recomputed_actual = _float(actual_eff.loc[line.number, "computed"])
        if r.group == "quality" and isinstance(r.rating, str) and r.rating in ratings.index:
            verdict = ratings.loc[r.rating]
            line.status = STATUS_LABELS[verdict.status]
            line.evidence = EVIDENCE_LABELS.get(verdict.evidence, "")
            line.reason = top(str(verdict.reason))
            line.plan_text = top(str(verdict.target))
            line.comment = top(str(verdict.actual))
        groups[r.group].append(line)
    return groups


def reached(line: IndicatorLine) -> bool | None:
    """Whether a cost/output indicator reached its plan (None when no figure)."""
    if line.actual is None or line.plan is None:
        return None
    return line.actual >= line.plan
