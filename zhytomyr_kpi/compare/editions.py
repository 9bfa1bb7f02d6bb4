"""Reading the two editions alike.

The reviewed corrections of a decision (``reviewed/``: line roles, amount layouts, text
corrections) name the lines of one exact text, so a draft amending it is read without them.
Read so, the edition in force and the draft would differ in everything the corrections
touch although neither text changed there, and the comparison would report what the reader
did, not what the council changes. So both editions are read the same way: with their
reviewed corrections only when both have the same set (both texts reviewed together),
otherwise both without. The comparison says which (:attr:`Readings.note`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.program import Program, load_program


@dataclass(frozen=True)
class Readings:
    old: Program
    new: Program
    with_corrections: bool

    @property
    def note(self) -> str:
        if self.with_corrections:
            return "обидві редакції прочитано з однаковими перевіреними виправленнями"
        return ("обидві редакції прочитано без перевірених виправлень (вони прив'язані до "
                "рядків однієї редакції), тож однаковий текст прочитано однаково")


def read_editions(old: str | Path, new: str | Path) -> Readings:
    """Both decisions, read alike (see the module's docstring). Raises
    :class:`~zhytomyr_kpi.basics.errors.ParseError` naming the file that cannot be read."""
    old, new = Path(old), Path(new)
    if old.resolve() == new.resolve():
        raise ParseError(new, "це той самий файл, що й чинна редакція; вкажіть два різні "
                              "рішення")
    first, second = load_program(old), load_program(new)
    a, b = first.document.quirks, second.document.quirks
    same = a is not None and b is not None and a.directory is not None and \
        a.directory == b.directory
    if same:
        return Readings(first, second, True)
    if _has_corrections(first) or _has_corrections(second):
        first, second = load_program(old, quirks=False), load_program(new, quirks=False)
    return Readings(first, second, False)


def _has_corrections(program: Program) -> bool:
    quirks = program.document.quirks
    return quirks is not None and quirks.directory is not None
