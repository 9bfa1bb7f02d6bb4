"""One input cell of an executor's workbook: an amount, a comment, a state of the work.

Every problem goes to the workbook's :class:`Check`, naming the cell; see
:mod:`zhytomyr_kpi.actuals.intake` for the rules (what an amount may look like, which
formulas count, how text that a spreadsheet would take for a formula is kept as text).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from zhytomyr_kpi.actuals.template import MAX_TEXT, TEMPLATE_VERSION, WORK_STATES

MAX_AMOUNT = Decimal("999999999.999")  # what the plan column (#,##0.000, тис. грн) can hold
MAX_VALUE = Decimal("999999999999")  # an indicator in its own unit
MAX_COMMENT = MAX_TEXT
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?", re.ASCII)
#: Thousands separators people type or Excel shows: a space, a no-break space, a narrow one.
_GROUP_SPACES = " \u00a0\u202f"
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?", re.ASCII)
_INVISIBLE_SPACES = {"\u00a0": "·", "\u202f": "·"}
_SAFE_FORMULA = re.compile(r"=[0-9A-Z$.,+\-*/()\s:;]*", re.ASCII)
_FUNCTION = re.compile(r"([A-Z][A-Z0-9.]*)\s*\(")
_ALLOWED_FUNCTIONS = {"SUM", "ROUND"}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Check:
    """Everything found in one workbook: errors block the import, warnings do not."""

    path: Path
    year: str | None = None
    quarter: int | None = None
    executor: str | None = None  # None: the whole programme (consolidated workbook)
    example: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    raw: bytes = field(default=b"", repr=False)  # the workbook as read (stored as is)
    submission: str | None = None  # the store's name for it, once stored
    duplicate_of: str | None = None  # the same file was already stored under this name
    version: int = TEMPLATE_VERSION  # of the template the workbook was made from
    replaces: str | None = None  # the executor's previous submission for the period, if any
    changes: list[dict] = field(default_factory=list)  # figures changed against ``replaces``

    def error(self, where: str | None, message: str) -> None:
        """An error at a sheet and cell; ``where=None``: about the whole file (the caller
        names the file once)."""
        self.errors.append(message if where is None else f"{where}: {message}")

    def warn(self, where: str | None, message: str) -> None:
        self.warnings.append(message if where is None else f"{where}: {message}")

    @property
    def has_figures(self) -> bool:
        """Whether the workbook reports any amount or indicator value (not only comments)."""
        return any(r["actual_kuah"] is not None for r in self.measures) or any(
            r["actual_value"] is not None for r in self.indicators)


def safe_text(text: str) -> str:
    """Text that no spreadsheet takes for a formula: a leading «=», «+», «-», «@» gets «'»."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


# ---------------------------------------------------------------- one cell


def excerpt_of(value) -> str:
    """A cell's content for a message: short, and the formula's text, not an object's repr."""
    text = getattr(value, "text", None) if not isinstance(value, str | int | float) else None
    text = str(value if text is None else text)
    return text if len(text) <= 40 else text[:37] + "…"


def read_number(check: Check, where: str, cell, cached, limit: Decimal) -> float | None:
    """The value of an input cell as a float (None if empty); problems go to ``check``."""
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")
                                 and cell.data_type != "s"):
        formula = str(getattr(value, "text", None) or value)
        names = set(_FUNCTION.findall(formula.upper()))
        if not _SAFE_FORMULA.fullmatch(formula.upper()) or names - _ALLOWED_FUNCTIONS:
            check.error(where, f"формула «{excerpt_of(formula)}» не приймається: дозволено лише "
                               "арифметику і SUM; впишіть число")
            return None
        value = cached() if callable(cached) else cached
        if value is None:
            check.error(where, f"формула «{excerpt_of(formula)}» без обчисленого значення; "
                               "відкрийте файл в Excel, збережіть і надішліть знову")
            return None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        check.error(where, f"очікується число ≥ 0, отримано логічне значення «{value}»")
        return None
    if isinstance(value, datetime | date | time | timedelta):
        check.error(where, _date_message(value))
        return None
    if cell.data_type == "e":
        check.error(where, f"очікується число ≥ 0, отримано помилку Excel «{excerpt_of(value)}»")
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            check.error(where, f"очікується скінченне число ≥ 0, отримано «{value}»")
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        text = value.strip(" \t\r\n" + _GROUP_SPACES)
        if not (_NUMBER.fullmatch(text) or _GROUPED.fullmatch(text)):
            check.error(where, _text_message(text))
            return None
        try:
            number = Decimal(re.sub("[ \u00a0\u202f]", "", text).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            check.error(where, f'очікується число ≥ 0, отримано "{excerpt_of(text)}"')
            return None
    else:
        check.error(where, f"очікується число ≥ 0, отримано «{excerpt_of(value)}»")
        return None
    if number < 0:
        check.error(where, f"очікується число ≥ 0, отримано {number:f}".replace("-", "−", 1))
        return None
    if number > limit:
        check.error(where, f"число {excerpt_of(format(number, '.0f'))} завелике (межа "
                           f"{limit:,.0f})".replace(",", " "))
        return None
    return float(round(number, 6))


def _text_message(text: str) -> str:
    """Why a text is not an amount, with a no-break space shown as «·» (a plain space and a
    no-break one look the same in a message, and only one of them is the problem)."""
    shown = "".join(_INVISIBLE_SPACES.get(char, char) for char in excerpt_of(text))
    legend = " (· — нерозривний пробіл)" if shown != excerpt_of(text) else ""
    if re.fullmatch(r"[0-9]+(?:[ \u00a0\u202f][0-9]+)+(?:[.,][0-9]+)?", text, re.ASCII):
        return (f'очікується число ≥ 0: розряди відокремлюють пробілом групами по три цифри '
                f'(1 234,5), отримано "{shown}"{legend}')
    hint = ("; розряди — лише пробілом, по три цифри (1 234,5)" if re.search(
        r"[0-9][_'’.][0-9]{3}(?:\D|$)", text) else "")
    return (f'очікується число ≥ 0 (цифри 0-9, десяткова кома{hint}), отримано '
            f'"{shown}"{legend}')


def _date_message(value) -> str:
    """A date or time where an amount belongs; a date is most often a decimal a spreadsheet
    in a Ukrainian locale took for one («12.5» → 12.05), so the number to type is named."""
    if (isinstance(value, datetime) and value.time() != time(0)) or not isinstance(
            value, date):
        return f"очікується число ≥ 0, отримано дату або час «{excerpt_of(value)}»"
    return (f"очікується число ≥ 0, отримано дату {value:%d.%m.%Y}: схоже, число "
            f"перетворилося на дату; впишіть {value.day},{value.month} з комою")


def read_comment(check: Check, where: str, cell) -> str:
    """An executor's comment as text (a formula there is an error)."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        check.error(where, f"у коментарі формула «{excerpt_of(value)}»; впишіть текст")
        return ""
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = " ".join(str(value).split())
    if len(text) > MAX_COMMENT:
        check.error(where, f"текст задовгий ({len(text)} символів, межа {MAX_COMMENT})")
        return ""
    return safe_text(text)


def read_state(check: Check, where: str, cell) -> str:
    """The state of a measure: one of :data:`WORK_STATES` (case and spaces aside), else an
    error naming the cell; "" when empty."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    text = " ".join(str(value).split()).lower() if isinstance(value, str) else None
    if cell.data_type == "f" or text not in WORK_STATES:
        check.error(where, f"стан «{excerpt_of(value)}» не з переліку; оберіть один: "
                           + ", ".join(WORK_STATES))
        return ""
    return text


