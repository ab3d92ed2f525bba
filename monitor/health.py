"""Source health: one alert when a source keeps failing, one when it recovers, silence between.

A run of a source is unhealthy when it had errors (network, HTTP, a feed that is not a feed),
when its feeds list nothing although they listed items before, or when at least half of the
pages it fetched had no title or body text (the site's layout changed). The state that says
whether the user was already told lives in the outbox itself: the source's last health alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from monitor.notify.render import Message, render_notice

if TYPE_CHECKING:
    from monitor.store import Store
    from monitor.store.records import SourceRun

# Enough history to see a streak of failures and whether the feed ever listed anything.
HISTORY = 50


def watch_name(source: str) -> str:
    """The outbox pseudo-watch under which a source's health alerts are kept."""
    return f"source:{source}"


def problem(run: SourceRun, earlier: list[SourceRun]) -> str | None:
    """Why a run was unhealthy, or None when it was fine."""
    if run.errors:
        return run.errors[-1]
    if run.entries == 0 and any(r.entries for r in earlier):
        return "its feeds list no items any more, though they did before"
    if run.pages and run.unparsed * 2 >= run.pages:
        return (f"{run.unparsed} of {run.pages} page(s) had no title or body text; "
                "the site's layout may have changed")
    return None


@dataclass(frozen=True)
class Health:
    source: str
    failing_runs: int  # unhealthy runs in a row, newest first
    last_problem: str | None
    alerted_failing: bool  # the last health alert said "failing"
    last_run: SourceRun | None

    @property
    def ok(self) -> bool:
        return self.failing_runs == 0


def health_of(store: Store, source: str) -> Health:
    runs = store.source_runs(source, limit=HISTORY)  # newest first
    streak = 0
    last_problem = None
    for i, run in enumerate(runs):
        why = problem(run, runs[i + 1:])
        if why is None:
            break
        streak += 1
        last_problem = last_problem or why
    last = store.last_alert(watch_name(source))
    alerted = bool(last and last.state.get("failing"))
    return Health(source, streak, last_problem, alerted, runs[0] if runs else None)


@dataclass(frozen=True)
class HealthNotice:
    watch: str
    version: int
    message: Message
    failing: bool


def health_notices(store: Store, sources: list[str], threshold: int) -> list[HealthNotice]:
    """The health alerts this run owes: a source newly failing `threshold` runs, or recovered."""
    notices = []
    for source in sources:
        health = health_of(store, source)
        last = store.last_alert(watch_name(source))
        version = (last.version if last else 0) + 1
        if health.failing_runs >= threshold and not health.alerted_failing:
            message = render_notice(
                f"monitor: source {source} is failing",
                [f"{source} failed {health.failing_runs} runs in a row.",
                 f"Last problem: {health.last_problem}",
                 "You will hear again when it recovers."],
            )
            notices.append(HealthNotice(watch_name(source), version, message, True))
        elif health.ok and health.alerted_failing:
            message = render_notice(
                f"monitor: source {source} has recovered",
                [f"{source} crawled cleanly again."],
            )
            notices.append(HealthNotice(watch_name(source), version, message, False))
    return notices
