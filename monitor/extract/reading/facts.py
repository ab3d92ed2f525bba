"""Event facts an article asserts about each watch's event, each with its evidence sentence.

The article is cut into sentences and the sentences into clauses. Each clause is placed
against the watch (its own city or date agrees, disagrees, or it says neither and inherits
the clause before it in the paragraph), and facts come only from clauses about the watch's
event, so "after its New Delhi launch in April, Xiaomi will hold an event in San Francisco"
gives San Francisco and nothing of New Delhi.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from monitor.extract.reading import cues
from monitor.extract.reading.companies import company_pattern, other_companies
from monitor.extract.reading.dates import DateMention, find_dates
from monitor.extract.reading.people import Person, find_people
from monitor.extract.reading.places import Place, city_country, find_places
from monitor.extract.reading.products import Product, find_products
from monitor.extract.reading.sentences import split_paragraphs, split_sentences
from monitor.extract.reading.times import TimeMention, find_times
from monitor.model import Article, EventReport, Fact, FactKind, Status, Watch

# Where a clause breaks inside a sentence: punctuation and words that open another scene.
_CLAUSE_BREAK = re.compile(
    r",|;|:|\s[—–-]\s|[()]|\b(?:while|whereas|but|however|after|before|following|ahead of|unlike|"
    r"although|though|than|dopo|después de|nach)\b",
    re.IGNORECASE,
)
# Where a negation stops reaching ("will not sell phones, but will sell the Mi Band").
_SCOPE_BREAK = re.compile(r";|\b(?:but|however|while|whereas|though|although|ma|pero|aber)\b")
# A date right after these words is when something was said or sent, not the event's date.
_REPORTED_BEFORE = re.compile(
    rf"\b(?:{cues.REPORTING_VERBS.pattern})(?:\s+out)?(?:\s+(?:us|reporters|the press|media))?"
    r"(?:\s+(?:press\s+)?(?:invites|invitations|a statement|an email|the news))?"
    r"\s+(?:on\s+|earlier\s+|late\s+|this\s+|last\s+)?$",
    re.IGNORECASE,
)
_REPORTED_AFTER = re.compile(
    rf"^(?:,\s+(?:[\w'’]+\s+){{0,3}}?|\s+)(?:{cues.REPORTING_VERBS.pattern})", re.IGNORECASE
)
# A date after these words is the one a move left behind ("originally set for February 12").
_OLD_DATE = re.compile(
    r"\b(?:originally|previously|initially|from|not|(?:set|scheduled|planned|expected) for|"
    r"instead of|than|first planned|previst[oa] (?:per|para)|programmat[oa] per|"
    r"geplant (?:für|am)|ursprünglich|statt(?: am)?|en lugar del?)"
    r"\b[^,;]{0,25}$",
    re.IGNORECASE,
)
# ...unless a word of destination stands right before it: "from February 12 to February 24".
_NEW_DATE = re.compile(r"\b(?:to|until|till|auf|al|a)\s+$", re.IGNORECASE)
# Another date this close, in the watched city, is a disagreement about the same event
# (12 vs 13 February) unless the sentence names another kind of gathering.
_NEAR = timedelta(days=3)
_OTHER_KIND = re.compile(
    r"\b(?:meet-?ups?|fans? (?:meet|festival|day)|Mi Fan|flash sale|sales?|store opening|pop-up|"
    r"hackathon|workshop)\b",
    re.IGNORECASE,
)
# A past event this far before the article is another event when the watch has no date.
_OLD = timedelta(days=30)


class Anchor(enum.Enum):
    """How a clause stands to the watched event."""

    MATCH = "match"  # names the watch's city or date
    OTHER = "other"  # names another city or date only
    NEUTRAL = "neutral"  # names neither


class Subject(enum.Enum):
    OURS = "ours"
    OTHER = "other"
    NONE = "none"


@dataclass
class Clause:
    """A piece of a sentence with what it names and how it stands to the watch."""

    text: str
    sentence: str
    sentence_index: int
    in_title: bool = False
    dates: list[DateMention] = field(default_factory=list)
    said_on: list[DateMention] = field(default_factory=list)  # when something was said or sent
    places: list[Place] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    ours: bool = False
    other_company: bool = False
    event: bool = False
    moved: bool = False
    date_match: bool = False
    date_conflict: bool = False
    city_match: bool = False
    city_conflict: bool = False
    anchor: Anchor = Anchor.NEUTRAL
    subject: Subject = Subject.NONE

    @property
    def relevant(self) -> bool:
        return self.anchor is not Anchor.OTHER and self.subject is not Subject.OTHER


def find_reports(article: Article, watches: Sequence[Watch]) -> list[EventReport]:
    """One report per watch whose event the article is about, in watch order."""
    return [r for w in watches if (r := report_for(article, w)) is not None]


def report_for(article: Article, watch: Watch) -> EventReport | None:
    """What `article` says about `watch`'s event, or None when it is not about that event."""
    return _Reader(article, watch).report()


class _Reader:
    """Reads one article for one watch."""

    def __init__(self, article: Article, watch: Watch) -> None:
        self.article = article
        self.watch = watch
        self.ref: date | None = article.published.date() if article.published else None
        language = (article.language or "en").lower()
        self.day_first = not (language == "en" or language.startswith("en-us"))
        self.ours = company_pattern([watch.company, *watch.aliases])
        self.others = other_companies(watch.company)
        self.country = city_country(watch.city) if watch.city else None
        self.clauses = self._clauses()

    # --- reading -------------------------------------------------------------------------

    def _clauses(self) -> list[Clause]:
        paragraphs = split_paragraphs(self.article.title or "") + split_paragraphs(
            self.article.body
        )
        raw: list[list[Clause]] = []
        titles = len(split_paragraphs(self.article.title or ""))
        index = 0
        for number, paragraph in enumerate(paragraphs):
            raw.append([])
            for sentence in split_sentences(paragraph):
                for clause in self._split(sentence, index):
                    clause.in_title = number < titles
                    raw[-1].append(clause)
                index += 1
        self._settle_single_anchors([c for p in raw for c in p])
        clauses: list[Clause] = []
        subject = Subject.NONE
        for paragraph_clauses in raw:
            context = Anchor.NEUTRAL
            for clause in paragraph_clauses:
                clause.anchor = self._anchor(clause)
                if clause.anchor is Anchor.NEUTRAL:
                    clause.anchor = context
                context = clause.anchor
                if clause.ours:
                    subject = Subject.OURS
                elif clause.other_company:
                    subject = Subject.OTHER
                clause.subject = subject
                clauses.append(clause)
        return clauses

    def _settle_single_anchors(self, clauses: list[Clause]) -> None:
        """A clause that agrees on the city alone is another event when every date the article
        gives its events disagrees ("returns to San Francisco ... on February 25"), and the same
        for a date alone against every city."""
        events = [c for c in clauses if c.event and not (c.other_company and not c.ours)]
        other_date = any(c.date_conflict for c in events) and not any(c.date_match for c in events)
        other_city = any(c.city_conflict for c in events) and not any(c.city_match for c in events)
        for clause in clauses:
            if other_date and clause.city_match and not clause.dates:
                clause.date_conflict = True
            if other_city and clause.date_match and not clause.places:
                clause.city_conflict = True

    def _split(self, sentence: str, index: int) -> list[Clause]:
        past = bool(cues.PAST_TENSE.search(sentence)) and not cues.FUTURE_TENSE.search(sentence)
        reference = self.ref or self.watch.date  # without the article's date, only to place years
        dates = find_dates(sentence, reference, day_first=self.day_first, past=past)
        if self.ref is None:
            dates = [d for d in dates if re.search(r"\d", d.text)]
        said_on = [d for d in dates if _is_reporting_date(sentence, d)]
        dates = [d for d in dates if d not in said_on]
        places = find_places(sentence)
        times = find_times(sentence)
        people = find_people(sentence, self.watch.aliases)
        products = find_products(sentence)
        spans = [(x.start, x.end) for x in (*dates, *places, *times, *products)]
        cuts = [0]
        for match in _CLAUSE_BREAK.finditer(sentence):
            at = match.start()
            if (
                any(s < at < e for s, e in spans)
                or at <= cuts[-1]
                or _in_list(sentence, at, places)
            ):
                continue
            cuts.append(at)
        cuts.append(len(sentence))
        moved = bool(cues.MOVE_CUES.search(sentence))
        out: list[Clause] = []
        for start, end in pairwise(cuts):
            text = sentence[start:end]
            clause = Clause(
                text=text,
                sentence=sentence,
                sentence_index=index,
                dates=[d for d in dates if start <= d.start < end],
                places=[p for p in places if start <= p.start < end],
                times=[t for t in times if start <= t.start < end],
                people=[p for p in people if start <= p.start < end],
                products=[p for p in products if start <= p.start < end],
                said_on=[d for d in said_on if start <= d.start < end],
                ours=bool(self.ours and self.ours.search(text)),
                other_company=bool(self.others.search(text)),
                event=bool(cues.EVENT_WORDS.search(text)),
                moved=moved,
            )
            clause.ours = clause.ours or bool(clause.people)
            self._compare(clause)
            out.append(clause)
        return out

    def _compare(self, clause: Clause) -> None:
        """Record where the clause's own dates and places agree or disagree with the watch."""
        if clause.dates:
            if self.watch.date:
                if any(d.covers(self.watch.date) for d in clause.dates):
                    clause.date_match = True
                elif not clause.moved:
                    clause.date_conflict = True
            elif self.ref and all(d.last < self.ref - _OLD for d in clause.dates):
                clause.date_conflict = True
        if self.watch.city:
            cities = {p.name for p in clause.places if p.kind == "city"}
            countries = {p.name for p in clause.places if p.kind == "country"}
            if self.watch.city in cities:
                clause.city_match = True
            elif cities or (self.country and countries and self.country not in countries):
                clause.city_conflict = True
        if clause.date_conflict and clause.city_match and self._near(clause):
            clause.date_conflict = False

    def _near(self, clause: Clause) -> bool:
        assert self.watch.date is not None
        return not _OTHER_KIND.search(clause.sentence) and all(
            d.exact and abs(d.first - self.watch.date) <= _NEAR for d in clause.dates
        )

    @staticmethod
    def _anchor(clause: Clause) -> Anchor:
        if clause.date_conflict or clause.city_conflict:
            return Anchor.OTHER
        return Anchor.MATCH if clause.date_match or clause.city_match else Anchor.NEUTRAL

    # --- deciding ------------------------------------------------------------------------

    def report(self) -> EventReport | None:
        if not any(c.ours for c in self.clauses):
            return None
        ours = [c for c in self.clauses if c.subject is not Subject.OTHER]
        events = [c for c in ours if c.event]
        if not any(c.anchor is Anchor.MATCH for c in events) and (
            not any(c.anchor is Anchor.NEUTRAL for c in events)
            or any(c.anchor is Anchor.OTHER for c in events)
        ):
            return None
        if self._passing_mention():
            return None
        relevant = [c for c in self.clauses if c.relevant]
        facts: list[Fact] = []
        facts.extend(self._company(relevant))
        event_date = self._date(relevant, facts)
        facts.extend(self._city(relevant))
        facts.extend(self._first(FactKind.VENUE, _venues(relevant)))
        facts.extend(self._time(relevant))
        facts.extend(self._speakers(relevant, self._happened(event_date)))
        facts.extend(self._products(relevant))
        status, evidence = self._status(relevant, event_date)
        return EventReport(self.watch.name, status, evidence, tuple(facts))

    def _passing_mention(self) -> bool:
        """True when the headline is about another event of the company and the watched
        event lies long before the article: a look back in passing, no report of it."""
        if not (self.watch.date and self.ref and self.watch.date < self.ref - _OLD):
            return False
        title = [c for c in self.clauses if c.in_title]
        return any(c.anchor is Anchor.OTHER for c in title) and not any(
            c.anchor is Anchor.MATCH for c in title
        )

    def _company(self, relevant: list[Clause]) -> list[Fact]:
        mentions = [c for c in relevant if c.ours]
        best = next((c for c in mentions if c.event), mentions[0] if mentions else None)
        if best is None:
            best = next(c for c in self.clauses if c.ours)
        return [Fact(FactKind.COMPANY, self.watch.company, best.sentence)]

    def _date(self, relevant: list[Clause], facts: list[Fact]) -> date | None:
        candidates: list[tuple[date, str]] = []
        moved: list[tuple[date, str]] = []
        for clause in relevant:
            if not (clause.event or _sentence_has_event(clause) or clause.moved):
                continue
            for mention in clause.dates:
                if not mention.exact:
                    continue
                if not clause.moved:
                    candidates.append((mention.first, clause.sentence))
                elif not _OLD_DATE.search(before := clause.sentence[: mention.start]) or (
                    _NEW_DATE.search(before)
                ):
                    moved.append((mention.first, clause.sentence))
        if not candidates and not moved:
            # No date in an event sentence: one the article ties to the event elsewhere will do.
            candidates = [
                (m.first, c.sentence)
                for c in relevant
                if not c.moved and (c.ours or c.date_match or c.city_match)
                for m in c.dates
                if m.exact
            ]
        if not candidates and not moved:
            # Coverage of the event as it happens: "announced today at an event", a liveblog.
            candidates = [
                (m.first, c.sentence)
                for c in relevant
                if _at_the_event(c.sentence)
                for m in c.said_on
                if m.exact
            ]
            live = next((c for c in relevant if cues.LIVE_CUES.search(c.sentence)), None)
            if not candidates and live and self.ref:
                candidates = [(self.ref, live.sentence)]
        chosen: tuple[date, str] | None = None
        if moved:
            chosen = moved[-1]
        elif any(c.moved for c in relevant):
            return self.watch.date  # moved without a new date: the old one is no fact any more
        elif self.watch.date and any(d == self.watch.date for d, _ in candidates):
            chosen = next(c for c in candidates if c[0] == self.watch.date)
        elif candidates:
            top = Counter(d for d, _ in candidates).most_common(1)[0][0]
            chosen = next(c for c in candidates if c[0] == top)
        if chosen is None:
            return self.watch.date
        facts.append(Fact(FactKind.DATE, chosen[0].isoformat(), chosen[1],
                          supersedes=bool(moved)))
        return chosen[0]

    def _city(self, relevant: list[Clause]) -> list[Fact]:
        found = [
            (p.name, c.sentence, c.event) for c in relevant for p in c.places if p.kind == "city"
        ]
        if self.watch.city:
            found = [f for f in found if f[0] == self.watch.city]
        else:
            found = [f for f in found if f[2]] or found
        if not found:
            return []
        top = Counter(name for name, _, _ in found).most_common(1)[0][0]
        evidence = next(
            s for name, s, event in sorted(found, key=lambda f: not f[2]) if name == top
        )
        return [Fact(FactKind.CITY, top, evidence)]

    def _time(self, relevant: list[Clause]) -> list[Fact]:
        found = [
            (t, c.sentence)
            for c in relevant
            if c.event or _sentence_has_event(c) or cues.START_WORDS.search(c.sentence)
            for t in c.times
        ]
        if not found:
            return []
        best = min(found, key=lambda f: (not _starts_at(f[1], f[0]), not f[0].has_zone))
        return [Fact(FactKind.TIME, best[0].value, best[1])]

    def _past_reference(self, relevant: list[Clause], event_date: date | None) -> str | None:
        """A sentence that speaks of the event as past ("after its SF event last week")."""
        if self.ref is None or event_date is None or self.ref <= event_date:
            return None
        for clause in relevant:
            if clause.event and any(
                d.last < self.ref and d.covers(event_date) for d in clause.dates
            ):
                return clause.sentence
        return None

    def _happened(self, event_date: date | None) -> bool:
        return self.ref is None or (event_date is not None and self.ref >= event_date)

    def _speakers(self, relevant: list[Clause], happened: bool) -> list[Fact]:
        found = [
            (p.name, c.sentence)
            for c in relevant
            for p in c.people
            if not _negated_person(c.sentence, p)
            and (cues.SPEAKER_CUES.search(c.sentence)
            or cues.FUTURE_STAGE_VERBS.search(c.sentence[p.end :])
            or (happened and cues.STAGE_VERBS.search(c.sentence[p.end :]))
            or (happened and _at_the_event(c.sentence)))
        ]
        return list(self._each(FactKind.SPEAKER, found))

    def _products(self, relevant: list[Clause]) -> list[Fact]:
        found = [
            (p.name, c.sentence)
            for c in relevant
            if cues.LAUNCH_VERBS.search(c.sentence)
            for p in c.products
            if not _negated(c.sentence, p)
        ]
        return list(self._each(FactKind.PRODUCT, found))

    @staticmethod
    def _each(kind: FactKind, found: Iterable[tuple[str, str]]) -> Iterable[Fact]:
        seen: set[str] = set()
        for value, sentence in found:
            if value not in seen:
                seen.add(value)
                yield Fact(kind, value, sentence)

    @staticmethod
    def _first(kind: FactKind, found: list[tuple[str, str]]) -> list[Fact]:
        if not found:
            return []
        top = Counter(v for v, _ in found).most_common(1)[0][0]
        return [Fact(kind, top, next(s for v, s in found if v == top))]

    def _status(self, relevant: list[Clause], event_date: date | None) -> tuple[Status, str]:
        happened_allowed = self._happened(event_date)
        # The strongest cue wins; among equals a body sentence before a headline, one that
        # names the event before one that does not, else the first.
        best: tuple[tuple[int, bool, bool], Status, str] | None = None
        for text, sentence, in_title, goods in _verdict_texts(relevant, self.clauses):
            verdict = cues.sentence_verdict(
                text, allow_happened=happened_allowed, about_goods=goods
            )
            names_event = bool(cues.EVENT_WORDS.search(sentence))
            rank = (verdict.cue.priority, not in_title, names_event) if verdict else None
            if verdict and rank and (best is None or rank > best[0]):
                best = (rank, verdict.status, sentence)
        past = self._past_reference(relevant, event_date) if happened_allowed else None
        if past and (best is None or best[0][0] < cues.PRIORITY[Status.HAPPENED]):
            return Status.HAPPENED, past
        if best:
            return best[1], best[2]
        ordered = sorted(relevant, key=lambda c: c.in_title) or self.clauses
        fallback = next(
            (c for c in ordered if c.event and c.anchor is Anchor.MATCH),
            next((c for c in ordered if c.event), ordered[0]),
        )
        return Status.REPORTED, fallback.sentence


def _verdict_texts(
    relevant: list[Clause], clauses: list[Clause]
) -> Iterable[tuple[str, str, bool, bool]]:
    """Per sentence, the words that may decide the status: the whole sentence when all of it
    is about the event, else only its relevant clauses; and whether it names a product."""
    by_sentence: dict[int, list[Clause]] = {}
    for clause in clauses:
        by_sentence.setdefault(clause.sentence_index, []).append(clause)
    wanted = {c.sentence_index for c in relevant}
    for index in sorted(wanted):
        parts = by_sentence[index]
        goods = any(c.products for c in parts)
        if all(c.relevant for c in parts):
            yield parts[0].sentence, parts[0].sentence, parts[0].in_title, goods
        else:
            text = " ".join(c.text for c in parts if c.relevant)
            yield text, parts[0].sentence, parts[0].in_title, goods


def _venues(relevant: list[Clause]) -> list[tuple[str, str]]:
    return [(p.name, c.sentence) for c in relevant for p in c.places if p.kind == "venue"]


def _at_the_event(sentence: str) -> bool:
    """True when the sentence reports what happened at the event, so who spoke there spoke."""
    verdict = cues.sentence_verdict(sentence)
    return verdict is not None and verdict.status is Status.HAPPENED


def _starts_at(sentence: str, time: TimeMention) -> bool:
    """True when a start word stands just before the time ("starts at 10am PT")."""
    return bool(cues.START_WORDS.search(sentence[max(0, time.start - 30) : time.start]))


def _sentence_has_event(clause: Clause) -> bool:
    return bool(cues.EVENT_WORDS.search(clause.sentence))


def _negated(sentence: str, product: Product) -> bool:
    starts = [0] + [m.end() for m in _SCOPE_BREAK.finditer(sentence) if m.end() <= product.start]
    ends = [m.start() for m in _SCOPE_BREAK.finditer(sentence) if m.start() >= product.end]
    scope = sentence[starts[-1] : ends[0] if ends else len(sentence)]
    return bool(cues.NEGATIONS.search(scope))


def _negated_person(sentence: str, person: Person) -> bool:
    """True for "Lei Jun is not expected to attend": a negation right after the name."""
    after = sentence[person.end :]
    scope = _SCOPE_BREAK.split(after, maxsplit=1)[0]
    return bool(re.match(r"^\s+(?:is|was|will)\s+(?:not|n't|never)\b|^\s+won't\b", scope))


def _is_reporting_date(sentence: str, mention: DateMention) -> bool:
    before = sentence[max(0, mention.start - 60) : mention.start]
    after = sentence[mention.end : mention.end + 60]
    if _REPORTED_BEFORE.search(before):
        return True
    # "On Monday, Xiaomi said ..." or "Xiaomi today announced ...", not "... on April 8, it said".
    fronted = re.fullmatch(r"\W*(?:on|earlier|late|last)?\s*", sentence[: mention.start], re.I)
    return bool(_REPORTED_AFTER.search(after)) and (
        fronted is not None or not after.startswith(",")
    )


def _in_list(sentence: str, at: int, places: list[Place]) -> bool:
    """True for the comma in "San Francisco, London and Singapore": a list, not a clause."""
    if sentence[at] != ",":
        return False
    ends_before = any(p.end == at for p in places)
    starts_after = any(
        p.start == at + 1 + (len(sentence[at + 1 :]) - len(sentence[at + 1 :].lstrip()))
        for p in places
    )
    return ends_before and starts_after
