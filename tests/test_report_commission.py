"""The report a budget commission signs (issue 20): one rate with its base, states that mean
what they say, forward proposals, clean tables, and an editable DOCX beside every PDF.

One period (2019, the example set of submissions) is printed once for the module: the PDF's
text (``pdftotext -layout``) and the DOCX (python-docx) are both read.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from zhytomyr_kpi.basics.wording import number
from zhytomyr_kpi.report import conclusions, execution, load_settings, period, sections


@pytest.fixture(scope="module")
def example_program():
    from zhytomyr_kpi.program import load_program
    from zhytomyr_kpi.report.pdf import example_store

    return load_program(actuals=example_store(load_program()))


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from zhytomyr_kpi.report.pdf import make_reports

    out = tmp_path_factory.mktemp("commission")
    [pdf] = make_reports(["2019"], out, example=True, keep_notebook=False)
    return pdf


@pytest.fixture(scope="module")
def pdf_text(printed):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def data(example_program):
    return sections.prepare(example_program, period("2019", example_program.years),
                            load_settings(), example=True)


def test_one_rate_stated_with_its_base_and_the_other_bases_reconciled(data, pdf_text):
    rows = conclusions.bases(data.program, data.period, data.lines)
    total = execution.subtotal(data.lines, "")
    assert rows[0][1] == pytest.approx(total.plan)
    assert rows[0][2] == pytest.approx(total.actual / total.plan * 100)
    summary = sections.summary(data)
    rate = f"{rows[0][2]:.1f}".replace(".", ",")
    assert f"{rate}\u00a0% суми коштів заходів" in summary
    # the other bases are named, each with its own plan, in one reconciling sentence
    sentence = conclusions.bases_sentence(data.program, data.period, data.lines)
    assert len(rows) >= 2 and "таблицею 6.1" in sentence
    for _base, _plan, share in rows[1:]:
        assert f"{share:.1f}".replace(".", ",") + "\u00a0%" in sentence
    assert "не як нульові видатки" in sentence
    assert re.search(r"88,0\s%\s+суми\s+коштів", pdf_text)


def test_spending_above_plan_is_named_and_asks_for_its_ground(data, pdf_text):
    over = [line for line in data.lines if line.over_plan]
    assert over, "the example set has measures spent above plan"
    assert all(line.state == execution.OVER_PLAN for line in over)
    assert all(line.state != execution.OVER_PLAN for line in data.lines if not line.over_plan)
    found = conclusions.proposals(data.program, data.period, data.lines, data.indicators,
                                  data.inconsistencies, data.settings)
    grounds = [x for x in found if "підстави перевищення" in x.text]
    assert grounds and all(line.measure_id in grounds[0].text for line in over)
    assert "виконано з перевищенням" in pdf_text


def test_proposals_point_forward_and_economy_is_not_failure(data):
    found = conclusions.proposals(data.program, data.period, data.lines, data.indicators,
                                  data.inconsistencies, data.settings)
    texts = " ".join(x.text + " " + x.ground for x in found)
    assert "на 2020 рік" in texts
    assert "затрат 1" not in texts  # a cost indicator below plan is economy
    assert "економі" in texts  # a cost below plan is called economy
    assert not re.search(r"\.\.(\s|<|$)", texts)
    assert "Внести зміни до додатка Б" not in texts


def test_the_executors_state_and_changes_are_shown(monkeypatch, example_program):
    """The template's «стан» and «зміни» columns (issue 21) reach the table and proposals;
    a change without a ground is flagged."""
    original = execution._year_frame

    def with_states(program, year):
        table = original(program, year)
        table["state"] = ""
        table["state_note"] = ""
        table["change"] = ""
        table["change_ground"] = ""
        first, second = table.measure_id.iloc[0], table.measure_id.iloc[1]
        table.loc[table.measure_id == first, ["state", "state_note"]] = \
            ["перенесено", "роботи перенесено на наступний рік"]
        table.loc[table.measure_id == second, ["state", "change"]] = \
            ["виконано", "змінено строк виконання"]
        return table

    monkeypatch.setattr(execution, "_year_frame", with_states)
    data = sections.prepare(example_program, period("2019", example_program.years),
                            load_settings(), example=True)
    first, second = data.lines[0], data.lines[1]
    assert first.work_state == "перенесено" and second.work_state == "виконано"
    assert data.lines[2].work_words == execution.NO_WORK_STATE
    html = sections.measures_section(data)
    assert "перенесено" in html and "роботи перенесено на наступний рік" in html
    assert "змінено строк виконання" in html and "підставу не зазначено" in html
    assert "стан не повідомлено" in html
    found = conclusions.proposals(data.program, data.period, data.lines, data.indicators,
                                  data.inconsistencies, data.settings)
    assert any("підстави змін заходів" in x.text and second.measure_id in x.text
               for x in found)
    assert "«перенесено» — 1" in conclusions.work_sentence(data.lines)


def test_without_state_columns_every_measure_says_not_reported(data):
    assert {line.work_words for line in data.lines} == {execution.NO_WORK_STATE}


def test_measures_table_shows_term_and_expected_result(data):
    html = sections.measures_section(data)
    assert "строк: 2018-2020" in html
    assert "очікуваний результат:" in html


def test_pdf_text_has_no_numbers_run_together_and_no_doubled_stops(pdf_text):
    assert not re.search(r"\d,\d{4,}", pdf_text)  # «15 461,84914 364,864»
    assert not re.search(r"\d,\d+не надано", pdf_text)
    assert "од.." not in pdf_text
    assert not re.search(r"\d,0\s*од\.", pdf_text)  # counts are whole numbers
    assert "ПРИКЛАД — вигадані дані виконавців" in pdf_text  # the running header


def test_docx_beside_the_pdf_has_the_sections_tables_and_numbers(printed, data):
    import docx

    path = printed.with_suffix(".docx")
    assert path.is_file()
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for title in ("Висновок", "1. Виконання заходів", "2. Фінансування за джерелами",
                  "3. Результативні показники", "4. Рейтинги", "Висновки та пропозиції",
                  "Підписи"):
        assert any(title in h for h in headings), title
    assert len(document.tables) >= 5 and len(document.inline_shapes) == 2  # both charts
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    total = execution.subtotal(data.lines, "")
    flat = {re.sub(r"\s", " ", c) for c in cells}  # the tables' thin spaces in numbers
    for value in (number(total.plan, 1), number(total.actual, 3)):
        assert re.sub(r"\s", " ", value) in flat
    ids = {line.measure_id for line in data.lines}
    assert ids <= cells
    assert "ПРИКЛАД" in document.sections[0].header.paragraphs[0].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Робоча група з координації виконання Програми пропонує:" in text and "<" not in text


def test_annex_b_costs_beside_the_measures_they_cover(data):
    from zhytomyr_kpi.report import costs

    groups = data.indicators["2019"]
    rows = {r.number: r for r in costs.cost_lines(data.program, data.lines, groups["cost"])}
    assert rows, "the reviewed map names cost indicators"
    by_id = {line.measure_id: line for line in data.lines}
    for r in rows.values():
        counted = [by_id[m] for m in r.measures if m in by_id and by_id[m].counts_in_total]
        assert r.measures_plan == pytest.approx(sum(line.plan or 0 for line in counted))
        if r.indicator_actual is not None and r.measures_actual is not None:
            assert r.actual_difference == pytest.approx(r.indicator_actual - r.measures_actual)
    html = sections.indicators_section(data)
    assert "кошти заходів додатка А, які вони охоплюють" in html
    assert "показано обидва і різницю" in html


def test_plan_side_cost_mismatches_are_listed_with_the_inconsistencies(data):
    items = [i for i in data.inconsistencies if i.check == "cost_vs_allocation"]
    assert items and all(i.year == "2019" for i in items)
    stated = {i.number: (i.stated, i.computed) for i in items}
    findings = data.program.findings
    known = findings[(findings.check == "cost_vs_allocation") & (findings.year_ref == "2019")]
    assert len(stated) == len(known)
    html = sections.inconsistencies_section(data, 5)
    assert "показник затрат" in html and "кошти заходів додатка А" in html


def test_indicator_counts_are_whole_numbers(data):
    counts = [line for line in data.indicators["2019"]["output"]
              if line.deviation is not None and line.unit == "од."]
    assert counts
    assert all(sections._deviation_decimals(line) == 0 for line in counts)
    html = sections.indicators_section(data)
    assert "−1\u00a0761,0" not in html and "−1 761,0" not in html


def test_the_2018_report_names_the_edition_it_ran_under(program):
    when, number_ = sections.earlier_edition(program)
    assert number_ == "879" and when.startswith("18.12.17")
    note = sections.edition_row(program, period("2018", program.years))
    assert "№ 879" in note and "№ 1685" in note and "уточнений план" in note
    assert sections.edition_row(program, period("2020", program.years)) == ""


def test_no_invented_main_goal(example_program):
    from zhytomyr_kpi.report import final

    p = period(example_program.term_label, example_program.years)
    text = final.headline(example_program, p)
    assert "головн" not in text.lower() and "першого ключового показника паспорта" in text


def test_expected_results_from_money_alone_stay_unknown_in_between(example_program):
    from zhytomyr_kpi.report import final

    settings = load_settings()
    p = period(example_program.term_label, example_program.years)
    lines = execution.measure_lines(example_program, p, settings)
    share = [line for line in lines if line.counts_in_total and line.execution_pct is not None
             and settings.low_percent <= line.execution_pct < settings.done_percent]
    assert share
    verdict, evidence = final._execution(share[:1], "захід", settings)
    assert verdict == final.UNKNOWN and "не повідомили стану" in evidence
