from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhytomyr_kpi.basics.wording import format_uk
from zhytomyr_kpi.document.numbers import CellKind, classify, decimals_of, parse_number


@pytest.mark.parametrize(("text", "expected"), [
    ("15 461,849", Decimal("15461.849")),
    ("60 443, 349", Decimal("60443.349")),  # the stray space after the comma
    ("1340,40", Decimal("1340.40")),
    ("0,00", Decimal("0")),
    ("20000", Decimal("20000")),
    ("18 269,6", Decimal("18269.6")),
])
def test_parse_number_reads_the_documents_style(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["12,3,4", "1.5", "1 23,0", "15 46,8", "", "abc", "1,2 3"])
def test_parse_number_rejects_what_is_not_one_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "kind", "values"), [
    ("", CellKind.EMPTY, []),
    ("-", CellKind.DASH, []),
    ("190,0", CellKind.NUMBER, [Decimal("190.0")]),
    ("0,0 0,0 0,0", CellKind.MULTI, [Decimal(0)] * 3),
    ("Рішенням 61-ї сесії об'єднаної п. 2.9", CellKind.TEXT, []),
    ("ТОП-9", CellKind.TEXT, []),
    ("12,3,4", CellKind.MALFORMED, []),
    ("1.234,5", CellKind.MALFORMED, []),
])
def test_classify(text, kind, values):
    assert classify(text) == (kind, values)


def test_decimals_and_format():
    assert decimals_of("3,4") == 1
    assert decimals_of("523") == 0
    assert format_uk(Decimal("60443.349")) == "60 443,349"
    assert format_uk(Decimal("-290.00")) == "\u2212290"
    assert format_uk(1234.5, 2) == "1 234,50"
    assert format_uk(None) == ""


amounts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False,
                      allow_infinity=False)


@given(amounts)
def test_format_then_parse_round_trips(value):
    assert parse_number(format_uk(value)) == value


@given(st.text(alphabet="0123456789 ,.-", max_size=12))
def test_classify_never_crashes_and_numbers_parse(text):
    kind, values = classify(text)
    if kind is CellKind.NUMBER:
        assert values == [parse_number(text)]
    if kind is CellKind.MALFORMED:
        with pytest.raises(ValueError):
            parse_number(text)


@pytest.mark.parametrize("text", ["٧", "７", "1٢3", "١٬٥", "9" * 41, "9" * 5000, "1," + "1" * 21,
                                  "1" + " 234" * 14])
def test_non_ascii_digits_and_huge_numbers_are_malformed_not_numbers(text):
    assert classify(text)[0] is CellKind.MALFORMED
    with pytest.raises(ValueError):
        parse_number(text)


def test_the_largest_numbers_allowed_are_exact():
    assert parse_number("1" + " 234" * 13) == Decimal("1" + "234" * 13)
    assert parse_number("9" * 40 + "," + "9" * 20) == Decimal("9" * 40 + "." + "9" * 20)


def test_a_clipped_text_shows_it_was_cut():
    from zhytomyr_kpi.basics.wording import clip

    assert clip("бюджет громади (фонд охорони навколишнього середовища)", 40) == (
        "бюджет громади (фонд охорони навколишнь…")
    assert len(clip("x" * 100, 40)) == 40 and clip("коротко", 40) == "коротко"
