"""The decision's own reference and its edition: its date and number, the decision it restates,
and the note that years before this edition ran under the earlier one (issue 20, item 9)."""

from __future__ import annotations

import re

from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.markup import esc
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings


def decision_reference(program: Program) -> tuple[str, str]:
    """(date, number) of the decision, read from its heading («від 18.12.2019 № 1685»)."""
    for line in program.document.lines[:60]:
        found = re.search(r"від\s+(\d{2}\.\d{2}\.\d{4})\s*№\s*(\d+)", line.text)
        if found:
            return found.group(1), found.group(2)
    return "", ""


def earlier_edition(program: Program) -> tuple[str, str]:
    """(date, number) of the decision this one restates («Внести зміни до рішення … від
    18.12.17 року №879 … та викласти її в новій редакції»), or ("", "")."""
    for line in program.document.lines[:80]:
        found = re.search(r"Внести зміни до рішення[^№]{0,80}?від\s+([\d.]+)\s*(?:року)?\s*"
                          r"№\s*(\d+)", line.text)
        if found and "редакці" in line.text:
            return found.group(1), found.group(2)
    return "", ""


def edition_row(program: Program, period: Period) -> str:
    """The edition note: years up to this decision's own year ran under the earlier edition."""
    when, number_ = decision_reference(program)
    old_when, old_number = earlier_edition(program)
    if not (when and old_number):
        return ""
    years = [y for y in period.years if y.isdigit() and int(y) <= int(when[-4:])]
    if not years:
        return ""
    listed = ", ".join(years)
    return (f'<tr><th scope="row">Редакція Програми</th><td>у {listed} році Програма '
            f"виконувалася в редакції рішення від {esc(old_when)} № {esc(old_number)} (зі "
            f"змінами); рішення від {when} № {number_} викладає її в новій редакції, тому суми "
            f"графи {listed} року в ньому — уточнений план, з яким звіт порівнює касові "
            "видатки, а не затверджений на початок року.</td></tr>")


def programme_name(program: Program, settings: ReportSettings) -> str:
    if settings.programme:
        return settings.programme
    passport = program.passport
    row = passport[passport.item == 1]
    return " ".join(str(row.value_full.iloc[0]).split()) if len(row) else ""
