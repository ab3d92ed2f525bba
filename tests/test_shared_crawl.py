"""scrapy-redis for real: three `scrapy crawl news` workers share one poll through Redis.

The workers are real processes on the machine's Redis (127.0.0.1:6379) and one SQLite file,
crawling a local site of 300 pages that counts every request it gets.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import _unavailable
from tests.support.http_server import serve
from tests.support.workers import (
    fill_site,
    finish_workers,
    responses,
    start_workers,
    worker_config,
)

REDIS_URL = os.environ.get("MONITOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_server() -> object:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis not reachable at {REDIS_URL}: {exc}")
    return client


def test_three_workers_share_each_poll_and_leave_no_keys(
        tmp_path: Path, redis_server: object) -> None:
    import redis

    assert isinstance(redis_server, redis.Redis)
    db = tmp_path / "monitor.db"
    with serve() as site:
        fill_site(site, range(300))
        config = worker_config(tmp_path, f"sqlite:///{db}", site, 0, REDIS_URL)
        polls = []
        for number, pages in ((1, range(300)), (2, range(310))):
            fill_site(site, pages)  # the second poll finds ten new items in the feed
            site.requests.clear()
            run_id = f"test-{uuid.uuid4().hex[:8]}-{number}"
            results = finish_workers(start_workers(3, config, run_id))
            for code, log in results:
                assert code == 0, log[-3000:]
                assert "Deprecat" not in log and "Traceback" not in log, log[-3000:]
            assert redis_server.keys(f"monitor:{run_id}:*") == []
            polls.append((run_id, Counter(site.paths()), [responses(log) for _, log in results]))

    (run1, fetched1, split1), (run2, fetched2, _) = polls
    articles = {f"/news/{n}.html" for n in range(300)}
    # Every page once per poll, however many workers: the queue and seen-set are shared.
    assert {p for p in fetched1 if p.startswith("/news/")} == articles
    assert all(fetched1[p] == 1 for p in [*articles, "/feed.xml"])
    # The second poll does not remember the first: the feed and its new items are fetched.
    new = {f"/news/{n}.html" for n in range(300, 310)}
    assert fetched2["/feed.xml"] == 1
    assert all(fetched2[p] == 1 for p in new | articles)
    # The work was split: each worker received responses (robots.txt alone is one).
    assert sum(split1) >= 302 and sum(1 for n in split1 if n > 1) >= 2, split1
    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("select count(*) from articles").fetchone()
        runs = conn.execute("select run, pages, entries from source_runs order by id").fetchall()
    assert stored == 310
    # Three workers of one poll are one run of the source, for source health.
    assert runs == [(run1, 300, 300), (run2, 10, 310)]


def test_workers_keep_the_delay_between_them(tmp_path: Path, redis_server: object) -> None:
    import itertools
    import time

    from tests.support.http_server import Seen

    arrivals: list[float] = []
    with serve() as site:
        fill_site(site, range(12))

        def arrived(seen: Seen) -> None:
            if seen.path.startswith("/news/"):
                arrivals.append(time.monotonic())

        site.on_request = arrived
        config = worker_config(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", site, 0.5, REDIS_URL)
        results = finish_workers(start_workers(2, config, f"test-{uuid.uuid4().hex[:8]}"))
    assert all(code == 0 for code, _ in results), results[0][1][-3000:]
    assert len(arrivals) == 12
    gaps = [b - a for a, b in itertools.pairwise(sorted(arrivals))]
    # One site, two workers, 0.5 s configured: never two requests closer than that, less
    # what can pass between a worker taking the slot and the request reaching the site
    # (milliseconds here; 0.1 s allowed for a machine busy with other work).
    assert min(gaps) >= 0.4, gaps
