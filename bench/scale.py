"""Scale-out on scrapy-redis: one local site crawled by 1, 2 and 3 workers sharing a poll.

    python bench/scale.py [--pages 300] [--workers 1,2,3] [--delays 0,1]

For each delay and worker count: a fresh SQLite store, a new run id, the workers started
together (`scrapy crawl news` with the Redis URL and MONITOR_RUN_ID), then one
`monitor alert`. Prints the wall time of the crawl, the article fetches per page (1.00 means
no page fetched twice), each worker's share of the responses, the smallest and the mean gap
between two requests the site saw (the politeness the workers kept between them; the
smallest also shows how late a busy machine sends a request after taking its slot), the
Redis keys left, and the alerts received against those expected. One page of the site is
the story's first rumour, so one alert is expected per configuration. Needs Redis at
127.0.0.1:6379 (or $REDIS_URL).
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.http_server import LocalServer, Route, Seen, rss_feed, serve  # noqa: E402
from tests.support.receivers import JsonReceiver  # noqa: E402
from tests.support.story import STORY, XIAOMI_WATCH_TOML  # noqa: E402
from tests.support.workers import (  # noqa: E402
    article_html,
    finish_workers,
    responses,
    start_workers,
)

RUMOUR = "/news/rumour.html"


def build_site(server: LocalServer, pages: int) -> None:
    paths = [f"/news/{n}.html" for n in range(pages - 1)] + [RUMOUR]
    for n, path in enumerate(paths[:-1]):
        server.routes[path] = Route(article_html(n))
    server.routes[RUMOUR] = Route((STORY / "pages" / "g1-rumour.html").read_bytes())
    server.routes["/feed.xml"] = Route(rss_feed([(p, server.url(p)) for p in paths]),
                                       content_type="application/rss+xml")


def write_config(folder: Path, server: LocalServer, hook: str, delay: float,
                 redis_url: str) -> Path:
    path = folder / "monitor.toml"
    path.write_text(
        f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n[notify]\nurls = ["{hook}"]\n\n'
        f'[crawl]\ndownload_delay = {delay}\nredis_url = "{redis_url}"\n'
        # The whole site in one poll: above the default caps of 100 items and pages a run.
        f'max_feed_items = 10000\nmax_pages = 10000\ntime_budget = 3600\n\n'
        f'[[sources]]\nname = "local"\nfeed = "{server.url("/feed.xml")}"\n'
        + XIAOMI_WATCH_TOML, encoding="utf-8")
    return path


def one(pages: int, workers: int, delay: float, redis_url: str) -> dict[str, object]:
    import redis

    seen: list[tuple[float, Seen]] = []
    with tempfile.TemporaryDirectory() as tmp, serve() as server, JsonReceiver() as hook:
        build_site(server, pages)
        server.on_request = lambda s: seen.append((time.monotonic(), s))
        config = write_config(Path(tmp), server, hook.url(), delay, redis_url)
        run_id = f"bench-{uuid.uuid4().hex[:8]}"
        began = time.monotonic()
        results = finish_workers(start_workers(workers, config, run_id))
        wall = time.monotonic() - began
        failed = [log[-2000:] for code, log in results if code != 0]
        if failed:
            raise SystemExit(f"a worker failed:\n{failed[0]}")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        alert = subprocess.run([sys.executable, "-m", "monitor.cli", "alert", "--config",
                                str(config)], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=300, check=False)
        if alert.returncode != 0:
            raise SystemExit(f"monitor alert failed: {alert.stderr}")
        left = redis.Redis.from_url(redis_url).keys(f"monitor:{run_id}:*")
        articles = [(t, s) for t, s in seen if s.path.startswith("/news/")]
        times = sorted(t for t, _ in articles)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        return {
            "wall": wall,
            "per_page": len(articles) / pages,
            "distinct": len({s.path for _, s in articles}),
            "shares": [responses(log) for _, log in results],
            "min_gap": min(gaps) if gaps else 0.0,
            "mean_gap": (times[-1] - times[0]) / (len(times) - 1) if len(times) > 1 else 0.0,
            "keys_left": len(left),
            "alerts": len(hook.messages),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", default="1,2,3")
    parser.add_argument("--delays", default="0,1")
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    print(f"{args.pages} pages on one site; 1 alert expected per run")
    print(f"{'delay s':>7} {'workers':>7} {'wall s':>7} {'fetch/page':>10} {'pages':>5} "
          f"{'min gap s':>9} {'mean gap s':>10} {'keys left':>9} {'alerts':>6}  "
          "responses per worker")
    for delay in (float(d) for d in args.delays.split(",")):
        for workers in (int(w) for w in args.workers.split(",")):
            r = one(args.pages, workers, delay, redis_url)
            print(f"{delay:7g} {workers:7d} {r['wall']:7.1f} {r['per_page']:10.2f} "
                  f"{r['distinct']:5d} {r['min_gap']:9.3f} {r['mean_gap']:10.3f} "
                  f"{r['keys_left']:9d} "
                  f"{r['alerts']:>3}/1   {r['shares']}", flush=True)


if __name__ == "__main__":
    main()
