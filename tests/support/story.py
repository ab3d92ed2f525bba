"""Builds the story's WARC archives from fixtures/story, one per crawl, as sites served them."""

from __future__ import annotations

import json
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from monitor.crawl.warc import write_warc

# The three built-in sources and the shipped watch, as a config file's tail.
SOURCES_TOML = """
[[sources]]
name = "gsmarena"

[[sources]]
name = "phonearena"

[[sources]]
name = "vulcanpost"
"""
XIAOMI_WATCH_TOML = """
[[watches]]
name = "xiaomi-sf"
company = "Xiaomi"
aliases = ["Lei Jun", "Lin Bin", "Hugo Barra"]
city = "San Francisco"
date = "2015-02-12"
"""
STORY_TOML = SOURCES_TOML + XIAOMI_WATCH_TOML

STORY = Path(__file__).resolve().parent.parent.parent / "fixtures" / "story"
CRAWLS = ("crawl1", "crawl2", "crawl3", "crawl4", "crawl5")
# The second storyline: conflicts, an update, a scraped copy, a move, a postponement, two watches.
TURNS = ("turns/crawlA", "turns/crawlB", "turns/crawlC", "turns/crawlD", "turns/crawlE")


def build_archive(crawl: str, folder: Path) -> Path:
    """A .warc.gz holding every response of one crawl, dated at the crawl's time."""
    manifest = json.loads((STORY / crawl / "manifest.json").read_text(encoding="utf-8"))
    when = datetime.fromisoformat(manifest["crawled_at"].replace("Z", "+00:00"))
    records = []
    for response in manifest["responses"]:
        body = (STORY / response["file"]).read_bytes()
        headers = {
            "Content-Type": response["content_type"],
            "Date": format_datetime(when, usegmt=True),
            "Content-Length": str(len(body)),
        }
        records.append((response["url"], 200, headers, body))
    path = folder / f"{crawl.replace('/', '-')}.warc.gz"
    write_warc(path, records, date=when)
    return path
