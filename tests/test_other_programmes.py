"""Programmes of the standard form other than No. 1685: generated, read back exactly.

Other years, one- to five-year terms, three to six directions, ids four levels deep, the
alternative headings real decisions use, no Table 6.1, no Annex B, «в т. ч.» parents found
from their text. Each generated document is consistent, so every check must pass; then one
inconsistency at a time is put in and must be the only finding.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program
from zhytomyr_kpi.cli import main

VARIANTS = {
    "three_years_later": dict(years=("2021", "2022", "2023")),
    "two_years": dict(years=("2024", "2025"), directions=3),
    "five_years_six_directions": dict(years=("2021", "2022", "2023", "2024", "2025"),
                                      directions=6),
    "one_year": dict(years=("2026",), directions=4),
    "deep_numbering": dict(depth=4, seed=3),
    "ordinary_case_headings": dict(headings="ordinary_case", seed=5),
    "unnumbered_alternative_headings": dict(headings="unnumbered", seed=7),
    "breakdown_parents": dict(breakdown=True, directions=3, seed=11),
    "no_resources_table": dict(resources=False, seed=13),
    "no_annex_b": dict(annex_b=False, seed=17),
    "total_before_the_years": dict(total_first=True, years=("2020", "2021"), seed=23),
    "annex_b_without_baseline": dict(baseline=False, seed=29),
    "table_of_contents_without_page_numbers": dict(contents=True, headings="ordinary_case",
                                                   seed=37),
    "everything_at_once": dict(years=("2019", "2020", "2021", "2022", "2023"), directions=6,
                               depth=4, headings="ordinary_case", breakdown=True,
                               resources=False, seed=19),
}


def _load(write_doc, gen: syn.Generated):
    return load_program(write_doc(gen.text))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_generated_programme_round_trips_every_amount(write_doc, variant):
    gen = syn.programme(**VARIANTS[variant])
    program = _load(write_doc, gen)
    assert program.years == gen.years
    assert program.term_label == (gen.years[0] if len(gen.years) == 1
                                  else f"{gen.years[0]}-{gen.years[-1]}")
    read = {m.measure_id: m for m in program.document.annex_a.measures}
    assert set(read) == set(gen.amounts)
    for measure_id, amounts in gen.amounts.items():
        for column, value in amounts.items():
            assert read[measure_id].amounts[column].value == value, (measure_id, column)
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    assert len(funding) == len(gen.amounts) * len(gen.years)
    for (measure_id, year), value in funding.items():
        assert Decimal(str(value)) == gen.amounts[measure_id][year]
    counted = program.measures.set_index("measure_id").counts_in_total
    assert counted.to_dict() == gen.counted
    totals = program.section_totals.set_index(["section", "year"]).stated_kuah
    for section, amounts in {**gen.sections, "total": gen.grand}.items():
        for column, value in amounts.items():
            assert Decimal(str(totals[(section, column)])) == value
    program.validate_schemas()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_generated_programme_is_consistent(write_doc, variant):
    options = VARIANTS[variant]
    program = _load(write_doc, syn.programme(**options))
    problems = [f for f in program.all_findings if f.severity != "info"]
    expected = [part for part, wanted in (("resources", options.get("resources", True)),
                                          ("annex_b", options.get("annex_b", True)))
                if not wanted]
    assert [(f.check, f.computed_text) for f in problems] == [
        ("document_parts", part) for part in expected]


@pytest.mark.parametrize("variant", ["two_years", "five_years_six_directions",
                                     "no_resources_table", "no_annex_b"])
def test_every_command_runs_on_a_generated_programme(write_doc, tmp_path, capsys, variant):
    path = write_doc(syn.programme(**VARIANTS[variant]).text)
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 0
    for command in ("validate", "efficiency", "ratings"):
        assert main([command, str(path)]) == 0, command
    assert not capsys.readouterr().err


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_a_wrong_direction_total_is_the_finding(write_doc):
    gen = syn.programme(years=("2022", "2023"), directions=3, seed=2)
    stated = gen.sections["2"]["2023"]
    wrong = stated + Decimal("100")
    line = next(li for li in gen.text.split("\n") if li.startswith("\t\t\t\tВСЬОГО")
                and syn.kuah(gen.sections["2"]["2022"]) in li and syn.kuah(stated) in li)
    text = _replace_once(gen.text, line, line.replace(syn.kuah(stated), syn.kuah(wrong), 1))
    program = _load(write_doc, syn.Generated(text, gen.years))
    found = [f for f in program.all_findings if f.severity == "error"]
    section = [f for f in found if f.check == "section_total"]
    assert [(f.year, f.stated, f.computed, f.delta) for f in section] == [
        ("2023", wrong, stated, Decimal("100"))]
    assert {f.check for f in found} == {"section_total", "grand_total"}


def test_a_title_with_other_years_is_reported(write_doc):
    gen = syn.programme(years=("2021", "2022", "2023"), seed=4)
    text = _replace_once(gen.text, "«Тестова» на 2021-2023 роки", "«Тестова» на 2021-2025 роки")
    program = _load(write_doc, syn.Generated(text, gen.years))
    found = [f for f in program.all_findings if f.check == "year_spans"]
    assert [(f.stated, f.computed, f.delta, f.stated_text) for f in found] == [
        (Decimal(2025), Decimal(2023), Decimal(2), "2021-2025 роки")]


def test_passport_term_that_differs_from_the_table_is_an_error(write_doc):
    gen = syn.programme(years=("2021", "2022", "2023"), seed=6)
    text = _replace_once(gen.text, "Програми\t2021-2023 роки", "Програми\t2021-2024 роки")
    program = _load(write_doc, syn.Generated(text, gen.years))
    assert program.years == gen.years  # the table's year columns hold the money
    found = [f for f in program.all_findings if f.check == "year_spans"]
    assert [(f.severity, f.stated_text, f.computed_text) for f in found] == [
        ("error", "2021-2024", "2021-2023")]


def test_years_come_from_the_term_when_the_header_has_none(write_doc):
    gen = syn.programme(years=("2027", "2028"), seed=8)
    header = "\t".join(("№ з/п", "Завдання", "Зміст заходів", "Термін", "Виконавці",
                        "Джерела", "2027", "2028", "Всього", "Результат"))
    text = _replace_once(gen.text, header, header.replace("\t2027\t2028", "\tI\tII"))
    assert load_program(write_doc(text)).years == ("2027", "2028")


@pytest.mark.parametrize(("heading", "what"), [
    ("Напрями діяльності та заходи програми", "додаток А"),
    ("Паспорт програми", "ПАСПОРТ ПРОГРАМИ"),
])
def test_a_missing_essential_part_is_exit_2_naming_it(write_doc, tmp_path, capsys, heading,
                                                      what):
    gen = syn.programme(headings="ordinary_case", seed=9)
    text = gen.text.replace(heading, "Інший текст")
    path = write_doc(text)
    with pytest.raises(ParseError, match=what):
        load_program(path)
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and what in err and not (tmp_path / "out").exists()


def test_a_skipped_part_number_is_reported(write_doc):
    gen = syn.programme(years=("2021", "2022"), directions=3, breakdown=True, seed=10)
    text = _replace_once(gen.text, "\n1.2.2.\t", "\n1.2.3.\t")
    program = _load(write_doc, syn.Generated(text, gen.years))
    found = [f for f in program.all_findings if f.check == "numbering"]
    assert [(f.stated, f.computed, f.computed_text) for f in found] == [
        (Decimal(2), Decimal(3), "1.2.2")]


def test_annex_b_without_a_baseline_column_has_only_the_years(write_doc):
    program = _load(write_doc, syn.programme(baseline=False, years=("2021", "2022"), seed=31))
    assert program.document.periods == ("2021", "2022")
    assert set(program.indicators.period) == {"2021", "2022"}


def test_passport_ends_at_the_next_heading_in_ordinary_case(write_doc):
    program = _load(write_doc, syn.programme(headings="ordinary_case", seed=41))
    assert len(program.document.kpi_targets) == 1
    assert "Текст розділу" not in program.passport.value_full.iloc[-1]


def test_no_1685_with_headings_in_ordinary_case_reads_the_same(write_doc, program):
    from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT, REVIEWED_DIR

    text = DEFAULT_DOCUMENT.read_text(encoding="utf-8")
    for old, new in (("\n1. ПАСПОРТ ПРОГРАМИ\n", "\nПаспорт міської цільової програми\n"),
                     ("НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
                      "Напрями діяльності та заходи реалізації програми"),
                     ("ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ", "Результативні показники програми")):
        text = _replace_once(text, old, new)
    # the same lines, so the reviewed quirks of No. 1685 still apply when chosen explicitly
    other = load_program(write_doc(text), quirks=REVIEWED_DIR)
    assert other.funding.equals(program.funding)
    assert other.findings.equals(program.findings)
