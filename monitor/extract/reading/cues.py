"""Wording that tells an event's status, and the event, speaker and launch vocabulary.

Each status cue is one line: its status, its pattern and an example sentence that the cue alone
decides; tests/test_cues.py checks every example, so a new cue is one line here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.reading.products import find_products
from monitor.model import Status

R, P, C, H = Status.RUMORED, Status.REPORTED, Status.CONFIRMED, Status.HAPPENED
PP, X, D = Status.POSTPONED, Status.CANCELLED, Status.DENIED

# Which status wins when several cues fire: a disruption beats everything, then certainty.
PRIORITY: dict[Status, int] = {R: 10, P: 20, C: 30, H: 40, D: 50, PP: 60, X: 70}
SCEPTIC_PRIORITY = 25  # an explicit doubt outweighs "according to sources", not a confirmation


@dataclass(frozen=True)
class Cue:
    """One wording that signals a status."""

    status: Status
    pattern: re.Pattern[str]
    example: str
    about_event: bool = False  # counts only when the sentence names the event or the report
    hedge: bool = False  # in the same sentence it turns a confirmation back into hearsay
    sceptic: bool = False
    weak: bool = False  # gives way to any other status's cue in the same sentence
    overrules: bool = False  # "will go ahead as planned, despite reports of a delay"

    @property
    def priority(self) -> int:
        return SCEPTIC_PRIORITY if self.sceptic else PRIORITY[self.status]


def cue(status: Status, pattern: str, example: str, **flags: bool) -> Cue:
    """A cue from a case-insensitive pattern (use (?-i:...) for case-sensitive parts)."""
    return Cue(status, re.compile(pattern, re.IGNORECASE), example, **flags)


_NEG = r"(?<!not )(?<!n't )(?<!yet )(?<!never )(?<!nicht )(?<!non )(?<!no )"

STATUS_CUES: tuple[Cue, ...] = (
    # rumoured: hedges and hearsay
    cue(R, r"\bmight\b", "Xiaomi might hold an event in San Francisco."),
    cue(R, r"(?-i:\bmay\b)", "Xiaomi may hold its first US event in San Francisco."),
    cue(R, r"\bcould\b", "Xiaomi could hold an event in San Francisco next month.", hedge=True),
    cue(R, r"\brumou?r(?:s|ed|ing)?\b", "A rumor says Xiaomi will hold an event in San Francisco."),
    cue(R, r"\brumou?red to\b", "Xiaomi is rumoured to hold an event in SF.", hedge=True),
    cue(R, r"\btipped\b", "Xiaomi is tipped to hold a launch event in San Francisco."),
    cue(R, r"\bexpected to\b", "Xiaomi is expected to hold an event in San Francisco."),
    cue(
        R,
        r"\b(?:is|are|was) said to\b",
        "Xiaomi is said to be planning an event in SF.",
        hedge=True,
    ),
    cue(R, r"\ballegedly\b", "Xiaomi will allegedly hold an event in SF.", hedge=True),
    cue(R, r"\bsupposedly\b", "Xiaomi will supposedly hold an event in SF."),
    cue(R, r"\bapparently\b", "Xiaomi is apparently planning an event in SF."),
    cue(R, r"\blikely\b", "Xiaomi will likely hold an event in San Francisco."),
    cue(R, r"\bleak(?:s|ed)?\b", "A leaked slide shows Xiaomi's event in San Francisco."),
    cue(R, r"\bspeculat(?:e|es|ed|ion|ing)\b", "There is speculation about a Xiaomi event in SF."),
    cue(R, r"\bhints?\b", "A Weibo post hints at a Xiaomi event in San Francisco.", hedge=True),
    cue(
        R,
        r"\b(?:has|have)(?: not| yet)? yet to confirm\b|\bnot (?:yet )?confirmed\b|"
        r"\bdeclined to (?:confirm|comment)\b",
        "Xiaomi has not confirmed the event in SF.",
    ),
    cue(
        R,
        r"\bgrain of salt\b|\bpinch of salt\b",
        "Take the SF event talk with a grain of salt.",
        sceptic=True,
        hedge=True,
    ),
    cue(
        R,
        r"\bs[ck]eptical\b|\bnot convinced\b|\bdoubt(?:s|ful)?\b",
        "We remain sceptical that Xiaomi will hold an event in SF.",
        sceptic=True,
        hedge=True,
    ),
    cue(
        R,
        r"\bunconfirmed\b|\bunverified\b|\bsingle source\b",
        "The unconfirmed report puts the event in San Francisco.",
        sceptic=True,
        hedge=True,
    ),
    cue(
        R,
        r"\bpotrebbe\b|\bsi vocifera\b|\bindiscrezion[ei]\b",
        "Xiaomi potrebbe tenere un evento a San Francisco.",
    ),
    cue(R, r"\bpodría\b|\brumores\b", "Xiaomi podría celebrar un evento en San Francisco."),
    cue(
        R,
        r"\bkönnte\b|\bGerücht(?:en|e)?\b|(?-i:\bsoll\b)",
        "Xiaomi soll ein Event in San Francisco planen.",
    ),
    cue(
        R,
        r"\bpourrait\b|\brumeurs?\b|\bselon des rumeurs\b",
        "Xiaomi pourrait organiser un événement à San Francisco.",
    ),
    cue(
        R,
        r"\bnot buying it\b|\bwe'?re not so sure\b|\bno track record\b",
        "A Twitter account claims an SF event, but we're not buying it.",
        sceptic=True,
        hedge=True,
    ),
    # reported: second-hand, from named or unnamed sources
    cue(P, r"\breportedly\b", "Xiaomi is reportedly holding an event in SF.", hedge=True),
    cue(
        P,
        r"\baccording to (?:a |the |multiple |several )?(?:new )?(?:reports?|sources?|people|"
        r"insiders?|someone|persons?)\b",
        "According to sources, Xiaomi will hold an event in SF.",
        hedge=True,
    ),
    cue(
        P,
        r"\bsources?\b[^.]{0,40}\b(?:say|said|says|told|familiar|close)\b",
        "Sources familiar with the plans say Xiaomi will hold an event in SF.",
        hedge=True,
    ),
    cue(
        P,
        r"\bpeople (?:familiar|with knowledge|briefed)\b",
        "People familiar with the matter said Xiaomi is planning an SF event.",
        hedge=True,
    ),
    cue(
        P,
        r"\bfamiliar with the (?:matter|plans)\b",
        "A person familiar with the matter said the event is in SF.",
        hedge=True,
    ),
    cue(
        P,
        r"\ba (?:new )?report (?:from|by|in)\b|\breports? that\b|\bciting\b|\bhas learned\b",
        "A report from Re/code says Xiaomi will hold an event in SF.",
    ),
    cue(
        P,
        r"\bsecondo (?:alcune |delle )?(?:fonti|un report|quanto riportato)\b|\briporta\b",
        "Secondo fonti vicine all'azienda, Xiaomi terrà un evento a San Francisco.",
        hedge=True,
    ),
    cue(
        P,
        r"\bsegún (?:fuentes|un informe|informa|informes)\b|\binforma\b",
        "Según fuentes, Xiaomi celebrará un evento en San Francisco.",
        hedge=True,
    ),
    cue(
        P,
        r"\b(?:Berichten|Insidern) zufolge\b|\blaut (?:Insidern|Quellen|einem Bericht|Berichten)\b|"
        r"\bunter Berufung auf\b",
        "Berichten zufolge plant Xiaomi ein Event in San Francisco.",
        hedge=True,
    ),
    cue(
        P,
        r"\bselon (?:nos |des )?(?:sources|informations)\b|\bd'après (?:nos |des )?sources\b",
        "Selon nos sources, Xiaomi organisera un événement à San Francisco.",
        hedge=True,
    ),
    # confirmed: the company itself says so
    cue(C, _NEG + r"\bconfirm(?:ed|s|ing)\b", "Xiaomi has confirmed its event in San Francisco."),
    cue(C, r"\b(?:did|does) confirm\b", "A spokesperson did confirm the SF event, though."),
    cue(
        C,
        r"\bgo(?:es)? ahead as (?:planned|scheduled)\b|\bis still on\b",
        "The SF event will go ahead as planned, a spokesperson said.",
        overrules=True,
    ),
    cue(
        C,
        r"\bsen(?:t|ds|ding) out (?:press |media )?invit(?:es|ations)\b",
        "Xiaomi has sent out invitations for an event in San Francisco.",
    ),
    cue(
        C,
        r"\b(?:press |media )invit(?:e|es|ations?)\b|\binvit(?:e|es|ations?) (?:is|are|went) out\b",
        "Press invites for the SF event landed this morning.",
    ),
    cue(
        C,
        r"\bspokes(?:person|man|woman)\b[^.]{0,60}\b(?:told|said|says|confirmed)\b",
        "A Xiaomi spokesperson told us the event will be in San Francisco.",
        weak=True,
    ),
    cue(C, r"\bwill (?:live-?stream|stream)\b", "Xiaomi will livestream its San Francisco event."),
    cue(
        C,
        r"\bannounced (?:today |on \w+day )?(?:that )?it (?:will|is going to) hold\b",
        "Xiaomi announced that it will hold an event in San Francisco.",
    ),
    cue(
        C,
        r"\bofficial(?:ly)?\b(?!\s+(?:Weibo|Twitter|Facebook|YouTube|Google\+|account|website|site|"
        r"channel|page|blog|store|forums?))|\bit's official\b",
        "Xiaomi is officially holding an event in SF."
    ),
    cue(C, r"\bteaser\b|\bteased\b", "Xiaomi posted a teaser for its San Francisco event."),
    cue(C, r"\bsave the date\b", "The invite asks the press to save the date for the SF event."),
    cue(
        C,
        r"\bin a (?:statement|press release|blog post)\b|\bpress release\b",
        "Xiaomi will hold an event in San Francisco, the company said in a statement.",
    ),
    cue(
        C,
        r"\bufficiale\b|\bufficialmente\b|\bha (?:confermato|annunciato)\b|\binviti\b",
        "Xiaomi ha inviato gli inviti per l'evento di San Francisco.",
    ),
    cue(
        C,
        r"\boficial(?:mente)?\b|\bha (?:confirmado|anunciado)\b|\bconfirmó\b|\banunció\b|"
        r"\binvitaciones\b",
        "Xiaomi ha confirmado su evento en San Francisco.",
    ),
    cue(
        C,
        r"\boffiziell\b|\bbestätigt\b|\bEinladungen\b|\bhat angekündigt\b|\bkündigte\b",
        "Xiaomi hat das Event offiziell bestätigt.",
    ),
    cue(
        C,
        r"\baccording to (?:an|the) (?:press )?invit(?:e|ation)\b|\binvit(?:e|ation) seen by\b",
        "The event is in San Francisco, according to an invitation seen by us.",
    ),
    cue(
        C,
        r"\bofficiel(?:le)?(?:ment)?\b|\ba (?:confirmé|annoncé)\b|\ba envoyé (?:ses|les|des) "
        r"invitations\b|\binvitations\b",
        "Xiaomi a confirmé son événement à San Francisco.",
    ),
    # happened: coverage of the event itself (counted only once the event date has come)
    cue(H, r"\bunveiled\b", "Xiaomi unveiled its US store at the San Francisco event."),
    cue(
        H,
        r"\btook (?:to )?the stage\b|\bon stage\b[^.]{0,30}\b(?:said|announced|showed)\b",
        "Hugo Barra took the stage in San Francisco.",
    ),
    cue(
        H,
        r"\btook place\b|\bwas held\b|\bheld (?:its|an|a|the)\b[^.]{0,40}\bevent\b",
        "The event took place in San Francisco.",
    ),
    cue(
        H,
        r"\btook the wraps off\b|\bwrapped up\b|\bthat's a wrap\b",
        "Xiaomi took the wraps off the Mi Note in Beijing.",
    ),
    cue(
        H,
        r"\ba (?:dévoilé|présenté|lancé)\b|\best monté sur (?:la )?scène\b",
        "Xiaomi a dévoilé ses accessoires lors de son événement à San Francisco.",
    ),
    cue(H, r"\bkicked off\b", "Xiaomi kicked off its San Francisco event with a video."),
    cue(
        H,
        r"\b(?:launched|announced|released)\b[^.]{0,80}\bat (?:its|the|an|a|today's) "
        r"(?:\w+ )?(?:event|keynote|launch|press conference)\b",
        "Xiaomi launched the Mi Band at its event in San Francisco.",
    ),
    cue(
        H,
        r"\bannounced (?:today|on \w+day|yesterday) at\b|\bannounced at (?:its|the|today's)\b",
        "Xiaomi announced today at its event that it will sell accessories.",
    ),
    cue(
        H,
        r"\bat (?:the|its|an|today's|yesterday's|\w+day's) (?:event|press conference|launch)\b"
        r"[^.]{0,80}\b(?:said|announced|revealed|showed)\b",
        "At the event on Thursday, Xiaomi said it will sell accessories.",
    ),
    cue(
        H,
        r"\bduring (?:the|its|today's) (?:event|keynote|presentation|press conference)\b",
        "During the event, Hugo Barra walked through the lineup.",
    ),
    cue(H, r"\bshowed off\b|\bshowcased\b|\bintroduced\b", "Xiaomi showed off the Mi Band in SF."),
    cue(
        H,
        r"\blive from\b|\blive ?blog\b|\bwe're live\b|\bunder ?way\b|\ben directo\b|"
        r"\bin diretta\b|\bLiveticker\b",
        "We're live from Xiaomi's San Francisco event.",
    ),
    cue(
        H,
        r"\bha presentato\b|\bè stat[oa] presentat[oa]\b|\bha svelato\b",
        "Xiaomi ha presentato i suoi accessori all'evento di San Francisco.",
    ),
    cue(
        H,
        r"\bpresentó\b|\bha presentado\b|\bsubió al escenario\b|\bse celebró\b|"
        r"\bsale al escenario\b",
        "Xiaomi presentó sus accesorios en el evento de San Francisco.",
    ),
    cue(
        H,
        r"\bvorgestellt\b|\bpräsentierte\b|\bstellte\b[^.]{0,60}\bvor\b",
        "Xiaomi präsentierte auf dem Event in San Francisco neues Zubehör.",
    ),
    # postponed, cancelled, denied: only when said of the event itself
    cue(
        PP,
        r"\bpostpone[ds]?\b|\bpushed back\b|\bdelay(?:ed|s)?\b|\breschedul(?:ed|es|ing)\b|"
        r"\bmoved\b[^.]{0,60}\b(?:forward|back) to\b|\bbrought forward\b",
        "Xiaomi has postponed its San Francisco event.",
        about_event=True,
    ),
    cue(
        PP,
        r"\brinviat[oa]\b|\bposticipat[oa]\b|\bpospuest[oa]\b|\baplazad[oa]\b|\bverschoben\b|"
        r"\brepouss[ée]e?\b|\breport[ée]e?\b",
        "L'evento di Xiaomi a San Francisco è stato rinviato.",
        about_event=True,
    ),
    cue(
        X,
        r"\bcancel(?:l)?ed\b|\bcalled off\b|\bscrapped\b|\bwill not (?:take place|go ahead)\b",
        "Xiaomi has cancelled its San Francisco event.",
        about_event=True,
    ),
    cue(
        X,
        r"\bannullat[oa]\b|\bcancelad[oa]\b|\babgesagt\b|\bannul[ée]e?\b",
        "Xiaomi hat das Event in San Francisco abgesagt.",
        about_event=True,
    ),
    cue(
        D,
        r"\bden(?:ied|ies|y)\b|\bdismiss(?:ed|es)\b[^.]{0,20}\b(?:reports?|rumou?rs?|talk)\b",
        "Xiaomi denied the report of an event in San Francisco.",
        about_event=True,
    ),
    cue(
        D,
        r"\bno plans to (?:hold|host|stage)\b|\bnot true\b|\bfalse\b|\bno such event\b",
        "Xiaomi said it has no plans to hold an event in San Francisco.",
        about_event=True,
    ),
    cue(
        D,
        r"\bsmentit[oa]\b|\bsmentisce\b|\bdesmentido\b|\bdesmintió\b|\bdesmiente\b|\bnegó\b|"
        r"\bdementiert\b",
        "Xiaomi ha smentito l'evento di San Francisco.",
        about_event=True,
    ),
)

# What makes a sentence speak of an event (as opposed to a product or the company at large).
EVENT_WORDS = re.compile(
    r"\b(?:events?|launch(?:es|ed|ing)?|launch event|press (?:conference|event)|media event|"
    r"keynote|invit(?:e|es|ation|ations)|showcase|unveiling|presentation|conference|"
    r"take place|takes place|took place|livestream|live ?blog|live from|unpacked|"
    r"unveil(?:s|ed|ing)?|"
    r"evento|lancio|presentazione|conferenza(?: stampa)?|inviti|presentat[oa]|presenterà|"
    r"lanzamiento|presentación|presentó|presentará|presentar|"
    r"conferencia de prensa|rueda de prensa|invitaciones|veranstaltung|pressekonferenz|"
    r"präsentation|launch-event|einladungen?|vorgestellt|vorstellen|keynote|presentad[oa]|"
    r"événement|evenement|conférence(?: de presse)?|présentation|lancement|dévoilé|présenté)\b",
    re.IGNORECASE,
)

# What a denial or disruption may be about besides the event: the report of it.
REPORT_WORDS = re.compile(r"\b(?:reports?|rumou?rs?|claims?|speculation)\b", re.IGNORECASE)

# A person on stage, presenting or hosting.
SPEAKER_CUES = re.compile(
    r"\b(?:present(?:s|ed|ing)?|host(?:s|ed|ing)?|on stage|(?:take|takes|took|taking) (?:to )?the "
    r"stage|joined by|led by|keynote|speak(?:s|ing)?|spoke|headlin(?:e|es|ed|ing)|"
    r"(?:event|conference|presentation) with|alongside|appear(?:s|ed|ing)?|feature(?:s|d)?|"
    r"featuring|introduced by|kicked off by|on hand|walked|emcee|"
    r"sul palco|presentat[oa] da|condott[oa] da|en el escenario|presentad[oa] por|"
    r"auf der Bühne|auf die Bühne|präsentiert von|moderiert|al escenario|salito sul palco|"
    r"die Bühne|sur (?:la )?scène|subió al escenario|joined \w+ on stage)\b",
    re.IGNORECASE,
)

# A named person doing these at the event was on stage ("Hugo Barra unveiled ...").
STAGE_VERBS = re.compile(
    r"^:\s|^(?:,[^,]{1,60},)?\s+(?:unveil(?:s|ed)|announc(?:es|ed)|introduc(?:es|ed)|show(?:s|ed)|"
    r"demo(?:s|ed)|walk(?:s|ed)|open(?:s|ed)|kick(?:s|ed) off|took the wraps off|present(?:s|ed)|"
    r"zeigt|präsentierte|presentó|ha presentato|a (?:présenté|dévoilé))\b",
    re.IGNORECASE,
)

# A named person who will present at the event ("Lei Jun is expected to unveil the Mi Note").
FUTURE_STAGE_VERBS = re.compile(
    r"^(?:,[^,]{1,60},)?\s+(?:is|will be)?\s*(?:expected to|set to|going to|will|to)\s+(?:unveil|"
    r"introduce|present|announce|show off|take the stage|launch|open|kick off|host)\b|"
    r"^(?:,[^,]{1,60},)?\s+(?:presenterà|presentará|wird\b[^.]{0,40}\b(?:eröffnen|vorstellen|"
    r"präsentieren)|devrait (?:y )?(?:présenter|détailler|dévoiler))\b",
    re.IGNORECASE,
)

# Words of live coverage: the article is written while the event goes on.
LIVE_CUES = re.compile(
    r"\b(?:live ?blog|live from|we're live|follow along|on stage now|right now|"
    r"just took the stage|en directo|in diretta|Liveticker)\b",
    re.IGNORECASE,
)
# Words that tie a time of day to the event ("starts at 10am PT").
START_WORDS = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|kick(?:s|ing)? off|stage|live|stream(?:ed|ing)?|"
    r"inizi\w*|comincer\w*|empieza|empezará|comienza|comenzará|beginnt|startet|keynote)\b",
    re.IGNORECASE,
)

# Verbs that put a product on offer.
LAUNCH_VERBS = re.compile(
    r"\b(?:launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|announc(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|"
    r"(?<!best-)(?<!top-)(?:sell(?:s|ing)?|sold)|bring(?:s|ing)?|brought|debut(?:s|ed)?|"
    r"show(?:s|ed)? off|Präsentation|presentazione|presentación|"
    r"showcas(?:e|es|ed)|releas(?:e|es|ed)|reveal(?:s|ed)?|offer(?:s|ed|ing)?|available|"
    r"shown|expected|star of the show|mostra(?:re|to|ti)?|mostrar|gezeigt|zeig(?:en|t)|"
    r"presentar(?:á|à)?|presenterà|presenta|vorstell(?:en|t)|teas(?:e|es|ed)|hints? at|"
    r"ship(?:s|ped|ping)?|on sale|lineup|line-up|coming|come to|"
    r"presenta(?:r|re|to|ti)?|lancia(?:re|to)?|vender(?:à|e)?|arriv(?:a|ano|eranno)|presentó|"
    r"lanz(?:ar|ó|ará)|venderá|vorgestellt|verkauf(?:en|t)|bring(?:en|t)|präsentier(?:t|te|en)|"
    r"(?:we'll|will|to) see|erwartet|dévoil\w*|présent\w*|détailler|svelare|esperan?|espera|"
    r"veremos|presentado|zeigt)\b",
    re.IGNORECASE,
)

# Words that turn a launch verb into its opposite ("will not sell its phones").
NEGATIONS = re.compile(
    r"\b(?:not|n't|no|never|without|instead of|rather than|nor|except|non|nicht|kein(?:e|en)?|"
    r"ni|den(?:ied|ies|y)|smentit[oa]|desminti\w*|desmiente|dementiert|pas|jamais)\b|n't\b",
    re.IGNORECASE,
)

# A sentence that moves the date: its last date is the new one.
MOVE_CUES = re.compile(
    r"\b(?:moved|moving|postpone[ds]?|pushed back|delayed|reschedul(?:ed|es|ing)|brought forward|"
    r"new date|now (?:take|be held)|rinviat[oa]|pospuest[oa]|verschoben|nueva fecha|"
    r"nuova data|neuer Termin|neuen Termin|forward to|repouss[ée]e?|décalé|report[ée]e?|"
    r"now (?:(?:expected|set|scheduled|due|slated) to )?(?:take place|be held|be unveiled|"
    r"be launched|be announced|launch|happen)|correction)\b",
    re.IGNORECASE,
)

# Past tense, so a bare "Thursday" means the last one.
PAST_TENSE = re.compile(
    r"\b(?:said|announced|unveiled|held|was|were|took|showed|revealed|introduced|launched|"
    r"confirmed|kicked|presented|ha presentato|presentó|präsentierte|vorgestellt|hat|had|"
    r"a dévoilé|a présenté|est monté|ha presentado)\b",
    re.IGNORECASE,
)
FUTURE_TENSE = re.compile(
    r"\b(?:will|'ll|going to|set to|plans? to|to hold|to host|upcoming|expected|scheduled|"
    r"terrà|celebrará|wird|tiendra|se tiendra|organisera)\b",
    re.IGNORECASE,
)

# Verbs of saying or sending: a date beside them is when something was said, not the event.
REPORTING_VERBS = re.compile(
    r"\b(?:said|says|told|announced|confirmed|revealed|reported|wrote|posted|tweeted|sent|"
    r"published|noted|denied|emailed|issued|dispatched|went out|landed|"
    r"confirmó|anunció|dijo|desmintió|desmiente|aseguró|ha confermato|ha annunciato|ha detto|"
    r"ha smentito|bestätigt(?:e)?|dementiert(?:e)?|sagte|teilte|a confirmé|a annoncé|a déclaré)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """The status a sentence's wording gives, and the cue that decided it."""

    status: Status
    cue: Cue


def sentence_verdict(
    sentence: str, *, allow_happened: bool = True, about_goods: bool = False
) -> Verdict | None:
    """The status one sentence's wording gives; `allow_happened` is False before the event.

    `about_goods` says the sentence names a product, so a bare report in it is about that.
    """
    fired = [
        c
        for c in STATUS_CUES
        if (allow_happened or c.status is not H) and _fires(c, sentence)
    ]
    if not fired:
        return None
    # A report of something else ("denied reports that it will bring the Mi Note") is no
    # report of the event: goods named without an event word take the report out of it.
    goods = about_goods or bool(GOODS_WORDS.search(sentence) or find_products(sentence))
    about_event = bool(EVENT_WORDS.search(sentence)) or bool(
        REPORT_WORDS.search(sentence) and not goods
    )
    fired = [c for c in fired if about_event or not c.about_event]
    if any(c.overrules for c in fired):
        fired = [c for c in fired if not c.status.is_disruption]
    strong = {c.status for c in fired if not c.weak}
    fired = [c for c in fired if not c.weak or not (strong - {c.status})]
    statuses = {c.status for c in fired}
    if C in statuses:
        # "confirmed the event but denied any phone launch" rules out phones, not the event.
        fired = [c for c in fired if c.status is not D]
        if any(c.hedge for c in fired):
            fired = [c for c in fired if c.status is not C]
    if not fired:
        return None
    best = max(fired, key=lambda c: c.priority)
    return Verdict(best.status, best)


# Goods a denial or delay may be about instead of the event.
GOODS_WORDS = re.compile(
    r"\b(?:phones?|smartphones?|handsets?|devices?|tablets?|shipments?|sales?|telefon\w*|"
    r"teléfonos?|móvil(?:es)?|Handys?|Smartphones?)\b",
    re.IGNORECASE,
)
# A negation shortly before a confirmation word in the same clause undoes it
# ("has not said anything officially yet").
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|n't|never|no|yet to|non|nicht|no ha|sin)\b[^,.;:]{0,30}$", re.IGNORECASE
)


def _fires(cue: Cue, sentence: str) -> bool:
    for match in cue.pattern.finditer(sentence):
        if cue.status is C and _NEGATED_BEFORE.search(sentence[: match.start()]):
            continue
        return True
    return False
