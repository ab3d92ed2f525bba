"""One fetched page into the store: read it as an article, read what it says of each watch,
store both at once. Plain code shared by the Scrapy pipeline and by replays in tests; it
knows nothing of Scrapy."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from monitor.events.policy import Policy
from monitor.model import Article, Watch
from monitor.sources.profiles import PROFILES, profile_for_url
from monitor.store import Store
from monitor.store.errors import ReadingNeeded
from monitor.store.records import SavedArticle

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ingested:
    """What became of a page: `saved` is None for a listing or a page with no text."""

    article: Article
    saved: SavedArticle | None
    readable: bool  # a title and a body were found

    @property
    def outcome(self) -> str:
        if self.article.is_listing:
            return "listing"
        return self.saved.state if self.saved is not None else "unparsed"


def ingest_page(
    store: Store,
    text: str,
    url: str,
    *,
    source: str,
    fetched_at: datetime,
    watches: Sequence[Watch],
    validators: Mapping[str, tuple[str | None, str | None]] | None = None,
) -> Ingested:
    """Store the page at `url` (decoded `text`) with its reading, in one transaction."""
    # Imported on the first page: a crawl with nothing new (all 304) never loads them.
    from monitor.extract.article import extract_article
    from monitor.extract.reading import find_reports

    profile = profile_for_url(url) or PROFILES.get(source)
    article = extract_article(text, url, profile=profile, fetched_at=fetched_at)
    if article.is_listing:
        # Teasers of other stories: not an article, never read; the crawl follows its links.
        return Ingested(article, None, readable=False)
    readable = bool(article.title and article.body.strip())
    if not readable:
        log.warning("%s: %s: no %s found", source, url,
                    "title" if not article.title else "body text")
        if not article.body.strip():
            return Ingested(article, None, readable=False)
    # Read before storing, and store both at once: an article stored without its reading
    # would be skipped as unchanged by every later run (issue 10). Reading an article
    # stored with the same text is skipped; if it changed meanwhile, the store says so.
    reports = None if store.is_unchanged(article) else find_reports(article, watches)
    try:
        saved = store.save_page(article, source=source, fetched_at=fetched_at, reports=reports,
                                validators=validators if readable else None)
    except ReadingNeeded:
        saved = store.save_page(article, source=source, fetched_at=fetched_at,
                                reports=find_reports(article, watches),
                                validators=validators if readable else None)
    return Ingested(article, saved, readable)


def watches_as_known(store: Store, watches: Sequence[Watch], policy: Policy | None = None
                     ) -> tuple[Watch, ...]:
    """Each watch as its story stands before this crawl (see `as_known`): fixed for the whole
    crawl, so the order in which its pages arrive changes nothing. The states come from the
    store when no report changed since they were built (monitor.watch_state)."""
    from monitor.events.state import as_known
    from monitor.watch_state import known_state

    return tuple(as_known(w, known_state(store, w, policy)) for w in watches)
