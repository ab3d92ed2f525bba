"""The timeline chart: articles per day, stacked by status, copies apart, alerts marked.

Drawn as inline SVG by hand: a few dozen rectangles and lines do not need a plotting library,
and the page stays one self-contained file. Every label is escaped; the chart carries a
<title> and <desc> for screen readers, and the page repeats its numbers in a table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from monitor.report.story import AlertSent, ArticlePoint

# Status colours, each at least 4.5:1 against white, so bars and legend text stay readable.
STATUS_COLOURS = {
    "rumored": "#a15c07",
    "reported": "#1d4ed8",
    "confirmed": "#15803d",
    "happened": "#6d28d9",
    "postponed": "#b91c1c",
    "cancelled": "#9f1239",
    "denied": "#7f1d1d",
}
COPY_COLOUR = "#4b5563"
ALERT_COLOUR = "#111827"

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 36, 56
# English, not strftime's %b, so the page reads the same whatever the machine's locale.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Past this many days, bars group several days each so none gets thinner than a few pixels.
MAX_BARS = 90


@dataclass(frozen=True)
class Bin:
    """One bar: the days it covers and how many articles of each kind fell in them."""

    start: date
    days: int
    statuses: dict[str, int]
    copies: int

    @property
    def total(self) -> int:
        return sum(self.statuses.values()) + self.copies


def bins(articles: Sequence[ArticlePoint], alerts: Sequence[AlertSent]) -> list[Bin]:
    """Consecutive bars from the first to the last article or alert, empty days included."""
    days = [a.day for a in articles] + [a.at.date() for a in alerts]
    if not days:
        return []
    first, last = min(days), max(days)
    span = (last - first).days + 1
    width = max(1, math.ceil(span / MAX_BARS))
    count = math.ceil(span / width)
    statuses: list[Counter[str]] = [Counter() for _ in range(count)]
    copies = [0] * count
    for article in articles:
        index = (article.day - first).days // width
        if article.copy:
            copies[index] += 1
        else:
            statuses[index][article.status or "unknown"] += 1
    return [Bin(first + timedelta(days=i * width), width, dict(statuses[i]), copies[i])
            for i in range(count)]


def bin_of(day: date, found: Sequence[Bin]) -> int:
    for index, b in enumerate(found):
        if b.start <= day < b.start + timedelta(days=b.days):
            return index
    raise ValueError(f"{day} is outside the chart")


def timeline_svg(articles: Sequence[ArticlePoint], alerts: Sequence[AlertSent], *,
                 title: str) -> str:
    """The chart as an <svg> element, or a short paragraph when there is nothing to draw."""
    found = bins(articles, alerts)
    if not found:
        return "<p>No articles yet.</p>"
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(found)
    bar = max(1.0, slot * 0.7)
    peak = max(b.total for b in found) or 1
    unit = plot_h / _nice_ceiling(peak)
    order = [s for s in STATUS_COLOURS if any(s in b.statuses for b in found)]
    order += sorted({s for b in found for s in b.statuses} - set(order))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(_describe(found, alerts))}</desc>',
        '<defs><pattern id="copy-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{COPY_COLOUR}" stroke-width="2"/>'
        "</pattern></defs>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    parts += _axes(found, slot, unit, plot_h, _nice_ceiling(peak))
    for index, b in enumerate(found):
        x = LEFT + index * slot + (slot - bar) / 2
        y = TOP + plot_h
        for status in order:
            n = b.statuses.get(status, 0)
            if n:
                y -= n * unit
                parts.append(
                    f'<rect class="bar status-{escape(status)}" x="{x:.1f}" y="{y:.1f}" '
                    f'width="{bar:.1f}" height="{n * unit:.1f}" '
                    f'fill="{STATUS_COLOURS.get(status, "#374151")}">'
                    f"<title>{escape(_day_label(b))}: {n} {escape(status)}</title></rect>")
        if b.copies:
            y -= b.copies * unit
            parts.append(
                f'<rect class="bar copies" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{b.copies * unit:.1f}" fill="url(#copy-hatch)" '
                f'stroke="{COPY_COLOUR}"><title>{escape(_day_label(b))}: {b.copies} '
                f"cop{'y' if b.copies == 1 else 'ies'} set aside</title></rect>")
    parts += _alert_marks(found, alerts, slot, plot_h)
    parts += _legend(order)
    parts.append("</svg>")
    return "".join(parts)


def _axes(found: Sequence[Bin], slot: float, unit: float, plot_h: float, top: int) -> list[str]:
    base = TOP + plot_h
    parts = [f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" '
             'stroke="#374151"/>']
    step = 1 if top <= 5 else max(1, top // 5)
    for value in range(0, top + 1, step):
        y = base - value * unit
        parts.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#e5e7eb"/>' if value else "")
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" '
                     f'fill="#374151">{value}</text>')
    # Label about eight bars, always the first and the last.
    every = max(1, math.ceil(len(found) / 8))
    for index, b in enumerate(found):
        if index % every and index != len(found) - 1:
            continue
        x = LEFT + (index + 0.5) * slot
        parts.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" '
                     f'fill="#374151">{b.start.day} {_MONTHS[b.start.month - 1]}</text>')
    first, last = found[0].start.year, found[-1].start.year
    years = str(first) if first == last else f"{first}–{last}"
    per = "day" if found[0].days == 1 else f"{found[0].days} days"
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 8}" fill="#374151">'
                 f"articles per {per}, {years}</text>")
    return [p for p in parts if p]


def _alert_marks(found: Sequence[Bin], alerts: Sequence[AlertSent], slot: float,
                 plot_h: float) -> list[str]:
    parts = []
    for alert in alerts:
        x = LEFT + (bin_of(alert.at.date(), found) + 0.5) * slot
        parts.append(
            f'<g class="alert-mark"><line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" '
            f'y2="{TOP + plot_h}" stroke="{ALERT_COLOUR}" stroke-width="1.5" '
            f'stroke-dasharray="4 3"/>'
            f'<path d="M{x - 5:.1f},{TOP - 14} h10 l-5,8 z" fill="{ALERT_COLOUR}"/>'
            f'<text x="{x + 7:.1f}" y="{TOP - 7}" fill="{ALERT_COLOUR}">#{alert.id}</text>'
            f"<title>alert #{alert.id}, {short_date(alert.at)}: {escape(alert.title)}</title></g>")
    return parts


def _legend(order: Sequence[str]) -> list[str]:
    parts = ['<g class="legend">']
    x, y = LEFT, HEIGHT - 28
    for status in order:
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" '
                     f'fill="{STATUS_COLOURS.get(status, "#374151")}"/>'
                     f'<text x="{x + 14}" y="{y}" fill="#111827">{escape(status)}</text>')
        x += 24 + 7 * len(status)
    parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="url(#copy-hatch)" '
                 f'stroke="{COPY_COLOUR}"/><text x="{x + 14}" y="{y}" fill="#111827">'
                 "copy set aside</text>")
    x += 24 + 7 * len("copy set aside")
    parts.append(f'<line x1="{x}" y1="{y - 10}" x2="{x}" y2="{y + 1}" stroke="{ALERT_COLOUR}" '
                 f'stroke-dasharray="4 3"/><text x="{x + 6}" y="{y}" fill="#111827">'
                 "alert sent</text></g>")
    return parts


def _describe(found: Sequence[Bin], alerts: Sequence[AlertSent]) -> str:
    independent = sum(sum(b.statuses.values()) for b in found)
    copies = sum(b.copies for b in found)
    busiest = max(found, key=lambda b: b.total)
    text = (f"{independent} independent article(s) and {copies} cop(ies) from "
            f"{found[0].start.isoformat()} to "
            f"{(found[-1].start + timedelta(days=found[-1].days - 1)).isoformat()}; "
            f"busiest {_day_label(busiest)} with {busiest.total}.")
    if alerts:
        text += " Alerts sent on " + ", ".join(
            f"{a.at.date().isoformat()} (#{a.id})" for a in alerts) + "."
    return text


def short_date(day: date) -> str:
    """ "3 Feb 2015" """
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _day_label(b: Bin) -> str:
    if b.days == 1:
        return b.start.isoformat()
    return f"{b.start.isoformat()} to {(b.start + timedelta(days=b.days - 1)).isoformat()}"


def _nice_ceiling(value: int) -> int:
    """The axis top: the value rounded up to 1, 2 or 5 times a power of ten, at least 2."""
    value = max(value, 2)
    power = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power
