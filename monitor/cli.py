"""`monitor` command line: crawl, extract, status, alerts, notify, report, demo, init.

Exit status: 0 all went well; 1 some source or notification target failed (the rest were
still processed); 2 usage or config error.
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the user must fix before the command can run."""


def main(argv: Sequence[str] | None = None) -> int:
    # `monitor status | head` should end quietly, as other Unix tools do.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "crawl":
        _logging(args.verbose)  # a crawl logs through Scrapy's handler, set by LOG_LEVEL
    try:
        code: int = args.func(args, sys.stdout)
    except UsageError as exc:
        print(f"monitor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return code


def _parser() -> argparse.ArgumentParser:
    from monitor import __version__
    from monitor.cli_commands import register

    parser = argparse.ArgumentParser(prog="monitor", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"monitor {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="more log output (-vv for Scrapy's debug log)")
    sub = parser.add_subparsers(dest="command", required=True)

    crawl = sub.add_parser("crawl", help="crawl every source once, store, alert, exit")
    _config_arg(crawl)
    crawl.add_argument("--source", action="append", default=[], metavar="NAME",
                       help="crawl only this source (repeatable)")
    crawl.add_argument("--replay", action="append", default=[], metavar="ARCHIVE", type=Path,
                       help="serve every request from this WARC file (repeatable); no network")
    crawl.add_argument("--record", metavar="ARCHIVE", type=Path,
                       help="write every response fetched to this WARC file")
    crawl.add_argument("--dry-run", action="store_true",
                       help="print the alerts that would be sent; send and mark nothing")
    crawl.set_defaults(func=cmd_crawl)

    extract = sub.add_parser("extract", help="parse one saved page as if fetched from URL")
    _config_arg(extract)
    extract.add_argument("path", type=Path)
    extract.add_argument("--url", required=True)
    extract.add_argument("--json", action="store_true", help="print JSON")
    extract.set_defaults(func=cmd_extract)

    status = sub.add_parser("status", help="what is known now about each watch")
    _config_arg(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(func=cmd_status)

    alerts = sub.add_parser("alerts", help="alerts sent and pending, per target")
    _config_arg(alerts)
    alerts.add_argument("--limit", type=int, default=50, help="newest N alerts (default 50)")
    alerts.add_argument("--json", action="store_true", help="print JSON, oldest first")
    alerts.add_argument("--retry", action="store_true",
                        help="deliver every pending or given-up alert now, ignoring backoff")
    alerts.set_defaults(func=cmd_alerts)

    notify = sub.add_parser("notify", help="check the notification targets")
    _config_arg(notify)
    notify.add_argument("--test", action="store_true", required=True,
                        help="send a test message to every target and report each result")
    notify.set_defaults(func=cmd_notify)

    register(sub, _config_arg)  # report, demo, init, completion, man
    return parser


def _config_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH",
                        help="config file (default: $MONITOR_CONFIG or ./monitor.toml)")


def _logging(verbose: int) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


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
    from monitor.alerting import plan_alerts, record_alerts
    from monitor.clock import now
    from monitor.crawl.runner import run_crawl
    from monitor.crawl.settings import crawl_settings
    from monitor.crawl.warc import WarcError
    from monitor.notify.deliver import print_message
    from monitor.pipelines import watches_setting

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
        # Replays answer from the archive; conditional headers would only confuse the record.
        settings = crawl_settings(
            validator_store=None if args.replay else store,
            replay=[str(p) for p in args.replay] or None,
            record=str(args.record) if args.record else None,
            **_crawl_overrides(config.crawl),
        )
        settings.update({
            "MONITOR_STORE_URL": config.store_url,
            "MONITOR_WATCHES": watches_setting(config.watches),
            "ITEM_PIPELINES": {"monitor.pipelines.ArticlePipeline": 300},
        })
        # A progress line on a terminal only; cron and pipes get none of it.
        settings["MONITOR_PROGRESS"] = sys.stderr.isatty()
        # Quiet by default, for cron: what matters is printed below, once, per source.
        settings["LOG_LEVEL"] = ("CRITICAL", "WARNING", "INFO", "DEBUG")[min(args.verbose, 3)]
        try:
            outcome = run_crawl(sources, settings)
        except WarcError as exc:
            raise UsageError(f"--replay {exc}") from None  # the crawl never started

        failed_sources = 0
        for source in sources:
            if source.name in outcome.source_skipped:
                # Neither a failure nor a healthy run: its health stays as it was.
                print(f"source {source.name}: skipped: {outcome.source_skipped[source.name]}",
                      file=sys.stderr)
                continue
            errors = outcome.source_errors.get(source.name, [])
            unparsed = int(outcome.stats.get(f"monitor/{source.name}/unparsed", 0))
            store.record_source_run(source.name, now(), outcome.source_pages.get(source.name, 0),
                                    errors, entries=outcome.source_entries.get(source.name),
                                    unparsed=unparsed)
            for error in errors:
                print(f"source {source.name}: {error}", file=sys.stderr)
            failed_sources += bool(errors)
            if unparsed:
                print(f"source {source.name}: {unparsed} page(s) without title or body text; "
                      "has the site's layout changed?", file=sys.stderr)

        _say_what_was_left(outcome, settings)
        planned = plan_alerts(store, config.watches)
        if args.dry_run:
            for alert in planned:
                print_message(alert.message, out)
            print(f"dry run: {len(planned)} alert(s) would be sent; nothing sent or marked",
                  file=out)
            return EXIT_PARTIAL if failed_sources else EXIT_OK
        record_alerts(store, planned, targets, now())
        _record_health(store, config, [s.name for s in sources], targets)
        delivered_ok = _deliver(store, config, targets, out)
        print(f"crawled {len(sources)} source(s), {sum(outcome.source_pages.values())} page(s); "
              f"{failed_sources} source(s) failed; {len(planned)} new alert(s)", file=sys.stderr)
        return EXIT_PARTIAL if failed_sources or not delivered_ok else EXIT_OK
    finally:
        store.close()


def _say_what_was_left(outcome: Any, settings: dict[str, Any]) -> None:
    """One line per source that has articles waiting for the next run, and why."""
    if outcome.finish_reason == "time_budget":
        print(f"time budget of {settings['MONITOR_TIME_BUDGET']:g} s reached: the crawl "
              "stopped; what it fetched is stored and alerted on", file=sys.stderr)
    for name, left in sorted(outcome.source_left.items()):
        print(f"source {name}: {left} article(s) left for the next run", file=sys.stderr)


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
             ignore_backoff: bool = False) -> bool:
    """Deliver what is due, say what failed; False when some delivery failed."""
    from monitor.alerting import deliver_pending

    report = deliver_pending(store, targets, out, _policy(config), ignore_backoff=ignore_backoff)
    for alert_id, target, reason in report.failed:
        print(f"alert {alert_id}: delivery to {target} failed, will retry: {reason}",
              file=sys.stderr)
    for alert_id, target, reason in report.given_up:
        print(f"alert {alert_id}: delivery to {target} given up after "
              f"{config.notify.max_attempts} attempts: {reason}", file=sys.stderr)
    for alert_id, key in report.orphaned:
        print(f"alert {alert_id}: target {key} is no longer configured; left pending",
              file=sys.stderr)
    if report.deferred:
        print(f"{report.deferred} delivery(ies) waiting to retry after a failure",
              file=sys.stderr)
    print(f"alerts: {len(report.delivered)} delivered, {len(report.failed)} failed, "
          f"{len(report.given_up)} given up", file=sys.stderr)
    return report.ok


def _crawl_overrides(crawl: dict[str, Any]) -> dict[str, Any]:
    from monitor.crawl.settings import user_agent

    names = {"download_delay": "DOWNLOAD_DELAY", "timeout": "DOWNLOAD_TIMEOUT",
             "concurrent_requests_per_domain": "CONCURRENT_REQUESTS_PER_DOMAIN",
             "max_feed_items": "MONITOR_MAX_FEED_ITEMS", "max_sitemaps": "MONITOR_MAX_SITEMAPS",
             "max_pages": "MONITOR_MAX_PAGES", "time_budget": "MONITOR_TIME_BUDGET"}
    overrides = {names[k]: v for k, v in crawl.items() if k in names}
    if "download_delay" in crawl:
        # AutoThrottle adapts the delay from here; starting higher would ignore the user.
        overrides["AUTOTHROTTLE_START_DELAY"] = crawl["download_delay"]
    if crawl.get("user_agent_contact"):
        overrides["USER_AGENT"] = user_agent(str(crawl["user_agent_contact"]))
    return overrides


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
            result[watch.name] = build_state(store.reports_for(watch.name))
        sources = {s.name: health_of(store, s.name) for s in config.sources}
        if args.json:
            json.dump({"watches": result, "sources": {
                name: {"ok": h.ok, "failing_runs": h.failing_runs, "problem": h.last_problem,
                       "last_run": h.last_run.at.isoformat() if h.last_run else None}
                for name, h in sources.items()}}, out, indent=2, ensure_ascii=False)
            out.write("\n")
            return EXIT_OK
        if out.isatty():
            from monitor.status_view import print_status_tables

            print_status_tables(result, sources, out)
            return EXIT_OK
        for name, state in result.items():
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
            count = store.retry_now()
            print(f"retrying {count} delivery(ies) now", file=sys.stderr)
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
    sys.exit(main())
