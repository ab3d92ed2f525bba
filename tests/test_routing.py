"""Routing by tags (status, details, ops) and daily digests, delivered to real receivers.

Alerts of each class go through the real outbox and apprise to a webhook (one path per
target) and an SMTP server; each test counts what reached every target.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alerting import RetryPolicy, deliver_pending, record_message
from monitor.notify.deliver import Target
from monitor.notify.render import render_notice
from monitor.notify.routing import build_targets
from monitor.store import Store
from tests.support.receivers import JsonReceiver, SmtpReceiver
from tests.support.story import build_archive

# apprise loads its plugins lazily and one of them imports the stdlib imghdr module,
# deprecated since Python 3.11; harmless here and outside our code.
pytestmark = pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
DAY1 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
POLICY = RetryPolicy(retry_after=60, timeout=5)




@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    with Store(sqlite_url) as opened:
        yield opened


class Desk:
    """Records alerts of given classes and delivers them, as a crawl run does."""

    def __init__(self, store: Store, targets: Sequence[Target]) -> None:
        self.store = store
        self.targets = list(targets)
        self.version = 0

    def alert(self, title: str, classes: Sequence[str], at: datetime = DAY1) -> None:
        self.version += 1
        record_message(self.store, "watch", self.version,
                       render_notice(title, [f"what {title} says"]), {}, classes,
                       self.targets, at)
        self.deliver(at)

    def deliver(self, at: datetime) -> None:
        deliver_pending(self.store, self.targets, io.StringIO(), POLICY, clock=lambda: at)


def by_path(webhook: JsonReceiver) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for request in webhook.requests:
        if request.status == 200:
            found.setdefault(request.path, []).append(request.body["title"])
    return found


def test_each_class_reaches_the_targets_tagged_for_it_once(
        store: Store, webhook: JsonReceiver, smtp: SmtpReceiver) -> None:
    targets = build_targets([webhook.url("/all")], [
        (webhook.url("/status"), ["status"], False),
        (smtp.url(), ["details"], False),
        (webhook.url("/both"), ["status", "details"], False),
        (webhook.url("/ops"), ["ops"], False),
    ])
    desk = Desk(store, targets)
    desk.alert("confirmed", ["status"])
    desk.alert("new speaker", ["details"])
    desk.alert("postponed, new date", ["status", "details"])
    desk.alert("source failing", ["ops"])
    assert by_path(webhook) == {
        "/all": ["confirmed", "new speaker", "postponed, new date"],
        "/status": ["confirmed", "postponed, new date"],
        "/both": ["confirmed", "new speaker", "postponed, new date"],
        "/ops": ["source failing"],
    }
    assert [m["Subject"] for m in smtp.messages] == ["new speaker", "postponed, new date"]
    arrived = by_path(webhook)
    desk.deliver(DAY1 + timedelta(days=1))  # nothing is owed twice
    assert by_path(webhook) == arrived and len(smtp.messages) == 2


def test_ops_goes_to_untagged_targets_when_none_is_tagged_ops(
        store: Store, webhook: JsonReceiver) -> None:
    targets = build_targets([webhook.url("/all")], [
        (webhook.url("/status"), ["status"], False),
        (webhook.url("/details"), ["details"], False),
    ])
    Desk(store, targets).alert("source failing", ["ops"])
    assert by_path(webhook) == {"/all": ["source failing"]}


def test_one_url_named_twice_is_one_target_taking_both_tags_once(
        store: Store, webhook: JsonReceiver) -> None:
    targets = build_targets([], [(webhook.url("/one"), ["status"], False),
                                 (webhook.url("/one"), ["details"], False),
                                 (webhook.url("/ops"), ["ops"], False)])
    assert [sorted(t.tags) for t in targets] == [["details", "status"], ["ops"]]
    desk = Desk(store, targets)
    desk.alert("both", ["status", "details"])
    desk.alert("details only", ["details"])
    assert by_path(webhook) == {"/one": ["both", "details only"]}


APPRISE_YAML = """\
version: 1
urls:
  - {status}:
      tag: status
  - {details}:
      tag: details
  - {ops}:
      tag: ops
"""


def test_apprise_yaml_tags_route_like_the_toml_ones(
        store: Store, tmp_path: Path, webhook: JsonReceiver, smtp: SmtpReceiver) -> None:
    path = tmp_path / "apprise.yml"
    path.write_text(APPRISE_YAML.format(status=webhook.url("/status"), details=smtp.url(),
                                        ops=webhook.url("/ops")), encoding="utf-8")
    targets = build_targets([], apprise_config=path)
    assert sorted(tuple(t.tags) for t in targets) == [("details",), ("ops",), ("status",)]
    desk = Desk(store, targets)
    desk.alert("confirmed", ["status"])
    desk.alert("new venue", ["details"])
    desk.alert("source failing", ["ops"])
    assert by_path(webhook) == {"/status": ["confirmed"], "/ops": ["source failing"]}
    assert [m["Subject"] for m in smtp.messages] == ["new venue"]


def test_cli_reads_an_apprise_file_beside_the_config(
        tmp_path: Path, webhook: JsonReceiver, smtp: SmtpReceiver) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "apprise.yml").write_text(APPRISE_YAML.format(
        status=webhook.url("/status"), details=smtp.url(), ops=webhook.url("/ops")),
        encoding="utf-8")
    config = tmp_path / "conf" / "monitor.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "monitor.db"}"\n\n'
        '[notify]\nconfig = "apprise.yml"\n\n'
        '[[sources]]\nname = "gsmarena"\n\n'
        '[[watches]]\nname = "xiaomi-sf"\ncompany = "Xiaomi"\ncity = "San Francisco"\n',
        encoding="utf-8")
    archive = build_archive("crawl1", tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    # Run from elsewhere: the apprise file is found next to the config, not in the cwd.
    result = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "crawl", "--config", str(config),
         "--replay", str(archive)],
        capture_output=True, text=True, timeout=120, env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    # A first sighting is status news and brings its facts: both targets, not ops.
    (status,) = by_path(webhook)["/status"]
    assert status.startswith("Xiaomi San Francisco event: first seen")
    assert [m["Subject"] for m in smtp.messages] == [status]
    assert "/ops" not in by_path(webhook)


# --- daily digests -------------------------------------------------------------------------


def test_digest_holds_details_and_sends_one_message_next_day(
        store: Store, webhook: JsonReceiver) -> None:
    targets = build_targets([], [(webhook.url("/digest"), [], True),
                                 (webhook.url("/status"), ["status"], False)])
    desk = Desk(store, targets)
    desk.alert("new speaker", ["details"], DAY1)
    desk.alert("new venue", ["details"], DAY1 + timedelta(hours=3))
    desk.alert("confirmed", ["status", "details"], DAY1 + timedelta(hours=5))
    desk.deliver(DAY1.replace(hour=23, minute=59))
    # Status news is never held; details wait for the day to end.
    assert by_path(webhook) == {"/digest": ["confirmed"], "/status": ["confirmed"]}

    desk.deliver(DAY1 + timedelta(days=1, hours=-8, minutes=5))  # 00:05 next UTC day
    digest = [r.body for r in webhook.requests if r.path == "/digest"][-1]
    assert by_path(webhook)["/digest"] == ["confirmed", "monitor digest: 2 alert(s)"]
    for held in ("new speaker", "new venue"):
        assert held in digest["message"] and f"what {held} says" in digest["message"]
    assert "confirmed" not in digest["message"]

    desk.alert("new product", ["details"], DAY1 + timedelta(days=1, hours=2))
    desk.deliver(DAY1 + timedelta(days=1, hours=14))
    assert len(by_path(webhook)["/digest"]) == 2  # today's detail waits for tomorrow
    desk.deliver(DAY1 + timedelta(days=2))
    assert by_path(webhook)["/digest"][2:] == ["monitor digest: 1 alert(s)"]
    assert by_path(webhook)["/status"] == ["confirmed"]


def test_a_failed_digest_is_retried_as_one_digest(store: Store, webhook: JsonReceiver) -> None:
    targets = build_targets([], [(webhook.url("/digest"), [], True)])
    desk = Desk(store, targets)
    desk.alert("new speaker", ["details"], DAY1)
    desk.alert("new venue", ["details"], DAY1)
    webhook.fail_next(1)
    day2 = DAY1 + timedelta(days=1)
    desk.deliver(day2)
    assert by_path(webhook) == {}
    desk.deliver(day2 + timedelta(seconds=30))  # backoff: not yet
    assert len(webhook.requests) == 1
    desk.deliver(day2 + timedelta(seconds=60))
    desk.deliver(day2 + timedelta(days=1))
    assert by_path(webhook) == {"/digest": ["monitor digest: 2 alert(s)"]}
