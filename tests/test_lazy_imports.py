"""What a cron run's main process loads: only what it uses (issue 13, an idle run's cost)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from monitor.crawl.settings import crawl_settings

# Body extraction and the cue patterns run in worker processes; the main process crawls,
# reads listings, plans and stores.
WORKER_ONLY = ("trafilatura", "monitor.extract.reading.analysis",
               "monitor.extract.reading.report", "monitor.extract.article.body")


def _loaded_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + textwrap.dedent("""
        import sys
        print("\\n".join(sorted(sys.modules)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    return set(done.stdout.split())


def test_the_crawl_side_imports_no_extractor_and_no_cue_patterns() -> None:
    loaded = _loaded_after("""
        import monitor.cli, monitor.crawl, monitor.pipelines, monitor.ingest
        import monitor.events.state, monitor.watch_state
        from monitor.extract.article.listing import read_listing
    """)
    assert not loaded & set(WORKER_ONLY)


def test_the_extractor_is_still_reached_through_its_package() -> None:
    from monitor.extract.article import extract_article
    from monitor.extract.article.extract import extract_article as direct

    assert extract_article is direct


def test_scrapys_remote_control_server_is_off_and_not_imported() -> None:
    settings = crawl_settings()
    assert settings["EXTENSIONS"]["scrapy.extensions.remote_control.RemoteControl"] is None
    assert settings["REMOTE_CONTROL_ENABLED"] is False
    assert settings["DOWNLOADER_MIDDLEWARES"][
        "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"] is None
