"""Ratings: the verdict logic (exact values, bounds, missing, not comparable), the results
file's validation, and the real results against the real targets."""

import shutil

import pytest

from zhytomyr_kpi import ParseError
from zhytomyr_kpi.analysis.rating_results import DEFAULT_RESULTS, RatingResult, load_results
from zhytomyr_kpi.analysis.ratings import Target, actual_text, judge, verdict_changes
from zhytomyr_kpi.cli import main
from zhytomyr_kpi.document.reference import Rating

RANKING = Rating("r", "kw", "place", "ranking", "Рейтинг", "test")
SCORED = Rating("s", "kw", "score", "ranking", "Індекс", "test")
AWARDS = Rating("a", "kw", "place", "award_list", "Перелік", "test")
TOP_7 = Target("r", "2019", "annex_b", "place", 7, None, "ТОП-7", 1)
AT_LEAST_3_3 = Target("s", "2019", "annex_b", "score", None, 3.3, "3,3", 1)


def result(**values) -> RatingResult:
    base = dict(row=2, rating="r", component="overall", program_year=2019, edition="", published="",
                place=None, place_min=None, place_max=None, score=None, score_max=None,
                out_of=24, scale_max=None, evidence="verified", source="src", note="")
    base.update(values)
    return RatingResult(**base)


@pytest.mark.parametrize(("values", "status", "margin"), [
    ({"place": 5}, "met", 2),
    ({"place": 7}, "met", 0),
    ({"place": 8}, "missed", -1),
    ({"place_min": 11, "evidence": "inferred"}, "missed", None),  # 11th or lower misses ТОП-7
    ({"place_max": 6}, "met", None),  # 6th or better meets ТОП-7
    ({"place_min": 5, "place_max": 9}, "unknown", None),  # the bounds straddle 7
    ({"place_min": 3}, "unknown", None),  # 3rd or lower: could be 5th, could be 15th
    ({}, "unknown", None),
    ({"evidence": "not_found"}, "unknown", None),
    ({"evidence": "not_comparable", "place": 2}, "not_comparable", None),
])
def test_place_targets(values, status, margin):
    verdict = judge(TOP_7, result(**values), RANKING)
    assert verdict.status == status
    assert verdict.margin == margin
    assert verdict.reason


@pytest.mark.parametrize(("values", "status"), [
    ({"score": 3.5, "scale_max": 5}, "met"),
    ({"score": 3.3, "scale_max": 5}, "met"),
    ({"score": 3.1, "scale_max": 5}, "missed"),
    ({"score_max": 3.0, "scale_max": 5}, "missed"),  # at most 3,0 misses 3,3
    ({"score_max": 3.4, "scale_max": 5}, "unknown"),  # at most 3,4 does not decide
    ({"place": 6}, "unknown"),  # a place says nothing about the score
    ({"place_min": 6, "evidence": "inferred"}, "unknown"),  # IRI 2020: «6th or lower», no score
    ({"place_max": 2}, "unknown"),  # even a top place does not give the score
    ({"score": 201, "scale_max": 2.0}, "not_comparable"),  # target above the scale
])
def test_score_targets(values, status):
    assert judge(AT_LEAST_3_3, result(rating="s", **values), SCORED).status == status


def test_no_result_and_award_lists():
    assert judge(TOP_7, None, RANKING).status == "unknown"
    assert judge(TOP_7, result(place=1), AWARDS).status == "not_comparable"


def test_actual_text():
    assert actual_text(result(place=7, out_of=100)) == "7 місце з 100"
    assert actual_text(result(place_min=11, out_of=None)) == "11 місце або нижче"
    assert actual_text(result(score_max=3.0, scale_max=5, out_of=None)) == \
        "не більше 3,0 бала з 5"
    assert actual_text(None) == "—"


# ---------------------------------------------------------------- the results file

HEADER = DEFAULT_RESULTS.read_text(encoding="utf-8").splitlines()[0]
GOOD = "ti_transparent_cities,overall,2018,2018,2019,7,,,63.85,,100,100,verified,src,"


@pytest.mark.parametrize(("row", "column", "words"), [
    ("nope,overall,2018,,,7,,,,,100,100,verified,src,", "rating", "невідомий рейтинг"),
    ("ti_transparent_cities,overall,2009,,,7,,,,,100,100,verified,src,", "program_year",
     "2010-2035"),
    ("ti_transparent_cities,overall,2018,,,101,,,,,100,100,verified,src,", "place", "більше"),
    ("iri_satisfaction_index,overall,2018,,,,,,5.5,,24,5,verified,src,", "score", "шкали"),
    ("ti_transparent_cities,overall,2018,,,,12,9,,,100,100,inferred,src,", "place_min",
     "переплутано"),
    ("ti_transparent_cities,overall,2018,,,7,11,,,,100,100,verified,src,", "place", "суперечить"),
    ("iri_satisfaction_index,overall,2018,,,,,,3.1,3.0,24,5,verified,src,", "score",
     "суперечать"),
    ("ti_transparent_cities,overall,2018,,,7,,,,,100,100,verified,,", "source", "джерело"),
    ("ti_transparent_cities,overall,2018,,,7,,,,,100,100,rumour,src,", "evidence", "невідомий"),
    ("ti_transparent_cities,overall,2018,,,сьоме,,,,,100,100,verified,src,", "place", "«сьоме»"),
])
def test_bad_rows_name_file_row_and_column(tmp_path, row, column, words):
    path = tmp_path / "results.csv"
    path.write_text("\n".join([HEADER, GOOD.replace("2018", "2017"), row]) + "\n",
                    encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        load_results(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "рядок 3" in message
    assert f"стовпець {column}" in message and words in message


def test_duplicate_rows_and_missing_columns(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("\n".join([HEADER, GOOD, GOOD]) + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match="повтор рядка 2"):
        load_results(path)
    path.write_text("rating,component\nx,y\n", encoding="utf-8")
    with pytest.raises(ParseError, match="бракує стовпців"):
        load_results(path)


def test_cli_bad_results_exit_2_and_nothing_written(tmp_path, capsys):
    bad = tmp_path / "results.csv"
    text = DEFAULT_RESULTS.read_text(encoding="utf-8").replace(",verified,", ",rumour,", 1)
    bad.write_text(text, encoding="utf-8")
    assert main(["ratings", "--results", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "evidence" in err and "Traceback" not in err


def test_a_new_edition_row_is_picked_up(tmp_path, capsys):
    extended = tmp_path / "results.csv"
    shutil.copy(DEFAULT_RESULTS, extended)
    with extended.open("a", encoding="utf-8") as handle:
        handle.write("opora_publicity_index,overall,2020,2020,2021,2,,,80,,24,100,verified,"
                     "https://example.org,test row\n")
    assert main(["ratings", "--results", str(extended)]) == 0
    out = capsys.readouterr().out
    assert "2 місце з 24" in out


# ---------------------------------------------------------------- the real files

EXPECTED = {
    ("ti_transparent_cities", "2018", "annex_b"): ("met", "from_decision"),
    ("ti_transparent_cities", "2019", "annex_b"): ("missed", "inferred"),
    ("ti_transparent_cities", "2020", "annex_b"): ("missed", "inferred"),  # 6th or lower
    ("ti_transparent_cities", "2020", "passport"): ("missed", "inferred"),
    ("imi_media_friendly_council", "2018", "annex_b"): ("not_comparable", "not_found"),
    ("imi_media_friendly_council", "2019", "annex_b"): ("not_comparable", "no_result"),
    ("imi_media_friendly_council", "2020", "annex_b"): ("not_comparable", "no_result"),
    ("imi_media_friendly_council", "2020", "passport"): ("not_comparable", "no_result"),
    ("opora_publicity_index", "2018", "annex_b"): ("met", "verified"),
    ("opora_publicity_index", "2019", "annex_b"): ("unknown", "not_found"),
    ("opora_publicity_index", "2020", "annex_b"): ("unknown", "no_result"),
    ("opora_publicity_index", "2020", "passport"): ("unknown", "no_result"),
    ("iri_satisfaction_index", "2018", "annex_b"): ("met", "verified"),
    ("iri_satisfaction_index", "2019", "annex_b"): ("missed", "inferred"),
    ("iri_satisfaction_index", "2020", "annex_b"): ("unknown", "inferred"),  # a place, no score
    ("iri_satisfaction_index", "2020", "passport"): ("unknown", "inferred"),
    ("focus_comfort_rating", "2018", "annex_b"): ("unknown", "verified"),
    ("focus_comfort_rating", "2019", "annex_b"): ("missed", "inferred"),
    ("focus_comfort_rating", "2020", "annex_b"): ("not_comparable", "not_comparable"),
    ("focus_comfort_rating", "2020", "passport"): ("not_comparable", "not_comparable"),
}


def test_every_rating_and_year_gets_the_right_verdict(program):
    table = program.ratings
    got = {(r.rating, r.year, r.target_source): (r.status, r.evidence)
           for r in table.itertuples()}
    assert got == EXPECTED


def test_real_margins_and_conflicting_targets(program):
    table = program.ratings.set_index(["rating", "year", "target_source"])
    assert table.loc[("ti_transparent_cities", "2018", "annex_b"), "margin"] == 2  # 7 vs ТОП-9
    assert table.loc[("opora_publicity_index", "2018", "annex_b"), "margin"] == 9  # 6 vs ТОП-15
    assert table.loc[("opora_publicity_index", "2020", "annex_b"), "rank_max"] == 3
    assert table.loc[("opora_publicity_index", "2020", "passport"), "rank_max"] == 7


def test_opora_sub_indices_are_kept_beside_the_overall(program):
    opora = program.rating_results.query("rating == 'opora_publicity_index' and year == '2018'")
    assert set(opora.component) == {"overall", "mayor", "executive_bodies", "deputies"}


def test_a_place_bound_alone_leaves_a_score_target_unknown_and_says_why():
    verdict = judge(AT_LEAST_3_3, result(rating="s", place_min=6, evidence="inferred"), SCORED)
    assert verdict.status == "unknown"
    assert "6 місце або нижче" in verdict.reason and "балами" in verdict.reason


def test_the_headline_goal_top_3_in_transparency_by_2020_is_missed(program):
    table = program.ratings.set_index(["rating", "year", "target_source"])
    for source in ("annex_b", "passport"):
        row = table.loc[("ti_transparent_cities", "2020", source)]
        assert row.status == "missed" and row.rank_max == 3 and row.place_min == 6
        assert row.result_source.startswith("https://")


def test_changed_verdicts_are_listed_against_the_last_build(program, tmp_path):
    before = program.ratings.copy()
    before.loc[before.rating == "ti_transparent_cities", "status"] = "unknown"
    before = before[before.rating != "focus_comfort_rating"]
    changes = verdict_changes(program.ratings, before)
    ti = changes[changes.rating == "ti_transparent_cities"]
    assert set(ti.status_before) == {"unknown"} and set(ti.status_after) == {"met", "missed"}
    focus = changes[changes.rating == "focus_comfort_rating"]
    assert len(focus) == 4 and set(focus.status_before) == {""}
    assert verdict_changes(program.ratings, program.ratings).empty


def test_ratings_command_prints_what_changed_since_the_last_build(program, tmp_path, capsys,
                                                                  monkeypatch):
    import zhytomyr_kpi.basics.paths as paths

    previous = program.ratings.copy()
    previous.loc[(previous.rating == "ti_transparent_cities") & (previous.year == "2020"),
                 "status"] = "unknown"
    (tmp_path / "ratings.csv").write_text(previous.to_csv(index=False), encoding="utf-8")
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path)
    assert main(["ratings"]) == 0
    out = capsys.readouterr().out
    assert "Змінені вердикти порівняно з останньою збіркою (2;" in out
    assert "невідомо → не досягнуто" in out
    (tmp_path / "ratings.csv").write_text(program.ratings.to_csv(index=False), encoding="utf-8")
    assert main(["ratings"]) == 0
    assert "Вердикти не змінилися" in capsys.readouterr().out


@pytest.mark.parametrize(("change", "expected"), [
    (lambda text: text.replace(",2017-12,", ",2017-13,", 1), "стовпець published"),
    (lambda text: text.replace(",2019-03-06,", ",2019-02-30,", 1), "стовпець published"),
    (lambda text: text.replace("note_uk", "note_ua", 1), "невідомий стовпець «note_ua»"),
    (lambda text: text.replace(",2018,2018,2019-03-06,7,", ",2018,2018,2019-03-06,7.5,", 1),
     "очікується ціле число (місце"),
])
def test_ratings_file_slips_are_named(tmp_path, capsys, change, expected):
    bad = tmp_path / "results.csv"
    bad.write_text(change(DEFAULT_RESULTS.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["ratings", "--results", str(bad)]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1
