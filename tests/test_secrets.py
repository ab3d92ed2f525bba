"""Secrets never leave the config: a failing delivery per apprise scheme, everything grepped.

One story crawl through the real CLI with a target of every scheme in common use, each made
to fail for real: public services reach a local proxy that refuses their tunnel, local ones
reach a server that answers 500 quoting the whole request back, mail goes to an SMTP server
that refuses the login or STARTTLS. A working webhook takes the ops alerts, which quote each
delivery's error. Then `alerts` (plain, --json, --retry), `notify --test` and `status` run,
and each scheme's secrets are looked for in everything printed, everything the ops webhook
received and every byte of the database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.proxy import EchoFailServer, RefusingProxy
from tests.support.receivers import JsonReceiver, SmtpReceiver
from tests.support.story import STORY_TOML, build_archive

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Scheme:
    url: str  # with {echo} and {smtp} for the local servers' ports
    secrets: tuple[str, ...]
    shown_as: str  # how apprise names the scheme in its masked URL


SCHEMES = {
    "mailto": Scheme("mailto://alice:MailPw7351zq@127.0.0.1:{smtp}?from=a@example.com"
                     "&to=b@example.com", ("MailPw7351zq",), "mailto://"),
    "mailtos": Scheme("mailtos://bob:MailsPw8462yr@127.0.0.1:{smtp}?from=a@example.com"
                      "&to=b@example.com", ("MailsPw8462yr",), "mailtos://"),
    "slack": Scheme("slack://T1SLKSEC1/B2SLKSEC2/c3SlackSecretToken77xyz/#events",
                    ("T1SLKSEC1", "B2SLKSEC2", "c3SlackSecretToken77xyz"), "slack://"),
    "discord": Scheme("discord://112233445566778899/DiscordSecretTok3nAbCdEfGhIjKl",
                      ("112233445566778899", "DiscordSecretTok3nAbCdEfGhIjKl"), "discord://"),
    "telegram": Scheme("tgram://123456789:TgSecretAbCdEfGhIjKlMnOpQrStUvWxYz/12345",
                       ("TgSecretAbCdEfGhIjKlMnOpQrStUvWxYz", "123456789"), "tgram://"),
    "json": Scheme("json://hookuser:JsonPw5521kk@127.0.0.1:{echo}/hook",
                   ("JsonPw5521kk",), "json://hookuser:"),
    "ntfy": Scheme("ntfy://ntfyuser:NtfyPw9931mm@127.0.0.1:{echo}/alerts",
                   ("NtfyPw9931mm",), "ntfy://"),
    "gotify": Scheme("gotify://127.0.0.1:{echo}/GotifyTok3nSecretQ", ("GotifyTok3nSecretQ",),
                     "gotify://"),
    "pushover": Scheme("pover://PoUserKeySecret0123456789abcd@PoAppTokenSecret0123456789ab",
                       ("PoUserKeySecret0123456789abcd", "PoAppTokenSecret0123456789ab"),
                       "pover://"),
    # apprise 2 dropped msteams:// with Microsoft's Office 365 connectors; Power Automate
    # workflows are what Teams webhooks are now (msteams:// itself: see the test below).
    "msteams-workflows": Scheme("workflows://127.0.0.1:{echo}/WorkflowIdSecret9x8w/"
                                "WorkflowSigSecret7y6v", ("WorkflowSigSecret7y6v",),
                                "workflow"),
    "matrix": Scheme("matrix://mxuser:MatrixPw4471nn@127.0.0.1:{echo}/#room",
                     ("MatrixPw4471nn",), "matrix://"),
}


@dataclass
class Exposure:
    """Everything the runs printed, the ops webhook received and the database holds."""

    texts: dict[str, str]
    alerts: list[dict[str, object]]


def _run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
                          check=False)


@pytest.fixture(scope="module")
def exposure(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exposure]:
    folder = tmp_path_factory.mktemp("secrets")
    archive = build_archive("crawl1", folder)
    with RefusingProxy() as proxy, EchoFailServer() as echo, SmtpReceiver() as smtp, \
            JsonReceiver() as ops:
        targets = "".join(
            f'[[notify.targets]]\nurl = "{s.url.format(echo=echo.port, smtp=smtp.port)}"\n'
            'tags = ["status", "details"]\n\n' for s in SCHEMES.values())
        config = folder / "monitor.toml"
        config.write_text(
            f'[store]\nurl = "sqlite:///{folder / "monitor.db"}"\n\n'
            # One attempt: each failure is given up at once, so an ops alert quotes it.
            "[notify]\nmax_attempts = 1\ntimeout = 5\n\n" + targets
            + f'[[notify.targets]]\nurl = "{ops.url("/ops")}"\ntags = ["ops"]\n'
            + STORY_TOML, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        proxy_url = f"http://127.0.0.1:{proxy.port}"
        env.update({"HTTPS_PROXY": proxy_url, "HTTP_PROXY": proxy_url, "https_proxy": proxy_url,
                    "http_proxy": proxy_url, "NO_PROXY": "127.0.0.1,localhost",
                    "no_proxy": "127.0.0.1,localhost"})
        runs = {
            "crawl": _run(env, "-v", "crawl", "--config", config, "--replay", archive),
            "alerts": _run(env, "alerts", "--config", config),
            "alerts --json": _run(env, "alerts", "--config", config, "--json"),
            "alerts --retry": _run(env, "-v", "alerts", "--config", config, "--retry"),
            "notify --test": _run(env, "-v", "notify", "--config", config, "--test"),
            "status": _run(env, "status", "--config", config),
            "status --json": _run(env, "status", "--config", config, "--json"),
        }
        assert runs["crawl"].returncode == 1, runs["crawl"].stderr  # deliveries failed
        texts = {f"{name} {stream}": getattr(result, stream)
                 for name, result in runs.items() for stream in ("stdout", "stderr")}
        texts["ops webhook"] = json.dumps(ops.requests, default=repr)
        assert ops.messages, "the ops target heard of no give-up"
        with sqlite3.connect(folder / "monitor.db") as conn:
            texts["database dump"] = "\n".join(conn.iterdump())
        texts["database bytes"] = (folder / "monitor.db").read_bytes().decode("latin-1")
        assert proxy.seen and echo.seen and smtp.messages == []
        yield Exposure(texts, json.loads(runs["alerts --json"].stdout))


@pytest.mark.parametrize("name", list(SCHEMES))
def test_a_failing_delivery_leaks_no_secret(exposure: Exposure, name: str) -> None:
    scheme = SCHEMES[name]
    deliveries = [d for a in exposure.alerts for d in a["deliveries"]  # type: ignore[attr-defined]
                  if str(d["target"]).startswith(scheme.shown_as)]
    assert deliveries, f"no delivery to {name}"
    # The failure was real and is reported, so there was text to leak through.
    assert all(d["state"] == "failed" and d["last_error"] for d in deliveries), deliveries
    for secret in scheme.secrets:
        leaks = [where for where, text in exposure.texts.items() if secret in text]
        assert leaks == [], f"{name} secret {secret!r} found in {leaks}"


def test_a_url_apprise_cannot_use_is_refused_without_its_secrets(tmp_path: Path) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(STORY_TOML, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["MONITOR_NOTIFY_URLS"] = "msteams://team/TeamsTokA5599/TeamsTokB6600/TeamsTokC7711"
    result = _run(env, "notify", "--config", config, "--test")
    assert result.returncode == 2
    assert "msteams://team/****" in result.stderr
    assert "TeamsTok" not in result.stdout + result.stderr
