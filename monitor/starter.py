"""`monitor init`: a commented monitor.toml to start from, never written over an existing file."""

from __future__ import annotations

from pathlib import Path

from monitor.sources import PROFILES

TEMPLATE = """\
# monitor.toml, written by `monitor init`. Every key is in README.md (Configuration).
# Check it with `monitor status`; run `monitor crawl` from cron once it says what you expect.

[store]
# Any SQLAlchemy URL; MONITOR_STORE_URL overrides it.
# PostgreSQL for a team: url = "postgresql+psycopg://monitor@db.example.com/monitor"
url = "sqlite:///monitor.db"

[notify]
# apprise URLs (https://github.com/caronc/apprise/wiki); each alert goes to every one.
# With none, alerts are printed to standard output (cron mails them to you).
urls = [
    # "mailtos://user:app-password@gmail.com?to=you@example.com",
    # "slack://TokenA/TokenB/TokenC/#events",
]
# Seconds one delivery may take, and failed attempts before a delivery is given up.
# timeout = 10
# max_attempts = 8

# Targets that only want some alerts: "status" (first seen, status changes), "details"
# (new or changed facts) and "ops" (a source failing, a delivery given up).
# [[notify.targets]]
# url = "mailtos://user:app-password@example.com?to=you@example.com"
# tags = ["details"]
# digest = "daily"

[crawl]
# Your URL or e-mail in the user agent, so site owners can reach you.
# user_agent_contact = "you@example.com"
# Seconds between two requests to one site (AutoThrottle adapts it).
download_delay = 1

# When a story is worth a message (README: "What alerts and when"). The defaults:
# [alerts]
# alone = ["status", "date", "city", "venue", "time"]  # add "speaker", "product" to hear of
#                                                      # rumoured details at once
# detail_sources = 2      # sites that make a rumoured speaker or product worth an alert alone
# confirm_sources = 2     # independent reports of "official" that count as a confirmation
# other_event_days = 7    # a day this far from the event's is another event's

# The built-in sites ({profiles}). Any RSS/Atom feed or news sitemap works too:
# [[sources]]
# name = "techcrunch"
# feed = "https://techcrunch.com/feed/"
{sources}
# One event to follow: edit it, or copy the block for another.
[[watches]]
name = "xiaomi-sf"                  # how alerts and `monitor status` name it
company = "Xiaomi"
aliases = ["Lei Jun", "Lin Bin", "Hugo Barra"]   # people and brands that mean the company
city = "San Francisco"              # optional: without it, the company's next event anywhere
date = "2015-02-12"                 # optional, YYYY-MM-DD: without it, the next one in that city
"""


class AlreadyThere(Exception):
    """The target file exists; init never writes over a config."""


def starter_config() -> str:
    names = sorted(PROFILES)
    sources = "".join(f'\n[[sources]]\nname = "{name}"\n' for name in names)
    return TEMPLATE.format(profiles=", ".join(names), sources=sources)


def write_starter(path: Path) -> Path:
    """Write the starter config at `path` (a folder gets monitor.toml); refuse to overwrite."""
    target = path / "monitor.toml" if path.is_dir() else path
    try:
        # "x" creates the file or fails: no window in which another file could be replaced.
        with target.open("x", encoding="utf-8") as handle:
            handle.write(starter_config())
    except FileExistsError:
        raise AlreadyThere(f"{target} already exists; not overwritten "
                           "(move it away or name another file)") from None
    return target
