"""No lost reading: SIGKILL the real CLI around the moment an article is stored, then run again.

Before issue 10 an article was committed first and what was read from it second, and the
page's validators were stored as soon as it arrived: a kill in between left an article
without its reading (skipped as "unchanged" ever after) or a page that came back 304 and was
never stored. Now the article, its reading and its validators are one transaction, and a
listing's validators are kept only after a crawl that handled everything it listed.

The site serves ETags and Last-Modified, so any validator stored too early would show up as
a 304 that hides the page on the follow-up run.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.http_server import LocalServer, Route, rss_feed, serve
from tests.support.receivers import JsonReceiver
from tests.support.story import STORY, XIAOMI_WATCH_TOML

ROOT = Path(__file__).resolve().parent.parent
FIRST = "Xiaomi San Francisco event: first seen (rumored)"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}


def killed_at(when: str, target: str, nth: int, *args: str | Path) -> int:
    """Run `monitor ARGS` with a SIGKILL planted at the NTH call of TARGET; its exit code."""
    command = [sys.executable, "-m", "tests.support.killpoint", when, target, str(nth), "--",
               *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=_env(),
                          cwd=ROOT, check=False).returncode


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT,
                          check=False)


@pytest.fixture
def site() -> Iterator[LocalServer]:
    page = (STORY / "pages" / "g1-rumour.html").read_bytes()
    with serve() as server:
        server.routes["/feed.xml"] = Route(
            rss_feed([("Xiaomi rumored to hold its first US event", server.url("/news/g1.html"))]),
            content_type="application/rss+xml", etag='"feed-1"')
        server.routes["/news/g1.html"] = Route(page, etag='"g1"',
                                               last_modified="Mon, 02 Feb 2015 10:00:00 GMT")
        yield server


def write_config(folder: Path, site: LocalServer, webhook: JsonReceiver) -> Path:
    path = folder / "monitor.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
                    f'[notify]\nurls = ["{webhook.url()}"]\n\n[crawl]\ndownload_delay = 0\n\n'
                    f'[[sources]]\nname = "local"\nfeed = "{site.url("/feed.xml")}"\n'
                    + XIAOMI_WATCH_TOML, encoding="utf-8")
    return path


def stored(folder: Path) -> tuple[int, int, int]:
    """(articles, reports, validators) rows in the database."""
    with sqlite3.connect(folder / "monitor.db") as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore
                     for table in ("articles", "reports", "validators"))


# (when, where, nth call): each a moment the old code could lose the article's reading at.
KILL_POINTS = [
    # Inside the article's transaction: the article row is written, its reading is not yet.
    ("before", "monitor.store.articles:save_reports", 1),
    # The article's response has arrived and its validators are known, nothing is stored.
    ("after", "monitor.crawl.conditional:ConditionalGetMiddleware.process_response", 3),
    # The feed is parsed and its validators known; its article was not fetched yet.
    ("after", "monitor.crawl.spider:NewsSpider.parse_listing", 1),
]


@pytest.mark.parametrize(("when", "target", "nth"), KILL_POINTS,
                         ids=[f"{w}-{t.split(':')[1]}" for w, t, _ in KILL_POINTS])
def test_killed_while_storing_an_article_loses_no_alert(
        tmp_path: Path, site: LocalServer, webhook: JsonReceiver, when: str, target: str,
        nth: int) -> None:
    config = write_config(tmp_path, site, webhook)
    assert killed_at(when, target, nth, "crawl", "--config", config) == -signal.SIGKILL
    articles, reports, _ = stored(tmp_path)
    assert (articles, reports) == (0, 0), "an article without its reading was committed"
    assert webhook.messages == []

    site.requests.clear()
    follow = monitor("crawl", "--config", config)
    assert follow.returncode == 0, follow.stderr
    article_hits = [r for r in site.requests if r.path == "/news/g1.html"]
    # Fetched in full: no validator from the killed run made it a 304.
    assert [r.headers.get("if-none-match") for r in article_hits] == [None]
    assert [m["title"] for m in webhook.messages] == [FIRST]
    assert stored(tmp_path) == (1, 1, 2)  # the article, its reading, feed and page validators


def test_killed_right_after_the_commit_the_next_run_sends_once_and_reads_nothing_again(
        tmp_path: Path, site: LocalServer, webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, site, webhook)
    assert killed_at("after", "monitor.store.store:Store.save_page", 1,
                     "crawl", "--config", config) == -signal.SIGKILL
    assert stored(tmp_path) == (1, 1, 1)  # article, reading and the page's validators together

    site.requests.clear()
    follow = monitor("crawl", "--config", config)
    assert follow.returncode == 0, follow.stderr
    # The feed's validators were never kept (the crawl did not finish): fetched in full.
    feed_hits = [r for r in site.requests if r.path == "/feed.xml"]
    assert [r.headers.get("if-none-match") for r in feed_hits] == [None]
    # The page's were, with the article: a 304, and the alert from the stored reading.
    page_hits = [r for r in site.requests if r.path == "/news/g1.html"]
    assert [r.headers.get("if-none-match") for r in page_hits] == ['"g1"']
    assert [m["title"] for m in webhook.messages] == [FIRST]
    alerts = json.loads(monitor("alerts", "--config", config, "--json").stdout)
    assert [(a["title"], [d["state"] for d in a["deliveries"]]) for a in alerts] == [
        (FIRST, ["delivered"])]


def test_a_source_with_a_failed_article_keeps_no_listing_validators(
        tmp_path: Path, site: LocalServer, webhook: JsonReceiver) -> None:
    site.routes["/news/g1.html"].status = 500
    config = write_config(tmp_path, site, webhook)
    first = monitor("crawl", "--config", config)
    assert first.returncode == 1
    assert stored(tmp_path) == (0, 0, 0)

    site.routes["/news/g1.html"].status = 200
    site.requests.clear()
    second = monitor("crawl", "--config", config)
    assert second.returncode == 0, second.stderr
    feed_hits = [r for r in site.requests if r.path == "/feed.xml"]
    assert [r.headers.get("if-none-match") for r in feed_hits] == [None]
    assert [m["title"] for m in webhook.messages] == [FIRST]
