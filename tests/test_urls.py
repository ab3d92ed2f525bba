"""canonical_url and site_of, as tables of real-looking URLs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.urls import canonical_url, site_of

CANONICAL = [
    # (input, expected)
    (
        "HTTPS://WWW.GSMArena.com/xiaomi-news-123.php",
        "https://www.gsmarena.com/xiaomi-news-123.php",
    ),
    ("https://www.gsmarena.com:443/a.php", "https://www.gsmarena.com/a.php"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("https://example.com:80/a", "https://example.com:80/a"),
    ("https://example.com/a#comments", "https://example.com/a"),
    ("https://example.com/a?", "https://example.com/a"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com./a", "https://example.com/a"),
    # www. and scheme are kept: they can serve different pages.
    ("https://gsmarena.com/a", "https://gsmarena.com/a"),
    ("http://www.gsmarena.com/a", "http://www.gsmarena.com/a"),
    # path case and trailing slash are kept
    ("https://example.com/News/Story/", "https://example.com/News/Story/"),
    # tracking parameters
    (
        "https://vulcanpost.com/1/xiaomi/?utm_source=feedburner&utm_medium=feed&utm_campaign=x",
        "https://vulcanpost.com/1/xiaomi/",
    ),
    ("https://example.com/a?UTM_Source=x&id=3", "https://example.com/a?id=3"),
    ("https://example.com/a?fbclid=IwAR0abc", "https://example.com/a"),
    ("https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&ref=tw", "https://example.com/a"),
    ("https://example.com/a?ref_src=twsrc&cmpid=rss&ncid=x&ito=1", "https://example.com/a"),
    ("https://example.com/a?_ga=2.1&igshid=x&spm=a.b", "https://example.com/a"),
    ("https://example.com/a?pk_campaign=x&mtm_source=y", "https://example.com/a"),
    # remaining parameters sorted, encoding and blank values preserved
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/s?q=lei%20jun&p=2", "https://example.com/s?p=2&q=lei%20jun"),
    ("https://example.com/a?id=&x", "https://example.com/a?id=&x"),
    ("https://example.com/a?&&id=1&", "https://example.com/a?id=1"),
    (
        "https://www.phonearena.com/news/x_id66000?page=2",
        "https://www.phonearena.com/news/x_id66000?page=2",
    ),
    # AMP spellings of the same article
    ("https://vulcanpost.com/2015/02/xiaomi/amp/", "https://vulcanpost.com/2015/02/xiaomi/"),
    ("https://example.com/news/xiaomi/amp", "https://example.com/news/xiaomi"),
    ("https://example.com/news/xiaomi/AMP/", "https://example.com/news/xiaomi/"),
    ("https://example.com/news/xiaomi?amp", "https://example.com/news/xiaomi"),
    ("https://example.com/news/xiaomi?amp=1&id=4", "https://example.com/news/xiaomi?id=4"),
    ("https://example.com/news/xiaomi?outputType=amp", "https://example.com/news/xiaomi"),
    # ... but not where it could be something else
    ("https://example.com/amp", "https://example.com/amp"),
    ("https://example.com/amp/", "https://example.com/amp/"),
    ("https://example.com/amp/news/xiaomi", "https://example.com/amp/news/xiaomi"),
    ("https://example.com/news/champ", "https://example.com/news/champ"),
    ("https://example.com/a?outputType=json", "https://example.com/a?outputType=json"),
    ("https://amp.example.com/news/x", "https://amp.example.com/news/x"),
    # not an http(s) URL: trimmed, otherwise unchanged
    ("  /relative/path?utm_source=x ", "/relative/path?utm_source=x"),
    ("mailto:someone@example.com", "mailto:someone@example.com"),
    # IPv6 literal and user info survive
    ("http://[::1]:8080/a?utm_source=x", "http://[::1]:8080/a"),
    ("http://User@Example.com/a", "http://User@example.com/a"),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "expected"), CANONICAL)
def test_canonical_url_is_idempotent(url: str, expected: str) -> None:
    assert canonical_url(canonical_url(url)) == canonical_url(url)


SITES = [
    ("https://www.gsmarena.com/x", "gsmarena.com"),
    ("https://m.gsmarena.com/x", "gsmarena.com"),
    ("https://GSMArena.com", "gsmarena.com"),
    ("https://www.phonearena.com/news/x_id1", "phonearena.com"),
    ("vulcanpost.com", "vulcanpost.com"),
    ("www.vulcanpost.com/2015/02/x/", "vulcanpost.com"),
    ("https://www.bbc.co.uk/news/technology-1", "bbc.co.uk"),
    ("https://news.bbc.co.uk/x", "bbc.co.uk"),
    ("https://www.smh.com.au/technology", "smh.com.au"),
    ("https://www.straitstimes.com.sg/x", "straitstimes.com.sg"),
    ("https://tech.sina.com.cn/x", "sina.com.cn"),
    ("https://www.itmedia.co.jp/news/", "itmedia.co.jp"),
    ("https://example.co.uk", "example.co.uk"),
    ("https://someone.blogspot.com/2015/02/x.html", "someone.blogspot.com"),
    ("https://www.example.com:8443/x", "example.com"),
    ("http://127.0.0.1:8080/feed", "127.0.0.1"),
    ("http://[::1]/x", "::1"),
    ("http://localhost:8000/x", "localhost"),
    ("https://example.com./x", "example.com"),
    ("", ""),
    # Public Suffix List (tldextract's bundled snapshot): suffixes our old list of 50 lacked.
    ("https://nation.co.ke/news/x", "nation.co.ke"),
    ("https://www.standardmedia.co.ke/x", "standardmedia.co.ke"),
    ("https://www.elmundo.com.es/x", "elmundo.com.es"),
    ("https://www.bmi.gv.at/x", "bmi.gv.at"),
    ("https://www.timesofmalta.com.mt/x", "timesofmalta.com.mt"),
    ("https://tech.blog.gov.uk/x", "blog.gov.uk"),
    # ... and its private section: each app or page on a shared host is its own site.
    ("https://one-app.vercel.app/x", "one-app.vercel.app"),
    ("https://other-app.vercel.app/x", "other-app.vercel.app"),
    ("https://news-bot.herokuapp.com/x", "news-bot.herokuapp.com"),
    ("https://someone.github.io/blog/x", "someone.github.io"),
    # Shared hosts the list does not name, kept as before.
    ("https://someone.wordpress.com/2015/02/x/", "someone.wordpress.com"),
    ("https://someone.substack.com/p/x", "someone.substack.com"),
    # A host that is itself a public suffix is its own site.
    ("https://co.uk/x", "co.uk"),
]


@pytest.mark.parametrize(("url", "expected"), SITES)
def test_site_of(url: str, expected: str) -> None:
    assert site_of(url) == expected


def test_two_sites_on_one_country_suffix_are_independent_sources() -> None:
    assert site_of("https://nation.co.ke/a") != site_of("https://www.standardmedia.co.ke/b")
    assert site_of("https://www.nation.co.ke/a") == site_of("https://nation.co.ke/b")


def test_the_suffix_list_is_the_bundled_snapshot_with_no_fetch_and_no_cache(tmp_path: Path) -> None:
    """With the network unreachable and a fresh cache folder, site_of works and writes nothing."""
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from monitor.urls import site_of\n"
        "assert site_of('https://nation.co.ke/x') == 'nation.co.ke'\n"
        "assert site_of('https://a.vercel.app/x') == 'a.vercel.app'\n"
    )
    env = {**os.environ, "TLDEXTRACT_CACHE": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    assert list(tmp_path.rglob("*")) == []
