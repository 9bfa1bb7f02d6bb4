"""Bad input: one clear line naming the file (and line), exit code 2, no traceback, no output."""

import os
from pathlib import Path

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program
from zhytomyr_kpi.analysis.rating_results import COLUMNS, load_results
from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT, REVIEWED_DIR
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.document.quirks import Quirks

REAL = DEFAULT_DOCUMENT.read_bytes()


def _cut_before(text: str, marker: str) -> str:
    return text[: text.index(marker)]


CASES = {
    "not_this_document": ("Протокол засідання\nПорядок денний:\t1\n", "це не рішення", 1),
    "truncated_in_annex_a": (_cut_before(REAL.decode(), "3.2.14\t"), "ПОКАЗНИКИ "
                             "РЕЗУЛЬТАТИВНОСТІ", None),
    "annex_a_without_razom": (REAL.decode().replace("\tРАЗОМ\t", "\t\t"), "РАЗОМ", 336),
    "malformed_amount": (REAL.decode().replace("\t190,0\t190,0\t190,0\t570,0\t",
                                               "\t12,3,4\t190,0\t190,0\t570,0\t", 1),
                         "«12,3,4»", 205),
    "annex_b_group_missing": (REAL.decode().replace("ПОКАЗНИКИ ЯКОСТІ", "ПРИМІТКИ"),
                              "ПОКАЗНИКИ ЯКОСТІ", None),
    "binary": (b"\x00\x01\x02PK\x03\x04" * 50, "не текстовий", None),
    "empty": (b"", "порожній", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_parse_error_names_the_file_and_line(write_doc, case):
    content, words, line = CASES[case]
    path = write_doc(content)
    with pytest.raises(ParseError) as caught:
        load_program(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert words in message
    assert "\n" not in message
    if line is not None:
        assert caught.value.line == line


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_exit_code_2_one_line_no_traceback_no_output(write_doc, tmp_path, capsys, case):
    path = write_doc(CASES[case][0])
    out = tmp_path / "out"
    assert main(["build", str(path), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err and str(path) in captured.err
    assert not out.exists()


def test_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.txt")]) == 2
    assert "файл не знайдено" in capsys.readouterr().err


@pytest.mark.parametrize("transform", ["crlf", "bom", "cp1251", "cr"])
def test_encodings_and_line_endings_read_the_same(write_doc, program, transform):
    text = REAL.decode("utf-8")
    content = {
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "bom": b"\xef\xbb\xbf" + REAL,
        "cp1251": text.encode("cp1251"),
    }[transform]
    other = load_program(write_doc(content))
    assert other.document.encoding == ("cp1251" if transform == "cp1251" else "utf-8")
    assert other.funding.equals(program.funding)
    assert other.findings.equals(program.findings)


def test_undecodable_bytes(write_doc):
    with pytest.raises(ParseError, match="ні як UTF-8, ні як Windows-1251"):
        load_program(write_doc(syn.document().encode("utf-8") + b"\x98\x98\xff\n"))


def test_synthetic_document_with_the_real_quirks_fails_clearly(write_doc):
    # Chosen explicitly, the reviewed quirks of decision No. 1685 match nothing here: that is an
    # error, not a no-op. By default they are not chosen: they declare another document.
    with pytest.raises(ParseError, match="не відповідає нічому"):
        load_program(write_doc(syn.document()), quirks=REVIEWED_DIR)
    assert load_program(write_doc(syn.document())).document.quirks.directory is None
    assert load_program(write_doc(syn.document()), quirks=Quirks.none())


def test_missing_annex_b_is_a_finding_not_an_error(write_doc):
    # Annex B is optional (issue 11): the rest is read and a finding says what is missing.
    program = load_program(write_doc(REAL.decode().replace("ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ",
                                                           "ІНШЕ")))
    assert program.indicators.empty and len(program.funding) == 237
    found = [f for f in program.all_findings if f.check == "document_parts"]
    assert [f.severity for f in found] == ["warning"] and "додаток Б" in found[0].message
    program.validate_schemas()


# ---------------------------------------------------------------- the ratings file

RATINGS_HEADER = ",".join(COLUMNS)  # the required columns only
RATINGS_ROW = "ti_transparent_cities,overall,2018,2018,2019,7,,,63.85,,100,100,verified,src,note"
RATINGS_CASES = {
    "place_5000_digits": (RATINGS_ROW.replace(",7,", "," + "9" * 5000 + ","), "рядок 3, "
                          "стовпець place: забагато цифр"),
    "score_400_digits": (RATINGS_ROW.replace("63.85", "9" * 400 + ".5"), "рядок 3, "
                         "стовпець score: забагато цифр"),
    "arabic_indic_place": (RATINGS_ROW.replace(",7,", ",٧,"), "рядок 3, стовпець place: "
                           "очікується ціле число з цифр 0-9"),
    "fullwidth_out_of": (RATINGS_ROW.replace(",100,100,", ",１００,100,"), "рядок 3, стовпець "
                         "out_of"),
    "arabic_indic_year": (RATINGS_ROW.replace(",2018,2018,", ",٢٠١٨,2018,"), "рядок 3, "
                          "стовпець program_year"),
    "unclosed_quote_in_note": (RATINGS_ROW.replace(",note", ',"note that never ends'),
                               "рядок 3, стовпець note: лапки не закрито"),
    "unclosed_quote_in_source": (RATINGS_ROW.replace(",src,", ',"src,'),
                                 "рядок 3, стовпець source: лапки не закрито"),
    "unquoted_comma": (RATINGS_ROW + ", more", "рядок 3: 16 полів замість 15"),
}


@pytest.mark.parametrize("case", sorted(RATINGS_CASES))
def test_ratings_file_bad_values_name_the_row_and_column(tmp_path, capsys, case):
    row, words = RATINGS_CASES[case]
    path = tmp_path / "results.csv"
    path.write_text("\n".join([RATINGS_HEADER, RATINGS_ROW.replace("2018", "2017"), row,
                               RATINGS_ROW.replace("2018", "2019")]) + "\n", encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        load_results(path)
    assert str(caught.value).startswith(f"{path}: {words}")
    assert len(str(caught.value)) < 300 and "\n" not in str(caught.value)
    assert main(["ratings", "--results", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_multiline_quoted_note_keeps_later_rows_at_their_file_line(tmp_path):
    path = tmp_path / "results.csv"
    note = '"first line\nsecond line"'
    bad = RATINGS_ROW.replace("2018", "2019").replace(",7,", ",сьоме,")
    path.write_text("\n".join([RATINGS_HEADER, RATINGS_ROW.replace(",note", "," + note), bad])
                    + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match="рядок 4, стовпець place"):
        load_results(path)


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_special_files_are_refused_at_once(tmp_path, special):
    if special == "/dev/zero" and not os.path.exists(special):
        pytest.skip("no /dev/zero")
    path = {"/dev/zero": Path("/dev/zero"), "fifo": tmp_path / "f.csv",
            "folder": tmp_path}[special]
    if special == "fifo":
        os.mkfifo(path)
    for load in (load_results, load_program):
        with pytest.raises(ParseError, match=r"не звичайний файл|це тека"):
            load(path)
