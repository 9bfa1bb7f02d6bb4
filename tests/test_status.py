"""The store with history, who has reported, the example set, and a round trip of per-executor
workbooks through template → ingest → build → plan vs actual.
"""

import json
import threading

import pandas as pd
import pytest
from openpyxl import load_workbook

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi import load_program
from zhytomyr_kpi.actuals import example, status
from zhytomyr_kpi.analysis.execution import plan_vs_actual
from zhytomyr_kpi.cli import main

YEAR = "2019"


@pytest.fixture(scope="session")
def example_set(program, tmp_path_factory):
    """The library's example set, built once through the real intake."""
    store = tmp_path_factory.mktemp("example") / "store"
    act.write_example_store(program, store)
    return store, load_program(actuals=store)


def _workbook(program, folder, executor, year=YEAR, quarter=4, measures=None, indicators=None):
    path = folder / act.template_file_name(year, quarter, executor)
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(act.template_bytes(program, year, quarter, executor=executor, values={
        "measures": measures or {}, "indicators": indicators or {}}))
    return path


def demo_program(store):
    return load_program(actuals=store)


def _own_money(program, executor, year=YEAR):
    return [r["measure_id"] for r in act.template_measures(program, year, executor)
            if r["input"]]


# ---------------------------------------------------------------- the example set (contract)


def test_example_covers_every_year_measure_and_indicator_but_one_executor(program, example_set):
    _, demo = example_set
    absent = example.missing_executor(program)
    assert demo.actuals.is_example.all() and demo.indicator_actuals.is_example.all()
    for year in program.years:
        table = plan_vs_actual(demo, year).set_index("measure_id")
        rows = act.template_measures(program, year)
        theirs = {r["measure_id"] for r in rows if r["lead"] == absent and r["input"]}
        reported = {r["measure_id"] for r in rows if r["input"] and r["lead"] != absent}
        assert theirs and reported
        assert table.loc[sorted(theirs), "actual_kuah"].isna().all()  # missing, never 0
        assert table.loc[sorted(reported), "actual_kuah"].notna().all()
        got = demo.indicator_actuals[demo.indicator_actuals.year == year]
        expected = {(r["group"], r["number"]) for r in act.template_indicators(program, year)}
        assert set(zip(got.group, got.number, strict=True)) == expected
        assert (table.execution_pct > 100).any() and (table.execution_pct < 80).any()
    comments = demo.actuals.comment[demo.actuals.comment != ""]
    assert len(comments) > 10 and comments.str.contains(act.EXAMPLE_MARK).all()


def test_example_is_deterministic(program, example_set):
    _, demo = example_set
    again = load_program(actuals=act.example_store(program))
    pd.testing.assert_frame_equal(demo.actuals, again.actuals)
    pd.testing.assert_frame_equal(demo.indicator_actuals, again.indicator_actuals)


def test_no_money_is_counted_twice(program, example_set):
    _, demo = example_set
    for year in program.years:
        reported = demo.actuals[demo.actuals.year == year].actual_kuah.sum()
        total = plan_vs_actual(demo, year, level="programme").actual_kuah.iloc[0]
        directions = plan_vs_actual(demo, year, level="direction").actual_kuah.sum()
        assert total == pytest.approx(reported) and directions == pytest.approx(reported)


def test_plan_vs_actual_carries_the_executors_comment(example_set):
    _, demo = example_set
    table = plan_vs_actual(demo, YEAR)
    over = table[table.execution_pct > 100]
    assert over.comment.str.contains("перевищення").any()
    assert {"comment", "executor"} <= set(table.columns)


# ---------------------------------------------------------------- status and history


def test_status_names_the_missing_executor_and_its_measures(program, example_set):
    _, demo = example_set
    absent = example.missing_executor(program)
    table = status.reporting_status(demo, YEAR).set_index("department")
    assert not table.loc[absent, "submitted"] and table.loc[absent, "file"] == ""
    assert table.loc[absent, "missing_measures"] == ", ".join(_own_money(program, absent))
    others = table.drop(index=absent)
    assert others.submitted.all() and (others.measures_missing == 0).all()
    assert (others.indicators_missing == 0).all()
    assert others.file.str.startswith(f"{YEAR}-Q4 ").all()
    view = status.status_view(table.reset_index())
    assert list(view.columns)[:3] == ["Виконавець", "Подано", "Файл"]


def test_status_command(program, example_set, capsys):
    store, _ = example_set
    absent = example.missing_executor(program)
    assert main(["status", "--year", YEAR, "--quarter", "4", "--store", str(store),
                 "--date", "2020-01-20"]) == 0
    out = capsys.readouterr().out
    table = status.reporting_status(demo_program(store), YEAR, 4)
    owing = int(table.owes.sum())  # a co-executor that only comments owes nothing
    assert 0 < owing < len(act.departments(program, YEAR))
    assert (f"за 4 квартал 2019 року: подали {owing - 1} з {owing}\u00a0виконавців, які мають "
            "звітувати") in out
    assert "Строк подання — до 10.01.2020" in out and "станом на 20.01.2020" in out
    assert f"- {absent}: НЕ ПОДАНО (прострочено 10 дн.); заходи без даних: " in out
    assert "ПРИКЛАДОВІ" in out
    assert main(["status", "--year", "2031", "--store", str(store)]) == 2


def test_an_executor_without_lines_of_its_own_is_not_told_all_data_are_there(program,
                                                                            tmp_path, capsys):
    # nobody has reported: a co-executor whose lines its lead reports has nothing to send
    table = status.reporting_status(program, YEAR, 4, tmp_path).set_index("department")
    co_executors = table[(table.measures == 0) & (table.indicators == 0)].index
    assert len(co_executors) > 0
    assert main(["status", "--year", YEAR, "--quarter", "4", "--store", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "усі дані є" not in out
    for name in co_executors:
        assert f"- {name}: звіт не обов'язковий (власних рядків немає)\n" in out


def test_a_correction_is_kept_with_its_predecessor(program, example_set):
    store, demo = example_set
    rows = act.history(demo, store)
    corrected = [r for r in rows if r["previous"]]
    assert len(corrected) == 1 and corrected[0]["changes"] == 1
    older = next(r for r in rows if r["submission"] == corrected[0]["previous"])
    assert not older["current"] and corrected[0]["current"]
    assert (store / older["submission"] / "workbook.xlsx").exists()  # never deleted
    sidecar = json.loads((store / corrected[0]["submission"] / "submission.json").read_text())
    change = sidecar["changes"][0]
    measure = change["what"].removeprefix("захід ")
    year = corrected[0]["year"]
    current = demo.actuals.set_index(["measure_id", "year"]).actual_kuah
    assert current[(measure, year)] == change["new"] != change["old"]


# ---------------------------------------------------------------- the store


def test_concurrent_ingests_keep_every_one(program, tmp_path):
    culture = "Управління культури"
    measure = _own_money(program, culture)[0]
    files = [_workbook(program, tmp_path / str(n), culture, measures={measure: (float(n), None)})
             for n in range(1, 5)]
    store = tmp_path / "store"
    results = []
    threads = [threading.Thread(target=lambda p=p: results.append(act.ingest(program, p, store)))
               for p in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = sorted(p.name for p in store.iterdir() if not p.name.startswith("."))
    assert [name[:5] for name in stored] == ["0001 ", "0002 ", "0003 ", "0004 "]
    assert sorted(r.submission for r in results) == stored
    last = next(r for r in results if r.submission == stored[-1])
    assert act.ingest(program, last.path, store).duplicate_of == stored[-1]  # sent again: once


def test_an_empty_submission_needs_replace(program, tmp_path, capsys):
    culture = "Управління культури"
    measure = _own_money(program, culture)[0]
    filled = _workbook(program, tmp_path / "a", culture, measures={measure: (5.0, None)})
    empty = _workbook(program, tmp_path / "b", culture)
    store = tmp_path / "store"
    assert main(["ingest", str(filled), "--store", str(store)]) == 0
    assert main(["ingest", str(empty), "--store", str(store)]) == 2
    assert "порожній звіт не замінює поданий" in capsys.readouterr().err
    assert load_program(actuals=store).actuals.actual_kuah.tolist() == [5.0]
    assert main(["ingest", str(empty), "--store", str(store), "--replace"]) == 0
    assert load_program(actuals=store).actuals.empty
    assert len([p for p in store.iterdir() if not p.name.startswith(".")]) == 2


def test_an_empty_workbook_is_said_to_be_empty(program, tmp_path, capsys):
    empty = _workbook(program, tmp_path / "a", "Управління культури")
    assert main(["ingest", str(empty), "--store", str(tmp_path / "store")]) == 0
    out = capsys.readouterr().out
    assert f"{empty.name}: попередження: книга порожня: не заповнено жодної суми" in out
    assert "як порожнє подання «0001 2019-Q4 Управління культури»" in out
    assert "заходів — 0" not in out
    commented = _workbook(program, tmp_path / "b", "Управління культури", measures={
        _own_money(program, "Управління культури")[0]: (None, "роботи тривають")})
    assert not any("порожня" in w for w in act.ingest(program, commented,
                                                       tmp_path / "other").warnings)


def test_a_resubmission_prints_what_it_changes(program, tmp_path, capsys):
    culture = "Управління культури"
    first, second = _own_money(program, culture)[:2]
    store = tmp_path / "store"
    before = _workbook(program, tmp_path / "a", culture, measures={first: (90.0, None),
                                                                  second: (7.0, None)})
    after = _workbook(program, tmp_path / "b", culture, measures={first: (95.5, None),
                                                                 second: (7.0, "звірено")})
    same = _workbook(program, tmp_path / "c", culture, measures={first: (95.5, "ще раз"),
                                                                second: (7.0, None)})
    assert main(["ingest", str(before), "--store", str(store)]) == 0
    assert "замінює" not in capsys.readouterr().out
    assert main(["ingest", str(after), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert (f"{after.name}: замінює подання «0001 2019-Q4 {culture}»: захід {first}: 90 → "
            "95,5\n") in out
    assert main(["ingest", str(same), "--store", str(store)]) == 0
    assert (f"замінює подання «0002 2019-Q4 {culture}»: суми і значення показників ті самі"
            in capsys.readouterr().out)
    assert act.history(program, store)[1]["changed"] == f"захід {first}: 90 → 95,5"


def test_a_workbook_for_an_earlier_quarter_is_named_as_such(program, tmp_path, capsys):
    culture = "Управління культури"
    measure = _own_money(program, culture)[0]
    store = tmp_path / "store"
    fourth = _workbook(program, tmp_path / "a", culture, quarter=4,
                       measures={measure: (50.0, None)})
    second = _workbook(program, tmp_path / "b", culture, quarter=2,
                       measures={measure: (20.0, None)})
    third = _workbook(program, tmp_path / "c", "Департамент освіти", quarter=2)
    assert main(["ingest", str(fourth), "--store", str(store)]) == 0
    assert main(["ingest", str(second), str(third), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert (f"{second.name}: попередження: подання за 2 квартал 2019 року, хоча вже є подання "
            f"за 4 квартал 2019 року (подання «0001 2019-Q4 {culture}»); прийнято як звіт за "
            "2 квартал 2019 року, даних за 4 квартал 2019 року воно не змінює") in out
    assert out.count("хоча вже є подання") == 1  # another department's Q2 is not earlier
    table = load_program(actuals=store).actuals.set_index("quarter")
    assert table.loc[4, "actual_kuah"] == 50.0 and table.loc[2, "actual_kuah"] == 20.0


def test_cumulative_figures_falling_is_a_warning_naming_both_files(program, tmp_path):
    culture = "Управління культури"
    measure = _own_money(program, culture)[0]
    store = tmp_path / "store"
    q2 = _workbook(program, tmp_path / "a", culture, quarter=2, measures={measure: (50.0, None)})
    q3 = _workbook(program, tmp_path / "b", culture, quarter=3, measures={measure: (40.0, None)})
    assert act.ingest(program, q2, store).warnings == []
    warnings = act.ingest(program, q3, store).warnings
    assert len(warnings) == 1 and f"захід {measure}" in warnings[0]
    assert q2.name in warnings[0] and q3.name in warnings[0] and "3 квартал (40)" in warnings[0]


@pytest.mark.parametrize("damage, words", [
    ("stray", "незнайомий файл"), ("zero", "незнайомий файл"), ("edited", "змінено після"),
    ("nan", "не JSON"), ("other_source", "іншого тексту рішення"), ("no_sidecar", "немає")])
def test_a_damaged_store_is_one_line_naming_the_file(program, tmp_path, capsys, damage, words):
    culture = "Управління культури"
    store = tmp_path / "store"
    check = act.ingest(program, _workbook(program, tmp_path / "a", culture,
                                          measures={_own_money(program, culture)[0]:
                                                    (5.0, None)}), store)
    folder = store / check.submission
    sidecar = folder / "submission.json"
    data = json.loads(sidecar.read_text())
    if damage == "stray":
        (store / "actuals_2019_q4.xlsx").write_bytes(b"PK")
    elif damage == "zero":
        (store / "notes.txt").write_bytes(b"")
    elif damage == "edited":
        (folder / "workbook.xlsx").write_bytes(b"changed")
    elif damage == "nan":
        sidecar.write_text(sidecar.read_text().replace('"actual_kuah": 5.0',
                                                       '"actual_kuah": NaN'))
    elif damage == "other_source":
        data["source_sha256"] = "0" * 64
        sidecar.write_text(json.dumps(data))
    else:
        sidecar.unlink()
    assert main(["status", "--year", YEAR, "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err
    with pytest.raises(act.ActualsError, match=words):
        load_program(actuals=store).actuals  # noqa: B018 - the build reads it like this


# ---------------------------------------------------------------- the round trip


def test_per_executor_round_trip(program, tmp_path, capsys):
    """template --by-executor → executors fill their files → ingest DIR → build → plan vs actual."""
    folder = tmp_path / "templates"
    assert main(["template", "--year", YEAR, "--quarter", "4", "--by-executor",
                 "--out", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == len(act.departments(program, YEAR))
    assert "2019-Q4 Управління культури.xlsx" in names
    amounts = {}
    for path in folder.iterdir():
        book = load_workbook(path)
        executor = book[act.SHEET_META]["B6"].value
        sheet = book[act.SHEET_MEASURES]
        for row in sheet.iter_rows(min_row=2):
            if not row[4].protection.locked:  # the yellow money cells only
                amounts[row[0].value] = amounts.get(row[0].value, 0) + 10.0
                row[4].value = 10.0
                row[5].value = f"звітує {executor}"
        for row in book[act.SHEET_INDICATORS].iter_rows(min_row=2):
            row[5].value = 1
        book.save(path)
    assert max(amounts.values()) == 10.0  # every measure's money is in exactly one workbook
    store = tmp_path / "store"
    assert main(["ingest", str(folder), "--store", str(store)]) == 0
    from zhytomyr_kpi.tables.build import build

    reread = load_program(actuals=store)
    build(reread, tmp_path / "out")
    csv = pd.read_csv(tmp_path / "out" / "actuals.csv", dtype={"measure_id": str})
    table = plan_vs_actual(reread, YEAR).set_index("measure_id")
    money = [r["measure_id"] for r in act.template_measures(program, YEAR) if r["input"]]
    assert (table.loc[money, "actual_kuah"] == 10.0).all()
    assert sorted(csv.measure_id) == sorted(money) and (csv.actual_kuah == 10.0).all()
    assert (csv.comment.str.startswith("звітує ")).all()
    status_table = status.reporting_status(reread, YEAR, 4)
    assert status_table.submitted.all() and (status_table.measures_missing == 0).all()


def test_build_and_report_stop_with_one_line_on_a_damaged_default_store(tmp_path, capsys,
                                                                         monkeypatch):
    """data/raw/actuals/ with a zero-byte file: build and report exit 2 naming that file."""
    from zhytomyr_kpi.actuals import store as store_module

    store = tmp_path / "actuals"
    store.mkdir()
    (store / "звіт.xlsx").write_bytes(b"")
    monkeypatch.setattr(act, "ACTUALS_DIR", store)
    monkeypatch.setattr(store_module, "ACTUALS_DIR", store)
    for argv in (["build", "--out", str(tmp_path / "out")],
                 ["report", "--year", YEAR, "--out", str(tmp_path / "reports")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "звіт.xlsx" in err and "незнайомий файл" in err
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists() and not list((tmp_path).glob("reports/*.pdf"))


def test_template_for_one_executor_by_any_spelling(program, tmp_path, capsys):
    out = tmp_path / "one.xlsx"
    assert main(["template", "--year", YEAR, "--executor",
                 "Управління по зв'язках із громадськістю", "--out", str(out)]) == 0
    book = load_workbook(out)
    assert book[act.SHEET_META]["B6"].value == "Управління по зв'язках з громадськістю"
    assert main(["template", "--year", YEAR, "--executor", "Відділ вигаданих справ",
                 "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "не виконує заходів" in capsys.readouterr().err


def test_actual_unit_costs_for_people_have_no_codes(example_set):
    from zhytomyr_kpi.analysis.efficiency import RESULT_LABELS
    from zhytomyr_kpi.analysis.execution import actual_unit_costs_table

    _, demo = example_set
    table = actual_unit_costs_table(demo, YEAR)
    assert len(table) and set(table["Результат"]) <= set(RESULT_LABELS.values())
    assert table["Фактичний продукт"].notna().sum() >= 5


def test_a_submission_still_being_staged_is_not_read(program, example_set, tmp_path):
    """A kill between staging and the rename leaves a hidden folder: the store ignores it."""
    import shutil

    store, demo = example_set
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    staged = copy / ".incoming-killed"
    staged.mkdir()
    (staged / "workbook.xlsx").write_bytes(b"half")
    again = load_program(actuals=copy)
    pd.testing.assert_frame_equal(again.actuals, demo.actuals)


def test_a_partial_resubmission_needs_replace_and_names_what_it_clears(program, tmp_path,
                                                                       capsys):
    culture = "Управління культури"
    first, second = _own_money(program, culture)[:2]
    both = _workbook(program, tmp_path / "a", culture, quarter=2,
                     measures={first: (5.0, None), second: (7.0, None)})
    one = _workbook(program, tmp_path / "b", culture, quarter=2,
                    measures={first: (6.0, None)})
    store = tmp_path / "store"
    assert main(["ingest", str(both), "--store", str(store)]) == 0
    assert main(["ingest", str(one), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert f"захід {second}" in err and f"захід {first}" not in err
    assert err.count("\n") == 1  # one error: one line
    line = next(x for x in err.splitlines() if "частковий звіт" in x)
    assert line.count(one.name) == 1  # the file named once, the previous file by its name
    assert line.startswith(f"zhytomyr-kpi: {one.name}: у файлі порожні значення, які має "
                           "подання «0001 2019-Q2 Управління культури» (отримано ")
    assert line.endswith("; нічого не збережено")
    assert "виконавцю — заповнити ці дані" in line and "Робоча група приймає файл з ключем " \
        "--replace" in line and "(заповніть" not in line
    assert sorted(load_program(actuals=store).actuals.actual_kuah) == [5.0, 7.0]
    assert main(["ingest", str(one), "--store", str(store), "--replace"]) == 0
    assert load_program(actuals=store).actuals.actual_kuah.tolist() == [6.0]


def test_an_edited_figure_in_a_sidecar_is_one_line(program, tmp_path, capsys):
    culture = "Управління культури"
    store = tmp_path / "store"
    check = act.ingest(program, _workbook(program, tmp_path / "a", culture,
                                          measures={_own_money(program, culture)[0]:
                                                    (5.0, None)}), store)
    sidecar = store / check.submission / "submission.json"
    sidecar.write_text(sidecar.read_text().replace('"actual_kuah": 5.0',
                                                   '"actual_kuah": 500.0'))
    assert main(["status", "--year", YEAR, "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "submission.json" in err and "змінено" in err


def test_a_department_workbook_with_its_executor_cleared_is_refused(program, tmp_path):
    from openpyxl import load_workbook

    culture = "Управління культури"
    path = _workbook(program, tmp_path / "a", culture,
                     measures={_own_money(program, culture)[0]: (5.0, None)})
    book = load_workbook(path)
    book[act.SHEET_META]["B6"] = None
    book.save(path)
    errors = act.check_workbook(program, path).errors
    assert len(errors) == 2 and all(e.startswith("Службове!B6: зведена книга") for e in errors)
    assert "бракує заходів" in errors[0] and "бракує показників" in errors[1]


def test_a_consolidated_workbook_never_overrides_a_lead(program, tmp_path):
    culture = "Управління культури"
    measure, other = _own_money(program, culture)[:2]
    store = tmp_path / "store"
    lead = _workbook(program, tmp_path / "a", culture, measures={measure: (5.0, None)})
    assert act.ingest(program, lead, store).errors == []
    whole = _workbook(program, tmp_path / "b", None, measures={measure: (9.0, None)})
    errors = act.ingest(program, whole, store).errors
    assert len(errors) == 1 and f"захід {measure}" in errors[0], errors
    assert lead.name in errors[0] and whole.name in errors[0]
    agreeing = _workbook(program, tmp_path / "c", None,
                         measures={measure: (5.0, None), other: (3.0, None)})
    assert act.ingest(program, agreeing, store).errors == []
    table = load_program(actuals=store).actuals.set_index("measure_id")
    assert table.actual_kuah[measure] == 5.0 and table.executor[measure] == culture
    assert table.actual_kuah[other] == 3.0


# ---------------------------------------------------------------- the year: annual, else IV quarter


def _three_departments(program):
    names = [d for d in act.departments(program, YEAR) if _own_money(program, d)]
    return names[:3]


def test_the_year_takes_each_items_annual_figure_else_its_fourth_quarters(program, tmp_path):
    first, second, third = _three_departments(program)
    m1, m2, m3 = (_own_money(program, d)[0] for d in (first, second, third))
    store = tmp_path / "store"
    for name, measure, value in ((first, m1, 5.0), (second, m2, 7.0)):
        path = _workbook(program, tmp_path / name[:10], name, measures={measure: (value, None)})
        assert act.ingest(program, path, store).errors == []
    whole = _workbook(program, tmp_path / "whole", None, quarter=None,
                      measures={m1: (5.0, None), m3: (3.0, None)})
    assert act.ingest(program, whole, store).errors == []
    table = plan_vs_actual(load_program(actuals=store), YEAR).set_index("measure_id")
    assert table.actual_kuah[m1] == 5.0 and table.executor[m1] == first
    assert table.actual_kuah[m2] == 7.0 and table.executor[m2] == second
    assert table.actual_kuah[m3] == 3.0
    rows = status.reporting_status(load_program(actuals=store), YEAR,
                                   store=store).set_index("department")
    assert pd.isna(rows.quarter[first])  # the year's status
    for name in (first, second):
        assert rows.submitted[name] and rows.reported_for[name] == "4 квартал 2019 року", name
    text = status.console(load_program(actuals=store), YEAR, store=store)
    assert f"{first}: " in text and "за 2019 рік — звіт за 4 квартал 2019 року" in text
    # the IV quarter's status counts the consolidated annual report as its own
    fourth = status.reporting_status(load_program(actuals=store), YEAR, 4,
                                     store=store).set_index("department")
    assert fourth.submitted[act.WHOLE_PROGRAMME]
    assert fourth.reported_for[act.WHOLE_PROGRAMME] == "2019 рік"
    assert fourth.reported_for[first] == ""


def _fourth_and_annual(program, tmp_path, annual_by, fourth=5.0, annual=5.0):
    """A lead's IV-quarter workbook and an annual one (by ``annual_by``: the lead, or None
    for the consolidated book) for the lead's first measure: (lead, measure, q4, year)."""
    lead = _three_departments(program)[0]
    measure = _own_money(program, lead)[0]
    q4 = _workbook(program, tmp_path / "a", lead, measures={measure: (fourth, None)})
    year = _workbook(program, tmp_path / "b", lead if annual_by == "lead" else None,
                     quarter=None, measures={measure: (annual, None)})
    return lead, measure, q4, year


def test_a_consolidated_annual_figure_against_a_leads_fourth_quarter_is_refused(program,
                                                                                tmp_path):
    store = tmp_path / "store"
    _, _, lead, whole = _fourth_and_annual(program, tmp_path, None, annual=9.0)
    assert act.ingest(program, lead, store).errors == []
    errors = act.ingest(program, whole, store).errors
    assert len(errors) == 1 and "подав за 4 квартал 2019 року 5" in errors[0], errors
    assert lead.name in errors[0] and whole.name in errors[0]


def test_the_status_as_of_an_earlier_day_does_not_count_a_later_submission(program, tmp_path,
                                                                          capsys):
    from datetime import UTC, date, datetime

    first = _three_departments(program)[0]
    measure = _own_money(program, first)[0]
    store = tmp_path / "store"
    path = _workbook(program, tmp_path / "a", first, measures={measure: (5.0, None)})
    received = datetime(2020, 1, 20, 9, 0, tzinfo=UTC)
    assert act.ingest(program, path, store, received=received).errors == []
    before = status.reporting_status(load_program(actuals=store), YEAR, 4, store,
                                     on=date(2020, 1, 19)).set_index("department")
    after = status.reporting_status(load_program(actuals=store), YEAR, 4, store,
                                    on=date(2020, 1, 20)).set_index("department")
    assert not before.submitted[first] and measure in before.missing_measures[first]
    assert after.submitted[first] and measure not in after.missing_measures[first]


def test_an_annual_figure_below_the_fourth_quarters_is_a_warning(program, tmp_path):
    culture = "Управління культури"
    measure = _own_money(program, culture)[0]
    store = tmp_path / "store"
    q4 = _workbook(program, tmp_path / "a", culture, measures={measure: (160.4, None)})
    year = _workbook(program, tmp_path / "b", culture, quarter=None,
                     measures={measure: (100.0, None)})
    assert act.ingest(program, q4, store).warnings == []
    warnings = act.ingest(program, year, store).warnings
    assert len(warnings) == 1 and f"захід {measure}" in warnings[0], warnings
    assert "річний звіт (100) менший за 4 квартал (160,4)" in warnings[0]


def test_an_annual_report_after_an_on_time_fourth_quarters_keeps_it_on_time(program,
                                                                             tmp_path):
    from datetime import UTC, date, datetime

    store = tmp_path / "store"
    first, _, q4, year = _fourth_and_annual(program, tmp_path, "lead")
    act.ingest(program, q4, store, received=datetime(2020, 1, 8, 9, tzinfo=UTC))
    act.ingest(program, year, store, received=datetime(2020, 1, 20, 9, tzinfo=UTC))
    rows = status.reporting_status(load_program(actuals=store), YEAR, store=store,
                                   on=date(2020, 2, 1)).set_index("department")
    assert rows.verdict[first] == "on_time", rows.verdict_text[first]
    assert rows.file[first] == year.name  # the figures are the annual report's


def test_a_measure_without_a_readable_plan_is_reported_by_its_state_in_the_report(program,
                                                                                 tmp_path):
    """3.5's money is «0,0 0,0 0,0» (merged rows): the executor's state is its report, in
    the status and in the report alike — no «звіти про виконання заходів 3.5» asked for."""
    from zhytomyr_kpi.actuals.template import WORK_STATES
    from zhytomyr_kpi.report import execution, period
    from zhytomyr_kpi.report.settings import load_settings

    lead = next(r["lead"] for r in act.template_measures(program, YEAR)
                if r["measure_id"] == "3.5")
    store = tmp_path / "store"
    path = _workbook(program, tmp_path / "a", lead, quarter=None,
                     measures={"3.5": (None, None, WORK_STATES[0])})
    assert act.ingest(program, path, store).errors == []
    demo = load_program(actuals=store)
    rows = status.reporting_status(demo, YEAR, store=store).set_index("department")
    assert "3.5" not in rows.missing_measures[lead]
    lines = execution.measure_lines(demo, period(YEAR, demo.years), load_settings())
    line = next(x for x in lines if x.measure_id == "3.5")
    assert line.state == execution.NO_MONEY and execution.accounted(line)
    total = execution.subtotal(lines, "")
    assert total.reported == 1 + sum(x.actual is not None for x in lines if x.counts_in_total)
