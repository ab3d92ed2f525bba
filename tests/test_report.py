"""`monitor report` from a real store: status path, fact standings, copies, alert deliveries."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.alerting import deliver_pending, plan_alerts, record_alerts
from monitor.cli import EXIT_OK, EXIT_USAGE, main
from monitor.config import load_config
from monitor.model import FactKind, Status
from monitor.notify.routing import build_targets
from monitor.report.chart import STATUS_COLOURS, bins
from monitor.report.story import Story, read_story
from monitor.report.write import page_name
from monitor.store import Store
from tests.support.reports import add, body_of, config_for, date_fact

# apprise loads its plugins lazily and one of them imports the stdlib imghdr module,
# deprecated since Python 3.11; the delivery test below makes apprise load them.
pytestmark = pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")

A1 = "https://news-one.example/acme-berlin-rumour"
A2 = "https://news-two.example/acme-berlin-11th"
COPY = "https://copier.example/acme-berlin-rumour"
A3 = "https://news-one.example/acme-confirms"
A4 = "https://news-three.example/acme-postpones"


def _rumour_and_dispute(store: Store) -> None:
    add(store, A1, 2, Status.RUMORED, "Acme is rumored to hold an event in Berlin on March 10.",
        (date_fact("2026-03-10", "in Berlin on March 10"),))
    add(store, A2, 3, Status.REPORTED, "Acme will hold an event in Berlin on March 11.",
        (date_fact("2026-03-11", "in Berlin on March 11"),))
    # The first article's very text under another URL: a copy, set aside.
    body = body_of("Acme is rumored to hold an event in Berlin on March 10.", A1)
    add(store, COPY, 3, Status.RUMORED, "Acme is rumored", body=body, title="Copied rumour")
    add(store, A3, 5, Status.CONFIRMED, "Acme confirmed its Berlin event for March 10.",
        (date_fact("2026-03-10", "its Berlin event for March 10"),))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path


def _story(store: Store, config: Path) -> Story:
    story = read_story(store, load_config(config).watches[0])
    assert story is not None
    return story


def test_path_facts_and_copies_before_and_after_a_postponement(folder: Path,
                                                               store_url: str) -> None:
    config = config_for(folder, folder / "m.db")
    with Store(store_url) as store:  # SQLite and PostgreSQL
        _rumour_and_dispute(store)
        story = _story(store, config)
        assert [s.status for s in story.path] == ["rumored", "reported", "confirmed"]
        assert [s.at.day for s in story.path] == [2, 3, 5]
        assert story.path[2].source.url == A3
        (date,) = [f for f in story.facts if f.kind == FactKind.DATE.value]
        standing = {v.value: v.standing for v in date.values}
        assert standing == {"2026-03-10": "current", "2026-03-11": "disputed"}
        assert [c.source.url for c in story.copies] == [COPY]
        assert story.copies[0].copy_of == A1

        add(store, A4, 7, Status.POSTPONED, "Acme postponed its Berlin event to March 24.",
            (date_fact("2026-03-24", "postponed to March 24", supersedes=True),))
        story = _story(store, config)
        assert [s.status for s in story.path] == ["rumored", "reported", "confirmed",
                                                  "postponed"]
        (date,) = [f for f in story.facts if f.kind == FactKind.DATE.value]
        standing = {v.value: v.standing for v in date.values}
        # The move makes the older values history, not a dispute.
        assert standing == {"2026-03-10": "earlier", "2026-03-11": "earlier",
                            "2026-03-24": "current"}
        assert story.status == "postponed"
        first = {v.value: v.first_seen.day for v in date.values}
        assert first == {"2026-03-10": 2, "2026-03-11": 3, "2026-03-24": 7}


def test_chart_bins_count_articles_by_status_and_copies_apart(folder: Path) -> None:
    config = config_for(folder, folder / "m.db")
    with Store(f"sqlite:///{folder / 'm.db'}") as store:
        _rumour_and_dispute(store)
        story = _story(store, config)
    found = bins(story.articles, story.alerts)
    assert [(b.start.day, b.statuses, b.copies) for b in found] == [
        (2, {"rumored": 1}, 0), (3, {"reported": 1}, 1), (4, {}, 0), (5, {"confirmed": 1}, 0)]


def test_alerts_show_each_targets_delivery_state(folder: Path) -> None:
    config = config_for(folder, folder / "m.db")
    loaded = load_config(config)
    # A closed port: the delivery fails, stays pending, and the page says why.
    targets = build_targets(["json://127.0.0.1:9/hook"])
    with Store(loaded.store_url) as store:
        _rumour_and_dispute(store)
        at = datetime(2026, 3, 5, 12, tzinfo=UTC)
        record_alerts(store, plan_alerts(store, loaded.watches), targets, at)
        deliver_pending(store, targets, io.StringIO(), clock=lambda: at)
        story = _story(store, config)
    (alert,) = story.alerts
    assert alert.at == at
    assert "first seen: confirmed" in alert.changes
    (delivery,) = alert.deliveries
    assert delivery.state == "pending"
    assert delivery.attempts == 1
    assert delivery.last_error


def test_report_command_writes_one_page_per_watch(folder: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = config_for(folder, folder / "m.db")
    with Store(f"sqlite:///{folder / 'm.db'}") as store:
        _rumour_and_dispute(store)
    assert main(["report", "--config", str(config), "--dir", str(folder)]) == EXIT_OK
    page = folder / "acme-berlin.html"
    assert f"{page}  (acme-berlin: confirmed)" in capsys.readouterr().out
    html = page.read_text(encoding="utf-8")
    assert "Acme Berlin event" in html and "disputed" in html and "Copied rumour" in html
    assert not list(folder.glob(".*.partial"))


def test_report_usage_errors(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = config_for(folder, folder / "m.db")
    assert main(["report", "--config", str(config), "--watch", "nope"]) == EXIT_USAGE
    assert "no watch named 'nope'" in capsys.readouterr().err
    assert main(["report", "--config", str(config), "--dir", str(folder / "missing")]) == \
        EXIT_USAGE
    assert "does not exist" in capsys.readouterr().err
    # Nothing stored yet: said so, no page.
    assert main(["report", "--config", str(config), "--dir", str(folder)]) == EXIT_OK
    assert "acme-berlin: nothing seen yet; no page written" in capsys.readouterr().err
    assert not (folder / "acme-berlin.html").exists()


def test_report_out_needs_a_single_watch(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = config_for(folder, folder / "m.db")
    config.write_text(config.read_text() + '\n[[watches]]\nname = "other"\ncompany = "Other"\n')
    assert main(["report", "--config", str(config), "--out", str(folder / "x.html")]) == \
        EXIT_USAGE
    assert "pick one with --watch" in capsys.readouterr().err


def test_page_names_are_safe_file_names() -> None:
    assert page_name("xiaomi-sf") == "xiaomi-sf.html"
    assert page_name("../../etc/passwd") == "etc-passwd.html"
    assert page_name("小米 SF") == "小米-SF.html"
    assert page_name("///") == "watch.html"


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", [*STATUS_COLOURS.values(), "#4b5563", "#374151", "#1d4ed8"])
def test_colours_have_text_contrast_on_white(colour: str) -> None:
    # WCAG 2 AA for normal text: 4.5:1. Badges put white text on these colours too.
    ratio = 1.05 / (_luminance(colour) + 0.05)
    assert ratio >= 4.5, f"{colour}: {ratio:.2f}:1"
