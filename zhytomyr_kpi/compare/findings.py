"""The inconsistencies of two editions: which the draft fixes, keeps, changes or introduces.

A finding is the same finding in both editions when its check, its measure (the old id
mapped to the new one), its year and its place agree, line numbers and measure ids aside
(they shift with renumbering); kept findings whose message differs otherwise say other
figures («changed»).
"""

from __future__ import annotations

import re

import pandas as pd

from zhytomyr_kpi.compare.frames import frame, text
from zhytomyr_kpi.compare.matching import normalised
from zhytomyr_kpi.tables.programme import ProgrammeTables

FINDING_COLUMNS = ("status", "check", "measure_id", "year", "old_message", "new_message",
                   "old_line", "new_line")

_LINE_REF = re.compile(r"\(?(?:на\s+)?ряд(?:ок|к[аиуі]|ках)\s*\d+(?:\s*[-–]\s*\d+)?\)?")
_MEASURE_REF = re.compile(r"захід\s+\S+")
_MEASURE_ID = re.compile(r"\b\d+(?:\.\d+)+\.?")


def _finding_key(check: str, measure: str, year: str, location: str) -> tuple:
    where = _MEASURE_REF.sub("захід", _LINE_REF.sub("", location))
    return check, measure, year, normalised(where)


def compare_findings(old: ProgrammeTables, new: ProgrammeTables, id_map: dict[str, str]) -> pd.DataFrame:
    def listed(programme, mapping):
        result = []
        for f in programme.findings.itertuples():
            if f.severity == "info":  # a note, not an inconsistency of the text
                continue
            measure = text(f.measure_ref)
            year = text(f.year_ref)
            result.append((_finding_key(f.check, mapping.get(measure, measure), year,
                                        text(f.location)), f))
        return result

    before = listed(old, id_map)
    after = listed(new, {})
    waiting: dict[tuple, list] = {}
    for key, f in before:
        waiting.setdefault(key, []).append(f)
    rows = []
    for key, f in after:
        same = waiting.get(key)
        o = same.pop(0) if same else None
        status = "introduced" if o is None else "kept" if _same_figures(o, f) else "changed"
        rows.append((status, f.check, key[1], key[2],
                     text(o.message) if o is not None else "", text(f.message),
                     _line(o.line) if o is not None else None, _line(f.line)))
    for key, f in before:
        if any(f is g for g in waiting.get(key, ())):
            rows.append(("fixed", f.check, key[1], key[2], text(f.message), "", _line(f.line),
                         None))
    return frame(rows, FINDING_COLUMNS)


def _same_figures(old, new) -> bool:
    """Whether a finding kept in the new edition says the same (its lines aside)."""
    def bare(message) -> str:  # line numbers and measure ids shift with renumbering
        return normalised(_MEASURE_ID.sub("", _LINE_REF.sub("", text(message))))

    return bare(old.message) == bare(new.message)


def _line(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)
