"""Reminders to executors: one short letter per department that owes a report and has not
sent it, or whose report lacks some of its own figures (``zhytomyr-kpi remind``).

Plain text (UTF-8), one file per department, in the official style of a letter of the
Working Group: the addressee in the nominative (ДСТУ 4163: an institution is named in the
nominative), a subject line «Про подання інформації…», the ground (section 8 of the
programme, the decision's date and number and the term as the decision words it), the facts
(as of the date given: not received, overdue by N days, or which lines are missing), the
request, and the signature block of ``config/report.toml`` (blank lines where it has none).
Plain text so that it goes into an e-mail or the council's document system as it is; a DOCX
can be made from it later with the report's converter.

Who gets a letter (the secretary's decision, written down): a department that owes a report
(:mod:`zhytomyr_kpi.actuals.status`: lines of its own) and sent none, whether the term has
passed or not yet; and one that sent a report without some of its own figures. A co-executor
that only comments, a department whose lines others' submissions filled, and the
consolidated submission get none. A report that came late but complete needs no letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from zhytomyr_kpi.actuals.calendar import dated, read_terms
from zhytomyr_kpi.actuals.status import on_date, reporting_status
from zhytomyr_kpi.actuals.template import period_key, period_label, template_file_name
from zhytomyr_kpi.basics.markup import neutralise
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.edition import council
from zhytomyr_kpi.report.settings import ReportSettings


@dataclass(frozen=True)
class Letter:
    department: str
    kind: str  # "overdue", "not_yet", "no_term" (not sent) or "incomplete"
    file_name: str
    text: str


def letter_file_name(year: str, quarter: int | None, department: str) -> str:
    """«Нагадування 2019-Q2 Управління культури.txt»
    (:func:`zhytomyr_kpi.basics.markup.file_name`)."""
    from zhytomyr_kpi.basics.markup import file_name

    return file_name(f"Нагадування {period_key(year, quarter)}", department, ".txt")


def reminders(program: Program, year: str, quarter: int | None, settings: ReportSettings,
              on: date | None = None, store=None) -> list[Letter]:
    """The letters for the period as of ``on`` (default today), by department name."""
    from zhytomyr_kpi.report.edition import prepared_by
    from zhytomyr_kpi.report.sections import decision_reference, programme_name

    on = on_date(on)
    status = reporting_status(program, year, quarter, store, on)
    quarter = None if status.empty or status.quarter.isna().iloc[0] else \
        int(status.quarter.iloc[0])
    terms = read_terms(program)
    when, number = decision_reference(program)
    name = re.search(r"«([^«»]+)»", programme_name(program, settings))
    basis = {"programme": name.group(1) if name else "", "when": when, "number": number,
             "term": terms.executors.wording if terms.executors else "",
             "council": council(program, settings),
             "from": prepared_by(program, settings)}
    letters = []
    for row in status[status.owes & ~status.consolidated].itertuples():
        if row.verdict == "covered":
            continue
        if not row.submitted:
            kind = row.verdict
        elif row.measures_missing or row.indicators_missing:
            kind = "incomplete"
        else:
            continue
        text = _letter(row, kind, year, quarter, on, settings, basis)
        name = letter_file_name(year, quarter, row.department)
        taken = {letter.file_name for letter in letters}
        stem, number = name.removesuffix(".txt"), 2
        while name in taken:  # two long names cut to the same prefix
            name, number = f"{stem} ({number}).txt", number + 1
        letters.append(Letter(row.department, kind, name, text))
    return letters


def _letter(row, kind: str, year: str, quarter: int | None, on: date,
            settings: ReportSettings, basis: dict) -> str:
    label = period_label(year, quarter)
    due = date.fromisoformat(row.due) if row.due else None
    ground = "Розділом 8 «Координація та контроль за ходом виконання Програми» міської " \
        "цільової програми"
    if basis["programme"]:
        ground += f" «{basis['programme']}»"
    if basis["when"]:
        ground += f", затвердженої рішенням міської ради від {basis['when']} № {basis['number']}"
    ground += (f", встановлено: «{basis['term'].rstrip('.')}»." if basis["term"] else
               ", передбачено, що виконавці Програми щоквартально надають інформацію про "
               "виконання відповідних заходів.")
    what = _lines_wanted(row)
    template = template_file_name(year, quarter, row.department)
    form = f"за надісланою формою (файл «{template}»)"
    if kind == "overdue":
        facts = (f"Станом на {dated(on)} інформація за {label} від Вас не "
                 f"надійшла. Строк подання минув {dated(due)} (прострочено {row.days_late} дн.).")
        ask = f"Просимо невідкладно надати інформацію {what} {form}."
    elif kind == "not_yet":
        facts = (f"Нагадуємо, що інформацію за {label} необхідно надати до {dated(due)}; "
                 f"станом на {dated(on)} вона не надходила.")
        ask = f"Просимо надати інформацію {what} у встановлений строк {form}."
    elif kind == "incomplete":
        facts = (f"Інформацію за {label} отримано {_day(row.first_received)} (файл "
                 f"«{row.file}»), але в ній немає даних {what}.")
        ask = f"Просимо доповнити інформацію: повторно надішліть заповнену форму «{template}»."
    else:  # no term in the decision
        facts = (f"Станом на {dated(on)} інформація за {label} від Вас не надійшла.")
        ask = f"Просимо надати інформацію {what} {form}."
    ask += (" Про зміни до заходів, якщо вони виникли, повідомте в тій самій формі; якщо зміни "
            "не відповідають цілям початкового завдання — додайте письмове обґрунтування "
            "(розділ 8 Програми).")
    ask = " ".join(ask.split())
    subject = f"Про подання інформації про виконання заходів Програми за {label}"
    signature = settings.signatures[0] if settings.signatures else None
    position = signature.position if signature and signature.position else "_" * 24
    name = signature.name if signature and signature.name else "________________"
    lines = [basis["council"], basis["from"], "", f"{row.department}", "",
             "Вих. № ________ від ____________", "", subject, "", ground, "", facts, "", ask, "",
             f"{position}    ____________ (підпис)    {name}", ""]
    return "\n".join(neutralise(line) for line in lines)  # shown, never obeyed


def _lines_wanted(row) -> str:
    parts = []
    if row.missing_measures:
        ids = row.missing_measures.split(", ")
        parts.append(f"{'заходу' if len(ids) == 1 else 'заходів'} {row.missing_measures} "
                     "(фактичне фінансування)")
    if row.missing_indicators:
        ids = row.missing_indicators.split(", ")
        parts.append(f"{'показника' if len(ids) == 1 else 'показників'} "
                     f"{row.missing_indicators} (фактичні значення)")
    return f"щодо {'; '.join(parts)}" if parts else ""


def _day(received: str) -> str:
    from zhytomyr_kpi.actuals.calendar import local_date

    return dated(local_date(received)) if received else ""
