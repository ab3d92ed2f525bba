"""Many `monitor crawl` processes on one database: one run at a time, or safe together.

Real processes started at the same moment, on the real PostgreSQL server and on one SQLite
file, each replaying the same crawl of the story; alerts go to a real SMTP server and a real
webhook, which count what arrived. With --no-lock nothing but the delivery claims and the
per-watch planning lock stand between the processes and a duplicate.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.support.http_server import LocalServer, Route, Seen, rss_feed, serve
from tests.support.receivers import JsonReceiver, SmtpReceiver
from tests.support.story import STORY, STORY_TOML, XIAOMI_WATCH_TOML, build_archive

ROOT = Path(__file__).resolve().parent.parent
# Crawls of the story that bring news, and the number of alerts after each.
ALERTS_AFTER = {"crawl1": 1, "crawl3": 2, "crawl4": 3}


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("warc")
    return {crawl: build_archive(crawl, folder) for crawl in ALERTS_AFTER}


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}


def start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "monitor.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(), cwd=ROOT)


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    out, err = process.communicate(timeout=180)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def together(count: int, *args: str | Path) -> list[subprocess.CompletedProcess[str]]:
    """`count` processes of one command, all started before any is waited for."""
    return [finish(p) for p in [start(*args) for _ in range(count)]]


def write_config(folder: Path, store: str, urls: Sequence[str], tail: str = STORY_TOML) -> Path:
    path = folder / "monitor.toml"
    listed = ", ".join(json.dumps(u) for u in urls)
    path.write_text(f'[store]\nurl = "{store}"\n\n[notify]\nurls = [{listed}]\nretry_after = 0\n'
                    + tail, encoding="utf-8")
    return path


def arrived(smtp: SmtpReceiver, webhook: JsonReceiver) -> tuple[Counter[str], Counter[str]]:
    return (Counter(str(m["Subject"]) for m in smtp.messages),
            Counter(m["title"] for m in webhook.messages))


def versions(config: Path) -> list[tuple[str, int]]:
    listed = subprocess.run([sys.executable, "-m", "monitor.cli", "alerts", "--config",
                             str(config), "--json"], capture_output=True, text=True,
                            env=_env(), cwd=ROOT, timeout=60, check=True)
    return [(a["watch"], a["version"]) for a in json.loads(listed.stdout)]


def story_together(config: Path, archives: dict[str, Path], crawls: Sequence[str],
                   processes: int, smtp: SmtpReceiver, webhook: JsonReceiver) -> None:
    for name in crawls:
        results = together(processes, "crawl", "--no-lock", "--config", config,
                           "--replay", archives[name])
        for result in results:
            assert result.returncode == 0, f"{name}: {result.stderr}"
        mails, posts = arrived(smtp, webhook)
        # Each alert once to each target: as many distinct titles as alerts, none twice.
        assert sum(mails.values()) == len(mails) == ALERTS_AFTER[name], (name, mails)
        assert sum(posts.values()) == len(posts) == ALERTS_AFTER[name], (name, posts)
    # One change, one version: nothing split between the processes.
    count = ALERTS_AFTER[crawls[-1]]
    assert versions(config) == [("xiaomi-sf", v) for v in range(1, count + 1)]


def test_three_unlocked_crawls_on_postgresql_deliver_each_alert_once(
        tmp_path: Path, archives: dict[str, Path], postgres_url: str, smtp: SmtpReceiver,
        webhook: JsonReceiver) -> None:
    # Both targets take 0.5 s per message: the window in which a second sender used to step
    # in (each alert arrived up to 3 times), and the one that splits an alert in two.
    webhook.delay = 0.5
    smtp.before_accept = lambda: time.sleep(0.5)  # type: ignore[func-returns-value]
    config = write_config(tmp_path, postgres_url, [smtp.url(), webhook.url()])
    # The crawls that bring news (crawl2 and crawl5 bring none, which test_story covers);
    # each round is three processes at once, about 20 s on a busy machine.
    story_together(config, archives, ("crawl1", "crawl3", "crawl4"), 3, smtp, webhook)


def test_two_unlocked_crawls_on_sqlite_deliver_each_alert_once(
        tmp_path: Path, archives: dict[str, Path], smtp: SmtpReceiver,
        webhook: JsonReceiver) -> None:
    webhook.delay = 0.5
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'monitor.db'}",
                          [smtp.url(), webhook.url()])
    story_together(config, archives, ("crawl1", "crawl3"), 2, smtp, webhook)


# --- the run lock ----------------------------------------------------------------------


class GatedSite:
    """A one-article site whose feed is held until the test opens the gate: a run that is
    still going for as long as the test needs, whatever the machine's speed."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.gate = threading.Event()
        self.feed_asked = threading.Event()
        server.on_request = self._hold

    def _hold(self, seen: Seen) -> None:
        if seen.path == "/feed.xml":
            self.feed_asked.set()
            self.gate.wait(60)


@pytest.fixture
def slow_site() -> Iterator[GatedSite]:
    page = (STORY / "pages" / "g1-rumour.html").read_bytes()
    with serve() as server:
        server.routes["/feed.xml"] = Route(
            rss_feed([("Xiaomi rumored to hold its first US event", server.url("/news/g1"))]),
            content_type="application/rss+xml")
        server.routes["/news/g1"] = Route(page)
        site = GatedSite(server)
        try:
            yield site
        finally:
            site.gate.set()


def site_config(folder: Path, store: str, site: GatedSite, webhook: JsonReceiver) -> Path:
    source = f'[crawl]\ndownload_delay = 0\n\n[[sources]]\nname = "local"\n' \
             f'feed = "{site.server.url("/feed.xml")}"\n'
    return write_config(folder, store, [webhook.url()], source + XIAOMI_WATCH_TOML)


def test_a_second_overlapping_run_exits_3_at_once_or_waits_its_turn(
        tmp_path: Path, store_url: str, slow_site: GatedSite, webhook: JsonReceiver) -> None:
    config = site_config(tmp_path, store_url, slow_site, webhook)
    first = start("crawl", "--config", config)
    assert slow_site.feed_asked.wait(60)  # the first run holds the lock and is crawling
    second = finish(start("crawl", "--config", config))
    assert second.returncode == 3, second.stderr
    assert first.poll() is None  # it did not wait for the first run to end
    (line,) = second.stderr.splitlines()
    assert line.startswith("monitor: another run holds the lock on ")
    assert line.endswith("nothing done (exit status 3)")
    assert "since" in line  # who holds it: a pid or a PostgreSQL session, and since when
    assert second.stdout == ""
    waiting = start("crawl", "--config", config, "--wait", "60")
    slow_site.gate.set()
    assert finish(first).returncode == 0
    assert finish(waiting).returncode == 0
    assert slow_site.server.paths().count("/feed.xml") == 2  # the waiting one crawled after
    assert [m["title"] for m in webhook.messages] == [
        "Xiaomi San Francisco event: first seen (rumored)"]


def test_a_lock_left_by_a_killed_run_does_not_block_the_next(
        tmp_path: Path, store_url: str, slow_site: GatedSite, webhook: JsonReceiver) -> None:
    config = site_config(tmp_path, store_url, slow_site, webhook)
    killed = start("crawl", "--config", config)
    assert slow_site.feed_asked.wait(60)  # holding the lock, in the middle of its crawl
    os.kill(killed.pid, signal.SIGKILL)
    assert finish(killed).returncode == -signal.SIGKILL
    slow_site.gate.set()
    # No wait allowed: the lock must be free already, not expire some time later.
    follow = finish(start("crawl", "--config", config))
    assert follow.returncode == 0, follow.stderr
    assert len(webhook.messages) == 1
