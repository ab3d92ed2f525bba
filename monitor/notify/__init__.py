"""Alert delivery: render an alert draft per format and send it through apprise."""

from __future__ import annotations

from monitor.notify.deliver import (
    DeliveryResult,
    NotifyConfigError,
    Target,
    print_message,
    send,
    target_key,
    targets_from_urls,
)
from monitor.notify.render import Message, render

__all__ = [
    "DeliveryResult",
    "Message",
    "NotifyConfigError",
    "Target",
    "print_message",
    "render",
    "send",
    "target_key",
    "targets_from_urls",
]
