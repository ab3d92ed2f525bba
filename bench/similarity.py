"""Score distribution of `monitor.similarity` over fixtures/copies: copies vs other articles.

Every pair of texts is one of: a copy (same article), same news or same topic in another
journalist's words (the hard negatives), another article of the same site (shared boilerplate),
or an unrelated article. Prints containment per class, the threshold's margin, SimHash for
comparison, and the fingerprinting speed.
Run: python bench/similarity.py [-v]
"""

from __future__ import annotations

import gzip
import itertools
import json
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from monitor.similarity import (  # noqa: E402
    COPY_THRESHOLD,
    Fingerprint,
    containment,
    fingerprint,
    similarity,
)

TEXTS = ROOT / "fixtures" / "copies" / "texts.json.gz"
NEGATIVES = ("same-news", "same-topic", "same-site", "unrelated")


@dataclass(frozen=True)
class Text:
    name: str
    article: str
    site: str
    source: str
    text: str


@dataclass(frozen=True)
class Pair:
    a: Text
    b: Text
    kind: str  # "copy:<how>" or one of NEGATIVES


def load(path: Path = TEXTS) -> tuple[list[Text], dict[str, str]]:
    """The texts, and each article's news group kind keyed by "article|article"."""
    data = json.loads(gzip.decompress(path.read_bytes()))
    texts = [Text(name, **fields) for name, fields in sorted(data["texts"].items())]
    related: dict[str, str] = {}
    for group in data["news"].values():
        for x, y in itertools.combinations(group["articles"], 2):
            related[f"{x}|{y}"] = related[f"{y}|{x}"] = group["kind"]
    return texts, related


def pairs(texts: list[Text], related: dict[str, str]) -> Iterator[Pair]:
    for a, b in itertools.combinations(texts, 2):
        if a.article == b.article:
            how = "~".join(sorted(t.name.rsplit("-", 1)[1] for t in (a, b)))
            yield Pair(a, b, f"copy:{how}")
        elif kind := related.get(f"{a.article}|{b.article}"):
            yield Pair(a, b, kind)
        elif a.site and a.site == b.site:
            yield Pair(a, b, "same-site")
        else:
            yield Pair(a, b, "unrelated")


def _summary(values: list[float]) -> str:
    if not values:
        return "-"
    q = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values * 19
    return (
        f"n={len(values):6d} min={min(values):.3f} p5={q[0]:.3f} "
        f"median={statistics.median(values):.3f} p95={q[-1]:.3f} max={max(values):.3f}"
    )


def main(verbose: bool = False) -> None:
    from trafilatura.deduplication import Simhash

    texts, related = load()
    started = time.perf_counter()
    fps: dict[str, Fingerprint] = {t.name: fingerprint(t.text) for t in texts}
    elapsed = time.perf_counter() - started
    words = sum(len(t.text.split()) for t in texts)
    sims = {t.name: Simhash(t.text) for t in texts}

    scores: dict[str, list[float]] = {}
    jaccard: dict[str, list[float]] = {}
    simhash: dict[str, list[float]] = {}
    short: dict[str, int] = {}
    misses: list[tuple[float, Pair]] = []
    for pair in pairs(texts, related):
        fa, fb = fps[pair.a.name], fps[pair.b.name]
        group = "copy" if pair.kind.startswith("copy:") else pair.kind
        if not (fa.judgeable and fb.judgeable):
            short[group] = short.get(group, 0) + 1
            continue
        c = containment(fa, fb)
        for key in {group, pair.kind}:
            scores.setdefault(key, []).append(c)
            jaccard.setdefault(key, []).append(similarity(fa, fb))
            simhash.setdefault(key, []).append(sims[pair.a.name].similarity(sims[pair.b.name]))
        if (group == "copy") != (c >= COPY_THRESHOLD) or (group != "unrelated" and verbose):
            misses.append((c, pair))

    print(
        f"{len(texts)} texts; fingerprinting {words / elapsed / 1000:.0f}k words/s "
        f"({elapsed / words * 1e6:.2f} ms per 1000 words)"
    )
    print(f"pairs left out as too short for a verdict: {short}")
    for title, table in (
        ("containment (the verdict)", scores),
        ("jaccard", jaccard),
        ("simhash 1-hamming/64 (trafilatura, for comparison)", simhash),
    ):
        print(f"\n{title}")
        for key in sorted(table, key=lambda k: (k != "copy", k in NEGATIVES, k)):
            print(f"  {key:24s} {_summary(table[key])}")
    lowest_copy = min(scores["copy"])
    highest_other = max(max(scores.get(k, [0.0])) for k in NEGATIVES)
    print(
        f"\nthreshold {COPY_THRESHOLD}: lowest copy {lowest_copy:.3f} "
        f"(margin {lowest_copy - COPY_THRESHOLD:+.3f}), highest non-copy {highest_other:.3f} "
        f"(margin {COPY_THRESHOLD - highest_other:+.3f})"
    )
    wrong = [m for m in misses if (m[1].kind.startswith("copy:")) != (m[0] >= COPY_THRESHOLD)]
    print(f"wrong verdicts: {len(wrong)}")
    for c, pair in sorted(misses, key=lambda m: m[0]):
        print(f"  {c:.3f} {pair.kind:18s} {pair.a.name} ~ {pair.b.name}")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv[1:])
