"""The app a colleague can trust (issue 22): totals that are the sums of the rows shown, one
programme total with its reconciliation, the whole programme in tabs, exports that never
overwrite each other, printed numbers, and a server with bounds, in Ukrainian."""

from __future__ import annotations

import asyncio
import json

import pandas as pd
import pytest

from zhytomyr_kpi import serve
from zhytomyr_kpi.basics.paths import PROJECT_ROOT
from zhytomyr_kpi.views import app, overview
from zhytomyr_kpi.views.explore import save_excel, select, shown_path

FILTERS = [dict(search="3.2.1"), dict(search="3.2.21"), dict(section="3"),
           dict(section="3", year="2019", executor="Управління культури"),
           dict(executor="Управління культури"), dict(search="фонтан"), dict(year="2020"), {}]


@pytest.mark.parametrize("filters", FILTERS, ids=[str(f) for f in FILTERS])
def test_every_total_is_the_sum_of_the_rows_shown(program, filters):
    chosen = select(program, **filters)
    amounts = chosen.table[list(chosen.years)].sum(axis=1)
    counted = chosen.table["Рахується в сумі"]
    assert chosen.total_kuah == pytest.approx(float(amounts[counted].sum()))
    # a row left out of the sum is a «в т. ч.» part whose parent is shown too
    shown = set(chosen.table["№"])
    for number in chosen.table.loc[~counted, "№"]:
        assert number.rsplit(".", 1)[0] in shown or "3.2" in shown
    if (~counted).any():
        assert "уже в сумі" in chosen.summary


def test_a_searched_part_counts_and_an_executors_sub_projects_count(program):
    part = select(program, search="3.2.1")
    assert part.total_kuah == pytest.approx(1295.3)
    assert part.summary.replace("\u00a0", " ") == "1 захід; разом за 2018-2020 роки 1 295,3 тис. грн"
    culture = select(program, section="3", year="2019", executor="Управління культури")
    assert culture.table["Рахується в сумі"].all()  # 3.2 (another executor) is not shown
    assert culture.total_kuah == pytest.approx(float(culture.table["2019"].sum()))
    assert culture.total_kuah > 1000  # the sub-projects' money, not 192,8 of 3.4 and 3.5.3


def test_money_by_executor_counts_every_amount_once(program):
    table = overview.money_by_executor(program)
    grand = program.section_totals.query("section == 'total'").set_index("year").computed_kuah
    for year in program.years:
        assert table[year].sum() == pytest.approx(grand[year])
    assert table["Всього"].sum() == pytest.approx(grand["total"])
    assert table["Заходів"].sum() == len(program.measures)
    assert table["Відповідальний виконавець"].is_unique


def test_one_programme_total_with_its_reconciliation(program):
    table = overview.programme_total_reconciliation(program).set_index("Період")
    for row in table.itertuples():
        assert row.Різниця == pytest.approx(row._1 - row._2)  # stated − computed
    assert table.loc["всього", "Зазначено (РАЗОМ)"] == pytest.approx(60443.349)
    assert table.loc["всього", "Сума заходів"] == pytest.approx(60383.349)
    why_2019 = table.loc["2019", "Пояснення"]
    assert "напрям 1, рядок ВСЬОГО" in why_2019 and "+290" in why_2019
    assert "напрям 2, рядок ВСЬОГО" in why_2019 and "+60" in why_2019
    assert table.loc["2018", "Пояснення"] == "збігається"


def test_measures_with_money_outside_their_term_are_listed(program):
    table = overview.money_outside_term(program)
    flagged = program.findings[program.findings.check == "term_vs_money"]
    assert len(table) == len(flagged) > 0
    assert {"1.8.4", "3.3", "4.2"} <= set(table["№"])
    assert table.loc[table["№"] == "1.8.4", "Сума, тис. грн"].iloc[0] == pytest.approx(100.0)


def test_exports_never_overwrite_each_other_and_show_a_name_not_a_path(program, tmp_path):
    culture = select(program, year="2019", executor="Управління культури")
    education = select(program, year="2019", executor="Управління освіти")
    first = save_excel(culture, program, tmp_path)
    second = save_excel(education, program, tmp_path)
    again = save_excel(culture, program, tmp_path)
    assert len({first, second, again}) == 3
    assert first.name == "заходи_2019_Управління-культури.xlsx"
    assert again.name == "заходи_2019_Управління-культури (2).xlsx"
    assert shown_path(first) == first.name  # outside the project: the name alone
    inside = PROJECT_ROOT / "exports" / "x.xlsx"
    assert shown_path(inside) == "exports/x.xlsx"


def test_the_app_covers_the_programme_in_ukrainian_tabs(program):
    box = app.build_app(program)
    tabs = box.children[1]
    assert tuple(tabs.titles) == app.TABS
    for index, page in enumerate(tabs.children):
        tabs.selected_index = index  # a tab is built when it is opened
        assert page.children, app.TABS[index]
    html = json.dumps([str(getattr(w, "value", "")) for w in _widgets(tabs)], ensure_ascii=False)
    for words in ("Загальний обсяг програми", "Кошти за відповідальними виконавцями",
                  "поза їхнім терміном", "Середні видатки", "Рейтинги", "ПРИКЛАД",
                  "Хто подав звіт", "<table"):
        assert words in html, words


def _widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets(child)


def test_the_kernel_manager_refuses_a_kernel_beyond_the_cap(monkeypatch):
    from tornado.web import HTTPError

    from zhytomyr_kpi.serve.kernels import BoundedKernelManager

    manager = BoundedKernelManager(max_kernels=2)
    assert manager.cull_idle_timeout > 0 and not manager.cull_connected
    monkeypatch.setattr(manager, "list_kernel_ids", lambda: ["a", "b"])
    with pytest.raises(HTTPError) as refused:
        asyncio.run(manager.start_kernel())
    assert refused.value.status_code == 503


def test_the_servers_are_configured_in_ukrainian_with_bounds():
    command = serve.app_command(8866)
    assert "--Voila.ip=127.0.0.1" in command
    assert "--template=zhytomyr" in command and "--VoilaExporter.language_code=uk" in command
    assert any(part.endswith("BoundedKernelManager") for part in command)
    office = serve.app_command(8866, host="192.0.2.10", extra=("--token=abc",))
    assert "--Voila.ip=192.0.2.10" in office and "--token=abc" in office
    lab = serve.lab_command(8888, "t")
    assert f"--LabApp.app_settings_dir={serve.LAB_SETTINGS}" in lab
    assert "--MappingKernelManager.default_kernel_name=zhytomyr-kpi" in lab
    overrides = json.loads((serve.LAB_SETTINGS / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "uk_UA"
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    template = serve.APP_JUPYTER_PATH / "voila" / "templates" / "zhytomyr"
    page = "".join(p.read_text(encoding="utf-8") for p in template.glob("*.j2"))
    assert "Завантаження застосунку" in page and "Running" not in page
    error = (template / "error.html").read_text(encoding="utf-8")
    assert "спробуйте за хвилину" in error and "status_message" not in error


def test_lab_is_not_offered_to_the_office_network(capsys):
    with pytest.raises(SystemExit):
        serve.main(["lab", "--office", "192.0.2.10"])
    assert "лише для застосунку" in capsys.readouterr().err


def test_the_reconciliation_frame_has_numbers(program):
    table = overview.programme_total_reconciliation(program)
    assert pd.api.types.is_float_dtype(table["Різниця"])


def test_a_search_reads_task_and_executors_and_an_empty_one_says_so(program):
    by_executor = select(program, search="юридичний департамент")
    assert len(by_executor.table) >= 1
    assert all("юридичний департамент" in e.lower() for e in by_executor.table["Виконавці"])
    nothing = select(program, search="слова-якого-немає")
    assert nothing.table.empty
    assert nothing.summary.startswith("Нічого не знайдено")


def test_the_chart_names_measures_never_draws_a_parent_beside_its_parts(program):
    from zhytomyr_kpi.views import plots

    everything = plots.measures_by_year(select(program).table)
    labels = [t.get_text() for t in everything.axes[0].get_yticklabels()]
    assert any(label.startswith("3.2 ") for label in labels)
    assert not any(label.startswith("3.2.") for label in labels)  # already in 3.2's bar
    assert all(" " in label for label in labels)  # the number and the start of the name
    assert everything.legends  # several years: a legend
    one_year = plots.measures_by_year(select(program, search="3.2.1", year="2019").table)
    assert not one_year.legends and not one_year.axes[0].get_legend()
