"""Explorer views, display tables and charts (the pieces the notebooks call)."""

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.figure import Figure

from zhytomyr_kpi import overview, plots
from zhytomyr_kpi.display import table
from zhytomyr_kpi.explore import executor_names, explorer, measures_view


def test_measures_view_filters_and_sorts(program):
    view = measures_view(program, section="3", year="2019", sort_by="total", descending=True)
    assert set(view["Напрям"]) == {"3"}
    assert (view["2019"] > 0).all()
    assert list(view["Всього"]) == sorted(view["Всього"], reverse=True)
    assert view["№"].iloc[0] == "3.2"
    assert len(measures_view(program)) == len(program.measures)


def test_measures_view_search_and_executor(program):
    found = measures_view(program, search="делегац")
    assert set(found["№"]) == {"1.2", "1.3"}
    by_executor = measures_view(program, executor="юридичний")
    assert list(by_executor["№"]) == ["4.1"]
    assert measures_view(program, search="немає такого").empty


def test_executor_names_are_departments(program):
    names = executor_names(program)
    assert "Управління капітального будівництва" in names
    assert "Управління сім'ї, молоді та спорту" in names  # the comma inside a name is kept
    assert all(name[0].isupper() for name in names)


def test_explorer_reacts_to_filters(program):
    box = explorer(program)
    section = box.children[0].children[0]
    section.value = "4"  # must refresh without error
    assert section.value == "4"


def test_display_tables_are_deterministic_and_ukrainian(program):
    first = table(overview.resources_table(program), name="r").to_html()
    second = table(overview.resources_table(program), name="r").to_html()
    assert first == second
    assert "60 443,349" in first and "Джерело" in first


def test_overview_tables(program):
    sections = overview.section_totals_table(program)
    assert list(sections.columns) == ["Напрям", "2018", "2019", "2020", "Всього"]
    assert sections.iloc[-1]["Всього"] == pytest.approx(60443.349)
    findings = overview.findings_table(program, check="section_total")
    assert findings["Рядок документа"].str.startswith("ВСЬОГО").all()
    assert len(overview.efficiency_table(program)) == 28


def test_uk_tick_formatter():
    assert plots.uk_formatter(0)(15000, 0) == "15 000"
    assert plots.uk_formatter(1)(2.5, 0) == "2,5"


@pytest.mark.parametrize("make", [
    lambda p: plots.funding_by_direction(p.section_totals),
    lambda p: plots.largest_measures(p.measures),
    lambda p: plots.participatory_budget(p.measures, p.funding),
    lambda p: plots.unit_costs(p.efficiency),
    lambda p: plots.measures_by_year(measures_view(p, section="1")),
])
def test_charts_have_ukrainian_titles(program, make):
    fig = make(program)
    assert isinstance(fig, Figure)
    title = fig._suptitle.get_text()
    assert title and any("а" <= ch <= "я" for ch in title.lower())
    assert fig.get_figwidth() == pytest.approx(plots.A4_WIDTH_IN)
