"""Ukrainian wording (plurals, numbers) and the executors' alias list."""

from __future__ import annotations

import pytest

from zhytomyr_kpi.basics.wording import (
    MINUS,
    NBSP,
    count,
    money,
    number,
    plural,
    signed,
    years_label,
)
from zhytomyr_kpi.document.executors import department_names, parse_executors

MEASURE = ("захід", "заходи", "заходів")


@pytest.mark.parametrize(("n", "expected"), [
    (1, "захід"), (2, "заходи"), (4, "заходи"), (5, "заходів"), (11, "заходів"), (12, "заходів"),
    (14, "заходів"), (21, "захід"), (22, "заходи"), (25, "заходів"), (31, "захід"), (34, "заходи"),
    (101, "захід"), (111, "заходів"), (0, "заходів")])
def test_plural_agrees_with_the_number(n, expected):
    assert plural(n, *MEASURE) == expected


def test_fractions_take_the_genitive_singular():
    assert plural(2.5, "відсоток", "відсотки", "відсотків", fraction="відсотка") == "відсотка"
    assert plural(1.5, "особа", "особи", "осіб") == "особи"


def test_numbers_use_nbsp_groups_decimal_comma_and_true_minus():
    assert number(60443.349) == f"60{NBSP}443,349"
    assert number(-290) == f"{MINUS}290"
    assert signed(290.0, 1) == "+290,0"
    assert signed(-60, 1) == f"{MINUS}60,0"
    assert signed(0, 1) == "0,0"
    assert count(34, "розбіжність", "розбіжності", "розбіжностей") == f"34{NBSP}розбіжності"
    assert count(21, "значення", "значення", "значень") == f"21{NBSP}значення"
    assert money(1340.4) == f"1{NBSP}340,4{NBSP}тис.{NBSP}грн"


def test_years_label():
    assert years_label(["2019"]) == "за 2019 рік"
    assert years_label(("2018", "2019", "2020")) == "за 2018-2020 роки"


def test_spellings_of_one_department_merge(program):
    names = department_names(program.measures.executors)
    assert "Управління по зв'язках з громадськістю" in names
    assert not any("із громадськістю" in name for name in names)
    assert "Управління культури" in names and "Управління культури міської ради" not in names
    assert "Управління у справах сім'ї, молоді та спорту" in names
    assert not any(name.startswith(("Молоді", "Управління сім'ї")) for name in names)
    for text in program.measures.executors:
        assert parse_executors(text).unmatched == (), text


def test_fund_manager_is_the_lead():
    executors = parse_executors("Управління культури Розпорядник коштів: "
                                "Управління капітального будівництва")
    assert executors.departments == ("Управління культури",)
    assert executors.lead == "Управління капітального будівництва"
    assert executors.all == ("Управління культури", "Управління капітального будівництва")


def test_unknown_text_is_kept_not_dropped():
    executors = parse_executors("управління з інновацій, Управління культури, відділ спорту")
    assert executors.departments == ("Управління з інновацій", "Управління культури", "Відділ спорту")
    assert executors.unmatched == ("Управління з інновацій", "Відділ спорту")
    assert executors.lead == "Управління з інновацій"
    assert parse_executors("").departments == ()


def test_i_ta_and_y_in_a_department_name_are_one_department():
    from zhytomyr_kpi.document.executors import same_department

    assert same_department("Управління інформаційних технологій і цифрового розвитку",
                           "Управління інформаційних технологій та цифрового розвитку міської ради")
