"""Annex B cost indicators beside the Annex A measures they cover (issue 20, item 3).

The decision gives no map between its two annexes; ``reviewed/cost_measures.csv`` (ASSUMPTIONS
A10) says which measures each cost indicator covers. For every mapped cost indicator of a year
the report shows both plans and both facts — the indicator's own figure (from the executors'
indicator rows) and the measures' cash spending — and their difference as a finding. Nothing is
taken from one side to fill the other: where they disagree the reader sees both.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.execution import MeasureLine
from zhytomyr_kpi.report.indicators import IndicatorLine

#: Annex B units in thousands of hryvnias (the unit of Annex A).
TO_KUAH = {"тис. грн": 1.0, "млн грн": 1000.0, "грн": 0.001}


@dataclass
class CostLine:
    number: int
    measures: tuple[str, ...]
    indicator_plan: float | None  # тис. грн
    measures_plan: float | None
    indicator_actual: float | None
    measures_actual: float | None

    @property
    def plan_difference(self) -> float | None:
        if self.indicator_plan is None or self.measures_plan is None:
            return None
        return round(self.indicator_plan - self.measures_plan, 6)

    @property
    def actual_difference(self) -> float | None:
        if self.indicator_actual is None or self.measures_actual is None:
            return None
        return round(self.indicator_actual - self.measures_actual, 6)


def _mappings(program: Program):
    from zhytomyr_kpi.document.reference import cost_mappings, document_folder

    return cost_mappings(document_folder(program.document))


def _kuah(value: float | None, unit: str) -> float | None:
    factor = TO_KUAH.get(unit)
    return None if value is None or factor is None else round(value * factor, 6)


def cost_lines(program: Program, lines: list[MeasureLine],
               costs: list[IndicatorLine]) -> list[CostLine]:
    """One row per mapped cost indicator of the year (``lines``: that year's measures)."""
    by_id = {line.measure_id: line for line in lines}
    indicators = {line.number: line for line in costs}
    found = []
    for mapping in _mappings(program):
        indicator = indicators.get(mapping.cost_indicator)
        if indicator is None:
            continue
        # a parent and its «в т. ч.» parts are counted once: only the lines that count
        covered = [by_id[m] for m in mapping.measure_ids if m in by_id
                   and by_id[m].counts_in_total]
        plan = round(sum(line.plan or 0.0 for line in covered), 6) if covered else None
        actuals = [line.actual for line in covered if line.actual is not None]
        actual = round(sum(actuals), 6) if covered and len(actuals) == len(covered) else None
        found.append(CostLine(mapping.cost_indicator, mapping.measure_ids,
                              _kuah(indicator.plan, indicator.unit), plan,
                              _kuah(indicator.actual, indicator.unit), actual))
    return found
