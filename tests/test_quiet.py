"""Quiet cron: a run with nothing new and nothing failing prints nothing at all.

cron mails whatever a job prints, so every line must be worth a mail: errors always,
warnings unless -q, the summary only with -v. -q and -v work before or after the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.receivers import CLOSED_PORT_URL, JsonReceiver
from tests.support.story import STORY_TOML, build_archive

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("warc")
    return {crawl: build_archive(crawl, folder) for crawl in ("crawl1", "crawl2")}


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
                          check=False)


def write_config(folder: Path, urls: list[str], retry_after: int = 0) -> Path:
    path = folder / "monitor.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
                    f"[notify]\nurls = {json.dumps(urls)}\nretry_after = {retry_after}\n"
                    + STORY_TOML, encoding="utf-8")
    return path


def test_nothing_new_and_nothing_failing_prints_nothing(
        tmp_path: Path, archives: dict[str, Path], webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [webhook.url()])
    news = monitor("crawl", "--config", config, "--replay", archives["crawl1"])
    # The news went to the webhook; nothing failed: nothing for cron to mail.
    assert (news.returncode, news.stdout, news.stderr) == (0, "", "")
    assert len(webhook.messages) == 1
    quiet = monitor("crawl", "--config", config, "--replay", archives["crawl2"])
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    alert = monitor("alert", "--config", config)
    assert (alert.returncode, alert.stdout, alert.stderr) == (0, "", "")

    told = monitor("crawl", "-v", "--config", config, "--replay", archives["crawl2"])
    assert told.returncode == 0, told.stderr
    # Replayed pages are pages fetched (the archive has no validators to send).
    assert told.stderr == ("crawled 3 source(s), 5 page(s); 0 source(s) failed; "
                           "0 new alert(s); alerts: 0 delivered, 0 failed, 0 given up\n")
    assert told.stdout == ""
    assert len(webhook.messages) == 1


def test_failures_are_printed_and_q_keeps_only_errors(
        tmp_path: Path, archives: dict[str, Path]) -> None:
    config = write_config(tmp_path, [CLOSED_PORT_URL], retry_after=3600)
    failed = monitor("crawl", "-q", "--config", config, "--replay", archives["crawl1"])
    assert failed.returncode == 1
    (line,) = failed.stderr.splitlines()
    assert line.startswith("alert 1: delivery to json://127.0.0.1:9/hook")
    assert "failed, will retry" in line
    # Next run: the retry is not due yet, which is worth a warning, but not under -q.
    waiting = monitor("crawl", "--config", config, "--replay", archives["crawl2"])
    assert (waiting.returncode, waiting.stderr) == (0, "1 delivery(ies) waiting to retry "
                                                       "after a failure\n")
    quiet = monitor("-q", "crawl", "--config", config, "--replay", archives["crawl2"])
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
