"""SIGKILL the real CLI at random moments, let it finish, and count alerts and readings lost.

Two scenarios, each on a fresh SQLite database, with a real SMTP server and webhook:
- story: the five story crawls (replayed WARCs); each crawl is killed KILLS/5 times at a
  random moment of its run, then run to its end; the alerts received are compared with a
  clean run's. A duplicate is "in the window" when the killed run had a message accepted by
  a receiver that the database had not recorded as delivered (the documented window).
- crawl: a local site with a feed of PAGES article pages (ETags on, so any validator stored
  too early would hide a page); killed KILLS times at random moments, then run to its end;
  every page must be stored once, with its reading.

Usage: python bench/kills.py [--kills 100] [--pages 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.http_server import Route, rss_feed, serve  # noqa: E402
from tests.support.receivers import JsonReceiver, SmtpReceiver  # noqa: E402
from tests.support.story import CRAWLS, STORY_TOML, XIAOMI_WATCH_TOML, build_archive  # noqa: E402


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "monitor.cli", *map(str, args)]


def run_to_end(*args: str | Path) -> float:
    start = time.monotonic()
    subprocess.run(_cli(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=_env(), cwd=ROOT, timeout=600, check=False)
    return time.monotonic() - start


def run_and_kill(after: float, *args: str | Path) -> bool:
    """Start the CLI and SIGKILL it after `after` seconds; False if it had already ended."""
    process = subprocess.Popen(_cli(*args), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    try:
        process.wait(timeout=after)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def delivered(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute(
                "SELECT count(*) FROM deliveries WHERE state = 'delivered'").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def story(kills: int, rng: random.Random, folder: Path) -> dict[str, int]:
    archives = {name: build_archive(name, folder) for name in CRAWLS}

    def scenario(sub: str, kill_each: int) -> tuple[Counter[str], int, int]:
        work = folder / sub
        work.mkdir()
        with SmtpReceiver() as smtp, JsonReceiver() as hook:
            config = work / "monitor.toml"
            config.write_text(f'[store]\nurl = "sqlite:///{work / "m.db"}"\n\n'
                              f'[notify]\nurls = ["{smtp.url()}", "{hook.url()}"]\n'
                              "retry_after = 0\ntimeout = 5\n\n" + STORY_TOML, encoding="utf-8")
            window = fired = 0
            for name in CRAWLS:
                args = ("crawl", "--config", config, "--replay", archives[name])
                for _ in range(kill_each):
                    before = (len(smtp.messages) + len(hook.messages), delivered(work / "m.db"))
                    if run_and_kill(rng.uniform(0.3, durations.get(name, 4.0)), *args):
                        fired += 1
                        received = len(smtp.messages) + len(hook.messages) - before[0]
                        recorded = delivered(work / "m.db") - before[1]
                        window += max(received - recorded, 0)
                durations.setdefault(name, run_to_end(*args))
                if kill_each == 0:
                    durations[name] = max(durations[name], 0.5)
            got = Counter(f"mail:{m['Subject']}" for m in smtp.messages)
            got.update(f"hook:{m['title']}" for m in hook.messages)
            return got, window, fired

    durations: dict[str, float] = {}
    expected, _, _ = scenario("clean", 0)
    got, window, fired = scenario("killed", max(kills // len(CRAWLS), 1))
    lost = sum((expected - got).values())
    duplicates = sum((got - expected).values())
    return {"kills": fired, "alerts expected": sum(expected.values()),
            "received": sum(got.values()), "lost": lost, "duplicates": duplicates,
            "duplicates in the window": min(window, duplicates),
            "duplicates outside the window": max(duplicates - window, 0)}


def page(n: int) -> bytes:
    day = 1 + n % 27
    return (f"<html><head><title>Xiaomi event note {n}</title></head><body><article>"
            f"<h1>Xiaomi event note {n}</h1><p>Xiaomi will hold an event in San Francisco on "
            f"February {day}, 2015, according to report number {n}. "
            + "Other words fill the page so that it reads as an article. " * 8
            + "</p></article></body></html>").encode()


def crawl(kills: int, pages: int, rng: random.Random, folder: Path) -> dict[str, int]:
    work = folder / "crawl"
    work.mkdir()
    with serve() as site:
        site.routes["/feed"] = Route(
            rss_feed([(f"n{i}", site.url(f"/a/{i}")) for i in range(pages)]),
            content_type="application/rss+xml", etag='"feed"')
        for i in range(pages):
            site.routes[f"/a/{i}"] = Route(page(i), etag=f'"a{i}"')
        config = work / "monitor.toml"
        config.write_text(f'[store]\nurl = "sqlite:///{work / "m.db"}"\n\n'
                          f"[crawl]\ndownload_delay = 0\nmax_pages = {pages}\n"
                          f"max_feed_items = {pages}\n\n"
                          f'[[sources]]\nname = "local"\nfeed = "{site.url("/feed")}"\n'
                          + XIAOMI_WATCH_TOML, encoding="utf-8")
        args = ("crawl", "--config", config)
        fired = sum(run_and_kill(rng.uniform(0.5, 6.0), *args) for _ in range(kills))
        run_to_end(*args)
        run_to_end(*args)  # what a kill left for "next run" is fetched by the next run
    with sqlite3.connect(work / "m.db") as conn:
        rows = conn.execute("SELECT url, (SELECT count(*) FROM reports r WHERE "
                            "r.article_id = a.id) FROM articles a").fetchall()
    urls = Counter(url.rsplit("/", 1)[-1] for url, _ in rows)
    read = {url.rsplit("/", 1)[-1] for url, n in rows if n}
    wanted = {str(i) for i in range(pages)}
    return {"kills": fired, "pages": pages, "stored": len(set(urls) & wanted),
            "with reading": len(read & wanted), "lost": len(wanted - read),
            "duplicates": sum(n - 1 for n in urls.values() if n > 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("story", "crawl"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kills-") as tmp:
        folder = Path(tmp)
        results = {}
        if args.only in (None, "story"):
            results["story"] = story(args.kills, rng, folder)
            print(json.dumps({"story": results["story"]}), flush=True)
        if args.only in (None, "crawl"):
            results["crawl"] = crawl(args.kills, args.pages, rng, folder)
            print(json.dumps({"crawl": results["crawl"]}), flush=True)
    for name, figures in results.items():
        print(f"\n{name}")
        for key, value in figures.items():
            print(f"  {key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
