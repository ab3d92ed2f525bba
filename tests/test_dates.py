"""Date references resolved against the article's own date."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.extract.reading.dates import find_dates
from monitor.extract.reading.times import find_times

TUE = date(2015, 2, 3)  # a Tuesday, nine days before the example event


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("on February 12", date(2015, 2, 12), None),
        ("on Feb. 12", date(2015, 2, 12), None),
        ("on Feb 12th", date(2015, 2, 12), None),
        ("on 12 February", date(2015, 2, 12), None),
        ("on the 12th of February", date(2015, 2, 12), None),
        ("Thursday, February 12, 2015", date(2015, 2, 12), None),
        ("on 2/12", date(2015, 2, 12), None),
        ("on 2/12/2015", date(2015, 2, 12), None),
        ("on the 12th", date(2015, 2, 12), None),
        ("this Thursday", date(2015, 2, 5), None),
        ("next Thursday", date(2015, 2, 12), None),
        ("on Thursday", date(2015, 2, 5), None),
        ("today", TUE, None),
        ("tomorrow", date(2015, 2, 4), None),
        ("one week from tomorrow", date(2015, 2, 11), None),
        ("a week from today", date(2015, 2, 10), None),
        ("next week", date(2015, 2, 9), date(2015, 2, 15)),
        ("later this month", TUE, date(2015, 2, 28)),
        ("next month", date(2015, 3, 1), date(2015, 3, 31)),
        ("last year", date(2014, 1, 1), date(2014, 12, 31)),
        ("in 2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("in February", date(2015, 2, 1), date(2015, 2, 28)),
        ("il 12 febbraio", date(2015, 2, 12), None),
        ("giovedì 12 febbraio", date(2015, 2, 12), None),
        ("el 12 de febrero de 2015", date(2015, 2, 12), None),
        ("am 12. Februar", date(2015, 2, 12), None),
        ("am Donnerstag", date(2015, 2, 5), None),
    ],
)
def test_resolves(text: str, first: date, last: date | None) -> None:
    mentions = find_dates(text, TUE)
    assert len(mentions) == 1, mentions
    assert (mentions[0].first, mentions[0].last) == (first, last or first)


def test_year_crosses_the_boundary_forward() -> None:
    assert find_dates("on January 5", date(2014, 12, 20))[0].first == date(2015, 1, 5)
    assert find_dates("on Dec. 30", date(2015, 1, 3))[0].first == date(2014, 12, 30)


def test_past_tense_weekday_looks_back() -> None:
    friday = date(2015, 2, 13)
    assert find_dates("on Thursday", friday, past=True)[0].first == date(2015, 2, 12)
    assert find_dates("on Thursday", friday)[0].first == date(2015, 2, 19)
    assert find_dates("last Thursday", friday)[0].first == date(2015, 2, 12)
    # "this Thursday" told in the past is this week's, gone by; told ahead, the coming one.
    saturday = date(2018, 9, 22)
    assert find_dates("this Thursday", saturday, past=True)[0].first == date(2018, 9, 20)
    assert find_dates("this Thursday", saturday)[0].first == date(2018, 9, 27)
    assert find_dates("this Saturday", friday, past=True)[0].first == date(2015, 2, 14)


def test_numeric_order_follows_the_site() -> None:
    assert find_dates("on 12/2", TUE, day_first=True)[0].first == date(2015, 2, 12)
    assert find_dates("on 2/12", TUE)[0].first == date(2015, 2, 12)
    assert find_dates("on 13/2", TUE) == []  # no 13th month in US order


def test_no_false_dates() -> None:
    assert find_dates("Xiaomi may hold an event", TUE) == []
    assert find_dates("a 24/7 support line and 50% off", TUE) == []


def test_without_reference_only_explicit_years_resolve() -> None:
    assert [m.first for m in find_dates("on February 12, 2015 or Thursday", None)] == [
        date(2015, 2, 12)
    ]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("on Thursday next week", date(2015, 2, 12)),
        ("Thursday this week", date(2015, 2, 5)),
        ("am Donnerstagabend", date(2015, 2, 5)),
        ("il 1° marzo", date(2015, 3, 1)),
        ("el jueves 12 de febrero", date(2015, 2, 12)),
        ("am 12. Februar 2015", date(2015, 2, 12)),
    ],
)
def test_more_forms(text: str, day: date) -> None:
    mentions = find_dates(text, TUE)
    assert [m.first for m in mentions if m.exact] == [day], mentions


def test_year_boundary_from_late_december() -> None:
    assert find_dates("on January 5", date(2014, 12, 28))[0].first == date(2015, 1, 5)
    assert find_dates("on January 15", date(2014, 12, 29))[0].first == date(2015, 1, 15)
    assert find_dates("il 5 gennaio", date(2014, 12, 28))[0].first == date(2015, 1, 5)


def test_last_years_event_keeps_last_years_date() -> None:
    ref = date(2016, 2, 15)
    said = find_dates("Last year's Unpacked was held in the same city on March 1.", ref)
    assert [m.first for m in said if m.exact] == [date(2015, 3, 1)]
    # a non-possessive "last year" elsewhere in the sentence moves nothing
    plain = find_dates("After launching last year, it holds an event on March 1.", ref)
    assert [m.first for m in plain if m.exact] == [date(2016, 3, 1)]


def test_day_first_numeric_on_non_us_sites() -> None:
    assert find_dates("el 12/02", TUE, day_first=True)[0].first == date(2015, 2, 12)
    assert find_dates("il 12/2", TUE, day_first=True)[0].first == date(2015, 2, 12)
    assert find_dates("on 2/12", TUE, day_first=False)[0].first == date(2015, 2, 12)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("at noon PT", "12:00 PT"),
        ("at 10am PDT", "10:00 PDT"),
        ("at 3:30am PT", "03:30 PT"),
        ("at 10 a.m. PT", "10:00 PT"),
        ("at 19:00 CET", "19:00 CET"),
        ("alle ore 15:00", "15:00"),
        ("alle ore 14:00 (ora italiana)", "14:00 CET"),
        ("um 18 Uhr MEZ", "18:00 CET"),
        ("um 19 Uhr MESZ", "19:00 CEST"),
        ("a las 18:00 (hora peninsular)", "18:00 CET"),
        ("at 2pm Beijing time", "14:00 UTC+8"),
        ("at 12:30pm IST", "12:30 IST"),
    ],
)
def test_times_keep_their_zone(text: str, value: str) -> None:
    assert [t.value for t in find_times(text)] == [value]


def test_french_ordinals_and_a_date_more_than_half_a_year_ahead() -> None:
    # "du 1er au 11 octobre prochains", written on 30 March 2020: October ahead (195 days),
    # not the October gone (171 days): news tells what comes.
    found = find_dates("du 1er au 11 octobre prochains", date(2020, 3, 30), day_first=True)
    assert [(d.first, d.last) for d in found] == [(date(2020, 10, 1), date(2020, 10, 11))]
    assert [d.first for d in find_dates("le 1er octobre", date(2020, 3, 30))] == [
        date(2020, 10, 1)]
    # Still the nearest when the other is far: a conference call "on Jan. 27", told in June.
    assert [d.first for d in find_dates("on a Jan. 27 call", date(2021, 6, 3))] == [
        date(2021, 1, 27)]


@pytest.mark.parametrize(("text", "day"), [
    ("(en date de samedi dernier)", date(2020, 3, 28)),
    ("sabato scorso", date(2020, 3, 28)),
    ("el sábado pasado", date(2020, 3, 28)),
    ("samedi prochain", date(2020, 4, 4)),
    ("on Saturday", date(2020, 4, 4)),
])
def test_a_word_after_the_weekday_says_which(text: str, day: date) -> None:
    mentions = find_dates(text, date(2020, 3, 30), day_first=True, past=False, held=False)
    assert [m.first for m in mentions] == [day]
