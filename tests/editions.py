"""Editions of a decision made for the comparison tests: a text changed as an amendment would
change it (money moved, a measure put in the middle with the ids after it shifted, a measure
removed, a target changed, executors renamed). Only the lines named are touched."""

from __future__ import annotations

import re
from pathlib import Path


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def write(lines: list[str], path: Path) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def index_of(lines: list[str], printed_id: str, start: int = 0) -> int:
    """The index of the Annex A row numbered ``printed_id`` («1.3.» or «1.3»), from ``start``."""
    pattern = re.compile(rf"{re.escape(printed_id.rstrip('.'))}\.?\t")
    found = [i for i, line in enumerate(lines) if i >= start and pattern.match(line)]
    assert len(found) == 1, (printed_id, found)
    return found[0]


def replace_in(lines: list[str], index: int, old: str, new: str) -> None:
    assert lines[index].count(old) == 1, (lines[index], old)
    lines[index] = lines[index].replace(old, new)


def renumber(lines: list[str], section: int, first: int, step: int, start: int,
             stop: int) -> int:
    """Shift ids «S.K…» with K ≥ ``first`` by ``step`` in lines[start:stop]; returns how many
    rows were renumbered."""
    pattern = re.compile(rf"^{section}\.(\d+)(?=[.\t])")
    shifted = 0
    for i in range(start, stop):
        found = pattern.match(lines[i])
        if found and int(found.group(1)) >= first:
            lines[i] = f"{section}.{int(found.group(1)) + step}" + lines[i][found.end():]
            shifted += 1
    return shifted
