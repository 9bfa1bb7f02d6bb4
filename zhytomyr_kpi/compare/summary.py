"""What the amendment changes, in a few lines of Ukrainian: the console's answer and the
comparative table's first paragraph. Counts agree in number with their nouns; decreases carry
«−»; amounts are in thousand UAH."""

from __future__ import annotations

import pandas as pd

from zhytomyr_kpi.basics.wording import count, money, number, signed
from zhytomyr_kpi.compare.changes import EPSILON, Comparison

FIELD_LABELS = {
    "task": "завдання", "content": "зміст заходу", "term": "термін виконання",
    "executors": "виконавці", "funding_source": "джерело фінансування",
    "expected_result": "очікуваний результат", "direction": "назва напряму",
    "measure": "захід", "id": "номер", "name": "назва", "unit": "одиниця виміру",
    "value": "значення", "number": "номер", "indicator": "показник",
}
GROUP_LABELS = {"cost": "затрат", "output": "продукту", "efficiency": "ефективності",
                "quality": "якості"}


def years_text(years: tuple[str, ...]) -> str:
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"


def year_label(year: str, comparison: Comparison) -> str:
    """«2019», or «усього» for the row's total column."""
    return "усього" if year == "total" else year


def headline(comparison: Comparison) -> str:
    old, new = comparison.old, comparison.new
    return (f"Порівняння редакцій: {new.title or old.title or 'програма без назви'}; чинна — "
            f"{old.reference}, запропонована — {new.reference}")


def lines(comparison: Comparison) -> list[str]:
    """The summary as lines (no headline)."""
    c = comparison
    result = [_years(c)]
    if c.unchanged:
        result.append("Змін у заходах, коштах, показниках і паспорті немає: тексти цих частин "
                      "збігаються.")
    m = c.measures
    kinds = m.change.value_counts()
    wording = m[m.change == "changed"]
    changed_measures = wording[wording.field != "direction"].new_id.nunique()
    result.append(
        "Заходи: додано " + count(int(kinds.get("added", 0)), "захід", "заходи", "заходів") +
        ", вилучено " + count(int(kinds.get("removed", 0)), "захід", "заходи", "заходів") +
        ", змінено номер — " + count(int(kinds.get("renumbered", 0)), "захід", "заходи",
                                      "заходів") +
        ", змінено формулювання — у " + count(int(changed_measures), "заході", "заходах",
                                             "заходах") + ".")
    result.append(_money(c))
    result.append(_indicators(c))
    passport = c.passport
    if len(passport):
        items = passport[passport.item != "target"]
        targets = passport[passport.item == "target"]
        parts = []
        if len(items):
            parts.append("змінено " + count(len(items), "пункт", "пункти", "пунктів") +
                         " (" + ", ".join(items.item.astype(str)) + ")")
        if len(targets):
            parts.append("змінено " + count(len(targets), "ціль", "цілі", "цілей") +
                         " ключових показників")
        result.append("Паспорт: " + "; ".join(parts) + ".")
    else:
        result.append("Паспорт: без змін.")
    result.append(_findings(c))
    return result


def _years(c: Comparison) -> str:
    text = f"Роки: {years_text(c.common_years)} — в обох редакціях"
    if c.added_years:
        text += f"; нові роки: {', '.join(c.added_years)}"
    if c.removed_years:
        text += f"; вилучено роки: {', '.join(c.removed_years)}"
    return text + "."


def programme_totals(c: Comparison) -> pd.DataFrame:
    t = c.totals
    return t[t.part == "programme"]


def _money(c: Comparison) -> str:
    changed = c.money[c.money.year != "total"]
    text = "Кошти: змінено " + count(len(changed), "суму", "суми", "сум") + " заходів за роками"
    rows = []
    for r in programme_totals(c).itertuples():
        moved = r.measures_delta_kuah
        delta = r.delta_kuah
        if (delta is None or pd.isna(delta) or abs(delta) <= EPSILON) and abs(moved) <= EPSILON:
            continue
        piece = f"{year_label(r.year, c)}: {_amount(r.old_kuah)} → {_amount(r.new_kuah)}"
        if delta is not None and not pd.isna(delta):
            piece += f" ({_signed(delta)})"
        if delta is None or pd.isna(delta) or abs(moved - delta) > EPSILON:
            piece += f", а зміни заходів дають {_signed(moved)}"
        rows.append(piece)
    if rows:
        text += "; разом за Програмою, тис. грн: " + "; ".join(rows)
    else:
        text += "; разом за Програмою — без змін"
    return text + "."


def _signed(value: float) -> str:
    return "0,0" if abs(value) <= EPSILON else signed(value)


def _amount(value) -> str:
    return "—" if value is None or pd.isna(value) else money(value).replace("\u00a0тис.\u00a0грн",
                                                                            "")


def _indicators(c: Comparison) -> str:
    i = c.indicators
    if not len(i):
        return "Показники додатка Б: без змін."
    kinds = i.change.value_counts()
    values = int((i.field == "value").sum())
    parts = []
    if kinds.get("added"):
        parts.append("додано " + count(int(kinds["added"]), "показник", "показники",
                                       "показників"))
    if kinds.get("removed"):
        parts.append("вилучено " + count(int(kinds["removed"]), "показник", "показники",
                                         "показників"))
    if values:
        parts.append("змінено " + count(values, "значення", "значення", "значень"))
    other = int(((i.change == "changed") & (i.field != "value")).sum()) + \
        int(kinds.get("renumbered", 0))
    if other:
        parts.append("змінено назв, одиниць або номерів — " + number(other, 0))
    return "Показники додатка Б: " + ", ".join(parts) + "."


def _findings(c: Comparison) -> str:
    kinds = c.findings.status.value_counts()
    def n(*statuses: str) -> str:
        return number(sum(int(kinds.get(status, 0)) for status in statuses), 0)

    return ("Невідповідності в тексті: усунено " + n("fixed") +
            ", залишилося " + n("kept", "changed") +
            (f" (з них з іншими сумами — {n('changed')})" if kinds.get("changed") else "") +
            ", нових " + n("introduced") + ".")


def console(comparison: Comparison, note: str = "") -> str:
    text = [headline(comparison), *(f"  {line}" for line in lines(comparison))]
    if note:
        text.append(f"  Примітка: {note}.")
    return "\n".join(text) + "\n"
