"""What the crawl hands to item pipelines: one fetched article page, raw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.crawl.feeds import FeedEntry


@dataclass(frozen=True)
class FetchedPage:
    """An article page as fetched; `url` is the final URL after redirects."""

    source: str
    url: str
    requested_url: str
    status: int
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    text: str  # body decoded with the response's encoding
    entry: FeedEntry | None = None
    # From the response's Date header, so a replayed 2015 page says 2015, not today.
    fetched_at: datetime | None = None
    # (ETag, Last-Modified) to store with the article, once it is stored; None: none to keep.
    validators: tuple[str | None, str | None] | None = None
