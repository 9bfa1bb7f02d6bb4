"""The store of accepted submissions (``data/raw/actuals/``), with their history.

Layout: one folder per accepted submission, named «0007 2019-Q4 Управління культури», holding
the workbook exactly as received (``workbook.xlsx``) and ``submission.json``: executor,
period, file name, sha256, received time, the figures read from it and what changed against
the executor's previous submission. The folder is staged under a hidden name and renamed into
place, so the workbook and its sidecar land together or not at all; ingests take a lock on
``.lock``, so two at the same moment are serialised and both are kept.

Nothing is ever deleted. The current figures of an executor for a period come from its latest
submission; older ones stay and :func:`history` shows the changes. An empty submission does not
replace a filled one unless ``replace=True`` (``--replace``).

Reading the store (:func:`read_store`, used by the build and the report) checks every folder:
a stray or damaged file, a sidecar that does not match its workbook, a submission made for
another text of the decision — each is one :class:`ActualsError` naming the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from zhytomyr_kpi.actuals.errors import ActualsError
from zhytomyr_kpi.actuals.intake import Check, check_workbook
from zhytomyr_kpi.actuals.safe_files import fsync_dir
from zhytomyr_kpi.actuals.submissions import (
    ACTUALS_DIR,
    LOCK,
    SIDECAR,
    STORE_FORMAT,
    WORKBOOK,
    figures_digest,
    folder_name,
    list_submissions,
    who,
)
from zhytomyr_kpi.actuals.template import (
    QUALITY_COLUMNS,
    WHOLE_PROGRAMME,
    period_label,
)
from zhytomyr_kpi.basics.paths import RAW_DIR
from zhytomyr_kpi.tables.programme import ProgrammeTables

#: What to do about a refused resubmission, for whoever acts: the executor resends, the
#: Working Group (who runs ``ingest``) alone may let figures be cleared.
WHO_ACTS = ("виконавцю — заповнити ці дані і надіслати файл знову; якщо дані справді треба "
            "прибрати, Робоча група приймає файл з ключем --replace")


# ---------------------------------------------------------------- writing


def check_store_path(store: Path) -> None:
    """Refuse a store that is not a folder, or that lies in data/raw/ outside
    data/raw/actuals/ (the input files there are never written to), before anything —
    even the lock — is created."""
    from zhytomyr_kpi.basics.safe_io import _real, _within

    real, raw, actuals = _real(store), _real(RAW_DIR), _real(ACTUALS_DIR)
    if _within(real, raw) and not _within(real, actuals):
        raise ActualsError("у data/raw/ сховище фактичних даних може бути лише в "
                           "data/raw/actuals/; оберіть інше місце", store)
    if os.path.lexists(store) and not store.is_dir():
        raise ActualsError("сховище фактичних даних має бути текою (це файл або "
                           "посилання не на теку)", store)


@contextlib.contextmanager
def store_lock(store: Path):
    """Hold the store's lock (an exclusive ``flock`` on ``.lock``) for one ingest."""
    check_store_path(store)
    try:
        store.mkdir(parents=True, exist_ok=True)
        handle = open(store / LOCK, "a+b")  # noqa: SIM115 - held for the block
    except OSError as exc:
        raise ActualsError(f"не вдається створити сховище фактичних даних ("
                           f"{exc.strerror or type(exc).__name__})", store) from None
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: msvcrt locks the first byte
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            _wait_for(handle, store, fcntl)
        yield
    finally:
        handle.close()  # closing releases the lock


#: How long an ingest waits for another one to finish with the store before it gives up.
LOCK_WAIT_SECONDS = 300


def _wait_for(handle, store: Path, fcntl) -> None:
    """Take the lock; when another process holds it, say so once and wait up to
    :data:`LOCK_WAIT_SECONDS` (a stopped process would otherwise keep everyone waiting
    silently), then give up with a message naming the lock file."""
    import sys
    import time

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    print(f"zhytomyr-kpi: {store / LOCK}: сховище зайняте іншим прийманням звітів; "
          f"чекаю до {LOCK_WAIT_SECONDS} с…", file=sys.stderr, flush=True)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue
    raise ActualsError(f"сховище зайняте іншим процесом понад {LOCK_WAIT_SECONDS} с; "
                       f"завершіть його або спробуйте пізніше ({LOCK})", store)


def ingest(program: ProgrammeTables, path: Path, store: Path = ACTUALS_DIR, year: str | None = None,
           quarter: int | None = None, executor: str | None = None, replace: bool = False,
           received: datetime | None = None) -> Check:
    """Check a workbook; when it has no errors, store it as a new submission.

    Returns the :class:`Check` (errors mean nothing was stored; ``check.submission`` names
    the stored folder; ``check.duplicate_of`` says the same file was already there).
    """
    path = Path(path)
    check_store_path(store)
    check = check_workbook(program, path, year, quarter, executor)
    if check.errors:
        return check
    with store_lock(store):
        submissions = list_submissions(program, store)
        same = [s for s in submissions if (s["executor"], s["year"], s["quarter"]) ==
                (check.executor, check.year, check.quarter)]
        digest = hashlib.sha256(check.raw).hexdigest()
        previous = same[-1] if same else None
        if previous and previous["sha256"] == digest:
            check.duplicate_of = previous["submission"]
            return check
        if previous and not check.has_figures and _has_figures(previous) and not replace:
            check.error(None, f"у файлі немає жодного значення, а "
                              f"{_earlier(previous, path.name)} має дані; "
                              f"порожній звіт не замінює поданий: {WHO_ACTS}")
            return check
        cleared = _cleared(previous, check) if previous and not replace else []
        if cleared:
            shown = ", ".join(cleared[:10]) + (f" та ще {len(cleared) - 10}"
                                               if len(cleared) > 10 else "")
            check.error(None, f"у файлі порожні значення, які має "
                              f"{_earlier(previous, path.name)}: {shown}; "
                              f"частковий звіт не стирає поданих даних: {WHO_ACTS}")
            return check
        if not check.measures and not check.indicators:
            check.warn(None, "книга порожня: не заповнено жодної суми, показника чи коментаря; "
                             "подання зареєстровано, але даних у ньому немає — якщо це не "
                             "так, виконавцю слід надіслати заповнену книгу")
        if check.executor is None:
            _refuse_overriding_leads(check, submissions, path.name)
            if check.errors:
                return check
        _cumulative_warnings(check, submissions, path.name)
        _earlier_period_warning(check, submissions)
        number = max((s["sequence"] for s in submissions), default=0) + 1
        name = folder_name(number, check.year, check.quarter, check.executor)
        sidecar = {
            "format": STORE_FORMAT, "submission": name, "sequence": number,
            "executor": check.executor, "year": check.year, "quarter": check.quarter,
            "file": path.name, "sha256": digest, "size": len(check.raw),
            "received": (received or datetime.now(UTC)).isoformat(timespec="seconds"),
            "source_sha256": program.sha256, "example": check.example,
            "previous": previous["submission"] if previous else None,
            "changes": _changes(previous, check) if previous else [],
            "warnings": check.warnings,
            "measures": check.measures, "indicators": check.indicators,
            "source": "executor's report, validated by zhytomyr-kpi ingest",
        }
        sidecar["figures_sha256"] = figures_digest(sidecar)
        _land(store, name, check.raw, sidecar)
        check.submission = name
        check.replaces, check.changes = sidecar["previous"], sidecar["changes"]
    return check


def _earlier(previous: dict, file_name: str) -> str:
    """«подання «0001 …» (отримано 05.07.2019)», with the earlier file's name where it
    differs from this one's (the same name twice reads as one file)."""
    from zhytomyr_kpi.actuals.calendar import local_date

    received = f"отримано {local_date(previous['received']):%d.%m.%Y}"
    named = f"файл «{previous['file']}», " if previous["file"] != file_name else ""
    return f"подання «{previous['submission']}» ({named}{received})"


def _land(store: Path, name: str, raw: bytes, sidecar: dict) -> None:
    """Stage the folder under a hidden name, then rename it into place (all or nothing)."""
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=store))
    try:
        for file_name, content in ((WORKBOOK, raw), (SIDECAR, (json.dumps(
                sidecar, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))):
            with open(staging / file_name, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(staging, 0o755)
        os.rename(staging, store / name)
        fsync_dir(store)
    finally:
        if staging.exists():
            for child in staging.iterdir():
                child.unlink()
            staging.rmdir()


def _cleared(previous: dict, check: Check) -> list[str]:
    """Figures the executor's previous submission had and this one leaves empty."""
    old = _figures(previous["measures"], previous["indicators"])
    new = _figures(check.measures, check.indicators)
    return [_label(key) for key in sorted(set(old) - set(new), key=str)]


def _has_figures(submission: dict) -> bool:
    return any(r.get("actual_kuah") is not None for r in submission["measures"]) or any(
        r.get("actual_value") is not None for r in submission["indicators"])


def _figures(rows_m: list[dict], rows_i: list[dict]) -> dict:
    figures = {("захід", r["measure_id"]): (r["actual_kuah"], r["cell"]) for r in rows_m
               if r["actual_kuah"] is not None}
    figures.update({(r["group"], r["number"]): (r["actual_value"], r["cell"]) for r in rows_i
                    if r["actual_value"] is not None})
    return figures


def _label(key) -> str:
    from zhytomyr_kpi.actuals.template import GROUP_NAMES

    kind, ident = key
    return f"захід {ident}" if kind == "захід" else f"показник «{GROUP_NAMES[kind]} {ident}»"


def _changes(previous: dict, check: Check) -> list[dict]:
    """What this submission changes against the executor's previous one for the period."""
    old = _figures(previous["measures"], previous["indicators"])
    new = _figures(check.measures, check.indicators)
    return [{"what": _label(key), "old": old.get(key, (None,))[0],
             "new": new.get(key, (None,))[0]}
            for key in sorted(set(old) | set(new), key=str)
            if old.get(key, (None,))[0] != new.get(key, (None,))[0]]


def _earlier_period_warning(check: Check, submissions: list[dict]) -> None:
    """A workbook for an earlier quarter than the executor's latest one of the year is
    accepted (a late or corrected report is legitimate), but said to be one: a file sent
    by mistake for an old period would otherwise pass unseen. The annual report counts as the
    fourth quarter (section 8: the annual report is the fourth quarter's)."""
    def order(quarter: int | None) -> int:
        return 4 if quarter is None else quarter

    later = [s for s in current_submissions(submissions).values()
             if (s["executor"], s["year"]) == (check.executor, check.year)
             and order(s["quarter"]) > order(check.quarter)]
    if not later:
        return
    latest = max(later, key=lambda s: (order(s["quarter"]), s["sequence"]))
    mine, theirs = (period_label(check.year, check.quarter),
                    period_label(latest["year"], latest["quarter"]))
    check.warn(None, f"подання за {mine}, хоча вже є подання за {theirs} (подання "
                     f"«{latest['submission']}»); прийнято як звіт за {mine}, даних за "
                     f"{theirs} воно не змінює")


def changes_text(changes: list[dict], limit: int = 10) -> str:
    """«захід 1.5: 90 → 95; показник «продукт 1»: — → 12» (the first ``limit``)."""
    shown = "; ".join(f"{c['what']}: {_shown(c['old'])} → {_shown(c['new'])}"
                      for c in changes[:limit])
    return shown + (f" та ще {len(changes) - limit}" if len(changes) > limit else "")


def _refuse_overriding_leads(check: Check, submissions: list[dict], file_name: str) -> None:
    """A consolidated workbook never replaces a figure a lead executor reported for the same
    period: a different figure there is an error naming the item and both files. The annual
    report and the IV quarter's are one period here (figures are cumulative, and the year's
    figure of an item without an annual report is its IV quarter's): a consolidated annual
    workbook is held against the lead's annual figure, else its IV quarter's."""
    def full_year(quarter: int | None) -> bool:
        return quarter in (None, 4)

    new = _figures(check.measures, check.indicators)
    leads = [s for s in current_submissions(submissions).values()
             if s["executor"] is not None and s["year"] == check.year
             and (s["quarter"] == check.quarter
                  or (full_year(s["quarter"]) and full_year(check.quarter)))]
    # the same period last, so that its figure is the one held against the new workbook
    leads.sort(key=lambda s: (s["quarter"] == check.quarter, s["sequence"]))
    old: dict = {}
    for other in leads:
        for key, figure in _figures(other["measures"], other["indicators"]).items():
            old[key] = (figure[0], other)
    for key in sorted(set(old) & set(new), key=str):
        value, other = old[key]
        if abs(value - new[key][0]) > 0.0005:
            period = ("" if other["quarter"] == check.quarter else
                      f" за {period_label(other['year'], other['quarter'])}")
            check.error(new[key][1], f"{_label(key)}: у зведеній книзі «{file_name}» "
                                     f"{_shown(new[key][0])}, а виконавець "
                                     f"«{other['executor']}» подав{period} {_shown(value)} "
                                     f"(«{other['file']}»); зведена книга не замінює "
                                     "даних виконавця — залиште клітинку порожньою або "
                                     "виправте дані у виконавця")


def _cumulative_warnings(check: Check, submissions: list[dict], file_name: str) -> None:
    """Figures are cumulative: a later quarter below an earlier one is a warning, and so is
    the annual report below any quarter's (the annual report is the IV quarter's)."""
    def order(quarter: int | None) -> float:
        return 4.5 if quarter is None else quarter  # the annual report after the IV quarter

    def shown(quarter: int | None) -> str:
        return "річний звіт" if quarter is None else f"{quarter} квартал"

    new = _figures(check.measures, check.indicators)
    for other in current_submissions(submissions).values():
        if (other["executor"], other["year"]) != (check.executor, check.year) or \
                other["quarter"] == check.quarter:
            continue
        old = _figures(other["measures"], other["indicators"])
        mine_later = order(check.quarter) > order(other["quarter"])
        late, early = (check.quarter, other["quarter"]) if mine_later else (other["quarter"],
                                                                              check.quarter)
        for key in sorted(set(old) & set(new), key=str):
            (mine, cell), (theirs, _) = new[key], old[key]
            later, earlier = (mine, theirs) if mine_later else (theirs, mine)
            if later + 0.0005 < earlier:
                check.warn(cell, f"{_label(key)}: дані наростаючим підсумком, а "
                                 f"{shown(late)} ({_shown(later)}) менший за "
                                 f"{shown(early)} ({_shown(earlier)}); файли «{file_name}» і "
                                 f"«{other['file']}»")


# ---------------------------------------------------------------- reading


def current_submissions(submissions: list[dict]) -> dict[tuple, dict]:
    """(executor, year, quarter) → the latest submission (the current figures)."""
    latest: dict[tuple, dict] = {}
    for s in submissions:  # in sequence order: a later one replaces an earlier one
        latest[(s["executor"], s["year"], s["quarter"])] = s
    return latest


def read_store(program: ProgrammeTables, store: Path = ACTUALS_DIR,
               submissions: list[dict] | None = None) -> tuple[list[dict], list[dict]]:
    """The current figures: (measure rows, indicator rows), one per item and period.

    Money of a measure comes from the latest current submission that reports it (its lead's,
    or a consolidated one — which never replaces its lead's figure); comments of every
    executor are kept, each named. ``submissions``: the store's list as of an earlier day
    (``status --date``), else every accepted submission.
    """
    if submissions is None:
        submissions = list_submissions(program, store)
    latest = current_submissions(submissions)
    measures: dict[tuple, dict] = {}
    indicators: dict[tuple, dict] = {}
    for submission in sorted(latest.values(), key=lambda s: s["sequence"]):
        period = {"year": submission["year"], "quarter": submission["quarter"]}
        origin = {"source_file": submission["file"], "is_example": submission["example"],
                  "executor": who(submission["executor"]),
                  "submission": submission["submission"], "received": submission["received"]}
        for row in submission["measures"]:
            key = (row["measure_id"], submission["year"], submission["quarter"])
            _merge(measures, key, {"measure_id": row["measure_id"], **period},
                   "actual_kuah", row, origin, tuple(k for k, _ in QUALITY_COLUMNS))
        for row in submission["indicators"]:
            key = (row["group"], row["number"], submission["year"], submission["quarter"])
            _merge(indicators, key, {"group": row["group"], "number": row["number"], **period},
                   "actual_value", row, origin)
    return [_finish(r) for r in measures.values()], [_finish(r) for r in indicators.values()]


def _merge(table: dict, key: tuple, ident: dict, value: str, row: dict, origin: dict,
           quality: tuple[str, ...] = ()) -> None:
    """Add one submission's row to the item's entry. ``quality``: the measure's state, what
    was done, a change and its ground (template v3; "" in older submissions) — taken, like
    the money, from the lead's submission over a consolidated one."""
    entry = table.setdefault(key, {**ident, value: None, "cell": "", "comments": [],
                                   **{k: None for k in origin}, "is_example": False,
                                   **{k: "" for k in quality}})
    entry["is_example"] = entry["is_example"] or origin["is_example"]
    lead = origin["executor"] != WHOLE_PROGRAMME
    if any(row.get(k) for k in quality) and (lead or not entry.get("_quality_lead")):
        entry.update({k: row.get(k, "") for k in quality})
        entry["_quality_lead"] = lead
    if row[value] is not None and (lead or not entry.get("_lead")):
        # a consolidated figure never replaces one its executor reported
        entry.update({value: row[value], "cell": row["cell"], **origin, "_lead": lead})
        entry["is_example"] = entry["is_example"] or origin["is_example"]
    elif entry["submission"] is None:
        entry.update({"cell": row["cell"], **origin})
    if row["comment"]:
        entry["comments"].append((origin["executor"], row["comment"]))


def _finish(entry: dict) -> dict:
    """Comments as one text: the reporting executor's own first, the others named."""
    comments = entry.pop("comments")
    entry.pop("_lead", None)
    entry.pop("_quality_lead", None)
    own = [text for name, text in comments if name == entry["executor"]]
    others = [f"{name}: {text}" for name, text in comments if name != entry["executor"]]
    entry["comment"] = "; ".join(own + others)
    return entry


def history(program: ProgrammeTables, store: Path = ACTUALS_DIR) -> list[dict]:
    """Every submission (never deleted) with its provenance and what it changed."""
    latest = {s["submission"] for s in current_submissions(
        list_submissions(program, store)).values()}
    return [{"submission": s["submission"], "executor": who(s["executor"]), "year": s["year"],
             "quarter": s["quarter"], "period": period_label(s["year"], s["quarter"]),
             "file": s["file"], "sha256": s["sha256"], "received": s["received"],
             "is_example": s["example"], "current": s["submission"] in latest,
             "previous": s["previous"], "changes": len(s["changes"]),
             "changed": changes_text(s["changes"])}
            for s in list_submissions(program, store)]


def _shown(value) -> str:
    from zhytomyr_kpi.basics.wording import number

    return "—" if value is None else number(value)


def check_store(store: Path | None, program: ProgrammeTables) -> int:
    """Check every submission in the store before a long job (the report); returns how many.

    Raises :class:`ActualsError` naming the first bad file, so the job stops with one line
    instead of failing half-way inside a notebook.
    """
    return len(list_submissions(program, Path(store or ACTUALS_DIR)))
