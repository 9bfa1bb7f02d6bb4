"""The whole report for one period as one HTML document, ready for print.

Metadata for the tagged PDF: ``lang="uk"``, the title, the author (who prepared it) and the
subject (``<meta name="description">``). An example report carries «ПРИКЛАД» on every page
(running header and a watermark) and in its title.
"""

from __future__ import annotations

import base64
import io
from datetime import date

from zhytomyr_kpi.program import Program
from zhytomyr_kpi.report import final_sections, sections
from zhytomyr_kpi.report.edition import prepared_by
from zhytomyr_kpi.report.markup import esc
from zhytomyr_kpi.report.periods import Period
from zhytomyr_kpi.report.settings import ReportSettings


def figure_html(figure, alt: str) -> str:
    """A matplotlib figure as an embedded PNG with its text alternative (for screen readers)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=130, metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
            f"<figcaption>{esc(alt)}</figcaption></figure>")


def figures(data: sections.ReportData) -> dict[str, str]:
    """The report's two charts as ready HTML (``execution`` and ``ratings``).

    Separate from :func:`body` so that another process can draw them while this one lays
    the text out (see :mod:`zhytomyr_kpi.report.pdf`). matplotlib is imported here, on first use.
    """
    from zhytomyr_kpi.report import charts

    # no published results for this council's city (another council's programme): no chart
    # of ratings that are not its own
    rated = not data.program.rating_results.empty
    return {"execution": figure_html(*charts.execution_chart(data)),
            "ratings": figure_html(*charts.ratings_chart(data)) if rated else ""}


def body(data: sections.ReportData, charts_html: dict[str, str] | None = None) -> str:
    """The sections in the order of the issue: title page … signatures (charts if given)."""
    period = data.period
    charts_html = charts_html or {}
    parts = [sections.title_page(data), sections.summary(data),
             sections.measures_section(data, charts_html.get("execution", "")),
             sections.sources_section(data), sections.indicators_section(data),
             sections.ratings_section(data, charts_html.get("ratings", ""))]
    number = 5
    if period.is_final:
        parts += [final_sections.dynamics_section(data), final_sections.expected_section(data)]
        number = 7
    parts += [sections.inconsistencies_section(data, number),
              sections.proposals_section(data, number + 1), sections.signatures(data)]
    return "\n".join(parts)


def title(data: sections.ReportData) -> str:
    return ("ПРИКЛАД. " if data.example else "") + data.period.title


def html_document(data: sections.ReportData, css: str,
                  charts_html: dict[str, str] | None = None) -> str:
    """The standalone HTML of the report (print CSS inlined; no charts unless given)."""
    subject = (f"Оцінка виконання: {sections.programme_name(data.program, data.settings)}, "
               f"{data.period.label}")
    mark = '<div class="example-mark" aria-hidden="true">ПРИКЛАД</div>' if data.example else ""
    made = f'<meta name="dcterms.created" content="{data.made_on:%Y-%m-%d}">' \
        if data.made_on else ""
    return (f'<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">'
            f"<title>{esc(title(data))}</title>"
            f'<meta name="author" content="{esc(prepared_by(data.program, data.settings))}">'
            f'<meta name="description" content="{esc(subject)}">{made}'
            f'<style>{css}</style></head><body class="{"example" if data.example else ""}">'
            f"{mark}{body(data, charts_html)}</body></html>")


def build(program: Program, period: Period, settings: ReportSettings, css: str,
          made_on: date | None = None, example: bool | None = None,
          with_charts: bool = True, charts_html: dict[str, str] | None = None) -> str:
    """The report's HTML; the charts are drawn here unless given (or ``with_charts=False``)."""
    data = sections.prepare(program, period, settings, made_on, example)
    if with_charts and charts_html is None:
        charts_html = figures(data)
    return html_document(data, css, charts_html if with_charts else None)
