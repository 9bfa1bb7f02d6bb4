"""Records → the programme's structure: corrections applied, parents, what counts in totals.

Pure Python (no pandas) so that ``zhytomyr-kpi validate`` starts fast; the pandas frames
are made from these records in :mod:`zhytomyr_kpi.tables.frames`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.wording import clip
from zhytomyr_kpi.document.model import Document, Measure
from zhytomyr_kpi.document.numbers import CellKind
from zhytomyr_kpi.document.quirks import Quirks

#: Words that make a measure a «в т. ч.» parent: its amounts include its numbered parts.
IN_WHICH = re.compile(r"(?<![а-яіїєґ'])(?:в|у)\s*т\.\s*ч\.?|(?:в|у)\s+тому\s+числі", re.I)


@dataclass(frozen=True)
class MeasureRole:
    """Where a measure sits: its parent and whether section totals count it."""

    parent_id: str | None
    counts_in_total: bool
    breakdown_parent: bool  # its amounts are the «в т. ч.» sum of its parts
    breakdown_of: str | None  # the breakdown parent this measure is a part of


def apply_text_corrections(document: Document, quirks: Quirks) -> None:
    """Apply reviewed text corrections; the printed text must match exactly, or it is an error."""
    by_id = {m.measure_id: m for m in document.annex_a.measures}
    for row in quirks.text_corrections:
        measure = by_id.get(row["measure_id"])
        if measure is None:
            continue  # reported by Quirks.check_all_used
        current = getattr(measure, row["field"])
        if current != row["printed"]:
            where = quirks.directory / row.file if quirks.directory else row.file
            raise ParseError(where, f"захід {measure.measure_id}, поле {row['field']}: у документі "
                             f"«{clip(current, 80)}», а не «{clip(row['printed'], 80)}»", line=row.row)
        setattr(measure, row["field"], row["corrected"])
        row.used = True


def measure_roles(measures: list[Measure], quirks: Quirks) -> dict[str, MeasureRole]:
    """Parent of each measure (the longest id prefix that is a measure) and counting rule.

    By default every numbered row counts in its section's ВСЬОГО (e.g. 1.8 and 1.8.1-1.8.7 are
    separate measures). A «в т. ч.» parent is a sum: it counts, its parts do not. A parent is
    one when ``breakdowns.csv`` lists it, or when its text says «в т. ч.» / «у т.ч.» / «в тому
    числі», it has numbered parts, and its amount cells are single numbers or «-», at least one
    a number. A cell of merged rows, like 3.5's «0,0 0,0 0,0», is not read as a sum
    (``breakdown_text`` reports it); a parent of dashes only states no sum, so its parts are
    the money.
    """
    ids = {m.measure_id for m in measures}
    breakdown_parents = set()
    for parent_id, row in quirks.breakdowns.items():
        if parent_id in ids:
            row.used = True
            breakdown_parents.add(parent_id)
    # every id's prefixes before a dot («2.1» of «2.1.3»): a set, so each look-up is one step
    # (a scan of all ids for every measure made a long document quadratic)
    with_parts = {i[:at] for i in ids for at, ch in enumerate(i) if ch == "."}
    for m in measures:
        has_parts = m.measure_id in with_parts
        if has_parts and IN_WHICH.search(f"{m.task} {m.content}") and all(
                c.kind in (CellKind.NUMBER, CellKind.DASH, CellKind.EMPTY, CellKind.ABSENT)
                for c in m.amounts.values()) and any(
                c.kind is CellKind.NUMBER for c in m.amounts.values()):
            breakdown_parents.add(m.measure_id)
    roles = {}
    for measure in measures:
        parts = measure.measure_id.split(".")
        parent = next((".".join(parts[:n]) for n in range(len(parts) - 1, 1, -1)
                       if ".".join(parts[:n]) in ids), None)
        mid = measure.measure_id
        above = [mid[:at] for at, ch in enumerate(mid) if ch == "." and mid[:at] in breakdown_parents]
        breakdown_of = above[0] if len(above) == 1 else next(  # nested parents: as ever
            (p for p in breakdown_parents if mid.startswith(p + ".")), None)
        roles[measure.measure_id] = MeasureRole(
            parent_id=parent, counts_in_total=breakdown_of is None,
            breakdown_parent=measure.measure_id in breakdown_parents, breakdown_of=breakdown_of)
    return roles
