"""An article's report about one watch: its status, with evidence, and the facts it gives.

Status: every sentence's claims about the watched event are judged (claims.py), the ones time
rules out dropped (a happening told before the event's day), and the strongest wins: a
happening, then a disruption (unless a later sentence says the event stands after all), then
the surest of confirmed, reported, rumoured. An article that claims nothing but speaks of the
event is a report of it. Facts come only from clauses about the watched event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from monitor.extract.reading import cues
from monitor.extract.reading.analysis import Analysis, Sentence
from monitor.extract.reading.claims import Claim, judge, mask_names, plain
from monitor.extract.reading.cues import Predicate, Source
from monitor.extract.reading.dates import RELATIVE_DAYS, DateMention
from monitor.extract.reading.people import Person
from monitor.extract.reading.places import canonical_city
from monitor.extract.reading.products import SERIES, Product
from monitor.extract.reading.resolve import (
    BACKGROUND_START,
    Anchor,
    Placed,
    Placement,
    about_the_event,
    disrupts,
    ends_a_run,
    place,
)
from monitor.extract.reading.rules import status_of
from monitor.extract.reading.times import TimeMention, local_first, with_local_zone
from monitor.model import EventReport, Fact, FactKind, Status, Watch

# A date after these words is the one a move left behind ("originally set for February 12").
_OLD_DATE = re.compile(
    r"\b(?:originally|previously|initially|from|not|(?:set|scheduled|planned|expected) for|"
    r"instead of|than|first planned|previst[oa] (?:per|para)|programmat[oa] per|"
    r"geplant (?:für|am)|ursprünglich|statt(?: am)?|en lugar del?|au lieu du|prévue? (?:le|pour)|"
    r"initialement|inizialmente|inicialmente|oorspronkelijk|set to|due to|meant to|was to|"
    r"supposed to|pierwotnie|původně)"
    r"\b[^,;]{0,40}$",
    re.IGNORECASE,
)

_SCOPE_BREAK = re.compile(r";|\b(?:but|however|while|whereas|though|although|ma|pero|aber|mais)\b")
_DISRUPTIONS = (Status.POSTPONED, Status.CANCELLED, Status.DENIED)
# Sentences that claim a holding without naming an event, date, time or place are no claim.
_NEEDS_EVENT = (Predicate.HOLD, Predicate.HAPPEN)
# A teaser or confirmation of a phone is none of the event: the event, a date or an invitation
# must stand near the word ("teased the launch", "confirmed the date").
_NEEDS_EVENT_NEARBY = (Predicate.TEASE, Predicate.CONFIRM)
_EVENTISH = re.compile(
    rf"(?:{cues.EVENT_WORDS.pattern})|\b(?:date|dates|day|Termin|Datum|data|fecha|datum|time|"
    r"venue|location|schedule|calendar)\b"
    r"|\w(?:datum|termin)\b",  # German compounds: "Erscheinungsdatum", "Vorstellungstermin"
    re.IGNORECASE,
)
_NEAR_WORDS = 60


def _event_near(sentence: Sentence, claim: Claim) -> bool:
    text = sentence.plain
    if claim.predicate is Predicate.TEASE:
        # What is teased follows the word ("teased the launch"), or names it ("launch teaser").
        after = text[claim.end : claim.end + 30]
        before = text[max(0, claim.start - 20) : claim.start]
        if re.search(r"\b(?:according to|in|via|from|through|with)\s+(?:an?|the|its"
                     r"|their)\s+(?:[\w-]+\s+)?$",
                     text[: claim.start], re.IGNORECASE):
            # "on June 28, according to a video teaser": the teaser is the source of it all.
            return bool(sentence.dates or cues.EVENT_WORDS.search(text))
        return bool(cues.EVENT_WORDS.search(after) or re.search(
            rf"(?:{cues.EVENT_WORDS.pattern})\W*$", before, re.IGNORECASE) or any(
            claim.end <= d.start <= claim.end + 30 for d in sentence.dates))
    window = text[max(0, claim.start - _NEAR_WORDS) : claim.end + _NEAR_WORDS]
    # What is confirmed follows the word, however long: "confirmed on Thursday that the car
    # will be revealed on Monday 26 February".
    return bool(_EVENTISH.search(window)) or any(
        claim.start - _NEAR_WORDS <= d.start <= claim.end + 3 * _NEAR_WORDS for d in sentence.dates
    )


def report_for(analysis: Analysis, watch: Watch) -> EventReport | None:
    """What the analysed article says about `watch`'s event, or None when it is not about it."""
    placement = place(analysis, watch)
    if placement is None or not about_the_event(placement, watch, analysis.reference):
        return None
    relevant = placement.relevant
    facts: list[Fact] = [_company(placement, relevant, watch)]
    event_date = _date(relevant, facts, watch, analysis.reference, dated=placement.dated)
    facts.extend(_city(relevant, watch))
    facts.extend(_venue(relevant))
    facts.extend(_time(relevant, watch, facts))
    happened = _time_allows_happening(analysis.reference, event_date)
    facts.extend(_speakers(relevant, happened, watch))
    facts.extend(_products(relevant, watch, placement.word_names))
    clock = any(f.kind is FactKind.TIME for f in facts)
    status, evidence, basis = _status(placement, analysis.reference, event_date, clock)
    return EventReport(watch.name, status, evidence, tuple(facts), basis=basis)


# --- status ------------------------------------------------------------------------------


def _time_allows_happening(ref: date | None, event_date: date | None) -> bool:
    return ref is None or event_date is None or ref >= event_date


def _status(placement: Placement, ref: date | None, event_date: date | None,
            clock: bool = False) -> tuple[Status, str, str | None]:
    """The article's status for the event, its evidence and who says so (see `basis`).

    `clock`: the article gives the event's time of day."""
    happening = _time_allows_happening(ref, event_date)
    live = happening
    # An event on the article's day or the next is as sure as a plain statement of it.
    # Not when the article is undated: its stand-in day is the watch's, which says nothing.
    today = (placement.dated and ref is not None and event_date is not None
             and 0 <= (event_date - ref).days <= 1)
    timed = ref is not None and event_date is not None
    # An article that names the watched day or city is about it: its past tense is its story.
    identified = any(c.anchor is Anchor.MATCH and c.event for c in placement.relevant)
    judged: list[tuple[Claim, Placed]] = []
    for sentence_clauses in _by_sentence(placement.relevant):
        first = sentence_clauses[0]
        sentence = first.sentence
        spans = [(c.clause.start, c.clause.end) for c in sentence_clauses]
        goods = [(p.start, p.end) for p in sentence.products]
        named = any(c.event or c.clause.dates or c.clause.times or c.clause.places
                    for c in sentence_clauses)
        tag = _TITLE_TAG.search(sentence.plain) if sentence.in_title else None
        for claim in judge(sentence.text, spans, happening_allowed=happening, live_allowed=live,
                           event_today=today, goods=goods, names=placement.word_names,
                           headline=sentence.in_title
                           or _LIVE_LINE.match(sentence.plain) is not None):
            if tag is not None and claim.source is None:
                # The tag is the headline's source, whatever its verbs say.
                report = tag.group("tag").lower() == "report"
                source = Source.REPORT if report else Source.SPECULATION
                claim = replace(claim, source=source, status=status_of(
                    claim.predicate, claim.negated, claim.modality, source) or claim.status)
            if claim.source is None and placement.company is not None and _the_company_says(
                    placement.company, sentence.plain, claim):
                # "Acme said it will hold...", "..., Jane Doe told reporters": on record.
                claim = replace(claim, source=Source.OFFICIAL, status=status_of(
                    claim.predicate, claim.negated, claim.modality, Source.OFFICIAL)
                    or claim.status)
            if claim.predicate in _NEEDS_EVENT and not named:
                continue
            if (claim.predicate is Predicate.STREAM and claim.status is Status.REPORTED
                    and claim.source is None and any(
                        c.ours and c.clause.start <= claim.start < c.clause.end
                        for c in sentence_clauses)):
                # "Xiaomi will livestream its event": the company's own plan.
                claim = replace(claim, status=Status.CONFIRMED)
            if claim.predicate in _NEEDS_EVENT_NEARBY and not _event_near(sentence, claim) and not (
                    # "..., which is not yet confirmed": a doubt cast back on the whole sentence.
                    claim.predicate is Predicate.CONFIRM and claim.negated and named):
                continue
            untimed = not (timed or identified)
            if claim.predicate is Predicate.HAPPEN and untimed and not _EVENT_NOUN.search(
                    sentence.plain[max(0, claim.start - 120) : claim.end + 120]) and not any(
                    claim.end <= p.start <= claim.end + 45 for p in sentence.products) and not any(
                    c.city_match for c in sentence_clauses):
                # Without the day of the article or of the event, only an account of the event
                # itself tells it took place ("unveiled at its event", "the keynote opened").
                continue
            if claim.status in _DISRUPTIONS and not _ours_or_the_event(sentence_clauses, claim):
                continue
            if claim.status in _DISRUPTIONS and _background_reason(sentence_clauses, claim):
                continue
            if claim.status in _DISRUPTIONS and _events_at_large(sentence.plain, claim):
                continue
            if _another_stays_away(placement, sentence.plain, claim):
                continue
            judged.append((claim, first))
    if happening and (past := _past_reference(placement, ref, event_date)) is not None:
        judged.append(past)
    if not timed and any(c.predicate in _PLANS and c.status is not Status.HAPPENED
                         for c, _ in judged):
        # Without the event's day, an article that tells it as coming tells its past tense of
        # earlier editions ("where they held an event in London and New York").
        judged = [(c, p) for c, p in judged if c.predicate is not Predicate.HAPPEN or (
            _EVENT_NOUN.search(p.sentence.plain[max(0, c.start - 40) : c.end + 40])
            and p.anchor is Anchor.MATCH)]
    # Told after its day, an event that was neither moved nor called off took place: "the
    # keynote lasted an hour", "Zipse and van Hooydonk spoke" read as reports otherwise (of
    # 43 labelled articles published after the event's day, none is confirmed, reported or
    # rumoured).
    after = (placement.dated and ref is not None and event_date is not None
             and ref > event_date)
    if not judged and after:
        return Status.HAPPENED, _fallback_evidence(placement), None
    if not judged:
        # Nothing claimed: a passing mention, retold as the article tells it.
        evidence = _fallback_evidence(placement)
        # ... and a mention hedged ("Forse ... un nuovo Nintendo Direct a giugno") is a guess.
        rumours = any(_RUMOUR_WORDS.search(c.sentence.plain) for c in placement.relevant) or (
            _MAYBE.search(plain(evidence)) is not None)
        return ((Status.RUMORED if rumours else Status.REPORTED), evidence,
                Source.SPECULATION.value if rumours else None)
    judged = _attributed(judged, placement)
    disruptions = [(c, p) for c, p in judged if c.status in _DISRUPTIONS]
    if disruptions:
        last = max(p.sentence.index for _, p in disruptions)
        # "will go ahead as planned, despite reports of a delay": said with or after it, the
        # event stands.
        # (Not a hedged one: "part of the event could still be held" leaves it called off.)
        stands = [(c, p) for c, p in judged if p.sentence.index >= last and (
            (c.predicate is Predicate.GO_AHEAD and c.modality is None)
            or (c.negated and c.modality is None  # "provided it doesn't get delayed"
                and c.predicate in (Predicate.POSTPONE, Predicate.CANCEL)
                # ("... hasn't been rescheduled": no new day yet, the disruption stands)
                and not _NOT_RESCHEDULED.search(p.sentence.plain[c.start : c.end + 20])))]
        if stands:
            judged = [(c, p) for c, p in judged if c.status not in _DISRUPTIONS]
    disruptions = [(c, p) for c, p in judged if c.status in _DISRUPTIONS]
    top = max(judged, key=_rank)
    if (top[0].status is Status.HAPPENED and top[1].anchor is not Anchor.MATCH
            and any(c.status is Status.CANCELLED for c, _ in disruptions)):
        # A cancelled event did not take place: a past tense that does not name the watched
        # day or city is about something else ("their previously announced games").
        judged = [(c, p) for c, p in judged if c.status is not Status.HAPPENED]
    if disruptions and max(judged, key=_rank)[0].status in _DISRUPTIONS:
        chosen = _disruption(disruptions)
        return chosen[0].status, chosen[1].sentence.text, basis(chosen[0])
    best = max(judged, key=_rank)
    claim = best[0]
    # ("lancio a rischio": a call-off in the air tells no account of the event)
    if after and claim.status in (Status.CONFIRMED, Status.REPORTED, Status.RUMORED) and (
            claim.predicate not in (Predicate.CANCEL, Predicate.POSTPONE)):
        return Status.HAPPENED, best[1].sentence.text, basis(claim)
    if (clock and claim.status is Status.REPORTED and claim.source is None
            and claim.modality is None and not claim.negated
            and claim.predicate in (Predicate.HOLD, Predicate.STREAM)):
        # A plain "will be held on 12 July at 17:00" is the organiser's schedule: rumours and
        # reports give a day at most, an hour comes from the invitation (in 700 labelled
        # articles that give the hour, 127 are confirmed, 4 reported).
        return Status.CONFIRMED, best[1].sentence.text, None
    return claim.status, best[1].sentence.text, basis(claim)


def basis(claim: Claim) -> str | None:
    """Who says so, for the story's rules of support: "on_record" (the company, a named
    spokesperson or executive, its invitation or own channels), "report", "leak",
    "speculation", or None for the writer's plain statement."""
    if claim.source is Source.OFFICIAL or (claim.predicate in _OWN_WORD and claim.source in (
            None, Source.OFFICIAL)):
        return ON_RECORD
    return claim.source.value if claim.source else None


ON_RECORD = "on_record"


def _disruption(claims: list[tuple[Claim, Placed]]) -> tuple[Claim, Placed]:
    """Which disruption an article reports when it names several: a postponement the company
    announces (or that names when it will be) over the word "cancellation" beside it ("confirms
    the temporary cancellation"), and a cancellation or postponement over a bare "there will
    be no event"; else the body's last word."""
    body = [(c, p) for c, p in claims if not p.sentence.in_title] or claims
    said = [(c, p) for c, p in body if c.predicate is not Predicate.HOLD] or body
    # A disruption told as an earlier step ("had postponed it three weeks ago", "zunächst
    # verschoben") gave way to the one told since.
    said = [(c, p) for c, p in said if not _EARLIER_STEP.search(p.sentence.plain)] or said
    postponed = [(c, p) for c, p in said if c.status is Status.POSTPONED
                 and (c.source is Source.OFFICIAL or _NEW_TIME.search(p.sentence.plain))]
    return postponed[0] if postponed else max(said, key=lambda cp: cp[1].sentence.index)


_NOT_RESCHEDULED = re.compile(
    r"reschedul|new date|nuova data|neue[nr]? Termin|nueva fecha|nouvelle date|nieuwe datum"
    r"|nova data|remarcad", re.IGNORECASE)
# (Not "originally planned for 22 February": that is the day left behind, in the move itself.)
_EARLIER_STEP = re.compile(
    r"\b(?:had (?:\w+ )?(?:postponed|delayed|moved|rescheduled)|at first|zunächst"
    r"|hatten?\b.{0,80}?\bverschoben|vor (?:drei|zwei|vier|einigen|\d+) Wochen"
    r"|(?:weeks|days|a month) ago|avevano\b.{0,60}?\b(?:rinviat|posticipat)\w*"
    r"|avaient\b.{0,60}?\breport\w*|habían\b.{0,60}?\baplazad\w*)\b", re.IGNORECASE)
# A postponement that says to when: "to next year", "until further notice", "to 2025".
_NEW_TIME = re.compile(
    r"\b(?:to|until|till|auf|al|au|naar|a)\s+(?:the\s+)?(?:next year|20\d\d|a later date|later|"
    r"further notice|the fall|autumn|\w+ 20\d\d)|\btemporar\w+|\bunbestimmte Zeit|\bindefinitely\b",
    re.IGNORECASE)


# Tiers of status, surest last; disruptions share one tier so a headline's "cancels" does not
# outweigh the body's "postpones".
_TIER = {Status.RUMORED: 1, Status.REPORTED: 2, Status.CONFIRMED: 3, Status.DENIED: 4,
         Status.POSTPONED: 4, Status.CANCELLED: 4, Status.HAPPENED: 5}


_RUMOUR_WORDS = re.compile(
    r"\b(?:rumou?r\w*|leak\w*|speculat\w*|tipster|indiscrezion\w*|rumores?|Gerücht\w*|rumeurs?|"
    r"geruchten?|filtraci\w+|grain of salt|alleged(?:ly)?|purported(?:ly)?|insiders?|angeblich\w*|"
    r"presunt[oaie]|trapel\w+|supuest[oa]s?|présumée?s?)\b", re.IGNORECASE)
# A headline tagged as hearsay: "... – Rumor", "(Report)".
_TITLE_TAG = re.compile(r"(?:[–—-]|\(|\[|:)\s*(?P<tag>rumou?r|report|leak|gerücht|rumeur"
                        r"|rumor)\s*[)\]]?\s*$",
                        re.IGNORECASE)
# A liveblog's line opens on its time: "1:04 p.m. ET:", "18:06 BST:".
_LIVE_LINE = re.compile(r"^\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?:", re.IGNORECASE)
# Nouns of an event itself, as opposed to a launch verb.
_EVENT_NOUN = re.compile(
    r"\b(?:event|events|keynote|conference|presentation|press conference|showcase|unveiling|"
    r"launch event|stage|livestream|Unpacked|Direct|evento|presentazione|presentación|"
    r"conferencia|Event|Veranstaltung|Präsentation|Keynote|événement|conférence|présentation|"
    r"evenement|presentatie|lançamento|apresentação|evenemang\w*|presskonferens\w*|"
    r"lansering\w*|begivenhed\w*|arrangement|wydarzeni\w*|konferencj\w*|prezentacj\w*|"
    r"událost\w*|konferenc\w*|představení|premiér\w*)\b", re.IGNORECASE)
# "Events, fairs and launches were postponed": a disruption of events at large is not this one's.
_DEFINITE = re.compile(
    r"\b(?:the|its|their|this|that|el|la|il|lo|le|der|die|das|den|de|het|o|a|su|sa|son|sein|"
    r"seine|ihr|ihre)\s+(?:[\w'-]+\s+){0,3}?(?:event|keynote|conference|presentation|launch|"
    r"showcase|unveiling|evento|presentazione|presentación|lanzamiento|Event|Veranstaltung|"
    r"Präsentation|Vorstellung|événement|conférence|présentation|lancement|keynote|evenement|"
    r"presentatie|lancering|lançamento|apresentação|show|fair|salon|Messe|beurs|fiera|feria|"
    r"expo|exhibition|convention)\b", re.IGNORECASE)


def _ours_or_the_event(clauses: list[Placed], claim: Claim) -> bool:
    text = clauses[0].sentence.plain
    # A sentence that calls off or moves what was due on the watched day speaks of the event
    # itself ("the show, due from 1 to 11 October, is cancelled"); a denial needs more.
    dated = claim.status is not Status.DENIED and any(c.date_match for c in clauses)
    return dated or any(c.ours for c in clauses) or bool(
        _DEFINITE.search(text) or _ITS.search(text))


# The verb of saying right after the company's name ("Acme's CEO said", "Acme today stated").
_SAYS_AFTER_NAME = re.compile(
    r"(?:['’]s? \w+)?\s+(?:\w+ly\s+)?(?:said|says|told (?:\w+ )?(?:reporters|us|the press"
    r"|journalists|investors)|stated|wrote|sagte|erklärte|a déclaré|a indiqué|ha detto"
    r"|ha dichiarato|dijo|afirmó|disse|afirmou)\b", re.IGNORECASE)


# Japanese puts the verb of telling last: "…を5月に開催することを明らかにした".
_JA_TELLS = re.compile(r"[をと](?:明らかに|発表|公表|告知|予告)し(?:た|ました)")


def _the_company_says(company: re.Pattern[str], sentence: str, claim: Claim) -> bool:
    """The company or one of its people as the one who says the claim: "Acme said it will
    hold" before it, "..., Acme said." after it (not "Acme fans said", not a report's)."""
    for match in company.finditer(sentence):
        if sentence.startswith("は", match.end()) and _JA_TELLS.search(sentence, claim.end):
            return True  # "富士フイルムは…開催することを明らかにした": the company, verb last
        says = _SAYS_AFTER_NAME.match(sentence[match.end() : match.end() + 40])
        if says is None:
            continue
        if match.end() + says.end() <= claim.start:
            return not re.search(r"[.;:!?]", sentence[match.end() + says.end() : claim.start])
        if match.start() >= claim.end:
            return re.fullmatch(r"[^.;:!?]*,\s*(?:\w+\s+){0,3}", sentence[claim.end : match.start()]
                                ) is not None
    return False


def _background_reason(clauses: list[Placed], claim: Claim) -> bool:
    """"Following GSMA's decision to cancel MWC, Xiaomi will delay its launch": a call-off
    told as what came before, in a clause that does not name the company, is the reason for
    the event's news, not that news."""
    own = next((c for c in clauses if c.clause.start <= claim.start < c.clause.end), None)
    return own is not None and not own.ours and BACKGROUND_START.match(own.clause.text) is not None


# Events counted by the many: "many events", "vari eventi", "stora evenemang", "pertemuan
# massal", "Großveranstaltungen". Called off as a lot, they are the times' news, not this one's.
_MANY = (r"(?:many|several|various|numerous|major|large|big|all|other|most|multiple|mass|public"
         r"|beaucoup d['’]|plusieurs|de nombreux|nombreux|tous les|les autres|d['’]autres|vari"
         r"|molti|numerosi|tutti gli|grandi|altri|muchos|varios|numerosos|todos los|grandes"
         r"|otros|viele|zahlreiche|mehrere|alle|große|größere|andere|stora|flera|alla|andra"
         r"|veel|grote|vários|muitos|todos os|outros|semua|berbagai|banyak|wszystkie|wiele"
         r"|liczne)")
_GATHERINGS = (r"(?:events|gatherings|conferences|shows|fairs|trade shows|exhibitions"
               r"|événements|manifestations|salons|conférences|eventi|manifestazioni|fiere"
               r"|eventos|ferias|Veranstaltungen|Events|Messen|evenemang|mässor|evenementen"
               r"|beurzen|feiras|wydarzenia|imprezy)")
_AT_LARGE = re.compile(
    rf"\b{_MANY}\s*(?:[\w-]+\s+)?{_GATHERINGS}\b|\bGroßveranstaltungen\b"
    r"|\b(?:pertemuan|acara|kegiatan) (?:massal|besar)\b|\bseluruh (?:pertemuan|acara)\b",
    re.IGNORECASE)


def _events_at_large(text: str, claim: Claim) -> bool:
    """"Beijing has canceled major events", "beaucoup d'événements ont été annulés": what is
    called off is events at large, named right after the verb or as its subject before it."""
    after = _AT_LARGE.match(text, claim.end) or _AT_LARGE.match(
        re.sub(r"^\s*(?:[\w'’-]+\s+){0,2}?(?=\S)", "", text[claim.end : claim.end + 60]))
    if after:
        return True
    before = text[max(0, claim.start - 60) : claim.start]
    return any(re.fullmatch(r"\s*(?:[\w'’-]+\s+){0,3}", before[m.end():])
               for m in _AT_LARGE.finditer(before))


def _another_stays_away(placement: Placement, text: str, claim: Claim) -> bool:
    """"Lenovo si ritira da MWC 2021": another company stays away from the show, which goes
    on; only the watched company's withdrawal (named, or "it" with no other company before)
    is its part called off. The company's own statement ("decidimos não participar") is."""
    if (claim.status is not Status.CANCELLED or placement.company is None
            or claim.source is Source.OFFICIAL
            or not _STAYS_AWAY.search(text[claim.start : claim.end])):
        return False
    before = text[: claim.start]
    if placement.company.search(before):
        return False
    pronoun = _ITS.search(text[max(0, claim.start - 40) : claim.start]) is not None
    other_named = placement.others is not None and placement.others.search(before) is not None
    return not pronoun or other_named


_STAYS_AWAY = re.compile(
    r"withdr|pull\w* out|zieht sich|retir|ritira|attend|particip|partecip|take part|exhibit",
    re.IGNORECASE)
# "Its V19 has been postponed": the company spoken of, by a pronoun.
_ITS = re.compile(r"\b(?:its|it|the company|the firm|la compañía|l'azienda|das Unternehmen|"
                  r"l'entreprise|la société|het bedrijf|der Konzern)\b", re.IGNORECASE)


def _attributed(judged: list[tuple[Claim, Placed]], placement: Placement
                ) -> list[tuple[Claim, Placed]]:
    """Who says what the article states without saying who: its own attributions do.

    A plain "Xiaomi will hold an event on Thursday" in an article whose only sources are
    rumours is the rumour retold, not a report of its own; in one that cites sources it is
    their report. And a writer's doubt ("take it with a grain of salt") leaves every claim
    not on record a rumour.
    """
    anonymous = any(_ANONYMOUS.search(c.sentence.plain) for c in placement.relevant)
    if anonymous:
        # "the official said", after "an official who asked not to be named": that source.
        judged = [(replace(c, source=Source.REPORT,
                           status=status_of(c.predicate, c.negated, c.modality, Source.REPORT)
                           or c.status)
                   if c.source is Source.OFFICIAL and _PERSON_WORD.fullmatch(c.source_words.lower())
                   else c, p) for c, p in judged]
    judged = _the_fake_invitation(_the_leaked_invitation(judged))
    sources = {c.source for c, _ in judged}
    hedged = any(c.status is Status.RUMORED for c, _ in judged)
    sceptic = any(cues.SCEPTIC.search(c.sentence.plain) for c in placement.relevant)
    official_voice = Source.OFFICIAL in sources or _QUOTED.search(
        " ".join(c.sentence.plain for c in placement.relevant)) is not None
    out = []
    for claim, placed in judged:
        if (claim.predicate is Predicate.HOLD and claim.negated and claim.source is None
                and claim.modality is None and official_voice):
            # "There is no event planned for that date," in an article quoting the company.
            out.append((replace(claim, status=Status.DENIED), placed))
            continue
        plain_statement = (claim.status is Status.REPORTED and claim.source is None
                           and claim.modality is None and not claim.negated)
        # (The company's own acts are on record unless someone else tells them: "soll ... per
        # Livestream übertragen werden" is hearsay of a stream.)
        on_record = claim.source is Source.OFFICIAL or (
            claim.predicate in _OWN_WORD and claim.source is None)
        if (plain_statement and hedged and Source.REPORT not in sources
                and Source.OFFICIAL not in sources) or (
                sceptic and not on_record and claim.status in (Status.REPORTED,
                                                               Status.CONFIRMED)):
            claim = replace(claim, status=Status.RUMORED)
        out.append((claim, placed))
    return out


def _the_leaked_invitation(judged: list[tuple[Claim, Placed]]) -> list[tuple[Claim, Placed]]:
    """"NikonRumors reports on a leaked press invite ... The invitation also mentions": the
    invitation spoken of after a leaked one, or one known from a report ("As per a report by
    GSMArena, Vivo has sent out invites ... due to the invite"), is that one, and no word on
    record."""
    told = [(p.sentence.index, c.source) for c, p in judged
            if c.predicate is Predicate.INVITE and c.source in (Source.LEAK, Source.REPORT)]
    if not told:
        return judged
    first, source = min(told, key=lambda t: t[0])
    out = []
    for claim, placed in judged:
        text = placed.sentence.plain
        if (claim.source is Source.OFFICIAL and placed.sentence.index > first
                and _INVITATION.fullmatch(claim.source_words)
                and (at := text.find(claim.source_words)) >= 0
                and _THE_ONE_BEFORE.search(text[:at])):
            claim = replace(claim, source=source, status=status_of(
                claim.predicate, claim.negated, claim.modality, source) or claim.status)
        out.append((claim, placed))
    return out


def _the_fake_invitation(judged: list[tuple[Claim, Placed]]) -> list[tuple[Claim, Placed]]:
    """"Someone is sending out fake invitations to a PS5 event": an invitation the article
    calls fake announces no event, and the invitations it speaks of are that one."""
    fake = any(c.predicate is Predicate.INVITE and _FAKE.search(
        p.sentence.plain[max(0, c.start - 40) : c.start]) for c, p in judged)
    if not fake:
        return judged
    return [(replace(c, status=Status.DENIED, negated=True)
             if c.predicate is Predicate.INVITE and c.source in (None, Source.OFFICIAL) else c, p)
            for c, p in judged]


# "fake", "forged" in the languages read, right before the invitation.
_FAKE = re.compile(
    r"\b(?:fake|faked|forged|bogus|phony|phoney|counterfeit|hoax|gefälscht\w*|falsch\w*"
    r"|fals[oaie]s?|falsificad[oa]s?|falsifié\w*|faux|fausses?|nep|valse|fałszyw\w*"
    r"|falešn\w*|sahte)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_INVITATION = re.compile(r"(?:press |media )?invit(?:e|es|ation|ations)", re.IGNORECASE)
# The determiner that points back: "the invitation", "this invite", "the same invitation".
_THE_ONE_BEFORE = re.compile(r"\b(?:the|this|that|said|same)\s+(?:[\w-]+\s+){0,2}$",
                             re.IGNORECASE)


# The writer's own "perhaps", said of the whole sentence (not "expected to show the watch").
_MAYBE = re.compile(r"\b(?:perhaps|maybe|possibly|forse|quizás?|tal vez|vielleicht|peut-être"
                    r"|misschien|talvez|možná|może|kanske|måske)\b", re.IGNORECASE)
_OWN_WORD = (Predicate.INVITE, Predicate.CONFIRM, Predicate.TEASE, Predicate.STREAM)
_PLANS = (Predicate.HOLD, Predicate.INVITE, Predicate.TEASE, Predicate.STREAM)
_ANONYMOUS = re.compile(
    r"\b(?:asked|wish(?:ed)?|requested) not to be (?:named|identified)|\banonymity\b|"
    r"\bnot authori[sz]ed to (?:speak|comment)|\bdeclined to be (?:named|identified)",
    re.IGNORECASE,
)
_PERSON_WORD = re.compile(r"officials?|official(?:ly)?|the official|an official|representative")
# The company's words quoted: a spokesperson or an executive speaking on record.
_QUOTED = re.compile(
    r"[\"„«“][^\"„«“”»]{8,}[\"”»“]\s*,?\s*(?:\w+\s+){0,6}?(?:said|says|told|stated|added|wrote"
    r"|sagte|"
    r"erklärte|dijo|afirmó|ha detto|ha dichiarato|a déclaré|a dit|zei|disse)\b|"
    r"\b(?:spokes(?:person|man|woman)|Sprecher(?:in)?|portavo(?:z|ce)|porte-parole|woordvoerder)\b",
    re.IGNORECASE,
)


def _past_reference(placement: Placement, ref: date | None, event_date: date | None
                    ) -> tuple[Claim, Placed] | None:
    """A clause that speaks of the event as past ("after its SF event last week")."""
    if ref is None or event_date is None or ref <= event_date:
        return None
    for item in placement.relevant:
        if item.event and any(d.last < ref and d.covers(event_date) for d in item.clause.dates):
            claim = Claim(Status.HAPPENED, Predicate.HAPPEN, False, None, None,
                          item.clause.start, item.clause.end)
            return claim, item
    return None


def _rank(item: tuple[Claim, Placed]) -> tuple[int, bool, int, bool, int]:
    claim, placed = item
    index = placed.sentence.index
    if claim.status in _DISRUPTIONS:
        # "called off this year's edition ... we've decided to postpone it to 2025": the
        # body's last word on the disruption is the one that holds.
        return _TIER[claim.status], not placed.sentence.in_title, index, True, 0
    if claim.status is Status.RUMORED and claim.predicate in (Predicate.CANCEL,
                                                               Predicate.POSTPONE):
        # A call-off in the air ("devrait annoncer qu'il n'aura pas lieu") is the news over a
        # report that the event stands; not over the company's own word.
        return 2, not placed.sentence.in_title, index, True, 0
    # Among equals: a body sentence before the headline, one naming the event, the first.
    return (_TIER[claim.status], not placed.sentence.in_title, 0,
            bool(cues.EVENT_WORDS.search(placed.sentence.plain)), -index)


def _by_sentence(clauses: Iterable[Placed]) -> list[list[Placed]]:
    grouped: dict[int, list[Placed]] = {}
    for item in clauses:
        grouped.setdefault(item.sentence.index, []).append(item)
    return [grouped[k] for k in sorted(grouped)]


def _fallback_evidence(placement: Placement) -> str:
    relevant = placement.relevant or placement.clauses
    ordered = sorted(relevant, key=lambda c: c.sentence.in_title)
    chosen = next(
        (c for c in ordered if c.event and c.anchor is Anchor.MATCH),
        next((c for c in ordered if c.event), ordered[0]),
    )
    return chosen.sentence.text


# --- facts -------------------------------------------------------------------------------


def _company(placement: Placement, relevant: list[Placed], watch: Watch) -> Fact:
    mentions = [c for c in relevant if c.ours]
    best = next((c for c in mentions if c.event), mentions[0] if mentions else None)
    if best is None:
        best = next(c for c in placement.clauses if c.ours)
    return Fact(FactKind.COMPANY, watch.company, best.sentence.text)


def _date(relevant: list[Placed], facts: list[Fact], watch: Watch, ref: date | None,
          dated: bool = True) -> date | None:
    candidates: list[tuple[date, str]] = []
    moved: list[tuple[date, str]] = []
    for item in relevant:
        sentence = item.sentence
        if not (item.event or cues.EVENT_WORDS.search(sentence.plain) or sentence.moved):
            continue
        for mention in item.clause.dates:
            if not mention.exact or (not sentence.moved and _not_the_day(mention, sentence.text)):
                continue
            if item.new_day and not sentence.moved:
                moved.append((mention.first, sentence.text))  # the day the event moved to
            elif not sentence.moved:
                candidates.append((mention.first, sentence.text))
            elif _new_date(sentence.plain, mention):
                moved.append((mention.first, sentence.text))
    if not candidates and not moved:
        # No date in an event sentence: one the article ties to the event elsewhere will do.
        candidates = [
            (m.first, c.sentence.text)
            for c in relevant
            if not c.sentence.moved and (c.ours or c.date_match or c.city_match)
            for m in c.clause.dates
            if m.exact and not ends_a_run(m, c.sentence.text)
            # ("called off today": the day it was decided; "presented yesterday" is the day.)
            and not (RELATIVE_DAYS.get(m.text.lower(), 1) <= 0 and disrupts(c))
        ]
    if not candidates and not moved:
        # Coverage of the event as it happens: "announced today at an event", a liveblog.
        candidates = [
            (m.first, c.sentence.text)
            for c in relevant
            if _at_the_event(c.sentence.text)
            for m in c.clause.said_on
            if m.exact
        ]
        live = next((c for c in relevant if cues.LIVE_WORDS.search(c.sentence.plain)), None)
        # A liveblog is of its own day; an undated one's stand-in day is the watch's, which
        # the article does not give.
        if not candidates and live and ref and dated:
            candidates = [(ref, live.sentence.text)]
    chosen: tuple[date, str] | None = None
    if moved:
        chosen = moved[-1]
    elif any(c.sentence.moved and _moves_the_event(c) for c in relevant):
        return watch.date  # moved without a new date: the old one is no fact any more
    elif watch.date and any(d == watch.date for d, _ in candidates):
        chosen = next(c for c in candidates if c[0] == watch.date)
    elif candidates:
        top = Counter(d for d, _ in candidates).most_common(1)[0][0]
        chosen = next(c for c in candidates if c[0] == top)
    if chosen is None:
        return watch.date
    facts.append(Fact(FactKind.DATE, chosen[0].isoformat(), chosen[1], supersedes=bool(moved)))
    return chosen[0]


def _not_the_day(mention: DateMention, text: str) -> bool:
    """A day that cannot be the event's own: the last of a run ("open until 23 October"), or
    "yesterday" and "today", which tell when something was said."""
    return RELATIVE_DAYS.get(mention.text.lower(), 1) <= 0 or ends_a_run(mention, text)


def _new_date(text: str, mention: DateMention) -> bool:
    """In a sentence that moves the event, whether `mention` is where it moved to ("postponed
    to March 5", "from the 12th to the 24th", "now set for"), not the day it left ("postpones
    its April 24 event", "originally scheduled for October 29")."""
    before = text[: mention.start]
    if _TO.search(before):
        return True
    if _OLD_DATE.search(before):
        return False
    if _ON.search(before):
        return True
    moves = [m.end() for m in cues.MOVE_CUES.finditer(text) if m.end() <= mention.start]
    if not moves:
        return False
    between = text[moves[-1] : mention.start]
    return len(between.split()) <= 2 and not re.search(
        r"\b(?:its|the|their|his|her|from)\s*$", between, re.IGNORECASE)


# A word of destination right before a date: where the move went.
_TO = re.compile(
    r"\b(?:to|until|till|auf|al|au|naar|para|a|now (?:set |scheduled |slated |due )?(?:for|on))\s+"
    r"(?:(?:the|a|an|le|el|il|den|dem|de|o)\s+)?(?:\w+(?:day|di|tag|dag),?\s+)?"
    r"(?:(?:the|le|el|il|den|dem|de|o)\s+)?$",
    re.IGNORECASE,
)
_ON = re.compile(r"\b(?:for|on|am|le|per|op|el|il)\s+(?:the\s+)?(?:\w+day,?\s+)?$", re.IGNORECASE)


def _moves_the_event(item: Placed) -> bool:
    return any(c.predicate is Predicate.POSTPONE and not c.negated
               for c in judge(item.sentence.text, [(item.clause.start, item.clause.end)]))


@lru_cache(maxsize=4096)
def _at_the_event(sentence: str) -> bool:
    """True when the sentence reports what happened at the event, so who spoke there spoke."""
    return any(c.status is Status.HAPPENED for c in judge(sentence))


def _city(relevant: list[Placed], watch: Watch) -> list[Fact]:
    found = [
        (p.name, c.sentence.text, c.event)
        for c in relevant for p in c.clause.places if p.kind == "city" and not p.implied
    ]
    moved = [(p.name, c.sentence.text) for c in relevant if c.new_place
             for p in c.clause.places if p.kind == "city" and not p.implied]
    if moved:
        return [Fact(FactKind.CITY, moved[0][0], moved[0][1], supersedes=True)]
    if watch.city:
        city = canonical_city(watch.city) or watch.city
        found = [f for f in found if f[0] == city]
    else:
        found = [f for f in found if f[2]] or found
    if not found:
        return []
    top = Counter(name for name, _, _ in found).most_common(1)[0][0]
    evidence = next(s for name, s, event in sorted(found, key=lambda f: not f[2]) if name == top)
    return [Fact(FactKind.CITY, top, evidence)]


def _venue(relevant: list[Placed]) -> list[Fact]:
    found = [(p.name, c.sentence.text) for c in relevant for p in c.clause.places
             if p.kind == "venue"]
    return _first(FactKind.VENUE, found)


def _time(relevant: list[Placed], watch: Watch, facts: list[Fact]) -> list[Fact]:
    found: list[tuple[TimeMention, str]] = [
        (t, c.sentence.text)
        for c in relevant
        if c.event or cues.EVENT_WORDS.search(c.sentence.plain)
        or cues.START_WORDS.search(c.sentence.plain)
        for t in c.clause.times
    ]
    if not found:
        return []
    city = next((f.value for f in facts if f.kind is FactKind.CITY), watch.city)
    best = local_first(found, city)
    return [Fact(FactKind.TIME, with_local_zone(best[0].value, city), best[1])]


def _speakers(relevant: list[Placed], happened: bool, watch: Watch) -> list[Fact]:
    """People who present or host: named in a frame that puts them on stage, or the
    company's own people (aliases, titled executives) with a stage verb after their name."""
    found: list[tuple[str, str]] = []
    aliases = set(watch.aliases)
    for item in relevant:
        sentence = item.sentence.plain
        people = [*item.people, *(p for p in item.sentence.people
                                  if item.clause.start <= p.start < item.clause.end)]
        for person in people:
            if _negated_person(sentence, person):
                continue
            after = sentence[person.end :]
            own = person.name in aliases or not person.staged
            if (person.staged or cues.FUTURE_STAGE_VERBS.search(after)
                    or (happened and cues.STAGE_VERBS.search(after))
                    or (own and cues.SPEAKER_CUES.search(sentence) and _near_cue(sentence, person))
                    or (own and happened and _at_the_event(sentence))):
                found.append((person.name, item.sentence.text))
    return list(_each(FactKind.SPEAKER, found))


def _near_cue(sentence: str, person: Person) -> bool:
    """A speaker word within a few words of the name ("Lin Bin will host", "joined by Barra")."""
    window = sentence[max(0, person.start - 40) : person.end + 50]
    return bool(cues.SPEAKER_CUES.search(window))


def _products(relevant: list[Placed], watch: Watch, word_names: Sequence[str] = ()
              ) -> list[Fact]:
    makers = {watch.company.lower(), *(a.lower() for a in watch.aliases)}
    found = [
        (p.name, c.sentence.text)
        for c in relevant
        for p in c.clause.products
        # A headline names what the article is about; a body sentence must put it on offer,
        # near the name or the list it stands in ("the Galaxy S7 was a hit" says nothing of
        # this event's products).
        if c.sentence.in_title or _on_offer(c.sentence, p)
        if not _negated(mask_names(c.sentence.plain, word_names), p)
        and (p.maker is None or p.maker.lower() in makers)
        and not _history(c.sentence, p)
        and not (_YEAR_AGO.search(c.sentence.plain) and cues.PAST_TENSE.search(c.sentence.plain))
    ]
    names = {name for name, _ in found}
    # "the new iPhone" beside "the iPhone 15" is that model, not another product.
    # "the Galaxy Note" beside "the Galaxy Note 7" is that model, not another one.
    found = [(n, s) for n, s in found
             if not ((n in SERIES and any(o.startswith(n + " ") for o in names))
                     or any(re.fullmatch(re.escape(n) + r" \d\S*", o) for o in names))]
    return list(_each(FactKind.PRODUCT, found))


def _history(sentence: Sentence, product: Product) -> bool:
    """A product named as what came before, itself or the list it stands in ("successors of
    the Surface Pro 6 and the Surface Laptop 2")."""
    text = sentence.plain
    return any(_HISTORY.search(text[max(0, start - 40) : start])
               for start in {product.start, _list_span(sentence, product)[0]})


def _on_offer(sentence: Sentence, product: Product) -> bool:
    start, end = _list_span(sentence, product)
    reach = _OFFER_REACH if len(sentence.plain) > 3 * _OFFER_REACH else len(sentence.plain)
    return bool(cues.LAUNCH_VERBS.search(sentence.plain[max(0, start - reach) : end + reach]))


_LIST_GAP = re.compile(
    r"\s*(?:,|\band\b|\bor\b|\by\b|\be\b|\bet\b|\bund\b|\ben\b|&|/|\bas well as\b|\bplus\b|"
    r",\s*and\b|"
    r",\s*y\b)\s*(?:(?:the|a|an|el|la|los|il|le|les|das|der|die|des|dem|den|de|del|du|o|new"
    r"|nuevo|nuovo|neue)\s+)?$",
    re.IGNORECASE)


def _list_span(sentence: Sentence, product: Product) -> tuple[int, int]:
    """The span of the list of products `product` stands in ("the Galaxy Z Flip 5, Galaxy Z
    Fold 5 and the Galaxy Watch 6"), or its own."""
    products = sorted(sentence.products, key=lambda p: p.start)
    runs: list[list[Product]] = []
    for p in products:
        if runs and _LIST_GAP.fullmatch(sentence.plain[runs[-1][-1].end : p.start]):
            runs[-1].append(p)
        else:
            runs.append([p])
    for run in runs:
        if product in run:
            return run[0].start, run[-1].end
    return product.start, product.end


# How near a product (or its list) a word must be that puts it on offer.
_OFFER_REACH = 120
# Words before a product that make it history or a comparison, not what this event brings.
# "A year ago the company showed the Surface Pro 6": what a past edition launched.
_YEAR_AGO = re.compile(
    r"\b(?:a year ago|last year|vor einem Jahr|im Vorjahr|letztes Jahr|l'anno scorso"
    r"|el año pasado|l'(?:année dernière|an dernier)|vorig jaar|ano passado)\b", re.IGNORECASE)
_HISTORY = re.compile(
    r"\b(?:successors? (?:to|of)|Nachfolger (?:des|der|von)|erede del|sucesor del|successeur du"
    r"|succ[eé]d(?:e|erait|era|ait) (?:au|à)|succede al|sucede al"
    r"|opvolger van|predecessor|replac(?:es|ing)|like the|than the|compared (?:to|with)|"
    r"last year's|previous|older|original|follow(?:s|ing)? (?:up )?(?:on )?the|after the|"
    r"since the|based on the|rival|rivals|competitor|competing|against the|"
    r"vs\.?|versus|instead of the|unlike the)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


def _each(kind: FactKind, found: Iterable[tuple[str, str]]) -> Iterable[Fact]:
    seen: set[str] = set()
    for value, sentence in found:
        if value not in seen:
            seen.add(value)
            yield Fact(kind, value, sentence)


def _first(kind: FactKind, found: list[tuple[str, str]]) -> list[Fact]:
    if not found:
        return []
    top = Counter(v for v, _ in found).most_common(1)[0][0]
    return [Fact(kind, top, next(s for v, s in found if v == top))]


def _negated(sentence: str, product: Product) -> bool:
    starts = [0] + [m.end() for m in _SCOPE_BREAK.finditer(sentence) if m.end() <= product.start]
    ends = [m.start() for m in _SCOPE_BREAK.finditer(sentence) if m.start() >= product.end]
    scope = sentence[starts[-1] : ends[0] if ends else len(sentence)]
    return bool(cues.NEGATION.search(scope))


def _negated_person(sentence: str, person: Person) -> bool:
    """True for "Lei Jun is not expected to attend": a negation right after the name."""
    after = sentence[person.end :]
    scope = _SCOPE_BREAK.split(after, maxsplit=1)[0]
    return bool(re.match(r"^\s+(?:is|was|will)\s+(?:not|n't|never)\b|^\s+won't\b", scope))
