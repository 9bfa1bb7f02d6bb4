"""Reviewed quirk files: a row that matches nothing, or a wrong correction, is an error."""

import pytest
import synthetic as syn

from zhytomyr_kpi import ParseError


def test_unmatched_breakdown_fails(load_synthetic, quirks_dir):
    folder = quirks_dir(breakdowns=["2.1,parent", "9.9,no such measure"])
    with pytest.raises(ParseError) as caught:
        load_synthetic(syn.document(), quirks=folder)
    assert "breakdowns.csv:3" in str(caught.value)


def test_id_rename_applies_to_the_nth_occurrence(load_synthetic, quirks_dir):
    text = syn.document().replace("2.2.\t", "2.1.1.\t")
    folder = quirks_dir(id_renames=["2.1.1,2,2.1.3,second 2.1.1 is the third part"])
    program = load_synthetic(text, quirks=folder)
    assert "2.1.3" in set(program.measures.measure_id)


def test_text_correction_must_match_the_printed_text(load_synthetic, quirks_dir):
    good = quirks_dir(text_corrections=["1.1,content,Зміст заходу,Зміст заходу 1.1,typo"])
    assert load_synthetic(syn.document(), quirks=good).measures.content.iloc[0] == \
        "Зміст заходу 1.1"


def test_text_correction_with_a_different_printed_text_fails(load_synthetic, quirks_dir):
    bad = quirks_dir(text_corrections=["1.1,content,Інший зміст,Зміст,typo"])
    with pytest.raises(ParseError, match="не «Інший зміст»"):
        load_synthetic(syn.document(), quirks=bad)


def test_amounts_cannot_be_corrected(load_synthetic, quirks_dir):
    bad = quirks_dir(text_corrections=["1.1,amount_kuah,10,11,make it add up"])
    with pytest.raises(ParseError, match="не можна"):
        load_synthetic(syn.document(), quirks=bad)


def test_line_role_must_match_the_line_text(load_synthetic, quirks_dir):
    line = next(i for i, text in enumerate(syn.document().splitlines(), 1)
                if text.startswith("1.1.\t"))
    bad = quirks_dir(line_roles=[f"{line},Щось інше,continuation,,slip"])
    with pytest.raises(ParseError, match="не починається"):
        load_synthetic(syn.document(), quirks=bad)


def test_amount_layout(load_synthetic, quirks_dir):
    text = syn.document().replace("\t".join((*syn.M11, syn.M11_TOTAL)),
                                  "\t".join((*syn.M11, "0,0", syn.M11_TOTAL)))
    folder = quirks_dir(amount_layouts=["1.1,2018;2019;2020;unlabelled;total,extra column"])
    program = load_synthetic(text, quirks=folder)
    m11 = program.measures.set_index("measure_id").loc["1.1"]
    assert m11.total_stated_kuah == 60.0 and m11.unlabelled_kuah == 0.0


def test_line_outside_annex_a_matches_nothing(load_synthetic, quirks_dir):
    bad = quirks_dir(line_roles=["5,Тестова,continuation,,slip"])
    with pytest.raises(ParseError, match="не відповідає нічому"):
        load_synthetic(syn.document(), quirks=bad)


def test_reason_is_required(load_synthetic, quirks_dir):
    folder = quirks_dir(breakdowns=["2.1,"])
    with pytest.raises(ParseError, match="reason"):
        load_synthetic(syn.document(), quirks=folder)
