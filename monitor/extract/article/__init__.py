"""`extract_article`: one fetched page in, one `Article` out; what the rest of monitor calls.

The function lives in `extract` and is loaded on first use: the crawl's main process imports
this package only to read listings, and should not pay for the body extractor (trafilatura)
that only worker processes run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.extract.article.extract import extract_article

__all__ = ["extract_article"]


def __getattr__(name: str) -> Any:
    if name == "extract_article":
        from monitor.extract.article.extract import extract_article

        return extract_article
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
