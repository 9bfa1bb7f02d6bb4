"""One registry of columns: name, Ukrainian label, unit, type, description.

It feeds the pandera schemas (:mod:`zhytomyr_kpi.tables.schemas`), the Excel headers
(:mod:`zhytomyr_kpi.tables.excel`) and, later, chart labels. A column is described once here,
whichever tables it appears in.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhytomyr_kpi.document.units import UNIT_LABELS


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # Ukrainian header for people
    dtype: str  # "str", "int", "float", "bool"
    description: str
    unit: str = ""
    nullable: bool = False
    allowed: tuple = ()
    width: int = 0  # Excel column width in characters (0: from the label)


_FIELDS = [
    Field("measure_id", "Ідентифікатор заходу", "str", "Unique id of a measure (printed id "
          "without the final dot; ids printed twice get a new one, see reviewed/id_renames.csv)",
          width=12),
    Field("printed_id", "№ у документі", "str", "The id as printed in Annex A", width=10),
    Field("section", "Напрям", "str", "Direction (section) of Annex A as numbered in the "
          "document, or «total» for РАЗОМ", width=8),
    Field("title", "Назва", "str", "Title as printed (direction) or of the check", width=40),
    Field("parent_id", "Батьківський захід", "str", "The measure whose id is the longest prefix "
          "of this one", nullable=True, width=12),
    Field("task", "Завдання", "str", "Task the measure serves (Завдання)", width=40),
    Field("content", "Зміст заходу", "str", "What is done (Зміст заходів)", width=50),
    Field("term", "Термін виконання", "str", "Term of execution as printed", width=14),
    Field("executors", "Виконавці", "str", "Executors as printed", width=36),
    Field("funding_source", "Джерела фінансування", "str", "Funding source as printed", width=16),
    Field("expected_result", "Очікуваний результат", "str", "Expected result as printed",
          width=40),
    Field("counts_in_total", "Враховується у ВСЬОГО", "bool", "Whether the section total counts "
          "this row (False for the parts of a «в т. ч.» parent)", width=12),
    Field("is_breakdown_parent", "Сума складових «в т. ч.»", "bool", "The row's amounts are the "
          "sum of its parts (reviewed/breakdowns.csv)", width=12),
    Field("total_stated_kuah", "Всього, тис. грн", "float", "The row's printed total",
          unit="тис. грн", nullable=True),
    Field("total_cell_text", "Всього (як надруковано)", "str", "The total cell as printed"),
    Field("unlabelled_kuah", "Непідписаний стовпець, тис. грн", "float", "Amount printed in an "
          "unlabelled column between the last year and the total (No. 1685: lines 263-271)", unit="тис. грн",
          nullable=True),
    Field("source_line", "Рядок джерела", "int", "Line of the decision text the record starts on",
          width=9),
    Field("source_lines", "Рядки джерела", "str", "All lines the record is read from", width=12),
    Field("year", "Рік", "str", "Programme year (read from the document), or «total» for a total "
          "column (rating results: any edition year)", width=8),
    Field("amount_kuah", "Сума, тис. грн", "float", "Amount in thousand UAH; empty where the cell "
          "holds no single number", unit="тис. грн", nullable=True),
    Field("cell_text", "Клітинка (як надруковано)", "str", "The amount cell as printed"),
    Field("stated_kuah", "Зазначено, тис. грн", "float", "Total as printed in the document",
          unit="тис. грн", nullable=True),
    Field("computed_kuah", "Обчислено, тис. грн", "float", "Sum of the rows the total covers",
          unit="тис. грн"),
    Field("delta_kuah", "Різниця, тис. грн", "float", "stated − computed", unit="тис. грн",
          nullable=True),
    Field("source", "Джерело", "str", "Funding source of Table 6.1",
          allowed=("total", "state", "local", "regional", "other"), width=10),
    Field("label", "Назва", "str", "Row label (Table 6.1) or rating name", width=36),
    Field("indicator_id", "Код показника", "str", "group-number, e.g. cost-1", width=14),
    Field("group", "Група показників", "str", "Annex B group",
          allowed=("cost", "output", "efficiency", "quality"), width=12),
    Field("number", "№ показника", "int", "Number of the indicator within its group", width=8),
    Field("name", "Назва показника", "str", "Indicator name as printed", width=60),
    Field("unit", "Одиниця виміру", "str", "Unit as printed", width=12),
    Field("unit_code", "Код одиниці", "str", ", ".join(UNIT_LABELS),
          nullable=True, width=10),
    Field("rating", "Рейтинг", "str", "Rating key (reviewed/ratings.csv) of a quality indicator",
          nullable=True, width=26),
    Field("period", "Період", "str", "baseline (вихідні дані) or a year of Annex B's header",
          width=10),
    Field("value", "Значення", "float", "Numeric value in the indicator's unit", nullable=True),
    Field("value_text", "Значення (як надруковано)", "str", "The value cell as printed"),
    Field("rank_max", "ТОП-N (місце не нижче)", "int", "N of a ТОП-N target: place N or better",
          nullable=True),
    Field("score_min", "Не нижче, балів", "float", "Minimum score of a score target",
          nullable=True),
    Field("target_text", "Ціль (як надруковано)", "str", "The target as printed", width=18),
    Field("target_year", "Рік цілі", "int", "Year the target is set for", nullable=True),
    Field("item", "Пункт паспорта", "int", "Item number of the passport", width=8),
    Field("value_full", "Зміст", "str", "Item text (continuation lines included)", width=80),
    Field("check", "Перевірка", "str", "Check id (see zhytomyr-kpi validate)", width=22),
    Field("severity", "Важливість", "str", "error, warning or info",
          allowed=("error", "warning", "info"), width=12),
    Field("location", "Де", "str", "Where in the document", width=30),
    Field("stated", "Зазначено", "float", "What the document says", nullable=True),
    Field("computed", "Обчислено", "float", "What it adds up to", nullable=True),
    Field("delta", "Різниця", "float", "stated − computed", nullable=True),
    Field("stated_text", "Зазначено (текст)", "str", "What the document says, as text", width=24),
    Field("computed_text", "Обчислено (текст)", "str", "What it adds up to, as text", width=18),
    Field("message", "Опис", "str", "What is wrong, in Ukrainian", width=90),
    Field("measure_ref", "Захід", "str", "Measure the finding concerns", nullable=True, width=10),
    Field("year_ref", "Рік / період", "str", "Year or period the finding concerns",
          nullable=True, width=10),
    Field("line", "Рядок джерела", "int", "Line of the decision text", nullable=True, width=9),
    Field("checked", "Перевірено", "int", "How many items the check looked at", width=10),
    Field("errors", "Помилок", "int", "Findings of severity error", width=9),
    Field("warnings", "Попереджень", "int", "Findings of severity warning", width=11),
    Field("infos", "Довідок", "int", "Findings of severity info", width=9),
]
_RESULTS = ("agrees", "differs", "not_stated", "not_computable")
_FIELDS += [
    Field("indicator", "Показник ефективності", "str", "efficiency-N: Annex B efficiency indicator",
          width=14),
    Field("basis", "Основа", "str", "plan: Annex B figures; allocation: Annex A money of the mapped "
          "measures ÷ planned output; actual: executors' figures", allowed=("plan", "allocation",
                                                                              "actual"), width=11),
    Field("numerator", "Чисельник", "str", "Annex B cost indicator(s) divided", width=12),
    Field("denominator", "Знаменник", "str", "Annex B output (or head-count) indicator(s)",
          width=20),
    Field("cost", "Затрати (в одиниці показника)", "float", "Numerator in the money unit of the "
          "efficiency indicator", nullable=True),
    Field("output", "Продукт", "float", "Denominator: units or persons", nullable=True),
    Field("delta_pct", "Різниця, %", "float", "delta ÷ computed × 100", unit="%", nullable=True),
    Field("implied_output", "Продукт, що відповідає зазначеному", "float",
          "cost ÷ stated: the divisor the stated unit cost implies", nullable=True),
    Field("result", "Результат", "str", "agrees, differs, not_stated, not_computable",
          allowed=_RESULTS, width=14),
    Field("note", "Пояснення", "str", "Why a ratio cannot be computed, or what the stated value "
          "implies", width=50),
    Field("cost_indicator", "Показник затрат", "str", "cost-N: Annex B cost indicator", width=12),
    Field("indicator_kuah", "Показник затрат, тис. грн", "float", "The Annex B cost indicator, "
          "converted to thousand UAH", unit="тис. грн", nullable=True),
    Field("indicator_text", "Показник (як надруковано)", "str", "The Annex B cell as printed",
          width=14),
    Field("allocated_kuah", "Кошти додатка А, тис. грн", "float", "Sum of the mapped Annex A "
          "measures for the year", unit="тис. грн"),
    Field("measure_ids", "Заходи додатка А", "str", "Measures the cost indicator covers "
          "(reviewed/cost_measures.csv)", width=30),
]
_STATUSES = ("met", "missed", "unknown", "not_comparable")
_EVIDENCE = ("verified", "from_decision", "inferred", "not_found", "not_comparable", "no_result")
_FIELDS += [
    Field("target_source", "Джерело цілі", "str", "annex_b (quality indicator) or passport (KPI)",
          allowed=("annex_b", "passport"), width=10),
    Field("target_kind", "Вид цілі", "str", "place (ТОП-N, lower is better) or score (higher is "
          "better)", allowed=("place", "score"), width=8),
    Field("target", "Ціль", "str", "The target as printed", width=14),
    Field("actual", "Результат", "str", "The published result in words (exact value or bounds)",
          width=30),
    Field("place", "Місце", "int", "Exact place, where published", nullable=True),
    Field("place_min", "Місце не вище (межа)", "int", "The best place possible (e.g. «not in the "
          "top 10» → 11)", nullable=True),
    Field("place_max", "Місце не нижче (межа)", "int", "The worst place possible", nullable=True),
    Field("score", "Бали", "float", "Exact score, where published", nullable=True),
    Field("score_max", "Бали не більше (межа)", "float", "Upper bound on the score",
          nullable=True),
    Field("out_of", "Учасників", "int", "How many cities or councils were rated", nullable=True),
    Field("scale_max", "Максимум шкали", "float", "Top of the score scale", nullable=True),
    Field("status", "Статус", "str", "PASS/WARN/FAIL for checks (SKIP: nothing to verify, «не "
          "застосовано»); met, missed, unknown or not_comparable for ratings",
          allowed=("PASS", "WARN", "FAIL", "SKIP", *_STATUSES), width=12),
    Field("margin", "Запас", "float", "≥ 0 when met: places to spare (N − place) or points "
          "(score − target); empty unless the result is exact", nullable=True),
    Field("evidence", "Доказовість", "str", "verified, from_decision, inferred, not_found, "
          "not_comparable; no_result when there is no row", allowed=_EVIDENCE, width=14),
    Field("edition", "Випуск", "str", "The rating's own edition name", width=10),
    Field("published", "Опубліковано", "str", "Publication date, as precise as known", width=11),
    Field("result_source", "Джерело результату", "str", "Where the result comes from", width=40),
    Field("result_note", "Примітка до результату (англ.)", "str", "What else the source says, "
          "as the collector wrote it", width=40),
    Field("result_note_uk", "Примітка до результату", "str", "The note in Ukrainian (the "
          "results file's note_uk; empty where none is given)", width=40),
    Field("reason", "Чому так", "str", "Why the verdict is what it is", width=50),
    Field("target_line", "Рядок цілі", "int", "Line of the decision the target is on", width=9),
    Field("component", "Складова", "str", "overall, or a sub-index (mayor, executive_bodies, "
          "deputies)", width=14),
    Field("source_ref", "Джерело", "str", "Where the result comes from", width=40),
]
_FIELDS += [
    Field("quarter", "Квартал", "int", "Quarter 1-4 of the report (cumulative from the start of "
          "the year); empty for an annual report", nullable=True, width=8),
    Field("actual_kuah", "Факт з початку року, тис. грн", "float", "Actual spending reported by "
          "the executors, cumulative from the start of the year; empty: not reported",
          unit="тис. грн", nullable=True),
    Field("actual_value", "Факт з початку року", "float", "Actual value of an Annex B indicator, "
          "in its unit; empty: not reported", nullable=True),
    Field("comment", "Коментар виконавця", "str", "What the executor wrote", width=30),
    Field("state", "Стан виконання", "str", "The executor's state of the work on the measure "
          "(template v3): виконано, виконано частково, не виконано, перенесено; empty: not "
          "stated", allowed=("", "виконано", "виконано частково", "не виконано", "перенесено"),
          width=14),
    Field("state_note", "Що зроблено", "str", "What was done, in the executor's words", width=40),
    Field("change", "Зміна заходу", "str", "A change to the measure the executor notifies "
          "(term, content, money, executor)", width=30),
    Field("change_ground", "Обґрунтування зміни", "str", "The change's ground (a decision, a "
          "letter); empty where none is given", width=30),
    Field("cell", "Клітинка", "str", "Sheet and cell of the executors' workbook", width=14),
    Field("source_file", "Файл", "str", "The workbook in data/raw/actuals/", width=24),
    Field("is_example", "Приклад", "bool", "The figure comes from an example workbook (ПРИКЛАД), "
          "not from an executor", width=9),
    Field("executor", "Хто подав", "str", "The department whose submission gives the figure",
          width=30),
    Field("submission", "Подання", "str", "The submission in data/raw/actuals/ (never deleted)",
          width=30),
    Field("received", "Отримано", "str", "When the submission was accepted (ISO 8601)", width=20),
]
FIELDS: dict[str, Field] = {f.name: f for f in _FIELDS}

#: Columns of each table of the data contract (DESIGN.md §4), in order.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "measures": ("measure_id", "printed_id", "section", "parent_id", "task", "content", "term",
                 "executors", "funding_source", "expected_result", "counts_in_total",
                 "is_breakdown_parent", "total_stated_kuah", "total_cell_text", "unlabelled_kuah",
                 "source_line", "source_lines"),
    "funding": ("measure_id", "section", "year", "amount_kuah", "cell_text", "counts_in_total",
                "source_line"),
    "section_totals": ("section", "title", "year", "stated_kuah", "computed_kuah", "delta_kuah",
                       "source_line"),
    "resources": ("source", "label", "year", "amount_kuah", "cell_text", "source_line"),
    "indicators": ("indicator_id", "group", "number", "name", "unit", "unit_code", "rating",
                   "period", "value", "value_text", "rank_max", "source_line"),
    "kpi_targets": ("rating", "name", "target_text", "rank_max", "score_min", "target_year",
                    "source_line"),
    "passport": ("item", "label", "value_full", "source_line"),
    "findings": ("check", "severity", "location", "measure_ref", "year_ref", "stated", "computed",
                 "delta", "stated_text", "computed_text", "message", "line"),
    "checks": ("check", "title", "status", "checked", "errors", "warnings", "infos"),
    "efficiency": ("indicator", "number", "name", "basis", "period", "unit", "numerator",
                   "denominator", "cost", "output", "computed", "stated", "stated_text", "delta",
                   "delta_pct", "implied_output", "result", "note"),
    "allocations": ("cost_indicator", "name", "year", "indicator_kuah", "indicator_text",
                    "allocated_kuah", "delta_kuah", "delta_pct", "measure_ids", "result", "note"),
    "ratings": ("rating", "label", "year", "target_source", "target_kind", "target", "rank_max",
                "score_min", "actual", "place", "place_min", "place_max", "score", "score_max",
                "status", "margin", "evidence", "edition", "result_source", "result_note",
                "result_note_uk", "reason", "target_line"),
    "actuals": ("measure_id", "year", "quarter", "actual_kuah", "comment", "state", "state_note",
                "change", "change_ground", "cell", "source_file", "is_example", "executor",
                "submission", "received"),
    "indicator_actuals": ("group", "number", "year", "quarter", "actual_value", "comment", "cell",
                          "source_file", "is_example", "executor", "submission", "received"),
    "rating_results": ("rating", "component", "year", "edition", "published", "place",
                       "place_min", "place_max", "score", "score_max", "out_of", "scale_max",
                       "evidence", "source_ref", "result_note", "result_note_uk", "source_line"),
}

#: Sheet names of program.xlsx (Ukrainian, ≤ 31 characters).
SHEET_NAMES = {
    "measures": "Заходи", "funding": "Фінансування", "section_totals": "Підсумки напрямів",
    "resources": "Ресурси (табл. 6.1)", "indicators": "Показники", "kpi_targets": "Ключові цілі",
    "passport": "Паспорт", "findings": "Розбіжності", "checks": "Перевірки",
    "efficiency": "Ефективність", "allocations": "Кошти А vs затрати Б",
    "ratings": "Рейтинги vs цілі", "rating_results": "Результати рейтингів",
    "actuals": "Факт заходів", "indicator_actuals": "Факт показників",
}


def columns(table: str) -> list[Field]:
    """Fields of a table, in order."""
    return [FIELDS[name] for name in TABLE_COLUMNS[table]]
