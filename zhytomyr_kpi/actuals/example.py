"""A complete EXAMPLE set of per-executor submissions, marked ПРИКЛАД everywhere.

No real executors' reports exist in this repository. To show the intake, the status table,
plan vs actual and the report, :func:`write_example_store` fills every department's workbook
with made-up figures and puts each through the real intake (:func:`.store.ingest`) into a
folder that ``load_program(actuals=folder)`` reads:

* every measure and every Annex B cost/output indicator of every programme year (the fourth
  quarter carries the year's figures; ``quarters`` may add earlier ones, cumulative);
* most figures a little under plan, some well under and some over it, each deviation explained
  in the executor's comment; co-executors comment on shared measures;
* ONE executor never reports (:func:`missing_executor`), so the status table has a gap;
* one executor corrects its last report (a second submission), so the history shows a change;
* every workbook carries the example mark (service sheet and the first line of the
  instructions) and every comment starts with «ПРИКЛАД», so nothing can pass for real data;
* deterministic: seeded by the year, fixed «received» times — notebooks and tests reproduce.

Never for ``data/raw/``: the figures are invented.
"""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zhytomyr_kpi.actuals.store import ingest
from zhytomyr_kpi.actuals.template import (
    EXAMPLE_MARK,
    departments,
    indicator_leads,
    template_bytes,
    template_file_name,
    template_indicators,
    template_measures,
)
from zhytomyr_kpi.tables.programme import ProgrammeTables

OVER = f"{EXAMPLE_MARK}: перевищення плану — додаткові заходи за рішенням виконавчого комітету"
UNDER = f"{EXAMPLE_MARK}: економія за результатами закупівель; частину робіт перенесено"
SHARED = f"{EXAMPLE_MARK}: співвиконавець — підготовка матеріалів і участь у проведенні"
CORRECTED = f"{EXAMPLE_MARK}: виправлено суму після звірки з бухгалтерією"
INDICATOR_NOTE = f"{EXAMPLE_MARK}: відхилення через зміну кількості учасників"
NO_PLAN = f"{EXAMPLE_MARK}: числового плану на рік у програмі немає; подано фактичне значення"


def missing_executor(program: ProgrammeTables) -> str:
    """The department that never reports in the example: one whose own money appears in every
    programme year (so the gap shows in each year's plan vs actual) and that reports no
    indicator; of those, the one with the fewest such measures (ties: by name)."""
    leads = set(indicator_leads(program).values())
    counts: dict[str, int] = {}
    years_of: dict[str, set] = {}
    for year in program.years:
        for row in template_measures(program, year):
            if row["lead"] and row["input"]:
                counts[row["lead"]] = counts.get(row["lead"], 0) + 1
                years_of.setdefault(row["lead"], set()).add(year)
    candidates = sorted((n, name) for name, n in counts.items()
                        if name not in leads and years_of[name] == set(program.years))
    return candidates[0][1]


def _received(year: str, quarter: int, index: int) -> datetime:
    """Within the 10 days after the quarter (section 8), a different day per department."""
    month = quarter * 3 + 1
    first = datetime(int(year) + (month > 12), (month - 1) % 12 + 1, 1, 9, 0,
                     tzinfo=UTC)
    return first + timedelta(days=1 + index % 9, minutes=17 * index)


def example_values(program: ProgrammeTables, year: str, quarter: int, executor: str | None,
                   rng: random.Random) -> dict:
    """Made-up cumulative figures of one department, or of the whole programme (``None``)."""
    share = quarter / 4
    measures = {}
    for row in template_measures(program, year, executor):
        if not row["comment"]:
            continue  # a «в т. ч.» parent: its figure is the sum of its parts
        if not row["input"]:
            if rng.random() < 0.4:
                measures[row["measure_id"]] = (None, SHARED)
            continue
        plan = row["plan"] or 0.0
        draw = rng.random()
        factor, comment = ((rng.uniform(1.05, 1.25), OVER) if draw < 0.12 else
                           (rng.uniform(0.4, 0.75), UNDER) if draw < 0.3 else
                           (rng.uniform(0.9, 1.0), None))
        measures[row["measure_id"]] = (round(plan * factor * share, 3),
                                       comment if plan else None)
    indicators = {}
    ind = program.indicators
    for row in template_indicators(program, year, executor):
        plan, no_plan = row["plan"], None
        if plan is None:  # no number in the plan: take the indicator's last numeric value
            known = ind[(ind.group == row["group"]) & (ind.number == row["number"])].value
            if known.dropna().empty:
                continue
            plan, no_plan = float(known.dropna().iloc[-1]), NO_PLAN
        unit = (row["unit"] or "").lower()
        if "грн" in unit:
            value, comment = round(plan * rng.uniform(0.8, 1.0) * share, 3), no_plan
        elif "осіб" in unit or "особ" in unit:
            value, comment = plan, None  # a headcount is not cumulative
        else:
            factor = rng.uniform(0.7, 1.2)
            value = float(round(plan * factor * share))
            comment = no_plan or (INDICATOR_NOTE if abs(factor - 1) > 0.15 else None)
        indicators[(row["group"], row["number"])] = (value, comment)
    return {"measures": measures, "indicators": indicators}


def write_example_store(program: ProgrammeTables, folder: Path, years: tuple[str, ...] | None = None,
                        quarters: tuple[int, ...] = (4,)) -> Path:
    """Write the example set into ``folder`` through the real intake; returns ``folder``."""
    folder = Path(folder)
    absent = missing_executor(program)
    years = tuple(years or program.years)
    with tempfile.TemporaryDirectory(prefix="zhytomyr-kpi-example-") as work:
        for year in years:
            rng = random.Random(f"zhytomyr-kpi example {year}")
            names = [n for n in departments(program, year) if n != absent]
            for quarter in sorted(quarters):
                for index, name in enumerate(names):
                    values = example_values(program, year, quarter, name, rng)
                    _submit(program, Path(work), folder, year, quarter, name, values,
                            _received(year, quarter, index))
            _correction(program, Path(work), folder, year, max(quarters), names)
    return folder


def _submit(program: ProgrammeTables, work: Path, folder: Path, year: str, quarter: int, name: str,
            values: dict, received: datetime) -> None:
    path = work / template_file_name(year, quarter, name)
    path.write_bytes(template_bytes(program, year, quarter, example=True, executor=name,
                                    values=values))
    check = ingest(program, path, folder, received=received)
    if check.errors:  # the example is built by the library: an error here is a bug
        raise RuntimeError(f"example workbook refused: {check.errors[:3]}")


def _correction(program: ProgrammeTables, work: Path, folder: Path, year: str, quarter: int,
                names: list[str]) -> None:
    """The last year's first department sends a corrected report two weeks later."""
    if year != program.years[-1] or not names:
        return
    name = names[0]
    values = example_values(program, year, quarter, name,
                            random.Random(f"zhytomyr-kpi example {year}"))
    money = [k for k, (v, _) in values["measures"].items() if v]
    if not money:
        return
    amount, _ = values["measures"][money[0]]
    values["measures"][money[0]] = (round(amount * 0.97, 3), CORRECTED)
    _submit(program, work, folder, year, quarter, name, values,
            _received(year, quarter, 0) + timedelta(days=14))


def example_store(program: ProgrammeTables, years: tuple[str, ...] | None = None,
                  quarters: tuple[int, ...] = (4,)) -> Path:
    """The example set in a cache folder, built once per programme text and library version.

    For notebooks and reports: they all show the same example without building it again.
    The folder's name carries a hash of the decision, the arguments and the library files that
    shape the example, so a changed library never reuses a stale set.
    """
    import hashlib
    import os
    import shutil

    from zhytomyr_kpi.basics.paths import PACKAGE_DIR

    digest = hashlib.sha256(f"{program.sha256}|{years}|{quarters}".encode())
    sources = [*sorted((PACKAGE_DIR / "actuals").glob("*.py")), PACKAGE_DIR / "document" / "executors.py"]
    for source in sources:
        digest.update(source.read_bytes())
    for year in program.years:  # what the templates hold, however the parser decides it
        digest.update(repr(template_measures(program, year)).encode())
        digest.update(repr(template_indicators(program, year)).encode())
    digest.update(repr(sorted(indicator_leads(program).items())).encode())
    folder = Path(tempfile.gettempdir()) / f"zhytomyr-kpi-example-{digest.hexdigest()[:16]}"
    if not folder.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=".zhytomyr-kpi-example-",
                                        dir=tempfile.gettempdir()))
        write_example_store(program, staging / "store", years, quarters)
        try:
            os.rename(staging, folder)
        except OSError:  # built by another process meanwhile: use theirs
            shutil.rmtree(staging, ignore_errors=True)
    return folder / "store"


def example_workbook(program: ProgrammeTables, target: Path, year: str, quarter: int = 4) -> Path:
    """One filled whole-programme example workbook (ПРИКЛАД), e.g. for a quick test."""
    from zhytomyr_kpi.actuals.safe_files import write_files

    values = example_values(program, year, quarter, None,
                            random.Random(f"zhytomyr-kpi example {year}"))
    target = Path(target)
    write_files({target.name: template_bytes(program, year, quarter, example=True,
                                             values=values)}, target.parent)
    return target
