"""Executors of any programme, named without a hand-made alias list (issue 19 item 5, issue 24
item 7): «і»/«та» inside one name, «(розпорядник коштів)», the council's suffix folded, and
NFC / whitespace / apostrophe folding in the templates, the intake and the status."""

from __future__ import annotations

import unicodedata

import pytest
from openpyxl import load_workbook
from synthetic import programme

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi import load_program
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.document.executors import (
    department_key,
    department_names,
    match_department,
    parse_executors,
    same_department,
)

#: No. 1685's departments as the alias list names them (must not change: issue 19, item 5).
DEPARTMENTS_1685 = [
    "Виконавчий комітет міської ради", "Виконавчі органи міської ради",
    "Відділ господарського забезпечення міської ради",
    "Відділ кадрів та з питань служби в органах місцевого самоврядування",
    "Відділ організаційного забезпечення депутатської діяльності",
    "Відділ по управлінню та приватизації комунального майна міської ради",
    "Департамент бюджету та фінансів", "Департамент містобудування та земельних відносин",
    "Департамент освіти", "Планово-фінансовий відділ", "Управління житлового господарства",
    "Управління з питань надзвичайних ситуацій та цивільного захисту населення",
    "Управління з розвитку села Вереси", "Управління звернень та діловодства",
    "Управління капітального будівництва", "Управління комунального господарства",
    "Управління культури", "Управління освіти", "Управління по зв'язках з громадськістю",
    "Управління розвитку інформаційних технологій", "Управління транспорту та зв'язку",
    "Управління у справах сім'ї, молоді та спорту", "Юридичний департамент міської ради",
]


def test_no_1685_departments_stay_as_they_are(program):
    assert department_names(program.measures.executors) == DEPARTMENTS_1685
    two = parse_executors("Відділ господарського забезпечення міської ради Управління розвитку "
                          "інформаційних технологій")
    assert two.departments == ("Відділ господарського забезпечення міської ради",
                               "Управління розвитку інформаційних технологій")


@pytest.mark.parametrize("text", [
    "Управління культури і туризму",
    "управління культури і туризму",
    "Управління культури і туризму міської ради",
    "Управління культури і туризму виконавчого комітету міської ради",
    "Управління культури і туризму Житомирської міської ради",
    "Управління  культури\u00a0і туризму",
    unicodedata.normalize("NFD", "Управління культури і туризму"),
    "Управління культури\u200b і туризму (за згодою)",
])
def test_one_department_whatever_its_spelling(text):
    assert parse_executors(text).departments == ("Управління культури і туризму",)


def test_a_name_with_i_or_ta_is_one_department_two_names_are_two():
    assert parse_executors("Департамент бюджету та фінансів").departments == (
        "Департамент бюджету та фінансів",)
    assert parse_executors("Управління освіти та управління культури і туризму").departments == (
        "Управління освіти", "Управління культури і туризму")
    assert parse_executors("Управління у справах сім’ї, молоді та спорту, відділ "
                           "з питань охорони здоров'я").departments == (
        "Управління у справах сім'ї, молоді та спорту", "Відділ з питань охорони здоров'я")


def test_commas_inside_quotes_do_not_split():
    executors = parse_executors("Департамент освіти, КП «Агенція розвитку, інновацій і туризму»")
    assert executors.departments == ("Департамент освіти",
                                     "КП «Агенція розвитку, інновацій і туризму»")


def test_fund_manager_in_brackets_is_the_lead():
    executors = parse_executors("Управління культури і туризму, управління капітального "
                                "будівництва (розпорядник коштів), громадські організації")
    assert executors.departments == ("Управління культури і туризму",
                                     "Управління капітального будівництва",
                                     "Громадські організації")
    assert executors.fund_manager == "Управління капітального будівництва"
    assert executors.lead == "Управління капітального будівництва"
    printed_after = parse_executors("Управління культури Розпорядник коштів: Управління "
                                    "капітального будівництва міської ради")
    assert printed_after.lead == "Управління капітального будівництва"
    for mark in ("(головний розпорядник)", "(головний розпорядник бюджетних коштів)",
                 "( розпорядник бюджетних коштів )"):
        marked = parse_executors(f"Департамент освіти, департамент житлово-комунального "
                                 f"комплексу {mark}")
        assert marked.departments == ("Департамент освіти",
                                      "Департамент житлово-комунального комплексу"), mark
        assert marked.lead == "Департамент житлово-комунального комплексу", mark


def test_the_council_suffix_stays_where_the_name_is_nothing_without_it():
    assert parse_executors("Виконавчий комітет Житомирської міської ради").departments == (
        "Виконавчий комітет міської ради",)
    assert same_department("Відділ освіти сільської ради", "відділ освіти")
    assert not same_department("Управління освіти", "Департамент освіти")
    assert department_key("Управління  культури’") == department_key("управління культури'")


def test_match_department_folds_every_difference():
    known = ["Управління у справах сім'ї, молоді та спорту", "Управління культури і туризму"]
    assert match_department(unicodedata.normalize("NFD", known[0]).replace("'", "ʼ"),
                            known) == known[0]
    assert match_department(" управління культури і туризму міської ради ", known) == known[1]
    assert match_department("Управління освіти", known) is None


# ---------------------------------------------------------------- a programme of another term

EXECUTORS = [
    "Управління культури і туризму",
    "Управління культури і туризму виконавчого комітету міської ради",
    unicodedata.normalize("NFD", "Управління у справах сім’ї, молоді та спорту"),
    "Управління у справах сім'ї,  молоді та спорту (розпорядник коштів)",
    "Департамент освіти, управління культури і туризму Житомирської міської ради",
]


def _with_executors(text: str) -> str:
    """The generated programme with its «Управління» executor cells replaced, in turn, by
    :data:`EXECUTORS`."""
    lines, index = [], 0
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 5 and cells[4] == "Управління":
            cells[4] = EXECUTORS[index % len(EXECUTORS)]
            index += 1
        lines.append("\t".join(cells))
    return "\n".join(lines)


@pytest.fixture
def other(tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(_with_executors(programme(years=("2022", "2023", "2024", "2025", "2026"),
                                              directions=2).text), encoding="utf-8")
    return path


def test_templates_and_status_of_another_programme_have_one_department_per_name(other, tmp_path,
                                                                                 capsys):
    program = load_program(other)
    assert act.departments(program, "2023") == [
        "Департамент освіти", "Управління культури і туризму",
        "Управління у справах сім'ї, молоді та спорту"]
    out = tmp_path / "templates"
    assert main(["template", str(other), "--year", "2023", "--by-executor", "--out",
                 str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "2023 Департамент освіти.xlsx", "2023 Управління культури і туризму.xlsx",
        "2023 Управління у справах сім'ї, молоді та спорту.xlsx"]
    capsys.readouterr()
    assert main(["status", "--document", str(other), "--year", "2023", "--store",
                 str(tmp_path / "store")]) == 0
    shown = capsys.readouterr().out
    assert shown.count("Управління культури і туризму") == 1
    assert "І туризму" not in shown


def test_intake_takes_the_executor_typed_in_another_form(other, tmp_path):
    program = load_program(other)
    name = "Управління у справах сім'ї, молоді та спорту"
    path = act.write_template(program, tmp_path / "t.xlsx", "2023", None, name)
    book = load_workbook(path)
    book[act.SHEET_META]["B6"] = unicodedata.normalize("NFD", name.replace("'", "’")) + "  "
    book.save(path)
    check = act.ingest(program, path, tmp_path / "store")
    assert check.errors == []
    assert check.executor == name


@pytest.mark.parametrize(("text", "expected"), [
    ("Відділ екології і природних ресурсів, старостинські округи",
     ("Відділ екології і природних ресурсів", "Старостинські округи")),
    ("Управління культури і туризму, туристично-інформаційний центр",
     ("Управління культури і туризму", "Туристично-інформаційний центр")),
    ("Департамент економічної політики, департамент містобудування, земельних ресурсів та "
     "реклами", ("Департамент економічної політики",
                 "Департамент містобудування, земельних ресурсів та реклами")),
    ("Управління сім'ї, молодіжної політики та спорту, управління освіти і науки міської ради "
     "(за згодою)", ("Управління сім'ї, молодіжної політики та спорту",
                     "Управління освіти і науки")),
    ("Комунальне підприємство «Коломийська служба благоустрою», старостинські округи",
     ("Комунальне підприємство «Коломийська служба благоустрою»", "Старостинські округи")),
])
def test_names_of_other_programmes_as_their_councils_print_them(text, expected):
    """Cells as the corpus programmes (tests/data/corpus) print them."""
    assert parse_executors(text).all == expected
