"""Wordings of the standard form that people add without a code change (``vocabulary.csv``).

The form's grammar — the usual words and their cases («місцевий бюджет», «бюджету … громади»,
«Усього за напрямом 2», «ПОКАЗНИКИ ЗАТРАТ», «2021-2023 роки») — is in
:mod:`zhytomyr_kpi.document.vocabulary`. What forty programmes written by forty departments
add to it is data: a wording, what it means, and why, one per row of a ``vocabulary.csv``::

    kind,wording,meaning,reason
    source,кошти благодійних фондів,other,"Благодійна допомога — інше джерело"
    total_row,підсумок за напрямом *,section,"Так пише управління культури"
    indicator_group,показники виходу,output,"Старе слово для показників продукту"
    term,постійно,whole,"Увесь строк програми"

Kinds and their meanings: ``source`` — a funding source (``local``, ``state``, ``regional``,
``other``, ``none`` for «не потребує фінансування»); ``total_row`` — Annex A's total row of a
direction (``section``) or of the programme (``grand``); ``indicator_group`` — a group of Annex B
(``cost``, ``output``, ``efficiency``, ``quality``); ``term`` — a term of execution that names no
year (``whole``: every year of the programme); ``unit`` — a unit of Annex B (``kuah``, ``uah``,
``persons``, ``units``, ``percent``, … as in :data:`~zhytomyr_kpi.document.units.UNIT_LABELS`);
``part`` — the heading that begins a part of the form (``passport``, ``resources`` for Table
6.1, ``annex_a``, ``annex_b``; a leading «3.» or «IV.» is ignored).
A wording matches a cell whatever its case, spaces
and apostrophes, and a final «:» or «.»; ``*`` stands for any words (at most three ``*``).

Files are read in this order, each adding to the ones before (a later file may give a wording
another meaning): the reviewed ``reviewed/vocabulary.csv`` shipped with the package, the
project's ``config/vocabulary.csv`` (every programme), and ``vocabulary.csv`` next to the
decision text (``programmes/<name>/vocabulary.csv``: that programme). A wrong row is an error
naming the file and the row.

While a decision is read, the wordings in force and what was not recognised are held in a
context variable (:func:`reading`), so the readers ask :func:`meaning` without each being handed
the files; an unrecognised wording is recorded (:func:`unknown`), the rest is read, and the
checks report it with its line and the file to extend (``checks.catalogue``).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import os
import unicodedata
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.paths import PROJECT_ROOT, REVIEWED_DIR
from zhytomyr_kpi.document.quirks import read_reviewed_csv
from zhytomyr_kpi.document.units import UNIT_LABELS

FILE_NAME = "vocabulary.csv"
SHIPPED = REVIEWED_DIR / FILE_NAME
PROJECT = PROJECT_ROOT / "config" / FILE_NAME
MEANINGS = {
    "source": ("local", "state", "regional", "other", "none"),
    "total_row": ("section", "grand"),
    "indicator_group": ("cost", "output", "efficiency", "quality"),
    "term": ("whole",),
    "unit": tuple(UNIT_LABELS),
    # The parts of the form, in the order of ``vocabulary.PARTS`` (a test keeps them equal).
    "part": ("passport", "resources", "annex_a", "annex_b"),
}
#: What each kind is called in a message, in the accusative («групу показників … не знайдено»).
KIND_WORDS = {"source": "джерело фінансування", "total_row": "підсумковий рядок",
              "indicator_group": "групу показників", "term": "термін виконання",
              "unit": "одиницю виміру", "part": "заголовок частини"}
#: What the meanings a department writes in the file stand for, in a hint.
MEANING_WORDS = {"local": "місцевий бюджет", "state": "державний бюджет",
                 "regional": "обласний чи районний бюджет", "other": "інші джерела",
                 "none": "не потребує фінансування", "section": "підсумок напряму",
                 "grand": "підсумок програми", "cost": "затрати", "output": "продукт",
                 "efficiency": "ефективність", "quality": "якість",
                 "whole": "увесь строк програми", "passport": "паспорт",
                 "resources": "таблиця 6.1", "annex_a": "додаток А", "annex_b": "додаток Б"}
#: The same in the nominative, after a kind's code in a message.
KIND_NAMES = {"source": "джерело фінансування", "total_row": "підсумковий рядок",
              "indicator_group": "група показників", "term": "термін виконання",
              "unit": "одиниця виміру", "part": "заголовок частини"}
MAX_WORDING, MAX_STARS, MAX_ROWS = 200, 3, 2000
#: Longer cells are never a wording of the form (and are not matched).
MAX_CELL = 500

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def normalised(text: str) -> str:
    """A cell as wordings are compared: NFC, case folded, apostrophes alike, spaces as one
    space, no final «:», «.», «,» or «;»."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return " ".join(text.split()).rstrip(":.,; ")


@dataclass(frozen=True)
class Wording:
    kind: str
    wording: str
    meaning: str
    reason: str
    file: str
    row: int
    pattern: Glob = field(compare=False, repr=False)


@dataclass(frozen=True)
class Wordings:
    """The wordings in force for one decision, and the files they came from."""

    entries: tuple[Wording, ...] = ()
    files: tuple[str, ...] = ()

    @functools.cached_property
    def _by_kind(self) -> dict[str, tuple[Wording, ...]]:
        """The entries of each kind (every heading line of a long text asks about parts)."""
        return {kind: tuple(e for e in self.entries if e.kind == kind) for kind in MEANINGS}

    def meaning(self, kind: str, text: str) -> str | None:
        """What ``text`` means as a ``kind`` (the last file's row wins), or None."""
        entries = self._by_kind.get(kind, ())
        if not entries or not text or len(text) > MAX_CELL:
            return None
        cell = normalised(text)
        found = None
        for entry in entries:
            if entry.pattern.fullmatch(cell):
                found = entry.meaning
        return found

    @property
    def extend_hint(self) -> str:
        """Which file a department extends: the programme's if it has one, else the project's."""
        return _shown(Path(self.files[-1]) if len(self.files) > 1 else PROJECT)


def _shown(path: Path) -> str:
    """A file as a message names it: relative to the project where it is inside it."""
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Glob:
    """A normalised wording whose ``*`` stands for any non-empty text.

    Matched without regular expressions: the first piece must begin the cell, the last end
    it, the ones between are found left to right (the leftmost place of each is never worse
    for the ones after), so a cell is looked through once per piece, however many words it
    has — no backtracking search to be made slow by a hostile cell."""

    pieces: tuple[str, ...]

    def fullmatch(self, cell: str) -> bool:
        first, *middle, last = self.pieces if len(self.pieces) > 1 else (*self.pieces, None)
        if last is None:
            return cell == first
        if not cell.startswith(first):
            return False
        at = len(first) + 1  # «*» takes at least one character
        for piece in middle:
            found = cell.find(piece, at)
            if found < 0:
                return False
            at = found + len(piece) + 1
        return len(cell) - len(last) >= at and cell.endswith(last)


def glob(wording: str) -> Glob:
    """A wording as it is matched (normalised like the cells; spaces around ``*`` kept)."""
    return Glob(tuple(normalised(wording).split("*")))


def _pattern(wording: str, path: Path, row: int) -> Glob:
    text = normalised(wording)
    if not text:
        raise ParseError(path, "порожнє формулювання (wording)", line=row)
    if text.strip("* ") == "":
        raise ParseError(path, "формулювання (wording) лише із «*»: воно підійшло б до будь-якої "
                         "клітинки", line=row)
    if len(text) > MAX_WORDING:
        raise ParseError(path, f"формулювання довше за {MAX_WORDING} знаків", line=row)
    if text.count("*") > MAX_STARS:
        raise ParseError(path, f"у формулюванні більше ніж {MAX_STARS} знаки «*»", line=row)
    return glob(wording)


def read_file(path: Path) -> tuple[Wording, ...]:
    """One ``vocabulary.csv``: every row checked, an error names the file and the row."""
    rows = read_reviewed_csv(path, ("kind", "wording", "meaning", "reason"))
    if len(rows) > MAX_ROWS:
        raise ParseError(path, f"більше ніж {MAX_ROWS} рядків", line=MAX_ROWS + 2)
    entries, seen = [], {}
    for row in rows:
        kind, meaning = row["kind"], row["meaning"]
        key = (kind, normalised(row["wording"]))
        if key in seen:
            raise ParseError(path, f"формулювання «{row['wording'][:60]}» уже є в рядку "
                             f"{seen[key]}", line=row.row)
        seen[key] = row.row
        if kind not in MEANINGS:
            raise ParseError(path, f"невідомий вид «{kind[:40]}»; можливі види (kind): "
                             f"{', '.join(MEANINGS)}", line=row.row)
        if meaning not in MEANINGS[kind]:
            raise ParseError(path, f"значення «{meaning[:40]}» не підходить для виду «{kind}» "
                             f"({KIND_NAMES[kind]}); можливі значення (meaning): "
                             f"{', '.join(MEANINGS[kind])}", line=row.row)
        entries.append(Wording(kind, row["wording"], meaning, row["reason"], path.name, row.row,
                               _pattern(row["wording"], path, row.row)))
    return tuple(entries)


def candidates(document: Path | None) -> list[Path]:
    """Where a vocabulary file is read from for a decision, whether or not one is there yet
    (no output may be written to any of them)."""
    return [SHIPPED, PROJECT] + ([Path(document).parent / FILE_NAME] if document else [])


def files_for(document: Path | None) -> list[Path]:
    """The vocabulary files that apply to a decision text, in the order they are read."""
    files = [SHIPPED]
    if _present(PROJECT):
        files.append(PROJECT)
    if document is not None:
        beside = Path(document).parent / FILE_NAME
        if _present(beside) and beside.resolve() not in {f.resolve() for f in files}:
            files.append(beside)
    return files


def _present(path: Path) -> bool:
    """Whether something stands at ``path`` (a folder, a pipe or a dangling link too: reading
    it is then an error naming it, never a file skipped in silence)."""
    return os.path.lexists(path)


def load(document: Path | None) -> Wordings:
    files = files_for(document)
    return Wordings(tuple(e for f in files for e in read_file(f)), tuple(str(f) for f in files))


def hint(words: Wordings | None, kind: str, text: str, meaning: str = "…") -> str:
    """What a message tells a department to do with an unknown wording: the file to extend
    (``words``'s, else the one of the decision being read), the row to add (CSV-quoted as it
    must be written) and the meanings allowed — or the one ``meaning`` the place suggests."""
    row = io.StringIO()
    csv.writer(row, lineterminator="").writerow([kind, _row_wording(text), meaning, "…"])
    target = words.extend_hint if words is not None else extend_target()
    glossed = [f"{m} ({MEANING_WORDS[m]})" if m in MEANING_WORDS else m for m in MEANINGS[kind]]
    meanings = (f"значення — одне з: {', '.join(glossed)}" if len(glossed) > 1
                else f"значення — {glossed[0]}")
    return (f"Якщо це правильне формулювання, додайте до {target} рядок «{row.getvalue()}» "
            f"({meanings}; причина — словами)")


def _row_wording(text: str, width: int = 120) -> str:
    """The wording a hint's row gives for ``text``: the whole cell (spaces as one), or where it
    is longer than ``width``, its first whole words and «*» — a row that matches the cell as
    written (a wording cut inside a word would match nothing)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    words, kept = text.split(" "), []
    while words and len(" ".join([*kept, words[0]])) <= width - 2:
        kept.append(words.pop(0))
    return " ".join(kept) + " *" if kept else text[:width - 2] + "*"


@dataclass(frozen=True)
class Unknown:
    """A wording no file knows: what it was taken for, where, and what was done instead."""

    kind: str
    text: str
    line: int
    done: str
    #: The meaning it was read with, where its place gave one (the hint's row suggests it).
    meaning: str = "…"


@dataclass
class _Reading:
    wordings: Wordings
    unknown: list[Unknown] = field(default_factory=list)


_READING: ContextVar[_Reading | None] = ContextVar("zhytomyr_kpi_wordings", default=None)


@contextlib.contextmanager
def reading(wordings: Wordings) -> Iterator[list[Unknown]]:
    """The wordings in force while one decision is read; yields the list of what was not
    recognised (filled as the readers go)."""
    state = _Reading(wordings)
    token = _READING.set(state)
    try:
        yield state.unknown
    finally:
        _READING.reset(token)


def meaning(kind: str, text: str) -> str | None:
    """What the wordings in force say ``text`` means as a ``kind`` (None outside a reading)."""
    state = _READING.get()
    return state.wordings.meaning(kind, text) if state is not None else None


def extend_target() -> str:
    """The file a message tells a department to extend, for the decision being read."""
    state = _READING.get()
    return state.wordings.extend_hint if state is not None else _shown(PROJECT)


def unknown(kind: str, text: str, line: int, done: str, meaning: str = "…") -> None:
    """Record a wording no file knows (outside a reading: nothing to record into)."""
    state = _READING.get()
    if state is not None:
        if meaning == "…" and len(MEANINGS[kind]) == 1:
            meaning = MEANINGS[kind][0]
        state.unknown.append(Unknown(kind, text, line, done, meaning))
