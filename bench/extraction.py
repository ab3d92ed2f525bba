"""Score and time our article-body extraction against trafilatura and bare lxml parsing.

Usage: python bench/extraction.py [DATA_DIR]   (default: ../shared/benchmarks/article-extraction)
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.shingles import Score, score_dataset, score_page  # noqa: E402
from monitor.extract.article import extract_article  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "article-extraction"

Extractor = Callable[[bytes, str], str]


def load(data_dir: Path) -> list[tuple[str, bytes, str, str]]:
    """(id, html bytes, url, reference body) for every page of the benchmark."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        html = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, item["url"], item["articleBody"]))
    return pages


def ours(html: bytes, url: str) -> str:
    return extract_article(html, url).body


def trafilatura_default(html: bytes, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def trafilatura_precision(html: bytes, url: str) -> str:
    return trafilatura.extract(html, url=url, favor_precision=True) or ""


def lxml_parse(html: bytes, url: str) -> str:
    # The floor on time: parsing alone, no extraction (scored on whole-page text).
    return lxml.html.document_fromstring(html).text_content()


SYSTEMS: dict[str, Extractor] = {
    "ours": ours,
    "trafilatura": trafilatura_default,
    "trafilatura precision": trafilatura_precision,
    "lxml parse only": lxml_parse,
}


def run(extractor: Extractor, pages: list[tuple[str, bytes, str, str]]) -> tuple[Score, float]:
    outputs = []
    start = time.perf_counter()
    for _, html, url, _ in pages:
        outputs.append(extractor(html, url))
    seconds = time.perf_counter() - start
    scores = [score_page(out, ref) for out, (_, _, _, ref) in zip(outputs, pages, strict=True)]
    return score_dataset(scores), seconds


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_DATA
    pages = load(data_dir)
    print(f"{len(pages)} pages from {data_dir}")
    print(f"{'system':<24}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}{'seconds':>9}{'pages/s':>9}")
    for name, extractor in SYSTEMS.items():
        score, seconds = run(extractor, pages)
        print(
            f"{name:<24}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
            f"{score.accuracy:>7.3f}{seconds:>9.2f}{len(pages) / seconds:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
