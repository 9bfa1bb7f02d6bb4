"""Published rating results (``data/raw/rating_results.csv``): read and validated as a whole.

The department adds rows as new editions come out. A malformed row stops the load with one
line naming the file, the row and the column (and how many more problems there are);
nothing is loaded half. Columns are described in ``data/raw/README.md``.

Untrusted input: only a regular file of at most :data:`MAX_RESULTS_BYTES` is read, with at
most :data:`MAX_ROWS` rows and :data:`MAX_TEXT` characters in a text column (a 10 MB note is
a row error, not a slow report); numbers are ASCII digits with at most :data:`MAX_DIGITS`
digits (a 5 000-digit place or a 400-digit score is a row error, never a crash or ``inf``); a
source that is an address is ``http:`` or ``https:`` (never ``javascript:``, ``file:`` or
``data:``); a row is named by the file line it starts on, so an unclosed quote is reported
where it opens. Texts are shown, never obeyed: every view escapes them
(:mod:`zhytomyr_kpi.basics.markup`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.markup import excerpt
from zhytomyr_kpi.basics.paths import RAW_DIR
from zhytomyr_kpi.basics.safe_io import read_regular
from zhytomyr_kpi.document.reference import ratings

DEFAULT_RESULTS = RAW_DIR / "rating_results.csv"
#: The council whose published results the project's file holds (the rankings of Zhytomyr);
#: another council's programme gets them only from a file of its own.
RESULTS_COUNCIL = "Житомирська міська рада"
COLUMNS = ("rating", "component", "program_year", "edition", "published", "place", "place_min",
           "place_max", "score", "score_max", "out_of", "scale_max", "evidence", "source", "note")
#: Optional columns: ``note_uk`` is the note in Ukrainian, shown to readers where present.
OPTIONAL_COLUMNS = ("note_uk",)
EVIDENCE = ("verified", "from_decision", "inferred", "not_found", "not_comparable")
YEAR_RANGE = (2010, 2035)
MAX_DIGITS = 9  # places, counts and scores: up to 999 999 999
MAX_FRACTION_DIGITS = 6
#: The file is 10 KB with 25 rows; these bounds are generous, not tight.
MAX_RESULTS_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
#: The longest text per column (the longest note today: 339 characters).
MAX_TEXT = {"edition": 100, "published": 10, "source": 1000, "note": 2000, "note_uk": 2000}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_INTEGER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
_DECIMAL = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}(?:[.,][0-9]{{1,{MAX_FRACTION_DIGITS}}})?")
_YEAR = re.compile(r"[0-9]{4}")
_CSV_ERRORS = {
    "unexpected end of data": "лапки не закрито до кінця файлу",
    "',' expected after '\"'": "після лапок очікується кома (лапки не закрито?)",
    "line contains NUL": "рядок містить нульовий байт (це не текстовий файл?)",
    "field larger than field limit": "задовге поле",
}


def _shown(text: str, width: int = 24) -> str:
    """The text for a message: long values cut, with their length; controls shown."""
    return excerpt(text, width)


def _is_date(text: str) -> bool:
    """A publication date as precise as known: «2019», «2019-03», «2019-03-06» (a real date)."""
    import datetime

    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _number_problem(text: str, integer: bool) -> str | None:
    """Why ``text`` is not an acceptable number (None when it is one)."""
    pattern = _INTEGER if integer else _DECIMAL
    if pattern.fullmatch(text):
        return None
    kind = "ціле число" if integer else "число"
    if integer and re.fullmatch(r"[0-9]{1,9}[.,][0-9]+", text):
        return f"очікується ціле число (місце, кількість), отримано «{_shown(text)}»"
    if any(ch.isdigit() and ch not in "0123456789" for ch in text):
        return f"очікується {kind} з цифр 0-9, отримано «{_shown(text)}»"
    if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", text):
        limit = (f"щонайбільше {MAX_DIGITS}" if integer else f"щонайбільше {MAX_DIGITS} у цілій "
                 f"частині і {MAX_FRACTION_DIGITS} у дробовій")
        return f"забагато цифр у «{_shown(text)}» ({limit})"
    return f"очікується {kind} ≥ 0, отримано «{_shown(text)}»"


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
        problem = _number_problem(text, integer)
        if problem:
            problems.append((column, problem))
            numbers[column] = None
            return
        numbers[column] = int(text) if integer else float(text.replace(",", "."))

    if values["rating"] not in known:
        problems.append(("rating", f"невідомий рейтинг «{_shown(values['rating'])}»; відомі: "
                                   f"{', '.join(sorted(known))}"))
    if not re.fullmatch(r"[a-z_]{1,64}", values["component"]):
        problems.append(("component", f"очікується overall або назва складової латиницею, "
                                      f"отримано «{_shown(values['component'])}»"))
    year = values["program_year"].strip()
    if not _YEAR.fullmatch(year) or not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
        problems.append(("program_year", f"рік має бути в межах {YEAR_RANGE[0]}-{YEAR_RANGE[1]}, "
                                         f"отримано «{_shown(year)}»"))
    published = values["published"].strip()
    if published and not _is_date(published):
        problems.append(("published", f"дата має бути РРРР, РРРР-ММ або РРРР-ММ-ДД, отримано "
                                      f"«{_shown(published)}»"))
    for column in ("place", "place_min", "place_max", "out_of"):
        number(column, integer=True)
    for column in ("score", "score_max", "scale_max"):
        number(column, integer=False)
    if values["evidence"] not in EVIDENCE:
        problems.append(("evidence", f"невідомий рівень доказовості «{_shown(values['evidence'])}»; "
                                     f"можливі: {', '.join(EVIDENCE)}"))
    if not values["source"].strip():
        problems.append(("source", "не вказано джерело"))
    scheme = _SCHEME.match(values["source"].strip())
    if scheme and scheme.group(1).lower() not in ("http", "https") and \
            not values["source"].strip()[scheme.end():].startswith(" "):
        problems.append(("source", f"адреса джерела має починатися з https:// або http://, "
                                   f"отримано «{_shown(values['source'])}»"))
    for column, limit in MAX_TEXT.items():
        if len(values[column]) > limit:
            problems.append((column, f"задовгий текст ({len(values[column])} символів; "
                                     f"щонайбільше {limit})"))
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


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(first file line of the row, fields)]); ParseError names the line and column."""
    try:
        text = read_regular(path, MAX_RESULTS_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise ParseError(path, f"рядок {line}: файл не в кодуванні UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            if header is None:
                header = fields
            elif fields:
                records.append((start, fields))
                if len(records) > MAX_ROWS:
                    raise ParseError(path, f"рядок {start}: забагато рядків (щонайбільше "
                                           f"{MAX_ROWS})")
            start = reader.line_num + 1
    except csv.Error as exc:
        reason = _CSV_ERRORS.get(str(exc), f"некоректний CSV ({exc})")
        where = f"рядок {start}"
        if header and str(exc) == "unexpected end of data":
            rest = "\n".join(re.split(r"\r\n|\r|\n", text)[start - 1:])
            fields = next(csv.reader(io.StringIO(rest, newline="")), [])
            if 0 < len(fields) <= len(header):
                opened = start + sum(field.count("\n") for field in fields[:-1])
                where = f"рядок {opened}, стовпець {header[len(fields) - 1]}"
        raise ParseError(path, f"{where}: {reason}") from None
    return header or [], records


def load_results(path: Path = DEFAULT_RESULTS) -> list[RatingResult]:
    """Read and validate the whole file; raise ParseError on the first problem (all or nothing)."""
    known = {r.rating for r in ratings()}
    header, rows = _records(path)
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ParseError(path, f"рядок 1: бракує стовпців {', '.join(missing)}", line=None)
    unknown = [c for c in header if c not in (*COLUMNS, *OPTIONAL_COLUMNS)]
    if unknown:
        raise ParseError(path, f"рядок 1: невідомий стовпець «{_shown(unknown[0])}» (описані "
                               "в data/raw/README.md; помилка в назві?)", line=None)
    records = []
    for row, fields in rows:
        if len(fields) > len(header):
            raise ParseError(path, f"рядок {row}: {len(fields)} полів замість {len(header)} "
                                   "(кома в тексті без лапок?)")
        records.append((row, dict(zip(header, fields, strict=False))))
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
