"""contrib/: the systemd units pass systemd's own checker; the Dockerfile keeps its promises."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTRIB = ROOT / "contrib"
INSTALLED_AT = "/opt/monitor/venv/bin/monitor"


def test_systemd_units_verify_clean(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    # verify also checks that ExecStart's program exists: point it at this checkout's script,
    # the rest of each unit exactly as shipped.
    monitor = Path(sys.executable).with_name("monitor")
    for name in ("monitor.service", "monitor.timer"):
        text = (CONTRIB / "systemd" / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(INSTALLED_AT, str(monitor)), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", "monitor.service",
                           "monitor.timer"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, check=False)
    # Unknown keys and unparsable values are only warnings: any output at all is a failure.
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_service_runs_the_installed_script_as_the_readme_says() -> None:
    service = (CONTRIB / "systemd" / "monitor.service").read_text(encoding="utf-8")
    assert f"ExecStart={INSTALLED_AT} crawl" in service
    assert "DynamicUser=yes" in service and "StateDirectory=monitor" in service
    timer = (CONTRIB / "systemd" / "monitor.timer").read_text(encoding="utf-8")
    assert "OnUnitActiveSec=15min" in timer
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "contrib/systemd/monitor.timer" in readme and "contrib/Dockerfile" in readme


def _instructions(text: str) -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n\s*", " ", text)
    return [(m.group(1).upper(), m.group(2).strip()) for m in
            re.finditer(r"^\s*([A-Za-z]+)\s+(.*)$", joined, flags=re.M)
            if not m.group(0).lstrip().startswith("#")]


def test_dockerfile_slim_non_root_data_on_a_volume() -> None:
    steps = _instructions((CONTRIB / "Dockerfile").read_text(encoding="utf-8"))
    kinds = [k for k, _ in steps]
    (base,) = [v for k, v in steps if k == "FROM"]
    assert re.fullmatch(r"python:3\.\d+-slim", base)
    user = [v for k, v in steps if k == "USER"]
    assert user and user[-1] not in ("root", "0")
    # Everything after the last USER runs unprivileged, the entry point included.
    assert kinds.index("ENTRYPOINT") > len(kinds) - 1 - kinds[::-1].index("USER")
    (volume,) = [json.loads(v) for k, v in steps if k == "VOLUME"]
    env = " ".join(v for k, v in steps if k == "ENV")
    config = re.search(r"MONITOR_CONFIG=(\S+)", env)
    store = re.search(r"MONITOR_STORE_URL=sqlite:///(\S+)", env)
    assert config and store
    for path in (config.group(1), store.group(1)):
        assert any(path.startswith(v.rstrip("/") + "/") for v in volume), path
    assert ("ENTRYPOINT", '["monitor"]') in steps
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv" in ignored and ".git" in ignored


def test_dockerfile_builds_when_a_docker_engine_runs(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True, timeout=30,
                                        check=False).returncode != 0:
        pytest.skip("no docker engine running here; the Dockerfile is built where one is")
    tag = f"monitor-test:{os.getpid()}"
    build = subprocess.run([docker, "build", "-q", "-f", str(CONTRIB / "Dockerfile"), "-t", tag,
                            str(ROOT)], capture_output=True, text=True, timeout=1200, check=False)
    assert build.returncode == 0, build.stderr
    try:
        ran = subprocess.run([docker, "run", "--rm", tag, "--version"], capture_output=True,
                             text=True, timeout=120, check=False)
        assert ran.stdout.strip().startswith("monitor "), ran.stderr
        who = subprocess.run([docker, "run", "--rm", "--entrypoint", "id", tag, "-u"],
                             capture_output=True, text=True, timeout=120, check=False)
        assert who.stdout.strip() not in ("", "0")
    finally:
        subprocess.run([docker, "rmi", "-f", tag], capture_output=True, timeout=120,
                       check=False)
