"""Event facts over the hand-checked cases in fixtures/events/ (see bench/facts.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bench.facts import Case, evaluate, load_cases, status_right
from monitor.extract.reading import find_reports, report_for
from monitor.extract.reading.sentences import split_sentences
from monitor.model import Article, FactKind, Status, Watch
from tests.conftest import FIXTURES

CASES = load_cases()
REAL = load_cases(FIXTURES / "real-news")
# Cases whose status or match the reader still gets wrong, each with why; strict, so a fix must
# take it off the list. Facts are held to the floors in test_fact_scores, not case by case.
KNOWN_MISSES = {
    "166-oneplus-popup-cancelled": (
        "the launch told in passing ('the launch itself, held in London on October 29') "
        "counts as a report of it, though the article is about a pop-up"
    ),
    "170-italian-ifa-calendario": "a plain Italian future ('terrà') stays a report",
    "181-nintendo-switch-2-reveal-thursday-next-week-leaker": (
        "Nintendo's on-record word is about announcing the console before March, not about "
        "next week's reveal, but the reader takes it for the event's"
    ),
    "182-es-microsoft-build-seattle-redmond-seat": (
        "Build in Seattle on 21-23 May is read as the Redmond watch's event: the headline "
        "names no day or city to tell them apart"
    ),
    "195-apple-spring-event-march-19-blogger-guess": (
        "a blogger's 'my money is on' is no speculation cue; Gurman's 'on track' reads as a "
        "report"
    ),
    "215-oneplus-13-teaser-clock-fans-guess-january-7": (
        "OnePlus teasing the launch reads as confirmation; the date is only the fans' guess"
    ),
    "241-sony-ps5-price-rise-europe-boilerplate-null": (
        "'Showcase season is almost here' is a general line, read as a mention of the event"
    ),
    "242-apple-wwdc-2025-recap-cupertino-september-watch-null": (
        "a June WWDC recap under a September watch: its year-only headline and undated "
        "mentions are not told apart from the September event"
    ),
    # Batch 6 (scored blind first: 0.643), the misses left after its reading.
    "252-tesla-we-robot-uitnodigingen-10-oktober": (
        "the July postponement, told as background, outranks the invitations for the new day "
        "(the label itself calls this debatable)"
    ),
    "267-nintendo-switch-2-direct-5-juni-469-euro": (
        "the console's release day (5 June) in the Direct's sentence is read as another "
        "event's day; Dutch 'komt ... uit' is no release cue"
    ),
    "271-nvidia-ces-2026-keynote-announced-last-year-recalled": (
        "the watched keynote is recalled in a paragraph of an article about next year's: "
        "the headline's event rules the whole article out"
    ),
    "275-xbox-games-showcase-june-8-build-passing": (
        "the showcase's hosts 'expected to host' are taken for the watched Build's"
    ),
    "280-apple-iphone-12-few-weeks-later-event-not-delayed": (
        "'has held a September event every year since 2012' is read as this year's "
        "happening"
    ),
    "281-opinion-apple-march-event-iphone-se-4": (
        "a columnist's 'I think ... good reasons' weighs less than the Gurman report it cites"
    ),
    "285-rykte-google-pixel-10-20-augusti-new-york": (
        "Swedish 'läckt' (leaked) is no leak cue; 'enligt' reads as a report"
    ),
    "288-apple-evento-octubre-todo-apunta-a-que-no": (
        "'las señales apuntan a que no' (the signs say no) is a doubt the cues do not know"
    ),
    "289-tesla-delays-robotaxi-unveiling-october-bloomberg": (
        "'scrapped plans for a cheaper car' is read as the event cancelled: the product, not "
        "the event, was scrapped"
    ),
    "304-microsoft-nie-bedzie-jesiennego-wydarzenia-surface": (
        "Polish 'nie zorganizuje' (will not hold) is no hold verb of the cue tables"
    ),
    "306-honor-magic-v3-berlin-premiera-huawei-watch": (
        "Honor's event in the watched city on the watched day is taken for Huawei's: Honor "
        "named once as 'part of Huawei' carries the watched company's name"
    ),
    "307-galaxy-buds-3-pro-review-boilerplate": (
        "a review's boilerplate about 'every Galaxy Unpacked' is read as a mention"
    ),
    "309-mwc-2020-liste-marques-renoncent-oneplus": (
        "OnePlus's cancelled MWC demos, undated, are not told apart from the April launch"
    ),
    "314-nintendo-cancels-nintendo-live-2024-tokyo": (
        "the fan festival cancelled is undated in the text, so it is not told apart from the "
        "February Direct"
    ),
}
SF = Watch(
    "xiaomi-sf", "Xiaomi", ("Lei Jun", "Lin Bin", "Hugo Barra"), "San Francisco", date(2015, 2, 12)
)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 240
    assert sum(c.expected is None for c in CASES) >= 25
    assert len({c.watch.company for c in CASES}) >= 25
    assert {c.article.language for c in CASES} >= {"en", "it", "es", "de", "fr", "nl"}
    assert len(REAL) >= 90
    assert all(str(c.article.url).startswith("http") and "example.test" not in c.article.url
               for c in REAL)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_MISSES[c.name], strict=True))
        if c.name in KNOWN_MISSES
        else c
        for c in CASES
    ],
    ids=lambda c: c.name,
)
def test_case(case: Case) -> None:
    report = report_for(case.article, case.watch)
    if case.expected is None:
        assert report is None, report
        return
    assert report is not None
    assert report.status is Status(case.expected["status"])
    sentences = split_sentences(f"{case.article.title}\n{case.article.body}")
    for fact in report.facts:
        assert fact.evidence in sentences, fact


# Floors per fact kind over fixtures/events, a little under what the reader measures, so a
# change that reads a kind of sentence worse fails here.
# Just under what the reader scores on the 311 cases (see fixtures/events/README.md).
FLOORS = {
    "event match": (0.96, 0.98), "date": (0.95, 0.93), "city": (0.95, 0.94),
    "venue": (0.86, 0.92), "time": (0.84, 0.86), "speaker": (0.93, 0.69),
    "product": (0.85, 0.69),
}


@pytest.mark.parametrize("kind", FLOORS)
def test_fact_scores(kind: str) -> None:
    score = evaluate(CASES)[kind]
    precision, recall = FLOORS[kind]
    assert score.precision >= precision, score.misses
    assert score.recall >= recall, score.misses


def test_status_across_the_cases() -> None:
    assert status_right(CASES) >= 0.91


def test_real_news_floors() -> None:
    # The real articles of fixtures/real-news: scored blind when collected (see its README),
    # then read again; these floors keep what was won.
    scores = evaluate(REAL)
    # (Set D, 70 cases scored blind at 0.686, joined the 180 of sets A and B at 0.722; set E,
    # 79 scored blind at 0.481, brought the 329 to 0.657, and its first fixes to 0.672; set F,
    # 61 scored blind at 0.492, brought the 390 to 0.644, and the fixes after to 0.656; set
    # G, 70 scored blind at 0.557, brought the 460 to 0.657, and the fixes after to 0.704; set
    # H, 60 scored blind at 0.550 with 11 of its 51 articles about the event unmatched,
    # brought the 520 to 0.687 and the match recall to 0.920, and the fixes after to 0.702;
    # set I, 60 scored blind at 0.517 with 8 of its 52 articles about the event unmatched,
    # brought the 580 to 0.683 and the match recall to 0.914; set K, 60 scored blind at 0.567,
    # brought the 700 to 0.727.)
    assert status_right(REAL) >= 0.68
    assert scores["event match"].precision >= 0.95
    assert scores["event match"].recall >= 0.91
    assert scores["date"].precision >= 0.79


def test_the_reader_never_raises_on_any_case() -> None:
    watches = [c.watch for c in CASES[:3]]
    for case in CASES + REAL:
        find_reports(case.article, [case.watch, *watches])


def _article(body: str, published: datetime | None, title: str = "") -> Article:
    return Article("https://x.test/a", "https://x.test/a", title, body, published)


def test_several_watches_at_once() -> None:
    delhi = Watch("xiaomi-delhi", "Xiaomi", ("Hugo Barra",), "New Delhi")
    other = Watch("oneplus", "OnePlus")
    article = _article(
        "Xiaomi has sent out invitations for a launch event in New Delhi on April 23.",
        datetime(2015, 4, 16, tzinfo=UTC),
    )
    reports = find_reports(article, [SF, delhi, other])
    assert [r.watch for r in reports] == ["xiaomi-delhi"]
    assert {(f.kind, f.value) for f in reports[0].facts} >= {
        (FactKind.CITY, "New Delhi"),
        (FactKind.DATE, "2015-04-23"),
    }


def test_article_without_a_date_resolves_only_explicit_dates() -> None:
    article = _article(
        "Xiaomi will hold a press event in San Francisco on Thursday, February 12, 2015.", None
    )
    report = report_for(article, SF)
    assert report is not None
    assert (FactKind.DATE, "2015-02-12") in {(f.kind, f.value) for f in report.facts}


def test_company_absent_means_no_report() -> None:
    article = _article(
        "Motorola will hold a press event in San Francisco on February 12.",
        datetime(2015, 2, 3, tzinfo=UTC),
    )
    assert report_for(article, SF) is None


def test_alias_counts_as_the_company() -> None:
    article = _article(
        "Hugo Barra will host a press event in San Francisco on February 12.",
        datetime(2015, 2, 3, tzinfo=UTC),
    )
    report = report_for(article, SF)
    assert report is not None
    assert (FactKind.SPEAKER, "Hugo Barra") in {(f.kind, f.value) for f in report.facts}


def test_a_look_back_under_another_events_headline_is_no_report() -> None:
    body = (
        "Xiaomi has sent out invitations for an event in New Delhi on April 23.\n"
        "Hugo Barra will be on stage, as he was at the company's San Francisco event in February."
    )
    title = "Xiaomi sends invites for April 23 event in New Delhi"
    later = _article(body, datetime(2015, 4, 20, tzinfo=UTC), title)
    assert report_for(later, SF) is None
    # the same look back under a neutral headline (a review) still speaks of the event
    review = _article(body.splitlines()[1], datetime(2015, 4, 20, tzinfo=UTC), "Mi 4i review")
    assert report_for(review, SF) is not None


def test_a_no_phones_line_does_not_deny_a_held_event() -> None:
    article = _article(
        "Xiaomi launched the Mi Band at its event in San Francisco today.\n"
        "Hugo Barra said Xiaomi has no plans to sell phones in the US, and denied it will.",
        datetime(2015, 2, 12, 15, tzinfo=UTC),
    )
    report = report_for(article, SF)
    assert report is not None
    assert report.status is Status.HAPPENED
