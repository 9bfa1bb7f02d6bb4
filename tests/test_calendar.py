"""The calendar of section 8 (read from the decision's text), status verdicts against it,
and the reminder letters."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi import load_program
from zhytomyr_kpi.actuals import calendar, example, status
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.document.model import Line
from zhytomyr_kpi.report import load_settings
from zhytomyr_kpi.report.reminders import reminders


@pytest.fixture(scope="module")
def quarterly(program, tmp_path_factory):
    """The example set with the second and fourth quarters (one executor never reports)."""
    store = tmp_path_factory.mktemp("quarterly") / "store"
    act.write_example_store(program, store, years=("2019",), quarters=(2, 4))
    return store, load_program(actuals=store)


def test_terms_are_read_from_section_8_of_the_decision(program):
    terms = calendar.read_terms(program)
    assert terms.executors.days == 10 and not terms.executors.working_days
    assert terms.information.day_of_month == 15
    assert terms.publication.days == 45
    text = {line.number: line.text for line in program.document.lines}
    for term in (terms.executors, terms.information, terms.publication):
        assert term.wording in text[term.line]  # quoted from the line it names
    assert calendar.executors_due(terms, "2019", 2) == date(2019, 7, 10)
    assert calendar.executors_due(terms, "2019", None) == date(2020, 1, 10)  # the annual = Q4
    assert calendar.information_due(terms, "2019", 4) == date(2020, 1, 15)
    assert calendar.publication_due(terms, ("2019",)) == date(2020, 2, 14)
    assert calendar.publication_due(terms, program.years, final=True) is None  # not stated


def _with_section(program, paragraphs: list[str]):
    """The same programme with section 8's paragraphs replaced (another decision's wording)."""
    lines = program.document.lines
    start = next(i for i, line in enumerate(lines)
                 if line.text.startswith("8. КООРДИНАЦІЯ") and "\t" not in line.text)
    end = next(i for i in range(start + 1, len(lines)) if calendar._is_heading(lines[i].stripped))
    new = [Line(lines[start].number + k + 1, text) for k, text in enumerate(paragraphs)]
    document = dataclasses.replace(program.document,
                                   lines=[*lines[:start + 1], *new, *lines[end:]])
    clone = object.__new__(type(program))
    clone.__dict__.update(program.__dict__, document=document)
    return clone


def test_another_decision_s_terms_and_missing_ones(program):
    other = _with_section(program, [
        "Виконавці щоквартально, протягом 5 робочих днів після закінчення звітного кварталу, "
        "подають відповідальному виконавцю інформацію про виконання заходів.",
        "Відповідальний виконавець до 20 числа місяця, наступного за звітним кварталом, подає "
        "узагальнену інформацію."])
    terms = calendar.read_terms(other)
    assert terms.executors.days == 5 and terms.executors.working_days
    # 31.03.2023 is a Friday: five working days end on Friday 07.04.2023
    assert calendar.executors_due(terms, "2023", 1) == date(2023, 4, 7)
    assert calendar.information_due(terms, "2023", 1) == date(2023, 4, 20)
    assert terms.publication is None and calendar.publication_due(terms, ("2023",)) is None
    silent = calendar.read_terms(_with_section(program, ["Контроль здійснює виконком."]))
    assert silent == calendar.Terms()
    assert calendar.verdict(None, None, date(2023, 5, 1))[2] == "не подано"


def test_the_template_names_the_deadline_of_section_8(program, tmp_path):
    """«Подати до ДД.ММ.РРРР» on the instruction sheet, from the decision's own term: the
    quarter's end + 10 calendar days; the annual template, the fourth quarter's."""
    from openpyxl import load_workbook

    from zhytomyr_kpi.actuals.template import deadline_line

    def instructions(quarter):
        path = act.write_template(program, tmp_path / f"{quarter}.xlsx", "2019", quarter,
                                  "Управління культури")
        return [c.value for (c,) in load_workbook(path)["Інструкція"].iter_rows(max_col=1)]

    described = "упродовж 10 календарних днів після закінчення звітного періоду"
    assert instructions(2)[2] == f"Подати до 10.07.2019 — {described} (розділ 8 програми)."
    assert instructions(1)[2].startswith("Подати до 10.04.2019 — ")
    assert instructions(None)[2] == (f"Подати до 10.01.2020 — {described} (річний звіт "
                                     "подається як звіт за IV квартал) (розділ 8 програми).")
    other = _with_section(program, [
        "Виконавці щоквартально, протягом 5 робочих днів після закінчення звітного кварталу, "
        "подають відповідальному виконавцю інформацію про виконання заходів."])
    assert deadline_line(other, "2023", 1).startswith("Подати до 07.04.2023 — упродовж 5 "
                                                      "робочих днів")
    silent = _with_section(program, ["Контроль здійснює виконком."])
    assert deadline_line(silent, "2019", 2) == "Строк подання у рішенні не встановлено."


def test_verdicts_count_local_calendar_days():
    due = date(2019, 7, 10)
    assert calendar.verdict(due, date(2019, 7, 10), date(2019, 8, 1))[:2] == ("on_time", 0)
    assert calendar.verdict(due, date(2019, 7, 13), date(2019, 8, 1)) == (
        "late", 3, "із запізненням на 3 дн.")
    assert calendar.verdict(due, None, date(2019, 7, 20)) == (
        "overdue", 10, "не подано (прострочено 10 дн.)")
    assert calendar.verdict(due, None, date(2019, 7, 9))[0] == "not_yet"
    # 22:30 UTC on the 10th is already the 11th in Zhytomyr (summer: UTC+3)
    assert calendar.local_date("2019-07-10T22:30:00+00:00") == date(2019, 7, 11)


def test_status_verdicts_and_the_consolidated_submission_apart(program, quarterly, tmp_path):
    _, demo = quarterly
    absent = example.missing_executor(program)
    table = status.reporting_status(demo, "2019", 2, on=date(2019, 7, 25))
    rows = table.set_index("department")
    assert rows.loc[absent, "verdict_text"] == "не подано (прострочено 15 дн.)"
    owing = table[table.owes & ~table.consolidated]
    assert (owing[owing.department != absent].verdict == "on_time").all()
    assert list(status.missing_departments(table).department) == [absent]
    # co-executors that only comment owe nothing and are never missing
    assert (table[~table.owes].verdict.isin(["not_owed", "on_time"])).all()
    # a consolidated workbook is a row apart, not an executor; whose lines it fills is not
    # missing (nothing to chase), and the count is of those who owe a report
    path = tmp_path / "whole.xlsx"
    act.example_workbook(program, path, "2019", 2)
    check = act.ingest(program, path, tmp_path / "store",
                       received=datetime(2019, 7, 12, 8, 0, tzinfo=UTC))
    assert not check.errors and check.executor is None
    mixed = status.reporting_status(load_program(actuals=tmp_path / "store"), "2019", 2,
                                    on=date(2019, 8, 1))
    whole = mixed[mixed.consolidated]
    assert len(whole) == 1 and whole.submitted.all() and not whole.owes.any()
    assert whole.department.iloc[0] == act.WHOLE_PROGRAMME
    executors = mixed[~mixed.consolidated]
    assert not executors.submitted.any() and len(executors) == len(act.departments(program,
                                                                                  "2019"))
    covered = executors[executors.verdict == "covered"]
    assert len(covered) > 0 and (covered.measures_missing == 0).all()
    assert set(status.missing_departments(mixed).department).isdisjoint(covered.department)
    text = status.console(load_program(actuals=tmp_path / "store"), "2019", 2, on=date(2019, 8, 1))
    assert f"подали 0 з {int(mixed.owes.sum())}\u00a0виконавців" in text
    assert f"(дані ще {len(covered)} є у зведеному звіті)" in text
    assert (f"Окремо — {act.WHOLE_PROGRAMME} (не рахується як виконавець): із запізненням на "
            "2 дн.; подано 12.07.2019 11:00") in text  # Zhytomyr time, UTC+3 in summer


def test_status_command_counts_only_those_who_owe(program, quarterly, capsys):
    store, demo = quarterly
    absent = example.missing_executor(program)
    assert main(["status", "--year", "2019", "--quarter", "2", "--store", str(store),
                 "--date", "2019-07-25"]) == 0
    out = capsys.readouterr().out
    owing = int(status.reporting_status(demo, "2019", 2).owes.sum())
    assert f"подали {owing - 1} з {owing}\u00a0виконавців, які мають звітувати" in out
    assert "Строк подання — до 10.07.2019" in out
    assert f"- {absent}: НЕ ПОДАНО (прострочено 15 дн.)" in out
    assert main(["status", "--year", "2019", "--store", str(store), "--date", "25.13.2019"]) == 2
    assert "--date" in capsys.readouterr().err


def test_reminders_one_per_missing_executor(program, quarterly, tmp_path, capsys):
    store, demo = quarterly
    absent = example.missing_executor(program)
    letters = reminders(demo, "2019", 2, load_settings(), date(2019, 7, 25))
    assert [letter.department for letter in letters] == [absent]
    text = letters[0].text
    assert absent in text and "прострочено 15 дн." in text and "10.07.2019" in text
    assert "упродовж 10 календарних днів" in text  # the decision's own wording
    assert "від 18.12.2019 № 1685" in text and "Керівник Робочої групи" in text
    for measure in status.reporting_status(demo, "2019", 2).set_index(
            "department").loc[absent, "missing_measures"].split(", "):
        assert measure in text
    # before the term: a reminder, not a reproach; nobody's report yet: every owing department
    early = reminders(program, "2019", 2, load_settings(), date(2019, 7, 5), tmp_path / "none")
    owing = status.reporting_status(program, "2019", 2, tmp_path / "none").owes.sum()
    assert len(early) == owing and all(x.kind == "not_yet" for x in early)
    assert "необхідно надати до 10.07.2019" in early[0].text
    out = tmp_path / "letters"
    assert main(["remind", "--year", "2019", "--quarter", "2", "--store", str(store),
                 "--date", "2019-07-25", "--out", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == [letters[0].file_name]
    assert (out / letters[0].file_name).read_text(encoding="utf-8") == text
    assert main(["remind", "--year", "2019", "--quarter", "2", "--store", str(store),
                 "--date", "2019-07-25", "--out", str(out)]) == 2  # never over without --force
    assert "--force" in capsys.readouterr().err


def test_letters_show_control_characters_and_file_names_are_safe(program, quarterly):
    from zhytomyr_kpi.report.reminders import letter_file_name
    from zhytomyr_kpi.report.settings import ReportSettings, Signature

    _, demo = quarterly
    settings = ReportSettings(signatures=(Signature("Керівник Робочої групи",
                                                    "Іван \u202eПетренко"),))
    (letter,) = reminders(demo, "2019", 2, settings, date(2019, 7, 25))
    assert "\u202e" not in letter.text and "Іван ⟨U+202E⟩Петренко" in letter.text
    assert letter_file_name("2019", 2, "a/b\u202ec:d") .startswith(
        "Нагадування 2019-Q2 a_b_c_d (")
    long = letter_file_name("2019", 2, "Управління " * 40)
    assert len(long.encode("utf-8")) <= 255 and long.endswith(".txt")


def test_the_executors_term_of_other_programmes_is_read_sentence_by_sentence():
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.actuals.calendar import read_terms
    from zhytomyr_kpi.basics.paths import PROJECT_ROOT

    corpus = PROJECT_ROOT / "tests" / "data" / "corpus"
    expected = {"khmelnytskyi_kultura": (None, 10), "rivne_molod": (None, 5),
                "poltava_cyfrova": (10, None), "ternopil_bezpeka": (None, 10)}
    for name, (days, day) in expected.items():
        terms = read_terms(load_program(corpus / name / "decision.txt"))
        assert (terms.executors.days, terms.executors.day_of_month) == (days, day), name
    # a sentence after the executors' one gives the information's term, not theirs
    rivne = read_terms(load_program(corpus / "rivne_molod" / "decision.txt"))
    assert rivne.information.day_of_month == 15
    # «відділ до 20 числа узагальнює її» after «до 10 числа місяця, наступного за звітним
    # кварталом»: the 20th of that month
    kolomyia = read_terms(load_program(corpus / "kolomyia_dovkillia" / "decision.txt"))
    assert kolomyia.executors.day_of_month == 10
    assert kolomyia.information.day_of_month == 20
    assert "до 20 числа узагальнює" in kolomyia.information.wording
    # «не пізніше 7 числа місяця, що настає за звітним кварталом, надсилають …»; «… і до 25
    # числа того ж місяця подає її …»
    cherkasy = read_terms(load_program(corpus / "cherkasy_energo" / "decision.txt"))
    assert cherkasy.executors.day_of_month == 7 and cherkasy.information.day_of_month == 25
    from datetime import date

    from zhytomyr_kpi.actuals.calendar import executors_due, information_due
    assert executors_due(cherkasy, "2025", 1) == date(2025, 4, 7)
    assert information_due(cherkasy, "2025", 4) == date(2026, 1, 25)


def test_another_programmes_reminders_come_from_its_coordinator(tmp_path):
    """No «Робоча група» of No. 1685 in another council's letters: they come from whom its
    section 8 names as coordinating, and the signature is a line to fill in."""
    from zhytomyr_kpi import load_program
    from zhytomyr_kpi.basics.paths import PROJECT_ROOT
    from zhytomyr_kpi.report.settings import ReportSettings

    lutsk = load_program(PROJECT_ROOT / "tests" / "data" / "corpus" / "lutsk_biznes" /
                         "decision.txt", actuals=tmp_path / "none")
    letters = reminders(lutsk, "2024", 1, ReportSettings(), date(2024, 5, 1))
    assert letters
    for letter in letters:
        assert "Робоч" not in letter.text, letter.text
        assert "Департамент економічної політики міської ради" in letter.text
