"""Which targets receive which alerts: apprise-style tags over three alert classes.

`status` alerts carry a first sighting or a status change (confirmed, postponed, ...);
`details` alerts carry new or changed facts; `ops` alerts are about the tool itself
(a source failing or recovering, a delivery given up). A target without tags takes status
and details, and ops too when no target is tagged for ops, so nothing goes unheard.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from monitor.notify.deliver import NotifyConfigError, Target, targets_from_urls

USUAL = frozenset({"status", "details"})


def build_targets(
    urls: Sequence[str],
    tagged: Sequence[tuple[str, Collection[str], bool]] = (),
    apprise_config: Path | None = None,
) -> list[Target]:
    """Targets from plain URLs, (url, tags, digest) entries, and an apprise config file.

    The same URL named twice is one target with the union of its tags.
    """
    found: dict[str, Target] = {}

    def add(target: Target) -> None:
        old = found.get(target.key)
        found[target.key] = target if old is None else replace(
            old, tags=old.tags | target.tags, digest=old.digest or target.digest)

    for target in targets_from_urls(urls):
        add(target)
    for url, tags, digest in tagged:
        (target,) = targets_from_urls([url])
        add(replace(target, tags=frozenset(tags), digest=digest))
    if apprise_config is not None:
        for url, tags in _apprise_file(apprise_config):
            (target,) = targets_from_urls([url])
            add(replace(target, tags=frozenset(tags)))
    return list(found.values())


def _apprise_file(path: Path) -> list[tuple[str, set[str]]]:
    import apprise

    config = apprise.AppriseConfig()
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as logs:
        config.add(str(path))
        services = config.services()
    if not services:
        reason = " ".join(str(logs.getvalue()).split()) if hasattr(logs, "getvalue") else ""
        raise NotifyConfigError(str(path), reason or "no notification URL found in the file")
    return [(service.url(), {str(tag) for tag in service.tags}) for service in services]


def receives(target: Target, classes: Collection[str], targets: Sequence[Target]) -> bool:
    """Whether an alert of these classes goes to this target."""
    wanted = target.tags or USUAL
    if not target.tags and not any("ops" in t.tags for t in targets):
        wanted = wanted | {"ops"}
    return bool(wanted & set(classes))


def route(classes: Collection[str], targets: Sequence[Target]) -> list[Target]:
    return [t for t in targets if receives(t, classes, targets)]
