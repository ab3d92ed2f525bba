"""Run the real `monitor` CLI with a SIGKILL planted at one call, for kill tests and benches.

    python -m tests.support.killpoint before|after MODULE:QUALNAME NTH -- CLI ARGS...

The NTH call (1-based) of the function kills the process with SIGKILL just before it runs or
just after it returns, so a test can stop the tool at an exact point of its work (inside a
transaction, right after a commit) that no outside timing could hit reliably. The tool itself
carries no hook for this: the wrapper is planted from outside, as a debugger would.
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys
import threading
from typing import Any


def plant(when: str, target: str, nth: int) -> None:
    module_name, _, qualname = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    calls = 0
    lock = threading.Lock()

    def die() -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        with lock:
            calls += 1
            fire = calls == nth
        if fire and when == "before":
            die()
        result = original(*args, **kwargs)
        if fire and when == "after":
            die()
        return result

    setattr(owner, name, wrapper)


def main(argv: list[str]) -> int:
    when, target, nth, separator, *cli = argv
    if when not in ("before", "after") or separator != "--":
        raise SystemExit(__doc__)
    plant(when, target, int(nth))
    from monitor.cli import main as monitor_main

    return monitor_main(cli)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
