"""End-to-end throughput of `monitor crawl --replay`, beside extraction alone on the same bytes.

    python bench/pipeline.py [DATA_DIR] [--pages 5000] [--feeds 50] [--profile] [--runs K]
                             [--sample 300] [--dump FILE] [--keep DIR]

(default DATA_DIR: $MONITOR_SHARED or ../shared, then benchmarks/article-extraction; the saved
pages under fixtures/pages are added.) Builds one .warc.gz of PAGES article pages, made
distinct (each copy of a page gets its own URL and its words shuffled within each text
node, so the store sees new articles, not near-copies) and listed by FEEDS RSS feeds, then
runs the real CLI (`python -m monitor.cli crawl --replay`) on it into a fresh SQLite
database with 3 watches. Prints the wall time, pages/s, CPU seconds (the run and every
process it started), the peak RSS of the largest process and of the whole process tree
(RSS, and PSS: shared pages counted once),
and, on a sample of the same pages in this process on one core, our extraction alone and a
bare lxml parse.

--profile  runs the crawl under cProfile and prints the top functions of the main process
           (work done in extraction worker processes shows as waiting there).
--runs K   repeats the replay K times, each on a fresh database, and counts native deaths
           (a negative return code: SIGABRT, SIGSEGV, ...).
--dump     writes what the run stored (articles, reports, facts) and printed, sorted, as
           JSON, so two versions of the code can be compared.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402
from lxml.html import HTMLParser, document_fromstring, tostring  # noqa: E402

from monitor.crawl.warc import write_warc  # noqa: E402
from monitor.demo.story import XIAOMI_WATCH_TOML  # noqa: E402

FIXTURES = ROOT / "fixtures" / "pages"
CRAWLED_AT = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
FEED_HOST = "https://feeds.bench.example"
# The shipped demo's watch, and two more: the reader's cost grows with watches.
WATCHES_TOML = XIAOMI_WATCH_TOML + """
[[watches]]
name = "apple-cupertino"
company = "Apple"
aliases = ["Tim Cook"]
city = "Cupertino"

[[watches]]
name = "samsung-unpacked"
company = "Samsung"
"""


def default_data() -> Path:
    shared = os.environ.get("MONITOR_SHARED")
    candidates = [Path(shared)] if shared else [ROOT.parent / "shared",
                                                 ROOT.parent.parent / "shared"]
    for folder in candidates:
        if (folder / "benchmarks" / "article-extraction").is_dir():
            return folder / "benchmarks" / "article-extraction"
    return candidates[0] / "benchmarks" / "article-extraction"


def load_pages(data_dir: Path | None) -> list[tuple[str, bytes]]:
    """(url, html bytes) of the benchmark pages (when present) and of fixtures/pages."""
    found: dict[str, bytes] = {}
    if data_dir is not None and (data_dir / "ground-truth.json").is_file():
        truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id, item in sorted(truth.items()):
            path = data_dir / "html" / f"{page_id}.html.gz"
            if path.is_file():
                found.setdefault(item["url"], gzip.decompress(path.read_bytes()))
    for meta in sorted(FIXTURES.glob("*/*.json")):
        page = meta.with_name(meta.name.removesuffix(".json") + ".html.gz")
        if not page.is_file():
            continue
        url = json.loads(meta.read_text(encoding="utf-8")).get("url")
        if url:
            found.setdefault(url, gzip.decompress(page.read_bytes()))
    return sorted(found.items())


_SKIP = {"script", "style", "noscript", "template"}


def _shuffled(text: str | None, rng: random.Random) -> str | None:
    if not text or len(text) < 40:
        return text
    words = text.split()
    rng.shuffle(words)
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()):]
    return lead + " ".join(words) + tail


def variant(html: bytes, copy: int, url: str) -> bytes:
    """Copy `copy` of a page: the same markup, the words of each longer text node shuffled
    (copy 0 is the page itself). Script contents (JSON-LD) are left alone."""
    if copy == 0:
        return html
    rng = random.Random(f"{copy}:{url}")
    try:
        tree = document_fromstring(html, parser=HTMLParser(remove_comments=True))
    except (etree.ParserError, ValueError):
        return html
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in _SKIP:
            element.text = _shuffled(element.text, rng)
        parent = element.getparent()
        if parent is None or parent.tag not in _SKIP:
            element.tail = _shuffled(element.tail, rng)
    out = tostring(tree, encoding="utf-8", doctype="<!DOCTYPE html>")
    # Links into the site (the canonical URL, og:url, JSON-LD) lead to the copy, so the copy
    # is an article of its own, not another URL of the original.
    host = urlsplit(url).netloc.removeprefix("www.")
    for netloc in (host, f"www.{host}"):
        out = out.replace(f"//{netloc}/".encode(), f"//{netloc}/bench-{copy}/".encode())
        out = out.replace(f"\\/\\/{netloc}\\/".encode(),
                          f"\\/\\/{netloc}\\/bench-{copy}\\/".encode())
    return out


def copy_url(url: str, copy: int) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/bench-{copy}{parts.path or '/'}" + (
        f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class Built:
    archive: Path
    config_tail: str  # [[sources]] and [crawl] tables
    pages: list[tuple[str, bytes]]  # (url, body) of every article page in the archive


def rss(items: Sequence[tuple[str, datetime]], title: str) -> bytes:
    entries = "".join(
        f"<item><title>{escape(url)}</title><link>{escape(url)}</link>"
        f"<guid>{escape(url)}</guid><pubDate>{format_datetime(when, usegmt=True)}</pubDate></item>"
        for url, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>{FEED_HOST}/</link>"
            f"<description>bench</description>{entries}</channel></rss>").encode()


def build(folder: Path, pages: int, feeds: int, data_dir: Path | None) -> Built:
    """The archive of `pages` distinct article pages listed by `feeds` feeds, and the config."""
    base = load_pages(data_dir)
    if not base:
        raise SystemExit("no pages found: give the benchmark folder or keep fixtures/pages")
    built: list[tuple[str, bytes]] = []
    for n in range(pages):
        url, html = base[n % len(base)]
        copy = n // len(base)
        built.append((copy_url(url, copy) if copy else url, variant(html, copy, url)))
    per_feed = -(-pages // feeds)
    records: list[tuple[str, int, dict[str, str], bytes]] = []
    tail = []
    for f in range(feeds):
        listed = built[f * per_feed:(f + 1) * per_feed]
        if not listed:
            break
        feed_url = f"{FEED_HOST}/feed-{f}.xml"
        items = [(url, CRAWLED_AT - timedelta(minutes=i)) for i, (url, _) in enumerate(listed)]
        records.append((feed_url, 200, {"Content-Type": "application/rss+xml; charset=utf-8"},
                        rss(items, f"feed {f}")))
        tail.append(f'\n[[sources]]\nname = "feed-{f}"\nfeed = "{feed_url}"\n')
    date = format_datetime(CRAWLED_AT, usegmt=True)
    for url, body in built:
        records.append((url, 200, {"Content-Type": "text/html; charset=utf-8", "Date": date},
                        body))
    archive = write_warc(folder / "bench.warc.gz", records, date=CRAWLED_AT)
    tail.append(f"""
[crawl]
download_delay = 0
concurrent_requests_per_domain = 16
max_feed_items = {per_feed}
max_pages = {per_feed}
time_budget = 86400
""")
    return Built(archive, "".join(tail), built)


def write_config(folder: Path, built: Built, name: str = "run") -> tuple[Path, Path]:
    db = folder / f"{name}.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    config = folder / f"{name}.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{db}"\n\n[notify]\nurls = []\n'
                      + built.config_tail + WATCHES_TOML, encoding="utf-8")
    return config, db


class TreeRss:
    """Samples the RSS and CPU time of a process and all its descendants (from /proc)."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.pid = pid
        self.every = every
        self.peak_total = 0
        self.peak_shared_once = 0  # PSS: pages shared by forked workers counted once
        self.peak_single = 0  # the largest VmHWM of one process
        self.peak_processes = 0
        self._cpu: dict[int, float] = {}  # pid -> CPU seconds last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = list(_descendants(self.pid))
            total = sum(_status(p, "VmRSS:") for p in pids)
            for p in pids:
                self._cpu[p] = max(self._cpu.get(p, 0.0), _cpu(p))
                self.peak_single = max(self.peak_single, _status(p, "VmHWM:"))
            self.peak_total = max(self.peak_total, total)
            self.peak_shared_once = max(self.peak_shared_once, sum(_pss(p) for p in pids))
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu(self) -> float:
        """CPU seconds of every process seen (up to the last sample of each)."""
        return sum(self._cpu.values())

    @property
    def own_cpu(self) -> float:
        """CPU seconds of the crawl's own process (Scrapy, the store), not its workers."""
        return self._cpu.get(self.pid, 0.0)


def _descendants(pid: int) -> Iterator[int]:
    yield pid
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for task in tasks:
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        for child in children:
            yield from _descendants(int(child))


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime


def _status(pid: int, field: str) -> int:
    """A size field of /proc/PID/status (VmRSS:, VmHWM: the process's own peak), bytes."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass(frozen=True)
class Run:
    returncode: int
    wall: float
    cpu: float
    main_cpu: float  # the crawl's own process; the rest is extraction and reading in workers
    peak_rss: int  # the largest single process (its own high-water mark), bytes
    peak_tree_rss: int  # all processes of the run together, sampled
    peak_tree_pss: int  # the same, pages shared between processes counted once
    articles: int
    reports: int
    stderr: str
    stdout: str


def run_replay(config: Path, db: Path, archive: Path, *, profile: Path | None = None,
               extra_env: dict[str, str] | None = None, timeout: float = 7200) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["PYTHONFAULTHANDLER"] = "1"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra_env or {})
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "monitor.cli", "crawl", "-q", "--config", str(config), "--replay", str(archive)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        sampler = TreeRss(proc.pid)
        deadline = start + timeout
        status = usage = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.monotonic() - start
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    articles = reports = 0
    if db.exists():
        with sqlite3.connect(db) as conn:
            try:
                articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
            except sqlite3.DatabaseError:
                pass
        conn.close()
    # Worker processes a run leaves to exit on their own are not in its rusage: take the
    # larger of rusage and the sampled sum over the process tree.
    cpu = max(usage.ru_utime + usage.ru_stime, sampler.cpu)
    # Not usage.ru_maxrss: Linux folds into it the parent's RSS at fork time, before exec, so
    # it reports this script's own memory (it holds the archive it built), not the run's.
    return Run(proc.returncode, wall, cpu, sampler.own_cpu, sampler.peak_single,
               sampler.peak_total, sampler.peak_shared_once, articles, reports, stderr, stdout)


def dump(db: Path, stdout: str, path: Path) -> None:
    """What the run stored and printed, sorted: for comparing two versions of the code."""
    conn = sqlite3.connect(db)
    try:
        urls = dict(conn.execute("SELECT id, canonical_url FROM articles"))
        articles = sorted(
            [canonical, title, hashlib.sha256((body or "").encode()).hexdigest()[:16],
             published, authors, language, urls.get(duplicate_of)]
            for canonical, title, body, published, authors, language, duplicate_of in
            conn.execute("SELECT canonical_url, title, body, published, authors, language, "
                         "duplicate_of FROM articles"))
        facts: dict[int, list[list[str]]] = {}
        for report_id, kind, value, evidence in conn.execute(
                "SELECT report_id, kind, value, evidence FROM facts ORDER BY report_id, position"):
            facts.setdefault(report_id, []).append([kind, value, evidence])
        reports = sorted(
            [urls[article_id], watch, status, basis, status_evidence, facts.get(rid, [])]
            for rid, article_id, watch, status, basis, status_evidence in conn.execute(
                "SELECT id, article_id, watch, status, basis, status_evidence FROM reports"))
    finally:
        conn.close()
    path.write_text(json.dumps({"articles": articles, "reports": reports,
                                "printed": stdout}, indent=1, ensure_ascii=False),
                    encoding="utf-8")


def time_alone(pages: Sequence[tuple[str, bytes]]) -> tuple[float, float]:
    """Pages/s of our extraction alone and of a bare lxml parse, in this process, one core."""
    from monitor.extract.article import extract_article
    from monitor.extract.article.page import decode_html

    start = time.process_time()
    for url, body in pages:
        extract_article(decode_html(body, "text/html; charset=utf-8"), url, fetched_at=CRAWLED_AT)
    extraction = len(pages) / max(time.process_time() - start, 1e-9)
    parser = HTMLParser(remove_comments=True)
    start = time.process_time()
    for _url, body in pages:
        document_fromstring(body, parser=parser)
    parse = len(pages) / max(time.process_time() - start, 1e-9)
    return extraction, parse


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def _death(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def print_profile(path: Path, top: int = 25) -> None:
    import pstats

    stats = pstats.Stats(str(path))
    print(f"\ntop {top} functions of the main process by own time (cProfile):")
    stats.sort_stats("tottime").print_stats(top)
    print(f"top {top} by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--runs", type=int, default=1,
                        help="replays to run, each on a fresh database; native deaths counted")
    parser.add_argument("--sample", type=int, default=300,
                        help="pages timed for extraction alone and lxml parse (default 300)")
    parser.add_argument("--profile", action="store_true", help="cProfile the (first) run")
    parser.add_argument("--dump", type=Path, help="write what the first run stored, as JSON")
    parser.add_argument("--keep", type=Path, help="build and run in this folder, and keep it")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data()

    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        built = build(folder, args.pages, args.feeds, data_dir if data_dir.is_dir() else None)
        size = built.archive.stat().st_size
        print(f"archive: {len(built.pages)} article pages, {args.feeds} feeds, "
              f"{_mb(size)} gzipped ({_mb(sum(len(b) for _, b in built.pages))} of pages), "
              f"built in {time.monotonic() - start:.0f} s")

        runs: list[Run] = []
        for n in range(args.runs):
            config, db = write_config(folder, built)
            profile = folder / "crawl.prof" if args.profile and n == 0 else None
            run = run_replay(config, db, built.archive, profile=profile)
            runs.append(run)
            death = f", DIED {_death(run.returncode)}" if run.returncode < 0 else ""
            print(f"run {n + 1}: exit {run.returncode}{death}, {run.articles} articles, "
                  f"{run.reports} reports, {run.wall:.1f} s, "
                  f"{run.articles / run.wall:.1f} pages/s, "
                  f"CPU {run.cpu:.0f} s, peak RSS {_mb(run.peak_rss)} (all processes "
                  f"{_mb(run.peak_tree_rss)})", flush=True)
            if run.returncode < 0 or run.returncode not in (0, 1):
                print("  stderr tail: " + run.stderr[-2000:].replace("\n", "\n  "))
            if n == 0 and args.dump:
                dump(db, run.stdout, args.dump)
            if profile is not None and profile.exists():
                print_profile(profile)

        sample = built.pages[: max(1, min(args.sample, len(built.pages)))]
        extraction, parse = time_alone(sample)
        first = runs[0]
        ok = [r for r in runs if r.returncode >= 0]
        print(f"\n{'what':<44}{'figure':>30}")
        rows = [
            ("pages in the archive", f"{len(built.pages)}"),
            ("articles stored (first run)", f"{first.articles}"),
            ("end to end, pages/s (wall)", " / ".join(f"{r.articles / r.wall:.1f}" for r in ok)),
            ("end to end, CPU s (all processes)", " / ".join(f"{r.cpu:.0f}" for r in ok)),
            ("  of which the crawl's own process", " / ".join(f"{r.main_cpu:.0f}" for r in ok)),
            ("end to end, pages per CPU s", " / ".join(f"{r.articles / r.cpu:.1f}" for r in ok)),
            ("peak RSS, largest process", " / ".join(_mb(r.peak_rss) for r in ok)),
            ("peak RSS, all processes (sampled)", " / ".join(_mb(r.peak_tree_rss) for r in ok)),
            ("peak PSS, all processes (sampled)", " / ".join(_mb(r.peak_tree_pss) for r in ok)),
            (f"extraction alone, pages/s ({len(sample)} pages)", f"{extraction:.1f}"),
            (f"lxml parse alone, pages/s ({len(sample)} pages)", f"{parse:.1f}"),
            ("end to end / extraction alone", f"{first.articles / first.wall / extraction:.2f}"),
            ("native deaths", f"{len(runs) - len(ok)} of {len(runs)} run(s)"
             + (": " + ", ".join(_death(r.returncode) for r in runs if r.returncode < 0)
                if len(ok) < len(runs) else "")),
        ]
        for what, figure in rows:
            print(f"{what:<44}{figure:>30}")
    return 1 if len(ok) < len(runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
