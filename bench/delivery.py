"""Delivery under injected failures and kills: alerts expected, sent, received, duplicated, lost.

Replays the five story crawls through the real CLI (one subprocess per run, as cron would)
into a real SMTP server and a real webhook on 127.0.0.1, while the receivers refuse, fail,
hang, and SIGKILL the sender at chosen points. The script is fixed, so the figures are the
same on every run. Usage: python bench/delivery.py
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.receivers import JsonReceiver, SmtpReceiver, WebhookRequest  # noqa: E402
from tests.support.story import CRAWLS, STORY_TOML, build_archive  # noqa: E402

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Step:
    crawl: str
    fault: str  # what the receivers do to this run, in words for the table
    arm: Callable[[Bench], None]


class Bench:
    """The receivers, the config and the CLI runs of one scenario."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.smtp = SmtpReceiver().start()
        self.webhook = JsonReceiver().start()
        self.archives = {name: build_archive(name, folder) for name in CRAWLS}
        self.config = folder / "monitor.toml"
        self.config.write_text(
            f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
            f'[notify]\nurls = ["{self.smtp.url()}", "{self.webhook.url("/hook")}"]\n'
            "retry_after = 60\ntimeout = 1\nmax_attempts = 8\n\n"
            f'[[notify.targets]]\nurl = "{self.webhook.url("/ops")}"\ntags = ["ops"]\n'
            + STORY_TOML, encoding="utf-8")
        self.process: subprocess.Popen[str] | None = None
        self.killed = threading.Event()

    def close(self) -> None:
        self.smtp.stop()
        self.webhook.stop()

    # --- kill hooks, called from the receivers' threads ---

    def _kill(self) -> None:
        if self.process is not None and not self.killed.is_set():
            self.killed.set()
            os.kill(self.process.pid, signal.SIGKILL)

    def kill_at_smtp(self) -> str:
        self._kill()
        return "451 4.3.0 sender killed before acceptance"

    def kill_after_post(self, _request: WebhookRequest) -> None:
        self._kill()

    def run(self, *args: str | Path, at: datetime) -> int:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env["MONITOR_NOW"] = at.isoformat()
        self.killed.clear()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "monitor.cli", *map(str, args), "--config", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        code = self.process.wait(timeout=180)
        self.process = None
        self.smtp.before_accept = None
        self.webhook.after_record = None
        return code


def _smtp_451(bench: Bench) -> None:
    bench.smtp.fail_next(1, reply="451 4.3.0 try again later")


def _smtp_554(bench: Bench) -> None:
    bench.smtp.fail_next(1, reply="554 5.7.1 rejected")


def _hook_fails_twice(bench: Bench) -> None:
    bench.webhook.fail_next(2)


def _hook_hangs(bench: Bench) -> None:
    bench.webhook.hang_next(1, seconds=5)


def _kill_at_smtp(bench: Bench) -> None:
    bench.smtp.before_accept = bench.kill_at_smtp


def _kill_after_post(bench: Bench) -> None:
    bench.webhook.after_record = bench.kill_after_post


def _nothing(_bench: Bench) -> None:
    return None


# One run an hour, so every backoff (1 min, doubling) has passed by the next run. Each fault
# fires in its own run: the per-run columns of the table show what each receiver saw.
SCRIPT = (
    Step("crawl1", "SMTP answers 451 once", _smtp_451),
    Step("crawl2", "SIGKILL when SMTP receives (the retry of alert 1)", _kill_at_smtp),
    Step("crawl3", "webhook hangs past the 1 s timeout once", _hook_hangs),
    Step("crawl4", "webhook answers 500 twice; SMTP answers 554 once",
         lambda b: (_hook_fails_twice(b), _smtp_554(b))),
    Step("crawl5", "SIGKILL after the webhook took a POST, before the reply", _kill_after_post),
    Step("crawl5", "none", _nothing),
    Step("crawl5", "none", _nothing),
)


def seen(bench: Bench) -> tuple[int, int, int, int]:
    """(mails accepted, mails refused, webhook POSTs answered 200, other POSTs) so far."""
    hook = [r for r in bench.webhook.requests if r.path == "/hook"]
    ok = sum(r.status == 200 for r in hook)
    return len(bench.smtp.messages), bench.smtp.refused, ok, len(hook) - ok


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(Path(tmp))
        try:
            steps = []
            for i, step in enumerate(SCRIPT):
                before = seen(bench)
                step.arm(bench)
                code = bench.run("crawl", "--replay", bench.archives[step.crawl],
                                 at=T0 + timedelta(hours=i))
                delta = tuple(b - a for a, b in zip(before, seen(bench), strict=True))
                steps.append((i + 1, step.crawl, step.fault, code, delta))
            listed = subprocess.run(
                [sys.executable, "-m", "monitor.cli", "alerts", "--json", "--config",
                 str(bench.config)], capture_output=True, text=True, cwd=ROOT, check=True)
            alerts = json.loads(listed.stdout)
            report(steps, alerts, bench)
        finally:
            bench.close()
    return 0


Run = tuple[int, str, str, int, tuple[int, ...]]


def report(steps: list[Run], alerts: list[dict[str, object]], bench: Bench) -> None:
    print("| run | crawl | injected fault | exit | mail accepted/refused | webhook 200/other |")
    print("|---|---|---|---|---|---|")
    for number, crawl, fault, code, (mail, refused, ok, other) in steps:
        shown = "SIGKILL" if code == -signal.SIGKILL else str(code)
        print(f"| {number} | {crawl} | {fault} | {shown} | {mail}/{refused} | {ok}/{other} |")
    print()
    expected = [str(a["title"]) for a in alerts if a["watch"] == "xiaomi-sf"]
    ops_expected = [str(a["title"]) for a in alerts if a["watch"] != "xiaomi-sf"]
    hook = [r for r in bench.webhook.requests if r.path == "/hook"]
    ops = [r for r in bench.webhook.requests if r.path == "/ops"]
    rows = [
        ("email (SMTP)", expected, len(bench.smtp.messages) + bench.smtp.refused,
         [str(m["Subject"]) for m in bench.smtp.messages]),
        ("webhook (json://)", expected, len(hook),
         [r.body["title"] for r in hook if r.status == 200]),
        ("ops webhook", ops_expected, len(ops), [r.body["title"] for r in ops if r.status == 200]),
    ]
    print("| target | alerts expected | messages sent (attempts) | received | duplicates | lost |")
    print("|---|---|---|---|---|---|")
    totals = Counter[str]()
    for name, wanted, attempts, received in rows:
        counts = Counter(received)
        duplicates = sum(n - 1 for n in counts.values() if n > 1)
        lost = sum(1 for title in wanted if counts[title] == 0)
        totals.update(expected=len(wanted), attempts=attempts, received=len(received),
                      duplicates=duplicates, lost=lost)
        print(f"| {name} | {len(wanted)} | {attempts} | {len(received)} | {duplicates} | {lost} |")
    print(f"| all | {totals['expected']} | {totals['attempts']} | {totals['received']} | "
          f"{totals['duplicates']} | {totals['lost']} |")
    print()
    print("Attempts count every message that reached a receiver: accepted, refused, hung, or")
    print("taken just before the sender was killed. A duplicate is expected only from the kill")
    print("between a target's acceptance and the store's record of it (run 5).")


if __name__ == "__main__":
    sys.exit(main())
