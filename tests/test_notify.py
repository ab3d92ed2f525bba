"""Delivery through apprise to real receivers on 127.0.0.1: what arrives, how often, failures."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from datetime import date

import pytest

from monitor.model import AlertDraft, Change, ChangeKind, Evidence, FactKind, Status, Watch
from monitor.notify import (
    Message,
    NotifyConfigError,
    print_message,
    render,
    send,
    target_key,
    targets_from_urls,
)
from tests.conftest import ROOT
from tests.support.receivers import CLOSED_PORT_URL, JsonReceiver, SilentServer, SmtpReceiver

# apprise loads its plugins lazily and one of them imports the stdlib imghdr module,
# deprecated since Python 3.11; harmless here and outside our code.
pytestmark = pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")

DRAFT = AlertDraft(
    watch=Watch("xiaomi-sf", "Xiaomi", (), "San Francisco", date(2015, 2, 12)),
    version=2,
    status=Status.CONFIRMED,
    changes=(
        Change(
            ChangeKind.STATUS,
            "confirmed",
            old="rumored",
            evidence=(
                Evidence(
                    "A Xiaomi spokesperson confirmed the press event <script>x</script>.",
                    "https://vulcanpost.com/xiaomi-sf/",
                    "vulcanpost.com",
                    "Xiaomi **confirms** SF event",
                ),
            ),
        ),
        Change(ChangeKind.NEW, "Hugo Barra", FactKind.SPEAKER),
    ),
)
MESSAGE = render(DRAFT)




def test_email_arrives_once_with_html_and_text_parts(smtp: SmtpReceiver) -> None:
    [target] = targets_from_urls([smtp.url()])
    results = send(MESSAGE, [target])

    assert list(results) == [target.key]
    assert results[target.key].ok, results[target.key].error
    assert results[target.key].body_format == "html"
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["Subject"] == "Xiaomi San Francisco event: confirmed, speaker"
    assert mail["From"] == "a@example.com"
    assert mail["To"] == "b@example.com"
    assert smtp.envelopes == [("a@example.com", ["b@example.com"])]
    assert mail.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mail.iter_parts()] == ["text/plain", "text/html"]
    assert mail.get_body(("html",)).get_content().replace("\r\n", "\n") == MESSAGE.html
    # apprise derives the text part from the HTML; its shape is why the HTML keeps URLs visible.
    assert mail.get_body(("plain",)).get_content().replace("\r\n", "\n") == "\n".join(
        [
            "Watch: xiaomi-sf (Xiaomi, San Francisco, Thursday 12 February 2015)",
            "Status now: confirmed",
            "---",
            "Status: rumored → confirmed",
            ">“A Xiaomi spokesperson confirmed the press event <script>x</script>.”",
            "Sources: 1 independent source",
            "",
            "- vulcanpost.com: Xiaomi **confirms** SF event https://vulcanpost.com/xiaomi-sf/",
            "---",
            "New speaker: Hugo Barra",
        ]
    )


def test_json_arrives_once_as_plain_text(webhook: JsonReceiver) -> None:
    [target] = targets_from_urls([webhook.url("/alerts")])
    results = send(MESSAGE, [target])

    assert results[target.key].ok, results[target.key].error
    assert results[target.key].body_format == "text"
    assert [r.path for r in webhook.requests] == ["/alerts"]
    [payload] = webhook.messages
    assert payload["title"] == MESSAGE.title
    assert payload["message"] == MESSAGE.text
    assert payload["type"] == "info"


def test_json_format_option_selects_markdown(webhook: JsonReceiver) -> None:
    [target] = targets_from_urls([webhook.url() + "?format=markdown"])
    results = send(MESSAGE, [target])

    assert results[target.key].body_format == "markdown"
    assert [p["message"] for p in webhook.messages] == [MESSAGE.markdown]


def test_closed_port_fails_while_the_other_target_succeeds(
    smtp: SmtpReceiver, webhook: JsonReceiver
) -> None:
    dead, mail, hook = targets_from_urls([CLOSED_PORT_URL, smtp.url(), webhook.url()])
    results = send(MESSAGE, [dead, mail, hook], timeout=10)

    assert list(results) == [dead.key, mail.key, hook.key]
    assert not results[dead.key].ok
    assert "connection error" in (results[dead.key].error or "").lower()
    assert results[mail.key].ok and results[hook.key].ok
    assert len(smtp.messages) == 1
    assert len(webhook.messages) == 1

    # The failed target alone is retried; the others receive nothing more.
    again = send(MESSAGE, [dead])
    assert list(again) == [dead.key] and not again[dead.key].ok
    assert (len(smtp.messages), len(webhook.messages)) == (1, 1)


@pytest.mark.parametrize(
    "reply", ["554 5.7.1 rejected by test", "451 4.3.0 try again later"], ids=["5xx", "4xx"]
)
def test_smtp_refusal_is_a_failure_with_a_reason(smtp: SmtpReceiver, reply: str) -> None:
    smtp.fail_next(1, reply)
    [target] = targets_from_urls([smtp.url()])

    failed = send(MESSAGE, [target])[target.key]
    assert not failed.ok
    # The server's own reply line comes along, so the user can tell "busy" from "refused".
    assert failed.error == f'Sending email to "b@example.com" failed.; server said: {reply}'
    assert (smtp.refused, len(smtp.messages)) == (1, 0)

    retried = send(MESSAGE, [target])[target.key]
    assert retried.ok, retried.error
    assert (smtp.refused, len(smtp.messages)) == (1, 1)


def test_webhook_failing_twice_then_succeeding(webhook: JsonReceiver) -> None:
    webhook.fail_next(2)
    [target] = targets_from_urls([webhook.url()])

    outcomes = [send(MESSAGE, [target])[target.key] for _ in range(3)]

    assert [o.ok for o in outcomes] == [False, False, True]
    assert "500" in (outcomes[0].error or "")
    assert [r.status for r in webhook.requests] == [500, 500, 200]
    assert len(webhook.messages) == 1


def test_hanging_receiver_fails_within_the_timeout(
    webhook: JsonReceiver, smtp: SmtpReceiver
) -> None:
    webhook.hang_next(1, seconds=30)
    hook, mail = targets_from_urls([webhook.url(), smtp.url()])

    started = time.monotonic()
    results = send(MESSAGE, [hook, mail], timeout=1.5)
    elapsed = time.monotonic() - started

    # Not a speed figure: far below the 30 s hang, so the 1.5 s timeout cut it short.
    assert elapsed < 10
    assert not results[hook.key].ok
    assert results[hook.key].timed_out
    assert results[hook.key].error == "no answer within 1.5s"
    assert results[mail.key].ok
    assert len(smtp.messages) == 1
    assert webhook.messages == []
    assert [r.status for r in webhook.requests] == [None]


def test_silent_smtp_server_delays_neither_the_send_nor_the_exit() -> None:
    # In a child process: the interpreter joins apprise's worker threads at exit, so a call
    # abandoned at the timeout must also end soon after it (SMTP's own limit is 15 s).
    script = """
import json, sys, time, warnings
warnings.filterwarnings("ignore", "'imghdr' is deprecated", DeprecationWarning)
from monitor.notify import Message, send, targets_from_urls
[target] = targets_from_urls([sys.argv[1]])
started = time.monotonic()
result = send(Message("t", "x", "x", "<p>x</p>"), [target], timeout=1)[target.key]
print(json.dumps([result.ok, result.timed_out, result.error, time.monotonic() - started]))
"""
    with SilentServer() as silent:
        url = f"mailto://127.0.0.1:{silent.port}?from=a@example.com&to=b@example.com"
        started = time.monotonic()
        child = subprocess.run(
            [sys.executable, "-c", script, url],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        lifetime = time.monotonic() - started
    assert child.returncode == 0, child.stderr
    ok, timed_out, error, took = json.loads(child.stdout)
    assert (ok, timed_out, error) == (False, True, "no answer within 1s")
    # Bounds below SMTP's own 15 s limit: the send and the exit were not held by it.
    assert took < 7
    assert lifetime < 12, f"the child took {lifetime:.1f}s to exit"


def test_bad_url_is_a_config_error_naming_it() -> None:
    with pytest.raises(NotifyConfigError, match=r"'nope://somewhere'") as caught:
        targets_from_urls(["json://127.0.0.1:1/ok", "nope://somewhere"])
    assert caught.value.url == "nope://somewhere"
    assert "Unparseable URL" in str(caught.value)


def test_bad_url_error_hides_a_password() -> None:
    with pytest.raises(NotifyConfigError) as caught:
        targets_from_urls(["nope://alice:s3cret@example.com/x"])
    assert "s3cret" not in str(caught.value)
    # apprise cannot say which parts of a URL it cannot parse are secret: only scheme and
    # host are shown (a path can be a token, as in msteams://team/TOKEN/...).
    assert "nope://****@example.com/****" in str(caught.value)


def test_targets_are_keyed_stably_without_secrets() -> None:
    url = "jsons://alice:s3cret@hooks.example.com/notify"
    [target] = targets_from_urls([url, f"  {url} "])  # the same URL twice is one target
    assert target.key == target_key(url) == target_key(f" {url}\n")
    assert len(target.key) == 16
    assert "s3cret" not in target.key + target.display + repr(target)
    assert target.display.startswith("jsons://alice:****@hooks.example.com/notify")
    other = targets_from_urls(["jsons://alice:s3cret@hooks.example.com/other"])[0]
    assert other.key != target.key


def test_no_targets_sends_nothing() -> None:
    assert send(MESSAGE, []) == {}


def test_print_message_for_stdout() -> None:
    out = io.StringIO()
    print_message(Message(title="T: x", text="body", markdown="", html=""), out)
    assert out.getvalue() == "T: x\n====\nbody\n"
