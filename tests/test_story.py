"""The February 2015 story, replayed crawl by crawl through the real CLI, engine and servers.

Each crawl is a `monitor crawl --replay` subprocess (the reactor starts once per process, as
it does under cron). Alerts travel through apprise to a real aiosmtpd server and a real
`json://` receiver, and the tests assert exactly what arrived.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.receivers import JsonReceiver, SmtpReceiver
from tests.support.story import CRAWLS, STORY_TOML, build_archive

ROOT = Path(__file__).resolve().parent.parent
G1_URL = ("https://www.gsmarena.com/"
          "xiaomi_rumored_to_hold_first_us_event_in_san_francisco-news-10843.php")


# What each crawl must announce: (change, fact, value) lines, and nothing else.
EXPECTED: dict[str, list[tuple[str, str | None, str]]] = {
    "crawl1": [("first_seen", None, "rumored"), ("new", "company", "Xiaomi"),
               ("new", "date", "2015-02-12"), ("new", "city", "San Francisco")],
    "crawl2": [],
    "crawl3": [("status", None, "confirmed"), ("new", "speaker", "Lin Bin"),
               ("new", "speaker", "Hugo Barra")],
    "crawl4": [("status", None, "happened"), ("new", "venue", "Fairmont San Francisco"),
               ("new", "product", "Mi Band"), ("new", "product", "Mi Headphones"),
               ("new", "product", "Mi Power Bank")],
    "crawl5": [],
}


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("warc")
    return {crawl: build_archive(crawl, folder) for crawl in CRAWLS}




def write_config(folder: Path, notify: Sequence[str]) -> Path:
    path = folder / "monitor.toml"
    urls = ", ".join(json.dumps(u) for u in notify)
    # No backoff: these runs follow each other within seconds, as if cron ran them hours apart.
    path.write_text(
        f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
        f"[notify]\nurls = [{urls}]\nretry_after = 0\n" + STORY_TOML,
        encoding="utf-8",
    )
    return path


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run(
        [sys.executable, "-m", "monitor.cli", *map(str, args)],
        capture_output=True, text=True, timeout=180, env=env, cwd=ROOT, check=False,
    )


def crawl(config: Path, *archives: Path, extra: Sequence[str] = ()) -> subprocess.CompletedProcess[
        str]:
    replay = [a for path in archives for a in ("--replay", str(path))]
    return monitor("crawl", "--config", config, *replay, *extra)


def alert_lines(config: Path) -> list[list[tuple[str, str | None, str]]]:
    """Every alert in the store, oldest first, as (change, fact, value) lines."""
    out = monitor("alerts", "--config", config, "--json")
    assert out.returncode == 0, out.stderr
    return [[(c["kind"], c["fact"], c["new"]) for c in a["changes"]]
            for a in json.loads(out.stdout)]


def test_story_alerts_once_per_real_move(tmp_path: Path, archives: dict[str, Path],
                                         smtp: SmtpReceiver, webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [smtp.url(), webhook.url()])
    sent = 0
    for name in CRAWLS:
        result = crawl(config, archives[name])
        assert result.returncode == 0, f"{name}: {result.stderr}"
        expected = EXPECTED[name]
        sent += bool(expected)
        assert len(smtp.messages) == sent, name
        assert len(webhook.messages) == sent, name
        if expected:
            assert alert_lines(config)[-1] == expected, name
            body = webhook.messages[-1]["message"]
            mail = smtp.messages[-1]
            for _, fact, value in expected:
                shown = "Thursday 12 February 2015" if fact == "date" else value
                assert shown in body, (name, value)
            assert mail["Subject"] == webhook.messages[-1]["title"]
    # The whole story again, into the same database: nothing new to say.
    for name in CRAWLS:
        assert crawl(config, archives[name]).returncode == 0
    assert (len(smtp.messages), len(webhook.messages)) == (3, 3)


def test_story_alert_texts_carry_evidence_and_links(tmp_path: Path, archives: dict[str, Path],
                                                     webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [webhook.url()])
    for name in ("crawl1", "crawl2", "crawl3"):
        assert crawl(config, archives[name]).returncode == 0
    first, confirmed = (m["message"] for m in webhook.messages)
    assert "rumored to be planning its first event in the United States" in first
    assert G1_URL in first
    assert "It's official: Xiaomi will hold its first event in the US this Thursday." in confirmed
    assert "Status: rumored -> confirmed" in confirmed
    assert "Lin Bin and Hugo Barra to host" in confirmed
    # Phone Arena's rumour and Vulcan Post's copy of it were corroboration, never news.
    assert "vulcanpost.com" not in confirmed


def test_all_archives_in_one_run_give_one_alert_with_everything(
        tmp_path: Path, archives: dict[str, Path], webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [webhook.url()])
    result = crawl(config, *archives.values())
    assert result.returncode == 0, result.stderr
    (lines,) = alert_lines(config)
    assert lines[0] == ("first_seen", None, "happened")
    facts = {(fact, value) for _, fact, value in lines[1:]}
    assert facts == {(fact, value) for lines_ in EXPECTED.values() for kind, fact, value in lines_
                     if fact is not None}
    assert len(webhook.messages) == 1
    assert crawl(config, *archives.values()).returncode == 0
    assert len(webhook.messages) == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_dead_target_keeps_alert_pending_then_delivers_once(
        tmp_path: Path, archives: dict[str, Path], smtp: SmtpReceiver) -> None:
    port = _free_port()
    hook = f"json://127.0.0.1:{port}/hook"
    config = write_config(tmp_path, [smtp.url(), hook])

    first = crawl(config, archives["crawl1"])
    assert first.returncode == 1
    assert "failed, will retry" in first.stderr
    assert len(smtp.messages) == 1

    with JsonReceiver(port=port) as webhook:
        second = crawl(config, archives["crawl2"])
        assert second.returncode == 0, second.stderr
        assert len(webhook.messages) == 1
        assert len(smtp.messages) == 1
        third = crawl(config, archives["crawl3"])
        assert third.returncode == 0
        assert (len(webhook.messages), len(smtp.messages)) == (2, 2)
    assert [m["title"] for m in webhook.messages] == [m["Subject"] for m in smtp.messages]


def test_dry_run_prints_and_marks_nothing(tmp_path: Path, archives: dict[str, Path],
                                          webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [webhook.url()])
    dry = crawl(config, archives["crawl1"], extra=["--dry-run"])
    assert dry.returncode == 0, dry.stderr
    assert "San Francisco" in dry.stdout and "1 alert(s) would be sent" in dry.stdout
    assert webhook.messages == []
    assert alert_lines(config) == []
    real = crawl(config, archives["crawl1"])
    assert real.returncode == 0
    assert len(webhook.messages) == 1


def test_story_on_postgresql_gives_the_same_alerts(tmp_path: Path, archives: dict[str, Path],
                                                   postgres_url: str,
                                                   webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, [webhook.url()])
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f'sqlite:///{tmp_path / "monitor.db"}', postgres_url),
                      encoding="utf-8")
    for name in CRAWLS:
        result = crawl(config, archives[name])
        assert result.returncode == 0, f"{name}: {result.stderr}"
    assert alert_lines(config) == [lines for lines in EXPECTED.values() if lines]
    assert len(webhook.messages) == 3
