"""Fuzz the date, time, timestamp and fact readers for a while; print distinct crash sites.

The strategies are tests/support/fuzz.py's (the bounded property test in tests/test_fuzz.py
uses the same ones). A crash site is the innermost frame in `monitor/` of an exception,
with the exception's type; the run prints each site once with one input that reached it.
Run: python bench/fuzz.py [--minutes 10]
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.support.fuzz import inputs, read_all  # noqa: E402


def site_of(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/monitor/" in f.filename]
    where = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    name = where.filename.split("/monitor/", 1)[-1]
    return f"monitor/{name}:{where.lineno} {type(exc).__name__}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    sites: dict[str, tuple[str, object]] = {}
    count = 0

    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def chunk(case: tuple) -> None:  # type: ignore[type-arg]
        nonlocal count
        count += 1
        try:
            read_all(*case)
        except Exception as exc:  # every exception is a finding, never a stop
            sites.setdefault(site_of(exc), (repr(exc)[:120], case))

    end = time.monotonic() + args.minutes * 60
    while time.monotonic() < end:
        chunk()
    print(f"inputs tried: {count:,} in {args.minutes:g} min")
    print(f"distinct crash sites: {len(sites)}")
    for site, (error, case) in sorted(sites.items()):
        print(f"  {site}: {error}\n    input: {case!r:.300}")
    return 1 if sites else 0


if __name__ == "__main__":
    raise SystemExit(main())
