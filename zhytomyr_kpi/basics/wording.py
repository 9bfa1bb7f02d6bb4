"""Ukrainian wording for people: plural agreement and numbers as printed in official documents.

One home for «31 захід / 32 заходи / 35 заходів», «1 234,5» with non-breaking spaces and «−»
for minus. Plural categories come from Babel (CLDR rules for ``uk``), not from a hand-written
rule. Reports, the CLI, notebooks and the app use these functions.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale


def format_uk(value: float | Decimal | None, decimals: int | None = None) -> str:
    """Format a number Ukrainian style: «60 443,349» (groups by space, decimal comma, «−» for
    minus)."""
    if value is None:
        return ""
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if decimals is not None:  # half up, as people round: 15 677,05 → 15 677,1 everywhere
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "\u2212" if number < 0 else ""  # MINUS SIGN, as Ukrainian typesetting has it
    number = abs(number)
    text = format(number, "f")
    whole, _, frac = text.partition(".")
    if decimals is None and frac:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = " ".join(groups)
    return f"{sign}{result},{frac}" if frac else f"{sign}{result}"


NBSP = "\u00a0"
MINUS = "\u2212"
_UK = Locale("uk")


def plural(n: int | float | Decimal, one: str, few: str, many: str,
           fraction: str | None = None) -> str:
    """The form of a noun that agrees with ``n``: 1 захід, 2 заходи, 5 заходів, 21 захід.

    A fractional ``n`` takes the genitive singular (``fraction``; «2,5 відсотка»); where it
    is not given, the ``few`` form is used, which is the genitive singular of most feminine
    nouns («1,5 особи», «0,5 гривні»).
    """
    category = _UK.plural_form(abs(n))
    if category == "one":
        return one
    if category == "few":
        return few
    if category == "many":
        return many
    return fraction if fraction is not None else few


def number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """«60 443,349», «−290,0»: decimal comma, non-breaking spaces between groups, «−»."""
    if value is None:
        return ""
    return format_uk(value, decimals).replace(" ", NBSP).replace("-", MINUS)


def signed(value: int | float | Decimal, decimals: int | None = None) -> str:
    """A deviation with its sign: «+290,0», «−60,0», «0,0»."""
    text = number(value, decimals)
    return f"+{text}" if Decimal(str(value)) > 0 and text.strip("0,") != "" else text


def count(n: int, one: str, few: str, many: str) -> str:
    """A count with its noun, kept on one line: «31 захід», «34 розбіжності», «21 значення»."""
    return f"{number(n)}{NBSP}{plural(n, one, few, many)}"


def money(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    """An amount in thousand UAH: «1 340,4 тис. грн» (non-breaking inside)."""
    return f"{number(value, decimals)}{NBSP}тис.{NBSP}грн"


def years_label(years: tuple[str, ...] | list[str]) -> str:
    """«за 2019 рік» for one year, «за 2018-2020 роки» for a span."""
    years = list(years)
    if len(years) == 1:
        return f"за {years[0]} рік"
    return f"за {years[0]}-{years[-1]} роки"


def clip(text: object, width: int) -> str:
    """At most ``width`` characters of ``text`` for a message; a cut one ends in «…» (never
    a word cut with nothing to show it: «фонд охорони навколишньо…»)."""
    text = str(text)
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"
