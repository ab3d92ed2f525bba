"""A watch's state kept in the store, so a run with nothing new reads no report.

The state is always what `monitor.events.state.build_state` computes from every report on the
watch; it is rebuilt whenever the store's change count for the watch (`Store.watch_mark`) or
the rules (`rules_key`: the watch, the policy and the code of monitor.events) differ from
those it was built under.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.events.policy import Policy

if TYPE_CHECKING:
    from monitor.model import Watch
    from monitor.store import Store


@functools.cache
def _rules_digest() -> str:
    """The code that turns reports into a state and a state into an alert, as a digest."""
    from monitor import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in sorted((Path(__file__).parent / "events").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def rules_key(watch: Watch, policy: Policy | None) -> str:
    """What a watch's state and alerts depend on besides its reports, as a digest."""
    rules = dataclasses.asdict(policy or Policy())
    rules["alone"] = sorted(rules["alone"])
    text = repr((_rules_digest(), dataclasses.astuple(watch), sorted(rules.items())))
    return hashlib.sha256(text.encode()).hexdigest()


def known_state(store: Store, watch: Watch, policy: Policy | None = None
                ) -> dict[str, Any] | None:
    """The watch's state from all its reports: the one kept if still current, else rebuilt
    (and kept). As kept, it is the JSON the store holds, as an alert's state is."""
    mark = store.watch_mark(watch.name)  # before the reports: see alerting._plan
    key = rules_key(watch, policy)
    current, state = mark.state_for(key)
    if current:
        return state
    from monitor.events.state import build_state

    state = build_state(store.reports_for(watch.name), watch, policy)
    store.keep_state(watch.name, mark.changed, key, state)
    return state
