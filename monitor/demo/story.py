"""The shipped story (fixtures/story, linked here as package data) packed into WARC archives.

Each crawl folder's manifest.json lists the responses the sites served at that crawl's time;
`build_archive` writes them as one .warc.gz that `monitor crawl --replay` reads back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from monitor.crawl.warc import write_warc

STORY = Path(__file__).resolve().parent / "story"
CRAWLS = ("crawl1", "crawl2", "crawl3", "crawl4", "crawl5")
# The second storyline: conflicts, an update, a scraped copy, a move, a postponement, two watches.
TURNS = ("turns/crawlA", "turns/crawlB", "turns/crawlC", "turns/crawlD", "turns/crawlE")

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


@dataclass(frozen=True)
class Crawl:
    """One crawl of the story: when the sites were read and what they served."""

    name: str
    crawled_at: datetime
    responses: tuple[tuple[str, str, str], ...]  # url, file under STORY, content type


def load_crawl(name: str, story: Path = STORY) -> Crawl:
    manifest = json.loads((story / name / "manifest.json").read_text(encoding="utf-8"))
    when = datetime.fromisoformat(manifest["crawled_at"].replace("Z", "+00:00"))
    return Crawl(name, when, tuple((r["url"], r["file"], r["content_type"])
                                   for r in manifest["responses"]))


def build_archive(crawl: str, folder: Path, story: Path = STORY) -> Path:
    """A .warc.gz holding every response of one crawl, dated at the crawl's time."""
    loaded = load_crawl(crawl, story)
    records = []
    for url, file, content_type in loaded.responses:
        body = (story / file).read_bytes()
        headers = {
            "Content-Type": content_type,
            "Date": format_datetime(loaded.crawled_at, usegmt=True),
            "Content-Length": str(len(body)),
        }
        records.append((url, 200, headers, body))
    path = folder / f"{crawl.replace('/', '-')}.warc.gz"
    write_warc(path, records, date=loaded.crawled_at)
    return path
