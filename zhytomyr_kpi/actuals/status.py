"""Who has reported: per executor, submitted (when, which file) or missing, and what is left.

One table for ``zhytomyr-kpi status``, notebook 05 and the report. A department's measures
«without figures» are the ones whose money it reports (it is the lead) and for which nobody's
current submission gives an amount; its indicators likewise.

Who owes a report (``owes``): a department with lines of its own (the money of a measure it
leads, or an indicator). A co-executor that only comments on others' measures gets a workbook
but owes nothing, and is never «missing». The consolidated submission (the whole programme,
:data:`~.template.WHOLE_PROGRAMME`) is a row of its own (``consolidated``), never counted
as an executor. Against the calendar of section 8 (:mod:`.calendar`) each executor gets a
verdict from its FIRST submission for the period (a later correction does not make a report
late): «вчасно», «із запізненням на N дн.», «не подано (прострочено N дн.)».
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from zhytomyr_kpi.actuals.programme import ProgrammeWithActuals
from zhytomyr_kpi.actuals.store import (
    ACTUALS_DIR,
    current_submissions,
    list_submissions,
    read_store,
    who,
)
from zhytomyr_kpi.actuals.template import (
    GROUP_NAMES,
    WHOLE_PROGRAMME,
    departments,
    indicator_leads,
    period_label,
    template_measures,
)

STATUS_COLUMNS = ("department", "year", "quarter", "submitted", "file", "received",
                  "submission", "submissions", "measures", "measures_missing",
                  "missing_measures", "indicators", "indicators_missing", "missing_indicators",
                  "is_example", "owes", "consolidated", "first_received", "due",
                  "verdict", "days_late", "verdict_text", "reported_for")


def status_period(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
                  store: Path | None = None, submissions: list[dict] | None = None) -> int | None:
    """The quarter a year's status is about: the one asked for, else the year (``None``: the
    annual reports, an executor's IV quarter report standing for its annual one) if anyone
    sent either, else the latest quarter anyone reported (as plan vs actual does)."""
    if quarter is not None:
        return quarter
    if submissions is None:
        submissions = list_submissions(program, store or program.actuals_dir or ACTUALS_DIR)
    periods = {s["quarter"] for s in submissions if s["year"] == year}
    if not periods or None in periods or 4 in periods:
        return None
    return max(periods)


def _periods(year: str, quarter: int | None) -> list[tuple[str, int | None]]:
    """The periods whose report stands for the one asked, preferred first: the year's is its
    annual report, else the IV quarter's (figures are cumulative); the IV quarter's is its own,
    else the annual one (section 8: the annual report is the IV quarter's)."""
    if quarter is None:
        return [(year, None), (year, 4)]
    if quarter == 4:
        return [(year, 4), (year, None)]
    return [(year, quarter)]


def reporting_status(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
                     store: Path | None = None, on: date | None = None) -> pd.DataFrame:
    """One row per executor of the year (see :data:`STATUS_COLUMNS`), the consolidated
    submission last; verdicts against the executors' term as of ``on`` (default today)."""
    from zhytomyr_kpi.actuals.calendar import executors_due, local_date, read_terms, today, verdict

    store = Path(store or program.actuals_dir or ACTUALS_DIR)
    submissions = list_submissions(program, store)
    if on is not None:  # as of that day: a submission received later is not counted yet
        submissions = [s for s in submissions if local_date(s["received"]) <= on]
    on = on or today()
    quarter = status_period(program, year, quarter, store, submissions)
    periods = _periods(year, quarter)
    latest = current_submissions(submissions)
    measures, indicators = read_store(program, store, submissions)
    money = {r["measure_id"] for r in measures
             if (r["year"], r["quarter"]) in periods and r["actual_kuah"] is not None}
    values = {(r["group"], r["number"]) for r in indicators
              if (r["year"], r["quarter"]) in periods and r["actual_value"] is not None}
    leads = indicator_leads(program)
    year_rows = template_measures(program, year)
    # a measure with no money planned in the year («Не потребує фінансування»): its state or
    # comment is its report; no money is asked for
    planless = {r["measure_id"] for r in year_rows if not r["plan"]}
    money |= {r["measure_id"] for r in measures if r["measure_id"] in planless
              and (r["year"], r["quarter"]) in periods
              and (r.get("state") or r.get("comment"))}
    from zhytomyr_kpi.actuals.template import template_indicators

    year_indicators = [(r["group"], r["number"]) for r in template_indicators(program, year)]
    due = executors_due(read_terms(program), year, quarter)
    names: list[str | None] = list(departments(program, year))
    if any((None, *p) in latest for p in periods):
        names.append(None)
    rows = []
    for name in names:
        mine = [r["measure_id"] for r in year_rows if r["input"] and
                (name is None or r["lead"] == name)]
        own_indicators = [k for k in year_indicators if name is None or leads.get(k) == name]
        period = next((p for p in periods if (name, *p) in latest), periods[0])
        current = latest.get((name, *period))
        count = sum(1 for s in submissions if (s["executor"], s["year"], s["quarter"]) ==
                    (name, *period))
        left = [m for m in mine if m not in money]
        left_ind = [k for k in own_indicators if k not in values]
        # the verdict from the first report that stands for the period (an on-time IV
        # quarter report is not made late by an annual one sent after it)
        first = next((s for s in submissions if (s["executor"], s["year"], s["quarter"]) in
                      [(name, *p) for p in periods]), None)
        owes = name is not None and bool(mine or own_indicators)
        arrived = local_date(first["received"]) if first else None
        if owes or first:
            code, late, words = verdict(due, arrived, on)
        else:
            code, late, words = "not_owed", 0, "звіт не обов'язковий (власних рядків немає)"
        if owes and not first and not left and not left_ind:
            code, late, words = "covered", 0, "дані є в інших поданнях"
        rows.append({
            "department": who(name), "year": year, "quarter": quarter,
            "submitted": current is not None, "file": current["file"] if current else "",
            "received": current["received"] if current else "",
            "submission": current["submission"] if current else "", "submissions": count,
            "measures": len(mine), "measures_missing": len(left),
            "missing_measures": ", ".join(left), "indicators": len(own_indicators),
            "indicators_missing": len(left_ind),
            "missing_indicators": ", ".join(f"{GROUP_NAMES[g]} {n}" for g, n in left_ind),
            "is_example": bool(current and current["example"]), "owes": owes,
            "consolidated": name is None,
            "first_received": first["received"] if first else "",
            "due": due.isoformat() if due else "", "verdict": code, "days_late": late,
            "verdict_text": words,
            "reported_for": period_label(*period) if current and period[1] != quarter
            else ""})
    frame = pd.DataFrame(rows, columns=list(STATUS_COLUMNS))
    frame["quarter"] = frame["quarter"].astype("Int64")
    return frame


def status_view(status: pd.DataFrame) -> pd.DataFrame:
    """The status table with Ukrainian headers, for notebooks and the report."""
    return pd.DataFrame({
        "Виконавець": status.department,
        "Подано": status.submitted.map({True: "так", False: "НІ"}),
        "Файл": status.file,
        "Отримано (UTC)": status.received.str.slice(0, 16).str.replace("T", " "),
        "Подань": status.submissions,
        "Заходи без даних": [_missing(n, total, text) for n, total, text in zip(
            status.measures_missing, status.measures, status.missing_measures, strict=True)],
        "Показники без даних": [_missing(n, total, text) for n, total, text in zip(
            status.indicators_missing, status.indicators, status.missing_indicators,
            strict=True)],
    })


def history_view(program: ProgrammeWithActuals, store: Path | None = None,
                 corrections_only: bool = False) -> pd.DataFrame:
    """Every submission (or only those that replaced an earlier one), Ukrainian headers."""
    from zhytomyr_kpi.actuals.store import history

    rows = pd.DataFrame(history(program, Path(store or program.actuals_dir or ACTUALS_DIR)),
                        columns=["submission", "executor", "period", "file", "received",
                                 "current", "previous", "changes", "changed"])
    if corrections_only:
        rows = rows[rows.previous.notna()]
    return pd.DataFrame({
        "Подання": rows.submission, "Виконавець": rows.executor, "Період": rows.period,
        "Файл": rows.file,
        "Отримано (UTC)": rows.received.str.slice(0, 16).str.replace("T", " "),
        "Чинне": rows.current.map({True: "так", False: "ні"}),
        "Замінює": rows.previous.fillna(""), "Змінено": rows.changed}).reset_index(drop=True)


def _missing(n: int, total: int, text: str) -> str:
    if total == 0:
        return "—"
    if n == 0:
        return "усі подано"
    return f"{n} з {total}: {text}"


def missing_departments(status: pd.DataFrame) -> pd.DataFrame:
    """The rows of departments that owed a report and sent none (and whose lines nobody else's
    submission filled): the only ones a report may call «не надали звітів»."""
    return status[status.owes & ~status.submitted.astype(bool) & (status.verdict != "covered")]


def console(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
            store: Path | None = None, on: date | None = None) -> str:
    """The status as text for the terminal (``zhytomyr-kpi status``)."""
    from zhytomyr_kpi.actuals.calendar import dated, read_terms
    from zhytomyr_kpi.basics.wording import count

    status = reporting_status(program, year, quarter, store, on)
    quarter = status.quarter.iloc[0] if len(status) else quarter
    label = period_label(year, None if pd.isna(quarter) else int(quarter))
    executors = status[~status.consolidated]
    owing = executors[executors.owes]
    done = int(owing.submitted.sum())
    terms = read_terms(program)
    due = status.due.iloc[0] if len(status) else ""
    covered = int((owing.verdict == "covered").sum())
    lines = [f"Звітування виконавців за {label}: подали {done} з "
             f"{count(len(owing), 'виконавця', 'виконавців', 'виконавців')}, які мають "
             "звітувати" + (f" (дані ще {covered} є у зведеному звіті)" if covered else "")]
    if terms.executors is not None:
        lines.append(f"Строк подання — до {dated(date.fromisoformat(due))} "
                     f"({terms.executors.described}; розділ 8 рішення, рядок "
                     f"{terms.executors.line}); станом на {dated(on_date(on))}")
    else:
        lines.append("Строк подання звітів виконавців у рішенні не встановлено")
    if status.is_example.any():
        lines.append("УВАГА: це ПРИКЛАДОВІ дані, не звіти виконавців.")
    for row in executors.itertuples():
        lines.append(f"- {row.department}: {_row_text(row)}")
    for row in status[status.consolidated].itertuples():
        lines.append(f"Окремо — {row.department} (не рахується як виконавець): "
                     f"{_row_text(row)}")
    if WHOLE_PROGRAMME not in set(status.department):
        lines.append("Кошти заходу з кількома виконавцями звітує відповідальний виконавець.")
    return "\n".join(lines) + "\n"


def on_date(on: date | None) -> date:
    from zhytomyr_kpi.actuals.calendar import today

    return on or today()


def _row_text(row) -> str:
    if row.submitted:
        head = (f"{row.verdict_text}; подано {_local(row.first_received)}, файл «{row.file}»"
                if row.verdict != "no_term" else
                f"подано {_local(row.first_received)}, файл «{row.file}»")
        if row.submissions > 1:
            head += f" (подань: {row.submissions}, чинне — {_local(row.received)})"
        if row.reported_for:
            asked = period_label(row.year, None if pd.isna(row.quarter) else int(row.quarter))
            head += f"; за {asked} — звіт за {row.reported_for}"
    elif not row.owes:
        head = row.verdict_text
    else:
        head = row.verdict_text.replace("не подано", "НЕ ПОДАНО", 1) \
            if row.verdict in ("overdue", "no_term") else row.verdict_text
    parts = []
    if row.measures_missing:
        parts.append(f"заходи без даних: {row.missing_measures}")
    if row.indicators_missing:
        parts.append(f"показники без даних: {row.missing_indicators}")
    if parts:
        return f"{head}; {'; '.join(parts)}"
    if not row.owes or row.verdict == "covered":
        return head
    return f"{head}; усі дані є" if row.submitted else head


def _local(received: str) -> str:
    """A stored UTC time as the council's local date and time: «10.07.2019 09:17»."""
    from zhytomyr_kpi.actuals.calendar import local_time

    return f"{local_time(received):%d.%m.%Y %H:%M}"
