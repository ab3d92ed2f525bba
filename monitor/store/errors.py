"""Errors the store raises on purpose."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be opened or used: bad URL, unreachable server, unknown schema."""


class NotFound(StoreError, LookupError):
    """A row the caller named (an article, a delivery) does not exist."""


class ReadingNeeded(StoreError):
    """An article said to be unchanged had changed by the time it was saved: read it first."""
