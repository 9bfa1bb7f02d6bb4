"""Exploring the measures: filter by direction, executor, year and text; sort; chart.

:func:`measures_view` is the static core (a table for the given filters); :func:`explorer`
wraps it in ipywidgets for JupyterLab. Headless (nbval, the report) the notebooks call the
static core, so their stored outputs stay deterministic.
"""

from __future__ import annotations

import pandas as pd

from .labels import SECTION_SHORT
from .numbers import format_uk
from .program import Program

YEAR_COLUMNS = ("2018", "2019", "2020")
SORT_KEYS = {"№ у документі": "order", "Всього": "total", "2018": "2018", "2019": "2019",
             "2020": "2020", "Зміст": "content"}


def measures_money(program: Program) -> pd.DataFrame:
    """One row per measure: id, direction, content, executors, term, 2018-2020 and total."""
    money = program.funding.pivot(index="measure_id", columns="year", values="amount_kuah")
    measures = program.measures.set_index("measure_id")
    view = pd.DataFrame({
        "measure_id": measures.index,
        "section": measures.section.values,
        "content": measures.content.values,
        "executors": measures.executors.values,
        "term": measures.term.values,
        "counts_in_total": measures.counts_in_total.values,
    })
    for year in YEAR_COLUMNS:
        view[year] = money.reindex(measures.index)[year].values
    view["total"] = measures.total_stated_kuah.values
    view["order"] = range(len(view))
    return view


def measures_view(program: Program, *, section: str | None = None, executor: str = "",
                  year: str | None = None, search: str = "", sort_by: str = "order",
                  descending: bool = False) -> pd.DataFrame:
    """Measures filtered and sorted; Ukrainian column names, ready to show.

    ``executor`` and ``search`` match case-insensitively inside the executors and the
    content/id; ``year`` keeps measures with money in that year.
    """
    view = measures_money(program)
    if section:
        view = view[view.section == section]
    if executor:
        view = view[view.executors.str.contains(executor, case=False, regex=False)]
    if search:
        hay = view.measure_id + " " + view.content
        view = view[hay.str.contains(search, case=False, regex=False)]
    if year:
        view = view[view[year].fillna(0) > 0]
    view = view.sort_values(sort_by, ascending=not descending, kind="stable")
    view = view.drop(columns=["order"])
    return view.rename(columns={
        "measure_id": "№", "section": "Напрям", "content": "Зміст заходу",
        "executors": "Виконавці", "term": "Термін", "counts_in_total": "У ВСЬОГО",
        "total": "Всього"}).reset_index(drop=True)


def executor_names(program: Program) -> list[str]:
    """Distinct departments named among the executors (split on commas), sorted."""
    import re

    department = r"(?:управління|відділ|департамент|виконавч|юридичн|планово)"
    names = set()
    for text in program.measures.executors:
        text = text.replace("Розпорядник коштів:", ",")
        parts = re.split(rf",\s*(?={department})", text, flags=re.IGNORECASE)
        parts = [p for part in parts for p in re.split(r"\s+(?=(?:Управління|Відділ) )", part)]
        for part in parts:
            part = part.strip(" .,")
            if len(part) > 3:
                names.add(part[0].upper() + part[1:])
    return sorted(names)


def explorer(program: Program):
    """An interactive explorer (ipywidgets): filters, search, sort, the table and a chart."""
    import ipywidgets as widgets
    from IPython.display import display

    from .display import table
    from .plots import measures_by_year

    section = widgets.Dropdown(options=[("усі напрями", "")] + [
        (f"{s}. {SECTION_SHORT[s]}", s) for s in ("1", "2", "3", "4")], description="Напрям")
    executor = widgets.Combobox(options=executor_names(program), placeholder="будь-який",
                                description="Виконавець", ensure_option=False)
    year = widgets.Dropdown(options=[("будь-який", "")] + [(y, y) for y in YEAR_COLUMNS],
                            description="Кошти у")
    search = widgets.Text(placeholder="слово або № заходу", description="Пошук")
    sort = widgets.Dropdown(options=list(SORT_KEYS.items()), description="Сортувати")
    descending = widgets.Checkbox(value=False, description="за спаданням")
    out = widgets.Output()

    def refresh(*_):
        view = measures_view(program, section=section.value or None, executor=executor.value,
                             year=year.value or None, search=search.value,
                             sort_by=sort.value, descending=descending.value)
        out.clear_output(wait=True)
        with out:
            counted = view.loc[view["У ВСЬОГО"], "Всього"].sum()
            print(f"Заходів: {len(view)}; разом {format_uk(round(counted, 3))} тис. грн "
                  "(без складових «в т. ч.», щоб не рахувати двічі)")
            display(table(view, decimals=3, headers=False, name="explorer"))
            if len(view):
                display(measures_by_year(view))

    for control in (section, executor, year, search, sort, descending):
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([section, year]), widgets.HBox([executor, search]),
                         widgets.HBox([sort, descending]), out])
