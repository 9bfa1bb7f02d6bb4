"""The no-code app for colleagues (Voilà): the whole programme, one tab per question.

Tabs, in the order a colleague asks: «Дослідження заходів» (the explorer), «Огляд програми»
(what was read, one programme total with its reconciliation, Table 6.1, the directions),
«Перевірки» (every check and what it found, with the document's line), «Кошти за
виконавцями», «Кошти поза строком», «Середні видатки» (stated vs recomputed), «Рейтинги»
(targets against published results), «План і факт» (the executors' figures and who has
reported; the marked example set while no real reports are in the store), «Портфель програм»
(every programme of the project: term, money, execution, findings, indicators reached).

A tab is built when it is first opened, so the app starts as fast as the explorer alone.
CSS classes (``zk-…``) name the parts that the browser tests read.
"""

from __future__ import annotations

from zhytomyr_kpi.basics.markup import esc
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.views import overview
from zhytomyr_kpi.views.display import table
from zhytomyr_kpi.views.explore_widgets import PNG_DPI, TAB_CSS, explorer, png, titled_box

#: Tab titles, in order (the browser tests find the tabs by these words).
TABS = ("Дослідження заходів", "Огляд програми", "Перевірки", "Кошти за виконавцями",
        "Кошти поза строком", "Середні видатки", "Рейтинги", "План і факт", "Портфель програм")
EXAMPLE_NOTE = ("<p class='zk-example'><b>ПРИКЛАД.</b> Справжніх звітів виконавців у сховищі "
                "ще немає: нижче — вигаданий повний набір звітів, щоб показати, як виглядатиме "
                "аналіз. Ці числа не є даними програми.</p>")


def _html_table(frame, name: str, caption: str, decimals: int | None = 3):
    import ipywidgets as widgets

    box = widgets.HTML(f"<h4>{esc(caption)}</h4>"
                       + table(frame, name=name, headers=False, decimals=decimals).to_html())
    box.add_class(f"zk-{name.replace('_', '-')}")
    return box


def overview_tab(program: Program):
    """What was read, the programme total reconciled, Table 6.1, the directions and a chart."""
    import ipywidgets as widgets

    from zhytomyr_kpi.views.plots import funding_by_direction

    figure = funding_by_direction(program.section_totals)
    chart = widgets.Image(value=png(figure), format="png", layout=widgets.Layout(
        width=f"{round(figure.get_figwidth() * PNG_DPI)}px", max_width="100%", height="auto"))
    return widgets.VBox([
        _html_table(overview.program_summary(program), "app_summary", "Що прочитано з рішення"),
        _html_table(overview.programme_total_reconciliation(program), "app_total",
                    "Загальний обсяг програми: зазначено в рішенні, сума заходів і різниця, "
                    "тис. грн"),
        _html_table(overview.resources_table(program), "app_resources",
                    "Ресурсне забезпечення (таблиця 6.1), тис. грн"),
        _html_table(overview.section_totals_table(program), "app_sections",
                    "Напрями і роки (рядки ВСЬОГО додатка А), тис. грн"),
        chart,
    ])


def checks_tab(program: Program):
    """Every check with its verdict, then the errors and warnings with the document's line."""
    import ipywidgets as widgets

    return widgets.VBox([
        _html_table(overview.checks_table(program), "app_checks", "Перевірки документа"),
        _html_table(overview.findings_table(program, severities=("error", "warning")),
                    "app_findings", "Невідповідності: помилки й попередження з рядком рішення"),
    ])


def executors_tab(program: Program):
    import ipywidgets as widgets

    note = widgets.HTML("<p>Кошти кожного заходу враховано один раз — за відповідальним "
                        "виконавцем (розпорядник коштів, а якщо його не названо, перший у "
                        "переліку); кошти субпроєктів «в т. ч.» — за виконавцем субпроєкту, а "
                        "за батьківським заходом лише решта. Суми стовпців дорівнюють сумі "
                        "заходів програми.</p>")
    return widgets.VBox([note, _html_table(overview.money_by_executor(program), "app_executors",
                                           "Кошти за відповідальними виконавцями, тис. грн")])


def outside_term_tab(program: Program):
    frame = overview.money_outside_term(program)
    caption = ("Заходи, кошти яких заплановано поза їхнім терміном виконання"
               if len(frame) else "Заходів із коштами поза терміном виконання немає")
    return _html_table(frame, "app_outside_term", caption)


def efficiency_tab(program: Program):
    import ipywidgets as widgets

    return widgets.VBox([
        _html_table(overview.efficiency_names_table(program), "app_efficiency_names",
                    "Показники ефективності додатка Б"),
        _html_table(overview.efficiency_table(program, "plan"), "app_efficiency",
                    "Середні видатки: зазначено в додатку Б і обчислено (затрати ÷ продукт)"),
    ])


def ratings_tab(program: Program):
    return _html_table(overview.ratings_table(program), "app_ratings",
                       "Рейтинги: цілі програми проти опублікованих результатів", decimals=2)


def execution_tab(program: Program):
    """Plan vs actual of the programme's last year with reports, and who has reported."""
    import ipywidgets as widgets

    from zhytomyr_kpi.actuals import example_store
    from zhytomyr_kpi.actuals.status import reporting_status, status_view
    from zhytomyr_kpi.program import load_program

    shown, note = program, ""
    if program.actuals.empty:
        shown = load_program(program.path, actuals=example_store(program))
        note = EXAMPLE_NOTE
    year = max(shown.actuals.year) if len(shown.actuals) else program.years[-1]
    return widgets.VBox([
        widgets.HTML(note),
        _html_table(overview.execution_table(shown, year, level="direction"), "app_execution",
                    f"План і факт за {year} рік за напрямами, тис. грн", decimals=1),
        _html_table(status_view(reporting_status(shown, year)), "app_status",
                    f"Хто подав звіт за {year} рік"),
    ])


def portfolio_tab(program: Program):
    """Every programme of the project, one line each (:mod:`zhytomyr_kpi.views.portfolio`)."""
    from zhytomyr_kpi.views.portfolio import portfolio, portfolio_frame

    return _html_table(portfolio_frame(portfolio()), "app_portfolio",
                       "Портфель: усі програми проєкту (кошти заходів, тис. грн)", decimals=None)


BUILDERS = (explorer, overview_tab, checks_tab, executors_tab, outside_term_tab,
            efficiency_tab, ratings_tab, execution_tab, portfolio_tab)


def build_app(program: Program):
    """The app's tabs (see the module doc); each built the first time it is opened."""
    import ipywidgets as widgets

    pages = [widgets.VBox() for _ in TABS]
    tabs = widgets.Tab(children=pages, titles=list(TABS))
    tabs.add_class("zk-tabs")
    tabs.add_class("zk-app")

    def show(index: int) -> None:
        if index is not None and not pages[index].children:
            pages[index].children = [BUILDERS[index](program)]

    tabs.observe(lambda change: show(change["new"]), names="selected_index")
    show(0)
    return titled_box(widgets, "Застосунок програми: вкладки з’являться, коли його запущено.",
                      [widgets.HTML(TAB_CSS), tabs])
