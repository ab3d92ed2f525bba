"""The second storyline: a conflict, an update, a scraped copy, a move, a postponement, and
two watches in one config, replayed through the real CLI to a real webhook receiver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.receivers import JsonReceiver
from tests.support.story import STORY_TOML, TURNS, build_archive
from tests.test_story import monitor

CONFIG = """
[store]
url = "sqlite:///{db}"

[notify]
urls = ["{hook}"]

{story}
[[watches]]
name = "huawei-london"
company = "Huawei"
city = "London"
"""

Line = tuple[str, str | None, str | None, str]  # change, fact, old value, new value

# Per crawl, per watch: exactly the alert lines expected; a watch absent gets no alert.
EXPECTED: dict[str, dict[str, list[Line]]] = {
    "turns/crawlA": {
        "xiaomi-sf": [("first_seen", None, None, "rumored"),
                      ("new", "company", None, "Xiaomi"),
                      ("new", "date", None, "2015-02-12"),
                      ("new", "city", None, "San Francisco")],
        "huawei-london": [("first_seen", None, None, "confirmed"),
                          ("new", "company", None, "Huawei"),
                          ("new", "date", None, "2015-04-15"),
                          ("new", "city", None, "London"),
                          ("new", "product", None, "Huawei P8")],
    },
    # Phone Arena says 13 February; the scraped copy of GSMArena's rumour says nothing new.
    "turns/crawlB": {"xiaomi-sf": [("conflict", "date", "2015-02-12", "2015-02-13")]},
    # GSMArena updated its rumour in place: invitations are out.
    "turns/crawlC": {"xiaomi-sf": [("status", None, "rumored", "confirmed")]},
    # Moved to the 24th; Vulcan Post repeats Huawei's known facts (corroboration only).
    "turns/crawlD": {"xiaomi-sf": [("changed", "date", "2015-02-12", "2015-02-24")]},
    "turns/crawlE": {"xiaomi-sf": [("status", None, "confirmed", "postponed")]},
}


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("turns")
    return {crawl: build_archive(crawl, folder) for crawl in TURNS}




def write_config(folder: Path, webhook: JsonReceiver) -> Path:
    config = folder / "monitor.toml"
    config.write_text(CONFIG.format(db=folder / "m.db", hook=webhook.url(), story=STORY_TOML),
                      encoding="utf-8")
    return config


def alerts(config: Path) -> list[dict[str, object]]:
    out = monitor("alerts", "--config", config, "--json")
    assert out.returncode == 0, out.stderr
    return list(json.loads(out.stdout))


def test_turns_alert_exactly_once_per_move(tmp_path: Path, archives: dict[str, Path],
                                           webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, webhook)
    seen = 0
    for crawl in TURNS:
        result = monitor("crawl", "--config", config, "--replay", archives[crawl])
        assert result.returncode == 0, f"{crawl}: {result.stderr}"
        new = alerts(config)[seen:]
        got = {a["watch"]: [(c["kind"], c["fact"], c["old"], c["new"])  # type: ignore[index]
                            for c in a["changes"]] for a in new}  # type: ignore[attr-defined]
        assert got == EXPECTED[crawl], crawl
        assert len(webhook.messages) == seen + len(new), crawl
        seen += len(new)
    assert seen == 6
    titles = [m["title"] for m in webhook.messages]
    assert len(set(titles)) == len(titles)
    # The conflict names both sides and who says what.
    conflict = webhook.messages[2]["message"]
    assert "13 February 2015" in conflict and "12 February 2015" in conflict
    assert "phonearena.com" in conflict
    # Everything again: nothing new to say.
    for crawl in TURNS:
        assert monitor("crawl", "--config", config, "--replay", archives[crawl]).returncode == 0
    assert len(webhook.messages) == 6


def test_scraped_copy_is_stored_as_a_copy_not_a_source(tmp_path: Path,
                                                       archives: dict[str, Path],
                                                       webhook: JsonReceiver) -> None:
    config = write_config(tmp_path, webhook)
    for crawl in TURNS[:2]:
        assert monitor("crawl", "--config", config, "--replay", archives[crawl]).returncode == 0
    status = json.loads(monitor("status", "--config", config, "--json").stdout)
    # GSMArena and Phone Arena wrote their own articles; Vulcan Post's scraped copy is no source.
    assert status["watches"]["xiaomi-sf"]["sites"] == ["gsmarena.com", "phonearena.com"]
