"""The standard form's words: part headings, total rows, sources, indicator groups, periods.

What the readers of :mod:`zhytomyr_kpi.document` match in the text, and the Ukrainian words
for the codes they give (``cost`` → «затрати», ``baseline`` → «вихідні дані»). This module is
the form's grammar: the usual words with their cases and numbering. A wording it does not
know is added as data, without a code change, to a ``vocabulary.csv``
(:mod:`zhytomyr_kpi.document.wordings`), which the functions here consult (:func:`is_source`,
:func:`source_code`, :func:`total_row_kind`, :func:`group_code`, :func:`is_term`); a reader
never matches the patterns below directly for these kinds.
"""

from __future__ import annotations

import re

from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.units import unit_code

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

#: A heading's number: «1.», «2.3», or a Roman one («І. ПАСПОРТ ПРОГРАМИ», Latin or Cyrillic І).
_NUMBERED = r"^(?:(?:[0-9]+(?:\.[0-9]+)*|[IVXІ]{1,4})\.?\s*)?"
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
_HEADING_NUMBER = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXІ]{1,4}\.)\s*")


def part_of(heading: str) -> str | None:
    """The part of the form a heading begins («passport», «resources», «annex_a»,
    «annex_b»): by the form's words, else by a ``part`` wording of ``vocabulary.csv`` (with
    or without its leading «3.» / «IV.»); None for any other line."""
    for key, (pattern, _, _) in PARTS.items():
        if pattern.match(heading):
            return key
    bare = _HEADING_NUMBER.sub("", heading, count=1)
    return wordings.meaning("part", heading) or (
        wordings.meaning("part", bare) if bare != heading else None)


#: A line that looks like an entry of the table of contents, not a heading.
CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|\s-\s*[0-9]+\s*-|\s[0-9]+)\s*$")
#: A numbered heading of the decision's text (ends the passport).
TEXT_HEADING = re.compile(r"^[2-9]\.\s*[А-ЯІЇЄҐ][А-ЯІЇЄҐа-яіїєґ'’ ]{3}")
YEAR_CELL = re.compile(r"^([0-9]{4})\s*(?:р(?:ік|\.)?)?\.?$")
#: A year column of Annex A's header as one-year programmes print it: «на 2021 рік, тис. грн»,
#: «Обсяг фінансування на 2021 рік (тис. грн)»; a plain «2021 рік» too.
YEAR_COLUMN = re.compile(r"^(?:(?:обсяг\s+фінансування\s+)?на\s+)?([0-9]{4})\s*(?:р(?:ік|\.)?)?\.?"
                         r"(?:\s*,?\s*\(?\s*(?:тис\.?|млн\.?)?\s*грн\.?\s*\)?)?$", re.I)
#: A header cell that names the total column («Всього», «Усього, тис. грн», «Разом»).
TOTAL_COLUMN = re.compile(r"^(?:всього|усього|разом)\b", re.I)
YEAR_SPAN = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})")
TITLE_SPAN = re.compile(r"([0-9]{4})\s*[-–—]\s*([0-9]{4})\s*(?:рр\.|рок(?:и|ів)|р\.)", re.I)
_TOTAL_WORD = r"(?:РАЗОМ|ВСЬОГО|УСЬОГО)"
_IN_PARTS = r"(?:,?\s*(?:У\s+ТОМУ\s+ЧИСЛІ|В\s*Т\.\s*Ч\.)\s*)?:?\s*$"
#: Total rows of Annex A, as programmes write them: a direction's («ВСЬОГО», «Усього за
#: напрямом 2», «Разом по розділу 1») and the programme's («РАЗОМ», «Всього по Програмі»,
#: «РАЗОМ ЗА ПРОГРАМОЮ, у тому числі:»). A cell must be the whole label.
SECTION_TOTAL = re.compile(rf"^(?:ВСЬОГО|УСЬОГО|{_TOTAL_WORD}\s+(?:ПО|ЗА)\s+(?:НАПРЯМ(?:ОМ|У|КОМ)?"
                           rf"|РОЗДІЛ(?:ОМ|У)?|ЗАВДАННЯМ?)(?:\s+[0-9IVXІ]+\.?)?){_IN_PARTS}", re.I)
GRAND_TOTAL = re.compile(rf"^(?:РАЗОМ|{_TOTAL_WORD}\s+(?:ПО|ЗА)\s+ПРОГРАМ(?:І|ОЮ|И)){_IN_PARTS}",
                         re.I)


#: «у тому числі:», «в т. ч.», «з них», «зокрема» before a label: a part of the row above.
IN_WHICH_PREFIX = re.compile(r"^\s*(?:у|в)\s*(?:тому\s+числі|т\.\s*ч\.?)\s*:?\s*|^\s*(?:з\s+них|"
                             r"зокрема)\s*:?\s*", re.I)


def total_row_kind(cell: str) -> str | None:
    """«grand» for the programme's total row label, «section» for a direction's, else None."""
    text = " ".join(cell.split())
    # a vocabulary row first: a department whose «Разом» closes each direction says so
    meaning = wordings.meaning("total_row", text) if text else None
    if meaning is not None:
        return meaning
    if GRAND_TOTAL.match(text):
        return "grand"
    if SECTION_TOTAL.match(text):
        return "section"
    return None


#: A cell that looks like a total row's label the form's words do not know («Підсумок за
#: напрямом 1»): recorded as an unknown wording when it carries a row of amounts.
TOTAL_LIKE = re.compile(r"^(?:підсум|всього|усього|разом|загал|итого)", re.I)
#: Of those, a label that can be read by its place as a direction's or the programme's total:
#: it names a direction, a part or the programme («Підсумок по напряму 1», «Загалом по
#: Програмі», «Загальна сума за розділом 2»), or is the total word alone («Підсумок:»). A
#: task's subtotal («Підсумок по завданню 1») or a measure's text («Всього вказівників і
#: стендів») is neither: its numbers stay strays.
TOTAL_BY_PLACE = re.compile(r"^(?:підсум|всього|усього|разом|загал|итого)\w*\W*$|^(?:підсум|"
                            r"всього|усього|разом|загал|итого).*(?:напрям|розділ|програм)", re.I)


#: The number before a group heading of Annex B («1.», «I.»).
GROUP_NUMBER = re.compile(r"^(?:[0-9]{1,2}|[IVXІ]{1,4})\.\s*")


def group_code(heading: str) -> str | None:
    """The Annex B group a heading names («ПОКАЗНИКИ ЗАТРАТ», «1. Показники затрат:»,
    «I. Показники затрат»), else None."""
    head = GROUP_NUMBER.sub("", re.sub(r"\s+", " ", heading).upper().strip(),
                            count=1).rstrip(": ")
    return ANNEX_B_GROUPS.get(head) or wordings.meaning("indicator_group", head)


def indicator_unit(printed: str) -> str | None:
    """The code of an Annex B unit as printed: a ``vocabulary.csv`` row of kind ``unit`` first
    (a department's «чол.», «заходів»), then the form's units (``units.unit_code``)."""
    return wordings.meaning("unit", printed) or unit_code(printed)


#: A line that is an Annex B group heading by its look («Показники …» alone in its row).
GROUP_LIKE = re.compile(r"^(?:(?:[0-9]{1,2}|[IVXІ]{1,4})\.\s*)?показники\s+\S", re.I)

MEASURE_ID = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?(?:\s+(.*))?$")
#: A direction's heading in Annex A: «1. Title», «Напрям 1. Title», or a Roman number
#: («I. Title», «ІІ. Title», Latin or Cyrillic letters): :func:`section_number` reads it.
SECTION_HEADING = re.compile(r"^(?:напрям(?:ок)?\s+)?([1-9][0-9]?|[IVXІХ]{1,4})\.\s+(\S.*)$",
                             re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10}


def section_number(printed: str) -> int:
    """A direction's number as printed: «2» → 2, «IV» / «ІV» (Cyrillic І) → 4."""
    if printed.isdigit():
        return int(printed)
    values = [_ROMAN[c] for c in printed.upper().replace("І", "I").replace("Х", "X")]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))
#: A term of years: «2021», «2021-2023», «2021 2023», «2021, 2023» (a hyphen may end a line);
#: or a part of a year as authors write it: «2021 рік», «протягом 2021 року», «І–ІV квартали
#: 2021 року», «ІІ квартал 2021 року», «вересень 2021 року», «червень–серпень 2021 року».
_YEARS = (r"[0-9]{4}(?:\s*[-–—]\s*(?:[0-9]{4})?)?(?:(?:\s+|\s*,\s*)[0-9]{4}"
          r"(?:\s*[-–—]\s*[0-9]{4})?)*")
_MONTH = (r"(?:січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд)"
          r"(?:ень|ий|ня|ого|а)?")
_QUARTER = r"[IVXІХ]{1,4}(?:\s*[-–—]\s*[IVXІХ]{1,4})?\s+(?:квартал(?:и|у|ів)?|півріччя)"
_PART_OF_YEAR = rf"(?:{_MONTH}(?:\s*[-–—]\s*{_MONTH})?|{_QUARTER})"
TERM = re.compile(rf"^(?:(?:протягом|упродовж|впродовж|до|з|із)\s+)?(?:{_PART_OF_YEAR}\s+)?"
                  rf"{_YEARS}(?:\s*(?:рік|року|роки|років|рр?\.))?$", re.I)
#: A measure's «Джерела фінансування» cell: one or more sources, as programmes write them
#: («Місцевий бюджет», «бюджет громади», «кошти бюджету Житомирської міської територіальної
#: громади», «Інші джерела, не заборонені законодавством», «Не потребує фінансування»).
#: Atomic groups and a possessive repetition (Python 3.11) keep the match linear: a cell of
#: a thousand «бюджет» words is refused at once, not after an exponential search.
_ONE_SOURCE = (r"(?>(?>(?:кошти\s+)?(?:місцевий|міський|державний|обласний|районний)(?:\s+бюджет)?"
               r"|(?:кошти\s+)?(?:місцевого|міського|державного|обласного|районного)\s+бюджету"
               r"|(?:кошти\s+)?бюджету?(?:\s+(?:об['’]єднаної\s+)?(?:[А-ЯІЇЄҐа-яіїєґ'’-]+\s+){0,6}"
               r"(?:територіальної\s+)?громади)?"
               r"|(?:кошти\s+)?(?:інші|позабюджетні|небюджетні)\s+(?:джерела|кошти)"
               r"(?:,?\s+не\s+заборонені\s+(?:чинним\s+)?законодавством)?"
               r"|кошти\s+(?:інших|позабюджетних|небюджетних)\s+джерел"
               r"|не\s+потребує\s+фінансування|без\s+фінансування)"
               r"(?:\s*\([^()]{1,120}\))?)")
SOURCE = re.compile(rf"^{_ONE_SOURCE}(?:\s*(?:[,;/]|\s(?:і|й|та))?\s*{_ONE_SOURCE})*+\.?$",
                    re.IGNORECASE)
#: A label that names money of its own, known or not («кошти інвесторів», «благодійні
#: внески»): a source, where another text at a source's place is a note («не заборонені …»).
SOURCE_LIKE = re.compile(r"\s*(?:кошт|бюджет|фонд|грант|субвенц|дотац|інвест|спонсор|благод|власн|"
                         r"позик|кредит|міжнародн|позабюджет|небюджет|інш)", re.I)
#: «Не потребує фінансування», «Без фінансування»: a row or cell that says no money is needed.
NOT_FUNDED = re.compile(r"^\s*(?:не\s+потребує\s+фінансування|без\s+фінансування)\s*\.?\s*$",
                        re.I)


def is_source(cell: str) -> bool:
    """A measure's «Джерела фінансування» cell: the form's words, or a vocabulary wording."""
    return bool(SOURCE.match(cell)) or wordings.meaning("source", cell) is not None


def is_term(cell: str) -> bool:
    """A measure's «Термін виконання» cell: years, a part of a year, or a vocabulary wording."""
    return bool(TERM.match(cell)) or wordings.meaning("term", cell) is not None
TOP_N = re.compile(r"^ТОП[\s-]*([0-9]{1,4})$", re.IGNORECASE)
#: Funding sources by code, with the words that name them, searched in a label in this order
#: (the total row first: «Обсяг ресурсів, усього, у тому числі:»; then the city's own budget —
#: «місцевий», «міський», «бюджет громади», «бюджет … територіальної громади»). An oblast or
#: raion budget is a source of its own, neither the state's nor the city's.
FUNDING_SOURCES = (
    ("total", re.compile(r"всього|усього|разом", re.I)),
    ("local", re.compile(r"місцев|міськ|громади(?![а-яіїєґ])", re.I)),  # not «громадських»
    ("state", re.compile(r"державн", re.I)),
    ("regional", re.compile(r"обласн|районн", re.I)),
    ("other", re.compile(r"небюджет|позабюджет|інш", re.I)),
)


def source_code(label: str) -> str | None:
    """The code of a funding source's label: a vocabulary wording first (a reviewed meaning
    beats the words' guess), else :data:`FUNDING_SOURCES`; None if unknown («none», not
    funded, is None too: it is no source of money)."""
    meaning = wordings.meaning("source", label or "")
    if meaning is not None:
        return None if meaning == "none" else meaning
    return next((code for code, words in FUNDING_SOURCES if words.search(label or "")), None)


#: A stage of the programme («I етап – 2021-2022 роки», Table 6.1's «I етап» above its years):
#: a span of years inside the term that names a stage is a part of the term, not another term.
STAGE = re.compile(r"(?<!\w)етап", re.I)


# ---------------------------------------------------------------- codes in words

GROUP_LABELS = {"cost": "затрати", "output": "продукт", "efficiency": "ефективність",
                "quality": "якість"}
#: The same in the genitive, after «показник» («показник продукту 3»).
GROUP_GENITIVE = {"cost": "затрат", "output": "продукту", "efficiency": "ефективності",
                  "quality": "якості"}


class _Periods(dict):
    """Period codes → words; a year (any year of the programme) is its own label."""

    def __missing__(self, key: str) -> str:
        return key


PERIOD_LABELS = _Periods({"baseline": "вихідні дані", "total": "всього"})
SOURCE_LABELS = {"total": "усього", "state": "державний бюджет", "local": "місцевий бюджет",
                 "regional": "обласний чи районний бюджет", "other": "інші джерела"}
#: Short names of No. 1685's four directions by their printed titles (reviewed), for chart
#: axes and narrow tables; any other direction's short name is its own title's first words.
SHORT_TITLES = {
    "Підвищення рівня організаційної (інституційної) спроможності депутатів, членів виконкому "
    "та посадових осіб виконавчих органів Житомирської міської ради": "Спроможність влади",
    "Підвищення рівня прозорості та підзвітності міського голови, депутатів та виконавчих "
    "органів Житомирської міської ради": "Прозорість і підзвітність",
    "Впровадження партисипативних практик": "Партисипативні практики",
    "Інші заходи": "Інші заходи"}


def short_title(title: str, width: int = 34) -> str:
    """A direction's short name: the reviewed one of No. 1685's titles, else the title's first
    whole words within ``width`` characters (with «…» where cut)."""
    title = " ".join(str(title or "").split())
    if title in SHORT_TITLES:
        return SHORT_TITLES[title]
    if len(title) <= width:
        return title
    kept = ""
    for word in title.split(" "):
        if len(f"{kept} {word}".strip()) > width - 1:
            break
        kept = f"{kept} {word}".strip()
    return (kept or title[:width - 1]).rstrip(",;:") + "…"


def section_labels(document) -> dict[str, str]:
    """«1. Спроможність влади» for each direction of a document, by its number."""
    return {str(s.number): f"{s.number}. {short_title(s.title)}"
            for s in document.annex_a.sections}
