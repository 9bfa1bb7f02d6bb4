"""Execution figures of a report period: per measure, per direction, per funding source.

Plan comes from Annex A, actual from the executors' submissions (``analysis.execution``).
A «в т. ч.» part (the subprojects of 3.2) is listed under its parent and never added to a
subtotal a second time. A missing actual stays missing (``None``): the report prints
«не надано», never 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from zhytomyr_kpi.document.executors import parse_executors
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings

#: Stan of a measure's money, in the words of the report.
DONE, PARTLY, NOT_DONE, NO_REPORT, NO_MONEY, ABOVE_PLAN, OVER_PLAN = (
    "виконано", "виконано частково", "не виконано", "звіт не надано",
    "кошти не передбачено", "профінансовано без плану", "виконано з перевищенням")

#: The executor's own account of the work (the template's «стан» column, issue 21) and the
#: words the report prints when the executor gave none.
WORK_STATES = ("виконано", "виконано частково", "не виконано", "перенесено")
NO_WORK_STATE = "стан не повідомлено"

#: Spending above plan by more than this share (percent) is «виконано з перевищенням»: a
#: rounding difference of the executors' figures is not an overspend.
OVER_TOLERANCE = 0.05


@dataclass
class MeasureLine:
    """One measure of the period: plan, actual (or None), deviation, state, comment."""

    measure_id: str
    section: str
    name: str
    executors: tuple[str, ...]
    lead: str | None
    counts_in_total: bool
    parent_id: str | None
    plan: float | None
    actual: float | None
    comment: str = ""
    missing_years: list[str] = field(default_factory=list)
    state: str = ""
    work_state: str = ""  # the executor's «стан» («виконано», …), "" when not reported
    work_note: str = ""  # what was done, in the executor's words
    change: str = ""  # a change of the measure the executor reports (term, content, money)
    change_ground: str = ""  # its ground (a decision, a letter); "" when none is given
    term: str = ""
    task: str = ""
    expected: str = ""

    @property
    def over_plan(self) -> bool:
        """Spent above plan (beyond rounding): the report asks for the ground."""
        share = self.execution_pct
        return share is not None and share > 100 + OVER_TOLERANCE

    @property
    def work_words(self) -> str:
        return self.work_state or NO_WORK_STATE

    @property
    def deviation(self) -> float | None:
        if self.actual is None:
            return None
        return round(self.actual - (self.plan or 0.0), 6)

    @property
    def execution_pct(self) -> float | None:
        if self.actual is None or not self.plan:
            return None
        return self.actual / self.plan * 100

    @property
    def deviation_pct(self) -> float | None:
        value = self.execution_pct
        return None if value is None else value - 100


def measure_name(measure) -> str:
    """The content, or the task where the content is a fragment («- почесні відзнаки…»)."""
    content = " ".join(str(measure["content"] or "").split())
    task = " ".join(str(measure["task"] or "").split())
    return content if content[:1].isupper() or not task else task


def _comments(program: Program, year: str) -> dict[str, str]:
    from zhytomyr_kpi.analysis.execution import period_rows

    rows = period_rows(program.actuals, year, None)
    return {r.measure_id: " ".join(str(r.comment).split()) for r in rows.itertuples()
            if isinstance(r.comment, str) and r.comment.strip()}


#: The executors' states as the store keeps them → as a report says them.
STATE_LABELS = {"done": "виконано", "partly_done": "виконано частково",
                "not_done": "не виконано", "postponed": "перенесено"}
#: What an executor says about a measure besides the money (the template's quality columns).
_QUALITY = ("state", "state_note", "change", "change_ground")


def _year_frame(program: Program, year: str) -> pd.DataFrame:
    """The year's plan and actual per measure, with the executors' comments and their state,
    note and change as the year's report (annual, else the latest quarter) gives them."""
    from zhytomyr_kpi.analysis.execution import period_rows, plan_vs_actual

    table = plan_vs_actual(program, year)
    if "comment" not in table.columns:
        comments = _comments(program, year)
        table["comment"] = [comments.get(m, "") for m in table.measure_id]
    rows = period_rows(program.actuals, year, None)
    for column in _QUALITY:
        if column in rows.columns and column not in table.columns:
            given = dict(zip(rows.measure_id, rows[column].fillna(""), strict=False))
            values = [str(given.get(m, "") or "") for m in table.measure_id]
            table[column] = [STATE_LABELS.get(v, v) for v in values] if column == "state" \
                else values
    return table


def planned(plan: float | None) -> bool:
    """Whether the decision plans money for the line: a number above zero (not «-», not an
    unreadable cell such as merged rows' «0,0 0,0 0,0», whose check names it)."""
    return plan is not None and not pd.isna(plan) and plan > 0


def accounted(line: MeasureLine) -> bool:
    """The line has its report: an amount, or, where no money is planned, the work's state
    (as ``zhytomyr-kpi status`` counts it)."""
    return line.actual is not None or line.state == NO_MONEY


def _state(line: MeasureLine, settings: ReportSettings) -> str:
    if line.actual is None and not planned(line.plan) and line.work_state:
        return NO_MONEY  # no money planned, the executor reported the work: nothing missing
    if line.actual is None:
        return NO_REPORT
    if not planned(line.plan):
        return ABOVE_PLAN if line.actual > 0 else NO_MONEY
    share = line.actual / line.plan * 100
    if share > 100 + OVER_TOLERANCE:
        return OVER_PLAN
    if share >= settings.done_percent:
        return DONE
    return PARTLY if line.actual > 0 else NOT_DONE


def _value(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(row: dict, column: str) -> str:
    """A text column of the actuals that may be absent (``state`` and the others arrive with
    issue 21's template): "" when absent or empty, whitespace folded."""
    value = row.get(column, "")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


def _join(parts: list[str]) -> str:
    """Texts of several years (or repeated in one cell by several co-executors) once each."""
    return "; ".join(dict.fromkeys(part for part in parts if part))


def measure_lines(program: Program, period: Period, settings: ReportSettings) -> list[MeasureLine]:
    """Every measure of the period in document order, with plan, actual and state.

    Rows are read from plain dicts, not ``DataFrame.loc``: the final report asks for this
    four times and row lookups in pandas made it the slowest step of the report's text.
    """
    measures = program.measures.set_index("measure_id").to_dict("index")
    frames = {year: _year_frame(program, year).set_index("measure_id").to_dict("index")
              for year in period.years}
    ids = [m for m in measures if any(m in f for f in frames.values())]
    lines = []
    for mid in ids:
        m = measures[mid]
        executors = parse_executors(m["executors"])
        plan, actual, missing, comments = None, None, [], []
        states, notes, changes, grounds = [], [], [], []
        for year, frame in frames.items():
            if mid not in frame:
                continue
            row = frame[mid]
            year_plan, year_actual = _value(row["plan_kuah"]), _value(row["actual_kuah"])
            if year_plan is not None:
                plan = (plan or 0.0) + year_plan
            if year_actual is None:
                missing.append(year)
            else:
                actual = (actual or 0.0) + year_actual
            prefix = f"{year}: " if period.is_final else ""
            comment = _text(row, "comment")
            if comment:
                comments.append(prefix + comment)
            states.append(_text(row, "state"))
            notes.append(prefix + _text(row, "state_note") if _text(row, "state_note") else "")
            change = _text(row, "change")
            if change:
                changes.append(prefix + change)
                grounds.append(_text(row, "change_ground"))
        line = MeasureLine(
            measure_id=mid, section=str(m["section"]), name=measure_name(m),
            executors=executors.all, lead=executors.lead,
            counts_in_total=bool(m["counts_in_total"]),
            parent_id=None if pd.isna(m["parent_id"]) else str(m["parent_id"]),
            plan=plan, actual=actual if not missing or actual is not None else None,
            comment=_join(comments), missing_years=missing,
            work_state=_work_state(states), work_note=_join(notes),
            change=_join(changes), change_ground=_join(grounds) if all(grounds) else "",
            term=_text(m, "term"), task=_text(m, "task"), expected=_text(m, "expected_result"))
        if missing and len(missing) == len([y for y in frames if mid in frames[y]]):
            line.actual = None
        line.state = _state(line, settings)
        if line.state == NO_MONEY and line.actual is None:
            line.missing_years = []  # nothing was owed: no «звіт … не надано»
        if line.actual is not None and missing:
            line.state = f"{line.state}; звіт за {', '.join(missing)} не надано"
        lines.append(line)
    return lines


def _work_state(states: list[str]) -> str:
    """One state of the period from the years' states: the same everywhere, or «виконано
    частково» where the years differ; "" when no executor stated one."""
    given = [s.lower() for s in states if s]
    if not given:
        return ""
    if len(set(given)) == 1 and len(given) == len(states):
        return given[0]
    return "виконано частково" if any(s.startswith("виконано") for s in given) else given[0]


@dataclass
class Subtotal:
    label: str
    plan: float
    actual: float | None
    reported: int
    measures: int

    @property
    def deviation(self) -> float | None:
        return None if self.actual is None else round(self.actual - self.plan, 6)

    @property
    def execution_pct(self) -> float | None:
        return None if self.actual is None or not self.plan else self.actual / self.plan * 100


def subtotal(lines: list[MeasureLine], label: str) -> Subtotal:
    """Plan and actual of the counted measures (parts of a «в т. ч.» parent are not added)."""
    counted = [line for line in lines if line.counts_in_total]
    actuals = [line.actual for line in counted if line.actual is not None]
    return Subtotal(label, round(sum(line.plan for line in counted if planned(line.plan)), 6),
                    round(sum(actuals), 6) if actuals else None,
                    sum(accounted(line) for line in counted), len(counted))


def by_direction(lines: list[MeasureLine]) -> dict[str, list[MeasureLine]]:
    groups: dict[str, list[MeasureLine]] = {}
    for line in lines:
        groups.setdefault(line.section, []).append(line)
    return groups


def has_actuals(lines: list[MeasureLine]) -> bool:
    return any(line.actual is not None for line in lines)


def is_example(program: Program, period: Period) -> bool:
    from zhytomyr_kpi.analysis.execution import is_example as example

    return example(program, period.years)


def missing_executors(program: Program, period: Period) -> list[str]:
    """Departments that have not reported for the period's years (the executors' status).

    For the final report a department missing in some years is named with those years.
    Nothing is «missing» while nobody has reported at all: the report then says so once.
    """
    from zhytomyr_kpi.actuals import status as statuses

    missing: dict[str, list[str]] = {}
    for year in period.years:
        if not has_year_actuals(program, year):
            continue
        status = statuses.reporting_status(program, year)
        if hasattr(statuses, "missing_departments"):
            status = statuses.missing_departments(status)
        else:
            status = status[~status.submitted.astype(bool)]
        for name in status.department:
            missing.setdefault(str(name), []).append(year)
    if not period.is_final:
        return sorted(missing)
    return sorted(name if len(years) == len(period.years) else
                  f"{name} (за {', '.join(years)} рік)" for name, years in missing.items())


def has_year_actuals(program: Program, year: str) -> bool:
    from zhytomyr_kpi.analysis.execution import has_actuals as reported

    return reported(program, year)


def source_of(label: str) -> str:
    """A measure's source code (:func:`zhytomyr_kpi.document.vocabulary.source_code`),
    «other» when its words name none."""
    from zhytomyr_kpi.document.vocabulary import source_code

    code = source_code(label)
    return "other" if code in (None, "total") else code


def funding_by_source(program: Program, period: Period,
                      lines: list[MeasureLine]) -> list[tuple[str, str, float | None,
                                                              float | None]]:
    """Rows of Table 6.1 for the period: (source code, label, plan, actual of its measures)."""
    resources = program.resources
    rows = resources[resources.year == period.column]
    sources = program.measures.set_index("measure_id").funding_source
    actual: dict[str, float] = {}
    reported = has_actuals(lines)
    for line in lines:
        # a zero reported for a measure without money («не потребує фінансування») says
        # nothing of any source
        if line.counts_in_total and line.actual is not None and (line.actual or
                                                                 planned(line.plan)):
            code = source_of(sources.get(line.measure_id, ""))
            actual[code] = actual.get(code, 0.0) + line.actual
    # a source none of whose measures has a report has no fact («не надано»), not a zero
    result = []
    for r in rows.itertuples():
        plan = None if pd.isna(r.amount_kuah) else float(r.amount_kuah)
        if not reported:
            fact = None
        elif r.source == "total":
            fact = sum(actual.values())
        else:
            fact = actual.get(r.source)
            if fact is None and not (plan or 0):
                fact = 0.0  # nothing planned from it, nothing reported: nothing spent
        result.append((r.source, source_label(r.source, r.label), plan, fact))
    return result


def source_label(code: str, printed: str) -> str:
    """A Table 6.1 row's name for the report, as HTML: the source's standard name (what the
    tool counts the row as) and, where the programme printed it otherwise, its own words
    below — «Місцевий бюджет» / «у таблиці 6.1: «бюджет громади»». The «у тому числі:» that
    leads to a row's parts is left out of the printed words."""
    from zhytomyr_kpi.basics.markup import esc
    from zhytomyr_kpi.document.vocabulary import SOURCE_LABELS

    standard = "Обсяг ресурсів, усього" if code == "total" else SOURCE_LABELS.get(code, code)
    standard = standard[:1].upper() + standard[1:]
    text = re.sub(r"[\s,;:]*(?:у|в)\s*(?:тому|т\.)\s*(?:числі|ч\.?)[\s:.]*$", "",
                  " ".join(str(printed or "").split()), flags=re.IGNORECASE).rstrip(" ,;:")
    if code == "total" or not text or _plain(text) == _plain(standard):
        return esc(standard)
    return f'{esc(standard)}<br><span class="printed">у таблиці 6.1: «{esc(text)}»</span>'


def _plain(text: str) -> tuple[str, ...]:
    """The words' stems, «кошти» aside: «кошти місцевого бюджету» and «Місцевий бюджет» say
    the same, and need no note under the standard name."""
    words = re.findall(r"\w+", text.lower().replace("всього", "усього"))
    return tuple(w[:5] for w in words if w != "кошти")
