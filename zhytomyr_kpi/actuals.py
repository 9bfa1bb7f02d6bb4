"""Executors' actual figures: the Excel template, its validated import, the raw store.

Executors report to the Working Group every quarter (section 8 of the decision), cumulative
from the start of the year, in Excel. :func:`write_template` makes the workbook for a year
(and quarter); :func:`check_workbook` reads a filled one and lists *every* problem by sheet and
cell; :func:`ingest` stores a clean workbook in ``data/raw/actuals/`` (nothing is stored when
any error exists). The build reads the store with :func:`read_store`.

Safety: openpyxl parses with defusedxml (a dependency), files over 20 MB are refused, formulas
are never evaluated (a formula counts only through the value Excel cached for it), and every
write is atomic.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .build import write_atomically
from .paths import RAW_DIR
from .program import Program

ACTUALS_DIR = RAW_DIR / "actuals"
MAX_BYTES = 20 * 1024 * 1024
TEMPLATE_VERSION = 1
YEARS = ("2018", "2019", "2020")
SHEET_INFO, SHEET_MEASURES, SHEET_INDICATORS, SHEET_META = (
    "Інструкція", "Заходи", "Показники", "Службове")
MEASURE_HEADERS = ("№ заходу", "Захід", "Виконавці", "План на рік, тис. грн",
                   "Фактично з початку року, тис. грн", "Коментар виконавця", "Примітка")
INDICATOR_HEADERS = ("Група", "№", "Показник", "Одиниця", "План на рік",
                     "Фактично з початку року", "Коментар виконавця")
GROUP_NAMES = {"cost": "затрати", "output": "продукт"}
NOT_TO_FILL = "сума складових — заповніть складові"


class ActualsError(ValueError):
    """A workbook cannot be read at all (not xlsx, too large, no service sheet)."""


@dataclass
class Check:
    """Everything found in one workbook: errors block the import, warnings do not."""

    path: Path
    year: str | None = None
    quarter: int | None = None
    example: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")


def period_label(year: str, quarter: int | None) -> str:
    return f"{year} рік" if quarter is None else f"{quarter} квартал {year} року"


# ---------------------------------------------------------------- what the template holds


def template_measures(program: Program, year: str) -> list[dict]:
    """The year's measures: money planned in the year, or a term that covers it."""
    from .validate import term_years

    funding = program.funding.set_index(["measure_id", "year"])
    parents_with_parts = {
        m.parent_id for m in program.measures.itertuples()
        if not m.counts_in_total and (funding.amount_kuah.get((m.measure_id, year)) or 0) > 0}
    rows = []
    for m in program.measures.itertuples():
        plan = funding.amount_kuah.get((m.measure_id, year))
        plan = None if plan is None or plan != plan else float(plan)
        years = term_years(m.term) or set()
        if not (plan or int(year) in years):
            continue
        note = []
        if m.measure_id in parents_with_parts:
            note.append(NOT_TO_FILL)
        elif not m.counts_in_total:
            note.append(f"складова заходу {m.parent_id}")
        text = funding.cell_text.get((m.measure_id, year), "")
        if plan is None and text:
            note.append(f"у рішенні: «{text}»")
        rows.append({"measure_id": m.measure_id, "content": m.content or m.task,
                     "executors": m.executors, "plan": plan, "note": "; ".join(note),
                     "input": m.measure_id not in parents_with_parts})
    return rows


def template_indicators(program: Program, year: str) -> list[dict]:
    ind = program.indicators
    rows = ind[ind.group.isin(["cost", "output"]) & (ind.period == year)]
    return [{"group": r.group, "number": int(r.number), "name": r.name, "unit": r.unit,
             "plan": None if r.value != r.value else float(r.value), "plan_text": r.value_text}
            for r in rows.itertuples()]


# ---------------------------------------------------------------- the template


def template_bytes(program: Program, year: str, quarter: int | None = None,
                   example: bool = False) -> bytes:
    """The executors' workbook for a year (and quarter), as bytes.

    ``example=True`` marks the workbook as an example (for demonstrations and tests): the
    marker travels into every table made from it, and the report prints a warning.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from .excel import HEADER_FILL, deterministic_bytes

    if year not in YEARS:
        raise ActualsError(f"невідомий рік «{year}»; можливі: {', '.join(YEARS)}")
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ActualsError(f"невідомий квартал «{quarter}»; можливі: 1, 2, 3, 4")
    label = period_label(year, quarter)
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    book = Workbook()
    info = book.active
    info.title = SHEET_INFO
    lines = [
        f"Звіт виконавця про фактичне виконання заходів програми «Ефективна влада. "
        f"Конкурентне місто» — {label}",
        "",
        "Як заповнити:",
        "1. На аркуші «Заходи» у жовтих клітинках стовпця E вкажіть фактичні видатки з початку "
        "року, тис. грн (число ≥ 0, десятковий роздільник — кома).",
        "2. У стовпці F можна пояснити відхилення від плану.",
        "3. На аркуші «Показники» у стовпці F вкажіть фактичні значення показників затрат і "
        "продукту з початку року (в одиниці показника).",
        "4. Не змінюйте номери заходів, план і назви аркушів: вони захищені і перевіряються.",
        "5. Не вписуйте формули без обчисленого значення; текст замість числа не приймається.",
        f"6. Рядок «{NOT_TO_FILL}» не заповнюйте: його факт — сума складових.",
        "7. Порожня клітинка означає «не подано».",
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
    for number, row in enumerate(template_measures(program, year), start=2):
        sheet.append([row["measure_id"], row["content"], row["executors"], row["plan"], None,
                      None, row["note"]])
        if row["input"]:
            for column in ("E", "F"):
                cell = sheet[f"{column}{number}"]
                cell.protection = Protection(locked=False)
                cell.fill = input_fill
            validation.add(f"E{number}")
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
    for number, row in enumerate(template_indicators(program, year), start=2):
        indicators.append([GROUP_NAMES[row["group"]], row["number"], row["name"], row["unit"],
                           row["plan"] if row["plan"] is not None else row["plan_text"], None,
                           None])
        for column in ("F", "G"):
            cell = indicators[f"{column}{number}"]
            cell.protection = Protection(locked=False)
            cell.fill = input_fill
        number_check.add(f"F{number}")
        indicators[f"C{number}"].alignment = Alignment(wrap_text=True, vertical="top")
    _style_header(indicators, (10, 5, 60, 10, 14, 18, 30), Font, HEADER_FILL)

    meta = book.create_sheet(SHEET_META)
    for key, value in (("year", int(year)), ("quarter", quarter if quarter else "рік"),
                       ("template_version", TEMPLATE_VERSION),
                       ("source_sha256", program.sha256),
                       ("example", "ПРИКЛАД" if example else "")):
        meta.append([key, value])
    if example:
        info.insert_rows(1)
        info["A1"] = "ПРИКЛАД: вигадані значення для демонстрації, не звіт виконавця"
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


def write_template(program: Program, target: Path, year: str, quarter: int | None = None) -> Path:
    write_atomically({target.name: template_bytes(program, year, quarter)},
                     target.parent if target.parent.parts else Path("."))
    return target


# ---------------------------------------------------------------- reading a filled workbook


def _open(path: Path):
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ActualsError(f"{path}: файл не знайдено") from None
    if size > MAX_BYTES:
        raise ActualsError(f"{path}: файл завеликий ({size / 1024 / 1024:.1f} МБ; межа 20 МБ)")
    raw = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise ActualsError(f"{path}: це не файл Excel .xlsx")
    try:
        formulas = load_workbook(io.BytesIO(raw), data_only=False)
        cached = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise ActualsError(f"{path}: не вдається прочитати як .xlsx ({type(exc).__name__})") \
            from None
    return raw, formulas, cached


def _number(check: Check, where: str, formula_cell, cached_cell) -> float | None:
    """The numeric value of an input cell (None if empty); problems go to ``check``."""
    value = formula_cell.value
    if isinstance(value, str) and value.startswith("="):
        value = cached_cell.value
        if value is None:
            check.error(where, f"формула «{formula_cell.value}» без обчисленого значення; "
                               "відкрийте файл в Excel, збережіть і надішліть знову")
            return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = str(value).strip()
        try:
            value = float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except ValueError:
            check.error(where, f"очікується число ≥ 0, отримано \"{text}\"")
            return None
    if value < 0:
        check.error(where, f"очікується число ≥ 0, отримано {value:g}")
        return None
    return float(value)


def check_workbook(program: Program, path: Path, year: str | None = None,
                   quarter: int | None = None) -> Check:
    """Read a filled workbook and list every problem by sheet and cell."""
    check = Check(path)
    _, formulas, cached = _open(path)
    missing = [s for s in (SHEET_MEASURES, SHEET_INDICATORS, SHEET_META)
               if s not in formulas.sheetnames]
    if missing:
        for name in missing:
            check.error(name, "аркуша немає (використайте шаблон: zhytomyr-kpi template)")
        return check
    meta = {row[0].value: row[1].value for row in formulas[SHEET_META].iter_rows(max_col=2)
            if row[0].value}
    found_year = str(meta.get("year", ""))
    found_quarter = meta.get("quarter")
    found_quarter = None if found_quarter in (None, "рік") else found_quarter
    if found_year not in YEARS:
        check.error(f"{SHEET_META}!B1", f"невідомий рік «{found_year}»")
        return check
    if found_quarter not in (None, 1, 2, 3, 4):
        check.error(f"{SHEET_META}!B2", f"невідомий квартал «{found_quarter}»")
        return check
    check.year, check.quarter = found_year, found_quarter
    check.example = bool(meta.get("example"))
    if year is not None and str(year) != found_year:
        check.error(f"{SHEET_META}!B1", f"книга для {found_year} року, а очікується {year}")
    if quarter is not None and quarter != found_quarter:
        check.error(f"{SHEET_META}!B2", f"книга для {period_label(found_year, found_quarter)}, "
                                        f"а очікується {period_label(found_year, quarter)}")
    _check_measures(program, check, formulas[SHEET_MEASURES], cached[SHEET_MEASURES])
    _check_indicators(program, check, formulas[SHEET_INDICATORS], cached[SHEET_INDICATORS])
    return check


def _headers_ok(check: Check, sheet, expected: tuple[str, ...]) -> bool:
    from openpyxl.utils import get_column_letter

    ok = True
    for index, header in enumerate(expected, start=1):
        letter = get_column_letter(index)
        if (sheet[f"{letter}1"].value or "").strip() != header:
            check.error(f"{sheet.title}!{letter}1", f"очікується стовпець «{header}», отримано "
                                                    f"«{sheet[f'{letter}1'].value or ''}»")
            ok = False
    return ok


def _check_measures(program: Program, check: Check, sheet, cached) -> None:
    if not _headers_ok(check, sheet, MEASURE_HEADERS):
        return
    expected = {r["measure_id"]: r for r in template_measures(program, check.year)}
    seen: dict[str, int] = {}
    for number in range(2, sheet.max_row + 1):
        measure_id = sheet[f"A{number}"].value
        if measure_id is None and all(sheet.cell(number, c).value is None for c in range(1, 8)):
            continue
        measure_id = str(measure_id).strip().rstrip(".") if measure_id is not None else ""
        where = f"{sheet.title}!A{number}"
        if measure_id not in expected:
            check.error(where, f"невідомий № заходу «{measure_id}» для {check.year} року")
            continue
        if measure_id in seen:
            check.error(where, f"№ заходу {measure_id} повторюється (уперше — рядок "
                               f"{seen[measure_id]})")
            continue
        seen[measure_id] = number
        row = expected[measure_id]
        plan_cell = sheet[f"D{number}"].value
        plan = float(plan_cell) if isinstance(plan_cell, int | float) else None
        if (plan is None) != (row["plan"] is None) or (
                plan is not None and abs(plan - row["plan"]) > 0.0005):
            check.error(f"{sheet.title}!D{number}", f"план «{plan_cell}» не збігається з планом "
                        f"заходу {measure_id} на {check.year} рік ({row['plan']}); це книга "
                        "іншого року або її змінено")
            continue
        actual = _number(check, f"{sheet.title}!E{number}", sheet[f"E{number}"],
                         cached[f"E{number}"])
        if actual is None:
            continue
        if not row["input"]:
            check.error(f"{sheet.title}!E{number}", f"захід {measure_id} — {NOT_TO_FILL}")
            continue
        if row["plan"] and actual > row["plan"] + 0.0005:
            check.warn(f"{sheet.title}!E{number}", f"факт {actual:g} більший за план "
                                                   f"{row['plan']:g} (захід {measure_id})")
        if not row["plan"] and actual > 0:
            check.warn(f"{sheet.title}!E{number}", f"факт {actual:g} там, де план не "
                                                   f"передбачав коштів (захід {measure_id})")
        comment = sheet[f"F{number}"].value
        check.measures.append({"measure_id": measure_id, "actual_kuah": actual,
                               "comment": str(comment).strip() if comment else "",
                               "cell": f"{sheet.title}!E{number}"})


def _check_indicators(program: Program, check: Check, sheet, cached) -> None:
    if not _headers_ok(check, sheet, INDICATOR_HEADERS):
        return
    names = {v: k for k, v in GROUP_NAMES.items()}
    expected = {(r["group"], r["number"]) for r in template_indicators(program, check.year)}
    seen: set = set()
    for number in range(2, sheet.max_row + 1):
        group_text, indicator = sheet[f"A{number}"].value, sheet[f"B{number}"].value
        if group_text is None and indicator is None:
            continue
        key = (names.get(str(group_text).strip()), indicator)
        where = f"{sheet.title}!A{number}"
        if key not in expected:
            check.error(where, f"невідомий показник «{group_text} {indicator}»")
            continue
        if key in seen:
            check.error(where, f"показник «{group_text} {indicator}» повторюється")
            continue
        seen.add(key)
        actual = _number(check, f"{sheet.title}!F{number}", sheet[f"F{number}"],
                         cached[f"F{number}"])
        if actual is None:
            continue
        comment = sheet[f"G{number}"].value
        check.indicators.append({"group": key[0], "number": key[1], "actual_value": actual,
                                 "comment": str(comment).strip() if comment else "",
                                 "cell": f"{sheet.title}!F{number}"})


# ---------------------------------------------------------------- the raw store


def store_name(year: str, quarter: int | None) -> str:
    return f"actuals_{year}_{'q' + str(quarter) if quarter else 'year'}.xlsx"


def ingest(program: Program, path: Path, store: Path = ACTUALS_DIR, year: str | None = None,
           quarter: int | None = None) -> Check:
    """Check a workbook; when it has no errors, store it (with a sidecar) in ``store``."""
    check = check_workbook(program, path, year, quarter)
    if check.errors:
        return check
    raw = path.read_bytes()
    name = store_name(check.year, check.quarter)
    sidecar = {"file": name, "received_as": path.name, "received": date.today().isoformat(),
               "year": int(check.year), "quarter": check.quarter,
               "sha256": hashlib.sha256(raw).hexdigest(),
               "source": "executors' report, validated by zhytomyr-kpi ingest",
               "warnings": check.warnings}
    write_atomically({name: raw, f"{name}.json": (json.dumps(sidecar, ensure_ascii=False,
                                                             indent=2) + "\n").encode()}, store)
    return check


def read_store(program: Program, store: Path = ACTUALS_DIR) -> tuple[list[dict], list[dict]]:
    """Every stored workbook, checked again: (measure rows, indicator rows) with their period."""
    measures, indicators = [], []
    for path in sorted(store.glob("actuals_*.xlsx")) if store.exists() else []:
        check = check_workbook(program, path)
        if check.errors:
            raise ActualsError(f"{path}: {check.errors[0]}")
        period = {"year": check.year, "quarter": check.quarter, "source_file": path.name,
                  "is_example": check.example}
        measures.extend({**row, **period} for row in check.measures)
        indicators.extend({**row, **period} for row in check.indicators)
    return measures, indicators


def example_workbook(program: Program, target: Path, year: str, quarter: int | None = None,
                     share: float = 0.9) -> Path:
    """An example filled workbook (clearly marked ПРИКЛАД) for demonstrations and tests.

    Never for data/raw/: the values are made up — ``share`` of each plan, one measure over
    plan and one with no report — only to show how the import and the analysis work.
    """
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template_bytes(program, year, quarter, example=True)))
    sheet = book[SHEET_MEASURES]
    rows = [r for r in sheet.iter_rows(min_row=2) if r[0].value]
    for index, row in enumerate(rows):
        plan = row[3].value
        if row[6].value and NOT_TO_FILL in row[6].value:
            continue
        if index == 1:
            continue  # one measure not reported
        actual = (plan or 0) * (1.1 if index == 0 else share)
        row[4].value = round(actual, 3)
        row[5].value = "ПРИКЛАД"
    indicators = book[SHEET_INDICATORS]
    for row in indicators.iter_rows(min_row=2):
        if isinstance(row[4].value, int | float):
            money = "грн" in str(row[3].value).lower()
            row[5].value = round(row[4].value * share, 3) if money else row[4].value
            row[6].value = "ПРИКЛАД"
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically({target.name: buffer.getvalue()}, target.parent)
    return target
