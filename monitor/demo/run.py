"""Replay the shipped story into a temporary database, crawl by crawl, as cron would have.

Each crawl is a `monitor crawl --replay` child process: Twisted's reactor starts once per
process, exactly as under cron. MONITOR_NOW is set to each crawl's date so the alerts carry the
day they would have been sent in 2015. Nothing touches the network: every request is answered
from the archive, and a URL missing from it gets a 404.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from monitor.demo.story import CRAWLS, STORY_TOML, build_archive, load_crawl
from monitor.notify.render import readable_date

# A replay needs no politeness delay: no site is contacted.
_CONFIG = """[store]
url = "sqlite:///{db}"

[crawl]
download_delay = 0
""" + STORY_TOML


class DemoError(Exception):
    """A crawl of the demo failed; the message holds what it printed."""


@dataclass(frozen=True)
class DemoResult:
    alerts: int
    report: Path | None


def run_demo(out: TextIO, report: Path) -> DemoResult:
    """Print each crawl's alerts to `out`, then write the report page to `report`."""
    from monitor.config import load_config
    from monitor.report.write import write_reports
    from monitor.store import Store

    with tempfile.TemporaryDirectory(prefix="monitor-demo-") as tmp:
        folder = Path(tmp)
        config = folder / "monitor.toml"
        config.write_text(_CONFIG.format(db=(folder / "demo.db").as_posix()), encoding="utf-8")
        print("Replaying the February 2015 story: Xiaomi's first US event, as GSMArena, "
              "Phone Arena and Vulcan Post covered it.", file=out)
        print(f"{len(CRAWLS)} crawls of 3 sites from the shipped archives, into a temporary "
              "database; no network.", file=out)
        for number, name in enumerate(CRAWLS, 1):
            crawl = load_crawl(name)
            archive = build_archive(name, folder)
            heading = (f"Crawl {number} of {len(CRAWLS)}: {readable_date(crawl.crawled_at)}, "
                       f"{crawl.crawled_at:%H:%M} UTC ({len(crawl.responses)} responses)")
            print(f"\n{heading}\n{'-' * len(heading)}", file=out)
            printed = _crawl(config, archive, crawl.crawled_at.isoformat())
            if printed.strip():
                out.write(printed if printed.endswith("\n") else printed + "\n")
            else:
                print("No alert: nothing new since the last one.", file=out)
            out.flush()
        loaded = load_config(config)
        with Store(loaded.store_url) as store:
            alerts = len(store.alerts())
            written = write_reports(store, loaded.watches, folder=report.parent, out=report,
                                    generated_from="the shipped February 2015 story "
                                                   "(monitor demo)")
        page = next((w.path for w in written if w.path is not None), None)
        print(f"\n{alerts} alert(s) in {len(CRAWLS)} crawls.", file=out)
        if page is not None:
            print(f"Report: {page}", file=out)
        return DemoResult(alerts, page)


def _crawl(config: Path, archive: Path, at: str) -> str:
    # The user's own settings (store, targets, a fixed clock) must not leak into the replay.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["MONITOR_NOW"] = at
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "crawl", "--config", str(config),
         "--replay", str(archive)],
        capture_output=True, text=True, env=env, check=False, stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        raise DemoError(f"crawl of {archive.name} exited with status {done.returncode}:\n"
                        f"{done.stdout}{done.stderr}")
    return done.stdout
