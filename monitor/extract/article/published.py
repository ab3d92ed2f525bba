"""When a page was published: plausible stamps only, and htmldate where our own rules find none.

Our rules (JSON-LD, <meta>, the site's and generic selectors, in metadata.py) come first: on
the hand-checked pages they are right more often than htmldate whenever they find a stamp at
all (see bench/extraction.py). htmldate reads what they miss: visible bylines, dates in the
URL, markup we have no selector for. It guesses, too, so it gets the page without its
metadata and scripts: the metadata is ours to judge (from a refused 2026-07-22 it would make
2026-07-01), and scripts hold comment widgets' timestamps. A day it returns that the page
labels as an update is refused: a page showing only "last updated" states no publication.
Without its metadata htmldate is as right on those pages as with it (bench/extraction.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import deepcopy
from datetime import UTC, date, datetime, timedelta, tzinfo

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from monitor.extract.article.timestamps import parse_timestamp

# Before the web had news sites; also what placeholder dates (0001-01-01, 1970-01-01) fall under.
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
# A page cannot be published after it was fetched; a day of slack covers clocks and zones.
SLACK = timedelta(days=1)
_UPDATED = re.compile(r"\b(?:updated|modified|aktualisiert|mis à jour|actualizado)\b", re.I)
_TIMES = etree.XPath("//time[@datetime]")
# What htmldate does not get to read; see the module doc.
_NOT_FOR_HTMLDATE = etree.XPath("//script|//style|//noscript|//meta")


def latest_plausible(fetched_at: datetime) -> datetime:
    """The latest publication time a page fetched at `fetched_at` can state."""
    return _utc(fetched_at) + SLACK


def plausible(stamp: datetime, latest: datetime) -> bool:
    """Whether `stamp` (naive means UTC) lies between 1995 and `latest`."""
    try:
        return EARLIEST <= _utc(stamp) <= latest
    except OverflowError:  # 0001-01-01 east of UTC, 9999-12-31 west of it
        return False


def plausible_stamps(candidates: Iterable[str | None], latest: datetime) -> list[datetime]:
    """Parsed plausible stamps in order, up to and with the first one that names a zone."""
    # Later candidates cannot change the answer once one carries a zone.
    found: list[datetime] = []
    for candidate in candidates:
        stamp = parse_timestamp(candidate)
        if stamp is None or not plausible(stamp, latest):
            continue
        found.append(stamp)
        if stamp.tzinfo is not None:
            break
    return found


def htmldate_published(
    tree: HtmlElement, url: str, zone: tzinfo | None, latest: datetime
) -> datetime | None:
    """htmldate's publication day, at midnight in the page's zone; None when it has none."""
    updated = _updated_days(tree)
    bare = deepcopy(tree)
    for element in _NOT_FOR_HTMLDATE(bare):
        element.drop_tree()
    found = find_date(
        bare,
        extensive_search=False,
        original_date=True,
        url=url,
        # A date in the URL is the weakest evidence: used only when the markup has none.
        deferred_url_extractor=True,
        min_date=EARLIEST.date().isoformat(),
        max_date=latest.date().isoformat(),
    )
    if not found:
        return None
    day = date.fromisoformat(found)
    if day in updated:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=zone or UTC)


def _updated_days(tree: HtmlElement) -> set[date]:
    days = set()
    for element in _TIMES(tree):
        parent = element.getparent()
        context = parent.text_content() if parent is not None else element.text_content()
        if _UPDATED.search(context) and (stamp := parse_timestamp(element.get("datetime"))):
            days.add(stamp.date())
    return days


def _utc(stamp: datetime) -> datetime:
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
