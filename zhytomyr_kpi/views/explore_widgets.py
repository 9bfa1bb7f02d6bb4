"""The explorer as ipywidgets controls, for JupyterLab and the Voilà app.

All numbers come from :mod:`zhytomyr_kpi.views.explore` (the static core the tests check); this module
only lays the controls out and redraws. Layout: the filters, the one-line summary and the
chart stay together at the top; the table scrolls in its own box below them, so that choosing a
filter never pushes the chart out of sight. Descriptions have a fixed width wide enough for the
longest Ukrainian label («Виконавець»).

CSS classes (``zk-…``) name the parts that the browser tests read.
"""

from __future__ import annotations

import base64
import io

from zhytomyr_kpi.basics.markup import esc, plain
from zhytomyr_kpi.basics.wording import count, money
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.views.display import table
from zhytomyr_kpi.views.explore import (
    SORT_KEYS,
    Selection,
    directions_view,
    excel_bytes,
    executor_names,
    save_excel,
    section_label,
    select,
    shown_path,
    year_over_year,
)

LABEL_STYLE = {"description_width": "100px"}
#: Tab titles sized to their text (ipywidgets cuts them at 144 px by default);
#: table cells padded (Voilà's page has no notebook styles around the tables).
TAB_CSS = ("<style>.zk-tabs { --jp-widgets-horizontal-tab-width: auto; }"
           ".zk-tabs .lm-TabBar-tab { flex: 0 0 auto !important; padding: 0 16px; }"
           ".zk-tabs table { border-collapse: collapse; }"
           ".zk-tabs td, .zk-tabs th { padding: 3px 10px; }</style>")
PNG_DPI = 100
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def png(figure) -> bytes:
    """A matplotlib figure as PNG bytes (for an Image widget: no output capturing needed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI)
    return buffer.getvalue()


def explorer(program: Program):
    """The interactive explorer: filters (direction, executor, year, search, sort) and the
    chart on top, then the table.

    Tabs: «Заходи» (chart and table), «Напрями» (drill-down: a direction's button shows its
    measures), «Рік до року» (sums per year with % change). «Зберегти в Excel» writes the
    table as shown and offers it for download.
    """
    import ipywidgets as widgets

    from zhytomyr_kpi.views.plots import measures_by_year

    def layout(width: str) -> widgets.Layout:
        return widgets.Layout(width=width)

    sections = sorted(program.measures.section.unique(), key=lambda s: (len(s), s))
    section = widgets.Dropdown(options=[("усі напрями", "")] + [(plain(section_label(s, program)), s)
                                                               for s in sections],
                               description="Напрям", style=LABEL_STYLE, layout=layout("380px"))
    executor = widgets.Dropdown(options=[("будь-який", "")] + [(plain(n), n) for n in
                                                               executor_names(program)],
                                description="Виконавець", style=LABEL_STYLE,
                                layout=layout("540px"))
    year = widgets.Dropdown(options=[(f"усі ({program.term_label})", "")] + [
        (y, y) for y in program.years], description="Рік", style=LABEL_STYLE,
        layout=layout("380px"))
    search = widgets.Text(placeholder="слово або № заходу (3.2.1)", description="Пошук",
                          style=LABEL_STYLE, layout=layout("540px"))
    sort = widgets.Dropdown(options=list(SORT_KEYS.items()), description="Упорядкувати",
                            style=LABEL_STYLE, layout=layout("260px"))
    descending = widgets.Checkbox(value=False, description="за спаданням", indent=False,
                                  layout=layout("120px"))
    save = widgets.Button(description="Зберегти в Excel", icon="download",
                          tooltip="Записати таблицю, як її показано, у файл Excel",
                          layout=layout("180px"))
    save.add_class("zk-save")
    summary = widgets.HTML()
    summary.add_class("zk-summary")
    saved = widgets.HTML()
    saved.add_class("zk-saved")
    chart = widgets.Image(format="png", layout=widgets.Layout(max_width="100%", height="auto",
                                                              align_self="flex-start"))
    chart.add_class("zk-chart")
    rows = widgets.HTML(layout=widgets.Layout(max_height="520px", overflow="auto",
                                              border="1px solid #ddd"))
    rows.add_class("zk-table")
    directions = widgets.VBox()
    directions.add_class("zk-directions")
    yoy = widgets.HTML()
    yoy.add_class("zk-yoy")
    tabs = widgets.Tab(children=[widgets.VBox([chart, rows]), directions, yoy],
                       titles=["Заходи", "Напрями", "Рік до року"])
    tabs.add_class("zk-tabs")
    state: dict[str, Selection] = {}

    def choose_section(value: str):
        def handler(_button):
            section.value = value
            tabs.selected_index = 0
        return handler

    def redraw_directions():
        top = directions_view(program, executor=executor.value, year=year.value or None,
                              search=search.value)
        buttons = []
        for row in top.itertuples():
            label = (f"{plain(row.Напрям)}: {count(row.Заходів, 'захід', 'заходи', 'заходів')}, "
                     f"{money(round(row[4], 3))}")
            button = widgets.Button(description=label, layout=widgets.Layout(width="auto"),
                                    button_style="info" if row.section == section.value else "")
            button.on_click(choose_section(row.section))
            buttons.append(button)
        everything = widgets.Button(description="← усі напрями", layout=layout("auto"))
        everything.on_click(choose_section(""))
        note = widgets.HTML("Оберіть напрям, щоб побачити його заходи на вкладці «Заходи».")
        directions.children = [note, *buttons, everything]

    def refresh(*_):
        chosen = select(program, section=section.value or None, executor=executor.value,
                        year=year.value or None, search=search.value, sort_by=sort.value,
                        descending=descending.value)
        state["selection"] = chosen
        saved.value = ""
        figure = measures_by_year(chosen.table) if len(chosen.table) else None
        chart.value = png(figure) if figure else b""
        chart.layout.width = f"{round(figure.get_figwidth() * PNG_DPI)}px" if figure else None
        chart.layout.display = None if len(chosen.table) else "none"
        rows.value = table(chosen.table, decimals=3, headers=False, name="explorer").to_html()
        yoy.value = table(year_over_year(program, section=section.value or None,
                                         executor=executor.value, search=search.value),
                          decimals=1, headers=False, name="explorer_yoy").to_html()
        redraw_directions()
        summary.value = f"<b>{esc(chosen.summary)}</b>"  # last: the redraw is complete

    def export(_button):
        chosen = state["selection"]
        try:
            path = save_excel(chosen, program)
        except OSError as exc:  # OutputError: one Ukrainian line naming the file
            saved.value = f"Не збережено: {esc(str(exc))}"
            return
        data = base64.b64encode(excel_bytes(chosen, program)).decode()
        saved.value = (f"Збережено {count(len(chosen.table), 'рядок', 'рядки', 'рядків')}: "
                       f"<code>{esc(shown_path(path))}</code> — "
                       f"<a download=\"{esc(path.name)}\" "
                       f"href=\"data:{XLSX_MIME};base64,{data}\">завантажити файл</a>")

    for control in (section, executor, year, search, sort, descending):
        control.observe(refresh, names="value")
    save.on_click(export)
    refresh()
    filters = widgets.HBox([
        widgets.VBox([section, year, widgets.HBox([sort, descending])]),
        widgets.VBox([executor, search, widgets.HBox([save])]),
    ], layout=widgets.Layout(flex_flow="row wrap"))
    return titled_box(widgets, NOT_YET_RUN, [widgets.HTML(TAB_CSS), filters, summary, saved, tabs])


#: What a notebook shows for the explorer before it has been run (its stored plain text).
NOT_YET_RUN = "Дослідження заходів: фільтри, графік і таблиця з’являться, коли зошит виконано."


def titled_box(widgets, text: str, children: list):
    """A VBox whose plain-text form is ``text``: what JupyterLab shows for a stored output
    whose widgets are not running yet, instead of «VBox(children=(HTML(value='<style>…»."""

    class Box(widgets.VBox):
        def __repr__(self) -> str:
            return text

    return Box(children)
