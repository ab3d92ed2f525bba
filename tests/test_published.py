"""Publication dates: plausible or none, htmldate where our rules find nothing, never a raise."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from monitor.extract.article import extract_article
from monitor.extract.article.published import plausible
from monitor.extract.reading import find_reports
from monitor.model import Watch

ROOT = Path(__file__).resolve().parent.parent
FETCHED = datetime(2026, 7, 20, 12, tzinfo=UTC)
WATCH = Watch("samsung", "Samsung", city="London")
BODY = (
    "<h1>Samsung sets Galaxy Unpacked for this Thursday in London</h1>"
    "<p>Samsung will hold its Galaxy Unpacked event this Thursday in London, the company "
    "said in an invitation sent to the press on Monday.</p>"
)


def page(head: str, body: str = BODY) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def ld(**fields: str) -> str:
    return ('<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": "h", **fields}) + "</script>")


@pytest.mark.parametrize(
    "stamp",
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01 00:00:00Z",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-05:00",
        "1970-01-01T00:00:00Z",
        "1994-12-31T23:59:59Z",
        "2026-07-22T10:00:00Z",  # two days after the fetch
        "2015-02-12T10:00:00+25:00",
        "2015-02-30T10:00:00Z",
        "2015-02",
    ],
)
def test_implausible_stamps_are_no_date_and_reading_does_not_raise(stamp: str) -> None:
    for head in (ld(datePublished=stamp, dateModified=stamp),
                 f'<meta property="article:published_time" content="{stamp}">'):
        article = extract_article(page(head), "https://example.com/a", fetched_at=FETCHED)
        if stamp.endswith("+25:00"):
            # The day is right; an offset of a day or more is a typo, so no zone is taken.
            assert article.published == datetime(2015, 2, 12, 10, tzinfo=UTC)
        else:
            assert article.published is None
        assert article.modified is None or "+25" in stamp
        # "this Thursday" is resolved against the publication day; year 1 used to overflow.
        find_reports(article, [WATCH])


def test_the_next_plausible_candidate_stands_in_for_a_placeholder() -> None:
    head = ld(datePublished="0001-01-01T00:00:00Z") + (
        '<meta property="article:published_time" content="2026-07-20T08:00:00+02:00">'
    )
    article = extract_article(page(head), "https://example.com/a", fetched_at=FETCHED)
    assert article.published == datetime(2026, 7, 20, 8, tzinfo=timezone(timedelta(hours=2)))


def test_a_day_of_slack_after_the_fetch_is_allowed() -> None:
    latest = FETCHED + timedelta(days=1)
    assert plausible(latest, latest) and not plausible(latest + timedelta(seconds=1), latest)
    head = ld(datePublished=(FETCHED + timedelta(hours=20)).isoformat())
    assert extract_article(page(head), "https://e.com/a", fetched_at=FETCHED).published


def test_a_visible_byline_date_is_found_by_htmldate_when_metadata_has_none() -> None:
    body = BODY + '<div class="byline">By Ann Lee, published 20 July 2026</div>'
    article = extract_article(page("<title>t</title>", body), "https://example.com/a",
                              fetched_at=FETCHED)
    assert article.published == datetime(2026, 7, 20, tzinfo=UTC)


def test_only_a_last_updated_time_is_no_publication_date() -> None:
    body = BODY + (
        '<div class="byline">By Ann Lee, last updated '
        '<time datetime="2026-07-20T08:00:00Z">20 July 2026</time></div>'
    )
    article = extract_article(page("<title>t</title>", body), "https://example.com/a",
                              fetched_at=FETCHED)
    assert article.published is None


def test_timestamps_in_scripts_are_not_guessed_as_the_date() -> None:
    # A comment widget's JavaScript, as on vse-diety.com (fixtures/pages): no visible date.
    body = BODY + "<script>document.write('<i>2026-07-19 22:22:25</i>')</script>"
    article = extract_article(page("<title>t</title>", body), "https://example.com/a",
                              fetched_at=FETCHED)
    assert article.published is None


def test_a_date_beyond_the_fetch_is_not_taken_from_htmldate_either() -> None:
    body = BODY + '<div class="byline">published 20 July 2027</div>'
    article = extract_article(page("<title>t</title>", body), "https://example.com/a",
                              fetched_at=FETCHED)
    assert article.published is None


def test_monitor_extract_with_a_watch_survives_the_placeholder_dates(tmp_path: Path) -> None:
    """The crash of the issue: `monitor extract` with a watch on a 0001-01-01 page."""
    (tmp_path / "monitor.toml").write_text(
        '[store]\nurl = "sqlite:///monitor.db"\n\n[[sources]]\nname = "gsmarena"\n\n'
        '[[watches]]\nname = "samsung"\ncompany = "Samsung"\ncity = "London"\n',
        encoding="utf-8")
    saved = tmp_path / "page.html"
    saved.write_text(page(ld(datePublished="0001-01-01T00:00:00Z",
                             dateModified="9999-12-31T23:59:59Z")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "extract", str(saved), "--url",
         "https://www.example.com/news/unpacked", "--json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["published"] is None and out["modified"] is None
    assert out["is_listing"] is False
    assert set(out["watches"]) == {"samsung"}
