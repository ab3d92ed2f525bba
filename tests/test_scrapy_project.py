"""The same spider, middlewares and pipeline run as a plain Scrapy project (and so Scrapyd)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.support.story import build_archive

ROOT = Path(__file__).resolve().parent.parent


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_scrapy_lists_the_news_spider() -> None:
    result = scrapy("list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["news"]


def test_scrapy_crawl_news_stores_articles_from_the_config(tmp_path: Path) -> None:
    archive = build_archive("crawl3", tmp_path)
    config = tmp_path / "monitor.toml"
    db = tmp_path / "m.db"
    # Only GSMArena here, unlike ./monitor.toml: the spider must read this file, not that one.
    config.write_text((ROOT / "monitor.toml").read_text(encoding="utf-8").replace(
        "sqlite:///monitor.db", f"sqlite:///{db}").replace(
        '[[sources]]\nname = "phonearena"\n', "").replace(
        '[[sources]]\nname = "vulcanpost"\n', ""), encoding="utf-8")
    result = scrapy("crawl", "news", "-s", f"MONITOR_CONFIG={config}",
                    "-s", f"MONITOR_REPLAY={archive}", "-s", "LOG_LEVEL=INFO")
    assert result.returncode == 0, result.stderr
    assert "'item_scraped_count': 2" in result.stderr
    with sqlite3.connect(db) as conn:
        (articles,) = conn.execute("select count(*) from articles").fetchone()
        (reports,) = conn.execute("select count(*) from reports").fetchone()
        runs = conn.execute("select source, pages, errors from source_runs").fetchall()
    assert (articles, reports) == (2, 2)
    # Source health is recorded as by `monitor crawl`, for `monitor alert` to act on.
    assert runs == [("gsmarena", 2, "[]")]
