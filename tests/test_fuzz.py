"""Property test: no input makes the date, time, timestamp or fact readers raise (issue 10).

Bounded for `make test`; bench/fuzz.py runs the same strategies for ten minutes and prints
the distinct crash sites it finds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings

from tests.support.fuzz import inputs, read_all


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
# Found by bench/fuzz.py: a reference day in year 1 ("Sonntag", "in 892 days", "Monday").
@example(("Sonntag midnight 892 days -83 was", "Sonntag Acme days", None,
          datetime(1, 1, 2, 0, 7, tzinfo=UTC), (False, False, False)))
@example(("Dezember Dezember /", "Monday Dezember Acme", None,
          datetime(1, 1, 2, tzinfo=UTC), (False, False, False)))
def test_no_input_makes_a_reader_raise(
        case: tuple[str, str, date | None, datetime | None, tuple[bool, bool, bool]]) -> None:
    read_all(*case)


def test_the_long_fuzz_bench_runs_and_finds_nothing() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "bench/fuzz.py", "--minutes", "0.05"], cwd=root,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "distinct crash sites: 0" in done.stdout


def test_reading_a_huge_page_stops_at_the_caps_and_says_so(
        caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from monitor.extract.reading.analysis import MAX_SENTENCE_CHARS, MAX_SENTENCES, analyse
    from monitor.model import Article

    # 2,000 paragraphs, and one sentence of 50,000 dates: the shape of the 1.6 MB page that
    # took 622 s before the caps.
    dates = " ".join(["12 February 2015,"] * 50_000)
    body = "\n".join([f"Acme will hold its event in Berlin, part {i}." for i in range(2_000)])
    article = Article(url="https://acme.example/huge", canonical_url="https://acme.example/huge",
                      title="Acme event", body=f"{dates}.\n{body}")
    with caplog.at_level(logging.INFO, logger="monitor.extract.reading.analysis"):
        analysis = analyse(article)
    assert len(analysis.sentences) == MAX_SENTENCES and analysis.capped
    assert max(len(s.text) for s in analysis.sentences) <= MAX_SENTENCE_CHARS
    assert f"read the first {MAX_SENTENCES} sentences only" in caplog.text
