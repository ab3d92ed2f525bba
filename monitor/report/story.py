"""What the report shows about one watch, read from the store in one place.

`read_story` is the only code of the report that knows the shape of the event state
(monitor.events.state) and of the store's records; the page and the chart read the frozen
`Story` it returns. When the state grows (value history, corrections), this is the one
function to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from monitor.events.state import build_state, when
from monitor.model import FactKind, Status, Watch
from monitor.store.records import AlertView, StoredCopy, StoredReport


class StoryStore(Protocol):
    """The reads the report needs (monitor.store.Store has them)."""

    def reports_for(self, watch: str) -> list[StoredReport]: ...
    def copies_of(self, article_ids: list[int]) -> list[StoredCopy]: ...
    def alerts(self, limit: int | None = None) -> list[AlertView]: ...


@dataclass(frozen=True)
class Source:
    """An article as the report cites it."""

    site: str
    title: str | None
    url: str
    at: datetime  # published, else first fetched


@dataclass(frozen=True)
class Step:
    """One status the event held, from when an article first said it."""

    status: str
    at: datetime
    quote: str
    source: Source
    sites: tuple[str, ...]  # every site whose article says this status


@dataclass(frozen=True)
class FactValue:
    value: str
    standing: str  # "current", "disputed", "earlier" (a moved date's old value) or ""
    first_seen: datetime
    last_said: datetime
    sites: tuple[str, ...]
    quote: str
    source: Source


@dataclass(frozen=True)
class Fact:
    kind: str
    values: tuple[FactValue, ...]


@dataclass(frozen=True)
class ArticlePoint:
    """One article on the timeline: an independent report or a copy set aside."""

    day: date
    status: str | None  # None for a copy: its wording does not count
    copy: bool
    source: Source
    copy_of: str | None = None  # the original's URL, for a copy


@dataclass(frozen=True)
class Delivery:
    target: str
    state: str
    attempts: int
    last_error: str | None
    delivered_at: datetime | None


@dataclass(frozen=True)
class AlertSent:
    id: int
    version: int
    title: str
    at: datetime
    changes: tuple[str, ...]
    deliveries: tuple[Delivery, ...]


@dataclass(frozen=True)
class Story:
    watch: Watch
    status: str
    path: tuple[Step, ...]
    facts: tuple[Fact, ...]
    articles: tuple[ArticlePoint, ...]
    alerts: tuple[AlertSent, ...]

    @property
    def copies(self) -> tuple[ArticlePoint, ...]:
        return tuple(a for a in self.articles if a.copy)


def read_story(store: StoryStore, watch: Watch) -> Story | None:
    """Everything the report shows about `watch`, or None when no article reports it yet."""
    rows = store.reports_for(watch.name)
    state = build_state(rows, watch)
    if state is None:
        return None
    by_id = {r.article_id: r for r in rows}
    articles = [ArticlePoint(when(r).date(), r.report.status.value, False, _source_of(r))
                for r in rows]
    for copy in store.copies_of(sorted(by_id)):
        original = by_id.get(copy.original_id)
        moment = _aware(copy.published or copy.fetched_at)
        articles.append(ArticlePoint(moment.date(), None, True,
                                     Source(copy.site, copy.title, copy.url, moment),
                                     original.url if original else None))
    articles.sort(key=lambda a: (a.source.at, a.copy, a.source.url))
    alerts = [_alert(v) for v in store.alerts() if v.watch == watch.name]
    alerts.sort(key=lambda a: (a.at, a.id))
    return Story(watch, state["status"], _path(rows, watch), _facts(state), tuple(articles),
                 tuple(alerts))


def _path(rows: list[StoredReport], watch: Watch) -> tuple[Step, ...]:
    # The status the story held after each article, in publication order (with the story's
    # rules of time and support, as the alerts had it): each change is a step.
    ordered = sorted(rows, key=when)
    steps: list[Step] = []
    for end in range(1, len(ordered) + 1):
        held = build_state(ordered[:end], watch)
        assert held is not None
        status, evidence = Status(held["status"]), held["status_evidence"]
        if steps and steps[-1].status == status.value:
            continue
        sites = tuple(sorted({r.site for r in rows if r.report.status is status}))
        steps.append(Step(status.value, _parse(evidence["published"]), evidence["sentence"],
                          _evidence_source(evidence), sites))
    return tuple(steps)


def _facts(state: dict[str, Any]) -> tuple[Fact, ...]:
    facts = []
    for kind in FactKind:
        entry = state["facts"].get(kind.value)
        if not entry:
            continue
        current = entry.get("current")
        values = []
        for value, support in entry["values"].items():
            values.append(FactValue(
                value, _standing(value, current, support, entry["values"]),
                _parse(support["first_seen"]), _parse(support["latest"]),
                tuple(support["sites"]), support["evidence"]["sentence"],
                _evidence_source(support["evidence"]),
            ))
        facts.append(Fact(kind.value, tuple(values)))
    return tuple(facts)


def _standing(value: str, current: str | None, support: dict[str, Any],
              values: dict[str, dict[str, Any]]) -> str:
    if current is None or len(values) == 1:
        return "current" if current is not None else ""
    if value == current:
        return "current"
    moved = values[current].get("moved_at")
    # A value the event moved away from is history; otherwise sources still disagree.
    if moved and _parse(moved) >= _parse(support["latest"]):
        return "earlier"
    return "disputed"


def _alert(view: AlertView) -> AlertSent:
    changes = []
    for change in view.state.get("changes", []):
        fact = change.get("fact")
        label = change["kind"].replace("_", " ") + (f" {fact}" if fact else "")
        changes.append(f"{label}: {change['new']}" if change.get("new") else label)
    deliveries = tuple(Delivery(d.target_display, d.state, d.attempts, d.last_error,
                                d.delivered_at) for d in view.deliveries)
    return AlertSent(view.id, view.version, view.title, _aware(view.created_at),
                     tuple(changes), deliveries)


def _source_of(row: StoredReport) -> Source:
    return Source(row.site, row.title, row.url, when(row))


def _evidence_source(evidence: dict[str, Any]) -> Source:
    return Source(evidence["site"], evidence.get("title"), evidence["url"],
                  _parse(evidence["published"]))


def _parse(value: str) -> datetime:
    return _aware(datetime.fromisoformat(value))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
