"""The quarterly information of the Working Group to the department (section 8 of the
decision): the facts, as records; :mod:`.quarterly_sections` makes them HTML.

What it holds, for a year and quarter: plan vs actual per measure, cumulative from the start
of the year to the quarter's end (the executors report cumulatively); who has reported, with
the calendar's verdicts; the largest deviations with the executors' reasons; the changes to
measures the executors notified, with their grounds; what needs the department's attention.

Decisions (section 8 is silent on them):

* The decision plans money per year only. The plan column is the year's plan; the share of
  the year that has passed (Q ÷ 4) is shown beside it as a benchmark, never as a plan of the
  decision. A deviation for the quarter is measured against that benchmark
  (actual − plan × Q ÷ 4), said so in the table's note; in the fourth quarter it is the
  year's deviation.
* The largest deviations: the ten measures with the largest such deviation in money (with a
  plan of their own), each with the reporting executor's explanation, or «пояснення не
  надано».
* A change notified without a ground is flagged «обґрунтування не надано»: section 8 asks for a
  written justification where the change departs from the measure's aim, and only the
  department can judge that, so the flag asks it to check, it does not say the change is wrong.
* Attention: executors that owe a report and have not sent it; measures already above the
  year's plan; measures with a plan and no money spent after the first quarter; changes
  without grounds; measures without figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from zhytomyr_kpi.actuals.calendar import Terms, information_due, read_terms
from zhytomyr_kpi.actuals.status import missing_departments, on_date, reporting_status
from zhytomyr_kpi.analysis.execution import period_rows, plan_vs_actual
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.execution import STATE_LABELS

TOP_DEVIATIONS = 10


@dataclass
class QuarterLine:
    """One measure: the year's plan, the actual to the quarter's end, the executor's words."""

    measure_id: str
    section: str
    name: str
    executor: str
    counts_in_total: bool
    plan: float | None
    actual: float | None
    comment: str = ""
    state: str = ""
    state_note: str = ""

    def execution_pct(self) -> float | None:
        if self.actual is None or not self.plan:
            return None
        return self.actual / self.plan * 100

    def deviation(self, share: float) -> float | None:
        """Actual − the year's plan × the share of the year passed."""
        if self.actual is None or self.plan is None:
            return None
        return round(self.actual - self.plan * share, 6)


@dataclass
class Change:
    measure_id: str
    executor: str
    change: str
    ground: str

    @property
    def needs_ground(self) -> bool:
        return not self.ground.strip()


@dataclass
class QuarterlyData:
    """Everything the quarterly information shows, computed once."""

    program: Program
    year: str
    quarter: int
    on: date
    made_on: date | None
    terms: Terms
    addressee: str
    lines: list[QuarterLine] = field(default_factory=list)
    status: pd.DataFrame | None = None
    changes: list[Change] = field(default_factory=list)
    example: bool = False

    @property
    def share(self) -> float:
        return self.quarter / 4

    @property
    def label(self) -> str:
        return f"{self.quarter} квартал {self.year} року"

    @property
    def due(self) -> date | None:
        return information_due(self.terms, self.year, self.quarter)

    @property
    def counted(self) -> list[QuarterLine]:
        return [line for line in self.lines if line.counts_in_total]

    def totals(self) -> tuple[float, float | None, int, int]:
        """(plan, actual of the reported, measures reported, measures with a plan or actual)."""
        counted = self.counted
        plan = sum(line.plan or 0.0 for line in counted)
        reported = [line for line in counted if line.actual is not None]
        actual = sum(line.actual for line in reported) if reported else None
        return plan, actual, len(reported), len(counted)

    def largest_deviations(self) -> list[QuarterLine]:
        with_plan = [line for line in self.lines if line.plan and line.actual is not None
                     and line.counts_in_total]
        with_plan.sort(key=lambda line: (-abs(line.deviation(self.share) or 0.0),
                                         line.measure_id))
        return [line for line in with_plan[:TOP_DEVIATIONS] if line.deviation(self.share)]

    def attention(self) -> list[str]:
        """What needs the department's attention, as plain sentences (not yet escaped)."""
        from zhytomyr_kpi.basics.wording import count

        items = []
        missing = missing_departments(self.status)
        overdue = missing[missing.verdict == "overdue"]
        if len(overdue):
            who = count(len(overdue), "виконавець", "виконавці", "виконавців")
            late = "; ".join(f"{r.department} (прострочено {r.days_late} дн.)"
                             for r in overdue.itertuples())
            items.append(f"Не подали інформацію у строк ({who}): {late}"
                         + ". Їм надсилаються нагадування.")
        pending = missing[missing.verdict != "overdue"]
        if len(pending):
            items.append("Ще не подали інформацію: " + "; ".join(pending.department) + ".")
        above = [line for line in self.counted if line.plan and line.actual is not None
                 and line.actual > line.plan + 0.0005]
        if above:
            items.append("Фактичні видатки вже перевищують річний план: " + "; ".join(
                f"захід {line.measure_id}" for line in above)
                + ". Потрібне обґрунтування перевищення або зміни до Програми.")
        if self.quarter > 1:
            idle = [line for line in self.counted if line.plan and line.actual == 0]
            if idle:
                items.append("Кошти передбачено, але з початку року не використано: "
                             + "; ".join(f"захід {line.measure_id}" for line in idle) + ".")
        unfounded = [c for c in self.changes if c.needs_ground]
        if unfounded:
            items.append("Зміни до заходів без письмового обґрунтування: " + "; ".join(
                f"захід {c.measure_id}" for c in unfounded)
                + ". Слід з'ясувати, чи відповідають вони цілям початкового завдання "
                  "(розділ 8 Програми).")
        return items


def addressee(terms: Terms) -> str:
    """Whom the information goes to, as section 8 names it («департаменту економічного
    розвитку міської ради»); empty when the text does not say."""
    if terms.information is None:
        return ""
    found = re.search(r"подає\s+(.+?)\s+інформаці", terms.information.wording)
    return found.group(1) if found else ""


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or \
        str(value) in ("nan", "<NA>") else " ".join(str(value).split())


def quarter_lines(program: Program, year: str, quarter: int) -> list[QuarterLine]:
    """Every measure of the year with a plan or a reported figure, in document order."""
    from zhytomyr_kpi.report.execution import measure_name

    table = plan_vs_actual(program, year, quarter)
    measures = program.measures.set_index("measure_id").to_dict("index")
    rows = period_rows(program.actuals, year, quarter)
    extra = {r["measure_id"]: r for r in rows.to_dict("records")}
    lines = []
    for r in table.itertuples():
        plan = None if pd.isna(r.plan_kuah) else float(r.plan_kuah)
        actual = None if pd.isna(r.actual_kuah) else float(r.actual_kuah)
        if not plan and actual is None:
            continue
        more = extra.get(r.measure_id, {})
        state = _text(more.get("state"))
        lines.append(QuarterLine(
            r.measure_id, str(r.section), measure_name(measures[r.measure_id]),
            _text(r.executor), bool(r.counts_in_total), plan, actual, _text(r.comment),
            STATE_LABELS.get(state, state), _text(more.get("state_note"))))
    return lines


def notified_changes(program: Program, year: str, quarter: int) -> list[Change]:
    """Changes to measures the executors notified for the period (columns ``change`` and
    ``change_ground`` of the actuals, where the intake keeps them)."""
    rows = period_rows(program.actuals, year, quarter)
    if "change" not in rows.columns:
        return []
    found = []
    for r in rows.to_dict("records"):
        text = _text(r.get("change"))
        if text:
            found.append(Change(r["measure_id"], _text(r.get("executor")), text,
                                _text(r.get("change_ground"))))
    return found


def prepare(program: Program, year: str, quarter: int, made_on: date | None = None,
            on: date | None = None, store=None) -> QuarterlyData:
    """The quarterly information's facts, as of ``on`` (default: the report's date, else
    today) for the executors' verdicts."""
    from zhytomyr_kpi.analysis.execution import is_example

    terms = read_terms(program)
    on = on or made_on or on_date(None)
    status = reporting_status(program, year, quarter, store, on)
    return QuarterlyData(program, year, quarter, on, made_on, terms, addressee(terms),
                         quarter_lines(program, year, quarter), status,
                         notified_changes(program, year, quarter),
                         bool(is_example(program, (year,))))
