"""The benchmark scorer on cases worked out by hand."""

from __future__ import annotations

import pytest

from bench.shingles import PageScore, score_dataset, score_page, shingles


def test_shingles_are_four_tokens_and_keep_repeats() -> None:
    found = shingles("a b c d a b c d")
    # abcd, bcda, cdab, dabc, abcd
    assert sum(found.values()) == 5
    assert found[("a", "b", "c", "d")] == 2


def test_short_and_empty_texts() -> None:
    assert shingles("hello, world!") == {("hello", "world"): 1}
    assert not shingles("") and not shingles(None) and not shingles(" ... ")


def test_identical_text_ignoring_punctuation_scores_one_and_is_exact() -> None:
    page = score_page("Hello, World! foo bar.", "Hello World foo bar")
    assert page == PageScore(1.0, 1.0, True)


def test_case_is_kept() -> None:
    page = score_page("hello World foo bar", "Hello World foo bar")
    assert page == PageScore(0.0, 0.0, False)


def test_one_shingle_right_one_wrong() -> None:
    # predicted abcd, bcde; reference abcd, bcdx: tp 1, fp 1, fn 1.
    page = score_page("a b c d e", "a b c d x")
    assert page.precision == pytest.approx(0.5)
    assert page.recall == pytest.approx(0.5)


def test_repeated_shingles_count_as_false_positives() -> None:
    # predicted abcd x2, bcda, cdab, dabc; reference abcd: tp 1, fp 4, fn 0.
    page = score_page("a b c d a b c d", "a b c d")
    assert page.precision == pytest.approx(0.2)
    assert page.recall == pytest.approx(1.0)


def test_empty_prediction_has_no_precision_and_zero_recall() -> None:
    assert score_page("", "a b c d e") == PageScore(None, 0.0, False)


def test_dataset_f1_is_harmonic_mean_of_mean_precision_and_mean_recall() -> None:
    pages = [
        score_page("a b c d e", "a b c d e"),  # P 1, R 1
        score_page("", "a b c d e"),  # no P, R 0
        score_page("a b c d e", "a b c d x"),  # P 0.5, R 0.5
    ]
    score = score_dataset(pages)
    assert score.precision == pytest.approx(0.75)  # (1 + 0.5) / 2
    assert score.recall == pytest.approx(0.5)  # (1 + 0 + 0.5) / 3
    assert score.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert score.accuracy == pytest.approx(1 / 3)
