"""`pip install .` from a fresh clone, without the Makefile, on the oldest and newest Python.

Each interpreter gets a new virtualenv and a plain `pip install <clone>` (a real wheel build,
not an editable install, with every dependency resolved from the package index), then the
installed command is run away from the checkout: --version, python -m, a migration from the
package data, the shipped story's files. Both installs run at once to halve the wait.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOW, HIGH = map(int, re.fullmatch(r">=3\.(\d+),<3\.(\d+)", PROJECT["requires-python"]).groups())
VERSIONS = (f"3.{LOW}", f"3.{HIGH - 1}")  # the oldest and the newest supported


_PRINT_VERSION = "import sys; print('%d.%d' % sys.version_info[:2])"


def _interpreter(version: str) -> str | None:
    """A working python`version`: on PATH, or one pyenv keeps without putting it on PATH."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [shutil.which(f"python{version}"),
                  *(str(p / "bin" / "python") for p in sorted(root.glob(f"{version}.*"),
                                                              reverse=True))]
    for candidate in filter(None, candidates):
        # A pyenv shim for a version that is not selected exits 127: not usable.
        probe = subprocess.run([candidate, "-c", _PRINT_VERSION], capture_output=True,
                               text=True, timeout=60, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Version to its venv's bin folder, or to the reason it could not be tried."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout, so there is nothing to clone")
    folder = tmp_path_factory.mktemp("install")
    # The environment of a stranger's shell: no venv of ours, no MONITOR_* settings.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MONITOR_", "VIRTUAL_ENV", "PYTHON"))}
    result: dict[str, Path | str] = {}
    jobs = []
    for version in VERSIONS:
        python = _interpreter(version)
        if python is None:
            result[version] = f"no Python {version} on this machine"
            continue
        # A clone each: setuptools builds in the source tree (build/), and two pip runs at
        # once in one tree collide there ("File exists: build/bdist.../monitor.dist-info").
        clone = folder / f"clone-{version}"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True,
                       timeout=120)
        venv = folder / f"venv-{version}"
        subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120, env=env)
        log = folder / f"pip-{version}.log"
        with log.open("w") as handle:
            # --no-compile: byte-compiling 70 packages is slow and proves nothing about ours.
            job = subprocess.Popen([str(venv / "bin" / "python"), "-m", "pip", "install", "-q",
                                    "--no-compile", str(clone)], stdout=handle,
                                   stderr=subprocess.STDOUT, env=env, cwd=folder)
        jobs.append((version, venv, job, log))
    for version, venv, job, log in jobs:
        code = job.wait(timeout=900)
        text = log.read_text(encoding="utf-8", errors="replace")
        result[version] = venv / "bin" if code == 0 else f"pip install failed ({code}):\n{text}"
    return result


@pytest.mark.parametrize("version", VERSIONS)
def test_pip_install_from_a_fresh_clone(version: str, installed: dict[str, Path | str],
                                        tmp_path: Path) -> None:
    outcome = installed[version]
    if isinstance(outcome, str) and outcome.startswith("no Python"):
        pytest.skip(outcome)
    assert isinstance(outcome, Path), outcome
    bin_dir = outcome
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MONITOR_", "PYTHON"))}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        # Away from the checkout, so nothing is imported from it by accident.
        return subprocess.run(list(args), capture_output=True, text=True, timeout=120,
                              env=env, cwd=tmp_path, check=False)

    python = str(bin_dir / "python")
    found = run(python, "-c", "import sys, monitor; print(sys.version_info[:2], monitor.__file__)")
    assert found.returncode == 0, found.stderr
    assert f"({version.replace('.', ', ')})" in found.stdout
    assert "site-packages" in found.stdout and str(ROOT) not in found.stdout
    assert run(str(bin_dir / "monitor"), "--version").stdout == f"monitor {PROJECT['version']}\n"
    assert run(python, "-W", "error", "-m", "monitor", "--version").returncode == 0
    # init, then status on a new SQLite file: the migrations run from the installed package.
    assert run(str(bin_dir / "monitor"), "init").returncode == 0
    status = run(str(bin_dir / "monitor"), "status")
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith("xiaomi-sf: nothing seen yet")
    # The demo's story is package data: every file a manifest names is installed.
    story = run(python, "-c", "from pathlib import Path; import tempfile\n"
                "from monitor.demo.story import CRAWLS, TURNS, build_archive\n"
                "d = Path(tempfile.mkdtemp())\n"
                "print(sum(build_archive(c, d).stat().st_size > 0 for c in CRAWLS + TURNS))")
    assert story.stdout.strip() == "10", story.stderr
    licence = run(python, "-c", "from importlib.metadata import metadata as m; "
                  "print(m('monitor')['License-Expression'])")
    assert licence.stdout.strip() == "MIT"
    assert run(python, "-m", "pip", "check").returncode == 0
