"""Writing the report pages for the configured watches to files."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from monitor.model import Watch
from monitor.report.page import render_page
from monitor.report.story import StoryStore, read_story


@dataclass(frozen=True)
class Written:
    watch: str
    path: Path | None  # None when nothing is known about the watch yet
    status: str | None


def page_name(watch: str) -> str:
    """A file name for a watch's page; names may hold any character, file names may not."""
    return (re.sub(r"[^\w.-]+", "-", watch).strip("-.") or "watch") + ".html"


def write_reports(store: StoryStore, watches: Sequence[Watch], *, folder: Path,
                  out: Path | None = None, generated_from: str) -> list[Written]:
    """One page per watch in `folder` (or the single page at `out`), written whole or not at all."""
    written = []
    for watch in watches:
        story = read_story(store, watch)
        if story is None:
            written.append(Written(watch.name, None, None))
            continue
        path = out if out is not None else folder / page_name(watch.name)
        # A reader opening the page while it is written sees the old one, never half a page.
        partial = path.with_name(f".{path.name}.partial")
        partial.write_text(render_page(story, generated_from=generated_from), encoding="utf-8")
        partial.replace(path)
        written.append(Written(watch.name, path, story.status))
    return written
