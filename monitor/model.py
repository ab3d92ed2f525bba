"""The domain vocabulary shared by every part: plain data, no I/O, no Scrapy."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class Status(enum.StrEnum):
    """How sure an article is about an event, from its wording."""

    RUMORED = "rumored"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    HAPPENED = "happened"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    DENIED = "denied"

    @property
    def rank(self) -> int:
        """Order of certainty along the normal path; the disruptions sit outside it (0)."""
        return _RANK.get(self, 0)

    @property
    def is_disruption(self) -> bool:
        return self in (Status.POSTPONED, Status.CANCELLED, Status.DENIED)


_RANK = {Status.RUMORED: 1, Status.REPORTED: 2, Status.CONFIRMED: 3, Status.HAPPENED: 4}


class FactKind(enum.StrEnum):
    """What an article can say about an event. DATE, CITY, VENUE and TIME hold one value."""

    COMPANY = "company"
    DATE = "date"
    CITY = "city"
    VENUE = "venue"
    TIME = "time"
    SPEAKER = "speaker"
    PRODUCT = "product"

    @property
    def single_valued(self) -> bool:
        return self in (FactKind.DATE, FactKind.CITY, FactKind.VENUE, FactKind.TIME)


@dataclass(frozen=True)
class Watch:
    """One event a user follows, from the config."""

    name: str
    company: str
    aliases: tuple[str, ...] = ()
    city: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Article:
    """What a page says as an article, independent of how it was fetched."""

    url: str
    canonical_url: str
    title: str | None
    body: str
    published: datetime | None = None  # timezone-aware when known
    modified: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    site_name: str | None = None
    # A home page, section, tag or search page: teasers of many stories, not one article.
    # Nothing is read from it about any event; the crawl follows its links instead.
    is_listing: bool = False
    # A listing's article links, absolute, in page order (none on an article): read with the
    # article so the crawl's own process never parses a page a second time to find them.
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    """One thing an article asserts about an event, with the sentence that says so.

    `value` is normalised so that equal facts compare equal across sources: ISO date
    ("2015-02-12"), canonical city name, venue and speaker names as written, time as
    "10:00 PT", product names as written.
    """

    kind: FactKind
    value: str
    evidence: str
    # The article says this value replaced an earlier one ("moved from the 12th to the 24th"):
    # it wins over older values however well those were supported.
    supersedes: bool = False


@dataclass(frozen=True)
class EventReport:
    """What one article says about one watch's event; absent when the article is not about it."""

    watch: str
    status: Status
    status_evidence: str
    facts: tuple[Fact, ...] = field(default_factory=tuple)
    # Who says the status: "on_record", "report", "leak", "speculation"; None when the writer
    # states it plainly. The story weighs a status by it (issue 9).
    basis: str | None = None


class ChangeKind(enum.StrEnum):
    FIRST_SEEN = "first_seen"  # the event appears for the first time
    STATUS = "status"  # status rose (reported -> confirmed) or a disruption (postponed ...)
    NEW = "new"  # a fact with no earlier value (venue, time, a speaker, a product)
    CHANGED = "changed"  # a single-valued fact moved (date 12 -> 13 February)
    CONFLICT = "conflict"  # independent sources disagree on a single-valued fact
    # Something an earlier alert announced lost its support: a better source says otherwise,
    # or it belonged to another event. `old` is what was announced, `new` what holds ("" for
    # nothing).
    CORRECTION = "correction"


@dataclass(frozen=True)
class Evidence:
    """Where a fact or status was read: the sentence and the article it stands in."""

    sentence: str
    url: str
    source: str  # the publishing site, e.g. "gsmarena.com"
    title: str | None = None
    published: datetime | None = None


@dataclass(frozen=True)
class Change:
    """One line of an alert. `fact` is None for status changes and first sightings."""

    kind: ChangeKind
    new: str
    fact: FactKind | None = None
    old: str | None = None
    evidence: tuple[Evidence, ...] = ()
    independent_sources: int = 1
    note: str | None = None  # why, for a correction


@dataclass(frozen=True)
class AlertDraft:
    """Everything an alert says, before it is rendered for any channel."""

    watch: Watch
    version: int  # the watch's state version this alert announces; part of its identity
    status: Status
    changes: tuple[Change, ...]
