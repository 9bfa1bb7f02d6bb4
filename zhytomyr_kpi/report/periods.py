"""Report periods: each programme year, and the whole term (the final report).

The years come from the programme (``Program.years``), never from a constant here.
"""

from __future__ import annotations

from dataclasses import dataclass


class PeriodError(ValueError):
    """An unknown report period; the message lists the valid ones."""


@dataclass(frozen=True)
class Period:
    """A report period: one programme year, or the whole term (``is_final``)."""

    key: str
    years: tuple[str, ...]
    term: str

    @property
    def is_final(self) -> bool:
        return self.key == self.term and len(self.years) > 1

    @property
    def label(self) -> str:
        """«2019 рік», «2018-2020 роки»."""
        return f"{self.key} роки" if self.is_final else f"{self.key} рік"

    @property
    def in_words(self) -> str:
        """«за 2019 рік», «за 2018-2020 роки»."""
        return f"за {self.label}"

    @property
    def title(self) -> str:
        if self.is_final:
            return f"Підсумковий звіт про виконання Програми за {self.label}"
        return f"Звіт про виконання Програми за {self.label}"

    @property
    def column(self) -> str:
        """The amount column of this period in the tidy tables («2019» or «total»)."""
        return "total" if self.is_final else self.key

    @property
    def last_year(self) -> str:
        return self.years[-1]


def periods(years: tuple[str, ...]) -> list[Period]:
    """Every report period of a programme with these years: each year, then the whole term."""
    term = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
    found = [Period(year, (year,), term) for year in years]
    if len(years) > 1:
        found.append(Period(term, tuple(years), term))
    return found


def period(key: str | int, years: tuple[str, ...]) -> Period:
    """Parse a period; an unknown one raises PeriodError naming the valid periods."""
    key = str(key).strip()
    known = periods(years)
    for candidate in known:
        if candidate.key == key:
            return candidate
    raise PeriodError(f"невідомий період звіту «{key}»; можливі: "
                      f"{', '.join(p.key for p in known)}")


#: What an example report's files carry after the period («evaluation_2019_example.pdf»).
EXAMPLE_SUFFIX = "_example"


def file_stem(key: str, example: bool = False) -> str:
    """«evaluation_2019», or «evaluation_2019_example» for an example report (never the same)."""
    return f"evaluation_{key}{EXAMPLE_SUFFIX if example else ''}"
