"""A store filled article by article, for the report's tests: real Store, real SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from monitor.model import Article, EventReport, Fact, FactKind, Status
from monitor.store import Store

WATCH_TOML = """
[[watches]]
name = "acme-berlin"
company = "Acme"
city = "Berlin"
date = "2026-03-10"
"""


def config_for(folder: Path, db: Path) -> Path:
    path = folder / "monitor.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{db}"\n\n[[sources]]\nname = "gsmarena"\n'
                    + WATCH_TOML, encoding="utf-8")
    return path


def add(store: Store, url: str, day: int, status: Status, evidence: str,
        facts: tuple[Fact, ...] = (), *, title: str | None = None, body: str | None = None,
        watch: str = "acme-berlin") -> int:
    """One article published on `day` March 2026 (or February for day <= 0) and its report."""
    published = datetime(2026, 3, 1, 9, tzinfo=UTC).replace(day=day)
    article = Article(url=url, canonical_url=url, title=title or f"Acme news of day {day}",
                      body=body or body_of(evidence, url),
                      published=published)
    saved = store.save_article(article, source="test", fetched_at=published)
    if saved.duplicate_of is None:
        # A confirmation here is the company's own word (issue 9 weighs who says so).
        basis = "on_record" if status is Status.CONFIRMED else None
        store.save_reports(saved.id, [EventReport(watch, status, evidence, facts, basis=basis)])
    return saved.id


def date_fact(value: str, evidence: str, *, supersedes: bool = False) -> Fact:
    return Fact(FactKind.DATE, value, evidence, supersedes)


def body_of(evidence: str, url: str) -> str:
    """The body `add` gives an article, so a test can store the same text again as a copy."""
    return f"{evidence} Unique text of {url} " * 20
