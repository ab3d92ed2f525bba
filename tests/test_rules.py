"""The rule table: each row's example sentence is read to the row's status."""

from __future__ import annotations

import pytest

from monitor.extract.reading.claims import judge, strongest
from monitor.extract.reading.rules import RULES, Rule


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.example[:50])
def test_each_row_decides_its_example(rule: Rule) -> None:
    best = strongest(judge(rule.example))
    assert (best.status if best else None) is rule.status
