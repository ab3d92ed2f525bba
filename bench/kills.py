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
                tries = 0
                # A kill drawn after the run's end kills nothing; draw again, a bounded number
                # of times, so each crawl gets its share of kills that really happened.
                while fired < kill_each * (CRAWLS.index(name) + 1) and tries < kill_each * 4:
                    tries += 1
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


_VOCABULARY = ("phone camera battery launch market price screen design chip sales review "
               "analyst store city stage crowd update version global plan tablet watch editor "
               "rumour leak series model budget premium flagship factory")
_WORDS = tuple(_VOCABULARY.split())


def page(n: int) -> bytes:
    # Distinct words per page: near-identical pages would be judged copies of each other,
    # and a copy's reading is never stored.
    rng = random.Random(n)
    filler = " ".join(" ".join(rng.choice(_WORDS) for _ in range(12)).capitalize() + "."
                      for _ in range(8))
    return (f"<html><head><title>Xiaomi event note {n}</title></head><body><article>"
            f"<h1>Xiaomi event note {n}</h1><p>Xiaomi will hold an event in San Francisco on "
            f"February 12, 2015, according to report number {n}. {filler}</p>"
            "</article></body></html>").encode()


def readings(db: Path) -> tuple[Counter[str], dict[str, tuple[object, ...]]]:
    """Article rows per page, and each page's reading (status and facts) per page number."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, url FROM articles").fetchall()
        found: dict[str, tuple[object, ...]] = {}
        for article_id, url in rows:
            reading = conn.execute(
                "SELECT r.watch, r.status, f.kind, f.value FROM reports r LEFT JOIN facts f ON "
                "f.report_id = r.id WHERE r.article_id = ? ORDER BY r.watch, f.position",
                (article_id,)).fetchall()
            found[url.rsplit("/", 1)[-1]] = tuple(reading)
    return Counter(url.rsplit("/", 1)[-1] for _, url in rows), found


def crawl(kills: int, pages: int, rng: random.Random, folder: Path) -> dict[str, int]:
    results = {}
    for name, kill_count in (("clean", 0), ("killed", kills)):
        work = folder / f"crawl-{name}"
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
            site._httpd.handle_error = lambda *_: None  # type: ignore[method-assign]  # resets
            fired = tries = 0
            while fired < kill_count and tries < kill_count * 4:
                tries += 1
                fired += run_and_kill(rng.uniform(0.5, 6.0), *args)
            run_to_end(*args)
        results[name] = (fired, *readings(work / "m.db"))
    _, _, clean = results["clean"]
    fired, rows, killed = results["killed"]
    wanted = {str(i) for i in range(pages)}
    return {"kills": fired, "pages": pages, "stored": len(set(rows) & wanted),
            "read (clean run)": sum(1 for p in wanted if clean.get(p)),
            "read (killed runs)": sum(1 for p in wanted if killed.get(p)),
            "lost (reading differs from the clean run)": sum(
                1 for p in wanted if killed.get(p) != clean.get(p)),
            "duplicate article rows": sum(n - 1 for n in rows.values() if n > 1)}


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
