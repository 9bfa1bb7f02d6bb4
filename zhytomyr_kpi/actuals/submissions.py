"""Reading the store: every submission folder checked before its figures are used.

A folder is trusted only when everything about it agrees: its name with its sidecar's
sequence, period and executor; the workbook with the sidecar's sha256; the sidecar's
figures with the workbook read again by the intake (so an edited ``submission.json`` with a
recomputed digest is caught); no copied folder (a sequence number twice, one workbook
received twice at the same moment), no symlink, nothing else inside a folder, and nothing
in the store but submissions, the lock and a folder being staged. Each problem is one
:class:`~zhytomyr_kpi.actuals.errors.ActualsError` naming the file (issue 24, item 3).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from functools import lru_cache
from pathlib import Path

from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.intake import MAX_AMOUNT, MAX_VALUE, check_workbook
from zhytomyr_kpi.actuals.safe_files import read_bounded
from zhytomyr_kpi.actuals.template import (
    QUALITY_COLUMNS,
    WHOLE_PROGRAMME,
    WORK_STATES,
    period_key,
    template_measures,
)
from zhytomyr_kpi.basics.paths import RAW_DIR
from zhytomyr_kpi.tables.programme import ProgrammeTables

ACTUALS_DIR = RAW_DIR / "actuals"
WORKBOOK, SIDECAR, LOCK = "workbook.xlsx", "submission.json", ".lock"
STORE_FORMAT = 1
_FOLDER = re.compile(r"(\d{4,}) (\d{4})(?:-Q([1-4]))? (.+)")
_MAX_SIDECAR = 4 * 1024 * 1024
_MAX_WORKBOOK = 20 * 1024 * 1024


def who(executor: str | None) -> str:
    return executor or WHOLE_PROGRAMME


def folder_name(sequence: int, year: str, quarter: int | None, executor: str | None) -> str:
    """«0003 2019-Q2 Управління культури»: the submission's folder, from its sidecar's facts."""
    name = f"{sequence:04d} {period_key(year, quarter)} {who(executor)}"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name)


def figures_digest(sidecar: dict) -> str:
    """sha256 over what a sidecar says was read from its workbook (who, when, the figures):
    an edited figure in ``submission.json`` no longer matches it."""
    keys = ("executor", "year", "quarter", "sha256", "example", "measures", "indicators")
    text = json.dumps({key: sidecar.get(key) for key in keys}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def list_submissions(program: ProgrammeTables, store: Path = ACTUALS_DIR) -> list[dict]:
    """Every accepted submission, checked, in the order received (by sequence number)."""
    if not store.exists():
        return []
    if not store.is_dir():
        raise ActualsError("сховище фактичних даних має бути текою", store)
    found = []
    for entry in sorted(store.iterdir()):
        if entry.name == LOCK or (entry.name.startswith(_STAGING) and entry.is_dir()
                                  and not entry.is_symlink()):
            continue  # the lock, and a folder still being staged by an ingest
        found.append(_read_submission(program, entry))
    found.sort(key=lambda s: s["sequence"])
    _refuse_copies(found, store)
    return found


_STAGING = ".incoming-"


def _refuse_copies(found: list[dict], store: Path) -> None:
    """Two folders with one sequence number, or one workbook received twice at the same
    moment, are a copied submission (ingest never makes either): refused by name."""
    seen: dict = {}
    for s in found:
        for key, what in ((("sequence", s["sequence"]), "той самий номер подання"),
                          (("copy", s["sha256"], s["received"]), "копія подання")):
            if key in seen:
                raise ActualsError(f"{what}, що й «{seen[key]}»: теку скопійовано або "
                                   "перейменовано вручну; подання приймає лише zhytomyr-kpi "
                                   "ingest", store / s["submission"])
            seen[key] = s["submission"]


def _read_submission(program: ProgrammeTables, folder: Path) -> dict:
    match = _FOLDER.fullmatch(folder.name)
    if folder.is_symlink():
        raise ActualsError("посилання (symlink) у сховищі фактичних даних не приймається; "
                           "подання приймає лише zhytomyr-kpi ingest", folder)
    if not folder.is_dir() or not match:
        raise ActualsError("незнайомий файл у сховищі фактичних даних; файли приймає лише "
                           "zhytomyr-kpi ingest (приберіть його або прийміть через ingest)",
                           folder)
    sidecar_path = folder / SIDECAR
    if not sidecar_path.exists():
        raise ActualsError(f"у поданні немає {SIDECAR} (неповне подання)", folder)
    try:
        sidecar = json.loads(read_bounded(sidecar_path, _MAX_SIDECAR).decode("utf-8"),
                             parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError):
        raise ActualsError("пошкоджений опис подання (не JSON)", sidecar_path) from None
    problem = _sidecar_problem(program, sidecar, match)
    if not problem and sidecar.get("figures_sha256") != figures_digest(sidecar):
        problem = ("опис подання змінено після прийому (значення не збігаються з прочитаними "
                   "з книги)")
    if not problem and folder.name != folder_name(sidecar["sequence"], sidecar["year"],
                                                  sidecar["quarter"], sidecar["executor"]):
        problem = (f"тека «{folder.name}» не відповідає опису подання (номер, період або "
                   "виконавець інші); теку перейменовано вручну")
    if not problem and sidecar["submission"] != folder.name:
        problem = f"опис належить поданню «{sidecar['submission']}», а не цій теці"
    if problem:
        raise ActualsError(problem, sidecar_path)
    workbook = folder / WORKBOOK
    if not workbook.exists():
        raise ActualsError(f"у поданні немає {WORKBOOK}", folder)
    unexpected = sorted(p.name for p in folder.iterdir() if p.name not in (WORKBOOK, SIDECAR))
    if unexpected or workbook.is_symlink() or sidecar_path.is_symlink():
        raise ActualsError("у теці подання є зайве: " + ", ".join(unexpected or ["посилання"]) +
                           "; подання приймає лише zhytomyr-kpi ingest", folder)
    raw = read_bounded(workbook, _MAX_WORKBOOK)
    if hashlib.sha256(raw).hexdigest() != sidecar["sha256"]:
        raise ActualsError("книгу змінено після прийому (sha256 не збігається з описом "
                           "подання)", workbook)
    if _read_again(program, workbook, sidecar["sha256"]) != _as_read(sidecar):
        raise ActualsError("опис подання не збігається з книгою: значення, виконавець або "
                           "період у submission.json інші, ніж прочитані з workbook.xlsx "
                           "(опис змінено після прийому)", sidecar_path)
    return sidecar


#: The fields of a stored row that the workbook decides (the rest is provenance).
_MEASURE_FIELDS = ("measure_id", "actual_kuah", "comment", "cell", "state", "state_note",
                   "change", "change_ground")
_INDICATOR_FIELDS = ("group", "number", "actual_value", "comment", "cell")


def _as_read(facts) -> tuple:
    """What a workbook says (who, which period, every figure and text), comparable."""
    def rows(items, fields):
        return tuple(sorted(tuple(repr(row.get(f, "")) for f in fields) for row in items))

    get = facts.get if isinstance(facts, dict) else lambda key: getattr(facts, key)
    return (get("executor"), get("year"), get("quarter"), bool(get("example")),
            rows(get("measures"), _MEASURE_FIELDS), rows(get("indicators"), _INDICATOR_FIELDS))


@lru_cache(maxsize=512)
def _read_again(program: ProgrammeTables, workbook: Path, sha256: str) -> tuple:
    """The stored workbook read again by the intake: the store's figures come from it, never
    from the sidecar alone (an edited ``submission.json`` with a recomputed digest is caught).
    Cached by the workbook's sha256, which was checked just before."""
    check = check_workbook(program, workbook)
    if check.errors:
        raise ActualsError(f"збережена книга більше не проходить перевірку: "
                           f"{check.errors[0]}", workbook)
    return _as_read(check)


def _refuse_constant(name: str):
    raise ValueError(name)


def _finite(value, limit) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool)
                             and math.isfinite(value) and 0 <= value <= float(limit))


def _sidecar_problem(program: ProgrammeTables, s: dict, match: re.Match) -> str | None:
    """What is wrong with a sidecar (None when it is sound)."""
    if not isinstance(s, dict) or s.get("format") != STORE_FORMAT:
        return "невідомий формат опису подання"
    if s.get("source_sha256") != program.sha256:
        return "подання прийнято для іншого тексту рішення (sha256 не збігається)"
    if s.get("year") not in program.years or s.get("year") != match.group(2):
        return f"невідомий рік «{s.get('year')}»"
    quarter = s.get("quarter")
    if not (quarter is None or (type(quarter) is int and 1 <= quarter <= 4)) or \
            str(quarter or "") != (match.group(3) or ""):
        return f"невідомий квартал «{quarter}»"
    if type(s.get("sequence")) is not int or s["sequence"] != int(match.group(1)):
        return "номер подання не збігається з назвою теки"
    for key in ("file", "sha256", "received", "submission"):
        if not isinstance(s.get(key), str):
            return f"немає поля «{key}»"
    if not (s["executor"] is None or isinstance(s["executor"], str)):
        return "некоректний виконавець"
    if not isinstance(s.get("measures"), list) or not isinstance(s.get("indicators"), list):
        return "немає переліку значень"
    expected = {r["measure_id"]: r for r in template_measures(program, s["year"],
                                                              s["executor"])}
    for row in s["measures"]:
        known = expected.get(row.get("measure_id")) if isinstance(row, dict) else None
        if known is None:
            return f"невідомий захід «{row.get('measure_id') if isinstance(row, dict) else row}»"
        if not _finite(row.get("actual_kuah"), MAX_AMOUNT) or not isinstance(
                row.get("comment"), str) or not isinstance(row.get("cell"), str):
            return f"некоректне значення заходу {row['measure_id']}"
        if row["actual_kuah"] is not None and not known["input"]:
            return f"кошти заходу {row['measure_id']} подав не відповідальний виконавець"
        if not all(isinstance(row.get(key, ""), str) for key, _ in QUALITY_COLUMNS) or \
                row.get("state", "") not in ("", *WORK_STATES):
            return f"некоректний стан або зміна заходу {row['measure_id']}"
    for row in s["indicators"]:
        if not isinstance(row, dict) or row.get("group") not in ("cost", "output") or \
                type(row.get("number")) is not int or not _finite(
                    row.get("actual_value"), MAX_VALUE) or not isinstance(
                    row.get("comment"), str) or not isinstance(row.get("cell"), str):
            return "некоректне значення показника"
    return None
