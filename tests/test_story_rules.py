"""Issue 9's rules on hand-made reports: a claim time rules out, support, one value written
two ways, details that ride along, corrections, and the `[alerts]` numbers that tune them.

Each test builds the state a run would build from stored reports and diffs it against the
state of the alert before, as `monitor crawl` does; the whole stories (tests/test_stories.py)
show the same rules on real-looking articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from monitor.config import ConfigError, parse_config
from monitor.events.changes import diff
from monitor.events.policy import Policy
from monitor.events.state import build_state
from monitor.model import EventReport, Fact, FactKind, Status, Watch
from tests.support.rows import Row

WATCH = Watch("acme-berlin", "Acme", ("Acme Live",), "Berlin", date(2026, 3, 10))
UNDATED = Watch("acme-berlin", "Acme", ("Acme Live",), "Berlin", None)




def row(site: str, when: str, status: Status, *facts: tuple[FactKind, str],
        basis: str | None = None, moved: bool = False, title: str | None = None) -> Row:
    """A report published at `when` ("MM-DD" or "MM-DDTHH:MM", 2026, UTC)."""
    moment = datetime.fromisoformat(f"2026-{when}" + ("" if "T" in when else "T09:00"))
    report = EventReport(WATCH.name, status, f"{site}: the event is {status}",
                         tuple(Fact(k, v, f"{site} writes {v}", moved) for k, v in facts),
                         basis=basis)
    return Row(f"https://{site}/{when}", site, moment.replace(tzinfo=UTC), report,
               title or "Acme Live: what to expect", datetime(2026, 4, 1, tzinfo=UTC))


PLACED = ((FactKind.DATE, "2026-03-10"), (FactKind.CITY, "Berlin"))


def alerts(rows: Sequence[Row], crawls: Sequence[int], watch: Watch = WATCH,
           policy: Policy | None = None) -> list[list[tuple[str, str | None, str]]]:
    """The alert of each crawl, when crawl k has read rows[:crawls[k]]."""
    out: list[list[tuple[str, str | None, str]]] = []
    before = None
    for k, end in enumerate(crawls, 1):
        after = build_state(rows[:end], watch, policy)
        draft = diff(watch, before, after, k, policy)
        out.append([(c.kind.value, c.fact.value if c.fact else None, c.new)
                    for c in draft.changes] if draft else [])
        if draft is not None:
            before = after
    return out


def test_happened_told_before_the_day_is_a_plan_and_the_day_itself_still_alerts() -> None:
    rows = [row("a.com", "02-01", Status.RUMORED, *PLACED),
            # "the phone is expected to be unveiled there", misread as past, a month early
            row("b.com", "02-08", Status.HAPPENED, *PLACED),
            row("c.com", "03-10T18:00", Status.HAPPENED, *PLACED)]
    got = alerts(rows, [1, 2, 3])
    assert ("status", None, "reported") in got[1]
    assert got[2] == [("status", None, "happened")]
    state = build_state(rows[:2], WATCH)
    assert state is not None and any(a["kind"] == "status" and "before the event" in a["reason"]
                                     for a in state["set_aside"])


def test_a_rumour_never_lifts_the_status_past_reported() -> None:
    rows = [row("a.com", "02-01", Status.CONFIRMED, *PLACED, basis="speculation"),
            row("b.com", "02-02", Status.HAPPENED, *PLACED, basis="leak")]
    state = build_state(rows, WATCH)
    assert state is not None and state["status"] == "reported"


def test_confirmed_needs_the_record_or_two_independent_reports() -> None:
    one = [row("a.com", "02-01", Status.CONFIRMED, *PLACED, basis="report")]
    assert build_state(one, WATCH)["status"] == "reported"  # type: ignore[index]
    two = [*one, row("b.com", "02-02", Status.CONFIRMED, *PLACED, basis="report")]
    assert build_state(two, WATCH)["status"] == "confirmed"  # type: ignore[index]
    # The same site twice is one report, not two.
    again = [*one, row("a.com", "02-03", Status.CONFIRMED, *PLACED, basis="report")]
    assert build_state(again, WATCH)["status"] == "reported"  # type: ignore[index]
    record = [row("c.com", "02-01", Status.CONFIRMED, *PLACED, basis="on_record")]
    assert build_state(record, WATCH)["status"] == "confirmed"  # type: ignore[index]


def test_the_previous_events_venue_is_set_aside_and_the_real_one_is_new() -> None:
    rows = [row("a.com", "02-01", Status.REPORTED, *PLACED),
            # "Last year's launch was held at the Tempodrom on 12 March 2025."
            row("b.com", "02-03", Status.REPORTED, (FactKind.DATE, "2025-03-12"),
                (FactKind.VENUE, "Tempodrom")),
            row("c.com", "02-20", Status.CONFIRMED, *PLACED, (FactKind.VENUE, "Velodrom"),
                basis="on_record")]
    got = alerts(rows, [1, 2, 3])
    assert got[1] == []
    assert ("new", "venue", "Velodrom") in got[2]
    assert not any(kind in ("changed", "conflict", "correction") for kind, _, _ in got[2])
    state = build_state(rows, WATCH)
    assert state is not None and "venue" in state["facts"]
    assert list(state["facts"]["venue"]["values"]) == ["Velodrom"]
    assert {(a["kind"], a["value"]) for a in state["set_aside"]} >= {("venue", "Tempodrom"),
                                                                    ("date", "2025-03-12")}


def test_next_years_event_is_no_dispute_for_a_watch_without_a_date() -> None:
    rows = [row("a.com", "02-01", Status.CONFIRMED, *PLACED, (FactKind.TIME, "18:30 CET"),
                basis="on_record"),
            row("b.com", "03-11", Status.HAPPENED, *PLACED),
            # the recap: "next year's Acme Live is already set for 9 March 2027, at 10:00"
            row("c.com", "03-12", Status.CONFIRMED, (FactKind.DATE, "2027-03-09"),
                (FactKind.TIME, "10:00 CET"), (FactKind.CITY, "Berlin"), basis="on_record")]
    got = alerts(rows, [1, 2, 3], UNDATED)
    assert got[2] == []
    state = build_state(rows, UNDATED)
    assert state is not None and state["event_day"] == "2026-03-10"
    assert list(state["facts"]["date"]["values"]) == ["2026-03-10"]


def test_one_moment_in_two_zones_is_one_time_shown_on_the_local_clock() -> None:
    rows = [row("a.com", "02-01", Status.CONFIRMED, *PLACED, (FactKind.TIME, "17:30 GMT"),
                basis="on_record"),
            row("b.com", "02-02", Status.CONFIRMED, *PLACED, (FactKind.TIME, "18:30"),
                basis="on_record")]
    got = alerts(rows, [1, 2])
    assert got[1] == []
    state = build_state(rows, WATCH)
    assert state is not None
    (value, support), = state["facts"]["time"]["values"].items()
    assert value == "18:30 CET" and sorted(support["sites"]) == ["a.com", "b.com"]


def test_a_real_disagreement_is_a_conflict_naming_both_sides() -> None:
    rows = [row("a.com", "02-01", Status.REPORTED, *PLACED, (FactKind.VENUE, "Velodrom")),
            row("b.com", "02-02", Status.REPORTED, *PLACED, (FactKind.VENUE, "Arena Berlin"))]
    state = build_state(rows, WATCH)
    draft = diff(WATCH, build_state(rows[:1], WATCH), state, 2)
    assert draft is not None
    (change,) = [c for c in draft.changes if c.fact is FactKind.VENUE]
    assert change.kind.value == "conflict"
    assert {e.source for e in change.evidence} == {"a.com", "b.com"}


def test_a_lone_rumoured_product_waits_then_rides_along() -> None:
    rows = [row("a.com", "02-01", Status.REPORTED, *PLACED),
            row("b.com", "02-05", Status.RUMORED, *PLACED, (FactKind.PRODUCT, "Acme Phone 3")),
            row("c.com", "02-20", Status.CONFIRMED, *PLACED, basis="on_record")]
    got = alerts(rows, [1, 2, 3])
    assert got[1] == []  # one rumour-level site: no alert of its own
    assert sorted(got[2]) == [("new", "product", "Acme Phone 3"), ("status", None, "confirmed")]


def test_a_product_confirmed_or_told_by_two_sites_alerts_alone() -> None:
    base = [row("a.com", "02-01", Status.REPORTED, *PLACED)]
    confirmed = [*base, row("b.com", "02-05", Status.CONFIRMED, *PLACED,
                            (FactKind.PRODUCT, "Acme Phone 3"), basis="on_record")]
    assert ("new", "product", "Acme Phone 3") in alerts(confirmed, [1, 2])[1]
    phone = (FactKind.PRODUCT, "Acme Phone 3")
    two = [*base, row("b.com", "02-05", Status.RUMORED, *PLACED, phone),
           row("c.com", "02-06", Status.RUMORED, *PLACED, phone)]
    assert alerts(two, [1, 2, 3])[1:] == [[], [("new", "product", "Acme Phone 3")]]


def test_a_product_from_the_companys_other_news_never_alerts() -> None:
    rows = [row("a.com", "02-01", Status.CONFIRMED, *PLACED, basis="on_record"),
            # "Acme says the Acme Fold's April launch was delayed": no day, place or alias
            row("b.com", "02-10", Status.POSTPONED, (FactKind.PRODUCT, "Acme Fold"),
                basis="on_record", title="Acme says its foldable is delayed"),
            row("c.com", "03-10T18:00", Status.HAPPENED, *PLACED)]
    got = alerts(rows, [1, 2, 3])
    assert not any(fact == "product" for alert in got for _, fact, _ in alert)
    # Once an article about the event names it, it is the event's.
    told = [*rows, row("d.com", "03-10T19:00", Status.HAPPENED, *PLACED,
                       (FactKind.PRODUCT, "Acme Fold"))]
    assert alerts(told, [1, 2, 3, 4])[3] == [("new", "product", "Acme Fold")]


def test_an_announced_value_that_loses_to_the_record_is_a_correction() -> None:
    rows = [row("a.com", "02-01", Status.REPORTED, *PLACED, (FactKind.VENUE, "Tempodrom"),
                basis="report"),
            row("b.com", "02-20", Status.CONFIRMED, *PLACED, (FactKind.VENUE, "Velodrom"),
                basis="on_record")]
    got = alerts(rows, [1, 2])
    assert ("correction", "venue", "Velodrom") in got[1]


def test_the_alone_list_and_detail_sources_come_from_the_policy() -> None:
    rows = [row("a.com", "02-01", Status.REPORTED, *PLACED),
            row("b.com", "02-05", Status.RUMORED, *PLACED, (FactKind.PRODUCT, "Acme Phone 3"))]
    assert alerts(rows, [1, 2])[1] == []
    eager = Policy(alone=frozenset({"status", "date", "city", "venue", "time", "product"}))
    assert alerts(rows, [1, 2], policy=eager)[1] == [("new", "product", "Acme Phone 3")]
    assert alerts(rows, [1, 2], policy=Policy(detail_sources=1))[1] == [
        ("new", "product", "Acme Phone 3")]
    # A day 10 days off is another event at 7 days' reach, the same event at 14.
    off = [row("a.com", "02-01", Status.REPORTED, *PLACED),
           row("b.com", "02-02", Status.REPORTED, (FactKind.DATE, "2026-03-20"),
               (FactKind.VENUE, "Tempodrom"))]
    near = build_state(off, WATCH)
    wide = build_state(off, WATCH, Policy(other_event_days=14))
    assert near is not None and wide is not None
    assert "venue" not in near["facts"] and "venue" in wide["facts"]


def _config(text: str) -> object:
    raw = {"sources": [{"name": "gsmarena"}],
           "watches": [{"name": "w", "company": "Acme"}]}
    import tomllib

    raw.update(tomllib.loads(text))
    return parse_config(raw, Path("monitor.toml"), {})


def test_alerts_table_sets_the_policy() -> None:
    config = _config('[alerts]\nalone = ["status", "date", "speaker"]\ndetail_sources = 3\n'
                     "confirm_sources = 1\nother_event_days = 30\n")
    assert config.alerts == Policy(alone=frozenset({"status", "date", "speaker"}),  # type: ignore[attr-defined]
                                   detail_sources=3, confirm_sources=1, other_event_days=30)
    assert _config("").alerts == Policy()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "key"), [
    ('[alerts]\nalone = ["status", "weather"]\n', "alerts.alone"),
    ("[alerts]\ndetail_sources = 0\n", "alerts.detail_sources"),
    ("[alerts]\nother_event_days = 1.5\n", "alerts.other_event_days"),
    ("[alerts]\nconfirm = 2\n", "alerts"),
])
def test_a_wrong_alerts_table_is_refused_by_name(text: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        _config(text)


def test_status_explain_shows_support_strength_and_what_was_set_aside(tmp_path: Path) -> None:
    from monitor.store import Store
    from tests.support.reports import add, body_of, config_for, date_fact
    from tests.test_story import monitor

    db = tmp_path / "m.db"
    with Store(f"sqlite:///{db}") as store:
        add(store, "https://a.example/1", 2, Status.CONFIRMED, "Acme invites to Berlin.",
            (date_fact("2026-03-10", "Acme invites the press for 10 March."),
             Fact(FactKind.VENUE, "Velodrom", "The show is at the Velodrom.")))
        add(store, "https://b.example/2", 3, Status.REPORTED, "Last year's show.",
            (date_fact("2025-03-12", "Last year's show was on 12 March 2025."),
             Fact(FactKind.VENUE, "Tempodrom", "It was held at the Tempodrom.")))
        # A syndicated copy of the first article, on another site.
        add(store, "https://c.example/copy", 4, Status.CONFIRMED, "Acme invites to Berlin.",
            body=body_of("Acme invites to Berlin.", "https://a.example/1"))
    result = monitor("status", "--explain", "--config", config_for(tmp_path, db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "acme-berlin: confirmed, event day 2026-03-10" in out
    assert "venue: Velodrom  (held)" in out and "confirmed, on the record; 1 site(s)" in out
    assert 'first: a.example, 2026-03-02: "The show is at the Velodrom."' in out
    assert "set aside (2):" in out
    assert "venue: Tempodrom from b.example: another event (on 2025-03-12)" in out
    assert ("copies set aside (1), never counted as sources:\n    c.example: "
            "https://c.example/copy\n      copy of https://a.example/1") in out


def test_a_repeated_postponement_keeps_the_new_day_so_its_confirmation_is_no_news() -> None:
    rows = [row("a.com", "02-01", Status.CONFIRMED, *PLACED, basis="on_record"),
            row("b.com", "02-10", Status.POSTPONED, (FactKind.DATE, "2026-03-24"),
                (FactKind.CITY, "Berlin"), basis="on_record", moved=True),
            # a second site reports the same postponement without repeating the day
            row("c.com", "02-11", Status.POSTPONED, (FactKind.CITY, "Berlin")),
            row("d.com", "02-20", Status.CONFIRMED, (FactKind.DATE, "2026-03-24"),
                (FactKind.CITY, "Berlin"), basis="on_record"),
            row("e.com", "03-24T18:00", Status.HAPPENED, (FactKind.DATE, "2026-03-24"),
                (FactKind.CITY, "Berlin"))]
    got = alerts(rows, [1, 2, 3, 4, 5])
    assert ("status", None, "postponed") in got[1]
    assert got[2] == [] and got[3] == []
    assert got[4] == [("status", None, "happened")]
