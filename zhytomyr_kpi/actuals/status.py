"""Who has reported: per executor, submitted (when, which file) or missing, and what is left.

One table for ``zhytomyr-kpi status``, notebook 05 and the report. A department's measures
«without figures» are the ones whose money it reports (it is the lead) and for which nobody's
current submission gives an amount; its indicators likewise.
"""

from __future__ import annotations

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
                  "is_example")


def status_period(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
                  store: Path | None = None) -> int | None:
    """The quarter a year's status is about: the one asked for, else the annual reports
    (``None``) if any, else the latest quarter anyone reported (as plan vs actual does)."""
    if quarter is not None:
        return quarter
    store = store or program.actuals_dir or ACTUALS_DIR
    periods = {s["quarter"] for s in list_submissions(program, store) if s["year"] == year}
    if not periods or None in periods:
        return None
    return max(periods)


def reporting_status(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
                     store: Path | None = None) -> pd.DataFrame:
    """One row per executor of the year (see :data:`STATUS_COLUMNS`)."""
    store = Path(store or program.actuals_dir or ACTUALS_DIR)
    quarter = status_period(program, year, quarter, store)
    submissions = list_submissions(program, store)
    latest = current_submissions(submissions)
    measures, indicators = read_store(program, store)
    money = {r["measure_id"] for r in measures
             if (r["year"], r["quarter"]) == (year, quarter) and r["actual_kuah"] is not None}
    values = {(r["group"], r["number"]) for r in indicators
              if (r["year"], r["quarter"]) == (year, quarter) and r["actual_value"] is not None}
    leads = indicator_leads(program)
    year_rows = template_measures(program, year)
    from zhytomyr_kpi.actuals.template import template_indicators

    year_indicators = [(r["group"], r["number"]) for r in template_indicators(program, year)]
    names: list[str | None] = list(departments(program, year))
    if (None, year, quarter) in latest:
        names.append(None)
    rows = []
    for name in names:
        mine = [r["measure_id"] for r in year_rows if r["input"] and
                (name is None or r["lead"] == name)]
        own_indicators = [k for k in year_indicators if name is None or leads.get(k) == name]
        current = latest.get((name, year, quarter))
        count = sum(1 for s in submissions if (s["executor"], s["year"], s["quarter"]) ==
                    (name, year, quarter))
        left = [m for m in mine if m not in money]
        left_ind = [k for k in own_indicators if k not in values]
        rows.append({
            "department": who(name), "year": year, "quarter": quarter,
            "submitted": current is not None, "file": current["file"] if current else "",
            "received": current["received"] if current else "",
            "submission": current["submission"] if current else "", "submissions": count,
            "measures": len(mine), "measures_missing": len(left),
            "missing_measures": ", ".join(left), "indicators": len(own_indicators),
            "indicators_missing": len(left_ind),
            "missing_indicators": ", ".join(f"{GROUP_NAMES[g]} {n}" for g, n in left_ind),
            "is_example": bool(current and current["example"])})
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


def console(program: ProgrammeWithActuals, year: str, quarter: int | None = None,
            store: Path | None = None) -> str:
    """The status as text for the terminal (``zhytomyr-kpi status``)."""
    from zhytomyr_kpi.basics.wording import count

    status = reporting_status(program, year, quarter, store)
    quarter = status.quarter.iloc[0] if len(status) else quarter
    label = period_label(year, None if pd.isna(quarter) else int(quarter))
    done = int(status.submitted.sum())
    lines = [f"Звітування виконавців за {label}: подали {done} з "
             f"{count(len(status), 'виконавця', 'виконавців', 'виконавців')}"]
    if status.is_example.any():
        lines.append("УВАГА: це ПРИКЛАДОВІ дані, не звіти виконавців.")
    for row in status.itertuples():
        if row.submitted:
            head = (f"подано {row.received[:16].replace('T', ' ')} UTC, файл «{row.file}»"
                    + (f" (подань: {row.submissions})" if row.submissions > 1 else ""))
        else:
            head = "НЕ ПОДАНО"
        parts = []
        if row.measures_missing:
            parts.append(f"заходи без даних: {row.missing_measures}")
        if row.indicators_missing:
            parts.append(f"показники без даних: {row.missing_indicators}")
        if parts:
            tail = "; ".join(parts)
        elif not row.measures and not row.indicators:  # its lines are reported by a lead
            tail = "власних рядків для звіту немає"
        else:
            tail = "усі дані є" if row.submitted else "усі його дані є в інших поданнях"
        lines.append(f"- {row.department}: {head}; {tail}")
    if WHOLE_PROGRAMME not in set(status.department):
        lines.append("Кошти заходу з кількома виконавцями звітує відповідальний виконавець.")
    return "\n".join(lines) + "\n"
