"""Bad input: one clear line naming the file (and line), exit code 2, no traceback, no output."""

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.paths import DEFAULT_DOCUMENT, REVIEWED_DIR
from zhytomyr_kpi.quirks import Quirks

REAL = DEFAULT_DOCUMENT.read_bytes()


def _cut_before(text: str, marker: str) -> str:
    return text[: text.index(marker)]


CASES = {
    "not_this_document": ("Протокол засідання\nПорядок денний:\t1\n", "це не рішення", 1),
    "truncated_in_annex_a": (_cut_before(REAL.decode(), "3.2.14\t"), "ПОКАЗНИКИ "
                             "РЕЗУЛЬТАТИВНОСТІ", None),
    "annex_a_without_razom": (REAL.decode().replace("\tРАЗОМ\t", "\tразом\t"), "РАЗОМ", 336),
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
