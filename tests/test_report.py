"""The evaluation report: four PDFs with the year's headings and figures, fonts embedded."""

import re

import pytest
from pypdf import PdfReader

from zhytomyr_kpi.cli import main
from zhytomyr_kpi.numbers import format_uk
from zhytomyr_kpi.pdf import make_report
from zhytomyr_kpi.report import PERIODS, PeriodError, period, planned_total


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return {key: make_report(key, out) for key in PERIODS}


def _text(pdf) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


@pytest.mark.parametrize("key", PERIODS)
def test_each_report_has_its_headings_and_figures(reports, program, key):
    pdf = reports[key]
    assert pdf.exists() and pdf.with_suffix(".ipynb").exists()  # the executed notebook for audit
    text = " ".join(_text(pdf).split())
    p = period(key)
    assert p.title in text
    total = format_uk(planned_total(program, p))
    assert total in text  # the period's total from Table 6.1, Ukrainian style (22 598,9)
    for heading in ("Коротко", "1. Фінансування за напрямами і заходами",
                    "2. Ефективність видатків", "3. Рейтинги і цілі програми",
                    "4. Невідповідності документа", "5. Методика і припущення",
                    "Додаток. Таблиці"):
        assert heading in text, heading
    assert "sha256 " + program.sha256[:16] in text.replace(" ", " ")
    for noise in ("Traceback", "<Styler", "<Figure", "DataFrame", "import ", "Warning"):
        assert noise not in text


def test_year_figures_are_in_the_right_report(reports):
    assert "22 598,9" in _text(reports["2019"])
    assert "15 461,849" in _text(reports["2018"])
    assert "60 443,349" in _text(reports["2018-2020"])
    text_2020 = " ".join(_text(reports["2020"]).split())
    assert "ТОП 7" in text_2020 and "ТОП-3" in text_2020  # OPORA's two targets, both shown


@pytest.mark.parametrize("key", PERIODS)
def test_fonts_are_embedded_and_page_count_is_sane(reports, key):
    reader = PdfReader(reports[key])
    assert 8 <= len(reader.pages) <= 40
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                font.get("/BaseFont")
            fonts.add(re.sub(r"^/?[A-Z]{6}\+", "", font["/BaseFont"]))
    assert any(f.startswith("DejaVu") for f in fonts)


def test_unknown_year_lists_the_valid_ones(capsys):
    with pytest.raises(PeriodError, match="2018, 2019, 2020, 2018-2020"):
        period("2021")
    assert main(["report", "--year", "2021"]) == 2
    err = capsys.readouterr().err
    assert "2018-2020" in err and err.count("\n") == 1


def test_only_the_embedded_font_family_is_used(reports):
    names = set()
    for page in PdfReader(reports["2019"]).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(re.sub(r"^/?[A-Z]{6}\+", "", font.get_object()["/BaseFont"]))
    assert names and all(n.startswith("DejaVu-Sans") and "Mono" not in n for n in names), names


def test_report_says_plainly_when_there_are_no_actuals(reports):
    text = " ".join(_text(reports["2019"]).split())
    assert "фактичних даних виконавців за 2019 рік немає" in text


def test_report_shows_plan_vs_actual_when_actuals_exist(program, tmp_path):
    from zhytomyr_kpi import actuals

    store = tmp_path / "store"
    example = actuals.example_workbook(program, tmp_path / "example.xlsx", "2019", 4)
    assert actuals.ingest(program, example, store).errors == []
    pdf = make_report("2019", tmp_path / "out", actuals_dir=store)
    text = " ".join(_text(pdf).split())
    assert "2019: план і факт за напрямами" in text
    assert "ПРИКЛАДОВІ дані" in text  # made-up figures are never shown as real
    assert "фактичні середні видатки" in text
