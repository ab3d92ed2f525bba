"""Extraction and reading in worker processes (issue 13): a dead worker is replaced, log
records come home, and no lxml parser is shared between threads."""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

from monitor.extract.article.page import _parser, parse_html
from monitor.model import Watch
from monitor.similarity import fingerprint
from monitor.workers import CpuPool, extract_page, read_and_fingerprint, read_article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WHEN = datetime(2026, 12, 1, tzinfo=UTC)


def _die_once(marker: str) -> int:
    """Kills its worker the first time (a native crash, as far as the pool can tell)."""
    if not os.path.exists(marker):
        Path(marker).touch()
        os._exit(134)
    return os.getpid()


def _warn(message: str) -> int:
    logging.getLogger("monitor.test_workers").warning("%s", message)
    return os.getpid()


@deferred_f_from_coro_f
async def test_a_worker_that_dies_is_replaced_and_the_call_tried_again(tmp_path: Path) -> None:
    pool = CpuPool(1)
    try:
        pid = await pool.run(_die_once, str(tmp_path / "died"))
    finally:
        pool.close()
    assert (tmp_path / "died").exists()
    assert pid != os.getpid()


@deferred_f_from_coro_f
async def test_log_records_of_a_worker_reach_this_process(
        caplog: pytest.LogCaptureFixture) -> None:
    pool = CpuPool(1)
    with caplog.at_level(logging.WARNING, logger="monitor.test_workers"):
        try:
            pid = await pool.run(_warn, "from a worker")
        finally:
            pool.close()  # waits for the records to be handed over
    assert pid != os.getpid()
    assert [r.getMessage() for r in caplog.records if r.name == "monitor.test_workers"] == [
        "from a worker"]


@pytest.mark.parametrize("workers", [0, 2])
@deferred_f_from_coro_f
async def test_extraction_reading_and_fingerprint_are_the_same_in_a_worker_and_here(
        workers: int) -> None:
    pages = sorted((FIXTURES / "story" / "pages").glob("g*.html"))[:3]
    assert pages
    watch = Watch(name="xiaomi-sf", company="Xiaomi", aliases=("Lei Jun",), city="San Francisco")
    pool = CpuPool(workers)

    try:
        for page in pages:
            url = f"https://www.gsmarena.com/{page.stem}.php"
            body = page.read_bytes()
            article = await pool.run(extract_page, body, "text/html; charset=utf-8", url, "x",
                                     WHEN)
            reports, fp = await pool.run(read_and_fingerprint, article, (watch,))
            here = extract_page(body, "text/html; charset=utf-8", url, "x", WHEN)
            assert article == here
            assert reports == read_article(here, (watch,))
            assert fp == fingerprint(here.body)
    finally:
        pool.close()


def test_each_thread_parses_with_its_own_parser() -> None:
    seen: list[object] = []

    def parse() -> None:
        assert parse_html(b"<p>hello</p>") is not None
        seen.append(_parser())

    threads = [threading.Thread(target=parse) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(p) for p in [*seen, _parser()]}) == 3
