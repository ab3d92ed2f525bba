"""Near-duplicate text: fingerprints that tell a syndicated or scraped copy from an own article.

A fingerprint is a bottom-k MinHash sketch: every word 4-shingle of the case-folded, NFKC-
normalised body is hashed once (blake2b, 32 bits) and the `SKETCH_SIZE` smallest distinct
hashes are kept. Below the smaller of the two sketches' cut-offs both sketches are complete, so
that window is a uniform random sample of both shingle sets, and from it we estimate the
resemblance (Jaccard) and the containment (the share of the smaller text found in the other).

Copies are judged on containment, not resemblance: a copy that trims the last paragraph, adds
"This article first appeared on X" or drags another site's boilerplate into its body keeps
nearly all of the original's shingles, while another journalist's article on the same news
shares only its quotes and a few phrases. SimHash was measured and rejected: over the same
pairs its similarity ranges 0.42-1.00 for copies and 0.22-0.86 for unrelated articles, with no
threshold between them (bench/similarity.py prints both).
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass

SHINGLE_SIZE = 4
SKETCH_SIZE = 256
# Containment at or above this is a copy. Measured on fixtures/copies (bench/similarity.py, 685
# copy pairs, 93,000 others): copies >= 0.62 (real page-vs-reference copies >= 0.81), other
# articles <= 0.40 (same news in other words <= 0.40, real same-site pages <= 0.31).
COPY_THRESHOLD = 0.5
# Below this many distinct shingles (about as many words) no verdict is given: short texts such
# as a two-sentence brief share most of their shingles with any text that quotes them.
MIN_SHINGLES = 50
# How many of the smallest hashes `bands` gives out as lookup keys.
BAND_COUNT = 32

_FORMAT = "b1"
_FULL = 1 << 32  # cut-off of a sketch that holds every shingle of its text
# CJK ideographs and kana are written without spaces: one token per character there.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_CJK_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """A text's shingle count and the sorted smallest shingle hashes (all of them if few)."""

    shingles: int
    sketch: tuple[int, ...]

    @property
    def cutoff(self) -> int:
        """The largest hash value this sketch is complete up to."""
        if len(self.sketch) < SKETCH_SIZE:
            return _FULL
        return self.sketch[-1]

    @functools.cached_property
    def members(self) -> frozenset[int]:
        return frozenset(self.sketch)

    @property
    def judgeable(self) -> bool:
        """Long enough for a near-duplicate verdict."""
        return self.shingles >= MIN_SHINGLES

    def to_str(self) -> str:
        """ASCII form for a text column: at most about 1,380 characters."""
        packed = struct.pack(f">{len(self.sketch)}I", *self.sketch)
        return f"{_FORMAT}:{self.shingles}:{base64.b64encode(packed).decode('ascii')}"

    @classmethod
    def from_str(cls, text: str) -> Fingerprint:
        """Inverse of `to_str`; ValueError on anything else."""
        try:
            version, count, data = text.split(":")
            raw = base64.b64decode(data, validate=True)
            sketch = struct.unpack(f">{len(raw) // 4}I", raw)
            shingles = int(count)
        except (ValueError, struct.error) as exc:
            raise ValueError(f"not a fingerprint: {text[:40]!r}") from exc
        if version != _FORMAT or len(raw) % 4 or len(sketch) > SKETCH_SIZE:
            raise ValueError(f"not a fingerprint: {text[:40]!r}")
        if list(sketch) != sorted(set(sketch)) or len(sketch) > shingles:
            raise ValueError(f"not a fingerprint: {text[:40]!r}")
        return cls(shingles, tuple(sketch))


def tokens(text: str) -> list[str]:
    """Case-folded word tokens; CJK characters count one each."""
    # Both checks skip costly work in the common case (normalised, no CJK): 1 ms per 1000 words.
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    return (_CJK_TOKEN if _HAS_CJK.search(text) else _WORD).findall(text)


def fingerprint(text: str) -> Fingerprint:
    """The bottom-k sketch of `text`'s word 4-shingles."""
    words = tokens(text)
    if len(words) < SHINGLE_SIZE:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - 3)}
    hashes = {_hash(g) for g in grams}
    return Fingerprint(len(grams), tuple(sorted(hashes)[:SKETCH_SIZE]))


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard resemblance of the two shingle sets, in [0, 1]."""
    both, only_a, only_b = _window(a, b)
    union = both + only_a + only_b
    return both / union if union else 0.0


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller text's shingles that the other text has too, in [0, 1]."""
    both, only_a, only_b = _window(a, b)
    smaller = min(both + only_a, both + only_b)
    return both / smaller if smaller else 0.0


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    """True when one text is a near-copy of the other; never for texts below MIN_SHINGLES."""
    return a.judgeable and b.judgeable and containment(a, b) >= COPY_THRESHOLD


def bands(fp: Fingerprint) -> list[str]:
    """Lookup keys: a copy almost always shares at least one key with its original.

    The keys are the `BAND_COUNT` smallest shingle hashes as 8-digit hex strings. Two texts with
    resemblance (Jaccard) J share no key with probability at most (1 - J) ** BAND_COUNT: 2e-10
    for J = 0.5 (a copy padded to twice its length), 0.0008 for J = 0.2, 0.034 for J = 0.1.
    So an excerpt under a tenth of its original's length can be missed. On fixtures/copies every
    copy pair shares a key, and 730 of 93,000 other pairs do. Short texts get no keys.
    """
    if not fp.judgeable:
        return []
    return [f"{h:08x}" for h in fp.sketch[:BAND_COUNT]]


def _window(a: Fingerprint, b: Fingerprint) -> tuple[int, int, int]:
    """Counts of sampled shingles in both, only in a, only in b, below both sketches' cut-offs."""
    limit = min(a.cutoff, b.cutoff)
    in_a = bisect.bisect_right(a.sketch, limit)
    in_b = bisect.bisect_right(b.sketch, limit)
    both = len(b.members.intersection(a.sketch[:in_a]))
    return both, in_a - both, in_b - both


def _hash(gram: str) -> int:
    # Unkeyed blake2b: stable across processes and versions, twice as fast as a keyed one.
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=4).digest(), "big")
