"""What moved between the state the last alert announced and the state known now."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from monitor.events.policy import Policy
from monitor.events.state import current_values, values_of, weight_of
from monitor.events.values import same
from monitor.model import AlertDraft, Change, ChangeKind, Evidence, FactKind, Status, Watch


def diff(
    watch: Watch,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    version: int,
    policy: Policy | None = None,
) -> AlertDraft | None:
    """The alert that `after` deserves given `before`, or None when nothing new is known.

    More sources repeating known facts is corroboration, not news: it changes the counts kept
    in the state but never produces a change here. Details that are not worth a ping of their
    own (a speaker or product from one rumour-level site) ride along in the next alert.
    """
    if not after:
        return None
    policy = policy or Policy()
    changes: list[Change] = []
    worth = False
    status = Status(after["status"])
    if not before:
        changes.append(Change(ChangeKind.FIRST_SEEN, status.value,
                              evidence=(_evidence(after["status_evidence"]),),
                              independent_sources=len(after["sites"])))
        worth = True
    elif before["status"] != after["status"]:
        was = Status(before["status"])
        # Along the normal path a status only rises; lower now means an earlier alert said
        # more than the reports support.
        fell = not was.is_disruption and not status.is_disruption and status.rank < was.rank
        changes.append(Change(ChangeKind.CORRECTION if fell else ChangeKind.STATUS,
                              status.value, old=before["status"],
                              evidence=(_evidence(after["status_evidence"]),),
                              independent_sources=_status_sites(after),
                              note=_status_note(after, was) if fell else None))
        worth = worth or "status" in policy.alone or fell
    day = _day(after)
    city = next(iter(current_values(after, FactKind.CITY)), None) or watch.city
    for kind in FactKind:
        if before and kind is FactKind.COMPANY:
            continue  # the watch is about this company; only a first sighting names it
        for change, alone in _fact_changes(kind, before, after, policy, day, city):
            changes.append(change)
            worth = worth or alone
    if not changes or not worth:
        return None
    return AlertDraft(watch=watch, version=version, status=status, changes=tuple(changes))


def _fact_changes(
    kind: FactKind, before: Mapping[str, Any] | None, after: Mapping[str, Any], policy: Policy,
    day: date | None, city: str | None,
) -> list[tuple[Change, bool]]:
    """Each change of one kind, with whether it is worth an alert of its own."""
    entry = after.get("facts", {}).get(kind.value)
    values: dict[str, Any] = entry["values"] if entry else {}
    known = set(values_of(before, kind))
    alone = kind.value in policy.alone or kind is FactKind.COMPANY
    out: list[tuple[Change, bool]] = []
    if not kind.single_valued:
        for value, support in values.items():
            if _known(kind, value, support, known, day, city):
                continue
            sure = (support["weight"] >= weight_of(Status.CONFIRMED)
                    or len(support["sites"]) >= policy.detail_sources)
            out.append((_change(ChangeKind.NEW, kind, value, support), alone or sure))
        # (A speaker or product no longer read is not withdrawn aloud: an article updated in
        # place drops names as often as it corrects them.)
        return out
    was = current_values(before, kind)[0] if before and kind.value in before.get("facts", {}) \
        else None
    if not values:
        if was is not None:
            out.append((_correction(kind, was, "", after, None), True))
        return out
    now = entry["current"] if entry else None
    assert now is not None
    support = values[now]
    if was is None:
        out.append((_change(ChangeKind.NEW, kind, now, support), alone))
    elif not _known(kind, now, support, {was}, day, city):
        moved = support.get("moved_at") is not None
        if moved:
            out.append((_change(ChangeKind.CHANGED, kind, now, support, old=was), True))
        else:
            # Not a move: the value announced lost to a better-supported one.
            out.append((_correction(kind, was, now, after, support), True))
    # A value that did not win but is newly said by sources the winner lacks: a disagreement
    # the reader should hear about, naming both sides.
    for value, other in values.items():
        if value == now or (was is not None and same(kind, value, was, day=day, city=city)):
            continue
        if _known(kind, value, other, known, day, city):
            continue
        out.append((Change(ChangeKind.CONFLICT, value, fact=kind, old=now,
                           evidence=(_evidence(other["evidence"]), _evidence(support["evidence"])),
                           independent_sources=len(other["sites"])), alone))
    return out


def _known(kind: FactKind, value: str, support: Mapping[str, Any], known: set[str],
           day: date | None, city: str | None) -> bool:
    names = {value, *support.get("same_as", ())}
    return bool(names & known) or any(same(kind, value, k, day=day, city=city) for k in known)


def _correction(kind: FactKind, old: str, new: str, after: Mapping[str, Any],
                support: Mapping[str, Any] | None) -> Change:
    reason = next((a["reason"] for a in after.get("set_aside", ())
                   if a["kind"] == kind.value and a["value"] == old), None)
    evidence = (_evidence(support["evidence"]),) if support else ()
    return Change(ChangeKind.CORRECTION, new, fact=kind, old=old, evidence=evidence,
                  independent_sources=len(support["sites"]) if support else 0,
                  note=reason or ("better supported by the sources" if new else
                                  "no source supports it any more"))


def _status_note(after: Mapping[str, Any], was: Status) -> str:
    return next((a["reason"] for a in after.get("set_aside", ())
                 if a["kind"] == "status" and a["value"] == was.value),
                "the reports do not support it")


def _day(state: Mapping[str, Any]) -> date | None:
    day = state.get("event_day")
    return date.fromisoformat(day) if day else None


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
