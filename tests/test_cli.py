"""The command line's contracts: exit codes, error messages, `extract` output."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.cli import EXIT_PARTIAL, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "fixtures" / "story" / "pages"
V2_URL = "https://vulcanpost.com/216120/xiaomi-us-launch-accessories/"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120, check=False)


def config(tmp_path: Path, extra: str = "", sources: str = 'name = "gsmarena"') -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "m.db"}"\n{extra}\n'
                    f'[[sources]]\n{sources}\n'
                    '[[watches]]\nname = "xiaomi-sf"\ncompany = "Xiaomi"\n'
                    'city = "San Francisco"\ndate = "2015-02-12"\n', encoding="utf-8")
    return path


def test_extract_prints_article_and_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(STORY / "v2-happened.html"), "--url", V2_URL,
                 "--config", str(ROOT / "monitor.toml")])
    out = capsys.readouterr().out
    assert code == 0
    assert "title:     Xiaomi finally comes to the US, but only with accessories" in out
    assert "published: 2015-02-13T11:30:00+08:00" in out
    assert "authors:   Terence Lee" in out
    assert "On stage, Hugo Barra announced" in out
    assert "watch xiaomi-sf: happened" in out
    assert "  product: Mi Band" in out


def test_extract_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(STORY / "v2-happened.html"), "--url", V2_URL, "--json",
                 "--config", str(ROOT / "monitor.toml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Xiaomi finally comes to the US, but only with accessories"
    assert data["watches"]["xiaomi-sf"]["status"] == "happened"
    assert {"kind": "city", "value": "San Francisco"}.items() <= \
        next(f for f in data["watches"]["xiaomi-sf"]["facts"] if f["kind"] == "city").items()


def test_extract_missing_file_is_a_usage_error(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.html"), "--url", "https://x/"]) == EXIT_USAGE
    assert "nope.html" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "sources", "args", "message"),
    [
        ("bogus = 1", 'name = "gsmarena"', [], "unknown key 'store.bogus'"),
        ("", 'name = "nosuch"', [], "sources[0].name: expected a built-in profile"),
        ('[notify]\nurls = ["nosuchscheme://x"]', 'name = "gsmarena"', [],
         "notify: notification URL 'nosuchscheme://x' is not usable"),
        ("", 'name = "gsmarena"', ["--source", "nope"], "no source named 'nope'"),
        ("", 'name = "gsmarena"', ["--replay", "/nonexistent.warc.gz"],
         "--replay /nonexistent.warc.gz: no such file"),
    ],
)
def test_crawl_usage_errors_exit_2_naming_the_problem(tmp_path: Path, extra: str, sources: str,
                                                      args: list[str], message: str) -> None:
    result = run("crawl", "--config", config(tmp_path, extra, sources), *args)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_config_file_exits_2(tmp_path: Path) -> None:
    result = run("crawl", cwd=tmp_path)
    assert result.returncode == EXIT_USAGE
    assert "monitor.toml: config file not found" in result.stderr


def test_a_file_that_is_not_a_warc_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.warc"
    bogus.write_text("hello", encoding="utf-8")
    result = run("crawl", "--config", config(tmp_path), "--replay", bogus)
    assert result.returncode == EXIT_USAGE, result.stderr
    assert "bogus.warc" in result.stderr and "Traceback" not in result.stderr


def test_dead_source_exits_1_with_one_line_per_source(tmp_path: Path) -> None:
    # A feed on a closed local port: the crawl fails fast and says which source and why.
    sources = 'name = "dead"\nfeed = "http://127.0.0.1:9/feed"'
    result = run("crawl", "--config", config(tmp_path, "", sources))
    assert result.returncode == EXIT_PARTIAL, result.stderr
    assert "source dead: " in result.stderr and "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_and_alerts_on_an_empty_store(tmp_path: Path) -> None:
    path = config(tmp_path)
    out = io.StringIO()
    from monitor.cli import cmd_alerts, cmd_status

    class Args:
        config = str(path)
        json = False
        limit = 10
        retry = False

    assert cmd_status(Args(), out) == 0  # type: ignore[arg-type]
    assert cmd_alerts(Args(), out) == 0  # type: ignore[arg-type]
    assert out.getvalue() == ("xiaomi-sf: nothing seen yet\nsource gsmarena: never crawled\n"
                              "no alerts yet\n")


def test_record_then_replay_offline_and_conditional_get(tmp_path: Path) -> None:
    from tests.support.http_server import Route, rss_feed, serve

    page = (STORY / "v2-happened.html").read_bytes()
    with serve() as server:
        article = server.url("/2015/xiaomi-us-launch")
        server.routes["/feed"] = Route(rss_feed([("Xiaomi in the US", article)]),
                                       content_type="application/rss+xml", etag='"f1"')
        server.routes["/2015/xiaomi-us-launch"] = Route(page, etag='"a1"')
        sources = f'name = "local"\nfeed = "{server.url("/feed")}"'
        crawl_table = '[crawl]\ndownload_delay = 0\nuser_agent_contact = "ops@example.com"'
        path = config(tmp_path, crawl_table, sources)
        archive = tmp_path / "run.warc.gz"
        first = run("crawl", "-v", "--config", path, "--record", archive)
        assert first.returncode == 0, first.stderr
        assert "1 page(s)" in first.stderr
        agents = {seen.headers.get("user-agent") for seen in server.requests}
        assert agents == {"monitor/0.1.0 (news monitoring crawler; obeys robots.txt; "
                          "+ops@example.com)"}
        # Second run: validators go out, 304s come back, nothing is fetched or parsed again.
        server.requests.clear()
        second = run("crawl", "-v", "--config", path)
        assert second.returncode == 0, second.stderr
        assert [(s.path, s.headers.get("if-none-match")) for s in server.requests
                if s.path != "/robots.txt"] == [("/feed", '"f1"')]
        assert "0 page(s)" in second.stderr
        # The feed changes (a new ETag): the known article is asked for conditionally.
        server.routes["/feed"].etag = '"f2"'
        server.requests.clear()
        third = run("crawl", "-v", "--config", path)
        assert third.returncode == 0, third.stderr
        article_hits = [s for s in server.requests if s.path == "/2015/xiaomi-us-launch"]
        assert [s.headers.get("if-none-match") for s in article_hits] == ['"a1"']
        assert "0 page(s)" in third.stderr
    # The server is gone: the recorded run replays from the archive alone.
    replayed = run("crawl", "-v", "--config", path, "--replay", archive)
    assert replayed.returncode == 0, replayed.stderr
    assert "1 page(s)" in replayed.stderr


def test_a_page_that_does_not_parse_is_fetched_in_full_next_time(tmp_path: Path) -> None:
    from tests.support.http_server import Route, rss_feed, serve

    with serve() as server:
        article = server.url("/2015/empty")
        server.routes["/feed"] = Route(rss_feed([("Empty", article)]),
                                       content_type="application/rss+xml")
        server.routes["/2015/empty"] = Route(b"<html><body><nav>Home</nav></body></html>",
                                             etag='"e1"')
        path = config(tmp_path, "[crawl]\ndownload_delay = 0",
                      f'name = "local"\nfeed = "{server.url("/feed")}"')
        first = run("crawl", "--config", path)
        assert "1 page(s) without title or body text" in first.stderr
        server.requests.clear()
        second = run("crawl", "-v", "--config", path)
        hits = [s for s in server.requests if s.path == "/2015/empty"]
    assert second.returncode == 0, second.stderr
    assert [h.headers.get("if-none-match") for h in hits] == [None]
