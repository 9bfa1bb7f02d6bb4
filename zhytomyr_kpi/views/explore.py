"""Exploring the measures: filter by direction, executor, year and text; sort; chart; export.

:func:`select` is the static core: the measures for the given filters, with the sum shown to
people («за 2019 рік» when a year is chosen, «за 2018-2020 роки» otherwise). The notebooks,
the Voilà app and the tests call it; :func:`explorer` wraps it in ipywidgets. Headless (nbval,
the report) the notebooks show the static core, so their stored outputs stay deterministic.

Why the rules below:
- a chosen year means that year: its column, its sum and its chart, not the three-year total;
- executors are departments as the reviewed alias list names them (``executors.py``), so one
  department spelled two ways in the document is one choice in the filter;
- a number searches that measure and its parts: «3.2.1» finds 3.2.1 and 3.2.1.x, not 3.2.10;
- sums count a parent or its parts, never both (``counts_in_total``), like the document's ВСЬОГО.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from zhytomyr_kpi.basics.wording import count, money, years_label
from zhytomyr_kpi.document.executors import department_names, parse_executors
from zhytomyr_kpi.document.vocabulary import SECTION_SHORT
from zhytomyr_kpi.program import Program

#: Sort orders offered to people: label → key (``"amount"`` is the sum of the chosen years).
SORT_KEYS = {"№ у документі": "order", "Сума": "amount", "Зміст": "content"}
#: Ukrainian headers of the explorer's table (also the Excel export's headers).
HEADERS = {"measure_id": "№", "section": "Напрям", "content": "Зміст заходу",
           "executors": "Виконавці", "term": "Термін", "total": "Всього",
           "counts_in_total": "Рахується в сумі"}
COUNTED = HEADERS["counts_in_total"]
_NUMBER_QUERY = re.compile(r"^\d+(?:\.\d+)*\.?$")
#: Where «Зберегти в Excel» writes: ``exports/`` in the project, or the folder named by this
#: environment variable (the browser tests point it at a temporary folder).
EXPORT_DIR_ENV = "ZHYTOMYR_KPI_EXPORT_DIR"


def measures_money(program: Program) -> pd.DataFrame:
    """One row per measure: id, direction, content, executors, term, one column per year, total."""
    money_by_year = program.funding.pivot(index="measure_id", columns="year", values="amount_kuah")
    measures = program.measures.set_index("measure_id")
    view = pd.DataFrame({
        "measure_id": measures.index,
        "printed_id": measures.printed_id.values,
        "section": measures.section.values,
        "content": measures.content.values,
        "executors": measures.executors.values,
        "term": measures.term.values,
        "counts_in_total": measures.counts_in_total.values.astype(bool),
    })
    for year in program.years:
        view[year] = money_by_year.reindex(measures.index)[year].values.astype(float)
    view["total"] = measures.total_stated_kuah.values.astype(float)
    view["order"] = range(len(view))
    return view


def matches_number(ids: pd.Series, query: str) -> pd.Series:
    """True where an id is ``query`` or one of its parts («3.2.1» → 3.2.1, 3.2.1.4; not 3.2.10)."""
    wanted = query.strip().rstrip(".")
    ids = ids.astype(str).str.rstrip(".")
    return (ids == wanted) | ids.str.startswith(wanted + ".")


def _filtered(program: Program, section: str | None, executor: str, search: str) -> pd.DataFrame:
    view = measures_money(program)
    if section:
        view = view[view.section == section]
    if executor:
        involved = [executor in parse_executors(text).all for text in view.executors]
        view = view[pd.Series(involved, index=view.index, dtype=bool)]
    query = search.strip()
    if query and _NUMBER_QUERY.match(query):
        view = view[matches_number(view.measure_id, query) | matches_number(view.printed_id, query)]
    elif query:
        view = view[view.content.str.contains(query, case=False, regex=False)]
    return view


@dataclass(frozen=True)
class Selection:
    """The measures chosen by the filters, as shown to people.

    ``table`` has Ukrainian headers: №, Напрям, Зміст заходу, Виконавці, Термін, one column per
    shown year (and «Всього» when all years are shown), «Рахується в сумі».
    """

    table: pd.DataFrame
    years: tuple[str, ...]
    total_kuah: float
    filters: dict = field(default_factory=dict)

    @property
    def period(self) -> str:
        """«за 2019 рік» or «за 2018-2020 роки»."""
        return years_label(self.years)

    @property
    def summary(self) -> str:
        """One line for people: «12 заходів; разом за 2019 рік 1 234,5 тис. грн»."""
        return (f"{count(len(self.table), 'захід', 'заходи', 'заходів')}; разом {self.period} "
                f"{money(round(self.total_kuah, 3))}")

    @property
    def amount_columns(self) -> list[str]:
        return list(self.years) + (["Всього"] if len(self.years) > 1 else [])


def select(program: Program, *, section: str | None = None, executor: str = "",
           year: str | None = None, search: str = "", sort_by: str = "order",
           descending: bool = False) -> Selection:
    """The measures for the filters; the sum of the chosen year (or of all years).

    ``executor`` is a department as :func:`executor_names` lists it; ``search`` is a measure
    number (that measure and its parts) or a word in the content (any case). A chosen
    ``year`` keeps the measures with money in that year and shows only that year.
    """
    if year and year not in program.years:
        raise ValueError(f"рік {year} не входить до строку програми ({program.term_label})")
    view = _filtered(program, section, executor, search)
    years = (year,) if year else tuple(program.years)
    if year:
        view = view[view[year].fillna(0) > 0]
    view = view.assign(amount=view[list(years)].sum(axis=1, min_count=1))
    total = float(view.loc[view.counts_in_total, "amount"].sum())
    key = {"order": "order", "amount": "amount", "content": "content"}.get(sort_by, sort_by)
    view = view.sort_values(key, ascending=not descending, kind="stable")
    columns = ["measure_id", "section", "content", "executors", "term", *years]
    if not year:
        columns.append("total")
    table = view[[*columns, "counts_in_total"]].rename(columns=HEADERS).reset_index(drop=True)
    filters = {"section": section, "executor": executor, "year": year, "search": search}
    return Selection(table, years, total, filters)


def measures_view(program: Program, **filters) -> pd.DataFrame:
    """The table of :func:`select` (Ukrainian headers), for notebooks and tests."""
    return select(program, **filters).table


def executor_names(program: Program) -> list[str]:
    """The departments named among the executors, one name each (the reviewed alias list)."""
    return department_names(program.measures.executors)


def section_label(section: str) -> str:
    return f"{section}. {SECTION_SHORT.get(section, '')}".rstrip(". ") if section else ""


def directions_view(program: Program, *, executor: str = "", year: str | None = None,
                    search: str = "") -> pd.DataFrame:
    """Per direction: how many measures the filters keep and their sum (the drill-down's top)."""
    rows = []
    sections = sorted(program.measures.section.unique(), key=lambda s: (len(s), s))
    for section in sections:
        chosen = select(program, section=section, executor=executor, year=year, search=search)
        rows.append({"section": section, "Напрям": section_label(section),
                     "Заходів": len(chosen.table), "Сума, тис. грн": chosen.total_kuah})
    return pd.DataFrame(rows)


def year_over_year(program: Program, *, section: str | None = None, executor: str = "",
                   search: str = "") -> pd.DataFrame:
    """Per direction (and in all): each year's sum and its change against the year before, %.

    Counts a parent or its parts, never both. A change from 0 has no percentage («—»).
    """
    view = _filtered(program, section, executor, search)
    view = view[view.counts_in_total]
    years = list(program.years)
    by_section = view.groupby("section")[years].sum()
    by_section = by_section.reindex(sorted(by_section.index, key=lambda s: (len(s), s)))
    labels = [section_label(s) for s in by_section.index]
    if len(by_section) != 1:
        by_section.loc["total"] = by_section.sum()
        labels.append("Разом")
    table = pd.DataFrame({"Напрям": labels})
    for year in years:
        table[year] = by_section[year].values
    for previous, current in itertools.pairwise(years):
        before, after = by_section[previous].values, by_section[current].values
        change = [(a - b) / b * 100 if b else None for a, b in zip(after, before, strict=True)]
        table[f"{current} до {previous}, %"] = pd.array(change, dtype="Float64").round(1)
    return table


def excel_bytes(selection: Selection, program: Program) -> bytes:
    """The chosen table as an Excel workbook: Ukrainian headers, text kept as text.

    A cell that starts with «=» (or «+», «-», «@») stays the words it is: every text cell is
    written as a string, never as a formula. A second sheet says which filters made the table.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from zhytomyr_kpi.tables.excel import cell_text, deterministic_bytes, store_text_as_text

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Заходи"
    table = selection.table
    sheet.append(list(table.columns))
    widths = {"№": 9, "Напрям": 8, "Зміст заходу": 60, "Виконавці": 40, "Термін": 11}
    for row_number, row in enumerate(table.itertuples(index=False), start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column)
            if value is None or (isinstance(value, float) and pd.isna(value)):
                continue
            if isinstance(value, bool):
                cell.value = "так" if value else "ні"
                cell.data_type = "s"
            elif isinstance(value, int | float):
                cell.value = float(value)
                cell.number_format = "#,##0.0##"
            else:
                cell.value = cell_text(str(value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = widths.get(name, 13)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{max(sheet.max_row, 1)}"
    about = workbook.create_sheet("Вибірка")
    filters = selection.filters
    rows = (("Документ", program.path.name),
            ("Напрям", section_label(filters.get("section") or "") or "усі напрями"),
            ("Виконавець", filters.get("executor") or "будь-який"),
            ("Рік", filters.get("year") or f"усі ({program.term_label})"),
            ("Пошук", filters.get("search") or "—"),
            ("Підсумок", selection.summary.replace("\u00a0", " ")),
            ("Примітка", "складові «в т. ч.» не додано до суми вдруге (стовпець «Рахується в сумі»)"))
    for row_number, (label, value) in enumerate(rows, start=1):
        about.cell(row_number, 1, label).font = Font(bold=True)
        about.cell(row_number, 2).value = cell_text(str(value))
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 90
    store_text_as_text(workbook)
    return deterministic_bytes(workbook)


def export_name(selection: Selection) -> str:
    """A file name that says what was chosen: «заходи_2019_напрям-3.xlsx»."""
    filters = selection.filters
    parts = ["заходи", filters.get("year") or "-".join((selection.years[0], selection.years[-1]))]
    if filters.get("section"):
        parts.append(f"напрям-{filters['section']}")
    if filters.get("search"):
        parts.append(re.sub(r"[^\w.]+", "-", filters["search"].strip())[:30].strip("-"))
    if filters.get("executor"):
        parts.append("виконавець")
    return "_".join(p for p in parts if p) + ".xlsx"


def save_excel(selection: Selection, program: Program, folder: Path | None = None) -> Path:
    """Write the chosen table to ``folder`` (default: see ``EXPORT_DIR_ENV``); return the path.

    Written all at once (``safe_io.atomic_write``): a failure leaves the old file or none, and
    raises :class:`~zhytomyr_kpi.basics.errors.OutputError` with a one-line Ukrainian message.
    """
    import os

    from zhytomyr_kpi.basics.paths import PROJECT_ROOT
    from zhytomyr_kpi.basics.safe_io import atomic_write

    if folder is None:
        folder = os.environ.get(EXPORT_DIR_ENV) or PROJECT_ROOT / "exports"
    return atomic_write(Path(folder) / export_name(selection), excel_bytes(selection, program))


__all__ = ["Selection", "directions_view", "excel_bytes", "executor_names",
           "measures_view", "save_excel", "select", "year_over_year"]
