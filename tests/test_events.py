"""Story logic on hand-made reports: what alerts, what stays silent."""

from __future__ import annotations

from datetime import UTC, date, datetime

from monitor.events.changes import diff
from monitor.events.state import best_status, build_state
from monitor.model import EventReport, Fact, FactKind, Status, Watch
from tests.support.rows import Row

WATCH = Watch("xiaomi-sf", "Xiaomi", ("Lin Bin",), "San Francisco", date(2015, 2, 12))




def row(site: str, day: int, status: Status, *facts: tuple[FactKind, str],
        moved: bool = False, basis: str | None = "") -> Row:
    # A confirmation here is the company's own word unless a test says otherwise.
    if basis == "":
        basis = "on_record" if status is Status.CONFIRMED else None
    report = EventReport("xiaomi-sf", status, f"{site} says {status}",
                         tuple(Fact(k, v, f"{site}: {k} is {v}", moved) for k, v in facts),
                         basis=basis)
    return Row(f"https://{site}/{day}", site, datetime(2015, 2, day, 9, tzinfo=UTC), report)


RUMOUR = (FactKind.DATE, "2015-02-12"), (FactKind.CITY, "San Francisco")


def kinds(draft: object) -> list[tuple[str, str | None, str]]:
    assert draft is not None
    return [(c.kind.value, c.fact.value if c.fact else None, c.new) for c in draft.changes]


def test_first_sighting_alerts_with_every_fact() -> None:
    state = build_state([row("gsmarena.com", 3, Status.RUMORED, *RUMOUR)])
    draft = diff(WATCH, None, state, 1)
    assert kinds(draft) == [("first_seen", None, "rumored"), ("new", "date", "2015-02-12"),
                            ("new", "city", "San Francisco")]
    assert draft is not None and draft.version == 1


def test_corroboration_is_not_news() -> None:
    before = build_state([row("gsmarena.com", 3, Status.RUMORED, *RUMOUR)])
    after = build_state([row("gsmarena.com", 3, Status.RUMORED, *RUMOUR),
                         row("phonearena.com", 4, Status.RUMORED, *RUMOUR)])
    assert after is not None and after["facts"]["date"]["values"]["2015-02-12"]["sites"] == [
        "gsmarena.com", "phonearena.com"]
    assert diff(WATCH, before, after, 2) is None


def test_status_rise_and_new_speakers_in_one_alert() -> None:
    rows = [row("gsmarena.com", 3, Status.RUMORED, *RUMOUR)]
    before = build_state(rows)
    rows.append(row("gsmarena.com", 9, Status.CONFIRMED, *RUMOUR, (FactKind.SPEAKER, "Lin Bin"),
                    (FactKind.SPEAKER, "Hugo Barra")))
    draft = diff(WATCH, before, build_state(rows), 2)
    assert kinds(draft) == [("status", None, "confirmed"), ("new", "speaker", "Lin Bin"),
                            ("new", "speaker", "Hugo Barra")]
    assert draft is not None and draft.changes[0].old == "rumored"


def test_late_rumour_never_lowers_status() -> None:
    rows = [row("a.com", 3, Status.CONFIRMED), row("b.com", 10, Status.RUMORED)]
    status = best_status(rows)
    assert status is not None and status[0] is Status.CONFIRMED


def test_disruption_replaces_status_and_only_official_news_moves_on() -> None:
    rows = [row("a.com", 3, Status.CONFIRMED), row("b.com", 5, Status.POSTPONED),
            row("c.com", 6, Status.RUMORED)]
    assert best_status(rows)[0] is Status.POSTPONED  # type: ignore[index]
    rows.append(row("d.com", 7, Status.CONFIRMED))
    assert best_status(rows)[0] is Status.CONFIRMED  # type: ignore[index]


def test_date_moved_is_a_change_with_old_and_new_value() -> None:
    rows = [row("a.com", 3, Status.CONFIRMED, (FactKind.DATE, "2015-02-12"))]
    before = build_state(rows)
    rows.append(row("a.com", 8, Status.POSTPONED, (FactKind.DATE, "2015-02-19"), moved=True))
    draft = diff(WATCH, before, build_state(rows), 2)
    assert kinds(draft) == [("status", None, "postponed"), ("changed", "date", "2015-02-19")]
    assert draft is not None and draft.changes[1].old == "2015-02-12"


def test_weaker_disagreeing_source_is_a_conflict_naming_both_sides() -> None:
    rows = [row("a.com", 3, Status.CONFIRMED, (FactKind.DATE, "2015-02-12"))]
    before = build_state(rows)
    rows.append(row("b.com", 4, Status.RUMORED, (FactKind.DATE, "2015-02-13")))
    draft = diff(WATCH, before, build_state(rows), 2)
    assert kinds(draft) == [("conflict", "date", "2015-02-13")]
    assert draft is not None and draft.changes[0].old == "2015-02-12"
    assert draft.changes[0].evidence[0].source == "b.com"


def test_same_state_twice_gives_nothing() -> None:
    rows = [row("a.com", 3, Status.RUMORED, *RUMOUR)]
    assert diff(WATCH, build_state(rows), build_state(rows), 2) is None
    assert diff(WATCH, None, build_state([]), 1) is None


def test_state_does_not_depend_on_report_order() -> None:
    rows = [row("a.com", 3, Status.RUMORED, *RUMOUR), row("b.com", 9, Status.CONFIRMED, *RUMOUR)]
    assert build_state(rows) == build_state(list(reversed(rows)))


def test_equal_rumours_that_disagree_keep_the_first_value_and_report_a_conflict() -> None:
    rows = [row("a.com", 3, Status.RUMORED, (FactKind.DATE, "2015-02-12"))]
    before = build_state(rows)
    rows.append(row("b.com", 6, Status.RUMORED, (FactKind.DATE, "2015-02-13")))
    assert kinds(diff(WATCH, before, build_state(rows), 2)) == [
        ("conflict", "date", "2015-02-13")]


def test_the_value_more_sites_give_wins_at_equal_authority() -> None:
    rows = [row("a.com", 3, Status.RUMORED, (FactKind.DATE, "2015-02-12")),
            row("b.com", 4, Status.RUMORED, (FactKind.DATE, "2015-02-13")),
            row("c.com", 5, Status.RUMORED, (FactKind.DATE, "2015-02-13"))]
    state = build_state(rows)
    assert state is not None and state["facts"]["date"]["current"] == "2015-02-13"


def test_a_move_wins_over_better_supported_older_values() -> None:
    rows = [row("a.com", 3, Status.CONFIRMED, (FactKind.DATE, "2015-02-12")),
            row("b.com", 4, Status.CONFIRMED, (FactKind.DATE, "2015-02-12")),
            row("c.com", 9, Status.REPORTED, (FactKind.DATE, "2015-02-24"), moved=True)]
    state = build_state(rows)
    assert state is not None and state["facts"]["date"]["current"] == "2015-02-24"
