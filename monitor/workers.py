"""Extraction and reading (pure, CPU-bound) in worker processes, off the crawl's process.

lxml and trafilatura objects must not be shared between threads: trees parsed by one
parser and worked on (copied, pruned) in several threads at once crashed the interpreter
(SIGABRT "double free", SIGSEGV; issue 13). Each worker process is single-threaded, the
pages cross as bytes and the results come back as plain dataclasses; several workers use
several cores. The crawl's process keeps one thread for the store (one writer).

`CpuPool(0)` runs the same functions in one dedicated thread of this process instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from monitor.model import Article, EventReport, Watch
    from monitor.similarity import Fingerprint

log = logging.getLogger(__name__)

T = TypeVar("T")

# Modules every worker needs, imported once by the fork server (workers fork from it).
_PRELOAD = ["monitor.workers", "monitor.extract.article.extract",
            "monitor.extract.reading.analysis", "monitor.extract.reading.report",
            "monitor.sources.profiles", "monitor.similarity"]


def default_workers() -> int:
    """Worker processes by default: one per core this process may use, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def extract_page(body: bytes | str, content_type: str | None, url: str, source: str,
                 fetched_at: datetime) -> Article:
    """The article on a fetched page; `content_type` is the HTTP header (its charset wins)."""
    from monitor.extract.article import extract_article
    from monitor.extract.article.page import decode_html
    from monitor.sources.profiles import PROFILES, profile_for_url

    text = decode_html(body, content_type)
    profile = profile_for_url(url) or PROFILES.get(source)
    return extract_article(text, url, profile=profile, fetched_at=fetched_at)


def read_article(article: Article, watches: Sequence[Watch]) -> list[EventReport]:
    """What the article says of each watch (see `find_reports`)."""
    from monitor.extract.reading import find_reports

    return find_reports(article, watches)


def read_and_fingerprint(article: Article, watches: Sequence[Watch]
                         ) -> tuple[list[EventReport], Fingerprint]:
    """What the article says of each watch, and its body's fingerprint: the two things a
    new or changed text needs before it is stored, both computed here rather than by the
    store's one writer thread."""
    from monitor.similarity import fingerprint

    return read_article(article, watches), fingerprint(article.body)


def _init_worker(records: Any, level: int) -> None:
    """In each worker: die with the fork server (which exits when the crawl's process does,
    even by SIGKILL), so no worker outlives a killed run holding its output open; and send
    log records to the crawl's process, where its logging settings apply."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    # Each worker is handed the crawl process's end of the pipe whose closing tells the fork
    # server to exit; held here, a SIGKILLed crawl would leave the server and its workers.
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    alive = getattr(server, "_forkserver_alive_fd", None)
    if isinstance(alive, int):
        with contextlib.suppress(OSError):
            os.close(alive)
        server._forkserver_alive_fd = None  # type: ignore[union-attr]
    if os.getppid() == 1:  # the fork server is already gone
        os._exit(1)
    # Ctrl-C reaches the whole process group: the crawl's process stops cleanly and stops
    # the workers once they have finished what they were given.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import logging.handlers

    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(records)]
    root.setLevel(level)  # what no handler here would show is not even sent


def _shown_level() -> int:
    """The lowest level a record must have for this process's root handlers to show it."""
    root = logging.getLogger()
    handlers = [h.level or logging.DEBUG for h in root.handlers]
    return max(root.getEffectiveLevel(), min(handlers, default=logging.WARNING))


class _ToLoggers(logging.Handler):
    """Hands a worker's log record to the logger of the same name in this process."""

    def emit(self, record: logging.LogRecord) -> None:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


class _Processes:
    """A process pool whose workers' log records come back to this process's loggers."""

    def __init__(self, workers: int) -> None:
        # Imported here: a crawl with nothing new starts no worker, and these cost every cron
        # run 5 ms to import.
        import logging.handlers
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # A fork server: workers start from a small single-threaded process, never from this
        # one (forking a process with running threads can copy a held lock).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        self.records = context.Queue()
        self.listener = logging.handlers.QueueListener(self.records, _ToLoggers())
        self.listener.start()
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                            initializer=_init_worker,
                                            initargs=(self.records, _shown_level()))

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        self.executor.shutdown(wait=wait, cancel_futures=cancel_futures)
        if wait:
            self.listener.stop()
            self.records.close()
            self.records.join_thread()


def _new_executor(workers: int) -> Any:
    if workers <= 0:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="monitor-cpu")
    return _Processes(workers)


class CpuPool:
    """Runs pure CPU-bound functions in `workers` processes (0: one thread), from asyncio."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: Any = None

    def _current(self) -> Any:
        if self._executor is None:
            self._executor = _new_executor(self.workers)
        return self._executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker. A worker that died (a native crash, the OOM killer) takes
        its pool with it: the pool is started again and the call tried once more there."""
        from concurrent.futures.process import BrokenProcessPool  # see _Processes

        loop = asyncio.get_running_loop()
        pool = self._current()
        try:
            return await loop.run_in_executor(_executor(pool), fn, *args)
        except BrokenProcessPool:
            if self._executor is pool:  # the first call to notice replaces the pool
                log.error("an extraction worker died; starting the workers again")
                self._executor = None
                pool.shutdown(wait=False, cancel_futures=True)
            return await loop.run_in_executor(_executor(self._current()), fn, *args)

    def close(self) -> None:
        """Waits for the workers to finish what they were given, then stops them."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _executor(pool: Any) -> Executor:
    return pool.executor if isinstance(pool, _Processes) else pool  # type: ignore[no-any-return]
