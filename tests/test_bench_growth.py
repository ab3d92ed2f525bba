"""bench/growth.py keeps working: a run on tiny sizes prints its table (no time is asserted)."""

from __future__ import annotations

import pytest

from bench import growth


def test_growth_runs_on_tiny_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    growth.main(["--sizes", "30,60", "--new", "10", "--backends", "sqlite"])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.strip()]
    assert "sqlite: 10 new pages" in lines[0]
    assert "store ms/page" in lines[1] and "idle crawl s" in lines[1]
    assert [line.split()[0] for line in lines[2:]] == ["30", "60"]
    assert "nan" not in out


def test_growth_prefill_is_distinct_originals(sqlite_url: str) -> None:
    from monitor.store import Store

    chain = growth.Chain(growth.CORPUS)
    bodies = growth.prefill(sqlite_url, 40, chain)
    assert len(set(bodies)) == 40
    pages = growth.new_pages(bodies, 10, chain)
    per_page, _, _ = growth.time_store(sqlite_url, pages)
    assert per_page > 0
    with Store(sqlite_url) as store:
        saved = [store.save_page(a, source="x", fetched_at=at, reports=r) for a, r, at in pages]
    # Saved once already: unchanged now; the copies (1 in 5) were linked to their originals.
    assert {s.state for s in saved} == {"unchanged"}
    assert sum(s.duplicate_of is not None for s in saved) == 2
