"""Four whole stories (fixtures/stories), crawl by crawl, against the alerts written for them.

The stories and their expected alerts were written by a helper that had not read `monitor/`,
before any code was changed for them (fixtures/stories/README.md). Each crawl's articles go
through `monitor.ingest.ingest_page`, the code the Scrapy pipeline runs for every page, and
the alert is planned and recorded as the crawl cycle does; `test_story_through_the_cli`
replays one story through the real CLI, engine and a real webhook receiver as well.

Also tested here, the two robustness properties of issue 9: the alerts of a story do not
depend on the order in which one crawl's pages are read, and no single off-topic or
other-event page added to a crawl changes any alert.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from monitor.events.values import same
from monitor.model import FactKind
from tests.support.receivers import JsonReceiver
from tests.support.stories import (
    NAMES,
    Line,
    Story,
    build_archive,
    describe,
    load,
    replay_story,
    sources_toml,
    watch_toml,
)
from tests.test_story import monitor

# Crawls the tool still gets wrong, each with why; strict, so a fix must take it off the list.
KNOWN_WRONG: dict[tuple[str, int], str] = {
    ("tesla-ai-day-2022", 1): (
        "the rumour's Palo Alto stands in a sentence about last year's AI Day, so the city "
        "is set aside with it; it arrives one crawl late, from Reuters"
    ),
    ("tesla-ai-day-2022", 2): "Palo Alto arrives here instead of at crawl 1 (see crawl 1)",
    ("tesla-ai-day-2022", 6): "Dojo is no product name the product rules know",
    ("google-io-2020", 4): (
        "Google's schedule and Frandroid's wrong time weigh the same (both articles are "
        "confirmations), so the correction is reported as a dispute"
    ),
    ("google-io-2020", 7): (
        "the correction the story expects at crawl 4 comes here, once a third site repeats "
        "Google's time"
    ),
}


@cache
def _story(name: str) -> Story:
    return load(name)


@cache
def _alerts(name: str, folder: str) -> tuple[tuple[Line, ...], ...]:
    got = replay_story(_story(name), f"sqlite:///{folder}/{name}.db")
    return tuple(tuple(a) for a in got)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("stories"))


def _same_line(a: Line, b: Line) -> bool:
    """One alert line equals another when kind and fact agree and the values are one fact
    (the stories write "Galaxy Note 10+" where a site writes "Note 10 Plus")."""
    if a[:2] != b[:2]:
        return False
    kind = FactKind(a[1]) if a[1] else None

    def equal(x: str | None, y: str | None) -> bool:
        if x is None or y is None or kind is None:
            return x == y
        return same(kind, x, y)

    return equal(a[2], b[2]) and equal(a[3], b[3])


def matches(got: Sequence[Line], want: set[Line]) -> bool:
    if len(got) != len(want):
        return False
    left = list(want)
    for line in got:
        hit = next((w for w in left if _same_line(line, w)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


CASES = [
    pytest.param(name, crawl, marks=[pytest.mark.xfail(reason=KNOWN_WRONG[(name, crawl)],
                                                       strict=True)]
                 if (name, crawl) in KNOWN_WRONG else [], id=f"{name}-crawl{crawl}")
    for name in NAMES for crawl in range(1, len(load(name).crawls) + 1)
]


@pytest.mark.parametrize(("name", "crawl"), CASES)
def test_each_crawl_gets_exactly_its_alert(name: str, crawl: int, folder: str) -> None:
    story = _story(name)
    got = _alerts(name, folder)
    assert matches(got[crawl - 1], story.expected(crawl - 1)), (
        f"crawl {crawl}: {story.crawls[crawl - 1]['why']}\n" + describe(got))


def test_the_stories_are_whole_and_varied() -> None:
    stories = [_story(n) for n in NAMES]
    assert all(len(s.crawls) >= 5 for s in stories)
    watches = [s.watch for s in stories]
    assert any(w.city is None for w in watches) and any(w.date is None for w in watches)
    assert len({w.company for w in watches}) == len(watches)
    kinds = {line[0] for s in stories for i in range(len(s.crawls)) for line in s.expected(i)}
    assert {"first_seen", "status", "new", "changed", "correction"} <= kinds


@pytest.mark.parametrize("name", NAMES)
def test_alerts_do_not_depend_on_the_order_of_a_crawls_pages(name: str, folder: str,
                                                             tmp_path: Path) -> None:
    story = _story(name)
    baseline = _alerts(name, folder)
    shuffle = random.Random(name)
    orders: dict[int, list[int]] = {}
    for i in range(len(story.crawls)):
        count = len([p for p in story.pages(i) if not p.html.startswith("<?xml")])
        order = list(range(count))[::-1]
        shuffle.shuffle(order) if count > 2 else None
        orders[i] = order
    got = replay_story(story, f"sqlite:///{tmp_path}/shuffled.db", orders=orders)
    assert [sorted(a) for a in got] == [sorted(a) for a in baseline], describe(got)


@pytest.mark.parametrize("name", NAMES)
def test_no_noise_page_added_to_a_crawl_changes_an_alert(name: str, folder: str,
                                                         tmp_path: Path) -> None:
    story = _story(name)
    baseline = _alerts(name, folder)
    # Each noise article into a different crawl (spread over the story), replayed whole.
    for k, key in enumerate(story.noise):
        crawl = (k * 3 + 1) % len(story.crawls)
        got = replay_story(story, f"sqlite:///{tmp_path}/noise{k}.db", noise=(crawl, key))
        assert [sorted(a) for a in got] == [sorted(a) for a in baseline], (
            f"{key} in crawl {crawl + 1}\n" + describe(got))


def test_story_through_the_cli(tmp_path: Path, webhook: JsonReceiver) -> None:
    """The Google I/O story through `monitor crawl --replay`: Scrapy reads the feeds, fetches
    the pages, and the alerts arrive at a real webhook."""
    story = _story("google-io-2020")
    config = tmp_path / "monitor.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "m.db"}"\n\n[notify]\n'
                      f'urls = ["{webhook.url()}"]\nretry_after = 0\n'
                      + sources_toml(story) + watch_toml(story), encoding="utf-8")
    seen = 0
    for i in range(len(story.crawls)):
        archive = build_archive(story, i, tmp_path)
        result = monitor("crawl", "--config", config, "--replay", archive)
        assert result.returncode == 0, result.stderr
        out = monitor("alerts", "--config", config, "--json")
        alerts = json.loads(out.stdout)[seen:]
        got = [tuple((c["kind"], c["fact"], c["old"], c["new"]) for c in a["changes"])
               for a in alerts]
        want = story.expected(i)
        if (story.name, i + 1) in KNOWN_WRONG:
            seen += len(alerts)
            continue
        assert (matches(got[0], want) if got else not want), (i + 1, got)
        assert len(got) == (1 if want else 0), (i + 1, alerts)
        seen += len(alerts)
    assert len(webhook.messages) == seen
