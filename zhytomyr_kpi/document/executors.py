"""Executors of a measure: the departments named in its «Виконавці» cell, one name each.

Any programme's executors are read without a hand-made list, by the structure of the names:

* **Names are compared folded** (:func:`normalise`): Unicode NFC, invisible characters (soft
  hyphen, zero-width spaces, BOM) dropped, every apostrophe (’ ʼ ` ‘ ´ ′) as ', every run of
  whitespace (no-break spaces included) as one space, lower case. The same name typed in NFD,
  with a curly apostrophe or a double space is the same department everywhere — templates,
  intake, status, the explorer and the report all read executors through this module.
* **A cell is split into names where a new name begins**: at a comma or semicolon when
  what follows (up to the next one) starts with a capital letter or a quote, or holds a word
  that names a body («відділ», «центр», «округи», …); otherwise it continues the name
  («Управління у справах сім'ї, молоді та спорту», «Департамент містобудування, земельних
  ресурсів та реклами» are one name each, «…, старостинські округи» is a name of its own);
  before a capitalised word that begins one («… міської ради Управління розвитку …»); at
  «і»/«та»/«й» only when a word that begins a name follows («Управління освіти та
  управління культури» is two). So a name that contains «і» or «та» is ONE department:
  «Управління культури і туризму». Text inside «…» quotes is never split. The words that
  begin a name are :data:`HEAD_WORDS`.
* **The fund manager** is named by «Розпорядник коштів: X» after the executors, or by «X
  (розпорядник коштів)» (also «головний розпорядник [бюджетних коштів]»); it is the lead,
  who reports the money.
* **The council's suffix folds**: «… міської ради», «… виконавчого комітету (Житомирської)
  міської ради», «… міськвиконкому» (and сільської/селищної ради) are the same department as
  the name without it, which is the name shown. A name that is nothing without the suffix
  («Виконавчий комітет міської ради», «Виконавчі органи міської ради») keeps it.
* «(за згодою)» after a name is not part of it.

The reviewed alias list, ``reviewed/executor_aliases.csv`` (spelling → department, with a
reason), stays for the merges the structure cannot see (No. 1685's «…із громадськістю» /
«…з громадськістю», «Управління з розвитку села» → «…села Вереси») and fixes the shown name of
a known department. A name the list does not know is kept (never dropped) and listed in
``Executors.unmatched``, so that a reviewer can see it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhytomyr_kpi.basics.paths import REVIEWED_DIR

ALIASES_FILE = REVIEWED_DIR / "executor_aliases.csv"
_APOSTROPHES = {ord(c): "'" for c in "’ʼ`‘´′ʹꞌ＇"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"))
_FOLD = {**_APOSTROPHES, **_INVISIBLE}
#: «Розпорядник коштів: X» — what follows names the fund manager.
_FUND_MANAGER = re.compile(r"(?<!\()\b(?:головний\s+)?розпорядник(?:ом)?\s+(?:бюджетних\s+)?"
                           r"коштів\s*[:–—-]?", re.IGNORECASE)
#: «X (розпорядник коштів)», «X (головний розпорядник)», «X (головний розпорядник
#: бюджетних коштів)» — the name before the mark is the fund manager.
_FUND_MANAGER_MARK = re.compile(r"\(\s*(?:головний\s+)?розпорядник(?:ом)?(?:\s+(?:бюджетних\s+)?"
                                r"коштів)?\s*\)", re.IGNORECASE)
_BY_AGREEMENT = re.compile(r"\(\s*за\s+згодою\s*\)", re.IGNORECASE)
_COUNCIL = r"(?P<council>міської|сільської|селищної)\s+ради"
#: The council's suffix at the end of a name (see the module docstring).
_SUFFIX = re.compile(
    r"\s+(?:(?:виконавчого\s+комітету|виконкому)\s+)?(?:[\w'-]+(?:ської|цької|зької)\s+)?"
    + _COUNCIL + r"$|\s+(?:міськвиконкому|міськради)$", re.IGNORECASE)
#: Names that are nothing without the council's suffix: the suffix stays in the shown name.
GENERIC_BODIES = ("виконавчий комітет", "виконавчі органи", "апарат", "секретаріат",
                  "секретар", "депутати", "структурні підрозділи", "постійна комісія",
                  "постійні комісії", "управління", "відділ", "департамент")
#: Words that begin or name a department, an enterprise, an institution or an official
#: (nominative; lower case).
HEAD_WORDS = frozenset((
    "управління", "відділ", "відділи", "департамент", "департаменти", "служба", "служби",
    "сектор", "центр", "інспекція", "комісія", "комітет", "виконавчий", "виконавчі", "апарат",
    "секретаріат", "секретар", "комунальне", "комунальний", "комунальна", "комунальні",
    "кп", "кнп", "ку", "кз", "підприємство", "підприємства", "установа", "установи", "заклад",
    "заклади", "організації", "громадські", "міський", "міська", "заступник", "заступники",
    "керуючий", "старости", "староста", "структурні", "планово-фінансовий", "юридичний",
    "фінансове", "фінансовий", "житлово-комунальне", "агенція", "бюро", "архів", "штаб",
    "рада", "територіальний", "обласна", "обласний", "старостинські", "старостинський",
    "старостат", "старостати", "округи", "округ", "органи", "навчальні", "медичні",
    "суб'єкти", "об'єднання", "осбб", "благодійні", "волонтери", "поліція", "лікарня",
    "школи", "бібліотека", "бібліотеки", "музей", "театр", "філармонія", "палац", "будинок",
    "клуб", "парк"))
_WORD = re.compile(r"[\w'’-]+")


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


def clean(text: str) -> str:
    """The printed text in one form: NFC, invisible characters dropped, apostrophes as ',
    whitespace collapsed (case kept)."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_FOLD).split())


def normalise(text: str) -> str:
    """One spelling for comparison: :func:`clean`, lower case."""
    return clean(text).lower()


def _strip_suffix(name: str) -> str:
    """``name`` (clean) without the council's suffix, unless nothing would be left of it."""
    match = _SUFFIX.search(name)
    if not match:
        return name
    rest = name[:match.start()].rstrip(" ,")
    if not rest or rest.lower() in GENERIC_BODIES:
        council = match.group("council")
        return f"{rest} {council.lower()} ради" if rest and council else name
    return rest


def department_key(text: str) -> str:
    """The folded identity of a department's name: :func:`normalise`, the council's suffix
    and «(за згодою)» removed, «та» and «й» as «і». Two names with one key are one
    department."""
    key = normalise(_strip_suffix(clean(_BY_AGREEMENT.sub(" ", text))))
    # «… технологій і цифрового розвитку» and «… та …»: one conjunction, one department
    return re.sub(r"\s(?:та|й)\s", " і ", key)


def same_department(a: str | None, b: str | None) -> bool:
    """Whether two names (as printed or typed) name one department."""
    return a is not None and b is not None and department_key(a) == department_key(b)


def match_department(name: str | None, known) -> str | None:
    """The name in ``known`` that is the same department as ``name`` (see :func:`parse_executors`),
    or ``None``."""
    if name is None:
        return None
    keys = {department_key(k): k for k in known}
    if (found := keys.get(department_key(name))) is not None:
        return found
    parsed = parse_executors(name).all
    if len(parsed) == 1:
        return keys.get(department_key(parsed[0]))
    return None


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_FILE) -> dict[str, str]:
    """Folded spelling → department: every spelling by :func:`normalise` and, where it is
    unambiguous, by :func:`department_key` too (so a suffix folds for known names as well).

    The file is reviewed data (see ``reviewed/README.md``); a row without a department or a
    reason is an error, like every reviewed file.
    """
    from zhytomyr_kpi.document.quirks import read_reviewed_csv

    rows = read_reviewed_csv(path, ("spelling", "department", "reason"))
    exact: dict[str, str] = {}
    folded: dict[str, set[str]] = {}
    for row in rows:
        if not row["spelling"] or not row["department"]:
            from zhytomyr_kpi.basics.errors import ParseError

            raise ParseError(path, "порожня назва або підрозділ", line=row.row)
        department = clean(row["department"])
        exact[normalise(row["spelling"])] = department
        folded.setdefault(department_key(row["spelling"]), set()).add(department)
    pairs = {key: next(iter(names)) for key, names in folded.items() if len(names) == 1}
    pairs.update(exact)
    return pairs


def _starts_name(fragment: str) -> bool:
    """Whether ``fragment`` (text after a separator) begins a department's name."""
    word = _WORD.match(fragment)
    if word is None:
        return bool(fragment[:1]) and not fragment[:1].islower()
    return word.group().lower() in HEAD_WORDS or not word.group()[0].islower()


def split_names(text: str) -> list[str]:
    """The names of one list of executors (clean text), in printed order (module docstring)."""
    names, start, depth, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "«“„":
            depth += 1
        elif char in "»”" and depth:
            depth -= 1
        elif depth == 0:
            cut = _cut(text, index)
            if cut is not None:
                names.append(text[start:index])
                start = index = cut
                continue
        index += 1
    names.append(text[start:])
    return [n for n in (_tidy(n) for n in names) if n]


def _cut(text: str, index: int) -> int | None:
    """Where the next name begins if one begins at ``index``, else ``None``."""
    char = text[index]
    if char in ",;":
        rest = text[index + 1:].lstrip()
        fragment = re.split(r"[,;«\"(]", rest, maxsplit=1)[0]
        if _starts_name(rest) or rest[:1] in "«\"" or any(
                w.lower() in HEAD_WORDS for w in _WORD.findall(fragment)):
            return len(text) - len(rest)
        return None
    if char != " ":
        return None
    rest = text[index + 1:]
    conjunction = re.match(r"(?:і|та|й|а також)\s+", rest, re.IGNORECASE)
    if conjunction and (word := _WORD.match(rest[conjunction.end():])) and \
            word.group().lower() in HEAD_WORDS:
        return index + 1 + conjunction.end()
    word = _WORD.match(rest)
    if word and word.group()[0].isupper() and word.group().lower() in HEAD_WORDS and \
            index > 0 and text[index - 1] not in "«\"(":
        return index + 1
    return None


def _tidy(name: str) -> str:
    """A name without «(за згодою)», stray punctuation and spaces at its ends."""
    name = clean(_BY_AGREEMENT.sub(" ", name)).strip(" .,;:-–—")
    return name if any(char.isalpha() for char in name) else ""


def _resolve(name: str, aliases: dict[str, str]) -> tuple[str, bool]:
    """The department a name (clean) is: (its shown name, whether the alias list knows it)."""
    for key in (normalise(name), department_key(name)):
        if key in aliases:
            return aliases[key], True
    shown = _strip_suffix(name)
    return shown[0].upper() + shown[1:], False


def _departments(text: str, aliases: dict[str, str]) -> tuple[list[str], list[str]]:
    """Departments named in ``text`` in printed order, and those the alias list does not know."""
    found, unmatched = [], []
    for name in split_names(clean(text)):
        department, known = _resolve(name, aliases)
        found.append(department)
        if not known:
            unmatched.append(department)
    return found, unmatched


def parse_executors(text: str | None, aliases_path: Path = ALIASES_FILE) -> Executors:
    """The departments of a «Виконавці» cell (see the module docstring)."""
    if not text or not text.strip():
        return Executors(())
    aliases = load_aliases(aliases_path)
    text = clean(text)
    manager = None
    mark = _FUND_MANAGER_MARK.search(text)
    if mark:
        before, after = text[:mark.start()], text[mark.end():]
        names, unmatched = _departments(before, aliases)
        manager = names[-1] if names else None
        more, rest = _departments(after, aliases)
        return Executors(tuple(dict.fromkeys(names + more)), manager,
                         tuple(dict.fromkeys(unmatched + rest)))
    parts = _FUND_MANAGER.split(text, maxsplit=1)
    names, unmatched = _departments(parts[0], aliases)
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
