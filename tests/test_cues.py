"""The cue tables: every cue's example holds its wording, and the reader reads that wording as
the cue says, on the cue's own axis (predicate, source, modality)."""

from __future__ import annotations

import pytest

from monitor.extract.reading import cues
from monitor.extract.reading.claims import judge
from monitor.extract.reading.cues import Cue, Modality, Predicate, Source


def _id(cue: Cue[object]) -> str:
    return f"{cue.value}:{cue.example[:40]}"


@pytest.mark.parametrize("cue", cues.PREDICATE_CUES, ids=_id)
def test_each_predicate_cue_reads_its_example(cue: Cue[Predicate]) -> None:
    assert cue.pattern.search(cue.example), "the example must contain the cue"
    claims = judge(cue.example)
    if cue.value is Predicate.CONFIRM:
        # the company's word is the source of what it confirms, or a claim of its own
        assert cue.value in {c.predicate for c in claims} or Source.OFFICIAL in {
            c.source for c in claims}
    else:
        assert cue.value in {c.predicate for c in claims}


@pytest.mark.parametrize("cue", cues.SOURCE_CUES, ids=_id)
def test_each_source_cue_reads_its_example(cue: Cue[Source]) -> None:
    assert cue.pattern.search(cue.example), "the example must contain the cue"
    assert cue.value in {c.source for c in judge(cue.example)}


@pytest.mark.parametrize("cue", cues.MODALITY_CUES, ids=_id)
def test_each_modality_cue_reads_its_example(cue: Cue[Modality]) -> None:
    assert cue.pattern.search(cue.example), "the example must contain the cue"
    claims = judge(cue.example)
    if cue.value in (Modality.PENDING, Modality.HABITUAL):
        assert claims == [], "a detail still open or a habit says nothing of the event"
    else:
        assert cue.value in {c.modality for c in claims}


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("Xiaomi hasn't said anything confirming this yet.", True),
        ("Nothing is confirmed yet.", True),
        ("Xiaomi will not hold an event in San Francisco.", True),
        ("There won't be a Pixel 8a launch event in India.", True),
        ("Invitations have not gone out yet.", True),
        # a negation reaches its own clause, not a verb further on
        ("An official who asked not to be named said the event will take place on May 3.", False),
        ("The spokesperson would not say what will be announced at the event.", False),
        ("Not only will Xiaomi hold an event, it will stream it.", False),
    ],
)
def test_negation_scope(sentence: str, negated: bool) -> None:
    claims = judge(sentence)
    assert claims
    assert any(c.negated for c in claims) is negated


@pytest.mark.parametrize(
    "sentence",
    [
        "When will Apple announce the iPhone event?",
        "Xiaomi usually holds its launch events in Beijing.",
        "The venue is still to be confirmed.",
        "Shipments of the Mi Note were delayed.",
        "Xiaomi denied that it will sell phones in the US.",
        "Samsung will delay the announcement of the Galaxy S8.",
    ],
)
def test_sentences_that_claim_nothing_of_the_event(sentence: str) -> None:
    assert judge(sentence) == []


def test_a_happening_is_a_plan_until_time_allows_it() -> None:
    sentence = "Google unveils the Nexus phones at its event."
    assert {c.predicate for c in judge(sentence, headline=True)} == {Predicate.HAPPEN}
    held = judge(sentence, headline=True, happening_allowed=False)
    assert {c.predicate for c in held} == {Predicate.HOLD}
    # a past tense before the day is some earlier event: no claim on this one
    assert judge("Xiaomi unveiled the Mi Band at its event.", happening_allowed=False) == []
