"""Countries a text names: by name, demonym, flag emoji or symbol (☘️), as ISO-like codes.

`named(text)` → {code: as first written}. Written for the meaning-lock (guards/meaning.py), read by the
sign-off fits (closers.py) and the voice (voice.py) too: only names that mean a country in sports news are
listed; words that are often something else (Jordan, Chad, Georgia, Turkey, "American" of the American
League, "America" of Copa América) are left out.
"""

from __future__ import annotations

import re

from text import fold

# code: names and demonyms, lower case, "|"-separated
_NAMES = {
    "ar": "argentina|argentine|argentinian", "au": "australia|australian|aussie|aussies",
    "at": "austria|austrian", "bh": "bahrain|bahraini", "bd": "bangladesh|bangladeshi",
    "be": "belgium|belgian", "br": "brazil|brazilian|brasil", "bg": "bulgaria|bulgarian",
    "cm": "cameroon|cameroonian", "ca": "canada|canadian", "cv": "cape verde|cape verdean",
    "cl": "chile|chilean", "cn": "china|chinese", "co": "colombia|colombian", "hr": "croatia|croatian",
    "cu": "cuba|cuban", "cz": "czechia|czech republic|czech", "dk": "denmark|danish|dane|danes",
    "ec": "ecuador|ecuadorian", "eg": "egypt|egyptian", "gb-eng": "england|english|englishman",
    "et": "ethiopia|ethiopian", "fi": "finland|finnish", "fr": "france|french",
    "de": "germany|german", "gh": "ghana|ghanaian", "gb": "britain|great britain|british|uk|briton|britons",
    "gr": "greece|greek", "hu": "hungary|hungarian", "is": "iceland|icelandic", "in": "india|indian",
    "id": "indonesia|indonesian", "ir": "iran|iranian", "ie": "ireland|irish", "il": "israel|israeli",
    "it": "italy|italian", "ci": "ivory coast|ivorian|cote d'ivoire", "jm": "jamaica|jamaican",
    "jp": "japan|japanese", "th": "thailand|thai", "jo": "jordanian", "kz": "kazakhstan|kazakh", "ke": "kenya|kenyan",
    "mx": "mexico|mexican", "mc": "monaco|monegasque", "ma": "morocco|moroccan",
    "np": "nepal|nepalese|nepali", "nl": "netherlands|dutch|holland|dutchman", "nz": "new zealand|kiwi|kiwis",
    "ng": "nigeria|nigerian", "gb-nir": "northern ireland", "no": "norway|norwegian",
    "pk": "pakistan|pakistani", "pe": "peru|peruvian", "ph": "philippines|filipino",
    "pl": "poland|polish", "pt": "portugal|portuguese", "qa": "qatar|qatari", "ro": "romania|romanian",
    "ru": "russia|russian", "sa": "saudi arabia|saudi", "gb-sct": "scotland|scottish|scot|scots|scotsman",
    "sn": "senegal|senegalese", "rs": "serbia|serbian", "za": "south africa|south african",
    "kr": "south korea|korea|korean", "es": "spain|spanish|spaniard", "lk": "sri lanka|sri lankan",
    "se": "sweden|swedish|swede|swedes", "ch": "switzerland|swiss", "tn": "tunisia|tunisian",
    "ua": "ukraine|ukrainian", "ae": "uae|emirati", "us": "united states|usa|usmnt|uswnt",
    "uy": "uruguay|uruguayan", "gb-wls": "wales|welsh|welshman", "zw": "zimbabwe|zimbabwean",
    "af": "afghanistan|afghan", "tt": "trinidad|trinidadian", "eu": "europe|european",
    "ee": "estonia|estonian", "lv": "latvia|latvian", "lt": "lithuania|lithuanian", "si": "slovenia|slovenian",
    "sk": "slovakia|slovak",
}
_BY_NAME = {name: code for code, names in _NAMES.items() for name in names.split("|") if name}
_ALTERNATIVES = "|".join(sorted(map(re.escape, _BY_NAME), key=len, reverse=True))
_NAME = re.compile(rf"\b(?:{_ALTERNATIVES})\b")
# Part of another place, or of an event's name: the French Open says nothing about who won it.
_NOT_A_COUNTRY = re.compile(
    r"\bnew mexico\b|\bnew england\b|\bbritish columbia\b|\bindian wells\b|\bindian ocean\b"
    rf"|\b(?:{_ALTERNATIVES}) (?:open|grand prix|gp|masters|(?:premier |super )?league|cup|championships?"
    r"|derby|classic|tour|national)\b"
)
_FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}|\U0001F3F4[\U000E0061-\U000E007A]+\U000E007F")
_SYMBOLS = {"\u2618": "ie"}  # ☘️: Ireland's, as the house sign-offs use it
# The UK's flag and its nations' flags stand for each other.
_UNITED_KINGDOM = frozenset({"gb", "gb-eng", "gb-sct", "gb-wls", "gb-nir"})


def _flag_code(flag: str) -> str:
    if flag.startswith("\U0001F3F4"):  # 🏴 + tag letters "gbeng" + cancel tag
        tags = "".join(chr(ord(ch) - 0xE0000) for ch in flag[1:-1])
        return f"{tags[:2]}-{tags[2:]}"
    return "".join(chr(ord(ch) - 0x1F1E6 + ord("a")) for ch in flag)


def named(text: str) -> dict[str, str]:
    """{code: as first written} for every country `text` names or flags."""
    found: dict[str, str] = {}
    folded = " ".join(fold(w) for w in re.findall(r"[\w'’]+", text or ""))
    folded = _NOT_A_COUNTRY.sub(" ", folded)
    for match in _NAME.finditer(folded):
        found.setdefault(_BY_NAME[match.group(0)], match.group(0))
    for match in _FLAG.finditer(text or ""):
        found.setdefault(_flag_code(match.group(0)), match.group(0))
    for symbol, code in _SYMBOLS.items():
        if symbol in (text or ""):
            found.setdefault(code, symbol)
    return found


def is_country_name(name: str) -> bool:
    """A country's name ("scotland", "south korea"), not its people's ("scottish") or a nickname ("aussies")."""
    return any(name.casefold() == names.split("|")[0] for names in _NAMES.values())


def is_demonym(word: str) -> bool:
    """A word that names a country's people, not the country: "Dane", "Swedish", "Thai"; not "Denmark"."""
    written = list(named(word).values())
    return len(written) == 1 and written[0] == fold(word) and not is_country_name(written[0])


def country_name(code: str) -> str:
    """The country's name as written in a headline ("Scotland", "New Zealand", "UAE")."""
    name = _NAMES[code].split("|")[0]
    return name.upper() if len(name) <= 3 else name.title()


def supported(code: str, named_codes) -> bool:
    """Whether naming `code` is backed by the `named_codes` of a snippet."""
    if code in named_codes:
        return True
    return code in _UNITED_KINGDOM and bool(_UNITED_KINGDOM & set(named_codes))
