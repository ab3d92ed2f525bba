"""The small readers under the fact extractor: sentences, places, times, people, products."""

from __future__ import annotations

import pytest

from monitor.extract.reading.people import find_people
from monitor.extract.reading.places import canonical_city, find_places, find_venues
from monitor.extract.reading.products import find_products
from monitor.extract.reading.sentences import split_sentences
from monitor.extract.reading.times import find_times


def test_sentences_survive_abbreviations_and_times() -> None:
    text = (
        "Xiaomi Inc. will hold an event on Feb. 12 at 10 a.m. PT in the U.S. The event is in S.F. "
        'and Mr. Barra will speak. It starts at 10 a.m. The end is near! "Great," he said. '
        "Visit mi.com. Next one.\nA new paragraph"
    )
    assert split_sentences(text) == [
        "Xiaomi Inc. will hold an event on Feb. 12 at 10 a.m. PT in the U.S.",
        "The event is in S.F. and Mr. Barra will speak.",
        "It starts at 10 a.m.",
        "The end is near!",
        '"Great," he said.',
        "Visit mi.com.",
        "Next one.",
        "A new paragraph",
    ]


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("San Francisco", "San Francisco"),
        ("SF", "San Francisco"),
        ("San Fran", "San Francisco"),
        ("Bay Area", None),
        ("Delhi", "New Delhi"),
        ("Milano", "Milan"),
    ],
)
def test_city_aliases(name: str, city: str | None) -> None:
    assert canonical_city(name) == city


def test_places_in_a_sentence() -> None:
    places = find_places(
        "Beijing-based Xiaomi will hold an event in SF, not in India or the Bay Area."
    )
    assert [(p.name, p.kind) for p in places] == [("San Francisco", "city"), ("IN", "country")]


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("at the Fairmont hotel in San Francisco", "Fairmont San Francisco"),
        ("at Fort Mason", "Fort Mason"),
        ("at the Bill Graham Civic Auditorium", "Bill Graham Civic Auditorium"),
        ("at the Palace Hotel.", "Palace Hotel"),
        ("at the Metreon convention center", "Metreon Convention Center"),
        ("all'hotel Fairmont di San Francisco", "Fairmont San Francisco"),
        ("in San Francisco", None),
        ("at the hotel", None),
    ],
)
def test_venues(text: str, venue: str | None) -> None:
    found = find_venues(text)
    assert (found[0].name if found else None) == venue


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("starts at 10am PT (1pm ET)", "10:00 PT"),
        ("at noon PT", "12:00 PT"),
        ("at 3:30am PT", "03:30 PT"),
        ("at 10 a.m. Pacific", "10:00 PT"),
        ("at 10:00 PDT", "10:00 PDT"),
        ("at 7pm", "19:00"),
        ("alle ore 19:00", "19:00"),
        ("um 19 Uhr MEZ", "19:00 CET"),
        ("version 1.5 scored 3:30", None),
    ],
)
def test_times(text: str, value: str | None) -> None:
    found = find_times(text)
    assert (found[0].value if found else None) == value


def test_products() -> None:
    text = (
        "Xiaomi will sell the Mi Band, Mi Headphones and Mi Power Bank, but not the Mi Note or "
        "the Redmi 2; Samsung has the Galaxy S6 edge and the Mi 4i In India."
    )
    assert [p.name for p in find_products(text)] == [
        "Mi Band",
        "Mi Headphones",
        "Mi Power Bank",
        "Mi Note",
        "Redmi 2",
        "Galaxy S6 edge",
        "Mi 4i",
    ]


def test_people_by_alias_surname_and_title() -> None:
    text = (
        "Co-founder and president Lin Bin and vice president Hugo Barra will present; Barra "
        "said so. Jane Doe, Xiaomi's head of design, spoke in San Francisco."
    )
    people = find_people(text, ["Lei Jun", "Lin Bin", "Hugo Barra"])
    assert [p.name for p in people] == ["Lin Bin", "Hugo Barra", "Hugo Barra", "Jane Doe"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # ten sources, one value: plurals, the maker's name, model words in any case
        ("Xiaomi will sell two Mi Power Banks.", ["Mi Power Bank"]),
        ("Xiaomi launched the Xiaomi Mi Band.", ["Mi Band"]),
        ("Xiaomi launched Mi Bands for everyone.", ["Mi Band"]),
        ("It showed the Mi Headphones.", ["Mi Headphones"]),
        ("Samsung unveiled the Samsung Galaxy S6 Edge.", ["Galaxy S6 edge"]),
        ("Samsung unveiled the Galaxy S6 edge+.", ["Galaxy S6 edge+"]),
        ("Xiaomi unveiled the Mi Note pro.", ["Mi Note Pro"]),
        ("Huawei unveiled the Huawei P8 and Huawei P8max.", ["Huawei P8", "Huawei P8max"]),
        ("Apple introduced the iPhone 6s Plus.", ["iPhone 6s Plus"]),
    ],
)
def test_product_values_are_normalised(text: str, names: list[str]) -> None:
    assert [p.name for p in find_products(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Xiaomi vice president Hugo Barra spoke.", ["Hugo Barra"]),
        ("Mr. Barra spoke.", ["Hugo Barra"]),
        ("Barra's keynote ran long.", ["Hugo Barra"]),
        ("Samsung mobile chief DJ Koh spoke.", ["DJ Koh"]),
        ("J.K. Shin, Samsung's CEO, spoke.", ["JK Shin"]),
        ("Dr. Lisa Su, CEO of AMD, spoke.", ["Lisa Su"]),
        ("Senior Vice President Phil Schiller spoke.", ["Phil Schiller"]),
    ],
)
def test_speaker_values_drop_titles(text: str, names: list[str]) -> None:
    assert [p.name for p in find_people(text, ["Lei Jun", "Hugo Barra"])] == names
