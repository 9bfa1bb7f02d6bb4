"""The quarterly information as HTML, in the annual report's style and print CSS, and its PDF.

The same subset of HTML as the annual report (headings, paragraphs, lists, real tables with
``caption`` and ``thead``), so the report's DOCX converter can take it as it is. Every value
from an input goes through ``markup.esc``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zhytomyr_kpi.actuals.calendar import dated
from zhytomyr_kpi.basics.wording import count, money
from zhytomyr_kpi.report.edition import council
from zhytomyr_kpi.report.markup import DASH, Cell, Table, esc, kuah, kuah_dev, p, pct, ul
from zhytomyr_kpi.report.quarterly import QuarterlyData
from zhytomyr_kpi.report.settings import ReportSettings


def file_stem(year: str, quarter: int, example: bool = False) -> str:
    """«information_2019-Q2» (``_example`` for the example: never the same file)."""
    return f"information_{year}-Q{quarter}{'_example' if example else ''}"


def _section(title: str, body: str) -> str:
    return f'<section class="quarterly-section"><h2>{title}</h2>{body}</section>'


def title_block(data: QuarterlyData, settings: ReportSettings) -> str:
    from zhytomyr_kpi.report.sections import decision_reference, programme_name

    when, number = decision_reference(data.program)
    rows = [("Кому", esc(data.addressee) or DASH),
            ("Від кого", esc(settings.prepared_by)),
            ("Підстава", f"розділ 8 Програми; рішення міської ради від {esc(when)} № "
                         f"{esc(number)}" if when else "розділ 8 Програми"),
            ("Звітний період", f"{data.label} (з 1 січня до кінця кварталу, наростаючим "
                               "підсумком)"),
            ("Строк подання", esc(dated(data.due)) if data.due else
             "строк у рішенні не встановлено"),
            ("Дата складання", f"{data.made_on:%d.%m.%Y}" if data.made_on else
             "«____» ______________ 20____ р.")]
    meta = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    example = ('<p class="example-note">ПРИКЛАД: інформацію побудовано на вигаданих даних '
               "виконавців; числа фактичного виконання не є звітними.</p>") if data.example else ""
    return (f'<section class="quarterly-title"><p class="council">{esc(council(data.program, settings))}</p>'
            f"<h1>Інформація про стан і результати виконання заходів Програми за "
            f"{esc(data.label)}</h1>"
            f'<p class="programme">{esc(programme_name(data.program, settings))}</p>'
            f'<table class="meta"><caption>Відомості про інформацію</caption>{meta}</table>'
            f"{example}</section>")


def summary(data: QuarterlyData) -> str:
    plan, actual, reported, measures = data.totals()
    status = data.status
    executors = status[~status.consolidated & status.owes]
    sent = int(executors.submitted.sum())
    share = pct(data.share * 100, 0)
    if actual is None:
        money_text = (f"На {data.year} рік заходами Програми передбачено {money(plan, 1)}. "
                      f"Звітів виконавців за {esc(data.label)} ще не надано.")
    else:
        money_text = (f"На {data.year} рік заходами Програми передбачено {money(plan, 1)}; з "
                      f"початку року до кінця {data.quarter} кварталу профінансовано "
                      f"{money(actual, 1)}, або {pct(actual / plan * 100 if plan else None)} "
                      f"річного плану (минуло {share} року). Звітували щодо "
                      f"{count(reported, 'заходу', 'заходів', 'заходів')} з {measures}; "
                      "виконання кожного заходу — у додатку.")
    people = (f"Інформацію подали {sent} з "
              f"{count(len(executors), 'виконавця', 'виконавців', 'виконавців')}, які мають "
              f"звітувати (станом на {dated(data.on)}).")
    if status.consolidated.any():
        people += " Окремо надійшов зведений звіт (не рахується як виконавець)."
    changes = (f"Виконавці повідомили про "
               f"{count(len(data.changes), 'зміну', 'зміни', 'змін')} до заходів."
               if data.changes else "Про зміни до заходів виконавці не повідомляли.")
    return _section("Коротко", p(money_text) + p(people) + p(changes))


def measures_table(data: QuarterlyData) -> str:
    """One row per measure (the parts of a «в т. ч.» parent are in its figure), landscape."""
    states = any(line.state for line in data.lines)
    share = pct(data.share * 100, 0)
    headers = [("№", 1, 1), ("Захід", 1, 1), ("Виконавець", 1, 1),
               ("План на рік, тис.&nbsp;грн", 1, 1),
               ("Фактично з початку року, тис.&nbsp;грн", 1, 1), ("% плану", 1, 1),
               (f"Відхилення від {share} плану, тис.&nbsp;грн", 1, 1)]
    widths = ["5%", "37%", "22%", "9%", "10%", "7%", "10%"]
    if states:
        headers.append(("Стан (за виконавцем)", 1, 1))
        widths = ["5%", "31%", "19%", "9%", "10%", "7%", "9%", "10%"]
    table = Table(f"Виконання заходів з початку {data.year} року до кінця {data.quarter} "
                  "кварталу, тис. грн", [headers], cls="measures quarterly", widths=widths)
    for line in data.lines:
        if not line.counts_in_total and _has_parent(data, line):
            continue
        cells = [Cell(esc(line.measure_id)), Cell(esc(line.name)),
                 Cell(esc(line.executor) or DASH), kuah(line.plan, missing="не визначено"),
                 kuah(line.actual), Cell(pct(line.execution_pct()), numeric=True),
                 kuah_dev(line.deviation(data.share))]
        if states:
            cells.append(Cell(esc(line.state) or DASH))
        table.add(*cells)
    plan, actual, _, _ = data.totals()
    total = [Cell("Разом за Програмою", colspan=3), kuah(plan), kuah(actual),
             Cell(pct(actual / plan * 100 if plan and actual is not None else None),
                  numeric=True),
             kuah_dev(None if actual is None else actual - plan * data.share)]
    table.add(*total, *([Cell(DASH)] if states else []), cls="total")
    notes = [f"Рішення визначає кошти на рік, а не на квартал. «Відхилення» — від {share} "
             "річного плану (частка року, що минула): орієнтир рівномірного виконання, а не "
             "затверджена сума.",
             "Складові «в т. ч.» (наприклад, субпроєкти) входять до суми свого заходу; окремо "
             "їх показано в річному звіті.",
             "Пояснення виконавців до найбільших відхилень — у розділі 3 «Найбільші "
             "відхилення»."]
    return (f'<section class="report-section wide"><h2>Додаток. Виконання заходів з початку '
            f'року</h2>{table.html()}'
            f"{ul(notes, 'notes')}</section>")


def _has_parent(data: QuarterlyData, line) -> bool:
    parent = data.program.measures.set_index("measure_id").parent_id.get(line.measure_id)
    return isinstance(parent, str) and bool(parent)


def reporting_table(data: QuarterlyData) -> str:
    status = data.status
    table = Table(f"Подання інформації виконавцями за {esc(data.label)}",
                  [[("Виконавець", 1, 1), ("Строк", 1, 1), ("Подано", 1, 1),
                    ("Висновок", 1, 1), ("Без даних", 1, 1)]],
                  cls="reporting", widths=["38%", "11%", "12%", "19%", "20%"])
    shown = status[status.owes | status.consolidated]
    for r in shown.itertuples():
        from zhytomyr_kpi.actuals.calendar import local_date

        sent = dated(local_date(r.first_received)) if r.first_received else DASH
        gaps = "; ".join(filter(None, [r.missing_measures and f"заходи {r.missing_measures}",
                                       r.missing_indicators and
                                       f"показники {r.missing_indicators}"]))
        name = esc(r.department) + (" (не рахується як виконавець)" if r.consolidated else "")
        table.add(Cell(name), Cell(esc(dated(date.fromisoformat(r.due))) if r.due else DASH),
                  Cell(sent), Cell(esc(r.verdict_text)), Cell(esc(gaps) or DASH))
    quiet = status[~status.owes & ~status.consolidated]
    note = []
    if len(quiet):
        note.append(f"Ще {count(len(quiet), 'виконавець', 'виконавці', 'виконавців')} лише "
                    "співвиконують заходи, кошти яких звітує відповідальний виконавець; "
                    "власних рядків для звіту не мають: " + esc("; ".join(quiet.department)) + ".")
    return _section("2. Хто подав інформацію", table.html() + ul(note, "notes"))


def deviations_section(data: QuarterlyData) -> str:
    rows = data.largest_deviations()
    if not rows:
        return _section("3. Найбільші відхилення", p("Відхилень немає або звітів ще не надано."))
    table = Table("Найбільші відхилення від рівномірного виконання", [[
        ("№", 1, 1), ("Захід", 1, 1), ("Відхилення, тис.&nbsp;грн", 1, 1),
        ("% річного плану", 1, 1), ("Причина (за поясненням виконавця)", 1, 1)]],
        cls="deviations", widths=["6%", "32%", "14%", "10%", "38%"])
    for line in rows:
        table.add(Cell(esc(line.measure_id)), Cell(esc(line.name)),
                  kuah_dev(line.deviation(data.share)),
                  Cell(pct(line.execution_pct()), numeric=True),
                  Cell(esc(line.comment) if line.comment else "пояснення не надано"))
    return _section("3. Найбільші відхилення", table.html())


def changes_section(data: QuarterlyData) -> str:
    if not data.changes:
        return _section("4. Зміни до заходів", p(
            f"За {esc(data.label)} виконавці не повідомляли про зміни до заходів."))
    table = Table("Зміни до заходів, про які повідомили виконавці", [[
        ("№", 1, 1), ("Виконавець", 1, 1), ("Зміна", 1, 1), ("Обґрунтування", 1, 1)]],
        cls="changes", widths=["6%", "24%", "35%", "35%"])
    for change in data.changes:
        ground = esc(change.ground) if change.ground else \
            '<strong>обґрунтування не надано</strong>'
        table.add(Cell(esc(change.measure_id)), Cell(esc(change.executor) or DASH),
                  Cell(esc(change.change)), Cell(ground))
    return _section("4. Зміни до заходів", table.html())


def attention_section(data: QuarterlyData) -> str:
    items = data.attention()
    body = ul([esc(item) for item in items]) if items else p("Питань, що потребують уваги "
                                                            "департаменту, немає.")
    return _section("1. Що потребує уваги департаменту", body)


def signatures(settings: ReportSettings) -> str:
    rows = "".join(f"<tr><td>{esc(s.position) or '________________'}</td><td>____________ "
                   f"(підпис)</td><td>{esc(s.name) or '________________'}</td></tr>"
                   for s in settings.signatures)
    return ('<section class="signature-block"><table class="signatures"><caption>Підписи'
            f"</caption><thead><tr><th scope=\"col\">Посада</th><th scope=\"col\">Підпис</th>"
            f'<th scope="col">Ім\'я та прізвище</th></tr></thead><tbody>{rows}</tbody>'
            "</table></section>")


QUARTERLY_CSS = """
.quarterly-title { padding-top: 10mm; margin-bottom: 6mm; }
.quarterly-title .council { color: #08519c; font-size: 11pt; text-transform: uppercase; }
.quarterly-title table.meta { width: 100%; font-size: 9.5pt; }
.quarterly-title table.meta caption { display: none; }
.quarterly-title table.meta th { text-align: left; width: 38mm; background: none; border: none; }
.quarterly-title table.meta td { border: none; }
.quarterly-section { margin-top: 6mm; }
.report-section.wide + .quarterly-section { margin-top: 0; }
"""


def html_document(data: QuarterlyData, settings: ReportSettings, css: str) -> str:
    """The standalone HTML of the quarterly information (``lang="uk"``, print CSS inlined)."""
    title = ("ПРИКЛАД. " if data.example else "") + \
        f"Інформація про стан і результати виконання заходів Програми за {data.label}"
    mark = '<div class="example-mark" aria-hidden="true">ПРИКЛАД</div>' if data.example else ""
    # what to act on first; the long table of every measure is the annex, after the signatures
    body = "".join([title_block(data, settings), summary(data), attention_section(data),
                    reporting_table(data), deviations_section(data), changes_section(data),
                    signatures(settings), measures_table(data)])
    return (f'<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title>"
            f'<meta name="author" content="{esc(settings.prepared_by)}">'
            f"<style>{css}{QUARTERLY_CSS}</style></head>"
            f'<body class="{"example" if data.example else ""}">{mark}{body}</body></html>')


def make_quarterly(program, year: str, quarter: int, out_dir: Path, settings: ReportSettings,
                   made_on: date | None = None, on: date | None = None,
                   example: bool = False) -> tuple[Path, str]:
    """Write «information_2019-Q2.pdf» and its editable DOCX beside it into ``out_dir``
    atomically; return the PDF and its HTML."""
    import tempfile

    from zhytomyr_kpi.basics.safe_io import check_output_path, owned_prefix
    from zhytomyr_kpi.report.docx import html_to_docx
    from zhytomyr_kpi.report.pdf import html_to_pdf, report_css
    from zhytomyr_kpi.report.quarterly import prepare

    data = prepare(program, year, quarter, made_on, on)
    data.example = data.example or example
    html = html_document(data, settings, report_css())
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{file_stem(year, quarter, data.example)}.pdf"
    editable = target.with_suffix(".docx")
    check_output_path(target, force=True, protected={})
    check_output_path(editable, force=True, protected={})
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=owned_prefix(".build-")) as folder:
        work = Path(folder) / target.name
        html_to_pdf(html, work)
        title = ("ПРИКЛАД. " if data.example else "") + \
            f"Інформація про стан і результати виконання заходів Програми за {data.label}"
        html_to_docx(html, work.with_suffix(".docx"), title, data.example)
        work.with_suffix(".docx").replace(editable)
        work.replace(target)
    return target, html
