"""Many processes opening one new SQLite store at the same moment (cron runs that overlap on
a first run): each waits its turn, none fails with "database is locked"."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path

from monitor.store.store import Store

PROCESSES = 8
# Before the fix, 3 runs of this test out of 3 had a process fail within twelve rounds.
ROUNDS = 12


def _open_at(url: str, start: float) -> str:
    while time.time() < start:
        pass
    try:
        with Store(url) as store:
            store.check_writable()
    except Exception as exc:  # the test counts every failure, of whatever kind
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_opening_a_new_sqlite_store_together_all_open_it(tmp_path: Path) -> None:
    outcomes: Counter[str] = Counter()
    # spawn, not fork: the test process may hold threads (pytest-xdist) that fork would copy.
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        for round_ in range(ROUNDS):
            url = f"sqlite:///{tmp_path / f'round{round_}.db'}"
            start = time.time() + 0.1
            outcomes.update(pool.starmap(_open_at, [(url, start)] * PROCESSES))
    assert outcomes == Counter({"ok": PROCESSES * ROUNDS})
