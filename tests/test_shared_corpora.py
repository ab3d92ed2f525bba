"""Every page of every shared corpus, and of fixtures/pages, extracted and read for 3 watches.

Nothing may raise: not the extraction (placeholder dates such as 0001-01-01 and 9999-12-31,
zone offsets of +25:00, broken markup) and not the reading of the article for each watch.
The pages are the HTML files of ../shared (benchmarks, fixtures-upstream, the saved GSMArena
pages wrapped in Vue files, read as they are), the texts of real-events and of the transcribed
vulcanpost/phonearena pages (wrapped in minimal HTML, headline first), and the team's model
pages of fixtures/pages/profiles (the rest of fixtures/pages are copies of shared pages).
Skipped, with the reason, when ../shared (or MONITOR_SHARED) is absent.
"""

from __future__ import annotations

import gzip
import html
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest

from monitor.extract.article import extract_article
from monitor.extract.reading import find_reports
from monitor.model import Article, Watch
from tests.support.shared import ROOT, require_shared, shared_dir

PAGES = ROOT / "fixtures" / "pages"
# After everything the corpora hold; the bound only refuses dates later than this.
FETCHED = datetime(2026, 12, 1, tzinfo=UTC)
# The three shapes a watch takes in a config: city and date, company alone, city alone.
WATCHES = (
    Watch("xiaomi-sf", "Xiaomi", ("Lei Jun", "Lin Bin", "Hugo Barra"), "San Francisco",
          date(2015, 2, 12)),
    Watch("apple", "Apple", ("Tim Cook",)),
    Watch("samsung-london", "Samsung", ("Galaxy Unpacked",), city="London"),
)
_HTML = (".html", ".htm", ".html.gz", ".vue")

# Pages the event reader raises on, each a strict xfail with its reason (none since issue 8
# made every date computation total).
READER_RAISES: dict[str, str] = {}


def _ids() -> list[str]:
    """Every page's key (a path under ../shared, or fixtures/...), sorted; [] without shared."""
    shared = shared_dir()
    # fixtures/pages copies shared pages; only the team's own model pages are not in shared.
    keys = [f"fixtures/pages/{p.relative_to(PAGES)}" for p in _files(PAGES / "profiles")]
    if shared.is_dir():
        keys += [str(p.relative_to(shared)) for p in _files(shared)]
        keys += [str(c.relative_to(shared)) for c in (shared / "real-events").rglob("*.txt")]
        for record in sorted(shared.rglob("*.jsonl")):
            if "pages-corpus-text" in str(record):
                lines = record.read_text(encoding="utf-8").splitlines()
                keys += [f"{record.relative_to(shared)}#{i}" for i in range(len(lines))]
    return sorted(keys)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(_HTML))


def _params() -> Iterator[object]:
    for key in _ids():
        reason = READER_RAISES.get(key)
        marks = [pytest.mark.xfail(reason=reason, strict=True, raises=Exception)] if reason else []
        yield pytest.param(key, marks=marks, id=key)


@cache
def _urls() -> dict[str, str]:
    """The original URL of each benchmark page, for site and date rules that read URLs."""
    truth = shared_dir() / "benchmarks" / "article-extraction" / "ground-truth.json"
    found = json.loads(truth.read_text(encoding="utf-8")) if truth.is_file() else {}
    return {f"{page_id}.html.gz": item["url"] for page_id, item in found.items()}


def _page(key: str) -> tuple[bytes, str]:
    """The page's bytes and the URL it is read under."""
    if key.startswith("fixtures/"):
        path = ROOT / key
        return _bytes(path), _fixture_url(path)
    shared = require_shared()
    if "#" in key:
        name, line = key.split("#")
        record = json.loads((shared / name).read_text(encoding="utf-8").splitlines()[int(line)])
        title, _, body = record["text"].partition("\n")
        return _wrapped(title, body), record["url"]
    path = shared / key
    if path.suffix == ".txt":
        case = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        return _wrapped(title, body), case["url"]
    return _bytes(path), _urls().get(path.name, f"https://example.com/{path.name}")


def _bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def _fixture_url(path: Path) -> str:
    expected = path.parent / (path.name.split(".", 1)[0] + ".json")
    if expected.is_file():
        return str(json.loads(expected.read_text(encoding="utf-8"))["url"])
    return f"https://example.com/{path.name}"


def _wrapped(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.splitlines() if p.strip())
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body><article>"
        f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


@cache
def _extracted(key: str) -> Article:
    data, url = _page(key)
    return extract_article(data, url, fetched_at=FETCHED)


@pytest.mark.parametrize("key", list(_params()))
def test_page_extracts_and_reads_for_three_watches_without_an_exception(key: str) -> None:
    article = _extracted(key)
    assert article.url and isinstance(article.body, str)
    if not article.is_listing:
        # The pipeline and `monitor extract` read no listing; every other page is read.
        find_reports(article, WATCHES)


def test_the_walk_covers_every_corpus() -> None:
    shared = require_shared()
    keys = _ids()
    assert sum(k.startswith("benchmarks/") for k in keys) == len(_urls()) == 181
    assert sum(k.startswith("real-events/") for k in keys) >= 70
    assert any(k.endswith(".vue") for k in keys)
    assert any("#" in k for k in keys)
    upstream = [k for k in keys if k.startswith("fixtures-upstream/") and "#" not in k]
    assert len(upstream) == len(_files(shared / "fixtures-upstream"))


def test_articles_yield_text() -> None:
    require_shared()
    articles = [k for k in _ids() if not _extracted(k).is_listing]
    empty = [k for k in articles if not _extracted(k).body.strip()]
    # A handful of saved pages are stripped shells; articles must yield text.
    assert len(empty) <= 0.05 * len(articles), empty
