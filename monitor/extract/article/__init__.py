"""`extract_article`: one fetched page in, one `Article` out; what the rest of monitor calls."""

from __future__ import annotations

from monitor.extract.article.body import extract_body
from monitor.extract.article.metadata import extract_metadata
from monitor.extract.article.page import parse_html
from monitor.model import Article
from monitor.sources.profiles import SiteProfile


def extract_article(html: str | bytes, url: str, *, profile: SiteProfile | None = None) -> Article:
    """The article on the page fetched from `url`; empty fields, never an exception, on junk."""
    tree = parse_html(html)
    meta = extract_metadata(tree, url, profile)
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
    )
