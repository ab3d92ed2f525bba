"""The wording a reader judges a sentence by, one table per axis, one cue a line.

A sentence about an event says something of it (the predicate: it will be held, it was held,
it was postponed...), with a polarity (negated or not), a modality (certain, expected,
possible, inferred, pending) and a source (on record, a report, speculation). Each cue below
names what it signals on one axis, its pattern and an example sentence that holds it;
tests/test_cues.py checks every example, so a new cue is one line here and a new language is
a few lines in each table. `rules.py` maps the axes to a status.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Generic, TypeVar


class Predicate(enum.StrEnum):
    """What a sentence says of an event."""

    HOLD = "hold"  # it will take place / is set for a day ("will hold", "is scheduled for")
    INVITE = "invite"  # invitations or a save-the-date went out
    TEASE = "tease"  # the company teases it (teaser, countdown, poster)
    STREAM = "stream"  # the company will stream it
    CONFIRM = "confirm"  # the company confirms or announces (also a source act)
    HAPPEN = "happen"  # it took place; things were unveiled at it
    LIVE = "live"  # coverage while it goes on
    POSTPONE = "postpone"
    CANCEL = "cancel"
    DENY = "deny"
    GO_AHEAD = "go_ahead"  # it goes ahead as planned, despite reports
    LAUNCH = "launch"  # a product is (not) launched somewhere: no claim on the event itself


class Source(enum.StrEnum):
    """Who says so."""

    OFFICIAL = "official"  # the company, a named spokesperson or executive, its own channels
    REPORT = "report"  # sources, insiders, a newspaper, someone who asked not to be named
    LEAK = "leak"  # a leaked document or a tipster: nobody's word on record
    SPECULATION = "speculation"  # rumours, guesses, the writer's doubts


class Modality(enum.StrEnum):
    """How sure the wording is, short of certain."""

    EXPECTED = "expected"  # "is expected to", "should", "likely"
    POSSIBLE = "possible"  # "might", "may", "could", "is rumoured to"
    INFERRED = "inferred"  # "apparently", "suggesting that", "seems", "all but confirmed"
    PENDING = "pending"  # "to be confirmed", "yet to be announced": said of a detail
    HABITUAL = "habitual"  # "usually holds", "every year": said of the company's habits


V = TypeVar("V")


@dataclass(frozen=True)
class Cue(Generic[V]):
    """One wording that signals `value` on its axis."""

    value: V
    pattern: re.Pattern[str]
    example: str


def cue(value: V, pattern: str, example: str) -> Cue[V]:
    """A cue from a case-insensitive pattern (use (?-i:...) for case-sensitive parts)."""
    return Cue(value, re.compile(pattern, re.IGNORECASE), example)


# Coverage while the event goes on.
_LIVE = (
    # (not a newsroom's liveblog of a running story: "Liveblog coronavirus: Samsung schrapt")
    r"\blive ?blog\w*\b(?!\s*:?\s*(?:corona\w*|covid\w*|war|oorlog|Krieg|guerra|guerre"
    r"|elections?|verkiezing\w*|Wahl\w*|brexit|news|nieuws|Ukraine|Oekraïne|Ukraina))"
    r"|\blive from\b|\bwe(?:'re| are) live\b|\bfollow (?:along|it live)\b"
    r"|\bon stage (?:now|right now)\b|\bunder ?way\b|\bjust (?:took|taken) the stage\b"
    r"|\ben directo\b|\ben vivo\b|\bin diretta\b|\bLiveticker\b|\bLive-Ticker\b|\ben direct\b"
    r"|\blive ?updates?\b|\bit'?s happening\b"
    # the liveblogger's present: "We're here updating live", "Paul's walking us through"
    r"|\b(?:updating|blogging|tweeting|reporting|posting) (?:this )?live\b"
    r"|\b(?:is|'s|are|'re) (?:now )?walking us through\b|\b(?:is|'s) now on stage\b"
    r"|^\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\s*)?:\s"
)

# "official" of an account, a site or a render names a source or a picture, not a confirmation.
_NOT_A_DOCUMENT = (
    r"(?!\s+(?:(?:\w+\s+){0,3}?(?:called|named|titled|dubbed|heet|heißt|si chiama|se llama"
    r"|s'appelle)\b|"
    r"Weibo|Twitter|X|Facebook|YouTube|Instagram|Google\+|account|accounts|website|site|"
    r"channel|page|blog|store|forums?|app|teaser|trailer|renders?|images?|photos?|pictures?|specs?|"
    r"price|pricing|name|video|case|cases|accessor(?:y|ies)|partner|distributor|sources?))"
)

# Where the adjective follows its noun ("sito web ufficiale", "site officiel", "cuenta oficial"),
# the channel or the picture stands before it.
_NOT_AFTER_A_DOCUMENT = "".join(
    rf"(?<!\b{noun} )" for noun in (
        "sito", "web", "sitio", "site", "canale", "canal", "account", "conta", "cuenta", "compte",
        "pagina", "página", "page", "profilo", "perfil", "blog", "trailer", "tráiler", "video",
        "vídeo", "immagini", "imágenes", "imagens", "images", "foto", "fotos", "photos", "render",
        "prezzo", "precio", "preço", "prix", "nome", "nombre", "nom", "distributore",
        "distribuidor", "fonti", "fuentes", "fontes", "sources", "negozio", "tienda", "loja",
        "boutique", "app", "aplicación", "applicazione", "Kanal", "Seite", "Website", "Konto"))

# The auxiliaries and modals a plan is said with: "will hold", "might host", "is set to unveil".
_AUX = (r"(?:will|'ll|won't|to|plans? to|planning to|set to|going to|expected to|is|are|might|may|"
        r"could|would|should|can|must|wants? to|hopes? to|aims? to|likely to|poised to)"
        r"(?:\s+not|n't)?\s+")

H, IN, T, S, C = (Predicate.HOLD, Predicate.INVITE, Predicate.TEASE, Predicate.STREAM,
                  Predicate.CONFIRM)
HP, L, PP, X, D, G = (Predicate.HAPPEN, Predicate.LIVE, Predicate.POSTPONE, Predicate.CANCEL,
                      Predicate.DENY, Predicate.GO_AHEAD)

# Order matters where spans overlap: an earlier, more specific cue takes the words first.
PREDICATE_CUES: tuple[Cue[Predicate], ...] = (
    # --- Chinese, Japanese and Korean, which run words together: no word boundaries
    cue(PP, r"延期|推迟|推遲|順延|延后|延後|연기(?:됐|되었|한다|했)",
        "小米将旧金山发布会延期。"),
    cue(X, r"中止|取消|キャンセル|開催(?:を)?見送|취소",
        "東京ゲームショウ2020の中止が決定した。"),
    cue(HP, r"開催されました|開催された|行われました|行われた|開かれた|開催しました"
            r"|発表しました|举行了|舉行了|召开了|召開了|发布了|發布了|열렸다|공개했다",
        "五反田文化センターで行われた事業報告ショー。"),
    cue(H, r"開催(?:する|します|予定|され(?:る|ます))|を開催|行われる|举行|舉行|召开|召開"
           r"|개최(?:한다|할|예정)",
        "Intelは9月19日に年次イベントを開催する。"),
    # --- Indonesian, whose verbs take affixes rather than tenses
    cue(PP, r"\b(?:ditunda|menunda|diundur|mengundur)\b",
        "Peluncuran Xiaomi di San Francisco ditunda."),
    cue(X, r"\b(?:dibatalkan|membatalkan|batal digelar)\b",
        "Xiaomi membatalkan acara peluncuran di San Francisco."),
    cue(HP, r"\b(?:telah|sudah|baru saja) (?:meluncurkan|memperkenalkan|digelar|diluncurkan"
            r"|berlangsung|merilis|menghadirkan)\b",
        "Xiaomi telah meluncurkan Mi Band di acara San Francisco."),
    # Someone met or speaking at the launch, or after it: it took place.
    cue(HP, r"\b(?:usai|seusai|setelah|selepas|saat ditemui (?:dalam|di|pada))\s+(?:acara\s+)?"
            r"(?:kick off\s+)?peluncuran\b"
            r"|\b(?:on the sidelines of|speaking at) (?:the|its|an?) (?:[\w-]+ ){0,2}?(?:launch"
            r"|event|keynote|conference|show)\b",
        "kata Edy saat ditemui dalam kick off peluncuran V15 di Jakarta."),
    # A tally of the visitors a show drew: it took place.
    cue(HP, r"\b(?:reunió|atrajo|recibió|congregó|registró|attracted|drew|welcomed|ha (?:attirato"
            r"|accolto|registrato|richiamato)|a (?:attiré|accueilli)|trok|lockte|zählte|recebeu"
            r"|atraiu|przyciągnęł[ao]|przyciągnął)\b[^.;]{0,40}?\b\d[\d.,]*\s*(?:mil\s+|thousand\s+"
            r"|million\s+|millones de\s+|Millionen\s+)?(?:visitantes|visitors|attendees|visitatori"
            r"|visiteurs|Besucher|bezoekers|zwiedzających|návštěvník\w*|besökare)\b",
        "La muestra reunió a unos 50.000 visitantes."),
    # Polish pasts of organising and opening a conference
    cue(HP, r"\bzorganizował[aoy]?\b|\bzorganizowali\b|\botworzył[aoy]?\b|\bpoprowadził[aoy]?\b",
        "HP zorganizowało noworoczną konferencję w Warszawie."),
    cue(H, r"\b(?:akan|bakal) (?:menggelar|mengadakan|meluncurkan|memperkenalkan|digelar"
           r"|diadakan|diluncurkan|berlangsung)\b|\bdijadwalkan\b",
        "Xiaomi akan menggelar acara di San Francisco pada 12 Februari."),
    cue(C, r"\b(?:mengonfirmasi|mengkonfirmasi|dikonfirmasi|mengumumkan|diumumkan)\b",
        "Xiaomi mengumumkan acara peluncuran di San Francisco pada 12 Februari."),
    # --- disruptions and their opposite
    cue(G, r"\bgo(?:es|ing)? ahead as (?:planned|scheduled)\b|\b(?:is"
           r"|remains) (?:still )?on\b(?! \w+day)(?! track)"
           r"|\bstill (?:on|happening|going ahead)\b|\bfesthalten\b"
           # (the event on track, not "development work is on track")
           r"|\b(?:event|launch|keynote|show|conference|date|it|plans?)\b[^.;,]{0,30}?\bon track\b"
           r"|\bhält\b.{0,40}?\bfest\b"
           r"|\bconferma(?:to)? l'appuntamento\b|\bsigue en pie\b|\bmaintenue?s?\b"
           r"|\bTermin steht\b"
           r"|\bbleibt (?:bestehen|unverändert|bei)\b"
           r"|\b(?:date|event|schedule|plans?|Termin|data|fecha)\b.{0,30}?\b(?:remains?|is"
           r"|stays?|bleibt) "
           r"(?:unchanged|unverändert|invariat[oa]|sin cambios)\b",
        "The Galaxy event will go ahead as planned, Samsung said."),
    cue(PP, r"\btemporar(?:y|ily) (?:cancel\w*|called off|suspend\w*)|(?<!-)\bpostpon(?:e|ed|es"
            r"|ing|ement)\b|\bpushed (?:it )?back\b|\bpush(?:es|ing)? back\b"
            r"|(?<!-)\bdelay(?:ed|s|ing)?\b|\breschedul(?:e|ed|es|ing)\b|\bbrought forward\b"
            r"|\bpush(?:ed|es|ing)? (?:it )?(?:to|into|until)\b"
            r"|\bmov(?:ed|es|ing)\b.{0,40}?\b(?:forward|back|up)\b|\bslipped\b"
            r"|\brinvi(?:at[oaie]|o|are)\b|\bposticipat[oaie]\b|\bslitta(?:to|ta)?\b"
            r"|\bspostat[oa]\b"
            r"|\bpospuest[oa]s?\b|\bpospon(?:e|er|ido)\b|\baplaza(?:d[oa]|r|do)\b|\bretras(?:a"
            r"|ad[oa])\b"
            r"|\bverschoben\b|\bverschiebt\b|\bverschieben\b|\bvorverlegt\b|\bneuer Termin\b"
            r"|\brepouss[ée]e?s?\b|\breport[ée]e?s? (?:au|à|a|de)\b|\bdécal[ée]e?s?\b"
            r"|\b(?:est|sont|a été|ont été|sera|seront|être) report[ée]e?s?\b"
            r"|\breport(?:e|ent) (?:la|le|les|sa|son|ses|l')\b|\bprzyspiesz\w*\b"
            r"|\bnachgeholt\b|\bnachzuholen\b|\bremarc(?:ado|ada|ar|ou|ará)\b"
            # Turkish, Hungarian, Polish, Russian
            r"|\bertele\w*|\belhalaszt\w*|\bprzesunię\w*|\bprzesun(?:ął|ęła|ie)\w*"
            r"|\bотлож\w*|\bперенес\w*|\bперенос\w*"
            r"|\buitgesteld\b|\bverplaatst\b|\bverschoven\b|\badiad[oa]\b|\bodložen[aáý]?\b"
            r"|\buit te stellen\b|\buitstellen\b|\brimandat[oaie]\b|\brimand(?:a|ano|are)\b"
            r"|\bprzełożon[aey]\b|\bstel(?:t|len)\b.{0,50}?\buit\b"
            r"|\bskjut(?:er|s|it)? upp\b|\buppskjut\w*\b|\budskud\w*\b|\butsatt\b|\butsettes\b"
            # Swedish, Danish, Norwegian "moved (on) to", "put off": "flyttas fram till 2021"
            r"|\bflytta(?:s|ts|de|d)?\b(?:\s+fram)?\s+till\b|\bsenarelägg\w*\b"
            r"|\budsat(?:te)?\b|\budsætte[rs]?\b|\bflytte[ts]\b(?:\s+frem)?\s+til\b"
            r"|\bpřesunut[aáoý]?\b|\bpřeložen[aáoý]?\b"
            r"|\badvance[ds]? the (?:event|launch|date)\b|\bmov(?:ed|es|ing) (?:up|forward)\b"
            r"|\bvorverleg\w*\b"
            r"|\banticipat[oa] (?:al|a)\b|\bse adelanta\b|\badelantad[oa] (?:al|a)\b|\bavanc(?:é"
            r"|ée|e) (?:au|à)\b",
        "Xiaomi has postponed its San Francisco event."),
    # At risk: a call-off that may come (the hedge itself is a modality cue, POSSIBLE).
    cue(X, r"\bat risk\b|\bin (?:doubt|jeopardy)\b|\ba rischio(?: (?:cancellazione"
           r"|annullamento))?\b|\brischia(?:no)? (?:la cancellazione|l['’]annullamento"
           r"|di saltare)\b"
           r"|\ben (?:riesgo|peligro|duda)\b|\bmenacée?s?\b|\bem (?:risco|dúvida)\b"
           r"|\bauf der Kippe\b|\bop de tocht\b|\bzagrożon[aey]\b|\bohrožen[aáéý]?\b",
        "Il lancio di Xiaomi Mi 10 a Pechino è a rischio."),
    cue(X, r"\bwithdr(?:aw|aws|awn|awing|ew) (?:from|its)\b|\bpull(?:ed|s|ing)? out of\b|"
           r"\bzieht sich\b.{0,40}?\bzurück\b|\bse retir(?:e|a|ó) de\b|\bsi ritira da\b|"
           r"\bpull(?:ed|s|ing)? the plug\b|\bden Stecker gezogen\b|\bzieht den Stecker\b|"
           r"\bstacca(?:to)? la spina\b"
           # "noise cancellation" is what headphones do
           r"|(?<!noise )(?<!noise-)(?<!echo )\bcancel(?:l)?(?:ed|s|ing|lation)?\b|\bcalled off\b"
           r"|\bcall(?:s|ing)? off\b|\bscrapped\b"
           r"|\bwill not (?:take place|go ahead|happen)\b|\bwon't (?:take place|go ahead|happen)\b"
           # A maker staying away from a show: its part of it is off.
           r"|\b(?:(?:will not|won't|not to|decided not to)\s+|(?:não|no|non)\s+(?:vai\s+)?)"
           r"(?:attend|participate in|take part in|exhibit at|participará|participar|participa"
           r"|parteciperà|partecipare|participera|participer)\b"
           r"|\bno longer (?:take place|be held|happen)\b"
           r"|\bannullat[oaie]\b|\bcancellat[oaie]\b|\bcancelad[oa]s?\b|\bsuspendid[oa]\b"
           r"|\babgesagt\b|\babzusagen\b|\bsagt\b.{0,40}?\bab\b|\bgestrichen\b"
           r"|\bfällt\b.{0,20}?\baus\b"
           r"|\bannul[ée]e?s?\b"
           r"|\bgeannuleerd\b|\bafgelast\b|\bcancelad[oa]\b|\bzrušen[aáý]?\b|\bodwołan[aey]\b"
           r"|\bcancel(?:a|ou|ó|an|aron|am)\b|\bannull(?:a|ano)\b|\bannule\b|\bsuspend(?:e|ió|eu)\b"
           r"|\bruší\b|\bzrušil[ao]?\b|\bodwołuje\b"
           r"|\bställ(?:er|t|de|s)? in\b|\binställ(?:d|t|da|s)\b|\baflys\w*\b|\bavlys\w*\b"
           r"|\biptal (?:ed|et)\w*|\biptal\b|\blemond\w*|\bотмен\w*"
           # "will not take place" and "called off" in Dutch, Czech, Polish, French, German
           r"|\bafgeblazen\b|\bschrap(?:t|pen)\b|\bgeschrapt\b|\bgaat\b.{0,30}?\bniet door\b"
           r"|\bneprob[eě]hne\b"
           r"|\bneuskute[cč]n[ií]\b|\bse nekon[aá]\b|\bnie odbęd(?:zie|ą) się\b"
           r"|\bsię nie odbęd(?:zie|ą)\b|\bn['’](?:aura|auront)\s+(?:\w+\s+)?(?:pas|plus) lieu\b"
           r"|\bne se tiendra (?:pas|plus)\b|\bfindet\b.{0,40}?\bnicht statt\b"
           r"|\bnicht stattfinden\b",
        "Xiaomi has cancelled its San Francisco event."),
    cue(D, r"\bden(?:ied|ies|y|ying)\b|\bdismiss(?:ed|es)\b|\brefuted?\b|\bshot down\b|\bnot true\b"
           r"|\bfalse\b|\bno such (?:event|plans?)\b|\bno plans? to (?:hold|host|stage|launch)\b"
           r"|\bsmentit[oa]\b|\bsmentisce\b|\bdesmentid[oa]\b|\bdesminti[óo]\b|\bdesmiente\b"
           r"|\bneg[óo]\b|\bniega(?:n)?\b|\bnega(?:no)?\b|\bnegou\b|\bdementiert\b|\bdément\w*\b"
           r"|\bontkend\b|\bontkent\b|\bdesmente\b|\bbestreitet\b|\bzurückgewiesen\b"
           r"|\bweist\b.{0,40}?\bzurück\b"
           r"|\b(?:is|are|was|were|est|sont|ist|sind|è|es|son|is een|é)\s+(?:a\s+|an\s+|un\s+"
           r"|une\s+|ein\s+|"
           r"eine\s+|uno\s+|una\s+|des\s+)?(?:fake|faux|fausse|falso|falsa|gefälscht|bogus|hoax|"
           r"not genuine|not real|nep|vervalst)\b|\bfake (?:invites?|invitations?|teasers?"
           r"|posters?)\b",
        "Xiaomi denied the report of an event in San Francisco."),
    # --- said at the event: it took place (before "announced" is read as an announcement)
    cue(HP, r"\b(?:announc\w+|unveil\w+|reveal\w+|launch\w+|introduc\w+|show\w*|present\w*)\s+"
            r"(?:today\s+|on \w+day\s+|yesterday\s+|this \w+\s+)?(?:at|during)\s+(?:its|the|an?"
            r"|today's|"
            r"\w+day's)\s+(?:[\w-]+\s+){0,2}?(?:event|keynote|conference|launch|presentation"
            r"|showcase)\b",
        "Xiaomi announced today at an event in San Francisco that it will sell accessories."),
    # --- the company announces the event (before "announced" is read as a launch below)
    cue(C, r"\b(?:announc(?:ed|es)|revealed|confirmed|unveiled|annoncé|annonce|annunciato|annuncia|"
           r"dévoilé|dévoile|révélé|révèle|svelato|svela|revelado|revela|enthüllt|verraten|"
           r"anunciado|anunció|anuncia|angekündigt|kündigt\w*|verkündet\w*|aangekondigd|kondigt|"
           r"anunciou|anuncia|bekanntgegeben|bekannt gegeben|avvisa|comunica|fa sapere|informa"
           r"|avisa|informe)\s+(?:\w+\s+){0,3}?(?:that|que|che|"
           r"dass|dat|(?:the|its|a|an|their|la|le|les|il|el|los|das|den|die|het|de|o"
           r"|a)\s+(?:\w+\s+){0,2}?"
           r"(?:date|dates|plans?|event|keynote|launch event|press conference|schedule|details"
           r"|time|"
           r"venue|invitations?|data|fecha|Termin|datum|évènement|événement|evento|Event))\b",
        "Xiaomi announced that it will hold an event in San Francisco on February 12."),
    # --- the event went on, or is going on
    cue(S, r"\b(?:live-?stream\w*|stream\w*|broadcast\w*|transmit\w*|retransmit\w*|trasmess[oa]|"
           r"trasmett\w*|diffus\w*|übertrag\w*|uitgezonden|transmitid[oa]|transmitirá|"
           r"retransmitid[oa]|retransmitirá|retransmis[e]?)\s+(?:[\w-]+\s+){0,3}?(?:live"
           r"|en directo|"
           r"en vivo|in diretta|en direct|ao vivo|online)\b",
        "Xiaomi's San Francisco event will be streamed live on its website."),
    cue(L, _LIVE, "We're live from Xiaomi's San Francisco event."),
    cue(HP, r"(?:^|[,;:]\s*)(?i:during|at) (?:the|its|an?|this|today's|yesterday's"
            r"|\w+day's) (?:\w+ ){0,2}?"
            r"(?:event|keynote|unveiling|presentation|press conference|launch"
            r"|showcase)\b[^.;\d]{0,60}?"  # no day between: "at an event on July 1, it said"
            r"(?:,\s+(?:[\w'-]+\s+){1,3}?)?\b(?:said|announced|revealed|showed|unveiled|introduced"
            r"|demoed|"
            r"walked|confirmed|made|took|was|were|had)\b"
            # The same in the other languages: "durante la conferencia ..., Zuckerberg afirmó".
            r"|\b(?i:durante|lors de|pendant|au cours de|während|tijdens|nel corso)\s+(?:(?:la|el"
            r"|le|il|l'|lo|a|o|das|die|der|de|het|dell[ao]?)\s*)?(?:\w+\s+){0,2}?(?:conferencia"
            r"|evento|presentación|keynote|conférence|événement|présentation|conferenza"
            r"|presentazione|Konferenz|Veranstaltung|Präsentation|Keynote|conferentie|evenement"
            r"|presentatie|apresentação|conferência)\b[^.;\d]{0,80}?\b(?:afirmó|dijo|anunció"
            r"|presentó|mostró|reveló|a (?:déclaré|annoncé|présenté|dévoilé|montré)"
            r"|ha (?:detto|dichiarato|annunciato|presentato|mostrato)|sagte|kündigte|zeigte"
            r"|stellte|erklärte|zei|kondigde|toonde|presenteerde|afirmou|disse|anunciou"
            r"|apresentou|mostrou)\b"
            # The writer was there: "I attended Nvidia's GTC conference"
            r"|\b(?:I|we) (?:attended|covered|sat through|(?:was|were) at)\s+(?:the|a|an|this"
            r"|[\w-]+['’]s)\s+(?:[\w+&/-]+\s+){0,3}?(?:event|keynote|conference|launch"
            r"|presentation|show|summit|expo)\b"
            r"|\b(?:siamo stati|eravamo|abbiamo assistito|estuvimos|asistimos|estivemos"
            r"|assistimos|nous étions|nous avons assisté|wir waren)\s+(?:\w+\s+){0,2}?"
            r"(?:al|all['’]|alla|a[lo]?|à|au|en|n[oa]|bei|beim|auf)\s*(?:[\w-]+[\s-]){0,3}?"
            r"(?:evento|event|Event|keynote|Keynote|conferenza|conferencia|conferência"
            r"|conférence|événement|lancio|lanzamiento|lançamento|lancement|presentazione"
            r"|presentación|apresentação|présentation|Präsentation|Veranstaltung)\b"
            r"|\b(?:gave|delivered|held|opened|kicked off|began|started) (?:the|a|an|his|her|its"
            r"|their) (?:opening |"
            r"annual |main )?(?:keynote|speech|presentation|address|event|show)\b"
            # (the same in the other languages: "el CEO ofreció una presentación", "hielt die
            # Keynote", "ha tenuto il discorso")
            r"|\b(?:ofreció|dio|pronunció|inauguró|impartió|ha tenuto|tenne|ha aperto|aprì"
            r"|a donné|a prononcé|a ouvert|hielt|eröffnete|fez|deu|proferiu|abriu)\s+"
            r"(?:(?:una|un|su|el|la|il|lo|l['’]|le|son|sa|die|eine|seine|ihre|den|a|o|uma|um|sua"
            r"|seu)\s*)?(?:[\w-]+\s+)?(?:discurso|presentación|keynote|Keynote|conferencia|discorso"
            r"|presentazione|discours|présentation|conférence|Rede|Präsentation|palestra"
            r"|apresentação)\b"
            r"|\b(?:keynote|event|presentation|show|conference|stream|livestream"
            r"|speech)\b.{0,40}?"
            r"\b(?:started|began|opened|kicked off|got underway|ended|wrapped up)\b"
            r"|\bsi è (?:da poco |appena )?(?:apert[oa]|chius[oa]|conclus[oa])\b|\b(?:è"
            r"|è appena) iniziat[oa]\b"
            r"|\bappena iniziat[oa]\b|\bgehouden\b|\bvond\b.{0,40}?\bplaats\b|\bplaatsgevonden\b"
            r"|\btook place\b|\bwas held\b|\bwere held\b|\bheld (?:its|an|a|the|their)\b.{0,50}?"
            r"\b(?:event|keynote|conference|launch|(?-i:[A-Z][\w/]* Day|Unpacked|I/O|Direct))\b"
            r"(?! (?:on|in) \w+ \d)|\bhas held\b"
            r"|\btook (?:to )?the stage\b|\btaking the stage\b|\btook the wraps off\b"
            r"|\bwrapped up\b"
            r"|\bthat's a wrap\b|\bkicked off\b|\bshowed off\b|\bshowcased\b"
            r"|\b(?:finally |officially )?(?:unveiled|introduced|launched|debuted|announced"
            r"|revealed"
            r"|presented|showed)\b"
            r"|\bhas (?:unveiled|introduced|launched|announced|presented)\b|\bunveils\b"
            r"|\blaunches\b"
            r"|\bintroduces\b|\bdebuts\b"
            r"|\bha (?:presentato|svelato|lanciato|annunciato(?= (?:il|la|i|le|lo|gli) (?!data"
            r"|evento)))\b"
            r"|\bè stat[oa] presentat[oa]\b|\bsono stati presentati\b|\bsi è svolt[oa]\b"
            r"|\b(?:presentat[oaie]|svelat[oaie]|lanciat[oaie]|presentad[oa]s?|révélé(?:e|s|es)?|"
            r"lanzad[oa]s?|présenté(?:e|s|es)?|dévoilé(?:e|s|es)?|lancé(?:e|s|es)?|"
            r"enthüllt|präsentiert|gepresenteerd|onthuld|apresentad[oa]s?|lançad[oa]s?)\b"
            r"|\bpresent[óo]\b|\bha presentado\b|\bsubi[óo] al escenario\b|\bse celebr[óo]\b"
            r"|\blanz[óo]\b|\bha lanzado\b|\bdesvel[óo]\b|\bintrodujo\b"
            # "a empresa anunciou seu mais recente lançamento": announced a thing, not a plan
            r"|\b(?:anunciou|anunció) (?:o|a|os|as|el|la|los|las|seu|sua|seus|suas|su|sus)"
            r"\b(?! (?:data|fecha|evento|próxim[oa]))"
            r"|\bvorgestellt\b|\bpräsentierte\b|\bstellte\b.{0,60}?\bvor\b|\benthüllte\b"
            r"|\bzeigte\b|\bhat\b.{0,80}?\bgezeigt\b"
            r"|\bfand\b.{0,40}?\bstatt\b|\bhat\b.{0,60}?\b(?:vorgestellt|präsentiert"
            r"|enthüllt)\b"
            r"|\ba (?:dévoilé|présenté|lancé|officialisé|levé le voile)\b"
            r"|\best monté sur (?:la )?scène\b"
            r"|\bs'est (?:tenu|déroulé)e?\b|\bont été (?:présentés|dévoilés)\b"
            r"|\b(?:s'est exprimée?|a pris la parole|est intervenue?) (?:lors|à l'occasion|pendant"
            r"|au cours)\b"
            r"|\bheeft\b.{0,40}?\b(?:gepresenteerd|onthuld|aangekondigd)\b|\bonthulde\b"
            r"|\bpresenteerde\b|\bapresentou\b|\blançou\b|\brevelou\b|\bpředstavil[ao]?\b"
            r"|\bzaprezentował[ao]?\b"
            r"|\bpresenterade\b|\bvisade\b(?:\s+upp\b)?|\blanserade\b|\bavtäckte\b"
            r"|\bpræsenterede\b|\bpresenterte\b|\bviste frem\b"
            # "took place", "was held" in the other languages
            r"|\btuvo lugar\b|\bse llevó a cabo\b|\bse realizó\b|\baconteceu\b|\bocorreu\b"
            r"|\bfoi realizad[oa]\b|\bha avuto luogo\b|\bsi è tenut[oa]\b|\bè stat[oa] tenut[oa]\b"
            r"|\ba eu lieu\b|\bägde rum\b|\bhölls\b|\bfandt sted\b|\bfant sted\b"
            r"|\bodbył[aoy]? się\b|\bmiał[ao]? miejsce\b|\bzaprezentowano\b"
            r"|\bproběhl[aoy]?\b|\b(?:se )?(?:konal[aoy]?|odehrál[aoy]?)(?: se)?\b"
            r"|\bgerçekleş(?:ti|tirildi)\b|\bdüzenlendi\b|\byapıldı\b|\btanıtıldı\b"
            r"|\bbemutatt(?:a|ák)\b|\bmegrendezt(?:ék|e)\b",
        "Xiaomi unveiled the Mi Band at its San Francisco event."),
    # --- the company's own word
    cue(IN, r"\binvit(?:e|es|ed|ations?)\b|\bsave[- ]the[- ]date\b|\bRSVP\b|\bpress (?:kit|pass)\b"
           r"|\binvit[io]\b|\binvitaciones?\b|\bconvocatoria\b|\bEinladung(?:en)?\b|\beingeladen\b"
           r"|\blädt\b|\binvitations?\b|\buitnodiging(?:en)?\b|\bconvites?\b|\bpozvánk\w*\b"
           r"|\bzaproszeni\w*\b",
        "Xiaomi has sent out invitations for an event in San Francisco."),
    cue(T, r"\bteas(?:er|ers|ed|es|ing)\b|\bcountdown\b|\bcount(?:ing)? down\b|\bposter\b"
           r"|\bhashtag\b|\bCountdown\b|\bcompte à rebours\b|\bconto alla rovescia\b"
           r"|\bcuenta atrás\b|\bcuenta regresiva\b",
        "Xiaomi posted a teaser for its San Francisco event."),
    cue(S, rf"\b{_AUX}(?:\w+ly\s+)?(?:be\s+)?(?:live-?stream(?:ed)?|stream(?:ed)?|broadcast)\b"
           r"|\blivestream(?:ed|ing)? (?:on|at|via)\b|\bstreaming (?:live )?on\b"
           r"|\bin streaming\b|\bper Livestream\b|\bretransmitid[oa]\b|\bretransmis\b"
           # Polish future: "Sony transmitować będzie", "będzie transmitowane"
           r"|\btransmitować będzie\b|\bbędzie (?:transmitowa\w+|nadawa\w+)\b"
           r"|\btransmisj[aię] na żywo\b",
        "Xiaomi will livestream its San Francisco event on its website."),
    cue(C, r"\bconfirm(?:s|ed|ing|ation)?\b|\bit'?s official\b"
           # "officially called", "official website": the word names, it confirms nothing
           r"|" + _NOT_AFTER_A_DOCUMENT +
           r"\b(?:official(?:ly)?|ufficial(?:e|i|mente|izzato)|oficial(?:es|mente)?|offiziell"
           r"|officiel(?:le)?(?:ment)?|officieel|officiellt)\b" + _NOT_A_DOCUMENT +
           r"|\bannounc(?:e|es|ed|ing)\b|\bsent out\b|\bunveiled (?:the )?date\b"
           r"|\bset (?:the )?date\b|\bmade (?:it )?official\b|\bmarked (?:its|the) calendar\b"
           r"|\bconferm(?:a|ato|ata|ano|ando)\b|\bannunciat[oa]\b"
           r"|\bha annunciato\b|\bconfirm(?:a|ó|ado|ada|aron)\b"
           r"|\banunci(?:a|ó|ado|ada)\b|\bbestätig(?:t|te|ten|ung)\b|\bangekündigt\b"
           r"|\bkündigt\b|\bkündigte\b|\bverkündet\w*\b|\bconfirm(?:e|é|ée|és)\b"
           r"|\bbekräfta(?:r|de|t)\b|\bbekræfte(?:r|de|t)\b|\bbekrefte(?:r|t)\b"
           r"|\bmeddela(?:r|de)\b"
           # not the reflexive "s'annonce" (shapes up) nor "cette annonce" (the one spoken of)
           r"|" + "".join(rf"(?<!{w})" for w in ("s'", "s’", "cette ", "Cette "))
           + r"\bannonc(?:e|é|ée|ent)\b|\bofficialis\w*\b|\bbevestig(?:t|d|de)\b"
           r"|\baangekondigd\b|\bkondigt\b|\bconfirm(?:ou|ado|ada)\b"
           r"|\bpotvrdil[ao]?\b|\boficiáln\w*\b|\bpotwierdził[ao]?\b"
           # Polish and Czech "announced": "Fujifilm zapowiedziało imprezę X Summit"
           r"|\bzapowiedział[aoy]?\b|\bzapowiedziało\b|\bogłosił[aoy]?\b|\bogłosiło\b"
           r"|\boznámil[aoy]?\b"
           r"|\bподтверди\w*|\bобъяви\w*|\bанонсирова\w*|\bофициальн\w*"
           # The announcement as a noun: "the announcement of an upcoming X-Summit" (not "delay
           # the announcement of the Galaxy S8", a product's), "potwierdzenie", and
           # "開催を明らかにしました" (revealed it will hold).
           r"|\bannouncement (?:of|about) (?:an?|its) (?:upcoming|forthcoming|new)\b"
           r"|\bpotwierdzeni\w*|\bpotvrzen\w*"
           r"|開催を(?:明らかに|発表|決定|告知)|開催(?:が|も)決定",
        "Xiaomi has confirmed its event in San Francisco."),
    # --- the event is set (a statement of fact, in any tense that is not past)
    cue(H, r"\b(?:rumou?red|expected|alleged|purported|planned|upcoming|anticipated|forthcoming|"
           r"scheduled|presunt[oa]|rumoreado|atteso|erwartete[nm]?|mutmaßliche[nm]?|prochain[e]?|"
           r"próxim[oa]|prossim[oa]|aangekondigde)\s+(?:[\w'-]+\s+){0,3}?(?:events?|launch(?:es)?|"
           r"keynote|press (?:conference|event)|presentation|unveiling|Unpacked|evento|lancio|"
           r"presentazione|lanzamiento|presentación|Event|Präsentation|Vorstellung|événement"
           r"|lancement|"
           r"keynote|evenement|lancering|lançamento)\b",
        "The numbers come a week before the company's rumored San Francisco event."),
    cue(H, r"\b(?:potrebbe(?:ro)?|dovrebbe(?:ro)?|podría(?:n)?|debería(?:n)?|pourrai(?:t|ent)"
           r"|devrai(?:t|ent)|"
           r"könnte(?:n)?|sollte(?:n)?|dürfte(?:n)?|zou(?:den)?|poderia"
           r"|deveria)\s+(?:[\w'-]+\s+){0,2}?"
           r"(?:presentare|svelare|lanciare|annunciare|tenere|mostrare|presentar|lanzar|anunciar"
           r"|celebrar|"
           r"mostrar|présenter|dévoiler|lancer|annoncer|organiser|tenir|vorstellen|präsentieren"
           r"|zeigen|"
           r"veranstalten|presenteren|onthullen|lanceren|houden|apresentar|lançar|realizar)\b",
        "Xiaomi potrebbe presentare la Mi Band a San Francisco il 12 febbraio."),
    cue(H, r"\b(?:will|to|set to|expected to|is to|going to)\s+(?:\w+ly\s+)?(?:take the stage"
           r"|be on stage|"
           r"deliver the keynote|headline the event|open the event"
           r"|(?:be )?(?:deliver(?:ing)?|giv(?:e|ing)) (?:the|a|an|its) (?:[\w“”\"'-]+ ){0,4}?"
           r"(?:keynote|address))\b",
        "Lei Jun will reportedly take the stage at the San Francisco event."),
    cue(H, r"\b(?:has|have|had)?\s*(?:moved|shifted|switched|brought) (?:its|the"
           r"|their)\b.{0,50}?\bto\b"
           r"|\bplan(?:s|ned|ning)? (?:a|an|its|their|to hold|to host|on holding)\b"
           r"|\b(?:will|wollen|möchte|möchten|plant|planen)\b.{0,90}?\b(?:vorstellen"
           r"|präsentieren|"
           r"enthüllen|zeigen|veranstalten|abhalten)\b|\bstell(?:t|en)\b.{0,60}?\bvor\b",
        "Xiaomi is planning a launch event in San Francisco on February 12."),
    cue(H, rf"\b{_AUX}(?:also |still |finally |officially |\w+ly )?"
           r"(?:hold|host|stage|throw|hosting|holding|staging|organi[sz]e|organi[sz]ing)\b"
           rf"|\b{_AUX}(?:also |still |finally |officially |\w+ly )?"
           r"(?:unveil|launch|introduce|present|announce|debut|show off|reveal|take the wraps off"
           r"|be (?:unveiled|launched|introduced|presented|announced|held|revealed|shown))\b"
           r"|\b(?:take|takes|taking) place\b"
           # "the launch might happen on October 19": English has a verb for taking place too
           rf"|\b{_AUX}(?:\w+ly )?happen\b"
           r"|\b(?:is|are|was|were) (?:being )?(?:scheduled|slated"
           r"|set|planned|"
           r"due|pencill?ed in)\b|\bscheduled (?:for|on)\b|\bslated for\b|\bset for\b|\bdue on\b"
           # "The keynote, led by Sundar Pichai, kicks off on May 12"; "I/O starts at 10 a.m."
           r"|\b(?:event|keynote|show|conference|presentation|stream|livestream|it"
           r"|(?-i:[A-Z][\w/]*))(?:,[^,.]{1,60},)?\s+(?:\w+\s+){0,2}?"
           r"(?:kicks off|starts?|begins?|gets under ?way|happens)\b"
           r"(?=\s+(?:on|at|in|from|tomorrow|today|tonight|next|this|\d))"
           r"|\b(?:event|keynote|show|conference|presentation|stream|livestream"
           r"|it)\s+(?:\w+\s+){0,2}?"
           r"(?:kicks off|starts?|begins?|gets under ?way|happens)\b|\bopens? (?:its|the) doors\b"
           r"|\b(?:is|'s|are|isn't|aren't|will be|won't be)\s+(?:not\s+)?happening\b"
           r"|\bwill (?:be )?(?:on|in|at)\b"
           r"|\bstattfinden\b|\bstattfindet\b|\bterrà\b|\bsi terrà\b|\bsi svolgerà\b"
           r"|\bpresenterà\b|\bsvelerà\b|\blancerà\b|\bè (?:in )?programma\w*\b"
           r"|\bfissat[oa]\b|\bprevist[oa]\b|\bcelebrará\b|\bse celebrará\b|\btendrá lugar\b"
           r"|\bpresentará\b|\blanzará\b|\bprogramad[oa]\b|\bprevist[oa]\b"
           r"|\bfindet\b.{0,60}?\bstatt\b"
           r"|\b(?:wird|werden|soll|sollen)\b.{0,90}?\b(?:vorstellen|präsentieren|enthüllen"
           r"|veranstalten|abhalten|stattfinden)\b|\bh(?:ält|alten)\b.{0,60}?\bab\b"
           # a subordinate clause puts the verb last: "dass Apple das Event ... abhalten wird"
           r"|\b(?:vorstellen|präsentieren|enthüllen|veranstalten|abhalten|stattfinden|zeigen)"
           r"\s+(?:wird|werden|soll|sollen|will|wollen|könnte|könnten|dürfte|dürften)\b"
           r"|\bgeplant\b|\bangesetzt\b|\bterminiert\b|\bse tiendra\b|\btiendra\b|\baura lieu\b"
           r"|\bprésentera\b|\bdévoilera\b|\blancera\b|\borganisera\b|\bprévu[es]*\b"
           r"|\bse déroulera\b"
           r"|\bvindt\b.{0,40}?\bplaats\b|\bzal\b.{0,40}?\b(?:presenteren|onthullen|houden)\b"
           r"|\bgepland\b|\bvai (?:apresentar|lançar|realizar)\b|\bacontecerá\b"
           r"|\bserá realizad[oa]\b"
           r"|\bkommer att (?:presentera|visa|hålla|lansera)\b|\bska (?:presentera|visa|hålla)\b"
           r"|\bäger rum\b|\bfinner sted\b|\bvil (?:præsentere|presentere|afholde)\b"
           r"|\bmarcad[oa] para\b|\bproběhne\b|\bpředstaví\b|\bodbędzie się\b|\bzaprezentuje\b"
           r"|\b(?:zaplanuje|zorganizuje|przedstawi|pokaże|zaplanowan[aey])\b"
           r"|\b(?:uspořádá|ukáže|naplánoval[ao]?)\b"
           r"|\bkommer att (?:visa|presentera|lansera|hålla)\b|\bvil (?:vise|præsentere|lancere)\b",
        "Xiaomi will hold an event in San Francisco on February 12."),
)

# "will be unveiled", "expected to be unveiled": a past participle after these is future.
FUTURE_BEFORE = re.compile(
    r"\b(?:will|'ll|to|would|could|may|might|should|shall|won't|can|must|set to|going to|"
    r"expected to|likely to|slated to|poised to|due to|wird|werden|wordt|soll|sollen|dürfte|"
    r"sarà|saranno|dovrebbe|será|serán|debería|sera|seront|devrait|zal|zullen|vai|será)"
    r"(?:\s+(?:not|n't|also|only|finally|officially|then|likely|probably|all|both|be|have|been|"
    r"surely|certainly|definitely|almost|most|very|reportedly|apparently|ufficialmente|offiziell|"
    r"officiellement|\w+ly))*\s*(?:be\s+|werden\s+|essere\s+|ser\s+|être\s+|worden\s+)?$",
    re.IGNORECASE,
)

SOURCE_CUES: tuple[Cue[Source], ...] = (
    # anonymous officials are reports, so these come before the official cues
    cue(Source.REPORT, r"\b(?:asked|wish(?:ed)?) not to be (?:named|identified)\b|\banonymity\b"
                       r"|\banonymous(?:ly)?\b|\bnot authori[sz]ed to\b|\bdeclined to be named\b",
        "An official who asked not to be named said the event is on February 12."),
    cue(Source.OFFICIAL, r"\baccording to (?:an?|the|its|their) (?:[\w-]+\s+){0,2}?(?:statement|"
                         r"press release|invit(?:e|ation)|announcement|company|blog post|teaser|"
                         r"website|tweet|post|video|trailer)\b|\binvit(?:e|ation) seen by\b",
        "The event is in San Francisco, according to an invitation seen by us."),
    cue(Source.REPORT, r"\baccording to\b|\breportedly\b|\ballegedly\b|\bsources?\b"
                       r"|\binsiders?\b|\bpeople (?:familiar|with knowledge|briefed|close)\b"
                       r"|\bfamiliar with the (?:matter|plans?)\b|\breports? (?:that|from|by|in|"
                       r"suggest\w*|claim\w*|say\w*|said)\b|\ba (?:new )?report\b|\bciting\b"
                       r"|\bhas learned\b|\bhave learned\b|\b(?-i:[A-Z][\w.]+)(?: News)? reports?\b"
                       # ("via its account" is the holder's own channel, no report)
                       r"|(?<!\bin )\bvia\b(?! di\b)(?!\s+(?:its|their|his|her)\b)"
                       r"|\breported\b|\bwith knowledge of\b"
                       r"|\breports? (?:(?:had|have|has) )?(?:emerged|surfaced|circulated"
                       r"|indicated)\b|\bclaim(?:ing|ed|s)? to be\b|\bpurported(?:ly)?\b"
                       r"|\bsecondo\b|\bstando a\b|\briporta\b|\bfonti\b|\bsegún\b|\bfuentes\b"
                       r"|\binforma\b|\bBerichten? zufolge\b|\bInsidern? zufolge\b|\blaut\b"
                       r"|\bQuellen\b|\bberichtet\b|\bunter Berufung\b|\bselon\b|\bd'après\b"
                       r"|\brapporte\b|\bvolgens\b|\bbronnen\b|\bsegundo\b|\bfontes\b|\bpodle\b"
                       r"|\benligt\b|\buppgifter\b|\bifølge\b|\bkilder\b"
                       r"|\bsostengono\b|\bsostiene\b|\baffermano\b|\bbehaupte[nt]\b|\baffirment\b"
                       r"|\baseguran\b|\bclaim(?:s|ed)? that\b|\bclaims\b|\bsay(?:s)? that\b"
                       r"|\bbeweren\b"
                       r"|\bwedług\b"
                       r"|\bangeblich\b|\bnaar verluidt\b|\bsupuestamente\b|\bpresuntamente\b"
                       r"|\bpresumibilmente\b|\bsoi-disant\b|\bsupostamente\b",
        "According to sources, Xiaomi will hold an event in San Francisco."),
    # German "soll" reports what others say ("das Event soll am 10. Juli stattfinden").
    cue(Source.REPORT, r"(?-i:\bsoll\b|\bsollen\b|\bsollte\b)",
        "Das Xiaomi-Event soll am 12. Februar in San Francisco stattfinden."),
    cue(Source.REPORT, r"(?-i:\b[a-záéíóúàèìòù]\w*(?:aría|ería|iría|arían|erían|irían|rebbe"
                       r"|rebbero|"
                       r"erait|eraient|irait|iraient|arait|araient|aurait|auraient|serait"
                       r"|seraient))\b",
        "Apple enviaría las invitaciones para su evento el próximo martes."),
    cue(Source.OFFICIAL, r"\bspokes(?:person|man|woman|people)\b|\brepresentative\b"
                         r"|\bin a (?:statement|press release|blog post|tweet|post|letter|memo)\b"
                         r"|\bin an? (?:[\w-]+\s+)?announcement\b|\bannouncement (?:from|by|on"
                         r"|via)\b"
                         r"|\bpress release\b|\bstatement\b|\bofficial(?:ly)?\b|\bit'?s official\b"
                         r"|\bthe company (?:said|says|told|announced|confirmed|stated|wrote"
                         r"|noted)\b"
                         r"|\b(?:on|via|through|per|über|su|en|sur) (?:its|their|seinem|seinen|"
                         r"sein|ihrem|il suo|su|son|sa)?\s*(?:official |offiziellen? )?(?:website"
                         r"|blog|"
                         r"Weibo|Twitter|X|Facebook|Instagram|YouTube|account|channel|newsroom|"
                         r"site|page)\b"
                         # "via its Google+ account": the holder's own channel, whichever
                         r"|\b(?:on|via|through) (?:its|their) (?:[\w+.-]+\s+){1,2}?(?:account"
                         r"|channel|page|profile|handle|website|blog)\b"
                         r"|\bnewsroom\b|\bkeynote invit\w*\b|\binvit(?:e|es|ations?)\b"
                         r"|\bportavoce\b|\bcomunicato\b|\bportavoz\b|\bcomunicado\b"
                         r"|\bSprecher(?:in)?\b"
                         r"|\bPressemitteilung\b|\bMitteilung\b|\bporte-parole\b|\bcommuniqué\b"
                         r"|\bwoordvoerder\b|\bpersbericht\b|\bporta-voz\b|\bmluvčí\b|\brzecznik\b"
                         # a press release's own words: "The CEA today announced Kazuo Hirai will"
                         r"|\btoday announced\b",
        "A Xiaomi spokesperson told us the event will be in San Francisco."),
    # a named executive speaking: "Chief Executive Elon Musk said on Friday"
    cue(Source.OFFICIAL, r"\b(?:CEO|chief executive(?: officer)?|chief \w+ officer|president"
                         r"|founder|co-?founder|chairman|chairwoman|Chef|Vorstandschef"
                         r"|Firmenchef|PDG|amministratore delegato|consejero delegado)"
                         r"(?:\s+(?-i:[A-Z][\w.'’-]+)){1,3},?\s+(?:said|says|told|announced"
                         r"|confirmed|tweeted|wrote|posted|sagte|teilte|erklärte|kündigte"
                         r"|bestätigte|a déclaré|a annoncé|ha detto|ha annunciato|dijo|anunció)\b",
        "Xiaomi will hold the event in San Francisco, CEO Lei Jun said."),
    # a leak is nobody's word on record, whatever document it shows
    cue(Source.LEAK, r"\bleak(?:s|ed|er|ers|ster|sters|y)?\b|\btipster\b|\balleged(?:ly)?\b"
                     r"|\bpurported(?:ly)?\b"
                     r"|\bfiltrad[oa]s?\b|\bfiltraci\w+\b|\btrapelat[oa]\b|\bgeleakt\b|\bgelekt\b"
                     r"|\bvazad[oa]s?\b|\bvazament\w*\b|\bdurchgesickert\b|\bwyciek\w*\b"
                     r"|\bposteriormente removido\b|\bremoved at the request\b"
                     r"|\bfuité\w*\b|\bfuite\w*\b|\bbriefly (?:appeared|posted|went live"
                     r"|published)\b"
                     r"|\bbefore being (?:pulled|removed|taken down|deleted)\b|\baccidentally\b"
                     r"|\binadvertently\b|\bmistakenly\b|\bprematurely\b|\bby mistake\b",
        "A leaked invitation shows Xiaomi's San Francisco event."),
    cue(Source.SPECULATION, r"\brumou?r(?:s|ed|ing|mill)?\b|\btipster\b"
                            r"|\bspeculat\w*\b|\bgrapevine\b|\bwhispers?\b|\bword on the street\b"
                            r"|\bwe (?:think|guess|bet|believe|reckon|suspect|expect)\b"
                            # the writer's own guess in the other languages: "Spodziewamy się,
                            # że Apple zaplanuje", "wir gehen davon aus", "ci aspettiamo che"
                            r"|\bspodziewa(?:my|m) się\b|\bprzypuszczamy\b|\bwir (?:erwarten"
                            r"|vermuten|glauben|tippen auf|gehen davon aus)\b"
                            r"|\bci aspettiamo\b|\b(?:esperamos|creemos|suponemos) que\b"
                            r"|\bnous (?:pensons|croyons|supposons)\b|\bon s'attend\b"
                            r"|\b(?:we|wij) (?:verwachten|vermoeden)\b|\bacreditamos que\b"
                            r"|\bočekáváme\b|\bpředpokládáme\b"
                            r"|\bour (?:guess|bet|money)\b|\bI (?:think|guess|bet|believe)\b"
                            r"|\banalysts? (?:expect|believe|say|think|predict)\w*\b|\bpredict\w*\b"
                            r"|\bunconfirmed\b|\bunverified\b|\bgrain of salt\b|\bpinch of salt\b"
                            r"|\bs[ck]eptical\b|\bnot convinced\b|\bnot buying it\b|\bdoubts?\b"
                            r"|\bvoci\b|\bindiscrezion[ei]\b|\brumors?\b|\brumores\b"
                            r"|\bfiltraci\w+\b"
                            r"|\bfiltrad[oa]\b|\bGerücht\w*\b|\bgemunkelt\b|\bspekuliert\b"
                            r"|\brumeurs?\b"
                            r"|\bfuite\w*\b|\bgeruchten?\b|\bgelekt\b|\brumores?\b|\brumou?r\b"
                            r"|\bspekul\w+\b|\bplotk\w+\b|\bryk(?:te|tet|ten)\b|\brygte\w*\b"
                            # impersonal hearsay: "se rumorea que", "si vocifera", "on murmure"
                            r"|\brumore(?:a|an|aba|aban)\b|\bsi (?:vocifera|mormora|vociferava)\b"
                            r"|\b(?:on|il se) murmure\b|\bbruits? de couloir\b|\bboatos?\b"
                            r"|\bmunkel(?:t|n)\b|\bespecul\w*|\bipotizz\w*"
                            r"|\bsi (?:presume|suppone)\b|\bse supone\b|\bon suppose\b"
                            # hearsay with nobody to say it: "se dice que", "si dice che"
                            r"|\bse (?:dice|comenta|rumorea)\b|\bsi (?:dice|vocifera)\b"
                            r"|\bon dit\b|\bdicen que\b|\bdizem que\b|\bdiz-se\b",
        "A rumour says Xiaomi will hold an event in San Francisco."),
)

# Speculation named as the thing confirmed or denied is no speculation framing the sentence
# ("Xiaomi has confirmed the rumours"); nor is "the report" a company denies.
OBJECT_OF_ACT = re.compile(
    r"\b(?:confirm\w*|den(?:ied|ies|y)|dismiss\w*|refut\w*|shot down|address\w*|respond\w*|"
    r"comment\w*|bestätig\w*|dementiert\w*|smenti\w*|desminti\w*|conferm\w*|démen\w*|"
    r"answer\w*|about)\s+(?:\w+\s+){0,4}?$",
    re.IGNORECASE,
)

MODALITY_CUES: tuple[Cue[Modality], ...] = (
    cue(Modality.HABITUAL, r"\busually\b|\btypically\b|\btraditionally\b|\boften\b|\bgenerally\b"
                           r"|\bnormally\b|\bhistorically\b|\balways\b|\btends? to\b|\bevery year\b"
                           r"|\beach year\b|\bannually\b|\busual\b|\bevery (?:January|February"
                           r"|March|April|May|"
                           r"June|July|August|September|October|November|December|spring|summer"
                           r"|fall|autumn|"
                           r"winter|month|time|edition)\b|\bsolitamente\b|\bdi solito\b"
                           r"|\bnormalmente\b|\bsuelen?\b|\bsolía(?:n)?\b|\bgeneralmente\b"
                           r"|\bnormalerweise\b"
                           r"|\bpfleg(?:t|en)\b|\bde costumbre\b|\bfor (?:several|many"
                           r"|the past \w+|a few) years\b"
                           r"|\bover the years\b|\bevery time\b|\beach time\b|\byear after year\b"
                           r"|\baño tras año\b|\banno dopo anno\b|\bJahr für Jahr\b|\bseit Jahren\b"
                           r"|\bdepuis des années\b|\bda anni\b|\bdesde hace años\b|\bal jaren\b"
                           r"|\berfahrungsgemäß\b|\bin der Regel\b|\büblicherweise\b|\bde costume\b"
                           r"|\bsolitamente\b|\bpor lo general\b|\bbrukar\b|\bvanligtvis\b"
                           r"|\bin the past\b|\bin (?:previous|past|recent) years\b"
                           r"|\bas (?:in )?(?:past|previous) years\b"
                           r"|\bstoricamente\b|\bsempre\b|\bhistóricamente\b|\bsiempre\b"
                           r"|\btoujours\b"
                           r"|\bhistoriquement\b|\bimmer\b|\btraditionell\b|\baltijd\b"
                           r"|\btraditioneel\b"
                           r"|\bas (?:it|they) (?:has|have) (?:done|been done)\b|\bas usual\b"
                           r"|\bcomme d'habitude\b"
                           r"|\bcome di consueto\b|\bcomo de costumbre\b|\bwie üblich\b"
                           r"|\bwie gewohnt\b"
                           r"|\bgewöhnlich\b|\bjedes Jahr\b|\bhabituellement\b|\bchaque année\b"
                           r"|\bd'habitude\b|\bmeestal\b|\bgewoonlijk\b|\belk jaar\b|\bcostuma\b",
        "Xiaomi usually holds its launch events in Beijing."),
    cue(Modality.PENDING, r"\b(?:is|are|remains?|still) (?:yet )?to be (?:confirmed|announced|"
                          r"revealed|decided|determined|disclosed|finali[sz]ed)\b|\bTB[CDA]\b"
                          r"|\byet to be (?:confirmed|announced|revealed|disclosed)\b"
                          r"|\bnot (?:yet )?(?:been )?(?:known|disclosed|revealed|announced)\b"
                          r"|\bunknown\b|\bunclear\b|\bda confermare\b|\bda definire\b"
                          r"|\bpor confirmar\b|\bpor (?:definir|anunciar)\b|\bnoch offen\b"
                          r"|\bsteht noch nicht fest\b|\bà confirmer\b|\bà préciser\b",
        "The venue is still to be confirmed."),
    cue(Modality.INFERRED, r"\bapparently\b|\bseem(?:s|ingly)?\b|\bappears? to\b|\bit appears\b"
                           r"|\bsuggest(?:s|ing|ed)?\b"
                           r"|\bhint(?:s|ed|ing)?\b|\bindicat(?:e|es|ing|ed)\b|\bpoint(?:s"
                           r"|ing)? to\b"
                           r"|\ball but confirm\w*\b|\btacit(?:ly)?\b|\bimpl(?:y|ies|ied)\b"
                           r"|\bif (?:the|this|that|a|these)\b|\bcan be interpreted\b|\bstrongly\b"
                           r"|\bwhat looks like\b|\blooks like\b|\breason to (?:believe|think"
                           r"|expect)\b"
                           r"|\bit is believed\b|\bsembra\b|\bsembrerebbe\b"
                           r"|\bparece\b|\bscheint\b|\boffenbar\b|\banscheinend\b|\bsemble\b"
                           r"|\bvisiblement\b|\blijkt\b|\bblijkbaar\b|\bpelo visto\b|\bzřejmě\b",
        "Xiaomi is apparently planning an event in San Francisco."),
    cue(Modality.POSSIBLE, r"\bhopefully\b|\bideally\b|\baim(?:s|ing|ed)? (?:to|for)\b|\bhop(?:e"
                           r"|es|ing) to\b"
                           r"|\btarget(?:s|ing|ed)?\b|\bif all goes well\b|\bwaiting for\b"
                           r"|\bawait(?:s|ing|ed)?\b"
                           r"|\bmight\b|(?-i:\bmay\b)|\bcould\b|\bpossibl[ey]\b|\bperhaps\b"
                           r"|\bmaybe\b"
                           r"|\bpotentially\b|\brumou?red to\b|\bsaid to\b|\btipped to\b"
                           r"|\bwhether\b"
                           r"|\bprobabl[ey]\b|\bor not\b|\bpotrebbe\b|\bpotrebbero\b|\bforse\b"
                           r"|\bpodría\b|\bpodrían\b|\bquizás?\b|\btal vez\b|\bkönnte\b|\bkönnten\b"
                           r"|\bvielleicht\b|\bmöglicherweise\b|\beventuell\b"
                           r"|\beventualmente\b|\béventuellement\b|\bqualora\b"
                           r"|\bpourrait\b|\bpourraient\b|\bpeut-être\b|\bzou\b|\bzouden\b"
                           r"|\bmisschien\b|\bpoderá\b|\bpode\b|\btalvez\b|\bmožná\b|\bmoże\b"
                           # "probably" in the other languages
                           r"|\b(?:höchst)?wahrscheinlich\b|\bvermutlich\b|\bmutmaßlich\b"
                           r"|\bwaarschijnlijk\b|\bvermoedelijk\b|\bprobablement\b"
                           r"|\bprobablemente\b|\bprobabilmente\b|\bprovavelmente\b"
                           r"|\bpravděpodobně\b|\bprawdopodobnie\b"
                           r"|\bmożliwe\b|\bmožné\b|\bjest możliwe\b"
                           # at risk (and the call-off it threatens: "Absage droht")
                           r"|\bat risk\b|\bin (?:doubt|jeopardy)\b|\ba rischio\b"
                           r"|\brischia(?:no)?\b|\ben (?:riesgo|peligro|duda)\b"
                           r"|\bmenacée?s?\b|\bem (?:risco|dúvida)\b"
                           r"|\bauf der Kippe\b|\bdroh(?:t|en)\b|\bop de tocht\b"
                           r"|\bzagrożon[aey]\b|\bohrožen[aáéý]?\b",
        "Xiaomi might hold an event in San Francisco."),
    cue(Modality.EXPECTED, r"\bexpected\b|\bexpect(?:s|ing)?\b|\blikely\b|\bshould\b"
                           r"|\ball but certain(?:ly)?\b|\balmost certain(?:ly)?\b"
                           r"|\bsupposed(?:ly)? to\b"
                           r"|\bsupposedly\b|\banticipated to\b|\btipped\b|\bpoised to\b"
                           r"|\bbelieved to\b"
                           r"|\bthought to\b|\bwould\b|'d\b|\bdovrebbe\b|\bdovrebbero\b"
                           r"|\battes[oa]\b"
                           r"|\bprevede\b|\bdebería\b|\bdeberían\b|\bse espera\b|\besperad[oa]\b"
                           r"|\bdürfte\b|\bdürften\b|\berwartet\b|\bdevrait\b|\bdevraient\b"
                           r"|\battendu[es]*\b|\bverwacht\b|\bdeverá\b|\besperad[oa]\b"
                           r"|\bočekáv\w*\b"
                           r"|\boczekiwan\w*\b|\bväntas\b|\bforventes\b|\bventes\b"
                           r"|\bsannolikt\b|\btroligen\b",
        "Xiaomi is expected to hold an event in San Francisco."),
)

# Words that turn the predicate after them into its opposite, within the same clause.
# Italian "mai" only in lower case: "Mai" is May in German and French ("am 27. Mai abgesagt").
NEGATION = re.compile(
    r"\b(?:not|n't|no|never|nothing|none|neither|nor|without|nobody|no one|yet to|has yet to|"
    r"have yet to|rather than|instead of|non|nessun[oa]?|niente|nulla|(?-i:mai)|ningún|ninguna|"
    r"nada|nunca|sin|nicht|kein(?:e|en|er|em|es)?|nie|ohne|pas|aucun(?:e)?|jamais|rien|sans|niet|"
    r"n'|n’|"  # French "n'organisera pas", "n'aura pas lieu": the "ne" before a vowel
    r"geen|nooit|não|nenhum|nem|nunca|ne|inte|ingen|inget|aldrig|ikke|ingenting"
    r"|не|нет|ни)\b|n't\b",
    re.IGNORECASE,
)

# Where a negation stops reaching.
NEGATION_BARRIER = re.compile(
    r"[,;:()]|\s[—–-]\s|\b(?:but|however|while|whereas|though|although|and|that|which|who|what|"
    r"when|where|how|whether|if|why|"
    r"because|since|after|before|ma|però|pero|sino|aber|sondern|mais|maar|mas|jedoch|"
    # what, when, where, how, that: a question or a that-clause opens a predicate of its own
    r"qué|que|qu'|cuándo|dónde|cómo|cosa|che|quando|dove|was|wann|wo|wie|dass|quoi|quand|où|"
    r"comment|wat|wanneer|waar|hoe|dat)\b",
    re.IGNORECASE,
)

# "not only", "no later than", "no doubt": negation words that negate nothing here.
NOT_A_NEGATION = re.compile(
    r"\b(?:(?:asked|wish(?:ed)?|requested) not to be (?:named|identified)|not authori[sz]ed"
    r"|not only|no later than|no sooner|no doubt|not long (?:after|before|ago)|nothing new|"
    r"never before|no surprise|not surprising(?:ly)?|no stranger|nicht nur|non solo|no solo|"
    r"non seulement|niet alleen|não só)\b"
    # Portuguese "no", "na" (em + o, em + a) before a noun: "aparecer no evento", "no palco".
    r"|\bn(?:o|a|os|as) (?:eventos?|palco|lançamentos?|dia|mês|ano|calendário|mercado|vídeo"
    r"|próxim[oa]s?|início|mundo|canal|programa|anúncio|encerramento)\b",
    re.IGNORECASE,
)

# Past tense (a bare "Thursday" means the last one) and future (the next one).
PAST_TENSE = re.compile(
    r"\b(?:said|announced|unveiled|held|was|were|took|showed|revealed|introduced|launched|"
    r"confirmed|kicked|presented|hosted|opened|began|started|ended|gave|showcased|demoed|"
    r"did|told|wrapped|debuted|"
    # English irregular pasts of going, meeting and speaking, and a person's regular past
    # ("as we left Amazon's offices this Thursday", "she walked on stage")
    r"left|went|came|met|saw|spoke|sat|stood|got|brought|"
    r"(?:we|I|he|she|they)\s+(?:\w+ly\s+)?\w+ed|"
    # Italian, Spanish, Portuguese perfects and preterites
    r"(?:ha|hanno|è|sono|si è)\s+(?:\w+\s+)?\w+(?:at[oaie]|it[oaie]|ut[oaie]|ent[oaie])|"
    r"(?:ha|han|había|habían|foi|foram|tem)\s+(?:\w+\s+)?\w+(?:ado|ada|ido|ida)s?|"
    r"presentó|anunció|mostró|celebró|lanzó|desveló|confirmó|"
    r"apresentou|anunciou|lançou|revelou|mostrou|realizou|confirmou|"
    # French, German, Dutch, Scandinavian, Polish, Czech
    r"a (?:\w+ )?\w+é(?:e|s|es)?|ont (?:\w+ )?\w+é(?:e|s|es)?|s'est|était|avait|"
    r"präsentierte|vorgestellt|hat|hatte|wurde|wurden|war|waren|stellte|zeigte|enthüllte|"
    r"heeft|hebben|werd|werden|presenteerde|toonde|onthulde|"
    r"presenterade|visade|lanserade|höll|meddelade|bekräftade|præsenterede|viste|holdt|"
    r"zaprezentował\w*|pokazał\w*|odbył\w*|ogłosił\w*|przedstawił\w*|"
    r"představil\w*|ukázal\w*|proběhl\w*|oznámil\w*|odehrál\w*|konal[aoy]?|přivítal\w*|"
    r"miał[ao]?|gerçekleş(?:ti|tirildi)|düzenlendi|yapıldı|tanıtıldı|tanıttı|"
    r"tuvo|hölls|ägde|fandt|fant|aconteceu|ocorreu|had)\b",
    re.IGNORECASE,
)
FUTURE_TENSE = re.compile(
    r"\b(?:will|'ll|going to|set to|plans? to|to hold|to host|upcoming|expected|scheduled|"
    r"is on|are on|takes place|is set for|is due|"
    r"terrà|celebrará|wird|tiendra|se tiendra|organisera|slated|due to|zal|vai|"
    r"sarà|saranno|será|serán|sera|seront|ska|kommer att|vil|bude|zostanie|odbędzie|"
    r"werden|gaat|zullen)\b",
    re.IGNORECASE,
)

# Verbs of saying or sending: a date beside them is when something was said, not the event.
REPORTING_VERBS = re.compile(
    r"\b(?:said|says|told|announced|confirmed|revealed|reported|wrote|posted|tweeted|sent|"
    r"published|noted|denied|emailed|issued|dispatched|went out|landed|teased|shared|"
    r"confirmó|anunció|dijo|desmintió|desmiente|aseguró|ha confermato|ha annunciato|ha detto|"
    r"ha smentito|bestätigt(?:e)?|dementiert(?:e)?|sagte|teilte|a confirmé|a annoncé|a déclaré|"
    r"kündigte|verkündete|annonçait|annonce|enviado|envió|envía|inviato|ha inviato|invia|"
    r"verschickt|versendet|verschickte|envoyé|a envoyé|envoie|gestuurd|verstuurd|enviou|"
    r"comunicato|comunicó|mitgeteilt|publicado|pubblicato|veröffentlicht|publié|"
    # the same said by several ("les organisateurs ont annoncé samedi que")
    r"ont annoncé|ont confirmé|ont déclaré|ont indiqué|a indiqué|hanno annunciato|"
    r"hanno confermato|hanno comunicato|anunciaron|confirmaron|han anunciado|han confirmado|"
    r"informó|informaron|anunciou|confirmou|anunciaram|confirmaram|informou|"
    r"bestätigten|teilten|kündigten|kondigde|bevestigde|maakte bekend|lieten weten)\b",
    re.IGNORECASE,
)

# What makes a sentence speak of an event, as opposed to a product or the company at large.
EVENT_WORDS = re.compile(
    r"\b[\w]+-?(?:event|events|evenement|evenementen|Veranstaltung|Veranstaltungen)\b|"
    # (compounds: "persconferentie", "telefoonpresentaties", "Produktpräsentation")
    r"\b\w+(?:conferentie|conferenties|presentatie|presentaties|präsentation|konferens"
    r"|konference)\b|\bcoletiva de imprensa\b|\btiskov[aáé]\w*\b|"
    r"\b(?:Veranstaltungen|Präsentationen|Konferenzen|Pressekonferenzen|eventi|eventos|"
    # (the singular "conference" of the languages whose plural was already here)
    r"Konferenz|conferencia|conferência|conferentie|"
    r"événements|evenementen|conferenze|conferencias|conférences|presentaciones|"
    r"demo|demonstration|events?"
    r"|launch(?:es|ed|ing)?|launch event|press (?:conference|event|briefing)|"
    r"media (?:event|briefing)|keynotes?|invit(?:e|es|ation|ations)|showcase|unveiling|"
    r"presentation|conference|take place|takes place|took place|livestream|live ?blog|live from|"
    r"unpacked|unveil(?:s|ed|ing)?|special event|hardware event|showcase|summit|expo|"
    r"evento|eventi|lancio|presentazione|conferenza(?: stampa)?|inviti|presentat[oa]|presenterà|"
    r"lanzamiento|presentación|presentó|presentará|presentar|evento|"
    r"conferencia de prensa|rueda de prensa|invitaciones|veranstaltung|pressekonferenz|"
    r"präsentation|launch-event|event|events|einladungen?|vorgestellt|vorstellen|keynote|"
    r"presentad[oa]|vorstellung|enthüllung|"
    r"événement|evenement|conférence(?: de presse)?|présentation|lancement|dévoilé|présenté|"
    r"keynote|evenement|presentatie|lancering|lançamento|apresentação|evento|akce|událost|"
    r"představení|premiéra|wydarzenie|konferencja|prezentacja|premiera|premieres?|world premiere|"
    r"Weltpremiere|première|estreno|anteprima|evenemang|evenemanget|lansering|lanseringen|"
    r"akce|akci|akcí|debut(?:s|ed)?|enthüll\w*|dévoil\w*|svelat[oaie]|"
    # Turkish, Hungarian, Russian
    r"lansman\w*|etkinli\w*|bemutató\w*|autószalon\w*|мероприяти\w*|презентаци\w*"
    r"|конференци\w*|"
    # French "lever le voile sur" (to unveil), in its tenses
    r"l[eèé]v\w* le voile|"
    r"onthul\w*|presenteer\w*|apresent\w+|présent(?:e|é|ée|és|era|ation)s?|"
    r"(?:motor |auto |trade |car )?shows?|salon|salone|Messe|fair|exhibition|convention|"
    # Indonesian: event, launch, show, conference
    r"acara|peluncuran|ajang|konferensi|"
    # a trade fair in the other languages ("la fiera di Milano", "la feria", "targi")
    r"fiera|fiere|kermesse|feria|ferias|foire|feira|feiras|beurs|vakbeurs|targi|targach|targów"
    r"|veletrh\w*|mässa\w*|messen|Fachmesse\w*|Leitmesse\w*|fuar\w*|"
    r"(?:shareholder|annual|general|investor|developer|analyst)s?'? (?:meeting|day|conference)|"
    r"meeting|Hauptversammlung|assemblea|junta|"
    r"(?-i:[A-Z][A-Za-z]* Day)|(?-i:Direct)|(?-i:State of Play)|(?-i:Showcase)|(?-i:Unpacked)|"
    r"(?-i:WWDC|CES|IFA|MWC|E3|IAA|Computex|Gamescom|GDC|Build|Ignite|re:Invent|Dreamforce|"
    r"Connect|Snapdragon Summit|Tech Day|Made by Google|Google I/O|I/O|Keynote))\b"
    # Czech, Polish, Hungarian forms and compounds ("sajtóeseményét", "konferenci")
    r"|\b(?:konferenc\w*|konferencj\w*|premiér\w*|prezentac\w*|wydarzeni\w*"
    r"|(?:sajtó|média|termék)?(?:esemény|bemutató)\w*|sajtótájékoztató\w*)"
    # Chinese, Japanese, Korean: no spaces, so no word boundaries
    # (one character class first, so that other text pays one test a character for them)
    r"|(?=[\u3040-\u9fff\uac00-\ud7af])(?:イベント|発表会|記者会見|説明会|ショー|カンファレンス"
    r"|基調講演|展示会|发布会|發布會|發佈會|发表会|盛典|大会|행사|발표회|언팩|쇼케이스)",
    re.IGNORECASE,
)

# What a denial or disruption may be about besides the event: goods and sales.
GOODS_WORDS = re.compile(
    r"\b(?:phones?|smartphones?|handsets?|devices?|tablets?|shipments?|sales?|release|"
    r"availability|pre-?orders?|deliver(?:y|ies)|production|telefon\w*|teléfonos?|móvil(?:es)?|"
    r"Handys?|Smartphones?|Auslieferung|Marktstart|vendite|uscita|sortie|lancement commercial|"
    r"commerciali[sz]\w*|en tiendas|in den Handel)\b",
    re.IGNORECASE,
)

# Coverage of the event while it goes on.
LIVE_WORDS = re.compile(_LIVE, re.IGNORECASE)

# A person on stage, presenting or hosting.
SPEAKER_CUES = re.compile(
    r"\b(?:present(?:s|ed|ing)?|host(?:s|ed|ing)?|on stage|(?:take|takes|took|taking) (?:to )?the "
    r"stage|joined by|led by|keynote|speak(?:s|ing)?|spoke|headlin(?:e|es|ed|ing)|"
    r"(?:event|conference|presentation) with|alongside|introduced by|kicked off by|on hand|"
    r"walked|emcee|deliver(?:s|ed|ing)? (?:the|a|his|her) (?:keynote|presentation|address)|"
    r"sul palco|presentat[oa] da|condott[oa] da|en el escenario|presentad[oa] por|"
    r"auf der Bühne|auf die Bühne|präsentiert von|moderiert|al escenario|salito sul palco|"
    # ("über die Bühne gehen" is German for "take place": the event's, nobody's stage.)
    r"(?<!über )die Bühne|sur (?:la )?scène|subió al escenario|joined \w+ on stage|op het podium|"
    r"no palco)\b",
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
    r"introduce|present|announce|show off|take the stage|launch|open|kick off|host|headline|"
    r"deliver)\b|"
    r"^(?:,[^,]{1,60},)?\s+(?:presenterà|presentará|wird\b.{0,40}?\b(?:eröffnen|vorstellen|"
    r"präsentieren)|devrait (?:y )?(?:présenter|détailler|dévoiler))\b",
    re.IGNORECASE,
)

# Words that tie a time of day to the event ("starts at 10am PT").
START_WORDS = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|kick(?:s|ing)? off|stage|live|stream(?:ed|ing)?|"
    r"inizi\w*|comincer\w*|empieza|empezará|comienza|comenzará|beginnt|startet|keynote|"
    r"commence\w*|débute\w*|à partir de|a partir de|ab|dalle|desde|from|at|um|alle|à|a las|"
    r"vanaf|om|às)\b",
    re.IGNORECASE,
)

# Verbs that put a product on offer at the event.
LAUNCH_VERBS = re.compile(
    r"\b(?:launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|announc(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|"
    r"debut(?:s|ed|ing)?|show(?:s|ed|ing)? off|showcas(?:e|es|ed|ing)|reveal(?:s|ed|ing)?|"
    r"present(?:s|ed|ing)?|shown|expected|tipped|rumou?red|star of the show|arriv(?:e|es|ing)|"
    r"bring(?:s|ing)?|brought|(?:will|to|we'll|might|may|could) see|take the wraps off|"
    r"took the wraps off|teas(?:e|es|ed|ing)|hints? at|on the agenda|headlin(?:e|es|ed)|"
    r"focus(?:ed)? on|new|next|upcoming|latest|coming|sell(?:s|ing)?|sold|on sale|available|"
    r"offer(?:s|ing)?|show(?:s|ed|ing|n)?|see|expect(?:s|ing)?|lineup|line-up|including|"
    r"updated|refresh(?:ed)?|improved|upgraded|versions?|models?|variants?|there will be|"
    r"Präsentation|presentazione|presentación|mostra(?:re|to|ti)?|mostrar|gezeigt|zeig(?:en|t)|"
    r"presentar(?:á|à)?|presenterà|presenta(?:r|re|to|ti|ti)?|vorstell(?:en|t)|lancia(?:re|to)?|"
    r"arriv(?:a|ano|eranno)|presentó|lanz(?:ar|ó|ará|amiento)|vorgestellt|präsentier(?:t|te|en)|"
    r"erwartet|dévoil\w*|présent\w*|détailler|svelare|svelat[oi]|esperan?|espera|veremos|"
    r"presentado|zeigt|enthüll\w*|neue[nrs]?|nuov[oaie]|nuev[oa]s?|nouveaux?|nouvelles?|"
    r"onthul\w*|presenteer\w*|apresent\w*|lança\w*|představ\w*|zaprezent\w*|attes[oi]"
    r"|l[eèé]v\w* le voile)\b",
    re.IGNORECASE,
)

# Words that put what follows in the company's past: "last year's", "the previous launch".
EARLIER_EVENT = re.compile(
    r"\b(?:last year'?s?|previous|prior|former|earlier (?:event|launch|keynote|edition)s?|"
    r"past (?:event|launch|keynote|edition)s?|last (?:event|launch|keynote|time)|"
    r"(?:a|one|two|three|four|five|six|\d+) (?:year|month|week)s? ago|in the past|"
    r"dell'anno scorso|l'anno scorso|scorso|precedente|del año pasado|el año pasado|anterior|"
    r"letztes Jahr|vergangen\w*|im Vorjahr|vorherig\w*|l'an dernier|l'année dernière|précédent\w*|"
    r"vorig\w*|vorige|afgelopen|passad[oa]|anterior|ubiegłoroczn\w*|zeszłoroczn\w*|loňsk\w*|"
    r"minulý\w*|förra årets|fjolårets|vorig jaar|van vorig jaar)\b",
    re.IGNORECASE,
)

# Time words that put a clause's event in an earlier year: "the presentation was postponed last
# year", "l'edizione dell'anno scorso".
EARLIER_YEAR = re.compile(
    r"\b(?:last year|a year ago|the year before|in the past|l'anno scorso|dell'anno scorso|"
    r"el año pasado|del año pasado|l'an dernier|l'année dernière|letztes Jahr|im Vorjahr|"
    r"im letzten Jahr|vergangenes Jahr|vorig jaar|vorige jaar|vorig jaar|afgelopen jaar|"
    r"ano passado|förra året|i fjol|sidste år|w zeszłym roku|w ubiegłym roku|loni|minulý rok)\b",
    re.IGNORECASE,
)
# Words before a time that make it when something began, not when an event is: "ever since
# last year", "seit März", "depuis l'an dernier", "dallo scorso anno". The loose ones ("da",
# "desde", "od") also open a range ("dal 3 al 5 maggio"), so they count only before a time
# written without digits.
SINCE = re.compile(
    r"\b(?:since|ever since|seit|depuis|sinds|sedan)\s*(?:the\s+|l['’]|le\s+|la\s+)?$",
    re.IGNORECASE)
SINCE_LOOSE = re.compile(
    r"\b(?:da|dallo|dalla|dal|dall['’]|desde|od|a partir d[eo])\s*"
    r"(?:the\s+|lo\s+|la\s+|el\s+|o\s+|a\s+|le\s+|l['’])?$", re.IGNORECASE)


def since(text: str, start: int, written: str) -> bool:
    """Whether the time `written` at `start` in `text` is when something began."""
    before = text[max(0, start - 20) : start]
    return bool(SINCE.search(before) or (
        SINCE_LOOSE.search(before) and not any(ch.isdigit() for ch in written)))


# Words that say the next edition: "next year's event".
LATER_EVENT = re.compile(
    r"\b(?:next year['’]s|(?:l'|dell')anno prossimo|del próximo año|des nächsten Jahres|"
    r"de l'année prochaine|van volgend jaar|do próximo ano)\b",
    re.IGNORECASE,
)

# A sentence that moves the event's date: its new date is the one after "to".
MOVE_CUES = re.compile(
    r"\b(?:moved|moving|postpone[ds]?|pushed back|delayed|reschedul(?:ed|es|ing)|brought forward|"
    r"push(?:ed|es|ing)? (?:it )?(?:to|into|until)|statt am|anstatt|instead of|rather than|"
    r"new date|now (?:take|be held)|rinviat[oa]|pospuest[oa]|verschoben|vorverlegt|nueva fecha|"
    r"nachgeholt|neues Datum|remarc(?:ado|ada|ar|ou|ará)|ertele\w*|elhalaszt\w*|przesunię\w*"
    r"|отлож\w*|перенес\w*|"
    # ("brought forward to", never "look forward to")
    r"nuova data|neuer Termin|neuen Termin|(?<!look )(?<!looks )(?<!looking )forward to"
    r"|repouss[ée]e?s?|décal[ée]e?s?|report[ée]e?s?"
    r"|slitta\w*|flytta(?:s|ts|de|d)?|senarelägg\w*|udsat(?:te)?|udsætte[rs]?|flytte[ts]"
    r"|přesunut\w*|přeložen\w*|"
    r"spostat[oa]|posticipat[oa]|aplazad[oa]|uitgesteld|verplaatst|verschoven|adiad[oa]"
    r"|rimandat[oaie]|uit te stellen"
    r"|advance[ds]?|"
    r"moved (?:up|forward)|vorverlegt|anticipat[oa]|adelantad[oa]|avancée?|"
    r"(?:decided|decision) to move|"
    r"now (?:(?:expected|set|scheduled|due|slated) to )?(?:take place|be held|be unveiled|"
    r"be launched|be announced|launch|happen)|correction|corrected)\b",
    re.IGNORECASE,
)

# A predicate a few words after these is a condition, not a claim ("Until Xiaomi sends out
# invitations, we remain sceptical").
CONDITIONAL = re.compile(
    r"(?:\b(?:unless|once|if|whenever|when|cuando|quando|quand|zodra|wenn|falls|sofern|qualora|"
    r"siempre que|en caso de que|en caso de|au cas où|nel caso in cui|nel caso|caso|in case"
    r"|im Fall)\s+(?:[\w'-]+\s+){0,3}?"
    r"|\b(?:provided|providing|as long as|so long as|vorausgesetzt|pourvu que|purché"
    r"|a condición de que|contanto que)\s+(?:[\w'-]+\s+){0,4}?"
    r"|\b(?:until|bis|finché|hasta que|jusqu'à ce que|tant que|totdat)\s+(?:(?-i:[A-Z])\w+|it|they"
    r"|we|he|"
    r"she)\s+(?:[\w'-]+\s+){0,2}?)$",
    re.IGNORECASE,
)

# Doubt voiced by the writer: it leaves the article's hearsay a rumour at most.
SCEPTIC = re.compile(
    r"\bif (?:this|the|that|these|it)\s+(?:\w+\s+){0,2}?(?:is|are|proves?|turns? out to be"
    r"|holds?)\s+"
    r"(?:true|accurate|correct|right)\b|\bqualora\b.{0,60}?\bveritier\w*|\bse (?:confermat\w*"
    r"|fosse vero)\b|"
    r"\bsi (?:se confirma|es cierto|c'est vrai)\b|\bfalls (?:sich )?(?:das|dies) (?:bestätigt"
    r"|stimmt)\b|"
    r"\bsi (?:cela|ceci) se confirme\b|\bshould (?:this|that|it) prove\b|\bgrain of salt\b"
    r"|\bpinch of salt\b|\bs[ck]eptical\b|\bnot convinced\b|\bnot buying it\b|"
    r"\bwe'?re not so sure\b|\bno track record\b|\bdoubt(?:s|ful)?\b|\bunconfirmed\b|"
    r"\bunverified\b|\bcon le pinze\b|\bcon cautela\b|\bcon pinzas\b|\bmit Vorsicht\b|"
    r"\bavec prudence\b|\bavec des pincettes\b|\bmet een korrel(?:tje)? zout\b|"
    r"\bSkepsis\b|\bskeptisch\w*|\banyone'?s guess\b|\bif true\b"
    # "mit der nötigen Vorsicht", "with caution", "z przymrużeniem oka", "med en nypa salt"
    r"|\bmit (?:der |aller )?(?:nötigen |gebotenen |gewissen )?Vorsicht\b|\bwith caution\b"
    r"|\bcautiously\b|\bz przymrużeniem oka\b|\bmed en nypa salt\b|\bcon (?:la )?debida cautela\b"
    r"|\bcon (?:la )?dovuta cautela\b|\bcom (?:cautela|reservas)\b|\bavec (?:beaucoup de )?"
    r"précaution\b|\bmet (?:de nodige )?voorzichtigheid\b",
    re.IGNORECASE,
)
