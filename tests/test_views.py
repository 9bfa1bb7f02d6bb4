"""Explorer views, display tables and charts (the pieces the notebooks call)."""

import matplotlib

matplotlib.use("Agg")

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from zhytomyr_kpi.basics.wording import years_label
from zhytomyr_kpi.views import overview, plots
from zhytomyr_kpi.views.display import table
from zhytomyr_kpi.views.explore import (
    directions_view,
    excel_bytes,
    executor_names,
    matches_number,
    measures_view,
    save_excel,
    select,
    year_over_year,
)
from zhytomyr_kpi.views.explore_widgets import explorer

ROOT = Path(__file__).resolve().parent.parent


def test_measures_view_filters_and_sorts(program):
    view = measures_view(program, section="3", year="2019", sort_by="amount", descending=True)
    assert set(view["Напрям"]) == {"3"}
    assert (view["2019"] > 0).all()
    assert list(view["2019"]) == sorted(view["2019"], reverse=True)
    assert view["№"].iloc[0] == "3.2"
    assert len(measures_view(program)) == len(program.measures)


def test_a_chosen_year_means_that_year(program):
    """With a year chosen: only that year's column, its sum, and «за 2020 рік»."""
    funding = program.funding
    for year in program.years:
        chosen = select(program, section="2", year=year)
        counted = funding[(funding.section == "2") & (funding.year == year)
                          & funding.counts_in_total]
        assert chosen.total_kuah == pytest.approx(float(counted.amount_kuah.sum()))
        assert [c for c in chosen.table.columns if c.isdigit()] == [year]
        assert "Всього" not in chosen.table.columns
        assert f"разом за {year} рік" in chosen.summary
    everything = select(program, section="2")
    assert everything.total_kuah == pytest.approx(float(
        funding[(funding.section == "2") & funding.counts_in_total].amount_kuah.sum()))
    assert years_label(program.years) in everything.summary


def test_sums_never_count_a_parent_and_its_parts(program):
    chosen = select(program, section="3")
    parts = chosen.table[chosen.table["№"].str.startswith("3.2.")]
    assert not parts["Рахується в сумі"].any()
    assert chosen.total_kuah == pytest.approx(float(
        chosen.table.loc[chosen.table["Рахується в сумі"], "Всього"].sum()))


def test_summary_agrees_in_number():
    from zhytomyr_kpi.views.explore import Selection

    one = Selection(pd.DataFrame({"№": ["1"]}), ("2019",), 1234.5)
    assert one.summary == "1\u00a0захід; разом за 2019 рік 1\u00a0234,5\u00a0тис.\u00a0грн"
    assert Selection(pd.DataFrame({"№": list("12")}), ("2019",), 0).summary.startswith(
        "2\u00a0заходи")


def test_search_by_number_finds_the_measure_and_its_parts_only(program):
    assert list(measures_view(program, search="1.8")["№"]) == [
        "1.8", "1.8.1", "1.8.2", "1.8.3", "1.8.4", "1.8.5", "1.8.6", "1.8.7"]
    assert list(measures_view(program, search="3.2.1")["№"]) == ["3.2.1"]  # not 3.2.10-3.2.19
    ids = pd.Series(["3.2.1", "3.2.1.4", "3.2.10", "3.2.19", "3.2"])
    assert list(matches_number(ids, "3.2.1.")) == [True, True, False, False, False]
    # the second printed «3.2.21» is the measure 3.2.31: a printed number finds both, and
    # people see the printed number, the repeat marked with its own id (issue 22)
    assert set(measures_view(program, search="3.2.21")["№"]) == {"3.2.21",
                                                                 "3.2.21 (повтор; 3.2.31)"}
    assert list(measures_view(program, search="3.2.31")["№"]) == ["3.2.21 (повтор; 3.2.31)"]


def test_search_by_word_and_executor(program):
    found = measures_view(program, search="делегац")
    assert set(found["№"]) == {"1.2", "1.3"}
    assert measures_view(program, search="немає такого").empty
    by_executor = measures_view(program, executor="Юридичний департамент міської ради")
    assert list(by_executor["№"]) == ["4.1"]


def test_executor_filter_merges_spellings(program):
    """«…з громадськістю» and «…із громадськістю» are one department with all their measures."""
    names = executor_names(program)
    assert len([n for n in names if "громадськістю" in n]) == 1
    assert len([n for n in names if n.startswith("Управління культури")]) == 1
    assert len([n for n in names if "сім'ї" in n]) == 1
    department = next(n for n in names if "громадськістю" in n)
    spelled = program.measures.executors.str.contains("з громадськістю", regex=False)
    chosen = measures_view(program, executor=department)
    assert set(program.measures.measure_id[spelled]) <= set(chosen["№"])
    assert all(name[0].isupper() for name in names)


def test_directions_view_adds_up_to_the_selection(program):
    top = directions_view(program, year="2019")
    assert top["Заходів"].sum() == len(select(program, year="2019").table)
    assert top["Сума, тис. грн"].sum() == pytest.approx(select(program, year="2019").total_kuah)


def test_year_over_year_change(program):
    yoy = year_over_year(program)
    total = yoy[yoy["Напрям"] == "Разом"].iloc[0]
    first, second = program.years[0], program.years[1]
    assert total[first] == pytest.approx(select(program, year=first).total_kuah)
    expected = (total[second] - total[first]) / total[first] * 100
    assert total[f"{second} до {first}, %"] == pytest.approx(round(expected, 1))
    assert len(year_over_year(program, section="4")) == 1  # one direction: no «Разом» row


def test_excel_export_has_ukrainian_headers_and_text_stays_text(program, tmp_path):
    from io import BytesIO

    from openpyxl import load_workbook

    chosen = select(program, section="4")
    chosen.table.loc[0, "Зміст заходу"] = "=HYPERLINK(\"http://x\",\"y\")"
    sheet = load_workbook(BytesIO(excel_bytes(chosen, program))).worksheets[0]
    assert [c.value for c in sheet[1]] == list(chosen.table.columns)
    assert sheet.max_row == len(chosen.table) + 1
    formula = sheet.cell(2, 3)
    assert formula.data_type == "s" and formula.value.startswith("=HYPERLINK")
    assert sheet.cell(2, 10).value in ("так", "ні")
    path = save_excel(chosen, program, tmp_path)
    assert path.parent == tmp_path and path.suffix == ".xlsx"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    assert excel_bytes(chosen, program) == path.read_bytes()  # deterministic


def test_explorer_reacts_to_filters(program):
    box = explorer(program)
    filters = box.children[1]
    section, year = filters.children[0].children[:2]
    summary = box.children[2]
    section.value = "4"
    year.value = program.years[-1]
    assert summary.value == f"<b>{select(program, section='4', year=program.years[-1]).summary}</b>"


def test_app_notebook_runs_and_has_the_project_kernel():
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(ROOT / "app" / "programme.ipynb", as_version=4)
    assert notebook.metadata.kernelspec.name == "zhytomyr-kpi"
    NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    result = notebook.cells[-1].outputs[-1]
    assert "application/vnd.jupyter.widget-view+json" in result["data"]


@pytest.mark.parametrize("name", ["00_explore", "01_program_overview", "02_data_quality",
                                  "03_spending_efficiency", "04_ratings_progress"])
def test_notebooks_declare_the_project_kernel_and_show_no_codes(name):
    import re

    text = (ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
    import json

    notebook = json.loads(text)
    assert notebook["metadata"]["kernelspec"]["name"] == "zhytomyr-kpi"
    shown = " ".join("".join(o.get("data", {}).get("text/html", "")) + "".join(o.get("text", ""))
                     for cell in notebook["cells"] for o in cell.get("outputs", []))
    codes = r"\b(met|missed|not_comparable|from_decision|inferred|not_found|verified|annex_b|" \
            r"overall|mayor|deputies|differs|not_computable|green|amber|PASS|FAIL|WARN|dtype)\b"
    assert not re.findall(codes, shown)
    assert "&lt;Program" not in shown and "<Program" not in shown


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


def test_explorer_saves_excel_and_reports_a_failed_write_in_one_line(program, tmp_path,
                                                                     monkeypatch):
    from zhytomyr_kpi.views.explore import EXPORT_DIR_ENV

    box = explorer(program)
    save = box.children[1].children[1].children[2].children[0]
    saved = box.children[3]
    assert save.description == "Зберегти в Excel"
    monkeypatch.setenv(EXPORT_DIR_ENV, str(tmp_path / "exports"))
    save.click()
    assert saved.value.startswith("Збережено 79\u00a0рядків")
    assert f'download="заходи_{program.term_label}.xlsx"' in saved.value
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv(EXPORT_DIR_ENV, str(blocked))
    save.click()
    assert saved.value.startswith("Не збережено: ") and "\n" not in saved.value


def test_every_notebook_declares_the_project_kernel():
    import json

    paths = [*sorted((ROOT / "notebooks").glob("*.ipynb")), ROOT / "app" / "programme.ipynb"]
    for path in paths:
        kernelspec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert kernelspec["name"] == "zhytomyr-kpi", path.name
        assert kernelspec["display_name"] == "zhytomyr-kpi (.venv)", path.name


def test_unit_costs_table_speaks_ukrainian(program):
    shown = overview.unit_costs_table(program.efficiency)
    assert shown["Показник"].iloc[0] == "1. на навчальний захід"
    assert not shown["Результат"].isin(["agrees", "differs", "not_stated", "not_computable"]).any()
    assert set(shown["Результат"].dropna()) <= {"збігається", "розбіжність",
                                                "у документі не вказано", "не обчислюється"}


def test_chart_colours_follow_the_programmes_years():
    """No year is named in the charts' code: any term gets light-to-dark shades, one per year."""
    from zhytomyr_kpi.views.plots import year_colours

    assert year_colours(["2018", "2019", "2020"]) == {
        "2018": "#9ecae1", "2019": "#4292c6", "2020": "#08519c"}
    five = year_colours([str(y) for y in range(2021, 2026)])
    assert len(set(five.values())) == 5 and list(five) == [str(y) for y in range(2021, 2026)]
    assert len(year_colours(["2030"])) == 1
