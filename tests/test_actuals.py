"""Executors' actual figures: template, validated import (every bad input), plan vs actual.

All workbooks here are built in temporary folders; nothing is written to data/raw/.
"""

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi import load_program
from zhytomyr_kpi.actuals import template as template_module
from zhytomyr_kpi.analysis.execution import actual_unit_costs, plan_vs_actual
from zhytomyr_kpi.cli import main

YEAR = "2019"
ACTUAL_1_2 = 150.5  # measure 1.2, plan 190,0 in 2019
ACTUAL_1_4 = 200.0  # measure 1.4, plan 190,0: over plan → a warning, not an error
ACTUAL_3_2_14 = 1200.0  # a «Бюджет участі» subproject (plan 1 500,0)
TRAININGS_COST = 300.0  # Annex B cost 1, plan 380,0
TRAININGS = 12  # Annex B output 1, plan 10


@pytest.fixture
def template(program, tmp_path):
    return act.write_template(program, tmp_path / "template.xlsx", YEAR, 4)


def _rows(sheet) -> dict:
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value}


def _fill(template, target, measures=None, indicators=None, edit=None):
    book = load_workbook(template)
    sheet, ind = book[act.SHEET_MEASURES], book[act.SHEET_INDICATORS]
    rows = _rows(sheet)
    for measure_id, value in (measures or {}).items():
        sheet[f"E{rows[measure_id]}"] = value
    ind_rows = {(r[0].value, r[1].value): r[0].row for r in ind.iter_rows(min_row=2)
                if r[0].value}
    for key, value in (indicators or {}).items():
        ind[f"F{ind_rows[key]}"] = value
    if edit:
        edit(book)
    book.save(target)
    return target


def test_template_round_trip(program, template, tmp_path):
    filled = _fill(template, tmp_path / "filled.xlsx",
                   {"1.2": ACTUAL_1_2, "1.4": ACTUAL_1_4, "3.2.14": ACTUAL_3_2_14},
                   {("затрати", 1): TRAININGS_COST, ("продукт", 1): TRAININGS})
    store = tmp_path / "store"
    check = act.ingest(program, filled, store)
    assert check.errors == []
    assert check.warnings == [f"Заходи!E{_rows(load_workbook(filled)['Заходи'])['1.4']}: факт "
                              "200 більший за план 190 (захід 1.4)"]  # numbers as in Ukrainian
    assert check.submission == "0001 2019-Q4 Зведений звіт (усі виконавці)"
    assert sorted(p.name for p in (store / check.submission).iterdir()) == [
        "submission.json", "workbook.xlsx"]
    assert (store / check.submission / "workbook.xlsx").read_bytes() == filled.read_bytes()
    reread = load_program(actuals=store)
    table = plan_vs_actual(reread, YEAR).set_index("measure_id")
    assert table.loc["1.2", "actual_kuah"] == ACTUAL_1_2
    assert table.loc["1.2", "deviation_kuah"] == pytest.approx(ACTUAL_1_2 - 190)
    assert table.loc["1.2", "execution_pct"] == pytest.approx(round(ACTUAL_1_2 / 190 * 100, 1))
    assert table.loc["3.2", "actual_kuah"] == ACTUAL_3_2_14  # the parent sums its parts
    assert pd_isna(table.loc["1.3", "actual_kuah"])  # not reported is not zero
    programme = plan_vs_actual(reread, YEAR, level="programme").iloc[0]
    assert programme.actual_kuah == pytest.approx(ACTUAL_1_2 + ACTUAL_1_4 + ACTUAL_3_2_14)
    costs = actual_unit_costs(reread, YEAR).set_index("indicator")
    assert costs.loc["efficiency-1", "computed"] == pytest.approx(TRAININGS_COST / TRAININGS)
    assert costs.loc["efficiency-1", "basis"] == "actual"


def pd_isna(value) -> bool:
    return value is None or value != value


def test_template_protects_plan_and_validates_input(program, template):
    book = load_workbook(template)
    sheet = book[act.SHEET_MEASURES]
    assert sheet.protection.sheet
    row = _rows(sheet)["1.2"]
    assert sheet[f"D{row}"].protection.locked and not sheet[f"E{row}"].protection.locked
    validations = sheet.data_validations.dataValidation
    assert validations and validations[0].type == "decimal" and validations[0].formula1 == "0"
    assert f"E{row}" in str(validations[0].sqref)
    parent = _rows(sheet)["3.2"]
    assert sheet[f"E{parent}"].protection.locked  # 3.2 is the sum of its parts
    assert book[act.SHEET_META].sheet_state == "hidden"
    assert sheet.column_dimensions["B"].width >= 40
    assert book[act.SHEET_INFO]["A1"].value.startswith("Звіт виконавця")


def _formula_with_cache(path, cell_value: str) -> None:
    """Give the formula in Заходи a cached value, as Excel would on saving."""
    data = path.read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                content = re.sub(rb"(<f>[^<]*</f>)<v\s*/?>(</v>)?", rb"\1<v>" +
                                 cell_value.encode() + b"</v>", content)
            target.writestr(info, content)
    path.write_bytes(out.getvalue())


def test_formula_with_a_cached_value_is_taken_never_evaluated(program, template, tmp_path):
    filled = _fill(template, tmp_path / "f.xlsx", {"1.2": "=100+50"})
    _formula_with_cache(filled, "140")  # deliberately not 150: the cache is what counts
    check = act.check_workbook(program, filled)
    assert check.errors == []
    assert check.measures[0]["actual_kuah"] == 140


BAD = {
    "text": ({"1.2": "сто"}, None, "Заходи!E{1.2}: очікується число ≥ 0 (цифри 0-9, десяткова "
                                   'кома), отримано "сто"'),
    "negative": ({"1.2": -5}, None, "Заходи!E{1.2}: очікується число ≥ 0, отримано −5"),
    "formula_without_cache": ({"1.2": "=1+1"}, None, "Заходи!E{1.2}: формула «=1+1» без"),
    "parent_filled": ({"3.2": 10}, None, "Заходи!E{3.2}: захід 3.2 — сума складових"),
    "indicator_text": ({}, {("продукт", 1): "десять"}, "Показники!F"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_cells_are_named_by_sheet_and_cell(program, template, tmp_path, case):
    measures, indicators, expected = BAD[case]
    filled = _fill(template, tmp_path / "bad.xlsx", measures, indicators)
    rows = _rows(load_workbook(filled)[act.SHEET_MEASURES])
    expected = re.sub(r"\{([\d.]+)\}", lambda m: str(rows[m.group(1)]), expected)
    check = act.ingest(program, filled, tmp_path / "store")
    assert any(e.startswith(expected) for e in check.errors), check.errors
    assert not (tmp_path / "store").exists()  # nothing stored


def test_all_errors_are_listed_at_once_and_nothing_is_stored(program, template, tmp_path,
                                                             capsys):
    def edit(book):
        sheet = book[act.SHEET_MEASURES]
        sheet.append(["9.9", "вигаданий захід", "", None, 5])
        sheet.append(["1.2", "повтор", "", 190, 1])

    filled = _fill(template, tmp_path / "bad.xlsx", {"1.2": "сто", "1.3": -1}, edit=edit)
    store = tmp_path / "store"
    assert main(["ingest", str(filled), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "помилок — 4" in err
    for words in ('отримано "сто"', "отримано −1", "невідомий № заходу «9.9»",
                  "№ заходу 1.2 повторюється"):
        assert words in err
    assert "Traceback" not in err and not store.exists()


def test_workbook_for_another_year_or_quarter(program, template, tmp_path):
    filled = _fill(template, tmp_path / "f.xlsx", {"1.2": 1})
    check = act.check_workbook(program, filled, year="2020")
    assert any("книга для 2019 року, а очікується 2020" in e for e in check.errors)
    check = act.check_workbook(program, filled, quarter=2)
    assert any("4 квартал 2019 року, а очікується 2 квартал" in e for e in check.errors)

    def relabel(book):  # a 2019 workbook whose service sheet was changed to 2018
        book[act.SHEET_META]["B1"] = 2018

    relabelled = _fill(template, tmp_path / "r.xlsx", {"1.2": 1}, edit=relabel)
    errors = act.check_workbook(program, relabelled).errors
    assert any("не збігається з планом" in e or "невідомий № заходу" in e for e in errors)


def test_missing_sheet_and_column(program, template, tmp_path):
    def drop_sheet(book):
        del book[act.SHEET_INDICATORS]

    errors = act.check_workbook(program, _fill(template, tmp_path / "a.xlsx",
                                               edit=drop_sheet)).errors
    assert errors == ["Показники: аркуша немає (використайте шаблон: zhytomyr-kpi template)"]

    def rename_column(book):
        book[act.SHEET_MEASURES]["E1"] = "Факт"

    errors = act.check_workbook(program, _fill(template, tmp_path / "b.xlsx",
                                               edit=rename_column)).errors
    assert errors[0].startswith("Заходи!E1: очікується стовпець")


def test_not_xlsx_and_too_large(program, tmp_path, monkeypatch, capsys):
    text = tmp_path / "report.xlsx"
    text.write_text("це текст", encoding="utf-8")
    with pytest.raises(act.ActualsError, match="не файл Excel"):
        act.check_workbook(program, text)
    assert main(["ingest", str(text), "--store", str(tmp_path / "s")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    from zhytomyr_kpi.actuals import package

    text.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    monkeypatch.setattr(package, "MAX_BYTES", 10)
    with pytest.raises(act.ActualsError, match="завеликий"):
        act.check_workbook(program, text)


def test_failed_store_write_leaves_the_store_as_it_was(program, template, tmp_path,
                                                       monkeypatch):
    store = tmp_path / "store"
    act.ingest(program, _fill(template, tmp_path / "a.xlsx", {"1.2": 1}), store)
    before = {p.name: p.read_bytes() for p in store.iterdir() if p.is_file()}

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    from zhytomyr_kpi.actuals import store as store_module

    monkeypatch.setattr(store_module.os, "rename", broken)
    with pytest.raises(OSError):
        act.ingest(program, _fill(template, tmp_path / "b.xlsx", {"1.2": 2}), store)
    assert {p.name: p.read_bytes() for p in store.iterdir() if p.is_file()} == before
    assert [p.name for p in store.iterdir() if p.is_dir()] == [
        "0001 2019-Q4 Зведений звіт (усі виконавці)"]  # no half-written second submission


def test_example_workbook_is_marked_and_flows_as_example(program, tmp_path):
    path = act.example_workbook(program, tmp_path / "example.xlsx", YEAR, 4)
    assert load_workbook(path)[act.SHEET_INFO]["A1"].value.startswith("ПРИКЛАД")
    store = tmp_path / "store"
    assert act.ingest(program, path, store).errors == []
    reread = load_program(actuals=store)
    assert reread.actuals.is_example.all() and len(reread.actuals) > 40


def test_template_command_and_unknown_year(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["template", "--year", "2020", "--out", str(out)]) == 0
    assert load_workbook(out)[act.SHEET_META]["B2"].value == "рік"
    assert main(["template", "--year", "2021", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "2018, 2019, 2020" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_template_opens_in_libreoffice(template, tmp_path):
    done = subprocess.run(["libreoffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                           "--headless", "--convert-to", "csv", "--outdir", str(tmp_path),
                           str(template)], capture_output=True, text=True, timeout=180,
                          check=False)  # a profile of its own: parallel runs do not clash
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "template.csv").exists()


def test_the_instructions_claim_only_what_the_intake_enforces(program, template, tmp_path):
    """Every rule the instruction sheet states about numbers, formulas and text is what
    read_number and read_comment do: the functions named are the ones allowed, the examples
    given as accepted are accepted, those given as refused are refused."""
    from zhytomyr_kpi.actuals import intake

    lines = [c.value or "" for (c,) in load_workbook(template)[act.SHEET_INFO].iter_rows(
        max_col=1)]
    numbers = next(line for line in lines if line.startswith("1. "))
    formulas = next(line for line in lines if line.startswith("6. "))
    named = set(re.findall(r"\b[A-Z]{3,}\b", formulas))
    from zhytomyr_kpi.actuals import cells

    assert named == cells._ALLOWED_FUNCTIONS
    accepted = re.findall(r"\((\d[\d ]*,\d+);", numbers)
    refused = re.findall(r"«([^»]+)»", formulas.split("Слова")[1])
    assert accepted == ["1 234,5"] and refused == ["сто"]
    assert "на дату (12.5 → 12 трав.), впишіть його з комою: 12,5" in formulas
    assert str(intake.MAX_COMMENT) in next(line for line in lines if line.startswith("2. "))
    values = {"1.2": accepted[0], "1.3": "1234.5", "1.4": refused[0]}
    filled = _fill(template, tmp_path / "claims.xlsx", values)
    rows = _rows(load_workbook(filled)[act.SHEET_MEASURES])
    check = act.check_workbook(program, filled)
    assert [r["actual_kuah"] for r in check.measures] == [1234.5, 1234.5]
    assert [e.split(":")[0] for e in check.errors] == [f"Заходи!E{rows['1.4']}"]


# ---------------------------------------------------------------- template v3: state and changes

QUALITY = {"1.2": (150.5, None, "виконано частково", "проведено 3 з 4 навчань", None, None),
           "1.3": (None, None, "Перенесено", None, "строк — 2020 рік", "рішення № 1234 від "
                   "12.09.2019"),
           "1.4": (None, None, None, "усе зроблено", "зміна змісту", None)}


def _fill_quality(template, target, values, edit=None):
    book = load_workbook(template)
    sheet = book[act.SHEET_MEASURES]
    rows = _rows(sheet)
    for measure_id, given in values.items():
        for column, value in zip("EFGHIJ", given, strict=True):
            if value is not None:
                sheet[f"{column}{rows[measure_id]}"] = value
    if edit:
        edit(book)
    book.save(target)
    return target, rows


def test_template_v3_has_state_and_change_columns(program, template):
    book = load_workbook(template)
    sheet = book[act.SHEET_MEASURES]
    assert book[act.SHEET_META]["B3"].value == act.TEMPLATE_VERSION == 3
    assert [c.value for c in sheet[1]] == list(act.MEASURE_HEADERS)
    assert [c.value for c in sheet[1]][6:10] == ["Стан виконання", "Що зроблено",
                                                 "Зміна заходу", "Обґрунтування зміни"]
    rows = _rows(sheet)
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == \
        '"виконано,виконано частково,не виконано,перенесено"'
    no_money = next(r["measure_id"] for r in act.template_measures(program, YEAR)
                    if r["plan"] is None and r["input"])
    for measure_id in ("1.2", no_money):  # a measure without money gets them too
        row = rows[measure_id]
        assert all(not sheet[f"{c}{row}"].protection.locked for c in "EFGHIJ")
        assert f"G{row}" in str(lists[0].sqref)
    parent = rows["3.2"]
    assert all(sheet[f"{c}{parent}"].protection.locked for c in "EFGHIJK")


def test_state_what_was_done_and_changes_reach_the_actuals_table(program, template, tmp_path):
    filled, rows = _fill_quality(template, tmp_path / "q.xlsx", QUALITY)
    store = tmp_path / "store"
    check = act.ingest(program, filled, store)
    assert check.errors == []
    assert check.warnings == [f"Заходи!J{rows['1.4']}: зміну заходу 1.4 зазначено без "
                              "обґрунтування; вкажіть підставу (рішення, лист)"]
    table = load_program(actuals=store).actuals.set_index("measure_id")
    assert table.loc["1.2", ["state", "state_note", "change", "change_ground"]].tolist() == [
        "виконано частково", "проведено 3 з 4 навчань", "", ""]
    assert table.loc["1.3", "state"] == "перенесено"  # the list's spelling
    assert table.loc["1.3", "change_ground"] == "рішення № 1234 від 12.09.2019"
    assert pd_isna(table.loc["1.3", "actual_kuah"]) and table.loc["1.4", "state"] == ""
    assert table.loc["1.4", "state_note"] == "усе зроблено"
    assert (table[["state", "state_note", "change", "change_ground"]] != "nan").all().all()


@pytest.mark.parametrize("state", ["готово", "виконано?", 1])
def test_a_state_not_from_the_list_is_an_error_naming_the_cell(program, template, tmp_path,
                                                               state):
    filled, rows = _fill_quality(template, tmp_path / "s.xlsx",
                                 {"1.2": (1, None, state, None, None, None)})
    errors = act.check_workbook(program, filled).errors
    assert errors == [f"Заходи!G{rows['1.2']}: стан «{state}» не з переліку; оберіть один: "
                      "виконано, виконано частково, не виконано, перенесено"]


def test_state_of_a_parent_or_a_co_executors_measure_is_refused(program, template, tmp_path):
    filled, rows = _fill_quality(template, tmp_path / "p.xlsx",
                                 {"3.2": (None, None, "виконано", None, None, None)})
    assert act.check_workbook(program, filled).errors == [
        f"Заходи!G{rows['3.2']}: захід 3.2 — сума складових — заповніть складові"]
    shared = next(r for r in act.template_measures(program, YEAR)
                  if len(r["departments"]) > 1 and r["comment"])
    other = next(d for d in shared["departments"] if d != shared["lead"])
    path = tmp_path / "co.xlsx"
    path.write_bytes(act.template_bytes(program, YEAR, 4, executor=other, values={
        "measures": {shared["measure_id"]: (None, "допомагали", None, "підготували зал")}}))
    row = _rows(load_workbook(path)[act.SHEET_MEASURES])[shared["measure_id"]]
    assert act.check_workbook(program, path).errors == [
        f"Заходи!H{row}: стан і зміни заходу {shared['measure_id']} звітує відповідальний "
        f"виконавець «{shared['lead']}»; ви можете лише прокоментувати (стовпець F)"]


def test_a_v2_workbook_is_still_accepted(program, template, tmp_path):
    def to_v2(book):
        sheet = book[act.SHEET_MEASURES]
        sheet.delete_cols(7, 4)
        book[act.SHEET_META]["B3"] = 2

    filled = _fill(template, tmp_path / "v2.xlsx", {"1.2": ACTUAL_1_2}, edit=to_v2)
    assert [c.value for c in load_workbook(filled)[act.SHEET_MEASURES][1]] == list(
        template_module.MEASURE_HEADERS_BY_VERSION[2])
    store = tmp_path / "store"
    check = act.ingest(program, filled, store)
    assert check.errors == [] and check.measures[0]["actual_kuah"] == ACTUAL_1_2
    assert check.measures[0]["state"] == ""
    assert load_program(actuals=store).actuals.state.tolist() == [""]

    def to_v1(book):
        book[act.SHEET_META]["B3"] = 1

    old = _fill(template, tmp_path / "v1.xlsx", edit=to_v1)
    assert act.check_workbook(program, old).errors[0].startswith(
        "Службове!B3: версія шаблону «1», а очікується 3")


def test_a_collective_body_with_nothing_to_fill_gets_no_workbook(program, tmp_path, capsys):
    body = "Виконавчі органи міської ради"
    assert body not in act.departments(program, YEAR)  # only 3.2, the sum of its parts
    assert body in act.departments(program, "2020")  # 3.2 without parts: its own money
    assert main(["template", "--year", YEAR, "--executor", body, "--out",
                 str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"«{body}» у {YEAR} році не має чого заповнювати: 3.2 — " \
        "сума складових" in err
    assert main(["template", "--year", YEAR, "--by-executor", "--out", str(tmp_path / "all")]) == 0
    assert not any(body in p.name for p in (tmp_path / "all").iterdir())


# ---------------------------------------------------------------- templates that print


def test_wrapped_lines_count_words_as_a_spreadsheet_wraps_them():
    lines = template_module.wrapped_lines
    assert lines("", 20) == 1 and lines("коротко", 20) == 1
    assert lines("один два три чотири", 10) == 3  # 9 characters a line: «один два», «три», …
    assert lines("а" * 25, 10) == 3  # a word longer than the line breaks anywhere (9+9+7)
    assert lines("рядок\nрядок", 40) == 2
    assert lines("Фактично з початку року, тис. грн", 15, bold=True) == 4


def test_templates_print_landscape_one_page_wide_with_the_header_on_every_page(program):
    path = act.template_bytes(program, YEAR, 2, executor="Управління культури")
    book = load_workbook(io.BytesIO(path))
    for name in (act.SHEET_INFO, act.SHEET_MEASURES, act.SHEET_INDICATORS):
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    for name in (act.SHEET_MEASURES, act.SHEET_INDICATORS):
        assert book[name].print_title_rows == "$1:$1"
    sheet = book[act.SHEET_MEASURES]
    for cell in sheet[1]:  # headers wrap whole, and the row is tall enough for them
        assert cell.alignment.wrap_text
    for row in sheet.iter_rows():
        need = max(template_module.wrapped_lines(
            c.value, sheet.column_dimensions[c.column_letter].width, bool(c.font.bold))
            for c in row if isinstance(c.value, str) and c.alignment.wrap_text)
        assert sheet.row_dimensions[row[0].row].height >= need * 15, row[0].coordinate
    assert max(sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1)) > 60
    rows = _rows(sheet)
    assert all(sheet[f"D{row}"].protection.locked for row in rows.values())  # plan locked
    assert sheet.protection.sheet
    info = book[act.SHEET_INFO]
    assert all(info.row_dimensions[c.row].height >= 15 * template_module.wrapped_lines(
        c.value, 100) for (c,) in info.iter_rows(max_col=1) if c.value)


# ---------------------------------------------------------------- a workbook LibreOffice saved


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not "
                    "installed: the round trip through it cannot be checked")
def test_a_template_filled_and_saved_by_libreoffice_is_accepted_with_its_figures(program,
                                                                                  tmp_path):
    """An executor may fill the workbook in LibreOffice Calc: the file it saves (its own
    package, styles, validations, the hidden sheet rewritten) is accepted, figure for figure."""
    culture = "Управління культури"
    own = [r for r in act.template_measures(program, YEAR, culture) if r["input"]]
    first, second, third = (r["measure_id"] for r in own[:3])
    source = tmp_path / "in" / act.template_file_name(YEAR, 2, culture)
    source.parent.mkdir()
    act.write_template(program, source, YEAR, 2, culture)
    book = load_workbook(source)
    sheet = book[act.SHEET_MEASURES]
    rows = _rows(sheet)
    sheet[f"E{rows[first]}"] = 1234.567
    sheet[f"E{rows[second]}"] = "1 234,5"  # typed as text, with a space between thousands
    template_module.put_text(sheet[f"F{rows[second]}"], "=не формула, а текст")  # as typed
    sheet[f"E{rows[third]}"] = 0
    sheet[f"G{rows[first]}"], sheet[f"H{rows[first]}"] = "виконано частково", "дві події з трьох"
    sheet[f"I{rows[third]}"], sheet[f"J{rows[third]}"] = "перенесено на 2020", "рішення № 7"
    book.save(source)
    out = tmp_path / "out"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=240, check=False)
    saved = out / source.name
    assert done.returncode == 0 and saved.exists(), done.stderr
    assert saved.read_bytes() != source.read_bytes()
    assert "LibreOffice" in zipfile.ZipFile(saved).read("docProps/app.xml").decode()
    check = act.ingest(program, saved, tmp_path / "store")
    assert check.errors == [] and (check.year, check.quarter, check.executor) == (YEAR, 2,
                                                                                   culture)
    got = {r["measure_id"]: r for r in check.measures}
    assert [got[m]["actual_kuah"] for m in (first, second, third)] == [1234.567, 1234.5, 0.0]
    assert got[second]["comment"] == "'=не формула, а текст"
    assert (got[first]["state"], got[first]["state_note"]) == ("виконано частково",
                                                               "дві події з трьох")
    assert (got[third]["change"], got[third]["change_ground"]) == ("перенесено на 2020",
                                                                   "рішення № 7")
