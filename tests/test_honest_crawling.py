"""Honest crawling, with the real engine against real local servers.

Redirect loops and redirects (or links) to private addresses are source errors; robots.txt
answering 5xx or timing out disallows the site (RFC 9309), 4xx allows it; Retry-After on 429
and 503 holds the host, in the database, across runs; pages decode in the HTML standard's
order. A "public" source is reached through a local HTTP proxy: the engine asks it for
http://news.example.com/..., so no request leaves the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

from monitor.extract.article.page import decode_html
from monitor.sources import Source
from monitor.store import Store
from tests.support.crawling import crawl, fast_settings
from tests.support.http_server import LocalServer, Route, redirect, rss_feed, serve

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "http://news.example.com"


class CountingListener:
    """A TCP port that counts connections and closes them: where a redirect must not go."""

    def __init__(self) -> None:
        self.connections = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def __enter__(self) -> CountingListener:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()


@pytest.fixture
def via_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A local server that Scrapy reaches as the proxy for every http:// host but 127.0.0.1."""
    with serve() as proxy:
        monkeypatch.setenv("http_proxy", proxy.root)
        monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
        yield proxy


@deferred_f_from_coro_f
async def test_redirect_loops_are_source_errors() -> None:
    with serve() as server:
        server.routes.update({
            "/two": redirect("/two-b", 302), "/two-b": redirect("/two", 302),
            "/three": redirect("/three-b"), "/three-b": redirect("/three-c"),
            "/three-c": redirect("/three"),
            "/self": redirect("/self", 307),
        })
        sources = [Source(n, feeds=(server.url(f"/{n}"),)) for n in ("two", "three", "self")]
        result = await crawl(sources, fast_settings())
    u = server.url
    assert result.errors == {
        "two": [f"{u('/two')}: redirect loop: {u('/two')} -> {u('/two-b')} -> {u('/two')}"],
        "three": [f"{u('/three')}: redirect loop: {u('/three')} -> {u('/three-b')} -> "
                  f"{u('/three-c')} -> {u('/three')}"],
        "self": [f"{u('/self')}: redirect loop: {u('/self')} -> {u('/self')}"],
    }


@deferred_f_from_coro_f
async def test_a_public_feed_redirecting_to_a_local_port_is_refused(
        via_proxy: LocalServer) -> None:
    with CountingListener() as redis_like:
        inside = f"http://127.0.0.1:{redis_like.port}/"
        via_proxy.routes[f"{PUBLIC}/feed"] = redirect(inside, 302)
        via_proxy.routes[f"{PUBLIC}/links"] = Route(
            rss_feed([("inside", "http://10.0.0.1:6379/x"), ("ll", "http://169.254.169.254/")]),
            content_type="application/rss+xml")
        sources = [Source("public", feeds=(f"{PUBLIC}/feed",)),
                   Source("links", feeds=(f"{PUBLIC}/links",))]
        result = await crawl(sources, fast_settings())
        connections = redis_like.connections
    assert connections == 0
    assert result.errors == {
        "public": [f"{PUBLIC}/feed: refused: redirected from {PUBLIC}/feed to {inside}, "
                   "a private or loopback address"],
        "links": ["http://10.0.0.1:6379/x: refused: to http://10.0.0.1:6379/x, a private or "
                  "loopback address",
                  "http://169.254.169.254/: refused: to http://169.254.169.254/, a private or "
                  "loopback address"],
    }


def _a_name_for_this_machine() -> str:
    """The machine's own host name, when it resolves to a loopback or private address."""
    import socket

    from monitor.crawl.guard import is_private_host

    name = socket.gethostname()
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, None)}
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if not addresses or not all(is_private_host(str(a)) for a in addresses):
        pytest.skip(f"{name!r} resolves to a public address here: {sorted(addresses)}")
    return name


@deferred_f_from_coro_f
async def test_a_public_feed_linking_to_a_name_that_resolves_inside_is_refused(
        via_proxy: LocalServer) -> None:
    name = _a_name_for_this_machine()
    with CountingListener() as inside:
        link = f"http://{name}:{inside.port}/admin"
        via_proxy.routes[f"{PUBLIC}/feed"] = Route(rss_feed([("in", link)]),
                                                  content_type="application/rss+xml")
        result = await crawl([Source("public", feeds=(f"{PUBLIC}/feed",))], fast_settings())
        connections = inside.connections
    assert connections == 0
    (error,) = result.errors["public"]
    assert error.startswith(
        f"{link}: refused: to {link}, a private or loopback address ({name} is ")


@deferred_f_from_coro_f
async def test_a_source_on_a_local_address_may_redirect_there() -> None:
    with serve() as server:
        server.routes["/old"] = redirect("/feed")
        server.routes["/feed"] = Route(rss_feed([]), content_type="application/rss+xml")
        result = await crawl([Source("local", feeds=(server.url("/old"),))], fast_settings())
    assert result.errors == {}


@pytest.mark.parametrize(("robots", "allowed", "why"), [
    (Route(b"oops", status=500), False, "robots.txt answered HTTP 500"),
    (Route(b"down", status=503), False, "robots.txt answered HTTP 503"),
    (Route(b"User-agent: *\n", delay=3), False, "robots.txt timed out"),
    (Route(b"gone", status=404), True, ""),
    (Route(b"no", status=401), True, ""),
])
@deferred_f_from_coro_f
async def test_robots_txt_unreachable_disallows_and_4xx_allows(
        robots: Route, allowed: bool, why: str) -> None:
    with serve() as server:
        server.routes["/robots.txt"] = robots
        server.routes["/feed"] = Route(rss_feed([]), content_type="application/rss+xml")
        source = Source("s", feeds=(server.url("/feed"),))
        result = await crawl([source], fast_settings(DOWNLOAD_TIMEOUT=1))
        fetched = "/feed" in server.paths()
        # Next run, robots.txt answers: the site is crawled again.
        server.routes["/robots.txt"] = Route(b"User-agent: *\n", content_type="text/plain")
        server.requests.clear()
        recovered = await crawl([source], fast_settings(DOWNLOAD_TIMEOUT=1))
    assert fetched is allowed
    if allowed:
        assert result.errors == {}
    else:
        assert result.errors == {"s": [f"{server.url('/feed')}: {why}: crawling disallowed "
                                       "until it recovers (RFC 9309)"]}
    assert recovered.errors == {} and "/feed" in server.paths()


@deferred_f_from_coro_f
async def test_retry_after_holds_the_host_across_runs_in_the_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    monkeypatch.setenv("MONITOR_NOW", t0.isoformat())
    with serve() as server, Store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        server.routes["/feed"] = Route(b"slow down", status=429,
                                       headers={"Retry-After": "3600"})
        source = Source("s", feeds=(server.url("/feed"),))
        settings = {"RETRY_TIMES": 2}  # the in-run retries Retry-After must stop
        first = await crawl([source], fast_settings(validator_store=store, **settings))
        first_hits = server.paths().count("/feed")
        hold = store.host_hold(f"127.0.0.1:{server.port}")

        monkeypatch.setenv("MONITOR_NOW", (t0 + timedelta(minutes=15)).isoformat())
        server.routes["/feed"] = Route(rss_feed([]), content_type="application/rss+xml")
        server.requests.clear()
        waiting = await crawl([source], fast_settings(validator_store=store))
        waiting_paths = server.paths()

        monkeypatch.setenv("MONITOR_NOW", (t0 + timedelta(minutes=61)).isoformat())
        after = await crawl([source], fast_settings(validator_store=store))
    assert first.errors == {"s": [f"{server.url('/feed')}: HTTP 429"]}
    assert first_hits == 1
    assert hold == (t0 + timedelta(hours=1), "HTTP 429 with Retry-After")
    assert waiting_paths == [] and waiting.errors == {}
    assert waiting.spider.source_skipped["s"].startswith(f"127.0.0.1:{server.port} asked to be "
                                                        "left alone until 2026-03-02T09:00:00")
    assert after.errors == {} and "/feed" in server.paths()


@deferred_f_from_coro_f
async def test_retry_after_as_a_date_on_503_and_capped_at_a_day(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    t0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    monkeypatch.setenv("MONITOR_NOW", t0.isoformat())
    with serve() as a, serve() as b, Store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        a.routes["/feed"] = Route(b"", status=503,
                                  headers={"Retry-After": "Mon, 02 Mar 2026 10:30:00 GMT"})
        b.routes["/feed"] = Route(b"", status=429, headers={"Retry-After": "99999999"})
        await crawl([Source("a", feeds=(a.url("/feed"),)), Source("b", feeds=(b.url("/feed"),))],
                    fast_settings(validator_store=store))
        assert store.host_hold(f"127.0.0.1:{a.port}") == (
            datetime(2026, 3, 2, 10, 30, tzinfo=UTC), "HTTP 503 with Retry-After")
        until_b = store.host_hold(f"127.0.0.1:{b.port}")
    assert until_b is not None and until_b[0] == t0 + timedelta(days=1)


def test_health_counts_a_redirect_loop_and_a_private_redirect(tmp_path: Path) -> None:
    with serve() as proxy, serve() as site:
        proxy.routes[f"{PUBLIC}/feed"] = redirect(site.url("/inside"), 302)
        site.routes["/loop"] = redirect("/loop", 307)
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'[store]\nurl = "sqlite:///{tmp_path / "m.db"}"\n[crawl]\ndownload_delay = 0\n'
            "[health]\nfailures = 1\n"
            f'[[sources]]\nname = "public"\nfeed = "{PUBLIC}/feed"\n'
            f'[[sources]]\nname = "loop"\nfeed = "{site.url("/loop")}"\n'
            '[[watches]]\nname = "w"\ncompany = "Xiaomi"\n', encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env.update({"http_proxy": proxy.root, "no_proxy": "127.0.0.1,localhost"})
        # -v: the summary line is logged at INFO (quiet cron, issue 11).
        run = subprocess.run([sys.executable, "-m", "monitor.cli", "crawl", "-v", "--config",
                              config],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
                             check=False)
        status = subprocess.run([sys.executable, "-m", "monitor.cli", "status", "--json",
                                 "--config", config], capture_output=True, text=True, env=env,
                                cwd=ROOT, timeout=60, check=False)
        inside_hits = site.paths().count("/inside")
    assert run.returncode == 1, run.stderr
    assert "2 source(s) failed" in run.stderr
    assert inside_hits == 0
    sources = json.loads(status.stdout)["sources"]
    assert not sources["public"]["ok"] and "private or loopback" in sources["public"]["problem"]
    assert not sources["loop"]["ok"] and "redirect loop" in sources["loop"]["problem"]


@pytest.mark.parametrize(("body", "content_type", "text"), [
    (b"<p>S\xe3o Paulo \x93quoted\x94</p>", "text/html; charset=windows-1252",
     "São Paulo “quoted”"),
    (b"<p>S\xe3o \x80</p>", "text/html; charset=ISO-8859-1", "São €"),  # latin-1 label: cp1252
    # The HTTP header outranks a wrong <meta>.
    (b'<meta charset="iso-8859-1"><p>S\xc3\xa3o</p>', "text/html; charset=utf-8", "São"),
    # <meta charset=utf-16> on ASCII-compatible bytes means UTF-8.
    (b'<meta charset="utf-16"><p>S\xc3\xa3o</p>', "text/html", "São"),
    (b'<meta charset="latin1"><p>S\xe3o \x85</p>', None, "São …"),
    # A BOM outranks everything.
    (b"\xef\xbb\xbf<p>S\xc3\xa3o</p>", "text/html; charset=windows-1252", "São"),
    (b"<p>&amp;amp; stays &amp;</p>", "text/html; charset=utf-8", "&amp;amp; stays &amp;"),
])
def test_encodings_in_the_html_standards_order(body: bytes, content_type: str | None,
                                               text: str) -> None:
    decoded = decode_html(body, content_type)
    assert text in decoded, decoded
    assert "\ufeff" not in decoded
