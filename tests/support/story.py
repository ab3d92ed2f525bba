"""The story's archives and config, as `monitor demo` builds them (see monitor/demo/story.py)."""

from __future__ import annotations

from pathlib import Path

from monitor.demo.story import (
    CRAWLS,
    SOURCES_TOML,
    STORY_TOML,
    TURNS,
    XIAOMI_WATCH_TOML,
)
from monitor.demo.story import build_archive as _build_archive

STORY = Path(__file__).resolve().parent.parent.parent / "fixtures" / "story"

__all__ = ["CRAWLS", "SOURCES_TOML", "STORY", "STORY_TOML", "TURNS", "XIAOMI_WATCH_TOML",
           "build_archive"]


def build_archive(crawl: str, folder: Path) -> Path:
    """A .warc.gz holding every response of one crawl, from the files in fixtures/story."""
    return _build_archive(crawl, folder, STORY)
