"""What moved between the state the last alert announced and the state known now."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from monitor.events.state import current_values, values_of
from monitor.model import AlertDraft, Change, ChangeKind, Evidence, FactKind, Status, Watch


def diff(
    watch: Watch,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    version: int,
) -> AlertDraft | None:
    """The alert that `after` deserves given `before`, or None when nothing new is known.

    More sources repeating known facts is corroboration, not news: it changes the counts kept
    in the state but never produces a change here.
    """
    if not after:
        return None
    changes: list[Change] = []
    status = Status(after["status"])
    if not before:
        changes.append(Change(ChangeKind.FIRST_SEEN, status.value,
                              evidence=(_evidence(after["status_evidence"]),),
                              independent_sources=len(after["sites"])))
    elif before["status"] != after["status"]:
        changes.append(Change(ChangeKind.STATUS, status.value, old=before["status"],
                              evidence=(_evidence(after["status_evidence"]),),
                              independent_sources=_status_sites(after)))
    for kind in FactKind:
        if before and kind is FactKind.COMPANY:
            continue  # the watch is about this company; only a first sighting names it
        changes.extend(_fact_changes(kind, before, after))
    if not changes:
        return None
    return AlertDraft(watch=watch, version=version, status=status, changes=tuple(changes))


def _fact_changes(
    kind: FactKind, before: Mapping[str, Any] | None, after: Mapping[str, Any]
) -> list[Change]:
    entry = after.get("facts", {}).get(kind.value)
    if not entry:
        return []
    values = entry["values"]
    known = set(values_of(before, kind))
    if not kind.single_valued:
        return [_change(ChangeKind.NEW, kind, value, values[value])
                for value in values if value not in known]
    changes = []
    now = current_values(after, kind)[0]
    was = current_values(before, kind)[0] if before and kind.value in before.get("facts", {}) \
        else None
    if was is None:
        changes.append(_change(ChangeKind.NEW, kind, now, values[now]))
    elif was != now:
        changes.append(_change(ChangeKind.CHANGED, kind, now, values[now], old=was))
    # A value that did not win but is newly said by sources the winner lacks: a disagreement
    # the reader should hear about, naming both sides.
    for value, support in values.items():
        if value in (now, was) or value in known:
            continue
        changes.append(_change(ChangeKind.CONFLICT, kind, value, support, old=now))
    return changes


def _change(
    kind: ChangeKind, fact: FactKind, value: str, support: Mapping[str, Any], old: str | None = None
) -> Change:
    return Change(kind, value, fact=fact, old=old, evidence=(_evidence(support["evidence"]),),
                  independent_sources=len(support["sites"]))


def _status_sites(state: Mapping[str, Any]) -> int:
    return len(state.get("status_sites", ())) or 1


def _evidence(data: Mapping[str, Any]) -> Evidence:
    published = data.get("published")
    return Evidence(
        sentence=data["sentence"],
        url=data["url"],
        source=data["site"],
        title=data.get("title"),
        published=datetime.fromisoformat(published) if published else None,
    )
