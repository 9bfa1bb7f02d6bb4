"""Units of Annex B as printed («Тис. грн.», «Осіб», «Бали») → short codes used in code."""

from __future__ import annotations

import re
from decimal import Decimal

UNIT_CODES = {
    "тис. грн": "kuah",
    "млн. грн": "muah",
    "грн": "uah",
    "осіб": "persons",
    "одиниць": "units",
    "од": "units",
    "шт": "units",
    "тис. осіб": "kpersons",
    "%": "percent",
    "відсотків": "percent",
    "км": "km",
    "місце": "place",
    "бали": "points",
    # physical quantities a programme's outputs are counted in (energy, housing, roads)
    "кв. м": "sqm",
    "м²": "sqm",
    "м2": "sqm",
    "м": "m",
    "куб. м": "cubic_m",
    "м³": "cubic_m",
    "м3": "cubic_m",
    "гкал": "gcal",
    "квт·год": "kwh",
    "квт год": "kwh",
    "квт*год": "kwh",
    "т": "tonnes",
    "тонн": "tonnes",
    "га": "hectares",
}
UNIT_LABELS = {
    "kuah": "тис. грн",
    "muah": "млн грн",
    "uah": "грн",
    "persons": "осіб",
    "units": "одиниць",
    "kpersons": "тис. осіб",
    "percent": "%",
    "km": "км",
    "place": "місце",
    "points": "бали",
    "sqm": "кв. м",
    "m": "м",
    "cubic_m": "куб. м",
    "gcal": "Гкал",
    "kwh": "кВт·год",
    "tonnes": "т",
    "hectares": "га",
}
#: Units an output is counted in: what an efficiency indicator's cost is «per».
COUNTED = frozenset({"units", "persons", "kpersons", "km", "sqm", "m", "cubic_m", "gcal", "kwh",
                     "tonnes", "hectares"})
MONEY_IN_UAH = {"uah": Decimal(1), "kuah": Decimal(1000), "muah": Decimal(1_000_000)}


def unit_code(printed: str) -> str | None:
    """Code of a printed unit, or None if it is not one we know."""
    key = " ".join(printed.lower().replace(".", ". ").split()).rstrip(".").replace(" .", ".")
    key = key.strip()
    if key.startswith("кількість"):  # «кількість заходів»: a count
        return "units"
    return UNIT_CODES.get(key)


_MONEY_UNITS = (
    (re.compile(r"(?:млн\.?|мільйон\w*)\s*(?:грн|гривень|гривні)", re.I), Decimal(1000)),
    (re.compile(r"(?:тис\.?|тисяч\w*)\s*(?:грн|гривень|гривні)", re.I), Decimal(1)),
    (re.compile(r"(?<![\w.])грн|гривн|гривень", re.I), Decimal("0.001")),
)


#: A money unit as printed after an amount: «тис. грн», «тис. гривень», «тисяч грн»,
#: «млн грн», «мільйона гривень», «грн», «гривень» (:func:`money_unit` says what it is).
MONEY_UNIT_WORDS = (r"(?:(?:млн\.?|мільйон\w*|тис\.?|тисяч\w*)\s*)?(?:грн|гривень|гривні|гривня)"
                    r"(?![\w])\.?")


def money_unit(text: str) -> Decimal | None:
    """How many thousand hryvnias one unit of the money a heading names is: «тис. грн» → 1,
    «грн» or «у гривнях» → 0,001, «млн грн» → 1 000; None where the text names no money unit.

    The project keeps every amount in thousand UAH (the data contract); a table whose heading
    says «грн» is read in hryvnias and converted, so it is never taken 1 000 times too large."""
    for pattern, factor in _MONEY_UNITS:
        if pattern.search(text or ""):
            return factor
    return None


def factor_label(factor: Decimal) -> str:
    """The printed unit a conversion factor of :func:`money_unit` stands for («грн»)."""
    return {Decimal("0.001"): "грн", Decimal(1): "тис. грн", Decimal(1000): "млн грн"}.get(
        factor, f"{factor} тис. грн")


def money_unit_above(texts: list[str]) -> Decimal:
    """The money unit a table's heading names, the line nearest the table first (a title's
    «тис. грн» wins over a «грн» in the prose above it); thousand UAH where none is named."""
    for text in reversed(texts):
        factor = money_unit(text)
        if factor is not None:
            return factor
    return Decimal(1)


#: A note at the end of a direction's heading that names the money unit of its rows:
#: «(обсяги фінансування – у гривнях)», «(тис. грн)», «(грн)».
_UNIT_NOTE = re.compile(r"\(((?:(?:обсяги?|суми)(?:\s+фінансування)?\s*[-–—:,]?\s*)?(?:(?:у|в)\s+)?"
                        r"(?:(?:тис|млн)\.?\s*(?:грн|гривень)|грн|гривнях|(?:тисячах|мільйонах)\s+гривень)"
                        r"\.?)\)\s*$", re.I)


def section_money_unit(title: str) -> Decimal | None:
    """The unit a direction's heading names for its own rows, in thousand UAH (see
    :func:`money_unit`); None where the heading names none (the table's unit holds)."""
    note = _UNIT_NOTE.search(title or "")
    return money_unit(note.group(1)) if note else None
