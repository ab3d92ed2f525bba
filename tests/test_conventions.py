"""The habits of command-line tools: --version, python -m, completion, a man page, a licence,
progress and tables on a terminal only."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
import threading
import tomllib
from importlib.metadata import metadata, version
from pathlib import Path

import pytest

import monitor
from monitor.demo.story import STORY_TOML
from tests.support.story import build_archive

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
COMMANDS = ("crawl", "extract", "status", "alerts", "notify", "report", "demo", "init",
            "completion", "man")


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=120, env=env, check=False, **kwargs)  # type: ignore[call-overload]


def test_version_from_the_script_and_python_m() -> None:
    expected = f"monitor {monitor.__version__}\n"
    assert monitor.__version__ == PYPROJECT["project"]["version"] == version("monitor")
    assert run("--version").stdout == expected
    script = Path(sys.executable).with_name("monitor")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert (done.returncode, done.stdout) == (0, expected)


def test_python_m_monitor_is_the_same_command_line() -> None:
    done = run("--help")
    assert done.returncode == 0
    for command in COMMANDS:
        assert command in done.stdout
    assert run("nonsense").returncode == 2


def test_bash_completion_completes_commands_and_options(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "monitor.bash"
    script.write_text(run("completion", "bash").stdout, encoding="utf-8")

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        probe = (f"source {script}\nCOMP_WORDS=(monitor {line})\nCOMP_CWORD={len(words)}\n"
                 'COMP_LINE="${COMP_WORDS[*]}"\nCOMP_POINT=${#COMP_LINE}\n'
                 "_shtab_monitor monitor\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True,
                              timeout=30, check=False)
        assert done.returncode == 0, done.stderr
        return sorted(done.stdout.split())

    assert complete("st") == ["status"]
    assert complete("re") == ["report"]
    assert "--watch" in complete("report", "--w")
    assert complete("completion", "") == ["bash", "tcsh", "zsh"]


def test_zsh_completion_is_generated() -> None:
    done = run("completion", "zsh")
    assert done.returncode == 0 and done.stdout.startswith("#compdef monitor")
    if shutil.which("zsh"):
        check = subprocess.run(["zsh", "-n"], input=done.stdout, capture_output=True,
                               text=True, timeout=30, check=False)
        assert check.returncode == 0, check.stderr


def test_man_page_renders_without_warnings_and_lists_every_command() -> None:
    page = run("man").stdout
    assert page.startswith('.TH MONITOR "1"')
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed, so the page cannot be rendered here")
    rendered = subprocess.run(["groff", "-man", "-Tutf8", "-ww"], input=page,
                              capture_output=True, text=True, timeout=60, check=False)
    assert (rendered.returncode, rendered.stderr) == (0, "")
    text = re.sub(r".\x08", "", rendered.stdout)
    for command in COMMANDS:
        assert f"monitor {command}" in text
    assert "--replay ARCHIVE" in text and "--watch NAME" in text


def test_licence_and_package_metadata() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    # An SPDX expression and a licence classifier together are refused by setuptools >= 77.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    low, high = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", project["requires-python"]).groups()
    for minor in range(int(low), int(high)):
        assert f"Programming Language :: Python :: 3.{minor}" in project["classifiers"]
    installed = metadata("monitor")
    assert installed["License-Expression"] == "MIT"
    assert "Programming Language :: Python :: 3.11" in installed.get_all("Classifier")


def _story_config(folder: Path) -> Path:
    config = folder / "monitor.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{folder / "m.db"}"\n\n[crawl]\n'
                      f"download_delay = 0\n{STORY_TOML}", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A story crawl replayed into a pipe, as cron runs it: config, archive, its stderr."""
    folder = tmp_path_factory.mktemp("piped")
    archive = build_archive("crawl3", folder)
    config = _story_config(folder)
    # -v as on the terminal below, so the two differ only in where stderr goes.
    piped = run("crawl", "-v", "--config", str(config), "--replay", str(archive))
    assert piped.returncode == 0, piped.stderr
    return config, archive, piped.stderr


def _on_a_terminal(args: list[str], stream: str) -> tuple[int, str, str]:
    """Run monitor with `stream` ("stdout" or "stderr") on a pseudo-terminal, the other piped."""
    leader, follower = pty.openpty()
    os.set_blocking(leader, True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["COLUMNS"] = "200"
    kwargs = {"stdout": follower, "stderr": subprocess.PIPE} if stream == "stdout" else \
        {"stdout": subprocess.PIPE, "stderr": follower}
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:  # EIO: the child closed its end
                return
            if not data:
                return
            chunks.append(data)

    with subprocess.Popen([sys.executable, "-m", "monitor", *args], env=env, text=True,
                          stdin=subprocess.DEVNULL, **kwargs) as child:  # type: ignore[call-overload]
        os.close(follower)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        other = (child.stderr if stream == "stdout" else child.stdout).read()
        code = child.wait(timeout=120)
    reader.join(timeout=30)
    os.close(leader)
    return code, b"".join(chunks).decode("utf-8", "replace"), other


def test_progress_on_a_terminal_only(crawled: tuple[Path, Path, str], tmp_path: Path) -> None:
    _, archive, piped_stderr = crawled
    # -v: the summary is logged at INFO since issue 11 (cron runs print nothing).
    args = ["crawl", "-v", "--config", str(_story_config(tmp_path)), "--replay", str(archive)]
    code, terminal, out = _on_a_terminal(args, "stderr")
    assert code == 0, terminal
    assert "first seen (confirmed)" in out and "sources listed" not in out  # stdout: alerts
    # The last drawing before the line is wiped: every source listed, every page fetched.
    drawn = re.findall(r"monitor: sources listed (\d)/3 · pages fetched (\d+)/(\d+)", terminal)
    assert drawn, terminal
    assert drawn[-1][0] == "3" and drawn[-1][1] == drawn[-1][2] != "0"
    assert "crawled 3 source(s)" in terminal  # the summary follows on a clean line
    # The same crawl into a pipe: not a byte of it.
    assert "crawled 3 source(s)" in piped_stderr
    assert "sources listed" not in piped_stderr and "\r" not in piped_stderr


def test_status_is_a_table_on_a_terminal_and_plain_in_a_pipe(
        crawled: tuple[Path, Path, str]) -> None:
    config, _, _ = crawled
    code, terminal, _ = _on_a_terminal(["status", "--config", str(config)], "stdout")
    assert code == 0
    lines = terminal.replace("\r\n", "\n").splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip().startswith("FACT"))
    column = lines[header].index("FIRST SEEN")
    rows = lines[header + 2:header + 2 + 5]
    assert set(lines[header + 1].strip()) <= {"-", " "}
    assert [r.strip().split()[0] for r in rows] == ["company", "date", "city", "speaker",
                                                    "speaker"]
    for row in rows:
        assert re.match(r"\d{4}-\d\d-\d\d", row[column:]), row  # every date under its heading
    assert any(line.startswith("SOURCE ") for line in lines)
    piped = run("status", "--config", str(config))
    assert "FIRST SEEN" not in piped.stdout
    assert piped.stdout.startswith("xiaomi-sf: confirmed (sources: ")
    assert "    first seen 2015-" in piped.stdout
