"""Data tests on decision No. 1685 itself: counts, the known inconsistencies, nothing lost."""

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from zhytomyr_kpi.basics.paths import DEFAULT_DOCUMENT
from zhytomyr_kpi.document.numbers import CellKind, classify, parse_number

EXPECTED = Path(__file__).parent / "data" / "expected_counts.csv"


def _expected_counts():
    with EXPECTED.open(encoding="utf-8") as handle:
        return [(r["table"], r["section"], int(r["rows"])) for r in csv.DictReader(handle)]


@pytest.mark.parametrize(("table", "section", "rows"), _expected_counts())
def test_row_counts_match_the_checked_in_expectations(program, table, section, rows):
    frame = program.frame(table)
    if section != "all":
        frame = frame[frame.section == section]
    assert len(frame) == rows


def test_schemas_accept_every_table(program):
    program.validate_schemas()


def test_measure_ids_unique_and_printed_ids_kept(program):
    measures = program.measures
    assert measures.measure_id.is_unique
    twice = measures[measures.printed_id.duplicated(keep=False)]
    assert sorted(twice.printed_id.unique()) == ["3.2.21", "3.2.22"]
    assert set(twice.measure_id) == {"3.2.21", "3.2.22", "3.2.31", "3.2.32"}


def test_every_funding_amount_is_the_printed_cell(program):
    funding = program.funding
    numeric = funding[funding.amount_kuah.notna()]
    for row in numeric.itertuples():
        assert Decimal(str(row.amount_kuah)) == parse_number(row.cell_text)
    text_cells = funding[funding.amount_kuah.isna()]
    assert sorted(text_cells.measure_id.unique()) == ["2.14", "3.5"]


def test_known_measures(program):
    measures = program.measures.set_index("measure_id")
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    assert funding[("1.5", "2018")] == 149.68
    assert funding[("3.2", "2020")] == 18269.6  # «18 269,6»
    assert funding[("2.17", "2018")] == 418.203
    assert measures.loc["3.2.1", "content"].startswith("Музичний фонтан «Фонтан щастя»")
    assert measures.loc["3.2.1", "term"] == "2018-2019"
    assert measures.loc["3.2.2", "content"] == "Екосквер на Старому бульварі"
    assert measures.loc["3.2.2", "source_line"] == 263
    assert measures.loc["3.4", "task"].endswith("трудові колективи установ, організацій та "
                                                 "окремих громадян")
    assert measures.loc["4.1", "executors"] == "Юридичний департамент міської ради"
    assert not measures.loc["3.2.5", "counts_in_total"]
    assert measures.loc["1.8.3", "counts_in_total"]  # 1.8.x are separate measures
    assert measures.loc["3.2.6", "unlabelled_kuah"] == 0.0


def _finding(program, check, year=None, location=""):
    found = [f for f in program.all_findings if f.check == check
             and (year is None or f.year == year) and f.location.startswith(location)]
    assert len(found) == 1, (check, year, location, found)
    return found[0]


@pytest.mark.parametrize(("check", "year", "location", "stated", "computed", "delta"), [
    ("section_total", "2019", "напрям 1", "1340.40", "1050.4", "290"),
    ("section_total", "2020", "напрям 1", "1820.4", "2110.4", "-290"),
    ("section_total", "2019", "напрям 2", "1570.0", "1510", "60"),
    ("section_total", "total", "напрям 2", "5161.749", "5101.749", "60"),
    ("grand_total_measures", "2019", "РАЗОМ", "22598.9", "22248.9", "350"),
    ("grand_total_measures", "2020", "РАЗОМ", "22382.6", "22672.6", "-290"),
    ("breakdown_sum", "2020", "захід 3.2", "18269.6", "0", "18269.6"),
    ("breakdown_sum", "total", "захід 3.2", "45318.9", "27049.3", "18269.6"),
])
def test_the_documents_real_inconsistencies(program, check, year, location, stated, computed,
                                            delta):
    finding = _finding(program, check, year, location)
    assert finding.severity == "error"
    assert finding.stated == Decimal(stated)
    assert finding.computed == Decimal(computed)
    assert finding.delta == Decimal(delta)


def test_checks_that_agree_in_the_document(program):
    status = {r.check: r.status for r in program.check_results}
    for check in ("row_total", "grand_total", "resources_internal", "resources_vs_annex_a",
                  "passport_total"):
        assert status[check] == "PASS", check
    assert all(r.checked > 0 for r in program.check_results)


def test_opora_target_conflict_between_passport_and_annex_b(program):
    finding = _finding(program, "kpi_targets")
    assert (finding.stated_text, finding.computed_text) == ("ТОП 7", "ТОП-3")


def test_efficiency_findings(program):
    errors = {(f.location.split(",")[0], f.year): f for f in program.all_findings
              if f.check == "efficiency_ratio" and f.severity == "error"}
    assert set(errors) == {("ефективність 3", "baseline"), ("ефективність 3", "2019"),
                           ("ефективність 3", "2020"), ("ефективність 4", "2018"),
                           ("ефективність 4", "2019"), ("ефективність 4", "2020"),
                           ("ефективність 6", "2018")}
    per_workplace = errors[("ефективність 4", "2018")]
    # 2 766,0 тис. грн ÷ (523 + 42) persons = 4 895,575 грн; the stated 6 133 implies 451 persons
    assert per_workplace.computed == Decimal("4895.575")
    assert "451,0" in per_workplace.message


def test_term_money_and_layout_findings(program):
    terms = {f.measure_id for f in program.all_findings if f.check == "term_vs_money"}
    assert terms == {"1.8.4", "1.8.5", "2.18", "3.2.7", "3.3", "4.2", "4.3"}
    strays = {f.source_line: f for f in program.all_findings if f.check == "stray_numbers"}
    assert "2.11" in strays[244].message and "3.5.3" in strays[300].message
    assert sorted(strays) == [244, *range(263, 272), 300]


# ---------------------------------------------------------------- nothing silently lost


def _part_lines(start: str, stop):
    lines = DEFAULT_DOCUMENT.read_text(encoding="utf-8").split("\n")
    begin = next(i for i, line in enumerate(lines) if line.strip() == start)
    for offset, line in enumerate(lines[begin + 1:], start=begin + 2):
        if stop(line):
            return
        yield offset, line


def _numeric_tokens(lines, integers: bool) -> Counter:
    """(line, value) of each number in a cell; Annex A amounts carry a decimal comma
    (bare four-digit cells there are terms of execution)."""
    tokens = Counter()
    for number, line in lines:
        for cell in line.split("\t"):
            kind, values = classify(cell)
            if kind in (CellKind.NUMBER, CellKind.MULTI) and (integers or "," in cell):
                tokens.update((number, v) for v in values)
    return tokens


def _from_texts(pairs) -> Counter:
    found = Counter()
    for line, text in pairs:
        for piece in re.split(r";\s*", text):
            _, values = classify(piece)
            found.update((int(line), v) for v in values)
    return found


def _values(frame, value_column, line_column="source_line") -> Counter:
    rows = frame[frame[value_column].notna()]
    return Counter((int(r[line_column]), Decimal(str(r[value_column]))) for _, r in rows.iterrows())


def test_nothing_lost_from_annex_a(program):
    started = False

    def lines():
        nonlocal started
        for number, line in _part_lines("НАПРЯМИ ДІЯЛЬНОСТІ І ЗАХОДИ РЕАЛІЗАЦІЇ ПРОГРАМИ",
                                        lambda text: text.startswith("* –")):
            started = started or line.startswith("1. ")
            if started:
                yield number, line

    raw = _numeric_tokens(lines(), integers=False)
    m, f = program.measures, program.funding
    found = _values(f, "amount_kuah") + _values(m, "total_stated_kuah") + _values(
        m, "unlabelled_kuah") + _values(program.section_totals, "stated_kuah")
    found += _from_texts(zip(f[f.amount_kuah.isna()].source_line,
                             f[f.amount_kuah.isna()].cell_text, strict=True))
    found += _from_texts(zip(m[m.total_stated_kuah.isna()].source_line,
                             m[m.total_stated_kuah.isna()].total_cell_text, strict=True))
    strays = program.findings.query("check == 'stray_numbers'")
    found += _from_texts(zip(strays.line, strays.stated_text, strict=True))
    assert sum(raw.values()) > 300
    assert found == raw


def test_nothing_lost_from_table_6_1(program):
    raw = _numeric_tokens(_part_lines("Таблиця 6.1.", lambda t: t.startswith("7. ")), True)
    assert sum(raw.values()) == 16
    assert _values(program.resources, "amount_kuah") == raw


def test_nothing_lost_from_annex_b(program):
    raw = _numeric_tokens(_part_lines("ПОКАЗНИКИ РЕЗУЛЬТАТИВНОСТІ ПРОГРАМИ",
                                      lambda t: t.startswith("В.о.")), True)
    ind = program.indicators
    numbers = ind.drop_duplicates(["group", "number"])
    found = _values(ind, "value") + Counter(
        (int(r.source_line), Decimal(int(r.number))) for r in numbers.itertuples())
    assert found == raw
    tops = ind[ind.value_text.str.startswith("ТОП")]
    assert (tops.rank_max == tops.value_text.str.extract(r"(\d+)")[0].astype(int)).all()
    assert len(tops) == 10  # TI 3, IMI 4, OPORA 3


def test_frames_trace_to_lines_of_the_document(program):
    n_lines = len(DEFAULT_DOCUMENT.read_text(encoding="utf-8").split("\n"))
    for table in ("measures", "funding", "section_totals", "resources", "indicators",
                  "kpi_targets", "passport"):
        lines = program.frame(table).source_line
        assert lines.between(1, n_lines).all(), table
    assert pd.notna(program.findings.line).sum() == len(program.findings)
