"""Turn an alert draft into the same message in plain text, Markdown and HTML.

Everything that came from a web page (values, evidence sentences, titles, URLs) is
untrusted: whitespace is collapsed so it cannot start a line of its own, and it is
escaped for each format so it always arrives as text. Titles are built from the
config and fixed words only. No clock is read: the same draft renders the same bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, urlsplit

from monitor.model import AlertDraft, Change, ChangeKind, Evidence, FactKind, Watch

# English names, not locale-dependent strftime, so output is the same on every machine.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_PLURAL = {FactKind.SPEAKER: "speakers", FactKind.PRODUCT: "products"}

# Characters that open inline markup in CommonMark (emphasis, links, code, raw HTML) or in
# Slack's dialect (~strike~, <url|label>); "(" and "!" are harmless once "[" is escaped.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# "&amp;" would be decoded as an entity; a lone "&" is literal already.
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a block these open a list, a heading, a quote or a rule.
_MD_BLOCK_START = re.compile(r"^(?:\d+[.)]|[-+=#>])")


@dataclass(frozen=True)
class Message:
    """One alert ready to send: a plain title and the body in three formats.

    Bodies carry no final newline, as apprise strips it: what is stored is what arrives.
    """

    title: str
    text: str
    markdown: str
    html: str


def render(draft: AlertDraft) -> Message:
    """Render an alert draft for every channel."""
    views = [_view(change) for change in draft.changes]
    header = [("Watch:", _watch_line(draft.watch)), ("Status now:", str(draft.status))]
    return Message(
        title=render_title(draft),
        text=_as_text(header, views),
        markdown=_as_markdown(header, views),
        html=_as_html(header, views),
    )


def render_title(draft: AlertDraft) -> str:
    """The watch and what changed, e.g. "Xiaomi San Francisco event: confirmed, venue"."""
    return f"{event_label(draft.watch)}: {', '.join(_summary(draft.changes))}"


def event_label(watch: Watch) -> str:
    """How people name the event: company and city from the config."""
    return f"{watch.company} {watch.city} event" if watch.city else f"{watch.company} event"


def readable_date(value: date | datetime) -> str:
    """A date as people write it: "Thursday 12 February 2015"."""
    day = value.date() if isinstance(value, datetime) else value
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _summary(changes: Sequence[Change]) -> list[str]:
    first = next((c for c in changes if c.kind is ChangeKind.FIRST_SEEN), None)
    if first is not None:
        # The body lists every fact of a first sighting; the title stays short.
        return [f"first seen ({first.new})"]
    new_counts: dict[FactKind, int] = {}
    for change in changes:
        if change.kind is ChangeKind.NEW and change.fact is not None:
            new_counts[change.fact] = new_counts.get(change.fact, 0) + 1
    parts: list[str] = []
    for change in changes:
        if change.kind is ChangeKind.STATUS:
            part = str(change.new)
        elif change.kind is ChangeKind.CORRECTION and change.fact is None:
            part = f"status corrected to {change.new}"
        elif change.fact is None:
            continue
        elif change.kind is ChangeKind.NEW:
            many = new_counts[change.fact] > 1
            part = _PLURAL.get(change.fact, change.fact.value) if many else change.fact.value
        elif change.kind is ChangeKind.CHANGED:
            part = f"{change.fact.value} changed"
        elif change.kind is ChangeKind.CORRECTION:
            part = f"{change.fact.value} corrected"
        else:
            part = f"{change.fact.value} disputed"
        if part not in parts:
            parts.append(part)
    return parts or ["update"]


def _watch_line(watch: Watch) -> str:
    details = [watch.company, *([watch.city] if watch.city else [])]
    if watch.date is not None:
        details.append(readable_date(watch.date))
    return f"{watch.name} ({', '.join(details)})"


# --- what a change says, before any format -----------------------------------------------


@dataclass(frozen=True)
class _SourceView:
    where: str  # site and date: "gsmarena.com, Tuesday 10 February 2015"
    title: str | None
    url: str


@dataclass(frozen=True)
class _ChangeView:
    label: str  # fixed words: "Status:", "New venue:"
    values: tuple[str, ...]  # untrusted: one value, or old and new
    joiner: str  # between old and new: "arrow" or "or"
    quote: str | None
    sources: str | None  # "2 independent sources, 3 articles"
    links: tuple[_SourceView, ...]


def _view(change: Change) -> _ChangeView:
    label, joiner = _label(change)
    new = _display_value(change, change.new)
    values: tuple[str, ...] = (new,)
    if change.kind is ChangeKind.CORRECTION:
        # "Correction (venue): Barclays Center, not Park Avenue Armory (why)"
        old = _display_value(change, change.old or "")
        values = (new, old) if change.new else (old,)
        if change.note:
            values = (*values[:-1], f"{values[-1]} ({_clean(change.note)})")
    elif change.old is not None and change.kind not in (ChangeKind.NEW, ChangeKind.FIRST_SEEN):
        values = (_display_value(change, change.old), new)
    evidence = change.evidence
    return _ChangeView(
        label=label,
        values=values,
        joiner=joiner,
        quote=_clean(evidence[0].sentence) if evidence else None,
        sources=_count_sources(change) if evidence else None,
        links=tuple(_source_view(e) for e in evidence),
    )


def _label(change: Change) -> tuple[str, str]:
    name = change.fact.value if change.fact is not None else "status"
    if change.kind is ChangeKind.FIRST_SEEN:
        return "First seen:", "arrow"
    if change.kind is ChangeKind.STATUS:
        return "Status:", "arrow"
    if change.kind is ChangeKind.NEW:
        return f"New {name}:", "arrow"
    if change.kind is ChangeKind.CHANGED:
        return f"{name.capitalize()} changed:", "arrow"
    if change.kind is ChangeKind.CORRECTION:
        if not change.new:
            return f"Correction ({name}): withdrawn:", "not"
        return f"Correction ({name}):", "not"
    # A conflict keeps both readings visible; neither is chosen for the reader.
    return f"{name.capitalize()} disputed:", "or"


def _display_value(change: Change, value: str) -> str:
    if change.fact is FactKind.DATE:
        try:
            return readable_date(date.fromisoformat(value))
        except ValueError:
            pass
    return _clean(value)


def _count_sources(change: Change) -> str:
    independent = change.independent_sources
    text = f"{independent} independent source{'' if independent == 1 else 's'}"
    if len(change.evidence) != independent:
        count = len(change.evidence)
        text += f", {count} article{'' if count == 1 else 's'}"
    return text


def _source_view(evidence: Evidence) -> _SourceView:
    where = _clean(evidence.source)
    if evidence.published is not None:
        where += f", {readable_date(evidence.published)}"
    title = _clean(evidence.title) if evidence.title else None
    return _SourceView(where=where, title=title or None, url=_clean(evidence.url))


def _clean(value: str) -> str:
    # Collapsing whitespace keeps page text from forging lines, headers or list items.
    return " ".join(value.split())


def _web_link(url: str) -> bool:
    # A page can carry javascript: or data: URLs; only web links become links.
    return urlsplit(url).scheme.lower() in ("http", "https")


# --- plain text --------------------------------------------------------------------------


def _as_text(header: list[tuple[str, str]], views: list[_ChangeView]) -> str:
    blocks = ["\n".join(f"{label} {value}" for label, value in header)]
    for view in views:
        lines = [f"- {view.label} {_join(view, view.values, ' -> ')}"]
        if view.quote is not None:
            lines.append(f'  "{view.quote}"')
        if view.sources is not None:
            lines.append(f"  Sources: {view.sources}")
        for link in view.links:
            title = f": {link.title}" if link.title else ""
            lines.append(f"    {link.where}{title} <{link.url}>")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _join(view: _ChangeView, values: Sequence[str], arrow: str) -> str:
    between = {"arrow": arrow, "or": " or ", "not": ", not "}[view.joiner]
    return between.join(values)


# --- Markdown (CommonMark; apprise turns it into Slack's dialect) ------------------------


def md_escape(value: str) -> str:
    """Make untrusted text literal in CommonMark and Slack."""
    value = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", _clean(value)))
    return _MD_BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], value)


def _md_link(label: str, url: str) -> str:
    if not _web_link(url):
        return f"{md_escape(label)} ({md_escape(url)})" if label != url else md_escape(url)
    # Angle-bracket destinations forbid only <, > and line breaks; encode anything unusual.
    target = quote(url, safe="/:?#[]@!$&'()*+,;=%~-._")
    return f"[{md_escape(label)}](<{target}>)"


def _as_markdown(header: list[tuple[str, str]], views: list[_ChangeView]) -> str:
    # Separate paragraphs rather than hard line breaks: Slack shows a trailing backslash.
    blocks = [f"**{label}** {md_escape(value)}" for label, value in header]
    for view in views:
        values = _join(view, [md_escape(v) for v in view.values], " → ")
        blocks.append(f"**{view.label}** {values}")
        if view.quote is not None:
            blocks.append(f"> {md_escape(view.quote)}")
        if view.sources is not None:
            items = [
                f"- {md_escape(link.where)}: {_md_link(link.title or link.url, link.url)}"
                for link in view.links
            ]
            blocks.append(f"**Sources:** {md_escape(view.sources)}")
            # Its own block: Python-Markdown (apprise's converter) needs a blank line first.
            blocks.append("\n".join(items))
    return "\n\n".join(blocks)


# --- HTML (email) ------------------------------------------------------------------------


def _as_html(header: list[tuple[str, str]], views: list[_ChangeView]) -> str:
    # Flat blocks, no line breaks inside them: apprise derives the email's plain-text part
    # from this HTML, and this shape reads well there too (links stay visible, one per line).
    esc = html.escape
    head = "<br>".join(f"<strong>{esc(label)}</strong> {esc(value)}" for label, value in header)
    blocks = [f"<p>{head}</p>"]
    for view in views:
        values = _join(view, [esc(v) for v in view.values], " → ")
        blocks += ["<hr>", f"<p><strong>{esc(view.label)}</strong> {values}</p>"]
        if view.quote is not None:
            blocks.append(f"<blockquote>“{esc(view.quote)}”</blockquote>")
        if view.sources is not None:
            blocks.append(f"<p><strong>Sources:</strong> {esc(view.sources)}</p>")
            items = "".join(f"<li>{_html_source(link)}</li>" for link in view.links)
            blocks.append(f"<ul>{items}</ul>")
    return "\n".join(blocks)


def _html_source(link: _SourceView) -> str:
    esc = html.escape
    title = f": {esc(link.title)}" if link.title else ""
    if not _web_link(link.url):
        return f"{esc(link.where)}{title} {esc(link.url)}"
    # The URL is the link text too: apprise's text part for email drops hrefs.
    anchor = f'<a href="{esc(link.url, quote=True)}">{esc(link.url)}</a>'
    return f"{esc(link.where)}{title} {anchor}"


def render_notice(title: str, lines: Sequence[str], links: Sequence[str] = ()) -> Message:
    """A message about the tool itself (source health, a delivery given up), in every format.

    The lines may quote error text that came from the network, so they are escaped like
    page text; the title comes from config names and fixed words.
    """
    clean = [_clean(line) for line in lines]
    urls = [u for u in links if _web_link(u)]
    text = "\n".join([*clean, *urls])
    markdown = "\n".join([*(md_escape(line) for line in clean),
                          *(_md_link(u, u) for u in urls)])
    body = "".join(f"<p>{html.escape(line)}</p>" for line in clean)
    body += "".join(f'<p><a href="{html.escape(u)}">{html.escape(u)}</a></p>' for u in urls)
    return Message(title=title, text=text, markdown=markdown, html=body)


def render_digest(title: str, messages: Sequence[Message]) -> Message:
    """Several alerts to one target as one message: each under its own title."""
    rule = "\n\n" + "-" * 40 + "\n\n"
    text = rule.join(f"{m.title}\n\n{m.text}" for m in messages)
    markdown = rule.join(f"*{md_escape(m.title)}*\n\n{m.markdown}" for m in messages)
    body = "<hr>".join(f"<h2>{html.escape(m.title)}</h2>{m.html}" for m in messages)
    return Message(title=title, text=text, markdown=markdown, html=body)
