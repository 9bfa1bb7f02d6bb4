"""The quarterly information (``report --year Y --quarter Q``): its facts, its text, its PDF."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi import load_program
from zhytomyr_kpi.actuals import example
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.report import load_settings
from zhytomyr_kpi.report.quarterly import prepare
from zhytomyr_kpi.report.quarterly_sections import html_document, make_quarterly


@pytest.fixture(scope="module")
def demo(program, tmp_path_factory):
    store = tmp_path_factory.mktemp("q") / "store"
    act.write_example_store(program, store, years=("2019",), quarters=(2,))
    return load_program(actuals=store)


def test_facts_of_a_quarter(program, demo):
    data = prepare(demo, "2019", 2, made_on=date(2019, 7, 15))
    assert data.due == date(2019, 7, 15) and data.share == 0.5
    assert data.addressee == "департаменту економічного розвитку міської ради"
    plan, actual, reported, measures = data.totals()
    table = act.template_measures(program, "2019")
    assert plan == pytest.approx(sum(r["plan"] or 0 for r in table
                                     if demo.measures.set_index("measure_id").loc[
                                         r["measure_id"], "counts_in_total"]))
    assert 0 < actual < plan and reported == measures - 1  # one executor never reports
    top = data.largest_deviations()
    assert 0 < len(top) <= 10
    gaps = [abs(line.deviation(0.5)) for line in top]
    assert gaps == sorted(gaps, reverse=True)
    absent = example.missing_executor(program)
    assert any(absent in item and "прострочено" in item for item in data.attention())


def test_changes_and_states_are_listed_and_a_missing_ground_flagged(program, demo):
    rows = demo.actuals.copy()
    ids = rows[(rows.year == "2019") & rows.actual_kuah.notna()].measure_id.iloc[:2].tolist()
    rows["state"] = pd.NA
    rows["state_note"] = ""
    rows["change"] = ""
    rows["change_ground"] = ""
    rows.loc[rows.measure_id == ids[0], ["state", "change", "change_ground"]] = [
        "postponed", "строк перенесено на 4 квартал", "лист виконавця: торги не відбулися"]
    rows.loc[rows.measure_id == ids[1], ["change"]] = ["змінено місце <b>проведення</b>"]
    patched = object.__new__(type(demo))
    patched.__dict__.update(demo.__dict__)
    patched.__dict__["_actual_frames"] = {"actuals": rows,
                                          "indicator_actuals": demo.indicator_actuals}
    data = prepare(patched, "2019", 2, made_on=date(2019, 7, 15))
    assert [(c.measure_id, c.needs_ground) for c in data.changes] == [(ids[0], False),
                                                                     (ids[1], True)]
    assert any(f"захід {ids[1]}" in item and "обґрунтування" in item
               for item in data.attention())
    html = html_document(data, load_settings(), "")
    assert "перенесено" in html and "обґрунтування не надано" in html
    assert "<b>проведення</b>" not in html and "&lt;b&gt;проведення&lt;/b&gt;" in html


def test_without_reports_it_says_so(program, tmp_path):
    data = prepare(load_program(actuals=tmp_path / "none"), "2019", 1, on=date(2019, 4, 20))
    html = html_document(data, load_settings(), "")
    assert "Звітів виконавців за 1 квартал 2019 року ще не надано" in html
    assert "прострочено 10 дн." in html


def test_the_pdf_is_short_and_says_what_it_is(demo, tmp_path):
    target, html = make_quarterly(demo, "2019", 2, tmp_path, load_settings(),
                                  made_on=date(2019, 7, 15))
    assert target.name == "information_2019-Q2_example.pdf"
    assert '<html lang="uk">' in html and "<script" not in html
    reader = PdfReader(target)
    assert 2 <= len(reader.pages) <= 8
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("Інформація про стан і результати виконання заходів Програми за 2 квартал "
                  "2019 року", "Хто подав інформацію", "Найбільші відхилення",
                  "Зміни до заходів", "Що потребує уваги департаменту", "15.07.2019",
                  "ПРИКЛАД"):
        assert words in " ".join(text.split()), words
    # the editable DOCX beside it, nothing else left
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.with_suffix(".docx").name,
                                                          target.name]


def test_report_quarter_command(tmp_path, capsys):
    assert main(["report", "--year", "2019", "--quarter", "2", "--out", str(tmp_path),
                 "--date", "2019-07-15"]) == 0
    assert (tmp_path / "information_2019-Q2.pdf").exists()
    assert main(["report", "--all", "--quarter", "2", "--out", str(tmp_path)]) == 2
    assert "--quarter" in capsys.readouterr().err


def test_quarterly_information_has_an_editable_docx_beside_it(tmp_path):
    """Issue 20: the DOCX beside the PDF has the same headings and tables."""
    import docx

    from zhytomyr_kpi.actuals.example import example_store
    from zhytomyr_kpi.program import load_program
    from zhytomyr_kpi.report import load_settings
    from zhytomyr_kpi.report.quarterly_sections import make_quarterly

    base = load_program()
    program = load_program(actuals=example_store(base, quarters=(2,)))
    pdf, html = make_quarterly(program, "2019", 2, tmp_path, load_settings(), example=True)
    document = docx.Document(str(pdf.with_suffix(".docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings and document.tables
    assert all(h in html for h in headings[:3])
    assert "ПРИКЛАД" in document.sections[0].header.paragraphs[0].text
