"""Delivery guarantees with injected failures: real SMTP and webhook receivers on 127.0.0.1.

Most tests drive the outbox in-process (record, then deliver run after run with a stepped
clock); the give-up and `alerts --retry` contract runs through the real CLI with MONITOR_NOW.
Each test asserts exactly what arrived at each receiver and how often.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alerting import DeliveryReport, RetryPolicy, deliver_pending, record_message
from monitor.notify.deliver import Target
from monitor.notify.render import render_notice
from monitor.notify.routing import build_targets
from monitor.store import Store
from monitor.store.records import DeliveryView
from tests.support.receivers import CLOSED_PORT_URL, JsonReceiver, SmtpReceiver
from tests.support.story import STORY_TOML, build_archive

# apprise loads its plugins lazily and one of them imports the stdlib imghdr module,
# deprecated since Python 3.11; harmless here and outside our code.
pytestmark = pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)




class Outbox:
    """The real outbox on a SQLite file, delivered run by run at times the test chooses."""

    def __init__(self, url: str, targets: Sequence[Target], policy: RetryPolicy) -> None:
        self.store = Store(url)
        self.targets = list(targets)
        self.policy = policy
        self.versions = 0

    def record(self, title: str, classes: Sequence[str] = ("status",), at: datetime = T0) -> int:
        self.versions += 1
        message = render_notice(title, [f"{title}: body"])
        return record_message(self.store, "watch", self.versions, message, {}, classes,
                              self.targets, at)

    def run(self, at: datetime) -> DeliveryReport:
        return deliver_pending(self.store, self.targets, io.StringIO(), self.policy,
                               clock=lambda: at)

    def delivery(self, alert_id: int, target: Target) -> DeliveryView:
        (view,) = [a for a in self.store.alerts() if a.id == alert_id]
        (found,) = [d for d in view.deliveries if d.target_key == target.key]
        return found


@pytest.fixture
def make_outbox(sqlite_url: str) -> Iterator[type[Outbox]]:
    opened: list[Outbox] = []

    class Opened(Outbox):
        def __init__(self, targets: Sequence[Target], policy: RetryPolicy) -> None:
            super().__init__(sqlite_url, targets, policy)
            opened.append(self)

    yield Opened  # type: ignore[misc]
    for outbox in opened:
        outbox.store.close()


def titles(receiver: JsonReceiver) -> list[str]:
    return [m["title"] for m in receiver.messages]


def test_closed_port_is_retried_while_the_working_target_gets_the_alert_once(
        make_outbox: type[Outbox], webhook: JsonReceiver) -> None:
    good, dead = build_targets([webhook.url(), CLOSED_PORT_URL])
    outbox = make_outbox([good, dead], RetryPolicy(retry_after=60, timeout=5))
    alert = outbox.record("alert one")

    report = outbox.run(T0)
    assert titles(webhook) == ["alert one"]
    assert [(a, t) for a, t, _ in report.failed] == [(alert, dead.display)]
    state = outbox.delivery(alert, dead)
    assert (state.state, state.attempts) == ("pending", 1)
    assert state.next_attempt_at == T0 + timedelta(seconds=60)
    assert state.last_error

    report = outbox.run(T0 + timedelta(seconds=61))
    assert titles(webhook) == ["alert one"]  # never re-sent to the target that took it
    assert outbox.delivery(alert, dead).attempts == 2
    assert outbox.delivery(alert, good).state == "delivered"


def test_smtp_4xx_then_success_arrives_once_after_the_backoff(
        make_outbox: type[Outbox], smtp: SmtpReceiver, webhook: JsonReceiver) -> None:
    smtp.fail_next(1, reply="451 4.3.0 mailbox busy, try later")
    mail, hook = build_targets([smtp.url(), webhook.url()])
    outbox = make_outbox([mail, hook], RetryPolicy(retry_after=60, timeout=5))
    alert = outbox.record("alert one")

    outbox.run(T0)
    assert (smtp.refused, len(smtp.messages), len(webhook.messages)) == (1, 0, 1)
    assert outbox.delivery(alert, mail).last_error == (
        'Sending email to "b@example.com" failed.; server said: 451 4.3.0 mailbox busy, '
        "try later")

    outbox.run(T0 + timedelta(seconds=30))  # before the retry time: nothing is tried
    assert (smtp.refused, len(smtp.messages), len(webhook.messages)) == (1, 0, 1)

    outbox.run(T0 + timedelta(seconds=60))
    assert (smtp.refused, len(smtp.messages), len(webhook.messages)) == (1, 1, 1)
    assert smtp.messages[0]["Subject"] == "alert one"

    outbox.run(T0 + timedelta(days=1))
    assert (smtp.refused, len(smtp.messages), len(webhook.messages)) == (1, 1, 1)


def test_smtp_5xx_is_given_up_after_max_attempts_with_exactly_one_ops_alert(
        make_outbox: type[Outbox], smtp: SmtpReceiver, webhook: JsonReceiver) -> None:
    smtp.fail_next(10, reply="554 5.7.1 relay denied")
    mail, ops = build_targets([smtp.url()], [(webhook.url("/ops"), ["ops"], False)])
    outbox = make_outbox([mail, ops], RetryPolicy(max_attempts=3, retry_after=60, timeout=5))
    alert = outbox.record("alert one", ("status", "details"))

    outbox.run(T0)
    outbox.run(T0 + timedelta(seconds=60))
    assert (smtp.refused, webhook.messages) == (2, [])
    report = outbox.run(T0 + timedelta(seconds=180))
    assert smtp.refused == 3
    assert [(a, t) for a, t, _ in report.given_up] == [(alert, mail.display)]
    assert outbox.delivery(alert, mail).state == "failed"
    # The ops channel hears in the same run, once, and is told what to do.
    (notice,) = webhook.messages
    assert notice["title"] == f"monitor: alert for watch could not be delivered to {mail.display}"
    assert "failed" in notice["message"] and "monitor alerts --retry" in notice["message"]

    for days in (1, 2, 30):  # a given-up delivery is not tried again on its own
        outbox.run(T0 + timedelta(days=days))
    assert (smtp.refused, len(smtp.messages), len(webhook.messages)) == (3, 0, 1)


def test_hanging_receiver_costs_the_timeout_then_is_retried(
        make_outbox: type[Outbox], webhook: JsonReceiver, smtp: SmtpReceiver) -> None:
    webhook.hang_next(1, seconds=10)
    hook, mail = build_targets([webhook.url(), smtp.url()])
    outbox = make_outbox([hook, mail], RetryPolicy(retry_after=60, timeout=1))
    alert = outbox.record("alert one")

    started = time.monotonic()
    report = outbox.run(T0)
    # Not a speed figure: a bound far below the 10 s hang shows the timeout cut it short.
    assert time.monotonic() - started < 7
    assert [(a, t) for a, t, _ in report.failed] == [(alert, hook.display)]
    assert outbox.delivery(alert, hook).last_error == "no answer within 1s"
    assert ([r.status for r in webhook.requests], len(smtp.messages)) == ([None], 1)

    outbox.run(T0 + timedelta(seconds=60))
    assert [r.status for r in webhook.requests] == [None, 200]
    assert (titles(webhook), len(smtp.messages)) == (["alert one"], 1)


def test_fails_twice_then_succeeds_with_doubling_backoff(
        make_outbox: type[Outbox], webhook: JsonReceiver, smtp: SmtpReceiver) -> None:
    webhook.fail_next(2)
    hook, mail = build_targets([webhook.url(), smtp.url()])
    outbox = make_outbox([hook, mail], RetryPolicy(retry_after=60, timeout=5))
    alert = outbox.record("alert one")
    # (minutes after T0, POSTs the webhook has seen by then): retries at +1 min, then +2 more
    steps = [(0, 1), (0.5, 1), (1, 2), (2.9, 2), (3, 3), (60 * 24, 3)]
    for minutes, posts in steps:
        outbox.run(T0 + timedelta(minutes=minutes))
        assert len(webhook.requests) == posts, minutes
        assert len(smtp.messages) == 1, minutes  # the other target is never re-sent
    assert [r.status for r in webhook.requests] == [500, 500, 200]
    assert titles(webhook) == ["alert one"]
    done = outbox.delivery(alert, hook)
    assert (done.state, done.attempts, done.delivered_at) == (
        "delivered", 3, T0 + timedelta(minutes=3))


def test_backoff_doubles_and_is_capped_at_six_hours() -> None:
    policy = RetryPolicy(retry_after=300)
    assert [policy.retry_at(n, T0) - T0 for n in (1, 2, 3)] == [
        timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert policy.retry_at(30, T0) - T0 == timedelta(hours=6)


def test_a_given_up_ops_alert_does_not_beget_another(
        make_outbox: type[Outbox], webhook: JsonReceiver) -> None:
    # The only target is dead, so the give-up notice (routed to it) fails too: one notice.
    (dead,) = build_targets([CLOSED_PORT_URL])
    outbox = make_outbox([dead], RetryPolicy(max_attempts=1, timeout=5))
    outbox.record("alert one")
    report = outbox.run(T0)
    assert len(report.given_up) == 2  # the alert, then its notice
    outbox.run(T0 + timedelta(days=1))
    watches = sorted(a.watch for a in outbox.store.alerts())
    assert watches == ["ops:delivery", "watch"]


# --- the same contract through the CLI ---------------------------------------------------




def monitor(*args: str | Path, now: datetime | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    if now is not None:
        env["MONITOR_NOW"] = now.isoformat()
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
                          check=False)


def test_cli_gives_up_tells_ops_once_and_alerts_retry_delivers_once(
        tmp_path: Path, smtp: SmtpReceiver, webhook: JsonReceiver) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "monitor.db"}"\n\n'
        f'[notify]\nurls = ["{smtp.url()}", "{webhook.url("/hook")}"]\n'
        "max_attempts = 2\nretry_after = 60\ntimeout = 5\n\n"
        f'[[notify.targets]]\nurl = "{webhook.url("/ops")}"\ntags = ["ops"]\n' + STORY_TOML,
        encoding="utf-8")
    crawl1 = build_archive("crawl1", tmp_path)
    crawl2 = build_archive("crawl2", tmp_path)
    webhook.fail_next(2)

    def posts(path: str) -> list[int | None]:
        return [r.status for r in webhook.requests if r.path == path]

    first = monitor("crawl", "--config", config, "--replay", crawl1, now=T0)
    assert first.returncode == 1 and "failed, will retry" in first.stderr
    assert (len(smtp.messages), posts("/hook"), posts("/ops")) == (1, [500], [])

    early = monitor("crawl", "--config", config, "--replay", crawl2, now=T0 + timedelta(seconds=59))
    assert "1 delivery(ies) waiting to retry" in early.stderr
    assert (len(smtp.messages), posts("/hook"), posts("/ops")) == (1, [500], [])

    late = monitor("crawl", "--config", config, "--replay", crawl2, now=T0 + timedelta(seconds=60))
    assert late.returncode == 1 and "given up after 2 attempts" in late.stderr
    assert (len(smtp.messages), posts("/hook"), posts("/ops")) == (1, [500, 500], [200])
    assert "could not be delivered" in webhook.requests[-1].body["title"]

    listed = json.loads(monitor("alerts", "--config", config, "--json").stdout)
    states = sorted((a["watch"], d["target"].split("?")[0].split("/")[-1], d["state"],
                     d["attempts"]) for a in listed for d in a["deliveries"])
    assert states == [("ops:delivery", "ops", "delivered", 1),
                      ("xiaomi-sf", "b%40example.com", "delivered", 1),
                      ("xiaomi-sf", "hook", "failed", 2)]

    retry = monitor("alerts", "--config", config, "--retry", "-v",
                    now=T0 + timedelta(days=2))
    assert retry.returncode == 0, retry.stderr
    assert "retrying 1 delivery(ies) now" in retry.stderr
    assert (len(smtp.messages), posts("/hook"), posts("/ops")) == (1, [500, 500, 200], [200])
    assert webhook.requests[-1].body["title"] == smtp.messages[0]["Subject"]

    assert monitor("alerts", "--config", config, "--retry").returncode == 0
    assert (len(smtp.messages), posts("/hook"), posts("/ops")) == (1, [500, 500, 200], [200])


def test_notify_test_reports_each_target(tmp_path: Path, webhook: JsonReceiver) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "monitor.db"}"\n\n'
        f'[notify]\nurls = ["{webhook.url()}"]\ntimeout = 5\n\n'
        f'[[notify.targets]]\nurl = "{CLOSED_PORT_URL}"\ntags = ["ops"]\n' + STORY_TOML,
        encoding="utf-8")
    result = monitor("notify", "--config", config, "--test")
    assert result.returncode == 1, result.stderr
    good, dead = result.stdout.splitlines()
    # Untagged targets take the usual two classes, and ops too only when no target has ops.
    assert good.startswith(f"json://127.0.0.1:{webhook.port}/hook"), good
    assert good.endswith(" [status,details]: ok"), good
    assert dead.startswith("json://127.0.0.1:9/hook") and " [ops]: FAILED: " in dead, dead
    assert [m["title"] for m in webhook.messages] == ["monitor: test message"]
