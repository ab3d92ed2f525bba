"""Find date references in a sentence and resolve them against the article's own date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.extract.reading import calendar_names

# English month names by number, capitalised only, so the verb "may" is no month; a few
# spellings CLDR lacks ("Jänner", "Febr", "Maerz") beside them.
ENGLISH_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan", "Jänner"),
    2: ("February", "Feb", "Febr"),
    3: ("March", "Mar", "Maerz"),
    4: ("April", "Apr"),
    5: ("May",),
    6: ("June", "Jun"),
    7: ("July", "Jul"),
    8: ("August", "Aug"),
    9: ("September", "Sept", "Sep"),
    10: ("October", "Oct"),
    11: ("November", "Nov"),
    12: ("December", "Dec"),
}
# Abbreviations other languages write with a dot ("12 févr.", "30 sept."), lower case.
_ABBREVIATIONS: dict[int, tuple[str, ...]] = {
    1: ("janv", "genn", "ene"), 2: ("févr", "fevr", "febbr"), 4: ("avr",), 7: ("juil",),
    9: ("sept", "sett", "set"), 10: ("ott", "okt"), 11: ("nov",), 12: ("déc", "dic", "dez"),
}
# Lower-case names that are English words when capitalised ("Mars").
_LOWER_ONLY = frozenset({"mars", "marc", "maj", "mai", "set", "dez"})


def _merge(*tables: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for table in tables:
        for number, forms in table.items():
            out.setdefault(number, []).extend(forms)
    return {number: tuple(dict.fromkeys(forms)) for number, forms in out.items()}


def _cased(table: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Lower-case names also capitalised, as German nouns and sentence openers are."""
    return {n: tuple(f2 for f in forms for f2 in ({f} if f in _LOWER_ONLY else {f, f.capitalize()}))
            for n, forms in table.items()}


MONTHS: dict[int, tuple[str, ...]] = _merge(
    ENGLISH_MONTHS, _cased(calendar_names.MONTHS), _cased(_ABBREVIATIONS)
)

# Weekday names by Python weekday number (Monday = 0).
WEEKDAYS: dict[int, tuple[str, ...]] = _merge(
    {0: ("Monday",), 1: ("Tuesday",), 2: ("Wednesday",), 3: ("Thursday",), 4: ("Friday",),
     5: ("Saturday",), 6: ("Sunday",)},
    {0: ("lunedi",), 1: ("martedi",), 2: ("mercoledi", "miercoles"), 3: ("giovedi",),
     4: ("venerdi",), 5: ("sabado",)},
    _cased(calendar_names.WEEKDAYS),
    # CLDR gives the nominative; Czech and Polish say "on Sunday" in the accusative
    # ("v neděli", "ve středu", "w niedzielę", "w sobotę").
    _cased({2: ("středu", "stredu", "środę"), 5: ("sobotu", "sobotę"),
            6: ("neděli", "nedeli", "niedzielę")}),
)

# Fixed offsets in days from the reference date.
RELATIVE_DAYS: dict[str, int] = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this evening": 0,
    "later today": 0,
    "oggi": 0,
    "stasera": 0,
    "hoy": 0,
    "esta noche": 0,
    "heute": 0,
    "heute abend": 0,
    "tomorrow": 1,
    "domani": 1,
    "mañana": 1,
    "morgen": 1,
    "day after tomorrow": 2,
    "dopodomani": 2,
    "pasado mañana": 2,
    "übermorgen": 2,
    # French, Portuguese, Dutch
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "ce soir": 0,
    "demain": 1,
    "après-demain": 2,
    "hoje": 0,
    "esta noite": 0,
    "amanhã": 1,
    "ontem": -1,
    "vandaag": 0,
    "vanavond": 0,
    "gisteren": -1,
    "yesterday": -1,
    "ieri": -1,
    "ayer": -1,
    "gestern": -1,
    "a week from today": 7,
    "one week from today": 7,
    "a week from tomorrow": 8,
    "one week from tomorrow": 8,
    "a week from now": 7,
    "one week from now": 7,
}

# Named spans: (first day, last day) as functions of the reference date.
_Span = Callable[[date], tuple[date, date]]


def _week(ref: date, weeks: int) -> tuple[date, date]:
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=weeks)
    return monday, monday + timedelta(days=6)


def _month(ref: date, months: int) -> tuple[date, date]:
    index = ref.year * 12 + ref.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1), date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _year(ref: date, years: int) -> tuple[date, date]:
    return date(ref.year + years, 1, 1), date(ref.year + years, 12, 31)


RELATIVE_SPANS: dict[str, _Span] = {
    "this week": lambda r: _week(r, 0),
    "later this week": lambda r: (r, _week(r, 0)[1]),
    "next week": lambda r: _week(r, 1),
    "la prossima settimana": lambda r: _week(r, 1),
    "la próxima semana": lambda r: _week(r, 1),
    "la semana que viene": lambda r: _week(r, 1),
    "nächste woche": lambda r: _week(r, 1),
    "nächsten woche": lambda r: _week(r, 1),
    "last week": lambda r: _week(r, -1),
    "this month": lambda r: _month(r, 0),
    "later this month": lambda r: (r, _month(r, 0)[1]),
    "next month": lambda r: _month(r, 1),
    "il prossimo mese": lambda r: _month(r, 1),
    "el próximo mes": lambda r: _month(r, 1),
    "nächsten monat": lambda r: _month(r, 1),
    "last month": lambda r: _month(r, -1),
    "earlier this month": lambda r: (_month(r, 0)[0], r),
    "last year": lambda r: _year(r, -1),
    "next year": lambda r: _year(r, 1),
    "l'anno scorso": lambda r: _year(r, -1),
    "el año pasado": lambda r: _year(r, -1),
    "letztes jahr": lambda r: _year(r, -1),
    "letzten jahr": lambda r: _year(r, -1),
}


@dataclass(frozen=True)
class DateMention:
    """A date reference in text: the days it may mean and where it stands."""

    first: date
    last: date
    start: int
    end: int
    text: str
    ranged: bool = False  # names its first and last day ("from 21 to 23 May")

    @property
    def exact(self) -> bool:
        """Whether it names a day: one, or the first of a run of days (a multi-day event's
        day is its first)."""
        return self.first == self.last or self.ranged

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def _alternation(names: dict[int, tuple[str, ...]]) -> str:
    forms = sorted({form for group in names.values() for form in group}, key=len, reverse=True)
    return "|".join(re.escape(form) for form in forms)


_MONTH_BY_NAME = {form.lower(): num for num, forms in MONTHS.items() for form in forms}
_WEEKDAY_BY_NAME = {form.lower(): num for num, forms in WEEKDAYS.items() for form in forms}
_MONTH = rf"(?P<month>{_alternation(MONTHS)})\.?"
# After a day number "Mars" and "Mai" are months (French and German headlines capitalise
# them: "le 29 Mars", "am 3. Mai"), never the planet or a name.
_CAPITALISED = {0: tuple(form.capitalize() for form in sorted(_LOWER_ONLY))}
_DAY_MONTH = rf"(?P<month>{_alternation(_merge(MONTHS, _CAPITALISED))})\.?"
_WDAY = rf"(?:{_alternation(WEEKDAYS)})"
# ("1er", "1re", "2e", "3ème": French ordinals.)
_ORD = r"(?:st|nd|rd|th|º|°|er|re|ère|ème|e)?"

_TO = r"\s*(?:-|–|—|to|through|thru|until|and|bis|und|au|et|al|a|e|y|do|tot|en|t/m|till|och)\s*"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "9月25日", "2023年9月25日", "9월 25일": Chinese, Japanese and Korean write the numbers
    (
        "cjk",
        re.compile(r"(?:(?P<year>(?:19|20)\d\d)\s*[年년]\s*)?(?P<month>\d{1,2})\s*[月월]\s*"
                   r"(?P<day>\d{1,2})\s*[日일]"),
    ),
    # "May 21-23", "May 21 to 23, 2025"
    (
        "month_days",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORD}{_TO}(?P<day2>\d{{1,2}}){_ORD}\b(?!:)"
            rf"(?:,?\s+(?P<year>\d{{4}})\b)?"
        ),
    ),
    # "21-23 May", "from 3 to 15 March", "vom 3. bis 15. März", "od 6 do 10 września"
    (
        "days_month",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORD}\.?{_TO}(?:the\s+)?(?P<day2>\d{{1,2}}){_ORD}\.?\s+"
            rf"(?:of\s+|de\s+)?{_DAY_MONTH}\b(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})\b)?"
        ),
    ),
    # "Thursday, February 12, 2015", "Feb. 12", "February 12th"
    (
        "month_day",
        re.compile(
            rf"(?:\b{_WDAY},?\s+)?\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORD}\b(?!:)(?:,?\s+(?P<year>\d{{4}})\b)?"
        ),
    ),
    # "12 February", "12th of February", "12. Februar 2015", "12 de febrero de 2015"
    (
        "day_month",
        re.compile(
            rf"\b(?:{_WDAY},?\s+)?(?:(?:the|il|el|den|dem|le|der|am|op|de|lo"
            rf"|o)\s+)?(?P<day>\d{{1,2}}){_ORD}\.?\s+(?:of\s+|de\s+)?"
            rf"{_DAY_MONTH}\b(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})\b)?"
        ),
    ),
    # "February 2015", "in February"
    (
        "month",
        re.compile(
            rf"\b(?:in|this|next|last|early|late|mid-?|di|de|del|im|en|à|em|van|nel|a|ad|"
            rf"début|fin|inizio|fine|principios de|finales de|Anfang|Ende|Mitte)\s+{_MONTH}\b"
            rf"(?:\s+(?P<year>\d{{4}}))?"
        ),
    ),
    # "2/12", "2/12/2015", "12/02/15"
    (
        "numeric",
        re.compile(
            r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<year>\d{2}|\d{4}))?(?![\d/%])"
        ),
    ),
    # "the 12th"
    ("ordinal", re.compile(r"\bthe\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b")),
    # "Thursday next week", "Thursday this week"
    (
        "weekday_week",
        re.compile(rf"(?i)\b(?P<wday>{_WDAY})(?:,)?\s+(?P<week>next|this)\s+week\b"),
    ),
    (
        "relative",
        re.compile(
            r"(?i)\b(?P<rel>"
            + "|".join(
                re.escape(k)
                for k in sorted([*RELATIVE_DAYS, *RELATIVE_SPANS], key=len, reverse=True)
            )
            + r")\b"
        ),
    ),
    # "this Thursday", "next Thursday", "on Thursday", "Thursday"
    (
        "weekday",
        re.compile(
            rf"(?i)\b(?:(?P<which>this|next|last|coming|this coming|questo|prossimo|este|próximo|"
            rf"diesen|nächsten|am|ce)\s+)?(?P<wday>{_WDAY})(?:abend|morgen|nachmittag|vormittag|mittag|nacht|middag|avond|ochtend"
            rf"|s?kvällen|s?kväll|s?morgonen|s?eftermiddagen|aften|aftenen)?\b"
            # ("samedi dernier", "sabato scorso", "el sábado pasado"; "samedi prochain")
            rf"(?:\s+(?P<after>dernier|passé|scorso|passato|pasado|passado|prochain|prossimo"
            rf"|próximo|que vient|que viene|qui vient))?(?!\w)"
        ),
    ),
    # "in 2014", "2016's event"
    ("year", re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")),
)


_DIGIT = re.compile(r"\d")
_NEEDS_DIGIT = frozenset({"cjk", "month_days", "days_month", "month_day", "day_month", "numeric",
                          "ordinal", "year"})


# Relative dates ("next Thursday", "in 892 days") are resolved only against a day in this
# span: far outside it the arithmetic leaves the calendar (year 1, year 9999).
_REFERENCE_SPAN = (date(1900, 1, 1), date(2999, 12, 31))


def plausible_reference(day: date | None) -> bool:
    return day is not None and _REFERENCE_SPAN[0] <= day <= _REFERENCE_SPAN[1]


def find_dates(
    text: str, reference: date | None, *, day_first: bool = False, past: bool = False,
    held: bool = False,
) -> list[DateMention]:
    """Date references in `text`, earliest first; relative ones need `reference`.

    `past` says the text speaks of something done, so a bare weekday means the last one;
    `held` says it tells of an event that took place, so a day without a year is the last one.
    """
    if not plausible_reference(reference):
        reference = None  # a day this far out resolves nothing relative, and would overflow
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    shift = _year_shift(text)
    # One year named in the sentence is the year of its days: "Summit 2026 will take place
    # from September 22".
    years = {m.group(1) for m in re.finditer(r"\b((?:19|20)\d\d)\b", text)}
    named_year = int(next(iter(years))) if len(years) == 1 else None
    # Most kinds need a digit, the CJK one its month sign: a sentence without them is not
    # scanned for them (date scanning was a fifth of the reader's time).
    skip = set() if _DIGIT.search(text) else set(_NEEDS_DIGIT)
    if "月" not in text and "월" not in text:
        skip.add("cjk")
    for kind, pattern in _PATTERNS:
        if kind in skip:
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if kind == "relative" and _a_morning(text, match):
                continue
            days = _resolve(kind, match, reference, day_first=day_first, past=past, held=held)
            if days is None:
                continue
            dated = kind in ("month_day", "day_month", "month_days", "days_month", "cjk")
            if named_year and not shift and dated and not match.group("year"):
                days = _in_year(days, named_year)
            if shift and dated and not match.group("year"):
                # "Last year's Unpacked was held on March 1": that year's day, not the nearest.
                assert reference is not None
                days = _in_year(days, reference.year + shift)
            taken.append((match.start(), match.end()))
            found.append(DateMention(days[0], days[1], match.start(), match.end(), match.group(0),
                                     ranged=kind in ("month_days", "days_month")))
    return sorted(found, key=lambda m: m.start)


# "de la mañana" and "heute Morgen" are mornings, not tomorrow.
_MORNING_BEFORE = re.compile(r"(?:\bla|\besta|\bheute|\bam|\bjeden|\bfrüh"
                             r"|\bguten)\s+$", re.IGNORECASE)


def _a_morning(text: str, match: re.Match[str]) -> bool:
    word = match.group(0)
    if word.lower() not in ("mañana", "morgen"):
        return False
    before = text[: match.start()]
    return bool(_MORNING_BEFORE.search(before)) or (word == "Morgen" and match.start() > 0)


def _resolve(
    kind: str, match: re.Match[str], ref: date | None, *, day_first: bool, past: bool,
    held: bool = False,
) -> tuple[date, date] | None:
    groups = match.groupdict()
    year = _year_of(groups.get("year"))
    if kind in ("month_days", "days_month"):
        month = _MONTH_BY_NAME[groups["month"].lower()]
        first = _month_day(month, int(groups["day"]), year, ref, past=held)
        last = _safe_date(first.year, month, int(groups["day2"])) if first else None
        if first is None or last is None or not 0 < (last - first).days <= 14:
            return None
        return first, last
    if kind in ("month_day", "day_month"):
        return _single(
            _month_day(_MONTH_BY_NAME[groups["month"].lower()], int(groups["day"]), year, ref,
                       past=held)
        )
    if kind == "month":
        month = _MONTH_BY_NAME[groups["month"].lower()]
        if year is None:
            if ref is None:
                return None
            year = min(
                (ref.year - 1, ref.year, ref.year + 1),
                key=lambda y: abs((date(y, month, 15) - ref).days),
            )
        return _month(date(year, month, 1), 0)
    if kind == "cjk":
        return _single(_month_day(int(groups["month"]), int(groups["day"]), year, ref, past=held))
    if kind == "numeric":
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if day_first else (a, b)
        return _single(_month_day(month, day, year, ref))
    if kind == "year":
        return (date(year, 1, 1), date(year, 12, 31)) if year else None
    if ref is None:
        return None
    if kind == "ordinal":
        return _single(_day_of_month(int(groups["day"]), ref, past))
    if kind == "relative":
        key = groups["rel"].lower()
        if key in RELATIVE_DAYS:
            return _single(ref + timedelta(days=RELATIVE_DAYS[key]))
        return RELATIVE_SPANS[key](ref)
    if kind == "weekday_week":
        monday = _week(ref, 1 if groups["week"].lower() == "next" else 0)[0]
        return _single(monday + timedelta(days=_WEEKDAY_BY_NAME[groups["wday"].lower()]))
    if kind == "weekday":
        which = _AFTER_WEEKDAY.get((groups["after"] or "").lower(), groups["which"])
        return _single(_weekday(_WEEKDAY_BY_NAME[groups["wday"].lower()], which, ref, past))
    raise ValueError(kind)


# Words that put a sentence's dates in another year than the article's.
YEAR_SHIFTS: dict[str, int] = {
    "last year": -1,
    "l'anno scorso": -1,
    "el año pasado": -1,
    "letztes jahr": -1,
    "im vorjahr": -1,
    "next year": 1,
    "l'anno prossimo": 1,
    "el próximo año": 1,
    "nächstes jahr": 1,
}
# Only the possessive ("last year's event") makes the whole sentence about that year;
# "after launching last year, Xiaomi will hold an event on Thursday" does not.
_YEAR_SHIFT = re.compile(
    r"(?i)\b(?P<words>" + "|".join(re.escape(k) for k in YEAR_SHIFTS) + r")(?:'s|’s)"
    r"|\b(?P<german>im vorjahr|letztes jahr)\b"
)


def _year_shift(text: str) -> int:
    match = _YEAR_SHIFT.search(text)
    if not match:
        return 0
    return YEAR_SHIFTS[(match.group("words") or match.group("german")).lower()]


def _in_year(days: tuple[date, date], year: int) -> tuple[date, date]:
    first = _safe_date(year, days[0].month, days[0].day)
    last = _safe_date(year, days[1].month, days[1].day)
    return (first, last) if first and last else days


def _single(day: date | None) -> tuple[date, date] | None:
    return (day, day) if day else None


def _year_of(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, ref: date | None, *, past: bool = False
               ) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is not None:
        return _safe_date(year, month, day)
    if ref is None:
        return None
    if past:
        # "the event was held on 7 September", written in August: last September's; but a day
        # within the next month in a past sentence is a plan told ("was moved to the 19th").
        days = [d for y in (ref.year - 1, ref.year, ref.year + 1)
                if (d := _safe_date(y, month, day))]
        later = [d for d in days if d > ref]
        earlier = [d for d in days if d <= ref]
        if earlier and not (later and (min(later) - ref).days <= 31):
            return max(earlier)
    # The year that puts the date nearest the article, days ahead counting 0.8: news tells
    # what comes more than what went ("du 1er au 11 octobre prochains", written in March).
    candidates = [
        d for y in (ref.year + 1, ref.year, ref.year - 1) if (d := _safe_date(y, month, day))
    ]
    return min(candidates, key=lambda d: (d - ref).days * 0.8 if d >= ref else (ref - d).days
               ) if candidates else None


def _day_of_month(day: int, ref: date, past: bool) -> date | None:
    step = -1 if past else 1
    month_start = date(ref.year, ref.month, 1)
    for offset in range(3):
        first = _month(month_start, offset * step)[0]
        candidate = _safe_date(first.year, first.month, day)
        if candidate and (candidate <= ref if past else candidate >= ref):
            return candidate
    return None


# A word after the weekday, as Romance languages put it, read as the English before it.
_AFTER_WEEKDAY = {"dernier": "last", "passé": "last", "scorso": "last", "passato": "last",
                  "pasado": "last", "passado": "last", "prochain": "coming", "prossimo": "coming",
                  "próximo": "coming", "que vient": "coming", "que viene": "coming",
                  "qui vient": "coming"}


def _weekday(target: int, which: str | None, ref: date, past: bool) -> date:
    which = (which or "").lower()
    if which in ("next", "prossimo", "próximo", "nächsten"):
        # The named day of the following week (Tuesday 3rd -> "next Thursday" is the 12th).
        return _week(ref, 1)[0] + timedelta(days=target)
    if which == "this" and past and target <= ref.weekday():
        # Told in the past, "this Thursday" is the one of this week that has gone by.
        return ref - timedelta(days=ref.weekday() - target)
    if which == "last" or (past and which not in ("this", "coming", "this coming")):
        return ref - timedelta(days=(ref.weekday() - target) % 7 or (7 if which == "last" else 0))
    return ref + timedelta(days=(target - ref.weekday()) % 7)


def iter_exact(mentions: list[DateMention]) -> Iterator[date]:
    """The single days among `mentions`, in order."""
    return (m.first for m in mentions if m.exact)
