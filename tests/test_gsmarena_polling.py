"""The real GSMArena feed, rebuilt from its polled items, replayed poll by poll through the CLI.

fixtures/sources/gsmarena/ holds the real items the feed listed around Samsung's Galaxy
Unpacked of 22 July 2026 in London, each with the hour a poll first saw it. The feed is rebuilt
as the site served it at each poll time: its 20 newest items, with the feed's own fields
(title, link, pubDate, description, category), so items fall off the end as new ones come.
Each poll is one `monitor crawl --replay` of a WARC holding that feed and the pages of its
items, with the built-in gsmarena source and a watch on the event. No real GSMArena article
page exists in the shared corpora, so each item's page is built from the item itself (title,
date and teaser) in the team's model of the site's markup (fixtures/pages/profiles).

What must hold: every item is stored once, however many polls list it; items that fell off
the feed and come back, as feeds do, are neither stored again nor alerted again (a poll that
brings nothing new alerts nothing).
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from monitor.crawl.warc import write_warc

ROOT = Path(__file__).resolve().parent.parent
ITEMS = ROOT / "fixtures" / "sources" / "gsmarena" / "feed-items-unpacked-2026-07.jsonl.gz"
FEED_URL = "https://www.gsmarena.com/rss-news-reviews.php3"
FEED_SIZE = 20
# Every 16 hours over the days around the event (cron would run hourly; fewer polls, the same
# story: each poll finds new items and misses some that came and went in between).
POLLS = [datetime(2026, 7, 21, 6, tzinfo=UTC) + timedelta(hours=16 * i) for i in range(4)]
CONFIG = """
[[sources]]
name = "gsmarena"

[[watches]]
name = "unpacked-london"
company = "Samsung"
aliases = ["Galaxy Unpacked"]
city = "London"
date = "2026-07-22"
"""
SUMMARY = re.compile(r"crawled 1 source\(s\), (\d+) page\(s\); (\d+) source\(s\) failed; "
                     r"(\d+) new alert\(s\)")


def items() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in gzip.decompress(ITEMS.read_bytes()).splitlines()]
    return sorted(rows, key=lambda r: (r["first_seen_commit_date"], r["pubDate"]))


def listed_at(rows: list[dict[str, Any]], when: datetime) -> list[dict[str, Any]]:
    """The feed at `when`: the newest items a poll had seen by then, newest first."""
    seen = [r for r in rows if datetime.fromisoformat(r["first_seen_commit_date"]) <= when]
    return list(reversed(seen[-FEED_SIZE:]))


def rss(listed: list[dict[str, Any]]) -> bytes:
    entries = "".join(
        f"<item><title>{html.escape(r['title'])}</title><link>{html.escape(r['link'])}</link>"
        f"<pubDate>{r['pubDate']}</pubDate><description>{html.escape(r['description'])}"
        f"</description><category>{r['category']}</category></item>\n"
        for r in listed
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>GSMArena.com - Latest articles</title><link>https://www.gsmarena.com/</link>"
        f"<description>GSMArena.com news and reviews</description>\n{entries}</channel></rss>"
    ).encode()


def page(row: dict[str, Any]) -> bytes:
    title = html.escape(row["title"])
    day = parsedate_to_datetime(row["pubDate"]).strftime("%d %B %Y").lstrip("0")
    teaser = re.sub(r"<img[^>]*>", "", row["description"]).replace("...</p>", "</p>")
    paragraphs = "".join(f"<p>{p.strip()}</p>" for p in re.split(r"\n\s*\n|</?p>", teaser)
                         if p.strip())
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - '
        f'GSMArena.com news</title><link rel="canonical" href="{row["link"]}"></head><body>'
        f'<div class="article-info"><div class="article-info-line"><h1 class="article-info-name">'
        f'{title}</h1></div><div class="article-info-line"><span class="article-info-meta-date">'
        f'{day}</span></div></div><div id="review-body">{paragraphs}</div></body></html>'
    ).encode()


def archive(folder: Path, name: str, listed: list[dict[str, Any]], when: datetime) -> Path:
    headers = {"Date": format_datetime(when, usegmt=True)}
    records = [(FEED_URL, 200, {**headers, "Content-Type": "application/rss+xml"}, rss(listed))]
    records += [(r["link"], 200, {**headers, "Content-Type": "text/html; charset=utf-8"},
                 page(r)) for r in listed]
    return write_warc(folder / f"{name}.warc.gz", records, date=when)


def crawl(config: Path, warc: Path) -> tuple[int, int]:
    """(pages fetched, new alerts) of one `monitor crawl --replay`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    done = subprocess.run(
        # -v: the summary line is logged at INFO (quiet cron, issue 11).
        [sys.executable, "-m", "monitor.cli", "crawl", "-v", "--config", str(config),
         "--replay", str(warc)],
        capture_output=True, text=True, timeout=180, env=env, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    found = SUMMARY.search(done.stderr)
    assert found, done.stderr
    assert found.group(2) == "0"
    return int(found.group(1)), int(found.group(3))


def stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [url for (url,) in conn.execute("SELECT canonical_url FROM articles")]


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("polling")
    db = folder / "monitor.db"
    config = folder / "monitor.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{db}"\n' + CONFIG, encoding="utf-8")
    rows = items()
    feeds = [listed_at(rows, when) for when in POLLS]
    runs = []
    for i, (when, listed) in enumerate(zip(POLLS, feeds, strict=True)):
        runs.append((crawl(config, archive(folder, f"poll{i}", listed, when)), len(stored(db))))
    polled = stored(db)
    # An old copy that lists items long gone (a CDN or a feed generator serving a stale
    # version does this): every item known, nothing new.
    stale = crawl(config, archive(folder, "stale", feeds[0], POLLS[-1] + timedelta(hours=1)))
    return {"feeds": feeds, "runs": runs, "stale": stale, "stored": polled,
            "stored_at_end": stored(db)}


def test_the_rebuilt_feed_turns_over_as_the_real_one_did(replay: dict[str, Any]) -> None:
    feeds = replay["feeds"]
    assert all(len(f) == FEED_SIZE for f in feeds)
    links = [{r["link"] for r in f} for f in feeds]
    # Each poll brings new items and drops as many; the first poll's items are all gone later.
    assert all(len(b - a) > 0 for a, b in pairwise(links))
    assert links[0].isdisjoint(links[-1])


def news(feed: list[dict[str, Any]]) -> set[str]:
    # The gsmarena source takes news items only; the feed mixes in reviews.
    return {r["link"] for r in feed if r["category"] == "news"}


def test_every_item_is_stored_once(replay: dict[str, Any]) -> None:
    feeds = replay["feeds"]
    assert sorted(replay["stored"]) == sorted(set().union(*map(news, feeds)))
    assert len(replay["stored"]) == len(set(replay["stored"]))
    # After each poll, exactly the news items listed so far.
    listed_so_far = [len(set().union(*map(news, feeds[: i + 1]))) for i in range(len(feeds))]
    assert [count for _, count in replay["runs"]] == listed_so_far
    assert [pages for (pages, _), _ in replay["runs"]] == [len(news(f)) for f in feeds]
    assert any(r["category"] != "news" for f in feeds for r in f)  # a review was skipped


def test_the_watched_event_is_followed(replay: dict[str, Any]) -> None:
    assert sum(new for (_, new), _ in replay["runs"]) >= 1


def test_items_that_fell_off_the_feed_never_store_or_alert_again(
    replay: dict[str, Any],
) -> None:
    pages, new_alerts = replay["stale"]
    # Fetched again, as a crawl does with what its feed lists, and found known.
    assert pages == len(news(replay["feeds"][0]))
    assert news(replay["feeds"][0]).isdisjoint(news(replay["feeds"][-1]))
    assert new_alerts == 0
    assert sorted(replay["stored_at_end"]) == sorted(replay["stored"])
