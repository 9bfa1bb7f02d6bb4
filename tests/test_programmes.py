"""Every command for any programme, and many programmes in one project (issue 19 item 4,
issue 24 item 8): ``programmes/<name>/`` each with its own decision, ratings file, store,
settings, tables and reports; one never touches another's files; ``ingest FILE…``."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from synthetic import programme

from zhytomyr_kpi import actuals as act
from zhytomyr_kpi import load_program
from zhytomyr_kpi.basics import paths
from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT, PlaceError, check_name, place_of
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.report import load_settings

YEARS = ("2022", "2023", "2024", "2025", "2026")


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256 (what «never touched» is checked against)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Two programmes side by side: «zhytomyr» (No. 1685 under another name) and «other»
    (a synthetic 2022-2026 programme)."""
    root = tmp_path / "programmes"
    (root / "zhytomyr").mkdir(parents=True)
    (root / "other").mkdir()
    shutil.copy(DEFAULT_DOCUMENT, root / "zhytomyr" / "decision.txt")
    (root / "other" / "decision.txt").write_text(programme(years=YEARS, directions=2).text,
                                                 encoding="utf-8")
    monkeypatch.setattr(paths, "PROGRAMMES_DIR", root)
    return root


def test_programme_places(project):
    other = paths.programme_place("other")
    assert other.document == project / "other" / "decision.txt"
    assert other.actuals == project / "other" / "actuals"
    assert other.processed == project / "other" / "processed"
    assert other.reports == project / "other" / "reports"
    assert other.rating_results == paths.DEFAULT_RATING_RESULTS  # none of its own
    (project / "other" / "rating_results.csv").write_text("x", encoding="utf-8")
    assert place_of(project / "other").rating_results == project / "other" / "rating_results.csv"
    assert place_of(project / "other" / "decision.txt").folder == project / "other"
    assert place_of(None) == paths.default_place() and place_of(None).name is None
    assert place_of(DEFAULT_DOCUMENT) == paths.default_place()
    assert place_of(project / "x.txt").processed is None  # a document without a home
    assert [p.name for p in paths.programmes()] == [None, "other", "zhytomyr"]


@pytest.mark.parametrize("name", ["", "..", ".", ".hidden", "a/b", "a\\b", "x\ny", " a",
                                  "я" * 101])
def test_a_programme_name_is_one_plain_folder_name(name):
    with pytest.raises(PlaceError):
        check_name(name)


def test_bad_or_missing_programme_is_one_line(project, capsys):
    assert main(["validate", "--programme", "../zhytomyr"]) == 2
    assert main(["validate", "--programme", "nobody"]) == 2
    assert main(["validate", str(project / "other"), "--programme", "other"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("zhytomyr-kpi: помилка: ") for line in err)
    assert "програму «nobody» не знайдено" in err[1]
    assert "Traceback" not in "".join(err)


def test_build_of_one_programme_never_touches_the_other(project, capsys):
    assert main(["build", "--programme", "other"]) == 0
    before = _snapshot(project / "other")
    assert "processed/funding.csv" in before
    assert main(["build", str(project / "zhytomyr" / "decision.txt")]) == 0
    assert _snapshot(project / "other") == before
    ours = (project / "zhytomyr" / "processed" / "funding.csv").read_bytes()
    assert ours == (paths.PROCESSED_DIR / "funding.csv").read_bytes()  # No. 1685, same tables
    assert b"2026" in (project / "other" / "processed" / "funding.csv").read_bytes()
    assert "2026" not in ours.decode("utf-8")


def test_ingest_many_files_into_one_programme_only(project, tmp_path, capsys):
    other = load_program(project / "other" / "decision.txt")
    first = act.write_template(other, tmp_path / "in" / "a.xlsx", "2023", None)
    second = act.write_template(other, tmp_path / "in" / "b.xlsx", "2024", None)
    assert main(["build", "--programme", "zhytomyr"]) == 0
    before = _snapshot(project / "zhytomyr")
    capsys.readouterr()
    assert main(["ingest", str(first), str(second), "--programme", "other"]) == 0
    out = capsys.readouterr().out
    assert "Прийнято a.xlsx (2023 рік" in out and "Прийнято b.xlsx (2024 рік" in out
    assert "Прийнято 2 з 2\u00a0файлів" in out
    assert len(list((project / "other" / "actuals").iterdir())) == 3  # two + the lock
    assert _snapshot(project / "zhytomyr") == before
    assert not (project / "zhytomyr" / "actuals").exists()
    assert main(["status", "--document", str(project / "other"), "--year", "2023"]) == 0
    shown = capsys.readouterr().out
    assert "файл «a.xlsx»" in shown and "b.xlsx" not in shown  # b is the 2024 report


def test_ingest_takes_every_positional_argument_as_a_workbook(program, tmp_path, capsys):
    """``ingest a.xlsx b.xlsx`` never mistakes a.xlsx for the decision (issue 24, item 8)."""
    first = act.write_template(program, tmp_path / "in" / "a.xlsx", "2019", 4)
    second = act.write_template(program, tmp_path / "in" / "b.xlsx", "2020", 4)
    store = tmp_path / "store"
    assert main(["ingest", str(first), str(second), "--store", str(store)]) == 0
    assert "Прийнято 2 з 2\u00a0файлів" in capsys.readouterr().out
    assert main(["ingest", str(first), "--document", str(first), "--store", str(store)]) == 2


def test_report_of_another_programme_has_its_own_years_and_place(project, capsys):
    before = _snapshot(project / "zhytomyr")
    assert main(["report", "--programme", "other", "--year", "2022", "--no-notebook"]) == 0
    assert (project / "other" / "reports" / "evaluation_2022.pdf").is_file()
    assert _snapshot(project / "zhytomyr") == before
    capsys.readouterr()
    assert main(["report", str(project / "other"), "--year", "2019", "--no-notebook"]) == 2
    err = capsys.readouterr().err
    assert "невідомий період звіту «2019»" in err and "2022-2026" in err


def test_a_relative_path_reaches_the_report_notebook(project, monkeypatch):
    """The report's notebook runs in its own folder: a path given relative to where the
    command was typed still names the same programme there."""
    monkeypatch.chdir(project)
    assert main(["report", "other", "--year", "2022"]) == 0
    notebook = (project / "other" / "reports" / "evaluation_2022.ipynb").read_text("utf-8")
    assert str(project / "other" / "decision.txt") in notebook


def test_a_document_without_a_home_names_where_to_write(project, tmp_path, capsys):
    text = tmp_path / "loose.txt"
    shutil.copy(project / "other" / "decision.txt", text)
    assert main(["build", str(text)]) == 2
    assert main(["report", str(text), "--year", "2022"]) == 2
    assert main(["status", "--document", str(text), "--year", "2022"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all("programmes/<назва>/decision.txt" in line for line in err)
    assert "--out ТЕКА" in err[0] and "--store ТЕКА" in err[2]
    assert main(["build", str(text), "--out", str(tmp_path / "out")]) == 0
    assert main(["validate", str(text)]) == 0
    assert main(["build", str(tmp_path / "missing.txt")]) == 2
    assert "файл не знайдено" in capsys.readouterr().err


def test_a_programme_has_its_own_settings(project):
    own = project / "other" / "report.toml"
    assert load_settings(own).programme == ""  # missing: the defaults, not No. 1685's
    own.write_text('[title]\nprogramme = "Інша програма"\n', encoding="utf-8")
    assert load_settings(own).programme == "Інша програма"
    from zhytomyr_kpi.report import SettingsError

    with pytest.raises(SettingsError):
        load_settings(project / "other" / "missing.toml")


# ---------------------------------------------------------------- the portfolio


def _filled(program, tmp_path, year: str, share: float) -> Path:
    """The whole-programme workbook of ``year`` with every money cell at ``share`` of its
    plan and every cost/output indicator at its plan."""
    from openpyxl import load_workbook

    path = act.write_template(program, tmp_path / f"{year}.xlsx", year, None)
    book = load_workbook(path)
    sheet = book[act.SHEET_MEASURES]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value and row[3].value is not None and row[4].protection.locked is False:
            row[4].value = round(row[3].value * share, 3)
    for row in book[act.SHEET_INDICATORS].iter_rows(min_row=2):
        if row[0].value and isinstance(row[4].value, int | float):
            row[5].value = row[4].value
    book.save(path)
    return path


def test_portfolio_per_programme(project, tmp_path, capsys):
    from zhytomyr_kpi.views.portfolio import NO_DATA, cells, portfolio

    other = load_program(project / "other" / "decision.txt")
    assert main(["ingest", str(_filled(other, tmp_path, "2023", 0.5)), "--programme",
                 "other"]) == 0
    (project / "broken").mkdir()
    (project / "broken" / "decision.txt").write_bytes(b"\xff\xfe not a decision")
    rows = {r.programme: r for r in portfolio()}
    assert sorted(rows, key=str) == sorted(["типова програма (рішення № 1685)", "broken",
                                            "other", "zhytomyr"])
    mine = rows["other"]
    assert mine.term == "2022-2026" and list(mine.plan_kuah) == list(YEARS)
    counted = other.measures[other.measures.counts_in_total].measure_id
    funding = other.funding[other.funding.measure_id.isin(counted)]
    for year in YEARS:
        expected = float(funding[funding.year == year].amount_kuah.sum())
        assert mine.plan_kuah[year] == pytest.approx(expected)
    assert list(mine.actual_kuah) == ["2023"]
    assert mine.execution_pct("2023") == pytest.approx(50.0, abs=0.01)
    assert mine.indicators_reported == 2 and mine.indicators_reached == 2
    assert (mine.errors, mine.warnings) == (0, 0)
    shown = cells(mine)
    assert shown[4] == "2023: 50,0 %" and "2 з 2" in shown[8]
    one685 = rows["zhytomyr"]
    assert (one685.errors, one685.warnings, one685.infos) == (31, 31, 27)
    assert cells(one685)[4] == NO_DATA
    assert one685.plan_total_kuah == pytest.approx(60383.349)
    assert rows["broken"].error.startswith("не прочитано: ")
    capsys.readouterr()
    assert main(["portfolio"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Портфель: 4\u00a0програми") and "2023: 50,0 %" in out
    assert "не прочитано" in out


def test_a_programmes_tables_and_store_are_not_a_place_for_other_outputs(project, capsys):
    target = project / "other" / "processed" / "report.md"
    assert main(["validate", "--programme", "other", "--markdown", str(target)]) == 2
    assert main(["validate", "--programme", "other", "--json",
                 str(project / "other" / "decision.txt")]) == 2
    assert main(["validate", "--programme", "bad\nname\u202e"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "пише лише команда build" in err
    assert not target.exists()
