"""bench/pipeline.py keeps working: a tiny end-to-end replay, twice (no time is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_pipeline_bench_runs_on_twenty_pages(tmp_path: Path) -> None:
    dumped = tmp_path / "stored.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "pipeline.py"), str(tmp_path / "no-benchmark"),
         "--pages", "20", "--feeds", "2", "--runs", "2", "--sample", "3",
         "--dump", str(dumped), "--keep", str(tmp_path / "work")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archive: 20 article pages, 2 feeds" in done.stdout
    for figure in ("end to end, pages/s", "peak RSS, largest process",
                   "extraction alone, pages/s", "lxml parse alone, pages/s"):
        assert figure in done.stdout
    assert "native deaths" in done.stdout and "0 of 2 run(s)" in done.stdout
    stored = json.loads(dumped.read_text(encoding="utf-8"))
    # Every page of the fixtures the bench takes is an article with a body and a title.
    assert len(stored["articles"]) == 20
    assert done.stdout.count(", 20 articles, ") == 2
