"""`monitor demo`: the shipped story replayed crawl by crawl, its alerts, its report, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import DemoRun

ROOT = Path(__file__).resolve().parent.parent


def test_demo_prints_each_crawl_and_the_three_alerts(demo_run: DemoRun) -> None:
    assert demo_run.returncode == 0, demo_run.stderr
    out = demo_run.stdout
    headings = re.findall(r"^Crawl (\d) of 5: (.+), 12:00 UTC", out, flags=re.M)
    assert [h[0] for h in headings] == ["1", "2", "3", "4", "5"]
    assert headings[0][1] == "Tuesday 3 February 2015"
    assert headings[4][1] == "Monday 20 April 2015"
    titles = re.findall(r"^Xiaomi San Francisco event: .+$", out, flags=re.M)
    assert titles == ["Xiaomi San Francisco event: first seen (rumored)",
                      "Xiaomi San Francisco event: confirmed, speakers",
                      "Xiaomi San Francisco event: happened, venue, products"]
    # Crawls 2 and 5 bring a repeated rumour, a copy and another event: nothing to say.
    assert out.count("No alert: nothing new since the last one.") == 2
    assert "3 alert(s) in 5 crawls." in out
    assert f"Report: {demo_run.page}" in out
    # Each alert sits under the crawl that brought it.
    blocks = re.split(r"^Crawl \d of 5: .*$", out, flags=re.M)[1:]
    assert ["first seen" in b for b in blocks] == [True, False, False, False, False]
    assert "New venue: Fairmont San Francisco" in blocks[3]


def test_demo_writes_the_report_page(demo_run: DemoRun) -> None:
    page = demo_run.page.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Status now: <span" in page and ">happened</span>" in page
    assert "Fairmont San Francisco" in page
    assert "the shipped February 2015 story (monitor demo)" in page
    # Self-contained: no image, script, stylesheet or font to fetch from anywhere.
    assert " src=" not in page and "<link" not in page and "@import" not in page
    assert "<script" not in page
    assert not re.search(r"url\((?!#)", page)


def test_demo_needs_no_network(demo_run: DemoRun) -> None:
    if not demo_run.isolated:
        pytest.skip("unshare --net is not permitted here, so the demo ran with the network up")
    # It ran in a namespace without any interface up, loopback included, and still worked.
    assert demo_run.returncode == 0, demo_run.stderr
    assert "3 alert(s) in 5 crawls." in demo_run.stdout


def test_demo_leaves_nothing_behind_but_the_page(demo_run: DemoRun) -> None:
    assert sorted(p.name for p in demo_run.page.parent.iterdir()) == ["story.html"]


def test_readme_first_section_shows_the_real_demo_output(demo_run: DemoRun) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_section = readme.split("\n## ", 1)[0]
    shown = re.search(r"```console\n\$ monitor demo\n(.*?)```", first_section, flags=re.S)
    assert shown, "the README's first section shows `monitor demo` and its output"
    # The README may leave lines out (marked […]) but every line it shows is real, in order.
    out = demo_run.stdout.splitlines()
    position = 0
    for line in shown.group(1).splitlines():
        if line.strip() == "[…]":
            continue
        if line.startswith("Report: "):
            line = f"Report: {demo_run.page}"
        assert line in out[position:], f"README shows a line the demo does not print: {line!r}"
        position = out.index(line, position) + 1


def test_demo_refuses_a_missing_folder(tmp_path: Path) -> None:
    from monitor.cli import EXIT_USAGE, main

    assert main(["demo", "--out", str(tmp_path / "no" / "such.html")]) == EXIT_USAGE
