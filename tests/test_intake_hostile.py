"""The intake against hostile or careless workbooks: each is built here and refused fast, with
one clear message naming what was refused (sheet and cell where there is one).

Nothing here is timed as a test of speed (that is ``make bench``); the bombs are small on disk
and would take minutes and gigabytes if anything parsed them, so a quick refusal is the proof.
"""

import io
import re
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi.actuals import package
from zhytomyr_kpi.cli import main

YEAR = "2019"
CULTURE = "Управління культури"


@pytest.fixture
def blank(program, tmp_path):
    """The whole-programme template for 2019 Q4, and the row of each measure."""
    path = tmp_path / "blank.xlsx"
    path.write_bytes(act.template_bytes(program, YEAR, 4))
    sheet = load_workbook(path)[act.SHEET_MEASURES]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value}
    return path, rows


def _edit(source, target, edit):
    book = load_workbook(source)
    edit(book)
    book.save(target)
    return target


def _rezip(source, target, replace=None, add=None, compression=zipfile.ZIP_DEFLATED):
    """Copy a package, replacing member contents (name → function of bytes) and adding some."""
    data = source.read_bytes() if hasattr(source, "read_bytes") else source
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(target, "w",
                                                                   compression) as new:
        for info in old.infolist():
            content = old.read(info.filename)
            if replace and info.filename in replace:
                content = replace[info.filename](content)
            new.writestr(info.filename, content)
        for name, content in (add or {}).items():
            new.writestr(name, content)
    return target


MEASURES_XML = "xl/worksheets/sheet2.xml"


def _refused(program, path, *words):
    with pytest.raises(act.ActualsError) as caught:
        act.check_workbook(program, path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    for word in words:
        assert word in message, message
    return message


# ---------------------------------------------------------------- size and shape before parsing


def test_decompression_bomb_is_refused_before_parsing(program, blank, tmp_path):
    path, _ = blank
    huge = b" " * (package.MAX_MEMBER_BYTES + 1)  # 16 MB of spaces: about 16 KB compressed
    bomb = _rezip(path, tmp_path / "bomb.xlsx",
                  replace={MEASURES_XML: lambda xml: xml.replace(b"<sheetData>",
                                                                 b"<sheetData>" + huge, 1)})
    assert bomb.stat().st_size < 200_000
    _refused(program, bomb, "zip-бомбу", MEASURES_XML)


def test_all_members_together_are_bounded(program, blank, tmp_path, monkeypatch):
    path, _ = blank
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 20_000)
    _refused(program, path, "розпаковується", "zip-бомбу")


def test_far_away_cell_is_refused_naming_sheet_and_cell(program, blank, tmp_path):
    path, _ = blank
    far = _rezip(path, tmp_path / "far.xlsx", replace={MEASURES_XML: lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="G1048576" t="n"><v>1</v></c></row>'
                         b"</sheetData>")})
    _refused(program, far, "Заходи!G1048576", "далеко за межами")


def test_far_away_merged_range_is_refused(program, blank, tmp_path):
    path, _ = blank
    merged = _rezip(path, tmp_path / "merged.xlsx", replace={MEASURES_XML: lambda xml: re.sub(
        rb"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A300:XFD1048576"/>'
                          b"</mergeCells>", xml, count=1)})
    _refused(program, merged, "Заходи!XFD1048576")


FAR_ROWS = [
    b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",  # single quotes
    b'<row r="&#49;048576"><c r="A&#49;048576"><v>1</v></c></row>',  # character references
    b'<row r = "1048576"><c r = "A1048576"><v>1</v></c></row>',  # spaces around «=»
    b'<row r="1_048_576"><c r="A1"><v>1</v></c></row>',  # Python-style digits openpyxl takes
    b'<row r="1.048576e6"><c><v>1</v></c></row>',  # a float openpyxl makes whole
]


@pytest.mark.parametrize("far", FAR_ROWS)
def test_far_away_rows_however_quoted_are_refused(program, blank, tmp_path, far):
    path, _ = blank
    evil = _rezip(path, tmp_path / "far.xlsx", replace={MEASURES_XML: lambda xml: xml.replace(
        b"</sheetData>", far + b"</sheetData>")})
    _refused(program, evil, "Заходи", "1048576", "далеко за межами")


@pytest.mark.parametrize("cell", [b"<c r='AA5'><v>1</v></c>", b'<c r="&#65;&#65;5"/>'])
def test_far_away_column_in_single_quotes_names_the_cell(program, blank, tmp_path, cell):
    path, _ = blank
    evil = _rezip(path, tmp_path / "far.xlsx", replace={MEASURES_XML: lambda xml: xml.replace(
        b"</sheetData>", b"<row r='1999'>" + cell + b"</row></sheetData>")})
    _refused(program, evil, "Заходи!AA5", "далеко за межами")


def test_cells_without_addresses_are_counted_past_the_limit(program, blank, tmp_path):
    path, _ = blank
    evil = _rezip(path, tmp_path / "far.xlsx", replace={MEASURES_XML: lambda xml: xml.replace(
        b"</sheetData>", b"<row r='1999'>" + b"<c><v>1</v></c>" * 27 + b"</row></sheetData>")})
    _refused(program, evil, "Заходи!AA1999", "далеко за межами")


def test_a_worksheet_renamed_to_bin_is_still_checked(program, blank, tmp_path):
    """The part is found through the workbook's relationships, not by its extension."""
    path, _ = blank
    renamed = "xl/worksheets/sheet2.bin"
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info.filename) for info in old.infolist()}
    parts[renamed] = parts.pop(MEASURES_XML).replace(
        b"</sheetData>", b"<row r='1048576'><c r='A1048576'><v>1</v></c></row></sheetData>")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"worksheets/sheet2.xml", b"worksheets/sheet2.bin")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"/xl/worksheets/sheet2.xml", b"/xl/worksheets/sheet2.bin")
    evil = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as new:
        for name, content in parts.items():
            new.writestr(name, content)
    assert b"worksheets/sheet2.bin" in parts["xl/_rels/workbook.xml.rels"]
    _refused(program, evil, "Заходи!A1048576", "далеко за межами")
    dtd = _rezip(evil, tmp_path / "dtd.xlsx", replace={renamed: lambda xml:
                 b"<!DOCTYPE x [<!ENTITY a \"b\">]>" + xml})
    _refused(program, dtd, "DOCTYPE", renamed)


def test_openpyxl_sizes_are_bounded_after_loading(program, blank, monkeypatch):
    """The second line of defence: a sheet larger than the limits after openpyxl loads it."""
    from zhytomyr_kpi.actuals import intake

    path, _ = blank
    monkeypatch.setattr(package, "MAX_ROWS", 10**6)  # the pre-parse check let it through
    monkeypatch.setattr(intake, "MAX_ROWS", 5)
    _refused(program, path, "завеликий", "рядків")


def test_too_many_cells(program, blank, tmp_path, monkeypatch):
    path, _ = blank
    monkeypatch.setattr(package, "MAX_CELLS", 50)
    _refused(program, path, "клітинок", "«Заходи»")


# ---------------------------------------------------------------- not a plain workbook


def test_macro_workbooks_are_refused(program, blank, tmp_path):
    path, _ = blank
    xlsm = tmp_path / "звіт.xlsm"
    xlsm.write_bytes(path.read_bytes())
    _refused(program, xlsm, "макросами", ".xlsm")
    hidden = _rezip(path, tmp_path / "hidden.xlsx", add={"xl/vbaProject.bin": b"\0" * 64})
    _refused(program, hidden, "макроси", "vbaProject.bin")
    typed = _rezip(path, tmp_path / "typed.xlsx", replace={"[Content_Types].xml": lambda xml:
               xml.replace(b"spreadsheetml.sheet.main+xml",
                           b"sheet.macroEnabled.main+xml")})
    _refused(program, typed, "macroEnabled")


CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def test_encrypted_and_old_xls_files_say_what_they_are(program, tmp_path):
    encrypted = tmp_path / "звіт.xlsx"
    encrypted.write_bytes(CFB + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64 +
                          "EncryptedPackage".encode("utf-16-le"))
    _refused(program, encrypted, "файл захищено паролем")
    old = tmp_path / "звіт.xls"
    old.write_bytes(CFB + "Workbook".encode("utf-16-le"))
    _refused(program, old, "97-2003", ".xls")


def test_empty_and_non_files(program, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _refused(program, empty, "не файл Excel", "порожній")
    _refused(program, tmp_path, "не звичайний файл")
    _refused(program, tmp_path / "absent.xlsx", "не знайдено")


@pytest.mark.parametrize("member", ["xl/workbook.xml", MEASURES_XML, "xl/styles.xml"])
def test_xml_attacks_name_what_was_refused(program, blank, tmp_path, member):
    path, _ = blank
    doctype = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')

    def attack(xml):
        return doctype + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)

    evil = _rezip(path, tmp_path / "xxe.xlsx", replace={member: attack})
    _refused(program, evil, "DOCTYPE/ENTITY", member, "XXE")


# ---------------------------------------------------------------- amounts


def _with_value(blank, tmp_path, value, measure="1.2", kind=None):
    path, rows = blank

    def put(book):
        cell = book[act.SHEET_MEASURES][f"E{rows[measure]}"]
        cell.value = value
        if kind:
            cell.data_type = kind

    return _edit(path, tmp_path / "filled.xlsx", put), f"Заходи!E{rows[measure]}"


BAD_TEXT = ["nan", "NaN", "inf", "Infinity", "-inf", "1e308", "1E3", "1_000", "١٢٣",
            "１２３", "12,5,1", "0x10", "ИСТИНА", "１ ０００", "10 %", "+5", "∞", "12 34",
            "1 2345", "1\u00a023", "1  000", "1 000,5 000", "1'000", "1.000.000", "1 234.567.8"]


@pytest.mark.parametrize("text", BAD_TEXT)
def test_amount_text_that_is_not_a_plain_decimal_is_an_error(program, blank, tmp_path, text):
    path, where = _with_value(blank, tmp_path, text, kind="s")
    errors = act.check_workbook(program, path).errors
    assert len(errors) == 1 and errors[0].startswith(f"{where}: очікується число"), errors


@pytest.mark.parametrize("value, words", [
    (True, "логічне значення"), (datetime(2019, 12, 31), "дату"),
    (1e308, "завелике"), (1_000_000_000, "завелике"), (-0.5, "отримано −0.5")])
def test_typed_cells_that_are_not_amounts(program, blank, tmp_path, value, words):
    path, where = _with_value(blank, tmp_path, value)
    errors = act.check_workbook(program, path).errors
    assert len(errors) == 1 and errors[0].startswith(where) and words in errors[0], errors


@pytest.mark.parametrize("raw", [b"nan", b"NaN", b"inf", b"-Infinity", b"1e999"])
def test_nan_and_inf_written_into_the_xml_name_the_cell(program, blank, tmp_path, raw):
    path, rows = blank
    cell = f"E{rows['1.2']}".encode()
    evil = _rezip(path, tmp_path / "nan.xlsx", replace={MEASURES_XML: lambda xml: re.sub(
        rb'<c r="' + cell + rb'"([^>]*?)(/>|>.*?</c>)',
        lambda m: b'<c r="' + cell + b'" t="n"><v>' + raw + b"</v></c>", xml, count=1,
        flags=re.DOTALL)})
    _refused(program, evil, f"Заходи!{cell.decode()}", "скінченне число")


@pytest.mark.parametrize("text, expected", [
    ("150,5", 150.5), ("1234,5", 1234.5), (" 1234.25 ", 1234.25), ("0", 0.0),
    ("1 234,5", 1234.5), ("1 000", 1000.0), ("1\u00a0295,3", 1295.3), ("1\u202f295.3", 1295.3),
    ("12 345 678,125", 12345678.125), ("\u00a0999 000\u00a0", 999000.0)])
def test_plain_decimals_are_taken(program, blank, tmp_path, text, expected):
    path, _ = _with_value(blank, tmp_path, text, measure="3.2.14", kind="s")
    check = act.check_workbook(program, path)
    assert check.errors == [] and check.measures[0]["actual_kuah"] == expected


@pytest.mark.parametrize("text, shown", [("12 34", '"12 34"'), ("12\u00a034", '"12·34"'),
                                         ("1\u202f2345,5", '"1·2345,5"')])
def test_wrong_thousands_groups_are_refused_showing_a_no_break_space(program, blank, tmp_path,
                                                                     text, shown):
    path, where = _with_value(blank, tmp_path, text, kind="s")
    errors = act.check_workbook(program, path).errors
    assert len(errors) == 1 and errors[0].startswith(f"{where}: "), errors
    assert "групами по три цифри" in errors[0] and shown in errors[0]
    assert "\u00a0" not in errors[0] and "\u202f" not in errors[0]
    assert ("нерозривний пробіл" in errors[0]) == ("·" in shown)


@pytest.mark.parametrize("value, number", [(datetime(2019, 5, 12), "12,5"),
                                           (datetime(2019, 1, 3), "3,1")])
def test_a_decimal_turned_into_a_date_names_the_number_to_type(program, blank, tmp_path,
                                                               value, number):
    path, where = _with_value(blank, tmp_path, value)
    errors = act.check_workbook(program, path).errors
    assert errors == [f"{where}: очікується число ≥ 0, отримано дату {value:%d.%m.%Y}: схоже, "
                      f"число перетворилося на дату; впишіть {number} з комою"]


def test_an_opendocument_file_is_told_how_to_save_as_excel(program, tmp_path):
    ods = tmp_path / "звіт.ods"
    with zipfile.ZipFile(ods, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", "<office:document-content/>")
    _refused(program, ods, "LibreOffice Calc (.ods)",
             "Файл → Зберегти як → Excel 2007-365 (.xlsx)")
    renamed = tmp_path / "звіт.xlsx"
    renamed.write_bytes(ods.read_bytes())
    _refused(program, renamed, "(.ods)")
    text = tmp_path / "лист.xlsx"
    with zipfile.ZipFile(text, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    _refused(program, text, "не електронна таблиця")


def test_a_formula_calling_out_is_refused_even_with_a_cached_value(program, blank, tmp_path):
    _, rows = blank
    filled, where = _with_value(blank, tmp_path, '=WEBSERVICE("http://example.com/x")')
    cell = f"E{rows['1.2']}".encode()
    cached = _rezip(filled, tmp_path / "cached.xlsx", replace={MEASURES_XML: lambda xml:
                    re.sub(rb'(<c r="' + cell + rb'"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>',
                           rb"\1<v>150</v>", xml)})
    errors = act.check_workbook(program, cached).errors
    assert len(errors) == 1 and errors[0].startswith(f"{where}: формула") and \
        "не приймається" in errors[0], errors


# ---------------------------------------------------------------- the service sheet


def _meta(blank, tmp_path, row, value, source=None):
    path, _ = blank

    def put(book):
        book[act.SHEET_META][f"B{row}"] = value

    return _edit(source or path, tmp_path / "meta.xlsx", put)


@pytest.mark.parametrize("row, value, words", [
    (2, True, "Службове!B2: невідомий квартал «True»"),
    (2, 5, "Службове!B2: невідомий квартал «5»"),
    (1, "2019", "Службове!B1: невідомий рік «2019»"),
    (3, 1, "Службове!B3: версія шаблону «1»"),
    (4, "0" * 64, "Службове!B4: шаблон зроблено з іншого тексту рішення"),
    (6, "Управління невідомих справ", "Службове!B6: невідомий виконавець")])
def test_a_changed_service_sheet_is_refused(program, blank, tmp_path, row, value, words):
    errors = act.check_workbook(program, _meta(blank, tmp_path, row, value)).errors
    assert errors and errors[0].startswith(words), errors


def test_the_service_sheet_names_its_cells_in_ukrainian_and_older_templates_still_pass(
        program, blank, tmp_path):
    from zhytomyr_kpi.actuals.template import META_KEYS, META_LABELS

    path, _ = blank
    sheet = load_workbook(path)[act.SHEET_META]
    assert [sheet.cell(n, 1).value for n in range(1, 7)] == [META_LABELS[k] for k in META_KEYS]
    assert all(not label.isascii() for label in META_LABELS.values())

    def old_keys(book):  # a template made before the labels: column A held the bare keys
        for number, key in enumerate(META_KEYS, start=1):
            book[act.SHEET_META].cell(number, 1).value = key

    assert act.check_workbook(program, _edit(path, tmp_path / "old.xlsx", old_keys)).errors == []

    def relabelled(book):
        book[act.SHEET_META]["A2"] = "Період"

    errors = act.check_workbook(program, _edit(path, tmp_path / "bad.xlsx", relabelled)).errors
    assert errors and errors[0].startswith("Службове!A2: службовий аркуш змінено: очікується "
                                           "«Квартал», отримано «Період»"), errors


def test_an_example_with_its_mark_cleared_is_not_a_report(program, tmp_path, blank):
    example = act.example_workbook(program, tmp_path / "example.xlsx", YEAR, 4)
    assert act.check_workbook(program, example).example
    errors = act.check_workbook(program, _meta(blank, tmp_path, 5, None, example)).errors
    assert errors and "Службове!B5" in errors[0] and "приклад" in errors[0], errors


def test_another_executors_measures_are_refused(program, tmp_path):
    """A department's workbook relabelled to another department does not fit its rows."""
    path = tmp_path / "culture.xlsx"
    path.write_bytes(act.template_bytes(program, YEAR, 4, executor=CULTURE))
    other = "Управління освіти"

    def relabel(book):
        book[act.SHEET_META]["B6"] = other

    errors = act.check_workbook(program, _edit(path, tmp_path / "x.xlsx", relabel)).errors
    assert errors and all(f"виконавця «{other}»" in e for e in errors), errors


def test_money_from_a_co_executor_is_an_error_naming_the_cell(program, tmp_path):
    rows = act.template_measures(program, YEAR, CULTURE)
    shared = next(r for r in rows if not r["input"] and r["comment"])
    path = tmp_path / "culture.xlsx"
    path.write_bytes(act.template_bytes(program, YEAR, 4, executor=CULTURE, values={
        "measures": {shared["measure_id"]: (10.0, "провели разом")}}))
    row = 2 + rows.index(shared)
    errors = act.check_workbook(program, path).errors
    assert errors == [f"Заходи!E{row}: кошти заходу {shared['measure_id']} звітує "
                      f"відповідальний виконавець «{shared['lead']}»; ви можете лише "
                      "прокоментувати (стовпець F)"]
    path.write_bytes(act.template_bytes(program, YEAR, 4, executor=CULTURE, values={
        "measures": {shared["measure_id"]: (None, "провели разом")}}))
    check = act.check_workbook(program, path)
    assert check.errors == [] and check.measures[0]["comment"] == "провели разом"


# ---------------------------------------------------------------- text stays text


def test_formula_like_comments_stay_text_everywhere(program, blank, tmp_path):
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.tables.build import build

    path, rows = blank
    texts = {"1.2": '=HYPERLINK("http://example.com","клік")', "1.3": "+1+1",
             "1.4": "@SUM(1+1)", "1.5": "-2+3+cmd|' /C calc'!A0"}

    def put(book):
        for measure, text in texts.items():
            sheet = book[act.SHEET_MEASURES]
            sheet[f"E{rows[measure]}"] = 1
            act.template.put_text(sheet[f"F{rows[measure]}"], text)

    filled = _edit(path, tmp_path / "f.xlsx", put)
    store = tmp_path / "store"
    assert act.ingest(program, filled, store).errors == []
    out = tmp_path / "out"
    build(load_program(actuals=store), out)
    import pandas as pd

    csv = pd.read_csv(out / "actuals.csv", dtype=str).set_index("measure_id").comment
    for measure, text in texts.items():
        assert csv[measure] == "'" + text  # a spreadsheet opening the CSV sees text
    book = load_workbook(out / "program.xlsx")
    sheet = book["Факт заходів"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)


def test_a_formula_in_a_comment_cell_is_an_error(program, blank, tmp_path):
    path, rows = blank

    def put(book):
        book[act.SHEET_MEASURES][f"F{rows['1.2']}"] = "=1+1"  # openpyxl: a formula

    errors = act.check_workbook(program, _edit(path, tmp_path / "f.xlsx", put)).errors
    assert errors == [f"Заходи!F{rows['1.2']}: у коментарі формула «=1+1»; впишіть текст"]


def test_template_texts_are_never_formulas(program):
    book = load_workbook(io.BytesIO(act.template_bytes(program, YEAR, 4)))
    kinds = {c.data_type for ws in book for row in ws.iter_rows() for c in row}
    assert "f" not in kinds


def test_cli_names_each_refused_file_and_goes_on(program, tmp_path, capsys):
    empty = tmp_path / "in" / "a-empty.xlsx"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    good = act.example_workbook(program, tmp_path / "in" / "b-example.xlsx", YEAR, 4)
    assert main(["ingest", str(tmp_path / "in"), "--store", str(tmp_path / "s")]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "a-empty.xlsx" in captured.err
    assert "Traceback" not in captured.err
    assert f"Прийнято {good.name}" in captured.out and "Прийнято 1 з 2\u00a0файлів" in captured.out


def test_a_chart_sheet_in_place_of_a_sheet(program, blank, tmp_path):
    from openpyxl.chart import BarChart

    path, _ = blank

    def swap(book):
        del book[act.SHEET_INDICATORS]
        book.create_chartsheet(act.SHEET_INDICATORS).add_chart(BarChart())

    errors = act.check_workbook(program, _edit(path, tmp_path / "c.xlsx", swap)).errors
    assert errors == ["Показники: це не аркуш з клітинками (діаграма?); використайте шаблон"]


def test_huge_numbers_and_array_formulas_are_shown_short(program, blank, tmp_path):
    path, _where = _with_value(blank, tmp_path, 1e308)
    errors = act.check_workbook(program, path).errors
    assert len(errors) == 1 and "…" in errors[0] and len(errors[0]) < 150, errors
    _, rows = blank
    cell = f"E{rows['1.2']}".encode()
    quoted = _rezip(path, tmp_path / "quoted.xlsx", replace={MEASURES_XML: lambda xml: re.sub(
        rb'<c r="' + cell + rb'"([^>]*?)(/>|>.*?</c>)',
        lambda m: b"<c r='" + cell + b"' t='n'><v>1e400</v></c>", xml, count=1,
        flags=re.DOTALL)})
    _refused(program, quoted, f"Заходи!{cell.decode()}", "скінченне число")
    array = _rezip(path, tmp_path / "array.xlsx", replace={MEASURES_XML: lambda xml: re.sub(
        rb'<c r="' + cell + rb'"([^>]*?)(/>|>.*?</c>)',
        lambda m: b'<c r="' + cell + b'"><f t="array" ref="' + cell +
        b'">WEBSERVICE("http://x")</f><v>5</v></c>', xml, count=1, flags=re.DOTALL)})
    errors = act.check_workbook(program, array).errors
    assert len(errors) == 1 and 'WEBSERVICE("http://x")' in errors[0], errors
    assert "object" not in errors[0] and "ArrayFormula" not in errors[0]


def test_a_store_in_data_raw_or_on_a_file_is_refused_before_the_lock(program, tmp_path,
                                                                      capsys):
    from zhytomyr_kpi.basics.paths import RAW_DIR

    good = act.example_workbook(program, tmp_path / "example.xlsx", YEAR, 4)
    lock = RAW_DIR / act.store.LOCK
    existed = lock.exists()
    assert main(["ingest", str(good), "--store", str(RAW_DIR)]) == 2
    assert lock.exists() == existed
    assert "data/raw/actuals/" in capsys.readouterr().err
    link = tmp_path / "link"
    link.symlink_to(good)
    assert main(["ingest", str(good), "--store", str(link)]) == 2
    err = capsys.readouterr().err
    assert "має бути текою" in err and "File exists" not in err and err.count("\n") == 1


def test_a_held_lock_is_said_then_given_up_by_name(program, tmp_path, capsys, monkeypatch):
    import fcntl

    good = act.example_workbook(program, tmp_path / "example.xlsx", YEAR, 4)
    store = tmp_path / "store"
    store.mkdir()
    monkeypatch.setattr(act.store, "LOCK_WAIT_SECONDS", 0.6)
    with open(store / act.store.LOCK, "a+b") as other:  # another ingest, stopped mid-way
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        assert main(["ingest", str(good), "--store", str(store)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "сховище зайняте іншим прийманням звітів; чекаю" in err[0]
    assert "понад 0.6 с" in err[1] and ".lock" in err[1] and "Traceback" not in err[1]
    assert sorted(p.name for p in store.iterdir()) == [act.store.LOCK]  # nothing stored
    assert main(["ingest", str(good), "--store", str(store)]) == 0  # released: it goes on
    assert "чекаю" not in capsys.readouterr().err


# ---------------------------------------------------------------- a store that cannot be falsified


@pytest.fixture
def stored(program, blank, tmp_path):
    """A store with one accepted whole-programme submission (1.2: 100)."""
    filled, _ = _with_value(blank, tmp_path, 100)
    store = tmp_path / "store"
    check = act.ingest(program, filled, store)
    assert not check.errors, check.errors
    return store, store / check.submission


def _refused_store(program, store, *words):
    with pytest.raises(act.ActualsError) as caught:
        act.read_store(program, store)
    message = str(caught.value)
    assert "\n" not in message and all(w in message for w in words), message
    return message


def _rewrite(sidecar_path, change):
    import json

    from zhytomyr_kpi.actuals.store import figures_digest

    sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
    change(sidecar)
    sidecar["figures_sha256"] = figures_digest(sidecar)  # the project's own function
    sidecar_path.write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")


def test_an_edited_figure_with_a_recomputed_digest_is_refused(program, stored):
    store, folder = stored
    assert act.read_store(program, store)[0][0]["actual_kuah"] == 100

    def falsify(sidecar):
        row = next(r for r in sidecar["measures"] if r["measure_id"] == "1.2")
        row["actual_kuah"] = 999999

    _rewrite(folder / "submission.json", falsify)
    _refused_store(program, store, "submission.json", "не збігається з книгою")


def test_a_copied_folder_is_refused_by_name(program, stored):
    import shutil

    store, folder = stored
    copy = store / folder.name.replace("0001", "0002", 1)
    shutil.copytree(folder, copy)
    _refused_store(program, store, "0002", "номер подання")  # the sidecar still says 0001

    def renumber(sidecar):
        sidecar["sequence"], sidecar["submission"] = 2, copy.name

    _rewrite(copy / "submission.json", renumber)
    _refused_store(program, store, "копія подання", folder.name)


def test_a_folder_renamed_to_another_executor_is_refused(program, stored):
    store, folder = stored
    folder.rename(store / f"0001 {YEAR}-Q4 {CULTURE}")
    _refused_store(program, store, "не відповідає опису подання")


def test_symlinks_and_unexpected_entries_are_refused_by_name(program, stored, tmp_path):
    store, folder = stored
    elsewhere = tmp_path / "elsewhere"
    folder.rename(elsewhere)
    (store / folder.name).symlink_to(elsewhere, target_is_directory=True)
    _refused_store(program, store, "symlink", folder.name)
    (store / folder.name).unlink()
    elsewhere.rename(folder)
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    _refused_store(program, store, "зайве", "notes.txt")
    (folder / "notes.txt").unlink()
    (store / ".hidden").mkdir()
    _refused_store(program, store, ".hidden")
    (store / ".hidden").rmdir()
    assert act.read_store(program, store)[0][0]["actual_kuah"] == 100  # sound again
