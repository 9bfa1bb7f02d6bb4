"""The reporting calendar of section 8 of the decision: who owes what, by when.

The terms are read from the decision's own text (its section «Координація та контроль…»),
never assumed: the executors' term («упродовж 10 календарних днів після закінчення звітного
періоду»), the Working Group's quarterly information («до 15 числа місяця, наступного за
звітним періодом»), and the publication after each stage («упродовж 45 календарних днів після
закінчення звітного періоду»). A term the text does not state is ``None``, and everything
that uses it says «строк у рішенні не встановлено» instead of inventing one.

Decisions (where section 8 is silent):

* A term of N days «після закінчення звітного періоду» ends on the N-th day after the
  period's last day, inclusive (Q2: 30.06 + 10 → by 10.07). «Робочих днів» skips Saturdays
  and Sundays (public holidays are not known to the tool).
* «До 15 числа» includes the 15th. The information's «до 20 числа» without a month, after
  an executors' term «до 10 числа місяця, наступного за звітним кварталом», is of that same
  month (the only reading in which the department can summarise what it has received).
* The annual report of the executors is the fourth quarter's: its term runs from 31.12.
* A stage of the programme is a programme year (No. 1685: «3 етапи упродовж 2018-2020
  років»); the publication term of the final report is not stated (``None`` there), the
  last year's summary has its own.
* Dates are the council's local dates (Europe/Kyiv): a workbook received at 23:30 UTC on
  the 10th arrived on the 11th in Zhytomyr.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from zhytomyr_kpi.checks.parsed import ParsedProgramme

_SECTION = re.compile(r"координац\w*.{0,40}контрол", re.I)
_DAYS = re.compile(r"(?:упродовж|протягом|впродовж|не пізніше)\s+(\d{1,3})\s*"
                   r"(календарних|робочих)?\s*(?:дн|діб)", re.I)
_DAY_OF_MONTH = re.compile(r"(?:до|не\s+пізніше(?:\s+ніж)?)\s+(\d{1,2})\s*(?:-?го\s+)?числа\s+"
                           r"(?:місяця,?\s+)?(?:наступного|що\s+настає|який\s+настає|після)",
                           re.I)
#: The verbs of an executors' sentence: they send their information to whoever evaluates.
_SENDS = re.compile(r"подають|надають|подавати|надавати|надсилають|надсилати|направляють|"
                    r"направляти|інформують|звітують|подається|надається", re.I)
#: «до 20 числа» alone, in the sentence that follows an executors' term of the same kind («…
#: відділ до 20 числа узагальнює її»): not «кожного місяця» or a named month.
_BARE_DAY_OF_MONTH = re.compile(r"до\s+(\d{1,2})\s*(?:-?го\s+)?числа\b(?!\s+(?:кожного|місяц|"
                                r"січня|лютого|березня|квітня|травня|червня|липня|серпня|"
                                r"вересня|жовтня|листопада|грудня))", re.I)
#: A numbered heading in ordinary case: «8. Координація та контроль за ходом виконання …».
_NUMBERED_HEADING = re.compile(r"^(?:[0-9]{1,2}|[IVXІ]{1,5})\.\s+\S.{0,150}[^.;:,]$")


@dataclass(frozen=True)
class Term:
    """One term of section 8: ``days`` after the period (or the ``day`` of the next month),
    with the line and wording it was read from."""

    days: int | None = None
    working_days: bool = False
    day_of_month: int | None = None
    line: int | None = None
    wording: str = ""

    def due(self, period_end: date) -> date:
        """The last day of the term for a period that ends on ``period_end``."""
        if self.day_of_month is not None:
            first = period_end + timedelta(days=1)
            last = _calendar.monthrange(first.year, first.month)[1]
            return first.replace(day=min(self.day_of_month, last))
        if not self.working_days:
            return period_end + timedelta(days=self.days or 0)
        day, left = period_end, self.days or 0
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day

    @property
    def described(self) -> str:
        """«10 календарних днів після закінчення кварталу» (for letters and notes)."""
        from zhytomyr_kpi.basics.wording import plural

        if self.day_of_month is not None:
            return f"до {self.day_of_month} числа місяця, наступного за звітним періодом"
        kind = "робочих" if self.working_days else "календарних"
        return (f"упродовж {self.days} {kind} "
                f"{plural(self.days or 0, 'дня', 'днів', 'днів')} після закінчення звітного "
                "періоду")


@dataclass(frozen=True)
class Terms:
    """Section 8's three terms (each ``None`` where the decision does not state it)."""

    executors: Term | None = None
    information: Term | None = None
    publication: Term | None = None
    section_line: int | None = None


#: «Координацію … здійснює X», «Загальна координація … покладається на X»: X coordinates.
_COORDINATOR = re.compile(r"координаці\w*(?:[^.;]{0,80}?)\s(?:здійсню(?:є|ють)|"
                          r"поклада(?:ється|ються)\s+на|забезпечу(?:є|ють))\s+"
                          r"(?P<who>[^.,;]{3,200})", re.I)


def coordinator(program: ParsedProgramme) -> str:
    """Who coordinates the programme, as its section 8 names them («Координацію виконання
    Програми здійснює відділ екології …» → «Відділ екології …»); "" when it names nobody. The
    report of a programme without its own settings is prepared by them."""
    lines = program.document.lines
    for start, line in enumerate(lines):
        if _SECTION.search(line.stripped) and _is_heading(line.stripped):
            for after in lines[start + 1:]:
                if _is_heading(after.stripped):
                    break
                found = _COORDINATOR.search(after.stripped)
                if found:
                    who = " ".join(found["who"].split())
                    return who[:1].upper() + who[1:]
    return ""


def read_terms(program: ParsedProgramme) -> Terms:
    """The terms as the decision's text states them (see the module's notes)."""
    lines = program.document.lines
    for start, line in enumerate(lines):  # the table of contents names the section too
        if _SECTION.search(line.stripped) and _is_heading(line.stripped):
            terms = _section_terms(lines, start)
            if terms.executors or terms.information or terms.publication:
                return terms
    return Terms()


def _is_heading(text: str) -> bool:
    """A heading: in capitals, or numbered and short without a final stop («8. Координація
    та контроль за ходом виконання Програми»)."""
    if not text:
        return False
    if text.upper() == text and re.search(r"[А-ЯІЇЄҐ]{4}", text) is not None:
        return True
    return bool(_NUMBERED_HEADING.match(text)) and "\t" not in text


def _section_terms(lines, start: int) -> Terms:
    """The terms of section 8, sentence by sentence: an executors' sentence («Виконавці …
    упродовж 10 календарних днів …» or «… до 10 числа місяця, наступного …»), the
    information's («… до 15 числа … інформацію …»), the publication's («… оприлюднення …»)."""
    executors = information = publication = None
    for line in lines[start + 1:]:
        text = line.stripped
        if _is_heading(text):
            break  # the next heading ends the section
        offset = 0
        for sentence in re.split(r"(?<=[.;])\s+", text):
            at = text.find(sentence, offset)
            offset = at + len(sentence)
            low = sentence.lower()
            days = _DAYS.search(sentence)
            month_day = _DAY_OF_MONTH.search(sentence)
            by_executors = "виконавц" in low and ("інформац" in low or "звіт" in low) and \
                bool(_SENDS.search(low))
            if by_executors and executors is None and (days or month_day):
                executors = (_days_term(days, line.number, text) if days else
                             Term(day_of_month=int(month_day.group(1)), line=line.number,
                                  wording=_sentence(text, at + month_day.start())))
            elif information is None and ("інформац" in low or "узагальн" in low) and (
                    month_day or (executors is not None and executors.day_of_month is not None
                                  and _BARE_DAY_OF_MONTH.search(sentence))):
                month_day = month_day or _BARE_DAY_OF_MONTH.search(sentence)
                information = Term(day_of_month=int(month_day.group(1)), line=line.number,
                                   wording=_sentence(text, at + month_day.start()))
            elif days and "публік" in low and publication is None:
                publication = _days_term(days, line.number, text)
    return Terms(executors, information, publication, lines[start].number)


def _days_term(match: re.Match, line: int, text: str) -> Term:
    return Term(days=int(match.group(1)),
                working_days=(match.group(2) or "").lower() == "робочих",
                line=line, wording=_sentence(text, match.start()))


def _sentence(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    begin = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    return text[begin: end + 1 if end >= 0 else len(text)].strip()


# ---------------------------------------------------------------- periods and dates


def period_end(year: str, quarter: int | None) -> date:
    """The last day of a quarter, or of the year (the annual report = the fourth quarter)."""
    month = 3 * (quarter or 4)
    return date(int(year), month, _calendar.monthrange(int(year), month)[1])


def executors_due(terms: Terms, year: str, quarter: int | None) -> date | None:
    return terms.executors.due(period_end(year, quarter)) if terms.executors else None


def information_due(terms: Terms, year: str, quarter: int) -> date | None:
    return terms.information.due(period_end(year, quarter)) if terms.information else None


def publication_due(terms: Terms, years: tuple[str, ...], final: bool = False) -> date | None:
    """The summary of a stage (a programme year) is due 45 days after it; the final report's
    term is not stated by section 8 (``None``)."""
    if final or terms.publication is None:
        return None
    return terms.publication.due(period_end(years[-1], None))


def _kyiv() -> timezone:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Kyiv")  # type: ignore[return-value]
    except Exception:  # no time-zone database (Windows without tzdata)
        return timezone(timedelta(hours=2))


def local_time(received: str) -> datetime:
    """The council's local time of a stored «received» time (ISO, UTC)."""
    moment = datetime.fromisoformat(received)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_kyiv())


def local_date(received: str) -> date:
    return local_time(received).date()


def today() -> date:
    """Today in Zhytomyr."""
    return datetime.now(_kyiv()).date()


def dated(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else "строк у рішенні не встановлено"


# ---------------------------------------------------------------- verdicts

ON_TIME, LATE, OVERDUE, NOT_YET, NO_TERM = "on_time", "late", "overdue", "not_yet", "no_term"


def verdict(due: date | None, received: date | None, on: date) -> tuple[str, int, str]:
    """(code, days, words) of one executor's submission against its term.

    «вчасно»; «із запізненням на N дн.»; «не подано (прострочено N дн.)»; before the term
    «ще не подано (строк — до 10.07.2019)»; without a term «подано» / «не подано».
    """
    if due is None:
        return (NO_TERM, 0, "подано" if received else "не подано")
    if received is not None:
        late = (received - due).days
        if late <= 0:
            return (ON_TIME, 0, "вчасно")
        return (LATE, late, f"із запізненням на {late} дн.")
    late = (on - due).days
    if late > 0:
        return (OVERDUE, late, f"не подано (прострочено {late} дн.)")
    return (NOT_YET, 0, f"ще не подано (строк — до {due:%d.%m.%Y})")
