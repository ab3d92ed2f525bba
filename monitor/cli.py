"""`monitor` command line: crawl, alert, extract, status, alerts, notify, report, demo, init.

Exit status: 0 all went well; 1 some source or notification target failed (the rest were
still processed); 2 usage or config error; 3 another run holds the run lock (nothing done).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
RUN_LOCK = "run"

# What the CLI tells its operator, on standard error: errors always (but with -q only those),
# warnings by default, the summary lines at INFO with -v. Nothing else, so a cron run with
# nothing new and nothing failing prints nothing at all.
report = logging.getLogger("monitor.report")


class UsageError(Exception):
    """Something the user must fix before the command can run."""


class Locked(Exception):
    """Another run holds the run lock."""


def run() -> NoReturn:
    """The process entry point (the `monitor` script, `python -m monitor`): `main`, then exit.

    A command imports some 900 modules (Scrapy, Twisted, SQLAlchemy): about 100,000 objects
    that live until the process ends. Tearing them down at interpreter exit (the module
    dicts, then the cyclic GC over all of them) took a quarter of a second of CPU, a fifth
    of an idle cron run, to free memory the OS takes back anyway. So, once the command is
    done: one full collection, which finalizes whatever is garbage by then as exit would,
    then `gc.freeze()`, which leaves every object still alive out of the collections at
    exit. atexit handlers, logging's flush and the standard streams' flush run as before.
    Only here, not in `main`: callers in a process that goes on (the tests) keep the GC
    as it was.

    The same objects cost again while they are imported: each cyclic collection then walks
    every object that survived the last one, and the imports are nearly all survivors (of
    the 1,900 objects found to be garbage out of 160,000 when a crawl starts). So the GC is
    paused from here until the command has loaded what it needs (`_started`), which freezes
    what is loaded by then and collects as usual from there on. On an idle cron run the
    collections cost 120-165 ms of CPU (55 ms of it the collection before exit); paused and
    frozen, 10-15 ms. The startup garbage stays in memory until exit (about 0.5 MB, once).
    """
    global _gc_paused
    gc.disable()
    _gc_paused = True
    try:
        code = main()
    finally:
        _started()  # a command that failed early, or one that never calls it
    gc.collect()
    gc.freeze()
    sys.exit(code)


_gc_paused = False


def _started() -> None:
    """The command has imported what it needs: freeze that, and let the GC collect again.

    A no-op unless `run` paused the GC (not in a caller that goes on, such as the tests).
    """
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    # `monitor status | head` should end quietly, as other Unix tools do. Put back after, so
    # a caller in the same process (the tests) does not die of a peer's closed socket.
    previous = signal.signal(signal.SIGPIPE, signal.SIG_DFL) if hasattr(signal, "SIGPIPE") \
        else None
    try:
        return _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGPIPE, previous)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    args.verbose = getattr(args, "verbose", 0)
    args.quiet = getattr(args, "quiet", False)
    _report_to_stderr(args.verbose, args.quiet)
    if args.command not in ("crawl",):
        _logging(args.verbose)  # a crawl logs through Scrapy's handler, set by LOG_LEVEL
    if args.command not in ("crawl", "alert"):
        _started()  # the others collect as usual throughout (see `run`)
    try:
        code: int = args.func(args, sys.stdout)
    except UsageError as exc:
        print(f"monitor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Locked as exc:
        report.warning("monitor: %s", exc)
        return EXIT_LOCKED
    return code


def _verbosity(parser: argparse.ArgumentParser, default: Any) -> None:
    # On the main parser and on each sub-command, so `monitor crawl -q` works as `monitor -q
    # crawl` does; SUPPRESS keeps a sub-command from resetting what was given before it.
    parser.add_argument("-v", "--verbose", action="count", default=default,
                        help="more output: -v the summary lines, -vv and -vvv Scrapy's log")
    parser.add_argument("-q", "--quiet", action="store_true", default=default,
                        help="print errors only")


def _parser() -> argparse.ArgumentParser:
    from monitor import __version__
    from monitor.cli_commands import register

    parser = argparse.ArgumentParser(prog="monitor", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"monitor {__version__}")
    _verbosity(parser, 0)
    parser.set_defaults(quiet=False)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        found = sub.add_parser(name, help=help)
        _verbosity(found, argparse.SUPPRESS)
        return found

    crawl = command("crawl", "crawl every source once, store, alert, exit")
    _config_arg(crawl)
    crawl.add_argument("--source", action="append", default=[], metavar="NAME",
                       help="crawl only this source (repeatable)")
    crawl.add_argument("--replay", action="append", default=[], metavar="ARCHIVE", type=Path,
                       help="serve every request from this WARC file (repeatable); no network")
    crawl.add_argument("--record", metavar="ARCHIVE", type=Path,
                       help="write every response fetched to this WARC file")
    crawl.add_argument("--dry-run", action="store_true",
                       help="print the alerts that would be sent; send and mark nothing")
    _lock_args(crawl)
    crawl.set_defaults(func=cmd_crawl)

    alert = command("alert", "plan, record and deliver alerts from what is stored; no crawl")
    _config_arg(alert)
    alert.add_argument("--dry-run", action="store_true",
                       help="print the alerts that would be sent; send and mark nothing")
    _lock_args(alert)
    alert.set_defaults(func=cmd_alert)

    extract = command("extract", "parse one saved page as if fetched from URL")
    _config_arg(extract)
    extract.add_argument("path", type=Path)
    extract.add_argument("--url", required=True)
    extract.add_argument("--json", action="store_true", help="print JSON")
    extract.set_defaults(func=cmd_extract)

    status = command("status", "what is known now about each watch")
    _config_arg(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.add_argument("--explain", action="store_true",
                        help="every value with its sites, strength and first sentence, and "
                             "what was set aside and why")
    status.set_defaults(func=cmd_status)

    alerts = command("alerts", "alerts sent and pending, per target")
    _config_arg(alerts)
    alerts.add_argument("--limit", type=int, default=50, help="newest N alerts (default 50)")
    alerts.add_argument("--json", action="store_true", help="print JSON, oldest first")
    alerts.add_argument("--retry", action="store_true",
                        help="deliver every pending or given-up alert now, ignoring backoff")
    _lock_args(alerts)
    alerts.set_defaults(func=cmd_alerts)

    notify = command("notify", "check the notification targets")
    _config_arg(notify)
    notify.add_argument("--test", action="store_true", required=True,
                        help="send a test message to every target and report each result")
    notify.set_defaults(func=cmd_notify)

    before = set(sub.choices)
    register(sub, _config_arg)  # report, demo, init, completion, man
    for name in set(sub.choices) - before:
        _verbosity(sub.choices[name], argparse.SUPPRESS)
    return parser


def _lock_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=float, metavar="SECONDS",
                        help="wait up to SECONDS for another run to finish (default: "
                             "[run] lock_wait, 0); then exit with status 3")
    parser.add_argument("--no-lock", action="store_true",
                        help="run beside other runs (deliveries are claimed one by one, so "
                             "none is sent twice)")


def _config_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH",
                        help="config file (default: $MONITOR_CONFIG or ./monitor.toml)")


def _logging(verbose: int) -> None:
    level = logging.DEBUG if verbose > 1 else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _report_to_stderr(verbose: int, quiet: bool) -> None:
    for old in list(report.handlers):
        report.removeHandler(old)
    report.addHandler(_StderrHandler())
    report.setLevel(logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING)
    report.propagate = False


class _StderrHandler(logging.Handler):
    """Plain lines on whatever sys.stderr is at the time (a test may have replaced it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(record.getMessage() + "\n")
        except Exception:
            self.handleError(record)


@contextlib.contextmanager
def _run_lock(store: Any, args: argparse.Namespace, config: Any) -> Iterator[None]:
    """One run at a time on a database, unless --no-lock; Locked when the wait runs out."""
    from monitor.store.locks import LockHeld

    if args.no_lock:
        yield
        return
    wait = config.lock_wait if args.wait is None else args.wait
    try:
        lock = store.lock(RUN_LOCK, wait=wait)
        lock.__enter__()
    except LockHeld as exc:
        waited = f" after waiting {wait:g} s" if wait else ""
        holder = f" ({exc.holder})" if exc.holder else ""
        raise Locked(f"another run holds the lock on {_store_name(store.url)}{holder}; "
                     f"nothing done{waited} (exit status {EXIT_LOCKED})") from None
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def _store_name(url: str) -> str:
    from monitor.store.engine import store_url

    return str(store_url(url).render_as_string(hide_password=True))


def _load(args: argparse.Namespace) -> Any:
    from monitor.config import ConfigError, load_config

    try:
        return load_config(args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _open_store(url: str) -> Any:
    from monitor.store import Store, StoreError

    try:
        return Store(url)
    except StoreError as exc:
        raise UsageError(f"store {exc}") from None


def cmd_crawl(args: argparse.Namespace, out: TextIO) -> int:
    from monitor.crawl.configured import config_settings
    from monitor.crawl.runner import run_crawl
    from monitor.crawl.settings import crawl_settings
    from monitor.crawl.warc import WarcError

    config = _load(args)
    try:
        sources = [config.source(n) for n in args.source] if args.source else list(config.sources)
    except Exception as exc:
        raise UsageError(str(exc)) from None
    for archive in args.replay:
        if not archive.is_file():
            raise UsageError(f"--replay {archive}: no such file")
    if args.record:
        _check_record(args.record)
    targets = _targets(config)

    store = _open_store(config.store_url)
    try:
        from monitor.store import StoreError

        try:
            # A read-only database would otherwise be found only after the whole crawl.
            store.check_writable()
        except StoreError as exc:
            raise UsageError(f"store {exc}") from None
        with _run_lock(store, args, config):
            # Replays answer from the archive; conditional headers would only confuse the record.
            settings = crawl_settings(
                validator_store=None if args.replay else store,
                replay=[str(p) for p in args.replay] or None,
                record=str(args.record) if args.record else None,
                **config_settings(config),
            )
            # A progress line on a terminal only; cron, pipes and -q get none of it.
            settings["MONITOR_PROGRESS"] = sys.stderr.isatty() and not args.quiet
            # Quiet by default, for cron: what matters is reported below, once, per source.
            level = 0 if args.quiet else min(args.verbose, 3)
            settings["LOG_LEVEL"] = ("CRITICAL", "WARNING", "INFO", "DEBUG")[level]
            # Scrapy, Twisted, SQLAlchemy and the store are loaded (see `run`).
            _started()
            try:
                outcome = run_crawl(sources, settings)
            except WarcError as exc:
                raise UsageError(f"--replay {exc}") from None  # the crawl never started

            failed_sources = 0
            for source in sources:
                if source.name in outcome.source_skipped:
                    # Neither a failure nor a healthy run: its health stays as it was.
                    report.warning("source %s: skipped: %s", source.name,
                                   outcome.source_skipped[source.name])
                    continue
                errors = outcome.source_errors.get(source.name, [])
                unparsed = int(outcome.stats.get(f"monitor/{source.name}/unparsed", 0))
                for error in errors:
                    report.error("source %s: %s", source.name, error)
                failed_sources += bool(errors)
                if unparsed:
                    report.warning("source %s: %d page(s) without title or body text; has the "
                                   "site's layout changed?", source.name, unparsed)
            _say_what_was_left(outcome, settings)
            pages = sum(outcome.source_pages.values())
            delivered_ok = _alert_step(
                store, config, targets, out, [s.name for s in sources], dry_run=args.dry_run,
                crawled=f"crawled {len(sources)} source(s), {pages} page(s); "
                        f"{failed_sources} source(s) failed; ")
            return EXIT_PARTIAL if failed_sources or not delivered_ok else EXIT_OK
    finally:
        store.close()


def cmd_alert(args: argparse.Namespace, out: TextIO) -> int:
    config = _load(args)
    targets = _targets(config)
    store = _open_store(config.store_url)
    _started()  # SQLAlchemy and the store are loaded (see `run`)
    try:
        with _run_lock(store, args, config):
            sources = [s.name for s in config.sources]
            ok = _alert_step(store, config, targets, out, sources, dry_run=args.dry_run)
            return EXIT_OK if ok else EXIT_PARTIAL
    finally:
        store.close()


def _alert_step(store: Any, config: Any, targets: list[Any], out: TextIO, sources: list[str],
                *, dry_run: bool, crawled: str = "") -> bool:
    """From what is stored to alerts sent: the half of `monitor crawl` that `alert` runs."""
    from monitor.alerting import plan_alerts, plan_and_record
    from monitor.clock import now
    from monitor.notify.deliver import print_message

    if dry_run:
        planned = plan_alerts(store, config.watches, config.alerts)
        for alert in planned:
            print_message(alert.message, out)
        print(f"dry run: {len(planned)} alert(s) would be sent; nothing sent or marked",
              file=out)
        return True
    planned = plan_and_record(store, config.watches, targets, now(), config.alerts)
    with store.lock("health"):
        _record_health(store, config, sources, targets)
    return _deliver(store, config, targets, out, summary=f"{crawled}{len(planned)} new alert(s); ")


def _say_what_was_left(outcome: Any, settings: dict[str, Any]) -> None:
    """One line per source that has articles waiting for the next run, and why."""
    if outcome.finish_reason == "time_budget":
        report.warning("time budget of %g s reached: the crawl stopped; what it fetched is "
                       "stored and alerted on", settings["MONITOR_TIME_BUDGET"])
    for name, left in sorted(outcome.source_left.items()):
        report.warning("source %s: %d article(s) left for the next run", name, left)


def _check_record(path: Path) -> None:
    """The --record file can be written: found now, not when the first response arrives."""
    if not path.parent.is_dir():
        raise UsageError(f"--record {path}: folder {path.parent} does not exist")
    try:
        with open(path, "ab"):
            pass  # the recorder truncates it when the crawl starts
    except OSError as exc:
        raise UsageError(f"--record {path}: cannot write: {exc.strerror or exc}") from None


def _targets(config: Any) -> list[Any]:
    from monitor.notify.deliver import NotifyConfigError
    from monitor.notify.routing import build_targets

    tagged = [(t.url, t.tags, t.digest) for t in config.notify.targets]
    try:
        return build_targets(config.notify_urls, tagged, config.notify.apprise_config)
    except NotifyConfigError as exc:
        raise UsageError(f"{config.path}: notify: {exc}") from None


def _policy(config: Any) -> Any:
    from monitor.alerting import RetryPolicy

    return RetryPolicy(config.notify.max_attempts, config.notify.retry_after,
                       config.notify.timeout)


def _record_health(store: Any, config: Any, sources: list[str], targets: list[Any]) -> None:
    from monitor.alerting import record_message
    from monitor.clock import now
    from monitor.health import health_notices

    for notice in health_notices(store, sources, config.health_failures):
        record_message(store, notice.watch, notice.version, notice.message,
                       {"failing": notice.failing}, ("ops",), targets, now())


def _deliver(store: Any, config: Any, targets: list[Any], out: TextIO, *,
             ignore_backoff: bool = False, summary: str = "") -> bool:
    """Deliver what is due, say what failed; False when some delivery failed."""
    from monitor.alerting import deliver_pending

    done = deliver_pending(store, targets, out, _policy(config), ignore_backoff=ignore_backoff)
    for alert_id, target, reason in done.failed:
        report.error("alert %s: delivery to %s failed, will retry: %s", alert_id, target, reason)
    for alert_id, target, reason in done.given_up:
        report.error("alert %s: delivery to %s given up after %d attempts: %s", alert_id,
                     target, config.notify.max_attempts, reason)
    for alert_id, key in done.orphaned:
        report.warning("alert %s: target %s is no longer configured; left pending", alert_id,
                       key)
    if done.deferred:
        report.warning("%d delivery(ies) waiting to retry after a failure", done.deferred)
    # One line for the whole run, at INFO: shown with -v, never mailed by cron otherwise.
    report.info("%salerts: %d delivered, %d failed, %d given up%s", summary,
                len(done.delivered), len(done.failed), len(done.given_up),
                f", {done.elsewhere} sent by another run" if done.elsewhere else "")
    return done.ok


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from monitor.clock import now
    from monitor.extract.article import extract_article
    from monitor.extract.reading import find_reports
    from monitor.sources.profiles import profile_for_url

    try:
        html = args.path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.path}: {exc.strerror}") from None
    if args.path.suffix == ".gz":
        html = _gunzip_page(args.path, html)
    watches = _watches_for_extract(args)
    # A saved page was fetched at some time before now; now bounds its publication date.
    article = extract_article(html, args.url, profile=profile_for_url(args.url), fetched_at=now())
    # A listing's teasers are about other stories: nothing is read from it.
    reports = [] if article.is_listing else find_reports(article, watches)
    if args.json:
        json.dump(_extract_json(article, reports, watches), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    print(f"title:     {article.title or '(none)'}", file=out)
    print(f"url:       {article.canonical_url}", file=out)
    print(f"published: {article.published.isoformat() if article.published else '(none)'}",
          file=out)
    print(f"authors:   {', '.join(article.authors) or '(none)'}", file=out)
    print(f"language:  {article.language or '(unknown)'}", file=out)
    if article.is_listing:
        print("listing:   yes (teasers of other pages; no event is read from it)", file=out)
    print("", file=out)
    print(article.body, file=out)
    print("", file=out)
    by_watch = {r.watch: r for r in reports}
    for watch in watches:
        report = by_watch.get(watch.name)
        if report is None:
            why = "a listing page, not read" if article.is_listing else "not about this event"
            print(f"watch {watch.name}: {why}", file=out)
            continue
        print(f"watch {watch.name}: {report.status.value}", file=out)
        print(f"  status: {report.status.value}  \"{report.status_evidence}\"", file=out)
        for fact in report.facts:
            print(f"  {fact.kind.value}: {fact.value}  \"{fact.evidence}\"", file=out)
    return EXIT_OK


# Larger than any page a crawl would download (DOWNLOAD_MAXSIZE): anything bigger unpacked is
# a gzip bomb or not a page, and is refused before it fills the memory.
MAX_PAGE_BYTES = 32 * 1024 * 1024


def _gunzip_page(path: Path, packed: bytes) -> bytes:
    import zlib

    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = unpacker.decompress(packed, MAX_PAGE_BYTES)
    except zlib.error as exc:
        raise UsageError(f"{path}: not valid gzip data ({exc})") from None
    if unpacker.unconsumed_tail:
        raise UsageError(f"{path}: unpacks to more than {MAX_PAGE_BYTES // 2**20} MiB; "
                         "not a page (a gzip bomb?)")
    return data


def _watches_for_extract(args: argparse.Namespace) -> tuple[Any, ...]:
    from monitor.config import config_path

    if args.config is None and not config_path().exists():
        return ()
    return tuple(_load(args).watches)


def _extract_json(article: Any, reports: Sequence[Any], watches: Sequence[Any]) -> dict[str, Any]:
    by_watch = {r.watch: r for r in reports}
    return {
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "modified": article.modified.isoformat() if article.modified else None,
        "authors": list(article.authors),
        "language": article.language,
        "is_listing": article.is_listing,
        "body": article.body,
        "watches": {
            w.name: None if w.name not in by_watch else {
                "status": by_watch[w.name].status.value,
                "status_evidence": by_watch[w.name].status_evidence,
                "facts": [{"kind": f.kind.value, "value": f.value, "evidence": f.evidence}
                          for f in by_watch[w.name].facts],
            }
            for w in watches
        },
    }


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    from monitor.events.state import build_state
    from monitor.health import health_of

    config = _load(args)
    store = _open_store(config.store_url)
    try:
        result = {}
        for watch in config.watches:
            result[watch.name] = build_state(store.reports_for(watch.name), watch, config.alerts)
        sources = {s.name: health_of(store, s.name) for s in config.sources}
        if args.json:
            json.dump({"watches": result, "sources": {
                name: {"ok": h.ok, "failing_runs": h.failing_runs, "problem": h.last_problem,
                       "last_run": h.last_run.at.isoformat() if h.last_run else None}
                for name, h in sources.items()}}, out, indent=2, ensure_ascii=False)
            out.write("\n")
            return EXIT_OK
        explaining = getattr(args, "explain", False)
        if explaining:
            from monitor.status_explain import explain

            for watch in config.watches:
                rows = store.reports_for(watch.name)
                urls = {r.article_id: r.url for r in rows}
                copies = [(c.site, c.url, urls.get(c.original_id, ""))
                          for c in store.copies_of(sorted(urls))]
                explain(watch.name, result[watch.name], out, copies)
        elif out.isatty():
            from monitor.status_view import print_status_tables

            print_status_tables(result, sources, out)
            return EXIT_OK
        for name, state in result.items() if not explaining else ():
            if state is None:
                print(f"{name}: nothing seen yet", file=out)
                continue
            print(f"{name}: {state['status']} (sources: {', '.join(state['sites'])})", file=out)
            print(f"  because: \"{state['status_evidence']['sentence']}\"", file=out)
            for kind, entry in state["facts"].items():
                for value, support in entry["values"].items():
                    mark = "" if entry.get("current", value) == value else "  (disputed)"
                    print(f"  {kind}: {value}{mark}", file=out)
                    print(f"    first seen {support['first_seen']}; "
                          f"sources: {', '.join(support['sites'])}", file=out)
        for name, health in sources.items():
            if health.last_run is None:
                print(f"source {name}: never crawled", file=out)
            elif health.ok:
                print(f"source {name}: ok (last run {health.last_run.at.isoformat()}, "
                      f"{health.last_run.pages} page(s))", file=out)
            else:
                print(f"source {name}: failing for {health.failing_runs} run(s): "
                      f"{health.last_problem}", file=out)
        return EXIT_OK
    finally:
        store.close()


def cmd_alerts(args: argparse.Namespace, out: TextIO) -> int:
    config = _load(args)
    store = _open_store(config.store_url)
    try:
        if args.retry:
            targets = _targets(config)
            with _run_lock(store, args, config):
                count = store.retry_now()
                report.info("retrying %d delivery(ies) now", count)
                return EXIT_OK if _deliver(store, config, targets, out, ignore_backoff=True) \
                    else EXIT_PARTIAL
        views = store.alerts(limit=args.limit)
        if args.json:
            json.dump([_alert_json(v) for v in reversed(views)], out, indent=2, ensure_ascii=False)
            out.write("\n")
            return EXIT_OK
        if not views:
            print("no alerts yet", file=out)
        for view in views:
            print(f"#{view.id} {view.watch} v{view.version}: {view.title}", file=out)
            for d in view.deliveries:
                extra = f" after {d.attempts} attempt(s): {d.last_error}" if d.last_error else ""
                if d.state == "pending" and d.next_attempt_at:
                    extra += f"; next try after {d.next_attempt_at.isoformat(timespec='seconds')}"
                print(f"  {d.state:9} {d.target_display}{extra}", file=out)
        return EXIT_OK
    finally:
        store.close()


def cmd_notify(args: argparse.Namespace, out: TextIO) -> int:
    from monitor.notify.deliver import send
    from monitor.notify.render import render_notice

    config = _load(args)
    targets = _targets(config)
    if not targets:
        print("no notification targets configured; alerts print to standard output", file=out)
        return EXIT_OK
    message = render_notice("monitor: test message",
                            [f"This is a test from monitor, configured in {config.path}."])
    results = send(message, targets, timeout=config.notify.timeout)
    failed = 0
    for target in targets:
        result = results[target.key]
        tags = ",".join(sorted(target.tags)) or "status,details"
        state = "ok" if result.ok else f"FAILED: {result.error}"
        print(f"{target.display} [{tags}{', daily digest' if target.digest else ''}]: {state}",
              file=out)
        failed += not result.ok
    return EXIT_PARTIAL if failed else EXIT_OK


def _alert_json(view: Any) -> dict[str, Any]:
    return {
        "id": view.id,
        "watch": view.watch,
        "version": view.version,
        "title": view.title,
        "created_at": view.created_at.isoformat(),
        "changes": view.state.get("changes", []),
        "body": view.body,
        "deliveries": [
            {"target": d.target_display, "state": d.state, "attempts": d.attempts,
             "last_error": d.last_error,
             "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None}
            for d in view.deliveries
        ],
    }


if __name__ == "__main__":
    run()
