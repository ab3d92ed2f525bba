"""Judge what a sentence claims about an event, axis by axis, and what status that makes.

A claim is one predicate of the event in a sentence (it will be held, it was postponed...)
with its polarity, modality and source, each read from the cue tables within its scope:
negation within the clause before the predicate, modality and source within the part of the
sentence a contrast ("but", "however") does not cut off. `rules.py` turns the axes into a
status. The caller decides which spans of the sentence are about the watched event and
whether time allows a happening.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from monitor.extract.reading import cues
from monitor.extract.reading.cues import Modality, Predicate, Source
from monitor.extract.reading.products import find_products
from monitor.extract.reading.rules import status_of
from monitor.model import Status

# Where a sentence's framing stops: "Sources say X, but Xiaomi has not confirmed it".
_CONTRAST = re.compile(
    r";|\s[—–]\s|\s-\s|\b(?<!all )(?:but|however|while|whereas|although|though|meanwhile|"
    r"ma|però|mentre|pero|mientras|aber|jedoch|während|mais|tandis que|maar|terwijl|mas|"
    r"enquanto|ale|zatímco)\b",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s[—–-]\s")
_ASIDE = 80
# A noun predicate negated by the verb after it: "invitations have not gone out yet".
_NOUN_NEGATED = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:have|has|had|are|is|were|was|will|did|do|does|haben|sind|wurden|"
    r"ont|sont|hanno|sono|han|son)(?:n't|\s+(?:not|yet to|nicht|noch nicht|pas|non|no)\b)",
    re.IGNORECASE,
)
# "recently announced cost-reduction measures": a participle before a noun is no act.
_ADJECTIVAL = re.compile(
    r"(?-i:\s+(?!(?:the|a|an|its|their|his|her|our|my|your|two|three|new|at|on|in|during|today|"
    r"yesterday|that|it|him|them|this|these|those|plans|details|what|how|both|all|some|several|"
    r"more|another|one|first|last|to|as|by|with|for|via|and|with|before|after|earlier|late|"
    r"officially|finally|just|also|here|there|last|next)\b)[a-z][a-z-]+(?:\s+[a-z-]+)?\s+"
    r"(?:measures|plans|features|changes|products|devices|models|phones|prices|updates|"
    r"partnership|deal|program|programme|strategy|cuts|layoffs|results|figures|numbers))"
)
_ENGLISH_PAST = re.compile(r"(?:unveiled|introduced|launched|debuted|announced|revealed|presented|"
                           r"showed)$", re.IGNORECASE)
# Participles the happening table takes on their own; they tell a happening only after an
# auxiliary ("è stato presentato") or before where and when ("presentato a Nuova Delhi il 23").
_PARTICIPLE = re.compile(
    r"(?:presentat[oaie]|svelat[oaie]|lanciat[oaie]|presentad[oa]s?|révélé(?:e|s|es)?|lanzad[oa]s?|"
    r"présenté(?:e|s|es)?|dévoilé(?:e|s|es)?|lancé(?:e|s|es)?|enthüllt|präsentiert|gepresenteerd|"
    r"onthuld|apresentad[oa]s?|lançad[oa]s?|vorgestellt)", re.IGNORECASE)
_AUXILIARY = re.compile(
    r"\b(?:è|sono|stat[oaie]|ha|hanno|fue|fueron|ha sido|han sido|foi|foram|a été|ont été|été|"
    r"wurde|wurden|ist|sind|hat|haben|werd|werden|is|zijn|heeft|hebben|been|was|were)\b"
    r"(?:\s+\S+){0,4}\s*$", re.IGNORECASE)
_FUTURE_AUXILIARY = re.compile(
    r"\b(?:verrà|verranno|sarà|saranno|será|serán|sera|seront|vai ser|vão ser|will be|zal"
    r"|zullen|wird|ska)\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
# A stretch of time up to now: what was done in it is a habit ("for some time now").
_FOR_A_WHILE = re.compile(
    r"\b(?:desde hace|depuis (?:des|plusieurs|quelques) (?:mois|années|ans|semaines)"
    r"|for (?:years|months|some time|a while) now|seit (?:Jahren|Monaten|einiger Zeit)"
    r"|da (?:anni|mesi|tempo)|já há (?:anos|meses|algum tempo)|al jaren|od lat)\b",
    re.IGNORECASE)
# The future of the past, after a verb of telling: "announced that it would be launched".
_WOULD_BE = re.compile(r"\b(?:sarebbe|sarebbero) stat[oaie]\s+(?:\w+\s+)?$|\bwould be\s+$"
                       r"|\b(?:serait|seraient|sería|serían|seria|seriam)\s+(?:\w+\s+)?$",
                       re.IGNORECASE)
_TOLD_THAT = re.compile(
    r"\b(?:announced|said|confirmed|revealed|stated|annunciato|detto|confermato|dichiarato"
    r"|annoncé|déclaré|confirmé|anunció|anunciado|confirmó|dijo|anunciou|confirmou|disse)"
    r"\s+(?:\w+\s+){0,3}?(?:that|che|que|qu['’])\b", re.IGNORECASE)
# A gerund after a preposition, of no event, is no act of saying about it: "In addition to
# announcing new devices, the company is planning..." (not "after announcing the event").
_GERUND_AFTER = re.compile(r"\b(?:to|after|before|besides|by|while|for|of)\s+\w+ing$",
                           re.IGNORECASE)
_PLACED = re.compile(
    r"\s+(?:a|à|in|en|em|il|el|le|am|on|at|nel|nella|durante|during|lors|no|na|ieri|ayer|hier|"
    r"gestern|oggi|hoy|aujourd'hui|heute|today|yesterday)\b", re.IGNORECASE)
_NOUN_BEFORE = re.compile(
    r"\b(?:the|their|its|his|her|our|product|products|smartphone|phone|device|recent|upcoming|new|"
    r"several|two|three|many|of|other|major|big|latest|future|planned|global|India|China)\s+$",
    re.IGNORECASE,
)
# A headline that opens on a question word asks, even without its question mark.
_ASKS = re.compile(
    r"^\W*(?:when|will|is|does|did|what|why|how|could|can|wanneer|wat|hoe|quand|quando|cuándo|"
    r"cuando|wann|wird|ist|kommt|quale|qual|que|qué)\b", re.IGNORECASE)
# Present-tense forms of a happening, as headlines use them for plans too.
_PRESENT = re.compile(
    r"\b(?:unveils|launches|introduces|debuts|presents|announces|reveals|stellt|présente|"
    r"presenta|dévoile|lance|lancia|lanza|onthult|presenteert|apresenta|präsentiert|enthüllt|"
    r"zeigt)\b",
    re.IGNORECASE,
)
_COMMUNICATIVE = re.compile(
    r"\b(?:announc\w*|reveal\w*|annunci\w*|anunci\w*|annonc\w*|angekündigt|verkündet|"
    r"aangekondigd|revelad[oa]|révélé\w*|svelat\w*)\b", re.IGNORECASE)
_AT_EVENT = re.compile(
    rf"\s+(?:[\w'-]+\s+){{0,6}}?(?:at|during|al|alla|durante|lors de|auf|bei|op|tijdens)\s+"
    rf"(?:[\w'-]+\s+){{0,3}}?(?:{cues.EVENT_WORDS.pattern})", re.IGNORECASE)
_EARLIER = re.compile(
    r"\b(?:advance[ds]?|mov(?:ed|es|ing) (?:up|forward)|brought forward|vorverleg\w*|anticipat\w*|"
    r"se adelanta|adelantad[oa]|avanc\w*)\b", re.IGNORECASE)
# A day the event was set for before: "originally", "instead of", two days in one sentence.
_OLD_DAY = re.compile(
    r"\b(?:originally|previously|initially|instead of|rather than|than the|from|ursprünglich|"
    r"statt|anstatt|invece del?|en lugar del?|au lieu du|initialement|inizialmente|inicialmente|"
    r"oorspronkelijk|pierwotnie|původně|earlier than|a week earlier|früher als|plus tôt)\b",
    re.IGNORECASE)
# "no event", "kein Event", "aucun événement": an event said not to exist.
_NO_EVENT = re.compile(
    # (Portuguese "no evento" is "at the event": em + o.)
    rf"\b(?:no(?!\s+(?:eventos?|lançamentos?|palco)\b)|not an?|kein(?:e|en)?|aucun(?:e)?|"
    rf"pas d[e']|nessun[oa]?|ningún|ninguna|geen|não|non ci sar(?:à|anno)|"
    # (a whole word: "not attend E3" is no "not a ... E3")
    rf"nenhum(?:a)?|no such)(?:\b|(?<='))\s*"
    rf"(?!(?:[\w-]+\s+){{0,2}}?(?:news|noticias|notizie|Neuigkeiten"
    rf"|nouvelles|"
    rf"details|word|information|info|sign|signs|hint|idea|date)\b)(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{cues.EVENT_WORDS.pattern})"
    rf"(?!\s+(?:date|dates|time|details|name|venue|location|invit\w*|schedule|plans)\b)",
    re.IGNORECASE,
)
# "there will be an event": the existential form of holding one.
_THERE_IS = re.compile(
    rf"\bthere(?:'s| is| will be| would be| are| won't be| will not be| isn't| aren't| is not|"
    rf"'ll be)\s+(?:[\w-]+\s+){{0,4}}?(?:{cues.EVENT_WORDS.pattern})",
    re.IGNORECASE,
)
# A move against the company's habit, not against a day it had set.
_AGAINST_HABIT = re.compile(
    r"\b(?:than (?:usual|normal|last year|in previous years|expected)|compared (?:to"
    r"|with) (?:the )?"
    r"(?:usual|last year)|rispetto a(?:lle|l|i)? (?:consuet|solit|scors)\w*|que de costumbre|"
    r"als üblich|als sonst|que d'habitude|dan gebruikelijk|do que o habitual)\b", re.IGNORECASE)
_CLEAR_EVENT = re.compile(
    r"\b(?:event|showcase|keynote|press conference|conference|presentation|Direct|Event|"
    r"evento|presentazione|presentación|Veranstaltung|Präsentation|événement|présentation)\b")
_FRAMING = re.compile(r"according to|secondo|según|laut|selon|d'après|volgens|segundo|stando a"
                      r"|enligt",
                      re.IGNORECASE)
# Words after a denial or disruption that make it about the event or the report of it.
_REPORT_WORDS = re.compile(r"\b(?:reports?|rumou?rs?|claims?|speculation|talk|news|date)\b",
                           re.IGNORECASE)

# How many words a negation reaches: "does not have a 'launch event' scheduled".
_REACH = 5
# A verb that tells what follows "when": an indirect question, no condition.
_TELLS = re.compile(
    r"\b(?:confirm\w*|reveal\w*|announc\w*|sa(?:y|ys|id)|told|tell\w*|show\w*|detail\w*"
    r"|explain\w*|know\w*|bestätig\w*|verr(?:ät|aten)|conferm\w*|confirma\w*|révél\w*|dévoil\w*"
    r"|annunci\w*|anunci\w*|annonc\w*)\s+(?:\w+\s+){0,2}?$", re.IGNORECASE)
_ADJUNCT = re.compile(
    r"\b(?:in|on|en|nella|nel|dans|im|in der|auf|op|na|no)\s+(?:(?:the|its|their|this|la|el|"
    r"l'|le|der|dem|de|het|a|o|su|sa|sua|seu)\s+)?\S*$", re.IGNORECASE)

_STRONG = {Status.POSTPONED, Status.CANCELLED, Status.DENIED}


# Typographic quotes as plain ones, one character for one, so spans stay where they were.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def plain(text: str) -> str:
    """`text` with typographic apostrophes and quotes made plain, of the same length."""
    return text.translate(_PLAIN)


@dataclass(frozen=True)
class Claim:
    """One thing a sentence says of the event, judged."""

    status: Status
    predicate: Predicate
    negated: bool
    modality: Modality | None
    source: Source | None
    start: int  # the predicate's span in the sentence
    end: int
    source_words: str = ""  # the words the source was read from


@dataclass(frozen=True)
class _Hit:
    predicate: Predicate
    start: int
    end: int


def judge(
    sentence: str,
    spans: Sequence[tuple[int, int]] | None = None,
    *,
    happening_allowed: bool = True,
    live_allowed: bool | None = None,
    event_today: bool = False,
    goods: Sequence[tuple[int, int]] | None = None,
    headline: bool = False,
    names: Sequence[str] = (),
) -> list[Claim]:
    """The claims `sentence` makes about the event, within `spans` (all of it by default).

    `happening_allowed` is False when time rules out that the event took place (the article
    came out before its day); `event_today` is True when the event is on the article's day,
    so a plain statement that it is on counts as confirmed. `goods` are the spans of product
    names, which a denial or delay may be about instead of the event. Pure: the same sentence
    read the same way gives the same claims, so answers are remembered. `names` are the
    company's names that are also words (see `word_names`): they are read as a name.
    """
    sentence = mask_names(sentence, names)
    return list(_judge(sentence, None if spans is None else tuple(spans), happening_allowed,
                       live_allowed, event_today, None if goods is None else tuple(goods),
                       headline))


def mask_names(text: str, names: Sequence[str]) -> str:
    """`text` with each of `names` (see `word_names`) overwritten, offsets kept: "Nothing
    Phone (2)" names a maker, it negates nothing."""
    for name in names:
        text = re.sub(rf"\b{re.escape(name)}\b", "X" * len(name), text)
    return text


def word_names(names: Sequence[str]) -> tuple[str, ...]:
    """The names among `names` that are also a negation ("Nothing"), as written."""
    return tuple(n for n in names if n and n[0].isupper() and cues.NEGATION.fullmatch(n))


@lru_cache(maxsize=8192)
def _judge(
    sentence: str,
    spans: tuple[tuple[int, int], ...] | None,
    happening_allowed: bool,
    live_allowed: bool | None,
    event_today: bool,
    goods: tuple[tuple[int, int], ...] | None,
    headline: bool,
) -> tuple[Claim, ...]:
    """See `judge`."""
    spans = list(spans) if spans is not None else [(0, len(sentence))]
    live_allowed = happening_allowed if live_allowed is None else live_allowed
    sentence = plain(sentence)
    if goods is None:
        goods = [(p.start, p.end) for p in find_products(sentence)]
    if sentence.rstrip().endswith("?") or (headline and _ASKS.match(sentence)):
        return ()  # "When will Apple announce the event?" asks, it does not claim
    hits = _predicates(sentence)
    claims: list[Claim] = []
    segments = _segments(sentence)
    sceptic = bool(cues.SCEPTIC.search(sentence))
    for hit in hits:
        if not any(s <= hit.start < e for s, e in spans):
            continue
        seg_start, seg_end = next((s, e) for s, e in segments if s <= hit.start < e)
        segment_hits = [h for h in hits if seg_start <= h.start < seg_end]
        if _absorbed(hit, segment_hits):
            continue
        predicate = hit.predicate
        before = sentence[seg_start : hit.start]
        if predicate in (Predicate.HAPPEN, Predicate.LIVE) and (
                cues.FUTURE_BEFORE.search(before)
                or re.match(r"\s+(?:worden|werden|zu werden|wird)\b", sentence[hit.end :])
                or re.search(r"\b(?:zal|zullen|wird|werden|wordt)\b(?:\s+\S+){0,7}\s*$", before)):
            # "will be unveiled", "zal dan gepresenteerd worden", "wordt ... gehouden": plans
            predicate = Predicate.HOLD
        # "announced he's leaving", "revealed some details": words, not a launch, unless a
        # product is what was announced or the event is where it was said.
        words = sentence[hit.start : hit.end]
        if (predicate is Predicate.HAPPEN and _COMMUNICATIVE.search(words)
                and not _said_of_goods_or_event(sentence, hit, goods)):
            continue
        if predicate is Predicate.POSTPONE and _EARLIER.search(sentence[hit.start : hit.end]) and (
                not _OLD_DAY.search(sentence)):
            # "brought forward to July 26" from no day ever set: the day is news, not a move.
            predicate = Predicate.HOLD
        if predicate is Predicate.HAPPEN and re.search(
                r"\b(?:before|until|ahead of|prior to|avant|vor|prima che|antes de que|voordat)\s+"
                r"(?:[\w'-]+\s+){0,3}$", sentence[seg_start : hit.start], re.IGNORECASE):
            continue  # "a photo I took before the show started" places a moment, no account
        if predicate is Predicate.HAPPEN and re.search(
                r"\b(?:after|since|following|weeks after|days after|dopo che|después de que|"
                r"nachdem|après que|nadat|depuis que|desde que|seitdem|seit|da quando|sinds|dal "
                r"momento che)\s+(?:[\w'-]+\s+){0,3}$", sentence[seg_start : hit.start],
                re.IGNORECASE) and not cues.EVENT_WORDS.search(sentence[hit.end : hit.end + 60]):
            continue  # "days after Vivo launched its Z1 Pro": the story's background
        if predicate is Predicate.HAPPEN and _FOR_A_WHILE.search(
                sentence[max(seg_start, hit.start - 60) : hit.start]):
            continue  # "desde hace un tiempo Huawei ha presentado menos": a habit, no account
        if (predicate is Predicate.HAPPEN and _PARTICIPLE.fullmatch(sentence[hit.start : hit.end])
                and _WOULD_BE.search(before) and _TOLD_THAT.search(sentence[: hit.start])):
            predicate = Predicate.HOLD  # "ha annunciato che sarebbe stato lanciato": its plan
        if predicate is Predicate.HAPPEN and _PRESENT.fullmatch(sentence[hit.start : hit.end]) and (
                not headline) and not re.search(r"\b(?:hat|haben|hatte|wurde|wurden|ist|sind)\b"
                                                r"(?:\s+\S+){0,8}\s*$", before):
            # A body's present tense is a habit or a plan ("when the company introduces a new
            # Galaxy"); only headlines tell what happened in the present.
            predicate = Predicate.HOLD
        if (predicate is Predicate.HAPPEN and _PARTICIPLE.fullmatch(sentence[hit.start : hit.end])
                and _FUTURE_AUXILIARY.search(before)):
            predicate = Predicate.HOLD  # "verrà presentata a Villa Erba": a plan, told passive
        elif (predicate is Predicate.HAPPEN
                and _PARTICIPLE.fullmatch(sentence[hit.start : hit.end])
                and not _AUXILIARY.search(before) and not _PLACED.match(sentence, hit.end)):
            continue  # "o primeiro lançado com a marca": a description, no account
        if predicate is Predicate.HAPPEN and not happening_allowed:
            # "Google unveils Nexus phones on September 29": a headline's present is a plan
            # before the day; a past tense before the day is about some earlier event.
            if not _PRESENT.search(sentence[hit.start : hit.end]):
                continue
            predicate = Predicate.HOLD
        if predicate is Predicate.LIVE and not live_allowed:
            continue
        if predicate is Predicate.CONFIRM and _announces_nothing(sentence, hit):
            continue  # "in addition to announcing new devices": no announcement of the event
        if predicate in (Predicate.DENY, Predicate.POSTPONE, Predicate.CANCEL) and _about_goods(
            sentence, hit, seg_start, seg_end, goods
        ):
            continue
        if predicate is Predicate.DENY and any(
                h.predicate in (Predicate.POSTPONE, Predicate.CANCEL) and h.start > hit.start
                for h in segment_hits):
            predicate = Predicate.GO_AHEAD  # "denied reports that the launch will be delayed"
        if predicate is Predicate.DENY and re.search(r"\b(?:been|was|were|is|are)\s+(?:\w+ly\s+)?$",
                                                     sentence[seg_start : hit.start]):
            continue  # "a report that has since been widely dismissed": by no one on record
        if predicate is Predicate.POSTPONE and _AGAINST_HABIT.search(
                sentence[hit.end : hit.end + 60]):
            predicate = Predicate.HOLD  # "later than its usual presentations": no move of a day
        negated = _negated(sentence, seg_start, hit)
        if predicate is Predicate.HOLD and negated and _product_launch(sentence, seg_start, hit,
                                                                       goods):
            predicate = Predicate.LAUNCH
        modality = _modality(sentence, seg_start, seg_end, hit)
        source, source_words = _source(sentence, seg_start, seg_end, hit)
        # The company's own word before the predicate is its source ("Xiaomi confirmed it
        # will hold..."); its own word negated leaves the rest unconfirmed.
        for other in segment_hits:
            if (other.predicate is Predicate.CONFIRM and other.end <= hit.start
                    and not _announces_nothing(sentence, other)):
                if _negated(sentence, seg_start, other):
                    modality = modality or Modality.POSSIBLE
                elif source is None:
                    source, source_words = Source.OFFICIAL, sentence[other.start : other.end]
        status = status_of(predicate, negated, modality, source)
        if status is None:
            continue
        if (status is Status.REPORTED and event_today and predicate is Predicate.HOLD
                and source is None):
            status = Status.CONFIRMED
        if (sceptic and status in (Status.REPORTED, Status.CONFIRMED)
                and source is not Source.OFFICIAL
                and predicate not in (Predicate.INVITE, Predicate.CONFIRM)):
            status = Status.RUMORED
        claims.append(Claim(status, predicate, negated, modality, source, hit.start, hit.end,
                            source_words))
    return tuple(_drop_evidence_for_inferences(claims, segments))


def _drop_evidence_for_inferences(claims: list[Claim], segments: list[tuple[int, int]]
                                  ) -> list[Claim]:
    """"The teaser ends with a date, suggesting the phone will be unveiled on the 11th": the
    company's teaser is what the writer infers from, not a confirmation of the event."""
    hedged = [c for c in claims if c.modality in (Modality.INFERRED, Modality.POSSIBLE)]
    keep = []
    for claim in claims:
        segment = next((s, e) for s, e in segments if s <= claim.start < e)
        if claim.predicate in (Predicate.TEASE, Predicate.INVITE, Predicate.CONFIRM) and any(
            h.start > claim.start and segment[0] <= h.start < segment[1] for h in hedged
        ):
            continue
        keep.append(claim)
    return keep


def _said_of_goods_or_event(sentence: str, hit: _Hit, goods: Sequence[tuple[int, int]]) -> bool:
    """Whether an "announced" tells a launch: a product is what was announced, the event is
    where it was said, or it closes "everything Apple announced"."""
    return bool(
        any(hit.end <= s <= hit.end + 45 or hit.start - 45 <= s < hit.start for s, _ in goods)
        or _AT_EVENT.match(sentence, hit.end)
        or _AT_EVENT.search(sentence[hit.start : hit.end])
        or (re.match(r"\s*(?:[,.;:]|$)", sentence[hit.end :])
            and re.search(r"\b(?:everything|what|all)\s+(?:[\w'-]+\s+){0,2}$",
                          sentence[: hit.start], re.IGNORECASE))
    )


@lru_cache(maxsize=4096)
def _predicates(sentence: str) -> tuple[_Hit, ...]:
    """Predicate cues in the sentence, earlier table lines taking overlapping words first."""
    hits: list[_Hit] = []
    for cue in cues.PREDICATE_CUES:
        for match in cue.pattern.finditer(sentence):
            if any(h.start < match.end() and match.start() < h.end for h in hits):
                continue
            if (cue.value is Predicate.HAPPEN and _PRESENT.fullmatch(match.group(0))
                    and _NOUN_BEFORE.search(sentence[: match.start()])):
                continue  # "their product launches": a noun, not the verb
            if cue.value is Predicate.HAPPEN and _ENGLISH_PAST.search(match.group(0)) and (
                    _ADJECTIVAL.match(sentence, match.end())
                    or (re.search(r"\b(?:recently|newly|previously|already)\s+$",
                                 sentence[: match.start()], re.IGNORECASE)
                    and _ADJECTIVAL.match(sentence, match.end()))):
                continue
            hits.append(_Hit(cue.value, match.start(), match.end()))
    for match in _NO_EVENT.finditer(sentence):
        if not any(h.start < match.end() and match.start() < h.end for h in hits):
            hits.append(_Hit(Predicate.HOLD, match.start(), match.end()))
    for match in _THERE_IS.finditer(sentence):
        if not any(h.start < match.end() and match.start() < h.end for h in hits):
            hits.append(_Hit(Predicate.HOLD, match.start(), match.end()))
    return tuple(sorted(hits, key=lambda h: h.start))


def _segments(sentence: str) -> list[tuple[int, int]]:
    marks = list(_CONTRAST.finditer(sentence))
    # Two dashes around a short stretch are an aside, not two turns: "the launch — first set
    # for 24 February — was postponed" is one statement of the launch.
    aside = {i for i, (a, b) in enumerate(pairwise(marks))
             if _DASH.fullmatch(a.group()) and _DASH.fullmatch(b.group())
             and b.start() - a.end() <= _ASIDE}
    aside |= {i + 1 for i in aside}
    cuts = [0, *(m.start() for i, m in enumerate(marks) if i not in aside), len(sentence) + 1]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _absorbed(hit: _Hit, segment_hits: Iterable[_Hit]) -> bool:
    """A confirmation followed by what it confirms is that claim's source, not a claim; what a
    denial denies is no claim of its own."""
    later = [h for h in segment_hits if h.start > hit.start]
    earlier = [h for h in segment_hits if h.start < hit.start]
    if hit.predicate is Predicate.CONFIRM and any(
        h.predicate not in (Predicate.CONFIRM, Predicate.TEASE, Predicate.STREAM) for h in later
    ):
        return True
    return hit.predicate not in (Predicate.DENY,) and any(
        h.predicate is Predicate.DENY for h in earlier
    )


def _negated(sentence: str, seg_start: int, hit: _Hit) -> bool:
    if hit.predicate is Predicate.HOLD and (cues.NEGATION.match(sentence, hit.start) or (
            _THERE_IS.match(sentence, hit.start)
            and cues.NEGATION.search(sentence[hit.start : hit.end]))):
        return True  # "no event", "there won't be a launch event" carry their own negation
    if hit.predicate in (Predicate.HOLD, Predicate.STREAM) and re.search(
            r"\bnot\b|n't\b|\bwon't\b", sentence[hit.start : hit.end]):
        return True  # "will not hold", "won't stream": the negation inside the words
    if hit.predicate in (Predicate.INVITE, Predicate.TEASE) and _NOUN_NEGATED.match(
            sentence, hit.end):
        return True  # "invitations have not gone out"
    window = sentence[max(seg_start, hit.start - 70) : hit.start]
    offset = hit.start - len(window)
    if hit.predicate in (Predicate.INVITE, Predicate.TEASE) and _ADJUNCT.search(window):
        return False  # "did not say in the invitation what": the invitation is where, not what
    # One character of the predicate too: French "n'" ends on its apostrophe, which is a word
    # boundary only before the verb ("n'organisera").
    for match in cues.NEGATION.finditer(sentence[offset : hit.start + 1]):
        if match.start() >= len(window):
            continue
        if _in(cues.NOT_A_NEGATION, sentence, offset + match.start()):
            continue
        between = window[match.end() :]
        # A negation reaches the next few words of its own clause, not a verb further on.
        if not cues.NEGATION_BARRIER.search(between) and len(between.split()) <= _REACH:
            return True
    return False


def _announces_nothing(sentence: str, hit: _Hit) -> bool:
    """A gerund after a preposition, of no event (see `_GERUND_AFTER`)."""
    return bool(_GERUND_AFTER.search(sentence, max(0, hit.start - 25), hit.end)) and not (
        cues.EVENT_WORDS.search(sentence, hit.end, hit.end + 30))


def _in(pattern: re.Pattern[str], text: str, at: int) -> bool:
    return any(m.start() <= at < m.end() for m in pattern.finditer(text, max(0, at - 20), at + 30))


# A relative clause set off by commas: ", where the company would present ...,".
_ASIDE_OPENS = re.compile(
    r",\s*(?:where|which|who|waar|die|dat|wo|welche[rs]?|dove|che|cui|où|qui|donde|que|onde"
    r"|kde|gdzie|który|która|które)\b", re.IGNORECASE)


def _in_aside(sentence: str, seg_start: int, at: int, hit_start: int) -> bool:
    """Whether `at` lies in a relative clause, or between two dashes, that closes before the
    predicate at `hit_start` ("April 20 – which is Monday, as you're likely aware – and")."""
    dash_open = [m for m in _DASH.finditer(sentence, seg_start, at)]
    if dash_open and at - dash_open[-1].end() <= _ASIDE and _DASH.search(sentence, at, hit_start):
        return True
    opens = list(_ASIDE_OPENS.finditer(sentence, seg_start, at))
    if not opens or "," in sentence[opens[-1].end() : at]:
        return False
    return "," in sentence[at:hit_start]


def _modality(sentence: str, seg_start: int, seg_end: int, hit: _Hit) -> Modality | None:
    """The hedge on the predicate: before it in its segment, or wrapping it ("to be confirmed")."""
    found: list[Modality] = []
    noun = hit.predicate in (Predicate.INVITE, Predicate.TEASE)
    for cue in cues.MODALITY_CUES:
        for match in cue.pattern.finditer(sentence, seg_start, min(seg_end, len(sentence))):
            wraps = match.start() <= hit.start < match.end() or hit.start < match.start() < hit.end
            if noun and 0 <= match.start() - hit.end <= 35:
                found.append(cue.value)  # "invitations usually go out a week ahead"
                continue
            close_after = 0 <= match.start() - hit.end <= 3 and cue.value is Modality.PENDING
            if match.group().lower() in _BACKSHIFT and _REPORTED_SPEECH.search(
                    sentence[max(0, match.start() - 90) : match.start()]):
                continue  # "RIM announced it would stream the launch": its will, told later
            if match.end() <= hit.start and not wraps and _in_aside(
                    sentence, seg_start, match.start(), hit.start):
                continue  # "An event, where it would present its TVs, is off": the aside's own
            if wraps or close_after or match.end() <= hit.start:
                found.append(cue.value)
    if (condition := cues.CONDITIONAL.search(sentence[seg_start : hit.start])) and not (
            _TELLS.search(sentence[: seg_start + condition.start()])):
        found.append(Modality.POSSIBLE)  # (not "it confirms when the show starts": it says when)
    if not found:
        return None
    order = (Modality.PENDING, Modality.HABITUAL, Modality.INFERRED, Modality.POSSIBLE,
             Modality.EXPECTED)
    return min(found, key=order.index)


_RUMOUR_NOUN = re.compile(r"rumou?rs?|Gerüchte?n?|rumeurs?|rumores?|voci|indiscrezion[ei]",
                          re.IGNORECASE)

# "would" after a verb of saying is the future of the past, not a hedge ("said it would").
_BACKSHIFT = frozenset({"would", "'d"})
_REPORTED_SPEECH = re.compile(
    r"\b(?:announced|said|confirmed|told|revealed|stated|declared|promised|wrote|tweeted"
    r"|posted|informed|notified)\b(?:(?!\b(?:but|and|if|when|while)\b)[^.;:!?])*$",
    re.IGNORECASE)
_OPENS_CLAUSE = re.compile(r"[^\w.;]*(?:\w+\s+){0,2}?(?:that|que|che|dass|dat|qu')\b",
                           re.IGNORECASE)


def _source(sentence: str, seg_start: int, seg_end: int, hit: _Hit
            ) -> tuple[Source | None, str]:
    """Who says so, from the attributions in the predicate's segment."""
    matches: list[tuple[Source, int, int]] = []
    for cue in cues.SOURCE_CUES:
        for match in cue.pattern.finditer(sentence, seg_start, min(seg_end, len(sentence))):
            if any(s < match.end() and match.start() < e for _, s, e in matches):
                continue
            if cue.value is Source.SPECULATION and cues.OBJECT_OF_ACT.search(
                sentence[seg_start : match.start()]
            ):
                continue  # "confirmed the rumours": the rumour is what is confirmed
            matches.append((cue.value, match.start(), match.end()))
    # "According to Brighthand, a Verizon spokesman said": a publication relays an on-record
    # word, which stays on record.
    if any(k is Source.OFFICIAL for k, _, _ in matches):
        matches = [(k, s, e) for k, s, e in matches if not (
            k is Source.REPORT and _FRAMING.fullmatch(sentence[s:e])
            and re.match(r"\s+(?-i:[A-Z][\w.&-]+)(?:\s+(?-i:[A-Z][\w.&-]+))*\s*,", sentence[e:])
            and not re.match(r"\s+(?:sources?|insiders?|people|reports?)\b", sentence[e:],
                             re.IGNORECASE))]
    # "according to rumours", "secondo indiscrezioni": the framing names speculation.
    speculative = [(s, e) for k, s, e in matches if k in (Source.SPECULATION, Source.LEAK)]
    matches = [(k, s, e) for k, s, e in matches if not (
        k is Source.REPORT and _FRAMING.fullmatch(sentence[s:e])
        and any(0 <= s2 - e <= 25 for s2, _ in speculative))]
    # Attributions before the predicate frame it ("A report says X will..."); those after it
    # count only when none comes before ("X will hold..., sources say").
    # One after it that opens a clause of its own frames that clause, not the predicate: "teased
    # the event on December 5, with rumours circulating that the emirate will host it".
    matches = [(k, s, e) for k, s, e in matches
               if s < hit.start or not _OPENS_CLAUSE.match(sentence, e)]
    before = [(k, s, e) for k, s, e in matches if s < hit.start]
    # "Several sources back a rumour", "Quellen geben einem Gerücht eine Stimme": sources cited
    # for what the writer calls a rumour leave it a rumour.
    if any(k is Source.REPORT for k, _, _ in before) and any(
            k is Source.SPECULATION and _RUMOUR_NOUN.fullmatch(sentence[s:e])
            for k, s, e in before):
        return Source.SPECULATION, next(sentence[s:e] for k, s, e in before
                                        if k is Source.SPECULATION)
    for group in (before, matches):
        for kind in (Source.LEAK, Source.REPORT, Source.OFFICIAL, Source.SPECULATION):
            for found, start, end in group:
                if found is kind:
                    return kind, sentence[start:end]
    return None, ""


def _about_goods(sentence: str, hit: _Hit, seg_start: int, seg_end: int,
                 goods: Sequence[tuple[int, int]]) -> bool:
    """A delay or denial of a phone, its sales or shipments is none of the event.

    What a denial denies follows it ("denied reports that it will bring the Mi Note"); what a
    delay delays stands around it ("shipments of the Mi Note were delayed")."""
    end = min(seg_end, len(sentence))
    if hit.predicate in (Predicate.DENY, Predicate.POSTPONE, Predicate.CANCEL):
        # Whatever the verb names first is what it denies or delays: "denies Mi Note US
        # launch", "will delay the announcement of the Galaxy S8".
        after = sentence[hit.end : end]
        first: list[tuple[int, bool]] = []
        if (m := cues.EVENT_WORDS.search(after)) is not None:
            first.append((m.start(), False))
        if (m := cues.GOODS_WORDS.search(after)) is not None:
            first.append((m.start(), True))
        first.extend((s - hit.end, True) for s, _ in goods if hit.end <= s < end)
        if first:
            at, is_goods = min(first)
            # "postponed the PlayStation 5 games event": the goods name the event.
            # "delay its phone at the launch event": past a preposition, the event is where.
            named = re.split(r"[,;:.]|\b(?:at|during|in|on|for|of|bei|auf|à|al|alla|en|em)\b",
                             after[at : at + 40])[0]
            if is_goods and _CLEAR_EVENT.search(named):
                return False
            return is_goods
        if _REPORT_WORDS.search(after):
            return False
    scope = sentence[max(seg_start, hit.start - 80) : min(end, hit.end + 80)]
    if cues.EVENT_WORDS.search(scope) or _REPORT_WORDS.search(scope):
        return False
    near_goods = any(hit.start - 80 <= s <= hit.end + 80 for s, _ in goods)
    return near_goods or bool(cues.GOODS_WORDS.search(scope))


def _product_launch(sentence: str, seg_start: int, hit: _Hit, goods: Sequence[tuple[int, int]]
                    ) -> bool:
    """"The Galaxy Note 5 will not launch in Europe": a product's launch in a market, which a
    negation does not turn into a denial of the event."""
    before = sentence[max(seg_start, hit.start - 60) : hit.start]
    after = sentence[hit.end : hit.end + 50]
    subject = any(max(seg_start, hit.start - 60) <= s < hit.start for s, _ in goods) and not (
        cues.EVENT_WORDS.search(before))
    # "will not launch smartphones", "is not launching a Pixel Watch": what is not launched.
    thing = (any(hit.end <= s <= hit.end + 50 for s, _ in goods)
             or cues.GOODS_WORDS.match(after.lstrip()) is not None
             or re.match(r"\s*(?:any|a|an|its|new|the)?\s*(?:[\w-]+\s+)?(?:phones?|smartphones?"
                         r"|handsets?|"
                         r"devices?|products?|hardware|tablets?"
                         r"|watch(?:es)?)\b", after, re.IGNORECASE))
    return subject or bool(thing)


def strongest(claims: Iterable[Claim]) -> Claim | None:
    """The claim that decides among several: a disruption, then the surest status."""
    ranked = sorted(claims, key=_rank, reverse=True)
    return ranked[0] if ranked else None


def _rank(claim: Claim) -> tuple[int, int]:
    if claim.status in _STRONG:
        order = {Status.DENIED: 5, Status.POSTPONED: 6, Status.CANCELLED: 7}
        return order[claim.status], 0
    return claim.status.rank, 0
