"""The validation summary for people: console table, Markdown, JSON (no pandas needed)."""

from __future__ import annotations

import json
import re
import unicodedata

from zhytomyr_kpi.basics.markup import esc
from zhytomyr_kpi.basics.wording import format_uk, plural
from zhytomyr_kpi.checks.findings import NOT_APPLIED, Finding
from zhytomyr_kpi.program import Program
from zhytomyr_kpi.views.labels import SEVERITY_LABELS, STATUS_LABELS

HEADERS = ("Статус", "Перевірка", "Перевірено", "Помилок", "Попереджень", "Довідок")


def _rows(program: Program) -> list[tuple[str, ...]]:
    """One row per check; the status says «не застосовано», so the title does not repeat it."""
    return [(STATUS_LABELS[r.outcome], r.title.removesuffix(f" {NOT_APPLIED}"), str(r.checked),
             str(r.count("error")), str(r.count("warning")), str(r.count("info")))
            for r in program.check_results]


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


#: Checks whose stated and computed values are years or line numbers («2022», not «2 022»).
YEAR_CHECKS = frozenset({"year_spans", "id_placement"})
#: Checks whose numbers are ranks or scores of different kinds («ТОП 7» and «ТОП-3»): their
#: texts say it, a «різниця» would not.
NO_NUMBERS = frozenset({"kpi_targets", "text_targets"})


def _numbers(f: Finding, printed: bool = False) -> str:
    """«[зазначено …; обчислено …; різниця …]»; where the document prints money in another
    unit (``printed``), the stated amount as printed too («4 850 (у документі «4 850 000,00»)»)."""
    if (f.stated is None and f.computed is None) or f.check in NO_NUMBERS:
        return ""

    def shown(value) -> str:
        if value is None:
            return "—"
        return format_uk(value).replace(" ", "") if f.check in YEAR_CHECKS else format_uk(value)
    as_printed = (f" (у документі «{f.stated_text}»)" if printed and f.stated is not None
                  and _converted(f.stated, f.stated_text) else "")
    if f.computed is None:  # a number found, nothing it should equal
        return f" [зазначено {shown(f.stated)}{as_printed}]"
    return (f" [зазначено {shown(f.stated)}{as_printed}; обчислено {shown(f.computed)}; "
            f"різниця {shown(f.delta)}]")


def _converted(stated, text: str) -> bool:
    """Whether ``text`` printed an amount in another unit than the stated thousands."""
    from zhytomyr_kpi.document.numbers import parse_number

    try:
        printed = parse_number(text) if text else None
    except (ValueError, ArithmeticError):
        return False
    return printed is not None and printed != stated


def headline(program: Program) -> str:
    counts = {s: sum(r.outcome == s for r in program.check_results)
              for s in ("PASS", "WARN", "FAIL", "SKIP")}
    findings = program.all_findings
    by_severity = {s: sum(f.severity == s for f in findings) for s in SEVERITY_LABELS}
    def words(n: int, one: str, few: str, many: str) -> str:
        return f"{n} {plural(n, one, few, many)}"

    return (f"{program.path.name} (sha256 {program.sha256[:12]}…): "
            f"{words(len(program.check_results), 'перевірка', 'перевірки', 'перевірок')} — "
            f"{counts['PASS']} {STATUS_LABELS['PASS']}, {counts['WARN']} з попередженнями, "
            f"{counts['FAIL']} з розбіжностями"
            + (f", {counts['SKIP']} {STATUS_LABELS['SKIP']}" if counts["SKIP"] else "")
            + "; знахідок: "
            f"{words(by_severity['error'], 'помилка', 'помилки', 'помилок')}, "
            f"{words(by_severity['warning'], 'попередження', 'попередження', 'попереджень')}, "
            f"{words(by_severity['info'], 'довідка', 'довідки', 'довідок')}")


def _check_titles(program: Program) -> dict[str, str]:
    """What a finding's check is called for people (its title, not its code)."""
    return {r.check: r.title.removesuffix(f" {NOT_APPLIED}") for r in program.check_results}


def text_table(headers: tuple[str, ...], rows: list[tuple[str, ...]],
               numeric_from: int = 2) -> list[str]:
    """A plain-text table; columns from ``numeric_from`` to the last but one are right-aligned."""
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in rows:
        lines.append("  ".join(_pad(c, w, right=numeric_from <= i < len(row) - 1) for i, (c, w)
                               in enumerate(zip(row, widths, strict=True))).rstrip())
    return lines


def console(program: Program, show_info: bool = False) -> str:
    """A plain-text table of every check, then the findings (errors and warnings)."""
    note = program.document.money_note
    lines = [headline(program), *([note] if note else []), "",
             *text_table(HEADERS, _rows(program))]
    shown = [f for f in program.all_findings if show_info or f.severity != "info"]
    if shown:
        lines += ["", "Знахідки:"]
        for f in shown:
            lines.append(f"- [{SEVERITY_LABELS[f.severity]}] {f.location}: "
                         f"{f.message}{_numbers(f, bool(note))}")
    hidden = len(program.all_findings) - len(shown)
    if hidden:
        lines.append(f"(ще {hidden} {plural(hidden, 'довідка', 'довідки', 'довідок')}: "
                     "--all показує всі)")
    return "\n".join(lines) + "\n"


def markdown(program: Program) -> str:
    """The same summary as Markdown: a table of checks and a table of all findings."""
    note = program.document.money_note
    out = ["# Перевірка узгодженості програми", "", _md(headline(program)), "",
           *([_md(note), ""] if note else []),
           "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in _rows(program)]
    out += ["", "## Знахідки", "", "| Важливість | Перевірка | Де | Зазначено | Обчислено | "
            "Різниця | Опис |", "|---|---|---|---:|---:|---:|---|"]
    titles = _check_titles(program)
    for f in program.all_findings:
        cells = (SEVERITY_LABELS[f.severity], titles.get(f.check, f.check), f.location,
                 format_uk(f.stated) if f.stated is not None else f.stated_text,
                 format_uk(f.computed) if f.computed is not None else f.computed_text,
                 format_uk(f.delta) if f.delta is not None else "",
                 f.message)
        out.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """A value from the document as Markdown text: shown, never obeyed — HTML escaped, control
    and bidi characters visible (:func:`~zhytomyr_kpi.basics.markup.esc`), no line break or
    «|» that would end the table's cell, no «*», «_», «`», «[» that would format it."""
    text = esc(" ".join(str(text).split()))
    return re.sub(r"([|*_`\[\]\\])", r"\\\1", text)


def as_json(program: Program) -> str:
    """Machine-readable summary: document, checks with counts, findings with numbers."""
    def number(value):
        return float(value) if value is not None else None

    payload = {
        "document": {"file": program.path.name, "sha256": program.sha256,
                     "encoding": program.document.encoding,
                     # amounts are thousand UAH; where the text printed others, and by what
                     # factor they were converted
                     "amounts_unit": "kuah",
                     "printed_units": {place: float(factor) for place, factor
                                       in program.document.printed_units.items()}},
        "checks": [{"check": r.check, "title": r.title, "status": r.outcome,
                    "checked": r.checked, "errors": r.count("error"),
                    "warnings": r.count("warning"), "infos": r.count("info")}
                   for r in program.check_results],
        "findings": [{"check": f.check, "severity": f.severity, "location": f.location,
                      "line": f.source_line, "measure_id": f.measure_id, "year": f.year,
                      "stated": number(f.stated), "computed": number(f.computed),
                      "delta": number(f.delta), "stated_text": f.stated_text,
                      "computed_text": f.computed_text, "message": f.message}
                     for f in program.all_findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _uk(value, decimals: int = 3) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    return format_uk(round(float(value), decimals), None)


def efficiency_console(program: Program, basis: str = "plan") -> str:
    """The unit-cost table (stated vs recomputed) and Annex A money vs Annex B costs."""
    from zhytomyr_kpi.analysis.efficiency import BASIS_LABELS, RESULT_LABELS
    from zhytomyr_kpi.document.vocabulary import PERIOD_LABELS

    table = program.efficiency
    if basis != "all":
        table = table[table.basis == basis]
    headers = ("Показник", "Період", "Основа", "Затрати", "Продукт", "Обчислено", "Зазначено",
               "Різниця", "Різниця, %", "Результат")
    rows = [(f"{r.number}. {r.name[:38]}", PERIOD_LABELS[r.period], BASIS_LABELS[r.basis],
             _uk(r.cost), _uk(r.output), _uk(r.computed), r.stated_text or "—", _uk(r.delta),
             _uk(r.delta_pct, 1), RESULT_LABELS[r.result] + (f": {r.note}" if r.note else ""))
            for r in table.itertuples()]
    lines = ["Середні видатки: зазначені в додатку Б і обчислені (затрати ÷ продукт)", "",
             *text_table(headers, rows, numeric_from=3), ""]
    alloc = program.allocations
    headers = ("Показник затрат", "Рік", "Додаток Б, тис. грн", "Кошти додатка А, тис. грн",
               "Різниця", "Заходи", "Результат")
    rows = [(f"{str(r.cost_indicator).removeprefix('cost-')}. {r.name[:40]}", r.year,
             _uk(r.indicator_kuah),
             _uk(r.allocated_kuah), _uk(r.delta_kuah), r.measure_ids,
             RESULT_LABELS[r.result] + (f": {r.note}" if r.note else ""))
            for r in alloc.itertuples()]
    lines += ["Показники затрат додатка Б і кошти відповідних заходів додатка А", ""]
    if not rows:  # no reviewed map of costs to measures: say so, not an empty table
        lines.append("Не звірено: рішення не каже, які заходи додатка А покриває кожен "
                     "показник затрат, а за назвами це не визначити однозначно; перелік можна "
                     "задати у перевіреному файлі cost_measures.csv програми.")
    else:
        lines += text_table(headers, rows)
    return "\n".join(lines) + "\n"


def ratings_console(program: Program) -> str:
    """The verdict for every rating, programme year and target, with evidence and reason."""
    from zhytomyr_kpi.analysis.ratings import EVIDENCE_LABELS, STATUS_LABELS, TARGET_SOURCE_LABELS

    table = program.ratings
    headers = ("Рейтинг", "Рік", "Ціль", "Результат", "Статус", "Доказовість", "Чому")
    rows = [(r.label[:44], r.year, f"{r.target} ({TARGET_SOURCE_LABELS[r.target_source]})",
             r.actual, STATUS_LABELS[r.status], EVIDENCE_LABELS[r.evidence], r.reason)
            for r in table.itertuples()]
    counts = table[table.target_source == "annex_b"].status.value_counts()
    summary = ", ".join(f"{STATUS_LABELS[s]}: {counts.get(s, 0)}" for s in STATUS_LABELS)
    return "\n".join([f"Рейтинги проти цілей (додаток Б, {program.term_label} — {summary})", "",
                      *text_table(headers, rows, numeric_from=len(headers))]) + "\n"


def verdict_changes_console(program: Program, previous_csv) -> str:
    """What changed in the verdicts since the last build (``data/processed/ratings.csv``)."""
    import pandas as pd

    from zhytomyr_kpi.analysis.ratings import STATUS_LABELS, TARGET_SOURCE_LABELS, verdict_changes

    if not previous_csv.is_file():
        return "Попередньої збірки немає: порівняти вердикти нема з чим (make data).\n"
    previous = pd.read_csv(previous_csv, dtype={"year": str}, keep_default_na=False)
    changes = verdict_changes(program.ratings, previous)
    if changes.empty:
        return "Вердикти не змінилися порівняно з останньою збіркою.\n"
    lines = [f"Змінені вердикти порівняно з останньою збіркою ({len(changes)}; оновіть таблиці: "
             "make data):"]
    for row in changes.itertuples():
        before = STATUS_LABELS.get(row.status_before, "—")
        after = STATUS_LABELS.get(row.status_after, "—")
        source = TARGET_SOURCE_LABELS.get(row.target_source, row.target_source)
        lines.append(f"  {row.label}, {row.year} ({source}, ціль {row.target}): {before} → "
                     f"{after}; результат: {row.actual_before or '—'} → {row.actual_after or '—'}")
    return "\n".join(lines) + "\n"
