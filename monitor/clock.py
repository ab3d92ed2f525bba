"""The one place that reads the wall clock, for delivery scheduling only.

Event decisions never call this (they follow publication times). Backoff and digests do;
MONITOR_NOW (an ISO time) stands in for the clock so their tests can cross days.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> datetime:
    fixed = os.environ.get("MONITOR_NOW", "").strip()
    return parse_now(fixed) if fixed else datetime.now(UTC)


def parse_now(text: str) -> datetime:
    """MONITOR_NOW's value as an aware time (UTC when it names no zone); ValueError if junk."""
    moment = datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
