"""The report page in a real browser: Debian's headless chromium loads it from a story run.

chromium's --dump-dom gives the DOM as the browser built it (so the checks read what a person
would see, not the bytes we wrote), its console log would show any script error, and a
screenshot must show the page drawn. Without chromium these tests skip (fail under CI=true,
where .ci/run installs it).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from monitor.cli import EXIT_OK, main
from monitor.model import Status
from monitor.report.chart import STATUS_COLOURS
from monitor.store import Store
from tests.conftest import DemoRun, _unavailable
from tests.support import browser
from tests.support.reports import add, config_for, date_fact

HOSTILE_TITLE = '<script>console.error("xss-title")</script>Acme & Co <b>news</b>'
HOSTILE_QUOTE = '<img src=x onerror="console.error(\'xss-quote\')"> Acme confirmed "Berlin".'
HOSTILE_URL = "javascript:console.error('xss-href')"


@pytest.fixture(scope="module")
def chromium() -> str:
    path = browser.chromium_path()
    if path is None:
        _unavailable("chromium is not installed (apt-get install -y chromium)")
    assert path is not None
    return path


@pytest.fixture(scope="module")
def demo_dom(chromium: str, demo_run: DemoRun) -> tuple[browser.Loaded, lxml.html.HtmlElement]:
    assert demo_run.returncode == 0, demo_run.stderr
    loaded = browser.load(demo_run.page)
    return loaded, lxml.html.document_fromstring(loaded.dom)


def _text(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def test_story_page_reads_right_in_the_browser(demo_dom: tuple[browser.Loaded,
                                                               lxml.html.HtmlElement]) -> None:
    loaded, doc = demo_dom
    assert loaded.console == []  # no script error, no console message at all
    assert _text(doc.find(".//h1")) == "Xiaomi San Francisco event"
    assert "Status now: happened" in _text(doc.find(".//header"))
    steps = doc.xpath("//section[@aria-labelledby='path']//li")
    assert [_text(s.find(".//h3")) for s in steps] == [
        "rumored Tuesday 3 February 2015", "confirmed Tuesday 10 February 2015",
        "happened Thursday 12 February 2015"]
    assert "It's official: Xiaomi will hold its first event in the US this Thursday." in \
        _text(steps[1])
    facts = _text(doc.xpath("//section[@aria-labelledby='facts']")[0])
    for value in ("Fairmont San Francisco", "Lin Bin", "Hugo Barra", "Mi Band",
                  "Thursday 12 February 2015", "gsmarena.com"):
        assert value in facts
    alerts = doc.xpath("//section[@aria-labelledby='alerts']//tbody/tr")
    assert [_text(r.find("th")) for r in alerts] == ["#1", "#2", "#3"]
    for row in alerts:
        cells = [_text(td) for td in row.findall("td")]
        assert cells[-3:-1] == ["standard output", "delivered"], cells
    copies = doc.xpath("//section[@aria-labelledby='copies']//tbody/tr")
    assert len(copies) == 1
    marks = doc.xpath("//*[local-name()='g'][@class='alert-mark']")
    assert len(marks) == 3


def test_story_page_markup_is_accessible(demo_dom: tuple[browser.Loaded,
                                                         lxml.html.HtmlElement]) -> None:
    _, doc = demo_dom
    assert doc.get("lang") == "en"
    assert len(doc.findall(".//h1")) == 1
    assert doc.find(".//title").text_content().startswith("Xiaomi San Francisco event")
    for section in doc.findall(".//section"):
        heading = doc.get_element_by_id(section.get("aria-labelledby"))
        assert heading.tag == "h2" and _text(heading)
    tables = doc.findall(".//table")
    assert len(tables) == 4
    for table in tables:
        assert _text(table.find("caption"))
        assert all(th.get("scope") == "col" for th in table.findall("thead/tr/th"))
    (svg,) = doc.xpath("//*[local-name()='svg']")
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert "per day, by status" in _text(doc.get_element_by_id(title_id))
    assert "Alerts sent on 2015-02-03 (#1), 2015-02-10 (#2), 2015-02-13 (#3)." in \
        _text(doc.get_element_by_id(desc_id))
    for link in doc.findall(".//a"):
        assert _text(link)  # every link says where it goes


def test_screenshot_shows_the_page(chromium: str, demo_run: DemoRun, tmp_path: Path) -> None:
    from PIL import Image

    png = browser.screenshot(demo_run.page, tmp_path / "page.png", 1000, 1250)
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1000, 1250)
        colours = rgb.getcolors(maxcolors=1 << 20)
    assert colours is not None
    counts = {colour: n for n, colour in colours}
    total = rgb.size[0] * rgb.size[1]
    white = counts.get((255, 255, 255), 0)
    assert white < 0.97 * total, "the screenshot is (almost) blank"
    # The status badges and the chart's bars are drawn in their colours.
    for status in ("rumored", "confirmed", "happened"):
        value = STATUS_COLOURS[status]
        rgb_value = tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb_value, 0) > 2000, f"{status} ({value}) is not drawn"


def test_page_text_holding_markup_arrives_as_text(chromium: str, tmp_path: Path) -> None:
    config = config_for(tmp_path, tmp_path / "m.db")
    with Store(f"sqlite:///{tmp_path / 'm.db'}") as store:
        add(store, "https://news.example/acme", 2, Status.RUMORED, HOSTILE_QUOTE,
            (date_fact("2026-03-10", HOSTILE_QUOTE),), title=HOSTILE_TITLE)
        # A page whose URL is a script: the status step it brings cites it as text.
        add(store, HOSTILE_URL, 3, Status.CONFIRMED, "Acme confirmed it again.",
            title="A link that is a script")
    page = tmp_path / "hostile.html"
    assert main(["report", "--config", str(config), "--out", str(page)]) == EXIT_OK
    loaded = browser.load(page)
    assert loaded.console == []  # not one of the planted console.error calls ran
    doc = lxml.html.document_fromstring(loaded.dom)
    assert doc.xpath("//script | //img | //b") == []
    body = _text(doc.find(".//body"))
    assert HOSTILE_TITLE in body
    assert " ".join(HOSTILE_QUOTE.split()) in body
    hrefs = [a.get("href") for a in doc.findall(".//a")]
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert HOSTILE_URL in body  # shown, not linked


def test_a_script_error_would_be_seen(chromium: str, tmp_path: Path) -> None:
    # The console check above can fail: a page with a script error is caught by it.
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p>x</p>'
                    '<script>throw new Error("planted-error")</script></html>')
    loaded = browser.load(page)
    assert any("planted-error" in line for line in loaded.console)
