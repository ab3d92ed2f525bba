"""extract_article on real saved pages and on the team's model page per built-in profile."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bench.fields import expected_stamp, same_day, same_instant
from monitor.extract.article import extract_article
from monitor.model import Article
from monitor.sources.profiles import PROFILES

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = sorted(PAGES.glob("*/*.json"))
# The shared corpora were collected by then; every page was fetched before it.
FETCHED = datetime(2026, 12, 1, tzinfo=UTC)


def _cases(field: str) -> list[object]:
    """Each page that states `field`, strict-xfail where its JSON records a known gap in it."""
    params: list[object] = []
    for case in CASES:
        expected = json.loads(case.read_text(encoding="utf-8"))
        if field == "body" and "body_first" not in expected:
            continue
        if field in ("modified", "site_name") and field not in expected:
            continue
        gap = expected.get("known_gaps", {}).get(field)
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        params.append(pytest.param(case, marks=marks, id=f"{case.parent.name}/{case.stem}"))
    return params


def _load(expected_path: Path) -> tuple[bytes, dict[str, Any]]:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    gz = expected_path.with_suffix(".html.gz")
    page = (
        gzip.decompress(gz.read_bytes())
        if gz.exists()
        else expected_path.with_suffix(".html").read_bytes()
    )
    return page, expected


@cache
def _extract(expected_path: Path) -> tuple[Article, dict[str, Any]]:
    # One extraction per page serves every field's test.
    page, expected = _load(expected_path)
    profile = PROFILES[expected["profile"]] if "profile" in expected else None
    return extract_article(page, expected["url"], profile=profile, fetched_at=FETCHED), expected


@pytest.mark.parametrize("case", _cases("title"))
def test_title(case: Path) -> None:
    article, expected = _extract(case)
    assert article.title == expected["title"]


@pytest.mark.parametrize("case", _cases("canonical"))
def test_canonical_url(case: Path) -> None:
    article, expected = _extract(case)
    assert article.canonical_url == expected["canonical_url"]


@pytest.mark.parametrize("case", _cases("authors"))
def test_authors(case: Path) -> None:
    article, expected = _extract(case)
    assert list(article.authors) == expected["authors"]


@pytest.mark.parametrize("case", _cases("language"))
def test_language(case: Path) -> None:
    article, expected = _extract(case)
    assert article.language == expected["language"]


@pytest.mark.parametrize("case", _cases("published"))
def test_published_day_or_none(case: Path) -> None:
    article, expected = _extract(case)
    assert same_day(article.published, expected_stamp(expected["published"]))


@pytest.mark.parametrize("case", _cases("published_time"))
def test_published_instant(case: Path) -> None:
    article, expected = _extract(case)
    assert same_instant(article.published, expected_stamp(expected["published"]))


@pytest.mark.parametrize("case", _cases("modified"))
def test_modified(case: Path) -> None:
    article, expected = _extract(case)
    assert same_instant(article.modified, expected_stamp(expected["modified"]))


@pytest.mark.parametrize("case", _cases("site_name"))
def test_site_name(case: Path) -> None:
    article, expected = _extract(case)
    assert article.site_name == expected["site_name"]


@pytest.mark.parametrize("case", _cases("body"))
def test_body_runs_from_first_to_last_sentence_without_boilerplate(case: Path) -> None:
    article, expected = _extract(case)
    lines = article.body.split("\n")
    assert expected["body_first"] in lines[0]
    assert expected["body_last"] in lines[-1]
    for boilerplate in expected["body_excludes"]:
        assert boilerplate not in article.body


def test_bytes_and_text_give_the_same_article() -> None:
    page, expected = _load(PAGES / "cnet.com" / "cnet-es-2017-twitter-lite.json")
    assert extract_article(page, expected["url"], fetched_at=FETCHED) == extract_article(
        page.decode("utf-8"), expected["url"], fetched_at=FETCHED
    )


def test_declared_legacy_charset_is_honoured() -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head>'
        "<body><article><h1>Новости</h1><p>Компания Xiaomi провела презентацию.</p></article>"
        "</body></html>"
    ).encode("cp1251")
    article = extract_article(page, "https://example.ru/news/1", fetched_at=FETCHED)
    assert article.title == "Новости"
