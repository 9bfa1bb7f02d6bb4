"""Published rating results (``data/raw/rating_results.csv``): read and validated as a whole.

The department adds rows as new editions come out. A malformed row stops the load with one
line naming the file, the row and the column (and how many more problems there are);
nothing is loaded half. Columns are described in ``data/raw/README.md``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ParseError
from .paths import RAW_DIR
from .reference import ratings

DEFAULT_RESULTS = RAW_DIR / "rating_results.csv"
COLUMNS = ("rating", "component", "program_year", "edition", "published", "place", "place_min",
           "place_max", "score", "score_max", "out_of", "scale_max", "evidence", "source", "note")
#: Optional columns: ``note_uk`` is the note in Ukrainian, shown to readers where present.
OPTIONAL_COLUMNS = ("note_uk",)
EVIDENCE = ("verified", "from_decision", "inferred", "not_found", "not_comparable")
YEAR_RANGE = (2010, 2035)


@dataclass(frozen=True)
class RatingResult:
    """One row: a rating's result for a programme year (exact values or bounds)."""

    row: int
    rating: str
    component: str
    program_year: int
    edition: str
    published: str
    place: int | None
    place_min: int | None
    place_max: int | None
    score: float | None
    score_max: float | None
    out_of: int | None
    scale_max: float | None
    evidence: str
    source: str
    note: str
    note_uk: str = ""


def _problems(row: int, values: dict[str, str], known: set[str]) -> list[tuple[str, str]]:
    """(column, message) for everything wrong with one row."""
    problems: list[tuple[str, str]] = []
    numbers: dict[str, float | None] = {}

    def number(column: str, integer: bool) -> None:
        text = values[column].strip()
        if not text:
            numbers[column] = None
            return
        pattern = r"^\d+$" if integer else r"^\d+(?:[.,]\d+)?$"
        if not re.match(pattern, text):
            kind = "ціле число" if integer else "число"
            problems.append((column, f"очікується {kind} ≥ 0, отримано «{text}»"))
            numbers[column] = None
            return
        numbers[column] = int(text) if integer else float(text.replace(",", "."))

    if values["rating"] not in known:
        problems.append(("rating", f"невідомий рейтинг «{values['rating']}»; відомі: "
                                   f"{', '.join(sorted(known))}"))
    if not re.match(r"^[a-z_]+$", values["component"]):
        problems.append(("component", f"очікується overall або назва складової латиницею, "
                                      f"отримано «{values['component']}»"))
    year = values["program_year"].strip()
    if not year.isdigit() or not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
        problems.append(("program_year", f"рік має бути в межах {YEAR_RANGE[0]}-{YEAR_RANGE[1]}, "
                                         f"отримано «{year}»"))
    for column in ("place", "place_min", "place_max", "out_of"):
        number(column, integer=True)
    for column in ("score", "score_max", "scale_max"):
        number(column, integer=False)
    if values["evidence"] not in EVIDENCE:
        problems.append(("evidence", f"невідомий рівень доказовості «{values['evidence']}»; "
                                     f"можливі: {', '.join(EVIDENCE)}"))
    if not values["source"].strip():
        problems.append(("source", "не вказано джерело"))
    place, low, high = numbers["place"], numbers["place_min"], numbers["place_max"]
    out_of = numbers["out_of"]
    for column in ("place", "place_min", "place_max"):
        value = numbers[column]
        if value is not None and out_of is not None and value > out_of:
            problems.append((column, f"місце {value} більше за кількість учасників {out_of}"))
        if value is not None and value < 1:
            problems.append((column, "місце має бути не менше 1"))
    if low is not None and high is not None and low > high:
        problems.append(("place_min", f"межі переплутано: place_min {low} > place_max {high}"))
    if place is not None and ((low is not None and place < low)
                              or (high is not None and place > high)):
        problems.append(("place", f"точне місце {place} суперечить межам "
                                  f"{low or '…'}-{high or '…'}"))
    score, score_max, scale = numbers["score"], numbers["score_max"], numbers["scale_max"]
    for column, value in (("score", score), ("score_max", score_max)):
        if value is not None and scale is not None and value > scale:
            problems.append((column, f"бали {value:g} більші за максимум шкали {scale:g}"))
    if score is not None and score_max is not None and score > score_max:
        problems.append(("score", f"точні бали {score:g} суперечать межі «не більше "
                                  f"{score_max:g}»"))
    return problems


def load_results(path: Path = DEFAULT_RESULTS) -> list[RatingResult]:
    """Read and validate the whole file; raise ParseError on the first problem (all or nothing)."""
    known = {r.rating for r in ratings()}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ParseError(path, f"рядок 1: бракує стовпців {', '.join(missing)}", line=None)
            records = list(enumerate(reader, start=2))
    except FileNotFoundError:
        raise ParseError(path, "файл не знайдено") from None
    except UnicodeDecodeError:
        raise ParseError(path, "файл не в кодуванні UTF-8") from None
    except csv.Error as exc:
        raise ParseError(path, f"не CSV: {exc}") from None
    problems: list[str] = []
    results: list[RatingResult] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row, raw in records:
        values = {c: (raw.get(c) or "").strip() for c in (*COLUMNS, *OPTIONAL_COLUMNS)}
        for column, message in _problems(row, values, known):
            problems.append(f"рядок {row}, стовпець {column}: {message}")
        key = (values["rating"], values["component"], values["program_year"])
        if key in seen:
            problems.append(f"рядок {row}, стовпець program_year: повтор рядка {seen[key]} "
                            f"({', '.join(key)})")
        seen.setdefault(key, row)
        if problems:
            continue

        def num(column, cast, values=values):
            text = values[column]
            return cast(text.replace(",", ".")) if text else None

        results.append(RatingResult(
            row=row, rating=values["rating"], component=values["component"],
            program_year=int(values["program_year"]), edition=values["edition"],
            published=values["published"], place=num("place", int),
            place_min=num("place_min", int), place_max=num("place_max", int),
            score=num("score", float), score_max=num("score_max", float),
            out_of=num("out_of", int), scale_max=num("scale_max", float),
            evidence=values["evidence"], source=values["source"], note=values["note"],
            note_uk=values["note_uk"]))
    if problems:
        more = f" (і ще {len(problems) - 1})" if len(problems) > 1 else ""
        raise ParseError(path, problems[0] + more)
    return results
