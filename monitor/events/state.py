"""An event's state is its facts, each with its supporting sources, plus its best status.

The state is recomputed from every stored report on each run and compared with the state
the last alert announced. Nothing here reads the clock: the order of events is the order in
which articles were published, so replaying 2015 pages today gives 2015's alerts.

No single article is taken at its word for ever (issue 9):
- time rules claims out: "happened" from an article written before the event's day counts
  as a plan; once the event's day is known, an article's day weeks away is another event's,
  and its facts are set aside, never a dispute;
- a status rises on enough support: "confirmed" needs the company's own word (an
  invitation, a spokesperson, its own page) or independent reports; a rumour never lifts the
  status past "reported";
- one fact written two ways (a moment in two zones, a venue short and long) is one value;
- whatever was set aside, and why, is kept in the state so `monitor status` can show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from monitor.events.policy import Policy
from monitor.events.values import clusters, instant, local_clock
from monitor.extract.reading.companies import company_pattern
from monitor.extract.reading.times import city_family
from monitor.model import EventReport, Fact, FactKind, Status, Watch

# Disruptions are official statements; when two values of a fact compete, one carried by a
# postponement counts as much as a confirmed one.
_DISRUPTION_WEIGHT = Status.CONFIRMED.rank
ON_RECORD = "on_record"
UNPLACED = 0  # the weight of a detail only articles placing no event say
_RUMOUR_BASES = ("speculation", "leak")
# Facts that place the event: an article whose day is another event's places that one.
_PLACING = (FactKind.DATE, FactKind.CITY, FactKind.VENUE, FactKind.TIME)
# Facts that only ride on an event the article places.
_DETAILS = (FactKind.PRODUCT, FactKind.SPEAKER)


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
    same_as: tuple[str, ...] = ()  # the other ways the sources write this value


@dataclass
class _Reading:
    """One report as the story takes it: its status after the rules, the facts it keeps."""

    row: ReportRow
    status: Status
    facts: list[Fact]
    aside: list[dict[str, Any]] = field(default_factory=list)


def when(row: ReportRow) -> datetime:
    """The moment an article speaks for: its publication, else when we first fetched it."""
    moment = row.published or row.fetched_at
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _weight(status: Status, basis: str | None = None) -> int:
    """How much a report's word counts: by its status, and within a status the company's
    own word above a report of it ("Google's schedule says 10 a.m." over a site's 9)."""
    rank = _DISRUPTION_WEIGHT if status.is_disruption else status.rank
    # (A rumour that cites the company's post is still a rumour: no bonus below confirmed.)
    return rank * 2 + (basis == ON_RECORD and rank >= Status.CONFIRMED.rank)


def weight_of(status: Status) -> int:
    """The least weight a value said with `status` has (for comparing with a support's)."""
    return _weight(status)


def _evidence(row: ReportRow, sentence: str) -> dict[str, Any]:
    published = when(row).isoformat()
    return {"sentence": sentence, "url": row.url, "site": row.site, "title": row.title,
            "published": published}


def _aside(row: ReportRow, kind: str, value: str, reason: str) -> dict[str, Any]:
    return {"kind": kind, "value": value, "reason": reason, "site": row.site, "url": row.url}


def best_status(rows: Sequence[ReportRow]) -> tuple[Status, dict[str, Any]] | None:
    """The status a careful reader holds after reading `rows` as they say (see `_best`)."""
    ordered = sorted(rows, key=when)
    return _best([(r.report.status, _evidence(r, r.report.status_evidence), _moves(r))
                  for r in ordered])


def _moves(row: ReportRow) -> bool:
    return any(f.kind is FactKind.DATE and f.supersedes for f in row.report.facts)


def _best(readings: Sequence[tuple[Status, dict[str, Any], bool]]
          ) -> tuple[Status, dict[str, Any]] | None:
    """The status a careful reader holds after reading the reports in publication order.

    Along the normal path (rumored < reported < confirmed < happened) status only rises, so a
    late article repeating an old rumour changes nothing. A postponement, cancellation or
    denial replaces it; after one, official news (confirmed or happened) moves it on, except
    that an event postponed to a day already given stays postponed until it happens: its
    confirmation for that day is no news.
    """
    current: tuple[Status, dict[str, Any]] | None = None
    dated = False  # the postponement in force named the new day
    for status, evidence, moves in readings:
        candidate = (status, evidence)
        if current is None or status.is_disruption:
            # A second report of the same postponement keeps the day the first one named.
            again = current is not None and current[0] is Status.POSTPONED
            current = candidate
            dated = status is Status.POSTPONED and (moves or (again and dated))
        elif current[0].is_disruption:
            needed = Status.HAPPENED if dated else Status.CONFIRMED
            if status.rank >= needed.rank:
                current = candidate
        elif status.rank > current[0].rank:
            current = candidate
        if current is not None and current[0] is Status.POSTPONED and moves:
            dated = True
    return current


def event_day(rows: Sequence[ReportRow], watch: Watch | None) -> date | None:
    """The event's day as the story stands: the day it last moved to, else the watch's,
    else the day said with the most authority."""
    moves = [(when(r), f.value) for r in rows for f in r.report.facts
             if f.kind is FactKind.DATE and f.supersedes]
    if moves:
        return date.fromisoformat(max(moves)[1])
    if watch is not None and watch.date is not None:
        return watch.date
    said: dict[str, tuple[int, set[str], datetime]] = {}
    for row in rows:
        for fact in row.report.facts:
            if fact.kind is FactKind.DATE:
                weight, sites, first = said.get(fact.value, (0, set(), when(row)))
                said[fact.value] = (max(weight, _weight(row.report.status)), sites | {row.site},
                                    min(first, when(row)))
    if not said:
        return None
    best = min(said.items(), key=lambda kv: (-kv[1][0], -len(kv[1][1]), kv[1][2]))
    return date.fromisoformat(best[0])


def _days_had(rows: Sequence[ReportRow], watch: Watch | None, day: date | None) -> list[date]:
    """Every day the event has had: the watch's, the one held before any move, each move's."""
    moves = sorted((when(r), f.value) for r in rows for f in r.report.facts
                   if f.kind is FactKind.DATE and f.supersedes)
    days = [date.fromisoformat(v) for _, v in moves]
    if watch is not None and watch.date is not None:
        days.append(watch.date)
    elif moves:
        first = event_day([r for r in rows if when(r) < moves[0][0]], None)
        days += [first] if first else []
    return days + ([day] if day and day not in days else [])


def _start(rows: Sequence[ReportRow], day: date | None, city: str | None) -> datetime | None:
    """When the event begins, from the time the reports give it with the most authority."""
    if day is None:
        return None
    said: dict[str, tuple[int, int]] = {}
    for row in rows:
        for fact in row.report.facts:
            if fact.kind is FactKind.TIME:
                weight, count = said.get(fact.value, (0, 0))
                said[fact.value] = (max(weight, _weight(row.report.status, row.report.basis)),
                                    count + 1)
    if not said:
        return None
    best = min(said.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))[0]
    return instant(best, day, city)


def _read(row: ReportRow, day: date | None, days: Sequence[date], start: datetime | None,
          confirmed_sites: int, policy: Policy) -> _Reading:
    report = row.report
    status = report.status
    reading = _Reading(row, status, list(report.facts))
    said_at = when(row)
    said_on = said_at.date()
    early = (day is not None and said_on < day) or (start is not None and said_at < start)
    if status is Status.HAPPENED and early:
        # "is expected to be unveiled there", misread a month ahead, or a live blog opened
        # before the keynote: a plan, at most.
        reading.status = Status.CONFIRMED if report.basis == ON_RECORD else Status.REPORTED
        reading.aside.append(_aside(row, "status", status.value,
                                    f"happened, told at {said_at.isoformat(timespec='minutes')}"
                                    f" before the event ({start or day})"))
    elif status.rank > Status.REPORTED.rank and report.basis in _RUMOUR_BASES:
        reading.status = Status.REPORTED
        reading.aside.append(_aside(row, "status", status.value,
                                    f"a {report.basis}'s word, not the company's"))
    elif (status is Status.CONFIRMED and report.basis != ON_RECORD
          and confirmed_sites < policy.confirm_sources):
        reading.status = Status.REPORTED
        reading.aside.append(_aside(row, "status", status.value,
                                    "official only in one report, on nobody's record"))
    if not days:
        return reading
    reach = timedelta(days=policy.other_event_days)
    # Far from every day the event has had (the watch's, each it moved to): another event's.
    other = next((f.value for f in report.facts if f.kind is FactKind.DATE and not f.supersedes
                  and all(abs(date.fromisoformat(f.value) - d) > reach for d in days)), None)
    if other is not None:
        # The article's event is on another day: what places it places that event.
        reading.aside += [_aside(row, f.kind.value, f.value, f"another event (on {other})")
                          for f in reading.facts if f.kind in _PLACING]
        reading.facts = [f for f in reading.facts if f.kind not in _PLACING]
    return reading


def build_state(rows: Sequence[ReportRow], watch: Watch | None = None,
                policy: Policy | None = None) -> dict[str, Any] | None:
    """The event's state as JSON-ready data, or None when no article reports the event."""
    if not rows:
        return None
    policy = policy or Policy()
    ordered = sorted(rows, key=when)
    day = event_day(ordered, watch)
    confirmed_sites = len({r.site for r in ordered if r.report.status is Status.CONFIRMED
                           and r.report.basis not in _RUMOUR_BASES})
    start = _start(ordered, day, watch.city if watch is not None else None)
    days = _days_had(ordered, watch, day)
    readings = [_read(r, day, days, start, confirmed_sites, policy) for r in ordered]
    status = _best([(r.status, _evidence(r.row, r.row.report.status_evidence), _moves(r.row))
                    for r in readings])
    assert status is not None
    supports = _supports(readings, watch)
    city = watch.city if watch is not None and watch.city else _current_city(supports)
    set_aside = [a for r in readings for a in r.aside]
    facts: dict[str, Any] = {}
    for kind in FactKind:
        values = supports.get(kind)
        if not values:
            continue
        merged = _merge(kind, values, day, city)
        if kind is FactKind.CITY and watch is not None and watch.city:
            merged, dropped = _elsewhere(merged, watch.city)
            set_aside += dropped
        if kind in _DETAILS:
            unplaced = [v for v, s in merged.items() if s.weight == UNPLACED]
            set_aside += [{"kind": kind.value, "value": v,
                           "reason": "named only in articles that place no event",
                           "site": merged[v].sites[0], "url": merged[v].evidence["url"]}
                          for v in unplaced]
            merged = {v: s for v, s in merged.items() if v not in unplaced}
        if not merged:
            continue
        entry: dict[str, Any] = {"values": {v: _support_json(s) for v, s in merged.items()}}
        if kind.single_valued:
            entry["current"] = current_value(merged)
        facts[kind.value] = entry
    return {
        "status": status[0].value,
        "status_evidence": status[1],
        "sites": sorted({row.site for row in rows}),
        "status_sites": sorted({r.row.site for r in readings if r.status is status[0]}),
        "event_day": day.isoformat() if day else None,
        "facts": facts,
        "set_aside": set_aside,
    }


def _names_event(row: ReportRow, watch: Watch | None) -> bool:
    """Whether the article names one of the watch's aliases (its event, series, people)."""
    pattern = company_pattern(watch.aliases) if watch is not None else None
    if pattern is None:
        return watch is None  # nothing to tell events apart by: every article is the event's
    said = [row.title or "", row.report.status_evidence, *(f.evidence for f in row.report.facts)]
    return any(pattern.search(text) for text in said if text)


def _supports(readings: Sequence[_Reading], watch: Watch | None
              ) -> dict[FactKind, dict[str, Support]]:
    supports: dict[FactKind, dict[str, Support]] = {}
    for reading in readings:
        row = reading.row
        seen_here: set[tuple[FactKind, str]] = set()
        # An article that names the company but neither the event (an alias) nor where or
        # when it is may be about any of its news ("the Fold's launch was delayed"): its
        # products and speakers weigh nothing until an article about the event says them.
        placed = any(f.kind in _PLACING for f in row.report.facts) or _names_event(row, watch)
        for fact in reading.facts:
            if (fact.kind, fact.value) in seen_here:
                continue
            seen_here.add((fact.kind, fact.value))
            values = supports.setdefault(fact.kind, {})
            old = values.get(fact.value)
            moment = when(row)
            weight = _weight(reading.status, row.report.basis)
            if fact.kind in _DETAILS and not placed:
                weight = UNPLACED
            moved = moment if fact.supersedes else None
            if old is None:
                values[fact.value] = Support((row.site,), moment, _evidence(row, fact.evidence),
                                             weight, moment, moved)
            else:
                values[fact.value] = _joined(old, Support((row.site,), moment, old.evidence,
                                                          weight, moment, moved))
    return supports


def _joined(a: Support, b: Support) -> Support:
    sites = a.sites + tuple(s for s in b.sites if s not in a.sites)
    first = a if a.first_seen <= b.first_seen else b
    return Support(sites, first.first_seen, first.evidence, max(a.weight, b.weight),
                   max(a.latest, b.latest),
                   max(filter(None, (a.moved_at, b.moved_at)), default=None),
                   a.same_as + tuple(v for v in b.same_as if v not in a.same_as))


def _merge(kind: FactKind, values: Mapping[str, Support], day: date | None, city: str | None
           ) -> dict[str, Support]:
    """One entry per fact, however many ways it is written; the entry is named by the event
    city's own clock for a time, else by the form read first."""
    merged: dict[str, Support] = {}
    family = city_family(city) if kind is FactKind.TIME else None
    for group in clusters(kind, list(values), day=day, city=city):
        local = [v for v in group if family and v.endswith(f" {family}")]
        name = (local or group)[0]
        if family and not local and (clock := local_clock(name, day, city)) is not None:
            name = f"{clock} {family}"  # "18:00 CET" for a Mountain View keynote: 09:00 PT
        support = values[group[0]]
        for other in group[1:]:
            support = _joined(support, values[other])
        merged[name] = replace(support, same_as=tuple(v for v in group if v != name))
    return merged


def _elsewhere(values: dict[str, Support], watched: str
               ) -> tuple[dict[str, Support], list[dict[str, Any]]]:
    """For a watch with a city, another city said once by a report places another event (or
    a market, a seat): a dispute only when the company says it, or two sites do, or the
    event is said to have moved there."""
    kept: dict[str, Support] = {}
    dropped: list[dict[str, Any]] = []
    for value, support in values.items():
        if value == watched or support.moved_at is not None or (
                support.weight >= weight_of(Status.CONFIRMED) or len(support.sites) >= 2):
            kept[value] = support
        else:
            dropped.append({"kind": FactKind.CITY.value, "value": value,
                            "reason": "another place, said once, short of the company's word",
                            "site": support.evidence["site"], "url": support.evidence["url"]})
    return kept, dropped


def _current_city(supports: Mapping[FactKind, Mapping[str, Support]]) -> str | None:
    values = supports.get(FactKind.CITY)
    return current_value(values) if values else None


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
        "same_as": list(support.same_as),
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
    """Every value a state knows for a kind, in every way it was written."""
    if not state:
        return ()
    values = state.get("facts", {}).get(kind.value, {}).get("values", {})
    return [name for value, support in values.items()
            for name in (value, *support.get("same_as", ()))]


def as_known(watch: Watch, state: Mapping[str, Any] | None) -> Watch:
    """The watch as the story knows it now, for reading the next articles: the day and city
    the event moved to, and for a watch without them, the ones the company has confirmed. So
    the recap of an event moved from 19 August to 30 September is read as this event's, and
    next year's event is told apart from one whose day is known."""
    if not state:
        return watch
    day, city = watch.date, watch.city
    facts = state.get("facts", {})
    for kind in (FactKind.DATE, FactKind.CITY):
        entry = facts.get(kind.value)
        if not entry:
            continue
        value = entry["current"]
        support = entry["values"][value]
        known = day if kind is FactKind.DATE else city
        if support.get("moved_at") or (known is None
                                       and support["weight"] >= weight_of(Status.CONFIRMED)):
            if kind is FactKind.DATE:
                day = date.fromisoformat(value)
            else:
                city = value
    return replace(watch, date=day, city=city) if (day, city) != (watch.date, watch.city) \
        else watch
