"""The publication folder of one period, written all or nothing.

``publish --year 2019`` writes, into the folder given (default ``publication/2019``)::

    index.html          the summary page (:mod:`.page`)
    звіт_2019.pdf       the report as printed (the same builders as the page)
    datapackage.json    Frictionless Data Package describing the tables
    *.csv, tables.xlsx  the tables (one flat folder: what a web editor uploads most easily)

The folder is replaced as a whole (``basics.safe_io.publish_folder``); one that holds anything
else than an earlier publication (no ``datapackage.json`` of ours) is refused, so a wrong
``--out`` never replaces someone's folder. The publication's term (section 8: 45 days after
the stage) is printed by the command, from :mod:`zhytomyr_kpi.actuals.calendar`.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from zhytomyr_kpi.basics.errors import OutputError
from zhytomyr_kpi.publish.open_data import open_data_files
from zhytomyr_kpi.publish.page import page_html

MARK = "zhytomyr-kpi-publication"


def check_target(out: Path, force: bool) -> None:
    """Refuse a target that is not ours to replace (before any work)."""
    if not out.exists():
        return
    if not out.is_dir() or out.is_symlink():
        raise OutputError(out, "це не тека; вкажіть теку для публікації")
    if not any(out.iterdir()):
        return
    package = out / "datapackage.json"
    try:
        ours = json.loads(package.read_text(encoding="utf-8")).get("name", "").startswith(MARK)
    except (OSError, ValueError, AttributeError):
        ours = False
    if not ours:
        raise OutputError(out, "тека не порожня і не є попередньою публікацією; оберіть "
                               "порожню або нову теку")
    if not force:
        raise OutputError(out, "публікація вже є; додайте --force, щоб замінити її")


def publication_files(program, key: str, settings, made_on: date | None = None,
                      example: bool | None = None) -> dict[str, bytes]:
    """Every file of the period's publication, by its path inside the folder."""
    from zhytomyr_kpi.report import document, period, sections
    from zhytomyr_kpi.report.pdf import html_to_pdf, report_css

    chosen = period(key, program.years)
    data = sections.prepare(program, chosen, settings, made_on, example)
    charts = document.figures(data)
    page = page_html(data, charts)
    with tempfile.TemporaryDirectory(prefix="zhytomyr-kpi-publish-") as work:
        pdf = Path(work) / "report.pdf"
        html_to_pdf(document.html_document(data, report_css(), charts), pdf)
        pdf_bytes = pdf.read_bytes()
    name = f"{MARK}-{chosen.key}" + ("-example" if data.example else "")
    title = document.title(data)
    stem = f"звіт_{chosen.key}" + ("_ПРИКЛАД" if data.example else "")
    files = {"index.html": page.encode("utf-8"), f"{stem}.pdf": pdf_bytes}
    files.update(open_data_files(
        program, chosen.years, name, title,
        f"Таблиці звіту {chosen.in_words}: заходи й кошти програми, показники, перевірки "
        "узгодженості рішення і фактичне виконання за звітами виконавців"
        + (" (ПРИКЛАД: вигадані дані виконавців)" if data.example else "") + "."))
    return files


def write_publication(files: dict[str, bytes], out: Path) -> list[Path]:
    """Replace ``out`` by a folder holding exactly ``files``, all or nothing (a failure or
    Ctrl-C leaves the previous publication as it was)."""
    from zhytomyr_kpi.basics.safe_io import publish_folder

    return publish_folder(files, out)
