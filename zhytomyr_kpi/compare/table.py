"""The comparative table («порівняльна таблиця») the budget commission gets before the vote.

Three files from one :class:`~zhytomyr_kpi.compare.changes.Comparison`:

- ``comparison.pdf`` — landscape pages: the title with both decisions, the summary, the
  totals by direction and year, then per direction the measures that change, as «Чинна
  редакція | Запропонована редакція | Зміна» (money in тис. грн, decreases with «−»),
  Table 6.1 and the passport's total, Annex B, the passport, and the inconsistencies fixed
  and introduced. Unchanged rows are left out; measures that only got a new number are
  folded into one row per direction.
- ``comparison.docx`` — the same HTML through the report's DOCX converter, to edit.
- ``comparison.xlsx`` — every frame of the comparison, one sheet per part, Ukrainian headers,
  text stored as text.

Every value from either decision goes through ``esc`` (the report's one escaping rule) and
the PDF is printed by the report's guarded WeasyPrint route.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from zhytomyr_kpi.basics.markup import esc
from zhytomyr_kpi.basics.wording import number, plural, signed
from zhytomyr_kpi.compare.changes import EPSILON, Comparison
from zhytomyr_kpi.compare.summary import (
    FIELD_LABELS,
    GROUP_LABELS,
    headline,
    lines,
    year_label,
    years_text,
)

FILE_STEM = "comparison"
DASH = "—"

#: The XLSX sheets: part → (sheet name, Ukrainian headers per column).
SHEETS = {
    "measures": ("Заходи", {
        "change": "Зміна", "section": "Напрям", "old_id": "№ у чинній", "new_id":
        "№ у запропонованій", "field": "Що змінено", "old_text": "Чинна редакція",
        "new_text": "Запропонована редакція", "old_line": "Рядок чинної",
        "new_line": "Рядок запропонованої"}),
    "money": ("Кошти заходів", {
        "change": "Зміна", "section": "Напрям", "old_id": "№ у чинній", "new_id":
        "№ у запропонованій", "content": "Зміст заходу", "year": "Рік",
        "old_kuah": "Чинна, тис. грн", "new_kuah": "Запропонована, тис. грн",
        "delta_kuah": "Зміна, тис. грн", "old_text": "Чинна (як надруковано)",
        "new_text": "Запропонована (як надруковано)", "counts_in_total": "Враховується у ВСЬОГО",
        "old_line": "Рядок чинної", "new_line": "Рядок запропонованої"}),
    "totals": ("Підсумки", {
        "part": "Частина", "key": "Напрям / джерело", "label": "Назва", "year": "Рік",
        "old_kuah": "Чинна, тис. грн", "new_kuah": "Запропонована, тис. грн",
        "delta_kuah": "Зміна, тис. грн", "measures_delta_kuah": "Сума змін заходів, тис. грн",
        "old_text": "Чинна (як надруковано)", "new_text": "Запропонована (як надруковано)",
        "old_line": "Рядок чинної", "new_line": "Рядок запропонованої"}),
    "indicators": ("Показники (дод. Б)", {
        "change": "Зміна", "group": "Група", "old_number": "№ у чинній",
        "new_number": "№ у запропонованій", "name": "Показник", "field": "Що змінено",
        "period": "Період", "old_text": "Чинна редакція", "new_text": "Запропонована редакція",
        "delta": "Зміна значення", "old_line": "Рядок чинної", "new_line": "Рядок запропонованої"}),
    "passport": ("Паспорт", {
        "change": "Зміна", "item": "Пункт", "label": "Назва пункту", "old_text":
        "Чинна редакція", "new_text": "Запропонована редакція", "old_line": "Рядок чинної",
        "new_line": "Рядок запропонованої"}),
    "findings": ("Невідповідності", {
        "status": "Стан", "check": "Перевірка", "measure_id": "Захід", "year": "Рік",
        "old_message": "У чинній редакції", "new_message": "У запропонованій редакції",
        "old_line": "Рядок чинної", "new_line": "Рядок запропонованої"}),
}
CHANGE_LABELS = {"added": "додано", "removed": "вилучено", "renumbered": "новий номер",
                 "changed": "змінено"}
STATUS_LABELS = {"fixed": "усунено", "kept": "залишилася", "changed": "залишилася, інші суми",
                 "introduced": "нова"}
PART_LABELS = {"direction": "напрям", "programme": "разом", "resources": "таблиця 6.1",
               "passport": "паспорт"}
COMPARE_CSS = """
.compare-title { margin-bottom: 5mm; }
.compare-title table.meta { width: 100%; font-size: 9.5pt; }
.compare-title table.meta caption { display: none; }
.compare-title table.meta th { text-align: left; width: 45mm; background: none; border: none;
  font-size: 9.5pt; vertical-align: top; }
.report-section.compare { break-before: auto; margin-top: 6mm; }
tr.group { break-after: avoid; }
tr.group th { text-align: left; background: #f0f4f8; font-weight: bold; }
.compare-title table.meta td { border: none; }
table.compare td { vertical-align: top; }
table.compare td.change { white-space: nowrap; }
"""


# ---------------------------------------------------------------- HTML


def _kuah(value) -> str:
    return DASH if value is None or pd.isna(value) else number(value)


def _delta(value) -> str:
    if value is None or pd.isna(value):
        return DASH
    return "0,0" if abs(value) <= EPSILON else signed(value)


def _section(title: str, body: str) -> str:
    return (f'<section class="report-section wide compare"><h2>{esc(title)}</h2>{body}'
            "</section>")


def _table(caption: str, headers: list[str], rows: list[list[str]],
           numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    num = ' class="num"'
    body = "".join(
        "<tr>" + "".join(f"<td{num if i in numeric else ''}>{cell}</td>"
                         for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return (f'<table class="compare"><caption>{esc(caption)}</caption><thead><tr>{head}</tr>'
            f"</thead><tbody>{body}</tbody></table>")


def title_block(c: Comparison, note: str) -> str:
    rows = [("Програма", esc(c.new.title or c.old.title) or DASH),
            ("Чинна редакція", esc(c.old.reference) + f" (файл {esc(c.old.path.name)}, "
                                                      f"{esc(years_text(c.old.years))})"),
            ("Запропонована редакція", esc(c.new.reference) + f" (файл {esc(c.new.path.name)}, "
                                                              f"{esc(years_text(c.new.years))})"),
            ("Як прочитано", esc(note) or DASH)]
    meta = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    return (f'<section class="report-section wide compare-title"><h1>Порівняльна таблиця змін '
            f"до Програми</h1><table class=\"meta\"><caption>Редакції</caption>{meta}</table>"
            f"{''.join(f'<p>{esc(line)}</p>' for line in lines(c))}</section>")


def totals_section(c: Comparison) -> str:
    """The printed totals that change (or whose measures change), by direction and year."""
    t = c.totals[c.totals.part.isin(["direction", "programme"])]
    rows, group = [], None
    for r in t.itertuples():
        moved = r.measures_delta_kuah
        delta = r.delta_kuah
        stated = 0.0 if pd.isna(delta) else delta
        if abs(stated) <= EPSILON and abs(moved) <= EPSILON and not (
                pd.isna(r.old_kuah) or pd.isna(r.new_kuah)):
            continue
        if r.key != group:
            group = r.key
            title = f"Напрям {r.key}. {r.label}" if r.part == "direction" else r.label
            rows.append(f'<tr class="group"><th scope="rowgroup" colspan="5">{esc(title)}</th>'
                        "</tr>")
        agrees = not pd.isna(delta) and abs(moved - delta) <= EPSILON
        rows.append("<tr>" + "".join(
            f'<td class="num">{cell}</td>' for cell in (
                esc(year_label(r.year, c)), _kuah(r.old_kuah), _kuah(r.new_kuah), _delta(delta),
                _delta(moved) + ("" if agrees else "<br>не збігається зі зміною підсумку")))
            + "</tr>")
    if not rows:
        return _section("1. Підсумки фінансування", "<p>Підсумки напрямів і Програми за "
                                                     "роками не змінюються.</p>")
    head = "".join(f'<th scope="col">{h}</th>' for h in (
        "Рік", "Чинна редакція", "Запропонована редакція", "Зміна підсумку",
        "Сума змін заходів"))
    body = ('<table class="compare"><caption>Підсумки напрямів і Програми, тис. грн (як '
            "надруковано в підсумкових рядках додатка А; лише ті, що змінюються)</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return _section("1. Підсумки фінансування", body)


def _measure_cells(c: Comparison, old_id: str, new_id: str) -> tuple[list[str], list[str],
                                                                      list[str]]:
    """The old wording, the new wording and the change of one measure, as lines."""
    m = c.measures
    mine = m[(m.old_id == old_id) & (m.new_id == new_id) & (m.field != "direction")]
    old, new, change = [], [], []
    for r in mine.itertuples():
        label = FIELD_LABELS.get(r.field, r.field)
        if r.change == "added":
            new.append(f"<b>{esc(new_id)}</b> {esc(r.new_text)}")
            change.append("додано захід")
        elif r.change == "removed":
            old.append(f"<b>{esc(old_id)}</b> {esc(r.old_text)}")
            change.append("вилучено захід")
        elif r.change == "renumbered":
            old.append(f"№ {esc(r.old_text)}")
            new.append(f"№ {esc(r.new_text)}")
            change.append("новий номер")
        else:
            old.append(f"<i>{esc(label)}:</i> {esc(r.old_text) or DASH}")
            new.append(f"<i>{esc(label)}:</i> {esc(r.new_text) or DASH}")
            change.append(f"змінено {esc(label)}")
    money = c.money
    cells = money[(money.old_id == old_id) & (money.new_id == new_id)]
    for r in cells.itertuples():
        year = year_label(r.year, c)
        old_value = esc(r.old_text) if pd.isna(r.old_kuah) and r.old_text else _kuah(r.old_kuah)
        new_value = esc(r.new_text) if pd.isna(r.new_kuah) and r.new_text else _kuah(r.new_kuah)
        if r.change != "added":
            old.append(f"{esc(year)}: {old_value}")
        if r.change != "removed":
            new.append(f"{esc(year)}: {new_value}")
        change.append(f"{esc(year)}: {_delta(r.delta_kuah)}" +
                      ("" if r.counts_in_total else " (складова «в т. ч.»)"))
    return old, new, change


def measures_section(c: Comparison) -> str:
    m, money = c.measures, c.money
    keys = list(dict.fromkeys(
        [*zip(m[m.field != "direction"].old_id, m[m.field != "direction"].new_id,
              strict=True), *zip(money.old_id, money.new_id, strict=True)]))
    keys.sort(key=lambda ids: _id_order(ids[1] or ids[0]))
    sections = list(dict.fromkeys([*m.section.astype(str), *money.section.astype(str)]))
    parts = []
    for section in sorted(sections, key=_section_order):
        rows = []
        renumbered_only = []
        for old_id, new_id in keys:
            ids = (m.old_id == old_id) & (m.new_id == new_id)
            in_section = m[ids].section.astype(str).eq(section).any() or money[
                (money.old_id == old_id) & (money.new_id == new_id)].section.astype(
                str).eq(section).any()
            if not in_section:
                continue
            kinds = set(m[ids].change)
            if kinds == {"renumbered"} and not ((money.old_id == old_id) &
                                                (money.new_id == new_id)).any():
                renumbered_only.append(f"{esc(old_id)} → {esc(new_id)}")
                continue
            old, new, change = _measure_cells(c, old_id, new_id)
            rows.append([esc(new_id or old_id), "<br>".join(old) or DASH,
                         "<br>".join(new) or DASH, "<br>".join(change)])
        if renumbered_only:
            rows.append(["", "нумерація: " + ", ".join(renumbered_only), "нові номери, зміст "
                         "і кошти без змін", f"новий номер — {len(renumbered_only)}"])
        title = m[(m.section.astype(str) == section) & (m.field == "direction")]
        if len(title):
            r = title.iloc[0]
            rows.insert(0, ["", f"<i>назва напряму:</i> {esc(r.old_text)}",
                            f"<i>назва напряму:</i> {esc(r.new_text)}", "змінено назву"])
        if rows:
            parts.append(_table(f"Напрям {section}", ["№ заходу", "Чинна редакція",
                                                      "Запропонована редакція", "Зміна"], rows))
    body = "".join(parts) or "<p>Заходи додатка А не змінюються.</p>"
    return _section("2. Заходи (додаток А), кошти — тис. грн", body)


def _id_order(measure_id: str) -> tuple:
    """«1.10» after «1.9»: the parts of an id as numbers where they are numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in measure_id.split("."))


def _section_order(section: str) -> tuple:
    return (0, int(section), "") if section.isdigit() else (1, 0, section)


def resources_section(c: Comparison) -> str:
    t = c.totals[c.totals.part.isin(["resources", "passport"])]
    rows = [[esc(PART_LABELS[r.part]), esc(r.label), esc(year_label(r.year, c)),
             esc(r.old_text) or _kuah(r.old_kuah), esc(r.new_text) or _kuah(r.new_kuah),
             _delta(r.delta_kuah)]
            for r in t.itertuples()
            if (not pd.isna(r.delta_kuah) and abs(r.delta_kuah) > EPSILON) or
            r.old_text != r.new_text]
    body = _table("Ресурсне забезпечення (таблиця 6.1) і загальний обсяг у паспорті, тис. грн",
                  ["Де", "Рядок", "Рік", "Чинна редакція", "Запропонована редакція", "Зміна"],
                  rows, {3, 4, 5}) if rows else \
        "<p>Таблиця 6.1 і загальний обсяг фінансування в паспорті не змінюються.</p>"
    return _section("3. Обсяги та джерела фінансування", body)


def indicators_section(c: Comparison) -> str:
    rows = []
    for r in c.indicators.itertuples():
        number_ = r.new_number if not pd.isna(r.new_number) else r.old_number
        what = FIELD_LABELS.get(r.field, r.field)
        if r.field == "value":
            what += f" за {'вихідні дані' if r.period == 'baseline' else r.period}"
        change = CHANGE_LABELS[r.change] + ("" if r.change in ("added", "removed")
                                            else f" {what}")
        if not pd.isna(r.delta):
            change += f": {_delta(r.delta)}"
        rows.append([esc(f"{GROUP_LABELS.get(r.group, r.group)} {number_}"), esc(r.name),
                     esc(r.old_text) or DASH, esc(r.new_text) or DASH, esc(change)])
    body = _table("Показники результативності", ["Показник", "Назва", "Чинна редакція",
                                                 "Запропонована редакція", "Зміна"], rows) \
        if rows else "<p>Показники додатка Б не змінюються.</p>"
    return _section("4. Показники результативності (додаток Б)", body)


def passport_section(c: Comparison) -> str:
    rows = [[esc("ключовий показник" if r.item == "target" else f"п. {r.item}"), esc(r.label),
             esc(r.old_text) or DASH, esc(r.new_text) or DASH, esc(CHANGE_LABELS[r.change])]
            for r in c.passport.itertuples()]
    body = _table("Паспорт Програми", ["Пункт", "Назва", "Чинна редакція",
                                       "Запропонована редакція", "Зміна"], rows) \
        if rows else "<p>Паспорт Програми не змінюється.</p>"
    return _section("5. Паспорт Програми", body)


def findings_section(c: Comparison) -> str:
    f = c.findings
    shown = f[f.status.isin(["fixed", "introduced", "changed"])]
    rows = [[esc(STATUS_LABELS[r.status]), esc(r.old_message) or DASH,
             esc(r.new_message) or DASH] for r in shown.itertuples()]
    kept = int((f.status == "kept").sum())
    note = (f"<p>Без змін {plural(kept, 'залишається', 'залишаються', 'залишаються')} ще "
            f"{kept} {plural(kept, 'невідповідність', 'невідповідності', 'невідповідностей')} "
            "(їх перелічено в аркуші «Невідповідності» файлу comparison.xlsx).</p>") \
        if kept else ""
    body = (_table("Невідповідності в тексті рішення", ["Стан", "У чинній редакції",
                                                         "У запропонованій редакції"], rows)
            if rows else "<p>Проєкт не усуває і не додає невідповідностей.</p>") + note
    return _section("6. Невідповідності, які проєкт усуває, залишає або додає", body)


def html_document(c: Comparison, css: str, note: str = "") -> str:
    body = "".join([title_block(c, note), totals_section(c), measures_section(c),
                    resources_section(c), indicators_section(c), passport_section(c),
                    findings_section(c)])
    return (f'<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">'
            f"<title>{esc(headline(c))}</title><style>{css}{COMPARE_CSS}</style></head>"
            f"<body>{body}</body></html>")


# ---------------------------------------------------------------- the frames for people


def labelled(c: Comparison, part: str) -> pd.DataFrame:
    """One part of the comparison with Ukrainian headers and words for its codes (the XLSX
    sheet and the notebook show this)."""
    frame = c.frames()[part]
    _, headers = SHEETS[part]
    shown = pd.DataFrame({headers[column]: [_value(part, column, v) for v in frame[column]]
                          for column in frame.columns})
    for column in frame.columns:  # keep numbers numeric (None → NaN) for the Styler
        if str(frame[column].dtype) == "Int64":
            shown[headers[column]] = pd.to_numeric(shown[headers[column]]).astype("Int64")
        elif frame[column].dtype.kind == "f":
            shown[headers[column]] = pd.to_numeric(shown[headers[column]], errors="coerce")
    return shown


# ---------------------------------------------------------------- XLSX


def workbook_bytes(c: Comparison) -> bytes:
    """Every part of the comparison as a sheet; text stays text (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from zhytomyr_kpi.tables.excel import cell_text, deterministic_bytes

    workbook = Workbook()
    about = workbook.active
    about.title = "Про порівняння"
    about.append(["Порівняльна таблиця змін до Програми"])
    about.append(["Програма", cell_text(c.new.title or c.old.title)])
    about.append(["Чинна редакція", cell_text(c.old.reference), c.old.path.name])
    about.append(["Запропонована редакція", cell_text(c.new.reference), c.new.path.name])
    for line in lines(c):
        about.append([cell_text(line)])
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 90
    for part, frame in c.frames().items():
        name, headers = SHEETS[part]
        sheet = workbook.create_sheet(name)
        sheet.append([headers[column] for column in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in frame.itertuples(index=False):
            sheet.append([_value(part, column, value)
                          for column, value in zip(frame.columns, row, strict=True)])
        # (the same values as :func:`labelled`, written cell by cell: None stays empty)
        for index, column in enumerate(frame.columns, start=1):
            wide = column.endswith("_text") or column in ("content", "label", "name",
                                                          "old_message", "new_message")
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = \
                50 if wide else 14
        sheet.freeze_panes = "A2"
    return deterministic_bytes(workbook)


def _value(part: str, column: str, value):
    from zhytomyr_kpi.tables.excel import cell_text

    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if column == "change":
        return CHANGE_LABELS.get(value, value)
    if column == "status":
        return STATUS_LABELS.get(value, value)
    if column == "field":
        return FIELD_LABELS.get(value, value)
    if column == "part":
        return PART_LABELS.get(value, value)
    if column == "key":  # a direction's number stays; a source of Table 6.1 is named
        from zhytomyr_kpi.document.vocabulary import SOURCE_LABELS

        return SOURCE_LABELS.get(value, value)
    if column == "check":  # the check's title, not its code
        from zhytomyr_kpi.checks.catalogue import CHECKS

        return next((title for code, title, _ in CHECKS if code == value), value)
    if column == "year" or column == "period":
        return {"total": "усього", "baseline": "вихідні дані"}.get(value, value)
    if hasattr(value, "item"):
        value = value.item()
    return cell_text(value) if isinstance(value, str) else value


# ---------------------------------------------------------------- the three files


def output_names(out_dir: Path) -> list[Path]:
    return [Path(out_dir) / f"{FILE_STEM}{suffix}" for suffix in (".xlsx", ".pdf", ".docx")]


def write_table(c: Comparison, out_dir: Path, note: str = "") -> list[Path]:
    """Write comparison.xlsx, .pdf and .docx into ``out_dir``, all or none
    (:func:`~zhytomyr_kpi.basics.safe_io.write_together`)."""
    from zhytomyr_kpi.basics.safe_io import write_together
    from zhytomyr_kpi.report.docx import html_to_docx
    from zhytomyr_kpi.report.pdf import html_to_pdf, report_css

    html = html_document(c, report_css(), note)
    files = {f"{FILE_STEM}.xlsx": workbook_bytes(c)}
    with tempfile.TemporaryDirectory(prefix="zhytomyr-kpi-compare-") as folder:
        pdf, docx = Path(folder) / f"{FILE_STEM}.pdf", Path(folder) / f"{FILE_STEM}.docx"
        html_to_pdf(html, pdf)
        html_to_docx(html, docx, headline(c))
        files[pdf.name], files[docx.name] = pdf.read_bytes(), docx.read_bytes()
    return write_together(files, Path(out_dir))
