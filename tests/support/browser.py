"""Debian's headless chromium, as the report's tests and docs/make_screenshot.py drive it.

Each run gets a fresh profile folder. Background networking, component updates and sync stay
off: on a closed network their connection attempts are refused many at a time, and a test
must not depend on anything outside this machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

FLAGS = (
    "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
)
# What chromium logs for a script error or a console.error() of the page.
_CONSOLE = re.compile(r":INFO:CONSOLE[^\]]*\] (.*)")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Loaded:
    dom: str
    console: list[str]  # console messages the page produced (script errors included)


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[str]:
    binary = chromium_path()
    if binary is None:
        raise FileNotFoundError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        flags = [*FLAGS, f"--user-data-dir={profile}"]
        # Root cannot use chromium's sandbox; a normal user keeps it.
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags.append("--no-sandbox")
        return subprocess.run([binary, *flags, *args], capture_output=True, text=True,
                              timeout=timeout, check=False, stdin=subprocess.DEVNULL)


def load(page: Path) -> Loaded:
    """The page's DOM after loading, as chromium serialises it, and its console output."""
    done = _run(["--dump-dom", page.resolve().as_uri()])
    if done.returncode != 0 or "<html" not in done.stdout:
        raise RuntimeError(f"chromium --dump-dom failed ({done.returncode}): {done.stderr[-2000:]}")
    return Loaded(done.stdout, _CONSOLE.findall(done.stderr))


def screenshot(page: Path, png: Path, width: int = 1100, height: int = 1400) -> Path:
    """A PNG of the page's first width x height CSS pixels."""
    done = _run([f"--window-size={width},{height}", f"--screenshot={png.resolve()}",
                 page.resolve().as_uri()])
    if done.returncode != 0 or not png.is_file():
        raise RuntimeError(f"chromium --screenshot failed ({done.returncode}): "
                           f"{done.stderr[-2000:]}")
    return png
