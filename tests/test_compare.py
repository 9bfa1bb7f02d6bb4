"""Issue 23: what an amendment changes. Editions are made from No. 1685 and from a corpus
programme by changing the named lines only (tests/editions.py); each change must be found
once, nothing unchanged reported, and the changes must add up to the difference of the
totals."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from editions import index_of, lines_of, renumber, replace_in, write

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.compare.changes import compare
from zhytomyr_kpi.compare.editions import read_editions
from zhytomyr_kpi.compare.summary import console

ROOT = Path(__file__).resolve().parent.parent
DECISION = ROOT / "data" / "raw" / "rishennia_1685_2019-12-18.txt"
POLTAVA = ROOT / "tests" / "data" / "corpus" / "poltava_cyfrova" / "decision.txt"


def compared(old: Path, new: Path):
    readings = read_editions(old, new)
    return compare(readings.old, readings.new), readings


def direction_end(lines: list[str], section: int) -> int:
    """Index of the first line after direction ``section``'s rows (its total row)."""
    start = index_of(lines, f"{section}.1.")
    for i in range(start, len(lines)):
        if lines[i].startswith(("ВСЬОГО", "Всього", "Разом", "РАЗОМ")):
            return i
    raise AssertionError(section)


def reconciles(comparison) -> None:
    """For every year and direction: the measures' changes = new computed − old computed."""
    old = comparison.old.programme.section_totals.set_index(["section", "year"]).computed_kuah
    new = comparison.new.programme.section_totals.set_index(["section", "year"]).computed_kuah
    money = comparison.money
    counted = money[money.counts_in_total.astype(bool)]
    for section, year in new.index.intersection(old.index):
        rows = counted[counted.year == year]
        if section != "total":
            rows = rows[rows.section == section]
        assert rows.delta_kuah.sum() == pytest.approx(new[(section, year)] - old[(section, year)],
                                                      abs=1e-6), (section, year)
    totals = comparison.totals.set_index(["part", "key", "year"]).measures_delta_kuah
    for (section, year), value in (new - old).dropna().items():
        part = "programme" if section == "total" else "direction"
        assert totals[(part, section, year)] == pytest.approx(value, abs=1e-6)


def test_an_edition_compared_with_an_identical_text_has_no_change(tmp_path):
    copy = write(lines_of(DECISION), tmp_path / "copy.txt")
    c, readings = compared(DECISION, copy)
    assert c.unchanged
    for name in ("measures", "money", "indicators", "passport"):
        assert c.frames()[name].empty, name
    assert set(c.findings.status) == {"kept"}
    assert readings.with_corrections  # the same text: the same reviewed corrections on both
    assert "Змін у заходах" in console(c)


def test_money_moved_between_years_is_two_amounts_and_no_total(tmp_path):
    lines = lines_of(DECISION)
    row = index_of(lines, "1.2.")
    replace_in(lines, row, "190,0\t190,0\t190,0\t570,0", "150,0\t230,0\t190,0\t570,0")
    c, _ = compared(DECISION, write(lines, tmp_path / "years.txt"))
    assert c.measures.empty
    money = c.money
    assert list(zip(money.new_id, money.year, money.delta_kuah, strict=True)) == [
        ("1.2", "2018", pytest.approx(-40.0)), ("1.2", "2019", pytest.approx(40.0))]
    assert set(money.change) == {"changed"}
    assert money.old_line.tolist() == [row + 1, row + 1]
    reconciles(c)


def test_money_moved_between_measures(tmp_path):
    lines = lines_of(DECISION)
    replace_in(lines, index_of(lines, "1.3."), "150,0\t180,0\t180,0\t510,0",
               "150,0\t150,0\t180,0\t480,0")
    replace_in(lines, index_of(lines, "1.6."), "4,0\t4,0\t4,0\t12,0", "4,0\t34,0\t4,0\t42,0")
    c, _ = compared(DECISION, write(lines, tmp_path / "measures.txt"))
    got = sorted(zip(c.money.new_id, c.money.year, c.money.delta_kuah.round(6), strict=True))
    assert got == [("1.3", "2019", -30.0), ("1.3", "total", -30.0), ("1.6", "2019", 30.0),
                   ("1.6", "total", 30.0)]
    direction = c.totals[(c.totals.part == "direction") & (c.totals.key == "1")]
    assert direction.measures_delta_kuah.abs().max() == pytest.approx(0.0)
    reconciles(c)


def test_a_measure_put_in_the_middle_shifts_the_ids_after_it(tmp_path):
    lines = lines_of(DECISION)
    at = index_of(lines, "1.3.")
    shifted = renumber(lines, 1, 4, 1, at + 1, direction_end(lines, 1))
    lines.insert(at + 1, "1.4.\tНовий напрям співпраці\tПроведення форуму громадських "
                         "ініціатив міста\t2019-2020\tУправління по зв'язках з громадськістю\t"
                         "Місцевий бюджет\t0,0\t50,0\t50,0\t100,0\tЗалучення громадськості")
    c, _ = compared(DECISION, write(lines, tmp_path / "insert.txt"))
    kinds = c.measures.change.value_counts().to_dict()
    assert kinds == {"renumbered": shifted, "added": 1}
    added = c.measures[c.measures.change == "added"].iloc[0]
    assert (added.new_id, added.new_line) == ("1.4", at + 2)
    assert c.id_map["1.4"] == "1.5" and c.id_map["1.8.7"] == "1.9.7"
    assert set(c.money.change) == {"added"}
    assert c.money.delta_kuah.sum() == pytest.approx(200.0)  # 50 + 50 and the row's 100
    reconciles(c)
    # a shifted measure's inconsistencies are the same inconsistencies, not fixed and new
    assert not (c.findings.status == "fixed").any()


def test_a_measure_removed(tmp_path):
    lines = lines_of(DECISION)
    at = index_of(lines, "1.6.")
    end = direction_end(lines, 1)
    del lines[at]
    shifted = renumber(lines, 1, 7, -1, at, end - 1)
    c, _ = compared(DECISION, write(lines, tmp_path / "removed.txt"))
    assert c.measures.change.value_counts().to_dict() == {"renumbered": shifted, "removed": 1}
    removed = c.measures[c.measures.change == "removed"].iloc[0]
    assert (removed.old_id, removed.old_line) == ("1.6", at + 1)
    assert c.money.delta_kuah.sum() == pytest.approx(-24.0)
    reconciles(c)


def test_executors_renamed_and_an_indicator_target_changed(tmp_path):
    lines = lines_of(DECISION)
    replace_in(lines, index_of(lines, "1.7."), "Відділ організаційного забезпечення "
               "депутатської діяльності", "Управління забезпечення депутатської діяльності")
    target = next(i for i, line in enumerate(lines) if "ТОП-9\tТОП-7\tТОП-3" in line)
    replace_in(lines, target, "ТОП-7\tТОП-3", "ТОП-5\tТОП-3")
    c, _ = compared(DECISION, write(lines, tmp_path / "renamed.txt"))
    m = c.measures
    assert m[["change", "new_id", "field"]].values.tolist() == [["changed", "1.7", "executors"]]
    assert m.new_text.iloc[0].startswith("Управління забезпечення")
    assert c.money.empty
    i = c.indicators
    assert i[["change", "group", "field", "period", "old_text", "new_text"]].values.tolist() == [
        ["changed", "quality", "value", "2019", "ТОП-7", "ТОП-5"]]
    assert i.new_line.iloc[0] == target + 1


def test_a_corpus_programme_edition(tmp_path):
    lines = lines_of(POLTAVA)
    row = index_of(lines, "1.2.")
    replace_in(lines, row, "1 250,0\t640,0\t-\t1 890,0", "1 050,0\t640,0\t200,0\t1 890,0")
    replace_in(lines, row, "загальний відділ", "відділ документообігу")
    c, _ = compared(POLTAVA, write(lines, tmp_path / "poltava.txt"))
    assert c.measures[["new_id", "field"]].values.tolist() == [["1.2", "executors"]]
    assert sorted(zip(c.money.year, c.money.delta_kuah.round(6), strict=True)) == [
        ("2021", -200.0), ("2023", 200.0)]
    reconciles(c)


def test_editions_of_different_terms_compare_the_common_years(tmp_path):
    text = POLTAVA.read_text(encoding="utf-8")
    for year in ("2023", "2022", "2021"):  # the whole programme one year later
        text = text.replace(year, str(int(year) + 1))
    shifted = tmp_path / "later.txt"
    shifted.write_text(text, encoding="utf-8")
    c, _ = compared(POLTAVA, shifted)
    assert c.common_years == ("2022", "2023")
    assert c.added_years == ("2024",) and c.removed_years == ("2021",)
    assert "нові роки: 2024" in console(c) and "вилучено роки: 2021" in console(c)


def test_two_different_programmes_are_refused_with_both_titles():
    with pytest.raises(ParseError) as caught:
        compared(DECISION, POLTAVA)
    message = str(caught.value)
    assert "інша програма" in message and "Ефективна влада" in message and \
        "цифров" in message.lower()


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhytomyr_kpi", "compare", *args],
                          capture_output=True, text=True, cwd=cwd, check=False)


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    not_a_decision = tmp_path / "note.txt"
    not_a_decision.write_text("Просто нотатка, а не рішення.\n", encoding="utf-8")
    for args in ((str(DECISION), str(not_a_decision)), (str(DECISION), str(POLTAVA)),
                 (str(DECISION), str(DECISION)), (str(DECISION), str(tmp_path / "absent.txt"))):
        done = run(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert not list(tmp_path.glob("comparison*"))


def test_the_comparative_table_files(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    from openpyxl import load_workbook

    lines = lines_of(DECISION)
    replace_in(lines, index_of(lines, "1.2."), "190,0\t190,0\t190,0\t570,0",
               "150,0\t190,0\t190,0\t530,0")
    at = index_of(lines, "1.3.")
    renumber(lines, 1, 4, 1, at + 1, direction_end(lines, 1))
    hostile = '=HYPERLINK("http://x","клік") <img src=x onerror=alert(1)>'
    lines.insert(at + 1, f"1.4.\tНове завдання\t{hostile}\t2020\tУправління культури\t"
                         "Місцевий бюджет\t0,0\t0,0\t25,0\t25,0\t")
    new = write(lines, tmp_path / "draft.txt")
    out = tmp_path / "out"
    done = run(str(DECISION), str(new), "--out", str(out))
    assert done.returncode == 0, done.stderr
    shown = done.stdout.replace("\u00a0", " ")
    assert "додано 1 захід" in shown and "−40" in shown
    assert sorted(p.name for p in out.iterdir()) == ["comparison.docx", "comparison.pdf",
                                                     "comparison.xlsx"]
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(out / "comparison.pdf").pages)
    assert "Порівняльна таблиця змін" in text and "№ 1685" in text
    assert "−40" in text and "<img" in text and "onerror=alert(1)" in text  # shown, not run
    assert not pypdf.PdfReader(out / "comparison.pdf").attachments
    words = "\n".join(p.text for p in docx.Document(out / "comparison.docx").paragraphs)
    cells = "\n".join(c.text for t in docx.Document(out / "comparison.docx").tables
                      for row in t.rows for c in row.cells)
    assert "Порівняльна таблиця змін" in words and "−40" in cells
    book = load_workbook(out / "comparison.xlsx")
    assert {"Заходи", "Кошти заходів", "Підсумки", "Показники (дод. Б)", "Паспорт",
            "Невідповідності"} <= set(book.sheetnames)
    formulas = [c.coordinate for s in book for row in s.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []
    totals = [row for row in book["Підсумки"].iter_rows(min_row=2, values_only=True)]
    assert totals and all(not (isinstance(cell, str) and cell.isascii() and cell.isalpha())
                          for row in totals for cell in row), totals  # no codes like «total»
    added = [row for row in book["Заходи"].iter_rows(values_only=True) if row[0] == "додано"]
    assert added and added[0][6] == hostile
    with zipfile.ZipFile(out / "comparison.xlsx") as z:
        assert "<f>" not in z.read("xl/worksheets/sheet2.xml").decode()
    # again without --force: refused, nothing changed
    before = (out / "comparison.pdf").stat().st_mtime_ns
    again = run(str(DECISION), str(new), "--out", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert (out / "comparison.pdf").stat().st_mtime_ns == before


def test_library_frames_are_tidy(tmp_path):
    lines = lines_of(DECISION)
    replace_in(lines, index_of(lines, "1.2."), "190,0\t190,0\t190,0\t570,0",
               "150,0\t230,0\t190,0\t570,0")
    c, _ = compared(DECISION, write(lines, tmp_path / "years.txt"))
    for name, frame in c.frames().items():
        assert isinstance(frame, pd.DataFrame), name
        assert any(col.endswith("_line") for col in frame.columns), name
    assert c.money.delta_kuah.dtype == float


@pytest.mark.parametrize(("name", "expected"), [
    ("lutsk_biznes", "Програма розвитку малого і середнього підприємництва Луцької"),
    ("rivne_molod", "Міська цільова програма «Активна молодь Рівного» на 2022-2023 роки"),
    ("poltava_cyfrova", "Міська цільова програма «Цифрова Полтава» на 2021-2023 роки"),
])
def test_the_programme_name_is_its_name_not_the_initiator(name, expected):
    from zhytomyr_kpi import load_program

    title = load_program(ROOT / "tests" / "data" / "corpus" / name / "decision.txt").title
    assert title.startswith(expected), title
    assert "Департамент" not in title


def test_two_corpus_programmes_are_told_apart_by_their_names():
    lutsk = ROOT / "tests" / "data" / "corpus" / "lutsk_biznes" / "decision.txt"
    with pytest.raises(ParseError) as caught:
        compared(POLTAVA, lutsk)
    assert "Цифрова Полтава" in str(caught.value) and "підприємництва" in str(caught.value)


def test_matching_a_rewritten_edition_compares_each_measure_with_a_window_not_all(monkeypatch):
    """A 1 000-measure edition whose every wording changed: the number of comparisons grows
    with the number of measures (each against at most 2·WINDOW + 1 others), not with its
    square. Counted, not timed (all with all: 250 000 comparisons in each of four groups)."""
    from zhytomyr_kpi.compare import matching

    calls = []
    real = matching.fuzz.ratio
    monkeypatch.setattr(matching.fuzz, "ratio",
                        lambda a, b, **kw: calls.append(1) or real(a, b, **kw))
    old = [matching.Item(f"{k % 4}.{k}", str(k % 4), f"старий захід номер {k}", "", k)
           for k in range(1000)]
    new = [matching.Item(f"{k % 4}.{k + 1000}", str(k % 4), f"інший зміст {k * 7919}", "", k)
           for k in range(1000)]
    pairs = matching.match(old, new)
    assert 0 < len(calls) <= 1000 * (2 * matching.WINDOW + 1)
    assert len(pairs) >= 1000  # every new measure is in the result, paired or added


def test_a_measure_far_from_its_place_among_many_rewritten_is_still_reported_once():
    """Beyond the window a moved measure is removed and added, never lost or doubled."""
    from zhytomyr_kpi.compare import matching

    count = 3 * matching.WINDOW
    old = [matching.Item(f"1.{k}", "1", f"захід {k} про навчання кадрів", "", k)
           for k in range(count)]
    new = [matching.Item(f"1.{k}", "1", f"захід {k} про навчання кадрів міста", "", k)
           for k in range(count)]
    pairs = matching.match(old, new)
    assert sorted(o.position for o, _ in pairs if o) == list(range(count))
    assert sorted(n.position for _, n in pairs if n) == list(range(count))
