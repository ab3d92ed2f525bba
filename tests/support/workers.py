"""A local news site of many pages, and scrapy-redis workers that crawl it (tests, bench).

Each page is a small article about a different company, so each stores as its own article
(no two bodies alike) and the watch reads nothing into them: the crawl is what is measured.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.support.http_server import LocalServer, Route, rss_feed

ROOT = Path(__file__).resolve().parent.parent.parent
WORDS = ("harbour", "copper", "lantern", "meadow", "quartz", "violet", "timber", "falcon",
         "saffron", "glacier", "orchid", "basalt", "cobalt", "juniper", "marble", "tundra")


def article_html(n: int) -> bytes:
    words = " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(40))
    title = f"Company {n} reports quarterly numbers"
    body = "".join(f"<p>Company {n} said on day {n % 28 + 1} that its {WORDS[(n + i) % 16]} "
                   f"division grew. {words} {n * 31 + i}.</p>" for i in range(4))
    return (f"<!doctype html><html lang=\"en\"><head><title>{title}</title>"
            f"<meta property=\"og:title\" content=\"{title}\">"
            f"<meta property=\"article:published_time\" content=\"2015-01-{n % 28 + 1:02d}"
            f"T10:00:00Z\"></head><body><article><h1>{title}</h1>{body}</article></body></html>"
            ).encode()


def fill_site(server: LocalServer, pages: range) -> None:
    """Serve articles `pages` (with ETags, for conditional GET) listed in /feed.xml."""
    for n in pages:
        server.routes[f"/news/{n}.html"] = Route(article_html(n), etag=f'"a{n}"')
    items = [(f"Company {n}", server.url(f"/news/{n}.html")) for n in reversed(pages)]
    server.routes["/feed.xml"] = Route(rss_feed(items), content_type="application/rss+xml")


def worker_config(folder: Path, store_url: str, site: LocalServer, delay: float,
                  redis_url: str) -> Path:
    path = folder / "monitor.toml"
    path.write_text(
        f'[store]\nurl = "{store_url}"\n\n[crawl]\ndownload_delay = {delay}\n'
        # The whole site in one poll: above the default caps of 100 items and pages a run.
        f'max_feed_items = 10000\nmax_pages = 10000\ntime_budget = 3600\n'
        f'redis_url = "{redis_url}"\n\n[[sources]]\nname = "local"\n'
        f'feed = "{site.url("/feed.xml")}"\n\n[[watches]]\nname = "w"\ncompany = "Xiaomi"\n',
        encoding="utf-8")
    return path


def start_workers(count: int, config: Path, run_id: str,
                  extra: Sequence[str] = ()) -> list[subprocess.Popen[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["MONITOR_CONFIG"] = str(config)
    env["MONITOR_RUN_ID"] = run_id
    return [subprocess.Popen(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-s", "LOG_LEVEL=INFO",
         # Every request in the test is local; AutoThrottle would only blur the figures.
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "MONITOR_REDIS_IDLE_TIMEOUT=60", *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(count)]


def finish_workers(workers: Sequence[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    """(exit status, log) of each worker, once all have ended."""
    done = []
    for worker in workers:
        _, err = worker.communicate(timeout=900)
        done.append((worker.returncode, err))
    return done


def responses(log: str) -> int:
    """Responses a worker received, from the stats Scrapy logs at the end (robots.txt too)."""
    found = re.search(r"'downloader/response_count': (\d+)", log)
    return int(found.group(1)) if found else 0
