"""What a cron run's main process loads: only what it uses (issue 13, an idle run's cost)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

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


def test_scrapys_tls_aliases_keep_their_module_and_inspect_stack_is_put_back() -> None:
    # monitor.crawl.runner imports the download handler with a cheap `inspect.stack()`.
    loaded = _loaded_after("""
        import inspect
        real = inspect.stack
        import monitor.crawl.runner
        from scrapy.core.downloader import contextfactory, tls

        assert inspect.stack is real
        assert tls.ScrapyClientTLSOptions.__module__ == "scrapy.core.downloader.tls"
        for name in ("ScrapyClientContextFactory", "AcceptableProtocolsContextFactory"):
            alias = getattr(contextfactory, name)
            assert alias.__module__ == "scrapy.core.downloader.contextfactory", alias
    """)
    assert "scrapy.core.downloader.handlers.http11" in loaded


def test_a_304_lowers_the_autothrottle_delay_as_a_200_does_never_below_download_delay() -> None:
    from types import SimpleNamespace

    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.settings import Settings
    from scrapy.utils.test import get_crawler

    from monitor.crawl.throttle import AutoThrottle

    extensions = Settings(crawl_settings()).get_component_priority_dict_with_base("EXTENSIONS")
    assert "monitor.crawl.throttle.AutoThrottle" in extensions
    assert "scrapy.extensions.throttle.AutoThrottle" not in extensions

    def delay_after(status: int, *, delay: float, latency: float, floor: float) -> float:
        throttle = AutoThrottle(get_crawler(Spider, {"AUTOTHROTTLE_ENABLED": True}))
        throttle.mindelay, throttle.maxdelay = floor, 60.0
        slot = SimpleNamespace(delay=delay)
        throttle._adjust_delay(slot, latency, Response("https://example.com/", status=status))
        return float(slot.delay)

    assert delay_after(304, delay=0.011, latency=0.001, floor=0) == \
        delay_after(200, delay=0.011, latency=0.001, floor=0) == 0.006
    assert delay_after(404, delay=0.011, latency=0.001, floor=0) == 0.011  # Scrapy's rule
    assert delay_after(304, delay=1.2, latency=0.001, floor=1.0) == 1.0  # DOWNLOAD_DELAY
    assert delay_after(304, delay=1.0, latency=3.0, floor=1.0) == 3.0  # a slow site: up


def test_the_gc_paused_for_startup_collects_again_once_the_command_has_started(
        tmp_path: Path) -> None:
    # `run` pauses the cyclic GC while the command imports; `_started` freezes what is loaded
    # and switches it back on, for every command (a crawl and an alert once they are loaded).
    script = textwrap.dedent(f"""
        import atexit, gc, sys
        import monitor.cli as cli
        seen = []
        real = cli._started
        def started():
            seen.append(gc.isenabled())
            real()
            seen.append(gc.isenabled())
        cli._started = started
        atexit.register(lambda: print(seen, gc.isenabled(), gc.get_freeze_count() > 0))
        sys.argv = ["monitor", "init", {str(tmp_path / "monitor.toml")!r}]
        cli.run()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.split("\n")[-2] == "[False, True, True, True] True True"
