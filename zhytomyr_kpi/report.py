"""Content of the annual evaluation report (section 8 of the decision), for one period.

The report notebook (``notebooks/evaluation_report.ipynb``) only calls these functions; each
returns something a notebook displays: HTML text with the period's figures, or a table. The
figures come from the same tables as everywhere else; nothing here reads the raw text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from IPython.display import HTML

from .analysis.efficiency import RESULT_LABELS
from .analysis.ratings import EVIDENCE_LABELS, STATUS_LABELS, TARGET_SOURCE_LABELS
from .labels import (
    EFFICIENCY_SHORT,
    RATING_SHORT,
    SECTION_SHORT,
    SEVERITY_LABELS,
)
from .numbers import format_uk
from .paths import PROJECT_ROOT
from .program import Program

PERIODS = ("2018", "2019", "2020", "2018-2020")
PROGRAMME_TITLE = ("Міська цільова програма «Ефективна влада. Конкурентне місто» "
                   "Житомирської міської об'єднаної територіальної громади на 2018-2020 роки")
DECISION = "рішення Житомирської міської ради від 18.12.2019 № 1685"


class PeriodError(ValueError):
    """An unknown report period; the message lists the valid ones."""


@dataclass(frozen=True)
class Period:
    """A report period: one programme year or the whole programme."""

    key: str
    years: tuple[str, ...]

    @property
    def is_final(self) -> bool:
        return len(self.years) > 1

    @property
    def label(self) -> str:
        return "2018-2020 роки" if self.is_final else f"{self.key} рік"

    @property
    def title(self) -> str:
        if self.is_final:
            return "Підсумковий звіт про виконання програми за 2018-2020 роки"
        return f"Оцінка виконання програми за {self.key} рік"

    @property
    def column(self) -> str:
        """The amount column of this period in the tidy tables («2019» or «total»)."""
        return "total" if self.is_final else self.key


def period(key: str | int) -> Period:
    """Parse a period; unknown ones raise PeriodError naming the valid periods."""
    key = str(key).strip()
    if key not in PERIODS:
        raise PeriodError(f"невідомий період звіту «{key}»; можливі: {', '.join(PERIODS)}")
    return Period(key, ("2018", "2019", "2020") if key == "2018-2020" else (key,))


def _kuah(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "—"
    return format_uk(round(float(value), 3))


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def table_html(frame: pd.DataFrame, *, classes: str = "", decimals: int = 3) -> str:
    """A plain HTML table with Ukrainian numbers (for text blocks of the report)."""
    def cell(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return "—"
        if isinstance(value, bool):
            return "так" if value else "ні"
        if isinstance(value, int | float):
            return format_uk(round(float(value), decimals))
        return html.escape(str(value))

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(
        f'<td class="{"num" if isinstance(v, int | float) and not isinstance(v, bool) else ""}">'
        f"{cell(v)}</td>" for v in row) + "</tr>" for row in frame.itertuples(index=False))
    return f'<table class="{classes}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# ---------------------------------------------------------------- figures of a period


def planned_total(program: Program, p: Period) -> float:
    """Money planned for the period, Table 6.1 («Обсяг ресурсів, всього»)."""
    resources = program.resources
    row = resources[(resources.source == "total") & (resources.year == p.column)]
    return float(row.amount_kuah.iloc[0])


def funding_by_direction(program: Program, p: Period) -> pd.DataFrame:
    """Per direction: the ВСЬОГО row for the period, the sum of its measures, the difference."""
    totals = program.section_totals
    rows = totals[totals.year == p.column]
    return pd.DataFrame({
        "Напрям": [f"{s}. {SECTION_SHORT[s]}" if s != "total" else "РАЗОМ" for s in rows.section],
        "За рядком ВСЬОГО, тис. грн": rows.stated_kuah.values,
        "Сума заходів, тис. грн": rows.computed_kuah.values,
        "Різниця": rows.delta_kuah.values,
    })


def measures_of_period(program: Program, p: Period) -> pd.DataFrame:
    """Measures with money in the period (counted rows; the 3.2 subprojects listed apart)."""
    funding = program.funding
    measures = program.measures.set_index("measure_id")
    amounts = funding[funding.year.isin(p.years)].groupby("measure_id", sort=False)
    plan = amounts.amount_kuah.sum(min_count=1)
    texts = amounts.cell_text.agg(lambda s: "; ".join(t for t in s if not _is_number(t)))
    frame = pd.DataFrame({"plan": plan, "text": texts}).reindex(measures.index)
    frame = frame[(frame.plan.fillna(0) > 0) | (frame.text.fillna("") != "")]
    return pd.DataFrame({
        "№": frame.index,
        "Захід": [_short(_name(measures.loc[m]), 80) for m in frame.index],
        "Виконавці": [_short(measures.loc[m, "executors"], 60) for m in frame.index],
        "План, тис. грн": frame.plan.values,
        "Примітка": ["; ".join(filter(None, [
            f"складова заходу {measures.loc[m, 'parent_id']}"
            if not measures.loc[m, "counts_in_total"] else "",
            f"у клітинці: «{t}»" if t else ""])) for m, t in zip(frame.index,
                                                              frame.text.fillna(""), strict=True)],
    }).reset_index(drop=True)


def _name(measure: pd.Series) -> str:
    """The content, or the task where the content is a fragment («- почесні відзнаки…»)."""
    content = measure["content"] or ""
    return content if content[:1].isupper() else measure["task"] or content


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s,]+", text or ""))


def _short(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def efficiency_of_period(program: Program, p: Period) -> pd.DataFrame:
    """Unit costs of the period's years (plan basis): stated, computed, result."""
    eff = program.efficiency
    eff = eff[(eff.basis == "plan") & eff.period.isin(p.years)]
    return pd.DataFrame({
        "Показник": [f"{n}. {_short(name, 70)}" for n, name in zip(eff.number, eff.name,
                                                                   strict=True)],
        "Рік": eff.period.values,
        "Одиниця": eff.unit.str.rstrip(".").str.lower().values,
        "Зазначено": eff.stated.values,
        "Обчислено": eff.computed.round(3).values,
        "Різниця, %": eff.delta_pct.values,
        "Результат": [RESULT_LABELS[r] + (f": {n}" if n else "") for r, n in
                      zip(eff.result, eff.note, strict=True)],
    })


def ratings_of_period(program: Program, p: Period) -> pd.DataFrame:
    """Rating verdicts of the period's years, with evidence levels."""
    ratings = program.ratings
    ratings = ratings[ratings.year.isin(p.years)]
    return pd.DataFrame({
        "Рейтинг": ratings.label.values,
        "Рік": ratings.year.values,
        "Ціль": [f"{t} ({TARGET_SOURCE_LABELS[s]})" for t, s in
                 zip(ratings.target, ratings.target_source, strict=True)],
        "Результат": ratings.actual.values,
        "Статус": ratings.status.map(STATUS_LABELS).values,
        "Доказовість": ratings.evidence.map(EVIDENCE_LABELS).values,
    })


def findings_of_period(program: Program, p: Period) -> pd.DataFrame:
    """Inconsistencies that concern the period: its years (or totals), and those of no year."""
    findings = program.findings
    wanted = set(p.years) | ({"total", "baseline"} if p.is_final else set())
    concern = findings.year_ref.isin(wanted) | findings.year_ref.isna()
    chosen = findings[concern & findings.severity.isin(["error", "warning"])]
    return pd.DataFrame({
        "Важливість": chosen.severity.map(SEVERITY_LABELS).values,
        "Де": chosen.location.values,
        "Опис": chosen.message.values,
    })


def assumptions() -> pd.DataFrame:
    """The assumption log (ASSUMPTIONS.md) as a table."""
    text = (PROJECT_ROOT / "ASSUMPTIONS.md").read_text(encoding="utf-8")
    rows = [line.strip().strip("|").split(" | ") for line in text.splitlines()
            if re.match(r"^\| A\d+ ", line)]
    rows = [[cell.strip().replace("**", "").replace("`", "") for cell in r] for r in rows]
    return pd.DataFrame([[r[0], r[1], r[2], r[3]] for r in rows],
                        columns=["№", "Припущення", "Чому", "Надійність"])


# ---------------------------------------------------------------- text blocks


def title_page(program: Program, p: Period, made_on: date | None = None) -> HTML:
    made_on = made_on or date.today()
    return HTML(f"""<div class="title-page">
<p class="council">Житомирська міська рада · Робоча група програми</p>
<h1>{p.title}</h1>
<p class="programme">{PROGRAMME_TITLE}</p>
<table class="meta">
<tr><th>Підстава</th><td>{DECISION}; розділ 8 програми (щорічна оцінка, підсумковий звіт)</td></tr>
<tr><th>Звітний період</th><td>{p.label}</td></tr>
<tr><th>Дата складання звіту</th><td>{made_on:%d.%m.%Y}</td></tr>
<tr><th>Вихідні дані</th><td>{html.escape(program.path.name)}<br>
<span class="hash">sha256 {program.sha256}</span></td></tr>
<tr><th>Підготовлено</th><td>інструментом zhytomyr-kpi з тексту рішення і файлу опублікованих
результатів рейтингів; числа простежуються до рядків документа</td></tr>
</table></div>""")


def summary(program: Program, p: Period) -> HTML:
    """The one-page summary: money, efficiency, ratings, data quality, actuals."""
    total = planned_total(program, p)
    directions = funding_by_direction(program, p)
    parts = [f"<h2>Коротко: {p.label}</h2>", _p(
        f"На {p.label} програма передбачає <b>{_kuah(total)} тис. грн</b> (таблиця 6.1), "
        "усі — з місцевого бюджету.")]
    largest = directions[directions["Напрям"] != "РАЗОМ"].nlargest(1, "За рядком ВСЬОГО, тис. грн")
    share = largest["За рядком ВСЬОГО, тис. грн"].iloc[0] / total * 100 if total else 0
    parts.append(_p(f"Найбільший напрям — {html.escape(largest['Напрям'].iloc[0])}: "
                    f"{_kuah(largest['За рядком ВСЬОГО, тис. грн'].iloc[0])} тис. грн "
                    f"({format_uk(round(share, 1))} %)."))
    parts.append(table_html(directions, classes="compact"))
    off = directions[directions["Різниця"].abs() > 0.0005]
    if len(off):
        parts.append(_p("Рядки «ВСЬОГО» не збігаються із сумою заходів: " + "; ".join(
            f"{html.escape(r['Напрям'])} — різниця {_kuah(r['Різниця'])} тис. грн"
            for _, r in off.iterrows()) + "."))
    eff = program.efficiency
    eff = eff[(eff.basis == "plan") & eff.period.isin(p.years)]
    counts = eff.result.value_counts()
    parts.append(_p(
        f"<b>Середні видатки</b> (додаток Б): з {len(eff)} значень {counts.get('agrees', 0)} "
        f"випливають із затрат і продукту, {counts.get('differs', 0)} — ні, "
        f"{counts.get('not_computable', 0) + counts.get('not_stated', 0)} не перевірити."))
    computable = eff[eff.result.isin(["agrees", "differs"])]
    if len(computable):
        parts.append(table_html(pd.DataFrame({
            "Середні видатки": [EFFICIENCY_SHORT.get(n, str(n)) for n in computable.number],
            "Рік": computable.period.values,
            "Одиниця": computable.unit.str.rstrip(".").str.lower().values,
            "Зазначено": computable.stated.values,
            "Обчислено": computable.computed.round(2).values,
            "Результат": computable.result.map(RESULT_LABELS).values}), classes="compact",
            decimals=2))
    ratings = program.ratings
    ratings = ratings[ratings.year.isin(p.years) & (ratings.target_source == "annex_b")]
    status = ratings.status.value_counts()
    parts.append(_p(
        "<b>Рейтинги</b> (цілі додатка Б): " + ", ".join(
            f"{STATUS_LABELS[s]} — {status.get(s, 0)}" for s in STATUS_LABELS) + "."))
    parts.append(table_html(pd.DataFrame({
        "Рейтинг": [RATING_SHORT.get(r, r) for r in ratings.rating],
        "Рік": ratings.year.values, "Ціль": ratings.target.values,
        "Результат": ratings.actual.values,
        "Статус": ratings.status.map(STATUS_LABELS).values,
        "Доказовість": ratings.evidence.map(EVIDENCE_LABELS).values}), classes="compact"))
    found = findings_of_period(program, p)
    parts.append(_p(
        f"<b>Якість даних:</b> {len(found)} розбіжностей і зауважень у документі стосуються "
        f"цього періоду (помилок — {(found['Важливість'] == 'помилка').sum()})."))
    parts.append(_p(actuals_sentence(program, p)))
    return HTML("\n".join(parts))


def _reported_years(program: Program, p: Period) -> list[str]:
    from .analysis.execution import has_actuals

    return [y for y in p.years if has_actuals(program, y)]


def actuals_sentence(program: Program, p: Period) -> str:
    """One sentence: what the executors reported for the period, or that nothing is there."""
    from .analysis.execution import is_example, plan_vs_actual

    years = _reported_years(program, p)
    if not years:
        return ("<b>Фактичне виконання:</b> фактичних даних виконавців за " + p.label +
                " немає, тож звіт показує лише план; їх буде додано, щойно виконавці подадуть "
                "звіти (zhytomyr-kpi ingest).")
    parts = []
    for year in years:
        row = plan_vs_actual(program, year, level="programme").iloc[0]
        parts.append(f"{year}: {_kuah(row.actual_kuah)} тис. грн з {_kuah(row.plan_kuah)} "
                     f"за заходами ({format_uk(row.execution_pct)} %)")
    warning = (" <b class='example'>УВАГА: це ПРИКЛАДОВІ дані, не звіти виконавців.</b>"
               if is_example(program, tuple(years)) else "")
    missing = [y for y in p.years if y not in years]
    rest = f" За {', '.join(missing)} рік даних немає." if missing else ""
    return f"<b>Фактичне виконання</b> (дані виконавців): {'; '.join(parts)}.{rest}{warning}"


def actuals_section(program: Program, p: Period) -> HTML:
    """Plan vs actual by direction and the actual unit costs, per reported year."""
    from .analysis.execution import actual_unit_costs
    from .overview import execution_table

    years = _reported_years(program, p)
    blocks = [_p(actuals_sentence(program, p))]
    for year in years:
        blocks.append(f"<h3>{year}: план і факт за напрямами, тис. грн</h3>")
        blocks.append(table_html(execution_table(program, year, level="direction")))
        costs = actual_unit_costs(program, year)
        costs = costs[costs.result.isin(["agrees", "differs"])]
        if len(costs):
            blocks.append(f"<h3>{year}: фактичні середні видатки</h3>")
            blocks.append(table_html(pd.DataFrame({
                "Середні видатки": [EFFICIENCY_SHORT.get(n, str(n)) for n in costs.number],
                "Одиниця": costs.unit.str.rstrip(".").str.lower().values,
                "Затверджено": costs.stated.values,
                "Фактично": costs.computed.round(3).values,
                "Різниця, %": costs.delta_pct.values}), classes="compact"))
    return HTML("\n".join(blocks))


def funding_text(program: Program, p: Period) -> HTML:
    total = planned_total(program, p)
    measures = measures_of_period(program, p)
    counted = measures[~measures["Примітка"].str.startswith("складова")]  # not the 3.2 parts
    return HTML(_p(
        f"За {p.label} у додатку А кошти заплановано для {len(counted)} заходів (без складових "
        f"«Бюджету участі», які входять до заходу 3.2). Таблиця 6.1 на цей період: "
        f"{_kuah(total)} тис. грн."))


def efficiency_text(program: Program, p: Period) -> HTML:
    table = efficiency_of_period(program, p)
    differs = table[table["Результат"].str.startswith("розбіжність")]
    if differs.empty:
        return HTML(_p("Усі зазначені середні видатки, які можна перевірити, збігаються з "
                       "розрахунком."))
    items = "".join(f"<li>{html.escape(r['Показник'])} ({r['Рік']}): зазначено "
                    f"{_kuah(r['Зазначено'])}, обчислено {_kuah(r['Обчислено'])}</li>"
                    for _, r in differs.iterrows())
    return HTML(_p("Не збігаються з розрахунком (затрати ÷ продукт):") + f"<ul>{items}</ul>")


def ratings_text(program: Program, p: Period) -> HTML:
    table = program.ratings
    table = table[table.year.isin(p.years)]
    known = table[table.status.isin(["met", "missed"])]
    lines = [f"{html.escape(r.label)}, {r.year}: {STATUS_LABELS[r.status]} (ціль {r.target}, "
             f"результат {html.escape(r.actual)}; {EVIDENCE_LABELS[r.evidence]})"
             for r in known.itertuples()]
    text = _p("Рішення щодо цілей можна ухвалити лише там, де результат опубліковано:")
    text += "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else \
        _p("За цей період жоден опублікований результат не дозволяє вирішити, чи досягнуто цілі.")
    if "2020" in p.years:
        text += _p("За 2020 рік перевірених результатів немає в жодному з п'яти рейтингів; "
                   "«Фокус» змінив шкалу, а «Рада дружня до медіа» — перелік нагороджених, "
                   "не рейтинг. Для ОПОРИ паспорт і додаток Б ставлять різні цілі (ТОП-7 і "
                   "ТОП-3); показано обидві.")
    return HTML(text)
