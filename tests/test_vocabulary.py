"""The form's vocabulary as data (issue 19, item 1): an unknown wording is a finding naming the
line and the file to extend, the rest is read; a ``vocabulary.csv`` extends the words without a
code change (shipped, the project's ``config/``, next to the decision)."""

from __future__ import annotations

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.document import wordings

HEADER = "kind,wording,meaning,reason\n"


@pytest.fixture(autouse=True)
def _no_project_vocabulary(tmp_path, monkeypatch):
    """The project's own config/vocabulary.csv (if a department made one) stays out."""
    monkeypatch.setattr(wordings, "PROJECT", tmp_path / "no-project" / "vocabulary.csv")


def _decision(tmp_path, text: str, vocabulary: str | None = None):
    folder = tmp_path / "programme"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "decision.txt"
    path.write_text(text, encoding="utf-8")
    if vocabulary is not None:
        (folder / "vocabulary.csv").write_text(HEADER + vocabulary, encoding="utf-8")
    return path


def _wording_findings(program):
    return [f for f in program.all_findings if f.check == "wordings"]


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_the_synthetic_decision_has_no_unknown_wording(tmp_path):
    program = load_program(_decision(tmp_path, syn.document()))
    assert _wording_findings(program) == []
    assert program.checks.set_index("check").loc["wordings", "status"] == "PASS"


def test_an_unknown_source_is_read_by_its_place_and_named_with_its_line(tmp_path):
    text = syn.document().replace(
        "1.2\tЗавдання\tЗміст заходу\t2018\tУправління\tМісцевий бюджет",
        "1.2\tЗавдання\tЗміст заходу\t2018\tУправління\tКошти благодійних фондів")
    program = load_program(_decision(tmp_path, text))
    m12 = program.measures.set_index("measure_id").loc["1.2"]
    assert m12.funding_source == "Кошти благодійних фондів"
    assert m12.executors == "Управління"
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    assert float(funding["1.2", "2018"]) == 5.5  # amounts where they stand, nothing shifted
    [finding] = _wording_findings(program)
    assert finding.source_line == _line_of(text, "1.2\t")
    assert "«Кошти благодійних фондів»" in finding.message
    assert str(wordings.PROJECT) in finding.message  # the file a department extends
    assert not [f for f in program.all_findings if f.check == "section_total"]


def test_an_unknown_source_on_the_second_line_of_a_measure_is_read_by_its_place(tmp_path):
    text = syn.document().replace(
        "1.2\tЗавдання\tЗміст заходу\t2018\tУправління\tМісцевий бюджет",
        "1.2\tЗавдання, назва якого\n\tпродовжується\tЗміст заходу\t2018\tУправління"
        "\tКошти благодійних фондів")
    program = load_program(_decision(tmp_path, text))
    m12 = program.measures.set_index("measure_id").loc["1.2"]
    assert m12.funding_source == "Кошти благодійних фондів"
    assert m12.source_line == _line_of(text, "1.2\t")
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    assert float(funding["1.2", "2018"]) == 5.5
    [finding] = _wording_findings(program)
    assert finding.source_line == _line_of(text, "1.2\t") + 1
    assert "«Кошти благодійних фондів»" in finding.message


def test_a_vocabulary_file_next_to_the_decision_extends_the_words(tmp_path):
    text = syn.document().replace(
        "1.2\tЗавдання\tЗміст заходу\t2018\tУправління\tМісцевий бюджет",
        "1.2\tЗавдання\tЗміст заходу\t2018\tУправління\tКошти благодійних фондів").replace(
        "державний бюджет\t", "кошти Фонду розвитку\t")
    program = load_program(_decision(
        tmp_path, text, "source,кошти благодійних фондів,other,Благодійна допомога\n"
                        "source,кошти * розвитку,state,Державний фонд\n"))
    assert _wording_findings(program) == []
    assert set(program.resources.source) == {"total", "local", "state"}


def test_an_unknown_table_source_is_counted_as_other_and_named(tmp_path):
    text = syn.document().replace("державний бюджет\t", "кошти платників\t")
    program = load_program(_decision(tmp_path, text))
    assert "other" in set(program.resources.source)
    [finding] = _wording_findings(program)
    assert "«кошти платників»" in finding.message and "інші джерела" in finding.message
    assert finding.source_line == _line_of(text, "кошти платників")


def test_an_unknown_group_is_named_and_its_indicators_are_not_put_in_the_group_above(tmp_path):
    text = syn.document().replace("ПОКАЗНИКИ ПРОДУКТУ", "ПОКАЗНИКИ ВИХОДУ")
    program = load_program(_decision(tmp_path, text))
    assert set(program.indicators.group) == {"cost", "efficiency", "quality"}
    plain = load_program(_decision(tmp_path, syn.document()))
    cost = plain.indicators[plain.indicators.group == "cost"]
    assert len(program.indicators[program.indicators.group == "cost"]) == len(cost)
    [finding] = _wording_findings(program)
    assert "«ПОКАЗНИКИ ВИХОДУ»" in finding.message
    # named as a group, it is read as that group
    named = load_program(_decision(tmp_path, text, "indicator_group,показники виходу,output,"
                                                   "Старе слово\n"))
    assert set(named.indicators.group) == set(plain.indicators.group)
    assert _wording_findings(named) == []


def test_an_unknown_total_row_is_read_by_its_place_and_named(tmp_path):
    text = syn.document().replace("ВСЬОГО\t", "Підсумок за напрямом 1\t", 1)
    program = load_program(_decision(tmp_path, text))
    [finding] = _wording_findings(program)
    assert "«Підсумок за напрямом 1»" in finding.message
    assert "прочитано за місцем як ВСЬОГО напряму 1" in finding.message
    assert "«total_row,Підсумок за напрямом 1,section,…»" in finding.message
    plain = load_program(_decision(tmp_path / "plain", syn.document()))
    assert [(t.section, t.amounts["total"].value) for t in program.document.annex_a.totals] == [
        (t.section, t.amounts["total"].value) for t in plain.document.annex_a.totals]
    assert not [f for f in program.all_findings if f.severity == "error"]
    named = load_program(_decision(tmp_path, text, "total_row,підсумок за напрямом *,section,"
                                                   "Так пише управління\n"))
    assert _wording_findings(named) == []
    assert not [f for f in named.all_findings if f.severity == "error"]


def _renamed_totals(section: str, grand: str) -> str:
    text = syn.document()
    text = text.replace("ВСЬОГО\t", f"{section} 1\t", 1).replace("ВСЬОГО\t", f"{section} 2\t", 1)
    return text.replace("\tРАЗОМ\t", f"\t{grand}\t")


def test_unknown_total_rows_of_every_level_are_read_by_their_place(tmp_path):
    text = _renamed_totals("Підсумок по напряму", "Загалом по Програмі")
    program = load_program(_decision(tmp_path, text))
    plain = load_program(_decision(tmp_path / "plain", syn.document()))
    annex, expected = program.document.annex_a, plain.document.annex_a
    assert annex.grand_total.amounts == expected.grand_total.amounts
    assert annex.grand_total.source_line == _line_of(text, "\t\t\t\tЗагалом")
    assert [t.amounts for t in annex.totals] == [t.amounts for t in expected.totals]
    findings = _wording_findings(program)
    assert len(findings) == 3 and not [f for f in program.all_findings if f.severity == "error"]
    # the two numbered subtotals get one row with «*»; the programme's total its own
    assert sum("«total_row,Підсумок по напряму *,section,…»" in f.message for f in findings) == 2
    assert "«total_row,Загалом по Програмі,grand,…»" in findings[2].message
    rows = ("total_row,Підсумок по напряму *,section,Так пише управління\n"
            "total_row,Загалом по Програмі,grand,Так пише управління\n")
    assert _wording_findings(load_program(_decision(tmp_path, text, rows))) == []


def test_a_total_read_by_place_that_does_not_end_the_annex_is_an_error(tmp_path):
    # a programme-like total after the direction's ВСЬОГО, and more measures after it
    text = syn.document().replace("\n2. Другий напрям", "\n" + syn._row(
        "Підсумок по програмі", "", "", "", "", "", "1,0", "1,0", "1,0", "3,0", "")
        + "\n2. Другий напрям", 1)
    with pytest.raises(ParseError, match="прочитано за місцем як РАЗОМ програми") as caught:
        load_program(_decision(tmp_path, text))
    assert caught.value.line == _line_of(text, "2.1.")
    assert "захід 2.1 не ввійшов би в жодну суму" in str(caught.value)
    # a new direction followed it: the row to add says it closes a direction
    assert "total_row,Підсумок по програмі,section" in str(caught.value)


def test_a_known_total_followed_by_a_measure_is_an_error_not_a_dropped_measure(tmp_path):
    grand = next(line for line in syn.document().splitlines() if "\tРАЗОМ\t" in line)
    text = syn.document().replace(grand, grand + "\n" + syn.measure("2.3.", syn.M22, syn.M22_TOTAL))
    with pytest.raises(ParseError, match="— РАЗОМ програми, але після нього додаток А триває"):
        load_program(_decision(tmp_path, text))


def test_a_task_subtotal_is_not_read_as_a_total_its_numbers_stay_strays(tmp_path):
    text = syn.document().replace("\tВСЬОГО\t", "\tВСЬОГО\t", 1).replace(
        syn.measure("1.2", syn.M12, syn.M12_TOTAL, term="2018"),
        syn.measure("1.2", syn.M12, syn.M12_TOTAL, term="2018") + "\n" + syn._row(
            "Підсумок по завданню 1", "", "", "", "", "", "1,0", "1,0", "1,0", "3,0", ""), 1)
    program = load_program(_decision(tmp_path, text))
    plain = load_program(_decision(tmp_path / "plain", syn.document()))
    def totals(p):
        return [{k: c.value for k, c in t.amounts.items()} for t in p.document.annex_a.totals]
    assert totals(program) == totals(plain)
    assert [f for f in program.all_findings if f.check == "stray_numbers"]
    [wording] = _wording_findings(program)
    assert "«Підсумок по завданню 1»" in wording.message


def test_a_total_like_row_with_a_cell_missing_is_refused_naming_it(tmp_path):
    text = syn.document().replace("ВСЬОГО\t", "Підсумок по напряму 1\t", 1)
    line = next(x for x in text.splitlines() if x.startswith("Підсумок по напряму 1"))
    cells = line.split("\t")
    short = "\t".join(cells[:6] + cells[7:])  # the first year's cell left out
    with pytest.raises(ParseError, match="має 3 суми замість 4") as caught:
        load_program(_decision(tmp_path, text.replace(line, short)))
    assert caught.value.line == _line_of(text, "Підсумок по напряму 1")


def test_a_missing_grand_total_names_the_last_total_read_by_place(tmp_path, capsys):
    text = syn.document()
    text = text.replace(text[text.index("\t\t\t\tРАЗОМ"):].split("\n", 1)[0] + "\n", "")
    text = text.replace("\t\t\t\tВСЬОГО\t", "\t\t\t\tЗагалом по Програмі\t")
    path = _decision(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "без рядка РАЗОМ" in err
    assert f"рядок {_line_of(text, chr(9) * 4 + 'Загалом')} «Загалом по Програмі»" in err
    assert "total_row,Загалом по Програмі,grand,…" in err


def test_a_term_in_words_is_read_as_a_term_not_as_content(tmp_path):
    shipped = syn.document().replace("1.2\tЗавдання\tЗміст заходу\t2018\t",
                                     "1.2\tЗавдання\tЗміст заходу\tпостійно\t")
    program = load_program(_decision(tmp_path, shipped))
    m12 = program.measures.set_index("measure_id").loc["1.2"]
    assert (m12.term, m12.content) == ("постійно", "Зміст заходу")
    assert not [f for f in program.all_findings if f.check in ("term_vs_money", "wordings")]
    unknown = shipped.replace("постійно", "коли буде змога")
    program = load_program(_decision(tmp_path, unknown))
    m12 = program.measures.set_index("measure_id").loc["1.2"]
    assert (m12.term, m12.content) == ("коли буде змога", "Зміст заходу")
    # one warning, not two: the wordings one says the term's years were not compared
    assert not [f for f in program.all_findings if f.check == "term_vs_money"]
    [wording] = _wording_findings(program)
    assert "роки його коштів із ним не звірено" in wording.message
    assert "«term,коли буде змога,whole,…»" in wording.message
    checked = {r.check: r.checked for r in program.check_results}["term_vs_money"]
    shipped_checked = {r.check: r.checked for r in load_program(
        _decision(tmp_path, shipped)).check_results}["term_vs_money"]
    assert checked == shipped_checked - 1


def test_the_project_vocabulary_applies_to_every_programme(tmp_path, monkeypatch):
    project = tmp_path / "config" / "vocabulary.csv"
    project.parent.mkdir()
    project.write_text(HEADER + "source,кошти платників,local,Податки громади\n",
                       encoding="utf-8")
    monkeypatch.setattr(wordings, "PROJECT", project)
    text = syn.document().replace("місцевий бюджет\t", "кошти платників\t")
    program = load_program(_decision(tmp_path, text))
    assert _wording_findings(program) == []
    assert "local" in set(program.resources.source)


def test_shipped_wordings_are_recognised():
    words = wordings.load(None)
    assert words.meaning("source", "Загальний фонд бюджету Житомирської міської "
                                   "територіальної громади") == "local"
    assert words.meaning("source", "КОШТИ  міжнародної технічної допомоги.") == "other"
    assert words.meaning("term", "Постійно") == "whole"
    assert words.meaning("unit", "Чол.") == "persons"
    assert words.meaning("source", "кошти невідомо звідки") is None


@pytest.mark.parametrize("row, message", [
    ("colour,червоний,red,навіщо\n", "невідомий вид «colour»"),
    ("source,кошти платників,city,навіщо\n",
     "значення «city» не підходить для виду «source» (джерело фінансування)"),
    ("source,,local,навіщо\n", "порожнє формулювання"),
    ("source,* * * * кошти,local,навіщо\n", "більше ніж 3 знаки «*»"),
    ("source,кошти платників,local,\n", "порожня причина"),
])
def test_a_wrong_vocabulary_row_is_exit_2_naming_the_file_and_row(tmp_path, capsys, row,
                                                                    message):
    path = _decision(tmp_path, syn.document(), row)
    with pytest.raises(ParseError) as caught:
        load_program(path)
    assert caught.value.line == 2 and caught.value.path.endswith("vocabulary.csv")
    assert message in str(caught.value)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "vocabulary.csv:2" in err and "Traceback" not in err


def test_the_same_wording_twice_in_one_file_is_refused_naming_both_rows(tmp_path):
    path = _decision(tmp_path, syn.document(), "source,Кошти платників,local,перша\n"
                     "source,кошти   ПЛАТНИКІВ:,other,друга\n")
    with pytest.raises(ParseError, match="уже є в рядку 2") as caught:
        load_program(path)
    assert caught.value.line == 3


def test_a_vocabulary_file_not_in_utf8_is_refused(tmp_path):
    path = _decision(tmp_path, syn.document())
    (path.parent / "vocabulary.csv").write_bytes(
        (HEADER + "source,кошти платників,local,причина\n").encode("cp1251"))
    with pytest.raises(ParseError, match="UTF-8"):
        load_program(path)


def test_a_wording_with_stars_matches_like_a_wildcard_on_any_cell():
    """«*» is any non-empty text; a long hostile cell is looked through, not searched."""
    pattern = wordings.glob("кошти * з * і * фонду")
    assert pattern.fullmatch(wordings.normalised("Кошти резервного з міського і обласного "
                                                 "фонду"))
    assert not pattern.fullmatch("кошти з і фонду")  # each «*» stands for something
    assert not pattern.fullmatch("кошти " + "з і " * 20_000 + "нічого")
    words = wordings.Wordings((wordings.Wording("source", "x*", "other", "r", "f", 2,
                                                wordings.glob("x*")),))
    assert words.meaning("source", "x" * (wordings.MAX_CELL + 1)) is None
    assert words.meaning("source", "xy") == "other"


def test_an_unknown_unit_is_named_with_the_file_to_extend_and_a_unit_row_resolves_it(tmp_path):
    text = syn.document().replace("1\tКількість навчань\tОдиниць", "1\tКількість навчань\tнавч.")
    program = load_program(_decision(tmp_path, text))
    [finding] = [f for f in program.all_findings if f.check == "indicator_units"]
    assert "«навч.»" in finding.message and "unit,навч.,…,…" in finding.message
    assert finding.source_line == _line_of(text, "1\tКількість навчань")
    output = program.indicators.query("group == 'output'").iloc[0]
    assert output.isna().unit_code
    program = load_program(_decision(tmp_path, text, "unit,навч,units,Навчання — штуки\n"))
    assert not [f for f in program.all_findings if f.check == "indicator_units"]
    output = program.indicators.query("group == 'output'").iloc[0]
    assert output.unit_code == "units" and output.unit == "навч."


def test_the_part_meanings_are_the_parts_of_the_form():
    from zhytomyr_kpi.document.vocabulary import PARTS
    assert wordings.MEANINGS["part"] == tuple(PARTS)


def test_an_unusual_annex_a_heading_is_refused_with_the_row_that_would_name_it(tmp_path, capsys):
    text = syn.document().replace("НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
                                  "3. Комплекс заходів з виконання програми")
    path = _decision(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "додаток А" in err and "«part,<заголовок>,annex_a,<причина>»" in err
    assert len(err.strip().splitlines()) == 1


def test_a_part_wording_next_to_the_decision_names_an_unusual_heading(tmp_path):
    ordinary = load_program(_decision(tmp_path / "a", syn.document()))
    text = (syn.document()
            .replace("НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
                     "3. Комплекс заходів з виконання програми")
            .replace("ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ",
                     "IV. Очікувані результати виконання програми:"))
    vocabulary = ('part,комплекс заходів з виконання *,annex_a,"Так пише управління"\n'
                  'part,очікувані результати виконання програми,annex_b,"Показники"\n')
    program = load_program(_decision(tmp_path / "b", text, vocabulary))
    assert program.funding.amount_kuah.sum() == ordinary.funding.amount_kuah.sum()
    assert len(program.measures) == len(ordinary.measures)
    assert len(program.indicators) == len(ordinary.indicators) > 0
    assert not [f for f in program.all_findings if f.check == "document_parts"]


def test_a_missing_optional_part_is_named_with_the_row_to_add(tmp_path):
    text = syn.document().replace("ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ",
                                  "Очікувані результати виконання програми")
    program = load_program(_decision(tmp_path, text))
    [finding] = [f for f in program.all_findings if f.check == "document_parts"]
    assert "додаток Б" in finding.message
    assert "part,<заголовок>,annex_b" in finding.message
    assert program.indicators.empty


def test_the_row_suggested_for_a_numbered_group_heading_reads_it(tmp_path):
    """The hint's row is what matches: «1. Показники виходу» suggests «показники виходу»."""
    import csv
    import re

    text = syn.document().replace("ПОКАЗНИКИ ПРОДУКТУ", "2. Показники виходу")
    [finding] = _wording_findings(load_program(_decision(tmp_path, text)))
    suggested = re.search(r"рядок «([^»]*)»", finding.message).group(1)
    kind, wording, _, _ = next(csv.reader([suggested]))
    assert (kind, wording) == ("indicator_group", "Показники виходу")
    named = load_program(_decision(tmp_path, text, f"{kind},{wording},output,Старе слово\n"))
    assert set(named.indicators.group) == {"cost", "output", "efficiency", "quality"}
    assert _wording_findings(named) == []


def test_a_missing_annex_a_message_keeps_the_capitals_of_the_file_to_extend(tmp_path, capsys):
    folder = tmp_path / "Програми" / "Культура"
    folder.mkdir(parents=True)
    (folder / "vocabulary.csv").write_text(HEADER, encoding="utf-8")
    path = folder / "decision.txt"
    path.write_text(syn.document().replace("НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
                                           "Комплекс заходів"), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(folder / "vocabulary.csv") in err and "Якщо заголовок" in err
    last = len(path.read_text(encoding="utf-8").rstrip("\n").splitlines())
    assert f":{last}:" in err  # the last line of the text, not one past it


@pytest.mark.parametrize("printed, code", [("кв. м", "sqm"), ("м²", "sqm"), ("Гкал", "gcal"),
                                           ("кВт·год", "kwh"), ("куб. м", "cubic_m")])
def test_an_output_counted_in_a_physical_unit_has_a_code_and_pairs_for_efficiency(tmp_path,
                                                                                  printed, code):
    # «Кількість …» is a count (persons or units, reviewed/unit_rules.csv); a quantity is not
    text = syn.document().replace("1\tКількість навчань\tОдиниць",
                                  f"1\tОбсяг навчань\t{printed}").replace(
        "Середні видатки на навчання", "Середні видатки на одне навчання")
    program = load_program(_decision(tmp_path, text))
    assert not [f for f in program.all_findings if f.check == "indicator_units"]
    assert program.indicators.query("group == 'output'").iloc[0].unit_code == code
    assert {r.check: r.checked for r in program.check_results}["efficiency_ratio"] > 0


def test_a_directions_total_printed_twice_then_more_measures_is_named_as_such(tmp_path):
    text = syn.document()
    line = next(x for x in text.splitlines() if x.startswith("ВСЬОГО"))
    with pytest.raises(ParseError, match="стоїть одразу після ВСЬОГО напряму 1") as caught:
        load_program(_decision(tmp_path, text.replace(line, line + "\n" + line)))
    assert "vocabulary.csv" not in str(caught.value)  # no wording to add for a repeat
