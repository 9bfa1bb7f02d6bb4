"""«Висновок» and «Висновки та пропозиції»: sentences and proposals made from the figures.

Every proposal is generated from a finding or a deviation and carries its ground (the figure
and where it comes from), as section 8 of the decision asks of the Working Group: continue,
add or adjust measures, indicators, funding and executors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhytomyr_kpi.basics.wording import count, money, number
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.execution import (
    MeasureLine,
    accounted,
    has_actuals,
    missing_executors,
    subtotal,
)
from zhytomyr_kpi.report.inconsistencies import Inconsistency, amount
from zhytomyr_kpi.report.indicators import IndicatorLine, reached
from zhytomyr_kpi.report.markup import esc, pct, top
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings


@dataclass
class Proposal:
    text: str  # HTML
    ground: str  # HTML


def clean_reason(text: str) -> str:
    """A verdict's reason without file names or pointers to notes the reader has not got."""
    text = top(str(text))
    for noise in (" в rating_results.csv", " у rating_results.csv", " (див. примітку джерела)"):
        text = text.replace(noise, "")
    return text


def _ids(items: list[str]) -> str:
    return ", ".join(items)


def table_total(program: Program, period: Period) -> float | None:
    """Table 6.1's «total» for the period (the decision's own total), None when absent."""
    resources = program.resources
    row = resources[(resources.source == "total") & (resources.year == period.column)]
    return float(row.amount_kuah.iloc[0]) if len(row) and row.amount_kuah.notna().iloc[0] \
        else None


def money_sentence(program: Program, period: Period, lines: list[MeasureLine],
                   example: bool) -> str:
    """Money planned and spent, stated once with its base (the measures' sum of Annex A)."""
    total = subtotal(lines, "")
    head = (f"{period.in_words.capitalize()} заходами Програми (додаток А) передбачено "
            f"{money(total.plan, 1)}")
    if not has_actuals(lines):
        return (head + ". Звітів виконавців про касові видатки на заходи "
                f"{period.in_words} ще не надано, тому фактичне виконання не оцінено.")
    missing = missing_executors(program, period)
    text = (f"{head}; касові видатки за звітами виконавців — {money(total.actual, 1)}, або "
            f"{pct(total.execution_pct)} суми коштів заходів "
            f"(звітували щодо {count(total.reported, 'заходу', 'заходів', 'заходів')} з "
            f"{total.measures})")
    if missing:
        text += f"; не надали звітів: {esc('; '.join(missing))}"
    return text + "."


def bases(program: Program, period: Period, lines: list[MeasureLine]
          ) -> list[tuple[str, float, float | None]]:
    """The execution rate on each base the report's tables use: (base, plan, percent).

    The one rate of the report is the first (the measures' sum); the others are shown beside
    it so that a reader who divides by Table 6.1 or by the reported measures only finds the
    same facts, not a second rate.
    """
    total = subtotal(lines, "")
    if total.actual is None:
        return []
    rows: list[tuple[str, float, float | None]] = [
        ("сума коштів заходів додатка А", total.plan, total.execution_pct)]
    decision = table_total(program, period)
    if decision is not None and abs(decision - total.plan) > 0.0005:
        rows.append(("обсягу ресурсів за таблицею 6.1 рішення", decision,
                     total.actual / decision * 100 if decision else None))
    if total.reported < total.measures:
        plan = sum(line.plan or 0.0 for line in lines
                   if line.counts_in_total and line.actual is not None)
        rows.append((f"коштів лише тих заходів, щодо яких звітували ({total.reported} з "
                     f"{total.measures})",
                     plan, total.actual / plan * 100 if plan else None))
    return rows


def bases_sentence(program: Program, period: Period, lines: list[MeasureLine]) -> str:
    """One sentence that reconciles the bases, or "" when there is only one."""
    rows = bases(program, period, lines)
    if len(rows) < 2:
        return ""
    others = "; ".join(f"від {base} ({money(plan, 1)}) — {pct(share)}"
                       for base, plan, share in rows[1:])
    findings = program.findings
    explained = bool(len(findings[(findings.severity == "error") & findings.check.isin(
        ("section_total", "grand_total_measures", "totals_vs_measures", "resources_vs_annex_a"))]))
    return (f"Рівень виконання в цьому звіті — {pct(rows[0][2])} від суми коштів заходів; "
            f"ті самі касові видатки становлять {others}. Заходи без звіту враховано як "
            "невідомі, а не як нульові видатки"
            + ("; різницю між сумою заходів і таблицею 6.1 пояснено в розділі «Невідповідності "
               "в рішенні»." if explained else "."))


def over_plan(lines: list[MeasureLine]) -> list[MeasureLine]:
    return [line for line in lines if line.over_plan]


def over_sentence(lines: list[MeasureLine]) -> str:
    """Measures spent above plan, named (the report asks for their ground), or ""."""
    over = over_plan(lines)
    if not over:
        return ""
    return ("Виконано з перевищенням передбачених коштів: " + "; ".join(
        f"{esc(line.measure_id)} ({pct(line.execution_pct)})" for line in over)
        + "; підстави перевищення мають підтвердити виконавці.")


def work_sentence(lines: list[MeasureLine]) -> str:
    """How many measures the executors called done, partly done, not done, postponed."""
    from zhytomyr_kpi.report.execution import WORK_STATES

    states = [line.work_state for line in lines]
    given = [s for s in states if s]
    if not given:
        return (f"Якісного стану виконання жодного з {count(len(lines), 'заходу', 'заходів', 'заходів')} "
                "виконавці не повідомили: стан оцінено лише за коштами.")
    parts = [f"«{s}» — {sum(x == s for x in given)}" for s in WORK_STATES
             if any(x == s for x in given)]
    other = len(given) - sum(x in WORK_STATES for x in given)
    if other:
        parts.append(f"інший опис — {other}")
    return (f"За звітами виконавців про стан заходів: {', '.join(parts)}; стан не повідомлено "
            f"щодо {count(len(states) - len(given), 'заходу', 'заходів', 'заходів')}.")


def indicator_counts(groups: dict[str, list[IndicatorLine]]) -> tuple[int, int, int]:
    """(reached, not reached, without figures) among cost and output indicators with a plan."""
    lines = [line for g in ("cost", "output") for line in groups.get(g, [])
             if line.plan is not None]
    verdicts = [reached(line) for line in lines]
    return (sum(v is True for v in verdicts), sum(v is False for v in verdicts),
            sum(v is None for v in verdicts))


def indicators_sentence(groups_by_year: dict[str, dict[str, list[IndicatorLine]]]) -> str:
    done = missed = unknown = 0
    for groups in groups_by_year.values():
        a, b, c = indicator_counts(groups)
        done, missed, unknown = done + a, missed + b, unknown + c
    total = done + missed + unknown
    if total == unknown:
        return (f"Фактичних значень {count(total, 'показника', 'показників', 'показників')} "
                "затрат і продукту додатка Б ще не надано.")
    return (f"З {count(total, 'показника', 'показників', 'показників')} затрат і продукту "
            f"додатка Б досягнуто планового значення {done}, не досягнуто — {missed}, "
            f"без фактичних даних — {unknown}.")


def ratings_sentence(program: Program, period: Period) -> str:
    ratings = program.ratings
    rows = ratings[ratings.year.isin(period.years) & (ratings.target_source == "annex_b")]
    if rows.empty:  # no rating target of Annex B in the period (or no city's results)
        return ""
    counts = rows.status.value_counts()
    parts = [f"досягнуто {counts.get('met', 0)}", f"не досягнуто {counts.get('missed', 0)}",
             f"невідомо {counts.get('unknown', 0) + counts.get('not_comparable', 0)}"]
    return (f"З {count(len(rows), 'цілі', 'цілей', 'цілей')} рейтингів (показники якості "
            f"додатка Б {period.in_words}) {', '.join(parts)}; «невідомо» — де результат міста "
            "не опубліковано або рейтинг змінив шкалу.")


def errors_sentence(items: list[Inconsistency]) -> str:
    checks = {i.check for i in items}
    main = []
    if "section_total" in checks:
        main.append("рядки «ВСЬОГО» напрямів не дорівнюють сумі заходів")
    if "efficiency_ratio" in checks:
        main.append("частина показників ефективності додатка Б не випливає із затрат і "
                    "продукту")
    if "kpi_targets" in checks:
        main.append("паспорт і додаток Б ставлять різні цілі для рейтингів")
    if "breakdown_sum" in checks:
        main.append("кошти заходів «в т. ч.» не дорівнюють сумі їхніх складових")
    found = count(len(items), "невідповідність", "невідповідності", "невідповідностей")
    text = f"У рішенні виявлено {found}"
    return text + (": " + "; ".join(main) + "." if main else ".")


def overall(lines: list[MeasureLine], settings: ReportSettings, period: Period) -> str:
    """The overall assessment in one sentence, by the execution of the measures' money."""
    if not has_actuals(lines):
        return (f"Загальну оцінку виконання Програми {period.in_words} можна буде дати після "
                "надходження звітів виконавців; до того звіт оцінює лише план і рішення.")
    total = subtotal(lines, "")
    share = total.execution_pct or 0
    note = " (за неповними даними: не всі виконавці звітували)" \
        if total.reported < total.measures else ""
    if share >= settings.done_percent:
        verdict = "виконано в основному"
    elif share >= settings.low_percent:
        verdict = "виконано частково"
    else:
        verdict = "виконано незадовільно"
    return (f"Загальна оцінка: фінансове виконання Програми {period.in_words} — "
            f"{pct(share)}; Програму {verdict}{note}.")


# ---------------------------------------------------------------- proposals


def proposals(program: Program, period: Period, lines: list[MeasureLine],
              groups_by_year: dict[str, dict[str, list[IndicatorLine]]],
              items: list[Inconsistency], settings: ReportSettings) -> list[Proposal]:
    """Proposals for the Working Group, each with its ground."""
    found: list[Proposal] = []
    effs = [i for i in items if i.check == "efficiency_ratio" and i.year != "baseline"]
    if effs:
        changes = "; ".join(
            f"показник {esc(i.number)} на {esc(i.year)} рік — зазначено "
            f"{esc(amount(i.stated, i.unit))}, затрати ÷ продукт дають "
            f"{esc(amount(i.computed, i.unit, most=2))}"
            for i in effs)
        found.append(Proposal(
            "Запропонувати відповідальному виконавцю уточнити, з яких показників затрат і "
            "продукту обчислено показники ефективності додатка Б, і за потреби визначити їх "
            f"{_forward(period)} як частку «затрати ÷ продукт» ({changes}).",
            "показники ефективності додатка Б не дорівнюють частці показника затрат і "
            "показника продукту (розділ «Невідповідності в рішенні»); яку чисельність чи "
            "обсяг узято в розрахунок, рішення не каже, тому це питання, а не висновок про "
            "помилку."))
    totals = [i for i in items if i.check == "section_total"]
    if totals:
        changes = "; ".join(
            f"напрям {esc(i.section)}, {esc(i.place.split('», ')[-1])} — {esc(amount(i.computed))} "
            f"замість {esc(amount(i.stated))}" for i in totals)
        found.append(Proposal(
            f"{_forward(period).capitalize()} узгодити рядки «ВСЬОГО» додатка А (рядок «РАЗОМ» "
            "і таблицю 6.1) із сумою заходів або розподілити кошти між заходами так, щоб "
            f"підсумки сходилися: {changes}.",
            "сума заходів напряму не дорівнює рядку «ВСЬОГО» (розділ «Невідповідності в "
            "рішенні»)."))
    kpi = [i for i in items if i.check == "kpi_targets"]
    if kpi:
        found.append(Proposal(
            "Визначити одну ціль для індексу публічності місцевого самоврядування (ОПОРА) на "
            f"{esc(kpi[0].year)} рік і внести її до паспорта, розділу 5 і додатка Б.",
            f"{esc(kpi[0].text)}; розділ 5 ставить іншу мету — індекс публічності 70,0 %."))
    breakdown = [i for i in items if i.check == "breakdown_sum" and i.year not in (None,
                                                                                  "total")]
    for i in breakdown:
        found.append(Proposal(
            f"Розподілити кошти заходу {esc(i.measure)} на {esc(i.year)} рік ({esc(amount(i.stated))}) "
            "між "
            "його складовими «в т. ч.» (субпроектами) або уточнити зміст заходу.",
            f"{esc(i.text)}."))
    terms = [i for i in items if i.check == "term_vs_money"]
    if terms:
        found.append(Proposal(
            "Узгодити терміни виконання і кошти заходів "
            f"{esc(_ids(sorted({i.measure for i in terms}, key=_key)))}: продовжити термін "
            "виконання або вилучити кошти поза терміном.",
            "; ".join(f"захід {esc(i.measure)}: {esc(i.text)}" for i in terms) + "."))
    texts = [i for i in items if i.check in ("non_numeric_amounts", "duplicate_ids",
                                             "indicator_units")]
    if texts:
        found.append(Proposal(
            "Виправити в тексті рішення технічні помилки: " + "; ".join(
                f"{esc(i.place)} — {esc(i.text)}" for i in texts) + ".",
            "перевірка узгодженості тексту рішення."))
    if has_actuals(lines):
        low = [line for line in lines if line.counts_in_total and line.plan
               and line.actual is not None and (line.execution_pct or 0) < settings.low_percent]
        if low:
            found.append(Proposal(
                "З'ясувати з виконавцями, чи є невикористані кошти заходів "
                + esc(_ids([line.measure_id for line in low]))
                + " економією (за результатами закупівель) чи невиконаною роботою, і "
                f"врахувати це, визначаючи кошти цих заходів {_forward(period)}.",
                f"профінансовано менш ніж на {number(settings.low_percent)} %: "
                + "; ".join(f"{esc(line.measure_id)} — {pct(line.execution_pct)} "
                            f"({money(line.actual, 1)} з {money(line.plan, 1)})"
                            for line in low) + "."))
        over = over_plan(lines)
        if over:
            found.append(Proposal(
                "Отримати від виконавців підстави перевищення передбачених коштів заходів "
                + esc(_ids([line.measure_id for line in over]))
                + f" (рішення про перерозподіл коштів) і врахувати фактичну потребу "
                f"{_forward(period)}.",
                "виконано з перевищенням: " + "; ".join(
                    f"{esc(line.measure_id)} — {pct(line.execution_pct)} "
                    f"({money(line.actual, 1)} при передбачених {money(line.plan, 1)})"
                    for line in over) + "."))
        unfounded = [line for line in lines if line.change and not line.change_ground]
        if unfounded:
            found.append(Proposal(
                "Отримати від виконавців підстави змін заходів "
                + esc(_ids([line.measure_id for line in unfounded]))
                + ", про які вони повідомили без підстави, і внести ці зміни до Програми "
                "встановленим порядком.",
                "; ".join(f"{esc(line.measure_id)}: {esc(line.change)}" for line in unfounded)
                + "."))
        missing = missing_executors(program, period)
        absent = [line for line in lines if not accounted(line) and line.counts_in_total]
        if absent:
            found.append(Proposal(
                "Отримати від виконавців звіти про виконання заходів "
                f"{esc(_ids([line.measure_id for line in absent]))}"
                + (f" (не звітували: {esc('; '.join(missing))})" if missing else "")
                + " і врахувати їх в уточненому звіті.",
                "розділ 8 Програми: виконавці щокварталу звітують про виконання заходів."))
    not_reached = [(year, line) for year, groups in groups_by_year.items()
                   for line in groups.get("output", []) if reached(line) is False]
    if not_reached:
        found.append(Proposal(
            "Проаналізувати з виконавцями причини недосягнення планових значень показників "
            "продукту " + "; ".join(esc(line.number) + (f" ({esc(year)})" if period.is_final
                                                         else "")
                                    for year, line in not_reached)
            + f" і визначити реалістичні значення {_forward(period)}.",
            "; ".join(f"продукту {esc(line.number)}: план {esc(count_text(line.plan, line.unit))}"
                      f", факт {esc(count_text(line.actual, line.unit))}"
                      for year, line in not_reached) + ". Показники затрат, нижчі за план, — "
            "це економія коштів, а не недосягнення."))
    ratings = program.ratings
    missed = ratings[ratings.year.isin(period.years) & (ratings.status == "missed")
                     & (ratings.target_source == "annex_b")]
    if len(missed):
        found.append(Proposal(
            "Переглянути заходи, спрямовані на підвищення місця міста в рейтингах, цілі яких не "
            "досягнуто, і реалістичність цих цілей на наступний період.",
            "; ".join(f"{esc(r.label)}, {esc(r.year)} рік: ціль {esc(top(r.target))}, результат — "
                      f"{esc(top(r.actual))} ({esc(clean_reason(r.reason))})"
                      for r in missed.itertuples()) + "."))
    unknown = ratings[ratings.year.isin(period.years) & (ratings.status == "unknown")
                      & (ratings.target_source == "annex_b")]
    if len(unknown):
        found.append(Proposal(
            "Доручити відповідальним виконавцям отримати від організаторів рейтингів "
            "офіційні результати міста і зберігати їх разом зі звітом.",
            "; ".join(f"{esc(r.label)}, {esc(r.year)} рік: {esc(clean_reason(r.reason))}"
                      for r in unknown.itertuples()) + "."))
    return [Proposal(_one_stop(x.text), _one_stop(x.ground)) for x in found]


def _one_stop(text: str) -> str:
    """One full stop where an abbreviation ends a sentence («28 239 од.», not «од..»)."""
    return re.sub(r"\.\.(?=\s|<|$)", ".", text)


def _forward(period: Period) -> str:
    """Where a proposal points: the next year, or the next programme after the final report."""
    if period.is_final:
        return "у наступній програмі"
    return f"на {int(period.years[-1]) + 1} рік"


def count_text(value: float | None, unit: str) -> str:
    """A value with its unit, counts as whole numbers («1 761 од.»), no doubled full stop."""
    from zhytomyr_kpi.report.inconsistencies import decimals_of

    if value is None:
        return "не надано"
    unit = unit.rstrip(".") + ("." if unit.endswith(".") else "")
    whole = unit in ("од.", "осіб", "шт.") or float(value).is_integer()
    text = number(round(value), 0) if whole else number(value, decimals_of(value, 3))
    return f"{text}\u00a0{unit}".strip()


def _key(measure_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in measure_id.split(".") if p.isdigit())
