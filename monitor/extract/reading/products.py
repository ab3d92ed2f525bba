"""Product names in a sentence: a series or a maker's name, then model words, kept as data.

A product is named the way makers name them: a series ("Galaxy", "iPhone", "Surface") or the
maker itself ("Huawei", "Vivo", "OnePlus") followed by model words (numbers, letter-number
codes, and words such as Pro, Max, Ultra, Fold, Watch). Lists shorten the names after the
first ("the iPhone 15, 15 Plus and 15 Pro", "Galaxy Z Fold 5 and Flip 5"): each item takes the
head of the name before it. Values are normalised so that sources agree: the maker's name is
dropped before a series that says the maker anyway ("Samsung Galaxy S6" is "Galaxy S6"),
plurals become singular, model words take the maker's case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.reading.companies import COMPANIES

# Series names whose products are named by the series and model words. True: the series name
# alone is a product ("Chromecast", "Apple Watch"); False: it needs a model ("Galaxy S6").
SERIES: dict[str, bool] = {
    # Apple
    "iPhone": True, "iPad": True, "iPod": True, "iMac": True, "MacBook": True, "Mac mini": True,
    "Mac Pro": True, "Mac Studio": True, "AirPods": True, "AirTag": True, "HomePod": True,
    "Apple Watch": True, "Apple TV": True, "Apple Pencil": True, "Vision Pro": True,
    "iWatch": True,
    # Samsung
    "Galaxy": False, "Gear": False,
    # Google
    "Pixel": False, "Pixelbook": True, "Pixel Buds": True, "Pixel Watch": True,
    "Pixel Fold": True, "Pixel Tablet": True, "Nexus": False, "Chromecast": True, "Nest": False,
    "Google Home": True, "Google Assistant": True, "Google Glass": True, "Stadia": True,
    # Microsoft
    "Surface": False, "Xbox": False, "Lumia": False, "HoloLens": True,
    # Sony, Nintendo
    "PlayStation": False, "PS5": True, "PS4": True, "PS VR2": True, "PSVR2": True,
    "Xperia": False, "Nintendo Switch": True, "Switch": False,
    # Xiaomi
    "Mi": False, "Redmi": True, "Poco": False, "POCO": False, "MIUI": True,
    # Motorola, OnePlus, Amazon, Meta, Tesla
    "Moto": False, "Razr": True, "Nord": False, "Kindle": True, "Echo": False, "Fire TV": True,
    "Alexa": True, "Quest": False, "Model": False, "Cybertruck": True, "Roadster": True,
    "Optimus": True, "Cybercab": True,
    # Huawei, Honor, Oppo, Vivo, Realme: series kept with the maker's name (see MAKER_FIRST)
    "Mate": False, "MatePad": False, "MateBook": False, "Pura": False, "nova": False,
    "Magic": False, "Find": False, "Reno": False,
    # chips and cards
    "Snapdragon": False, "Ryzen": False, "Radeon": False, "GeForce": False, "Core Ultra": False,
    "Exynos": False, "Kirin": False, "Tensor": False, "Dimensity": False,
    # the Xiaomi ones the shipped story names
    "Yi Action Camera": True, "Yi Camera": True,
}
# Makers whose model names keep the maker's name in front ("Huawei Mate 30", "Vivo V19").
MAKER_FIRST: dict[str, str] = {
    "Mate": "Huawei", "MatePad": "Huawei", "MateBook": "Huawei", "Pura": "Huawei",
    "nova": "Huawei", "Magic": "Honor", "Find": "Oppo", "Reno": "Oppo", "Nord": "OnePlus",
    "Switch": "Nintendo",
}
# Who makes each series, so a phone's chip or a rival's phone named in passing is not this
# event's product.
SERIES_MAKER: dict[str, str] = {
    **dict.fromkeys(("iPhone", "iPad", "iPod", "iMac", "MacBook", "Mac mini", "Mac Pro",
                     "Mac Studio", "AirPods", "AirTag", "HomePod", "Apple Watch", "Apple TV",
                     "Apple Pencil", "Vision Pro", "iWatch"), "Apple"),
    **dict.fromkeys(("Galaxy", "Gear", "Exynos"), "Samsung"),
    **dict.fromkeys(("Pixel", "Pixelbook", "Pixel Buds", "Pixel Watch", "Pixel Fold",
                     "Pixel Tablet", "Nexus", "Chromecast", "Nest", "Google Home",
                     "Google Assistant", "Google Glass", "Stadia", "Tensor"), "Google"),
    **dict.fromkeys(("Surface", "Xbox", "Lumia", "HoloLens"), "Microsoft"),
    **dict.fromkeys(("PlayStation", "PS5", "PS4", "PS VR2", "PSVR2", "Xperia"), "Sony"),
    **dict.fromkeys(("Nintendo Switch", "Switch"), "Nintendo"),
    **dict.fromkeys(("Mi", "Redmi", "Poco", "POCO", "MIUI", "Yi Action Camera", "Yi Camera"),
                    "Xiaomi"),
    **dict.fromkeys(("Moto", "Razr"), "Motorola"),
    "Nord": "OnePlus",
    **dict.fromkeys(("Kindle", "Echo", "Fire TV", "Alexa"), "Amazon"),
    "Quest": "Meta",
    **dict.fromkeys(("Model", "Cybertruck", "Roadster", "Optimus", "Cybercab"), "Tesla"),
    **dict.fromkeys(("Mate", "MatePad", "MateBook", "Pura", "nova", "Kirin"), "Huawei"),
    "Magic": "Honor",
    **dict.fromkeys(("Find", "Reno"), "Oppo"),
    "Snapdragon": "Qualcomm",
    **dict.fromkeys(("Ryzen", "Radeon"), "AMD"),
    "GeForce": "Nvidia",
    "Core Ultra": "Intel",
    "Dimensity": "MediaTek",
}
# Other names of one product -> the name most sources use.
SAME_PRODUCT: dict[str, str] = {"PS5": "PlayStation 5", "PS4": "PlayStation 4"}
# Plural forms as articles write them -> the one value every source shares. Only words whose
# plural is not itself the product's name ("Mi Headphones" stays as it is).
SINGULAR: dict[str, str] = {
    "Bands": "Band",
    "Banks": "Bank",
    "Phones": "Phone",
    "Watches": "Watch",
    "Speakers": "Speaker",
    "Cameras": "Camera",
    "Routers": "Router",
    "Boxes": "Box",
    "Pads": "Pad",
    "Scales": "Scale",
}
# Words a model name goes on with ("Galaxy Z Fold 5", "Surface Laptop Studio", "Mi Power Bank").
MODEL_WORDS = (
    "Pro", "Max", "Ultra", "Plus", "Lite", "Mini", "mini", "Air", "Neo", "Edge", "edge", "Note",
    "Fold", "Flip", "Active", "Youth", "Explorer", "Prime", "Studio", "Laptop", "Book", "Go",
    "Duo", "Buds", "Watch", "Tab", "Ring", "Band", "Power", "Bank", "Headphones", "In-Ear",
    "Router", "TV", "Box", "Hub", "Slim", "Digital", "Series", "Classic", "Sport", "SE", "FE",
    "XL", "GT", "VR", "Turbo", "Speaker", "Scale", "Pad", "Tablet", "Camera", "Display",
    "Elite", "Gen", "Portal", "Vision", "Ink", "Halo", "Neural", "Compact", "Premium",
    "Earbuds", "Earphones", "Headset", "Keyboard", "Mouse", "Pen", "Pencil", "Dock",
)
_MODEL_TOKEN = (
    r"(?:\d+(?:\.\d)?[A-Za-z]*\+?|[A-Z]{1,3}\d+[A-Za-z]*\+?|[A-Z]{2,4}(?=\s+\d)|(?:III|II|IV|VI)(?![\w'’/])"
    r"|[A-Z][a-z]+\d+[A-Za-z]*|[a-z]{1,2}[A-Z]+\d*|\(\d+[a-z]?\)|[A-Z]{1,2}(?![\w'’])|"
    + "|".join(re.escape(w) for w in sorted([*MODEL_WORDS, *SINGULAR], key=len, reverse=True))
    + r"|pro|max|lite|plus|ultra)\+?(?![\w/])(?!-\d)"
)
_SERIES_PATTERN = re.compile(
    r"(?<![\w-])(?P<series>" + "|".join(re.escape(s) for s in sorted(SERIES, key=len, reverse=True))
    + rf")(?P<model>(?:\s+{_MODEL_TOKEN}){{0,4}})(?![\w-])"
)
_CALENDAR = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
             r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# "Vivo V19", "OnePlus 7 Pro", "Nothing Phone (3)", "Nokia 9 PureView", "Tesla Semi".
_MAKERS = tuple(sorted({*COMPANIES, "Xiaomi", "Honor", "Realme", "realme", "Nothing", "Fairphone",
                        "Nokia", "Tesla", "HMD", "Meizu", "iQOO", "Infinix", "Tecno", "Vivo",
                        "vivo", "Oppo", "OPPO", "BMW", "Audi", "Mercedes", "Mercedes-Benz",
                        "Volkswagen", "VW", "Renault", "Volvo", "Ford", "Toyota", "Honda",
                        "Hyundai", "Kia", "Porsche", "Ferrari", "Fiat", "Škoda", "Skoda",
                        "Nissan", "Peugeot", "Citroën", "Opel", "Polestar", "BYD", "NIO", "XPeng",
                        "Lucid", "Rivian", "Garmin", "Fitbit", "Razer", "Logitech", "GoPro",
                        "DJI", "Insta360", "Ubisoft", "Valve", "Steam"},
                       key=len, reverse=True))
_MAKER_PATTERN = re.compile(
    r"(?<![\w-])(?P<maker>" + "|".join(re.escape(m) for m in _MAKERS) + r")"
    rf"(?P<model>(?:\s+(?:Phone(?=\s+\(?\d)|{_MODEL_TOKEN}"
    rf"|(?!{_CALENDAR})(?-i:[A-Z][a-z]+)(?=\s+\d))){{1,4}})"
    r"(?![\w-])|(?<![\w-])(?P<named>Tesla Semi|Nokia \d+ PureView)(?![\w-])"
)
# An item of a list that shortens the name before it: "15 Plus", "Flip 5", "S23 Ultra".
_LIST_ITEM = re.compile(
    rf"(?:,\s*|\s+(?:and|or|y|e|et|und|en|o|ou|oder|&)\s+|\s*/\s*)(?:the\s+|a\s+|el\s+|il\s+|le\s+|"
    rf"das\s+|de\s+|o\s+)?(?P<item>{_MODEL_TOKEN}(?:\s+{_MODEL_TOKEN}){{0,3}})(?![\w-])"
)
_ABBREVIATIONS = frozenset(
    ["VP", "SVP", "EVP", "CEO", "CFO", "CTO", "COO", "CMO", "US", "UK", "EU", "AI", "PR", "HQ",
     "IT", "OS", "UI"]
)
# Words that end a product name although capitalised ("Mi Band On Sale", "Mi Note In India").
_STOP = frozenset(
    [
        "In", "On", "At", "To", "For", "From", "With", "And", "Or", "The", "A", "An", "By", "Of",
        "Is", "Will", "Would", "Was", "Are", "Be", "Thursday", "Friday", "Monday", "Tuesday",
        "Wednesday", "Saturday", "Sunday", "Today", "US", "U.S.", "India", "China", "Fan", "Fans",
        "Home", "Store", "Com", "Unpacked", "Event", "Launch", "Could", "May", "Might", "Can",
        "Release", "Date", "Price", "Specs", "Review"
    ]
)

# Model words written in several cases -> the maker's own spelling.
_CASE: dict[str, str] = {
    w.lower(): w for w in ("edge", "edge+", "Plus", "Pro", "Max", "mini", "Lite", "Note", "Active",
                           "Ultra")
}
# Product-type words that are no model on their own ("Galaxy Phone", "Mi Smartphone").
_NOT_A_MODEL = frozenset({"Phone", "Smartphone", "Series"})


@dataclass(frozen=True)
class Product:
    """A product name in text and where it stands."""

    name: str
    start: int
    end: int
    maker: str | None = None  # who makes it, when the name says so


def find_products(text: str) -> list[Product]:
    """Product names in `text`, in order, without overlaps; list items take their head."""
    found: list[Product] = []
    for match in _SERIES_PATTERN.finditer(text):
        series, model = match.group("series"), match.group("model")
        words = _trim(model.split())
        if not words and not SERIES[series]:
            continue
        if words and all(w in _NOT_A_MODEL for w in words) and not SERIES[series]:
            continue
        start = match.start()
        maker = _maker_before(text, start)
        head = [series]
        if series in MAKER_FIRST:
            head = [MAKER_FIRST[series], series]
            if maker:
                start -= len(maker) + 1
        elif maker:
            start -= len(maker) + 1  # "Samsung Galaxy S6" is the Galaxy S6
        end = match.start() + len(series) + _span(model, words)
        if words and (extra := _suffix(text, end, words[-1])):
            words.append(extra)
            end = text.index(extra, end) + len(extra)
        name = " ".join([*head, *words])
        found.append(Product(normalise_product(SAME_PRODUCT.get(name, name)), start, end,
                             SERIES_MAKER.get(series)))
    for match in _MAKER_PATTERN.finditer(text):
        if any(p.start < match.end() and match.start() < p.end for p in found):
            continue
        if match.group("named"):
            found.append(Product(match.group("named"), match.start(), match.end(),
                                 match.group("named").split()[0]))
            continue
        maker, model = match.group("maker"), match.group("model")
        words = _trim(model.split())
        if not words or not (any(re.search(r"\d", w) for w in words) or len(words) >= 2
                             or re.fullmatch(r"[A-Z]{1,3}", words[0])):
            continue
        if words[0] in _ABBREVIATIONS:
            continue  # "the Xiaomi VP", "Samsung CEO": people, not products
        end = match.start() + len(maker) + _span(model, words)
        if extra := _suffix(text, end, words[-1]):
            words.append(extra)
            end = text.index(extra, end) + len(extra)
        found.append(Product(normalise_product(" ".join([maker, *words])), match.start(), end,
                             maker))
    found.sort(key=lambda p: p.start)
    return _expand_lists(text, found)


def _maker_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 12) : start]
    for maker in _MAKERS:
        if before.endswith(maker + " "):
            return maker
    return None


def _trim(words: list[str]) -> list[str]:
    for i, word in enumerate(words):
        if word in _STOP:
            words = words[:i]
            break
    # "the OnePlus 7 series" is the OnePlus 7 and its siblings; "Apple Watch Series 9" a model.
    if words and words[-1].lower() == "series":
        words = words[:-1]
    return words


_SUFFIX = re.compile(r"\s+(?P<word>(?-i:[A-Z][a-z]{2,}[A-Za-z]*))(?![\w-])")


def _suffix(text: str, end: int, last: str) -> str | None:
    """A name word after a model code: "Moto X Play", "Nokia 9 PureView", "Galaxy S6 Active"."""
    if not re.search(r"\d|^[A-Z]{1,2}$", last):
        return None
    match = _SUFFIX.match(text, end)
    if match is None or match.group("word") in _STOP or match.group("word") in _NOT_SUFFIX:
        return None
    if re.match(r"\s+[A-Z]", text[match.end() :]):
        return None  # "Galaxy S6 Edge Plus" is read by the model words; "S6 Samsung Pay" is not
    return match.group("word")


# Capitalised words after a model that start something else.
_NOT_SUFFIX = frozenset(
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "This", "That", "These", "There", "Then", "Apple", "Samsung",
        "Google", "Microsoft", "Sony", "Xiaomi", "Huawei", "Nokia", "Motorola", "Android",
        "Windows", "Chrome", "Could", "Would", "Will", "Should", "Also", "Both", "Series", "Launch",
        "Event", "Price", "Release", "Review", "Hands", "Camera", "Specs"
    ]
)


def _span(model: str, words: list[str]) -> int:
    """How far the kept model words reach into `model` (which starts with whitespace)."""
    if not words:
        return 0
    at = 0
    for word in words:
        at = model.index(word, at) + len(word)
    return at


def _expand_lists(text: str, found: list[Product]) -> list[Product]:
    """"the iPhone 15, 15 Plus and 15 Pro": each shortened item takes the name before it."""
    out: list[Product] = []
    for product in found:
        out.append(product)
        current = product
        while True:
            match = _LIST_ITEM.match(text, current.end)
            if match is None:
                break
            item = match.group("item").split()
            name = _complete(current.name, item)
            if name is None:
                break
            start, end = match.start("item"), match.end("item")
            if any(p.start < end and start < p.end for p in found):
                break
            current = Product(normalise_product(name), start, end, product.maker)
            out.append(current)
    return out


def _complete(name: str, item: list[str]) -> str | None:
    """The full name of list item `item` after product `name`: the item replaces the part of
    the name from the word of its own kind ("Galaxy Z Fold 5" + "Flip 5" -> "Galaxy Z Flip 5")."""
    words = name.split()
    first = item[0]
    numeric = bool(re.match(r"\(?\d", first))
    for i in range(len(words) - 1, 0, -1):
        word = words[i]
        if numeric and re.match(r"\(?\d", word):
            return " ".join(words[:i] + item)
        if (not numeric and not re.match(r"\(?\d", word) and word in MODEL_WORDS
                and first in MODEL_WORDS):
            if word in ("Pro", "Max", "Ultra", "Plus", "Lite", "Mini", "mini", "edge", "Edge"):
                continue
            return " ".join(words[:i] + item)
    return None


def normalise_product(name: str) -> str:
    """One value for a product however it is written: singular, the maker's model words, a
    size letter apart from its number ("Pixel 3XL" is the Pixel 3 XL)."""
    name = re.sub(r"(?<=\d)(XL|XR|XS)\b", r" \1", name)
    words = name.split()
    head, tail = words[0], words[1:]
    tail = [_CASE.get(w.lower(), w) for w in tail]
    if tail:
        tail[-1] = SINGULAR.get(tail[-1], tail[-1])
    return " ".join([head, *tail])
