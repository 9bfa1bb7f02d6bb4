"""The final report's own parts: expected results with verdicts, the headline goal, dynamics.

Expected results are read from the decision (passport item 11, the bullets of section 5);
``report/assets/expected_results.csv`` says, for each by a keyword, what evidence decides it
(a direction's or a measure's execution, ratings, a published score, or nothing collected).
A result no row matches is reported «невідомо» with that reason, never dropped.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import pandas as pd

from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS, STATUS_LABELS
from zhytomyr_kpi.basics.paths import PACKAGE_DIR
from zhytomyr_kpi.basics.wording import money, number
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report.conclusions import clean_reason
from zhytomyr_kpi.report.execution import MeasureLine, subtotal
from zhytomyr_kpi.report.markup import esc, pct, top
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings

EVIDENCE_FILE = PACKAGE_DIR / "report" / "assets" / "expected_results.csv"
REACHED, NOT_REACHED, UNKNOWN = "досягнуто", "не досягнуто", "невідомо"


@dataclass
class ExpectedResult:
    source: str  # «паспорт, пункт 11» or «розділ 5»
    text: str
    verdict: str
    evidence: str  # HTML


def _bullets(text: str) -> list[str]:
    parts = re.split(r"(?:^|\s)-\s+", text)
    return [p.strip().strip("*").strip().rstrip(";.").strip() for p in parts if p.strip()]


def expected_texts(program: Program) -> list[tuple[str, str]]:
    """(source, text) of each expected result: passport item 11, then section 5's bullets."""
    passport = program.passport
    found = [("паспорт, пункт 11", t) for t in _bullets(
        str(passport[passport.item == 11].value_full.iloc[0]))] if (passport.item == 11).any() \
        else []
    inside = False
    for line in program.document.lines:
        text = line.text.strip()
        if "\t" in line.text:
            continue
        if re.match(r"^5\.\s*ОЧІКУВАНІ РЕЗУЛЬТАТИ", text):
            inside = True
            continue
        if inside and re.match(r"^\d+\.\s+[А-ЯІЇЄҐ]{3,}", text):
            break
        if inside and text.startswith("-"):
            found.extend(("розділ 5", t) for t in _bullets(text))
    return found


def _rules() -> list[dict[str, str]]:
    with EVIDENCE_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _rating_row(program: Program, rating: str, year: str) -> pd.Series | None:
    ratings = program.ratings
    rows = ratings[(ratings.rating == rating) & (ratings.year == year)]
    if rows.empty:
        return None
    passport = rows[rows.target_source == "passport"]
    return (passport if len(passport) else rows).iloc[0]


def rating_evidence(row: pd.Series) -> str:
    """«ціль ТОП-3, результат: 6 місце або нижче (виведено з опублікованого списку)»."""
    return (f"{esc(row.label)}, {row.year} рік: ціль {esc(top(row.target))}; результат — "
            f"{esc(top(row.actual)) if row.actual not in ('—', '') else 'не знайдено'} "
            f"({EVIDENCE_LABELS.get(row.evidence, '')}); {STATUS_LABELS[row.status]}: "
            f"{esc(clean_reason(row.reason))}")


def _execution(lines: list[MeasureLine], label: str, settings: ReportSettings) -> tuple[str, str]:
    """A result decided by its measures: by the executors' states where every measure has
    one, otherwise by money only at its ends (all but spent → «досягнуто», less than the low
    threshold → «не досягнуто»); in between money alone does not tell — «невідомо»."""
    total = subtotal(lines, label)
    if total.actual is None:
        return UNKNOWN, (f"{label}: передбачено {money(total.plan, 1)}; звітів виконавців про "
                         "касові видатки не надано")
    partial = "" if total.reported == total.measures else \
        f"; звітували щодо {total.reported} з {total.measures} заходів"
    evidence = (f"{label}: касові видатки {money(total.actual, 1)} з {money(total.plan, 1)}"
                f" ({pct(total.execution_pct)}){partial}")
    counted = [line for line in lines if line.counts_in_total]
    states = [line.work_state for line in counted]
    if counted and all(states):
        done = sum(s == "виконано" for s in states)
        verdict = REACHED if done == len(states) else \
            NOT_REACHED if all(s in ("не виконано", "перенесено") for s in states) else UNKNOWN
        return verdict, (f"{evidence}; за звітами виконавців виконано {done} з "
                         f"{len(states)} заходів")
    share = total.execution_pct or 0
    if share >= settings.done_percent:
        return REACHED, evidence + "; стан заходів оцінено за коштами"
    if share < settings.low_percent:
        return NOT_REACHED, evidence
    return UNKNOWN, (evidence + "; виконавці не повідомили стану заходів, а самі кошти не "
                     "показують, чи досягнуто результату")


def judge(program: Program, period: Period, text: str, lines: list[MeasureLine],
          settings: ReportSettings) -> tuple[str, str]:
    """The verdict and evidence of one expected result, by the first rule whose keyword fits."""
    rule = next((r for r in _rules() if r["keyword"].lower() in text.lower()), None)
    last = period.last_year
    if rule is None:
        return UNKNOWN, "для цього результату не визначено, за якими даними його оцінювати"
    kind, _, arg = rule["evidence"].partition(":")
    reason = esc(rule["reason"])
    if kind == "direction":
        verdict, evidence = _execution([line for line in lines if line.section == arg],
                                       f"напрям {arg}", settings)
    elif kind == "measure":
        verdict, evidence = _execution([line for line in lines if line.measure_id == arg],
                                       f"захід {arg}", settings)
    elif kind in ("rating", "ratings"):
        rows = [r for r in (_rating_row(program, rating, last) for rating in arg.split(";"))
                if r is not None]
        statuses = {r.status for r in rows}
        verdict = (NOT_REACHED if "missed" in statuses else
                   REACHED if rows and statuses == {"met"} else UNKNOWN)
        evidence = "; ".join(rating_evidence(r) for r in rows) or "результатів не знайдено"
    elif kind == "score":
        rating, _, minimum = arg.partition(":")
        verdict, evidence = _score(program, rating, float(minimum), last)
    else:
        verdict, evidence = UNKNOWN, "даних немає"
    return verdict, f"{evidence}. Підстава: {reason}."


def _score(program: Program, rating: str, minimum: float, year: str) -> tuple[str, str]:
    results = program.rating_results
    rows = results[(results.rating == rating) & (results.component == "overall")
                   & results.score.notna()]
    this = rows[rows.year == year]
    if len(this):
        score = float(this.score.iloc[0])
        verdict = REACHED if score >= minimum else NOT_REACHED
        return verdict, f"{year} рік: {number(score)} % при цілі {number(minimum, 1)} %"
    earlier = rows[rows.year < year].sort_values("year")
    if len(earlier):
        last = earlier.iloc[-1]
        return UNKNOWN, (f"результату {year} року не знайдено; останній відомий — "
                         f"{number(float(last.score))} % ({last.year} рік) при цілі "
                         f"{number(minimum, 1)} %")
    return UNKNOWN, f"результату {year} року не знайдено"


def expected_results(program: Program, period: Period, lines: list[MeasureLine],
                     settings: ReportSettings) -> list[ExpectedResult]:
    return [ExpectedResult(source, text, *judge(program, period, text, lines, settings))
            for source, text in expected_texts(program)]


def headline(program: Program, period: Period) -> str:
    """The plain statement on the passport's first key indicator (item 12). The decision
    names no «main goal» (its aim is the quality of life), so the report calls it what it is."""
    kpis = program.kpi_targets
    if kpis.empty:
        return ""
    kpi = kpis.iloc[0]
    year = str(int(kpi.target_year)) if pd.notna(kpi.target_year) else period.last_year
    row = _rating_row(program, kpi.rating, year)
    name = esc(row.label if row is not None else kpi.name)
    goal = f"{esc(top(kpi.target_text))} у рейтингу {name} за {year} рік"
    if row is None:
        return (f"Чи досягнуто цілі першого ключового показника паспорта Програми — {goal}, — "
                "встановити не можна: результату немає.")
    verdict = {"met": "досягнуто", "missed": "не досягнуто"}.get(row.status)
    results = program.rating_results
    source = results[(results.rating == kpi.rating) & (results.year == year)
                     & (results.component == "overall")]
    published = ""
    if len(source) and isinstance(source.published.iloc[0], str) and source.published.iloc[0]:
        published = f", оприлюднено {_month(source.published.iloc[0])}"
    found = esc(top(row.actual)) if row.actual not in ("—", "") else "не знайдено"
    note = row.get("result_note_uk")
    note = f": {esc(top(str(note)).rstrip('.'))}" if isinstance(note, str) and note else ""
    publisher = re.search(r"\(([^()]*)\)\s*$", str(row.label))
    evidence = (f"результат міста — {found} ({EVIDENCE_LABELS.get(row.evidence, '')}{note}); "
                f"джерело — результати рейтингу за {year} рік"
                f"{', ' + esc(publisher.group(1)) if publisher else ''}{published}; "
                f"{esc(clean_reason(row.reason))}")
    if verdict is None:
        return (f"Чи досягнуто цілі першого ключового показника паспорта Програми — {goal}, — "
                f"встановити не можна: {evidence}.")
    return (f"Цілі першого ключового показника паспорта Програми (пункт 12) — {goal} — "
            f"<b>{verdict}</b>: {evidence}.")


MONTHS = ("січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні",
          "вересні", "жовтні", "листопаді", "грудні")


def _month(published: str) -> str:
    """«2021-03-31» → «31.03.2021»; «2021-04» → «у квітні 2021 року»; «2021» → «у 2021 році»."""
    parts = published.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"у {MONTHS[int(parts[1]) - 1]} {parts[0]} року"
    return f"у {parts[0]} році"
