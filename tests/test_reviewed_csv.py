"""The reviewed CSV files a department writes by hand or saves from Excel (``vocabulary.csv``,
aliases, pairings, quirks) are read strictly: what Excel writes is accepted, and anything that
would make a row mean something other than what it shows is one line naming the file and row
(exit 2) — never rows swallowed, a cell dropped or a file skipped in silence."""

from __future__ import annotations

import os

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.document import wordings
from zhytomyr_kpi.document.quirks import read_reviewed_csv

HEADER = "kind,wording,meaning,reason"
ROW = "source,кошти спонсорів,other,Спонсори — не бюджет"
COLUMNS = ("kind", "wording", "meaning", "reason")


@pytest.fixture(autouse=True)
def _no_project_vocabulary(tmp_path, monkeypatch):
    monkeypatch.setattr(wordings, "PROJECT", tmp_path / "no-project" / "vocabulary.csv")


def _csv(tmp_path, text: str, *, newline: str = "\n"):
    path = tmp_path / "vocabulary.csv"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_an_excel_csv_utf8_file_with_bom_and_crlf_is_read(tmp_path):
    path = _csv(tmp_path, "\ufeff" + HEADER + "\n" + ROW + "\n\n" + ROW.replace("спонсорів",
                                                                                  "меценатів"),
                newline="\r\n")
    rows = read_reviewed_csv(path, COLUMNS)
    assert [(r.row, r["wording"]) for r in rows] == [(2, "кошти спонсорів"),
                                                      (4, "кошти меценатів")]


@pytest.mark.parametrize("text, line, message", [
    ("kind;wording;meaning;reason\nsource;кошти;other;x\n", 1, "розділено «;»"),
    (HEADER + "\n" + ROW + ",зайве\n", 2, "зайві клітинки поза 4 стовпцями"),
    (HEADER + "\nsource,кошти спонсорів,other\n", 2, "бракує клітинок: reason"),
    # A quote left open would swallow every row after it into one cell.
    (HEADER + '\nsource,кошти,other,"Спонсори\n' + ROW + "\n" + ROW + "\n", 2,
     "лапки не закрито"),
    (HEADER + '\n\nsource,кошти,other,"Спонсори" — не бюджет\n', 3, "після закривальних лапок"),
    (HEADER + '\n' + ROW + '\nsource,"кошти\nспонсорів",other,x\n', 3, "розрив рядка"),
    (HEADER + "\nsource,кошти\x00,other,x\n", 2, "U+0000"),
    (HEADER + "\nsource,кошти \u202eвідзначено,other,x\n", 2, "U+202E"),
    (HEADER + "\nsource,кошти \u2066спонсорів\u2069,other,x\n", 2, "U+2066"),
])
def test_a_broken_reviewed_csv_names_the_row(tmp_path, text, line, message):
    path = _csv(tmp_path, text)
    with pytest.raises(ParseError) as caught:
        read_reviewed_csv(path, COLUMNS)
    assert caught.value.line == line and message in str(caught.value)


def test_a_quote_left_open_is_exit_2_not_a_vocabulary_missing_its_rows(tmp_path, capsys):
    folder = tmp_path / "programme"
    folder.mkdir()
    decision = folder / "decision.txt"
    decision.write_text(syn.document(), encoding="utf-8")
    (folder / "vocabulary.csv").write_text(
        HEADER + '\nsource,кошти,other,"Спонсори\n' + ROW.replace("спонсорів", "меценатів")
        + "\n", encoding="utf-8")
    assert main(["validate", str(decision)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "vocabulary.csv:2" in err and "Traceback" not in err


@pytest.mark.parametrize("make", ["directory", "fifo", "dangling", "device"])
def test_something_not_a_file_named_vocabulary_csv_is_named_not_skipped(tmp_path, capsys, make):
    folder = tmp_path / "programme"
    folder.mkdir()
    decision = folder / "decision.txt"
    decision.write_text(syn.document(), encoding="utf-8")
    target = folder / "vocabulary.csv"
    if make == "directory":
        target.mkdir()
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "dangling":
        target.symlink_to(folder / "gone.csv")
    else:
        target.symlink_to("/dev/zero")
    with pytest.raises(ParseError) as caught:
        load_program(decision)
    assert caught.value.path == str(target)
    assert main(["validate", str(decision)]) == 2
    assert "vocabulary.csv" in capsys.readouterr().err


@pytest.mark.parametrize("text, message", [
    ("kind,wording,meaning,reason,,\n" + ROW + ",,\n", "порожня назва стовпця 5"),
    ("kind,wording,meaning,reason,kind\n" + ROW + ",x\n", "стовпець «kind» у заголовку двічі"),
    (HEADER + "\nsource,\"" + "к" * 200_000 + "\",other,x\n", "клітинка довша за"),
])
def test_a_broken_header_or_a_huge_cell_is_named_in_one_short_line(tmp_path, text, message):
    with pytest.raises(ParseError) as caught:
        read_reviewed_csv(_csv(tmp_path, text), COLUMNS)
    assert message in str(caught.value) and len(str(caught.value)) < 400


def test_an_output_never_overwrites_the_vocabulary_it_read(tmp_path, capsys):
    folder = tmp_path / "programme"
    folder.mkdir()
    decision = folder / "decision.txt"
    decision.write_text(syn.document(), encoding="utf-8")
    vocabulary = folder / "vocabulary.csv"
    vocabulary.write_text(HEADER + "\n" + ROW + "\n", encoding="utf-8")
    before = vocabulary.read_bytes()
    assert main(["validate", str(decision), "--markdown", str(vocabulary), "--force"]) == 2
    assert "вхідний файл" in capsys.readouterr().err and vocabulary.read_bytes() == before


def test_no_output_goes_where_a_vocabulary_file_would_be_read(tmp_path, capsys):
    folder = tmp_path / "programme"
    folder.mkdir()
    decision = folder / "decision.txt"
    decision.write_text(syn.document(), encoding="utf-8")
    assert main(["validate", str(decision), "--json", str(folder / "vocabulary.csv")]) == 2
    assert not (folder / "vocabulary.csv").exists() and "вхідний файл" in capsys.readouterr().err


def test_the_row_suggested_for_a_long_wording_matches_it(tmp_path):
    from zhytomyr_kpi.document.wordings import hint

    long = "кошти " + "благодійних " * 20 + "фондів громади"
    row = hint(None, "source", long).split("«", 1)[1].split("»", 1)[0]
    folder = tmp_path / "programme"
    folder.mkdir()
    text = syn.document().replace(syn.measure("2.2.", syn.M22, syn.M22_TOTAL),
                                  syn.measure("2.2.", syn.M22, syn.M22_TOTAL).replace(
                                      "Місцевий бюджет", long))
    (folder / "decision.txt").write_text(text, encoding="utf-8")
    before = [f for f in load_program(folder / "decision.txt").all_findings
              if f.check == "wordings"]
    assert before
    (folder / "vocabulary.csv").write_text(HEADER + "\n" + row.replace("…", "other", 1)
                                           .replace(",…", ",Довга назва") + "\n",
                                           encoding="utf-8")
    assert not [f for f in load_program(folder / "decision.txt").all_findings
                if f.check == "wordings"]
