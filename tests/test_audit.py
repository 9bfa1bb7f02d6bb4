"""The auditor's checks (zhytomyr_kpi.checks.audit) on decision No. 1685: what a careful manual audit
found and the reconciliation did not report. Each finding has its line, stated, computed, delta.
"""

from decimal import Decimal

import pytest


def _found(program, check):
    return [f for f in program.all_findings if f.check == check]


def test_table_6_1_title_says_2018_2022(program):
    (finding,) = _found(program, "year_spans")
    assert finding.source_line == 166 and finding.stated_text == "2018-2022 роки"
    assert (finding.stated, finding.computed, finding.delta) == (2022, 2020, 2)


def test_opora_target_in_section_5_is_a_percentage(program):
    found = _found(program, "text_targets")
    assert [(f.source_line, f.stated_text, f.computed_text) for f in found] == [
        (152, "70,0%", "ТОП 7"), (152, "70,0%", "ТОП-3")]
    assert all(f.severity == "error" and "ОПОРА" in f.message for f in found)
    # the IRI target of section 5 (не нижче 3,5) agrees with the passport and Annex B
    assert next(r for r in program.check_results if r.check == "text_targets").checked == 4


def test_3_5_in_which_prints_zeros_but_its_part_3_5_3_has_money(program):
    found = {f.year: f for f in _found(program, "breakdown_text")}
    assert set(found) == {"2018", "2019", "2020", "total"}
    assert (found["total"].stated, found["total"].computed, found["total"].delta) == (
        0, Decimal("88.5"), Decimal("-88.5"))
    assert found["2018"].stated_text == "0,0 0,0 0,0" and found["2018"].source_line == 301


def test_parts_3_5_1_and_3_5_2_are_not_printed(program):
    (finding,) = _found(program, "numbering")
    assert finding.computed_text == "3.5.1, 3.5.2" and finding.source_line == 302
    assert (finding.stated, finding.computed, finding.delta) == (1, 3, -2)


def test_id_3_2_2_printed_a_line_early_is_reported(program):
    (finding,) = _found(program, "id_placement")
    assert (finding.source_line, finding.stated, finding.computed) == (262, 262, 263)
    assert finding.measure_id == "3.2.2"


@pytest.mark.parametrize(("line", "year", "delta"), [
    (67, "total", "60"), (69, "total", "60"),
    (169, "2019", "350"), (169, "2020", "-290"), (169, "total", "60"),
    (171, "2019", "350"), (171, "2020", "-290"), (171, "total", "60"),
])
def test_each_place_stating_the_programmes_money(program, line, year, delta):
    found = [f for f in _found(program, "totals_vs_measures")
             if f.source_line == line and f.year == year]
    assert len(found) == 1 and found[0].delta == Decimal(delta)
    assert found[0].severity == "error"


def test_only_those_places_disagree(program):
    assert len(_found(program, "totals_vs_measures")) == 8


def test_annex_b_costs_against_annex_a_money_are_findings(program):
    found = {(f.location.split(",")[0], f.year): f for f in _found(program, "cost_vs_allocation")}
    differs = program.allocations[program.allocations.result == "differs"]
    assert {(f"показник затрат {r.cost_indicator.split('-')[1]}", r.year)
            for r in differs.itertuples()} == set(found)
    eight = found[("показник затрат 8", "2018")]  # 12,1 млн грн vs 8 829,0 тис. грн
    assert (eight.stated, eight.computed, eight.delta) == (
        Decimal("12100"), Decimal("8829.0"), Decimal("3271.0"))


def test_every_new_finding_has_a_line_and_ukrainian_message(program):
    new = ("year_spans", "text_targets", "breakdown_text", "numbering", "id_placement",
           "totals_vs_measures", "cost_vs_allocation")
    for finding in (f for f in program.all_findings if f.check in new):
        assert finding.source_line and finding.message
        assert finding.stated is not None or finding.stated_text
