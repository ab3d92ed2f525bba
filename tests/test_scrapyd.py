"""Scrapyd for real: deploy a clean clone, schedule `news`, then `monitor alert` sends.

A real Scrapyd server on a free port of 127.0.0.1, fed by the real `scrapyd-deploy` from a
`git clone` of this repository (what is committed, nothing else), crawling a local site.
The job only crawls and stores; `monitor alert` turns what it stored into alerts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.http_server import LocalServer, Route, rss_feed, serve, unused_port
from tests.support.receivers import JsonReceiver
from tests.support.story import STORY, XIAOMI_WATCH_TOML

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIRST = "Xiaomi San Francisco event: first seen (rumored)"
CONFIRMED = "Xiaomi San Francisco event: confirmed, speakers"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}


class Scrapyd:
    def __init__(self, folder: Path) -> None:
        self.port = unused_port()
        self.folder = folder
        folder.mkdir()
        (folder / "scrapyd.conf").write_text(
            f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {self.port}\n"
            f"eggs_dir = {folder / 'eggs'}\nlogs_dir = {folder / 'logs'}\n"
            f"dbs_dir = {folder / 'dbs'}\nitems_dir =\npoll_interval = 0.2\nmax_proc = 2\n",
            encoding="utf-8")
        self.log = folder / "scrapyd.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen([str(BIN / "scrapyd")], cwd=folder, env=_env(),
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.get("daemonstatus.json")
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"scrapyd did not start: {self.stderr()}") from None
                time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **query: str) -> dict[str, object]:
        address = self.url + path + ("?" + urllib.parse.urlencode(query) if query else "")
        with urllib.request.urlopen(address, timeout=10) as answer:
            return json.loads(answer.read())  # type: ignore[no-any-return]

    def post(self, path: str, fields: list[tuple[str, str]]) -> dict[str, object]:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(self.url + path, data=data, timeout=10) as answer:
            return json.loads(answer.read())  # type: ignore[no-any-return]

    def run_job(self, spider: str, settings: dict[str, str]) -> str:
        """Schedule a job, wait for it to end, return its log."""
        fields = [("project", "monitor"), ("spider", spider),
                  *(("setting", f"{k}={v}") for k, v in settings.items())]
        job = self.post("schedule.json", fields)
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 120
        while True:
            jobs = self.get("listjobs.json", project="monitor")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):  # type: ignore[attr-defined]
                break
            assert time.monotonic() < deadline, jobs
            time.sleep(0.2)
        log = self.folder / "logs" / "monitor" / spider / f"{job['jobid']}.log"
        return log.read_text(encoding="utf-8")

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[Scrapyd]:
    if shutil.which("git") is None:
        pytest.skip("git is needed to make a clean clone")
    server = Scrapyd(tmp_path / "scrapyd")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def site() -> Iterator[LocalServer]:
    with serve() as server:
        yield server


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=_env(), cwd=ROOT,
                          check=False)


def publish(site: LocalServer, *pages: tuple[str, str, str]) -> None:
    """(path, title, story page) items, newest first, in the site's feed."""
    for path, _, file in pages:
        site.routes[path] = Route((STORY / "pages" / file).read_bytes(), etag=f'"{path}"')
    site.routes["/feed.xml"] = Route(rss_feed([(t, site.url(p)) for p, t, _ in pages]),
                                     content_type="application/rss+xml")


def test_deploy_from_a_clean_clone_schedule_news_then_alert_once(
        tmp_path: Path, scrapyd: Scrapyd, site: LocalServer, webhook: JsonReceiver,
        postgres_url: str) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=60)
    with (clone / "scrapy.cfg").open("a", encoding="utf-8") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {scrapyd.url}\nproject = monitor\n")
    deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "test"], cwd=clone, env=_env(),
                              capture_output=True, text=True, timeout=180, check=False)
    assert deployed.returncode == 0, deployed.stderr + deployed.stdout
    assert scrapyd.get("listspiders.json", project="monitor")["spiders"] == ["news"]

    config = tmp_path / "monitor.toml"
    config.write_text(
        f'[store]\nurl = "{postgres_url}"\n\n[notify]\nurls = ["{webhook.url()}"]\n\n'
        '[crawl]\ndownload_delay = 0\nuser_agent_contact = "ops@example.com"\n\n'
        f'[[sources]]\nname = "local"\nfeed = "{site.url("/feed.xml")}"\n' + XIAOMI_WATCH_TOML,
        encoding="utf-8")
    rumour = ("/news/g1", "Xiaomi rumored to hold its first US event", "g1-rumour.html")
    confirmed = ("/news/g2", "Xiaomi confirms February 12 event", "g2-confirmed.html")

    publish(site, rumour)
    log = scrapyd.run_job("news", {"MONITOR_CONFIG": str(config)})
    assert "'item_scraped_count': 1" in log, log[-4000:]
    assert "Traceback" not in log, log[-4000:]
    # The job ran the egg's code: the migrations came out of the egg, not from a checkout.
    assert "migrations read from the package data" in log
    assert webhook.messages == []  # the job crawled and stored; it sends nothing
    first = monitor("alert", "--config", config)
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    assert [m["title"] for m in webhook.messages] == [FIRST]

    publish(site, confirmed, rumour)
    site.requests.clear()
    log = scrapyd.run_job("news", {"MONITOR_CONFIG": str(config)})
    assert "'item_scraped_count': 1" in log, log[-4000:]
    # The job's settings came from monitor.toml: the contact in the user agent, and the
    # validators stored by the first job, which make the known page a 304.
    agents = {seen.headers.get("user-agent") for seen in site.requests}
    assert agents == {"monitor/0.1.0 (news monitoring crawler; obeys robots.txt; "
                      "+ops@example.com)"}
    assert [s.headers.get("if-none-match") for s in site.requests if s.path == "/news/g1"] == [
        '"/news/g1"']
    for _ in range(2):
        assert monitor("alert", "--config", config).returncode == 0
    assert [m["title"] for m in webhook.messages] == [FIRST, CONFIRMED]
    status = json.loads(monitor("status", "--config", config, "--json").stdout)
    assert status["sources"]["local"]["ok"] and status["sources"]["local"]["last_run"]
