"""Table 6.1 as departments write it: sources in more detail than the form's five («кошти
інвесторів» and «інші джерела», both «other») are compared as their sum, each printed row kept
with its label and line and checked on its own (issue 19)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program

STATE_ROW = syn._row("державний бюджет", "0,0", "0,0", "0,0", "0,0")
OTHER_ROWS = "\n".join([syn._row("кошти інвесторів", "1,0", "0,0", "0,0", "1,0"),
                        syn._row("інші джерела", "2,0", "0,0", "0,0", "5,0")])


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.fixture
def two_other(tmp_path):
    text = syn.document().replace(STATE_ROW, OTHER_ROWS)
    assert OTHER_ROWS in text
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    return text, load_program(path)


def test_two_rows_of_one_source_are_one_row_of_their_sum_with_both_kept(two_other):
    text, program = two_other
    other = next(r for r in program.document.resources if r.source == "other")
    first, second = _line_of(text, "кошти інвесторів"), _line_of(text, "інші джерела")
    assert [(p.label, p.source_line) for p in other.parts] == [("кошти інвесторів", first),
                                                                ("інші джерела", second)]
    assert other.amounts["2018"].value == Decimal("3.0")
    assert other.amounts["2018"].text == "1,0 + 2,0"
    assert other.amounts["total"].value == Decimal("6.0")
    frame = program.resources
    rows = frame[(frame.source == "other") & (frame.year == "2018")]
    assert len(rows) == 1 and rows.iloc[0].label == "кошти інвесторів + інші джерела"
    assert rows.iloc[0].amount_kuah == pytest.approx(3.0)


def test_the_sum_is_compared_and_each_printed_row_is_checked_on_its_own(two_other):
    text, program = two_other
    findings = [f for f in program.all_findings if f.check == "resources_internal"]
    second = _line_of(text, "інші джерела")
    # the total row (all money local) is now 3,0 short of its sources in 2018
    total = next(f for f in findings if f.severity == "error" and f.year == "2018")
    assert total.computed - total.stated == Decimal("3.0")
    # «інші джерела» says 5,0 in all but its stages add to 2,0: named on its own line
    row = next(f for f in findings if f.source_line == second and f.severity == "error")
    assert (row.stated, row.computed) == (Decimal("5.0"), Decimal("2.0"))
    note = next(f for f in findings if f.severity == "info")
    assert f"(рядок {_line_of(text, 'кошти інвесторів')})" in note.message
    assert f"(рядок {second})" in note.message and "«інші джерела»" in note.message


def test_two_rows_of_the_total_are_a_contradiction_not_a_sum(tmp_path):
    text = syn.document().replace(STATE_ROW, syn._row("Усього", "1,0", "0,0", "0,0", "1,0"))
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match="два рядки загального обсягу") as caught:
        load_program(path)
    assert caught.value.line == _line_of(text, "Усього")


def test_the_passport_total_is_placed_by_the_item_number_the_programme_gives_it(tmp_path):
    text = syn.document(passport_total="99,0").replace("10.\tЗагальний обсяг",
                                                       "8.\tЗагальний обсяг")
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    [finding] = [f for f in load_program(path).all_findings if f.check == "passport_total"]
    assert finding.location.startswith("паспорт, п. 8 (рядок ")
    assert finding.stated == Decimal("99.0")


def test_a_programme_printed_in_hryvnias_says_its_findings_are_in_thousands(tmp_path, capsys):
    import json

    from zhytomyr_kpi.cli import main

    text = syn.document().replace("Таблиця 6.1.", "Таблиця 6.1.\nРесурсне забезпечення (грн)")
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    program = load_program(path)
    assert program.document.printed_units == {"таблиця 6.1": Decimal("0.001")}
    main(["validate", str(path), "--json", str(tmp_path / "out.json")])
    out = capsys.readouterr().out
    assert out.splitlines()[1] == ("Суми документа надруковано в грн (таблиця 6.1); у знахідках "
                                   "і таблицях їх перераховано в тис. грн")
    saved = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["document"]
    assert saved["amounts_unit"] == "kuah" and saved["printed_units"] == {"таблиця 6.1": 0.001}
    plain = tmp_path / "plain.txt"
    plain.write_text(syn.document(), encoding="utf-8")
    assert load_program(plain).document.money_note == ""


def _load(tmp_path, text):
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    return load_program(path)


LOCAL_ROW = syn._row("місцевий бюджет", *syn.GRAND, syn.GRAND_TOTAL)


def test_rows_in_which_under_a_source_are_its_parts_not_sources_of_their_own(tmp_path):
    halves = [str(Decimal(v.replace(",", ".").replace(" ", "")) / 2).replace(".", ",")
              for v in (*syn.GRAND, syn.GRAND_TOTAL)]
    details = "\n".join([syn._row("у т.ч. загальний фонд місцевого бюджету", *halves),
                         syn._row("спеціальний фонд місцевого бюджету", *halves)])
    text = syn.document().replace(LOCAL_ROW, LOCAL_ROW + "\n" + details)
    program = _load(tmp_path, text)
    local = next(r for r in program.document.resources if r.source == "local")
    assert [d.label for d in local.details] == ["у т.ч. загальний фонд місцевого бюджету",
                                                "спеціальний фонд місцевого бюджету"]
    assert not local.parts  # not summed into the source: counted once
    money = [f for f in program.all_findings if f.check == "resources_internal"]
    assert [f.severity for f in money] == ["info"] and "складові рядка" in money[0].message
    # parts that add up to more than their row are named
    bigger = text.replace(details, details.replace(halves[0], halves[0] + "1", 1))
    money = [f for f in _load(tmp_path, bigger).all_findings if f.check == "resources_internal"]
    assert any(f.severity == "warning" and "більше за сам рядок" in f.message for f in money)


def test_a_source_cell_without_a_number_leaves_its_column_unchecked_not_misadded(tmp_path):
    text = syn.document().replace(STATE_ROW, syn._row("державний бюджет", "за договорами", "0,0",
                                                      "0,0", "0,0"))
    program = _load(tmp_path, text)
    assert not [f for f in program.all_findings
                if f.check == "resources_internal" and f.severity == "error"]
    [cell] = [f for f in program.all_findings if f.check == "non_numeric_amounts"]
    assert "«державний бюджет» за 2018 без числа: «за договорами»" in cell.message


def test_a_dash_in_table_6_1_is_no_money_and_not_funded_is_a_known_row(tmp_path):
    text = syn.document().replace(STATE_ROW, syn._row("державний бюджет", "-", "-", "-", "-")
                                  + "\n" + syn._row("Не потребує фінансування", "-", "-", "-", "-"))
    program = _load(tmp_path, text)
    assert not [f for f in program.all_findings
                if f.check in ("non_numeric_amounts", "wordings", "resources_internal")
                and f.severity != "info"]


def test_numbers_on_a_direction_heading_are_strays_not_lost(tmp_path):
    text = syn.document().replace("\n2. Другий напрям\n", "\n" + syn._row(
        "2. Другий напрям", "", "", "", "", "", "7,0", "8,0", "9,0", "24,0", "") + "\n", 1)
    [stray] = [f for f in _load(tmp_path, text).all_findings if f.check == "stray_numbers"]
    assert stray.stated_text == "7,0; 8,0; 9,0; 24,0"


def test_the_passport_split_on_its_own_line_and_a_total_without_spaces_are_read(tmp_path):
    text = syn.document(passport_total="7850").replace(
        "тис. грн, в т.ч.:\t\t", "тис. грн, в т.ч.:\t\t\n\tу тому числі коштів місцевого "
        "бюджету\t99,0 тис. грн", 1)
    program = _load(tmp_path, text)
    funding = {f.source: f.cell.value for f in program.document.passport_funding}
    assert funding == {"total": Decimal("7850"), "local": Decimal("99.0")}
    found = [f for f in program.all_findings if f.check == "passport_total"]
    assert {f.stated for f in found} == {Decimal("7850"), Decimal("99.0")}


def test_the_markdown_summary_shows_what_an_input_says_and_obeys_none_of_it(tmp_path):
    from zhytomyr_kpi.views.summary import markdown

    label = "кошти <img src=x onerror=alert(1)> | **спонсорів**\u202e_x_"
    text = syn.document().replace(STATE_ROW, syn._row(label, "0,0", "0,0", "0,0", "0,0"))
    out = markdown(_load(tmp_path, text))
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "\u202e" not in out and "⟨U+202E⟩" in out
    row = next(line for line in out.splitlines() if "onerror" in line)
    assert row.count(" | ") == 6  # the label's «|» does not make another cell
    assert "\\*\\*спонсорів\\*\\*" in row and "\\_x\\_" in row


def _after_grand(extra: str) -> str:
    grand = next(line for line in syn.document().splitlines() if "\tРАЗОМ\t" in line)
    return syn.document().replace(grand, grand + "\n" + extra)


def test_the_split_of_razom_by_source_is_compared_with_the_measures(tmp_path):
    split = syn._row("", "", "", "", "у тому числі: місцевий бюджет", "1,0", *syn.GRAND[1:],
                     syn.GRAND_TOTAL, "")
    program = _load(tmp_path, _after_grand(split))
    [row] = program.document.annex_a.grand_split
    assert row.source == "local" and row.amounts["2018"].value == Decimal("1.0")
    found = [f for f in program.all_findings if f.check == "totals_vs_measures"
             and f.location.startswith("додаток А під рядком РАЗОМ")]
    assert [f.year for f in found] == ["2018"] and found[0].stated == Decimal("1.0")


@pytest.mark.parametrize("extra, what", [
    (syn._row("3.1.", "Завдання", "Зміст", "2018", "Управління", "", "1,0", "1,0", "1,0", "3,0",
              ""), "захід 3.1"),
    (syn._row("", "", "", "", "", "", "1,0", "1,0", "1,0", "3,0", ""), "рядок сум"),
    (syn._row("", "", "", "", "ВСЬОГО", "1,0", "1,0", "1,0", "3,0", ""), "рядок ВСЬОГО"),
])
def test_money_after_razom_is_an_error_never_dropped(tmp_path, extra, what):
    with pytest.raises(ParseError, match=f"додаток А триває: {what}"):
        _load(tmp_path, _after_grand(extra))


def test_a_measure_of_no_one_known_source_turns_a_shortfall_it_explains_into_an_info(tmp_path):
    # 2.2's source becomes two sources: its money belongs to no one source
    m22 = syn.measure("2.2.", syn.M22, syn.M22_TOTAL)
    text = syn.document().replace(m22, m22.replace("Місцевий бюджет",
                                                   "Місцевий бюджет, державний бюджет"))
    found = [f for f in _load(tmp_path, text).all_findings
             if f.check == "totals_vs_measures" and "місцевий бюджет" in f.location]
    assert found and all(f.severity == "info" for f in found)
    assert "без одного відомого джерела (захід 2.2" in found[0].message
    # the state row claims money no measure has: an error, the unknown measure cannot explain it
    more = text.replace(STATE_ROW, syn._row("державний бюджет", "0,0", "0,0", "0,0", "999,0"))
    found = [f for f in _load(tmp_path, more).all_findings
             if f.check == "totals_vs_measures" and "державний бюджет" in f.location]
    assert any(f.severity == "error" and f.stated == Decimal("999.0") for f in found)


@pytest.mark.parametrize("unit", ["тис. гривень", "тисяч грн", "(сорок) тис. грн"])
def test_the_passport_total_in_other_words_for_thousands_is_read(tmp_path, unit):
    text = syn.document(passport_total="99,0").replace("99,0 тис. грн", f"99,0 {unit}")
    funding = {f.source: f.cell.value for f in _load(tmp_path, text).document.passport_funding}
    assert funding["total"] == Decimal("99.0")


def test_a_passport_split_in_the_genitive_or_in_prose_on_its_own_line_is_read(tmp_path):
    text = syn.document().replace("тис. грн, в т.ч.:\t\t", "тис. грн, в т.ч.:\t\t\n\tу тому "
                                  "числі: кошти місцевого бюджету – 70,0 тис. грн; кошти "
                                  "державного бюджету – 8,5 тис. грн\n\tкоштів меценатів\t1,0 "
                                  "тис. грн", 1)
    program = _load(tmp_path, text)
    funding = {f.source: f.cell.value for f in program.document.passport_funding}
    assert funding == {"total": Decimal("78.5"), "local": Decimal("70.0"),
                       "state": Decimal("8.5"), "other": Decimal("1.0")}
    [wording] = [f for f in program.all_findings if f.check == "wordings"]
    assert "«коштів меценатів»" in wording.message


def test_a_passport_without_a_readable_total_says_so_even_with_its_split(tmp_path):
    text = syn.document().replace("– 78, 5 тис. грн", "– сімдесят вісім тис. грн").replace(
        "тис. грн, в т.ч.:\t\t", "тис. грн, в т.ч.:\t\t\n\tу тому числі коштів місцевого "
        "бюджету\t70,0 тис. грн", 1)
    found = [f for f in _load(tmp_path, text).all_findings if f.check == "passport_total"]
    assert any("не знайдено загального обсягу" in f.message for f in found)


def test_razom_closing_every_direction_reads_with_a_vocabulary_row(tmp_path):
    text = syn.document().replace("ВСЬОГО\t", "Разом\t")
    folder = tmp_path / "programme"
    folder.mkdir()
    (folder / "vocabulary.csv").write_text("kind,wording,meaning,reason\ntotal_row,Разом,section,"
                                           "Так пише управління\n", encoding="utf-8")
    path = folder / "decision.txt"
    path.write_text(text, encoding="utf-8")
    program = load_program(path)
    plain = _load(tmp_path, syn.document())
    assert [t.section for t in program.document.annex_a.totals] == ["1", "2"]
    assert program.document.annex_a.grand_total.amounts["total"].value == (
        plain.document.annex_a.grand_total.amounts["total"].value)
    assert not [f for f in program.all_findings if f.severity == "error"]


def test_a_negative_planned_amount_is_named(tmp_path):
    m22 = syn.measure("2.2.", syn.M22, syn.M22_TOTAL)
    text = syn.document().replace(m22, m22.replace(f"\t{syn.M22[0]}\t", "\t-150,0\t", 1))
    found = [f for f in _load(tmp_path, text).all_findings if f.check == "non_numeric_amounts"]
    assert any("від'ємна сума «-150,0»" in f.message for f in found)


def test_thin_and_narrow_no_break_spaces_between_thousands_are_spaces():
    from zhytomyr_kpi.document.numbers import parse_number

    assert parse_number("1\u202f480,0") == parse_number("1\u2009480,0") == Decimal("1480.0")


def test_a_utf16_decision_is_named_as_such(tmp_path, capsys):
    from zhytomyr_kpi.cli import main

    path = tmp_path / "decision.txt"
    path.write_bytes(syn.document().encode("utf-16"))
    assert main(["validate", str(path)]) == 2
    assert "UTF-16" in capsys.readouterr().err


def test_two_split_rows_of_one_source_under_razom_are_compared_as_their_sum(tmp_path):
    half = [str(Decimal(v.replace(",", ".").replace(" ", "")) / 2).replace(".", ",")
            for v in (*syn.GRAND, syn.GRAND_TOTAL)]
    split = "\n".join([syn._row("", "", "", "", "міський бюджет", *half, ""),
                       syn._row("", "", "", "", "бюджет громади", *half, "")])
    program = _load(tmp_path, _after_grand(split))
    [row] = program.document.annex_a.grand_split
    assert row.source == "local" and len(row.parts) == 2
    assert not [f for f in program.all_findings if f.check == "totals_vs_measures"
                and f.severity == "error"]


@pytest.mark.parametrize("cell, code", [
    ("міський бюджет, кошти інвесторів", None), ("Місцевий бюджет, бюджет громади", "local"),
    ("Інші джерела, не заборонені законодавством", "other"),
    ("міський бюджет та кошти підприємств", None)])
def test_a_source_cell_of_several_parts_has_one_code_only_if_every_part_has_it(cell, code):
    from zhytomyr_kpi.checks.audit import funding_code
    assert funding_code(cell) == code


def test_a_prose_split_joined_by_ta_and_with_shares_in_brackets_is_read(tmp_path):
    text = syn.document().replace("тис. грн, в т.ч.:", "тис. грн, з них: місцевий бюджет – 70,0 "
                                  "тис. грн (89,2 %) та державний бюджет – 8,5 тис. грн")
    funding = {f.source: f.cell.value for f in _load(tmp_path, text).document.passport_funding}
    assert funding == {"total": Decimal("78.5"), "local": Decimal("70.0"),
                       "state": Decimal("8.5")}


def test_a_passport_line_that_names_no_money_is_not_taken_for_a_source(tmp_path):
    text = syn.document().replace("тис. грн, в т.ч.:\t\t", "тис. грн, в т.ч.:\t\t\n\tна перший "
                                  "етап\t40,0 тис. грн", 1)
    program = _load(tmp_path, text)
    assert {f.source for f in program.document.passport_funding} == {"total"}
    assert not [f for f in program.all_findings if f.check == "wordings"]
