"""The standard form's words: part headings, total rows, sources, indicator groups, periods.

What the readers of :mod:`zhytomyr_kpi.document` match in the text, and the Ukrainian words
for the codes they give (``cost`` → «затрати», ``baseline`` → «вихідні дані»). One home for
the form's vocabulary, so that a new wording is added here, not in a reader.
"""

from __future__ import annotations

import re

ANNEX_B_GROUPS = {
    "ПОКАЗНИКИ ЗАТРАТ": "cost",
    "ПОКАЗНИКИ ПРОДУКТУ": "output",
    "ПОКАЗНИКИ ЕФЕКТИВНОСТІ": "efficiency",
    "ПОКАЗНИКИ ЯКОСТІ": "quality",
}
GROUP_HEADINGS = {code: heading for heading, code in ANNEX_B_GROUPS.items()}
PERIOD_WORDS = {"baseline": "вихідні дані"}
#: A plausible programme year (the document's years are read, never assumed).
FIRST_YEAR, LAST_YEAR = 1991, 2100
#: Amounts with more integer digits or decimals than this are not amounts of a budget.
MAX_INTEGER_DIGITS, MAX_DECIMALS = 12, 6

_NUMBERED = r"^(?:[0-9]+(?:\.[0-9]+)*\.?\s*)?"
_AND = r"\s+(?:і|й|та)\s+"
#: Headings of the parts, in document order: key → (pattern, what it is, essential).
#: Matched on lines without tabs, whatever the capitalisation, numbered or not; the common
#: alternative names are listed. A part's heading is looked for after the previous part's.
PARTS = {
    "passport": (re.compile(_NUMBERED + r"паспорт(?:\s+міської)?(?:\s+цільової)?\s+програми"
                            r"\s*$", re.I), "розділ «ПАСПОРТ ПРОГРАМИ»", True),
    "resources": (re.compile(r"^(?:таблиця\s+6\.1\.?|ресурсне\s+забезпечення(?:\s+\S+)*"
                             r"|обсяги" + _AND + r"джерела\s+фінансування\s+заходів.*)$", re.I),
                  "таблицю 6.1 «Ресурсне забезпечення»", False),
    "annex_a": (re.compile(_NUMBERED + r"(?:додаток\s+а\.?\s*)?(?:основні\s+)?(?:"
                           r"напрям(?:и|ки)\s+діяльності" + _AND + r"заходи"
                           r"|перелік\s+(?:завдань,?(?:\s+(?:і|й|та))?\s+)?заходів"
                           r"|завдання" + _AND + r"заходи)(?:\s+\S+)*$", re.I),
                "додаток А «Напрями діяльності і заходи програми»", True),
    "annex_b": (re.compile(_NUMBERED + r"(?:додаток\s+б\.?\s*)?(?:показники\s+"
                           r"результативності|(?:очікувані\s+)?результативні\s+показники)"
                           r"(?:\s+\S+)*$", re.I),
                "додаток Б «Показники результативності програми»", False),
}
#: A line that looks like an entry of the table of contents, not a heading.
CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|\s-\s*[0-9]+\s*-|\s[0-9]+)\s*$")
#: A numbered heading of the decision's text (ends the passport).
TEXT_HEADING = re.compile(r"^[2-9]\.\s*[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ'’ ]{3}")
YEAR_CELL = re.compile(r"^([0-9]{4})\s*(?:р(?:ік|\.)?)?\.?$")
YEAR_SPAN = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})")
TITLE_SPAN = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})\s*(?:рр\.|рок(?:и|ів)|р\.)", re.I)
TOTAL_LABELS = ("ВСЬОГО", "УСЬОГО")
GRAND_LABELS = ("РАЗОМ",)

MEASURE_ID = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?(?:\s+(.*))?$")
SECTION_HEADING = re.compile(r"^([1-9])\.\s+(\S.*)$")
TERM = re.compile(r"^(?:[0-9]{4}(?:\s*-\s*(?:[0-9]{4})?)?)(?:\s+[0-9]{4}(?:\s*-\s*[0-9]{4})?)*$")
SOURCE = re.compile(
    r"^(?:(?:місцевий|державний|обласний|районний)(?:\s+бюджет)?|бюджет"
    r"|(?:кошти\s+)?(?:інші|позабюджетні|небюджетні)\s+(?:джерела|кошти))"
    r"(?:\s+(?:місцевий|державний|обласний|районний)\s+бюджет)*$",
    re.IGNORECASE,
)
TOP_N = re.compile(r"^ТОП[\s-]*([0-9]{1,4})$", re.IGNORECASE)
RESOURCE_SOURCES = (
    (re.compile(r"всього|разом", re.I), "total"),
    (re.compile(r"державн", re.I), "state"),
    (re.compile(r"місцев", re.I), "local"),
    (re.compile(r"небюджет|позабюджет|інш", re.I), "other"),
)

# ---------------------------------------------------------------- codes in words

GROUP_LABELS = {"cost": "затрати", "output": "продукт", "efficiency": "ефективність",
                "quality": "якість"}


class _Periods(dict):
    """Period codes → words; a year (any year of the programme) is its own label."""

    def __missing__(self, key: str) -> str:
        return key


PERIOD_LABELS = _Periods({"baseline": "вихідні дані", "total": "всього"})
SOURCE_LABELS = {"total": "усього", "state": "державний бюджет", "local": "місцевий бюджет",
                 "other": "інші джерела"}
#: Short names of the four directions of No. 1685's Annex A, for chart axes (full titles are in
#: the tables); another programme's directions show their number alone.
SECTION_SHORT = {"1": "Спроможність влади", "2": "Прозорість і підзвітність",
                 "3": "Партисипативні практики", "4": "Інші заходи", "total": "Разом"}
