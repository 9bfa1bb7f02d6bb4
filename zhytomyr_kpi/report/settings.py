"""The report's settings file (``config/report.toml``): who prepared it, dates, signatures.

The department edits this file, so every value is checked and a mistake is one Ukrainian
line naming the file and the key (or the line, for a TOML syntax error). Unset values are
printed as blank lines to fill in by hand, never as today's date.

Untrusted input, bounded before it is parsed: only a regular file of at most
:data:`MAX_SETTINGS_BYTES` is read (``/dev/zero`` and a FIFO are refused at once), brackets
nest at most :data:`MAX_NESTING` deep (a 100 000-deep ``a = [[[…]]]`` would exhaust the
parser's recursion), every text is at most :data:`MAX_TEXT` characters, there are at most
:data:`MAX_SIGNATURES` signatures and :data:`MAX_DATES` dates. Thresholds are percentages
from 1 to 100 with at most two decimals (1e-300 is not a threshold). Dates are strict
(:func:`parse_date`). An error echoes at most a short start of a wrong value
(:func:`~zhytomyr_kpi.basics.markup.excerpt`).
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.markup import excerpt
from zhytomyr_kpi.basics.paths import PROJECT_ROOT, optional_settings
from zhytomyr_kpi.basics.safe_io import read_regular

SETTINGS_FILE = PROJECT_ROOT / "config" / "report.toml"
SECTIONS = {"title": {"prepared_by", "council", "programme"}, "dates": None,
            "thresholds": {"done_percent", "low_percent"}, "signatures": {"position", "name"}}
#: The shipped file is 2 KB; a generous bound, far below what could hurt.
MAX_SETTINGS_BYTES = 64 * 1024
#: The deepest nesting of brackets and braces (``[[signatures]]`` is 2).
MAX_NESTING = 8
#: The longest text value (the programme's name in the shipped file is 170 characters).
MAX_TEXT = 500
MAX_SIGNATURES = 12
MAX_DATES = 40
#: Report dates: ASCII ``YYYY-MM-DD`` in this range.
DATE_RANGE = (date(2000, 1, 1), date(2100, 12, 31))
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PERIOD_KEY = re.compile(r"[0-9]{4}(?:-[0-9]{4})?")


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Signature:
    position: str = ""
    name: str = ""


@dataclass(frozen=True)
class ReportSettings:
    """What the department sets: the title page, the dates of the reports, the signatures."""

    prepared_by: str = ""  # "": who section 8 says coordinates (see report.edition.prepared_by)
    council: str = ""  # empty: the council the decision's heading names (report.edition)
    programme: str = ""  # the programme's name for the title page; empty: passport item 1
    dates: dict[str, date] = field(default_factory=dict)
    done_percent: float = 95.0
    low_percent: float = 50.0
    signatures: tuple[Signature, ...] = (Signature(""),)  # a line to fill in by hand

    def date_for(self, period_key: str, override: date | None = None) -> date | None:
        """The report's date: ``--date`` first, then the file's date for the period, else none."""
        return override or self.dates.get(period_key)


def parse_date(text: object, where: str) -> date:
    """«2020-02-14» → date; anything else is a SettingsError naming ``where``.

    Strictly ``YYYY-MM-DD`` in ASCII digits within :data:`DATE_RANGE`: not «20200214», not
    an ISO week date («2020-W07-5»), not other scripts' digits, not 9999-12-31. TOML's own
    date values (``"2019" = 2020-02-14`` without quotes) are the same text.
    """
    shown = excerpt(text)
    expected = (f"потрібно РРРР-ММ-ДД від {DATE_RANGE[0].isoformat()} до "
                f"{DATE_RANGE[1].isoformat()}, наприклад 2020-02-14")
    raw = text.isoformat() if isinstance(text, date) and not hasattr(text, "hour") else text
    match = _DATE.fullmatch(raw.strip(" ")) if isinstance(raw, str) else None
    if match is None:
        raise SettingsError(f"{where}: неправильна дата «{shown}» ({expected})")
    try:
        value = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise SettingsError(f"{where}: такої дати немає: «{shown}» ({expected})") from None
    if not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
        raise SettingsError(f"{where}: дата «{shown}» поза межами ({expected})")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SettingsError(f"{where}: потрібен текст у лапках")
    if len(value) > MAX_TEXT:
        raise SettingsError(f"{where}: задовгий текст ({len(value)} символів; щонайбільше "
                            f"{MAX_TEXT})")
    return " ".join(value.split())


def _percent(value: object, where: str) -> float:
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value) or not 1 <= value <= 100 or round(value, 2) != value):
        raise SettingsError(f"{where}: потрібне число від 1 до 100 (щонайбільше два знаки "
                            "після коми)")
    return float(value)


def nesting(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in TOML text, outside strings and comments.

    One pass, no recursion: checked before :mod:`tomllib` parses (it recurses per level).
    An unclosed string simply ends the scan; the parser then says where the error is.
    """
    depth = deepest = 0
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = size if end < 0 else end
        elif char in "\"'":
            triple = text.startswith(char * 3, i)
            quote = char * 3 if triple else char
            j = i + len(quote)
            while j < size:
                if char == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    break
                if not triple and text[j] == "\n":
                    break
                j += 1
            i = j + len(quote)
            continue
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
        i += 1
    return deepest


def _read(path: Path) -> dict:
    """The file's TOML, bounded before parsing (see the module doc)."""
    try:
        raw = read_regular(path, MAX_SETTINGS_BYTES)
    except ParseError as exc:
        raise SettingsError(f"{path}: {exc.detail}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: файл має бути в кодуванні UTF-8") from None
    if nesting(text) > MAX_NESTING:
        raise SettingsError(f"{path}: завелика вкладеність дужок (понад {MAX_NESTING} рівнів)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: помилка синтаксису TOML: {exc}") from None
    except RecursionError:  # the nesting check should make this unreachable
        raise SettingsError(f"{path}: завелика вкладеність дужок") from None


def load_settings(path: Path | None = None) -> ReportSettings:
    """Read and check the settings file; a missing default file gives the defaults."""
    path = Path(path) if path is not None else SETTINGS_FILE
    if not path.exists() and not path.is_symlink():
        if path == SETTINGS_FILE or optional_settings(path):  # a programme's own file too
            return ReportSettings()
        raise SettingsError(f"{path}: файл налаштувань звіту не знайдено")
    data = _read(path)
    for key, value in data.items():
        if key not in SECTIONS:
            raise SettingsError(f"{path}: невідомий розділ [{excerpt(key)}]; можливі: "
                                f"{', '.join(SECTIONS)}")
        allowed = SECTIONS[key]
        if key == "signatures" and isinstance(value, list):
            items = value
            if len(items) > MAX_SIGNATURES:
                raise SettingsError(f"{path}: забагато підписів ({len(items)}; щонайбільше "
                                    f"{MAX_SIGNATURES})")
        elif isinstance(value, dict):
            items = [value]
        else:
            raise SettingsError(f"{path}: [{key}] має бути розділом"
                                + (" [[signatures]]" if key == "signatures" else
                                   f" [{key}], а не [[{key}]]" if isinstance(value, list)
                                   else ""))
        for item in items:
            if not isinstance(item, dict):
                raise SettingsError(f"{path}: [{key}] має бути розділом")
            unknown = set(item) - allowed if allowed is not None else set()
            if unknown:
                raise SettingsError(f"{path}: [{key}] невідомий ключ "
                                    f"«{excerpt(sorted(unknown)[0])}»; "
                                    f"можливі: {', '.join(sorted(allowed))}")
    dates = data.get("dates", {})
    if len(dates) > MAX_DATES:
        raise SettingsError(f"{path}: [dates] забагато дат ({len(dates)}; щонайбільше "
                            f"{MAX_DATES})")
    for key in dates:
        if not _PERIOD_KEY.fullmatch(key):
            raise SettingsError(f"{path}: [dates] ключ «{excerpt(key)}» — не звітний період "
                                "(рік, наприклад \"2019\", або строк, наприклад \"2018-2020\")")
    defaults = ReportSettings()
    title = data.get("title", {})
    thresholds = data.get("thresholds", {})
    signatures = data.get("signatures", [])
    if not isinstance(signatures, list):
        raise SettingsError(f"{path}: підписи задаються розділами [[signatures]]")
    settings = ReportSettings(
        prepared_by=_text(title.get("prepared_by", defaults.prepared_by),
                          f"{path}: [title] prepared_by"),
        council=_text(title.get("council", defaults.council), f"{path}: [title] council"),
        programme=_text(title.get("programme", ""), f"{path}: [title] programme"),
        dates={str(k): parse_date(v, f"{path}: [dates] «{k}»") for k, v in dates.items()},
        done_percent=_percent(thresholds.get("done_percent", defaults.done_percent),
                              f"{path}: [thresholds] done_percent"),
        low_percent=_percent(thresholds.get("low_percent", defaults.low_percent),
                             f"{path}: [thresholds] low_percent"),
        signatures=tuple(Signature(_text(s.get("position", ""), f"{path}: [[signatures]] "
                                                                  "position"),
                                   _text(s.get("name", ""), f"{path}: [[signatures]] name"))
                         for s in signatures) or defaults.signatures,
    )
    if settings.low_percent > settings.done_percent:
        raise SettingsError(f"{path}: [thresholds] low_percent більший за done_percent")
    return settings
