"""The report's sections as HTML, in the order a council expects (section 8 of the decision).

Each function returns one section's HTML; :mod:`.document` puts them together and the
report notebook displays the same sections for the audit trail. Nothing here names a file,
a hash, a command or a code: those stay in the executed notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS, STATUS_LABELS, TARGET_SOURCE_LABELS
from zhytomyr_kpi.basics.wording import NBSP, count, money
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report import (
    conclusions,
    costs,
    execution,
    final,
    inconsistencies,
    indicators,
)
from zhytomyr_kpi.report.edition import (  # noqa: F401 (re-exported for the other sections)
    council,
    decision_reference,
    earlier_edition,
    edition_row,
    ground,
    prepared_by,
    programme_name,
)
from zhytomyr_kpi.report.markup import (
    DASH,
    NOT_GIVEN,
    Cell,
    Table,
    d,
    esc,
    kuah,
    kuah_dev,
    n,
    num,
    p,
    pct,
    top,
    ul,
)
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings


@dataclass
class ReportData:
    """Everything the sections need for one period, computed once."""

    program: Program
    period: Period
    settings: ReportSettings
    made_on: date | None = None
    example: bool = False
    lines: list[execution.MeasureLine] = field(default_factory=list)
    indicators: dict[str, dict[str, list[indicators.IndicatorLine]]] = field(
        default_factory=dict)
    inconsistencies: list[inconsistencies.Inconsistency] = field(default_factory=list)
    yearly: dict[str, list[execution.MeasureLine]] = field(default_factory=dict)


def prepare(program: Program, period: Period, settings: ReportSettings,
            made_on: date | None = None, example: bool | None = None) -> ReportData:
    lines = execution.measure_lines(program, period, settings)
    data = ReportData(
        program, period, settings, settings.date_for(period.key, made_on),
        execution.is_example(program, period) if example is None else example, lines,
        {year: indicators.indicator_lines(program, year) for year in period.years},
        inconsistencies.of_period(inconsistencies.collect(program), period))
    if period.is_final:
        from zhytomyr_kpi.report.periods import period as one

        data.yearly = {year: execution.measure_lines(program, one(year, program.years),
                                                     settings) for year in period.years}
    return data


def _date(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else "«____» ______________ 20____ р."


def section(title: str, body: str, cls: str = "") -> str:
    return f'<section class="report-section {cls}"><h2>{title}</h2>{body}</section>'


# ---------------------------------------------------------------- title and summary


def title_page(data: ReportData) -> str:
    program, period, settings = data.program, data.period, data.settings
    example = ('<p class="example-note">ПРИКЛАД: звіт побудовано на вигаданих даних '
               "виконавців, щоб показати форму звіту до надходження справжніх звітів. "
               "Числа фактичного виконання в ньому не є звітними.</p>") if data.example else ""
    return f"""<section class="title-page">
<p class="council">{esc(council(program, settings))}</p>
<h1>{esc(period.title)}</h1>
<p class="programme">{esc(programme_name(program, settings))}</p>
<table class="meta"><caption>Відомості про звіт</caption>
<tr><th scope="row">Підстава</th><td>{esc(ground(program, settings))};
розділ 8 Програми «Координація та контроль за ходом виконання Програми»</td></tr>
<tr><th scope="row">Звітний період</th><td>{esc(period.label)}</td></tr>{edition_row(program, period)}
<tr><th scope="row">Підготовлено</th><td>{esc(prepared_by(data.program, settings)) or "_" * 30}</td></tr>
<tr><th scope="row">Дата складання</th><td>{_date(data.made_on)}</td></tr>
</table>{example}</section>"""


def summary(data: ReportData) -> str:
    """«Висновок»: 4-6 plain sentences on one page."""
    program, period = data.program, data.period
    sentences = [
        conclusions.money_sentence(program, period, data.lines, data.example),
        conclusions.bases_sentence(program, period, data.lines),
        conclusions.over_sentence(data.lines),
        conclusions.work_sentence(data.lines) if execution.has_actuals(data.lines) else "",
        conclusions.indicators_sentence(data.indicators),
        conclusions.ratings_sentence(program, period),
    ]
    if period.is_final:
        sentences.append(final.headline(program, period))
    sentences.append(conclusions.errors_sentence(data.inconsistencies))
    sentences.append(conclusions.overall(data.lines, data.settings, period))
    body = "".join(p(s) for s in sentences if s)
    return section("Висновок", body, "summary")


# ---------------------------------------------------------------- measures


MEASURE_HEADERS = [[("№", 1, 2), ("Захід", 1, 2), ("Виконавець", 1, 2),
                    ("Передбачено, тис.&nbsp;грн", 1, 2),
                    ("Фактично профінансовано, тис.&nbsp;грн", 1, 2), ("Відхилення", 2, 1),
                    ("Стан виконання: за коштами / за звітом виконавця", 1, 2),
                    ("Пояснення причин відхилення", 1, 2)],
                   [("тис.&nbsp;грн", 1, 1), ("%", 1, 1)]]
MEASURE_WIDTHS = ["4.5%", "22%", "13%", "10.5%", "11%", "8.5%", "7%", "10.5%", "13%"]


def _measure_row(table: Table, line: execution.MeasureLine,
                 shown: dict[str, str] | None = None) -> None:
    """One measure; its task and expected result only where they change from the measure
    above (a task of the decision covers several measures), its term always."""
    part = not line.counts_in_total and line.parent_id
    name = ("в т. ч. " if part else "") + esc(line.name)
    shown = {} if shown is None else shown
    facts = []
    if line.task and line.task != line.name and shown.get("task") != line.task:
        facts.append(f"завдання: {esc(line.task)}")
    if line.term:
        facts.append(f"строк: {esc(line.term)}")
    if line.expected and shown.get("expected") != line.expected:
        facts.append(f"очікуваний результат: {esc(line.expected)}")
    shown.update(task=line.task, expected=line.expected)
    if facts:
        name += '<br><span class="measure-facts">' + "; ".join(facts) + "</span>"
    state = esc(line.state) + "<br>" + esc(line.work_words)
    if line.work_note:
        state += f'<br><span class="measure-facts">{esc(line.work_note)}</span>'
    plan = kuah(line.plan, missing="не визначено")
    actual = kuah(line.actual)
    comment = esc(line.comment) if line.comment else (NOT_GIVEN if line.actual is None else DASH)
    table.add(Cell(esc(line.measure_id)), Cell(name), Cell(esc("; ".join(line.executors)) or DASH),
              plan, actual, kuah_dev(line.deviation), Cell(pct(line.deviation_pct, sign=True),
                                                    numeric=True),
              Cell(state), Cell(comment), cls="part" if part else "")


def _total_row(table: Table, total: execution.Subtotal, cls: str) -> None:
    pct_text = DASH if total.execution_pct is None else pct(total.execution_pct - 100, sign=True)
    note = "" if total.actual is None or total.reported == total.measures else \
        f"звітували щодо {total.reported} з {total.measures}"
    table.add(Cell(esc(total.label), colspan=3), kuah(total.plan), kuah(total.actual),
              kuah_dev(total.deviation), Cell(pct_text, numeric=True),
              Cell(pct(total.execution_pct) if total.execution_pct is not None else DASH),
              Cell(note or DASH), cls=cls)


def measures_section(data: ReportData, chart: str = "") -> str:
    program, period = data.program, data.period
    titles = program.section_totals.drop_duplicates("section").set_index("section").title
    table = Table(f"Виконання заходів Програми {period.in_words}, тис. грн", MEASURE_HEADERS,
                  cls="measures", widths=MEASURE_WIDTHS)
    groups = execution.by_direction(data.lines)
    for section_id, lines in groups.items():
        table.group(f"Напрям {esc(section_id)}. {esc(titles.get(section_id, ''))}", 9)
        shown: dict[str, str] = {}
        for line in lines:
            _measure_row(table, line, shown)
        _total_row(table, execution.subtotal(lines, f"Разом за напрямом {section_id}"),
                   "subtotal")
    _total_row(table, execution.subtotal(data.lines, "Разом за Програмою"), "total")
    reported = execution.has_actuals(data.lines)
    notes = [
        "Передбачено — кошти додатка А на звітний період; фактично профінансовано — за звітами "
        "виконавців. Відхилення = фактично − передбачено; у відсотках — від передбаченого.",
        "Складові «в т. ч.» входять до свого заходу і в підсумки вдруге не додаються.",
        f"Стан за коштами: «виконано» — профінансовано не менше "
        f"{num(data.settings.done_percent, 0)} % передбаченого; «виконано з перевищенням» — "
        "більше передбаченого; «виконано частково» — менше; «не виконано» — нічого. Стан за "
        "звітом виконавця — як його зазначив виконавець (виконано, виконано частково, не "
        "виконано, перенесено); де виконавець його не зазначив — «стан не повідомлено».",
    ]
    changes = [line for line in data.lines if line.change]
    if changes:
        notes.append("Зміни заходів, про які повідомили виконавці: " + "; ".join(
            f"{esc(line.measure_id)} — {esc(line.change)} ("
            + (f"підстава: {esc(line.change_ground)}" if line.change_ground else
               "<b>підставу не зазначено</b>") + ")" for line in changes) + ".")
    if not reported:
        notes.insert(0, f"Звітів виконавців {period.in_words} ще не надано: у графах "
                        "фактичного виконання — «не надано».")
    off = [i for i in data.inconsistencies if i.check == "section_total"]
    if off:
        notes.append("Підсумки за напрямами — суми заходів; рядки «ВСЬОГО» додатка А від них "
                     "відрізняються (див. розділ «Невідповідності в рішенні»).")
    total = execution.subtotal(data.lines, "")
    body = p(f"Таблиця охоплює {count(len(data.lines), 'захід', 'заходи', 'заходів')}, яким "
             f"на звітний період передбачено кошти або термін виконання яких його охоплює; з "
             f"них {count(total.measures, 'захід', 'заходи', 'заходів')} входять до підсумків, "
             "решта — складові «в т. ч.» своїх заходів.")
    body += table.html() + ul(notes, "notes") + chart
    return section("1. Виконання заходів", body, "wide")


# ---------------------------------------------------------------- funding by source


def sources_section(data: ReportData) -> str:
    rows = execution.funding_by_source(data.program, data.period, data.lines)
    table = Table(f"Фінансування Програми за джерелами {data.period.in_words}, тис. грн",
                  [[("Джерело фінансування", 1, 1), ("Передбачено (таблиця 6.1)", 1, 1),
                    ("Фактично профінансовано", 1, 1), ("Відхилення", 1, 1),
                    ("Виконання, %", 1, 1)]], cls="sources",
                  widths=["32%", "18%", "20%", "16%", "14%"])
    for code, label, plan, actual in rows:
        deviation = None if actual is None or plan is None else actual - plan
        share = pct(actual / plan * 100) if actual is not None and plan else DASH
        table.add(Cell(label), kuah(plan), kuah(actual), kuah_dev(deviation),
                  Cell(share, numeric=True),
                  cls="total" if code == "total" else "")
    body = table.html()
    reconcile = conclusions.bases_sentence(data.program, data.period, data.lines)
    if reconcile:
        body += p("Відсоток у цій таблиці — від обсягу таблиці 6.1 рішення. " + reconcile)
    body += p("Фактичні суми за джерелами — це звітні суми заходів, згруповані за джерелом "
              "фінансування, зазначеним для заходу в додатку А. Усі заходи Програми "
              "фінансуються з місцевого бюджету." if _all_local(data.program) else
              "Фактичні суми за джерелами — за джерелом, зазначеним для заходу в додатку А.")
    return section("2. Фінансування за джерелами", body)


def _all_local(program: Program) -> bool:
    return all(execution.source_of(s) == "local" for s in program.measures.funding_source)


# ---------------------------------------------------------------- indicators


def _indicator_table(group: str, lines: list[indicators.IndicatorLine], year: str) -> str:
    title = f"{indicators.GROUP_TITLES[group]}, {year} рік"
    if group in ("cost", "output"):
        table = Table(title, [[("№", 1, 1), ("Показник", 1, 1), ("Одиниця виміру", 1, 1),
                               ("План", 1, 1), ("Факт", 1, 1), ("Відхилення", 1, 1),
                               ("Пояснення", 1, 1)]],
                      widths=["4%", "40%", "9%", "10%", "10%", "10%", "17%"])
        for line in lines:
            plan = n(line.plan, None, "не визначено") if line.plan is not None else \
                Cell(esc(line.plan_text if line.plan_text not in ("-", "") else "не визначено"))
            table.add(Cell(str(line.number)), Cell(esc(line.name)), Cell(esc(line.unit)), plan,
                      n(line.actual, None), d(line.deviation, _deviation_decimals(line)),
                      Cell(esc(line.comment) if line.comment else
                           (NOT_GIVEN if line.actual is None else DASH)))
    elif group == "efficiency":
        table = Table(title, [[("№", 1, 1), ("Показник", 1, 1), ("Одиниця виміру", 1, 1),
                               ("План (у додатку Б)", 1, 1),
                               ("План: затрати ÷ продукт", 1, 1),
                               ("Факт: затрати ÷ продукт", 1, 1), ("Відхилення факту від плану",
                                                                   1, 1)]],
                      widths=["4%", "40%", "9%", "11%", "12%", "12%", "12%"])
        for line in lines:
            plan = n(line.plan, None) if line.plan is not None else Cell("не визначено")
            recomputed = n(line.recomputed_plan, 2, "не обчислюється")
            fact = n(line.recomputed_actual, 2, NOT_GIVEN)
            deviation = (line.recomputed_actual - line.plan
                         if line.recomputed_actual is not None and line.plan is not None
                         else None)
            table.add(Cell(str(line.number)), Cell(esc(line.name)), Cell(esc(line.unit)), plan,
                      recomputed, fact, d(deviation, 2))
    else:
        table = Table(title, [[("№", 1, 1), ("Показник", 1, 1), ("Ціль", 1, 1),
                               ("Результат", 1, 1), ("Висновок", 1, 1), ("Пояснення", 1, 1)]],
                      widths=["4%", "32%", "9%", "17%", "11%", "27%"])
        for line in lines:
            table.add(Cell(str(line.number)), Cell(esc(line.name)), Cell(esc(line.plan_text)),
                      Cell(esc(line.comment) if line.comment not in ("", "—") else
                           "не знайдено"), Cell(esc(line.status) or DASH),
                      Cell(esc(conclusions.clean_reason(line.reason)) +
                           (f" ({esc(line.evidence)})" if line.evidence else "")))
    return table.html()


def _deviation_decimals(line: indicators.IndicatorLine) -> int:
    """Counts as whole numbers («−1 761 од.»); amounts with the decimals they have."""
    values = [v for v in (line.plan, line.actual) if v is not None]
    if values and all(float(v).is_integer() for v in values):
        return 0
    deviation = line.deviation or 0.0
    return 3 if round(deviation, 1) != round(deviation, 3) else 1


def indicators_section(data: ReportData) -> str:
    parts = [p("Показники додатка Б у чотирьох групах. Фактичні значення затрат і продукту — "
               "за звітами виконавців; показники ефективності обчислено як затрати ÷ продукт "
               "(з плану і з факту) поруч із затвердженим значенням; показники якості — за "
               "опублікованими результатами рейтингів.")]
    for year, groups in data.indicators.items():
        if data.period.is_final:
            parts.append(f"<h3>{year} рік</h3>")
        for group, lines in groups.items():
            if lines:
                parts.append(_indicator_table(group, lines, year))
            if group == "cost" and lines:
                year_lines = data.yearly.get(year, data.lines) if data.period.is_final \
                    else data.lines
                parts.append(_cost_table(costs.cost_lines(data.program, year_lines, lines),
                                         year))
    return section("3. Результативні показники", "".join(parts), "wide")


def _cost_table(rows: list[costs.CostLine], year: str) -> str:
    """Annex B costs beside the Annex A measures they cover: both plans, both facts."""
    if not rows:
        return ""
    table = Table(f"Показники затрат додатка Б і кошти заходів додатка А, які вони охоплюють, "
                  f"{year} рік, тис. грн",
                  [[("Затрати", 1, 2), ("Заходи додатка А", 1, 2), ("План", 3, 1),
                    ("Факт", 3, 1)],
                   [("додаток Б", 1, 1), ("заходи", 1, 1), ("різниця", 1, 1),
                    ("додаток Б", 1, 1), ("касові видатки заходів", 1, 1), ("різниця", 1, 1)]],
                  widths=["7%", "21%", "12%", "12%", "10%", "12%", "14%", "12%"])
    for r in rows:
        table.add(Cell(str(r.number)), Cell(esc(", ".join(r.measures))),
                  kuah(r.indicator_plan, missing="не визначено"), kuah(r.measures_plan),
                  kuah_dev(r.plan_difference), kuah(r.indicator_actual), kuah(r.measures_actual),
                  kuah_dev(r.actual_difference))
    differ = [r for r in rows if r.actual_difference is not None
              and abs(r.actual_difference) > 0.0005]
    note = ("Які заходи охоплює кожен показник затрат, рішення не каже: зіставлення — за "
            "змістом заходів. Звіт не вибирає одне з двох чисел: показано обидва і різницю.")
    if differ:
        note += (" Фактичні затрати за показником і касові видатки заходів, які він охоплює, "
                 "розходяться для показників " + ", ".join(str(r.number) for r in differ)
                 + ": виконавцям слід пояснити різницю або звітувати за показником тими "
                 "самими сумами, що й за заходами.")
    return table.html() + p(note)


# ---------------------------------------------------------------- ratings


def ratings_section(data: ReportData, chart: str = "") -> str:
    program, period = data.program, data.period
    ratings = program.ratings
    rows = ratings[ratings.year.isin(period.years)]
    table = Table(f"Рейтинги і цілі Програми {period.in_words}",
                  [[("Рейтинг", 1, 1), ("Рік", 1, 1), ("Ціль", 1, 1), ("Результат міста", 1, 1),
                    ("Висновок", 1, 1), ("Чому", 1, 1), ("Звідки відомо", 1, 1)]],
                  widths=["19%", "7%", "11%", "15%", "14%", "19%", "15%"])
    for r in rows.itertuples():
        table.add(Cell(esc(r.label)), Cell(r.year),
                  Cell(f"{esc(top(r.target))} ({TARGET_SOURCE_LABELS[r.target_source]})"),
                  Cell(esc(top(r.actual)) if r.actual not in ("—", "") else "не знайдено"),
                  Cell(STATUS_LABELS[r.status]), Cell(esc(conclusions.clean_reason(r.reason))),
                  Cell(EVIDENCE_LABELS.get(r.evidence, DASH)))
    body = p("Ціль «ТОП-N» досягнуто, якщо місто посіло місце N або вище; ціль у балах — якщо "
             "бали не менші за ціль. Відома лише межа («6 місце або нижче») вирішує, коли всі "
             "можливі значення лежать по один бік цілі; інакше — «невідомо».")
    if rows.empty:  # no rating target of the period: a sentence, not an empty table
        return section("4. Рейтинги", p(f"Рейтингових цілей {period.in_words} Програма не "
                                        "визначає (у паспорті й додатку показників їх немає)."))
    body += table.html() + chart
    return section("4. Рейтинги", body)


# ---------------------------------------------------------------- inconsistencies, proposals


def inconsistencies_section(data: ReportData, number_: int) -> str:
    items = data.inconsistencies
    if not items:
        return section(f"{number_}. Невідповідності в рішенні",
                       p("Невідповідностей, що стосуються звітного періоду, не виявлено."))
    table = Table("Невідповідності в рішенні, що стосуються звітного періоду",
                  [[("№", 1, 1), ("Де в рішенні", 1, 1), ("Суть невідповідності", 1, 1)]],
                  widths=["5%", "33%", "62%"])
    for index, item in enumerate(items, 1):
        table.add(Cell(str(index)), Cell(esc(item.place)), Cell(esc(item.text)))
    found = count(len(items), "невідповідність", "невідповідності", "невідповідностей")
    proposed = conclusions.proposals(data.program, data.period, data.lines, data.indicators,
                                     items, data.settings)
    body = p(f"Перевірка тексту рішення виявила {found}, що стосуються звітного періоду. Звіт не "
             "змінює чисел рішення: показано, що зазначено, що виходить за розрахунком, і "
             "різницю." + " Як їх усунути — у розділі «Висновки та пропозиції»." * bool(proposed))
    return section(f"{number_}. Невідповідності в рішенні", body + table.html())


def proposals_section(data: ReportData, number_: int) -> str:
    found = conclusions.proposals(data.program, data.period, data.lines, data.indicators,
                                  data.inconsistencies, data.settings)
    head = p(conclusions.overall(data.lines, data.settings, data.period))
    if data.period.is_final:
        head = p(final.headline(data.program, data.period)) + head
    items = [f"{proposal.text}<br><span class=\"ground\">Підстава: {proposal.ground}</span>"
             for proposal in found]
    listed = "".join(f"<li>{item}</li>" for item in items)
    who = prepared_by(data.program, data.settings)
    intro = f"{esc(who)} пропонує:" if who else "Пропонується:"
    body = head + (p(intro) + f'<ol class="proposals">{listed}</ol>'
                   if items else p("Пропозицій немає."))
    return section(f"{number_}. Висновки та пропозиції", body)


def signatures(data: ReportData) -> str:
    rows = "".join(
        f"<tr><td>{esc(s.position) or '_' * 30}</td><td class=\"line\">{'_' * 18}<br>"
        f"<span class=\"hint\">(підпис)</span></td><td>{esc(s.name) or '_' * 22}</td>"
        f"<td>{_date(data.made_on) if data.made_on else '«___» ________ 20___ р.'}</td></tr>"
        for s in data.settings.signatures)
    table = (f'<table class="signatures"><caption>Підписи</caption><thead><tr>'
             f'<th scope="col">Посада</th><th scope="col">Підпис</th>'
             f'<th scope="col">Прізвище та ініціали</th><th scope="col">Дата</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>")
    return f'<section class="signature-block"><h2>Підписи</h2>{table}</section>'


def unit(value: float | None) -> str:
    return DASH if value is None else money(value, 1)


__all__ = ["NBSP", "ReportData", "prepare"]
