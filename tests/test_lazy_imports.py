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
    assert settings["REMOTE_CONTROL_ENABLED"] is False
    # What Scrapy resolves the component tables to, and what resolving them imported: a key
    # set to None in EXTENSIONS would still be imported (aiohttp for RemoteControl).
    loaded = _loaded_after("""
        from scrapy.settings import Settings
        from monitor.crawl.settings import crawl_settings

        settings = Settings(crawl_settings())
        extensions = settings.get_component_priority_dict_with_base("EXTENSIONS")
        middlewares = settings.get_component_priority_dict_with_base("DOWNLOADER_MIDDLEWARES")
        assert "scrapy.extensions.remote_control.RemoteControl" not in extensions
        assert "scrapy.extensions.corestats.CoreStats" in extensions
        assert "monitor.crawl.budget.TimeBudget" in extensions
        assert "scrapy.downloadermiddlewares.cookies.CookiesMiddleware" not in middlewares
        assert "scrapy.downloadermiddlewares.retry.RetryMiddleware" in middlewares
    """)
    assert not loaded & {"aiohttp", "tldextract", "scrapy.extensions.remote_control",
                         "scrapy.downloadermiddlewares.cookies"}


def test_no_spider_callback_is_a_generator_returning_a_value() -> None:
    # What WARN_ON_GENERATOR_RETURN_VALUE would check at every response, which the crawl
    # settings turn off for its cost (monitor.crawl.settings).
    import inspect

    from scrapy.utils.misc import is_generator_with_return_value

    from monitor.crawl.spider import NewsSpider

    assert crawl_settings()["WARN_ON_GENERATOR_RETURN_VALUE"] is False
    generators = [f for _, f in inspect.getmembers(NewsSpider, inspect.isfunction)
                  if inspect.isgeneratorfunction(f)]
    assert {f.__name__ for f in generators} >= {"parse_listing", "parse_article"}
    assert not [f.__name__ for f in generators if is_generator_with_return_value(f)]
