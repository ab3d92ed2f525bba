"""Cities, countries and venues named in a sentence; the tables are the data to extend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from monitor.extract.reading import calendar_names


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())


# Canonical city -> (country, aliases). Regions such as "Bay Area" or "Silicon Valley" are no city.
CITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "San Francisco": ("US", ("SF", "S.F.", "San Fran", "San Francisco's", "San Franciso")),
    "New York": ("US", ("New York City", "NYC", "Manhattan", "Brooklyn")),
    "Los Angeles": ("US", ("L.A.",)),
    "Las Vegas": ("US", ("Vegas",)),
    "San Jose": ("US", ()),
    "Cupertino": ("US", ()),
    "Mountain View": ("US", ()),
    "Seattle": ("US", ()),
    "Chicago": ("US", ()),
    "Austin": ("US", ()),
    "Boston": ("US", ()),
    "Menlo Park": ("US", ()),
    "Palo Alto": ("US", ()),
    "Sunnyvale": ("US", ()),
    "Santa Clara": ("US", ()),
    "Redmond": ("US", ()),
    "Hawthorne": ("US", ()),
    "Beijing": ("CN", ("Pechino", "Pekín", "Peking")),
    "Shanghai": ("CN", ("Shanghái",)),
    "Shenzhen": ("CN", ()),
    "Guangzhou": ("CN", ()),
    "Hong Kong": ("HK", ()),
    "Taipei": ("TW", ()),
    "New Delhi": ("IN", ("Delhi", "Nuova Delhi", "Nueva Delhi", "Neu-Delhi")),
    "Mumbai": ("IN", ("Bombay",)),
    "Bengaluru": ("IN", ("Bangalore",)),
    "Hyderabad": ("IN", ()),
    "Chennai": ("IN", ()),
    "Singapore": ("SG", ("Singapur", "Singapura")),
    "Kuala Lumpur": ("MY", ()),
    "Jakarta": ("ID", ("Giacarta", "Yakarta")),
    "Manila": ("PH", ()),
    "Bangkok": ("TH", ()),
    "Ho Chi Minh City": ("VN", ("Saigon",)),
    "Tokyo": ("JP", ("Tokio",)),
    "Seoul": ("KR", ("Seúl",)),
    "Moscow": ("RU", ("Mosca", "Moscú", "Moskau")),
    "Dubai": ("AE", ()),
    "Istanbul": ("TR", ()),
    "London": ("GB", ("Londra", "Londres")),
    "Paris": ("FR", ("Parigi", "París")),
    "Berlin": ("DE", ("Berlino", "Berlín")),
    "Munich": ("DE", ("München", "Monaco di Baviera", "Múnich")),
    "Barcelona": ("ES", ("Barcellona",)),
    "Madrid": ("ES", ()),
    "Milan": ("IT", ("Milano", "Milán", "Mailand")),
    "Rome": ("IT", ("Roma", "Rom")),
    "Amsterdam": ("NL", ()),
    "Warsaw": ("PL", ("Varsavia", "Varsovia", "Warschau")),
    "São Paulo": ("BR", ("Sao Paulo", "San Paolo")),
    "Mexico City": ("MX", ("Ciudad de México", "Città del Messico")),
    "Sydney": ("AU", ()),
    "Cologne": ("DE", ("Köln", "Koeln", "Colonia")),
    "Frankfurt": ("DE", ("Frankfurt am Main",)),
    "Hamburg": ("DE", ()),
    "Geneva": ("CH", ("Genève", "Geneve", "Genf", "Ginevra", "Ginebra", "Genebra")),
    "Zurich": ("CH", ("Zürich",)),
    "Vienna": ("AT", ("Wien", "Vienne", "Viena")),
    "Prague": ("CZ", ("Praha", "Prag", "Praga")),
    "Lisbon": ("PT", ("Lisboa", "Lissabon", "Lisbonne")),
    "Brussels": ("BE", ("Bruxelles", "Brussel", "Brüssel", "Bruselas")),
    "Copenhagen": ("DK", ("København", "Kopenhagen")),
    "Stockholm": ("SE", ()),
    "Helsinki": ("FI", ()),
    "Oslo": ("NO", ()),
    "Dublin": ("IE", ()),
    "Maui": ("US", ()),
    "Honolulu": ("US", ()),
    "Toronto": ("CA", ()),
    "Vancouver": ("CA", ()),
    "Detroit": ("US", ()),
    "Chengdu": ("CN", ()),
    "Wuhan": ("CN", ()),
    "Hangzhou": ("CN", ()),
}
# Shows that name their city: "at Gamescom" is in Cologne, "at IFA" in Berlin.
SHOWS: dict[str, str] = {
    "Gamescom": "Cologne", "gamescom": "Cologne", "IFA": "Berlin", "MWC": "Barcelona",
    "Mobile World Congress": "Barcelona", "CES": "Las Vegas", "Computex": "Taipei",
    "COMPUTEX": "Taipei", "E3": "Los Angeles", "Paris Games Week": "Paris",
    "Tokyo Game Show": "Tokyo", "Geneva Motor Show": "Geneva", "Salon de Genève": "Geneva",
    "Genfer Autosalon": "Geneva", "Google I/O": "Mountain View", "Dreamforce": "San Francisco",
    "re:Invent": "Las Vegas", "Web Summit": "Lisbon", "GDC": "San Francisco",
    "Detroit Auto Show": "Detroit", "NAB Show": "Las Vegas",
}

# Country names that place an event ("in India", "the India launch"); demonyms are left out
# because "Chinese smartphone maker Xiaomi" says nothing about where an event is.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": (
        "US",
        "U.S.",
        "USA",
        "United States",
        "America",
        "Stati Uniti",
        "Estados Unidos",
        "EE.UU.",
        "USA",
    ),
    "CN": ("China", "Cina", "mainland China"),
    "IN": ("India", "Indien"),
    "ID": ("Indonesia", "Indonesien"),
    "MY": ("Malaysia",),
    "PH": ("Philippines",),
    "SG": (),
    "BR": ("Brazil", "Brasil", "Brasile", "Brasilien"),
    "RU": ("Russia", "Rusia", "Russland"),
    "GB": ("UK", "U.K.", "Britain", "United Kingdom", "Regno Unito", "Reino Unido"),
    "DE": ("Germany", "Germania", "Alemania", "Deutschland"),
    "IT": ("Italy", "Italia", "Italien"),
    "ES": ("Spain", "Spagna", "España", "Spanien"),
    "FR": ("France", "Francia", "Frankreich"),
    "MX": ("Mexico", "México", "Messico"),
    "TW": ("Taiwan",),
    "HK": (),
    "JP": ("Japan", "Giappone", "Japón"),
    "KR": ("Korea", "South Korea"),
    "VN": ("Vietnam",),
    "TH": ("Thailand",),
    "AE": ("UAE",),
    "TR": ("Turkey",),
    "NL": ("Netherlands",),
    "PL": ("Poland",),
    "AU": ("Australia",),
}

# Known venues: canonical name -> aliases as articles write them.
KNOWN_VENUES: dict[str, tuple[str, ...]] = {
    "Fairmont San Francisco": ("Fairmont hotel", "Fairmont Hotel", "Hotel Fairmont", "Fairmont"),
    "Fort Mason": ("Fort Mason Center", "Fort Mason Festival Pavilion"),
    "Bill Graham Civic Auditorium": ("Civic Auditorium",),
    "Moscone Center": ("Moscone West", "Moscone"),
    "Yerba Buena Center for the Arts": ("YBCA", "Yerba Buena Center"),
    "Pier 48": (),
    "Pier 70": (),
    "Masonic Auditorium": ("SF Masonic Auditorium", "The Masonic"),
    "Siri Fort Auditorium": ("Siri Fort",),
    "National Convention Center": (
        "Beijing National Convention Center",
        "China National Convention Center",
    ),
    "Palazzo del Ghiaccio": (),
    "Old Billingsgate": (),
    "Battersea Evolution": (),
    "ExCeL London": ("ExCeL",),
    "Olympia London": (),
    "Centre de Convencions Internacional de Barcelona": ("CCIB",),
    "Fira Gran Via": ("Fira de Barcelona", "Fira Barcelona"),
    "Lincoln Center": ("David H. Koch Theater",),
    "Hammerstein Ballroom": (),
    "Barclays Center": (),
    "Javits Center": ("Jacob K. Javits Convention Center",),
    "Steve Jobs Theater": ("Steve Jobs Theatre",),
    "Flint Center for the Performing Arts": ("Flint Center",),
    "Radio City Music Hall": ("Radio City Hall", "Radio City"),
    "Apple Park": (),
    "Shoreline Amphitheatre": ("Shoreline Amphitheater",),
    "Palexpo": (),
    "Messe Berlin": ("Berlin ExpoCenter City",),
    "Carrousel du Louvre": (),
    "Earl's Court": ("Earls Court", "Earl’s Court"),
    "COEX": ("COEX Convention Center",),
    "Printworks": ("Printworks London",),
    "Roundhouse": (),
    "Park Avenue Armory": (),
    "Cow Palace": (),
}

# Words that make a capitalised phrase after "at"/"in" a venue.
VENUE_WORDS = _words(
    """
    hotel center centre hall auditorium pavilion theater theatre stadium arena pier club
    museum gallery convention conference ballroom studio studios campus forum expo palace
    plaza palazzo palacio teatro sala amphitheatre amphitheater park armory armoury dock docks
    warehouse gardens garden opera museu museo musée musee palau palais théâtre salle auditorio
    centro halle messe stadion estadio dome hangar cinema kino complex galleria galerie welt
    fairgrounds showroom terminal basilica church cathedral
    """
)


@dataclass(frozen=True)
class Place:
    """A place named in text: its canonical name, kind and span."""

    name: str
    kind: str  # "city", "country" or "venue"
    start: int
    end: int
    minor: bool = False  # a small city of the GeoNames table: may agree, never rule out
    implied: bool = False  # named by a show held there ("at Gamescom"): places, is no fact


def _names_pattern(names: dict[str, str]) -> re.Pattern[str]:
    forms = sorted(names, key=len, reverse=True)
    # Letters around the name must not continue a word ("SF" in "SFX", "US" in "USB").
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-]|\.\w)")


_CITY_BY_NAME = {alias: city for city, (_, aliases) in CITIES.items() for alias in (city, *aliases)}
_CITY_PATTERN = _names_pattern(_CITY_BY_NAME)
_COUNTRY_BY_NAME = {alias: code for code, aliases in COUNTRIES.items() for alias in aliases}
_COUNTRY_PATTERN = _names_pattern(_COUNTRY_BY_NAME)
_VENUE_BY_NAME = {
    alias: name for name, aliases in KNOWN_VENUES.items() for alias in (name, *aliases)
}
_VENUE_PATTERN = _names_pattern(_VENUE_BY_NAME)

_CAP = r"(?:(?:d'|l'|d’|l’)?[A-Z][\w'’&.-]*|\d+)"
_LINK = r"(?:of|for|the|and|de|del|di|la|&|du|des|d'|der|am|an)"
# "at the Fairmont hotel", "at Fort Mason", "all'hotel Fairmont", "im Palace Hotel"
_VENUE_PHRASE = re.compile(
    r"\b(?P<prep>at|in|inside|from|all'|al|nel|nell'|nella|en|el|im|in der|in dem|au|à la|à l'"
    r"|dans le|"
    r"dans la|desde|op|in het|no|na|w)\s*"
    r"(?:the\s+|l'|il\s+|la\s+|el\s+|der\s+|dem\s+|het\s+|de\s+|o\s+|a\s+)?"
    rf"(?P<name>(?:[Hh]otel\s+)?{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP})*"
    r"(?:(?:\s+(?:convention|conference|exhibition|event))?\s+"
    rf"(?:hotel|center|centre|hall|auditorium|pavilion|theater|theatre|stadium|arena|ballroom))?)"
)


@dataclass(frozen=True)
class KnownCity:
    """A city of the GeoNames table: its name, country and time zone."""

    name: str
    country: str
    zone: str
    population: int = 0


@cache
def gazetteer() -> dict[str, KnownCity]:
    """Every city of 50,000 people or more by each name it is written under (cities.tsv, from
    GeoNames); the bigger city keeps a name two share; the table above keeps its own names."""
    by_name: dict[str, KnownCity] = {}
    text = resources.files("monitor.extract.reading").joinpath("cities.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, country, zone, population, aliases = line.split("\t")
        canonical = _CITY_BY_NAME.get(name, name)
        city = KnownCity(canonical, country, zone, int(population))
        for form in (name, *filter(None, aliases.split("|"))):
            if form not in by_name and form not in _STOP_CITIES:
                by_name[form] = city
    for alias, canonical in _CITY_BY_NAME.items():
        known = by_name.get(canonical)
        by_name[alias] = KnownCity(canonical, CITIES[canonical][0],
                                   known.zone if known else "", _CURATED)
    return by_name


# Cities of the table above count as big ones wherever they are named.
_CURATED = 10**9
# A smaller city of the GeoNames table agrees with a watched city when named, but shares its
# name with too many districts and suburbs ("Camden", "Brooklyn") to rule an event out.
MINOR = 300_000
# City names that are words of the languages read, or first names, far more often than places.
_STOP_CITIES = frozenset(
    [
        "Mobile", "Reading", "Bath", "Split", "Nice", "Victoria", "Hamilton", "Lincoln", "Jackson",
        "Surprise", "Orange", "Marathon", "Independence", "Sale", "Deal", "Most", "Of", "Van",
        "Mission", "Florence", "Salem", "Troy", "Aurora", "Temple", "Columbia", "Chester", "Kent",
        "Lima", "Santiago", "Cordoba", "Mercedes", "Concordia", "Providence", "Vitoria", "Valencia",
        "Paris", "Palma", "Leon", "Jena", "Aachen", "Bonn", "Colon", "Como", "Bari", "Pau",
        "Granada", "Charlotte", "Albany", "Austin", "Dallas", "Phoenix", "Murcia", "Venezia",
        "Alexandria", "Victoria", "Darwin", "Hope", "Glory", "Union", "Ocean", "Bristol",
        "Washington", "Sydney", "Jersey", "Monaco", "Colonia", "Roma", "Essen", "Hof", "Aue", "Ulm",
        "Rom", "Mainz", "Siegen", "Regen", "Hamm", "Minden", "Halle", "Kiel", "Worms", "Marl",
        "Moers", "Gera", "Wels", "Hagen", "Herne", "Bottrop", "Gelsenkirchen", "Solingen", "Neuss",
        "Paderborn", "Wetzlar", "Pau", "Nancy", "Lens", "Tours", "Laval", "Angers", "Brest", "Metz",
        "Lorient", "Toulon", "Cannes", "Antibes", "Arles", "Sens", "Vannes", "Gap", "Cholet",
        "Mantes", "Bourges", "Evry", "Creteil", "Auxerre", "Dole"
    ]
)
# Words after which a capitalised name places something: "in Geneva", "the city of Chengdu".
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|from|to|city of|town of|ville de|città di|ciudad de|cidade de|Stadt|à|a|"
    r"en|nach|in der|im|em|no|na|w|we|ve|v|i|u|de|di|du|da|aus|bei|vers|verso|hacia|naar|te|"
    r"lieu à|held in|based in)\s+$"
)
_WORD_START = re.compile(r"(?<![\w'’.-])[A-ZÀ-Þ]")
_NAME = re.compile(r"[A-ZÀ-Þ][\w'’.-]*(?:[ -](?:de|di|del|la|am|an|sur|[A-ZÀ-Þ][\w'’.-]*)){0,3}")


def city_country(city: str) -> str | None:
    """The country code of a canonical city, if known."""
    entry = CITIES.get(city)
    if entry:
        return entry[0]
    known = gazetteer().get(city)
    return known.country if known else None


def city_zone(city: str) -> str | None:
    """The time zone (tz database name) of a city, if known."""
    known = gazetteer().get(city)
    return known.zone or None if known else None


def canonical_city(name: str) -> str | None:
    """The canonical name for a city as written, or None if it is not a known city."""
    if name in CITIES:
        return name
    if name in _CITY_BY_NAME:
        return _CITY_BY_NAME[name]
    known = gazetteer().get(name)
    return known.name if known else None


def _gazetteer_cities(text: str, taken: list[tuple[int, int]]) -> list[Place]:
    """Cities of the GeoNames table named right after a word that places something."""
    table = gazetteer()
    found: list[Place] = []
    for start in _WORD_START.finditer(text):
        match = _NAME.match(text, start.start())
        if match is None or any(s <= match.start() < e for s, e in taken + [
                (p.start, p.end) for p in found]):
            continue
        if not _LOCATIVE.search(text[max(0, match.start() - 14) : match.start()]):
            continue
        words = match.group(0).split(" ")
        for size in range(len(words), 0, -1):
            form = " ".join(words[:size]).rstrip(".,'’")
            city = table.get(form)
            if city is None:
                continue
            rest = text[match.start() + len(form) :]
            # "in Mobile World Congress": a longer name, not the city.
            if size < len(words) and re.match(r"\s+[A-Z]", rest) and not re.match(
                r"\s+(?:de|di|del|am)\b", rest):
                break
            found.append(Place(city.name, "city", match.start(), match.start() + len(form),
                               minor=city.population < MINOR))
            break
    return found


def find_places(text: str) -> list[Place]:
    """Cities, countries and venues in `text`, in order of appearance."""
    places: list[Place] = []
    for venue in find_venues(text):
        places.append(venue)
    taken = [(p.start, p.end) for p in places]
    for kind, pattern, table in (
        ("city", _CITY_PATTERN, _CITY_BY_NAME),
        ("country", _COUNTRY_PATTERN, _COUNTRY_BY_NAME),
    ):
        for match in pattern.finditer(text):
            # A city inside a venue name ("Fairmont San Francisco") still places the event.
            if kind == "country" and any(s <= match.start() < e for s, e in taken):
                continue
            places.append(Place(table[match.group(0)], kind, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    places.extend(_gazetteer_cities(text, [(p.start, p.end) for p in places]))
    taken = [(p.start, p.end) for p in places]
    for match in _SHOW_PATTERN.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            places.append(Place(SHOWS[match.group(0)], "city", match.start(), match.end(),
                                implied=True))
    return sorted(places, key=lambda p: p.start)


_SHOW_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(SHOWS, key=len, reverse=True))
    + r")(?![\w])")


def find_venues(text: str) -> list[Place]:
    """Venues: known ones by name, others as a capitalised phrase with a venue word."""
    venues: list[Place] = [
        Place(_VENUE_BY_NAME[m.group(0)], "venue", m.start(), m.end())
        for m in _VENUE_PATTERN.finditer(text)
    ]
    for match in _VENUE_PHRASE.finditer(text):
        start, end = match.span("name")
        if any(v.start < end and start < v.end for v in venues):
            continue
        at = match.group("prep").lower() not in ("in", "en", "from", "desde", "w", "op")
        name = _trim_venue(match.group("name"), text[end : end + 40] if at else "")
        if name:
            venues.append(Place(name.replace("’", "'"), "venue", start, start + len(name)))
    return sorted(venues, key=lambda p: p.start)


# A name that is a city, a country, a company or a word of time is no venue of its own.
_NOT_VENUE = frozenset(
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "The", "This", "That", "Its", "Their", "CES", "IFA", "MWC", "IAA",
        "Computex", "Gamescom", "WWDC", "GDC", "E3", "Build", "Ignite", "Connect", "Unpacked",
        # Month and weekday names of every language read ("im Juli in Berlin", "a luglio").
        *(form.capitalize() for forms in (*calendar_names.MONTHS.values(),
                                          *calendar_names.WEEKDAYS.values()) for form in forms),
    ]
)
# After a venue comes its city: "at the Printworks in south-east London", "at COEX, Seoul".
_IN_CITY = re.compile(r"^(?:,|\s+(?:in|à|a|en|in der|em"
                      r"|w)\b)\s+(?:[\w-]+\s+){0,2}?(?P<city>[A-ZÀ-Þ][\w'’ .-]{1,30})")


def _placed_name(words: list[str], after: str) -> str | None:
    """A name without a venue word is a venue when its city follows it ("at Printworks in
    London", "at COEX in Seoul"), unless it is a city, a country or a company itself."""
    name = " ".join(words)
    if not words or len(words) > 4 or any(w in _NOT_VENUE for w in words):
        return None
    match = _IN_CITY.match(after)
    if match is None:
        return None
    city = match.group("city")
    if not any(canonical_city(" ".join(city.split()[:n]).rstrip(".,")) for n in (1, 2, 3)):
        return None
    if canonical_city(name) or name in _COUNTRY_BY_NAME or _is_company(name):
        return None
    return name


def _is_company(name: str) -> bool:
    from monitor.extract.reading.companies import COMPANIES  # the tables are siblings

    return name in COMPANIES or name.split()[0] in COMPANIES


_POSSESSIVE = re.compile(r"^(?P<owner>[\w.&-]+?)(?:['’]s|['’])$")


def _without_owner(words: list[str]) -> list[str]:
    """A venue named with its city's, company's or hotel's possessive, without it: "Paris'
    Grand Palais", "Apple's Town Hall" (German "Apples Town Hall"), "The Venetian's Palazzo
    Ballroom" name the Grand Palais, the Town Hall, the Palazzo Ballroom."""
    lead = 1 if words[:1] == ["The"] else 0
    if len(words) < lead + 3:
        return words  # "Caesar's Palace": the possessive is the name
    owner = words[lead]
    match = _POSSESSIVE.match(owner)
    if match is not None:
        name = match.group("owner")
        if lead or canonical_city(name) or _is_company(name):
            return words[lead + 1:]
    elif owner.endswith("s") and _is_company(owner[:-1]) and not lead:
        return words[1:]
    return words


def _trim_venue(phrase: str, after: str = "") -> str | None:
    words = [w.rstrip(".,;:") for w in phrase.split()]
    # Cut at the last venue word so "Pier 48 Xiaomi" or "Hall Thursday" keep only the venue,
    # keeping the number or name a venue word leads ("Pier 94", "Museu Nacional d'Art").
    last = max((i for i, w in enumerate(words) if w.lower().strip(".,") in VENUE_WORDS), default=-1)
    if last < 0:
        return _placed_name(words, after)
    if last == 0:
        # A venue word first leads its name: "Museu Nacional d'Art de Catalunya", "Pier 94".
        while last + 1 < len(words):
            following = words[last + 1]
            if following.isdigit() or (following[:1].isupper() and following not in _NOT_VENUE) or (
                    re.match(r"[dl]['’][A-Z]", following)):
                last += 1
            elif following in ("de", "del", "di", "of", "du", "der") and last + 2 < len(words) and (
                    words[last + 2][:1].isupper()):
                last += 2
            else:
                break
    while last + 1 < len(words) and words[last + 1].isdigit():
        last += 1
    words = _without_owner(words[: last + 1])
    if len(words) == 1:
        return None  # "at the Hotel" names no venue
    if canonical_city(" ".join(words)):
        return None
    name = " ".join(words)
    # Lower-case venue words are written in the same case everywhere for equal values.
    return " ".join(w.capitalize() if w in VENUE_WORDS else w for w in name.split())
