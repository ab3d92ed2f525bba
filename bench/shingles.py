"""The article-extraction benchmark's scoring: precision and recall over 4-token shingles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shingles(text: str | None) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles; a text of 1-3 tokens gives one shorter shingle."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE_SIZE:
        return Counter([tuple(tokens)])
    return Counter(
        tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)
    )


@dataclass(frozen=True)
class PageScore:
    """One page: precision and recall (None when undefined) and whether the tokens match."""

    precision: float | None
    recall: float | None
    exact: bool


def score_page(predicted: str | None, expected: str) -> PageScore:
    """Per-page precision and recall; counts normalised so every page weighs the same."""
    pred, true = shingles(predicted), shingles(expected)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    exact = _TOKEN.findall(predicted or "") == _TOKEN.findall(expected)
    if fp == 0 and fn == 0:
        return PageScore(1.0 if pred else None, 1.0 if true else None, exact)
    total = tp + fp + fn
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = (tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0) if pred else None
    recall = (tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0) if true else None
    return PageScore(precision, recall, exact)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    accuracy: float


def score_dataset(pages: Iterable[PageScore]) -> Score:
    """Mean precision over pages with output, mean recall over pages with a reference, their F1."""
    scored = list(pages)
    precisions = [p.precision for p in scored if p.precision is not None]
    recalls = [p.recall for p in scored if p.recall is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p.exact for p in scored) / len(scored) if scored else 0.0
    return Score(precision, recall, f1, accuracy)
