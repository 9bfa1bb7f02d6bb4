"""Layouts an outside author used (tests/data/corpus/cherkasy_energo/decision.txt, written by
someone who had not read the parser), each read as written:

* the Annex A header's last column «Разом» (not the programme's total row);
* directions numbered «I.» … «IV.»;
* Annex B groups with their number in a cell of its own («1.⇥Показники затрат»);
* a «…, у т.ч.:» parent with «-» cells, whose parts are not counted again;
* a measure's second row of money from another source, without a number (1.1#2);
* a wrong row total reported once, on its row, not again in every total above it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhytomyr_kpi import load_program
from zhytomyr_kpi.basics.paths import PROJECT_ROOT

TEXT = PROJECT_ROOT / "tests" / "data" / "corpus" / "cherkasy_energo" / "decision.txt"


@pytest.fixture(scope="module")
def cherkasy():
    return load_program(TEXT)


def _lines():
    return TEXT.read_text(encoding="utf-8").split("\n")


def _findings(program, check):
    return program.findings[program.findings.check == check]


def test_directions_numbered_in_roman_are_read_with_their_totals(cherkasy):
    sections = cherkasy.document.annex_a.sections
    assert [s.number for s in sections] == [1, 2, 3, 4]
    assert sections[0].title.startswith("Термомодернізація")
    assert [t.section for t in cherkasy.document.annex_a.totals] == ["1", "2", "3", "4"]


def test_annex_b_groups_with_their_number_in_a_cell_of_their_own(cherkasy):
    groups = cherkasy.indicators.drop_duplicates(["group", "number"]).group.value_counts()
    assert groups.to_dict() == {"cost": 3, "output": 5, "efficiency": 4, "quality": 3}


def test_a_second_row_of_money_from_another_source_is_a_row_of_its_own(cherkasy):
    funding = cherkasy.funding.set_index(["measure_id", "year"]).amount_kuah
    assert funding[("1.1", "2025")] == 18400 and funding[("1.1#2", "2025")] == 12000
    measures = cherkasy.measures.set_index("measure_id")
    assert funding[("1.1#2", "2026")] == 15000 and measures.total_stated_kuah["1.1#2"] == 27000
    assert measures.funding_source["1.1#2"] == "державний бюджет (ДФРР)"
    assert measures.content["1.1#2"] == measures.content["1.1"]
    assert _findings(cherkasy, "duplicate_ids").empty  # a source's row is no repeated number
    assert _findings(cherkasy, "stray_numbers").empty
    # direction I adds both rows: its ВСЬОГО agrees
    totals = cherkasy.section_totals.set_index(["section", "year"])
    assert totals.delta_kuah[("1", "2025")] == 0 and totals.stated_kuah[("1", "2025")] == 38130


def test_a_parent_in_which_with_dashes_counts_and_its_parts_do_not(cherkasy):
    measures = cherkasy.measures.set_index("measure_id")
    assert measures.counts_in_total["2.3"]
    assert not measures.counts_in_total["2.3.1"] and not measures.counts_in_total["2.3.2"]
    assert _findings(cherkasy, "breakdown_sum").empty


def test_every_planted_inconsistency_is_found_once_and_nothing_else_is_an_error(cherkasy):
    errors = cherkasy.findings[cherkasy.findings.severity == "error"]
    found = sorted((r.check, r.line) for r in errors.itertuples())
    # 2.2's total (line 121) once; direction II's 2026 (128) and the РАЗОМ it breaks (146);
    # the passport against Table 6.1 and against the measures (47); efficiency 3.2 (174)
    assert found == sorted([("row_total", 121), ("section_total", 128), ("grand_total", 146),
                            ("passport_total", 47), ("totals_vs_measures", 47),
                            ("efficiency_ratio", 174)]), found


def test_a_header_line_ending_in_razom_is_the_header(tmp_path, cherkasy):
    """Same text, header's last column «Разом»: before, «рядок Разом: очікується 5 сум»."""
    header = next(i for i, line in enumerate(_lines()) if line.rstrip("\t").endswith("Разом"))
    assert "2025 рік" in _lines()[header]  # the test's premise: it is the header line
    assert cherkasy.document.annex_a.grand_total.source_line == 146


def test_a_same_source_row_under_a_measure_stays_stray_numbers(tmp_path):
    """A second row whose source is the measure's own is no share of another source (No.
    1685's page layout prints such rows): its numbers are strays, named, not money added."""
    lines = _lines()
    at = next(i for i, line in enumerate(lines) if "державний бюджет (ДФРР)" in line)
    lines[at] = lines[at].replace("державний бюджет (ДФРР)", "бюджет громади")
    path = tmp_path / "decision.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    program = load_program(path)
    assert "1.1#2" not in set(program.measures.measure_id)
    strays = _findings(program, "stray_numbers")
    assert len(strays) and (strays.line == at + 1).all()
    assert Decimal(str(program.funding.set_index(["measure_id", "year"]).amount_kuah[
        ("1.1", "2025")])) == 18400


def test_a_template_names_the_programme_not_the_passports_first_item(cherkasy, tmp_path):
    """Passport item 1 of this programme is its initiator («Департамент … міської ради»)."""
    from openpyxl import load_workbook

    from zhytomyr_kpi import actuals as act

    path = tmp_path / "t.xlsx"
    path.write_bytes(act.template_bytes(cherkasy, "2025", 1))
    first = load_workbook(path)[act.SHEET_INFO]["A1"].value
    assert "програми «Енергоефективні Черкаси»" in first and "Департамент" not in first


def test_the_efficiency_command_says_why_costs_are_not_checked_against_measures(capsys):
    from zhytomyr_kpi.cli import main

    assert main(["efficiency", str(TEXT)]) == 0
    out = capsys.readouterr().out
    assert "Не звірено: рішення не каже, які заходи додатка А покриває" in out
    assert main(["efficiency"]) == 0
    out = capsys.readouterr().out
    assert "cost-" not in out and "9. Обсяг видатків" in out  # No. 1685's reviewed map


def test_the_passports_sub_items_by_source_are_read(cherkasy):
    """«9.1.⇥кошти бюджету … громади⇥184 320,0» under item 9: each source, checked."""
    found = {f.source: f.cell.value for f in cherkasy.document.passport_funding}
    assert found == {"total": Decimal("273020.0"), "local": Decimal("184320.0"),
                     "state": Decimal("42000.0"), "other": Decimal("46880.0")}


def _variant(tmp_path, edit):
    lines = _lines()
    edit(lines)
    path = tmp_path / "decision.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load_program(path)


def _at(lines, starts):
    return next(i for i, line in enumerate(lines) if line.startswith(starts))


def test_a_parent_in_which_of_dashes_only_leaves_the_money_to_its_parts(tmp_path):
    def dashes(lines):
        cells = lines[_at(lines, "2.3.\t")].split("\t")
        source = next(i for i, c in enumerate(cells) if c == "бюджет громади")
        cells[source + 1: source + 6] = ["-"] * 5
        lines[_at(lines, "2.3.\t")] = "\t".join(cells)

    program = _variant(tmp_path, dashes)
    measures = program.measures.set_index("measure_id")
    assert measures.counts_in_total["2.3.1"] and measures.counts_in_total["2.3.2"]
    wrong = program.findings[program.findings.check == "section_total"]
    assert list(wrong.line) == [128]  # only the planted 2026 total of direction II


def test_a_parent_and_its_part_with_rows_of_another_source_add_up(tmp_path):
    row = "\t\t\t\t\tдержавний бюджет\t-\t1 000,0\t-\t-\t1 000,0\t"

    def both(lines):
        lines.insert(_at(lines, "2.3.1.\t"), row)  # after 2.3
        lines.insert(_at(lines, "2.3.2.\t"), row)  # after 2.3.1

    program = _variant(tmp_path, both)
    ids = set(program.measures.measure_id)
    assert {"2.3#2", "2.3.1#2"} <= ids
    assert program.findings[program.findings.check == "breakdown_sum"].empty


def test_a_row_of_another_source_with_dashes_only_is_its_own_row(tmp_path):
    def dash_row(lines):
        lines.insert(_at(lines, "1.3.\t"), "\t\t\t\t\tдержавний бюджет\t-\t-\t-\t-\t-\t")

    program = _variant(tmp_path, dash_row)
    measures = program.measures.set_index("measure_id")
    assert measures.funding_source["1.2"] == "бюджет громади"
    assert measures.funding_source["1.2#2"] == "державний бюджет"
    assert "- - -" not in measures.expected_result["1.2"]
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    assert funding[("1.2", "2025")] == 6500


def test_directions_numbered_ten_and_beyond():
    from zhytomyr_kpi.document.vocabulary import SECTION_HEADING, section_number

    for printed, number in (("10. Інші заходи", 10), ("XII. Інші заходи", 12),
                            ("ІХ. Інші заходи", 9), ("Напрям 11. Інші заходи", 11)):
        match = SECTION_HEADING.match(printed)
        assert match and section_number(match.group(1)) == number, printed


def test_a_measures_text_beginning_with_an_initial_is_no_direction(tmp_path):
    """«V. Стуса⇥⇥попередньо ізольованих труб» continues 2.4 (a street named after a person);
    it is not direction 5."""
    def initial(lines):
        at = next(i for i, line in enumerate(lines) if "попередньо ізольованих труб" in line)
        lines[at] = "V. Стуса" + lines[at]

    program = _variant(tmp_path, initial)
    assert [s.number for s in program.document.annex_a.sections] == [1, 2, 3, 4]
    row = program.measures.set_index("measure_id").loc["2.4"]
    text = f"{row.task} {row.content}"
    assert "V. Стуса" in text and "попередньо ізольованих труб" in text
    assert program.findings[program.findings.check == "section_total"].line.tolist() == [128]
