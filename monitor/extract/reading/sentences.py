"""Split article text into sentences without breaking at abbreviations, initials or times."""

from __future__ import annotations

import re

from monitor.extract.reading.dates import MONTHS


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())


# Tokens that end in a period without ending the sentence (compared lower-cased, dot included).
ABBREVIATIONS = _words(
    """
    jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. mon. tue. tues. wed. thu.
    thur. thurs. fri. sat. sun. mr. mrs. ms. dr. prof. sr. jr. st. mt. gen. gov. sen. rep.
    rev. lt. col. capt. inc. corp. co. ltd. llc. plc. bros. dept. est. approx. vs. etc. no.
    nos. fig. vol. ed. e.g. i.e. a.m. p.m. u.s. u.k. u.n. e.u. u.s.a. s.f. d.c. l.a. n.y.
    ca. calif.
    """
)

# After these the sentence usually goes on ("10 a.m. PT", "the U.S. Xiaomi store" is rare);
# only a clear sentence opener after them starts a new sentence.
_SOFT_ABBREVIATIONS = frozenset({"a.m.", "p.m.", "u.s.", "u.k.", "etc.", "inc.", "co.", "ltd."})
_OPENERS = _words(
    """
    The A An It Its This That These Those He She They We I In On At But And So However
    Meanwhile Now Still Yet Then There Here According Earlier Later Today Tomorrow Yesterday
    Xiaomi Update UPDATE
    """
)

_MONTH_NAMES = frozenset(form for forms in MONTHS.values() for form in forms)

# A candidate break: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*\s+|[。！？]+[」』）\"”]*\s*")
_NEXT_WORD = re.compile(r"[\"'“‘(\[]*(\S+)")
_LAST_TOKEN = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order; paragraphs (blank or single newlines) always break."""
    sentences: list[str] = []
    for paragraph in split_paragraphs(text):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of `text`, whitespace-normalised: one paragraph a line."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _split_paragraph(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _BREAK.finditer(paragraph):
        end = match.end()
        if end >= len(paragraph):
            break
        if _is_boundary(paragraph[start : match.start() + 1], paragraph[end:]):
            out.append(paragraph[start:end].strip())
            start = end
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_boundary(before: str, after: str) -> bool:
    if before[-1:] in "。！？":
        # Chinese and Japanese stops end a sentence, with or without a space; not a quoted
        # exclamation the sentence goes on from (「すごい！」と言った).
        return after[:1] not in "とって"
    next_match = _NEXT_WORD.match(after)
    if not next_match:
        return False
    next_word = next_match.group(1)
    # A sentence starts with a capital letter, a digit or an opening quote; "mi.com" does not.
    if not (next_word[0].isupper() or next_word[0].isdigit() or after[0] in "\"“‘'(["):
        return False
    last = _LAST_TOKEN.search(before)
    token = last.group(1).lower().lstrip("\"'“‘([") if last else ""
    if not token.endswith("."):
        return True  # "!" or "?"
    if token[:-1].isdigit() and next_word.strip(".,").lower() in _MONTH_NAMES:
        return False  # a German ordinal date, "am 12. Februar"
    if token in _SOFT_ABBREVIATIONS:
        return next_word.strip("\"'“‘,") in _OPENERS
    if token in ABBREVIATIONS:
        return False
    # A single capital initial ("J. Smith") or a dotted acronym ("S.F.").
    core = token.rstrip(".")
    if len(core) == 1 and core.isalpha():
        return False
    return not re.fullmatch(r"(?:[a-z]\.){2,}", token)
