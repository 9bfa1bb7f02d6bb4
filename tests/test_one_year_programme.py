"""A one-year programme of the standard form (the corpus's Khmelnytskyi decision and variants of
it): Annex A with one amount column «на 2021 рік, тис. грн» and no «Всього» column, a direction
whose heading says its amounts are in hryvnias, terms that are parts of the year, no Table 6.1
(the split by source written out in the passport)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhytomyr_kpi import load_program
from zhytomyr_kpi.document.units import section_money_unit
from zhytomyr_kpi.document.vocabulary import TERM

DECISION = (Path(__file__).resolve().parent / "data" / "corpus" / "khmelnytskyi_kultura"
            / "decision.txt")
TEXT = DECISION.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def program():
    return load_program(DECISION)


def _variant(tmp_path: Path, old: str, new: str):
    assert TEXT.count(old) == 1, old
    path = tmp_path / "decision.txt"
    path.write_text(TEXT.replace(old, new), encoding="utf-8")
    return load_program(path)


def _alarms(program):
    findings = program.findings
    return findings[findings.severity.isin(["error", "warning"])]


def test_without_a_total_column_a_measure_has_no_total(program):
    assert program.years == ("2021",)
    measures = program.measures
    assert measures.total_stated_kuah.isna().all()  # absent: not zero
    assert (measures.total_cell_text == "").all()
    results = {r.check: r for r in program.check_results}
    assert results["row_total"].checked == 0 and not results["row_total"].findings
    assert not results["non_numeric_amounts"].findings  # the absent cell is no empty cell
    assert not results["stray_numbers"].findings


def test_a_direction_in_hryvnias_is_converted_to_thousands(program):
    funding = program.funding.set_index("measure_id")
    assert funding.amount_kuah["3.1"] == pytest.approx(248.6)
    assert funding.cell_text["3.1"] == "248 600,00"  # the printed text stays as printed
    assert funding.amount_kuah["2.1"] == pytest.approx(1200.0)  # the others: тис. грн
    totals = program.section_totals.set_index(["section", "year"])
    assert totals.stated_kuah[("3", "2021")] == pytest.approx(885.05)
    assert totals.delta_kuah[("3", "2021")] == pytest.approx(0.0)
    assert totals.delta_kuah[("total", "2021")] == pytest.approx(0.0)


@pytest.mark.parametrize(("title", "factor"), [
    ("Розвиток (обсяги фінансування – у гривнях)", "0.001"), ("Розвиток (грн)", "0.001"),
    ("Розвиток (тис. грн)", "1"), ("Розвиток інфраструктури", None),
    ("Гранти (з урахуванням внеску 100 тис. грн)", None), ("Розвиток (тис. гривень)", "1"),
    ("Розвиток (млн гривень)", "1000")])
def test_the_unit_a_direction_heading_names(title, factor):
    got = section_money_unit(title)
    assert (str(got) if got is not None else None) == factor


@pytest.mark.parametrize(("text", "factor"), [
    ("Ресурсне забезпечення (тис. гривень)", "1"), ("тис.гривень", "1"), ("млн гривень", "1000"),
    ("у тисячах гривень", "1"), ("(гривень)", "0.001"), ("тис. грн", "1")])
def test_thousands_written_out_are_not_taken_for_hryvnias(text, factor):
    from zhytomyr_kpi.document.units import money_unit
    assert str(money_unit(text)) == factor


def test_without_the_unit_note_the_hryvnias_are_not_taken_for_thousands(tmp_path):
    """The same direction without its note is read in the table's тис. грн: its sum is then
    a thousand times the programme's and the programme total says so at its line."""
    other = _variant(tmp_path, " (обсяги фінансування – у гривнях)", "")
    alarms = _alarms(other)
    assert ((alarms.check == "grand_total") & (alarms.line == 155)).any()


@pytest.mark.parametrize("term", ["І–ІV квартали 2021 року", "ІІ квартал 2021 року",
                                  "вересень 2021 року", "червень–серпень 2021 року",
                                  "протягом 2021 року", "2021 рік", "2021-2023", "2021, 2023"])
def test_terms_of_a_part_of_the_year(term):
    assert TERM.match(term)


def test_terms_are_read_and_within_the_year(program):
    measures = program.measures.set_index("measure_id")
    assert measures.term["1.1"] == "І–ІV квартали 2021 року"
    assert measures.term["2.8"] == "червень–серпень 2021 року"
    assert measures.content["1.1"].startswith("Проведення інвентаризації")
    spent = {r.check: r for r in program.check_results}["term_vs_money"]
    assert spent.checked == 24 and not spent.findings


def test_money_outside_a_month_of_another_year_is_found(tmp_path):
    other = _variant(tmp_path, "вересень 2021 року\tУправління культури і туризму\tбюджет "
                     "громади\t1 200,0", "вересень 2022 року\tУправління культури і туризму\t"
                     "бюджет громади\t1 200,0")
    alarms = _alarms(other)
    found = alarms[alarms.check == "term_vs_money"]
    assert list(found.line) == [126] and found.stated.iloc[0] == pytest.approx(1200.0)


def test_no_table_6_1_is_a_missing_part_not_an_error(program):
    assert program.resources.empty
    parts = program.findings[program.findings.check == "document_parts"]
    assert (parts.severity == "warning").all()
    assert parts.message.str.contains("таблицю 6.1").any()
    table = program.findings.check.isin(["resources_internal", "resources_vs_annex_a",
                                         "passport_total"])
    assert not table.any(), program.findings[table].message.to_string()


def test_the_split_by_source_in_the_passport_prose_is_checked(program, tmp_path):
    sources = {f.source: float(f.cell.value) for f in program.document.passport_funding}
    assert sources == {"total": 7943.55, "local": 7023.55, "regional": 600.0, "other": 320.0}
    result = {r.check: r for r in program.check_results}["totals_vs_measures"]
    assert result.checked == 4 and not result.findings
    other = _variant(tmp_path, "кошти бюджету громади – 7 023,55 тис. грн;",
                     "кошти бюджету громади – 7 032,55 тис. грн;")
    alarms = _alarms(other)
    found = alarms[alarms.check == "totals_vs_measures"]
    assert list(found.line) == [47]
    assert float(found.stated.iloc[0]) == 7032.55 and float(found.computed.iloc[0]) == 7023.55


def test_the_alarms_are_the_planted_ones_and_their_consequence(program):
    """Efficiency 1 (48,0 vs 44,0) and direction 4's subtotal (536,0 vs 563,0), at their lines;
    the programme total, right, then differs from the sum of the subtotals (the truth's
    consequence); nothing else but the missing optional parts."""
    alarms = _alarms(program)
    alarms = alarms[alarms.check != "document_parts"]
    got = sorted((r.check, int(r.line), float(r.stated), float(r.computed))
                 for r in alarms.itertuples())
    assert got == [("efficiency_ratio", 181, 48.0, 44.0), ("grand_total", 155, 7943.55, 7916.55),
                   ("section_total", 154, 536.0, 563.0)]


@pytest.mark.parametrize(("term", "years"), [
    ("І–ІV квартали 2021 року", {2021}), ("вересень 2021 року", {2021}),
    ("2021–2023", {2021, 2022, 2023}), ("2021, 2023", {2021, 2023}), ("протягом року", None)])
def test_the_years_of_a_term(term, years):
    from zhytomyr_kpi.checks.cells import term_years

    assert term_years(term) == years


def test_without_a_total_column_the_totals_table_has_no_total_rows():
    from pathlib import Path

    from zhytomyr_kpi import load_program

    path = Path(__file__).resolve().parent / "data" / "corpus" / "khmelnytskyi_kultura"
    totals = load_program(path / "decision.txt").section_totals
    assert set(totals.year) == {"2021"}  # no «0» beside an empty «Всього»
