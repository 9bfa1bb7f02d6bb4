"""Units of Annex B as printed («Тис. грн.», «Осіб», «Бали») → short codes used in code."""

from __future__ import annotations

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
}
MONEY_IN_UAH = {"uah": Decimal(1), "kuah": Decimal(1000), "muah": Decimal(1_000_000)}


def unit_code(printed: str) -> str | None:
    """Code of a printed unit, or None if it is not one we know."""
    key = " ".join(printed.lower().replace(".", ". ").split()).rstrip(".").replace(" .", ".")
    return UNIT_CODES.get(key.strip())
