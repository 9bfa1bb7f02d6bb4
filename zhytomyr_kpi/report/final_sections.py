"""The final report's own sections: the dynamics over the programme's years (section 5) and
the expected results with their verdicts (section 6).

The dynamics table is wide (plan, actual and execution % of every year side by side) for a
programme of up to three years; a longer one gets a row per direction and year instead, so
that no column of a five-year programme is too narrow for its numbers on an A4 page.
"""

from __future__ import annotations

from zhytomyr_kpi.analysis.ratings import STATUS_LABELS
from zhytomyr_kpi.basics.wording import count
from zhytomyr_kpi.document.vocabulary import section_labels
from zhytomyr_kpi.report import execution, final
from zhytomyr_kpi.report.markup import DASH, Cell, Table, esc, kuah, p, pct, top
from zhytomyr_kpi.report.sections import ReportData, section

#: The most years whose plan, actual and % fit side by side on a portrait page.
WIDE_YEARS = 3


def dynamics_section(data: ReportData) -> str:
    years = data.period.years
    sections = list(dict.fromkeys(line.section for line in data.lines))
    names = section_labels(data.program.document)
    directions = [(esc(names.get(s, s)), s) for s in sections] + [("Разом за Програмою", None)]

    def figures(section_id: str | None, year: str) -> list[Cell]:
        lines = [line for line in data.yearly.get(year, [])
                 if section_id is None or line.section == section_id]
        total = execution.subtotal(lines, "")
        return [kuah(total.plan), kuah(total.actual), Cell(pct(total.execution_pct),
                                                           numeric=True)]

    caption = "Виконання за напрямами і роками, тис. грн"
    if len(years) <= WIDE_YEARS:
        headers = [[("Напрям", 1, 2)] + [(f"{y} рік", 3, 1) for y in years],
                   [item for _ in years for item in (("план", 1, 1), ("факт", 1, 1),
                                                     ("%", 1, 1))]]
        share = f"{81 / (3 * len(years)):.2f}%"
        table = Table(caption, headers, cls="dynamics",
                      widths=["19%"] + [share] * (3 * len(years)))
        for name, section_id in directions:
            table.add(Cell(name), *[c for year in years for c in figures(section_id, year)],
                      cls="total" if section_id is None else "")
    else:
        table = Table(caption, [[("Рік", 1, 1), ("План", 1, 1), ("Факт", 1, 1),
                                 ("Виконання, %", 1, 1)]], cls="dynamics long",
                      widths=["25%", "27%", "27%", "21%"])
        for name, section_id in directions:
            table.group(name, 4)
            for year in years:
                table.add(Cell(f"{year} рік"), *figures(section_id, year),
                          cls="total" if section_id is None else "")
    ratings = data.program.ratings
    rows = ratings[ratings.target_source == "annex_b"]
    body = table.html()
    if len(rows):
        body += _ratings_by_year(rows, years)
    return section("5. Динаміка за роками", body, "wide" if len(years) <= WIDE_YEARS else "")


def _ratings_by_year(rows, years: tuple[str, ...]) -> str:
    """Each rating's verdict per year; a row per rating and year past :data:`WIDE_YEARS`."""
    caption = "Досягнення цілей рейтингів за роками"

    def verdict(by_year, year: str) -> Cell:
        if year not in by_year.index:
            return Cell(DASH)
        return Cell(f"{STATUS_LABELS[by_year.loc[year, 'status']]} (ціль "
                    f"{esc(top(by_year.loc[year, 'target']))})")

    if len(years) <= WIDE_YEARS:
        table = Table(caption, [[("Рейтинг", 1, 1)] + [(f"{y} рік", 1, 1) for y in years]])
        for label, group in rows.groupby("label", sort=False):
            by_year = group.set_index("year")
            table.add(Cell(esc(label)), *[verdict(by_year, y) for y in years])
        return table.html()
    table = Table(caption, [[("Рік", 1, 1), ("Висновок", 1, 1)]], widths=["25%", "75%"])
    for label, group in rows.groupby("label", sort=False):
        by_year = group.set_index("year")
        table.group(esc(label), 2)
        for year in years:
            table.add(Cell(f"{year} рік"), verdict(by_year, year))
    return table.html()


def expected_section(data: ReportData) -> str:
    results = final.expected_results(data.program, data.period, data.lines, data.settings)
    table = Table("Очікувані результати Програми і їх досягнення",
                  [[("№", 1, 1), ("Очікуваний результат", 1, 1), ("Де визначено", 1, 1),
                    ("Висновок", 1, 1), ("Підтвердження", 1, 1)]],
                  widths=["4%", "30%", "12%", "11%", "43%"])
    for index, r in enumerate(results, 1):
        table.add(Cell(str(index)), Cell(esc(r.text)), Cell(r.source), Cell(f"<b>{r.verdict}</b>"),
                  Cell(r.evidence))
    counts = {v: sum(r.verdict == v for r in results) for v in (final.REACHED,
                                                                final.NOT_REACHED,
                                                                final.UNKNOWN)}
    body = p(final.headline(data.program, data.period), "headline")
    total = count(len(results), "очікуваного результату", "очікуваних результатів",
                  "очікуваних результатів")
    if results:  # none stated in the passport or section 5: nothing to count
        body += p(f"З {total} паспорта (пункт 11) і розділу 5 Програми досягнуто "
                  f"{counts[final.REACHED]}, не досягнуто — {counts[final.NOT_REACHED]}, "
                  f"невідомо — {counts[final.UNKNOWN]}.")
    if not results:
        return section("6. Очікувані результати Програми", body + p(
            "Очікуваних результатів у паспорті (пункт 11) і розділі 5 Програми не знайдено: "
            "їх досягнення не оцінено."))
    return section("6. Очікувані результати Програми", body + table.html())
