"""Event reading: what an article says about each watched event. Pure, no Scrapy.

`analysis` reads the article once (sentences, clauses, what each names); per watch,
`resolve` places each clause against the watched event or another one, `claims` judges what
each sentence says of it (predicate, polarity, modality, source: `cues` and `rules` are the
data) and `report` gives the status with its evidence and the facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from monitor.extract.reading.companies import company_pattern
from monitor.model import Article, EventReport, Watch

if TYPE_CHECKING:
    from monitor.extract.reading.analysis import Analysis

__all__ = ["find_reports", "report_for"]


def find_reports(article: Article, watches: Sequence[Watch]) -> list[EventReport]:
    """One report per watch whose event the article is about, in watch order."""
    # Imported here, not above: the cue patterns take a third of a second to compile, and a
    # process that only needs the places or company names of this package (the crawl's main
    # process, `monitor alert`) should not pay for them.
    from monitor.extract.reading.analysis import analyse
    from monitor.extract.reading.report import report_for as _report_for

    analyses: dict[object, Analysis] = {}
    reports = []
    text = f"{article.title or ''}\n{article.body}"
    for watch in watches:
        # An article that never names the company, an alias or a watched person says nothing
        # of its event: it is not read for it at all.
        named = company_pattern([watch.company, *watch.aliases])
        if named is None or not named.search(text):
            continue
        # Without a publication day, relative dates are placed against the watched day.
        key = None if article.published else watch.date
        if key not in analyses:
            analyses[key] = analyse(article, None if article.published else watch.date)
        if (report := _report_for(analyses[key], watch)) is not None:
            reports.append(report)
    return reports


def report_for(article: Article, watch: Watch) -> EventReport | None:
    """What `article` says about `watch`'s event, or None when it is not about that event."""
    reports = find_reports(article, [watch])
    return reports[0] if reports else None
