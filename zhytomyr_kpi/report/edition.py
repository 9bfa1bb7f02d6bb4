"""The decision's own reference and its edition: its date and number, the decision it restates,
and the note that years before this edition ran under the earlier one (issue 20, item 9)."""

from __future__ import annotations

from zhytomyr_kpi.document import heading
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.markup import esc
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings


def decision_reference(program: Program) -> tuple[str, str]:
    """(date, number) of the decision, read from its heading («від 18.12.2019 № 1685»)."""
    return heading.decision_reference(program.document.lines)


def council(program: Program, settings: ReportSettings) -> str:
    """The council the report goes to: the settings' one, else the one the decision's heading
    names («ПОЛТАВСЬКА МІСЬКА РАДА»), else «міська рада» — never another city's."""
    return settings.council or heading.council_name(program.document.lines) or "Міська рада"


def ground(program: Program, settings: ReportSettings) -> str:
    """«рішення Полтавської міської ради від 16.12.2020 № 8/3/14» (without «№» when the
    heading prints none)."""
    when, number_ = decision_reference(program)
    said = f"рішення {heading.council_genitive(council(program, settings))}"
    return said + (f" від {when}" if when else "") + (f" № {number_}" if number_ else "")


def earlier_edition(program: Program) -> tuple[str, str]:
    """(date, number) of the decision this one restates, or ("", "")."""
    return heading.restated_decision(program.document.lines)


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
    return " ".join(program.title.split())


def prepared_by(program, settings) -> str:
    """Who prepared the report: the settings' «prepared_by», else the body section 8 of the
    decision names as coordinating the programme, else ""."""
    from zhytomyr_kpi.actuals.calendar import coordinator

    return settings.prepared_by or coordinator(program)
