"""The executors' Excel template: the whole programme, or one workbook per executor.

Executors report to the Working Group every quarter (section 8 of the decision), cumulative
from the start of the year. A department gets a workbook holding only its measures and the
Annex B indicators it answers for. A measure with several executors goes to each of them:
the lead (:attr:`zhytomyr_kpi.document.executors.Executors.lead` — the fund manager where named, else
the first executor) reports its money; the others see the row with the money cell locked and
may comment. The intake enforces the same rule.

Every text written into the workbook is stored as text (never a formula), whatever it starts
with: the document's texts and executors' names are data, not instructions to Excel.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.tables.programme import ProgrammeTables

TEMPLATE_VERSION = 2
SHEET_INFO, SHEET_MEASURES, SHEET_INDICATORS, SHEET_META = (
    "Інструкція", "Заходи", "Показники", "Службове")
MEASURE_HEADERS = ("№ заходу", "Захід", "Виконавці", "План на рік, тис. грн",
                   "Фактично з початку року, тис. грн", "Коментар виконавця", "Примітка")
INDICATOR_HEADERS = ("Група", "№", "Показник", "Одиниця", "План на рік",
                     "Фактично з початку року", "Коментар виконавця")
GROUP_NAMES = {"cost": "затрати", "output": "продукт"}
NOT_TO_FILL = "сума складових — заповніть складові"
EXAMPLE_MARK = "ПРИКЛАД"
EXAMPLE_BANNER = f"{EXAMPLE_MARK}: вигадані значення для демонстрації, не звіт виконавця"
WHOLE_PROGRAMME = "Зведений звіт (усі виконавці)"
#: Service sheet keys, in row order (the intake names the cell B1…B6 by this order).
META_KEYS = ("year", "quarter", "template_version", "source_sha256", "example", "executor")
_FORMULA_START = ("=", "+", "-", "@")


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


# ---------------------------------------------------------------- who answers for what


@dataclass(frozen=True)
class Assignment:
    """Who answers for one measure: every department involved, and the one reporting money."""

    departments: tuple[str, ...]
    lead: str | None


def measure_assignments(program: ProgrammeTables) -> dict[str, Assignment]:
    """Measure id → its departments and lead, through the reviewed alias list."""
    return _assignments(program)


@lru_cache(maxsize=8)
def _assignments(program: ProgrammeTables) -> dict[str, Assignment]:
    from zhytomyr_kpi.document.executors import parse_executors

    result = {}
    for m in program.measures.itertuples():
        parsed = parse_executors(m.executors)
        result[m.measure_id] = Assignment(parsed.all, parsed.lead)
    return result


@lru_cache(maxsize=8)
def indicator_leads(program: ProgrammeTables) -> dict[tuple[str, int], str | None]:
    """(group, number) of each Annex B cost/output indicator → the department that reports it.

    A cost indicator belongs to the lead of the first measure it covers
    (``reviewed/cost_measures.csv``); an output indicator, or a cost indicator used as a
    denominator (staff numbers), to the department of the cost it divides
    (``reviewed/efficiency_pairs.csv``). An indicator mapped to nothing goes to the
    programme's responsible executor (passport, «Відповідальний виконавець програми»);
    without one it has no department (``None``) and is only in the whole-programme workbook.
    """
    from zhytomyr_kpi.document.reference import cost_mappings, document_folder, efficiency_pairs

    folder = document_folder(program.document)
    assignments = measure_assignments(program)
    leads: dict[tuple[str, int], str | None] = {}
    for mapping in cost_mappings(folder):
        for measure_id in mapping.measure_ids:
            lead = assignments.get(measure_id, Assignment((), None)).lead
            if lead:
                leads[("cost", mapping.cost_indicator)] = lead
                break
    for pair in efficiency_pairs(folder):
        lead = next((leads.get(ref) for ref in pair.numerator if leads.get(ref)), None)
        for ref in pair.denominator:
            if lead:
                leads.setdefault(ref, lead)
    ind = program.indicators
    keys = ind[ind.group.isin(["cost", "output"])].drop_duplicates(["group", "number"])
    fallback = responsible_executor(program)
    return {(r.group, int(r.number)): leads.get((r.group, int(r.number)), fallback)
            for r in keys.itertuples()}


def responsible_executor(program: ProgrammeTables) -> str | None:
    """The programme's responsible executor (passport), its first department."""
    from zhytomyr_kpi.document.executors import parse_executors

    passport = program.passport
    rows = passport[passport.label.str.contains("Відповідальний виконавець", case=False)]
    return parse_executors(rows.value_full.iloc[0]).lead if len(rows) else None


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
    """« «name»» of the programme for a template's first line: the first «…» of passport item 1
    (No. 1685: «Ефективна влада. Конкурентне місто»), else the whole item; empty without one."""

    passport = program.passport
    row = passport[passport.item == 1]
    name = " ".join(str(row.value_full.iloc[0]).split()) if len(row) else ""
    quoted = re.search(r"«([^«»]+)»", name)
    name = quoted.group(1) if quoted else name
    return f" «{name[:200]}»" if name else ""


def departments(program: ProgrammeTables, year: str) -> list[str]:
    """Every department that gets a workbook for the year (measures or indicators), sorted."""
    return list(_departments(program, year))


@lru_cache(maxsize=16)
def _departments(program: ProgrammeTables, year: str) -> tuple[str, ...]:
    from zhytomyr_kpi.document.executors import normalise

    names = set()
    for row in template_measures(program, year):
        names.update(row["departments"])
    names.update(d for d in indicator_leads(program).values() if d)
    return tuple(sorted(names, key=normalise))


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
        "",
        "Як заповнити:",
        "1. На аркуші «Заходи» у жовтих клітинках стовпця E вкажіть фактичні видатки з початку "
        "року, тис. грн: число ≥ 0, десятковий роздільник — кома (1 234,5; крапка теж "
        "приймається), розряди можна відокремити пробілом.",
        "2. У стовпці F можна пояснити відхилення від плану (текст до 2000 символів).",
        "3. Якщо захід має кількох виконавців, кошти звітує відповідальний (розпорядник коштів "
        "або перший названий); інші виконавці можуть лише прокоментувати (стовпець F).",
        "4. На аркуші «Показники» у стовпці F вкажіть фактичні значення показників затрат і "
        "продукту з початку року (в одиниці показника).",
        "5. Не змінюйте номери заходів, план і назви аркушів: вони захищені і перевіряються.",
        "6. Вписуйте числа. Формула приймається лише арифметична (+, −, *, /, SUM, ROUND) і "
        "зі збереженим результатом (збережіть файл в Excel); у коментарі формула не "
        "приймається. Слова замість числа («сто») не приймаються; якщо Excel перетворив число "
        "на дату (12.5 → 12 трав.), впишіть його з комою: 12,5.",
        f"7. Рядок «{NOT_TO_FILL}» не заповнюйте: його факт — сума складових.",
        "8. Порожня клітинка означає «не подано».",
        "",
        f"Період: {label}. Подання — упродовж 10 календарних днів після закінчення кварталу "
        "(розділ 8 програми).",
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
    filled = values.get("measures", {})
    for number, row in enumerate(template_measures(program, year, executor), start=2):
        amount, comment = filled.get(row["measure_id"], (None, None))
        put_text(sheet.cell(number, 1), row["measure_id"])
        put_text(sheet.cell(number, 2), row["content"])
        put_text(sheet.cell(number, 3), row["executors"])
        sheet.cell(number, 4, row["plan"])
        sheet.cell(number, 5, amount)
        put_text(sheet.cell(number, 6), comment)
        put_text(sheet.cell(number, 7), row["note"])
        unlocked = [6] if row["comment"] else []
        if row["input"]:
            unlocked.insert(0, 5)
            validation.add(f"E{number}")
        for column in unlocked:
            cell = sheet.cell(number, column)
            cell.protection = Protection(locked=False)
            cell.fill = input_fill
        sheet[f"D{number}"].number_format = "#,##0.000"
        sheet[f"E{number}"].number_format = "#,##0.000"
        for column in ("B", "C", "G"):
            sheet[f"{column}{number}"].alignment = Alignment(wrap_text=True, vertical="top")
    _style_header(sheet, (10, 60, 36, 14, 18, 30, 30), Font, HEADER_FILL)

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
        indicators[f"C{number}"].alignment = Alignment(wrap_text=True, vertical="top")
    _style_header(indicators, (10, 5, 60, 10, 14, 18, 30), Font, HEADER_FILL)

    meta = book.create_sheet(SHEET_META)
    service = {"year": int(year), "quarter": quarter if quarter else "рік",
               "template_version": TEMPLATE_VERSION, "source_sha256": program.sha256,
               "example": EXAMPLE_MARK if example else "", "executor": executor or ""}
    for number, key in enumerate(META_KEYS, start=1):
        put_text(meta.cell(number, 1), key)
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
    for ws in (sheet, indicators, meta, info):
        ws.protection.sheet = True
        ws.protection.password = "zhytomyr-kpi"  # against slips, not a secret
    return deterministic_bytes(book)


def _style_header(sheet, widths, font_class, fill) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        sheet[f"{letter}1"].font = font_class(bold=True)
        sheet[f"{letter}1"].fill = fill
    sheet.freeze_panes = "A2"


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
