"""The report's settings file (``config/report.toml``): who prepared it, dates, signatures.

The department edits this file, so every value is checked and a mistake is one Ukrainian
line naming the file and the key (or the line, for a TOML syntax error). Unset values are
printed as blank lines to fill in by hand, never as today's date.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zhytomyr_kpi.basics.paths import PROJECT_ROOT, optional_settings

SETTINGS_FILE = PROJECT_ROOT / "config" / "report.toml"
SECTIONS = {"title": {"prepared_by", "council", "programme"}, "dates": None,
            "thresholds": {"done_percent", "low_percent"}, "signatures": {"position", "name"}}


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Signature:
    position: str = ""
    name: str = ""


@dataclass(frozen=True)
class ReportSettings:
    """What the department sets: the title page, the dates of the reports, the signatures."""

    prepared_by: str = "Робоча група з координації виконання Програми"
    council: str = "Житомирська міська рада"
    programme: str = ""  # the programme's name for the title page; empty: passport item 1
    dates: dict[str, date] = field(default_factory=dict)
    done_percent: float = 95.0
    low_percent: float = 50.0
    signatures: tuple[Signature, ...] = (Signature("Керівник Робочої групи"),)

    def date_for(self, period_key: str, override: date | None = None) -> date | None:
        """The report's date: ``--date`` first, then the file's date for the period, else none."""
        return override or self.dates.get(period_key)


def parse_date(text: str, where: str) -> date:
    """«2020-02-14» (or «14.02.2020») → date; anything else is a SettingsError naming ``where``."""
    text = str(text).strip()
    try:
        if "." in text:
            day, month, year = text.split(".")
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"{where}: неправильна дата «{text}» (потрібно РРРР-ММ-ДД, "
                            "наприклад 2020-02-14)") from None


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SettingsError(f"{where}: потрібен текст у лапках")
    return " ".join(value.split())


def _percent(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 100:
        raise SettingsError(f"{where}: потрібне число від 0 до 100")
    return float(value)


def load_settings(path: Path | None = None) -> ReportSettings:
    """Read and check the settings file; a missing default file gives the defaults."""
    path = Path(path) if path is not None else SETTINGS_FILE
    if not path.exists():
        if path == SETTINGS_FILE or optional_settings(path):  # a programme's own file too
            return ReportSettings()
        raise SettingsError(f"{path}: файл налаштувань звіту не знайдено")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: файл має бути в кодуванні UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: помилка синтаксису TOML: {exc}") from None
    for key, value in data.items():
        if key not in SECTIONS:
            raise SettingsError(f"{path}: невідомий розділ [{key}]; можливі: "
                                f"{', '.join(SECTIONS)}")
        allowed = SECTIONS[key]
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                raise SettingsError(f"{path}: [{key}] має бути розділом")
            unknown = set(item) - allowed if allowed is not None else set()
            if unknown:
                raise SettingsError(f"{path}: [{key}] невідомий ключ «{sorted(unknown)[0]}»; "
                                    f"можливі: {', '.join(sorted(allowed))}")
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
        dates={str(k): parse_date(v, f"{path}: [dates] «{k}»")
               for k, v in data.get("dates", {}).items()},
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
