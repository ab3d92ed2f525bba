"""Property test: no input makes the date, time, timestamp or fact readers raise (issue 10).

Bounded for `make test`; bench/fuzz.py runs the same strategies for ten minutes and prints
the distinct crash sites it finds.
"""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import HealthCheck, given, settings

from tests.support.fuzz import inputs, read_all


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
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
