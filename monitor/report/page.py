"""One self-contained HTML page per watch: status path, facts, timeline chart, alerts.

No script, no external stylesheet, font or image: the page opens offline and can be attached
to an email. Everything that came from a web page or the store is escaped (html.escape with
quotes), and only http(s) URLs become links. Markup is for people who use a screen reader
too: one h1, sections with headings, tables with captions and header cells, the chart as an
image with a text description and its numbers in a table.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import urlsplit

from monitor import __version__
from monitor.notify.render import event_label, readable_date
from monitor.report.chart import STATUS_COLOURS, bins, short_date, timeline_svg
from monitor.report.story import Fact, Source, Story

_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827;
       background: #ffffff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d1d5db; }
h3 { font-size: 1.05rem; margin: 0; }
a { color: #1d4ed8; }
.watch { color: #374151; margin: 0; }
.now { font-size: 1.2rem; margin: .75rem 0 0; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: .25rem; color: #ffffff;
         font-weight: 600; }
ol.path { list-style: none; padding: 0; margin: 0; border-left: 3px solid #d1d5db; }
ol.path li { margin: 0 0 1rem; padding-left: 1rem; }
blockquote { margin: .25rem 0; padding-left: .75rem; border-left: 3px solid #9ca3af;
             color: #1f2937; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
         border-bottom: 1px solid #e5e7eb; }
thead th { border-bottom: 2px solid #9ca3af; }
.standing-disputed { color: #9f1239; font-weight: 600; }
.standing-earlier { color: #4b5563; text-decoration: line-through; }
.state-failed { color: #9f1239; font-weight: 600; }
.state-pending { color: #a15c07; font-weight: 600; }
figure { margin: 0; }
figcaption, footer, .quiet { color: #4b5563; font-size: .9rem; }
"""


def render_page(story: Story, *, generated_from: str) -> str:
    """The whole page for one watch. `generated_from` names the database, for the footer."""
    label = event_label(story.watch)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="monitor">',
        f"<title>{escape(label)}: {escape(story.status)} · monitor report</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(label)}</h1>",
        f'<p class="watch">Watch <strong>{escape(story.watch.name)}</strong>: '
        f"{escape(_watch_details(story))}</p>",
        f'<p class="now">Status now: {_badge(story.status)}</p>',
        "</header>",
        "<main>",
        _path_section(story),
        _chart_section(story),
        _facts_section(story),
        _copies_section(story),
        _alerts_section(story),
        "</main>",
        f"<footer><p>Made by monitor {escape(__version__)} from {escape(generated_from)}. "
        "This page loads nothing from the network.</p></footer>",
        "</body>",
        "</html>",
        "",
    ])


def _watch_details(story: Story) -> str:
    watch = story.watch
    parts = [watch.company, *([watch.city] if watch.city else [])]
    if watch.date is not None:
        parts.append(readable_date(watch.date))
    return ", ".join(parts)


def _badge(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#374151")
    return f'<span class="badge" style="background:{colour}">{escape(status)}</span>'


def _path_section(story: Story) -> str:
    items = []
    for step in story.path:
        items.append(
            "<li>"
            f"<h3>{_badge(step.status)} {_time(step.at)}</h3>"
            f"<blockquote>{escape(step.quote)}</blockquote>"
            f"<p>Said by {_cite(step.source)}. "
            f"Sites reporting it as {escape(step.status)}: {escape(', '.join(step.sites))}.</p>"
            "</li>")
    return _section("path", "The path it took", f'<ol class="path">{"".join(items)}</ol>')


def _chart_section(story: Story) -> str:
    title = f"Articles about the {event_label(story.watch)} per day, by status"
    svg = timeline_svg(story.articles, story.alerts, title=title)
    rows = []
    found = bins(story.articles, story.alerts)
    statuses = [s for s in STATUS_COLOURS if any(s in b.statuses for b in found)]
    for b in found:
        if not b.total and not any(b.start == a.at.date() for a in story.alerts):
            continue
        alerts = ", ".join(f"#{a.id}" for a in story.alerts
                           if b.start <= a.at.date() < _end(b.start, b.days))
        cells = "".join(f"<td>{b.statuses.get(s, 0)}</td>" for s in statuses)
        rows.append(f'<tr><th scope="row">{_short(b.start)}</th>{cells}'
                    f"<td>{b.copies}</td><td>{escape(alerts) or '–'}</td></tr>")
    head = "".join(f'<th scope="col">{escape(s)}</th>' for s in statuses)
    table = (
        "<details><summary>The chart's numbers as a table</summary>"
        "<table><caption>Articles per day by status, copies set aside, alerts sent</caption>"
        f'<thead><tr><th scope="col">Day</th>{head}<th scope="col">copies</th>'
        f'<th scope="col">alerts</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</details>")
    independent = sum(not a.copy for a in story.articles)
    caption = (f"{independent} independent article(s), {len(story.copies)} cop(ies) set "
               f"aside, {len(story.alerts)} alert(s) sent. Copies never count as sources.")
    return _section("timeline", "Timeline",
                    f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>{table}")


def _facts_section(story: Story) -> str:
    if not story.facts:
        return _section("facts", "Facts", "<p>No facts read yet.</p>")
    rows = []
    for fact in story.facts:
        for index, value in enumerate(fact.values):
            head = (f'<th scope="rowgroup" rowspan="{len(fact.values)}">{escape(fact.kind)}</th>'
                    if index == 0 else "")
            standing = (f'<span class="standing-{escape(value.standing)}">'
                        f"{escape(value.standing)}</span>" if value.standing else "")
            rows.append(
                f"<tr>{head}<td>{escape(_value(fact, value.value))}</td><td>{standing}</td>"
                f"<td>{_short(value.first_seen)}</td><td>{_short(value.last_said)}</td>"
                f"<td>{escape(', '.join(value.sites))}</td>"
                f"<td><blockquote>{escape(value.quote)}</blockquote>"
                f"{_link(value.source.url, value.source.title or value.source.url)}</td>"
                "</tr>")
    table = ("<table><caption>Every value read, with the sites that support it</caption>"
             '<thead><tr><th scope="col">Fact</th><th scope="col">Value</th>'
             '<th scope="col">Standing</th><th scope="col">First seen</th>'
             '<th scope="col">Last said</th><th scope="col">Sites</th>'
             '<th scope="col">Evidence (first article to say it)</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    return _section("facts", "Facts", table)


def _copies_section(story: Story) -> str:
    copies = story.copies
    if not copies:
        return _section("copies", "Copies set aside",
                        "<p>No copies: every article was its own.</p>")
    rows = "".join(
        f"<tr><td>{_short(c.source.at)}</td><td>{_cite(c.source)}</td>"
        f"<td>{_link(c.copy_of, c.copy_of) if c.copy_of else '–'}</td></tr>"
        for c in copies)
    table = ("<table><caption>Syndicated or scraped copies: stored, never counted as "
             'sources</caption><thead><tr><th scope="col">Seen</th><th scope="col">Copy</th>'
             f'<th scope="col">Copy of</th></tr></thead><tbody>{rows}</tbody></table>')
    return _section("copies", "Copies set aside", table)


def _alerts_section(story: Story) -> str:
    if not story.alerts:
        return _section("alerts", "Alerts sent", "<p>No alert yet.</p>")
    rows = []
    for alert in story.alerts:
        span = max(1, len(alert.deliveries))
        first = (f'<th scope="row" rowspan="{span}">#{alert.id}</th>'
                 f'<td rowspan="{span}">{_short(alert.at)}</td>'
                 f'<td rowspan="{span}">{escape(alert.title)}'
                 f'<br><span class="quiet">{escape("; ".join(alert.changes))}</span></td>')
        if not alert.deliveries:
            rows.append(f"<tr>{first}<td colspan=\"3\">no target</td></tr>")
            continue
        for index, d in enumerate(alert.deliveries):
            state = f'<span class="state-{escape(d.state)}">{escape(d.state)}</span>'
            detail = (f"{d.attempts} attempt(s)" if d.attempts else "")
            if d.last_error:
                detail += f": {escape(d.last_error)}"
            if d.delivered_at:
                detail = (detail + "; " if detail else "") + f"delivered {_short(d.delivered_at)}"
            rows.append(f"<tr>{first if index == 0 else ''}<td>{escape(d.target)}</td>"
                        f"<td>{state}</td><td>{detail}</td></tr>")
    table = ("<table><caption>Each alert and its delivery to each target</caption>"
             '<thead><tr><th scope="col">Alert</th><th scope="col">Created</th>'
             '<th scope="col">What it said</th><th scope="col">Target</th>'
             '<th scope="col">State</th><th scope="col">Details</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    return _section("alerts", "Alerts sent", table)


def _section(ident: str, heading: str, body: str) -> str:
    return (f'<section aria-labelledby="{ident}"><h2 id="{ident}">{escape(heading)}</h2>'
            f"{body}</section>")


def _value(fact: Fact, value: str) -> str:
    if fact.kind == "date":
        try:
            return readable_date(datetime.fromisoformat(value))
        except ValueError:
            return value
    return value


def _cite(source: Source) -> str:
    title = source.title or source.url
    return f"{escape(source.site)}, {_time(source.at)}: {_link(source.url, title)}"


def _link(url: str, label: str) -> str:
    # A javascript: or data: URL from a page stays text; only web links are clickable.
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{escape(url, quote=True)}">{escape(label)}</a>'
    return f"{escape(label)} ({escape(url)})"


def _time(moment: datetime) -> str:
    return (f'<time datetime="{escape(moment.isoformat())}">'
            f"{escape(readable_date(moment))}</time>")


def _short(moment: date) -> str:
    """A table's date: "3 Feb 2015", the full one as the element's machine-readable value."""
    return (f'<time datetime="{escape(moment.isoformat())}" title="{readable_date(moment)}">'
            f"{short_date(moment).replace(' ', '&nbsp;')}</time>")


def _end(start: date, days: int) -> date:
    return start + timedelta(days=days)
