"""The size limit of a decision text (issue 24, item 5): set from the linear validation's
measurement (``benchmarks/long_document.py``), a larger file refused with one line, exit 2."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zhytomyr_kpi.basics.errors import ParseError
from zhytomyr_kpi.basics.safe_io import MAX_DECISION_BYTES
from zhytomyr_kpi.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from long_document import long_decision  # the benchmark's own document


def _refused(capsys, path: Path) -> str:
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def test_a_decision_above_the_limit_is_refused_with_one_line(tmp_path, capsys):
    big = tmp_path / "decision.txt"
    with big.open("wb") as handle:  # sparse: nothing is written, the size is what is checked
        handle.truncate(MAX_DECISION_BYTES + 1)
    line = _refused(capsys, big)
    assert "файл завеликий" in line and "межа 4,0 МБ" in line and str(big) in line


def test_a_text_of_the_form_over_the_limit_is_refused_too(tmp_path, capsys):
    # text in the form, over the limit by its length: refused as well, before it is parsed
    text = long_decision(1000)
    big = tmp_path / "decision.txt"
    big.write_text(text + "\n" * (MAX_DECISION_BYTES - len(text.encode("utf-8")) + 1),
                   encoding="utf-8")
    assert big.stat().st_size == MAX_DECISION_BYTES + 1
    assert "файл завеликий" in _refused(capsys, big)


def test_text_handed_over_in_memory_has_the_same_limit(tmp_path):
    from zhytomyr_kpi import load_program

    with pytest.raises(ParseError, match="файл завеликий"):
        load_program(tmp_path / "upload.txt", raw=b"\n" * (MAX_DECISION_BYTES + 1))


def test_the_measured_40_000_lines_are_within_the_limit(tmp_path, capsys):
    """The benchmark's longest document (40 000 lines of measures and continuation lines) is
    read and validated: the limit admits what was measured."""
    path = tmp_path / "decision.txt"
    path.write_text(long_decision(40_000), encoding="utf-8")
    assert path.stat().st_size <= MAX_DECISION_BYTES
    assert main(["validate", str(path)]) == 0
    assert "Знахідки" in capsys.readouterr().out
