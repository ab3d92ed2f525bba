"""The status cue table: every cue decides its own example, and the rules between cues hold."""

from __future__ import annotations

import pytest

from monitor.extract.reading.cues import STATUS_CUES, Cue, sentence_verdict
from monitor.model import Status


@pytest.mark.parametrize("cue", STATUS_CUES, ids=lambda c: f"{c.status}:{c.pattern.pattern[:30]}")
def test_each_cue_decides_its_example(cue: Cue) -> None:
    assert cue.pattern.search(cue.example), "the example must contain the cue"
    verdict = sentence_verdict(cue.example)
    assert verdict is not None
    assert verdict.status is cue.status


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a hedge in the same sentence keeps a confirmation second-hand
        ("Xiaomi has reportedly sent out invitations for its SF event.", Status.REPORTED),
        # a confirmation that rules something else out stays a confirmation
        ("Xiaomi confirmed the SF event but denied it will sell phones there.", Status.CONFIRMED),
        # a spokesperson saying it is not true is a denial, not a confirmation
        ("A Xiaomi spokesperson told us the report of an SF event is not true.", Status.DENIED),
        ("A Xiaomi spokesperson told us the SF event is on.", Status.CONFIRMED),
        # explicit doubt beats the sources it doubts, not a confirmation
        ("Sources say there is an SF event, but take it with a grain of salt.", Status.RUMORED),
        ("Xiaomi has confirmed the rumours of an SF event.", Status.CONFIRMED),
        ("Xiaomi has not confirmed the SF event.", Status.RUMORED),
        ("Xiaomi has not yet confirmed the SF event.", Status.RUMORED),
        # the verb "may" is a hedge; the month May is not
        ("The SF event is on May 12.", None),
        # disruptions need the event or the report in the sentence
        ("Shipments of the Mi Note were delayed.", None),
        ("Xiaomi has no plans to sell phones in the US.", None),
        ("Xiaomi has postponed its San Francisco event.", Status.POSTPONED),
    ],
)
def test_rules_between_cues(sentence: str, status: Status | None) -> None:
    verdict = sentence_verdict(sentence)
    assert (verdict.status if verdict else None) is status


def test_happened_is_withheld_before_the_event() -> None:
    sentence = "Xiaomi unveiled the teaser for its San Francisco event."
    assert sentence_verdict(sentence).status is Status.HAPPENED  # type: ignore[union-attr]
    assert sentence_verdict(sentence, allow_happened=False).status is Status.CONFIRMED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # a negation before "officially" undoes the confirmation
        ("Xiaomi has not said anything officially yet.", None),
        # a denial of goods is no denial of the event (the report it names is hearsay at most)
        ("Xiaomi has denied reports that it will bring the Mi Note to the US.", Status.REPORTED),
        ("Xiaomi denied that it will sell phones in the US.", None),
        ("Xiaomi has no plans to sell phones in the US yet, Barra said on stage.", None),
        # "as planned" overrules the delay it mentions
        ("The launch will go ahead as planned, despite reports of a delay.", Status.CONFIRMED),
        ("Xiaomi ha annunciato l'evento di San Francisco.", Status.CONFIRMED),
        ("Laut Berichten plant Samsung ein Event in Barcelona.", Status.REPORTED),
        ("Xiaomi desmintió los rumores sobre un evento en San Francisco.", Status.DENIED),
        ("Samsung has moved its Unpacked event forward to August 13.", Status.POSTPONED),
        ("Xiaomi launched the Mi Band at its event in San Francisco.", Status.HAPPENED),
    ],
)
def test_status_wording(sentence: str, status: Status | None) -> None:
    verdict = sentence_verdict(sentence)
    assert (verdict.status if verdict else None) is status


def test_denial_about_goods_needs_the_flag() -> None:
    sentence = "Xiaomi denied the report."
    assert sentence_verdict(sentence).status is Status.DENIED  # type: ignore[union-attr]
    assert sentence_verdict(sentence, about_goods=True) is None
