"""`monitor status` on a terminal: one aligned table of facts per watch, one of sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from monitor.tables import table


def print_status_tables(watches: Mapping[str, dict[str, Any] | None],
                        sources: Mapping[str, Any], out: TextIO) -> None:
    for name, state in watches.items():
        if state is None:
            print(f"{name}: nothing seen yet\n", file=out)
            continue
        print(f"{name}: {state['status']}  (sources: {', '.join(state['sites'])})", file=out)
        print(f"  because: \"{state['status_evidence']['sentence']}\"", file=out)
        rows = []
        for kind, entry in state["facts"].items():
            for value, support in entry["values"].items():
                disputed = entry.get("current", value) != value
                rows.append([kind, value + ("  (disputed)" if disputed else ""),
                             support["first_seen"][:10], ", ".join(support["sites"])])
        if rows:
            print("", file=out)
            for line in table(["FACT", "VALUE", "FIRST SEEN", "SOURCES"], rows, indent="  "):
                print(line, file=out)
        print("", file=out)
    rows = []
    for name, health in sources.items():
        last = health.last_run
        if last is None:
            rows.append([name, "never crawled", "", "", ""])
        elif health.ok:
            rows.append([name, "ok", last.at.isoformat(timespec="minutes"), str(last.pages), ""])
        else:
            rows.append([name, f"failing ({health.failing_runs} runs)",
                         last.at.isoformat(timespec="minutes"), str(last.pages),
                         health.last_problem or ""])
    if rows:
        for line in table(["SOURCE", "STATE", "LAST RUN", "PAGES", "PROBLEM"], rows):
            print(line, file=out)
