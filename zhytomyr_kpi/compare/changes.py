"""What an amendment changes: two editions of one programme, compared part by part.

:func:`compare` takes the programme as it stands (``old``) and the draft (``new``), both read
by the same parser with the same checks, and returns a :class:`Comparison`: tidy frames with
one row per change, each with the kind of change and the source line in both texts.

- ``measures``: added, removed, renumbered, and changed wording (content, task, term,
  executors, funding source, expected result); matched by content (:mod:`.matching`), so a
  measure put in the middle does not make every later one «changed»;
- ``money``: every amount of a measure that differs, per year of both editions and for the
  row's «Всього», old, new and the difference (added and removed measures: their amounts);
- ``totals``: each direction's and the programme's printed totals, Table 6.1 by source and the
  passport's total, old, new and the difference, with what the measures' changes add up to
  (``measures_delta_kuah``), so a total that moved without its measures (or the other way)
  shows;
- ``indicators``: Annex B indicators added, removed and changed (name, unit, each period's
  value), matched by group and name, then number;
- ``passport``: passport items whose text changed and the key indicators' targets;
- ``findings``: the inconsistencies each edition has, as fixed (only the old), kept (both,
  saying the same), changed (both, with other figures) or introduced (only the new).

The money of years that only one edition has is compared too (the other side is empty): the
frames say which years are common (:attr:`Comparison.common_years`). Nothing is rounded or
dropped: amounts are the parser's, in thousand UAH; a cell that holds no number is compared
as printed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.compare.findings import FINDING_COLUMNS, compare_findings
from zhytomyr_kpi.compare.frames import frame as _frame
from zhytomyr_kpi.compare.frames import text as _text
from zhytomyr_kpi.compare.matching import Item, match, normalised, similarity
from zhytomyr_kpi.document.heading import decision_reference
from zhytomyr_kpi.tables.programme import ProgrammeTables

#: Below this similarity two titles are two different programmes, not two editions.
SAME_PROGRAMME = 0.6
#: Amounts closer than this (thousand UAH: half a hryvnia) are equal.
EPSILON = 0.0005
#: The measure's fields whose wording is compared, in the comparative table's order.
TEXT_FIELDS = ("task", "content", "term", "executors", "funding_source", "expected_result")

MEASURE_COLUMNS = ("change", "section", "old_id", "new_id", "field", "old_text", "new_text",
                   "old_line", "new_line")
MONEY_COLUMNS = ("change", "section", "old_id", "new_id", "content", "year", "old_kuah",
                 "new_kuah", "delta_kuah", "old_text", "new_text", "counts_in_total",
                 "old_line", "new_line")
TOTAL_COLUMNS = ("part", "key", "label", "year", "old_kuah", "new_kuah", "delta_kuah",
                 "measures_delta_kuah", "old_text", "new_text", "old_line", "new_line")
INDICATOR_COLUMNS = ("change", "group", "old_number", "new_number", "name", "field", "period",
                     "old_text", "new_text", "delta", "old_line", "new_line")
PASSPORT_COLUMNS = ("change", "item", "label", "old_text", "new_text", "old_line", "new_line")
_EMPTY = {"", "-", "–", "—", "0"}


@dataclass(frozen=True)
class Edition:
    """One side of the comparison: the programme and the decision that states it."""

    programme: ProgrammeTables
    date: str
    number: str

    @property
    def path(self) -> Path:
        return self.programme.path

    @property
    def title(self) -> str:
        return " ".join(self.programme.title.split())

    @property
    def years(self) -> tuple[str, ...]:
        return self.programme.years

    @property
    def reference(self) -> str:
        """«рішення від 18.12.2019 № 1685», or the file's name when the heading has none."""
        if self.date or self.number:
            return "рішення" + (f" від {self.date}" if self.date else "") + \
                (f" № {self.number}" if self.number else "")
        return f"«{self.path.name}»"


@dataclass
class Comparison:
    """Two editions and what differs between them (see the module's docstring)."""

    old: Edition
    new: Edition
    measures: pd.DataFrame
    money: pd.DataFrame
    totals: pd.DataFrame
    indicators: pd.DataFrame
    passport: pd.DataFrame
    findings: pd.DataFrame
    id_map: dict[str, str] = field(default_factory=dict)  # old measure id → new id

    @property
    def common_years(self) -> tuple[str, ...]:
        return tuple(y for y in self.new.years if y in self.old.years)

    @property
    def added_years(self) -> tuple[str, ...]:
        return tuple(y for y in self.new.years if y not in self.old.years)

    @property
    def removed_years(self) -> tuple[str, ...]:
        return tuple(y for y in self.old.years if y not in self.new.years)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The parts by name, in the comparative table's order."""
        return {"measures": self.measures, "money": self.money, "totals": self.totals,
                "indicators": self.indicators, "passport": self.passport,
                "findings": self.findings}

    @property
    def unchanged(self) -> bool:
        return all(frame.empty for name, frame in self.frames().items()
                   if name not in ("totals", "findings")) and \
            not self.totals.delta_kuah.fillna(0).abs().gt(EPSILON).any() and \
            not (self.totals.old_text != self.totals.new_text).any()


def compare(old: ProgrammeTables, new: ProgrammeTables) -> Comparison:
    """Compare two editions of one programme (``old``: in force, ``new``: the draft).

    Raises :class:`~zhytomyr_kpi.basics.errors.ParseError` (naming both files and both titles)
    when they are two different programmes.
    """
    old_edition, new_edition = _edition(old), _edition(new)
    _same_programme(old_edition, new_edition)
    pairs = _measure_pairs(old, new)
    id_map = {o.measure_id: n.measure_id for o, n in pairs if o is not None and n is not None}
    money = _money(old, new, pairs)
    return Comparison(
        old=old_edition, new=new_edition,
        measures=_measures(old, new, pairs),
        money=money,
        totals=_totals(old, new, money),
        indicators=_indicators(old, new),
        passport=_passport(old, new),
        findings=compare_findings(old, new, id_map),
        id_map=id_map)


def _edition(programme: ProgrammeTables) -> Edition:
    when, number = decision_reference(programme.document.lines)
    return Edition(programme, when, number)


def _same_programme(old: Edition, new: Edition) -> None:
    a, b = normalised(_bare_title(old.title)), normalised(_bare_title(new.title))
    if a and b and similarity(a, b) < SAME_PROGRAMME:
        raise ParseError(new.path, f"це інша програма, не нова редакція: «{_short(new.title)}»"
                                   f" ({new.path.name}) і «{_short(old.title)}» "
                                   f"({old.path.name})")


def _bare_title(title: str) -> str:
    """The programme's name without its term («… на 2021-2023 роки»): a prolonged programme
    is still the same programme."""
    return re.sub(r"\bна\s+\d{4}(?:\s*[-–—]\s*\d{4})?\s*(?:рок[иі]в?|р\.|рр\.)?", "",
                  title).strip()


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class _Pair:
    old: object  # a measures row (namedtuple) or None
    new: object


def _items(measures: pd.DataFrame) -> list[Item]:
    return [Item(key=m.measure_id, group=str(m.section), text=normalised(m.content),
                 context=normalised(f"{m.task} | {m.executors}"), position=i)
            for i, m in enumerate(measures.itertuples())]


def _measure_pairs(old: ProgrammeTables, new: ProgrammeTables) -> list[tuple]:
    rows_old = list(old.measures.itertuples())
    rows_new = list(new.measures.itertuples())
    pairs = match(_items(old.measures), _items(new.measures))
    return [(rows_old[o.position] if o else None, rows_new[n.position] if n else None)
            for o, n in pairs]


def _measures(old: ProgrammeTables, new: ProgrammeTables, pairs: list[tuple]) -> pd.DataFrame:
    rows = []
    for o, n in pairs:
        if o is None:
            rows.append(("added", n.section, "", n.measure_id, "measure", "", _text(n.content),
                         None, n.source_line))
            continue
        if n is None:
            rows.append(("removed", o.section, o.measure_id, "", "measure", _text(o.content), "",
                         o.source_line, None))
            continue
        if o.printed_id != n.printed_id:
            rows.append(("renumbered", n.section, o.measure_id, n.measure_id, "id",
                         o.printed_id, n.printed_id, o.source_line, n.source_line))
        for name in TEXT_FIELDS:
            before, after = _text(getattr(o, name)), _text(getattr(n, name))
            if normalised(before) != normalised(after):
                rows.append(("changed", n.section, o.measure_id, n.measure_id, name, before,
                             after, o.source_line, n.source_line))
    old_titles = _direction_titles(old)
    for section, title in _direction_titles(new).items():
        before = old_titles.get(section)
        if before is not None and normalised(before[0]) != normalised(title[0]):
            rows.append(("changed", section, "", "", "direction", before[0], title[0],
                         before[1], title[1]))
    return _frame(rows, MEASURE_COLUMNS)


def _direction_titles(programme: ProgrammeTables) -> dict[str, tuple[str, int]]:
    return {s.section: (_text(s.title), s.source_line)
            for s in programme.section_totals.drop_duplicates("section").itertuples()
            if s.section != "total"}


# ---------------------------------------------------------------- money


def amount(value: object, text: object) -> float | None:
    """A cell's amount for comparing: its number; 0 for an empty cell or a dash; None for a
    cell that holds words («Рішенням 61-ї сесії …»), which is compared as printed."""
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return 0.0 if _text(text).strip(".,") in _EMPTY else None


def _cells(programme: ProgrammeTables) -> dict[str, dict[str, tuple]]:
    """measure id → {year or "total": (amount, text, counts_in_total, line)}."""
    cells: dict[str, dict[str, tuple]] = {}
    for f in programme.funding.itertuples():
        cells.setdefault(f.measure_id, {})[f.year] = (
            amount(f.amount_kuah, f.cell_text), _text(f.cell_text), bool(f.counts_in_total),
            f.source_line)
    for m in programme.measures.itertuples():
        cells.setdefault(m.measure_id, {})["total"] = (
            amount(m.total_stated_kuah, m.total_cell_text), _text(m.total_cell_text),
            bool(m.counts_in_total), m.source_line)
    return cells


def _money(old: ProgrammeTables, new: ProgrammeTables, pairs: list[tuple]) -> pd.DataFrame:
    years = [*new.years, *(y for y in old.years if y not in new.years), "total"]
    old_cells, new_cells = _cells(old), _cells(new)
    rows = []
    for o, n in pairs:
        before = old_cells.get(o.measure_id, {}) if o is not None else {}
        after = new_cells.get(n.measure_id, {}) if n is not None else {}
        change = "added" if o is None else "removed" if n is None else "changed"
        row = n if n is not None else o
        for year in years:
            a = before.get(year)
            b = after.get(year)
            if a is None and b is None:
                continue
            a_value, a_text = (a[0], a[1]) if a else (0.0, "")
            b_value, b_text = (b[0], b[1]) if b else (0.0, "")
            if a_value is not None and b_value is not None:
                if abs(b_value - a_value) <= EPSILON:
                    continue
                delta = b_value - a_value
            elif normalised(a_text) == normalised(b_text):
                continue
            else:
                delta = None
            counts = (b or a)[2]
            rows.append((change, row.section, o.measure_id if o is not None else "",
                         n.measure_id if n is not None else "", _text(row.content), year,
                         a_value if a else None, b_value if b else None, delta, a_text, b_text,
                         counts, a[3] if a else None, b[3] if b else None))
    return _frame(rows, MONEY_COLUMNS)


# ---------------------------------------------------------------- totals


def _totals(old: ProgrammeTables, new: ProgrammeTables, money: pd.DataFrame) -> pd.DataFrame:
    counted = money[money.counts_in_total.astype(bool)] if len(money) else money
    rows = []
    before = {(t.section, t.year): t for t in old.section_totals.itertuples()}
    after = {(t.section, t.year): t for t in new.section_totals.itertuples()}
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        section, year = key
        label = _text((b or a).title) if section != "total" else "Разом за Програмою"
        moved = counted[(counted.year == year) & ((counted.section == section) |
                                                  (section == "total"))]
        rows.append(("programme" if section == "total" else "direction", section, label, year,
                     _kuah(a, "stated_kuah"), _kuah(b, "stated_kuah"),
                     _delta(_kuah(a, "stated_kuah"), _kuah(b, "stated_kuah")),
                     float(pd.to_numeric(moved.delta_kuah, errors="coerce").fillna(0).sum()),
                     "", "", a.source_line if a else None, b.source_line if b else None))
    before = {(r.source, r.year): r for r in old.resources.itertuples()}
    after = {(r.source, r.year): r for r in new.resources.itertuples()}
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        rows.append(("resources", key[0], _text((b or a).label), key[1],
                     _kuah(a, "amount_kuah"), _kuah(b, "amount_kuah"),
                     _delta(_kuah(a, "amount_kuah"), _kuah(b, "amount_kuah")), None,
                     _text(a.cell_text) if a else "", _text(b.cell_text) if b else "",
                     a.source_line if a else None, b.source_line if b else None))
    before = {f.source: f for f in old.document.passport_funding}
    after = {f.source: f for f in new.document.passport_funding}
    for source in [*after, *(s for s in before if s not in after)]:
        a, b = before.get(source), after.get(source)
        a_value, b_value = _passport_amount(a), _passport_amount(b)
        rows.append(("passport", source, _text((b or a).label), "total", a_value, b_value,
                     _delta(a_value, b_value), None, a.cell.text if a else "",
                     b.cell.text if b else "", a.cell.source_line if a else None,
                     b.cell.source_line if b else None))
    return _frame(rows, TOTAL_COLUMNS)


def _kuah(row, column: str) -> float | None:
    if row is None:
        return None
    value = getattr(row, column)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else \
        float(value)


def _passport_amount(item) -> float | None:
    if item is None or len(item.cell.values) != 1:
        return None
    return float(item.cell.values[0])


def _delta(before: float | None, after: float | None) -> float | None:
    """after − before, computed in decimals: 1 250,0005 − 1 200,0 is 50,0005, not
    50,0005000000001 (amounts have at most the decimals their cells print, in thousands)."""
    if before is None and after is None:
        return None
    difference = Decimal(str(after or 0.0)) - Decimal(str(before or 0.0))
    return float(difference)


# ---------------------------------------------------------------- indicators and passport


def _indicators(old: ProgrammeTables, new: ProgrammeTables) -> pd.DataFrame:
    def table(programme):
        ind = programme.indicators
        heads = ind.drop_duplicates("indicator_id")
        values = {(r.indicator_id, r.period): r for r in ind.itertuples()}
        return list(heads.itertuples()), values

    old_heads, old_values = table(old)
    new_heads, new_values = table(new)

    def items(heads):
        return [Item(key=str(h.number), group=h.group, text=normalised(h.name),
                     context=normalised(h.unit), position=i) for i, h in enumerate(heads)]

    periods = list(dict.fromkeys([*new.document.periods, *old.document.periods]))
    rows = []
    for o, n in match(items(old_heads), items(new_heads)):
        a = old_heads[o.position] if o else None
        b = new_heads[n.position] if n else None
        head = b if b is not None else a
        base = ("", head.group, a.number if a is not None else None,
                b.number if b is not None else None, _text(head.name))
        if a is None or b is None:
            values = new_values if a is None else old_values
            shown = "; ".join(f"{_period(p)}: {_text(values[(head.indicator_id, p)].value_text)}"
                              for p in periods if (head.indicator_id, p) in values)
            rows.append(("added" if a is None else "removed", *base[1:], "indicator", "",
                         shown if a is not None else "", shown if a is None else "", None,
                         a.source_line if a is not None else None,
                         b.source_line if b is not None else None))
            continue
        if a.number != b.number:
            rows.append(("renumbered", *base[1:], "number", "", str(a.number), str(b.number),
                         None, a.source_line, b.source_line))
        for name in ("name", "unit"):
            if normalised(getattr(a, name)) != normalised(getattr(b, name)):
                rows.append(("changed", *base[1:], name, "", _text(getattr(a, name)),
                             _text(getattr(b, name)), None, a.source_line, b.source_line))
        for period in periods:
            x = old_values.get((a.indicator_id, period))
            y = new_values.get((b.indicator_id, period))
            x_text = _text(x.value_text) if x is not None else ""
            y_text = _text(y.value_text) if y is not None else ""
            if normalised(x_text) == normalised(y_text):
                continue
            x_value = _kuah(x, "value")
            y_value = _kuah(y, "value")
            delta = y_value - x_value if x_value is not None and y_value is not None else None
            if delta is not None and abs(delta) <= EPSILON and x_text.strip() and y_text.strip():
                continue  # «380,0» and «380» are one value
            rows.append(("changed", *base[1:], "value", period, x_text, y_text, delta,
                         x.source_line if x is not None else a.source_line,
                         y.source_line if y is not None else b.source_line))
    return _frame(rows, INDICATOR_COLUMNS)


def _period(period: str) -> str:
    return "вихідні дані" if period == "baseline" else period


def _passport(old: ProgrammeTables, new: ProgrammeTables) -> pd.DataFrame:
    rows = []
    before = {p.item: p for p in old.passport.itertuples()}
    after = {p.item: p for p in new.passport.itertuples()}
    for item in sorted(set(before) | set(after)):
        a, b = before.get(item), after.get(item)
        a_text = _text(a.value_full) if a is not None else ""
        b_text = _text(b.value_full) if b is not None else ""
        if normalised(a_text) != normalised(b_text):
            label = _text((b if b is not None else a).label)
            change = "added" if a is None else "removed" if b is None else "changed"
            rows.append((change, str(item), label, a_text, b_text,
                         a.source_line if a is not None else None,
                         b.source_line if b is not None else None))
    before = {normalised(t.name): t for t in old.kpi_targets.itertuples()}
    after = {normalised(t.name): t for t in new.kpi_targets.itertuples()}
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        a_text = _target(a)
        b_text = _target(b)
        if a_text != b_text:
            change = "added" if a is None else "removed" if b is None else "changed"
            rows.append((change, "target", _text((b if b is not None else a).name), a_text,
                         b_text, a.source_line if a is not None else None,
                         b.source_line if b is not None else None))
    return _frame(rows, PASSPORT_COLUMNS)


def _target(row) -> str:
    if row is None:
        return ""
    year = row.target_year
    when = "" if year is None or pd.isna(year) else f" ({int(year)} рік)"
    return f"{_text(row.target_text)}{when}"


__all__ = ["FINDING_COLUMNS", "Comparison", "Edition", "compare"]
