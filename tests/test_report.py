"""The evaluation report PDFs: sections, totals, «не надано», plan vs actual, wording, noise.

Every period is built twice: from the real inputs (no executors' figures yet) and from the
complete example set of submissions (marked «ПРИКЛАД»). The tests read the PDFs' text.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from zhytomyr_kpi.basics.wording import number as _number
from zhytomyr_kpi.basics.wording import plural
from zhytomyr_kpi.basics.wording import signed as _signed
from zhytomyr_kpi.report import execution, period, periods
from zhytomyr_kpi.report.pdf import file_stem, make_reports
from zhytomyr_kpi.report.settings import load_settings

ANNUAL_SECTIONS = ("Висновок", "1. Виконання заходів", "2. Фінансування за джерелами",
                   "3. Результативні показники", "4. Рейтинги", "5. Невідповідності в рішенні",
                   "6. Висновки та пропозиції", "Підписи")
FINAL_SECTIONS = ("Висновок", "1. Виконання заходів", "2. Фінансування за джерелами",
                  "3. Результативні показники", "4. Рейтинги", "5. Динаміка за роками",
                  "6. Очікувані результати Програми", "7. Невідповідності в рішенні",
                  "8. Висновки та пропозиції", "Підписи")
#: Nothing technical may reach a council member's PDF.
FORBIDDEN = (".csv", ".ipynb", ".txt", ".xlsx", ".md", "sha256", "zhytomyr", "kpi", "ingest",
             "NaN", "None", "nan", "green", "amber", "program_year", "Traceback", "DataFrame",
             "<Figure", "Styler", "ASSUMPTIONS", "data/", "зошит", "ТОП ", "млн.", "http")
LATIN_ALLOWED = {"Transparency", "International"}  # the rating's publisher


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return {pdf.stem.removeprefix("evaluation_"): pdf for pdf in make_reports(None, out)}


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples")
    pdfs = make_reports(None, out, example=True, keep_notebook=False)
    return {pdf.stem.removeprefix("evaluation_").removesuffix("_example"): pdf for pdf in pdfs}


@pytest.fixture(scope="module")
def example_program():
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.report.pdf import example_store

    return load_program(actuals=example_store(load_program()))


def number(value, decimals=None) -> str:
    """As printed, with the non-breaking spaces as plain ones (the text is normalised so)."""
    return _number(value, decimals).replace("\u00a0", " ")


def signed(value, decimals=None) -> str:
    return _signed(value, decimals).replace("\u00a0", " ")


def _pages(pdf) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _text(pdf) -> str:
    return " ".join(" ".join(_pages(pdf)).replace("\u00a0", " ").split())


def _keys(program) -> list[str]:
    return [p.key for p in periods(program.years)]


def test_every_period_is_built_next_to_its_notebook(reports, examples, program):
    assert sorted(reports) == sorted(_keys(program)) == sorted(examples)
    for key, pdf in reports.items():
        assert pdf.name == f"{file_stem(key)}.pdf"
        assert pdf.with_suffix(".ipynb").exists()  # the audit trail
    for key, pdf in examples.items():
        assert pdf.name == f"{file_stem(key, example=True)}.pdf" != reports[key].name


@pytest.mark.parametrize("which", ["reports", "examples"])
def test_sections_in_order(request, program, which):
    built = request.getfixturevalue(which)
    for key, pdf in built.items():
        text = _text(pdf)
        p = period(key, program.years)
        assert p.title in text
        expected = FINAL_SECTIONS if p.is_final else ANNUAL_SECTIONS
        positions = [text.find(heading) for heading in expected]
        assert all(pos >= 0 for pos in positions), (key, expected, positions)
        assert positions == sorted(positions), (key, positions)


@pytest.mark.parametrize("which", ["reports", "examples"])
def test_totals_of_the_period(request, program, which):
    built = request.getfixturevalue(which)
    settings = load_settings()
    for key, pdf in built.items():
        p = period(key, program.years)
        text = _text(pdf)
        resources = program.resources
        table_total = resources[(resources.source == "total") & (resources.year == p.column)]
        assert number(float(table_total.amount_kuah.iloc[0])) in text  # Table 6.1 («22 598,9»)
        lines = execution.measure_lines(program, p, settings)
        plan = execution.subtotal(lines, "").plan
        decimals = 1 if round(plan, 1) == round(plan, 3) else 3
        assert re.search(r"Разом за Програмою " + re.escape(number(round(plan, decimals),
                                                                    decimals)), text), key


def test_real_reports_say_not_given_and_never_zero(reports):
    for key, pdf in reports.items():
        text = _text(pdf)
        assert "не надано" in text
        assert "ще не надано" in text, key  # the summary says the executors have not reported


def test_example_measure_actual_and_deviation(examples, example_program):
    settings = load_settings()
    p = period(example_program.years[1], example_program.years)
    lines = execution.measure_lines(example_program, p, settings)
    line = next(x for x in lines if x.counts_in_total and x.plan and x.actual is not None
                and x.deviation)
    text = _text(examples[p.key])

    def kuah(value: float) -> int:  # one decimal, or three where the hryvnias matter
        return 1 if round(value, 1) == round(value, 3) else 3

    row = re.search(re.escape(line.measure_id) + r" .{0,900}?" + re.escape(
        number(round(line.plan, kuah(line.plan)), kuah(line.plan))) + " " + re.escape(
        number(round(line.actual, kuah(line.actual)), kuah(line.actual))) + " " + re.escape(
        signed(round(line.deviation, kuah(line.deviation)), kuah(line.deviation))), text)
    assert row, (line.measure_id, line.plan, line.actual, line.deviation)
    total = execution.subtotal(lines, "")
    assert re.search("Разом за Програмою " + re.escape(number(round(
        total.plan, kuah(total.plan)), kuah(total.plan))) + " " + re.escape(number(round(
            total.actual, kuah(total.actual)), kuah(total.actual))), text)
    missing = [x for x in lines if x.actual is None]
    assert missing and "звіт не надано" in text  # the example's missing executor
    from zhytomyr_kpi.actuals.example import missing_executor

    assert "не надали звітів: " + missing_executor(example_program) in text


def test_example_pages_are_marked(examples):
    for key, pdf in examples.items():
        for number_, page in enumerate(_pages(pdf), 1):
            assert "ПРИКЛАД" in page, (key, number_)


def test_final_report_states_the_headline_goal(reports, program):
    final = reports[program.term_label]
    text = _text(final)
    assert re.search(r"Цілі першого ключового показника паспорта Програми \(пункт 12\) — ТОП-3 у "
                     r"рейтингу «Прозорі міста» .{0,80}за 2020 рік — не досягнуто: результат "
                     r"міста — 6 місце або нижче", text)
    assert "Головної цілі" not in text  # the decision names no «main goal»
    assert "Очікувані результати Програми" in text
    for verdict in ("досягнуто", "невідомо"):
        assert verdict in text


@pytest.mark.parametrize("which", ["reports", "examples"])
def test_no_technical_tokens(request, program, which):
    built = request.getfixturevalue(which)
    names = " ".join(program.measures.content.fillna("") + " " + program.measures.task.fillna("")
                     + " " + program.measures.expected_result.fillna(""))  # «брендпаketу»
    allowed = LATIN_ALLOWED | set(re.findall(r"[A-Za-z]{2,}", names))  # «ISO», «SKI парк»
    for key, pdf in built.items():
        text = _text(pdf)
        for token in FORBIDDEN:
            assert token not in text, (key, token)
        assert not re.search(r"рядок \d", text), key  # text-file lines stay in the notebook
        assert not re.search(r"(?<![\w.])-\d", text), key  # a minus is «−», not a hyphen
        latin = set(re.findall(r"[A-Za-z]{2,}", text)) - allowed
        assert not latin, (key, sorted(latin)[:10])


NOUNS = (("захід", "заходи", "заходів"), ("невідповідність", "невідповідності",
                                          "невідповідностей"),
         ("показника", "показників", "показників"), ("цілі", "цілей", "цілей"))


@pytest.mark.parametrize("which", ["reports", "examples"])
def test_plural_agreement(request, which):
    built = request.getfixturevalue(which)
    checked = 0
    for pdf in built.values():
        text = _text(pdf)
        for one, few, many in NOUNS:
            for found in re.finditer(r"(?<![\d,])(\d+) (" + "|".join({one, few, many}) + r")\b",
                                     text):
                n = int(found.group(1))
                assert found.group(2) == plural(n, one, few, many), found.group(0)
                checked += 1
    assert checked > 0


def test_pdf_is_tagged_with_metadata(reports, program):
    reader = PdfReader(reports[program.years[0]])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("uk")
    meta = reader.metadata
    assert meta.title.startswith("Звіт про виконання Програми")
    assert meta.author and meta.subject


def test_unknown_year_lists_the_valid_ones(capsys, program):
    from zhytomyr_kpi.cli import main
    from zhytomyr_kpi.report import PeriodError

    with pytest.raises(PeriodError, match=", ".join(_keys(program))):
        period("2021", program.years)
    assert main(["report", "--year", "2021"]) == 2
    err = capsys.readouterr().err
    assert program.term_label in err and err.count("\n") == 1


def test_bad_date_is_one_line(capsys):
    from zhytomyr_kpi.cli import main

    assert main(["report", "--year", "2019", "--date", "31.02.2020"]) == 2
    err = capsys.readouterr().err
    assert "--date" in err and "31.02.2020" in err and err.count("\n") == 1
