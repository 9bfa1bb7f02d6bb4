"""Exploring the measures: filter by direction, executor, year and text; sort; chart; export.

:func:`select` is the static core: the measures for the given filters, with the sum shown to
people («за 2019 рік» when a year is chosen, «за 2018-2020 роки» otherwise). The notebooks,
the Voilà app and the tests call it; :func:`explorer` wraps it in ipywidgets. Headless (nbval,
the report) the notebooks show the static core, so their stored outputs stay deterministic.

Why the rules below:
- a chosen year means that year: its column, its sum and its chart, not the three-year total;
- executors are departments as the reviewed alias list names them (``executors.py``), so one
  department spelled two ways in the document is one choice in the filter;
- a number searches that measure and its parts (a word: the content, the task, the
  executors and the expected result): «3.2.1» finds 3.2.1 and 3.2.1.x, not 3.2.10;
- every sum is the sum of the rows shown: a «в т. ч.» part counts unless its parent is shown
  too (then the parent holds it, and the summary says so), so a search for «3.2.1» sums 3.2.1
  and an executor's sub-projects count under that executor;
- people see the numbers the document prints (``printed_id``); where the document prints one
  number twice, the repeat is marked and carries its own id («3.2.21 (повтор; 3.2.31)»).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from zhytomyr_kpi.basics.wording import count, money, years_label
from zhytomyr_kpi.document.executors import department_names, parse_executors
from zhytomyr_kpi.document.vocabulary import section_labels
from zhytomyr_kpi.program import Program

#: Sort orders offered to people: label → key (``"amount"`` is the sum of the chosen years).
SORT_KEYS = {"№ у документі": "order", "Сума": "amount", "Зміст": "content"}
#: Ukrainian headers of the explorer's table (also the Excel export's headers).
HEADERS = {"shown_id": "№", "section": "Напрям", "content": "Зміст заходу",
           "executors": "Виконавці", "term": "Термін", "total": "Всього",
           "counts_in_total": "Рахується в сумі"}
COUNTED = HEADERS["counts_in_total"]
_NUMBER_QUERY = re.compile(r"^\d+(?:\.\d+)*\.?$")
#: Where «Зберегти в Excel» writes: ``exports/`` in the project, or the folder named by this
#: environment variable (the browser tests point it at a temporary folder).
EXPORT_DIR_ENV = "ZHYTOMYR_KPI_EXPORT_DIR"


def shown_ids(measures: pd.DataFrame) -> pd.Series:
    """The number people see for each measure: the printed one, and for a number the document
    prints twice, the repeat marked with its own id («3.2.21 (повтор; 3.2.31)»)."""
    repeated = measures.printed_id.duplicated(keep="first")
    return measures.printed_id.where(
        ~repeated, measures.printed_id + " (повтор; " + measures.measure_id + ")")


def measures_money(program: Program) -> pd.DataFrame:
    """One row per measure: id, direction, content, executors, term, one column per year, total."""
    money_by_year = program.funding.pivot(index="measure_id", columns="year", values="amount_kuah")
    measures = program.measures.set_index("measure_id")
    view = pd.DataFrame({
        "measure_id": measures.index,
        "printed_id": measures.printed_id.values,
        "shown_id": shown_ids(program.measures).values,
        "breakdown_of": breakdown_parents(program.measures).values,
        "section": measures.section.values,
        "content": measures.content.values,
        "task": measures.task.values,
        "expected_result": measures.expected_result.values,
        "executors": measures.executors.values,
        "term": measures.term.values,
        "counts_in_total": measures.counts_in_total.values.astype(bool),
    })
    for year in program.years:
        view[year] = money_by_year.reindex(measures.index)[year].values.astype(float)
    view["total"] = measures.total_stated_kuah.values.astype(float)
    view["order"] = range(len(view))
    return view


def breakdown_parents(measures: pd.DataFrame) -> pd.Series:
    """For each measure, the «в т. ч.» parent whose sum holds its money (``None`` for most)."""
    parent_of = dict(zip(measures.measure_id, measures.parent_id, strict=True))
    sums = set(measures.measure_id[measures.is_breakdown_parent])

    def holder(measure_id: str) -> str | None:
        parent = parent_of.get(measure_id)
        while parent is not None and parent not in sums:
            parent = parent_of.get(parent)
        return parent

    return pd.Series([holder(m) for m in measures.measure_id], index=measures.index,
                     dtype="object")


def counted_rows(view: pd.DataFrame) -> pd.Series:
    """Which of the shown rows make their sum: all of them, except a «в т. ч.» part whose
    parent is shown too (the parent already holds its money)."""
    shown = set(view.measure_id)
    return pd.Series([holder is None or holder not in shown for holder in view.breakdown_of],
                     index=view.index, dtype=bool)


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
        words = (view.content.fillna("") + " " + view.task.fillna("") + " "
                 + view.executors.fillna("") + " " + view.expected_result.fillna(""))
        view = view[words.str.contains(query, case=False, regex=False)]
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
    #: «в т. ч.» parents shown together with parts of theirs: the parts are in their sum.
    held_by: tuple[str, ...] = ()

    @property
    def period(self) -> str:
        """«за 2019 рік» or «за 2018-2020 роки»."""
        return years_label(self.years)

    @property
    def summary(self) -> str:
        """One line for people: «12 заходів; разом за 2019 рік 1 234,5 тис. грн», and where
        parts of a shown «в т. ч.» parent are shown too: «складові 3.2.x — уже в сумі 3.2»."""
        if self.table.empty:
            return "Нічого не знайдено: змініть напрям, виконавця, рік або слово пошуку"
        line = (f"{count(len(self.table), 'захід', 'заходи', 'заходів')}; разом {self.period} "
                f"{money(round(self.total_kuah, 3))}")
        held = "; ".join(f"складові {p}.x — уже в сумі {p}" for p in self.held_by)
        return f"{line} ({held})" if held else line

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
    view = view.assign(amount=view[list(years)].sum(axis=1, min_count=1),
                       counts_in_total=counted_rows(view))
    total = float(view.loc[view.counts_in_total, "amount"].sum())
    held_by = tuple(dict.fromkeys(view.breakdown_of[~view.counts_in_total]))
    key = {"order": "order", "amount": "amount", "content": "content"}.get(sort_by, sort_by)
    view = view.sort_values(key, ascending=not descending, kind="stable")
    columns = ["shown_id", "section", "content", "executors", "term", *years]
    if not year:
        columns.append("total")
    table = view[[*columns, "counts_in_total"]].rename(columns=HEADERS).reset_index(drop=True)
    filters = {"section": section, "executor": executor, "year": year, "search": search}
    return Selection(table, years, total, filters, held_by)


def measures_view(program: Program, **filters) -> pd.DataFrame:
    """The table of :func:`select` (Ukrainian headers), for notebooks and tests."""
    return select(program, **filters).table


def executor_names(program: Program) -> list[str]:
    """The departments named among the executors, one name each (the reviewed alias list)."""
    return department_names(program.measures.executors)


def section_label(section: str, program: Program) -> str:
    """«2. Прозорість і підзвітність»: a direction of ``program`` by its number."""
    return section_labels(program.document).get(section, section) if section else ""


def directions_view(program: Program, *, executor: str = "", year: str | None = None,
                    search: str = "") -> pd.DataFrame:
    """Per direction: how many measures the filters keep and their sum (the drill-down's top)."""
    rows = []
    sections = sorted(program.measures.section.unique(), key=lambda s: (len(s), s))
    for section in sections:
        chosen = select(program, section=section, executor=executor, year=year, search=search)
        rows.append({"section": section, "Напрям": section_label(section, program),
                     "Заходів": len(chosen.table), "Сума, тис. грн": chosen.total_kuah})
    return pd.DataFrame(rows)


def year_over_year(program: Program, *, section: str | None = None, executor: str = "",
                   search: str = "") -> pd.DataFrame:
    """Per direction (and in all): each year's sum and its change against the year before, %.

    Counts a parent or its parts, never both. A change from 0 has no percentage («—»).
    """
    view = _filtered(program, section, executor, search)
    view = view[counted_rows(view)]
    years = list(program.years)
    by_section = view.groupby("section")[years].sum()
    by_section = by_section.reindex(sorted(by_section.index, key=lambda s: (len(s), s)))
    labels = [section_label(s, program) for s in by_section.index]
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
            ("Напрям", section_label(filters.get("section") or "", program) or "усі напрями"),
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


def _file_word(text: str, limit: int = 40) -> str:
    """Text as part of a file name: letters, digits and dots, the rest one «-»."""
    return re.sub(r"[^\w.]+", "-", text.strip())[:limit].strip("-.")


def export_name(selection: Selection) -> str:
    """A file name that says what was chosen, filter by filter:
    «заходи_2019_напрям-3_Управління-культури.xlsx» — two choices never share a name."""
    filters = selection.filters
    parts = ["заходи", filters.get("year") or "-".join((selection.years[0], selection.years[-1]))]
    if filters.get("section"):
        parts.append(f"напрям-{filters['section']}")
    if filters.get("executor"):
        parts.append(_file_word(filters["executor"], 60))
    if filters.get("search"):
        parts.append("пошук-" + _file_word(filters["search"], 30))
    return "_".join(p for p in parts if p) + ".xlsx"


def save_excel(selection: Selection, program: Program, folder: Path | None = None) -> Path:
    """Write the chosen table to ``folder`` (default: see ``EXPORT_DIR_ENV``); return the path.

    Never over an earlier export: a name already taken gets « (2)», « (3)», … as a browser's
    downloads do. Written all at once (``safe_io.atomic_write``): a failure leaves no file and
    raises :class:`~zhytomyr_kpi.basics.errors.OutputError` with a one-line Ukrainian message.
    """
    import os

    from zhytomyr_kpi.basics.paths import PROJECT_ROOT
    from zhytomyr_kpi.basics.safe_io import atomic_write

    if folder is None:
        folder = os.environ.get(EXPORT_DIR_ENV) or PROJECT_ROOT / "exports"
    name = export_name(selection)
    target, number = Path(folder) / name, 1
    while target.exists() or target.is_symlink():
        number += 1
        target = Path(folder) / f"{name.removesuffix('.xlsx')} ({number}).xlsx"
    return atomic_write(target, excel_bytes(selection, program))


def shown_path(path: Path) -> str:
    """Where a saved file is, as a colleague finds it: «exports/заходи_2019.xlsx» inside the
    project, else the file's name alone (never the server's full path)."""
    from zhytomyr_kpi.basics.paths import PROJECT_ROOT

    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return Path(path).name


__all__ = ["Selection", "directions_view", "excel_bytes", "executor_names",
           "measures_view", "save_excel", "select", "shown_path", "year_over_year"]
