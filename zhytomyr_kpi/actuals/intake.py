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
from pathlib import Path

from zhytomyr_kpi.actuals.cells import (  # noqa: F401  (Check and the limits: the intake's API)
    FORMULA_TRIGGERS,
    MAX_AMOUNT,
    MAX_COMMENT,
    MAX_VALUE,
    Check,
    read_comment,
    read_number,
    read_state,
    safe_text,
)
from zhytomyr_kpi.actuals.cells import excerpt_of as _shown
from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.package import MAX_COLUMNS, MAX_ROWS, read_package
from zhytomyr_kpi.actuals.template import (
    EXAMPLE_MARK,
    GROUP_NAMES,
    INDICATOR_HEADERS,
    MEASURE_HEADERS_BY_VERSION,
    META_KEYS,
    META_LABELS,
    NOT_TO_FILL,
    QUALITY_COLUMNS,
    SHEET_INDICATORS,
    SHEET_INFO,
    SHEET_MEASURES,
    SHEET_META,
    TEMPLATE_VERSION,
    departments,
    period_label,
    template_indicators,
    template_measures,
)
from zhytomyr_kpi.basics.wording import number as uk_number
from zhytomyr_kpi.document.executors import match_department
from zhytomyr_kpi.tables.programme import ProgrammeTables

# ---------------------------------------------------------------- the service sheet


def _service(check: Check, program: ProgrammeTables, book) -> bool:
    """Check the service sheet against what the template writes; fill the period and who."""
    sheet = book[SHEET_META]
    found = {}
    for number, key in enumerate(META_KEYS, start=1):
        name = sheet.cell(number, 1).value
        if name not in (META_LABELS[key], key):
            check.error(f"{SHEET_META}!A{number}", f"службовий аркуш змінено: очікується "
                                                   f"«{META_LABELS[key]}», "
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
