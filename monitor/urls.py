"""URL identity: one canonical spelling per article URL, and the site that publishes it.

`canonical_url` is deliberately conservative: it removes only what never changes which page is
served (tracking parameters, fragments, default ports, parameter order, host case) plus the
common AMP spellings of an article. It does not touch `www.`, the scheme, path case or
trailing slashes, because sites do serve different pages there.

AMP handling: a final path segment `amp` (WordPress style `/2015/02/slug/amp/`) is removed, and
the query parameters `amp` (any value) and `outputType=amp` are dropped. AMP caches
(`cdn.ampproject.org`, `/amp/s/...`) and `amp.` subdomains are left alone: undoing them needs
per-site knowledge.
"""

from __future__ import annotations

import functools
import ipaddress
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus, urlsplit, urlunsplit

if TYPE_CHECKING:
    import tldextract

# Query parameters that only say how a reader arrived (analytics, ads, newsletters, shares).
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "cmpid",
        "ncid",
        "ocid",
        "icid",
        "ito",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "igshid",
        "spm",
        "smid",
        "soc_src",
        "soc_trk",
        "s_cid",
        "wt.mc_id",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "__twitter_impression",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
    }
)
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "hsa_")

# Query parameters that ask for the AMP rendering of the same article: (name, value or None=any).
AMP_PARAMS: tuple[tuple[str, str | None], ...] = (("amp", None), ("outputtype", "amp"))

DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}

# Hosting platforms where each subdomain is a separate publisher but which the Public Suffix
# List does not name (it lists blogspot.com, github.io, herokuapp.com, vercel.app and more).
SHARED_HOST_SUFFIXES: frozenset[str] = frozenset({"wordpress.com", "substack.com", "tumblr.com"})

# The Public Suffix List snapshot bundled with tldextract, private domains included: no cache
# on disk and no fetch at run time, so a crawl never touches the network for it and every
# machine splits hosts the same way for a given tldextract version. Loaded on first use: a run
# with nothing new (`monitor alert` from cron) never splits a host.
@functools.cache
def _suffixes() -> tldextract.TLDExtract:
    import tldextract

    return tldextract.TLDExtract(
        cache_dir=None,
        suffix_list_urls=(),
        fallback_to_snapshot=True,
        include_psl_private_domains=True,
        extra_suffixes=tuple(sorted(SHARED_HOST_SUFFIXES)),
    )


def _is_tracking(name: str) -> bool:
    key = unquote_plus(name).lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _is_amp(name: str, value: str | None) -> bool:
    key = unquote_plus(name).lower()
    val = None if value is None else unquote_plus(value).lower()
    return any(key == k and (v is None or val == v) for k, v in AMP_PARAMS)


def _clean_query(query: str) -> str:
    # Work on the raw "k=v" pieces so that kept parameters keep their exact encoding.
    kept = []
    for piece in query.split("&"):
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        if _is_tracking(name) or _is_amp(name, value if sep else None):
            continue
        kept.append(piece)
    return "&".join(sorted(kept))


def _clean_path(path: str) -> str:
    if not path:
        return "/"
    segments = path.split("/")
    trailing = segments[-1] == ""
    body = segments[:-1] if trailing else segments
    # Needs a segment before it: "/amp" alone may be a site's AMP home page, not an article.
    if len(body) > 2 and body[-1].lower() == "amp" and body[-2]:
        return "/".join(body[:-1]) + ("/" if trailing else "")
    return path


def _host(netloc_host: str | None) -> str:
    return (netloc_host or "").lower().rstrip(".")


def canonical_url(url: str) -> str:
    """The spelling under which an article at `url` is stored; non-http(s) input is only trimmed."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.netloc:
        return url
    host = _host(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((scheme, netloc, _clean_path(parts.path), _clean_query(parts.query), ""))


def site_of(url: str) -> str:
    """The registrable domain that publishes `url` ("gsmarena.com"), or the IP address.

    Registrable means one label under a public suffix of the Public Suffix List, so
    nation.co.ke and standardmedia.co.ke are two sites, as are two apps on vercel.app. A host
    that is itself a public suffix, or has none (localhost), is its own site.
    """
    text = url.strip()
    parts = urlsplit(text if "//" in text else f"//{text}")
    return _registrable(_host(parts.hostname))


@lru_cache(maxsize=4096)
def _registrable(host: str) -> str:
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    return _suffixes()(host).top_domain_under_public_suffix or host
