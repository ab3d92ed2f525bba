"""monitor: tells you, once, when a news story you follow has really moved."""

__version__ = "0.1.0"
