"""«Невідповідності в рішенні»: the checks' findings worded for a council member.

Each finding is located by the decision's own structure (додаток А, напрям 1, рядок
«ВСЬОГО»; показник ефективності 3; паспорт, пункт 12) rather than by a line of the text
file (the executed notebook keeps the lines for auditors). Figures carry their units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from zhytomyr_kpi.basics.wording import NBSP, money, number, signed
from zhytomyr_kpi.document.vocabulary import GROUP_GENITIVE
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.indicators import unit_words
from zhytomyr_kpi.report.periods import Period

GROUP_BY_WORD = {"затрати": "cost", "продукт": "output", "ефективність": "efficiency",
                 "якість": "quality"}


@dataclass
class Inconsistency:
    check: str
    place: str  # where in the decision, by its structure
    text: str  # what is wrong, in plain words with units
    year: str | None
    measure: str | None = None
    section: str | None = None
    number: int | None = None
    stated: float | None = None
    computed: float | None = None
    unit: str = "тис. грн"
    line: int | None = None  # the text file's line, for the audit trail only (never printed)


def decimals_of(value: float, most: int = 3) -> int:
    """How many decimals a figure has (at least one, at most ``most``)."""
    text = f"{float(value):.{most}f}".rstrip("0")
    return max(1, len(text.split(".")[1]) if "." in text else 1)


def amount(value: float, unit: str = "тис. грн", most: int = 3) -> str:
    """An amount with as many decimals as it has (at least one): «1 570,0 тис. грн»."""
    from zhytomyr_kpi.report.markup import rounded

    decimals = decimals_of(value, most)
    if unit == "тис. грн":
        return money(rounded(value, decimals), decimals)
    return f"{number(rounded(value, decimals), decimals)}{NBSP}{unit}"


def _delta(stated: float, computed: float) -> str:
    delta = round(stated - computed, 3)
    return f"{signed(delta, decimals_of(delta))}{NBSP}тис.{NBSP}грн"


def year_words(year: str | None, term: str) -> str:
    if year in (None, "total"):
        return f"усього за {term} роки"
    if year == "baseline":
        return "базове значення"
    return f"{year} рік"


def _section(text: str) -> str | None:
    found = re.search(r"напрям\w* (\d+)", text)
    return found.group(1) if found else None


def _value(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


#: Checks whose errors the report states as the check words them (a row's «Всього», РАЗОМ
#: against the ВСЬОГО rows, Table 6.1 and the passport): each is an inconsistency of the
#: decision's own figures.
_MONEY_AS_STATED = ("row_total", "grand_total", "resources_internal", "resources_vs_annex_a",
                    "passport_total")


def collect(program: Program) -> list[Inconsistency]:
    """Every error and warning of the checks, worded for a reader (info findings left out)."""
    term = program.term_label
    units = program.indicators.drop_duplicates(["group", "number"]).set_index(
        ["group", "number"])
    found: list[Inconsistency] = []
    seen: set[tuple[str, str]] = set()
    # a place stating the money (Table 6.1's source rows, the passport) against the measures:
    # stated where no direction's ВСЬОГО already explains a difference in that year
    findings = program.findings
    explained = set(findings[findings.check.isin(["section_total", "grand_total_measures"])
                             & (findings.severity == "error")].year_ref.dropna().astype(str))
    for f in program.findings.itertuples():
        if f.severity not in ("error", "warning"):
            continue
        year = None if pd.isna(f.year_ref) else str(f.year_ref)
        measure = None if pd.isna(f.measure_ref) else str(f.measure_ref)
        stated, computed = _value(f.stated), _value(f.computed)
        when = year_words(year, term)
        item = None
        if f.check == "section_total":
            section = _section(f.location)
            item = Inconsistency(
                f.check, f"додаток А, напрям {section}, рядок «ВСЬОГО», {when}",
                f"у рядку зазначено {amount(stated)}, а сума заходів напряму — "
                f"{amount(computed)} (різниця {_delta(stated, computed)})", year,
                section=section, stated=stated, computed=computed)
        elif f.check == "grand_total_measures":
            item = Inconsistency(
                f.check, f"додаток А, рядок «РАЗОМ», {when}",
                f"зазначено {amount(stated)}, а сума всіх заходів — {amount(computed)} "
                f"(різниця {_delta(stated, computed)}); "
                "розбіжність іде від рядків «ВСЬОГО» напрямів", year, stated=stated,
                computed=computed)
        elif f.check == "breakdown_sum":
            parts = re.search(r"(\d+) складов", f.message)
            item = Inconsistency(
                f.check, f"додаток А, захід {measure}, {when}",
                f"заходу передбачено {amount(stated)}, а сума його складових «в т. ч.»"
                f"{' (' + parts.group(1) + ')' if parts else ''} — {amount(computed)}",
                year, measure, stated=stated, computed=computed)
        elif f.check == "duplicate_ids":
            printed = re.search(r"номер (\S+) надруковано", f.message)
            item = Inconsistency(
                f.check, f"додаток А, захід {printed.group(1) if printed else measure}",
                "номер заходу надруковано двічі для різних субпроектів; у звіті другий з них "
                f"позначено {measure}", year, measure)
        elif f.check == "non_numeric_amounts":
            cell = re.search(r"«(.+)»", f.message)
            if "текст" in f.message:
                item = Inconsistency(f.check, f"додаток А, захід {measure}, графа «{when}»",
                                     f"замість суми — текст «{cell.group(1) if cell else ''}»",
                                     year, measure)
            else:  # the same merged cells in every column: one item for the measure
                item = Inconsistency(
                    f.check, f"додаток А, захід {measure}, графи сум",
                    f"у клітинках по кілька чисел «{cell.group(1) if cell else ''}» (схоже на "
                    "об'єднані рядки трьох підзаходів)", None, measure)
        elif f.check == "stray_numbers":
            repeats = re.search(r"повторюють суми заходу (\S+) ", f.message)
            item = Inconsistency(
                f.check, f"додаток А, рядок під заходом {measure}",
                "надруковано суми, що не належать жодному заходу"
                + (f" (вони повторюють суми заходу {repeats.group(1)})" if repeats else "")
                + "; у підсумки їх не враховано", year, measure)
        elif f.check == "term_vs_money":
            item = _term(program, f, measure, year)
        elif f.check == "efficiency_ratio":
            number_ = int(re.search(r"ефективність (\d+)", f.location).group(1))
            row = units.loc[("efficiency", number_)]
            unit = unit_words(row.unit_code, row.unit)
            item = Inconsistency(
                f.check, f"додаток Б, показник ефективності {number_}, {when}",
                f"зазначено {amount(stated, unit)}, а затрати ÷ продукт того самого додатка "
                f"дають {amount(computed, unit, most=2)}", year, number=number_, stated=stated,
                computed=computed, unit=unit)
        elif f.check == "indicator_units":
            hit = re.search(r"показник (\S+) (\d+)", f.location)
            group = GROUP_BY_WORD.get(hit.group(1), hit.group(1)) if hit else ""
            item = Inconsistency(
                f.check, f"додаток Б, показник {GROUP_GENITIVE.get(group, '')} "
                f"{hit.group(2) if hit else ''}".replace("  ", " "),
                "назва показника говорить про місце в рейтингу, а одиниця виміру — бали",
                year)
        elif f.check == "kpi_targets":
            item = _kpi(program, f, year)
        elif f.check == "cost_vs_allocation" and stated is not None and computed is not None:
            hit = re.search(r"затрат (\d+)", f.location)
            covered = re.search(r"на заходи (.+?) — ", f.message)
            item = Inconsistency(
                f.check, f"додаток Б, показник затрат {hit.group(1) if hit else ''}, {when}",
                f"зазначено {amount(stated)}, а кошти заходів додатка А, які він охоплює"
                f"{' (' + covered.group(1) + ')' if covered else ''}, — {amount(computed)} "
                f"(різниця {_delta(stated, computed)}; відповідність заходів — за переглянутим "
                "зіставленням, рішення її не дає)", year,
                number=int(hit.group(1)) if hit else None, stated=stated, computed=computed)
        elif f.severity == "error" and (f.check in _MONEY_AS_STATED or (
                f.check == "totals_vs_measures" and str(f.year_ref) not in explained)):
            # the money checks No. 1685 passes and another programme may not: as the check
            # words them, with the numbers
            item = Inconsistency(f.check, f.location, f.message, year, measure,
                                 stated=stated, computed=computed)
        if item is not None:
            item.line = None if pd.isna(f.line) else int(f.line)
        if item is not None and (item.place, item.text) not in seen:
            seen.add((item.place, item.text))
            found.append(item)
    return found


def _term(program: Program, f, measure: str | None, year: str | None) -> Inconsistency:
    measures = program.measures.set_index("measure_id")
    term = str(measures.loc[measure, "term"] or "").strip() if measure in measures.index else ""
    funding = program.funding
    amounts = funding[(funding.measure_id == measure) & funding.amount_kuah.notna()
                      & (funding.amount_kuah > 0)]
    if not term:
        years = ", ".join(amounts.year)
        return Inconsistency(f.check, f"додаток А, захід {measure}",
                             f"кошти передбачено на {years} роки, але термін виконання не "
                             "вказано", year, measure)
    extra = amounts[amounts.year == year]
    money_text = amount(float(extra.amount_kuah.iloc[0])) if len(extra) else ""
    return Inconsistency(
        f.check, f"додаток А, захід {measure}",
        f"термін виконання — {term} рік, але кошти передбачено й на {year} рік"
        + (f" ({money_text})" if money_text else ""), year, measure)


def _kpi(program: Program, f, year: str | None) -> Inconsistency:
    from zhytomyr_kpi.report.markup import top

    text = top(f.message)
    name = text.split(":")[0]
    hit = re.search(r"показник якості (\d+)", text)
    passport = re.search(r"паспорт ставить ціль на \d+ «([^»]+)»", text)
    annex = re.search(r"додаток Б[^«]*«([^»]+)»", text)
    return Inconsistency(
        f.check, f"паспорт програми, пункт 12, і додаток Б, показник якості "
        f"{hit.group(1) if hit else ''}".strip(),
        f"{name}: ціль на {year} рік у паспорті — {passport.group(1) if passport else ''}, "
        f"а в додатку Б — {annex.group(1) if annex else ''}", year)


def of_period(items: list[Inconsistency], period: Period) -> list[Inconsistency]:
    """Those that concern the period: its years, and those of no year (the whole decision)."""
    wanted = set(period.years) | ({"total", "baseline"} if period.is_final else set())
    return [i for i in items if i.year is None or i.year in wanted]
