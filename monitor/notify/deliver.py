"""Send a rendered message through apprise, one target at a time, and report each outcome.

Each target is its own apprise call so that one failing target can be retried alone and
its result is never mixed with another's. Targets are sent concurrently, each bounded by
the timeout, so a hanging target costs at most the timeout, not the whole run.

Body format per target: the format apprise prefers for the service (its first declared
format), or the one named by the URL's `?format=` option. So email gets HTML (apprise adds
the plain-text alternative part from it), Slack gets Markdown (apprise turns it into
Slack's mrkdwn), and json:// gets plain text unless the URL says `?format=markdown`.
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import re
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import apprise
    from apprise import NotifyFormat

from monitor.notify.render import Message, md_escape
from monitor.notify.secrets import mask_unparsed, remember, scrub, secret_parts

_REASON_MAX = 300
# apprise logs why a service failed (an SMTP reply, a socket error) only at DEBUG; its per-call
# capture sees that only if the logger lets DEBUG through. Not propagating keeps that chatter
# out of our own logs: failures reach the user through the reasons built here.
_APPRISE_LOG = logging.getLogger("apprise")
_APPRISE_LOG.setLevel(logging.DEBUG)
_APPRISE_LOG.propagate = False
_DETAIL = re.compile(r"^(?:Socket|SMTP|Connection|HTTP|Response)\w* (?:Exception|Error)\w*: (.+)")
_SMTP_REPLY = re.compile(r"^\((\d{3}), b?['\"](.*)['\"]\)$")
# Enough to keep a handful of targets fully parallel without a thread per target.
_MAX_WORKERS = 8
_SOCKET_GRACE = 1.0  # seconds a plugin's sockets may outlive the send timeout


class NotifyConfigError(ValueError):
    """A notification URL that apprise cannot use."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = mask_unparsed(url)
        super().__init__(f"notification URL {self.url!r} is not usable: {reason}")


@dataclass(frozen=True)
class Target:
    """One apprise URL to deliver to; `key` and `display` are safe to store and print."""

    key: str
    display: str
    url: str = field(repr=False)  # may hold credentials: never log or store it
    secrets: frozenset[str] = field(default=frozenset(), repr=False)  # see notify.secrets
    tags: frozenset[str] = frozenset()  # which alert classes it takes; none means the usual two
    digest: bool = False  # detail-only alerts wait for one message a day


@dataclass(frozen=True)
class DeliveryResult:
    """What happened when one message went to one target."""

    target: str  # Target.key
    ok: bool
    error: str | None = None  # why it failed: short and free of secrets
    timed_out: bool = False
    body_format: str | None = None  # "html", "markdown" or "text"


def target_key(url: str) -> str:
    """A stable id for an apprise URL: the same URL always gives the same key."""
    # A digest, so the store can name a target without keeping its credentials.
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]


def targets_from_urls(urls: Sequence[str]) -> list[Target]:
    """Check every URL with apprise and return one target per distinct URL, in order."""
    targets: dict[str, Target] = {}
    for raw in urls:
        url = raw.strip()
        if not url:
            continue
        plugin = _instantiate(url)
        key = target_key(url)
        display = plugin.url(privacy=True)
        secrets = secret_parts(url, plugin.url(privacy=False), display)
        remember(secrets)
        # The same URL listed twice is one target: sending it twice is what we avoid.
        targets.setdefault(key, Target(key=key, display=scrub(display, secrets), url=url,
                                       secrets=secrets))
    return list(targets.values())


def send(
    message: Message, targets: Sequence[Target], *, timeout: float = 10
) -> dict[str, DeliveryResult]:
    """Send one message to each target separately; never raises for a delivery failure."""
    if not targets:
        return {}
    workers = min(_MAX_WORKERS, len(targets))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="notify") as pool:
        futures = [pool.submit(_send_one, message, target, timeout) for target in targets]
        results = [future.result() for future in futures]
    return {result.target: result for result in results}


def print_message(message: Message, file: TextIO | None = None) -> None:
    """Print an alert for a terminal or a log, as the CLI does when no target is configured."""
    out = file if file is not None else sys.stdout
    print(message.title, file=out)
    print("=" * len(message.title), file=out)
    print(message.text, file=out)


def _instantiate(url: str) -> apprise.NotifyBase:
    import apprise  # on first use: a run with nothing to send or check never loads it

    # LogCapture swaps a handler on apprise's global logger: use it only from one thread.
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as logs:
        plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        captured = logs.getvalue() if isinstance(logs, io.StringIO) else ""
        reason = " ".join(captured.split()) or "apprise does not recognise it"
        raise NotifyConfigError(url, scrub(reason.replace(url, mask_unparsed(url))))
    return plugin


def _send_one(message: Message, target: Target, timeout: float) -> DeliveryResult:
    import apprise

    try:
        # A fresh plugin per send: apprise plugins remember deliveries between retries.
        plugin = apprise.Apprise.instantiate(target.url)
        if plugin is None:
            return DeliveryResult(target=target.key, ok=False, error="apprise rejected the URL")
        # apprise stops waiting at `timeout` but leaves the call running in a worker thread,
        # which the interpreter joins at exit; capping the plugin's own socket timeouts
        # (15 s for SMTP) keeps a stuck server from delaying the process after the send.
        # The grace lets apprise report the timeout as such, not as a connection error.
        socket_limit = timeout + _SOCKET_GRACE
        for name in ("socket_connect_timeout", "socket_read_timeout"):
            current = getattr(plugin, name, None)
            if timeout and (current is None or current > socket_limit):
                setattr(plugin, name, float(socket_limit))
        body_format = plugin.resolve_format(None)
        body, title = _body_for(message, body_format, blends_title=plugin.title_maxlen <= 0)
        notifier = apprise.Apprise()
        notifier.add(plugin)
        with notifier.notify(
            body=body, title=title, body_format=body_format, timeout=timeout,
            log_level=logging.DEBUG,
        ) as result:
            return _outcome(target, result, body_format, timeout)
    except Exception as exc:  # a delivery problem of any kind is reported, not raised
        reason = _scrub(f"{type(exc).__name__}: {exc}", target)
        return DeliveryResult(target=target.key, ok=False, error=reason)


def _body_for(
    message: Message, body_format: NotifyFormat, *, blends_title: bool
) -> tuple[str, str]:
    from apprise import NotifyFormat

    title = message.title
    if body_format == NotifyFormat.HTML:
        # Services that put the title inside the body receive it unconverted.
        return message.html, html.escape(title) if blends_title else title
    if body_format == NotifyFormat.MARKDOWN:
        return message.markdown, md_escape(title) if blends_title else title
    return message.text, title


def _outcome(
    target: Target, result: apprise.AppriseResult, body_format: NotifyFormat, timeout: float
) -> DeliveryResult:
    from apprise import AppriseResultStatus

    services = list(result)
    ok = bool(result) and len(services) == 1 and bool(services[0])
    timed_out = result.status == AppriseResultStatus.TIMEOUT or any(
        service.status == AppriseResultStatus.TIMEOUT for service in services
    )
    reason = None
    if not ok:
        messages = [
            entry.message
            for entry in result.logs()
            if entry.level in ("WARNING", "ERROR", "CRITICAL")
        ]
        details = [_detail(m.group(1)) for entry in result.logs()
                   if entry.level == "DEBUG" and (m := _DETAIL.match(entry.message))]
        messages += details
        if timed_out:
            # apprise's own words for this ("did not finish within 1.103s") say no more.
            messages = [f"no answer within {timeout:g}s"]
        reason = _scrub("; ".join(dict.fromkeys(messages)) or result.status.name.lower(), target)
    return DeliveryResult(
        target=target.key,
        ok=ok,
        error=reason,
        timed_out=timed_out,
        body_format=body_format.value,
    )


def _detail(text: str) -> str:
    """The server's own words: "(554, b'5.7.1 rejected')" becomes "server said: 554 5.7.1 ..."."""
    reply = _SMTP_REPLY.match(text.strip())
    return f"server said: {reply.group(1)} {reply.group(2)}" if reply else text.strip()


def _scrub(reason: str, target: Target) -> str:
    # Error text quotes the URL back, or pieces of it (a webhook path, a bot token): the
    # masked form for the whole, and every configured URL's secret parts scrubbed.
    reason = scrub(" ".join(reason.replace(target.url, target.display).split()), target.secrets)
    return reason if len(reason) <= _REASON_MAX else reason[: _REASON_MAX - 1] + "…"
