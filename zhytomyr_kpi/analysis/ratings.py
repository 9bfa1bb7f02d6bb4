"""Ratings against the programme's targets, with the published results.

Targets come from Annex B's quality indicators (2018, 2019, 2020; the baseline is the
starting point) and from the passport's key KPIs (2020). A place target «ТОП-N» is met by
place ≤ N (lower is better); a score target by a score ≥ the target (higher is better).
Conflicts between the passport and Annex B are kept as two targets, never merged.

Verdicts: ``met``, ``missed``, ``unknown`` (no result, or bounds that do not decide) and
``not_comparable`` (the rating changed its scale; an award list is not a ranking). Bounds
decide when they can: «11th or lower» misses ТОП-7; «at most 3,0 points» misses 3,3.
The evidence level of the result travels with every verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS, RatingResult, load_results
from zhytomyr_kpi.basics.wording import format_uk
from zhytomyr_kpi.document.reference import Rating, ratings
from zhytomyr_kpi.tables.programme import ProgrammeTables

STATUS_LABELS = {"met": "досягнуто", "missed": "не досягнуто", "unknown": "невідомо",
                 "not_comparable": "непорівнянно"}
EVIDENCE_LABELS = {
    "verified": "перевірено в джерелі",
    "from_decision": "лише з рішення № 1685",
    "inferred": "виведено з опублікованого списку",
    "not_found": "результат не знайдено",
    "not_comparable": "шкалу рейтингу змінено",
    "no_result": "немає рядка з результатом",
}
TARGET_SOURCE_LABELS = {"annex_b": "додаток Б", "passport": "паспорт"}


@dataclass(frozen=True)
class Target:
    rating: str
    year: str
    source: str  # "annex_b" or "passport"
    kind: str  # "place" or "score"
    rank_max: int | None
    score_min: float | None
    text: str
    source_line: int


@dataclass(frozen=True)
class Verdict:
    status: str
    margin: float | None  # ≥ 0 when met: places to spare (N − place) or points (score − target)
    reason: str


def _score(value: float) -> str:
    text = format_uk(value)
    return text if "," in text else text + ",0"


def _bound_text(low, high, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low}–{high} {unit}"
    if low is not None:
        return f"{low} {unit} або нижче"
    return f"не нижче {high} {unit}"


def actual_text(result: RatingResult | None) -> str:
    """The published result in words: «7 місце з 100», «11 місце або нижче», «≤ 3 бали»."""
    if result is None:
        return "—"
    parts = []
    of = f" з {result.out_of}" if result.out_of else ""
    if result.place is not None:
        parts.append(f"{result.place} місце{of}")
    elif result.place_min is not None or result.place_max is not None:
        parts.append(_bound_text(result.place_min, result.place_max, "місце") + of)
    scale = f" з {format_uk(result.scale_max)}" if result.scale_max else ""
    if result.score is not None:
        parts.append(f"{_score(result.score)} бала{scale}")
    elif result.score_max is not None:
        parts.append(f"не більше {_score(result.score_max)} бала{scale}")
    return "; ".join(parts) or "—"


def judge(target: Target, result: RatingResult | None, rating: Rating) -> Verdict:
    """The verdict for one target and one published result (or none)."""
    if rating.results_kind == "award_list":
        return Verdict("not_comparable", None, "рейтинг публікує перелік нагороджених, а не "
                       "місця, тож ціль ТОП-N з нього не перевірити")
    if result is None:
        return Verdict("unknown", None, "результату за цей рік немає у файлі опублікованих результатів")
    if result.evidence == "not_comparable":
        return Verdict("not_comparable", None, "рейтинг змінив шкалу, тож ціль у старій шкалі "
                       "не перевірити (див. примітку джерела)")
    if result.evidence == "not_found":
        return Verdict("unknown", None, "результат міста не знайдено")
    if target.kind == "place":
        return _judge_place(target.rank_max, result)
    return _judge_score(target.score_min, result)


def _judge_place(top: int | None, result: RatingResult) -> Verdict:
    if top is None:
        return Verdict("unknown", None, "ціль не задано як ТОП-N")
    if result.place is not None:
        met = result.place <= top
        return Verdict("met" if met else "missed", top - result.place,
                       f"{result.place} місце {'в межах' if met else 'поза'} ТОП-{top}")
    if result.place_min is not None and result.place_min > top:
        return Verdict("missed", None, f"навіть найкраще можливе місце ({result.place_min}) "
                       f"поза ТОП-{top}")
    if result.place_max is not None and result.place_max <= top:
        return Verdict("met", None, f"навіть найгірше можливе місце ({result.place_max}) в "
                       f"межах ТОП-{top}")
    if result.place_min is None and result.place_max is None:
        return Verdict("unknown", None, "місце не опубліковано")
    return Verdict("unknown", None, f"межі місця ({_bound_text(result.place_min, result.place_max, 'місце')}) не дозволяють вирішити щодо ТОП-{top}")  # noqa: E501


def _judge_score(minimum: float | None, result: RatingResult) -> Verdict:
    if minimum is None:
        return Verdict("unknown", None, "ціль не задано балами")
    if result.scale_max is not None and minimum > result.scale_max:
        return Verdict("not_comparable", None, f"ціль {_score(minimum)} більша за максимум "
                       f"шкали {_score(result.scale_max)}")
    if result.score is not None:
        met = result.score >= minimum - 1e-9
        return Verdict("met" if met else "missed", round(result.score - minimum, 6),
                       f"{_score(result.score)} бала {'не менше' if met else 'менше'} за "
                       f"ціль {_score(minimum)}")
    if result.score_max is not None and result.score_max < minimum:
        return Verdict("missed", None, f"бали не більші за {_score(result.score_max)}, а "
                       f"ціль — {_score(minimum)}")
    if result.score_max is not None:
        return Verdict("unknown", None, f"відомо лише, що бали не більші за "
                       f"{_score(result.score_max)}; ціль {_score(minimum)} так не вирішити")
    if result.place is not None or result.place_min is not None or result.place_max is not None:
        # A place says nothing about a score: 6th place can be above or below 3,5 points.
        place = (f"{result.place} місце" if result.place is not None else
                 _bound_text(result.place_min, result.place_max, "місце"))
        return Verdict("unknown", None, f"відомо лише місце ({place}), а ціль задано балами "
                       f"(не нижче {_score(minimum)}); місце бали не визначає")
    return Verdict("unknown", None, "бали не опубліковано")


def targets(program: ProgrammeTables) -> list[Target]:
    """Annex B targets for 2018-2020 and the passport's 2020 targets, per rating."""
    by_rating = {r.rating: r for r in ratings()}
    found = []
    quality = program.indicators[program.indicators.group == "quality"]
    for row in quality.itertuples():
        if row.period not in program.years or not isinstance(row.rating, str):
            continue
        kind = by_rating[row.rating].kind
        top = re.match(r"^ТОП[\s-]*([0-9]+)$", row.value_text)
        found.append(Target(row.rating, row.period, "annex_b", kind,
                            int(top.group(1)) if top else None,
                            row.value if kind == "score" and pd.notna(row.value) else None,
                            row.value_text, int(row.source_line)))
    for row in program.kpi_targets.itertuples():
        if not isinstance(row.rating, str) or pd.isna(row.target_year):
            continue
        kind = by_rating[row.rating].kind
        found.append(Target(row.rating, str(int(row.target_year)), "passport", kind,
                            int(row.rank_max) if pd.notna(row.rank_max) else None,
                            float(row.score_min) if pd.notna(row.score_min) else None,
                            row.target_text, int(row.source_line)))
    order = {r.rating: i for i, r in enumerate(ratings())}
    return sorted(found, key=lambda t: (order[t.rating], t.year, t.source))


def ratings_table(program: ProgrammeTables, results: list[RatingResult] | None = None) -> pd.DataFrame:
    """One row per rating, programme year and target source: target, result, verdict."""
    results = load_results(DEFAULT_RESULTS) if results is None else results
    by_rating = {r.rating: r for r in ratings()}
    overall = {(r.rating, str(r.program_year)): r for r in results if r.component == "overall"}
    rows = []
    for target in targets(program):
        result = overall.get((target.rating, target.year))
        rating = by_rating[target.rating]
        verdict = judge(target, result, rating)
        rows.append({
            "rating": target.rating, "label": rating.label, "year": target.year,
            "target_source": target.source, "target_kind": target.kind,
            "target": target.text, "rank_max": target.rank_max, "score_min": target.score_min,
            "actual": actual_text(result),
            "place": result.place if result else None,
            "place_min": result.place_min if result else None,
            "place_max": result.place_max if result else None,
            "score": result.score if result else None,
            "score_max": result.score_max if result else None,
            "status": verdict.status, "margin": verdict.margin,
            "evidence": result.evidence if result else "no_result",
            "edition": result.edition if result else "",
            "result_source": result.source if result else "",
            "result_note": result.note if result else "",
            "result_note_uk": result.note_uk if result else "",
            "reason": verdict.reason, "target_line": target.source_line,
        })
    return pd.DataFrame(rows, columns=RATINGS_COLUMNS)


RATINGS_COLUMNS = ["rating", "label", "year", "target_source", "target_kind", "target",
                   "rank_max", "score_min", "actual", "place", "place_min", "place_max", "score",
                   "score_max", "status", "margin", "evidence", "edition", "result_source",
                   "result_note", "result_note_uk", "reason", "target_line"]


def results_frame(results: list[RatingResult]) -> pd.DataFrame:
    """The validated results file as a table (every component, every year)."""
    rows = [{**r.__dict__, "program_year": str(r.program_year)} for r in results]
    return pd.DataFrame(rows).rename(columns={"row": "source_line", "program_year": "year",
                                              "source": "source_ref", "note": "result_note",
                                              "note_uk": "result_note_uk"})


def status_grid(table: pd.DataFrame) -> pd.DataFrame:
    """Ratings × (2018, 2019, 2020 from Annex B, 2020 from the passport): verdicts in Ukrainian."""
    def years(source: str) -> list[str]:
        return sorted(set(table.year[table.target_source == source]))
    columns = {("annex_b", y): y for y in years("annex_b")}
    columns.update({("passport", y): f"{y} (паспорт)" for y in years("passport")})
    grid = {}
    for row in table.itertuples():
        key = (row.target_source, row.year)
        if key in columns:
            grid.setdefault(row.label, {})[columns[key]] = (
                f"{STATUS_LABELS[row.status]} ({row.target})")
    frame = pd.DataFrame.from_dict(grid, orient="index")[list(columns.values())]
    frame.index.name = "Рейтинг"
    return frame.reset_index()




def verdict_changes(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Verdicts that differ between two ratings tables (e.g. a fresh one and the last build).

    One row per rating, year and target source whose status changed, appeared or disappeared:
    ``status_before`` / ``status_after`` (empty where the row is new or gone), with the results
    in words before and after. So a new row in the results file never flips a council-facing
    conclusion unnoticed.
    """
    key = ["rating", "year", "target_source"]
    keep = [*key, "label", "target", "actual", "status"]
    before = previous.astype({"year": str})[keep]
    after = current.astype({"year": str})[keep]
    merged = before.merge(after, on=key, how="outer", suffixes=("_before", "_after"))
    merged = merged.fillna({"status_before": "", "status_after": ""})
    changed = merged[merged.status_before != merged.status_after].copy()
    changed["label"] = changed.label_after.fillna(changed.label_before)
    changed["target"] = changed.target_after.fillna(changed.target_before)
    columns = [*key, "label", "target", "actual_before", "actual_after", "status_before",
               "status_after"]
    return changed[columns].sort_values(key).reset_index(drop=True)
