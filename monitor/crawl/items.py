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
    entry: FeedEntry | None = None
    # From the response's Date header, so a replayed 2015 page says 2015, not today.
    fetched_at: datetime | None = None
    # (ETag, Last-Modified) to store with the article, once it is stored; None: none to keep.
    validators: tuple[str | None, str | None] | None = None
    # Reached through a listing's teaser: a listing found here is not followed in turn.
    via_listing: bool = False

    @property
    def text(self) -> str:
        """The body decoded as a browser would (BOM, HTTP charset, `<meta>`, then a guess).

        Decoded on demand: the pipeline hands workers the bytes, and decoding every page in
        the crawl's own process too cost it a millisecond or more per page."""
        from monitor.extract.article.page import decode_html

        return decode_html(self.body, self.headers.get("content-type"))
