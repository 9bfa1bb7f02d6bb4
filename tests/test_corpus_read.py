"""The corpus of other programmes (tests/data/corpus/) read by the project and compared, amount by
amount, with each programme's truth file (written without reading the parser).

A programme the reader cannot read yet is an expected failure that names the line it stops at
(issue 19 records what remains); one that reads must agree with its truth everywhere: every
measure's amounts, every direction's and the programme's total, Table 6.1 by source, every
indicator's value by period. Nothing may be read silently wrong.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from zhytomyr_kpi import ParseError, load_program

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
PROGRAMMES = sorted(p.parent.name for p in CORPUS.glob("*/truth.json"))
#: The programmes that read today; the others stop at a wording issue 19 still has to learn.
#: Each one read is compared in full; what it still gets wrong is in KNOWN_GAPS.
READS = {"cherkasy_energo", "khmelnytskyi_kultura", "kolomyia_dovkillia", "lutsk_biznes",
         "poltava_cyfrova",
         "rivne_molod", "ternopil_bezpeka"}
#: What a programme that reads still gets wrong, by test: strict expected failures (issue 19),
#: so that a fix must also strike its line here.
KNOWN_GAPS = {
}
#: The truth files' source keys that the project names otherwise: an oblast's (or a raion's)
#: budget is the project's «regional» source.
SOURCE_KEYS = {"oblast": "regional"}


def _truth(name: str) -> dict:
    return json.loads((CORPUS / name / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _known_gap(request):
    """Mark a test of a programme in :data:`KNOWN_GAPS` as a strict expected failure."""
    callspec = getattr(request.node, "callspec", None)
    name = callspec.params.get("read") if callspec else None
    reason = KNOWN_GAPS.get((name, request.node.originalname))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


@pytest.fixture(scope="module", params=PROGRAMMES)
def read(request):
    name = request.param
    try:
        program = load_program(CORPUS / name / "decision.txt")
    except ParseError as exc:
        if name in READS:
            raise
        pytest.xfail(f"{name} is not read yet: {exc}")
    if name not in READS:
        pytest.fail(f"{name} reads now: add it to READS so that its numbers are compared")
    return name, program, _truth(name)


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and not (isinstance(b, float) and math.isnan(b)) \
        and abs(float(a) - float(b)) < 1e-6


def test_every_measure_and_its_amounts(read):
    name, program, truth = read
    measures = program.measures.set_index("measure_id")
    assert sorted(measures.index) == sorted(m["id"] for m in truth["measures"]), name
    funding = program.funding.set_index(["measure_id", "year"]).amount_kuah
    for m in truth["measures"]:
        for year, amount in m["amounts_kuah"].items():
            got = measures.total_stated_kuah[m["id"]] if year == "total" else \
                funding.get((m["id"], year))
            assert _same(amount, got), (name, m["id"], year, amount, got)
        assert measures.section[m["id"]] == m["section"], (name, m["id"])


def test_every_measure_term_and_content(read):
    """The term is its cell («2021-2024», «І–ІV квартали 2021 року», «вересень 2021 року»), not
    a part of the content; the content is the measure's text, continuation lines joined."""
    name, program, truth = read
    measures = program.measures.set_index("measure_id")
    for m in truth["measures"]:
        assert measures.term[m["id"]] == m["term"], (name, m["id"])
        assert measures.content[m["id"]] == m["content"], (name, m["id"])


def test_a_measure_total_is_the_printed_one_or_absent(read):
    """Where Annex A has no «Всього» column, a measure's total is absent (not zero)."""
    name, program, truth = read
    totals = program.measures.set_index("measure_id").total_stated_kuah
    for m in truth["measures"]:
        if truth.get("has_total_column", True):
            assert _same(m["amounts_kuah"]["total"], totals[m["id"]]), (name, m["id"])
        else:
            assert "total" not in m["amounts_kuah"] and _same(None, totals[m["id"]]), name


def test_every_direction_total_and_the_programme_total(read):
    name, program, truth = read
    stated = program.section_totals.set_index(["section", "year"]).stated_kuah
    for total in truth["section_totals"]:
        for year, amount in total["stated_kuah"].items():
            assert _same(amount, stated.get((total["section"], year))), (name, total, year)
    for year, amount in truth["grand_total"]["stated_kuah"].items():
        assert _same(amount, stated.get(("total", year))), (name, "grand", year)


def test_table_6_1_by_source(read):
    name, program, truth = read
    if truth["resources"] is None:  # no Table 6.1 (the split by source is in prose)
        assert program.resources.empty, name
        return
    resources = program.resources.set_index(["source", "year"]).amount_kuah
    assert len(program.resources) == sum(len(r["amounts_kuah"]) for r in truth["resources"])
    for row in truth["resources"]:
        for period, amount in row["amounts_kuah"].items():
            key = SOURCE_KEYS.get(row["source_key"], row["source_key"])
            assert _same(amount, resources.get((key, period))), (name, row, period)


def test_every_indicator_value_by_period(read):
    name, program, truth = read
    indexed = program.indicators.set_index(["group", "number", "period"])
    assert len(program.indicators) == sum(len(i["values"]) for i in truth["indicators"]), name
    for indicator in truth["indicators"]:
        for period, value in indicator["values"].items():
            key = (indicator["group"], indicator["number"], period)
            if isinstance(value, str):  # a target in words («не менше 75 %», «ТОП-7»): kept
                got = " ".join(str(indexed.value_text.get(key)).split())
                assert got == " ".join(value.split()), (name, key, value, got)
            else:
                got = indexed.value.get(key)
                assert _same(value, got), (name, key, value, got)


def test_a_consistent_programme_gets_no_false_alarm(read):
    """Where nothing is planted, no error and no warning but the ones the truth names: not the
    dashes («-» is the author's «no money»), page numbers, repeated column numbers, units
    «од.» and «%», or the wordings of the total rows and sources."""
    name, program, truth = read
    if truth["planted"]:
        pytest.skip(f"{name} has planted inconsistencies")
    findings = program.findings
    alarms = findings[findings.severity.isin(["error", "warning"])
                      & (findings.check != "document_parts")]
    assert alarms.empty, alarms[["check", "message"]].to_string()[:2000]


def test_every_planted_inconsistency_is_found_at_its_line(read):
    """Each planted disagreement is an error or a warning on its line, stating the document's
    figure (in thousand UAH, whatever the programme's unit)."""
    name, program, truth = read
    findings = program.findings
    alarms = findings[findings.severity.isin(["error", "warning"])]
    missed = []
    for planted in truth["planted"]:
        here = alarms[(alarms.line == planted["line"])
                      & ((alarms.stated - planted["stated"]).abs() < 1e-6)]
        if here.empty:
            missed.append((planted["kind"], planted["line"], planted["column"], planted["stated"]))
    assert not missed, (name, missed)


@pytest.mark.parametrize("cell", ["бюджет " * 3000 + "x", "кошти бюджету " + "міської " * 3000 + "x",
                                  "Місцевий бюджет, " * 2000 + "x"])
def test_a_source_cell_built_to_backtrack_is_refused_at_once(cell):
    # an exponential match would hang here (the source words once made it so)
    from zhytomyr_kpi.document.vocabulary import SOURCE

    assert SOURCE.match(cell) is None


@pytest.mark.parametrize(("label", "code"), [
    ("бюджет громади", "local"), ("Бюджет Луцької міської територіальної громади", "local"),
    ("кошти громадських організацій", None), ("обласний бюджет", "regional"),
    ("Обсяг ресурсів, усього, у тому числі:", "total"), ("кошти небюджетних джерел", "other")])
def test_funding_source_words(label, code):
    from zhytomyr_kpi.document.vocabulary import source_code

    assert source_code(label) == code


def test_stages_of_the_term_are_not_another_term(read):
    """«I етап – 2021-2022 роки» in the passport or above Table 6.1's columns is a part of the
    term: no programme of the corpus plants a wrong span, so none is found."""
    name, program, truth = read
    assert not any(p["kind"] == "year_spans" for p in truth["planted"]), name
    spans = program.findings[program.findings.check == "year_spans"]
    assert spans.empty, spans.message.to_string()[:2000]


def test_efficiency_pairs_read_from_the_names_are_the_truths(read):
    """Without a reviewed list, each efficiency indicator is paired by its name with one cost
    and one output indicator; the pairs are those the truth file names, and none is left
    unpaired but an efficiency that is no money per unit («Середня економія … — Гкал»)."""
    from zhytomyr_kpi.document.pairing import pairs_for

    name, program, truth = read
    pairs, unpaired, derived = pairs_for(program.document)
    assert derived and all("не гроші" in u.reason for u in unpaired), (name, unpaired)
    got = sorted((p.efficiency, p.numerator, p.denominator) for p in pairs)
    assert got == sorted((p["efficiency"], (("cost", p["cost"]),), (("output", p["output"]),))
                         for p in truth["efficiency_pairs"]), name
