"""Record a crawl to a WARC file and replay one from WARC files, with no network at all."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from monitor.crawl.settings import RECORD, REPLAY

# warcio is imported where it is used: only a crawl with --replay or --record needs it, and
# every `monitor crawl` imports this module (its middlewares are always listed).

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

HeaderPairs = Sequence[tuple[str, str]]
# Headers that describe the bytes on the wire, not the decoded body kept in the archive index.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcError(ValueError):
    """An archive that cannot be read."""


@dataclass(frozen=True)
class Archived:
    """One response as the archives hold it, body decoded."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def replay_key(url: str) -> str:
    """The lookup key of a URL, so that a request finds the record of the same resource."""
    url = url.strip().removeprefix("<").removesuffix(">")  # wget 1.14 wrote `<uri>`
    return canonicalize_url(url, keep_fragments=False)


@dataclass(frozen=True)
class _Entry:
    """Where one response lies: its archive and the offset of its record (a gzip member in a
    .warc.gz), with its status and headers; the body is read from there when asked for."""

    status: int
    headers: tuple[tuple[str, str], ...]
    path: str
    offset: int


class ReplayIndex(Mapping[str, Archived]):
    """URL key -> response. Holds offsets, not bodies: memory does not grow with the archives,
    and each body is read (one seek, one record) when its URL is asked for."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def __getitem__(self, key: str) -> Archived:
        entry = self._entries[key]
        return Archived(entry.status, entry.headers, _read_body(entry.path, entry.offset))

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _read_body(path: str, offset: int) -> bytes:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            for record in ArchiveIterator(stream):
                return record.content_stream().read()  # type: ignore[no-any-return]
    except OSError as exc:
        raise WarcError(f"{path}: cannot read archive: {exc.strerror or exc}") from None
    except ArchiveLoadFailed as exc:
        raise WarcError(f"{path}: not a WARC file: {exc}") from None
    raise WarcError(f"{path}: no WARC record at offset {offset}")


def load_archives(paths: Iterable[str | Path]) -> ReplayIndex:
    """URL key -> response from WARC files; a later record of a URL replaces an earlier one."""
    from warcio.exceptions import ArchiveLoadFailed

    index = ReplayIndex()
    for path in paths:
        try:
            with open(path, "rb") as stream:
                if not _load_one(stream, str(path), index._entries):
                    raise ArchiveLoadFailed("no WARC records found")
        except OSError as exc:
            raise WarcError(f"{path}: cannot read archive: {exc.strerror or exc}") from None
        except ArchiveLoadFailed as exc:
            raise WarcError(f"{path}: not a WARC file: {exc}") from None
    return index


def _load_one(stream: IO[bytes], path: str, index: dict[str, _Entry]) -> int:
    """Add the responses of one archive to `index`; returns how many records it held."""
    from warcio.archiveiterator import ArchiveIterator

    by_digest: dict[str, _Entry] = {}
    count = 0
    records = ArchiveIterator(stream)
    for record in records:
        if record.format != "warc":
            continue  # warcio reads anything as old-style ARC; we promise WARC only
        count += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        if not uri or record.http_headers is None:
            continue
        if record.rec_type == "response":
            status, headers = _status_headers(record)
            # The body is skipped here, not kept: read again from this offset on demand.
            entry = _Entry(status, headers, path, records.get_record_offset())
            digest = record.rec_headers.get_header("WARC-Payload-Digest")
            if digest:
                by_digest[digest] = entry
            index[replay_key(uri)] = entry
        elif record.rec_type == "revisit":
            # A deduplicating recorder (wget --warc-dedup, many crawlers) stores the body once.
            digest = record.rec_headers.get_header("WARC-Payload-Digest")
            original = by_digest.get(digest or "")
            if original is not None:
                status = int(record.http_headers.get_statuscode() or original.status)
                index[replay_key(uri)] = _Entry(status, original.headers, original.path,
                                                original.offset)
    return count


def _status_headers(record: object) -> tuple[int, tuple[tuple[str, str], ...]]:
    from warcio.bufferedreaders import BufferedReader

    http = record.http_headers  # type: ignore[attr-defined]
    encoding = (http.get_header("content-encoding") or "").lower()
    # The body is served decoded (warcio's content_stream) when warcio can decode it.
    decoded = not encoding or encoding in BufferedReader.get_supported_decompressors()
    headers = tuple(
        (name, value)
        for name, value in http.headers
        if name.lower() not in _WIRE_HEADERS or (name.lower() == "content-encoding" and not decoded)
    )
    return int(http.get_statuscode()), headers


class WarcReplayMiddleware:
    """Downloader middleware answering every request from `MONITOR_REPLAY` archives; else 404."""

    def __init__(self, index: Mapping[str, Archived]) -> None:
        self.index = index  # a ReplayIndex reads each body from its archive when asked

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcReplayMiddleware:
        paths = crawler.settings.getlist(REPLAY)
        if not paths:
            raise NotConfigured
        index = load_archives(paths)
        logger.info("Replaying %d URLs from %d archive(s)", len(index), len(paths))
        return cls(index)

    def process_request(self, request: Request) -> Response:
        found = self.index.get(replay_key(request.url))
        if found is None:
            return Response(request.url, status=404, request=request, flags=["replay-missing"])
        headers = Headers(list(found.headers))
        cls = responsetypes.from_args(headers=headers, url=request.url, body=found.body)
        return cls(
            url=request.url,
            status=found.status,
            headers=headers,
            body=found.body,
            request=request,
            flags=["replayed"],
        )


class WarcRecordMiddleware:
    """Downloader middleware writing each response (decoded) and its request to `MONITOR_RECORD`."""

    def __init__(self, path: str) -> None:
        from warcio.warcwriter import WARCWriter

        self.path = path
        self._file = open(path, "wb")  # noqa: SIM115 - closed when the spider closes
        self._writer = WARCWriter(self._file, gzip=path.endswith(".gz"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecordMiddleware:
        path = crawler.settings.get(RECORD)
        if not path:
            raise NotConfigured
        middleware = cls(str(path))
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        if "replay-missing" not in response.flags:
            self._write(request, response)
        return response

    def _write(self, request: Request, response: Response) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        req_headers = _pairs(request.headers)
        parts = urlsplit(request.url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req = self._writer.create_warc_record(
            response.url,
            "request",
            payload=BytesIO(request.body),
            # Without a length warcio buffers into a temporary file it never closes.
            length=len(request.body),
            http_headers=StatusAndHeaders(
                f"{request.method} {path} HTTP/1.1", req_headers, is_http_request=True
            ),
        )
        resp = _response_record(
            self._writer, response.url, response.status, _pairs(response.headers), response.body
        )
        self._writer.write_request_response_pair(req, resp)
        self._file.flush()

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def _response_record(
    writer: WARCWriter,
    url: str,
    status: int,
    headers: HeaderPairs | Mapping[str, str],
    body: bytes,
    date: datetime | None = None,
) -> object:
    from warcio.statusandheaders import StatusAndHeaders

    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    # The archive holds the decoded body, so the headers must describe that body.
    pairs = [(n, v) for n, v in pairs if n.lower() not in _WIRE_HEADERS]
    pairs.append(("Content-Length", str(len(body))))
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    warc_headers = None
    if date is not None:
        stamp = date.astimezone(UTC) if date.tzinfo else date
        warc_headers = {"WARC-Date": stamp.strftime("%Y-%m-%dT%H:%M:%SZ")}
    return writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        warc_headers_dict=warc_headers,
        http_headers=StatusAndHeaders(f"{status} {reason}", pairs, protocol="HTTP/1.1"),
    )


def write_warc(
    path: str | Path,
    records: Iterable[tuple[str, int, HeaderPairs | Mapping[str, str], bytes]],
    date: datetime | None = None,
) -> Path:
    """Write (url, status, headers, body) responses to a WARC file, gzipped if it ends in .gz."""
    from warcio.warcwriter import WARCWriter

    path = Path(path)
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, status, headers, body in records:
            writer.write_record(_response_record(writer, url, status, headers, body, date))
    return path
