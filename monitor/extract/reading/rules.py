"""The rule table: what a claim's axes (predicate, polarity, modality, source) make its status.

Rows are tried in order and the first that fits decides; `None` in a row means any value, and
a status of `None` means the claim says nothing of the event's status (it is about a detail,
or it is ruled out). Every row carries an example sentence that the whole reader judges to
the row's status (tests/test_rules.py), so the table is read and checked as data.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.extract.reading.cues import Modality, Predicate, Source
from monitor.model import Status

R, P, C, H = Status.RUMORED, Status.REPORTED, Status.CONFIRMED, Status.HAPPENED
PP, X, D = Status.POSTPONED, Status.CANCELLED, Status.DENIED
OFF, REP, SPEC, LEAK = Source.OFFICIAL, Source.REPORT, Source.SPECULATION, Source.LEAK
EXP, POS, INF, PEN = Modality.EXPECTED, Modality.POSSIBLE, Modality.INFERRED, Modality.PENDING
HEDGED = (EXP, POS, INF)


@dataclass(frozen=True)
class Rule:
    predicate: Predicate | tuple[Predicate, ...] | None
    negated: bool | None
    modality: Modality | tuple[Modality | None, ...] | None
    source: Source | tuple[Source | None, ...] | None
    status: Status | None
    example: str

    def fits(self, predicate: Predicate, negated: bool, modality: Modality | None,
             source: Source | None) -> bool:
        return (
            _fits(self.predicate, predicate)
            and (self.negated is None or self.negated == negated)
            and _fits(self.modality, modality, wildcard=True)
            and _fits(self.source, source, wildcard=True)
        )


def _fits(want: object, got: object, *, wildcard: bool = False) -> bool:
    if want is None:
        return True
    if isinstance(want, tuple):
        return got in want
    return want == got


NONE_ = (None,)
DISRUPTIONS = (Predicate.POSTPONE, Predicate.CANCEL)
OWN_WORD = (Predicate.INVITE, Predicate.TEASE, Predicate.CONFIRM)
HAPPENINGS = (Predicate.HAPPEN, Predicate.LIVE)

RULES: tuple[Rule, ...] = (
    # A detail still open says nothing of the event ("the venue is to be confirmed").
    Rule(None, None, PEN, None, None, "The venue for Xiaomi's event is still to be confirmed."),
    # Habits say nothing of this event ("Xiaomi usually holds its events in Beijing").
    Rule(None, None, Modality.HABITUAL, None, None,
         "Xiaomi usually holds its launch events in Beijing."),
    # Disruptions, said as fact, by anyone: the event itself is moved or off.
    Rule(DISRUPTIONS, False, HEDGED, None, R, "Xiaomi's San Francisco event could be postponed."),
    Rule(DISRUPTIONS, False, None, (SPEC, LEAK), R,
         "A rumour has it that Xiaomi's San Francisco event has been postponed."),
    Rule(Predicate.POSTPONE, False, None, None, PP,
         "Xiaomi has postponed its San Francisco event."),
    Rule(Predicate.CANCEL, False, None, None, X, "Xiaomi has cancelled its San Francisco event."),
    # "has not been postponed", "will not be cancelled": the event stands.
    Rule(DISRUPTIONS, True, None, OFF, C,
         "A Xiaomi spokesperson said the San Francisco event has not been postponed."),
    Rule(DISRUPTIONS, True, None, None, P, "Xiaomi's San Francisco event has not been postponed."),
    Rule(Predicate.GO_AHEAD, None, HEDGED, None, R,
         "Xiaomi's San Francisco event might still go ahead as planned."),
    Rule(Predicate.GO_AHEAD, None, None, (SPEC, LEAK), R,
         "Leakers claim Xiaomi's San Francisco event is still on."),
    Rule(Predicate.GO_AHEAD, None, None, (OFF, None), C,
         "Xiaomi's San Francisco event will go ahead as planned."),
    Rule(Predicate.GO_AHEAD, None, None, None, P,
         "Xiaomi's San Francisco event is still on, according to sources."),
    # Denials: the company says there is no such event (a denial of goods is ruled out before).
    Rule(Predicate.DENY, False, HEDGED, None, R, "Xiaomi might deny the report of an SF event."),
    Rule(Predicate.DENY, False, None, None, D,
         "Xiaomi denied the report of an event in San Francisco."),
    Rule(Predicate.DENY, True, None, None, None, "Xiaomi did not deny the report of an SF event."),
    # The event took place, or is taking place (ruled out earlier when time forbids it).
    Rule(HAPPENINGS, False, (*HEDGED,), None, None,
         "Xiaomi apparently unveiled the Mi Band at its San Francisco event."),
    Rule(HAPPENINGS, False, None, None, H,
         "Xiaomi unveiled the Mi Band at its San Francisco event."),
    Rule(HAPPENINGS, True, None, None, None, "Xiaomi did not unveil a phone at its SF event."),
    # The company's own word: invitations, teasers, streams, confirmations.
    Rule(OWN_WORD, True, None, None, R, "Xiaomi has not confirmed the San Francisco event."),
    Rule(OWN_WORD, False, HEDGED, None, R,
         "Xiaomi apparently sent out invitations for an event in San Francisco."),
    Rule(OWN_WORD, False, None, (REP,), P,
         "Xiaomi has reportedly sent out invitations for its San Francisco event."),
    Rule(OWN_WORD, False, None, (SPEC, LEAK), R,
         "A leaked invitation shows Xiaomi's San Francisco event."),
    Rule(OWN_WORD, False, None, None, C,
         "Xiaomi has sent out invitations for an event in San Francisco."),
    # A stream of the event: as sure as its source, the company's own plan when it says so.
    Rule(Predicate.STREAM, False, HEDGED, None, R, "Xiaomi might livestream its SF event."),
    Rule(Predicate.STREAM, False, None, (OFF,), C,
         "Xiaomi will livestream its San Francisco event, the company said."),
    Rule(Predicate.STREAM, False, None, (REP,), P,
         "Xiaomi will reportedly livestream its San Francisco event."),
    Rule(Predicate.STREAM, False, None, None, P, "The San Francisco event will be streamed live."),
    # The event is set: as sure as its source.
    Rule(Predicate.HOLD, True, HEDGED, None, None,
         "Xiaomi might not hold a press event in San Francisco."),
    Rule(Predicate.HOLD, True, None, (SPEC, LEAK), R,
         "A rumour says there will be no Xiaomi event in San Francisco."),
    Rule(Predicate.HOLD, True, None, OFF, D,
         "A Xiaomi spokesperson said the company has no event planned in San Francisco."),
    Rule(Predicate.HOLD, True, None, None, D,
         "Xiaomi will not hold a press event in San Francisco."),
    Rule(Predicate.HOLD, False, HEDGED, None, R,
         "Xiaomi is expected to hold an event in San Francisco."),
    Rule(Predicate.HOLD, False, None, OFF, C,
         "Xiaomi will hold an event in San Francisco, the company said in a statement."),
    Rule(Predicate.HOLD, False, None, REP, P,
         "According to sources, Xiaomi will hold an event in San Francisco."),
    Rule(Predicate.HOLD, False, None, (SPEC, LEAK), R,
         "A rumour says Xiaomi will hold an event in San Francisco."),
    Rule(Predicate.HOLD, False, None, NONE_, P, "Xiaomi will hold an event in San Francisco."),
)


def status_of(predicate: Predicate, negated: bool, modality: Modality | None,
              source: Source | None) -> Status | None:
    """The status the first fitting row gives; None when no row fits or the row says none."""
    for rule in RULES:
        if rule.fits(predicate, negated, modality, source):
            return rule.status
    return None
