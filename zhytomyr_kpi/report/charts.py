"""The report's charts for one period, each with its text alternative (for the tagged PDF)."""

from __future__ import annotations

from zhytomyr_kpi.document.vocabulary import section_labels
from zhytomyr_kpi.report import execution
from zhytomyr_kpi.report.markup import num
from zhytomyr_kpi.views import plots


def execution_chart(data) -> tuple[object, str]:
    """Planned vs actually financed money per direction, for the period only."""
    groups = execution.by_direction(data.lines)
    labels, plan, actual = [], [], []
    for section_id, lines in groups.items():
        total = execution.subtotal(lines, "")
        labels.append(section_labels(data.program.document).get(section_id, section_id))
        plan.append(total.plan)
        actual.append(total.actual)
    title = f"Передбачено і фактично профінансовано {data.period.in_words}, тис. грн"
    alt = title + ": " + "; ".join(
        f"{label} — передбачено {num(p)}, фактично {num(a)}"
        for label, p, a in zip(labels, plan, actual, strict=True))
    return plots.execution_by_direction(labels, plan, actual, title), alt


def ratings_chart(data) -> tuple[object, str]:
    """Targets and published results of the ratings, in the period's years only."""
    years = [int(y) for y in data.period.years]
    figure = plots.rating_progress(data.program.ratings, data.program.rating_results, years)
    alt = (f"Рейтинги {data.period.in_words}: зони цілей і опубліковані результати міста; "
           "числа — у таблиці вище.")
    return figure, alt
