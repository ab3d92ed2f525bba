"""Saving articles with their dedupe rules, and the event reports read from them.

Identity: an article is known by every canonicalised URL that led to it (its fetch URLs and the
canonical URL pages declared), kept in `article_urls`. Copies: an article whose whitespace-
normalised body equals an original's under another URL, or that is a near-copy of one (a
syndicated or scraped copy, see monitor.similarity), is stored with `duplicate_of` pointing at
that original, and its reports do not count. Invariant: `duplicate_of` always names an original
(itself not a duplicate). Near-copies are judged when an article is first seen; an article's
own later edits never make it a copy of its own earlier copies. A canonical link to another
site marks a copy of that site's article, not an alias of it.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, selectinload

from monitor import similarity
from monitor.model import Article, EventReport, Fact, FactKind, Status
from monitor.store.errors import NotFound
from monitor.store.models import (
    ArticleKeyRow,
    ArticleRow,
    ArticleUrlRow,
    FactRow,
    ReportRow,
    WatchMarkRow,
)
from monitor.store.records import SavedArticle, StoredCopy, StoredReport
from monitor.store.types import storable
from monitor.urls import canonical_url, site_of

# Bound parameters per IN query, well under every backend's limit.
CHUNK = 500
# Near-copy candidates checked per new article: the originals sharing the most lookup keys
# with it. A copy shares about half or more of its 32 keys with its original; an unrelated
# article a common phrase or two. So the check costs the same at 1k or 1M stored.
NEAR_CANDIDATES = 24
# Postings read per lookup key. A key that more originals than this share is a common
# phrase's (boilerplate, a stock sentence), which says little about which article a text
# copies: a copy shares about half its keys with its original, nearly all of them rare. Read
# in full, such keys made the lookup grow with the store (issue 13: at 100k stored, 2,505
# postings for one text's 32 keys, 7,109 on the most common key; 6 ms of PostgreSQL's time).
KEY_POSTINGS = 32


def body_hash(body: str) -> str | None:
    """sha256 of the body with whitespace runs collapsed; None when there is no text."""
    text = " ".join(body.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None


def _keys(article: Article) -> tuple[str, str, str | None]:
    """(canonical URL to store under, canonicalised fetch URL, another site's canonical)."""
    fetch_url = canonical_url(article.url)
    canon = canonical_url(article.canonical_url or article.url)
    if site_of(canon) != site_of(fetch_url):
        # A page on one site naming another site's article as canonical is a syndicated copy
        # of it (or an AMP cache's): never the same article, whose text it would overwrite.
        return fetch_url, fetch_url, canon
    return canon, fetch_url, None


def is_unchanged(s: Session, article: Article) -> bool:
    """Whether saving `article` would find it stored with the same text (nothing to read)."""
    canon, fetch_url, _ = _keys(article)
    row = _find(s, canon, fetch_url)
    return row is not None and row.body_hash == body_hash(article.body)


def save_article(
    s: Session, article: Article, *, source: str, fetched_at: datetime,
    fingerprint: similarity.Fingerprint | None = None,
) -> SavedArticle:
    """`fingerprint` is the body's, when the caller computed it (off the store's one writer
    thread); it is computed here otherwise, and only for a text the store lacks."""
    canon, fetch_url, elsewhere = _keys(article)
    origin = _resolve(s, _find(s, elsewhere, elsewhere)) if elsewhere else None
    digest = body_hash(article.body)
    row = _find(s, canon, fetch_url)
    if row is None or row.body_hash != digest:
        fp = fingerprint or similarity.fingerprint(article.body)
    if row is None:
        original = origin or _original_with_hash(s, digest) or _original_near(s, fp)
        row = ArticleRow(
            url=article.url,
            canonical_url=canon,
            source=source,
            first_fetched_at=fetched_at,
            checked_at=fetched_at,
            duplicate_of=original.id if original else None,
        )
        _copy_content(row, article, canon, digest, fetched_at)
        s.add(row)
        s.flush()
        _alias(s, row.id, canon, fetch_url)
        _set_fingerprint(s, row, fp, keyed=original is None)
        return SavedArticle(row.id, "duplicate" if original else "new", canon, row.duplicate_of)

    _alias(s, row.id, canon, fetch_url)
    row.checked_at = max(row.checked_at, fetched_at)
    if row.body_hash == digest:
        return SavedArticle(row.id, "unchanged", row.canonical_url, row.duplicate_of)

    # Its reports stand in what it now says (and, should it become a copy, no longer count).
    touch_watches(s, _report_watches(s, row.id))
    if row.duplicate_of is None:
        _promote_copies(s, row)
    _copy_content(row, article, row.canonical_url, digest, fetched_at)
    original = origin if origin and origin.id != row.id else _original_with_hash(
        s, digest, besides=row.id)
    row.duplicate_of = original.id if original else None
    _set_fingerprint(s, row, fp, keyed=original is None)
    if original:
        # Its reports were read from text it no longer has; callers do not re-read copies.
        _replace_reports(s, row.id, [])
        # Its near-copies follow it to the original, which must never be a copy itself.
        s.execute(sa.update(ArticleRow).where(ArticleRow.duplicate_of == row.id)
                  .values(duplicate_of=original.id))
    state = "duplicate" if original else "updated"
    return SavedArticle(row.id, state, row.canonical_url, row.duplicate_of)


def _resolve(s: Session, row: ArticleRow | None) -> ArticleRow | None:
    """The original behind an article (itself, unless it is a copy)."""
    if row is None or row.duplicate_of is None:
        return row
    return s.get(ArticleRow, row.duplicate_of)


def known_urls(s: Session, urls: Iterable[str]) -> set[str]:
    by_canon: dict[str, list[str]] = {}
    for url in urls:
        by_canon.setdefault(canonical_url(url), []).append(url)
    keys = sorted(by_canon)
    found: set[str] = set()
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        for hit in s.scalars(sa.select(ArticleUrlRow.url).where(ArticleUrlRow.url.in_(chunk))):
            found.update(by_canon[hit])
    return found


def last_checks(s: Session, urls: Iterable[str]) -> dict[str, datetime]:
    """For those of `urls` that lead to a stored article: when it was last fetched."""
    by_canon: dict[str, list[str]] = {}
    for url in urls:
        by_canon.setdefault(canonical_url(url), []).append(url)
    keys = sorted(by_canon)
    found: dict[str, datetime] = {}
    for start in range(0, len(keys), CHUNK):
        rows = s.execute(
            sa.select(ArticleUrlRow.url, ArticleRow.checked_at)
            .join(ArticleRow, ArticleRow.id == ArticleUrlRow.article_id)
            .where(ArticleUrlRow.url.in_(keys[start : start + CHUNK])))
        for hit, checked in rows:
            found.update(dict.fromkeys(by_canon[hit], checked))
    return found


def _find(s: Session, canon: str, fetch_url: str) -> ArticleRow | None:
    # The declared canonical URL wins over the fetch URL when they lead to different articles.
    hits = dict(
        s.execute(
            sa.select(ArticleUrlRow.url, ArticleUrlRow.article_id).where(
                ArticleUrlRow.url.in_({canon, fetch_url})
            )
        ).all()
    )
    article_id = hits.get(canon, hits.get(fetch_url))
    return None if article_id is None else s.get(ArticleRow, article_id)


def _alias(s: Session, article_id: int, *urls: str) -> None:
    known = set(s.scalars(sa.select(ArticleUrlRow.url).where(ArticleUrlRow.url.in_(set(urls)))))
    for url in sorted(set(urls) - known):
        s.add(ArticleUrlRow(url=url, article_id=article_id))
    s.flush()


def _original_with_hash(
    s: Session, digest: str | None, besides: int | None = None
) -> ArticleRow | None:
    if digest is None:
        return None
    query = sa.select(ArticleRow).where(
        ArticleRow.body_hash == digest, ArticleRow.duplicate_of.is_(None)
    )
    if besides is not None:
        query = query.where(ArticleRow.id != besides)
    return s.scalars(query.order_by(ArticleRow.id).limit(1)).first()


@functools.cache
def key_postings(count: int) -> sa.Select[tuple[str, int]]:
    """(key, article_id) for each of `count` lookup keys (bound as k0, k1, ...): its newest
    KEY_POSTINGS + 1 postings, read from the (key, article_id) index without touching a row,
    so at most count x (KEY_POSTINGS + 1) index entries however many articles are stored.
    Built once per count: building the statement took longer than PostgreSQL took to run it."""
    per_key = [
        sa.select(ArticleKeyRow.key, ArticleKeyRow.article_id)
        .where(ArticleKeyRow.key == sa.bindparam(f"k{n}"))
        .order_by(ArticleKeyRow.article_id.desc()).limit(KEY_POSTINGS + 1).subquery()
        for n in range(count)
    ]
    return sa.union_all(*(sa.select(p.c.key, p.c.article_id) for p in per_key))


def near_candidates(postings: Iterable[sa.Row[tuple[str, int]]] | Iterable[tuple[str, int]]
                    ) -> list[int]:
    """The NEAR_CANDIDATES originals sharing the most rare keys with a text, then the most
    common ones (ties: the oldest), from `key_postings`' rows.

    A key with more than KEY_POSTINGS postings is a common phrase's: every original that has
    it would count it, and those that have the most such phrases (the most boilerplate)
    would crowd out the original, which a copy mostly shares rare keys with. Measured at 100k
    stored: a text sharing all 32 keys with its original, 26 of them common, ranked the
    original below 24 others when all keys counted alike.
    """
    by_key: dict[str, list[int]] = {}
    for key, article_id in postings:
        by_key.setdefault(key, []).append(article_id)
    rare: Counter[int] = Counter()
    common: Counter[int] = Counter()
    for ids in by_key.values():
        (common if len(ids) > KEY_POSTINGS else rare).update(ids)
    ranked = sorted(rare.keys() | common.keys(), key=lambda a: (-rare[a], -common[a], a))
    return ranked[:NEAR_CANDIDATES]


def _original_near(s: Session, fp: similarity.Fingerprint) -> ArticleRow | None:
    """The oldest original this text is a near-copy of, among the candidates sharing the
    most keys with it (`near_candidates`); only their fingerprints are loaded."""
    keys = sorted(set(similarity.bands(fp)))
    if not keys:
        return None  # too short to judge: only the exact-hash rule applies
    ranked = near_candidates(s.execute(key_postings(len(keys)),
                                       {f"k{n}": key for n, key in enumerate(keys)}))
    if not ranked:
        return None
    candidates = s.execute(
        sa.select(ArticleRow.id, ArticleRow.fingerprint)
        .where(ArticleRow.id.in_(ranked), ArticleRow.duplicate_of.is_(None),
               ArticleRow.fingerprint.is_not(None))
        .order_by(ArticleRow.id)
    ).all()
    for article_id, text in candidates:
        if similarity.is_copy(fp, similarity.Fingerprint.from_str(text)):
            return s.get(ArticleRow, article_id)
    return None


def _set_fingerprint(
    s: Session, row: ArticleRow, fp: similarity.Fingerprint, *, keyed: bool
) -> None:
    """Store the fingerprint; lookup keys only for an original (`keyed`)."""
    row.fingerprint = fp.to_str() if fp.judgeable else None
    s.execute(sa.delete(ArticleKeyRow).where(ArticleKeyRow.article_id == row.id))
    if keyed:
        _add_keys(s, row.id, fp)
    s.flush()


def _add_keys(s: Session, article_id: int, fp: similarity.Fingerprint) -> None:
    for key in sorted(set(similarity.bands(fp))):
        s.add(ArticleKeyRow(article_id=article_id, key=key))


def _promote_copies(s: Session, original: ArticleRow) -> None:
    """The original's text is about to change: its oldest exact copy becomes the original.

    Near-copies stay with the original: they copied an earlier version of the same article.
    """
    copies = list(
        s.scalars(
            sa.select(ArticleRow)
            .where(ArticleRow.duplicate_of == original.id,
                   ArticleRow.body_hash == original.body_hash)
            .order_by(ArticleRow.id)
        )
    )
    if not copies:
        return
    heir, *rest = copies
    heir.duplicate_of = None
    for copy in rest:
        copy.duplicate_of = heir.id
    # An original now: it takes the lookup keys of its text (copies have none).
    if heir.fingerprint is not None:
        s.execute(sa.delete(ArticleKeyRow).where(ArticleKeyRow.article_id == heir.id))
        _add_keys(s, heir.id, similarity.Fingerprint.from_str(heir.fingerprint))
    # The copies' reports were never saved (callers skip duplicates); the original's reports were
    # read from the same text, so they are the heir's until the heir is parsed again.
    heir_watches = _report_watches(s, heir.id)
    if not heir_watches:
        _replace_reports(s, heir.id, _event_reports(s, original.id))
    touch_watches(s, heir_watches)
    s.flush()


def _copy_content(
    row: ArticleRow, article: Article, canon: str, digest: str | None, fetched_at: datetime
) -> None:
    row.site = site_of(canon)
    row.title = article.title
    row.body = article.body
    row.body_hash = digest
    # A date no UTC time can hold (0001-01-01 with an offset east of Greenwich) is no date,
    # rather than a crash that loses the article.
    row.published = storable(article.published)
    row.modified = storable(article.modified)
    row.authors = list(article.authors)
    row.language = article.language
    row.site_name = article.site_name
    row.fetched_at = fetched_at


def save_reports(s: Session, article_id: int, reports: Sequence[EventReport]) -> None:
    if s.get(ArticleRow, article_id) is None:
        raise NotFound(f"no article with id {article_id}")
    watches = [r.watch for r in reports]
    if len(set(watches)) != len(watches):
        raise ValueError(f"article {article_id}: more than one report for a watch: {watches}")
    _replace_reports(s, article_id, reports)


def _report_watches(s: Session, article_id: int) -> set[str]:
    return set(s.scalars(sa.select(ReportRow.watch).where(ReportRow.article_id == article_id)))


def touch_watches(s: Session, watches: Iterable[str], appended: Collection[str] = ()
                  ) -> dict[str, int]:
    """Count a change in what these watches' reports say (see WatchMarkRow); returns each
    watch's new count. A watch in `appended` only gained a report on an article that had
    none on it; any other change is a rewrite, after which no summary folds (`rewritten`)."""
    counts: dict[str, int] = {}
    # One pass in name order: two writers lock the marks they share in the same order.
    for watch in sorted(set(watches) | set(appended)):
        bump: dict[str, Any] = {"changed": WatchMarkRow.changed + 1}
        if watch not in appended:
            bump["rewritten"] = WatchMarkRow.changed + 1
        updated = s.execute(sa.update(WatchMarkRow).where(WatchMarkRow.watch == watch)
                            .values(**bump))
        if not updated.rowcount:  # type: ignore[attr-defined]
            s.add(WatchMarkRow(watch=watch, changed=1,
                               rewritten=None if watch in appended else 1))
            s.flush()
        # Read back under the row lock the update took: this transaction's own count.
        counts[watch] = s.scalar(sa.select(WatchMarkRow.changed)
                                 .where(WatchMarkRow.watch == watch))
    return counts


def watch_mark(s: Session, watch: str) -> WatchMarkRow | None:
    return s.get(WatchMarkRow, watch)


# The mark without the state and summary kept (JSON that grows with the watch's reports):
# all a plan reads to find that nothing changed since the last quiet one.
_MARK_COUNTS = sa.select(
    WatchMarkRow.changed, WatchMarkRow.quiet_changed, WatchMarkRow.quiet_version,
    WatchMarkRow.quiet_key, WatchMarkRow.state_changed, WatchMarkRow.state_key,
    WatchMarkRow.rewritten, WatchMarkRow.fold_changed, WatchMarkRow.fold_key,
).where(WatchMarkRow.watch == sa.bindparam("watch"))


def watch_mark_counts(conn: Connection, watch: str) -> sa.Row[Any] | None:
    return conn.execute(_MARK_COUNTS, {"watch": watch}).first()


def _mark_row(s: Session, watch: str, changed: int) -> WatchMarkRow:
    row = s.get(WatchMarkRow, watch)
    if row is None:
        row = WatchMarkRow(watch=watch, changed=changed)
        s.add(row)
    return row


def set_quiet(s: Session, watch: str, changed: int, version: int, key: str) -> None:
    """Record that planning `watch` at change count `changed` found no alert due."""
    row = _mark_row(s, watch, changed)
    row.quiet_changed, row.quiet_version, row.quiet_key = changed, version, key
    s.flush()


def keep_state(s: Session, watch: str, changed: int, key: str,
               state: dict[str, Any] | None, fold: dict[str, Any] | None = None) -> None:
    row = _mark_row(s, watch, changed)
    row.state_changed, row.state_key, row.state = changed, key, state
    if fold is not None:
        row.fold_changed, row.fold_key, row.fold = changed, key, fold
    s.flush()


def _replace_reports(s: Session, article_id: int, reports: Sequence[EventReport]) -> None:
    had = _report_watches(s, article_id)
    counts = touch_watches(s, had, appended={r.watch for r in reports} - had)
    # Facts go with their report through ON DELETE CASCADE (SQLite: foreign_keys=ON).
    s.execute(sa.delete(ReportRow).where(ReportRow.article_id == article_id))
    for report in reports:
        s.add(
            ReportRow(
                article_id=article_id,
                watch=report.watch,
                status=str(report.status),
                status_evidence=report.status_evidence,
                basis=report.basis,
                seq=counts[report.watch],
                facts=[
                    FactRow(position=i, kind=str(f.kind), value=f.value, evidence=f.evidence,
                            supersedes=f.supersedes)
                    for i, f in enumerate(report.facts)
                ],
            )
        )
    s.flush()


def _event_report(row: ReportRow) -> EventReport:
    return EventReport(
        watch=row.watch,
        status=Status(row.status),
        status_evidence=row.status_evidence,
        facts=tuple(Fact(FactKind(f.kind), f.value, f.evidence, f.supersedes)
                    for f in row.facts),
        basis=row.basis,
    )


def _event_reports(s: Session, article_id: int) -> list[EventReport]:
    rows = s.scalars(
        sa.select(ReportRow)
        .where(ReportRow.article_id == article_id)
        .options(selectinload(ReportRow.facts))
        .order_by(ReportRow.id)
    )
    return [_event_report(r) for r in rows]


def reports_for(s: Session, watch: str, *, upto: int | None = None, after: int | None = None
                ) -> list[StoredReport]:
    """The watch's reports from originals; with `upto`, those numbered at most `upto` (and
    those from before reports were numbered); with `after`, only those numbered above it."""
    # Plain rows, not ORM objects: building objects cost seven times the query.
    query = (
        sa.select(ReportRow.id, ReportRow.status, ReportRow.status_evidence, ReportRow.basis,
                  ArticleRow.id, ArticleRow.url, ArticleRow.canonical_url, ArticleRow.site,
                  ArticleRow.source, ArticleRow.title, ArticleRow.published,
                  ArticleRow.fetched_at)
        .join(ArticleRow, ArticleRow.id == ReportRow.article_id)
        .where(ReportRow.watch == watch, ArticleRow.duplicate_of.is_(None))
    )
    if after is not None:
        # Numbered reports only, so the (watch, seq) index gives the range without a scan.
        query = query.where(ReportRow.seq > after)
        if upto is not None:
            query = query.where(ReportRow.seq <= upto)
    elif upto is not None:
        query = query.where(sa.or_(ReportRow.seq.is_(None), ReportRow.seq <= upto))
    rows = s.execute(query).all()
    facts: dict[int, list[Fact]] = {}
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), CHUNK):
        for report_id, kind, value, evidence, supersedes in s.execute(
            sa.select(FactRow.report_id, FactRow.kind, FactRow.value, FactRow.evidence,
                      FactRow.supersedes)
            .where(FactRow.report_id.in_(ids[start:start + CHUNK]))
            .order_by(FactRow.report_id, FactRow.position)
        ):
            facts.setdefault(report_id, []).append(
                Fact(FactKind(kind), value, evidence, supersedes))
    stored = [
        StoredReport(
            article_id=article_id,
            url=url,
            canonical_url=canon,
            site=site,
            source=source,
            title=title,
            published=published,
            fetched_at=fetched_at,
            report=EventReport(watch=watch, status=Status(status),
                               status_evidence=status_evidence,
                               facts=tuple(facts.get(report_id, ())), basis=basis),
        )
        for (report_id, status, status_evidence, basis, article_id, url, canon, site, source,
             title, published, fetched_at) in rows
    ]
    # Sorted here, not in SQL: the backends disagree on where NULL dates go.
    stored.sort(key=lambda x: (x.published is None, x.published or x.fetched_at, x.article_id))
    return stored


def copies_of(s: Session, article_ids: Iterable[int]) -> list[StoredCopy]:
    """The copies set aside in favour of these originals, oldest fetch first."""
    ids = sorted(set(article_ids))
    found: list[StoredCopy] = []
    for start in range(0, len(ids), CHUNK):
        rows = s.scalars(sa.select(ArticleRow).where(
            ArticleRow.duplicate_of.in_(ids[start:start + CHUNK]))).all()
        found.extend(StoredCopy(r.id, r.url, r.site, r.title, r.published, r.fetched_at,
                                r.duplicate_of) for r in rows if r.duplicate_of is not None)
    found.sort(key=lambda c: (c.fetched_at, c.article_id))
    return found
