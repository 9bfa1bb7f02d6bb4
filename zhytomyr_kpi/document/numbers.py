"""Numbers as the decision prints them: decimal comma, spaces between thousands.

«15 461,849» is 15461.849; «60 443, 349» (a stray space after the comma) is 60443.349;
«-» means no value. Amounts stay :class:`~decimal.Decimal` so that sums are exact and
a delta of 0 means 0, not 1e-13.

Only ASCII digits count («٧» or «７» is not 7) and a number has at most
:data:`MAX_WHOLE_DIGITS` digits before the comma and :data:`MAX_FRACTION_DIGITS` after it:
anything longer is malformed, never a huge or infinite value. These are limits of sanity for
any caller; what is plausible for a budget amount (fewer digits) the parser checks itself, with
a message that says so.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum

MAX_WHOLE_DIGITS, MAX_FRACTION_DIGITS = 40, 20
_WHOLE = rf"[0-9]{{1,{MAX_WHOLE_DIGITS}}}"
_FRACTION = rf"[0-9]{{1,{MAX_FRACTION_DIGITS}}}"
_GROUPS = (MAX_WHOLE_DIGITS - 1) // 3  # «1 234 567»: up to MAX_WHOLE_DIGITS digits in all
_NUMBER = re.compile(rf"^-?(?:[0-9]{{1,3}}(?: [0-9]{{3}}){{1,{_GROUPS}}}|{_WHOLE})"
                     rf"(?:, ?{_FRACTION})?$")
_NUMBERISH = re.compile(r"^[\d\s.,]*\d[\d\s.,]*$")  # any script's digits: refused, not text
_SIMPLE_DECIMAL = re.compile(rf"^{_WHOLE},{_FRACTION}$")
DASHES = {"-", "–", "—", "--"}
#: No-break, narrow no-break and thin spaces between thousands («1 480,0» as Word prints it);
#: the minus sign «−» as a hyphen-minus.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-"})


class CellKind(Enum):
    """What an amount or value cell holds."""

    EMPTY = "empty"
    DASH = "dash"
    NUMBER = "number"
    MULTI = "multi"  # several numbers in one cell: merged rows («0,0 0,0 0,0»)
    TEXT = "text"
    MALFORMED = "malformed"  # looks like a number but is not one («12,3,4»)
    ABSENT = "absent"  # the table has no such column (a one-year programme's «Всього»)


def parse_number(text: str) -> Decimal:
    """Parse one number in the document's style; raise ValueError if it is not one."""
    cleaned = text.strip().translate(_SPACES)
    if not _NUMBER.match(cleaned):
        raise ValueError(f"не число: «{text}»")
    return Decimal(cleaned.replace(" ", "").replace(",", "."))


def is_number(text: str) -> bool:
    """True if the text is exactly one number in the document's style."""
    return bool(_NUMBER.match(text.strip().translate(_SPACES)))


def classify(text: str) -> tuple[CellKind, list[Decimal]]:
    """Say what a cell holds and return the numbers in it (none, one or several)."""
    cleaned = text.strip().translate(_SPACES)
    if not cleaned:
        return CellKind.EMPTY, []
    if cleaned in DASHES:
        return CellKind.DASH, []
    if _NUMBER.match(cleaned):
        return CellKind.NUMBER, [parse_number(cleaned)]
    tokens = cleaned.split()
    if len(tokens) > 1 and all(_SIMPLE_DECIMAL.match(t) for t in tokens):
        return CellKind.MULTI, [parse_number(t) for t in tokens]
    if _NUMBERISH.match(cleaned) or any(ch.isdecimal() and not ch.isascii() for ch in cleaned):
        return CellKind.MALFORMED, []
    return CellKind.TEXT, []


def decimals_of(text: str) -> int:
    """How many decimals a printed number shows («3,4» → 1, «6133,0» → 1, «523» → 0)."""
    cleaned = text.replace(" ", "")
    return len(cleaned.split(",", 1)[1]) if "," in cleaned else 0
