"""Cost as the store grows: new pages, plan_alerts and an idle run at 1k / 5k / 20k / 100k stored.

    python bench/growth.py [--sizes 1000,5000,20000,100000] [--new 500]
                           [--backends sqlite,postgresql] [--no-idle]

For each backend and size: a fresh database prefilled with that many distinct stored articles
(text drawn from a word chain over fixtures/real-news, so articles share common phrases as real
news does but copy nothing; about 1 in 100 has a report for each of 3 watches), written in
bulk, then planned once (untimed: the cron run that alerted on them, which leaves the store
as a store in use is). Then, timed:
- store: `save_page` of `--new` new pages (1 in 5 a near-copy of a stored article, 1 in 10 with
  a report), ms per page (wall, and CPU of this process: on a shared machine the steadier
  figure; PostgreSQL's own work is not in it), and the near-copy candidates checked per page;
- plan: `plan_alerts` right after those pages (watches with new reports), then again with
  nothing new after two `plan_and_record` runs, the alert's and the next cron run's (idle;
  wall and CPU ms);
- idle run: `monitor alert` and a second `monitor crawl` of a 20-page local site whose pages
  all answer 304, each a fresh process: wall and CPU seconds (user + system).
Each figure is printed with its ratio to the first size. PostgreSQL is used when reachable at
$MONITOR_BENCH_PG (default postgresql://postgres@127.0.0.1:5432/test); a scratch database is
created and dropped per size.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "fixtures" / "real-news"
PG_URL = os.environ.get("MONITOR_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
WATCHES = (("acme-launch", "Acme"), ("globex-event", "Globex"), ("initech-keynote", "Initech"))
REPORT_SHARE = 100  # one prefilled article in this many reports on each watch
SITES = 40
CHILD_CPU = [0.0]


class Chain:
    """A word chain (order 1) over real news text: plausible, distinct article bodies that
    share common phrases as real news does."""

    def __init__(self, folder: Path) -> None:
        words: list[str] = []
        for path in sorted(folder.glob("*.txt")):
            words.extend(path.read_text(encoding="utf-8").split())
        self.next: dict[str, list[str]] = defaultdict(list)
        for a, b in itertools.pairwise(words):
            self.next[a].append(b)
        self.starts = sorted(self.next)

    def text(self, rng: random.Random, words: int) -> str:
        out: list[str] = []
        word = rng.choice(self.starts)
        while len(out) < words:
            follow = self.next.get(word)
            word = rng.choice(follow) if follow and rng.random() > 0.05 else \
                rng.choice(self.starts)
            # One word in four from anywhere in the vocabulary: a text of its own.
            out.append(rng.choice(self.starts) if rng.random() < 0.25 else word)
        paragraphs = [" ".join(out[i:i + 60]) for i in range(0, len(out), 60)]
        return "\n\n".join(paragraphs)


def _watch_objects() -> list[object]:
    from monitor.model import Watch

    return [Watch(name=n, company=c, date=date(2026, 6, 1)) for n, c in WATCHES]


def _report(watch: str, rng: random.Random, n: int) -> object:
    from monitor.model import EventReport, Fact, FactKind, Status

    status = rng.choice([Status.RUMORED, Status.REPORTED, Status.CONFIRMED])
    day = date(2026, 6, 1) + timedelta(days=rng.choice([0, 0, 0, 1]))
    facts = [Fact(FactKind.DATE, day.isoformat(), f"The event is on {day:%B %d} ({n}).")]
    if rng.random() < 0.3:
        facts.append(Fact(FactKind.CITY, rng.choice(["Berlin", "Paris"]), f"In the city ({n})."))
    return EventReport(watch=watch, status=status, status_evidence=f"Sentence {n} says so.",
                       facts=tuple(facts))


def _rows(size: int, chain: Chain, seed: int = 1) -> list[tuple[list[dict], ...]]:
    """The prefill's rows, in batches: (articles, urls, keys, reports, facts)."""
    from monitor import similarity
    from monitor.store.articles import body_hash

    rng = random.Random(seed)
    base = datetime(2025, 6, 1, tzinfo=UTC)
    batch = 2000
    report_id = 0
    batches = []
    for start in range(0, size, batch):
        articles, urls, keys, reports, facts = [], [], [], [], []
        for i in range(start, min(size, start + batch)):
            body = chain.text(rng, rng.randint(250, 700))
            site = f"site{i % SITES}.example"
            link = f"https://{site}/news/{i}"
            at = base + timedelta(minutes=5 * i)
            fp = similarity.fingerprint(body)
            articles.append({
                "id": i + 1, "url": link, "canonical_url": link, "site": site,
                "source": f"s{i % SITES}", "title": f"Article {i}", "body": body,
                "body_hash": body_hash(body), "published": at, "modified": None,
                "authors": [], "language": "en", "site_name": site, "duplicate_of": None,
                "fingerprint": fp.to_str() if fp.judgeable else None,
                "first_fetched_at": at, "fetched_at": at, "checked_at": at})
            urls.append({"url": link, "article_id": i + 1})
            keys.extend({"article_id": i + 1, "key": k} for k in sorted(set(similarity.bands(fp))))
            for name, _ in WATCHES:
                if rng.randrange(REPORT_SHARE):
                    continue
                report_id += 1
                r = _report(name, rng, i)
                reports.append({"id": report_id, "article_id": i + 1, "watch": name,
                                "status": str(r.status), "status_evidence": r.status_evidence,
                                "basis": None})
                facts.extend({"report_id": report_id, "position": p, "kind": str(f.kind),
                              "value": f.value, "evidence": f.evidence, "supersedes": False}
                             for p, f in enumerate(r.facts))
        batches.append((articles, urls, keys, reports, facts))
    return batches


def _cached_rows(size: int, chain: Chain, cache: Path | None) -> list[tuple[list[dict], ...]]:
    if cache is None:
        return _rows(size, chain)
    path = cache / f"growth-rows-{size}.pickle"
    if path.is_file():
        with path.open("rb") as f:
            return pickle.load(f)
    rows = _rows(size, chain)
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(rows, f, protocol=pickle.HIGHEST_PROTOCOL)
    return rows


def prefill(url: str, size: int, chain: Chain, cache: Path | None = None) -> list[str]:
    """`size` stored originals written in bulk; returns their bodies (for near-copies)."""
    import sqlalchemy as sa

    from monitor.store import Store
    from monitor.store.models import (
        ArticleKeyRow,
        ArticleRow,
        ArticleUrlRow,
        FactRow,
        ReportRow,
    )

    Store(url).close()  # creates the schema
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    bodies: list[str] = []
    with engine.begin() as conn:
        for articles, urls, keys, reports, facts in _cached_rows(size, chain, cache):
            bodies.extend(a["body"] for a in articles)
            conn.execute(sa.insert(ArticleRow.__table__), articles)
            conn.execute(sa.insert(ArticleUrlRow.__table__), urls)
            conn.execute(sa.insert(ArticleKeyRow.__table__), keys)
            if reports:
                conn.execute(sa.insert(ReportRow.__table__), reports)
                conn.execute(sa.insert(FactRow.__table__), facts)
        if engine.dialect.name == "postgresql":
            for table in ("articles", "reports", "facts"):
                conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT max(id) FROM {table}))"))
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(sa.text("ANALYZE"))
    engine.dispose()
    return bodies


def new_pages(bodies: list[str], count: int, chain: Chain, seed: int = 2) -> list[tuple]:
    from monitor.model import Article

    rng = random.Random(seed)
    pages = []
    at = datetime(2026, 5, 20, tzinfo=UTC)
    for n in range(count):
        if n % 5 == 4:  # a syndicated copy of a stored article, with a line of its own
            body = rng.choice(bodies) + "\n\nThis article first appeared elsewhere."
        else:
            body = chain.text(rng, rng.randint(250, 700))
        link = f"https://new{n % SITES}.example/story/{n}-{uuid.uuid4().hex[:6]}"
        article = Article(url=link, canonical_url=link, title=f"New {n}", body=body,
                          published=at + timedelta(minutes=n))
        reports = [_report(WATCHES[n % 3][0], rng, 10_000_000 + n)] if n % 10 == 0 else []
        pages.append((article, reports, at + timedelta(minutes=n)))
    return pages


def time_store(url: str, pages: list[tuple]) -> tuple[float, float, float]:
    """(ms per page for save_page, CPU ms of this process per page, near-copy candidates
    checked per page)."""
    from monitor.store import Store
    from monitor.store import articles as store_articles

    checked = [0]
    original = store_articles.similarity.is_copy

    def counting(a: object, b: object) -> bool:
        checked[0] += 1
        return original(a, b)  # type: ignore[arg-type]

    store = Store(url)
    store_articles.similarity.is_copy = counting  # type: ignore[assignment]
    try:
        began, cpu = time.perf_counter(), time.process_time()
        for article, reports, at in pages:
            store.save_page(article, source="bench", fetched_at=at, reports=reports)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    finally:
        store_articles.similarity.is_copy = original  # type: ignore[assignment]
        store.close()
    return elapsed * 1000 / len(pages), cpu * 1000 / len(pages), checked[0] / len(pages)


def plan_prefilled(url: str) -> None:
    """Plan and record the prefilled reports, as the last cron run before the new pages did."""
    from monitor.alerting import plan_and_record
    from monitor.store import Store

    with Store(url) as store:
        plan_and_record(store, _watch_objects(), [], datetime(2026, 5, 19, tzinfo=UTC))  # type: ignore[arg-type]


def time_plans(url: str) -> tuple[float, float, float]:
    """(ms of plan_alerts after the new pages, ms of plan_alerts with nothing new, and the
    same in CPU ms of this process)."""
    import monitor.events.changes  # noqa: F401 - imported once per process, not timed
    from monitor.alerting import plan_alerts, plan_and_record
    from monitor.store import Store

    watches = _watch_objects()
    store = Store(url)
    try:
        began = time.perf_counter()
        plan_alerts(store, watches)  # type: ignore[arg-type]
        after_new = time.perf_counter() - began
        at = datetime(2026, 5, 21, tzinfo=UTC)
        plan_and_record(store, watches, [], at)  # type: ignore[arg-type]
        plan_and_record(store, watches, [], at)  # type: ignore[arg-type]  # the next cron run
        began, cpu = time.perf_counter(), time.process_time()
        plan_alerts(store, watches)  # type: ignore[arg-type]
        idle, cpu = time.perf_counter() - began, time.process_time() - cpu
    finally:
        store.close()
    return after_new * 1000, idle * 1000, cpu * 1000


def _config(folder: Path, url: str, feed: str) -> Path:
    path = folder / "monitor.toml"
    watches = "".join(f'\n[[watches]]\nname = "{n}"\ncompany = "{c}"\ndate = 2026-06-01\n'
                      for n, c in WATCHES)
    path.write_text(f'[store]\nurl = "{url}"\n\n[crawl]\ndownload_delay = 0\n\n'
                    f'[[sources]]\nname = "local"\nfeed = "{feed}"\n{watches}',
                    encoding="utf-8")
    return path


def _cli(config: Path, *args: str) -> float:
    """Wall seconds of one `monitor` command in a fresh process (its CPU s in CHILD_CPU)."""
    # Without PYTHONDONTWRITEBYTECODE (set on some build machines): a user's cron run loads
    # cached bytecode, and compiling ours afresh every run cost the idle figure 0.15-0.3 s.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MONITOR_") and k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "monitor.cli", *args, "--config", str(config)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CHILD_CPU[:] = [after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime]
    if done.returncode != 0:
        raise SystemExit(f"monitor {args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def time_idle(url: str, folder: Path) -> tuple[float, float, float, float]:
    """(s of `monitor alert`, s of `monitor crawl`, and their CPU s) with nothing new, each
    a fresh process."""
    from tests.support.http_server import serve
    from tests.support.workers import fill_site

    with serve() as server:
        fill_site(server, range(20))
        config = _config(folder, url, server.url("/feed.xml"))
        _cli(config, "crawl", "-q")  # stores the 20 pages and their validators
        _cli(config, "alert", "-q")
        crawl = _cli(config, "crawl", "-q")  # every page answers 304
        crawl_cpu = CHILD_CPU[0]
        alert = _cli(config, "alert", "-q")
        alert_cpu = CHILD_CPU[0]
    return alert, crawl, alert_cpu, crawl_cpu


@contextmanager
def database(backend: str, folder: Path, size: int) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'growth-{size}.db'}"
        return
    import sqlalchemy as sa

    name = f"growth_{size}_{uuid.uuid4().hex[:6]}"
    admin = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def pg_reachable() -> bool:
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://"),
                                  connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def measure(backend: str, size: int, new: int, chain: Chain, idle: bool,
            cache: Path | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp, database(backend, Path(tmp), size) as url:
        began = time.perf_counter()
        bodies = prefill(url, size, chain, cache)
        filled = time.perf_counter() - began
        plan_prefilled(url)
        per_page, cpu, candidates = time_store(url, new_pages(bodies, new, chain))
        plan_new, plan_idle, plan_cpu = time_plans(url)
        nan = float("nan")
        alert, crawl, alert_cpu, crawl_cpu = time_idle(url, Path(tmp)) if idle else \
            (nan, nan, nan, nan)
    return {"prefill s": filled, "store ms/page": per_page, "store cpu ms/page": cpu,
            "candidates/page": candidates,
            "plan ms (new)": plan_new, "plan ms (idle)": plan_idle, "plan cpu ms (idle)": plan_cpu,
            "idle alert s": alert, "idle alert cpu s": alert_cpu, "idle crawl s": crawl,
            "idle crawl cpu s": crawl_cpu}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,20000,100000")
    parser.add_argument("--new", type=int, default=500)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--no-idle", action="store_true", help="skip the idle CLI runs")
    parser.add_argument("--cache", type=Path, help="keep the generated prefill rows here, "
                        "to reuse them in a later run (another backend, another checkout)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    chain = Chain(CORPUS)
    for backend in args.backends.split(","):
        if backend == "postgresql" and not pg_reachable():
            print(f"postgresql: not reachable at {PG_URL}; skipped")
            continue
        print(f"\n{backend}: {args.new} new pages at each size (ratio to {sizes[0]:,} stored)")
        first: dict[str, float] | None = None
        header = None
        for size in sizes:
            row = measure(backend, size, args.new, chain, not args.no_idle, args.cache)
            first = first or row
            if header is None:
                header = list(row)
                print(f"{'stored':>8} " + " ".join(f"{h:>22}" for h in header), flush=True)
            cells = []
            for key in header:
                ratio = row[key] / first[key] if first[key] else float("nan")
                cells.append(f"{row[key]:>12.2f} (x{ratio:5.2f})")
            print(f"{size:>8,} " + " ".join(f"{c:>22}" for c in cells), flush=True)


if __name__ == "__main__":
    main()
