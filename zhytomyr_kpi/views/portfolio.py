"""The portfolio: every programme of the project in one table (issue 19, item 4).

Per programme: its term, the money per year (the counted measures of Annex A, as the
checks and plan-vs-actual count them), the execution % of the years the executors have
reported (actual ÷ plan of the counted measures; «немає даних» where nobody has), the
findings by severity, and the Annex B cost and output indicators that reached their plan
(actual ≥ plan, the report's rule) among those reported, plus the ratings met among those
with a verdict («немає даних» where there is neither).

The programmes are the project's (:func:`zhytomyr_kpi.basics.paths.programmes`: the default
one, then ``programmes/*/``). A programme that cannot be read is a row saying why, so one
bad text never hides the other thirty-nine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zhytomyr_kpi.basics.paths import Place, programmes
from zhytomyr_kpi.basics.wording import number

if TYPE_CHECKING:
    import pandas as pd

    from zhytomyr_kpi.program import Program

NO_DATA = "немає даних"
HEADERS = ("Програма", "Строк", "Кошти заходів за роками, тис. грн", "Усього, тис. грн", "Виконання",
           "Помилок", "Попереджень", "Довідок", "Показники досягнуто")


@dataclass
class PortfolioRow:
    """One programme's line of the portfolio (``error``: why it could not be read)."""

    programme: str
    document: str
    term: str = ""
    plan_kuah: dict[str, float] = field(default_factory=dict)
    actual_kuah: dict[str, float] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    indicators_reported: int = 0
    indicators_reached: int = 0
    ratings_judged: int = 0
    ratings_met: int = 0
    error: str = ""

    @property
    def plan_total_kuah(self) -> float:
        return round(sum(self.plan_kuah.values()), 6)  # amounts have at most 6 decimals

    def execution_pct(self, year: str | None = None) -> float | None:
        """Actual ÷ plan × 100 of one year, or of every reported year together."""
        years = [year] if year else list(self.actual_kuah)
        plan = sum(self.plan_kuah.get(y, 0.0) for y in years if y in self.actual_kuah)
        if not years or plan <= 0 or not any(y in self.actual_kuah for y in years):
            return None
        return sum(self.actual_kuah[y] for y in years if y in self.actual_kuah) / plan * 100


def programme_row(program: Program, place: Place) -> PortfolioRow:
    """The portfolio line of one programme, from its tables and the analysis."""
    from zhytomyr_kpi.analysis.execution import has_actuals, period_rows, plan_vs_actual

    row = PortfolioRow(place.title, str(place.document), program.term_label)
    for year in program.years:
        totals = plan_vs_actual(program, year, level="programme").iloc[0]
        row.plan_kuah[year] = round(float(totals.plan_kuah), 6)
        if has_actuals(program, year) and totals.actual_kuah == totals.actual_kuah:
            row.actual_kuah[year] = round(float(totals.actual_kuah), 6)
    for finding in program.all_findings:
        if finding.severity in ("error", "warning", "info"):
            name = {"error": "errors", "warning": "warnings", "info": "infos"}[finding.severity]
            setattr(row, name, getattr(row, name) + 1)
    indicators = program.indicators
    plans = {(r.group, int(r.number), r.period): r.value for r in indicators.itertuples()
             if r.group in ("cost", "output")}
    for year in program.years:
        for r in period_rows(program.indicator_actuals, year, None).itertuples():
            plan, actual = plans.get((r.group, int(r.number), year)), r.actual_value
            if plan is None or plan != plan or actual is None or actual != actual:
                continue
            row.indicators_reported += 1
            row.indicators_reached += bool(actual >= plan)
    ratings = program.ratings
    judged = ratings[(ratings.target_source == "annex_b") & ratings.status.isin(["met", "missed"])]
    row.ratings_judged, row.ratings_met = len(judged), int((judged.status == "met").sum())
    return row


def portfolio(places: list[Place] | None = None) -> list[PortfolioRow]:
    """Every programme's line (default: the project's programmes), in the order given."""
    from zhytomyr_kpi.actuals.errors import ActualsError
    from zhytomyr_kpi.basics.errors import ParseError
    from zhytomyr_kpi.program import load_program

    rows = []
    for place in programmes() if places is None else places:
        try:
            program = load_program(place.document, rating_results=place.rating_results,
                                   actuals=place.actuals)
            rows.append(programme_row(program, place))
        except (ParseError, ActualsError, OSError) as exc:
            rows.append(PortfolioRow(place.title, str(place.document),
                                     error=f"не прочитано: {exc}"))
    return rows


def _money_by_year(row: PortfolioRow) -> str:
    return "; ".join(f"{y}: {number(v)}" for y, v in row.plan_kuah.items())


def _execution(row: PortfolioRow) -> str:
    if not row.actual_kuah:
        return NO_DATA
    parts = [f"{y}: {number(pct, 1)} %" for y in row.actual_kuah
             if (pct := row.execution_pct(y)) is not None]
    return "; ".join(parts) or NO_DATA


def _reached(row: PortfolioRow) -> str:
    parts = []
    if row.indicators_reported:
        parts.append(f"{row.indicators_reached} з {row.indicators_reported} (затрати, продукт)")
    if row.ratings_judged:
        parts.append(f"рейтинги: {row.ratings_met} з {row.ratings_judged}")
    return "; ".join(parts) or NO_DATA


def cells(row: PortfolioRow) -> tuple[str, ...]:
    """The line in words, as :data:`HEADERS` name its columns."""
    if row.error:
        return (row.programme, "—", row.error, "—", "—", "—", "—", "—", "—")
    return (row.programme, row.term, _money_by_year(row), number(row.plan_total_kuah),
            _execution(row), str(row.errors), str(row.warnings), str(row.infos), _reached(row))


def portfolio_frame(rows: list[PortfolioRow]) -> pd.DataFrame:
    """The portfolio as a table with Ukrainian headers (for the notebook and the app)."""
    import pandas as pd

    return pd.DataFrame([cells(r) for r in rows], columns=list(HEADERS))


def console(rows: list[PortfolioRow]) -> str:
    """The portfolio for the terminal: one line per programme, then what could not be read."""
    from zhytomyr_kpi.basics.wording import count
    from zhytomyr_kpi.views.summary import text_table

    lines = [f"Портфель: {count(len(rows), 'програма', 'програми', 'програм')}", ""]
    lines += text_table(HEADERS, [cells(r) for r in rows], numeric_from=5)
    return "\n".join(lines) + "\n"
