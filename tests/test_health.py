"""Source health through the real CLI: one alert when a source keeps failing, then one on recovery.

Each run is `monitor crawl` in a subprocess. Most replay small WARC archives of a local news
source as it answered on that run (HTTP 503, an empty feed, pages without text, or all well),
which is the engine's real path at replay speed; one crawls a closed port for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.crawl.warc import write_warc
from tests.support.http_server import rss_feed
from tests.support.receivers import JsonReceiver
from tests.support.story import STORY

ROOT = Path(__file__).resolve().parent.parent
SITE = "http://news.test"
FEED = f"{SITE}/feed.xml"
RSS = {"Content-Type": "application/rss+xml"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
FAILING = "monitor: source local is failing"
RECOVERED = "monitor: source local has recovered"


@pytest.fixture
def webhook() -> Iterator[JsonReceiver]:
    with JsonReceiver() as receiver:
        yield receiver


@pytest.fixture
def archives(tmp_path: Path) -> dict[str, Path]:
    """How the source answered, one archive per kind of run."""
    page = (STORY / "pages" / "g1-rumour.html").read_bytes()
    listed = rss_feed([("Xiaomi rumored to hold its first US event", f"{SITE}/news/g1.html")])
    blank = rss_feed([("A page whose layout changed", f"{SITE}/news/blank.html")])
    runs = {
        "ok": [(FEED, 200, RSS, listed), (f"{SITE}/news/g1.html", 200, HTML, page)],
        "down": [(FEED, 503, {"Content-Type": "text/plain"}, b"Service Unavailable")],
        "empty": [(FEED, 200, RSS, rss_feed([]))],
        "blank": [(FEED, 200, RSS, blank),
                  (f"{SITE}/news/blank.html", 200, HTML, b"<html><body><div></div></body></html>")],
    }
    return {name: write_warc(tmp_path / f"{name}.warc.gz", records)
            for name, records in runs.items()}


def write_config(folder: Path, webhook: JsonReceiver, failures: int, feed: str = FEED) -> Path:
    path = folder / "monitor.toml"
    path.write_text(
        f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
        f"[health]\nfailures = {failures}\n\n[crawl]\ndownload_delay = 0\n\n"
        f'[[notify.targets]]\nurl = "{webhook.url("/news")}"\ntags = ["status", "details"]\n\n'
        f'[[notify.targets]]\nurl = "{webhook.url("/ops")}"\ntags = ["ops"]\n\n'
        f'[[sources]]\nname = "local"\nfeed = "{feed}"\n\n'
        '[[watches]]\nname = "xiaomi-sf"\ncompany = "Xiaomi"\ncity = "San Francisco"\n',
        encoding="utf-8")
    return path


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
                          check=False)


def crawl(config: Path, archive: Path | None = None) -> subprocess.CompletedProcess[str]:
    replay = ["--replay", archive] if archive else []
    return monitor("crawl", "--config", config, *replay)


def titles(webhook: JsonReceiver, path: str) -> list[str]:
    return [r.body["title"] for r in webhook.requests if r.path == path and r.status == 200]


def status(config: Path) -> tuple[str, dict[str, object]]:
    text = monitor("status", "--config", config)
    data = monitor("status", "--config", config, "--json")
    assert text.returncode == data.returncode == 0, text.stderr + data.stderr
    line = next(x for x in text.stdout.splitlines() if x.startswith("source local:"))
    return line, json.loads(data.stdout)["sources"]["local"]


def test_failing_three_runs_alerts_once_stays_quiet_then_recovers_once(
        tmp_path: Path, archives: dict[str, Path], webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, webhook, failures=3)
    for run in range(1, 6):
        result = crawl(config, archives["down"])
        assert result.returncode == 1 and "source local:" in result.stderr, run
        assert titles(webhook, "/ops") == ([] if run < 3 else [FAILING]), run
        if run == 3:
            (notice,) = [r.body for r in webhook.requests if r.path == "/ops"]
            assert "failed 3 runs in a row" in notice["message"]
            assert "HTTP 503" in notice["message"]
    line, data = status(config)
    assert line.startswith("source local: failing for 5 run(s):") and "503" in line
    assert (data["ok"], data["failing_runs"]) == (False, 5)
    assert "503" in str(data["problem"])

    assert crawl(config, archives["ok"]).returncode == 0
    assert titles(webhook, "/ops") == [FAILING, RECOVERED]
    # Health news goes to the ops target only; the watch's own alert to the other one.
    news = titles(webhook, "/news")
    assert len(news) == 1 and news[0].startswith("Xiaomi San Francisco event: first seen")
    line, data = status(config)
    assert line.startswith("source local: ok (last run ")
    assert (data["ok"], data["failing_runs"], data["problem"]) == (True, 0, None)


def test_a_feed_that_stops_listing_items_is_a_failure(
        tmp_path: Path, archives: dict[str, Path], webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, webhook, failures=1)
    assert crawl(config, archives["ok"]).returncode == 0
    assert titles(webhook, "/ops") == []
    assert crawl(config, archives["empty"]).returncode == 0  # no error, just nothing listed
    assert titles(webhook, "/ops") == [FAILING]
    (notice,) = [r.body for r in webhook.requests if r.path == "/ops"]
    assert "list no items any more" in notice["message"]
    assert crawl(config, archives["ok"]).returncode == 0
    assert titles(webhook, "/ops") == [FAILING, RECOVERED]


def test_pages_without_title_or_body_are_a_failure(
        tmp_path: Path, archives: dict[str, Path], webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, webhook, failures=1)
    blank = crawl(config, archives["blank"])
    assert "without title or body text" in blank.stderr
    assert titles(webhook, "/ops") == [FAILING]
    (notice,) = [r.body for r in webhook.requests if r.path == "/ops"]
    assert "1 of 1 page(s) had no title or body text" in notice["message"]
    assert crawl(config, archives["ok"]).returncode == 0
    assert titles(webhook, "/ops") == [FAILING, RECOVERED]


def test_a_source_at_a_closed_port_is_reported_on_the_ops_target(
        tmp_path: Path, webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, webhook, failures=1, feed="http://127.0.0.1:9/feed")
    result = crawl(config)
    assert result.returncode == 1
    assert "source local: http://127.0.0.1:9/feed: connection refused" in result.stderr
    assert titles(webhook, "/ops") == [FAILING]
    assert titles(webhook, "/news") == []
    line, data = status(config)
    assert line == "source local: failing for 1 run(s): " + str(data["problem"])
    assert "connection refused" in str(data["problem"])
