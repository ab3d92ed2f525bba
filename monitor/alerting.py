"""From stored reports to delivered alerts, through the outbox in the store.

An alert is written to the store, with one delivery row per target, before anything is
sent; a delivery is marked done only when apprise reports success for that target. So a
crash or a dead target loses nothing: the next run finds the row still pending.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from monitor.events.changes import diff
from monitor.events.state import build_state
from monitor.model import AlertDraft, Watch
from monitor.notify.deliver import Target, print_message, send
from monitor.notify.render import Message, render

if TYPE_CHECKING:
    from monitor.store import Store

log = logging.getLogger(__name__)

# With no apprise URL configured, alerts go to standard output, tracked like any target.
STDOUT_KEY = "stdout"


@dataclass
class PlannedAlert:
    draft: AlertDraft
    message: Message
    state: dict[str, Any]


@dataclass
class DeliveryReport:
    delivered: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # alert, target, reason
    orphaned: list[tuple[int, str]] = field(default_factory=list)  # target no longer configured

    @property
    def ok(self) -> bool:
        return not self.failed


def plan_alerts(store: Store, watches: Sequence[Watch]) -> list[PlannedAlert]:
    """At most one alert per watch: every change since that watch's last alert, together."""
    planned = []
    for watch in watches:
        state = build_state(store.reports_for(watch.name))
        last = store.last_alert(watch.name)
        before = last.state["event"] if last else None
        draft = diff(watch, before, state, (last.version if last else 0) + 1)
        if draft is not None and state is not None:
            planned.append(PlannedAlert(draft, render(draft), state))
    return planned


def changes_json(draft: AlertDraft) -> list[dict[str, Any]]:
    """An alert's changes as data, kept beside the text so `monitor alerts --json` can list them."""
    return [
        {"kind": c.kind.value, "fact": c.fact.value if c.fact else None, "old": c.old,
         "new": c.new, "independent_sources": c.independent_sources,
         "evidence": [{"sentence": e.sentence, "url": e.url, "source": e.source}
                      for e in c.evidence]}
        for c in draft.changes
    ]


def record_alerts(store: Store, planned: Sequence[PlannedAlert], targets: Sequence[Target]) -> None:
    """Put alerts in the outbox; their version makes a repeat of this call a no-op."""
    keys = [(t.key, t.display) for t in targets] or [(STDOUT_KEY, "standard output")]
    for alert in planned:
        store.add_alert(
            alert.draft.watch.name,
            alert.draft.version,
            alert.message.title,
            alert.message.text,
            {"event": alert.state, "changes": changes_json(alert.draft)},
            keys,
            body_html=alert.message.html,
            body_markdown=alert.message.markdown,
        )


def deliver_pending(
    store: Store,
    targets: Sequence[Target],
    out: TextIO,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> DeliveryReport:
    """Try every pending delivery once, oldest first; failures stay pending for the next run."""
    by_key = {t.key: t for t in targets}
    report = DeliveryReport()
    for pending in store.pending_deliveries():
        message = Message(
            title=pending.title,
            text=pending.body,
            markdown=pending.body_markdown or pending.body,
            html=pending.body_html or "",
        )
        if pending.target_key == STDOUT_KEY:
            print_message(message, out)
            store.mark_delivered(pending.alert_id, STDOUT_KEY, clock())
            report.delivered.append((pending.alert_id, STDOUT_KEY))
            continue
        target = by_key.get(pending.target_key)
        if target is None:
            # Kept pending, not dropped: the user may put the target back in the config.
            report.orphaned.append((pending.alert_id, pending.target_key))
            continue
        result = send(message, [target])[target.key]
        if result.ok:
            store.mark_delivered(pending.alert_id, target.key, clock())
            report.delivered.append((pending.alert_id, target.display))
        else:
            store.mark_attempt_failed(pending.alert_id, target.key, result.error or "failed",
                                      clock())
            report.failed.append((pending.alert_id, target.display, result.error or "failed"))
            log.error("alert %s to %s failed: %s", pending.alert_id, target.display, result.error)
    return report
