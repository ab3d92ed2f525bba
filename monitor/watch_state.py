"""A watch's state kept in the store, so a run reads only the reports added since the last.

The state is always what `monitor.events.state.build_state` computes from every report on the
watch. Beside it the store keeps the summary it was finished from (`Fold`), at the watch's
change count then (`Store.watch_mark`). A later run reads only the reports numbered above that
count and folds them in, when the fold can be exact: same rules (`rules_key`: the watch, the
policy and the code of monitor.events), no change since but reports added (`rewritten`), and
new reports that `Fold.extended` accepts. Otherwise it rebuilds from every report.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.events.policy import Policy

if TYPE_CHECKING:
    from monitor.events.state import Fold
    from monitor.model import Watch
    from monitor.store import Store
    from monitor.store.records import WatchMark


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
    """The watch's state from all its reports: the one kept if still current, else brought
    up to date (and kept)."""
    mark = store.watch_mark(watch.name)  # before the reports: see alerting._plan
    key = rules_key(watch, policy)
    state, fold = state_at(store, watch, policy, mark, key)
    if fold is not None:
        store.keep_state(watch.name, mark.changed, key, state, fold)
    return state


def state_at(store: Store, watch: Watch, policy: Policy | None, mark: WatchMark, key: str
             ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(the state from the reports counted by `mark`, the summary to keep with it); the
    summary is None when the one kept is already that of `mark`, so there is nothing to keep."""
    current, state = mark.state_for(key)
    kept = mark.fold_for(key)
    if current and kept is not None and kept[0] == mark.changed:
        return state, None
    fold = _brought_up(store, watch, policy, mark, kept)
    if fold is None:
        from monitor.events.state import folded

        # Bounded by the mark's count too: a report written since is read as new next time.
        fold = folded(store.reports_for(watch.name, upto=mark.changed), watch, policy)
    return fold.state(watch), fold.to_json()


def _brought_up(store: Store, watch: Watch, policy: Policy | None, mark: WatchMark,
                kept: tuple[int, dict[str, Any]] | None) -> Fold | None:
    """The summary kept with the reports numbered since folded in, or None to rebuild."""
    if kept is None:
        return None
    from monitor.events.state import Fold

    count, data = kept
    fold = Fold.from_json(data)
    if count == mark.changed:
        return fold
    return fold.extended(store.reports_for(watch.name, upto=mark.changed, after=count),
                         watch, policy)
