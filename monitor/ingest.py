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
    skipped = skip_unstorable(article, source)
    if skipped is not None:
        return skipped
    readable = is_readable(article)
    # Read before storing, and store both at once: an article stored without its reading
    # would be skipped as unchanged by every later run (issue 10). Reading an article
    # stored with the same text is skipped; if it changed meanwhile, the store says so.
    reports = None if store.is_unchanged(article) else find_reports(article, watches)
    kept = kept_validators(article, validators)
    try:
        saved = store.save_page(article, source=source, fetched_at=fetched_at, reports=reports,
                                validators=kept)
    except ReadingNeeded:
        saved = store.save_page(article, source=source, fetched_at=fetched_at,
                                reports=find_reports(article, watches), validators=kept)
    return Ingested(article, saved, readable)


def is_readable(article: Article) -> bool:
    """A title and a body were found."""
    return bool(article.title and article.body.strip())


def skip_unstorable(article: Article, source: str) -> Ingested | None:
    """What became of a page that is not stored (a listing, no body text); None to store it."""
    if article.is_listing:
        # Teasers of other stories: not an article, never read; the crawl follows its links.
        return Ingested(article, None, readable=False)
    if not is_readable(article):
        log.warning("%s: %s: no %s found", source, article.url,
                    "title" if not article.title else "body text")
        if not article.body.strip():
            return Ingested(article, None, readable=False)
    return None


def kept_validators(article: Article, validators: Mapping[str, tuple[str | None, str | None]] | None
                    ) -> Mapping[str, tuple[str | None, str | None]] | None:
    """The validators to store with `article`: none for a page without a readable article,
    so the next run fetches it whole instead of being told 304 about nothing worth keeping."""
    return validators if is_readable(article) else None


def watches_as_known(store: Store, watches: Sequence[Watch], policy: Policy | None = None
                     ) -> tuple[Watch, ...]:
    """Each watch as its story stands before this crawl (see `as_known`): fixed for the whole
    crawl, so the order in which its pages arrive changes nothing. The states come from the
    store when no report changed since they were built (monitor.watch_state)."""
    from monitor.events.state import as_known
    from monitor.watch_state import known_state

    return tuple(as_known(w, known_state(store, w, policy)) for w in watches)
