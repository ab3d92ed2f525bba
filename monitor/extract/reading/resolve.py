"""Which clauses of an article speak of the watched event, and which of another one.

Each clause is placed against the watch: its own dates and cities agree, disagree, or say
neither and it takes the place of the clause before it in the paragraph. A clause also
belongs to another event when it names another company as the holder, the company's earlier
or next edition ("last year's launch", "next year's event"), or tells as past an event that
time puts in the future. Then the article's memory: once its clauses about the watched event
give a date or a city, a clause that names another date or city is another event too, for
watches with and without a date. Facts and status come only from clauses about the watch.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from monitor.extract.reading import cues
from monitor.extract.reading.analysis import Analysis, Clause, Sentence
from monitor.extract.reading.claims import judge, word_names
from monitor.extract.reading.companies import company_pattern, other_companies
from monitor.extract.reading.cues import Predicate
from monitor.extract.reading.dates import RELATIVE_DAYS, DateMention
from monitor.extract.reading.people import Person, find_aliases
from monitor.extract.reading.places import canonical_city, city_country
from monitor.model import Status, Watch

# Another date this close, in the watched city, is a disagreement about the same event
# (12 vs 13 February) unless the sentence names another kind of gathering.
NEAR = timedelta(days=3)
_OTHER_KIND = re.compile(
    r"\b(?:meet-?ups?|fans? (?:meet|festival|day)|Mi Fan|flash sale|sales?|store opening|pop-up|"
    r"hackathon|workshop|pre-?orders?|on sale|in stores|shipping|ships|available|availability|"
    r"goes on sale|deliveries|Marktstart|vendita|in vendita|a la venta|en vente|disponible|"
    r"disponibile|verfügbar|erhältlich|beschikbaar|disponível)\b",
    re.IGNORECASE,
)
_ZONE_SLIP = timedelta(days=1)
# A past event this far before the article is another event when the watch has no date.
OLD = timedelta(days=30)
# An article this long after the watched day that never names its day or city is about a later
# event of the company, not this one.
LATE = timedelta(days=14)
# An article this long before the watched day tells of it only by naming its day.
EARLY = timedelta(days=300)
# An earlier/next-edition word this close before an event word makes the clause that edition.
_EDITION_REACH = 30


class Anchor(enum.Enum):
    """How a clause stands to the watched event."""

    MATCH = "match"  # names the watch's city or date
    OTHER = "other"  # names another city or date, or another edition
    NEUTRAL = "neutral"  # names neither


@dataclass
class Placed:
    """A clause as it stands to one watch."""

    sentence: Sentence
    clause: Clause
    ours: bool = False  # names the company, an alias or a watched person
    people: tuple[Person, ...] = ()
    other_company: bool = False
    date_match: bool = False
    date_conflict: bool = False
    city_match: bool = False
    city_conflict: bool = False
    edition: bool = False  # another edition of the company's event
    new_day: bool = False  # names the day the watched event moved to
    new_place: bool = False  # names the city the watched event moved to
    year_agrees: bool = False  # names the watched day's year, and no other day ("gamescom 2020")
    anchor: Anchor = Anchor.NEUTRAL
    theirs: bool = False  # another company's event
    own_event_name: bool = False  # names the watched event by an alias ("Ubisoft Forward")

    @property
    def event(self) -> bool:
        return self.clause.event or self.own_event_name

    @property
    def relevant(self) -> bool:
        return self.anchor is not Anchor.OTHER and not self.theirs


@dataclass
class Placement:
    """Every clause of the article as it stands to the watch, in reading order."""

    clauses: list[Placed]
    event_date: date | None  # the watched event's day as the watch or the article gives it
    main: Anchor  # how the event the article is about stands to the watch
    # The company's names that are also words the reader weighs ("Nothing", "Essential"):
    # they are masked before a sentence is judged, so "Nothing will unveil" is no denial.
    word_names: tuple[str, ...] = ()
    dated: bool = True  # the article has its own publication day
    # The company itself and its people, without the event's names: who may stay away from it.
    company: re.Pattern[str] | None = None
    others: re.Pattern[str] | None = None  # every other company known

    @property
    def relevant(self) -> list[Placed]:
        return [c for c in self.clauses if c.relevant]


def place(analysis: Analysis, watch: Watch) -> Placement | None:
    """The article's clauses against `watch`, or None when it does not name the company."""
    ours = company_pattern([watch.company, *watch.aliases])
    if ours is None or not any(ours.search(s.text) for s in analysis.sentences):
        return None
    others = other_companies(watch.company)
    country = city_country(canonical_city(watch.city) or watch.city) if watch.city else None
    ref = analysis.reference
    events = _event_aliases(watch)
    event_name = company_pattern(events)
    placed: list[Placed] = []
    for sentence in analysis.sentences:
        people = find_aliases(sentence.text, watch.aliases) if watch.aliases else []
        for clause in sentence.clauses:
            mine = tuple(p for p in people if clause.start <= p.start < clause.end
                         and p.name in watch.aliases)
            item = Placed(sentence, clause, people=mine)
            item.ours = _named(ours, clause.text) or bool(mine)
            item.own_event_name = event_name is not None and bool(event_name.search(clause.text))
            item.other_company = not item.ours and (
                _as_subject(others, clause.text, _listed(sentence.text, clause.start))
                or _others_launch(sentence, clause, ours))
            _compare(item, watch, ref, country)
            placed.append(item)
    _follow_the_move(placed, watch, ref)
    dated = analysis.article.published is not None
    other_date = _dated_elsewhere(placed, watch, ref, dated)
    _settle_single_anchors(placed, watch, other_date)
    _other_names(placed)
    main = _anchor(placed)
    event_date = _event_date(placed, watch)
    _remember(placed, watch, event_date)
    _rule_out_by_time(placed, ref, event_date)
    company = company_pattern([watch.company, *(
        a for a in watch.aliases if a not in events and not re.search(r"\d", a)
        and not cues.EVENT_WORDS.search(a))])
    return Placement(placed, event_date, main, word_names([watch.company, *watch.aliases]),
                     dated=dated, company=company, others=others)


def _event_aliases(watch: Watch) -> list[str]:
    """The aliases that name the event itself: the company's name and more, as events are
    named ("Ubisoft Forward", "Made by Google", "Nikon in White"); not a product with its
    number ("Nikon 1") nor the company's own longer name ("Škoda Auto")."""
    company = watch.company.casefold()
    return [a for a in watch.aliases
            if not re.search(r"\d", a) and (
                # ("Snapdragon Summit", "Galaxy Unpacked", "Data News Awards")
                cues.EVENT_WORDS.search(a)
                or (company in a.casefold() and a.casefold() != company
                    and not _CORPORATE.fullmatch(a.casefold().replace(company, "").strip(" -"))))]


_CORPORATE = re.compile(r"auto|motors?|group|inc\.?|corp\.?|corporation|ag|se|ltd|limited"
                        r"|electronics|mobile|technologies|technology|co\.?|company|holdings?"
                        r"|gmbh|s\.?a\.?|international|japan|europe|usa|america|india|china|uk|"
                        r"deutschland|france|italia|españa|interactive|entertainment|games"
                        r"|studios?")


_LOCATIVE = re.compile(r"\b(?:in|à|en|nach|in der|im|em|w|na|no|nel|nella|dans"
                       r"|aux?)\s+(?:the\s+)?$",
                       re.IGNORECASE)
# Words after a company's name that make it the one acting: "Nokia will", "Samsung's event".
_ACTS = re.compile(r"^(?:['’]s\b|\s+(?:will|is|has|had|was|plans?|said|says|announced|confirmed|"
                   r"holds?|hosts?|unveil\w*|launch\w*|sent|wird|hat|ha|a|va|heeft|har|kommer)\b)")


# A company named as a yardstick is not the one spoken of: "the Apple of China", "unlike Apple".
_YARDSTICK_BEFORE = re.compile(
    r"\b(?:like|unlike|than|as|rival(?:s|ing)?(?: to)?|compared (?:to|with)|similar to|versus"
    r"|vs\.?|"
    r"imitat\w+|copy(?:ing)?|come|wie|comme)\s+$|\bthe\s+['‘\"]?$", re.IGNORECASE)
_YARDSTICK_AFTER = re.compile(r"^(?:\s+of\s+[A-Z]|['’]?-like\b|\s+killer\b|\s+rival\b)")


def _named(ours: re.Pattern[str], text: str) -> bool:
    return any(not (_YARDSTICK_BEFORE.search(text[: m.start()])
                    and _YARDSTICK_AFTER.match(text[m.end() :]))
               and not re.search(r"\b(?:like|unlike|than|compared (?:to|with)|versus|vs\.?)\s+$",
                                 text[: m.start()], re.IGNORECASE)
               for m in ours.finditer(text))


def _others_launch(sentence: Sentence, clause: Clause, ours: re.Pattern[str]) -> bool:
    """"a day before the official presentation of the iPhone 13": an event word beside a
    product another maker makes is that maker's event."""
    for product in clause.products:
        if product.maker is None or ours.search(product.maker):
            continue
        near = sentence.text[max(clause.start, product.start - _LAUNCH_REACH) : product.end]
        if cues.EVENT_WORDS.search(near):
            return True
    return False


# How far before a product its event word may stand ("the official presentation of the").
_LAUNCH_REACH = 40


def _as_subject(others: re.Pattern[str], text: str,
                listed: tuple[tuple[int, int], ...] = ()) -> bool:
    """True when another company is named as the one acting in the clause, not in passing
    ("phones of the Nokia brand", "powered by Qualcomm") nor as an example in a list
    (`listed`: "publishers such as EA, Ubisoft and Capcom will appear on stage")."""
    for match in others.finditer(text):
        if any(a <= match.start() < b for a, b in listed):
            continue
        lead = text[: match.start()]
        if len(re.sub(r"^[\W\d]*(?:and|but|while|as|so|also|then|meanwhile|et|und|e|y|en)?\s*", "",
                      lead)) <= 12 or _ACTS.match(text[match.end() :]):
            return True
    return False


# "such as", "including", "wie", "come", "comme", "como", "tra cui", "darunter" and the names
# that follow, up to the list's end: examples of a kind, none of them the one acting.
_EXAMPLES = re.compile(
    r"\b(?:such as|(?<=\w )like|including|among them|e\.g\.|wie|etwa|darunter|z\.\s?B\.|come"
    r"|tra cui|fra cui|comme|dont|como|entre ellos|incluindo|zoals|waaronder|jak|takie jak"
    r"|såsom)\s+"
    r"(?:[\w&.+-]+(?:\s+[\w&.+-]+){0,2}?,\s*)*[\w&.+-]+(?:\s+[\w&.+-]+){0,2}?"
    r"\s+(?:and|und|e|et|y|en|och|i|or|oder|o|ou)\s+[\w&.+-]+(?:\s+[\w&.+-]+)?",
    re.IGNORECASE)


def _listed(text: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The spans of `text`'s lists of examples, relative to a clause starting at `offset`."""
    return tuple((m.start() - offset, m.end() - offset) for m in _EXAMPLES.finditer(text))


def _compare(item: Placed, watch: Watch, ref: date | None, country: str | None) -> None:
    """Where the clause's own dates and places agree or disagree with the watch."""
    clause, sentence = item.clause, item.sentence
    # "today", "yesterday" are nearly always when something was said or sent: they may agree
    # with the watched day, never disagree with it. "Tomorrow" is the day of what comes.
    dated = [d for d in clause.dates if RELATIVE_DAYS.get(d.text.lower(), 1) > 0]
    if any(_said_today(d, ref) for d in dated) and disrupts(item):
        # A weekday on the article's own day beside a cancellation ("annulé ce lundi") is
        # when it was called off; "presented this Tuesday" is the event's own day.
        dated = [d for d in dated if not _said_today(d, ref)]
    if clause.dates:
        if watch.date:
            # A day either side is the same moment told in another time zone ("August 14" on
            # an Asian site for New York's evening of the 13th).
            if any((d.covers(watch.date) and (d.last - d.first).days <= 31)
                   or (d.exact and abs(d.first - watch.date) <= _ZONE_SLIP)
                   or _other_week(d, watch.date) or _run_ends(d, sentence.text, watch.date)
                   for d in clause.dates):
                item.date_match = True
            elif any(d.covers(watch.date) for d in clause.dates):
                # "WWDC 2025" agrees with a September 2025 watch only as far as a year goes
                item.year_agrees = True
            elif not sentence.moved and dated:
                item.date_conflict = True
        elif ref and dated and all(d.last < ref - OLD for d in dated):
            item.date_conflict = True
    if watch.city:
        cities = {p.name for p in clause.places if p.kind == "city"}
        major = {p.name for p in clause.places if p.kind == "city" and not p.minor}
        # A country places the event only after a word that places something ("held in
        # India"); "Samsung's Philippines website" or "sales in India" name a market.
        countries = {p.name for p in clause.places if p.kind == "country"
                     and _LOCATIVE.search(clause.text[: p.start - clause.start][-12:])
                     and item.event}
        if (canonical_city(watch.city) or watch.city) in cities:
            item.city_match = True
        elif major or (country and countries and country not in countries):
            item.city_conflict = True
    if watch.date and item.date_conflict and item.city_match and _near(item, watch):
        item.date_conflict = False
    if watch.date and ref and _names_watched_year(clause.plain, watch.date, ref):
        item.date_match = True  # "last year's Surface event", read a year after the watched one
    item.edition = _other_edition(clause.plain, watch, ref) or bool(
        _OTHER_KIND.search(clause.plain) and not item.date_match
        and not cues.EVENT_WORDS.search(clause.plain))


_ORIGINALLY = re.compile(
    r"\b(?:originally|initially|first (?:planned|scheduled|set|slated)|oorspronkelijk"
    r"|aanvankelijk|ursprünglich|initialement|inizialmente|originariamente|originalmente|inicialmente"
    r"|pierwotnie|ursprungligen|devait|devaient|doveva|dovevano|debía|sollte|was to|were to"
    r"|had been (?:scheduled|planned|set|due))\b", re.IGNORECASE)
_MOVE_REACH = (timedelta(days=120), timedelta(days=365))


def _follow_the_move(placed: list[Placed], watch: Watch, ref: date | None) -> None:
    """When the article tells the watched day or city as the one the event moved from
    ("originally planned for 8 August, but postponed"), its other days near it and its other
    cities are the event's new ones, not another event's."""
    # (The very day or city: a day beside it may be a sister event's, moved with it.)
    moved = [item for item in placed if (item.city_match or any(
        d.first == watch.date for d in item.clause.dates)) and not item.city_conflict and (
        item.sentence.moved or _ORIGINALLY.search(item.sentence.text))]
    # ... or an article that places the event in the watched city and tells it moved in a
    # sentence of its own ("the New York show ... the organisers postponed it to August").
    if not moved and any(i.city_match for i in placed if i.event or i.ours) and not any(
            i.city_conflict for i in placed if i.event and not i.other_company):
        moved = [i for i in placed if i.sentence.moved and i.event and not i.other_company
                 and not i.edition]
    if not moved:
        return
    others = {item.sentence.index for item in placed if item.other_company}
    day = watch.date
    for item in placed:
        if item.edition or item.sentence.index in others:
            continue
        # A day by its number, still ahead when the article was written: a weekday or a day
        # gone by is when the move was told ("announced on Friday").
        if day is not None and item.date_conflict and (item.event or item.sentence.moved) and all(
                d.exact and (any(ch.isdigit() for ch in d.text) or (
                    item.sentence.moved and _MOVED_TO.search(
                        item.sentence.text[max(0, d.start - 16) : d.start])))
                and day - _MOVE_REACH[0] <= d.first <= day + _MOVE_REACH[1]
                and (ref is None or d.first > ref) for d in item.clause.dates):
            item.date_conflict, item.new_day = False, True
        if item.city_conflict and (item.new_day or not item.clause.dates) and (
                item.sentence.moved or any(c.new_day for c in placed
                                           if c.sentence.index == item.sentence.index)):
            item.city_conflict, item.new_place = False, True


# "open until 23 October", "fino al 23 ottobre": the last day of a run that began on the day.
_UNTIL = re.compile(r"\b(?:until|till|through|thru|bis(?: zum| zur| am)?|fino al?|fino all'"
                    r"|jusqu'(?:au|à)|hasta el|até|tot en met)\s+(?:\w+day,?\s+)?$",
                    re.IGNORECASE)


def ends_a_run(mention: DateMention, text: str) -> bool:
    """Whether `mention` in `text` is the last day of a run ("until 23 October")."""
    return _UNTIL.search(text[max(0, mention.start - 24) : mention.start]) is not None


def _run_ends(mention: DateMention, text: str, day: date) -> bool:
    return (mention.exact and timedelta(0) < mention.first - day <= LATE
            and ends_a_run(mention, text))


# Where a move goes, a weekday is the new day ("delayed the event until Wednesday").
_MOVED_TO = re.compile(r"\b(?:until|till|to|auf|bis|à|au|al|a|fino a|até|naar|tot)\s+"
                       r"(?:next\s+|this\s+|kommenden?\s+|prochain\s+)?$", re.IGNORECASE)


def _other_week(mention: DateMention, day: date) -> bool:
    """A bare weekday read as last week's or next week's when the other reading is the
    watched day: the tense that chose between them is easily misread."""
    return (mention.first == mention.last and abs((mention.first - day).days) == 7
            and not any(ch.isdigit() for ch in mention.text)
            and mention.text.lower() not in RELATIVE_DAYS)


def _near(item: Placed, watch: Watch) -> bool:
    assert watch.date is not None
    return not _OTHER_KIND.search(item.sentence.text) and all(
        d.exact and abs(d.first - watch.date) <= NEAR for d in item.clause.dates
    )


def _names_watched_year(text: str, watched: date, ref: date) -> bool:
    if not cues.EVENT_WORDS.search(text):
        return False
    return bool((cues.EARLIER_YEAR.search(text) and watched.year == ref.year - 1)
                or (cues.LATER_EVENT.search(text) and watched.year == ref.year + 1))


def _other_edition(text: str, watch: Watch, ref: date | None) -> bool:
    """"last year's launch", "its previous event", "next year's keynote", "the presentation
    was postponed last year": another edition, unless that year is the watched event's."""
    if watch.date and ref and cues.EARLIER_YEAR.search(text) and watch.date.year == ref.year - 1:
        return False  # the watched event is last year's: "last year's Surface event" is it
    if any(not _when_said(text, m) for m in cues.EARLIER_YEAR.finditer(text)) and (
            cues.EVENT_WORDS.search(text) or cues.PAST_TENSE.search(text)):
        # ("revelou a série P20 em Paris no ano passado": last year's, event word or not)
        return True
    for pattern in (cues.EARLIER_EVENT, cues.LATER_EVENT):
        for match in pattern.finditer(text):
            if _when_said(text, match):
                continue
            after = text[match.end() : match.end() + _EDITION_REACH]
            before = text[max(0, match.start() - _EDITION_REACH) : match.start()]
            if cues.EVENT_WORDS.search(after) or (
                cues.EVENT_WORDS.search(before) and re.match(r"\s*$|\s+(?:in|at|on)\b", after)
            ):
                return True
    return False


# An earlier time that is when something was said or began, not an earlier event: "since
# last year it was guessed that the March keynote...", "posted last weekend that the keynote
# was cancelled", "two weeks ago the invitations went out".
_RECENT_AFTER = re.compile(
    r"^\s*(?:fine settimana|settimana|weekend|week-end|week|semaine|semana|Woche|"
    r"Wochenende|mese|mois|mes|Monat|month|giorn[oi]|jours?|días?|Tage?n?|days?)\b",
    re.IGNORECASE)
_RECENT_IN = re.compile(r"\b(?:weeks?|days?|months?|hours?)\b", re.IGNORECASE)


def _when_said(text: str, match: re.Match[str]) -> bool:
    """Whether an earlier-time phrase says when something was said or began (see above)."""
    return bool(cues.since(text, match.start(), match.group())
                or _RECENT_AFTER.match(text[match.end() :]) or _RECENT_IN.search(match.group()))


def _other_names(placed: list[Placed]) -> None:
    """The event the article names first is the one its name means; a clause that names
    another of the company's events ("Cloud Next" in an article about I/O, "Gamescom" about
    Paris Games Week) speaks of that one, unless its day or city agrees with the watch."""
    named = [c for c in placed if c.clause.names and not c.other_company]
    first = next((c for c in named if c.sentence.in_title), named[0] if named else None)
    if first is None:
        return
    main = first.clause.names[0]
    for item in named:
        if item.date_match or item.city_match:
            continue
        if not any(_same_name(main, n) for n in item.clause.names):
            item.edition = True


def _same_name(a: str, b: str) -> bool:
    return a == b or a in b or b in a


def _event_clauses(placed: list[Placed]) -> list[Placed]:
    """Clauses of the sentences that name an event, whichever clause names its day or city."""
    sentences = {c.sentence.index for c in placed if c.event and not c.other_company}
    return [c for c in placed if c.sentence.index in sentences and not c.other_company]


def _dated_elsewhere(placed: list[Placed], watch: Watch, ref: date | None, dated: bool) -> bool:
    """True when every day the article gives its events disagrees with the watched day."""
    # (Without a watched day nothing can agree with it: no rule out by its absence.) An
    # article written on the watched day that tells an event without its day tells that
    # day's ("has just closed in Paris"), whatever other days it names; an undated article
    # is read against the watched day only for want of its own, which proves nothing.
    on_the_day = dated and ref is not None and ref == watch.date
    events = _event_clauses(placed)
    # The watched day itself, spelt out anywhere ("Il devait se tenir les 9 et 10 juin"),
    # says the article knows that event, whatever its event words date; without the
    # article's own day only a day with its year says which year's ("el 26 de marzo").
    told = any(c.date_match and any(d.exact and (dated or _YEAR.search(d.text))
                                    for d in c.clause.dates) for c in placed)
    conflicts = [c for c in events if c.date_conflict and not all(
        _whole_year(d) and not _edition_year(c.sentence.text, d) for d in c.clause.dates)]
    return watch.date is not None and not on_the_day and bool(conflicts) and not any(
        c.date_match for c in events) and not told


def _whole_year(mention: DateMention) -> bool:
    return (mention.first.month, mention.first.day, mention.last.month, mention.last.day) == (
        1, 1, 12, 31)


_NAME_BEFORE = re.compile(
    r"(?:\b[A-Z][\w'’&-]*|\b(?:edition|edizione|édition|edición|edição|Ausgabe|editie|edycj[ai]"
    r"|ročník)(?:\s+(?:de|del|di|des|van|z))?)\s*$")


def _edition_year(text: str, mention: DateMention) -> bool:
    """Whether a bare year is a name's or an edition's ("MWC 2020", "the 2020 show")."""
    return bool(_NAME_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
                or cues.EVENT_WORDS.match(text[mention.end : mention.end + 25].lstrip()))


def _settle_single_anchors(placed: list[Placed], watch: Watch, other_date: bool) -> None:
    """A clause that agrees on the city alone is another event when every date the article
    gives its events disagrees ("returns to San Francisco ... on February 25"), and the same
    for a date alone against every city."""
    events = _event_clauses(placed)
    other_city = watch.city is not None and any(c.city_conflict for c in events) and not any(
        c.city_match for c in events)
    for item in placed:
        # ...unless the clause calls the event by its own name ("Apple Expo Paris"): the
        # days given then belong to the company's other events ("the press event Wednesday").
        if other_date and item.city_match and not item.clause.dates and not item.own_event_name:
            item.date_conflict = True
        if other_city and item.date_match and not item.clause.places:
            item.city_conflict = True


def _anchor(placed: list[Placed]) -> Anchor:
    """Each clause's anchor and whose event it is.

    A clause that names a date, city or edition anchors itself. One that names an event but
    nothing to tell which speaks of the event in focus ("the event will be streamed"), unless
    it introduces another ("a second Unpacked event", "its next launch"). Other clauses take
    the anchor of the clause before them in their paragraph; a paragraph opens on the event
    the article is about (its headline's, else its first anchored one), as background
    paragraphs about other events rarely last. The subject carries over from clause to clause:
    a clause naming only another company speaks of that company's event.
    """
    main = _main_anchor(placed)
    focus = main
    # Before any company is named the subject is the first one the article names.
    first = next((c for c in placed if c.ours or c.other_company), None)
    subject_ours = first is None or first.ours
    subject_known = True
    paragraph = -1
    sentence = -1
    context = main
    for item in placed:
        if item.sentence.paragraph != paragraph:
            paragraph = item.sentence.paragraph
            context = focus = main
        own = _own_anchor(item)
        same_sentence = item.sentence.index == sentence
        sentence = item.sentence.index
        if own is not None:
            item.anchor = own
            if item.event and not BACKGROUND_START.match(item.clause.text):
                focus = own
        elif item.event and _NEW_EVENT.search(item.clause.plain):
            item.anchor = focus = Anchor.NEUTRAL
        elif item.event and item.ours and item.year_agrees and context is Anchor.OTHER:
            # "After E3 2020, the next domino falls: gamescom 2020 was called off": the
            # company's event named with the watched year is no longer the other event.
            item.anchor = focus = Anchor.NEUTRAL
        elif item.event and not same_sentence:
            item.anchor = focus
        else:
            item.anchor = context
        context = item.anchor
        if item.ours:
            subject_ours, subject_known = True, True
        elif item.other_company:
            subject_ours, subject_known = False, True
        item.theirs = subject_known and not subject_ours
    _anchor_from_the_right(placed)
    return main


def _anchor_from_the_right(placed: list[Placed]) -> None:
    """"Microsoft will hold its conference, Build, from 21 to 23 May in Seattle": an event
    clause that names nothing takes the day or city the rest of its sentence gives it."""
    for i, item in enumerate(placed):
        if not item.event or _own_anchor(item) is not None:
            continue
        for later in placed[i + 1 :]:
            if (later.sentence.index != item.sentence.index
                    or _CONTRAST_START.match(later.clause.text)):
                break
            if (own := _own_anchor(later)) is not None:
                item.anchor = own
                break


# (And a participle of background: ", following the Pixel 3a's debut at I/O 2019".)
_CONTRAST_START = re.compile(r"^\W*(?:but|however|while|whereas|although|though|ma|pero|aber"
                             r"|mais|following|after|unlike|like|just as|as with)\b",
                             re.IGNORECASE)


# A clause that opens on what came before ("After the event in Milan", "Dopo l'evento").
BACKGROUND_START = re.compile(
    # (Dutch "na" only before its article: Polish and Czech "na" is "at", the event itself.)
    r"^\W*(?:after|following|dopo|después de|tras|après|nach|depois d[eoa]s?|na (?:het|de))\b",
    re.IGNORECASE)


# Words that bring in an event other than the one in focus.
_NEW_EVENT = re.compile(
    r"\b(?:next|second|another|upcoming|forthcoming|future|third|new|later|this year's|"
    r"prossim[oa]|nuov[oa]|secondo|seconda|próxim[oa]|segund[oa]|nuevo|nächste[nrs]?|zweite[nrs]?|"
    r"neue[nrs]?|prochain(?:e)?|second(?:e)?|nouvel(?:le)?|volgende|tweede|nieuwe)\b"
    r"(?:\s+[\w'-]+){0,3}?\s+(?:events?|launch(?:es)?|keynote|unpacked|presentation|conference|"
    r"evento|lancio|lanzamiento|presentazione|presentación|Event|Veranstaltung|Präsentation|"
    r"événement|lancement|conférence|evenement|lancering|lançamento|Messe|fiera|feria|salon"
    r"|salone|show|fair|expo|beurs|mässa(?:n)?|targi|edition|edizione|édition|edición|Ausgabe)\b",
    re.IGNORECASE,
)


def _own_anchor(item: Placed) -> Anchor | None:
    if item.date_conflict or item.city_conflict or item.edition:
        return Anchor.OTHER
    if item.date_match or item.city_match:
        return Anchor.MATCH
    return None


def _main_anchor(placed: list[Placed]) -> Anchor:
    """The event the article is about: the one its first event words name (the headline's
    when it names one), or an undetermined one when they anchor nothing."""
    # A headline that names a day or a city names the article's event, event word or not
    # ("London May 3: Come and meet the next Galaxy").
    title = [c for c in placed if c.sentence.in_title and not c.other_company]
    title_anchors = {a for c in title if (a := _own_anchor(c)) is not None}
    if title_anchors:
        return Anchor.MATCH if Anchor.MATCH in title_anchors else Anchor.OTHER
    events = [c for c in placed if c.event and not c.other_company]
    # "After the launch in Milan, Xiaomi invited the press to Madrid": an event brought in as
    # what came before is background, not what the article is about.
    events = [c for c in events if not BACKGROUND_START.match(c.clause.text)] or events
    first = next((c for c in events if c.sentence.in_title), events[0] if events else None)
    if first is None:
        return Anchor.NEUTRAL
    same = [c for c in events if c.sentence.index == first.sentence.index]
    anchors = {a for c in same if (a := _own_anchor(c)) is not None}
    if Anchor.MATCH in anchors:
        return Anchor.MATCH
    return Anchor.OTHER if anchors else Anchor.NEUTRAL


def _event_date(placed: list[Placed], watch: Watch) -> date | None:
    """The watched event's day: the watch's own, else the one its matching clauses give."""
    if watch.date:
        return watch.date
    days = Counter(
        d.first for c in placed if c.relevant and c.event and not c.sentence.moved
        for d in c.clause.dates if d.exact
    )
    return days.most_common(1)[0][0] if days else None


def _remember(placed: list[Placed], watch: Watch, event_date: date | None) -> None:
    """Once the article has told the watched event's day and city, clauses that name another
    day or city (beyond a slip of a few days) speak of another event."""
    matching = [c for c in placed if c.relevant and c.event and c.anchor is Anchor.MATCH]
    cities = Counter(p.name for c in matching for p in c.clause.places if p.kind == "city")
    city = watch.city or (cities.most_common(1)[0][0] if cities else None)
    for item in placed:
        if item.anchor is Anchor.OTHER or not item.event or item.sentence.moved or item.new_day:
            continue
        exact = [d for d in item.clause.dates if d.exact]
        if any(RELATIVE_DAYS.get(d.text.lower(), 1) <= 0 for d in exact) and disrupts(item):
            # "gamescom 2020 was called off today": the day it was decided, not the event's.
            exact = [d for d in exact if RELATIVE_DAYS.get(d.text.lower(), 1) > 0]
        far = event_date is not None and exact and all(
            abs(d.first - event_date) > NEAR for d in exact
        )
        elsewhere = city is not None and any(
            p.kind == "city" and p.name != city for p in item.clause.places
        ) and not any(p.kind == "city" and p.name == city for p in item.clause.places)
        if far or (elsewhere and not watch.city and matching):
            item.anchor = Anchor.OTHER


def _said_today(mention: DateMention, ref: date | None) -> bool:
    return mention.first == mention.last == ref and not any(ch.isdigit() for ch in mention.text)


def disrupts(item: Placed) -> bool:
    """Whether the clause calls the event off or moves it."""
    claims = judge(item.sentence.text, [(item.clause.start, item.clause.end)])
    return any(c.predicate in (Predicate.CANCEL, Predicate.POSTPONE) for c in claims)


def _rule_out_by_time(placed: list[Placed], ref: date | None, event_date: date | None) -> None:
    """A past-tense account of the event in an article written before its day is another,
    earlier event ("the company's launch was held at the convention centre")."""
    if ref is None or event_date is None or ref >= event_date:
        return
    for item in placed:
        if item.anchor is Anchor.OTHER or item.clause.dates or not item.event:
            continue
        claims = judge(item.sentence.text, [(item.clause.start, item.clause.end)])
        if any(c.predicate is Predicate.HAPPEN and c.status is Status.HAPPENED for c in claims):
            item.anchor = Anchor.OTHER


def about_the_event(placement: Placement, watch: Watch, ref: date | None) -> bool:
    """True when the article says something of the watched event, not only of other ones."""
    clauses = placement.clauses
    if not any(c.ours for c in clauses):
        return False
    events = [c for c in clauses if c.event and not c.theirs]
    if watch.date and ref and abs(ref - watch.date) > EARLY and placement.dated and not any(
            c.date_match for c in clauses):
        # The 2023 launch is not the 2025 one, whatever the city: an article this far from
        # the watched day, either way, tells of it only by naming its day or its year.
        return False
    if watch.date and not placement.dated and _other_years_only(placement, watch):
        return False  # an undated article about "Unpacked 2020" is not about the 2019 one
    if not any(c.anchor is Anchor.MATCH for c in events):
        undetermined = [c for c in events if c.anchor is Anchor.NEUTRAL]
        if placement.main is Anchor.OTHER:
            # An article about another event speaks of this one only where it says so.
            undetermined = [c for c in undetermined if _NEW_EVENT.search(c.clause.plain)]
        if not undetermined:
            return False
        if watch.date and ref and ref > watch.date + LATE:
            return False  # long after the day, an undated event is a later one
    return not _passing_look_back(placement, watch, ref)


_YEAR = re.compile(r"(?<![\d.,/-])(?:19[89]\d|20[0-4]\d)(?![\d.,/-])")


def _other_years_only(placement: Placement, watch: Watch) -> bool:
    """True when the article's headline and event clauses name years, none of them the
    watched event's: without a publication day, the years it names tell which edition it is
    about."""
    assert watch.date is not None
    watched = watch.date
    years: set[int] = set()
    # The watched event's own name with a year: "En el GTC 2025", "X Summit 2022".
    edition = _edition(tuple(a for a in (watch.company, *watch.aliases) if not _YEAR.search(a)))
    for c in placement.clauses:
        if c.theirs or _NEW_EVENT.search(c.clause.plain):
            continue  # ("Die nächste Hannover Messe soll ... 2021 stattfinden": the next one's)
        if c.sentence.in_title:
            years.update(int(y) for y in _YEAR.findall(c.clause.plain))
        # A day of an event with its year; a bare year in the body is as often history ("the
        # concept shown in 2017"), a delivery or another show ("IAA 2021").
        if c.event:
            years.update(d.first.year for d in c.clause.dates
                         if d.exact and _YEAR.search(d.text))
        if edition is not None and (c.event or c.sentence.in_title):
            years.update(int(y) for y in edition.findall(c.clause.plain))
    return bool(years) and watched.year not in years


@lru_cache(maxsize=256)
def _edition(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A name of the watched event followed by a year ("GTC 2025"); the year is the group."""
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\s+((?:19|20)\d\d)\b",
                      re.IGNORECASE)


def _passing_look_back(placement: Placement, watch: Watch, ref: date | None) -> bool:
    """True when the headline is about another event of the company and the watched event
    lies long before the article: a look back in passing, no report of it."""
    if not (watch.date and ref and watch.date < ref - OLD):
        return False
    title = [c for c in placement.clauses if c.sentence.in_title]
    return any(c.anchor is Anchor.OTHER for c in title) and not any(
        c.anchor is Anchor.MATCH for c in title
    )
