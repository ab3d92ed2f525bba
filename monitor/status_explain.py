"""`monitor status --explain`: why the story holds what it holds.

For each fact, every value with the sites behind it, how strongly they say it and the first
sentence saying it; then what was set aside and why. Plain text for a terminal or a pipe:
the question it answers ("why did it not alert on the venue?") is read, not scanned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from monitor.model import Status

_WORDS = {s.rank: s.value for s in Status if s.rank}


def strength(weight: int) -> str:
    """A support's weight in words: the strongest status saying it, and whose word it was."""
    rank, on_record = divmod(weight, 2)
    word = _WORDS.get(rank, "official")
    return f"{word}, on the record" if on_record else word


def explain(name: str, state: Mapping[str, Any] | None, out: TextIO,
            copies: Sequence[tuple[str, str, str]] = ()) -> None:
    """`copies`: (site, url, url of the original) of each copy set aside for this story."""
    if state is None:
        print(f"{name}: nothing seen yet\n", file=out)
        return
    day = state.get("event_day")
    print(f"{name}: {state['status']}" + (f", event day {day}" if day else ""), file=out)
    evidence = state["status_evidence"]
    print(f"  status from {evidence['site']}: \"{evidence['sentence']}\"", file=out)
    print(f"    {evidence['url']}", file=out)
    for kind, entry in state["facts"].items():
        current = entry.get("current")
        for value, support in entry["values"].items():
            held = ""
            if current is not None:
                held = "  (held)" if value == current else f"  (not held: {current} is)"
            print(f"  {kind}: {value}{held}", file=out)
            if support.get("same_as"):
                print(f"    also written: {', '.join(support['same_as'])}", file=out)
            print(f"    {strength(support['weight'])}; {len(support['sites'])} site(s): "
                  f"{', '.join(support['sites'])}", file=out)
            if support.get("moved_at"):
                print(f"    moved here by an article of {support['moved_at'][:10]}", file=out)
            first = support["evidence"]
            print(f"    first: {first['site']}, {first['published'][:10]}: "
                  f"\"{first['sentence']}\"", file=out)
    aside = state.get("set_aside") or []
    if aside:
        print(f"  set aside ({len(aside)}):", file=out)
        for item in aside:
            print(f"    {item['kind']}: {item['value']} from {item['site']}: {item['reason']}",
                  file=out)
            print(f"      {item['url']}", file=out)
    if copies:
        print(f"  copies set aside ({len(copies)}), never counted as sources:", file=out)
        for site, url, original in copies:
            print(f"    {site}: {url}" + (f"\n      copy of {original}" if original else ""),
                  file=out)
    print("", file=out)
