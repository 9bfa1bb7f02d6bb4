"""The summary for the website: the annual (or final) report as one accessible HTML page.

The same content as the report — the same sections from the same builders
(:mod:`zhytomyr_kpi.report.document`), so the page and the PDF never differ in a figure —
with a screen style of its own: system fonts (no font files linked), readable width,
tables that scroll sideways on a phone, visible focus. Self-contained: the charts are
embedded PNG images with their text alternatives, the style is inline, nothing is fetched
from elsewhere, and there are no scripts; it opens offline from a USB stick as well.
"""

from __future__ import annotations

import re

from zhytomyr_kpi.report.markup import esc

SCREEN_CSS = """
html { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 100%;
  line-height: 1.5; color: #111; background: #fff; }
body { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.35rem; margin-top: 2.5rem;
  border-bottom: 2px solid #9ecae1; } h3 { font-size: 1.1rem; }
a { color: #08519c; } a:focus, a:hover { outline: 3px solid #fd8d3c; }
.table-wrap { overflow-x: auto; } table { border-collapse: collapse; margin: .5rem 0 1.5rem;
  font-size: .9rem; } .table-wrap table { min-width: 40rem; }
table.meta { width: 100%; } table.meta th { width: 9rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid #999; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #deebf7; } td.num { text-align: right; white-space: nowrap; }
tr.group th { background: #f0f0f0; } tr.total td, tr.subtotal td { font-weight: bold; }
tr.total td { background: #deebf7; } figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; } figcaption { font-size: .9rem; color: #333; }
.example-mark { display: none; }
.example-note { border: 2px solid #b22222; color: #b22222; padding: .5rem; font-weight: bold; }
.title-page table.meta th, .title-page table.meta td { border: none; background: none; }
.skip { position: absolute; left: -999rem; } .skip:focus { left: 1rem; top: 1rem;
  background: #fff; padding: .5rem; }
nav ul { list-style: none; padding-left: 0; } nav li { margin: .2rem 0; }
@media (min-width: 48rem) { nav ul { columns: 2; } }
"""


def _contents(body: str) -> tuple[str, str]:
    """Give every section heading an id, and a list of contents linking to them."""
    items = []

    def number(match: re.Match) -> str:
        index = len(items) + 1
        items.append((f"section-{index}", re.sub(r"<[^>]+>", "", match.group(1))))
        return f'<h2 id="section-{index}">{match.group(1)}</h2>'

    body = re.sub(r"<h2>(.*?)</h2>", number, body)
    links = "".join(f'<li><a href="#{ident}">{title}</a></li>' for ident, title in items)
    return body, f'<nav aria-label="Зміст"><h2>Зміст</h2><ul>{links}</ul></nav>'


def page_html(data, charts_html: dict[str, str]) -> str:
    """The page of one period (``data``: :class:`zhytomyr_kpi.report.sections.ReportData`)."""
    from zhytomyr_kpi.report import document, sections

    body = document.body(data, charts_html)
    # data tables scroll sideways on a narrow screen; the title page's facts table does not
    body = re.sub(r'(<table(?: class="(?!meta")[^"]*")?>.*?</table>)',
                  r'<div class="table-wrap">\1</div>', body, flags=re.S)
    body, contents = _contents(body)
    title = document.title(data)
    subject = (f"Оцінка виконання: {sections.programme_name(data.program, data.settings)}, "
               f"{data.period.label}")
    return (f'<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title>"
            f'<meta name="description" content="{esc(subject)}">'
            f'<meta name="author" content="{esc(data.settings.prepared_by)}">'
            f"<style>{SCREEN_CSS}</style></head><body>"
            f'<a class="skip" href="#main">Перейти до змісту звіту</a>'
            f'<main id="main">{_first_section_then(body, contents)}</main></body></html>')


def _first_section_then(body: str, contents: str) -> str:
    """The title block first, then the contents, then the sections."""
    end = body.find("</section>")
    if end < 0:
        return contents + body
    end += len("</section>")
    return body[:end] + contents + body[end:]
