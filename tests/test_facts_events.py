"""Event facts over the hand-checked cases in fixtures/events/ (see bench/facts.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bench.facts import Case, evaluate, expected_facts, found_facts, load_cases
from monitor.extract.facts import find_reports, report_for
from monitor.extract.sentences import split_sentences
from monitor.model import Article, FactKind, Status, Watch

CASES = load_cases()
SF = Watch(
    "xiaomi-sf", "Xiaomi", ("Lei Jun", "Lin Bin", "Hugo Barra"), "San Francisco", date(2015, 2, 12)
)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25
    assert sum(c.expected is None for c in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case(case: Case) -> None:
    report = report_for(case.article, case.watch)
    if case.expected is None:
        assert report is None, report
        return
    assert report is not None
    assert found_facts(report) == expected_facts(case)
    assert report.status is Status(case.expected["status"])
    assert str(case.expected["status_evidence"]) in report.status_evidence
    sentences = split_sentences(f"{case.article.title}\n{case.article.body}")
    for fact in report.facts:
        assert fact.evidence in sentences, fact


def test_bench_meets_the_issue_targets() -> None:
    scores = evaluate(CASES)
    assert scores["event match"].precision >= 0.98
    assert scores["event match"].recall >= 0.95
    for kind in ("date", "city", "venue"):
        assert scores[kind].precision >= 0.95, kind
        assert scores[kind].recall >= 0.90, kind
    assert scores["status"].recall >= 0.95


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
