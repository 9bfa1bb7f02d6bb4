"""A report, a letter or a chart of another council's programme carries that council's own
facts: its name from the decision's heading, its directions' own titles (issue 19, item 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import synthetic as syn

from zhytomyr_kpi import load_program
from zhytomyr_kpi.basics.paths import PROJECT_ROOT

POLTAVA = PROJECT_ROOT / "tests" / "data" / "corpus" / "poltava_cyfrova" / "decision.txt"


@pytest.fixture(scope="module")
def poltava():
    return load_program(POLTAVA)


def test_the_council_and_the_ground_are_the_decisions_own(poltava):
    from zhytomyr_kpi.report.edition import council, ground
    from zhytomyr_kpi.report.settings import ReportSettings

    assert council(poltava, ReportSettings()) == "Полтавська міська рада"
    said = ground(poltava, ReportSettings())
    assert said.startswith("рішення Полтавської міської ради від ") and "Житомир" not in said
    assert council(poltava, ReportSettings(council="Виконавчий комітет")) == "Виконавчий комітет"


def test_directions_are_named_by_their_own_titles(poltava):
    from zhytomyr_kpi.document.vocabulary import section_labels

    names = section_labels(poltava.document)
    titles = {str(s.number): s.title for s in poltava.document.annex_a.sections}
    assert set(names) == set(titles)
    for number, name in names.items():
        assert name.startswith(f"{number}. ")
        assert titles[number].startswith(name.removeprefix(f"{number}. ").rstrip("…"))
    assert not any("Спроможність влади" in n for n in names.values())


def test_no_1685s_reviewed_short_names_stay():
    from zhytomyr_kpi.document.vocabulary import section_labels

    program = load_program(PROJECT_ROOT / "data" / "raw" / "rishennia_1685_2019-12-18.txt")
    assert section_labels(program.document)["1"] == "1. Спроможність влади"


def test_the_reports_inconsistencies_include_a_rows_total(tmp_path):
    from zhytomyr_kpi.report.inconsistencies import collect

    m22 = syn.measure("2.2.", syn.M22, syn.M22_TOTAL)
    text = syn.document().replace(m22, syn.measure("2.2.", syn.M22, "999,0"))
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    items = collect(load_program(path))
    assert any(i.check == "row_total" and "999" in i.text for i in items)


def test_numbers_round_half_up_everywhere_and_differences_are_decimal():
    from zhytomyr_kpi.basics.wording import format_uk
    from zhytomyr_kpi.compare.changes import _delta

    assert format_uk(15677.05, 1) == format_uk(Decimal("15677.05"), 1) == "15 677,1"
    assert _delta(1200.0, 1250.0005) == 50.0005
