"""Executors of a measure: the departments named in its «Виконавці» cell, one name each.

The document spells one department several ways («…з громадськістю» / «…із громадськістю»,
«Управління культури» / «…міської ради»), lists several departments in one cell (the names
themselves may hold commas: «Управління у справах сім'ї, молоді та спорту») and sometimes names
the fund manager («Розпорядник коштів: …»). One reviewed alias list,
``reviewed/executor_aliases.csv`` (spelling → department, with a reason), maps every known
spelling to one department; the executors' templates, the intake, the explorer and the report
all read executors through :func:`parse_executors`, so a department is the same everywhere.

Text that matches no alias is never dropped: it is split on commas, kept as a department of its
own (first letter capitalised) and listed in ``Executors.unmatched`` so that a reviewer can add
the spelling to the list. A programme from another city therefore works without an alias file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhytomyr_kpi.basics.paths import REVIEWED_DIR

ALIASES_FILE = REVIEWED_DIR / "executor_aliases.csv"
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'"})
_FUND_MANAGER = re.compile(r"розпорядник(?:ом)?\s+коштів\s*:?", re.IGNORECASE)


@dataclass(frozen=True)
class Executors:
    """The departments of one «Виконавці» cell, in the order printed, each named once."""

    departments: tuple[str, ...]
    fund_manager: str | None = None
    unmatched: tuple[str, ...] = ()

    @property
    def lead(self) -> str | None:
        """Who reports the measure's money: the fund manager where one is named, else the
        first executor listed (the others may comment). See the README, «Фактичні дані»."""
        return self.fund_manager or (self.departments[0] if self.departments else None)

    @property
    def all(self) -> tuple[str, ...]:
        """Every department involved: the executors, then the fund manager if not among them."""
        if self.fund_manager and self.fund_manager not in self.departments:
            return (*self.departments, self.fund_manager)
        return self.departments


def normalise(text: str) -> str:
    """One spelling for comparison: apostrophes unified, spaces collapsed, lower case."""
    return " ".join(text.translate(_APOSTROPHES).split()).lower()


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_FILE) -> tuple[tuple[str, str], ...]:
    """(normalised spelling, department) pairs, longest spelling first.

    The file is reviewed data (see ``reviewed/README.md``); a row without a department or a
    reason is an error, like every reviewed file.
    """
    from zhytomyr_kpi.document.quirks import read_reviewed_csv

    rows = read_reviewed_csv(path, ("spelling", "department", "reason"))
    pairs = {}
    for row in rows:
        if not row["spelling"] or not row["department"]:
            from zhytomyr_kpi.basics.errors import ParseError

            raise ParseError(path, "порожня назва або підрозділ", line=row.row)
        pairs[normalise(row["spelling"])] = row["department"]
    return tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))


def _departments(text: str, aliases: tuple[tuple[str, str], ...]) -> tuple[list[str], list[str]]:
    """Departments named in ``text`` in printed order, and the fragments no alias matched.

    Known spellings are taken longest first; what is left is split on commas and semicolons,
    and each fragment with letters stays a department of its own.
    """
    key = normalise(text)
    found: list[tuple[int, str]] = []
    taken = [False] * len(key)
    for spelling, department in aliases:
        start = key.find(spelling)
        while start >= 0:
            end = start + len(spelling)
            boundary = end == len(key) or not key[end].isalnum()
            if boundary and not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append((start, department))
            start = key.find(spelling, end)
    printed = " ".join(text.translate(_APOSTROPHES).split())
    leftover = "".join("\0" if used else char for char, used in zip(printed, taken, strict=True))
    unmatched = []
    for piece in re.finditer(r"[^\0,;]+", leftover):
        fragment = piece.group().strip(" .:-")
        if any(char.isalpha() for char in fragment):
            name = fragment[0].upper() + fragment[1:]
            found.append((piece.start(), name))
            unmatched.append(name)
    return [department for _, department in sorted(found)], unmatched


def parse_executors(text: str | None, aliases_path: Path = ALIASES_FILE) -> Executors:
    """The departments of a «Виконавці» cell (see the module docstring)."""
    if not text or not text.strip():
        return Executors(())
    aliases = load_aliases(aliases_path)
    parts = _FUND_MANAGER.split(text, maxsplit=1)
    names, unmatched = _departments(parts[0], aliases)
    manager = None
    if len(parts) > 1:
        managers, rest = _departments(parts[1], aliases)
        unmatched += rest
        manager = managers[0] if managers else None
        names += managers[1:]
    return Executors(tuple(dict.fromkeys(names)), manager, tuple(dict.fromkeys(unmatched)))


def department_names(executor_cells) -> list[str]:
    """Every department named in a column of «Виконавці» cells, each once, sorted."""
    names = set()
    for text in executor_cells:
        names.update(parse_executors(text).all)
    return sorted(names, key=normalise)
