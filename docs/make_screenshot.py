"""Remake docs/report.png, the README's picture of the report: `python docs/make_screenshot.py`.

It runs `monitor demo` (the shipped story, offline) and has Debian's headless chromium
(`apt-get install chromium`) photograph the page, with the same flags as the browser test.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import chromium_path, screenshot  # noqa: E402


def main() -> int:
    if chromium_path() is None:
        print("chromium is not installed: apt-get install -y chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "monitor", "demo", "--out", str(page)],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        target = ROOT / "docs" / "report.png"
        screenshot(page, target, width=1000, height=1250)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
