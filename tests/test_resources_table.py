"""Table 6.1 as departments write it: sources in more detail than the form's five («кошти
інвесторів» and «інші джерела», both «other») are compared as their sum, each printed row kept
with its label and line and checked on its own (issue 19)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError, load_program

STATE_ROW = syn._row("державний бюджет", "0,0", "0,0", "0,0", "0,0")
OTHER_ROWS = "\n".join([syn._row("кошти інвесторів", "1,0", "0,0", "0,0", "1,0"),
                        syn._row("інші джерела", "2,0", "0,0", "0,0", "5,0")])


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.fixture
def two_other(tmp_path):
    text = syn.document().replace(STATE_ROW, OTHER_ROWS)
    assert OTHER_ROWS in text
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    return text, load_program(path)


def test_two_rows_of_one_source_are_one_row_of_their_sum_with_both_kept(two_other):
    text, program = two_other
    other = next(r for r in program.document.resources if r.source == "other")
    first, second = _line_of(text, "кошти інвесторів"), _line_of(text, "інші джерела")
    assert [(p.label, p.source_line) for p in other.parts] == [("кошти інвесторів", first),
                                                                ("інші джерела", second)]
    assert other.amounts["2018"].value == Decimal("3.0")
    assert other.amounts["2018"].text == "1,0 + 2,0"
    assert other.amounts["total"].value == Decimal("6.0")
    frame = program.resources
    rows = frame[(frame.source == "other") & (frame.year == "2018")]
    assert len(rows) == 1 and rows.iloc[0].label == "кошти інвесторів + інші джерела"
    assert rows.iloc[0].amount_kuah == pytest.approx(3.0)


def test_the_sum_is_compared_and_each_printed_row_is_checked_on_its_own(two_other):
    text, program = two_other
    findings = [f for f in program.all_findings if f.check == "resources_internal"]
    second = _line_of(text, "інші джерела")
    # the total row (all money local) is now 3,0 short of its sources in 2018
    total = next(f for f in findings if f.severity == "error" and f.year == "2018")
    assert total.computed - total.stated == Decimal("3.0")
    # «інші джерела» says 5,0 in all but its stages add to 2,0: named on its own line
    row = next(f for f in findings if f.source_line == second and f.severity == "error")
    assert (row.stated, row.computed) == (Decimal("5.0"), Decimal("2.0"))
    note = next(f for f in findings if f.severity == "info")
    assert f"(рядок {_line_of(text, 'кошти інвесторів')})" in note.message
    assert f"(рядок {second})" in note.message and "«інші джерела»" in note.message


def test_two_rows_of_the_total_are_a_contradiction_not_a_sum(tmp_path):
    text = syn.document().replace(STATE_ROW, syn._row("Усього", "1,0", "0,0", "0,0", "1,0"))
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match="два рядки загального обсягу") as caught:
        load_program(path)
    assert caught.value.line == _line_of(text, "Усього")
