"""What an article names, sentence by sentence, before any watch is considered.

Reading an article for several watches shares this part: sentences and their clauses, the
dates (resolved against the publication day), times, places, products, titled people and
event words each clause names. Places that do not locate an event are set aside here: a
company's seat ("the Shenzhen-based maker"), a dateline, the city a time is restated for
("early the next morning in Sydney").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import pairwise

from monitor.extract.reading import cues
from monitor.extract.reading.claims import plain
from monitor.extract.reading.dates import DateMention, find_dates, plausible_reference
from monitor.extract.reading.people import Person, find_people
from monitor.extract.reading.places import Place, find_places
from monitor.extract.reading.products import Product, find_products
from monitor.extract.reading.sentences import split_paragraphs, split_sentences
from monitor.extract.reading.times import TimeMention, find_times
from monitor.model import Article

# Reading stops here: past this many sentences or characters an article is not news any more
# (a page of 50,000 dates would otherwise cost minutes); reaching it is logged.
log = logging.getLogger(__name__)

MAX_SENTENCES = 400
MAX_SENTENCE_CHARS = 1_500

# Where a clause breaks inside a sentence: punctuation and words that open another scene.
_CLAUSE_BREAK = re.compile(
    r",|;|:|\s[—–-]\s|[()]|\b(?:while|whereas|but|however|after|before|following|ahead of|unlike|"
    r"although|though|than|dopo|después de|nach|après|avant|na|voor)\b",
    re.IGNORECASE,
)
# A date right after these words is when something was said or sent, not the event's date.
_REPORTED_BEFORE = re.compile(
    rf"\b(?:{cues.REPORTING_VERBS.pattern})(?:\s+out)?(?:\s+(?:us|reporters|the press|media|"
    r"by\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?))?"
    r"(?:\s+(?:press\s+)?(?:invites|invitations|a statement|an email|the news|a teaser))?"
    r"\s+(?:on\s+|earlier\s+|late\s+|this\s+|last\s+)?$",
    re.IGNORECASE,
)
_REPORTED_AFTER = re.compile(
    rf"^(?:,\s+(?:[\w'’]+\s+){{0,3}}?|\s+)(?:{cues.REPORTING_VERBS.pattern}|took to|went to|"
    r"teased|tweeted|shared|dropped|put out|released a|issued)", re.IGNORECASE
)
# A company's seat: "the Shenzhen-based maker", "based in Seoul", "the Cupertino company".
_SEAT_BEFORE = re.compile(
    r"(?:\bbased in|\bheadquartered in|\bhome(?:town)? (?:of|in)|\bcon sede (?:a|in|en|di)|"
    r"\bSitz in|\bsiège (?:à|de)|\bcon sede|\bcon sede en|\bmit Sitz in|\bgevestigd in|"
    r"(?:\b(?:la|le|il|el|die|der|das|de|het|a|o|della|del|de la|du)\s+|\bdell['’]|\bde l['’])"
    r"(?:compañía|empresa|société|entreprise|firme|"
    r"firma|azienda|società|casa|Konzern|Unternehmen|Firma|bedrijf|gigante|géant|Riese|colosso|"
    r"multinacional|multinationale|fabricante|fabricant|produttore|Hersteller|empresa)\s+"
    r"(?:tecnológic[oa]\s+|tech\s+)?(?:de|di|du|da|aus|uit|van)\s*)$",
    re.IGNORECASE,
)
_SEAT_AFTER = re.compile(
    r"^(?:[-–]based\b|,\s*(?:[A-Z][\w.]+,?\s*)?[-–]?based\b|[-–]headquartered\b|"
    r"\s+(?:company|firm|giant|tech giant|maker|manufacturer|outfit|brand|smartphone maker|"
    r"phone maker|electronics giant|vendor|OEM)\b|'s (?:headquarters|HQ|campus)\b)",
    re.IGNORECASE,
)
# A time restated for another place: "9 p.m. in London", "early the next morning in Sydney".
_ZONE_BEFORE = re.compile(
    r"(?:\b(?:\d{1,2}(?:[:.]\d\d\s*(?:[ap]\.?m\.?|h|Uhr)?|\s*(?:[ap]\.?m\.?|h\b|Uhr))|morning"
    r"|evening|"
    r"afternoon|night|"
    r"midnight|noon|time|o'clock|mattina|sera|mañana|tarde|noche|Uhr|matin"
    r"|soir)\s+(?:local time\s+)?"
    r"(?:in|a|en|à|in der)\s+)$",
    re.IGNORECASE,
)
_ZONE_AFTER = re.compile(r"^(?:\s+time\b|\s+hora\b|\s+ora\b|\s+Zeit\b|'s time\b)", re.IGNORECASE)
# "(heure de Paris)", "hora de Madrid", "ora di Roma": a clock named after a city.
_CLOCK_OF = re.compile(r"\b(?:heure|hora|ora|horário|time|tijd|Zeit|czasu)\s+(?:de|di|in|van|of"
                       r"|w)\s+$",
                       re.IGNORECASE)
# A dateline opens a paragraph: "SAN FRANCISCO (Reuters) -", "BERLIN —".
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Za-z. ]{2,20})?\s*(?:\([^)]{1,40}\))?\s*[-—–:]"
)


# An event told as held: its day without a year is the last one ("was held on 7 September").
_HELD = re.compile(
    r"\b(?:was held|were held|took place|was hosted|werd\b[^.]{0,60}\bgehouden|plaatsgevonden"
    r"|vond\b[^.]{0,30}\bplaats|"
    r"fand\b[^.]{0,30}\bstatt|stattgefunden|si è svolt[oa]|si è tenut[oa]|se celebró|tuvo lugar|"
    r"s'est tenu\w*|s'est déroulé\w*|a eu lieu|aconteceu|foi realizad[oa])\b",
    re.IGNORECASE,
)
# Prices and availability: the dates beside them are when goods go on sale.
_RELEASE = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:dollars|euros?|€|\$)|\b(?:cost(?:s|ing)?|priced|price|pre-?orders?|"
    r"on sale|in stores|available|availability|ships?|shipping|deliver(?:y|ies)|sale|"
    r"in den Handel|erhältlich|verfügbar|Marktstart|disponible|disponibile|in vendita|a la venta|"
    r"en vente|prezzo|precio|prix|Preis|beschikbaar|disponível)\b",
    re.IGNORECASE,
)
_EVENT_NOUN = re.compile(
    r"\b(?:event|keynote|conference|presentation|press|show|showcase|livestream|stream|"
    r"evento|Event|conférence|événement|presentazione|presentación|Präsentation)\b",
    re.IGNORECASE,
)


def _release_date(text: str, mention: DateMention) -> bool:
    window = text[max(0, mention.start - 70) : mention.end + 40]
    return bool(_RELEASE.search(window)) and not _EVENT_NOUN.search(window)


@dataclass
class Clause:
    """A piece of a sentence with what it names."""

    text: str
    start: int  # in the sentence
    end: int
    dates: list[DateMention] = field(default_factory=list)
    said_on: list[DateMention] = field(default_factory=list)  # when something was said or sent
    places: list[Place] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    event: bool = False  # names an event or an event-like act ("launch", "invitations")
    names: list[str] = field(default_factory=list)  # event names, normalised ("i/o", "cloud next")
    plain: str = ""  # the text with plain apostrophes and quotes, for the cue patterns

    def __post_init__(self) -> None:
        self.plain = plain(self.text)


@dataclass
class Sentence:
    """One sentence of the article and what it names."""

    index: int
    paragraph: int
    text: str
    in_title: bool
    clauses: list[Clause]
    people: list[Person]  # titled people ("CEO Lei Jun"); a watch's aliases are its own
    moved: bool  # says the event moved
    past: bool  # past tense, so a bare weekday is the last one
    set_aside: list[Place]  # places that locate no event: a seat, a dateline, a zone
    plain: str = ""  # the text with plain apostrophes and quotes, for the cue patterns

    def __post_init__(self) -> None:
        self.plain = plain(self.text)

    @property
    def dates(self) -> list[DateMention]:
        return [d for c in self.clauses for d in c.dates]

    @property
    def products(self) -> list[Product]:
        return [p for c in self.clauses for p in c.products]


@dataclass
class Analysis:
    """An article's sentences, read once for every watch."""

    article: Article
    reference: date | None  # the day relative dates are resolved against
    sentences: list[Sentence]
    capped: bool  # reading stopped at MAX_SENTENCES


def analyse(article: Article, reference: date | None = None) -> Analysis:
    """Read `article` into sentences; `reference` stands in for a missing publication day."""
    ref = article.published.date() if article.published else reference
    if not plausible_reference(ref):
        ref = None  # (year 1 or 9999: nothing relative can be placed against it)
    language = (article.language or "en").lower()
    day_first = not (language == "en" or language.startswith("en-us"))
    title_paragraphs = split_paragraphs(article.title or "")
    paragraphs = title_paragraphs + split_paragraphs(article.body)
    sentences: list[Sentence] = []
    capped = False
    for number, paragraph in enumerate(paragraphs):
        if capped:
            break
        for text in split_sentences(paragraph):
            if len(sentences) >= MAX_SENTENCES:
                capped = True
                # What an event article says is in its first few hundred sentences; the
                # rest of a huge page would only cost time (issue 10: bounded reading).
                log.info("%s: read the first %d sentences only", article.url, MAX_SENTENCES)
                break
            text = text[:MAX_SENTENCE_CHARS]
            sentences.append(
                _sentence(text, len(sentences), number, number < len(title_paragraphs), ref,
                          day_first, article.published is not None, first=not sentences
                          or sentences[-1].paragraph != number)
            )
    return Analysis(article, ref, sentences, capped)


def _sentence(text: str, index: int, paragraph: int, in_title: bool, ref: date | None,
              day_first: bool, dated: bool, *, first: bool) -> Sentence:
    flat = plain(text)
    past = bool(cues.PAST_TENSE.search(flat)) and not cues.FUTURE_TENSE.search(flat)
    held = bool(_HELD.search(flat)) and not cues.MOVE_CUES.search(flat) and not (
        cues.FUTURE_TENSE.search(flat))
    dates = find_dates(text, ref, day_first=day_first, past=past, held=held)
    if not dated:
        # Without the article's own day, only dates that spell their digits are safe.
        dates = [d for d in dates if re.search(r"\d", d.text)]
    said_on = [d for d in dates if _is_reporting_date(text, d)]
    # ("Ever since last year the launch has been expected": when the talk began.)
    dates = [d for d in dates if d not in said_on and not cues.since(text, d.start, d.text)]
    if _RELEASE.search(flat):
        # "will cost $699.99 and launch on November 7": a day in stores, not the event's.
        dates = [d for d in dates if not _release_date(flat, d)]
    places = find_places(text)
    set_aside = [p for p in places if p.kind != "venue" and _set_aside(text, p, first=first)]
    zones = [p for p in set_aside if _is_zone(text, p)]
    places = [p for p in places if p not in set_aside]
    if zones:
        # "early the next morning in Sydney" restates the same moment: its day is no other.
        dates = [d for d in dates if not any(abs(d.start - z.start) < 60 for z in zones)]
    times = find_times(text)
    products = find_products(text)
    spans = [(x.start, x.end) for x in (*dates, *places, *times, *products)]
    cuts = [0]
    for match in _CLAUSE_BREAK.finditer(text):
        at = match.start()
        if any(s < at < e for s, e in spans) or at <= cuts[-1] or _in_list(text, at, places):
            continue
        cuts.append(at)
    cuts.append(len(text))
    clauses = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        clauses.append(Clause(
            text=piece, start=start, end=end,
            dates=[d for d in dates if start <= d.start < end],
            said_on=[d for d in said_on if start <= d.start < end],
            places=[p for p in places if start <= p.start < end],
            times=[t for t in times if start <= t.start < end],
            products=[p for p in products if start <= p.start < end],
            # An event's own name makes a clause speak of an event ("EA Play Live 2020").
            names=(names := event_names(piece)),
            event=bool(names) or bool(cues.EVENT_WORDS.search(plain(piece))),
        ))
    return Sentence(index, paragraph, text, in_title, clauses, find_people(text, ()),
                    bool(cues.MOVE_CUES.search(flat)), past, set_aside)


# An event's own name: capitalised words before an event noun ("Cloud Next conference", "Surface
# event"), before a year ("Intel Innovation 2024"), or a show of the SHOWS table.
_NAMED = re.compile(
    r"(?<![\w/])(?P<name>(?:(?-i:[A-Z][\w/&.'-]*|I/O"
    r"|re:Invent)\s*){1,3}?)(?:[\s-]+(?:20\d\d\s+)?(?:event|"
    r"conference|Konferenz|keynote|summit|showcase|presentation|Präsentation|Veranstaltung|"
    r"evento|événement|conférence|presentazione|presentación|PK|Pressekonferenz)\b|\s+20\d\d\b)",
    re.IGNORECASE,
)
# Words that begin a sentence or name a thing, not an event.
_NOT_EVENT_NAME = frozenset(
    [
        "the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "next", "new",
        "first", "second", "last", "annual", "special", "big", "major", "upcoming", "launch",
        "press", "media", "hardware", "software", "product", "online", "virtual", "digital", "live",
        "global", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une", "il", "lo",
        "el", "los", "las", "de", "het", "een", "sein", "seine", "ihr"
    ]
)


def event_names(text: str) -> list[str]:
    """The event names a piece of text gives, normalised for comparison: lower case, without
    the maker's name or a year ("Google I/O 2020" -> "i/o")."""
    makers, series, shows = _name_tables()
    names: list[str] = []
    flat = plain(text)
    for match in _NAMED.finditer(flat):
        words = [w for w in re.split(r"[\s-]+", match.group("name").strip()) if w]
        words = [w for w in words if w.lower() not in makers and not re.fullmatch(r"20\d\d", w)]
        while words and words[0].lower() in _NOT_EVENT_NAME:
            words = words[1:]
        name = " ".join(words).lower().strip(".,'")
        if name and name not in series and name not in _NOT_EVENT_NAME and len(name) > 1:
            names.append(name)
    names.extend(m.group(0).lower().replace("google ", "") for m in shows.finditer(flat))
    return names


@cache
def _name_tables() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    from monitor.extract.reading.companies import COMPANIES
    from monitor.extract.reading.places import SHOWS
    from monitor.extract.reading.products import SERIES

    makers = frozenset({c.lower() for c in COMPANIES} | {"xiaomi", "nintendo", "qualcomm", "amd",
                                                          "intel"})
    shows = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(s) for s in sorted(SHOWS, key=len, reverse=True)) + r")(?![\w])")
    return makers, frozenset(s.lower() for s in SERIES), shows


def _set_aside(text: str, place: Place, *, first: bool) -> bool:
    before, after = text[: place.start], text[place.end :]
    if _SEAT_BEFORE.search(before[-40:]) or _SEAT_AFTER.match(after):
        return True
    if re.search(r"\bthe\s+$", before[-6:]) and _SEAT_AFTER.match(after):
        return True
    if first and place.start < 3 and _DATELINE.match(text):
        return True
    return _is_zone(text, place)


def _is_zone(text: str, place: Place) -> bool:
    """A place a time is restated for: "(9 p.m. in London)", "early the next morning in
    Sydney". The restatement follows the time it restates, so a clock time or a "next" must
    stand before it; "presented yesterday evening in Milan" places the event."""
    before = text[max(0, place.start - 40) : place.start]
    if _CLOCK_OF.search(before):
        return True
    if not (_ZONE_BEFORE.search(before) or _ZONE_AFTER.match(text[place.end :])):
        return False
    earlier = text[: place.start]
    return bool(_RESTATED.search(before) or any(t.end <= place.start for t in find_times(earlier)))


_RESTATED = re.compile(r"\b(?:next|following|local time|that's|which is|or)\b", re.IGNORECASE)


def _is_reporting_date(sentence: str, mention: DateMention) -> bool:
    before = sentence[max(0, mention.start - 60) : mention.start]
    after = sentence[mention.end : mention.end + 60]
    if _REPORTED_BEFORE.search(before):
        return True
    if before.endswith("は") and after.startswith(("、", ",")):
        return True  # "富士フイルムは1月9日、…を投稿し": the day the subject did what follows
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
    rest = sentence[at + 1 :]
    starts_after = any(p.start == at + 1 + (len(rest) - len(rest.lstrip())) for p in places)
    return ends_before and starts_after
