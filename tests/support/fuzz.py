"""Hostile input for the date, time, timestamp and fact readers (issue 10), shared by the
bounded property test (tests/test_fuzz.py) and the long run (bench/fuzz.py).

Text is drawn from the pieces the readers look for (numbers next to month names, clock
times, zones, offsets, weekdays, relative words, years far out of range) glued with random
noise, so examples reach the parsers' corners instead of failing at the first regex.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from monitor.extract.article import extract_article
from monitor.extract.article.timestamps import parse_timestamp
from monitor.extract.reading import find_reports
from monitor.extract.reading.dates import find_dates
from monitor.extract.reading.times import find_times
from monitor.model import Article, Watch

PIECES = [
    "Acme", "Acme's", "event", "launch", "keynote", "will", "was", "held", "confirmed",
    "postponed", "to", "on", "at", "from", "until", "and", "-", "–", "/", ".", ",", ":",
    "January", "Feb", "March", "Sept.", "Dezember", "mai", "juin", "octubre", "agosto",
    "Monday", "Thursday", "mardi", "Sonntag", "next", "last", "this", "week", "tomorrow",
    "today", "yesterday", "ago", "in", "days", "the", "12th", "31st", "0th", "99th",
    "a.m.", "p.m.", "am", "pm", "Uhr", "h", "PT", "PST", "ET", "CET", "CEST", "GMT", "UTC",
    "BST", "IST", "JST", "local", "time", "noon", "midnight", "+25:00", "-99:99", "+05:30",
    "0001-01-01", "9999-12-31", "0000-00-00", "2015-02-12", "2015-13-45", "T25:61:61",
    "2015", "1900", "0", "00", "000", "99999", "Z", "San Francisco", "Berlin", "Mi 4",
    "Galaxy", "Lei Jun", "CEO", "\u200b", "\xa0", "&amp;", "'", '"', "(", ")",
]
WATCHES = [
    Watch("w-dated", "Acme", ("Acme Live", "Lei Jun"), "Berlin", date(2015, 2, 12)),
    Watch("w-open", "Acme", (), None, None),
]

pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(-100, 100_000).map(str),
                            st.text(max_size=6)), max_size=40)
texts = pieces.map(" ".join)
days = st.one_of(st.none(), st.dates(min_value=date(1, 1, 2), max_value=date(9999, 12, 30)))
offsets = st.integers(-23 * 60, 23 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.one_of(st.just(UTC), offsets)),
)


def read_all(text: str, title: str, reference: date | None, published: datetime | None,
             flags: tuple[bool, bool, bool]) -> None:
    """Every reader on one input; any exception is a crash site."""
    day_first, past, held = flags
    find_dates(text, reference, day_first=day_first, past=past, held=held)
    find_times(text)
    parse_timestamp(text)
    parse_timestamp(title)
    article = Article(url="https://acme.example/a", canonical_url="https://acme.example/a",
                      title=title, body=text, published=published)
    find_reports(article, WATCHES)
    page = (f"<html><head><title>{title}</title><meta property='article:published_time' "
            f"content='{title}'></head><body><article><h1>{title}</h1><p>{text}</p>"
            "</article></body></html>")
    extract_article(page, "https://acme.example/a",
                    fetched_at=published or datetime(2015, 2, 12, tzinfo=UTC))


inputs = st.tuples(texts, texts, days, moments, st.tuples(st.booleans(), st.booleans(),
                                                          st.booleans()))
