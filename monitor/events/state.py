"""An event's state is its facts, each with its supporting sources, plus its best status.

The state is what reading every stored report in publication order gives (`folded`), compared
with the state the last alert announced; a run with new reports reads only those into the
summary it keeps (`Fold.extended`) when that gives exactly the same. Nothing here reads the
clock: the order of events is the order in which articles were published, so replaying 2015
pages today gives 2015's alerts.

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
    held: _Held = (None, False)
    for status, evidence, moves in readings:
        held = _best_step(held, status, evidence, moves)
    return held[0]


# The status held so far, and whether the postponement in force named the new day.
_Held = tuple[tuple[Status, dict[str, Any]] | None, bool]


def _best_step(held: _Held, status: Status, evidence: dict[str, Any], moves: bool) -> _Held:
    """`_best` after one more report: a fold, so new reports continue from the status held."""
    current, dated = held
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
    return current, dated


@dataclass
class Tally:
    """What the event's day, its start and the confirmation rule are read from: sums over
    the reports that come out the same whatever the order they are added in, except that a
    dict keeps the order values were first said in (it breaks ties, as reading order does)."""

    moves: list[tuple[datetime, str]] = field(default_factory=list)  # (when, day moved to)
    dates: dict[str, tuple[int, set[str], datetime]] = field(default_factory=dict)
    times: dict[str, tuple[int, int]] = field(default_factory=dict)  # weight, times said
    confirmed: set[str] = field(default_factory=set)  # sites confirming, not as a rumour

    def add(self, row: ReportRow) -> None:
        report = row.report
        moment = when(row)
        for fact in report.facts:
            if fact.kind is FactKind.DATE:
                if fact.supersedes:
                    self.moves.append((moment, fact.value))
                weight, sites, first = self.dates.get(fact.value, (0, set(), moment))
                self.dates[fact.value] = (max(weight, _weight(report.status)),
                                          sites | {row.site}, min(first, moment))
            elif fact.kind is FactKind.TIME:
                weight, count = self.times.get(fact.value, (0, 0))
                self.times[fact.value] = (max(weight, _weight(report.status, report.basis)),
                                          count + 1)
        if report.status is Status.CONFIRMED and report.basis not in _RUMOUR_BASES:
            self.confirmed.add(row.site)

    def copy(self) -> Tally:
        return Tally(list(self.moves), dict(self.dates), dict(self.times), set(self.confirmed))


def _tally(rows: Iterable[ReportRow]) -> Tally:
    tally = Tally()
    for row in rows:
        tally.add(row)
    return tally


def event_day(rows: Sequence[ReportRow], watch: Watch | None) -> date | None:
    """The event's day as the story stands: the day it last moved to, else the watch's,
    else the day said with the most authority."""
    return _day_of(_tally(rows), watch)


def _day_of(tally: Tally, watch: Watch | None) -> date | None:
    if tally.moves:
        return date.fromisoformat(max(tally.moves)[1])
    if watch is not None and watch.date is not None:
        return watch.date
    if not tally.dates:
        return None
    best = min(tally.dates.items(), key=lambda kv: (-kv[1][0], -len(kv[1][1]), kv[1][2]))
    return date.fromisoformat(best[0])


def _days_before(rows: Sequence[ReportRow], watch: Watch | None, tally: Tally) -> list[date]:
    """Every day the event has had but the current one: the watch's, the one held before any
    move, each move's. Reports after the first move cannot change it (only another move)."""
    moves = sorted(tally.moves)
    days = [date.fromisoformat(v) for _, v in moves]
    if watch is not None and watch.date is not None:
        days.append(watch.date)
    elif moves:
        first = event_day([r for r in rows if when(r) < moves[0][0]], None)
        days += [first] if first else []
    return days


def _start(tally: Tally, day: date | None, city: str | None) -> datetime | None:
    """When the event begins, from the time the reports give it with the most authority."""
    if day is None or not tally.times:
        return None
    best = min(tally.times.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))[0]
    return instant(best, day, city)


@dataclass(frozen=True)
class Frame:
    """What reading any one report depends on besides the report: a new report that leaves
    it as it was is read as it would be in a rebuild, and the earlier ones stay as read."""

    day: date | None
    before: tuple[date, ...]  # the event's other days (`_days_before`)
    start: datetime | None
    lone_confirmation: bool  # fewer sites confirm than policy.confirm_sources

    @property
    def days(self) -> list[date]:
        """Every day the event has had."""
        days = list(self.before)
        return days + ([self.day] if self.day and self.day not in days else [])


def _frame(tally: Tally, before: Sequence[date], watch: Watch | None, policy: Policy) -> Frame:
    day = _day_of(tally, watch)
    return Frame(day, tuple(before), _start(tally, day, watch.city if watch else None),
                 len(tally.confirmed) < policy.confirm_sources)


def _read(row: ReportRow, frame: Frame, policy: Policy) -> _Reading:
    day, days, start = frame.day, frame.days, frame.start
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
          and frame.lone_confirmation):
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
    return folded(rows, watch, policy).state(watch)


def folded(rows: Sequence[ReportRow], watch: Watch | None = None,
           policy: Policy | None = None) -> Fold:
    """Every report read, in publication order, into the summary the state is finished from."""
    policy = policy or Policy()
    ordered = sorted(rows, key=when)
    tally = _tally(ordered)
    fold = Fold(tally, _frame(tally, _days_before(ordered, watch, tally), watch, policy))
    fold.read(ordered, watch, policy)
    return fold


# Where a store row stands in the order build_state reads the store's rows in: by `when`,
# ties as Store.reports_for sorts them (dated before undated, then by article id).
Place = tuple[datetime, bool, int]


def place(row: ReportRow) -> Place | None:
    article_id = getattr(row, "article_id", None)
    return None if article_id is None else (when(row), row.published is None, article_id)


@dataclass
class Fold:
    """The reports read so far, in order: what `build_state` finishes the state from.

    Reports that come after every one read, place no move of the event's day and leave the
    frame as it was are read now exactly as a rebuild would read them (`extended`); anything
    else needs a rebuild.
    """

    tally: Tally
    frame: Frame
    last: Place | None = None  # the last report read, when every one read is a store row
    unplaced: bool = False  # some report read has no place: it cannot be extended
    held: _Held = (None, False)
    supports: dict[FactKind, dict[str, Support]] = field(default_factory=dict)
    set_aside: list[dict[str, Any]] = field(default_factory=list)
    sites: set[str] = field(default_factory=set)
    status_sites: dict[Status, set[str]] = field(default_factory=dict)

    def read(self, ordered: Sequence[ReportRow], watch: Watch | None, policy: Policy) -> None:
        for row in ordered:
            reading = _read(row, self.frame, policy)
            self.held = _best_step(self.held, reading.status,
                                   _evidence(row, row.report.status_evidence), _moves(row))
            _support(self.supports, reading, watch)
            self.set_aside += reading.aside
            self.sites.add(row.site)
            self.status_sites.setdefault(reading.status, set()).add(row.site)
            spot = place(row)
            self.unplaced = self.unplaced or spot is None
            self.last = spot if spot is not None and (self.last is None or spot > self.last) \
                else self.last

    def extended(self, rows: Sequence[ReportRow], watch: Watch | None,
                 policy: Policy | None = None) -> Fold | None:
        """This fold with store rows read after it, exactly as `folded` would have them read
        from all the rows; None when that needs a rebuild. This fold is left as it was."""
        policy = policy or Policy()
        spots = [place(r) for r in rows]
        if any(spot is None for spot in spots) or self.unplaced:
            return None
        ordered = [r for _, r in sorted(zip(spots, rows, strict=True), key=lambda x: x[0])]
        if ordered and self.last is not None and place(ordered[0]) <= self.last:  # type: ignore[operator]
            return None  # an article published before one read: the order changes
        if any(_moves(r) for r in ordered):
            return None  # the days the event has had change: earlier reports read otherwise
        tally = self.tally.copy()
        for row in ordered:
            tally.add(row)
        frame = _frame(tally, self.frame.before, watch, policy)
        if frame != self.frame:
            return None  # the day, the start or the confirmation rule changed for every report
        fold = Fold(tally, frame, self.last, False, self.held,
                    {k: dict(v) for k, v in self.supports.items()}, list(self.set_aside),
                    set(self.sites), {k: set(v) for k, v in self.status_sites.items()})
        fold.read(ordered, watch, policy)
        return fold

    def state(self, watch: Watch | None) -> dict[str, Any] | None:
        """The event's state from the reports read, as `build_state` gives it."""
        status = self.held[0]
        if status is None:
            return None
        day = self.frame.day
        supports = self.supports
        city = watch.city if watch is not None and watch.city else _current_city(supports)
        set_aside = list(self.set_aside)
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
            "sites": sorted(self.sites),
            "status_sites": sorted(self.status_sites.get(status[0], ())),
            "event_day": day.isoformat() if day else None,
            "facts": facts,
            "set_aside": set_aside,
        }

    def to_json(self) -> dict[str, Any]:
        """As the store keeps it (lists, not objects, so no backend reorders keys)."""
        t, f = self.tally, self.frame
        return {
            "tally": {"moves": [[m.isoformat(), v] for m, v in t.moves],
                      "dates": [[v, w, sorted(s), first.isoformat()]
                                for v, (w, s, first) in t.dates.items()],
                      "times": [[v, w, n] for v, (w, n) in t.times.items()],
                      "confirmed": sorted(t.confirmed)},
            "frame": {"day": _iso(f.day), "before": [d.isoformat() for d in f.before],
                      "start": _iso(f.start), "lone_confirmation": f.lone_confirmation},
            "last": None if self.last is None else [self.last[0].isoformat(), *self.last[1:]],
            "unplaced": self.unplaced,
            "held": None if self.held[0] is None else
            [self.held[0][0].value, self.held[0][1], self.held[1]],
            "supports": [[k.value, [[v, _support_json(s)] for v, s in values.items()]]
                         for k, values in self.supports.items()],
            "set_aside": self.set_aside,
            "sites": sorted(self.sites),
            "status_sites": [[k.value, sorted(v)] for k, v in self.status_sites.items()],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Fold:
        t, f = data["tally"], data["frame"]
        tally = Tally([(datetime.fromisoformat(m), v) for m, v in t["moves"]],
                      {v: (w, set(s), datetime.fromisoformat(first))
                       for v, w, s, first in t["dates"]},
                      {v: (w, n) for v, w, n in t["times"]}, set(t["confirmed"]))
        frame = Frame(date.fromisoformat(f["day"]) if f["day"] else None,
                      tuple(date.fromisoformat(d) for d in f["before"]),
                      datetime.fromisoformat(f["start"]) if f["start"] else None,
                      f["lone_confirmation"])
        last = data["last"]
        held = data["held"]
        return cls(
            tally, frame,
            None if last is None else (datetime.fromisoformat(last[0]), last[1], last[2]),
            data["unplaced"],
            (None, False) if held is None else ((Status(held[0]), held[1]), held[2]),
            {FactKind(k): {v: _support_from_json(s) for v, s in values}
             for k, values in data["supports"]},
            list(data["set_aside"]), set(data["sites"]),
            {Status(k): set(v) for k, v in data["status_sites"]})


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _names_event(row: ReportRow, watch: Watch | None) -> bool:
    """Whether the article names one of the watch's aliases (its event, series, people)."""
    # Imported here, as in monitor.events.values: a cron run with nothing new imports this
    # module for `as_known` and should not compile the reader's cue patterns for it.
    from monitor.extract.reading.companies import company_pattern

    pattern = company_pattern(watch.aliases) if watch is not None else None
    if pattern is None:
        return watch is None  # nothing to tell events apart by: every article is the event's
    said = [row.title or "", row.report.status_evidence, *(f.evidence for f in row.report.facts)]
    return any(pattern.search(text) for text in said if text)


def _support(supports: dict[FactKind, dict[str, Support]], reading: _Reading,
             watch: Watch | None) -> None:
    """Add what one report says to the support of each value, reports read in order."""
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
    from monitor.extract.reading.times import city_family  # see _names_event

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


def _support_from_json(data: Mapping[str, Any]) -> Support:
    moved = data["moved_at"]
    return Support(tuple(data["sites"]), datetime.fromisoformat(data["first_seen"]),
                   data["evidence"], data["weight"], datetime.fromisoformat(data["latest"]),
                   datetime.fromisoformat(moved) if moved else None, tuple(data["same_as"]))


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
