"""The rules a story's state and alerts follow, with the defaults a user can change in
`monitor.toml` under `[alerts]` (see the README's "What alerts and when")."""

from __future__ import annotations

from dataclasses import dataclass, field

# What alerts on its own: a status change and a new or changed date, city, venue or time.
# Speakers and products ride along in the next alert until they are confirmed or told by
# `detail_sources` independent sites.
DEFAULT_ALONE = frozenset({"status", "date", "city", "venue", "time"})


@dataclass(frozen=True)
class Policy:
    alone: frozenset[str] = field(default=DEFAULT_ALONE)
    detail_sources: int = 2  # independent sites a rumoured speaker or product needs
    confirm_sources: int = 2  # independent reports that make "official" count without a record
    other_event_days: int = 7  # a day this far from the event's is another event's
