"""The commands around the crawl: report, demo, init, completion, man.

Kept out of cli.py so that file stays the crawl's door; `register` adds them to its parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

SHELLS = ("bash", "zsh", "tcsh")


def register(sub: Any, config_arg: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the commands to `sub`, the sub-parsers of the main parser."""
    report = sub.add_parser("report", help="write an HTML timeline page per watch")
    config_arg(report)
    report.add_argument("--watch", action="append", default=[], metavar="NAME",
                        help="only this watch (repeatable; default: every watch)")
    report.add_argument("--out", type=Path, metavar="FILE.html",
                        help="write the page here (one watch only)")
    report.add_argument("--dir", type=Path, default=Path("."), metavar="FOLDER",
                        help="write NAME.html per watch into FOLDER (default: .)")
    report.set_defaults(func=cmd_report)

    demo = sub.add_parser("demo", help="replay the shipped February 2015 story, offline")
    demo.add_argument("--out", type=Path, default=Path("monitor-demo.html"), metavar="FILE.html",
                      help="where to write the report page (default: monitor-demo.html)")
    demo.set_defaults(func=cmd_demo)

    init = sub.add_parser("init", help="write a commented monitor.toml to start from")
    init.add_argument("path", nargs="?", type=Path, default=Path("monitor.toml"),
                      help="file or folder (default: ./monitor.toml); never overwritten")
    init.set_defaults(func=cmd_init)

    completion = sub.add_parser("completion", help="print a shell completion script")
    completion.add_argument("shell", choices=SHELLS)
    completion.set_defaults(func=cmd_completion)

    man = sub.add_parser("man", help="print the manual page (roff), e.g. | man -l -")
    man.set_defaults(func=cmd_man)


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from sqlalchemy.engine import make_url

    from monitor.cli import EXIT_OK, UsageError, _load, _open_store
    from monitor.report.write import write_reports

    config = _load(args)
    known = {w.name: w for w in config.watches}
    unknown = [n for n in args.watch if n not in known]
    if unknown:
        raise UsageError(f"no watch named {', '.join(map(repr, unknown))} in {config.path} "
                         f"(configured: {', '.join(known) or 'none'})")
    watches = [known[n] for n in args.watch] if args.watch else list(config.watches)
    if not watches:
        raise UsageError(f"{config.path}: no [[watches]] configured")
    if args.out is not None and len(watches) > 1:
        raise UsageError(f"--out names one file but {len(watches)} watches are configured; "
                         "pick one with --watch, or use --dir")
    target = args.out.parent if args.out is not None else args.dir
    if not target.is_dir():
        raise UsageError(f"folder {target} does not exist")
    store = _open_store(config.store_url)
    try:
        written = write_reports(store, watches, folder=args.dir, out=args.out,
                                generated_from=make_url(config.store_url).render_as_string(
                                    hide_password=True))
    finally:
        store.close()
    for item in written:
        if item.path is None:
            print(f"{item.watch}: nothing seen yet; no page written", file=sys.stderr)
        else:
            print(f"{item.path}  ({item.watch}: {item.status})", file=out)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from monitor.cli import EXIT_OK, EXIT_PARTIAL, UsageError
    from monitor.demo.run import DemoError, run_demo

    if not args.out.parent.is_dir():
        raise UsageError(f"--out {args.out}: folder {args.out.parent} does not exist")
    try:
        run_demo(out, args.out)
    except DemoError as exc:
        print(f"monitor demo: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from monitor.cli import EXIT_OK, UsageError
    from monitor.starter import AlreadyThere, write_starter

    try:
        path = write_starter(args.path)
    except AlreadyThere as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{args.path}: {exc.strerror}") from None
    print(f"wrote {path}; edit the watch, then run: monitor status --config {path}", file=out)
    return EXIT_OK


def cmd_completion(args: argparse.Namespace, out: TextIO) -> int:
    import shtab

    from monitor.cli import EXIT_OK, _parser

    out.write(shtab.complete(_parser(), shell=args.shell))
    return EXIT_OK


def cmd_man(args: argparse.Namespace, out: TextIO) -> int:
    from argparse_manpage.manpage import Manpage

    from monitor import __version__
    from monitor.cli import EXIT_OK, _parser

    # Attributes, not Manpage's private _data, as argparse-manpage asks its callers.
    page = Manpage(_parser())
    page.source = f"monitor {__version__}"
    page.manual = "monitor manual"
    page.date = f"version {__version__}"  # the release, not today: one version, one page
    page.description = "tells you once when a news story you follow has really moved"
    out.write(str(page))
    return EXIT_OK
