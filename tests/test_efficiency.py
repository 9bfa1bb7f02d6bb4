"""Unit costs: synthetic indicators with named constants, then every indicator of No. 1685."""

import pandas as pd
import pytest
import synthetic as syn

from zhytomyr_kpi.analysis.efficiency import (
    FIGURE_COLUMNS,
    allocations_vs_costs,
    unit_cost_dynamics,
    unit_costs,
)

ACTUAL_COST_2019_KUAH = 24.0
ACTUAL_TRAININGS_2019 = 4
ACTUAL_UNIT_COST_2019 = ACTUAL_COST_2019_KUAH / ACTUAL_TRAININGS_2019  # 6,0 vs stated 5,0


def _row(table, basis, period, indicator="efficiency-1"):
    rows = table[(table.basis == basis) & (table.period == period) & (table.indicator == indicator)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_plan_unit_costs_from_synthetic_indicators(load_synthetic):
    table = unit_costs(load_synthetic(syn.document()))
    r2018 = _row(table, "plan", "2018")
    assert (r2018.cost, r2018.output, r2018.computed, r2018.result) == (10.0, 2.0, 5.0, "agrees")
    r2020 = _row(table, "plan", "2020")
    assert r2020.computed == syn.EFF1_2020_COMPUTED and r2020.stated == 7.0
    assert r2020.delta == pytest.approx(1.0) and r2020.result == "differs"
    assert r2020.delta_pct == pytest.approx(100 / 6, abs=0.01)
    assert r2020.implied_output == pytest.approx(30 / 7, abs=0.001)  # the divisor 7,0 implies
    baseline = _row(table, "plan", "baseline")
    assert baseline.result == "not_computable" and "«-»" in baseline.note


def test_actual_figures_go_through_the_same_code_path(load_synthetic):
    program = load_synthetic(syn.document())
    actual = pd.DataFrame([
        ["actual", "cost", 1, "2019", ACTUAL_COST_2019_KUAH, "24,0", "kuah"],
        ["actual", "output", 1, "2019", ACTUAL_TRAININGS_2019, "4", "units"],
    ], columns=FIGURE_COLUMNS)
    table = unit_costs(program, actual)
    assert set(table.basis) == {"actual"} and set(table.period) == {"2019"}
    row = _row(table, "actual", "2019")
    assert row.computed == ACTUAL_UNIT_COST_2019 and row.stated == 5.0
    assert row.result == "differs"


def test_units_are_normalised(load_synthetic):
    # cost given in млн грн, efficiency stated in тис. грн: 0,02 млн ÷ 4 = 5 тис.
    program = load_synthetic(syn.document())
    figures = pd.DataFrame([
        ["actual", "cost", 1, "2019", 0.02, "0,02", "muah"],
        ["actual", "output", 1, "2019", 4, "4", "units"],
    ], columns=FIGURE_COLUMNS)
    row = _row(unit_costs(program, figures), "actual", "2019")
    assert row.cost == pytest.approx(20.0) and row.computed == pytest.approx(5.0)
    assert row.result == "agrees"


def test_dynamics_against_baseline_and_previous_year(load_synthetic):
    table = unit_costs(load_synthetic(syn.document()))
    dynamics = unit_cost_dynamics(table[table.basis == "plan"])
    stated = dynamics[(dynamics.indicator == "efficiency-1") & (dynamics.kind == "stated")]
    by_period = stated.set_index("period")
    assert by_period.loc["2020", "vs_previous"] == pytest.approx(2.0)
    assert by_period.loc["2020", "vs_previous_pct"] == pytest.approx(40.0)
    assert pd.isna(by_period.loc["2020", "vs_baseline"])  # the baseline is «-»


# ---------------------------------------------------------------- decision No. 1685, by hand

# (indicator, period): (computed, stated, result) checked by hand against Annex B
BY_HAND = {
    ("efficiency-1", "baseline"): (None, None, "not_computable"),  # cost 1 is «-»
    ("efficiency-1", "2018"): (38.0, 38.0, "agrees"),  # 380,0 ÷ 10
    ("efficiency-1", "2019"): (38.0, 38.0, "agrees"),
    ("efficiency-1", "2020"): (38.0, 38.0, "agrees"),
    ("efficiency-2", "baseline"): (None, None, "not_computable"),
    ("efficiency-2", "2018"): (95.0, 95.0, "agrees"),  # 190,0 ÷ 2
    ("efficiency-2", "2019"): (95.0, 95.0, "agrees"),
    ("efficiency-2", "2020"): (95.0, 95.0, "agrees"),
    ("efficiency-3", "baseline"): (100 / 7, 13.0, "differs"),  # 100,0 ÷ 7 = 14,286
    ("efficiency-3", "2018"): (18.0, 18.0, "agrees"),  # 180,0 ÷ 10
    ("efficiency-3", "2019"): (12.0, 16.0, "differs"),  # 180,0 ÷ 15
    ("efficiency-3", "2020"): (9.0, 13.0, "differs"),  # 180,0 ÷ 20
    ("efficiency-4", "baseline"): (None, None, "not_computable"),  # cost 6 is «-»
    ("efficiency-4", "2018"): (2_766_000 / 565, 6133.0, "differs"),  # грн ÷ (523 + 42)
    ("efficiency-4", "2019"): (116_000 / 565, 257.2, "differs"),
    ("efficiency-4", "2020"): (116_000 / 565, 257.2, "differs"),
    ("efficiency-5", "baseline"): (None, 25.0, "not_computable"),  # no output indicator
    ("efficiency-5", "2018"): (None, 25.0, "not_computable"),
    ("efficiency-5", "2019"): (None, 25.0, "not_computable"),
    ("efficiency-5", "2020"): (None, 25.0, "not_computable"),
    ("efficiency-6", "baseline"): (9.1 / 11, None, "not_stated"),  # млн грн; stated «-»
    ("efficiency-6", "2018"): (12.1 / 13, 1.0, "differs"),
    ("efficiency-6", "2019"): (None, 1.0, "not_computable"),  # output 5 is «-»
    ("efficiency-6", "2020"): (None, 1.0, "not_computable"),  # «1 % від власних доходів»
    ("efficiency-7", "baseline"): (None, None, "not_computable"),
    ("efficiency-7", "2018"): (139.8 / 41, 3.4, "agrees"),  # 3,410 rounds to 3,4
    ("efficiency-7", "2019"): (167.1 / 41, 4.1, "agrees"),
    ("efficiency-7", "2020"): (201.0 / 41, 4.9, "agrees"),
}


@pytest.mark.parametrize(("indicator", "period"), sorted(BY_HAND))
def test_every_efficiency_indicator_and_period(program, indicator, period):
    computed, stated, result = BY_HAND[(indicator, period)]
    row = _row(program.efficiency, "plan", period, indicator)
    assert row.result == result
    if computed is None:
        assert pd.isna(row.computed) and row.note
    else:
        assert row.computed == pytest.approx(computed, abs=1e-6)
    if stated is None:
        assert pd.isna(row.stated)
    else:
        assert row.stated == stated


def test_per_workplace_cost_implies_451_people(program):
    row = _row(program.efficiency, "plan", "2018", "efficiency-4")
    assert row.implied_output == pytest.approx(451.0, abs=0.01)
    assert "451" in row.note


def test_annex_a_money_against_annex_b_costs(program):
    table = allocations_vs_costs(program).set_index(["cost_indicator", "year"])
    assert table.loc[("cost-9", "2018"), "allocated_kuah"] == pytest.approx(139.8)  # 127 + 12,8
    assert table.loc[("cost-9", "2018"), "result"] == "agrees"
    assert table.loc[("cost-1", "2018"), "delta_kuah"] == pytest.approx(380 - (190 + 149.68))
    assert table.loc[("cost-8", "2018"), "indicator_kuah"] == pytest.approx(12_100)  # млн → тис.
    assert table.loc[("cost-8", "2020"), "result"] == "not_computable"
    assert len(table) == 21


def test_another_programme_gets_none_of_1685s_indicator_maps(write_doc):
    """The efficiency pairs and cost maps belong to No. 1685's quirk set, not to every text."""
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.document.quirks import Quirks

    program = load_program(write_doc(syn.document()), quirks=Quirks.none())
    assert unit_costs(program).empty
    assert program.allocations.empty
    ratio = next(r for r in program.check_results if r.check == "efficiency_ratio")
    # «Середні видатки на навчання» names no «одного …»: nothing is paired by its name either,
    # and the check says so instead of passing
    assert ratio.checked == 0 and ratio.outcome == "SKIP" and "не застосовано" in ratio.title
    (said,) = ratio.findings
    assert said.severity == "info" and "не вдалося однозначно визначити" in said.message


def _without_a_list(write_doc, text):
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.document.quirks import Quirks

    program = load_program(write_doc(text), quirks=Quirks.none())
    return next(r for r in program.check_results if r.check == "efficiency_ratio")


def test_a_programme_without_a_list_is_paired_by_the_names(write_doc):
    """«Середні видатки на одне навчання» = «Обсяг видатків на навчання» ÷ «Кількість
    навчань»: 2018 and 2019 agree, 2020 does not (7,0 printed, 6 computed)."""
    text = syn.document().replace("\tСередні видатки на навчання\t",
                                  "\tСередні видатки на одне навчання\t")
    ratio = _without_a_list(write_doc, text)
    assert ratio.checked == 3 and ratio.outcome == "FAIL"
    (error,) = [f for f in ratio.findings if f.severity == "error"]
    assert (error.year, error.stated, error.computed) == ("2020", 7, syn.EFF1_2020_COMPUTED)
    assert "за їхніми назвами" in error.message


@pytest.mark.parametrize(("rows", "why"), [
    # two outputs count the same thing: which one is meant is not known
    (("Кількість навчань", "Кількість проведених навчань"), "кілька однаково подібних"),
    # the output counts something else than the thing named
    (("Кількість семінарів",), "показник продукту — немає"),
])
def test_an_ambiguous_or_missing_match_is_not_paired(write_doc, rows, why):
    text = syn.document().replace("\tСередні видатки на навчання\t",
                                  "\tСередні видатки на одне навчання\t")
    first, *more = rows
    text = text.replace("\tКількість навчань\t", f"\t{first}\t")
    for n, name in enumerate(more, start=2):
        line = next(x for x in text.splitlines() if f"\t{first}\t" in x)
        text = text.replace(line, line + "\n" + line.replace("1\t", f"{n}\t", 1)
                            .replace(first, name))
    ratio = _without_a_list(write_doc, text)
    assert ratio.checked == 0 and ratio.outcome == "SKIP"
    assert why in ratio.findings[0].message, ratio.findings[0].message


def test_names_pair_no_1685s_indicators_otherwise_than_its_reviewed_list(program):
    """Where the names of No. 1685's Annex B pair an indicator at all, they pair it as the
    reviewed list does (the list stays authoritative; this is a test of the names' rule)."""
    from zhytomyr_kpi.document.pairing import derived_pairs
    from zhytomyr_kpi.document.reference import document_folder, efficiency_pairs

    reviewed = {p.efficiency: p for p in efficiency_pairs(document_folder(program.document))}
    derived, _ = derived_pairs(program.document.indicators)
    assert derived
    for pair in derived:
        assert (pair.numerator, pair.denominator) == (reviewed[pair.efficiency].numerator,
                                                      reviewed[pair.efficiency].denominator)


def test_a_programme_without_a_reviewed_list_gets_its_unit_costs_from_annex_b_names():
    from pathlib import Path

    from zhytomyr_kpi import load_program

    corpus = Path(__file__).resolve().parent / "data" / "corpus"
    program = load_program(corpus / "ternopil_bezpeka" / "decision.txt")
    table = program.efficiency
    assert set(table.basis) == {"plan"}  # no measures mapped: no «allocation» copy of the plan
    planted = table[(table.indicator == "efficiency-1") & (table.period == "2022")].iloc[0]
    assert (planted.result, planted.stated, round(planted.computed, 6)) == ("differs", 32.0, 28.0)
