"""From stored reports to delivered alerts, through the outbox in the store.

An alert is written to the store, with one delivery row per target, before anything is
sent; a delivery is marked done only when apprise reports success for that target. So a
crash or a dead target loses nothing: the next run finds the row still pending. The only
window for a duplicate is a crash after a target accepted a message and before the store
recorded it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from monitor.clock import now as wall_clock
from monitor.events.policy import Policy
from monitor.model import AlertDraft, ChangeKind, Watch
from monitor.notify.deliver import Target, print_message, send
from monitor.notify.render import Message, render, render_digest, render_notice
from monitor.notify.routing import receives
from monitor.watch_state import rules_key, state_at

if TYPE_CHECKING:
    from monitor.store import AlertView, Store
    from monitor.store.claims import Claim
    from monitor.store.records import PendingDelivery

log = logging.getLogger(__name__)

# With no apprise URL configured, alerts go to standard output, tracked like any target.
STDOUT_KEY = "stdout"
# Alerts about the tool itself live in the outbox under these pseudo-watches.
DELIVERY_WATCH = "ops:delivery"
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    retry_after: float = 300.0  # seconds before the first retry; doubles each time
    timeout: float = 10.0

    def retry_at(self, attempts: int, at: datetime) -> datetime:
        """When a delivery that has failed `attempts` times may be tried again."""
        # Capped before it becomes a timedelta: 300 s doubled 60 times overflows one.
        doublings = min(max(attempts - 1, 0), 64)
        seconds = min(self.retry_after * 2.0 ** doublings, MAX_BACKOFF.total_seconds())
        return at + timedelta(seconds=seconds)


@dataclass
class PlannedAlert:
    draft: AlertDraft
    message: Message
    state: dict[str, Any]
    changed: int | None = None  # the watch's change count read before its reports

    @property
    def classes(self) -> tuple[str, ...]:
        return classes_of(self.draft)


@dataclass
class DeliveryReport:
    delivered: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # alert, target, reason
    given_up: list[tuple[int, str, str]] = field(default_factory=list)
    orphaned: list[tuple[int, str]] = field(default_factory=list)  # target no longer configured
    deferred: int = 0  # failed earlier and not due yet (backoff)
    elsewhere: int = 0  # claimed by another process at the same time, which sends it

    @property
    def ok(self) -> bool:
        return not self.failed and not self.given_up

    def merge(self, other: DeliveryReport) -> None:
        self.delivered += other.delivered
        self.failed += other.failed
        self.given_up += other.given_up
        self.orphaned += other.orphaned
        self.deferred += other.deferred
        self.elsewhere += other.elsewhere


def classes_of(draft: AlertDraft) -> tuple[str, ...]:
    """`status` for a first sighting or a status move, `details` for facts; both if both."""
    kinds = {c.kind for c in draft.changes}
    classes = []
    status = any(c.kind in (ChangeKind.FIRST_SEEN, ChangeKind.STATUS) or (
        c.kind is ChangeKind.CORRECTION and c.fact is None) for c in draft.changes)
    if status:
        classes.append("status")
    if kinds & {ChangeKind.NEW, ChangeKind.CHANGED, ChangeKind.CONFLICT} or any(
            c.kind is ChangeKind.CORRECTION and c.fact is not None for c in draft.changes):
        classes.append("details")
    return tuple(classes)


def plan_alerts(store: Store, watches: Sequence[Watch], policy: Policy | None = None
                ) -> list[PlannedAlert]:
    """At most one alert per watch: every change since that watch's last alert, together."""
    return [alert for watch in watches if (alert := _plan(store, watch, policy)) is not None]


def _plan(store: Store, watch: Watch, policy: Policy | None = None, *,
          remember: bool = False) -> PlannedAlert | None:
    """The watch's alert due, if any. Nothing is read when the store says that nothing
    changed since a plan found no alert due (`Store.watch_mark`); otherwise the state is the
    kept one with the reports added since folded in, or rebuilt (monitor.watch_state). With
    `remember`, a plan that finds none says so in the store, and the state is kept there."""
    key = rules_key(watch, policy)
    # The counts alone first: an idle run stops here without parsing the state kept or the
    # last alert's, whose JSON grows with the watch's reports.
    if store.watch_mark(watch.name, kept=False).quiet(store.last_alert_version(watch.name), key):
        return None
    from monitor.events.changes import diff

    # Read before the reports: a report added meanwhile raises the count past this one.
    mark = store.watch_mark(watch.name)
    last = store.last_alert(watch.name)
    version = last.version if last else 0

    state, fold = state_at(store, watch, policy, mark, key)
    if remember and fold is not None:  # so the next run starts from here (watch_state)
        store.keep_state(watch.name, mark.changed, key, state, fold)
    before = last.state["event"] if last else None
    draft = diff(watch, before, state, version + 1, policy)
    if draft is None or state is None:
        if remember:
            store.set_quiet(watch.name, mark.changed, version, key)
        return None
    return PlannedAlert(draft, render(draft), state, mark.changed)


def _remember_quiet(store: Store, alert: PlannedAlert, policy: Policy | None) -> None:
    """After recording `alert`: if its state leaves nothing more to say, note it quiet."""
    from monitor.events.changes import diff

    watch = alert.draft.watch
    last = store.last_alert(watch.name)
    if last is None or alert.changed is None:
        return
    # Against the state as stored (and read back by the next plan), not the one in memory.
    if diff(watch, last.state["event"], alert.state, last.version + 1, policy) is None:
        store.set_quiet(watch.name, alert.changed, last.version, rules_key(watch, policy))


def plan_and_record(
    store: Store, watches: Sequence[Watch], targets: Sequence[Target], at: datetime,
    policy: Policy | None = None,
) -> list[PlannedAlert]:
    """plan_alerts and record_alerts, one watch at a time under that watch's lock.

    Two processes planning one watch at once would each diff against the same last alert;
    under the lock the second one sees the first one's alert, so one change is one version.
    """
    planned = []
    for watch in watches:
        with store.lock(f"watch:{watch.name}"):
            alert = _plan(store, watch, policy, remember=True)
            if alert is not None:
                record_alerts(store, [alert], targets, at)
                _remember_quiet(store, alert, policy)
                planned.append(alert)
    return planned


def changes_json(draft: AlertDraft) -> list[dict[str, Any]]:
    """An alert's changes as data, kept beside the text so `monitor alerts --json` can list them."""
    return [
        {"kind": c.kind.value, "fact": c.fact.value if c.fact else None, "old": c.old,
         "new": c.new, "independent_sources": c.independent_sources, "note": c.note,
         "evidence": [{"sentence": e.sentence, "url": e.url, "source": e.source}
                      for e in c.evidence]}
        for c in draft.changes
    ]


def record_alerts(
    store: Store, planned: Sequence[PlannedAlert], targets: Sequence[Target], at: datetime
) -> None:
    """Put alerts in the outbox; their version makes a repeat of this call a no-op."""
    for alert in planned:
        record_message(store, alert.draft.watch.name, alert.draft.version, alert.message,
                       {"event": alert.state, "changes": changes_json(alert.draft)},
                       alert.classes, targets, at)


def record_message(
    store: Store,
    watch: str,
    version: int,
    message: Message,
    state: dict[str, Any],
    classes: Sequence[str],
    targets: Sequence[Target],
    at: datetime,
) -> int:
    """Outbox one message for every target its classes route to (stdout when none is set)."""
    routed = [t for t in targets if receives(t, classes, targets)]
    keys = [(t.key, t.display) for t in routed]
    if not targets:
        keys = [(STDOUT_KEY, "standard output")]
    # A digest target holds detail-only alerts; anything about status goes out at once.
    held = {t.key for t in routed if _digested(t, classes)}
    return store.add_alert(watch, version, message.title, message.text, state, keys,
                           body_html=message.html, body_markdown=message.markdown,
                           created_at=at, classes=classes, held=held)


def deliver_pending(
    store: Store,
    targets: Sequence[Target],
    out: TextIO,
    policy: RetryPolicy = RetryPolicy(),
    clock: Callable[[], datetime] = wall_clock,
    *,
    ignore_backoff: bool = False,
) -> DeliveryReport:
    """Try every due delivery once, oldest first; failures wait their backoff, then retry."""
    report = flush_digests(store, targets, policy, clock)
    at = clock()
    by_key = {t.key: t for t in targets}
    due = store.pending_deliveries(None if ignore_backoff else at)
    report.deferred = len(store.pending_deliveries()) - len(due)
    retried_digests: dict[str, list[PendingDelivery]] = defaultdict(list)
    for pending in due:
        target = by_key.get(pending.target_key)
        if target is not None and _digested(target, pending.classes):
            # A digest that failed is retried as the same one message, not split up.
            retried_digests[target.key].append(pending)
            continue
        _deliver_one(store, pending, by_key, out, policy, clock, report)
    for key, items in retried_digests.items():
        _send_digest(store, by_key[key], items, policy, clock, report)
    announced = _announce_give_ups(store, report, targets, clock())
    # The ops channel hears of a give-up in this run, not one cron interval later.
    for pending in store.pending_deliveries(clock()):
        if pending.alert_id in announced:
            _deliver_one(store, pending, by_key, out, policy, clock, report)
    return report


def _deliver_one(
    store: Store,
    pending: PendingDelivery,
    by_key: dict[str, Target],
    out: TextIO,
    policy: RetryPolicy,
    clock: Callable[[], datetime],
    report: DeliveryReport,
) -> None:
    message = _message(pending)
    target = by_key.get(pending.target_key)
    if target is None and pending.target_key != STDOUT_KEY:
        # Kept pending, not dropped: the user may put the target back in the config.
        report.orphaned.append((pending.alert_id, pending.target_key))
        return
    key = (pending.alert_id, pending.target_key)
    with store.claim([key]) as claim:
        if key not in claim:
            report.elsewhere += 1  # sent (or being sent) by another process
            return
        if target is None:
            print_message(message, out)
            claim.delivered(pending.alert_id, STDOUT_KEY, clock())
            report.delivered.append((pending.alert_id, STDOUT_KEY))
            return
        result = send(message, [target], timeout=policy.timeout)[target.key]
        if result.ok:
            claim.delivered(pending.alert_id, target.key, clock())
            report.delivered.append((pending.alert_id, target.display))
        else:
            _failed(claim, pending, target, result.error or "failed", policy, clock(), report)


def flush_digests(
    store: Store,
    targets: Sequence[Target],
    policy: RetryPolicy,
    clock: Callable[[], datetime] = wall_clock,
) -> DeliveryReport:
    """Send each digest target, once a day, everything held for it as one message."""
    report = DeliveryReport()
    at = clock()
    by_key = {t.key: t for t in targets}
    held: dict[str, list[PendingDelivery]] = defaultdict(list)
    for pending in store.held_deliveries():
        held[pending.target_key].append(pending)
    for key, items in held.items():
        target = by_key.get(key)
        # A day's digest goes out on the first run of a later (UTC) day.
        if target is None or min(p.created_at for p in items).date() >= at.date():
            continue
        _send_digest(store, target, items, policy, clock, report)
    return report


def _digested(target: Target, classes: Sequence[str]) -> bool:
    """Whether alerts of these classes reach this target in its daily digest."""
    return target.digest and set(classes) == {"details"}


def _send_digest(
    store: Store,
    target: Target,
    items: Sequence[PendingDelivery],
    policy: RetryPolicy,
    clock: Callable[[], datetime],
    report: DeliveryReport,
) -> None:
    with store.claim([(p.alert_id, target.key) for p in items]) as claim:
        mine = [p for p in items if (p.alert_id, target.key) in claim]
        report.elsewhere += len(items) - len(mine)
        if not mine:
            return
        title = f"monitor digest: {len(mine)} alert(s)"
        digest = render_digest(title, [_message(p) for p in mine])
        result = send(digest, [target], timeout=policy.timeout)[target.key]
        for pending in mine:
            if result.ok:
                claim.delivered(pending.alert_id, target.key, clock())
                report.delivered.append((pending.alert_id, target.display))
            else:
                _failed(claim, pending, target, result.error or "failed", policy, clock(),
                        report)


def _failed(
    claim: Claim,
    pending: PendingDelivery,
    target: Target,
    error: str,
    policy: RetryPolicy,
    at: datetime,
    report: DeliveryReport,
) -> None:
    attempts = pending.attempts + 1
    give_up = attempts >= policy.max_attempts
    claim.failed(pending.alert_id, target.key, error, at, give_up=give_up,
                 retry_at=None if give_up else policy.retry_at(attempts, at))
    if give_up:
        report.given_up.append((pending.alert_id, target.display, error))
        log.error("alert %s to %s given up after %d attempts: %s", pending.alert_id,
                  target.display, attempts, error)
    else:
        report.failed.append((pending.alert_id, target.display, error))
        log.error("alert %s to %s failed: %s", pending.alert_id, target.display, error)


def _announce_give_ups(
    store: Store, report: DeliveryReport, targets: Sequence[Target], at: datetime
) -> set[int]:
    """Tell the ops channel about each delivery given up, except those that were ops news.

    Returns the ids of the ops alerts recorded.
    """
    announced: set[int] = set()
    for alert_id, display, error in report.given_up:
        view = store.alert(alert_id)
        if view is None or view.watch == DELIVERY_WATCH:
            continue  # an ops alert that cannot be delivered must not beget another
        with store.lock(f"watch:{DELIVERY_WATCH}"):
            announced.add(_announce(store, view, display, error, alert_id, targets, at))
    return announced


def _announce(store: Store, view: AlertView, display: str, error: str, alert_id: int,
              targets: Sequence[Target], at: datetime) -> int:
    """Record one give-up notice; the caller holds the delivery pseudo-watch's lock."""
    last = store.last_alert(DELIVERY_WATCH)
    message = render_notice(
        f"monitor: alert for {view.watch} could not be delivered to {display}",
        [f"Alert: {view.title}", f"Target: {display}", f"Last error: {error}",
         "Run `monitor alerts --retry` to try again once the target works."],
    )
    return record_message(store, DELIVERY_WATCH, (last.version if last else 0) + 1, message,
                          {"alert_id": alert_id, "target": display}, ("ops",), targets, at)


def _message(pending: PendingDelivery) -> Message:
    return Message(
        title=pending.title,
        text=pending.body,
        markdown=pending.body_markdown or pending.body,
        html=pending.body_html or _html_from_text(pending.body),
    )


def _html_from_text(text: str) -> str:
    import html

    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
