"""`extract_article`: one fetched page in, one `Article` out (see the package)."""

from __future__ import annotations

from datetime import datetime

from monitor.extract.article.body import extract_body
from monitor.extract.article.listing import read_listing
from monitor.extract.article.metadata import extract_metadata
from monitor.extract.article.page import parse_html
from monitor.model import Article
from monitor.sources.profiles import SiteProfile


def extract_article(
    html: str | bytes, url: str, *, fetched_at: datetime, profile: SiteProfile | None = None
) -> Article:
    """The article on the page fetched from `url` at `fetched_at`; never an exception on junk.

    `fetched_at` bounds the publication date: a page cannot state one after it was fetched
    (a day of slack allowed). Empty fields mean the page does not say.
    """
    tree = parse_html(html)
    # Before the body is taken: that prunes the tree, and a listing is told by its markup.
    listing = read_listing(tree, url, profile)
    meta = extract_metadata(tree, url, profile, fetched_at)
    body = extract_body(tree, url, profile, meta.json_ld_body, meta.title)
    return Article(
        url=url,
        canonical_url=meta.canonical_url,
        title=meta.title,
        body=body,
        published=meta.published,
        modified=meta.modified,
        authors=meta.authors,
        language=meta.language,
        site_name=meta.site_name,
        is_listing=listing is not None,
        links=listing.links if listing is not None else (),
    )
