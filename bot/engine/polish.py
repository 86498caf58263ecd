"""Polish repair words, read as the English words the triage rules know.

The rule files are written in English, so "czuję gaz w kuchni" would reach a person
only after a wait. Polish is heavily inflected (kran, kranu, kranem), so each entry is a
stem: a word that starts with it, give or take a Polish ending, reads as its English.
Phrases ("nie działa") are read first. The glossed words are added to the description
in brackets, marked as translated automatically: triage reads them, the tenant's own
words stay as written, and whoever does the job sees both.
"""

from __future__ import annotations

import re

from bot.engine.words import looks_polish, plain

# Several words that mean one thing: each word of the phrase is a stem.
PHRASES: tuple[tuple[str, str], ...] = (
    ("nie dzial", "not working"),
    ("nie ma", "no"),
    ("nie moge", "cannot"),
    ("nie da sie", "cannot"),
    ("nie zamyk", "will not close"),
    ("nie zamkn", "will not close"),
    ("nie splyw", "blocked"),
    ("nie grzej", "not heating"),
    ("nie leci", "no"),
    ("leje sie", "pouring"),
    ("leci woda", "water pouring"),
    ("pali sie", "on fire"),
    ("tlenek wegl", "carbon monoxide"),
    ("ciepl wod", "hot water"),
    ("gorac wod", "hot water"),
    ("zimn wod", "cold water"),
    ("pekl rur", "burst pipe"),
    ("pekniet rur", "burst pipe"),
    ("drzwi wejsciow", "front door"),
    ("klatk schod", "communal stairwell"),
    ("klatc schod", "communal stairwell"),
    ("drzwi frontow", "front door"),
)
# Stem -> English. A stem of two letters must be the whole word.
STEMS: dict[str, str] = {
    # gas, carbon monoxide, fire
    "gaz": "gas",
    "czad": "carbon monoxide",
    "czujnik": "alarm",
    "alarm": "alarm",
    "zapach": "smell",
    "smrod": "smell",
    "smierdz": "smells",
    "czuc": "smell",
    "czuje": "smell",
    "ulatni": "leaking",
    "pozar": "fire",
    "ogien": "fire",
    "plomie": "flames",
    "dym": "smoke",
    "iskr": "sparks",
    "spalenizn": "burning",
    "kuchenk": "cooker",
    "piekarnik": "oven",
    "plyt": "hob",
    "piec": "boiler",
    "piecyk": "boiler",
    "kociol": "boiler",
    "bojler": "boiler",
    "boiler": "boiler",
    "zawrot": "dizzy",
    "mdlosc": "sick",
    "bol glowy": "headache",
    # water
    "wod": "water",
    "ciekn": "leaking",
    "ciek": "leaking",
    "przeciek": "leak",
    "przecieka": "leaking",
    "wyciek": "leak",
    "kapie": "dripping",
    "kapi": "dripping",
    "zalew": "flooding",
    "zalal": "flooded",
    "zalan": "flooded",
    "powodz": "flood",
    "rur": "pipe",
    "pekl": "burst",
    "pekniet": "cracked",
    "pekniec": "crack",
    "kran": "tap",
    "bateri": "tap",
    "zlew": "sink",
    "zlewozmywak": "sink",
    "umywalk": "basin",
    "toalet": "toilet",
    "ubikacj": "toilet",
    "sedes": "toilet",
    "wc": "toilet",
    "muszl": "toilet",
    "spluczk": "flush",
    "zapchan": "blocked",
    "zatkan": "blocked",
    "zator": "blocked",
    "wann": "bath",
    "prysznic": "shower",
    "sciek": "sewage",
    "szamb": "sewage",
    "kanalizacj": "sewage",
    "cisnien": "pressure",
    # heating
    "ogrzewani": "heating",
    "kaloryfer": "radiator",
    "grzejnik": "radiator",
    "ciepl": "hot",
    "gorac": "hot",
    "zimn": "cold",
    "chlodn": "cold",
    # electricity
    "prad": "power",
    "elektryczn": "electric",
    "swiatl": "lights",
    "lamp": "light",
    "zarowk": "bulb",
    "gniazd": "socket",
    "kontakt": "socket",
    "bezpiecznik": "fuse",
    "korki": "fuse",
    "przewod": "wires",
    "kabel": "cable",
    "kable": "wires",
    "wylacznik": "switch",
    "wlacznik": "switch",
    "porazi": "electric shock",
    # doors, windows, security
    "drzwi": "door",
    "zamek": "lock",
    "zamk": "lock",
    "klucz": "key",
    "okn": "window",
    "okien": "window",
    "szyb": "glass",
    "wybit": "smashed",
    "rozbit": "smashed",
    "wlaman": "break in",
    "wlamal": "break in",
    "zawias": "hinge",
    # damp, mould, pests
    # false friends: longer stems that win over a repair word's stem, and mean nothing here
    "gazet": "",
    "plotk": "",
    "domofon": "intercom",
    "plesn": "mould",
    "grzyb": "mould",
    "wilgoc": "damp",
    "wilgotn": "damp",
    "zawilgoc": "damp",
    "skropli": "condensation",
    "kondensac": "condensation",
    "mysz": "mice",
    "szczur": "rats",
    "karaluch": "cockroaches",
    "pluskw": "bedbugs",
    "mrowk": "ants",
    "gniazdo os": "wasps nest",
    # the home
    "kuchni": "kitchen",
    "kuchn": "kitchen",
    "lazienk": "bathroom",
    "sypialn": "bedroom",
    "salon": "living room",
    "pokoj": "room",
    "korytarz": "hallway",
    "schod": "stairs",
    "sufit": "ceiling",
    "scian": "wall",
    "podlog": "floor",
    "dach": "roof",
    "rynn": "gutter",
    "balkon": "balcony",
    "ogrod": "garden",
    "plot": "fence",
    "wind": "lift",
    "klatk": "stairwell",
    "klatc": "stairwell",
    "mieszkani": "flat",
    "dom": "home",
    "calym": "whole",
    "caly": "whole",
    "wszedzie": "everywhere",
    # what is wrong
    "brak": "no",
    "bez": "no",
    "nie": "not",
    "zepsu": "broken",
    "popsu": "broken",
    "uszkodz": "damaged",
    "odpad": "falling off",
    "spadl": "fell",
    "zawali": "collapsed",
    "zarwa": "collapsed",
    "utknal": "trapped",
    "uwiez": "trapped",
    "zablokowan": "stuck",
    "luzn": "loose",
    "halas": "noise",
    "glosn": "noisy",
    # who lives there
    "dzieck": "baby",
    "niemowl": "baby",
    "noworod": "newborn",
    "ciaz": "pregnant",
    "starsz": "elderly",
    "niepelnospraw": "disabled",
    "wozk": "wheelchair",
}
# How many letters of ending a stem may carry ("kran" + "ami").
ENDING = 5
LABEL = "words translated automatically"
_TOKEN = re.compile(r"[a-z0-9]+")


def _matches(token: str, stem: str) -> bool:
    if len(stem) <= 2:
        return token == stem
    # A short stem takes a short ending only: "gaz" is "gazu", never "gazeta".
    ending = 3 if len(stem) == 3 else ENDING
    return token.startswith(stem) and len(token) - len(stem) <= ending


def gloss(text: str) -> str:
    """The English of the Polish repair words in ``text``, in their order ("" if none)."""
    tokens = _TOKEN.findall(plain(text))
    found: list[str] = []
    index = 0
    while index < len(tokens):
        step, english = 1, None
        for phrase, meaning in (*PHRASES, *((s, e) for s, e in STEMS.items() if " " in s)):
            stems = phrase.split()
            window = tokens[index : index + len(stems)]
            if len(window) == len(stems) and all(map(_matches, window, stems)):
                step, english = len(stems), meaning
                break
        if english is None:
            candidates = [s for s in STEMS if " " not in s and _matches(tokens[index], s)]
            english = STEMS[max(candidates, key=len)] if candidates else None
        if english and (not found or found[-1] != english):
            found.append(english)
        index += step
    return " ".join(found)


def with_gloss(text: str, polish: bool = True) -> str:
    """``text`` with its glossed English in brackets, when it is Polish (the tenant
    writes in Polish, or the words look Polish) and has Polish repair words. English
    text is left alone: "wind" is not a lift."""
    english = gloss(text) if polish or looks_polish(text) else ""
    return f"{text}\n\n[{LABEL}: {english}]" if english else text
