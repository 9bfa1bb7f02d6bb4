"""The report's settings file and content functions (no PDF): fast checks of the wording."""

from __future__ import annotations

from datetime import date

import pytest

from zhytomyr_kpi.basics.paths import PROJECT_ROOT
from zhytomyr_kpi.report import inconsistencies, period, sections
from zhytomyr_kpi.report.settings import ReportSettings, SettingsError, Signature, load_settings

CORPUS = PROJECT_ROOT / "tests" / "data" / "corpus"


def _write(tmp_path, text: str):
    path = tmp_path / "report.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_settings_file_loads():
    settings = load_settings()
    assert settings.prepared_by and settings.signatures
    assert 0 < settings.low_percent <= settings.done_percent <= 100


@pytest.mark.parametrize(("text", "where"), [
    ('[dates]\n"2019" = "2020-13-01"\n', "[dates] «2019»"),
    ("[title]\nauthor = \"x\"\n", "невідомий ключ «author»"),
    ("[colours]\n", "невідомий розділ [colours]"),
    ("[thresholds]\ndone_percent = 150\n", "done_percent"),
    ("[title\n", "синтаксису TOML"),
    ("[thresholds]\ndone_percent = 40\nlow_percent = 60\n", "low_percent"),
])
def test_bad_settings_are_one_clear_line(tmp_path, text, where):
    path = _write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert str(path) in message and where in message and "\n" not in message


def test_dates_come_from_the_file_and_the_option_wins(tmp_path):
    settings = load_settings(_write(tmp_path, '[dates]\n"2019" = "2020-02-14"\n'))
    assert settings.date_for("2019") == date(2020, 2, 14)
    assert settings.date_for("2018") is None  # never today's date
    assert settings.date_for("2019", date(2020, 3, 1)) == date(2020, 3, 1)


def test_signature_block_blank_when_unset_and_filled_when_set(program):
    p = period("2019", program.years)
    blank = sections.prepare(program, p, ReportSettings(signatures=(Signature("Голова"),)))
    html = sections.signatures(blank)
    assert "Голова" in html and "______" in html and "«___»" in html
    named = ReportSettings(signatures=(Signature("Голова Робочої групи", "Петренко О. І."),))
    data = sections.prepare(program, p, named, made_on=date(2020, 2, 14))
    html = sections.signatures(data)
    assert "Петренко О. І." in html and "14.02.2020" in html
    assert "14.02.2020" in sections.title_page(data)


def test_inconsistencies_are_located_by_the_decisions_structure(program):
    found = inconsistencies.collect(program)
    places = [i.place for i in found]
    assert "додаток А, напрям 1, рядок «ВСЬОГО», 2019 рік" in places
    assert "додаток Б, показник ефективності 3, 2019 рік" in places
    assert any(p.startswith("паспорт програми, пункт 12") for p in places)
    assert not any("рядок 2" in p or "рядок 3" in p for p in places)  # no text-file lines
    direction = next(i for i in found if i.place.startswith("додаток А, напрям 1")
                     and i.year == "2019")
    assert "1\u00a0340,4\u00a0тис.\u00a0грн" in direction.text
    assert "1\u00a0050,4\u00a0тис.\u00a0грн" in direction.text
    assert "+290,0" in direction.text


def test_a_years_inconsistencies_are_that_years(program):
    found = inconsistencies.collect(program)
    for year in program.years:
        chosen = inconsistencies.of_period(found, period(year, program.years))
        assert all(i.year in (None, year) for i in chosen)


def test_proposals_have_grounds_and_correct_the_decision(program):
    from zhytomyr_kpi.report import conclusions

    p = period(program.term_label, program.years)
    data = sections.prepare(program, p, load_settings())
    found = conclusions.proposals(program, p, data.lines, data.indicators,
                                  data.inconsistencies, data.settings)
    texts = " ".join(x.text for x in found)
    assert all(x.ground for x in found)
    assert "зазначено 16,0\u00a0тис.\u00a0грн, затрати ÷ продукт дають 12,0\u00a0тис.\u00a0грн" \
        in texts
    assert "зазначено 6\u00a0133,0\u00a0грн, затрати ÷ продукт дають 4\u00a0895,58\u00a0грн" \
        in texts
    assert "ОПОРА" in texts and "рядки «ВСЬОГО»" in texts
    # the final report points forward: lessons for the next programme, uncertain readings
    # as questions for the department, never a correction of an ended programme
    assert "у наступній програмі" in texts and "уточнити" in texts
    assert "Внести зміни до додатка Б" not in texts


def _final_html(program, settings=None):
    """The final report's body; another programme's with the defaults (its own settings
    file would be programmes/<name>/report.toml), No. 1685's with config/report.toml."""
    from zhytomyr_kpi.report import document

    p = period(program.term_label, program.years)
    if settings is None:
        settings = load_settings() if program.path.name.startswith("rishennia_1685") else \
            ReportSettings()
    return document.body(sections.prepare(program, p, settings))


def test_a_five_year_programmes_dynamics_has_a_row_per_direction_and_year():
    from zhytomyr_kpi import load_program

    five = load_program(CORPUS / "lutsk_biznes" / "decision.txt")
    assert len(five.years) == 5
    html = _final_html(five)
    table = html[html.index("5. Динаміка за роками"):]
    table = table[:table.index("</table>")]
    assert 'class="dynamics long"' in table
    assert all(table.count(f"<td>{year} рік</td>") == len(five.measures.section.unique()) + 1
               for year in five.years), table
    # three years still side by side
    wide = _final_html(load_program())
    wide = wide[wide.index("5. Динаміка за роками"):]
    assert '<table class="dynamics">' in wide and "<td>2019 рік</td>" not in wide[
        :wide.index("</table>")]


def test_the_sources_table_shows_the_programmes_own_words_under_the_standard_name():
    from zhytomyr_kpi import load_program

    html = _final_html(load_program(CORPUS / "lutsk_biznes" / "decision.txt"))
    table = html[html.index("2. Фінансування за джерелами"):]
    table = table[:table.index("</table>")]
    assert "Місцевий бюджет<br><span class=\"printed\">у таблиці 6.1: «бюджет громади»" in table
    assert "«інші джерела, не заборонені законодавством»" in table
    assert "у тому числі" not in table and "Обсяг ресурсів, усього" in table


def test_another_programmes_report_names_who_its_section_8_says_coordinates():
    """No «Робоча група» of No. 1685 in another council's report: its section 8 names the
    department that coordinates it; the signature is a line to fill in."""
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.report.settings import ReportSettings

    program = load_program(CORPUS / "lutsk_biznes" / "decision.txt")
    p = period(program.years[0], program.years)
    from zhytomyr_kpi.report import document

    html = document.body(sections.prepare(program, p, ReportSettings()))
    assert "Підготовлено</th><td>Департамент економічної політики міської ради" in html
    assert "Робоч" not in html
    assert "4. Рейтинги" in html
    final = _final_html(program)
    assert "Робоч" not in final
    for part in ("4. Рейтинги", "6. Очікувані результати Програми"):
        block = final[final.index(part):]
        block = block[:block.index("</section>")]
        assert "<table" in block or "<p>" in block  # a table with rows, or a sentence
        assert "<tbody></tbody>" not in block, part
