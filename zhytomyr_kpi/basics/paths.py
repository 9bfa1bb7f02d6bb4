"""Where things live: the project root, data folders, the default inputs, and the programmes.

One project keeps many programmes, each in a folder of its own, so that one never overwrites
another (README, «Кілька програм в одному проєкті»)::

    programmes/<name>/decision.txt         the decision text (required)
    programmes/<name>/rating_results.csv   published ratings (optional: else the project's
                                           data/raw/rating_results.csv — ratings are the city's)
    programmes/<name>/report.toml          report settings (optional: else the defaults)
    programmes/<name>/actuals/             the executors' store (made by ``ingest``)
    programmes/<name>/processed/           written by ``build``
    programmes/<name>/reports/             written by ``report``

No. 1685, the default, stays at today's places (data/raw/, config/report.toml,
data/processed/, reports/). A programme is chosen by ``--programme NAME`` or by a path inside
its folder (the folder itself or its ``decision.txt``). Any other text is a document without
a home: it is read, and a command that writes needs its place named (``--out``, ``--store``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_DIR.parent
REVIEWED_DIR = PACKAGE_DIR / "reviewed"
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
DEFAULT_DOCUMENT = RAW_DIR / "rishennia_1685_2019-12-18.txt"
DEFAULT_RATING_RESULTS = RAW_DIR / "rating_results.csv"
DEFAULT_ACTUALS = RAW_DIR / "actuals"
DEFAULT_SETTINGS = PROJECT_ROOT / "config" / "report.toml"
DEFAULT_REPORTS = PROJECT_ROOT / "reports"
#: The project's programmes, one folder each (``ZHYTOMYR_KPI_PROGRAMMES`` moves it).
PROGRAMMES_DIR = Path(os.environ.get("ZHYTOMYR_KPI_PROGRAMMES") or PROJECT_ROOT / "programmes")
DECISION_FILE = "decision.txt"
#: A programme's report settings; optional (missing: the defaults, the title from the passport).
SETTINGS_FILE = "report.toml"
MAX_NAME = 100


class PlaceError(ValueError):
    """A programme that cannot be found or named; the message is one line in Ukrainian."""


@dataclass(frozen=True)
class Place:
    """Where one programme's inputs and outputs live.

    ``name`` is ``None`` for the default programme (No. 1685) and ``""`` for a document
    without a home; ``folder`` is the programme's folder (``None`` for both of these). An
    output place that is ``None`` must be named by the command's option.
    """

    name: str | None
    document: Path
    rating_results: Path
    actuals: Path | None
    settings: Path | None
    processed: Path | None
    reports: Path | None
    folder: Path | None = None

    @property
    def title(self) -> str:
        """How messages name the programme: its folder's name, the file, or «№ 1685»."""
        if self.name is None:
            return "типова програма (рішення № 1685)"
        return self.name or self.document.name


def default_place() -> Place:
    """The default programme (No. 1685) at today's places."""
    return Place(None, DEFAULT_DOCUMENT, DEFAULT_RATING_RESULTS, DEFAULT_ACTUALS,
                 DEFAULT_SETTINGS, PROCESSED_DIR, DEFAULT_REPORTS)


def check_name(name: str) -> str:
    """A programme's name is one plain folder name: no separators, no «.», «..» or hidden
    names, no control characters, at most :data:`MAX_NAME` characters."""
    shown = "".join(c if c.isprintable() else "\ufffd" for c in name[:40]) + (
        "…" if len(name) > 40 else "")  # the error stays one line
    if (not name or name != name.strip() or name in (".", "..") or name.startswith(".")
            or any(c in name for c in "/\\") or any(not c.isprintable() for c in name)
            or len(name) > MAX_NAME):
        raise PlaceError(f"«{shown}»: назва програми — це назва теки в programmes/ (без «/», "
                         f"«..», прихованих назв і керівних символів, до {MAX_NAME} символів)")
    return name


def folder_place(folder: Path, name: str | None = None) -> Place:
    """The place of the programme kept in ``folder`` (see the module docstring)."""
    own = folder / "rating_results.csv"
    return Place(name if name is not None else folder.name, folder / DECISION_FILE,
                 own if own.exists() else DEFAULT_RATING_RESULTS, folder / "actuals",
                 folder / SETTINGS_FILE, folder / "processed", folder / "reports", folder)


def programme_place(name: str, root: Path | None = None) -> Place:
    """The programme ``programmes/<name>/``; :class:`PlaceError` when it has no decision."""
    folder = (root or PROGRAMMES_DIR) / check_name(name)
    if not (folder / DECISION_FILE).is_file():
        raise PlaceError(f"програму «{name}» не знайдено: немає файлу {folder / DECISION_FILE}")
    return folder_place(folder, name)


def place_of(path: Path | None) -> Place:
    """The place of the document at ``path`` (``None``: the default programme).

    A folder holding ``decision.txt``, or a ``decision.txt`` itself, is a programme's folder;
    the default document is the default programme; any other file is a document without a
    home (its outputs must be named).
    """
    if path is None:
        return default_place()
    path = Path(path)
    if path.is_dir() and (path / DECISION_FILE).is_file():
        return folder_place(path)
    if path.name == DECISION_FILE and path.parent.name:
        return folder_place(path.parent)
    if _same(path, DEFAULT_DOCUMENT):
        return default_place()
    return Place("", path, DEFAULT_RATING_RESULTS, None, None, None, None)


def programmes(root: Path | None = None) -> list[Place]:
    """Every programme of the project: the default one, then ``programmes/*/`` by name."""
    root = root or PROGRAMMES_DIR
    found = [default_place()]
    if root.is_dir():
        for folder in sorted(root.iterdir(), key=lambda p: p.name):
            if not folder.name.startswith(".") and (folder / DECISION_FILE).is_file():
                found.append(folder_place(folder))
    return found


def optional_settings(path: Path) -> bool:
    """Whether a missing settings file at ``path`` means the defaults: the project's
    config/report.toml, or a programme folder's own report.toml."""
    return _same(path, DEFAULT_SETTINGS) or (
        path.name == SETTINGS_FILE and (path.parent / DECISION_FILE).is_file())


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False
