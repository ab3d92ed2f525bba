from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from monitor.config import ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """
[[sources]]
name = "gsmarena"

[[watches]]
name = "xiaomi-sf"
company = "Xiaomi"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_watches_the_example_event() -> None:
    config = load_config(ROOT / "monitor.toml")
    assert [s.name for s in config.sources] == ["gsmarena", "phonearena", "vulcanpost"]
    (watch,) = config.watches
    assert (watch.company, watch.city, watch.date) == ("Xiaomi", "San Francisco",
                                                        dt.date(2015, 2, 12))
    assert watch.aliases == ("Lei Jun", "Lin Bin", "Hugo Barra")
    assert config.store_url == "sqlite:///monitor.db"
    assert config.notify_urls == ()
    assert all(s.feeds for s in config.sources)


def test_defaults_and_feed_and_sitemap_sources(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + """
[[sources]]
name = "androidheadlines"
feed = "https://www.androidheadlines.com/feed"

[[sources]]
name = "techcrunch-news"
sitemap = "https://techcrunch.com/news-sitemap.xml"
""")
    config = parse_config(__import__("tomllib").loads(path.read_text()), path, {})
    assert config.store_url == "sqlite:///monitor.db"
    feed = config.source("androidheadlines")
    assert feed.feeds == ("https://www.androidheadlines.com/feed",) and feed.profile is None
    assert config.source("techcrunch-news").sitemaps == ("https://techcrunch.com/news-sitemap.xml",)
    assert config.watches[0].city is None and config.watches[0].date is None


def test_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, '[store]\nurl = "sqlite:///a.db"\n[notify]\nurls = ["json://x"]\n'
                 + MINIMAL)
    monkeypatch.setenv("MONITOR_STORE_URL", "sqlite:///b.db")
    monkeypatch.setenv("MONITOR_NOTIFY_URLS", " json://one  mailto://two ")
    config = load_config(path)
    assert config.store_url == "sqlite:///b.db"
    assert config.notify_urls == ("json://one", "mailto://two")


def test_monitor_config_variable_names_the_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, MINIMAL)
    monkeypatch.setenv("MONITOR_CONFIG", str(path))
    assert load_config().path == path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL + "\n[store]\nurll = 'x'\n", "unknown key 'store.urll'"),
        ("bogus = 1\n" + MINIMAL, "unknown key 'bogus'"),
        (MINIMAL + "\nbogus = 1\n", "unknown key 'watches[0].bogus'"),
        ("[[sources]]\nname='gsmarena'\n[[watches]]\nname='w'\n",
         "watches[0]: missing required key 'company'"),
        ("[[sources]]\nname='gsmarena'\n[[watches]]\nname='w'\ncompany='X'\ndate='12/02/2015'\n",
         "watches[0].date: expected a date such as 2015-02-12, got '12/02/2015'"),
        ("[[sources]]\nname='nosuch'\n[[watches]]\nname='w'\ncompany='X'\n",
         "sources[0].name: expected a built-in profile (gsmarena, phonearena, vulcanpost)"),
        ("[[sources]]\nname='x'\nfeed='ftp://x'\n[[watches]]\nname='w'\ncompany='X'\n",
         "sources[0].feed: expected an http(s) URL, got 'ftp://x'"),
        ("[[watches]]\nname='w'\ncompany='X'\n", "sources: expected at least one"),
        ("[[sources]]\nname='gsmarena'\n", "watches: expected at least one"),
        (MINIMAL + "[[watches]]\nname='xiaomi-sf'\ncompany='X'\n",
         "watches.name: expected names that differ from each other, got 'xiaomi-sf'"),
        (MINIMAL + "[notify]\nurls='json://x'\n", "notify.urls: expected a list of non-empty"),
        ("[[sources]\n", "not valid TOML"),
    ],
)
def test_config_errors_name_file_key_and_expectation(tmp_path: Path, text: str,
                                                     message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
