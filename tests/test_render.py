"""Rendering alert drafts: exact output per change kind and format, and hostile page text."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from apprise import NotifyFormat
from apprise.conversion import convert_between
from apprise.plugins.slack import NotifySlack

from monitor.model import AlertDraft, Change, ChangeKind, Evidence, FactKind, Status, Watch
from monitor.notify.render import md_escape, readable_date, render

# apprise's plugin loading (triggered by importing a plugin) imports the stdlib imghdr
# module, deprecated since Python 3.11; harmless here and outside our code.
pytestmark = pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")

PT = timezone(timedelta(hours=-8))
WATCH = Watch("xiaomi-sf", "Xiaomi", ("Lei Jun",), "San Francisco", date(2015, 2, 12))
GSMARENA = Evidence(
    sentence="Xiaomi is reportedly planning an event in San Francisco on February 12.",
    url="http://www.gsmarena.com/xiaomi_sf_event-news-10901.php",
    source="gsmarena.com",
    title="Xiaomi to hold event in San Francisco",
    published=datetime(2015, 2, 5, 10, 0, tzinfo=PT),
)
VULCAN = Evidence(
    sentence="A Xiaomi spokesperson confirmed the press event to Vulcan Post.",
    url="https://vulcanpost.com/xiaomi-sf/",
    source="vulcanpost.com",
)
HEADER = (
    "Watch: xiaomi-sf (Xiaomi, San Francisco, Thursday 12 February 2015)\nStatus now: {status}\n\n"
)
GSMARENA_LINES = (
    '  "Xiaomi is reportedly planning an event in San Francisco on February 12."\n'
    "  Sources: 1 independent source\n"
    "    gsmarena.com, Thursday 5 February 2015: Xiaomi to hold event in San Francisco"
    " <http://www.gsmarena.com/xiaomi_sf_event-news-10901.php>"
)


def draft(*changes: Change, status: Status = Status.RUMORED, watch: Watch = WATCH) -> AlertDraft:
    return AlertDraft(watch=watch, version=1, status=status, changes=changes)


@pytest.mark.parametrize(
    ("change", "title", "line"),
    [
        (
            Change(ChangeKind.FIRST_SEEN, "rumored", evidence=(GSMARENA,)),
            "Xiaomi San Francisco event: first seen (rumored)",
            "- First seen: rumored\n",
        ),
        (
            Change(ChangeKind.STATUS, "confirmed", old="rumored", evidence=(GSMARENA,)),
            "Xiaomi San Francisco event: confirmed",
            "- Status: rumored -> confirmed\n",
        ),
        (
            Change(ChangeKind.NEW, "Fort Mason Center", FactKind.VENUE, evidence=(GSMARENA,)),
            "Xiaomi San Francisco event: venue",
            "- New venue: Fort Mason Center\n",
        ),
        (
            Change(ChangeKind.CHANGED, "2015-02-13", FactKind.DATE, "2015-02-12", (GSMARENA,)),
            "Xiaomi San Francisco event: date changed",
            "- Date changed: Thursday 12 February 2015 -> Friday 13 February 2015\n",
        ),
        (
            Change(ChangeKind.CONFLICT, "Los Angeles", FactKind.CITY, "San Francisco", (GSMARENA,)),
            "Xiaomi San Francisco event: city disputed",
            "- City disputed: San Francisco or Los Angeles\n",
        ),
    ],
    ids=lambda v: v.kind.value if isinstance(v, Change) else "",
)
def test_each_change_kind_renders_exact_title_and_text(
    change: Change, title: str, line: str
) -> None:
    message = render(draft(change))
    assert message.title == title
    assert message.text == HEADER.format(status="rumored") + line + GSMARENA_LINES


def test_title_lists_every_change_once_with_plurals() -> None:
    changes = (
        Change(ChangeKind.STATUS, "happened", old="confirmed"),
        Change(ChangeKind.NEW, "Fort Mason Center", FactKind.VENUE),
        Change(ChangeKind.NEW, "Mi Note", FactKind.PRODUCT),
        Change(ChangeKind.NEW, "Mi Band", FactKind.PRODUCT),
        Change(ChangeKind.NEW, "Hugo Barra", FactKind.SPEAKER),
    )
    assert (
        render(draft(*changes)).title
        == "Xiaomi San Francisco event: happened, venue, products, speaker"
    )


def test_watch_without_city_or_date() -> None:
    watch = Watch("xiaomi-any", "Xiaomi")
    message = render(draft(Change(ChangeKind.FIRST_SEEN, "reported"), watch=watch))
    assert message.title == "Xiaomi event: first seen (reported)"
    assert message.text == (
        "Watch: xiaomi-any (Xiaomi)\nStatus now: rumored\n\n- First seen: reported"
    )


def test_readable_dates() -> None:
    assert readable_date(date(2015, 2, 12)) == "Thursday 12 February 2015"
    assert readable_date(datetime(2016, 1, 1, 23, 59, tzinfo=PT)) == "Friday 1 January 2016"


CONFIRMED = draft(
    Change(
        ChangeKind.STATUS,
        "confirmed",
        old="rumored",
        evidence=(VULCAN, GSMARENA, GSMARENA),
        independent_sources=2,
    ),
    Change(ChangeKind.NEW, "Hugo Barra", FactKind.SPEAKER, evidence=(VULCAN,)),
    status=Status.CONFIRMED,
)


def test_text_counts_independent_sources_and_articles() -> None:
    assert render(CONFIRMED).text == (
        HEADER.format(status="confirmed") + "- Status: rumored -> confirmed\n"
        '  "A Xiaomi spokesperson confirmed the press event to Vulcan Post."\n'
        "  Sources: 2 independent sources, 3 articles\n"
        "    vulcanpost.com <https://vulcanpost.com/xiaomi-sf/>\n"
        "    gsmarena.com, Thursday 5 February 2015: Xiaomi to hold event in San Francisco"
        " <http://www.gsmarena.com/xiaomi_sf_event-news-10901.php>\n"
        "    gsmarena.com, Thursday 5 February 2015: Xiaomi to hold event in San Francisco"
        " <http://www.gsmarena.com/xiaomi_sf_event-news-10901.php>\n"
        "\n"
        "- New speaker: Hugo Barra\n"
        '  "A Xiaomi spokesperson confirmed the press event to Vulcan Post."\n'
        "  Sources: 1 independent source\n"
        "    vulcanpost.com <https://vulcanpost.com/xiaomi-sf/>"
    )


def test_markdown_is_exact() -> None:
    gsm = (
        "- gsmarena.com, Thursday 5 February 2015: [Xiaomi to hold event in San Francisco]"
        "(<http://www.gsmarena.com/xiaomi_sf_event-news-10901.php>)"
    )
    assert render(CONFIRMED).markdown == "\n".join(
        [
            "**Watch:** xiaomi-sf (Xiaomi, San Francisco, Thursday 12 February 2015)",
            "",
            "**Status now:** confirmed",
            "",
            "**Status:** rumored → confirmed",
            "",
            "> A Xiaomi spokesperson confirmed the press event to Vulcan Post.",
            "",
            "**Sources:** 2 independent sources, 3 articles",
            "",
            "- vulcanpost.com: [https://vulcanpost.com/xiaomi-sf/](<https://vulcanpost.com/xiaomi-sf/>)",
            gsm,
            gsm,
            "",
            "**New speaker:** Hugo Barra",
            "",
            "> A Xiaomi spokesperson confirmed the press event to Vulcan Post.",
            "",
            "**Sources:** 1 independent source",
            "",
            "- vulcanpost.com: [https://vulcanpost.com/xiaomi-sf/](<https://vulcanpost.com/xiaomi-sf/>)",
        ]
    )


def test_html_is_exact() -> None:
    vulcan = (
        '<li>vulcanpost.com <a href="https://vulcanpost.com/xiaomi-sf/">'
        "https://vulcanpost.com/xiaomi-sf/</a></li>"
    )
    gsm = (
        "<li>gsmarena.com, Thursday 5 February 2015: Xiaomi to hold event in San Francisco "
        '<a href="http://www.gsmarena.com/xiaomi_sf_event-news-10901.php">'
        "http://www.gsmarena.com/xiaomi_sf_event-news-10901.php</a></li>"
    )
    quote = (
        "<blockquote>“A Xiaomi spokesperson confirmed the press event to Vulcan Post.”</blockquote>"
    )
    assert render(CONFIRMED).html == "\n".join(
        [
            "<p><strong>Watch:</strong> xiaomi-sf (Xiaomi, San Francisco, Thursday 12 February"
            " 2015)<br><strong>Status now:</strong> confirmed</p>",
            "<hr>",
            "<p><strong>Status:</strong> rumored → confirmed</p>",
            quote,
            "<p><strong>Sources:</strong> 2 independent sources, 3 articles</p>",
            f"<ul>{vulcan}{gsm}{gsm}</ul>",
            "<hr>",
            "<p><strong>New speaker:</strong> Hugo Barra</p>",
            quote,
            "<p><strong>Sources:</strong> 1 independent source</p>",
            f"<ul>{vulcan}</ul>",
        ]
    )


# --- hostile page text ---------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
HOSTILE_TITLE = f"{SCRIPT} **Breaking** [click](javascript:alert(2)) &amp; `code`"
HOSTILE = draft(
    Change(
        ChangeKind.NEW,
        f"1. Hall {SCRIPT}",
        FactKind.VENUE,
        evidence=(
            Evidence(
                sentence=f"# Not a heading\n- not a list {SCRIPT} _x_ ~y~ <b>bold</b>",
                url="javascript:alert(3)",
                source="evil.example",
                title=HOSTILE_TITLE,
            ),
            Evidence(
                sentence="fine",
                url='https://evil.example/a"onmouseover="alert(4)<x>',
                source="evil.example",
                title="ok",
            ),
        ),
    )
)


def test_hostile_text_is_escaped_in_html() -> None:
    body = render(HOSTILE).html
    assert "<script" not in body
    assert "<b>" not in body
    assert 'href="javascript' not in body
    assert html.escape(SCRIPT) in body
    # The quote in the URL cannot close the attribute.
    assert 'href="https://evil.example/a&quot;onmouseover=&quot;alert(4)&lt;x&gt;"' in body
    # Every tag left is one the renderer wrote.
    tags = set(re.findall(r"</?([a-z]+)", body))
    assert tags == {"p", "strong", "br", "hr", "ul", "li", "blockquote", "a"}


def test_hostile_text_stays_text_after_markdown_conversion() -> None:
    markdown = render(HOSTILE).markdown
    converted = convert_between(NotifyFormat.MARKDOWN, NotifyFormat.HTML, markdown)
    assert "<script" not in converted
    assert "<b>" not in converted
    assert "<h1" not in converted
    assert "<ol" not in converted
    assert converted.count("<li>") == 2  # the renderer's two source links, nothing forged
    assert "<code" not in converted
    assert "<em" not in converted
    assert "javascript:" not in re.findall(r'href="([^"]*)"', converted)[0]
    # The only emphasis left is the renderer's own labels.
    assert re.findall(r"<strong>(.*?)</strong>", converted) == [
        "Watch:",
        "Status now:",
        "New venue:",
        "Sources:",
    ]
    # The page's words arrive, as words.
    assert "**Breaking**" in html.unescape(converted)
    assert "# Not a heading - not a list" in html.unescape(converted)


def test_hostile_text_stays_text_in_slack() -> None:
    slack = NotifySlack._commonmark_to_slack(render(HOSTILE).markdown)
    assert "<script" not in slack
    assert "&lt;script&gt;" in slack
    assert "<javascript" not in slack
    # Slack's own link syntax appears only for the one web link.
    assert re.findall(r"<([^>|]+)\|", slack) == [
        "https://evil.example/a%22onmouseover=%22alert(4)%3Cx%3E"
    ]
    # Apart from the renderer's bold labels, every emphasis character stays escaped.
    page_text = re.sub(r"\*[A-Za-z ]+:\*", "", slack)
    assert re.findall(r"(?<!\\)[*_~`]", page_text) == []


def test_hostile_text_cannot_forge_lines_in_plain_text() -> None:
    text = render(HOSTILE).text
    assert "\n- not a list" not in text
    assert '  "# Not a heading - not a list' in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("**bold** _it_", r"\*\*bold\*\* \_it\_"),
        ("[x](http://e)", r"\[x\](http://e)"),
        ("1. first", r"1\. first"),
        ("# h", r"\# h"),
        ("- item", r"\- item"),
        ("a &amp; b & c", r"a \&amp; b & c"),
        ("<b>", r"\<b\>"),
        ("line\nbreak", "line break"),
        ("xiaomi-sf (SF)", "xiaomi-sf (SF)"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
