"""Near-duplicate verdicts on real copies, derived copies and other articles on the same news."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.similarity import Text, load, pairs
from monitor.similarity import (
    COPY_THRESHOLD,
    MIN_SHINGLES,
    Fingerprint,
    bands,
    containment,
    fingerprint,
    is_copy,
    similarity,
    tokens,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, Text], dict[str, Fingerprint], dict[str, str]]:
    texts, related = load()
    return {t.name: t for t in texts}, {t.name: fingerprint(t.text) for t in texts}, related


def test_every_pair_in_the_fixtures_gets_the_right_verdict(corpus) -> None:
    texts, fps, related = corpus
    wrong = []
    counts: dict[str, int] = {}
    for pair in pairs(list(texts.values()), related):
        kind = pair.kind.split(":")[0]
        counts[kind] = counts.get(kind, 0) + 1
        verdict = is_copy(fps[pair.a.name], fps[pair.b.name])
        if verdict != (kind == "copy"):
            wrong.append((pair.kind, pair.a.name, pair.b.name))
    assert wrong == []
    # The set keeps its hard cases: real same-news pairs, same-site pages, many copies.
    assert counts["copy"] > 600 and counts["same-news"] > 100 and counts["same-site"] > 1000


def test_hard_negatives_stay_well_below_the_threshold(corpus) -> None:
    _, fps, _ = corpus
    # The Verge and MacRumors on Apple's Siri speaker, 24 May 2016: same news, own words.
    assert containment(fps["verge-siri-speaker"], fps["macrumors-siri-sdk"]) < 0.2
    # Fox Business and Barron's on Home Depot's quarter quote the same press release.
    fox, barrons = fps["51374560-ref"], fps["f8ff621a-ref"]
    assert 0.1 < containment(fox, barrons) < COPY_THRESHOLD - 0.1
    assert not is_copy(fox, barrons)


def test_real_copies_of_one_page_are_copies(corpus) -> None:
    _, fps, _ = corpus
    # A feed's excerpt and its full text; our extraction and a person's reference of one page.
    assert is_copy(fps["tc-feed-agari-full"], fps["tc-feed-agari-summary"])
    assert is_copy(fps["fundus-techcrunch_2024_05_17-ext"], fps["fundus-techcrunch_2024_05_17-ref"])
    assert containment(fps["51374560-ext"], fps["51374560-ref"]) > 0.9


def _body(corpus, name: str) -> str:
    return corpus[0][name].text


def test_syndication_edits_keep_a_copy(corpus) -> None:
    body = _body(corpus, "fundus-techcrunch_2024_04_28-ref")
    paras = body.split("\n")
    original = fingerprint(body)
    words = body.split()
    variants = {
        "trimmed": "\n".join(paras[:-1]),
        "attributed": body + "\nThis article first appeared on TechCrunch. Used with permission.",
        "wrapped": "Menu Home News Deals\n" + body + "\nMore from our network\nSubscribe\n(c) 2024",
        "reordered": "\n".join(paras[1:] + paras[:1]),
        "edited": " ".join("said" if i % 40 == 39 else w for i, w in enumerate(words)),
        "recased": body.upper().replace("’", "'"),
    }
    for how, text in variants.items():
        copy = fingerprint(text)
        assert is_copy(original, copy), how
        assert is_copy(copy, original), how


def test_unrelated_articles_are_not_copies(corpus) -> None:
    a = fingerprint(_body(corpus, "fundus-techcrunch_2024_04_28-ref"))
    b = fingerprint(_body(corpus, "fundus-wired_2024_04_28-ref"))
    assert similarity(a, b) < 0.05 and containment(a, b) < 0.05 and not is_copy(a, b)


def test_scores_are_symmetric_bounded_and_one_for_the_same_text(corpus) -> None:
    _, fps, _ = corpus
    a, b = fps["verge-siri-speaker"], fps["macrumors-siri-sdk"]
    assert similarity(a, b) == similarity(b, a) and containment(a, b) == containment(b, a)
    assert 0.0 <= similarity(a, b) <= containment(a, b) <= 1.0
    assert similarity(a, a) == containment(a, a) == 1.0 and is_copy(a, a)


def test_short_texts_get_no_verdict() -> None:
    brief = "Xiaomi will hold its first US press event in San Francisco on 12 February, it said."
    fp = fingerprint(brief)
    assert fp.shingles < MIN_SHINGLES and not fp.judgeable
    assert containment(fp, fingerprint(brief)) == 1.0
    assert not is_copy(fp, fingerprint(brief))
    assert bands(fp) == []
    assert fingerprint("").shingles == 0 and similarity(fingerprint(""), fingerprint("")) == 0.0


def test_a_text_just_long_enough_is_judged() -> None:
    words = [f"w{i}" for i in range(MIN_SHINGLES + 3)]
    fp = fingerprint(" ".join(words))
    assert fp.shingles == MIN_SHINGLES and fp.judgeable
    assert is_copy(fp, fingerprint(" ".join(words) + " Source: example.com"))
    shorter = fingerprint(" ".join(words[:-1]))
    assert not shorter.judgeable and not is_copy(fp, shorter)


def test_tokens_fold_case_width_and_split_cjk() -> None:
    assert tokens("Apple’s ＩＰＨＯＮＥ, iPhone!") == ["apple", "s", "iphone", "iphone"]
    assert tokens("小米发布会 in 北京") == ["小", "米", "发", "布", "会", "in", "北", "京"]


def test_cjk_copies_are_found() -> None:
    text = "小米公司今天宣布将于下月在北京举行新品发布会，届时将推出多款新产品。" * 2
    text += "据知情人士透露，发布会将在国家会议中心举行，雷军将亲自登台演讲。"
    other = "华为公司确认将在上海举行秋季发布会，新款手机和手表预计将同时亮相，价格尚未公布。" * 2
    original = fingerprint(text)
    assert original.judgeable
    assert is_copy(original, fingerprint(text + "本文转载自某网站。"))
    assert not is_copy(original, fingerprint(other))


def test_string_form_round_trips_and_rejects_junk(corpus) -> None:
    _, fps, _ = corpus
    for fp in (fps["verge-siri-speaker"], fingerprint("short text"), fingerprint("")):
        text = fp.to_str()
        assert text.isascii() and len(text) < 1400
        assert Fingerprint.from_str(text) == fp
    good = fps["verge-siri-speaker"].to_str()
    for junk in ("", "b1:12", "zz:3:AAAA", good.replace("b1:", "b2:"), good[:-4], "b1:x:AAAA"):
        with pytest.raises(ValueError):
            Fingerprint.from_str(junk)


def test_fingerprints_do_not_depend_on_the_process() -> None:
    text = "Apple is reportedly building a Siri speaker to rival Amazon’s Echo. " * 20
    script = (
        "import sys; from monitor.similarity import fingerprint; "
        "print(fingerprint(sys.stdin.read()).to_str())"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=text,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        outputs.add(done.stdout.strip())
    assert outputs == {fingerprint(text).to_str()}


def test_copies_share_a_band_key(corpus) -> None:
    texts, fps, related = corpus
    copies = candidates = others = 0
    for pair in pairs(list(texts.values()), related):
        a, b = fps[pair.a.name], fps[pair.b.name]
        shared = bool(set(bands(a)) & set(bands(b)))
        if pair.kind.startswith("copy:") and a.judgeable and b.judgeable:
            copies += 1
            assert shared, (pair.a.name, pair.b.name)
        else:
            others += 1
            candidates += shared
    # Keys are for finding candidates: few other pairs come along to be checked.
    assert copies > 600 and candidates < others / 100


# Fingerprinting speed is measured by bench/similarity.py, never asserted here (no test
# asserts a wall-clock time).
