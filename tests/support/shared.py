"""Where the team's shared corpora are: MONITOR_SHARED, else `shared/` beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """The shared folder, which a git worktree elsewhere names through MONITOR_SHARED."""
    return Path(os.environ.get("MONITOR_SHARED") or ROOT.parent / "shared")


def require_shared() -> Path:
    """The shared folder, or skip the test with the reason (it is data, not a service)."""
    found = shared_dir()
    if not found.is_dir():
        pytest.skip(f"{found} is absent (set MONITOR_SHARED to the shared corpora)")
    return found
