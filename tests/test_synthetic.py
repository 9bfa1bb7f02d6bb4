"""Parsing and checks on tiny synthetic decisions (see synthetic.py for the constants)."""

from decimal import Decimal

import pytest
import synthetic as syn

from zhytomyr_kpi.document.quirks import Quirks


def _statuses(program):
    return {r.check: r.status for r in program.check_results}


def test_consistent_document_passes_the_sum_checks(load_synthetic):
    program = load_synthetic(syn.document())
    status = _statuses(program)
    for check in ("row_total", "section_total", "grand_total", "grand_total_measures",
                  "breakdown_sum", "resources_internal", "resources_vs_annex_a",
                  "passport_total", "kpi_targets", "duplicate_ids", "stray_numbers"):
        assert status[check] == "PASS", check
    assert list(program.measures.measure_id) == ["1.1", "1.2", "2.1", "2.1.1", "2.1.2", "2.2"]


def test_tidy_funding_has_one_row_per_measure_and_year(load_synthetic):
    funding = load_synthetic(syn.document()).funding
    assert len(funding) == 6 * 3
    row = funding[(funding.measure_id == "1.1") & (funding.year == "2019")].iloc[0]
    assert row.amount_kuah == 20.0 and row.cell_text == syn.M11[1]


def test_breakdown_parts_do_not_count_when_parent_sums_them(load_synthetic):
    program = load_synthetic(syn.document())
    measures = program.measures.set_index("measure_id")
    assert not measures.loc["2.1.1", "counts_in_total"]
    assert measures.loc["2.1", "is_breakdown_parent"]
    assert measures.loc["2.1.1", "parent_id"] == "2.1"


def test_without_the_breakdown_quirk_parts_are_counted_twice(load_synthetic):
    # No quirks and no «в т. ч.» in the text (issue 11 recognises a parent by these words):
    # 2.1.1 and 2.1.2 count as well as 2.1, so direction 2 is off by their sum.
    text = syn.document().replace("Субпроекти, в т. ч:", "Субпроекти")
    program = load_synthetic(text, quirks=Quirks.none())
    section2 = program.section_totals.query("section == '2' and year == '2018'").iloc[0]
    assert section2.stated_kuah == 8.0
    assert section2.computed_kuah == 8.0 + 4.0 + 3.0
    assert section2.delta_kuah == -7.0


def test_section_total_mismatch_is_reported_with_stated_computed_delta(load_synthetic):
    text = syn.document().replace("\t".join(("ВСЬОГО", "", "", "", "", "", *syn.S1)),
                                  "\t".join(("ВСЬОГО", "", "", "", "", "", "15,5", "25,0",
                                             "30,0")))
    program = load_synthetic(text)
    found = [f for f in program.all_findings if f.check == "section_total" and f.year == "2019"
             and f.location.startswith("напрям 1")]
    assert len(found) == 1
    assert (found[0].stated, found[0].computed, found[0].delta) == (
        Decimal("25.0"), Decimal("20.0"), Decimal("5.0"))
    assert found[0].source_line == text.splitlines().index(
        next(line for line in text.splitlines() if line.startswith("ВСЬОГО"))) + 1


def test_row_total_mismatch(load_synthetic):
    text = syn.document().replace(syn.M11_TOTAL + "\tРезультат", "61,0\tРезультат", 1)
    program = load_synthetic(text)
    found = [f for f in program.all_findings if f.check == "row_total"]
    assert [(f.measure_id, f.delta) for f in found] == [("1.1", Decimal("1.0"))]


def test_efficiency_ratio_mismatch_names_the_implied_divisor(load_synthetic):
    program = load_synthetic(syn.document())
    found = [f for f in program.all_findings if f.check == "efficiency_ratio"
             and f.severity == "error"]
    assert [(f.year, f.stated, f.computed) for f in found] == [
        ("2020", Decimal("7.0"), Decimal(syn.EFF1_2020_COMPUTED).quantize(Decimal("0.001")))]
    assert "дільнику" in found[0].message


def test_kpi_target_conflict(load_synthetic):
    program = load_synthetic(syn.document(kpi_ti="ТОП 5"))
    found = [f for f in program.all_findings if f.check == "kpi_targets"]
    assert len(found) == 1 and found[0].stated_text == "ТОП 5" and found[0].computed_text == "ТОП-3"


def test_passport_total_mismatch(load_synthetic):
    program = load_synthetic(syn.document(passport_total="80,0"))
    found = [f for f in program.all_findings if f.check == "passport_total"]
    assert [f.delta for f in found] == [Decimal("1.5")]


def test_text_in_an_amount_cell_is_kept_and_reported(load_synthetic):
    text = syn.document().replace("\t".join(syn.M22), "1,0\t1,0\tперенесено до п. 1.1")
    program = load_synthetic(text)
    row = program.funding.query("measure_id == '2.2' and year == '2020'").iloc[0]
    assert row.cell_text == "перенесено до п. 1.1"
    assert row.amount_kuah != row.amount_kuah  # NaN: no number, and not silently 0
    assert any(f.check == "non_numeric_amounts" and f.measure_id == "2.2"
               for f in program.all_findings)


def test_continuation_line_text_merges_and_numbers_become_strays(load_synthetic):
    lines = syn.document().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("1.1."))
    lines.insert(at + 1, "\t".join(("", "продовження завдання", "", "", "", "", "", "", "",
                                    "", "продовження результату")))
    lines.insert(at + 2, "\t".join(("", "", "", "", "", "Місцевий бюджет", "5,5", "0,0",
                                    "0,0", "5,5")))
    program = load_synthetic("\n".join(lines))
    m11 = program.measures.set_index("measure_id").loc["1.1"]
    assert m11.task == "Завдання продовження завдання"
    assert m11.expected_result == "Результат продовження результату"
    strays = [f for f in program.all_findings if f.check == "stray_numbers"]
    assert len(strays) == 1
    assert strays[0].stated_text == "5,5; 0,0; 0,0; 5,5"
    assert "1.2" in strays[0].message  # they repeat the amounts of the next measure


def test_duplicate_printed_id_gets_a_unique_measure_id(load_synthetic):
    text = syn.document().replace("2.2.\t", "2.1.1.\t")
    program = load_synthetic(text)
    ids = list(program.measures.measure_id)
    assert len(ids) == len(set(ids))
    assert "2.1.1#2" in ids
    assert program.measures.set_index("measure_id").loc["2.1.1#2", "printed_id"] == "2.1.1"
    assert _statuses(program)["duplicate_ids"] == "WARN"


def test_term_outside_money_years(load_synthetic):
    program = load_synthetic(syn.document())  # 1.2 has term 2018 and money only in 2018
    assert _statuses(program)["term_vs_money"] == "PASS"
    text = syn.document().replace("\t2018\tУправління", "\t2019\tУправління")
    found = [f for f in load_synthetic(text).all_findings if f.check == "term_vs_money"]
    assert [(f.measure_id, f.year) for f in found] == [("1.2", "2018")]
    # the finding states the money outside the term (5,5 in 2018), not the term: the term is
    # its text, nothing is allowed outside it, so the difference is the whole amount
    assert found[0].stated == Decimal("5.5") and found[0].computed == 0
    assert found[0].delta == Decimal("5.5") and found[0].stated_text == "2019"


def test_in_which_words_make_a_breakdown_parent_without_a_quirk(load_synthetic):
    program = load_synthetic(syn.document(), quirks=Quirks.none())
    measures = program.measures.set_index("measure_id")
    assert measures.loc["2.1", "is_breakdown_parent"]
    assert not measures.loc["2.1.1", "counts_in_total"]
    assert _statuses(program)["section_total"] == "PASS"


def test_a_check_with_nothing_to_verify_is_not_applied_not_passed(load_synthetic):
    # the synthetic document has no footnote: the footnote check verified nothing (SKIP), while
    # the search for stray numbers looked at every line of Annex A and found none (PASS)
    results = {r.check: r for r in load_synthetic(syn.document()).check_results}
    footnotes, stray = results["footnotes"], results["stray_numbers"]
    assert footnotes.checked == 0 and footnotes.outcome == "SKIP"
    assert "не застосовано" in footnotes.title
    assert stray.checked > 0 and stray.outcome == "PASS" and "не застосовано" not in stray.title
    for r in results.values():
        assert (r.outcome == "SKIP") == ("не застосовано" in r.title), r.check
        assert r.outcome != "PASS" or r.checked > 0, r.check


def test_the_validate_summary_says_not_applied(load_synthetic, capsys):
    from zhytomyr_kpi.views.summary import console

    out = console(load_synthetic(syn.document()))
    line = next(x for x in out.splitlines() if "Примітки мають позначку" in x)
    assert line.startswith("не застосовано") and line.count("не застосовано") == 1
    assert "не застосовано; знахідок" in out.splitlines()[0]


def test_the_checks_table_says_skip_for_a_check_not_applied(load_synthetic):
    program = load_synthetic(syn.document())
    checks = program.checks.set_index("check")
    assert checks.loc["footnotes", "status"] == "SKIP"
    assert checks.loc["stray_numbers", "status"] == "PASS"
    program.validate_schemas()  # SKIP is a status of the data contract


@pytest.mark.parametrize(("line", "alarms"), [
    ("Етапи виконання: I етап – 2018-2019 роки, II етап – 2019-2020 роки", 0),  # stages inside
    ("Програму розраховано на 2018-2019 роки", 1),  # no stage named: another term
    ("Етапи виконання: I етап – 2018-2019 роки, II етап – 2020-2021 роки", 1),  # past the term
])
def test_stage_spans_inside_the_term_are_not_another_term(load_synthetic, line, alarms):
    text = syn.document().replace("2. ВИЗНАЧЕННЯ ПРОБЛЕМИ\n", f"2. ВИЗНАЧЕННЯ ПРОБЛЕМИ\n\n{line}\n")
    assert line in text
    found = [f for f in load_synthetic(text).all_findings if f.check == "year_spans"]
    assert len(found) == alarms, [f.message for f in found]
    if alarms:
        assert found[0].severity == "warning" and found[0].stated_text in line


def test_stray_numbers_of_one_line_are_not_added_into_one_stated_amount(load_synthetic):
    # a line of years and a total under a measure: four numbers, not one amount of 12,0
    stray_row = syn._row("", "", "", "", "", "", "1,0", "2,0", "3,0", "6,0", "")
    text = syn.document().replace("\n2. Другий напрям", "\n" + stray_row + "\n2. Другий напрям", 1)
    program = load_synthetic(text)
    [finding] = [f for f in program.all_findings if f.check == "stray_numbers"]
    assert finding.stated is None and finding.stated_text == "1,0; 2,0; 3,0; 6,0"
