"""Whole stories from fixtures/stories, served crawl by crawl as their sites would have.

Each story.json holds the watch, the sources with their feeds, every article (with the
updates made to it in place), the crawls (when, which feed items, the alert expected) and
noise articles that say nothing of the watched event. This module renders the articles as
HTML pages and the feeds as RSS, and hands them either to the real CLI (as a WARC archive to
replay) or straight to `monitor.ingest.ingest_page`, the code the Scrapy pipeline runs for
each page, for properties that need hundreds of replays.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from monitor.alerting import changes_json, plan_alerts, record_alerts
from monitor.crawl.warc import write_warc
from monitor.ingest import ingest_page, watches_as_known
from monitor.model import Watch
from monitor.store import Store

STORIES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "stories"
NAMES = ("microsoft-surface-2019", "tesla-ai-day-2022", "google-io-2020",
         "samsung-unpacked-note10-2019")

Line = tuple[str, str | None, str | None, str]  # kind, fact, old, new


@dataclass(frozen=True)
class Page:
    url: str
    source: str
    html: str


@dataclass(frozen=True)
class Story:
    name: str
    data: dict[str, Any]

    @property
    def watch(self) -> Watch:
        w = self.data["watch"]
        return Watch(w["name"], w["company"], tuple(w.get("aliases") or ()), w.get("city"),
                     date.fromisoformat(w["date"]) if w.get("date") else None)

    @property
    def crawls(self) -> list[dict[str, Any]]:
        return list(self.data["crawls"])

    @property
    def noise(self) -> list[str]:
        return list(self.data["noise"])

    def expected(self, crawl: int) -> set[Line]:
        return {tuple(line) for line in self.data["crawls"][crawl]["expected"]}  # type: ignore[misc]

    def crawled_at(self, crawl: int) -> datetime:
        return datetime.fromisoformat(self.data["crawls"][crawl]["crawled_at"].replace("Z",
                                                                                     "+00:00"))

    def version(self, key: str, crawl: int) -> dict[str, Any]:
        """The article `key` as it stood at crawl index `crawl` (0-based), updates applied."""
        article = dict(self.data["articles"][key])
        for update in article.get("updated") or ():
            if update["crawl"] - 1 <= crawl:
                article.update({k: v for k, v in update.items() if k != "crawl"})
        return article

    def pages(self, crawl: int, extra: Sequence[str] = ()) -> list[Page]:
        """Every page of one crawl: feeds first, then the articles they list, then `extra`."""
        pages: list[Page] = []
        listed: list[tuple[str, str]] = []
        for source in self.data["sources"]:
            # A feed keeps listing what it listed before (as real feeds do, up to 20 items):
            # one that empties reads as a broken source.
            keys = list(dict.fromkeys(k for c in self.data["crawls"][:crawl + 1]
                                      for k in c["feeds"].get(source["name"], [])))[-20:]
            items = [self.version(k, crawl) for k in keys]
            pages.append(Page(source["feed"], source["name"], feed_xml(source, items)))
            listed += [(source["name"], k) for k in keys]
        for source, key in [*listed, *((self.data["articles"][k]["source"], k) for k in extra)]:
            article = self.version(key, crawl)
            pages.append(Page(article["url"], source, article_html(article)))
        return pages


def load(name: str) -> Story:
    return Story(name, json.loads((STORIES / name / "story.json").read_text(encoding="utf-8")))


def article_html(article: dict[str, Any]) -> str:
    """A plain news-article page: the markup most sites share (og: and article: metadata)."""
    e = html.escape
    published = article["published"]
    body = "\n".join(f"<p>{e(p)}</p>" for p in article["paragraphs"])
    return f"""<!doctype html>
<html lang="{e(article.get("language") or "en")}">
<head>
<meta charset="utf-8">
<title>{e(article["title"])}</title>
<link rel="canonical" href="{e(article["url"])}">
<meta property="og:title" content="{e(article["title"])}">
<meta property="og:type" content="article">
<meta name="description" content="{e(article.get("summary") or "")}">
<meta property="article:published_time" content="{e(published)}">
<meta name="author" content="{e(article["author"])}">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/reviews/">Reviews</a></nav>
</header>
<main>
<article>
<h1>{e(article["title"])}</h1>
<p class="byline">By <a rel="author" href="/author/">{e(article["author"])}</a>,
<time datetime="{e(published)}">{e(published[:10])}</time></p>
{body}
</article>
</main>
<footer><p>Copyright. All rights reserved.</p></footer>
</body>
</html>
"""


def feed_xml(source: dict[str, Any], items: Sequence[dict[str, Any]]) -> str:
    e = html.escape
    rows = []
    for item in sorted(items, key=lambda a: datetime.fromisoformat(a["published"]),
                       reverse=True):
        when = format_datetime(datetime.fromisoformat(item["published"]))
        rows.append(f"<item><title>{e(item['title'])}</title><link>{e(item['url'])}</link>"
                    f"<guid>{e(item['url'])}</guid><pubDate>{when}</pubDate>"
                    f"<description>{e(item.get('summary') or '')}</description></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{e(source['name'])}</title><link>{e(source['feed'])}</link>"
            f"<description>{e(source['name'])}</description>{''.join(rows)}</channel></rss>\n")


def build_archive(story: Story, crawl: int, folder: Path, extra: Sequence[str] = ()) -> Path:
    """One crawl as a .warc.gz for `monitor crawl --replay`, dated at the crawl's time."""
    when = story.crawled_at(crawl)
    records = []
    for page in story.pages(crawl, extra):
        body = page.html.encode("utf-8")
        kind = "application/rss+xml" if page.html.startswith("<?xml") else "text/html"
        records.append((page.url, 200, {"Content-Type": f"{kind}; charset=UTF-8",
                                        "Date": format_datetime(when, usegmt=True),
                                        "Content-Length": str(len(body))}, body))
    path = folder / f"{story.name}-{crawl + 1}.warc.gz"
    write_warc(path, records, date=when)
    return path


def sources_toml(story: Story) -> str:
    return "".join(f'\n[[sources]]\nname = "{s["name"]}"\nfeed = "{s["feed"]}"\n'
                   for s in story.data["sources"])


def watch_toml(story: Story) -> str:
    w = story.data["watch"]
    lines = [f'\n[[watches]]\nname = "{w["name"]}"\ncompany = "{w["company"]}"']
    if w.get("aliases"):
        lines.append("aliases = [" + ", ".join(json.dumps(a) for a in w["aliases"]) + "]")
    for key in ("city", "date"):
        if w.get(key):
            lines.append(f'{key} = "{w[key]}"')
    return "\n".join(lines) + "\n"


def replay(story: Story, store: Store, crawl: int, *, extra: Sequence[str] = (),
           order: Sequence[int] | None = None) -> list[Line]:
    """One crawl's articles through ingest_page, then the alert planned and recorded, as the
    crawl cycle does after a crawl; returns the new alert's lines (none: no alert)."""
    watch = story.watch
    (reading,) = watches_as_known(store, [watch])
    at = story.crawled_at(crawl)
    pages = [p for p in story.pages(crawl, extra) if not p.html.startswith("<?xml")]
    if order is not None:
        pages = [pages[i] for i in order]
    for page in pages:
        ingest_page(store, page.html, page.url, source=page.source, fetched_at=at,
                    watches=[reading])
    planned = plan_alerts(store, [watch])
    record_alerts(store, planned, [], at)
    if not planned:
        return []
    return [(c["kind"], c["fact"], c["old"], c["new"]) for c in changes_json(planned[0].draft)]


def replay_story(story: Story, store_url: str, *, noise: tuple[int, str] | None = None,
                 orders: dict[int, Sequence[int]] | None = None) -> list[list[Line]]:
    """Every crawl of the story in turn into a fresh store; `noise` adds one noise article to
    one crawl, `orders` permutes the pages of some crawls."""
    store = Store(store_url)
    try:
        return [replay(story, store, i,
                       extra=[noise[1]] if noise and noise[0] == i else (),
                       order=(orders or {}).get(i))
                for i in range(len(story.crawls))]
    finally:
        store.close()


def describe(lines: Sequence[Sequence[Line]]) -> str:
    out = io.StringIO()
    for i, alert in enumerate(lines, 1):
        out.write(f"crawl {i}: {sorted(alert, key=str) or 'no alert'}\n")
    return out.getvalue()
