"""Precision and recall of the event reader over a folder of cases, per fact kind, and its speed.

Each case is NAME.txt (title on the first line, then the body) and NAME.json with the
article's "published" time, its "language", the "watch", the "expected" report (or null) and,
for real articles, the page's "url".
Run: python bench/facts.py [FOLDER] [--cases FIRST-LAST] [-v] [--baseline REV]
FOLDER defaults to fixtures/events (also fixtures/real-news, ../shared/real-events/cases); a
numbered range scores one batch; --baseline REV also times the reader of git revision REV (say
89b03de, the reader before issue 8) on the same cases in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from monitor.model import Article, EventReport, Watch  # noqa: E402

CASES_DIR = ROOT / "fixtures" / "events"
KINDS = ("date", "city", "venue", "time", "speaker", "product")


@dataclass(frozen=True)
class Case:
    """One article, one watch and what a careful reader records."""

    name: str
    article: Article
    watch: Watch
    expected: dict[str, object] | None
    note: str = ""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case in `directory`, by name."""
    cases = []
    for meta_path in sorted(directory.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        title, _, body = meta_path.with_suffix(".txt").read_text(encoding="utf-8").partition("\n")
        url = meta.get("url") or f"https://example.test/{meta_path.stem}"
        article = Article(
            url=url,
            canonical_url=url,
            title=title.strip(),
            body=body.strip(),
            published=datetime.fromisoformat(meta["published"]) if meta.get("published") else None,
            language=meta.get("language"),
        )
        spec = meta["watch"]
        watch = Watch(
            name=spec["name"],
            company=spec["company"],
            aliases=tuple(spec.get("aliases", ())),
            city=spec.get("city"),
            date=date.fromisoformat(spec["date"]) if spec.get("date") else None,
        )
        cases.append(Case(meta_path.stem, article, watch, meta["expected"], meta.get("note", "")))
    return cases


def expected_facts(case: Case) -> set[tuple[str, str]]:
    """The (kind, value) pairs a case expects, the company included when it matches."""
    if case.expected is None:
        return set()
    pairs = {("company", case.watch.company)}
    for kind, value in dict(case.expected["facts"]).items():  # type: ignore[call-overload]
        values = value if isinstance(value, list) else [value]
        pairs.update((kind, str(v)) for v in values)
    return pairs


def found_facts(report: EventReport | None) -> set[tuple[str, str]]:
    """The (kind, value) pairs a report gives."""
    return {(f.kind.value, f.value) for f in report.facts} if report else set()


def select(cases: list[Case], spec: str | None) -> list[Case]:
    """The cases whose number lies in `spec` ("78-131"); all of them without one."""
    if not spec:
        return cases
    first, _, last = spec.partition("-")
    low, high = int(first), int(last or first)
    return [c for c in cases if low <= _number(c.name) <= high]


def _number(name: str) -> int:
    digits = "".join(ch for ch in name.split("-", 1)[0] if ch.isdigit())
    return int(digits) if digits else -1


def status_right(cases: Iterable[Case]) -> float:
    """The share of articles given exactly the expected status ("not about it" included)."""
    from monitor.extract.reading import report_for

    results = []
    for case in cases:
        report = report_for(case.article, case.watch)
        want = case.expected["status"] if case.expected else None
        results.append((report.status.value if report else None) == want)
    return sum(results) / len(results) if results else 1.0


def evaluate(cases: Iterable[Case]) -> dict[str, Score]:
    """Scores for event matching, each fact kind and status."""
    from monitor.extract.reading import report_for

    scores = {kind: Score() for kind in ("event match", *KINDS, "status")}
    for case in cases:
        report = report_for(case.article, case.watch)
        _count(scores["event match"], case.name, case.expected is not None, report is not None)
        want, got = expected_facts(case), found_facts(report)
        for kind in KINDS:
            w = {v for k, v in want if k == kind}
            g = {v for k, v in got if k == kind}
            score = scores[kind]
            score.tp += len(w & g)
            score.fp += len(g - w)
            score.fn += len(w - g)
            if w != g:
                score.misses.append(f"{case.name}: want {sorted(w)} got {sorted(g)}")
        want_status = case.expected["status"] if case.expected else None
        got_status = report.status.value if report else None
        status = scores["status"]
        if want_status and got_status == want_status:
            status.tp += 1
        else:
            status.fp += got_status is not None
            status.fn += want_status is not None
            if want_status != got_status:
                status.misses.append(f"{case.name}: want {want_status} got {got_status}")
    return scores


def _count(score: Score, name: str, want: bool, got: bool) -> None:
    score.tp += want and got
    score.fp += got and not want
    score.fn += want and not got
    if want != got:
        score.misses.append(f"{name}: want {'match' if want else 'none'}")


def reader_speed(cases: list[Case], watches: int = 3, rounds: int = 3) -> float:
    """Articles per second of `find_reports` with `watches` watches (each case's own and the
    next ones'), best of `rounds`."""
    from monitor.extract.reading import find_reports

    sets = [[c.watch for c in (cases[(i + k) % len(cases)] for k in range(watches))]
            for i in range(len(cases))]
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for case, ws in zip(cases, sets, strict=True):
            find_reports(case.article, ws)
        best = min(best, time.perf_counter() - start)
    return len(cases) / best if best else 0.0


def baseline_speed(revision: str, folder: Path, spec: str | None) -> float:
    """The same measure for the reader of git revision `revision`, run in a child process on
    an exported copy of that revision (nothing of it is kept)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        code = (
            "import sys, time\n"
            f"sys.path[:0] = [{tmp!r}, {str(ROOT / 'bench')!r}]\n"
            "from pathlib import Path\n"
            "import facts\n"
            "for name in [m for m in sys.modules if m == 'monitor' or m.startswith('monitor.')]:\n"
            "    del sys.modules[name]\n"
            f"sys.path.insert(0, {tmp!r})\n"
            # (the reader's home moved twice: monitor.extract.facts, .reading.facts, .reading)
            "try:\n    from monitor.extract.reading import find_reports\n"
            "except ImportError:\n"
            "    try:\n        from monitor.extract.reading.facts import find_reports\n"
            "    except ImportError:\n        from monitor.extract.facts import find_reports\n"
            f"cases = facts.select(facts.load_cases(Path({str(folder)!r})), {spec!r})\n"
            "sets = [[c.watch for c in (cases[(i + k) % len(cases)] for k in range(3))]\n"
            "        for i in range(len(cases))]\n"
            "best = float('inf')\n"
            "for _ in range(3):\n"
            "    t0 = time.perf_counter()\n"
            "    for c, w in zip(cases, sets):\n"
            "        find_reports(c.article, w)\n"
            "    best = min(best, time.perf_counter() - t0)\n"
            "print(len(cases) / best)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], cwd=tmp, capture_output=True,
                             text=True, check=False, env={**os.environ, "PYTHONPATH": tmp})
        if out.returncode:
            raise SystemExit(f"baseline {revision}: {out.stderr.strip().splitlines()[-1]}")
        return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    args = [a for a in sys.argv[1:]]
    spec = args[args.index("--cases") + 1] if "--cases" in args else None
    baseline = args[args.index("--baseline") + 1] if "--baseline" in args else None
    skip = {spec, baseline}
    folders = [a for a in args if not a.startswith("-") and a not in skip]
    folder = Path(folders[0]).resolve() if folders else CASES_DIR
    cases = select(load_cases(folder), spec)
    scores = evaluate(cases)
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(f"{len(cases)} cases in {shown}")
    print(f"{'kind':<12} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for kind, s in scores.items():
        print(f"{kind:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.tp:>4} {s.fp:>4} {s.fn:>4}")
    print(f"status right in {status_right(cases):.3f} of articles")
    if not baseline:
        print(f"reader speed: {reader_speed(cases):.1f} articles/s with 3 watches")
    else:
        # This machine's speed drifts by a third within minutes, so the two readers are timed
        # in turns (ours, theirs, ours, theirs) and each keeps its best.
        ours = theirs = 0.0
        for _ in range(2):
            ours = max(ours, reader_speed(cases))
            theirs = max(theirs, baseline_speed(baseline, folder, spec))
        print(f"reader speed: {ours:.1f} articles/s with 3 watches")
        print(f"reader of {baseline}: {theirs:.1f} articles/s with 3 watches "
              f"(same cases, timed in turns; ours / theirs {ours / theirs:.2f})")
    misses = [m for s in scores.values() for m in s.misses]
    if misses and "-v" in args:
        print("\n".join(["", "misses:", *misses]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
