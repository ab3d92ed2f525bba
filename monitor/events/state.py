"""An event's state is its facts, each with its supporting sources, plus its best status.

The state is recomputed from every stored report on each run and compared with the state
the last alert announced. Nothing here reads the clock: the order of events is the order in
which articles were published, so replaying 2015 pages today gives 2015's alerts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from monitor.model import EventReport, FactKind, Status

# Disruptions are official statements; when two values of a fact compete, one carried by a
# postponement counts as much as a confirmed one.
_DISRUPTION_WEIGHT = Status.CONFIRMED.rank


class ReportRow(Protocol):
    """One stored article's report about one watch, as the store returns it."""

    @property
    def url(self) -> str: ...
    @property
    def site(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def published(self) -> datetime | None: ...
    @property
    def fetched_at(self) -> datetime: ...
    @property
    def report(self) -> EventReport: ...


@dataclass(frozen=True)
class Support:
    """Who says a value, and where it was first read."""

    sites: tuple[str, ...]
    first_seen: datetime
    evidence: dict[str, Any]  # the earliest sentence saying it, with its article
    weight: int  # the strongest status among the reports saying it
    latest: datetime  # when it was last said
    moved_at: datetime | None = None  # when an article last said the event moved to this value


def when(row: ReportRow) -> datetime:
    """The moment an article speaks for: its publication, else when we first fetched it."""
    moment = row.published or row.fetched_at
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _weight(status: Status) -> int:
    return _DISRUPTION_WEIGHT if status.is_disruption else status.rank


def _evidence(row: ReportRow, sentence: str) -> dict[str, Any]:
    published = when(row).isoformat()
    return {"sentence": sentence, "url": row.url, "site": row.site, "title": row.title,
            "published": published}


def best_status(rows: Sequence[ReportRow]) -> tuple[Status, dict[str, Any]] | None:
    """The status a careful reader holds after reading the reports in publication order.

    Along the normal path (rumored < reported < confirmed < happened) status only rises, so a
    late article repeating an old rumour changes nothing. A postponement, cancellation or
    denial replaces it; after one, only official news (confirmed or happened) moves it on.
    """
    current: tuple[Status, dict[str, Any]] | None = None
    for row in sorted(rows, key=when):
        status = row.report.status
        candidate = (status, _evidence(row, row.report.status_evidence))
        if current is None or status.is_disruption:
            current = candidate
        elif current[0].is_disruption:
            if status.rank >= Status.CONFIRMED.rank:
                current = candidate
        elif status.rank > current[0].rank:
            current = candidate
    return current


def build_state(rows: Sequence[ReportRow]) -> dict[str, Any] | None:
    """The event's state as JSON-ready data, or None when no article reports the event."""
    if not rows:
        return None
    status = best_status(rows)
    assert status is not None
    supports: dict[str, dict[str, Support]] = {}
    for row in sorted(rows, key=when):
        seen_here: set[tuple[str, str]] = set()
        for fact in row.report.facts:
            if (fact.kind, fact.value) in seen_here:
                continue
            seen_here.add((fact.kind, fact.value))
            values = supports.setdefault(fact.kind.value, {})
            old = values.get(fact.value)
            moment = when(row)
            weight = _weight(row.report.status)
            moved = moment if fact.supersedes else None
            if old is None:
                values[fact.value] = Support((row.site,), moment, _evidence(row, fact.evidence),
                                             weight, moment, moved)
            else:
                sites = old.sites if row.site in old.sites else (*old.sites, row.site)
                values[fact.value] = Support(sites, old.first_seen, old.evidence,
                                             max(old.weight, weight), max(old.latest, moment),
                                             max(filter(None, (old.moved_at, moved)),
                                                 default=None))
    facts: dict[str, Any] = {}
    for kind in FactKind:
        values = supports.get(kind.value)
        if not values:
            continue
        # Insertion order is reading order: articles by publication, facts as each one lists them.
        entry: dict[str, Any] = {
            "values": {value: _support_json(s) for value, s in values.items()},
        }
        if kind.single_valued:
            entry["current"] = current_value(values)
        facts[kind.value] = entry
    return {
        "status": status[0].value,
        "status_evidence": status[1],
        "sites": sorted({row.site for row in rows}),
        "status_sites": sorted({r.site for r in rows if r.report.status is status[0]}),
        "facts": facts,
    }


def current_value(values: Mapping[str, Support]) -> str:
    """The value a careful reader holds when sources give several.

    The latest announced move wins outright. Otherwise the value said with the most
    authority (confirmed over rumoured), then by more independent sites; on a tie the value
    first seen stays, and the other is a disagreement to report, not a change.
    """
    moved = [(s.moved_at, value) for value, s in values.items() if s.moved_at is not None]
    if moved:
        return max(moved)[1]
    return min(values.items(),
               key=lambda kv: (-kv[1].weight, -len(kv[1].sites), kv[1].first_seen))[0]


def _support_json(support: Support) -> dict[str, Any]:
    return {
        "sites": list(support.sites),
        "first_seen": support.first_seen.isoformat(),
        "evidence": support.evidence,
        "weight": support.weight,
        "latest": support.latest.isoformat(),
        "moved_at": support.moved_at.isoformat() if support.moved_at else None,
    }


def current_values(state: Mapping[str, Any], kind: FactKind) -> list[str]:
    """The value(s) a state holds for a kind: the current one for single-valued kinds."""
    entry = state.get("facts", {}).get(kind.value)
    if not entry:
        return []
    if kind.single_valued:
        return [entry["current"]]
    return list(entry["values"])


def values_of(state: Mapping[str, Any] | None, kind: FactKind) -> Iterable[str]:
    if not state:
        return ()
    return state.get("facts", {}).get(kind.value, {}).get("values", {}).keys()
