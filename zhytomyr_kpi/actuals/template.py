"""The executors' Excel template: the whole programme, or one workbook per executor.

Executors report to the Working Group every quarter (section 8 of the decision), cumulative
from the start of the year. A department gets a workbook holding only its measures and the
Annex B indicators it answers for. A measure with several executors goes to each of them:
the lead (:attr:`zhytomyr_kpi.document.executors.Executors.lead` — the fund manager where named, else
the first executor) reports its money; the others see the row with the money cell locked and
may comment. The intake enforces the same rule. A body that would get only locked rows (the
executor named for «в т. ч.» parents alone, «Виконавчі органи міської ради») gets no workbook
(:func:`departments`).

Template v3 (issue 21) adds, for every measure its lead answers for — with money or without —
the state of the work (a list: :data:`WORK_STATES`), what was done, a change to the measure
the executor notifies and its ground (columns G-J, :data:`QUALITY_COLUMNS`); the intake still
reads v2 workbooks (:data:`MEASURE_HEADERS_BY_VERSION`). The instruction sheet names the
deadline from section 8 (:func:`deadline_line`), and the sheets print: landscape, fit to the
page's width, the header row repeated on every page, rows tall enough for their wrapped text.

Every text written into the workbook is stored as text (never a formula), whatever it starts
with: the document's texts and executors' names are data, not instructions to Excel.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

from zhytomyr_kpi.actuals.assignments import (  # noqa: F401  (re-exported: the route's API)
    Assignment,
    indicator_leads,
    measure_assignments,
    responsible_executor,
)
from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.print_layout import (  # noqa: F401  (wrapped_lines: tested here)
    INDICATOR_WIDTHS,
    MEASURE_WIDTHS,
    _for_print,
    _style_header,
    wrapped_lines,
)
from zhytomyr_kpi.tables.programme import ProgrammeTables

TEMPLATE_VERSION = 3
SHEET_INFO, SHEET_MEASURES, SHEET_INDICATORS, SHEET_META = (
    "Інструкція", "Заходи", "Показники", "Службове")
#: The executor's account of the work on a measure (v3), in the words the report prints
#: (:data:`zhytomyr_kpi.report.execution.WORK_STATES`).
WORK_STATES = ("виконано", "виконано частково", "не виконано", "перенесено")
#: v3's qualitative columns G-J: the column of the actuals table each one fills, its header.
QUALITY_COLUMNS = (("state", "Стан виконання"), ("state_note", "Що зроблено"),
                   ("change", "Зміна заходу"), ("change_ground", "Обґрунтування зміни"))
MEASURE_HEADERS = ("№ заходу", "Захід", "Виконавці", "План на рік, тис. грн",
                   "Фактично з початку року, тис. грн", "Коментар виконавця",
                   *(header for _, header in QUALITY_COLUMNS), "Примітка")
#: The measures sheet's headers of every template version the intake still reads.
MEASURE_HEADERS_BY_VERSION = {
    2: ("№ заходу", "Захід", "Виконавці", "План на рік, тис. грн",
        "Фактично з початку року, тис. грн", "Коментар виконавця", "Примітка"),
    3: MEASURE_HEADERS,
}
INDICATOR_HEADERS = ("Група", "№", "Показник", "Одиниця", "План на рік",
                     "Фактично з початку року", "Коментар виконавця")
GROUP_NAMES = {"cost": "затрати", "output": "продукт"}
NOT_TO_FILL = "сума складових — заповніть складові"
EXAMPLE_MARK = "ПРИКЛАД"
EXAMPLE_BANNER = f"{EXAMPLE_MARK}: вигадані значення для демонстрації, не звіт виконавця"
WHOLE_PROGRAMME = "Зведений звіт (усі виконавці)"
#: Service sheet keys, in row order (the intake names the cell B1…B6 by this order).
META_KEYS = ("year", "quarter", "template_version", "source_sha256", "example", "executor")
#: What column A of the service sheet says for each key, for whoever unhides the sheet; the
#: intake also takes the bare key, as templates made before these labels wrote it.
META_LABELS = {"year": "Рік", "quarter": "Квартал", "template_version": "Версія шаблону",
               "source_sha256": "Контрольна сума тексту рішення (SHA-256)",
               "example": "Позначка прикладу", "executor": "Виконавець"}
_FORMULA_START = ("=", "+", "-", "@")
#: The longest text the intake takes in a comment or a qualitative cell.
MAX_TEXT = 2000


def period_label(year: str, quarter: int | None) -> str:
    return f"{year} рік" if quarter is None else f"{quarter} квартал {year} року"


def period_key(year: str, quarter: int | None) -> str:
    """«2019-Q2», or «2019» for an annual report: used in file and folder names."""
    return year if quarter is None else f"{year}-Q{quarter}"


def check_period(program: ProgrammeTables, year: str, quarter: int | None) -> None:
    if year not in program.years:
        raise ActualsError(f"невідомий рік «{year}»; можливі: {', '.join(program.years)}")
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ActualsError(f"невідомий квартал «{quarter}»; можливі: 1, 2, 3, 4")


# ---------------------------------------------------------------- what a template holds


def template_measures(program: ProgrammeTables, year: str, executor: str | None = None) -> list[dict]:
    """The year's measures (money planned in the year, or a term that covers it).

    ``executor``: only the measures that department takes part in; ``input`` says whether
    it reports the money (its lead) or may only comment.
    """
    rows = []
    for base in _year_measures(program, year):
        if executor is not None and executor not in base["departments"]:
            continue
        money = not base["is_parent"] and (executor is None or executor == base["lead"])
        note = list(base["note"])
        if not base["is_parent"] and not money:
            note.insert(len(note) - base["has_text_note"],
                        f"кошти звітує {base['lead']}; ви можете лише прокоментувати")
        rows.append({"measure_id": base["measure_id"], "content": base["content"],
                     "executors": base["executors"], "plan": base["plan"],
                     "note": "; ".join(note), "input": money, "comment": not base["is_parent"],
                     "lead": base["lead"], "departments": base["departments"]})
    return rows


@lru_cache(maxsize=16)
def _year_measures(program: ProgrammeTables, year: str) -> tuple[dict, ...]:
    """The year's measures with their plan, notes and executors (computed once per year)."""
    from zhytomyr_kpi.checks.cells import term_years

    funding = {(r.measure_id, r.year): (r.amount_kuah, r.cell_text)
               for r in program.funding.itertuples()}
    assignments = measure_assignments(program)
    measures = list(program.measures.itertuples())
    parents_with_parts = {
        m.parent_id for m in measures
        if not m.counts_in_total and (funding.get((m.measure_id, year), (0,))[0] or 0) > 0}
    rows = []
    for m in measures:
        plan, text = funding.get((m.measure_id, year), (None, ""))
        plan = None if plan is None or plan != plan else float(plan)
        if not (plan or int(year) in (term_years(m.term) or set())):
            continue
        who = assignments[m.measure_id]
        is_parent = m.measure_id in parents_with_parts
        note = []
        if is_parent:
            note.append(NOT_TO_FILL)
        elif not m.counts_in_total:
            note.append(f"складова заходу {m.parent_id}")
        text_note = plan is None and bool(text)
        if text_note:
            note.append(f"у рішенні: «{text}»")
        rows.append({"measure_id": m.measure_id, "content": m.content or m.task,
                     "executors": m.executors, "plan": plan, "note": tuple(note),
                     "has_text_note": int(text_note), "is_parent": is_parent,
                     "lead": who.lead, "departments": who.departments})
    return tuple(rows)


def template_indicators(program: ProgrammeTables, year: str, executor: str | None = None) -> list[dict]:
    """The year's Annex B cost and output indicators (of one department, if given)."""
    leads = indicator_leads(program) if executor is not None else {}
    return [dict(row) for row in _year_indicators(program, year)
            if executor is None or leads.get((row["group"], row["number"])) == executor]


@lru_cache(maxsize=16)
def _year_indicators(program: ProgrammeTables, year: str) -> tuple[dict, ...]:
    ind = program.indicators
    rows = ind[ind.group.isin(["cost", "output"]) & (ind.period == year)]
    return tuple({"group": r.group, "number": int(r.number), "name": r.name, "unit": r.unit,
                  "plan": None if r.value != r.value else float(r.value),
                  "plan_text": r.value_text} for r in rows.itertuples())


def programme_title(program: ProgrammeTables) -> str:
    """« «name»» of the programme for a template's first line: the first «…» of its name
    (the passport's «Назва програми», else the decision's subject; No. 1685: «Ефективна
    влада. …»), else the whole name; empty without one. Not passport item 1 as such: many
    passports start with the initiator («Департамент … міської ради»), not the name."""
    name = " ".join(str(program.title or "").split())
    quoted = re.search(r"«([^«»]+)»", name)
    name = quoted.group(1) if quoted else name
    return f" «{name[:200]}»" if name else ""


def departments(program: ProgrammeTables, year: str) -> list[str]:
    """Every department that gets a workbook for the year (measures or indicators), sorted.

    Decision (issue 21): a body named only as the executor of «в т. ч.» parents — in No.
    1685 «Виконавчі органи міської ради» for 3.2 «Бюджет участі» in 2018-2019, a collective
    name over the departments that carry out its parts — gets NO workbook for that year:
    every cell of it would be locked (the parent's figure is the sum of its parts, which
    their own executors report), so there is nothing for it to fill and nobody to send it
    to. Where such a body answers for a measure directly (3.2 in 2020, without parts) it
    is a department like any other, with a workbook it can fill. ``template --executor``
    for a body without a workbook says why.
    """
    return list(_departments(program, year))


@lru_cache(maxsize=16)
def _departments(program: ProgrammeTables, year: str) -> tuple[str, ...]:
    from zhytomyr_kpi.document.executors import normalise

    names = set()
    for row in template_measures(program, year):
        if row["comment"]:
            names.update(row["departments"])
    names.update(d for d in indicator_leads(program).values() if d)
    return tuple(sorted(names, key=normalise))


def nothing_to_fill(program: ProgrammeTables, year: str, name: str) -> list[str]:
    """The measures of a body that gets no workbook for the year: every one of them is a
    «в т. ч.» parent whose figure is the sum of its parts (see :func:`departments`)."""
    return [m["measure_id"] for m in _year_measures(program, year)
            if name in m["departments"] and m["is_parent"]]


def known_department(program: ProgrammeTables, year: str, name: str | None) -> str | None:
    """The department's name as the alias list spells it («…із громадськістю» → «…з …»);
    :class:`ActualsError` when it takes no part in the year's measures or indicators."""
    from zhytomyr_kpi.document.executors import match_department

    if name is None:
        return None
    known = departments(program, year)
    if name not in known:
        if (found := match_department(name, known)) is not None:
            return found
        from zhytomyr_kpi.document.executors import department_names

        every = department_names(program.measures.executors)
        spelled = match_department(name, every) if name not in every else name
        parents = nothing_to_fill(program, year, spelled) if spelled else []
        if parents:
            raise ActualsError(f"«{spelled}» у {year} році не має чого заповнювати: "
                               f"{', '.join(parents)} — сума складових, а складові звітують "
                               "їхні виконавці; книгу для нього не створено")
        raise ActualsError(f"«{name}» не виконує заходів програми у {year} році; виконавці: "
                           f"{', '.join(known)}")
    return name


# ---------------------------------------------------------------- writing text safely


def put_text(cell, value: str | None) -> None:
    """Write a text cell that stays text: a leading «=», «+», «−», «@» is not a formula, and
    control characters from the decision are shown as «⟨U+001B⟩» (a worksheet cannot hold
    them; :func:`zhytomyr_kpi.basics.markup.neutralise`)."""
    from zhytomyr_kpi.basics.markup import neutralise

    value = neutralise(value) if isinstance(value, str) else value
    cell.value = value
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"


# ---------------------------------------------------------------- the workbook


def template_bytes(program: ProgrammeTables, year: str, quarter: int | None = None,
                   example: bool = False, executor: str | None = None,
                   values: dict | None = None) -> bytes:
    """The executors' workbook for a year (and quarter), as bytes.

    ``executor``: one department's workbook (its measures and indicators); ``None``: the whole
    programme (consolidated by the Working Group). ``example=True`` marks it as an example
    (ПРИКЛАД) — the mark travels into every table made from it. ``values`` fills it (the
    example set): ``{"measures": {id: (amount, comment)}, "indicators": {(group, n): …}}``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from zhytomyr_kpi.tables.excel import HEADER_FILL, deterministic_bytes

    check_period(program, year, quarter)
    executor = known_department(program, year, executor)
    values = values or {}
    label = period_label(year, quarter)
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    book = Workbook()
    info = book.active
    info.title = SHEET_INFO
    who = executor or WHOLE_PROGRAMME
    lines = [
        f"Звіт виконавця про фактичне виконання заходів програми{programme_title(program)} — "
        f"{label}",
        f"Виконавець: {who}",
        deadline_line(program, year, quarter),
        "",
        "Як заповнити:",
        "1. На аркуші «Заходи» у жовтих клітинках стовпця E вкажіть фактичні видатки з початку "
        "року, тис. грн: число ≥ 0, десятковий роздільник — кома (1 234,5; крапка теж "
        "приймається), розряди можна відокремити пробілом.",
        f"2. У стовпці F можна пояснити відхилення від плану (текст до {MAX_TEXT} символів).",
        "3. У стовпці G оберіть зі списку стан виконання заходу (" + ", ".join(WORK_STATES)
        + "), у стовпці H коротко опишіть, що зроблено. Заповніть їх і для заходів без "
        "коштів: для них це і є звіт.",
        "4. Якщо захід змінено (строк, зміст, обсяг, виконавця), опишіть зміну у стовпці I, а "
        "її підставу (рішення, розпорядження, лист із датою і номером) — у стовпці J; зміна "
        "без підстави приймається з попередженням.",
        "5. Якщо захід має кількох виконавців, кошти, стан і зміни звітує відповідальний "
        "(розпорядник коштів або перший названий); інші виконавці можуть лише прокоментувати "
        "(стовпець F).",
        "6. Вписуйте числа. Формула приймається лише арифметична (+, −, *, /, SUM, ROUND) і "
        "зі збереженим результатом (збережіть файл в Excel); у текстових стовпцях (коментар, "
        "що зроблено, зміна, обґрунтування) формула не приймається. Слова замість числа "
        "(«сто») не приймаються; якщо Excel перетворив число на дату (12.5 → 12 трав.), "
        "впишіть його з комою: 12,5.",
        "7. На аркуші «Показники» у стовпці F вкажіть фактичні значення показників затрат і "
        "продукту з початку року (в одиниці показника).",
        "8. Не змінюйте номери заходів, план і назви аркушів: вони захищені і перевіряються.",
        f"9. Рядок «{NOT_TO_FILL}» не заповнюйте: його факт — сума складових.",
        "10. Порожня клітинка означає «не подано».",
        "",
        "Прийом файлу: zhytomyr-kpi ingest ФАЙЛ.xlsx (Робоча група).",
    ]
    for line in lines:
        info.append([line])
    info["A1"].font = Font(bold=True, size=12)
    info.column_dimensions["A"].width = 100
    for (cell,) in info.iter_rows(max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    sheet = book.create_sheet(SHEET_MEASURES)
    sheet.append(list(MEASURE_HEADERS))
    validation = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Некоректне значення",
                                error="Введіть число ≥ 0 (тис. грн).")
    sheet.add_data_validation(validation)
    states = DataValidation(type="list", formula1='"' + ",".join(WORK_STATES) + '"',
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="Некоректний стан",
                            error="Оберіть стан зі списку: " + ", ".join(WORK_STATES) + ".")
    sheet.add_data_validation(states)
    filled = values.get("measures", {})
    for number, row in enumerate(template_measures(program, year, executor), start=2):
        given = tuple(filled.get(row["measure_id"], ())) + (None,) * 6
        amount, comment, *quality = given[:6]
        put_text(sheet.cell(number, 1), row["measure_id"])
        put_text(sheet.cell(number, 2), row["content"])
        put_text(sheet.cell(number, 3), row["executors"])
        sheet.cell(number, 4, row["plan"])
        sheet.cell(number, 5, amount)
        put_text(sheet.cell(number, 6), comment)
        for column, text in enumerate(quality, start=7):
            put_text(sheet.cell(number, column), text)
        put_text(sheet.cell(number, len(MEASURE_HEADERS)), row["note"])
        unlocked = [6] if row["comment"] else []
        if row["input"]:
            unlocked = [5, 6, *range(7, 7 + len(QUALITY_COLUMNS))]
            validation.add(f"E{number}")
            states.add(f"G{number}")
        for column in unlocked:
            cell = sheet.cell(number, column)
            cell.protection = Protection(locked=False)
            cell.fill = input_fill
        sheet[f"D{number}"].number_format = "#,##0.000"
        sheet[f"E{number}"].number_format = "#,##0.000"
        for column in (2, 3, *range(6, len(MEASURE_HEADERS) + 1)):
            sheet.cell(number, column).alignment = Alignment(wrap_text=True, vertical="top")
    _style_header(sheet, MEASURE_WIDTHS, Font, HEADER_FILL)

    indicators = book.create_sheet(SHEET_INDICATORS)
    indicators.append(list(INDICATOR_HEADERS))
    number_check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                  allow_blank=True, showErrorMessage=True,
                                  errorTitle="Некоректне значення", error="Введіть число ≥ 0.")
    indicators.add_data_validation(number_check)
    filled = values.get("indicators", {})
    for number, row in enumerate(template_indicators(program, year, executor), start=2):
        amount, comment = filled.get((row["group"], row["number"]), (None, None))
        put_text(indicators.cell(number, 1), GROUP_NAMES[row["group"]])
        indicators.cell(number, 2, row["number"])
        put_text(indicators.cell(number, 3), row["name"])
        put_text(indicators.cell(number, 4), row["unit"])
        if row["plan"] is not None:
            indicators.cell(number, 5, row["plan"])
        else:
            put_text(indicators.cell(number, 5), row["plan_text"])
        indicators.cell(number, 6, amount)
        put_text(indicators.cell(number, 7), comment)
        for column in ("F", "G"):
            cell = indicators[f"{column}{number}"]
            cell.protection = Protection(locked=False)
            cell.fill = input_fill
        number_check.add(f"F{number}")
        for column in ("C", "D", "G"):
            indicators[f"{column}{number}"].alignment = Alignment(wrap_text=True,
                                                                  vertical="top")
    _style_header(indicators, INDICATOR_WIDTHS, Font, HEADER_FILL)

    meta = book.create_sheet(SHEET_META)
    service = {"year": int(year), "quarter": quarter if quarter else "рік",
               "template_version": TEMPLATE_VERSION, "source_sha256": program.sha256,
               "example": EXAMPLE_MARK if example else "", "executor": executor or ""}
    for number, key in enumerate(META_KEYS, start=1):
        put_text(meta.cell(number, 1), META_LABELS[key])
        value = service[key]
        if isinstance(value, str):
            put_text(meta.cell(number, 2), value)
        else:
            meta.cell(number, 2, value)
    if example:
        info.insert_rows(1)
        info["A1"] = EXAMPLE_BANNER
        info["A1"].font = Font(bold=True, color="C00000", size=14)
    meta.sheet_state = "hidden"
    for ws in (info, sheet, indicators):
        _for_print(ws, header=ws is not info)
    for ws in (sheet, indicators, meta, info):
        ws.protection.sheet = True
        ws.protection.password = "zhytomyr-kpi"  # against slips, not a secret
    return deterministic_bytes(book)


#: Column widths (characters) of the measures sheet A-K and the indicators sheet A-G.
def deadline_line(program: ProgrammeTables, year: str, quarter: int | None) -> str:
    """«Подати до 10.07.2019 — упродовж 10 календарних днів після закінчення звітного
    періоду (розділ 8 програми).» from the decision's own term (:mod:`.calendar`); the annual
    report is the fourth quarter's. Without a term in the text, says so."""
    from zhytomyr_kpi.actuals.calendar import executors_due, read_terms

    terms = read_terms(program)
    due = executors_due(terms, year, quarter)
    if due is None or terms.executors is None:
        return "Строк подання у рішенні не встановлено."
    annual = " (річний звіт подається як звіт за IV квартал)" if quarter is None else ""
    return (f"Подати до {due:%d.%m.%Y} — {terms.executors.described}{annual} (розділ 8 "
            "програми).")


def template_file_name(year: str, quarter: int | None, executor: str | None) -> str:
    """«2019-Q2 Управління культури.xlsx» (:func:`zhytomyr_kpi.basics.markup.file_name`)."""
    from zhytomyr_kpi.basics.markup import file_name

    return file_name(period_key(year, quarter), executor or "Зведений звіт", ".xlsx")


def write_template(program: ProgrammeTables, target: Path, year: str, quarter: int | None = None,
                   executor: str | None = None) -> Path:
    """Write one workbook (the whole programme, or one department's) atomically."""
    from zhytomyr_kpi.actuals.safe_files import write_files

    write_files({target.name: template_bytes(program, year, quarter, executor=executor)},
                target.parent if target.parent.parts else Path("."))
    return target


def write_templates(program: ProgrammeTables, folder: Path, year: str,
                    quarter: int | None = None) -> list[Path]:
    """One workbook per department into ``folder``, all written together or none."""
    from zhytomyr_kpi.actuals.safe_files import write_files

    check_period(program, year, quarter)
    files = {template_file_name(year, quarter, name):
             template_bytes(program, year, quarter, executor=name)
             for name in departments(program, year)}
    return write_files(files, folder)


def load_template(data: bytes):
    """An openpyxl workbook from template bytes (for tests and the example set)."""
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))
