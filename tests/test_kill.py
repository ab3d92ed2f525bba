"""SIGKILL the real `monitor crawl` at chosen points, run it again, and count what arrived.

The receivers kill the sender themselves, at the exact moment under test: the local site when
an article is requested (mid-crawl), the SMTP server when a message arrives (before accepting
it), the webhook after recording a POST and before answering it. The guarantee: no alert is
ever lost, and the only duplicate comes from that last window, between a target accepting a
message and the store recording it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.support.http_server import LocalServer, Route, Seen, rss_feed, serve
from tests.support.receivers import JsonReceiver, SmtpReceiver, WebhookRequest
from tests.support.story import SOURCES_TOML, STORY, XIAOMI_WATCH_TOML, build_archive

ROOT = Path(__file__).resolve().parent.parent
FIRST = "Xiaomi San Francisco event: first seen (rumored)"


class Killer:
    """SIGKILLs the CLI process once, from whichever receiver thread calls it first."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.started = threading.Event()
        self.fired = threading.Event()
        self._lock = threading.Lock()

    def kill(self) -> None:
        self.started.wait(30)  # the hook can only fire after Popen returned, but be sure
        with self._lock:
            if self.process is None or self.fired.is_set():
                return
            self.fired.set()
            os.kill(self.process.pid, signal.SIGKILL)

    def on_article(self, seen: Seen) -> None:
        if seen.path.startswith("/news/"):
            self.kill()

    def refuse_mail(self) -> str:
        self.kill()
        return "451 4.3.0 the test killed the sender"

    def after_post(self, _request: WebhookRequest) -> None:
        self.kill()

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        """Run the CLI to its end or its death; the caller asserts which it was."""
        process = subprocess.Popen([sys.executable, "-m", "monitor.cli", *map(str, args)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=_env(), cwd=ROOT)
        self.process = process
        self.started.set()
        out, err = process.communicate(timeout=120)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT,
                          check=False)


def write_config(folder: Path, urls: Sequence[str], sources: str, crawl: str = "") -> Path:
    path = folder / "monitor.toml"
    listed = ", ".join(json.dumps(u) for u in urls)
    # No backoff: the follow-up run comes right after the kill, as the next cron run would.
    path.write_text(f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
                    f"[notify]\nurls = [{listed}]\nretry_after = 0\ntimeout = 5\n\n"
                    f"{crawl}{sources}{XIAOMI_WATCH_TOML}", encoding="utf-8")
    return path


def deliveries(config: Path) -> list[tuple[str, str, str]]:
    """(alert title, target scheme, state) for every delivery in the store."""
    out = monitor("alerts", "--config", config, "--json")
    assert out.returncode == 0, out.stderr
    return sorted((a["title"], d["target"].split(":")[0], d["state"])
                  for a in json.loads(out.stdout) for d in a["deliveries"])


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("warc")
    return {crawl: build_archive(crawl, folder) for crawl in ("crawl1", "crawl2")}




def arrived(smtp: SmtpReceiver, webhook: JsonReceiver) -> tuple[list[str], list[str]]:
    return [str(m["Subject"]) for m in smtp.messages], [m["title"] for m in webhook.messages]


@pytest.fixture
def site() -> Iterator[LocalServer]:
    page = (STORY / "pages" / "g1-rumour.html").read_bytes()
    with serve() as server:
        server.routes["/feed.xml"] = Route(
            rss_feed([("Xiaomi rumored to hold its first US event", server.url("/news/g1.html"))]),
            content_type="application/rss+xml")
        server.routes["/news/g1.html"] = Route(page)
        yield server


def test_a_killed_during_the_crawl_nothing_recorded_then_everything_once(
        tmp_path: Path, site: LocalServer, smtp: SmtpReceiver, webhook: JsonReceiver) -> None:
    source = f'[[sources]]\nname = "local"\nfeed = "{site.url("/feed.xml")}"\n'
    config = write_config(tmp_path, [smtp.url(), webhook.url()], source,
                          crawl="[crawl]\ndownload_delay = 0\n\n")
    killer = Killer()
    site.on_request = killer.on_article
    killed = killer.run("crawl", "--config", config)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert arrived(smtp, webhook) == ([], [])
    assert deliveries(config) == []

    site.on_request = None
    follow = monitor("crawl", "--config", config)
    assert follow.returncode == 0, follow.stderr
    assert arrived(smtp, webhook) == ([FIRST], [FIRST])
    assert site.paths().count("/news/g1.html") == 2


def test_b_killed_after_recording_before_delivery_then_everything_once(
        tmp_path: Path, archives: dict[str, Path], smtp: SmtpReceiver,
        webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [smtp.url(), webhook.url()], SOURCES_TOML)
    killer = Killer()
    smtp.before_accept = killer.refuse_mail
    killed = killer.run("crawl", "--config", config, "--replay", archives["crawl1"])
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert arrived(smtp, webhook) == ([], [])
    # The alert was in the outbox before the first send began.
    assert deliveries(config) == [(FIRST, "json", "pending"), (FIRST, "mailto", "pending")]

    smtp.before_accept = None
    follow = monitor("crawl", "--config", config, "--replay", archives["crawl2"])
    assert follow.returncode == 0, follow.stderr
    assert arrived(smtp, webhook) == ([FIRST], [FIRST])
    assert smtp.refused == 1


def test_c_killed_between_acceptance_and_commit_gives_exactly_one_duplicate(
        tmp_path: Path, archives: dict[str, Path], smtp: SmtpReceiver,
        webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [smtp.url(), webhook.url()], SOURCES_TOML)
    killer = Killer()
    webhook.after_record = killer.after_post
    killed = killer.run("crawl", "--config", config, "--replay", archives["crawl1"])
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert arrived(smtp, webhook) == ([FIRST], [FIRST])
    assert deliveries(config) == [(FIRST, "json", "pending"), (FIRST, "mailto", "delivered")]

    webhook.after_record = None
    follow = monitor("crawl", "--config", config, "--replay", archives["crawl2"])
    assert follow.returncode == 0, follow.stderr
    # The documented window: the webhook took it, the store never heard, so it goes again.
    assert arrived(smtp, webhook) == ([FIRST], [FIRST, FIRST])
    assert webhook.messages[0] == webhook.messages[1]
    assert deliveries(config) == [(FIRST, "json", "delivered"), (FIRST, "mailto", "delivered")]


def test_d_killed_after_a_delivery_was_recorded_gives_no_duplicate(
        tmp_path: Path, archives: dict[str, Path], smtp: SmtpReceiver,
        webhook: JsonReceiver) -> None:
    # The webhook comes first: its delivery is committed before the mail is even tried.
    config = write_config(tmp_path, [webhook.url(), smtp.url()], SOURCES_TOML)
    killer = Killer()
    smtp.before_accept = killer.refuse_mail
    killed = killer.run("crawl", "--config", config, "--replay", archives["crawl1"])
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert arrived(smtp, webhook) == ([], [FIRST])
    assert deliveries(config) == [(FIRST, "json", "delivered"), (FIRST, "mailto", "pending")]

    smtp.before_accept = None
    follow = monitor("crawl", "--config", config, "--replay", archives["crawl2"])
    assert follow.returncode == 0, follow.stderr
    assert arrived(smtp, webhook) == ([FIRST], [FIRST])
    assert deliveries(config) == [(FIRST, "json", "delivered"), (FIRST, "mailto", "delivered")]
