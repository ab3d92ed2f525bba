"""Built-in profiles: which links they treat as articles, on the sites' real 2018 homepages."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from monitor.sources.profiles import GSMARENA, PHONEARENA, VULCANPOST, SiteProfile, profile_for_url

HOMEPAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "homepages"


def _links(name: str, base: str) -> set[str]:
    tree = lxml.html.fromstring(gzip.decompress((HOMEPAGES / name).read_bytes()))
    return {urljoin(base, href.strip()) for href in tree.xpath("//a/@href")}


def _articles(profile: SiteProfile, links: set[str]) -> set[str]:
    return {link for link in links if profile.article_url.search(link)}


def test_gsmarena_profile_takes_the_twenty_news_links_of_its_homepage() -> None:
    links = _links("gsmarena-2018.html.gz", "https://www.gsmarena.com/")
    articles = _articles(GSMARENA, links)
    # Counted by hand in the saved page: 20 distinct "...-news-NNNNN.php" links.
    assert len(articles) == 20
    assert (
        "https://www.gsmarena.com/xiaomi_blackshark_skra0_spotted_on_geekbench-news-30126.php"
        in articles
    )
    for not_article in (
        "https://www.gsmarena.com/samsung_galaxy_s9-review-1734.php",
        "https://www.gsmarena.com/newscomm-30126.php",
        "https://www.gsmarena.com/xiaomi_redmi_note_5_pro-8893.php",
        "https://www.gsmarena.com/rss-news-reviews.php3",
        "https://www.gsmarena.com/news.php3",
    ):
        assert not_article in links
        assert not_article not in articles


def test_vulcanpost_profile_takes_the_ninety_six_story_links_of_its_homepage() -> None:
    links = _links("vulcanpost-2018.html.gz", "https://vulcanpost.com/")
    articles = _articles(VULCANPOST, links)
    # Counted by hand: 87 relative "/NNNNNN/slug/" links and 9 absolute ones.
    assert len(articles) == 96
    assert "https://vulcanpost.com/635954/xiaomi-smartphone-comeback-ph/" in articles
    for not_article in (
        "https://vulcanpost.com/category/geek/",
        "https://vulcanpost.com/about/",
        "http://brands.vulcanpost.com/p/qanvast/221781/qanvast-singapore-interior-design-app",
    ):
        assert not_article in links
        assert not_article not in articles


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.phonearena.com/news/Xiaomi-Mi-Note-Pro-benchmarked_id65432", True),
        ("http://www.phonearena.com/news/Xiaomi-event-in-San-Francisco-confirmed_id65501", True),
        ("https://www.phonearena.com/phones/Xiaomi-Mi-Note-Pro_id9123", False),
        ("https://www.phonearena.com/reviews/Xiaomi-Mi-4-Review_id3901", False),
        ("https://www.phonearena.com/news", False),
    ],
)
def test_phonearena_profile_article_urls(url: str, expected: bool) -> None:
    # No real Phone Arena page is in the shared fixtures, so these URLs follow its scheme.
    assert bool(PHONEARENA.article_url.search(url)) is expected


def test_profile_for_url_picks_the_site() -> None:
    assert profile_for_url("https://m.gsmarena.com/x-news-1.php") is GSMARENA
    assert profile_for_url("https://vulcanpost.com/1/x/") is VULCANPOST
    assert profile_for_url("https://notgsmarena.com/x") is None
