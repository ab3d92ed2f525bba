"""Hostile input that used to crash: a gzip bomb in `monitor extract`, dates UTC cannot hold."""

from __future__ import annotations

import gzip
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from monitor.cli import EXIT_USAGE, main
from monitor.model import Article
from monitor.store import Store


def test_extract_refuses_a_gzip_bomb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    packed = b"".join(packer.compress(chunk) for _ in range(40)) + packer.flush()
    bomb = tmp_path / "page.html.gz"
    bomb.write_bytes(packed)  # 40 MiB of zeros in well under a MiB
    assert main(["extract", str(bomb), "--url", "https://example.com/a"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "unpacks to more than 32 MiB" in err and "page.html.gz" in err


def test_extract_still_reads_a_gzipped_page(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(b"<html><head><title>Hello</title></head><body><article>"
                                   b"<p>" + b"Some words here. " * 30 + b"</p></article></body>"
                                   b"</html>"))
    assert main(["extract", str(page), "--url", "https://example.com/a"]) == 0
    assert "title:     Hello" in capsys.readouterr().out


def test_extract_refuses_broken_gzip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(b"\x1f\x8bnot really gzip")
    assert main(["extract", str(page), "--url", "https://example.com/a"]) == EXIT_USAGE
    assert "not valid gzip data" in capsys.readouterr().err


@pytest.mark.parametrize("published", [
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))),  # year 0 in UTC
    datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),  # year 10000 in UTC
])
def test_a_date_utc_cannot_hold_is_stored_as_no_date(store_url: str,
                                                      published: datetime) -> None:
    article = Article(url="https://example.com/a", canonical_url="https://example.com/a", title="T",
                      body="Body text " * 20, published=published, modified=published,
                      authors=(), language="en", site_name=None)
    fetched = datetime(2026, 3, 2, tzinfo=UTC)
    with Store(store_url) as store:
        saved = store.save_page(article, source="s", fetched_at=fetched, reports=[])
        assert saved.state == "new"
        assert store.is_unchanged(article)
