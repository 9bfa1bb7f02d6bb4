"""Read a filled workbook and list *every* problem by sheet and cell; trust nothing in it.

The package is checked first (:mod:`.package`: size, shape, macros, encryption, XML attacks),
then the service sheet must be exactly what the template wrote (template version, the
decision's sha256, year, quarter, executor, the example mark), then every input cell:

* amounts — finite decimals only: a number cell, or a text of digits 0-9 with at most one
  decimal comma or point, thousands in groups of three separated by a space or a no-break
  space (U+00A0, U+202F: «1 234,5», as people type and Excel shows them); at least 0 and at
  most :data:`MAX_AMOUNT`; ``nan``, ``inf``, ``1e308``, other separators (``1_000``,
  ``1'000``, ``1.000.000``), groups not of three («12 34»), non-ASCII digits, booleans,
  dates and error values are errors naming the cell. A date where an amount belongs is
  most often a decimal that a Ukrainian-locale spreadsheet read as a date («12.5» →
  12.05.2019): the message says so and shows the number to type («12,5»);
* a formula counts only through the value Excel cached for it, and only plain arithmetic
  (``=100+50``, ``SUM``) is allowed — ``WEBSERVICE`` and the like are refused;
* money of a measure with several executors comes from its lead only: money from another
  executor is an error naming the cell (they may comment);
* from template v3 on (v2 workbooks are still read, without these): the state of the work
  (G) is one of :data:`~.template.WORK_STATES`, else an error naming the cell; what was
  done (H), a change to the measure (I) and its ground (J) are texts like comments; a change
  without a ground is a warning naming J; they come from the measure's lead only (a
  co-executor may comment) and never for a «в т. ч.» parent;
* comments are stored as text: a formula there is an error, and a text that a spreadsheet
  would take for a formula (``=…``, ``+…``, ``-…``, ``@…``) is kept with a leading apostrophe
  so that it stays text in ``actuals.csv`` and ``program.xlsx``.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.package import MAX_COLUMNS, MAX_ROWS, read_package
from zhytomyr_kpi.actuals.template import (
    EXAMPLE_MARK,
    GROUP_NAMES,
    INDICATOR_HEADERS,
    MAX_TEXT,
    MEASURE_HEADERS_BY_VERSION,
    META_KEYS,
    NOT_TO_FILL,
    QUALITY_COLUMNS,
    SHEET_INDICATORS,
    SHEET_INFO,
    SHEET_MEASURES,
    SHEET_META,
    TEMPLATE_VERSION,
    WORK_STATES,
    departments,
    period_label,
    template_indicators,
    template_measures,
)
from zhytomyr_kpi.basics.wording import number as uk_number
from zhytomyr_kpi.document.executors import match_department
from zhytomyr_kpi.tables.programme import ProgrammeTables

MAX_AMOUNT = Decimal("999999999.999")  # what the plan column (#,##0.000, тис. грн) can hold
MAX_VALUE = Decimal("999999999999")  # an indicator in its own unit
MAX_COMMENT = MAX_TEXT
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?", re.ASCII)
#: Thousands separators people type or Excel shows: a space, a no-break space, a narrow one.
_GROUP_SPACES = " \u00a0\u202f"
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?", re.ASCII)
_INVISIBLE_SPACES = {"\u00a0": "·", "\u202f": "·"}
_SAFE_FORMULA = re.compile(r"=[0-9A-Z$.,+\-*/()\s:;]*", re.ASCII)
_FUNCTION = re.compile(r"([A-Z][A-Z0-9.]*)\s*\(")
_ALLOWED_FUNCTIONS = {"SUM", "ROUND"}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Check:
    """Everything found in one workbook: errors block the import, warnings do not."""

    path: Path
    year: str | None = None
    quarter: int | None = None
    executor: str | None = None  # None: the whole programme (consolidated workbook)
    example: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    raw: bytes = field(default=b"", repr=False)  # the workbook as read (stored as is)
    submission: str | None = None  # the store's name for it, once stored
    duplicate_of: str | None = None  # the same file was already stored under this name
    version: int = TEMPLATE_VERSION  # of the template the workbook was made from
    replaces: str | None = None  # the executor's previous submission for the period, if any
    changes: list[dict] = field(default_factory=list)  # figures changed against ``replaces``

    def error(self, where: str | None, message: str) -> None:
        """An error at a sheet and cell; ``where=None``: about the whole file (the caller
        names the file once)."""
        self.errors.append(message if where is None else f"{where}: {message}")

    def warn(self, where: str | None, message: str) -> None:
        self.warnings.append(message if where is None else f"{where}: {message}")

    @property
    def has_figures(self) -> bool:
        """Whether the workbook reports any amount or indicator value (not only comments)."""
        return any(r["actual_kuah"] is not None for r in self.measures) or any(
            r["actual_value"] is not None for r in self.indicators)


def safe_text(text: str) -> str:
    """Text that no spreadsheet takes for a formula: a leading «=», «+», «-», «@» gets «'»."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


# ---------------------------------------------------------------- one cell


def _shown(value) -> str:
    """A cell's content for a message: short, and the formula's text, not an object's repr."""
    text = getattr(value, "text", None) if not isinstance(value, str | int | float) else None
    text = str(value if text is None else text)
    return text if len(text) <= 40 else text[:37] + "…"


def read_number(check: Check, where: str, cell, cached, limit: Decimal) -> float | None:
    """The value of an input cell as a float (None if empty); problems go to ``check``."""
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")
                                 and cell.data_type != "s"):
        formula = str(getattr(value, "text", None) or value)
        names = set(_FUNCTION.findall(formula.upper()))
        if not _SAFE_FORMULA.fullmatch(formula.upper()) or names - _ALLOWED_FUNCTIONS:
            check.error(where, f"формула «{_shown(formula)}» не приймається: дозволено лише "
                               "арифметику і SUM; впишіть число")
            return None
        value = cached() if callable(cached) else cached
        if value is None:
            check.error(where, f"формула «{_shown(formula)}» без обчисленого значення; "
                               "відкрийте файл в Excel, збережіть і надішліть знову")
            return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        check.error(where, f"очікується число ≥ 0, отримано логічне значення «{value}»")
        return None
    if isinstance(value, datetime | date | time | timedelta):
        check.error(where, _date_message(value))
        return None
    if cell.data_type == "e":
        check.error(where, f"очікується число ≥ 0, отримано помилку Excel «{_shown(value)}»")
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            check.error(where, f"очікується скінченне число ≥ 0, отримано «{value}»")
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        text = value.strip(" \t\r\n" + _GROUP_SPACES)
        if not (_NUMBER.fullmatch(text) or _GROUPED.fullmatch(text)):
            check.error(where, _text_message(text))
            return None
        try:
            number = Decimal(re.sub("[ \u00a0\u202f]", "", text).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            check.error(where, f'очікується число ≥ 0, отримано "{_shown(text)}"')
            return None
    else:
        check.error(where, f"очікується число ≥ 0, отримано «{_shown(value)}»")
        return None
    if number < 0:
        check.error(where, f"очікується число ≥ 0, отримано {number:f}".replace("-", "−", 1))
        return None
    if number > limit:
        check.error(where, f"число {_shown(format(number, '.0f'))} завелике (межа "
                           f"{limit:,.0f})".replace(",", " "))
        return None
    return float(round(number, 6))


def _text_message(text: str) -> str:
    """Why a text is not an amount, with a no-break space shown as «·» (a plain space and a
    no-break one look the same in a message, and only one of them is the problem)."""
    shown = "".join(_INVISIBLE_SPACES.get(char, char) for char in _shown(text))
    legend = " (· — нерозривний пробіл)" if shown != _shown(text) else ""
    if re.fullmatch(r"[0-9]+(?:[ \u00a0\u202f][0-9]+)+(?:[.,][0-9]+)?", text, re.ASCII):
        return (f'очікується число ≥ 0: розряди відокремлюють пробілом групами по три цифри '
                f'(1 234,5), отримано "{shown}"{legend}')
    hint = ("; розряди — лише пробілом, по три цифри (1 234,5)" if re.search(
        r"[0-9][_'’.][0-9]{3}(?:\D|$)", text) else "")
    return (f'очікується число ≥ 0 (цифри 0-9, десяткова кома{hint}), отримано '
            f'"{shown}"{legend}')


def _date_message(value) -> str:
    """A date or time where an amount belongs; a date is most often a decimal a spreadsheet
    in a Ukrainian locale took for one («12.5» → 12.05), so the number to type is named."""
    if (isinstance(value, datetime) and value.time() != time(0)) or not isinstance(
            value, date):
        return f"очікується число ≥ 0, отримано дату або час «{_shown(value)}»"
    return (f"очікується число ≥ 0, отримано дату {value:%d.%m.%Y}: схоже, число "
            f"перетворилося на дату; впишіть {value.day},{value.month} з комою")


def read_comment(check: Check, where: str, cell) -> str:
    """An executor's comment as text (a formula there is an error)."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        check.error(where, f"у коментарі формула «{_shown(value)}»; впишіть текст")
        return ""
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = " ".join(str(value).split())
    if len(text) > MAX_COMMENT:
        check.error(where, f"текст задовгий ({len(text)} символів, межа {MAX_COMMENT})")
        return ""
    return safe_text(text)


def read_state(check: Check, where: str, cell) -> str:
    """The state of a measure: one of :data:`WORK_STATES` (case and spaces aside), else an
    error naming the cell; "" when empty."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    text = " ".join(str(value).split()).lower() if isinstance(value, str) else None
    if cell.data_type == "f" or text not in WORK_STATES:
        check.error(where, f"стан «{_shown(value)}» не з переліку; оберіть один: "
                           + ", ".join(WORK_STATES))
        return ""
    return text


# ---------------------------------------------------------------- the service sheet


def _service(check: Check, program: ProgrammeTables, book) -> bool:
    """Check the service sheet against what the template writes; fill the period and who."""
    sheet = book[SHEET_META]
    found = {}
    for number, key in enumerate(META_KEYS, start=1):
        name = sheet.cell(number, 1).value
        if name != key:
            check.error(f"{SHEET_META}!A{number}", f"службовий аркуш змінено: очікується «{key}», "
                                                   f"отримано «{_shown(name)}»")
            return False
        found[key] = sheet.cell(number, 2)
    extra = [c.coordinate for row in sheet.iter_rows(min_row=len(META_KEYS) + 1) for c in row
             if c.value is not None]
    if extra:
        check.error(f"{SHEET_META}!{extra[0]}", "службовий аркуш змінено: зайві клітинки")
        return False

    def where(key: str) -> str:
        return f"{SHEET_META}!B{META_KEYS.index(key) + 1}"

    version = found["template_version"].value
    if type(version) is not int or version not in MEASURE_HEADERS_BY_VERSION:
        check.error(where("template_version"), f"версія шаблону «{_shown(version)}», а очікується "
                                               f"{TEMPLATE_VERSION}; візьміть новий шаблон "
                                               "(zhytomyr-kpi template)")
        return False
    check.version = version
    sha = found["source_sha256"].value
    if sha != program.sha256:
        check.error(where("source_sha256"), "шаблон зроблено з іншого тексту рішення (sha256 не "
                                            "збігається); візьміть новий шаблон")
        return False
    year = found["year"].value
    if type(year) is not int or str(year) not in program.years:
        check.error(where("year"), f"невідомий рік «{_shown(year)}»; можливі: "
                                   f"{', '.join(program.years)}")
        return False
    quarter = found["quarter"].value
    if not (quarter == "рік" or (type(quarter) is int and 1 <= quarter <= 4)):
        check.error(where("quarter"), f"невідомий квартал «{_shown(quarter)}»; можливі: 1, 2, 3, "
                                      "4 або «рік»")
        return False
    check.year, check.quarter = str(year), None if quarter == "рік" else quarter
    example = found["example"].value
    if example not in (None, "", EXAMPLE_MARK):
        check.error(where("example"), f"невідома позначка «{_shown(example)}»")
        return False
    check.example = example == EXAMPLE_MARK
    banner = book[SHEET_INFO]["A1"].value if SHEET_INFO in book.sheetnames else None
    if not check.example and isinstance(banner, str) and EXAMPLE_MARK in banner:
        check.error(where("example"), "це приклад (ПРИКЛАД на аркуші «Інструкція»), а позначку "
                                      "прикладу прибрано; приклад не приймається як звіт")
        return False
    executor = found["executor"].value
    known = match_department(executor, departments(program, check.year)) \
        if isinstance(executor, str) else None  # NFC, spaces, apostrophes folded
    if executor in (None, ""):
        check.executor = None
    elif known is not None:
        check.executor = known
    else:
        check.error(where("executor"), f"невідомий виконавець «{_shown(executor)}» для "
                                       f"{check.year} року")
        return False
    return True


# ---------------------------------------------------------------- the whole workbook


def open_workbook(path: Path):
    """(formulas workbook, a function giving the cached-values workbook) after the checks."""
    from openpyxl import load_workbook

    raw = read_package(path)
    try:
        formulas = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise ActualsError(f"не вдається прочитати як .xlsx ({_reason(exc)})", path) from None
    for sheet in formulas.worksheets:  # second line of defence behind read_package's check
        if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
            raise ActualsError(f"аркуш «{sheet.title}» завеликий ({sheet.max_row} рядків, "
                               f"{sheet.max_column} стовпців; межа {MAX_ROWS} рядків, стовпці "
                               "A-Z); це не шаблон", path)
    cache: list = []

    def cached():
        if not cache:
            cache.append(load_workbook(io.BytesIO(raw), data_only=True))
        return cache[0]
    return raw, formulas, cached


def _reason(exc: Exception) -> str:
    name = type(exc).__name__
    if "Entities" in name or "DTD" in name or "External" in name:
        return "XML з оголошеннями сутностей, можлива XXE-атака"
    return "пошкоджений або не той формат файлу"


def check_workbook(program: ProgrammeTables, path: Path, year: str | None = None,
                   quarter: int | None = None, executor: str | None = None) -> Check:
    """Read a filled workbook and list every problem by sheet and cell.

    ``year``, ``quarter``, ``executor`` (optional) are what the caller expects; a workbook for
    another period or department is an error.
    """
    path = Path(path)
    check = Check(path)
    raw, formulas, cached = open_workbook(path)
    check.raw = raw
    from openpyxl.worksheet.worksheet import Worksheet

    missing = [s for s in (SHEET_MEASURES, SHEET_INDICATORS, SHEET_META)
               if s not in formulas.sheetnames]
    if missing:
        for name in missing:
            check.error(name, "аркуша немає (використайте шаблон: zhytomyr-kpi template)")
        return check
    for name in (SHEET_MEASURES, SHEET_INDICATORS, SHEET_META):
        if not isinstance(formulas[name], Worksheet):
            check.error(name, "це не аркуш з клітинками (діаграма?); використайте шаблон")
            return check
    if not _service(check, program, formulas):
        return check
    if year is not None and str(year) != check.year:
        check.error(f"{SHEET_META}!B1", f"книга для {check.year} року, а очікується {year}")
    if quarter is not None and quarter != check.quarter:
        check.error(f"{SHEET_META}!B2", f"книга для {period_label(check.year, check.quarter)}, "
                                        f"а очікується {period_label(check.year, quarter)}")
    if executor is not None and executor != check.executor:
        check.error(f"{SHEET_META}!B6", f"книга виконавця «{check.executor or 'зведена'}», а "
                                        f"очікується «{executor}»")

    def cached_sheet(name):
        return lambda cell: (lambda: cached()[name][cell].value)

    _check_measures(program, check, formulas[SHEET_MEASURES], cached_sheet(SHEET_MEASURES))
    _check_indicators(program, check, formulas[SHEET_INDICATORS],
                      cached_sheet(SHEET_INDICATORS))
    return check


def _headers_ok(check: Check, sheet, expected: tuple[str, ...]) -> bool:
    from openpyxl.utils import get_column_letter

    ok = True
    for index, header in enumerate(expected, start=1):
        letter = get_column_letter(index)
        value = sheet[f"{letter}1"].value
        if not isinstance(value, str) or value.strip() != header:
            check.error(f"{sheet.title}!{letter}1", f"очікується стовпець «{header}», отримано "
                                                    f"«{_shown(value or '')}»")
            ok = False
    return ok


def _rows(sheet, width: int):
    """Non-empty rows (number, cells) of a sheet, within the checked shape."""
    for cells in sheet.iter_rows(min_row=2, max_col=max(width, sheet.max_column)):
        if any(c.value is not None for c in cells):
            yield cells[0].row, cells


def _check_measures(program: ProgrammeTables, check: Check, sheet, cached) -> None:
    """Every row of «Заходи»: the money (E), the comment (F) and, from template v3 on, the
    state, what was done, a change and its ground (G-J); a v2 workbook has none of those."""
    from openpyxl.utils import get_column_letter

    headers = MEASURE_HEADERS_BY_VERSION[check.version]
    if not _headers_ok(check, sheet, headers):
        return
    expected = {r["measure_id"]: r for r in template_measures(program, check.year,
                                                              check.executor)}
    quality_columns = range(6, 6 + len(QUALITY_COLUMNS)) if check.version >= 3 else range(0)
    seen: dict[str, int] = {}
    for number, cells in _rows(sheet, len(headers)):
        title = sheet.title
        outside = [c for c in cells[len(headers):] if c.value is not None]
        if outside:
            check.error(f"{title}!{outside[0].coordinate}", "клітинка поза таблицею шаблону")
            continue
        raw_id = cells[0].value
        measure_id = str(raw_id).strip().rstrip(".") if raw_id is not None else ""
        where = f"{title}!A{number}"
        if measure_id not in expected:
            whose = f" виконавця «{check.executor}»" if check.executor else ""
            check.error(where, f"невідомий № заходу «{_shown(measure_id)}»{whose} для "
                               f"{check.year} року")
            continue
        if measure_id in seen:
            check.error(where, f"№ заходу {measure_id} повторюється (уперше — рядок "
                               f"{seen[measure_id]})")
            continue
        seen[measure_id] = number
        row = expected[measure_id]
        plan_cell = cells[3].value
        plan = float(plan_cell) if isinstance(plan_cell, int | float) and not isinstance(
            plan_cell, bool) else None
        if (plan is None) != (row["plan"] is None) or (
                plan is not None and abs(plan - row["plan"]) > 0.0005):
            check.error(f"{title}!D{number}", f"план «{_shown(plan_cell)}» не збігається з "
                        f"планом заходу {measure_id} на {check.year} рік ({row['plan']}); це "
                        "книга іншого року або її змінено")
            continue
        cell = f"{title}!E{number}"
        actual = read_number(check, cell, cells[4], cached(f"E{number}"), MAX_AMOUNT)
        comment = read_comment(check, f"{title}!F{number}", cells[5])
        quality = {key: "" for key, _ in QUALITY_COLUMNS}
        for (key, _), index in zip(QUALITY_COLUMNS, quality_columns, strict=False):
            at = f"{title}!{get_column_letter(index + 1)}{number}"
            quality[key] = (read_state if key == "state" else read_comment)(check, at,
                                                                            cells[index])
        first_quality = next((f"{title}!{get_column_letter(index + 1)}{number}"
                              for (key, _), index in zip(QUALITY_COLUMNS, quality_columns,
                                                         strict=False) if quality[key]), None)
        if (actual is not None or first_quality) and not row["comment"]:
            check.error(cell if actual is not None else first_quality,
                        f"захід {measure_id} — {NOT_TO_FILL}")
            continue
        if actual is not None and not row["input"]:
            check.error(cell, f"кошти заходу {measure_id} звітує відповідальний виконавець "
                              f"«{row['lead']}»; ви можете лише прокоментувати (стовпець F)")
            continue
        if first_quality and not row["input"]:
            check.error(first_quality, f"стан і зміни заходу {measure_id} звітує відповідальний "
                                       f"виконавець «{row['lead']}»; ви можете лише "
                                       "прокоментувати (стовпець F)")
            continue
        if actual is None and not comment and not first_quality:
            continue
        if actual is not None and row["plan"] and actual > row["plan"] + 0.0005:
            check.warn(cell, f"факт {uk_number(actual)} більший за план {uk_number(row['plan'])} "
                             f"(захід {measure_id})")
        if actual is not None and not row["plan"] and actual > 0:
            check.warn(cell, f"факт {uk_number(actual)} там, де план не передбачав коштів "
                             f"(захід {measure_id})")
        if quality["change"] and not quality["change_ground"]:
            check.warn(f"{title}!J{number}", f"зміну заходу {measure_id} зазначено без "
                                             "обґрунтування; вкажіть підставу (рішення, лист)")
        check.measures.append({"measure_id": measure_id, "actual_kuah": actual,
                               "comment": comment, **quality, "cell": cell,
                               "money": bool(row["input"])})
    if check.executor is None:
        _whole_programme(check, sheet.title, "заходів", set(expected) - set(seen))


def _whole_programme(check: Check, title: str, what: str, missing: set) -> None:
    """A consolidated workbook (no executor in «Службове»!B6) holds every row of the
    programme for its year, as ``template`` writes it: a department's workbook with its
    executor cleared is not one."""
    if missing:
        shown = ", ".join(sorted(str(m) for m in missing)[:10]) + (
            f" та ще {len(missing) - 10}" if len(missing) > 10 else "")
        check.error(f"{SHEET_META}!B6", f"зведена книга (без виконавця) має містити всі рядки "
                    f"програми на {check.year} рік, а на аркуші «{title}» бракує {what}: "
                    f"{shown}; вкажіть свого виконавця або візьміть зведений шаблон")


def _check_indicators(program: ProgrammeTables, check: Check, sheet, cached) -> None:
    if not _headers_ok(check, sheet, INDICATOR_HEADERS):
        return
    names = {v: k for k, v in GROUP_NAMES.items()}
    expected = {(r["group"], r["number"]) for r in template_indicators(program, check.year,
                                                                       check.executor)}
    seen: set = set()
    for number, cells in _rows(sheet, len(INDICATOR_HEADERS)):
        title = sheet.title
        outside = [c for c in cells[len(INDICATOR_HEADERS):] if c.value is not None]
        if outside:
            check.error(f"{title}!{outside[0].coordinate}", "клітинка поза таблицею шаблону")
            continue
        group_text, indicator = cells[0].value, cells[1].value
        key = (names.get(str(group_text).strip()),
               indicator if type(indicator) is int else None)
        where = f"{title}!A{number}"
        if key not in expected:
            check.error(where, f"невідомий показник «{_shown(group_text)} {_shown(indicator)}»")
            continue
        if key in seen:
            check.error(where, f"показник «{group_text} {indicator}» повторюється")
            continue
        seen.add(key)
        cell = f"{title}!F{number}"
        actual = read_number(check, cell, cells[5], cached(f"F{number}"), MAX_VALUE)
        comment = read_comment(check, f"{title}!G{number}", cells[6])
        if actual is None and not comment:
            continue
        check.indicators.append({"group": key[0], "number": key[1], "actual_value": actual,
                                 "comment": comment, "cell": cell})
    if check.executor is None:
        _whole_programme(check, sheet.title, "показників", {
            f"{GROUP_NAMES[group]} {number}" for group, number in expected - seen})
